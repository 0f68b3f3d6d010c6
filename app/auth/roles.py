"""How each role is named to people."""

from flask_babel import lazy_gettext as _l

from app.models import Role

ROLE_LABELS = {
    Role.LEARNER: _l("Learner"),
    Role.TRAINER: _l("Trainer"),
    Role.FOCAL_POINT: _l("Ministry focal point"),
    Role.ADMIN: _l("Administrator"),
}


def role_label(role: Role) -> str:
    return str(ROLE_LABELS[role])
