"""Pelican's article generator made to scale with the archive: work that grows with its size, once.

`install` turns the build's ArticlesGenerator into `ArchiveArticlesGenerator` (on the
article-generator-init signal: Pelican always builds its own class, so the instance changes class
before it reads anything). The subclass changes how, never what, Pelican builds:

- the Markdown of every article the render cache lacks is rendered in a process pool first, in the
  order the generator then reads the files (see cache.py);
- topic, tag, author and period-archive pages find their articles in date order through a position
  index, where stock Pelican tests list membership against the whole archive for every term
  (`[a for a in self.dates if a in articles]`: quadratic, 3.4% of a 5,000-article build);
- each article's URL and output path are worked out once: stock Pelican recomputes both from the
  settings on every access, and a 10,000-article archive reads them about 100,000 times.
"""

from __future__ import annotations

import functools
import os
from itertools import chain
from typing import Any, Callable

from pelican.contents import Article
from pelican.generators import ArticlesGenerator

from quietpress.site.cache import build_jobs, cache_for
from quietpress.site.reader import QuietpressReader, render_document


class ArchiveArticle(Article):
    """An article whose url and save_as are computed on first use and then kept.

    Articles take this class once the generator's context is final (all metadata that goes into a
    URL, such as date, slug and status, is set by then).
    """

    @functools.cached_property
    def url(self) -> str:
        return Article.url.fget(self)

    @functools.cached_property
    def save_as(self) -> str:
        return Article.save_as.fget(self)


class ArchiveArticlesGenerator(ArticlesGenerator):
    """ArticlesGenerator with rendering ahead in a pool and term pages linear in the archive size."""

    def generate_context(self) -> None:
        cache = cache_for(self.settings, render_document)
        cache.prerender(self._markdown_paths(), build_jobs(self.settings))
        try:
            super().generate_context()
        finally:
            cache.finish()
        for article in chain(self.articles, self.translations, self.hidden_articles, self.hidden_translations,
                             self.drafts, self.drafts_translations):
            if type(article) is Article:
                article.__class__ = ArchiveArticle

    def _markdown_paths(self) -> list[str]:
        """Absolute paths of the Markdown articles, in the order generate_context reads them."""
        found = self.get_files(self.settings["ARTICLE_PATHS"], exclude=self.settings["ARTICLE_EXCLUDES"],
                               extensions=tuple(QuietpressReader.file_extensions))
        return [os.path.abspath(os.path.join(self.path, name)) for name in found]

    def _build_period_archives(self, sorted_articles, articles, settings):
        # Stock Pelican fills each period's "articles" with `[a for a in articles if a in dates]`:
        # quadratic. Let it build the periods with no articles to scan, then order each period's
        # dates by the articles' position.
        archives = super()._build_period_archives(sorted_articles, [], settings)
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


def use_archive_generator(generator: ArticlesGenerator) -> None:
    """Receiver for article_generator_init: give the build's generator the scaling behaviour."""
    if type(generator) is ArticlesGenerator:
        generator.__class__ = ArchiveArticlesGenerator
