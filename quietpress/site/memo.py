"""Pages whose inputs did not change since the last build are not rendered again.

Writing only changed bytes (writer.py) keeps a deploy small, but every page was still rendered to
find out: three quarters of a cold build for a rebuild after one new article. The memo records, per
output file, a key of everything its template shows (the page's articles, its term, its
pagination, the settings, the theme and the plugin's code) and the output file's size and mtime. A
page whose key and file are unchanged is skipped; any doubt (no memo, another key, a file edited,
removed or replaced since) renders it as before. The memo is saved at the end of a build that
succeeded, so a failed build leaves the previous memo and the files it describes.

What each template shows is this theme's contract, listed in TEMPLATE_INPUTS; templates missing
from it (the term indexes, the archive index, the search page) are rendered every time, and a theme
whose article or list pages show archive-wide values sets QUIETPRESS_PAGE_MEMO = False.
An article is represented by the digest of its source bytes and its path (which give everything a
list shows of it); an article page adds its neighbours and related articles.
"""

from __future__ import annotations

import datetime
import hashlib
import logging
import os
import pickle
from dataclasses import dataclass, field
from importlib import metadata as package_metadata
from pathlib import Path
from typing import Any, Callable

from pelican.contents import Content
from pelican.paginator import Page, Paginator
from pelican.urlwrappers import URLWrapper

from quietpress.site.files import FileStamps, load_dict, save_pickle

logger = logging.getLogger(__name__)

MEMO_FORMAT = 1
MEMO_FILE = "quietpress-pages.pickle"
# Code whose changes change pages: the plugin's own modules and the libraries rendering them.
SITE_PACKAGE = Path(__file__).resolve().parent
PACKAGES = ("pelican", "Jinja2", "MarkupSafe", "markdown-it-py", "mdit-py-plugins", "nh3", "PyYAML")


def _months_of_year(context: dict[str, Any]) -> Any:
    """A year's archive page lists its months with their counts (period_archives.html)."""
    period_num = context.get("period_num") or ()
    if len(period_num) != 1:
        return None
    months = (context.get("period_archives") or {}).get("month", [])
    return tuple((m["period"], m["url"], len(m["dates"])) for m in months if m["period_num"][0] == period_num[0])


def _latest_articles(context: dict[str, Any]) -> Any:
    """The home page shows the newest QUIETPRESS_LATEST_ARTICLES of the archive in full (index.html)."""
    shown = (context.get("articles") or [])[: context.get("QUIETPRESS_LATEST_ARTICLES") or 0]
    return tuple(article_card(article) for article in shown)


def _author_bio(context: dict[str, Any]) -> Any:
    author = context.get("author")
    return (context.get("author_bios") or {}).get(author.name) if author is not None else None


@dataclass(frozen=True)
class PageInputs:
    """What a template shows besides settings: its keyword values, except `counted` (shown only by
    their length) and `ignored` (not shown), plus `extra` values it takes from the shared context."""

    counted: tuple[str, ...] = ()
    ignored: tuple[str, ...] = ()
    extra: Callable[[dict[str, Any]], Any] | None = None


_LISTS = ("articles", "dates")
# Pelican hands every term and period page the whole archive as `all_articles`; the theme never shows it.
_ARCHIVE = ("all_articles",)
# A term page shows its `dates` (every article, newest first); `articles` is the same set.
_TERM = PageInputs(counted=("articles",), ignored=_ARCHIVE)
TEMPLATE_INPUTS: dict[str, PageInputs] = {
    "article.html": PageInputs(),
    "index.html": PageInputs(counted=_LISTS, extra=_latest_articles),
    "category.html": _TERM,
    "tag.html": _TERM,
    "publication.html": _TERM,
    "author.html": PageInputs(counted=("articles",), ignored=_ARCHIVE, extra=_author_bio),
    "period_archives.html": PageInputs(ignored=_ARCHIVE, extra=_months_of_year),
}
# Pagination neighbours: a page links to them and shows nothing of their articles.
_LINKED_PAGES = ("_previous_page", "_next_page")
# Per-page values Pelican puts in every local context (the page's own name and relative site URL).
_PAGE_VALUES = ("output_file", "SITEURL", "localsiteurl")


class Unkeyable(Exception):
    """A value the memo cannot summarise: the page is rendered."""


@dataclass
class PageMemo:
    """Keys of the pages of the last build, stamped on their files (files.FileStamps), and of this one."""

    path: Path
    fingerprint: bytes
    pages: FileStamps   # output path -> (key, size, mtime): last build's in .stamps, this one's in .current
    expected: dict[str, bytes] = field(default_factory=dict)   # rendered, not yet written: path -> key
    _lists: dict[int, tuple[Any, Any]] = field(default_factory=dict)

    @classmethod
    def load(cls, cache_path: str, settings: dict[str, Any]) -> "PageMemo":
        path = Path(cache_path or "cache") / MEMO_FILE
        fingerprint = build_fingerprint(settings)
        previous: dict[str, tuple[bytes, int, int]] = {}
        try:
            with open(path, "rb") as handle:
                form, stored_fingerprint, entries = pickle.load(handle)
            if form == MEMO_FORMAT and stored_fingerprint == fingerprint and isinstance(entries, dict):
                previous = entries
        except FileNotFoundError:
            pass
        except Exception as error:  # damaged: every page is rendered, as in a first build
            logger.warning("%s: page memo unreadable (%s): every page is rendered", path, error)
        return cls(path, fingerprint, FileStamps(None, previous))

    def key(self, template_name: str, context: dict[str, Any], names: set[str]) -> bytes | None:
        """The key of one page from the context values named in `names` (the page's own values), or
        None when its template is not listed or a value cannot be keyed."""
        inputs = TEMPLATE_INPUTS.get(template_name)
        if inputs is None:
            return None
        digest = hashlib.blake2b(template_name.encode(), digest_size=20)
        try:
            for name in _PAGE_VALUES:
                digest.update(repr(context.get(name)).encode())
            for name in sorted(names):
                value = context.get(name)
                if name in inputs.ignored:
                    continue
                if name in inputs.counted and isinstance(value, (list, tuple)):
                    summary: Any = ("count", len(value))
                elif name == "article" and isinstance(value, Content):
                    summary = article_page_inputs(value)
                elif name.endswith(_LINKED_PAGES) and isinstance(value, Page):
                    summary = ("linked page", value.number)  # only its link is shown
                else:
                    summary = self._summary(value)
                digest.update(repr((name, summary)).encode())
            if inputs.extra is not None:
                digest.update(repr(inputs.extra(context)).encode())
        except Unkeyable:
            return None
        return digest.digest()

    def unchanged(self, output: str, key: bytes | None) -> bool:
        """True when `output` was written from this key and is as that build left it."""
        return key is not None and self.pages.holds(output, key)

    def expect(self, output: str, key: bytes | None) -> None:
        if key is not None:
            self.expected[output] = key

    def written(self, output: str) -> None:
        """The page at `output` now holds what its expected key rendered (written or already equal)."""
        key = self.expected.pop(output, None)
        if key is not None:
            self.pages.record(output, key)

    def save_part(self) -> None:
        """A page-writing child process: hand this process's entries to the parent through a file."""
        save_pickle(self._part_path(os.getpid()), self.pages.current)

    def merge_part(self, pid: int) -> None:
        part = self._part_path(pid)
        self.pages.current.update(load_dict(part))
        part.unlink(missing_ok=True)

    def save(self) -> None:
        """Keep this build's entries for the next one (the pages this build did not produce are dropped)."""
        save_pickle(self.path, (MEMO_FORMAT, self.fingerprint, self.pages.current))

    def _part_path(self, pid: int) -> Path:
        return self.path.with_name(f"{self.path.name}.part-{pid}")

    def _summary(self, value: Any) -> Any:
        if isinstance(value, (str, int, float, bool, type(None))):
            return value
        if isinstance(value, Content):
            return article_card(value)
        if isinstance(value, URLWrapper):
            return (type(value).__name__, value.name, value.slug)
        if isinstance(value, Page):
            return ("page", value.number, value.paginator.num_pages, self._list(value.object_list))
        if isinstance(value, Paginator):
            return ("paginator", value.count, value.num_pages, value.per_page)
        if isinstance(value, (list, tuple)):
            return self._list(value)
        if isinstance(value, dict):
            return tuple((k, self._summary(v)) for k, v in sorted(value.items(), key=lambda item: str(item[0])))
        if isinstance(value, (datetime.date, datetime.datetime)):
            return value.isoformat()
        raise Unkeyable(type(value).__name__)

    def _list(self, values: Any) -> Any:
        # The same list object is handed to every page of a pagination: summarised once per build.
        known = self._lists.get(id(values))
        if known is not None and known[0] is values:
            return known[1]
        # A digest rather than the items: a page's key stays small whatever the length of its lists.
        if all(isinstance(v, Content) for v in values):
            items = "\n".join(map(article_card, values)).encode()
        else:
            items = repr(tuple(self._summary(v) for v in values)).encode()
        summary = ("list", len(values), hashlib.blake2b(items, digest_size=20).digest())
        self._lists[id(values)] = (values, summary)
        return summary


def article_source(article: Any) -> str | None:
    """What identifies everything shown of an article (its text, title, date, terms, URL): its source
    bytes' digest and its path; None for an article not read by our reader. Worked out once per
    article and build (a 10,000-article build asks about 150,000 times); the search index uses it too."""
    source = article.__dict__.get("_quietpress_source")
    if source is None:
        digest = getattr(article, "quietpress_digest", None)
        if not digest:
            return None
        source = article.__dict__["_quietpress_source"] = f"{digest} {article.relative_source_path}"
    return source


def article_card(article: Content) -> str:
    """article_source, for a page key: a page showing an article of unknown source is rendered."""
    source = article_source(article)
    if source is None:
        raise Unkeyable("an article read without a digest")
    return source


def article_page_inputs(article: Content) -> tuple[Any, ...]:
    """An article page shows the article, its newer and older neighbours and its related articles."""
    newer, older = getattr(article, "newer_article", None), getattr(article, "older_article", None)
    return (article_card(article),
            article_card(newer) if newer is not None else None,
            article_card(older) if older is not None else None,
            tuple(article_card(a) for a in getattr(article, "related_articles", None) or ()))


# Settings that change how a build runs, never what it writes.
HOW_NOT_WHAT = frozenset({"QUIETPRESS_BUILD_JOBS", "QUIETPRESS_RENDER_CACHE", "QUIETPRESS_PAGE_MEMO", "CACHE_PATH",
                          "CACHE_CONTENT", "LOAD_CONTENT_CACHE", "CHECK_MODIFIED_METHOD", "CONTENT_CACHING_LAYER",
                          "DEBUG", "LOG_FILTER", "WRITE_SELECTED"})


def build_fingerprint(settings: dict[str, Any]) -> bytes:
    """Digest of what every page depends on: settings, theme templates, plugin code, library versions."""
    digest = hashlib.blake2b(str(MEMO_FORMAT).encode(), digest_size=20)
    digest.update(repr(sorted((k, _plain(v)) for k, v in settings.items()
                              if k.isupper() and k not in HOW_NOT_WHAT)).encode())
    for source in sorted(SITE_PACKAGE.glob("*.py")):
        digest.update(source.read_bytes())
    for folder in _template_folders(settings):
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                digest.update(str(path.relative_to(folder)).encode())
                digest.update(path.read_bytes())
    for package in PACKAGES:
        try:
            digest.update(f"{package}=={package_metadata.version(package)}".encode())
        except package_metadata.PackageNotFoundError:
            digest.update(package.encode())
    return digest.digest()


def _template_folders(settings: dict[str, Any]) -> list[Path]:
    import pelican

    folders = [Path(settings.get("THEME") or "", "templates"), Path(pelican.__file__).parent / "themes" / "simple" / "templates"]
    folders += [Path(p) for p in settings.get("THEME_TEMPLATES_OVERRIDES") or []]
    return [f for f in folders if f.is_dir()]


def _plain(value: Any) -> Any:
    """A settings value as data that repr()s the same in every process (objects become their type name)."""
    if isinstance(value, (str, int, float, bool, type(None))):
        return value
    if isinstance(value, (list, tuple, set, frozenset)):
        items = [_plain(v) for v in value]
        return sorted(items, key=repr) if isinstance(value, (set, frozenset)) else items
    if isinstance(value, dict):
        return sorted(((str(k), _plain(v)) for k, v in value.items()), key=repr)
    if isinstance(value, (datetime.date, datetime.datetime, datetime.tzinfo)):
        return repr(value)
    return f"<{type(value).__module__}.{type(value).__qualname__}>"
