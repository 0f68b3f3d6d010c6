"""Which language to show a module or quiz in: the learner's, else the next in the fallback chain."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Choice:
    language: str
    # "" when shown in the wanted language; "missing" or "stale" when falling back (or showing stale).
    notice: str = ""


def choose_language(available: dict[str, str], wanted: str, chain: tuple[str, ...], show_stale: bool) -> Choice | None:
    """available maps language → status ("source", "current" or "stale")."""
    status = available.get(wanted)
    if status in ("source", "current"):
        return Choice(wanted)
    if status == "stale" and show_stale:
        return Choice(wanted, "stale")
    notice = "stale" if status == "stale" else "missing"
    for language in chain:
        if available.get(language) in ("source", "current"):
            return Choice(language, notice)
    source = next((lang for lang, state in available.items() if state == "source"), None)
    return Choice(source, notice) if source else None
