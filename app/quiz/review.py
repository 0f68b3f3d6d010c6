"""What a learner sees after submitting, as the quiz's feedback policy allows (pure)."""


def review(attempt) -> list[dict]:
    """Per question: the learner's answer and, by policy, correctness, right answers and feedback.

    full: everything; correctness: right or wrong per question only; score: nothing per question.
    """
    policy = attempt.settings.get("feedback", "full")
    if policy == "score":
        return []
    credits = {item["id"]: item["credit"] for item in attempt.results or []}
    items = []
    for question in attempt.questions:
        answer = attempt.answers.get(question["id"])
        item = {
            "question": question,
            "credit": credits.get(question["id"], 0.0),
            "answer": answer,
            "full": policy == "full",
        }
        if policy == "full":
            item["options"] = [
                {
                    "html": question["options"][i]["html"],
                    "chosen": i in (answer if isinstance(answer, list) else [answer]),
                    "correct": question["options"][i]["weight"] > 0,
                    "feedback_html": question["options"][i]["feedback_html"],
                }
                for i in question["option_order"]
            ]
            item["accepted"] = [a["text"] for a in question["answers"] if a["weight"] >= 1] or [
                a["text"] for a in question["answers"] if a["weight"] > 0
            ]
            item["numbers"] = [n for n in question["numbers"] if n["weight"] > 0]
            item["pairs"] = [
                {"left": p["left"], "right": p["right"], "chosen": (answer or {}).get(str(i))}
                for i, p in enumerate(question["pairs"])
            ]
        items.append(item)
    return items
