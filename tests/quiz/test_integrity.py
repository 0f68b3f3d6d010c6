"""Submitting once, whatever the clicks, tabs and threads; tampered forms are refused and change nothing."""

import threading

import pytest

from app.learn import hooks
from app.models import Enrolment, ModuleProgress
from tests.conftest import csrf_token, login, post_form
from tests.learn.conftest import (
    FINAL,
    MODULE_01,
    MODULE_02,
    QUIZ_02,
    SLUG,
    attempt,
    attempts,
    complete,
    count,
    enrol,
    pass_quiz,
    right_form,
    send,
    start,
    wrong_form,
)

THREADS = 8


def test_double_submission_gives_one_score(app, client, learner):
    attempt_id = start(client, QUIZ_02)
    questions = attempt(app, attempt_id).questions
    first = send(client, attempt_id, right_form(questions), "submit")
    graded = attempt(app, attempt_id)
    second = send(client, attempt_id, wrong_form(questions), "submit")
    result = f"/quiz/attempt/{attempt_id}/result"
    assert first.headers["Location"] == second.headers["Location"] == result
    again = attempt(app, attempt_id)
    assert (again.score, again.passed, again.submitted_at, again.answers) == (
        100.0,
        True,
        graded.submitted_at,
        graded.answers,
    )
    assert [(a.number, a.closed_reason) for a in attempts(app)] == [(1, "submitted")]
    assert count(app, ModuleProgress, ModuleProgress.module_key == MODULE_02) == 1


def test_concurrent_submissions_close_the_attempt_once(app, client, learner, monkeypatch):
    completed = []
    monkeypatch.setattr(hooks, "course_completed", lambda enrolment: completed.append(enrolment.id))
    complete(client, MODULE_01)
    pass_quiz(app, client, FINAL)  # the module quiz is now the last step of the course
    attempt_id = start(client, QUIZ_02)
    form = right_form(attempt(app, attempt_id).questions) | {"action": "submit"}
    # Each thread is a tab of its own: its own client, session and CSRF token.
    tabs = []
    for _ in range(THREADS):
        tab = app.test_client()
        login(tab, learner.email)
        tabs.append((tab, csrf_token(tab)))
    barrier = threading.Barrier(THREADS)
    responses, errors = [None] * THREADS, []

    def submit(n):
        tab, token = tabs[n]
        try:
            barrier.wait(timeout=30)
            responses[n] = tab.post(f"/quiz/attempt/{attempt_id}", data=form | {"csrf_token": token})
        except Exception as error:  # reported below, in the test's thread
            errors.append(error)

    threads = [threading.Thread(target=submit, args=(n,)) for n in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert {r.status_code for r in responses} == {302}
    assert {r.headers["Location"] for r in responses} == {f"/quiz/attempt/{attempt_id}/result"}
    closed = [a for a in attempts(app, QUIZ_02) if not a.is_open]
    assert [(a.id, a.score, a.closed_reason) for a in closed] == [(attempt_id, 100.0, "submitted")]
    assert count(app, ModuleProgress, ModuleProgress.module_key == MODULE_02) == 1
    assert count(app, Enrolment, Enrolment.completed_at.is_not(None)) == 1
    assert len(completed) == 1


@pytest.mark.parametrize(
    "tampered",
    [
        {"q-not-asked": "0"},  # a question the attempt did not ask
        {"q-channels": "9"},  # an option the question does not offer
        {"q-channels": "²"},  # a digit int() refuses
        {"q-channels": ["0", "1"]},  # two answers to a single-choice question
        {"q-who-warns": ["0", "5"]},
        {"q-phase-match-0": "2"},  # past the two right-hand items
        {"q-phase-match-1": "9" * 5000},
        {"q-languages": "5" * 501},
    ],
)
@pytest.mark.parametrize("action", ["save", "submit"])
def test_tampered_answers_are_refused_and_change_nothing(app, client, learner, tampered, action):
    attempt_id = start(client, QUIZ_02)
    questions = attempt(app, attempt_id).questions
    send(client, attempt_id, right_form(questions, only=1))
    before = attempt(app, attempt_id)
    response = send(client, attempt_id, right_form(questions) | tampered, action)
    assert response.status_code == 400
    after = attempt(app, attempt_id)
    assert after.is_open
    assert after.answers == before.answers


def test_a_pool_question_not_drawn_is_refused(app, client, learner):
    attempt_id = start(client, FINAL)
    drawn = attempt(app, attempt_id).questions
    (left_out,) = {"g1-topic", "include", "stands-for"} - {q["id"] for q in drawn}
    response = send(client, attempt_id, right_form(drawn) | {f"q-{left_out}": "0"}, "submit")
    assert response.status_code == 400
    assert attempt(app, attempt_id).is_open


def test_a_form_without_csrf_token_is_refused(app, client, learner):
    attempt_id = start(client, QUIZ_02)
    form = right_form(attempt(app, attempt_id).questions) | {"action": "submit"}
    assert client.post(f"/quiz/attempt/{attempt_id}", data=form).status_code == 400
    assert attempt(app, attempt_id).is_open
    assert client.post(f"/quiz/{SLUG}/{QUIZ_02}/start").status_code == 400
    assert client.post(f"/learn/{SLUG}/{MODULE_01}/complete").status_code == 400
    assert count(app, ModuleProgress) == 0


def test_another_learners_attempt_is_404(app, client, learner, make_user):
    attempt_id = start(client, QUIZ_02)
    questions = attempt(app, attempt_id).questions
    other = app.test_client()
    login(other, make_user().email)
    enrol(other)
    assert other.get(f"/quiz/attempt/{attempt_id}").status_code == 404
    assert other.get(f"/quiz/attempt/{attempt_id}/result").status_code == 404
    assert send(other, attempt_id, right_form(questions), "submit").status_code == 404
    assert send(other, attempt_id, right_form(questions), "save").status_code == 404
    assert post_form(other, f"/quiz/attempt/{attempt_id}/extend", {"minutes": "10"}).status_code == 403
    untouched = attempt(app, attempt_id)
    assert untouched.is_open
    assert untouched.answers == {}
    assert client.get("/quiz/attempt/99999").status_code == 404


def test_posting_to_a_submitted_attempt_changes_nothing(app, client, learner):
    attempt_id = start(client, QUIZ_02)
    questions = attempt(app, attempt_id).questions
    send(client, attempt_id, wrong_form(questions), "submit")
    graded = attempt(app, attempt_id)
    assert graded.score == 0.0
    for action in ("save", "submit"):
        response = send(client, attempt_id, right_form(questions), action)
        assert response.headers["Location"] == f"/quiz/attempt/{attempt_id}/result"
    again = attempt(app, attempt_id)
    assert (again.score, again.passed, again.answers, again.submitted_at) == (
        0.0,
        False,
        graded.answers,
        graded.submitted_at,
    )
    # The answer page of a closed attempt sends the learner to the result.
    assert client.get(f"/quiz/attempt/{attempt_id}").headers["Location"] == f"/quiz/attempt/{attempt_id}/result"
