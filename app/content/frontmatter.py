"""Split a Markdown file into its YAML front matter and body, with line numbers for messages."""

from dataclasses import dataclass

import yaml

from app.content.model import Problem

FENCE = "---"


@dataclass(frozen=True)
class Document:
    meta: dict
    body: str
    body_line: int  # 1-based line of the file where the body starts


def read_yaml(text: str, file: str, first_line: int = 1) -> tuple[dict, list[Problem]]:
    """Safe-load a YAML mapping; a syntax error becomes a Problem at the line it happened."""
    try:
        data = yaml.safe_load(text)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = first_line + (mark.line if mark else 0)
        reason = error.problem or "not valid YAML"
        return {}, [Problem(file, line, f"YAML: {reason}; check quotes, colons and indentation")]
    except yaml.YAMLError as error:
        return {}, [Problem(file, first_line, f"YAML: {error}")]
    if data is None:
        return {}, []
    if not isinstance(data, dict):
        return {}, [Problem(file, first_line, "expected 'key: value' lines")]
    return data, []


def split_front_matter(text: str, file: str) -> tuple[Document, list[Problem]]:
    """The front matter between the first two '---' lines, and the Markdown after them."""
    text = normalise_newlines(text)
    lines = text.split("\n")
    if not lines or lines[0].strip() != FENCE:
        return Document({}, text, 1), [
            Problem(file, 1, "the file must start with a '---' line opening its front matter")
        ]
    for index in range(1, len(lines)):
        if lines[index].strip() == FENCE:
            meta, problems = read_yaml("\n".join(lines[1:index]), file, first_line=2)
            body = "\n".join(lines[index + 1 :])
            return Document(meta, body, index + 2), problems
    return Document({}, "", len(lines)), [
        Problem(file, 1, "the front matter is never closed: add a '---' line after it")
    ]


def normalise_newlines(text: str) -> str:
    return text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def key_line(text: str, key: str, default: int = 1) -> int:
    """The line on which a front-matter key is written, so a message can point at it."""
    for number, line in enumerate(normalise_newlines(text).split("\n"), start=1):
        if line.startswith(f"{key}:"):
            return number
    return default
