import threading
import time

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import upgrade
from sqlalchemy import event, func, inspect, select, text

from app import create_app
from app.extensions import db
from app.models import Ministry
from tests.conftest import app_settings


def is_sqlite(app) -> bool:
    return app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite")


def test_sqlite_connections_use_wal_busy_timeout_and_foreign_keys(app):
    if not is_sqlite(app):
        pytest.skip("SQLite connection rules; this run uses PostgreSQL (TEST_DATABASE_URL)")
    with app.app_context():
        assert db.session.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert db.session.execute(text("PRAGMA busy_timeout")).scalar() >= 5000
        assert db.session.execute(text("PRAGMA foreign_keys")).scalar() == 1


def test_foreign_keys_are_enforced(app):
    from sqlalchemy.exc import IntegrityError

    from app.models import User

    with app.app_context():
        db.session.add(User(email="fk@gov.example", password_hash="x", full_name="F", ministry_id=999))
        with pytest.raises(IntegrityError):
            db.session.commit()
        db.session.rollback()


def test_concurrent_writers_never_see_database_is_locked(app):
    """Eight threads each read then write in one transaction, the pattern that fails with deferred BEGIN."""
    errors: list[Exception] = []
    start = threading.Barrier(8)

    def writer(n: int) -> None:
        try:
            with app.app_context():
                start.wait()
                for round_ in range(10):
                    db.session.scalar(select(func.count()).select_from(Ministry))
                    db.session.add(Ministry(country_code="PH", name=f"Office {n}-{round_}"))
                    db.session.commit()
        except Exception as error:  # collected and asserted below
            errors.append(error)

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Ministry)) == 80


def test_migrations_upgrade_an_empty_database_and_match_the_models(tmp_path, app):
    # The `app` fixture gave this test its own empty database; drop what create_all made there.
    with app.app_context():
        db.drop_all()
        db.session.execute(text("DROP TABLE IF EXISTS alembic_version"))
        db.session.commit()
        upgrade()
        tables = set(inspect(db.engine).get_table_names())
        assert {"user_account", "ministry", "alembic_version"} <= tables
        with db.engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            differences = compare_metadata(context, db.metadata)
        assert differences == []
        db.session.execute(text("DROP TABLE alembic_version"))
        db.session.commit()


def test_postgres_urls_get_the_psycopg_driver(tmp_path):
    from app.database import database_uri

    assert database_uri("postgres://u@h/d", "/x") == "postgresql+psycopg://u@h/d"
    assert database_uri("postgresql://u@h/d", "/x") == "postgresql+psycopg://u@h/d"
    assert database_uri("", str(tmp_path)) == f"sqlite:///{tmp_path}/micic.sqlite3"


def test_default_database_is_a_file_in_instance(tmp_path, monkeypatch):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    settings = app_settings(tmp_path)
    del settings["SQLALCHEMY_DATABASE_URI"]
    app = create_app(settings)
    assert app.config["SQLALCHEMY_DATABASE_URI"] == f"sqlite:///{tmp_path}/instance/micic.sqlite3"


def test_page_views_do_not_hold_the_write_lock(app):
    """A GET request's open transaction must not make a concurrent writer wait."""
    if not is_sqlite(app):
        pytest.skip("SQLite locking; this run uses PostgreSQL (TEST_DATABASE_URL)")
    outcome: dict = {}

    def write_while_page_is_open() -> None:
        with app.app_context():
            started = time.perf_counter()
            db.session.add(Ministry(country_code="UZ", name="Written meanwhile"))
            db.session.commit()
            outcome["seconds"] = time.perf_counter() - started

    with app.test_request_context("/", method="GET"):
        db.session.scalar(select(func.count()).select_from(Ministry))  # transaction now open
        writer = threading.Thread(target=write_while_page_is_open)
        writer.start()
        writer.join(timeout=10)
        db.session.rollback()
    assert outcome["seconds"] < 1.0


def test_form_posts_take_the_write_lock_up_front(app):
    if not is_sqlite(app):
        pytest.skip("SQLite locking; this run uses PostgreSQL (TEST_DATABASE_URL)")
    statements: list[str] = []
    with app.app_context():
        engine = db.engine

    def record(_conn, _cursor, statement, *_args):
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", record)
    try:
        with app.test_request_context("/", method="POST"):
            db.session.scalar(select(func.count()).select_from(Ministry))
            db.session.rollback()
        with app.test_request_context("/", method="GET"):
            db.session.scalar(select(func.count()).select_from(Ministry))
            db.session.rollback()
    finally:
        event.remove(engine, "before_cursor_execute", record)
    begins = [s for s in statements if s.startswith("BEGIN")]
    assert begins == ["BEGIN IMMEDIATE", "BEGIN"]


REBUILD_MIGRATION = """
from alembic import op
import sqlalchemy as sa

revision = "zz_test_rebuild"
down_revision = "{head}"
branch_labels = None
depends_on = None


def upgrade():
    # On SQLite, force the copy-and-drop rebuild that foreign keys would break.
    recreate = "always" if op.get_bind().dialect.name == "sqlite" else "auto"
    with op.batch_alter_table("ministry", recreate=recreate) as batch:
        batch.add_column(sa.Column("note", sa.String(50), nullable=True))


def downgrade():
    pass
"""


def test_a_migration_that_rebuilds_a_table_keeps_rows_that_point_at_it(app, tmp_path):
    """SQLite batch migrations copy and drop tables; with users pointing at ministries that must still work."""
    import shutil
    from pathlib import Path

    from alembic.script import ScriptDirectory

    from app.models import User

    migrations = tmp_path / "migrations"
    shutil.copytree(Path(__file__).resolve().parent.parent / "migrations", migrations)
    with app.app_context():
        config = app.extensions["migrate"].migrate.get_config(str(migrations))
        head = ScriptDirectory.from_config(config).get_current_head()
    (migrations / "versions" / "zz_test_rebuild.py").write_text(REBUILD_MIGRATION.format(head=head))
    with app.app_context():
        db.drop_all()
        db.session.execute(text("DROP TABLE IF EXISTS alembic_version"))
        db.session.commit()
        upgrade(directory=str(migrations), revision=head)
        ministry = Ministry(country_code="PH", name="Department of Foreign Affairs")
        db.session.add(ministry)
        db.session.flush()
        db.session.add(User(email="a@gov.example", password_hash="x", full_name="A", ministry_id=ministry.id))
        db.session.commit()
        upgrade(directory=str(migrations))
        assert "note" in {c["name"] for c in inspect(db.engine).get_columns("ministry")}
        assert db.session.scalar(select(User.ministry_id)) == ministry.id
        if is_sqlite(app):
            assert db.session.execute(text("PRAGMA foreign_keys")).scalar() == 1
        db.session.execute(text("DROP TABLE alembic_version"))
        db.session.commit()
        db.drop_all()


def test_a_page_view_cannot_write(app):
    """GET requests are read-only at the database level, so a write slipped into a view fails in tests."""
    if not is_sqlite(app):
        pytest.skip("SQLite's query_only; this run uses PostgreSQL (TEST_DATABASE_URL)")
    from sqlalchemy.exc import OperationalError

    with app.test_request_context("/", method="GET"):
        db.session.add(Ministry(country_code="PH", name="Written by a GET"))
        with pytest.raises(OperationalError, match="readonly"):
            db.session.commit()
        db.session.rollback()
    with app.test_request_context("/", method="POST"):
        db.session.add(Ministry(country_code="PH", name="Written by a POST"))
        db.session.commit()
