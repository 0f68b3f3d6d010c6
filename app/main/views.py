"""Home page, language switcher, course pictures and /healthz."""

import re

from flask import Blueprint, Response, abort, current_app, jsonify, redirect, render_template, request, session, url_for
from flask_login import current_user
from sqlalchemy import text

from app.auth.guards import acting_user
from app.auth.redirects import safe_next
from app.auth.services import set_preferred_language
from app.authoring.publishing import course_asset
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


ASSET_TYPES = {
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
}
ASSET_NAME = re.compile(r"^(?P<sha>[0-9a-f]{64})(?P<ext>\.[a-z]{3,4})$")


@bp.get("/assets/<name>")
def asset(name: str):
    """A course picture by content hash: the URL changes when the picture does, so it is cached for a year."""
    match = ASSET_NAME.match(name)
    if match is None or match["ext"] not in ASSET_TYPES:
        abort(404)
    data = course_asset(match["sha"], match["ext"])
    if data is None:
        abort(404)
    response = Response(data, mimetype=ASSET_TYPES[match["ext"]])
    response.headers["Cache-Control"] = "public, max-age=31536000, immutable"
    response.set_etag(match["sha"])
    return response.make_conditional(request)


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
