"""Line-by-line differences between two published versions of a course's files."""

import difflib
from dataclasses import dataclass

from app.content.course import ASSET_FILE


@dataclass(frozen=True)
class DiffLine:
    kind: str  # "add", "del", "hunk" (the @@ position line) or "context"
    text: str  # the line as unified diff prints it, with its +, - or space prefix


@dataclass(frozen=True)
class FileDiff:
    path: str
    lines: tuple[DiffLine, ...] = ()
    binary: bool = False  # a picture: changed, but not shown line by line


@dataclass(frozen=True)
class VersionDiff:
    added: tuple[str, ...]
    removed: tuple[str, ...]
    changed: tuple[FileDiff, ...]

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.changed)


def diff_files(old: dict[str, bytes], new: dict[str, bytes]) -> VersionDiff:
    """Files added, removed, and a unified diff (3 lines of context) of each text file that changed."""
    changed = []
    for path in sorted(old.keys() & new.keys()):
        if old[path] == new[path]:
            continue
        if ASSET_FILE.match(path):
            changed.append(FileDiff(path, binary=True))
            continue
        lines = list(difflib.unified_diff(_lines(old[path]), _lines(new[path]), lineterm="", n=3))
        # The first two lines name the files ("--- ", "+++ "); a removed "---" fence must not be taken for one.
        changed.append(FileDiff(path, tuple(_classify(line) for line in lines[2:])))
    return VersionDiff(
        added=tuple(sorted(new.keys() - old.keys())),
        removed=tuple(sorted(old.keys() - new.keys())),
        changed=tuple(changed),
    )


def _lines(data: bytes) -> list[str]:
    return data.decode("utf-8", errors="replace").replace("\r\n", "\n").split("\n")


def _classify(line: str) -> DiffLine:
    kind = {"+": "add", "-": "del", "@": "hunk"}.get(line[:1], "context")
    return DiffLine(kind, line)
