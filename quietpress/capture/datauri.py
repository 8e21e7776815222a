"""Images inlined in a page as `data:` URIs, lifted out into assets before the page is parsed.

A single-file page can carry megabytes of base64 in its attributes; parsers and extractors slow
down on it and some drop such images outright. Each inlined image is replaced in the page by a
short relative reference, `inline-images/<sha256>.<ext>` (extractors keep only images whose
address looks like one), and its bytes become an asset under that key,
so later stages treat it like any image the capture holds.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import re

from quietpress.write import image_extension

# Base64 data URIs of raster images; the text (non-base64) form is used for SVG, which we never keep.
DATA_URI = re.compile(rb"data:image/[A-Za-z0-9.+-]+(?:;[A-Za-z0-9=._-]+)*;base64,([A-Za-z0-9+/=\s]+)")
INLINE_PREFIX = "inline-images/"
# An inlined image larger than this (decoded) is left in place and not kept.
MAX_INLINE_BYTES = 20 * 1024 * 1024


def lift_data_uris(payload: bytes) -> tuple[bytes, dict[str, bytes]]:
    """Return the page with each base64 image data: URI replaced by a reference, and the bytes by reference.

    >>> lift_data_uris(b'<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">')[0][-8:]
    b'f3.gif">'
    """
    if b"data:image/" not in payload:
        return payload, {}
    assets: dict[str, bytes] = {}

    def replace(match: re.Match[bytes]) -> bytes:
        encoded = re.sub(rb"\s+", b"", match.group(1))
        if len(encoded) > MAX_INLINE_BYTES * 4 // 3 + 4:
            return match.group(0)
        try:
            data = base64.b64decode(encoded + b"=" * (-len(encoded) % 4))
        except (binascii.Error, ValueError):
            return match.group(0)
        extension = image_extension(data)
        if extension is None:
            return match.group(0)
        key = f"{INLINE_PREFIX}{hashlib.sha256(data).hexdigest()}.{extension}"
        assets[key] = data
        return key.encode("ascii")

    return DATA_URI.sub(replace, payload), assets
