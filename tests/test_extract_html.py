"""HTML extraction: the whole article and nothing else, as allowlisted HTML, with its metadata."""

from __future__ import annotations

from pathlib import Path

import lxml.html
import pytest

from conftest import CORPUS
from golden import capture_file
from quietpress.capture import read_capture_file
from quietpress.decode import decode_capture
from quietpress.extract import extract_article
from quietpress.extract.body import BodyHints
from quietpress.extract.prune import prune_page
from quietpress.extract.tidy import clean_body
from quietpress.model import Article, Capture, CaptureKind, Document

PARAGRAPH = ("The harbour board met on Tuesday evening to hear the engineers' report on the breakwater, "
             "which storms in February left cracked along half its length. ")


def article_from(html: str, url: str | None = None) -> Article:
    capture = Capture(source="page.html", path=Path("page.html"), kind=CaptureKind.HTML, payload=b"", sha256="", url=url)
    return extract_article(Document(capture=capture, text=html, encoding="utf-8"))


def page(body: str, head: str = "") -> str:
    return f"<html><head><title>Breakwater repairs approved</title>{head}</head><body>{body}</body></html>"


def paragraphs(n: int, tag: str = "p") -> str:
    return "".join(f"<{tag}>{PARAGRAPH}Point {i}.</{tag}>" for i in range(1, n + 1))


def body_text(article: Article) -> str:
    return " ".join(lxml.html.fragment_fromstring(article.body_html, create_parent="div").text_content().split())


def body_tags(article: Article) -> set[str]:
    return {el.tag for el in lxml.html.fragment_fromstring(article.body_html, create_parent="div").iter()} - {"div"}


# --- the golden HTML cases: metadata pinned field by field ---------------------------------------

CASES = {
    "html_wordpress_yoast_graph_wp_caption": dict(
        title="Tidewater mill reopens as a bakery school", authors=("Hollis Penhaligon",),
        date="2024-05-14T06:30:00+00:00", modified="2024-05-14T10:05:00+00:00", category="education", section="Local",
        tags=("Tidewater mill", "baking", "cooperatives"), site="The Brindlewick Courier", lang="en",
        source_url="https://brindlewickcourier.example/2024/05/14/tidewater-mill-bakery-school/",
        credits=["Mara Quint/Brindlewick Courier"]),
    "html_ghost_two_authors_embed_signup": dict(
        title="The night the lighthouse keepers voted", authors=("Wenna Tregarthen", "Piran Hosking"),
        date="2023-12-03T18:00:00+00:00", modified="2023-12-04T09:12:41+00:00", category="politics", section=None,
        tags=(), site="Saltmarrow Dispatch", lang="en",
        source_url="https://saltmarrow-dispatch.example/lighthouse-keepers-vote/", credits=[None, "Talwyn Jago"]),
    "html_drupal_split_body_dublin_core": dict(
        title="Beaver dams slow the Harrow's winter floods, town gauge shows",
        authors=("Imogen Fairweather", "Tobias Crane"), date="2025-02-11T14:20:00-05:00",
        modified="2025-02-12T08:00:00-05:00", category="environment", section="Environment", tags=("Rivers", "Beavers", "Flooding"),
        site="Marsh Valley Ledger", lang="en",
        source_url="https://marshvalleyledger.example/news/environment/beaver-dams-slow-harrow-floods", credits=[]),
    "html_arc_related_inside_hidden_copy": dict(
        title="Orchard growers bet on a frost-proof apple", authors=("Cassius Marlowe-Dunn",),
        date="2024-04-22T12:00:00+00:00", modified="2024-04-22T15:30:12+00:00", category="economy, business and finance", section="Business",
        tags=("agriculture", "apples", "climate"), site="The Kessling Standard", lang="en",
        source_url="https://www.kesslingstandard.example/business/2024/04/22/orchard-growers-frost-proof-apple/",
        credits=["Juno Ashcombe for The Kessling Standard"]),
    "html_amp_story_amp_img": dict(
        title="Glass-bottomed tram line opens over Quarry Gorge", authors=("Fenella Oduya-Bright",),
        date="2022-08-30T06:45:00+01:00", modified="2022-08-30T13:02:00+01:00", category="economy, business and finance", section="Transport",
        tags=("Trams", "Quarry Gorge", "Northmere"), site="Northmere Evening Post", lang="en",
        source_url="https://www.northmere-post.example/news/transport/glass-tram-quarry-gorge-4471902",
        credits=["Northmere Transit Authority"]),
    "html_nextjs_next_data_css_modules": dict(
        title="How a library of seeds outgrew its drawer", authors=("Marisol Etxeberria-Lund",),
        date="2021-03-18T09:00:00-06:00", modified="2021-03-19T16:45:00-06:00", category=None, section="Features",
        tags=("Libraries", "Gardening"), site="The Quillbrook Review", lang="en",
        source_url="https://quillbrookreview.example/features/seed-library-outgrew-drawer",
        credits=["Anselm Varga / The Quillbrook Review"]),
    "html_german_typo3_microdata": dict(
        title="Fähre über den Kaltsee fährt wieder", authors=("Anna Keppler", "Jörg Lindqvist"),
        date="2025-02-09T10:15:00+01:00", modified=None, category="economy, business and finance", section="Hohenwiesel",
        tags=("Hohenwiesel", "Kaltsee", "Fähre"), site="Wieseltaler Bote", lang="de",
        source_url="https://www.wieseltaler-bote.example/region/hohenwiesel/faehre-kaltsee-faehrt-wieder-a-18231.html?cHash=9f2c1e",
        credits=[]),
    "html_legacy_windows1252_french_tables": dict(
        title="Le lavoir de la rue des Tanneurs retrouve son eau", authors=("Jean-Baptiste Lerouge", "Maëlle Corbin"),
        date="2009-06-14T08:00:00+02:00", modified=None, category="arts, culture, entertainment and media", section=None, tags=("patrimoine", "lavoir", "Brevanne"),
        site="L’Écho de Brevanne", lang="fr", source_url="http://www.echo-brevanne.example/spip.php?article204",
        credits=["Céline Vasseur"]),
}


def case_article(name: str) -> Article:
    case = CORPUS / name
    captures = list(read_capture_file(case, capture_file(case)))
    return extract_article(decode_capture(captures[0]))


@pytest.mark.parametrize("name", sorted(CASES))
def test_golden_case_metadata_is_pinned(name):
    article, expected = case_article(name), CASES[name]
    for key in ("title", "authors", "date", "modified", "category", "section", "tags", "site", "lang", "source_url"):
        assert getattr(article, key) == expected[key], key


@pytest.mark.parametrize("name", sorted(CASES))
def test_golden_case_figures_keep_caption_and_credit_together(name):
    root = lxml.html.fragment_fromstring(case_article(name).body_html, create_parent="div")
    credits = [figure.findtext(".//small[@class='credit']") for figure in root.iter("figure")]
    assert credits == CASES[name]["credits"]
    for figure in root.iter("figure"):
        assert figure.find("img") is not None


def test_every_golden_html_case_is_pinned():
    assert {c.name for c in CORPUS.iterdir() if c.name.startswith("html_")} == set(CASES)


def test_standfirst_under_repeated_headline_is_not_body():
    article = case_article("html_ghost_two_authors_embed_signup")
    assert "We were in the room." not in body_text(article)
    assert "The night the lighthouse keepers voted" not in body_text(article)


def test_legacy_encoding_decoded_by_its_declaration():
    text = body_text(case_article("html_legacy_windows1252_french_tables"))
    assert "46 000 €" in text and "« Ma grand-mère" in text and "Le cœur du chantier" in text


# --- body rules on small pages -------------------------------------------------------------------

def test_hidden_copy_of_the_article_is_not_doubled():
    hidden = ('<div style="display: none"><p>Hidden copy of the breakwater story for search engines, '
              'long enough to count as a paragraph of text here.</p></div>'
              '<div hidden><p>Second hidden copy: the board met on Tuesday to hear the report.</p></div>'
              '<div aria-hidden="true"><p>Third hidden copy, for screen readers to skip entirely.</p></div>')
    article = article_from(page(f"<article>{paragraphs(4)}{hidden}</article>"))
    text = body_text(article)
    assert "Point 4." in text
    assert "hidden copy" not in text.casefold()


@pytest.mark.parametrize("hiding", ['style="visibility:hidden;min-height:100vh"', 'aria-hidden="true"'])
def test_a_page_hidden_until_its_scripts_run_is_read(hiding):
    # A Next.js root hidden until its fonts load, or a page marked aria-hidden under an open dialog.
    html = page(f'<div id="__next"><div {hiding}><header><a href="/">The Harbour Ledger</a></header>'
                f'<main><h1>Breakwater repairs approved</h1>{paragraphs(4)}</main></div></div>'
                '<div role="dialog"><p>We use cookies.</p></div>')
    root = lxml.html.document_fromstring(html)
    prune_page(root)
    assert "Point 4." in root.text_content()
    assert "Point 4." in body_text(article_from(html))


def test_a_hidden_copy_holding_less_than_half_the_page_stays_hidden():
    hidden = f'<div style="display:none"><p>{PARAGRAPH}A print copy.</p></div>'
    # A hidden menu's indented markup is white space, not text: it is no share of the page.
    indent = "\n" + " " * 400
    menu = '<div style="display:none">' + "".join(f"{indent}<p>{indent}<a href='/s/{n}'>Section {n}</a>{indent}</p>"
                                                  for n in range(1, 20)) + "</div>"
    root = lxml.html.document_fromstring(page(f"<article>{paragraphs(2)}</article>{hidden}{menu}"))
    prune_page(root)
    text = root.text_content()
    assert "Point 2." in text and "A print copy." not in text and "Section 19" not in text


def test_parts_a_page_streams_in_stand_where_their_placeholders_were():
    # React's streaming server rendering: a boundary's placeholder first, its part hidden at the end.
    html = page('<main><h1>Breakwater repairs approved</h1><template id="B:0"></template>'
                '<p>The board will meet again in May.</p></main><footer><p>The Harbour Ledger</p></footer>'
                f'<div hidden id="S:0"><p>{PARAGRAPH}First.</p><p>{PARAGRAPH}Second.</p></div>'
                '<script>$RC("B:0","S:0")</script>')
    root = lxml.html.document_fromstring(html)
    prune_page(root)
    text = " ".join(root.text_content().split())
    assert text.index("First.") < text.index("Second.") < text.index("meet again in May") < text.index("Harbour Ledger")
    assert root.find(".//template") is None


def test_a_web_components_declarative_shadow_root_is_read_and_a_scripts_template_is_not():
    html = page(f'<main><h1>Breakwater repairs approved</h1><story-body><template shadowrootmode="open">'
                f'{paragraphs(4)}</template></story-body>'
                '<template id="card"><p>Template of a card a script fills in: shown nowhere as it is.</p></template></main>')
    text = body_text(article_from(html))
    assert "Point 4." in text and "Template of a card" not in text


def test_chinese_prose_in_a_furniture_named_block_is_weighed_as_the_letters_it_stands_for():
    # 166 characters of Chinese say what some 500 letters say: prose, not a sharing bar of 400.
    first = "港务局周二晚上开会，听取了工程师关于防波堤的报告。二月的风暴使防波堤近一半的长度出现裂缝，维修工程将于五月开始。"
    second = "维修费用为四百二十万元，一半由港务局承担，另一半由市政府在二十年内借款支付。工程预计在秋季风暴来临之前完成。"
    html = (f'<html lang="zh"><body><h1>防波堤维修获批</h1><div class="sharing-wrapper"><p>{first}</p>'
            f"<p>{second}</p><p>{first}</p></div><footer><p>版权所有</p></footer></body></html>")
    root = lxml.html.document_fromstring(html)
    prune_page(root)
    assert second in root.text_content()


def test_a_section_folded_until_found_is_read():
    # Collapsed sections written `hidden="until-found"` (as Wikipedia's mobile pages fold theirs).
    folded = f'<h2>Repairs</h2><section hidden="until-found">{paragraphs(2).replace("Point", "Folded")}</section>'
    text = body_text(article_from(page(f"<main><h1>Breakwater</h1>{paragraphs(5)}{folded}</main>")))
    assert "Folded 2." in text and "Point 5." in text


def test_an_accordions_closed_answers_are_body_and_a_closed_menu_is_not():
    faq = "".join(f'<h3><button aria-controls="answer-{n}" aria-expanded="false">Question {n} about the ferry?</button></h3>'
                  f'<div id="answer-{n}" role="region" aria-hidden="true"><p>Answer {n}: the ferry runs every hour '
                  f"from the north quay, and on Sundays from the south quay only.</p></div>" for n in range(1, 4))
    menu = ('<button aria-controls="site-menu">Menu</button><nav id="site-menu" hidden><ul>'
            + "".join(f'<li><a href="/s/{n}">Section {n} of the paper</a></li>' for n in range(1, 6)) + "</ul></nav>")
    text = body_text(article_from(page(f"{menu}<article>{paragraphs(4)}<h2>Questions</h2>{faq}</article>")))
    assert "Answer 3: the ferry runs every hour" in text and "Section 2 of the paper" not in text


def test_body_split_into_containers_around_ads_is_joined():
    html = page('<main><div class="row"><div class="article-body">' + paragraphs(3) + '</div>'
                '<div class="rail"><div class="ad-slot">Advertisement</div></div></div>'
                '<div class="newsletter-promo"><p>Sign up for the morning briefing.</p></div>'
                '<div class="row"><div class="article-body">' + paragraphs(3).replace("Point", "Part two, point") +
                '</div><div class="rail"><div class="ad-slot">Advertisement</div></div></div></main>')
    text = body_text(article_from(html))
    assert "Point 1." in text and "Part two, point 3." in text
    assert "Advertisement" not in text and "morning briefing" not in text


def test_body_named_in_another_language_and_split_around_headings_is_marked_whole():
    # Page builders write the article as "text" blocks with each heading in a block of its own;
    # the container of all of them is the body, not the first block alone.
    def text_block(label: str) -> str:
        return '<div class="text"><div class="rich">' + paragraphs(2).replace("Point", label) + '</div></div>'
    html = page('<main><div class="grid">' + text_block("Opening, point") +
                '<div class="title"><h2>Who built the first breakwater</h2></div>' + text_block("History, point") +
                '<div class="title"><h2>What the repairs will cost</h2></div>' + text_block("Costs, point") +
                '</div></main><footer><p>Contact the harbour office.</p></footer>')
    root = lxml.html.fromstring(html)
    prune_page(root)
    [body] = root.xpath('//*[@itemprop="articleBody"]')
    assert body.get("class") == "grid"
    assert "What the repairs will cost" in body.text_content()
    text = body_text(article_from(html))
    assert "Opening, point 1." in text and "Costs, point 2." in text and "harbour office" not in text


def test_body_named_in_another_language_with_a_footer_block_of_the_same_name_is_the_block():
    html = page('<main><div class="text">' + paragraphs(3) + '</div></main>'
                '<footer><div class="text"><p>Contact the harbour office.</p></div>'
                '<nav>' + "".join(f'<a href="/{i}">Harbour news section {i}</a>' for i in range(40)) + '</nav></footer>')
    root = lxml.html.fromstring(html)
    prune_page(root)
    [body] = root.xpath('//*[@itemprop="articleBody"]')
    assert body.get("class") == "text" and body.getparent().tag == "main"


def test_excerpts_of_a_list_of_posts_are_not_joined_as_a_split_body():
    # Each teaser of the list under the article is an <article> with the body class of a post:
    # joined, the excerpts read as a short body that main-content detection took for the article.
    teasers = "".join(f'<article class="post"><h3><a href="/{i}">Other story {i}</a></h3>'
                      f'<div class="post-content"><p>Excerpt of other story {i}, about the ferry timetable, '
                      f'the fish market and the new quay lights.</p></div></article>' for i in range(3))
    html = page(f'<main><article><div class="builder"><div class="module">{paragraphs(5)}</div></div>'
                f'<section class="more">{teasers}</section></article></main>')
    root = lxml.html.fromstring(html)
    prune_page(root)
    assert len(root.xpath('//article/div[@class="post-content"]')) == 3
    text = body_text(article_from(html))
    assert "Point 1." in text and "Point 5." in text


@pytest.mark.parametrize("block, words", [
    ('<aside class="related-stories"><h4>More on the harbour</h4><ul>'
     '<li><a href="/a">Ferry timetable changes for winter</a></li>'
     '<li><a href="/b">Fish market moves to the east quay</a></li></ul></aside>', ("Ferry timetable", "More on the harbour")),
    # A review's call to action ("cta"): a button to the seller and a line on where it leads.
    ('<div class="tile-ctas"><div class="cta-container"><a class="ref-btn btn" rel="nofollow" '
     'href="https://example.com/go/harbourcam">See Packages</a><span class="btn-disclaimer">Links to HarbourCam</span>'
     '</div></div>', ("See Packages", "Links to HarbourCam")),
    ('<div class="affiliate-disclaimer"><p>We may earn a commission when you buy through links on this page.</p></div>',
     ("earn a commission",)),
])
def test_related_stories_and_calls_to_action_nested_in_the_article_are_dropped(block, words):
    text = body_text(article_from(page(f"<article>{paragraphs(2)}{block}{paragraphs(2)}</article>")))
    assert not any(word in text for word in words)
    assert "Point 2." in text


TEASER = '<li><a href="/news/{0}">Ferry service {0} resumes</a> The operator said crossings would run to the summer timetable from...</li>'
RESOURCE = '<li><a href="/guide/{0}">Tide table {0}</a> The times of high and low water at berth {0}, as the harbour master publishes them.</li>'


@pytest.mark.parametrize("where", [0, 2, 4])
def test_a_list_of_other_stories_with_cut_short_excerpts_is_dropped_wherever_the_extractor_kept_it(where):
    # The extractor keeps a ticker or a box of related posts sharing the article's container when
    # nothing names it so: a linked headline and an excerpt cut short, item after item.
    ticker = "<h3>Breaking News</h3><ul>" + "".join(TEASER.format(n) for n in range(1, 5)) + "</ul>"
    body = lxml.html.fragment_fromstring(f"<div>{paragraphs(where)}{ticker}{paragraphs(4 - where)}</div>")
    clean_body(body, BodyHints())
    assert [block.tag for block in body] == ["p"] * 4


def test_an_articles_own_list_of_links_said_in_full_is_kept():
    resources = "<h3>Where to look</h3><ul>" + "".join(RESOURCE.format(n) for n in range(1, 5)) + "</ul>"
    body = lxml.html.fragment_fromstring(f"<div>{paragraphs(2)}{resources}{paragraphs(2)}</div>")
    clean_body(body, BodyHints())
    assert [block.tag for block in body] == ["p", "p", "h3", "ul", "p", "p"]


CARD = ('<h3><a href="{href}">Ferry service {0} resumes after the storms</a></h3>'
        '<p>The operator said on Monday that crossings would run to the summer timetable.</p>')


@pytest.mark.parametrize("href, dropped", [
    ("/news/ferry-{0}", True),                                   # a relative address: this site
    ("https://www.harbour.example/news/ferry-{0}", True),         # this site, written in full
    ("https://ferries.example/timetable-{0}", False),             # another site: what the item names
])
def test_undated_cards_closing_the_body_are_other_stories_when_they_link_within_the_site(href, dropped):
    cards = "<h2>More news</h2>" + "".join(CARD.format(n, href=href.format(n)) for n in range(1, 4))
    body = lxml.html.fragment_fromstring(f"<div>{paragraphs(8)}{cards}</div>")
    clean_body(body, BodyHints(url="https://harbour.example/news/breakwater"))
    assert ([block.tag for block in body] == ["p"] * 8) is dropped


def test_a_list_article_whose_items_link_to_the_sites_own_pages_keeps_them():
    # The items are most of the body: they are the article.
    items = "".join(CARD.format(n, href=f"/news/ferry-{n}") for n in range(1, 6))
    body = lxml.html.fragment_fromstring(f"<div>{paragraphs(1)}{items}</div>")
    clean_body(body, BodyHints(url="https://harbour.example/news/best-ferries"))
    assert len(body) == 11


PICTURES = {
    "div": '<div class="photo"><img src="https://img.example/{0}.jpg" alt="" width="1680" height="1126"></div>',
    "figure": '<figure><div><img src="https://img.example/{0}.jpg" alt="The quay"></div>'
              '<figcaption><span>Harbour Photos<br><br></span></figcaption></figure>',
}
LAYOUTS = {
    "modern": "<article><header><h1>Breakwater repairs approved</h1></header><div>{}</div></article>",
    "table cell": "<table><tr><td><b>Breakwater repairs approved</b><br><br>{}</td></tr></table>",
}


# A page of the table era (no HTML5 element) has its loose text made paragraphs everywhere.
@pytest.mark.parametrize("layout, picture", [("modern", "div"), ("modern", "figure"), ("table cell", "div")])
def test_prose_written_loose_after_a_picture_block_is_kept(layout, picture):
    # A page writing its paragraphs with <br><br>: the extractor, reading pictures, lost the text
    # that follows a block holding only a picture (and its caption); it is made a paragraph first.
    story = "".join((f"<h2>Part {i}</h2>" if i % 2 else "") + f"{PARAGRAPH}Point {i}. {PARAGRAPH}<br><br>"
                    + PICTURES[picture].format(i) + f"{PARAGRAPH}After picture {i}. {PARAGRAPH}<br><br>" for i in range(1, 7))
    text = body_text(article_from(page(LAYOUTS[layout].format(story))))
    assert all(f"Point {i}." in text and f"After picture {i}." in text for i in range(1, 7))


def test_tag_list_share_line_and_moderation_notice_are_dropped():
    tail = ("<p>Tags: harbour, breakwater, storms</p><p>Like this story? Share it with a friend!</p>"
            "<p>Comments are moderated and will appear after approval.</p>")
    text = body_text(article_from(page(f"<article>{paragraphs(4)}{tail}</article>")))
    assert text.endswith("Point 4.")


def test_reporting_credit_line_is_kept():
    credit = "<p><em>Reporting by Ines Vaal; editing by Tomas Ruud.</em></p>"
    assert "Reporting by Ines Vaal; editing by Tomas Ruud." in body_text(article_from(page(f"<article>{paragraphs(4)}{credit}</article>")))


def test_headline_and_standfirst_repeated_in_body_are_dropped_but_a_lead_equal_to_description_stays():
    head = '<meta property="og:title" content="Breakwater repairs approved"><meta name="description" content="%s">'
    lead = "The harbour board approved the breakwater repairs on Tuesday after a long evening of debate."
    with_dek = page(f'<article><h1>Breakwater repairs approved</h1><p class="article-dek">{lead}</p>{paragraphs(4)}</article>',
                    head % lead)
    text = body_text(article_from(with_dek))
    assert not text.startswith("Breakwater repairs approved") and lead not in text
    with_subheading = page(f"<article><h1>Breakwater repairs approved</h1><h2>{lead}</h2>{paragraphs(4)}</article>", head % lead)
    assert lead not in body_text(article_from(with_subheading))
    # Pages copy their first paragraph into the description: that paragraph is still the lead.
    plain = page(f"<article><h1>Breakwater repairs approved</h1><p>{lead}</p>{paragraphs(4)}</article>", head % lead)
    assert body_text(article_from(plain)).startswith(lead)
    assert "data-standfirst" not in article_from(with_dek).body_html


def test_caption_credit_written_in_the_caption_becomes_the_credit():
    figure = ('<figure><img src="https://img.example/breakwater.jpg" alt="Cracked breakwater">'
              '<figcaption>The cracked breakwater at low tide. Photo: Ansel Ferro/Harbour News</figcaption></figure>')
    article = article_from(page(f"<article>{paragraphs(2)}{figure}{paragraphs(2)}</article>"))
    root = lxml.html.fragment_fromstring(article.body_html, create_parent="div")
    (fig,) = root.iter("figure")
    assert fig.find("img").get("src") == "https://img.example/breakwater.jpg"
    assert fig.findtext(".//small[@class='credit']") == "Ansel Ferro/Harbour News"
    assert fig.find("figcaption").text.strip() == "The cracked breakwater at low tide."
    assert "Photo: Ansel Ferro" not in body_text(article).replace(fig.xpath("string()"), "")


def test_video_embed_becomes_a_labelled_link():
    embed = '<iframe src="https://www.youtube.com/embed/xyz123" title="Storm hits the breakwater"></iframe>'
    article = article_from(page(f"<article>{paragraphs(2)}{embed}{paragraphs(2)}</article>"))
    assert '<a href="https://www.youtube.com/embed/xyz123">Storm hits the breakwater</a>' in article.body_html
    assert "iframe" not in body_tags(article)


@pytest.mark.parametrize("name", ["w-embed", "sqs-block embed-block", "html-embed"])
def test_a_page_builders_custom_html_block_holding_text_is_body(name):
    # Page builders put hand-written HTML in a block named "embed"; a table and the rest of the
    # article can sit in it. The extractor drops whatever "embed" names, as it drops share frames.
    table = "<table><tr><th>Bill</th><th>Tip</th></tr>" + "".join(
        f"<tr><td>${n}0.00</td><td>${n}.00</td></tr>" for n in range(1, 5)) + "</table>"
    later = paragraphs(3).replace("Point", "Later point")
    block = f'<div class="{name}"><style>table {{ width: 100% }}</style>{table}{later}</div>'
    article = article_from(page(f"<article>{paragraphs(7)}{block}</article>"))
    assert "Later point 3." in body_text(article) and "$40.00" in body_text(article)


def test_sections_in_a_container_styled_with_an_icon_word_are_body():
    later = paragraphs(3).replace("Point", "Method point")
    accordion = (f'<div class="accordion-wrap accordion-icon-style-arrow"><div class="pane"><h3>Our method</h3>'
                 f"{later}</div></div>")
    article = article_from(page(f'<div class="article-body">{paragraphs(7)}{accordion}</div>'))
    assert "Method point 3." in body_text(article)


def test_a_custom_block_of_a_few_paragraphs_is_body():
    # A listicle's entries in page-builder blocks named "embed": two paragraphs each, 450+ characters.
    entries = "".join(
        f'<div class="profile embed"><h3>Mover number {n}</h3><div class="address">{n} Harbour Road</div>'
        f"<p>Crew {n} moved the ferry office in {n + 2} days, packed the archive of the harbour board box by box, "
        f"and kept the charts dry through a week of rain that flooded the lower town, closed the quay road "
        f"and left the ferry office without power for two nights.</p>"
        f"<p>Customers praised crew {n} for arriving on time and for wrapping every map. The quote was the lowest "
        f"of the {n + 4} firms the board asked, and the work was finished before the spring tides. Entry {n}.</p></div>"
        for n in range(1, 3))
    article = article_from(page(f"<article>{paragraphs(12)}{entries}</article>"))
    assert "Entry 2." in body_text(article)


def test_a_paragraph_styled_as_a_custom_block_is_body():
    pull = ('<div data-rt-embed-type="true"><p class="c-block-quote-embed-05">Repairs to the breakwater will '
            "cost the harbour board less than a new one would, and the work can be done between two winters, "
            "when the boats are laid up.</p></div>")
    later = paragraphs(4).replace("Point", "Later point")
    article = article_from(page(f"<article>{paragraphs(4)}{pull}{later}</article>"))
    assert "between two winters" in body_text(article)


def test_a_small_block_named_embed_is_still_left_to_the_extractor():
    share = '<div class="share-embed"><a href="/share">Share this story</a> <a href="/mail">E-mail</a></div>'
    article = article_from(page(f"<article>{paragraphs(7)}{share}{paragraphs(2)}</article>"))
    assert "Share this story" not in body_text(article)


WRITERS_BOX = ('<div class="css-19m4yzp"><img src="/portrait.jpg" alt=""><div><a href="/author/ilse-varga/">'
               "Ilse Varga</a><span>Contributing Writer</span></div><p>Ilse Varga is a freelance writer who has "
               "covered the harbour towns of the north coast for a decade.</p></div>")


def test_the_writers_box_after_the_story_is_not_body():
    article = article_from(page(f"<article>{paragraphs(5)}{WRITERS_BOX}</article>"))
    assert "Point 5." in body_text(article) and "freelance writer" not in body_text(article)


def test_a_colleague_linked_in_a_paragraph_of_the_story_stays():
    colleague = ('<p>Our reporter <a href="/author/rosa-kim/">Rosa Kim</a> walked the breakwater at low tide and '
                 "counted the cracks the engineers had marked in yellow paint.</p>")
    article = article_from(page(f"<article>{paragraphs(3)}{colleague}{paragraphs(2)}</article>"))
    assert "counted the cracks" in body_text(article)


def test_layout_table_is_read_as_blocks_and_a_data_table_is_kept():
    layout = (f'<table><tr><td><a href="/">Home</a> | <a href="/news">News</a></td></tr>'
              f'<tr><td><div class="texte">{paragraphs(4)}'
              '<table><tr><th>Year</th><th>Storms</th></tr><tr><td>2023</td><td>4</td></tr></table>'
              '</div></td></tr></table>')
    article = article_from(page(layout))
    assert "Point 4." in body_text(article) and "Home" not in body_text(article)
    tables = lxml.html.fragment_fromstring(article.body_html, create_parent="div").findall(".//table")
    assert len(tables) == 1 and [t.strip() for t in tables[0].itertext() if t.strip()] == ["Year", "Storms", "2023", "4"]


def test_a_grid_table_with_paragraphs_in_its_cells_stays_a_table():
    # A price list written in a page editor: each value wrapped in a <p>, rows of three cells.
    rows = "".join(f"<tr><td><p><strong>Service {i}</strong></p></td><td>${i},000 to ${i + 4},000</td>"
                   f"<td><p>Shared costs of service {i} and its review</p></td></tr>" for i in range(1, 9))
    article = article_from(page(f"<article>{paragraphs(3)}<table><tbody>{rows}</tbody></table>{paragraphs(2)}</article>"))
    tables = lxml.html.fragment_fromstring(article.body_html, create_parent="div").findall(".//table")
    assert len(tables) == 1 and len(tables[0].findall(".//tr")) == 8
    assert "Shared costs of service 8" in body_text(article)


def test_a_grid_table_with_lists_in_its_cells_is_read_as_blocks():
    from quietpress.extract.layout import layout_table

    cell_list = "<ul>" + "".join(f"<li>Task {i} of the month, written out in full</li>" for i in range(4)) + "</ul>"
    rows = "".join(f"<tr><td><p>Month {i}</p></td><td>{cell_list}</td></tr>" for i in range(5))
    assert layout_table(lxml.html.fragment_fromstring(f"<table>{rows}</table>"))


def test_a_grid_of_cards_is_refused_for_the_prose_beside_it():
    from lxml import etree

    from quietpress.extract.body import _plausible

    cards = "".join(f"<head rend='h3'>Client number {i} of the agency</head><graphic src='c{i}.jpg'/>" for i in range(20))
    assert not _plausible(etree.fromstring(f"<body>{cards}<p>{PARAGRAPH}</p></body>"))
    article = f"<head rend='h2'>The report</head><p>{PARAGRAPH * 3}</p><head rend='h2'>Next steps</head><p>{PARAGRAPH * 2}</p>"
    assert _plausible(etree.fromstring(f"<body>{article}</body>"))


def test_page_dump_is_recognised_and_the_densest_block_replaces_it():
    from lxml import etree

    from quietpress.extract.body import _densest_block, _page_dump

    dump = etree.fromstring("<body><p>" + "\n".join(f"Menu entry {i}" for i in range(60)) + "\n" + PARAGRAPH + "</p></body>")
    assert _page_dump(dump)
    assert not _page_dump(etree.fromstring(f"<body><p>{PARAGRAPH}</p><p>{PARAGRAPH}</p></body>"))
    tags = " ".join(f"<a href='/t{i}'>tag{i}</a>" for i in range(80))
    root = lxml.html.document_fromstring(f"<html><body><div class='cloud'>{tags}</div>"
                                         f"<div class='col'><img src='a.jpg'>{PARAGRAPH * 3}</div></body></html>")
    body = _densest_block(root)
    assert [p.text for p in body.iter("p")] == [(PARAGRAPH * 3).strip()]
    assert body.find("graphic").get("src") == "a.jpg"


def test_amp_images_and_nextjs_resized_images_are_kept_as_their_own_address():
    amp = ('<figure><amp-img src="https://img.example/amp.jpg" width="600" height="400" alt="A"></amp-img>'
           '<figcaption>Amp caption.</figcaption></figure>')
    nextjs = ('<figure><span style="overflow:hidden"><img alt="B" src="/_next/image?url=https%3A%2F%2Fimg.example%2Fnext.jpg&amp;w=640&amp;q=75">'
              '</span><figcaption>Next caption.</figcaption></figure>')
    article = article_from(page(f"<article>{paragraphs(2)}{amp}{paragraphs(2)}{nextjs}{paragraphs(1)}</article>"))
    sources = [img.get("src") for img in lxml.html.fragment_fromstring(article.body_html, create_parent="div").iter("img")]
    assert sources == ["https://img.example/amp.jpg", "https://img.example/next.jpg"]


def test_body_uses_only_allowlisted_tags():
    html = page(f"<article><h1>Breakwater repairs approved</h1><section>{paragraphs(3)}<ul><li>One</li></ul>"
                f"<blockquote><p>{PARAGRAPH}</p></blockquote><h3>Costs</h3><p>A <u>marked</u> word and "
                f"<del>struck</del> text, <sub>2</sub>.</p>{paragraphs(2)}</section></article>")
    allowed = {"p", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "blockquote", "pre", "code", "em", "strong", "a",
               "br", "table", "thead", "tbody", "tr", "th", "td", "figure", "img", "figcaption", "small", "hr", "del"}
    assert body_tags(article_from(html)) <= allowed


def test_social_post_in_a_social_named_wrapper_is_kept_as_a_quote():
    tweet = ('<div class="social-media-embed"><blockquote class="twitter-tweet"><p lang="en">The breakwater '
             'held last night, barely. Photos from the east quay at dawn.</p>— Harbour Watch (@harbourwatch) '
             '<a href="https://twitter.com/harbourwatch/status/1">March 3, 2024</a></blockquote></div>')
    share = '<div class="social-share"><a href="/s/fb">Facebook</a> <a href="/s/x">X</a></div>'
    article = article_from(page(f"<article>{paragraphs(2)}{tweet}{share}{paragraphs(2)}</article>"))
    assert "The breakwater held last night, barely." in body_text(article)
    assert "blockquote" in body_tags(article) and "Facebook" not in body_text(article)


def test_date_line_and_byline_at_the_top_of_the_body_are_dropped_but_a_dated_sentence_stays():
    top = "<p>Updated: Nov. 19, 2019 at 5:02 p.m. EST</p><p>By Ines Vaal and Tomas Ruud</p>"
    text = body_text(article_from(page(f"<article>{top}{paragraphs(4)}</article>")))
    assert text.startswith("The harbour board met")
    dated = "<p>The vote was held on March 3, 2024.</p><p>By noon, the river had risen.</p>"
    text = body_text(article_from(page(f"<article>{dated}{paragraphs(4)}</article>")))
    assert text.startswith("The vote was held on March 3, 2024.") and "By noon, the river had risen." in text


def test_hover_cards_and_unrendered_shortcodes_are_not_body():
    hover = ('<p>The mayor, Rhea Quill<span class="rollover-people-block"><a href="/p/1">Rhea Quill</a>'
             '<a href="/p/2">Quill backs new ferry</a></span>, voted against. ' + PARAGRAPH + '</p>')
    shortcode = '<p>[button link="/submit" type="big"] Send us your story[/button]</p>'
    text = body_text(article_from(page(f"<article>{paragraphs(2)}{hover}{paragraphs(2)}{shortcode}</article>")))
    assert "The mayor, Rhea Quill, voted against." in text
    assert "Quill backs new ferry" not in text and "[button" not in text


def test_script_rendered_page_falls_back_to_the_json_ld_article_body():
    import json

    text = "\n".join([PARAGRAPH + "First.", PARAGRAPH + "Second.", PARAGRAPH + "Third."])
    ld = json.dumps({"@type": "NewsArticle", "headline": "Breakwater repairs approved", "articleBody": text})
    html = page('<div id="__next"><nav><a href="/">Home</a></nav><div class="spinner">Loading…</div></div>',
                f'<script type="application/ld+json">{ld}</script>')
    article = article_from(html)
    assert [p.text for p in lxml.html.fragment_fromstring(article.body_html, create_parent="div").iter("p")] == \
        [PARAGRAPH + "First.", PARAGRAPH + "Second.", PARAGRAPH + "Third."]


def test_headline_written_slightly_differently_from_the_title_is_still_dropped():
    head = '<meta property="og:title" content="Harbour board approves breakwater repairs">'
    html = page(f"<article><h1>Harbour board approves the breakwater repairs</h1>{paragraphs(4)}</article>", head)
    assert not body_text(article_from(html)).startswith("Harbour board")
    other = page(f"<article><h2>What the engineers found</h2>{paragraphs(4)}</article>", head)
    assert body_text(article_from(other)).startswith("What the engineers found")


def test_body_blocks_are_never_nested_in_paragraphs():
    from lxml import etree

    from quietpress.extract.body import to_allowlisted_html
    from quietpress.extract.figures import FigureIndex

    extracted = etree.fromstring(
        '<body><p>Before <graphic src="https://img.example/a.jpg" alt="A"/> after.</p>'
        '<p><hi rend="#i"><graphic src="https://img.example/b.jpg" alt="B"/></hi>Text.</p>'
        '<p><p>Inner one.</p><hi rend="#i">loose</hi><p>Inner two.</p></p>'
        '<p><ref target="/x"><head rend="h3">Teaser title</head></ref></p><p/></body>')
    html = to_allowlisted_html(extracted, FigureIndex())
    assert html.xpath("//p//figure | //p//p | //p//h3 | //p[not(normalize-space()) and not(.//img)]") == []
    assert [el.tag for el in html] == ["p", "figure", "p", "p", "figure", "p", "p", "p", "p"]
    assert [" ".join(p.xpath("string()").split()) for p in html.iter("p")] == [
        "Before", "after.", "Text.", "Inner one.", "loose", "Inner two.", "Teaser title"]


def test_code_listing_keeps_its_highlighted_comments():
    # Syntax highlighters name token spans "comment", "tag", "keyword": words that name widgets elsewhere.
    listing = ('<pre><code><span class="hljs-comment"># fetch the survey files from the harbour office</span>\n'
               'git pull origin survey\n<span class="hljs-comment"># then rebuild the tide tables</span>\nmake tides</code></pre>')
    text = body_text(article_from(page(f"<article>{paragraphs(2)}{listing}{paragraphs(2)}</article>")))
    assert "# fetch the survey files from the harbour office" in text and "# then rebuild the tide tables" in text


def test_fast_result_leaving_out_the_longest_loose_text_is_doubted():
    # A page writing its article as text with line breaks in a <div>: a fast result that settled
    # on the paragraphs beside it (a sidebar) leaves that text out, and the full cascade is asked.
    from lxml import etree

    from quietpress.extract.body import _doubtful

    sentences = [f"The dredger reached berth {n} before dawn and the pilots logged a depth of {n + 9} metres there. "
                 for n in range(1, 25)]
    sidebar = "".join(f"<p>Ferry fares rise again in the spring timetable, says the operator in note {n}, "
                      "with pensioners and students spared until the autumn review.</p>" for n in range(4))
    root = lxml.html.document_fromstring(page(f'<div class="column">{sidebar}</div><div class="story">{"<br>".join(sentences)}</div>'))
    beside = etree.fromstring(f"<body>{sidebar}</body>")
    assert _doubtful(beside, root)
    article = etree.fromstring("<body>" + "".join(f"<p>{s}</p>" for s in sentences) + "</body>")
    assert not _doubtful(article, root)


def test_fast_result_holding_little_of_a_paragraphless_pages_loose_prose_is_doubted():
    # A modern page with no <p>: each section writes its text loose in a <div> of its own, parted by
    # <br><br>; no one container holds much, but together they hold the article, and a result with
    # one section of it is doubted.
    from lxml import etree

    from quietpress.extract.body import _doubtful

    sections = "".join(f"<section><h2>Part {n}</h2><div>{PARAGRAPH}Point {n}.<br><br>{PARAGRAPH}Note {n}.</div></section>"
                       for n in range(1, 7))
    root = lxml.html.document_fromstring(page(f"<main>{sections}</main>"))
    one_section = etree.fromstring(f"<body><p>{PARAGRAPH * 2}Point 1.</p><p>{PARAGRAPH}Note 1.</p></body>")
    assert _doubtful(one_section, root)
    whole = etree.fromstring("<body>" + "".join(f"<p>{PARAGRAPH}Point {n}.</p><p>{PARAGRAPH}Note {n}.</p>"
                                                for n in range(1, 7)) + "</body>")
    assert not _doubtful(whole, root)


def test_feature_cards_with_an_icon_heading_and_paragraph_are_content_and_render_faithfully():
    # A list of cards, each an image, a heading and one paragraph, is the article's text, not a slideshow;
    # an item opening with its figure still renders as a figure in Markdown.
    from quietpress.fidelity import round_trip
    from quietpress.markdown import html_to_markdown

    cards = "".join(f'<li><img src="https://img.example/icon{i}.png" alt="Quay {i}"><h3>Berth {i}</h3>'
                    f"<p>{PARAGRAPH}Berth {i} reopens in May.</p></li>" for i in range(1, 5))
    article = article_from(page(f"<article>{paragraphs(2)}<h2>What the works change</h2><ul>{cards}</ul>{paragraphs(1)}</article>"))
    text = body_text(article)
    assert "Berth 1 reopens in May." in text and "Berth 4 reopens in May." in text
    markdown = html_to_markdown(article.body_html)
    check = round_trip(article.body_html, markdown)
    assert check.same and not check.stray_markup


def test_cells_of_a_table_inside_a_list_item_keep_their_words_apart():
    # The extractor takes a table inside a list item apart and leaves its cells loose.
    specs = "".join(f"<tr><th>Crane {i} reach</th><td>Up to {i * 10} metres</td></tr>" for i in range(1, 4))
    items = "".join(f"<li><h3>Berth {i}</h3><p>{PARAGRAPH}</p><table>{specs}</table><p>{PARAGRAPH}Berth {i} notes.</p></li>"
                    for i in range(1, 4))
    article = article_from(page(f"<article>{paragraphs(2)}<ul>{items}</ul>{paragraphs(1)}</article>"))
    blocks = [" ".join(block.xpath("string()").split())
              for block in lxml.html.fragment_fromstring(article.body_html, create_parent="div").iter("p", "td", "th")]
    assert "Crane 1 reach" in blocks and "Up to 10 metres" in blocks and "Up to 30 metres" in blocks


def test_related_links_with_thumbnails_and_a_logo_strip_after_them_are_dropped():
    from quietpress.extract.body import BodyHints
    from quietpress.extract.tidy import clean_body

    related = "".join(f'<p><a href="/r{i}">Ferry timetable {i} for winter</a></p>'
                      f'<figure><img src="https://img.example/r{i}.jpg" alt="Ferry {i}"></figure>' for i in range(3))
    logos = "".join(f'<figure><img src="https://img.example/partner{i}.png" alt="Partner {i}"></figure>' for i in range(4))
    body = lxml.html.fragment_fromstring(f"<div>{paragraphs(4)}{related}{logos}</div>")
    clean_body(body, BodyHints())
    assert [block.tag for block in body] == ["p"] * 4
    # The article's own last picture, after its last paragraph, stays.
    closing = '<figure><img src="https://img.example/quay.jpg" alt="The quay"><figcaption>The quay at dusk.</figcaption></figure>'
    body = lxml.html.fragment_fromstring(f"<div>{paragraphs(4)}{closing}{logos}</div>")
    clean_body(body, BodyHints())
    assert [block.tag for block in body] == ["p"] * 4 + ["figure"] * 5


def test_pieces_of_a_caption_kept_after_its_figure_are_dropped():
    from quietpress.extract.body import BodyHints
    from quietpress.extract.tidy import clean_body

    figure = ('<figure><img src="https://img.example/quay.jpg" alt=""><figcaption>Image by Ansel Ferro Photography '
              'via Harbour News</figcaption></figure>')
    # The extractor kept the caption's links and the word between them, the space before "via" lost.
    pieces = '<p><a href="https://ferro.example/">Ansel Ferro Photography</a>via</p><p><a href="/">Harbour News</a></p>'
    body = lxml.html.fragment_fromstring(f"<div>{paragraphs(2)}{figure}{pieces}<p>Yes.</p>{paragraphs(2)}</div>")
    clean_body(body, BodyHints())
    assert [block.tag for block in body] == ["p", "p", "figure", "p", "p", "p"]
    assert body[3].text == "Yes."


def test_link_heavy_result_is_read_again_without_pictures(monkeypatch):
    # Pictures can make a grid of linked cards look like the content to the extractor; when what it
    # returns is mostly links, the page is read once more without pictures and the prose wins.
    from lxml import etree

    from quietpress.extract import body

    cards = "".join(f'<p><ref target="/s{i}">Ferry timetable {i} changes for the winter season</ref></p>' for i in range(8))
    prose = "".join(f"<p>{PARAGRAPH}Point {i}.</p>" for i in range(4))
    calls = []

    def extractor(root, fast, images=True):
        calls.append(images)
        return etree.fromstring(f"<body>{cards if images else prose}</body>")

    monkeypatch.setattr(body, "_main_content", extractor)
    html = body.extract_body(lxml.html.document_fromstring(page(paragraphs(1))), body.BodyHints())
    assert "Point 3." in html and "Ferry timetable" not in html
    assert calls[-1] is False


def test_parsed_pages_are_lxml_html_elements_whose_class_is_picked_in_c():
    """htmldate and trafilatura take a tree for a page only when it is an lxml.html element (else
    they read it as markup or a URL); the class is picked without calling Python, which costs
    extraction 4% where lxml.html's own parser is used."""
    from lxml import etree

    from quietpress.parse import HTML_CLASSES, parse_fragment, parse_html

    root = parse_html(page("<form><input name='q'><label>Search</label></form>" + paragraphs(2)))
    assert all(isinstance(element, lxml.html.HtmlElement) for element in root.iter(etree.Element))
    assert root.find(".//form").text_content() == "Search" and root.cssselect("input")
    assert parse_fragment("<p>One <em>two</em></p>").text_content() == "One two"
    assert type(HTML_CLASSES) is etree.ElementDefaultClassLookup


def test_pages_past_the_element_limit_are_refused_and_comments_do_not_count():
    from quietpress.errors import ExtractionError
    from quietpress.parse import MAX_ELEMENTS, parse_html

    # html, head, body and the <p> around the <i>s are elements too.
    under = "<p>" + "<i>a</i><!-- note -->" * (MAX_ELEMENTS - 10) + "</p>"
    assert parse_html(page(under)) is not None
    with pytest.raises(ExtractionError, match=f"{MAX_ELEMENTS + 15:,} elements"):
        parse_html("<html><head><title>t</title></head><body><p>" + "<i>a</i>" * (MAX_ELEMENTS + 10) + "</p></body></html>")


@pytest.mark.parametrize("prompt", ["Get the app", "Download our free app now!", "Get the Harbour Weekly app"])
def test_a_lone_prompt_to_install_the_app_closing_the_article_is_dropped(prompt):
    html = page(f"<main><article>{paragraphs(4)}<p>{prompt}</p></article></main>")
    text = body_text(article_from(html))
    assert "Point 4." in text and prompt not in text


def test_a_sentence_about_an_app_stays():
    sentence = "Get the app the harbour board built for ferry times, the engineers said, before the storms return."
    text = body_text(article_from(page(f"<main><article>{paragraphs(4)}<p>{sentence}</p></article></main>")))
    assert sentence in text


def test_prose_in_a_block_named_cta_stays():
    # The name only removes a block of little text: a long block of prose so named is still prose.
    text = body_text(article_from(page(f'<main><h1>Harbour cameras tested</h1><div class="cta-intro">{paragraphs(4)}</div></main>')))
    assert "Point 4." in text



def test_a_line_linking_to_a_place_on_the_page_is_dropped():
    # A review's summary: each pick in a box with a line, and a link down to its review.
    picks = "".join(f'<div class="summary-item"><div>{PARAGRAPH}Pick {n}.</div>'
                    f'<a href="#review-{n}">Jump to Review</a></div>' for n in (1, 2))
    html = page(f"<main><h1>Harbour cameras tested</h1>{picks}"
                f'<h2 id="review-1"><a href="#review-1">The quay camera</a></h2>{paragraphs(2)}'
                f'<div><a href="https://example.com/cameras#top">Back to top</a></div>'
                f'<h2 id="review-2">The ferry camera</h2>{paragraphs(1)}</main>')
    text = body_text(article_from(html, url="https://example.com/cameras"))
    assert "Jump to Review" not in text and "Back to top" not in text
    # A heading linking to itself (a permalink to its section) stays.
    assert "The quay camera" in text and "Pick 2." in text


def test_a_table_of_contents_written_as_paragraphs_of_page_links_stays():
    contents = "".join(f'<p><a href="#part-{n}">Part {n} of the report</a></p>' for n in range(1, 4))
    body = lxml.html.fragment_fromstring(f"<div>{paragraphs(1)}{contents}{paragraphs(1)}</div>")
    clean_body(body, BodyHints(url="https://example.com/cameras"))
    assert "Part 3 of the report" in body.text_content()
