"""E-mails to account holders, written in each recipient's own language."""

from datetime import timedelta

from flask import current_app, render_template
from flask_babel import force_locale, format_timedelta, gettext

from app.auth.services import reset_token_for
from app.links import external_url
from app.mail import send_in_background
from app.models import User


def reset_link_lifetime() -> str:
    """How long a reset link works, in words of the current language ("1 hour")."""
    return format_timedelta(timedelta(seconds=current_app.config["PASSWORD_RESET_MAX_AGE"]), threshold=1)


def email_reset_link(user: User) -> None:
    """Queue a password-reset e-mail in the user's preferred language."""
    link = external_url("auth.reset_password", token=reset_token_for(user))
    with force_locale(user.preferred_language):
        subject = gettext("Reset your password")
        body = render_template("auth/reset_email.txt", link=link, lifetime=reset_link_lifetime())
    send_in_background(current_app.config, user.email, subject, body)
