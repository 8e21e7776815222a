"""The parser that tries only the rules able to start at a place (dispatch.py) gives markdown-it's tokens.

The stock side also keeps markdown-it's own link-destination helper, so the fast path that
reader.py puts in its place is compared on whole documents too.

Compared token for token (children included) with the same configuration parsed the stock way: on
generated documents rich in every construct's opening characters, on the project's own Markdown,
and after rules are enabled, disabled or added by another plugin.
"""

from __future__ import annotations

from pathlib import Path

import markdown_it.helpers
import pytest
from hypothesis import example, given, settings, strategies as st

from quietpress.site.dispatch import PLAIN_TEXT_STOPS, use_rule_dispatch
from quietpress.site.reader import configured_parser

ROOT = Path(__file__).resolve().parent.parent

# Line openings of every block construct, at several indents (lists, quotes and code nest).
LINE_STARTS = ["", "", "", " ", "  ", "   ", "    ", "\t", "> ", ">", "- ", "* ", "+ ", "1. ", "2) ", "10. ",
               "# ", "## ", "#", "```", "~~~", "---", "***", "___", "- - -", "===", "[a]: /u", "[^1]: ",
               "::: figure", ":::", "| a | b |", "|---|---|", "<div>", "<!-- x -->", "Credit: "]
# Inline pieces: every rule's opening character, alone and in its construct.
INLINE = ["a", "word ", " ", "  ", "\\", "`", "``", "*", "**", "_", "__", "~", "~~", "[", "]", "[a](b)", "![i](s)",
          "[a][r]", "[r]", "[^1]", "^[note]", "<http://x.y>", "<a@b.c>", "<b>", "&amp;", "&#x41;", "&bogus;", "!",
          "(", ")", "-", ":", "$", "%", "http://x.y/z", "é", "—", '"', "'", "|", "=", "{", "}", "@", "#", "+"]

MARKDOWN = st.lists(
    st.tuples(st.sampled_from(LINE_STARTS), st.lists(st.sampled_from(INLINE), max_size=8).map("".join)),
    max_size=12).map(lambda lines: "\n".join(start + text for start, text in lines))


def tokens(md, text: str) -> list[dict]:
    return [token.as_dict() for token in md.parse(text)]


def pair():
    """Our configuration parsed the stock way (markdown-it's rule loops and link helpers), and as
    articles are parsed."""
    stock = configured_parser()
    stock.helpers = markdown_it.helpers
    return stock, use_rule_dispatch(configured_parser())


STOCK, FAST = pair()


@settings(max_examples=1500, deadline=None)
@given(MARKDOWN)
@example("> -\n> \n> ")  # a last line past the end of the text: the container plugin read beyond it
def test_same_tokens_as_markdown_it(text):
    assert tokens(FAST, text) == tokens(STOCK, text)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_same_tokens_on_any_text(text):
    assert tokens(FAST, text) == tokens(STOCK, text)


def test_same_tokens_on_the_projects_markdown():
    paths = sorted(ROOT.glob("content/**/*.md")) + sorted(ROOT.glob("tests/**/*.md"))
    assert len(paths) > 20
    for path in paths:
        text = path.read_bytes().decode("utf-8", errors="replace")
        assert tokens(FAST, text) == tokens(STOCK, text), path


@pytest.mark.parametrize("change", [
    lambda md: md.enable("strikethrough"),
    lambda md: md.disable("emphasis"),
    lambda md: md.disable(["heading", "list"]),
    lambda md: md.enable("linkify") if _has_linkify() else md.disable("entity"),
])
@settings(max_examples=150, deadline=None)
@given(text=MARKDOWN)
def test_same_tokens_after_rules_change(change, text):
    stock, fast = pair()
    change(stock)
    change(fast)
    assert tokens(fast, text) == tokens(stock, text)


def _dollar_rule(state, silent):
    """An inline rule of another plugin, starting at `$` (which dispatch.py does not know)."""
    if state.src[state.pos] != "$":
        return False
    if not silent:
        state.push("dollar", "", 0).content = "$"
    state.pos += 1
    return True


@settings(max_examples=200, deadline=None)
@given(MARKDOWN)
def test_a_rule_it_does_not_know_is_tried_everywhere(text):
    stock, fast = pair()
    for md in (stock, fast):
        md.inline.ruler.before("emphasis", "dollar", _dollar_rule)
    assert tokens(fast, text + " $x$") == tokens(stock, text + " $x$")
    assert [child["type"] for child in tokens(fast, "a $b")[1]["children"]] == ["text", "dollar", "text"]


def test_plain_text_is_one_token_as_markdown_it_makes_it():
    text = "Plain words, with commas; quotes \"and\" dashes - and colons, but nothing to parse."
    assert PLAIN_TEXT_STOPS.search(text) is None
    assert tokens(FAST, text) == tokens(STOCK, text)
    assert [child["type"] for child in tokens(FAST, text)[1]["children"]] == ["text"]


def _has_linkify() -> bool:
    import importlib.util

    return importlib.util.find_spec("linkify_it") is not None
