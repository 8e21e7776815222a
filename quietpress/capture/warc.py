"""WARC and gzipped WARC files: each HTML response record is a candidate article.

The record's WARC-Target-URI and WARC-Date are its provenance; the HTTP Content-Type charset is
the most trusted hint for decoding. Other response and resource records (images above all) are the
WARC's assets: every article of the file can use them, looked up by URL. Revisit, request and
metadata records are not captures of a page and are ignored.

`Capture.sha256` of a WARC record is the sha256 of its HTTP payload (the body after transfer and
content encodings are undone), not of the WARC file: a record is one capture, and the same page
stored in two WARCs has one hash.
"""

from __future__ import annotations

import hashlib
import zlib
from collections import ChainMap
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator, Mapping

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from quietpress.capture.datauri import lift_data_uris
from quietpress.errors import CaptureError
from quietpress.model import Capture, CaptureKind

# Record types that hold a resource as the crawler received it; the others are bookkeeping.
CONTENT_RECORDS = ("response", "resource")
HTML_TYPES = ("text/html", "application/xhtml+xml")
# A record body larger than this is not an article or an image we keep (video, archives).
MAX_RECORD_BYTES = 32 * 1024 * 1024


@dataclass
class _Index:
    """Where the records worth reading start: page records in file order, assets by URL."""

    pages: list[int] = field(default_factory=list)
    assets: dict[str, int] = field(default_factory=dict)


class RecordAssets(Mapping[str, bytes]):
    """The WARC's non-page records by URL, each read from disk only when an article uses it, so a
    large WARC never has to fit in memory."""

    def __init__(self, path: Path, offsets: dict[str, int]) -> None:
        self.path = path
        self.offsets = offsets

    def __getitem__(self, url: str) -> bytes:
        with open(self.path, "rb") as stream:
            stream.seek(self.offsets[url])
            record = next(iter(ArchiveIterator(stream, arc2warc=True)))
            return record.content_stream().read(MAX_RECORD_BYTES)

    def __contains__(self, url: object) -> bool:
        return url in self.offsets

    def __iter__(self) -> Iterator[str]:
        return iter(self.offsets)

    def __len__(self) -> int:
        return len(self.offsets)


def read_warc(path: Path, source: str, payload: bytes, sha256: str,
              part: tuple[int, int] | None = None) -> Iterator[Capture | CaptureError]:
    """Yield one Capture per HTML record of the WARC at `path`, then a CaptureError if it is damaged.

    Two passes over the file: the first notes where each page and asset record starts (and finds
    damage), the second reads the pages one at a time. Images may come after the pages that use
    them, and a WARC is often larger than memory. `payload` and `sha256` of the whole file are
    not used. With `part` (K, N), only pages K, K+N, K+2N... (1-based) are read, and damage is
    reported by part 1 alone.
    """
    k, n = part or (1, 1)
    index, error = _index(path, source)
    assets = RecordAssets(path, index.assets)
    with open(path, "rb") as stream:
        for offset in index.pages[k - 1::n]:
            stream.seek(offset)
            record = next(iter(ArchiveIterator(stream, arc2warc=True)))
            yield _page_capture(record, path, source, assets)
    if error is not None and k == 1:
        yield error


def _index(path: Path, source: str) -> tuple[_Index, CaptureError | None]:
    index = _Index()
    try:
        with open(path, "rb") as stream:
            records = ArchiveIterator(stream, arc2warc=True)
            for record in records:
                _note(record, records.get_record_offset(), index)
            # warcio stops quietly at a record header cut short; bytes left over mean damage.
            if records.offset < path.stat().st_size:
                raise EOFError(f"unreadable data from byte {records.offset}")
    # warcio meets damaged input with assorted errors (AttributeError on a header cut short);
    # any of them ends the file, and what was read before it stands.
    except (ArchiveLoadFailed, EOFError, OSError, ValueError, zlib.error, AttributeError, KeyError) as problem:
        return index, CaptureError(source, f"damaged or truncated WARC ({_describe(problem)})",
                                   f"kept the {len(index.pages)} page record(s) read before it")
    return index, None


def _note(record: object, offset: int, index: _Index) -> None:
    """Note a complete page record in the index, or another content record as an asset."""
    wanted = record.rec_type in CONTENT_RECORDS and (  # type: ignore[attr-defined]
        record.http_headers is None or _ok(record.http_headers.get_statuscode()))  # type: ignore[attr-defined]
    length = int(record.rec_headers.get_header("Content-Length") or 0)  # type: ignore[attr-defined]
    _check_complete(record)
    if not wanted or length > MAX_RECORD_BYTES:
        return
    url = record.rec_headers.get_header("WARC-Target-URI")  # type: ignore[attr-defined]
    if _content_type(record)[0] in HTML_TYPES:
        index.pages.append(offset)
    elif url:
        index.assets.setdefault(url, offset)


def _page_capture(record: object, path: Path, source: str, assets: RecordAssets) -> Capture:
    headers = record.rec_headers  # type: ignore[attr-defined]
    body = record.content_stream().read(MAX_RECORD_BYTES)  # type: ignore[attr-defined]
    record_id = (headers.get_header("WARC-Record-ID") or "").strip("<>") or None
    payload, inline = lift_data_uris(body)
    return Capture(source=f"{source}#{record_id}" if record_id else source, path=path, kind=CaptureKind.HTML,
                   payload=payload, sha256=hashlib.sha256(body).hexdigest(), url=headers.get_header("WARC-Target-URI"),
                   captured=headers.get_header("WARC-Date"), charset=_content_type(record)[1], record_id=record_id,
                   assets=ChainMap(inline, assets) if inline else assets)


def _check_complete(record: object) -> None:
    """Raise EOFError when a record promised more bytes than the file holds (a cut-short WARC)."""
    stream = record.raw_stream  # type: ignore[attr-defined]
    url = record.rec_headers.get_header("WARC-Target-URI")  # type: ignore[attr-defined]
    # Every WARC record has a Content-Length; without one, the header block itself was cut.
    if record.rec_headers.get_header("Content-Length") is None:  # type: ignore[attr-defined]
        raise EOFError(f"record header for {url} ends early")
    while stream.read(1 << 16):
        pass
    if getattr(stream, "limit", 0) > 0:
        raise EOFError(f"record for {url} ends early")


def _ok(status: str | None) -> bool:
    return status is None or status.startswith("2")


def _content_type(record: object) -> tuple[str, str | None]:
    """Return (media type, charset) from the HTTP header, or from the WARC header for resources."""
    http = record.http_headers  # type: ignore[attr-defined]
    value = http.get_header("Content-Type") if http is not None else None
    value = value or record.rec_headers.get_header("Content-Type") or ""  # type: ignore[attr-defined]
    media_type, _, params = value.partition(";")
    charset = None
    for param in params.split(";"):
        key, _, val = param.partition("=")
        if key.strip().lower() == "charset" and val.strip():
            charset = val.strip().strip("\"'")
    return media_type.strip().lower(), charset


def _describe(problem: BaseException) -> str:
    text = str(problem).strip().splitlines()[0] if str(problem).strip() else ""
    return f"{type(problem).__name__}: {text}"[:160] if text else type(problem).__name__
