from http.cookies import SimpleCookie

from app.models import Role, User
from tests.conftest import PASSWORD, login, post_form


def cookies_of(client) -> dict[str, str]:
    return {cookie.key: cookie.value for cookie in client._cookies.values()}


def replay(app, cookies: dict[str, str]):
    """A new browser that presents copied cookies, as an attacker replaying them would."""
    thief = app.test_client()
    for key, value in cookies.items():
        thief.set_cookie(key, value)
    return thief


def test_cookie_replayed_after_logout_is_refused(app, client, login_as):
    login_as()
    stolen = cookies_of(client)
    assert replay(app, stolen).get("/auth/profile").status_code == 200
    post_form(client, "/auth/logout")
    assert client.get("/auth/profile").status_code == 302
    assert replay(app, stolen).get("/auth/profile").status_code == 302


def test_remember_me_cookie_survives_the_session_but_not_logout(app, client, make_user):
    user = make_user()
    login(client, user.email, remember=True)
    remember = cookies_of(client)["remember_token"]
    # A browser restart: only the long-lived cookie is left.
    fresh = replay(app, {"remember_token": remember})
    assert fresh.get("/auth/profile").status_code == 200
    post_form(client, "/auth/logout")
    assert replay(app, {"remember_token": remember}).get("/auth/profile").status_code == 302


def test_remember_cookie_flags(client, make_user):
    user = make_user()
    response = login(client, user.email, remember=True)
    headers = [h for h in response.headers.getlist("Set-Cookie") if h.startswith("remember_token=")]
    assert headers
    cookie = headers[0].lower()
    assert "httponly" in cookie
    assert "samesite=lax" in cookie


def test_role_change_and_deactivation_rotate_the_session_token(app, client, login_as):
    user = login_as()
    with app.app_context():
        from app.admin.services import change_role, set_active
        from app.extensions import db

        admin = db.session.merge(user)
        target = User(email="t@gov.example", password_hash="x", full_name="T")
        db.session.add(target)
        db.session.flush()
        token = target.session_token
        change_role(admin, target, Role.TRAINER, None)
        assert target.session_token != token
        token = target.session_token
        set_active(admin, target, False)
        assert target.session_token != token
        db.session.rollback()


def test_forged_cookie_ids_are_refused(app, client, make_user):
    user = make_user()
    with app.test_request_context():
        from app.auth.guards import load_user

        assert load_user(f"{user.id}:{user.session_token}").id == user.id
        assert load_user(f"{user.id}:wrong") is None
        assert load_user(f"{user.id}") is None
        assert load_user("abc:def") is None
        assert load_user(f"{user.id + 99}:{user.session_token}") is None


def test_session_cookie_flags(client, make_user):
    user = make_user()
    response = login(client, user.email)
    cookie = SimpleCookie()
    for header in response.headers.getlist("Set-Cookie"):
        cookie.load(header)
    assert cookie["session"]["httponly"]
    assert cookie["session"]["samesite"].lower() == "lax"
    assert not cookie["session"]["secure"]


def test_login_throttled_per_account_after_repeated_failures(app, make_user):
    user = make_user()
    # Each attempt from a different client: the per-account limit is what stops this.
    for _ in range(5):
        assert login(app.test_client(), user.email, "wrong-password-again").status_code == 200
    blocked = login(app.test_client(), user.email, PASSWORD)
    assert blocked.status_code == 429
    assert "Too many attempts" in blocked.get_data(as_text=True)
    # Another account is not affected.
    other = make_user()
    assert login(app.test_client(), other.email).status_code == 302


def test_successful_logins_do_not_count_towards_the_account_limit(app, make_user):
    user = make_user()
    for _ in range(7):
        assert login(app.test_client(), user.email).status_code == 302


def test_login_throttled_per_client(app, make_user):
    app.config["LOGIN_LIMIT_PER_CLIENT"] = "3 per minute"
    client = app.test_client()
    for n in range(3):
        assert login(client, f"nobody{n}@gov.example", "wrong-password-again").status_code == 200
    assert login(client, "nobody9@gov.example", "wrong-password-again").status_code == 429


def test_logins_still_work_when_the_rate_limit_store_is_down(make_app):
    """With Redis unreachable the limits fall back to memory instead of turning logins into errors."""
    app = make_app(RATELIMIT_STORAGE_URI="redis://127.0.0.1:9/0")
    with app.app_context():
        from app.auth.services import create_user
        from app.extensions import db

        create_user("ana@gov.example", PASSWORD, "Ana Reyes")
        db.session.commit()
    assert login(app.test_client(), "ana@gov.example").status_code == 302
    for _ in range(5):
        login(app.test_client(), "ana@gov.example", "wrong-password-again")
    assert login(app.test_client(), "ana@gov.example").status_code == 429
