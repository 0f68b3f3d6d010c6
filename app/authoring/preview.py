"""What a file being edited will look like to learners, rendered exactly as publishing would render it."""

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from babel import Locale

from app.authoring.coursefiles import file_kind, file_language, source_of
from app.authoring.publishing import question_record
from app.content.frontmatter import split_front_matter
from app.content.quizfile import read_quiz
from app.content.render import render_markdown


@dataclass
class Preview:
    kind: str  # "module", "quiz" or "course" (course.yaml has no preview of its own)
    language: str
    direction: str = "ltr"  # of the file's language: Arabic text previews right to left
    title: str = ""
    objectives: list[str] = field(default_factory=list)
    html: str = ""  # sanitised by render_markdown: safe to insert into the page
    questions: list[dict] = field(default_factory=list)  # as publishing stores them (see question_record)


def asset_resolver(asset_urls: dict[str, str], file: str) -> Callable[[str], str | None]:
    """An image path as written in `file` → its served URL, or None when the course has no such picture."""
    folder = PurePosixPath(file).parent

    def resolve(src: str) -> str | None:
        return asset_urls.get((folder / src).as_posix())

    return resolve


def preview(path: str, text: str, default_language: str, asset_urls: dict[str, str]) -> Preview:
    """The module's rendered body, or the quiz's questions with their answer key (for trainers only)."""
    kind = file_kind(path) or "course"
    language = file_language(path, default_language)
    result = Preview(kind=kind, language=language, direction=Locale.parse(language).text_direction)
    resolve = asset_resolver(asset_urls, path)
    if kind == "module":
        document, _problems = split_front_matter(text, path)
        result.title = str(document.meta.get("title", "") or "")
        objectives = document.meta.get("objectives")
        result.objectives = [str(o) for o in objectives] if isinstance(objectives, list) else []
        result.html = render_markdown(document.body, resolve)
    elif kind == "quiz":
        quiz, _problems = read_quiz(text, path, language, is_translation=source_of(path) is not None)
        if quiz is not None:
            result.title = quiz.title
            result.questions = [question_record(q, resolve) for q in quiz.questions]
    return result
