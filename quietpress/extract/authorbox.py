"""The writer's box under an article: the name linked to the author's page, with a few lines on them.

Themes and plugins set it after the story (a portrait, "Karina Cohen", "Karina Cohen is the owner
of..."), under names of their own ("saboxplugin-wrap", "abh_box", "css-19m4yzp"), so it is found
by what it holds, not by its name: a link to an author page (`rel="author"`, or an address under
/author/ or /authors/) standing as a line of its own, the name and not a sentence mentioning a
colleague, and around it a small block with a description. The body leaves the box out
(`prune.py`); the metadata reads the description as the author's biography (`metadata.py`).
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from quietpress.extract import boilerplate as rules
from quietpress.extract.layout import prose_length
from quietpress.parse import string_value

AUTHOR_LINKS = etree.XPath("//a[@rel='author' or contains(@href, '/author/') or contains(@href, '/authors/')]")
# The metadata reads the page before pruning: its scripts and styles are still there.
VISIBLE_TEXT = etree.XPath(".//text()[not(ancestor::script or ancestor::style or ancestor::noscript)]")
# What a box can be: a block of its own, never a paragraph of the story that links a colleague.
BOX_TAGS = frozenset({"div", "section", "aside", "footer"})
# Where the walk up from the name stops: past these, a box would be the article itself.
STOP_TAGS = frozenset({"body", "html", "article", "main"})


@dataclass(frozen=True)
class AuthorBox:
    element: etree._Element
    name: str
    bio: str


def author_boxes(root: etree._Element) -> list[AuthorBox]:
    """Return the author boxes after the story of a page, in the page's order."""
    boxes: list[AuthorBox] = []
    for link in AUTHOR_LINKS(root):
        name = _squash(link)
        parent = link.getparent()
        if not name or len(name.split()) > rules.AUTHOR_NAME_MAX_WORDS or parent is None \
                or len(_squash(parent)) > len(name) + rules.NAME_LINE_EXTRA_CHARS:
            continue
        box = _largest_small_block(link)
        if box is None or box.tag not in BOX_TAGS or any(found.element is box for found in boxes):
            continue
        # Before the story, the name's block is the byline, with the headline and standfirst.
        if prose_length(box) >= rules.AUTHOR_BOX_MIN_PROSE and after_story(box):
            boxes.append(AuthorBox(box, name, _description(box, name)))
    return boxes


def section_start(block: etree._Element) -> etree._Element:
    """Return the outermost element a block opens: it, or the wrapper it is the first child of."""
    start = block
    while start.getprevious() is None and start.getparent() is not None and start.getparent().tag not in ("body", "html"):
        start = start.getparent()
    return start


def after_story(block: etree._Element) -> bool:
    """True when a block comes after a story: 400+ characters of text not in links before it in its
    container (before the story, an author line is the byline)."""
    before = sum(prose_length(sibling) for sibling in section_start(block).itersiblings(preceding=True)
                 if isinstance(sibling.tag, str))
    return before >= rules.STORY_BEFORE_COMMENTS


def _largest_small_block(link: etree._Element) -> etree._Element | None:
    box = None
    for ancestor in link.iterancestors():
        if ancestor.tag in STOP_TAGS or len(_squash(ancestor)) > rules.AUTHOR_BOX_MAX_CHARS:
            break
        box = ancestor
    return box


def _description(box: etree._Element, name: str) -> str:
    """The box's sentences about the writer: its paragraphs, else its longest line, the name line,
    job title and counters ("208 Articles") left out as lines shorter than a sentence."""
    paragraphs = [text for text in (_squash(p) for p in box.iter("p")) if _sentence(text, name)]
    if paragraphs:
        return " ".join(paragraphs)
    lines = [" ".join(text.split()) for text in VISIBLE_TEXT(box)]
    longest = max(lines, key=len, default="")
    # A line that is no sentence (a post's title in the box, a job title) describes nobody.
    return longest if longest.endswith((".", "!", "?")) else ""


def _sentence(text: str, name: str) -> bool:
    """True for a line that says something about the writer, not their name or job title."""
    return len(text) > len(name) + rules.NAME_LINE_EXTRA_CHARS or (text != name and text.endswith((".", "!", "?")))


def _squash(element: etree._Element) -> str:
    return " ".join(string_value(element).split())
