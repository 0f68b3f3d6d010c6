"""Shared fixtures: an app on a fresh database, a client, and factories for users and ministries."""

import os
import re
import uuid
from contextlib import contextmanager
from pathlib import Path

import pytest

from app import create_app
from app.auth.services import create_user
from app.extensions import db, limiter
from app.models import Ministry, MinistryStatus, Role
from app.translations import compile_catalogs

PASSWORD = "correct-horse-battery-staple"
CSRF_RE = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"|name="csrf_token" value="([^"]+)"')


@pytest.fixture(scope="session", autouse=True)
def compiled_catalogs():
    """The app reads .mo files; a fresh clone has only the .po sources (as run.py does, compile them)."""
    compile_catalogs(Path(__file__).resolve().parent.parent / "translations")


def app_settings(tmp_path) -> dict:
    """The test mapping: a throwaway database (PostgreSQL when TEST_DATABASE_URL is set)."""
    return {
        "TESTING": True,
        "SECRET_KEY": "test-" + uuid.uuid4().hex,
        "INSTANCE_PATH": str(tmp_path / "instance"),
        "SQLALCHEMY_DATABASE_URI": os.environ.get("TEST_DATABASE_URL") or f"sqlite:///{tmp_path / 'test.sqlite3'}",
        "RATELIMIT_STORAGE_URI": os.environ.get("TEST_REDIS_URL") or "memory://",
        # OWASP's minimum argon2id parameters keep the suite quick; production uses more.
        "ARGON2_TIME_COST": 2,
        "ARGON2_MEMORY_COST": 19 * 1024,
        "ARGON2_PARALLELISM": 1,
        "BASE_URL": "http://learning.test",
    }


@contextmanager
def fresh_database(app):
    """Empty tables for the test, then connections closed (and a shared PostgreSQL database emptied)."""
    with app.app_context():
        db.drop_all()  # a PostgreSQL test database may hold the previous test's tables
        db.create_all()
        limiter.reset()
    try:
        yield app
    finally:
        with app.app_context():
            db.session.remove()
            # A SQLite test database is a file of its own that goes with tmp_path (and its course
            # tables refer to each other, which SQLite cannot drop in any order).
            if db.engine.dialect.name != "sqlite":
                db.drop_all()
            db.engine.dispose()


@pytest.fixture
def app(tmp_path):
    # No app context stays pushed during a test: requests would share it (g, the db session,
    # Flask-Login's cached user) and hide bugs. Tests open one with `with app.app_context()`.
    with fresh_database(create_app(app_settings(tmp_path))) as app:
        yield app


@pytest.fixture
def make_app(tmp_path):
    """Build an extra app with changed settings (tables created); its connections close after the test."""
    made = []

    def make(**overrides):
        extra = create_app(app_settings(tmp_path) | overrides)
        with extra.app_context():
            db.create_all()
        made.append(extra)
        return extra

    yield make
    for extra in made:
        with extra.app_context():
            if db.engine.dialect.name != "sqlite":
                db.drop_all()
            db.engine.dispose()


def detached(obj):
    """Load everything a test reads, then let the object outlive the app context."""
    db.session.refresh(obj)
    db.session.expunge(obj)
    return obj


def reload(app, model, obj_id):
    """A fresh, detached copy of a row as the database holds it now."""
    with app.app_context():
        obj = db.session.get(model, obj_id)
        return detached(obj) if obj is not None else None


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def make_ministry(app):
    def make(country_code="PH", name=None, status=MinistryStatus.APPROVED) -> Ministry:
        with app.app_context():
            ministry = Ministry(
                country_code=country_code, name=name or f"Ministry {uuid.uuid4().hex[:6]}", status=status
            )
            db.session.add(ministry)
            db.session.commit()
            return detached(ministry)

    return make


@pytest.fixture
def make_user(app, make_ministry):
    def make(email=None, password=PASSWORD, role=Role.LEARNER, full_name="Maria Santos", ministry=None, **fields):
        email = email or f"user-{uuid.uuid4().hex[:8]}@gov.example"
        if ministry is None and role == Role.FOCAL_POINT:
            ministry = make_ministry()
        with app.app_context():
            ministry = db.session.merge(ministry) if ministry is not None else None
            user = create_user(email, password, full_name, role=role, ministry=ministry, **fields)
            db.session.commit()
            return detached(user)

    return make


def csrf_token(client, path="/", headers=None) -> str:
    """A CSRF token for the client's session, read from a page's form (every page has one)."""
    html = client.get(path, headers=headers).get_data(as_text=True)
    match = CSRF_RE.search(html)
    assert match, f"no CSRF token on {path}"
    return match.group(1) or match.group(2)


def post_form(client, url, data=None, token_from="/", **kwargs):
    """POST a form the way a browser does: with the CSRF token of the client's session."""
    payload = dict(data or {})
    payload["csrf_token"] = csrf_token(client, token_from, headers=kwargs.get("headers"))
    return client.post(url, data=payload, **kwargs)


def login(client, email, password=PASSWORD, remember=False):
    data = {"email": email, "password": password}
    if remember:
        data["remember"] = "y"
    return post_form(client, "/auth/login", data, token_from="/auth/login")


@pytest.fixture
def login_as(client, make_user):
    """Create a user with the role and log the test client in as them."""

    def do(role=Role.LEARNER, **fields):
        user = make_user(role=role, **fields)
        response = login(client, user.email)
        assert response.status_code == 302, response.get_data(as_text=True)
        return user

    return do
