"""Rendered articles cached on disk by content hash, and rendered ahead of Pelican in a process pool.

An article is rendered (Markdown to sanitised HTML, YAML front matter to a mapping) once per distinct
file content and renderer version: the cache key is the SHA-256 of the renderer's fingerprint and the
file's bytes, so an edit, a new article or a new version of the renderer is a miss and nothing else is.

Entries live in a few pack files under `<CACHE_PATH>/quietpress-render/`, each pickled records
followed by their index (a handful of opens instead of one per article: on a busy disk an open
costs a quarter of a millisecond). A build maps the packs and reads their indexes; a record is read
when its rendering is asked for, which in a rebuild is seldom (snapshot.py restores most articles
whole). A build appends its new renderings as one new pack. When stale records (edited or deleted
articles) outnumber live ones, the live ones are rewritten into a single pack. A pack without a
whole index (a truncated write, a disk error, an older format) is left out: its articles are
rendered again, never an error.

Which files changed is told by their size and modification time (as make, rsync and Pelican's own
cache do), kept with their keys in `stamps.pickle`: an unchanged archive is not read again (on a
busy disk each open costs a quarter of a millisecond, 2.5 s for 10,000 articles). A file whose stamp
changed is read and hashed; if its bytes are ones already rendered (a `touch`, a fresh checkout),
that rendering is used.

Before Pelican's article generator reads its files, `RenderCache.prerender` hands the misses to a pool
of worker processes in the order Pelican will ask for them; the reader then waits only for the chunk
holding its file, so Pelican's own per-article work in the parent overlaps the rendering.
"""

from __future__ import annotations

import dataclasses
import functools
import gc
import hashlib
import logging
import mmap
import multiprocessing
import os
import pickle
import struct
import time
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from importlib import metadata as package_metadata
from pathlib import Path
from typing import Any, Callable, Iterable

from quietpress.site.files import load_dict, save_pickle

logger = logging.getLogger(__name__)

# Bumped when the layout of a record changes; packs of another format are read as empty.
ENTRY_FORMAT = 4
# A pack ends with the index of its records (key -> offset and length) and this trailer: the magic,
# the index's offset and its length. A build reads the indexes only; a record is read when it is asked for.
TRAILER = struct.Struct("<8sQQ")
MAGIC = b"qp-pack4"
# Files per task sent to a worker: large enough that pickling and scheduling stay small next to
# rendering (about 1 ms per article), small enough that the reader rarely waits on a half-done chunk.
CHUNK = 24
# Below this many misses a pool costs more to start than it saves; render in the build process.
POOL_THRESHOLD = 48
# Packs are merged into one when stale records outnumber live ones this many times over, or when
# there are more packs than this (each build with new articles adds one).
STALE_RATIO, MAX_PACKS = 1.0, 16
STAMPS_FILE = "stamps.pickle"
# Modules and libraries whose code decides the rendered output; any change invalidates every entry.
RENDERER_MODULES = ("quietpress.site.reader", "quietpress.site.dispatch", "quietpress.site.sanitize",
                    "quietpress.site.annotate", "quietpress.frontmatter", "quietpress.markdown")
RENDERER_PACKAGES = ("markdown-it-py", "mdit-py-plugins", "nh3", "PyYAML")


@dataclass(frozen=True)
class Rendered:
    """One article as the reader needs it: sanitised body HTML and the front-matter mapping."""

    html: str
    front: dict[str, Any]
    words: int = 0      # words a reader sees (reading time), counted once per content, not per build
    opening: str = ""   # the first words, the description of an article without a summary
    digest: str = ""    # the cache key: renderer fingerprint and file bytes (identifies the article's content)


class PackedRendering:
    """A rendering in a pack, read when first asked for (`rendered()`); its key is known without.

    A rebuild restores most articles whole (snapshot.py) and renders few pages, so most bodies are
    never read: reading every record of the packs was a tenth of a rebuild of 10,000 articles."""

    __slots__ = ("digest", "_pack", "_offset", "_length", "_rendered")

    def __init__(self, digest: str, pack: Any, offset: int, length: int) -> None:
        self.digest, self._pack, self._offset, self._length = digest, pack, offset, length
        self._rendered: Rendered | None = None

    def rendered(self) -> "Rendered":
        if self._rendered is None:
            record = pickle.loads(self._pack[self._offset:self._offset + self._length])
            self._rendered = _from_record(record, self.digest)
        return self._rendered

    @property
    def html(self) -> str:
        return self.rendered().html


def loaded(entry: "Rendered | PackedRendering") -> "Rendered":
    """The rendering itself, read from its pack if it has not been."""
    return entry.rendered() if isinstance(entry, PackedRendering) else entry


def _from_record(record: Any, key: str) -> "Rendered":
    form, stored_key, html, front, words, opening = record
    if form != ENTRY_FORMAT or stored_key != key or not isinstance(html, str) or not isinstance(front, dict):
        raise ValueError("unexpected record layout")
    return Rendered(html, front, words, opening, key)


@dataclass
class CacheStats:
    """What one build did: articles rendered (here or in a worker) and articles taken from the cache."""

    rendered: int = 0
    reused: int = 0


Render = Callable[[bytes, str], Rendered]
# A file's size and modification time (ns) when it was read, and the cache key of the bytes read.
Stamp = tuple[int, int, str]


@functools.lru_cache(maxsize=1)
def renderer_fingerprint() -> bytes:
    """SHA-256 over the renderer's source files and library versions."""
    digest = hashlib.sha256(str(ENTRY_FORMAT).encode())
    for name in RENDERER_MODULES:
        module = __import__(name, fromlist=["__file__"])
        digest.update(Path(module.__file__).read_bytes())
    for package in RENDERER_PACKAGES:
        try:
            digest.update(f"{package}=={package_metadata.version(package)}".encode())
        except package_metadata.PackageNotFoundError:
            digest.update(package.encode())
    return digest.digest()


def read_packs(directory: Path) -> tuple[dict[str, Rendered | PackedRendering], int, list[Path]]:
    """(key -> rendering, records read, pack files) from every pack in `directory`: renderings whose
    records are read when first asked for (PackedRendering), from the packs' indexes."""
    entries: dict[str, Rendered | PackedRendering] = {}
    records = 0
    packs = sorted(directory.glob("pack-*.pickle")) if directory.is_dir() else []
    for pack in packs:
        try:
            index, mapped = _pack_index(pack)
        except Exception as error:  # any damage: render these articles again
            logger.warning("%s: render cache pack unreadable (%s): its articles are rendered again", pack, error)
            continue
        for key, (offset, length) in index.items():
            entries[key] = PackedRendering(key, mapped, offset, length)
        records += len(index)
    return entries, records, packs


def _pack_index(pack: Path) -> tuple[dict[str, tuple[int, int]], Any]:
    """A pack's index, and the pack mapped in memory (shared by forked processes, read by offset:
    no file position to share). A pack without a whole trailer and index is refused."""
    with open(pack, "rb") as handle:
        mapped = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
    if len(mapped) < TRAILER.size:
        raise ValueError("too short for an index")
    magic, start, length = TRAILER.unpack(mapped[len(mapped) - TRAILER.size:])
    if magic != MAGIC or start + length + TRAILER.size != len(mapped):
        raise ValueError("no index where it should be (written by another version, cut short or shifted)")
    form, index = pickle.loads(mapped[start:start + length])
    if form != ENTRY_FORMAT or not isinstance(index, dict):
        raise ValueError("unexpected index layout")
    return index, mapped


def write_pack(directory: Path, entries: Iterable[tuple[str, Rendered | PackedRendering]]) -> Path | None:
    """Write the entries as one new pack with its index, atomically (a crash leaves no half pack);
    None if it failed."""
    try:
        directory.mkdir(parents=True, exist_ok=True)
        final = directory / f"pack-{time.time_ns():020d}-{os.getpid()}.pickle"
        temporary = final.with_suffix(".tmp")
        index: dict[str, tuple[int, int]] = {}
        with open(temporary, "wb") as handle:
            for key, entry in entries:
                rendered = loaded(entry)
                record = pickle.dumps((ENTRY_FORMAT, key, rendered.html, rendered.front, rendered.words, rendered.opening),
                                      protocol=pickle.HIGHEST_PROTOCOL)
                index[key] = (handle.tell(), len(record))
                handle.write(record)
            start = handle.tell()
            encoded_index = pickle.dumps((ENTRY_FORMAT, index), protocol=pickle.HIGHEST_PROTOCOL)
            handle.write(encoded_index)
            handle.write(TRAILER.pack(MAGIC, start, len(encoded_index)))
        os.replace(temporary, final)
        return final
    except OSError as error:  # a full or read-only disk costs speed, not the build
        logger.warning("%s: cannot write the render cache (%s): continuing without it", directory, error)
        return None


@dataclass
class RenderCache:
    """Rendered articles by content hash, on disk under `directory` (None: no disk cache)."""

    directory: Path | None
    render: Render
    fingerprint: bytes
    stats: CacheStats = field(default_factory=CacheStats)
    _hits: dict[str, tuple[str, Rendered | PackedRendering]] = field(default_factory=dict)  # path -> (key, rendering)
    _live: dict[str, Rendered | PackedRendering] = field(default_factory=dict)  # cached renderings this build used
    _fresh: dict[str, Rendered] = field(default_factory=dict)  # renderings made this build
    _pending: dict[str, Future] = field(default_factory=dict)
    _ready: dict[str, tuple[str, Rendered]] = field(default_factory=dict)
    _pool: ProcessPoolExecutor | None = None
    _records: int = 0
    _packs: list[Path] = field(default_factory=list)
    _known: dict[str, Rendered | PackedRendering] = field(default_factory=dict)  # every rendering on disk, by key
    _stamps: dict[str, Stamp] = field(default_factory=dict)    # path -> stamp, this build
    _saved_stamps: dict[str, Stamp] = field(default_factory=dict)

    def _stamps_path(self) -> Path:
        """The stamps of this renderer: a stamp names the key its rendering had when it was made,
        so stamps kept by another renderer would serve its renderings (a safety fix to the
        renderer reached no unchanged article, tests/test_hostile_local_files.py)."""
        return self.directory / f"{Path(STAMPS_FILE).stem}-{self.fingerprint.hex()[:16]}.pickle"

    def get(self, path: str) -> Rendered:
        """The rendering of the file at `path`: from the cache, the pool, or rendered now.

        Raises whatever the renderer raises for a broken file (e.g. FrontMatterError).
        """
        hit = self._hits.pop(path, None)
        if hit is not None:
            try:
                rendered = loaded(hit[1])
            except Exception as error:  # a damaged record: rendered again below
                logger.warning("%s: cached rendering unreadable (%s): rendering it again", path, error)
                self._known.pop(hit[0], None)
            else:
                self.stats.reused += 1
                self._live[hit[0]] = hit[1]  # kept when the packs are merged
                return rendered
        prerendered = self._take_prerendered(path)
        if prerendered is not None:
            stamp, rendered = prerendered
        else:
            stamp, data = read_stamped(path, self.fingerprint)
            known = self._known.get(stamp[2])
            rendered = loaded(known) if known is not None else self.render(data, path)
        key = stamp[2]
        self._stamps[path] = stamp
        if key in self._known:
            self.stats.reused += 1
            self._live[key] = self._known[key]
            return loaded(self._known[key])
        self.stats.rendered += 1
        rendered = dataclasses.replace(rendered, digest=key)
        self._fresh[key] = rendered
        return rendered

    def peek(self, path: str) -> Rendered | PackedRendering | None:
        """The cached rendering of the unchanged file at `path` (found by prerender), if any, leaving it
        to count as reused when the build is done. Its `digest` is known; its `html` may be read
        from the pack only when asked for."""
        hit = self._hits.get(path)
        return hit[1] if hit is not None else None

    def prerender(self, paths: Iterable[str], jobs: int) -> int:
        """Load the cache, and start rendering the files among `paths` that it lacks; return how many.

        Work goes to `jobs` worker processes in the order given, which should be the order the build
        reads them. With fewer misses than POOL_THRESHOLD, or one job, nothing is started: `get`
        renders them when asked.
        """
        self.finish()
        self.stats = CacheStats()
        if self.directory is not None:
            self._known, self._records, self._packs = read_packs(self.directory)
            self._saved_stamps = load_dict(self._stamps_path())
        missing: list[str] = []
        for path in paths:
            try:
                info = os.stat(path)
            except OSError:
                continue  # the reader reports it, with Pelican's usual message
            stamp = self._saved_stamps.get(path)
            if stamp is not None and stamp[:2] == (info.st_size, info.st_mtime_ns) and stamp[2] in self._known:
                self._hits[path] = (stamp[2], self._known[stamp[2]])
                self._stamps[path] = stamp
            else:
                # Read and keyed by the worker (or by `get`) from the bytes it renders, so an edit
                # between two reads can never file a rendering under the wrong key.
                missing.append(path)
        if jobs < 2 or len(missing) < POOL_THRESHOLD:
            return len(missing)
        gc.freeze()  # workers share this process's objects copy-on-write; unfrozen in finish()
        global _forked_known
        _forked_known = self._known  # the workers, forked from here, see it without pickling
        self._pool = ProcessPoolExecutor(max_workers=jobs, mp_context=_fork_context())
        for start in range(0, len(missing), CHUNK):
            chunk = missing[start:start + CHUNK]
            future = self._pool.submit(render_chunk, chunk, self.render, self.fingerprint)
            for path in chunk:
                self._pending[path] = future
        return len(missing)

    def finish(self) -> None:
        """Stop the pool, save this build's new renderings, merge the packs when stale records pile up."""
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
            global _forked_known
            _forked_known = {}
            gc.unfreeze()
        # Hits nobody asked for were articles restored whole from the snapshot (snapshot.py): their
        # renderings are as live as those read.
        self.stats.reused += len(self._hits)
        self._live.update(self._hits.values())
        if self.directory is not None and self._fresh:
            live = len(self._live) + len(self._fresh)
            stale = self._records + len(self._fresh) - live
            if stale > STALE_RATIO * live or len(self._packs) >= MAX_PACKS:
                if write_pack(self.directory, [*self._live.items(), *self._fresh.items()]) is not None:
                    for pack in self._packs:
                        try:
                            pack.unlink(missing_ok=True)
                        except OSError:  # still mapped where that forbids removal: the next merge does it
                            pass
            else:
                write_pack(self.directory, self._fresh.items())
        if self.directory is not None and self._stamps != self._saved_stamps:
            save_pickle(self._stamps_path(), self._stamps)
        self._hits.clear()
        self._live.clear()
        self._fresh.clear()
        self._pending.clear()
        self._ready.clear()
        self._packs = []
        self._records = 0
        self._known, self._stamps, self._saved_stamps = {}, {}, {}

    def _take_prerendered(self, path: str) -> tuple[Stamp, Rendered] | None:
        if path in self._ready:
            return self._ready.pop(path)
        future = self._pending.pop(path, None)
        if future is None:
            return None
        try:
            results = future.result()
        except Exception as error:  # a dead worker: render in this process instead
            logger.warning("%s: render worker failed (%s): rendering in the build process", path, error)
            return None
        mine = None
        for other, stamp, rendered in results:
            if other == path:
                mine = (stamp, rendered) if rendered is not None else None
                continue
            if rendered is not None:
                self._ready[other] = (stamp, rendered)
            self._pending.pop(other, None)
        return mine


# The renderings on disk, as the build process had them when it forked its render workers.
_forked_known: dict[str, Rendered | PackedRendering] = {}


def render_chunk(paths: list[str], render: Render, fingerprint: bytes) -> list[tuple[str, Stamp | None, Rendered | None]]:
    """Worker: (path, stamp of the bytes read, rendering) for each file. Bytes already rendered
    (on disk when the worker was forked) are not rendered again. The
    rendering is None for a file that failed (the build process renders it again, so its error is
    raised and reported there, with the path)."""
    results: list[tuple[str, Stamp | None, Rendered | None]] = []
    for path in paths:
        try:
            stamp, data = read_stamped(path, fingerprint)
            known = _forked_known.get(stamp[2])
            results.append((path, stamp, loaded(known) if known is not None else render(data, path)))
        except Exception:
            results.append((path, None, None))
    return results


def read_stamped(path: str, fingerprint: bytes) -> tuple[Stamp, bytes]:
    """A file's bytes and its stamp. The stamp is taken before the read: a file changed in between
    keeps an older time than its bytes, and is read again by the next build."""
    info = os.stat(path)
    data = Path(path).read_bytes()
    return (info.st_size, info.st_mtime_ns, hashlib.sha256(fingerprint + data).hexdigest()), data


def _fork_context() -> multiprocessing.context.BaseContext:
    """Fork where the platform has it: workers start in milliseconds with the renderer imported."""
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else methods[0])


_caches: dict[tuple[str, bool], RenderCache] = {}


def cache_for(settings: dict[str, Any], render: Render) -> RenderCache:
    """The build's RenderCache for these settings (one per cache folder and renderer)."""
    enabled = bool(settings.get("QUIETPRESS_RENDER_CACHE", True))
    name = (str(settings.get("CACHE_PATH") or "cache"), enabled)
    if name not in _caches:
        directory = Path(name[0], "quietpress-render").resolve() if enabled else None
        _caches[name] = RenderCache(directory, render, renderer_fingerprint())
    return _caches[name]


def build_jobs(settings: dict[str, Any]) -> int:
    """Worker processes for rendering: QUIETPRESS_BUILD_JOBS, or every core when it is 0."""
    jobs = int(settings.get("QUIETPRESS_BUILD_JOBS", 0) or 0)
    return jobs if jobs > 0 else (os.cpu_count() or 1)
