"""Read a quiz written in Markdown (see courses/README.md) into a Quiz, with file:line problems."""

import re
from dataclasses import dataclass, field

from app.content.frontmatter import split_front_matter
from app.content.model import (
    FEEDBACK_POLICIES,
    QUESTION_TYPES,
    MatchPair,
    NumericAnswer,
    Option,
    Problem,
    Question,
    Quiz,
    QuizSettings,
    TextAnswer,
)

QUESTION_HEADING = re.compile(
    r"^##\s+(?P<id>\S+?)\s*:\s*(?P<type>[\w-]+)(?:\s*,\s*(?P<points>\d+(?:\.\d+)?)\s*points?)?\s*$"
)
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]*$")
CHOICE_ITEM = re.compile(r"^- \[(?P<mark>[ xX])\]\s*(?:\((?P<weight>-?\d+(?:\.\d+)?)%\)\s*)?(?P<text>.*)$")
ANSWER_ITEM = re.compile(r"^- =\s*(?:\((?P<weight>-?\d+(?:\.\d+)?)%\)\s*)?(?P<text>.*)$")
PAIR_ITEM = re.compile(r"^- (?P<left>.+?)\s*->\s*(?P<right>.+)$")
NUMBER = r"-?\d+(?:\.\d+)?"
NUMERIC_RANGE = re.compile(rf"^(?P<low>{NUMBER})\s*\.\.\s*(?P<high>{NUMBER})$")
NUMERIC_TOLERANCE = re.compile(rf"^(?P<value>{NUMBER})\s*(?:±|\+-|\+/-)\s*(?P<tolerance>{NUMBER})$")
NUMERIC_EXACT = re.compile(rf"^(?P<value>{NUMBER})$")

SOURCE_SETTINGS = {
    "pass_mark": int,
    "attempts": int,
    "wait_minutes": int,
    "shuffle_questions": bool,
    "shuffle_options": bool,
    "draw": int,
    "time_limit_minutes": int,
    "feedback": str,
}
COMMON_KEYS = {"quiz", "title", "translates"}


@dataclass
class _Item:
    kind: str  # choice, answer, pair
    line: int
    text: str
    mark: bool = False
    weight: float | None = None
    right: str = ""
    feedback: list[str] = field(default_factory=list)


@dataclass
class _Block:
    id: str
    type: str
    points: float
    line: int
    stem: list[str] = field(default_factory=list)
    items: list[_Item] = field(default_factory=list)
    explanation: list[str] = field(default_factory=list)


def read_quiz(text: str, file: str, language: str, is_translation: bool) -> tuple[Quiz | None, list[Problem]]:
    """Parse a quiz file; None when it has errors that leave nothing usable."""
    document, problems = split_front_matter(text, file)
    meta = document.meta
    settings, setting_problems = _settings(meta, file, is_translation)
    problems += setting_problems
    quiz_id = str(meta.get("quiz", "")).strip()
    if not ID_PATTERN.match(quiz_id):
        problems.append(Problem(file, 2, "front matter needs 'quiz: <id>' (lower-case letters, digits and dashes)"))
    blocks, block_problems = _blocks(document.body, document.body_line, file)
    problems += block_problems
    questions = []
    seen: set[str] = set()
    for block in blocks:
        if block.id in seen:
            problems.append(Problem(file, block.line, f"question id '{block.id}' is used twice in this quiz"))
        seen.add(block.id)
        question, question_problems = _question(block, file)
        problems += question_problems
        if question is not None:
            questions.append(question)
    if not blocks and not problems:
        problems.append(Problem(file, document.body_line, "no questions: start each with '## <id>: <type>'"))
    if settings.draw is not None and settings.draw > len(questions) and not is_translation:
        problems.append(
            Problem(file, 2, f"draw: {settings.draw} is more than the {len(questions)} questions in the pool")
        )
    quiz = Quiz(
        id=quiz_id,
        language=language,
        settings=settings,
        questions=tuple(questions),
        file=file,
        title=str(meta.get("title", "")),
        translates=str(meta.get("translates", "") or ""),
    )
    return quiz, problems


def _settings(meta: dict, file: str, is_translation: bool) -> tuple[QuizSettings, list[Problem]]:
    problems = []
    values = {}
    for key, value in meta.items():
        if key in COMMON_KEYS:
            continue
        if key not in SOURCE_SETTINGS:
            problems.append(Problem(file, 2, f"unknown key '{key}' in the quiz front matter"))
            continue
        if is_translation:
            problems.append(
                Problem(
                    file, 2, f"'{key}' is ignored here: quiz settings belong in the source-language file", "warning"
                )
            )
            continue
        expected = SOURCE_SETTINGS[key]
        if value is None:
            continue
        if not isinstance(value, expected) or (expected is int and isinstance(value, bool)):
            problems.append(
                Problem(file, 2, f"'{key}' must be {'a whole number' if expected is int else expected.__name__}")
            )
            continue
        values[key] = value
    settings = QuizSettings(**values)
    if not 0 <= settings.pass_mark <= 100:
        problems.append(Problem(file, 2, "pass_mark must be between 0 and 100"))
    if settings.feedback not in FEEDBACK_POLICIES:
        problems.append(Problem(file, 2, f"feedback must be one of {', '.join(FEEDBACK_POLICIES)}"))
    for key in ("attempts", "draw", "time_limit_minutes"):
        if getattr(settings, key) is not None and getattr(settings, key) < 1:
            problems.append(Problem(file, 2, f"'{key}' must be at least 1 (leave it out for no limit)"))
    return settings, problems


def _blocks(body: str, first_line: int, file: str) -> tuple[list[_Block], list[Problem]]:
    """Group the body's lines into questions: heading, stem, list items, explanation."""
    blocks: list[_Block] = []
    problems = []
    for offset, raw in enumerate(body.split("\n")):
        number = first_line + offset
        line = raw.rstrip()
        heading = QUESTION_HEADING.match(line)
        if heading:
            points = float(heading["points"]) if heading["points"] else 1.0
            blocks.append(_Block(heading["id"], heading["type"], points, number))
            if not ID_PATTERN.match(heading["id"]):
                problems.append(
                    Problem(file, number, f"question id '{heading['id']}': use lower-case letters, digits and dashes")
                )
            continue
        if line.startswith("#"):
            problems.append(
                Problem(file, number, "a question starts with '## <id>: <type>', e.g. '## libya-2011: single'")
            )
            continue
        if not blocks:
            if line.strip():
                problems.append(
                    Problem(file, number, "text before the first question: start it with '## <id>: <type>'")
                )
            continue
        _add_line(blocks[-1], raw, number)
    return blocks, problems


def _add_line(block: _Block, raw: str, number: int) -> None:
    line = raw.rstrip()
    if line.startswith(">"):
        block.explanation.append(line[1:].strip())
    elif line.startswith("- "):
        block.items.append(_item(line, number))
    elif block.items and raw.startswith(("  ", "\t")) and line.strip():
        item = block.items[-1]
        stripped = line.strip()
        if stripped.startswith(":"):
            item.feedback.append(stripped[1:].strip())
        elif item.feedback:
            item.feedback.append(stripped)
        else:
            item.text += " " + stripped
    elif not block.items and not block.explanation:
        block.stem.append(line)


def _item(line: str, number: int) -> _Item:
    if match := CHOICE_ITEM.match(line):
        weight = float(match["weight"]) / 100 if match["weight"] else None
        return _Item("choice", number, match["text"].strip(), mark=match["mark"] in "xX", weight=weight)
    if match := ANSWER_ITEM.match(line):
        weight = float(match["weight"]) / 100 if match["weight"] else None
        return _Item("answer", number, match["text"].strip(), weight=weight)
    if match := PAIR_ITEM.match(line):
        return _Item("pair", number, match["left"].strip(), right=match["right"].strip())
    return _Item("unknown", number, line[2:].strip())


def _question(block: _Block, file: str) -> tuple[Question | None, list[Problem]]:
    if block.type not in QUESTION_TYPES:
        return None, [
            Problem(file, block.line, f"unknown question type '{block.type}'; use one of {', '.join(QUESTION_TYPES)}")
        ]
    problems = [
        Problem(file, item.line, f"this line does not fit a {block.type} question; see courses/README.md")
        for item in block.items
        if item.kind != _EXPECTED_ITEM[block.type]
    ]
    stem = "\n".join(block.stem).strip()
    if not stem:
        problems.append(Problem(file, block.line, "the question has no text"))
    items = [item for item in block.items if item.kind == _EXPECTED_ITEM[block.type]]
    builder = _BUILDERS[block.type]
    fields, build_problems = builder(items, block, file)
    problems += build_problems
    question = Question(
        id=block.id,
        type=block.type,
        text=stem,
        explanation="\n".join(block.explanation).strip(),
        points=block.points,
        line=block.line,
        **fields,
    )
    return question, problems


def _feedback(item: _Item) -> str:
    return " ".join(item.feedback).strip()


def _choices(items: list[_Item], block: _Block, file: str) -> tuple[dict, list[Problem]]:
    problems = []
    correct = [item for item in items if item.mark]
    if (
        block.type == "multiple"
        and any(item.weight is None for item in correct)
        and any(i.weight is not None for i in correct)
    ):
        problems.append(Problem(file, block.line, "give a percentage to every correct option, or to none"))
    options = []
    for item in items:
        if item.weight is not None:
            weight = item.weight
        elif item.mark:
            weight = 1.0 if block.type != "multiple" else 1.0 / len(correct)
        else:
            weight = 0.0
        options.append(Option(item.text, weight, _feedback(item)))
    if len(options) < 2:
        problems.append(Problem(file, block.line, "a choice question needs at least two options"))
    if not correct:
        problems.append(Problem(file, block.line, "no correct answer: mark one option with [x]"))
    elif block.type in ("single", "true-false") and len(correct) > 1:
        problems.append(
            Problem(file, block.line, f"a {block.type} question has exactly one [x] option; use 'multiple' for more")
        )
    if block.type == "true-false" and len(options) != 2:
        problems.append(Problem(file, block.line, "a true-false question has exactly two options"))
    if block.type == "multiple" and correct and all(item.weight is not None for item in correct):
        total = sum(item.weight for item in correct)
        if abs(total - 1.0) > 0.001:
            problems.append(
                Problem(file, block.line, f"the correct options' percentages add up to {total:.0%}, not 100%")
            )
    return {"options": tuple(options)}, problems


def _answers(items: list[_Item], block: _Block, file: str) -> tuple[dict, list[Problem]]:
    answers = tuple(
        TextAnswer(item.text, 1.0 if item.weight is None else item.weight, _feedback(item)) for item in items
    )
    problems = (
        []
        if any(a.weight > 0 and a.text for a in answers)
        else [Problem(file, block.line, "no accepted answer: add a line '- = <answer>'")]
    )
    return {"answers": answers}, problems


def _numbers(items: list[_Item], block: _Block, file: str) -> tuple[dict, list[Problem]]:
    numbers = []
    problems = []
    for item in items:
        parsed = parse_number_answer(item.text)
        if parsed is None:
            problems.append(
                Problem(file, item.line, f"'{item.text}' is not a number, 'value ± tolerance' or 'low..high'")
            )
            continue
        low, high = parsed
        numbers.append(NumericAnswer(low, high, 1.0 if item.weight is None else item.weight, _feedback(item)))
    if not any(n.weight > 0 for n in numbers) and not problems:
        problems.append(Problem(file, block.line, "no accepted number: add a line '- = <number>'"))
    return {"numbers": tuple(numbers)}, problems


def _pairs(items: list[_Item], block: _Block, file: str) -> tuple[dict, list[Problem]]:
    pairs = tuple(MatchPair(item.text, item.right) for item in items)
    problems = (
        []
        if len(pairs) >= 2
        else [Problem(file, block.line, "a matching question needs at least two 'left -> right' lines")]
    )
    lefts = [p.left for p in pairs]
    if len(set(lefts)) != len(lefts):
        problems.append(Problem(file, block.line, "two pairs have the same left-hand text"))
    return {"pairs": pairs}, problems


def parse_number_answer(text: str) -> tuple[float, float] | None:
    """'15' → (15, 15); '15 ± 1' → (14, 16); '14..16' → (14, 16); anything else → None."""
    text = text.strip()
    if match := NUMERIC_EXACT.match(text):
        value = float(match["value"])
        return value, value
    if match := NUMERIC_TOLERANCE.match(text):
        value, tolerance = float(match["value"]), abs(float(match["tolerance"]))
        return value - tolerance, value + tolerance
    if match := NUMERIC_RANGE.match(text):
        low, high = float(match["low"]), float(match["high"])
        return (low, high) if low <= high else None
    return None


_EXPECTED_ITEM = {
    "single": "choice",
    "multiple": "choice",
    "true-false": "choice",
    "short": "answer",
    "numeric": "answer",
    "matching": "pair",
}
_BUILDERS = {
    "single": _choices,
    "multiple": _choices,
    "true-false": _choices,
    "short": _answers,
    "numeric": _numbers,
    "matching": _pairs,
}
