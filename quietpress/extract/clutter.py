"""Clutter patterns shared by the text and HTML extractors, in one place.

Each pattern is general (the wording of common CMS widgets), never one site's text; a pattern
that only one site needs belongs in that site's profile under `sites/`.
"""

from __future__ import annotations

import re

# Lines that end the article: what follows them is the page's furniture.
END_MARKERS = re.compile(
    r"^(more|related( posts| stories| articles)?|read more|more stories|recommended( stories| for you)?|"
    r"popular( stories| posts| now)?|most (read|popular)|next (post|article|story)|previous (post|article)|"
    r"you may also like|trending( now)?|comments?|leave a (comment|reply)|share this( article)?|tags?:?.*|"
    r"about the author|follow us|navigate site|newsletter|sign up.*|subscribe.*)$",
    re.I,
)
# Headings of blocks that can be injected mid-article; the short lines under them are dropped.
SECTION_MARKERS = re.compile(r"^(related posts|related|read also|see also|also read|recommended|more on this)$", re.I)
CLUTTER_LINE = re.compile(
    r"^(no result|view all result|reading time:.*|\d+\s*(min|mins|minutes?) read|share\d*|tweet\d*|"
    r"(share|tweet|pin|email)\s*\d*(\s*(share|tweet|pin|email)\s*\d*)*|\d+\s*shares?|\d+|login|log in|"
    r"sign in|register|subscribe|pricing|welcome back!?|forgotten password\??|retrieve your password|"
    r"advertisement|sponsored|skip to (main )?content|(©|copyright).*|all rights reserved.*|"
    r"please enter your username.*|are you sure want to.*|unlock left.*)$",
    re.I,
)


def is_end_marker(line: str) -> bool:
    return bool(END_MARKERS.match(line.strip()))


def is_section_marker(line: str) -> bool:
    return bool(SECTION_MARKERS.match(line.strip()))


def is_clutter_line(line: str) -> bool:
    return bool(CLUTTER_LINE.match(line.strip()))
