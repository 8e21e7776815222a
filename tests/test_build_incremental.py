"""Rebuilds touch only what changed: unchanged outputs keep their inode and times, a new article
changes its own page, its neighbours and the lists it joins, and nothing else."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from test_build_cache import ROOT, build, make_archive, write_article


def snapshot(output: Path) -> dict[str, tuple[int, int, int]]:
    """Each file's (inode, mtime, ctime): writing a file, even with the same bytes, changes one of them."""
    state = {}
    for path in output.rglob("*"):
        if path.is_file():
            info = os.stat(path)
            state[str(path.relative_to(output))] = (info.st_ino, info.st_mtime_ns, info.st_ctime_ns)
    return state


def changed(before: dict, after: dict) -> set[str]:
    return {path for path, state in after.items() if before.get(path) != state}


def test_rebuild_without_changes_writes_no_file(tmp_path):
    make_archive(tmp_path, 14)
    build(tmp_path)
    before = snapshot(tmp_path / "output")
    build(tmp_path)
    after = snapshot(tmp_path / "output")
    assert after.keys() == before.keys()
    assert changed(before, after) == set()


def test_new_article_changes_only_its_page_neighbours_and_lists(tmp_path):
    articles = make_archive(tmp_path, 24)
    build(tmp_path)
    output = tmp_path / "output"
    before = snapshot(output)
    # A new topic, tag and author, dated before every other article: it joins the end of each list.
    new = articles / "article-900.md"
    new.write_text('---\ntitle: "A new old story"\ndate: 2019-03-04T05:00:00+00:00\ncategory: Weather\n'
                   'tags:\n  - hailstorms\nauthors:\n  - New Reporter\nsite: The Test Ledger\n---\n\nHail.\n',
                   encoding="utf-8")
    stats = build(tmp_path)
    assert (stats.rendered, stats.reused) == (1, 24)
    after = snapshot(output)
    touched = changed(before, after)

    assert "articles/2019/article-900.html" in touched
    assert "topics/weather.html" in touched and "tags/hailstorms.html" in touched
    assert "authors/new-reporter.html" in touched
    # Pages of topics, tags and authors the new article does not carry are not rewritten.
    for folder in ("topics", "tags", "authors"):
        for path in before:
            if path.startswith(folder + "/") and not path.endswith("index.html"):
                assert path not in touched, path
    # Of the articles, only the new one and its newer neighbour (whose "older" link now points to
    # it) change: it shares no topic or tag with any other, so no related list changes.
    article_pages = {p for p in touched if p.startswith("articles/")}
    assert len(article_pages) == 2, article_pages
    pages = {p for p in before if p.endswith(".html")}
    assert len(touched & pages) < len(pages) // 3, sorted(touched)


def test_edited_article_rewrites_its_page_not_the_others(tmp_path):
    articles = make_archive(tmp_path, 10)
    build(tmp_path)
    before = snapshot(tmp_path / "output")
    write_article(articles, 4, body="Only the body changed.\n")
    build(tmp_path)
    touched = changed(before, snapshot(tmp_path / "output"))
    assert "articles/2020/article-004.html" in touched
    assert not {p for p in touched if p.startswith("articles/")} - {"articles/2020/article-004.html"}
    # List pages show titles and summaries, which did not change.
    assert not {p for p in touched if p.startswith(("topics/", "tags/", "authors/", "index"))}


def test_rebuild_in_another_process_writes_no_file(tmp_path):
    # A new process has another string-hash seed: output that follows the order of a set of strings
    # changes from build to build and rewrites pages every time. (Related articles once summed tag
    # weights in set order; that float-tie case shows at 5,000 articles, not in an archive this size.)
    articles = tmp_path / "content" / "articles"
    articles.mkdir(parents=True)
    tags = ("budget", "hospitals", "floods", "schools", "courts", "rail")
    for n in range(120):  # many articles sharing a topic and several tags: many tied related scores
        chosen = "".join(f"  - {tags[(n * 7 + k * (1 + n % 5)) % len(tags)]}\n" for k in range(4))
        (articles / f"a{n:03d}.md").write_text(
            f'---\ntitle: "Story {n}"\ndate: 2021-{1 + n % 12:02d}-{1 + n % 28:02d}T10:00:00+00:00\n'
            f"category: {('Politics', 'Health')[n % 2]}\ntags:\n{chosen}---\n\nText {n}.\n", encoding="utf-8")
    command = [str(Path(sys.executable).with_name("pelican")), "-q", str(tmp_path / "content"), "-o",
               str(tmp_path / "output"), "-s", str(ROOT / "pelicanconf.py"), "--cache-path", str(tmp_path / "cache")]
    subprocess.run(command, check=True, env={**os.environ, "PYTHONHASHSEED": "1"}, capture_output=True)
    before = snapshot(tmp_path / "output")
    subprocess.run(command, check=True, env={**os.environ, "PYTHONHASHSEED": "2"}, capture_output=True)
    assert changed(before, snapshot(tmp_path / "output")) == set()


def test_search_index_is_rebuilt_only_when_its_documents_change(tmp_path, monkeypatch):
    from quietpress.site import search

    runs = []
    index_and_write = search.index_and_write
    monkeypatch.setattr(search, "index_and_write", lambda *args: runs.append(1) or index_and_write(*args))
    articles = make_archive(tmp_path, 8)
    build(tmp_path, QUIETPRESS_BUILD_JOBS=1)
    build(tmp_path, QUIETPRESS_BUILD_JOBS=1)
    assert len(runs) == 1  # nothing changed: the index on disk is the one these documents give
    write_article(articles, 3, body="A word found nowhere else: zanzibarite.\n")
    build(tmp_path, QUIETPRESS_BUILD_JOBS=1)
    assert len(runs) == 2
    shards = "".join(p.read_text(encoding="utf-8") for p in (tmp_path / "output" / "search" / "t").glob("*.js"))
    assert '"zanzibarite"' in shards
    (tmp_path / "output" / "search" / "manifest.js").unlink()  # an index damaged since: written again
    build(tmp_path, QUIETPRESS_BUILD_JOBS=1)
    assert len(runs) == 3 and (tmp_path / "output" / "search" / "manifest.js").is_file()


def test_search_index_starts_once_per_build_as_soon_as_the_articles_are_read(tmp_path, monkeypatch):
    from quietpress.site import search

    started = []
    begin_index = search.begin_index
    monkeypatch.setattr(search, "begin_index", lambda *args: started.append(1) or begin_index(*args))
    make_archive(tmp_path, 6)
    for _ in range(2):
        started.clear()
        build(tmp_path)
        # Started when the articles were read, and that run taken over by the search generator:
        # a second start would mean the generator did not recognise its build's run.
        assert started == [1]
