"""Find capture files recursively and recognise each format by its content, not only its name."""

from __future__ import annotations

import errno
import hashlib
import os
import re
import stat
import zlib
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Callable, Iterable, Iterator, Mapping

from quietpress.capture.har import is_har
from quietpress.capture.mhtml import is_mhtml
from quietpress.capture.savedpage import is_asset_folder
from quietpress.capture.wacz import is_zip
from quietpress.capture.webarchive import is_property_list
from quietpress.errors import CaptureError
from quietpress.model import Capture
from quietpress.write import image_extension

# Files people keep beside captures that are never articles.
IGNORED_NAMES = {".DS_Store", "Thumbs.db", "desktop.ini", "manifest.json", "README.md", "LICENSE", "NOTES.md"}
# How much of a file's start decides its format; enough for a doctype, a BOM and a long head.
NAME_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f]")
# Names that say "a page": image bytes under such a name are reported, not silently skipped.
PAGE_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml", ".mhtml", ".mht", ".webarchive", ".txt")
SNIFF_BYTES = 4096
# A capture larger than this is read up to it and the rest dropped (a 50 MB page is not an article).
MAX_CAPTURE_BYTES = 64 * 1024 * 1024

# A JSON document or JSON Lines record starts with an object or a list of objects.
JSON_START = re.compile(rb"^(\{\s*\"|\{\s*\}|\[\s*(\{|\]|\"|$))")

# Formats whose readers stream the file themselves (many records, often gigabytes).
STREAMED = ("warc", "json", "wacz")

Reader = Callable[[Path, str, bytes, str], Iterator["Capture | CaptureError"]]


@dataclass(frozen=True)
class ReadOptions:
    """How captures are read. `fields` names the fields of scraper exports by role (html, text,
    url, title, captured, id), e.g. {"html": "body", "url": "link"}."""

    fields: Mapping[str, str] = field(default_factory=dict)


def find_capture_files(paths: Iterable[Path], exclude: Path | None = None) -> Iterator[tuple[Path, Path]]:
    """Yield (root, file) for every file under the paths, in a stable order.

    Folders of "save page as, complete" pages (`page_files/` beside `page.html`) are assets,
    not captures, and are skipped. Hidden files and folders are skipped, and so is the folder
    `exclude` (the content folder being written, when it sits among the captures).
    """
    skip = exclude.resolve() if exclude is not None else None
    for root in paths:
        root = Path(root)
        if root.is_file():
            yield root.parent, root
            continue
        for folder, dirs, files in os.walk(root):
            here = Path(folder)
            dirs[:] = sorted(d for d in dirs if not d.startswith(".") and not is_asset_folder(here, d, files)
                             and (skip is None or (here / d).resolve() != skip))
            for name in sorted(files):
                if name.startswith(".") or name in IGNORED_NAMES:
                    continue
                yield root, here / name


def sniff_format(head: bytes, name: str) -> str | None:
    """Return the format name for a file's first bytes (decompressed), or None if unknown."""
    utf16 = _utf16_without_bom(head)
    if utf16:
        # Its NULs are half of every ASCII character, not binary data; decode stage reads it as UTF-16.
        head = head.decode(utf16, errors="ignore").encode("utf-8")
    stripped = head.lstrip(b"\xef\xbb\xbf\xff\xfe\x00 \t\r\n")
    lower = stripped[:SNIFF_BYTES].lower()
    # WARC, or its predecessor ARC (which warcio reads as WARC).
    if stripped.startswith((b"WARC/", b"filedesc://")):
        return "warc"
    if is_property_list(head):
        return "webarchive"
    if is_zip(head):
        return "wacz"
    if is_har(stripped[:SNIFF_BYTES]):
        return "har"
    if JSON_START.match(stripped[:SNIFF_BYTES]):
        return "json"
    # Before the test for HTML: the page inside is HTML, in its MIME transfer encoding.
    if is_mhtml(stripped[:SNIFF_BYTES]):
        return "mhtml"
    if lower.startswith((b"<!doctype html", b"<html", b"<?xml")) or any(
        tag in lower for tag in (b"<html", b"<head", b"<body", b"<article", b"<div", b"<p>", b"<meta ")
    ):
        return "html"
    if b"\x00" in head[:SNIFF_BYTES] and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None
    if _looks_binary(head[:SNIFF_BYTES]):
        return None
    suffix = name.lower().rsplit(".", 1)[-1] if "." in name else ""
    if suffix in ("html", "htm", "xhtml", "shtml"):
        return "html"
    return "text"


def _inside(path: Path, root: Path) -> bool:
    return path == root or root in path.parents


# What stat says a path is, for files that are not captures (tar archives carry all of these).
FILE_KINDS = ((stat.S_ISFIFO, "a named pipe"), (stat.S_ISSOCK, "a socket"), (stat.S_ISCHR, "a device"),
              (stat.S_ISBLK, "a device"), (stat.S_ISDIR, "a folder"))


def refusal(path: Path, root: Path) -> str | None:
    """Return why a path among the captures must not be opened, or None for a regular file of them.

    A downloaded folder of captures can hold a link to ~/.ssh/... named page.html (reading it would
    publish a local file in the archive), a named pipe (opening it waits for a writer that never
    comes: a worker stood blocked for the whole task timeout) or a link loop.
    """
    try:
        if path.is_symlink() and not _inside(Path(os.path.realpath(path, strict=True)), root.resolve()):
            return "symbolic link to a file outside the folder being imported"
        mode = path.stat().st_mode
    except (OSError, RuntimeError) as error:
        if isinstance(error, RuntimeError) or error.errno == errno.ELOOP:
            return "symbolic link loop"
        if error.errno == errno.ENOENT:
            return "symbolic link to nothing"
        return f"cannot read file ({error.strerror or error})"
    if stat.S_ISREG(mode):
        return None
    kind = next((name for test, name in FILE_KINDS if test(mode)), "not a file")
    return f"{kind}, not a regular file"


def _utf16_without_bom(head: bytes) -> str | None:
    """Return "utf-16-le"/"utf-16-be" when the bytes look like mostly-ASCII UTF-16 with no BOM."""
    sample = head[:512]
    if len(sample) < 16 or head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) > 0.8 * len(odd) and even.count(0) < 0.05 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.8 * len(even) and odd.count(0) < 0.05 * len(odd):
        return "utf-16-be"
    return None


def _looks_binary(head: bytes) -> bool:
    """True when more than 1 byte in 100 is a C0 control other than tab, line ends, form feed and
    escape: text never has that many, and random bytes named `.html` were imported as an article."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False
    controls = sum(1 for byte in head if byte < 32 and byte not in (9, 10, 12, 13, 27))
    return controls * 100 > len(head)


def read_captures(paths: Iterable[Path], options: ReadOptions | None = None) -> Iterator[Capture | CaptureError]:
    """Yield every Capture found under the paths; a file that cannot be read yields a CaptureError."""
    for root, path in find_capture_files(paths):
        yield from read_capture_file(root, path, options)


def read_capture_file(root: Path, path: Path, options: ReadOptions | None = None,
                      part: tuple[int, int] | None = None) -> Iterator[Capture | CaptureError]:
    """Yield the Captures in one file (several for WARC and JSON Lines), and a CaptureError for
    each part that cannot be read. With `part` (K, N), a multi-record file yields only every Nth
    record from the Kth on, so workers can share one large file."""
    readers = default_readers(options or ReadOptions())
    source = relative_source(path, root)
    refused = refusal(path, root)
    if refused is not None:
        yield CaptureError(source, refused)
        return
    try:
        head = read_head(path)
        if image_extension(head):
            if path.name.lower().removesuffix(".gz").endswith(PAGE_SUFFIXES):
                yield CaptureError(source, f"image data ({image_extension(head)}) in a file named like a page")
            return  # a picture kept beside the captures is not an article, nor an error
        fmt = sniff_format(head, path.name.removesuffix(".gz"))
        if fmt in STREAMED:
            # Multi-record files are read record by record from disk, however large they are.
            yield from partial(readers[fmt], part=part)(path, source, b"", "")
            return
        raw = read_limited(path)
    except OSError as error:
        yield CaptureError(source, f"cannot read file ({error.strerror or error})")
        return
    except (EOFError, zlib.error) as error:
        yield CaptureError(source, f"damaged gzip data ({error})")
        return
    yield from _read_payload(readers, path, source, raw)


def _read_payload(readers: dict[str, Reader], path: Path, source: str, raw: bytes) -> Iterator[Capture | CaptureError]:
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


def streamed_format(path: Path) -> str | None:
    """Return the format of a file whose reader streams many records ("warc", "json"), else None."""
    try:
        fmt = sniff_format(read_head(path), path.name.removesuffix(".gz"))
    except (OSError, EOFError, zlib.error):
        return None
    return fmt if fmt in STREAMED else None


def read_head(path: Path) -> bytes:
    """Return the first bytes of a file, decompressed when it is gzipped."""
    with open(path, "rb") as handle:
        raw = handle.read(SNIFF_BYTES)
    return _gunzip_head(raw) if raw[:2] == b"\x1f\x8b" else raw


def read_limited(path: Path) -> bytes:
    with open(path, "rb") as handle:
        return handle.read(MAX_CAPTURE_BYTES)


def decompress(raw: bytes) -> bytes:
    """Return gzip-decompressed bytes (at most MAX_CAPTURE_BYTES), or the bytes themselves when
    not gzipped."""
    if raw[:2] != b"\x1f\x8b":
        return raw
    stream = zlib.decompressobj(16 + zlib.MAX_WBITS)
    data = stream.decompress(raw, MAX_CAPTURE_BYTES)
    if not stream.eof and not stream.unconsumed_tail:
        raise EOFError("compressed data ends early")
    return data


def _gunzip_head(raw: bytes) -> bytes:
    stream = zlib.decompressobj(16 + zlib.MAX_WBITS)
    return stream.decompress(raw, SNIFF_BYTES)


def relative_source(path: Path, root: Path) -> str:
    """Return a capture's path relative to its import root, with `/` separators.

    A file name that is not valid UTF-8 (Python holds its bytes as lone surrogates) is shown with
    U+FFFD in their place: the source goes into messages, the manifest and front matter, all UTF-8,
    and a name of `bad\\xff.html` crashed the import while saving the manifest. Control characters
    are written as escapes (`\\n`, `\\x1b`), so a name holds a message to one line and cannot send
    escape sequences to the terminal.
    """
    try:
        relative = path.relative_to(root).as_posix()
    except ValueError:
        relative = path.name
    relative = relative.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    return NAME_CONTROLS.sub(lambda m: repr(m.group(0))[1:-1], relative)


def default_readers(options: ReadOptions) -> dict[str, Reader]:
    from quietpress.capture import har, html, jsonl, mhtml, text, wacz, warc, webarchive

    return {"html": html.read_html, "mhtml": mhtml.read_mhtml, "webarchive": webarchive.read_webarchive,
            "har": har.read_har, "text": text.read_text, "warc": warc.read_warc, "wacz": wacz.read_wacz,
            "json": partial(jsonl.read_json, fields=options.fields)}
