"""Where the article's headline stands on the page, and the lines a reader sees around it.

The byline under a headline (the writer's name, the date) is what the publication credits, so the
dates and authors are read there too. Shared by `pagedate.py` and `metadata.py`.
"""

from __future__ import annotations

import re

from lxml import etree

from quietpress.extract.boilerplate import BYLINE_LINE, HEADLINE_LINE_MAX_WORDS
from quietpress.extract.dates import find_date
from quietpress.parse import string_value

# How far after the headline its byline is looked for, in text pieces: the byline, the author's
# line, "Updated", a reading time; further on is the article's text, whose names and dates are
# its subject's.
BYLINE_PIECES = 25
# How far before the headline: a kicker line above it ("February 4, 2025 - 11 minutes") sits right
# on top of it; further up are the menus.
KICKER_PIECES = 3
SHOWN_TEXT = "[not(ancestor::script) and not(ancestor::style)]"
# The pieces of text after and before the headline. Blank pieces are set aside before each piece's
# ancestors are searched for a script: both tests go over every text node of the page before the
# count is taken, and the blank test is the cheaper one (a third less time, the same pieces).
TEXT_BELOW = etree.XPath(f"following::text()[normalize-space()]{SHOWN_TEXT}[position() <= {BYLINE_PIECES + 1}]")
TEXT_ABOVE = etree.XPath(f"preceding::text()[normalize-space()]{SHOWN_TEXT}[position() <= {KICKER_PIECES}]")
# An element whose whole text is the headline, with no child that is all of it, outside links and menus.
HEADLINE_SHOWN = etree.XPath("//body//*[normalize-space() = $headline][not(*[normalize-space() = $headline])]"
                             "[not(ancestor-or-self::a) and not(ancestor::nav)]")
ONE_HEADING = etree.XPath("//h1")
# Where a page has no <h1>: a line set in bold and then a line break, outside links and menus (the
# headline over its byline, as pages of table layouts set it).
BOLD_LINES = etree.XPath("//body//*[self::b or self::strong][following-sibling::node()[normalize-space() or self::*][1][self::br]]"
                         "[not(ancestor::a) and not(ancestor::nav)]")
# The lines under a headline its byline and date are looked for in.
BYLINE_LINES = 3
LINES_BELOW = etree.XPath(f"following::text()[normalize-space()]{SHOWN_TEXT}[position() <= {BYLINE_LINES}]")
# Elements a page names as a headline by class or id ("headline", "story-headline", "headlineText").
NAMED_HEADLINE_CANDIDATES = etree.XPath(
    "//body//@*[(name() = 'class' or name() = 'id') and contains(translate(., 'HEADLINE', 'headline'), 'headline')]"
    "/parent::*[not(ancestor-or-self::a) and not(ancestor::nav)]")
HEADLINE_NAME = re.compile(r"(?:^|[\s_-])[a-z]*headline(?:$|[\s_-]|text|title)", re.I)


def headline_element(root: etree._Element, headline: str | None) -> etree._Element | None:
    """Return the element that shows the article's headline: the page's only <h1>, else the
    innermost element whose whole text is the headline (where the <h1> is the site's masthead, or
    the headline is set in another element), not a link to it; on a page with no <h1> where
    nothing shows the headline as the metadata words it, a bold line with a byline under it."""
    headings = ONE_HEADING(root)
    if len(headings) == 1:
        return headings[0]
    shown = HEADLINE_SHOWN(root, headline=headline) if headline and len(headline.split()) >= 3 else []
    return shown[0] if shown else (shown_headline(root) if not headings else None)


def shown_headline(root: etree._Element) -> etree._Element | None:
    """Return the headline a page without an <h1> shows: the one element it names a headline
    ("headline" in a class or id, 3 to 20 words; several such with other texts are a list of
    teasers, and none is taken), else a bold line with a byline under it."""
    named = {}
    for element in NAMED_HEADLINE_CANDIDATES(root):
        text = " ".join(" ".join(element.itertext()).split())
        if HEADLINE_NAME.search(f"{element.get('class') or ''} {element.get('id') or ''}") \
                and 3 <= len(text.split()) <= HEADLINE_LINE_MAX_WORDS:
            named.setdefault(text, element)
    if len(named) == 1:
        element = next(iter(named.values()))
        return element if _over_byline(element) else None
    return _bold_headline(root) if not named else None


def _over_byline(element: etree._Element) -> bool:
    """True when a byline or a date line follows the element within a few lines, as they follow a
    story's headline (a box's title, "Latest News", has links under it)."""
    for piece in LINES_BELOW(element):
        line = " ".join(str(piece).split())
        found = find_date(line)
        if BYLINE_LINE.match(line) or found and (found.end - found.start) * 2 >= len(line):
            return True
    return False


def _bold_headline(root: etree._Element) -> etree._Element | None:
    """Return the first bold line that a byline ("By Jane Roe") follows on the next line, on a page
    without an <h1>: its <title> may word the headline otherwise, or be the site's name."""
    for bold in BOLD_LINES(root):
        if not 3 <= len(" ".join(bold.itertext()).split()) <= HEADLINE_LINE_MAX_WORDS:
            continue
        br = next(sibling for sibling in bold.itersiblings() if sibling.tag == "br")
        if BYLINE_LINE.match(line_after(br)):
            return bold
    return None


def line_after(br: etree._Element) -> str:
    """Return the text of the line a <br> opens, up to the next <br>, spaces squashed."""
    parts = [br.tail or ""]
    element = br.getnext()
    while element is not None and element.tag != "br":
        parts.extend((string_value(element), element.tail or ""))
        element = element.getnext()
    return " ".join("".join(parts).split())
