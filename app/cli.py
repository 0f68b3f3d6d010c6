"""Flask commands: setup, users and the demo population."""

import sys
from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup, with_appcontext

from app.auth.services import AccountError, create_user
from app.extensions import db
from app.models import Ministry, Role

users_cli = AppGroup("users", help="Manage accounts.")


@users_cli.command("create")
@click.argument("email")
@click.option("--role", type=click.Choice([r.value for r in Role]), default=Role.LEARNER.value, show_default=True)
@click.option("--name", default="", help="Full name as printed on certificates (default: the e-mail before @).")
@click.option(
    "--ministry", "ministry_id", type=int, help="Ministry id (required for a focal point; see the admin pages)."
)
def create_user_command(email: str, role: str, name: str, ministry_id: int | None) -> None:
    """Create an account; the password is prompted for, or read from standard input."""
    if sys.stdin.isatty():
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    else:
        password = sys.stdin.readline().rstrip("\n")
    ministry = db.session.get(Ministry, ministry_id) if ministry_id is not None else None
    if ministry_id is not None and ministry is None:
        raise click.ClickException(f"no ministry with id {ministry_id}")
    fields = {"ministry": ministry, "country_code": ministry.country_code} if ministry else {}
    try:
        user = create_user(email, password, name or email.split("@")[0], role=Role(role), **fields)
    except AccountError as error:
        db.session.rollback()
        raise click.ClickException(str(error)) from None
    db.session.commit()
    click.echo(f"Created {user.role.value} {user.email}.")


@click.command("setup")
@with_appcontext
def setup_command() -> None:
    """Migrate the database, add starter data, import courses and create the first admin."""
    from app.bootstrap import prepare

    prepare(current_app._get_current_object(), say=click.echo)


@click.command("demo")
@click.option("--force", is_flag=True, help="Load it even though the database has real accounts.")
@with_appcontext
def demo_command(force: bool) -> None:
    """Load a realistic demo population (safe to run twice)."""
    from app.demo import load_demo, real_accounts

    if real_accounts() and not force:
        raise click.ClickException("this database has real accounts; demo data belongs on a trial server (--force)")
    result = load_demo()
    db.session.commit()
    click.echo(f"Demo: {result.created} accounts created, {result.skipped} already there.")
    if result.created:
        click.echo(f"Password of the accounts just created (shown once): {result.password}")


translate_cli = AppGroup("translate", help="Extract, update, compile and check the interface translations.")


def _paths():
    root = Path(current_app.root_path).parent
    return root, root / "translations", root / "translations" / "messages.pot"


@translate_cli.command("extract")
def translate_extract() -> None:
    """Collect the interface strings into translations/messages.pot."""
    from app.translations import extract

    root, _translations, pot = _paths()
    extract(root, pot)
    click.echo(f"wrote {pot}")


@translate_cli.command("update")
def translate_update() -> None:
    """Extract, then bring every language's catalog up to date (new strings come in untranslated)."""
    from app.translations import extract, update

    root, translations, pot = _paths()
    extract(root, pot)
    update(translations, pot, current_app.config["LANGUAGES"])
    click.echo("catalogs updated; translate the new entries, then run: flask translate compile")


@translate_cli.command("compile")
def translate_compile() -> None:
    """Compile the catalogs (.po) into the files the app reads (.mo)."""
    from app.translations import compile_catalogs

    _root, translations, _pot = _paths()
    click.echo(f"{compile_catalogs(translations)} catalogs compiled")


@translate_cli.command("status")
def translate_status() -> None:
    """Percentage translated per language, and entries to fix."""
    from app.translations import status

    _root, translations, _pot = _paths()
    for language in current_app.config["LANGUAGES"]:
        state = status(translations, language)
        click.echo(f"{language}: {state.percent:5.1f}% ({state.translated}/{state.total}, {state.fuzzy} fuzzy)")
        for problem in state.problems:
            click.echo(f"  {problem}")


def register_commands(app) -> None:
    app.cli.add_command(translate_cli)
    from app.authoring.commands import courses_cli

    app.cli.add_command(courses_cli)
    app.cli.add_command(users_cli)
    app.cli.add_command(setup_command)
    app.cli.add_command(demo_command)
