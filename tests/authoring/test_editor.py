"""The file editor: preview, drafts, publishing an edit (or refusing it), new translations, the live preview."""

import html
import re

import pytest

from tests.authoring.conftest import MODULE_02, SLUG, sample_files, snapshot, upload, version_text, versions
from tests.conftest import post_form

EDIT_02 = f"/authoring/{SLUG}/edit?path={MODULE_02}"
TEXTAREA = re.compile(r"<textarea[^>]*>\r?\n(.*?)</textarea>", re.DOTALL)
BASE = re.compile(r'name="base" type="hidden" value="([0-9a-f]*)"')
SENTENCE = "Early warnings reach migrants only in languages and channels they use."
NEW_SENTENCE = "Early warnings reach migrants only in the languages and channels they trust."


def open_editor(client, url=EDIT_02) -> tuple[str, str]:
    """The editor's text and base hash, as a browser would send them back."""
    page = client.get(url).get_data(as_text=True)
    return html.unescape(TEXTAREA.search(page).group(1)), BASE.search(page).group(1)


def send(client, action, text, url=EDIT_02, base=None, note=""):
    if base is None:
        base = open_editor(client, url)[1]
    return post_form(client, url, {"text": text, "action": action, "base": base, "note": note})


def test_preview_renders_markdown_and_removes_a_script(app, client, trainer, sample_course):
    text, _base = open_editor(client)
    text += "\n**A bold claim**\n\n<script>alert('stolen')</script>\n"
    before = snapshot(app)
    response = send(client, "preview", text)
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "<strong>A bold claim</strong>" in page
    assert "<script>alert" not in page  # neither in the preview nor in the textarea (escaped there)
    assert "&lt;script&gt;alert(&#39;stolen&#39;)" in page
    assert f"{MODULE_02}:20: warning: raw HTML on this line will be removed" in page
    assert snapshot(app) == before


def test_preview_of_a_quiz_marks_the_right_answers(client, trainer, sample_course):
    page = client.get(f"/authoring/{SLUG}/edit?path=02-warn-in-languages.quiz.md").get_data(as_text=True)
    marked = re.compile(r'<li class="(\w+)">\s*<span class="mark" aria-hidden="true">(.)</span>\s*'
                        r'<span class="visually-hidden">(\w+):</span>\s*<p>([^<]+)</p>')  # fmt: skip
    options = {text: (mark, said) for _cls, mark, said, text in marked.findall(page)}
    assert options["Messages in their languages, on the channels they use"] == ("✓", "correct")
    assert options["A press release in the national language"] == ("✗", "wrong")
    assert "Guideline 9 asks for multilingual, multi-channel warnings." in page  # the explanation


def test_saved_draft_is_what_the_editor_shows_next_time(app, client, trainer, sample_course):
    text, _base = open_editor(client)
    response = send(client, "save", text.replace(SENTENCE, NEW_SENTENCE))
    assert response.status_code == 302
    assert response.headers["Location"] == EDIT_02
    page = client.get(EDIT_02).get_data(as_text=True)
    assert "Draft saved." in page and "This is a draft saved by Tess Trainer" in page
    assert NEW_SENTENCE in open_editor(client)[0]
    assert MODULE_02 in client.get(f"/authoring/{SLUG}").get_data(as_text=True).split("Unpublished drafts")[1]
    assert [n for n, _h, _note in versions(app)] == [1]  # learners still see version 1

    response = send(client, "discard", "")
    assert response.status_code == 302
    assert SENTENCE in open_editor(client)[0]
    assert snapshot(app)["drafts"] == []


def test_draft_older_than_the_current_version_is_flagged(client, trainer, sample_course):
    text, _base = open_editor(client)
    send(client, "save", text.replace(SENTENCE, NEW_SENTENCE))
    theirs = sample_files()[MODULE_02] + b"\nTheir addition.\n"
    post_form(client, f"/authoring/{SLUG}/upload", {"file": upload(theirs, MODULE_02)})
    page = client.get(EDIT_02).get_data(as_text=True)
    assert "Version 2 was published after the draft was saved" in page
    assert NEW_SENTENCE in open_editor(client)[0]  # the draft is still what the editor opens


def test_publish_creates_version_2_and_leaves_version_1_alone(app, client, trainer, sample_course):
    text, base = open_editor(client)
    send(client, "save", text.replace(SENTENCE, "A draft on the way"))
    response = send(client, "publish", text.replace(SENTENCE, NEW_SENTENCE), base=base, note="Say 'trust'")
    assert response.status_code == 302
    assert response.headers["Location"] == f"/authoring/{SLUG}"
    page = client.get(f"/authoring/{SLUG}").get_data(as_text=True)
    assert "Published version 2." in page
    assert NEW_SENTENCE in version_text(app, 2, MODULE_02)
    assert SENTENCE in version_text(app, 1, MODULE_02) and NEW_SENTENCE not in version_text(app, 1, MODULE_02)
    assert [(n, note) for n, _h, note in versions(app)] == [(1, ""), (2, "Say 'trust'")]
    assert snapshot(app)["drafts"] == []  # the draft was published, so it goes


def test_publish_with_an_error_shows_file_and_line_and_keeps_the_text(app, client, trainer, sample_course):
    text, base = open_editor(client)
    broken = text.replace("minutes: 25", "minutes: soon")
    before = snapshot(app)
    response = send(client, "publish", broken, base=base)
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "Not published: the course would have errors" in page
    assert f"{MODULE_02}:6: minutes must be a whole number of at least 1" in page
    assert "minutes: soon" in html.unescape(TEXTAREA.search(page).group(1))
    assert snapshot(app) == before


def test_text_sent_back_with_crlf_line_ends_is_unchanged(app, client, trainer, sample_course):
    text, base = open_editor(client)
    response = send(client, "publish", text.replace("\n", "\r\n"), base=base)
    assert "Nothing changed" in client.get(response.headers["Location"]).get_data(as_text=True)
    assert [n for n, _h, _note in versions(app)] == [1]


def test_publish_over_someone_elses_newer_change_is_refused(app, client, trainer, sample_course):
    text, base = open_editor(client)
    theirs = sample_files()[MODULE_02] + b"\nTheir addition.\n"
    post_form(client, f"/authoring/{SLUG}/upload", {"file": upload(theirs, MODULE_02)})
    response = send(client, "publish", text.replace(SENTENCE, NEW_SENTENCE), base=base)
    assert response.status_code == 409
    assert "Someone published a change to this file since you opened it" in response.get_data(as_text=True)
    assert [n for n, _h, _note in versions(app)] == [1, 2]
    assert "Their addition." in version_text(app, 2, MODULE_02)


def test_changing_the_slug_in_course_yaml_is_refused(app, client, trainer, sample_course):
    url = f"/authoring/{SLUG}/edit?path=course.yaml"
    text, base = open_editor(client, url)
    response = send(client, "publish", text.replace(f"slug: {SLUG}", "slug: another-course"), url=url, base=base)
    assert response.status_code == 422
    assert "course.yaml:1: the slug cannot change here" in html.unescape(response.get_data(as_text=True))
    assert [n for n, _h, _note in versions(app)] == [1]


def test_missing_translation_starts_from_the_source_with_its_version(app, client, trainer, sample_course):
    url = f"/authoring/{SLUG}/edit?path=02-warn-in-languages.fr.md"
    text, base = open_editor(client, url)
    assert base == ""
    assert text.startswith("---\nid: warn-in-languages\ntranslates: c1556cac98a3\ntitle: Warn in languages")
    assert "phase:" not in text and SENTENCE in text  # only what a translation may hold; the words to translate
    response = send(client, "publish", text.replace(SENTENCE, "Les alertes atteignent les migrants."), url=url)
    assert response.status_code == 302
    assert "Les alertes atteignent les migrants." in version_text(app, 2, "02-warn-in-languages.fr.md")


@pytest.mark.parametrize(
    "path",
    ["", "../course.yaml", "images/map.png", "README.md", "03-nothing.fr.md", "02-warn-in-languages.de.md", "x.py"],
)
def test_editor_refuses_files_that_are_not_text_files_of_the_course(client, trainer, sample_course, path):
    assert client.get(f"/authoring/{SLUG}/edit?path={path}").status_code == 404
    assert post_form(client, f"/authoring/{SLUG}/preview", {"text": "x", "path": path or "-"}).status_code == 404


def test_live_preview_returns_the_check_and_preview_fragment(client, trainer, sample_course):
    text, _base = open_editor(client)
    response = post_form(client, f"/authoring/{SLUG}/preview", {"path": MODULE_02, "text": text + "\n*New*\n"})
    assert response.status_code == 200
    fragment = response.get_data(as_text=True)
    assert "<em>New</em>" in fragment and 'id="check-title"' in fragment
    assert "<html" not in fragment
