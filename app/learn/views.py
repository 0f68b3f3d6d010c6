"""Learner pages: catalog, dashboard, course outline, module reader and progress."""

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user
from flask_wtf import FlaskForm

from app.auth.guards import acting_user, login_required
from app.content.model import AUDIENCES, PHASES
from app.extensions import db
from app.learn import services

bp = Blueprint("learn", __name__, url_prefix="/learn")


def policy() -> services.LanguagePolicy:
    """The learner's content language and the configured fallbacks."""
    config = current_app.config
    return services.LanguagePolicy(
        str(get_locale()), tuple(config["CONTENT_FALLBACK"]), config["SHOW_STALE_TRANSLATIONS"]
    )


def _course_or_404(slug: str):
    course = services.course_by_slug(slug)
    if course is None:
        abort(404)
    return course


@bp.get("/")
def catalog():
    """Courses on offer, filtered by audience and phase."""
    audience = request.args.get("audience") if request.args.get("audience") in AUDIENCES else None
    phase = request.args.get("phase") if request.args.get("phase") in PHASES else None
    entries = services.catalog(policy(), audience, phase)
    return render_template("learn/catalog.html", entries=entries, audience=audience, phase=phase)


@bp.get("/dashboard")
@login_required
def dashboard():
    """The learner's courses, progress, where to continue, and recent activity."""
    entries, activity = services.dashboard(acting_user(), str(get_locale()))
    return render_template("learn/dashboard.html", entries=entries, activity=activity)


@bp.get("/<slug>")
def course(slug: str):
    """Modules grouped by phase with the learner's progress, and the enrol button."""
    course = _course_or_404(slug)
    enrolment = services.enrolment_for(acting_user(), course) if current_user.is_authenticated else None
    version = enrolment.course_version if enrolment else course.current_version
    state = services.outline(version, policy(), enrolment)
    return render_template("learn/course.html", course=course, version=version, outline=state, enrolment=enrolment)


@bp.post("/<slug>/enrol")
@login_required
def enrol(slug: str):
    course = _course_or_404(slug)
    if not FlaskForm().validate_on_submit():
        abort(400)
    services.enrol(acting_user(), course)
    db.session.commit()
    flash(_("You are enrolled. Start with the first module."), "success")
    return redirect(url_for("learn.course", slug=slug))


def _enrolment_or_redirect(course):
    enrolment = services.enrolment_for(acting_user(), course)
    if enrolment is None:
        flash(_("Enrol in the course to read its modules."), "info")
    return enrolment


@bp.get("/<slug>/<module_key>")
@login_required
def module(slug: str, module_key: str):
    """A module as published (stored HTML: no Markdown runs here), with previous and next."""
    course = _course_or_404(slug)
    enrolment = _enrolment_or_redirect(course)
    if enrolment is None:
        return redirect(url_for("learn.course", slug=slug))
    found = services.module_page(enrolment.course_version, module_key, policy())
    if found is None:
        abort(404)
    page, choice = found
    state = services.outline(enrolment.course_version, policy(), enrolment)
    keys = [m.key for m in state.modules]
    index = keys.index(module_key)
    return render_template(
        "learn/module.html",
        course=course,
        outline=state,
        page=page,
        choice=choice,
        entry=state.modules[index],
        previous=state.modules[index - 1] if index > 0 else None,
        following=state.modules[index + 1] if index + 1 < len(keys) else None,
        quiz_key=services.module_quiz_key(enrolment.course_version, module_key),
    )


@bp.post("/<slug>/<module_key>/complete")
@login_required
def complete(slug: str, module_key: str):
    """Mark a module without a quiz as completed (a quiz-ended module completes when the quiz is passed)."""
    course = _course_or_404(slug)
    enrolment = services.enrolment_for(acting_user(), course)
    if enrolment is None or not FlaskForm().validate_on_submit():
        abort(400)
    if services.module_quiz_key(enrolment.course_version, module_key):
        abort(400)
    try:
        services.complete_module(enrolment, module_key)
    except services.LearningError:
        abort(404)
    finished = services.record_course_completion(enrolment, policy())
    db.session.commit()
    flash(_("Course completed. Well done!") if finished else _("Module completed."), "success")
    following = services.outline(enrolment.course_version, policy(), enrolment).next_module()
    if following is None:
        return redirect(url_for("learn.course", slug=slug))
    return redirect(url_for("learn.module", slug=slug, module_key=following.key))
