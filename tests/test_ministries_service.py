"""The ministry services: finding, adding, renaming and merging ministries, and the lists officials pick from.

Each test opens a request context: a refusal's message is translated for its reader.
"""

import pytest
from sqlalchemy import func, select

from app import ministries
from app.extensions import db
from app.models import Ministry, MinistryStatus, Role, User


def count_ministries() -> int:
    return db.session.scalar(select(func.count()).select_from(Ministry))


def test_clean_name_keeps_single_spaces():
    assert ministries.clean_name("  Ministry   of\tLabour\n") == "Ministry of Labour"
    assert ministries.clean_name("   ") == ""


@pytest.mark.parametrize(
    ("stored", "typed"),
    [
        ("Department of Foreign Affairs", "department  of FOREIGN affairs "),
        ("Министерство иностранных дел", "министерство ИНОСТРАННЫХ  дел"),
        ("Министерство иностранных дел", "Министерство иностранных дел"),
        ("Ministère des Affaires étrangères", "MINISTÈRE DES AFFAIRES ÉTRANGÈRES"),
        ("外交部", " 外交部 "),
    ],
    ids=["latin", "cyrillic-case", "cyrillic-same", "accents", "chinese"],
)
def test_find_ministry_ignores_case_and_spaces_in_any_script(app, stored, typed):
    with app.test_request_context(method="POST"):
        db.session.add(Ministry(country_code="RU", name=stored))
        db.session.flush()
        found = ministries.find_ministry("RU", typed)
        assert found is not None and found.name == stored
        assert ministries.find_ministry("KZ", typed) is None


def test_add_ministry_refuses_a_duplicate_in_cyrillic_instead_of_crashing(app):
    with app.test_request_context(method="POST"):
        ministries.add_ministry("RU", "Министерство иностранных дел")
        for again in ("Министерство иностранных дел", "МИНИСТЕРСТВО иностранных ДЕЛ"):
            with pytest.raises(ministries.MinistryError, match="already has a ministry"):
                ministries.add_ministry("RU", again)
        assert count_ministries() == 1


def test_add_ministry_cleans_the_name_and_approves_it(app):
    with app.test_request_context(method="POST"):
        ministry = ministries.add_ministry("UZ", "  Ministry of   Labour ")
        assert (ministry.name, ministry.status) == ("Ministry of Labour", MinistryStatus.APPROVED)
        with pytest.raises(ministries.MinistryError, match="Type a name"):
            ministries.add_ministry("UZ", "   ")


def test_rename_to_own_name_in_another_case_is_allowed_but_not_to_a_neighbours(app):
    with app.test_request_context(method="POST"):
        labour = ministries.add_ministry("UZ", "ministry of labour")
        ministries.add_ministry("UZ", "Ministry of Health")
        ministries.rename_ministry(labour, "Ministry of Labour")
        assert labour.name == "Ministry of Labour"
        with pytest.raises(ministries.MinistryError, match="already has a ministry"):
            ministries.rename_ministry(labour, "MINISTRY OF HEALTH")
        assert labour.name == "Ministry of Labour"


def test_registration_reuses_a_typed_ministry_that_already_exists(app):
    with app.test_request_context(method="POST"):
        existing = ministries.add_ministry("PH", "Department of Foreign Affairs")
        chosen = ministries.ministry_for_registration("PH", None, "department of foreign  affairs")
        assert chosen.id == existing.id
        assert count_ministries() == 1


def test_registration_with_a_new_typed_ministry_makes_a_pending_one(app):
    with app.test_request_context(method="POST"):
        typed = ministries.ministry_for_registration("PH", None, "  Bureau of  Immigration ")
        assert (typed.country_code, typed.name, typed.status) == ("PH", "Bureau of Immigration", MinistryStatus.PENDING)


def test_registration_refuses_a_ministry_of_another_country_or_no_name(app):
    with app.test_request_context(method="POST"):
        us = ministries.add_ministry("US", "Department of State")
        with pytest.raises(ministries.MinistryError, match="selected country"):
            ministries.ministry_for_registration("PH", us.id, "")
        with pytest.raises(ministries.MinistryError, match="selected country"):
            ministries.ministry_for_registration("PH", 999999, "")
        with pytest.raises(ministries.MinistryError, match="Type the name"):
            ministries.ministry_for_registration("PH", None, "  ")


def test_lists_show_approved_ministries_and_only_the_users_own_pending_one(app):
    with app.test_request_context(method="POST"):
        approved = ministries.add_ministry("PH", "Department of Foreign Affairs")
        mine = ministries.ministry_for_registration("PH", None, "Bureau of Immigration")
        other = ministries.ministry_for_registration("PH", None, "Commission on Filipinos Overseas")
        assert [m.id for m in dict(ministries.ministry_groups("en"))["PH"]] == [approved.id]
        listed = [m.id for m in dict(ministries.ministry_groups("en", include_pending_id=mine.id))["PH"]]
        assert listed == [mine.id, approved.id]  # sorted by name
        assert other.id not in listed


def test_ministry_groups_are_sorted_by_country_name_in_the_readers_language(app):
    with app.test_request_context(method="POST"):
        for code in ("UZ", "DE", "CN"):
            ministries.add_ministry(code, "Ministry of Foreign Affairs")
        assert [code for code, _ in ministries.ministry_groups("en")] == ["CN", "DE", "UZ"]  # China, Germany
        assert [code for code, _ in ministries.ministry_groups("fr")] == ["DE", "CN", "UZ"]  # Allemagne, Chine


def test_merge_moves_people_and_deletes_the_duplicate(app):
    with app.test_request_context(method="POST"):
        keep = ministries.add_ministry("PH", "Department of Foreign Affairs")
        duplicate = ministries.ministry_for_registration("PH", None, "Dept. of Foreign Affairs")
        other = ministries.add_ministry("PH", "Bureau of Immigration")
        for i, ministry in enumerate([duplicate, duplicate, keep, other]):
            db.session.add(User(email=f"u{i}@gov.example", full_name=f"U {i}", password_hash="x", ministry=ministry))
        db.session.flush()
        duplicate_id = duplicate.id

        assert ministries.merge_ministries(duplicate, keep) == 2
        db.session.commit()
        assert db.session.get(Ministry, duplicate_id) is None
        assert ministries.member_counts() == {keep.id: 3, other.id: 1}


def test_merge_refuses_itself_and_another_country(app):
    with app.test_request_context(method="POST"):
        ph = ministries.add_ministry("PH", "Department of Foreign Affairs")
        us = ministries.add_ministry("US", "Department of State")
        with pytest.raises(ministries.MinistryError, match="two different"):
            ministries.merge_ministries(ph, ph)
        with pytest.raises(ministries.MinistryError, match="same country"):
            ministries.merge_ministries(ph, us)
        assert count_ministries() == 2


def test_member_counts_skip_people_without_a_ministry(app):
    with app.test_request_context(method="POST"):
        ministry = ministries.add_ministry("PH", "Department of Foreign Affairs")
        db.session.add(User(email="a@gov.example", full_name="A", password_hash="x", ministry=ministry))
        db.session.add(User(email="b@gov.example", full_name="B", password_hash="x", role=Role.TRAINER))
        db.session.flush()
        assert ministries.member_counts() == {ministry.id: 1}


def test_starter_ministries_are_added_once(app):
    with app.test_request_context(method="POST"):
        assert ministries.ensure_starter_ministries() == len(ministries.STARTER_MINISTRIES)
        assert ministries.ensure_starter_ministries() == 0
        assert count_ministries() == len(ministries.STARTER_MINISTRIES)
