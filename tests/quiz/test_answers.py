"""Reading the answer form: only what the attempt offered is accepted (no app)."""

import pytest
from werkzeug.datastructures import MultiDict

from app.quiz.answers import AnswerError, matching_position, parse_answers
from app.quiz.grading import question_credit

QUESTIONS = [
    {
        "id": "channels",
        "type": "single",
        "options": [{"weight": 1.0}, {"weight": 0.0}],
        "option_order": [1, 0],
        "pairs": [],
    },
    {
        "id": "who",
        "type": "multiple",
        "options": [{"weight": 0.5}, {"weight": 0.5}, {"weight": -0.5}],
        "option_order": [2, 0, 1],
        "pairs": [],
    },
    {"id": "languages", "type": "numeric", "options": [], "option_order": [], "pairs": []},
    {"id": "motto", "type": "short", "options": [], "option_order": [], "pairs": []},
    {
        "id": "phase",
        "type": "matching",
        "options": [],
        "option_order": [],
        "pairs": [{"left": "Preparedness", "right": "Map"}, {"left": "Response", "right": "Warn"}],
        # Shown as "Warn", "Map": position 0 is pair 1's right-hand side.
        "right_order": [1, 0],
    },
]


def parse(*items):
    return parse_answers(QUESTIONS, MultiDict([("csrf_token", "x"), ("action", "save"), *items]))


def test_answers_by_question_id():
    """Choice values are positions on the page: option_order says which option each one shows."""
    answers = parse(
        ("q-channels", "1"),  # shown second: option 0
        ("q-who", "1"),  # option 0
        ("q-who", "2"),  # option 1
        ("q-languages", " 5 "),
        ("q-motto", "Migrants"),
        ("q-phase-0", "1"),
        ("q-phase-1", "0"),
    )
    assert answers == {
        "channels": 0,
        "who": [0, 1],
        "languages": "5",
        "motto": "Migrants",
        "phase": {"0": "Map", "1": "Warn"},
    }


def test_blank_answers_are_left_out():
    assert parse(("q-languages", "  "), ("q-motto", ""), ("q-phase-0", "")) == {}


@pytest.mark.parametrize(
    "items",
    [
        [("q-unknown", "1")],  # a question the attempt did not ask
        [("q-channels", "2")],  # an option the question does not have
        [("q-channels", "-1")],
        [("q-channels", "first")],
        [("q-channels", "0"), ("q-channels", "1")],  # two answers to a single-choice question
        [("q-who", "0"), ("q-who", "3")],  # one offered option and one not
        [("q-channels", "²")],  # passes str.isdigit(), not int()
        [("q-channels", "01")],
        [("q-phase-0", "9" * 5000)],  # more digits than int() converts
        [("q-phase-0", "2")],  # a position past the right-hand list
        [("q-phase-1", "-1")],
        [("q-motto", "x" * 501)],
    ],
)
def test_anything_not_offered_is_refused(items):
    with pytest.raises(AnswerError):
        parse(*items)


def test_matching_values_are_positions_not_pair_indices():
    matching = QUESTIONS[-1]
    # "0" for every item is position 0 of the shuffled list, "Warn": right for item 1 only.
    answers = parse(("q-phase-0", "0"), ("q-phase-1", "0"))
    assert answers["phase"] == {"0": "Warn", "1": "Warn"}
    assert question_credit(matching, answers["phase"]) == 0.5
    # Pair indices sent as values would match every item to its own side; here they score nothing.
    answers = parse(("q-phase-0", "0"), ("q-phase-1", "1"))
    assert question_credit(matching, answers["phase"]) == 0.0


def test_a_saved_match_is_shown_at_its_position():
    matching = QUESTIONS[-1]
    assert matching_position(matching, "Warn") == 0
    assert matching_position(matching, "Map") == 1
    assert matching_position(matching, "Rebuild") is None
