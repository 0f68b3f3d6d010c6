"""Build course folders for tests: the sample course, changed file by file."""

import shutil
from pathlib import Path

from app.content.checks import check_course
from app.content.course import read_course
from app.content.sources import read_folder

SAMPLE = Path(__file__).parent / "fixtures" / "courses" / "sample"


def sample_copy(target: Path, changes: dict[str, str | None] | None = None) -> Path:
    """A copy of the sample course; changes map a file to new text (None deletes it)."""
    folder = target / "sample"
    shutil.copytree(SAMPLE, folder)
    for name, text in (changes or {}).items():
        path = folder / name
        if text is None:
            path.unlink()
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    return folder


def replace_in(name: str, old: str, new: str) -> dict[str, str]:
    """A change that edits one line of one sample file."""
    text = (SAMPLE / name).read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {name}"
    return {name: text.replace(old, new, 1)}


def problems_of(folder: Path) -> list[str]:
    course, problems = read_course(read_folder(folder))
    if course is not None and not any(p.level == "error" for p in problems):
        problems += check_course(course)
    return [str(p) for p in problems]
