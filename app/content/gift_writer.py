"""Write Questions as Moodle GIFT text that read_gift reads back to the same Questions."""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal

from app.content.gift_reader import BLANK, ESCAPABLE, FORMAT_RE, WEIGHT_RE
from app.content.model import Question

_SPECIAL_RE = re.compile("[" + re.escape(ESCAPABLE) + "]")
_INDENT = "    "


def write_gift(questions: Iterable[Question]) -> str:
    """GIFT text for the questions, one block each, separated by blank lines."""
    blocks = [_question(question) for question in questions]
    return "\n\n".join(blocks) + "\n" if blocks else ""


def _question(question: Question) -> str:
    writers = {
        "single": _choice,
        "multiple": _choice,
        "true-false": _true_false,
        "short": _short,
        "numeric": _numeric,
        "matching": _matching,
    }
    if question.type not in writers:
        raise ValueError(f"question {question.id!r}: GIFT has no form for the type {question.type!r}")
    lines = writers[question.type](question)
    if question.explanation:
        lines.append("####" + _text(question.explanation))
    if question.type == "true-false":
        answers = "{" + "".join(lines) + "}"  # so short, it reads best on one line
    else:
        start = "{#" if question.type == "numeric" else "{"
        answers = start + "\n" + "".join(f"{_INDENT}{line}\n" for line in lines) + "}"
    title = f"::{_escape(question.id)}::"
    # A blank followed by more text is where the reader found the answers: put them back there.
    before, blank, after = question.text.partition(BLANK)
    if blank and after.strip():
        return f"{title} {_text(before)}{answers}{_escape(after)}"
    return f"{title} {_text(question.text)} {answers}"


def _choice(question: Question) -> list[str]:
    lines = []
    for option in question.options:
        # Only a single-choice question uses =: the reader takes a question without = for several choices.
        if question.type == "single" and option.weight in (0.0, 1.0):
            marker = "=" if option.weight else "~"
            prefix = marker + _weight(option.weight, option.text, option.weight)
        else:
            prefix = "~" + _weight(option.weight, option.text, 0.0)
        lines.append(prefix + _text(option.text) + _feedback(option.feedback))
    return lines


def _true_false(question: Question) -> list[str]:
    by_text = {option.text.lower(): option for option in question.options}
    true, false = by_text.get("true"), by_text.get("false")
    is_true = true is not None and true.weight > 0
    right, wrong = (true, false) if is_true else (false, true)
    right_text = _text(right.feedback) if right else ""
    wrong_text = _text(wrong.feedback) if wrong else ""
    # Moodle's order is {TRUE#feedback when wrong#feedback when right}.
    tail = f"#{wrong_text}#{right_text}" if right_text else f"#{wrong_text}" if wrong_text else ""
    return [("TRUE" if is_true else "FALSE") + tail]


def _short(question: Question) -> list[str]:
    return [
        "=" + _weight(answer.weight, answer.text, 1.0) + _text(answer.text) + _feedback(answer.feedback)
        for answer in question.answers
    ]


def _numeric(question: Question) -> list[str]:
    lines = []
    for number in question.numbers:
        value = _number(number.low) if number.low == number.high else f"{_number(number.low)}..{_number(number.high)}"
        lines.append("=" + _weight(number.weight, "", 1.0) + value + _feedback(number.feedback))
    return lines


def _matching(question: Question) -> list[str]:
    return [f"={_text(pair.left)} -> {_text(pair.right)}" for pair in question.pairs]


def _weight(weight: float, text: str, implied: float) -> str:
    """%50% when the weight is not the one the marker implies, or when the text itself starts like a weight."""
    if weight == implied and not WEIGHT_RE.match(text):
        return ""
    # Decimal(repr(weight)) * 100 is exact, so the reader's percent / 100 gives back the very same float.
    percent = Decimal(repr(weight)) * 100
    return f"%{percent.normalize():f}%"


def _number(value: float) -> str:
    return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)


def _feedback(feedback: str) -> str:
    return f"#{_text(feedback)}" if feedback else ""


def _text(text: str) -> str:
    """Escaped text; one that starts with a [format] marker gets [moodle] first so that its own marker stays."""
    return ("[moodle]" if FORMAT_RE.match(text.lstrip()) else "") + _escape(text)


def _escape(text: str) -> str:
    return _SPECIAL_RE.sub(lambda match: "\\" + match[0], text.replace("\r", "")).replace("\n", "\\n")
