"""What happens when a learner completes a course; the certificates feature plugs in here."""

from app.models import Enrolment


def course_completed(enrolment: Enrolment) -> None:
    """Called once, in the completing transaction. Certificates are issued here once they exist."""
