"""A text dump read into logical lines: markers of text browsers removed, wrapped lines joined.

Text browsers (lynx, w3m), reader-mode exports and copy-pastes differ in small ways: bullets,
`[IMG]` markers, numbered link references with a "References" list at the end, Markdown-style
headings, and paragraphs hard-wrapped at a fixed column. This module hides those differences, so
the extractor in text.py sees one logical line per paragraph, list item, heading or image.
"""

from __future__ import annotations

import enum
import re
import unicodedata
from dataclasses import dataclass

from quietpress.extract.clutter import (BULLET, IMAGE_MARKER, LINK_REFERENCE, MARKDOWN_HEADING, ORDERED,
                                        SENTENCE_END, WRAP_MAX_WIDTH, WRAP_MIN_WIDTH, WRAP_OVERLONG_SHARE,
                                        WRAP_SLACK, is_credit)

# Lynx ends a dump with its list of link targets; nothing after it is the page's text.
REFERENCES = re.compile(r"^\s*(references|visible links:?|hidden links:?)\s*$", re.I)
REFERENCE_ITEM = re.compile(r"^\s*\d+\.\s+\S+:")
UNDERLINE = re.compile(r"^\s*(=+|-+)\s*$")
# Characters that only disturb comparisons: no-break and zero-width spaces, soft hyphens, BOM.
INVISIBLE = str.maketrans({"\u00a0": " ", "\u202f": " ", "\u200b": None, "\u200c": None, "\u200d": None,
                           "\u00ad": None, "\ufeff": None, "\t": "    "})


class LineKind(str, enum.Enum):
    TEXT = "text"
    BULLET = "bullet"
    ORDERED = "ordered"
    HEADING = "heading"
    IMAGE = "image"


@dataclass(frozen=True)
class Line:
    """One logical line of a dump: its text without markers, its kind and the blank lines around it."""

    text: str
    kind: LineKind = LineKind.TEXT
    gap_before: bool = True
    gap_after: bool = True
    number: int = 0


def read_lines(dump: str) -> list[Line]:
    """Return the dump's logical lines, wrapped paragraphs joined back into one line each.

    >>> [l.text for l in read_lines("A line wrapped\\nat a narrow width.")]
    ['A line wrapped', 'at a narrow width.']
    """
    raw = _cut_references(dump.replace("\r\n", "\n").replace("\r", "\n").translate(INVISIBLE).split("\n"))
    width = wrap_width(raw)
    lines: list[Line] = []
    last_raw = ""
    gap = True
    for number, text in enumerate(raw, 1):
        if not text.strip():
            gap = True
            continue
        if UNDERLINE.match(text):
            # "Title\n=====" makes the line above a heading; a rule alone ("-----") separates.
            if lines and not gap and lines[-1].kind is LineKind.TEXT and len(text.strip()) >= 3:
                lines[-1] = Line(lines[-1].text, LineKind.HEADING, lines[-1].gap_before, True, lines[-1].number)
            gap = True
            continue
        kind, content = _classify(text)
        indent = len(text) - len(text.lstrip())
        if lines and not gap and _continues(lines[-1], last_raw, kind, content, indent, width):
            previous = lines[-1]
            lines[-1] = Line(_joined(previous.text, content), previous.kind, previous.gap_before, False, previous.number)
        else:
            if lines and not gap:
                lines[-1] = Line(lines[-1].text, lines[-1].kind, lines[-1].gap_before, False, lines[-1].number)
            lines.append(Line(content, kind, gap, True, number))
        last_raw = text.rstrip()
        gap = False
    return [line for line in lines if line.text]


def wrap_width(raw: list[str]) -> int | None:
    """Return the column a hard-wrapped dump was wrapped at, or None when it was not wrapped."""
    long = sorted(columns(line.rstrip()) for line in raw if columns(line.strip()) >= 40)
    if len(long) < 5:
        return None
    overlong = sum(1 for n in long if n > WRAP_MAX_WIDTH)
    if overlong > WRAP_OVERLONG_SHARE * len(long):
        return None
    # Most long lines of a wrapped dump end just short of the width; the 90th percentile ignores
    # the odd overlong URL.
    width = long[int(0.9 * (len(long) - 1))]
    return width if width >= WRAP_MIN_WIDTH else None


def _cut_references(raw: list[str]) -> list[str]:
    for i, line in enumerate(raw):
        if REFERENCES.match(line) and any(REFERENCE_ITEM.match(l) for l in raw[i + 1:i + 4]):
            return raw[:i]
    return raw


def _classify(text: str) -> tuple[LineKind, str]:
    content = " ".join(LINK_REFERENCE.sub("", text).split())
    if IMAGE_MARKER.match(content):
        return LineKind.IMAGE, content
    for pattern, kind in ((MARKDOWN_HEADING, LineKind.HEADING), (BULLET, LineKind.BULLET), (ORDERED, LineKind.ORDERED)):
        match = pattern.match(content)
        if match:
            return kind, match.groups()[-1].strip()
    return LineKind.TEXT, content


def _continues(previous: Line, previous_raw: str, kind: LineKind, content: str, indent: int, width: int | None) -> bool:
    """True when a line carries on the logical line above it (a wrapped paragraph or list item)."""
    if width is None or kind not in (LineKind.TEXT,) or previous.kind not in (LineKind.TEXT, LineKind.BULLET, LineKind.ORDERED):
        return False
    # A caption's last line and its credit stay apart even when the caption reached the width.
    if SENTENCE_END.search(previous.text) and is_credit(content):
        return False
    next_word = content.split()[0]
    return columns(previous_raw) + 1 + columns(next_word) > width - WRAP_SLACK


def columns(text: str) -> int:
    """Return the terminal columns a text takes: wide (CJK) characters take two, as text browsers count."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _joined(previous: str, content: str) -> str:
    # Text browsers break CJK text between any two characters; rejoin it without a space.
    wide = unicodedata.east_asian_width
    if previous and content and wide(previous[-1]) in "WF" and wide(content[0]) in "WF":
        return previous + content
    return previous + " " + content
