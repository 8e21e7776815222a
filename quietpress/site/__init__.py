"""The Pelican side of quietpress: a Markdown reader, sanitising, taxonomy pages and search.

Enabled in pelicanconf.py with `PLUGINS = ["quietpress.site"]`.
"""

from __future__ import annotations

from pelican import signals

from quietpress.site import articles, directives, reader, writer
from quietpress.site.cards import add_card_renderer
from quietpress.site.annotate import annotate_articles
from quietpress.site.feeds import absolute_feed_links
from quietpress.site.search import SearchGenerator, start_index_early
from quietpress.site.settings import apply_defaults
from quietpress.site.sitemap import SitemapGenerator
from quietpress.site.taxonomy import TaxonomyGenerator, add_sort_filters


def add_readers(readers) -> None:
    reader.install(readers)


def check_settings(pelican) -> None:
    apply_defaults(pelican.settings)


def finish_build(pelican) -> None:
    """Receiver for finalized: wait for the page-writing processes, then keep the page memo (or, if
    one failed, drop what they recorded and stop the build: the next build renders those pages)."""
    children, succeeded = articles.wait_for_page_writers()
    writer.finish_memo(children, keep=succeeded)
    if not succeeded:
        raise RuntimeError("writing the article pages failed in a worker process (see the error above)")


def page_generators(pelican) -> list[type]:
    return [TaxonomyGenerator, SearchGenerator, SitemapGenerator]


def register() -> None:
    reader.replace_markdown_reader()
    signals.readers_init.connect(add_readers)
    signals.article_generator_init.connect(articles.use_archive_generator)
    signals.generator_init.connect(add_card_renderer)
    signals.generator_init.connect(add_sort_filters)
    signals.content_object_init.connect(articles.freeze_urls)
    signals.content_object_init.connect(directives.refuse_outside_links)
    signals.finalized.connect(finish_build)
    signals.get_writer.connect(writer.changed_only_writer)
    signals.static_generator_init.connect(writer.use_changed_only_static)
    signals.initialized.connect(check_settings)
    # In this order: the index and the article snapshot start from what reading gave, then the
    # articles are annotated.
    signals.article_generator_finalized.connect(start_index_early)
    signals.article_generator_finalized.connect(articles.save_snapshot_early)
    signals.article_generator_finalized.connect(annotate_articles)
    signals.get_generators.connect(page_generators)
    signals.feed_generated.connect(absolute_feed_links)
