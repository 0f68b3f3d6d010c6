"""What learners do: enrolments in a course version, module progress, and quiz attempts."""

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.content import Course, CourseVersion, QuizVersion
from app.models.timestamps import UTCDateTime, utcnow
from app.models.user import User


class Enrolment(db.Model):
    """A learner studying one version of a course; progress and completion belong to it."""

    __tablename__ = "enrolment"
    __table_args__ = (UniqueConstraint("user_id", "course_version_id", name="uq_enrolment_user_version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True)
    course_id: Mapped[int] = mapped_column(ForeignKey("course.id"), index=True)
    course_version_id: Mapped[int] = mapped_column(ForeignKey("course_version.id"), index=True)
    enrolled_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    completed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    course: Mapped[Course] = relationship()
    course_version: Mapped[CourseVersion] = relationship()


class ModuleProgress(db.Model):
    __tablename__ = "module_progress"
    __table_args__ = (UniqueConstraint("enrolment_id", "module_key", name="uq_module_progress_enrolment_module"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    enrolment_id: Mapped[int] = mapped_column(ForeignKey("enrolment.id"), index=True)
    module_key: Mapped[str] = mapped_column(String(64))
    completed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class QuizAttempt(db.Model):
    """One attempt at a quiz, with a snapshot of the questions as drawn, so later edits change nothing."""

    __tablename__ = "quiz_attempt"
    __table_args__ = (
        UniqueConstraint("enrolment_id", "quiz_key", "number", name="uq_quiz_attempt_enrolment_quiz_number"),
        # At most one open attempt per learner and quiz, on SQLite and PostgreSQL alike.
        Index(
            "uq_quiz_attempt_one_open",
            "enrolment_id",
            "quiz_key",
            unique=True,
            sqlite_where=db.text("submitted_at IS NULL"),
            postgresql_where=db.text("submitted_at IS NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True)
    enrolment_id: Mapped[int] = mapped_column(ForeignKey("enrolment.id"), index=True)
    quiz_version_id: Mapped[int] = mapped_column(ForeignKey("quiz_version.id"))
    quiz_key: Mapped[str] = mapped_column(String(64))
    module_key: Mapped[str | None] = mapped_column(String(64))  # None: the final assessment
    language: Mapped[str] = mapped_column(String(8))
    number: Mapped[int]
    started_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    deadline: Mapped[datetime | None] = mapped_column(UTCDateTime)
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    closed_reason: Mapped[str | None] = mapped_column(String(16))  # "submitted" or "time-up"
    settings: Mapped[dict] = mapped_column(JSON)
    questions: Mapped[list] = mapped_column(JSON)  # as drawn, option order included, answer key included
    answers: Mapped[dict] = mapped_column(JSON, default=dict)
    score: Mapped[float | None]
    passed: Mapped[bool | None]
    results: Mapped[list | None] = mapped_column(JSON)  # per question: credit and what was right

    quiz_version: Mapped[QuizVersion] = relationship()
    enrolment: Mapped[Enrolment] = relationship()
    user: Mapped[User] = relationship()

    @property
    def is_open(self) -> bool:
        return self.submitted_at is None
