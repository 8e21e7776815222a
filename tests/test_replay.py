"""Pages saved from a web archive's replay (the Wayback Machine and archives like it): the article's
original address, the moment of capture, the archive's copy as provenance, and no banner."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from captures import articles
from quietpress.extract.replay import replay_of, without_banner
from quietpress.pipeline import ImportOptions, run_import

ARCHIVE = "https://web.archive.org/web"
STORY = "https://www.harbourledger.com/news/2019/03/breakwater-repairs-approved"
PARAGRAPHS = (
    "The harbour board met on Tuesday evening to hear the engineers' report on the breakwater, which storms "
    "in February left cracked along half its length. The board approved the repairs without a vote against.",
    "The repairs will cost 4.2 million, half of it paid by the port authority and half by the town, which "
    "will borrow its share over twenty years at the rate the board agreed last autumn.",
)


def replayed_page(stamp: str, url: str, site: str, title: str, banner_hidden: bool = True,
                  paragraphs: tuple[str, ...] = PARAGRAPHS) -> str:
    """A page as the Wayback Machine serves it: its links rewritten to the archive, its banner inserted."""
    def archived(address: str, modifier: str = "") -> str:
        return f"{ARCHIVE}/{stamp}{modifier}/{address}"

    host = url.split("/")[2]
    hidden = ' style="display:none;direction:ltr;"' if banner_hidden else ""
    body = "".join(f"<p>{text}</p>" for text in paragraphs)
    return f"""<!DOCTYPE html><html lang="en"><head>
<script src="//archive.org/includes/athena.js"></script>
<script>__wm.wombat("{url}","{stamp}","https://web.archive.org/","web");</script>
<!-- End Wayback Rewrite JS Include -->
<title>{title} | {site}</title>
<link rel="canonical" href="{archived(url)}">
<meta property="og:url" content="{archived(url)}">
<meta property="og:site_name" content="{site}">
</head><body>
<!-- BEGIN WAYBACK TOOLBAR INSERT -->
<div id="wm-ipp-base" lang="en"{hidden}><div id="wm-ipp"><a href="/web/">Wayback Machine</a>
<div id="wm-capinfo">12 captures, 15 Mar 2019 - 02 Jun 2023</div></div></div>
<div id="wm-ipp-print">The Wayback Machine - {archived(url)}</div>
<!-- END WAYBACK TOOLBAR INSERT -->
<header><a href="/web/{stamp}/https://{host}/">{site}</a></header>
<main><article><h1>{title}</h1>
<figure><img src="/web/{stamp}im_/https://{host}/img/lead.jpg" alt="The breakwater"><figcaption>The breakwater.</figcaption></figure>
{body}<p>Read the <a href="/web/{stamp}/https://{host}/news/2019/02/storm-damage">storm report</a> of February.</p>
</article></main></body></html>
<!-- FILE ARCHIVED ON 12:00:00 Mar 15, 2019 AND RETRIEVED FROM THE INTERNET ARCHIVE ON 10:00:00 Dec 01, 2026. -->
"""


@pytest.mark.parametrize("address, original, captured", [
    (f"{ARCHIVE}/20190315120000/{STORY}", STORY, "2019-03-15T12:00:00Z"),
    (f"{ARCHIVE}/20190315120000im_/http:/example.org/a.jpg", "http://example.org/a.jpg", "2019-03-15T12:00:00Z"),
    ("https://arquivo.pt/wayback/20120101093000/http://example.pt/a?b=1", "http://example.pt/a?b=1", "2012-01-01T09:30:00Z"),
    ("https://webarchive.example.gov/ukgwa/20200101/https://www.example.gov/x", "https://www.example.gov/x", "2020-01-01"),
])
def test_a_replay_address_gives_the_original_address_and_the_moment_of_capture(address, original, captured):
    replay = replay_of(address)
    assert (replay.original, replay.captured, replay.address) == (original, captured, address)


@pytest.mark.parametrize("address", [
    STORY, "https://www.example.com/2019/03/15/story", f"{ARCHIVE}/20191345120000/{STORY}",
    "https://example.com/web/20190315/not-an-address", None, "",
])
def test_other_addresses_are_not_replays(address):
    assert replay_of(address) is None


def test_the_banner_is_cut_out_and_a_page_without_one_is_left_alone():
    page = replayed_page("20190315120000", STORY, "The Harbour Ledger", "Breakwater repairs approved")
    assert "Wayback Machine" not in without_banner(page) and "<header>" in without_banner(page)
    plain = "<html><body><p>WAYBACK TOOLBAR INSERT, said no comment.</p></body></html>"
    assert without_banner(plain) == plain
    # A banner opened and never closed cuts nothing (make bench-hostile's banner_starts times 40,000 of them).
    unclosed = "<p>Story</p>" + "<!-- BEGIN WAYBACK TOOLBAR INSERT -->" * 3 + "<p>More</p>"
    assert without_banner(unclosed) == unclosed


def front_matters(target: Path) -> dict[str, dict]:
    found = {}
    for path in articles(target):
        _, front, body = path.read_text(encoding="utf-8").split("---\n", 2)
        found[path.name] = yaml.safe_load(front) | {"body": body}
    return found


def test_archived_captures_are_their_sites_articles_and_two_moments_of_one_story_are_one_article(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    title = "Breakwater repairs approved"
    (src / "early.html").write_text(replayed_page("20190315120000", STORY, "The Harbour Ledger", title), encoding="utf-8")
    (src / "late.html").write_text(replayed_page("20200102083000", STORY, "The Harbour Ledger", title,
                                                 banner_hidden=False), encoding="utf-8")
    other = "https://www.valleytimes.example/2019/05/ferry-timetable"
    ferry_text = tuple(text.replace("breakwater", "ferry pier").replace("harbour board", "ferry company")
                       for text in PARAGRAPHS)
    (src / "other.html").write_text(replayed_page("20190601000000", other, "Valley Times", "Ferry timetable changes",
                                                  paragraphs=ferry_text), encoding="utf-8")
    run_import([src], ImportOptions(target=tmp_path / "content", jobs=1))
    found = front_matters(tmp_path / "content")
    assert len(found) == 2, list(found)
    story = next(front for front in found.values() if front["title"] == title)
    assert story["source_url"] == STORY and story["site"] == "The Harbour Ledger"
    assert story["captured"] == "2020-01-02T08:30:00Z"
    assert story["capture"] == {"path": "late.html", "url": f"{ARCHIVE}/20200102083000/{STORY}"}
    assert [(c["path"], c["captured"], c["url"]) for c in story["captures"]] == \
        [("early.html", "2019-03-15T12:00:00Z", f"{ARCHIVE}/20190315120000/{STORY}")]
    # Its links lead to the archive's copies, read from the capture's own moment; no banner text.
    assert f"({ARCHIVE}/20200102083000/https://www.harbourledger.com/news/2019/02/storm-damage)" in story["body"]
    assert f"{ARCHIVE}/20200102083000im_/https://www.harbourledger.com/img/lead.jpg" in story["body"]
    assert "Wayback" not in story["body"] and "captures" not in story["body"]
    assert not str(story.get("date", "")).startswith(("2019-03-15", "2020-01-02"))  # a capture's moment is no publication date
    ferry = next(front for front in found.values() if front["title"] == "Ferry timetable changes")
    assert ferry["source_url"] == other and ferry["site"] == "Valley Times"
