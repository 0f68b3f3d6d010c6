"""Catalog, enrolment, course outline, module reading and progress: plain service functions."""

from dataclasses import dataclass, field, replace
from datetime import datetime

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import select, update
from sqlalchemy.orm import selectinload

from app.extensions import db
from app.learn import hooks
from app.learn.completion import course_complete, progress_percent
from app.learn.fallback import Choice, choose_language
from app.models import Course, CourseVersion, Enrolment, ModuleProgress, ModuleVersion, QuizAttempt, QuizVersion, User
from app.models.timestamps import utcnow


class LearningError(Exception):
    """A learner action that is refused; the message is shown as is."""


@dataclass(frozen=True)
class LanguagePolicy:
    wanted: str
    chain: tuple[str, ...]
    show_stale: bool

    def choose(self, available: dict[str, str]) -> Choice | None:
        return choose_language(available, self.wanted, self.chain, self.show_stale)


@dataclass
class ModuleEntry:
    key: str
    title: str
    phase: str
    position: int
    minutes: int
    language: str
    notice: str
    has_quiz: bool
    done: bool = False


@dataclass
class Outline:
    version: CourseVersion
    modules: list[ModuleEntry]
    final_key: str | None
    completed: set[str] = field(default_factory=set)
    final_passed: bool = False

    @property
    def percent(self) -> int:
        return progress_percent([m.key for m in self.modules], self.completed)

    def next_module(self) -> ModuleEntry | None:
        return next((m for m in self.modules if not m.done), None)


def course_by_slug(slug: str) -> Course | None:
    return db.session.scalar(select(Course).where(Course.slug == slug, Course.current_version_id.is_not(None)))


def enrolment_for(user: User, course: Course) -> Enrolment | None:
    """The learner's latest enrolment in the course (they keep studying the version they started)."""
    query = select(Enrolment).where(Enrolment.user_id == user.id, Enrolment.course_id == course.id)
    return db.session.scalar(query.order_by(Enrolment.enrolled_at.desc(), Enrolment.id.desc()).limit(1))


def enrol(user: User, course: Course) -> Enrolment:
    """Enrol in the course's current version; enrolling twice returns the existing enrolment."""
    existing = enrolment_for(user, course)
    if existing is not None:
        return existing
    enrolment = Enrolment(user_id=user.id, course_id=course.id, course_version_id=course.current_version_id)
    db.session.add(enrolment)
    db.session.flush()
    return enrolment


@dataclass(frozen=True)
class Structure:
    """What a published version looks like in one language policy: immutable, so computed once."""

    modules: tuple[ModuleEntry, ...]
    final_key: str | None
    quiz_by_module: dict[str, str]
    pages: dict[str, tuple[int, Choice]]  # module key → (ModuleVersion id, language choice)


def structure(version: CourseVersion, policy: LanguagePolicy) -> Structure:
    """The version's modules, quizzes and chosen languages, cached per app: published versions never change."""
    cache = current_app.extensions.setdefault("course_structures", {})
    key = (version.id, policy)
    if key not in cache:
        cache[key] = _load_structure(version, policy)
    return cache[key]


def _load_structure(version: CourseVersion, policy: LanguagePolicy) -> Structure:
    rows = db.session.execute(
        select(
            ModuleVersion.id,
            ModuleVersion.module_key,
            ModuleVersion.language,
            ModuleVersion.status,
            ModuleVersion.title,
            ModuleVersion.phase,
            ModuleVersion.position,
            ModuleVersion.minutes,
        ).where(ModuleVersion.course_version_id == version.id)
    ).all()
    quiz_rows = db.session.execute(
        select(QuizVersion.quiz_key, QuizVersion.module_key)
        .where(QuizVersion.course_version_id == version.id)
        .distinct()
    ).all()
    quiz_by_module = {module: key for key, module in quiz_rows if module}
    final_key = next((key for key, module in quiz_rows if module is None), None)
    by_key: dict[str, dict[str, tuple]] = {}
    for row in rows:
        by_key.setdefault(row.module_key, {})[row.language] = row
    modules, pages = [], {}
    for key, languages in by_key.items():
        choice = policy.choose({lang: row.status for lang, row in languages.items()})
        row = languages[choice.language]
        pages[key] = (row.id, choice)
        modules.append(
            ModuleEntry(
                key,
                row.title,
                row.phase,
                row.position,
                row.minutes,
                choice.language,
                choice.notice,
                key in quiz_by_module,
            )
        )
    modules.sort(key=lambda m: (m.position, m.key))
    return Structure(tuple(modules), final_key, quiz_by_module, pages)


def outline(version: CourseVersion, policy: LanguagePolicy, enrolment: Enrolment | None = None) -> Outline:
    """Modules in order with titles in the learner's language (or the fallback), and progress: 2 queries."""
    shape = structure(version, policy)
    modules = [replace(module) for module in shape.modules]
    result = Outline(version, modules, shape.final_key)
    if enrolment is not None:
        result.completed = set(
            db.session.scalars(select(ModuleProgress.module_key).where(ModuleProgress.enrolment_id == enrolment.id))
        )
        if shape.final_key:
            result.final_passed = (
                db.session.scalar(
                    select(QuizAttempt.id)
                    .where(
                        QuizAttempt.enrolment_id == enrolment.id,
                        QuizAttempt.quiz_key == shape.final_key,
                        QuizAttempt.passed.is_(True),
                    )
                    .limit(1)
                )
                is not None
            )
        for module in modules:
            module.done = module.key in result.completed
    return result


def module_page(version: CourseVersion, module_key: str, policy: LanguagePolicy) -> tuple[ModuleVersion, Choice] | None:
    """The stored, already rendered module in the best language for the learner (no Markdown here)."""
    found = structure(version, policy).pages.get(module_key)
    if found is None:
        return None
    page_id, choice = found
    return db.session.get(ModuleVersion, page_id), choice


def module_quiz_key(version: CourseVersion, module_key: str) -> str | None:
    return structure(version, _ANY_POLICY).quiz_by_module.get(module_key)


# Which quiz ends a module does not depend on the language.
_ANY_POLICY = LanguagePolicy("en", ("en",), True)


def complete_module(enrolment: Enrolment, module_key: str, now: datetime | None = None) -> bool:
    """Record a module as completed (once); a module with a quiz is completed by passing the quiz."""
    known = db.session.scalar(
        select(ModuleVersion.id)
        .where(ModuleVersion.course_version_id == enrolment.course_version_id, ModuleVersion.module_key == module_key)
        .limit(1)
    )
    if known is None:
        raise LearningError(_l("This module is not part of your course."))
    exists = db.session.scalar(
        select(ModuleProgress.id).where(
            ModuleProgress.enrolment_id == enrolment.id, ModuleProgress.module_key == module_key
        )
    )
    if exists is not None:
        return False
    db.session.add(ModuleProgress(enrolment_id=enrolment.id, module_key=module_key, completed_at=now or utcnow()))
    db.session.flush()
    return True


def record_course_completion(enrolment: Enrolment, policy: LanguagePolicy, now: datetime | None = None) -> bool:
    """Mark the enrolment complete when the course's rule is met; True only the first time."""
    if enrolment.completed_at is not None:
        return False
    state = outline(enrolment.course_version, policy, enrolment)
    version = enrolment.course_version
    done = course_complete(
        version.completion,
        [m.key for m in state.modules],
        state.completed,
        state.final_passed,
        state.final_key is not None,
    )
    if not done:
        return False
    # Conditional, so two requests finishing the course at once record it once.
    changed = db.session.execute(
        update(Enrolment)
        .where(Enrolment.id == enrolment.id, Enrolment.completed_at.is_(None))
        .values(completed_at=now or utcnow())
        .execution_options(synchronize_session=False)
    ).rowcount
    db.session.refresh(enrolment)
    if changed != 1:
        return False
    # Looked up on the module at call time, so the certificates feature (and tests) can plug in.
    hooks.course_completed(enrolment)
    return True


def catalog(policy: LanguagePolicy, audience: str | None = None, phase: str | None = None) -> list[dict]:
    """Courses on offer: title and summary in the learner's language (or noted fallback), filters applied."""
    # The slug comes with the version: reading version.course would cost one query per course.
    versions = db.session.execute(
        select(CourseVersion, Course.slug)
        .join(Course, Course.current_version_id == CourseVersion.id)
        .order_by(CourseVersion.id)
    ).all()
    phases = {
        (version_id, module_phase)
        for version_id, module_phase in db.session.execute(
            select(ModuleVersion.course_version_id, ModuleVersion.phase).distinct()
        )
    }
    entries = []
    for version, slug in versions:
        if audience and version.audience != audience:
            continue
        version_phases = sorted({p for v, p in phases if v == version.id})
        if phase and phase not in version_phases:
            continue
        language = policy.wanted if policy.wanted in version.titles else version.default_language
        entries.append(
            {
                "version": version,
                "slug": slug,
                "title": version.titles.get(language, version.titles[version.default_language]),
                "summary": version.summaries.get(language, version.summaries.get(version.default_language, "")),
                "language": language,
                "falls_back": policy.wanted not in version.languages,
                "phases": version_phases,
            }
        )
    return entries


@dataclass
class DashboardEntry:
    enrolment: Enrolment
    title: str
    percent: int
    next_module: str | None


def dashboard(user: User, language: str) -> tuple[list[DashboardEntry], list[dict]]:
    """Each enrolled course with progress and where to continue, and recent activity: 4 queries in all."""
    enrolments = list(
        db.session.scalars(
            select(Enrolment)
            .where(Enrolment.user_id == user.id)
            .options(selectinload(Enrolment.course_version), selectinload(Enrolment.course))
            .order_by(Enrolment.enrolled_at.desc(), Enrolment.id.desc())
        )
    )
    version_ids = {e.course_version_id for e in enrolments}
    modules: dict[int, list[str]] = {}
    module_rows = db.session.execute(
        select(ModuleVersion.course_version_id, ModuleVersion.module_key, ModuleVersion.position)
        .where(ModuleVersion.course_version_id.in_(version_ids))
        .distinct()
        .order_by(ModuleVersion.course_version_id, ModuleVersion.position, ModuleVersion.module_key)
    )
    for version_id, key, _position in module_rows:
        if key not in modules.setdefault(version_id, []):
            modules[version_id].append(key)
    titles = {e.id: _title(e.course_version, language) for e in enrolments}
    done: dict[int, set[str]] = {}
    activity = []
    progress_rows = db.session.execute(
        select(ModuleProgress.enrolment_id, ModuleProgress.module_key, ModuleProgress.completed_at).where(
            ModuleProgress.enrolment_id.in_([e.id for e in enrolments])
        )
    )
    for enrolment_id, key, completed_at in progress_rows:
        done.setdefault(enrolment_id, set()).add(key)
        activity.append({"when": completed_at, "course": titles[enrolment_id], "module": key})
    entries = []
    for enrolment in enrolments:
        keys = modules.get(enrolment.course_version_id, [])
        completed = done.get(enrolment.id, set())
        next_key = next((key for key in keys if key not in completed), None)
        entries.append(DashboardEntry(enrolment, titles[enrolment.id], progress_percent(keys, completed), next_key))
    activity.sort(key=lambda item: item["when"], reverse=True)
    return entries, activity[:10]


def _title(version: CourseVersion, language: str) -> str:
    return version.titles.get(language) or version.titles[version.default_language]
