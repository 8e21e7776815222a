"""The plugin's own Pelican settings: every `QUIETPRESS_*` key with its default, checked at start-up.

A bad value stops the build before anything is written, naming the key and the value; it is never
logged and ignored.
"""

from __future__ import annotations

from typing import Any, Mapping

from quietpress.errors import QuietpressError

# Every plugin setting and its default; `check` below says what each must be.
DEFAULTS: dict[str, Any] = {
    # Reading speed for the "N min read" label; 230 words a minute is the usual adult silent-reading figure.
    "QUIETPRESS_WORDS_PER_MINUTE": 230,
    # Articles shown as cards (with summaries) at the top of the home page and of each topic, tag,
    # author and publication page; a term's older articles follow as one line each, by year.
    "QUIETPRESS_LATEST_ARTICLES": 10,
    # Related articles shown under an article.
    "QUIETPRESS_RELATED_COUNT": 4,
    # How far along each shared topic/tag (in date order) related candidates are looked for; bounds the
    # work per article so a tag on half the archive costs no more than a rare one.
    "QUIETPRESS_RELATED_WINDOW": 25,
    # Target size of one search shard of terms; a shard is split by a longer prefix when larger. 64 kB keeps
    # a typical query (a few shards) far under the 2 MB budget on a 10,000-article archive (scripts/bench_search.py).
    "QUIETPRESS_SEARCH_SHARD_BYTES": 64_000,
    # Text kept per article for result snippets; long enough for any news article, bounded for the odd book.
    "QUIETPRESS_SEARCH_TEXT_CHARS": 40_000,
    # Pages of publications (the `site` metadata), served by the generic taxonomy generator.
    "PUBLICATION_URL": "sites/{slug}.html",
    "PUBLICATION_SAVE_AS": "sites/{slug}.html",
    "PUBLICATIONS_SAVE_AS": "sites/index.html",
    "SEARCH_SAVE_AS": "search.html",
    # Processes for the build (Markdown rendering pool, forked page writer); 0 means every core, 1 keeps
    # the whole build in one process (least memory).
    "QUIETPRESS_BUILD_JOBS": 0,
    # Rendered articles cached by content hash under CACHE_PATH (see quietpress/site/cache.py).
    "QUIETPRESS_RENDER_CACHE": True,
    # Pages whose inputs are unchanged since the last build are not rendered again (memo.py); off for
    # a theme whose article or list pages show archive-wide values.
    "QUIETPRESS_PAGE_MEMO": True,
}

_POSITIVE_INTS = ("QUIETPRESS_WORDS_PER_MINUTE", "QUIETPRESS_LATEST_ARTICLES", "QUIETPRESS_RELATED_COUNT",
                  "QUIETPRESS_RELATED_WINDOW", "QUIETPRESS_SEARCH_SHARD_BYTES", "QUIETPRESS_SEARCH_TEXT_CHARS")
_PATHS = ("PUBLICATION_URL", "PUBLICATION_SAVE_AS", "PUBLICATIONS_SAVE_AS", "SEARCH_SAVE_AS")


class SettingError(QuietpressError):
    """A `QUIETPRESS_*` (or plugin page) setting has a value the plugin cannot use."""

    def __init__(self, key: str, value: Any, demand: str) -> None:
        super().__init__(f"settings {key}", f"{value!r} is not {demand}", "fix pelicanconf.py; nothing was built")


def apply_defaults(settings: dict[str, Any]) -> None:
    """Fill in missing plugin settings and validate all of them (raises SettingError)."""
    for key, value in DEFAULTS.items():
        settings.setdefault(key, value)
    check(settings)


def check(settings: Mapping[str, Any]) -> None:
    """Raise SettingError for the first plugin setting with an unusable value."""
    for key in _POSITIVE_INTS:
        value = settings[key]
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise SettingError(key, value, "a positive whole number")
    jobs = settings["QUIETPRESS_BUILD_JOBS"]
    if isinstance(jobs, bool) or not isinstance(jobs, int) or jobs < 0:
        raise SettingError("QUIETPRESS_BUILD_JOBS", jobs, "a whole number, 0 for every core")
    for key in ("QUIETPRESS_RENDER_CACHE", "QUIETPRESS_PAGE_MEMO"):
        if not isinstance(settings[key], bool):
            raise SettingError(key, settings[key], "true or false")
    for key in _PATHS:
        value = settings[key]
        if not isinstance(value, str) or not value.endswith(".html") or value.startswith("/") or ".." in value:
            raise SettingError(key, value, "a relative path ending in .html inside the output folder")
