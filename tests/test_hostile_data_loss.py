"""Hostile captures must not lose or destroy good data: every record is its own unit, one bad
character is removed rather than fatal, and what a person wrote in `content/` is never replaced."""

from __future__ import annotations

import json
import os
from pathlib import Path

import yaml

from build import ROOT, run_import, run_pelican
from captures import Page, article_html, write_jsonl
from safety import findings_in_feed


def _front(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])


def _articles(content: Path) -> list[Path]:
    return sorted((content / "articles").rglob("*.md"))


# --- one bad record ----------------------------------------------------------------------------
def test_lone_surrogates_in_a_record_lose_neither_it_nor_its_neighbours(tmp_path):
    captures, content = tmp_path / "captures", tmp_path / "content"
    captures.mkdir()
    good = [article_html(Page(f"Story {i} of the day", f"https://news.example.org/{i}", topic=f"topic{i}"))
            for i in range(4)]
    lines = [json.dumps({"url": "https://news.example.org/0", "html": good[0]}),
             # JSON escapes of lone surrogates, as a broken scraper writes them.
             json.dumps({"url": "https://news.example.org/1", "html": good[1]}).replace("Paragraph 2", "Paragraph \\ud800 2"),
             json.dumps({"url": "https://news.example.org/2\\udc80", "html": good[2], "fetched_at": "2024-05-03\\ud800"}),
             json.dumps({"url": "https://news.example.org/3", "html": good[3]})]
    (captures / "records.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    imported = run_import([captures], content)
    assert imported.returncode == 0, imported.stderr
    assert "4 imported" in imported.stdout and "Traceback" not in imported.stderr
    manifest = json.loads((content / ".quietpress-manifest.json").read_text(encoding="utf-8"))
    assert len(manifest["files"]) == 4
    assert any("Paragraph \ufffd 2" in p.read_text(encoding="utf-8") for p in _articles(content))
    again = run_import([captures], content)
    assert again.returncode == 0 and "4 unchanged" in again.stdout, again.stdout + again.stderr


def test_a_record_that_cannot_be_read_is_one_line_and_the_others_import(tmp_path):
    captures, content = tmp_path / "captures", tmp_path / "content"
    captures.mkdir()
    page = article_html(Page("Story of the day", "https://news.example.org/a"))
    write_jsonl(captures / "records.jsonl", [{"url": "https://news.example.org/a", "html": page},
                                             {"url": ["not", "text"], "html": {"a": 1}}, [1, 2]])
    imported = run_import([captures], content)
    assert "1 imported" in imported.stdout and "Traceback" not in imported.stderr
    assert len([line for line in imported.stderr.splitlines() if line.strip()]) == 2, imported.stderr


# --- one character -----------------------------------------------------------------------------
def test_noncharacters_are_removed_and_never_drop_an_article_or_break_a_feed(tmp_path):
    captures, content = tmp_path / "captures", tmp_path / "content"
    captures.mkdir()
    page = Page("Harbour\uffff plan\ufffe approved\ufdd0", "https://news.example.org/harbour", author="Ana\uffff Ruiz")
    html = article_html(page).replace("Paragraph 3", "Paragraph\uffff 3").replace("Paragraph 4", "Paragraph\U0010ffff 4")
    (captures / "page.html").write_text(html, encoding="utf-8")
    imported = run_import([captures], content)
    assert imported.returncode == 0, imported.stderr
    (path,) = _articles(content)
    text = path.read_text(encoding="utf-8")
    assert not set(text) & {"\uffff", "\ufffe", "\ufdd0", "\U0010ffff"}
    assert _front(path)["title"] == "Harbour plan approved" and "Paragraph 3 about" in text
    env = {**os.environ, "SITEURL": "https://archive.example/news"}
    os.environ["SITEURL"], saved = env["SITEURL"], os.environ.get("SITEURL")
    try:
        built = run_pelican(content, tmp_path / "published", ROOT / "publishconf.py")
    finally:
        os.environ.pop("SITEURL") if saved is None else os.environ.__setitem__("SITEURL", saved)
    assert built.returncode == 0, built.stderr
    feeds = sorted((tmp_path / "published").rglob("*.atom.xml"))
    assert feeds and [f for feed in feeds for f in findings_in_feed(feed)] == []
