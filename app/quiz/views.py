"""Quiz pages: the quiz's attempts, the answer form (plain POST), submission and the review."""

import random
import re

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_wtf import FlaskForm

from app.auth.guards import acting_user, login_required, roles_required
from app.extensions import db
from app.learn import services as learn
from app.learn.views import policy
from app.models import Role
from app.quiz import services
from app.quiz.answers import AnswerError, matching_position, parse_answers
from app.quiz.review import review

bp = Blueprint("quiz", __name__, url_prefix="/quiz")
# ASCII digits only: str.isdigit() also passes "²", which int() refuses (a 500 instead of a 400).
MINUTES = re.compile(r"[0-9]{1,4}")


def _grace() -> int:
    return current_app.config["QUIZ_GRACE_SECONDS"]


def _enrolled_quiz(slug: str, quiz_key: str):
    course = learn.course_by_slug(slug)
    if course is None:
        abort(404)
    enrolment = learn.enrolment_for(acting_user(), course)
    if enrolment is None:
        return course, None, None, ""
    found = services.quiz_for(enrolment.course_version_id, quiz_key, policy())
    if found is None:
        abort(404)
    return course, enrolment, *found


@bp.get("/<slug>/<quiz_key>")
@login_required
def quiz(slug: str, quiz_key: str):
    """The quiz's rules, the learner's attempts so far, and the start button."""
    course, enrolment, quiz, notice = _enrolled_quiz(slug, quiz_key)
    if enrolment is None:
        flash(_("Enrol in the course to take its quizzes."), "info")
        return redirect(url_for("learn.course", slug=slug))
    state = services.summary(enrolment, quiz, services.now_utc())
    return render_template("quiz/quiz.html", course=course, quiz=quiz, notice=notice, state=state)


@bp.post("/<slug>/<quiz_key>/start")
@login_required
def start(slug: str, quiz_key: str):
    _course, enrolment, quiz, _notice = _enrolled_quiz(slug, quiz_key)
    if enrolment is None or not FlaskForm().validate_on_submit():
        abort(400)
    try:
        attempt = services.start_attempt(acting_user(), enrolment, quiz, services.now_utc(), random.SystemRandom())
    except services.QuizError as error:
        flash(str(error), "error")
        return redirect(url_for("quiz.quiz", slug=slug, quiz_key=quiz_key))
    db.session.commit()
    return redirect(url_for("quiz.attempt", attempt_id=attempt.id))


def _own_attempt(attempt_id: int):
    attempt = services.attempt_of(acting_user(), attempt_id)
    if attempt is None:
        abort(404)
    return attempt


@bp.get("/attempt/<int:attempt_id>")
@login_required
def attempt(attempt_id: int):
    """The answer form; answers saved earlier are filled in, whatever device they came from."""
    attempt = _own_attempt(attempt_id)
    if not attempt.is_open:
        return redirect(url_for("quiz.result", attempt_id=attempt.id))
    time_up = services.time_is_up(attempt, services.now_utc(), _grace())
    return render_template("quiz/attempt.html", attempt=attempt, time_up=time_up, matching_position=matching_position)


@bp.post("/attempt/<int:attempt_id>")
@login_required
def answer(attempt_id: int):
    """Save the answers (button "Save") or save and submit (button "Submit"); submitting is final."""
    attempt = _own_attempt(attempt_id)
    if not FlaskForm().validate_on_submit():
        abort(400)
    if not attempt.is_open:  # a replayed or second-tab submission: the first one counted
        return redirect(url_for("quiz.result", attempt_id=attempt.id))
    try:
        answers = parse_answers(attempt.questions, request.form)
    except AnswerError:
        abort(400)
    now = services.now_utc()
    saved = services.save_answers(attempt, answers, now, _grace())
    if request.form.get("action") == "submit" or not saved:
        services.submit(attempt, policy(), now, reason="submitted" if saved else "time-up")
        db.session.commit()
        return redirect(url_for("quiz.result", attempt_id=attempt.id))
    db.session.commit()
    if request.headers.get("X-Autosave"):  # app.js saving in the background: no page, no message
        return "", 204
    flash(_("Your answers are saved."), "success")
    return redirect(url_for("quiz.attempt", attempt_id=attempt.id))


@bp.get("/attempt/<int:attempt_id>/result")
@login_required
def result(attempt_id: int):
    """Score, pass or fail, and the review the quiz's feedback policy allows."""
    attempt = _own_attempt(attempt_id)
    if attempt.is_open:
        return redirect(url_for("quiz.attempt", attempt_id=attempt.id))
    course = attempt.enrolment.course
    return render_template("quiz/result.html", attempt=attempt, course=course, review=review(attempt))


@bp.get("/open")
@roles_required(Role.TRAINER, Role.ADMIN)
def open_attempts():
    """Timed attempts in progress, so a trainer can give a learner extra time."""
    return render_template("quiz/open.html", attempts=services.open_timed_attempts())


@bp.post("/attempt/<int:attempt_id>/extend")
@roles_required(Role.TRAINER, Role.ADMIN)
def extend(attempt_id: int):
    attempt = db.get_or_404(services.QuizAttempt, attempt_id)
    minutes = request.form.get("minutes", "")
    if not FlaskForm().validate_on_submit() or not MINUTES.fullmatch(minutes):
        abort(400)
    try:
        services.extend(attempt, int(minutes))
    except services.QuizError as error:
        flash(str(error), "error")
    else:
        db.session.commit()
        flash(_("Extra time given."), "success")
    return redirect(url_for("quiz.open_attempts"))
