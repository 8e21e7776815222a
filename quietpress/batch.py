"""The parallel part of an import: capture files spread over worker processes, one shard of them.

Workers read, extract, convert and render; they send back small records (the article file's
bytes and its images; not the front matter values and Markdown again, nor the capture itself).
Writing stays in the parent (store.py) so that duplicate captures can be folded whatever order
the workers finish in. Workers are forked: they inherit the profiles and options set here.
"""

from __future__ import annotations

import gc
import hashlib
import os
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable, Iterable

from quietpress.capture import ReadOptions, find_capture_files, relative_source
from quietpress.capture.discover import streamed_format
from quietpress.extract.profiles import Profiles, load_profiles
from quietpress.model import Outcome, Status
from quietpress.pipeline import ImportOptions, Prepared, prepare_file
from quietpress.workers import Workers
from quietpress.write import stage_file

Result = list["Prepared | Outcome"]
# A task may take this long, plus this much per megabyte of capture, before its worker is stopped
# and the task fails: a page takes well under a second, so only a capture that never ends meets it.
TASK_SECONDS = 300.0
SECONDS_PER_MEGABYTE = 10.0
# A WARC or JSON Lines file larger than this is shared out between workers in parts. Each part
# reads (decompresses) the whole file to find its records: at 128 MB a part holds about a thousand
# pages, whose extraction outweighs that reading roughly ten to one.
SPLIT_BYTES = 128 * 1024 * 1024
MAX_PARTS = 64


def in_shard(relative: str, shard: tuple[int, int] | None) -> bool:
    """True when a capture path belongs to shard K of N (1-based), by a stable hash of the path.

    The hash depends only on the path relative to the import root, so every machine given the
    same folder and the same N takes the same part, and the N parts together are the whole.
    """
    if shard is None:
        return True
    k, n = shard
    digest = int(hashlib.sha256(relative.encode("utf-8")).hexdigest()[:12], 16)
    return digest % n == k - 1


@dataclass(frozen=True)
class Task:
    """One unit of work for a worker: a capture file, or part K of N of a large multi-record file."""

    root: Path
    path: Path
    part: tuple[int, int] | None = None


def capture_tasks(paths: Iterable[Path], shard: tuple[int, int] | None, target: Path | None = None) -> list[Task]:
    """Return the tasks of this shard, in a stable order.

    Files inside `target` are left out: importing a folder that holds its own content folder
    must not read the articles it wrote back in as captures. A large WARC or JSON Lines file is
    split into parts by its size alone (never by the machine), so shards stay the same everywhere.
    """
    tasks = []
    for root, path in find_capture_files(paths, exclude=target):
        relative = relative_source(path, root)
        parts = file_parts(path)
        if parts == 1:
            tasks += [Task(root, path)] if in_shard(relative, shard) else []
        else:
            tasks += [Task(root, path, (k, parts)) for k in range(1, parts + 1) if in_shard(f"{relative}#{k}/{parts}", shard)]
    return tasks


def file_parts(path: Path) -> int:
    """Return how many parts a capture file is read in: one, or for a large multi-record file one
    per SPLIT_BYTES (each part reads the whole file to find its records)."""
    try:
        size = path.stat().st_size
    except OSError:
        return 1
    if size <= SPLIT_BYTES or streamed_format(path) is None:
        return 1
    return min(MAX_PARTS, -(-size // SPLIT_BYTES))


_worker_state: tuple[Profiles, ReadOptions, Path] | None = None


def _work(task: Task) -> Result:
    profiles, read, target = _worker_state or (Profiles.empty(), ReadOptions(), Path("content"))
    return [_slim(r, target) if isinstance(r, Prepared) else r
            for r in prepare_file(task.root, task.path, profiles, read, task.part)]


def _slim(prepared: Prepared, target: Path) -> Prepared:
    """Stage the article file in the target, and drop the front matter values and Markdown,
    which the rendered file already holds: the parent keeps every result of a batch in memory.

    Creating files is most of what writing costs (half a millisecond each here); done in the
    workers, it runs in parallel, and the writer only renames the staged file into place.
    """
    try:
        staged: str | None = stage_file(target, prepared.data)
    except OSError:
        # A full disk: the writer tries again and reports it (once, with a count).
        staged = None
    return replace(prepared, entry=replace(prepared.entry, metadata={}, markdown=""), staged=staged)


def _failed(task: Task, reason: str) -> Result:
    source = relative_source(task.path, task.root)
    where = f"{source} (part {task.part[0]} of {task.part[1]})" if task.part else source
    return [Outcome(where, Status.FAILED, reason=f"{reason}: skipped")]


def _task_size(task: Task) -> float:
    """Return the bytes of capture a task reads (its share of a file read in parts)."""
    try:
        return task.path.stat().st_size / (task.part[1] if task.part else 1)
    except OSError:
        return 0.0


def _timeout(task: Task) -> float:
    """Seconds a task may run: generous for one page, more for a part of a large file."""
    return TASK_SECONDS + SECONDS_PER_MEGABYTE * _task_size(task) / (1 << 20)


def prepare_all(paths: Iterable[Path], options: ImportOptions,
                progress: Callable[[int, int], None] | None = None) -> list[Prepared | Outcome]:
    """Prepare every capture of the shard over `options.jobs` processes; results sorted by source."""
    global _worker_state
    _worker_state = (load_profiles(options.profiles_dir), ReadOptions(fields=dict(options.fields)), options.target)
    tasks = capture_tasks(paths, options.shard, options.target)
    jobs = min(options.jobs or os.cpu_count() or 1, max(1, len(tasks)))
    # Frozen objects are never scanned by the workers' garbage collector, which would otherwise
    # write to every inherited object's header and copy the parent's memory page by page.
    gc.freeze()
    # Largest first, so the batch ends on small tasks and no worker waits long for another's last
    # one; the results are sorted afterwards, so the order of work never shows in the output.
    tasks.sort(key=_task_size, reverse=True)
    results: list[Prepared | Outcome] = []
    try:
        workers = Workers(jobs, _work, _failed, _timeout)
        for done, (_, batch) in enumerate(workers.run(tasks), 1):
            results.extend(batch)
            if progress:
                progress(done, len(tasks))
    finally:
        gc.unfreeze()
    return sorted(results, key=lambda r: r.source)
