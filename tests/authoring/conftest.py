"""Authoring fixtures: the sample course published as version 1, a logged-in trainer, and database snapshots."""

import io
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.authoring.publishing import publish_course
from app.content.sources import read_folder
from app.extensions import db
from app.models import ContentBlob, Course, CourseFile, CourseVersion, ModuleDraft, Role

SAMPLE = Path(__file__).parents[1] / "content" / "fixtures" / "courses" / "sample"
SLUG = "sample-course"
MODULE_02 = "02-warn-in-languages.md"
QUIZ_02 = "02-warn-in-languages.quiz.md"


def sample_files() -> dict[str, bytes]:
    return read_folder(SAMPLE)


@pytest.fixture
def sample_course(app):
    """The sample course, published as version 1 (as `flask courses import` would)."""
    # A POST request context: the engine begins write transactions for non-GET requests only.
    with app.test_request_context(method="POST"):
        publish_course(sample_files())
        db.session.commit()
    return SLUG


@pytest.fixture
def trainer(login_as):
    return login_as(Role.TRAINER, full_name="Tess Trainer")


def snapshot(app) -> dict:
    """Everything authoring can write, counted: a refused action must leave it as it was."""
    with app.app_context():
        counts = {
            model.__tablename__: db.session.scalar(select(func.count()).select_from(model))
            for model in (Course, CourseVersion, CourseFile, ContentBlob, ModuleDraft)
        }
        counts["drafts"] = [tuple(row) for row in db.session.execute(select(ModuleDraft.path, ModuleDraft.text))]
        return counts


def versions(app, slug=SLUG) -> list[tuple[int, str, str]]:
    """(number, content hash, note) of each version of the course, oldest first."""
    with app.app_context():
        rows = db.session.execute(
            select(CourseVersion.number, CourseVersion.content_hash, CourseVersion.note)
            .join(Course, Course.id == CourseVersion.course_id)
            .where(Course.slug == slug)
            .order_by(CourseVersion.number)
        )
        return [tuple(row) for row in rows]


def version_text(app, number: int, path: str, slug=SLUG) -> str | None:
    with app.app_context():
        data = db.session.scalar(
            select(ContentBlob.data)
            .join(CourseFile, CourseFile.blob_sha256 == ContentBlob.sha256)
            .join(CourseVersion, CourseVersion.id == CourseFile.version_id)
            .join(Course, Course.id == CourseVersion.course_id)
            .where(Course.slug == slug, CourseVersion.number == number, CourseFile.path == path)
        )
        return data.decode() if data is not None else None


def upload(data: bytes, name: str):
    """A file field's value for the test client: sent as multipart/form-data."""
    return (io.BytesIO(data), name)
