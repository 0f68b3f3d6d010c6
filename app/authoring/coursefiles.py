"""Which course files the editor may open, their language, and the first text of a new translation."""

import re

import yaml

from app.content.course import COURSE_FILE, MODULE_FILE, QUIZ_FILE
from app.content.frontmatter import split_front_matter
from app.content.versions import file_version

# A translation's front matter holds only these keys; anything else from the source would be an error.
MODULE_TRANSLATION_KEYS = ("id", "translates", "title", "objectives")
QUIZ_TRANSLATION_KEYS = ("quiz", "translates", "title")


def file_kind(path: str) -> str | None:
    """ "course", "quiz" or "module" for a text file the editor handles; None for anything else."""
    if path == COURSE_FILE:
        return "course"
    if QUIZ_FILE.match(path):
        return "quiz"
    if MODULE_FILE.match(path):
        return "module"
    return None


def file_language(path: str, default: str) -> str:
    """The language a file is written in: its code (01-x.fr.md), else the course's default language."""
    match = QUIZ_FILE.match(path) or MODULE_FILE.match(path)
    return (match["lang"] if match else None) or default


def source_of(path: str) -> str | None:
    """For a translation (01-x.fr.md), its source file (01-x.md); None for a source file."""
    match = QUIZ_FILE.match(path) or MODULE_FILE.match(path)
    if match is None or match["lang"] is None:
        return None
    return re.sub(rf"\.{match['lang']}\.md$", ".md", path)


def translation_path(source: str, language: str) -> str:
    """01-x.md → 01-x.fr.md; 01-x.quiz.md → 01-x.quiz.fr.md."""
    return f"{source.removesuffix('.md')}.{language}.md"


def translation_skeleton(source_text: str, source_path: str) -> str:
    """A new translation: the source's text under a front matter reduced to what a translation holds,
    with `translates:` set to the source's current version, so the translator only changes words."""
    document, _problems = split_front_matter(source_text, source_path)
    keys = QUIZ_TRANSLATION_KEYS if file_kind(source_path) == "quiz" else MODULE_TRANSLATION_KEYS
    meta = {"translates": file_version(source_text)} | {k: v for k, v in document.meta.items() if k in keys}
    ordered = {key: meta[key] for key in keys if key in meta}
    front = yaml.safe_dump(ordered, allow_unicode=True, sort_keys=False, default_flow_style=False)
    return f"---\n{front}---\n{document.body}"
