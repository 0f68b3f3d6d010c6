"""Read Moodle's GIFT quiz format into Questions, with a Problem for whatever the platform cannot hold."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from decimal import Decimal

from app.content.model import MatchPair, NumericAnswer, Option, Problem, Question, TextAnswer

# While parsing, escaped specials become Unicode noncharacters, so a \= or \{ can never be taken for syntax.
ESCAPABLE = "\\~=#{}:"
_HIDDEN = {char: chr(0xFDD0 + i) for i, char in enumerate(ESCAPABLE + "n")}
_SHOWN = str.maketrans({hidden: "\n" if char == "n" else char for char, hidden in _HIDDEN.items()})
_ESCAPE_RE = re.compile(r"\\([\\~=#{}:n])")
FORMAT_RE = re.compile(r"\[(?:markdown|html|plain|moodle)\]")
WEIGHT_RE = re.compile(r"%(-?\d+(?:\.\d+)?)%")
_NUMBER_RE = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
BLANK = "_____"
_TRUE, _FALSE = ("T", "TRUE"), ("F", "FALSE")


class _GiftError(Exception):
    """A question that cannot be read: the first thing wrong with it, and where."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line, self.message = line, message


@dataclass(frozen=True)
class _Item:
    """One answer inside the braces: its marker (=, ~ or "" before the first marker), raw text and line."""

    marker: str
    body: str
    line: int


def read_gift(text: str, file: str = "questions.gift") -> tuple[list[Question], list[Problem]]:
    """Read every question of a GIFT file; a question that cannot be read becomes a Problem instead."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    questions: list[Question] = []
    problems: list[Problem] = []
    first_line: dict[str, int] = {}
    for number, lines in enumerate(_questions(text), start=1):
        notes: list[tuple[int, str]] = []
        try:
            question = _question(lines, number, notes)
        except _GiftError as bad:
            problems.append(Problem(file, bad.line, bad.message))
            continue
        finally:
            problems.extend(Problem(file, line, message, "warning") for line, message in notes)
        questions.append(_unique(question, first_line, file, problems))
    return questions, sorted(problems, key=lambda problem: problem.line)


def _questions(text: str) -> Iterator[list[tuple[int, str]]]:
    """Numbered lines of each question: blank lines separate them; $CATEGORY and leading comments go."""
    block: list[tuple[int, str]] = []
    for number, line in enumerate([*text.split("\n"), ""], start=1):
        if line.strip():
            block.append((number, line))
            continue
        # A category only files questions in Moodle's bank: the platform has no use for it.
        while block and (_is_comment(block[0][1]) or block[0][1].lstrip().startswith("$CATEGORY:")):
            block.pop(0)
        if block:
            yield block
        block = []


def _is_comment(line: str) -> bool:
    return line.lstrip().startswith("//")


def _question(lines: list[tuple[int, str]], number: int, notes: list[tuple[int, str]]) -> Question:
    start = lines[0][0]
    # Comment lines stay as empty lines so that an offset in src still counts the lines of the file.
    src = "\n".join("" if _is_comment(line) else _ESCAPE_RE.sub(lambda m: _HIDDEN[m[1]], line) for _, line in lines)

    def line_at(offset: int) -> int:
        return start + src.count("\n", 0, offset)

    title, pos = _title(src, start)
    opening, closing = _braces(src, pos, line_at)
    if opening < 0:
        raise _GiftError(start, "no answers in { }: a text without answers (a Moodle description) is not supported")
    after = src[closing + 1 :]
    text = _clean(src[pos:opening] + (BLANK + after if after.strip() else ""))
    if not text:
        raise _GiftError(start, "the question has no text")
    # Moodle takes the last #### as the start of the general feedback.
    body, separator, explanation = src[opening + 1 : closing].rpartition("####")
    if not separator:
        body, explanation = explanation, ""
    fields = _answers(body, opening + 1, line_at, start, notes)
    question_id = _slug(title) or f"q{number}"
    return Question(id=question_id, text=text, explanation=_clean(explanation), line=start, **fields)


def _title(src: str, start: int) -> tuple[str, int]:
    """The ::title:: and where the question text begins after it."""
    pos = len(src) - len(src.lstrip())
    if not src.startswith("::", pos):
        return "", pos
    end = src.find("::", pos + 2)
    if end < 0:
        raise _GiftError(start, "the title has no closing :: (write ::title:: before the question text)")
    return _clean(src[pos + 2 : end]), end + 2


def _braces(src: str, pos: int, line_at: Callable[[int], int]) -> tuple[int, int]:
    """Offsets of the { and } around the answers, or (-1, -1) when there are none."""
    opening, closing = src.find("{", pos), src.find("}", pos)
    literal = "(or write \\{ and \\} for a literal brace)"
    if opening < 0 and closing < 0:
        return -1, -1
    if closing >= 0 and (opening < 0 or closing < opening):
        raise _GiftError(line_at(closing), f"a }} without an opening {{ {literal}")
    if closing < 0 or src.find("{", opening + 1, closing) >= 0:
        raise _GiftError(line_at(opening), f"the {{ is never closed: add the missing }} {literal}")
    extra = [offset for offset in (src.find("{", closing + 1), src.find("}", closing + 1)) if offset >= 0]
    if extra:
        raise _GiftError(
            line_at(min(extra)), f"a second {{ }} after the answers: leave a blank line between questions {literal}"
        )
    return opening, closing


def _answers(body: str, base: int, line_at: Callable[[int], int], start: int, notes: list[tuple[int, str]]) -> dict:
    """Question fields for the answers between the braces, following Moodle's order of guessing the type."""
    stripped = body.strip()
    if not stripped:
        raise _GiftError(start, "essay questions ({}) are not supported: the platform marks every answer automatically")
    if stripped.startswith("#"):
        hash_at = body.index("#")
        return _numeric(_items(body[hash_at + 1 :], base + hash_at + 1, line_at), start, notes)
    if "~" in body:
        return _choice(_items(body, base, line_at), start)
    if "=" in body and "->" in body:
        return _matching(_items(body, base, line_at), start)
    if body.split("#", 1)[0].strip().upper() in _TRUE + _FALSE:
        return _true_false(body)
    return _short(_items(body, base, line_at), start)


def _items(body: str, base: int, line_at: Callable[[int], int]) -> list[_Item]:
    """Split the answers at each = and ~; text before the first marker is kept with an empty marker."""
    cuts = [match.start() for match in re.finditer("[=~]", body)]
    lead = body[: cuts[0]] if cuts else body
    items = [_Item("", lead, line_at(base + len(lead) - len(lead.lstrip())))] if lead.strip() else []
    for cut, end in zip(cuts, [*cuts[1:], len(body)], strict=False):  # no cuts: no items
        items.append(_Item(body[cut], body[cut + 1 : end], line_at(base + cut)))
    return items


def _weight(item: _Item, default: float) -> tuple[float, str]:
    """A %50% weight at the start of an answer, as a fraction, and the rest of the answer."""
    rest = item.body.lstrip()
    match = WEIGHT_RE.match(rest)
    if not match:
        return default, rest
    percent = Decimal(match[1])
    if abs(percent) > 100:
        raise _GiftError(item.line, f"the weight {match[1]}% is out of range: use -100% to 100%")
    return float(percent / 100), rest[match.end() :]


def _text_weight_feedback(item: _Item, default: float) -> tuple[str, float, str]:
    """The fields of an Option or TextAnswer, in their order."""
    weight, rest = _weight(item, default)
    text, _, feedback = rest.partition("#")
    if not _clean(text):
        raise _GiftError(item.line, "an answer is empty")
    return _clean(text), weight, _clean(feedback)


def _choice(items: list[_Item], start: int) -> dict:
    if any(not item.marker for item in items):
        raise _GiftError(items[0].line, "text before the first answer: start every answer with = (right) or ~ (wrong)")
    options = tuple(Option(*_text_weight_feedback(item, 1.0 if item.marker == "=" else 0.0)) for item in items)
    if len(options) < 2:
        raise _GiftError(start, "a multiple-choice question needs at least two answers")
    weights = [option.weight for option in options]
    right = sum(weight for weight in weights if weight > 0)
    if not right:
        raise _GiftError(
            start, "no correct answer: mark the right answer with = (or give answers a weight such as ~%50%)"
        )
    # Moodle offers one choice (radio buttons) only when an answer is marked with =; weights make it several.
    one_right = weights.count(1.0) == 1 and weights.count(0.0) == len(weights) - 1
    single = one_right and any(item.marker == "=" for item in items)
    if not single and right < 0.99:
        raise _GiftError(
            start, f"the right answers add up to {right:.0%}, so no one can score full marks: make them 100%"
        )
    return {"type": "single" if single else "multiple", "options": options}


def _true_false(body: str) -> dict:
    answer, _, feedback = body.partition("#")
    wrong, _, right = feedback.partition("#")  # Moodle's order: feedback for a wrong answer comes first
    is_true = answer.strip().upper() in _TRUE
    wrong, right = _clean(wrong), _clean(right)
    true = Option("True", 1.0 if is_true else 0.0, right if is_true else wrong)
    false = Option("False", 0.0 if is_true else 1.0, wrong if is_true else right)
    return {"type": "true-false", "options": (true, false)}


def _short(items: list[_Item], start: int) -> dict:
    # Moodle accepts a first answer without = ("1 + 2 \= {3}"), so the empty marker is fine here.
    answers = tuple(TextAnswer(*_text_weight_feedback(item, 1.0)) for item in items)
    if not any(answer.weight > 0 for answer in answers):
        raise _GiftError(start, "no answer gives credit: give at least one answer a positive weight")
    return {"type": "short", "answers": answers}


def _numeric(items: list[_Item], start: int, notes: list[tuple[int, str]]) -> dict:
    numbers = []
    for item in items:
        if item.marker == "~":
            # The platform has no catch-all answer to hang this feedback on; say so rather than lose it quietly.
            notes.append((item.line, "feedback for any other number (~#...) is not supported and was left out"))
            continue
        weight, rest = _weight(item, 1.0)
        value, _, feedback = rest.partition("#")
        low, high = _range(value.strip(), item.line)
        numbers.append(NumericAnswer(low, high, weight, _clean(feedback)))
    if not numbers:
        raise _GiftError(start, "no number after {#: write {#3.14}, {#3.14:0.01} or {#1..5}")
    if not any(number.weight > 0 for number in numbers):
        raise _GiftError(start, "no answer gives credit: give at least one number a positive weight")
    return {"type": "numeric", "numbers": tuple(numbers)}


def _range(value: str, line: int) -> tuple[float, float]:
    """1..5 is a range, 3.14:0.01 a value and tolerance, 3 an exact value; Decimal keeps 3.14-0.01 at 3.13."""
    dots = value.find("..", 1)
    if dots > 0:
        low, high = _number(value[:dots], line), _number(value[dots + 2 :], line)
        if low > high:
            raise _GiftError(line, f"in the range {value} the first number must not be larger than the second")
        return float(low), float(high)
    centre, colon, tolerance = value.partition(":")
    margin = _number(tolerance, line) if colon else Decimal(0)
    if margin < 0:
        raise _GiftError(line, f"in {value} the tolerance must not be negative")
    return float(_number(centre, line) - margin), float(_number(centre, line) + margin)


def _number(text: str, line: int) -> Decimal:
    text = text.strip()
    if not _NUMBER_RE.fullmatch(text):
        shown = text.translate(_SHOWN)
        raise _GiftError(line, f'"{shown}" is not a number: write 3.14, 3.14:0.01 (with a tolerance) or 1..5 (a range)')
    return Decimal(text)


def _matching(items: list[_Item], start: int) -> dict:
    pairs = []
    for item in items:
        left, arrow, right = item.body.partition("->")
        if not arrow:
            raise _GiftError(item.line, f'"{_clean(item.body)}" is not a pair: write =left -> right')
        if "#" in item.body:
            raise _GiftError(item.line, "matching pairs cannot have feedback (#)")
        if not _clean(left) or not _clean(right):
            raise _GiftError(item.line, "a pair has an empty side: write =left -> right")
        pairs.append(MatchPair(_clean(left), _clean(right)))
    if len(pairs) < 2:
        raise _GiftError(start, "a matching question needs at least two pairs (=left -> right)")
    return {"type": "matching", "pairs": tuple(pairs)}


def _clean(text: str) -> str:
    """Text as the learner sees it: no [format] marker, escapes undone, outer spaces trimmed."""
    text = text.strip()
    marker = FORMAT_RE.match(text)
    return text[marker.end() if marker else 0 :].translate(_SHOWN).strip()


def _slug(title: str) -> str:
    plain = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")


def _unique(question: Question, first_line: dict[str, int], file: str, problems: list[Problem]) -> Question:
    """Give a repeated id a -2, -3... suffix, with a warning, so that no two questions share an id."""
    base, suffix = question.id, 2
    new_id = base
    while new_id in first_line:
        new_id, suffix = f"{base}-{suffix}", suffix + 1
    if new_id != base:
        message = f'the id "{base}" is already used on line {first_line[base]}: this question is "{new_id}"'
        problems.append(Problem(file, question.line, message + "; give it a title of its own", "warning"))
    first_line[new_id] = question.line
    return replace(question, id=new_id)
