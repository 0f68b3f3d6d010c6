"""The file editor: preview, save a draft, publish or discard it; and the live preview fragment app.js asks for.
Routes are added to the authoring blueprint in views.py."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from app.auth.guards import acting_user
from app.authoring import coursefiles, forms, overview, services
from app.authoring.pages import course_or_404, language_names, published_message
from app.authoring.publishing import ImportRejected
from app.extensions import db


def edit(slug: str):
    """One text file of the course: its draft or published text, checked and previewed."""
    course = course_or_404(slug)
    version = course.current_version
    path = request.args.get("path", "")
    if not services.can_edit(course, version, path):
        abort(404)
    form = forms.EditorForm()
    if request.method == "GET":
        form.text.data, _draft = services.editor_text(course, version, path)
        form.base.data = services.published_sha(version, path)
        return _render(course, version, path, form)
    if not form.validate_on_submit():
        abort(400)
    return _ACTIONS[form.action.data](course, version, path, form)


def _preview(course, version, path, form):
    return _render(course, version, path, form)


def _save(course, version, path, form):
    services.save_draft(course, path, form.text.data or "", acting_user())
    db.session.commit()
    flash(_("Draft saved. Learners see the published text until you publish."), "success")
    return redirect(url_for("authoring.edit", slug=course.slug, path=path))


def _publish(course, version, path, form):
    text, note = form.text.data or "", form.note.data or ""
    try:
        result = services.publish_edit(course, version, path, text, acting_user(), note, form.base.data or "")
    except services.EditConflict as conflict:
        db.session.rollback()
        form.base.data = services.published_sha(version, path)  # the next Publish is the trainer's decision
        return _render(course, version, path, form, status=409, conflict=str(conflict))
    except ImportRejected:
        db.session.rollback()
        return _render(course, version, path, form, status=422, rejected=True)
    db.session.commit()
    flash(published_message(result), "success")
    return redirect(url_for("authoring.course", slug=course.slug))


def _discard(course, version, path, form):
    if services.discard_draft(course, path):
        db.session.commit()
        flash(_("Draft discarded."), "success")
    return redirect(url_for("authoring.course", slug=course.slug))


_ACTIONS = {"preview": _preview, "save": _save, "publish": _publish, "discard": _discard}


def _render(course, version, path, form, status=200, **notices):
    language = coursefiles.file_language(path, version.default_language)
    draft = next((d for d in overview.drafts(course) if d.path == path), None)
    page = render_template(
        "authoring/edit.html",
        course=course,
        version=version,
        path=path,
        form=form,
        kind=coursefiles.file_kind(path),
        language=language,
        language_names=language_names({language, version.default_language}),
        source_path=coursefiles.source_of(path),
        source_version=services.source_version(version, path),
        draft=draft,
        draft_is_older=draft is not None and draft.updated_at < version.created_at,
        check=services.check_edit(course, version, path, form.text.data or ""),
        **notices,
    )
    return page, status


def live_preview(slug: str):
    """The check and preview of the text being typed, as an HTML fragment (app.js; the Preview button does
    the same without JavaScript)."""
    course = course_or_404(slug)
    version = course.current_version
    form = forms.PreviewForm()
    if not form.validate_on_submit():
        abort(400)
    if not services.can_edit(course, version, form.path.data):
        abort(404)
    check = services.check_edit(course, version, form.path.data, form.text.data or "")
    return render_template("authoring/_check.html", check=check, path=form.path.data)
