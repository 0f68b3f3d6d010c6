"""The course page: translation status of every file, version history, zip download, diffs and rollback."""

import re

from app.content.sources import read_zip
from tests.authoring.conftest import MODULE_02, SLUG, sample_files, snapshot, upload, version_text, versions
from tests.conftest import post_form

COURSE = f"/authoring/{SLUG}"
CELL = re.compile(r'<td class="status status-(\w+)">\s*<a href="/authoring/[\w-]+/edit\?path=([\w.-]+)">([^<]+)<')
MODULE_01 = "01-know-where-migrants-are.md"


def matrix(client) -> dict[str, tuple[str, str]]:
    """File path → (status class, the status as written in the cell)."""
    page = client.get(COURSE).get_data(as_text=True)
    return {path: (status, label) for status, path, label in CELL.findall(page)}


def publish_change(client, path: str, old: bytes, new: bytes):
    """Upload a file of the sample course with one change, publishing a new version."""
    data = sample_files()[path].replace(old, new)
    assert data != sample_files()[path]
    response = post_form(client, f"{COURSE}/upload", {"file": upload(data, path), "note": f"Changed {path}"})
    assert response.status_code == 302, response.get_data(as_text=True)


def test_status_matrix_shows_source_up_to_date_and_missing(client, trainer, sample_course):
    cells = matrix(client)
    assert cells == {
        MODULE_01: ("source", "Source"),
        "01-know-where-migrants-are.fr.md": ("current", "Up to date"),
        "01-know-where-migrants-are.ar.md": ("missing", "Missing"),
        MODULE_02: ("source", "Source"),
        "02-warn-in-languages.fr.md": ("missing", "Missing"),
        "02-warn-in-languages.ar.md": ("missing", "Missing"),
        "02-warn-in-languages.quiz.md": ("source", "Source"),
        "02-warn-in-languages.quiz.fr.md": ("current", "Up to date"),
        "02-warn-in-languages.quiz.ar.md": ("missing", "Missing"),
        "final.quiz.md": ("source", "Source"),
        "final.quiz.fr.md": ("missing", "Missing"),
        "final.quiz.ar.md": ("missing", "Missing"),
    }
    page = client.get(COURSE).get_data(as_text=True)
    assert '<th scope="col">French</th>' in page and '<th scope="row">' in page


def test_changing_a_source_makes_its_translations_stale(client, trainer, sample_course):
    publish_change(client, MODULE_01, b"live or work", b"live, work or study")
    publish_change(client, "02-warn-in-languages.quiz.md", b"Which warning", b"Which kind of warning")
    cells = matrix(client)
    assert cells["01-know-where-migrants-are.fr.md"] == ("stale", "Stale")
    assert cells["02-warn-in-languages.quiz.fr.md"] == ("stale", "Stale")
    assert cells["01-know-where-migrants-are.ar.md"] == ("missing", "Missing")


def test_history_lists_versions_with_author_and_note_and_rollback_buttons(client, trainer, sample_course):
    publish_change(client, MODULE_02, b"channels they use", b"channels they trust")
    page = client.get(COURSE).get_data(as_text=True)
    history = page.split('id="history-title"')[1]
    assert "Tess Trainer" in history and f"Changed {MODULE_02}" in history
    assert "command line" in history  # version 1 came from an import without a user
    assert history.count("Roll back to this version") == 1  # not for the current version
    assert f'action="{COURSE}/rollback/1"' in history


def test_download_zip_holds_the_published_files(client, trainer, sample_course):
    publish_change(client, MODULE_02, b"channels they use", b"channels they trust")
    response = client.get(f"{COURSE}/download?version=1")
    assert response.status_code == 200
    assert response.mimetype == "application/zip"
    assert response.headers["Content-Disposition"] == f'attachment; filename="{SLUG}-v1.zip"'
    assert read_zip(response.get_data()) == sample_files()
    current = read_zip(client.get(f"{COURSE}/download").get_data())
    assert b"channels they trust" in current[MODULE_02]


def test_diff_between_two_versions_shows_the_changed_lines(client, trainer, sample_course):
    publish_change(client, MODULE_02, b"channels they use", b"channels they trust")
    response = client.get(f"{COURSE}/diff?from=1&to=2")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "Changes from version 1 to version 2" in page
    assert f'<code dir="ltr">{MODULE_02}</code>' in page
    old = '<span class="diff-del">-Early warnings reach migrants only in languages and channels they use.</span>'
    new = '<span class="diff-add">+Early warnings reach migrants only in languages and channels they trust.</span>'
    assert old in page and new in page
    assert MODULE_01 not in page  # unchanged files are not listed
    assert "The two versions have the same files." in client.get(f"{COURSE}/diff?from=2&to=2").get_data(as_text=True)


def test_diff_lists_added_files(client, trainer, sample_course):
    translation = b"---\nid: warn-in-languages\ntranslates: c1556cac98a3\ntitle: Alerter\n---\n\nTexte.\n"
    post_form(client, f"{COURSE}/upload", {"file": upload(translation, "02-warn-in-languages.fr.md")})
    page = client.get(f"{COURSE}/diff?from=1&to=2").get_data(as_text=True)
    assert "Files added" in page and '<code dir="ltr">02-warn-in-languages.fr.md</code>' in page
    assert "Files added" in client.get(f"{COURSE}/diff").get_data(as_text=True)  # by default: the last change
    assert "Files removed" in client.get(f"{COURSE}/diff?from=2&to=1").get_data(as_text=True)


def test_rollback_publishes_the_old_files_as_a_new_version(app, client, trainer, sample_course):
    publish_change(client, MODULE_02, b"channels they use", b"channels they trust")
    response = post_form(client, f"{COURSE}/rollback/1")
    assert response.status_code == 302
    assert "Published version 3." in client.get(COURSE).get_data(as_text=True)
    (one, hash_1, _), (two, hash_2, _), (three, hash_3, note) = versions(app)
    assert (one, two, three) == (1, 2, 3)
    assert hash_3 == hash_1 != hash_2
    assert note == "Rollback to version 1"
    assert version_text(app, 3, MODULE_02) == sample_files()[MODULE_02].decode()


def test_rollback_to_the_current_content_changes_nothing(app, client, trainer, sample_course):
    publish_change(client, MODULE_02, b"channels they use", b"channels they trust")
    before = snapshot(app)
    response = post_form(client, f"{COURSE}/rollback/2")
    assert "Nothing changed" in client.get(response.headers["Location"]).get_data(as_text=True)
    assert snapshot(app) == before
