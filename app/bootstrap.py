"""Getting a database ready to serve: migrate, starter data, courses, first administrator."""

import secrets

from flask import Flask
from flask_migrate import upgrade
from sqlalchemy import select

from app.auth.services import create_user
from app.extensions import db
from app.ministries import ensure_starter_ministries
from app.models import Role, User


def import_shipped_courses(app: Flask) -> str:
    """Import courses/ once the course importer exists (the content pipeline); until then a no-op."""
    return "course importer not installed yet; skipped"


def ensure_first_admin(email: str, password: str) -> tuple[User | None, str | None]:
    """Create an administrator when there is none; returns it and the generated password, if any."""
    if db.session.scalar(select(User.id).where(User.role == Role.ADMIN).limit(1)) is not None:
        return None, None
    generated = None
    if not password:
        generated = password = secrets.token_urlsafe(12)
    admin = create_user(email or "admin@example.org", password, "Administrator", role=Role.ADMIN)
    return admin, generated


def prepare(app: Flask, say=print) -> None:
    """Everything `python run.py` and `flask setup` do before serving; safe to run again."""
    with app.app_context():
        upgrade()
        added = ensure_starter_ministries()
        if added:
            say(f"Added {added} starter ministries.")
        say(import_shipped_courses(app))
        admin, generated = ensure_first_admin(app.config["ADMIN_EMAIL"], app.config["ADMIN_PASSWORD"])
        db.session.commit()
        if admin is not None:
            say(f"Created the first administrator: {admin.email}")
            if generated:
                say(f"Its password (shown once, change it after logging in): {generated}")
