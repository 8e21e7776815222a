"""Pages that are not articles (listings, product pages, forum threads) are recognised and skipped."""

from __future__ import annotations

import dataclasses
import importlib.util
import re
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from captures import ROOT, articles, run_import
from golden import import_case
from quietpress.capture import read_capture_file
from quietpress.decode import decode_capture
from quietpress.extract import extract_article
from quietpress.extract.pagetype import (BodyShape, PageShape, WEIGHTS, classify_page, judge, measure_body,
                                         measure_page, measurements, not_article_score, page_type)
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


@pytest.mark.parametrize("layout", sorted(p.name for p in (ROOT / "tests" / "layouts2008").iterdir() if p.is_dir()))
def test_every_page_in_the_layouts_of_the_late_2000s_is_an_article(layout):
    # Those pages carry no metadata: the date under the headline (an <h2> the <title> repeats, on a
    # blog with no <h1>) is their clue of a story.
    folder = ROOT / "tests" / "layouts2008" / layout
    document = decode_capture(next(iter(read_capture_file(folder, folder / "page.html"))))
    verdict = page_type(document, extract_article(document))
    assert verdict.is_article, verdict.reason


def test_sample_captures_are_all_articles(tmp_path):
    result = run_import(ROOT / "examples" / "captures", tmp_path / "content")
    assert "0 not an article" in result.stdout, result.stdout


STORY = "".join(f"<p>{'The harbour board met on Tuesday and talked about the ferry terminal for hours. ' * 5}</p>"
                for _ in range(6))


def test_a_faq_pages_questions_make_no_forum_thread():
    # FAQ markup lists each question as a `Question` node: the page is still the story around them.
    page = ('<html><head><script type="application/ld+json">{"@graph": [{"@type": "FAQPage", "mainEntity": '
            '{"@type": "Question", "name": "When?"}}]}</script><title>How the new ferry timetable works for commuters</title>'
            f'</head><body><h1>How the new ferry timetable works for commuters</h1>{STORY}</body></html>')
    assert classify_page(parse_html(page), measure_body(STORY)).is_article


def test_a_site_name_in_the_h1_does_not_make_an_article_a_listing():
    # Some themes print the site's name as the h1 of every page; the title still holds the headline.
    shape = PageShape(declared=frozenset({"og:website"}), dated=False, headline_words=2, headings=0,
                      heading_links=0, linked_pictures=3)
    body = BodyShape(words=1200, long_paragraphs=12, title_words=11)
    assert judge(shape, body).is_article
    assert not judge(shape, BodyShape(words=30, title_words=2)).is_article


def test_the_listing_fixture_stays_a_listing_when_its_theme_says_og_article():
    text = (PAGES / "listing_local_news.html").read_text(encoding="utf-8").replace('content="website"', 'content="article"')
    assert classify_page(parse_html(text), measure_body("<p>text</p>")).kind == "listing"


def test_weights_name_every_measurement():
    shape = PageShape(declared=frozenset(), dated=False, headline_words=0, headings=0, heading_links=0, linked_pictures=0)
    assert set(measurements(shape, BodyShape(words=0))) == set(WEIGHTS)


@pytest.mark.parametrize("name", sorted([*NOT_ARTICLES, "article_with_related_links.html"]))
def test_the_shape_measured_during_extraction_gives_the_verdict_of_a_fresh_parse(name):
    # Extraction prunes its tree; the page is measured before that, so no second parse is needed.
    capture = next(iter(read_capture_file(PAGES, PAGES / name)))
    document = decode_capture(capture)
    article = extract_article(document)
    assert article.page_shape == measure_page(parse_html(document.text))
    fresh = classify_page(parse_html(document.text), measure_body(article.body_html, article))
    assert page_type(document, article) == fresh


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


def test_chinese_and_japanese_text_is_counted_in_characters_not_in_runs_between_spaces():
    # Without spaces a whole paragraph would be one word, and every such article a list of short items.
    paragraph = "<p>" + "市长表示，商户们将在夏天之前回来。" * 4 + "</p>"
    assert measure_body(paragraph).long_paragraphs == 1
    assert measure_body("<p>The mayor said the traders would return.</p>").words == 7


def test_a_page_where_nothing_speaks_for_a_list_stays_an_article():
    shape = PageShape(declared=frozenset(), dated=False, headline_words=0, headings=0, heading_links=0, linked_pictures=0)
    verdict = judge(shape, BodyShape(words=35))
    assert verdict.is_article and verdict.reason == "no evidence against"


def paginated(body: str, head: str = "") -> bool:
    return measure_page(parse_html(f"<html><head>{head}</head><body><h1>News</h1>{body}</body></html>")).paginated


def test_a_page_that_links_to_its_next_page_is_measured_as_paginated():
    assert paginated("", '<link rel="next" href="/news/page/2">')
    for pager in ('<a rel="next" href="?page=2">Older</a>', '<ul class="page-numbers"><li><a href="/p/2">2</a></li></ul>',
                  '<nav class="pagination"><a href="/news/">1</a> <a href="/news/?start=20">Older</a></nav>',
                  '<div class="nav-links"><a class="page-numbers" href="/news/">3</a></div>'):
        assert paginated(pager), pager
    assert not paginated("<p>One story.</p>")


def test_a_link_to_the_next_story_is_no_pager():
    # Themes mark the link to the next post rel="next", and Bootstrap names its previous/next
    # story links a "pager": story pages carry them as often as lists do.
    assert not paginated('<a rel="next" href="/2020/04/council-buys-five-cars/">Next story</a>')
    assert not paginated('<ul class="pager"><li><a href="/older-story">Older</a></li><li><a href="/newer">Newer</a></li></ul>')
    assert not paginated('<nav class="pagination"></nav>')
    # A number beyond any pager's (a year, a count) is no page number.
    assert not paginated('<div class="pager"><a href="/archive/">2020</a></div>')


def test_pager_names_are_read_within_one_class_value_and_rel_in_any_case():
    # Two values that spell a pager name only when run together are not a pager.
    assert not paginated('<div class="page-"><a href="/n/">2</a></div><div class="numbers"></div>')
    assert not paginated('<div class="pag"><p class="ination"><a href="/n/">2</a></p></div>')
    assert paginated('<div class="story"><ul class="list site-pager"><a href="/n/">2</a> 3</ul></div>')
    assert paginated('<a rel="Prev NEXT" href="?p=2">More</a>')
    assert not paginated('<a rel="nextpage" href="?p=2">More</a>')
    assert not paginated('<a class="next" href="?p=2">More</a>')


def test_a_paragraph_said_twice_in_the_body_is_counted_once_as_repeated():
    teaser = "<p>The harbour board will meet on Tuesday to decide the future of the old ferry terminal.</p>"
    assert measure_body(teaser + "<p>Other words entirely.</p>" + teaser.replace(" will", "  will")).repeated_paragraphs == 1
    # A short line said twice ("Advertisement", "Read more") is no teaser.
    assert measure_body("<p>Read more</p>" * 3 + teaser).repeated_paragraphs == 0


def test_pagination_and_a_repeated_paragraph_each_speak_for_a_list():
    shape = PageShape(declared=frozenset(), dated=False, headline_words=6, headings=4, heading_links=1, linked_pictures=2)
    body = BodyShape(words=400, long_paragraphs=2, title_words=6)
    score = not_article_score(shape, body)
    assert not_article_score(dataclasses.replace(shape, paginated=True), body) > score
    assert not_article_score(shape, dataclasses.replace(body, repeated_paragraphs=2)) > score


def test_an_embedded_video_does_not_make_a_section_front_an_article():
    # Fronts and product pages declare the videos they embed as VideoObject, as stories do.
    video = '<script type="application/ld+json">{"@type": "VideoObject", "name": "Harbour at dawn"}</script></head>'
    text = (PAGES / "listing_local_news.html").read_text(encoding="utf-8").replace("</head>", video, 1)
    assert classify_page(parse_html(text), measure_body("<p>text</p>")).kind == "listing"


def test_the_fitting_script_prints_what_each_lost_tune_article_would_buy(capsys):
    numpy = pytest.importorskip("numpy")
    spec = importlib.util.spec_from_file_location("fit_pagetype", ROOT / "scripts" / "fit_pagetype.py")
    fit_pagetype = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(fit_pagetype)
    scores = numpy.array([-3.0, 0.0, 1.0, 0.5, 2.0, -1.0, 1.5])
    labels = numpy.array(["article", "article", "article", "listing", "listing", "product", "forum"])
    fit_pagetype.print_tail(scores, labels, lost=2)
    rows = capsys.readouterr().out.splitlines()
    # Losing no article, the threshold is the highest article score, 1.0: one listing of two and the
    # forum thread score above it. Losing that article, it is the next one's 0.0: both listings do.
    assert [row.split()[-4:] for row in rows[1:]] == [["50%", "-", "0%", "100%"], ["100%", "-", "0%", "100%"]]


@pytest.mark.parametrize("declared", ["CollectionPage", "SearchResultsPage"])
def test_a_page_declaring_itself_a_collection_is_a_listing_however_long_its_text(declared):
    # A blog's front page or a category page, marked so by its CMS: the first story's whole text
    # under it does not make it that story.
    page = (f'<html><head><script type="application/ld+json">{{"@graph": [{{"@type": "{declared}"}}]}}</script>'
            f'<title>Harbour news</title></head><body><h1>How the new ferry timetable works for commuters</h1>{STORY}</body></html>')
    verdict = classify_page(parse_html(page), measure_body(STORY))
    assert verdict.kind == "listing" and declared.lower() in verdict.reason


def test_an_article_holding_an_item_list_stays_an_article():
    # Listicles and round-ups declare the list they hold; declaring an article they stay one.
    page = ('<html><head><script type="application/ld+json">{"@graph": [{"@type": "ItemList"}, {"@type": "Article"}, '
            '{"@type": "CollectionPage"}]}</script><title>Ten ferries</title></head>'
            f'<body><h1>Ten ferries worth the crossing this summer</h1>{STORY}</body></html>')
    assert classify_page(parse_html(page), measure_body(STORY)).is_article


def _undeclared(page: str) -> str:
    """The page without its JSON-LD and og:type: a shop whose theme declares nothing."""
    return re.sub(r'<script type="application/ld\+json">.*?</script>|<meta property="og:type"[^>]*>', "", page, flags=re.S)


def test_a_page_with_a_cart_control_and_a_price_is_a_product_without_declaring_one():
    page = _undeclared((PAGES / "product_rain_jacket.html").read_text(encoding="utf-8"))
    assert "Product" not in page
    root = parse_html(page)
    assert measure_page(root).sells
    assert classify_page(root, measure_body("<p>A light, fully taped rain jacket for coastal walks.</p>")).kind == "product"


@pytest.mark.parametrize("shop_markup", [
    # A shop's blog post: its header's cart drawer shows an empty subtotal and a checkout button.
    '<div class="cart-drawer"><span class="cart__subtotal-price">$0.00</span>'
    '<form action="/cart" method="post"><button name="checkout">Check out</button></form></div>',
    # An add-to-cart button without a price: a product block beside the story.
    '<aside><a href="/p/ferry-pass">Ferry pass</a><button class="add-to-cart">Add to cart</button></aside>',
    # Prices the story names, without anything to buy them with.
    '<table><tr><td>Day return</td><td class="price">£12.50</td></tr></table>',
])
def test_shop_markup_short_of_a_cart_and_a_price_does_not_make_a_product(shop_markup):
    page = (f'<html><head><title>Ferry fares</title></head><body><header>{shop_markup}</header>'
            f'<h1>How the new ferry timetable works for commuters</h1>{STORY}</body></html>')
    root = parse_html(page)
    assert not measure_page(root).sells
    assert classify_page(root, measure_body(STORY)).is_article


@pytest.mark.parametrize("control", [
    '<button data-testid="add-to-cart-button">Buy</button>',          # a test hook names it
    '<button aria-label="Add to bag, Rain jacket">+</button>',         # its label for screen readers
    '<button type="button">Add to cart</button>',                       # only its words say it
    '<button><span>In den Warenkorb</span></button>',                   # in a German shop
    '<input type="submit" value="Ajouter au panier">',                  # a French shop's form
])
def test_a_cart_control_is_known_by_any_of_its_names_or_by_its_label(control):
    page = f'<html><body><h1>Rain jacket</h1>{control}<span class="price">$89.00</span></body></html>'
    assert measure_page(parse_html(page)).sells


def test_a_button_whose_words_are_a_sentence_about_carts_is_no_cart_control():
    # A story's buttons link on to other stories ("Add to cart: seven designs ..."), a label is a few words.
    page = ('<html><body><h1>Shopping online</h1><button>Add to cart: seven button designs that convert better</button>'
            '<button>Why we add to cart and never buy</button><span class="price">$89.00</span></body></html>')
    assert not measure_page(parse_html(page)).sells


@pytest.mark.parametrize("amount, shown", [
    ("$19.99", True), ("19,99 €", True), ("CHF 45.–", False), ("CHF 45", True), ("R$ 120,00", True),
    ("1 299 kr", True), ("£0.00", False), ("Free shipping", False), ("Only $19.99 while stocks last this week", False),
])
def test_a_price_is_an_element_named_for_one_holding_an_amount_of_money(amount, shown):
    page = (f'<html><body><form action="/cart/add"><button>Buy</button></form>'
            f'<span class="product-price">{amount}</span></body></html>')
    assert measure_page(parse_html(page)).sells is shown


def test_a_date_shown_under_the_headline_dates_a_page_without_metadata():
    # Pages of the late 2000s carry no publication date in their metadata: the byline's is the clue.
    story = "<h1>Council backs the new ferry</h1><p>By Ada Obi</p><p>March 3, 2008</p><p>" + "The vote was close. " * 12 + "</p>"
    assert measure_page(parse_html(f"<html><body>{story}</body></html>")).dated
    undated = story.replace("<p>March 3, 2008</p>", "")
    assert not measure_page(parse_html(f"<html><body>{undated}</body></html>")).dated
    # A date far down a page (a teaser's, a footer's) dates nothing.
    teasers = "<h1>News</h1>" + "<h2><a href='/a'>Ferry vote</a></h2><p>" + "Councillors met. " * 30 + "</p><p>March 3, 2008</p>"
    assert not measure_page(parse_html(f"<html><body>{teasers}</body></html>")).dated
