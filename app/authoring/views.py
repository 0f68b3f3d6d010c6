"""Authoring pages for trainers: courses, their status, versions, diffs and rollback; the routes of the
editor and of the file uploads are added at the bottom from their own modules."""

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from app.auth.guards import acting_user, roles_required
from app.authoring import editor_views, forms, overview, services, upload_views
from app.authoring.diffs import diff_files
from app.authoring.pages import course_or_404, published_message, render_course, render_index
from app.authoring.publishing import ImportRejected, version_files
from app.content.sources import SourceError, write_zip
from app.extensions import db
from app.models import Role

bp = Blueprint("authoring", __name__, url_prefix="/authoring")


@bp.before_request
@roles_required(Role.TRAINER, Role.ADMIN)
def _trainers_only():
    """Every authoring page is for trainers and administrators."""


@bp.get("/")
def index():
    """Every course with its current version, and the zip upload."""
    return render_index()


@bp.post("/")
def upload_zip():
    """Publish a whole course from a zip: a new course, or a new version of an existing one."""
    form = forms.ZipUploadForm()
    if not form.validate_on_submit():
        return render_index(form, status=400)
    try:
        result = services.publish_zip(form.archive.data.read(), acting_user(), form.note.data or "")
    except SourceError as error:
        db.session.rollback()
        return render_index(form, status=422, source_error=str(error))
    except ImportRejected as rejected:
        db.session.rollback()
        return render_index(form, status=422, rejected=rejected.problems)
    db.session.commit()
    flash(published_message(result), "success")
    return redirect(url_for("authoring.course", slug=result.slug))


@bp.get("/<slug>")
def course(slug: str):
    """The course: translation status of every file, uploads, GIFT, versions."""
    return render_course(course_or_404(slug))


@bp.get("/<slug>/download")
def download(slug: str):
    """The course's files as a zip (the current version, or ?version=N), exactly as published."""
    course = course_or_404(slug)
    number = request.args.get("version", type=int)
    version = services.find_version(course, number) if number else course.current_version
    if version is None:
        abort(404)
    return Response(
        write_zip(version_files(version), course.slug),
        mimetype="application/zip",
        headers={"Content-Disposition": f'attachment; filename="{course.slug}-v{version.number}.zip"'},
    )


@bp.get("/<slug>/diff")
def diff(slug: str):
    """What changed between two versions, file by file (?from=N&to=M; by default the last change)."""
    course = course_or_404(slug)
    current = course.current_version.number
    old = services.find_version(course, request.args.get("from", type=int) or max(current - 1, 1))
    new = services.find_version(course, request.args.get("to", type=int) or current)
    if old is None or new is None:
        abort(404)
    changes = diff_files(version_files(old), version_files(new))
    numbers = [entry.number for entry in overview.history(course)]
    return render_template("authoring/diff.html", course=course, old=old, new=new, changes=changes, numbers=numbers)


@bp.post("/<slug>/rollback/<int:number>")
def rollback(slug: str, number: int):
    """Publish an older version's files again as a new version."""
    course = course_or_404(slug)
    if not forms.RollbackForm().validate_on_submit():
        abort(400)
    try:
        result = services.roll_back(course, number, acting_user(), _("Rollback to version %(number)d", number=number))
    except services.AuthoringError:
        abort(404)
    except ImportRejected as rejected:
        db.session.rollback()
        return render_course(course, status=422, rejected=rejected.problems)
    db.session.commit()
    flash(published_message(result), "success")
    return redirect(url_for("authoring.course", slug=course.slug))


bp.add_url_rule("/<slug>/edit", view_func=editor_views.edit, methods=["GET", "POST"])
bp.add_url_rule("/<slug>/preview", view_func=editor_views.live_preview, methods=["POST"])
bp.add_url_rule("/<slug>/upload", view_func=upload_views.upload_file, methods=["POST"])
bp.add_url_rule("/<slug>/gift-import", view_func=upload_views.import_gift, methods=["POST"])
bp.add_url_rule("/<slug>/gift-export", view_func=upload_views.export_gift, methods=["GET"])
