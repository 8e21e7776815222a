"""An article whose container the extractor drops by a word inside its class name."""

from __future__ import annotations

import lxml.html

from quietpress.extract.body import _from_paragraph_parent, _main_content
from test_extract_html import PARAGRAPH, page

INTRO = ("<p>Reading time five minutes. Written by the harbour desk, who cover the port, its ferries and the "
         "breakwater works for the weekly paper, and answer readers' letters on the repairs every Friday.</p>")
STORY = "".join(f"<p>{PARAGRAPH}Paragraph {i} of the report.</p>" for i in range(1, 13))


def text_of(element) -> str:
    return " ".join(element.xpath("string()").split())


def test_paragraphs_holding_far_more_text_than_the_result_replace_it():
    # The extractor drops elements whose class holds "bar" anywhere (for "navbar", "sidebar"):
    # "embargoed" holds it too, and its fast pass returns the header block named "content".
    root = lxml.html.fromstring(page(f'<main><div class="content"><p>Posted on Nov 21, 2018</p>{INTRO * 3}</div>'
                                     f'<div class="grid"><div class="story embargoed">{STORY}</div></div></main>'))
    header = _main_content(root, fast=True)
    assert "Paragraph 1 of the report." not in text_of(header)
    body = _from_paragraph_parent(root, header)
    assert "Paragraph 1 of the report." in text_of(body) and "Paragraph 12 of the report." in text_of(body)
    assert root.find(".//*[@itemprop]") is None  # the mark is taken off again


def test_result_holding_most_of_the_paragraphs_stays():
    root = lxml.html.fromstring(page(f"<main><article>{STORY}</article></main>"))
    body = _main_content(root, fast=True)
    assert _from_paragraph_parent(root, body) is body


def sections(count: int) -> str:
    # One container per section, two levels deep, as page builders and pre-HTML5 pages write them:
    # no one element holds most of the paragraphs as its own children.
    return "".join(f'<div class="row"><div class="column"><h2>Part {i} of the works</h2><p>{PARAGRAPH}Section {i} '
                   f'begins.</p><p>{PARAGRAPH}Section {i} ends.</p></div></div>' for i in range(1, count + 1))


def test_article_written_one_container_per_section_is_read_whole():
    root = lxml.html.fromstring(page(f'<div class="page"><div class="story">{sections(8)}</div>'
                                     f'<div class="aside"><p>The harbour office opens at nine.</p></div></div>'))
    one_section = lxml.html.fromstring(f"<div><p>{PARAGRAPH}Section 8 ends.</p></div>")
    body = _from_paragraph_parent(root, one_section)
    assert all(f"Section {i} begins." in text_of(body) for i in range(1, 9))
    assert "harbour office opens" not in text_of(body)
    assert root.find(".//*[@itemprop]") is None


def test_article_beside_a_column_of_other_prose_is_not_widened_to_both():
    # The smallest element holding most of the page's paragraphs holds the article and a column of
    # excerpts beside it: a result holding a good share of that (more than a quarter) stays.
    excerpts = "".join(f"<p>{PARAGRAPH}Other story {i}.</p>" for i in range(1, 4))
    root = lxml.html.fromstring(page(f'<div class="page"><div class="story"><p>{PARAGRAPH}</p><p>{PARAGRAPH}</p></div>'
                                     f'<div class="aside">{excerpts}</div></div>'))
    body = lxml.html.fromstring(f"<div><p>{PARAGRAPH}</p><p>{PARAGRAPH}</p></div>")
    assert _from_paragraph_parent(root, body) is body
