"""Article metadata from every source a page offers, in order of trust.

JSON-LD (NewsArticle/Article, also inside @graph) > Open Graph and article:* meta > Dublin Core and
other meta > visible byline and <time> > breadcrumbs > the URL.
"""

from __future__ import annotations

import copy
import difflib
import functools
import itertools
import html
import json
import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Iterator
from urllib.parse import unquote, urljoin, urlsplit, urlunsplit

import lxml.html
from lxml import etree

from quietpress.extract.authorbox import author_boxes
from quietpress.extract.authors import AGENCIES, BETWEEN_NAMES, ROLE_WORDS, SEVERAL_NAMES, Credits, credits_from, split_authors  # noqa: F401 (re-exported)
from quietpress.extract.byline import LABEL_ALONE, headline_byline, labelled_bylines, signed_off_names
from quietpress.extract.headline import headline_element, shown_headline
from quietpress.extract.language import language_code
from quietpress.extract.publication import TITLE_SEPARATOR, copyright_holder, logo_alt, publication_name, title_suffix
from quietpress.extract.pagedate import DateEvidence, is_machine_date, publication_date, url_date
from quietpress.extract.replay import replay_of
from quietpress.parse import string_value

ARTICLE_TYPES = {"newsarticle", "article", "blogposting", "reportagenewsarticle", "analysisnewsarticle",
                 "opinionnewsarticle", "reviewnewsarticle", "backgroundnewsarticle", "liveblogposting",
                 "scholarlyarticle", "techarticle", "report", "webpage"}
TRACKING_PARAMS = re.compile(r"^(utm_.*|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|igshid|_ga|_hs.*|ref_src|cmpid|ocid|smid|sr_share|ns_.*|at_.*|__twitter_impression|xtor|ito|yclid|wt_mc|wt_zmc)$", re.I)
# A clock written with one-digit parts ("T9:05:0Z"), which fromisoformat refuses though the stamp is clear.
SHORT_CLOCK_PART = re.compile(r"(?<=[T:])(\d)(?=[:.Z+-]|$)")
# Author boxes under the article; a box longer than this is more than a biography (a list of posts).
AUTHOR_BIO_CLASS = re.compile(r"author[-_]*(?:bio|description)|about[-_]the[-_]author|about[-_]author", re.I)
MAX_AUTHOR_BIO = 500
# A link to the home page: a path of "/" (or an index file) and no query, relative or absolute.
HOME_HREF = re.compile(r"^\s*(?:https?://[^/?#]+)?/?(?:index\.\w+)?\s*$", re.I)
HOME_CRUMBS = {"home", "start", "inicio", "início", "accueil", "startseite", "home page", "homepage", "главная"}
MICRODATA_PROPS = {"headline", "datePublished", "dateModified", "articleSection", "image", "description"}


@dataclass(frozen=True)
class Metadata:
    title: str | None = None
    authors: tuple[str, ...] = ()
    date: str | None = None
    modified: str | None = None
    category: str | None = None
    tags: tuple[str, ...] = ()
    summary: str | None = None
    site: str | None = None
    url: str | None = None
    image: str | None = None
    lang: str | None = None
    # The article's text as JSON-LD gives it (`articleBody`), kept as a fallback for pages whose
    # body is rendered by scripts and so absent from the markup.
    text: str | None = None
    author_bio: str | None = None
    agency: str | None = None
    # For a page replayed from a web archive: the archive's address of it, and when it was captured.
    archived: str | None = None
    captured: str | None = None
    # The address the page's relative links resolve against when its <base href> names one.
    base: str | None = None


def extract_metadata(root: etree._Element, page_url: str | None = None) -> Metadata:
    """Return the page's metadata, each field from the most trusted source that has it."""
    ld = _first_article_ld(root)
    meta = _meta_tags(root)
    micro = _microdata(root)
    address = clean_url(_first(_ld_url(ld), _link_canonical(root), meta.get("og:url"), page_url), page_url)
    # A page replayed from a web archive: its own address is the original one (replay.py).
    replay = replay_of(address) or replay_of(page_url)
    url = clean_url(replay.original) if replay and replay.address == address else address
    base = _base_href(root, page_url or address)
    logo = logo_alt(root) or _masthead(root)
    suffix = title_suffix(_first_text(root, "//title"), (logo, _first_image_alt(root)), _first_text(root, "//h1"))
    site = publication_name([meta.get("og:site_name"), _ld_name(ld.get("publisher")), suffix, logo,
                             meta.get("application-name"), meta.get("dc.publisher")], url, shown=suffix)
    if site is None or site.islower() and " " not in site:
        # Nothing names the site, or only its address does ("hawaiinewsnow.com"): the copyright line
        # (older pages name it nowhere else) spells it out as words ("Hawaii News Now").
        site = publication_name([site, copyright_holder(root, url)], url)
    # A JSON-LD `name` ranks below og:title: on the WebPage node that stands for an article where no
    # Article node does, it is the document's <title>, the site's name and search wording with it.
    title = _declared_title([_text(ld.get("headline")), meta.get("og:title"), _text(ld.get("name")), meta.get("twitter:title"),
                             meta.get("dc.title"), meta.get("dcterms.title"), micro.get("headline")], root)
    headline = _visible_part(_without_section(strip_site_suffix(title, site), root), root, site)
    # Sources in order of trust, each read only when the ones before named nobody (the byline
    # search of the page costs a copy of its tree). Both byline searches find nothing where no
    # element has byline markup (has_byline_markup), which is looked for once.
    byline_markup = functools.cache(lambda: has_byline_markup(root))
    byline_sources = (
        lambda: _ld_author_names(ld.get("author")),
        lambda: ARTICLE_AUTHOR_TAGS(root),
        lambda: _citation_authors(root),
        lambda: [meta.get("author") or meta.get("dc.creator") or meta.get("dcterms.creator")
                 or meta.get("byl") or meta.get("parsely-author") or meta.get("sailthru.author") or ""],
        lambda: _library_byline(root) if byline_markup() else [],
        lambda: _visible_bylines(root) if byline_markup() else [],
        lambda: labelled_bylines(root),
        lambda: signed_off_names(root),
        lambda: _labelled_author(meta),
        lambda: _author_page_links(root),
        lambda: _author_card_portrait(root),
        lambda: _portrait_with_bio(root),
        lambda: _data_layer_author(root))
    credits = credits_from((source() for source in byline_sources), site, url, lambda: TOPIC_LINK_TEXTS(root))
    credits = _as_credited_under_headline(credits, root, headline, site, url)
    published = [ld.get("datePublished"), meta.get("article:published_time"), meta.get("og:published_time"),
                 meta.get("dc.date"), meta.get("dcterms.created"), meta.get("dcterms.date"), meta.get("datepublished"),
                 meta.get("date"), micro.get("datePublished"), meta.get("pubdate"), meta.get("publishdate"),
                 meta.get("sailthru.date")]
    date = publication_date(root, DateEvidence(
        machine=_first(*(_date(v) for v in published if is_machine_date(_padded_clock(_text(v) or "")))),
        time_element=_date(_first_attr(root, "//time[@datetime]", "datetime")),
        written=_first(*(_date(v) for v in published)),
        url=url_date(url)), url, headline)
    modified = _first(_date(ld.get("dateModified")), _date(meta.get("article:modified_time")),
                      _date(meta.get("og:updated_time")), _date(meta.get("dcterms.modified")),
                      _date(meta.get("datemodified")), _date(micro.get("dateModified")), _date(meta.get("last-modified")))
    category = _first_item(_first(_text(ld.get("articleSection")), meta.get("article:section"),
                                  meta.get("parsely-section"), meta.get("section"), micro.get("articleSection"))) \
        or _breadcrumb(root, strip_site_suffix(title, site))
    tags = _keywords(ld.get("keywords")) or _article_tags(root) or _keywords(meta.get("news_keywords")) or _keywords(meta.get("keywords"))
    summary = _first(_text(ld.get("description")), meta.get("og:description"), meta.get("description"),
                     meta.get("twitter:description"), micro.get("description"))
    image = _first(_ld_image(ld.get("image")), meta.get("og:image"), meta.get("twitter:image"), micro.get("image"))
    lang = _first(root.get("lang"), meta.get("og:locale"), _text(ld.get("inLanguage")), meta.get("content-language"))
    return Metadata(
        title=headline,
        authors=credits.authors,
        agency=credits.agency,
        date=date,
        modified=modified if modified and modified != date and (not date or modified[:10] >= date[:10]) else None,
        category=category,
        tags=tuple(tags),
        summary=summary,
        site=site,
        url=url,
        archived=replay.address if replay else None,
        captured=replay.captured if replay else None,
        base=base,
        image=absolute_url(image, base or address) if image else None,
        lang=language_code(lang),
        text=ld.get("articleBody") if isinstance(ld.get("articleBody"), str) else None,
        author_bio=_author_bio(ld.get("author"), root, credits.authors),
    )


# --- JSON-LD -------------------------------------------------------------------------------------

def _first_article_ld(root: etree._Element) -> dict[str, Any]:
    """Return the page's article node from JSON-LD, its @id references (author, publisher) resolved."""
    candidates: list[dict[str, Any]] = []
    for script in root.iterfind(".//script"):
        if "ld+json" not in (script.get("type") or "").lower():
            continue
        try:
            data = json.loads((script.text or "").strip().rstrip(";"), strict=False)
        except (ValueError, RecursionError):  # a block nested 100,000 deep lost the whole article
            continue
        candidates.extend(_ld_nodes(data))
    by_id = {node["@id"]: node for node in candidates if isinstance(node.get("@id"), str) and len(node) > 1}
    for wanted in (ARTICLE_TYPES - {"webpage"}, {"webpage"}):
        for node in candidates:
            if _types(node) & wanted:
                return {key: _resolve(value, by_id) for key, value in node.items()}
    return {}


def _resolve(value: Any, by_id: dict[str, dict[str, Any]]) -> Any:
    """Return a value with `{"@id": ...}` references replaced by the nodes they name (Yoast's @graph)."""
    if isinstance(value, list):
        return [_resolve(item, by_id) for item in value]
    if isinstance(value, dict) and set(value) <= {"@id", "@type"} and value.get("@id") in by_id:
        return by_id[value["@id"]]
    return value


def _ld_nodes(data: Any) -> Iterator[dict[str, Any]]:
    if isinstance(data, list):
        for item in data:
            yield from _ld_nodes(item)
    elif isinstance(data, dict):
        yield data
        if "@graph" in data:
            yield from _ld_nodes(data["@graph"])
        if isinstance(data.get("mainEntity"), dict):
            yield from _ld_nodes(data["mainEntity"])


def _types(node: dict[str, Any]) -> set[str]:
    kind = node.get("@type", [])
    kinds = kind if isinstance(kind, list) else [kind]
    return {str(k).lower() for k in kinds}


def _ld_url(ld: dict[str, Any]) -> str | None:
    main = ld.get("mainEntityOfPage")
    if isinstance(main, dict):
        main = main.get("@id") or main.get("url")
    return _first(_text(ld.get("url")), main if isinstance(main, str) else None)


def _ld_name(value: Any) -> str | None:
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        return _text(value.get("name"))
    return _text(value)


def _ld_image(value: Any) -> str | None:
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        return _text(value.get("url") or value.get("contentUrl"))
    return _text(value)


def _ld_author_names(value: Any) -> list[str]:
    """Return the names JSON-LD gives as authors: people first, then organisations.

    An organisation naming several ("Morgan & Morgan") is left out: split like a byline, its parts
    would be people. One shaped like a single name is kept (pages mark their writer so too).
    """
    people = value if isinstance(value, list) else [value]
    names, organisations = [], []
    for person in people:
        if isinstance(person, dict):
            name = _text(person.get("name"))
            if name:
                (organisations if "organization" in _types(person) else names).append(name)
        elif isinstance(person, str):
            names.append(person)
    return names + [name for name in organisations if name.casefold() in AGENCIES or not SEVERAL_NAMES.search(name)]


def _as_credited_under_headline(credits: Credits, root: etree._Element, headline: str | None,
                                site: str | None, url: str | None) -> Credits:
    """Return the people the byline under the headline credits where they are not the ones found.

    The author a page declares (JSON-LD, meta) is the account that filed the story in the CMS as
    often as its writer: an editor posting a columnist's piece, the organisation's own account. The
    byline under the headline is what the publication tells its readers; where it names other
    people, they wrote it.
    """
    if not credits.authors:
        return credits  # the visible bylines were searched already, the one under the headline first
    heading = headline_element(root, headline)
    credited = headline_byline(heading) if heading is not None else None
    shown = credits_from([[credited]], site, url).authors if credited else ()
    if shown and not _surnames(shown) & _surnames(credits.authors):
        return Credits(shown, credits.agency)
    # The metadata names the first writer only where the byline credits several ("By Tariq Malik,
    # Mike Wall" under a JSON-LD author of one): the byline is the whole credit.
    if len(shown) > len(credits.authors) and _surnames(credits.authors) <= _surnames(shown):
        return Credits(shown, credits.agency)
    return credits


def _surnames(names: tuple[str, ...]) -> set[str]:
    return {name.split()[-1].casefold() for name in names if name.split()}


def _library_byline(root: etree._Element) -> list[str]:
    """Return the visible byline trafilatura's author search finds (its list of byline markup is
    longer than ours and measured better on the tuning part of `make bench-meta`), as the page writes
    it: its own clean-up splits a job title holding "and" into names ("Paul Frew, Home and Digital
    Security Expert") before ours can see the title."""
    from trafilatura.metadata import AUTHOR_DISCARD_XPATHS, AUTHOR_XPATHS, extract_metainfo, prune_unwanted_nodes

    # Its XPaths match any element whose id or class names an author, among them a <style> or
    # <script> of a byline plugin ("co-authors-plus-...-css"), whose code it then reads as a name;
    # such elements are set aside during the search and put back where they were (in document
    # order, so that each index is right again).
    code = [(element.getparent(), element.getparent().index(element), element) for element in CODE_ELEMENTS(root)
            if BYLINE_WORDS.search(f"{element.get('id', '')} {element.get('class', '')}")]
    for parent, _, element in code:
        parent.remove(element)
    try:
        found = extract_metainfo(_line_breaks_as_bars(prune_unwanted_nodes(copy.deepcopy(root), AUTHOR_DISCARD_XPATHS)),
                                 AUTHOR_XPATHS, len_limit=120)
    except (ValueError, TypeError, RecursionError):
        found = None
    finally:
        for parent, index, element in code:
            parent.insert(index, element)
    # A byline in lower case is the page's style ("annette thurmon"), as one in capitals is.
    return [found.title() if found.islower() else found] if found else []


def _line_breaks_as_bars(tree: etree._Element) -> etree._Element:
    """Mark the line breaks of the page's text with a bar, in place: a byline block's lines ("By Linda
    Moore" <br> "Sentinel Education Writer") run together read as one longer name. A break after
    a label alone ("By" <br> "Linda Moore") is left as it is."""
    for br in tree.iter("br"):
        if not LABEL_ALONE.match(_line_before(br)):
            br.tail = " | " + (br.tail or "")
    return tree


def _line_before(br: etree._Element) -> str:
    parts = []
    for sibling in br.itersiblings(preceding=True):
        if sibling.tag == "br":
            break
        parts.append(f"{string_value(sibling) if isinstance(sibling.tag, str) else ''}{sibling.tail or ''}")
    else:
        parts.append(br.getparent().text or "")
    return " ".join("".join(reversed(parts)).split())


# Every element trafilatura's author XPaths (AUTHOR_XPATHS, as of trafilatura 2.3) can match is an
# <author>, has a <rel> child, or has one of these words in an attribute they test: a page without
# any of them skips the search.
CODE_ELEMENTS = etree.XPath("//style[@id or @class] | //script[@id or @class]")
BYLINE_ELEMENTS = etree.XPath("boolean(//author | //rel)")
BYLINE_ATTRIBUTES = etree.XPath("//@class | //@id | //@rel | //@itemprop | //@data-testid | //@data-component",
                                smart_strings=False)
BYLINE_WORDS = re.compile("uthor|yline|byl|BBL|username|screenname|writer|zuozhe|bianji|xiaobian|channel-name"
                          "|submitted-by|posted-by|journalist-name")


def has_byline_markup(root: etree._Element) -> bool:
    """Return whether any element could be one trafilatura's author search looks at."""
    return bool(BYLINE_ELEMENTS(root)) or BYLINE_WORDS.search("\n".join(BYLINE_ATTRIBUTES(root))) is not None


# --- meta tags -----------------------------------------------------------------------------------

def _meta_tags(root: etree._Element) -> dict[str, str]:
    found: dict[str, str] = {}
    for meta in root.iterfind(".//meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or meta.get("http-equiv") or "").strip().lower()
        value = _unescape((meta.get("content") or "").strip())
        if key and value:
            found.setdefault(key, value)
    return found


def _article_tags(root: etree._Element) -> list[str]:
    """Return the page's article:tag values. Open Graph gives one tag per <meta>, so when there are
    several each is one tag, commas and all ("Edwards, John Bel (1966- )" is one person); a lone
    one is often a whole comma-separated list."""
    values = [
        _unescape((meta.get("content") or "").strip())
        for meta in root.iterfind(".//meta")
        if (meta.get("property") or meta.get("name") or "").strip().lower() == "article:tag"
    ]
    values = [v for v in values if v]
    return _keywords(values[0]) if len(values) == 1 else _keywords(values)


# Elements found by their attribute (`//@class[...]/..`), not by testing every element for it
# (`//*[contains(@class, ...)]`): the same elements in document order, in two thirds of the time,
# as an element without the attribute is never visited.
AUTHOR_CLASSED = etree.XPath('//@class[contains(., "author")]/..')
MICRODATA_ELEMENTS = etree.XPath("//@itemprop/..")


def _author_bio(ld_author: Any, root: etree._Element, authors: tuple[str, ...]) -> str | None:
    """Return the author's short biography: JSON-LD Person description, else the page's author box
    (named so, or holding a byline author's name linked to their page)."""
    people = ld_author if isinstance(ld_author, list) else [ld_author]
    for person in people:
        if isinstance(person, dict) and "organization" not in _types(person):
            bio = _markup_free(_text(person.get("description")))
            if bio:
                return bio
    for box in AUTHOR_CLASSED(root):
        if not AUTHOR_BIO_CLASS.search(box.get("class") or ""):
            continue
        paragraphs = [_squash(p.text_content()) for p in box.iter("p")] or [_squash(box.text_content())]
        bio = " ".join(p for p in paragraphs if p)
        if 20 <= len(bio) <= MAX_AUTHOR_BIO:
            return bio
    surnames = {author.split()[-1].casefold() for author in authors}
    for box in author_boxes(root) if surnames else ():
        # The box's size is bounded already (authorbox.py): its description is all about the writer.
        if surnames & set(re.findall(r"[\w'-]+", box.name.casefold())) and len(box.bio) >= 20:
            return box.bio
    return None


def _markup_free(text: str | None) -> str | None:
    """Return a JSON-LD text without the HTML some sites write into it ("<p>Jane covers...</p>")."""
    if not text or "<" not in text:
        return text
    try:
        return _squash(lxml.html.fragment_fromstring(text, create_parent="div").text_content()) or None
    except (etree.ParserError, ValueError):
        return text


def _microdata(root: etree._Element) -> dict[str, str]:
    """Return the first value of each schema.org microdata property (content, datetime or text)."""
    found: dict[str, str] = {}
    for element in MICRODATA_ELEMENTS(root):
        prop = element.get("itemprop")
        if prop in found or prop not in MICRODATA_PROPS:
            continue
        value = (element.get("content") or element.get("datetime") or element.get("src")
                 or (element.get("href") if element.tag == "link" else None) or _squash(element.text_content()))
        if value:
            found[prop] = value
    return found


def _link_canonical(root: etree._Element) -> str | None:
    for link in root.iterfind(".//link"):
        if "canonical" in (link.get("rel") or "").lower().split():
            return link.get("href")
    return None


def _visible_bylines(root: etree._Element) -> list[str]:
    # Each expression matches only elements has_byline_markup finds ("uthor", "yline" in @rel,
    # @itemprop, @class): callers skip this where it finds none.
    for expr in ('//*[@rel="author"]', '//*[@itemprop="author"]//*[@itemprop="name"]', '//*[@itemprop="author"]',
                 '//*[contains(@class, "byline")]', '//*[contains(@class, "author-name")]'):
        texts = [_squash(el.text_content()) for el in root.xpath(expr)]
        texts = [t for t in texts if t and len(t) < 120]
        if texts:
            return list(dict.fromkeys(texts))
    return []


# Open Graph gives one article:author tag per author (a name or a profile URL); all are read.
ARTICLE_AUTHOR_TAGS = etree.XPath("//meta[@property='article:author' or @name='article:author']/@content",
                                  smart_strings=False)
# The tag-manager data layer of WordPress pages (a plugin's JSON in a script) names the post's author
# as the CMS knows it: read last, as it may be the account that uploaded the post, not its writer.
DATA_LAYER_SCRIPTS = etree.XPath('//script[contains(text(), "pagePostAuthor")]/text()', smart_strings=False)
DATA_LAYER_AUTHOR = re.compile(r'"pagePostAuthor"\s*:\s*"([^"]{2,80})"')


def _data_layer_author(root: etree._Element) -> list[str]:
    """Return the author the page's data layer names ("pagePostAuthor": "Krystyna"), or []."""
    for script in DATA_LAYER_SCRIPTS(root):
        found = DATA_LAYER_AUTHOR.search(script)
        if found:
            try:
                return [_unescape(json.loads(f'"{found[1]}"'))]  # "\u00e9" and the like
            except ValueError:
                return [found[1]]
    return []


# The page's links to its tags and sections, whose texts are topics, never authors.
TOPIC_LINK_TEXTS = etree.XPath('//a[@rel="tag" or contains(@rel, "category") or contains(@href, "/tag/") or '
                               'contains(@href, "/tags/") or contains(@href, "/category/") or contains(@href, "/topics/")]'
                               '/text()', smart_strings=False)
# Scholarly pages give one citation_author tag per author (Google Scholar's tags), often "Surname, Given".
CITATION_AUTHOR_TAGS = etree.XPath("//meta[@name='citation_author']/@content", smart_strings=False)
SURNAME_FIRST = re.compile(r"^\s*(?P<surname>[^,]+?),\s*(?P<given>[^,]+?)\s*$")


def _citation_authors(root: etree._Element) -> list[str]:
    """Return the names citation_author tags give, each as "Given Surname" ("Curie, Marie" is Marie
    Curie, not two people); one tag each, so a comma inside a tag never separates two authors."""
    tags = [_squash(value) for value in CITATION_AUTHOR_TAGS(root)]
    return [_given_first(value) for value in tags if value]


def _given_first(name: str) -> str:
    found = SURNAME_FIRST.match(name)
    return f"{found['given']} {found['surname']}" if found and len(found["surname"].split()) <= 3 else name


# An author card's portrait, its alt text naming the person ("Lauren Vetter", "David Gracey Headshot"):
# a picture whose own class, or its wrapper's, says it is the author's image (not any picture in a
# box about authors, which may be a logo), and that is not one item of a list (teasers of other
# articles, each with its author's portrait).
AUTHOR_CARD_PORTRAITS = etree.XPath(
    '//img[@alt][ancestor-or-self::*[position() <= 3][contains(@class, "author") and (contains(@class, "image") or '
    'contains(@class, "img") or contains(@class, "photo") or contains(@class, "avatar") or '
    'contains(@class, "picture") or contains(@class, "portrait") or contains(@class, "headshot"))]]'
    '[not(ancestor-or-self::*[self::li or contains(@class, "item") or contains(@class, "list") or '
    'contains(@class, "related")])]')
# What an alt text says of the picture rather than of the person: "... Headshot", "Photo of ...".
PICTURE_WORDS = re.compile(r"\s*[-–|:,]?\s*\b(?:head\s?shot|photo(?:graph)?|image|picture|portrait|avatar|profile"
                           r"(?: image| picture| photo)?|pic)\b\s*$|^\s*(?:photo|picture|image|avatar|portrait) of\s+", re.I)


def _author_card_portrait(root: etree._Element) -> list[str]:
    """Return the name the first author card's portrait gives in its alt text: the card's only mention
    of its person on pages that print the name as a picture's caption or not at all."""
    for image in AUTHOR_CARD_PORTRAITS(root):
        alt = PICTURE_WORDS.sub("", _squash(image.get("alt") or ""))
        if alt:
            return [alt]
    return []


# The lines after a picture, outside scripts: a card's name, job title and biography.
LINES_AFTER = etree.XPath("following::text()[normalize-space()][not(ancestor::script) and not(ancestor::style)]"
                          "[position() <= 4]")
# A biography tells of its person as "he" or "she"; a product's or a firm's description ("Kraken is
# the most-loved operating system") does not.
THIRD_PERSON = re.compile(r"\b(?:he|she|his|her|him)\b", re.I)
BIO_CHARS = 60
# Pictures with a name for an alt text looked at: a gallery of products or people has hundreds, and
# each costs a search of the text after it.
MAX_PORTRAITS = 20


def _portrait_with_bio(root: etree._Element) -> list[str]:
    """Return the name a portrait's alt text gives when a few lines after it tell about that person:
    "Julia Gralberg is a freelance travel writer ... she", "Tim explores ... his", or, on a personal
    blog's "about me" box, "I'm a data science VP". A writer's card set as a picture and a
    paragraph carries no name a machine reads."""
    named = ((image, PICTURE_WORDS.sub("", _squash(image.get("alt") or ""))) for image in root.iter("img"))
    portraits = ((image, name) for image, name in named if 2 <= len(name.split()) <= 3 and split_authors([name]) == [name])
    for image, name in itertools.islice(portraits, MAX_PORTRAITS):
        words = name.split()
        own_words = re.compile(rf"(?:{re.escape(name)}|{re.escape(words[0])})\s+[a-z]")
        first_person = re.compile(rf"(?:(?:hi|hello)\W+)?(?:i'm|i am)\s+(?:an?|{re.escape(words[0])})\b", re.I)
        for text in LINES_AFTER(image):
            line = _squash(str(text))
            if own_words.match(line) and len(line) >= BIO_CHARS and THIRD_PERSON.search(line) or first_person.match(line):
                return [name]
    return []


def _labelled_author(meta: dict[str, str]) -> list[str]:
    """Return the author a share card names under the label "Written by" (twitter:label1/data1)."""
    for n in range(1, 5):
        label = meta.get(f"twitter:label{n}", "").casefold()
        if label.startswith(("written by", "author", "von", "par", "por")):
            return [meta.get(f"twitter:data{n}", "")]
    return []


# The folders CMSs keep author pages in: /author/, /authors/, /blog-authors/, /writers/, /contributor/.
AUTHOR_FOLDERS = ("author", "authors", "autor", "auteur", "blog-author", "blog-authors", "writer", "writers",
                  "contributor", "contributors")
AUTHOR_PAGE_LINKS = etree.XPath("//a/@href[" + " or ".join(f'contains(., "/{folder}/")' for folder in AUTHOR_FOLDERS) + "]/..")
AUTHOR_PAGE = re.compile(r"/(?:" + "|".join(AUTHOR_FOLDERS) + r")/")


def _author_page_links(root: etree._Element) -> list[str]:
    """Return the first link to an author's page (/author/<name>/) and the author links beside it: the
    byline of many CMSs that mark it in no other way. Links further on are related posts by others."""
    for link in AUTHOR_PAGE_LINKS(root):
        text = _squash(link.text_content())
        if text and len(text) < 60:
            return [_full_name(link, text)] + _co_author_links(link)
    return []


def _co_author_links(link: etree._Element) -> list[str]:
    """Return the texts of the author links following this one with only separators between them."""
    names = []
    if (link.tail or "").strip() and not BETWEEN_NAMES.match(link.tail):
        return names
    for sibling in link.itersiblings():
        text = _squash(sibling.text_content()) if isinstance(sibling.tag, str) else ""
        if sibling.tag == "a" and AUTHOR_PAGE.search(sibling.get("href") or "") and text:
            names.append(text)
        elif not BETWEEN_NAMES.match(text):
            break
        if (sibling.tail or "").strip() and not BETWEEN_NAMES.match(sibling.tail):
            break
    return names


def _full_name(link: etree._Element, text: str) -> str:
    """Return the full name the author page's address spells ("/authors/juliette-carreiro") as the
    card around the link prints it, where the link's own text gives the first name alone
    ("Articles by Juliette"); else the link's text."""
    first = split_authors([text])
    slug = [w for w in re.split(r"[-_+\s]+", unquote(urlsplit(link.get("href") or "").path.rstrip("/").rsplit("/", 1)[-1])) if w]
    if len(first) != 1 or len(first[0].split()) != 1 or not 2 <= len(slug) <= 4 or slug[0].casefold() != first[0].casefold():
        return text
    spelled = re.compile(r"(?<!\w)" + r"[\s-]+".join(map(re.escape, slug)) + r"(?!\w)", re.I)
    for holder in itertools.islice(link.iterancestors(), 3):
        found = spelled.search(_squash(" ".join(holder.itertext())))  # pieces apart: markup glues "CarreiroTech"
        if found:
            return found.group(0)
    return text


BREADCRUMB_TRAILS = etree.XPath('//*[contains(@class, "breadcrumb")] | //nav[contains(@aria-label, "readcrumb")]')
# A trail names a few levels. An element with more links is a region of the page whose class only
# mentions breadcrumbs ("url-breadcrumb" on the whole <article>), and its links are share buttons
# and the author's e-mail, not sections.
MAX_CRUMBS = 8


def _breadcrumb(root: etree._Element, title: str | None) -> str | None:
    """Return the last breadcrumb above the page: not the home link, not the article itself."""
    page = (title or "").casefold()
    for trail in BREADCRUMB_TRAILS(root):
        links = trail.findall(".//a")
        if not links or len(links) > MAX_CRUMBS:
            continue
        names = [_squash(a.text_content()) for a in links]
        names = [n for n in names if n and n.casefold() not in HOME_CRUMBS and n.casefold() != page and "@" not in n]
        if names:
            return names[-1]
    return None


def _first_item(value: str | None) -> str | None:
    """Return the first of a comma-separated list of sections ("game,news,slider")."""
    return value.split(",")[0].strip() or None if value else None


# --- values --------------------------------------------------------------------------------------

def _declared_title(declared: list[str | None], root: etree._Element) -> str | None:
    """Return the title the page's metadata declares (in order of trust), else the one its headings give.

    A declared title cut short ("... Find Solutions (Including": JSON-LD headlines are cut at 110
    characters for search engines) is taken whole from the other source that goes on with it; a
    short one that another goes on with is the headline before the site's name ("Headline Site").
    """
    page_title = _first_text(root, "//title")
    title = _first(*declared)
    if not title:
        return _titled_heading(root, page_title) or _first_heading_text(root) or page_title
    if len(title) >= CUT_TITLE:
        longer = (_squash(_unescape(other)) for other in (*declared, page_title) if other)
        title = next((whole for whole in longer if _goes_on_with(title, whole)), title)
    return MARKDOWN_EMPHASIS.sub(r"\2", title)


def _goes_on_with(cut: str, whole: str) -> bool:
    """Tell whether `whole` is `cut` with more of the same sentence, not with a site's name after a bar."""
    rest = whole[len(cut):]
    return whole.startswith(cut) and bool(rest) and not SEPARATOR_AHEAD.match(rest)


def _titled_heading(root: etree._Element, page_title: str | None) -> str | None:
    """Return the first <h1> the page's <title> holds: with no metadata, the <title> tells which of
    several <h1>s (a masthead, the article's own) is the headline."""
    folded = (page_title or "").casefold()
    for heading in _headlines(root)[:3]:
        text = _heading_text(heading)
        if len(text.split()) >= 2 and text.casefold() in folded:
            return text
    return None


def _visible_part(title: str | None, root: etree._Element, site: str | None) -> str | None:
    """Return the page's own headline when the metadata title is it with more around it.

    Metadata titles carry the site, the section or a sales line ("Leadfeeder | State of SEO in 2026",
    "How to help babies sleep | Patient Education"); the headline the reader sees is the article's.
    """
    if not title:
        return None
    folded = title.casefold()
    # The page's only <h1> of three words or more is the headline the reader sees, whatever the
    # metadata says (measured on the WCXB articles with `make bench-meta`: title 0.812 -> 0.839 on
    # the tuning part; within <article>/<main> only, 0.833). Blog themes set the site's name in an
    # <h1> on every page: that heading names the site, not the article.
    headings = _once_each([h for h in _headlines(root) if not _names_site(h, site)])
    if headings and _shown_below(title, headings[0], root):
        return title
    only_heading = len(headings) == 1
    for heading in headings[:1]:
        text = _heading_text(heading)
        first_line = _first_line(heading) if only_heading else text
        if first_line != text:
            # A heading broken into lines holds a subtitle or a byline too: its first line is the
            # headline when the metadata title has it, else the metadata's title is the better one.
            # A metadata title of the heading's very words is its lines with the separator the
            # layout leaves out ("Headline - Subtitle").
            if _words(text) == _words(title):
                return title
            return first_line if len(first_line.split()) >= 3 and first_line.casefold() in folded else title
        if text.casefold().startswith(folded) and _page_title_tail(text[len(title):], site):
            return title  # the heading repeats the page's <title>: the headline, then the site's name or a tagline
        if len(text.split()) >= 3 and only_heading:
            # A headline set in capitals is a style; the metadata's spelling of it is the title's.
            return title if text.isupper() and _same_words(text, title) else text
    for heading in headings[:3]:
        text = _heading_text(heading)
        if len(text.split()) >= 3 and len(text) < len(title) and text.casefold() in folded:
            return text
    return title


def _page_title_tail(rest: str, site: str | None) -> bool:
    """Tell whether what a heading holds after the headline is what page titles add: the site's name, or a
    part set off by a bar ("Best Movers in 2025 | Top 19 Companies"), which a headline seldom holds."""
    return bool(site) and site.casefold() in rest.casefold() or rest.startswith(" | ")


def _same_words(heading: str, title: str) -> bool:
    """Tell whether two spellings are one headline: nine words in ten the same, in the same order
    ("BEST DRIP COFFEE MAKER IN 2026: BUYING TIPS" and "Best Drip Coffee Maker 2026: Buying Tips")."""
    return difflib.SequenceMatcher(None, _words(heading), _words(title), autojunk=False).ratio() >= 0.9


def _words(text: str) -> list[str]:
    return WORD.findall(text.casefold())


WORD = re.compile(r"\w+")


def _headlines(root: etree._Element) -> list[etree._Element]:
    """Return the page's <h1>s but its masthead: an <h1> in or around a link to the site's home page
    (`<a href="/"><h1>Site</h1></a>`) is the logo, whatever language or spelling names the site."""
    h1s = root.xpath("//h1")
    if h1s:
        return [h for h in h1s if not _links_home(h) and not _apart_from_article(h)]
    # Pages of table layouts set no <h1>: the element they name a headline, or a bold line over a byline.
    shown = shown_headline(root)
    return [shown] if shown is not None else []


def _apart_from_article(heading: etree._Element) -> bool:
    """Tell whether a heading is in a dialog the page opens over the article (a sign-up or newsletter
    box, "Subscribe to ...", an ad blocker's notice), which is no part of the page as it is read, or
    in its footer, a sidebar or a menu, whose headings name boxes of links."""
    for element in itertools.chain([heading], heading.iterancestors()):
        if element.tag in ("body", "html"):
            return False  # the page's own classes name its settings ("has-modal-shadow-none")
        names = f"{element.get('class') or ''} {element.get('id') or ''}".split()
        if element.tag in ASIDE_TAGS or element.tag == "dialog" or element.get("role") in ("dialog", "alertdialog") \
                or any(map(DIALOG_NAME.match, names)):
            return True
    return False


# A heading in the page's footer, a sidebar or a menu names a box of links ("Offices", "More on ..."),
# never the article.
ASIDE_TAGS = frozenset({"footer", "aside", "nav"})


# A class or id naming a dialog: "modal", "modal-dialog", "popup-content", "subscribe-overlay", "site-popup",
# an ad blocker's notice ("adblock-message").
DIALOG_NAME = re.compile(r"(?:modal|popup|pop-up|subscribe|newsletter|ad-?block)(?:$|[-_])|.*[-_](?:modal|popup)$", re.I)


def _once_each(headings: list[etree._Element]) -> list[etree._Element]:
    """Return the headings without repeats of the same text: responsive layouts print the headline
    twice (one copy for small screens, one for large), which is still the page's only headline."""
    seen: set[str] = set()
    distinct = []
    for heading in headings:
        text = _heading_text(heading).casefold()
        if text not in seen:
            seen.add(text)
            distinct.append(heading)
    return distinct


def _links_home(heading: etree._Element) -> bool:
    links = itertools.chain(heading.iterancestors("a"), heading.iter("a"))
    return any(HOME_HREF.match(link.get("href") or "x") for link in links)


def _first_image_alt(root: etree._Element) -> str | None:
    """Return the alt text of the page's first picture: on old pages, the masthead's."""
    body = root.find(".//body")
    image = next((img for img in (body if body is not None else root).iter("img") if img.get("alt") is not None), None)
    return _squash(image.get("alt")) or None if image is not None else None


def _without_section(title: str | None, root: etree._Element) -> str | None:
    """Return the title without the section's name after it ("Headline - News" once the site is
    gone), when the page's menu links to that section by that name."""
    parts = TITLE_SEPARATOR.split(title or "")
    if len(parts) < 2 or len(parts[-1].split()) > 2 or len(" ".join(parts[:-1]).split()) < 3:
        return title
    section = parts[-1].casefold()
    if any(_squash(text).casefold() == section for text in LINK_TEXTS(root)):
        return title[: title.rfind(parts[-1])].rstrip(SEPARATOR_CHARS)
    return title


LINK_TEXTS = etree.XPath("//a/text()", smart_strings=False)


def _masthead(root: etree._Element) -> str | None:
    """Return the text of the first <h1> linking to the home page: the site's name set as a heading."""
    heading = next((h for h in root.xpath("//h1")[:3] if _links_home(h)), None)
    return _heading_text(heading) or None if heading is not None else None


def _first_heading_text(root: etree._Element) -> str | None:
    return next((text for text in (_heading_text(h) for h in _headlines(root)) if text), None)


def _names_site(heading: etree._Element, site: str | None) -> bool:
    """Tell whether the heading is the site's name (a blog's masthead set as an <h1>)."""
    return bool(site) and _heading_text(heading).casefold() == site.casefold()


def _shown_below(title: str, heading: etree._Element, root: etree._Element) -> bool:
    """Tell whether the metadata title is shown as a lesser heading while the <h1> says something else.

    An <h1> that the metadata title does not hold, above an <h2>/<h3> that is the metadata title word
    for word, is a kicker or a section's name over the article's headline ("Toddler Sleep Training"
    above "How To Get Toddlers To Sleep In Their Own Bed").
    """
    folded = title.casefold()
    if len(title.split()) < 3 or _heading_text(heading).casefold() in folded:
        return False
    return any(_heading_text(h).casefold() == folded for h in root.xpath("//h2 | //h3"))


# The length from which a title may have been cut short: search engines show 110 characters at most.
CUT_TITLE = 90
# What follows a headline in a longer title when it is the site's or the section's name, not more of it.
SEPARATOR_AHEAD = re.compile(r"\s*(?:[|–—:·•»«›‹-]|::)\s")
# The characters of the separators a title's parts are set apart with, and their spaces.
SEPARATOR_CHARS = " |–—:·•»«›‹-"
# Emphasis written in Markdown and left in a title by the generator that made the page ("*Ulysses* (1922)").
MARKDOWN_EMPHASIS = re.compile(r"(?<![\w*])([*_]{1,2})(?=[^\s*_])(.+?)(?<=[^\s*_])\1(?![\w*])")


# What breaks a heading into lines: a line break, a block element, a span styled as a block or
# marked as the subtitle ("entry-subtitle", "sub-title").
LINE_BREAKS = {"br", "div", "p", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "time"}
SUBTITLE_CLASS = re.compile(r"sub-?title|subheading|sub-heading", re.I)


def _sets_a_line(classes: list[str]) -> bool:
    return "block" in classes or any(map(SUBTITLE_CLASS.search, classes))


def _heading_text(heading: etree._Element) -> str:
    """Return a heading's text as it reads: a line break or a block inside it parts two words
    ("Rebuilding the Legacy<br>of American Made"), which text_content() runs together."""
    return _squash(_spaced_text(heading))


def _spaced_text(element: etree._Element) -> str:
    parts = [element.text or ""]
    for child in element:
        if isinstance(child.tag, str):
            gap = " " if child.tag in LINE_BREAKS or child.tag == "li" else ""
            parts += [gap, _spaced_text(child), gap]
        parts.append(child.tail or "")
    return "".join(parts)


def _first_line(heading: etree._Element) -> str:
    """Return the heading's text up to its first line break or block inside it."""
    parts = [heading.text or ""]
    for child in heading.iterdescendants():
        if not isinstance(child.tag, str):
            continue
        if child.tag in LINE_BREAKS or _sets_a_line((child.get("class") or "").split()):
            break
        parts.append(child.text or "")
        parts.append(child.tail or "")
    return _squash("".join(parts))


def strip_site_suffix(title: str | None, site: str | None) -> str | None:
    """Return the title without a trailing " | Site" or " - Site", or a leading "Site | "."""
    if not title:
        return None
    title = _squash(title)
    parts = TITLE_SEPARATOR.split(title)
    bars = title.split(" | ")
    if len(bars) >= 3 and len(bars[0].split()) >= 3:
        return bars[0]  # "Headline | Section | Site": a headline holds one bar at most
    if len(parts) > 1 and site and parts[0].casefold() == site.casefold():
        return title[len(parts[0]):].lstrip(SEPARATOR_CHARS)
    if site and title.casefold().startswith(site.casefold() + ":") and len(title) > len(site) + 2:
        return title[len(site) + 1:].strip()  # "Blog Name: Post title", as blog platforms write it
    if len(parts) > 1:
        last = parts[-1].casefold()
        if (site and (last in site.casefold() or site.casefold() in last)) or len(parts[-1].split()) <= 3 and len(title) - len(parts[-1]) > 20:
            return title[: title.rfind(parts[-1])].rstrip(SEPARATOR_CHARS)
    return title


def clean_url(url: str | None, base: str | None = None) -> str | None:
    """Return the URL made absolute, without tracking parameters or fragment."""
    if not url:
        return None
    url = absolute_url(url.strip(), base)
    try:
        parts = urlsplit(url)
    except ValueError:  # "http://[broken/": an unclosed IPv6 bracket lost the whole article
        return None
    if parts.scheme not in ("http", "https"):
        return None
    # Filter the query as written: re-encoding it would turn "?article204" into "?article204=".
    query = "&".join(p for p in parts.query.split("&") if p and not TRACKING_PARAMS.match(unquote(p.split("=", 1)[0])))
    return urlunsplit((parts.scheme, parts.netloc.lower(), parts.path or "/", query, ""))


def _base_href(root: etree._Element, page_url: str | None) -> str | None:
    """Return the address the page's relative links resolve against when its first <base href>
    names one (made absolute against the page's own address), or None. An address that is not
    http(s) (`javascript:`, `file:`) is no base."""
    element = root.find(".//base[@href]")
    if element is None:
        return None
    base = absolute_url((element.get("href") or "").strip(), page_url)
    try:
        parts = urlsplit(base)
    except ValueError:
        return None
    return base if parts.scheme in ("http", "https") and parts.hostname else None


def absolute_url(url: str, base: str | None) -> str:
    try:
        return urljoin(base, url) if base else url
    except ValueError:
        return url


def _date(value: Any) -> str | None:
    """Return an ISO 8601 date or date-time (with time zone when given), or None."""
    text = _text(value)
    if not text:
        return None
    text = _padded_clock(text.strip())
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        from quietpress.extract.dates import parse_date

        return parse_date(text)
    if parsed.year < 1900:
        return None  # "0001-01-01T00:00:00": a CMS's empty date, not a date
    if len(text) <= 10:
        return parsed.date().isoformat()
    return parsed.isoformat()


def _padded_clock(stamp: str) -> str:
    """Return an ISO stamp with its clock's one-digit parts written with two ("T9:05:0Z" -> "T09:05:00Z")."""
    if stamp[10:11] != "T":
        return stamp
    return stamp[:10] + SHORT_CLOCK_PART.sub(r"0\1", stamp[10:])


def _keywords(value: Any) -> list[str]:
    if not value:
        return []
    # Entities are decoded before splitting: "PG&amp;E; Utilities" is two keywords, not three.
    items = value if isinstance(value, list) else re.split(r"[,;]", _unescape(str(value)))
    return list(dict.fromkeys(_squash(str(i)) for i in items if _squash(str(i))))


def _text(value: Any) -> str | None:
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        return None
    value = _unescape(_squash(value))
    return value or None


def _unescape(value: str) -> str:
    """Return text with HTML entities decoded: pages put "&#8217;" and "&amp;" into JSON-LD and meta,
    some escaped twice ("&amp;#8230;" for "…")."""
    if "&" not in value:
        return value
    value = html.unescape(value)
    return html.unescape(value) if re.search(r"&(?:#\d+|#x[0-9a-f]+|[a-z]+);", value, re.I) else value


def _first(*values: str | None) -> str | None:
    for value in values:
        if value:
            return value
    return None


def _first_text(root: etree._Element, expr: str) -> str | None:
    for el in root.xpath(expr):
        text = _squash(el.text_content())
        if text:
            return text
    return None


def _first_attr(root: etree._Element, expr: str, attr: str) -> str | None:
    for el in root.xpath(expr):
        if el.get(attr):
            return el.get(attr)
    return None


def _squash(text: str) -> str:
    return " ".join(text.split())
