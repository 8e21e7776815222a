"""A single HTML page (plain or gzipped). Its own tags carry the URL and capture date, if any."""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

from quietpress.model import Capture, CaptureKind


def read_html(path: Path, source: str, payload: bytes, sha256: str) -> Iterator[Capture]:
    yield Capture(source=source, path=path, kind=CaptureKind.HTML, payload=payload, sha256=sha256)
