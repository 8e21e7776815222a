"""A fast pass that returns the page's header strip (menu lines) loses to the full cascade's body,
even when the menu's many short lines hold more characters than a short article."""

from __future__ import annotations

import lxml.html
from lxml import etree

from quietpress.extract import body as body_module
from quietpress.extract.body import BodyHints, extract_body
from test_extract_html import PARAGRAPH, page

SECTIONS = [f"Section {i}" for i in range(1, 41)] + ["Do you want the news free?", "Yes", "Later"]
STORY = [f"{PARAGRAPH}Point {i}." for i in range(1, 3)]


def result(lines: list[str], one_paragraph: bool) -> etree._Element:
    """A result as the extractor returns it: menu lines as one paragraph broken by newlines."""
    body = etree.Element("body")
    for text in (["\n".join(lines)] if one_paragraph else lines):
        etree.SubElement(body, "p").text = text
    return body


def extract_with(monkeypatch, fast_result: etree._Element, full: etree._Element) -> str:
    monkeypatch.setattr(body_module, "_main_content", lambda root, fast, images=True, menu=fast_result, story=full: menu if fast else story)
    # The page's prose, more than the menu's text, makes the fast result doubted; spread over
    # several containers, no single one of them is read instead.
    root = lxml.html.fromstring(page("".join(f"<div><p>{text}</p></div>" for text in STORY * 3)))
    html = extract_body(root, BodyHints(), prune=False)
    return " ".join(lxml.html.fragment_fromstring(html, create_parent="div").text_content().split())


def test_menu_lines_of_the_fast_pass_give_way_to_the_full_cascades_body(monkeypatch):
    menu = result(SECTIONS, one_paragraph=True)
    story = result(STORY, one_paragraph=False)
    assert len(menu.xpath("string()")) > len(story.xpath("string()"))  # the menu is the longer text
    text = extract_with(monkeypatch, menu, story)
    assert "Point 2." in text and "Section 12" not in text

