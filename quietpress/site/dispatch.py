"""markdown-it's block and inline parsers, trying at each place only the rules that can start there.

markdown-it tries every rule in order at the start of every block and at every inline character
that stops plain text. Most rules give up at once on the first character (an ATX heading needs `#`,
a block quote `>`, an entity `&`), but with fourteen block rules and a dozen inline ones the
attempts were a fifth of parsing a news article. Here each rule of CommonMark and of the plugins we
use is listed with the characters that can open it; at a given place only the rules that can
start with its character are tried, in their usual order. A rule not listed here (another plugin's)
is tried everywhere, so it is never skipped.

The tokens are exactly markdown-it's: tests/test_properties.py compares both parsers on generated
documents, and the rendering cache's key names this module (cache.RENDERER_MODULES).

Two more savings on the inline side, while every inline rule is one listed here: plain text stops
only at characters a listed rule starts with (markdown-it also stops at `-`, `$`, `%` and others
that extensions might claim), and a text with none of them is one text token, made without a
parser state.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Callable

from markdown_it import MarkdownIt
from markdown_it.token import Token

# Characters of plain text held in the inline parser's `pending` string before they become a token.
PENDING_LIMIT = 4096

# Characters a block rule's first line can start with (after its indentation), by rule name. None:
# any character. A line indented four columns or more is tried with every rule (indented code).
BLOCK_RULE_STARTS: dict[str, str | None] = {
    "table": None,            # a header row is any text; the delimiter row below decides
    "code": "",               # indented lines only
    "fence": "`~",
    "blockquote": ">",
    "hr": "*-_",
    "list": "*-+0123456789",
    "reference": "[",
    "html_block": "<",
    "heading": "#",
    "lheading": None,
    "paragraph": None,
    "front_matter": "-",      # mdit-py-plugins: a `---` fence
    "footnote_def": "[",      # mdit-py-plugins: `[^label]:`
}

# Characters an inline rule can start at, by rule name ("text" is plain text, the fallback).
INLINE_RULE_STARTS: dict[str, str] = {
    "text": "",
    "linkify": ":",
    "newline": "\n",
    "escape": "\\",
    "backticks": "`",
    "strikethrough": "~",
    "emphasis": "*_",
    "link": "[",
    "image": "!",
    "autolink": "<",
    "html_inline": "<",
    "entity": "&",
    "footnote_inline": "^",   # mdit-py-plugins: `^[inline note]`
    "footnote_ref": "[",      # mdit-py-plugins: `[^label]`
}
# A link's label is found by skipping tokens up to its `]` (markdown-it's parseLinkLabel), so plain
# text must stop there too, though no rule starts with it.
LABEL_END = "]"
# Post-processing rules that leave a lone text token as it is.
QUIET_ON_TEXT = frozenset({"balance_pairs", "strikethrough", "emphasis", "fragments_join"})

Rule = Callable[..., bool]


@dataclass(frozen=True)
class RuleTable:
    """The enabled rules of one chain, by the character at the place being parsed."""

    compiled: list[Rule]              # the ruler's own list, to tell when its rules change
    by_character: dict[str, list[Rule]]
    elsewhere: list[Rule]             # for a character no listed rule starts with
    all_listed: bool                  # every enabled rule is in the table of starts


def rule_table(ruler: Any, starts: dict[str, str | None]) -> RuleTable:
    enabled = [(rule.name, rule.fn) for rule in ruler.__rules__ if rule.enabled]
    known = {name: value for name, value in starts.items() if value is not None}

    def can_start(name: str, character: str | None) -> bool:
        if name not in known:
            return True
        if not known[name]:
            return character is None and name == "text"
        return character is not None and character in known[name]

    characters = set("".join(known[name] for name, _ in enabled if name in known))
    return RuleTable(
        compiled=ruler.getRules(""),
        by_character={c: [fn for name, fn in enabled if can_start(name, c)] for c in characters},
        elsewhere=[fn for name, fn in enabled if can_start(name, None)],
        all_listed=all(name in starts for name, _ in enabled))


# Where plain text stops when every inline rule is listed: every listed rule's first characters,
# enabled or not (a rule enabled later still finds text stopped before it), and a label's end.
PLAIN_TEXT_STOPS = re.compile("[" + re.escape("".join(sorted(set("".join(INLINE_RULE_STARTS.values()) + LABEL_END))))
                              + "]")


class RuleDispatch:
    """The tables of one parser, made again when its rules change (enable, disable, a plugin)."""

    def __init__(self, md: MarkdownIt) -> None:
        self.md = md
        self.library_stops = md.inline.terminator_re
        self.blocks = rule_table(md.block.ruler, BLOCK_RULE_STARTS)
        self.inline = self._inline_table()

    def block_table(self) -> RuleTable:
        if self.md.block.ruler.getRules("") is not self.blocks.compiled:
            self.blocks = rule_table(self.md.block.ruler, BLOCK_RULE_STARTS)
        return self.blocks

    def inline_table(self) -> RuleTable:
        if self.md.inline.ruler.getRules("") is not self.inline.compiled \
                or self.md.inline.ruler2.getRules("") is not self.after_inline:
            self.inline = self._inline_table()
        return self.inline

    def _inline_table(self) -> RuleTable:
        inline = self.md.inline
        table = rule_table(inline.ruler, INLINE_RULE_STARTS)
        if table.all_listed and inline.terminator_re is not PLAIN_TEXT_STOPS:
            self.library_stops, inline.terminator_re = inline.terminator_re, PLAIN_TEXT_STOPS
        elif not table.all_listed and inline.terminator_re is PLAIN_TEXT_STOPS:
            # A rule we do not know: text stops where markdown-it stops it (a plugin that claimed a
            # character of its own has already put its pattern in place of ours).
            inline.terminator_re = self.library_stops
        self.after_inline = inline.ruler2.getRules("")
        first = next((rule.name for rule in inline.ruler.__rules__ if rule.enabled), None)
        # Text is one token when plain text comes first and nothing after the rules changes it.
        self.lone_text_possible = table.all_listed and first == "text" and all(
            rule.name in QUIET_ON_TEXT for rule in inline.ruler2.__rules__ if rule.enabled)
        return table

    def lone_text(self, src: str) -> bool:
        """True when `src` is one text token for this parser: no rule can start anywhere in it."""
        self.inline_table()
        return self.lone_text_possible and self.md.inline.terminator_re is PLAIN_TEXT_STOPS \
            and PLAIN_TEXT_STOPS.search(src) is None


def use_rule_dispatch(md: MarkdownIt) -> MarkdownIt:
    """Make `md` try only the rules that can start at each place (same tokens, less work)."""
    dispatch = RuleDispatch(md)
    stock_parse = md.inline.parse

    def parse_inline(src: str, md_: MarkdownIt, env: Any, tokens: list[Token]) -> Any:
        # A text where no rule can start is one text token, as markdown-it makes it.
        if dispatch.lone_text(src):
            if src:
                token = Token("text", "", 0)
                token.content = src
                tokens.append(token)
            return tokens
        return stock_parse(src, md_, env, tokens)

    md.block.tokenize = lambda state, start, end: _tokenize_blocks(dispatch.block_table(), state, start, end)
    md.inline.tokenize = lambda state: _tokenize_inline(dispatch.inline_table(), state)
    md.inline.parse = parse_inline
    return md


def _tokenize_blocks(table: RuleTable, state: Any, start_line: int, end_line: int) -> None:
    """markdown-it's ParserBlock.tokenize, with the rules chosen by the line's first character."""
    line = start_line
    max_nesting = state.md.options.maxNesting
    has_empty_lines = False
    while line < end_line:
        state.line = line = state.skipEmptyLines(line)
        if line >= end_line or state.sCount[line] < state.blkIndent:
            break
        if state.level >= max_nesting:
            state.line = end_line
            break
        if state.sCount[line] - state.blkIndent >= 4:
            rules = table.compiled
        else:
            first = state.src[state.bMarks[line] + state.tShift[line]]
            rules = table.by_character.get(first, table.elsewhere)
        for rule in rules:
            if rule(state, line, end_line, False):
                if state.line <= line:
                    raise RuntimeError("block rule didn't increment state.line")
                break
        else:
            raise RuntimeError("none of the block rules matched")
        # As markdown-it: tight unless an empty line came before; a paragraph may eat one after it.
        state.tight = not has_empty_lines
        line = state.line
        if line - 1 < end_line and state.isEmpty(line - 1):
            has_empty_lines = True
        if line < end_line and state.isEmpty(line):
            has_empty_lines = True
            line += 1
            state.line = line


def _tokenize_inline(table: RuleTable, state: Any) -> None:
    """markdown-it's ParserInline.tokenize, with the rules chosen by the character at the position."""
    end = state.posMax
    max_nesting = state.md.options["maxNesting"]
    src = state.src
    while state.pos < end:
        pos = state.pos
        matched = False
        if state.level < max_nesting:
            for rule in table.by_character.get(src[pos], table.elsewhere):
                if rule(state, False):
                    if state.pos <= pos:
                        raise RuntimeError("inline rule didn't increment state.pos")
                    matched = True
                    break
        if matched:
            if state.pos >= end:
                break
            continue
        char = src[state.pos]
        state.pending += char
        state.pos += 1
        if len(state.pending) > PENDING_LIMIT and char not in " \t\n":
            # `pending` is a string grown a character at a time: a run of characters no rule takes
            # (1.2 million `&`) cost time in the square of its length, minutes for one article.
            # Pushed as a text token now and then, it stays short; markdown-it's text_join rule
            # makes adjacent text tokens one again. Never after a space: the newline rule looks
            # for trailing spaces in `pending` to find hard breaks.
            state.pushPending()
    if state.pending:
        state.pushPending()
