"""Write questions back as a Markdown quiz file (used when a GIFT file is imported into a module)."""

from collections.abc import Iterable

import yaml

from app.content.model import Question, QuizSettings


def _percent(weight: float) -> str:
    return f"({weight * 100:g}%) "


def _feedback(text: str) -> list[str]:
    return [f"  : {text}"] if text else []


def _number(low: float, high: float) -> str:
    if low == high:
        return f"{low:g}"
    return f"{low:g}..{high:g}"


def _choice_lines(question: Question) -> list[str]:
    # [x] marks full-credit options (any credited option in a multiple-answer question); a weight is
    # written only where it differs from what the [x] or [ ] implies.
    multiple = question.type == "multiple"
    marked = [o for o in question.options if (o.weight > 0 if multiple else o.weight >= 0.999)]
    even = (1 / len(marked) if multiple else 1.0) if marked else 0.0
    # The quiz format wants a percentage on every correct option or on none.
    explicit = any(abs(o.weight - even) > 1e-9 for o in marked)
    lines = []
    for option in question.options:
        is_marked = option in marked
        implied = 0.0 if not is_marked else (None if explicit else even)
        weight = "" if implied is not None and abs(option.weight - implied) < 1e-9 else _percent(option.weight)
        lines += [f"- [{'x' if is_marked else ' '}] {weight}{option.text}", *_feedback(option.feedback)]
    return lines


def question_markdown(question: Question) -> str:
    points = "" if question.points == 1 else f", {question.points:g} points"
    lines = [f"## {question.id}: {question.type}{points}", question.text, ""]
    if question.type in ("single", "multiple", "true-false"):
        lines += _choice_lines(question)
    elif question.type == "short":
        for answer in question.answers:
            weight = "" if answer.weight == 1 else _percent(answer.weight)
            lines += [f"- = {weight}{answer.text}", *_feedback(answer.feedback)]
    elif question.type == "numeric":
        for number in question.numbers:
            weight = "" if number.weight == 1 else _percent(number.weight)
            lines += [f"- = {weight}{_number(number.low, number.high)}", *_feedback(number.feedback)]
    elif question.type == "matching":
        lines += [f"- {pair.left} -> {pair.right}" for pair in question.pairs]
    if question.explanation:
        lines += [""] + [f"> {line}".rstrip() for line in question.explanation.split("\n")]
    return "\n".join(lines) + "\n"


def quiz_markdown(
    quiz_id: str, questions: Iterable[Question], settings: QuizSettings | None = None, title: str = ""
) -> str:
    """A complete quiz file: front matter, then each question."""
    meta = {"quiz": quiz_id}
    if title:
        meta["title"] = title
    if settings is not None:
        defaults = QuizSettings()
        meta |= {key: value for key, value in vars(settings).items() if value != getattr(defaults, key)}
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False).strip()
    return f"---\n{front}\n---\n\n" + "\n".join(question_markdown(q) for q in questions)
