"""Scraper exports as JSON Lines or JSON: one record per article with its URL, HTML or text, title
and fetch time.

Field names differ between scrapers; the first of each role's usual names that a record has is
used, and `--field role=name` (ReadOptions.fields) puts a given name first. A record whose line is
not JSON yields a CaptureError naming the line; the rest of the file is still read.

`Capture.sha256` of a record is the sha256 of its payload (the HTML or text field, UTF-8 encoded),
not of the export file: one record is one capture.
"""

from __future__ import annotations

import codecs
import gzip
import hashlib
import json
import re
from itertools import chain
from datetime import datetime, timezone
from pathlib import Path
from typing import IO, Callable, Iterator, Mapping

from quietpress.capture.datauri import lift_data_uris
from quietpress.capture.discover import read_head
from quietpress.decode import SURROGATES
from quietpress.errors import CaptureError
from quietpress.model import Capture, CaptureKind

# Usual field names per role, most specific first (Scrapy items, news-please, Zyte, trafilatura).
FIELD_NAMES: dict[str, tuple[str, ...]] = {
    "html": ("html", "raw_html", "body_html", "content_html", "page_html", "rendered_html"),
    "text": ("text", "content", "body", "maintext", "article_text", "plain_text"),
    "url": ("url", "canonical_url", "link", "uri", "source_url", "href"),
    "title": ("title", "headline", "name"),
    "captured": ("fetched_at", "fetch_time", "crawled_at", "crawl_time", "scraped_at", "downloaded_at",
                 "date_download", "retrieved", "timestamp", "captured"),
    "id": ("id", "_id", "record_id", "uuid", "key"),
}
ROLES = tuple(FIELD_NAMES)
# Containers scrapers wrap a list of records in when they write one JSON document.
LIST_KEYS = ("items", "records", "articles", "data", "results")
# A single JSON document is parsed whole; one larger than this is not read past this point.
MAX_DOCUMENT_BYTES = 256 * 1024 * 1024
# One record larger than this is not an article (as a WARC record, capture/warc.py): a 150 MB line
# of `<p>` took 7 GB to parse; it is skipped without being read.
MAX_RECORD_BYTES = 32 * 1024 * 1024
CHUNK_BYTES = 1 << 20
# How much text past the read position a record is looked at with (longer ones read more).
LOOKAHEAD_CHARS = 64 * 1024
TOO_LARGE = object()
# The start of a list of records: `[`, or `{"items": [` (and the other LIST_KEYS), after a BOM.
LIST_START = re.compile(rb'(?:\xef\xbb\xbf)?\s*(?:\[|\{\s*"(?:items|records|articles|data|results)"\s*:\s*\[)')
SEPARATORS = re.compile(r"[\s,]*")
# A run of list items that hold nothing a capture could use, each followed by a comma.
EMPTY_RECORD = re.compile(r"(?:\{\s*\}|\[\s*\]|null|true|false|-?[0-9]+(?:\.[0-9]+)?)\s*,\s*")
EMPTY_RECORDS = re.compile(r"(?:(?:\{\s*\}|\[\s*\]|null|true|false|-?[0-9]+(?:\.[0-9]+)?)\s*,\s*)+")


def read_json(path: Path, source: str, payload: bytes, sha256: str, fields: Mapping[str, str] | None = None,
              part: tuple[int, int] | None = None) -> Iterator[Capture | CaptureError]:
    """Yield one Capture per record of a JSON Lines or JSON export.

    JSON Lines are streamed from disk line by line (exports run to gigabytes); a single JSON
    document is read whole, up to MAX_DOCUMENT_BYTES. `payload` and `sha256` of the whole file
    are not used: each record is a capture with its own hash. With `part` (K, N), only records
    whose number n has (n - 1) % N == K - 1 are read.
    """
    names = _field_names(fields or {})
    k, n = part or (1, 1)
    for number, record in _records(path, source, lambda number: (number - 1) % n == k - 1):
        if isinstance(record, CaptureError):
            yield record
            continue
        try:
            yield _capture(path, source, number, record, names)
        except (ValueError, TypeError, RecursionError) as error:  # one record, never the file's others
            yield CaptureError(f"{source}#{number}", f"record cannot be read ({type(error).__name__}: {error})"[:300])


def _field_names(fields: Mapping[str, str]) -> dict[str, tuple[str, ...]]:
    names = dict(FIELD_NAMES)
    for role, name in fields.items():
        names[role] = (name, *names.get(role, ()))
    return names


def _records(path: Path, source: str, mine: Callable[[int], bool]) -> Iterator[tuple[int, object]]:
    """Yield (record number, record) for the records `mine` accepts, and CaptureErrors for theirs.

    A list of records (`[...]` or `{"items": [...]}`) is read one record at a time, however long
    it is (a 174 kB `.json.gz` of 60 million `{}` took 15.7 GB parsed whole, and lost its one real
    record); JSON Lines a line at a time, a line longer than MAX_RECORD_BYTES skipped unread.
    """
    start = LIST_START.match(read_head(path))
    if start:
        with _open(path) as stream:
            yield from _list_records(stream, stream.read(start.end())[start.end():], source, mine)
        return
    with _open(path) as stream:
        numbered = enumerate(_bounded_lines(stream), 1)
        for number, line in numbered:
            if line is TOO_LARGE or line.strip():
                break
        else:
            return
        first = None if line is TOO_LARGE else _parse(line.decode("utf-8-sig", errors="replace"))
        if isinstance(first, dict) and _wrapped_list(first):
            # A whole export on one line, its list under another key first: `{"count": 2, "items": [...]}`.
            yield from ((n, r) for n, r in enumerate(_record_list(first), 1) if mine(n))
            return
        if isinstance(first, dict) or line is TOO_LARGE or not line.lstrip(b"\xef\xbb\xbf \t").startswith(b"{"):
            if isinstance(first, dict) and mine(number):
                yield number, first
            yield from _lines(numbered if isinstance(first, dict) else chain([(number, line)], numbered), source, mine)
            return
        # A JSON document written over several lines (`{` alone on the first): read whole.
        text = (line + stream.read(MAX_DOCUMENT_BYTES)).decode("utf-8-sig", errors="replace")
    document = _parse(text)
    if document is not None:
        yield from ((n, r) for n, r in enumerate(_record_list(document), 1) if mine(n))
        return
    # Not one JSON document: JSON Lines whose first line is damaged.
    yield from _lines(enumerate((line.encode("utf-8") for line in text.splitlines()), 1), source, mine)


def _bounded_lines(stream: IO[bytes]) -> Iterator[bytes | object]:
    """Yield the stream's lines; a line longer than MAX_RECORD_BYTES is skipped unread, as TOO_LARGE."""
    while True:
        line = stream.readline(MAX_RECORD_BYTES + 1)
        if not line:
            return
        if len(line) > MAX_RECORD_BYTES and not line.endswith(b"\n"):
            while True:
                rest = stream.readline(CHUNK_BYTES)
                if not rest or rest.endswith(b"\n"):
                    break
            yield TOO_LARGE
        else:
            yield line


def _list_records(stream: IO[bytes], head: bytes, source: str, mine: Callable[[int], bool]) -> Iterator[tuple[int, object]]:
    """Yield the records of a JSON list one at a time, from just after its `[`.

    Runs of records that carry nothing (`{}`, `[]`, null, numbers) are skipped by one pattern
    match and reported once with their count; a record that is not JSON, or longer than
    MAX_RECORD_BYTES, ends the list with one error.
    """
    text = _Text(stream, head)
    decoder = json.JSONDecoder()
    number = empty = 0
    while True:
        text.discard_read()
        text.pos = SEPARATORS.match(text.buffer, text.pos).end()
        if len(text.buffer) - text.pos < LOOKAHEAD_CHARS and text.more():
            continue
        if text.pos >= len(text.buffer) or text.buffer[text.pos] == "]":
            break
        run_end = _empty_run_end(text.buffer, text.pos)
        if run_end is not None:
            count = text.buffer.count(",", text.pos, run_end)
            number, empty, text.pos = number + count, empty + count, run_end
            continue
        try:
            record, end = decoder.raw_decode(text.buffer, text.pos)
        except (ValueError, RecursionError) as error:
            if len(text.buffer) - text.pos <= MAX_RECORD_BYTES and not isinstance(error, RecursionError) and text.more():
                continue
            yield number + 1, CaptureError(f"{source}#{number + 1}", f"record {number + 1} is not JSON or is larger "
                                           f"than {MAX_RECORD_BYTES >> 20} MB", "the rest of the file is not read")
            break
        if end >= len(text.buffer) and text.more():
            continue  # a number or word at the end of what was read may go on
        number, text.pos = number + 1, end
        if not isinstance(record, dict) or not record:
            empty += 1
        elif mine(number):
            yield number, record
    if empty:
        yield number, CaptureError(source, f"{empty:,} records empty or not JSON objects")


def _empty_run_end(buffer: str, pos: int) -> int | None:
    """Return where a run of empty records starting at `pos` ends, or None when none starts there.

    The same item written again and again (`{},{},...`) is skipped a block at a time by string
    comparison; the pattern alone spent 90 ns on each.
    """
    one = EMPTY_RECORD.match(buffer, pos)
    if one is None:
        return None
    unit = buffer[pos:one.end()]
    block = unit * 4096
    end = pos
    while buffer.startswith(block, end):
        end += len(block)
    while buffer.startswith(unit, end):
        end += len(unit)
    rest = EMPTY_RECORDS.match(buffer, end)
    return rest.end() if rest else end


class _Text:
    """A byte stream decoded as UTF-8 a chunk at a time, with a read position."""

    def __init__(self, stream: IO[bytes], head: bytes) -> None:
        self.stream = stream
        self.decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
        self.buffer = self.decoder.decode(head)
        self.pos = 0
        self.ended = False

    def more(self) -> bool:
        """Read the next chunk; False when the stream has ended."""
        if self.ended:
            return False
        chunk = self.stream.read(CHUNK_BYTES)
        self.ended = not chunk
        self.buffer += self.decoder.decode(chunk, final=self.ended)
        return not self.ended

    def discard_read(self) -> None:
        if self.pos > CHUNK_BYTES:
            self.buffer, self.pos = self.buffer[self.pos:], 0


def _lines(numbered: Iterator[tuple[int, bytes | object]], source: str, mine: Callable[[int], bool]) -> Iterator[tuple[int, object]]:
    for number, line in numbered:
        if not mine(number):
            continue
        if line is TOO_LARGE:
            yield number, CaptureError(f"{source}#{number}", f"record larger than {MAX_RECORD_BYTES >> 20} MB")
            continue
        if not line.strip():
            continue
        try:
            yield number, json.loads(line)
        except (ValueError, RecursionError) as error:  # `[[[[...` 200,000 deep is a RecursionError
            message = "nested too deeply" if isinstance(error, RecursionError) else getattr(error, "msg", str(error))
            yield number, CaptureError(f"{source}#{number}", f"line {number} is not JSON ({message})")


def _open(path: Path) -> IO[bytes]:
    with open(path, "rb") as probe:
        gzipped = probe.read(2) == b"\x1f\x8b"
    return gzip.open(path, "rb") if gzipped else open(path, "rb")


def _parse(text: str) -> object | None:
    try:
        return json.loads(text)
    except (ValueError, RecursionError):
        return None


def _wrapped_list(document: dict) -> bool:
    return any(isinstance(document.get(key), list) for key in LIST_KEYS)


def _record_list(document: object) -> list[object]:
    if isinstance(document, list):
        return document
    if isinstance(document, dict):
        for key in LIST_KEYS:
            if isinstance(document.get(key), list):
                return document[key]
    return [document]


def _capture(path: Path, source: str, number: int, record: object, names: dict[str, tuple[str, ...]]) -> Capture | CaptureError:
    if not isinstance(record, dict):
        return CaptureError(f"{source}#{number}", "record is not a JSON object")
    value = {role: _first(record, names[role]) for role in ROLES}
    record_id = _record_id(value["id"], number)
    where = f"{source}#{record_id}"
    body, kind = (value["html"], CaptureKind.HTML) if value["html"] else (value["text"], _text_kind(value["text"]))
    if not body:
        wanted = " or ".join(f"'{n}'" for n in (names["html"][0], names["text"][0]))
        return CaptureError(where, f"record has no {wanted} field with content",
                            "skipped (name the field with --field html=NAME or --field text=NAME)")
    payload = body.encode("utf-8")
    page, inline = lift_data_uris(payload) if kind is CaptureKind.HTML else (payload, {})
    hints = {"title": value["title"]} if value["title"] else {}
    return Capture(source=where, path=path, kind=kind, payload=page, sha256=hashlib.sha256(payload).hexdigest(),
                   url=value["url"] or None, captured=_timestamp(value["captured"]), charset="utf-8",
                   record_id=record_id, hints=hints, assets=inline)


def _text_kind(text: str | None) -> CaptureKind:
    """Some scrapers put the page's HTML in a field named like text (`body`, `content`)."""
    head = (text or "")[:2000].lstrip().lower()
    return CaptureKind.HTML if head.startswith("<") or "<p>" in head or "<div" in head else CaptureKind.TEXT


def _timestamp(value: str | None) -> str | None:
    """Return a fetch time as given, or as ISO 8601 UTC when the export stores epoch seconds or ms."""
    if value is None or not value.replace(".", "", 1).isdigit():
        return value
    seconds = float(value) / (1000 if float(value) > 1e11 else 1)
    try:
        return datetime.fromtimestamp(seconds, timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    except (OverflowError, OSError, ValueError):
        return None


def _first(record: dict, names: tuple[str, ...]) -> str | None:
    for name in names:
        value = record.get(name)
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return str(value)
        if isinstance(value, str) and value.strip():
            return _whole_characters(value.strip() if len(value) < 2000 else value)
    return None


def _whole_characters(text: str) -> str:
    """Return the text with lone surrogates (JSON's `\\ud800` escapes) as U+FFFD: they cannot be
    written as UTF-8, and one in a record's HTML lost the file's other records, one in its URL
    stopped the whole run while saving the manifest."""
    return SURROGATES.sub("\ufffd", text) if SURROGATES.search(text) else text


def _record_id(value: str | None, number: int) -> str:
    """Return the record's own id when it has a short one, else its 1-based position in the file."""
    if value and len(value) <= 200 and value.isprintable():
        return value
    return str(number)
