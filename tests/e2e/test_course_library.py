"""The shipped MICIC course, read and quizzed in each of the six languages in a real browser."""

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from app.authoring.publishing import course_folders, publish_folders
from app.extensions import db
from tests.e2e.conftest import log_in

COURSES = Path(__file__).resolve().parent.parent.parent / "courses"
LANGUAGES = ["en", "fr", "es", "ar", "ru", "zh"]
MODULE = "/learn/micic-guidelines/mg-what-is-micic"


@pytest.fixture
def library(live_app):
    with live_app.test_request_context(method="POST"):
        publish_folders(course_folders(COURSES))
        db.session.commit()


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_module_and_its_quiz_in_each_language(page: Page, live_server, library, make_account, screenshot, language):
    log_in(page, live_server, make_account(preferred_language=language))
    html = page.locator("html")
    expect(html).to_have_attribute("lang", language)
    expect(html).to_have_attribute("dir", "rtl" if language == "ar" else "ltr")

    page.goto(f"{live_server}/learn/micic-guidelines")
    page.locator("form[action$='/enrol'] button").click()
    page.goto(f"{live_server}{MODULE}")
    article = page.locator("article.module")
    expect(article).to_have_attribute("lang", language)  # the translation, not the English fallback
    expect(page.locator(".notice")).to_have_count(0)
    expect(article.locator("aside.callout-case-study")).to_be_visible()
    screenshot(page, f"{language}-module")

    page.locator(".module-end a.button").click()  # take the quiz
    page.locator("form[action$='/start'] button").click()
    form = page.locator("form.quiz-form")
    expect(form.locator("fieldset.question").first).to_have_attribute("lang", language)
    # Answer the first choice of every radio question and submit; the result page grades it.
    for fieldset in form.locator("fieldset.question").all():
        radios = fieldset.locator("input[type=radio]")
        if radios.count():
            radios.first.check()
    screenshot(page, f"{language}-quiz")
    form.locator("button[value=submit]").click()
    expect(page.locator("p.score")).to_be_visible()
    screenshot(page, f"{language}-result")
