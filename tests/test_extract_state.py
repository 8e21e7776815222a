"""Script-rendered pages: the article kept in the page's embedded state when the markup holds none."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings, strategies as st

from quietpress.errors import ExtractionError
from quietpress.extract.scriptstate import state_body
from quietpress.parse import parse_html
from test_extract_html import PARAGRAPH, article_from, body_text

SHELL = '<html><head><title>Breakwater repairs approved</title></head><body><div id="__next"></div>{}</body></html>'


def next_data(state: object) -> str:
    # As frameworks write it: "</" escaped, so that no "</script>" in a string ends the element.
    data = json.dumps(state).replace("</", "<\\/")
    return SHELL.format(f'<script id="__NEXT_DATA__" type="application/json">{data}</script>')


def test_a_next_js_pages_article_html_in_its_page_data_is_the_body():
    body = "".join(f"<p>{PARAGRAPH}Point {n}.</p>" for n in range(1, 4))
    state = {"props": {"pageProps": {"article": {"title": "Breakwater", "teaser": "Short line.", "body": body}}}}
    text = body_text(article_from(next_data(state)))
    assert "Point 1." in text and "Point 3." in text and "Short line." not in text


def test_a_stores_state_of_paragraph_blocks_is_the_body():
    blocks = [{"type": "paragraph", "text": f"{PARAGRAPH}Block {n}."} for n in range(1, 4)]
    script = f"<script>window.__INITIAL_STATE__ = {json.dumps({'story': {'blocks': blocks}})};</script>"
    text = body_text(article_from(SHELL.format(script)))
    assert text.index("Block 1.") < text.index("Block 2.") < text.index("Block 3.")


def test_markup_in_the_state_goes_through_the_allowlist():
    body = f'<p>{PARAGRAPH}</p><script>steal()</script><p onclick="steal()">{PARAGRAPH}<img src=x onerror=steal()></p>' * 2
    article = article_from(next_data({"props": {"body": body}}))
    assert PARAGRAPH[:40] in body_text(article)
    assert "steal" not in article.body_html and "onclick" not in article.body_html


def test_the_markups_own_body_wins_over_the_state():
    state = {"props": {"body": "<p>" + "A summary the state keeps for a card of the story. " * 10 + "</p>"}}
    html = next_data(state).replace('<div id="__next"></div>',
                                    "<main><h1>Breakwater</h1>" + "".join(f"<p>{PARAGRAPH}Point {n}.</p>" for n in range(1, 4)) + "</main>")
    text = body_text(article_from(html))
    assert "Point 3." in text and "A summary the state keeps" not in text


@pytest.mark.parametrize("state", [
    {"props": {"ids": ["a1", "b2"], "css": "x{color:red}" * 100}},
    {"props": {"image": "data:image/png;base64," + "QUJD" * 200}},
    {"props": {"tags": ["harbour", "ferry", "breakwater"]}},
])
def test_a_state_without_prose_leaves_the_page_without_a_body(state):
    with pytest.raises(ExtractionError, match="no article body found"):
        article_from(next_data(state))


@settings(max_examples=60, deadline=None)
@given(st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=400),
                    lambda children: st.lists(children, max_size=5) | st.dictionaries(st.text(max_size=8), children, max_size=5),
                    max_leaves=40))
def test_any_state_is_read_without_error(state):
    found = state_body(parse_html(next_data(state)))
    assert found is None or found.length >= 250
