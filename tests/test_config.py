import os
import signal
import socket
import stat
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from app import create_app
from app.auth.passwords import hasher_from_config
from app.config import DefaultConfig

REPO = Path(__file__).resolve().parent.parent


def clean_env(monkeypatch, instance: Path) -> None:
    for name in ("SECRET_KEY", "DATABASE_URL", "REDIS_URL", "BASE_URL", "MAIL_SERVER", "ADMIN_EMAIL", "ADMIN_PASSWORD"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("MICIC_INSTANCE_PATH", str(instance))


def test_secret_key_is_generated_once_into_instance_with_mode_600(tmp_path, monkeypatch):
    clean_env(monkeypatch, tmp_path)
    first = create_app()
    key_file = tmp_path / "secret_key"
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert len(first.config["SECRET_KEY"]) >= 64
    assert create_app().config["SECRET_KEY"] == first.config["SECRET_KEY"]


def test_secret_key_from_the_environment_wins(tmp_path, monkeypatch):
    clean_env(monkeypatch, tmp_path)
    monkeypatch.setenv("SECRET_KEY", "from-the-environment")
    assert create_app().config["SECRET_KEY"] == "from-the-environment"
    assert not (tmp_path / "secret_key").exists()


def test_instance_config_then_environment(tmp_path, monkeypatch):
    clean_env(monkeypatch, tmp_path)
    (tmp_path / "config.py").write_text('BASE_URL = "https://from-file.example"\nMAIL_SERVER = "smtp.file.example"\n')
    monkeypatch.setenv("BASE_URL", "https://from-env.example")
    monkeypatch.setenv("MAIL_PORT", "2525")
    monkeypatch.setenv("REDIS_URL", "redis://127.0.0.1:6379/3")
    app = create_app()
    assert app.config["BASE_URL"] == "https://from-env.example"
    assert app.config["MAIL_SERVER"] == "smtp.file.example"
    assert app.config["MAIL_PORT"] == 2525
    assert app.config["RATELIMIT_STORAGE_URI"] == "redis://127.0.0.1:6379/3"
    assert app.config["SESSION_COOKIE_SECURE"] is True


def test_default_password_hashing_is_above_the_owasp_minimum():
    hasher = hasher_from_config(vars(DefaultConfig))
    # OWASP: argon2id with at least 19 MiB memory, 2 iterations, 1 degree of parallelism.
    assert hasher.type.name == "ID"
    assert hasher.memory_cost >= 19 * 1024
    assert hasher.time_cost >= 2
    assert hasher.hash("x").startswith("$argon2id$")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_run_py_prepares_the_database_serves_and_stops_on_ctrl_c(tmp_path):
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "DATABASE_URL", "REDIS_URL")}
    env |= {
        "MICIC_INSTANCE_PATH": str(tmp_path),
        "ADMIN_EMAIL": "chief@iom.example",
        "ADMIN_PASSWORD": "amber-compass-meadow-58",
        "PYTHONUNBUFFERED": "1",
    }
    process = subprocess.Popen(
        [sys.executable, "run.py", "--port", str(port)],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as response:
                    assert response.status == 200
                    break
            except OSError:
                assert process.poll() is None, process.stdout.read()
                assert time.monotonic() < deadline, "run.py did not start serving within 60 s"
                time.sleep(0.3)
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/auth/register", timeout=5) as response:
            page = response.read().decode()
        assert "Department of Foreign Affairs" in page  # starter ministries are there
        assert response.headers["Server"] == "micic"  # waitress, not Werkzeug's development server
    finally:
        process.send_signal(signal.SIGINT)
        output, _ = process.communicate(timeout=30)
    assert process.returncode == 0, output
    assert "Created the first administrator: chief@iom.example" in output
    assert "Stopped." in output
    assert (tmp_path / "micic.sqlite3").exists()
