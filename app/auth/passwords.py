"""Password hashing (argon2id) and the rules a new password must meet."""

import re

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask_babel import lazy_gettext as _l
from zxcvbn import zxcvbn

MIN_LENGTH = 10
MAX_LENGTH = 128
# zxcvbn scores 0-4; below 2 the password is among common passwords, words or simple patterns.
MIN_STRENGTH = 2


def hasher_from_config(config) -> PasswordHasher:
    return PasswordHasher(
        time_cost=config["ARGON2_TIME_COST"],
        memory_cost=config["ARGON2_MEMORY_COST"],
        parallelism=config["ARGON2_PARALLELISM"],
    )


def hash_password(hasher: PasswordHasher, password: str) -> str:
    return hasher.hash(password)


def verify_password(hasher: PasswordHasher, stored_hash: str, password: str) -> bool:
    try:
        return hasher.verify(stored_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def password_problems(password: str, personal: tuple[str, ...] = ()) -> list[str]:
    """Why a password is refused (empty when it is acceptable); personal = email, name..."""
    if len(password) < MIN_LENGTH:
        return [str(_l("Use at least %(n)d characters.", n=MIN_LENGTH))]
    if len(password) > MAX_LENGTH:
        return [str(_l("Use at most %(n)d characters.", n=MAX_LENGTH))]
    inputs = [part for value in personal for part in re.split(r"[\s@._-]+", value.casefold()) if len(part) >= 3]
    lowered = password.casefold()
    if any(len(part) >= 4 and part in lowered for part in inputs):
        return [str(_l("Do not use your name or e-mail address in your password."))]
    # zxcvbn refuses input over 72 characters; the first 72 of a long passphrase say enough.
    result = zxcvbn(password[:72], user_inputs=inputs)
    if result["score"] < MIN_STRENGTH:
        return [str(_l("This password is too common or too easy to guess; try a short phrase of unrelated words."))]
    return []
