"""`flask courses ...`: check, import and export course folders, and move quizzes in and out of GIFT."""

from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup
from sqlalchemy import select

from app.authoring.publishing import (
    ImportRejected,
    check_files,
    course_folders,
    publish_course,
    publish_folders,
    version_files,
)
from app.content.gift import read_gift, write_gift
from app.content.quizfile import read_quiz
from app.content.quizwriter import quiz_markdown
from app.content.sources import SourceError, read_folder, read_zip, write_folder, write_zip
from app.extensions import db
from app.models import Course

courses_cli = AppGroup("courses", help="Check, import and export courses.")


def default_courses_root() -> Path:
    return Path(current_app.root_path).parent / "courses"


def _print_problems(problems) -> None:
    for problem in problems:
        click.echo(str(problem), err=problem.level == "error")


@courses_cli.command("check")
@click.argument("path", required=False, type=click.Path(exists=True, path_type=Path))
def check_command(path: Path | None) -> None:
    """Check one course folder, or every course under courses/; exit 1 on errors."""
    folders = course_folders(path or default_courses_root())
    if not folders:
        raise click.ClickException(f"no course.yaml found under {path or default_courses_root()}")
    errors = 0
    for folder in folders:
        try:
            _course, problems = check_files(read_folder(folder))
        except SourceError as error:
            click.echo(f"{folder}: {error}", err=True)
            errors += 1
            continue
        prefixed = [type(p)(f"{folder.name}/{p.file}", p.line, p.message, p.level) for p in problems]
        _print_problems(prefixed)
        errors += sum(p.level == "error" for p in problems)
        warnings = sum(p.level == "warning" for p in problems)
        click.echo(f"{folder.name}: {_count(errors, 'error')}, {_count(warnings, 'warning')}")
    if errors:
        raise SystemExit(1)


def _count(number: int, word: str) -> str:
    return f"{number} {word}{'' if number == 1 else 's'}"


@courses_cli.command("import")
@click.argument("path", required=False, type=click.Path(exists=True, path_type=Path))
@click.option("--dry-run", is_flag=True, help="Check and report what would change, writing nothing.")
def import_command(path: Path | None, dry_run: bool) -> None:
    """Import course folders (or a course zip) as new versions; all or nothing."""
    path = path or default_courses_root()
    try:
        if path.is_file():
            results = [publish_course(read_zip(path.read_bytes()), dry_run=dry_run)]
        else:
            results = publish_folders(course_folders(path), dry_run=dry_run)
    except (ImportRejected, SourceError) as error:
        db.session.rollback()
        _print_problems(getattr(error, "problems", []))
        raise click.ClickException(f"nothing imported: {error}") from None
    if dry_run:
        db.session.rollback()
    else:
        db.session.commit()
    for result in results:
        _print_problems(result.warnings)
        click.echo(f"{result.slug}: {_describe(result)}")


def _describe(result) -> str:
    return {
        "created": f"imported as version {result.version}",
        "updated": f"changed: published version {result.version}",
        "unchanged": f"unchanged (version {result.version})",
        "checked": f"would be published as version {result.version} (dry run)",
    }[result.status]


@courses_cli.command("export")
@click.argument("slug")
@click.option(
    "-o", "--output", required=True, type=click.Path(path_type=Path), help="A folder, or a file ending in .zip"
)
@click.option("--version", "number", type=int, help="Version number (default: the current one).")
def export_command(slug: str, output: Path, number: int | None) -> None:
    """Write a course back in the course format, exactly as published."""
    version = _version(slug, number)
    files = version_files(version)
    if output.suffix == ".zip":
        output.write_bytes(write_zip(files, slug))
    else:
        if output.exists() and any(output.iterdir()):
            raise click.ClickException(f"{output} is not empty")
        write_folder(files, output)
    click.echo(f"{slug}: version {version.number} written to {output} ({len(files)} files)")


def _version(slug: str, number: int | None):
    course = db.session.scalar(select(Course).where(Course.slug == slug))
    if course is None or course.current_version is None:
        raise click.ClickException(f"no course '{slug}'")
    if number is None:
        return course.current_version
    from app.models import CourseVersion

    version = db.session.scalar(
        select(CourseVersion).where(CourseVersion.course_id == course.id, CourseVersion.number == number)
    )
    if version is None:
        raise click.ClickException(f"course '{slug}' has no version {number}")
    return version


@courses_cli.command("gift-import")
@click.argument("gift_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("quiz_file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--quiz-id", required=True, help="The quiz's stable id, e.g. evacuation-check.")
def gift_import_command(gift_file: Path, quiz_file: Path, quiz_id: str) -> None:
    """Convert a Moodle GIFT file into a quiz file (e.g. courses/x/03-evacuation.quiz.md)."""
    questions, problems = read_gift(gift_file.read_text(encoding="utf-8-sig"), gift_file.name)
    _print_problems(problems)
    if any(p.level == "error" for p in problems):
        raise click.ClickException("nothing written: fix the lines above or remove those questions")
    if quiz_file.exists():
        raise click.ClickException(f"{quiz_file} exists; choose another name or remove it first")
    quiz_file.write_text(quiz_markdown(quiz_id, questions), encoding="utf-8")
    click.echo(f"{len(questions)} questions written to {quiz_file}")


@courses_cli.command("gift-export")
@click.argument("quiz_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path))
def gift_export_command(quiz_file: Path, output: Path) -> None:
    """Write a quiz file's questions as Moodle GIFT."""
    quiz, problems = read_quiz(quiz_file.read_text(encoding="utf-8"), quiz_file.name, "en", is_translation=False)
    _print_problems(problems)
    if quiz is None or any(p.level == "error" for p in problems):
        raise click.ClickException("nothing written: fix the quiz file first")
    output.write_text(write_gift(quiz.questions), encoding="utf-8")
    click.echo(f"{len(quiz.questions)} questions written to {output}")
