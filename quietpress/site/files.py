"""Files the plugin writes beside Pelican's pages (search index, sitemap, robots.txt).

Written only when their bytes change, so a rebuild of an unchanged archive touches nothing and
`make regenerate` or a deploy sees only real changes; always inside the output folder.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import os
import pickle
from pathlib import Path
from typing import Any, Callable

from quietpress.errors import QuietpressError

logger = logging.getLogger(__name__)


# Folders known to exist in this process: one mkdir per folder, not one per file (10,000 documents).
_made: set[Path] = set()


def inside_output(root: Path, relative: str) -> Path:
    """The resolved path of `relative` under `root`; raises QuietpressError if it would leave it.

    Folders are resolved (symbolic links followed) once each: an index writes thousands of files
    into a handful of folders. The file name itself is never followed: writes replace it.
    """
    base = _real(str(root))
    lexical = os.path.normpath(os.path.join(base, relative))
    path = os.path.join(_real(os.path.dirname(lexical)), os.path.basename(lexical))
    if path != base and not path.startswith(base.rstrip(os.sep) + os.sep):
        raise QuietpressError(relative, "path leaves the output folder", "not written")
    return Path(path)


@functools.lru_cache(maxsize=1024)
def _real(folder: str) -> str:
    return os.path.realpath(folder)


def forget_folders() -> None:
    """Resolve folders afresh (called once per batch of writes: a folder may have changed since)."""
    _real.cache_clear()
    _made.clear()


def load_dict(path: Path | None) -> dict[Any, Any]:
    """A dict that save_pickle kept, or {} when there is none, it is damaged or of another shape."""
    if path is None:
        return {}
    try:
        with open(path, "rb") as handle:
            loaded = pickle.load(handle)
        return loaded if isinstance(loaded, dict) else {}
    except Exception:
        return {}


def save_pickle(path: Path, data: Any, pickler: Callable[[Any], pickle.Pickler] | None = None) -> bool:
    """Pickle `data` to `path` through a temporary file and a rename (never half-written); False if
    the disk refused (the callers' data is a cache: the next build does more work, nothing else).
    `pickler` makes the Pickler for the open file (default: the standard one, newest protocol)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f"{path.name}.tmp-{os.getpid()}")
        with open(temporary, "wb") as handle:
            (pickler or _standard_pickler)(handle).dump(data)
        os.replace(temporary, path)
        return True
    except OSError as error:
        logger.warning("%s: cannot save (%s): the next build does this work again", path, error)
        return False


def _standard_pickler(handle: Any) -> pickle.Pickler:
    return pickle.Pickler(handle, protocol=pickle.HIGHEST_PROTOCOL)


class FileStamps:
    """What this code last wrote to each file (a digest), with the file's size and time just after.

    A file whose stamp still holds is known to hold given bytes from one stat, without opening it
    (thousands of index files per build; an open costs a quarter of a millisecond on a busy disk).
    Kept in the cache folder; missing or damaged, files are compared by reading them, as before.
    """

    def __init__(self, path: Path | None, stamps: dict[str, tuple[bytes, int, int]] | None = None) -> None:
        self.path = path
        self.stamps: dict[str, tuple[bytes, int, int]] = load_dict(path) if stamps is None else stamps
        self.current: dict[str, tuple[bytes, int, int]] = {}

    def holds(self, path: Path | str, digest: bytes) -> bool:
        """True when `path` was stamped with `digest` and is as it was left then (kept for the next batch)."""
        stamp = self.stamps.get(str(path))
        if stamp is None or stamp[0] != digest:
            return False
        try:
            info = os.stat(path)
        except OSError:
            return False
        if (info.st_size, info.st_mtime_ns) != stamp[1:]:
            return False
        self.current[str(path)] = stamp
        return True

    def record(self, path: Path | str, digest: bytes) -> None:
        info = os.stat(path)
        self.current[str(path)] = (digest, info.st_size, info.st_mtime_ns)

    def save(self) -> None:
        """Keep the stamps of the files written or confirmed by this batch (the others are gone)."""
        if self.path is not None and self.current != self.stamps:
            save_pickle(self.path, self.current)


def write_if_changed(root: Path, relative: str, text: str, stamps: FileStamps | None = None,
                     digest: bytes | None = None) -> int:
    """Write UTF-8 `text` to root/relative unless it already holds exactly that; return 1 if written.

    With `stamps`, the file is stamped with `digest` (default: the bytes' own), which names what it
    was made from: a caller that can tell its inputs are unchanged checks the stamp before making it."""
    path = inside_output(root, relative)
    data = text.encode("utf-8")
    if stamps is not None and digest is None:
        digest = hashlib.blake2b(data, digest_size=16).digest()
    if stamps is not None and stamps.holds(path, digest):
        return 0
    try:
        if path.stat().st_size == len(data) and path.read_bytes() == data:
            if stamps is not None:
                stamps.record(path, digest)
            return 0
    except FileNotFoundError:
        pass
    if path.parent not in _made:
        path.parent.mkdir(parents=True, exist_ok=True)
        _made.add(path.parent)
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_bytes(data)
    os.replace(temporary, path)
    if stamps is not None:
        stamps.record(path, digest)
    return 1


def remove_unlisted(folder: Path, keep: set[Path]) -> int:
    """Delete files under `folder` not in `keep` (left from an earlier build); return how many."""
    if not folder.is_dir():
        return 0
    # Plain path strings, not resolve(): two system calls per file for 10,000 documents add up.
    wanted = {os.path.normpath(p) for p in keep}
    removed = 0
    for directory, _, names in os.walk(folder):
        for name in names:
            path = os.path.join(directory, name)
            if os.path.normpath(path) not in wanted:
                os.unlink(path)
                removed += 1
    return removed
