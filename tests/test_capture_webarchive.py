"""Safari web archives (`.webarchive`): the main resource is the page, the sub-resources its pictures."""

from __future__ import annotations

import plistlib
from pathlib import Path

from captures import png
from quietpress.capture.discover import read_capture_file, sniff_format
from quietpress.errors import CaptureError

URL = "https://news.example.org/2025/11/02/story"
PHOTO_URL = "https://news.example.org/photo.png"
PHOTO = png((90, 20, 200))
PAGE = "<html><body><h1>Caf\u00e9 opens</h1><p>The caf\u00e9 on the quay opened on Friday.</p></body></html>"


def webarchive(main: dict | None, resources: list | None = None) -> bytes:
    archive = {} if main is None else {"WebMainResource": main}
    if resources is not None:
        archive["WebSubresources"] = resources
    return plistlib.dumps(archive, fmt=plistlib.FMT_BINARY)


def read(tmp_path: Path, data: bytes) -> list:
    path = tmp_path / "page.webarchive"
    path.write_bytes(data)
    return list(read_capture_file(tmp_path, path))


def test_the_main_resource_is_the_page_in_its_encoding_with_its_pictures(tmp_path):
    data = webarchive({"WebResourceData": PAGE.encode("cp1252"), "WebResourceMIMEType": "text/html",
                       "WebResourceTextEncodingName": "windows-1252", "WebResourceURL": URL},
                      [{"WebResourceData": PHOTO, "WebResourceMIMEType": "image/png", "WebResourceURL": PHOTO_URL},
                       "not a resource", {"WebResourceURL": "https://news.example.org/empty.png"}])
    assert sniff_format(data[:4096], "page.webarchive") == "webarchive"
    [capture] = read(tmp_path, data)
    assert capture.payload == PAGE.encode("cp1252") and capture.charset == "windows-1252"
    assert capture.url == URL and capture.captured is None
    assert dict(capture.assets) == {PHOTO_URL: PHOTO}


def test_a_damaged_or_foreign_property_list_is_reported_not_imported(tmp_path):
    [damaged] = read(tmp_path, webarchive({"WebResourceData": PAGE.encode()})[:-12])
    assert isinstance(damaged, CaptureError) and "damaged property list" in str(damaged)
    [foreign] = read(tmp_path, webarchive(None))
    assert isinstance(foreign, CaptureError) and "no WebMainResource" in str(foreign)


def test_a_web_archive_of_a_picture_is_not_a_page(tmp_path):
    [error] = read(tmp_path, webarchive({"WebResourceData": PHOTO, "WebResourceMIMEType": "image/png"}))
    assert isinstance(error, CaptureError) and "image/png" in str(error)
