"""Plain-text captures (text-mode browser dumps, copy-pastes, reader-mode exports) to Articles.

Decided from the dump's structure, not from one site's wording (patterns and thresholds are in
clutter.py):
- the header is a cluster of byline, date and reading-time lines; the title is the headline-shaped
  line just above it (a sentence-shaped standfirst may sit between), the category the breadcrumb or
  section kicker above the title, the capture date a date line further up in the page header;
- the body runs from the cluster to the first end-of-article marker: sentence-shaped lines are
  paragraphs, a short line between paragraphs is a subheading, a caption followed by a credit line is
  a figure, list items long enough to be prose are a list;
- lines the page repeats (its own headlines in listings), blocks under "Related" markers, capitals-only
  slugs, counters, file names and prompts are clutter.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from dataclasses import dataclass

from quietpress.extract import clutter as rules
from quietpress.extract.clutter import is_clutter_line, is_credit, is_end_marker, is_prompt, section_marker
from quietpress.extract.dump import Line, LineKind, read_lines
from quietpress.extract.profiles import Profiles
from quietpress.extract.replay import replay_of
from quietpress.extract.textheader import Header, prose_after, read_header, title_shaped
from quietpress.extract.wordcount import word_count
from quietpress.model import Article, Document

LIST_KINDS = (LineKind.BULLET, LineKind.ORDERED)


@dataclass(frozen=True)
class Block:
    """One piece of the body: a paragraph, subheading, list or figure."""

    kind: str
    text: str = ""
    credit: str | None = None
    items: tuple[str, ...] = ()


@dataclass(frozen=True)
class Page:
    """The dump's logical lines and how often each line's text occurs in it."""

    lines: tuple[Line, ...]
    counts: Counter

    @classmethod
    def of(cls, lines: list[Line]) -> "Page":
        return cls(tuple(lines), Counter(key(line.text) for line in lines))

    def repeated(self, text: str) -> bool:
        return self.counts[key(text)] > 1

    def next_index(self, i: int) -> int | None:
        return i + 1 if i + 1 < len(self.lines) else None


def key(text: str) -> str:
    """Return the text reduced for comparison: casefolded words only."""
    return re.sub(r"\W+", " ", text.casefold()).strip()


def extract_text_article(document: Document, profiles: Profiles) -> Article:
    """Return the article in a text dump; the body is empty when no paragraph is found."""
    lines = read_lines(document.text)
    replay = replay_of(document.capture.url)
    profile = profiles.for_page(replay.original if replay else document.capture.url, None) or profiles.for_text(line.text for line in lines)
    if profile and profile.clutter_lines:
        lines = [line for line in lines if not any(p.search(line.text) for p in profile.clutter_lines)]
    page = Page.of(lines)
    header = read_header(page.lines, page.counts)
    blocks, end = read_body(page, header)
    blocks, bio = take_bio(page, blocks, end, header.authors)
    site = (profile.name or (profile.names[0] if profile.names else None)) if profile else None
    site = site or find_site(page.lines)
    title = header.title or document.capture.hints.get("title") or _first_sentence(blocks)
    return Article(
        title=strip_site(title, site),
        body_html="\n".join(render(block) for block in blocks),
        authors=header.authors,
        date=header.date,
        modified=header.modified,
        category=header.category,
        summary=header.summary,
        site=site,
        source_url=replay.original if replay else document.capture.url,
        author_bio=bio,
        captured=document.capture.captured or (replay.captured if replay else None) or header.captured,
        archived_url=replay.address if replay else None,
    )


# --- body ------------------------------------------------------------------------------------------

def read_body(page: Page, header: Header) -> tuple[list[Block], int]:
    """Return the body's blocks in order and the index of the line where the article ended."""
    lines = page.lines
    authors = {a.casefold() for a in header.authors}
    blocks: list[Block] = []
    emitted: set[str] = set()
    started = in_related = False
    # Right under a found header a short sentence is already the article ("He said no:").
    after_header = header.title is not None
    i = header.body_from
    while i < len(lines):
        line, text = lines[i], lines[i].text
        if started and (is_end_marker(text) or text.casefold() in authors or _about_author(text, authors)):
            if (header.main_from is None or i >= header.main_from) and not _most_still_to_come(page, blocks, i):
                return _drop_pull_quotes(blocks), i
            in_related = True  # the page's main prose is still to come: skip this block, not the rest
            i += 1
            continue
        if line.kind in LIST_KINDS:
            run = _list_run(lines, i)
            items = [lines[j].text for j in run]
            if started and not in_related and _is_body_list(page, items, blocks):
                blocks.append(Block("ol" if line.kind is LineKind.ORDERED else "ul", items=tuple(items)))
            i = run[-1] + 1
            continue
        if section_marker(text) is not None:
            in_related = True
            i += 1
            continue
        figure, after = _figure_at(page, i)
        if figure is not None:
            blocks.append(figure)
            i = after
            continue
        if line.kind is LineKind.IMAGE or is_clutter_line(text) or is_prompt(text) or is_credit(text):
            i += 1
            continue
        if started and not in_related and _is_subheading(page, i):
            blocks.append(Block("h2", text))
        elif _is_paragraph(text, started or after_header) and not (in_related and text.endswith(("…", "..."))):
            if key(text) not in emitted and not (page.repeated(text) and _words(text) < rules.LONG_LINE_WORDS):
                blocks.append(Block("p", text))
                emitted.add(key(text))
                started, in_related = True, False
        i += 1
    return _drop_pull_quotes(blocks), len(lines)


def _most_still_to_come(page: Page, blocks: list[Block], i: int) -> bool:
    """True when far more prose follows an end marker than came before it (gallery captions, a teaser)."""
    before = sum(_words(b.text) for b in blocks if b.kind == "p")
    after = prose_after(page.lines, i + 1)
    return after >= rules.MIN_REST_OF_ARTICLE_WORDS and after > rules.REST_OF_ARTICLE_RATIO * before


def _words(text: str) -> int:
    return word_count(text)


def _is_paragraph(text: str, started: bool) -> bool:
    words = _words(text)
    if words >= rules.LONG_LINE_WORDS:
        return True
    if not (rules.SENTENCE_END.search(text) or text.endswith(":")) or not re.match(r"^[\W\d]*[^\W\d_]", text):
        return False
    starts_well = bool(re.match(r"^[\"“”‘’«»¿¡(\[—–-]*[\d\w]", text)) and not text[0].islower()
    return words >= rules.MIN_SENTENCE_WORDS or (started and starts_well and words >= rules.MIN_SHORT_SENTENCE_WORDS)


def _is_subheading(page: Page, i: int) -> bool:
    """A short line standing alone between paragraphs, which the page does not repeat elsewhere."""
    line = page.lines[i]
    if line.kind is LineKind.HEADING:
        return not page.repeated(line.text)
    if not (line.gap_before and line.gap_after) or page.repeated(line.text):
        return False
    text = line.text
    # A quoted sentence is not a heading; a question may be ("What happens next?").
    if _words(text) > rules.MAX_HEADING_WORDS or re.search(r"[.,;:!…][\"”’»)]*$|\?[\"”’»)]+$|[.!?]\s", text) \
            or not title_shaped(text, min_words=1):
        return False
    following = page.next_index(i)
    if following is None or page.lines[following].kind is not LineKind.TEXT:
        return False
    return _is_paragraph(page.lines[following].text, False) and _figure_at(page, following)[0] is None


def _figure_at(page: Page, i: int) -> tuple[Block | None, int]:
    """Return a figure starting at line i (caption then credit, or an image marker) and the next index."""
    lines = page.lines
    line = lines[i]
    if line.kind is LineKind.IMAGE:
        caption_at = page.next_index(i)
        if caption_at is None or lines[i].gap_after or lines[caption_at].kind is not LineKind.TEXT:
            return None, i + 1
        caption = lines[caption_at]
        credit_at = page.next_index(caption_at)
        if credit_at is not None and lines[credit_at].kind is LineKind.TEXT and is_credit(lines[credit_at].text):
            return Block("figure", caption.text, _credit(lines[credit_at].text)), credit_at + 1
        if is_credit(caption.text):
            return Block("figure", "", _credit(caption.text)), caption_at + 1
        if not rules.EXPLICIT_IMAGE_MARKER.match(line.text):
            return None, i + 1  # an image shown by its alt text: what follows is a caption only with a credit
        return _split_credit(caption.text), caption_at + 1
    if line.kind is not LineKind.TEXT or _words(line.text) < 3 or is_clutter_line(line.text) or is_credit(line.text):
        return None, i
    trailing = rules.TRAILING_CREDIT.match(line.text)
    if trailing and _words(trailing["caption"]) >= 3 and _words(line.text) < rules.LONG_LINE_WORDS * 2:
        return Block("figure", trailing["caption"], _credit(trailing["credit"])), i + 1
    credit_at = page.next_index(i)
    if credit_at is not None and lines[credit_at].kind is LineKind.TEXT and is_credit(lines[credit_at].text):
        return Block("figure", line.text, _credit(lines[credit_at].text)), credit_at + 1
    return None, i


def _credit(text: str) -> str:
    """Return a credit without the brackets that set it apart ("(AP Photo/Jane Doe)")."""
    return text[1:-1] if text.startswith("(") and text.endswith(")") else text


def _split_credit(text: str) -> Block:
    trailing = rules.TRAILING_CREDIT.match(text)
    if trailing:
        return Block("figure", trailing["caption"], _credit(trailing["credit"]))
    return Block("figure", text)


def _list_run(lines: tuple[Line, ...], i: int) -> list[int]:
    run = [i]
    while run[-1] + 1 < len(lines) and lines[run[-1] + 1].kind is lines[i].kind:
        run.append(run[-1] + 1)
    return run


def _is_body_list(page: Page, items: list[str], blocks: list[Block]) -> bool:
    """A list in the body, not a navigation or headline list: prose-length items the page does not repeat."""
    if any(page.repeated(item) or is_clutter_line(item) or is_prompt(item) for item in items):
        return False
    introduced = bool(blocks) and blocks[-1].kind == "p" and blocks[-1].text.endswith(":")
    long_items = sum(1 for item in items if _words(item) >= rules.MIN_LIST_ITEM_WORDS)
    return introduced or long_items * 2 > len(items)


def _about_author(text: str, authors: set[str]) -> bool:
    match = re.match(r"^(?:about|über|sobre|à propos de)\s+(.+)$", text, re.I)
    return bool(match and match.group(1).casefold() in authors)


def _drop_pull_quotes(blocks: list[Block]) -> list[Block]:
    """Drop a short paragraph repeating the words of a longer one: a pull quote, shown twice by the dump."""
    paragraphs = [key(b.text).split() for b in blocks if b.kind == "p"]
    kept = []
    for block in blocks:
        words = key(block.text).split()
        if block.kind == "p" and rules.MIN_PULL_QUOTE_WORDS <= len(words) < rules.LONG_LINE_WORDS and any(
                len(other) > len(words) and _quoted_in(words, other) for other in paragraphs):
            continue
        kept.append(block)
    return kept


def _quoted_in(words: list[str], other: list[str]) -> bool:
    """True when the words occur in order in the other paragraph, with only a few words between."""
    gaps, at = 0, 0
    for word in words:
        try:
            found = other.index(word, at)
        except ValueError:
            return False
        if at:
            gaps += found - at
        at = found + 1
    return gaps <= max(rules.PULL_QUOTE_GAP_WORDS, len(words) // 4)


# --- after the body -----------------------------------------------------------------------------------

def take_bio(page: Page, blocks: list[Block], end: int, authors: tuple[str, ...]) -> tuple[list[Block], str | None]:
    """Return the body without a trailing author note, and the author bio (after the body or that note)."""
    if not authors:
        return blocks, None
    bios: list[str] = []
    for author in authors:
        for line in page.lines[end:]:
            if line.kind is LineKind.TEXT and _is_bio(line.text, author) and line.text not in bios:
                bios.append(line.text)
                break
    if not bios and blocks and blocks[-1].kind == "p" and any(_is_bio(blocks[-1].text, a, strict=True) for a in authors):
        return blocks[:-1], blocks[-1].text.lstrip("—–-* ")
    return blocks, " ".join(bios) or None


def _is_bio(text: str, author: str, strict: bool = False) -> bool:
    text = text.lstrip("—–-* ")
    if not text.startswith(author) or _words(text) < rules.MIN_SENTENCE_WORDS:
        return False
    if not strict:
        return bool(rules.SENTENCE_END.search(text))
    rest = text[len(author):]
    return bool(re.match(r"^,?\s+(is|was|ist|war|es|est|covers|writes|berichtet|escribe|écrit)\b", rest))


def find_site(lines: tuple[Line, ...]) -> str | None:
    """Return the publication's name from its copyright line, or None."""
    for line in lines:
        after = re.match(r"^(.{3,60}?)\s*(?:©|\(c\)|copyright)\s*\d{4}\b", line.text, re.I)
        if after and not re.search(r"\d", after.group(1)):
            return after.group(1).strip(" .,|")
        match = re.match(r"^(?:©|\(c\)|copyright\b)\s*(?:©\s*)?(?:\d{4}(?:\s*[-–]\s*\d{4})?)?\s*(.+)$", line.text, re.I)
        if not match:
            continue
        name = re.split(r"\.\s|\s[|·•–—-]\s|,\s|\ball rights\b|\balle rechte\b|\btodos los\b|\btous droits\b|\bpowered by\b",
                        match.group(1), maxsplit=1, flags=re.I)[0]
        name = re.sub(r"^(?:by\s+)|\s*\d{4}$|[.\s]+$", "", name.strip(), flags=re.I)
        if name and _words(name) <= 6 and not re.search(r"\d", name):
            return name
    return None


def strip_site(title: str, site: str | None) -> str:
    """Return the title without a trailing " | Site" or " - Site" naming the publication."""
    if site:
        match = re.match(r"^(.+?)\s+[|–—:·•-]\s+" + re.escape(site) + r"\s*$", title, re.I)
        if match:
            return match.group(1)
    return title


def _first_sentence(blocks: list[Block]) -> str:
    for block in blocks:
        if block.kind == "p":
            words = block.text.split()
            return " ".join(words[:12]) + ("…" if len(words) > 12 else "")
    return ""


def render(block: Block) -> str:
    """Return a block as the allowlisted body HTML of model.Article."""
    text = html.escape(block.text, quote=False)
    if block.kind == "figure":
        credit = f' <small class="credit">{html.escape(block.credit, quote=False)}</small>' if block.credit else ""
        return f"<figure><figcaption>{text}{credit}</figcaption></figure>"
    if block.kind in ("ul", "ol"):
        items = "".join(f"<li>{html.escape(item, quote=False)}</li>" for item in block.items)
        return f"<{block.kind}>{items}</{block.kind}>"
    return f"<{block.kind}>{text}</{block.kind}>"


