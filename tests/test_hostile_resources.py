"""A few-megabyte capture must not take gigabytes or minutes: limits hold while reading and parsing.

Each test is a reproducer from the hostile-captures list, at a size that still shows the fault
(the full-size cases, with their time and memory, are in `make bench-hostile`). Time is never
asserted here; what is asserted is the behaviour the limits give: the capture is refused with a
reason, or imported, and its neighbours are imported.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from build import run_import
from captures import Page, article_html
from quietpress.site import sanitize
from quietpress.site.reader import configured_parser, render_markdown

GOOD = Page("Harbour plan approved", "https://news.example.org/harbour")


def _imported(captures: Path, content: Path, *args: str):
    result = run_import([captures], content, *args)
    assert "Traceback" not in result.stderr, result.stderr
    return result, sorted((content / "articles").rglob("*.md")) if (content / "articles").is_dir() else []


def test_gzip_bomb_of_elements_is_refused_before_the_tree_is_built(tmp_path):
    captures = tmp_path / "captures"
    captures.mkdir()
    head = article_html(GOOD).split("</article>")[0].encode()
    (captures / "bomb.html.gz").write_bytes(gzip.compress(head + b"<p>" * 8_000_000, 9, mtime=0))
    (captures / "page.html").write_text(article_html(GOOD), encoding="utf-8")
    result, articles = _imported(captures, tmp_path / "content")
    assert "bomb.html.gz: page too large to extract (about 8,000,0" in result.stderr
    assert len(articles) == 1


def test_a_json_lines_record_over_the_limit_is_skipped_unread_and_its_neighbours_import(tmp_path):
    captures = tmp_path / "captures"
    captures.mkdir()
    with open(captures / "records.jsonl", "w", encoding="utf-8") as stream:
        stream.write(json.dumps({"url": GOOD.url, "html": article_html(GOOD)}) + "\n")
        stream.write('{"url": "https://news.example.org/big", "html": "' + "<p>" * (12 * 1024 * 1024) + '"}\n')
        other = Page("Bridge reopens", "https://news.example.org/bridge", topic="ferry")
        stream.write(json.dumps({"url": other.url, "html": article_html(other)}) + "\n")
    result, articles = _imported(captures, tmp_path / "content")
    assert "records.jsonl#2: record larger than 32 MB: skipped" in result.stderr
    assert len(articles) == 2


@pytest.mark.parametrize("wrapper", ["[{}]", '{"items": [{}]}'])
def test_a_json_list_of_millions_of_empty_records_is_read_one_record_at_a_time(tmp_path, wrapper):
    captures = tmp_path / "captures"
    captures.mkdir()
    real = json.dumps({"url": GOOD.url, "html": article_html(GOOD)})
    records = "{}," * 3_000_000 + "null, 1, [], {}, " + real + ", {} , {},"
    (captures / "export.json.gz").write_bytes(gzip.compress(wrapper.replace("{}]", records + "{}]").encode(), 9, mtime=0))
    result, articles = _imported(captures, tmp_path / "content")
    assert "export.json.gz: 3,000,007 records empty or not JSON objects: skipped" in result.stderr
    assert len(articles) == 1


@pytest.mark.parametrize("lines", [["Photo: " + "A" * 100_000], ["© 2024 " + "x" * 100_000],
                                   ["By John Smith and Jane Doe"] * 2000])
def test_long_credit_and_byline_lines_import_as_text(tmp_path, lines):
    captures = tmp_path / "captures"
    captures.mkdir()
    prose = "\n\n".join(["The harbour committee met on Tuesday and heard from residents, traders and the port "
                         "authority about the redevelopment plan, which the council will vote on next month."] * 4)
    (captures / "dump.txt").write_text(f"Harbour plan approved\n\n{prose}\n\n" + "\n".join(lines) + f"\n\n{prose}\n")
    result, articles = _imported(captures, tmp_path / "content")
    assert result.returncode == 0 and len(articles) == 1, result.stderr


FLOODS = ["&" * 50_000, "& " * 30_000, "\\*" * 30_000, "&a" * 20_000 + "  \nnext line",
          "x" * 4095 + "  \nhard break at the push", "&" * 4100 + "  \n" + "&amp;" * 3000, "\U000f0000 &" * 12_000]


@pytest.mark.parametrize("flood", FLOODS, ids=range(len(FLOODS)))
def test_runs_of_punctuation_render_as_the_stock_parser_and_cleaner_render_them(flood):
    """The reader's shortcuts for floods (dispatch.PENDING_LIMIT, sanitize._clean's stand-in for
    `&amp;`) give the same HTML as markdown-it and nh3 without them."""
    document = f"---\ntitle: A\n---\n\nSome text {flood} end.\n"
    md = configured_parser()
    stock = sanitize.neutralise_directives(sanitize._CLEANER.clean(md.render(document)))
    assert render_markdown(document)[1] == stock


@pytest.mark.parametrize("text", [
    json.dumps({"count": 2, "items": [{"url": "a", "html": "<p>x</p>"}, {"url": "b", "html": "<p>y</p>"}]}),
    json.dumps({"count": 2, "items": [{"url": "a", "html": "<p>x</p>"}, {"url": "b", "html": "<p>y</p>"}]}, indent=1),
    '[{"url": "a", "html": "<p>x</p>"},\n {"url": "b", "html": "<p>y</p>"}]'])
def test_exports_read_a_record_at_a_time_keep_every_shape_they_had(tmp_path, text):
    from quietpress.capture.jsonl import _records

    (tmp_path / "export.json").write_text(text, encoding="utf-8")
    assert [r["url"] for _, r in _records(tmp_path / "export.json", "export.json", lambda n: True)] == ["a", "b"]


def test_oversized_warc_records_are_passed_over_and_the_pages_after_them_import(tmp_path):
    import io

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    captures = tmp_path / "captures"
    captures.mkdir()
    with open(captures / "crawl.warc.gz", "wb") as stream:
        writer = WARCWriter(stream, gzip=True)
        pages = [("https://news.example.org/big/1", b"<p>" + b"x" * (33 << 20)), (GOOD.url, article_html(GOOD).encode()),
                 ("https://news.example.org/big/2", b"<p>" + b"y" * (33 << 20))]
        other = Page("Bridge reopens", "https://news.example.org/bridge", topic="ferry")
        pages.append((other.url, article_html(other).encode()))
        for url, body in pages:
            http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=http))
    result, articles = _imported(captures, tmp_path / "content")
    assert len(articles) == 2
    failures = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(failures) == 2 and all(line.endswith(": record larger than 32 MB: skipped") for line in failures), failures
