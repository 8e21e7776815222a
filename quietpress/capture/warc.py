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
import io
import zipfile
import zlib
from collections import ChainMap
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Iterator, Mapping

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from quietpress.capture.datauri import lift_data_uris
from quietpress.capture.resources import HTML_TYPES
from quietpress.errors import CaptureError
from quietpress.model import Capture, CaptureKind

# Record types that hold a resource as the crawler received it; the others are bookkeeping.
CONTENT_RECORDS = ("response", "resource")
# A record body larger than this is not an article or an image we keep (video, archives).
MAX_RECORD_BYTES = 32 * 1024 * 1024
# A gzip member starts with these bytes (magic, deflate); the compressed file is searched for them
# this many bytes at a time to pass an oversized record without inflating it.
GZIP_MAGIC = b"\x1f\x8b\x08"
SCAN_BYTES = 1 << 20
# Compressed bytes warcio inflates at a time, whole: deflate reaches about 1:1000, so warcio's
# 16 kB made 16 MB at once and 580 MB at the peak for the oversized WARC above (4 kB: 135 MB);
# indexing 3,000 ordinary pages takes the same time either way.
BLOCK_BYTES = 4096


@dataclass
class _Index:
    """Where the records worth reading start: page records in file order, assets by URL."""

    pages: list[int] = field(default_factory=list)
    assets: dict[str, int] = field(default_factory=dict)
    # Page records too large to be an article: each is one failure line.
    oversized: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class WarcBytes:
    """Where a WARC's bytes are: a file of its own, or a file inside a ZIP (a WACZ's archive/*.warc.gz),
    stored as it is (`start`, `size`: its bytes in the ZIP file) or compressed (`member`, of `size`
    bytes once inflated)."""

    path: Path
    start: int = 0
    size: int | None = None
    member: str | None = None

    def open(self) -> IO[bytes]:
        if self.member is not None:
            return zipfile.ZipFile(self.path).open(self.member)  # seekable; it keeps the ZIP open
        if self.size is None:
            return open(self.path, "rb")
        return io.BufferedReader(_Window(open(self.path, "rb"), self.start, self.size))

    def length(self) -> int:
        return self.path.stat().st_size if self.size is None else self.size


class _Window(io.RawIOBase):
    """A file's bytes from `start` for `size` bytes, read as a file of their own."""

    def __init__(self, raw: IO[bytes], start: int, size: int) -> None:
        super().__init__()
        self.raw, self.start, self.size, self.position = raw, start, size, 0

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def tell(self) -> int:
        return self.position

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        base = {io.SEEK_SET: 0, io.SEEK_CUR: self.position, io.SEEK_END: self.size}[whence]
        self.position = max(0, base + offset)
        return self.position

    def readinto(self, buffer) -> int:  # type: ignore[no-untyped-def]
        wanted = min(len(buffer), self.size - self.position)
        if wanted <= 0:
            return 0
        self.raw.seek(self.start + self.position)
        data = self.raw.read(wanted)
        buffer[:len(data)] = data
        self.position += len(data)
        return len(data)

    def close(self) -> None:
        self.raw.close()
        super().close()


class RecordAssets(Mapping[str, bytes]):
    """The WARC's non-page records by URL, each read from disk only when an article uses it, so a
    large WARC never has to fit in memory."""

    def __init__(self, warc: WarcBytes, offsets: dict[str, int]) -> None:
        self.warc = warc
        self.offsets = offsets

    def __getitem__(self, url: str) -> bytes:
        with self.warc.open() as stream:
            stream.seek(self.offsets[url])
            record = next(iter(ArchiveIterator(stream, arc2warc=True, block_size=BLOCK_BYTES)))
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
    yield from read_warc_bytes(WarcBytes(path), source, part)


def read_warc_bytes(warc: WarcBytes, source: str,
                    part: tuple[int, int] | None = None) -> Iterator[Capture | CaptureError]:
    """`read_warc` of a WARC wherever its bytes are (a file, or a member of a WACZ)."""
    k, n = part or (1, 1)
    index, error = _index(warc, source)
    assets = RecordAssets(warc, index.assets)
    with warc.open() as stream:
        for offset in index.pages[k - 1::n]:
            stream.seek(offset)
            record = next(iter(ArchiveIterator(stream, arc2warc=True, block_size=BLOCK_BYTES)))
            yield _page_capture(record, warc.path, source, assets)
    if k == 1:
        for where in index.oversized:
            yield CaptureError(f"{source}#{where}", f"record larger than {MAX_RECORD_BYTES >> 20} MB")
    if error is not None and k == 1:
        yield error


def _index(warc: WarcBytes, source: str) -> tuple[_Index, CaptureError | None]:
    index = _Index()
    try:
        with warc.open() as stream:
            start: int | None = 0
            while start is not None:
                stream.seek(start)
                start = _index_from(stream, warc, index)
    # warcio meets damaged input with assorted errors (AttributeError on a header cut short);
    # any of them ends the file, and what was read before it stands.
    except (ArchiveLoadFailed, EOFError, OSError, ValueError, zlib.error, AttributeError, KeyError) as problem:
        return index, CaptureError(source, f"damaged or truncated WARC ({_describe(problem)})",
                                   f"kept the {len(index.pages)} page record(s) read before it")
    return index, None


def _index_from(stream: IO[bytes], warc: WarcBytes, index: _Index) -> int | None:
    """Note the records from the stream's position on; return where to go on when an oversized
    gzipped record was jumped over, else None (the end). Raises on damage."""
    records = ArchiveIterator(stream, arc2warc=True, block_size=BLOCK_BYTES)
    for record in records:
        offset = records.offset  # where this record starts: the previous one has been read to its end
        if _length(record) > MAX_RECORD_BYTES and records.reader.decompressor is not None:
            # Inflating a record only to pass it took minutes for a WARC of 70 oversized records
            # (a few MB gzipped); the next record's gzip member is found in the compressed bytes.
            _note_oversized(record, index)
            return _next_member(warc, offset)
        _note(record, offset, index)
    # warcio stops quietly at a record header cut short; bytes left over mean damage.
    if records.offset < warc.length():
        raise EOFError(f"unreadable data from byte {records.offset}")
    return None


def _note_oversized(record: object, index: _Index) -> None:
    """Note a page record too large to read (an oversized image or video is no page: left out)."""
    if _content_type(record)[0] in HTML_TYPES:
        headers = record.rec_headers  # type: ignore[attr-defined]
        index.oversized.append((headers.get_header("WARC-Record-ID") or "").strip("<>")
                               or headers.get_header("WARC-Target-URI") or "?")


def _next_member(warc: WarcBytes, after: int) -> int | None:
    """Return the offset of the first gzip member after `after` that starts a WARC record, or None."""
    with warc.open() as stream:
        position = after + 1
        while True:
            stream.seek(position)
            chunk = stream.read(SCAN_BYTES)
            if len(chunk) < len(GZIP_MAGIC):
                return None
            found = chunk.find(GZIP_MAGIC)
            while found != -1:
                if _starts_record(warc, position + found):
                    return position + found
                found = chunk.find(GZIP_MAGIC, found + 1)
            position += len(chunk) - len(GZIP_MAGIC) + 1


def _starts_record(warc: WarcBytes, offset: int) -> bool:
    with warc.open() as stream:
        stream.seek(offset)
        head = stream.read(4096)
    try:
        return zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, 16).startswith(b"WARC/")
    except zlib.error:
        return False


def _length(record: object) -> int:
    try:
        return int(record.rec_headers.get_header("Content-Length") or 0)  # type: ignore[attr-defined]
    except ValueError:
        return 0


def _note(record: object, offset: int, index: _Index) -> None:
    """Note a complete page record in the index, or another content record as an asset."""
    wanted = record.rec_type in CONTENT_RECORDS and (  # type: ignore[attr-defined]
        record.http_headers is None or _ok(record.http_headers.get_statuscode()))  # type: ignore[attr-defined]
    length = int(record.rec_headers.get_header("Content-Length") or 0)  # type: ignore[attr-defined]
    _check_complete(record)
    if wanted and length > MAX_RECORD_BYTES:
        _note_oversized(record, index)
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
