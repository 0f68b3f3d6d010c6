"""Quiz attempts as a learner lives them: one open attempt, a frozen snapshot, resuming, limits and time."""

import re
from datetime import UTC, datetime, timedelta
from types import SimpleNamespace

import pytest
from sqlalchemy.exc import IntegrityError

from app.extensions import db
from app.models import QuizAttempt, QuizVersion, Role
from app.quiz import services as quiz_services
from tests.conftest import login, post_form
from tests.content.coursekit import SAMPLE, sample_copy
from tests.learn.conftest import (
    FINAL,
    QUIZ_02,
    SLUG,
    attempt,
    attempts,
    enrol,
    publish,
    right_form,
    send,
    start,
    statements,
    wrong_form,
)

QUIZ_02_FILE = "02-warn-in-languages.quiz.md"
QUIZ_02_FR_FILE = "02-warn-in-languages.quiz.fr.md"


@pytest.fixture
def clock(monkeypatch):
    """The quiz's server clock, frozen; tests move it by setting clock.now."""
    frozen = SimpleNamespace(now=datetime(2026, 3, 2, 9, 0, tzinfo=UTC))
    monkeypatch.setattr(quiz_services, "now_utc", lambda: frozen.now)
    return frozen


def text(client, url) -> str:
    response = client.get(url, follow_redirects=True)
    assert response.status_code == 200, url
    return response.get_data(as_text=True)


def test_quiz_page_states_the_rules(client, learner):
    html = text(client, f"/quiz/{SLUG}/{FINAL}")
    assert "<h1" in html and "Final assessment" in html
    assert "<dd>2</dd>" in html  # questions drawn, not the pool of 3
    assert "0 of 2 used" in html
    assert "20 minutes" in html
    assert "Start the quiz" in html


def test_quiz_needs_an_enrolment(app, client, login_as, sample_course):
    login_as()
    response = client.get(f"/quiz/{SLUG}/{QUIZ_02}")
    assert response.headers["Location"] == f"/learn/{SLUG}"
    assert post_form(client, f"/quiz/{SLUG}/{QUIZ_02}/start").status_code == 400
    assert attempts(app) == []


def test_unknown_quiz_is_404(client, learner):
    assert client.get(f"/quiz/{SLUG}/no-such-quiz").status_code == 404
    assert post_form(client, f"/quiz/{SLUG}/no-such-quiz/start").status_code == 404
    assert client.get("/quiz/no-such-course/warn-check").status_code == 404


def test_starting_twice_returns_the_open_attempt(app, client, learner):
    first = start(client, QUIZ_02)
    second = start(client, QUIZ_02)
    assert first == second
    assert [a.number for a in attempts(app)] == [1]
    assert "Resume your attempt" in text(client, f"/quiz/{SLUG}/{QUIZ_02}")


def test_the_database_holds_one_open_attempt_per_quiz(app, client, learner):
    """Two requests racing past the check still cannot open a second attempt."""
    open_one = attempt(app, start(client, QUIZ_02))
    with app.test_request_context(method="POST"):
        columns = {c.key: getattr(open_one, c.key) for c in QuizAttempt.__table__.columns if c.key != "id"}
        db.session.add(QuizAttempt(**(columns | {"number": 2})))
        with pytest.raises(IntegrityError):
            db.session.flush()
        db.session.rollback()
    assert len(attempts(app)) == 1


def test_an_attempt_keeps_its_questions_when_the_course_is_republished(app, client, learner, make_user, tmp_path):
    attempt_id = start(client, QUIZ_02)
    snapshot = attempt(app, attempt_id)
    source = (SAMPLE / QUIZ_02_FILE).read_text(encoding="utf-8")
    changed = source.replace("Which warning reaches the most migrants?", "Which channel is the fastest?")
    changed = changed.replace("- = 5", "- = 6")
    french = (SAMPLE / QUIZ_02_FR_FILE).read_text(encoding="utf-8").replace("- = 5", "- = 6")
    publish(app, sample_copy(tmp_path, {QUIZ_02_FILE: changed, QUIZ_02_FR_FILE: french}))
    html = text(client, f"/quiz/attempt/{attempt_id}")
    assert "Which warning reaches the most migrants?" in html
    assert "Which channel is the fastest?" not in html
    # Graded against the key the learner was asked, not the republished one (5, not 6).
    response = send(client, attempt_id, right_form(snapshot.questions), "submit")
    assert response.headers["Location"].endswith("/result")
    graded = attempt(app, attempt_id)
    assert graded.score == 100.0
    assert graded.questions == snapshot.questions
    with app.app_context():
        assert db.session.get(QuizVersion, graded.quiz_version_id).questions[0]["html"].startswith("<p>Which warning")
    # A learner enrolling now studies the new version.
    newcomer = app.test_client()
    login(newcomer, make_user().email)
    enrol(newcomer)
    assert "Which channel is the fastest?" in text(newcomer, f"/quiz/attempt/{start(newcomer, QUIZ_02)}")


def test_saved_answers_survive_a_new_login(app, client, learner):
    attempt_id = start(client, QUIZ_02)
    questions = attempt(app, attempt_id).questions
    form = right_form(questions)
    response = send(client, attempt_id, form)
    assert response.headers["Location"] == f"/quiz/attempt/{attempt_id}"
    assert "Your answers are saved." in text(client, response.headers["Location"])
    assert post_form(client, "/auth/logout").status_code == 302
    # Another device, a new login: the attempt is still open with its answers filled in.
    device = app.test_client()
    login(device, learner.email)
    assert f'href="/quiz/attempt/{attempt_id}">Resume your attempt' in text(device, f"/quiz/{SLUG}/{QUIZ_02}")
    html = text(device, f"/quiz/attempt/{attempt_id}")
    for question in questions:
        name = f"q-{question['id']}"
        if question["type"] == "numeric":
            assert f'name="{name}" value="5"' in html
        elif question["type"] == "matching":
            for left in range(len(question["pairs"])):
                menu = re.search(rf'<select id="{name}-{left}".*?</select>', html, re.DOTALL).group(0)
                assert f'<option value="{form[f"{name}-{left}"]}" selected>' in menu
        else:
            chosen = form[name] if isinstance(form[name], list) else [form[name]]
            for value in chosen:
                assert f'name="{name}" value="{value}" checked' in html
    assert html.count(" checked") == 3  # one single choice, two multiple choices
    assert html.count(" selected>") == 2 + 1  # two matches, and the language switcher
    # The saved answers count when submitting from the new device.
    send(device, attempt_id, {}, "submit")
    assert attempt(app, attempt_id).score == 100.0


def test_attempts_limit_and_waiting_time_on_the_final(app, client, learner, clock):
    quiz_url = f"/quiz/{SLUG}/{FINAL}"
    first = start(client, FINAL)
    send(client, first, wrong_form(attempt(app, first).questions), "submit")
    assert attempt(app, first).passed is False
    html = text(client, quiz_url)
    assert "You can try again from" in html
    assert "Start a new attempt" not in html
    clock.now += timedelta(minutes=59)
    refused = post_form(client, f"{quiz_url}/start")
    assert refused.headers["Location"] == quiz_url
    assert "You can try again after a pause" in text(client, quiz_url)
    assert len(attempts(app, FINAL)) == 1

    clock.now += timedelta(minutes=2)  # an hour after the first attempt closed
    assert "Start a new attempt" in text(client, quiz_url)
    second = start(client, FINAL)
    assert attempt(app, second).number == 2
    send(client, second, wrong_form(attempt(app, second).questions), "submit")

    clock.now += timedelta(days=1)
    html = text(client, quiz_url)
    assert "2 of 2 used" in html
    assert "You have used all your attempts" in html
    assert "Start a new attempt" not in html
    refused = post_form(client, f"{quiz_url}/start")
    assert refused.headers["Location"] == quiz_url
    assert "You have used all your attempts at this quiz." in text(client, quiz_url)
    assert len(attempts(app, FINAL)) == 2


def test_no_wait_after_passing_and_the_module_quiz_allows_three_attempts(app, client, learner):
    for _ in range(3):
        attempt_id = start(client, QUIZ_02)
        send(client, attempt_id, wrong_form(attempt(app, attempt_id).questions), "submit")
    assert "You have used all your attempts" in text(client, f"/quiz/{SLUG}/{QUIZ_02}")
    assert [a.number for a in attempts(app, QUIZ_02)] == [1, 2, 3]


@pytest.mark.parametrize("action", ["save", "submit"])
def test_time_limit_is_enforced_on_the_server(app, client, learner, clock, action):
    attempt_id = start(client, FINAL)
    started = attempt(app, attempt_id)
    assert started.deadline == clock.now + timedelta(minutes=20)
    questions = started.questions
    clock.now += timedelta(minutes=5)
    send(client, attempt_id, right_form(questions, only=1))
    saved = attempt(app, attempt_id).answers
    assert list(saved) == [questions[0]["id"]]
    # Within the grace period (30 s) a slow connection still gets its answer saved.
    clock.now = started.deadline + timedelta(seconds=25)
    assert send(client, attempt_id, right_form(questions, only=1)).headers["Location"] == f"/quiz/attempt/{attempt_id}"
    assert attempt(app, attempt_id).is_open

    clock.now = started.deadline + timedelta(seconds=31)
    html = text(client, f"/quiz/attempt/{attempt_id}")
    assert "Time is up: only the answers you saved count." in html
    assert " disabled" in html
    assert "Save my answers" not in html
    response = send(client, attempt_id, right_form(questions), action)
    assert response.headers["Location"] == f"/quiz/attempt/{attempt_id}/result"
    closed = attempt(app, attempt_id)
    assert closed.closed_reason == "time-up"
    assert closed.submitted_at == clock.now
    assert closed.answers == saved  # the late answers were not stored
    assert closed.score == 50.0  # one of two questions, saved in time
    assert "The time limit ended this attempt" in text(client, f"/quiz/attempt/{attempt_id}/result")


def test_trainer_can_extend_an_open_timed_attempt_and_a_learner_cannot(app, client, learner, make_user, clock):
    attempt_id = start(client, FINAL)
    deadline = attempt(app, attempt_id).deadline
    assert client.get("/quiz/open").status_code == 403
    assert post_form(client, f"/quiz/attempt/{attempt_id}/extend", {"minutes": "60"}).status_code == 403
    assert attempt(app, attempt_id).deadline == deadline

    trainer = app.test_client()
    login(trainer, make_user(role=Role.TRAINER).email)
    assert FINAL in text(trainer, "/quiz/open")
    for refused in ("0", "601"):
        response = post_form(trainer, f"/quiz/attempt/{attempt_id}/extend", {"minutes": refused})
        assert "Give between 1 and 600 minutes." in text(trainer, response.headers["Location"])
    for bad in ("", "ten", "-5", "²", "9" * 5000):
        assert post_form(trainer, f"/quiz/attempt/{attempt_id}/extend", {"minutes": bad}).status_code == 400
    assert post_form(trainer, "/quiz/attempt/99999/extend", {"minutes": "10"}).status_code == 404
    assert attempt(app, attempt_id).deadline == deadline
    response = post_form(trainer, f"/quiz/attempt/{attempt_id}/extend", {"minutes": "10"})
    assert response.headers["Location"] == "/quiz/open"
    assert attempt(app, attempt_id).deadline == deadline + timedelta(minutes=10)

    # Past the old deadline, inside the new one: the learner's answers still count.
    clock.now = deadline + timedelta(minutes=5)
    questions = attempt(app, attempt_id).questions
    assert send(client, attempt_id, right_form(questions)).headers["Location"] == f"/quiz/attempt/{attempt_id}"
    send(client, attempt_id, {}, "submit")
    closed = attempt(app, attempt_id)
    assert (closed.closed_reason, closed.score) == ("submitted", 100.0)
    # A submitted attempt cannot be extended.
    response = post_form(trainer, f"/quiz/attempt/{attempt_id}/extend", {"minutes": "10"})
    assert "Only an open attempt with a time limit can be extended." in text(trainer, response.headers["Location"])
    assert attempt(app, attempt_id).deadline == deadline + timedelta(minutes=10)


def test_open_attempts_page_names_each_learner_in_a_fixed_number_of_queries(app, client, learner, make_user):
    start(client, FINAL)
    trainer = app.test_client()
    login(trainer, make_user(role=Role.TRAINER).email)
    html = text(trainer, "/quiz/open")
    assert "Amina Diallo" in html
    assert learner.email in html
    one_attempt = statements(app, trainer, "/quiz/open")
    for name in ("Budi Santoso", "Chen Wei"):
        other = app.test_client()
        login(other, make_user(full_name=name).email)
        enrol(other)
        start(other, FINAL)
    start(client, QUIZ_02)  # no time limit: not listed
    html = text(trainer, "/quiz/open")
    assert html.count('name="minutes"') == 3
    assert "Budi Santoso" in html and "Chen Wei" in html
    assert statements(app, trainer, "/quiz/open") == one_attempt
