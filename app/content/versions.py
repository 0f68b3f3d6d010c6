"""Content hashes: a file's version (for translation staleness) and a whole course's (for imports)."""

import hashlib

from app.content.frontmatter import normalise_newlines


def file_version(text: str) -> str:
    """12 hex digits identifying a source file's content; translations record it as 'translates'."""
    return hashlib.sha256(normalise_newlines(text).encode()).hexdigest()[:12]


def course_hash(files: dict[str, bytes]) -> str:
    """One digest for a whole course folder: the same files give the same hash, whatever their order."""
    digest = hashlib.sha256()
    for path in sorted(files):
        digest.update(path.encode() + b"\0")
        digest.update(hashlib.sha256(files[path]).digest())
    return digest.hexdigest()
