"""Engine set-up per dialect: SQLite gets WAL, a busy timeout, foreign keys and up-front write locks."""

from pathlib import Path

from sqlalchemy import Engine, event

SQLITE_BUSY_TIMEOUT_MS = 15_000


def database_uri(configured: str, instance_path: str) -> str:
    """The SQLAlchemy URI: DATABASE_URL when set, else a SQLite file in the instance folder."""
    if configured:
        # Hosting platforms often hand out postgres:// URLs; psycopg 3 is the driver we ship.
        for prefix in ("postgres://", "postgresql://"):
            if configured.startswith(prefix):
                return "postgresql+psycopg://" + configured[len(prefix) :]
        return configured
    return "sqlite:///" + str(Path(instance_path) / "micic.sqlite3")


def configure_engine(engine: Engine) -> None:
    """Attach the SQLite connection rules; other dialects need nothing here."""
    if engine.dialect.name != "sqlite":
        return

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        # Take transaction control from pysqlite so the "begin" hook below decides how to begin.
        dbapi_connection.isolation_level = None
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
        # behind busy_timeout instead. Long read-only work (streamed exports) opts out with
        # execution_options(sqlite_deferred=True) so it never holds up other users.
        if connection.get_execution_options().get("sqlite_deferred"):
            connection.exec_driver_sql("BEGIN")
        else:
            connection.exec_driver_sql("BEGIN IMMEDIATE")
