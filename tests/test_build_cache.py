"""The render cache: each article rendered once per content, workers and damage handled, broken files reported.

Builds run in this process on small archives written by the tests (no shared corpora), so the
cache's counters can be read after each build.
"""

from __future__ import annotations

import logging
import os
import pickle
from pathlib import Path

import pytest
from pelican import Pelican
from pelican.settings import read_settings

from quietpress.site import articles as articles_module
from quietpress.site.cache import POOL_THRESHOLD, cache_for, read_packs
from quietpress.site.reader import render_document

ROOT = Path(__file__).resolve().parent.parent
TOPICS = ("Politics", "Health", "Climate")
TAGS = ("budget", "hospitals", "floods", "schools", "courts")


def write_article(folder: Path, n: int, *, body: str | None = None, year: int = 2020) -> Path:
    """Write article n (deterministic metadata spread over a few topics, tags and authors)."""
    path = folder / f"article-{n:03d}.md"
    tags = "\n".join(f"  - {TAGS[(n + k) % len(TAGS)]}" for k in range(1 + n % 2))
    text = (f"---\ntitle: \"Article number {n}\"\ndate: {year}-{1 + n % 12:02d}-{1 + n % 27:02d}T{n % 24:02d}:00:00+00:00\n"
            f"category: {TOPICS[n % len(TOPICS)]}\ntags:\n{tags}\nauthors:\n  - Reporter {n % 4}\n"
            f"summary: \"Summary {n}.\"\nsite: The Test Ledger\n---\n\n")
    text += body if body is not None else (
        f"**TOWN** — Paragraph one of article {n}, with a [link](https://example.org/{n}).\n\n"
        "## A heading\n\n- one\n- two\n\n> A quote.\n\nThe *end*.\n")
    path.write_text(text, encoding="utf-8")
    return path


def make_archive(base: Path, count: int) -> Path:
    articles = base / "content" / "articles"
    articles.mkdir(parents=True)
    for n in range(count):
        write_article(articles, n)
    return articles


def build(base: Path, output: str = "output", **extra):
    """Build base/content into base/<output> with the project's settings; return the render stats."""
    settings = read_settings(str(ROOT / "pelicanconf.py"), override={
        "PATH": str(base / "content"), "OUTPUT_PATH": str(base / output), "CACHE_PATH": str(base / "cache"),
        **extra})
    Pelican(settings).run()
    return cache_for(settings, render_document).stats


def cache_folder(base: Path) -> Path:
    return base / "cache" / "quietpress-render"


def cached_count(base: Path) -> int:
    return len(read_packs(cache_folder(base))[0])


def test_second_build_takes_every_article_from_the_cache(tmp_path):
    make_archive(tmp_path, 8)
    first = build(tmp_path)
    assert (first.rendered, first.reused) == (8, 0)
    assert cached_count(tmp_path) == 8
    # A fresh output folder still reuses the renderings: the cache is keyed by content, not output.
    second = build(tmp_path, output="output-2")
    assert (second.rendered, second.reused) == (0, 8)
    page = tmp_path / "output-2" / "articles" / "2020" / "article-003.html"
    assert "Paragraph one of article 3" in page.read_text(encoding="utf-8")


def test_edited_article_is_rendered_again_and_shown(tmp_path):
    articles = make_archive(tmp_path, 8)
    build(tmp_path)
    write_article(articles, 5, body="A corrected first paragraph.\n")
    stats = build(tmp_path)
    assert (stats.rendered, stats.reused) == (1, 7)
    page = (tmp_path / "output" / "articles" / "2020" / "article-005.html").read_text(encoding="utf-8")
    assert "A corrected first paragraph." in page
    assert "Paragraph one of article 5" not in page


DAMAGE = {
    "truncated": lambda data: data[: len(data) // 2],
    "emptied": lambda data: b"",
    "garbage": lambda data: b"not a pickle at all" + data,
    "other layout": lambda data: pickle.dumps(("wrong", "layout")) + data,
}


@pytest.mark.parametrize("damage", DAMAGE.values(), ids=DAMAGE.keys())
def test_damaged_cache_is_rendered_again_and_repaired(tmp_path, damage):
    make_archive(tmp_path, 6)
    build(tmp_path)
    before = sorted((tmp_path / "output" / "articles").rglob("*.html"))
    (pack,) = cache_folder(tmp_path).glob("pack-*")
    pack.write_bytes(damage(pack.read_bytes()))
    stats = build(tmp_path, output="output-2")
    assert stats.rendered >= 1 and stats.rendered + stats.reused == 6
    for page in before:
        again = tmp_path / "output-2" / page.relative_to(tmp_path / "output")
        assert again.read_bytes() == page.read_bytes(), page
    # What was lost was saved again: the next build renders nothing.
    assert build(tmp_path, output="output-3").rendered == 0


def test_a_damaged_record_in_an_indexed_pack_is_rendered_again(tmp_path, caplog):
    from quietpress.site.cache import _pack_index

    make_archive(tmp_path, 6)
    build(tmp_path)
    before = sorted((tmp_path / "output" / "articles").rglob("*.html"))
    (pack,) = cache_folder(tmp_path).glob("pack-*")
    index, _ = _pack_index(pack)
    data = bytearray(pack.read_bytes())
    for offset, length in list(index.values())[:2]:  # the index stays whole; two records do not
        data[offset:offset + length] = b"\x00" * length
    pack.write_bytes(bytes(data))
    build(tmp_path, output="output-2")  # the articles are restored whole; their bodies are not
    for page in before:
        again = tmp_path / "output-2" / page.relative_to(tmp_path / "output")
        assert again.read_bytes() == page.read_bytes(), page
    assert "cached rendering unreadable" in caplog.text


def test_render_workers_and_page_writer_give_the_same_site_as_one_process(tmp_path, monkeypatch):
    count = POOL_THRESHOLD + 12  # enough misses for the pool to start
    monkeypatch.setattr(articles_module, "PARALLEL_PAGES", 10)  # and pages written by a forked process
    make_archive(tmp_path / "pool", count)
    make_archive(tmp_path / "inline", count)
    pooled = build(tmp_path / "pool", QUIETPRESS_BUILD_JOBS=2)
    inline = build(tmp_path / "inline", QUIETPRESS_BUILD_JOBS=1)
    assert pooled.rendered == inline.rendered == count
    assert cached_count(tmp_path / "pool") == count
    pool_out, inline_out = tmp_path / "pool" / "output", tmp_path / "inline" / "output"
    pages = sorted(p.relative_to(pool_out) for p in pool_out.rglob("*.html"))
    assert pages == sorted(p.relative_to(inline_out) for p in inline_out.rglob("*.html"))
    assert sum(page.parts[0] == "articles" for page in pages) == count
    for page in pages:
        assert (pool_out / page).read_bytes() == (inline_out / page).read_bytes(), page


@pytest.mark.parametrize("count", [5, POOL_THRESHOLD + 5], ids=["in-process", "in-workers"])
def test_bad_front_matter_is_reported_with_path_and_line_and_the_rest_builds(tmp_path, caplog, count):
    articles = make_archive(tmp_path, count)
    bad = articles / "broken.md"
    bad.write_text('---\ntitle: "Broken"\ndate: 2021-01-01\ntags: [one, two\n---\n\nBody.\n', encoding="utf-8")
    with caplog.at_level(logging.ERROR):
        stats = build(tmp_path, QUIETPRESS_BUILD_JOBS=2)
    messages = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    assert any(f"{bad}:5: bad front matter" in m for m in messages), messages
    assert stats.rendered == count
    built = sorted((tmp_path / "output" / "articles").rglob("*.html"))
    assert len(built) == count
    assert not any("broken" in p.name for p in built)


def test_cache_stays_small_when_articles_keep_changing(tmp_path):
    articles = make_archive(tmp_path, 6)
    build(tmp_path)
    for round_ in range(5):
        for n in range(6):
            write_article(articles, n, body=f"Revision {round_} of article {n}.\n")
        assert build(tmp_path).rendered == 6
    # Stale renderings are dropped when they outnumber the live ones: never more than twice the archive.
    assert cached_count(tmp_path) <= 12
    assert len(list(cache_folder(tmp_path).glob("pack-*"))) <= 2


def test_unchanged_files_are_not_read_again_and_touched_ones_are_not_rendered_again(tmp_path, monkeypatch):
    from quietpress.site import cache as cache_module

    reads = []
    read_stamped = cache_module.read_stamped
    monkeypatch.setattr(cache_module, "read_stamped", lambda path, fp: reads.append(path) or read_stamped(path, fp))
    articles = make_archive(tmp_path, 6)
    build(tmp_path)
    assert len(reads) == 6
    reads.clear()
    stats = build(tmp_path)
    assert reads == [] and (stats.rendered, stats.reused) == (0, 6)  # sizes and times unchanged: not opened
    touched = articles / "article-002.md"
    os.utime(touched, ns=(touched.stat().st_atime_ns, touched.stat().st_mtime_ns + 5_000_000_000))
    stats = build(tmp_path)
    assert reads == [str(touched)] and (stats.rendered, stats.reused) == (0, 6)  # same bytes: same rendering


def test_linear_translations_give_what_pelican_gives():
    from types import SimpleNamespace

    from pelican.utils import process_translations

    def item(slug, lang, translation="false"):
        return SimpleNamespace(slug=slug, lang=lang, in_default_lang=lang == "en", source_path=f"{slug}-{lang}.md",
                               metadata={"translation": translation})

    def made():
        return [item("b", "en"), item("a", "fr"), item("a", "en"), item("c", "de", "true"), item("d", "fr"),
                item("d", "de"), item("b", "es", "true")]

    def described(result):
        return [[(x.slug, x.lang, sorted(t.lang for t in x.translations)) for x in part] for part in result]

    stock, ours = made(), made()
    assert described(articles_module.process_translations_linear(ours, "slug")) == \
        described(process_translations(stock, "slug"))
    assert articles_module.process_translations_linear(made(), None)[1] == []


def test_one_ignore_pattern_includes_the_files_stock_pelican_includes():
    from types import SimpleNamespace

    from pelican.generators import ArticlesGenerator

    settings = read_settings(str(ROOT / "pelicanconf.py"))
    ours = articles_module.ArchiveArticlesGenerator.__new__(articles_module.ArchiveArticlesGenerator)
    ours.settings, ours.readers = settings, SimpleNamespace(extensions=["md", "markdown"])
    names = ["a.md", ".hidden.md", "page.html", "x.HTML", "__pycache__", "img.svg", "b.markdown", "c.txt",
             ".quietpress-manifest.json", "d.md.html", "e.html.md", "f.xml", "g.svgz", "h.shtml", "dir/i.md"]
    for extensions in (None, False, ["md"]):
        for name in names:
            expected = ArticlesGenerator._include_path(ours, name, extensions)
            assert ours._include_path(name, extensions) == expected, (name, extensions)
