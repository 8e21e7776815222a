"""Where the article's headline stands on the page, and the lines a reader sees around it.

The byline under a headline (the writer's name, the date) is what the publication credits, so the
dates and authors are read there too. Shared by `pagedate.py` and `metadata.py`.
"""

from __future__ import annotations

from lxml import etree

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


def headline_element(root: etree._Element, headline: str | None) -> etree._Element | None:
    """Return the element that shows the article's headline: the page's only <h1>, else the
    innermost element whose whole text is the headline (where the <h1> is the site's masthead, or
    the headline is set in another element), not a link to it."""
    headings = ONE_HEADING(root)
    if len(headings) == 1:
        return headings[0]
    if not headline or len(headline.split()) < 3:
        return None
    shown = HEADLINE_SHOWN(root, headline=headline)
    return shown[0] if shown else None
