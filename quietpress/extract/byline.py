"""The byline a reader sees: a name after a "By" label in the page's text.

Many pages mark their byline in no way a machine reads (no JSON-LD author, no meta, no `author`
or `byline` class) and still print it: "By Amy Wilhelm" under the headline, "by:" and the name in
the next element, "Written by" over an author box, "Contributors: Janet Loughrey". The label is
what says the name is the article's author; a name without one is any person the page mentions.
"""

from __future__ import annotations

import re

from lxml import etree

# A label standing alone, the name in the next piece of text ("By" <span>Daryl Austin</span>).
LABEL_ALONE = re.compile(r"^(?:(?:written|posted|article|story|words|text|reported|published)\s+)?by\s*:?$|"
                         r"^(?:authors?|author\(s\)|contributors?|writers?|autor(?:in)?|auteur|verfasser)\s*:?$", re.I)
# A label and the name in one piece ("By Amy Wilhelm", "Written by Cassidy Horton", "Author: Jo Ng").
LABEL_AND_NAME = re.compile(r"^(?:(?:written|posted|article|story|words|text|reported|published)\s+)?by\s*:?\s+(?P<by>.+)$|"
                            r"^(?:authors?|contributors?|writers?|autor(?:in)?|auteur|verfasser)\s*:\s*(?P<colon>.+)$", re.I)
# What sort and filter menus order "by": their labels introduce no one ("By Category").
SORT_WORDS = {"category", "categories", "topic", "topics", "date", "type", "brand", "price", "industry", "region",
              "year", "author", "popularity", "relevance", "name", "tag", "tags", "role", "product", "size",
              "manufacturer", "series", "style", "format", "location", "level", "subject", "language", "solution"}
# A byline is a short line; a longer piece is a sentence of the text ("by the end of the year, ...").
MAX_BYLINE_CHARS = 60
# Menus sort and filter "By Category", "By Use Case": their labels introduce no one.
TEXT_PIECES = etree.XPath("//body//text()[not(ancestor::script or ancestor::style or ancestor::noscript or ancestor::option"
                          " or ancestor::nav or ancestor::*[contains(@class, 'menu') or contains(@class, 'nav')])]",
                          smart_strings=False)


def labelled_bylines(root: etree._Element) -> list[str]:
    """Return the name the page's first byline label introduces, as a one-item list, or [] when that
    label introduces no person (later labels are comments' and related posts')."""
    from quietpress.extract.authors import split_authors

    pieces = [piece for piece in (" ".join(str(text).split()) for text in TEXT_PIECES(root)) if piece]
    for index, piece in enumerate(pieces):
        if len(piece) > MAX_BYLINE_CHARS:
            continue
        candidate = _named(piece, pieces[index + 1] if index + 1 < len(pieces) else "")
        if candidate:
            return [candidate] if split_authors([candidate]) else []
    return []


def _named(piece: str, following: str) -> str | None:
    """Return the text a label in the piece introduces: the rest of the piece, or the next piece."""
    if LABEL_ALONE.match(piece):
        return following if len(following) <= MAX_BYLINE_CHARS else None
    match = LABEL_AND_NAME.match(piece)
    name = (match["by"] or match["colon"]) if match else None
    # "by the end of the year": a name begins with a capital.
    return name if name and name[0].isupper() and name.casefold() not in SORT_WORDS else None
