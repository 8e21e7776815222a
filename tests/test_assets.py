"""Images a capture holds bytes for are kept by hash and typed by their bytes."""

from __future__ import annotations

import base64
import hashlib

from captures import png
from quietpress.assets import MAX_IMAGE_BYTES, image_bytes, local_images
from quietpress.capture.datauri import lift_data_uris
from quietpress.model import Capture, CaptureKind

RED = png((200, 0, 0))
SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'


def capture(assets: dict[str, bytes], url: str | None = "https://news.example.org/a/story") -> Capture:
    return Capture(source="s.html", path=None, kind=CaptureKind.HTML, payload=b"", sha256="0" * 64, url=url,
                   assets=assets)


def test_warc_asset_found_by_absolute_url_from_a_relative_src():
    found = local_images('<img src="../img/p.jpg">', capture({"https://news.example.org/img/p.jpg": RED}), None)
    assert found == {"../img/p.jpg": (f"images/{hashlib.sha256(RED).hexdigest()}.png", RED)}


def test_saved_page_asset_found_percent_encoded_or_made_absolute():
    assets = {"My page_files/p.jpg": RED}
    assert image_bytes("./My%20page_files/p.jpg", assets, None) == RED
    assert image_bytes("https://news.example.org/a/My%20page_files/p.jpg", assets, "https://news.example.org/a/") == RED


def test_image_typed_by_bytes_and_svg_or_unknown_bytes_never_kept():
    body = '<img src="a.gif"><img src="b.png"><img src="c.jpg">'
    found = local_images(body, capture({"a.gif": RED, "b.png": SVG, "c.jpg": b"not an image"}), None)
    assert list(found) == ["a.gif"] and found["a.gif"][0].endswith(".png")


def test_oversized_image_is_not_kept():
    huge = RED + b"\0" * (MAX_IMAGE_BYTES + 1)
    assert local_images('<img src="h.png">', capture({"h.png": huge}), None) == {}


def test_srcset_candidate_used_when_src_is_missing():
    found = local_images('<img data-src="x" srcset="small.png 1x, big.png 2x">', capture({"big.png": RED}), None)
    assert list(found) == ["big.png"]


def test_data_uris_lifted_to_named_assets_and_the_page_shrinks():
    uri = b"data:image/png;base64," + base64.b64encode(RED)
    page, assets = lift_data_uris(b'<p>x</p><img src="' + uri + b'"><img src="' + uri + b'">')
    key = f"inline-images/{hashlib.sha256(RED).hexdigest()}.png"
    assert assets == {key: RED}
    assert page.count(key.encode()) == 2 and b"base64" not in page


def test_data_uri_of_svg_or_garbage_is_left_alone():
    svg = b"data:image/svg+xml;base64," + base64.b64encode(SVG)
    page, assets = lift_data_uris(b'<img src="' + svg + b'"><img src="data:image/png;base64,@@@">')
    assert assets == {} and svg in page
