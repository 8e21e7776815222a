"""The page memo: a rebuild renders only pages whose inputs changed, and its site is the same, byte
for byte, as a build from nothing, whatever changed in between."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from quietpress.site import articles as articles_module
from quietpress.site import writer
from quietpress.site.memo import MEMO_FILE
from test_build_cache import build, make_archive, write_article


def tree(output: Path) -> dict[str, bytes]:
    return {str(p.relative_to(output)): p.read_bytes() for p in sorted(output.rglob("*")) if p.is_file()}


def assert_same_as_fresh_build(base: Path, **settings) -> None:
    """The site rebuilt in place equals a site built from the same content with no cache and no output."""
    fresh = base / "fresh"
    shutil.rmtree(fresh, ignore_errors=True)
    (fresh / "content").mkdir(parents=True)
    shutil.copytree(base / "content", fresh / "content", dirs_exist_ok=True)
    # Search ids are kept from build to build (search.IdRegistry): the fresh build is given the same
    # ones, so its index (rebuilt from nothing) must equal the one the rebuilds kept up to date.
    (fresh / "cache").mkdir()
    shutil.copy(base / "cache" / "quietpress-search-ids.json", fresh / "cache")
    build(fresh, **settings)
    rebuilt, expected = tree(base / "output"), tree(fresh / "output")
    # Pelican leaves the pages of a deleted article in place; every page of the fresh site must match,
    # and the search index is the same, file for file.
    assert expected.keys() <= rebuilt.keys()
    assert {p for p in rebuilt if p.startswith("search/")} == {p for p in expected if p.startswith("search/")}
    differing = [path for path in expected if rebuilt[path] != expected[path]]
    assert differing == []


def bio_article(folder: Path, bio: str) -> None:
    (folder / "article-800.md").write_text(
        f'---\ntitle: "With a bio"\ndate: 2024-06-06T06:00:00+00:00\ncategory: Health\nauthors:\n  - Reporter 1\n'
        f'author_bio: "{bio}"\n---\n\nText.\n', encoding="utf-8")


CHANGES = {
    "nothing": lambda folder, base: None,
    "a new article in the middle of the archive": lambda folder, base: write_article(folder, 500, year=2020),
    "a new newest article with a new tag": lambda folder, base: (folder / "article-901.md").write_text(
        '---\ntitle: "Newest"\ndate: 2024-01-01T00:00:00+00:00\ncategory: Climate\ntags:\n  - newtag\n---\n\nNew.\n',
        encoding="utf-8"),
    "an edited title": lambda folder, base: write_article(folder, 7, body="Edited body.\n") or
        (folder / "article-007.md").write_text(
            (folder / "article-007.md").read_text(encoding="utf-8").replace("Article number 7", "A new title"),
            encoding="utf-8"),
    "a deleted article": lambda folder, base: (folder / "article-011.md").unlink(),
    "an author bio": lambda folder, base: bio_article(folder, "Reporter 1 covers hospitals."),
    "an output page edited by hand": lambda folder, base: (base / "output" / "index.html").write_text("x"),
    "an output page removed": lambda folder, base: (base / "output" / "articles" / "2020" / "article-003.html").unlink(),
}


@pytest.mark.parametrize("fork", [False, True], ids=["one process", "forked page writer"])
def test_rebuilds_after_each_change_equal_a_fresh_build(tmp_path, monkeypatch, fork):
    if fork:
        monkeypatch.setattr(articles_module, "PARALLEL_PAGES", 2)
    folder = make_archive(tmp_path, 64)  # Reporter 1 has two pages; the bio shows on both
    bio_article(folder, "Reporter 1 writes about health.")
    build(tmp_path)
    assert (tmp_path / "cache" / MEMO_FILE).is_file()
    for change in CHANGES.values():
        change(folder, tmp_path)
        build(tmp_path)
        assert_same_as_fresh_build(tmp_path)


def test_unchanged_rebuild_renders_only_the_pages_outside_the_memo(tmp_path):
    make_archive(tmp_path, 30)
    build(tmp_path)
    first = writer.last_stats
    assert first.skipped == 0
    build(tmp_path)
    second = writer.last_stats
    pages = first.written + first.unchanged
    # Articles, index, topic, tag, author, publication and period pages are vouched for; the term
    # indexes, the archive index and the search page (which show archive-wide values) are rendered.
    assert second.skipped > 0.8 * pages
    assert second.written == 0


def test_a_new_setting_renders_every_page_again(tmp_path):
    make_archive(tmp_path, 12)
    build(tmp_path)
    build(tmp_path, SITENAME="Another name")
    assert writer.last_stats.skipped == 0
    assert "Another name" in (tmp_path / "output" / "index.html").read_text(encoding="utf-8")
    assert_same_as_fresh_build(tmp_path, SITENAME="Another name")


def test_memo_off_renders_every_page(tmp_path):
    make_archive(tmp_path, 12)
    build(tmp_path)
    build(tmp_path, QUIETPRESS_PAGE_MEMO=False)
    assert writer.last_stats.skipped == 0


@pytest.mark.parametrize("damage", [b"", b"not a pickle", b"\x80\x05garbage"])
def test_damaged_memo_renders_every_page(tmp_path, damage):
    make_archive(tmp_path, 12)
    build(tmp_path)
    (tmp_path / "cache" / MEMO_FILE).write_bytes(damage)
    build(tmp_path)
    assert writer.last_stats.skipped == 0
    assert_same_as_fresh_build(tmp_path)


def test_a_failed_page_writer_stops_the_build_and_keeps_no_memo(tmp_path, monkeypatch):
    monkeypatch.setattr(articles_module, "PARALLEL_PAGES", 2)

    def broken(self, write):
        raise OSError("disk full")

    monkeypatch.setattr(articles_module.ArchiveArticlesGenerator, "generate_articles", broken)
    make_archive(tmp_path, 8)
    with pytest.raises(RuntimeError, match="worker process"):
        build(tmp_path)
    cache = tmp_path / "cache"
    assert not (cache / MEMO_FILE).exists()
    assert not list(cache.glob(MEMO_FILE + ".part-*"))
