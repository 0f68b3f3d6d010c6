"""Importing course folders as versions (all or nothing, idempotent) and exporting them back."""

import hashlib
import shutil

import pytest
from sqlalchemy import func, select

from app.authoring.publishing import ImportRejected, publish_course, version_files
from app.content.sources import read_folder, read_zip
from app.content.versions import course_hash
from app.extensions import db
from app.models import ContentBlob, Course, CourseVersion, ModuleVersion, QuizVersion
from tests.content.coursekit import SAMPLE, replace_in, sample_copy


def run(runner, *args):
    return runner.invoke(args=["courses", *map(str, args)])


def count(app, model) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(model))


def current(app, slug="sample-course") -> CourseVersion:
    with app.app_context():
        course = db.session.scalar(select(Course).where(Course.slug == slug))
        version = course.current_version
        db.session.expunge_all()
        return version


def test_import_publishes_version_one_with_rendered_modules_and_quizzes(app, runner):
    result = run(runner, "import", SAMPLE)
    assert result.exit_code == 0, result.output
    assert "sample-course: imported as version 1" in result.output
    with app.app_context():
        modules = {(m.module_key, m.language): m for m in db.session.scalars(select(ModuleVersion))}
        quizzes = {(q.quiz_key, q.language): q for q in db.session.scalars(select(QuizVersion))}
    assert set(modules) == {
        ("know-where-migrants-are", "en"),
        ("know-where-migrants-are", "fr"),
        ("warn-in-languages", "en"),
    }
    first = modules[("know-where-migrants-are", "en")]
    assert first.status == "source"
    assert modules[("know-where-migrants-are", "fr")].status == "current"
    assert '<aside class="callout callout-key-point" role="note">' in first.html
    assert "<table>" in first.html
    assert '<h2 id="why-it-matters">Why it matters</h2>' in first.html
    png = hashlib.sha256((SAMPLE / "images" / "map.png").read_bytes()).hexdigest()
    assert f'src="/assets/{png}.png"' in first.html
    assert first.objectives == [
        "Explain why mapping migrant presence matters before a crisis",
        "Name two sources of data on migrants",
    ]
    assert set(quizzes) == {("warn-check", "en"), ("warn-check", "fr"), ("sample-final", "en")}
    question = quizzes[("warn-check", "en")].questions[0]
    assert question["options"][0]["weight"] == 1.0
    assert "Right: language and channel both matter." in question["options"][0]["feedback_html"]
    assert quizzes[("sample-final", "en")].module_key is None
    assert quizzes[("sample-final", "en")].settings["draw"] == 2


def test_importing_unchanged_files_creates_no_version(app, runner):
    run(runner, "import", SAMPLE)
    again = run(runner, "import", SAMPLE)
    assert "sample-course: unchanged (version 1)" in again.output
    assert count(app, CourseVersion) == 1


def test_a_change_creates_version_two_and_keeps_version_one(app, runner, tmp_path):
    run(runner, "import", SAMPLE)
    folder = sample_copy(tmp_path, replace_in("02-warn-in-languages.md", "Early warnings reach", "Warnings reach"))
    result = run(runner, "import", folder)
    assert "sample-course: changed: published version 2" in result.output
    assert current(app).number == 2
    with app.app_context():
        texts = dict(
            db.session.execute(
                select(CourseVersion.number, ModuleVersion.html)
                .join(ModuleVersion, ModuleVersion.course_version_id == CourseVersion.id)
                .where(ModuleVersion.module_key == "warn-in-languages")
            ).all()
        )
        # Unchanged files are stored once, whatever the number of versions.
        assert db.session.scalar(select(func.count()).select_from(ContentBlob)) == len(read_folder(SAMPLE)) + 1
    assert "<p>Early warnings reach" in texts[1]
    assert "<p>Warnings reach" in texts[2]


def test_a_broken_course_changes_nothing_even_next_to_good_ones(app, runner, tmp_path):
    library = tmp_path / "library"
    library.mkdir()
    shutil.copytree(SAMPLE, library / "good")
    broken = sample_copy(tmp_path, replace_in("course.yaml", "slug: sample-course", "slug: broken-course"))
    (broken / "02-warn-in-languages.md").write_text("no front matter here\n")
    shutil.move(broken, library / "broken")
    result = run(runner, "import", library)
    assert result.exit_code == 1
    assert (
        "broken/02-warn-in-languages.md:1: the file must start with a '---' line opening its front matter"
        in result.output
    )
    assert "nothing imported" in result.output
    assert count(app, Course) == count(app, CourseVersion) == count(app, ModuleVersion) == count(app, ContentBlob) == 0


def test_dry_run_reports_and_writes_nothing(app, runner):
    result = run(runner, "import", SAMPLE, "--dry-run")
    assert "sample-course: would be published as version 1 (dry run)" in result.output
    assert count(app, Course) == 0


def test_export_writes_the_same_files_and_the_round_trip_keeps_the_hash(app, runner, tmp_path):
    run(runner, "import", SAMPLE)
    out = tmp_path / "exported"
    result = run(runner, "export", "sample-course", "-o", out)
    assert result.exit_code == 0, result.output
    assert read_folder(out) == read_folder(SAMPLE)
    assert course_hash(read_folder(out)) == current(app).content_hash
    again = run(runner, "import", out)
    assert "unchanged" in again.output


def test_zip_export_is_stable_and_imports_back(app, runner, tmp_path):
    run(runner, "import", SAMPLE)
    first, second = tmp_path / "a.zip", tmp_path / "b.zip"
    run(runner, "export", "sample-course", "-o", first)
    run(runner, "export", "sample-course", "-o", second)
    assert first.read_bytes() == second.read_bytes()
    assert read_zip(first.read_bytes()) == read_folder(SAMPLE)
    assert "unchanged" in run(runner, "import", first).output


def test_export_of_an_unknown_course_or_version_is_an_error(app, runner, tmp_path):
    assert "no course 'nope'" in run(runner, "export", "nope", "-o", tmp_path / "x").output
    run(runner, "import", SAMPLE)
    assert "has no version 7" in run(runner, "export", "sample-course", "-o", tmp_path / "x", "--version", "7").output


def test_publish_course_refuses_errors_with_every_problem(app):
    files = read_folder(SAMPLE)
    files["02-warn-in-languages.quiz.md"] = files["02-warn-in-languages.quiz.md"].replace(
        b"- [x] Messages", b"- [ ] Messages"
    )
    with app.test_request_context(method="POST"), pytest.raises(ImportRejected) as rejected:
        publish_course(files)
    assert [str(p) for p in rejected.value.problems] == [
        "02-warn-in-languages.quiz.md:9: no correct answer: mark one option with [x]"
    ]


def test_version_files_give_back_exactly_what_was_published(app):
    with app.test_request_context(method="POST"):
        publish_course(read_folder(SAMPLE))
        db.session.commit()
        version = db.session.scalar(select(CourseVersion))
        assert version_files(version) == read_folder(SAMPLE)


def test_check_command_prints_problems_and_exit_codes(app, runner, tmp_path):
    ok = run(runner, "check", SAMPLE)
    assert ok.exit_code == 0
    assert "sample: 0 errors, 6 warnings" in ok.output
    folder = sample_copy(tmp_path, replace_in("01-know-where-migrants-are.md", "phase: preparedness", "phase: later"))
    bad = run(runner, "check", folder)
    assert bad.exit_code == 1
    assert "sample/01-know-where-migrants-are.md:3: unknown phase 'later'" in bad.output


def test_course_pictures_are_served_by_hash_with_long_caching(app, client, runner):
    run(runner, "import", SAMPLE)
    png = hashlib.sha256((SAMPLE / "images" / "map.png").read_bytes()).hexdigest()
    response = client.get(f"/assets/{png}.png")
    assert response.status_code == 200
    assert response.mimetype == "image/png"
    assert response.data == (SAMPLE / "images" / "map.png").read_bytes()
    assert "immutable" in response.headers["Cache-Control"]
    assert client.get(f"/assets/{png}.png", headers={"If-None-Match": f'"{png}"'}).status_code == 304


def test_quiz_sources_are_never_served_as_pictures(app, client, runner):
    run(runner, "import", SAMPLE)
    quiz = hashlib.sha256((SAMPLE / "02-warn-in-languages.quiz.md").read_bytes()).hexdigest()
    assert client.get(f"/assets/{quiz}.png").status_code == 404
    assert client.get("/assets/not-a-hash.png").status_code == 404
    assert client.get(f"/assets/{quiz}.svg").status_code == 404
