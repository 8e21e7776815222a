"""HAR files ("Save all as HAR with content"): each HTML response is a page, the others its pictures."""

from __future__ import annotations

import base64
import hashlib
import json
from pathlib import Path

from captures import article_html, png
from quietpress.capture import read_capture_file, sniff_format
from quietpress.errors import CaptureError
from quietpress.model import Status
from test_capture_formats import BRIDGE, MARKET, imported

PHOTO_URL = "https://cdn.example.org/img/bridge.jpg"
PHOTO = png((120, 40, 160))


def entry(url: str, mime: str, text: str | None, status: int = 200, base64_encoded: bool = False) -> dict:
    content = {"size": len(text or ""), "mimeType": mime}
    if text is not None:
        content["text"] = text
        if base64_encoded:
            content["encoding"] = "base64"
    return {"startedDateTime": "2024-05-04T08:00:00.000Z", "request": {"method": "GET", "url": url},
            "response": {"status": status, "content": content}}


def har(entries: list[dict]) -> bytes:
    return json.dumps({"log": {"version": "1.2", "creator": {"name": "WebInspector", "version": "537.36"},
                               "pages": [], "entries": entries}}, indent=2).encode("utf-8")


def test_html_responses_are_pages_and_pictures_their_assets(tmp_path):
    from captures import Page

    bridge = Page(**{**BRIDGE.__dict__, "image": PHOTO_URL})
    latin = article_html(MARKET).replace("schools.", "\u00e9coles.").replace('<meta charset="utf-8">', "")
    src = tmp_path / "src"
    src.mkdir()
    (src / "session.har").write_bytes(har([
        entry(bridge.url, "text/html; charset=utf-8", article_html(bridge)),
        entry(PHOTO_URL, "image/png", base64.b64encode(PHOTO).decode(), base64_encoded=True),
        entry(MARKET.url, "text/html; charset=iso-8859-1", base64.b64encode(latin.encode("iso-8859-1")).decode(),
              base64_encoded=True),
        entry("https://news.example.org/missing", "text/html", "<html><body>Not found</body></html>", status=404),
        entry("https://news.example.org/app.js", "application/javascript", None),
    ]))
    assert sniff_format((src / "session.har").read_bytes()[:4096], "session.har") == "har"
    found, outcomes = imported(src, tmp_path / "content")
    assert [o.status for o in outcomes] == [Status.IMPORTED, Status.IMPORTED]
    front, body = found["council-approves-the-new-bridge-plan.md"]
    assert front["capture"] == {"path": "session.har", "record_id": "1"}
    assert front["captured"] == "2024-05-04T08:00:00.000Z" and front["source_url"] == BRIDGE.url
    assert f"images/{hashlib.sha256(PHOTO).hexdigest()}.png" in body
    assert "town's 7 \u00e9coles." in found["farmers-market-moves-to-the-harbour.md"][1]


def test_a_har_without_saved_pages_or_damaged_is_reported(tmp_path):
    empty = tmp_path / "empty.har"
    empty.write_bytes(har([entry(BRIDGE.url, "text/html", None)]))
    [error] = list(read_capture_file(tmp_path, empty))
    assert isinstance(error, CaptureError) and "no HTML page whose text was saved" in str(error)
    cut = tmp_path / "cut.har"
    cut.write_bytes(har([entry(BRIDGE.url, "text/html", article_html(BRIDGE))])[:-40])
    [error] = list(read_capture_file(tmp_path, cut))
    assert isinstance(error, CaptureError) and "damaged HAR" in str(error)
