"""The learner's journey: catalog, enrolment, reading modules in their language, progress and completion."""

from html import unescape

import pytest
from sqlalchemy import select

from app.extensions import db
from app.learn import hooks
from app.models import Enrolment, ModuleProgress
from tests.conftest import post_form
from tests.learn.conftest import FINAL, MODULE_01, MODULE_02, QUIZ_02, SLUG, complete, count, enrol, pass_quiz

TITLE_EN = "Including migrants in emergency management"
TITLE_FR = "Inclure les migrants dans la gestion des urgences"
FALLBACK_NOTICE = "This is not yet available in"
FALLBACK_NOTICE_FR = "pas encore disponible en français"


def page(client, url, **kwargs) -> str:
    response = client.get(url, **kwargs)
    assert response.status_code == 200, url
    return response.get_data(as_text=True)


def enrolment(app) -> Enrolment:
    with app.app_context():
        row = db.session.scalar(select(Enrolment))
        db.session.expunge_all()
        return row


def test_catalog_lists_the_course_in_the_readers_language(client, sample_course):
    html = page(client, "/learn/")
    assert TITLE_EN in html
    assert "How host-country officials include migrants" in html
    assert f'href="/learn/{SLUG}"' in html
    french = page(client, "/learn/", headers={"Accept-Language": "fr"})
    assert TITLE_FR in french
    assert TITLE_EN not in french
    assert "Comment les responsables du pays d&#39;accueil" in french


@pytest.mark.parametrize(
    ("query", "listed"),
    [
        ("audience=emergency-management", True),
        ("audience=consular", False),
        ("phase=preparedness", True),
        ("phase=emergency-response", True),
        ("phase=post-crisis", False),
        ("audience=emergency-management&phase=post-crisis", False),
        ("audience=nonsense&phase=nonsense", True),  # unknown values are no filter
    ],
)
def test_catalog_filters_by_audience_and_phase(client, sample_course, query, listed):
    html = page(client, f"/learn/?{query}")
    assert (TITLE_EN in html) is listed
    assert ("No course matches these filters." in html) is not listed


def test_course_page_invites_visitors_to_log_in_and_learners_to_enrol(client, login_as, sample_course):
    html = page(client, f"/learn/{SLUG}")
    assert "Log in to enrol" in html
    assert "Know where migrants are" in html
    login_as()
    html = page(client, f"/learn/{SLUG}")
    assert "Enrol in this course" in html
    assert f'href="/learn/{SLUG}/{MODULE_01}"' not in html  # modules open once enrolled


def test_enrolling_twice_makes_one_enrolment(app, client, login_as, sample_course):
    login_as()
    first, second = enrol(client), enrol(client)
    assert first.status_code == second.status_code == 302
    assert count(app, Enrolment) == 1
    html = page(client, f"/learn/{SLUG}")
    assert "Enrol in this course" not in html
    assert f'href="/learn/{SLUG}/{MODULE_01}"' in html
    assert "0% complete" in html


def test_unknown_course_or_module_is_404(client, learner):
    assert client.get("/learn/no-such-course").status_code == 404
    assert client.get(f"/learn/{SLUG}/no-such-module").status_code == 404
    assert post_form(client, "/learn/no-such-course/enrol").status_code == 404


def test_module_needs_an_enrolment(client, login_as, sample_course):
    login_as()
    response = client.get(f"/learn/{SLUG}/{MODULE_01}")
    assert response.status_code == 302
    assert response.headers["Location"] == f"/learn/{SLUG}"


def test_module_page_shows_the_stored_html(client, learner):
    html = page(client, f"/learn/{SLUG}/{MODULE_01}")
    assert "<h1>Know where migrants are</h1>" in html
    assert '<h2 id="why-it-matters">Why it matters</h2>' in html
    assert '<aside class="callout callout-key-point" role="note">' in html
    assert "<table>" in html
    assert "Explain why mapping migrant presence matters before a crisis" in html
    assert f'rel="next" href="/learn/{SLUG}/{MODULE_02}"' in html
    assert "Mark as completed" in html
    assert FALLBACK_NOTICE not in html


def test_french_reader_gets_french_module_01_and_english_module_02_with_a_notice(client, login_as, sample_course):
    # A visitor's browser picks the language; a learner's profile language comes before it.
    assert TITLE_FR in page(client, f"/learn/{SLUG}", headers={"Accept-Language": "fr"})
    login_as(preferred_language="fr")
    enrol(client)
    browser_says_english = {"Accept-Language": "en"}
    html = page(client, f"/learn/{SLUG}/{MODULE_01}", headers=browser_says_english)
    assert '<html lang="fr"' in html
    assert '<article lang="fr" dir="ltr"' in html
    assert "<h1>Savoir où se trouvent les migrants</h1>" in html
    assert "Pourquoi c'est important" in html
    assert FALLBACK_NOTICE_FR not in unescape(html)
    html = page(client, f"/learn/{SLUG}/{MODULE_02}", headers=browser_says_english)
    assert '<article lang="en" dir="ltr"' in html
    assert "Early warnings reach migrants only in languages and channels they use." in html
    # The notice, in the reader's language; language names come from Babel ("anglais").
    assert FALLBACK_NOTICE_FR in unescape(html)
    assert "affiché en anglais" in unescape(html)


def test_language_switcher_changes_the_module_language(client, learner):
    url = f"/learn/{SLUG}/{MODULE_01}"
    assert "Why it matters" in page(client, url)
    response = post_form(client, "/language", {"lang": "fr", "next": url})
    assert response.headers["Location"] == url
    html = page(client, url)
    assert "Pourquoi c'est important" in html
    assert "Why it matters" not in html
    assert FALLBACK_NOTICE_FR in unescape(page(client, f"/learn/{SLUG}/{MODULE_02}"))
    assert TITLE_FR in page(client, f"/learn/{SLUG}")
    # Back to English: the source text, and no notice.
    post_form(client, "/language", {"lang": "en", "next": url})
    html = page(client, f"/learn/{SLUG}/{MODULE_02}")
    assert "Early warnings reach migrants" in html
    assert FALLBACK_NOTICE not in html


def test_arabic_reader_gets_the_english_modules_with_a_notice(client, login_as, sample_course):
    """Arabic is one of the course's languages, but no module is translated yet."""
    login_as(preferred_language="ar")
    enrol(client)
    for module_key in (MODULE_01, MODULE_02):
        html = page(client, f"/learn/{SLUG}/{module_key}")
        assert '<html lang="ar" dir="rtl"' in html
        assert '<article lang="en" dir="ltr"' in html
        assert 'class="notice" role="note" lang="ar" dir="rtl"' in html


def test_mark_as_completed_records_the_module_once(app, client, learner):
    response = complete(client, MODULE_01)
    assert response.status_code == 302
    assert response.headers["Location"] == f"/learn/{SLUG}/{MODULE_02}"
    assert complete(client, MODULE_01).status_code == 302
    assert count(app, ModuleProgress) == 1
    html = page(client, f"/learn/{SLUG}/{MODULE_01}")
    assert "Mark as completed" not in html
    assert '<p class="status done">Completed</p>' in html
    assert "50% complete" in page(client, f"/learn/{SLUG}")


def test_mark_as_completed_is_refused_on_a_module_with_a_quiz(app, client, learner):
    html = page(client, f"/learn/{SLUG}/{MODULE_02}")
    assert "Take the quiz" in html
    assert "Mark as completed" not in html
    assert complete(client, MODULE_02).status_code == 400
    assert complete(client, "no-such-module").status_code == 404
    assert count(app, ModuleProgress) == 0


def test_mark_as_completed_needs_an_enrolment(app, client, login_as, sample_course):
    login_as()
    assert complete(client, MODULE_01).status_code == 400
    assert count(app, ModuleProgress) == 0


def test_course_is_completed_once_module_quiz_and_final_are_done(app, client, learner, monkeypatch):
    completed = []
    monkeypatch.setattr(hooks, "course_completed", lambda enrolment: completed.append(enrolment.id))
    complete(client, MODULE_01)
    pass_quiz(app, client, QUIZ_02)
    assert enrolment(app).completed_at is None
    assert count(app, ModuleProgress) == 2
    assert completed == []
    pass_quiz(app, client, FINAL)
    done = enrolment(app)
    assert done.completed_at is not None
    assert completed == [done.id]
    html = page(client, f"/learn/{SLUG}")
    assert "You completed this course on" in html
    assert "100% complete" in html
    # Passing the module quiz again changes nothing: completion is recorded once.
    pass_quiz(app, client, QUIZ_02)
    assert enrolment(app).completed_at == done.completed_at
    assert len(completed) == 1
    assert "Completed on" in page(client, "/learn/dashboard")


def test_dashboard_shows_progress_and_where_to_continue(client, learner):
    html = page(client, "/learn/dashboard")
    assert TITLE_EN in html
    assert "0% complete" in html
    assert f'href="/learn/{SLUG}/{MODULE_01}">Continue</a>' in html
    assert "Nothing yet." in html
    complete(client, MODULE_01)
    html = page(client, "/learn/dashboard")
    assert "50% complete" in html
    assert f'href="/learn/{SLUG}/{MODULE_02}">Continue</a>' in html
    assert "module completed" in html
    assert "Nothing yet." not in html


def test_dashboard_of_a_learner_without_courses(client, login_as, sample_course):
    login_as()
    assert "You are not enrolled in any course yet." in page(client, "/learn/dashboard")
