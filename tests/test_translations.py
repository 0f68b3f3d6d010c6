"""The six interface catalogs: complete, up to date with the code, placeholders intact, compiled."""

from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from app.config import LANGUAGES
from app.translations import extract, status

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "translations"


def catalog_ids(path: Path) -> set:
    with path.open("rb") as handle:
        return {message.id for message in read_po(handle) if message.id}


@pytest.fixture(scope="module")
def source_ids(tmp_path_factory) -> set:
    pot = tmp_path_factory.mktemp("pot") / "messages.pot"
    extract(ROOT, pot)
    return catalog_ids(pot)


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalog_is_complete_and_placeholders_match(language):
    state = status(TRANSLATIONS, language)
    assert state.problems == (), "\n".join(state.problems)
    assert state.fuzzy == 0
    assert state.translated == state.total, f"{language}: {state.total - state.translated} untranslated entries"


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalog_is_up_to_date_with_the_code(language, source_ids):
    ids = catalog_ids(TRANSLATIONS / language / "LC_MESSAGES" / "messages.po")
    missing = source_ids - ids
    stale = ids - source_ids
    assert not missing, f"{language}: run `flask translate update` and translate {sorted(missing)[:5]}..."
    assert not stale, f"{language}: entries no longer in the code: {sorted(stale)[:5]}..."


def translation_of(language: str, msgid: str) -> str:
    with (TRANSLATIONS / language / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        return read_po(handle)[msgid].string


@pytest.mark.parametrize("language", [lang for lang in LANGUAGES if lang != "en"])
def test_pages_are_shown_in_each_language(client, language):
    page = client.get("/auth/login", headers={"Accept-Language": language}).get_data(as_text=True)
    assert f'<html lang="{language}"' in page
    for msgid in ("Log in", "Forgot your password?", "Keep me logged in on this device"):
        translated = translation_of(language, msgid)
        assert translated != msgid
        assert translated in page, (language, msgid)
