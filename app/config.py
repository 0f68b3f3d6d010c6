"""Every setting the platform reads, each with a safe default and the reason for it."""

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = ("en", "fr", "es", "ar", "ru", "zh")
RTL_LANGUAGES = frozenset({"ar"})

# Settings that may come from the environment, with how to read each one.
ENV_SETTINGS = {
    "SECRET_KEY": str,
    "DATABASE_URL": str,
    "REDIS_URL": str,
    "BASE_URL": str,
    "MAIL_SERVER": str,
    "MAIL_PORT": int,
    "MAIL_USERNAME": str,
    "MAIL_PASSWORD": str,
    "MAIL_USE_TLS": lambda v: v.lower() in {"1", "true", "yes", "on"},
    "MAIL_FROM": str,
    "PROXY_FIX_X_FOR": int,
    "PASSWORD_RESET_MAX_AGE": int,
    "ADMIN_EMAIL": str,
    "ADMIN_PASSWORD": str,
}


class DefaultConfig:
    # Public address used in e-mails and links given to people; https here turns on Secure cookies.
    BASE_URL = "http://127.0.0.1:5000"
    # Empty means "SQLite file in instance/"; set a postgresql+psycopg:// URL for several servers.
    DATABASE_URL = ""
    # Shared rate-limit storage for several worker processes; empty means per-process memory.
    REDIS_URL = ""
    # Outgoing mail for password resets; empty MAIL_SERVER means admins hand out reset links.
    MAIL_SERVER = ""
    MAIL_PORT = 587
    MAIL_USERNAME = ""
    MAIL_PASSWORD = ""
    MAIL_USE_TLS = True
    MAIL_FROM = "micic-learning@localhost"
    # Number of trusted proxies setting X-Forwarded-For/-Proto; 0 when served directly.
    PROXY_FIX_X_FOR = 0
    # A password reset link is valid for one hour.
    PASSWORD_RESET_MAX_AGE = 3600
    # First administrator created by `python run.py` when the database has none.
    ADMIN_EMAIL = ""
    ADMIN_PASSWORD = ""

    LANGUAGES = LANGUAGES
    BABEL_DEFAULT_LOCALE = "en"
    BABEL_TRANSLATION_DIRECTORIES = str(REPO_ROOT / "translations")
    # Uploads (course zips, user imports) are the largest requests; 16 MiB is plenty.
    MAX_CONTENT_LENGTH = 16 * 1024 * 1024
    SQLALCHEMY_ENGINE_OPTIONS: dict = {"pool_pre_ping": True}
    # Cookies unreadable by scripts and not sent on cross-site subrequests.
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_DURATION = 60 * 60 * 24 * 30
    # CSRF tokens last as long as the session, so a long module read does not lose a quiz answer.
    WTF_CSRF_TIME_LIMIT = None
    # Login throttling: failures per account, and attempts per client address.
    # Only failed attempts count. A workshop of 30 officials often shares one address, so the
    # per-address limit is generous; the per-account one is what stops guessing.
    LOGIN_LIMIT_PER_ACCOUNT = "5 per 15 minutes"
    LOGIN_LIMIT_PER_CLIENT = "100 per 15 minutes"
    # Reset e-mails and registrations per client address.
    RESET_REQUEST_LIMIT = "20 per hour"
    REGISTRATION_LIMIT = "60 per hour"
    # If Redis is unreachable, limits fall back to per-process memory instead of failing logins.
    RATELIMIT_IN_MEMORY_FALLBACK_ENABLED = True
    RATELIMIT_HEADERS_ENABLED = True
    RATELIMIT_KEY_PREFIX = "micic"
    # argon2id at OWASP's recommended minimum (19 MiB, 2 passes, 1 lane): a room of 30 officials
    # logging in at once stays within a small server's memory (8 threads x 19 MiB).
    ARGON2_TIME_COST = 2
    ARGON2_MEMORY_COST = 19 * 1024
    ARGON2_PARALLELISM = 1
    ADMIN_PAGE_SIZE = 25
    # gzip (and brotli where browsers accept it) for pages, CSS and JS; pictures are compressed already.
    COMPRESS_MIMETYPES = ["text/html", "text/css", "application/javascript", "text/javascript", "application/json"]
    COMPRESS_MIN_SIZE = 500

    # Course content shown when a module is not translated into the learner's language, in order.
    CONTENT_FALLBACK = ("en",)
    # Show a translation made from an older source (with a notice) rather than falling back.
    SHOW_STALE_TRANSLATIONS = True
    # Seconds after a quiz's time limit during which answers still count (slow connections).
    QUIZ_GRACE_SECONDS = 30
    # Static files are linked with a content hash (static_url), so browsers may keep them a year.
    SEND_FILE_MAX_AGE_DEFAULT = 365 * 24 * 3600


def from_environment(environ=os.environ) -> dict:
    """Pick the known settings out of the environment, converted to their types."""
    found = {}
    for name, convert in ENV_SETTINGS.items():
        if environ.get(name):
            found[name] = convert(environ[name])
    return found
