"""A single HTML page (plain or gzipped). Its own tags carry the URL and capture date, if any.

A page saved "complete" by a browser brings its `<stem>_files/` folder as assets; a single-file
page's `data:` URI images are lifted into assets (datauri.py). `sha256` stays the hash of the
file as read from disk.

The tool that saved a page may say where from, in a comment at its top: browsers write
`<!-- saved from url=(0043)https://... -->` (the length of the address, then the address), the
SingleFile extension writes the address and the moment it saved the page (`url: ...`,
`saved date: Fri Mar 15 2019 12:00:00 GMT+0100 (...)`). A page that names no canonical address of
its own is then still its site's, and the moment is its capture time.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Iterator

from quietpress.capture.datauri import lift_data_uris
from quietpress.capture.savedpage import read_assets
from quietpress.model import Capture, CaptureKind


# Where the saving tool writes its comment: before the page's content, near the top.
HEAD_BYTES = 64 * 1024
SAVED_FROM = re.compile(rb"<!--\s*saved from url=\(\d{1,5}\)(https?://[^\s<>\"]{1,2048})\s*-->", re.I)
SINGLEFILE = re.compile(rb"<!--\s*Page saved with SingleFile\s.{0,200}?\burl: (https?://[^\s<>\"]{1,2048})"
                        rb"(?:\s+saved date: ([^\n\r<>]{1,120}))?", re.S)
# JavaScript's Date.toString(), as SingleFile writes it: "Fri Mar 15 2019 12:00:00 GMT+0100 (...)".
JS_DATE = re.compile(r"^\w{3} (\w{3}) (\d{1,2}) (\d{4}) (\d{2}):(\d{2}):(\d{2}) GMT([+-])(\d{2})(\d{2})")
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def read_html(path: Path, source: str, payload: bytes, sha256: str) -> Iterator[Capture]:
    page, inline = lift_data_uris(payload)
    url, captured = saved_from(payload[:HEAD_BYTES])
    yield Capture(source=source, path=path, kind=CaptureKind.HTML, payload=page, sha256=sha256, url=url,
                  captured=captured, assets={**read_assets(path), **inline})


def saved_from(head: bytes) -> tuple[str | None, str | None]:
    """Return the address and the moment of saving that the saving tool wrote at the page's top.

    >>> saved_from(b"<!-- saved from url=(0023)https://example.com/a -->")
    ('https://example.com/a', None)
    """
    found = SINGLEFILE.search(head)
    if found:
        return found[1].decode("ascii", "replace"), _js_date((found[2] or b"").decode("ascii", "replace"))
    found = SAVED_FROM.search(head)
    return (found[1].decode("ascii", "replace"), None) if found else (None, None)


def _js_date(text: str) -> str | None:
    """Return JavaScript's Date.toString() text as ISO 8601 with its offset, or None."""
    found = JS_DATE.match(text.strip())
    if not found or found[1] not in MONTHS:
        return None
    month, day, year, hour, minute, second, sign, zone_hours, zone_minutes = found.groups()
    offset = timedelta(hours=int(zone_hours), minutes=int(zone_minutes)) * (-1 if sign == "-" else 1)
    try:
        moment = datetime(int(year), MONTHS.index(month) + 1, int(day), int(hour), int(minute), int(second),
                          tzinfo=timezone(offset))
    except ValueError:
        return None
    return moment.isoformat()
