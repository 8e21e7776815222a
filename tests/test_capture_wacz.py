"""WACZ files: the WARCs under archive/ are read in place (stored) or through the ZIP (compressed)."""

from __future__ import annotations

import hashlib
import json
import zipfile
from pathlib import Path

import pytest

from captures import Page, article_html, png, write_warc
from quietpress.capture import read_capture_file, sniff_format
from quietpress.errors import CaptureError
from quietpress.model import Status
from test_capture_formats import BRIDGE, MARKET, imported

PHOTO_URL = "https://cdn.example.org/img/bridge.jpg"
PHOTO = png((30, 160, 90))


def write_wacz(path: Path, tmp_path: Path, compression: int = zipfile.ZIP_STORED) -> dict[str, str]:
    """A WACZ as Browsertrix writes one: the WARC stored under archive/, a page list, a datapackage."""
    bridge = Page(**{**BRIDGE.__dict__, "image": PHOTO_URL})
    warc = tmp_path / "data.warc.gz"
    ids = write_warc(warc, [(bridge, article_html(bridge).encode("utf-8"), "utf-8"),
                            (MARKET, article_html(MARKET).encode("utf-8"), "utf-8")],
                     {PHOTO_URL: PHOTO}, dates={BRIDGE.url: "2024-05-04T08:00:00Z", MARKET.url: "2024-05-05T09:30:00Z"})
    pages = [{"format": "json-pages-1.0", "id": "pages"}, {"url": BRIDGE.url, "ts": "2024-05-04T08:00:00Z"}]
    with zipfile.ZipFile(path, "w", compression=compression) as archive:
        archive.writestr("datapackage.json", json.dumps({"profile": "data-package", "wacz_version": "1.1.1"}))
        archive.writestr("pages/pages.jsonl", "\n".join(json.dumps(p) for p in pages))
        archive.write(warc, "archive/data.warc.gz")
        archive.writestr("indexes/index.cdx", "")
    warc.unlink()
    return ids


@pytest.mark.parametrize("compression", [zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED], ids=["stored", "deflated"])
def test_the_warcs_of_a_wacz_import_with_their_pictures_and_provenance(tmp_path, compression):
    src = tmp_path / "src"
    src.mkdir()
    ids = write_wacz(src / "crawl.wacz", tmp_path, compression)
    assert sniff_format((src / "crawl.wacz").read_bytes()[:4096], "crawl.wacz") == "wacz"
    found, outcomes = imported(src, tmp_path / "content")
    assert [o.status for o in outcomes] == [Status.IMPORTED, Status.IMPORTED]
    front, body = found["council-approves-the-new-bridge-plan.md"]
    assert front["capture"] == {"path": "crawl.wacz/archive/data.warc.gz", "record_id": ids[BRIDGE.url]}
    assert front["captured"] == "2024-05-04T08:00:00Z" and front["source_url"] == BRIDGE.url
    assert f"images/{hashlib.sha256(PHOTO).hexdigest()}.png" in body and PHOTO_URL not in body
    assert "Paragraph 5 about the market" in found["farmers-market-moves-to-the-harbour.md"][1]


def test_a_zip_without_warcs_is_reported_as_not_a_wacz(tmp_path):
    path = tmp_path / "pages.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("story.html", article_html(BRIDGE))
    [error] = list(read_capture_file(tmp_path, path))
    assert isinstance(error, CaptureError) and "not a WACZ" in str(error)


def test_a_damaged_wacz_is_reported_and_the_batch_goes_on(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    write_wacz(tmp_path / "whole.wacz", tmp_path)
    (src / "cut.wacz").write_bytes((tmp_path / "whole.wacz").read_bytes()[:-300])  # the ZIP's directory cut off
    (src / "story.html").write_text(article_html(MARKET), encoding="utf-8")
    found, outcomes = imported(src, tmp_path / "content")
    assert sorted(o.status for o in outcomes) == sorted([Status.IMPORTED, Status.FAILED])
    assert list(found) == ["farmers-market-moves-to-the-harbour.md"]
