"""A trainer edits a module in the browser, previews it and publishes it; the course page in English and Arabic."""

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from app.authoring.publishing import publish_course
from app.content.sources import read_folder
from app.extensions import db
from app.models import Role
from tests.e2e.conftest import log_in
from tests.e2e.test_accessibility import audit

SAMPLE = Path(__file__).parents[1] / "content" / "fixtures" / "courses" / "sample"
TITLE = "Including migrants in emergency management"
SENTENCE = "Early warnings reach migrants only in languages and channels they use."
NEW_SENTENCE = "Early warnings reach migrants only in the languages and channels they trust."


@pytest.fixture
def trainer_email(live_app, make_account) -> str:
    """The sample course published as version 1, and a trainer's account."""
    with live_app.test_request_context(method="POST"):
        publish_course(read_folder(SAMPLE))
        db.session.commit()
    return make_account(role=Role.TRAINER, full_name="Tess Trainer")


def open_editor_of_module_02(page: Page, base_url: str) -> None:
    page.goto(f"{base_url}/")
    page.locator("header nav a[href='/authoring/']").click()
    page.get_by_role("link", name=TITLE).click()
    expect(page.locator("h1")).to_have_text(TITLE)
    page.locator("a[href$='edit?path=02-warn-in-languages.md']").click()
    expect(page.locator("h1")).to_contain_text("02-warn-in-languages.md")


def test_trainer_previews_and_publishes_an_edit(page, live_server, trainer_email, screenshot):
    log_in(page, live_server, trainer_email)
    open_editor_of_module_02(page, live_server)
    audit(page, screenshot, "editor")
    text = page.locator("#text")
    text.fill(text.input_value().replace(SENTENCE, NEW_SENTENCE))
    page.locator("button[name=action][value=preview]").click()
    expect(page.locator(".module-preview")).to_contain_text(NEW_SENTENCE)
    expect(page.locator("#text")).to_have_value(text.input_value())  # the text stays in the editor
    screenshot(page, "preview")

    page.locator("#note").fill("Warnings in trusted channels")
    page.locator("button[name=action][value=publish]").click()
    expect(page.locator(".flash-success")).to_have_text("Published version 2.")
    expect(page.locator("dl.facts")).to_contain_text("Version 2")
    latest = page.locator("section[aria-labelledby=history-title] tbody tr").first
    expect(latest).to_contain_text("Tess Trainer")
    expect(latest).to_contain_text("Warnings in trusted channels")
    audit(page, screenshot, "course-page")

    latest.locator("a", has_text="Changes").click()
    expect(page.locator(".diff-add")).to_have_text(f"+{NEW_SENTENCE}")
    expect(page.locator(".diff-del")).to_have_text(f"-{SENTENCE}")
    audit(page, screenshot, "diff")
    page.get_by_role("link", name="Back to the course").click()

    page.locator("#lang-select").select_option("ar")
    page.locator(".language-switcher button[type=submit]").click()
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("h1")).to_have_text(TITLE)  # the course's own title stays in its language
    audit(page, screenshot, "course-page-ar")


def test_editing_works_without_javascript(open_page, live_server, trainer_email, screenshot):
    page = open_page(java_script_enabled=False)
    log_in(page, live_server, trainer_email)
    open_editor_of_module_02(page, live_server)
    text = page.locator("#text")
    text.fill(text.input_value().replace(SENTENCE, NEW_SENTENCE))
    page.locator("button[name=action][value=preview]").click()
    expect(page.locator(".module-preview")).to_contain_text(NEW_SENTENCE)
    screenshot(page, "preview-without-javascript")
    page.locator("button[name=action][value=publish]").click()
    expect(page.locator(".flash-success")).to_have_text("Published version 2.")


def test_preview_follows_typing_with_javascript(page, live_server, trainer_email, screenshot):
    log_in(page, live_server, trainer_email)
    open_editor_of_module_02(page, live_server)
    text = page.locator("#text")
    text.fill(text.input_value().replace(SENTENCE, "A sentence typed *just now*."))
    # No button pressed: app.js asks the server for the preview after a pause in typing.
    expect(page.locator(".module-preview em")).to_have_text("just now")
    screenshot(page, "live-preview")
