"""The article body of an HTML page, as allowlisted HTML (the contract of `quietpress.markdown`).

One parse, then four steps on that tree (1 in `prune.py`, 4 in `tidy.py`, rules in `boilerplate.py`):
1. prune what a reader never sees or never reads as the article (hidden copies, scripts, forms,
   furniture-named blocks with little text), turn embeds into links, and join a body split into
   sibling containers;
2. find the main content with trafilatura's fast extractor on the pruned tree, falling back to its
   full cascade only when the fast result looks like a menu, is too short, or disagrees with the
   page's own text (its paragraphs, its longest loose text), to the element with the most text
   of its own when the extractor returns the whole page, and to JSON-LD's articleBody when the
   markup holds no body (pages rendered by scripts);
3. put back the lists and subheadings standing between two blocks of the result in the page
   (`gaps.py`: the extractor's fallback reads paragraphs only), then rebuild that result as
   allowlisted HTML, putting back figure captions and credits the extractor does not keep;
4. drop what the extractor kept but is not body: the headline and standfirst repeated, tag lists,
   sharing and newsletter lines, moderation notices, pieces of captions, trailing link lists and
   the thumbnails after them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable

import lxml.html
from lxml import etree
from trafilatura.core import trafilatura_sequence
from trafilatura.settings import Extractor

from quietpress.extract import boilerplate as rules
from quietpress.extract.figures import FigureIndex, collect_figures
from quietpress.extract.gaps import fill_gaps
from quietpress.extract.layout import blocks_from_loose_text, own_text, split_at_paragraph_breaks
from quietpress.extract.prune import drop, prune_page
from quietpress.extract.tree import append_text, put_text_before, unwrap
from quietpress.extract.tidy import STANDFIRST_MARK, clean_body
from quietpress.parse import string_value


# The elements in which pages write text loose, outside paragraphs.
LOOSE_TEXT_BLOCKS = ("div", "td", "section", "article", "main", "font", "center")


@dataclass(frozen=True)
class BodyHints:
    """What the metadata already says, so the body does not repeat it."""

    title: str | None = None
    summary: str | None = None
    url: str | None = None
    # The text JSON-LD gives as articleBody: used when the markup holds no body (script-rendered).
    text: str | None = None
    # The byline's names: a line opening with one at the top of the body is the byline again.
    authors: tuple[str, ...] = ()
    # The publication's name: a short line closing the body with it and a year is the page's footer.
    site: str | None = None


def extract_body(root: etree._Element, hints: BodyHints, prune: bool = True) -> str:
    """Return the main content of a parsed page as allowlisted HTML, or "" when none is found.

    The tree is modified in place (pruned); parse again if the original is needed. Without
    `prune`, main-content detection sees the page as it came (the fallback when pruning left
    nothing to find).
    """
    if prune:
        prune_page(root)
        blocks_from_loose_text(root)
    figures = collect_figures(root)
    body = _main_content(root, fast=True)
    if _doubtful(body, root):
        fallback = _main_content(root, fast=False)
        if fallback is not None and (body is None or _dump_beside_body(body, fallback)
                                     or _text_length(fallback) > _text_length(body)
                                     and _teasers(fallback) < rules.MIN_TEASERS + _teasers(body)):
            body = fallback
    # Only a result shaped like a body is doubted so: one too small to be a body (a grid of
    # products) says the page has no article, and its scattered prose is no reason to find one.
    if body is not None and _plausible(body) and _text_length(body) < rules.MIN_PROSE_SHARE * _prose_length(root):
        body = _from_paragraph_parent(root, body)
    if body is not None and not _plausible(body):
        # Pictures make a grid of linked cards (an image and a title each) look like content to
        # the extractor; read without them, the page's prose can win. Its figures are lost then.
        plain = _main_content(root, fast=False, images=False)
        if plain is not None and _plausible(plain):
            body = plain
    if body is None or _page_dump(body):
        densest = _densest_block(root)
        body = densest if densest is not None else body
    if (body is None or _text_length(body) < rules.MIN_BODY_CHARS) and hints.text \
            and len(hints.text) > rules.MIN_BODY_CHARS and (body is None or len(hints.text) > _text_length(body)):
        body = _body_from_text(hints.text)
    if body is None:
        return ""
    fill_gaps(body, root)
    html = to_allowlisted_html(body, figures)
    clean_body(html, hints, figures)
    if not _text_length(html) and html.find(".//img") is None:
        return ""
    return "".join(lxml.html.tostring(child, encoding="unicode") for child in html)


# --- 2. main content -----------------------------------------------------------------------------

def _main_content(root: etree._Element, fast: bool, images: bool = True) -> etree._Element | None:
    """Return trafilatura's main content of the page, or None when it finds none.

    Its cascade is called as `bare_extraction` calls it, less the plain-text rendering of the
    result, which nothing here reads (a tenth of extraction time on the benchmark pages); the
    pinned version keeps that internal call stable. The cascade works on copies of the tree,
    except that it first removes comment sections in place: the same on every call, and nothing
    after it wants them, so the page is not copied once more.
    """
    options = _extractor_options(fast, images)
    try:
        body, text, _, _ = trafilatura_sequence(root, options, None)
    except (ValueError, TypeError, etree.LxmlError):
        return None
    return body if len(text) >= options.min_output_size else None


@lru_cache(maxsize=4)
def _extractor_options(fast: bool, images: bool = True) -> Extractor:
    return Extractor(fast=fast, comments=False, images=images, links=True, formatting=True, tables=True,
                     with_metadata=False, output_format="python")


def _doubtful(body: etree._Element | None, root: etree._Element) -> bool:
    """True when the fast pass's result may not be the article, and the full cascade is asked too.

    It found nothing, or something shaped like a menu, or a block the page's own text disagrees
    with: the page's paragraphs hold several times its text, or its longest run of loose text
    (an article written in a <div> with line breaks) is longer and mostly left out of it.
    """
    if body is None or not _plausible(body):
        return True
    length = _text_length(body)
    return length < rules.MIN_PROSE_SHARE * _prose_length(root) or _leaves_out_loose_text(body, root, length)


def _from_paragraph_parent(root: etree._Element, body: etree._Element) -> etree._Element:
    """Return the main content read from the element holding the page's paragraphs, when the
    extractor's result holds much less of the page's prose than that element does.

    The extractor takes the first element named as content ("content", "article"), and a page may
    use the name for its header block as well as for the article further down; both passes then
    return the header. The article's paragraphs sit side by side in their own container, or, in
    an article written as one container per section (a <div> each: pages before HTML5's
    <article>), in the smallest element holding most of them.
    """
    candidates = ((*_paragraph_parent(root), rules.PARAGRAPH_PARENT_GAIN),
                  (*_prose_ancestor(root), rules.PROSE_ANCESTOR_GAIN))
    for parent, length, gain in candidates:
        if parent is None or length < gain * _text_length(body):
            continue
        parent.set("itemprop", "articleBody")
        found = _main_content(root, fast=True)
        del parent.attrib["itemprop"]
        if found is not None and _plausible(found) and _text_length(found) > _text_length(body):
            body = found
    return body


def _paragraph_parent(root: etree._Element) -> tuple[etree._Element | None, int]:
    """Return the element whose child paragraphs hold the most text (links aside), and that length."""
    lengths: dict[etree._Element, int] = {}
    for paragraph in root.iter("p"):
        parent = paragraph.getparent()
        if parent is not None:
            lengths[parent] = lengths.get(parent, 0) + len(own_text(paragraph, links=False))
    if not lengths:
        return None, 0
    parent = max(lengths, key=lengths.get)
    return parent, lengths[parent]


def _prose_ancestor(root: etree._Element) -> tuple[etree._Element | None, int]:
    """Return the deepest element holding PROSE_ANCESTOR_SHARE of the page's paragraph text (links
    aside), and the length of the text its paragraphs hold; (None, 0) when only <body> does."""
    lengths: dict[etree._Element, int] = {}
    total = 0
    for paragraph in root.iter("p"):
        length = len(own_text(paragraph, links=False))
        total += length
        for ancestor in paragraph.iterancestors():
            lengths[ancestor] = lengths.get(ancestor, 0) + length
    deepest, depth = None, -1
    for element, length in lengths.items():
        if length >= rules.PROSE_ANCESTOR_SHARE * total and element.tag not in ("body", "html"):
            element_depth = sum(1 for _ in element.iterancestors())
            if element_depth > depth:
                deepest, depth = element, element_depth
    return deepest, lengths.get(deepest, 0)


def _leaves_out_loose_text(body: etree._Element, root: etree._Element, length: int) -> bool:
    """True when the page's longest loose text is longer than the body and mostly not in it."""
    _, loose = _densest_text(root)
    if len(loose) <= length:
        return False
    # Runs of three words, not words: common words are in any text and would always agree.
    runs = _word_runs(loose)
    kept = set(_word_runs(string_value(body)))
    return sum(1 for run in runs if run in kept) < rules.MIN_LOOSE_TEXT_KEPT * len(runs)


def _word_runs(text: str) -> list[tuple[str, ...]]:
    words = text.split()
    return list(zip(words, words[1:], words[2:]))


def _plausible(body: etree._Element) -> bool:
    length = _text_length(body)
    if length < rules.MIN_BODY_CHARS:
        return False
    linked = sum(len(" ".join((string_value(ref) or "").split())) for ref in body.iter("ref", "a"))
    if linked > rules.MAX_LINK_DENSITY * length:
        return False
    # A grid of cards (a picture and a title each: clients, projects) is mostly headings; an
    # article's headings are a small share of its text.
    headed = sum(len(" ".join(string_value(head).split())) for head in body.iter("head"))
    return headed <= rules.MAX_HEADING_SHARE * length


def _prose_length(root: etree._Element) -> int:
    """Return how many characters of text the page's paragraphs and list items hold (outside links).

    The fast pass sometimes settles on a sidebar, a comment or an ad box just long enough to pass;
    the page's paragraphs then hold several times its text, and the full cascade is asked too.
    A page with no <p> at all writes its prose loose in containers, parted by <br><br>: that text
    is counted instead (no single container holds much of it when each section has its own).
    """
    if next(root.iter("p"), None) is None:
        return sum(len(own_text(block, links=False)) for block in root.iter(*LOOSE_TEXT_BLOCKS, "li"))
    return sum(len(own_text(block, links=False)) for block in root.iter("p", "li"))


def _teasers(body: etree._Element) -> int:
    """Return how many of a body's paragraphs are excerpts cut short with an ellipsis (teasers)."""
    return sum(1 for paragraph in body.iter("p")
               if " ".join(string_value(paragraph).split()).endswith(rules.TEASER_ENDINGS))


def _page_dump(body: etree._Element) -> bool:
    """True when the extractor gave up and returned the page's text: hundreds of menu-like lines."""
    lines = [line for line in string_value(body).split("\n") if line.strip()]
    short = sum(1 for line in lines if len(line.split()) <= rules.DUMP_LINE_WORDS)
    return len(lines) > rules.DUMP_MIN_LINES and short > rules.DUMP_SHORT_SHARE * len(lines)


def _dump_beside_body(fast: etree._Element, full: etree._Element) -> bool:
    """True when the fast pass returned menu lines (a header strip of one-word links, a ticker)
    and the full cascade a body: the menu's many short lines can outweigh a short article."""
    return _page_dump(fast) and _plausible(full) and not _page_dump(full)


def _densest_block(root: etree._Element) -> etree._Element | None:
    """Return, as a body of paragraphs, the element holding the most text of its own.

    For pages that write the article as loose text in a <div> (no <p>), which main-content
    detection does not see as a paragraph.
    """
    best, _ = _densest_text(root)
    if best is None:
        return None
    body = etree.Element("body")
    for img in best.iterchildren("img"):
        etree.SubElement(body, "graphic", src=img.get("src") or "", alt=img.get("alt") or "")
    for chunk in re.split(r"\n\s*\n", own_text(best, keep_breaks=True)):
        if chunk.strip():
            etree.SubElement(body, "p").text = " ".join(chunk.split())
    return body


def _densest_text(root: etree._Element) -> tuple[etree._Element | None, str]:
    """Return the block element holding the most text of its own (links aside), and that text;
    (None, "") when none holds more than a body's minimum."""
    best, best_text = None, ""
    for element in root.iter(*LOOSE_TEXT_BLOCKS):
        own = own_text(element, links=False)
        if len(own) > max(rules.MIN_BODY_CHARS, len(best_text)):
            best, best_text = element, own
    return best, best_text


def _body_from_text(text: str) -> etree._Element:
    """Return a body of paragraphs from plain text, one paragraph per line."""
    body = etree.Element("body")
    for line in re.split(r"\s*\n\s*", text):
        if line.strip():
            etree.SubElement(body, "p").text = " ".join(line.split())
    return body


def _text_length(element: etree._Element) -> int:
    return len(" ".join(string_value(element).split()))


# --- 3. allowlisted HTML -------------------------------------------------------------------------

BLOCK_TAGS = {"p": "p", "quote": "blockquote", "code": "pre", "table": "table", "row": "tr"}
BLOCK_LEVEL = {"p", "ul", "ol", "blockquote", "pre", "table", "figure", "h2", "h3", "h4", "h5", "h6", "hr"}
INLINE_RENDS = {"#i": "em", "#b": "strong", "#u": "em", "#t": "code"}
STRAY_CELLS = {"td", "th"}
# Marks a list item made from a description list's term (dt) or definition (dd), until they are joined.
DEFINITION_MARK = "data-quietpress-definition"
# Where the extractor's <code> is a word of a line of text.
INLINE_CODE_PARENTS = {"p", "head", "item", "cell", "hi", "ref", "del"}


def to_allowlisted_html(body: etree._Element, figures: FigureIndex) -> etree._Element:
    """Return a <div> holding the extractor's body rebuilt with the tags of the Markdown contract.

    Text the extractor left directly in the body becomes paragraphs, so every later rule and the
    Markdown writer see blocks only.
    """
    out = etree.Element("div")
    _convert_children(body, out, figures)
    blocks = etree.Element("div")
    _regroup(out, blocks, lambda item: item.tag in ("a", "em", "strong", "del", "code", "span", "br"))
    # Wrappers with no meaning in the contract (unknown tags, galleries) give way to their content.
    for wrapper in list(blocks.iter("span", "div")):
        if wrapper is not blocks:
            unwrap(wrapper)
    for figure in list(blocks.iter("figure")):
        if figure.getparent().tag == "p":
            _lift_out_of_paragraph(figure)
        elif any(ancestor.tag == "p" for ancestor in figure.iterancestors()):
            # Inside emphasis or a link inside a paragraph: placed after the paragraph.
            paragraph = next(a for a in figure.iterancestors() if a.tag == "p")
            tail, figure.tail = figure.tail, None
            put_text_before(figure, tail)
            figure.getparent().remove(figure)
            paragraph.addnext(figure)
    # Emphasis or a link wrapped around paragraphs gives way to them; then paragraphs holding
    # paragraphs or lists (the full cascade's output can nest them), or parted by <br><br>, are split.
    for inline in list(blocks.iter("em", "strong", "del", "a", "code")):
        if any(child.tag in ("p", "ul", "ol", "blockquote", "pre", "table") for child in inline):
            unwrap(inline)
    for paragraph in reversed(list(blocks.iter("p"))):
        split_at_paragraph_breaks(paragraph)
        if any(child.tag in BLOCK_LEVEL for child in paragraph):
            _split_paragraph(paragraph)
    # A heading inside a paragraph or a link (a teaser's title) is read as its text.
    for heading in blocks.xpath(".//p//*[self::h2 or self::h3 or self::h4 or self::h5 or self::h6]"):
        unwrap(heading)
    for item in list(blocks.iter("li")):
        _join_definition(item)
    for item in blocks.iter("li"):
        item.attrib.pop(DEFINITION_MARK, None)
    for paragraph in list(blocks.iter("p", "pre")):
        if not string_value(paragraph).strip() and paragraph.find(".//img") is None:
            drop(paragraph)
    return blocks


def _regroup(source: etree._Element, target: etree._Element, is_inline: Callable[[etree._Element], bool]) -> None:
    """Move source's content into target: block elements as they are, each run of text and inline
    elements between them as one paragraph."""
    loose: list = []
    for item in [source.text, *[node for child in source for node in (child, child.tail)]]:
        if item is None:
            continue
        if isinstance(item, str) or is_inline(item):
            loose.append(item)
            continue
        _flush_loose(loose, target)
        item.tail = None
        target.append(item)
    _flush_loose(loose, target)


def _split_paragraph(paragraph: etree._Element) -> None:
    """Replace a paragraph holding blocks by those blocks, its loose text made into paragraphs."""
    container = etree.Element("div")
    _regroup(paragraph, container, lambda item: item.tag not in BLOCK_LEVEL)
    tail = paragraph.tail
    for block in container:
        paragraph.addprevious(block)
    paragraph.tail = None
    put_text_before(paragraph, tail)
    paragraph.getparent().remove(paragraph)


def _lift_out_of_paragraph(figure: etree._Element) -> None:
    """Move a figure out of the paragraph holding it (a figure is a block): the text after it
    becomes a paragraph of its own."""
    paragraph = figure.getparent()
    rest = etree.Element("p")
    rest.text = figure.tail
    figure.tail = None
    for sibling in list(figure.itersiblings()):
        rest.append(sibling)
    paragraph.remove(figure)
    paragraph.addnext(figure)
    if rest.text and rest.text.strip() or len(rest):
        figure.addnext(rest)


def _flush_loose(loose: list, blocks: etree._Element) -> None:
    if any(isinstance(i, str) and i.strip() or not isinstance(i, str) for i in loose):
        paragraph = etree.SubElement(blocks, "p")
        for item in loose:
            if isinstance(item, str):
                append_text(paragraph, item)
            else:
                item.tail = None
                paragraph.append(item)
        if not " ".join(string_value(paragraph).split()):
            blocks.remove(paragraph)
    loose.clear()


def _convert_children(source: etree._Element, target: etree._Element, figures: FigureIndex) -> None:
    append_text(target, source.text)
    for child in source:
        converted = _convert(child, figures) if isinstance(child.tag, str) else None
        if converted is not None:
            target.append(converted)
            converted.tail = None
        append_text(target, child.tail)


def _convert(element: etree._Element, figures: FigureIndex) -> etree._Element | None:
    tag = element.tag
    if tag == "graphic":
        if rules.NOT_FIGURE.search(f"{element.get('src') or ''} {element.get('alt') or ''}"):
            return None
        figure = figures.figure_for(element.get("src") or "", element.get("alt") or "")
        # A promotion drawn as a picture (a subscription offer, a newsletter box, an ad) is no figure.
        if rules.PROMOTION.search(f"{element.get('alt') or ''} {string_value(figure)}"):
            return None
        return figure
    if tag == "list" and _is_gallery(element, figures):
        # A slideshow: each item is an image with its caption (and "more/less" toggles); the
        # captions come back from the figure index, the item's text is dropped.
        gallery = etree.Element("div")
        for graphic in element.iter("graphic"):
            converted = _convert(graphic, figures)
            if converted is not None:
                gallery.append(converted)
        return gallery if len(gallery) else None
    if tag == "head":
        level = (element.get("rend") or "h2").lstrip("h")
        new = etree.Element(f"h{min(6, max(2, int(level) if level.isdigit() else 2))}")
    elif tag == "list":
        new = etree.Element("ol" if element.get("rend") == "ol" else "ul")
        if new.tag == "ol" and element.get("start"):
            new.set("start", element.get("start"))
    elif tag == "item":
        new = etree.Element("li")
        if (element.get("rend") or "").startswith(("dt-", "dd-")):
            new.set(DEFINITION_MARK, element.get("rend")[:2])
    elif tag == "cell":
        new = etree.Element("th" if element.get("role") == "head" else "td")
    elif tag == "hi":
        new = etree.Element(INLINE_RENDS.get(element.get("rend") or "", "span"))
    elif tag == "ref":
        new = etree.Element("a")
        if element.get("target"):
            new.set("href", element.get("target"))
    elif tag == "lb":
        return etree.Element("br")
    elif tag == "del":
        new = etree.Element("del")  # struck-through text: a correction, an old price
    elif tag in STRAY_CELLS:
        # Cells of a table the extractor took apart (one inside a list item) keep their HTML
        # names outside any table; read as inline text, "Resolution" and "Up to 4K" ran together.
        new = etree.Element("p")
    elif tag == "code" and _inline_code(element):
        text = string_value(element)
        if not text:
            return None  # an empty element would be written <code/>, which HTML reads as an opening tag
        new = etree.Element("code")
        new.text = text
        return new
    elif tag in BLOCK_TAGS:
        new = etree.Element(BLOCK_TAGS[tag])
        if tag == "p" and rules.STANDFIRST_CLASS.search(element.get("class") or ""):
            new.set(STANDFIRST_MARK, "")
    else:
        new = etree.Element("span")
    _convert_children(element, new, figures)
    if tag == "code":
        code = etree.SubElement(new, "code")
        code.text = string_value(new)
        new.text = None
        for child in list(new)[:-1]:
            new.remove(child)
    return new


def _join_definition(item: etree._Element) -> None:
    """A description list's definition joins its term, on the item's next line (as a browser shows
    a <dd> under its <dt>): written as sibling items, term and definition read as two points."""
    term = item.getprevious()
    if item.get(DEFINITION_MARK) != "dd" or term is None or term.tag != "li" or term.get(DEFINITION_MARK) != "dt":
        return
    etree.SubElement(term, "br").tail = item.text
    for child in list(item):
        term.append(child)  # a second definition of the term joins it too: the term stays "dt"
    item.getparent().remove(item)


def _inline_code(element: etree._Element) -> bool:
    """True for code the extractor kept inside a line of text (`<code>` in a paragraph, a heading,
    a list item), one line long: a word of the sentence, not a listing of its own."""
    parent = element.getparent()
    return parent is not None and parent.tag in INLINE_CODE_PARENTS and "\n" not in string_value(element)


def _is_gallery(element: etree._Element, figures: FigureIndex) -> bool:
    """True for a list of images with captions: each item a picture and the words of its caption
    (and a toggle or two). A list whose items also hold a heading and a paragraph (a reading list
    with a cover per book, feature cards with an icon each) is content, and so is one whose items
    say more than their picture's caption (a forum's posts, each beside its writer's avatar)."""
    items = [item for item in element if item.tag == "item"]
    return bool(items) and all(_slide(item, figures) for item in items)


def _slide(item: etree._Element, figures: FigureIndex) -> bool:
    graphic = item.find(".//graphic")
    if graphic is None or _has_sections(item):
        return False
    words = re.findall(r"\w+", string_value(item).casefold())
    if len(words) <= rules.SLIDE_TOGGLE_WORDS:
        return True
    caption = set(re.findall(r"\w+", string_value(figures.figure_for(graphic.get("src") or "", "")).casefold()))
    caption.update(re.findall(r"\w+", (graphic.get("alt") or "").casefold()))
    return sum(1 for word in words if word in caption) >= rules.SLIDE_CAPTION_SHARE * len(words)


def _has_sections(item: etree._Element) -> bool:
    return item.find(".//head") is not None and item.find(".//p") is not None
