"""A single HTML page (plain or gzipped). Its own tags carry the URL and capture date, if any.

A page saved "complete" by a browser brings its `<stem>_files/` folder as assets; a single-file
page carries its images inline as `data:` URIs, which the assets stage reads from the body itself.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

from quietpress.capture.savedpage import read_assets
from quietpress.model import Capture, CaptureKind


def read_html(path: Path, source: str, payload: bytes, sha256: str) -> Iterator[Capture]:
    yield Capture(source=source, path=path, kind=CaptureKind.HTML, payload=payload, sha256=sha256,
                  assets=read_assets(path))
