"""Builders for capture files of every format the importer reads, written by the tests themselves.

Pages are small but shaped like real news articles (head metadata, navigation, a byline, a figure
with caption and credit, a footer), so the real extractor runs on them.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import struct
import subprocess
import sys
import zlib
from dataclasses import dataclass
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Page:
    title: str
    url: str
    topic: str = "bridge"
    date: str = "2024-05-03T10:00:00Z"
    author: str = "Ana Ruiz"
    image: str | None = None
    caption: str = "The old bridge at dusk."
    credit: str = "Lee Park"
    # Without a canonical link the page's own URL is only known from where it was captured.
    canonical: bool = True


def paragraphs(topic: str, count: int = 6) -> list[str]:
    return [f"Paragraph {i} about the {topic}: the council met on Tuesday and residents spoke for hours "
            f"about the {topic}, its cost and what it would mean for the town's {i + 2} schools." for i in range(count)]


def article_html(page: Page, body_paragraphs: list[str] | None = None) -> str:
    """Return a full HTML page for one article."""
    body = body_paragraphs or paragraphs(page.topic)
    figure = ""
    if page.image:
        figure = (f'<figure><img src="{page.image}" alt="A view of the {page.topic}">'
                  f'<figcaption>{page.caption} <span class="credit">Photo: {page.credit}</span></figcaption></figure>')
    first, rest = "".join(f"<p>{p}</p>" for p in body[:2]), "".join(f"<p>{p}</p>" for p in body[2:])
    canonical = f'<link rel="canonical" href="{page.url}">' if page.canonical else ""
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{page.title} | The Daily Example</title>
{canonical}<meta property="og:title" content="{page.title}">
<meta name="author" content="{page.author}"><meta property="article:published_time" content="{page.date}">
</head><body><header><nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav></header>
<main><article><h1>{page.title}</h1><p class="byline">By {page.author}</p>{first}{figure}{rest}</article></main>
<footer><p>Copyright The Daily Example. All rights reserved.</p></footer></body></html>
"""


def png(color: tuple[int, int, int], size: int = 4) -> bytes:
    """Return a valid size x size PNG of one colour; different colours give different bytes."""
    raw = b"".join(b"\x00" + bytes(color) * size for _ in range(size))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")


def write_warc(path: Path, pages: list[tuple[Page, bytes, str | None]], images: dict[str, bytes],
               dates: dict[str, str] | None = None, gzipped: bool = True, bookkeeping: bool = True) -> dict[str, str]:
    """Write a WARC of HTML responses (page, body bytes, charset) and image responses; with
    `bookkeeping`, also a warcinfo, a request, a metadata and a revisit record. Returns the record
    id of each page's response by URL."""
    ids: dict[str, str] = {}
    with open(path, "wb") as stream:
        writer = WARCWriter(stream, gzip=gzipped)
        if bookkeeping:
            writer.write_record(writer.create_warcinfo_record(path.name, {"software": "tests"}))
        for page, body, charset in pages:
            if bookkeeping:
                request = StatusAndHeaders("GET / HTTP/1.1", [("Host", "news.example.org")], is_http_request=True)
                writer.write_record(writer.create_warc_record(page.url, "request", http_headers=request))
            content_type = "text/html" + (f"; charset={charset}" if charset else "")
            record = _response(writer, page.url, body, content_type, (dates or {}).get(page.url))
            ids[page.url] = record.rec_headers.get_header("WARC-Record-ID").strip("<>")
            writer.write_record(record)
        for url, data in images.items():
            writer.write_record(_response(writer, url, data, "image/jpeg", None))
        if bookkeeping and pages:
            first = pages[0][0]
            writer.write_record(writer.create_warc_record(first.url, "metadata", payload=io.BytesIO(b"outlinks: none"),
                                                          warc_content_type="text/plain"))
            revisit = writer.create_revisit_record(first.url, digest="sha1:AAAA", refers_to_uri=first.url,
                                                   refers_to_date="2024-05-03T10:00:00Z")
            writer.write_record(revisit)
    return ids


def _response(writer: WARCWriter, url: str, body: bytes, content_type: str, date: str | None):
    http = StatusAndHeaders("200 OK", [("Content-Type", content_type), ("Content-Length", str(len(body)))],
                            protocol="HTTP/1.1")
    headers = {"WARC-Date": date} if date else None
    return writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=http,
                                     warc_headers_dict=headers)


def write_gzip(path: Path, data: bytes) -> None:
    path.write_bytes(gzip.compress(data, mtime=0))


def write_jsonl(path: Path, records: list[dict]) -> None:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")


def write_saved_page(folder: Path, name: str, page: Page, image: bytes) -> None:
    """Write `<name>.html` and `<name>_files/` as a browser's "save page as, complete" does."""
    assets = folder / f"{name}_files"
    assets.mkdir(parents=True, exist_ok=True)
    (assets / "photo.jpg").write_bytes(image)
    (assets / "style.css").write_text("body { color: black }")
    saved = Page(**{**page.__dict__, "image": f"./{name}_files/photo.jpg"})
    (folder / f"{name}.html").write_text(article_html(saved), encoding="utf-8")


def run_import(src: Path, target: Path, *args: str) -> subprocess.CompletedProcess:
    """Run `quietpress import` in a subprocess, as a person would."""
    return subprocess.run([sys.executable, "-m", "quietpress", "import", str(src), "--into", str(target), "--quiet", *args],
                          capture_output=True, text=True, cwd=ROOT, timeout=300)


def tree_digest(folder: Path) -> dict[str, str]:
    """Return sha256 of every file under a folder by relative path."""
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def articles(folder: Path) -> list[Path]:
    return sorted((folder / "articles").rglob("*.md"))
