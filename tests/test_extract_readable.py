"""Markup the extractor misreads, as a reader sees it (quietpress/extract/readable.py).

Preformatted text keeps its lines: a <pre> becomes a code block in the body and in Markdown,
whether the highlighter wrote it as token spans or as plain text, and a listing numbered in a
table (the highlighter's gutter of line numbers beside the code) is the code alone. An inline
quotation stays in its sentence, between quotation marks, and a block quotation keeps its
attribution. Superscript and subscript digits keep their place (10⁶, CO₂), and struck-through
text stays struck through. A numbered list keeps its first number. Captions the extractor had no
place for (a table's, a figure's without a picture) stay, and a video's poster is its picture. Code
in a sentence stays in the sentence, a list in a table's cell stays in the cell, and a description
list's definitions stand under their terms."""

from __future__ import annotations

import lxml.html
import pytest

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


def test_line_breaks_written_as_br_in_a_pre_stay_lines_of_the_listing():
    assert code_of(listing_page("<pre>" + "<br>".join(CODE_LINES) + "</pre>")) == [CODE_LINES]


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


# name: (snippet in an article, its Markdown)
AS_READ = {
    "an inline quotation stays in its sentence between quotation marks": (
        "<p>She said <q>we will <q>rebuild</q> it</q> and left the hall.</p>",
        "She said \u201cwe will \u2018rebuild\u2019 it\u201d and left the hall."),
    "a block quotation's footer is its attribution": (
        "<blockquote><p>We will rebuild it stronger.</p><footer class='footer'>\u2014 Mayor Jane Hollis</footer></blockquote>",
        "> We will rebuild it stronger.\n>\n> \u2014 Mayor Jane Hollis"),
    "text beside a quotation's paragraphs keeps its spaces": (
        "<blockquote class='twitter-tweet'><p>The pier is closed today.</p>&mdash; Harbour Board (@harbour) "
        "<a href='https://twitter.com/harbour/status/1'>May 3, 2024</a></blockquote>",
        "> The pier is closed today.\n>\n> \u2014 Harbour Board (@harbour) [May 3, 2024](https://twitter.com/harbour/status/1)"),
    "the caption of a figure around a block quotation is its attribution": (
        "<figure class='quote'><blockquote><p>We will rebuild it stronger.</p></blockquote>"
        "<figcaption>\u2014 Mayor Jane Hollis</figcaption></figure>",
        "> We will rebuild it stronger.\n>\n> \u2014 Mayor Jane Hollis"),
    "superscript and subscript digits are written as such": (
        "<p>The tank holds 10<sup>6</sup> litres of CO<sub>2</sub> over 40 m<sup>2</sup>, "
        "the 1<sup>st</sup> of its kind.<sup><a href='#note-1'>1</a></sup></p>",
        "The tank holds 10\u2076 litres of CO\u2082 over 40 m\u00b2, the 1st of its kind.\u00b9"),
    "struck-through text stays struck through": (
        "<p>Tickets cost <del>\u00a340</del> \u00a330 and the <s>Friday</s> Saturday show is sold out.</p>",
        "Tickets cost ~~\u00a340~~ \u00a330 and the ~~Friday~~ Saturday show is sold out."),
    "a numbered list keeps its first number": (
        "<ol start='4'><li>Drain the tank.</li><li>Close the valve.</li></ol>",
        "4. Drain the tank.\n5. Close the valve."),
    "a table's caption is the paragraph above it, not its header row": (
        "<table><caption>Votes by ward, 2024</caption><thead><tr><th>Ward</th><th>Yes</th></tr></thead>"
        "<tbody><tr><td>North</td><td>1,204</td></tr></tbody></table>",
        "Votes by ward, 2024\n\n| Ward | Yes |\n|---|---|\n| North | 1,204 |"),
    "the caption of a figure without a picture stays": (
        "<figure class='wp-block-table'><table><tr><th>Ward</th><th>Yes</th></tr><tr><td>North</td><td>1,204</td></tr>"
        "</table><figcaption class='caption'>Votes by ward. Source: the council</figcaption></figure>",
        "| Ward | Yes |\n|---|---|\n| North | 1,204 |\n\nVotes by ward. Source: the council"),
    "a list in a table's cell is kept as the cell's lines": (
        "<table><tr><th>Ward</th><th>Projects</th></tr><tr><td>North</td><td><ul><li>Pier</li><li>Sea <em>wall</em></li>"
        "</ul></td></tr></table>",
        "| Ward | Projects |\n|---|---|\n| North | Pier Sea *wall* |"),
    "a description list's definition is written under its term, in one item": (
        "<dl><dt>Breakwater</dt><dd>A wall built out into the sea.</dd><dt>Groyne</dt><dd>A low wall.</dd>"
        "<dd>Also spelt groin.</dd></dl>",
        "- Breakwater\\\n  A wall built out into the sea.\n- Groyne\\\n  A low wall.\\\n  Also spelt groin."),
    "a video's poster frame is its figure's picture": (
        "<figure><video src='https://cdn.example.org/storm.mp4' poster='https://cdn.example.org/storm.jpg'>"
        "</video><figcaption>Storm footage from the pier.</figcaption></figure>",
        "::: figure\n![](https://cdn.example.org/storm.jpg)\n\nStorm footage from the pier.\n:::"),
    "a video embedded in a figure is its link, its caption under it": (
        "<figure class='wp-block-embed is-type-video'><div class='wp-block-embed__wrapper'>"
        "<iframe src='https://www.youtube.com/embed/abc123' title='Storm at the pier'></iframe></div>"
        "<figcaption>Storm footage from the pier, filmed by a reader.</figcaption></figure>",
        "Video: [Storm at the pier](https://www.youtube.com/embed/abc123)\n\nStorm footage from the pier, filmed by a reader."),
    "code in a sentence stays in the sentence": (
        "<p>Rust gives us the <code class='hljs'>?</code> operator and the <code>match</code> "
        "expression to make this easier.</p>",
        "Rust gives us the `?` operator and the `match` expression to make this easier."),
    "an empty listing is left out": (
        "<pre><code> </code></pre><p>Then the valve closes.</p>",
        "Then the valve closes."),
    "an empty code element does not swallow the words after it": (
        "<p>The delimiters were spaces (<code></code>); the last one is a comma (<code>,</code>).</p>",
        "The delimiters were spaces (); the last one is a comma (`,`)."),
}


@pytest.mark.parametrize("snippet, expected", AS_READ.values(), ids=list(AS_READ))
def test_markup_is_written_as_a_reader_sees_it(snippet, expected):
    assert markdown_between(snippet) == expected


def test_a_link_whose_whole_text_is_bold_keeps_its_address():
    report = ('<p><a href="https://harbour.example/report.pdf"><span style="text-decoration:underline"><strong>'
              "The engineers' full report on the breakwater</strong></span></a></p>")
    later = paragraphs(3).replace("Point", "Later point")
    article = article_from(page(f"<article>{paragraphs(4)}{report}{later}</article>"))
    assert '<a href="https://harbour.example/report.pdf">The engineers\' full report on the breakwater</a>' in article.body_html
