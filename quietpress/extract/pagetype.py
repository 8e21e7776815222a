"""Whether a captured page is an article, or one of the other pages a site crawl also holds
(section fronts and listings, product pages and product grids, forum threads).

A page is scored on a few general measurements, each a known trait of one kind of page:
- what the page declares: schema.org types in JSON-LD or microdata, and `og:type`;
- what speaks for one story: a publication date in the page's metadata or under its headline,
  a byline, an article schema type, a URL naming the story in words or holding a date, a headline
  of many words, long paragraphs in the extracted body;
- what speaks for a list: headings that are links to other pages, linked pictures (teaser cards),
  an extracted body made of links, a URL under a listing path (/tag/, /category/, /page/2 ...),
  links to a next page (pagination), the same paragraph twice in the extracted body (a teaser's
  summary repeated in two sections of a front page).
The weights are a logistic regression fitted on the `tune` half of wcxb-dev only
(`scripts/bench_pagetype.py --dump` writes the measurements, `scripts/fit_pagetype.py` fits them);
the threshold keeps 99.5% of that half's articles in cross-validation by site, because an article
must never be lost. A page declaring an article type is always an article, and so is a page where
nothing speaks for a list.

Measured and left out, each recognising no more listings at the same articles kept (cross-validated
by site on tune): sibling teasers of one shape (a headline link, with or without a summary), teaser
cards holding a summary paragraph, <article> and <time> elements counted, the share of long
paragraphs in one container, price and cart markup, the count of linked headings. Some articles
carry each of them (related stories, comments, product reviews), and the threshold rests on the few
articles that score highest. Fitting on the pages that declare no article type (the only ones the
scorer sees) recognised more on tune but lost 10 held-out articles instead of 4.
Tried together and reverted: the share of the body's words that are the text of one of the page's
links of five words or more (teaser headlines the extractor unwrapped; no tune article over 14%, a
quarter of tune listings over 20%), og:type website, and an undated page at a one-word URL path
(/news, /shop). Refitted on tune they took tune listings from 64% to 79% and collections from 80%
to 90% at the same articles kept, but held-out listings only from 55% to 57% while held-out
articles kept fell from 98.2% to 96.1% (7 more lost). Their trait on tune was not the web's.
A page counts as paginated only when it links to a page number (a pager's "2", a next link to
`/page/2` or `?page=2`): `rel="next"` alone, or a class named "pager", is on story pages as
often (a theme's link to the next post). Read so, the clue grew stronger in the refit (1.2 to 3.0),
tune listings recognised in cross-validation rose from 57% to 66% at the same articles kept, and
the news pages of htmldate's evaluation (200 pages of other sites, never tuned on for page types)
lost 9 articles instead of 14 (three of the tune half's were short stories with a next-post link).
Also tried on tune and left out: a truncated summary ("...") in the body, words per sentence in
the body, the share of body paragraphs in a small card beside a headline link (listicles are made
of those).
A page declaring itself a CollectionPage or SearchResultsPage (and no article type) is a listing
without scoring: no article of wcxb-dev declares either, and two tune listings that did (recipe
categories) scored as articles. Recognised: tune listings 70% to 74%, held-out collections 70% to
72.5%, no article lost (7 Dec 2026).
Price and cart markup, which as a measurement of its own changed no verdict (every tune product
declares itself), counts as declaring a product when both are there: a control putting something
in a cart and an element named for a price showing a non-zero amount. On tune, 26 of 57 products
and none of 378 articles carry both; with the tune products' declarations hidden, 34 are
recognised instead of 16. Held-out: products 74% to 77%, collections 75% to 82.5% (shops' category
pages), listings 57% to 59%, no article lost (7 Dec 2026). The cart control is known by any of its
attributes (a test hook, an `aria-label`) and by its label in the languages of most shops ("Add to
cart", "In den Warenkorb"): with declarations hidden, tune products recognised 26 to 32 of 57,
held-out 11 to 13 of 35; no verdict of a page as it came changed, nor of an article without its
declarations (8 Dec 2026).
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from typing import Iterable, Iterator
from urllib.parse import urlsplit

import lxml.html
from lxml import etree

from quietpress.errors import ExtractionError
from quietpress.model import Article, CaptureKind, Document
from quietpress.extract.pagedate import byline_date
from quietpress.extract.wordcount import WIDE_SCRIPT
from quietpress.parse import parse_html

# schema.org types (and og:type values, prefixed `og:`) a page declares when it is one story.
# `og:article` is not among them: themes print it on every page of a site, listings included
# (a fifth of wcxb-dev's `tune` listings carry it); it only counts as one clue among others.
ARTICLE_TYPES = frozenset({
    "article", "newsarticle", "blogposting", "reportagenewsarticle", "analysisnewsarticle",
    "opinionnewsarticle", "reviewnewsarticle", "backgroundnewsarticle", "advertisercontentarticle",
    "satiricalarticle", "scholarlyarticle", "techarticle", "report", "liveblogposting", "review",
    "recipe", "howto", "socialmediaposting", "og:video.other", "og:video.episode",
})
# `VideoObject` is not among them: it describes a video the page embeds, and section fronts and
# product pages embed videos as often as stories do.
# Types a page declares when it is something else; each maps to the kind of page it names.
OTHER_TYPES = {
    "product": "product", "productgroup": "product", "offer": "product", "aggregateoffer": "product",
    "individualproduct": "product", "vehicle": "product",
    "og:product": "product", "og:product.item": "product", "og:product.group": "product",
    "itemlist": "listing", "collectionpage": "listing", "searchresultspage": "listing", "offercatalog": "listing",
    "discussionforumposting": "forum", "qapage": "forum", "question": "forum",
}
# Types a page declares for itself only when it is a list of pages (a blog's front page, a category,
# search results: what content management systems mark so). Unlike `ItemList`, which articles
# declare for the list they hold (a listicle, a recipe round-up), no article of wcxb-dev declares
# one of these, in either half.
LISTING_TYPES = frozenset({"collectionpage", "searchresultspage"})
# Where a page keeps what is not its content: a heading there is navigation, not a teaser.
CHROME = {"nav", "header", "footer", "aside", "form", "menu"}
# A word, or one Chinese or Japanese character: those scripts put no spaces between words, and a
# sentence counted as one word would make every such article look like a list of short items.
WORD = re.compile(f"[{WIDE_SCRIPT}]|\\w+", re.UNICODE)
# Path parts under which content management systems and shops file their lists of pages.
LISTING_PATH = re.compile(r"/(tags?|category|categories|topics?|collections?|c|browse|shop|sections?|hub|lists?"
                          r"|search|archives?|page|genre|subjects?|catalog)(/|$)", re.I)
DATED_PATH = re.compile(r"/(19|20)\d\d/\d{1,2}/|(19|20)\d\d[-/]?[01]\d[-/]?[0-3]\d")
TITLE_PARTS = re.compile(r"\s[|\-–—:·•]\s")
# A list of pages links to its next page: `rel="next"`, or a pager under the class names themes use.
PAGER_CLASS = re.compile(r"pagination|pager|page-numbers")
CLASS_VALUES = etree.XPath("//@class", smart_strings=False)
REL_VALUES = etree.XPath("//@rel", smart_strings=False)
NEXT_HREFS = etree.XPath("//@rel/parent::*[contains(concat(' ', translate(@rel, 'NEXT', 'next'), ' '), ' next ')]/@href",
                         smart_strings=False)
PAGER_LINKS = etree.XPath("//@class/parent::*[contains(@class, 'pagination') or contains(@class, 'pager')"
                          " or contains(@class, 'page-numbers')]/descendant-or-self::a[@href]")
# A shop's buying controls, as shop systems name them in markup (a form's action, a button's name,
# id, class, test hook or label): `/cart/add`, `add-to-cart`, `addToBag`, `basket-add`.
CART_CONTROL = re.compile(r"add[-_ ]?to[-_ ]?(?:cart|bag|basket|trolley)|add[-_]?cart|(?:cart|basket)[-_/]add", re.I)
# ... and as a shopper reads them on the button, in the languages of most shops.
CART_LABEL = re.compile(r"^(?:add to (?:cart|bag|basket|trolley)|in den (?:warenkorb|einkaufswagen)|ajouter au panier"
                        r"|a[ñn]adir al (?:carrito|cesta)|aggiungi al carrello|in (?:de )?winkelwagen"
                        r"|adicionar ao carrinho|l[äa]gg i (?:varukorgen|kundvagnen)|dodaj do koszyka)\b", re.I)
CART_CONTROLS = etree.XPath("//form[@action] | //button | //input")
# A cart control's label is a few words; longer, it is a sentence (a link to a story).
CART_LABEL_TEXT = 30
# An element named for a price whose whole text is an amount of money: "$19.99", "19,99 €", "CHF 45"
# (a label beside the amount sits in an element of its own, or the element is prose).
PRICED = etree.XPath("//@class[contains(translate(., 'PRICE', 'price'), 'price')]/parent::*")
CURRENCY = r"(?:[$€£¥₹₩₽₺₪₫฿₴₦]|[A-Z]{0,2}\$|USD|EUR|GBP|CHF|CAD|AUD|JPY|INR|kr|zł|Kč|Ft|lei|R)"
MONEY = re.compile(rf"(?:{CURRENCY}\s?\d[\d.,'\s]*|\d[\d.,'\s]*\s?{CURRENCY}\.?)", re.U)
# A price's element holds the amount alone; a longer text naming one is a line of prose.
PRICE_TEXT = 40
# The address of a list's second (third ...) page, as content management systems write it.
PAGE_NUMBER_HREF = re.compile(r"(?:/page/?|/p/|[?&;](?:page|paged|pg|p|start|offset|from|pagenum|pagina|seite)=|"
                              r"[-_/]page[-_]?)\d+(?:[/?#&.]|$)", re.I)
# A pager's numbered links go to page 2, 3 ...; a larger number in a pager is a count or a year.
MAX_PAGE_NUMBER = 999
PUBLISHED = ("//meta[@property='article:published_time' or @name='article:published_time'"
             " or @itemprop='datePublished']")
# A headline longer than this counts as this long: past it, length says nothing more.
HEADLINE_CAP = 20
# A paragraph of at least this many words is a paragraph of an article, not a teaser's summary.
LONG_PARAGRAPH = 40
# The last part of a URL made of at least this many words (`some-words-of-the-headline`) names one story.
SLUG_WORDS = 4
# A paragraph of at least this many words said twice in a body is a repeated teaser, not a refrain.
REPEATED_PARAGRAPH = 10

# The scorer: the sum of each measurement times its weight, plus BIAS, is the log-odds that the
# page is NOT an article; a page is one when the sum stays at or under THRESHOLD.
BIAS = 2.246
WEIGHTS = {
    "declares a product": 3.600,            # 0 or 1
    "declares a discussion": 4.875,         # 0 or 1
    "article clues": -0.495,                # 0..6, see `article_clues`
    "headline length": -3.169,              # words of the h1 or the title, the longer, / 20, at most 1
    "long paragraphs": -0.685,              # log(1 + paragraphs of 40 words or more in the body)
    "body size": -0.427,                    # log(1 + words of the body)
    "links in the body": 1.829,             # share of the body's words inside links
    "headings that link": 1.102,            # share of headings (h2-h4, outside chrome) that are links
    "linked pictures": 0.266,               # log(1 + pictures inside links)
    "listing path": 1.096,                  # 0 or 1: the URL is under /tag/, /category/, /page/ ...
    "pagination": 2.957,                    # 0 or 1: the page links to its next page
    "repeated paragraph": 1.833,            # 0 or 1: a paragraph of the body is said twice
}
THRESHOLD = -0.40


@dataclass(frozen=True)
class PageShape:
    """What was measured on the whole page."""

    declared: frozenset[str]   # schema.org types and og:type, lower case
    dated: bool                # a publication date in the page's metadata or JSON-LD, or under its headline
    headline_words: int        # words of the first h1 (0 when there is none)
    headings: int              # headings (h2-h4) outside chrome
    heading_links: int         # of which the text is a link
    linked_pictures: int       # <img> inside <a>: teaser cards, product tiles
    paginated: bool = False    # links to a next page
    sells: bool = False        # a shop's add-to-cart control and a shown price


@dataclass(frozen=True)
class BodyShape:
    """What was measured on the body extracted from the page and the article's metadata."""

    words: int
    link_words: int = 0
    long_paragraphs: int = 0
    bylined: bool = False      # the article names an author
    url: str = ""
    title_words: int = 0       # words of the longest part of the title (site names are cut off)
    repeated_paragraphs: int = 0  # paragraphs whose text an earlier paragraph of the body already said


@dataclass(frozen=True)
class PageType:
    """The verdict: `kind` is article, listing, product or forum; `reason` says why, for people."""

    kind: str
    reason: str

    @property
    def is_article(self) -> bool:
        return self.kind == "article"


def classify_page(root: etree._Element | None, body: BodyShape) -> PageType:
    """Return whether the parsed page is an article, given what was measured on its extracted body.

    >>> classify_page(parse_html(text), measure_body(article.body_html, article)).is_article
    """
    if root is None:
        return PageType("article", "nothing to measure")
    return judge(measure_page(root), body)


def judge(page: PageShape, body: BodyShape) -> PageType:
    """Return the verdict on a measured page: its own article type first, then the scorer."""
    article_types = sorted(page.declared & ARTICLE_TYPES)
    if article_types:
        return PageType("article", f"declares itself {article_types[0]}")
    listing_types = sorted(page.declared & LISTING_TYPES)
    if listing_types:
        return PageType("listing", f"declares itself {listing_types[0]}")
    values = measurements(page, body)
    if not any(values[name] for name, weight in WEIGHTS.items() if weight > 0):
        # Nothing speaks for a list (no linked heading or picture, no links in the body, no listing
        # path, no product or discussion type): a short page about which little is known stays.
        return PageType("article", "no evidence against")
    score = not_article_score(page, body)
    if score <= THRESHOLD:
        return PageType("article", f"scores {score:.1f} (not an article above {THRESHOLD})")
    declared = {OTHER_TYPES[t] for t in _other_types(page.declared)}
    kind = "forum" if "forum" in declared else "product" if "product" in declared or page.sells else "listing"
    return PageType(kind, f"scores {score:.1f}: {article_clues(page, body)} clues of an article, "
                          f"a headline of {max(page.headline_words, body.title_words)} words, "
                          f"{page.heading_links} of {page.headings} headings link elsewhere, "
                          f"{body.long_paragraphs} long paragraphs in {body.words} words")


def not_article_score(page: PageShape, body: BodyShape) -> float:
    """Return the log-odds that the page is not an article."""
    values = measurements(page, body)
    return BIAS + sum(WEIGHTS[name] * values[name] for name in WEIGHTS)


def measurements(page: PageShape, body: BodyShape) -> dict[str, float]:
    """Return the scorer's inputs, named as in WEIGHTS."""
    declared = {OTHER_TYPES[t] for t in _other_types(page.declared)}
    # Some sites put their name in the h1 of every page, others leave the headline out of the title.
    headline = max(page.headline_words, body.title_words)
    return {
        "declares a product": float("product" in declared or page.sells),
        "declares a discussion": float("forum" in declared),
        "article clues": float(article_clues(page, body)),
        "headline length": min(headline, HEADLINE_CAP) / HEADLINE_CAP,
        "long paragraphs": math.log1p(body.long_paragraphs),
        "body size": math.log1p(body.words),
        "links in the body": min(body.link_words / body.words, 1.0) if body.words else 0.0,
        "headings that link": page.heading_links / page.headings if page.headings else 0.0,
        "linked pictures": math.log1p(page.linked_pictures),
        "listing path": float(bool(LISTING_PATH.search(_path(body.url)))),
        "pagination": float(page.paginated),
        "repeated paragraph": float(body.repeated_paragraphs > 0),
    }


def article_clues(page: PageShape, body: BodyShape) -> int:
    """Count what only one story carries: an article type, og:type article, a publication date,
    a byline, a URL naming the story in words, a URL holding a date."""
    path = _path(body.url)
    slug_words = max((len(re.split(r"[-_]", part)) for part in path.split("/") if part), default=0)
    return sum((bool(page.declared & ARTICLE_TYPES), "og:article" in page.declared, page.dated, body.bylined,
                slug_words >= SLUG_WORDS, bool(DATED_PATH.search(path))))


def _path(url: str) -> str:
    try:
        return urlsplit(url).path if url else ""
    except ValueError:  # a malformed URL names no path
        return ""


def _other_types(declared: frozenset[str]) -> Iterator[str]:
    """Declared types that name another kind of page. A FAQ page lists its questions as
    `Question` nodes: those make no forum thread."""
    for name in declared:
        if name in OTHER_TYPES and not (name == "question" and "faqpage" in declared):
            yield name


def measure_page(root: etree._Element) -> PageShape:
    """Return the page's declared types and shape."""
    body = root.find("body")
    scope = body if body is not None else root
    first_h1 = next(scope.iter("h1"), None)
    headings = [h for h in scope.iter("h2", "h3", "h4") if not _in_chrome(h)]
    headline = _titled_heading(root, headings) if first_h1 is None else None
    return PageShape(declared=frozenset(declared_types(root)), dated=_is_dated(root) or byline_date(root, headline) is not None,
                     headline_words=_words(first_h1) if first_h1 is not None else 0,
                     headings=len(headings), heading_links=sum(1 for h in headings if _is_link(h)),
                     linked_pictures=int(scope.xpath("count(.//a//img)")), paginated=_is_paginated(root),
                     sells=_sells(root))


def measure_body(body_html: str, article: Article | None = None) -> BodyShape:
    """Return the measurements of an extracted body and of the article's metadata."""
    body = lxml.html.fragment_fromstring(body_html, create_parent="div")
    texts = [p.text_content() for p in body.iter("p")]
    paragraphs = [len(WORD.findall(text)) for text in texts]
    said = [" ".join(text.split()) for text, n in zip(texts, paragraphs) if n >= REPEATED_PARAGRAPH]
    title = article.title if article else ""
    return BodyShape(words=_words(body), link_words=sum(_words(a) for a in body.iter("a")),
                     long_paragraphs=sum(1 for n in paragraphs if n >= LONG_PARAGRAPH),
                     repeated_paragraphs=len(said) - len(set(said)),
                     bylined=bool(article and article.authors), url=(article.source_url or "") if article else "",
                     title_words=max((len(WORD.findall(part)) for part in TITLE_PARTS.split(title)), default=0))


def _titled_heading(root: etree._Element, headings: list[etree._Element]) -> str | None:
    """The text of the first heading the page's <title> repeats, on a page with no <h1>: a blog of
    the 2000s set its post's title in an <h2> and in the <title> after the blog's name."""
    title = " ".join((root.findtext(".//title") or "").split())
    for heading in headings:
        text = " ".join(heading.text_content().split())
        if len(text.split()) >= 3 and text in title and not _is_link(heading):
            return text
    return None


def _words(element: etree._Element) -> int:
    return len(WORD.findall(element.text_content()))


def _is_link(heading: etree._Element) -> bool:
    """True when a heading's text is (mostly) a link, or the heading sits in one (a teaser card)."""
    if any(ancestor.tag == "a" for ancestor in heading.iterancestors()):
        return True
    words = _words(heading)
    return words > 0 and sum(_words(a) for a in heading.iter("a")) * 2 >= words


def _is_paginated(root: etree._Element) -> bool:
    """True when the page links to its own next page: a pager's numbered link, or a "next" link to
    a page number. A link to the next story (`rel="next"` on a post's navigation, a "pager" of
    previous and next posts) is no pager: story pages carry those as often as lists do."""
    # The class and rel values are searched as one string first, one regex call a page (a pager
    # name holds no line break, so no match spans two values), read as plain strings: lxml's
    # "smart" strings, which know their element, cost more to make than the search itself.
    pager_class = PAGER_CLASS.search("\n".join(CLASS_VALUES(root))) is not None
    next_link = any("next" in value.lower().split() for value in REL_VALUES(root))
    if next_link and any(PAGE_NUMBER_HREF.search(href) for href in NEXT_HREFS(root)):
        return True
    return pager_class and any(_page_number_link(link) for link in PAGER_LINKS(root))


def _sells(root: etree._Element) -> bool:
    """True when the page offers something to buy: a control that puts it in a cart, and its price.

    Either alone is on articles too (a shop's blog post beside a cart drawer, a review naming
    prices); on wcxb-dev's tune half both together are on 26 of 57 product pages and on none of
    its 378 articles. Counted as a product declaration, for the product pages that declare none."""
    if not any(_cart_control(control) for control in CART_CONTROLS(root)):
        return False
    return any(_is_amount(element) for element in PRICED(root))


def _cart_control(control: etree._Element) -> bool:
    if any(CART_CONTROL.search(value) for value in control.attrib.values()):
        return True
    label = " ".join(((control.get("value") if control.tag == "input" else control.text_content()) or "").split())
    # A label is a few words ("Add to cart - $89"); a sentence opening so is a link to a story.
    return len(label) <= CART_LABEL_TEXT and CART_LABEL.match(label) is not None


def _is_amount(element: etree._Element) -> bool:
    text = " ".join(element.text_content().split())
    # "$0.00" is an empty cart's subtotal, which a shop's every page shows, its blog's too.
    return 0 < len(text) <= PRICE_TEXT and MONEY.fullmatch(text) is not None and any(c in "123456789" for c in text)


def _page_number_link(link: etree._Element) -> bool:
    text = " ".join((link.text_content() or "").split())
    return (text.isdigit() and 2 <= int(text) <= MAX_PAGE_NUMBER) or bool(PAGE_NUMBER_HREF.search(link.get("href") or ""))


def _in_chrome(element: etree._Element) -> bool:
    return any(ancestor.tag in CHROME for ancestor in element.iterancestors())


def _is_dated(root: etree._Element) -> bool:
    """True when the page's metadata gives a publication date (meta tags, microdata or JSON-LD)."""
    if root.xpath(PUBLISHED):
        return True
    return any("datePublished" in (script.text or "") for script in _json_ld_scripts(root))


def _json_ld_scripts(root: etree._Element) -> Iterator[etree._Element]:
    for script in root.iter("script"):
        if (script.get("type") or "").strip().lower() == "application/ld+json" and script.text:
            yield script


# Microdata items reached through their itemscope attribute, not by testing every element for it.
OUTERMOST_ITEMS = etree.XPath("//@itemscope/parent::*[not(ancestor::*[@itemscope])][@itemtype]")


def declared_types(root: etree._Element) -> Iterator[str]:
    """Yield the schema.org types the page declares for itself (top-level JSON-LD nodes and their
    main entity, outermost microdata items) and its og:type, lower case, without the schema prefix."""
    for script in _json_ld_scripts(root):
        try:
            data = json.loads(script.text)
        except (ValueError, RecursionError):  # broken, or nested past the parser's stack: says nothing
            continue
        yield from _json_ld_types(data)
    for item in OUTERMOST_ITEMS(root):
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
    """Return whether an extracted capture is an article; a text capture always is (no markup to read).

    The page's shape comes with the article (measured before extraction pruned the tree); an
    article made elsewhere is measured on a fresh parse."""
    if document.capture.kind is not CaptureKind.HTML:
        return PageType("article", "a text capture")
    body = measure_body(article.body_html, article)
    if article.page_shape is not None:
        return judge(article.page_shape, body)
    try:
        root = parse_html(document.text, document.capture.source)
    except ExtractionError:
        return PageType("article", "too large to measure")
    return classify_page(root, body)
