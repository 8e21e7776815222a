"""The header of a text dump: title, byline, dates, standfirst, category and the capture date.

The anchor is the cluster of meta lines under the headline: a byline ("By A and B", "Von A und B",
"Jane Doe · 4 min read"), a date line, a reading time, a comment counter. The title is the
headline-shaped line above it; a breadcrumb or kicker above the title gives the category; a date
line higher up, in the page's own header, is the day the page was captured.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from quietpress.extract import clutter as rules
from quietpress.extract.clutter import is_clutter_line, is_credit, is_end_marker, is_prompt, section_marker
from quietpress.extract.dates import find_date
from quietpress.extract.dump import Line, LineKind
from quietpress.extract.metadata import ROLE_WORDS, split_authors
from quietpress.extract.wordcount import word_count

# How many non-blank lines after a cluster the first paragraph may come; a date in the page's
# masthead is followed by navigation, not prose. The seed has 5 lines of furniture there; 15 is safe.
BODY_WITHIN_LINES = 15
# How far after a cluster its prose is counted when several clusters compete: longer than most
# articles' bodies in logical lines (the seed's is 25), short enough to stay local.
PROSE_WINDOW_LINES = 80
# How far above the main run of prose the header may end (logical lines): room for a lead figure,
# share buttons and an injected related block. The seed has 5.
MAIN_PROSE_GAP_LINES = 25


META_KINDS = (LineKind.TEXT, LineKind.BULLET)


@dataclass(frozen=True)
class Header:
    title: str | None = None
    authors: tuple[str, ...] = ()
    date: str | None = None
    modified: str | None = None
    summary: str | None = None
    category: str | None = None
    captured: str | None = None
    body_from: int = 0
    # Where the page's densest run of prose starts; no end-of-article marker above it ends the body.
    main_from: int | None = None


@dataclass(frozen=True)
class Cluster:
    start: int
    end: int
    title_at: int
    summary: str | None


def read_header(lines: tuple[Line, ...], counts: Counter) -> Header:
    """Return what the dump's header says about the article; fields it does not show stay None."""
    main = main_prose_start(lines)
    cluster = _find_cluster(lines, counts, main)
    captured = _labelled_capture_date(lines)
    if cluster is None:
        title_at = _leading_title(lines)
        if title_at is None:
            return Header(captured=captured, body_from=main or 0, main_from=main)
        return Header(title=lines[title_at].text, category=_category(lines, title_at, counts),
                      captured=captured or _header_date(lines, title_at), body_from=title_at + 1, main_from=main)
    authors: list[str] = []
    dates: list[str] = []
    modified = None
    for line in lines[cluster.start:cluster.end]:
        names = byline(line.text) or _bare_names(line.text, counts, lines, cluster)
        if names and not authors:
            authors = names
        # A byline may carry the date: "Submitted by A on Tue, 04/16/2024 - 14:35".
        in_byline = find_date(line.text) if names else None
        found = date_line(line.text) or (in_byline.value if in_byline else None) or _leading_date(line.text)
        if found:
            if rules.UPDATED.search(line.text) and dates:
                modified = modified or found
            else:
                dates.append(found)
    date = dates[0] if dates else _kicker_date(lines, cluster.title_at)
    if modified is None and len(dates) > 1 and dates[1] != dates[0]:
        modified = dates[1]
    return Header(
        title=lines[cluster.title_at].text,
        authors=tuple(authors),
        date=date,
        modified=modified if modified != date else None,
        summary=cluster.summary,
        category=_category(lines, cluster.title_at, counts),
        captured=captured or _header_date(lines, cluster.title_at),
        body_from=cluster.end,
        main_from=main,
    )


# --- the cluster --------------------------------------------------------------------------------------

def _find_cluster(lines: tuple[Line, ...], counts: Counter, main: int | None) -> Cluster | None:
    found: dict[str, list[Cluster]] = {"byline": [], "date": []}
    run: tuple[int, int, Cluster | None] = (0, 0, None)
    for i, line in enumerate(lines):
        # Some themes put the date or byline in a list ("  • 19 November 2019").
        if line.kind not in META_KINDS:
            continue
        kind = "byline" if byline(line.text) else "date" if date_line(line.text) or _leading_date(line.text) else None
        if kind is None:
            continue
        if run[0] < i < run[1]:
            # Inside the run of meta lines just grown: growing it again from each of its lines
            # took time in the square of its length (54 kB of bylines: 95 s); it is the same cluster.
            if run[2] is not None and run[2] not in found[kind]:
                found[kind].append(run[2])
            continue
        start, end = _grow(lines, i)
        above = _title_above(lines, start)
        cluster = Cluster(start, end, *above) if above is not None else None
        run = (i, end, cluster)
        if cluster is not None:
            found[kind].append(cluster)
    # The article's own header is the nearest one above the page's main run of prose; failing that,
    # the one with the most prose under it. A byline beats a bare date (teasers in listings carry
    # dates too), and the earlier cluster wins a tie.
    above_main = [c for kind in found for c in found[kind] if main is not None and c.end <= main <= c.end + MAIN_PROSE_GAP_LINES]
    if above_main:
        return max(above_main, key=lambda c: (c.end, byline(lines[c.start].text) is not None))
    ranked = [(prose_after(lines, c.end), kind == "byline", -c.start, c) for kind in found for c in found[kind]]
    ranked = [r for r in ranked if r[0] > 0] or ranked
    return max(ranked, key=lambda r: r[:3])[3] if ranked else None


def _grow(lines: tuple[Line, ...], i: int) -> tuple[int, int]:
    start, end = i, i + 1
    while start > 0 and lines[start - 1].kind in META_KINDS and _is_meta(lines[start - 1].text):
        start -= 1
    while end < len(lines) and lines[end].kind in META_KINDS and (
            _is_meta(lines[end].text) or _is_bare_name(lines[end].text) and not lines[end - 1].gap_after):
        end += 1
    # A bare name just above a date ("Jane Doe" / "Mar 3, 2025 · 4 min read") belongs to the cluster.
    if start > 0 and not lines[start - 1].gap_after and _is_bare_name(lines[start - 1].text):
        start -= 1
    return start, end


def _is_meta(text: str) -> bool:
    return bool(byline(text) or date_line(text) or rules.READING_TIME.search(text) and word_count(text) <= 8
                or rules.SHARE_COUNTER.match(text) or re.fullmatch(r"[\d\s]+(comments?|kommentare|comentarios)?", text, re.I))


def _title_above(lines: tuple[Line, ...], start: int) -> tuple[int, str | None] | None:
    summary = None
    seen = 0
    j = start - 1
    # A theme that lists its meta ("  • Jane Doe, Paper" / "  • 19.11.2019") lists it together.
    in_meta_list = lines[start].kind is LineKind.BULLET
    while j >= 0 and seen < rules.TITLE_SEARCH_LINES:
        line = lines[j]
        if line.kind is LineKind.BULLET and in_meta_list:
            j -= 1
            continue
        in_meta_list = False
        if line.kind in (LineKind.BULLET, LineKind.ORDERED):
            return None
        seen += 1
        text = line.text
        if line.kind is LineKind.IMAGE or is_clutter_line(text) or is_credit(text) or is_prompt(text):
            j -= 1
            continue
        if title_shaped(text) and not _breadcrumb(text):
            return j, summary
        if summary is None and word_count(text) >= rules.MIN_SENTENCE_WORDS and rules.SENTENCE_END.search(text):
            summary = text
        j -= 1
    return None


def main_prose_start(lines: tuple[Line, ...]) -> int | None:
    """Return where the page's densest run of prose starts (the best-scoring stretch of lines)."""
    best, best_start, run, run_start = 0, None, 0, 0
    for i, line in enumerate(lines):
        words = word_count(line.text)
        prose = _is_prose(line)
        if run <= 0:
            run, run_start = 0, i
        run += words if prose else -rules.NON_PROSE_PENALTY_WORDS
        if run > best:
            best, best_start = run, run_start
    return best_start


def prose_after(lines: tuple[Line, ...], end: int) -> int:
    """Words of sentence-shaped lines after a cluster, up to the first end-of-article marker."""
    total = 0
    for line in lines[end:end + PROSE_WINDOW_LINES]:
        if is_end_marker(line.text) and total:
            break
        if _is_prose(line):
            total += word_count(line.text)
    return total


def _is_prose(line: Line) -> bool:
    """A sentence-shaped line: a paragraph, or a list item written as prose (listicles)."""
    words = word_count(line.text)
    return line.kind in (LineKind.TEXT, LineKind.ORDERED) and not is_prompt(line.text) and (
        words >= rules.LONG_LINE_WORDS or words >= rules.MIN_SENTENCE_WORDS and bool(rules.SENTENCE_END.search(line.text)))


def _body_follows(lines: tuple[Line, ...], end: int) -> bool:
    for line in lines[end:end + BODY_WITHIN_LINES]:
        words = word_count(line.text)
        if line.kind is LineKind.TEXT and not is_prompt(line.text) and (
                words >= rules.LONG_LINE_WORDS or words >= rules.MIN_SENTENCE_WORDS and rules.SENTENCE_END.search(line.text)):
            return True
    return False


def _leading_title(lines: tuple[Line, ...]) -> int | None:
    """With no byline or date: the first headline-shaped line that prose follows closely."""
    for i, line in enumerate(lines[:BODY_WITHIN_LINES * 4]):
        if line.kind in (LineKind.TEXT, LineKind.HEADING) and title_shaped(line.text) and not _breadcrumb(line.text) \
                and not is_clutter_line(line.text) and _body_follows(lines, i + 1) \
                and _body_follows(lines[:i + 4], i + 1):
            return i
    return None


# --- shapes ---------------------------------------------------------------------------------------------

def title_shaped(text: str, min_words: int = 2) -> bool:
    """True for a headline: a few words, no final full stop, not a date, a counter or furniture."""
    if not min_words <= word_count(text) <= rules.MAX_TITLE_WORDS or text.endswith((".", ",", ";", ":", "。", "，")):
        return False
    if not re.match(r"^[\W]*[^\W_]", text) or text[0].islower():
        return False
    return not (date_line(text) or is_clutter_line(text) or section_marker(text) is not None or is_credit(text))


def byline(text: str) -> list[str] | None:
    """Return the authors a byline names ("By A and B", "Von A und B", "A · 4 min read"), or None."""
    names = _byline_names(text)
    return list(names) if names is not None else None


# A capture may repeat one line thousands of times (a dump of a byline widget), and the header
# search reads each line twice: found once, a line's names are not looked for again.
@lru_cache(maxsize=4096)
def _byline_names(text: str) -> tuple[str, ...] | None:
    match = rules.BYLINE_PREFIX.match(text)
    if match:
        rest = match.group(1)
    elif (find_date(text) or rules.READING_TIME.search(text)) and re.search(r"\s[|·•—–]\s", text):
        rest = re.split(r"\s[|·•—–]\s", text)[0]
    else:
        return None
    found = find_date(rest)
    if found:
        rest = rest[:found.start]
    rest = re.sub(r"@\w+", " ", rest)  # a handle glued to the name by the dump
    # What follows the names: a separator, a role in brackets, "on Tue," / "am 3." / "le 1er".
    rest = re.split(r"\s[|·•—–-]\s|\s*\(|\s(?:on|am|um|le|el|il|op|at)\s", rest)[0].strip(" ,;:")
    if not rest or word_count(rest) > 16:
        return None
    # Every part is a name, or a role such as "staff writer" that split_authors drops.
    parts = [p.strip() for p in rules.NAME_JOINERS.split(rest) if p.strip()]
    if not parts or not all(_name_shaped(p) or not ROLE_WORDS.sub("", p).strip(" ,.;:") for p in parts):
        return None
    return tuple(split_authors([rest])) or None


def _name_shaped(text: str) -> bool:
    words = text.split()
    if not 1 <= len(words) <= 5 or re.search(r"\d", text):
        return False
    for word in words:
        if word.casefold() in rules.NAME_PARTICLES:
            continue
        if not (re.fullmatch(r"[A-ZÀ-ÖØ-Þ][\w'’.-]*", word) or rules.WIDE_NAME.fullmatch(word)):
            return False
    return True


def _is_bare_name(text: str) -> bool:
    """A line of one to three names and nothing else ("Mara Lindqvist and Tobias Wren")."""
    parts = [p for p in rules.NAME_JOINERS.split(text) if p]
    return 1 <= len(parts) <= 3 and all(_name_shaped(p) and len(p.split()) >= 2 for p in parts) \
        and not re.match(r"^(the|a|an|der|die|das|el|la|le|les|los)\b", text, re.I) \
        and not _breadcrumb(text)


def _bare_names(text: str, counts: Counter, lines: tuple[Line, ...], cluster: Cluster) -> list[str] | None:
    """Names on a line of their own count as a byline when the page names them again (author box, bio)."""
    if not _is_bare_name(text):
        return None
    parts = [p for p in rules.NAME_JOINERS.split(text) if p]
    later = " ".join(line.text for line in lines[cluster.end:])
    if all(re.search(r"\b" + re.escape(p) + r"\b", later) for p in parts):
        return split_authors([text])
    return None


def _leading_date(text: str) -> str | None:
    """A short line opening with a date, then names or labels ("21/06/2014 Tony Carter News")."""
    found = find_date(text)
    return found.value if found and found.start == 0 and word_count(text) <= rules.MAX_HEADING_WORDS else None


def date_line(text: str) -> str | None:
    """Return the date when the line is a date and little else ("Published 12 March 2025, 10:05")."""
    found = find_date(text)
    if found is None:
        return None
    rest = (text[:found.start] + " " + text[found.end:])
    rest = rules.READING_TIME.sub(" ", rest)
    rest = rules.DATE_WORDS.sub(" ", rest)
    leftover = [w for w in re.findall(r"[^\W\d_]+", rest)]
    return found.value if len(leftover) <= 2 else None


# --- above the title ----------------------------------------------------------------------------------

def _breadcrumb(text: str) -> list[str] | None:
    """Return a breadcrumb's items without the home item, or None when the line is not one."""
    parts = [p.strip() for p in rules.BREADCRUMB_SEPARATOR.split(text) if p.strip()]
    first = text.split()[0].casefold() if text.split() else ""
    if len(parts) < 2:
        if first in rules.HOME_WORDS and 2 <= word_count(text) <= 4:
            return [text.split(None, 1)[1]]
        return None
    if any(len(p.split()) > 5 or re.search(r"\d", p) for p in parts):
        return None
    items = [p for p in parts if p.casefold() not in rules.HOME_WORDS]
    if parts[0].casefold() not in rules.HOME_WORDS and len(parts) > 4:
        return None  # a row of navigation, not a trail
    return items or None


def _category(lines: tuple[Line, ...], title_at: int, counts: Counter) -> str | None:
    title = lines[title_at].text.casefold()
    seen = 0
    for j in range(title_at - 1, -1, -1):
        line = lines[j]
        if line.kind in (LineKind.BULLET, LineKind.ORDERED) or seen >= rules.CATEGORY_SEARCH_LINES:
            break
        seen += 1
        label = rules.CATEGORY_LABEL.match(line.text)
        if label:
            return label.group(1).strip()
        items = _breadcrumb(line.text)
        if items:
            items = [i for i in items if i.casefold() != title]
            if items:
                return items[-1]
        if seen == 1 and _is_kicker(line.text, lines):
            return line.text.title() if line.text.isupper() else line.text
    return None


def _is_kicker(text: str, lines: tuple[Line, ...]) -> bool:
    """A section name just above the title: one of the site's navigation items."""
    if not 1 <= word_count(text) <= 3 or is_clutter_line(text) or date_line(text):
        return False
    nav = {line.text.casefold() for line in lines if line.kind is LineKind.BULLET}
    return text.casefold() in nav


def _kicker_date(lines: tuple[Line, ...], title_at: int) -> str | None:
    for j in range(title_at - 1, max(title_at - 1 - rules.CATEGORY_SEARCH_LINES, -1), -1):
        if lines[j].kind is LineKind.TEXT and date_line(lines[j].text):
            return date_line(lines[j].text)
    return None


def _header_date(lines: tuple[Line, ...], title_at: int) -> str | None:
    """A date line in the page's own header, above the title and its kicker: the day of capture."""
    for j in range(0, max(title_at - rules.CATEGORY_SEARCH_LINES, 0)):
        if lines[j].kind is LineKind.TEXT:
            found = date_line(lines[j].text)
            if found:
                return found[:10]
    return None


def _labelled_capture_date(lines: tuple[Line, ...]) -> str | None:
    for line in lines:
        if rules.CAPTURED.search(line.text) and word_count(line.text) <= 10:
            found = find_date(line.text)
            if found:
                return found.value[:10]
    return None
