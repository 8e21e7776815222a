"""Batch mechanics: shards, duplicate grouping, identities, failures that never stop a batch."""

from __future__ import annotations

from captures import Page, article_html, write_jsonl, write_warc
import quietpress.batch
from quietpress.batch import capture_tasks, in_shard, prepare_all
from quietpress.dedupe import CaptureRef, article_identities, canonical_url, group_by_identity, merge_refs
from quietpress.model import Outcome, Status
from quietpress.pipeline import ImportOptions, Prepared


def test_shards_partition_the_captures_deterministically():
    paths = [f"folder/{n}.html" for n in range(500)]
    parts = [{p for p in paths if in_shard(p, (k, 4))} for k in range(1, 5)]
    assert set().union(*parts) == set(paths)
    assert sum(len(p) for p in parts) == len(paths)
    assert all(60 < len(p) < 190 for p in parts)
    assert parts[0] == {p for p in paths if in_shard(p, (1, 4))}


def test_shard_tasks_depend_on_paths_relative_to_the_import_root(tmp_path):
    for root in (tmp_path / "a", tmp_path / "b"):
        (root / "x").mkdir(parents=True)
        for n in range(20):
            (root / "x" / f"{n}.html").write_text("<p>x</p>")
    names = [[t.path.name for t in capture_tasks([root], (1, 3))] for root in (tmp_path / "a", tmp_path / "b")]
    assert names[0] == names[1] and 0 < len(names[0]) < 20


def test_groups_join_through_any_shared_identity_transitively():
    items = ["a", "b", "c", "d"]
    keys = [("url:1",), ("url:1", "body:2"), ("body:2",), ("url:9",)]
    assert sorted(sorted(g) for g in group_by_identity(items, keys)) == [["a", "b", "c"], ["d"]]


def test_canonical_url_ignores_scheme_www_fragment_and_trailing_slash():
    assert canonical_url("https://www.example.org/a/#top") == canonical_url("http://example.org/a")


LONG = " ".join(f"word{n}" for n in range(60))


def test_body_identity_ignores_markup_case_and_addresses():
    assert article_identities(None, f"**Hello**, world! {LONG}")[0] == article_identities(None, f"hello world {LONG}")[0]
    local = f"{LONG}.\n\n![A bridge](../../images/ab12.png)\n\nSee [the plan](https://x.example/p_(1))."
    remote = f"{LONG}.\n\n![A bridge](https://cdn.example/b.jpg)\n\nSee [the plan](/p)."
    assert article_identities(None, local) == article_identities(None, remote)
    assert article_identities("https://x.example/a", LONG)[1] == "url:x.example/a"


def test_a_short_body_shared_by_different_pages_does_not_make_them_one_article():
    teaser = "This article is for subscribers only. Log in to read it."
    first, second = article_identities("https://x.example/a", teaser), article_identities("https://x.example/b", teaser)
    assert not set(first) & set(second)
    assert article_identities(None, teaser) == article_identities(None, teaser)


def test_a_home_page_canonical_url_is_not_an_article_identity():
    assert [k for k in article_identities("https://www.example.org/", LONG) if k.startswith("url:")] == []


def test_capture_refs_newest_first_and_undated_last():
    undated = CaptureRef("a.html", "1" * 64)
    old = CaptureRef("b.jsonl", "2" * 64, "1", "2024-01-01")
    new = CaptureRef("c.warc", "3" * 64, "x", "2024-02-01T00:00:00Z")
    assert merge_refs([old, undated, new, old]) == [new, old, undated]
    assert CaptureRef.from_item(new.as_item()) == new


def test_one_bad_capture_never_stops_the_batch_and_results_are_sorted(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    for name in ("b.html", "d.html"):
        (src / name).write_text(article_html(Page(f"Story {name}", f"https://x.example/{name}")), encoding="utf-8")
    (src / "a.html").write_bytes(b"\x1f\x8b\x08\x00broken")
    (src / "c.html").write_bytes(b"\x00\x01\x02binary")
    for jobs in (1, 2):
        results = prepare_all([src], ImportOptions(target=tmp_path / "content", jobs=jobs))
        assert [r.source for r in results] == ["a.html", "b.html", "c.html", "d.html"]
        assert [type(r) for r in results] == [Outcome, Prepared, Outcome, Prepared]
        assert all(r.status is Status.FAILED and r.reason for r in results if isinstance(r, Outcome))


def test_content_folder_inside_the_source_is_not_read_back_as_captures(tmp_path):
    (tmp_path / "page.html").write_text(article_html(Page("A story", "https://x.example/a")), encoding="utf-8")
    (tmp_path / "content" / "articles").mkdir(parents=True)
    (tmp_path / "content" / "articles" / "a-story.md").write_text("---\ntitle: A story\n---\n\nText.\n")
    tasks = capture_tasks([tmp_path], None, tmp_path / "content")
    assert [t.path.name for t in tasks] == ["page.html"]


def test_large_multi_record_files_are_shared_out_in_parts_that_together_are_the_whole(tmp_path, monkeypatch):
    src = tmp_path / "src"
    src.mkdir()
    pages = [Page(f"Story number {n}", f"https://x.example/{n}", topic=f"topic {n}") for n in range(7)]
    write_warc(src / "crawl.warc.gz", [(p, article_html(p).encode("utf-8"), "utf-8") for p in pages[:4]], {})
    write_jsonl(src / "export.jsonl", [{"url": p.url, "html": article_html(p)} for p in pages[4:]])
    (src / "single.html").write_text(article_html(pages[0]), encoding="utf-8")
    whole = prepare_all([src], ImportOptions(target=tmp_path / "c", jobs=1))
    monkeypatch.setattr(quietpress.batch, "SPLIT_BYTES", 1000)
    tasks = capture_tasks([src], None)
    parts = {t.path.name: t.part[1] if t.part else 1 for t in tasks}
    assert parts["single.html"] == 1 and parts["crawl.warc.gz"] > 1 and parts["export.jsonl"] > 1
    assert len(tasks) == sum(parts.values())
    for jobs in (1, 2):
        split = prepare_all([src], ImportOptions(target=tmp_path / "c", jobs=jobs))
        assert [(r.source, r.sha256) for r in split] == [(r.source, r.sha256) for r in whole]


def _crashing_work(task):
    import os
    import signal
    import time

    if task.path.name == "crash.html":
        os.kill(os.getpid(), signal.SIGKILL)  # as the kernel does to a process out of memory
    if task.path.name == "hang.html":
        time.sleep(120)
    return ORIGINAL_WORK(task)


ORIGINAL_WORK = quietpress.batch._work


def test_a_capture_that_crashes_or_hangs_its_worker_fails_alone(tmp_path, monkeypatch):
    src = tmp_path / "src"
    src.mkdir()
    for name in ("a.html", "crash.html", "hang.html", "z.html"):
        (src / name).write_text(article_html(Page(f"Story {name}", f"https://x.example/{name}")), encoding="utf-8")
    monkeypatch.setattr(quietpress.batch, "_work", _crashing_work)
    # A short limit for the page that hangs only: on a busy machine the others may take seconds.
    monkeypatch.setattr(quietpress.batch, "_timeout", lambda task: 2.0 if task.path.name == "hang.html" else 300.0)
    results = prepare_all([src], ImportOptions(target=tmp_path / "c", jobs=2))
    assert [(r.source, type(r).__name__) for r in results] == [
        ("a.html", "Prepared"), ("crash.html", "Outcome"), ("hang.html", "Outcome"), ("z.html", "Prepared")]
    assert results[1].reason == "the worker reading it crashed (SIGKILL): skipped"
    assert results[2].reason == "took too long to read and was stopped: skipped"
