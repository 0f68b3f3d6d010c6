"""What every template can use: page language and direction, language switcher, formatting."""

import hashlib
from functools import lru_cache
from pathlib import Path

from babel import Locale
from flask import current_app, request, url_for
from flask_babel import format_date, format_datetime, format_decimal, format_percent, format_time, get_locale
from flask_wtf.csrf import generate_csrf
from markupsafe import Markup, escape

from app.auth.emails import reset_link_lifetime
from app.auth.roles import role_label
from app.i18n import country_name, language_choices, text_direction
from app.models import Role


def _layout_context() -> dict:
    locale = str(get_locale())
    return {
        "page_lang": locale,
        "page_dir": text_direction(locale),
        "language_options": language_choices(current_app.config["LANGUAGES"]),
        "current_path": request.full_path.rstrip("?") if request else "/",
        "Role": Role,
        "role_label": role_label,
        "reset_link_lifetime": reset_link_lifetime,
    }


@lru_cache(maxsize=64)
def _static_digest(path: str, mtime: float) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()[:10]


def static_url(filename: str) -> str:
    """A static file's URL with its content hash, so it can be cached for a year and still update."""
    path = Path(current_app.static_folder) / filename
    return url_for("static", filename=filename, v=_static_digest(str(path), path.stat().st_mtime))


def csrf_field() -> Markup:
    """The CSRF token as a hidden input, without an id (several forms share a page)."""
    return Markup('<input type="hidden" name="csrf_token" value="{}">').format(escape(generate_csrf()))


def language_name(code: str) -> str:
    """A language's name in the page's language ("arabe" on a French page)."""
    return Locale.parse(code).get_display_name(str(get_locale()))


def _buffer_static_files(app) -> None:
    """Serve the (small) static files from memory, so Flask-Compress gzips them like pages.

    Flask streams them from disk, and streamed responses are not gzip-compressed; the stylesheet
    would then reach gzip-only clients at four times its compressed size.
    """
    serve = app.view_functions["static"]

    def static(filename):
        response = serve(filename=filename)
        if response.direct_passthrough and response.status_code == 200:
            response.direct_passthrough = False
            response.get_data()  # reads the file into memory and closes it
        return response

    app.view_functions["static"] = static


def register_template_helpers(app) -> None:
    _buffer_static_files(app)
    app.add_template_global(language_name)
    app.add_template_filter(format_percent, "percent")
    app.add_template_filter(format_decimal, "decimal")
    app.add_template_filter(format_time, "time")
    app.add_template_global(csrf_field)
    app.add_template_global(static_url)
    app.context_processor(_layout_context)
    app.add_template_filter(lambda code: country_name(code, str(get_locale())), "country_name")
    app.add_template_filter(format_date, "date")
    app.add_template_filter(format_datetime, "datetime")
