"""Markup the extractor misreads, as a reader sees it (quietpress/extract/readable.py).

Preformatted text keeps its lines: a <pre> becomes a code block in the body and in Markdown,
whether the highlighter wrote it as token spans or as plain text, and a listing numbered in a
table (the highlighter's gutter of line numbers beside the code) is the code alone. An inline
quotation stays in its sentence, between quotation marks, and a block quotation keeps its
attribution. Superscript and subscript digits keep their place (10⁶, CO₂), and struck-through
text stays struck through. A numbered list keeps its first number."""

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


def markdown_between(snippet: str) -> str:
    """The Markdown of the snippet, in a page between paragraphs of an article."""
    markdown = html_to_markdown(article_from(listing_page(snippet)).body_html)
    start = markdown.index("The counter reads:") + len("The counter reads:")
    return markdown[start:markdown.index("The harbour board", start)].strip()


def test_an_inline_quotation_stays_in_its_sentence_between_quotation_marks():
    snippet = "<p>She said <q>we will <q>rebuild</q> it</q> and left the hall.</p>"
    assert markdown_between(snippet) == "She said \u201cwe will \u2018rebuild\u2019 it\u201d and left the hall."


def test_a_block_quotations_footer_is_its_attribution():
    snippet = "<blockquote><p>We will rebuild it stronger.</p><footer class='footer'>\u2014 Mayor Jane Hollis</footer></blockquote>"
    assert markdown_between(snippet) == "> We will rebuild it stronger.\n>\n> \u2014 Mayor Jane Hollis"


def test_the_caption_of_a_figure_around_a_block_quotation_is_its_attribution():
    snippet = ("<figure class='quote'><blockquote><p>We will rebuild it stronger.</p></blockquote>"
               "<figcaption>\u2014 Mayor Jane Hollis</figcaption></figure>")
    assert markdown_between(snippet) == "> We will rebuild it stronger.\n>\n> \u2014 Mayor Jane Hollis"


def test_superscript_and_subscript_digits_are_written_as_such():
    snippet = ("<p>The tank holds 10<sup>6</sup> litres of CO<sub>2</sub> over 40 m<sup>2</sup>, "
               "the 1<sup>st</sup> of its kind.<sup><a href='#note-1'>1</a></sup></p>")
    assert markdown_between(snippet) == ("The tank holds 10\u2076 litres of CO\u2082 over 40 m\u00b2, "
                                         "the 1st of its kind.\u00b9")


def test_struck_through_text_stays_struck_through_in_the_body():
    snippet = "<p>Tickets cost <del>\u00a340</del> \u00a330 and the <s>Friday</s> Saturday show is sold out.</p>"
    assert markdown_between(snippet) == "Tickets cost ~~\u00a340~~ \u00a330 and the ~~Friday~~ Saturday show is sold out."


def test_a_numbered_list_keeps_its_first_number():
    snippet = "<ol start='4'><li>Drain the tank.</li><li>Close the valve.</li></ol>"
    assert markdown_between(snippet) == "4. Drain the tank.\n5. Close the valve."
