"""The one access guard for views, and the session-token check behind every login cookie."""

import secrets
from functools import wraps

from flask import abort
from flask_login import current_user

from app.extensions import db, login_manager
from app.models import Role, User


def load_user(cookie_id: str) -> User | None:
    """Flask-Login's loader: the cookie must carry the user's current session token."""
    user_id, _, token = cookie_id.partition(":")
    if not user_id.isdigit() or not token:
        return None
    user = db.session.get(User, int(user_id))
    if user is None or not user.active:
        return None
    if not secrets.compare_digest(user.session_token, token):
        return None
    return user


def acting_user() -> User:
    """The logged-in user as a real object (not Flask-Login's proxy), to hand to services."""
    return current_user._get_current_object()


def roles_required(*roles: Role):
    """Logged-in users with one of these roles pass; others are sent to log in or get a 403."""

    def decorator(view):
        @wraps(view)
        def wrapped(*args, **kwargs):
            if not current_user.is_authenticated:
                return login_manager.unauthorized()
            if roles and current_user.role not in roles:
                abort(403)
            return view(*args, **kwargs)

        return wrapped

    return decorator


login_required = roles_required()
