"""Step 4 of body extraction: drop what the extractor kept but is not the article's own text.

The headline and standfirst repeated at the top, date lines and bylines, copies of figure
captions, widget paragraphs (tags, sharing, newsletter, moderation notices) and links left
standing at the end. Patterns and thresholds are in `boilerplate.py`.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Iterable
from urllib.parse import urlsplit

from lxml import etree

from quietpress.extract import boilerplate as rules
from quietpress.extract.dates import MONTHS, parse_date
from quietpress.extract.figures import FigureIndex
from quietpress.extract.headline import line_after
from quietpress.extract.prune import drop
from quietpress.extract.authors import split_authors
from quietpress.extract.roles import ROLE_WORDS
from quietpress.parse import string_value

if TYPE_CHECKING:
    from quietpress.extract.body import BodyHints

HEADINGS = ("h2", "h3", "h4", "h5", "h6")
LISTS = ("ul", "ol")
EMAIL = re.compile(r"\S+@\S+\.\w+")
# Blocks that start a line of their own inside a byline box.
LINE_BLOCKS = frozenset({"p", "div", "td", "th", "tr", "li", "table", "figure"})
# Set on paragraphs the page names as a standfirst while the body is rebuilt; removed here.
STANDFIRST_MARK = "data-standfirst"


def clean_body(html: etree._Element, hints: BodyHints, figures: FigureIndex | None = None) -> None:
    """Drop in place the blocks the extractor kept that are not the article's own text."""
    _drop_empty(html, "table")
    _drop_layout_copies(html)
    _drop_head_lines(html, hints)
    _drop_repeated_head(html, hints)
    _drop_head_lines(html, hints)  # the date line opening the block that followed a headline block
    _drop_head_datelines(html, hints.authors)
    _drop_caption_copies(html, figures or FigureIndex(), hints)
    _drop_caption_pieces(html, figures or FigureIndex())
    for block in list(html):
        if block.tag in ("p", "h2", "h3", "h4", "h5", "h6", "li") and rules.CLUTTER_PARAGRAPH.match(_squash(block)):
            drop(block)
        elif block.tag in ("p", "div") and _author_box(block):
            drop(block)
    _drop_jump_links(html, hints.url)
    _drop_teaser_lists(html)
    _drop_trailing_teasers(html, hints.url)
    _drop_trailing_link_lists(html, hints.site)
    _drop_empty(html, "p")
    for marked in html.iter("p"):
        marked.attrib.pop(STANDFIRST_MARK, None)


def _drop_empty(html: etree._Element, tag: str) -> None:
    """Drop the elements of a tag left with nothing to show: no text, no picture (a masthead's
    table once its logo is gone, a paragraph emptied by the steps above)."""
    for element in list(html.iter(tag)):
        if not string_value(element).strip() and element.find(".//img") is None:
            drop(element)


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
                                                 or _title_line(_words(_squash(b)), title)
                                                 or _longer_headline(_words(_squash(b)), title)))), None) if title else None
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
        if not (_title_line(_words(line), title) or _head_line(line) or _bold_headline(first, br)):
            return
        for child in list(first):
            if child is br:
                break
            first.remove(child)
        first.text, br.tail = br.tail, None
        first.remove(br)


def _bold_headline(paragraph: etree._Element, br: etree._Element) -> bool:
    """True for a first line set in bold as a whole with a byline or a date line right under it:
    the headline of a page without an <h1>, whose <title> may word it otherwise."""
    bold = paragraph[0] if len(paragraph) and not (paragraph.text or "").strip() else None
    if bold is None or bold.tag not in ("b", "strong") or bold.getnext() is not br or (bold.tail or "").strip():
        return False
    return len(_squash(bold).split()) <= rules.HEADLINE_LINE_MAX_WORDS and _head_line(line_after(br))


def _title_line(words: str, title: str) -> bool:
    """True for a line that is the title, or the title less the site's name the page put in it."""
    if not words or not title:
        return False
    return _same(words, title) or len(words.split()) >= rules.TITLE_LINE_MIN_WORDS and \
        f" {words} " in f" {title} " and len(words) >= len(title) / 2


def _longer_headline(words: str, title: str) -> bool:
    """True for a heading that opens with the title and goes on: the page's <title> is its headline
    cut short ("Brush fire burns 300 acres" for "Brush fire burns 300 acres east of city")."""
    return len(title.split()) >= rules.TITLE_LINE_MIN_WORDS and words.startswith(title + " ") \
        and len(title) >= len(words) / 2


def _line_before(paragraph: etree._Element, br: etree._Element) -> str:
    """Return the text of a paragraph before one of its <br> children."""
    parts = [paragraph.text or ""]
    for child in paragraph:
        if child is br:
            break
        parts.extend((string_value(child), child.tail or ""))
    return " ".join("".join(parts).split())


def _head_line(text: str) -> bool:
    """True for a date line or a byline, short as such lines are, or one set beside the section's
    or the place's name ("Opinion | 23 May 2008", "Leeds · By Ann Hall")."""
    if len(text.split()) > rules.DATELINE_MAX_WORDS:
        return False
    if _dateline(text) or rules.BYLINE_LINE.match(text):
        return True
    parts = rules.HEAD_LINE_SEPARATOR.split(text)
    dated = [part for part in parts if _dateline(part) or rules.BYLINE_LINE.match(part)]
    return bool(dated) and all(part in dated or len(part.split()) <= rules.HEAD_LINE_LABEL_WORDS for part in parts)


def _author_box(block: etree._Element) -> bool:
    """A block that opens with a bold "About the writer" label: the writer's note the page set beside
    or under the story (its front matter keeps the byline)."""
    label = block[0] if len(block) and not (block.text or "").strip() else None
    return label is not None and label.tag in ("b", "strong") and bool(rules.AUTHOR_BOX_LABEL.match(_squash(label)))


def _drop_head_datelines(html: etree._Element, authors: tuple[str, ...] = ()) -> None:
    """Drop date and byline lines left at the top of the body ("Monday, 22 January 2018, 0:13"),
    above the story or under a standfirst."""
    kickers = []
    for block in list(html)[: rules.HEAD_BLOCKS]:
        if block.tag == "figure":
            continue
        text = _squash(block)
        if _head_line(text) or _head_block(block, authors) or _author_line(text, authors):
            drop(block)
            for kicker in kickers:
                drop(kicker)  # the section's name in capitals over the byline ("CRONACA", "ANALYSIS")
            kickers = []
        elif len(text.split()) > rules.KICKER_MAX_WORDS:
            break  # the story has begun; a shorter block (a standfirst) may sit above the byline
        elif text.isupper() and len(text.split()) <= rules.SECTION_KICKER_WORDS:
            kickers.append(block)


def _author_line(text: str, authors: tuple[str, ...]) -> bool:
    """True for a short line opening with the byline's name ("Sophie Marchand, Brussels")."""
    folded = text.casefold()
    return len(text.split()) <= rules.DATELINE_MAX_WORDS and any(
        folded.startswith(name.casefold()) and not folded[len(name):len(name) + 1].isalnum() for name in authors)


def _head_block(block: etree._Element, authors: tuple[str, ...] = ()) -> bool:
    """True for a block of lines that are a byline, the writer's job, a date and an address
    ("By Karen Webb / Tribune-Star Staff Reporter / February 19, 2008"; a columnist's box:
    portrait, "Helen Wong / Ledger Columnist / hwong@ledger.example")."""
    kinds = [_byline_part(line, authors) for line in _lines(block) if line]
    return len(kinds) > 1 and None not in kinds and ("byline" in kinds or "job" in kinds)


def _byline_part(line: str, authors: tuple[str, ...]) -> str | None:
    """Return what a line of a byline box is ("byline", "job", "name", "address"), or None."""
    if _head_line(line) or _author_line(line, authors):
        return "byline"
    if _role_line(line):
        return "job"
    if EMAIL.fullmatch(line):
        return "address"
    return "name" if _name_line(line) else None


def _name_line(line: str) -> bool:
    """A line that is only a person's name, as a byline box sets it above the writer's job."""
    return len(line.split()) <= 4 and split_authors([line]) == [line]


def _role_line(line: str) -> bool:
    return len(line.split()) <= rules.ROLE_LINE_MAX_WORDS and ROLE_WORDS.search(line) is not None


def _lines(block: etree._Element) -> list[str]:
    """Return the block's text cut at its <br>s and around the blocks inside it, spaces squashed.
    A walk, not recursion: hostile pages nest deeper than Python's stack."""
    pieces: list[str] = []
    for event, element in etree.iterwalk(block, events=("start", "end")):
        if not isinstance(element.tag, str):
            continue
        breaks = element.tag == "br" or element.tag in LINE_BLOCKS
        if event == "start":
            pieces.append("\n" if breaks else "")
            pieces.append((element.text or "").replace("\n", " "))
        else:
            pieces.append("\n" if breaks else "")
            if element is not block:
                pieces.append((element.tail or "").replace("\n", " "))
    return [" ".join(line.split()) for line in "".join(pieces).split("\n")]


def _dateline(text: str) -> bool:
    """True when a line is a date and nothing else: every word a number, month, weekday or link word.
    A day and a time with no year ("Thu Nov 20, 4:32 PM ET", as wire pages stamp a story) is one too."""
    words = re.findall(r"[^\W\d_]+", text.casefold())
    if not all(w in MONTHS or w in rules.DATELINE_WORDS for w in words):
        return False
    return bool(parse_date(text)) or any(w in MONTHS for w in words) and YEARLESS_STAMP.search(text) is not None


# A day of the month and a time of day: "Nov 20, 4:32 PM", "20 Nov 16:32".
YEARLESS_STAMP = re.compile(r"\b[0-3]?\d\b.*\b[0-2]?\d:[0-5]\d\b")


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


def _drop_caption_pieces(html: etree._Element, figures: FigureIndex) -> None:
    """Drop the paragraphs right after a figure that hold only part of its caption.

    The extractor keeps a caption's links and the words between them ("<a>Name</a> via <a>Site</a>")
    as paragraphs of their own after the figure, which carries the caption whole. Spaces are left
    out of the comparison: the extractor drops a non-breaking space between a link and a word, and
    the space after emphasis. The caption as the page wrote it counts too: the figure's credit has
    lost its label ("Photo: Jonah Pellow" is credited "Jonah Pellow").
    """
    written = [words.replace(" ", "") for words in figures.caption_words()]
    for figure in list(html.iterchildren("figure")):
        caption = _words(string_value(figure)).replace(" ", "")
        following = figure.getnext()
        while caption and following is not None and following.tag == "p":
            words = _words(_squash(following)).replace(" ", "")
            if len(words) < rules.CAPTION_PIECE_MIN_CHARS or not (words in caption or any(words in raw for raw in written)):
                break
            after = following.getnext()
            drop(following)
            following = after


def _drop_jump_links(html: etree._Element, url: str | None) -> None:
    """Drop the short lines made only of links to places on the page itself: "Jump to Review",
    "Back to top". They move a reader about the page; in the archive's copy they are words that
    lead nowhere (a link to a place on the page is written as plain text). A table of contents
    stays (it names the article's sections: lines of such links one after another), and so do
    headings, which link to themselves on many sites (a permalink to the section)."""
    page = (url or "").split("#", 1)[0]
    lines = {block for block in html.iter("p") if _jump_line(block, page)}
    for line in lines:
        # One beside another is a table of contents written as paragraphs.
        if line.getprevious() not in lines and line.getnext() not in lines:
            drop(line)


def _jump_line(block: etree._Element, page: str) -> bool:
    text = _words(string_value(block))
    if not text or len(text.split()) > rules.JUMP_LINE_MAX_WORDS:
        return False
    links = [a for a in block.iter("a") if _same_page(a.get("href") or "", page)]
    return bool(links) and len(_words(" ".join(string_value(a) for a in links))) >= len(text)


def _same_page(href: str, page: str) -> bool:
    href = href.strip()
    return href.startswith("#") and len(href) > 1 or bool(page) and "#" in href and href.split("#", 1)[0] == page


def _drop_trailing_teasers(html: etree._Element, page_url: str | None) -> None:
    """Drop the cards of other stories that close the body (a linked title each, with its date,
    section or excerpt; three dated at least, or linking to pages of the site and holding a small
    part of the body), and the short heading above them
    ("Read this next")."""
    blocks = list(html)
    titles = [index for index, block in enumerate(blocks) if _linked_heading(block)]
    if not titles or not _card(blocks[titles[-1] + 1:]):
        return
    first = len(titles) - 1
    while first > 0 and _card(blocks[titles[first - 1] + 1: titles[first]]):
        first -= 1
    cards = len(titles) - first
    if cards < rules.TEASER_CARDS:
        return
    # Dated, as lists of stories are: a list article whose titles link to what they name is not.
    # Undated, they are other stories when their titles link to pages of this site and they hold
    # a small part of the body: a list article's items are most of it.
    start = titles[first]
    dates = sum(1 for block in blocks[start:] if _dateline(_squash(block)))
    if dates < rules.TEASER_CARDS and not (
            all(_links_within_site(blocks[index], page_url) for index in titles[first:])
            and _word_count(blocks[start:]) <= rules.TEASER_TAIL_SHARE * _word_count(blocks)):
        return
    if start > 0 and blocks[start - 1].tag in HEADINGS and len(_squash(blocks[start - 1]).split()) <= rules.KICKER_MAX_WORDS:
        start -= 1
    for block in blocks[start:]:
        drop(block)


def _drop_teaser_lists(html: etree._Element) -> None:
    """Drop the lists of other stories in the body (a ticker, "Breaking News", a box of related posts),
    each item a linked headline and an excerpt cut short ("..."), and the short heading above one.

    The extractor keeps such a list when it shares the article's container; where the page names
    the box ("ticker", "related") pruning drops it first, on a page with no such names it is known
    by its shape alone. An article's own list of links says what each one is in full.
    """
    for block in list(html):
        if block.tag not in LISTS:
            continue
        items = [item for item in block if item.tag == "li"]
        teasers = sum(1 for item in items if _teaser_item(item))
        if teasers < rules.TEASER_CARDS or teasers < rules.TEASER_LIST_SHARE * len(items):
            continue
        before = block.getprevious()
        if before is not None and before.tag in HEADINGS and len(_squash(before).split()) <= rules.KICKER_MAX_WORDS:
            drop(before)
        drop(block)


def _teaser_item(item: etree._Element) -> bool:
    """A list item opening with a link, its words after the link an excerpt cut short."""
    text = _squash(item)
    link = item.find("a")
    if link is None or (item.text or "").strip() or not text.endswith(rules.TEASER_ENDINGS):
        return False
    headline = _squash(link)
    return bool(headline) and text.startswith(headline) and len(text) - len(headline) >= rules.TEASER_EXCERPT_CHARS


def _links_within_site(heading: etree._Element, page_url: str | None) -> bool:
    """True when the heading's link leads to another page of the page's own site."""
    link = heading.find(".//a")
    href = (link.get("href") or "").strip() if link is not None else ""
    if not href or href.startswith("#"):
        return False
    target = urlsplit(href)
    if not target.netloc:
        return True  # a relative address
    page = urlsplit(page_url or "")
    return bool(page.netloc) and _host(target.netloc) == _host(page.netloc) and href.split("#")[0] != (page_url or "").split("#")[0]


def _host(netloc: str) -> str:
    return netloc.lower().removeprefix("www.")


def _word_count(blocks: list[etree._Element]) -> int:
    return sum(len(_squash(block).split()) for block in blocks)


def _linked_heading(block: etree._Element) -> bool:
    text = _squash(block)
    linked = sum(len(_squash(a)) for a in block.iter("a"))
    return block.tag in HEADINGS and bool(text) and linked >= rules.TRAILING_LINK_SHARE * len(text)


def _card(blocks: list[etree._Element]) -> bool:
    """True for what follows a story's title on a card: a few short blocks."""
    words = sum(len(_squash(block).split()) for block in blocks)
    return len(blocks) <= rules.TEASER_CARD_BLOCKS and words <= rules.TEASER_CARD_WORDS


def _drop_trailing_link_lists(html: etree._Element, site: str | None = None) -> None:
    """Drop links standing alone at the end of the body: related stories and share rows, not text;
    and a date line closing it ("Originally published Thursday, May 15, 2008"), and an excerpt
    cut short ("...") under a linked title (a teaser card's).

    Figures between or after such links are related stories' thumbnails (or a strip of partner
    logos after them) and go with them.
    """
    while len(html):
        last = html[-1]
        text = _squash(last)
        if _link_block(last, text):
            drop(last)
        elif last.tag in HEADINGS or _label(last, text) or (last.tag == "p" and (_head_line(text) or _footer_line(text, site))):
            drop(last)  # a heading or a label ("Also in this issue:") over what was dropped after it
        elif last.tag == "figure" and _after_link_block(html):
            drop(last)
        elif _teaser_excerpt(last):
            drop(last)
        elif not text and last.tag not in ("figure", "table"):
            drop(last)
        else:
            break


def _footer_line(text: str, site: str | None) -> bool:
    """True for the page's footer line: short, the publication's name with a year or an address
    set between separators ("The Borders Voice 2008.", "Lakeside Weekly · 12 Main Street")."""
    if not site or len(text.split()) > rules.FOOTER_LINE_MAX_WORDS or site.casefold() not in text.casefold():
        return False
    return bool(re.search(r"\b(?:19|20)\d\d\b|[·|•]", text))


def _label(block: etree._Element, text: str) -> bool:
    """True for a bold label over what followed it ("Also in this week's issue:"); a sentence of the
    text ending with a colon is not one (the embedded posts it introduced may have been dropped)."""
    bold = len(block) == 1 and block[0].tag in ("b", "strong") and not (block.text or "").strip() \
        and not (block[0].tail or "").strip()
    return bold and len(text) <= rules.LABEL_MAX_CHARS and text.endswith(":")


def _after_link_block(html: etree._Element) -> bool:
    """True when the figures closing the body follow a block of links, or a teaser's excerpt."""
    before = _first_not_figure(reversed(html))
    return before is not None and (_link_block(before, _squash(before)) or _teaser_excerpt(before))


def _teaser_excerpt(block: etree._Element) -> bool:
    """True for an excerpt cut short ("...") under a linked title, figures aside: a teaser card's."""
    return block.tag == "p" and _squash(block).endswith(rules.TEASER_ENDINGS) and _follows_link_block(block)


def _follows_link_block(block: etree._Element) -> bool:
    """True when the block before this one, figures aside, is a block of links."""
    before = _first_not_figure(block.itersiblings(preceding=True))
    return before is not None and _link_block(before, _squash(before))


def _first_not_figure(blocks: Iterable[etree._Element]) -> etree._Element | None:
    return next((block for block in blocks if block.tag != "figure"), None)


def _link_block(block: etree._Element, text: str) -> bool:
    links = sum(len(_squash(a)) for a in block.iter("a"))
    return block.tag in ("ul", "ol", "p") and bool(text) and links > rules.TRAILING_LINK_SHARE * len(text)


def _squash(element: etree._Element) -> str:
    return " ".join(string_value(element).split())


# Compiled once: _words runs on every block of every body, and the cache look-up of a pattern given
# as text costs as much as the search on a short line.
WORD = re.compile(r"\w+")


def _words(text: str | None) -> str:
    return " ".join(WORD.findall((text or "").casefold()))
