"""Quizzes: drawing attempts, saving answers, grading on the server and reviewing results."""
