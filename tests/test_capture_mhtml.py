"""MHTML captures ("Save page as: Webpage, Single File"): the page part, decoded, with its pictures."""

from __future__ import annotations

import base64
import quopri
from pathlib import Path

from captures import png
from quietpress.capture.discover import read_capture_file, sniff_format
from quietpress.errors import CaptureError

PAGE_URL = "https://news.example.org/2026/03/14/story"
PHOTO_URL = "https://cdn.example.org/photo.png"
PHOTO = png((10, 120, 60))
PAGE = ("<html><head><meta charset='utf-8'><title>Café opens | Example News</title></head><body><article>"
        "<h1>Café opens</h1><p>" + "The café on the quay opened its doors on Friday morning. " * 6 + "</p>"
        f"<img src='{PHOTO_URL}' alt='The café'></article></body></html>")


def mhtml(parts: list[tuple[str, str, bytes]], extra_header: str = "", start: str = "") -> bytes:
    """A multipart/related message as Chromium writes it: (content type, location, body) per part."""
    boundary = "----MultipartBoundary--abc123----"
    start_param = f';\r\n\tstart="{start}"' if start else ""
    out = [f"From: <Saved by Blink>\r\nSnapshot-Content-Location: {PAGE_URL}\r\nSubject: =?utf-8?Q?Caf=C3=A9?=\r\n"
           f"Date: Sat, 14 Mar 2026 18:02:11 -0000\r\n{extra_header}MIME-Version: 1.0\r\n"
           f'Content-Type: multipart/related;\r\n\ttype="text/html";\r\n\tboundary="{boundary}"{start_param}\r\n\r\n']
    for index, (content_type, location, body) in enumerate(parts):
        if content_type.startswith("text/"):
            encoding, data = "quoted-printable", quopri.encodestring(body).decode("ascii")
        else:
            encoding, data = "base64", base64.encodebytes(body).decode("ascii")
        out.append(f"--{boundary}\r\nContent-Type: {content_type}\r\nContent-ID: <part{index}@mhtml.blink>\r\n"
                   f"Content-Transfer-Encoding: {encoding}\r\nContent-Location: {location}\r\n\r\n{data}\r\n")
    out.append(f"--{boundary}--\r\n")
    return "".join(out).encode("ascii")


def read(tmp_path: Path, data: bytes, name: str = "page.mhtml") -> list:
    path = tmp_path / name
    path.write_bytes(data)
    return list(read_capture_file(tmp_path, path))


def test_the_page_part_is_decoded_with_its_address_date_and_pictures(tmp_path):
    data = mhtml([("text/html", PAGE_URL, PAGE.encode("utf-8")), ("image/png", PHOTO_URL, PHOTO)])
    assert sniff_format(data[:4096], "page.mhtml") == "mhtml"
    [capture] = read(tmp_path, data)
    assert capture.payload.decode("utf-8") == PAGE  # quoted-printable undone, "=3D" and soft breaks gone
    assert capture.url == PAGE_URL
    assert capture.captured == "Sat, 14 Mar 2026 18:02:11 -0000"
    assert dict(capture.assets) == {PHOTO_URL: PHOTO}


def test_the_part_at_the_saved_address_is_the_page_not_a_frame_before_it(tmp_path):
    frame = b"<html><body><p>An advertising frame.</p></body></html>"
    data = mhtml([("text/html", "https://ads.example.net/frame", frame), ("text/html", PAGE_URL, PAGE.encode("utf-8"))])
    [capture] = read(tmp_path, data)
    assert b"The caf" in capture.payload and dict(capture.assets) == {"https://ads.example.net/frame": frame}


def test_the_start_parameter_names_the_page(tmp_path):
    data = mhtml([("text/html", "https://news.example.org/other", b"<p>Other</p>"),
                  ("text/html", "https://news.example.org/main", PAGE.encode("utf-8"))], start="<part1@mhtml.blink>")
    [capture] = read(tmp_path, data)
    assert b"The caf" in capture.payload


def test_a_message_without_an_html_part_is_reported(tmp_path):
    [error] = read(tmp_path, mhtml([("image/png", PHOTO_URL, PHOTO)]))
    assert isinstance(error, CaptureError) and "no HTML page" in str(error)


def test_an_html_page_quoting_mime_headers_in_its_text_is_html(tmp_path):
    page = b"<html><body><pre>MIME-Version: 1.0\nContent-Type: multipart/related</pre></body></html>"
    assert sniff_format(page, "page.html") == "html"


def test_a_saved_single_file_page_imports_with_its_picture_kept(tmp_path):
    from quietpress.extract.profiles import Profiles
    from quietpress.pipeline import prepare_capture

    data = mhtml([("text/html", PAGE_URL, PAGE.encode("utf-8")), ("image/png", PHOTO_URL, PHOTO)])
    [capture] = read(tmp_path, data)
    prepared = prepare_capture(capture, Profiles())
    assert prepared.entry.metadata["title"] == "Café opens"
    assert "The café on the quay opened its doors" in prepared.entry.markdown
    assert "images/" in prepared.entry.markdown and PHOTO_URL not in prepared.entry.markdown
