"""Engine set-up per dialect: SQLite gets WAL, a busy timeout, foreign keys and up-front write locks."""

from pathlib import Path

from flask import has_request_context, request
from sqlalchemy import Engine, event

SQLITE_BUSY_TIMEOUT_MS = 15_000
# Requests with these methods never write (a rule of the house), so they need no write lock.
READ_ONLY_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def database_uri(configured: str, instance_path: str) -> str:
    """The SQLAlchemy URI: DATABASE_URL when set, else a SQLite file in the instance folder."""
    if configured:
        # Hosting platforms often hand out postgres:// URLs; psycopg 3 is the driver we ship.
        for prefix in ("postgres://", "postgresql://"):
            if configured.startswith(prefix):
                return "postgresql+psycopg://" + configured[len(prefix) :]
        return configured
    return "sqlite:///" + str(Path(instance_path) / "micic.sqlite3")


def _unicode_lower(value):
    return value.lower() if isinstance(value, str) else value


def configure_engine(engine: Engine) -> None:
    """Attach the SQLite connection rules; other dialects need nothing here."""
    if engine.dialect.name != "sqlite":
        return

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        # Take transaction control from pysqlite so the "begin" hook below decides how to begin.
        dbapi_connection.isolation_level = None
        # SQLite's lower() folds ASCII only; case-insensitive search (ilike) must find "дилшод"
        # and "ΑΘΗΝΑ" as PostgreSQL does.
        dbapi_connection.create_function("lower", 1, _unicode_lower, deterministic=True)
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys = ON")
        if engine.url.database not in (None, "", ":memory:"):
            cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection):
        # A deferred transaction that reads and then writes fails with "database is locked" when
        # another writer got in between; taking the write lock up front makes writers queue
        # behind busy_timeout instead. Page views (GET) only read, and WAL lets readers run
        # beside a writer, so they begin deferred and never queue; so does other read-only work
        # that asks for it with execution_options(sqlite_deferred=True), such as streamed exports.
        read_only = connection.get_execution_options().get("sqlite_deferred") or (
            has_request_context() and request.method in READ_ONLY_METHODS
        )
        # query_only makes a write in a page view fail loudly in tests instead of racing in production.
        connection.exec_driver_sql(f"PRAGMA query_only = {1 if read_only else 0}")
        connection.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")
