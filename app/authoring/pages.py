"""Rendering shared by the authoring views: the course list and course page (also after a refused upload)."""

from babel import Locale
from babel.lists import format_list
from flask import abort, render_template
from flask_babel import get_locale
from flask_babel import gettext as _

from app.authoring import forms, overview, services
from app.authoring.publishing import PublishResult
from app.models import Course


def course_or_404(slug: str) -> Course:
    course = services.find_course(slug)
    if course is None:
        abort(404)
    return course


def language_names(codes) -> dict[str, str]:
    """Language code → its name in the reader's language (Babel), for tables and headings."""
    locale = str(get_locale())
    return {code: Locale.parse(code).get_display_name(locale) or code for code in codes}


def language_list(codes) -> str:
    """ "English, French and Arabic" in the reader's language, with its own separators (Arabic uses "،")."""
    names = language_names(codes)
    return format_list([names[code] for code in codes], locale=str(get_locale())) if names else ""


def published_message(result: PublishResult) -> str:
    if result.status == "created":
        return _("Course %(slug)s imported as version %(number)d.", slug=result.slug, number=result.version)
    if result.status == "unchanged":
        return _(
            "Nothing changed: %(slug)s is unchanged (version %(number)d).", slug=result.slug, number=result.version
        )
    return _("Published version %(number)d.", number=result.version)


def render_index(form: forms.ZipUploadForm | None = None, status: int = 200, **problems):
    """The course list with the zip upload form; problems: source_error or rejected (a list of Problems)."""
    summaries = overview.course_summaries()
    page = render_template(
        "authoring/index.html",
        courses=summaries,
        language_list=language_list,
        form=form or forms.ZipUploadForm(),
        **problems,
    )
    return page, status


def render_course(course: Course, status: int = 200, file_form=None, gift_form=None, **problems):
    """The course page: status of every file and language, uploads, history."""
    version = course.current_version
    gift_form = gift_form or forms.GiftImportForm()
    gift_form.module.choices = overview.module_choices(version)
    rows = overview.status_matrix(version)
    page = render_template(
        "authoring/course.html",
        course=course,
        version=version,
        languages=overview.ordered_languages(version),
        language_names=language_names(version.languages),
        language_list=language_list,
        rows=rows,
        quizzes=[row for row in rows if row.kind == "quiz"],
        history=overview.history(course),
        drafts=overview.drafts(course),
        file_form=file_form or forms.FileUploadForm(),
        gift_form=gift_form,
        rollback_form=forms.RollbackForm(),
        **problems,
    )
    return page, status
