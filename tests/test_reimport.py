"""Importing again is safe: identical output, duplicates folded, edits kept, shards merge, kills recover."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

import quietpress.batch

from captures import ROOT, Page, article_html, articles, paragraphs, png, tree_digest, write_jsonl, write_saved_page, write_warc
from quietpress.merge import merge_parts
from quietpress.model import Status
from quietpress.pipeline import ImportOptions, run_import

BRIDGE = Page("Council approves the new bridge plan", "https://news.example.org/2024/05/bridge", topic="bridge")


def imported(src: Path, target: Path, **options):
    return run_import([src], ImportOptions(target=target, jobs=1, **options))


def statuses(summary) -> dict[str, Status]:
    return {o.source: o.status for o in summary.outcomes}


def front(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])


def mixed_folder(src: Path) -> None:
    """A folder with one capture of each kind and one article captured three times."""
    src.mkdir(parents=True, exist_ok=True)
    for topic in ("ferry", "library", "harbour"):
        page = Page(f"The {topic} reopens after repairs", f"https://news.example.org/2024/06/{topic}", topic=topic)
        (src / f"{topic}.html").write_text(article_html(page), encoding="utf-8")
    write_saved_page(src / "saved", "museum", Page("Museum wing opens", "https://news.example.org/museum", topic="museum"),
                     png((1, 2, 3)))
    write_warc(src / "crawl.warc.gz", [(BRIDGE, article_html(BRIDGE).encode("utf-8"), "utf-8")],
               {"https://cdn.example.org/x.jpg": png((9, 9, 9))}, dates={BRIDGE.url: "2024-05-09T00:00:00Z"})
    write_jsonl(src / "export.jsonl", [{"url": BRIDGE.url, "html": article_html(BRIDGE), "fetched_at": "2024-05-01T00:00:00Z"}])
    (src / "bridge-copy.html").write_text(article_html(BRIDGE), encoding="utf-8")


def test_second_import_leaves_content_byte_identical(tmp_path):
    src, content = tmp_path / "src", tmp_path / "content"
    mixed_folder(src)
    first = imported(src, content)
    before = tree_digest(content)
    second = imported(src, content)
    assert tree_digest(content) == before
    assert first.count(Status.IMPORTED) == 5 and first.count(Status.DUPLICATE) == 2
    assert second.count(Status.UNCHANGED) == 5 and second.count(Status.IMPORTED) == 0 and second.count(Status.UPDATED) == 0


def test_same_article_captured_three_times_is_one_article_from_the_newest_capture(tmp_path):
    src, content = tmp_path / "src", tmp_path / "content"
    mixed_folder(src)
    summary = imported(src, content)
    bridges = [p for p in articles(content) if "bridge" in p.name]
    assert len(bridges) == 1
    meta = front(bridges[0])
    assert meta["captured"] == "2024-05-09T00:00:00Z" and meta["capture"]["path"] == "crawl.warc.gz"
    # The page without a capture date counts as oldest; newest first.
    assert [c["path"] for c in meta["captures"]] == ["export.jsonl", "bridge-copy.html"]
    assert meta["captures"][0]["captured"] == "2024-05-01T00:00:00Z" and len(meta["captures"][1]["sha256"]) == 64
    assert statuses(summary)["bridge-copy.html"] is Status.DUPLICATE


def test_same_body_under_different_urls_is_one_article(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    mirror = Page(**{**BRIDGE.__dict__, "url": "https://mirror.example.net/bridge-story"})
    (src / "a.html").write_text(article_html(BRIDGE), encoding="utf-8")
    (src / "b.html").write_text(article_html(mirror), encoding="utf-8")
    summary = imported(src, tmp_path / "content")
    assert len(articles(tmp_path / "content")) == 1
    assert sorted(o.status.value for o in summary.outcomes) == ["duplicate", "imported"]


def test_import_order_does_not_matter_and_an_older_capture_never_replaces_a_newer(tmp_path):
    newer, older = tmp_path / "newer", tmp_path / "older"
    newer.mkdir(), older.mkdir()
    updated = [*paragraphs("bridge"), "Update: the vote was unanimous, the mayor said on Wednesday evening."]
    write_warc(newer / "crawl.warc", [(BRIDGE, article_html(BRIDGE, updated).encode("utf-8"), "utf-8")], {},
               dates={BRIDGE.url: "2024-05-09T00:00:00Z"}, gzipped=False, bookkeeping=False)
    write_jsonl(older / "export.jsonl", [{"url": BRIDGE.url, "html": article_html(BRIDGE), "fetched_at": "2024-05-01T00:00:00Z"}])
    both = tmp_path / "both"
    shutil.copytree(newer, both, dirs_exist_ok=True)
    shutil.copytree(older, both, dirs_exist_ok=True)
    together, new_first, old_first = tmp_path / "c1", tmp_path / "c2", tmp_path / "c3"
    imported(both, together)
    imported(newer, new_first)
    later = imported(older, new_first)
    imported(older, old_first)
    imported(newer, old_first)
    assert tree_digest(together) == tree_digest(new_first) == tree_digest(old_first)
    assert [o.status for o in later.outcomes] == [Status.DUPLICATE]
    text = articles(new_first)[0].read_text(encoding="utf-8")
    assert "the vote was unanimous" in text and "export.jsonl" in text


def test_edited_file_is_kept_and_overwritten_only_with_force(tmp_path):
    src, content = tmp_path / "src", tmp_path / "content"
    mixed_folder(src)
    imported(src, content)
    edited = articles(content)[0]
    edited.write_text(edited.read_text(encoding="utf-8") + "\nA note added by the archivist.\n", encoding="utf-8")
    kept = imported(src, content)
    relative = edited.relative_to(content).as_posix()
    assert [o.path for o in kept.outcomes if o.status is Status.KEPT] == [relative]
    assert "A note added by the archivist." in edited.read_text(encoding="utf-8")
    forced = imported(src, content, force=True)
    assert [o.path for o in forced.outcomes if o.status is Status.UPDATED] == [relative]
    assert "A note added by the archivist." not in edited.read_text(encoding="utf-8")


@pytest.mark.parametrize("split_bytes", [None, 1000], ids=["whole-files", "large-files-in-parts"])
def test_shards_merged_equal_one_unsharded_import(tmp_path, monkeypatch, split_bytes):
    if split_bytes:
        monkeypatch.setattr(quietpress.batch, "SPLIT_BYTES", split_bytes)
    src = tmp_path / "src"
    mixed_folder(src)
    for n in range(12):
        # Same title, different articles: the slug each gets must not depend on the shard.
        page = Page("Letters to the editor", f"https://news.example.org/letters/{n}", topic=f"letter {n}")
        (src / f"letters-{n:02d}.html").write_text(article_html(page), encoding="utf-8")
    whole = tmp_path / "whole"
    imported(src, whole)
    parts = [tmp_path / f"part{k}" for k in (1, 2, 3)]
    for k, part in enumerate(parts, 1):
        run_import([src], ImportOptions(target=part, jobs=1, shard=(k, 3)))
    assert all(articles(p) for p in parts)
    merged = tmp_path / "merged"
    summary = merge_parts(parts, merged)
    assert not summary.failed
    assert tree_digest(merged) == tree_digest(whole)
    merge_parts(list(reversed(parts)), tmp_path / "merged-reversed")
    assert tree_digest(tmp_path / "merged-reversed") == tree_digest(whole)


def _start(src: Path, content: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "quietpress", "import", str(src), "--into", str(content), "--quiet",
                             "--jobs", "2"], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)


def _kill_while_writing(src: Path, content: Path) -> int:
    """Start an import, SIGKILL it and its workers once it has written some articles; return how many."""
    process = _start(src, content)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and process.poll() is None:
        if (content / "articles").exists() and any((content / "articles").rglob("*.md")):
            break
        time.sleep(0.002)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    return len(articles(content))


def test_killed_import_leaves_whole_files_and_the_next_run_completes_it(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    total = 300
    for n in range(total):
        page = Page(f"Council notes number {n}", f"https://news.example.org/notes/{n}", topic=f"item {n}")
        (src / f"notes-{n:03d}.html").write_text(article_html(page, paragraphs(f"item {n}", 3)), encoding="utf-8")
    reference = tmp_path / "reference"
    assert subprocess.run([sys.executable, "-m", "quietpress", "import", str(src), "--into", str(reference), "--quiet"],
                          cwd=ROOT, capture_output=True).returncode == 0
    expected = tree_digest(reference)
    for attempt in range(5):
        content = tmp_path / f"content{attempt}"
        written = _kill_while_writing(src, content)
        if 0 < written < total:
            break
    else:
        pytest.fail("the import was never caught mid-write")
    # Every article on disk is whole: byte for byte what a complete run writes.
    for path in articles(content):
        relative = path.relative_to(content).as_posix()
        assert tree_digest(content)[relative] == expected[relative], relative
    rerun = subprocess.run([sys.executable, "-m", "quietpress", "import", str(src), "--into", str(content), "--quiet"],
                           cwd=ROOT, capture_output=True, text=True)
    assert rerun.returncode == 0, rerun.stderr
    assert tree_digest(content) == expected
    assert not list(content.rglob(".tmp-*"))


def test_capture_with_a_local_picture_and_one_with_only_its_url_are_one_article(tmp_path):
    src = tmp_path / "src"
    write_saved_page(src, "bridge", Page(**{**BRIDGE.__dict__, "url": "https://mirror.example.net/b"}), png((5, 5, 5)))
    remote = Page(**{**BRIDGE.__dict__, "image": "https://cdn.example.org/bridge.jpg"})
    write_warc(src / "crawl.warc", [(remote, article_html(remote).encode("utf-8"), "utf-8")], {},
               dates={BRIDGE.url: "2024-05-09T00:00:00Z"}, gzipped=False, bookkeeping=False)
    summary = imported(src, tmp_path / "content")
    assert sorted(o.status.value for o in summary.outcomes) == ["duplicate", "imported"]
    (article,) = articles(tmp_path / "content")
    assert front(article)["capture"]["path"] == "crawl.warc"


def test_a_file_that_cannot_be_written_fails_alone(tmp_path):
    src, content = tmp_path / "src", tmp_path / "content"
    src.mkdir()
    for topic in ("ferry", "library"):
        page = Page(f"The {topic} reopens after repairs", f"https://news.example.org/2024/06/{topic}", topic=topic)
        (src / f"{topic}.html").write_text(article_html(page), encoding="utf-8")
    # A folder where the ferry article's file must go: the write fails, the library is written.
    (content / "articles" / "2024" / "the-ferry-reopens-after-repairs.md").mkdir(parents=True)
    summary = imported(src, content)
    assert statuses(summary) == {"ferry.html": Status.FAILED, "library.html": Status.IMPORTED}
    assert "cannot write articles/2024/the-ferry-reopens-after-repairs.md" in summary.failed[0].reason
