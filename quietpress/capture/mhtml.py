"""A page saved as one MHTML file ("Save page as: Webpage, Single File" in Chromium browsers, `.mht`
of older ones): a MIME multipart/related message holding the page and its resources.

The page is the message's root part: the one its `start` parameter names, else the one at the
address the browser saved (`Snapshot-Content-Location`), else its first HTML part. Its bytes come
out of their transfer encoding (quoted-printable, base64) with the charset the part declares.
The other parts are the page's pictures, by the address the page uses for them (`Content-
Location`), so the writer keeps them for offline reading as it keeps a WARC's. The message's
`Date` is when the page was saved. `sha256` stays the hash of the file as read from disk.
"""

from __future__ import annotations

import re
from email import policy
from email.message import Message
from email.parser import BytesParser
from pathlib import Path
from typing import Iterator

from quietpress.capture.datauri import lift_data_uris
from quietpress.capture.resources import HTML_TYPES, kept_resources
from quietpress.errors import CaptureError
from quietpress.model import Capture, CaptureKind

# The file starts with a message's header lines, one of which says the body is multipart/related.
HEADER_LINE = re.compile(rb"[A-Za-z][A-Za-z0-9-]*:")
MULTIPART_RELATED = re.compile(rb"^content-type:[ \t]*multipart/related", re.I | re.M)


def is_mhtml(head: bytes) -> bool:
    """True when a file's first bytes are the header of a MIME multipart/related message."""
    if not HEADER_LINE.match(head):
        return False
    header = re.split(rb"\r?\n\r?\n", head, maxsplit=1)[0]
    return MULTIPART_RELATED.search(header) is not None


def read_mhtml(path: Path, source: str, payload: bytes, sha256: str) -> Iterator[Capture]:
    message = BytesParser(policy=policy.compat32).parsebytes(payload)
    parts = [part for part in message.walk() if not part.is_multipart()]
    root = _root_part(message, parts)
    if root is None:
        raise CaptureError(source, "MHTML file holds no HTML page (no text/html part)")
    body = root.get_payload(decode=True)
    if not isinstance(body, bytes) or not body.strip():
        raise CaptureError(source, "MHTML file's page part is empty")
    page, inline = lift_data_uris(body)
    url = _header(message, "Snapshot-Content-Location") or _header(root, "Content-Location")
    yield Capture(source=source, path=path, kind=CaptureKind.HTML, payload=page, sha256=sha256,
                  url=url, captured=_header(message, "Date"), charset=root.get_content_charset(),
                  assets={**_resources(parts, root), **inline})


def _root_part(message: Message, parts: list[Message]) -> Message | None:
    start = (message.get_param("start") or "").strip()
    saved_at = _header(message, "Snapshot-Content-Location")
    html = [part for part in parts if part.get_content_type() in HTML_TYPES]
    for part in html:
        if start and _header(part, "Content-ID") == start:
            return part
    for part in html:
        if saved_at and _header(part, "Content-Location") == saved_at:
            return part
    return html[0] if html else None


def _resources(parts: list[Message], root: Message) -> dict[str, bytes]:
    """The bytes of the page's other parts, by the address the page refers to them with."""
    return kept_resources((_header(part, "Content-Location"), part.get_payload(decode=True))
                          for part in parts if part is not root)


def _header(message: Message, name: str) -> str | None:
    value = message.get(name)
    if value is None:
        return None
    # Folded header lines come back with their line break; an address has none.
    return " ".join(str(value).split()) or None
