"""Import time of a generated course library: 4 courses x 15 modules x 6 languages, with quizzes.

Run: python bench/import_library.py [--courses 4] [--modules 15]
Prints the time to check and publish everything (first import), to re-import it unchanged, and the
time per rendered module.
"""

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app import create_app  # noqa: E402
from app.authoring.publishing import course_folders, publish_folders  # noqa: E402
from app.content.versions import file_version  # noqa: E402
from app.extensions import db  # noqa: E402

LANGUAGES = ["en", "fr", "es", "ar", "ru", "zh"]
PHASES = ["preparedness", "emergency-response", "post-crisis"]
PARAGRAPH = (
    "Migrants caught in a crisis face barriers that nationals do not: language, lost documents, "
    "precarious status and isolation. Authorities that plan with migrants in mind reduce those "
    "barriers, and consular officials who know where their nationals are can reach them faster. "
)


def module_text(course: int, number: int) -> str:
    sections = []
    for section in range(6):
        sections.append(f"## Section {section + 1}\n\n" + PARAGRAPH * 3 + f"[^{section + 1}]\n")
        sections.append(
            "| Actor | Role |\n| --- | --- |\n| Host state | Includes migrants |\n| Home state | Assists nationals |\n"
        )
        sections.append(f"> [!key-point] Remember\n> Guideline {section + 1} matters here.\n")
    notes = "\n".join(f"[^{n + 1}]: MICIC Guidelines, note {n + 1}." for n in range(6))
    front = (
        f"---\nid: c{course}-m{number:02d}\nphase: {PHASES[number % 3]}\norder: {number}\ntitle: Module {number}\n"
        "minutes: 20\nobjectives:\n  - Objective one\n  - Objective two\n"
        f"guidelines: [G{number % 15 + 1}]\nprinciples: [P1]\n---\n\n"
    )
    return front + "\n".join(sections) + "\n" + notes + "\n"


def quiz_text(course: int, number: int) -> str:
    questions = "".join(
        f"## q{n}: single\nWhich actor includes migrants in preparedness ({n})?\n\n"
        f"- [x] The host state\n  : Right.\n- [ ] Nobody\n  : No.\n- [ ] Only NGOs\n\n> Guideline 4.\n\n"
        for n in range(5)
    )
    return f"---\nquiz: c{course}-m{number:02d}-check\nshuffle_options: true\n---\n\n" + questions


def translated(text: str, version: str, key: str) -> str:
    body = text.split("---\n", 2)[2]
    return f"---\n{key}\ntranslates: {version}\ntitle: Traduction\n---\n{body}"


def write_library(root: Path, courses: int, modules: int) -> None:
    for course in range(courses):
        folder = root / f"course-{course}"
        folder.mkdir(parents=True)
        titles = "\n".join(f"  {lang}: Course {course} ({lang})" for lang in LANGUAGES)
        (folder / "course.yaml").write_text(
            f"slug: course-{course}\ndefault_language: en\nlanguages: [{', '.join(LANGUAGES)}]\n"
            f"title:\n{titles}\nsummary:\n  en: A generated course.\naudience: all\nestimated_hours: 3\n"
            "pass_mark: 70\ncompletion: all-modules\n"
        )
        for number in range(1, modules + 1):
            stem = f"{number:02d}-module-{number}"
            module, quiz = module_text(course, number), quiz_text(course, number)
            (folder / f"{stem}.md").write_text(module)
            (folder / f"{stem}.quiz.md").write_text(quiz)
            for lang in LANGUAGES[1:]:
                (folder / f"{stem}.{lang}.md").write_text(
                    translated(module, file_version(module), f"id: c{course}-m{number:02d}")
                )
                quiz_id = f"quiz: c{course}-m{number:02d}-check"
                (folder / f"{stem}.quiz.{lang}.md").write_text(translated(quiz, file_version(quiz), quiz_id))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--courses", type=int, default=4)
    parser.add_argument("--modules", type=int, default=15)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        write_library(root / "courses", args.courses, args.modules)
        app = create_app(
            {"INSTANCE_PATH": str(root), "SECRET_KEY": "bench", "SQLALCHEMY_DATABASE_URI": f"sqlite:///{root / 'b.db'}"}
        )
        with app.test_request_context(method="POST"):
            db.create_all()
            folders = course_folders(root / "courses")
            started = time.perf_counter()
            results = publish_folders(folders)
            db.session.commit()
            first = time.perf_counter() - started
            started = time.perf_counter()
            again = publish_folders(folders)
            second = time.perf_counter() - started
            db.engine.dispose()
    modules = args.courses * args.modules * len(LANGUAGES)
    print(
        f"library: {args.courses} courses x {args.modules} modules x {len(LANGUAGES)} languages"
        f" = {modules} module files"
    )
    print(f"  (+ {modules} quiz files of 5 questions); statuses {sorted({r.status for r in results})}")
    print(f"first import:     {first:6.2f} s  ({first / modules * 1000:.1f} ms per module file with its quiz)")
    print(f"unchanged import: {second:6.2f} s  ({sorted({r.status for r in again})})")


if __name__ == "__main__":
    main()
