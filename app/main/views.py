"""Home page, language switcher and /healthz."""

from flask import Blueprint, current_app, jsonify, redirect, render_template, request, session, url_for
from flask_login import current_user
from sqlalchemy import text

from app.auth.guards import acting_user
from app.auth.redirects import safe_next
from app.auth.services import set_preferred_language
from app.extensions import db
from app.i18n import supported

bp = Blueprint("main", __name__)


@bp.get("/")
def home():
    """What the platform is, and where to start."""
    return render_template("main/home.html")


@bp.post("/language")
def set_language():
    """Remember an explicit language choice (and save it to the profile when logged in)."""
    lang = supported(request.form.get("lang"))
    if lang:
        session["lang"] = lang
        if current_user.is_authenticated:
            set_preferred_language(acting_user(), lang)
            db.session.commit()
    return redirect(safe_next(request.form.get("next"), url_for("main.home")))


@bp.get("/healthz")
def healthz():
    """Liveness and database reachability, for load balancers and monitoring."""
    try:
        db.session.execute(text("SELECT 1"))
        db.session.rollback()
    except Exception:  # any failure to reach the database is "unhealthy", whatever its type
        current_app.logger.exception("health check: database unreachable")
        return jsonify(status="error", database="unreachable"), 503
    return jsonify(status="ok", database="ok")
