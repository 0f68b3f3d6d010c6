"""axe-core finds no serious or critical accessibility problem on any page, in English and in Arabic."""

import pytest
from playwright.sync_api import Page, expect

from app.extensions import db
from app.models import Ministry, MinistryStatus, Role
from tests.e2e.conftest import audit, log_in

LANGUAGES = ["en", "ar"]


def open_in(open_page, lang: str) -> Page:
    """A page whose browser asks for the language (Accept-Language), as a reader's browser would."""
    return open_page(locale=lang)


def expect_language(page: Page, lang: str) -> None:
    expect(page.locator("html")).to_have_attribute("lang", lang)
    expect(page.locator("html")).to_have_attribute("dir", "rtl" if lang == "ar" else "ltr")


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize(
    ("step", "path"),
    [("home", "/"), ("login", "/auth/login"), ("register", "/auth/register"), ("not-found", "/no-such-page")],
    ids=["home", "login", "register", "not-found"],
)
def test_public_pages(open_page, live_server, screenshot, lang, step, path):
    page = open_in(open_page, lang)
    response = page.goto(live_server + path)
    assert response.status == (404 if step == "not-found" else 200)
    expect_language(page, lang)
    audit(page, screenshot, step)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_registration_form_with_errors(open_page, live_server, screenshot, lang):
    page = open_in(open_page, lang)
    page.goto(f"{live_server}/auth/register")
    page.locator("#email").fill("not-an-address")
    page.locator("main form button[type=submit]").click()
    # Each problem is shown next to its field, and the field is marked invalid for screen readers.
    expect(page.locator("main .error").first).to_be_visible()
    expect(page.locator("#email")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#email")).to_have_attribute("aria-describedby", "email-error")
    expect(page.locator("#ministry")).to_have_attribute("aria-invalid", "true")
    expect_language(page, lang)
    audit(page, screenshot, "register-errors")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_profile_page(open_page, live_server, make_account, screenshot, lang):
    email = make_account(
        full_name="ليلى منصور",
        country_code="PH",
        ministry_name="Department of Foreign Affairs",
        position="Consul",
        preferred_language=lang,
    )
    page = open_in(open_page, lang)
    log_in(page, live_server, email)
    page.goto(f"{live_server}/auth/profile")
    expect(page.locator("#full_name")).to_have_value("ليلى منصور")
    expect_language(page, lang)
    audit(page, screenshot, "profile")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_admin_pages(open_page, live_app, live_server, make_account, screenshot, lang):
    # Some people and a ministry awaiting review, so the tables and forms on these pages are filled in.
    make_account(full_name="ليلى منصور", country_code="PH", ministry_name="Department of Foreign Affairs")
    make_account(full_name="Нодира Юсупова", country_code="UZ", ministry_name="Ministry of Emergency Situations")
    make_account(full_name="王芳", country_code="CN", ministry_name="Ministry of Civil Affairs")
    with live_app.app_context():
        db.session.add(Ministry(country_code="PH", name="Office of Migrant Workers", status=MinistryStatus.PENDING))
        db.session.commit()
    admin = make_account(role=Role.ADMIN, full_name="Amina Diallo", preferred_language=lang)

    page = open_in(open_page, lang)
    log_in(page, live_server, admin)
    page.goto(f"{live_server}/admin/users")
    expect(page.locator("tbody tr")).to_have_count(4)
    expect(page.locator("tbody")).to_contain_text("Нодира Юсупова")
    expect_language(page, lang)
    audit(page, screenshot, "admin-users")

    page.goto(f"{live_server}/admin/ministries")
    expect(page.locator("main")).to_contain_text("Office of Migrant Workers")
    expect_language(page, lang)
    audit(page, screenshot, "admin-ministries")
