"""Published course versions: their source files, rendered modules and quizzes, and trainers' drafts."""

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.timestamps import UTCDateTime, utcnow


class Course(db.Model):
    __tablename__ = "course"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # The version learners start now; older versions stay for those who studied them.
    current_version_id: Mapped[int | None] = mapped_column(
        ForeignKey("course_version.id", use_alter=True, name="fk_course_current_version_id_course_version")
    )

    current_version: Mapped["CourseVersion | None"] = relationship(foreign_keys=[current_version_id], post_update=True)


class CourseVersion(db.Model):
    """One published state of a course: immutable once written."""

    __tablename__ = "course_version"
    __table_args__ = (UniqueConstraint("course_id", "number", name="uq_course_version_course_number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    course_id: Mapped[int] = mapped_column(ForeignKey("course.id"), index=True)
    number: Mapped[int]
    content_hash: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    note: Mapped[str] = mapped_column(String(500), default="")
    default_language: Mapped[str] = mapped_column(String(8))
    languages: Mapped[list] = mapped_column(JSON)
    titles: Mapped[dict] = mapped_column(JSON)
    summaries: Mapped[dict] = mapped_column(JSON)
    audience: Mapped[str] = mapped_column(String(32))
    estimated_hours: Mapped[float]
    pass_mark: Mapped[int]
    completion: Mapped[str] = mapped_column(String(32))
    certificate_validity_months: Mapped[int | None]

    course: Mapped[Course] = relationship(foreign_keys=[course_id])
    modules: Mapped[list["ModuleVersion"]] = relationship(
        back_populates="course_version", order_by="ModuleVersion.position"
    )


class ContentBlob(db.Model):
    """File contents by SHA-256, shared by every version that has the same file."""

    __tablename__ = "content_blob"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    data: Mapped[bytes] = mapped_column(LargeBinary)
    size: Mapped[int]


class CourseFile(db.Model):
    __tablename__ = "course_file"
    __table_args__ = (UniqueConstraint("version_id", "path", name="uq_course_file_version_path"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("course_version.id"), index=True)
    path: Mapped[str] = mapped_column(String(255))
    blob_sha256: Mapped[str] = mapped_column(ForeignKey("content_blob.sha256"), index=True)


class ModuleVersion(db.Model):
    """A module in one language of one course version, with its rendered, sanitised HTML."""

    __tablename__ = "module_version"
    __table_args__ = (
        UniqueConstraint("course_version_id", "module_key", "language", name="uq_module_version_key_language"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    course_version_id: Mapped[int] = mapped_column(ForeignKey("course_version.id"), index=True)
    module_key: Mapped[str] = mapped_column(String(64))
    language: Mapped[str] = mapped_column(String(8))
    # "source", or for a translation "current" / "stale" (made from an older source).
    status: Mapped[str] = mapped_column(String(16))
    phase: Mapped[str] = mapped_column(String(32))
    position: Mapped[int]
    title: Mapped[str] = mapped_column(String(300))
    minutes: Mapped[int]
    objectives: Mapped[list] = mapped_column(JSON)
    guidelines: Mapped[list] = mapped_column(JSON)
    principles: Mapped[list] = mapped_column(JSON)
    html: Mapped[str] = mapped_column(Text)
    file_path: Mapped[str] = mapped_column(String(255))
    file_version: Mapped[str] = mapped_column(String(16))

    course_version: Mapped[CourseVersion] = relationship(back_populates="modules")


class QuizVersion(db.Model):
    """A quiz in one language of one course version; questions hold the answer key (server side only)."""

    __tablename__ = "quiz_version"
    __table_args__ = (
        UniqueConstraint("course_version_id", "quiz_key", "language", name="uq_quiz_version_key_language"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    course_version_id: Mapped[int] = mapped_column(ForeignKey("course_version.id"), index=True)
    quiz_key: Mapped[str] = mapped_column(String(64))
    module_key: Mapped[str | None] = mapped_column(String(64))  # None: the course's final assessment
    language: Mapped[str] = mapped_column(String(8))
    status: Mapped[str] = mapped_column(String(16))
    title: Mapped[str] = mapped_column(String(300), default="")
    settings: Mapped[dict] = mapped_column(JSON)
    questions: Mapped[list] = mapped_column(JSON)
    file_path: Mapped[str] = mapped_column(String(255))
    file_version: Mapped[str] = mapped_column(String(16))


class ModuleDraft(db.Model):
    """A trainer's unpublished edit of one file of a course."""

    __tablename__ = "module_draft"
    __table_args__ = (UniqueConstraint("course_id", "path", name="uq_module_draft_course_path"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    course_id: Mapped[int] = mapped_column(ForeignKey("course.id"), index=True)
    path: Mapped[str] = mapped_column(String(255))
    text: Mapped[str] = mapped_column(Text)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
