"""Pelican's article generator made to scale with the archive: work that grows with its size, once.

`use_archive_generator` turns the build's ArticlesGenerator into `ArchiveArticlesGenerator` (on the
article-generator-init signal: Pelican always builds its own class, so the instance changes class
before it reads anything). The subclass changes how, never what, Pelican builds (the tests compare
its pages byte for byte with a one-process build):

- the article objects of the last build stand in for reading an unchanged source (snapshot.py,
  through Pelican's hooks for a generator's content cache), and the Markdown of every article the
  render cache lacks is rendered in a process pool first, in the order the generator then reads
  the files (see cache.py);
- topic, tag, author and period-archive pages find their articles in date order through a position
  index, where stock Pelican tests list membership against the whole archive for every term
  (`[a for a in self.dates if a in articles]`: quadratic, 3.4% of a 5,000-article build);
- each article's URL and output path are worked out once: stock Pelican recomputes both from the
  settings on every access, and a 10,000-article archive reads them about 100,000 times;
- the article, period-archive and index pages are written by two forked processes while this one
  goes on with the topic, tag and author pages and the plugin's other generators (search index,
  sitemap); the build waits for them at the end and fails if one failed. Used only where nothing
  else listens to the per-page signals, whose receivers would run in another process;
- the cyclic garbage collector does not run while articles are read, and what was read is frozen
  for the rest of the build (so neither later collections nor forked processes walk it).
"""

from __future__ import annotations

import fnmatch
import functools
import gc
import logging
import multiprocessing
import os
import re
import sys
from collections import Counter
from itertools import chain, groupby
from operator import attrgetter
from pathlib import Path
from typing import Any, Callable, Iterator

from pelican import generators, signals
from pelican.contents import Article
from pelican.generators import ArticlesGenerator
from pelican.utils import get_original_items, sanitised_join

from quietpress.site.annotate import Annotated
from quietpress.site.cache import RenderCache, build_jobs, cache_for, renderer_fingerprint
from quietpress.site.memo import build_fingerprint
from quietpress.site.reader import QuietpressReader, render_document
from quietpress.site.snapshot import SNAPSHOT_FILE, SNAPSHOT_LAYOUT, ArticleSnapshot, usable as snapshot_usable
from quietpress.site.writer import current_memo

logger = logging.getLogger(__name__)
# Below this many pages a fork costs more than it saves.
PARALLEL_PAGES = 200
# Processes writing the article pages: two, so that both cores work until the last page (with one,
# it was the last to finish, alone, for the final second or two of a cold build).
PAGE_WRITERS = 2
# Article pages a writing process claims at a time. The processes take runs until none are left,
# so they finish together whatever else each writes (every other page each, the one that also
# wrote the index pages finished half a second after the other at 10,000 articles).
CLAIM = 64
# The page writers and the background cache writer yield to the search index: it is one process and
# usually the last to finish (10,000 articles), while the pages are shared by two, which keep both
# cores busy to the end however late they start their last pages.
FORKED_NICENESS = 5
# Processes writing article pages, and caches, waited for when the build finishes (see wait_for_page_writers).
_page_writers: list[int] = []
_background: list[int] = []


class ArchiveArticle(Annotated, Article):
    """An article whose url and save_as are computed on first use and then kept, as are the values
    only its page or card shows (annotate.Annotated).

    Articles take this class as they are made (content_object_init, at the end of Article.__init__),
    when everything a URL is made of (date, slug, category, status) is set.
    """

    @property
    def _content(self) -> str | None:
        # An article restored from the snapshot has its rendering, not yet its body (snapshot.py).
        state = self.__dict__
        if "_content" not in state:
            state["_content"] = _body(self, state.pop("_content_source", None))
        return state["_content"]

    @_content.setter
    def _content(self, value: str | None) -> None:
        self.__dict__["_content"] = value

    def get_relative_source_path(self, source_path: str | None = None) -> str | None:
        # Pelican works the same relative path out again (abspath twice, relpath) at each use.
        if not source_path or source_path == self.source_path:
            return self.relative_source_path
        return super().get_relative_source_path(source_path)

    @functools.cached_property
    def url(self) -> str:
        return Article.url.fget(self)

    @functools.cached_property
    def save_as(self) -> str:
        return Article.save_as.fget(self)


def _skip_idle_reader_cache(readers: Any, settings: dict[str, Any]) -> None:
    """Pelican's readers look a file's stamp up twice per file (two stats: 20,000 at 10,000 articles)
    even when their cache neither loads nor keeps anything; then skip the lookups."""
    at_reader = settings.get("CONTENT_CACHING_LAYER") == "reader"
    if not (at_reader and (settings.get("CACHE_CONTENT") or settings.get("LOAD_CONTENT_CACHE"))):
        readers.get_cached_data = lambda filename, default=None: default
        readers.cache_data = lambda filename, data: None


def _body(article: Any, rendering: Any) -> str | None:
    """The body of a restored article from its cached rendering, or rendered again if that record
    cannot be read (a damaged pack)."""
    if rendering is None:
        return None
    try:
        return rendering.html
    except Exception as error:
        logger.warning("%s: cached rendering unreadable (%s): rendering it again", article.source_path, error)
        return render_document(Path(article.source_path).read_bytes(), article.source_path).html


class ArchiveArticlesGenerator(ArticlesGenerator):
    """ArticlesGenerator with rendering ahead in a pool and term pages linear in the archive size."""

    def generate_context(self) -> None:
        # What the last build in this process froze (`pelican -r` builds again and again) is garbage
        # now. Unfrozen here rather than when that build ended: a collection then walked every object
        # of the archive just before the process exited (a tenth of a rebuild).
        gc.unfreeze()
        cache = cache_for(self.settings, render_document)
        # One walk of the content folder serves the pool, the stock reading loop and the check for
        # files of disabled readers (each of which would walk and match IGNORE_FILES again: half a
        # second at 10,000 articles).
        everything = self.get_files(self.settings["ARTICLE_PATHS"], exclude=self.settings["ARTICLE_EXCLUDES"],
                                    extensions=False)
        found = {name for name in everything if _extension(name) in self.readers.extensions}
        self._disabled_files = sorted(name for name in everything if _extension(name) in self.readers.disabled_extensions)
        extensions = tuple(f".{e}" for e in QuietpressReader.file_extensions)
        self._snapshot, self._snapshot_saved = self._open_snapshot(cache), False
        cache.prerender([os.path.abspath(os.path.join(self.path, name)) for name in found if name.endswith(extensions)],
                        build_jobs(self.settings))
        self.get_files = lambda *args, **kwargs: found
        _skip_idle_reader_cache(self.readers, self.settings)
        # Reading makes objects that live to the end of the build: full collections while they pile
        # up only walk them (about 10% of reading 10,000 articles). They are frozen once read.
        collecting = gc.isenabled()
        gc.disable()
        generators.process_translations = process_translations_linear
        try:
            super().generate_context()
        finally:
            generators.process_translations = stock_process_translations
            del self.get_files
            cache.finish()
            if collecting:
                gc.enable()
        gc.freeze()
        self.save_snapshot()

    def save_snapshot(self) -> None:
        """Keep this build's articles for the next, in the background; once, as soon as they are read."""
        snapshot = getattr(self, "_snapshot", None)
        if snapshot is not None and not getattr(self, "_snapshot_saved", False):
            self._snapshot_saved = True
            _in_background(snapshot.save, build_jobs(self.settings))

    def _open_snapshot(self, cache: RenderCache) -> ArticleSnapshot | None:
        """The article objects of the last build (snapshot.py), when they can stand in for reading;
        their bodies come from the render cache."""
        if not self.settings["QUIETPRESS_RENDER_CACHE"] or not snapshot_usable():
            return None
        key = b"".join((SNAPSHOT_LAYOUT, build_fingerprint(self.settings), renderer_fingerprint(),
                        os.path.abspath(self.path).encode()))
        path = Path(self.settings.get("CACHE_PATH") or "cache") / SNAPSHOT_FILE
        base = self.path
        return ArticleSnapshot(path, key, self.settings, self.context, ArchiveArticle,
                               lambda relative: cache.peek(os.path.abspath(os.path.join(base, relative))))

    # Pelican's hooks for a generator's content cache: the snapshot, when there is one.
    def get_cached_data(self, filename: str, default: Any = None) -> Any:
        if getattr(self, "_snapshot", None) is None:
            return super().get_cached_data(filename, default)
        return self._snapshot.restore(filename) or default

    def cache_data(self, filename: str, data: Any) -> None:
        if getattr(self, "_snapshot", None) is None:
            super().cache_data(filename, data)
        else:
            self._snapshot.record(filename, data)

    def save_cache(self) -> None:
        if getattr(self, "_snapshot", None) is None:
            super().save_cache()

    def add_static_links(self, content: Any) -> None:
        # Pelican scans each body for {static} links at every build; kept with the article (and so
        # in the snapshot), the links of a restored article are known without reading its body.
        links = content.__dict__.get("_static_links")
        if links is None:
            links = content._static_links = frozenset(content.get_static_links())
        self.context["static_links"] |= links

    def check_disabled_readers(self) -> None:
        for name in getattr(self, "_disabled_files", ()):
            self.readers.check_file(name)

    def _include_path(self, path: str, extensions: Any = None) -> bool:
        # Stock Pelican runs fnmatch once per IGNORE_FILES pattern per file; one compiled pattern
        # of them all gives the same answer (fnmatch only folds case on Windows, as normcase does).
        if extensions is None:
            extensions = tuple(self.readers.extensions)
        if self._ignored.match(os.path.basename(os.path.normcase(path))):
            return False
        return extensions is False or _extension(path) in extensions

    @functools.cached_property
    def _ignored(self) -> re.Pattern[str]:
        return _ignore_pattern(tuple(os.path.normcase(p) for p in self.settings["IGNORE_FILES"]))

    def generate_pages(self, writer) -> None:
        """Stock order and pages; with two or more jobs, the article, period-archive and index pages
        (about three quarters of the page time) are written by PAGE_WRITERS forked processes, which
        share the article pages out between them as they go, while this one writes the topic, tag
        and author pages and then runs the plugin's other generators."""
        articles = list(chain(self.translations, self.articles, self.hidden_translations, self.hidden_articles))
        if build_jobs(self.settings) < 2 or len(articles) < PARALLEL_PAGES or not _fork_safe(articles):
            super().generate_pages(writer)
            return
        write = functools.partial(writer.write_file, relative_urls=self.settings["RELATIVE_URLS"])
        # Objects made so far are shared with the children copy-on-write; frozen (until the next
        # build), the garbage collector does not walk them, and so copy their pages, in any process.
        gc.freeze()
        next_claim = multiprocessing.get_context("fork").Value("q", 0)
        for share in range(PAGE_WRITERS):
            _page_writers.append(_fork(functools.partial(self._write_share, write, share, articles, next_claim),
                                       "writing the article pages failed"))
        # Those pages are the other processes'; recording the articles' paths here keeps stock
        # Pelican's error for a later page written over an article.
        writer._written_files.update(sanitised_join(writer.output_path, a.save_as) for a in articles)
        self.generate_tags(write)
        self.generate_categories(write)
        self.generate_authors(write)
        self.generate_drafts(write)

    def _write_share(self, write: Callable[..., Any], share: int, articles: list[Any], next_claim: Any) -> None:
        """In a page-writing process: a share of the pages other than articles (the first process
        the period archives, the last the index pages), then runs of CLAIM article pages, claimed
        from `next_claim` (shared by the processes) until none are left."""
        if share == 0:
            self.generate_period_archives(write)
        if share == PAGE_WRITERS - 1:
            self.generate_direct_templates(write)  # before the lists change: they show them all
        # This process's own copy of the lists: changing them changes only which pages it writes.
        self.translations, self.hidden_translations, self.hidden_articles = [], [], []
        self.articles = _claimed(articles, next_claim)
        self.generate_articles(write)
        memo = current_memo()
        if memo is not None:
            memo.save_part()

    def _build_period_archives(self, sorted_articles, articles, settings):
        # Stock Pelican fills each period's "articles" with `[a for a in articles if a in dates]`:
        # quadratic. Let it build the periods with no articles to scan, then order each period's
        # dates by the articles' position. An undated article has no year to be filed under (its
        # stand-in date would make a year 1970): the archive page lists it apart.
        dated = [article for article in sorted_articles if not getattr(article, "undated", False)]
        archives = super()._build_period_archives(dated, [], settings)
        position = {id(article): index for index, article in enumerate(articles)}
        for periods in archives.values():
            for archive in periods:
                archive["articles"] = sorted(archive["dates"], key=lambda a: position[id(a)])
        return archives

    def generate_tags(self, write) -> None:
        self._in_date_order(super().generate_tags, write)

    def generate_categories(self, write) -> None:
        self._in_date_order(super().generate_categories, write)

    def generate_authors(self, write) -> None:
        self._in_date_order(super().generate_authors, write)

    def _in_date_order(self, generate: Callable[[Callable[..., Any]], None], write: Callable[..., Any]) -> None:
        """Run a stock term-page generator with each term's `dates` sorted through a position index.

        The stock method computes `dates` by scanning self.dates per term; with self.dates empty for
        its duration that scan is free, and the write wrapper supplies the same list (the term's
        articles in self.dates order) in O(k log k).
        """
        position = {id(article): index for index, article in enumerate(self.dates)}

        def write_in_date_order(*args: Any, articles: list[Any], dates: list[Any], **kwargs: Any) -> Any:
            ordered = sorted(articles, key=lambda a: position[id(a)])
            return write(*args, articles=articles, dates=ordered, **kwargs)

        dates, self.dates = self.dates, []
        try:
            generate(write_in_date_order)
        finally:
            self.dates = dates


@functools.lru_cache(maxsize=8)
def _ignore_pattern(patterns: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{fnmatch.translate(p)})" for p in patterns) or "(?!)")


def _extension(name: str) -> str:
    return os.path.splitext(name)[1][1:]


stock_process_translations = generators.process_translations


def process_translations_linear(content_list: list[Any], translation_id: Any = None) -> tuple[list[Any], list[Any]]:
    """Pelican's process_translations, linear: its last step tested each item's membership in the
    list of originals (`x not in index`), quadratic in the archive (0.7 s at 10,000 articles, 3 s
    at 20,000). Content objects compare by identity, so a set of ids gives the same answer.

    Swapped in only while ArchiveArticlesGenerator reads its articles."""
    if not translation_id:
        return content_list, []
    if isinstance(translation_id, str):
        translation_id = {translation_id}
    if not all(hasattr(item, name) for item in content_list for name in translation_id):
        return stock_process_translations(content_list, translation_id)  # its own error message
    try:
        content_list.sort(key=attrgetter(*translation_id))
    except TypeError:
        return stock_process_translations(content_list, translation_id)  # its own error message
    index: list[Any] = []
    for id_vals, items in groupby(content_list, attrgetter(*translation_id)):
        id_vals = (id_vals,) if len(translation_id) == 1 else id_vals
        with_str = "with" + ", ".join([' {} "{{}}"'] * len(translation_id)).format(*translation_id).format(*id_vals)
        items = list(items)
        index.extend(get_original_items(items, with_str))
        for item in items:
            item.translations = [x for x in items if x != item]
    originals = {id(item) for item in index}
    return index, [x for x in content_list if id(x) not in originals]


def _claimed(items: list[Any], next_claim: Any) -> Iterator[Any]:
    """The items of the runs this process claims, CLAIM at a time, from a counter it shares."""
    while True:
        with next_claim.get_lock():
            start = next_claim.value
            next_claim.value = start + CLAIM
        if start >= len(items):
            return
        yield from items[start:start + CLAIM]


def _fork_safe(articles: list[Any]) -> bool:
    """True when the article pages can be written by another process with the same result: the
    platform forks, nothing else receives the per-page signals, and no two articles share a path
    (stock Pelican stops on that; the sequential path reports it)."""
    if not hasattr(os, "fork"):
        return False
    if signals.article_generator_write_article.receivers or signals.content_written.receivers:
        return False
    paths = Counter(a.save_as for a in articles)
    return not paths or paths.most_common(1)[0][1] == 1


def _in_background(job: Callable[[], None], jobs: int) -> None:
    """Run `job` in a forked process the build waits for at its end (in this one with one job)."""
    if jobs < 2 or not hasattr(os, "fork"):
        job()
    else:
        _background.append(_fork(job, "a background write failed"))


def _fork(job: Callable[[], None], failure: str) -> int:
    """Run `job` in a forked process that leaves without running this one's exit code; its pid."""
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:
        status = 1
        try:
            os.nice(FORKED_NICENESS)
            job()
            status = 0
        except BaseException:
            logger.exception(failure)
        finally:
            logging.shutdown()
            os._exit(status)
    return pid


def wait_for_page_writers() -> tuple[list[int], bool]:
    """Wait for the article-page processes; return their pids and whether they all succeeded.
    Background writes of caches are waited for too; one that failed only costs the next build time."""
    while _background:
        os.waitpid(_background.pop(), 0)
    failed, done = 0, []
    while _page_writers:
        pid = _page_writers.pop()
        _, status = os.waitpid(pid, 0)
        done.append(pid)
        failed += os.waitstatus_to_exitcode(status) != 0
    return done, not failed


def save_snapshot_early(generator: Any) -> None:
    """Receiver for article_generator_finalized: the snapshot is written while the articles are
    annotated and their pages written (started at the end of reading, it was the last process a
    rebuild waited for)."""
    if isinstance(generator, ArchiveArticlesGenerator):
        generator.save_snapshot()


def freeze_urls(content) -> None:
    """Receiver for content_object_init: articles keep their URL and output path once computed."""
    if type(content) is Article:
        content.__class__ = ArchiveArticle


def use_archive_generator(generator: ArticlesGenerator) -> None:
    """Receiver for article_generator_init: give the build's generator the scaling behaviour."""
    if type(generator) is ArticlesGenerator:
        generator.__class__ = ArchiveArticlesGenerator
