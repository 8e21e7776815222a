"""Metadata rules: each field from the most trusted source, cleaned the same way for every site."""

from __future__ import annotations

import json

import lxml.html
import pytest

from quietpress.extract.metadata import clean_url, extract_metadata, split_authors, strip_site_suffix


def page(head: str = "", body: str = "", lang: str = "en") -> lxml.html.HtmlElement:
    return lxml.html.document_fromstring(f'<html lang="{lang}"><head>{head}</head><body>{body}</body></html>')


def ld(data: object) -> str:
    return f'<script type="application/ld+json">{json.dumps(data)}</script>'


# --- authors -------------------------------------------------------------------------------------

def test_byline_joined_by_and_gives_two_authors():
    assert split_authors(["By Jane Doe and John Smith"]) == ["Jane Doe", "John Smith"]


def test_byline_role_words_are_not_authors():
    assert split_authors(["By Jane Doe and John Smith, Staff Writers"]) == ["Jane Doe", "John Smith"]
    assert split_authors(["Ada Obi, Senior Correspondent"]) == ["Ada Obi"]
    assert split_authors(["Ada Obi in Lagos"]) == ["Ada Obi"]


def test_byline_in_other_languages_and_capitals():
    assert split_authors(["Von Anna Müller und Jörg Berg"]) == ["Anna Müller", "Jörg Berg"]
    assert split_authors(["Por Lucía Ferrer y Tomás Rivas"]) == ["Lucía Ferrer", "Tomás Rivas"]
    assert split_authors(["BY MARTA OLIVEIRA | Senior Correspondent"]) == ["Marta Oliveira"]


def test_byline_drops_addresses_and_links():
    assert split_authors(["https://social.example/janedoe"]) == []
    assert split_authors(["jane@example.org"]) == []


def test_json_ld_organisation_is_never_an_author():
    people = page(ld({"@type": "NewsArticle", "headline": "H", "author": [
        {"@type": "Person", "name": "Jane Doe"}, {"@type": "Organization", "name": "Wire Service"}]}))
    assert extract_metadata(people).authors == ("Jane Doe",)
    only_org = page(ld({"@type": "NewsArticle", "headline": "H", "author": {"@type": "Organization", "name": "Wire Service"}}))
    assert extract_metadata(only_org).authors == ()


def test_site_code_gives_way_to_the_name_that_spells_it():
    head = '<meta property="og:site_name" content="https://www.newsnation.in"><title>Oxygen bar - News Nation</title>'
    assert extract_metadata(page(head), "https://www.newsnation.in/fact-check/oxygen-bar").site == "News Nation"
    head = '<meta property="og:site_name" content="cleveland"><title>Doobie Brothers to reunite - cleveland.com</title>'
    assert extract_metadata(page(head), "https://www.cleveland.com/entertainment/doobie").site == "cleveland.com"


def test_section_given_as_site_name_gives_way_to_the_title_suffix_naming_the_address():
    head = '<meta property="og:site_name" content="U.S."><title>Oil drifts lower - Reuters</title>'
    assert extract_metadata(page(head), "https://www.reuters.com/article/oil-idUS1").site == "Reuters"


def test_a_portal_keeps_its_name_over_its_source_logo():
    # A syndicating portal's page: its address (canonical) is the source's, its logo the source's.
    head = '<meta property="og:site_name" content="MSN"><link rel="canonical" href="https://www.cnn.com/2019/story">'
    assert extract_metadata(page(head, '<img class="logo" src="/cnn.png" alt="CNN">')).site == "MSN"


def test_a_name_sharing_letters_with_the_address_stays():
    head = '<meta property="og:site_name" content="The Beachbody Blog"><title>Workouts | The Beachbody Blog</title>'
    body = '<img class="logo" src="/l.png" alt="Beachbody on Demand">'
    assert extract_metadata(page(head, body), "https://www.beachbodyondemand.com/blog/workouts").site == "The Beachbody Blog"


def test_byline_and_image_file_name_are_not_publications():
    head = '<meta property="og:site_name" content="Elevate"><title>Leading teams - by Addy Osmani</title>'
    assert extract_metadata(page(head), "https://addyo.substack.com/p/leading").site == "Elevate"
    body = '<img class="logo" src="/ascom-image.png" alt="ascom-image">'
    assert extract_metadata(page("", body), "https://www.ascom.com/news/x").site is None


# --- title ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("raw", ["Harbour cranes return to Vell | The Tidewater Courier",
                                 "Harbour cranes return to Vell - The Tidewater Courier",
                                 "Harbour cranes return to Vell — The Tidewater Courier",
                                 # the separators of older blog and CMS themes
                                 "Harbour cranes return to Vell « The Tidewater Courier",
                                 "Harbour cranes return to Vell :: The Tidewater Courier",
                                 "The Tidewater Courier » Harbour cranes return to Vell"])
def test_title_loses_site_suffix(raw):
    assert strip_site_suffix(raw, "The Tidewater Courier") == "Harbour cranes return to Vell"


def test_title_keeps_a_dash_that_is_part_of_it():
    assert strip_site_suffix("Cranes - and why the port needs them", None) == "Cranes - and why the port needs them"


def test_title_from_og_without_site_suffix():
    root = page('<meta property="og:title" content="Ferry strike ends | Lakeside Herald">'
                '<meta property="og:site_name" content="Lakeside Herald">')
    assert extract_metadata(root).title == "Ferry strike ends"


@pytest.mark.parametrize("masthead", ['<a href="/"><h1>Harbour Daily News</h1></a>',
                                      '<h1 class="logo"><a href="https://harbour.example/">Harbour Daily</a></h1>',
                                      '<a href="/index.html"><h1>항구 일보</h1></a>'])
def test_masthead_heading_linking_home_is_not_the_headline(masthead):
    # The page's only other <h1> is the headline the reader sees, over the title its metadata declares.
    root = page('<meta property="og:title" content="Quay cranes: what the port plans next">',
                f'<div id="header">{masthead}</div><h1>Cranes return to the old quay</h1><p>Text.</p>')
    assert extract_metadata(root).title == "Cranes return to the old quay"


def test_masthead_gives_way_to_the_page_title_when_no_other_heading():
    root = page("<title>Cranes return to the old quay - Harbour Daily</title>",
                '<a href="/"><h1>항구 일보</h1></a><h2>Most read</h2><p>Text.</p>')
    assert extract_metadata(root).title == "Cranes return to the old quay"


# --- dates ---------------------------------------------------------------------------------------

def test_published_date_keeps_its_time_zone():
    root = page('<meta property="article:published_time" content="2024-03-05T08:15:00+01:00">'
                '<meta property="article:modified_time" content="2024-03-05T10:00:00Z">')
    meta = extract_metadata(root)
    assert meta.date == "2024-03-05T08:15:00+01:00"
    assert meta.modified == "2024-03-05T10:00:00+00:00"


def test_json_ld_date_wins_over_meta_and_url():
    root = page(ld({"@type": "NewsArticle", "headline": "H", "datePublished": "2023-11-02T17:40:00-05:00"})
                + '<meta property="article:published_time" content="2023-11-01T00:00:00Z">')
    assert extract_metadata(root, "https://example.org/2020/01/01/h").date == "2023-11-02T17:40:00-05:00"


def test_a_stamp_with_one_digit_clock_parts_keeps_its_time_zone():
    root = page(ld({"@type": "NewsArticle", "headline": "H", "datePublished": "2020-12-05T9:05:0+01:00",
                    "dateModified": "2020-12-06T23:15:0Z"}))
    meta = extract_metadata(root)
    assert meta.date == "2020-12-05T09:05:00+01:00"
    assert meta.modified == "2020-12-06T23:15:00+00:00"


def test_visible_time_element_then_url_date_as_last_resort():
    assert extract_metadata(page(body='<time datetime="2022-06-30">June 30</time>')).date == "2022-06-30"
    assert extract_metadata(page(), "https://example.org/news/2021/04/09/story").date == "2021-04-09"


def test_microdata_date_published():
    root = page(body='<div itemscope itemtype="https://schema.org/NewsArticle">'
                     '<span itemprop="datePublished" content="2020-02-03T04:05:06+09:00">3 Feb</span></div>')
    assert extract_metadata(root).date == "2020-02-03T04:05:06+09:00"


# --- URLs ----------------------------------------------------------------------------------------

def test_canonical_url_loses_tracking_parameters_and_fragment():
    assert clean_url("https://Example.org/a/b?utm_source=x&id=7&fbclid=abc#top") == "https://example.org/a/b?id=7"


def test_canonical_link_made_absolute_against_page():
    root = page('<link rel="canonical" href="/news/ferry-strike?utm_medium=social">')
    assert extract_metadata(root, "https://lakeside.example/x").url == "https://lakeside.example/news/ferry-strike"


def test_non_web_canonical_is_ignored():
    assert clean_url("javascript:alert(1)") is None


# --- JSON-LD @graph ------------------------------------------------------------------------------

def test_graph_article_with_id_references_resolved():
    graph = {"@context": "https://schema.org", "@graph": [
        {"@type": "WebSite", "@id": "https://v.example/#website", "name": "Vell Weekly"},
        {"@type": "Organization", "@id": "https://v.example/#org", "name": "Vell Weekly"},
        {"@type": "Person", "@id": "https://v.example/#/person/1", "name": "Ilse Varga"},
        {"@type": "Article", "@id": "https://v.example/p/#article", "headline": "Orchard tour",
         "author": {"@id": "https://v.example/#/person/1"}, "publisher": {"@id": "https://v.example/#org"},
         "datePublished": "2024-09-01T09:00:00+02:00", "articleSection": ["Food"], "keywords": ["apples", "autumn"],
         "inLanguage": "hu-HU"},
    ]}
    meta = extract_metadata(page(ld(graph)))
    assert (meta.title, meta.authors, meta.site) == ("Orchard tour", ("Ilse Varga",), "Vell Weekly")
    assert (meta.category, meta.tags, meta.date) == ("Food", ("apples", "autumn"), "2024-09-01T09:00:00+02:00")


def test_section_keywords_image_summary_language_from_meta():
    root = page('<meta property="article:section" content="Science">'
                '<meta property="article:tag" content="Tides"><meta property="article:tag" content="Moon">'
                '<meta property="og:image" content="/img/lead.jpg"><meta name="description" content="What the tide said.">'
                '<link rel="canonical" href="https://tide.example/s">', lang="pt-BR")
    meta = extract_metadata(root)
    assert (meta.category, meta.tags) == ("Science", ("Tides", "Moon"))
    assert (meta.image, meta.summary, meta.lang) == ("https://tide.example/img/lead.jpg", "What the tide said.", "pt")


def test_breadcrumb_gives_category_when_nothing_else():
    root = page(body='<nav aria-label="Breadcrumb"><a href="/">Home</a> <a href="/world">World</a></nav>')
    assert extract_metadata(root).category == "World"


def test_author_bio_from_json_ld_person_then_from_the_author_box():
    person = page(ld({"@type": "NewsArticle", "headline": "H", "author": {
        "@type": "Person", "name": "Ilse Varga", "description": "Ilse Varga writes about orchards."}}))
    assert extract_metadata(person).author_bio == "Ilse Varga writes about orchards."
    box = page(body='<div class="author-bio"><h2>By Ilse Varga</h2><div class="author-description">'
                    '<p>Ilse Varga writes about orchards and the people who keep them.</p></div></div>')
    assert extract_metadata(box).author_bio == "Ilse Varga writes about orchards and the people who keep them."


def test_author_bio_from_a_box_found_by_the_link_to_the_writers_page():
    # A plugin's box with a name of its own: found by the name linked to the author's page.
    box = ('<div class="sabox-wrap"><img src="/p.jpg" alt=""><div class="sabox-name">'
           '<a href="/author/ilse/" rel="author">Ilse Varga</a></div><div class="sabox-desc">'
           "<p>Ilse Varga writes about orchards.</p><p>She grew up on an apricot farm near Kecskemét and prunes its trees each winter.</p></div></div>")
    story = "<p>" + "The apricot harvest came early this year across the southern plain. " * 8 + "</p>"
    root = page(ld({"@type": "NewsArticle", "headline": "H", "author": {"@type": "Person", "name": "Ilse Varga"}}), story + box)
    assert extract_metadata(root).author_bio == "Ilse Varga writes about orchards. She grew up on an apricot farm near Kecskemét and prunes its trees each winter."
    byline = page(ld({"@type": "NewsArticle", "headline": "H", "author": {"@type": "Person", "name": "Ilse Varga"}}), box + story)
    assert extract_metadata(byline).author_bio is None  # before the story, the block is the byline and headline
    other = page(ld({"@type": "NewsArticle", "headline": "H", "author": {"@type": "Person", "name": "Rosa Kim"}}), story + box)
    assert extract_metadata(other).author_bio is None  # another writer's box is not this author's bio


def test_a_writers_box_without_a_sentence_about_them_gives_no_bio():
    story = "<p>" + "The apricot harvest came early this year across the southern plain. " * 8 + "</p>"
    box = ('<div class="more-from"><style>.more-from { display: flex; margin: 0 auto; padding: 12px 24px; }</style>'
           '<div class="name"><a href="/author/ilse/">Ilse Varga</a></div><div><span>Latest</span><span>Apricot growers count the cost of a '
           "late frost in the southern plain</span></div></div>")
    root = page(ld({"@type": "NewsArticle", "headline": "H", "author": {"@type": "Person", "name": "Ilse Varga"}}), story + box)
    assert extract_metadata(root).author_bio is None


def test_author_bio_written_as_html_in_json_ld_is_text():
    person = page(ld({"@type": "NewsArticle", "headline": "H", "author": {
        "@type": "Person", "name": "Ilse Varga", "description": "<p>Ilse Varga writes about <b>orchards</b>.</p>"}}))
    assert extract_metadata(person).author_bio == "Ilse Varga writes about orchards."


def test_byline_loses_dates_credentials_and_analysis_prefix():
    assert split_authors(["Jeff FoustMonday, November 18, 2019"]) == ["Jeff Foust"]
    assert split_authors(["Kevin Johnson, 2019"]) == ["Kevin Johnson"]
    assert split_authors(["Ilana Muhlstein, MS, RDN"]) == ["Ilana Muhlstein"]
    assert split_authors(["Analysis by Chris Cillizza, CNN Editor-at-large"]) == ["Chris Cillizza"]
    assert split_authors(["Carrie Arnold", "By"]) == ["Carrie Arnold"]


def test_entities_left_in_json_ld_and_meta_are_decoded():
    root = page(ld({"@type": "NewsArticle", "headline": "Stadia doesn&#8217;t run at 4K", "author": {"@type": "Person", "name": "Tom O&#39;Neil"}})
                + '<meta name="description" content="Ferries &amp;amp; trams">')
    meta = extract_metadata(root)
    assert (meta.title, meta.authors, meta.summary) == ("Stadia doesn’t run at 4K", ("Tom O'Neil",), "Ferries & trams")


def test_empty_cms_date_is_no_date():
    root = page('<meta property="article:published_time" content="0001-01-01T00:00:00+00:00">')
    assert extract_metadata(root, "https://example.org/news/story").date is None


def test_site_name_and_section_lists_are_cut_to_their_first_item():
    root = page('<meta property="og:site_name" content="Autoracing | F1 | Indy">'
                '<meta property="article:section" content="game,news,slider">')
    meta = extract_metadata(root)
    assert (meta.site, meta.category) == ("Autoracing", "game")
    assert extract_metadata(page('<meta property="og:site_name" content="https://www.tide.example">')).site == "tide.example"


def test_breadcrumb_ending_with_the_article_itself_gives_the_section_above():
    root = page('<meta property="og:title" content="Orchard tour opens">',
                body='<ol class="breadcrumb"><li><a href="/">Home</a></li><li><a href="/food">Food</a></li>'
                     '<li><a href="/food/orchard">Orchard tour opens</a></li></ol>')
    assert extract_metadata(root).category == "Food"


def test_a_region_whose_class_mentions_breadcrumbs_is_not_a_trail():
    # The whole article carries "url-breadcrumb": its share buttons and author links are no section.
    shares = "".join(f'<li><a href="/s/{n}">{n}</a></li>' for n in ("FACEBOOK", "TWITTER", "REDDIT", "PINTEREST",
                                                                    "WHATSAPP", "PRINT", "COMMENTS", "EMAIL ME"))
    region = page(body=f'<article class="js-main-article url-breadcrumb"><p>Story.</p><ul>{shares}</ul>'
                       '<a href="https://twitter.com/pshanley88">@pshanley88</a></article>')
    assert extract_metadata(region).category is None
    handle = page(body='<div class="author-breadcrumb"><a href="https://twitter.com/pshanley88">@pshanley88</a></div>')
    assert extract_metadata(handle).category is None


# --- publication ---------------------------------------------------------------------------------

def test_platform_word_and_host_label_are_not_a_publication():
    head = '<meta property="og:site_name" content="Hosted"><title>Sondland faces questions | Hosted</title>'
    meta = extract_metadata(page(head, '<a class="logo"><img src="/ap.png" alt="AP logo"></a>'),
                            "https://hosted.ap.org/berkshireeagle/article/1/sondland")
    assert meta.site == "AP"


def test_handle_is_not_a_publication_but_the_title_suffix_is():
    head = '<meta property="og:site_name" content="@politifact"><title>What is the value of drugs? | PolitiFact</title>'
    assert extract_metadata(page(head)).site == "PolitiFact"


@pytest.mark.parametrize(("site_name", "url", "name"), [
    ("Tidewater - Notes on the Coast", "https://tidewater.example/2024/03/tides", "Tidewater"),
    ("Anna Ferro - “Low Water”", "https://lowwater.substack.example/p/tides", "Low Water"),
    ("Coastal Survey Office — CSO.GOV.EXAMPLE", "https://cso.gov.example/notes/tides", "Coastal Survey Office"),
    ("Harbour News - Harbour, Maine", "https://harbournews.example/tides", "Harbour News"),
    ("潮汐の記事を配信｜TIDE TIMES", "https://tidetimes.example/p/1", "TIDE TIMES"),
    ("Tide Desk | Coast | Weather", "https://example.org/tides", "Tide Desk"),
    ("www.tidewater.example", "https://tidewater.example/tides", "tidewater.example"),
    # No single part names the address: the name stays whole.
    ("Harbour - Tide - Notes", "https://example.org/tides", "Harbour - Tide - Notes"),
])
def test_a_tagline_after_the_sites_name_is_not_part_of_it(site_name, url, name):
    assert extract_metadata(page(f'<meta property="og:site_name" content="{site_name}">'), url).site == name


def test_site_name_wins_over_the_json_ld_publisher():
    head = '<meta property="og:site_name" content="Inexhibit">' + ld(
        {"@type": "Article", "headline": "Light festival", "publisher": {"@type": "Organization", "name": "Inexhibit magazine"}})
    assert extract_metadata(page(head)).site == "Inexhibit"


# --- title ---------------------------------------------------------------------------------------

def test_visible_headline_wins_over_a_decorated_metadata_title():
    head = '<meta property="og:title" content="Leadfeeder | State of SEO in 2026: Trends and Predictions">'
    assert extract_metadata(page(head, "<h1>State of SEO in 2026: Trends and Predictions</h1>")).title == \
        "State of SEO in 2026: Trends and Predictions"


def test_site_name_before_the_title_is_dropped():
    head = ('<meta property="og:site_name" content="Leadfeeder">'
            '<meta property="og:title" content="Leadfeeder | State of SEO in 2026">')
    assert extract_metadata(page(head)).title == "State of SEO in 2026"


def test_title_escaped_twice_is_decoded():
    head = '<meta property="og:title" content="And finally&amp;#8230; trouble brewing">'
    assert extract_metadata(page(head)).title == "And finally… trouble brewing"


def test_headline_in_capitals_keeps_the_metadata_spelling():
    head = '<meta property="og:title" content="Best Drip Coffee Maker in 2026">'
    assert extract_metadata(page(head, "<h1>BEST DRIP COFFEE MAKER IN 2026</h1>")).title == "Best Drip Coffee Maker in 2026"


def test_headline_printed_twice_for_two_screen_sizes_is_still_the_only_headline():
    head = '<meta property="og:title" content="Why hedges beat fences | Garden Notes">'
    body = ('<div class="mobile"><h1>Hedges or fences: what birds prefer</h1></div>'
            '<div class="desktop"><h1>Hedges Or Fences: What Birds Prefer</h1></div><p>Text.</p>')
    assert extract_metadata(page(head, body)).title == "Hedges or fences: what birds prefer"


def test_heading_holding_the_page_title_with_a_part_after_a_bar_gives_the_headline():
    head = '<meta property="og:title" content="Best Tool Sheds of 2025 | Top 12 Picks | Shedworks">'
    body = "<h1>Best Tool Sheds of 2025 | Top 12 Picks</h1><p>Text.</p>"
    assert extract_metadata(page(head, body)).title == "Best Tool Sheds of 2025"


@pytest.mark.parametrize("dialog", [
    '<div id="subscribe" class="subscribe-overlay"><h1>Subscribe to Garden Notes</h1></div>',
    '<div class="modal fade"><div class="modal-dialog"><h1>Free Pruning Email Course</h1></div></div>',
    '<div role="dialog"><h1>Join 20,000 gardeners</h1></div>',
    '<footer><div class="footer-left"><h1>Offices</h1></div><div><h1>State Editions</h1></div></footer>',
    '<aside class="in-article-recirc"><h1>More on Garden Notes</h1></aside>',
    '<div class="adblock-message"><section><h1>We Need to Talk About Your Ad Blocker</h1></section></div>',
], ids=["overlay", "modal", "role", "footer", "aside", "adblock"])
def test_heading_of_a_sign_up_dialog_or_a_box_of_links_is_not_a_second_headline(dialog):
    head = '<meta property="og:title" content="Hire a pruner from the 12 best in town">'
    body = f"<h1>12 Best Pruners in Town (2025)</h1><p>Text.</p>{dialog}"
    assert extract_metadata(page(head, body)).title == "12 Best Pruners in Town (2025)"


def test_page_whose_own_classes_name_a_modal_style_keeps_its_headline():
    root = lxml.html.document_fromstring(
        '<html><head><meta property="og:title" content="Hire a pruner from the 12 best in town"></head>'
        '<body class="has-modal-shadow-none newsletter-style-light"><h1>12 Best Pruners in Town (2025)</h1></body></html>')
    assert extract_metadata(root).title == "12 Best Pruners in Town (2025)"


def test_headline_in_capitals_keeps_the_metadata_spelling_of_nearly_the_same_words():
    head = '<meta property="og:title" content="Ten Quiet Trails in the Alps for a Slow Weekend Away">'
    body = "<h1>TEN QUIET TRAILS IN THE ALPS FOR A SLOW WEEKEND</h1><p>Text.</p>"
    assert extract_metadata(page(head, body)).title == "Ten Quiet Trails in the Alps for a Slow Weekend Away"
    # Another headline in capitals is the page's own.
    body = "<h1>WALKING THE ALPS WITHOUT A CAR</h1><p>Text.</p>"
    assert extract_metadata(page(head, body)).title == "WALKING THE ALPS WITHOUT A CAR"


def test_og_title_ranks_above_the_name_of_a_json_ld_web_page():
    head = (ld({"@type": "WebPage", "name": "Quiet trails of the Alps | Alpine Club"})
            + '<meta property="og:title" content="Quiet Trails of the Alps: A Walker\'s Guide">')
    assert extract_metadata(page(head)).title == "Quiet Trails of the Alps: A Walker's Guide"


def test_site_code_in_lower_case_gives_way_to_the_same_name_in_words():
    head = '<meta property="og:site_name" content="detroitnews"><title>Snow closes schools | Detroit News</title>'
    assert extract_metadata(page(head)).site == "Detroit News"


# Markup trafilatura's author search matches, one of each kind its XPaths test (as of 2.3).
BYLINE_MARKUPS = ('<a rel="author">Ana Lima</a>', '<div class="author-name">Ana Lima</div>',
                  '<span itemprop="author">Ana Lima</span>', '<p id="zuozhe">Ana Lima</p>',
                  '<div data-component="Byline">Ana Lima</div>', '<span class="Byline__name">Ana Lima</span>',
                  '<div class="BBL">Ana Lima</div>', '<span class="posted-by">Ana Lima</span>',
                  '<h4 class="screenname">Ana Lima</h4>', '<div class="writer">Ana Lima</div>',
                  '<author>Ana Lima</author>')


@pytest.mark.parametrize("markup", BYLINE_MARKUPS)
def test_the_byline_search_is_skipped_only_where_it_could_find_nothing(markup):
    from trafilatura.metadata import extract_author

    from quietpress.extract.metadata import has_byline_markup

    root = lxml.html.fromstring(f"<html><body><h1>A title</h1>{markup}<p>The text.</p></body></html>")
    assert extract_author(root) and has_byline_markup(root)
    plain = lxml.html.fromstring("<html><body><h1>A title</h1><div class='lead'>Ana Lima</div></body></html>")
    assert not has_byline_markup(plain) and not extract_author(plain)


def test_every_corpus_capture_with_a_byline_trafilatura_finds_has_byline_markup():
    from pathlib import Path

    from trafilatura.metadata import extract_author

    from quietpress.extract.metadata import has_byline_markup

    for capture in sorted((Path(__file__).parent / "corpus").glob("*/capture.html")):
        root = lxml.html.fromstring(capture.read_bytes())
        assert has_byline_markup(root) or not extract_author(root), capture


def test_json_ld_organisation_naming_several_is_not_split_into_people():
    firm = {"@type": "NewsArticle", "headline": "Legal challenges", "author": {"@type": "Organization", "name": "Morgan & Morgan"}}
    assert extract_metadata(page(ld(firm), '<p class="byline">Justin Meserole</p>')).authors == ("Justin Meserole",)
    writer = {"@type": "NewsArticle", "headline": "Legal challenges", "author": {"@type": "Organization", "name": "Ada Obi"}}
    assert extract_metadata(page(ld(writer))).authors == ("Ada Obi",)


def test_heading_broken_into_lines_gives_its_first_line_or_the_metadata_title():
    og = '<meta property="og:title" content="Top Strategies to Optimize Blockchain Security">'
    byline = '<h1>Top Strategies to Optimize Blockchain Security<div></div><h3>Posted on July 1, 2024 by infuy</h3></h1>'
    assert extract_metadata(page(og, byline)).title == "Top Strategies to Optimize Blockchain Security"
    og = '<meta property="og:title" content="Top MBA Programs of 2025: Business School Rankings">'
    subtitle = "<h1>Top MBA Programs of 2025 (US)<br>Your Guide to the Best Business Schools</h1>"
    assert extract_metadata(page(og, subtitle)).title == "Top MBA Programs of 2025: Business School Rankings"


def test_heading_with_its_subtitle_in_a_span_gives_the_metadata_title_of_the_same_words():
    body = ('<h1><span class="entry-title-primary">Why orchards need bees</span> '
            '<span class="entry-subtitle">A grower explains pollination</span></h1><p>Text.</p>')
    og = '<meta property="og:title" content="Why orchards need bees - A grower explains pollination">'
    assert extract_metadata(page(og, body)).title == "Why orchards need bees - A grower explains pollination"
    # A metadata title holding the first line only, with other words, gives the first line.
    og = '<meta property="og:title" content="Why orchards need bees, and how to keep them">'
    assert extract_metadata(page(og, body)).title == "Why orchards need bees"


def test_line_break_inside_a_heading_parts_its_words():
    body = "<h1>Restoring the Craft<br>of Dry Stone Walls</h1><p>Text.</p>"
    assert extract_metadata(page(body=body)).title == "Restoring the Craft of Dry Stone Walls"


def test_title_with_section_and_site_gives_the_headline():
    raw = "How to help babies sleep through the night | Patient Education | Children's Hospital"
    assert strip_site_suffix(raw, None) == "How to help babies sleep through the night"
    head = f'<title>{raw}</title><meta property="og:site_name" content="Children\'s Hospital">'
    assert extract_metadata(page(head, f"<h1>{raw}</h1>")).title == "How to help babies sleep through the night"


def test_heading_that_is_the_sites_name_is_not_the_headline():
    head = ('<meta property="og:site_name" content="Human in the Loop">'
            '<meta property="og:title" content="Three Models That Could Pay Artists Back">')
    body = '<h1>Human in the Loop</h1><h2 class="p-name">Three Models That Could Pay Artists Back</h2>'
    assert extract_metadata(page(head, body)).title == "Three Models That Could Pay Artists Back"


def test_headline_cut_short_in_json_ld_is_taken_whole_from_og_title():
    whole = ("Fix It Friday: Struggling With How To Arrange Your Living Room? We Help 4 Readers Find Solutions "
             "(Including One Universal Trick That Works)")
    cut = whole[:whole.index(" One Universal")]
    head = (ld({"@type": "Article", "headline": cut}) + f'<meta property="og:title" content="{whole} - Emily Hall">'
            '<meta property="og:site_name" content="Emily Hall">')
    assert extract_metadata(page(head)).title == whole
    # A whole headline followed by the site's name elsewhere is not a cut one.
    head = (ld({"@type": "Article", "headline": whole}) + f'<title>{whole} - Emily Hall</title>')
    assert extract_metadata(page(head)).title == whole
    # A short headline that another title goes on with is not taken as cut ("Headline Site").
    head = ld({"@type": "Article", "headline": "Rain due today"}) + "<title>Rain due today at The Daily</title>"
    assert extract_metadata(page(head)).title == "Rain due today"


TODDLERS = '<meta property="og:title" content="How To Get Toddlers To Sleep In Their Own Bed">'
FOLD = "<title>The Fold-and-Cut Problem (Erik Demaine)</title>"


@pytest.mark.parametrize("head, body, title", [
    # A kicker <h1> above the metadata title shown as an <h2> gives way to it...
    (TODDLERS, "<h1>Toddler Sleep Training</h1><h2>How To Get Toddlers To Sleep In Their Own Bed</h2><h2>More</h2>",
     "How To Get Toddlers To Sleep In Their Own Bed"),
    # ...but stays the headline where no lesser heading repeats the metadata title.
    (TODDLERS, "<h1>Toddlers sleep better in their own bed, a study finds</h1><h2>How To Get Toddlers To Sleep</h2>",
     "Toddlers sleep better in their own bed, a study finds"),
    # Markdown emphasis left in a metadata title is dropped; a lone star or snake_case is text.
    ('<meta property="og:title" content="*A Treatise Concerning Coffee* (1792) and __more__">', "",
     "A Treatise Concerning Coffee (1792) and more"),
    ('<meta property="og:title" content="Renaming my_module_name in 3 * 4 steps">', "",
     "Renaming my_module_name in 3 * 4 steps"),
    # Without metadata, the <h1> the page's <title> holds is the headline, else the first <h1>.
    (FOLD, "<h1>Erik Demaine's Folding and Unfolding:</h1><h1>The Fold-and-Cut Problem</h1>", "The Fold-and-Cut Problem"),
    (FOLD, "<h1>Erik Demaine's Folding and Unfolding:</h1><h1>Problems</h1>", "Erik Demaine's Folding and Unfolding:"),
], ids=["kicker", "h1-kept", "markdown", "not-markdown", "titled-h1", "first-h1"])
def test_headline_among_headings_and_metadata(head, body, title):
    assert extract_metadata(page(head, body)).title == title


def test_each_article_tag_meta_is_one_tag_and_a_lone_one_may_be_a_list():
    several = page('<meta property="article:tag" content="Bevin, Matthew"><meta property="article:tag" content="Medicaid">')
    assert extract_metadata(several).tags == ("Bevin, Matthew", "Medicaid")
    lone = page('<meta property="article:tag" content="Tides, Moon; Sea">')
    assert extract_metadata(lone).tags == ("Tides", "Moon", "Sea")
    shouted = page('<meta property="Article:Tag" content="Bevin, Matthew"><meta name="ARTICLE:TAG" content="Medicaid">')
    assert extract_metadata(shouted).tags == ("Bevin, Matthew", "Medicaid")


def test_code_of_a_byline_plugin_is_never_read_as_an_author():
    root = lxml.html.fromstring(
        '<html><head><style id="co-authors-plus-coauthors-style-inline-css">'
        '.wp-block-co-authors-plus-coauthors.is-layout-flow{display:inline}</style><script class="author-js">x()</script>'
        '</head><body><p>Text.</p></body></html>')
    before = lxml.html.tostring(root)
    assert extract_metadata(root).authors == ()
    assert lxml.html.tostring(root) == before  # set aside during the search, then put back where they were


# --- authors: Open Graph tags, author cards and author-page links --------------------------------

def test_every_article_author_tag_is_an_author():
    head = '<meta property="article:author" content="Ilse Varga"><meta property="article:author" content="Tomas Brandt">'
    assert extract_metadata(page(head)).authors == ("Ilse Varga", "Tomas Brandt")


def test_article_author_profile_address_gives_way_to_the_author_meta():
    head = ('<meta property="article:author" content="https://social.example/ilse.varga">'
            '<meta name="author" content="Ilse Varga">')
    assert extract_metadata(page(head)).authors == ("Ilse Varga",)


def test_author_card_portrait_alt_names_the_author():
    card = ('<p>Orchards need pruning.</p><div class="blog_author-box"><div class="blog_author-image-wrapper">'
            '<img alt="Ilse Varga Headshot" src="iv.jpg" class="blog_author-image"></div>'
            '<div class="blog_author-text">Writes about orchards.</div></div>')
    assert extract_metadata(page(body=card)).authors == ("Ilse Varga",)


def test_picture_in_an_author_box_that_is_not_a_portrait_names_no_one():
    box = '<div class="author-box"><img alt="Vell Weekly" src="logo.png" class="site-logo"></div>'
    assert extract_metadata(page(body=box)).authors == ()


def test_author_link_giving_the_first_name_alone_takes_the_full_name_its_card_prints():
    card = ('<div class="card"><div><p>Ilse Varga</p><p>Tech Writer</p></div>'
            '<a href="/blog/authors/ilse-varga">Articles by Ilse</a></div>')
    assert extract_metadata(page(body=card)).authors == ("Ilse Varga",)


def test_author_links_side_by_side_are_all_authors_and_later_links_are_not():
    byline = ('<p class="meta"><a href="/author/ilse/">Ilse Varga</a><span>, </span><a href="/author/tomas/">'
              'Tomas Brandt</a> and <a href="/author/ada/">Ada Obi</a></p><p>Text.</p>'
              '<ul><li><a href="/author/nils/">Nils Berg</a> wrote on pruning</li></ul>')
    assert extract_metadata(page(body=byline)).authors == ("Ilse Varga", "Tomas Brandt", "Ada Obi")


def test_portraits_in_a_list_of_other_articles_name_no_author():
    teasers = ('<ul class="related"><li><h3>Pruning in spring</h3><div class="list-item-author-image">'
               '<img alt="Nils Berg" src="nb.png"></div></li></ul>')
    assert extract_metadata(page(body=teasers)).authors == ()


def test_portrait_with_a_biography_of_its_person_names_the_author():
    card = ('<p>Hotels keep their best rooms for guests who ask.</p><p><img alt="Ilse Varga" src="iv.jpg"></p>'
            '<p>Ilse Varga is a travel writer and editor who has reviewed hotels on four continents; she lives'
            ' in Lisbon.</p>')
    assert extract_metadata(page(body=card)).authors == ("Ilse Varga",)


def test_about_me_box_of_a_personal_blog_names_the_author():
    box = ('<div class="widget"><h2>About me</h2><img alt="Tomas Brandt" src="tb.jpg"><br>'
           "I'm a data engineer writing about the tools I use.</div>")
    assert extract_metadata(page(body=box)).authors == ("Tomas Brandt",)


def test_picture_of_a_product_described_after_it_names_no_author():
    # Shaped like a name, described with a verb: a product, since nothing calls it "he" or "she".
    card = ('<img alt="Kraken Tech" src="k.png"><p>Kraken is the most-loved operating system for energy,'
            ' powered by our platform and trusted by utilities.</p>')
    assert extract_metadata(page(body=card)).authors == ()


def test_byline_under_the_headline_wins_over_a_different_declared_author():
    # The CMS account that filed the story (JSON-LD) is an editor; the page credits the columnist.
    head = "<title>Retirement calculators</title>" + ld({"@type": "Article", "author": {"@type": "Person", "name": "Nils Berg"}})
    body = ('<h1>Retirement calculators</h1><div class="meta"><h3>By <a href="/ilse-varga/">Ilse Varga</a>, '
            '<span>Columnist</span></h3><time>August 19, 2025</time></div><p>Text of the column.</p>')
    assert extract_metadata(page(head, body)).authors == ("Ilse Varga",)


def test_declared_author_stays_when_the_byline_names_the_same_person():
    head = "<title>Retirement calculators</title>" + ld({"@type": "Article", "author": {"@type": "Person", "name": "Ilse M. Varga"}})
    body = '<h1>Retirement calculators</h1><p>By Ilse Varga</p><p>Text of the column.</p>'
    assert extract_metadata(page(head, body)).authors == ("Ilse M. Varga",)


def test_link_to_the_writers_other_articles_names_the_author():
    box = '<p>Text of the post.</p><button><span>All articles by Ilse Varga</span></button>'
    assert extract_metadata(page(body=box)).authors == ("Ilse Varga",)


def test_declared_name_quoted_twice_by_its_template_loses_the_quotes():
    head = ld({"@type": "Article", "author": {"@type": "Person", "name": '"Ilse Varga"'}})
    assert extract_metadata(page(head)).authors == ("Ilse Varga",)



def test_site_name_first_in_the_title_is_the_site_when_the_logo_says_it():
    root = page("<title>Daily Sentinel - Teachers approve contract</title>",
                '<img src="/img/sentinel_logo.gif" alt="Daily Sentinel"><p class="head">Teachers approve contract</p>')
    meta = extract_metadata(root)
    assert (meta.site, meta.title) == ("Daily Sentinel", "Teachers approve contract")


def test_blog_title_written_name_colon_post_loses_the_blog_name():
    root = page("<title>Birding Notes: Waxwings at the supermarket</title>",
                '<h1><a href="http://birds.example/">Birding Notes</a></h1><h3>Waxwings at the supermarket</h3>')
    meta = extract_metadata(root)
    assert (meta.site, meta.title) == ("Birding Notes", "Waxwings at the supermarket")


def test_byline_lines_are_not_run_into_one_name():
    root = page("<title>Teachers approve contract</title>",
                '<p class="author">By Linda Moore<br>Sentinel Education Writer</p><p>Text.</p>')
    assert extract_metadata(root).authors == ("Linda Moore",)


def test_section_after_the_headline_goes_when_the_menu_names_it():
    root = page("<title>Le marché couvert rouvre ses portes - Actualités - L'Écho du Val</title>",
                '<a href="/actualites">Actualités</a><p>Text.</p>')
    assert extract_metadata(root).title == "Le marché couvert rouvre ses portes"



def test_site_before_the_headline_in_the_title_is_the_site_not_the_headline():
    # "Site - Headline" with no logo to say which part is the site: the part the page's h1 repeats is the headline.
    html = ("<html><head><title>The Valley Herald - Bridge closed after crash</title></head>"
            "<body><h1>Bridge closed after crash</h1><p>Text.</p></body></html>")
    assert extract_metadata(lxml.html.document_fromstring(html), "http://www.valleyherald.com/news/1.html").site == "The Valley Herald"


def test_copyright_line_names_the_site_when_nothing_else_does_and_it_names_the_address():
    def site(footer: str) -> str | None:
        html = (f"<html><head><title>Bridge closed after crash</title></head><body><h1>Bridge closed after crash</h1>"
                f"<p>Text.</p><div id='footer'>{footer}</div></body></html>")
        return extract_metadata(lxml.html.document_fromstring(html), "http://www.valleyherald.com/news/1.html").site
    assert site("Copyright © 2008 The Valley Herald. All rights reserved.") == "The Valley Herald"
    assert site("© 2003-2008 Valley Herald Online, Inc.") == "Valley Herald Online"
    assert site("Copyright 2008 Gannett Co., Inc.") is None  # the owner, not the site


def test_copyright_line_spells_out_a_site_named_only_by_its_address():
    html = ('<html><head><meta property="og:site_name" content="https://www.hawaiinewsnow.com">'
            "<title>Water vapour on a distant moon</title></head><body><h1>Water vapour on a distant moon</h1>"
            "<p>Text.</p><footer>Copyright 2019 Hawaii News Now. All rights reserved.</footer></body></html>")
    root = lxml.html.document_fromstring(html)
    assert extract_metadata(root, "https://www.hawaiinewsnow.com/2019/11/19/moon/").site == "Hawaii News Now"
    bare = html.replace("Copyright 2019 Hawaii News Now. All rights reserved.", "")
    assert extract_metadata(lxml.html.document_fromstring(bare), "https://www.hawaiinewsnow.com/2019/11/19/moon/").site == "hawaiinewsnow.com"
