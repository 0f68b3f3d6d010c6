"""Uploads: a whole course as a zip, one file into a course, a Moodle GIFT bank into a quiz, and GIFT export."""

import io
import stat
import zipfile

import pytest
from sqlalchemy import select

from app.content import sources
from app.content.sources import write_zip
from app.extensions import db
from app.models import ModuleDraft
from tests.authoring.conftest import MODULE_02, QUIZ_02, SLUG, sample_files, snapshot, upload, version_text, versions
from tests.conftest import post_form


def zip_of(entries: dict[str, bytes], links: tuple[str, ...] = ()) -> bytes:
    """A zip written by hand, so it can hold what no honest course folder does."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in entries.items():
            info = zipfile.ZipInfo(name)
            info.compress_type = zipfile.ZIP_DEFLATED  # small uploads: the test client spools big ones to disk
            if name in links:
                info.external_attr = (stat.S_IFLNK | 0o777) << 16
            archive.writestr(info, data)
    return buffer.getvalue()


def upload_zip(client, data: bytes, note: str = ""):
    return post_form(client, "/authoring/", {"archive": upload(data, "course.zip"), "note": note})


def test_zip_upload_creates_the_course_then_an_identical_upload_is_unchanged(app, client, trainer):
    archive = write_zip(sample_files(), SLUG)
    response = upload_zip(client, archive, note="First import")
    assert response.status_code == 302
    assert response.headers["Location"] == f"/authoring/{SLUG}"
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert f"Course {SLUG} imported as version 1." in page
    assert "Tess Trainer" in page and "First import" in page  # in the version history
    listing = client.get("/authoring/").get_data(as_text=True)
    assert "Including migrants in emergency management" in listing
    assert "English, French, and Arabic" in listing

    response = upload_zip(client, archive)
    assert response.status_code == 302
    assert "unchanged (version 1)" in client.get(response.headers["Location"]).get_data(as_text=True)
    assert [number for number, _hash, _note in versions(app)] == [1]


def test_zip_upload_of_a_changed_course_publishes_version_2(app, client, trainer, sample_course):
    files = sample_files() | {MODULE_02: sample_files()[MODULE_02] + b"\nA new closing line.\n"}
    response = upload_zip(client, write_zip(files, SLUG))
    assert "Published version 2." in client.get(response.headers["Location"]).get_data(as_text=True)
    assert "A new closing line." in version_text(app, 2, MODULE_02)


@pytest.mark.parametrize(
    ("archive", "message"),
    [
        (lambda: zip_of({"course.yaml": b"slug: x\n", "../evil.md": b"# evil"}), "paths leaving the course folder"),
        (lambda: zip_of({"course.yaml": b"slug: x\n", "01-a.md": b"/etc/passwd"}, links=("01-a.md",)), "links are not"),
        (lambda: zip_of({f"images/{i}.png": b"x" for i in range(sources.MAX_FILES + 1)}), "too many files"),
        (lambda: b"This is not a zip at all", "not a zip file"),
    ],
    ids=["path-traversal", "symlink", "too-many-files", "not-a-zip"],
)
def test_unreadable_zip_is_refused_with_its_reason_and_writes_nothing(app, client, trainer, archive, message):
    before = snapshot(app)
    response = upload_zip(client, archive())
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "The zip file could not be read. Nothing was published." in page
    assert message in page
    assert snapshot(app) == before


def test_zip_with_a_file_over_the_size_limit_is_refused(app, client, trainer):
    before = snapshot(app)
    picture = bytes(sources.MAX_FILE_BYTES + 1)  # zeros: the zip itself stays small
    response = upload_zip(client, zip_of({"course.yaml": b"slug: x\n", "images/big.png": picture}))
    assert response.status_code == 422
    assert "images/big.png: larger than 5 MiB" in response.get_data(as_text=True)
    assert snapshot(app) == before


def test_zip_of_a_course_with_an_error_lists_it_by_file_and_line_and_writes_nothing(app, client, trainer):
    files = sample_files()
    files[MODULE_02] = files[MODULE_02].replace(b"phase: emergency-response", b"phase: sometime")
    before = snapshot(app)
    response = upload_zip(client, write_zip(files, SLUG))
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "Nothing was published" in page
    assert f"{MODULE_02}:3: unknown phase &#39;sometime&#39;" in page
    assert snapshot(app) == before


def test_zip_upload_without_a_file_says_so(client, trainer):
    response = post_form(client, "/authoring/", {"note": "forgot the file"})
    assert response.status_code == 400
    assert "Choose a zip file." in response.get_data(as_text=True)


def test_one_file_upload_adds_a_translation_as_a_new_version(app, client, trainer, sample_course):
    translation = "---\nid: warn-in-languages\ntranslates: c1556cac98a3\ntitle: Alerter\n---\n\nTexte.\n"
    response = post_form(
        client, f"/authoring/{SLUG}/upload", {"file": upload(translation.encode(), "02-warn-in-languages.fr.md")}
    )
    assert response.status_code == 302
    assert "Published version 2." in client.get(response.headers["Location"]).get_data(as_text=True)
    assert version_text(app, 2, "02-warn-in-languages.fr.md") == translation
    assert version_text(app, 1, "02-warn-in-languages.fr.md") is None


def test_one_file_upload_with_an_error_or_a_wrong_name_writes_nothing(app, client, trainer, sample_course):
    before = snapshot(app)
    broken = sample_files()[MODULE_02].replace(b"minutes: 25", b"minutes: soon")
    response = post_form(client, f"/authoring/{SLUG}/upload", {"file": upload(broken, MODULE_02)})
    assert response.status_code == 422
    assert f"{MODULE_02}:6: minutes must be a whole number" in response.get_data(as_text=True)
    response = post_form(client, f"/authoring/{SLUG}/upload", {"file": upload(b"# hi", "notes.txt")})
    assert response.status_code == 422
    assert "is not named like a course file" in response.get_data(as_text=True)
    assert snapshot(app) == before


ESSAY_GIFT = b"""::ok:: Migrants should be included in contingency planning. {T}

// An essay cannot be marked automatically.
::essay:: Describe your country's evacuation plan. {}
"""
GOOD_GIFT = """::consulates:: Who keeps a register of nationals abroad? {
  =Consulates#Right.
  ~Airlines
}

::include:: Migrants should be included in contingency planning. {T}
"""


def test_gift_with_an_essay_question_is_refused_with_its_line_and_writes_nothing(app, client, trainer, sample_course):
    before = snapshot(app)
    response = post_form(
        client,
        f"/authoring/{SLUG}/gift-import",
        {"module": "warn-in-languages", "gift": upload(ESSAY_GIFT, "bank.gift")},
    )
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "Nothing was imported" in page
    assert "bank.gift:4: essay questions" in page
    assert snapshot(app) == before


def test_gift_import_makes_a_draft_quiz_to_review_in_the_editor(app, client, trainer, sample_course):
    response = post_form(
        client,
        f"/authoring/{SLUG}/gift-import",
        {"module": "know-where-migrants-are", "gift": upload(GOOD_GIFT.encode(), "bank.gift")},
    )
    quiz = "01-know-where-migrants-are.quiz.md"
    assert response.status_code == 302
    assert response.headers["Location"] == f"/authoring/{SLUG}/edit?path={quiz}"
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "2 questions imported as a draft" in page
    assert "## consulates: single" in page and "quiz: know-where-migrants-are-quiz" in page
    assert "This is a draft saved by Tess Trainer" in page
    assert "No errors: this text can be published." in page
    with app.app_context():
        assert db.session.scalars(select(ModuleDraft.path)).all() == [quiz]
    assert [number for number, _hash, _note in versions(app)] == [1]  # nothing published yet


def test_gift_import_into_an_existing_quiz_keeps_its_id_and_settings(client, trainer, sample_course):
    response = post_form(
        client,
        f"/authoring/{SLUG}/gift-import",
        {"module": "warn-in-languages", "gift": upload(GOOD_GIFT.encode(), "bank.gift")},
    )
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "quiz: warn-check" in page and "pass_mark: 60" in page and "attempts: 3" in page
    assert "## consulates: single" in page and "## channels: single" not in page


def test_gift_export_returns_the_quiz_questions(client, trainer, sample_course):
    response = client.get(f"/authoring/{SLUG}/gift-export?path={QUIZ_02}")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/plain; charset=utf-8"
    assert response.headers["Content-Disposition"] == 'attachment; filename="02-warn-in-languages.quiz.gift"'
    text = response.get_data(as_text=True)
    assert "::channels:: Which warning reaches the most migrants?" in text
    assert "=Messages in their languages, on the channels they use" in text
    assert "::phase-match::" in text
    assert client.get(f"/authoring/{SLUG}/gift-export?path={MODULE_02}").status_code == 404
