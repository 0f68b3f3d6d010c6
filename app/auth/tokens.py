"""Signed, expiring, single-use password reset tokens."""

import hashlib

from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

SALT = "password-reset"


def _fingerprint(password_hash: str) -> str:
    # The token carries a digest of the current hash, so it dies as soon as the password changes.
    return hashlib.sha256(password_hash.encode()).hexdigest()[:16]


def make_reset_token(secret_key: str, user_id: int, password_hash: str) -> str:
    serializer = URLSafeTimedSerializer(secret_key, salt=SALT)
    return serializer.dumps({"u": user_id, "f": _fingerprint(password_hash)})


def read_reset_token(secret_key: str, token: str, max_age: int) -> tuple[int, str] | None:
    """(user id, fingerprint) when the token is genuine and fresh, else None."""
    serializer = URLSafeTimedSerializer(secret_key, salt=SALT)
    try:
        data = serializer.loads(token, max_age=max_age)
    except (BadSignature, SignatureExpired):
        return None
    if not isinstance(data, dict) or not isinstance(data.get("u"), int):
        return None
    return data["u"], str(data.get("f", ""))


def fingerprint_matches(password_hash: str, fingerprint: str) -> bool:
    return _fingerprint(password_hash) == fingerprint
