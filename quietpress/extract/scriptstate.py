"""The article a script-rendered page carries in its embedded state, for pages whose markup holds none.

Sites built with Next.js, Nuxt, Gatsby or a Redux store send the page's data as JSON beside an
empty shell (`<script id="__NEXT_DATA__" type="application/json">`, `window.__INITIAL_STATE__ =
{...}`), and a script writes the article into the page in the reader's browser. A capture taken
without running scripts holds the article only there. When nothing in the markup (nor JSON-LD's
`articleBody`) gives a body, the longest prose of that state is the article: one string of HTML
or text, or a list of blocks each holding a paragraph (`[{"type": "paragraph", "text": "..."}]`).
Read as data only: the HTML found goes through the same extraction and allowlist as any page.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any, Iterator

from lxml import etree

from quietpress.extract import boilerplate as rules

# `window.__INITIAL_STATE__ = {...};`, `var __PRELOADED_STATE__ = {...}`: a store's state assigned whole.
STATE_ASSIGNMENT = re.compile(r"^\s*(?:window\.|var\s+|let\s+|const\s+)?[\w$]*(?:STATE|DATA|PROPS|state|data|props)[\w$]*"
                              r"\s*=\s*(?=[{\[])", re.S)
# Keys under which a block of a body keeps its paragraph.
BLOCK_TEXT_KEYS = ("html", "text", "content", "value", "body", "paragraph")
TAG = re.compile(r"<[^>]*>")
SENTENCE_END = re.compile(r"[.!?。！？](?:\s|$|<)")
# Prose: mostly letters and spaces (not base64, CSS or a list of identifiers), in sentences.
MIN_LETTER_SHARE = 0.6
MIN_SENTENCES = 3
# A state larger than this is not read (a capture's state is a few megabytes at most).
MAX_STATE_CHARS = 20_000_000


@dataclass(frozen=True)
class StateBody:
    """The article found in a page's state: HTML (a string of markup, or paragraphs joined)."""

    html: str
    length: int  # characters of its text


def state_body(root: etree._Element) -> StateBody | None:
    """Return the longest prose the page's embedded state holds, or None when it holds none."""
    best: StateBody | None = None
    for data in _states(root):
        for candidate in _candidates(data):
            if best is None or candidate.length > best.length:
                best = candidate
    return best if best is not None and best.length >= rules.MIN_BODY_CHARS else None


def _states(root: etree._Element) -> Iterator[Any]:
    for script in root.iter("script"):
        text = script.text or ""
        if not text or len(text) > MAX_STATE_CHARS:
            continue
        kind = (script.get("type") or "").strip().lower()
        if kind == "application/json":
            source = text
        elif kind in ("", "text/javascript", "application/javascript") and (match := STATE_ASSIGNMENT.match(text)):
            source = text[match.end():].rstrip().rstrip(";")
        else:
            continue
        try:
            yield json.loads(source)
        except (ValueError, RecursionError):  # not JSON after all, or nested past the parser's stack
            continue


def _candidates(data: Any) -> Iterator[StateBody]:
    """Each string of prose in the data, and each list of blocks of prose joined as paragraphs."""
    stack = [data]
    while stack:
        value = stack.pop()
        if isinstance(value, dict):
            stack.extend(value.values())
        elif isinstance(value, list):
            stack.extend(value)
            joined = _blocks(value)
            if joined is not None:
                yield joined
        elif isinstance(value, str) and len(value) >= rules.MIN_BODY_CHARS:
            found = _prose(value)
            if found is not None:
                yield found


def _blocks(items: list) -> StateBody | None:
    """A list of a body's blocks: strings, or objects keeping a paragraph under a text key."""
    pieces = []
    for item in items:
        text = item if isinstance(item, str) else _block_text(item) if isinstance(item, dict) else None
        if text and text.strip():
            pieces.append(text.strip())
    if len(pieces) < MIN_SENTENCES:
        return None
    html = "".join(piece if piece.startswith("<") else f"<p>{_escaped(piece)}</p>" for piece in pieces)
    return _prose(html)


def _block_text(item: dict) -> str | None:
    for key in BLOCK_TEXT_KEYS:
        if isinstance(item.get(key), str):
            return item[key]
    return None


def _prose(value: str) -> StateBody | None:
    """The value as a body when it reads as prose; plain text becomes a paragraph per line."""
    text = " ".join(TAG.sub(" ", value).split())
    if len(text) < rules.MIN_BODY_CHARS or len(SENTENCE_END.findall(text)) < MIN_SENTENCES:
        return None
    if sum(1 for c in text if c.isalpha() or c == " ") < MIN_LETTER_SHARE * len(text):
        return None
    if "<" in value and TAG.search(value):
        return StateBody(value, len(text))
    paragraphs = "".join(f"<p>{_escaped(line)}</p>" for line in re.split(r"\s*\n\s*", value) if line.strip())
    return StateBody(paragraphs, len(text))


def _escaped(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
