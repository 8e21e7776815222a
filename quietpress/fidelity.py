"""Whether Markdown says what the body HTML said: the text a reader sees, before and after conversion.

The body HTML (stage 3's output) and the Markdown written from it (stage 4) are both turned into
the text a reader sees, without link and image addresses; the two must hold the same characters,
whitespace aside, so no word is lost and no `*`, `_` or `\\` appears that the page did not have.
Used by the property tests (tests/test_properties.py) and by `make bench-extract` over the corpora.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import lxml.html
from lxml import etree

WHITESPACE = re.compile(r"\s+")
MARKUP_CHARACTERS = "*_\\`~"
# Text of these elements is never what the body says: the converter drops them too.
UNSEEN = ("script", "style", "template")
# A figure's line (or element of class "credit") labelled "Credit:" by the page is its credit: the
# site shows it as the credit, without the label, as it shows every credit (the label is the
# credit's style, not its text).
PAGE_CREDIT_LABEL = re.compile(r"^[ \t]*Credit:[ \t]*", re.M)


@dataclass(frozen=True)
class RoundTrip:
    """The two texts, whitespace removed, and whether they agree."""

    html_text: str
    markdown_text: str

    @property
    def same(self) -> bool:
        return self.html_text == self.markdown_text

    @property
    def stray_markup(self) -> str:
        """Markup characters the rendered Markdown shows more often than the HTML did."""
        return "".join(c for c in MARKUP_CHARACTERS if self.markdown_text.count(c) > self.html_text.count(c))


def html_text(body_html: str, figures: bool = True) -> str:
    """Return the text a reader sees in body HTML, one line per block (figures only with `figures`)."""
    if not body_html.strip():
        return ""
    root = lxml.html.fragment_fromstring(body_html, create_parent="div")
    for element in list(root.iter(*UNSEEN, *(() if figures else ("figure",)))):
        _drop(element)
    for element in root.iter("p", "li", "tr", "td", "th", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre",
                             "figure", "figcaption", "small", "br", "div", "table"):
        element.tail = "\n" + (element.tail or "")
    for figure in [f for f in root.iter("figure") if not any(a.tag == "figure" for a in f.iterancestors())]:
        for credit in figure.xpath(".//*[contains(@class, 'credit')]"):
            credit.text = PAGE_CREDIT_LABEL.sub("", credit.text or "")
        _replace_with_text(figure, PAGE_CREDIT_LABEL.sub("", figure.text_content()))
    return root.text_content()


def markdown_text(markdown: str) -> str:
    """Return the text a reader sees once the Markdown is rendered as the site's reader renders it."""
    if not markdown.strip():
        return ""
    rendered = _renderer().render(markdown)
    root = lxml.html.fragment_fromstring(rendered, create_parent="div")
    for element in root.iter("p", "li", "tr", "td", "th", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "br"):
        element.tail = "\n" + (element.tail or "")
    return root.text_content()


def round_trip(body_html: str, markdown: str) -> RoundTrip:
    """Compare the body's text with its Markdown's, whitespace removed."""
    return RoundTrip(html_text=WHITESPACE.sub("", html_text(body_html)),
                     markdown_text=WHITESPACE.sub("", markdown_text(_figures_as_text(markdown)).replace(CREDIT_MARK, "")))


FIGURE_OPENS = re.compile(r"^[ \t>]*::: figure[ \t]*$")
FIGURE_CLOSES = re.compile(r"^[ \t>]*:::[ \t]*$")
CREDIT_LINE = re.compile(r"^([ \t>]*)Credit: ")
# Stands for a credit's label while the figure is read as plain CommonMark, then goes: the credit
# is a line of text in the figure ("Credit: # 3"), which without a word before it would be read
# as a block (a heading, a list).
CREDIT_MARK = "quietpresscreditmark"


def _figures_as_text(markdown: str) -> str:
    """The site's reader turns `::: figure` blocks into figures; plain CommonMark shows the fences
    and the credit label as text, so they are taken out before comparing (the label for a mark
    taken out after rendering). Only a figure's credit line loses its label: a paragraph of the
    body may begin with "Credit: " as the page wrote it."""
    lines, in_figure = [], False
    for line in markdown.split("\n"):
        if FIGURE_OPENS.match(line) or (in_figure and FIGURE_CLOSES.match(line)):
            in_figure = not in_figure
            continue
        lines.append(CREDIT_LINE.sub(r"\1" + CREDIT_MARK, line) if in_figure else line)
    return "\n".join(lines)


@lru_cache(maxsize=1)
def _renderer():
    from markdown_it import MarkdownIt

    # The site's reader: CommonMark with tables and strikethrough, raw HTML off (quietpress/site/reader.py).
    return MarkdownIt("commonmark", {"html": False}).enable(["table", "strikethrough"])


def _replace_with_text(element: etree._Element, text: str) -> None:
    parent = element.getparent()
    previous, tail = element.getprevious(), text + (element.tail or "")
    if previous is not None:
        previous.tail = (previous.tail or "") + tail
    else:
        parent.text = (parent.text or "") + tail
    parent.remove(element)


def _drop(element: etree._Element) -> None:
    if element.getparent() is not None:
        _replace_with_text(element, "")
