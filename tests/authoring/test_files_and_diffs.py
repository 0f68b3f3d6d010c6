"""Pure rules, tested without the app: which files the editor handles, new translations, diffs, previews."""

import yaml

from app.authoring.coursefiles import file_kind, file_language, source_of, translation_path, translation_skeleton
from app.authoring.diffs import diff_files
from app.authoring.preview import preview
from app.content.course import read_course
from app.content.versions import file_version
from tests.authoring.conftest import MODULE_02, QUIZ_02, sample_files


def test_file_kinds_and_languages():
    assert file_kind("course.yaml") == "course"
    assert file_kind("02-warn-in-languages.quiz.fr.md") == "quiz"
    assert file_kind("final.quiz.md") == "quiz"
    assert file_kind("02-warn-in-languages.ar.md") == "module"
    for other in ("images/map.png", "README.md", "../02-x.md", "02-x.md/../../etc", "sub/02-x.md", "02-X.md"):
        assert file_kind(other) is None, other
    assert file_language("02-warn-in-languages.ar.md", "en") == "ar"
    assert file_language("final.quiz.md", "en") == "en"
    assert source_of("02-warn-in-languages.quiz.fr.md") == QUIZ_02
    assert source_of(MODULE_02) is None
    assert translation_path(QUIZ_02, "ar") == "02-warn-in-languages.quiz.ar.md"


def test_translation_skeleton_is_a_valid_up_to_date_translation():
    files = sample_files()
    for source in (MODULE_02, QUIZ_02):
        text = files[source].decode()
        skeleton = translation_skeleton(text, source)
        front = yaml.safe_load(skeleton.split("---\n")[1])
        assert front["translates"] == file_version(text)
        assert "phase" not in front and "pass_mark" not in front
        path = translation_path(source, "ar")
        course, problems = read_course(files | {path: skeleton.encode()})
        assert [p for p in problems if p.file == path] == []


def test_diff_marks_added_and_removed_lines_and_lists_new_and_gone_files():
    old = {"a.md": b"---\none\ntwo\n", "gone.md": b"x", "images/p.png": b"\x89PNG1"}
    new = {"a.md": b"one\ntwo\nthree\n", "new.md": b"y", "images/p.png": b"\x89PNG2"}
    changes = diff_files(old, new)
    assert changes.added == ("new.md",) and changes.removed == ("gone.md",)
    text_diff, picture = changes.changed
    assert picture.path == "images/p.png" and picture.binary
    kinds = [(line.kind, line.text) for line in text_diff.lines]
    assert ("del", "----") in kinds  # a removed "---" fence is a line, not a file header
    assert ("add", "+three") in kinds and ("context", " one") in kinds
    assert kinds[0][0] == "hunk"
    assert diff_files(old, old).empty


def test_module_preview_resolves_pictures_and_drops_unknown_ones():
    text = "---\ntitle: T\n---\n![A map](images/map.png) ![Elsewhere](https://example.org/x.png)\n"
    shown = preview("01-x.md", text, "en", {"images/map.png": "/assets/abc.png"})
    assert '<img alt="A map" src="/assets/abc.png">' in shown.html
    assert "example.org" not in shown.html and "Elsewhere" in shown.html
    assert shown.title == "T" and shown.direction == "ltr"
    assert preview("01-x.ar.md", text, "en", {}).direction == "rtl"
