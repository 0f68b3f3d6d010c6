"""Accounts: who an official is, where they work, what they may do, and their live session token."""

import enum
import secrets
from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import CheckConstraint, Enum, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.ministry import Ministry
from app.models.timestamps import UTCDateTime, utcnow


class Role(enum.StrEnum):
    LEARNER = "learner"
    TRAINER = "trainer"
    # Bound to one ministry; sees only that ministry's people and reports.
    FOCAL_POINT = "focal_point"
    ADMIN = "admin"


def new_session_token() -> str:
    return secrets.token_urlsafe(32)


class User(UserMixin, db.Model):
    __tablename__ = "user_account"
    # A focal point's reports are scoped by ministry; without one a filter would match "no ministry".
    __table_args__ = (
        CheckConstraint("role <> 'focal_point' OR ministry_id IS NOT NULL", name="focal_point_has_ministry"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    # Stored lower-cased so "Ana@Gov.ph" and "ana@gov.ph" are one account.
    email: Mapped[str] = mapped_column(String(254), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    # Exactly as it should appear on a certificate, in any script.
    full_name: Mapped[str] = mapped_column(String(200))
    country_code: Mapped[str | None] = mapped_column(String(2))
    ministry_id: Mapped[int | None] = mapped_column(ForeignKey("ministry.id"), index=True)
    position: Mapped[str] = mapped_column(String(200), default="")
    preferred_language: Mapped[str] = mapped_column(String(8), default="en")
    role: Mapped[Role] = mapped_column(
        Enum(Role, native_enum=False, length=16, values_callable=lambda e: [m.value for m in e]),
        default=Role.LEARNER,
    )
    active: Mapped[bool] = mapped_column(default=True)
    # Part of every login cookie; replacing it logs out every copy of every cookie at once.
    session_token: Mapped[str] = mapped_column(String(64), default=new_session_token)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    ministry: Mapped[Ministry | None] = relationship(lazy="joined")

    @property
    def is_active(self) -> bool:
        return self.active

    def get_id(self) -> str:
        return f"{self.id}:{self.session_token}"

    def rotate_session_token(self) -> None:
        self.session_token = new_session_token()

    def __repr__(self) -> str:
        return f"<User {self.email} {self.role}>"
