"""A single HTML page (plain or gzipped). Its own tags carry the URL and capture date, if any.

A page saved "complete" by a browser brings its `<stem>_files/` folder as assets; a single-file
page's `data:` URI images are lifted into assets (datauri.py). `sha256` stays the hash of the
file as read from disk.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

from quietpress.capture.datauri import lift_data_uris
from quietpress.capture.savedpage import read_assets
from quietpress.model import Capture, CaptureKind


def read_html(path: Path, source: str, payload: bytes, sha256: str) -> Iterator[Capture]:
    page, inline = lift_data_uris(payload)
    yield Capture(source=source, path=path, kind=CaptureKind.HTML, payload=page, sha256=sha256,
                  assets={**read_assets(path), **inline})
