"""Read a course's files from a folder or an uploaded zip, safely, and write them back out."""

import io
import stat
import zipfile
from pathlib import Path, PurePosixPath

from app.content.model import Problem

MAX_FILES = 1000
MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_TOTAL_BYTES = 60 * 1024 * 1024
# A fixed timestamp makes the same files always zip to the same bytes.
ZIP_DATE = (2016, 6, 1, 0, 0, 0)


class SourceError(ValueError):
    """The upload or folder cannot be read at all; the message says why."""


def read_folder(folder: Path) -> dict[str, bytes]:
    """Every file under the course folder by relative POSIX path (hidden files and links refused)."""
    files: dict[str, bytes] = {}
    total = 0
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder).as_posix()
        if any(part.startswith(".") for part in PurePosixPath(relative).parts):
            continue
        if path.is_symlink():
            raise SourceError(f"{relative}: links are not allowed in a course folder")
        if not path.is_file():
            continue
        size = path.stat().st_size
        total += size
        _check_limits(relative, size, len(files) + 1, total)
        files[relative] = path.read_bytes()
    return files


def read_zip(data: bytes) -> dict[str, bytes]:
    """The files of an uploaded course zip; one top folder (the course's) is stripped if present."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as error:
        raise SourceError("not a zip file") from error
    entries = [info for info in archive.infolist() if not info.is_dir()]
    if len(entries) > MAX_FILES:
        raise SourceError(f"too many files: at most {MAX_FILES}")
    for info in entries:
        _check_entry_name(info)
    names = [_clean_name(info.filename) for info in entries]
    prefix = _common_folder(names)
    files: dict[str, bytes] = {}
    total = 0
    for info, name in zip(entries, names, strict=True):
        relative = name[len(prefix) :]
        if any(part.startswith(".") for part in PurePosixPath(relative).parts) or relative.startswith("__MACOSX"):
            continue
        # Read at most one byte more than allowed, whatever the header claims: zip bombs lie.
        with archive.open(info) as handle:
            content = handle.read(MAX_FILE_BYTES + 1)
        total += len(content)
        _check_limits(relative, len(content), len(files) + 1, total)
        files[relative] = content
    return files


def _check_entry_name(info: zipfile.ZipInfo) -> None:
    name = info.filename
    mode = info.external_attr >> 16
    if stat.S_ISLNK(mode):
        raise SourceError(f"{name}: links are not allowed in a course zip")
    if "\\" in name or name.startswith("/") or ":" in name.split("/", 1)[0]:
        raise SourceError(f"{name}: absolute paths are not allowed in a course zip")
    if any(part == ".." for part in name.split("/")):
        raise SourceError(f"{name}: paths leaving the course folder ('..') are not allowed")
    if info.file_size > MAX_FILE_BYTES:
        raise SourceError(f"{name}: larger than {MAX_FILE_BYTES // (1024 * 1024)} MiB")


def _clean_name(name: str) -> str:
    return "/".join(part for part in name.split("/") if part not in ("", "."))


def _common_folder(names: list[str]) -> str:
    """'course-slug/' when every file sits in that one folder (as when a folder is zipped), else ''."""
    tops = {name.split("/", 1)[0] for name in names}
    if len(tops) == 1 and all("/" in name for name in names):
        return tops.pop() + "/"
    return ""


def _check_limits(relative: str, size: int, count: int, total: int) -> None:
    if size > MAX_FILE_BYTES:
        raise SourceError(f"{relative}: larger than {MAX_FILE_BYTES // (1024 * 1024)} MiB")
    if count > MAX_FILES:
        raise SourceError(f"too many files: at most {MAX_FILES}")
    if total > MAX_TOTAL_BYTES:
        raise SourceError(f"the course is larger than {MAX_TOTAL_BYTES // (1024 * 1024)} MiB in all")


def write_zip(files: dict[str, bytes], folder: str) -> bytes:
    """A zip of the files inside one folder; the same files always give the same bytes."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(files):
            info = zipfile.ZipInfo(f"{folder}/{path}", date_time=ZIP_DATE)
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, files[path])
    return buffer.getvalue()


def write_folder(files: dict[str, bytes], folder: Path) -> None:
    for path, content in files.items():
        target = folder / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)


def problems_from(error: SourceError, where: str) -> list[Problem]:
    return [Problem(where, 1, str(error))]
