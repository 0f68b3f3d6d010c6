"""The course format: what parses, and the exact messages a trainer gets for each mistake."""

import pytest

from app.content.course import read_course
from app.content.sources import read_folder
from app.content.versions import file_version
from tests.content.coursekit import SAMPLE, problems_of, replace_in, sample_copy

M1 = "01-know-where-migrants-are.md"
M2 = "02-warn-in-languages.md"
Q2 = "02-warn-in-languages.quiz.md"
Q2FR = "02-warn-in-languages.quiz.fr.md"


def test_the_sample_course_parses_completely():
    course, problems = read_course(read_folder(SAMPLE))
    assert [p for p in problems if p.level == "error"] == []
    assert course.slug == "sample-course"
    assert course.languages == ("en", "fr", "ar")
    assert course.titles["ar"] == "إدماج المهاجرين في إدارة الطوارئ"
    assert course.audience == "emergency-management"
    assert course.certificate_validity_months == 24
    first, second = course.modules
    assert (first.source.id, first.source.phase, first.source.order) == ("know-where-migrants-are", "preparedness", 1)
    assert first.source.guidelines == ("G1", "G2")
    assert first.translations["fr"].title == "Savoir où se trouvent les migrants"
    assert first.translations["fr"].phase == "preparedness"  # taken from the source
    assert second.quiz.settings.attempts == 3
    assert second.quiz_translations["fr"].settings == second.quiz.settings
    assert [q.type for q in second.quiz.questions] == ["single", "multiple", "numeric", "matching"]
    assert course.final.settings.draw == 2
    assert course.final.settings.feedback == "correctness"
    assert list(course.assets) == ["images/map.png"]


def test_the_sample_course_has_only_missing_translation_warnings():
    problems = problems_of(SAMPLE)
    version = file_version((SAMPLE / M1).read_text())
    assert problems[0] == (
        f"01-know-where-migrants-are.md:1: warning: no ar translation yet "
        f"(01-know-where-migrants-are.ar.md, with 'translates: {version}')"
    )
    # ar for modules 01 and 02 and quiz 02; fr for module 02; fr and ar for the final.
    assert len(problems) == 6
    assert all(": warning: no " in p and "translation yet" in p for p in problems)


def test_changing_the_source_makes_its_translation_stale(tmp_path):
    folder = sample_copy(tmp_path, replace_in(M1, "Crises hit migrants hard", "Crises hit migrants very hard"))
    new_version = file_version((folder / M1).read_text())
    old_version = file_version((SAMPLE / M1).read_text())
    assert (
        f"01-know-where-migrants-are.fr.md:1: warning: stale translation: made from version '{old_version}' "
        f"of the source, which is now '{new_version}'; bring the text up to date, then write "
        f"'translates: {new_version}'"
    ) in problems_of(folder)


BROKEN = [
    pytest.param(
        replace_in(M1, "phase: preparedness", "phase: preparation"),
        f"{M1}:3: unknown phase 'preparation'; use one of preparedness, emergency-response, post-crisis",
        id="unknown-phase",
    ),
    pytest.param(
        replace_in(M1, "minutes: 20", "minutes: 20\nauthor: Claire"),
        f"{M1}:7: unknown key 'author'",
        id="unknown-key",
    ),
    pytest.param(
        replace_in(M1, "minutes: 20\n", ""), f"{M1}:1: missing key 'minutes' in the front matter", id="missing-key"
    ),
    pytest.param(
        replace_in(M1, "title: Know where migrants are", "title: Know: where migrants are"),
        f"{M1}:5: YAML: mapping values are not allowed here; check quotes, colons and indentation",
        id="bad-yaml-line",
    ),
    pytest.param(
        replace_in(M2, "id: warn-in-languages", "id: know-where-migrants-are"),
        f"{M2}:2: module id 'know-where-migrants-are' is used by another module too",
        id="duplicate-module-id",
    ),
    pytest.param(
        replace_in(Q2, "- [x] Messages in their languages", "- [ ] Messages in their languages"),
        f"{Q2}:9: no correct answer: mark one option with [x]",
        id="no-correct-answer",
    ),
    pytest.param(
        replace_in(Q2, "## languages: numeric", "## languages: essay"),
        f"{Q2}:26: unknown question type 'essay'; use one of single, multiple, true-false, short, numeric, matching",
        id="unknown-question-type",
    ),
    pytest.param(
        replace_in(Q2, "- = 5", "- = five"),
        f"{Q2}:29: 'five' is not a number, 'value ± tolerance' or 'low..high'",
        id="numeric-not-a-number",
    ),
    pytest.param(
        replace_in(Q2FR, "## who-warns: multiple", "## who-relays: multiple"),
        f"{Q2FR}:1: the questions differ from the source's (missing who-warns; not in the source: who-relays)",
        id="translation-question-ids",
    ),
    pytest.param(
        replace_in(Q2FR, "- [ ] (-50%) Personne", "- [ ] (-50%) Personne\n- [ ] Les voisins"),
        f"{Q2FR}:13: question 'who-warns': 4 options where the source has 3",
        id="translation-options",
    ),
    pytest.param(
        replace_in(Q2FR, "- [x] Les employeurs", "- [ ] Les employeurs"),
        f"{Q2FR}:13: question 'who-warns': the correct options ([x] and percentages) differ from the source's",
        id="translation-correct-answers",
    ),
    pytest.param(
        replace_in(M1, "(02-warn-in-languages.md)", "(03-evacuation.md)"),
        f"{M1}:28: link to a module that does not exist: 03-evacuation.md",
        id="link-to-missing-module",
    ),
    pytest.param(
        replace_in(M1, "(images/map.png)", "(images/missing.png)"),
        f"{M1}:26: image 'images/missing.png' not found in the course folder",
        id="missing-image",
    ),
    pytest.param(
        replace_in(M1, "![Map of a city with migrant neighbourhoods]", "![]"),
        f"{M1}:26: image 'images/map.png' has no alt text: write ![what it shows](images/map.png)",
        id="missing-alt-text",
    ),
    pytest.param(
        replace_in(M1, "(images/map.png)", "(https://example.org/map.png)"),
        f"{M1}:26: image 'https://example.org/map.png' is not a file of the course: put it in images/",
        id="remote-image",
    ),
    pytest.param(
        {"notes.txt": "to do"},
        "notes.txt:1: this kind of file is not part of a course; remove it",
        id="unknown-file",
    ),
    pytest.param(
        {"03-Evacuation.md": "---\n---\n"},
        "03-Evacuation.md:1: module files are named like '03-evacuation.md' (translations '03-evacuation.fr.md')",
        id="bad-module-name",
    ),
    pytest.param(
        replace_in("course.yaml", "audience: emergency-management", "audience: police"),
        "course.yaml:12: audience must be one of all, consular, emergency-management",
        id="course-audience",
    ),
    pytest.param(
        replace_in("course.yaml", "languages: [en, fr, ar]", "languages: [en, fr, ar, de]"),
        "course.yaml:3: language 'de' is not one of en, fr, es, ar, ru, zh",
        id="course-language",
    ),
    pytest.param(
        {"final.quiz.md": None},
        "course.yaml:1: completion 'all-modules-and-final' needs a final assessment: add final.quiz.md",
        id="no-final",
    ),
]


@pytest.mark.parametrize(("changes", "message"), BROKEN)
def test_each_mistake_gets_a_message_with_file_and_line(tmp_path, changes, message):
    problems = problems_of(sample_copy(tmp_path, changes))
    assert message in problems, "\n".join(problems)


def test_raw_html_is_a_warning_with_its_line(tmp_path):
    folder = sample_copy(
        tmp_path, replace_in(M2, "Early warnings reach", '<span style="color:red">Early</span> warnings reach')
    )
    assert f"{M2}:13: warning: raw HTML on this line will be removed; use Markdown" in problems_of(folder)


def test_an_unreadable_file_is_reported_not_crashed_on(tmp_path):
    folder = sample_copy(tmp_path)
    (folder / M2).write_bytes("Migrants — ".encode("utf-16"))
    assert f"{M2}:1: not UTF-8 text: save the file as UTF-8" in problems_of(folder)


def test_a_course_title_missing_in_an_offered_language_is_a_warning(tmp_path):
    folder = sample_copy(tmp_path, replace_in("course.yaml", "  ar: إدماج المهاجرين في إدارة الطوارئ\n", ""))
    assert "course.yaml:1: warning: no ar title yet" in problems_of(folder)
