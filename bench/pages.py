"""Server-side time and SQL queries per page, on a database with many accounts.

Run: python bench/pages.py [--users 2000] [--rounds 200]
Prints median and 95th-percentile milliseconds and the number of SQL statements for each page.
"""

import argparse
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import event, insert

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app import create_app  # noqa: E402
from app.auth.passwords import hash_password, hasher_from_config  # noqa: E402
from app.extensions import db  # noqa: E402
from app.ministries import ensure_starter_ministries  # noqa: E402
from app.models import Ministry, Role, User  # noqa: E402

ADMIN_PASSWORD = "amber-compass-meadow-58"  # noqa: S105 (a throwaway benchmark database)


def build(folder: Path, users: int):
    app = create_app(
        {
            "INSTANCE_PATH": str(folder),
            "SECRET_KEY": "bench",
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder / 'bench.sqlite3'}",
            "RATELIMIT_ENABLED": False,
            "WTF_CSRF_ENABLED": False,
        }
    )
    with app.app_context():
        db.create_all()
        ensure_starter_ministries()
        ministries = [m.id for m in db.session.scalars(db.select(Ministry))]
        password_hash = hash_password(hasher_from_config(app.config), ADMIN_PASSWORD)
        now = datetime.now(UTC)
        rows = [
            {
                "email": f"official{n}@gov.example",
                "password_hash": password_hash,
                "full_name": f"Official {n}",
                "country_code": "PH",
                "ministry_id": ministries[n % len(ministries)],
                "position": "Consular officer",
                "preferred_language": "en",
                "role": Role.ADMIN if n == 0 else Role.LEARNER,
                "active": True,
                "session_token": f"token-{n}",
                "created_at": now,
            }
            for n in range(users)
        ]
        db.session.execute(insert(User), rows)
        db.session.commit()
    return app


def measure(app, client, path: str, rounds: int) -> tuple[float, float, int]:
    statements = []
    with app.app_context():
        engine = db.engine

    def count(*_args):
        statements.append(1)

    timings = []
    for _ in range(rounds):
        statements.clear()
        event.listen(engine, "before_cursor_execute", count)
        started = time.perf_counter()
        response = client.get(path)
        timings.append((time.perf_counter() - started) * 1000)
        event.remove(engine, "before_cursor_execute", count)
        assert response.status_code == 200, (path, response.status_code)
    timings.sort()
    return statistics.median(timings), timings[int(len(timings) * 0.95) - 1], len(statements)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--users", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=200)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        app = build(Path(folder), args.users)
        client = app.test_client()
        print(f"{args.users} accounts, {args.rounds} requests per page (SQLite, Flask test client, one thread)")
        print(f"{'page':32} {'median ms':>10} {'p95 ms':>8} {'SQL':>5}")
        pages = ["/", "/auth/login", "/auth/register", "/healthz"]
        for path in pages:
            median, p95, queries = measure(app, client, path, args.rounds)
            print(f"{path:32} {median:10.2f} {p95:8.2f} {queries:5d}")
        login = client.post("/auth/login", data={"email": "official0@gov.example", "password": ADMIN_PASSWORD})
        assert login.status_code == 302, "admin login failed"
        for path in [
            "/auth/profile",
            "/admin/users",
            "/admin/users?page=40",
            "/admin/users?q=official1",
            "/admin/ministries",
        ]:
            median, p95, queries = measure(app, client, path, args.rounds)
            print(f"{path:32} {median:10.2f} {p95:8.2f} {queries:5d}")
        with app.app_context():
            db.engine.dispose()


if __name__ == "__main__":
    main()
