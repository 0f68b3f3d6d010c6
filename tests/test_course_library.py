"""The shipped MICIC library: valid, complete in six languages, and covering every guideline and principle."""

import re
from pathlib import Path

import pytest

from app.authoring.publishing import check_files, course_folders
from app.content.model import GUIDELINES, LANGUAGES, PRINCIPLES
from app.content.sources import read_folder

COURSES = Path(__file__).resolve().parent.parent / "courses"
FOLDERS = course_folders(COURSES)


@pytest.fixture(scope="module")
def library():
    parsed = {}
    for folder in FOLDERS:
        course, problems = check_files(read_folder(folder))
        parsed[folder.name] = (course, problems)
    return parsed


def test_the_three_courses_are_shipped():
    assert {f.name for f in FOLDERS} == {"micic-guidelines", "assisting-nationals", "migrants-in-emergency-management"}


@pytest.mark.parametrize("folder", FOLDERS, ids=lambda f: f.name)
def test_each_course_checks_with_no_error_and_no_warning(library, folder):
    _course, problems = library[folder.name]
    assert [str(p) for p in problems] == []


def test_the_library_covers_all_fifteen_guidelines_and_ten_principles(library):
    guidelines, principles = set(), set()
    for course, _problems in library.values():
        for module in course.modules:
            guidelines.update(module.source.guidelines)
            principles.update(module.source.principles)
    assert guidelines == set(GUIDELINES)
    assert principles == set(PRINCIPLES)


@pytest.mark.parametrize("folder", FOLDERS, ids=lambda f: f.name)
def test_every_module_and_quiz_exists_in_six_languages_and_none_is_stale(library, folder):
    course, _problems = library[folder.name]
    assert set(course.languages) == set(LANGUAGES)
    assert set(course.titles) == set(LANGUAGES)
    for module_set in course.modules:
        assert set(module_set.translations) | {"en"} == set(LANGUAGES), module_set.source.file
        assert all(t.translates == module_set.source.version for t in module_set.translations.values())
        assert set(module_set.quiz_translations) | {"en"} == set(LANGUAGES), module_set.quiz.file
    assert set(course.final_translations) | {"en"} == set(LANGUAGES)


def words(markdown: str) -> int:
    return len(re.findall(r"\w+", markdown))


@pytest.mark.parametrize("folder", FOLDERS, ids=lambda f: f.name)
def test_modules_are_written_for_busy_officials(library, folder):
    course, _problems = library[folder.name]
    for module_set in course.modules:
        module = module_set.source
        assert 600 <= words(module.body) <= 1600, (module.file, words(module.body))
        for callout in ("[!case-study]", "[!practice]", "[!key-point]"):
            assert callout in module.body, (module.file, callout)
        assert module.objectives
        quiz = module_set.quiz
        assert quiz is not None, module.file
        assert len(quiz.questions) >= 5, quiz.file
        assert len({q.type for q in quiz.questions}) >= 3, quiz.file
        for question in quiz.questions:
            assert question.explanation, (quiz.file, question.id)
            assert all(option.feedback for option in question.options), (quiz.file, question.id)


@pytest.mark.parametrize("folder", FOLDERS, ids=lambda f: f.name)
def test_each_course_ends_with_a_final_assessment_drawn_from_a_large_pool(library, folder):
    course, _problems = library[folder.name]
    final = course.final
    assert len(final.questions) >= 25
    assert final.settings.draw == 15
    assert final.settings.pass_mark == 70
    assert course.completion == "all-modules-and-final"
