"""Step 1 of body extraction: take out of a parsed page what is never article body.

Hidden elements (hidden copies of the article, menus), non-text elements, furniture named as
such (related, share, newsletter, ad...) when small or made of links, cards of other stories
written as one link (around a paragraph, or a heading and its excerpt), layout tables, AMP media
elements and embeds (turned into links), readers' comments and biographies under a heading
naming them, and the writer's box after the story (`authorbox.py`). A block of written text
loses the class words the extractor would drop it for ("embed", "-icon"), and a collapsed panel
of a disclosure widget is shown. A body split into same-class containers is joined, and a body
container named in another language is marked for the extractor. One walk over the tree marks the elements; the
rules and thresholds are in `boilerplate.py`, the test of a layout table in `layout.py`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from urllib.parse import parse_qs, urlsplit

from lxml import etree

from quietpress.extract import boilerplate as rules
from quietpress.extract.authorbox import after_story, author_boxes, section_start
from quietpress.extract.layout import as_figure, figure_table, layout_table, prose_length, unwrap_table
from quietpress.extract.readable import (as_read, formatted_link_as_text, listing_of, lists_in_cells_as_lines,
                                         numbered_listing)
from quietpress.extract.streamed import place_streamed_segments
from quietpress.extract.tree import detach, drop, unwrap  # noqa: F401 (drop re-exported)
from quietpress.extract.wordcount import reading_length
from quietpress.parse import string_value


# Elements whose caption or picture the extractor may lose (readable.py).
CAPTIONED = frozenset({"figure", "caption", "video", "audio"})
# Blocks that hold prose in a custom block: an article's criteria may be written as list items.
PROSE_BLOCKS = ("p", "li")
# Blocks of text a page builder may name as its custom blocks ("c-block-quote-embed").
TEXT_BLOCKS = frozenset({"p", "blockquote"})
# Attributes that can hide an element (`_hidden` reads their values).
HIDING_ATTRIBUTES = frozenset({"hidden", "aria-hidden", "style", "type"})


@dataclass
class _Marked:
    """Elements of one page sorted by what pruning does with them, found in a single walk."""

    never: list = field(default_factory=list)
    hidden: list = field(default_factory=list)
    roles: list = field(default_factory=list)
    forms: list = field(default_factory=list)
    frames: list = field(default_factory=list)
    quotes: list = field(default_factory=list)
    furniture: list = field(default_factory=list)
    tables: list = field(default_factory=list)
    hints: list = field(default_factory=list)
    unwrapped: list = field(default_factory=list)  # never content, but their content is: kept without them
    drop_caps: list = field(default_factory=list)
    bodies: dict = field(default_factory=dict)
    headings: list = field(default_factory=list)
    listings: list = field(default_factory=list)
    inline_quotes: list = field(default_factory=list)
    blockquotes: list = field(default_factory=list)
    scripts: list = field(default_factory=list)
    captioned: list = field(default_factory=list)
    custom_blocks: list = field(default_factory=list)
    controlled: set = field(default_factory=set)
    formatted_links: list = field(default_factory=list)
    thread_declarations: list = field(default_factory=list)
    card_links: dict = field(default_factory=dict)  # links around a paragraph or a heading, in page order


def prune_page(root: etree._Element) -> None:
    """Remove in place what is never article body: hidden, non-text and furniture elements.

    Also joins a body split into same-class containers. One walk over the tree marks the
    elements (one XPath per rule cost about twice as much on the benchmark pages).
    """
    place_streamed_segments(root)
    marked = _mark(root)
    for element in marked.never:
        drop(element)
    _keep_in_head(marked.thread_declarations, root)
    as_read(marked.listings, marked.inline_quotes, marked.blockquotes, marked.scripts, marked.captioned)
    for link in marked.formatted_links:
        formatted_link_as_text(link)
    for picture in marked.drop_caps:
        picture.tail = picture.get("alt") + picture.tail
        drop(picture)
    for wrapper in marked.unwrapped:
        unwrap(wrapper)
    for link in marked.card_links:
        if _attached(link, root) and _teaser_card(link):
            drop(link)
    page_text = _PageText(root)
    for element in marked.hidden:
        if _hidden(element) and (_collapsed_panel(element, marked.controlled) or page_text.mostly_in(element)):
            # A reader opens it with one click (an FAQ's answer, a tab), or the page's scripts show
            # it as soon as they run: shown, as a printout shows it.
            for name in HIDING_ATTRIBUTES - {"type"}:
                element.attrib.pop(name, None)
        elif _hidden(element):
            drop(element)
        else:
            # Visibility is settled: the extractor reads "overflow:hidden" as hidden and would
            # drop a visible image wrapper (Next.js wraps every image in one).
            element.attrib.pop("style", None)
    page_prose = _paragraph_text_length(root) if marked.roles else 0
    for element in marked.roles:
        if not _holds_main(element) and _paragraph_text_length(element) <= rules.NESTED_PAGE_SHARE * page_prose:
            drop(element)
    for table in marked.tables:
        if not _attached(table, root):
            continue
        if _holds_comments(table):
            drop(table)
        elif numbered_listing(table):
            table.addprevious(listing_of(table))
            drop(table)
        elif figure_table(table):
            as_figure(table)
        elif layout_table(table):
            for side_column in unwrap_table(table):
                drop(side_column)
        else:
            lists_in_cells_as_lines(table)
    embeds = _embeds_to_links(marked.frames, marked.quotes)
    # ASP.NET pages wrap the whole page in one <form>: only small forms are widgets, and a
    # link-heavy form that holds the page's prose is the page, menus and all.
    for element in marked.forms:
        if _attached(element, root) and _small_or_links(element) and not _holds_prose(element):
            drop(element)
    for element in marked.furniture:
        if _attached(element, root) and _small_or_links(element) and not _holds(element, embeds) \
                and not _in_code(element):
            drop(element)
    for heading in marked.headings:
        start = _after_article_section(heading) if _attached(heading, root) else None
        if start is not None:
            _drop_from(start)
    for block in marked.custom_blocks:
        if _attached(block, root) and _written_content(block):
            _unname(block)
    for box in author_boxes(root):
        if _attached(box.element, root):
            drop(box.element)
    join_split_bodies(root, marked.bodies)
    if not marked.bodies:
        _mark_body_hint(root, marked.hints)


def _keep_in_head(scripts: list, root: etree._Element) -> None:
    """Move the JSON-LD declaring a forum thread into the page's head, out of the text that
    pruning and extraction measure.

    The extractor reads it to know a thread (`DiscussionForumPosting`), whose posts stand in
    containers named as comments and are dropped as comments on any other page; with the script
    pruned, a thread came out as its cookie notice. Other JSON-LD is dropped as before: the
    extractor's last resort reads an `articleBody` there as one paragraph, where the page's own
    fallback (`body.py`) keeps its paragraphs.
    """
    head = root.find("head")
    for script in scripts:
        if head is None or script.getparent() is None:
            drop(script)
        elif script.getparent() is not head:
            head.append(detach(script))


def _drop_cap(image: etree._Element) -> bool:
    """True for a picture of the story's first letter: its alt is one capital letter and the word's
    other letters follow it straight on ("T" + "he county board..."). Dropped as a picture, the
    first word would lose its letter."""
    alt, tail = image.get("alt") or "", image.tail or ""
    return len(alt) == 1 and alt.isupper() and tail[:1].islower()


def _mark_body_hint(root: etree._Element, hints: list) -> None:
    """Mark the body container a page names in its own language ("texte", "inhalt") as schema.org's
    articleBody, which main-content detection looks for first; its own names are English."""
    for element in hints:
        if _attached(element, root) and _text_length(element) > rules.MIN_BODY_CHARS:
            _split_body_container(element, hints, root).set("itemprop", "articleBody")
            return


def _split_body_container(first: etree._Element, hints: list, root: etree._Element) -> etree._Element:
    """Return the element holding a body the page split into same-named parts, or `first` itself.

    Page builders write an article as a run of "text" blocks with its headings and pictures in
    blocks of their own between them; marked alone, the first part was taken as the whole body.
    Their common container is the body when it is a block container and the parts hold most of
    its text; a page whose header or footer has a block of the same name has none such.
    """
    parts = [element for element in hints if element.tag == first.tag and element.get("class") == first.get("class")
             and _attached(element, root)]
    if len(parts) < 2:
        return first
    container = first.getparent()
    while container is not None and not all(_contains(container, part) for part in parts):
        container = container.getparent()
    if container is None or container.tag not in rules.BODY_TAGS:
        return first
    held = sum(_text_length(part) for part in parts if not any(_contains(other, part) for other in parts))
    return container if held >= rules.SPLIT_BODY_SHARE * _text_length(container) else first


def _text_length(element: etree._Element) -> int:
    return len(" ".join(string_value(element).split()))


# The marks a footnote links back up with: return and up arrows, a caret, with presentation selectors.
RETURN_MARK = re.compile("[\\s\u21a9\u21aa\u2191\u2934\u2912\u21e7\u21a5\u2b06^\ufe0e\ufe0f]+")


def _mark(root: etree._Element) -> _Marked:
    marked = _Marked()
    never, furniture_tags, body_tags = rules.NEVER_CONTENT, rules.FURNITURE_TAGS, rules.BODY_TAGS
    custom_tags = body_tags | TEXT_BLOCKS
    for element in root.iter():
        tag = element.tag
        if tag.__class__ is not str:
            continue  # comments and processing instructions
        if tag == "button" and element.get("aria-controls"):
            marked.controlled.update(element.get("aria-controls").split())
        if tag in never:
            if tag == "noscript" and len(element):
                _restore_noscript_image(element)
            if tag == "button" and _swallowed_page(element) or tag == "template" and _shadow_root(element):
                marked.unwrapped.append(element)
            elif tag == "script" and "DiscussionForumPosting" in (element.text or "") \
                    and "ld+json" in (element.get("type") or "").lower():
                marked.thread_declarations.append(element)
            else:
                marked.never.append(element)
            continue
        if tag == "iframe":
            marked.frames.append(element)
            continue
        if tag == "code" and not element.text and not len(element):
            # It shows nothing, and the extractor reads the text after an empty <code> into it.
            marked.never.append(element)
            continue
        if tag in rules.AMP_RENAMES:
            # AMP pages write their images and videos as custom elements the extractor ignores.
            element.tag = tag = rules.AMP_RENAMES[tag]
            if tag == "iframe":
                video = element.get("data-videoid")
                if video:
                    element.set("src", f"https://www.youtube.com/embed/{video}")
                marked.frames.append(element)
                continue
        if tag == "a" and _returns_up(element):
            marked.never.append(element)
            continue
        if tag == "a" and len(element) == 1:
            marked.formatted_links.append(element)
        if tag == "form":
            marked.forms.append(element)
        elif tag == "table":
            marked.tables.append(element)
        elif tag in rules.SUBHEADINGS:
            marked.headings.append(element)
            _mark_card_link(element, marked)
        elif tag == "pre":
            marked.listings.append(element)
        elif tag == "q":
            marked.inline_quotes.append(element)
        elif tag == "blockquote":
            marked.blockquotes.append(element)
        elif tag == "sup" or tag == "sub":
            marked.scripts.append(element)
        elif tag in CAPTIONED:
            marked.captioned.append(element)
        elif tag == "p":
            _mark_card_link(element, marked)
        # The element's own attribute view, not a dict copied from it: the copy cost more than
        # the few look-ups below (none of them sees an attribute the image fixes change).
        attrib = element.attrib
        if not attrib:
            continue
        if tag == "img":
            if "/_next/image" in (attrib.get("src") or ""):
                _unwrap_image_proxy(element)
            resolve_lazy_image(element)
            if _drop_cap(element):
                marked.drop_caps.append(element)
        if not HIDING_ATTRIBUTES.isdisjoint(element.keys()):  # one call for the names, not four look-ups
            marked.hidden.append(element)
        if attrib.get("role") in rules.FURNITURE_ROLES:
            marked.roles.append(element)
            continue
        names = attrib.get("class") or ""
        if tag == "blockquote" and names:
            marked.quotes.append(element)
        if tag in body_tags:
            kind = _class_kind(names) if names else None
            if attrib.get("itemprop") == "articleBody" or kind == "body":
                marked.bodies.setdefault((tag, names), []).append(element)
                continue
            if kind == "hint":
                marked.hints.append(element)
        if tag in furniture_tags and (names or "id" in attrib) and _furniture_named(names, attrib.get("id") or ""):
            marked.furniture.append(element)
        if tag in custom_tags and _custom_named(tag, f"{names} {attrib.get('id') or ''}"):
            marked.custom_blocks.append(element)
    return marked


def _returns_up(link: etree._Element) -> bool:
    """True for a footnote's way back to its mark ("↩", "^" linking up the page): navigation, and
    the extractor drops a list of notes whose every item ends in a link as a list of links."""
    return (link.get("href") or "").startswith("#") and RETURN_MARK.fullmatch(string_value(link)) is not None


# Pages repeat their class names hundreds of times ("menu-item"), and pages of one CMS share them:
# the verdicts are cached rather than matched again.
@lru_cache(maxsize=8192)
def _class_kind(names: str) -> str | None:
    if rules.BODY_CLASS.search(names):
        return "body"
    if rules.BODY_HINT_CLASS.search(names):
        return "hint"
    return None


def _furniture_named(names: str, ident: str) -> bool:
    # No furniture word spans whitespace, so the class and id are tested word by word, each word's
    # verdict cached: pages and sites repeat their words ("menu-item", "col-md-6") far more than
    # whole pairs of class and id, whose cache missed two times in five on the benchmark pages.
    for word in f"{names} {ident}".split():  # a loop, not any() over a generator: called for most elements
        if _furniture_word(word):
            return True
    return False


@lru_cache(maxsize=65536)
def _furniture_word(word: str) -> bool:
    return rules.FURNITURE_WORDS.search(word) is not None


def _shadow_root(template: etree._Element) -> bool:
    """True for a template holding a web component's content, shown as soon as the page is parsed
    (declarative shadow DOM, as components rendered on the server write it); other templates hold
    markup for scripts to copy and show nothing."""
    return template.get("shadowrootmode") is not None or template.get("shadowroot") is not None


def _swallowed_page(button: etree._Element) -> bool:
    """True for a button that holds page blocks: its markup left a <div> open before </button>,
    and the parser put the rest of the page inside it (a CMS family writes its header menu button
    so). Dropped as a button, it took the article with it; unwrapped, its blocks are pruned as any."""
    return button.find(".//p") is not None or _holds_main(button)


def _mark_card_link(block: etree._Element, marked: _Marked) -> None:
    """Note the link a paragraph or a heading sits in: it may be a card of another story."""
    link = next(block.iterancestors("a"), None)
    if link is not None:
        marked.card_links[link] = None


def _teaser_card(link: etree._Element) -> bool:
    """True for a link wrapped around a paragraph of text, or around a heading and more text, that
    is a card of another story: it leads somewhere other than a picture (a picture's link may hold
    its caption) and is short. A paragraph holding only a picture is the picture's block (a
    promotion's, dropped as a figure); a linked heading alone is a list article's item title."""
    target = (link.get("href") or "").split("?")[0].lower()
    if not target or target.endswith(rules.IMAGE_EXTENSIONS):
        return False
    text = " ".join(string_value(link).split())
    if len(text) > rules.CARD_LINK_MAX_CHARS:
        return False
    if any(string_value(paragraph).strip() for paragraph in link.iter("p")):
        return True
    headed = sum(len(" ".join(string_value(heading).split())) for heading in link.iter(*rules.SUBHEADINGS))
    return bool(headed) and len(text) - headed >= rules.CARD_TEXT_BESIDE_TITLE


def _holds_main(element: etree._Element) -> bool:
    """True for an element holding the page's main content: a banner or menu does so only when
    the parser nested the page into it (a <div> left open inside), and then it is not furniture.
    A page without <main> or <article> shows it by the share of its paragraphs the element holds
    (`NESTED_PAGE_SHARE`, measured where such elements are dropped)."""
    return element.find(".//main") is not None or element.find(".//article") is not None


def _paragraph_text_length(element: etree._Element) -> int:
    return sum(len(string_value(paragraph)) for paragraph in element.iter("p"))


def _holds_prose(element: etree._Element, blocks: tuple[str, ...] = ("p",)) -> bool:
    """True for an element holding the article: its <main> or <article>, or paragraphs of prose
    (or other blocks of prose: list items)."""
    if _holds_main(element):
        return True
    long_paragraphs = 0
    for paragraph in element.iter(*blocks):
        # string(), not text_content(): embeds turned into links are plain lxml elements.
        if reading_length(string_value(paragraph)) >= rules.PROSE_PARAGRAPH_CHARS:
            long_paragraphs += 1
            if long_paragraphs >= rules.PROSE_PARAGRAPHS:
                return True
    return False


def resolve_lazy_image(img: etree._Element) -> None:
    """Point a lazy-loaded image at its picture: a missing, `data:` or placeholder `src` gives way
    to the address a script would have put there (data-src, data-srcset, srcset...), and a
    missing alt to data-alt. Left as it was, the archive showed a 1x1 placeholder."""
    src = (img.get("src") or "").strip()
    if not src or src.startswith("data:") or rules.PLACEHOLDER_IMAGE.search(src):
        # The image's own lazy attributes first, then the <source>s of the <picture> around it,
        # which hold the picture when the <img> is only the fallback a script fills in.
        parent = img.getparent()
        sources = list(parent.iterchildren("source")) if parent is not None and parent.tag == "picture" else []
        candidates = [(img, name) for name in rules.LAZY_SRC_ATTRIBUTES] + \
            [(source, name) for source in sources for name in ("srcset", "data-srcset")]
        for element, name in candidates:
            candidate = _first_candidate(element.get(name) or "")
            if candidate and not candidate.startswith("data:") and not rules.PLACEHOLDER_IMAGE.search(candidate):
                img.set("src", candidate)
                break
    if not img.get("alt") and img.get("data-alt"):
        img.set("alt", img.get("data-alt"))


def _first_candidate(srcset: str) -> str:
    """The first address of a src or srcset value ("a.jpg 1x, b.jpg 2x" gives "a.jpg")."""
    return srcset.strip().split(",")[0].strip().split(" ")[0]


def _restore_noscript_image(noscript: etree._Element) -> None:
    """Put the <noscript> copy of a lazy-loaded image in place of the placeholder beside it.

    Pages write the real <img> inside <noscript> for readers without scripts; the visible one
    holds a placeholder until a script runs. The <noscript> itself is then dropped as never body.
    """
    copy = noscript.find(".//img")
    if copy is None or not copy.get("src"):
        return
    placeholder = noscript.getprevious()
    if placeholder is None or placeholder.tag != "img":
        parent = noscript.getparent()
        placeholder = next((img for img in parent.iter("img") if img is not copy and not _contains(noscript, img)), None) \
            if parent is not None and parent.tag != "body" else None
    if placeholder is None:
        return
    resolve_lazy_image(placeholder)
    src = placeholder.get("src") or ""
    if not src or src.startswith("data:") or rules.PLACEHOLDER_IMAGE.search(src):
        placeholder.set("src", copy.get("src"))
        if not placeholder.get("alt") and copy.get("alt"):
            placeholder.set("alt", copy.get("alt"))


def _unwrap_image_proxy(img: etree._Element) -> None:
    """Point an image served through Next.js's resizer (`/_next/image?url=...`) at the original."""
    query = parse_qs(urlsplit(img.get("src") or "").query)
    original = (query.get("url") or [""])[0]
    if original:
        img.set("src", original)
        img.attrib.pop("srcset", None)
        img.attrib.pop("srcSet", None)


def _attached(element: etree._Element, root: etree._Element) -> bool:
    """False for an element inside a block already dropped: no need to measure it."""
    return element.getroottree().getroot() is root


def _collapsed_panel(element: etree._Element, controlled: set) -> bool:
    """True for the panel of a disclosure widget (an accordion's answer, a tab): a button names it
    in `aria-controls`, or it is a tab panel; text, not a menu of links (a menu is opened so too)."""
    if element.get("id") not in controlled and element.get("role") != "tabpanel":
        return False
    text = " ".join(element.text_content().split())
    return bool(text) and not _mostly_links(element, text)


class _PageText:
    """The length of the page's text, measured once when first asked.

    A page may hide all of itself until its scripts have run (a guard against showing it before
    its fonts and styles load: a Next.js root in `visibility:hidden`), or mark itself
    `aria-hidden` while a dialog is open over it (a cookie notice, captured open). An element
    holding most of the page's text is that page, not a hidden copy: a print version or a
    schema.org block repeating the article holds at most half of a page that shows it too.
    """

    def __init__(self, root: etree._Element) -> None:
        self.root, self.length = root, None

    def mostly_in(self, element: etree._Element) -> bool:
        if element.find(".//p") is None:
            return False  # a page's text stands in paragraphs somewhere; a menu's does not
        if self.length is None:
            self.length = _letters(self.root)
        return _letters(element) > rules.HIDDEN_PAGE_SHARE * self.length


def _letters(element: etree._Element) -> int:
    """How many characters of an element's text are not white space: a menu's indented markup
    counts for nothing. Counted in C (a page nesting hundreds of hidden blocks has each measured:
    splitting each one's text took seconds)."""
    text = string_value(element)
    return len(text) - sum(text.count(space) for space in " \n\t\r\xa0")


def _hidden(element: etree._Element) -> bool:
    if element.tag in ("html", "body") or element.getparent() is None:
        return False
    # `hidden="until-found"` folds a section a reader opens, and the browser's find opens it: shown.
    hidden = element.get("hidden")
    if hidden is not None and hidden.strip().lower() != "until-found" or element.get("aria-hidden") == "true" \
            or element.get("type") == "hidden":
        return True
    return bool(rules.HIDDEN_STYLE.search(element.get("style") or ""))


def _after_article_section(heading: etree._Element) -> etree._Element | None:
    """Return where the readers' comments or the writer's biography begin under an article, when
    the heading only names them ("Readers' comments (3)", "Leave a Reply", "About the author"):
    the heading, or the block it opens ("<div><h3>Reader Comments</h3>..."). Comments written in
    a table or in plain paragraphs carry no name to prune by. That start must come after a story
    (400+ characters of text not in links before it in its container): before the story, a
    heading is a counter beside the byline. Not "Replies" or "Responses": a forum thread heads
    its posts so, and there they are the page's content."""
    if not rules.AFTER_ARTICLE_HEADING.match(" ".join(heading.text_content().split())):
        return None
    start = section_start(heading)
    return start if after_story(start) else None


def _drop_from(start: etree._Element) -> None:
    for sibling in list(start.itersiblings()):
        drop(sibling)
    drop(start)


def _holds_comments(table: etree._Element) -> bool:
    """A table named for readers' comments, as pages of the 2000s set them under the story, one
    comment a row. The extractor's own comment rule knows only <div>s and lists; a table that
    holds the headline is the page's layout, whatever it is named."""
    names = f"{table.get('class') or ''} {table.get('id') or ''}"
    return bool(rules.COMMENTS_NAMED.search(names)) and table.find(".//h1") is None


def _small_or_links(element: etree._Element) -> bool:
    text = " ".join(element.text_content().split())
    return reading_length(text) < rules.FURNITURE_MAX_TEXT or _mostly_links(element, text)


def _mostly_links(element: etree._Element, text: str) -> bool:
    """True when over half of an element's text (given, spaces squashed) is the text of its links."""
    linked = sum(len(" ".join(a.text_content().split())) for a in element.iter("a"))
    return linked > rules.MAX_LINK_DENSITY * len(text)


def _embeds_to_links(frames: list, quotes: list) -> set:
    """Turn video and social embeds into a paragraph with a link and their text; return those blocks.

    Their wrappers are often named "social" or "embed", like sharing bars: the returned blocks
    keep them from being pruned as furniture.
    """
    embeds = set()
    for frame in frames:
        if frame.getparent() is None:
            continue
        src = frame.get("src") or frame.get("data-src") or ""
        host = urlsplit(src if "//" in src else "").hostname or ""
        if not rules.EMBED_HOSTS.search(host):
            drop(frame)
            continue
        # A label before the link: a paragraph that is only a link reads as navigation to the
        # main-content detection, which drops it.
        paragraph = etree.Element("p")
        paragraph.text = f"{_embed_kind(host)}: "
        link = etree.SubElement(paragraph, "a", href=src)
        link.text = (frame.get("title") or "").strip() or host.removeprefix("www.")
        parent = frame.getparent()
        if parent.tag == "figure" and not string_value(parent).strip() and parent.find(".//img") is None:
            frame = parent
        replace(frame, paragraph)
        embeds.add(paragraph)
    for quote in quotes:
        if rules.SOCIAL_QUOTE.search(quote.get("class") or ""):
            # A plain quote keeps the post's words; its class would mark it as a widget.
            for name in list(quote.attrib):
                del quote.attrib[name]
            embeds.add(quote)
    for block in embeds:
        _unname_wrappers(block)
    return embeds


def _unname_wrappers(block: etree._Element) -> None:
    """Take furniture-like names ("social-embed") off an embed's close wrappers, which the
    extractor would otherwise drop with the post in them; a name holding "embed" too (WordPress
    wraps every embed in `wp-block-embed__wrapper`): the extractor drops whatever it names."""
    for wrapper in list(block.iterancestors())[: rules.EMBED_WRAPPER_DEPTH]:
        for name in ("class", "id"):
            value = wrapper.get(name) or ""
            if rules.FURNITURE_WORDS.search(value) or "embed" in value.lower():
                del wrapper.attrib[name]


def _unname(element: etree._Element) -> None:
    """Take the words the extractor would drop a block of written content for off its class and id;
    its other words stay (they may be what names it as the article's body)."""
    for name in ("class", "id"):
        words = (element.get(name) or "").split()
        kept = [word for word in words if not _custom_named(element.tag, word)]
        if len(kept) == len(words):
            continue
        if kept:
            element.set(name, " ".join(kept))
        else:
            del element.attrib[name]


def _custom_named(tag: str, names: str) -> bool:
    if tag in TEXT_BLOCKS:
        return bool(rules.CUSTOM_BLOCK.search(names))
    return bool(rules.CUSTOM_BLOCK.search(names) or rules.LOOK_NAMED.search(names))


def _written_content(block: etree._Element) -> bool:
    """True for a block named "embed" (or styled with an interface word) that holds written content:
    a paragraph or quotation of prose (a pull quote styled as a custom block); or, not small nor
    made of links, 450+ characters of text outside links, paragraphs or list items of prose, or a
    table of data. An expandable block's listing counts: hidden behind a click, it is the page's."""
    if block.tag in TEXT_BLOCKS:
        return prose_length(block) >= rules.PROSE_PARAGRAPH_CHARS
    return not _small_or_links(block) and (prose_length(block) >= rules.PROSE_PARAGRAPHS * rules.PROSE_PARAGRAPH_CHARS
                                           or _holds_prose(block, PROSE_BLOCKS) or _holds_data_table(block))


def _holds_data_table(element: etree._Element) -> bool:
    """True for an element holding a table of data: rows of cells with text, not a layout grid."""
    return any(len(table.xpath(".//tr[td[normalize-space()]]")) >= rules.DATA_TABLE_ROWS and not layout_table(table)
               for table in element.iter("table"))


def _in_code(element: etree._Element) -> bool:
    """True for markup inside a code listing: syntax highlighters name their spans by token kind
    ("comment", "tag", "keyword"), words that elsewhere name widgets."""
    return element.tag == "span" and any(ancestor.tag in ("pre", "code") for ancestor in element.iterancestors())


def _holds(element: etree._Element, embeds: set) -> bool:
    return bool(embeds) and any(block in embeds for block in element.iter("p", "blockquote"))


def _embed_kind(host: str) -> str:
    if rules.AUDIO_HOSTS.search(host):
        return "Audio"
    if rules.VIDEO_HOSTS.search(host):
        return "Video"
    return "Post"


def join_split_bodies(root: etree._Element, groups: dict[tuple[str, str], list[etree._Element]]) -> None:
    """Move the parts of a body split into same-class containers into the first one."""
    for parts in groups.values():
        parts = [p for p in parts if _attached(p, root) and not any(other is not p and _contains(other, p) for other in parts)]
        if len(parts) < 2 or _in_separate_articles(parts):
            continue
        first = parts[0]
        for part in parts[1:]:
            first.extend(list(part))
            drop(part)


def _in_separate_articles(parts: list[etree._Element]) -> bool:
    """True when same-class body containers sit in different <article> elements: each is a post of
    its own (the excerpts of a list of stories under the article), not one body split around ads."""
    # The elements themselves, not their ids: lxml makes element proxies on demand, and the id of
    # one let go is given to the next.
    articles = [next(part.iterancestors("article"), None) for part in parts]
    return all(article is not None for article in articles) and any(article is not articles[0] for article in articles)


def _contains(ancestor: etree._Element, element: etree._Element) -> bool:
    return any(parent is ancestor for parent in element.iterancestors())


def replace(old: etree._Element, new: etree._Element) -> None:
    new.tail = old.tail
    old.getparent().replace(old, new)
