"""Scraper exports as JSON Lines or JSON: one record per article with its URL, HTML or text, title
and fetch time.

Field names differ between scrapers; the first of each role's usual names that a record has is
used, and `--field role=name` (ReadOptions.fields) puts a given name first. A record whose line is
not JSON yields a CaptureError naming the line; the rest of the file is still read.

`Capture.sha256` of a record is the sha256 of its payload (the HTML or text field, UTF-8 encoded),
not of the export file: one record is one capture.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from datetime import datetime, timezone
from pathlib import Path
from typing import IO, Callable, Iterator, Mapping

from quietpress.capture.datauri import lift_data_uris
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
    """Yield (record number, record) for the records `mine` accepts, and CaptureErrors for theirs."""
    with _open(path) as stream:
        numbered = enumerate(stream, 1)
        for number, line in numbered:
            if line.strip():
                break
        else:
            return
        first = _parse(line.decode("utf-8-sig", errors="replace"))
        if isinstance(first, dict) and not _wrapped_list(first):
            if mine(number):
                yield number, first
            yield from _lines(numbered, source, mine)
            return
        text = (line + stream.read(MAX_DOCUMENT_BYTES)).decode("utf-8-sig", errors="replace")
    document = _parse(text)
    if document is not None:
        yield from ((n, r) for n, r in enumerate(_record_list(document), 1) if mine(n))
        return
    # Not one JSON document: JSON Lines whose first line is damaged.
    yield from _lines(enumerate((line.encode("utf-8") for line in text.splitlines()), 1), source, mine)


def _lines(numbered: Iterator[tuple[int, bytes]], source: str, mine: Callable[[int], bool]) -> Iterator[tuple[int, object]]:
    for number, line in numbered:
        if not mine(number) or not line.strip():
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
