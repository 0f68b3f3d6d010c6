"""Nothing a learner receives before submitting gives an answer away; afterwards, the review the quiz allows."""

import random
import re
from types import SimpleNamespace

from app.quiz import views as quiz_views
from tests.conftest import login, post_form
from tests.content.coursekit import SAMPLE, sample_copy
from tests.learn.conftest import FINAL, MODULE_02, QUIZ_02, SLUG, attempt, enrol, publish, right_form, send, start

# What the warn-check quiz's key holds: option feedback, the explanation, and the accepted answers.
KEY_TEXTS = [
    "Right: language and channel both matter.",
    "Many migrants would not read it.",
    "Guideline 9 asks for multilingual, multi-channel warnings.",
]
KEY_WORDS = re.compile(r"weight|correct", re.IGNORECASE)
ACCEPTED_NUMBER = re.compile(r"(?<![\w.,#-])5(?:[.,]0+)?(?![\w.,])")  # the numeric question's answer
# A list of right-hand matches in pair order (Preparedness -> Map..., Emergency response -> Warn...).
PAIR_ORDER = re.compile(
    r"<select[^>]*>(?:(?!</select>).)*Map where migrants live(?:(?!</select>).)*Warn in several", re.DOTALL
)
# Options in the order the source file lists them, right answer first.
WRITTEN_ORDER = [
    re.compile(r"Messages in their languages.*A press release", re.DOTALL),
    re.compile(r"Consulates.*Employers.*Nobody", re.DOTALL),
]
TAGS = re.compile(r"<[^>]+>")


class Reversing(random.Random):
    """Every shuffle reverses: a page showing anything in key order would be a leak, never luck."""

    def shuffle(self, x):
        x.reverse()


def leaks(body: str) -> list[str]:
    """Whatever in a response could give an answer away."""
    found = [text for text in KEY_TEXTS if text in body]
    found += KEY_WORDS.findall(body)
    found += ACCEPTED_NUMBER.findall(TAGS.sub(" ", body))
    found += [f'value="{n}" in a field' for n in ("5", "5.0") if f'value="{n}"' in body]
    found += [p.pattern for p in (PAIR_ORDER, *WRITTEN_ORDER) if p.search(body)]
    return found


def test_no_answer_key_before_submission(app, client, learner, monkeypatch):
    monkeypatch.setattr(quiz_views, "random", SimpleNamespace(SystemRandom=Reversing))
    bodies = {}

    def keep(label, response):
        assert response.status_code in (200, 204, 302), label
        bodies[label] = response.get_data(as_text=True)
        return response

    keep("course", client.get(f"/learn/{SLUG}"))
    keep("module", client.get(f"/learn/{SLUG}/{MODULE_02}"))
    keep("quiz", client.get(f"/quiz/{SLUG}/{QUIZ_02}"))
    started = keep("start", post_form(client, f"/quiz/{SLUG}/{QUIZ_02}/start"))
    url = started.headers["Location"]
    attempt_id = int(url.rsplit("/", 1)[1])
    keep("attempt", client.get(url))
    questions = attempt(app, attempt_id).questions
    assert [q["option_order"] for q in questions[:2]] == [[1, 0], [2, 1, 0]]
    # Answers a learner might save (not the right ones, which the page would rightly show back).
    partial = {"q-channels": "1", "q-who-warns": ["0"], "q-languages": "7", "q-phase-match-0": "0"}
    keep("save", send(client, attempt_id, partial))
    keep("saved attempt", client.get(url))
    autosaved = keep("autosave", send(client, attempt_id, partial | {"q-languages": "8"}, headers={"X-Autosave": "1"}))
    assert autosaved.status_code == 204
    assert autosaved.data == b""
    keep("resumed quiz", client.get(f"/quiz/{SLUG}/{QUIZ_02}"))
    keep("resumed attempt", client.get(url))
    assert attempt(app, attempt_id).answers["languages"] == "8"
    assert "Which warning reaches the most migrants?" in bodies["attempt"]
    assert "Map where migrants live" in bodies["attempt"]
    assert {label: leaks(body) for label, body in bodies.items() if leaks(body)} == {}


def test_choice_values_are_positions_on_the_page(app, client, learner, monkeypatch):
    """A value or id naming the option's place in the source file tells which one the trainer wrote first."""
    monkeypatch.setattr(quiz_views, "random", SimpleNamespace(SystemRandom=Reversing))
    attempt_id = start(client, QUIZ_02)
    html = client.get(f"/quiz/attempt/{attempt_id}").get_data(as_text=True)
    shown = re.findall(r'id="(q-channels-\d)" name="q-channels" value="(\d)"', html)
    assert shown == [("q-channels-0", "0"), ("q-channels-1", "1")]
    assert html.index("A press release") < html.index("Messages in their languages")
    # Position 1 is the right answer here (shown second); the grade follows what was shown.
    send(client, attempt_id, {"q-channels": "1"}, "submit")
    assert attempt(app, attempt_id).answers == {"channels": 0}
    assert attempt(app, attempt_id).results[0]["credit"] == 1.0


def result_page(app, client, quiz_key, slug=SLUG, only=None) -> str:
    attempt_id = start(client, quiz_key, slug)
    send(client, attempt_id, right_form(attempt(app, attempt_id).questions, only=only), "submit")
    response = client.get(f"/quiz/attempt/{attempt_id}/result")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_full_feedback_shows_right_answers_and_explanations(app, client, learner):
    html = result_page(app, client, QUIZ_02, only=1)  # warn-check gives full feedback
    assert "Score: 25%" in html
    assert "Not passed (pass mark 60%)" in html
    assert "Question 1: right" in html
    assert "Question 2: not right" in html
    assert html.count("correct answer") == 3  # one single, two multiple
    assert "Right: language and channel both matter." in html
    assert "Guideline 9 asks for multilingual, multi-channel warnings." in html
    assert "Accepted: <bdi>5</bdi>" in html
    assert "<td>Preparedness</td><td>—</td><td>Map where migrants live</td>" in html
    # The scan used before submission finds the key here, where it belongs.
    assert {"Right: language and channel both matter.", "correct"} <= set(leaks(html))


def test_correctness_feedback_says_right_or_not_but_not_the_answers(app, client, learner):
    html = result_page(app, client, FINAL, only=1)  # the final gives correctness only
    assert "Score: 50%" in html
    assert "Question 1: right" in html
    assert "Question 2: not right" in html
    for answer in ("correct answer", "Accepted", "Right match", "Risks, and where migrants are", "= Migrants"):
        assert answer not in html
    assert "Only migrants&#39; nationalities" not in html


def test_score_feedback_shows_only_the_score(app, client, login_as, tmp_path):
    quiz = (SAMPLE / "02-warn-in-languages.quiz.md").read_text(encoding="utf-8")
    publish(
        app, sample_copy(tmp_path, {"02-warn-in-languages.quiz.md": quiz.replace("attempts: 3", "feedback: score")})
    )
    login(client, login_as().email)
    enrol(client)
    html = result_page(app, client, QUIZ_02)
    assert "Score: 100%" in html
    assert "Passed" in html
    for detail in ("Question 1", "Which warning reaches the most migrants?", "correct answer", *KEY_TEXTS):
        assert detail not in html
