"""The shared tables, one module per domain; import models from here."""

from app.models.ministry import Ministry, MinistryStatus
from app.models.user import Role, User

__all__ = ["Ministry", "MinistryStatus", "Role", "User"]
