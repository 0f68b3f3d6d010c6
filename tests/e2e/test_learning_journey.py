"""A learner registers, enrols, reads, fails and then passes a quiz, passes the final and completes the course."""

import re

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import select

from app.extensions import db
from app.models import QuizAttempt
from tests.e2e.conftest import audit, fill_registration, log_in

COURSE = "/learn/sample-course"
MODULE_1 = f"{COURSE}/know-where-migrants-are"
MODULE_2 = f"{COURSE}/warn-in-languages"
QUIZ = "/quiz/sample-course/warn-check"
FINAL = "/quiz/sample-course/sample-final"
NAME = "Maria Santos"

# warn-check, answered rightly and wrongly. Options are shuffled, so they are found by their text.
RIGHT = {
    "channel": "Messages in their languages, on the channels they use",
    "relays": ["Consulates", "Employers"],
    "languages": "5",
    "matches": {"Preparedness": "Map where migrants live", "Emergency response": "Warn in several languages"},
}
WRONG = {
    "channel": "A press release in the national language",
    "relays": ["Nobody: migrants find out themselves"],
    "languages": "3",
    "matches": {"Preparedness": "Warn in several languages", "Emergency response": "Map where migrants live"},
}


# --- What a learner does, found by form names and addresses so it works in any page language -------------


def register(page: Page, base_url: str, email: str) -> None:
    page.goto(f"{base_url}/auth/register")
    fill_registration(page, email=email, full_name=NAME, position="Consul", language="en")
    page.locator("main form button[type=submit]").click()
    expect(page.locator("header form[action$='/auth/logout'] button")).to_be_visible()


def switch_language(page: Page, label: str) -> None:
    """The header's language select and its button (the select alone never reloads the page)."""
    page.locator("#lang-select").select_option(label=label)
    page.locator("form.language-switcher button[type=submit]").click()


def enrol(page: Page) -> None:
    page.locator(f"main form[action$='{COURSE}/enrol'] button").click()
    expect(page.locator(".flash-success")).to_be_visible()


def mark_completed(page: Page) -> None:
    page.locator("main form[action$='/complete'] button").click()
    expect(page.locator(".flash-success")).to_be_visible()


def start_quiz(page: Page) -> None:
    page.locator("main form[action$='/start'] button").click()
    expect(page.locator("form.quiz-form")).to_be_visible()


def question(page: Page, stem: str):
    return page.locator("form.quiz-form fieldset.question", has_text=stem)


def answer_warn_check(page: Page, answers: dict) -> None:
    question(page, "Which warning reaches").get_by_label(answers["channel"]).check()
    for relay in answers["relays"]:
        question(page, "Who can relay").get_by_label(relay).check()
    question(page, "How many languages").locator("input").fill(answers["languages"])
    matching = question(page, "Match each phase")
    for left, right in answers["matches"].items():
        matching.get_by_label(left, exact=True).select_option(label=right)


def answer_final_rightly(page: Page) -> None:
    """Two of the three questions are drawn, in random order: answer whichever are shown."""
    expect(page.locator("form.quiz-form fieldset.question")).to_have_count(2)
    if question(page, "Guideline 1").count():
        question(page, "Guideline 1").get_by_label("Risks, and where migrants are").check()
    if question(page, "contingency planning").count():
        question(page, "contingency planning").get_by_label("True", exact=True).check()
    if question(page, "MICIC stand for").count():
        question(page, "MICIC stand for").locator("input").fill("Migrants")


def submit(page: Page) -> None:
    page.locator("form.quiz-form button[name=action][value=submit]").click()
    expect(page.locator("main .score")).to_be_visible()


def expect_language(page: Page, lang: str) -> None:
    expect(page.locator("html")).to_have_attribute("lang", lang)
    expect(page.locator("html")).to_have_attribute("dir", "rtl" if lang == "ar" else "ltr")


# --- The journeys ------------------------------------------------------------------------------------------


def whole_journey(page: Page, base_url: str, screenshot) -> None:
    register(page, base_url, "maria.santos@dfa.gov.example")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Courses").click()
    expect(page.get_by_role("heading", name="Courses", level=1)).to_be_visible()
    screenshot(page, "1-catalog")

    page.get_by_role("link", name="Including migrants in emergency management").click()
    page.get_by_role("button", name="Enrol in this course").click()
    expect(page.get_by_role("status")).to_have_text("You are enrolled. Start with the first module.")
    expect(page.locator(".progress")).to_contain_text("0% complete")
    screenshot(page, "2-course")

    page.get_by_role("link", name="Continue").click()
    expect(page.get_by_role("heading", name="Know where migrants are", level=1)).to_be_visible()
    expect(page.locator(".module-body img")).to_have_attribute("alt", "Map of a city with migrant neighbourhoods")
    screenshot(page, "3-module")
    page.get_by_role("button", name="Mark as completed").click()

    expect(page.get_by_role("status")).to_have_text("Module completed.")
    expect(page.get_by_role("heading", name="Warn in languages migrants understand", level=1)).to_be_visible()
    page.get_by_role("link", name="Take the quiz").click()
    expect(page.get_by_role("heading", name="Check your understanding")).to_be_visible()
    page.get_by_role("button", name="Start the quiz").click()

    expect(page.get_by_role("heading", name="Attempt 1")).to_be_visible()
    answer_warn_check(page, WRONG)
    screenshot(page, "4-quiz-attempt")
    page.get_by_role("button", name="Submit (final)").click()
    expect(page.get_by_role("status")).to_have_text(re.compile(r"Score: 0%\s+·\s+Not passed \(pass mark 60%\)"))
    expect(page.get_by_role("heading", name="Question 1: not right")).to_be_visible()
    screenshot(page, "5-result-not-passed")

    page.get_by_role("link", name="Back to the quiz").click()
    expect(page.get_by_text("1 of 3 used")).to_be_visible()
    page.get_by_role("button", name="Start a new attempt").click()
    expect(page.get_by_role("heading", name="Attempt 2")).to_be_visible()
    answer_warn_check(page, RIGHT)
    page.get_by_role("button", name="Submit (final)").click()
    expect(page.get_by_role("status")).to_have_text(re.compile(r"Score: 100%\s+·\s+Passed"))
    expect(page.get_by_role("heading", name="Question 4: right")).to_be_visible()
    screenshot(page, "6-result-passed")

    page.get_by_role("link", name="Back to the course").click()
    expect(page.locator(".progress")).to_contain_text("100% complete")
    expect(page.locator(".module-row .status.done")).to_have_count(2)
    page.get_by_role("link", name="Go to the final assessment").click()
    expect(page.get_by_role("heading", name="Final assessment")).to_be_visible()
    page.get_by_role("button", name="Start the quiz").click()
    expect(page.locator("#deadline")).to_contain_text("Answers count until")
    answer_final_rightly(page)
    page.get_by_role("button", name="Submit (final)").click()
    expect(page.get_by_role("status")).to_have_text(re.compile(r"Score: 100%\s+·\s+Passed"))

    page.get_by_role("link", name="Back to the course").click()
    expect(page.get_by_text(re.compile(r"You completed this course on"))).to_be_visible()
    expect(page.get_by_role("link", name="Go to the final assessment").locator("xpath=..")).to_contain_text("Passed")
    screenshot(page, "7-course-completed")

    page.get_by_role("link", name="My learning").click()
    expect(page.get_by_text(re.compile(r"Completed on"))).to_be_visible()
    expect(page.locator("#activity-title + ul li")).to_have_count(2)
    screenshot(page, "8-dashboard")


def test_the_whole_learning_journey(page: Page, live_server, sample_course, screenshot):
    whole_journey(page, live_server, screenshot)


def test_the_whole_learning_journey_without_javascript(open_page, live_server, sample_course, screenshot):
    page = open_page(java_script_enabled=False)
    whole_journey(page, live_server, screenshot)
    expect(page.locator("html")).not_to_have_class("js")


def test_a_quiz_can_be_answered_and_submitted_with_the_keyboard_only(page: Page, live_server, sample_course):
    register(page, live_server, "keyboard.user@dfa.gov.example")
    page.goto(live_server + COURSE)
    enrol(page)
    page.goto(live_server + QUIZ)
    start_quiz(page)

    keys = Keyboard(page)
    # Single answer: Tab enters the radio group, the arrow keys move through it and choose.
    keys.tab_to("input[type=radio]")
    keys.arrow_to(RIGHT["channel"])
    # Several answers: Tab from box to box, Space ticks the right ones.
    for _ in range(3):
        keys.tab_to("input[type=checkbox]")
        if keys.focused_label() in RIGHT["relays"]:
            page.keyboard.press("Space")
    keys.tab_to("input[inputmode=decimal]")
    page.keyboard.type(RIGHT["languages"])
    # Matching: typing the first letters of an option chooses it in a closed select.
    for right in RIGHT["matches"].values():
        keys.tab_to("select[name^=q-]")
        page.keyboard.type(right[:4])
    keys.tab_to("button[value=submit]")
    page.keyboard.press("Enter")

    expect(page.get_by_role("status")).to_have_text(re.compile(r"Score: 100%\s+·\s+Passed"))
    for number in range(1, 5):
        expect(page.get_by_role("heading", name=f"Question {number}: right")).to_be_visible()


class Keyboard:
    """Moves through a page with Tab and the arrow keys only, checking each stop shows where focus is."""

    def __init__(self, page: Page):
        self.page = page

    def tab_to(self, selector: str, limit: int = 30) -> None:
        for _ in range(limit):
            self.page.keyboard.press("Tab")
            if self.page.evaluate("s => document.activeElement.matches(s)", selector):
                self.expect_visible_focus()
                return
        raise AssertionError(f"{limit} presses of Tab never reached {selector}")

    def arrow_to(self, label: str, limit: int = 6) -> None:
        for _ in range(limit):
            if self.focused_label() == label:
                if not self.page.evaluate("document.activeElement.checked"):
                    self.page.keyboard.press("Space")  # Tab focuses the first radio without choosing it
                assert self.page.evaluate("document.activeElement.checked")
                return
            self.page.keyboard.press("ArrowDown")
        raise AssertionError(f"the arrow keys never reached {label!r}")

    def focused_label(self) -> str:
        return self.page.evaluate("document.activeElement.labels[0].innerText.trim()")

    def expect_visible_focus(self) -> None:
        outline = self.page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
        assert outline not in ("", "none"), "the focused control shows no focus outline"


def test_the_learner_journey_in_arabic_chinese_and_russian(page: Page, live_server, sample_course, screenshot):
    register(page, live_server, "layla.mansour@dfa.gov.example")
    page.goto(live_server + "/learn/")
    switch_language(page, "العربية")
    expect_language(page, "ar")
    # The course has an Arabic title; its modules and quizzes are in English and French only.
    expect(page.locator("main .course-list h2 a")).to_have_text("إدماج المهاجرين في إدارة الطوارئ")
    expect(page.locator("main .course-list h2 a")).to_have_attribute("lang", "ar")
    screenshot(page, "ar-1-catalog")

    page.locator("main .course-list h2 a").click()
    expect_language(page, "ar")
    enrol(page)
    page.locator(f"main a.button[href$='{MODULE_1}']").click()
    expect_language(page, "ar")
    module = page.locator("article.module")
    expect(module).to_have_attribute("lang", "en")
    expect(module).to_have_attribute("dir", "ltr")
    expect(module.locator(".notice")).to_be_visible()
    screenshot(page, "ar-2-module")
    mark_completed(page)

    expect(page).to_have_url(re.compile(re.escape(MODULE_2) + "$"))
    page.locator(f"main a.button[href$='{QUIZ}']").click()
    expect_language(page, "ar")
    screenshot(page, "ar-3-quiz")
    start_quiz(page)
    expect(page.locator("form.quiz-form fieldset.question").first).to_have_attribute("dir", "ltr")
    answer_warn_check(page, RIGHT)
    screenshot(page, "ar-4-attempt")
    submit(page)
    expect(page.locator("main .score.passed")).to_be_visible()
    expect(page.locator("main .score")).to_contain_text("100")
    expect_language(page, "ar")
    screenshot(page, "ar-5-result")

    for label, lang in (("中文", "zh"), ("русский", "ru")):
        page.goto(live_server + "/learn/")
        switch_language(page, label)
        expect_language(page, lang)
        # No translation in this language: the English course, saying so.
        expect(page.locator("main .course-list h2 a")).to_have_text("Including migrants in emergency management")
        expect(page.locator("main .course-list .notice")).to_be_visible()
        screenshot(page, f"{lang}-1-catalog")
        page.goto(live_server + MODULE_1)
        expect_language(page, lang)
        expect(page.locator("article.module")).to_have_attribute("lang", "en")
        expect(page.locator("article.module .notice")).to_be_visible()
        expect(page.locator(".module-end .status.done")).to_be_visible()
        screenshot(page, f"{lang}-2-module")


# --- Accessibility of the learning pages -------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_learning_pages_have_no_serious_accessibility_problem(
    open_page, live_server, sample_course, make_account, screenshot, lang
):
    page = open_page(locale=lang)
    log_in(page, live_server, make_account(preferred_language=lang))
    page.goto(live_server + "/learn/")
    expect_language(page, lang)
    audit(page, screenshot, "catalog")

    page.goto(live_server + COURSE)
    audit(page, screenshot, "course-before-enrolling")
    enrol(page)
    audit(page, screenshot, "course")

    page.goto(live_server + MODULE_1)
    expect(page.locator("article.module")).to_be_visible()
    audit(page, screenshot, "module")

    page.goto(live_server + QUIZ)
    audit(page, screenshot, "quiz")
    start_quiz(page)
    answer_warn_check(page, WRONG)
    page.locator("form.quiz-form button[name=action][value=save]").click()
    expect(page.locator(".flash-success")).to_be_visible()
    audit(page, screenshot, "attempt")
    submit(page)
    expect(page.locator("main .score.failed")).to_be_visible()
    audit(page, screenshot, "result")

    page.goto(live_server + FINAL)
    start_quiz(page)
    expect(page.locator("#deadline")).to_be_visible()
    audit(page, screenshot, "final-attempt")

    page.goto(live_server + "/learn/dashboard")
    expect_language(page, lang)
    audit(page, screenshot, "dashboard")


def test_a_tampered_quiz_answer_is_refused_and_nothing_is_saved(
    open_page, live_app, live_server, sample_course, make_account, screenshot
):
    """A quiz form has no field a learner can get wrong (every answer may be left empty, choices are fixed),
    so there is no error summary to show: the only invalid submission is a tampered one, refused whole."""
    page = open_page()
    log_in(page, live_server, make_account())
    page.goto(live_server + COURSE)
    enrol(page)
    page.goto(live_server + QUIZ)
    start_quiz(page)
    answer_warn_check(page, RIGHT)
    page.locator("form.quiz-form input[type=radio]:checked").evaluate("radio => { radio.value = '99'; }")
    page.locator("form.quiz-form button[name=action][value=submit]").click()

    expect(page.get_by_role("heading", name="Bad request")).to_be_visible()
    audit(page, screenshot, "tampered")
    with live_app.app_context():
        attempt = db.session.scalars(select(QuizAttempt)).one()
        assert attempt.submitted_at is None
        assert attempt.answers == {}
