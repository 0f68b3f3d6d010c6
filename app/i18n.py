"""Locale choice, language and country names, and sorting for the reader's language (via Babel)."""

import unicodedata
from functools import lru_cache

from babel import Locale
from flask import current_app, has_request_context, request, session
from flask_login import current_user

# CLDR territory codes that are not countries (regions, groupings, exceptional reservations).
NOT_COUNTRIES = frozenset({"AC", "CP", "CQ", "DG", "EA", "EU", "EZ", "IC", "QO", "TA", "UN", "XA", "XB", "ZZ"})


def supported(code: str | None) -> str | None:
    """The code itself when it is one of the configured languages, else None (checked before Babel)."""
    if code and code in current_app.config["LANGUAGES"]:
        return code
    return None


def select_locale() -> str:
    """Explicit choice, then the user's preference, then Accept-Language, then English."""
    if not has_request_context():  # CLI commands speak the default language
        return current_app.config["BABEL_DEFAULT_LOCALE"]
    chosen = supported(session.get("lang"))
    if chosen:
        return chosen
    if current_user and current_user.is_authenticated:
        preferred = supported(current_user.preferred_language)
        if preferred:
            return preferred
    return request.accept_languages.best_match(current_app.config["LANGUAGES"]) or "en"


def text_direction(locale_code: str) -> str:
    return Locale.parse(locale_code).text_direction


def sort_key(text: str) -> str:
    """Accent- and case-insensitive ordering, close to what readers of each language expect."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def language_choices(codes) -> list[tuple[str, str]]:
    """Each language named in itself, so a reader finds their own whatever the page language."""
    return [(code, Locale.parse(code).get_display_name(code)) for code in codes]


@lru_cache(maxsize=16)
def country_names(locale_code: str) -> dict[str, str]:
    """Country code → name in the given language (cached: the dict is never modified)."""
    territories = Locale.parse(locale_code).territories
    return {
        code: name
        for code, name in territories.items()
        if len(code) == 2 and code.isalpha() and code not in NOT_COUNTRIES
    }


def country_choices(locale_code: str) -> list[tuple[str, str]]:
    names = country_names(locale_code)
    return sorted(names.items(), key=lambda item: sort_key(item[1]))


def country_name(code: str | None, locale_code: str) -> str:
    if not code:
        return ""
    return country_names(locale_code).get(code, code)
