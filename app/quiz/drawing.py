"""Drawing an attempt's questions and option order from a quiz's pool (pure: the caller gives the RNG)."""

import copy
import random


def draw(questions: list[dict], settings: dict, rng: random.Random) -> list[dict]:
    """The questions an attempt asks, in order, each with the order its options and right-hand items show in."""
    pool = list(questions)
    if settings.get("draw"):
        pool = rng.sample(pool, min(settings["draw"], len(pool)))
        if not settings.get("shuffle_questions"):
            order = {q["id"]: n for n, q in enumerate(questions)}
            pool.sort(key=lambda q: order[q["id"]])
    elif settings.get("shuffle_questions"):
        rng.shuffle(pool)
    drawn = []
    for question in pool:
        snapshot = copy.deepcopy(question)
        option_order = list(range(len(question["options"])))
        # True/false keeps True before False: shuffling two fixed words only confuses.
        if settings.get("shuffle_options") and question["type"] != "true-false":
            rng.shuffle(option_order)
        right_order = list(range(len(question["pairs"])))
        rng.shuffle(right_order)  # matching always shuffles, or the answer would be the same order
        snapshot["option_order"] = option_order
        snapshot["right_order"] = right_order
        drawn.append(snapshot)
    return drawn
