"""Stage 2a, decode: capture bytes to text.

The charset comes from, in order of trust: the transport header (WARC/HTTP), a byte-order mark,
the page's own `<meta>` declaration, then detection. Invalid bytes are replaced, never fatal.
"""

from __future__ import annotations

import codecs
import re

from quietpress.model import Capture, CaptureKind, Document

BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]+)""", re.IGNORECASE)
# C0 controls but tab, newline and carriage return, plus DEL and the C1 range: they break the
# XML of feeds and sitemaps, and no article needs them.
CONTROL_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# Pages often declare latin-1 but are written in windows-1252 (curly quotes in 0x80-0x9f);
# browsers treat the two as one, and so do we.
ALIASES = {"iso-8859-1": "cp1252", "latin-1": "cp1252", "latin1": "cp1252", "us-ascii": "cp1252", "ascii": "cp1252"}


def decode_capture(capture: Capture) -> Document:
    """Return the capture's text, decoded by the most trusted charset it offers."""
    data = capture.payload
    text, encoding = _decode(data, capture)
    return Document(capture=capture, text=clean_text(text), encoding=encoding)


def clean_text(text: str) -> str:
    """Drop control characters and normalise line ends."""
    return CONTROL_CHARS.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def _decode(data: bytes, capture: Capture) -> tuple[str, str]:
    for bom, name in BOMS:
        if data.startswith(bom):
            return data[len(bom):].decode(name, errors="replace"), name
    declared = _known(capture.charset)
    if declared is None and capture.kind is CaptureKind.HTML:
        match = META_CHARSET.search(data[:8192])
        declared = _known(match.group(1).decode("ascii", "ignore")) if match else None
    if declared:
        text = _try_strict(data, declared)
        if text is not None:
            return text, declared
        # Declared one encoding, written in another: UTF-8 is by far the common truth.
        if declared != "utf-8":
            text = _try_strict(data, "utf-8")
            if text is not None:
                return text, "utf-8"
        detected = detect(data)
        if detected and detected != declared:
            return data.decode(detected, errors="replace"), detected
        return data.decode(declared, errors="replace"), declared
    text = _try_strict(data, "utf-8")
    if text is not None:
        return text, "utf-8"
    detected = detect(data) or "cp1252"
    return data.decode(detected, errors="replace"), detected


def _try_strict(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _known(name: str | None) -> str | None:
    if not name:
        return None
    name = name.strip().strip("\"'").lower()
    name = ALIASES.get(name, name)
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def detect(data: bytes) -> str | None:
    """Return charset-normalizer's best guess for bytes of unknown encoding."""
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    return _known(best.encoding) if best else None
