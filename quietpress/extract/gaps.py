"""Lists and headings the main-content extractor left out from between the body's paragraphs.

When a page names its body container in no way the extractor knows, the extractor falls back to
collecting the page's loose paragraphs, and that fallback reads paragraphs, quotes, tables and
code only: the lists and subheadings written between those paragraphs are lost, though they
stand in the same container, between two blocks it kept. A block standing so is body by its
place alone; this puts it back where it stood.

The extractor also forgets where a numbered list starts (`<ol start="4">`, steps continued after a
paragraph): the number comes back from the page's list the body's list was made of.
"""

from __future__ import annotations

from copy import deepcopy

from lxml import etree
from trafilatura.htmlprocessing import convert_tags
from trafilatura.settings import Extractor

from quietpress.extract import boilerplate as rules

# What the extractor's output calls its blocks, and the HTML blocks the fallback never reads.
EXTRACTED_BLOCKS = frozenset({"p", "head", "list", "quote", "code", "table"})
SKIPPED_BLOCKS = frozenset({"ul", "ol", "dl", "h2", "h3", "h4", "h5", "h6"})
LISTS = frozenset({"ul", "ol"})
SOURCE_BLOCKS = ("p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "dl", "blockquote", "pre", "table")
_OPTIONS = Extractor(links=True, formatting=True, tables=True, images=False)


def fill_gaps(body: etree._Element, root: etree._Element) -> None:
    """Put back, in place, the lists and headings that stand in the page between two sibling
    blocks the extractor kept, and the lists after a kept paragraph announcing them with a
    colon, when the extracted body does not hold them."""
    kept = _kept_sources(body, root)
    if not kept:
        return
    _restore_numbering(kept)
    held = set(_word_runs(_words(body)))
    for parent in {id(source.getparent()): source.getparent() for source in kept if source.getparent() is not None}.values():
        _fill_between_siblings(parent, kept, held)


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


def _fill_between_siblings(parent: etree._Element, kept: dict, held: set[tuple[str, ...]]) -> None:
    children = [child for child in parent if isinstance(child.tag, str)]
    marks = [index for index, child in enumerate(children) if child in kept]
    if not marks:
        return
    anchor = kept[children[marks[0]]]
    for index in range(marks[0] + 1, len(children)):
        child = children[index]
        if child in kept:
            anchor = kept[child]
        elif index > marks[-1] and not (child.tag in LISTS and _announces_list(children[index - 1])):
            return
        elif child.tag in SKIPPED_BLOCKS and _prose_block(child) and not _held(child, held):
            converted = _as_extracted(child)
            anchor.addnext(converted)
            anchor = converted


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
    """True for a block with text, little of it in links (a list of links is a menu or a contents box)."""
    text = _text(element)
    if not text:
        return False
    linked = sum(len(_text(link)) for link in element.iter("a"))
    return linked <= rules.MAX_LINK_DENSITY * len(text)


def _as_extracted(element: etree._Element) -> etree._Element:
    """Return a copy of a page block in the extractor's own markup (list/item, head, hi, ref)."""
    holder = etree.Element("body")
    holder.append(deepcopy(element))
    holder[0].tail = None
    convert_tags(holder, _OPTIONS)
    return holder[0]


def _text(element: etree._Element) -> str:
    return " ".join(element.xpath("string()").split())


def _words(element: etree._Element) -> str:
    """The element's words, its blocks' texts kept apart: the extractor's lists have no spaces
    between their items, and "Tent" and "Rainfly" would read as "TentRainfly"."""
    return " ".join(" ".join(element.itertext()).split())
