"""Markup the extractor misreads, rewritten before it runs as a browser shows it to a reader.

- A <pre> keeps its lines only when the extractor takes it for code: syntax-highlighted code (a
  run of token spans, as Pygments and Rouge write it) and preformatted prose became a one-line
  quotation. Each <pre> is handed over as one listing.
- A highlighter's numbered listing (a table: a cell of line numbers beside the code) is the code.
- An inline quotation (<q>) was read as a block quotation, cutting its sentence in three; a
  browser shows it between quotation marks, and so does the archive.
- A quotation's attribution, in the <footer> of its <blockquote> or in the <figcaption> of the
  <figure> around it (the two forms the HTML standard gives), was dropped with the page's
  footers and captions; it stays with the quotation, as its last paragraph. Text standing loose
  in a quotation beside its paragraphs (an embedded post's "— Name (@handle) <a>date</a>") is a
  paragraph of its own, as a browser lays it out: the extractor trimmed the spaces at its links.
- A superscript or subscript of digits (10<sup>6</sup>, m<sup>2</sup>, CO<sub>2</sub>, a note's
  number) ran into the text before it ("106", "m2"): written with Unicode's superscript and
  subscript digits ("10⁶", "m²", "CO₂"), it says what the page showed. Letters are left as they
  are ("1<sup>st</sup>" reads "1st"): Unicode has no full set of them.
- A caption the extractor has no place for was dropped: a table's <caption> (read as a row of
  the table, and its header row pushed down) becomes the paragraph above the table, and the
  <figcaption> of a figure with no picture (a table, an embedded post, a video) a paragraph
  where it stood. A video's poster frame is its picture.
- A list in a table's cell was dropped with its items (the extractor reads text and line breaks
  in cells): its items become the cell's lines.
- A link whose whole text is formatted (<a><strong>Text</strong></a>) and that is the whole of
  its block lost its address: the extractor keeps such a link only when it has text of its own
  or text after it. Its text is written plain in it; the link is what the reader follows.
"""

from __future__ import annotations

from lxml import etree

from quietpress.extract.tree import append_text, unwrap

# Formatting a link's text may be wrapped in, and nothing else.
INLINE_FORMATTING = frozenset({"strong", "b", "em", "i", "u", "span", "font"})
CELLS = "./tr/td | ./tbody/tr/td | ./tr/th | ./tbody/tr/th"
# Elements a browser lays out as blocks of their own, inside a quotation.
BLOCKS = frozenset({"p", "div", "ul", "ol", "dl", "blockquote", "pre", "table", "figure", "footer", "header",
                    "section", "h1", "h2", "h3", "h4", "h5", "h6", "hr"})
# What a figure without a picture shows, above its caption.
CAPTIONED_CONTENT = ("table", "pre", "blockquote", "iframe", "video", "audio", "object", "embed", "ul", "ol", "p")
SCRIPT_CHARACTERS = "0123456789+-=()\u2212"
SUPERSCRIPTS = str.maketrans(SCRIPT_CHARACTERS, "\u2070\u00b9\u00b2\u00b3\u2074\u2075\u2076\u2077\u2078\u2079\u207a\u207b\u207c\u207d\u207e\u207b")
SUBSCRIPTS = str.maketrans(SCRIPT_CHARACTERS, "\u2080\u2081\u2082\u2083\u2084\u2085\u2086\u2087\u2088\u2089\u208a\u208b\u208c\u208d\u208e\u208b")
# Quotation marks of an inline quotation, outermost first (a quotation inside one takes single marks).
QUOTE_MARKS = (("\u201c", "\u201d"), ("\u2018", "\u2019"))


def as_read(listings: list, inline_quotes: list, blockquotes: list, scripts: list, captioned: list) -> None:
    """Rewrite, in place, a page's <pre>, <q>, <blockquote>, <sup>, <sub> and captioned elements
    (<figure>, <caption>, <video>, <audio>) as a reader sees them."""
    for script in scripts:
        in_script_digits(script)
    for pre in listings:
        as_one_listing(pre)
    depths = [sum(1 for a in q.iterancestors("q")) for q in inline_quotes]
    for quote, depth in zip(inline_quotes, depths):
        in_marks(quote, *QUOTE_MARKS[min(depth, 1)])
    for quote in blockquotes:
        keep_attribution(quote)
    for element in captioned:
        if element.tag in ("video", "audio"):
            poster_as_picture(element)
    for element in captioned:
        if element.tag == "caption":
            caption_above_table(element)
        elif element.tag == "figure":
            keep_caption_without_picture(element)


def formatted_link_as_text(link: etree._Element) -> None:
    """Write a link's formatted text plain in it, when the link is the whole of its block (a line
    of a list of links; see the module's note). A link in a sentence, or after a label ("Also on
    ..."), is left as it is."""
    parent = link.getparent()
    if len(link) != 1 or parent is None or len(parent) != 1 or (parent.text or "").strip() \
            or (link.text or "").strip() or (link.tail or "").strip():
        return
    wrapper = link[0]
    if (wrapper.tail or "").strip() or any(element.tag not in INLINE_FORMATTING for element in wrapper.iter()):
        return
    link.text = (link.text or "") + "".join(wrapper.itertext()) + (wrapper.tail or "")
    link.remove(wrapper)


def as_one_listing(pre: etree._Element) -> None:
    """Hold a <pre>'s content in one <span>, the shape the extractor reads as a listing; a line
    break written as <br> in it is a line of the listing (the extractor joined them)."""
    for br in list(pre.iter("br")):
        br.tail = "\n" + (br.tail or "")
        unwrap(br)
    if len(pre) == 1 and pre[0].tag == "span" and not (pre.text or "").strip() and not (pre[0].tail or "").strip():
        return
    wrapper = etree.Element("span")
    wrapper.text, pre.text = pre.text, None
    for child in list(pre):
        wrapper.append(child)  # moves the child, its tail with it
    pre.append(wrapper)


def numbered_listing(table: etree._Element) -> bool:
    """True for a code listing laid out as a table: one cell of line numbers (1, 2, 3 ... one a
    line) beside one holding the <pre> (Pygments' "highlighttable", Hugo's "lntable", Rouge's
    "rouge-table")."""
    cells = table.xpath(CELLS)
    if len(cells) != 2 or cells[1].find(".//pre") is None:
        return False
    numbers = cells[0].text_content().split()
    if not numbers or not numbers[0].isdigit():
        return False
    first = int(numbers[0])
    return numbers == [str(n) for n in range(first, first + len(numbers))]


def listing_of(table: etree._Element) -> etree._Element:
    """The <pre> of a numbered listing's code cell; the line numbers are the highlighter's layout."""
    return next(table.xpath(CELLS)[1].iter("pre"))


def lists_in_cells_as_lines(table: etree._Element) -> None:
    """Write each list in a cell of this table (not of a table inside it) as lines of the cell."""
    for found in table.xpath(".//td//ul | .//td//ol | .//th//ul | .//th//ol"):
        if next(found.iterancestors("table"), None) is not table or found.getparent() is None:
            continue
        items = [item for item in found if item.tag == "li"]
        lines = etree.Element("span")
        for index, item in enumerate(items):
            if index:
                etree.SubElement(lines, "br")
            line = etree.SubElement(lines, "span")
            line.text = item.text
            for child in list(item):
                line.append(child)
        lines.tail = found.tail
        found.getparent().replace(found, lines)


def in_script_digits(element: etree._Element) -> None:
    """Write a <sup> or <sub> of digits (in a link or not) with superscript or subscript digits."""
    holder = element
    if len(element) == 1 and element[0].tag == "a" and not (element.text or "").strip() and not (element[0].tail or "").strip():
        holder = element[0]  # a note's number links to the note
    if len(holder):
        return
    text = (holder.text or "").strip()
    if not text or not set(text) <= set(SCRIPT_CHARACTERS) or not any(c.isdigit() for c in text):
        return
    holder.text = text.translate(SUPERSCRIPTS if element.tag == "sup" else SUBSCRIPTS)


def in_marks(quote: etree._Element, opening: str, closing: str) -> None:
    """Put an inline quotation's text between quotation marks; it becomes a plain <span>."""
    quote.text = opening + (quote.text or "")
    if len(quote):
        quote[-1].tail = (quote[-1].tail or "") + closing
    else:
        quote.text += closing
    quote.tag = "span"
    quote.attrib.clear()


def keep_attribution(quote: etree._Element) -> None:
    """Make a block quotation's attribution a plain paragraph of the quotation."""
    _loose_runs_as_paragraphs(quote)
    for footer in quote.iter("footer"):
        _as_paragraph(footer)
    figure = quote.getparent()
    if figure is None or figure.tag != "figure" or figure.find(".//img") is not None:
        return
    caption = figure.find("figcaption")
    if caption is not None:
        caption.tail = None
        quote.append(caption)
        _as_paragraph(caption)
        figure.tag = "div"
        figure.attrib.clear()


def poster_as_picture(media: etree._Element) -> None:
    """Put a video's poster frame in its place, as the picture of its figure."""
    poster = (media.get("poster") or "").strip()
    parent = media.getparent()
    if not poster or parent is None:
        return
    picture = etree.Element("img", src=poster, alt=media.get("aria-label") or media.get("title") or "")
    picture.tail = media.tail
    parent.replace(media, picture)


def caption_above_table(caption: etree._Element) -> None:
    table = caption.getparent()
    if table is None or table.tag != "table":
        return
    _as_paragraph(caption)
    table.addprevious(caption)


def keep_caption_without_picture(figure: etree._Element) -> None:
    """A figure of a table, a listing, a quotation or an embed (no picture) gives way to its content
    (the extractor drops some whole: a listing's); its caption stays, a paragraph where it stood.
    The caption of a picture the capture does not hold (a placeholder a script fills) is left to
    the figure rules: standing alone it reads as a stray line."""
    if figure.getparent() is None or figure.find(".//img") is not None \
            or next(figure.iter(*CAPTIONED_CONTENT), None) is None:
        return
    caption = figure.find(".//figcaption")
    if caption is None:
        return
    _as_paragraph(caption)
    unwrap(figure)


def _loose_runs_as_paragraphs(quote: etree._Element) -> None:
    """Put each run of text and inline elements between a quotation's blocks in a paragraph."""
    children = list(quote)
    if not any(isinstance(child.tag, str) and child.tag in BLOCKS for child in children):
        return
    pieces = [quote.text] + [node for child in children for node in (child, child.tail)]
    quote.text = None
    for child in children:
        child.tail = None
        quote.remove(child)
    paragraph = None
    for piece in pieces:
        if piece is None:
            continue
        if isinstance(piece, str):
            if paragraph is None and piece.strip():
                paragraph = etree.SubElement(quote, "p")
            if paragraph is not None:
                append_text(paragraph, piece)
        elif isinstance(piece.tag, str) and piece.tag in BLOCKS:
            paragraph = None
            quote.append(piece)
        else:
            if paragraph is None:
                paragraph = etree.SubElement(quote, "p")
            paragraph.append(piece)


def _as_paragraph(element: etree._Element) -> None:
    # Its class names ("footer", "caption") would make it furniture to the extractor.
    element.tag = "p"
    element.attrib.clear()
