"""Admin user pages: the searchable list, role changes, deactivation and hand-out reset links."""

import re
from contextlib import contextmanager

from sqlalchemy import event

from app.extensions import db
from app.models import Ministry, MinistryStatus, Role, User
from tests.conftest import PASSWORD, login, post_form, reload

ROW_LINK = re.compile(r'href="/admin/users/\d+"')
RESET_LINK = re.compile(r'value="(http://learning\.test/auth/reset/[^"]+)"')
NEW_PASSWORD = "violet-harbour-window-73"


def add_users(app, count, prefix="Person", role=Role.LEARNER, with_ministry=False):
    """Many accounts at once, without hashing a password each (they never log in)."""
    with app.app_context():
        for i in range(count):
            ministry = Ministry(country_code="PH", name=f"{prefix} office {i:02d}") if with_ministry else None
            db.session.add(
                User(
                    email=f"{prefix.lower()}-{i:02d}@gov.example",
                    full_name=f"{prefix} {i:02d}",
                    password_hash="never-used",
                    role=role,
                    ministry=ministry,
                )
            )
        db.session.commit()


def logged_in_client(app, user):
    """A second browser, logged in as the user."""
    other = app.test_client()
    assert login(other, user.email).status_code == 302
    assert other.get("/auth/profile").status_code == 200
    return other


def is_logged_out(client) -> bool:
    response = client.get("/auth/profile")
    return response.status_code == 302 and response.headers["Location"].startswith("/auth/login")


def search(client, **params) -> str:
    response = client.get("/admin/users", query_string=params)
    assert response.status_code == 200
    return response.get_data(as_text=True)


def set_role(client, user_id, role, ministry=""):
    return post_form(
        client,
        f"/admin/users/{user_id}/role",
        {"role": role, "ministry": ministry},
        token_from=f"/admin/users/{user_id}",
        follow_redirects=True,
    )


def set_active(client, user_id, active, **kwargs):
    return post_form(
        client, f"/admin/users/{user_id}/active", {"active": active}, token_from=f"/admin/users/{user_id}", **kwargs
    )


@contextmanager
def count_queries(app):
    statements = []

    def record(_conn, _cursor, statement, *_args):
        statements.append(statement)

    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", record)


# The list


def test_search_by_name_in_any_script(client, login_as, make_user):
    login_as(Role.ADMIN, full_name="Site Admin")
    make_user(full_name="王芳")
    make_user(full_name="Дилшод Рахимов")
    make_user(full_name="Maria Santos")

    page = search(client, q="王芳")
    assert "王芳" in page and "Дилшод" not in page and "Maria Santos" not in page
    assert "1 account<" in page

    page = search(client, q="Дилшод")
    assert "Дилшод Рахимов" in page and "王芳" not in page and "Maria Santos" not in page

    # Case-insensitive beyond ASCII, on SQLite as on PostgreSQL.
    page = search(client, q="дилшод рах")
    assert "Дилшод Рахимов" in page and "Maria Santos" not in page

    page = search(client, q="  santos ")
    assert "Maria Santos" in page and "王芳" not in page


def test_search_by_email_ignores_case(client, login_as, make_user):
    login_as(Role.ADMIN, full_name="Site Admin")
    make_user(email="ana.reyes@dfa.gov.ph", full_name="Ana Reyes")
    make_user(email="li.na@mfa.gov.cn", full_name="Li Na")
    page = search(client, q="ANA.Reyes@DFA")
    assert "ana.reyes@dfa.gov.ph" in page and "Li Na" not in page
    page = search(client, q="gov.cn")
    assert "Li Na" in page and "Ana Reyes" not in page


def test_percent_and_underscore_are_searched_literally(client, login_as, make_user):
    login_as(Role.ADMIN, full_name="Site Admin")
    make_user(full_name="Maria Santos")
    make_user(full_name="Li Na", email="li_na@mfa.gov.cn")
    make_user(full_name="Ahmed 100% Present")

    page = search(client, q="%")
    assert "1 account<" in page and "Ahmed 100% Present" in page and "Maria Santos" not in page
    page = search(client, q="_")
    assert "1 account<" in page and "li_na@mfa.gov.cn" in page and "Maria Santos" not in page
    page = search(client, q="Maria%Santos")
    assert "No account matches this search." in page and "0 accounts" in page


def test_filter_by_role(client, login_as, make_user):
    login_as(Role.ADMIN, full_name="Site Admin")
    make_user(full_name="Learning Lina")
    make_user(full_name="Trainer Tomas", role=Role.TRAINER)
    make_user(full_name="Trainer Tala", role=Role.TRAINER)
    make_user(full_name="Focal Farida", role=Role.FOCAL_POINT)

    page = search(client, role="trainer")
    assert "2 accounts" in page
    assert "Trainer Tomas" in page and "Trainer Tala" in page
    assert "Learning Lina" not in page and "Focal Farida" not in page and "Site Admin" not in page

    page = search(client, role="trainer", q="Tala")
    assert "1 account<" in page and "Trainer Tala" in page and "Trainer Tomas" not in page

    page = search(client, role="no-such-role")
    assert "5 accounts" in page


def test_list_pages_through_accounts_newest_first(app, client, login_as):
    login_as(Role.ADMIN, full_name="Site Admin")
    add_users(app, 29)  # with the admin: 30 accounts, one more page than ADMIN_PAGE_SIZE (25)
    assert app.config["ADMIN_PAGE_SIZE"] == 25

    first = search(client)
    assert "30 accounts" in first and "Page 1 of 2" in first
    assert len(ROW_LINK.findall(first)) == 25
    assert "Person 28" in first and "Person 04" in first and "Person 03" not in first
    assert 'rel="next" href="/admin/users?page=2"' in first and 'rel="prev"' not in first

    second = search(client, page=2)
    assert "Page 2 of 2" in second
    assert len(ROW_LINK.findall(second)) == 5
    assert all(f"Person {i:02d}" in second for i in range(4)) and "Person 04" not in second
    assert "Site Admin" in second  # the oldest account comes last
    assert 'rel="prev"' in second and 'rel="next"' not in second


def test_page_links_keep_the_search(app, client, login_as):
    login_as(Role.ADMIN, full_name="Site Admin")
    add_users(app, 30, prefix="Person")
    add_users(app, 5, prefix="Trainer", role=Role.TRAINER)
    page = search(client, q="person", role="learner")
    assert "30 accounts" in page and "Trainer 0" not in page
    assert 'href="/admin/users?q=person&amp;role=learner&amp;page=2"' in page


def test_list_runs_the_same_number_of_queries_for_5_or_40_users(app, client, login_as):
    login_as(Role.ADMIN, full_name="Site Admin")
    add_users(app, 5, prefix="First", with_ministry=True)
    with count_queries(app) as few:
        assert client.get("/admin/users").status_code == 200
    add_users(app, 35, prefix="Second", with_ministry=True)
    with count_queries(app) as many:
        page = search(client)
    assert "Second office 34" in page  # each row shows its own ministry
    assert len(many) == len(few), many


# Roles


def test_learner_becomes_trainer(app, client, login_as, make_user):
    login_as(Role.ADMIN)
    user = make_user()
    response = set_role(client, user.id, "trainer")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Role saved." in page and "<dd>Trainer</dd>" in page
    assert reload(app, User, user.id).role == Role.TRAINER


def test_focal_point_without_a_ministry_is_refused(app, client, login_as, make_user, make_ministry):
    login_as(Role.ADMIN)
    own = make_ministry("PH", "Department of Foreign Affairs")
    user = make_user(ministry=own)
    response = set_role(client, user.id, "focal_point", ministry="")
    assert "A focal point must be bound to an approved ministry: choose one." in response.get_data(as_text=True)
    after = reload(app, User, user.id)
    assert (after.role, after.ministry_id, after.session_token) == (Role.LEARNER, own.id, user.session_token)


def test_saving_the_same_role_keeps_the_users_sessions(app, client, login_as, make_user):
    login_as(Role.ADMIN)
    user = make_user(role=Role.TRAINER)
    page = set_role(client, user.id, "trainer").get_data(as_text=True)
    assert "Saved." in page
    assert "sessions have been ended" not in page
    assert reload(app, User, user.id).session_token == user.session_token


def test_focal_point_is_bound_to_the_chosen_ministry(app, client, login_as, make_user, make_ministry):
    login_as(Role.ADMIN)
    ministry = make_ministry("UZ", "Ministry of Emergency Situations")
    user = make_user(full_name="Дилшод Рахимов")
    page = set_role(client, user.id, "focal_point", ministry=str(ministry.id)).get_data(as_text=True)
    assert "Role saved." in page and "<dd>Ministry focal point</dd>" in page
    assert "<bdi>Ministry of Emergency Situations</bdi>" in page
    after = reload(app, User, user.id)
    assert (after.role, after.ministry_id) == (Role.FOCAL_POINT, ministry.id)


def test_unknown_role_is_a_bad_request(app, client, login_as, make_user):
    login_as(Role.ADMIN)
    user = make_user()
    response = post_form(client, f"/admin/users/{user.id}/role", {"role": "superuser"})
    assert response.status_code == 400
    assert reload(app, User, user.id).role == Role.LEARNER


def test_admin_cannot_remove_their_own_admin_role(app, client, login_as):
    admin = login_as(Role.ADMIN)
    page = set_role(client, admin.id, "learner").get_data(as_text=True)
    assert "You cannot remove your own administrator role" in page
    assert reload(app, User, admin.id).role == Role.ADMIN
    assert client.get("/admin/users").status_code == 200


def test_role_change_logs_the_user_out_of_their_open_session(app, client, login_as, make_user):
    login_as(Role.ADMIN)
    user = make_user()
    their_browser = logged_in_client(app, user)
    set_role(client, user.id, "admin")
    assert is_logged_out(their_browser)
    # Logging in again gives them the new role.
    assert login(their_browser, user.email).status_code == 302
    assert their_browser.get("/admin/users").status_code == 200


# Deactivation


def test_deactivated_user_is_logged_out_and_cannot_log_in(app, client, login_as, make_user):
    login_as(Role.ADMIN)
    user = make_user(full_name="Ana Reyes")
    their_browser = logged_in_client(app, user)

    response = set_active(client, user.id, "0", follow_redirects=True)
    page = response.get_data(as_text=True)
    assert "Account deactivated; the user has been logged out." in page and "<dd>Deactivated</dd>" in page
    assert reload(app, User, user.id).active is False

    assert is_logged_out(their_browser)
    response = login(their_browser, user.email)
    assert response.status_code == 200
    assert "This account has been deactivated" in response.get_data(as_text=True)
    assert is_logged_out(their_browser)
    assert "Deactivated" in search(client, q="Ana Reyes")


def test_reactivated_user_can_log_in_again(app, client, login_as, make_user):
    login_as(Role.ADMIN)
    user = make_user(active=False)
    page = set_active(client, user.id, "1", follow_redirects=True).get_data(as_text=True)
    assert "Account reactivated." in page and "<dd>Active</dd>" in page
    assert reload(app, User, user.id).active is True
    their_browser = app.test_client()
    assert login(their_browser, user.email).status_code == 302
    assert their_browser.get("/auth/profile").status_code == 200


def test_reactivation_does_not_revive_the_session_open_before_deactivation(app, client, login_as, make_user):
    login_as(Role.ADMIN)
    user = make_user()
    their_browser = logged_in_client(app, user)
    set_active(client, user.id, "0")
    set_active(client, user.id, "1")
    assert reload(app, User, user.id).active is True
    assert is_logged_out(their_browser)


def test_admin_cannot_deactivate_themselves(app, client, login_as):
    admin = login_as(Role.ADMIN)
    page = set_active(client, admin.id, "0", follow_redirects=True).get_data(as_text=True)
    assert "You cannot deactivate your own account." in page
    assert reload(app, User, admin.id).active is True
    assert client.get("/admin/users").status_code == 200


def test_bad_active_value_is_a_bad_request(app, client, login_as, make_user):
    login_as(Role.ADMIN)
    user = make_user()
    for value in ("", "yes", "false", "2"):
        assert set_active(client, user.id, value).status_code == 400, value
    after = reload(app, User, user.id)
    assert (after.active, after.session_token) == (True, user.session_token)


# Reset links


def make_reset_link(client, user_id) -> str:
    response = post_form(client, f"/admin/users/{user_id}/reset-link", token_from=f"/admin/users/{user_id}")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "Give this link to the user. It works once, within 1 hour" in page
    match = RESET_LINK.search(page)
    assert match, page
    return match.group(1)


def test_reset_link_works_once(app, client, login_as, make_user):
    login_as(Role.ADMIN)
    user = make_user(full_name="Ana Reyes")
    their_old_session = logged_in_client(app, user)
    link = make_reset_link(client, user.id)
    path = link.removeprefix("http://learning.test")

    their_browser = app.test_client()
    form = their_browser.get(path)
    assert form.status_code == 200 and "Choose a new password" in form.get_data(as_text=True)
    response = post_form(their_browser, path, {"password": NEW_PASSWORD, "confirm": NEW_PASSWORD}, token_from=path)
    assert response.status_code == 302 and response.headers["Location"] == "/auth/login"

    assert is_logged_out(their_old_session)
    assert login(app.test_client(), user.email, PASSWORD).status_code == 200  # old password refused
    assert login(app.test_client(), user.email, NEW_PASSWORD).status_code == 302

    again = app.test_client().get(path)
    assert again.status_code == 400
    assert "This link no longer works" in again.get_data(as_text=True)


def test_no_reset_link_for_an_inactive_user(app, client, login_as, make_user):
    login_as(Role.ADMIN)
    inactive = make_user(active=False)
    response = post_form(client, f"/admin/users/{inactive.id}/reset-link")
    assert response.status_code == 400
    assert "Password reset link" not in client.get(f"/admin/users/{inactive.id}").get_data(as_text=True)


def test_reset_link_stops_working_when_the_user_is_deactivated(app, client, login_as, make_user):
    login_as(Role.ADMIN)
    user = make_user()
    path = make_reset_link(client, user.id).removeprefix("http://learning.test")
    set_active(client, user.id, "0")
    response = app.test_client().get(path)
    assert response.status_code == 400
    assert "This link no longer works" in response.get_data(as_text=True)


def test_focal_point_cannot_be_bound_to_a_pending_ministry(app, client, login_as, make_user, make_ministry):
    login_as(Role.ADMIN)
    pending = make_ministry("PH", "Office typed by a learner", status=MinistryStatus.PENDING)
    user = make_user()
    response = set_role(client, user.id, "focal_point", ministry=str(pending.id))
    assert "approved ministry" in response.get_data(as_text=True)
    assert reload(app, User, user.id).role == Role.LEARNER


def test_focal_point_takes_the_country_of_their_ministry(app, client, login_as, make_user, make_ministry):
    login_as(Role.ADMIN)
    ministry = make_ministry("UZ", "Ministry of Emergency Situations")
    user = make_user(country_code="PH")
    set_role(client, user.id, "focal_point", ministry=str(ministry.id))
    assert reload(app, User, user.id).country_code == "UZ"
