"""trafilatura's expressions with guarded regex tests select exactly what the library's own select."""

from __future__ import annotations

import importlib
import os
from pathlib import Path

import lxml.html
from hypothesis import HealthCheck, given, settings, strategies as st

from quietpress.extract.xpathguard import _replacements, guard_regex_tests, guarded, guarded_trafilatura
from quietpress.parse import parse_html

CORPUS = Path(__file__).parent / "corpus"
BASIC_CLEAN = importlib.import_module("trafilatura.settings").BASIC_CLEAN_XPATH
PROFILE = settings(max_examples=2000 if os.environ.get("HYPOTHESIS_PROFILE") == "long" else 60, deadline=None,
                   suppress_health_check=[HealthCheck.too_slow])


def every_expression():
    """Each of trafilatura's expressions with its guarded version."""
    pairs = [(stock, fast) for expressions, _, faster in _replacements() for stock, fast in zip(expressions, faster)]
    return pairs + [(BASIC_CLEAN, guarded(BASIC_CLEAN))]


def test_a_test_of_an_attribute_is_guarded_by_its_presence():
    assert guard_regex_tests("//*[re:test(@id|@class, 'nav')]") == "//*[((@id|@class) and re:test(@id|@class, 'nav'))]"
    assert guard_regex_tests("//*[re:test(@class, 'story', 'i')]") == "//*[((@class) and re:test(@class, 'story', 'i'))]"


def test_a_pattern_matching_the_empty_string_is_left_alone():
    # Without the attribute, such a test is true: a guard would make it false.
    assert guard_regex_tests("//*[re:test(@class, '^$|x')]") == "//*[re:test(@class, '^$|x')]"
    assert guard_regex_tests("//*[re:test(@class, 'a*')]") == "//*[re:test(@class, 'a*')]"


def test_most_of_trafilaturas_tests_are_guarded():
    changed = [stock for stock, fast in every_expression() if fast is not stock]
    assert len(changed) >= 10


def test_the_librarys_own_expressions_come_back_after_the_block():
    stock = [list(expressions) for expressions, _, _ in _replacements()]
    baseline = importlib.import_module("trafilatura.baseline")
    with guarded_trafilatura():
        assert baseline.BASIC_CLEAN_XPATH is not BASIC_CLEAN
        assert any(list(expressions) != original for (expressions, _, _), original in zip(_replacements(), stock))
    assert baseline.BASIC_CLEAN_XPATH is BASIC_CLEAN
    assert [list(expressions) for expressions, _, _ in _replacements()] == stock


def test_the_same_nodes_on_the_corpus_pages():
    pages = sorted(CORPUS.glob("html_*/capture.html"))
    assert pages
    for page in pages:
        root = parse_html(page.read_bytes().decode("utf-8", errors="replace"))
        for stock, fast in every_expression():
            assert fast(root) == stock(root), (page.parent.name, stock.path)


# Attribute values close to trafilatura's tokens (and empty ones), on the tags its expressions name.
VALUES = st.sampled_from(["", " ", "comment", "Comments", "commentary", "share-bar", "social", "nav", "menu",
                          "author-name", "byline", "hidden", "display:none", "story-content", "article ",
                          "footer", "cookie-banner", "teaser", "caption", "sidebar", "related", "x"])
TAGS = st.sampled_from(["div", "section", "p", "span", "a", "ul", "li", "article", "aside", "main", "h3", "time"])
ATTRIBUTES = st.dictionaries(st.sampled_from(["class", "id", "style", "role", "rel", "itemprop"]), VALUES, max_size=3)


@st.composite
def documents(draw) -> str:
    def element(depth: int) -> str:
        tag = draw(TAGS)
        attributes = "".join(f' {name}="{value}"' for name, value in draw(ATTRIBUTES).items())
        children = draw(st.integers(0, 3 if depth < 3 else 0))
        return f"<{tag}{attributes}>text{''.join(element(depth + 1) for _ in range(children))}</{tag}>"
    return "<html><body>" + "".join(element(0) for _ in range(draw(st.integers(1, 4)))) + "</body></html>"


@PROFILE
@given(documents())
def test_the_same_nodes_on_any_page(document):
    root = lxml.html.document_fromstring(document)
    for stock, fast in every_expression():
        assert fast(root) == stock(root), stock.path
