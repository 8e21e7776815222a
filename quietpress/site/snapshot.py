"""Article objects kept between builds: an unchanged source is not read, parsed or made again.

Pelican makes every article afresh at every build: read the file, process its metadata, build
the Article (slug, dates, URL, output path, checks). With renderings cached that is still most of a
rebuild's reading: two seconds at 10,000 articles. The snapshot keeps what each article object held
at the end of reading, by source path. A source the render cache found unchanged (same size and
modification time, see cache.py), whose rendering has the digest the saved article records, is
restored from it: the render cache has already told what changed, so the snapshot keeps no stamps
of its own. Values that depend on other articles
(neighbours, related articles, translations) are not kept: every build sets them again.

It is used through Pelican's own hooks for a generator's content cache (get_cached_data and
cache_data, see articles.py), only when no other plugin listens to the signals Pelican sends while
making an article (they would not be sent for a restored one), and it is keyed by everything an
article object is made from besides its source: the settings, the plugin's code, the theme and the
library versions (memo.build_fingerprint) and the Markdown renderer (cache.renderer_fingerprint).
The settings and the build's context are not stored: a restored article gets this build's. Nor is
the body: the render cache has it, under the digest the article records, and it is read from there
only when something asks for it.
"""

from __future__ import annotations

import logging
import pickle
from pathlib import Path
from typing import Any, Callable

from pelican import signals

from quietpress.site.files import save_pickle

logger = logging.getLogger(__name__)

SNAPSHOT_FILE = "quietpress-articles.pickle"
# Part of the snapshot's key: changed when what it holds changes shape (2: no stamps of its own).
SNAPSHOT_LAYOUT = b"2"
# Attributes one build sets from the whole archive; kept, they would point at last build's objects.
PER_BUILD = frozenset({"settings", "_context", "translations", "newer_article", "older_article",
                       "related_articles", "publications", "reading_minutes"})
# Not kept either: the body, which the render cache holds by content (most of the snapshot's size).
LEFT_OUT = PER_BUILD | {"_content", "_content_source"}
# Signals Pelican sends while making an article; a restored article is not made, so a listener
# other than this plugin's own would miss it.
_MAKING_SIGNALS = ("article_generator_preread", "article_generator_context", "content_object_init")
_OWN_RECEIVERS = frozenset({"freeze_urls", "refuse_outside_links"})


def usable() -> bool:
    """True when nothing but this plugin listens to the signals of making an article."""
    for name in _MAKING_SIGNALS:
        for receiver in getattr(signals, name).receivers.values():
            function = receiver() if callable(receiver) else receiver
            if getattr(function, "__name__", None) not in _OWN_RECEIVERS:
                return False
    return True


class ArticleSnapshot:
    """The articles of the last build by source path, and those of this one as they are read."""

    def __init__(self, path: Path, key: bytes, settings: dict[str, Any], context: dict[str, Any],
                 article_class: type, rendering: Callable[[str], Any]) -> None:
        """`rendering(relative)`: the render cache's rendering of an unchanged source, else None."""
        self.path, self.key, self.rendering = path, key, rendering
        self.settings, self.context, self.article_class = settings, context, article_class
        self.saved: dict[str, dict[str, Any]] = self._load()
        self.current: dict[str, Any] = {}
        self.restored = 0

    def restore(self, relative: str) -> Any | None:
        """The article for the source at `relative` (to the content folder) if it is unchanged, else None."""
        state = self.saved.get(relative)
        # The body is the render cache's, for the same content (its key is the article's digest).
        rendered = self.rendering(relative) if state is not None else None
        if rendered is None or rendered.digest != state.get("quietpress_digest"):
            return None
        article = self.article_class.__new__(self.article_class)
        article.__dict__.update(state)
        # The article class reads the body from the rendering when it is first asked for: a rebuild
        # shows few bodies (articles.ArchiveArticle).
        article._content_source = rendered
        article.settings, article._context, article.translations = self.settings, self.context, []
        self.current[relative] = article
        self.restored += 1
        return article

    def record(self, relative: str, article: Any) -> None:
        """An article read afresh this build (after Pelican found it valid)."""
        self.current[relative] = article

    def changed(self) -> bool:
        return self.restored != len(self.current) or self.current.keys() != self.saved.keys()

    def save(self) -> None:
        """Keep this build's articles for the next one (nothing is written when none changed)."""
        if not self.changed():
            return
        states = {relative: {k: v for k, v in vars(article).items() if k not in LEFT_OUT}
                  for relative, article in self.current.items()}
        save_pickle(self.path, (self.key, states), lambda handle: _Pickler(handle, self.settings, self.context))

    def _load(self) -> dict[str, dict[str, Any]]:
        try:
            with open(self.path, "rb") as handle:
                unpickler = _Unpickler(handle, self.settings, self.context)
                key, states = unpickler.load()
        except FileNotFoundError:
            return {}
        except Exception as error:  # damaged or from another version: every article is read again
            logger.warning("%s: article snapshot unreadable (%s): articles are read again", self.path, error)
            return {}
        return states if key == self.key and isinstance(states, dict) else {}


class _Pickler(pickle.Pickler):
    """Refers to the build's settings and context by name: every term object holds the settings."""

    def __init__(self, handle: Any, settings: dict[str, Any], context: dict[str, Any]) -> None:
        super().__init__(handle, protocol=pickle.HIGHEST_PROTOCOL)
        self.shared = {id(settings): "settings", id(context): "context"}

    def persistent_id(self, obj: Any) -> str | None:
        return self.shared.get(id(obj))


class _Unpickler(pickle.Unpickler):
    def __init__(self, handle: Any, settings: dict[str, Any], context: dict[str, Any]) -> None:
        super().__init__(handle)
        self.shared = {"settings": settings, "context": context}

    def persistent_load(self, name: str) -> Any:
        return self.shared[name]
