"""Trainers' side of content: import, publish, export, edit and translation status of courses."""
