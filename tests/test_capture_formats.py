"""Every capture format, built by the tests, imports to the expected articles and images."""

from __future__ import annotations

import hashlib
import json
from dataclasses import replace
from pathlib import Path

import pytest
import yaml

from captures import Page, article_html, articles, png, write_gzip, write_jsonl, write_saved_page, write_warc
from quietpress.capture import read_capture_file, sniff_format
from quietpress.model import CaptureKind, Status
from quietpress.pipeline import ImportOptions, run_import

BRIDGE = Page("Council approves the new bridge plan", "https://news.example.org/2024/05/bridge", topic="bridge")
MARKET = Page("Farmers market moves to the harbour", "https://news.example.org/2024/05/market", topic="market")
RED, BLUE = png((200, 20, 20)), png((20, 20, 200))


def imported(src: Path, target: Path, **options) -> tuple[dict[str, tuple[dict, str]], list]:
    """Import src into target; return {file name: (front matter, body)} and the outcomes."""
    summary = run_import([src], ImportOptions(target=target, jobs=1, **options))
    found = {}
    for path in articles(target):
        _, front, body = path.read_text(encoding="utf-8").split("---\n", 2)
        found[path.name] = (yaml.safe_load(front), body)
    return found, summary.outcomes


def images(target: Path) -> list[str]:
    return sorted(p.name for p in (target / "images").glob("*")) if (target / "images").exists() else []


def only(found: dict) -> tuple[dict, str]:
    assert len(found) == 1, list(found)
    return next(iter(found.values()))


def test_html_recognised_by_content_whatever_its_name(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    (src / "saved-story").write_text(article_html(BRIDGE), encoding="utf-8")
    write_gzip(src / "market.bin", article_html(MARKET).encode("utf-8"))
    found, outcomes = imported(src, tmp_path / "content")
    assert sorted(found) == ["council-approves-the-new-bridge-plan.md", "farmers-market-moves-to-the-harbour.md"]
    assert all(o.status is Status.IMPORTED for o in outcomes)
    front, body = found["farmers-market-moves-to-the-harbour.md"]
    assert front["capture"] == {"path": "market.bin"}
    # The hash is of the file as read from disk, compressed bytes and all.
    assert front["capture_sha256"] == hashlib.sha256((src / "market.bin").read_bytes()).hexdigest()
    assert "Paragraph 5 about the market" in body


def test_gzipped_html_and_plain_text_are_read(tmp_path):
    src = tmp_path / "src"
    (src / "deep" / "er").mkdir(parents=True)
    write_gzip(src / "deep" / "story.html.gz", article_html(BRIDGE).encode("utf-8"))
    text = "\n\n".join([MARKET.title, "By Ana Ruiz", "May 3, 2024", *[p for p in __import__("captures").paragraphs("market")]])
    (src / "deep" / "er" / "dump.txt").write_text(text, encoding="utf-8")
    found, outcomes = imported(src, tmp_path / "content")
    assert [o.status for o in outcomes] == [Status.IMPORTED, Status.IMPORTED]
    sources = sorted(front["capture"]["path"] for front, _ in found.values())
    assert sources == ["deep/er/dump.txt", "deep/story.html.gz"]


def test_warc_pages_are_articles_with_record_provenance_and_image_assets(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    photo_url = "https://cdn.example.org/img/bridge.jpg"
    bridge = Page(**{**BRIDGE.__dict__, "image": photo_url})
    latin = article_html(MARKET).replace("schools.", "écoles.").replace('<meta charset="utf-8">', "")
    ids = write_warc(src / "crawl.warc.gz", [(bridge, article_html(bridge).encode("utf-8"), "utf-8"),
                                             (MARKET, latin.encode("iso-8859-1"), "iso-8859-1")],
                     {photo_url: RED}, dates={BRIDGE.url: "2024-05-04T08:00:00Z", MARKET.url: "2024-05-05T09:30:00Z"})
    found, outcomes = imported(src, tmp_path / "content")
    assert [o.status for o in outcomes] == [Status.IMPORTED, Status.IMPORTED]
    front, body = found["council-approves-the-new-bridge-plan.md"]
    assert front["source_url"] == BRIDGE.url
    assert front["captured"] == "2024-05-04T08:00:00Z"
    assert front["capture"] == {"path": "crawl.warc.gz", "record_id": ids[BRIDGE.url]}
    red_name = hashlib.sha256(RED).hexdigest() + ".png"
    assert f"](../../images/{red_name})" in body and photo_url not in body
    assert images(tmp_path / "content") == [red_name]
    market_front, market_body = found["farmers-market-moves-to-the-harbour.md"]
    # The charset came from the HTTP header of the record: the page itself declares none.
    assert "town's 7 écoles." in market_body
    assert market_front["capture_sha256"] == hashlib.sha256(latin.encode("iso-8859-1")).hexdigest()


def test_uncompressed_warc_and_its_bookkeeping_records_yield_pages_only(tmp_path):
    path = tmp_path / "crawl.warc"
    write_warc(path, [(BRIDGE, article_html(BRIDGE).encode("utf-8"), None)], {}, gzipped=False)
    assert sniff_format(path.read_bytes()[:4096], "crawl.warc") == "warc"
    captures = list(read_capture_file(tmp_path, path))
    assert len(captures) == 1 and captures[0].kind is CaptureKind.HTML
    assert captures[0].source.startswith("crawl.warc#urn:uuid:")


def test_truncated_warc_yields_the_records_before_the_damage_and_one_error(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    path = src / "cut.warc.gz"
    write_warc(path, [(BRIDGE, article_html(BRIDGE).encode("utf-8"), "utf-8"),
                      (MARKET, article_html(MARKET).encode("utf-8"), "utf-8")], {}, bookkeeping=False)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) - 300])
    found, outcomes = imported(src, tmp_path / "content")
    assert list(found) == ["council-approves-the-new-bridge-plan.md"]
    failed = [o for o in outcomes if o.status is Status.FAILED]
    assert len(failed) == 1 and failed[0].source == "cut.warc.gz"
    assert "truncated WARC" in failed[0].reason


def test_jsonl_export_records_are_articles_with_fetch_time_and_record_ids(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    write_jsonl(src / "export.jsonl", [
        {"id": "a1", "url": BRIDGE.url, "html": article_html(BRIDGE), "title": BRIDGE.title, "fetched_at": "2024-05-06T07:00:00Z"},
        {"id": "a2", "url": MARKET.url, "text": "\n\n".join(__import__("captures").paragraphs("market")),
         "title": MARKET.title, "fetched_at": 1715000000},
    ])
    (src / "export.jsonl").open("a").write("{not json\n")
    found, outcomes = imported(src, tmp_path / "content")
    front, _ = found["council-approves-the-new-bridge-plan.md"]
    assert front["capture"] == {"path": "export.jsonl", "record_id": "a1"}
    assert front["captured"] == "2024-05-06T07:00:00Z"
    text_front, text_body = found["farmers-market-moves-to-the-harbour.md"]
    assert text_front["captured"] == "2024-05-06T12:53:20Z"
    assert text_front["source_url"] == MARKET.url
    assert "Paragraph 3 about the market" in text_body
    failed = [o for o in outcomes if o.status is Status.FAILED]
    assert [o.source for o in failed] == ["export.jsonl#3"] and "not JSON" in failed[0].reason


def test_json_export_with_configured_field_names(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    records = {"items": [{"link": BRIDGE.url, "page": article_html(BRIDGE), "crawl": "2024-05-07"}]}
    (src / "scrape.json").write_text(json.dumps(records, indent=2), encoding="utf-8")
    found, outcomes = imported(src, tmp_path / "content", fields={"html": "page", "captured": "crawl", "url": "link"})
    front, body = only(found)
    assert front["captured"] == "2024-05-07"
    assert front["capture"] == {"path": "scrape.json", "record_id": "1"}
    assert "Paragraph 4 about the bridge" in body


def test_json_export_without_the_named_field_fails_naming_the_option(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    write_jsonl(src / "export.jsonl", [{"link": BRIDGE.url, "page": article_html(BRIDGE)}])
    found, outcomes = imported(src, tmp_path / "content")
    assert found == {}
    assert outcomes[0].status is Status.FAILED and "--field html=NAME" in outcomes[0].reason


def test_saved_page_folder_images_are_stored_and_the_folder_is_not_a_capture(tmp_path):
    src = tmp_path / "src"
    write_saved_page(src, "Bridge story", BRIDGE, RED)
    found, outcomes = imported(src, tmp_path / "content")
    assert [o.source for o in outcomes] == ["Bridge story.html"]
    _, body = only(found)
    red_name = hashlib.sha256(RED).hexdigest() + ".png"
    assert f"](../../images/{red_name})" in body
    assert images(tmp_path / "content") == [red_name]


def test_the_address_and_moment_a_saving_tool_wrote_at_the_top_are_the_captures(tmp_path):
    # Neither page names its own address: a browser's "saved from" comment, and SingleFile's.
    src = tmp_path / "src"
    src.mkdir()
    bridge, market = (replace(page, canonical=False) for page in (BRIDGE, MARKET))
    (src / "browser.html").write_text(article_html(bridge).replace(
        "<!DOCTYPE html>\n", f"<!DOCTYPE html>\n<!-- saved from url=({len(BRIDGE.url):04d}){BRIDGE.url} -->\n", 1))
    (src / "singlefile.html").write_text(article_html(market).replace(
        '<html lang="en">', f'<html lang="en"><!--\n Page saved with SingleFile \n url: {MARKET.url} \n'
        " saved date: Fri May 03 2024 14:05:09 GMT+0200 (Central European Summer Time)\n-->", 1))
    found, _ = imported(src, tmp_path / "content")
    fronts = {front["title"]: front for front, _ in found.values()}
    assert fronts[BRIDGE.title]["source_url"] == BRIDGE.url and "captured" not in fronts[BRIDGE.title]
    assert fronts[MARKET.title]["source_url"] == MARKET.url
    assert fronts[MARKET.title]["captured"] == "2024-05-03T14:05:09+02:00"


@pytest.mark.parametrize("base, resolved", [
    ("https://static.example.org/2024/", "https://static.example.org/2024/"),
    ("/archive/2024/", "https://news.example.org/archive/2024/"),
    ("javascript:alert(1)//", "https://news.example.org/2024/05/"),  # no base: the page's own address
])
def test_relative_links_and_pictures_resolve_against_the_pages_base(tmp_path, base, resolved):
    src = tmp_path / "src"
    src.mkdir()
    html = article_html(replace(BRIDGE, image="img/bridge.jpg"))
    html = html.replace("<title>", f'<base href="{base}"><title>', 1).replace(
        "</article>", '<p>See the <a href="plan.html">full plan</a> of the works.</p></article>', 1)
    (src / "bridge.html").write_text(html, encoding="utf-8")
    _, body = only(imported(src, tmp_path / "content")[0])
    assert f"]({resolved}img/bridge.jpg)" in body and f"[full plan]({resolved}plan.html)" in body


def test_data_uri_images_are_stored_by_hash_and_typed_by_their_bytes(tmp_path):
    import base64

    src = tmp_path / "src"
    src.mkdir()
    # Declared as JPEG, but the bytes are a PNG: the stored file is typed by its bytes.
    uri = "data:image/jpeg;base64," + base64.b64encode(BLUE).decode("ascii")
    (src / "single.html").write_text(article_html(Page(**{**BRIDGE.__dict__, "image": uri})), encoding="utf-8")
    found, _ = imported(src, tmp_path / "content")
    _, body = only(found)
    blue_name = hashlib.sha256(BLUE).hexdigest() + ".png"
    assert f"](../../images/{blue_name})" in body and "data:" not in body
    assert images(tmp_path / "content") == [blue_name]


def test_one_image_used_by_two_articles_is_stored_once(tmp_path):
    src = tmp_path / "src"
    write_saved_page(src / "a", "bridge", BRIDGE, RED)
    write_saved_page(src / "b", "market", MARKET, RED)
    found, _ = imported(src, tmp_path / "content")
    assert len(found) == 2
    assert images(tmp_path / "content") == [hashlib.sha256(RED).hexdigest() + ".png"]


def test_remote_only_image_keeps_url_alt_caption_and_credit(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    remote = "https://cdn.example.org/img/elsewhere.jpg"
    (src / "page.html").write_text(article_html(Page(**{**BRIDGE.__dict__, "image": remote})), encoding="utf-8")
    found, _ = imported(src, tmp_path / "content")
    _, body = only(found)
    figure = body.split("::: figure", 1)[1].split(":::", 1)[0]
    assert f"![A view of the bridge]({remote})" in figure
    assert "The old bridge at dusk." in figure and "Credit: Lee Park" in figure
    assert images(tmp_path / "content") == []


def test_pictures_beside_captures_are_ignored_and_binary_junk_fails(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    (src / "page.html").write_text(article_html(BRIDGE), encoding="utf-8")
    (src / "loose.jpg").write_bytes(RED)
    (src / "junk.bin").write_bytes(bytes(range(256)) * 4)
    found, outcomes = imported(src, tmp_path / "content")
    assert len(found) == 1
    assert [(o.source, o.status) for o in outcomes] == [("junk.bin", Status.FAILED), ("page.html", Status.IMPORTED)]


def test_gzipped_json_lines_are_streamed_and_a_cut_end_is_one_error(tmp_path):
    import gzip as gzip_module

    lines = [json.dumps({"id": f"r{n}", "url": f"https://x.example/{n}", "text": f"Story {n}.\n\n" + "\n\n".join(
        __import__("captures").paragraphs(f"topic {n}"))}) + "\n" for n in range(3)]
    data = gzip_module.compress("".join(lines).encode("utf-8"), mtime=0)
    path = tmp_path / "export.jsonl.gz"
    path.write_bytes(data[:-4])  # the gzip trailer is cut: every record is there, the end is not
    items = list(read_capture_file(tmp_path, path))
    assert [getattr(i, "record_id", None) for i in items[:3]] == ["r0", "r1", "r2"]
    assert len(items) == 4 and "gzip" in str(items[3])


def test_json_lines_with_a_damaged_first_line_still_yield_the_others(tmp_path):
    path = tmp_path / "export.jsonl"
    write_jsonl(path, [{"url": BRIDGE.url, "html": article_html(BRIDGE)}, {"url": MARKET.url, "html": article_html(MARKET)}])
    path.write_text('{"url": "broken\n' + path.read_text(encoding="utf-8"), encoding="utf-8")
    items = list(read_capture_file(tmp_path, path))
    assert "line 1 is not JSON" in str(items[0])
    assert [i.record_id for i in items[1:]] == ["2", "3"]
