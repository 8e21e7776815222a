"""Preformatted text keeps its lines: a <pre> becomes a code block in the body and in Markdown,
whether the highlighter wrote it as token spans or as plain text, and a listing numbered in a
table (the highlighter's gutter of line numbers beside the code) is the code alone."""

from __future__ import annotations

import lxml.html

from quietpress.fidelity import round_trip
from quietpress.markdown import html_to_markdown
from test_extract_html import PARAGRAPH, article_from, page, paragraphs

CODE_LINES = ["int count(const char *s) {", "    int n = 0;", "    while (*s) { n += 1; s += 1; }",
              "    return n;", "}"]
TOKEN_SPANS = "\n".join(f'<span class="n">{line}</span>' for line in CODE_LINES)


def listing_page(listing: str) -> str:
    return page(f"<article><h1>Breakwater repairs approved</h1>{paragraphs(2)}<p>The counter reads:</p>"
                f"{listing}{paragraphs(2)}</article>")


def code_of(html: str) -> list[str]:
    article = article_from(html)
    body = lxml.html.fragment_fromstring(article.body_html, create_parent="div")
    return [pre.text_content().rstrip("\n").split("\n") for pre in body.iter("pre")]


def test_highlighted_tokens_in_a_pre_stay_a_listing_of_lines():
    assert code_of(listing_page(f"<div class=\"code-sample\"><pre>{TOKEN_SPANS}</pre></div>")) == [CODE_LINES]


def test_preformatted_prose_keeps_its_lines():
    poem = ["The tide goes out", "the gulls come in", "and nobody counts them"]
    assert code_of(listing_page("<pre>" + "\n".join(poem) + "</pre>")) == [poem]


def test_a_numbered_listing_table_is_the_code_without_its_line_numbers():
    numbers = "\n".join(f'<span class="normal">{n}</span>' for n in range(1, len(CODE_LINES) + 1))
    table = (f'<div class="highlight"><table class="highlighttable"><tr><td class="linenos"><div class="linenodiv">'
             f'<pre>{numbers}</pre></div></td><td class="code"><div><pre>{TOKEN_SPANS}</pre></div></td></tr></table></div>')
    html = listing_page(table)
    assert code_of(html) == [CODE_LINES]
    assert "<table" not in article_from(html).body_html


def test_a_table_of_two_number_columns_is_left_a_table():
    table = "<table><tr><td>1\n2\n3</td><td>4\n5\n6</td></tr></table>"
    assert "<table" in article_from(listing_page(table + f"<p>{PARAGRAPH}</p>")).body_html


def test_a_table_holding_a_listing_is_written_cell_by_cell():
    body = "<table><tr><td><p>Step one:</p></td><td><pre>make\nmake test</pre></td></tr></table>"
    markdown = html_to_markdown(body)
    assert markdown == "Step one:\n\n```\nmake\nmake test\n```\n"
    assert round_trip(body, markdown).same
