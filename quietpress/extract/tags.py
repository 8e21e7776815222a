"""Tags a reader would click: the page's keywords without the codes, fragments and lines that are not.

Pages fill their keyword fields for ad servers and analytics as much as for readers. Dropped, by
shape: tracking and layout codes (`ctp_video`, `channel_other`, `serversidehawk`), `key: value`
fragments (`section: Article`, `source:tagname:...`), headlines and sentences, score lines ("Wild 4"
beside "Devils 1"), stock tickers (`7974.TO`, `NASDAQ:MSFT`, `MSFT` when the text quotes it as one),
the publication's own name and page words ("NEWS", "articles"), and tags none of whose words the
article's title or text uses (feed and desk codes). Case variants are one tag, in the spelling seen first.
"""

from __future__ import annotations

import dataclasses
import re
from functools import lru_cache

from quietpress.extract.authors import AGENCIES
from quietpress.model import Article

# A tag longer than this is a headline or a sentence, not a subject (the longest subjects in the
# scrapinghub keywords, "Consumer Electronics Show", "European Central Bank", have 3 to 4 words).
MAX_TAG_WORDS = 5
MAX_TAG_CHARS = 48
# Words that file a page, never describe it.
PAGE_WORDS = {"news", "article", "articles", "home", "homepage", "latest", "latest news", "top stories", "featured",
              "breaking", "breaking news", "story", "stories", "video", "videos", "photos", "gallery", "blog", "post",
              "posts", "uncategorized", "uncategorised", "general", "misc", "other", "default", "main", "index",
              "nachrichten", "aktuell", "actualités", "actualites", "noticias", "últimas noticias", "page",
              "videoarticle", "trending", "top news", "true", "false", "null", "none", "undefined", "yes", "no"}
# A code: lower-case words joined by underscores, or letters run together with digits.
# Also anything with an underscore ("COACH SPORTS_FIGURE PERSON"), a handle or a path ("@hp-top-stories",
# "/article"), a long number ("30594 Lifestyles": an internal id).
# A URL slug of three words or more ("star-wars-jedi-fallen-order", "rock-hall-2020") or a word and a
# year ("concerts-2020"): the path a CMS files the page under, not a word a reader would look for.
CODE = re.compile(r"^[a-z]+\d+[a-z\d]*$|^[@/#]|_|\d{5,}|^[a-z0-9]+(?:-[a-z0-9]+){2,}$|^[a-z]+-(?:19|20)\d\d$")
SLUG = re.compile(r"[a-z]+(?:-[a-z]+)+")
TICKER = re.compile(r"^(?:[A-Z]{2,8}:\s*)?[A-Z0-9]{1,6}\.[A-Z]{1,3}$|^(?:NYSE|NASDAQ|LSE|TSX|TSE|ASX)\s*:\s*\S+$|^\$[A-Z]{1,5}$")
# Endings of English, German, French and Spanish inflection, taken off a tag's words before they are
# looked for in the text.
SUFFIX = re.compile(r"(?:ings?|ers?|ed|es|s|ions?|ungen|ung|en|e|ación|aciones|ción|ciones|ement|ements)$")
# A filing label: "Business News", "Nigeria breaking news", "Front Page", "Premium Content", or a feed's
# path ("Oklahoma - Z Sports Only").
FILING_LABEL = re.compile(r"\bnews$|^breaking\b|^front page$|^premium content$|member articles$|\s-\s", re.I)
# A person's years after the name, as catalogues write them: "John Bel (1966- )".
LIFE_DATES = re.compile(r"\s*\((?:\d{4})?\s*-\s*(?:\d{4})?\s*\)$")
SCORE = re.compile(r"^\D+\s\d{1,3}$")
# A name as catalogues and indexes write it, surname first: "Bevin, Matthew", "Trump, Donald J".
CATALOGUE_NAME = re.compile(r"^([A-Z][\w'’-]+),\s+([A-Z][\w'’-]*\.?(?:\s+[A-Z][\w'’-]*\.?){0,3})$")


def with_clean_tags(article: Article, text: str = "") -> Article:
    """Return the article with only the tags a reader would click, case variants merged."""
    tags = clean_tags(article.tags, site=article.site, text=text, title=article.title)
    return dataclasses.replace(article, tags=tuple(tags)) if tuple(tags) != article.tags else article


def clean_tags(tags: tuple[str, ...] | list[str], site: str | None = None, text: str = "",
               title: str | None = None) -> list[str]:
    """Return the tags a reader would click, each once whatever its case.

    >>> clean_tags(["Emerging markets", "ctp_video", "Emerging Markets", "section: Article"])
    ['Emerging markets']
    """
    scores = [tag for tag in tags if SCORE.match(tag.strip())]
    kept: dict[str, str] = {}
    headings = [_as_the_text_writes_it(tag.strip(" ,;|#"), text) for tag in _split_headings(tags, text)]
    spaced = {tag.casefold() for tag in headings if " " in tag}
    folded = {tag.casefold() for tag in headings}
    for tag in headings:
        # "science-fiction" beside "science fiction", "Year-end" beside "year end": one tag.
        if not tag or tag.casefold() in kept or ("-" in tag and tag.casefold().replace("-", " ") in spaced):
            continue
        if _is_junk(tag, site, text) or (len(scores) > 1 and tag in scores) or _is_headline(tag, title):
            continue
        if _coded_twin(tag, folded):
            continue
        kept[tag.casefold()] = tag
    return list(kept.values())


def _as_the_text_writes_it(tag: str, text: str) -> str:
    """Return a slug of words ("doobie-brothers") or a word set in capitals for a dateline
    ("WASHINGTON") as the text writes them elsewhere ("Doobie Brothers", "Washington"), else as it is."""
    if not text:
        return tag
    if SLUG.fullmatch(tag):
        found = re.search(r"\b" + r"\s+".join(map(re.escape, tag.split("-"))) + r"\b", text, re.I)
        return " ".join(found.group().split()) if found and not found.group().islower() else tag
    # A word the text also writes in lower case is a wire code ("GLOBAL"), dropped as such later.
    if len(tag) >= 4 and tag.isupper() and " " not in tag and not re.search(r"\b" + re.escape(tag.lower()) + r"\b", text):
        found = re.search(r"\b" + re.escape(tag.capitalize()) + r"\b", text)
        return found.group() if found else tag
    return tag


def _split_headings(tags: tuple[str, ...] | list[str], text: str) -> list[str]:
    """Return the tags with catalogue-form names read in order and other comma-joined subject
    headings ("Elections, Governors") split into their parts."""
    split: list[str] = []
    for tag in tags:
        tag = _name_in_reading_order(" ".join(tag.split()), text)
        split.extend(tag.split(",") if "," in tag else [tag])
    return split


def _name_in_reading_order(tag: str, text: str) -> str:
    """Return a catalogue-form name as the text writes it: "Edwards, John Bel (1966- )" is John Bel
    Edwards. Without life dates, "Bevin, Matthew" is taken for a name only when the text puts a
    capitalised word before "Bevin" (a person's surname), so that "Oil, Gas" stays a heading."""
    dated = LIFE_DATES.search(tag) is not None
    tag = LIFE_DATES.sub("", tag)
    name = CATALOGUE_NAME.match(tag)
    if not name:
        return tag
    surname, given = name.groups()
    if dated or re.search(r"\b[A-Z][\w'’.-]*\s+" + re.escape(surname) + r"\b", text):
        return f"{given} {surname}"
    return tag


def _is_junk(tag: str, site: str | None, text: str) -> bool:
    folded = tag.casefold()
    if len(tag) < 2 or folded in AGENCIES or ":" in tag or "=" in tag or folded in PAGE_WORDS or CODE.search(tag) or TICKER.match(tag):
        return True
    if FILING_LABEL.search(tag):
        return True
    if len(tag.split()) > MAX_TAG_WORDS or len(tag) > MAX_TAG_CHARS or tag.endswith((".", "?", "!")):
        return True
    if site and folded in {site.casefold(), re.sub(r"\W+", "", site.casefold())}:
        return True
    if "." in tag and " " not in tag and re.search(r"\.[a-z]{2,}$", folded):
        return True  # a domain: "gizmodo.com"
    if tag.endswith("&"):
        return True  # a name cut at its entity: "PG&" of "PG&amp;E"
    return _quoted_as_ticker(tag, text) or _shouted_word(tag, text) or not _spoken_of(tag, text)


def _coded_twin(tag: str, tags: set[str]) -> bool:
    """Another tag with a desk's code in capitals after it ("Andrew Yang NEWSMAKER" beside "Andrew
    Yang", "10 things in tech SAI" beside "10 things in tech"): the code is no part of the subject."""
    head, _, last = tag.rpartition(" ")
    return bool(head) and last.isupper() and len(last) >= 3 and head.casefold() in tags


def _is_headline(tag: str, title: str | None) -> bool:
    """The article's own headline filed as its tag (a CMS that tags each page with its title)."""
    return bool(title) and _letters(tag) == _letters(title)


def _letters(text: str) -> str:
    return re.sub(r"\W+", "", text.casefold())


def _shouted_word(tag: str, text: str) -> bool:
    """A word in capitals that the text writes in lower case: a wire service's code set in capitals
    ("GLOBAL", "MARKETS"), not an acronym ("NHL", "UNESCO", which the text writes in capitals too)."""
    if not text or not re.fullmatch(r"[A-Z]{3,}", tag):
        return False
    return re.search(r"\b" + re.escape(tag.lower()) + r"\b", text) is not None


def _spoken_of(tag: str, text: str) -> bool:
    """Whether the article's text uses a word of the tag: feed and desk codes ("A Wire", "Choice
    Plus", "serversidehawk") never appear in the story they file. Without text, every tag passes."""
    if not text:
        return True
    words = [w for w in re.findall(r"\w+", tag.casefold()) if len(w) >= 3]
    # A word's stem is enough: the tag "Flooding" fits a story of "floods", "Ehrenamt" one of "ehrenamtlich".
    stems = [_stem(w) for w in words]
    if not stems:
        # Short words in lower case ("tc", "us") are a site's code unless the text writes them so:
        # an abbreviation is written in capitals ("EA", "UK"), which the text may spell out instead.
        return not tag.islower() or re.search(r"(?<!\w)" + re.escape(tag) + r"(?!\w)", text) is not None
    prefixes = _word_prefixes(text)
    return any(stem in prefixes for stem in stems)


@lru_cache(maxsize=4)
def _word_prefixes(text: str) -> frozenset[str]:
    """Return every beginning (three letters or more) of every word of the text, case-folded."""
    return frozenset(word[:n] for word in set(re.findall(r"\w+", text.casefold())) for n in range(3, len(word) + 1))


def _stem(word: str) -> str:
    """Return a word without a common ending ("baking" -> "bak", "rivers" -> "river"); short words whole."""
    if len(word) < 5:
        return word
    return SUFFIX.sub("", word) if len(SUFFIX.sub("", word)) >= 3 else word


def _quoted_as_ticker(tag: str, text: str) -> bool:
    """A tag of capitals that the text quotes as a ticker: "(NASDAQ: MSFT)", "(ticker: HD)", "(MSFT)"
    after a company."""
    if not re.fullmatch(r"[A-Z]{1,5}", tag) or not text:
        return False
    return re.search(r"\((?:[A-Z]+\s*:\s*|(?i:ticker|symbol|stock)\s*:\s*)?" + re.escape(tag) + r"\)|\b(?:NYSE|NASDAQ|Nasdaq)\s*:\s*" + re.escape(tag) + r"\b",
                     text) is not None
