"""Stage 2b, parse: text to an HTML tree, with limits so a hostile page cannot exhaust memory."""

from __future__ import annotations

import lxml.html
from lxml import etree

# Pages deeper than this are flattened by the parser; real articles stay under a hundred levels.
MAX_DEPTH = 400


def parse_html(text: str) -> etree._Element | None:
    """Return the page's root element, or None when nothing parseable is left."""
    if not text.strip():
        return None
    parser = lxml.html.HTMLParser(remove_comments=True, remove_pis=True, huge_tree=False, default_doctype=False)
    try:
        root = lxml.html.document_fromstring(text, parser=parser)
    except (etree.ParserError, ValueError):
        return None
    return root
