"""Plain-text captures (text-mode browser dumps, copy-pastes) to Articles.

Decided from the dump's structure, not from one site's wording: the title is the line just above
the byline/date cluster; body paragraphs are sentence-shaped lines between the title and the first
end-of-article marker; a caption is a sentence followed by a short credit line; lines the page
repeats (its own headlines in listings), capitals-only slugs and counters are clutter.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from dataclasses import dataclass

from quietpress.extract.clutter import is_clutter_line, is_end_marker, is_section_marker
from quietpress.extract.dates import parse_date
from quietpress.extract.metadata import split_authors
from quietpress.extract.profiles import Profiles
from quietpress.model import Article, Document

BYLINE = re.compile(r"^(?:by|written by|von|por|par|di|door)\s+(.+)$", re.I)
# A body paragraph has sentence shape: enough words and an ending, or many words.
# Chosen on the seed and the text corpus in tests/corpus; re-run test_extract_text if changed.
MIN_SENTENCE_WORDS = 8
LONG_LINE_WORDS = 25
CREDIT = re.compile(r"(/|\bvia\b|\bphoto\b|\bfoto\b|\bimage\b|\bcredit\b|getty|reuters|\bap\b|afp|shutterstock|©)", re.I)
SENTENCE_END = re.compile(r"[.!?…:\"”’»)]$")


@dataclass(frozen=True)
class Line:
    index: int
    text: str


def extract_text_article(document: Document, profiles: Profiles) -> Article:
    lines = [line.strip() for line in document.text.split("\n")]
    profile = profiles.for_page(document.capture.url, None)
    if profile:
        lines = ["" if any(p.search(l) for p in profile.clutter_lines) else l for l in lines]
    repeated = _repeated(lines)
    head_end, title_index, authors, date = _header(lines)
    title = lines[title_index] if title_index is not None else (document.capture.hints.get("title") or "")
    start = head_end if head_end is not None else 0
    paragraphs, figures_html, end = _body(lines, start, repeated, title)
    bio = _bio(lines, end, authors)
    return Article(
        title=title,
        body_html="\n".join(paragraphs),
        authors=tuple(authors),
        date=date,
        category=_category(lines, title_index),
        site=_site(lines),
        source_url=document.capture.url,
        author_bio=bio,
        captured=document.capture.captured or _captured(lines, title_index),
    )


def _repeated(lines: list[str]) -> set[str]:
    counts = Counter(_key(l) for l in lines if l)
    return {k for k, n in counts.items() if n > 1}


def _key(text: str) -> str:
    return re.sub(r"\W+", " ", text.casefold()).strip()


def _header(lines: list[str]) -> tuple[int | None, int | None, list[str], str | None]:
    """Find the byline/date cluster; return (first body line, title line, authors, date)."""
    for i, line in enumerate(lines):
        match = BYLINE.match(line)
        if not match:
            continue
        authors = split_authors([match.group(1)])
        title_index = _previous_nonblank(lines, i)
        date, j = None, i + 1
        for j in range(i + 1, min(i + 6, len(lines))):
            date = parse_date(lines[j]) if lines[j] else None
            if date:
                break
        return j + 1, title_index, authors, date
    for i, line in enumerate(lines):
        if line and parse_date(line) and len(line) < 40 and i > 0:
            title_index = _previous_nonblank(lines, i)
            if title_index is not None and len(lines[title_index].split()) >= 4:
                return i + 1, title_index, [], parse_date(line)
    return None, None, [], None


def _previous_nonblank(lines: list[str], i: int) -> int | None:
    for j in range(i - 1, -1, -1):
        if lines[j]:
            return j
    return None


def _is_sentence(text: str) -> bool:
    words = len(text.split())
    return words >= LONG_LINE_WORDS or (words >= MIN_SENTENCE_WORDS and bool(SENTENCE_END.search(text)))


def _body(lines: list[str], start: int, repeated: set[str], title: str) -> tuple[list[str], list[str], int]:
    out: list[str] = []
    i, last_body = start, start
    started = False
    skipping_block = False
    while i < len(lines):
        line = lines[i]
        if not line:
            i += 1
            continue
        if started and is_end_marker(line):
            break
        if is_section_marker(line):
            skipping_block = True
            i += 1
            continue
        credit_at = _credit_after(lines, i)
        if _is_sentence(line) and credit_at is not None and started:
            out.append(_figure(line, lines[credit_at]))
            i = credit_at + 1
            continue
        if _is_sentence(line) and _key(line) not in repeated and not is_clutter_line(line):
            started, skipping_block = True, False
            out.append(f"<p>{html.escape(line, quote=False)}</p>")
            last_body = i
        i += 1
    return out, [], last_body + 1


def _credit_after(lines: list[str], i: int) -> int | None:
    for j in range(i + 1, min(i + 3, len(lines))):
        if lines[j]:
            text = lines[j]
            if len(text.split()) <= 8 and CREDIT.search(text) and not SENTENCE_END.search(text):
                return j
            return None
    return None


def _figure(caption: str, credit: str) -> str:
    return (f"<figure><figcaption>{html.escape(caption, quote=False)} "
            f"<small class=\"credit\">{html.escape(credit, quote=False)}</small></figcaption></figure>")


def _bio(lines: list[str], end: int, authors: list[str]) -> str | None:
    if not authors:
        return None
    first = authors[0]
    for line in lines[end:]:
        if line.startswith(first) and _is_sentence(line):
            return line
    return None


def _category(lines: list[str], title_index: int | None) -> str | None:
    if title_index is None:
        return None
    for j in range(title_index - 1, max(title_index - 4, -1), -1):
        parts = re.split(r"\s*[›»>/|]\s*|\s+", lines[j]) if lines[j].lower().startswith("home") else []
        if len(parts) >= 2:
            return " ".join(parts[1:]).strip() or None
    return None


def _site(lines: list[str]) -> str | None:
    for line in lines:
        match = re.match(r"^(?:©|\(c\)|copyright)\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?)?\s*(.+?)\.?$", line, re.I)
        if match and len(match.group(1).split()) <= 6:
            return match.group(1).strip()
    return None


def _captured(lines: list[str], title_index: int | None) -> str | None:
    stop = title_index if title_index is not None else min(len(lines), 30)
    for line in lines[:stop]:
        if len(line) < 40 and re.match(r"^[^\W\d_]+,", line):
            found = parse_date(line)
            if found:
                return found
    return None
