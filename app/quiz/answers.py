"""Reading a quiz form into answers, refusing anything that was not offered (pure)."""


class AnswerError(ValueError):
    """The form holds an answer the attempt did not ask for: a tampered or stale form."""


def field_name(question_id: str) -> str:
    return f"q-{question_id}"


def parse_answers(questions: list[dict], form) -> dict:
    """Answers keyed by question id, from a form with getlist(); raises AnswerError on anything not offered."""
    known = {field_name(q["id"]) for q in questions}
    for name in form:
        if name.startswith("q-") and name not in known and not any(name.startswith(k + "-") for k in known):
            raise AnswerError(f"unknown field {name}")
    answers = {}
    for question in questions:
        answer = _answer(question, form)
        if answer not in (None, "", [], {}):
            answers[question["id"]] = answer
    return answers


def _answer(question: dict, form):
    name = field_name(question["id"])
    kind = question["type"]
    if kind in ("single", "true-false"):
        values = form.getlist(name)
        if len(values) > 1:
            raise AnswerError("one answer expected")
        return _option_index(question, values[0]) if values else None
    if kind == "multiple":
        return sorted({_option_index(question, value) for value in form.getlist(name)})
    if kind in ("short", "numeric"):
        text = form.get(name, "")
        if len(text) > 500:
            raise AnswerError("answer too long")
        return text.strip()
    if kind == "matching":
        return _matching(question, form, name)
    raise AnswerError(f"unknown question type {kind}")


def _position(value: str, size: int) -> int:
    """A position in a list of `size` shown choices; "²" or 5000 digits pass isdigit() but not int()."""
    if value not in {str(position) for position in range(size)}:
        raise AnswerError("choice not offered")
    return int(value)


def _option_index(question: dict, value: str) -> int:
    """The option shown at that position: values name places on the page, never the order the trainer wrote."""
    return question["option_order"][_position(value, len(question["option_order"]))]


def _matching(question: dict, form, name: str) -> dict[str, str]:
    """Each left item (by index) mapped to the right-hand text chosen for it.

    The form's values are positions in the shuffled right-hand list, never pair indices, which would
    give the answer away.
    """
    chosen = {}
    for left in range(len(question["pairs"])):
        value = form.get(f"{name}-{left}", "")
        if value == "":
            continue
        pair = question["right_order"][_position(value, len(question["right_order"]))]
        chosen[str(left)] = question["pairs"][pair]["right"]
    return chosen


def matching_position(question: dict, right_text: str) -> int | None:
    """The position of a right-hand text in the shuffled list (to show a saved answer)."""
    for position, pair_index in enumerate(question["right_order"]):
        if question["pairs"][pair_index]["right"] == right_text:
            return position
    return None
