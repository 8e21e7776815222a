"""A page saved by Safari as a Web Archive (`.webarchive`, Safari's default "Save As" format): a
binary property list holding the page (`WebMainResource`) and its resources (`WebSubresources`),
each with its bytes, address, MIME type and text encoding.

The page is the main resource's bytes in the encoding it names; the resources are its pictures,
by address, so the writer keeps them for offline reading. A web archive records no capture date.
`sha256` stays the hash of the file as read from disk.
"""

from __future__ import annotations

import plistlib
from pathlib import Path
from typing import Iterator

from quietpress.capture.datauri import lift_data_uris
from quietpress.capture.resources import HTML_TYPES, kept_resources, string_or_none
from quietpress.errors import CaptureError
from quietpress.model import Capture, CaptureKind

SIGNATURE = b"bplist00"


def is_property_list(head: bytes) -> bool:
    return head.startswith(SIGNATURE)


def read_webarchive(path: Path, source: str, payload: bytes, sha256: str) -> Iterator[Capture]:
    try:
        archive = plistlib.loads(payload, fmt=plistlib.FMT_BINARY)
    except (plistlib.InvalidFileException, ValueError, TypeError, KeyError, IndexError, OverflowError, RecursionError) as error:
        raise CaptureError(source, f"damaged property list, not a readable Safari web archive ({type(error).__name__})")
    main = archive.get("WebMainResource") if isinstance(archive, dict) else None
    if not isinstance(main, dict) or not isinstance(main.get("WebResourceData"), bytes):
        raise CaptureError(source, "property list without a page (no WebMainResource): not a Safari web archive")
    media_type = str(main.get("WebResourceMIMEType") or "text/html").lower()
    if media_type not in HTML_TYPES:
        raise CaptureError(source, f"Safari web archive of a {media_type} file, not of a page")
    page, inline = lift_data_uris(main["WebResourceData"])
    yield Capture(source=source, path=path, kind=CaptureKind.HTML, payload=page, sha256=sha256,
                  url=string_or_none(main.get("WebResourceURL")),
                  charset=string_or_none(main.get("WebResourceTextEncodingName")),
                  assets={**_resources(archive.get("WebSubresources")), **inline})


def _resources(resources: object) -> dict[str, bytes]:
    return kept_resources((string_or_none(resource.get("WebResourceURL")), resource.get("WebResourceData"))
                          for resource in (resources if isinstance(resources, list) else [])
                          if isinstance(resource, dict))
