from app import create_app
from tests.conftest import app_settings, post_form


def test_home_says_what_the_platform_is(client):
    page = client.get("/").get_data(as_text=True)
    assert "Protecting migrants in countries in crisis" in page
    assert "consular officials" in page
    assert 'href="#main"' in page  # skip link
    assert '<main id="main"' in page


def test_healthz_reports_the_database(app, client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok", "database": "ok"}


def test_healthz_says_503_when_the_database_is_unreachable(tmp_path):
    settings = app_settings(tmp_path) | {"SQLALCHEMY_DATABASE_URI": "sqlite:////nonexistent-dir/x.sqlite3"}
    response = create_app(settings).test_client().get("/healthz")
    assert response.status_code == 503
    assert response.get_json() == {"status": "error", "database": "unreachable"}


def test_language_follows_accept_language_then_explicit_choice(client):
    assert '<html lang="en" dir="ltr">' in client.get("/").get_data(as_text=True)
    assert '<html lang="ar" dir="rtl">' in client.get("/", headers={"Accept-Language": "ar,en;q=0.5"}).get_data(
        as_text=True
    )
    post_form(client, "/language", {"lang": "ru", "next": "/auth/login"})
    page = client.get("/", headers={"Accept-Language": "ar"}).get_data(as_text=True)
    assert '<html lang="ru" dir="ltr">' in page


def test_unknown_language_is_ignored(client):
    response = post_form(client, "/language", {"lang": "../../etc/passwd", "next": "/"})
    assert response.status_code == 302
    assert '<html lang="en"' in client.get("/").get_data(as_text=True)


def test_language_switch_redirects_only_within_the_site(client):
    response = post_form(client, "/language", {"lang": "fr", "next": "https://evil.example/"})
    assert response.headers["Location"] == "/"
    response = post_form(client, "/language", {"lang": "fr", "next": "/auth/login"})
    assert response.headers["Location"] == "/auth/login"


def test_language_choice_is_saved_to_the_profile(app, client, login_as):
    from app.models import User
    from tests.conftest import reload

    user = login_as()
    post_form(client, "/language", {"lang": "zh", "next": "/"})
    assert reload(app, User, user.id).preferred_language == "zh"


def test_every_language_is_named_in_itself_in_the_switcher(client):
    page = client.get("/").get_data(as_text=True)
    for name in ("English", "français", "español", "العربية", "русский", "中文"):
        assert name in page


def test_language_saved_in_the_profile_wins_over_an_earlier_switch(client, login_as, make_ministry):
    ministry = make_ministry("PH")
    login_as(country_code="PH", ministry=ministry, preferred_language="en")
    post_form(client, "/language", {"lang": "ru", "next": "/"})
    data = {"full_name": "Maria Santos", "country": "PH", "ministry": str(ministry.id), "preferred_language": "es"}
    post_form(client, "/auth/profile", data, token_from="/auth/profile")
    assert '<html lang="es"' in client.get("/").get_data(as_text=True)


def test_dates_and_numbers_follow_the_page_language(app, client, login_as):
    from datetime import UTC, datetime

    from flask_babel import format_date, format_decimal, format_percent

    from app.extensions import db
    from app.models import Role, User

    with app.test_request_context(headers={"Accept-Language": "fr"}):
        assert format_date(datetime(2026, 3, 5, tzinfo=UTC), "long") == "5 mars 2026"
        assert format_percent(0.705).replace("\u202f", " ").replace("\xa0", " ") == "70 %"
        assert format_decimal(1.5) == "1,5"
    with app.test_request_context(headers={"Accept-Language": "zh"}):
        assert format_date(datetime(2026, 3, 5, tzinfo=UTC), "long") == "2026年3月5日"
    admin = login_as(role=Role.ADMIN, preferred_language="ru")
    with app.app_context():
        db.session.get(User, admin.id).created_at = datetime(2026, 3, 5, tzinfo=UTC)
        db.session.commit()
    page = client.get(f"/admin/users/{admin.id}").get_data(as_text=True)
    assert '<html lang="ru"' in page
    assert "5 мар. 2026" in page or "5 марта 2026" in page
