"""Images a capture holds the bytes of (WARC records, saved-page folders, data: URIs), kept by hash."""

from __future__ import annotations

import base64
import binascii
from typing import Mapping
from urllib.parse import unquote, urljoin, urlsplit

from lxml import etree
import lxml.html

from quietpress.model import Capture
from quietpress.write import image_name

# Largest image kept from a capture; anything bigger is more likely a video or a bomb.
MAX_IMAGE_BYTES = 20 * 1024 * 1024


def local_images(body_html: str, capture: Capture, base_url: str | None) -> dict[str, tuple[str, bytes]]:
    """Map each image src in the body that the capture holds bytes for to (images/<hash>.<ext>, bytes)."""
    if "<img" not in body_html:
        return {}
    root = lxml.html.fragment_fromstring(body_html, create_parent="div")
    found: dict[str, tuple[str, bytes]] = {}
    for img in root.iter("img"):
        for src in _sources(img):
            data = image_bytes(src, capture.assets, base_url or capture.url)
            name = image_name(data) if data and len(data) <= MAX_IMAGE_BYTES else None
            if name:
                found[src] = (name, data)
                break
    return found


def _sources(img: etree._Element) -> list[str]:
    values = [img.get("src"), img.get("data-src"), img.get("data-original")]
    srcset = img.get("srcset") or ""
    values += [part.strip().split(" ")[0] for part in srcset.split(",") if part.strip()]
    return [v for v in values if v]


def image_bytes(src: str, assets: Mapping[str, bytes], base_url: str | None) -> bytes | None:
    """Return the bytes for an image reference from a data: URI or the capture's own assets.

    Assets are keyed by absolute URL (WARC records) or by path relative to the page (saved-page
    folders, lifted data: URIs); a reference may be either, percent-encoded or not, and the
    extractor may have made a relative one absolute against the page's URL.
    """
    if src.startswith("data:"):
        return _data_uri(src)
    if not assets:
        return None
    for key in _keys(src, base_url):
        if key in assets:
            return assets[key]
    return _by_path_suffix(src, assets)


def _keys(src: str, base_url: str | None) -> list[str]:
    keys = []
    for value in (src, unquote(src)):
        keys += [value, value[2:] if value.startswith("./") else value]
        if base_url:
            keys.append(urljoin(base_url, value))
    return keys


def _by_path_suffix(src: str, assets: Mapping[str, bytes]) -> bytes | None:
    """Match an absolute URL whose path ends with an asset's relative key (`.../page_files/a.jpg`)."""
    parts = urlsplit(src)
    if not parts.scheme:
        return None
    path = unquote(parts.path)
    # Keys only: the values of a WARC's assets are read from disk when asked for.
    for key in assets:
        if "://" not in key and path.endswith("/" + key):
            return assets[key]
    return None


def _data_uri(src: str) -> bytes | None:
    header, _, payload = src.partition(",")
    if not header.startswith("data:image/"):
        return None
    try:
        if header.endswith(";base64"):
            return base64.b64decode(payload, validate=False)
        return unquote(payload).encode("latin-1", "replace")
    except (binascii.Error, ValueError):
        return None
