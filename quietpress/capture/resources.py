"""What the readers of packed captures (MHTML, Safari web archives, HAR, WARC) share: the media types
of a page, and the page's resources kept by address within the saved-page limits."""

from __future__ import annotations

from typing import Iterable

from quietpress.capture.savedpage import MAX_ASSET_BYTES, MAX_ASSETS

HTML_TYPES = ("text/html", "application/xhtml+xml")


def kept_resources(resources: Iterable[tuple[str | None, object]]) -> dict[str, bytes]:
    """The (address, bytes) pairs worth keeping: the first of each address, not empty, not over
    MAX_ASSET_BYTES, at most MAX_ASSETS of them."""
    assets: dict[str, bytes] = {}
    for address, data in resources:
        if len(assets) >= MAX_ASSETS:
            break
        if address and isinstance(data, bytes) and 0 < len(data) <= MAX_ASSET_BYTES:
            assets.setdefault(address, data)
    return assets


def string_or_none(value: object) -> str | None:
    """A value read from a capture's structured data, as a string without its outer spaces, or None."""
    if not isinstance(value, str):
        return None
    return value.strip() or None
