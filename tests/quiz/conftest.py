"""The quiz tests use the learning fixtures: the sample course and an enrolled learner."""

from tests.learn.conftest import learner, sample_course

__all__ = ["learner", "sample_course"]
