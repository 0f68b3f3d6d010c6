"""Shared by the load benchmarks: an instance folder with the sample course, gunicorn serving it, HTTP learners.

Only 127.0.0.1 is ever contacted. Every learner's password is PASSWORD.
"""

import http.client
import os
import random
import re
import signal
import socket
import statistics
import subprocess
import sys
import time
import uuid
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlencode

from sqlalchemy import insert, select

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from app import create_app  # noqa: E402
from app.auth.passwords import hash_password, hasher_from_config  # noqa: E402
from app.authoring.publishing import publish_course  # noqa: E402
from app.content.sources import read_folder  # noqa: E402
from app.extensions import db  # noqa: E402
from app.learn import services as learn  # noqa: E402
from app.learn.views import policy  # noqa: E402
from app.models import Role, User  # noqa: E402
from app.quiz import services as quiz_services  # noqa: E402

SAMPLE = REPO / "tests" / "content" / "fixtures" / "courses" / "sample"
SLUG = "sample-course"
PASSWORD = "amber-compass-meadow-58"  # noqa: S105 (a throwaway benchmark database)
SECRET_KEY = "bench-" + uuid.uuid4().hex
HOST = "127.0.0.1"
ACCESS_LOG = "access.log"
CSRF = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"|name="csrf_token" value="([^"]+)"')


def build_app(folder: Path):
    """The app on the instance folder's SQLite file, the same file gunicorn will open."""
    return create_app(
        {
            "INSTANCE_PATH": str(folder),
            "SECRET_KEY": SECRET_KEY,
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder / 'micic.sqlite3'}",
        }
    )


def build(folder: Path, learners: int, quiz_key: str | None = None) -> tuple:
    """Tables, the sample course, `learners` enrolled learners (and an open attempt each on quiz_key).

    Returns (app, e-mail addresses, attempt ids or None).
    """
    app = build_app(folder)
    emails = [f"learner{n}@gov.example" for n in range(learners)]
    with app.app_context():
        db.create_all()
        password_hash = hash_password(hasher_from_config(app.config), PASSWORD)
        now = datetime.now(UTC)
        rows = [
            {
                "email": email,
                "password_hash": password_hash,
                "full_name": f"Learner {n}",
                "country_code": "PH",
                "position": "Consular officer",
                "preferred_language": "en",
                "role": Role.LEARNER,
                "active": True,
                "session_token": uuid.uuid4().hex,
                "created_at": now,
            }
            for n, email in enumerate(emails)
        ]
        db.session.execute(insert(User), rows)
        db.session.commit()
    attempts = [] if quiz_key else None
    # POST: the SQLite connection opens write transactions (page views are read-only).
    with app.test_request_context(method="POST"):
        publish_course(read_folder(SAMPLE))
        course = learn.course_by_slug(SLUG)
        rng = random.Random(1)
        for user in db.session.scalars(select(User).order_by(User.id)):
            enrolment = learn.enrol(user, course)
            if quiz_key:
                quiz, _notice = quiz_services.quiz_for(enrolment.course_version_id, quiz_key, policy())
                attempt = quiz_services.start_attempt(user, enrolment, quiz, quiz_services.now_utc(), rng)
                attempts.append(attempt.id)
        db.session.commit()
    with app.app_context():
        db.engine.dispose()
    return app, emails, attempts


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


@contextmanager
def gunicorn(folder: Path, workers: int = 2):
    """`gunicorn -w N "app:create_app()"` on the instance folder; yields the port once /healthz answers."""
    port = free_port()
    env = os.environ | {"MICIC_INSTANCE_PATH": str(folder), "SECRET_KEY": SECRET_KEY}
    command = [sys.executable, "-m", "gunicorn", "-w", str(workers), "-b", f"{HOST}:{port}"]
    # Each request's path, status and time spent in the server (microseconds): the server's share of a latency.
    command += ["--access-logfile", str(folder / ACCESS_LOG), "--access-logformat", "%(U)s %(s)s %(D)s"]
    command += ["app:create_app()"]
    log = open(folder / "gunicorn.log", "wb")  # noqa: SIM115 (closed below)
    server = subprocess.Popen(command, cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT)  # noqa: S603 (fixed command)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if Client(port).get("/healthz")[0] == 200:
                    break
            except OSError:
                pass
            if server.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("gunicorn did not start:\n" + (folder / "gunicorn.log").read_text())
            time.sleep(0.1)
        yield port
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log.close()


class Client:
    """One HTTP/1.1 connection (reopened when the server closes it) carrying one learner's session cookie."""

    def __init__(self, port: int):
        self.port = port
        self.connection = http.client.HTTPConnection(HOST, port, timeout=30)
        self.cookie = ""

    def request(self, method: str, path: str, body: dict | None = None, headers: dict | None = None):
        """(status, headers, body bytes); keeps the session cookie the server sets."""
        sent = {"Cookie": self.cookie} if self.cookie else {}
        sent |= headers or {}
        data = None
        if body is not None:
            data = urlencode(body, doseq=True)
            sent["Content-Type"] = "application/x-www-form-urlencoded"
        for retry in (True, False):
            try:
                self.connection.request(method, path, body=data, headers=sent)
                response = self.connection.getresponse()
                content = response.read()
                break
            except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError):
                # The server closed the kept-alive connection between two requests: send it again.
                self.connection.close()
                if not retry:
                    raise
        for name, value in response.getheaders():
            if name.lower() == "set-cookie" and value.startswith("session="):
                self.cookie = value.split(";", 1)[0]
        if response.getheader("Connection", "").lower() == "close":
            self.connection.close()
        return response.status, response, content

    def get(self, path: str, headers: dict | None = None):
        return self.request("GET", path, headers=headers)

    def post(self, path: str, body: dict, headers: dict | None = None):
        return self.request("POST", path, body=body, headers=headers)

    def csrf_token(self, path: str) -> str:
        status, _response, content = self.get(path)
        assert status == 200, (path, status)
        match = CSRF.search(content.decode())
        assert match, f"no CSRF token on {path}"
        return match.group(1) or match.group(2)

    def log_in(self, email: str) -> None:
        token = self.csrf_token("/auth/login")
        status, response, _ = self.post("/auth/login", {"email": email, "password": PASSWORD, "csrf_token": token})
        assert status == 302, f"login of {email} answered {status}"


class ServerTimes:
    """Seconds the server spent on each request, read from gunicorn's access log since the last mark."""

    def __init__(self, folder: Path):
        self.path = folder / ACCESS_LOG
        self.offset = 0

    def mark(self) -> None:
        self.offset = self.path.stat().st_size if self.path.exists() else 0

    def since_mark(self, path_prefix: str) -> list[float]:
        time.sleep(0.2)  # let the workers flush their last lines
        with open(self.path, "rb") as log:
            log.seek(self.offset)
            lines = log.read().decode().splitlines()
        return [int(line.split()[2]) / 1e6 for line in lines if line.startswith(path_prefix)]


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(fraction * len(ordered)) - 1))]


def summary(name: str, latencies: list[float], seconds: float) -> str:
    """One line: count, requests per second and latency percentiles in milliseconds."""
    ms = [value * 1000 for value in latencies]
    return (
        f"{name:34} {len(ms):7d} {len(ms) / seconds:9.0f}/s   p50 {statistics.median(ms):6.1f}   "
        f"p95 {percentile(ms, 0.95):6.1f}   p99 {percentile(ms, 0.99):6.1f}   max {max(ms):6.1f} ms"
    )
