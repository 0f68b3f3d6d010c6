"""Who may use the admin pages: every admin URL, GET and POST, for each kind of visitor; CSRF on writes."""

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import Ministry, MinistryStatus, Role, User
from tests.conftest import csrf_token, post_form

GET_URLS = ["/admin/", "/admin/users", "/admin/users/{user}", "/admin/ministries"]
POST_URLS = [
    ("/admin/users/{user}/reset-link", {}),
    ("/admin/users/{user}/role", {"role": "admin", "ministry": ""}),
    ("/admin/users/{user}/active", {"active": "0"}),
    ("/admin/ministries", {"country": "PH", "name": "Bureau of Immigration"}),
    ("/admin/ministries/{ministry}/rename", {"name": "Renamed by an intruder"}),
    ("/admin/ministries/{ministry}/approve", {}),
    ("/admin/ministries/{ministry}/merge", {"keep": "{keep}", "confirm": "y"}),
]
NOT_ADMINS = [Role.LEARNER, Role.TRAINER, Role.FOCAL_POINT]


def snapshot(app):
    """Everything an admin page could change, as the database holds it."""
    with app.app_context():
        users = db.session.execute(
            select(User.id, User.role, User.active, User.ministry_id, User.session_token, User.password_hash).order_by(
                User.id
            )
        )
        ministries = db.session.execute(
            select(Ministry.id, Ministry.country_code, Ministry.name, Ministry.status).order_by(Ministry.id)
        )
        return [tuple(row) for row in users], [tuple(row) for row in ministries]


@pytest.fixture
def targets(make_ministry):
    """A pending ministry to act on and another of the same country to merge it into."""
    pending = make_ministry("PH", "Dept. of Foreign Affairs", status=MinistryStatus.PENDING)
    keep = make_ministry("PH", "Department of Foreign Affairs")
    return {"ministry": pending.id, "keep": keep.id}


def fill(template: str, ids: dict) -> str:
    return template.format(**ids)


def test_every_admin_route_is_in_this_file(app):
    """A new admin page must be added to the lists above, so its access is checked too."""
    routes = set()
    for rule in app.url_map.iter_rules():
        if rule.endpoint.startswith("admin."):
            path = rule.rule.replace("<int:user_id>", "{user}").replace("<int:ministry_id>", "{ministry}")
            routes.update((method, path) for method in rule.methods - {"HEAD", "OPTIONS"})
    checked = {("GET", url) for url in GET_URLS} | {("POST", url) for url, _ in POST_URLS}
    assert routes == checked


def test_anonymous_visitor_is_sent_to_log_in(app, client, make_user, targets):
    ids = {"user": make_user().id, **targets}
    before = snapshot(app)
    for url in GET_URLS:
        response = client.get(fill(url, ids))
        assert response.status_code == 302, url
        assert response.headers["Location"].startswith("/auth/login"), url
    for url, data in POST_URLS:
        response = post_form(client, fill(url, ids), {k: fill(v, ids) for k, v in data.items()})
        assert response.status_code == 302, url
        assert response.headers["Location"].startswith("/auth/login"), url
    assert snapshot(app) == before


@pytest.mark.parametrize("role", NOT_ADMINS)
def test_other_roles_get_the_friendly_403_and_change_nothing(app, client, login_as, targets, role):
    me = login_as(role)
    # The user acts on their own account: a learner trying to make themselves an administrator.
    ids = {"user": me.id, **targets}
    before = snapshot(app)
    for url in GET_URLS:
        response = client.get(fill(url, ids))
        assert response.status_code == 403, url
        page = response.get_data(as_text=True)
        assert "Not allowed" in page and "Your account does not have access to this page" in page, url
    for url, data in POST_URLS:
        response = post_form(client, fill(url, ids), {k: fill(v, ids) for k, v in data.items()})
        assert response.status_code == 403, url
        assert "Not allowed" in response.get_data(as_text=True), url
    assert snapshot(app) == before
    assert client.get("/auth/profile").status_code == 200  # still logged in, just not allowed


def test_admin_opens_every_admin_page(client, login_as, make_user, targets):
    login_as(Role.ADMIN)
    ids = {"user": make_user().id, **targets}
    for url in GET_URLS:
        response = client.get(fill(url, ids), follow_redirects=True)
        assert response.status_code == 200, url
    assert client.get("/admin/").headers["Location"] == "/admin/users"


def test_admin_can_use_every_admin_form(client, login_as, make_user, targets):
    login_as(Role.ADMIN)
    ids = {"user": make_user().id, **targets}
    for url, data in POST_URLS:
        response = post_form(client, fill(url, ids), {k: fill(v, ids) for k, v in data.items()})
        assert response.status_code in (200, 302), url
        if response.status_code == 302:
            assert response.headers["Location"].startswith("/admin/"), url


def test_admin_pages_for_missing_rows_are_404(client, login_as, targets):
    login_as(Role.ADMIN)
    assert client.get("/admin/users/999999").status_code == 404
    response = post_form(client, "/admin/users/999999/role", {"role": "trainer"})
    assert response.status_code == 404
    response = post_form(client, f"/admin/ministries/{targets['ministry']}/merge", {"keep": "999999", "confirm": "y"})
    assert response.status_code == 404


def test_admin_post_without_csrf_token_is_refused_and_writes_nothing(app, client, login_as, make_user, targets):
    login_as(Role.ADMIN)
    ids = {"user": make_user().id, **targets}
    before = snapshot(app)
    for url, data in POST_URLS:
        response = client.post(fill(url, ids), data={k: fill(v, ids) for k, v in data.items()})
        assert response.status_code == 400, url
        assert "The form had expired" in response.get_data(as_text=True), url
    assert snapshot(app) == before


def test_admin_post_with_another_sessions_csrf_token_is_refused(app, client, login_as, make_user):
    login_as(Role.ADMIN)
    target = make_user()
    other = app.test_client()
    token = csrf_token(other)
    before = snapshot(app)
    response = client.post(f"/admin/users/{target.id}/role", data={"role": "admin", "csrf_token": token})
    assert response.status_code == 400
    assert snapshot(app) == before
