"""Learning fixtures: the sample course published, an enrolled learner, and quiz helpers.

The helpers read an attempt's answer key from the database, as only the server can, to answer
right or wrong on purpose; the pages under test never show it before submission.
"""

import re
import shutil
from pathlib import Path

import pytest
from sqlalchemy import event, func, select

from app.authoring.publishing import publish_course
from app.content.sources import read_folder
from app.extensions import db
from app.models import QuizAttempt
from tests.conftest import post_form, reload
from tests.content.coursekit import SAMPLE

SLUG = "sample-course"
MODULE_01 = "know-where-migrants-are"
MODULE_02 = "warn-in-languages"
QUIZ_02 = "warn-check"
FINAL = "sample-final"
ATTEMPT_URL = re.compile(r"/quiz/attempt/(\d+)$")


def publish(app, folder: Path = SAMPLE) -> str:
    """Publish a course folder (as `flask courses import` does); returns its slug."""
    # A POST request context: the engine begins write transactions for non-GET requests only.
    with app.test_request_context(method="POST"):
        result = publish_course(read_folder(folder))
        db.session.commit()
    return result.slug


def course_copy(tmp_path: Path, slug: str, extra_modules: int = 0) -> Path:
    """The sample course under another slug, with modules 03.. added as copies of module 02 (and its quiz)."""
    folder = tmp_path / slug
    shutil.copytree(SAMPLE, folder)
    course = folder / "course.yaml"
    course.write_text(course.read_text(encoding="utf-8").replace(f"slug: {SLUG}", f"slug: {slug}"), encoding="utf-8")
    module = (SAMPLE / "02-warn-in-languages.md").read_text(encoding="utf-8")
    quiz = (SAMPLE / "02-warn-in-languages.quiz.md").read_text(encoding="utf-8")
    for number in range(3, 3 + extra_modules):
        name = f"{number:02d}-warn-again-{number}"
        text = module.replace(f"id: {MODULE_02}", f"id: warn-again-{number}").replace("order: 2", f"order: {number}")
        (folder / f"{name}.md").write_text(text.replace("title: Warn", f"title: ({number}) Warn"), encoding="utf-8")
        (folder / f"{name}.quiz.md").write_text(quiz.replace(f"quiz: {QUIZ_02}", f"quiz: check-{number}"), "utf-8")
    return folder


@pytest.fixture
def sample_course(app):
    return publish(app)


@pytest.fixture
def learner(client, login_as, sample_course):
    """A learner logged in with the test client and enrolled in the sample course."""
    user = login_as(full_name="Amina Diallo")
    assert enrol(client).status_code == 302
    return user


def enrol(client, slug: str = SLUG):
    return post_form(client, f"/learn/{slug}/enrol")


def complete(client, module_key: str, slug: str = SLUG):
    """Press "Mark as completed" on a module."""
    return post_form(client, f"/learn/{slug}/{module_key}/complete")


def start(client, quiz_key: str, slug: str = SLUG) -> int:
    """Press the start button; returns the id of the attempt the learner is sent to."""
    response = post_form(client, f"/quiz/{slug}/{quiz_key}/start")
    assert response.status_code == 302, response.get_data(as_text=True)
    match = ATTEMPT_URL.search(response.headers["Location"])
    assert match, response.headers["Location"]
    return int(match.group(1))


def send(client, attempt_id: int, answers: dict, action: str = "save", **kwargs):
    """Post the answer form with the Save or the Submit button."""
    return post_form(client, f"/quiz/attempt/{attempt_id}", {**answers, "action": action}, **kwargs)


def attempt(app, attempt_id: int) -> QuizAttempt:
    return reload(app, QuizAttempt, attempt_id)


def attempts(app, quiz_key: str | None = None) -> list[QuizAttempt]:
    with app.app_context():
        query = select(QuizAttempt).order_by(QuizAttempt.id)
        if quiz_key:
            query = query.where(QuizAttempt.quiz_key == quiz_key)
        rows = list(db.session.scalars(query))
        db.session.expunge_all()
        return rows


def count(app, model, *where) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(model).where(*where))


def statements(app, client, url) -> int:
    """SQL statements run while serving one page (after a first request warmed everything up)."""
    assert client.get(url).status_code == 200, url
    with app.app_context():
        engine = db.engine
    seen = []

    def count(_conn, _cursor, statement, *_args):
        seen.append(statement)

    event.listen(engine, "before_cursor_execute", count)
    try:
        response = client.get(url)
    finally:
        event.remove(engine, "before_cursor_execute", count)
    assert response.status_code == 200, url
    return len(seen)


def shown_at(question: dict, option: int) -> str:
    """The form value of an option: its position on the page."""
    return str(question["option_order"].index(option))


def right_form(questions: list[dict], only: int | None = None) -> dict:
    """Form fields answering every question right (or only the first `only` questions)."""
    form = {}
    for question in questions[:only]:
        name = f"q-{question['id']}"
        kind = question["type"]
        if kind in ("single", "true-false"):
            weights = [option["weight"] for option in question["options"]]
            form[name] = shown_at(question, weights.index(max(weights)))
        elif kind == "multiple":
            form[name] = [shown_at(question, i) for i, option in enumerate(question["options"]) if option["weight"] > 0]
        elif kind == "short":
            form[name] = next(a["text"] for a in question["answers"] if a["weight"] >= 1)
        elif kind == "numeric":
            form[name] = f"{question['numbers'][0]['low']:g}"
        elif kind == "matching":
            for left in range(len(question["pairs"])):
                form[f"{name}-{left}"] = str(question["right_order"].index(left))
    return form


def wrong_form(questions: list[dict]) -> dict:
    """Form fields answering every question wrong (each field still a valid, offered choice)."""
    form = {}
    for question in questions:
        name = f"q-{question['id']}"
        kind = question["type"]
        if kind in ("single", "true-false", "multiple"):
            form[name] = shown_at(question, next(i for i, o in enumerate(question["options"]) if o["weight"] <= 0))
        elif kind == "short":
            form[name] = "Mobility"
        elif kind == "numeric":
            form[name] = "999"
        elif kind == "matching":
            size = len(question["pairs"])
            for left in range(size):
                form[f"{name}-{left}"] = str(question["right_order"].index((left + 1) % size))
    return form


def pass_quiz(app, client, quiz_key: str, slug: str = SLUG) -> QuizAttempt:
    """Start the quiz and submit the right answers; returns the closed attempt."""
    attempt_id = start(client, quiz_key, slug)
    response = send(client, attempt_id, right_form(attempt(app, attempt_id).questions), "submit")
    assert response.headers["Location"].endswith(f"/quiz/attempt/{attempt_id}/result")
    closed = attempt(app, attempt_id)
    assert closed.passed, closed.results
    return closed
