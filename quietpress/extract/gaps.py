"""Lists and headings the main-content extractor left out from between the body's paragraphs.

When a page names its body container in no way the extractor knows, the extractor falls back to
collecting the page's loose paragraphs, and that fallback reads paragraphs, quotes, tables and
code only: the lists and subheadings written between those paragraphs are lost, though they
stand in the same container, between two blocks it kept. A block standing so is body by its
place alone; this puts it back where it stood. An article split into a container per section
(collapsible `<details>`, `<section>`s) has headings and lists with no kept sibling: read in the
article container's order, a list, or a heading over body text, between two kept blocks is put
back too, when its section holds kept blocks or is shaped like one that does (a product card or
a widget set between the sections is not). Such a heading may be a link to the item's own page
(a ranked list's "2. <a>Name</a>"), which the extractor drops as links; one linking to a person's
page (a forum member's name over a post) is not put back.

The subheadings between the headline and the first kept block (the first section's heading) are
put back too: the extractor keeps that heading when it knows the body's container, and the
fallback reads none. Measured on `make bench-extract`: wcxb-dev 0.96081 / 0.93698 before and
0.96081 / 0.93705 after (tune / held-out), scrapinghub the same; allowed without the headline right
before them, box headings over a kept line ("Webinars") came too: 6 tune pages lost up to 0.003.

A paragraph of prose (150+ characters, few links) in a container named as furniture, standing
between two kept blocks in that order, is put back as well: content management systems name a
section's container from its heading and a word such as "related" (`more-on-repairs-related-articles`),
and the extractor drops whatever is so named, though our pruning kept it as prose. Teaser cards
(a linked title, a line of summary) stay out. Measured: 2 tune pages of wcxb-dev better
(0.853 -> 0.966, 0.969 -> 0.980), no other page of either corpus changed, held-out included.

The extractor also forgets where a numbered list starts (`<ol start="4">`, steps continued after a
paragraph): the number comes back from the page's list the body's list was made of.
"""

from __future__ import annotations

import re

from copy import deepcopy

from lxml import etree
from trafilatura.htmlprocessing import convert_tags
from trafilatura.settings import Extractor

from quietpress.extract import boilerplate as rules
from quietpress.parse import string_value

# What the extractor's output calls its blocks, and the HTML blocks the fallback never reads.
EXTRACTED_BLOCKS = frozenset({"p", "head", "list", "quote", "code", "table"})
SKIPPED_BLOCKS = frozenset({"ul", "ol", "dl", "h2", "h3", "h4", "h5", "h6"})
LISTS = frozenset({"ul", "ol"})
HEADINGS = frozenset({"h2", "h3", "h4", "h5", "h6"})
TITLES = HEADINGS | {"h1"}
# The address of a person's page: a writer's, a forum member's.
PERSON_PAGE = re.compile(r"/(?:authors?|profiles?|users?|members?|people)/", re.I)
SOURCE_BLOCKS = ("p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "dl", "blockquote", "pre", "table")
_OPTIONS = Extractor(links=True, formatting=True, tables=True, images=False)


def fill_gaps(body: etree._Element, root: etree._Element) -> None:
    """Put back, in place, the lists and headings that stand in the page between two sibling
    blocks the extractor kept, the lists after a kept paragraph announcing them with a colon, and
    the lists and headings between kept blocks in the article container's reading order (sections
    in containers of their own), when the extracted body does not hold them."""
    kept = _kept_sources(body, root)
    if not kept:
        return
    _restore_numbering(kept)
    held = set(_word_runs(_words(body)))
    put_back = 0
    for parent in {id(source.getparent()): source.getparent() for source in kept if source.getparent() is not None}.values():
        put_back += _fill_between_siblings(parent, kept, held)
    container = _flow_container(kept)
    if container is not None:
        _fill_in_flow(container, kept, set(_word_runs(_words(body))) if put_back else held)


def _kept_sources(body: etree._Element, root: etree._Element) -> dict[etree._Element, etree._Element]:
    """Return the page's blocks the body was made of (by their text), each with its body block."""
    sources: dict[str, list[etree._Element]] = {}
    for element in root.iter(*SOURCE_BLOCKS):
        text = _text(element)
        if text:
            sources.setdefault(text, []).append(element)
    kept = {}
    for block in _top_blocks(body):
        candidates = sources.get(_text(block))
        if candidates:
            kept[candidates.pop(0)] = block
    return kept


def _restore_numbering(kept: dict[etree._Element, etree._Element]) -> None:
    for source, block in kept.items():
        start = source.get("start") if source.tag == "ol" else None
        if block.tag == "list" and start and start.strip().isdigit() and int(start) != 1:
            block.set("start", str(int(start)))


def _top_blocks(body: etree._Element) -> list[etree._Element]:
    return [block for block in body.iter(*EXTRACTED_BLOCKS)
            if not any(ancestor.tag in EXTRACTED_BLOCKS for ancestor in block.iterancestors())]


def _fill_between_siblings(parent: etree._Element, kept: dict, held: set[tuple[str, ...]]) -> int:
    """Put back the blocks standing between kept siblings; return how many."""
    children = [child for child in parent if isinstance(child.tag, str)]
    marks = [index for index, child in enumerate(children) if child in kept]
    put_back = 0
    if not marks:
        return put_back
    put_back += _put_back_opening_headings(children, marks[0], kept[children[marks[0]]], held)
    anchor = kept[children[marks[0]]]
    for index in range(marks[0] + 1, len(children)):
        child = children[index]
        if child in kept:
            anchor = kept[child]
        elif index > marks[-1] and not (child.tag in LISTS and _announces_list(children[index - 1])):
            break
        elif child.tag in SKIPPED_BLOCKS and _prose_block(child) and not _held(child, held):
            converted = _as_extracted(child)
            anchor.addnext(converted)
            anchor = converted
            put_back += 1
    return put_back


def _put_back_opening_headings(children: list[etree._Element], first: int, first_block: etree._Element,
                               held: set[tuple[str, ...]]) -> int:
    """Put back the subheadings that open the body: those between the headline and its first kept
    block, in one container. The fallback reads none of them, though the extractor keeps the
    first section's heading when it knows the container. Without the headline right before, a
    heading over a kept block may be a box's ("Webinars", "Want more like this?"), and stays out."""
    start = first
    while start > 0 and children[start - 1].tag in HEADINGS:
        start -= 1
    if start == first or start == 0 or children[start - 1].tag != "h1":
        return 0
    opening = [child for child in children[start:first] if _prose_block(child) and not _held(child, held)]
    for heading in opening:
        first_block.addprevious(_as_extracted(heading))
    return len(opening)


def _flow_container(kept: dict[etree._Element, etree._Element]) -> etree._Element | None:
    """Return the innermost element holding most of the kept blocks' text: the article's own
    container, whatever sections and wrappers it splits its blocks into."""
    weights: dict[etree._Element, int] = {}
    total = 0
    for source in kept:
        length = len(_text(source))
        total += length
        for ancestor in source.iterancestors():
            weights[ancestor] = weights.get(ancestor, 0) + length
    held = [element for element, weight in weights.items() if weight >= rules.FLOW_CONTAINER_SHARE * total]
    # The innermost: the one with the most ancestors among them.
    return max(held, key=lambda element: sum(1 for _ in element.iterancestors()), default=None)


def _flow_blocks(container: etree._Element) -> list[etree._Element]:
    """The container's blocks in reading order, a block inside another (a list in a quote) not apart."""
    blocks = []
    for element in container.iter(*SOURCE_BLOCKS):
        if blocks and _inside(element, blocks[-1]):
            continue
        blocks.append(element)
    return blocks


def _inside(element: etree._Element, block: etree._Element) -> bool:
    return any(ancestor is block for ancestor in element.iterancestors())


def _fill_in_flow(container: etree._Element, kept: dict, held: set[tuple[str, ...]]) -> None:
    """Put back the lists, and the headings over body text, that stand between two kept blocks in
    the container's reading order: sections (<details>, <section>) split an article into
    containers of their own, and their headings and lists stand beside no kept sibling."""
    blocks = _flow_blocks(container)
    # Between kept text, not kept headings: teaser titles the extractor kept close some bodies.
    marks = [index for index, block in enumerate(blocks) if block in kept and block.tag not in TITLES]
    if len(marks) < 2:
        return
    holders = _holders(kept, container)
    restorable = [block not in kept and (block.tag in SKIPPED_BLOCKS and _in_body_section(block, holders) or _named_away(block))
                  and (_prose_block(block) or _linked_title(block)) and not _held(block, held) for block in blocks]
    anchor = kept[blocks[marks[0]]]
    for index in range(marks[0] + 1, marks[-1]):
        block = blocks[index]
        if block in kept:
            anchor = kept[block]
        elif restorable[index] and (block.tag in LISTS or block.tag in ("dl", "p") or _heads_body(blocks, restorable, kept, index)):
            converted = _as_extracted(block)
            anchor.addnext(converted)
            anchor = converted


def _holders(kept: dict, container: etree._Element) -> set[etree._Element]:
    """The elements, up to the container, that hold a kept block."""
    holders = set()
    for source in kept:
        for ancestor in source.iterancestors():
            if ancestor in holders or ancestor is container:
                break
            holders.add(ancestor)
    return holders


def _in_body_section(block: etree._Element, holders: set[etree._Element]) -> bool:
    """True for a block whose parent or grandparent holds kept blocks, or is shaped like one that
    does (its sibling of the same tag and class): a section of the article, not a card or widget
    set between its paragraphs."""
    for ancestor in list(block.iterancestors())[: rules.SECTION_DEPTH]:
        if ancestor in holders:
            return True
        siblings = [*ancestor.itersiblings(ancestor.tag), *ancestor.itersiblings(ancestor.tag, preceding=True)]
        if any(sibling in holders and sibling.get("class") == ancestor.get("class") for sibling in siblings):
            return True
    return False


def _named_away(block: etree._Element) -> bool:
    """True for a paragraph of prose in a container named as furniture ("related-articles"): the
    extractor drops it for the name, though it stands between the article's own blocks."""
    return block.tag == "p" and len(_text(block)) >= rules.PROSE_PARAGRAPH_CHARS \
        and any(rules.FURNITURE_WORDS.search(f"{a.get('class') or ''} {a.get('id') or ''}") for a in block.iterancestors())


def _heads_body(blocks: list, restorable: list[bool], kept: dict, index: int) -> bool:
    """True for a heading followed by body: a kept block, or a list put back. Not one of a run of
    headings (teaser titles), nor one over a box of links."""
    following = index + 1
    return following < len(blocks) and (blocks[following] in kept
                                         or restorable[following] and blocks[following].tag not in HEADINGS)


def _announces_list(block: etree._Element) -> bool:
    """True for a paragraph ending in a colon ("The findings:"), or a list following one."""
    return _text(block).endswith(":") or block.tag in LISTS


def _held(element: etree._Element, held: set[tuple[str, ...]]) -> bool:
    """True when the body already holds most of a block's text: the extractor kept it, reworded
    by its own cleaning (spacing, form controls taken out), in a block not matched to the page's."""
    runs = _word_runs(_words(element))
    if not runs:
        # A heading of one or two words: read as a run of its own.
        runs = [tuple(_words(element).split())]
        held = held | {run[: len(runs[0])] for run in held}
    return sum(1 for run in runs if run in held) >= rules.MIN_LOOSE_TEXT_KEPT * len(runs)


def _word_runs(text: str) -> list[tuple[str, ...]]:
    # Runs of three words, not words: common words are in any text and would always agree.
    words = text.split()
    return list(zip(words, words[1:], words[2:]))


def _prose_block(element: etree._Element) -> bool:
    """True for a block with text, little of it in links (a list of links is a menu or a contents box),
    and not itself inside a link (a teaser card's title)."""
    text = _text(element)
    if not text or any(ancestor.tag == "a" for ancestor in element.iterancestors()):
        return False
    linked = sum(len(_text(link)) for link in element.iter("a"))
    return linked <= rules.MAX_LINK_DENSITY * len(text)


def _linked_title(element: etree._Element) -> bool:
    """True for a heading whose words link to a page of their own (a ranked list's "1. <a>Name</a>"):
    the extractor drops it as links, though it heads the body text that follows it. A heading
    linking to a person's page is a post's signature (a forum's name over each post), or a byline."""
    return element.tag in HEADINGS and bool(_text(element)) \
        and not any(ancestor.tag == "a" for ancestor in element.iterancestors()) \
        and not any(PERSON_PAGE.search(link.get("href") or "") for link in element.iter("a"))


def _as_extracted(element: etree._Element) -> etree._Element:
    """Return a copy of a page block in the extractor's own markup (list/item, head, hi, ref)."""
    holder = etree.Element("body")
    holder.append(deepcopy(element))
    holder[0].tail = None
    convert_tags(holder, _OPTIONS)
    return holder[0]


def _text(element: etree._Element) -> str:
    return " ".join(string_value(element).split())


def _words(element: etree._Element) -> str:
    """The element's words, its blocks' texts kept apart: the extractor's lists have no spaces
    between their items, and "Tent" and "Rainfly" would read as "TentRainfly"."""
    return " ".join(" ".join(element.itertext()).split())
