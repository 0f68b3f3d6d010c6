"""Account administration: find users, change roles, deactivate and reactivate."""

from flask_babel import lazy_gettext as _l
from sqlalchemy import or_, select

from app.extensions import db
from app.models import Ministry, MinistryStatus, Role, User


class AdminError(ValueError):
    """An administrative change that is refused; the message is shown to the admin."""


def user_query(search: str = "", role: Role | None = None, ministry_id: int | None = None):
    """Users matching a name/e-mail search and filters, newest first (a select to paginate)."""
    query = select(User).order_by(User.created_at.desc(), User.id.desc())
    search = search.strip()
    if search:
        pattern = "%" + search.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        query = query.where(or_(User.email.ilike(pattern, escape="\\"), User.full_name.ilike(pattern, escape="\\")))
    if role is not None:
        query = query.where(User.role == role)
    if ministry_id is not None:
        query = query.where(User.ministry_id == ministry_id)
    return query


def change_role(admin: User, user: User, role: Role, ministry_id: int | None) -> bool:
    """Give a user a role (a focal point needs a ministry); True when the role changed and their sessions ended."""
    if user.id == admin.id and role != Role.ADMIN:
        raise AdminError(_l("You cannot remove your own administrator role; ask another administrator."))
    if role == Role.FOCAL_POINT:
        ministry = db.session.get(Ministry, ministry_id) if ministry_id else None
        if ministry is None or ministry.status != MinistryStatus.APPROVED:
            raise AdminError(_l("A focal point must be bound to an approved ministry: choose one."))
        user.ministry = ministry
        user.country_code = ministry.country_code
    changed = user.role != role
    if changed:
        user.role = role
        user.rotate_session_token()
    db.session.flush()
    return changed


def set_active(admin: User, user: User, active: bool) -> None:
    """Deactivate (logging the user out everywhere) or reactivate an account; nothing is deleted."""
    if user.id == admin.id and not active:
        raise AdminError(_l("You cannot deactivate your own account."))
    user.active = active
    if not active:
        user.rotate_session_token()
    db.session.flush()
