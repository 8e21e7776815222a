"""A plain-text capture: a text-mode browser's dump, a copy-paste or a reader-mode export."""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

from quietpress.model import Capture, CaptureKind


def read_text(path: Path, source: str, payload: bytes, sha256: str) -> Iterator[Capture]:
    yield Capture(source=source, path=path, kind=CaptureKind.TEXT, payload=payload, sha256=sha256)
