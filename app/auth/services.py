"""Account services: register, authenticate, passwords, resets and profile changes."""

import unicodedata
from dataclasses import dataclass

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from app.auth import passwords, tokens
from app.extensions import db
from app.ministries import ministry_for_registration
from app.models import Role, User
from app.models.timestamps import utcnow
from app.models.user import new_session_token

EMAIL_TAKEN = _l("An account with this e-mail address already exists. Log in or reset your password.")


class AccountError(ValueError):
    """A change refused for a reason the user can act on; the message is shown as is."""


@dataclass(frozen=True)
class Profile:
    full_name: str
    country_code: str
    ministry_id: int | None
    ministry_other: str
    position: str
    preferred_language: str


# Format and isolation characters a name never needs; they can reverse how a name is displayed.
_INVISIBLE_CONTROLS = {
    "\u200e",
    "\u200f",
    "\u202a",
    "\u202b",
    "\u202c",
    "\u202d",
    "\u202e",
    "\u2066",
    "\u2067",
    "\u2068",
    "\u2069",
}


def normalize_email(email: str) -> str:
    return email.strip().lower()


def clean_full_name(name: str) -> str:
    """NFC, no control or bidi override characters, single spaces: the name as a certificate prints it."""
    name = unicodedata.normalize("NFC", name)
    kept = "".join(c for c in name if c not in _INVISIBLE_CONTROLS and unicodedata.category(c) != "Cc")
    return " ".join(kept.split())


def _hasher():
    return passwords.hasher_from_config(current_app.config)


def _check_new_password(password: str, email: str, full_name: str) -> None:
    problems = passwords.password_problems(password, (email, full_name))
    if problems:
        raise AccountError(problems[0])


def find_user_by_email(email: str) -> User | None:
    return db.session.scalar(select(User).where(User.email == normalize_email(email)))


def register_user(email: str, password: str, profile: Profile) -> User:
    """Create a learner account; raises AccountError for a taken e-mail or a weak password."""
    email = normalize_email(email)
    full_name = clean_full_name(profile.full_name)
    if find_user_by_email(email) is not None:
        raise AccountError(EMAIL_TAKEN)
    _check_new_password(password, email, full_name)
    user = User(email=email, password_hash=passwords.hash_password(_hasher(), password), role=Role.LEARNER)
    _apply_profile(user, profile)
    db.session.add(user)
    try:
        with db.session.begin_nested():
            db.session.flush()
    except IntegrityError:  # the same address registered a moment ago in another request
        raise AccountError(EMAIL_TAKEN) from None
    return user


def create_user(email: str, password: str, full_name: str, role: Role = Role.LEARNER, **fields) -> User:
    """Create an account directly (CLI, demo, first admin), with the same password rules."""
    email = normalize_email(email)
    full_name = clean_full_name(full_name)
    if find_user_by_email(email) is not None:
        raise AccountError(_l("An account with this e-mail address already exists."))
    if role == Role.FOCAL_POINT and fields.get("ministry") is None and fields.get("ministry_id") is None:
        raise AccountError(_l("A focal point must be bound to a ministry: choose one."))
    _check_new_password(password, email, full_name)
    user = User(
        email=email,
        full_name=full_name,
        role=role,
        password_hash=passwords.hash_password(_hasher(), password),
        **fields,
    )
    db.session.add(user)
    db.session.flush()
    return user


def _apply_profile(user: User, profile: Profile) -> None:
    full_name = clean_full_name(profile.full_name)
    if not full_name:
        raise AccountError(_l("Enter your full name as it should appear on your certificate."))
    ministry = ministry_for_registration(
        profile.country_code, profile.ministry_id, profile.ministry_other, own_pending_id=user.ministry_id
    )
    user.full_name = full_name
    user.country_code = profile.country_code
    user.ministry = ministry
    user.position = " ".join(profile.position.split())
    user.preferred_language = profile.preferred_language


def update_profile(user: User, profile: Profile) -> None:
    """Change name, country, ministry, post and language (e-mail and role are not the user's to change)."""
    if user.role == Role.FOCAL_POINT and profile.ministry_id != user.ministry_id:
        raise AccountError(_l("A focal point's ministry is set by an administrator."))
    _apply_profile(user, profile)
    db.session.flush()


def set_preferred_language(user: User, language: str) -> None:
    """Remember a language chosen with the switcher for the user's next visits."""
    user.preferred_language = language
    db.session.flush()


def authenticate(email: str, password: str) -> User | None:
    """The user whose e-mail and password match, else None (same work either way: no enumeration)."""
    hasher = _hasher()
    user = find_user_by_email(email)
    if user is None:
        # Hash anyway so an unknown e-mail costs as long as a wrong password.
        passwords.verify_password(hasher, _dummy_hash(hasher), password)
        return None
    if not passwords.verify_password(hasher, user.password_hash, password):
        return None
    if hasher.check_needs_rehash(user.password_hash):
        user.password_hash = passwords.hash_password(hasher, password)
    return user


_dummy_hashes: dict[tuple, str] = {}


def _dummy_hash(hasher) -> str:
    key = (hasher.time_cost, hasher.memory_cost, hasher.parallelism)
    if key not in _dummy_hashes:
        _dummy_hashes[key] = hasher.hash("not a real password")
    return _dummy_hashes[key]


def record_login(user: User) -> None:
    user.last_login_at = utcnow()
    db.session.flush()


def log_out_everywhere(user: User) -> None:
    """Invalidate every session and remember-me cookie of the user."""
    user.rotate_session_token()
    db.session.flush()


def set_password(user: User, new_password: str) -> None:
    """Replace the password, checking the rules; every other session is logged out.

    The row is changed only if its hash is still the one loaded, so two submissions of one reset
    link (or two tabs changing the password) cannot both succeed.
    """
    _check_new_password(new_password, user.email, user.full_name)
    new_hash = passwords.hash_password(_hasher(), new_password)
    new_token = new_session_token()
    changed = db.session.execute(
        update(User)
        .where(User.id == user.id, User.password_hash == user.password_hash)
        .values(password_hash=new_hash, session_token=new_token)
        .execution_options(synchronize_session=False)
    ).rowcount
    if changed != 1:
        raise AccountError(_l("The password was changed meanwhile; start again."))
    user.password_hash, user.session_token = new_hash, new_token


def change_password(user: User, current_password: str, new_password: str) -> None:
    if not passwords.verify_password(_hasher(), user.password_hash, current_password):
        raise AccountError(_l("Your current password is not correct."))
    set_password(user, new_password)


def reset_token_for(user: User) -> str:
    return tokens.make_reset_token(current_app.config["SECRET_KEY"], user.id, user.password_hash)


def user_for_reset_token(token: str) -> User | None:
    """The user a reset token was made for, if it is genuine, fresh and not used yet."""
    found = tokens.read_reset_token(
        current_app.config["SECRET_KEY"], token, current_app.config["PASSWORD_RESET_MAX_AGE"]
    )
    if found is None:
        return None
    user = db.session.get(User, found[0])
    if user is None or not user.active or not tokens.fingerprint_matches(user.password_hash, found[1]):
        return None
    return user
