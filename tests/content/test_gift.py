"""GIFT reader and writer: every construct Moodle documents, what the platform refuses, and round trips."""

from dataclasses import replace
from pathlib import Path

import pytest

from app.content.gift import read_gift, write_gift
from app.content.model import MatchPair, NumericAnswer, Option, Problem, Question, TextAnswer

FIXTURES = Path(__file__).parent / "fixtures" / "gift"


def question(type_: str, text: str, **fields) -> Question:
    """A Question as the reader makes it from a one-question file with no title."""
    return Question(**{"id": "q1", "type": type_, "text": text, "line": 1, **fields})


def true_false(text: str, answer: bool, right: str = "", wrong: str = "", **fields) -> Question:
    options = (Option("True", 1.0, right), Option("False", 0.0, wrong))
    if not answer:
        options = (Option("True", 0.0, wrong), Option("False", 1.0, right))
    return question("true-false", text, options=options, **fields)


def without_lines(questions: list[Question]) -> list[Question]:
    return [replace(q, line=0) for q in questions]


READS = [
    # Multiple choice
    pytest.param(
        "Who's buried in Grant's tomb?{~Grant ~Jefferson =no one}",
        question(
            "single",
            "Who's buried in Grant's tomb?",
            options=(Option("Grant"), Option("Jefferson"), Option("no one", 1.0)),
        ),
        id="single-choice",
    ),
    pytest.param(
        "What's between orange and green?\n{ =yellow # right; good! ~red # wrong, it's yellow ~blue }",
        question(
            "single",
            "What's between orange and green?",
            options=(Option("yellow", 1.0, "right; good!"), Option("red", 0.0, "wrong, it's yellow"), Option("blue")),
        ),
        id="single-choice-feedback",
    ),
    pytest.param(
        "Who is in Grant's tomb? {\n ~%-100%No one\n ~%50%Grant\n ~%50%Grant's wife\n ~%-100%Grant's father\n}",
        question(
            "multiple",
            "Who is in Grant's tomb?",
            options=(
                Option("No one", -1.0),
                Option("Grant", 0.5),
                Option("Grant's wife", 0.5),
                Option("Grant's father", -1.0),
            ),
        ),
        id="multiple-weights",
    ),
    pytest.param(
        "Pick the thirds {~%33.333%a ~%33.333%b ~%33.334%c ~d}",
        question(
            "multiple",
            "Pick the thirds",
            options=(Option("a", 0.33333), Option("b", 0.33333), Option("c", 0.33334), Option("d")),
        ),
        id="multiple-decimal-weights",
    ),
    pytest.param(
        "Which are right? {=a =b ~c}",
        question("multiple", "Which are right?", options=(Option("a", 1.0), Option("b", 1.0), Option("c"))),
        id="multiple-two-equals",
    ),
    pytest.param(
        "Tick what applies {~%100%a ~b}",
        question("multiple", "Tick what applies", options=(Option("a", 1.0), Option("b"))),
        id="multiple-without-equals",
    ),
    pytest.param(
        "Best answer? {=a ~%50%b ~c}",
        question("multiple", "Best answer?", options=(Option("a", 1.0), Option("b", 0.5), Option("c"))),
        id="multiple-partial-credit",
    ),
    # True/false
    pytest.param("1+1=2 {T}", true_false("1+1=2", True), id="true-T"),
    pytest.param("1+1=2 {TRUE}", true_false("1+1=2", True), id="true-TRUE"),
    pytest.param("1+1=3 {F}", true_false("1+1=3", False), id="false-F"),
    pytest.param("1+1=3 {FALSE}", true_false("1+1=3", False), id="false-FALSE"),
    pytest.param("1+1=2 {true}", true_false("1+1=2", True), id="true-lowercase"),
    pytest.param(
        "The sun is a star. {TRUE #No, it is one. #Yes.}",
        true_false("The sun is a star.", True, right="Yes.", wrong="No, it is one."),
        id="true-feedback",
    ),
    pytest.param(
        "The moon is a star. {F#Wrong: it is a satellite.#Right.}",
        true_false("The moon is a star.", False, right="Right.", wrong="Wrong: it is a satellite."),
        id="false-feedback",
    ),
    pytest.param(
        "Water is wet. {T##Of course.}", true_false("Water is wet.", True, right="Of course."), id="true-right-only"
    ),
    # Short answer
    pytest.param(
        "Who's buried in Grant's tomb?{=no one =nobody}",
        question("short", "Who's buried in Grant's tomb?", answers=(TextAnswer("no one"), TextAnswer("nobody"))),
        id="short",
    ),
    pytest.param(
        "Capital of Australia? {=Canberra#Yes =%50%Sydney#Biggest city, not the capital =%0%Perth#No}",
        question(
            "short",
            "Capital of Australia?",
            answers=(
                TextAnswer("Canberra", 1.0, "Yes"),
                TextAnswer("Sydney", 0.5, "Biggest city, not the capital"),
                TextAnswer("Perth", 0.0, "No"),
            ),
        ),
        id="short-weights-feedback",
    ),
    pytest.param("1 + 2 \\= {3}", question("short", "1 + 2 =", answers=(TextAnswer("3"),)), id="short-no-marker"),
    # Numerical
    pytest.param(
        "Pi to two places? {#3.14:0.01}",
        question("numeric", "Pi to two places?", numbers=(NumericAnswer(3.13, 3.15),)),
        id="numeric-tolerance",
    ),
    pytest.param(
        "A number from 1 to 5? {#1..5}",
        question("numeric", "A number from 1 to 5?", numbers=(NumericAnswer(1.0, 5.0),)),
        id="numeric-range",
    ),
    pytest.param(
        "How many? {#42}", question("numeric", "How many?", numbers=(NumericAnswer(42.0, 42.0),)), id="numeric-exact"
    ),
    pytest.param(
        "Below zero? {#-5..-1}",
        question("numeric", "Below zero?", numbers=(NumericAnswer(-5.0, -1.0),)),
        id="numeric-negative-range",
    ),
    pytest.param(
        "When does the plan end? {# =2030:0 =%50%2031:1}",
        question(
            "numeric",
            "When does the plan end?",
            numbers=(NumericAnswer(2030.0, 2030.0), NumericAnswer(2030.0, 2032.0, 0.5)),
        ),
        id="numeric-partial-credit",
    ),
    pytest.param(
        "Grant was born in? {#\n    =1822:0 # Correct!\n    =%50%1822:2 # Close.\n}",
        question(
            "numeric",
            "Grant was born in?",
            numbers=(NumericAnswer(1822.0, 1822.0, 1.0, "Correct!"), NumericAnswer(1820.0, 1824.0, 0.5, "Close.")),
        ),
        id="numeric-feedback",
    ),
    pytest.param(
        "Small? {#1.5e-3:.0005}",
        question("numeric", "Small?", numbers=(NumericAnswer(0.001, 0.002),)),
        id="numeric-exponent",
    ),
    # Matching
    pytest.param(
        "Which animal eats which food? { =cat -> cat food =dog -> dog food }",
        question(
            "matching",
            "Which animal eats which food?",
            pairs=(MatchPair("cat", "cat food"), MatchPair("dog", "dog food")),
        ),
        id="matching",
    ),
    pytest.param(
        "Match the capitals. {\n  =Canada -> Ottawa\n  =Italy->Rome\n  =Japan -> Tokyo\n  ####Three capitals.\n}",
        question(
            "matching",
            "Match the capitals.",
            pairs=(MatchPair("Canada", "Ottawa"), MatchPair("Italy", "Rome"), MatchPair("Japan", "Tokyo")),
            explanation="Three capitals.",
        ),
        id="matching-multiline-explanation",
    ),
    # Missing word
    pytest.param(
        "Grant is {~buried =entombed ~living} in Grant's tomb.",
        question(
            "single",
            "Grant is _____ in Grant's tomb.",
            options=(Option("buried"), Option("entombed", 1.0), Option("living")),
        ),
        id="missing-word-choice",
    ),
    pytest.param(
        "Two plus {=two =2} equals four.",
        question("short", "Two plus _____ equals four.", answers=(TextAnswer("two"), TextAnswer("2"))),
        id="missing-word-short",
    ),
    pytest.param(
        "{=Asia} is the largest continent.",
        question("short", "_____ is the largest continent.", answers=(TextAnswer("Asia"),)),
        id="missing-word-first",
    ),
    pytest.param(
        "There are {#7} continents.",
        question("numeric", "There are _____ continents.", numbers=(NumericAnswer(7.0, 7.0),)),
        id="missing-word-numeric",
    ),
    pytest.param(
        "The American holiday of Thanksgiving is celebrated on the {\n ~second\n ~third\n =fourth\n} Thursday.",
        question(
            "single",
            "The American holiday of Thanksgiving is celebrated on the _____ Thursday.",
            options=(Option("second"), Option("third"), Option("fourth", 1.0)),
        ),
        id="missing-word-multiline",
    ),
    # General feedback
    pytest.param(
        "How are you? {=fine ~bad ####We hope you're feeling well.}",
        question(
            "single",
            "How are you?",
            options=(Option("fine", 1.0), Option("bad")),
            explanation="We hope you're feeling well.",
        ),
        id="general-feedback",
    ),
    pytest.param(
        "Is it? {T#Wrong#Right####Because.}",
        true_false("Is it?", True, right="Right", wrong="Wrong", explanation="Because."),
        id="general-feedback-true-false",
    ),
    # Titles
    pytest.param(
        "::Capital of France:: Which city? {=Paris ~Lyon}",
        question("single", "Which city?", id="capital-of-france", options=(Option("Paris", 1.0), Option("Lyon"))),
        id="title",
    ),
    pytest.param(
        "::Qué pasa, señor?:: Está bien {T}",
        true_false("Está bien", True, id="que-pasa-senor"),
        id="title-accents",
    ),
    pytest.param("::G1\\: host State:: Yes? {T}", true_false("Yes?", True, id="g1-host-state"), id="title-escape"),
    pytest.param("::Плата:: Да? {T}", true_false("Да?", True), id="title-not-latin"),
    pytest.param("::::Yes? {T}", true_false("Yes?", True), id="title-empty"),
    # Text formats
    pytest.param("[markdown]Is **this** bold? {T}", true_false("Is **this** bold?", True), id="format-markdown"),
    pytest.param(
        "::h::[html]<p>Is <em>this</em> HTML?</p>{T}",
        true_false("<p>Is <em>this</em> HTML?</p>", True, id="h"),
        id="format-html",
    ),
    pytest.param("[plain]Plain? {T}", true_false("Plain?", True), id="format-plain"),
    pytest.param("[moodle]Moodle? {T}", true_false("Moodle?", True), id="format-moodle"),
    pytest.param("[latex]Other? {T}", true_false("[latex]Other?", True), id="format-unknown-kept"),
    pytest.param(
        "Which? {=[html]<b>this</b> #[html]<i>yes</i> ~[plain]that}",
        question("single", "Which?", options=(Option("<b>this</b>", 1.0, "<i>yes</i>"), Option("that"))),
        id="format-answers",
    ),
    # Escapes
    pytest.param(
        "Escapes \\~ \\= \\# \\{ \\} \\: stay? {=a\\=b \\#1 ~c\\~d\\{\\}#x\\#y ####g\\:h}",
        question(
            "single",
            "Escapes ~ = # { } : stay?",
            options=(Option("a=b #1", 1.0), Option("c~d{}", 0.0, "x#y")),
            explanation="g:h",
        ),
        id="escapes",
    ),
    pytest.param("Line one\\nline two? {T}", true_false("Line one\nline two?", True), id="escape-newline"),
    pytest.param(
        "A path C\\:\\\\new\\\\x and \\(x\\)? {T}",
        true_false("A path C:\\new\\x and \\(x\\)?", True),
        id="escape-backslash",
    ),
    pytest.param("Plain 50%% and 1+1=2? {T}", true_false("Plain 50%% and 1+1=2?", True), id="no-escape-needed"),
    # Comments and layout
    pytest.param(
        "// a comment\n// another\nIs it? {\n// a comment between answers\n=yes\n~no // not a comment\n}",
        question("single", "Is it?", line=3, options=(Option("yes", 1.0), Option("no // not a comment"))),
        id="comments",
    ),
    pytest.param(
        "See http://example.org and say: {T}",
        true_false("See http://example.org and say:", True),
        id="url-not-a-comment",
    ),
    pytest.param(
        "First line\nsecond line {T}", true_false("First line\nsecond line", True), id="multiline-question-text"
    ),
    # Categories
    pytest.param(
        "$CATEGORY: $course$/top/MICIC\n\nIs it? {T}", true_false("Is it?", True, line=3), id="category-block"
    ),
    pytest.param("$CATEGORY: tom/dick/harry\nIs it? {T}", true_false("Is it?", True, line=2), id="category-same-block"),
]


@pytest.mark.parametrize(("source", "expected"), READS)
def test_read_one_question(source: str, expected: Question) -> None:
    assert read_gift(source) == ([expected], [])


def test_read_empty_and_comment_only_files() -> None:
    assert read_gift("") == ([], [])
    assert read_gift("// nothing here\n\n$CATEGORY: a/b\n\n  \n") == ([], [])


def test_untitled_questions_are_numbered_and_keep_their_lines() -> None:
    source = "// intro\n\nA? {T}\n\n::Named:: B? {F}\n\n\n\nC? {=c ~d}\n"
    questions, problems = read_gift(source)
    assert [(q.id, q.line) for q in questions] == [("q1", 3), ("named", 5), ("q3", 9)]
    assert problems == []


def test_repeated_titles_get_a_suffix_and_a_warning() -> None:
    questions, problems = read_gift("::Same:: A? {T}\n\n::same:: B? {T}\n\n::SAME:: C? {T}", file="m.gift")
    assert [q.id for q in questions] == ["same", "same-2", "same-3"]
    assert problems == [
        Problem(
            "m.gift",
            3,
            'the id "same" is already used on line 1: this question is "same-2"; give it a title of its own',
            "warning",
        ),
        Problem(
            "m.gift",
            5,
            'the id "same" is already used on line 1: this question is "same-3"; give it a title of its own',
            "warning",
        ),
    ]


@pytest.mark.parametrize(
    ("source", "text"),
    [
        pytest.param("هل يحق للمهاجرين الحصول على المساعدة؟ {T}", "هل يحق للمهاجرين الحصول على المساعدة؟", id="arabic"),
        pytest.param("移民有权获得援助吗？{T}", "移民有权获得援助吗？", id="chinese"),
        pytest.param("Имеют ли мигранты право на помощь? {T}", "Имеют ли мигранты право на помощь?", id="cyrillic"),
    ],
)
def test_non_latin_question_text(source: str, text: str) -> None:
    assert read_gift(source) == ([true_false(text, True)], [])


def test_non_latin_answers_and_feedback() -> None:
    source = (
        "::ar:: من المسؤول؟ {=الدولة المضيفة #صحيح ~لا أحد}\n\n"
        "::zh:: 首都？{=北京 =%50%北平}\n\n"
        "::ru:: Да? {#1..2#Верно}"
    )
    questions, problems = read_gift(source)
    assert problems == []
    assert questions[0].options == (Option("الدولة المضيفة", 1.0, "صحيح"), Option("لا أحد"))
    assert questions[1].answers == (TextAnswer("北京"), TextAnswer("北平", 0.5))
    assert questions[2].numbers == (NumericAnswer(1.0, 2.0, 1.0, "Верно"),)


@pytest.mark.parametrize(
    "transform",
    [
        pytest.param(lambda text: text.replace("\n", "\r\n"), id="crlf"),
        pytest.param(lambda text: text.replace("\n", "\r"), id="old-mac-cr"),
        pytest.param(lambda text: "\ufeff" + text, id="bom"),
        pytest.param(lambda text: "\ufeff" + text.replace("\n", "\r\n"), id="bom-and-crlf"),
    ],
)
def test_line_endings_and_bom_read_like_plain_lf(transform) -> None:
    source = (FIXTURES / "mixed.gift").read_text(encoding="utf-8")
    assert read_gift(transform(source)) == read_gift(source)
    assert read_gift(transform(source))[0][0].id == "who-leads"


def test_mixed_fixture_reads_every_question() -> None:
    questions, problems = read_gift((FIXTURES / "mixed.gift").read_text(encoding="utf-8"), file="mixed.gift")
    assert problems == []
    assert [(q.id, q.type, q.line) for q in questions] == [
        ("who-leads", "single", 4),
        ("useful-in-preparedness", "multiple", 12),
        ("status-and-help", "true-false", 19),
        ("hotline", "true-false", 24),
        ("principles", "numeric", 26),
        ("evacuation-window", "numeric", 28),
        ("missing-word", "short", 35),
        ("match-the-phase", "matching", 40),
        ("formats", "single", 47),
        ("html", "single", 55),
        ("arabic", "single", 61),
        ("q12", "true-false", 66),
        ("q13", "numeric", 68),
    ]
    who_leads = questions[0]
    assert who_leads.text == (
        "Under the MICIC Guidelines, who has the primary responsibility to protect\nmigrants in a country in crisis?"
    )
    assert who_leads.explanation.startswith("The host State is responsible")
    assert questions[2].options[0] == Option(
        "True", 0.0, "Wrong: Guideline 10 asks to assist migrants whatever their status."
    )
    assert questions[5].numbers == (
        NumericAnswer(12.0, 12.0, 1.0, "Exactly."),
        NumericAnswer(11.0, 12.0, 0.5, "Arriving early is fine, but 12 is the latest."),
    )
    assert (
        questions[6].text == "Cooperation between States of origin and host States is called _____ in the Guidelines."
    )
    assert [o.text for o in questions[8].options] == [
        "~ (tilde)",
        "= (equals)",
        "# (hash)",
        "% (percent)",
        "{ and } (braces)",
    ]
    assert questions[9].options[0] == Option("<b>Consulates</b>", 1.0)


# Each source has a good question before and after the bad one: the rest of the file must still be read.
PROBLEMS = [
    pytest.param(
        "Write an essay. {}",
        [(3, "essay questions ({}) are not supported: the platform marks every answer automatically")],
        id="essay",
    ),
    pytest.param(
        "Write an essay.\n{####Look at the guidelines.}",
        [(3, "essay questions ({}) are not supported: the platform marks every answer automatically")],
        id="essay-with-general-feedback",
    ),
    pytest.param(
        "Read this carefully before the next questions.",
        [(3, "no answers in { }: a text without answers (a Moodle description) is not supported")],
        id="description",
    ),
    pytest.param(
        "Which?\n{=a\n~b",
        [(4, "the { is never closed: add the missing } (or write \\{ and \\} for a literal brace)")],
        id="unclosed-brace",
    ),
    pytest.param(
        "Which? {=a {~b}",
        [(3, "the { is never closed: add the missing } (or write \\{ and \\} for a literal brace)")],
        id="brace-opened-twice",
    ),
    pytest.param(
        "Which?\n=a ~b}",
        [(4, "a } without an opening { (or write \\{ and \\} for a literal brace)")],
        id="stray-closing-brace",
    ),
    pytest.param(
        "First? {T}\nSecond? {F}",
        [
            (
                4,
                "a second { } after the answers: leave a blank line between questions"
                " (or write \\{ and \\} for a literal brace)",
            )
        ],
        id="missing-blank-line",
    ),
    pytest.param(
        "::Unclosed title Which? {T}",
        [(3, "the title has no closing :: (write ::title:: before the question text)")],
        id="unclosed-title",
    ),
    pytest.param("::Only a title:: {T}", [(3, "the question has no text")], id="no-text"),
    pytest.param(
        "Which? {~a ~b ~c}",
        [(3, "no correct answer: mark the right answer with = (or give answers a weight such as ~%50%)")],
        id="choice-without-correct-answer",
    ),
    pytest.param(
        "Which? {~%0%a ~%-50%b}",
        [(3, "no correct answer: mark the right answer with = (or give answers a weight such as ~%50%)")],
        id="choice-only-zero-or-negative-weights",
    ),
    pytest.param("Which? {~a}", [(3, "a multiple-choice question needs at least two answers")], id="choice-one-answer"),
    pytest.param(
        "Which?\n{\n  a\n  ~b\n  =c\n}",
        [(5, "text before the first answer: start every answer with = (right) or ~ (wrong)")],
        id="choice-unmarked-answer",
    ),
    pytest.param("Which?\n{=a\n~  #why\n}", [(5, "an answer is empty")], id="choice-empty-answer"),
    pytest.param(
        "Which? {~%50%a ~%40%b ~c}",
        [(3, "the right answers add up to 90%, so no one can score full marks: make them 100%")],
        id="weights-below-100",
    ),
    pytest.param(
        "Which?\n{=a\n~%150%b}",
        [(5, "the weight 150% is out of range: use -100% to 100%")],
        id="weight-out-of-range",
    ),
    pytest.param(
        "How many? {#ten}",
        [(3, '"ten" is not a number: write 3.14, 3.14:0.01 (with a tolerance) or 1..5 (a range)')],
        id="numeric-not-a-number",
    ),
    pytest.param(
        "How many? {#\n=10:1\n=%50%12:a lot\n}",
        [(5, '"a lot" is not a number: write 3.14, 3.14:0.01 (with a tolerance) or 1..5 (a range)')],
        id="numeric-bad-tolerance",
    ),
    pytest.param(
        "How many? {#1,5}",
        [(3, '"1,5" is not a number: write 3.14, 3.14:0.01 (with a tolerance) or 1..5 (a range)')],
        id="numeric-decimal-comma",
    ),
    pytest.param(
        "How many? {#5..1}",
        [(3, "in the range 5..1 the first number must not be larger than the second")],
        id="numeric-reversed-range",
    ),
    pytest.param(
        "How many? {#3:-1}", [(3, "in 3:-1 the tolerance must not be negative")], id="numeric-negative-tolerance"
    ),
    pytest.param(
        "How many? {#}", [(3, "no number after {#: write {#3.14}, {#3.14:0.01} or {#1..5}")], id="numeric-empty"
    ),
    pytest.param(
        "How many? {#=%0%3#No}",
        [(3, "no answer gives credit: give at least one number a positive weight")],
        id="numeric-no-credit",
    ),
    pytest.param(
        "Who? {=%0%nobody}",
        [(3, "no answer gives credit: give at least one answer a positive weight")],
        id="short-no-credit",
    ),
    pytest.param(
        "Match. {=a -> b}",
        [(3, "a matching question needs at least two pairs (=left -> right)")],
        id="matching-one-pair",
    ),
    pytest.param(
        "Match. {\n=a -> b\n=c\n}",
        [(5, '"c" is not a pair: write =left -> right')],
        id="matching-missing-arrow",
    ),
    pytest.param(
        "Match. {\n=a -> b # well done\n=c -> d\n}",
        [(4, "matching pairs cannot have feedback (#)")],
        id="matching-feedback",
    ),
    pytest.param(
        "Match. {=a -> b =  -> d}",
        [(3, "a pair has an empty side: write =left -> right")],
        id="matching-empty-side",
    ),
    pytest.param(
        "// the question starts below its comments\n// so its line is the first real line\nWhich? {~a ~b}",
        [(5, "no correct answer: mark the right answer with = (or give answers a weight such as ~%50%)")],
        id="line-after-comments",
    ),
]


@pytest.mark.parametrize(("bad", "expected"), PROBLEMS)
def test_problems_are_reported_and_the_rest_is_read(bad: str, expected: list[tuple[int, str]]) -> None:
    source = f"::Before:: Before? {{T}}\n\n{bad}\n\n::After:: After? {{F}}\n"
    questions, problems = read_gift(source, file="quiz.gift")
    assert [q.id for q in questions] == ["before", "after"]
    assert problems == [Problem("quiz.gift", line, message, "error") for line, message in expected]


def test_several_problems_in_one_file_are_all_reported_in_line_order() -> None:
    source = "A {}\n\nB\n\nC? {T}\n\nD? {#x}\n\nE? {=a -> b}\n"
    questions, problems = read_gift(source)
    assert [q.text for q in questions] == ["C?"]
    assert [(p.line, p.level) for p in problems] == [(1, "error"), (3, "error"), (7, "error"), (9, "error")]
    assert all(p.file == "questions.gift" for p in problems)


def test_numeric_catch_all_feedback_is_a_warning() -> None:
    questions, problems = read_gift("How many? {#\n=10\n~#Count again.\n}")
    assert questions == [question("numeric", "How many?", numbers=(NumericAnswer(10.0, 10.0),))]
    assert problems == [
        Problem(
            "questions.gift", 3, "feedback for any other number (~#...) is not supported and was left out", "warning"
        )
    ]


def test_write_layout() -> None:
    questions = [
        Question(
            "capital",
            "single",
            "Which city is the capital: {France}?",
            options=(Option("Paris", 1.0, "Yes #1"), Option("Lyon")),
            explanation="See the map.",
        ),
        true_false("Is it?", False, right="Right", wrong="Wrong", id="tf"),
        question("numeric", "Pi?", id="pi", numbers=(NumericAnswer(3.13, 3.15), NumericAnswer(3.0, 3.0, 0.5))),
        question("short", "Two plus _____ equals four.", id="two", answers=(TextAnswer("two"), TextAnswer("2", 0.5))),
    ]
    assert write_gift(questions) == (
        "::capital:: Which city is the capital\\: \\{France\\}? {\n"
        "    =Paris#Yes \\#1\n"
        "    ~Lyon\n"
        "    ####See the map.\n"
        "}\n"
        "\n"
        "::tf:: Is it? {FALSE#Wrong#Right}\n"
        "\n"
        "::pi:: Pi? {#\n"
        "    =3.13..3.15\n"
        "    =%50%3\n"
        "}\n"
        "\n"
        "::two:: Two plus {\n"
        "    =two\n"
        "    =%50%2\n"
        "} equals four.\n"
    )


def test_write_nothing() -> None:
    assert write_gift([]) == ""


def test_write_refuses_an_unknown_type() -> None:
    with pytest.raises(ValueError, match="essay"):
        write_gift([question("essay", "Discuss.")])


# Questions built by hand (as the browser editor would) with everything that needs escaping or care.
TRICKY = [
    question(
        "single",
        "Braces {x}, ~tilde, =equals, #hash, :colon, \\backslash",
        options=(Option("a{b}", 1.0, "c#d"), Option("e~f=g")),
    ),
    question("single", "Line one\nLine two", options=(Option("x\ny", 1.0), Option("z")), explanation="one\ntwo"),
    question(
        "single",
        "[html] is how it starts",
        options=(Option("[markdown]x", 1.0, "[plain]fb"), Option("y")),
        explanation="[moodle]e",
    ),
    question("single", "Percent", options=(Option("%50% of people", 1.0), Option("%10%"))),
    question("multiple", "Percent", options=(Option("%50%", 0.5), Option("%0%b", 0.5), Option("%1%c"))),
    question("multiple", "One right, but tick boxes", options=(Option("a", 1.0), Option("b"))),
    question(
        "multiple", "Thirds", options=(Option("a", 1 / 3), Option("b", 1 / 3), Option("c", 1 / 3), Option("d", -0.1))
    ),
    question("single", "Ends with a blank _____", options=(Option("a", 1.0), Option("b"))),
    question("single", "_____ starts it", options=(Option("a", 1.0), Option("b"))),
    question("short", "Two _____ blanks _____ here", answers=(TextAnswer("T"), TextAnswer("FALSE", 0.2, "meh"))),
    question(
        "short",
        "A ::title:: lookalike // and a comment lookalike",
        answers=(TextAnswer("a:b"), TextAnswer("x", 0.0, "no")),
    ),
    true_false("True?", True),
    true_false("True with right feedback only?", True, right="Right"),
    true_false("False with wrong feedback only?", False, wrong="Wrong #1"),
    true_false("Explained?", False, right="R", wrong="W", explanation="Because ####."),
    question(
        "numeric",
        "Floats",
        numbers=(NumericAnswer(0.1, 0.30000000000000004, 0.7, "f"), NumericAnswer(-1e-07, 1e20, 0.3)),
    ),
    question("numeric", "Negative", numbers=(NumericAnswer(-5.0, -5.0),)),
    question(
        "matching",
        "Pairs",
        pairs=(MatchPair("a:b", "c{d}"), MatchPair("e#f", "g -> h"), MatchPair("[html]i", "[html]j")),
    ),
    question("single", "مرحبا 你好 Привет", options=(Option("نعم", 1.0, "是"), Option("Нет"))),
    question("short", "\\n is not a newline here", answers=(TextAnswer("C:\\new"),)),
]


@pytest.mark.parametrize("original", TRICKY, ids=lambda q: q.text[:30])
def test_write_then_read_gives_the_same_question(original: Question) -> None:
    questions, problems = read_gift(write_gift([original]))
    assert problems == []
    assert questions == [original]


def test_round_trip_of_the_mixed_fixture() -> None:
    first, problems = read_gift((FIXTURES / "mixed.gift").read_text(encoding="utf-8"))
    assert problems == []
    written = write_gift(first)
    second, problems = read_gift(written)
    assert problems == []
    assert without_lines(second) == without_lines(first)
    assert write_gift(second) == written


def test_round_trip_of_every_single_question_case() -> None:
    originals = [case.values[1] for case in READS]
    renumbered = [replace(q, id=f"case-{n}") for n, q in enumerate(originals, start=1)]
    questions, problems = read_gift(write_gift(renumbered))
    assert problems == []
    assert without_lines(questions) == without_lines(renumbered)
