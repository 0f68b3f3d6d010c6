"""Moodle GIFT question banks in and out of a course's quizzes: an import becomes a draft to review."""

from flask_babel import gettext as _
from sqlalchemy import select

from app.authoring import services
from app.authoring.publishing import ImportRejected
from app.content.course import QUIZ_FILE
from app.content.gift import read_gift, write_gift
from app.content.model import Problem
from app.content.quizfile import read_quiz
from app.content.quizwriter import quiz_markdown
from app.extensions import db
from app.models import Course, CourseVersion, ModuleVersion, User


def import_gift(
    course: Course, version: CourseVersion, module_key: str, data: bytes, filename: str, user: User
) -> tuple[str, int, list[Problem]]:
    """GIFT questions as a draft of the module's quiz file (replacing its questions, keeping its id and settings).
    Returns the quiz path, the number of questions and the warnings; raises ImportRejected on any error."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise services.AuthoringError(_("The GIFT file is not UTF-8 text: save it as UTF-8 and try again.")) from None
    source = db.session.scalar(
        select(ModuleVersion).where(
            ModuleVersion.course_version_id == version.id,
            ModuleVersion.module_key == module_key,
            ModuleVersion.status == "source",
        )
    )
    if source is None:
        raise services.AuthoringError(_("Choose one of the course's modules."))
    questions, problems = read_gift(text, filename)
    if not questions and not problems:
        problems = [Problem(filename, 1, _("no questions found in this file"))]
    if any(p.level == "error" for p in problems) or not questions:
        raise ImportRejected(problems)
    path = source.file_path.removesuffix(".md") + ".quiz.md"
    quiz_id, settings, title = f"{module_key}-quiz", None, ""
    existing = services.published_text(version, path)
    if existing is not None:
        quiz, _problems = read_quiz(existing, path, version.default_language, is_translation=False)
        if quiz is not None:
            quiz_id, settings, title = quiz.id, quiz.settings, quiz.title
    services.save_draft(course, path, quiz_markdown(quiz_id, questions, settings, title), user)
    return path, len(questions), [p for p in problems if p.level == "warning"]


def export_gift(version: CourseVersion, path: str) -> str | None:
    """A published quiz file's questions as GIFT text; None when the version has no such quiz."""
    match = QUIZ_FILE.match(path)
    text = services.published_text(version, path) if match else None
    if text is None:
        return None
    language = match["lang"] or version.default_language
    quiz, _problems = read_quiz(text, path, language, is_translation=match["lang"] is not None)
    return write_gift(quiz.questions) if quiz is not None else None
