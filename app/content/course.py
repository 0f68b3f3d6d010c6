"""Turn a course folder (as a mapping of relative path → bytes) into a Course and its problems."""

import re
from dataclasses import dataclass, field, replace

from app.content.frontmatter import read_yaml, split_front_matter
from app.content.model import (
    AUDIENCES,
    COMPLETION_RULES,
    GUIDELINES,
    LANGUAGES,
    PHASES,
    PRINCIPLES,
    Course,
    Module,
    ModuleSet,
    Problem,
    Quiz,
)
from app.content.quizfile import ID_PATTERN, read_quiz
from app.content.versions import file_version

COURSE_FILE = "course.yaml"
MODULE_FILE = re.compile(r"^(?P<stem>\d{2}-[a-z0-9-]+)(?:\.(?P<lang>[a-z]{2}))?\.md$")
QUIZ_FILE = re.compile(r"^(?P<stem>\d{2}-[a-z0-9-]+|final)\.quiz(?:\.(?P<lang>[a-z]{2}))?\.md$")
ASSET_FILE = re.compile(r"^(?:images|assets)/[A-Za-z0-9._/-]+\.(?:png|jpe?g|gif|webp)$")
IGNORED_FILES = {"README.md", ".gitkeep"}
SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{1,62}$")

COURSE_KEYS = {
    "slug", "default_language", "languages", "title", "summary", "audience", "estimated_hours",
    "pass_mark", "completion", "certificate_validity_months",
}  # fmt: skip
MODULE_KEYS = {"id", "phase", "order", "title", "minutes", "objectives", "guidelines", "principles"}
TRANSLATION_KEYS = {"id", "translates", "title", "objectives"}


@dataclass
class _Sources:
    """The course folder's files sorted by role."""

    modules: dict[str, dict[str, str]] = field(default_factory=dict)  # stem → language → path
    quizzes: dict[str, dict[str, str]] = field(default_factory=dict)
    assets: dict[str, bytes] = field(default_factory=dict)


def read_course(files: dict[str, bytes], languages: tuple[str, ...] = LANGUAGES) -> tuple[Course | None, list[Problem]]:
    """Parse every file of a course; the course is None when course.yaml itself is unusable."""
    problems: list[Problem] = []
    texts: dict[str, str] = {}
    for path, data in files.items():
        if ASSET_FILE.match(path):
            continue
        try:
            texts[path] = data.decode("utf-8")
        except UnicodeDecodeError:
            problems.append(Problem(path, 1, "not UTF-8 text: save the file as UTF-8"))
    if COURSE_FILE not in texts:
        return None, [*problems, Problem(COURSE_FILE, 1, "missing: every course folder needs a course.yaml")]
    settings, setting_problems = _course_settings(texts[COURSE_FILE], languages)
    problems += setting_problems
    if settings is None:
        return None, problems
    sources, source_problems = _sort_files(files, settings["languages"], settings["default_language"])
    problems += source_problems
    default = settings["default_language"]
    module_sets = []
    for stem in sorted(sources.modules):
        module_set, set_problems = _module_set(stem, sources, texts, default)
        problems += set_problems
        if module_set is not None:
            module_sets.append(module_set)
    final, final_translations, final_problems = _quiz_family("final", sources, texts, default)
    problems += final_problems
    if not module_sets:
        problems.append(Problem(COURSE_FILE, 1, "the course has no modules: add files named like 01-introduction.md"))
    course = Course(
        modules=tuple(sorted(module_sets, key=lambda s: (s.source.order, s.source.id))),
        final=final,
        final_translations=final_translations,
        assets=sources.assets,
        **settings,
    )
    return course, problems


def _course_settings(text: str, languages: tuple[str, ...]) -> tuple[dict | None, list[Problem]]:
    data, problems = read_yaml(text, COURSE_FILE)
    if problems:
        return None, problems

    def problem(key: str, message: str) -> None:
        problems.append(Problem(COURSE_FILE, _line_of(text, key), message))

    for key in sorted(set(data) - COURSE_KEYS):
        problem(key, f"unknown key '{key}'")
    for key in sorted(COURSE_KEYS - set(data) - {"certificate_validity_months"}):
        problems.append(Problem(COURSE_FILE, 1, f"missing key '{key}'"))
    if problems:
        return None, problems
    slug, default = str(data["slug"]), str(data["default_language"])
    offered = tuple(str(code) for code in data["languages"]) if isinstance(data["languages"], list) else ()
    if not SLUG.match(slug):
        problem("slug", "slug: use lower-case letters, digits and dashes (it appears in web addresses)")
    for code in offered:
        if code not in languages:
            problem("languages", f"language '{code}' is not one of {', '.join(languages)}")
    if default not in offered:
        problem("default_language", "default_language must be one of the languages listed under 'languages'")
    titles, summaries = data["title"], data["summary"]
    for key, value in (("title", titles), ("summary", summaries)):
        if not isinstance(value, dict) or not str(value.get(default, "")).strip():
            problem(key, f"'{key}' needs a text for each language, at least '{default}: ...'")
        elif unknown := sorted(set(value) - set(offered)):
            problem(key, f"'{key}' has a text in {', '.join(map(str, unknown))}, which the course does not offer")
    if data["audience"] not in AUDIENCES:
        problem("audience", f"audience must be one of {', '.join(AUDIENCES)}")
    if data["completion"] not in COMPLETION_RULES:
        problem("completion", f"completion must be one of {', '.join(COMPLETION_RULES)}")
    pass_mark, hours = data["pass_mark"], data["estimated_hours"]
    if not isinstance(pass_mark, int) or isinstance(pass_mark, bool) or not 0 <= pass_mark <= 100:
        problem("pass_mark", "pass_mark must be a whole number from 0 to 100")
    if not isinstance(hours, int | float) or isinstance(hours, bool) or hours <= 0:
        problem("estimated_hours", "estimated_hours must be a positive number")
    validity = data.get("certificate_validity_months")
    if validity is not None and (not isinstance(validity, int) or isinstance(validity, bool) or validity < 1):
        problem(
            "certificate_validity_months", "certificate_validity_months must be a whole number of months, or left out"
        )
    if problems:
        return None, problems
    settings = {
        "slug": slug,
        "default_language": default,
        "languages": offered,
        "titles": {str(k): str(v).strip() for k, v in titles.items()},
        "summaries": {str(k): str(v).strip() for k, v in summaries.items()},
        "audience": data["audience"],
        "estimated_hours": float(hours),
        "pass_mark": pass_mark,
        "completion": data["completion"],
        "certificate_validity_months": validity,
    }
    return settings, []


def _line_of(text: str, key: str) -> int:
    for number, line in enumerate(text.split("\n"), start=1):
        if line.startswith(f"{key}:"):
            return number
    return 1


def _sort_files(files: dict[str, bytes], offered: tuple[str, ...], default: str) -> tuple[_Sources, list[Problem]]:
    sources = _Sources()
    problems = []
    for path in sorted(files):
        name = path.rsplit("/", 1)[-1]
        if path == COURSE_FILE or name in IGNORED_FILES:
            continue
        if ASSET_FILE.match(path):
            sources.assets[path] = files[path]
            continue
        match = QUIZ_FILE.match(path) or MODULE_FILE.match(path)
        if match is None:
            problems.append(Problem(path, 1, _unknown_file_message(path)))
            continue
        language = match["lang"] or default
        if match["lang"] == default:
            problems.append(Problem(path, 1, f"the {default} text is the file without a language code: rename it"))
            continue
        if language not in offered:
            problems.append(
                Problem(path, 1, f"'{language}' is not among the course's languages in course.yaml", "warning")
            )
            continue
        group = sources.quizzes if ".quiz." in path else sources.modules
        group.setdefault(match["stem"], {})[language] = path
    for stem, by_language in [*sources.modules.items(), *sources.quizzes.items()]:
        if default not in by_language:
            any_path = next(iter(by_language.values()))
            problems.append(Problem(any_path, 1, f"translation without a source file: {stem}.md is missing"))
    for stem in sources.quizzes:
        if stem != "final" and stem not in sources.modules:
            problems.append(Problem(f"{stem}.quiz.md", 1, f"quiz for a module that does not exist: {stem}.md"))
    return sources, problems


def _unknown_file_message(path: str) -> str:
    if path.endswith(".md"):
        return "module files are named like '03-evacuation.md' (translations '03-evacuation.fr.md')"
    if "/" in path and path.split("/", 1)[0] in ("images", "assets"):
        return "images must be .png, .jpg, .gif or .webp, with letters, digits, dots and dashes in the name"
    return "this kind of file is not part of a course; remove it"


def _module_set(
    stem: str, sources: _Sources, texts: dict[str, str], default: str
) -> tuple[ModuleSet | None, list[Problem]]:
    paths = sources.modules[stem]
    if default not in paths:
        return None, []
    source, problems = _module(texts.get(paths[default], ""), paths[default], default, None)
    if source is None:
        return None, problems
    translations = {}
    for language, path in sorted(paths.items()):
        if language == default:
            continue
        module, module_problems = _module(texts.get(path, ""), path, language, source)
        problems += module_problems
        if module is not None:
            translations[language] = module
    quiz, quiz_translations, quiz_problems = _quiz_family(stem, sources, texts, default)
    problems += quiz_problems
    return ModuleSet(source, translations, quiz, quiz_translations), problems


def _module(text: str, path: str, language: str, source: Module | None) -> tuple[Module | None, list[Problem]]:
    """A module file; for a translation, the fields it does not translate come from the source."""
    document, problems = split_front_matter(text, path)
    meta = document.meta
    allowed = MODULE_KEYS if source is None else TRANSLATION_KEYS
    for key in sorted(set(meta) - allowed):
        hint = " (translations set only id, translates, title and objectives)" if source is not None else ""
        problems.append(Problem(path, _front_line(text, key), f"unknown key '{key}'{hint}"))
    required = MODULE_KEYS if source is None else {"id", "translates", "title"}
    for key in sorted(required - set(meta)):
        problems.append(Problem(path, 1, f"missing key '{key}' in the front matter"))
    if problems and not meta:
        return None, problems
    module_id = str(meta.get("id", ""))
    if not ID_PATTERN.match(module_id):
        problems.append(Problem(path, _front_line(text, "id"), "id: use lower-case letters, digits and dashes"))
    if source is not None and module_id != source.id:
        problems.append(
            Problem(path, _front_line(text, "id"), f"id '{module_id}' differs from the source's '{source.id}'")
        )
    objectives = meta.get("objectives", source.objectives if source else [])
    if not isinstance(objectives, list | tuple) or not all(isinstance(o, str) for o in objectives):
        problems.append(
            Problem(path, _front_line(text, "objectives"), "objectives: a list of lines starting with '- '")
        )
        objectives = []
    if source is None:
        problems += _source_fields(meta, text, path)
        if any(p.level == "error" for p in problems):
            return None, problems
    title = str(meta.get("title", "")).strip()
    if not title:
        problems.append(Problem(path, _front_line(text, "title"), "the module needs a title"))
    base = source or Module(
        id=module_id,
        language=language,
        phase=meta["phase"],
        order=meta["order"],
        title=title,
        minutes=meta["minutes"],
        objectives=(),
        guidelines=tuple(meta.get("guidelines") or ()),
        principles=tuple(meta.get("principles") or ()),
        body="",
    )
    module = Module(
        id=base.id,
        language=language,
        phase=base.phase,
        order=base.order,
        title=title,
        minutes=base.minutes,
        objectives=tuple(objectives),
        guidelines=base.guidelines,
        principles=base.principles,
        body=document.body,
        file=path,
        body_line=document.body_line,
        version=file_version(text),
        translates=str(meta.get("translates", "") or ""),
    )
    return module, problems


def _source_fields(meta: dict, text: str, path: str) -> list[Problem]:
    problems = []

    def problem(key: str, message: str) -> None:
        problems.append(Problem(path, _front_line(text, key), message))

    if "phase" in meta and meta["phase"] not in PHASES:
        problem("phase", f"unknown phase '{meta['phase']}'; use one of {', '.join(PHASES)}")
    for key in ("order", "minutes"):
        value = meta.get(key)
        if key in meta and (not isinstance(value, int) or isinstance(value, bool) or value < 1):
            problem(key, f"{key} must be a whole number of at least 1")
    for key, known in (("guidelines", GUIDELINES), ("principles", PRINCIPLES)):
        values = meta.get(key) or []
        if not isinstance(values, list) or any(v not in known for v in values):
            problem(key, f"{key}: a list of {known[0]} to {known[-1]}")
    return problems


def _front_line(text: str, key: str) -> int:
    return _line_of(text.lstrip("\ufeff").replace("\r\n", "\n"), key)


def _quiz_family(
    stem: str, sources: _Sources, texts: dict[str, str], default: str
) -> tuple[Quiz | None, dict, list[Problem]]:
    paths = sources.quizzes.get(stem, {})
    if default not in paths:
        return None, {}, []
    source, problems = read_quiz(texts.get(paths[default], ""), paths[default], default, is_translation=False)
    if source is not None:
        source = replace(source, version=file_version(texts.get(paths[default], "")))
    translations = {}
    for language, path in sorted(paths.items()):
        if language == default:
            continue
        quiz, quiz_problems = read_quiz(texts.get(path, ""), path, language, is_translation=True)
        problems += quiz_problems
        if quiz is not None and source is not None:
            # Settings come from the source; a translation carries only words.
            translations[language] = replace(quiz, settings=source.settings, version=file_version(texts.get(path, "")))
    return source, translations, problems
