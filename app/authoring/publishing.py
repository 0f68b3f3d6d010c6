"""Publish course files as a new immutable version (all or nothing), and read versions back out."""

import hashlib
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from sqlalchemy import func, select

from app.content.checks import check_course
from app.content.course import COURSE_FILE, read_course
from app.content.model import Course as ParsedCourse
from app.content.model import Module, Problem, Question, Quiz
from app.content.render import render_markdown
from app.content.sources import SourceError, read_folder
from app.content.versions import course_hash
from app.extensions import db
from app.models import ContentBlob, Course, CourseFile, CourseVersion, ModuleVersion, QuizVersion, User

ASSET_URL_PREFIX = "/assets/"


class ImportRejected(Exception):
    """The files have errors; nothing was written. problems lists every one with file and line."""

    def __init__(self, problems: list[Problem]):
        super().__init__(f"{sum(p.level == 'error' for p in problems)} errors")
        self.problems = problems


@dataclass
class PublishResult:
    slug: str
    version: int
    status: str  # "created", "updated", "unchanged", or "checked" for a dry run
    warnings: list[Problem] = field(default_factory=list)


def check_files(files: dict[str, bytes]) -> tuple[ParsedCourse | None, list[Problem]]:
    """Parse and cross-check a course's files; every problem, errors first."""
    course, problems = read_course(files)
    if course is not None and not any(p.level == "error" for p in problems):
        problems += check_course(course)
    problems.sort(key=lambda p: (p.level != "error", p.file, p.line))
    return course, problems


def publish_course(
    files: dict[str, bytes], author: User | None = None, note: str = "", dry_run: bool = False
) -> PublishResult:
    """A new version when the files changed; raises ImportRejected (writing nothing) on any error."""
    parsed, problems = check_files(files)
    errors = [p for p in problems if p.level == "error"]
    if errors or parsed is None:
        raise ImportRejected(errors or problems)
    warnings = [p for p in problems if p.level == "warning"]
    digest = course_hash(files)
    course = db.session.scalar(select(Course).where(Course.slug == parsed.slug))
    current = course.current_version if course is not None else None
    if current is not None and current.content_hash == digest:
        return PublishResult(parsed.slug, current.number, "unchanged", warnings)
    next_number = (current.number + 1) if current is not None else 1
    if course is not None:
        next_number = 1 + (
            db.session.scalar(select(func.max(CourseVersion.number)).where(CourseVersion.course_id == course.id)) or 0
        )
    if dry_run:
        return PublishResult(parsed.slug, next_number, "checked", warnings)
    status = "updated" if course is not None else "created"
    if course is None:
        course = Course(slug=parsed.slug)
        db.session.add(course)
        db.session.flush()
    version = _write_version(course, parsed, files, digest, next_number, author, note)
    course.current_version = version
    db.session.flush()
    return PublishResult(parsed.slug, next_number, status, warnings)


def _write_version(course, parsed: ParsedCourse, files, digest, number, author, note) -> CourseVersion:
    version = CourseVersion(
        course_id=course.id,
        number=number,
        content_hash=digest,
        created_by_id=author.id if author is not None else None,
        note=note[:500],
        default_language=parsed.default_language,
        languages=list(parsed.languages),
        titles=parsed.titles,
        summaries=parsed.summaries,
        audience=parsed.audience,
        estimated_hours=parsed.estimated_hours,
        pass_mark=parsed.pass_mark,
        completion=parsed.completion,
        certificate_validity_months=parsed.certificate_validity_months,
    )
    db.session.add(version)
    db.session.flush()
    blob_urls = _store_files(version, files)

    def asset_url(base_file: str):
        folder = PurePosixPath(base_file).parent

        def resolve(src: str) -> str | None:
            path = (folder / src).as_posix()
            return blob_urls.get(PurePosixPath(path).as_posix().removeprefix("./"))

        return resolve

    rows = []
    for module_set in parsed.modules:
        source = module_set.source
        rows.append(_module_row(version, source, "source", asset_url(source.file)))
        for translation in module_set.translations.values():
            state = "current" if translation.translates == source.version else "stale"
            rows.append(_module_row(version, translation, state, asset_url(translation.file)))
        rows += _quiz_rows(version, module_set.quiz, module_set.quiz_translations, source.id, asset_url)
    rows += _quiz_rows(version, parsed.final, parsed.final_translations, None, asset_url)
    db.session.add_all(rows)
    return version


def _store_files(version: CourseVersion, files: dict[str, bytes]) -> dict[str, str]:
    """Save every file (each content once across versions); returns asset path → content-hashed URL."""
    digests = {path: hashlib.sha256(data).hexdigest() for path, data in files.items()}
    known = set(db.session.scalars(select(ContentBlob.sha256).where(ContentBlob.sha256.in_(set(digests.values())))))
    for path, data in files.items():
        sha = digests[path]
        if sha not in known:
            db.session.add(ContentBlob(sha256=sha, data=data, size=len(data)))
            known.add(sha)
        db.session.add(CourseFile(version_id=version.id, path=path, blob_sha256=sha))
    db.session.flush()
    return {
        path: f"{ASSET_URL_PREFIX}{sha}{PurePosixPath(path).suffix.lower()}"
        for path, sha in digests.items()
        if path != COURSE_FILE
    }


def _module_row(version: CourseVersion, module: Module, status: str, asset_url) -> ModuleVersion:
    return ModuleVersion(
        course_version_id=version.id,
        module_key=module.id,
        language=module.language,
        status=status,
        phase=module.phase,
        position=module.order,
        title=module.title,
        minutes=module.minutes,
        objectives=list(module.objectives),
        guidelines=list(module.guidelines),
        principles=list(module.principles),
        html=render_markdown(module.body, asset_url),
        file_path=module.file,
        file_version=module.version,
    )


def _quiz_rows(version, source: Quiz | None, translations: dict[str, Quiz], module_key, asset_url) -> list[QuizVersion]:
    if source is None:
        return []
    rows = []
    for quiz in (source, *translations.values()):
        status = "source" if quiz is source else ("current" if quiz.translates == source.version else "stale")
        resolve = asset_url(quiz.file)
        rows.append(
            QuizVersion(
                course_version_id=version.id,
                quiz_key=source.id,
                module_key=module_key,
                language=quiz.language,
                status=status,
                title=quiz.title,
                settings=vars(source.settings).copy(),
                questions=[question_record(q, resolve) for q in quiz.questions],
                file_path=quiz.file,
                file_version=quiz.version,
            )
        )
    return rows


def question_record(question: Question, asset_url) -> dict:
    """A question as stored: rendered text for display, and the answer key for grading on the server."""

    def html(text: str) -> str:
        return render_markdown(text, asset_url) if text else ""

    return {
        "id": question.id,
        "type": question.type,
        "points": question.points,
        "html": html(question.text),
        "explanation_html": html(question.explanation),
        "options": [
            {"html": html(o.text), "weight": o.weight, "feedback_html": html(o.feedback)} for o in question.options
        ],
        "answers": [{"text": a.text, "weight": a.weight, "feedback_html": html(a.feedback)} for a in question.answers],
        "numbers": [
            {"low": n.low, "high": n.high, "weight": n.weight, "feedback_html": html(n.feedback)}
            for n in question.numbers
        ],
        "pairs": [{"left": p.left, "right": p.right} for p in question.pairs],
    }


def version_files(version: CourseVersion) -> dict[str, bytes]:
    """The exact files a version was published from."""
    rows = db.session.execute(
        select(CourseFile.path, ContentBlob.data)
        .join(ContentBlob, ContentBlob.sha256 == CourseFile.blob_sha256)
        .where(CourseFile.version_id == version.id)
    )
    return dict(rows.all())


def course_asset(sha256: str, extension: str) -> bytes | None:
    """A picture's bytes, only if some course publishes a file with that content as an image asset.

    Module and quiz sources are blobs too (quizzes hold answer keys): they are never served here.
    """
    query = (
        select(ContentBlob.data)
        .join(CourseFile, CourseFile.blob_sha256 == ContentBlob.sha256)
        .where(ContentBlob.sha256 == sha256)
        .where(CourseFile.path.startswith("images/") | CourseFile.path.startswith("assets/"))
        .where(func.lower(CourseFile.path).endswith(extension))
        .limit(1)
    )
    return db.session.scalar(query)


def course_folders(root: Path) -> list[Path]:
    """Course folders under root (root itself when it is one)."""
    if (root / COURSE_FILE).is_file():
        return [root]
    return sorted(path.parent for path in root.glob(f"*/{COURSE_FILE}"))


def publish_folders(folders: list[Path], author: User | None = None, dry_run: bool = False) -> list[PublishResult]:
    """Publish several course folders together; on any error it raises and the caller rolls back all."""
    results, problems = [], []
    for folder in folders:
        try:
            results.append(publish_course(read_folder(folder), author, dry_run=dry_run))
        except SourceError as error:
            problems.append(Problem(folder.name, 1, str(error)))
        except ImportRejected as rejected:
            problems += [Problem(f"{folder.name}/{p.file}", p.line, p.message, p.level) for p in rejected.problems]
    if problems:
        raise ImportRejected(problems)
    return results
