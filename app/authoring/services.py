"""Trainers' changes to courses: drafts, publishing an edit, an upload or a rollback, and GIFT import/export."""

from dataclasses import dataclass
from pathlib import PurePosixPath

from flask_babel import gettext as _
from sqlalchemy import select

from app.authoring import coursefiles
from app.authoring.preview import Preview, preview
from app.authoring.publishing import (
    ASSET_URL_PREFIX,
    ImportRejected,
    PublishResult,
    check_files,
    publish_course,
    version_files,
)
from app.content.course import ASSET_FILE, COURSE_FILE
from app.content.frontmatter import key_line
from app.content.model import Problem
from app.content.sources import MAX_FILE_BYTES, read_zip
from app.content.versions import file_version
from app.extensions import db
from app.models import ContentBlob, Course, CourseFile, CourseVersion, ModuleDraft, User


class AuthoringError(ValueError):
    """A change that is refused before any check runs; the message is shown to the trainer."""


class EditConflict(AuthoringError):
    """The published file changed since the editor was opened; publishing now would undo that change."""


@dataclass
class EditorCheck:
    """What the editor shows beside the text: the preview, and the problems the text would cause."""

    preview: Preview
    here: list[Problem]  # problems in the file being edited
    errors_elsewhere: list[Problem]  # errors in other files (the edit may have caused them)
    warnings_elsewhere: list[Problem]

    @property
    def has_errors(self) -> bool:
        return any(p.level == "error" for p in self.here) or bool(self.errors_elsewhere)


# --- Reading a version's files -----------------------------------------------------------------------------


def find_course(slug: str) -> Course | None:
    """A published course by slug (None when there is none, or it has no version yet)."""
    course = db.session.scalar(select(Course).where(Course.slug == slug))
    return course if course is not None and course.current_version_id is not None else None


def find_version(course: Course, number: int | None) -> CourseVersion | None:
    if number is None:
        return None
    return db.session.scalar(
        select(CourseVersion).where(CourseVersion.course_id == course.id, CourseVersion.number == number)
    )


def _file_shas(version: CourseVersion) -> dict[str, str]:
    rows = db.session.execute(
        select(CourseFile.path, CourseFile.blob_sha256).where(CourseFile.version_id == version.id)
    )
    return dict(rows.all())


def published_text(version: CourseVersion, path: str) -> str | None:
    """One file's published text (without loading the version's pictures)."""
    data = db.session.scalar(
        select(ContentBlob.data)
        .join(CourseFile, CourseFile.blob_sha256 == ContentBlob.sha256)
        .where(CourseFile.version_id == version.id, CourseFile.path == path)
    )
    return data.decode("utf-8", errors="replace") if data is not None else None


def source_version(version: CourseVersion, path: str) -> str:
    """For a translation, the current version of its source file (what `translates:` should say); else ""."""
    source = coursefiles.source_of(path)
    text = published_text(version, source) if source else None
    return file_version(text) if text is not None else ""


def published_sha(version: CourseVersion, path: str) -> str:
    """The published file's content hash, "" when it does not exist: the editor's base for conflict checks."""
    return _file_shas(version).get(path, "")


def asset_urls(version: CourseVersion) -> dict[str, str]:
    """Picture path → the content-addressed URL publishing gives it (see publishing._store_files)."""
    return {
        path: f"{ASSET_URL_PREFIX}{sha}{PurePosixPath(path).suffix.lower()}"
        for path, sha in _file_shas(version).items()
        if path != COURSE_FILE and ASSET_FILE.match(path)
    }


def _checkable_files(version: CourseVersion) -> dict[str, bytes]:
    """The version's text files, and its pictures as empty placeholders: the checker only needs them to exist."""
    shas = _file_shas(version)
    texts = {sha for path, sha in shas.items() if not ASSET_FILE.match(path)}
    blobs = dict(
        db.session.execute(select(ContentBlob.sha256, ContentBlob.data).where(ContentBlob.sha256.in_(texts))).all()
    )
    return {path: (b"" if ASSET_FILE.match(path) else blobs[sha]) for path, sha in shas.items()}


# --- The editor ----------------------------------------------------------------------------------------------


def draft_for(course: Course, path: str) -> ModuleDraft | None:
    return db.session.scalar(select(ModuleDraft).where(ModuleDraft.course_id == course.id, ModuleDraft.path == path))


def can_edit(course: Course, version: CourseVersion, path: str) -> bool:
    """A text file of this version, a file with a draft, or a missing translation of one of its source files."""
    if coursefiles.file_kind(path) is None:
        return False
    paths = _file_shas(version)
    if path in paths or draft_for(course, path) is not None:
        return True
    source = coursefiles.source_of(path)
    language = coursefiles.file_language(path, version.default_language)
    return source in paths and language in version.languages and language != version.default_language


def editor_text(course: Course, version: CourseVersion, path: str) -> tuple[str, ModuleDraft | None]:
    """The draft if there is one, else the published text, else (a new translation) a copy of its source."""
    draft = draft_for(course, path)
    if draft is not None:
        return draft.text, draft
    text = published_text(version, path)
    if text is not None:
        return text, None
    source = coursefiles.source_of(path) or ""
    return coursefiles.translation_skeleton(published_text(version, source) or "", source), None


def normalise_text(text: str) -> str:
    # Browsers send a textarea's lines with CRLF; files keep LF so an untouched file keeps its hash.
    return text.replace("\r\n", "\n").replace("\r", "\n")


def check_edit(course: Course, version: CourseVersion, path: str, text: str) -> EditorCheck:
    """Check the whole course as it would be with this text, and preview the file."""
    text = normalise_text(text)
    files = _checkable_files(version) | {path: text.encode("utf-8")}
    problems = _check(course, files)
    elsewhere = [p for p in problems if p.file != path]
    return EditorCheck(
        preview=preview(path, text, version.default_language, asset_urls(version)),
        here=[p for p in problems if p.file == path],
        errors_elsewhere=[p for p in elsewhere if p.level == "error"],
        warnings_elsewhere=[p for p in elsewhere if p.level == "warning"],
    )


def _check(course: Course, files: dict[str, bytes]) -> list[Problem]:
    parsed, problems = check_files(files)
    if parsed is not None and parsed.slug != course.slug:
        # publish_course files a course under its slug: a new slug here would start another course.
        text = files[COURSE_FILE].decode("utf-8", errors="replace")
        message = _(
            "the slug cannot change here (it stays '%(slug)s'); upload a zip to start a new course", slug=course.slug
        )
        problems.insert(0, Problem(COURSE_FILE, key_line(text, "slug"), message))
    return problems


def save_draft(course: Course, path: str, text: str, user: User) -> ModuleDraft:
    """Create or replace the course's draft of this file (one per file, shared by the course's trainers)."""
    draft = draft_for(course, path) or ModuleDraft(course_id=course.id, path=path)
    draft.text = normalise_text(text)
    draft.updated_by_id = user.id
    db.session.add(draft)
    db.session.flush()
    return draft


def discard_draft(course: Course, path: str) -> bool:
    draft = draft_for(course, path)
    if draft is not None:
        db.session.delete(draft)
        db.session.flush()
    return draft is not None


def publish_edit(
    course: Course, version: CourseVersion, path: str, text: str, user: User, note: str, base_sha: str
) -> PublishResult:
    """Publish the version's files with this one replaced; the draft goes. Raises EditConflict or ImportRejected."""
    if published_sha(version, path) != base_sha:
        raise EditConflict(
            _("Someone published a change to this file since you opened it. Compare, then publish again.")
        )
    data = normalise_text(text).encode("utf-8")
    result = _publish(course, version_files(version) | {path: data}, user, note or _("Edited %(path)s", path=path))
    discard_draft(course, path)
    return result


def _publish(course: Course, files: dict[str, bytes], user: User, note: str) -> PublishResult:
    errors = [p for p in _check(course, files) if p.level == "error"]
    if errors:
        raise ImportRejected(errors)
    return publish_course(files, user, note)


# --- Uploads and rollback ------------------------------------------------------------------------------------


def publish_zip(data: bytes, user: User, note: str) -> PublishResult:
    """A whole course from a zip: a new course, or a new version of the course with its slug.
    Raises SourceError (unreadable zip) or ImportRejected; nothing is written then."""
    return publish_course(read_zip(data), user, note)


def publish_upload(course: Course, version: CourseVersion, filename: str, data: bytes, user: User, note: str):
    """Add or replace one module, quiz or translation file and publish, all or nothing."""
    name = PurePosixPath(filename.replace("\\", "/")).name
    if len(data) > MAX_FILE_BYTES:
        raise AuthoringError(_("The file is larger than %(size)d MiB.", size=MAX_FILE_BYTES // (1024 * 1024)))
    if coursefiles.file_kind(name) not in ("module", "quiz"):
        raise AuthoringError(
            _(
                "'%(name)s' is not named like a course file: 03-evacuation.md, 03-evacuation.fr.md "
                "or 03-evacuation.quiz.md",
                name=name,
            )
        )
    return _publish(course, version_files(version) | {name: data}, user, note or _("Uploaded %(path)s", path=name))


def roll_back(course: Course, number: int, user: User, note: str) -> PublishResult:
    """Publish an older version's files again, as a new version (history is never rewritten)."""
    old = find_version(course, number)
    if old is None:
        raise AuthoringError(_("There is no version %(number)d.", number=number))
    return _publish(course, version_files(old), user, note)
