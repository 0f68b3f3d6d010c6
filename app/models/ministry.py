"""Ministries and other organisations that officials belong to, grouped by country."""

import enum
from datetime import datetime

from sqlalchemy import Enum, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.extensions import db
from app.models.timestamps import UTCDateTime, utcnow


class MinistryStatus(enum.StrEnum):
    APPROVED = "approved"
    # Typed in by a learner under "other": usable by that learner, listed for others once approved.
    PENDING = "pending"


class Ministry(db.Model):
    __tablename__ = "ministry"
    __table_args__ = (UniqueConstraint("country_code", "name", name="uq_ministry_country_name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    country_code: Mapped[str] = mapped_column(String(2), index=True)
    name: Mapped[str] = mapped_column(String(200))
    status: Mapped[MinistryStatus] = mapped_column(
        Enum(MinistryStatus, native_enum=False, length=16, values_callable=lambda e: [m.value for m in e]),
        default=MinistryStatus.APPROVED,
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    def __repr__(self) -> str:
        return f"<Ministry {self.country_code} {self.name!r}>"
