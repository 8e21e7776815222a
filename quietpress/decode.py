"""Stage 2a, decode: capture bytes to text.

The charset comes from, in order of trust: a byte-order mark (as in browsers, a BOM beats any
declaration), the transport header (WARC/HTTP), the page's own `<meta>` declaration, then
detection (charset-normalizer). Declarations are checked against the bytes: pages declared in one
encoding but written in another are common, and valid UTF-8 is recognised whatever the page says.
Invalid bytes are replaced, never fatal. Control characters are removed (see CONTROL_CHARS), after
UTF-8 encoded twice over ("â\\x80\\x99" for "’") is put right.
"""

from __future__ import annotations

import codecs
import re

from quietpress.errors import CaptureError
from quietpress.model import Capture, CaptureKind, Document

BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]+)""", re.IGNORECASE)
# How far into a page its <meta charset> is looked for (the HTML standard says 1024 bytes; pages
# with long heads put it later, so we look further).
META_SCAN_BYTES = 8192
# C0 controls but tab and newline (carriage returns become newlines first), plus DEL and the C1
# range: they break the XML of feeds and sitemaps, and no article needs them. Decoded web text
# only holds C1 codes when a page was mis-declared, so dropping them loses nothing readable.
# Unicode's noncharacters too (U+FDD0-U+FDEF and the last two of every plane): U+FFFE and U+FFFF
# are not XML at all, and one U+FFFF in a paragraph lost a page its body, in a title its feeds.
CONTROL_CHARS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ufdd0-\ufdef\ufffe\uffff]")
# UTF-8's multi-byte sequences read one byte a character (as latin-1), and the C1 codes among them.
DOUBLE_ENCODED = re.compile("[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
DOUBLE_ENCODED_C1 = re.compile("[\xc2-\xf4][\x80-\xbf]{0,2}[\x80-\x9f]")
# Those of the other planes, listed one by one, make a pattern ten times slower: it is run only on
# text that holds a character of those planes past U+1FFFD at all (CJK extensions B and later).
HIGH_PLANES = re.compile("[\U0001fffe-\U0010ffff]")
PLANE_NONCHARACTERS = re.compile(
    "[" + "".join(f"{chr(plane + 0xFFFE)}{chr(plane + 0xFFFF)}" for plane in range(0x10000, 0x110000, 0x10000)) + "]")
# Lone surrogates cannot be written as UTF-8; they come from broken JSON escapes.
SURROGATES = re.compile("[\ud800-\udfff]")
# Each pattern above reads the whole text (4 ms on a 250 kB page, as long as parsing it), and
# almost no page holds any of their characters: a first look for all of them, in the text's UTF-8
# bytes, skips the passes (2.7 ms; a search of the text for the set of characters takes 5.5 ms).
# C0 controls and DEL are single bytes; C1 controls are C2 80-9F, U+FDD0-U+FDEF are EF B7 90-AF,
# and every noncharacter ending in FFFE or FFFF ends in the bytes BF BE or BF BF (as do a few
# other characters, which only cost the passes).
CONTROL_BYTES = bytes([*range(0x00, 0x09), *range(0x0B, 0x20), 0x7F])
REMOVED_UTF8 = (re.compile(rb"\xc2[\x80-\x9f]"), re.compile(rb"\xef\xb7[\x90-\xaf]"), re.compile(rb"\xbf[\xbe\xbf]"))
# Labels mapped the way browsers map them (WHATWG Encoding Standard): latin-1 and ASCII pages are
# read as windows-1252 (curly quotes in 0x80-0x9f), legacy CJK labels as their supersets.
ALIASES = {
    "iso-8859-1": "cp1252", "iso8859-1": "cp1252", "latin-1": "cp1252", "latin1": "cp1252", "l1": "cp1252",
    "us-ascii": "cp1252", "ascii": "cp1252", "windows-1252": "cp1252",
    "iso-8859-9": "cp1254", "latin5": "cp1254", "tis-620": "cp874", "iso-8859-11": "cp874",
    "gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "gb_2312-80": "gb18030",
    "shift_jis": "cp932", "shift-jis": "cp932", "sjis": "cp932", "x-sjis": "cp932", "ms_kanji": "cp932",
    "euc-kr": "cp949", "ks_c_5601-1987": "cp949", "big5": "big5hkscs",
}
# Labels a page may not choose: UTF-7 and friends turn harmless-looking bytes into `<script>`,
# which is why browsers refuse them; a page declaring one is decoded as if it declared nothing.
REFUSED = {"utf-7", "utf_7", "utf7", "x-utf-7", "hz", "hz-gb-2312", "iso-2022-cn", "iso-2022-cn-ext",
           "iso2022_jp_2", "x-user-defined", "replacement"}
# Valid multi-byte UTF-8 sequences: a page holding more of these than invalid bytes is UTF-8 with
# a few stray windows-1252 bytes pasted in (the usual CMS accident), not another encoding.
UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
# Longer text captures are refused before extraction: a long read is 50,000 characters, a whole
# novel 3 million; the text extractor took 188 s on a 50 MB dump and 10 GB of memory on a 20 MB
# single line (tests/test_hostile.py generates one), which took the whole batch down with it.
MAX_TEXT_CHARS = 1_000_000
# How much of a page detection reads: enough for a reliable guess, bounded for 50 MB pages.
DETECT_BYTES = 200_000
# Among detection guesses this close in "chaos" (charset-normalizer's 0-1 measure of how garbled
# the text looks) to the best one, windows-1252 wins: short Western pages are otherwise guessed as
# Baltic or Central European (tests/test_decode.py pins a French page that was read as cp1257).
CP1252_MARGIN = 0.15


def decode_capture(capture: Capture) -> Document:
    """Return the capture's text, decoded by the most trusted charset its bytes agree with.

    Raises CaptureError for a text capture too long to be one article (MAX_TEXT_CHARS).
    """
    text, encoding = decode_bytes(capture.payload, capture.charset, capture.kind is CaptureKind.HTML)
    if capture.kind is CaptureKind.TEXT and len(text) > MAX_TEXT_CHARS:
        raise CaptureError(capture.source, f"text too long to be one article ({len(text):,} characters, "
                                           f"limit {MAX_TEXT_CHARS:,})")
    return Document(capture=capture, text=clean_text(text), encoding=encoding)


def clean_text(text: str) -> str:
    """Return text with line ends normalised to `\\n`, UTF-8 encoded twice put right, and control
    characters removed.

    >>> clean_text("a\\r\\nb\\x00c")
    'a\\nbc'
    """
    if "\r" in text:  # a search for one character is much faster than a replacement pass
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not _may_hold_removed(text):  # no C1 code, so nothing encoded twice either
        return text
    return remove_control_characters(_undo_double_encoding(text))


def remove_control_characters(text: str) -> str:
    """Return text without C0 (but tab and newline), DEL, C1 or lone surrogate code points.

    Lone surrogates become U+FFFD so that a gap stays visible where the broken character was.
    """
    if not _may_hold_removed(text):
        return text
    text = CONTROL_CHARS.sub("", text)
    if HIGH_PLANES.search(text):
        text = PLANE_NONCHARACTERS.sub("", text)
    return SURROGATES.sub("\ufffd", text)


def _undo_double_encoding(text: str) -> str:
    """Return text encoded twice over put right: UTF-8 bytes read as latin-1 and encoded again, as a
    page's bytes may hold it whatever it declares ("’" kept as "â" and the C1 codes 0x80 and 0x99).

    Only text holding a C1 code inside such a sequence is taken for it (no other decoded text holds
    C1 codes: CONTROL_CHARS); then every such sequence is put right ("Ã©" as well as "â\x80\x99").
    """
    if not DOUBLE_ENCODED_C1.search(text):
        return text
    return DOUBLE_ENCODED.sub(_utf8_read_as_latin1, text)


def _utf8_read_as_latin1(match: re.Match[str]) -> str:
    try:
        return match.group().encode("latin-1").decode("utf-8")
    except UnicodeDecodeError:
        return match.group()


def _may_hold_removed(text: str) -> bool:
    """False only when the text holds no character remove_control_characters removes or replaces."""
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError:  # lone surrogates
        return True
    return len(data.translate(None, CONTROL_BYTES)) != len(data) or any(p.search(data) for p in REMOVED_UTF8)


def decode_bytes(data: bytes, declared: str | None = None, html: bool = True) -> tuple[str, str]:
    """Return (text, encoding name) for bytes, given the transport's declared charset if any.

    >>> decode_bytes("café".encode("utf-8"), "iso-8859-1")
    ('café', 'utf-8')
    """
    for bom, name in BOMS:
        if data.startswith(bom):
            return data[len(bom):].decode(name, errors="replace"), name
    encoding = known_encoding(declared)
    if encoding is None and html:
        match = META_CHARSET.search(data[:META_SCAN_BYTES])
        encoding = known_encoding(match.group(1).decode("ascii", "ignore")) if match else None
    if encoding and encoding.startswith(("utf-16", "utf-32")) and b"\x00" not in data[:1024]:
        encoding = None  # a UTF-16 label on bytes without a single NUL is not UTF-16
    text = _try_strict(data, "utf-8")
    if text is not None and (encoding is None or not data.isascii() or encoding == "utf-8"):
        return text, "utf-8"
    if encoding and encoding != "utf-8":
        text = _try_strict(data, encoding)
        if text is not None:
            return text, encoding
    if _mostly_utf8(data):
        return data.decode("utf-8", errors="quietpress-cp1252"), "utf-8"
    detected = detect(data)
    if detected:
        return data.decode(detected, errors="replace"), detected
    return data.decode(encoding or "cp1252", errors="replace"), encoding or "cp1252"


def _mostly_utf8(data: bytes) -> bool:
    valid = len(UTF8_MULTIBYTE.findall(data[:DETECT_BYTES]))
    if not valid:
        return False
    invalid = len(data[:DETECT_BYTES].decode("utf-8", errors="ignore").encode("utf-8"))
    invalid = len(data[:DETECT_BYTES]) - invalid
    return valid > invalid


def _cp1252_fallback(error: UnicodeDecodeError) -> tuple[str, int]:
    """Codec error handler: read bytes that are not UTF-8 as windows-1252 (U+FFFD if undefined)."""
    bad = error.object[error.start:error.end]
    return bad.decode("cp1252", errors="replace"), error.end


codecs.register_error("quietpress-cp1252", _cp1252_fallback)


def _try_strict(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def known_encoding(name: str | None) -> str | None:
    """Return Python's codec name for a charset label, or None for unknown or refused labels.

    >>> known_encoding("ISO-8859-1"), known_encoding("utf-7")
    ('cp1252', None)
    """
    if not name:
        return None
    name = name.strip().strip("\"'").lower()
    if name in REFUSED:
        return None
    name = ALIASES.get(name, name)
    try:
        codec = codecs.lookup(name)
    except LookupError:
        return None
    # Text encodings only: 'base64', 'rot13' and friends are codecs too.
    if not getattr(codec, "_is_text_encoding", True) or codec.name in REFUSED:
        return None
    return codec.name


def detect(data: bytes) -> str | None:
    """Return charset-normalizer's best guess for bytes of unknown encoding, or None."""
    from charset_normalizer import from_bytes

    matches = list(from_bytes(data[:DETECT_BYTES]))
    if not matches:
        return None
    best = matches[0]
    for match in matches:
        if match.chaos <= best.chaos + CP1252_MARGIN and "cp1252" in match.could_be_from_charset:
            return "cp1252"
    return known_encoding(best.encoding)
