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
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

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


@dataclass(frozen=True)
class _Page:
    record_id: str | None
    url: str | None
    date: str | None
    charset: str | None
    body: bytes


def read_warc(path: Path, source: str, payload: bytes, sha256: str) -> Iterator[Capture | CaptureError]:
    """Yield one Capture per HTML record of the WARC at `path`, then a CaptureError if it is damaged.

    The file is streamed from disk (WARCs are often larger than any single capture we read whole),
    so `payload` and `sha256` of the whole file are not used. Pages are yielded after the whole
    file is read, because the images they use may come later in the file.
    """
    pages: list[_Page] = []
    assets: dict[str, bytes] = {}
    error: CaptureError | None = None
    with open(path, "rb") as stream:
        try:
            records = ArchiveIterator(stream, arc2warc=True)
            for record in records:
                _collect(record, pages, assets)
            # warcio stops quietly at a record header cut short; bytes left over mean damage.
            if records.offset < path.stat().st_size:
                raise EOFError(f"unreadable data from byte {records.offset}")
        # warcio meets damaged input with assorted errors (AttributeError on a header cut short);
        # any of them ends the file, and what was read before it stands.
        except (ArchiveLoadFailed, EOFError, OSError, ValueError, zlib.error, AttributeError, KeyError) as problem:
            error = CaptureError(source, f"damaged or truncated WARC ({_describe(problem)})",
                                 f"kept the {len(pages)} page record(s) read before it")
    for page in pages:
        payload, inline = lift_data_uris(page.body)
        yield Capture(source=f"{source}#{page.record_id}" if page.record_id else source, path=path,
                      kind=CaptureKind.HTML, payload=payload, sha256=hashlib.sha256(page.body).hexdigest(),
                      url=page.url, captured=page.date, charset=page.charset, record_id=page.record_id,
                      assets={**assets, **inline} if inline else assets)
    if error is not None:
        yield error


def _collect(record: object, pages: list[_Page], assets: dict[str, bytes]) -> None:
    """Add a complete page record to `pages`, or another content record's body to `assets`."""
    headers = record.rec_headers  # type: ignore[attr-defined]
    wanted = record.rec_type in CONTENT_RECORDS and (  # type: ignore[attr-defined]
        record.http_headers is None or _ok(record.http_headers.get_statuscode()))  # type: ignore[attr-defined]
    body = record.content_stream().read(MAX_RECORD_BYTES + 1) if wanted else b""  # type: ignore[attr-defined]
    _check_complete(record)
    if not wanted or len(body) > MAX_RECORD_BYTES:
        return
    url = headers.get_header("WARC-Target-URI")
    media_type, charset = _content_type(record)
    if media_type in HTML_TYPES:
        record_id = (headers.get_header("WARC-Record-ID") or "").strip("<>") or None
        pages.append(_Page(record_id, url, headers.get_header("WARC-Date"), charset, body))
    elif url and body:
        assets.setdefault(url, body)


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
