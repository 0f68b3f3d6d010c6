"""Getting a database ready to serve: migrate, starter data, courses, first administrator."""

import secrets
from pathlib import Path

from flask import Flask
from flask_migrate import upgrade
from sqlalchemy import select

from app.auth.services import AccountError, create_user
from app.authoring.publishing import ImportRejected, course_folders, publish_folders
from app.extensions import db
from app.ministries import ensure_starter_ministries
from app.models import Role, User
from app.translations import compile_catalogs


def import_shipped_courses(app: Flask) -> str:
    """Import every course under courses/ (all or nothing); a course whose files are unchanged is skipped."""
    root = Path(app.root_path).parent / "courses"
    folders = course_folders(root)
    if not folders:
        return "No courses found in courses/."
    try:
        results = publish_folders(folders)
    except ImportRejected as rejected:
        db.session.rollback()
        details = "\n".join(str(p) for p in rejected.problems if p.level == "error")
        return f"Courses NOT imported: fix these errors (see `flask courses check`):\n{details}"
    db.session.commit()
    return "\n".join(f"Course {r.slug}: {r.status}, version {r.version}" for r in results)


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
        compile_catalogs(Path(app.root_path).parent / "translations")
        upgrade()
        added = ensure_starter_ministries()
        if added:
            say(f"Added {added} starter ministries.")
        say(import_shipped_courses(app))
        try:
            admin, generated = ensure_first_admin(app.config["ADMIN_EMAIL"], app.config["ADMIN_PASSWORD"])
        except AccountError as error:
            db.session.rollback()
            raise SystemExit(f"First administrator not created (check ADMIN_EMAIL, ADMIN_PASSWORD): {error}") from None
        db.session.commit()
        if admin is not None:
            say(f"Created the first administrator: {admin.email}")
            if generated:
                say(f"Its password (shown once, change it after logging in): {generated}")
