"""Moodle's GIFT quiz format: read_gift turns a .gift file into Questions and Problems, write_gift goes back."""

from app.content.gift_reader import read_gift
from app.content.gift_writer import write_gift

__all__ = ["read_gift", "write_gift"]
