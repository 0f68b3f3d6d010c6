"""The UI catalogs: extract, update, compile and measure them (wrapping Babel's own tools)."""

import io
from dataclasses import dataclass
from pathlib import Path

from babel.messages.frontend import CommandLineInterface
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

KEYWORDS = ("_l", "lazy_gettext")


@dataclass(frozen=True)
class Status:
    language: str
    total: int
    translated: int
    fuzzy: int
    problems: tuple[str, ...]

    @property
    def percent(self) -> float:
        return 100.0 * self.translated / self.total if self.total else 100.0


def _pybabel(*args: str) -> None:
    CommandLineInterface().run(["pybabel", "-q", *args])


def extract(root: Path, pot: Path) -> None:
    """Collect every gettext string of the code and templates into the .pot template."""
    keywords = [arg for keyword in KEYWORDS for arg in ("-k", keyword)]
    _pybabel(
        "extract",
        "-F",
        str(root / "babel.cfg"),
        *keywords,
        "--no-location",
        "--omit-header",
        "-o",
        str(pot),
        str(root),  # babel.cfg's patterns (app/**.py, app/templates/**) are relative to the root
    )


SOURCE_LANGUAGE = "en"


def update(translations: Path, pot: Path, languages) -> None:
    """Bring each language's catalog in line with the template (creating missing ones).

    The English catalog is filled in automatically: the source strings are English already.
    """
    for language in languages:
        catalog = translations / language / "LC_MESSAGES" / "messages.po"
        if catalog.exists():
            _pybabel(
                "update",
                "-i",
                str(pot),
                "-d",
                str(translations),
                "-l",
                language,
                "--no-fuzzy-matching",
                "--ignore-obsolete",
            )
        else:
            _pybabel("init", "-i", str(pot), "-d", str(translations), "-l", language)
        if language == SOURCE_LANGUAGE:
            _fill_with_source(catalog)


def _fill_with_source(path: Path) -> None:
    with path.open("rb") as handle:
        catalog = read_po(handle)
    for message in catalog:
        if message.id and not _is_translated(message):
            message.string = tuple(message.id) if isinstance(message.id, tuple | list) else message.id
    with path.open("wb") as handle:
        write_po(handle, catalog, width=100)


def compile_catalogs(translations: Path) -> int:
    """Write a .mo next to every .po (skipping fuzzy entries); returns how many were written."""
    written = 0
    for po in sorted(translations.glob("*/LC_MESSAGES/messages.po")):
        mo = po.with_suffix(".mo")
        if mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime:
            continue
        with po.open("rb") as handle:
            catalog = read_po(handle)
        buffer = io.BytesIO()
        write_mo(buffer, catalog)
        mo.write_bytes(buffer.getvalue())
        written += 1
    return written


def status(translations: Path, language: str) -> Status:
    with (translations / language / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        catalog = read_po(handle)
    messages = [m for m in catalog if m.id]
    translated = [m for m in messages if _is_translated(m) and not m.fuzzy]
    problems = tuple(f"{m.id!r}: {error}" for m, errors in catalog.check() for error in errors)
    return Status(language, len(messages), len(translated), sum(1 for m in messages if m.fuzzy), problems)


def _is_translated(message) -> bool:
    if isinstance(message.string, tuple | list):
        return all(message.string)
    return bool(message.string)
