"""Step 4 of body extraction: drop what the extractor kept but is not the article's own text.

The headline and standfirst repeated at the top, date lines and bylines, copies of figure
captions, widget paragraphs (tags, sharing, newsletter, moderation notices) and links left
standing at the end. Patterns and thresholds are in `boilerplate.py`.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from lxml import etree

from quietpress.extract import boilerplate as rules
from quietpress.extract.dates import MONTHS, parse_date
from quietpress.extract.figures import FigureIndex
from quietpress.extract.prune import drop

if TYPE_CHECKING:
    from quietpress.extract.body import BodyHints

HEADINGS = ("h2", "h3", "h4", "h5", "h6")
# Set on paragraphs the page names as a standfirst while the body is rebuilt; removed here.
STANDFIRST_MARK = "data-standfirst"


def clean_body(html: etree._Element, hints: BodyHints, figures: FigureIndex | None = None) -> None:
    """Drop in place the blocks the extractor kept that are not the article's own text."""
    _drop_layout_copies(html)
    _drop_head_lines(html, hints)
    _drop_repeated_head(html, hints)
    _drop_head_datelines(html)
    _drop_caption_copies(html, figures or FigureIndex(), hints)
    _drop_caption_pieces(html)
    for block in list(html):
        if block.tag in ("p", "h2", "h3", "h4", "h5", "h6", "li") and rules.CLUTTER_PARAGRAPH.match(_squash(block)):
            drop(block)
    _drop_trailing_teasers(html)
    _drop_trailing_link_lists(html)
    for paragraph in list(html.iter("p")):
        if not paragraph.xpath("string()").strip() and paragraph.find(".//img") is None:
            drop(paragraph)
    for marked in html.iter("p"):
        marked.attrib.pop(STANDFIRST_MARK, None)


def _drop_layout_copies(html: etree._Element) -> None:
    """Drop the later copies of an article written once per screen layout.

    The copy is found by the distance, in blocks, at which long blocks repeat: one distance for
    many of them is a whole run of blocks written again. Every block equal to the one that far
    before it goes, short ones (headings, dates) too.
    """
    blocks = list(html)
    texts = [_squash(block) for block in blocks]
    distance = _copy_distance(texts)
    if distance is None:
        return
    for index in range(distance, len(blocks)):
        if texts[index] and texts[index] == texts[index - distance]:
            drop(blocks[index])


def _copy_distance(texts: list[str]) -> int | None:
    """Return the distance at which most long blocks repeat an earlier one, when enough do."""
    first: dict[str, int] = {}
    distances: dict[int, int] = {}
    for index, text in enumerate(texts):
        if len(text) < rules.LAYOUT_COPY_BLOCK_CHARS:
            continue
        if text in first:
            distance = index - first[text]
            distances[distance] = distances.get(distance, 0) + 1
        else:
            first[text] = index
    if not distances:
        return None
    distance = max(distances, key=distances.get)
    return distance if distances[distance] >= rules.LAYOUT_COPY_MIN_BLOCKS else None


def _drop_repeated_head(html: etree._Element, hints: BodyHints) -> None:
    """Drop the headline when the body opens by repeating it, and the standfirst right after it.

    Short blocks above the headline (kicker, section link, date line) go with it. The summary
    alone is not enough: many pages use their first paragraph as description, and that paragraph
    is body. A standfirst is only recognised right under a repeated headline.
    """
    title, summary = _words(hints.title), _words(hints.summary)
    blocks = [b for b in list(html)[: rules.HEAD_BLOCKS] if b.tag != "figure"]
    position = next((i for i, b in enumerate(blocks) if _same(_words(_squash(b)), title)
                     or (b.tag in HEADINGS and (_close(_words(_squash(b)), title)
                                                 or _title_line(_words(_squash(b)), title)))), None) if title else None
    if position is None or any(len(_squash(b).split()) > rules.KICKER_MAX_WORDS for b in blocks[:position]):
        return
    for block in blocks[: position + 1]:
        drop(block)
    following = blocks[position + 1] if position + 1 < len(blocks) else None
    # Only a heading or a paragraph named as a standfirst: a plain first paragraph equal to the
    # description is the lead, which pages copy into their description.
    if following is not None and summary and _same(_words(_squash(following)), summary) and \
            (following.tag in HEADINGS or following.get(STANDFIRST_MARK) is not None):
        drop(following)


def _drop_head_lines(html: etree._Element, hints: BodyHints) -> None:
    """Drop the headline, byline and date lines that open the first paragraph, one <br> apart.

    Pages written without <p> put them in the article's first block, before the text: the front
    matter holds them already.
    """
    first = next((block for block in list(html)[: rules.HEAD_BLOCKS] if block.tag != "figure"), None)
    if first is None or first.tag != "p":
        return
    title = _words(hints.title)
    while True:
        br = first.find("br")
        if br is None:
            return
        line = _line_before(first, br)
        if not (_title_line(_words(line), title) or _head_line(line)):
            return
        for child in list(first):
            if child is br:
                break
            first.remove(child)
        first.text, br.tail = br.tail, None
        first.remove(br)


def _title_line(words: str, title: str) -> bool:
    """True for a line that is the title, or the title less the site's name the page put in it."""
    if not words or not title:
        return False
    return _same(words, title) or len(words.split()) >= rules.TITLE_LINE_MIN_WORDS and \
        f" {words} " in f" {title} " and len(words) >= len(title) / 2


def _line_before(paragraph: etree._Element, br: etree._Element) -> str:
    """Return the text of a paragraph before one of its <br> children."""
    parts = [paragraph.text or ""]
    for child in paragraph:
        if child is br:
            break
        parts.extend((child.xpath("string()"), child.tail or ""))
    return " ".join("".join(parts).split())


def _head_line(text: str) -> bool:
    """True for a date line or a byline, short as such lines are."""
    return len(text.split()) <= rules.DATELINE_MAX_WORDS and bool(_dateline(text) or rules.BYLINE_LINE.match(text))


def _drop_head_datelines(html: etree._Element) -> None:
    """Drop date and byline lines left at the top of the body ("Monday, 22 January 2018, 0:13")."""
    for block in list(html)[: rules.HEAD_BLOCKS]:
        if block.tag == "figure":
            continue
        if _head_line(_squash(block)):
            drop(block)
        else:
            break


def _dateline(text: str) -> bool:
    """True when a line is a date and nothing else: every word a number, month, weekday or link word."""
    if not parse_date(text):
        return False
    words = re.findall(r"[^\W\d_]+", text.casefold())
    return all(w in MONTHS or w in rules.DATELINE_WORDS for w in words)


def _close(words: str, reference: str) -> bool:
    """True when a heading and the title share nearly all their words (the page's <h1> and its
    og:title often differ by a first name or a quote mark)."""
    a, b = set(words.split()), set(reference.split())
    return bool(a and b) and len(a & b) >= rules.HEADLINE_OVERLAP * len(a | b)


def _same(words: str, reference: str) -> bool:
    """True when two word strings are equal, or nearly so for long ones (one cut with "...")."""
    if not words or not reference:
        return False
    if words == reference:
        return True
    shorter, longer = sorted((words, reference), key=len)
    return len(shorter) > 40 and shorter in longer and len(shorter) > 0.9 * len(longer)


def _drop_caption_copies(html: etree._Element, figures: FigureIndex, hints: BodyHints) -> None:
    """Drop paragraphs that repeat a figure's caption or credit, or only give the page's address."""
    known = figures.caption_words()
    page = (hints.url or "").rstrip("/")
    for block in list(html):
        if block.tag not in ("p", "h2", "h3", "h4", "h5", "h6"):
            continue
        text = _squash(block)
        if (known and _words(text) in known) or (page and text.rstrip("/") == page):
            drop(block)


def _drop_caption_pieces(html: etree._Element) -> None:
    """Drop the paragraphs right after a figure that hold only part of its caption.

    The extractor keeps a caption's links and the words between them ("<a>Name</a> via <a>Site</a>")
    as paragraphs of their own after the figure, which carries the caption whole. Spaces are left
    out of the comparison: the extractor drops a non-breaking space between a link and a word.
    """
    for figure in list(html.iterchildren("figure")):
        caption = _words(figure.xpath("string()")).replace(" ", "")
        following = figure.getnext()
        while caption and following is not None and following.tag == "p":
            words = _words(_squash(following)).replace(" ", "")
            if len(words) < rules.CAPTION_PIECE_MIN_CHARS or words not in caption:
                break
            after = following.getnext()
            drop(following)
            following = after


def _drop_trailing_teasers(html: etree._Element) -> None:
    """Drop the cards of other stories that close the body (a linked title each, with its date,
    section or excerpt; three dated at least), and the short heading above them
    ("Read this next")."""
    blocks = list(html)
    titles = [index for index, block in enumerate(blocks) if _linked_heading(block)]
    if not titles or not _card(blocks[titles[-1] + 1:]):
        return
    first = len(titles) - 1
    while first > 0 and _card(blocks[titles[first - 1] + 1: titles[first]]):
        first -= 1
    cards = len(titles) - first
    # Dated, as lists of stories are: a list article whose titles link to what they name is not.
    dates = sum(1 for block in blocks[titles[first]:] if _dateline(_squash(block)))
    if cards < rules.TEASER_CARDS or dates < rules.TEASER_CARDS:
        return
    start = titles[first]
    if start > 0 and blocks[start - 1].tag in HEADINGS and len(_squash(blocks[start - 1]).split()) <= rules.KICKER_MAX_WORDS:
        start -= 1
    for block in blocks[start:]:
        drop(block)


def _linked_heading(block: etree._Element) -> bool:
    text = _squash(block)
    linked = sum(len(_squash(a)) for a in block.iter("a"))
    return block.tag in HEADINGS and bool(text) and linked >= rules.TRAILING_LINK_SHARE * len(text)


def _card(blocks: list[etree._Element]) -> bool:
    """True for what follows a story's title on a card: a few short blocks."""
    words = sum(len(_squash(block).split()) for block in blocks)
    return len(blocks) <= rules.TEASER_CARD_BLOCKS and words <= rules.TEASER_CARD_WORDS


def _drop_trailing_link_lists(html: etree._Element) -> None:
    """Drop links standing alone at the end of the body: related stories and share rows, not text.

    Figures between or after such links are related stories' thumbnails (or a strip of partner
    logos after them) and go with them.
    """
    while len(html):
        last = html[-1]
        text = _squash(last)
        if _link_block(last, text):
            drop(last)
        elif last.tag in HEADINGS:
            drop(last)
        elif last.tag == "figure" and _after_link_block(html):
            drop(last)
        elif not text and last.tag not in ("figure", "table"):
            drop(last)
        else:
            break


def _after_link_block(html: etree._Element) -> bool:
    """True when the figures closing the body follow a block of links."""
    before = next((block for block in reversed(html) if block.tag != "figure"), None)
    return before is not None and _link_block(before, _squash(before))


def _link_block(block: etree._Element, text: str) -> bool:
    links = sum(len(_squash(a)) for a in block.iter("a"))
    return block.tag in ("ul", "ol", "p") and bool(text) and links > rules.TRAILING_LINK_SHARE * len(text)


def _squash(element: etree._Element) -> str:
    return " ".join(element.xpath("string()").split())


def _words(text: str | None) -> str:
    return " ".join(re.findall(r"\w+", (text or "").casefold()))
