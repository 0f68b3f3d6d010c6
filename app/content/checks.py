"""Checks across a course's files: translations that match their source, links, images, raw HTML."""

import posixpath
from collections import Counter

from app.content.model import Course, Module, Problem, Question, Quiz
from app.content.render import find_images, find_links, find_raw_html

REMOTE_PREFIXES = ("http:", "https:", "//", "data:", "javascript:", "mailto:")


def check_course(course: Course) -> list[Problem]:
    """Everything that needs more than one file to see; warnings for stale or missing translations."""
    problems: list[Problem] = []
    for language in course.languages:
        for key, texts in (("title", course.titles), ("summary", course.summaries)):
            if not texts.get(language):
                problems.append(Problem("course.yaml", 1, f"no {language} {key} yet", "warning"))
    module_files = {m.source.file for m in course.modules}
    ids = Counter(m.source.id for m in course.modules)
    for module_set in course.modules:
        source = module_set.source
        if ids[source.id] > 1:
            problems.append(Problem(source.file, 2, f"module id '{source.id}' is used by another module too"))
        for module in (source, *module_set.translations.values()):
            problems += _check_body(module, course, module_files)
        problems += _translation_status(source, module_set.translations, course)
        if module_set.quiz is not None:
            problems += _check_quiz_family(module_set.quiz, module_set.quiz_translations, course)
    if course.final is not None:
        problems += _check_quiz_family(course.final, course.final_translations, course)
    elif course.completion in ("all-modules-and-final", "final"):
        problems.append(
            Problem("course.yaml", 1, f"completion '{course.completion}' needs a final assessment: add final.quiz.md")
        )
    quiz_ids = Counter(q.id for q in _all_source_quizzes(course))
    for quiz in _all_source_quizzes(course):
        if quiz_ids[quiz.id] > 1:
            problems.append(Problem(quiz.file, 2, f"quiz id '{quiz.id}' is used by another quiz too"))
    return problems


def _all_source_quizzes(course: Course) -> list[Quiz]:
    quizzes = [m.quiz for m in course.modules if m.quiz is not None]
    return quizzes + ([course.final] if course.final is not None else [])


def _translation_status(source: Module | Quiz, translations: dict, course: Course) -> list[Problem]:
    """Warnings for each offered language whose translation of a module or quiz is missing or stale."""
    problems = []
    stem = source.file.removesuffix(".md")
    for language in course.languages:
        if language == course.default_language:
            continue
        translation = translations.get(language)
        if translation is None:
            problems.append(Problem(source.file, 1, _missing_message(language, stem, source.version), "warning"))
        elif translation.translates != source.version:
            problems.append(
                Problem(translation.file, 1, _stale_message(translation.translates, source.version), "warning")
            )
    return problems


def _missing_message(language: str, stem: str, version: str) -> str:
    return f"no {language} translation yet ({stem}.{language}.md, with 'translates: {version}')"


def _stale_message(recorded: str, current: str) -> str:
    return (
        f"stale translation: made from version '{recorded or '?'}' of the source, which is now '{current}'; "
        f"bring the text up to date, then write 'translates: {current}'"
    )


def _check_body(module: Module, course: Course, module_files: set[str]) -> list[Problem]:
    problems = []
    base = module.body_line - 1
    folder = posixpath.dirname(module.file)
    for line, src, alt in find_images(module.body):
        where = base + line
        if not alt.strip():
            problems.append(
                Problem(module.file, where, f"image '{src}' has no alt text: write ![what it shows]({src})")
            )
        if src.lower().startswith(REMOTE_PREFIXES):
            problems.append(
                Problem(module.file, where, f"image '{src}' is not a file of the course: put it in images/")
            )
        elif posixpath.normpath(posixpath.join(folder, src)) not in course.assets:
            problems.append(Problem(module.file, where, f"image '{src}' not found in the course folder"))
    for line, href in find_links(module.body):
        target = href.split("#", 1)[0]
        is_module_link = target.endswith(".md") and not target.lower().startswith(REMOTE_PREFIXES)
        if is_module_link and posixpath.normpath(posixpath.join(folder, target)) not in module_files:
            problems.append(Problem(module.file, base + line, f"link to a module that does not exist: {target}"))
    for line in find_raw_html(module.body):
        problems.append(
            Problem(module.file, base + line, "raw HTML on this line will be removed; use Markdown", "warning")
        )
    return problems


def _check_quiz_family(source: Quiz, translations: dict[str, Quiz], course: Course) -> list[Problem]:
    problems = _translation_status(source, translations, course)
    for translation in translations.values():
        if translation.id != source.id:
            problems.append(
                Problem(translation.file, 2, f"quiz id '{translation.id}' differs from the source's '{source.id}'")
            )
        problems += _compare_questions(source, translation)
    return problems


def _compare_questions(source: Quiz, translation: Quiz) -> list[Problem]:
    """A translation changes words only: same questions, same order, same options and correct answers."""
    wanted = [q.id for q in source.questions]
    found = [q.id for q in translation.questions]
    if wanted != found:
        missing = [q for q in wanted if q not in found]
        extra = [q for q in found if q not in wanted]
        detail = "; ".join(
            part
            for part in (
                f"missing {', '.join(missing)}" if missing else "",
                f"not in the source: {', '.join(extra)}" if extra else "",
                "same questions in another order" if not missing and not extra else "",
            )
            if part
        )
        return [Problem(translation.file, 1, f"the questions differ from the source's ({detail})")]
    problems = []
    for original, translated in zip(source.questions, translation.questions, strict=True):
        if difference := _question_difference(original, translated):
            problems.append(Problem(translation.file, translated.line, f"question '{translated.id}': {difference}"))
    return problems


def _question_difference(original: Question, translated: Question) -> str:
    if original.type != translated.type:
        return f"type '{translated.type}' differs from the source's '{original.type}'"
    if original.points != translated.points:
        return "points differ from the source's"
    if len(original.options) != len(translated.options):
        return f"{len(translated.options)} options where the source has {len(original.options)}"
    if [o.weight for o in original.options] != [o.weight for o in translated.options]:
        return "the correct options ([x] and percentages) differ from the source's"
    if [(n.low, n.high, n.weight) for n in original.numbers] != [(n.low, n.high, n.weight) for n in translated.numbers]:
        return "the accepted numbers differ from the source's"
    if len(original.pairs) != len(translated.pairs):
        return f"{len(translated.pairs)} pairs where the source has {len(original.pairs)}"
    return ""
