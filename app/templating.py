"""What every template can use: page language and direction, language switcher, formatting."""

from flask import current_app, request
from flask_babel import format_date, format_datetime, get_locale
from flask_login import current_user

from app.auth.forms import LogoutForm
from app.auth.roles import role_label
from app.i18n import country_name, language_choices, text_direction
from app.models import Role


def _layout_context() -> dict:
    locale = str(get_locale())
    return {
        "page_lang": locale,
        "page_dir": text_direction(locale),
        "language_options": language_choices(current_app.config["LANGUAGES"]),
        "logout_form": LogoutForm() if current_user.is_authenticated else None,
        "current_path": request.full_path.rstrip("?") if request else "/",
        "Role": Role,
        "role_label": role_label,
    }


def register_template_helpers(app) -> None:
    app.context_processor(_layout_context)
    app.add_template_filter(lambda code: country_name(code, str(get_locale())), "country_name")
    app.add_template_filter(format_date, "date")
    app.add_template_filter(format_datetime, "datetime")
