"""Where to send a user after logging in: only paths on this site."""

from urllib.parse import urlsplit


def safe_next(target: str | None, fallback: str) -> str:
    """target when it is a same-site path ("/courses?x=1"), else fallback."""
    if not target or not target.startswith("/") or target.startswith(("//", "/\\")):
        return fallback
    if any(ord(c) < 32 or c == "\\" for c in target):
        return fallback
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return fallback
    return target
