"""Uploads on the course page (one file, a GIFT question bank) and the GIFT export.
Routes are added to the authoring blueprint in views.py."""

from flask import Response, abort, flash, redirect, request, url_for
from flask_babel import ngettext

from app.auth.guards import acting_user
from app.authoring import forms, giftfiles, overview, services
from app.authoring.pages import course_or_404, published_message, render_course
from app.authoring.publishing import ImportRejected
from app.extensions import db

# Flashed messages live in the session cookie (about 4 KB): only the first few warnings go there.
MAX_FLASHED_WARNINGS = 5


def upload_file(slug: str):
    """Add or replace one module, quiz or translation file, publishing a new version (all or nothing)."""
    course = course_or_404(slug)
    form = forms.FileUploadForm()
    if not form.validate_on_submit():
        return render_course(course, status=400, file_form=form)
    upload, note = form.file.data, form.note.data or ""
    try:
        result = services.publish_upload(
            course, course.current_version, upload.filename or "", upload.read(), acting_user(), note
        )
    except services.AuthoringError as error:
        db.session.rollback()
        return render_course(course, status=422, file_form=form, upload_error=str(error))
    except ImportRejected as rejected:
        db.session.rollback()
        return render_course(course, status=422, file_form=form, rejected=rejected.problems)
    db.session.commit()
    flash(published_message(result), "success")
    return redirect(url_for("authoring.course", slug=course.slug))


def import_gift(slug: str):
    """Turn a Moodle GIFT file into a draft of a module's quiz, opened in the editor for review."""
    course = course_or_404(slug)
    version = course.current_version
    form = forms.GiftImportForm()
    form.module.choices = overview.module_choices(version)
    if not form.validate_on_submit():
        return render_course(course, status=400, gift_form=form)
    upload = form.gift.data
    try:
        path, count, warnings = giftfiles.import_gift(
            course, version, form.module.data, upload.read(), upload.filename or "questions.gift", acting_user()
        )
    except services.AuthoringError as error:
        db.session.rollback()
        return render_course(course, status=422, gift_form=form, gift_error=str(error))
    except ImportRejected as rejected:
        db.session.rollback()
        return render_course(course, status=422, gift_form=form, gift_rejected=rejected.problems)
    db.session.commit()
    flash(ngettext("%(num)d question imported as a draft: check it, then publish.",
                   "%(num)d questions imported as a draft: check them, then publish.", count), "success")  # fmt: skip
    for warning in warnings[:MAX_FLASHED_WARNINGS]:
        flash(str(warning), "info")
    return redirect(url_for("authoring.edit", slug=course.slug, path=path))


def export_gift(slug: str):
    """A published quiz file's questions as a Moodle GIFT download (?path=02-x.quiz.md)."""
    course = course_or_404(slug)
    path = request.args.get("path", "")
    text = giftfiles.export_gift(course.current_version, path)
    if text is None:
        abort(404)
    return Response(
        text,
        content_type="text/plain; charset=utf-8",
        # The path matched the quiz file pattern (letters, digits, dashes, dots): safe inside the quotes.
        headers={"Content-Disposition": f'attachment; filename="{path.removesuffix(".md")}.gift"'},
    )
