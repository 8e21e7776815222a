"""Rendered articles cached on disk by content hash, and rendered ahead of Pelican in a process pool.

An article is rendered (Markdown to sanitised HTML, YAML front matter to a mapping) once per distinct
file content and renderer version: the cache key is the SHA-256 of the renderer's fingerprint and the
file's bytes, so an edit, a new article or a new version of the renderer is a miss and nothing else is.
Entries are plain pickles under `<CACHE_PATH>/quietpress-render/`; an entry that cannot be read (a
truncated write, a disk error, an older format) is treated as a miss and rewritten, never as an error.

Before Pelican's article generator reads its files, `RenderCache.prerender` hands the misses to a pool
of worker processes in the order Pelican will ask for them; the reader then waits only for the chunk
holding its file, so Pelican's own per-article work in the parent overlaps the rendering.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import multiprocessing
import os
import pickle
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from importlib import metadata as package_metadata
from pathlib import Path
from typing import Any, Callable, Iterable

logger = logging.getLogger(__name__)

# Bumped when the layout of an entry changes; old entries then fail validation and are re-rendered.
ENTRY_FORMAT = 1
# Files per task sent to a worker: large enough that pickling and scheduling stay small next to
# rendering (about 1 ms per article), small enough that the reader rarely waits on a half-done chunk.
CHUNK = 24
# Below this many misses a pool costs more to start than it saves; render in the build process.
POOL_THRESHOLD = 48
# Modules and libraries whose code decides the rendered output; any change invalidates every entry.
RENDERER_MODULES = ("quietpress.site.reader", "quietpress.site.sanitize", "quietpress.frontmatter",
                    "quietpress.markdown")
RENDERER_PACKAGES = ("markdown-it-py", "mdit-py-plugins", "nh3", "PyYAML")


@dataclass(frozen=True)
class Rendered:
    """One article as the reader needs it: sanitised body HTML and the front-matter mapping."""

    html: str
    front: dict[str, Any]


@dataclass
class CacheStats:
    """What one build did: articles rendered (here or in a worker) and articles taken from the cache."""

    rendered: int = 0
    reused: int = 0


Render = Callable[[bytes, str], Rendered]


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


@dataclass
class RenderCache:
    """Rendered articles by content hash, on disk under `directory` (None: no disk cache)."""

    directory: Path | None
    render: Render
    fingerprint: bytes
    stats: CacheStats = field(default_factory=CacheStats)
    _keys: dict[str, str] = field(default_factory=dict)
    _pending: dict[str, Future] = field(default_factory=dict)
    _ready: dict[str, Rendered] = field(default_factory=dict)
    _pool: ProcessPoolExecutor | None = None

    def key(self, data: bytes) -> str:
        return hashlib.sha256(self.fingerprint + data).hexdigest()

    def entry_path(self, key: str) -> Path:
        assert self.directory is not None
        return self.directory / key[:2] / f"{key}.pickle"

    def load(self, key: str) -> Rendered | None:
        """The cached rendering for `key`, or None when absent or unreadable (the bad entry is removed)."""
        if self.directory is None:
            return None
        path = self.entry_path(key)
        try:
            with open(path, "rb") as handle:
                entry = pickle.load(handle)
            form, html, front = entry
            if form != ENTRY_FORMAT or not isinstance(html, str) or not isinstance(front, dict):
                raise ValueError("unexpected entry layout")
            return Rendered(html, front)
        except FileNotFoundError:
            return None
        except Exception as error:  # any damage at all means: render again
            logger.warning("%s: unreadable render cache entry (%s): rendering again", path, error)
            path.unlink(missing_ok=True)
            return None

    def save(self, key: str, rendered: Rendered) -> None:
        if self.directory is not None:
            save_entry(self.entry_path(key), rendered)

    def has(self, key: str) -> bool:
        return self.directory is not None and self.entry_path(key).is_file()

    def get(self, path: str) -> Rendered:
        """The rendering of the file at `path`: from the pool, the disk cache, or rendered now.

        Raises whatever the renderer raises for a broken file (e.g. FrontMatterError).
        """
        rendered = self._take_prerendered(path)
        if rendered is not None:
            self.stats.rendered += 1
            return rendered
        key = self._keys.pop(path, None)
        rendered = self.load(key) if key is not None else None
        if rendered is not None:
            self.stats.reused += 1
            return rendered
        data = Path(path).read_bytes()
        key = self.key(data)
        rendered = self.load(key)
        if rendered is not None:
            self.stats.reused += 1
            return rendered
        rendered = self.render(data, path)
        self.stats.rendered += 1
        self.save(key, rendered)
        return rendered

    def prerender(self, paths: Iterable[str], jobs: int) -> int:
        """Start rendering the files among `paths` that the cache lacks; return how many.

        Work goes to `jobs` worker processes in the order given, which should be the order the build
        reads them. With fewer misses than POOL_THRESHOLD, or one job, nothing is started: `get`
        renders them when asked.
        """
        self.stats = CacheStats()
        missing: list[tuple[str, bytes]] = []
        for path in paths:
            try:
                data = Path(path).read_bytes()
            except OSError:
                continue  # the reader reports it, with Pelican's usual message
            key = self.key(data)
            if self.has(key):
                self._keys[path] = key
            else:
                missing.append((path, data))  # the bytes go to the worker: one open per file, not two
        if jobs < 2 or len(missing) < POOL_THRESHOLD:
            return len(missing)
        self._pool = ProcessPoolExecutor(max_workers=jobs, mp_context=_fork_context())
        directory = str(self.directory) if self.directory is not None else None
        for start in range(0, len(missing), CHUNK):
            chunk = missing[start:start + CHUNK]
            future = self._pool.submit(render_chunk, chunk, self.render, self.fingerprint, directory)
            for path, _ in chunk:
                self._pending[path] = future
        return len(missing)

    def finish(self) -> None:
        """Stop the pool and forget renderings nobody asked for (files Pelican chose not to read)."""
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
        self._pending.clear()
        self._ready.clear()
        self._keys.clear()

    def _take_prerendered(self, path: str) -> Rendered | None:
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
        for other, rendered in results:
            if other != path and rendered is not None:
                self._ready[other] = rendered
            if other != path:
                self._pending.pop(other, None)
        return dict(results).get(path)


def render_chunk(files: list[tuple[str, bytes]], render: Render, fingerprint: bytes,
                 directory: str | None) -> list[tuple[str, Rendered | None]]:
    """Worker: render and cache each (path, bytes); None for a file that failed (the build process
    renders it again, so its error is raised and reported there, with the path)."""
    cache = RenderCache(Path(directory) if directory else None, render, fingerprint)
    results: list[tuple[str, Rendered | None]] = []
    for path, data in files:
        try:
            rendered = render(data, path)
        except Exception:
            results.append((path, None))
            continue
        cache.save(cache.key(data), rendered)
        results.append((path, rendered))
    return results


def save_entry(path: Path, rendered: Rendered) -> None:
    """Write one entry atomically: a crash leaves the old entry or none, never half of one."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        with open(temporary, "wb") as handle:
            pickle.dump((ENTRY_FORMAT, rendered.html, rendered.front), handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, path)
    except OSError as error:  # a full or read-only disk costs speed, not the build
        logger.warning("%s: cannot write render cache entry (%s): continuing without it", path, error)


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
