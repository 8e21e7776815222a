"""Pages that are not articles (listings, product pages, forum threads) are recognised and skipped."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from captures import ROOT, articles, run_import
from golden import import_case
from quietpress.extract.pagetype import measure_body, classify_page
from quietpress.parse import parse_html

PAGES = Path(__file__).resolve().parent / "pagetypes"
NOT_ARTICLES = {
    "listing_local_news.html": "listing",
    "listing_local_news_page2.html": "listing",
    "product_rain_jacket.html": "product",
    "forum_ferry_times.html": "forum",
}


def verdict_of(name: str, body_html: str = "<p>text</p>"):
    root = parse_html((PAGES / name).read_text(encoding="utf-8"))
    return classify_page(root, measure_body(body_html))


@pytest.mark.parametrize("name, kind", sorted(NOT_ARTICLES.items()))
def test_listing_product_and_forum_pages_are_not_articles(name, kind):
    assert verdict_of(name).kind == kind


def test_article_followed_by_related_link_lists_stays_an_article(tmp_path):
    src, content = tmp_path / "src", tmp_path / "content"
    src.mkdir()
    shutil.copy(PAGES / "article_with_related_links.html", src)
    result = run_import(src, content)
    assert result.returncode == 0
    assert "1 imported" in result.stdout and "0 not an article" in result.stdout
    assert "terminal" in articles(content)[0].read_text(encoding="utf-8")


def test_summary_counts_pages_that_are_not_articles_and_skips_them(tmp_path):
    content = tmp_path / "content"
    result = run_import(PAGES, content)
    assert result.returncode == 0
    assert "1 imported" in result.stdout
    assert "4 not an article" in result.stdout
    assert "skipped 4 pages that are not articles (1 forum, 2 listing, 1 product)" in result.stdout
    assert len(articles(content)) == 1
    # Nothing staged for a skipped page is left behind.
    assert not [p for p in content.rglob(".tmp-*")]


def test_keep_non_articles_imports_them_and_two_listings_stay_two(tmp_path):
    content = tmp_path / "content"
    result = run_import(PAGES, content, "--keep-non-articles")
    assert result.returncode == 0
    assert "5 imported" in result.stdout and "0 duplicate" in result.stdout
    texts = [p.read_text(encoding="utf-8") for p in articles(content)]
    # The section front and its second page share a canonical URL and an introduction: two files.
    assert sum("Local news" in t for t in texts) == 2


@pytest.mark.parametrize("case", sorted(p.parent.name for p in (ROOT / "tests" / "corpus").glob("*/expected.md")))
def test_every_golden_capture_is_an_article(case):
    prepared, _ = import_case(ROOT / "tests" / "corpus" / case)
    assert prepared.page == "article", prepared.page_reason


def test_sample_captures_are_all_articles(tmp_path):
    result = run_import(ROOT / "examples" / "captures", tmp_path / "content")
    assert "0 not an article" in result.stdout, result.stdout


TAGS = st.sampled_from(["p", "a", "h2", "h3", "article", "nav", "li", "span", "script"])
FRAGMENTS = st.recursive(
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40),
    lambda inner: st.builds(lambda tag, parts: f"<{tag} class=\"price\">{''.join(parts)}</{tag}>", TAGS,
                            st.lists(inner, max_size=4)),
    max_leaves=30)


@settings(max_examples=150, deadline=None)
@given(st.lists(FRAGMENTS, max_size=6), st.sampled_from(["", '{"@type": ["Product"]}', "[1, {", '{"@graph": [{"@type": "NewsArticle"}]}']))
def test_any_page_gets_a_verdict_and_declared_articles_stay_articles(parts, json_ld):
    page = f'<html><head><script type="application/ld+json">{json_ld}</script></head><body>{"".join(parts)}</body></html>'
    verdict = classify_page(parse_html(page), measure_body("<p>" + "word " * 50 + "</p>"))
    assert verdict.kind in ("article", "listing", "product", "forum") and verdict.reason
    if "NewsArticle" in json_ld:
        assert verdict.is_article


def test_the_longest_run_of_prose_is_that_of_one_parent():
    """Blocks under different parents are never added up, whatever Python objects lxml reuses."""
    from quietpress.extract.pagetype import measure_page

    sentence = "The council met on Monday to vote on the plan for the ferry. "
    blocks = "".join(f"<div class='teaser'><p>{sentence * (2 + i % 3)}</p><a href='/s{i}'>More</a></div>"
                     for i in range(40))
    shape = measure_page(parse_html(f"<html><body>{blocks}</body></html>"))
    assert shape.longest_run == 4 * len(sentence.split())


@pytest.mark.parametrize("name", sorted(p.name for p in PAGES.glob("*.html")))
def test_the_import_measures_the_page_as_captured_not_as_pruned(name):
    """The import parses a page once: the page-type check must measure it before extraction
    prunes that tree, and so give the verdict a fresh parse gives."""
    import hashlib

    from quietpress.extract.profiles import Profiles
    from quietpress.model import Capture, CaptureKind
    from quietpress.pipeline import prepare_capture

    payload = (PAGES / name).read_bytes()
    capture = Capture(source=name, path=PAGES / name, kind=CaptureKind.HTML, payload=payload,
                      sha256=hashlib.sha256(payload).hexdigest())
    prepared = prepare_capture(capture, Profiles.empty())
    body = prepared.entry.markdown
    fresh = classify_page(parse_html(payload.decode("utf-8")), measure_body(_body_html_of(capture)))
    assert (prepared.page, prepared.page_reason) == (fresh.kind, fresh.reason), body[:200]


def _body_html_of(capture):
    from quietpress.decode import decode_capture
    from quietpress.extract import extract_article

    return extract_article(decode_capture(capture)).body_html
