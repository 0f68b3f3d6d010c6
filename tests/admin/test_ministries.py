"""Admin ministries page: add, rename, approve and merge ministries, grouped by country."""

import re

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import Ministry, MinistryStatus, Role, User
from tests.conftest import post_form, reload

PAGE = "/admin/ministries"


@pytest.fixture
def admin(login_as):
    return login_as(Role.ADMIN)


def section(html: str, labelled_by: str) -> str:
    """The panel headed by the given id (a country's table, or the pending list)."""
    match = re.search(rf'<section class="panel" aria-labelledby="{labelled_by}">(.*?)</section>', html, re.S)
    assert match, f"no section {labelled_by}"
    return match.group(1)


def row(html: str, name: str) -> str:
    """The table row of the ministry with that name."""
    rows = [r for r in re.findall(r"<tr>.*?</tr>", html, re.S) if f"<bdi>{name}</bdi>" in r]
    assert len(rows) == 1, f"{len(rows)} rows for {name}"
    return rows[0]


def submit(client, url, data=None):
    """Post a form of the ministries page and return the page it leads back to."""
    response = post_form(client, url, data, token_from=PAGE, follow_redirects=True)
    assert response.status_code == 200
    return response.get_data(as_text=True)


def all_ministries(app) -> list[tuple[str, str, str]]:
    with app.app_context():
        rows = db.session.execute(select(Ministry.country_code, Ministry.name, Ministry.status).order_by(Ministry.id))
        return [(code, name, str(status)) for code, name, status in rows]


def people(app, ministry_id) -> list[int]:
    with app.app_context():
        return list(db.session.scalars(select(User.id).where(User.ministry_id == ministry_id).order_by(User.id)))


# Adding


def test_added_ministry_appears_under_its_country(app, client, admin):
    page = submit(client, PAGE, {"country": "UZ", "name": "  Ministry of   Labour "})
    assert "Ministry added." in page
    uzbekistan = section(page, "country-UZ")
    assert "<h2" in uzbekistan and "Uzbekistan" in uzbekistan
    assert "<bdi>Ministry of Labour</bdi>" in uzbekistan
    assert all_ministries(app) == [("UZ", "Ministry of Labour", "approved")]


def test_ministries_are_listed_by_country_name(client, admin, make_ministry):
    for code in ("UZ", "CN", "PH"):
        make_ministry(code, "Ministry of Foreign Affairs")
    page = client.get(PAGE).get_data(as_text=True)
    order = [page.index(f'aria-labelledby="country-{code}"') for code in ("CN", "PH", "UZ")]
    assert order == sorted(order)  # China, Philippines, Uzbekistan


@pytest.mark.parametrize(
    ("existing", "typed"),
    [
        ("Department of Foreign Affairs", "department of  FOREIGN affairs"),
        ("Министерство иностранных дел", "МИНИСТЕРСТВО иностранных дел"),
        ("Министерство иностранных дел", "Министерство иностранных дел"),
    ],
    ids=["latin", "cyrillic-case", "cyrillic-same"],
)
def test_duplicate_name_in_the_same_country_is_refused(app, client, admin, make_ministry, existing, typed):
    make_ministry("RU", existing)
    page = submit(client, PAGE, {"country": "RU", "name": typed})
    assert "This country already has a ministry with that name." in page
    assert all_ministries(app) == [("RU", existing, "approved")]


def test_same_name_in_another_country_is_fine(app, client, admin, make_ministry):
    make_ministry("CN", "Ministry of Foreign Affairs")
    page = submit(client, PAGE, {"country": "UZ", "name": "Ministry of Foreign Affairs"})
    assert "Ministry added." in page
    assert "<bdi>Ministry of Foreign Affairs</bdi>" in section(page, "country-UZ")
    assert len(all_ministries(app)) == 2


@pytest.mark.parametrize("data", [{"country": "UZ", "name": ""}, {"country": "UZ", "name": "   "}, {"name": "X"}])
def test_empty_name_or_country_is_refused(app, client, admin, data):
    page = submit(client, PAGE, data)
    assert "Choose a country and type a name." in page
    assert all_ministries(app) == []


# Renaming


def test_rename(app, client, admin, make_ministry):
    ministry = make_ministry("PH", "Dept. of Foreign Affairs")
    page = submit(client, f"{PAGE}/{ministry.id}/rename", {"name": "Department of Foreign Affairs"})
    assert "Ministry renamed." in page
    assert "<bdi>Department of Foreign Affairs</bdi>" in section(page, "country-PH")
    assert reload(app, Ministry, ministry.id).name == "Department of Foreign Affairs"


def test_rename_onto_another_ministrys_name_is_refused(app, client, admin, make_ministry):
    ministry = make_ministry("PH", "Dept. of Foreign Affairs")
    make_ministry("PH", "Department of Foreign Affairs")
    page = submit(client, f"{PAGE}/{ministry.id}/rename", {"name": "DEPARTMENT of foreign affairs"})
    assert "This country already has a ministry with that name." in page
    assert reload(app, Ministry, ministry.id).name == "Dept. of Foreign Affairs"


def test_rename_to_an_empty_name_changes_nothing(app, client, admin, make_ministry):
    ministry = make_ministry("PH", "Department of Foreign Affairs")
    page = submit(client, f"{PAGE}/{ministry.id}/rename", {"name": "  "})
    assert "Type a name." in page
    assert reload(app, Ministry, ministry.id).name == "Department of Foreign Affairs"


# Approving


def test_approved_ministry_is_offered_at_registration(app, client, admin, make_ministry, make_user):
    pending = make_ministry("PH", "Bureau of Immigration", status=MinistryStatus.PENDING)
    make_user(ministry=pending)
    option = f'<option value="{pending.id}">Bureau of Immigration</option>'
    visitor = app.test_client()
    assert option not in visitor.get("/auth/register").get_data(as_text=True)

    page = client.get(PAGE).get_data(as_text=True)
    awaiting = section(page, "pending-title")
    assert "<bdi>Bureau of Immigration</bdi>" in awaiting and "1 person" in awaiting

    page = submit(client, f"{PAGE}/{pending.id}/approve")
    assert "Ministry approved." in page
    assert "Nothing to review." in section(page, "pending-title")
    assert reload(app, Ministry, pending.id).status == MinistryStatus.APPROVED
    assert option in visitor.get("/auth/register").get_data(as_text=True)


# Merging


def test_merge_moves_people_and_deletes_the_duplicate(app, client, admin, make_ministry, make_user):
    keep = make_ministry("PH", "Department of Foreign Affairs")
    duplicate = make_ministry("PH", "Dept. of Foreign Affairs", status=MinistryStatus.PENDING)
    moved = [make_user(ministry=duplicate).id, make_user(ministry=duplicate, role=Role.FOCAL_POINT).id]
    stayed = make_user(ministry=keep).id
    assert "<td>2</td>" in row(client.get(PAGE).get_data(as_text=True), "Dept. of Foreign Affairs")

    page = submit(client, f"{PAGE}/{duplicate.id}/merge", {"keep": keep.id, "confirm": "y"})
    assert "Ministries merged; 2 people moved to Department of Foreign Affairs." in page
    assert "Dept. of Foreign Affairs" not in page
    assert "<td>3</td>" in row(section(page, "country-PH"), "Department of Foreign Affairs")
    assert reload(app, Ministry, duplicate.id) is None
    assert people(app, keep.id) == sorted([*moved, stayed])


def test_merge_across_countries_is_refused(app, client, admin, make_ministry, make_user):
    ph = make_ministry("PH", "Department of Foreign Affairs")
    us = make_ministry("US", "Department of State")
    member = make_user(ministry=ph).id
    page = submit(client, f"{PAGE}/{ph.id}/merge", {"keep": us.id, "confirm": "y"})
    assert "Only ministries of the same country can be merged." in page
    assert reload(app, Ministry, ph.id) is not None
    assert people(app, ph.id) == [member] and people(app, us.id) == []


def test_merge_into_itself_is_refused(app, client, admin, make_ministry, make_user):
    ministry = make_ministry("PH", "Department of Foreign Affairs")
    make_ministry("PH", "Bureau of Immigration")
    member = make_user(ministry=ministry).id
    page = submit(client, f"{PAGE}/{ministry.id}/merge", {"keep": ministry.id, "confirm": "y"})
    assert "Choose two different ministries to merge." in page
    assert reload(app, Ministry, ministry.id) is not None
    assert people(app, ministry.id) == [member]


def test_merge_without_a_target_is_a_bad_request(app, client, admin, make_ministry):
    ministry = make_ministry("PH", "Department of Foreign Affairs")
    response = post_form(client, f"{PAGE}/{ministry.id}/merge", {"keep": "not-a-number"})
    assert response.status_code == 400
    assert reload(app, Ministry, ministry.id) is not None


def test_merge_form_offers_only_ministries_of_the_same_country(client, admin, make_ministry):
    keep = make_ministry("PH", "Department of Foreign Affairs")
    duplicate = make_ministry("PH", "Dept. of Foreign Affairs")
    lonely = make_ministry("US", "Department of State")
    page = client.get(PAGE).get_data(as_text=True)
    duplicate_row = row(page, "Dept. of Foreign Affairs")
    assert f'<option value="{keep.id}">' in duplicate_row
    assert f'<option value="{lonely.id}">' not in duplicate_row
    assert f'<option value="{duplicate.id}">' not in duplicate_row
    assert "Merge" not in row(page, "Department of State").split("</bdi>", 1)[1]


def test_merge_needs_the_confirmation_box(app, client, admin, make_ministry, make_user):
    keep = make_ministry("PH", "Department of Foreign Affairs")
    duplicate = make_ministry("PH", "Dept. of Foreign Affairs")
    page = submit(client, f"{PAGE}/{duplicate.id}/merge", {"keep": keep.id})
    assert "Tick the box to confirm" in page
    assert reload(app, Ministry, duplicate.id) is not None


def test_merge_into_a_pending_entry_is_refused(app, client, admin, make_ministry):
    approved = make_ministry("PH", "Department of Foreign Affairs")
    pending = make_ministry("PH", "Typed by a learner", status=MinistryStatus.PENDING)
    page = submit(client, f"{PAGE}/{approved.id}/merge", {"keep": pending.id, "confirm": "y"})
    assert "Merge into an approved ministry." in page
    assert reload(app, Ministry, approved.id) is not None
