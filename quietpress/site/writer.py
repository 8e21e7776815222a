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
from typing import Any

from pelican.generators import StaticGenerator
from pelican.utils import sanitised_join
from pelican.writers import FileOverwriteFailedError, Writer

from quietpress.site.memo import PageMemo

logger = logging.getLogger(__name__)


@dataclass
class WriteStats:
    """Files this build wrote, and files it left untouched because their bytes were unchanged."""

    written: int = 0
    unchanged: int = 0
    skipped: int = 0    # not rendered at all: the page memo vouched for the file


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


class _Unchanged(str):
    """What a skipped page "renders": the writer leaves its file as it is."""


UNCHANGED = _Unchanged()


class _ComparingFile(io.StringIO):
    """Collects what Pelican writes; on close, writes it out only if it differs from the file."""

    def __init__(self, path: str, encoding: str, stats: WriteStats, memo: PageMemo | None) -> None:
        super().__init__()
        self._path, self._encoding, self._stats, self._memo = path, encoding, stats, memo
        self._skipped = False

    def write(self, text: str) -> int:
        if text is UNCHANGED:
            self._skipped = True
            return 0
        return super().write(text)

    def close(self) -> None:
        if not self.closed:
            if self._skipped:
                self._stats.skipped += 1
            else:
                write_if_changed(self._path, self.getvalue().encode(self._encoding), self._stats)
                if self._memo is not None:
                    self._memo.written(self._path)
        super().close()


class _MemoTemplate:
    """A template that renders a page only when the memo does not vouch for its file (memo.py)."""

    def __init__(self, template: Any, memo: PageMemo, output_path: str, names: set[str]) -> None:
        self._template, self._memo, self._output_path, self._names = template, memo, output_path, names

    def render(self, context: dict[str, Any]) -> str:
        output = sanitised_join(self._output_path, context["output_file"])
        key = self._memo.key(self._template.name, context, self._names)
        if self._memo.unchanged(output, key):
            return UNCHANGED
        self._memo.expect(output, key)
        return self._template.render(context)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._template, name)


def _page_names(kwargs: dict[str, Any], paginated: dict[str, Any] | None) -> set[str]:
    """The local-context names a write_file call sets beside the shared context (its page's own values)."""
    lists = paginated if paginated is not None else {k: v for k, v in kwargs.items() if k in ("articles", "dates")}
    names = set(kwargs)
    for key in lists:
        names.update((key, f"{key}_paginator", f"{key}_page", f"{key}_previous_page", f"{key}_next_page"))
    return names


class ChangedOnlyWriter(Writer):
    """Pelican's Writer, with files compared before they are written."""

    def __init__(self, output_path, settings=None) -> None:
        global last_stats
        super().__init__(output_path, settings=settings)
        self.stats = last_stats = WriteStats()
        self.memo = start_memo(self.settings)

    def write_file(self, name, template, context, relative_urls=False, paginated=None, template_name=None,
                   override_output=False, url=None, **kwargs):
        if self.memo is not None and getattr(template, "name", None):
            template = _MemoTemplate(template, self.memo, self.output_path, _page_names(kwargs, paginated))
        return super().write_file(name, template, context, relative_urls, paginated, template_name,
                                  override_output, url, **kwargs)

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
        return _ComparingFile(filename, encoding, self.stats, self.memo)


def changed_only_writer(pelican) -> type[Writer]:
    """Receiver for get_writer."""
    return ChangedOnlyWriter


# What the last build's writer did in this process (the tests read it).
last_stats = WriteStats()
# The build's page memo: one per build, shared by the writers Pelican makes, saved when it succeeds.
_memo: PageMemo | None = None


def start_memo(settings: dict[str, Any]) -> PageMemo | None:
    global _memo
    _memo = PageMemo.load(settings.get("CACHE_PATH") or "cache", settings) \
        if settings.get("QUIETPRESS_PAGE_MEMO", True) is True else None
    return _memo


def current_memo() -> PageMemo | None:
    return _memo


def finish_memo(children: list[int], keep: bool = True) -> None:
    """At the end of a build: take in the entries of the page-writing processes (`children`, all
    done) and, if the build succeeded (`keep`), save the memo for the next build."""
    global _memo
    if _memo is not None:
        for pid in children:
            _memo.merge_part(pid)
        if keep:
            _memo.save()
        _memo = None



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
