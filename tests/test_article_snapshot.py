"""Article objects kept between builds (quietpress/site/snapshot.py): an unchanged source is restored,
not read again, and a restored article is the article a fresh read makes."""

from __future__ import annotations

import logging

import pytest
from pelican import signals

from quietpress.site.snapshot import PER_BUILD, SNAPSHOT_FILE
from test_build_cache import build, make_archive, write_article

seen: dict[str, dict] = {}


def record_articles(generator) -> None:
    for article in generator.articles:
        values = {k: v for k, v in vars(article).items() if k not in PER_BUILD and k != "_content_source"}
        values["_content"] = article._content  # a restored article reads its body when asked
        seen[article.source_path] = values


@pytest.fixture
def reads(monkeypatch):
    from quietpress.site.reader import QuietpressReader

    calls = []
    read = QuietpressReader.read
    monkeypatch.setattr(QuietpressReader, "read", lambda self, path: calls.append(path) or read(self, path))
    return calls


def test_unchanged_articles_are_restored_and_equal_fresh_ones(tmp_path, reads):
    make_archive(tmp_path, 12)
    build(tmp_path)
    assert len(reads) == 12 and (tmp_path / "cache" / SNAPSHOT_FILE).is_file()
    reads.clear()
    signals.article_generator_finalized.connect(record_articles)
    try:
        seen.clear()
        build(tmp_path)
        restored = dict(seen)
        seen.clear()
        build(tmp_path, output="fresh-output", CACHE_PATH=str(tmp_path / "fresh-cache"))
        fresh = dict(seen)
    finally:
        signals.article_generator_finalized.disconnect(record_articles)
    assert sorted(reads) == [str(p) for p in sorted((tmp_path / "content" / "articles").glob("*.md"))]  # the fresh build only
    assert restored.keys() == fresh.keys()
    for path, values in fresh.items():
        assert {k: restored[path].get(k) for k in values} == values, path


def test_an_edited_article_is_read_again_and_the_others_are_not(tmp_path, reads):
    articles = make_archive(tmp_path, 6)
    build(tmp_path)
    write_article(articles, 2, body="A new body.\n")
    reads.clear()
    build(tmp_path)
    assert reads == [str(articles / "article-002.md")]
    assert "A new body." in (tmp_path / "output" / "articles" / "2020" / "article-002.html").read_text(encoding="utf-8")


def test_another_setting_reads_every_article_again(tmp_path, reads):
    make_archive(tmp_path, 4)
    build(tmp_path)
    reads.clear()
    build(tmp_path, DEFAULT_DATE_FORMAT="%Y-%m-%d")
    assert len(reads) == 4
    assert "2020-02-02" in (tmp_path / "output" / "articles" / "2020" / "article-001.html").read_text(encoding="utf-8")


def test_a_damaged_snapshot_is_read_past_with_a_warning(tmp_path, reads, caplog):
    make_archive(tmp_path, 4)
    build(tmp_path)
    (tmp_path / "cache" / SNAPSHOT_FILE).write_bytes(b"not a pickle")
    reads.clear()
    with caplog.at_level(logging.WARNING):
        build(tmp_path)
    assert len(reads) == 4 and "article snapshot unreadable" in caplog.text


def test_not_used_when_another_plugin_listens_to_articles_being_made(tmp_path, reads):
    made = []

    def listener(content):
        made.append(content)

    make_archive(tmp_path, 4)
    build(tmp_path)
    reads.clear()
    signals.content_object_init.connect(listener)
    try:
        build(tmp_path)
    finally:
        signals.content_object_init.disconnect(listener)
    assert len(reads) == 4 and len(made) == 4  # the listener saw every article made
