"""Scoring rules: pure functions from a stored question and a learner's answer to a credit in [0, 1]."""

import re
import unicodedata

_SPACES = re.compile(r"\s+")


# Phones and word processors type curly apostrophes and dashes; answer keys are written with straight ones.
# Russian writes ё as е in most official texts, so either spelling of an answer counts.
_TYPOGRAPHIC = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u2013": "-", "\u2011": "-", "ё": "е"})


# Arabic is typed with or without vowel marks and hamza forms; answer keys cannot list every spelling.
_ARABIC_MARKS = re.compile("[\u064b-\u065f\u0670\u0640]")  # harakat, superscript alef, tatweel
_ARABIC_LETTERS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ة": "ه", "ى": "ي"})


def normalise_text(text: str) -> str:
    """NFKC, case-folded, spaces collapsed, typographic apostrophes made plain, Arabic spelling unified.

    "  MIGRANTS\u00a0in crisis " and "migrants in crisis" match; so do "l’OIM" and "l'OIM".
    """
    text = unicodedata.normalize("NFKC", text).casefold().translate(_TYPOGRAPHIC)
    text = _ARABIC_MARKS.sub("", text).translate(_ARABIC_LETTERS)
    return _SPACES.sub(" ", text).strip()


_THOUSANDS_COMMA = re.compile(r"[1-9]\d{0,2}(,\d{3})+(\.\d+)?")
_THOUSANDS_DOT = re.compile(r"[1-9]\d{0,2}(\.\d{3}){2,}(,\d+)?")


def parse_number(text: str) -> float | None:
    """A number as learners type it, in their own convention; None when it is not one.

    "15", " 15.5 ", "15,5" (decimal comma), "-3", "45 %", "700,000" and "700 000" (thousands), and
    "2.500.000" (dotted thousands). A lone comma is a decimal comma unless three digits follow a
    non-zero start ("700,000"), which officials everywhere read as thousands.
    """
    text = unicodedata.normalize("NFKC", text).strip().removesuffix("%")
    text = "".join(text.split())  # spaces, no-break and thin spaces separate thousands
    sign = "-" if text.startswith("-") else ""
    digits = text.lstrip("+-")
    if _THOUSANDS_COMMA.fullmatch(digits):
        digits = digits.replace(",", "")
    elif _THOUSANDS_DOT.fullmatch(digits):
        digits = digits.replace(".", "").replace(",", ".")
    elif digits.count(",") == 1 and "." not in digits:
        digits = digits.replace(",", ".")
    try:
        value = float(sign + digits)
    except ValueError:
        return None
    return value if value == value and abs(value) != float("inf") else None  # no NaN or infinity


def _clip(value: float) -> float:
    return max(0.0, min(1.0, value))


def credit_choice(options: list[dict], chosen: list[int]) -> float:
    """Single, true/false and multiple answers: the sum of the chosen options' weights, floored at 0."""
    return _clip(sum(options[index]["weight"] for index in set(chosen) if 0 <= index < len(options)))


def credit_short(answers: list[dict], given: str) -> float:
    wanted = normalise_text(given)
    if not wanted:
        return 0.0
    return _clip(max((a["weight"] for a in answers if normalise_text(a["text"]) == wanted), default=0.0))


def credit_numeric(numbers: list[dict], given: str) -> float:
    value = parse_number(given)
    if value is None:
        return 0.0
    # A small relative tolerance so 0.1 + 0.2 typed as 0.3 is not refused by binary floating point.
    return _clip(max((n["weight"] for n in numbers if n["low"] - 1e-9 <= value <= n["high"] + 1e-9), default=0.0))


def credit_matching(pairs: list[dict], chosen: dict[str, str]) -> float:
    """The share of left-hand items matched to their own right-hand side."""
    if not pairs:
        return 0.0
    right = sum(1 for index, pair in enumerate(pairs) if chosen.get(str(index)) == pair["right"])
    return right / len(pairs)


def question_credit(question: dict, answer) -> float:
    """Credit for one stored question given the learner's answer (None when unanswered)."""
    if answer in (None, "", [], {}):
        return 0.0
    kind = question["type"]
    if kind in ("single", "true-false", "multiple"):
        chosen = answer if isinstance(answer, list) else [answer]
        return credit_choice(question["options"], [i for i in chosen if isinstance(i, int)])
    if kind == "short":
        return credit_short(question["answers"], str(answer))
    if kind == "numeric":
        return credit_numeric(question["numbers"], str(answer))
    if kind == "matching":
        return credit_matching(question["pairs"], answer if isinstance(answer, dict) else {})
    return 0.0


def score(questions: list[dict], answers: dict) -> tuple[float, list[float]]:
    """The percentage (0-100) weighted by points, and each question's credit."""
    credits = [question_credit(q, answers.get(q["id"])) for q in questions]
    total = sum(q["points"] for q in questions)
    earned = sum(credit * q["points"] for credit, q in zip(credits, questions, strict=True))
    return (100.0 * earned / total if total else 0.0), credits
