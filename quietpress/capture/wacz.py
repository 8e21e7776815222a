"""WACZ files (Web Archive Collection Zipped: what Browsertrix, ArchiveWeb.page and Webrecorder's
tools save): a ZIP holding the crawl's WARC files under `archive/`, with indexes and a page list.

Each WARC is read as a WARC file is (warc.py): every HTML response record is a candidate article,
the other records its pictures. The WACZ format stores its WARCs uncompressed in the ZIP, so they
are read in place, from their bytes in the ZIP file, without unpacking; a WARC the ZIP compressed
anyway is read through the ZIP's decompressor. A record's source is the WACZ's path, the WARC's
path inside it and the record's id: `crawl.wacz/archive/data.warc.gz#urn:uuid:...`.

A ZIP holding no WARC under `archive/` is not a WACZ: it is reported, not unpacked (captures kept
in a ZIP are imported once it is unpacked into a folder).
"""

from __future__ import annotations

import struct
import zipfile
from pathlib import Path
from typing import Iterator

from quietpress.capture.warc import WarcBytes, read_warc_bytes
from quietpress.errors import CaptureError
from quietpress.model import Capture

SIGNATURE = b"PK\x03\x04"
WARC_NAMES = (".warc", ".warc.gz", ".arc", ".arc.gz")
# A ZIP member's local header: 30 bytes, then its name and its extra field (lengths at 26 and 28).
LOCAL_HEADER = struct.Struct("<4s22xHH")


def is_zip(head: bytes) -> bool:
    return head.startswith(SIGNATURE)


def read_wacz(path: Path, source: str, payload: bytes, sha256: str,
              part: tuple[int, int] | None = None) -> Iterator[Capture | CaptureError]:
    """Yield the captures of every WARC under the WACZ's `archive/` folder, in name order."""
    try:
        with zipfile.ZipFile(path) as archive:
            members = sorted((info for info in archive.infolist() if _is_warc(info)), key=lambda info: info.filename)
            located = [(info, _warc_bytes(archive, path, info)) for info in members]
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, struct.error) as error:
        yield CaptureError(source, f"damaged ZIP file, not a readable WACZ ({type(error).__name__}: {error})")
        return
    if not located:
        yield CaptureError(source, "ZIP file with no WARC under archive/: not a WACZ web archive "
                                   "(unpack other ZIP files and import the folder)")
        return
    for info, warc in located:
        if info.flag_bits & 0x1:
            yield CaptureError(f"{source}/{info.filename}", "encrypted in the ZIP: cannot be read")
            continue
        yield from read_warc_bytes(warc, f"{source}/{info.filename}", part)


def _is_warc(info: zipfile.ZipInfo) -> bool:
    name = info.filename
    return name.startswith("archive/") and name.lower().endswith(WARC_NAMES) and not info.is_dir()


def _warc_bytes(archive: zipfile.ZipFile, path: Path, info: zipfile.ZipInfo) -> WarcBytes:
    """Where the member's bytes are: in place when stored as they are, else through the ZIP."""
    if info.compress_type != zipfile.ZIP_STORED:
        return WarcBytes(path, size=info.file_size, member=info.filename)
    with open(path, "rb") as stream:
        stream.seek(info.header_offset)
        signature, name_length, extra_length = LOCAL_HEADER.unpack(stream.read(LOCAL_HEADER.size))
    if signature != SIGNATURE:
        raise zipfile.BadZipFile(f"no local header for {info.filename}")
    start = info.header_offset + LOCAL_HEADER.size + name_length + extra_length
    return WarcBytes(path, start=start, size=info.file_size)
