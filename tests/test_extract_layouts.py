"""Body extraction on page layouts seen on sites the rules were not tuned on: each a general cause
(markup, parser behaviour, layout), pinned by a small page of our own making."""

from __future__ import annotations

import lxml.html

from test_extract_html import PARAGRAPH, article_from, body_text, page, paragraphs

MENU = "".join(f'<li><a href="/section/{i}">Section number {i}</a></li>' for i in range(1, 40))


def test_page_starting_with_an_xml_declaration_is_parsed():
    xhtml = ('<?xml version="1.0" encoding="iso-8859-1"?>\n'
             '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" '
             '"http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">\n'
             '<html xmlns="http://www.w3.org/1999/xhtml"><head><title>Breakwater repairs approved</title></head>'
             f"<body><div>{paragraphs(4)}</div></body></html>")
    assert "Point 4." in body_text(article_from(xhtml))


def test_header_button_left_with_open_divs_does_not_take_the_article_with_it():
    # The header's menu button leaves two <div>s open: the parser nests the rest of the page,
    # article included, inside the <button> and inside the banner.
    html = page('<header role="banner"><button class="menu-button"><div class="icon"><div class="bars">'
                '<span>Menu</span></button>'
                f'<nav><ul>{MENU}</ul></nav>'
                f'<main><article><h1>Breakwater repairs approved</h1>{paragraphs(5)}</article></main>'
                '</header>')
    text = body_text(article_from(html))
    assert "Point 1." in text and "Point 5." in text
    assert "Section number 7" not in text


def test_whole_page_form_of_an_aspnet_page_is_not_pruned_as_a_widget():
    links = "".join(f'<a href="/n/{i}">Headline of another story number {i} in the list</a><br>' for i in range(60))
    html = page(f'<form id="aspnetForm" method="post" action="./story.aspx"><div class="menu">{links}</div>'
                f'<div class="story">{paragraphs(4)}</div></form>')
    text = body_text(article_from(html))
    assert "Point 1." in text and "Point 4." in text


def test_small_search_form_is_still_dropped():
    html = page(f'<form action="/search"><p>Search the archive of the harbour board</p></form>{paragraphs(4)}')
    assert "Search the archive" not in body_text(article_from(html))


def test_first_body_block_just_over_the_minimum_does_not_stand_in_for_the_article():
    # The fast pass takes the first block named as the article's content; here it holds a heading
    # and one paragraph, just long enough to pass, and the article goes on in an unnamed block.
    intro = ("Join four hundred harbour engineers at the coastal resilience summit this autumn for two days of "
             "talks, site visits and workshops on breakwaters, dredging and tidal defences, with early booking "
             "discounts for members who book before the end of the month.")
    story = "".join(f"<p>{PARAGRAPH}Paragraph {i} of the report.</p>" for i in range(1, 13))
    html = page(f'<main><div class="article-content"><h2>Summit</h2><p>{intro}</p></div>'
                f'<div class="rich-text">{story}</div></main>')
    text = body_text(article_from(html))
    assert "Paragraph 1 of the report." in text and "Paragraph 12 of the report." in text


def test_reading_list_with_a_cover_per_item_is_content_not_a_slideshow():
    items = "".join(f'<li><h4>Book {i}</h4><img src="https://img.example/cover{i}.jpg" alt="Cover {i}">'
                    f"<p>{PARAGRAPH}</p><p>Why read book {i}: the plot turns on a storm.</p></li>" for i in range(1, 6))
    html = page(f"<article><p>{PARAGRAPH}Our picks for the winter.</p><ul>{items}</ul></article>")
    text = body_text(article_from(html))
    assert "Why read book 1: the plot turns on a storm." in text and "Why read book 5" in text


def test_lazy_loaded_images_resolve_to_the_real_picture():
    html = page("<article>"
                '<figure><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" data-src="https://img.example/a.jpg" '
                'data-alt="Harbour wall"><figcaption>The harbour wall.</figcaption></figure>'
                f"{paragraphs(2)}"
                '<figure><img src="/static/blank.gif" data-srcset="https://img.example/b.jpg 1x, '
                'https://img.example/b2.jpg 2x" alt="Crane"><figcaption>The crane.</figcaption></figure>'
                f"{paragraphs(2)}"
                '<figure><img src="/img/placeholder.png" class="lazy">'
                '<noscript><img src="https://img.example/c.jpg" alt="Dredger"></noscript>'
                "<figcaption>The dredger.</figcaption></figure>"
                f"{paragraphs(2)}</article>")
    article = article_from(html, url="https://news.example/harbour")
    body = lxml.html.fragment_fromstring(article.body_html, create_parent="div")
    images = {img.get("src"): img.get("alt") for img in body.iter("img")}
    assert images == {"https://img.example/a.jpg": "Harbour wall", "https://img.example/b.jpg": "Crane",
                      "https://img.example/c.jpg": "Dredger"}


def test_promotion_drawn_as_a_picture_is_not_a_figure():
    html = page("<article>"
                '<figure><img src="https://img.example/wall.jpg" alt="Harbour wall"><figcaption>The wall.</figcaption></figure>'
                f"{paragraphs(3)}"
                '<figure><img src="https://img.example/offer.jpg" alt="Magazine cover">'
                "<figcaption>Subscribe to our sister title for half price</figcaption></figure>"
                f"{paragraphs(2)}</article>")
    body = lxml.html.fragment_fromstring(article_from(html).body_html, create_parent="div")
    assert [img.get("src") for img in body.iter("img")] == ["https://img.example/wall.jpg"]


def test_page_whose_article_sits_in_furniture_named_blocks_is_still_imported():
    # Every block of the article carries a name pruning reads as furniture ("share-text"), and
    # each is short: pruned, nothing is left; the page as it came still has its article.
    blocks = "".join(f'<div class="share-text"><p>{PARAGRAPH}Point {i}.</p></div>' for i in range(1, 4))
    text = body_text(article_from(page(f"<main>{blocks}</main>")))
    assert "Point 1." in text and "Point 3." in text
