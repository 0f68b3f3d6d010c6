"""Quiz answer saves and submissions under gunicorn: latency at 16 learners, then a burst of double submissions.

Run: python bench/quiz_load.py [--learners 16] [--seconds 8] [--burst 50] [--workers 2]

Builds a throwaway instance folder (SQLite, the sample course) with learners who each have an open
attempt at the quiz warn-check, serves it with `gunicorn -w 2 "app:create_app()"` and logs every
learner in over HTTP. Then:

1. `--learners` threads, one learner each, save answers (POST with action=save, as app.js does in the
   background) for `--seconds` seconds; then all submit at once (action=submit). Target: p95 under 50 ms.
2. A burst: `--burst` other learners' attempts are each submitted twice at the same moment (a double
   click, or two tabs), 2 x burst requests released together; they must all be answered within 10 s.
   The database must then hold exactly `--burst` closed attempts for them, each closed once, graded
   on the answers sent, with no duplicate attempt, completion or error: "lost: 0, duplicated: 0".
Only 127.0.0.1 is contacted.
"""

import argparse
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

from served import Client, ServerTimes, build, gunicorn, percentile, summary
from sqlalchemy import func, select

from app.extensions import db
from app.models import ModuleProgress, QuizAttempt

QUIZ = "warn-check"
MODULE = "warn-in-languages"


def answer_form(attempt: dict, variant: int) -> dict:
    """Form fields answering every question of a stored attempt; variant 0 is fully right."""
    fields = {}
    for question in attempt["questions"]:
        name = f"q-{question['id']}"
        # Option values are places on the page (the options are shuffled), as the form shows them.
        shown = [question["options"][index] for index in question["option_order"]]
        if question["type"] == "single":
            right = next(place for place, option in enumerate(shown) if option["weight"] > 0)
            fields[name] = str(right if variant == 0 else (right + 1) % len(shown))
        elif question["type"] == "multiple":
            chosen = [str(place) for place, option in enumerate(shown) if option["weight"] > 0]
            fields[name] = chosen if variant == 0 else chosen[:1]
        elif question["type"] == "numeric":
            fields[name] = str(5 + variant)
        elif question["type"] == "matching":
            rights = [question["pairs"][index]["right"] for index in question["right_order"]]
            for left, pair in enumerate(question["pairs"]):
                place = rights.index(pair["right"])
                fields[f"{name}-{left}"] = str(place if variant == 0 else (place + 1) % len(rights))
    return fields


def stored_attempts(app, ids: list[int]) -> dict[int, dict]:
    with app.app_context():
        rows = db.session.scalars(select(QuizAttempt).where(QuizAttempt.id.in_(ids)))
        return {row.id: {"questions": row.questions} for row in rows}


def in_parallel(jobs, count: int) -> None:
    """Run job(index) for every index on its own thread, all released at the same moment."""
    start = threading.Barrier(count)
    errors = []

    def run(index):
        start.wait()
        try:
            jobs(index)
        except Exception as error:  # reported below, so one failing thread does not hide the others
            errors.append(repr(error))

    threads = [threading.Thread(target=run, args=(index,)) for index in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        raise SystemExit(f"{len(errors)} threads failed, e.g. {errors[0]}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--learners", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=8.0)
    parser.add_argument("--burst", type=int, default=50)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        app, emails, attempt_ids = build(folder, learners=args.learners + args.burst, quiz_key=QUIZ)
        attempts = stored_attempts(app, attempt_ids)
        burst_ids = attempt_ids[args.learners :]
        with gunicorn(folder, args.workers) as port:
            clients = [Client(port) for _ in emails]
            tokens: dict[int, str] = {}

            def log_in(index):
                clients[index].log_in(emails[index])
                tokens[index] = clients[index].csrf_token(f"/quiz/attempt/{attempt_ids[index]}")

            for first in range(0, len(emails), 16):  # log everyone in, 16 at a time
                batch = range(first, min(first + 16, len(emails)))
                in_parallel(lambda i, batch=batch: log_in(batch[i]), len(batch))
            print(
                f"gunicorn -w {args.workers} (sync workers), SQLite; quiz {QUIZ} (4 questions); "
                f"{len(emails)} learners logged in"
            )
            server = ServerTimes(folder)

            # 1. Saves, then submissions, at --learners concurrent learners.
            saves: list[float] = []
            lock = threading.Lock()

            def save_loop(index):
                attempt_id = attempt_ids[index]
                client, mine, variant = clients[index], [], 0
                deadline = time.monotonic() + args.seconds
                while time.monotonic() < deadline:
                    form = answer_form(attempts[attempt_id], variant % 2) | {
                        "csrf_token": tokens[index],
                        "action": "save",
                    }
                    began = time.perf_counter()
                    status, _response, _ = client.post(f"/quiz/attempt/{attempt_id}", form, {"X-Autosave": "1"})
                    mine.append(time.perf_counter() - began)
                    assert status == 204, f"save answered {status}"
                    variant += 1
                with lock:
                    saves.extend(mine)

            server.mark()
            began = time.perf_counter()
            in_parallel(save_loop, args.learners)
            elapsed = time.perf_counter() - began
            print("latency seen by the client (waiting for a free worker included), then time in the server:")
            print(summary(f"save answers ({args.learners} learners)", saves, elapsed))
            print(summary("  of which in the server", server.since_mark("/quiz/attempt/"), elapsed))

            submits: list[float] = []

            def submit(index):
                attempt_id = attempt_ids[index]
                form = answer_form(attempts[attempt_id], 0) | {"csrf_token": tokens[index], "action": "submit"}
                began = time.perf_counter()
                status, response, _ = clients[index].post(f"/quiz/attempt/{attempt_id}", form)
                elapsed = time.perf_counter() - began
                assert status == 302, f"submit answered {status}"
                assert response.getheader("Location").endswith("/result"), "submit did not lead to the result"
                with lock:
                    submits.append(elapsed)

            server.mark()
            began = time.perf_counter()
            in_parallel(submit, args.learners)
            elapsed = time.perf_counter() - began
            print(summary(f"submit ({args.learners} learners at once)", submits, elapsed))
            print(summary("  of which in the server", server.since_mark("/quiz/attempt/"), elapsed))
            all_saves = saves + submits
            print(
                f"saves and submits together: p50 {percentile(all_saves, 0.5) * 1000:.1f} ms, "
                f"p95 {percentile(all_saves, 0.95) * 1000:.1f} ms (target p95 < 50 ms)"
            )

            # 2. The burst: every burst attempt submitted twice at the same moment.
            statuses: list[int] = []
            burst_latencies: list[float] = []

            def double_submit(slot):
                index = args.learners + slot // 2
                attempt_id = attempt_ids[index]
                form = answer_form(attempts[attempt_id], 0) | {"csrf_token": tokens[index], "action": "submit"}
                client = Client(port)  # a second tab: the same session cookie, its own connection
                client.cookie = clients[index].cookie
                began = time.perf_counter()
                status, response, _ = client.post(f"/quiz/attempt/{attempt_id}", form)
                with lock:
                    burst_latencies.append(time.perf_counter() - began)
                    statuses.append(status if response.getheader("Location", "").endswith("/result") else -status)

            server.mark()
            began = time.perf_counter()
            in_parallel(double_submit, 2 * args.burst)
            elapsed = time.perf_counter() - began
            print(
                f"burst: {2 * args.burst} submissions of {args.burst} attempts (each twice at once) "
                f"answered in {elapsed:.2f} s (target: within 10 s); answers: {dict(Counter(statuses))}"
            )
            print(summary("  burst submission", burst_latencies, elapsed))
            print(summary("  of which in the server", server.since_mark("/quiz/attempt/"), elapsed))

        lost, duplicated = check(app, burst_ids, statuses)
        print(f"lost: {lost}, duplicated: {duplicated}")
        if lost or duplicated:
            raise SystemExit(1)


def check(app, burst_ids: list[int], statuses: list[int]) -> tuple[int, int]:
    """Lost: a burst attempt still open, or graded without the answers sent. Duplicated: anything counted twice."""
    with app.app_context():
        rows = list(db.session.scalars(select(QuizAttempt).where(QuizAttempt.id.in_(burst_ids))))
        enrolments = [row.enrolment_id for row in rows]
        closed = [row for row in rows if row.submitted_at is not None]
        graded_right = [row for row in closed if row.passed and row.score == 100 and row.closed_reason == "submitted"]
        per_enrolment = Counter(
            db.session.scalars(select(QuizAttempt.enrolment_id).where(QuizAttempt.enrolment_id.in_(enrolments)))
        )
        progress = Counter(
            db.session.scalars(
                select(ModuleProgress.enrolment_id).where(
                    ModuleProgress.enrolment_id.in_(enrolments), ModuleProgress.module_key == MODULE
                )
            )
        )
        total = db.session.scalar(select(func.count()).select_from(QuizAttempt).where(QuizAttempt.id.in_(burst_ids)))
        db.engine.dispose()
    print(
        f"database: {len(closed)} of {total} burst attempts closed, {len(graded_right)} graded 100% on the answers "
        f"sent; attempts per learner: {dict(Counter(per_enrolment.values()))}; "
        f"module completions per learner: {dict(Counter(progress.values()))}"
    )
    lost = (len(burst_ids) - len(closed)) + (len(closed) - len(graded_right)) + (len(burst_ids) - len(progress))
    errors = sum(1 for status in statuses if status != 302)
    duplicated = sum(n - 1 for n in per_enrolment.values()) + sum(n - 1 for n in progress.values()) + errors
    return lost, duplicated


if __name__ == "__main__":
    main()
