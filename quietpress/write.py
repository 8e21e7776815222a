"""Stage 5b, write: slugs, paths kept inside the target, atomic writes, a manifest, images by hash."""

from __future__ import annotations

import errno
import hashlib
import json
import os
import re
import tempfile
import threading
import unicodedata
from contextlib import contextmanager
from pathlib import Path
from typing import Iterable, Iterator, Mapping

from quietpress.errors import QuietpressError

MANIFEST_NAME = ".quietpress-manifest.json"
# Held (flock) by the one import or merge writing into a content folder.
LOCK_NAME = ".quietpress-lock"
# Long enough to say what an article is, short enough for every file system and URL.
MAX_SLUG_LENGTH = 80
IMAGE_TYPES = (
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"\xff\xd8\xff", "jpg"),
    (b"GIF87a", "gif"),
    (b"GIF89a", "gif"),
    (b"RIFF", "webp"),
    (b"\x00\x00\x00", "avif"),
)


class PathEscapeError(ValueError):
    """A computed path would land outside the folder it must stay in."""


class WriteLockedError(QuietpressError):
    """Another import or merge is writing into the same content folder."""


def slugify(text: str, fallback: str = "article") -> str:
    """Return a lowercase ASCII slug: no `/`, `\\`, `..` or leading dot; at most MAX_SLUG_LENGTH.

    >>> slugify("Trump eyes asylum: El Salvador")
    'trump-eyes-asylum-el-salvador'
    """
    # Control characters are dropped, not read as word breaks: the title "T\\x00itle" is written
    # "Title" (front matter removes them), so its slug is "title", not "t-itle".
    text = re.sub("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]", "", text)  # a carriage return is a line end
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    slug = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    if len(slug) > MAX_SLUG_LENGTH:
        slug = slug[:MAX_SLUG_LENGTH].rsplit("-", 1)[0] or slug[:MAX_SLUG_LENGTH]
    return slug or fallback


def unique_slug(slug: str, taken: set[str], identity: str) -> str:
    """Return the slug, or the slug with a short suffix derived from `identity` if taken.

    The suffix comes from the article's identity, not from the order of the batch, so the same
    article keeps the same slug however the batch is split or ordered.
    """
    if slug not in taken:
        return slug
    digest = hashlib.sha256(identity.encode("utf-8")).hexdigest()
    for size in (6, 10, 16, 64):
        candidate = f"{slug}-{digest[:size]}"
        if candidate not in taken:
            return candidate
    raise ValueError(f"no free slug for {slug!r}")


def inside(root: Path, relative: str) -> Path:
    """Return root/relative resolved, or raise PathEscapeError if it leaves root."""
    base = root.resolve()
    target = (base / relative).resolve()
    if target != base and base not in target.parents:
        raise PathEscapeError(f"{relative!r} would be written outside {base}")
    return target


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


# mkstemp creates files readable by their owner only (0600), and a rename keeps that mode: imported
# articles, images and the manifest then differed from what any other tool writes (0644 under the
# usual umask 022). Files get 0666 less the umask, read once at import (reading it means setting it).
FILE_MODE = 0o666 & ~_umask()


def _new_temporary(folder: Path) -> tuple[int, str]:
    """A new temporary file in `folder` (descriptor, path) with the mode a plain open() would give."""
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=".tmp-", suffix=".part")
    os.fchmod(handle, FILE_MODE)
    return handle, temporary


def atomic_write(path: Path, data: bytes) -> None:
    """Write bytes so readers see the old file or the new one, never half of either."""
    temporary = stage_file(path.parent, data)
    try:
        os.replace(temporary, path)
    except BaseException:
        _discard(temporary)
        raise


def stage_file(folder: Path, data: bytes) -> str:
    """Write bytes to a new temporary file in `folder` and return its path, for a later
    os.replace into place: the costly file creation can then happen in parallel workers.
    A run that never moves it leaves a `.tmp-*.part` file that remove_stale_temporaries deletes;
    a write that fails (a full disk) leaves none."""
    folder.mkdir(parents=True, exist_ok=True)
    handle, temporary = _new_temporary(folder)
    try:
        with os.fdopen(handle, "wb") as stream:
            _fill(stream, data)
    except BaseException:
        _discard(temporary)
        raise
    return temporary


def _fill(stream, data: bytes) -> None:
    # On its own so that tests can make the disk full (tests/test_hostile_data_loss.py).
    stream.write(data)


def _discard(temporary: str) -> None:
    try:
        os.unlink(temporary)
    except FileNotFoundError:
        pass


def disk_full(error: BaseException) -> bool:
    """True for the errors of a file system that has no room left (space or inodes or quota)."""
    return isinstance(error, OSError) and error.errno in (errno.ENOSPC, errno.EDQUOT)


@contextmanager
def import_lock(target: Path) -> Iterator[None]:
    """Hold the content folder for one import or merge at a time; raises WriteLockedError when
    another holds it. Two imports of the same titles into one folder at once overwrote each
    other's files while both reported them imported, and the manifest kept either's half."""
    import fcntl

    target.mkdir(parents=True, exist_ok=True)
    with open(target / LOCK_NAME, "a+b") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise WriteLockedError(str(target), "another import or merge is writing into this folder",
                                   "nothing done; run again when it has finished") from None
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def remove_stale_temporaries(root: Path) -> int:
    """Delete `.tmp-*.part` files an interrupted run left behind; return how many."""
    count = 0
    if not root.is_dir():
        return 0
    for stale in root.rglob(".tmp-*.part"):
        stale.unlink(missing_ok=True)
        count += 1
    return count


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def image_extension(data: bytes) -> str | None:
    """Return the file type of image bytes by their signature, or None if not an image we keep."""
    for magic, extension in IMAGE_TYPES:
        if data.startswith(magic):
            if extension == "webp" and data[8:12] != b"WEBP":
                continue
            if extension == "avif" and b"ftypavif" not in data[:32]:
                continue
            return extension
    head = data[:512].lstrip().lower()
    if head.startswith(b"<svg") or (head.startswith(b"<?xml") and b"<svg" in head):
        return None  # SVG can carry script; we do not keep it.
    return None


def image_name(data: bytes) -> str | None:
    """Return `images/<sha256>.<ext>` for image bytes, or None when they are not a known image."""
    extension = image_extension(data)
    return f"images/{sha256_hex(data)}.{extension}" if extension else None


class Manifest:
    """What the importer wrote: each file's hash and identity, so edits by people are noticed."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.path = root / MANIFEST_NAME
        self.files: dict[str, dict[str, object]] = {}
        # Files are recorded from several writer threads while the batch saves now and then.
        self._lock = threading.Lock()
        if self.path.exists():
            try:
                self.files = json.loads(self.path.read_text(encoding="utf-8")).get("files", {})
            except (ValueError, OSError):
                self.files = {}

    def by_identity(self) -> dict[str, str]:
        """Map each identity key (canonical URL, body hash) to the file written for it."""
        found: dict[str, str] = {}
        for relative, record in sorted(self.files.items()):
            for key in record.get("identities", []):
                found.setdefault(key, relative)
        return found

    def edited_since_written(self, relative: str) -> bool:
        record = self.files.get(relative)
        target = self.root / relative
        if record is None or not target.exists():
            return False
        return sha256_hex(target.read_bytes()) != record.get("sha256")

    def record(self, relative: str, data: bytes, identities: Iterable[str], facts: Mapping[str, object] | None = None) -> None:
        """Remember a written file: its hash, the identities of its article and `facts` such as
        the capture it came from, the captures it stands for and the images it uses."""
        entry = {"sha256": sha256_hex(data), "identities": sorted(set(identities)), **(facts or {})}
        with self._lock:
            self.files[relative] = entry

    def save(self) -> None:
        with self._lock:
            files = dict(sorted(self.files.items()))
        data = json.dumps({"files": files}, indent=1, sort_keys=True, ensure_ascii=False)
        if self.path.exists() and self.path.read_text(encoding="utf-8", errors="replace") == data + "\n":
            return
        # A lone surrogate that slipped through (a path, a record's URL) is written as "?": it
        # stopped every later run here, with no summary and no manifest.
        atomic_write(self.path, (data + "\n").encode("utf-8", errors="replace"))
