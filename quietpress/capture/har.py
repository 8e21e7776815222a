"""HAR files (HTTP Archive: what a browser's developer tools save with "Save all as HAR", and what
many crawlers log): one JSON document whose `log.entries` are the requests a page made, each with
its response.

Each entry answered with an HTML page (status 2xx, `text/html`, its text saved) is a candidate
article: its request URL and start time are its provenance. The other entries that saved their
bytes (pictures, base64-encoded in HAR) are the articles' assets, by URL, as a WARC's are. A
response the HAR saved as text is already decoded: its charset is UTF-8 from here on.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import re
from pathlib import Path
from typing import Iterator

from quietpress.capture.datauri import lift_data_uris
from quietpress.capture.resources import HTML_TYPES, kept_resources, string_or_none
from quietpress.errors import CaptureError
from quietpress.model import Capture, CaptureKind

# `{"log": {` at the file's start, after a BOM and spaces.
HAR_START = re.compile(rb'^(?:\xef\xbb\xbf)?\s*\{\s*"log"\s*:\s*\{')


def is_har(head: bytes) -> bool:
    return HAR_START.match(head) is not None


def read_har(path: Path, source: str, payload: bytes, sha256: str) -> Iterator[Capture | CaptureError]:
    try:
        document = json.loads(payload.decode("utf-8-sig", errors="replace"))
    except (ValueError, RecursionError) as error:
        raise CaptureError(source, f"damaged HAR file, not readable JSON ({type(error).__name__})")
    log = document.get("log") if isinstance(document, dict) else None
    entries = log.get("entries") if isinstance(log, dict) else None
    if not isinstance(entries, list):
        raise CaptureError(source, "HAR file without a list of entries (log.entries)")
    responses = [(number, entry, _response(entry)) for number, entry in enumerate(entries, 1)]
    assets = kept_resources((_request_url(entry), body) for _, entry, (media_type, _, body) in responses
                            if media_type not in HTML_TYPES)
    pages = 0
    for number, entry, (media_type, charset, body) in responses:
        if media_type not in HTML_TYPES or not body:
            continue
        pages += 1
        page, inline = lift_data_uris(body)
        yield Capture(source=f"{source}#{number}", path=path, kind=CaptureKind.HTML, payload=page,
                      sha256=hashlib.sha256(body).hexdigest(), url=_request_url(entry),
                      captured=string_or_none(entry.get("startedDateTime")), charset=charset, record_id=str(number),
                      assets={**assets, **inline})
    if not pages:
        raise CaptureError(source, "HAR file with no HTML page whose text was saved",
                           "skipped (save the HAR with its content: \"Save all as HAR with content\")")


def _response(entry: object) -> tuple[str, str | None, bytes]:
    """The media type, charset and bytes of an entry's response; no bytes unless it succeeded."""
    response = entry.get("response") if isinstance(entry, dict) else None
    content = response.get("content") if isinstance(response, dict) else None
    if not isinstance(content, dict) or not isinstance(content.get("text"), str):
        return "", None, b""
    status = response.get("status")
    if not isinstance(status, int) or not 200 <= status < 300:
        return "", None, b""
    media_type, _, params = str(content.get("mimeType") or "").partition(";")
    media_type = media_type.strip().lower()
    if content.get("encoding") != "base64":
        return media_type, "utf-8", content["text"].encode("utf-8", "surrogatepass")
    declared = re.search(r"charset=[\"']?([\w.:-]+)", params, re.I)
    try:
        body = base64.b64decode(content["text"], validate=False)
    except (binascii.Error, ValueError):
        return "", None, b""
    return media_type, declared[1] if declared else None, body


def _request_url(entry: object) -> str | None:
    request = entry.get("request") if isinstance(entry, dict) else None
    return string_or_none(request.get("url")) if isinstance(request, dict) else None

