"""The byline a reader sees: a name after a "By" label in the page's text.

Many pages mark their byline in no way a machine reads (no JSON-LD author, no meta, no `author`
or `byline` class) and still print it: "By Amy Wilhelm" under the headline, "by:" and the name in
the next element, "Written by" over an author box, "Contributors: Janet Loughrey". The label is
what says the name is the article's author; a name without one is any person the page mentions.
"""

from __future__ import annotations

import re
from typing import Iterator

from lxml import etree

from quietpress.extract.authors import BETWEEN_NAMES, split_authors
from quietpress.extract.headline import TEXT_BELOW

# What may stand before "by": "Written by", "Article written by", "This story was reported by", "Text by",
# "Reporting by" (a wire story's credit line: "Reporting by Jane Doe; Editing by John Roe").
BY_LEAD = (r"(?:(?:(?:this\s+)?(?:article|story|post|piece)\s+(?:was\s+)?)?(?:written|posted|reported|published)\s+|"
           r"(?:article|story|words|text)\s+|(?:additional\s+)?reporting\s+)")
# A label standing alone, the name in the next piece of text ("By" <span>Daryl Austin</span>).
LABEL_ALONE = re.compile(rf"^{BY_LEAD}?by\s*:?$|"
                         r"^(?:authors?|author\(s\)|contributors?|writers?|autor(?:in)?|auteur|verfasser)\s*:?$", re.I)
# A label and the name in one piece ("By Amy Wilhelm", "Written by Cassidy Horton", "Author: Jo Ng").
# The link to the writer's other pieces says the same ("All articles by Elliot Raba", "More posts by ...").
LABEL_AND_NAME = re.compile(rf"^(?:{BY_LEAD}|"
                            r"(?:(?:view|see|read|browse)\s+)?(?:all|more)\s+(?:articles|posts|stories|entries)\s+)?"
                            r"by\s*:?\s+(?P<by>.+)$|"
                            r"^(?:authors?|contributors?|writers?|autor(?:in)?|auteur|verfasser)\s*:\s*(?P<colon>.+)$|"
                            # "by" in Spanish, Portuguese, German, French, Dutch and Italian bylines
                            r"^(?:por|von|par|door|di)\s*:?\s+(?P<foreign>.+)$", re.I)
# What sort and filter menus order "by": their labels introduce no one ("By Category").
SORT_WORDS = {"category", "categories", "topic", "topics", "date", "type", "brand", "price", "industry", "region",
              "year", "author", "popularity", "relevance", "name", "tag", "tags", "role", "product", "size",
              "manufacturer", "series", "style", "format", "location", "level", "subject", "language", "solution"}
# A label in the plural ("Author(s)", "Contributors") may introduce several names, one piece each.
PLURAL_LABEL = re.compile(r"^(?:authors|author\(s\)|contributors|writers)\s*:?$", re.I)
MAX_LISTED_NAMES = 8
# A bar or a dot parts the fields of a byline line: a date, a section, the name.
BYLINE_FIELDS = re.compile(r"\s+[|•·]\s+")
# ... and a semicolon parts a wire story's credits ("Reporting by Jane Doe; Editing by John Roe").
PIECE_FIELDS = re.compile(r"\s+[|•·]\s+|;\s+")
# A byline is a short line; a longer piece is a sentence of the text ("by the end of the year, ...").
MAX_BYLINE_CHARS = 60
# Text that is never a byline: code, styles, form options and menus.
SKIPPED_TAGS = {"script", "style", "noscript", "option", "nav", "template"}
# Where the titles of books, films and papers are set: "<i>Title</i> by Author" credits the work.
WORK_TITLE_TAGS = {"i", "em", "cite"}


def labelled_bylines(root: etree._Element) -> list[str]:
    """Return the name the page's first byline label introduces, as a one-item list, or [] when that
    label introduces no person (later labels are comments' and related posts')."""
    pieces = _text_pieces(root)
    for piece in pieces:
        if len(piece) > MAX_BYLINE_CHARS:
            continue
        candidate = _named(piece, pieces)
        if candidate:
            return [candidate] if split_authors([candidate]) else []
    return []


# Korean news signs a story off with the writer's name beside the role and an e-mail address:
# "정덕현 칼럼니스트 thekian1@..." (name, role), "칼럼니스트 박생강 pillgoo9@..." (role, name).
KOREAN_ROLES = "기자|칼럼니스트|특파원|논설위원|편집위원"
KOREAN_SIGN_OFF = re.compile(rf"^\[?(?:(?:{KOREAN_ROLES})\s+(?P<after>[가-힣]{{2,4}})|(?P<before>[가-힣]{{2,4}})\s*(?:{KOREAN_ROLES}))"
                             r"\]?\s*(?P<mail>[\w.+-]+@[\w-]+(?:\.[\w-]+)+)?\s*$")
KOREAN_ROLE_TEXTS = etree.XPath("//text()[contains(., '기자') or contains(., '칼럼니스트') or contains(., '특파원')"
                                " or contains(., '논설위원') or contains(., '편집위원')]")


def signed_off_names(root: etree._Element) -> list[str]:
    """Return the writer a Korean story's sign-off names (a name and a role, then an e-mail address,
    in a line of their own), as a one-item list, or []."""
    for text in KOREAN_ROLE_TEXTS(root):
        line = " ".join(str(text).split())
        match = KOREAN_SIGN_OFF.match(line) if len(line) <= MAX_BYLINE_CHARS else None
        if match and (match["mail"] or _mail_link_follows(text)):
            return [match["after"] or match["before"]]
    return []


def _mail_link_follows(text) -> bool:
    """Whether the element right after a text is a link to an e-mail address."""
    owner = text.getparent()  # the element the text is in, or the one it follows (a tail)
    following = (owner[0] if len(owner) else None) if text.is_text else owner.getnext()
    return following is not None and (following.get("href") or "").startswith("mailto:")


def headline_byline(heading: etree._Element) -> str | None:
    """Return what the byline under the headline credits ("By Meaghan Weeden"), as the page writes
    it, or None when no byline label stands in the lines under it."""
    pieces = iter([piece for text in TEXT_BELOW(heading) for piece in _words(str(text))])
    for piece in pieces:
        if len(piece) <= MAX_BYLINE_CHARS:
            credited = _named(piece, pieces)
            if credited:
                return credited
    return None


def _text_pieces(root: etree._Element) -> Iterator[str]:
    """Yield the body's pieces of text in reading order, outside scripts and menus, one at a time
    (the search ends at the first label, mostly near the top). A walk, not recursion: pages nest
    deeper than Python's stack."""
    body = root.find(".//body")
    top = body if body is not None else root
    walker = etree.iterwalk(top, events=("start", "end", "comment", "pi"))
    for event, element in walker:
        if event == "start":
            if _skipped(element):
                walker.skip_subtree()
            else:
                yield from _words(element.text)
        elif element is not top:
            tail = _words(element.tail)  # after an element's end, a comment or an instruction
            if _ends_with_work_title(element):
                next(tail, None)  # "<i>Wakoku Chiyekurabe</i> by Kan Chu Sen": the work's author, not the page's
            yield from tail


def _ends_with_work_title(element: etree._Element) -> bool:
    """Whether the element is, or ends with, a title set in italics (a book's, a film's): the
    "by" after it credits that work."""
    if element.tag.__class__ is not str:
        return False
    ends = [element]
    if len(element) and not (element[-1].tail or "").strip():
        ends.append(element[-1])  # "<a><i>Title</i></a> by ...": the link ends with the title
    title = next((end for end in ends if end.tag in WORK_TITLE_TAGS), None)
    # An empty <i> is an icon font's glyph ("<i class="fa-user"></i> By Jane Roe"), not a title.
    return title is not None and bool(title.text_content().strip())


def _skipped(element: etree._Element) -> bool:
    css = element.get("class") or ""
    return element.tag in SKIPPED_TAGS or "menu" in css or "nav" in css


def _words(text: str | None) -> Iterator[str]:
    """Yield the pieces of a text, parted where a bar sets a date or a section beside the byline
    ("Mittwoch, 23. April 2008 | Von Klaus Berger"), or a semicolon the next credit."""
    for piece in PIECE_FIELDS.split(" ".join((text or "").split())):
        if piece:
            yield piece


def _listed_names(pieces: Iterator[str]) -> list[str]:
    """Return the names that follow the first one under a plural label, one piece each, up to the
    first piece that is not a full name (a single word may be a menu's or a heading's)."""
    names: list[str] = []
    for piece in pieces:
        if BETWEEN_NAMES.match(piece):
            continue
        found = split_authors([piece]) if len(piece) <= MAX_BYLINE_CHARS else []
        if len(names) >= MAX_LISTED_NAMES or len(found) != 1 or len(found[0].split()) < 2:
            break
        names.append(found[0])
    return names


def _named(piece: str, pieces: Iterator[str]) -> str | None:
    """Return the text a label in the piece introduces: the rest of the piece, or the next piece."""
    if LABEL_ALONE.match(piece):
        following = next(pieces, "")
        if len(following) > MAX_BYLINE_CHARS:
            return None
        if PLURAL_LABEL.match(piece):
            return ", ".join([following, *_listed_names(pieces)])
        # "By" <a>Tariq Malik</a>, <a>Mike Wall</a>: a name per link, the separators between them.
        joiner = next(pieces, "")
        return ", ".join([following, *_listed_names(pieces)]) if joiner and BETWEEN_NAMES.match(joiner) else following
    match = LABEL_AND_NAME.match(piece)
    if match and match["foreign"]:
        # These words also open sentences ("Por favor", "Par exemple"): a name after them has two words.
        return match["foreign"] if len(match["foreign"].split()) >= 2 and match["foreign"][0].isupper() else None
    name = (match["by"] or match["colon"]) if match else None
    # "by the end of the year": a name begins with a capital.
    return name if name and name[0].isupper() and name.casefold() not in SORT_WORDS else None
