"""Browser tests: the app served by waitress on 127.0.0.1, driven by Debian's Chromium through Playwright.

Chromium comes from the system (`apt-get install chromium`); `playwright install` is never needed.
Without Chromium these tests skip, unless E2E_REQUIRED is set (CI sets it), where they fail.
Screenshots go to tests/e2e/artifacts/ (git-ignored), one per step, plus one of every open page on failure.
"""

import os
import re
import shutil
import threading
import uuid
from pathlib import Path

import pytest
import waitress
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect, sync_playwright
from waitress import wasyncore

from app import create_app
from app.auth.services import create_user
from app.authoring.publishing import publish_course
from app.content.sources import read_folder
from app.extensions import db
from app.ministries import ensure_starter_ministries, find_ministry
from app.models import Role
from tests.conftest import app_settings, fresh_database

ARTIFACTS = Path(__file__).parent / "artifacts"
SAMPLE_COURSE = Path(__file__).parents[1] / "content" / "fixtures" / "courses" / "sample"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# Long enough for a slow CI machine, short enough that a wrong locator fails quickly.
TIMEOUT_MS = 10_000
expect.set_options(timeout=TIMEOUT_MS)
PASSWORD = "quiet-river-lantern-42"


def pytest_collection_modifyitems(items):
    """Every test in this folder is a browser test: `pytest -m "not e2e"` leaves them out."""
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.fspath).parents:
            item.add_marker(pytest.mark.e2e)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """Keep each phase's report on the test, so fixtures can tell whether the test failed."""
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"report_{report.when}", report)


# --- The app, served for real ---------------------------------------------------------------------------


@pytest.fixture
def live_app(tmp_path):
    """The app on a fresh database holding the starter ministries (so registration has a list)."""
    with fresh_database(create_app(app_settings(tmp_path))) as app:
        with app.app_context():
            ensure_starter_ministries()
            db.session.commit()
        yield app


@pytest.fixture
def live_server(live_app):
    """The base URL of the app served by waitress in a background thread, e.g. http://127.0.0.1:41234."""
    server = waitress.create_server(live_app, host="127.0.0.1", port=0)
    thread = threading.Thread(target=server.run, name="waitress", daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.effective_port}"
    # Close every socket from inside the server's own loop; the loop ends once none is left.
    server.trigger.pull_trigger(lambda: wasyncore.close_all(server._map))
    thread.join(timeout=10)
    server.task_dispatcher.shutdown()
    assert not thread.is_alive(), "the test server did not stop"


@pytest.fixture
def sample_course(live_app):
    """The sample course published in the live app: English, French, and an Arabic title only."""
    with live_app.test_request_context(method="POST"):  # POST: the SQLite connection may write
        publish_course(read_folder(SAMPLE_COURSE))
        db.session.commit()


@pytest.fixture
def make_account(live_app):
    """Create an account directly in the database; returns its e-mail address (the password is PASSWORD)."""

    def make(role=Role.LEARNER, full_name="Maria Santos", ministry_name=None, **fields) -> str:
        email = f"{role.value}-{uuid.uuid4().hex[:8]}@gov.example"
        with live_app.app_context():
            if ministry_name is not None:
                fields["ministry"] = find_ministry(fields["country_code"], ministry_name)
            create_user(email, PASSWORD, full_name, role=role, **fields)
            db.session.commit()
        return email

    return make


# --- The browser -----------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser():
    """One Chromium for the whole run; each test gets its own context (cookies, storage) from open_page."""
    executable = shutil.which("chromium")
    if executable is None:
        if os.environ.get("E2E_REQUIRED"):
            pytest.fail("E2E_REQUIRED is set but Chromium is not installed: apt-get install chromium")
        pytest.skip("Chromium not installed: apt-get install chromium to run the browser tests")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def open_page(browser, request):
    """Open a page in a fresh browser context, e.g. open_page(locale="ar", java_script_enabled=False)."""
    contexts = []

    def open_(**context_options) -> Page:
        context_options.setdefault("locale", "en-US")
        context = browser.new_context(**context_options)
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        return context.new_page()

    yield open_
    failed = getattr(request.node, "report_call", None) is not None and request.node.report_call.failed
    for number, context in enumerate(contexts, start=1):
        if failed:
            for page in context.pages:
                save_screenshot(page, request.node.name, f"failure-{number}")
        context.close()


@pytest.fixture
def page(open_page) -> Page:
    """A page in English with JavaScript on."""
    return open_page()


@pytest.fixture
def screenshot(request):
    """screenshot(page, "step") saves artifacts/<test name>-<step>.png of the whole page."""

    def take(page: Page, step: str) -> Path:
        return save_screenshot(page, request.node.name, step)

    return take


def save_screenshot(page: Page, test_name: str, step: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    name = re.sub(r"[^\w.]+", "-", f"{test_name}-{step}").strip("-")
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


# --- Accessibility ---------------------------------------------------------------------------------------

BLOCKING = {"serious", "critical"}
axe = Axe()  # axe-core as shipped in the package: runs offline


def audit(page: Page, screenshot, step: str) -> None:
    """Screenshot the page, run axe on it, and fail with a readable list of any serious problem."""
    screenshot(page, step)
    violations = axe.run(page).response["violations"]
    blocking = [v for v in violations if v["impact"] in BLOCKING]
    report = "\n".join(
        f"{v['id']} ({v['impact']}): {v['help']}\n"
        + "\n".join(f"    {' '.join(map(str, node['target']))}  {node['html'][:160]}" for node in v["nodes"])
        for v in blocking
    )
    if blocking:
        print(f"axe on {page.url}:\n{report}")
    assert not blocking, f"axe on {page.url}:\n{report}"


# --- What a user does, in any language -------------------------------------------------------------------
# These find fields by their form names, not their labels, so they work whatever the page language.


def log_in(page: Page, base_url: str, email: str, password: str = PASSWORD) -> None:
    page.goto(f"{base_url}/auth/login")
    page.locator("#email").fill(email)
    page.locator("#password").fill(password)
    page.locator("main form button[type=submit]").click()
    expect(logout_button(page)).to_be_visible()


def logout_button(page: Page):
    return page.locator("header form[action$='/auth/logout'] button")


def fill_registration(page: Page, *, email, full_name, position, language, ministry="Department of Foreign Affairs"):
    """Fill the registration form by field name (labels change with the page language)."""
    page.locator("#email").fill(email)
    page.locator("#password").fill(PASSWORD)
    page.locator("#confirm").fill(PASSWORD)
    page.locator("#full_name").fill(full_name)
    page.locator("#country").select_option("PH")
    page.locator("#ministry").select_option(label=ministry)
    page.locator("#position").fill(position)
    page.locator("#preferred_language").select_option(language)
