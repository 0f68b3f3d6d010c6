"""The shared tables, one module per domain; import models from here."""

from app.models.content import (
    ContentBlob,
    Course,
    CourseFile,
    CourseVersion,
    ModuleDraft,
    ModuleVersion,
    QuizVersion,
)
from app.models.ministry import Ministry, MinistryStatus
from app.models.user import Role, User

__all__ = [
    "ContentBlob",
    "Course",
    "CourseFile",
    "CourseVersion",
    "Ministry",
    "MinistryStatus",
    "ModuleDraft",
    "ModuleVersion",
    "QuizVersion",
    "Role",
    "User",
]
