from app.models import User
from tests.conftest import PASSWORD, login, post_form, reload


def test_login_with_right_password_reaches_the_home_page_logged_in(client, make_user):
    user = make_user(full_name="Нодира Юсупова")
    response = login(client, user.email)
    assert response.status_code == 302
    assert response.headers["Location"] == "/"
    assert "Нодира Юсупова" in client.get("/").get_data(as_text=True)


def test_login_is_case_insensitive_on_email(client, make_user):
    make_user(email="ana.reyes@dfa.gov.example")
    assert login(client, "Ana.Reyes@DFA.gov.example").status_code == 302


def test_wrong_password_and_unknown_email_get_the_same_message(client, make_user):
    user = make_user()
    wrong = login(client, user.email, "not-the-password-at-all").get_data(as_text=True)
    unknown = login(client, "nobody@gov.example", "not-the-password-at-all").get_data(as_text=True)
    message = "The e-mail address or password is not correct."
    assert message in wrong and message in unknown
    assert "Log out" not in wrong


def test_deactivated_user_cannot_log_in(client, make_user):
    user = make_user(active=False)
    response = login(client, user.email)
    assert response.status_code == 200
    assert "deactivated" in response.get_data(as_text=True)
    assert client.get("/auth/profile").status_code == 302


def test_login_records_last_login(app, client, make_user):
    user = make_user()
    assert user.last_login_at is None
    login(client, user.email)
    assert reload(app, User, user.id).last_login_at is not None


def test_next_goes_to_same_site_path(client, make_user):
    user = make_user()
    response = post_form(
        client, "/auth/login?next=/auth/profile", {"email": user.email, "password": PASSWORD}, token_from="/auth/login"
    )
    assert response.headers["Location"] == "/auth/profile"


def test_open_redirect_refused(app, make_user):
    user = make_user()
    for target in ("https://evil.example/", "//evil.example/", "/\\evil.example", "javascript:alert(1)", "/%0d%0aX: y"):
        client = app.test_client()
        response = post_form(
            client,
            "/auth/login",
            {"email": user.email, "password": PASSWORD},
            token_from="/auth/login",
            query_string={"next": target},
        )
        assert response.status_code == 302
        location = response.headers["Location"]
        assert "evil" not in location and "javascript" not in location, target


def test_protected_page_sends_anonymous_user_to_login_with_next(client):
    response = client.get("/auth/profile")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/auth/login?next=")


def test_rehash_when_parameters_rise(app, client, make_user):
    user = make_user()
    old_hash = user.password_hash
    app.config["ARGON2_TIME_COST"] = 3
    login(client, user.email)
    new_hash = reload(app, User, user.id).password_hash
    assert new_hash != old_hash
    assert new_hash.startswith("$argon2id$") and ",t=3," in new_hash
