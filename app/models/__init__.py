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
from app.models.learning import Enrolment, ModuleProgress, QuizAttempt
from app.models.ministry import Ministry, MinistryStatus
from app.models.user import Role, User

__all__ = [
    "ContentBlob",
    "Course",
    "CourseFile",
    "CourseVersion",
    "Enrolment",
    "Ministry",
    "MinistryStatus",
    "ModuleDraft",
    "ModuleProgress",
    "ModuleVersion",
    "QuizAttempt",
    "QuizVersion",
    "Role",
    "User",
]
