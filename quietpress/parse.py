"""Stage 2b, parse: text to an HTML tree, with limits so a hostile page cannot exhaust memory."""

from __future__ import annotations

import re

import lxml.html
from lxml import etree

from quietpress.errors import ExtractionError

# Pages deeper than this are flattened by the parser; real articles stay under a hundred levels.
# (libxml2 without huge_tree stops reading at depth 256: what follows a 20,000-level nest is lost,
# what precedes it is imported; tests/test_hostile.py pins this.)
MAX_DEPTH = 400
# More elements than this and the page is refused before extraction: the largest of the 181 real
# news pages in the scrapinghub corpus has 1,709, and trafilatura spends about 0.3 ms per element
# on a shared core, so a 50 MB page of 120,000 paragraphs took 38 s; 30,000 bounds a page at ~10 s.
MAX_ELEMENTS = 30_000
# Every element opens with a `<`; scripts, comments and stray `<` in text add more, so the markup
# is refused before parsing only when it holds four times more openings than elements allowed.
MAX_OPENING_TAGS = 4 * MAX_ELEMENTS
# More than the elements libxml2 adds once per page without a `<` for them (html, head, body).
IMPLIED_ELEMENTS = 100
# Void in HTML5 but containers to libxml2: without this, everything after a `<source>` or an
# `<embed>` (written, as HTML5 allows, without a closing tag) was nested inside it, and a
# converter that drops embeds dropped the rest of the article with it (tests/test_markdown.py).
HTML5_VOID = ("embed", "source", "track", "wbr", "keygen")
# An XML declaration (XHTML pages) names an encoding; lxml refuses decoded text that carries one
# ("no HTML could be parsed"). The text is decoded already, so the declaration has nothing to say.
XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)
# Numeric character references to control characters (`&#14;`): lxml puts the character into the
# tree, and trafilatura then fails on the whole page, so one such link lost a whole article. Only
# the numbers _control_reference changes are matched (0-31 and 127-159, hexadecimal or decimal,
# leading zeros allowed): a page's thousands of `&#8217;` no longer cost a Python call each.
CONTROL_REFERENCE = re.compile(r"&#(x0*(?:1?[0-9a-f]|7f|[89][0-9a-f])(?![0-9a-f])"
                               r"|0*(?:[12]?[0-9]|3[01]|12[7-9]|1[3-5][0-9])(?![0-9]));?", re.I)
# lxml.html's parser picks each element's class in Python (form controls get classes of their
# own), once for every element object made: trafilatura, htmldate and the rules here make millions
# while walking a page, 4% of extraction time. Nothing here uses the form classes, so lxml picks
# the same HtmlElement class (with text_content, cssselect, drop_tree) in C.
HTML_CLASSES = etree.ElementDefaultClassLookup(element=lxml.html.HtmlElement, comment=lxml.html.HtmlComment,
                                               pi=lxml.html.HtmlProcessingInstruction, entity=lxml.html.HtmlEntity)


def _control_reference(match: re.Match) -> str:
    """`&#150;` means an en dash on the web (HTML maps 128-159 through windows-1252); a carriage
    return becomes a newline; every other control character is dropped."""
    number = match.group(1)
    code = int(number[1:], 16) if number[:1] in "xX" else int(number)
    if 0x80 <= code <= 0x9F:
        return bytes([code]).decode("cp1252", errors="ignore")
    if code == 13:
        return "\n"
    if code < 0x20 and code not in (9, 10) or code == 0x7F:
        return ""
    return match.group(0)


def parse_html(text: str, source: str = "<text>") -> etree._Element | None:
    """Return the page's root element, or None when nothing parseable is left.

    Raises ExtractionError naming `source` when the page is too large to extract.
    """
    if not text.strip():
        return None
    if text.lstrip()[:5].lower() == "<?xml":
        text = XML_DECLARATION.sub("", text, count=1)
    # Counted before the tree is built: 64 MB of `<p>` (a few kB gzipped) made 22 million elements,
    # 3 GB and 33 s, before the element limit below could look at them.
    # Closing tags are counted (a second pass) only when the openings alone could be too many.
    opening = text.count("<")
    if opening > MAX_OPENING_TAGS:
        opening -= text.count("</")
    if opening > MAX_OPENING_TAGS:
        raise ExtractionError(source, f"page too large to extract (about {opening:,} tags, limit {MAX_ELEMENTS:,} elements)")
    if "&#" in text:
        text = CONTROL_REFERENCE.sub(_control_reference, text)
    parser = html_parser(remove_comments=True, remove_pis=True, huge_tree=False, default_doctype=False)
    try:
        root = lxml.html.document_fromstring(text, parser=parser)
    except (etree.ParserError, ValueError):
        return None
    # Nearly every element the parser makes opens with a `<` of the markup; the ones it implies
    # (html, head, body, a paragraph around loose text) take a `<` of their own to repeat. A page
    # with under half as many openings as elements allowed cannot have too many, and is not
    # counted again (a walk of the tree): 1,267 of the 1,285 corpus pages.
    if 2 * opening + IMPLIED_ELEMENTS <= MAX_ELEMENTS:
        unnest_void_elements(root)
        return root
    # Counted by XPath: iterating would make a Python object of every element just to count it.
    # The parser keeps no comments or processing instructions, so the nodes that are not text
    # are the elements; `//*` counts them 17 times faster than a test of every node.
    count = int(root.xpath("count(//*)"))
    if count > MAX_ELEMENTS:
        raise ExtractionError(source, f"page too large to extract ({count:,} elements, limit {MAX_ELEMENTS:,})")
    unnest_void_elements(root)
    return root


def html_parser(**options: bool) -> etree.HTMLParser:
    """Return an HTML parser making lxml.html elements, their class picked in C (HTML_CLASSES)."""
    parser = etree.HTMLParser(**options)
    parser.set_element_class_lookup(HTML_CLASSES)
    return parser


# An element's text, as XPath's string() gives it, from an expression compiled once: `element.xpath(
# "string()")` compiles it again on every call, three times the cost (5 against 1.5 us an element),
# and the rules ask it of thousands of elements a page.
string_value = etree.XPath("string()")


def parse_fragment(html: str) -> lxml.html.HtmlElement:
    """Return an HTML fragment (an article body) parsed inside a <div>."""
    return lxml.html.fragment_fromstring(html, create_parent="div", parser=FRAGMENT_PARSER)


FRAGMENT_PARSER = html_parser()


def unnest_void_elements(root: etree._Element) -> None:
    """Move what libxml2 nested inside HTML5 void elements (HTML5_VOID) back after them, in place."""
    for element in list(root.iter(*HTML5_VOID)):
        if not len(element) and not element.text:
            continue
        children, tail = list(element), element.tail
        element.tail, element.text = element.text, None
        anchor = element
        for child in children:  # lxml moves an element together with its tail
            anchor.addnext(child)
            anchor = child
        anchor.tail = (anchor.tail or "") + (tail or "") or None


def append_text(target: etree._Element, text: str | None) -> None:
    """Put text at the end of an element's content (its last child's tail, or its own text)."""
    if not text:
        return
    if len(target):
        target[-1].tail = (target[-1].tail or "") + text
    else:
        target.text = (target.text or "") + text
