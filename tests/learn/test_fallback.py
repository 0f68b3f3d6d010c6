"""Which language a module or quiz is shown in, and the notice that goes with it (no app)."""

import pytest

from app.learn.fallback import Choice, choose_language

SOURCE_EN = {"en": "source", "fr": "current", "ar": "stale"}


@pytest.mark.parametrize(
    ("available", "wanted", "chain", "show_stale", "choice"),
    [
        (SOURCE_EN, "en", ("en",), True, Choice("en")),
        (SOURCE_EN, "fr", ("en",), True, Choice("fr")),  # a current translation is itself
        (SOURCE_EN, "ar", ("en",), True, Choice("ar", "stale")),  # stale, shown with a notice
        (SOURCE_EN, "ar", ("en",), False, Choice("en", "stale")),  # stale, not shown: the chain
        (SOURCE_EN, "es", ("en",), True, Choice("en", "missing")),
        (SOURCE_EN, "es", ("fr", "en"), True, Choice("fr", "missing")),  # the chain's first available
        (SOURCE_EN, "es", ("ar", "en"), True, Choice("en", "missing")),  # a stale one is skipped in the chain
        # A course written in French: the chain names English, which it lacks, so the source it is.
        ({"fr": "source", "en": "stale"}, "ru", ("en",), True, Choice("fr", "missing")),
        ({"fr": "source"}, "fr", ("en",), True, Choice("fr")),
        ({}, "fr", ("en",), True, None),
    ],
)
def test_choose_language(available, wanted, chain, show_stale, choice):
    assert choose_language(available, wanted, chain, show_stale) == choice
