"""Figures of an HTML page: each image with its caption and credit, kept together.

Main-content detection keeps an article's images but drops their captions; this module reads
captions and credits from the page before detection and puts them back on the images it kept,
as `<figure><img><figcaption>caption <small class="credit">credit</small></figcaption></figure>`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree

from quietpress.parse import string_value

# Image attributes that hold the picture's address, lazy-loading ones included.
SRC_ATTRIBUTES = ("src", "data-src", "data-original", "data-lazy-src", "data-srcset", "srcset")
# Containers that hold an image and its caption, when the page does not use <figure>.
FIGURE_CLASS = re.compile(r"(?:^|[\s_-])(?:wp-caption|figure|image|img|photo|picture|media)(?:$|[\s_-])", re.I)
CAPTION_CLASS = re.compile(r"(?:^|[\s_-])(?:caption|wp-caption-text|figcaption|image-text|photo-text|legend|legende|légende|legenda|leyenda|didascalia|bildunterschrift|bu)(?:$|[\s_-])", re.I)
CREDIT_CLASS = re.compile(r"(?:^|[\s_-])(?:credits?|copyright|source|photographer|attribution|rights|byline)(?:$|[\s_-])", re.I)
# A credit written at the end of the caption text: "Photo: Jane Doe/Agency", "(Image by X)", "© X".
CREDIT_TEXT = re.compile(
    r"\s*[\(\[]?\s*((?:(?:photo(?:graph)?s?|images?|pictures?|fotos?|bild|imagem|credits?|source|fonte|quelle)"
    r"(?:\s+(?:by|von|de|di|por))?\s*[:/]|(?:photo|image|picture)s?\s+by\s|©|\(c\)\s).{1,120}?)\s*[\)\]]?\s*$",
    re.I,
)
# The same in parentheses after the agency or paper that took the picture: "(AP Photo/Evan Vucci)",
# "(Herald photo/Ann Lee)". Out of parentheses a capitalised word before "Photo:" may be the end
# of the caption ("... Mayor Ann Lee Photo: X"), so the name is read only inside them.
PARENTHESISED_CREDIT = re.compile(r"\s*\(\s*((?:[A-Z][\w&'-]*\s+){1,3}(?i:photo(?:graph)?s?|images?|pictures?|fotos?)"
                                  r"\s*[:/][^()]{1,120}?)\s*\)\s*$")
# How far up from an image a figure-like container or its caption may sit: 3 levels covers
# `figure > a > picture > img` and WordPress's `div.wp-caption > a > img`.
MAX_FIGURE_DEPTH = 3


@dataclass(frozen=True)
class Caption:
    text: str
    credit: str | None = None
    # The caption as the page wrote it, credit included: the extractor may keep it as a paragraph.
    raw: str = ""


@dataclass
class FigureIndex:
    """Captions and credits of a page's images, by image address."""

    captions: dict[str, Caption] = field(default_factory=dict)

    def figure_for(self, src: str, alt: str) -> etree._Element:
        """Return a <figure> for an image the extractor kept, with its caption and credit if known."""
        figure = etree.Element("figure")
        etree.SubElement(figure, "img", src=src, alt=alt)
        caption = self.captions.get(_key(src))
        if caption and (caption.text or caption.credit):
            figcaption = etree.SubElement(figure, "figcaption")
            figcaption.text = caption.text
            if caption.credit:
                credit = etree.SubElement(figcaption, "small", {"class": "credit"})
                credit.text = caption.credit
                if caption.text:
                    figcaption.text = caption.text + " "
        return figure


    def caption_words(self) -> set[str]:
        """Return the word strings of every caption and credit, to spot their copies in the text."""
        words = set()
        for caption in self.captions.values():
            for text in (caption.text, caption.credit, caption.raw):
                key = " ".join(re.findall(r"\w+", (text or "").casefold()))
                if key:
                    words.add(key)
        return words


def collect_figures(root: etree._Element) -> FigureIndex:
    """Return the captions and credits of the images on a page, by image address."""
    index = FigureIndex()
    for img in root.iter("img"):
        container = _figure_container(img)
        if container is None:
            continue
        caption = read_caption(container, img)
        if caption is None:
            continue
        for name in SRC_ATTRIBUTES:
            value = (img.get(name) or "").strip().split(" ")[0]
            if value and not value.startswith("data:"):
                index.captions.setdefault(_key(value), caption)
    return index


def read_caption(container: etree._Element, img: etree._Element) -> Caption | None:
    """Return the caption and credit inside a figure-like container, or None when it has none."""
    caption_el = next(iter(container.iter("figcaption")), None)
    if caption_el is None:
        caption_el = next((el for el in container.iter() if el is not container and isinstance(el.tag, str)
                           and CAPTION_CLASS.search(el.get("class") or "")), None)
    credit_els = [el for el in container.iter() if el is not container and isinstance(el.tag, str)
                  and CREDIT_CLASS.search(el.get("class") or "") and img not in el.iter("img")]
    credit = _squash(string_value(credit_els[0])) if credit_els else None
    text = _squash(string_value(caption_el)) if caption_el is not None else ""
    raw = text
    if credit and credit in text:
        text = text.replace(credit, "").strip()
    if not credit and text:
        match = PARENTHESISED_CREDIT.search(text) or CREDIT_TEXT.search(text)
        if match and match.start() > 0:
            credit, text = match.group(1).strip(), text[: match.start()].strip()
    if credit:
        credit = credit.strip()
        if credit[:1] in "([" and credit[-1:] in ")]":
            credit = credit[1:-1]
        credit = re.sub(r"^(?:credit|photo|image|foto|source)s?\s*:\s*", "", credit, flags=re.I).strip() or None
    if not text and not credit:
        return None
    return Caption(text=text, credit=credit, raw=raw)


def _figure_container(img: etree._Element) -> etree._Element | None:
    """Return the nearest figure-like ancestor that holds a caption, else the nearest one."""
    first = None
    element = img
    for _ in range(MAX_FIGURE_DEPTH + 1):
        element = element.getparent()
        if element is None:
            break
        if element.tag == "figure" or FIGURE_CLASS.search(element.get("class") or ""):
            if _has_caption(element):
                return element
            first = first if first is not None else element
    return first


def _has_caption(element: etree._Element) -> bool:
    return any(isinstance(el.tag, str) and (el.tag == "figcaption" or CAPTION_CLASS.search(el.get("class") or ""))
               for el in element.iter())


def _key(src: str) -> str:
    """Return an image address without scheme, so "//host/a.jpg" and "https://host/a.jpg" match."""
    return re.sub(r"^(?:https?:)?//", "", src.strip())


def _squash(text: str) -> str:
    return " ".join(text.split())
