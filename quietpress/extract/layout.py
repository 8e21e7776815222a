"""Old page layouts read as blocks: tables used for layout, prose written straight in containers.

Pages of the 2000s lay out the page with tables and write the article as text straight in a cell
or a <div>, paragraphs parted by <br><br> rather than <p>. Main-content detection (ours and
trafilatura's) scores paragraphs; such text is none, and the article lost to a sidebar or stayed
one huge cell. Pruning (`prune.py`) unwraps layout tables by the rules here; `blocks_from_loose_text`
then makes that loose text into paragraphs. Modern pages too write a paragraph of sentences
straight in a <div> at times (an item of a ranked list, a checklist's note): the extractor reads
such text only on pages short of <p> text, and it is made a paragraph. Thresholds are in
`boilerplate.py`.
"""

from __future__ import annotations

import re

from lxml import etree

from quietpress.extract import boilerplate as rules
from quietpress.extract.wordcount import reading_length
from quietpress.parse import string_value

# Elements that run inside a line of text; any other child is a block beside it.
_INLINE = rules.INLINE_TAGS | {"br", "img", "small", "big", "tt", "s", "strike", "del", "ins", "time", "label",
                               "code", "kbd", "var", "dfn", "acronym", "wbr", "nobr", "bdi", "bdo"}
# Containers whose loose text is made into paragraphs (table cells are unwrapped to <div> first
# when the table is layout; a data table's cells keep their text as it is).
_CONTAINERS = ("div", "center", "section", "article", "main", "body", "form", "blockquote")
# Inline wrappers that hold blocks or paragraph breaks act as blocks (a <font> around a whole
# article): renamed <div>, their text is read as any container's.
_WRAPPERS = ("font", "span")
# Blocks a page puts a picture in.
_PICTURE_BLOCKS = ("div", "figure", "center")


def own_text(element: etree._Element, keep_breaks: bool = False, links: bool = True) -> str:
    """Return an element's text outside its block children: its text, inline children, tails.

    Without `links`, link text is left out: a tag cloud is all links and no prose.
    """
    parts = [element.text or ""]
    for child in element:
        if isinstance(child.tag, str) and child.tag in rules.INLINE_TAGS and (links or child.tag != "a"):
            parts.append(string_value(child))
        elif keep_breaks and child.tag in ("br", "p", "div"):
            parts.append("\n")
        parts.append(child.tail or "")
    return " ".join("".join(parts).split(" ")) if keep_breaks else " ".join("".join(parts).split())


# --- layout tables --------------------------------------------------------------------------------

def layout_table(table: etree._Element) -> bool:
    """True for a table used to lay out a page (old CMSs), not to hold data.

    Its cells hold headings and paragraphs, or prose written straight in a cell with line breaks,
    or it has a single cell (a frame around the article). Read as a data table, a layout table
    became one huge cell, or was left out with the menus beside it.
    """
    cells = table.xpath(rules.OWN_CELLS_XPATH)
    if len(cells) == 1:
        return bool(" ".join(string_value(cells[0]).split()))
    if any(_prose_cell(cell) for cell in cells):
        return not _data_grid(table)
    if len(" ".join(string_value(table).split())) < rules.LAYOUT_TABLE_MIN_TEXT:
        return False
    return bool(table.xpath(rules.LAYOUT_TABLE_BLOCKS_XPATH)) and not _data_grid(table)


def figure_table(table: etree._Element) -> bool:
    """True for a small table framing one picture and its caption (a photo set beside the story):
    one cell holding both, or the picture's cell with the caption's (and the credit's) below it."""
    cells = table.xpath(rules.OWN_CELLS_XPATH)
    if not 1 <= len(cells) <= rules.FIGURE_TABLE_MAX_CELLS or len(table.xpath(".//img")) != 1 \
            or table.find(".//table") is not None:
        return False
    return len(" ".join(string_value(table).split())) <= rules.FIGURE_TABLE_MAX_TEXT


def as_figure(table: etree._Element) -> None:
    """Make a figure table a block named as a figure, the cells of text beside its picture named as
    the caption when nothing in them is one. Not a <figure>: an HTML5 element would make the page
    look newer than it is."""
    cells = table.xpath(rules.OWN_CELLS_XPATH)
    named = any(rules.CAPTION_NAMED.search(el.get("class") or "") for cell in cells for el in cell.iter()
                if isinstance(el.tag, str))
    for part in table.xpath("./thead|./tbody|./tfoot|./tr|./thead/tr|./tbody/tr|./tfoot/tr"):
        part.tag = "div"
    for cell in cells:
        cell.tag = "div"
        if not named and own_text(cell) and (len(cells) == 1 or cell.find(".//img") is None):
            cell.set("class", "caption")
    table.tag = "div"
    table.set("class", "figure")


def _prose_cell(cell: etree._Element) -> bool:
    """True for a cell holding prose straight in it: lines parted by <br>, long, not links."""
    if cell.find(".//br") is None:
        return False
    return len(own_text(_as_block(cell), links=False)) >= rules.PROSE_CELL_MIN_CHARS


def _as_block(element: etree._Element) -> etree._Element:
    """Return the element, or the one inline wrapper filling it (a <font> around a cell's text)."""
    children = [child for child in element if isinstance(child.tag, str) and child.tag != "br"]
    if len(children) == 1 and children[0].tag in _WRAPPERS and not (element.text or "").strip() \
            and len(" ".join(own_text(element).split())) <= len(" ".join(string_value(children[0]).split())):
        return children[0]
    return element


def _data_grid(table: etree._Element) -> bool:
    """True for a table shaped as data: rows of the same number of short cells (a price list, a
    comparison), even when a cell wraps its value in a <p>. A layout table has one or two long
    cells per row; unwrapped, a grid's values ran together as one paragraph per cell. Cells holding
    lists are no grid: the extractor's table reading drops lists in cells."""
    rows = table.xpath("./tr|./*/tr")
    if len(rows) < rules.DATA_GRID_MIN_ROWS or table.xpath(rules.CELL_LISTS_XPATH):
        return False
    cells = [row.xpath("./td|./th") for row in rows]
    if len({len(row) for row in cells}) != 1 or len(cells[0]) < 2:
        return False
    lengths = sorted(len(" ".join(string_value(cell).split())) for row in cells for cell in row)
    return lengths[len(lengths) // 2] <= rules.DATA_GRID_MAX_CELL_CHARS


def unwrap_table(table: etree._Element) -> list[etree._Element]:
    """Turn a layout table's own rows and cells into plain blocks, leaving nested tables to their own
    test; return its side columns.

    A row's narrower cells beside the one holding most of its prose are its side columns (most
    read, classifieds, a note about the writer): left in, the extractor may take them in with the
    story. The caller drops them.
    """
    side = [cell for row in table.xpath("./tr|./thead/tr|./tbody/tr|./tfoot/tr") for cell in _side_cells(row)]
    for part in table.xpath("./thead|./tbody|./tfoot|./tr|./thead/tr|./tbody/tr|./tfoot/tr|" + rules.OWN_CELLS_XPATH):
        part.tag = "div"
    table.tag = "div"
    return side


def _side_cells(row: etree._Element) -> list[etree._Element]:
    """Return the cells of a row that are narrower than its story cell and hold under half its prose.

    Only widths the page declares count: without them, no cell is known to be a side column."""
    cells = [(cell, prose_length(cell), _width(cell)) for cell in row if cell.tag in ("td", "th")]
    if len(cells) < 2:
        return []
    story, story_prose, story_width = max(cells, key=lambda item: item[1])
    if story_prose < rules.STORY_CELL_MIN_PROSE or story_width is None:
        return []
    return [cell for cell, prose, width in cells if cell is not story and width is not None
            and width[1] == story_width[1] and width[0] < story_width[0] and prose < story_prose / 2
            and cell.find(".//h1") is None]


def prose_length(element: etree._Element) -> int:
    """Return the length of an element's text outside links, spaces squashed."""
    text = len(" ".join(string_value(element).split()))
    return text - sum(len(" ".join(string_value(link).split())) for link in element.iter("a"))


def _width(cell: etree._Element) -> tuple[float, str] | None:
    """Return a cell's declared width and its unit ("%" or "px"), or None."""
    found = rules.CELL_WIDTH.match(cell.get("width") or "")
    return (float(found.group(1)), found.group(2) or "px") if found else None


# --- loose text -----------------------------------------------------------------------------------

def blocks_from_loose_text(root: etree._Element) -> None:
    """Make the text written straight in containers into paragraphs, in place.

    Paragraphs parted by <br><br> are split. On a page of the era before HTML5, text beside blocks
    in a <div> (an article's lines after its picture and between its subheadings) becomes one <p>
    per run, split at <br><br> (not in a picture's caption, named so: the figure reads it), and a
    <blockquote> indenting a whole article is a <div>; when such
    a page writes most of its text outside paragraphs, a <div> holding only text and inline
    elements becomes a <p> (a page writing each paragraph as a <div>). On a modern page only a
    <div> of sentences does (`_prose_divisions`), with the lines of text beside it; a modern page
    with no <p> at all writes its article loose as the old ones did, and is read as they are (the
    extractor, reading loose text, ran a link's text into the word after it and kept one section).
    """
    # The extractor reads two adjacent <br> in a paragraph as one line break: the paragraphs are
    # parted before it sees them.
    for paragraph in list(root.iter("p")):
        if _has_paragraph_breaks(paragraph):
            _replace_by_paragraphs(paragraph)
    if not _before_html5(root) and next(root.iter("p"), None) is not None:
        for div in _prose_divisions(root):
            _lines_as_paragraphs(div)
        _wrap_prose_after_pictures(root)
        return
    for pre in list(root.iter("pre")):
        if _prose_preformatted(pre):
            _pre_as_paragraphs(pre)
    for wrapper in list(root.iter(*_WRAPPERS)):
        if _acts_as_block(wrapper):
            wrapper.tag = "div"
    # Old pages indent a whole article with <blockquote>; a quotation holds no heading (a modern
    # page's call-out box may, and stays).
    for quote in list(root.iter("blockquote")):
        if quote.find(".//h1") is not None or quote.find(".//h2") is not None or quote.find(".//h3") is not None:
            quote.tag = "div"
    divs_are_paragraphs = _prose_outside_paragraphs(root)
    for container in list(root.iter(*_CONTAINERS)):
        if container.getparent() is None and container.tag != "body" or not _has_loose_text(container):
            continue
        if _caption_named(container) or next(container.iterancestors("a"), None) is not None:
            # A picture's caption, or a link's label (a share button's "Facebook", a card's title):
            # made a paragraph, it was read as the story's text.
            continue
        if container.tag == "div" and not _has_blocks(container) and not _has_paragraph_breaks(container):
            if divs_are_paragraphs and not _mostly_links(container):
                container.tag = "p"
        else:
            _wrap_loose_runs(container)


def _wrap_prose_after_pictures(root: etree._Element) -> None:
    for picture in _pictures_before_prose(root):
        _wrap_run_after(picture)


def _pictures_before_prose(root: etree._Element) -> list[etree._Element]:
    """Return the blocks holding only a picture (and its caption) that a paragraph of prose
    follows written loose (`<div><img></div>` then the text, up to a <br><br> or the next block).

    The extractor, reading pictures, loses the text after such a block. Only prose counts: a
    card's label after its picture stays as it is.
    """
    found = []
    for block in root.iter(*_PICTURE_BLOCKS):
        if block.getparent() is None or block.find(".//img") is None or _text_beside_caption(block):
            continue
        tail = " ".join((block.tail or "").split())
        if reading_length(tail) >= rules.PROSE_DIV_MIN_CHARS and len(rules.SENTENCE_STOP.findall(tail)) >= rules.PROSE_DIV_MIN_SENTENCES:
            found.append(block)
    return found


def _text_beside_caption(block: etree._Element) -> bool:
    """True when the block holds text outside its caption (`<figcaption>`): it is more than a picture."""
    captions = list(block.iter("figcaption"))
    if not captions:
        return bool(string_value(block).strip())
    for text in block.xpath(".//text()"):
        holder = text.getparent().getparent() if text.is_tail else text.getparent()
        if text.strip() and holder is not None and not any(
                caption is holder or caption in holder.iterancestors() for caption in captions):
            return True
    return False


def _wrap_run_after(block: etree._Element) -> None:
    """Wrap the text after a block, with the inline elements holding text that follow it (a link,
    a bold word), in a <p> of its own: a line break or an empty element (a page's paragraph
    marker, `<span class="br"></span>`) ends it, as does the next block."""
    paragraph = etree.Element("p")
    paragraph.text, block.tail = block.tail, None
    following = block.getnext()
    while following is not None and isinstance(following.tag, str) and following.tag in _INLINE \
            and following.tag not in ("br", "img") and string_value(following).strip():
        after = following.getnext()
        paragraph.append(following)  # moves it, its tail with it
        following = after
    block.addnext(paragraph)


def _prose_divisions(root: etree._Element) -> list[etree._Element]:
    """Return the <div>s written as paragraphs, and those of the same class holding text: a list's
    items are one component, and an item whose text is shorter was lost beside the others."""
    prose = [div for div in root.iter("div") if _prose_division(div)]
    kinds = {div.get("class") for div in prose} - {None, ""}
    chosen = set(prose)
    return prose + [div for div in root.iter("div") if div.get("class") in kinds and div not in chosen
                    and _text_division(div)] if kinds else prose


def _prose_division(div: etree._Element) -> bool:
    """True for a <div> written as a paragraph: sentences straight in it, inline markup only.

    The extractor reads the text of a <div> only on pages short of <p> text, and an item of a
    ranked list written so (its heading, its paragraph as a bare <div>, its facts) was lost whole.
    A card's summary or a label is shorter, or not sentences; a caption is named so.
    """
    if not _text_division(div):
        return False
    text = " ".join(string_value(div).split())
    if reading_length(text) < rules.PROSE_DIV_MIN_CHARS or _has_paragraph_breaks(div) \
            or len(rules.SENTENCE_STOP.findall(text)) < rules.PROSE_DIV_MIN_SENTENCES or _mostly_links(div):
        return False
    return not any(element.tag == "figure" or rules.CAPTION_NAMED.search(element.get("class") or "")
                   for element in (div, *div.iterancestors()))


def _lines_as_paragraphs(div: etree._Element) -> None:
    """Make a prose <div> a paragraph, and the lines of text in <div>s beside it (a name above it,
    its facts) paragraphs too when they are few: made a paragraph alone, it was kept without them."""
    group = div.getparent()
    if group is not None and len(" ".join(string_value(group).split())) <= rules.PROSE_DIV_GROUP_MAX_CHARS:
        for line in group.iter("div"):
            if line is not div and _has_loose_text(line) and _inline_only(line):
                line.tag = "p"
    div.tag = "p"


def _text_division(div: etree._Element) -> bool:
    """True for a <div> opening with text and holding inline markup only."""
    return bool((div.text or "").strip()) and _inline_only(div)


def _inline_only(element: etree._Element) -> bool:
    return all(not isinstance(child.tag, str) or child.tag in _INLINE for child in element.iterdescendants())


def _prose_preformatted(pre: etree._Element) -> bool:
    """True for a <pre> holding prose typed with hard line breaks (a wire story, a mailing-list
    post): sentences, and next to none of the brackets and operators of code."""
    if len(pre) and any(isinstance(child.tag, str) and child.tag not in rules.INLINE_TAGS for child in pre):
        return False
    text = string_value(pre)
    if len(text) < rules.PROSE_PRE_MIN_CHARS or len(rules.SENTENCE_STOP.findall(text)) < rules.PROSE_PRE_MIN_SENTENCES:
        return False
    return len(re.findall(r"[{}();=<>\[\]\\|$#]", text)) <= rules.PROSE_PRE_MAX_CODE_SHARE * len(text)


def _pre_as_paragraphs(pre: etree._Element) -> None:
    """Replace the <pre> by one <p> per run of lines between blank lines, the lines joined."""
    runs = [" ".join(run.split()) for run in re.split(r"\n\s*\n", string_value(pre))]
    paragraphs = []
    for run in filter(None, runs):
        paragraphs.append(etree.Element("p"))
        paragraphs[-1].text = run
    if not paragraphs:
        return
    paragraphs[-1].tail = pre.tail
    parent, index = pre.getparent(), pre.getparent().index(pre)
    parent.remove(pre)
    for offset, paragraph in enumerate(paragraphs):
        parent.insert(index + offset, paragraph)


def _caption_named(element: etree._Element) -> bool:
    return any(rules.CAPTION_NAMED.search(block.get("class") or "")
               for block in (element, *element.iterancestors()) if block.tag != "body")


def _before_html5(root: etree._Element) -> bool:
    """True for a page marked up without HTML5's sectioning elements, as pages were before it.

    Modern pages (cards, design systems) also hold much text loose in <div>s: summaries, labels,
    captions; made into paragraphs there, they were read as body (3 `tune` pages lost 0.03 to
    0.11 F1).
    """
    return next(root.iter(*rules.HTML5_ELEMENTS), None) is None


def _prose_outside_paragraphs(root: etree._Element) -> bool:
    """True for a page writing more of its text loose in containers than in paragraphs and lists.

    Such a page writes its article without <p>. On a page that has paragraphs, the loose text is
    captions, dates and labels: made into paragraphs, they were read as body.
    """
    paragraphs = sum(len(own_text(block, links=False)) for block in root.iter("p", "li"))
    loose = sum(len(own_text(block, links=False)) for block in root.iter(*_CONTAINERS, "td", "th"))
    return loose > paragraphs


def split_at_paragraph_breaks(element: etree._Element) -> None:
    """Wrap the runs of an element's content parted by <br><br> in a <p> each, in place.

    A paragraph holding such breaks is several paragraphs the page wrote with line breaks; left
    whole, its Markdown glued them into one paragraph of hard-broken lines.
    """
    if _has_paragraph_breaks(element):
        _wrap_loose_runs(element)


def _replace_by_paragraphs(paragraph: etree._Element) -> None:
    """Replace a paragraph parted by <br><br> by one paragraph per part."""
    _wrap_loose_runs(paragraph)
    parts = list(paragraph)
    if paragraph.getparent() is None or not parts:
        return
    for part in parts:
        paragraph.addprevious(part)
    parts[-1].tail = (parts[-1].tail or "") + (paragraph.tail or "")
    paragraph.getparent().remove(paragraph)


def _acts_as_block(wrapper: etree._Element) -> bool:
    return _has_blocks(wrapper) or _has_paragraph_breaks(wrapper)


def _mostly_links(element: etree._Element) -> bool:
    """True for a line of links (a menu, a list of stories): no paragraph, whatever holds it."""
    return link_share(element) > rules.MAX_LINK_DENSITY


def link_share(element: etree._Element) -> float:
    """Return the share of an element's text inside links (0 for an element without text)."""
    text = len(" ".join(string_value(element).split()))
    linked = sum(len(" ".join(string_value(link).split())) for link in element.iter("a"))
    return linked / text if text else 0.0


def _has_blocks(element: etree._Element) -> bool:
    return any(isinstance(child.tag, str) and child.tag not in _INLINE for child in element)


def _has_loose_text(container: etree._Element) -> bool:
    if (container.text or "").strip():
        return True
    return any((child.tail or "").strip() or isinstance(child.tag, str) and child.tag in _INLINE and child.tag != "br"
               and string_value(child).strip() for child in container)


def _has_paragraph_breaks(element: etree._Element) -> bool:
    return any(_break_pair(child) for child in element.iterchildren("br"))


def _break_pair(br: etree._Element) -> bool:
    """True for a <br> followed by another with only white space between (a paragraph break)."""
    following = br.getnext()
    return following is not None and following.tag == "br" and not (br.tail or "").strip()


def _wrap_loose_runs(container: etree._Element) -> None:
    """Wrap each run of text and inline elements between blocks or paragraph breaks in a <p>."""
    items = [container.text, *[node for child in container for node in (child, child.tail)]]
    container.text = None
    for child in list(container):
        child.tail = None
        container.remove(child)
    run: list = []
    for item in items:
        if item is None:
            continue
        if isinstance(item, str) or isinstance(item.tag, str) and item.tag in _INLINE:
            if not isinstance(item, str) and item.tag == "br" and _ends_with_break(run):
                _flush(run, container)
                continue
            run.append(item)
            continue
        _flush(run, container)
        container.append(item)
    _flush(run, container)


def _ends_with_break(run: list) -> bool:
    """True when the run's last element is a <br> with only white space after it."""
    trailing = [item for item in run if not (isinstance(item, str) and not item.strip())]
    return bool(trailing) and not isinstance(trailing[-1], str) and trailing[-1].tag == "br"


def _run_text(run: list, links: bool = True) -> str:
    """Return the text of a run of strings and inline elements, link text left out without `links`."""
    parts = [item if isinstance(item, str) else "" if item.tag == "a" and not links else string_value(item)
             for item in run]
    return " ".join("".join(parts).split())


def _flush(run: list, container: etree._Element) -> None:
    """Append the run to the container as a paragraph, or as it was when it holds no text."""
    while run and (isinstance(run[-1], str) and not run[-1].strip() or not isinstance(run[-1], str) and run[-1].tag == "br"):
        run.pop()
    prose = _run_text(run, links=False)
    target = etree.SubElement(container, "p") if prose and len(prose) * 2 >= len(_run_text(run)) else container
    for item in run:
        if isinstance(item, str):
            if len(target):
                target[-1].tail = (target[-1].tail or "") + item
            else:
                target.text = (target.text or "") + item
        else:
            target.append(item)
    run.clear()
