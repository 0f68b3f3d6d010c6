"""Grading rules as tables: each answer a learner could give, and the credit it earns (no app)."""

import pytest

from app.quiz.grading import parse_number, question_credit, score


def question(kind: str, qid: str = "q", points: float = 1.0, **key) -> dict:
    """A question as publishing stores it; key holds options, answers, numbers or pairs as tuples."""
    return {
        "id": qid,
        "type": kind,
        "points": points,
        "html": "",
        "explanation_html": "",
        "options": [{"html": text, "weight": weight, "feedback_html": ""} for text, weight in key.get("options", ())],
        "answers": [{"text": text, "weight": weight, "feedback_html": ""} for text, weight in key.get("answers", ())],
        "numbers": [
            {"low": low, "high": high, "weight": weight, "feedback_html": ""}
            for low, high, weight in key.get("numbers", ())
        ],
        "pairs": [{"left": left, "right": right} for left, right in key.get("pairs", ())],
    }


SINGLE = question("single", options=(("Messages in their languages", 1.0), ("A press release", 0.0)))
TRUE_FALSE = question("true-false", options=(("True", 1.0), ("False", 0.0)))
MULTIPLE = question("multiple", options=(("Consulates", 0.5), ("Employers", 0.5), ("Nobody", -0.5)))
GENEROUS = question("multiple", options=(("Consulates", 1.0), ("Employers", 1.0), ("Unions", 0.5)))
SHORT = question("short", answers=(("migrants in crisis", 1.0), ("migrants", 0.5), ("Straße", 1.0)))
EXACT = question("numeric", numbers=((5.0, 5.0, 1.0),))
TOLERANCE = question("numeric", numbers=((14.5, 15.5, 1.0),))  # 15 ± 0.5
RANGE = question("numeric", numbers=((1990.0, 2000.0, 1.0), (1980.0, 2010.0, 0.5)))
FLOAT = question("numeric", numbers=((0.1 + 0.2, 0.1 + 0.2, 1.0),))
MATCHING = question("matching", pairs=(("Preparedness", "Map"), ("Response", "Warn"), ("Recovery", "Rebuild")))


@pytest.mark.parametrize(
    ("q", "answer", "credit"),
    [
        (SINGLE, 0, 1.0),
        (SINGLE, 1, 0.0),
        (TRUE_FALSE, 0, 1.0),
        (TRUE_FALSE, 1, 0.0),
        (SINGLE, 7, 0.0),  # an index that does not exist earns nothing (and does not crash)
        # multiple: the sum of the chosen weights, floored at zero and capped at one
        (MULTIPLE, [0, 1], 1.0),
        (MULTIPLE, [0], 0.5),
        (MULTIPLE, [1], 0.5),
        (MULTIPLE, [0, 2], 0.0),
        (MULTIPLE, [0, 1, 2], 0.5),
        (MULTIPLE, [2], 0.0),  # -50% alone is floored at 0, not negative
        (MULTIPLE, [0, 0], 0.5),  # the same option twice counts once
        (GENEROUS, [0, 1, 2], 1.0),  # weights adding up to 2.5 are capped at 1
        (GENEROUS, [2], 0.5),
    ],
)
def test_choice_questions(q, answer, credit):
    assert question_credit(q, answer) == pytest.approx(credit)


@pytest.mark.parametrize(
    ("given", "credit"),
    [
        ("migrants in crisis", 1.0),
        ("ＭＩＧＲＡＮＴＳ  in crisis", 1.0),  # full-width letters (NFKC) and two spaces
        ("  Migrants\u00a0in\tCRISIS ", 1.0),  # no-break space, tab, outer spaces, capitals
        ("migrants", 0.5),
        ("STRASSE", 1.0),  # case-folded: ß folds to ss
        ("migrants in crises", 0.0),
        ("migrantsincrisis", 0.0),
        ("   ", 0.0),
    ],
)
def test_short_text_is_normalised(given, credit):
    assert question_credit(SHORT, given) == pytest.approx(credit)


@pytest.mark.parametrize(
    ("key", "typed"),
    [
        ("l'OIM", "l\u2019OIM"),
        ("l'OIM", "L\u2018OIM"),
        ("консульский учет", "Консульский учёт"),
        ("المنظمة الدولية للهجرة", "المنظمه الدوليه للهجره"),  # ة typed as ه
        ("إعادة الإدماج", "اعادة الادماج"),  # hamza forms of alef
        ("الموافقة", "المُوافَقة"),  # vowel marks
    ],
)
def test_typographic_variants_match(key, typed):
    question = {"type": "short", "answers": [{"text": key, "weight": 1.0}]}
    assert question_credit(question, typed) == 1.0


@pytest.mark.parametrize(
    ("q", "given", "credit"),
    [
        (EXACT, "5", 1.0),
        (EXACT, " 5.0 ", 1.0),
        (EXACT, "５", 1.0),  # full-width digit
        (EXACT, "5,0", 1.0),  # decimal comma
        (EXACT, "6", 0.0),
        (EXACT, "five", 0.0),
        (EXACT, "nan", 0.0),
        (EXACT, "inf", 0.0),
        (TOLERANCE, "15", 1.0),
        (TOLERANCE, "15,5", 1.0),
        (TOLERANCE, "14.5", 1.0),
        (TOLERANCE, "15.6", 0.0),
        (TOLERANCE, "14,4", 0.0),
        (RANGE, "1995", 1.0),
        (RANGE, "2000", 1.0),
        (RANGE, "2005", 0.5),  # outside the full-credit range, inside the half-credit one
        (RANGE, "2011", 0.0),
        (FLOAT, "0.3", 1.0),  # 0.1 + 0.2 is not 0.3 in binary floating point
    ],
)
def test_numeric_answers(q, given, credit):
    assert question_credit(q, given) == pytest.approx(credit)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("15", 15.0),
        (" 15.5 ", 15.5),
        ("15,5", 15.5),
        ("-3", -3.0),
        ("1 500", 1500.0),
        ("700\u202f000", 700000.0),
        ("700,000", 700000.0),
        ("796,915", 796915.0),
        ("2,500,000", 2500000.0),
        ("2.500.000", 2500000.0),
        ("0,500", 0.5),
        ("1,5", 1.5),
        ("45 %", 45.0),
        ("15,5.2", None),
        ("fifteen", None),
        ("", None),
    ],
)
def test_numbers_as_learners_type_them(text, value):
    assert parse_number(text) == value


@pytest.mark.parametrize(
    ("chosen", "credit"),
    [
        ({"0": "Map", "1": "Warn", "2": "Rebuild"}, 1.0),
        ({"0": "Map", "1": "Rebuild", "2": "Warn"}, 1 / 3),
        ({"0": "Map"}, 1 / 3),
        ({"0": "Warn", "1": "Map", "2": "Map"}, 0.0),
    ],
)
def test_matching_earns_a_share_per_pair(chosen, credit):
    assert question_credit(MATCHING, chosen) == pytest.approx(credit)


@pytest.mark.parametrize("q", [SINGLE, TRUE_FALSE, MULTIPLE, SHORT, EXACT, MATCHING])
@pytest.mark.parametrize("unanswered", [None, "", [], {}])
def test_unanswered_earns_nothing(q, unanswered):
    assert question_credit(q, unanswered) == 0.0


def test_score_is_weighted_by_points():
    questions = [
        {**SINGLE, "id": "a", "points": 1.0},
        {**MULTIPLE, "id": "b", "points": 3.0},
        {**EXACT, "id": "c", "points": 1.0},
    ]
    assert score(questions, {"a": 0, "b": [0, 1], "c": "5"}) == (100.0, [1.0, 1.0, 1.0])
    percent, credits = score(questions, {"a": 0, "b": [0]})
    assert credits == [1.0, 0.5, 0.0]
    assert percent == pytest.approx(100 * (1 + 1.5) / 5)
    assert score(questions, {"b": [0, 1]})[0] == pytest.approx(60.0)
    assert score(questions, {}) == (0.0, [0.0, 0.0, 0.0])
    assert score([], {}) == (0.0, [])
