"""A Pelican writer that leaves a file alone when its new bytes equal what is already there.

Stock Pelican rewrites every page on every build. After one new article, a 10,000-article archive
has a few dozen pages whose bytes differ (the article, its neighbours' lists, its terms' pages, the
feeds); everything else keeps its bytes, its mtime and its inode, so `make regenerate`, rsync and a
GitHub Pages deploy see only the real change. Enabled on the get-writer signal; the theme's own files
(which stock Pelican copies on every build) go the same way through `ChangedOnlyStaticGenerator`.
"""

from __future__ import annotations

import io
import logging
import os
import shutil
import tempfile
from dataclasses import dataclass

from pelican.generators import StaticGenerator
from pelican.writers import FileOverwriteFailedError, Writer

logger = logging.getLogger(__name__)


@dataclass
class WriteStats:
    """Files this build wrote, and files it left untouched because their bytes were unchanged."""

    written: int = 0
    unchanged: int = 0


def write_if_changed(path: str, data: bytes, stats: WriteStats) -> bool:
    """Write `data` to `path` unless the file already holds exactly those bytes; return True if written."""
    try:
        if os.stat(path).st_size == len(data):
            with open(path, "rb") as handle:
                if handle.read() == data:
                    stats.unchanged += 1
                    return False
    except FileNotFoundError:
        pass
    with open(path, "wb") as handle:
        handle.write(data)
    stats.written += 1
    return True


class _ComparingFile(io.StringIO):
    """Collects what Pelican writes; on close, writes it out only if it differs from the file."""

    def __init__(self, path: str, encoding: str, stats: WriteStats) -> None:
        super().__init__()
        self._path, self._encoding, self._stats = path, encoding, stats

    def close(self) -> None:
        if not self.closed:
            write_if_changed(self._path, self.getvalue().encode(self._encoding), self._stats)
        super().close()


class ChangedOnlyWriter(Writer):
    """Pelican's Writer, with files compared before they are written."""

    def __init__(self, output_path, settings=None) -> None:
        super().__init__(output_path, settings=settings)
        self.stats = WriteStats()

    def _open_w(self, filename, encoding, override=False):
        # Pelican's bookkeeping for files written twice in one build, as in Writer._open_w.
        if filename in self._overridden_files:
            if override:
                raise FileOverwriteFailedError(
                    f'Failed to overwrite "{filename}" a second time (was previously overwritten)')
            logger.info('Skipping "%s", not overwriting', filename)
            return open(os.devnull, "w", encoding=encoding)
        if filename in self._written_files:
            if override:
                logger.info('Overwriting "%s"', filename)
            else:
                raise FileOverwriteFailedError(
                    f'Failed to overwrite "{filename}" as Pelican has already written to it previously '
                    "(set `override=True` if intended)")
        if override:
            self._overridden_files.add(filename)
        self._written_files.add(filename)
        return _ComparingFile(filename, encoding, self.stats)


def changed_only_writer(pelican) -> type[Writer]:
    """Receiver for get_writer."""
    return ChangedOnlyWriter



class ChangedOnlyStaticGenerator(StaticGenerator):
    """StaticGenerator whose theme files are copied only when their bytes differ from the output's."""

    def _copy_paths(self, paths, source, destination, output_path, final_path=None):
        # Let Pelican lay the files out in a scratch folder, then copy over only what differs.
        with tempfile.TemporaryDirectory(prefix="quietpress-static-") as scratch:
            super()._copy_paths(paths, source, destination, scratch, final_path)
            for folder, _, names in os.walk(scratch):
                for name in names:
                    staged = os.path.join(folder, name)
                    target = os.path.join(output_path, os.path.relpath(staged, scratch))
                    if not _same_bytes(staged, target):
                        os.makedirs(os.path.dirname(target), exist_ok=True)
                        shutil.copy2(staged, target)


def _same_bytes(a: str, b: str) -> bool:
    try:
        if os.path.getsize(a) != os.path.getsize(b):
            return False
        with open(a, "rb") as first, open(b, "rb") as second:
            return first.read() == second.read()
    except FileNotFoundError:
        return False


def use_changed_only_static(generator: StaticGenerator) -> None:
    """Receiver for static_generator_init."""
    if type(generator) is StaticGenerator:
        generator.__class__ = ChangedOnlyStaticGenerator
