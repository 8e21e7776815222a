"""Per-article values the theme shows, computed once per build so templates never loop over the archive.

Run on `article_generator_finalized`: reading time, newer/older neighbours, related articles and
the author bios for the author pages; the values only an article's own page or card shows (the
absolute URL when SITEURL is set, the JSON-LD block, the lead image...) when first asked (Annotated).
"""

from __future__ import annotations

import functools
import html
import json
import math
import re
from pathlib import Path
from typing import Any, Iterable

from quietpress.site.related import named_topic, related_articles

# Related lists kept between builds under CACHE_PATH (related.py).
RELATED_FILE = "quietpress-related.pickle"
_TAG = re.compile(r"<[^>]+>")
# Words of the description of an article without a summary (lists truncate it further).
OPENING_WORDS = 40
# Where a block ends, a space keeps the words on either side apart. The words of a remote-image
# placeholder are the theme's ("Image not archived...") and a repeat of the caption, not the
# article's: they stay out of search text and reading time. One pattern, one pass.
_BREAKS = re.compile(r"</(?:p|h[1-6]|li|blockquote|figcaption|figure|pre|tr|td|th)>|<br\s*/?>"
                     r'|<span class="remote-image-(?:label|alt)">[^<]*</span>', re.I)


def plain_text(rendered: str) -> str:
    """Return the visible text of sanitised article HTML, blocks separated by spaces.

    The HTML has passed nh3, so it is well formed and a tag pattern is enough (no parser per article).

    >>> plain_text("<p>A &amp; B</p><p>C</p>")
    'A & B C'
    """
    return " ".join(visible_words(rendered))


def visible_words(rendered: str) -> list[str]:
    """The words of plain_text(rendered), without joining them into a text first."""
    return html.unescape(_TAG.sub("", _BREAKS.sub(" ", rendered))).split()


def reading_minutes(words: int, per_minute: int) -> int:
    """Whole minutes to read `words` words, at least one."""
    return max(1, math.ceil(words / per_minute))


def absolute_url(siteurl: str, relative: str) -> str | None:
    """The article's address on the published site, or None for a local build without SITEURL."""
    if not siteurl.startswith(("http://", "https://")):
        return None
    return siteurl.rstrip("/") + "/" + relative.lstrip("/")


def web_link(value: Any) -> str | None:
    """The value if it is an http(s) address, else None: a capture's `javascript:` URL is never a link."""
    text = str(value).strip() if value else ""
    return text if re.match(r"https?://[^\s]+$", text, re.I) else None


def lead_image(image: Any, rendered: str) -> str | None:
    """The lead image's path in the archive, unless it is remote or already a figure in the body."""
    path = str(image).strip() if image else ""
    if not path or "://" in path or path.startswith(("/", "//")) or ".." in path or not path.startswith("images/"):
        return None
    return None if path.rsplit("/", 1)[-1] in rendered else path


_IMG_SRC = re.compile(r'<img src="(?:\.\./)*(images/[^"]+)"')


def _first_local_image(rendered: str) -> str | None:
    match = _IMG_SRC.search(rendered)
    return match.group(1) if match else None


def json_for_script(value: Any) -> str:
    """JSON that cannot end the <script> element it sits in: <, > and & become \\u escapes.

    >>> json_for_script({"a": "</script>"})
    '{"a": "\\\\u003c/script\\\\u003e"}'
    """
    text = json.dumps(value, ensure_ascii=False, sort_keys=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def structured_data(article: Any, url: str | None) -> dict[str, Any]:
    """schema.org NewsArticle for one article (only the fields it has)."""
    data: dict[str, Any] = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": article.title}
    if not getattr(article, "undated", False):
        data["datePublished"] = article.date.isoformat()
    if getattr(article, "modified", None):
        data["dateModified"] = article.modified.isoformat()
    authors = [{"@type": "Person", "name": a.name} for a in getattr(article, "authors", [])]
    if authors:
        data["author"] = authors
    if getattr(article, "site", None):
        data["publisher"] = {"@type": "Organization", "name": str(article.site)}
    topic = named_topic(article)
    if topic is not None:
        data["articleSection"] = topic.name
    tags = [t.name for t in getattr(article, "tags", [])]
    if tags:
        data["keywords"] = tags
    if getattr(article, "summary_text", None):
        data["description"] = article.summary_text
    original = web_link(getattr(article, "source_url", None))
    if original:
        data["isBasedOn"] = original
    if url:
        data["url"] = data["mainEntityOfPage"] = url
    if getattr(article, "og_image", None):
        data["image"] = article.og_image
    if getattr(article, "article_lang", None):
        data["inLanguage"] = article.article_lang
    return data


def author_bios(articles: Iterable[Any]) -> dict[str, str]:
    """Each author's bio from their newest article that carries one.

    A bio belongs to the byline's only author, or to the authors whose name it mentions: a shared
    byline with one bio ("Jane Doe covers courts...") must not give Jane's bio to her co-author.
    """
    bios: dict[str, str] = {}
    for article in articles:  # newest first, so the first bio seen is the current one
        bio = getattr(article, "author_bio", None)
        authors = getattr(article, "authors", [])
        if not bio or not authors:
            continue
        names = [a.name for a in authors]
        named = [a for a in authors if own_sentences(str(bio), a.name, names)]
        for author in named or (authors if len(authors) == 1 else []):
            bios.setdefault(author.name, own_sentences(str(bio), author.name, names) or str(bio))
    return bios


SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÀ-Þ\"“])")


def own_sentences(bio: str, name: str, names: list[str]) -> str:
    """Return the sentences of a bio about one author: from the one naming them (by full name or
    surname) up to the next naming another author of the byline. Empty when none names them."""
    def mentions(sentence: str, person: str) -> bool:
        surname = person.split()[-1] if person.split() else person
        return person in sentence or re.search(r"\b" + re.escape(surname) + r"\b", sentence) is not None
    mine, keeping = [], False
    for sentence in SENTENCE_END.split(bio):
        if mentions(sentence, name):
            keeping = True
        elif any(mentions(sentence, other) for other in names if other != name):
            keeping = False
        if keeping:
            mine.append(sentence)
    return " ".join(mine)


class Annotated:
    """The per-article values only a rendered page shows, worked out when a page first asks.

    A rebuild renders few pages (memo.py), so values computed for every article in advance were
    mostly thrown away: a third of the annotation time of a 10,000-article rebuild. Articles made by
    our generator have this mixin (articles.ArchiveArticle); annotate_articles sets the same values
    at once on any other article.
    """

    @functools.cached_property
    def summary_text(self) -> str:
        return _summary_text(self)

    @functools.cached_property
    def absolute_url(self) -> str | None:
        return absolute_url(self.settings.get("SITEURL") or "", self.url)

    @functools.cached_property
    def source_link(self) -> str | None:
        return web_link(getattr(self, "source_url", None))

    @functools.cached_property
    def archived_link(self) -> str | None:
        """The web archive's copy the capture was replayed from, when it was (a link a reader can follow)."""
        capture = getattr(self, "capture", None)
        return web_link(capture.get("url")) if isinstance(capture, dict) else None

    @functools.cached_property
    def other_captures(self) -> list[dict[str, Any]]:
        """The article's other captures as front matter lists them, each with `link` to its web
        archive copy when it was replayed from one (http(s) only, else None)."""
        captures = getattr(self, "captures", None)
        if not isinstance(captures, list):
            return []
        return [{**item, "link": web_link(item.get("url"))} for item in captures if isinstance(item, dict)]

    @functools.cached_property
    def lead_image(self) -> str | None:
        return lead_image(getattr(self, "image", None), self._content or "")

    @functools.cached_property
    def og_image(self) -> str | None:
        image = self.lead_image or _first_local_image(self._content or "")
        return absolute_url(self.settings.get("SITEURL") or "", image) if image else None

    @functools.cached_property
    def json_ld(self) -> str:
        return json_for_script(structured_data(self, self.absolute_url))


# In dependency order: each may read the ones before it.
_ANNOTATIONS = ("summary_text", "absolute_url", "source_link", "lead_image", "og_image", "json_ld")


def annotate_articles(generator: Any) -> None:
    """Receiver for `article_generator_finalized`: set the per-article values and the bios in the context."""
    settings = generator.settings
    articles = generator.articles
    per_minute = settings["QUIETPRESS_WORDS_PER_MINUTE"]
    related = related_articles(articles, settings["QUIETPRESS_RELATED_COUNT"], settings["QUIETPRESS_RELATED_WINDOW"],
                               memory=Path(settings.get("CACHE_PATH") or "cache") / RELATED_FILE)
    for index, article in enumerate(articles):
        if not hasattr(article, "word_count"):  # read by another reader: counted here
            words = visible_words(article._content or "")
            article.word_count, article.opening_text = len(words), opening_words(words)
        article.reading_minutes = reading_minutes(article.word_count, per_minute)
        article.newer_article = articles[index - 1] if index > 0 else None
        article.older_article = articles[index + 1] if index + 1 < len(articles) else None
        article.related_articles = related.get(article.source_path, [])
        if not isinstance(article, Annotated):
            for name in _ANNOTATIONS:
                setattr(article, name, getattr(Annotated, name).func(article))
    bios = author_bios(articles)
    generator.context["author_bios"] = bios
    undated = [a for a in articles if getattr(a, "undated", False)]
    generator.context["undated_articles"] = undated


def opening_words(words: list[str]) -> str:
    """The first 40 words of an article, with an ellipsis when there are more."""
    return " ".join(words[:OPENING_WORDS]) + (" …" if len(words) > OPENING_WORDS else "")


def _summary_text(article: Any) -> str:
    """A plain one- or two-sentence description: the front matter's summary, else the opening words."""
    summary = article.metadata.get("summary")
    if summary:
        return html.unescape(str(summary))
    return article.opening_text
