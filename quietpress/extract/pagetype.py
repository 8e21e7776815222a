"""Whether a captured page is an article, or one of the other pages a site crawl also holds
(section fronts and listings, product pages and product grids, forum threads).

The decision reads two kinds of evidence, both general (markup and layout, never a site's wording):
- what the page declares: schema.org types in JSON-LD or microdata, and `og:type`;
- its shape: a run of prose (paragraphs of sentences, few links) against many teaser links
  (headlines that link elsewhere), price and basket markup.
An article must never be lost, so a page is called "not an article" only when the evidence
against is strong and nothing speaks for an article; everything doubtful stays an article.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Iterable, Iterator

import lxml.html
from lxml import etree

from quietpress.errors import ExtractionError
from quietpress.model import Article, CaptureKind, Document
from quietpress.parse import parse_html

# schema.org types (and og:type values, prefixed `og:`) a page declares when it is one story.
# `og:article` is not among them: themes print it on every page of a site, listings included
# (a fifth of wcxb-dev's `tune` listings carry it).
ARTICLE_TYPES = frozenset({
    "article", "newsarticle", "blogposting", "reportagenewsarticle", "analysisnewsarticle",
    "opinionnewsarticle", "reviewnewsarticle", "backgroundnewsarticle", "advertisercontentarticle",
    "satiricalarticle", "scholarlyarticle", "techarticle", "report", "liveblogposting", "review",
    "recipe", "howto", "socialmediaposting", "videoobject", "og:video.other", "og:video.episode",
})
# Types a page declares when it is something else; each maps to the kind of page it names.
OTHER_TYPES = {
    "product": "product", "productgroup": "product", "offer": "product", "aggregateoffer": "product",
    "individualproduct": "product", "vehicle": "product",
    "og:product": "product", "og:product.item": "product", "og:product.group": "product",
    "itemlist": "listing", "collectionpage": "listing", "searchresultspage": "listing", "offercatalog": "listing",
    "discussionforumposting": "forum", "qapage": "forum", "question": "forum",
}
# Where a page keeps what is not its content: prose there does not make a page an article.
CHROME = {"nav", "header", "footer", "aside", "form", "menu"}
BLOCK_OF_PROSE = {"p", "blockquote", "li", "dd"}
WORD = re.compile(r"\w+", re.UNICODE)
SENTENCE_END = re.compile(r"[.!?。！？…]['\")\]»”’]?(\s|$)")
BASKET = re.compile(r"add[-_ ]?to[-_ ]?(cart|basket|bag)|addtocart|add_to_cart|buy[-_ ]?now|checkout", re.I)
PRICE_CLASS = re.compile(r"(^|[-_ ])price([-_ ]|$)|pricing", re.I)
CURRENCY = re.compile(r"[$€£¥₹]\s?\d|\d[\d.,]*\s?(€|EUR|USD|GBP|kr|zł)\b")

# A paragraph of prose has at least this many words and ends like a sentence.
PROSE_WORDS = 12
# A teaser is a link of at least this many words (a headline), or a heading that is a link.
TEASER_WORDS = 4
# Thresholds of `judge`, chosen on the `tune` half of wcxb-dev (scripts/bench_pagetype.py, which
# prints both halves; re-run it after changing any of them) keeping at least 99% of its articles:
# - one parent holding this many words of prose paragraphs is an article's body, whatever else
#   the page has (the 10th percentile of articles is about 200, the median listing's 140);
ARTICLE_PROSE = 200
# - a page declaring itself a product is one unless it has this much prose (a buying guide would);
PRODUCT_PROSE = 600
# - this many prices and basket buttons make a shop page;
SHOP_MARKS = 3
# - this many headings that are links, two thirds of the page's headings, make a list of stories
#   (an article's "more from this section" block has four or five);
LIST_HEADINGS = 6
# - and so do this many <article> cards outside the page's chrome;
LIST_CARDS = 10
# - a body under 1/SLIVER of the page's words, on a page of this many headline links, is a
#   listing's introduction (or its SEO text), even when the page holds long prose elsewhere.
SLIVER = 100
SLIVER_TEASERS = 50


@dataclass(frozen=True)
class PageShape:
    """What was measured on a page; every count is over the whole page unless it says otherwise."""

    declared: frozenset[str]   # schema.org types and og:type, lower case
    words: int                 # words of visible text
    link_words: int            # of which inside links
    prose_words: int           # words in paragraphs of prose outside navigation and other chrome
    longest_run: int           # the most prose words under one parent element (one story's body)
    prose_blocks: int          # paragraphs of prose outside chrome
    teasers: int               # headline links: headings that link, or long link texts
    prices: int                # elements marked as a price or holding an amount with a currency
    baskets: int               # "add to basket" forms, buttons and links
    cards: int                 # <article> elements outside chrome: one story each, many make a list
    heading_links: int         # headings (h2-h4) whose text is a link, outside chrome
    headings: int              # headings (h2-h4) outside chrome


@dataclass(frozen=True)
class BodyShape:
    """What was measured on the body extracted from the page."""

    words: int


@dataclass(frozen=True)
class PageType:
    """The verdict: `kind` is article, listing, product or forum; `reason` says why, for people."""

    kind: str
    reason: str

    @property
    def is_article(self) -> bool:
        return self.kind == "article"


def classify_page(root: etree._Element | None, body: BodyShape) -> PageType:
    """Return whether the parsed page is an article, given the body extracted from it.

    >>> classify_page(parse_html(text), measure_body(article.body_html)).is_article
    """
    if root is None:
        return PageType("article", "nothing to measure")
    return judge(measure_page(root), body)


def judge(shape: PageShape, body: BodyShape) -> PageType:
    """Return the verdict on a measured page.

    The order is the order of trust: a page's own schema.org article type, then what it declares
    otherwise, then a long run of prose (an article's body), then the shape of a list.
    """
    article_types = sorted(shape.declared & ARTICLE_TYPES)
    if article_types:
        return PageType("article", f"declares itself {article_types[0]}")
    if body.words * SLIVER < shape.words and shape.teasers >= SLIVER_TEASERS:
        return PageType("listing", f"the body found is {body.words} of the page's {shape.words} words, "
                                   f"among {shape.teasers} headline links")
    declared = {OTHER_TYPES[t] for t in shape.declared if t in OTHER_TYPES}
    if "product" in declared and shape.longest_run < PRODUCT_PROSE:
        return PageType("product", "declares itself a product, with little prose")
    if shape.longest_run >= ARTICLE_PROSE:
        return PageType("article", f"a run of {shape.longest_run} words of prose")
    if "forum" in declared:
        return PageType("forum", "declares itself a discussion, with little prose")
    if shape.prices + shape.baskets >= SHOP_MARKS:
        return PageType("product", f"{shape.prices} prices and {shape.baskets} basket buttons, little prose")
    if "listing" in declared:
        return PageType("listing", "declares itself a list, with little prose")
    if shape.heading_links >= LIST_HEADINGS and shape.heading_links * 3 >= shape.headings * 2:
        return PageType("listing", f"{shape.heading_links} of its {shape.headings} headings link elsewhere, little prose")
    if shape.cards >= LIST_CARDS:
        return PageType("listing", f"{shape.cards} story cards, little prose")
    return PageType("article", "no evidence against")


def measure_page(root: etree._Element) -> PageShape:
    """Return the page's declared types and shape."""
    body = root.find("body")
    scope = body if body is not None else root
    words = link_words = prose_words = prose_blocks = teasers = 0
    runs: dict[etree._Element, int] = {}
    for element in scope.iter("a", *BLOCK_OF_PROSE, "h1", "h2", "h3", "h4"):
        tag = element.tag
        if tag == "a":
            count = len(WORD.findall(element.text_content()))
            link_words += count
            if count >= TEASER_WORDS or _is_heading_link(element):
                teasers += 1
            continue
        if tag in BLOCK_OF_PROSE and _is_prose(element) and not _in_chrome(element):
            count = len(WORD.findall(element.text_content()))
            prose_words += count
            prose_blocks += 1
            # Keyed by the element, not by id(): lxml makes a new object for the parent on each
            # call and frees it after, so ids are reused and blocks of different parents added up.
            parent = element.getparent()
            runs[parent] = runs.get(parent, 0) + count
    words = len(WORD.findall(" ".join(scope.xpath(".//text()[not(ancestor::script) and not(ancestor::style)]"))))
    headings = [h for h in scope.iter("h2", "h3", "h4") if not _in_chrome(h)]
    return PageShape(declared=frozenset(declared_types(root)), words=words, link_words=link_words,
                     prose_words=prose_words, longest_run=max(runs.values(), default=0),
                     prose_blocks=prose_blocks, teasers=teasers, prices=_count_prices(scope),
                     baskets=_count_baskets(scope),
                     cards=sum(1 for a in scope.iter("article") if not _in_chrome(a)),
                     heading_links=sum(1 for h in headings if _links_whole(h)), headings=len(headings))


def measure_body(body_html: str) -> BodyShape:
    """Return the size of an extracted body."""
    body = lxml.html.fragment_fromstring(body_html, create_parent="div")
    return BodyShape(words=len(WORD.findall(body.text_content())))


def _links_whole(heading: etree._Element) -> bool:
    """True when a heading's text is (mostly) a link: a headline pointing at another page."""
    words = len(WORD.findall(heading.text_content()))
    linked = sum(len(WORD.findall(a.text_content())) for a in heading.iter("a"))
    if heading.getparent() is not None and heading.getparent().tag == "a":
        linked = words
    return words > 0 and linked * 2 >= words


def _is_prose(element: etree._Element) -> bool:
    """True for a block of sentences with few links (not a menu item, not a teaser)."""
    text = element.text_content()
    words = len(WORD.findall(text))
    if words < PROSE_WORDS or not SENTENCE_END.search(text):
        return False
    linked = sum(len(WORD.findall(a.text_content())) for a in element.iter("a"))
    return linked * 3 < words


def _in_chrome(element: etree._Element) -> bool:
    return any(ancestor.tag in CHROME for ancestor in element.iterancestors())


def _is_heading_link(link: etree._Element) -> bool:
    if any(child.tag in ("h2", "h3", "h4") for child in link):
        return True
    parent = link.getparent()
    return parent is not None and parent.tag in ("h2", "h3", "h4")


def _count_prices(scope: etree._Element) -> int:
    marked = scope.xpath("count(.//*[@itemprop='price' or @itemprop='lowPrice' or @data-price])")
    classed = sum(1 for e in scope.xpath(".//*[contains(@class,'price') or contains(@class,'Price')]")
                  if PRICE_CLASS.search(e.get("class", "")) and CURRENCY.search(e.text_content()[:80]))
    return int(marked) + classed


def _count_baskets(scope: etree._Element) -> int:
    count = 0
    for element in scope.iter("form", "button", "a", "input"):
        names = " ".join(filter(None, (element.get("class"), element.get("id"), element.get("name"),
                                       element.get("action"), element.get("data-action"))))
        if names and BASKET.search(names):
            count += 1
    return count


def declared_types(root: etree._Element) -> Iterator[str]:
    """Yield the schema.org types the page declares for itself (top-level JSON-LD nodes and their
    main entity, outermost microdata items) and its og:type, lower case, without the schema prefix."""
    for script in root.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json" or not script.text:
            continue
        try:
            data = json.loads(script.text)
        except (ValueError, RecursionError):  # broken, or nested past the parser's stack: says nothing
            continue
        yield from _json_ld_types(data)
    for item in root.xpath("//*[@itemscope][not(ancestor::*[@itemscope])][@itemtype]"):
        for url in item.get("itemtype", "").split():
            yield url.rstrip("/").rsplit("/", 1)[-1].lower()
    for meta in root.xpath("//meta[@property='og:type' or @name='og:type']"):
        value = (meta.get("content") or "").strip().lower()
        if value:
            yield "og:" + value.removeprefix("og:")


def _json_ld_types(data: object) -> Iterable[str]:
    """Types of the top-level nodes, of the nodes of their `@graph` (one level: a graph is flat),
    and of each one's `mainEntity`."""
    nodes = [n for n in (data if isinstance(data, list) else [data]) if isinstance(n, dict)]
    nodes += [n for node in nodes if isinstance(node.get("@graph"), list) for n in node["@graph"] if isinstance(n, dict)]
    for node in nodes:
        for candidate in (node, node.get("mainEntity")):
            if isinstance(candidate, dict):
                yield from _type_names(candidate.get("@type"))


def _type_names(value: object) -> Iterable[str]:
    values = value if isinstance(value, list) else [value]
    for name in values:
        if isinstance(name, str):
            yield name.rsplit("/", 1)[-1].lower()


def page_type(document: Document, article: Article) -> PageType:
    """Return whether an extracted capture is an article; a text capture always is (no markup to read)."""
    if document.capture.kind is not CaptureKind.HTML:
        return PageType("article", "a text capture")
    try:
        root = parse_html(document.text, document.capture.source)
    except ExtractionError:
        return PageType("article", "too large to measure")
    return classify_page(root, measure_body(article.body_html))
