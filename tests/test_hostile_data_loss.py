"""Hostile captures must not lose or destroy good data: every record is its own unit, one bad
character is removed rather than fatal, and what a person wrote in `content/` is never replaced."""

from __future__ import annotations

import errno
import hashlib
import json
import os
import re
import subprocess
import sys
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


# --- what a person wrote -----------------------------------------------------------------------
HAND_WRITTEN = "---\ntitle: Harbour plan approved\ndate: 2024-05-03\n---\n\nWritten by hand, never imported.\n"


def test_a_capture_titled_like_a_hand_written_article_gets_another_name_and_the_build_goes_on(tmp_path):
    captures, content = tmp_path / "captures", tmp_path / "content"
    captures.mkdir()
    (content / "articles" / "mine").mkdir(parents=True)
    (content / "articles" / "mine" / "harbour-plan-approved.md").write_text(HAND_WRITTEN, encoding="utf-8")
    (content / "articles" / "2024").mkdir()
    (content / "articles" / "2024" / "bridge-reopens.md").write_text(HAND_WRITTEN.replace("Harbour plan approved", "Bridge reopens"))
    (captures / "a.html").write_text(article_html(Page("Harbour plan approved", "https://news.example.org/h")))
    (captures / "b.html").write_text(article_html(Page("Bridge reopens", "https://news.example.org/b", topic="ferry")))
    for force in ((), ("--force",)):
        imported = run_import([captures], content, *force)
        assert imported.returncode == 0, imported.stderr
        assert (content / "articles" / "mine" / "harbour-plan-approved.md").read_text() == HAND_WRITTEN
        assert "Written by hand" in (content / "articles" / "2024" / "bridge-reopens.md").read_text()
    names = sorted(p.name for p in _articles(content))
    assert len(names) == 4 and names.count("harbour-plan-approved.md") == 1 and names.count("bridge-reopens.md") == 1
    built = run_pelican(content, tmp_path / "output")
    assert built.returncode == 0, built.stderr
    assert len(list((tmp_path / "output" / "articles").rglob("*.html"))) == 4


def test_import_force_never_replaces_a_file_it_did_not_write(tmp_path):
    captures, content = tmp_path / "captures", tmp_path / "content"
    captures.mkdir()
    (captures / "a.html").write_text(article_html(Page("Harbour plan approved", "https://news.example.org/h")))
    assert run_import([captures], content).returncode == 0
    (path,) = _articles(content)
    (content / ".quietpress-manifest.json").unlink()  # as if the file had been put there by hand
    path.write_text(HAND_WRITTEN, encoding="utf-8")
    imported = run_import([captures], content, "--force")
    assert path.read_text(encoding="utf-8") == HAND_WRITTEN
    assert imported.returncode == 0 and len(_articles(content)) == 2


# --- one import at a time ----------------------------------------------------------------------
def test_a_second_import_into_a_folder_being_written_stops_with_one_line(tmp_path):
    import fcntl

    captures, content = tmp_path / "captures", tmp_path / "content"
    captures.mkdir()
    content.mkdir()
    (captures / "a.html").write_text(article_html(Page("Harbour plan approved", "https://news.example.org/h")))
    with open(content / ".quietpress-lock", "a+b") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        imported = run_import([captures], content)
    assert imported.returncode == 2
    assert imported.stderr.strip() == (f"quietpress: {content}: another import or merge is writing into this folder: "
                                       "nothing done; run again when it has finished")
    assert not (content / "articles").exists()
    assert run_import([captures], content).returncode == 0


def test_two_imports_at_once_lose_nothing(tmp_path):
    captures, content = tmp_path / "captures", tmp_path / "content"
    for side in ("one", "two"):
        folder = captures / side
        folder.mkdir(parents=True)
        for i in range(60):
            page = Page(f"Story {i} of the day", f"https://news.example.org/{side}/{i}", topic=f"{side} topic {i}")
            (folder / f"{i}.html").write_text(article_html(page), encoding="utf-8")
    command = [sys.executable, "-m", "quietpress", "import", "--into", str(content), "--quiet", "--jobs", "1"]
    runs = [subprocess.Popen([*command[:4], str(captures / side), *command[4:]], cwd=ROOT, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True) for side in ("one", "two")]
    results = [(run.wait(timeout=300), run.stdout.read(), run.stderr.read()) for run in runs]
    for status, out, err in results:
        assert status == 0 and "60 imported" in out or status == 2 and "another import or merge" in err, (out, err)
    manifest = json.loads((content / ".quietpress-manifest.json").read_text(encoding="utf-8"))["files"]
    on_disk = {p.relative_to(content).as_posix() for p in _articles(content)}
    assert set(manifest) == on_disk
    assert len(on_disk) == 60 * sum(1 for status, _, _ in results if status == 0)


# --- a full disk -------------------------------------------------------------------------------
def test_a_full_disk_gives_one_line_a_consistent_manifest_and_no_temporary_files(tmp_path, monkeypatch, capsys):
    from quietpress import cli, write

    captures, content = tmp_path / "captures", tmp_path / "content"
    captures.mkdir()
    for i in range(30):
        page = Page(f"Story {i} of the day", f"https://news.example.org/{i}", topic=f"topic {i}")
        (captures / f"{i}.html").write_text(article_html(page), encoding="utf-8")
    written = {"files": 0}
    real_fill = write._fill

    def fill_until_full(stream, data):
        # Every process (the workers are forked) writes five files, then the disk is full.
        written["files"] += 1
        if written["files"] > 5:
            stream.write(data[: len(data) // 2])
            raise OSError(errno.ENOSPC, "No space left on device")
        real_fill(stream, data)

    monkeypatch.setattr(write, "_fill", fill_until_full)
    status = cli.main(["import", str(captures), "--into", str(content), "--quiet", "--jobs", "2"])
    out, err = capsys.readouterr()
    assert status == 1
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) <= 2 and re.fullmatch(r"  \d+ captures failed: no space left on the device: not written \(free "
                                            r"some space and run the same command again\) \(first: \d+\.html\)", lines[-1]), err
    assert lines[:-1] in ([], ["  .quietpress-manifest.json: cannot save the manifest (No space left on device): "
                               "the next import records the files written by this one"]), err
    assert "Traceback" not in out + err
    assert not list(content.rglob(".tmp-*"))
    monkeypatch.setattr(write, "_fill", real_fill)
    manifest_path = content / ".quietpress-manifest.json"
    if manifest_path.exists():
        for relative, record in json.loads(manifest_path.read_text(encoding="utf-8"))["files"].items():
            assert hashlib.sha256((content / relative).read_bytes()).hexdigest() == record["sha256"]
    assert cli.main(["import", str(captures), "--into", str(content), "--quiet"]) == 0
    assert len(_articles(content)) == 30
