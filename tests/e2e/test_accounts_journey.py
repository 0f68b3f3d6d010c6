"""An official creates an account, logs out, logs back in and edits their profile, in the browser."""

from playwright.sync_api import Page, expect

from tests.e2e.conftest import PASSWORD, fill_registration, log_in, logout_button

NAME = "ليلى منصور"
EMAIL = "layla.mansour@dfa.gov.example"
MINISTRY = "Department of Foreign Affairs"


def test_register_log_out_log_in_and_edit_profile(page: Page, live_server, screenshot):
    page.goto(live_server)
    page.get_by_role("link", name="Create account").click()
    expect(page.get_by_role("heading", name="Create an account")).to_be_visible()

    page.get_by_label("E-mail address").fill(EMAIL)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Repeat the password").fill(PASSWORD)
    page.get_by_label("Full name, as it should appear on your certificate").fill(NAME)
    page.get_by_label("Country").select_option("PH")
    ministry = page.get_by_label("Ministry or organisation", exact=True)
    # app.js narrows the list to the chosen country's ministries.
    expect(ministry.locator("optgroup[data-country='PH']")).to_be_enabled()
    expect(ministry.locator("optgroup[data-country='US']")).to_be_disabled()
    expect(page.get_by_label("Name of your ministry or organisation, if not listed")).to_be_hidden()
    ministry.select_option(label=MINISTRY)
    page.get_by_label("Position or post").fill("Consul")
    page.get_by_label("Preferred language").select_option("en")
    screenshot(page, "1-register-filled")
    page.get_by_role("button", name="Create account").click()

    expect(page.get_by_role("status")).to_have_text("Welcome! Your account is ready.")
    expect(page.get_by_text(f"Welcome, {NAME}.")).to_be_visible()
    screenshot(page, "2-registered")

    page.get_by_role("button", name="Log out").click()
    expect(page.get_by_role("status")).to_have_text("You have logged out.")
    expect(page.get_by_text(NAME)).to_have_count(0)

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Log in").click()
    page.get_by_label("E-mail address").fill(EMAIL)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_text(f"Welcome, {NAME}.")).to_be_visible()

    page.get_by_role("link", name="My profile").click()
    expect(page.get_by_role("heading", name="My profile")).to_be_visible()
    expect(page.get_by_text(EMAIL)).to_be_visible()
    expect(page.get_by_label("Full name, as it should appear on your certificate")).to_have_value(NAME)
    page.get_by_label("Position or post").fill("Consul General")
    page.get_by_role("button", name="Save profile").click()

    expect(page.get_by_role("status")).to_have_text("Your profile has been saved.")
    expect(page.get_by_label("Position or post")).to_have_value("Consul General")
    screenshot(page, "3-profile-saved")


def test_profile_shows_the_saved_ministry_and_keeps_it_on_save(page: Page, live_server, make_account):
    email = make_account(country_code="PH", ministry_name=MINISTRY)
    log_in(page, live_server, email)
    page.get_by_role("link", name="My profile").click()
    ministry = page.get_by_label("Ministry or organisation", exact=True)
    expect(ministry.locator("option:checked")).to_have_text(MINISTRY, timeout=2_000)
    page.get_by_label("Position or post").fill("Consul General")
    page.get_by_role("button", name="Save profile").click()
    expect(page.get_by_role("status")).to_have_text("Your profile has been saved.", timeout=2_000)


def test_the_same_journey_in_arabic(page: Page, live_server, screenshot):
    page.goto(live_server)
    expect(page.locator("html")).to_have_attribute("dir", "ltr")
    page.get_by_label("Language").select_option(label="العربية")
    page.get_by_role("button", name="Change").click()
    html = page.locator("html")
    expect(html).to_have_attribute("lang", "ar")
    expect(html).to_have_attribute("dir", "rtl")
    screenshot(page, "1-home")

    page.locator("header a[href$='/auth/register']").click()
    fill_registration(page, email=EMAIL, full_name=NAME, position="قنصل", language="ar")
    screenshot(page, "2-register")
    page.locator("main form button[type=submit]").click()
    expect(page.locator(".flash-success")).to_be_visible()
    expect(page.locator("main")).to_contain_text(NAME)
    expect(html).to_have_attribute("dir", "rtl")

    logout_button(page).click()
    expect(page.locator("header a[href$='/auth/login']")).to_be_visible()
    page.locator("header a[href$='/auth/login']").click()
    expect(html).to_have_attribute("dir", "rtl")
    screenshot(page, "3-login")
    log_in(page, live_server, EMAIL)
    expect(page.locator("main")).to_contain_text(NAME)

    page.locator("header a[href$='/auth/profile']").click()
    expect(html).to_have_attribute("dir", "rtl")
    expect(page.locator("#full_name")).to_have_value(NAME)
    expect(page.locator("#position")).to_have_value("قنصل")
    page.locator("#position").fill("قنصل عام")
    page.locator("main form button[type=submit]").click()
    expect(page.locator(".flash-success")).to_be_visible()
    expect(page.locator("#position")).to_have_value("قنصل عام")
    expect(html).to_have_attribute("lang", "ar")
    screenshot(page, "4-profile")


def test_registration_works_without_javascript(open_page, live_server, screenshot):
    page = open_page(java_script_enabled=False)
    page.goto(live_server)
    expect(page.get_by_role("button", name="Change")).to_be_visible()

    page.get_by_role("link", name="Create account").click()
    ministry = page.get_by_label("Ministry or organisation", exact=True)
    # Every country's ministries are offered, grouped by country, and "other" can be typed in.
    expect(ministry.locator("optgroup[label='Philippines']")).to_contain_text(MINISTRY)
    expect(ministry.locator("optgroup[label='United States']")).to_contain_text("Department of State")
    expect(page.get_by_label("Name of your ministry or organisation, if not listed")).to_be_visible()
    fill_registration(page, email=EMAIL, full_name=NAME, position="Consul", language="en")
    screenshot(page, "register")
    page.get_by_role("button", name="Create account").click()

    expect(page.get_by_role("status")).to_have_text("Welcome! Your account is ready.")
    expect(page.get_by_text(f"Welcome, {NAME}.")).to_be_visible()
    expect(page.get_by_role("button", name="Log out")).to_be_visible()


def test_choosing_a_language_does_not_reload_the_page_until_asked(page: Page, live_server):
    """WCAG 3.2.2: arrowing through the languages must not switch the page; the button does."""
    page.goto(live_server)
    page.get_by_label("Language").select_option(label="français")
    page.wait_for_timeout(300)
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.get_by_role("button", name="Change").click()
    expect(page.locator("html")).to_have_attribute("lang", "fr")
