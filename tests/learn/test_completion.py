"""When a course counts as completed, and the progress shown (no app)."""

import pytest

from app.learn.completion import course_complete, progress_percent

MODULES = ["a", "b", "c"]


@pytest.mark.parametrize(
    ("rule", "completed", "final_passed", "has_final", "complete"),
    [
        ("all-modules", {"a", "b", "c"}, False, True, True),
        ("all-modules", {"a", "b"}, True, True, False),
        ("all-modules-and-final", {"a", "b", "c"}, True, True, True),
        ("all-modules-and-final", {"a", "b", "c"}, False, True, False),
        ("all-modules-and-final", {"a", "b"}, True, True, False),
        ("all-modules-and-final", {"a", "b", "c"}, False, False, True),  # no final to pass
        ("final", set(), True, True, True),
        ("final", {"a", "b", "c"}, False, True, False),
        ("final", {"a", "b", "c"}, False, False, False),  # "final" without one never completes
    ],
)
def test_course_complete(rule, completed, final_passed, has_final, complete):
    assert course_complete(rule, MODULES, completed, final_passed, has_final) is complete


@pytest.mark.parametrize(
    ("completed", "percent"),
    [(set(), 0), ({"a"}, 33), ({"a", "b"}, 67), ({"a", "b", "c"}, 100), ({"a", "old-module"}, 33)],
)
def test_progress_percent(completed, percent):
    assert progress_percent(MODULES, completed) == percent


def test_progress_of_a_course_without_modules_is_zero():
    assert progress_percent([], {"a"}) == 0
