"""The built archive: the pages and links that must exist, index counts, escaping, metadata for machines."""

from __future__ import annotations

import base64
import hashlib
import json
import re
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import lxml.html
import pytest

from sitebuild import PUBLISHED_SITEURL, built
from quietpress.site.cards import by_year
from quietpress.site.settings import SettingError, apply_defaults
from quietpress.site.related import related_articles
from quietpress.site.annotate import json_for_script, plain_text, web_link
from quietpress.errors import QuietpressError
from quietpress.site.search import (DOCS_PER_FILE, IdRegistry, SearchDoc, build_index, finish_index_job, script, split_shards, start_index_job,
                                     tokenize)

BRIDGE = "articles/2024/harbour-bridge-reopens.html"
BUDGET = "articles/2024/council-budget-vote.html"
FLOOD = "articles/2023/flood-defences-report.html"
MUSEUM = "articles/2024/museum-night-opening.html"
HOSTILE = "articles/2022/hostile-metadata.html"
# The inline styles the theme's CSP allows by hash (base.html): aligned table columns.
ALLOWED_STYLES = {"text-align:left", "text-align:right", "text-align:center"}
HOSTILE_TITLE = '<img src=x onerror=alert(1)> & "quoted" </title><script>alert(2)</script>'


@pytest.fixture(scope="module")
def local():
    return built("local")


@pytest.fixture(scope="module")
def published():
    return built("published")


def page(build, relative: str):
    path = build.output / relative
    assert path.exists(), f"{relative} was not built"
    return lxml.html.parse(str(path)).getroot()


def hrefs(root) -> set[str]:
    return {a.get("href") for a in root.iter("a") if a.get("href")}


def text(element) -> str:
    return " ".join(element.text_content().split())


def html_pages(build) -> list[Path]:
    return sorted(build.output.rglob("*.html"))


# Pages that must exist -------------------------------------------------------------------------------

def test_every_index_page_exists(local):
    for relative in ("index.html", "topics/index.html", "tags/index.html", "authors/index.html", "sites/index.html",
                     "archives/index.html", "search.html", "robots.txt"):
        assert (local.output / relative).exists(), relative


def test_every_article_topic_tag_author_and_publication_has_its_page(local):
    for path, front in local.articles():
        year = str(front.get("date") or front.get("captured") or "1970")[:4]
        assert (local.output / "articles" / year / (path.stem + ".html")).exists(), path
    terms = page(local, "topics/index.html").xpath("//main//ul[contains(@class, 'term-list')]//a/@href")
    assert terms
    for link in terms:
        assert (local.output / "topics" / link).resolve().exists(), link
    for relative in ("topics/transport.html", "topics/politics.html", "tags/riverton.html", "tags/flooding.html",
                     "authors/amara-okafor.html", "authors/luis-fischer.html", "sites/harbor-gazette.html",
                     "sites/valley-tribune.html", "archives/2024/index.html", "archives/2024/03/index.html"):
        assert (local.output / relative).exists(), relative


def test_article_without_byline_files_under_no_author(local):
    assert not (local.output / "authors" / "quietpress.html").exists()
    assert "museum" not in text(page(local, "authors/index.html")).casefold()


# Counts on the indexes ---------------------------------------------------------------------------------

def _listed_counts(root, heading_id: str) -> dict[str, int]:
    section = root.xpath(f"//section[h2[@id='{heading_id}']]")[0]
    return {text(li.xpath("./a")[0]): int(text(li.xpath("./span[@class='count']")[0]).split()[0]) for li in section.iter("li")}


def test_topics_index_counts_every_topic_and_tag(local):
    fronts = [front for _, front in local.articles()]
    topics = Counter(f["category"] for f in fronts if f.get("category"))
    tags = Counter(t for f in fronts for t in f.get("tags") or [])
    root = page(local, "topics/index.html")
    assert _listed_counts(root, "topics-heading") == dict(topics)
    assert _listed_counts(root, "tags-heading") == dict(tags)


def test_authors_index_counts_and_gives_bios_to_the_right_author(local):
    root = page(local, "authors/index.html")
    items = {text(li.xpath("./a")[0]): li for li in root.xpath("//main//li")}
    assert text(items["Amara Okafor"].xpath("./span")[0]) == "2 articles"
    assert text(items["Luis Fischer"].xpath("./span")[0]) == "2 articles"
    assert "covers the council and the courts" in text(items["Luis Fischer"])
    # The bio on the shared byline names Luis only: Amara must not get it.
    assert not items["Amara Okafor"].xpath(".//p[@class='bio']")


def test_author_page_shows_bio_then_articles(local):
    root = page(local, "authors/luis-fischer.html")
    main = root.xpath("//main")[0]
    assert "covers the council and the courts" in text(main.xpath(".//p[@class='bio']")[0])
    # The newest in full (one, in the sample's build), the older ones a line each under their year.
    assert [text(a) for a in main.xpath(".//ol[@class='article-list']//a")] == [
        "Council approves budget with more money for flood wardens"]
    assert [text(a) for a in main.xpath(".//section[@class='earlier']//ul[@class='article-lines']//a")] == [
        "Report finds river defences held in November storm"]


def test_term_page_lists_older_articles_by_year_newest_first(local):
    fronts = sorted((str(f.get("date") or f.get("captured")), f["title"], f.get("tags") or [])
                    for _, f in local.articles())
    tagged = [(date, title) for date, title, tags in reversed(fronts) if "flooding" in tags]
    assert len(tagged) == 2
    root = page(local, "tags/flooding.html")
    assert text(root.xpath("//main//p[@class='meta']")[0]) == f"{len(tagged)} articles"
    assert [text(a) for a in root.xpath("//main//ol[@class='article-list']//h3/a")] == [tagged[0][1]]
    earlier = root.xpath("//section[@class='earlier']")[0]
    years = [text(h) for h in earlier.xpath("./h3")]
    assert years == sorted({date[:4] for date, _ in tagged[1:]}, reverse=True)
    lines = [text(a) for a in earlier.xpath(".//ul[@class='article-lines']/li/a")]
    assert lines == [title for _, title in tagged[1:]]
    # One page per term: no numbered pages to shift when an article is added.
    assert not list((local.output / "tags").glob("flooding.page*.html"))


def test_publication_page_lists_its_articles(local):
    root = page(local, "sites/harbor-gazette.html")
    titles = {text(a) for a in root.xpath("//main//ol//a | //main//ul[@class='article-lines']//a")}
    assert titles == {"Council approves budget with more money for flood wardens",
                      "Harbour bridge reopens after two years of repairs"}


def test_older_articles_are_grouped_by_year_in_the_order_given():
    from types import SimpleNamespace
    from datetime import datetime

    items = [SimpleNamespace(name=n, date=datetime(y, 1, 1)) for n, y in (("a", 2024), ("b", 2024), ("c", 2022), ("d", 2021))]
    assert [(year, [i.name for i in group]) for year, group in by_year(items)] == [
        (2024, ["a", "b"]), (2022, ["c"]), (2021, ["d"])]


def test_home_shows_the_latest_and_leads_to_the_archive(local):
    fronts = sorted(((str(f.get("date") or f.get("captured")), f["title"]) for _, f in local.articles()), reverse=True)
    home = page(local, "index.html")
    assert [text(a) for a in home.xpath("//main//ol//h2/a")] == [title for _, title in fronts[:1]]
    more = home.xpath("//main//nav[@class='more-articles']")[0]
    assert text(more).startswith(f"{len(fronts)} articles in all")
    assert "archives/index.html" in " ".join(more.xpath(".//a/@href"))
    assert not list(local.output.glob("index.page*.html"))


def test_archive_lists_years_months_and_the_titles_under_them(local):
    root = page(local, "archives/index.html")
    years = {text(h.xpath("./a")[0]): text(h.xpath("./span")[0]) for h in root.xpath("//main//h2[a]")}
    assert years["2024"] == "2 articles" and years["2023"] == "1 article"  # the undated one in none
    year = root.xpath("//section[h2[@id='year-2024']]")[0]
    months = {text(h.xpath("./a")[0]): text(h.xpath("./span")[0]) for h in year.xpath(".//h3")}
    assert months == {"March 2024": "2 articles"}
    march = year.xpath(".//section[h3[@id='month-2024-3']]")[0]
    assert [text(a) for a in march.xpath(".//li/a")] == [
        "Council approves budget with more money for flood wardens", "Harbour bridge reopens after two years of repairs"]
    assert march.xpath(".//li/a/@href")[0] == "../articles/2024/council-budget-vote.html"
    assert "Museum opens its doors late on Fridays" in text(root.xpath("//section[h2[@id='undated-heading']]")[0])


def test_year_page_lists_its_titles_by_month_and_month_page_lists_articles(local):
    year = page(local, "archives/2024/index.html")
    assert text(year.xpath("//h1")[0]) == "2024"
    assert year.xpath("//nav[@aria-label='Months']//a/@href") == ["#month-2024-3"]
    assert year.xpath("//main//h2/a/@href") == ["../../archives/2024/03/index.html"]
    assert not year.xpath("//section[h2[@id='month-2024-1']]")  # the undated article is filed under no month
    month = page(local, "archives/2024/03/index.html")
    assert text(month.xpath("//h1")[0]) == "March 2024"
    assert {text(a) for a in month.xpath("//main//ol//a")} == {
        "Council approves budget with more money for flood wardens", "Harbour bridge reopens after two years of repairs"}


# The article page ------------------------------------------------------------------------------------

def test_article_byline_links_authors_topic_tags_and_shows_reading_time(local):
    root = page(local, BUDGET)
    byline = root.xpath("//p[@class='byline']")[0]
    assert {a.get("href") for a in byline.xpath(".//a[@rel='author']")} == {
        "../../authors/amara-okafor.html", "../../authors/luis-fischer.html"}
    assert "Amara Okafor and Luis Fischer" in text(byline)
    assert byline.xpath(".//time/@datetime") == ["2024-03-20"]
    assert re.search(r"\b\d+ min read\b", text(byline))
    links = hrefs(root)
    assert {"../../topics/politics.html", "../../tags/budget.html", "../../tags/riverton.html"} <= links


def test_article_provenance_box_has_original_capture_and_earlier_captures(local):
    box = page(local, BUDGET).xpath("//section[@class='provenance']")[0]
    content = text(box)
    assert box.xpath(".//a[@class='original-url']/@href") == [
        "https://harborgazette.example/2024/03/20/council-budget-vote"]
    assert box.xpath(".//a[@class='archived-url']/@href") == [
        "https://web.archive.org/web/20240321080000/https://harborgazette.example/2024/03/20/council-budget-vote",
        "https://web.archive.org/web/20240320190000/https://harborgazette.example/2024/03/20/council-budget-vote"]
    for expected in ("Harbor Gazette", "2024-03-21", "0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9",
                     "harborgazette/budget-1.html", "9f8e7d6c5b4a39281706f5e4d3c2b1a09f8e7d6c5b4a39281706f5e4d3c2b1a0"):
        assert expected in content, expected


def test_article_figures_keep_caption_and_credit_and_remote_images_are_placeholders(local):
    figure = page(local, BRIDGE).xpath("//figure[contains(@class, 'article-figure')]")
    assert len(figure) == 1, "the lead image is already the first figure: not shown twice"
    assert figure[0].xpath(".//img/@alt") == ["The reopened swing bridge seen from the east quay"]
    assert "seen from the east quay on Tuesday" in text(figure[0].xpath(".//figcaption")[0])
    assert text(figure[0].xpath(".//small[@class='credit']")[0]) == "Harbor Gazette staff"
    remote = page(local, FLOOD).xpath("//figure//a[@class='remote-image']")
    assert remote and remote[0].get("href") == "https://valleytribune.example/images/embankment.jpg"
    assert not page(local, FLOOD).xpath("//img[starts-with(@src, 'http')]")


def test_article_has_newer_older_related_and_bio(local):
    root = page(local, BUDGET)
    neighbours = root.xpath("//nav[@class='neighbours']")[0]
    assert neighbours.xpath(".//a[@rel='next']/@href") == ["../../articles/2024/harbour-bridge-reopens.html"]
    related = [a.get("href") for a in root.xpath("//aside[@class='related']//a")]
    # Shares Riverton with the bridge and flooding with the flood report.
    assert "../../articles/2024/harbour-bridge-reopens.html" in related
    assert "../../articles/2023/flood-defences-report.html" in related
    assert "covers the council" in text(root.xpath("//section[@class='author-bio']")[0])


def test_undated_article_says_undated(local):
    root = page(local, MUSEUM)
    assert text(root.xpath("//p[@class='byline']//span[@class='undated']")[0]) == "undated"
    assert not root.xpath("//p[@class='byline']//time")
    ld = json.loads(root.xpath("//script[@type='application/ld+json']")[0].text)
    assert "datePublished" not in ld


# Escaping --------------------------------------------------------------------------------------------

def test_hostile_metadata_is_shown_as_text(local):
    root = page(local, HOSTILE)
    assert text(root.xpath("//h1")[0]) == HOSTILE_TITLE
    assert text(root.xpath("//a[@rel='author']")[0]) == "<b onmouseover=alert(3)>Mallory</b>"
    assert "Evil <i>Times</i> & Co" in text(root.xpath("//section[@class='provenance']")[0])
    assert "<b>hostile.html</b>" in text(root.xpath("//section[@class='provenance']")[0])
    assert not root.xpath("//a[@class='archived-url']")  # a javascript: address is no link
    assert "earlier.html" in text(root.xpath("//section[@class='provenance']")[0])
    assert "<script>alert(9)</script>" in text(root.xpath("//div[@class='article-body']")[0])


def test_no_page_carries_markup_from_metadata(local):
    for path in html_pages(local):
        root = lxml.html.parse(str(path)).getroot()
        for element in root.iter():
            if not isinstance(element.tag, str):
                continue
            assert not [a for a in element.attrib if a.lower().startswith("on")], (path, element.tag)
            for attribute in ("href", "src"):
                value = (element.get(attribute) or "").strip().lower()
                assert not value.startswith(("javascript:", "vbscript:", "data:text")), (path, value)
            assert element.tag not in ("iframe", "object", "embed", "form", "svg", "b", "i"), (path, element.tag)
            style = element.get("style")
            assert style is None or style in ALLOWED_STYLES, (path, style)
        for element in root.iter("script"):
            assert element.get("src") or element.get("type") == "application/ld+json", path
            assert not element.get("src", "").startswith(("http:", "https:", "//")), path


def test_json_ld_cannot_close_its_script_and_parses(local):
    raw = (local.output / HOSTILE).read_text(encoding="utf-8")
    block = raw.split('<script type="application/ld+json">', 1)[1].split("</script>", 1)[0]
    assert "<" not in block and ">" not in block
    data = json.loads(block)
    assert data["headline"] == HOSTILE_TITLE
    assert data["author"] == [{"@type": "Person", "name": "<b onmouseover=alert(3)>Mallory</b>"}]
    assert "isBasedOn" not in data  # a javascript: "original" is no address
    assert json.loads(json_for_script({"a": "</script>&"})) == {"a": "</script>&"}


def test_javascript_source_url_is_never_a_link():
    assert web_link("javascript:alert(1)") is None
    assert web_link(" https://example.org/a b") is None
    assert web_link("https://example.org/a") == "https://example.org/a"


# Theme rules: landmarks, headings, CSP, nothing external ------------------------------------------------

def test_every_page_has_landmarks_one_h1_ordered_headings_and_csp(local):
    for path in html_pages(local):
        root = lxml.html.parse(str(path)).getroot()
        where = path.relative_to(local.output)
        assert root.xpath("//header[@class='site-header']") and root.xpath("//main[@id='main']"), where
        assert root.xpath("//footer") and root.xpath("//nav[@aria-label]"), where
        assert root.xpath("//a[@class='skip-link']/@href") == ["#main"], where
        assert len(root.xpath("//h1")) == 1, where
        levels = [int(h.tag[1]) for h in root.iter("h1", "h2", "h3", "h4", "h5", "h6")]
        assert levels[0] == 1, where
        assert all(b <= a + 1 for a, b in zip(levels, levels[1:])), (where, levels)
        csp = root.xpath("//meta[@http-equiv='Content-Security-Policy']/@content")[0]
        assert "default-src 'none'" in csp and "script-src 'self'" in csp, where
        for element in root.iter("img", "script", "link"):
            for attribute in ("src", "href"):
                value = element.get(attribute) or ""
                assert not re.match(r"^(https?:)?//", value) or element.get("rel") == "canonical", (where, value)
        for img in root.iter("img"):
            assert img.get("alt") is not None, (where, img.get("src"))


@pytest.mark.parametrize("relative, current", [
    ("topics/index.html", "Topics"), ("topics/politics.html", "Topics"), ("tags/riverton.html", "Topics"),
    ("authors/index.html", "Authors"), ("authors/amara-okafor.html", "Authors"), ("sites/index.html", "Publications"),
    ("archives/index.html", "Archive"), ("archives/2024/index.html", "Archive"), ("search.html", "Search"),
])
def test_current_section_is_marked_in_the_nav(local, relative, current):
    marked = page(local, relative).xpath("//nav[@aria-label='Sections']//a[@aria-current='page']")
    assert [text(a) for a in marked] == [current]


def test_article_carries_open_graph_and_canonical_when_published(local, published):
    root = page(published, BRIDGE)
    meta = {m.get("property"): m.get("content") for m in root.xpath("//meta[@property]")}
    assert meta["og:title"] == "Harbour bridge reopens after two years of repairs"
    assert meta["og:type"] == "article"
    assert meta["og:url"] == f"{PUBLISHED_SITEURL}/{BRIDGE}"
    assert meta["og:image"] == f"{PUBLISHED_SITEURL}/images/harbour-bridge.png"
    assert meta["article:published_time"].startswith("2024-03-05")
    assert root.xpath("//link[@rel='canonical']/@href") == [f"{PUBLISHED_SITEURL}/{BRIDGE}"]
    ld = json.loads(root.xpath("//script[@type='application/ld+json']")[0].text)
    assert ld["@type"] == "NewsArticle" and ld["url"] == meta["og:url"] and ld["image"] == meta["og:image"]
    assert ld["author"] == [{"@type": "Person", "name": "Amara Okafor"}]
    assert ld["publisher"] == {"@type": "Organization", "name": "Harbor Gazette"}
    assert ld["isBasedOn"] == "https://harborgazette.example/2024/03/05/harbour-bridge-reopens"
    assert not page(local, BRIDGE).xpath("//link[@rel='canonical'] | //meta[@property='og:url']")


# Feeds, sitemap, robots.txt ---------------------------------------------------------------------------

ATOM = "{http://www.w3.org/2005/Atom}"


def test_published_build_has_atom_feeds_with_absolute_links(published):
    for relative in ("feeds/all.atom.xml", "feeds/topics/politics.atom.xml", "feeds/authors/luis-fischer.atom.xml"):
        feed = ET.parse(published.output / relative).getroot()
        links = [link.get("href") for link in feed.iter(f"{ATOM}link")]
        assert links and all(h.startswith(PUBLISHED_SITEURL + "/") for h in links), (relative, links)
        for entry in feed.iter(f"{ATOM}entry"):
            assert entry.find(f"{ATOM}id").text.startswith("tag:example.org,")
    home = page(published, "index.html")
    assert home.xpath("//link[@type='application/atom+xml']/@href") == ["./feeds/all.atom.xml"]
    assert "../feeds/topics/politics.atom.xml" in hrefs(page(published, "topics/politics.html"))


def test_feed_entries_carry_absolute_image_and_link_addresses(published):
    feed = ET.parse(published.output / "feeds" / "all.atom.xml").getroot()
    contents = {entry.find(f"{ATOM}title").text: entry.find(f"{ATOM}content").text for entry in feed.iter(f"{ATOM}entry")}
    bridge = lxml.html.fromstring(contents["Harbour bridge reopens after two years of repairs"])
    assert bridge.xpath("//img/@src") == [f"{PUBLISHED_SITEURL}/images/harbour-bridge.png"]
    for content in contents.values():
        for value in lxml.html.fromstring(content).xpath("//@href | //@src"):
            assert re.match(r"^(https?:|#)", value), value


def test_local_build_writes_no_feeds_or_sitemap_and_links_none(local):
    assert not (local.output / "feeds").exists()
    assert not (local.output / "sitemap.xml").exists()
    assert (local.output / "robots.txt").read_text() == "User-agent: *\nAllow: /\n"
    assert not page(local, "index.html").xpath("//link[@type='application/atom+xml']")


def test_sitemap_lists_every_article_under_siteurl(published):
    tree = ET.parse(published.output / "sitemap.xml").getroot()
    ns = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    locations = [loc.text for loc in tree.iter(f"{ns}loc")]
    assert len(locations) == len(set(locations))
    for location in locations:
        assert location.startswith(PUBLISHED_SITEURL + "/")
        assert (published.output / location[len(PUBLISHED_SITEURL) + 1:]).exists(), location
    for path, front in published.articles():
        assert any(loc.endswith("/" + path.stem + ".html") for loc in locations), path
    robots = (published.output / "robots.txt").read_text()
    assert f"Sitemap: {PUBLISHED_SITEURL}/sitemap.xml" in robots


# Plugin pieces on their own ---------------------------------------------------------------------------

def test_bad_plugin_setting_stops_the_build_naming_the_key():
    with pytest.raises(SettingError, match="QUIETPRESS_SEARCH_SHARD_BYTES"):
        apply_defaults({"QUIETPRESS_SEARCH_SHARD_BYTES": 0})
    with pytest.raises(SettingError, match="PUBLICATION_SAVE_AS"):
        apply_defaults({"PUBLICATION_SAVE_AS": "../outside.html"})


def test_plain_text_keeps_words_apart_and_unescapes():
    assert plain_text("<p>One&amp;two</p><p>three</p><ul><li>four</li></ul>") == "One&two three four"
    placeholder = ('<p><a class="remote-image" href="https://x.example/a.jpg"><span class="remote-image-label">Image not '
                   'archived: view the original</span> <span class="remote-image-alt">A quay</span></a></p><p>After</p>')
    assert plain_text(placeholder) == "After"


class _Term:
    def __init__(self, slug):
        self.slug = slug


class _Article:
    def __init__(self, name, category, tags):
        self.source_path, self.category, self.tags = name, _Term(category), [_Term(t) for t in tags]


def test_related_prefers_rare_shared_tags_over_common_ones():
    articles = [_Article("a", "news", ["rare", "common"]), _Article("b", "news", ["common"]),
                _Article("c", "sport", ["rare"]), *[_Article(f"x{i}", "news", ["common"]) for i in range(20)]]
    related = related_articles(articles, count=2, window=50)
    assert [r.source_path for r in related["a"]][0] == "c"
    assert all(r.source_path != "b" for r in related["b"])


# Search index -----------------------------------------------------------------------------------------

def _doc(title, text, topic="News", site="Gazette", authors=("A. Writer",)):
    return SearchDoc(title=title, url=f"articles/{title}.html", date="1 May 2024", iso_date="2024-05-01", site=site,
                     topic=topic, authors=authors, tags=(), text=text)


def test_tokenizer_folds_case_and_accents_and_drops_single_letters():
    assert tokenize("Café São Paulo: a B2B déjà-vu, x") == ["cafe", "sao", "paulo", "b2b", "deja", "vu"]


def test_a_word_with_soft_hyphens_or_zero_width_spaces_is_one_term():
    assert tokenize("Die Bundes\u00adregierung hat den Hafen\u200bausbau beschlossen") == \
        ["die", "bundesregierung", "hat", "den", "hafenausbau", "beschlossen"]


def test_every_term_lives_in_the_shard_of_its_longest_key_and_shards_keep_to_budget():
    sizes = {f"{a}{b}{c}": 40 for a in "abc" for b in "abcdef" for c in "xyz"} | {"a": 10, "ab": 10, "abx": 5000}
    shards = split_shards(sizes, 300)
    placed = {term: key for key, terms in shards.items() for term in terms}
    assert sorted(placed) == sorted(sizes)
    for term, key in placed.items():
        assert term.startswith(key)
        assert key == max((k for k in shards if term.startswith(k)), key=len), term
    for key, terms in shards.items():
        assert sum(sizes[t] for t in terms) <= 300 or len(terms) == 1, key


def test_index_postings_point_at_the_documents_that_hold_the_word():
    docs = [_doc("Harbour bridge", "The bridge reopened."), _doc("Budget", "Council budget, flood wardens."),
            _doc("Flood report", "The flood defences held.", topic="Climate")]
    index = build_index(docs, 200)
    shards = {key: data.data() for path, (kind, key, data) in index.files.items() if kind == "t"}
    postings = {term: flat for data in shards.values() for term, flat in data.items()}
    docs_of = lambda flat: [sum(flat[0:i + 1:2]) for i in range(0, len(flat), 2)]  # noqa: E731
    assert docs_of(postings["flood"]) == [1, 2]
    assert docs_of(postings["bridge"]) == [0]
    # A word in the title outweighs the same word in the body.
    assert postings["flood"][3] > postings["flood"][1]
    manifest = index.files["search/manifest.js"][2]
    assert manifest["facets"]["topic"] == [["Climate", 1], ["News", 2]]
    assert index.files["search/f/topic-0.js"][2] == [2]


def test_index_uses_the_given_ids_for_postings_facets_and_files():
    docs = [_doc("Harbour bridge", "The bridge reopened."), _doc("Flood report", "The flood held.", topic="Climate")]
    index = build_index(docs, 200, ids=[3, 7])
    postings = {term: flat for path, (kind, key, data) in index.files.items() if kind == "t"
                for term, flat in data.data().items()}
    assert postings["bridge"][0] == 3 and postings["flood"][0] == 7
    documents = {key: data for path, (kind, key, data) in index.files.items() if kind == "d"}
    # DOCS_PER_FILE ids share a file: 3 is in file 0, 7 in file 1 (four to a file).
    assert documents == {str(i // DOCS_PER_FILE): {str(i): documents[str(i // DOCS_PER_FILE)][str(i)]} for i in (3, 7)}


def test_index_gives_each_document_its_facet_values_for_counting_a_query():
    docs = [_doc("Bridge", "The bridge.", topic="Transport", authors=()),
            _doc("Budget", "The budget.", topic="Politics", authors=("Amara Okafor", "Luis Fischer")),
            _doc("Flood", "The flood.", topic="Climate", site=None, authors=("Luis Fischer",))]
    index = build_index(docs, 200, ids=[0, 1, 3])
    manifest = index.files["search/manifest.js"][2]
    assert manifest["facets"]["topic"] == [["Climate", 1], ["Politics", 1], ["Transport", 1]]
    # By id, as numbers of the manifest's values; several as a list; -1 for none or no document (id 2).
    assert index.files["search/facets.js"][2] == {"topic": [2, 1, -1, 0], "author": [-1, [0, 1], -1, 1],
                                                 "site": [0, 0, -1, -1]}


def test_snippet_text_leaves_figures_out_but_their_words_are_searched():
    from types import SimpleNamespace

    from quietpress.site.search import _article_text

    rendered = ('<p>The quay reopened.</p><figure class="article-figure"><span class="remote-image missing-image">'
                '<span class="remote-image-label">Image not archived: the capture kept only its caption</span></span>'
                '<figcaption><p>Cormorants on the wall.</p><small class="credit">Lee Park</small></figcaption>'
                '</figure><p>Boats are back.</p>')
    text = _article_text(SimpleNamespace(_content=rendered), 1000)
    assert text.prose == "The quay reopened. Boats are back."
    assert text.captions == "Cormorants on the wall. Lee Park"
    doc = SearchDoc(title="Quay", url="q.html", date="", iso_date=None, site=None, topic=None, authors=(), tags=(),
                    load_text=lambda: text)
    index = build_index([doc], 2000)
    terms = {term for _, (kind, _, data) in index.files.items() if kind == "t" for term in data.data()}
    assert {"cormorants", "park", "boats"} <= terms and "archived" not in terms
    assert index.files["search/d/0.js"][2]["0"]["x"] == "The quay reopened. Boats are back."


def test_search_ids_survive_an_older_article_added(tmp_path):
    registry = IdRegistry(tmp_path / "ids.json")
    assert registry.assign(["b", "c"]) == [0, 1]
    registry.save()
    again = IdRegistry(tmp_path / "ids.json")
    assert again.assign(["a", "b", "c"]) == [2, 0, 1]
    (tmp_path / "ids.json").write_text("not json")
    assert IdRegistry(tmp_path / "ids.json").assign(["a", "b"]) == [0, 1]


def test_index_files_are_json_in_one_call_that_cannot_break_out():
    line = script("d", "0", {"t": "</script><script>alert(1)</script>\u2028"})
    assert line.startswith('quietpressSearch.receive("d","0",{') and line.endswith("});\n")
    payload = line[len('quietpressSearch.receive("d","0",'):-3]
    assert json.loads(payload)["t"].startswith("</script>")


# Contrast of the theme's colour tokens (WCAG AA: 4.5:1 for text) ----------------------------------------

SCREEN_CSS = Path(__file__).resolve().parent.parent / "theme" / "static" / "css" / "screen.css"
# (text token, background token) pairs the stylesheet actually uses for text.
TEXT_PAIRS = [("fg", "bg"), ("muted", "bg"), ("accent", "bg"), ("accent-hover", "bg"), ("fg", "surface"),
              ("muted", "surface"), ("accent", "surface"), ("mark-fg", "mark")]


def _tokens(block: str) -> dict[str, str]:
    return dict(re.findall(r"--([a-z-]+):\s*(#[0-9a-fA-F]{6})\s*;", block))


def _luminance(colour: str) -> float:
    channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(a: str, b: str) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_text_colours_meet_wcag_aa_in_light_and_both_dark_blocks():
    css = SCREEN_CSS.read_text(encoding="utf-8")
    light = _tokens(css.split(":root {", 1)[1].split("}", 1)[0])
    system_dark = _tokens(css.split(':root:not([data-theme="light"]) {', 1)[1].split("}", 1)[0])
    chosen_dark = _tokens(css.split(':root[data-theme="dark"] {', 1)[1].split("}", 1)[0])
    assert system_dark == chosen_dark, "the two dark blocks must stay the same"
    for name, tokens in (("light", light), ("dark", chosen_dark)):
        for text_token, background in TEXT_PAIRS:
            ratio = _contrast(tokens[text_token], tokens[background])
            assert ratio >= 4.5, f"{name}: --{text_token} on --{background} is {ratio:.2f}:1"


def test_index_written_in_the_background_and_a_failure_stops_the_build(tmp_path):
    docs = [_doc("Harbour bridge", "The bridge reopened.")]
    finish_index_job(start_index_job(docs, [0], 1000, str(tmp_path / "out")))
    assert (tmp_path / "out" / "search" / "manifest.js").exists()
    (tmp_path / "blocked").write_text("a file where the output folder should be")
    with pytest.raises(QuietpressError, match="search index not written"):
        finish_index_job(start_index_job(docs, [0], 1000, str(tmp_path / "blocked")))


def test_csp_hashes_are_exactly_the_allowed_table_alignments(local):
    csp = page(local, "index.html").xpath("//meta[@http-equiv='Content-Security-Policy']/@content")[0]
    hashes = set(re.findall(r"'sha256-([^']+)'", csp))
    assert hashes == {base64.b64encode(hashlib.sha256(s.encode()).digest()).decode() for s in ALLOWED_STYLES}


def test_undated_article_is_filed_under_no_year(local):
    root = page(local, "archives/index.html")
    years = " ".join(text(h) for h in root.xpath("//main//h2[a]"))
    assert "1970" not in years
    for section in root.xpath("//section[contains(@class, 'archive-year')]"):
        assert "Museum opens its doors late on Fridays" not in text(section)
    assert not list(local.output.rglob("1970*"))


def test_site_section_shows_on_the_article_and_on_its_publication_page(local):
    byline = page(local, BUDGET).xpath("//p[@class='byline']")[0]
    assert text(byline.xpath(".//span[@class='section']")[0]) == "City Hall"
    publication = page(local, "sites/harbor-gazette.html")
    assert "City Hall" in [text(li) for li in publication.xpath("//section[h2[@id='sections-heading']]//li")]
