"""Drawing an attempt from a quiz's pool: which questions, in which order, options in which order (no app)."""

import random

from app.quiz.drawing import draw

SEEDS = range(40)


def pool(size: int = 5) -> list[dict]:
    questions = []
    for n in range(size):
        kind = ("single", "true-false", "multiple", "matching", "short")[n % 5]
        options = [{"html": f"option {i}", "weight": 1.0 if i == 0 else 0.0, "feedback_html": ""} for i in range(4)]
        if kind == "true-false":
            options = options[:2]
        if kind in ("matching", "short"):
            options = []
        pairs = [{"left": f"left {i}", "right": f"right {i}"} for i in range(4)] if kind == "matching" else []
        questions.append({"id": f"q{n}", "type": kind, "points": 1.0, "options": options, "pairs": pairs})
    return questions


def ids(drawn: list[dict]) -> list[str]:
    return [q["id"] for q in drawn]


def test_every_question_in_pool_order_when_nothing_is_asked():
    drawn = draw(pool(), {}, random.Random(1))
    assert ids(drawn) == ["q0", "q1", "q2", "q3", "q4"]
    assert all(q["option_order"] == list(range(len(q["options"]))) for q in drawn)


def test_draw_n_without_duplicates():
    for seed in SEEDS:
        drawn = draw(pool(), {"draw": 3}, random.Random(seed))
        assert len(drawn) == 3
        assert len(set(ids(drawn))) == 3
        # Without shuffle_questions the drawn questions keep the pool's order.
        assert ids(drawn) == sorted(ids(drawn))
    seen = {qid for seed in SEEDS for qid in ids(draw(pool(), {"draw": 3}, random.Random(seed)))}
    assert seen == {"q0", "q1", "q2", "q3", "q4"}  # every question can come up


def test_drawing_more_than_the_pool_asks_every_question_once():
    drawn = draw(pool(), {"draw": 9, "shuffle_questions": True}, random.Random(3))
    assert sorted(ids(drawn)) == ["q0", "q1", "q2", "q3", "q4"]


def test_shuffle_questions_changes_the_order_for_some_seeds():
    orders = {tuple(ids(draw(pool(), {"shuffle_questions": True}, random.Random(seed)))) for seed in SEEDS}
    assert len(orders) > 1
    assert all(sorted(order) == ["q0", "q1", "q2", "q3", "q4"] for order in orders)


def test_options_are_shuffled_but_true_false_is_not():
    orders = {}
    for seed in SEEDS:
        for q in draw(pool(), {"shuffle_options": True}, random.Random(seed)):
            orders.setdefault(q["id"], set()).add(tuple(q["option_order"]))
    assert len(orders["q0"]) > 1  # single
    assert len(orders["q2"]) > 1  # multiple
    assert all(sorted(order) == [0, 1, 2, 3] for order in orders["q0"] | orders["q2"])
    assert orders["q1"] == {(0, 1)}  # true-false keeps True before False


def test_matching_right_side_is_always_shuffled():
    orders = set()
    for seed in SEEDS:
        (matching,) = [q for q in draw(pool(), {}, random.Random(seed)) if q["type"] == "matching"]
        assert sorted(matching["right_order"]) == [0, 1, 2, 3]
        orders.add(tuple(matching["right_order"]))
    assert len(orders) > 1
    assert orders != {(0, 1, 2, 3)}


def test_the_same_seed_draws_the_same_attempt():
    settings = {"draw": 3, "shuffle_questions": True, "shuffle_options": True}
    assert draw(pool(), settings, random.Random(42)) == draw(pool(), settings, random.Random(42))


def test_the_snapshot_is_a_copy():
    questions = pool()
    drawn = draw(questions, {}, random.Random(0))
    drawn[0]["options"][0]["weight"] = -1
    assert questions[0]["options"][0]["weight"] == 1.0
    assert "option_order" not in questions[0]
