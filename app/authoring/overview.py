"""What the authoring pages list: courses, each file's translation status, version history and drafts."""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select

from app.authoring.coursefiles import translation_path
from app.extensions import db
from app.models import Course, CourseVersion, ModuleDraft, ModuleVersion, QuizVersion, User


@dataclass(frozen=True)
class CourseSummary:
    slug: str
    title: str
    language: str  # the title's language (the course's default language)
    version: int
    published_at: datetime
    modules: int
    languages: tuple[str, ...]


@dataclass(frozen=True)
class Cell:
    language: str
    status: str  # "source", "current" (translation up to date), "stale" or "missing"
    path: str  # the file to edit, or to create for a missing translation


@dataclass(frozen=True)
class StatusRow:
    kind: str  # "module" or "quiz"
    title: str
    source_path: str
    cells: tuple[Cell, ...]


@dataclass(frozen=True)
class HistoryEntry:
    number: int
    created_at: datetime
    author: str  # "" when published from the command line
    note: str
    current: bool


@dataclass(frozen=True)
class DraftEntry:
    path: str
    author: str
    updated_at: datetime


def course_summaries() -> list[CourseSummary]:
    """Every published course with its current version, by slug."""
    modules = (
        select(ModuleVersion.course_version_id, func.count().label("modules"))
        .where(ModuleVersion.status == "source")
        .group_by(ModuleVersion.course_version_id)
        .subquery()
    )
    rows = db.session.execute(
        select(Course.slug, CourseVersion, func.coalesce(modules.c.modules, 0))
        .join(CourseVersion, CourseVersion.id == Course.current_version_id)
        .outerjoin(modules, modules.c.course_version_id == CourseVersion.id)
        .order_by(Course.slug)
    )
    return [
        CourseSummary(
            slug=slug,
            title=version.titles.get(version.default_language, slug),
            language=version.default_language,
            version=version.number,
            published_at=version.created_at,
            modules=count,
            languages=tuple(version.languages),
        )
        for slug, version, count in rows
    ]


def ordered_languages(version: CourseVersion) -> list[str]:
    """The course's languages, its default (source) language first."""
    return [version.default_language] + [code for code in version.languages if code != version.default_language]


def status_matrix(version: CourseVersion) -> list[StatusRow]:
    """One row per module and per quiz (each module's quiz under it, the final assessment last)."""
    languages = ordered_languages(version)
    modules = db.session.scalars(
        select(ModuleVersion)
        .where(ModuleVersion.course_version_id == version.id)
        .order_by(ModuleVersion.position, ModuleVersion.module_key)
    ).all()
    quizzes = db.session.scalars(select(QuizVersion).where(QuizVersion.course_version_id == version.id)).all()
    rows = []
    for source in (m for m in modules if m.status == "source"):
        rows.append(_row("module", source, [m for m in modules if m.module_key == source.module_key], languages))
        rows += _quiz_rows([q for q in quizzes if q.module_key == source.module_key], languages)
    rows += _quiz_rows([q for q in quizzes if q.module_key is None], languages)
    return rows


def _quiz_rows(quizzes: list[QuizVersion], languages: list[str]) -> list[StatusRow]:
    source = next((q for q in quizzes if q.status == "source"), None)
    return [] if source is None else [_row("quiz", source, quizzes, languages)]


def _row(kind: str, source, family: list, languages: list[str]) -> StatusRow:
    by_language = {item.language: item for item in family}
    cells = tuple(
        Cell(code, by_language[code].status, by_language[code].file_path)
        if code in by_language
        else Cell(code, "missing", translation_path(source.file_path, code))
        for code in languages
    )
    title = source.title or getattr(source, "quiz_key", "")
    return StatusRow(kind, title, source.file_path, cells)


def history(course: Course) -> list[HistoryEntry]:
    """Every version of the course, newest first, with who published it."""
    rows = db.session.execute(
        select(CourseVersion, User.full_name)
        .outerjoin(User, User.id == CourseVersion.created_by_id)
        .where(CourseVersion.course_id == course.id)
        .order_by(CourseVersion.number.desc())
    )
    return [
        HistoryEntry(v.number, v.created_at, name or "", v.note, v.id == course.current_version_id) for v, name in rows
    ]


def drafts(course: Course) -> list[DraftEntry]:
    rows = db.session.execute(
        select(ModuleDraft.path, User.full_name, ModuleDraft.updated_at)
        .outerjoin(User, User.id == ModuleDraft.updated_by_id)
        .where(ModuleDraft.course_id == course.id)
        .order_by(ModuleDraft.path)
    )
    return [DraftEntry(path, name or "", updated_at) for path, name, updated_at in rows]


def module_choices(version: CourseVersion) -> list[tuple[str, str]]:
    """(module key, "01 title") of each module in the course's default language, for a select."""
    rows = db.session.execute(
        select(ModuleVersion.module_key, ModuleVersion.file_path, ModuleVersion.title)
        .where(ModuleVersion.course_version_id == version.id, ModuleVersion.status == "source")
        .order_by(ModuleVersion.position, ModuleVersion.module_key)
    )
    return [(key, f"{path[:2]} · {title}") for key, path, title in rows]
