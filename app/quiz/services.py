"""Quiz attempts: start (draw a snapshot), save answers, close on time, submit once, review."""

import random
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from app.extensions import db
from app.learn.services import LanguagePolicy, complete_module, record_course_completion
from app.models import Enrolment, QuizAttempt, QuizVersion, User
from app.models.timestamps import utcnow
from app.quiz.drawing import draw
from app.quiz.grading import score


class QuizError(Exception):
    """A quiz action that is refused; message is shown to the learner."""


@dataclass
class AttemptSummary:
    used: int
    allowed: int | None
    open_attempt: QuizAttempt | None
    best: float | None
    passed: bool
    next_start: datetime | None  # when waiting between attempts

    @property
    def remaining(self) -> int | None:
        return None if self.allowed is None else max(0, self.allowed - self.used)


def quiz_versions(course_version_id: int, quiz_key: str) -> list[QuizVersion]:
    query = select(QuizVersion).where(
        QuizVersion.course_version_id == course_version_id, QuizVersion.quiz_key == quiz_key
    )
    return list(db.session.scalars(query))


def quiz_for(course_version_id: int, quiz_key: str, policy: LanguagePolicy) -> tuple[QuizVersion, str] | None:
    """The quiz in the learner's language, or its fallback (same rule as modules); with the notice."""
    versions = quiz_versions(course_version_id, quiz_key)
    if not versions:
        return None
    choice = policy.choose({v.language: v.status for v in versions})
    return next(v for v in versions if v.language == choice.language), choice.notice


def summary(enrolment: Enrolment, quiz: QuizVersion, now: datetime) -> AttemptSummary:
    attempts = list(
        db.session.scalars(
            select(QuizAttempt)
            .where(QuizAttempt.enrolment_id == enrolment.id, QuizAttempt.quiz_key == quiz.quiz_key)
            .order_by(QuizAttempt.number)
        )
    )
    closed = [a for a in attempts if not a.is_open]
    open_attempt = next((a for a in attempts if a.is_open), None)
    wait = quiz.settings.get("wait_minutes") or 0
    next_start = None
    if closed and wait and not any(a.passed for a in closed):
        candidate = closed[-1].submitted_at + timedelta(minutes=wait)
        next_start = candidate if candidate > now else None
    return AttemptSummary(
        used=len(closed),
        allowed=quiz.settings.get("attempts"),
        open_attempt=open_attempt,
        best=max((a.score for a in closed), default=None),
        passed=any(a.passed for a in closed),
        next_start=next_start,
    )


def start_attempt(
    user: User, enrolment: Enrolment, quiz: QuizVersion, now: datetime, rng: random.Random
) -> QuizAttempt:
    """Open an attempt (or return the one already open): draws questions and stores the snapshot."""
    if enrolment.user_id != user.id:
        raise QuizError(_l("This is not your enrolment."))
    state = summary(enrolment, quiz, now)
    if state.open_attempt is not None:
        return state.open_attempt
    if state.remaining == 0:
        raise QuizError(_l("You have used all your attempts at this quiz."))
    if state.next_start is not None:
        raise QuizError(_l("You can try again after a pause; the quiz page shows when."))
    limit = quiz.settings.get("time_limit_minutes")
    number = 1 + (
        db.session.scalar(
            select(func.max(QuizAttempt.number)).where(
                QuizAttempt.enrolment_id == enrolment.id, QuizAttempt.quiz_key == quiz.quiz_key
            )
        )
        or 0
    )
    attempt = QuizAttempt(
        user_id=user.id,
        enrolment_id=enrolment.id,
        quiz_version_id=quiz.id,
        quiz_key=quiz.quiz_key,
        module_key=quiz.module_key,
        language=quiz.language,
        number=number,
        started_at=now,
        deadline=now + timedelta(minutes=limit) if limit else None,
        settings=dict(quiz.settings),
        questions=draw(quiz.questions, quiz.settings, rng),
        answers={},
    )
    db.session.add(attempt)
    try:
        with db.session.begin_nested():
            db.session.flush()
    except IntegrityError:  # another tab opened one a moment ago: use it
        return summary(enrolment, quiz, now).open_attempt
    return attempt


def attempt_of(user: User, attempt_id: int) -> QuizAttempt | None:
    """The attempt if it is this learner's; None otherwise (a 404, revealing nothing)."""
    attempt = db.session.get(QuizAttempt, attempt_id)
    return attempt if attempt is not None and attempt.user_id == user.id else None


def time_is_up(attempt: QuizAttempt, now: datetime, grace_seconds: int) -> bool:
    return attempt.deadline is not None and now > attempt.deadline + timedelta(seconds=grace_seconds)


def save_answers(attempt: QuizAttempt, answers: dict, now: datetime, grace_seconds: int) -> bool:
    """Store answers on an open attempt; False (saving nothing) when it is closed or its time is up."""
    if time_is_up(attempt, now, grace_seconds):
        return False
    merged = {**attempt.answers, **answers}
    changed = db.session.execute(
        update(QuizAttempt)
        .where(QuizAttempt.id == attempt.id, QuizAttempt.submitted_at.is_(None))
        .values(answers=merged)
        .execution_options(synchronize_session=False)
    ).rowcount
    if changed:
        attempt.answers = merged
    return bool(changed)


def submit(attempt: QuizAttempt, policy: LanguagePolicy, now: datetime, reason: str = "submitted") -> bool:
    """Grade and close the attempt exactly once; True for the call that closed it.

    A double click, a replayed POST or two tabs: the conditional update lets one through.
    """
    percent, credits = score(attempt.questions, attempt.answers)
    passed = percent >= attempt.settings.get("pass_mark", 70) - 1e-9
    results = [{"id": q["id"], "credit": credit} for q, credit in zip(attempt.questions, credits, strict=True)]
    changed = db.session.execute(
        update(QuizAttempt)
        .where(QuizAttempt.id == attempt.id, QuizAttempt.submitted_at.is_(None))
        .values(submitted_at=now, closed_reason=reason, score=percent, passed=passed, results=results)
        .execution_options(synchronize_session=False)
    ).rowcount
    db.session.refresh(attempt)
    if changed != 1:
        return False
    if passed:
        enrolment = attempt.enrolment
        if attempt.module_key:
            complete_module(enrolment, attempt.module_key, now)
        record_course_completion(enrolment, policy, now)
    return True


def close_if_time_is_up(attempt: QuizAttempt, policy: LanguagePolicy, now: datetime, grace_seconds: int) -> bool:
    """An attempt past its deadline is closed with the answers saved so far."""
    if attempt.is_open and time_is_up(attempt, now, grace_seconds):
        return submit(attempt, policy, now, reason="time-up")
    return False


def extend(attempt: QuizAttempt, minutes: int) -> None:
    """Give a learner extra time on an open, timed attempt (trainers and admins)."""
    if not attempt.is_open or attempt.deadline is None:
        raise QuizError(_l("Only an open attempt with a time limit can be extended."))
    if not 1 <= minutes <= 600:
        raise QuizError(_l("Give between 1 and 600 minutes."))
    attempt.deadline = attempt.deadline + timedelta(minutes=minutes)
    db.session.flush()


def open_timed_attempts() -> list[QuizAttempt]:
    """Open timed attempts with their learner and course loaded: the same few queries for any number."""
    query = (
        select(QuizAttempt)
        .where(QuizAttempt.submitted_at.is_(None), QuizAttempt.deadline.is_not(None))
        .options(selectinload(QuizAttempt.user), selectinload(QuizAttempt.enrolment).selectinload(Enrolment.course))
    )
    return list(db.session.scalars(query.order_by(QuizAttempt.deadline)))


def now_utc() -> datetime:
    return utcnow()
