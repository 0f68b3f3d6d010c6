import smtplib

import pytest

from app.mail import wait_for_outbox
from app.models import MinistryStatus, Role, User
from tests.conftest import PASSWORD, login, post_form, reload

NEW_PASSWORD = "violet-harbour-window-73"


def profile_data(user, **overrides):
    data = {
        "full_name": user.full_name,
        "country": user.country_code or "PH",
        "ministry": str(user.ministry_id or ""),
        "ministry_other": "",
        "position": user.position,
        "preferred_language": user.preferred_language,
    }
    data.update(overrides)
    return data


def test_profile_shows_and_saves_changes(app, client, login_as, make_ministry):
    dfa = make_ministry("PH", "Department of Foreign Affairs")
    dmw = make_ministry("PH", "Department of Migrant Workers")
    user = login_as(country_code="PH", ministry=dfa, position="Vice Consul")
    page = client.get("/auth/profile").get_data(as_text=True)
    assert 'value="Vice Consul"' in page
    assert f'<option value="{dfa.id}" selected>' in page
    assert '<option value="PH" selected>' in page
    response = post_form(
        client,
        "/auth/profile",
        profile_data(
            user,
            full_name="Maria  Clara Santos",
            ministry=str(dmw.id),
            position="Labour attaché",
            preferred_language="fr",
        ),
        token_from="/auth/profile",
    )
    assert response.status_code == 302
    saved = reload(app, User, user.id)
    assert saved.full_name == "Maria Clara Santos"
    assert saved.ministry_id == dmw.id
    assert saved.position == "Labour attaché"
    assert saved.preferred_language == "fr"
    # The preferred language now chooses the page language.
    assert '<html lang="fr" dir="ltr">' in client.get("/").get_data(as_text=True)


def test_profile_refuses_an_empty_name_and_keeps_the_old_one(app, client, login_as, make_ministry):
    dfa = make_ministry("PH")
    user = login_as(country_code="PH", ministry=dfa)
    response = post_form(client, "/auth/profile", profile_data(user, full_name="   "), token_from="/auth/profile")
    assert response.status_code == 200
    assert reload(app, User, user.id).full_name == "Maria Santos"


def test_profile_can_propose_a_new_ministry(app, client, login_as, make_ministry):
    user = login_as(country_code="PH", ministry=make_ministry("PH"))
    post_form(
        client,
        "/auth/profile",
        profile_data(user, ministry="other", ministry_other="Office X"),
        token_from="/auth/profile",
    )
    saved = reload(app, User, user.id)
    assert saved.ministry.name == "Office X"
    assert saved.ministry.status == MinistryStatus.PENDING
    # The user's own pending ministry stays selectable on their profile.
    assert "Office X" in client.get("/auth/profile").get_data(as_text=True)


def test_focal_point_cannot_move_themselves_to_another_ministry(app, client, login_as, make_ministry):
    own = make_ministry("UZ", "Ministry of Emergency Situations")
    other = make_ministry("UZ", "Ministry of Foreign Affairs")
    user = login_as(role=Role.FOCAL_POINT, ministry=own, country_code="UZ")
    response = post_form(
        client, "/auth/profile", profile_data(user, ministry=str(other.id)), token_from="/auth/profile"
    )
    assert "set by an administrator" in response.get_data(as_text=True)
    assert reload(app, User, user.id).ministry_id == own.id


def test_password_change_requires_the_current_password(app, client, login_as):
    user = login_as()
    response = post_form(
        client,
        "/auth/password",
        {"current_password": "wrong-wrong-wrong", "password": NEW_PASSWORD, "confirm": NEW_PASSWORD},
        token_from="/auth/password",
    )
    assert "current password is not correct" in response.get_data(as_text=True)
    assert reload(app, User, user.id).password_hash == user.password_hash


def test_password_change_refuses_a_weak_password(app, client, login_as):
    user = login_as()
    response = post_form(
        client,
        "/auth/password",
        {"current_password": PASSWORD, "password": "password1234", "confirm": "password1234"},
        token_from="/auth/password",
    )
    assert "too common" in response.get_data(as_text=True)
    assert reload(app, User, user.id).password_hash == user.password_hash


def test_password_change_logs_out_other_devices_but_not_this_one(app, client, login_as):
    user = login_as()
    other_device = app.test_client()
    login(other_device, user.email)
    assert other_device.get("/auth/profile").status_code == 200
    response = post_form(
        client,
        "/auth/password",
        {"current_password": PASSWORD, "password": NEW_PASSWORD, "confirm": NEW_PASSWORD},
        token_from="/auth/password",
    )
    assert response.status_code == 302
    assert client.get("/auth/profile").status_code == 200
    assert other_device.get("/auth/profile").status_code == 302
    assert login(app.test_client(), user.email, NEW_PASSWORD).status_code == 302
    assert login(app.test_client(), user.email, PASSWORD).status_code == 200


class FakeSMTP:
    """Stands in for the SMTP server: records what the platform sends."""

    sent: list = []

    def __init__(self, host, port, timeout=None):
        self.host, self.port = host, port

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def starttls(self, context=None):
        assert context is not None, "TLS without certificate verification"
        pass

    def login(self, user, password):
        pass

    def send_message(self, message):
        FakeSMTP.sent.append(message)


@pytest.fixture
def outbox(app, monkeypatch):
    app.config["MAIL_SERVER"] = "smtp.gov.example"
    FakeSMTP.sent = []
    monkeypatch.setattr(smtplib, "SMTP", FakeSMTP)
    return FakeSMTP.sent


def reset_link_from(message) -> str:
    body = message.get_content()
    return next(line.strip() for line in body.splitlines() if "/auth/reset/" in line)


def test_forgot_password_sends_a_link_that_works_once(app, client, make_user, outbox):
    user = make_user()
    response = post_form(client, "/auth/forgot", {"email": user.email}, token_from="/auth/forgot")
    assert response.status_code == 302
    wait_for_outbox()
    assert len(outbox) == 1
    assert outbox[0]["To"] == user.email
    link = reset_link_from(outbox[0])
    assert link.startswith("http://learning.test/auth/reset/")
    path = link.removeprefix("http://learning.test")
    assert client.get(path).status_code == 200
    response = post_form(client, path, {"password": NEW_PASSWORD, "confirm": NEW_PASSWORD}, token_from=path)
    assert response.status_code == 302
    assert login(app.test_client(), user.email, NEW_PASSWORD).status_code == 302
    # Used once: the same link no longer works.
    again = client.get(path)
    assert again.status_code == 400
    assert "This link no longer works" in again.get_data(as_text=True)


def test_forgot_password_answers_the_same_for_unknown_addresses(client, make_user, outbox):
    response = post_form(client, "/auth/forgot", {"email": "nobody@gov.example"}, token_from="/auth/forgot")
    assert response.status_code == 302
    wait_for_outbox()
    assert outbox == []
    follow = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "If an account exists for that address" in follow


def test_reset_link_ignores_a_forged_host_header(client, make_user, outbox):
    user = make_user()
    post_form(
        client, "/auth/forgot", {"email": user.email}, token_from="/auth/forgot", headers={"Host": "evil.example"}
    )
    wait_for_outbox()
    assert reset_link_from(outbox[0]).startswith("http://learning.test/")


def test_expired_or_tampered_reset_tokens_are_refused(app, client, make_user):
    user = make_user()
    with app.app_context():
        from app.auth.services import reset_token_for

        token = reset_token_for(reload(app, User, user.id))
    assert client.get(f"/auth/reset/{token[:-2]}xx").status_code == 400
    app.config["PASSWORD_RESET_MAX_AGE"] = -1
    assert client.get(f"/auth/reset/{token}").status_code == 400


def test_without_mail_server_forgot_page_says_to_ask_an_admin(client):
    page = client.get("/auth/forgot").get_data(as_text=True)
    assert "Ask your administrator or trainer for a password reset link" in page


def test_reset_email_is_written_in_the_users_language(client, make_user, outbox):
    user = make_user(preferred_language="fr")
    post_form(client, "/auth/forgot", {"email": user.email}, token_from="/auth/forgot")
    wait_for_outbox()
    # The catalogs arrive with the languages work; until then the lifetime shows Babel formats French.
    assert "1\xa0heure" in outbox[0].get_content()


def test_a_passphrase_longer_than_72_characters_is_accepted(app, client, login_as):
    user = login_as()
    long_phrase = "the quiet river carries lanterns past the old stone bridge every autumn evening"
    assert len(long_phrase) > 72
    response = post_form(
        client,
        "/auth/password",
        {"current_password": PASSWORD, "password": long_phrase, "confirm": long_phrase},
        token_from="/auth/password",
    )
    assert response.status_code == 302
    assert login(app.test_client(), user.email, long_phrase).status_code == 302


def test_a_reset_link_submitted_twice_at_once_changes_the_password_once(app, make_user):
    """Two tabs (or a double click) posting the same link: one succeeds, the other is refused."""
    import threading

    from app.auth.services import AccountError, reset_token_for, set_password, user_for_reset_token
    from app.extensions import db

    user = make_user()
    with app.app_context():
        token = reset_token_for(db.session.get(User, user.id))
    barrier = threading.Barrier(2)
    outcomes = []

    def submit(new_password):
        barrier.wait(timeout=10)
        with app.test_request_context("/", method="POST"):
            target = user_for_reset_token(token)
            if target is None:  # the other submission already used the link
                outcomes.append("refused")
                return
            try:
                set_password(target, new_password)
                db.session.commit()
                outcomes.append("changed")
            except AccountError:
                db.session.rollback()
                outcomes.append("refused")

    threads = [threading.Thread(target=submit, args=(p,)) for p in (NEW_PASSWORD, "amber-compass-meadow-58")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["changed", "refused"]
