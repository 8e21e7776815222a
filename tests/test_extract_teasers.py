"""Cards of other stories after the article (a linked title, a date, an excerpt) are not body."""

from __future__ import annotations

from test_extract_html import PARAGRAPH, article_from, body_text, page, paragraphs


def cards(count: int) -> str:
    return "".join(f'<div class="card"><h3><a href="/story/{i}">Ferry timetable changes for winter number {i}</a></h3>'
                   f"<p>Dec {i}, 2025</p><p>The ferry company cuts two sailings a day from January.</p></div>"
                   for i in range(1, count + 1))


def test_cards_of_other_stories_after_the_article_are_dropped():
    html = page(f"<main><article>{paragraphs(5)}<h2>Read this next</h2>{cards(4)}</article></main>")
    text = body_text(article_from(html))
    assert "Point 5." in text
    assert "Ferry timetable" not in text and "Read this next" not in text


def test_list_article_whose_titles_are_links_keeps_its_sections():
    sections = "".join(f'<h3><a href="https://tools.example/{i}">Tide gauge model {i}</a></h3>'
                       f"<p>{PARAGRAPH}</p><p>{PARAGRAPH}Model {i} reads the tide every minute.</p>"
                       for i in range(1, 5))
    text = body_text(article_from(page(f"<main><article>{paragraphs(2)}{sections}</article></main>")))
    assert "Tide gauge model 1" in text and "Model 4 reads the tide every minute." in text


def card_links(count: int) -> str:
    # HTML5 lets one link hold a whole card: a picture, a title, an excerpt, the time since.
    return "".join(f'<div class="item"><a href="/news/story-{i}"><img src="/thumb/{i}.jpg" alt="">'
                   f"<h4>Ferry company names its new boat number {i}</h4><p>The company chose the name from "
                   f"readers' letters; the boat sails on the island route from the spring, {i} of them.</p>"
                   f"<span>{i}M ago</span></a></div>" for i in range(1, count + 1))


def test_cards_written_as_one_link_each_are_not_body():
    html = page(f'<div class="page"><div>{paragraphs(6)}</div><div class="row"><div class="component">'
                f'<h3>World</h3><div class="wrapper">{card_links(12)}</div></div></div></div>')
    text = body_text(article_from(html))
    assert "Point 6." in text
    assert "readers' letters" not in text and "new boat" not in text


def test_a_link_around_a_paragraph_holding_a_picture_is_the_pictures():
    html = page(f'<div class="story">{paragraphs(3)}<figure><a href="https://shop.example/ferry-print">'
                f'<p><img src="/media/ferry.jpg" alt="The new ferry at the quay"></p></a>'
                f"<figcaption>The new ferry at the quay.</figcaption></figure>{paragraphs(2)}</div>")
    article = article_from(html)
    assert "/media/ferry.jpg" in article.body_html


def test_cards_whose_excerpt_is_written_loose_beside_a_linked_heading_are_not_body():
    # A page with no <p> (paragraphs parted by <br><br>): the card's excerpt is made a paragraph
    # before the extractor reads it, inside the link.
    story = "".join(f"{PARAGRAPH} Point {i}.<br><br>" for i in range(1, 7))
    cards = "".join(f'<div class="item"><a href="/news/story-{i}"><span class="thumb"><img src="/thumb/{i}.jpg" alt="">'
                    f'</span><div class="title-wrapper"><h4>Ferry company names its new boat {i}</h4>The company '
                    f"chose the name from readers' letters; the boat sails on the island route.<br><br>"
                    f'<div class="meta"><span>{i}M ago</span></div></div></a></div>' for i in range(1, 13))
    html = page(f'<div class="page"><div>{story}</div><div class="row"><div class="component">'
                f'<h3>World</h3><div class="wrapper">{cards}</div></div></div></div>')
    text = body_text(article_from(html))
    assert "Point 6." in text and "readers' letters" not in text



def test_teasers_with_an_excerpt_cut_short_closing_the_body_are_dropped():
    # A linked title, a thumbnail, an excerpt cut short: card after card to the end of the body.
    cards = "".join(f'<p><a href="/news/boat-{i}">Ferry company names its new boat number {i}</a></p>'
                    f'<img src="/thumb/{i}.jpg" alt=""><p>The company chose the name from readers\' letters, and '
                    f"the boat sails on the island route from the spring, with room for sixty ca...</p>"
                    for i in range(1, 5))
    text = body_text(article_from(page(f"<div>{paragraphs(6)}{cards}</div>")))
    assert "Point 6." in text
    assert "readers' letters" not in text and "new boat" not in text
