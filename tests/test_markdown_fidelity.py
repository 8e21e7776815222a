"""Markdown says exactly what the page said: the text of a body's HTML equals the text of its
Markdown as the site renders it (whitespace aside), with no `*`, `_`, `~`, `\\` or backtick of our own."""

from __future__ import annotations

import html

from hypothesis import HealthCheck, given, settings, strategies as st

from quietpress.fidelity import round_trip
from quietpress.markdown import html_to_markdown
from quietpress.site.reader import markdown_parser

PROFILE = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
WORDS = st.sampled_from(["Note", "The", "end", "word", "VIDEO", "Us", "11.99", "a", "x2"])
PUNCTUATION = st.sampled_from(list(".,:;!?$%&'\"“”‘’–—…#+=-/|~^@") + ["[", "]", "(", ")", "*", "_", "\\", "`", "<", ">"])
SPACE = st.sampled_from([" ", "", "\u00a0"])
INLINE_TEXT = st.lists(st.one_of(WORDS, PUNCTUATION, SPACE), min_size=1, max_size=6).map("".join)


def assert_round_trips(body: str) -> None:
    """The Markdown of `body` shows the same text, and no markup character the HTML did not have."""
    check = round_trip(body, html_to_markdown(body))
    assert check.markdown_text == check.html_text
    assert not check.stray_markup


@st.composite
def inline_markup(draw, depth: int = 0) -> str:
    """A run of text with emphasis, strong emphasis, strikethrough, links and breaks, nested a little."""
    parts = []
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.integers(0, 6 if depth < 2 else 0))
        if kind == 0:
            parts.append(html.escape(draw(INLINE_TEXT)))
        elif kind == 5:
            parts.append("<br>")
        elif kind == 6:
            tag = draw(st.sampled_from(["del", "s"]))
            parts.append(f"<{tag}>{draw(inline_markup(depth + 1))}</{tag}>")
        elif kind == 4:
            parts.append(f'<a href="https://example.org/{draw(st.integers(0, 9))}">{draw(inline_markup(depth + 1))}</a>')
        else:
            tag = ["em", "strong", "b", "i"][kind - 1]
            parts.append(f"<{tag}>{draw(inline_markup(depth + 1))}</{tag}>")
    return "".join(parts)


@PROFILE
@given(st.lists(inline_markup(), min_size=1, max_size=3))
def test_paragraph_text_with_emphasis_and_links_round_trips(paragraphs):
    body = "".join(f"<p>{paragraph}</p>" for paragraph in paragraphs)
    assert_round_trips(body)


@st.composite
def list_markup(draw, depth: int = 0) -> str:
    """A list as pages write it, valid or not: items, and between them (or before the first) a list
    written straight in the list, a paragraph or loose text; items may hold lists of their own."""
    tag = draw(st.sampled_from(["ul", "ol"]))
    parts = []
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.integers(0, 3 if depth < 2 else 0))
        if kind == 0:
            parts.append(f"<li>{draw(inline_markup(1))}</li>")
        elif kind == 1:
            parts.append(f"<li>{draw(inline_markup(1))}{draw(list_markup(depth + 1))}</li>")
        elif kind == 2:
            parts.append(draw(list_markup(depth + 1)))
        else:
            parts.append(draw(st.sampled_from(["<p>{}</p>", " {} "])).format(html.escape(draw(INLINE_TEXT))))
    return f"<{tag}>{''.join(parts)}</{tag}>"


@PROFILE
@given(st.lists(list_markup(), min_size=1, max_size=2))
def test_lists_nested_as_pages_write_them_round_trip(lists):
    body = "".join(lists)
    assert_round_trips(body)


BLOCK_TAGS = ["p", "ul", "ol", "li", "blockquote", "h2", "h3", "table", "pre", "figure", "hr"]


@st.composite
def block_markup(draw, depth: int = 0) -> str:
    """Blocks nested in one another as extracted bodies may hold them (a list in a table cell, a
    table in a table, a heading in a quotation), with runs of inline markup between them."""
    parts = []
    for _ in range(draw(st.integers(1, 3))):
        tag = draw(st.sampled_from(BLOCK_TAGS)) if depth < 3 and draw(st.booleans()) else None
        if tag is None:
            parts.append(draw(inline_markup(1)))
        elif tag == "pre":
            parts.append(f"<pre>{html.escape(draw(INLINE_TEXT))}</pre>")
        elif tag == "hr":
            parts.append("<hr>")
        elif tag == "figure":
            parts.append(f'<figure><img src="https://example.org/p.jpg"><figcaption>{draw(inline_markup(1))}'
                         f' <small class="credit">{html.escape(draw(INLINE_TEXT))}</small></figcaption></figure>')
        elif tag == "table":
            parts.append(f"<table><tr><td>{draw(block_markup(depth + 1))}</td><td>{draw(inline_markup(1))}</td></tr></table>")
        else:
            parts.append(f"<{tag}>{draw(block_markup(depth + 1))}</{tag}>")
    return " ".join(parts)


@PROFILE
@given(block_markup())
def test_blocks_nested_in_blocks_round_trip(body):
    assert_round_trips(body)


def test_a_break_closing_a_table_cell_leaves_no_backslash():
    markdown = html_to_markdown("<table><tr><td>Ferry<br></td><td>Daily</td></tr></table>")
    assert markdown == "| Ferry | Daily |\n|---|---|\n"


def test_a_figure_quoted_in_a_list_item_stays_a_figure():
    markdown = html_to_markdown('<ol><li><blockquote><img src="https://example.org/p.jpg" alt="Pier"></blockquote></li></ol>')
    assert markdown == "1.\n   > ::: figure\n   > ![Pier](https://example.org/p.jpg)\n   > :::\n"


def test_a_table_without_rows_writes_what_it_holds():
    # Paragraphs set straight in a <table> (no row, no cell) were left out of the Markdown.
    body = "<p>Before.</p><table><p>Pros</p><p>Cons</p></table><p>After.</p>"
    assert html_to_markdown(body) == "Before.\n\nPros\n\nCons\n\nAfter.\n"
    assert_round_trips(body)


def test_a_table_in_a_table_cell_is_not_read_twice():
    body = "<table><tr><td>Routes <table><tr><td>North</td><td>South</td></tr></table></td><td>2</td></tr></table>"
    assert html_to_markdown(body).count("North") == 1


def test_bold_label_followed_by_a_word_closes():
    markdown = html_to_markdown("<p><strong>Note:</strong>The meeting moved.</p>")
    assert markdown == "**Note**:The meeting moved.\n"


def test_bold_label_after_a_break_inside_emphasis_closes():
    # Found by the property test above: the break went out of the emphasis, the bold inside it
    # was kept as text already marked for the line's end.
    assert html_to_markdown("<p><em><br><strong>Note.</strong></em>Note</p>") == "**Note**.Note\n"
    # And with struck spaces before the break (written as the spaces alone).
    assert html_to_markdown("<p><strong><del> </del><br><em>Note.</em></strong>Note</p>") == "*Note*.Note\n"


def test_emphasis_after_a_break_and_punctuation_moved_out_of_a_strike_closes():
    # Found by the property test above: the strike's "." went out before its marks, and the
    # emphasis after the break was kept as text already marked for the line's end ("*Note.*Note").
    body = "<p>Note<del>.<br><em>Note</em></del><del><em>.</em></del>Note</p>"
    assert html_to_markdown(body) == "Note.\\\n*Note*.Note\n"
    assert_round_trips(body)


def test_exclamation_mark_before_a_link_in_emphasis_without_marks_does_not_make_an_image():
    markdown = html_to_markdown('<p>!<em><a href="https://example.org/0">Note</a></em></p>')
    assert markdown == "\\![Note](https://example.org/0)\n"


def test_emphasis_of_punctuation_alone_between_words_is_plain_text():
    assert html_to_markdown("<p>Home<em>.</em>Away</p>") == "Home.Away\n"


def test_link_inside_emphasis_is_kept():
    markdown = html_to_markdown('<p>See <em><a href="https://example.org/a">the report</a></em> today.</p>')
    assert markdown == "See *[the report](https://example.org/a)* today.\n"
    # Between a link's parenthesis and a full stop a mark could also open: the link stays, plain.
    markdown = html_to_markdown('<p>See <em><a href="https://example.org/a">the report</a></em>.</p>')
    assert markdown == "See [the report](https://example.org/a).\n"


def test_exclamation_mark_before_a_link_does_not_make_an_image():
    assert html_to_markdown('<p>Wow!<a href="https://example.org/a">Look</a></p>') == \
        "Wow\\![Look](https://example.org/a)\n"


def test_hard_break_at_the_end_of_bold_text_stays_outside_the_marks():
    markdown = html_to_markdown("<ul><li><strong>Keep your details current.<br></strong>Update them.</li></ul>")
    assert markdown == "- **Keep your details current.**\\\n  Update them.\n"


def test_heading_ending_with_a_hash_keeps_it():
    body = '<h2>Weight loss drugs <a href="#drugs">#</a></h2><p>Text.</p>'
    check = round_trip(body, html_to_markdown(body))
    assert check.markdown_text == check.html_text == "Weightlossdrugs#Text."


def test_two_strong_runs_side_by_side_are_one():
    assert html_to_markdown("<p><strong>B</strong><strong>reakfast:</strong> eggs</p>") == "**Breakfast:** eggs\n"


def test_a_paragraph_beginning_with_credit_keeps_its_label_outside_figures():
    body = ("<p>Credit: Andriy Onufriyenko / Getty Images</p><p>Machine learning is everywhere.</p>"
            "<figure><img src='a.jpg' alt='A chart'><figcaption>The chart<small>Jo Bloggs</small>"
            "</figcaption></figure>")
    check = round_trip(body, html_to_markdown(body))
    assert check.same, (check.html_text, check.markdown_text)
    assert check.html_text.startswith("Credit:")


def test_a_captions_paragraphs_stay_apart_and_its_labelled_credit_is_the_credit():
    body = ("<figure><img src='https://example.org/map.png' alt='Map'><figcaption><p>The subway map.</p>"
            "<p>Tokyo, 2019</p><p>Credit: Brown Bird Design</p></figcaption></figure>")
    markdown = html_to_markdown(body)
    assert "The subway map. Tokyo, 2019\n\nCredit: Brown Bird Design\n:::" in markdown
    assert round_trip(body, markdown).same


def test_struck_through_text_stays_struck_through():
    body = "<p>The fare was <del>\u00a340</del> \u00a330, <s>sold out</s> <strong>in stock</strong>.</p>"
    markdown = html_to_markdown(body)
    assert markdown == "The fare was ~~\u00a340~~ \u00a330, ~~sold out~~ **in stock**.\n"
    assert round_trip(body, markdown).same
    assert "<s>\u00a340</s>" in markdown_parser().render(markdown)


def test_code_spans_side_by_side_stay_two_code_spans():
    body = "<p>Eszett <code>U+00DF</code><code>0xC39F</code> and <code>a</code> <code>b</code>.</p>"
    markdown = html_to_markdown(body)
    assert markdown == "Eszett `U+00DF` `0xC39F` and `a` `b`.\n"
    assert round_trip(body, markdown).same


def test_emphasis_before_an_empty_link_and_a_word_closes():
    # Found by the property test above: the empty link was taken for the line's end.
    body = '<p><em><a href="https://example.org/0">Note</a></em><a href="https://example.org/0"></a>Note</p>'
    assert round_trip(body, html_to_markdown(body)).same


def test_an_ampersand_opening_emphasis_stays_with_its_escape():
    # Found by the property test above: "&" moved out of the marks split "&amp;" and showed it.
    body = "<p>Note<em>&amp;Note;</em></p>"
    assert round_trip(body, html_to_markdown(body)).same


def test_a_pipe_in_code_in_a_table_cell_stays_in_its_cell():
    # A reference table of directives: "on | off" in code split the row into three cells.
    body = ("<table><tr><th>Syntax:</th><td><code>rewrite_log on | off;</code></td></tr>"
            "<tr><th>Default:</th><td><code>rewrite_log off;</code></td></tr></table>")
    markdown = html_to_markdown(body)
    assert "`rewrite_log on \\| off;`" in markdown
    assert round_trip(body, markdown).same
