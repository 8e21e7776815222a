"""End to end: the sample captures imported and built into a temporary archive, as `make html` does."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urldefrag

import lxml.html
import pytest
import yaml

from build import ROOT, run_import, run_pelican

SAMPLES = ROOT / "examples" / "captures"


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> tuple[Path, Path]:
    base = tmp_path_factory.mktemp("archive")
    content, output = base / "content", base / "output"
    imported = run_import([SAMPLES], content)
    assert imported.returncode == 0, imported.stdout + imported.stderr
    built = run_pelican(content, output)
    assert built.returncode == 0, built.stdout + built.stderr
    assert "ERROR" not in built.stdout + built.stderr, built.stdout + built.stderr
    return content, output


def _front(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])


def _articles(content: Path) -> list[Path]:
    return sorted((content / "articles").rglob("*.md"))


def test_every_sample_capture_becomes_one_article(archive):
    content, _ = archive
    captures = [p for p in SAMPLES.iterdir() if p.is_file() and p.name != "README.md"]
    assert len(_articles(content)) == len(captures)


def test_home_page_lists_the_sample_articles_latest_first(archive):
    content, output = archive
    home = lxml.html.parse(str(output / "index.html")).getroot()
    titles = sorted(((_front(p).get("date") or ""), _front(p)["title"]) for p in _articles(content))
    newest = [t for _, t in reversed(titles)][:10]
    listed = [" ".join(a.text_content().split()) for a in home.xpath("//main//h2//a | //main//h3//a")]
    assert listed[: len(newest)] == newest


def test_each_article_has_its_page_and_taxonomy_pages(archive):
    content, output = archive
    for path in _articles(content):
        front = _front(path)
        year = (front.get("date") or front.get("captured") or "1970")[:4]
        page = output / "articles" / year / (path.stem + ".html")
        assert page.exists(), page
        html = page.read_text(encoding="utf-8")
        assert lxml.html.fromstring(html).xpath("string(//h1)").strip() == front["title"]
        if front.get("category"):
            assert any((output / "topics").glob("*.html"))
    assert (output / "topics" / "index.html").exists()
    assert (output / "authors" / "index.html").exists()
    assert (output / "tags" / "index.html").exists()
    assert (output / "archives" / "index.html").exists()


def test_seed_article_links_to_its_author_and_topic(archive):
    _, output = archive
    page = output / "articles" / "2025" / "trump-eyes-asylum-agreement-with-el-salvador-to-deport-migrants-there.html"
    root = lxml.html.parse(str(page)).getroot()
    hrefs = {a.get("href") for a in root.iter("a")}
    assert any(h and h.endswith("authors/camilo-montoya-galvez.html") for h in hrefs)
    assert any(h and h.endswith("topics/politics.html") for h in hrefs)
    figures = root.xpath("//figure")
    assert len(figures) == 2
    assert "ALFREDO ESTRELLA/AFP via Getty Images" in figures[0].xpath("string(.//figcaption)")


def test_internal_links_resolve_to_files(archive):
    _, output = archive
    missing = []
    for page in output.rglob("*.html"):
        root = lxml.html.parse(str(page)).getroot()
        for element in root.iter():
            for attribute in ("href", "src"):
                value = element.get(attribute)
                if not value or re.match(r"^[a-z][a-z0-9+.-]*:", value, re.I) or value.startswith("#"):
                    continue
                target = (page.parent / unquote(urldefrag(value)[0])).resolve()
                if not target.exists():
                    missing.append(f"{page.relative_to(output)} -> {value}")
    assert not missing, missing[:20]


def test_articles_without_a_section_are_not_filed_under_their_year(archive):
    _, output = archive
    topics = {p.stem for p in (output / "topics").glob("*.html")}
    assert not {t for t in topics if t.isdigit()}, topics


def test_every_page_has_one_h1_and_headings_in_order(archive):
    _, output = archive
    for page in output.rglob("*.html"):
        root = lxml.html.parse(str(page)).getroot()
        levels = [int(h.tag[1]) for h in root.iter("h1", "h2", "h3", "h4", "h5", "h6")]
        assert levels.count(1) == 1 and levels[0] == 1, (page, levels)
        assert all(b <= a + 1 for a, b in zip(levels, levels[1:])), (page.relative_to(output), levels)


def test_an_article_without_a_topic_announces_none(archive):
    """The placeholder topic is neither a kicker above the headline nor the article's declared section."""
    content, output = archive
    page = output / "articles" / "2021" / "how-a-library-of-seeds-outgrew-its-drawer.html"
    assert "category" not in _front(content / "articles" / "2021" / (page.stem + ".md"))
    root = lxml.html.parse(str(page)).getroot()
    assert not root.xpath("//*[contains(@class, 'kicker')]")
    assert not root.xpath("//meta[@property='article:section']")
    assert "articleSection" not in root.xpath("string(//script[@type='application/ld+json'])")
    seed = output / "articles" / "2025" / "trump-eyes-asylum-agreement-with-el-salvador-to-deport-migrants-there.html"
    assert lxml.html.parse(str(seed)).getroot().xpath("//p[@class='kicker']/a")
