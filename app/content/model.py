"""The frozen dataclasses a course folder is parsed into, and the problems found on the way."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

PHASES = ("preparedness", "emergency-response", "post-crisis")
AUDIENCES = ("all", "consular", "emergency-management")
QUESTION_TYPES = ("single", "multiple", "true-false", "short", "numeric", "matching")
FEEDBACK_POLICIES = ("full", "correctness", "score")
COMPLETION_RULES = ("all-modules", "all-modules-and-final", "final")
GUIDELINES = tuple(f"G{n}" for n in range(1, 16))
PRINCIPLES = tuple(f"P{n}" for n in range(1, 11))

Level = Literal["error", "warning"]


@dataclass(frozen=True)
class Problem:
    """Something a trainer must fix (error) or should know (warning), at a file and line."""

    file: str
    line: int
    message: str
    level: Level = "error"

    def __str__(self) -> str:
        prefix = "" if self.level == "error" else "warning: "
        return f"{self.file}:{self.line}: {prefix}{self.message}"


@dataclass(frozen=True)
class Option:
    """A choice of a single, multiple or true/false question.

    weight is the share of the question's points it earns when chosen: 1.0 for the right answer of a
    single-choice question, fractions that add up to 1.0 for multiple answers, negative to penalise.
    """

    text: str
    weight: float = 0.0
    feedback: str = ""

    @property
    def correct(self) -> bool:
        return self.weight > 0


@dataclass(frozen=True)
class TextAnswer:
    """An accepted short-text answer (compared Unicode-normalised and case-insensitively)."""

    text: str
    weight: float = 1.0
    feedback: str = ""


@dataclass(frozen=True)
class NumericAnswer:
    """An accepted number: any value from low to high inclusive (value ± tolerance is stored as a range)."""

    low: float
    high: float
    weight: float = 1.0
    feedback: str = ""


@dataclass(frozen=True)
class MatchPair:
    left: str
    right: str


@dataclass(frozen=True)
class Question:
    id: str
    type: str
    text: str
    options: tuple[Option, ...] = ()
    answers: tuple[TextAnswer, ...] = ()
    numbers: tuple[NumericAnswer, ...] = ()
    pairs: tuple[MatchPair, ...] = ()
    explanation: str = ""
    points: float = 1.0
    line: int = 0


@dataclass(frozen=True)
class QuizSettings:
    pass_mark: int = 70
    attempts: int | None = None  # None: unlimited
    wait_minutes: int = 0
    shuffle_questions: bool = False
    shuffle_options: bool = False
    draw: int | None = None  # None: every question of the pool
    time_limit_minutes: int | None = None
    feedback: str = "full"


@dataclass(frozen=True)
class Quiz:
    id: str
    language: str
    settings: QuizSettings
    questions: tuple[Question, ...]
    file: str = ""
    title: str = ""
    version: str = ""  # content hash of this file
    translates: str = ""  # for a translation: the source version it was made from


@dataclass(frozen=True)
class Module:
    id: str
    language: str
    phase: str
    order: int
    title: str
    minutes: int
    objectives: tuple[str, ...]
    guidelines: tuple[str, ...]
    principles: tuple[str, ...]
    body: str  # Markdown, without the front matter
    file: str = ""
    body_line: int = 1  # line of the file where body starts, for messages
    version: str = ""  # content hash of this file
    translates: str = ""  # for a translation: the source version it was made from


@dataclass(frozen=True)
class ModuleSet:
    """A module in its default language and its translations, with its quiz (if any)."""

    source: Module
    translations: dict[str, Module] = field(default_factory=dict)
    quiz: Quiz | None = None
    quiz_translations: dict[str, Quiz] = field(default_factory=dict)


@dataclass(frozen=True)
class Course:
    slug: str
    default_language: str
    languages: tuple[str, ...]
    titles: dict[str, str]
    summaries: dict[str, str]
    audience: str
    estimated_hours: float
    pass_mark: int
    completion: str
    certificate_validity_months: int | None
    modules: tuple[ModuleSet, ...]
    final: Quiz | None = None
    final_translations: dict[str, Quiz] = field(default_factory=dict)
    assets: dict[str, bytes] = field(default_factory=dict)  # relative path → file content


LANGUAGES = ("en", "fr", "es", "ar", "ru", "zh")
