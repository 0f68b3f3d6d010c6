"""Ministries by country: the lists officials pick from, and the admin's upkeep of them."""

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select, update

from app.extensions import db
from app.i18n import country_name, sort_key
from app.models import Ministry, MinistryStatus, User

# From the MICIC trainings run so far; admins add the rest in the admin pages.
STARTER_MINISTRIES = (
    ("CN", "Ministry of Foreign Affairs"),
    ("CN", "Ministry of Public Security"),
    ("CN", "Ministry of Civil Affairs"),
    ("UZ", "Ministry of Emergency Situations"),
    ("PH", "Department of Foreign Affairs"),
    ("US", "Department of State"),
)


class MinistryError(ValueError):
    """A ministry change that cannot be made; the message is shown to the admin."""


def clean_name(name: str) -> str:
    return " ".join(name.split())


def ensure_starter_ministries() -> int:
    """Add the starter ministries that are missing; returns how many were added."""
    added = 0
    for country_code, name in STARTER_MINISTRIES:
        if find_ministry(country_code, name) is None:
            db.session.add(Ministry(country_code=country_code, name=name, status=MinistryStatus.APPROVED))
            added += 1
    db.session.flush()
    return added


def find_ministry(country_code: str, name: str) -> Ministry | None:
    """The ministry of that country with that name, ignoring case and extra spaces."""
    # Compared in Python: SQL lower() folds only ASCII on SQLite (and under PostgreSQL's C locale),
    # so "МИД" and "мид", or even a name with capitals and its exact copy, would not match there.
    wanted = clean_name(name).casefold()
    for ministry in db.session.scalars(select(Ministry).where(Ministry.country_code == country_code)):
        if clean_name(ministry.name).casefold() == wanted:
            return ministry
    return None


def group_by_country(ministries, locale_code: str) -> list[tuple[str, list[Ministry]]]:
    """(country code, ministries) pairs, countries and ministries sorted for the reader's language."""
    grouped: dict[str, list[Ministry]] = {}
    for ministry in ministries:
        grouped.setdefault(ministry.country_code, []).append(ministry)
    for members in grouped.values():
        members.sort(key=lambda m: sort_key(m.name))
    return sorted(grouped.items(), key=lambda item: sort_key(country_name(item[0], locale_code)))


def ministry_groups(locale_code: str, include_pending_id: int | None = None) -> list[tuple[str, list[Ministry]]]:
    """The approved ministries people can pick (plus one pending entry, the user's own, if given)."""
    condition = Ministry.status == MinistryStatus.APPROVED
    if include_pending_id is not None:
        condition = condition | (Ministry.id == include_pending_id)
    return group_by_country(db.session.scalars(select(Ministry).where(condition)), locale_code)


def all_ministry_groups(locale_code: str) -> list[tuple[str, list[Ministry]]]:
    """Every ministry, pending ones included, for the admin pages."""
    return group_by_country(db.session.scalars(select(Ministry)), locale_code)


def pending_ministries() -> list[Ministry]:
    """Entries typed in under "other", oldest first, for an admin to approve or merge."""
    query = select(Ministry).where(Ministry.status == MinistryStatus.PENDING).order_by(Ministry.created_at, Ministry.id)
    return list(db.session.scalars(query))


def ministry_for_registration(
    country_code: str, ministry_id: int | None, other_name: str, own_pending_id: int | None = None
) -> Ministry:
    """The chosen ministry of that country, or the typed "other" one (pending an admin's review).

    A pending ministry can be chosen only by the person who typed it (own_pending_id).
    """
    if ministry_id is not None:
        ministry = db.session.get(Ministry, ministry_id)
        if ministry is None or ministry.country_code != country_code:
            raise MinistryError(_l("Choose a ministry of the selected country."))
        if ministry.status == MinistryStatus.PENDING and ministry.id != own_pending_id:
            raise MinistryError(_l("Choose a ministry of the selected country."))
        return ministry
    name = clean_name(other_name)
    if not name:
        raise MinistryError(_l("Type the name of your ministry or organisation."))
    existing = find_ministry(country_code, name)
    if existing is not None:
        return existing
    ministry = Ministry(country_code=country_code, name=name, status=MinistryStatus.PENDING)
    db.session.add(ministry)
    db.session.flush()
    return ministry


def add_ministry(country_code: str, name: str) -> Ministry:
    name = clean_name(name)
    if not name:
        raise MinistryError(_l("Type a name."))
    if find_ministry(country_code, name) is not None:
        raise MinistryError(_l("This country already has a ministry with that name."))
    ministry = Ministry(country_code=country_code, name=name, status=MinistryStatus.APPROVED)
    db.session.add(ministry)
    db.session.flush()
    return ministry


def rename_ministry(ministry: Ministry, new_name: str) -> None:
    new_name = clean_name(new_name)
    if not new_name:
        raise MinistryError(_l("Type a name."))
    clash = find_ministry(ministry.country_code, new_name)
    if clash is not None and clash.id != ministry.id:
        raise MinistryError(_l("This country already has a ministry with that name."))
    ministry.name = new_name
    db.session.flush()


def approve_ministry(ministry: Ministry) -> None:
    ministry.status = MinistryStatus.APPROVED
    db.session.flush()


def merge_ministries(duplicate: Ministry, keep: Ministry) -> int:
    """Move everyone from the duplicate to the kept ministry, then delete it; returns people moved."""
    if duplicate.id == keep.id:
        raise MinistryError(_l("Choose two different ministries to merge."))
    if duplicate.country_code != keep.country_code:
        raise MinistryError(_l("Only ministries of the same country can be merged."))
    if keep.status != MinistryStatus.APPROVED:
        raise MinistryError(_l("Merge into an approved ministry."))
    moved = db.session.execute(
        update(User).where(User.ministry_id == duplicate.id).values(ministry_id=keep.id)
    ).rowcount
    db.session.delete(duplicate)
    db.session.flush()
    return moved


def member_counts() -> dict[int, int]:
    """Ministry id → number of accounts, in one query."""
    counts = select(User.ministry_id, func.count()).where(User.ministry_id.is_not(None)).group_by(User.ministry_id)
    return dict(db.session.execute(counts).all())
