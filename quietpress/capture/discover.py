"""Find capture files recursively and recognise each format by its content, not only its name."""

from __future__ import annotations

import gzip
import hashlib
import os
import zlib
from pathlib import Path
from typing import Callable, Iterable, Iterator

from quietpress.errors import CaptureError
from quietpress.model import Capture

# Files people keep beside captures that are never articles.
IGNORED_NAMES = {".DS_Store", "Thumbs.db", "desktop.ini", "manifest.json", "README.md", "LICENSE", "NOTES.md"}
# How much of a file's start decides its format; enough for a doctype, a BOM and a long head.
SNIFF_BYTES = 4096
# A capture larger than this is read up to it and the rest dropped (a 50 MB page is not an article).
MAX_CAPTURE_BYTES = 64 * 1024 * 1024

Reader = Callable[[Path, str, bytes, str], Iterator[Capture]]


def find_capture_files(paths: Iterable[Path]) -> Iterator[tuple[Path, Path]]:
    """Yield (root, file) for every file under the paths, in a stable order.

    Folders of "save page as, complete" pages (`page_files/` beside `page.html`) are assets,
    not captures, and are skipped. Hidden files and folders are skipped.
    """
    for root in paths:
        root = Path(root)
        if root.is_file():
            yield root.parent, root
            continue
        for folder, dirs, files in os.walk(root):
            here = Path(folder)
            dirs[:] = sorted(d for d in dirs if not d.startswith(".") and not _is_asset_folder(here, d, files))
            for name in sorted(files):
                if name.startswith(".") or name in IGNORED_NAMES:
                    continue
                yield root, here / name


def _is_asset_folder(parent: Path, name: str, files: list[str]) -> bool:
    for suffix in ("_files", "-files", "_archivos", "-Dateien"):
        if name.endswith(suffix):
            stem = name[: -len(suffix)]
            return any(f.startswith(stem + ".") for f in files)
    return False


def sniff_format(head: bytes, name: str) -> str | None:
    """Return the format name for a file's first bytes (decompressed), or None if unknown."""
    stripped = head.lstrip(b"\xef\xbb\xbf\xff\xfe\x00 \t\r\n")
    lower = stripped[:SNIFF_BYTES].lower()
    if stripped.startswith(b"WARC/"):
        return "warc"
    if lower.startswith((b"<!doctype html", b"<html", b"<?xml")) or any(
        tag in lower for tag in (b"<html", b"<head", b"<body", b"<article", b"<div", b"<p>", b"<meta ")
    ):
        return "html"
    if stripped.startswith((b"{", b"[")):
        return "json"
    if b"\x00" in head[:SNIFF_BYTES] and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None
    suffix = name.lower().rsplit(".", 1)[-1] if "." in name else ""
    if suffix in ("html", "htm", "xhtml", "shtml"):
        return "html"
    return "text"


def read_captures(paths: Iterable[Path], readers: dict[str, Reader] | None = None) -> Iterator[Capture | CaptureError]:
    """Yield every Capture found under the paths; a file that cannot be read yields a CaptureError."""
    for root, path in find_capture_files(paths):
        yield from read_capture_file(root, path, readers)


def read_capture_file(root: Path, path: Path, readers: dict[str, Reader] | None = None) -> Iterator[Capture | CaptureError]:
    """Yield the Captures in one file (several for WARC and JSON Lines), or a CaptureError."""
    readers = readers or default_readers()
    source = _relative(path, root)
    try:
        raw = read_limited(path)
    except OSError as error:
        yield CaptureError(source, f"cannot read file ({error.strerror or error})")
        return
    sha256 = hashlib.sha256(raw).hexdigest()
    try:
        payload = decompress(raw)
    except (OSError, EOFError, zlib.error) as error:
        yield CaptureError(source, f"damaged gzip data ({error})")
        return
    if not payload.strip():
        yield CaptureError(source, "empty file")
        return
    fmt = sniff_format(payload[:SNIFF_BYTES], path.name.removesuffix(".gz"))
    reader = readers.get(fmt or "")
    if reader is None:
        yield CaptureError(source, f"not a capture format quietpress reads ({fmt or 'binary data'})")
        return
    try:
        yield from reader(path, source, payload, sha256)
    except CaptureError as error:
        yield error


def read_limited(path: Path) -> bytes:
    with open(path, "rb") as handle:
        return handle.read(MAX_CAPTURE_BYTES)


def decompress(raw: bytes) -> bytes:
    """Return gzip-decompressed bytes, or the bytes themselves when not gzipped.

    A WARC.gz is left compressed: warcio reads its members record by record.
    """
    if raw[:2] != b"\x1f\x8b":
        return raw
    head = _gunzip_head(raw)
    if head.startswith(b"WARC/"):
        return raw
    return gzip.decompress(raw)[:MAX_CAPTURE_BYTES]


def _gunzip_head(raw: bytes) -> bytes:
    stream = zlib.decompressobj(16 + zlib.MAX_WBITS)
    return stream.decompress(raw[:65536], 16)


def _relative(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.name


def default_readers() -> dict[str, Reader]:
    from quietpress.capture import html, text

    return {"html": html.read_html, "text": text.read_text}
