"""Quizzes written in Markdown: each question type, weights, feedback, and writing them back."""

from pathlib import Path

import pytest

from app.content.gift import read_gift
from app.content.model import MatchPair, NumericAnswer, Option, TextAnswer
from app.content.quizfile import parse_number_answer, read_quiz
from app.content.quizwriter import quiz_markdown

HEADER = "---\nquiz: check\n---\n\n"


def one_question(body: str):
    quiz, problems = read_quiz(HEADER + body, "q.quiz.md", "en", is_translation=False)
    assert [p for p in problems if p.level == "error"] == [], problems
    return quiz.questions[0]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "## a: single\nQ?\n- [x] Right\n  : Well done.\n- [ ] Wrong\n  : No.\n",
            (Option("Right", 1.0, "Well done."), Option("Wrong", 0.0, "No.")),
        ),
        ("## a: single\nQ?\n- [x] Right\n- [ ] (50%) Nearly\n", (Option("Right", 1.0), Option("Nearly", 0.5))),
        ("## a: multiple\nQ?\n- [x] A\n- [x] B\n- [ ] C\n", (Option("A", 0.5), Option("B", 0.5), Option("C", 0.0))),
        (
            "## a: multiple\nQ?\n- [x] (75%) A\n- [x] (25%) B\n- [ ] (-100%) C\n",
            (Option("A", 0.75), Option("B", 0.25), Option("C", -1.0)),
        ),
        ("## a: true-false\nMigrants count.\n- [x] True\n- [ ] False\n", (Option("True", 1.0), Option("False", 0.0))),
        (
            "## a: single\nQ?\n- [x] A long option\n  that goes on\n- [ ] B\n",
            (Option("A long option that goes on", 1.0), Option("B", 0.0)),
        ),
    ],
)
def test_choice_questions(body, expected):
    assert one_question(body).options == expected


def test_short_answers_with_partial_credit_and_feedback():
    question = one_question("## s: short\nWhat does M stand for?\n- = Migrants\n- = (50%) Migration\n  : Close.\n")
    assert question.answers == (TextAnswer("Migrants", 1.0), TextAnswer("Migration", 0.5, "Close."))


@pytest.mark.parametrize(
    ("text", "expected"),
    [("15", (15, 15)), ("15 ± 1", (14, 16)), ("15 +- 0.5", (14.5, 15.5)), ("14..16", (14, 16)), ("-3", (-3, -3))],
)
def test_numeric_answers(text, expected):
    assert parse_number_answer(text) == expected


@pytest.mark.parametrize("text", ["fifteen", "16..14", "1,5", ""])
def test_numbers_that_are_not(text):
    assert parse_number_answer(text) is None


def test_numeric_question_keeps_each_accepted_range():
    question = one_question("## n: numeric, 2 points\nHow many guidelines?\n- = 15\n- = (50%) 14..16\n")
    assert question.points == 2
    assert question.numbers == (NumericAnswer(15, 15, 1.0), NumericAnswer(14, 16, 0.5))


def test_matching_pairs_keep_their_order():
    question = one_question(
        "## m: matching\nMatch.\n- Preparedness -> Map\n- Response -> Warn\n- Post-crisis -> Recover\n"
    )
    assert question.pairs == (
        MatchPair("Preparedness", "Map"),
        MatchPair("Response", "Warn"),
        MatchPair("Post-crisis", "Recover"),
    )


def test_stem_and_explanation_keep_their_markdown():
    question = one_question(
        "## a: single\nRead **this**.\n\nThen answer.\n- [x] A\n- [ ] B\n\n> See *Guideline 9*.\n> It says so.\n"
    )
    assert question.text == "Read **this**.\n\nThen answer."
    assert question.explanation == "See *Guideline 9*.\nIt says so."


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (
            "## a: single\nQ?\n- [x] A\n- [x] B\n",
            "q.quiz.md:5: a single question has exactly one [x] option; use 'multiple' for more",
        ),
        (
            "## a: multiple\nQ?\n- [x] (60%) A\n- [x] (60%) B\n",
            "q.quiz.md:5: the correct options' percentages add up to 120%, not 100%",
        ),
        (
            "## a: multiple\nQ?\n- [x] (60%) A\n- [x] B\n",
            "q.quiz.md:5: give a percentage to every correct option, or to none",
        ),
        (
            "## a: true-false\nQ?\n- [x] True\n- [ ] False\n- [ ] Maybe\n",
            "q.quiz.md:5: a true-false question has exactly two options",
        ),
        ("## a: short\nQ?\n", "q.quiz.md:5: no accepted answer: add a line '- = <answer>'"),
        ("## a: matching\nQ?\n- A -> B\n", "q.quiz.md:5: a matching question needs at least two 'left -> right' lines"),
        ("## a: single\n- [x] A\n- [ ] B\n", "q.quiz.md:5: the question has no text"),
        (
            "## A_B: single\nQ?\n- [x] A\n- [ ] B\n",
            "q.quiz.md:5: question id 'A_B': use lower-case letters, digits and dashes",
        ),
        (
            "Intro text\n## a: single\nQ?\n- [x] A\n- [ ] B\n",
            "q.quiz.md:5: text before the first question: start it with '## <id>: <type>'",
        ),
        (
            "## a: single\nQ?\n- A -> B\n- [x] C\n- [ ] D\n",
            "q.quiz.md:7: this line does not fit a single question; see courses/README.md",
        ),
        (
            "## a: single\nQ?\n- [x] A\n- [ ] B\n## a: single\nQ?\n- [x] A\n- [ ] B\n",
            "q.quiz.md:9: question id 'a' is used twice in this quiz",
        ),
    ],
)
def test_quiz_mistakes_have_lines(body, message):
    _quiz, problems = read_quiz(HEADER + body, "q.quiz.md", "en", is_translation=False)
    assert message in [str(p) for p in problems]


@pytest.mark.parametrize(
    ("front", "message"),
    [
        ("quiz: check\npass_mark: 120", "q.quiz.md:2: pass_mark must be between 0 and 100"),
        ("quiz: check\nattempts: many", "q.quiz.md:2: 'attempts' must be a whole number"),
        ("quiz: check\nfeedback: everything", "q.quiz.md:2: feedback must be one of full, correctness, score"),
        ("quiz: check\ndraw: 5", "q.quiz.md:2: draw: 5 is more than the 1 questions in the pool"),
        ("quiz: check\nlimit: 3", "q.quiz.md:2: unknown key 'limit' in the quiz front matter"),
        ("title: no id", "q.quiz.md:2: front matter needs 'quiz: <id>' (lower-case letters, digits and dashes)"),
    ],
)
def test_quiz_settings_are_checked(front, message):
    text = f"---\n{front}\n---\n\n## a: single\nQ?\n- [x] A\n- [ ] B\n"
    _quiz, problems = read_quiz(text, "q.quiz.md", "en", is_translation=False)
    assert message in [str(p) for p in problems]


def test_questions_survive_writing_as_markdown_and_reading_back():
    gift = (Path(__file__).parent / "fixtures" / "gift" / "mixed.gift").read_text(encoding="utf-8")
    questions, problems = read_gift(gift)
    assert not [p for p in problems if p.level == "error"]
    text = quiz_markdown("bank", questions)
    quiz, problems = read_quiz(text, "bank.quiz.md", "en", is_translation=False)
    assert [p for p in problems if p.level == "error"] == [], problems

    def comparable(question):
        return (question.id, question.type, question.text, question.options, question.answers, question.numbers,
                question.pairs, question.explanation)  # fmt: skip

    assert [comparable(q) for q in quiz.questions] == [comparable(q) for q in questions]
