"""Lists and subheadings between the body's paragraphs, in a container the extractor has no name for."""

from __future__ import annotations

from test_extract_html import PARAGRAPH, article_from, body_tags, body_text, page

MENU = "".join(f'<li><a href="/section/{i}">Section number {i}</a></li>' for i in range(1, 9))
LINKS = "".join(f'<li><a href="/story/{i}">Another story about the harbour, number {i}</a></li>' for i in range(1, 5))


def unnamed_container_page(middle: str) -> str:
    # No class or id the extractor knows as a body: it falls back to reading loose paragraphs.
    return page(f'<nav><ul>{MENU}</ul></nav><section class="panel"><div class="panel-inner">'
                f"<p>{PARAGRAPH}The board listed its findings:</p>{middle}"
                f"<p>{PARAGRAPH}Work starts in spring.</p><p>{PARAGRAPH}The council votes next week.</p>"
                "</div></section>")


def test_list_between_two_body_paragraphs_is_kept():
    items = "".join(f"<li>Finding {word} of the engineers</li>" for word in ("one", "two", "three", "four"))
    article = article_from(unnamed_container_page(f"<ul>{items}</ul>"))
    text = body_text(article)
    assert "Finding one of the engineers" in text and "Finding four of the engineers" in text
    assert "ul" in body_tags(article)
    # Once only: the list is put back, not added beside a copy the extractor kept.
    assert text.count("Finding two of the engineers") == 1


def test_subheading_between_two_body_paragraphs_is_kept():
    text = body_text(article_from(unnamed_container_page("<h3>What the storms broke</h3>")))
    assert "What the storms broke" in text
    assert text.index("The board listed its findings:") < text.index("What the storms broke") < text.index("Work starts")


def test_list_of_links_between_body_paragraphs_is_not_put_back():
    text = body_text(article_from(unnamed_container_page(f"<ul>{LINKS}</ul>")))
    assert "Another story about the harbour" not in text
    assert "Section number 3" not in text


def test_list_announced_by_the_last_paragraph_is_kept():
    items = "".join(f"<li>Step {word} of the repairs</li>" for word in ("one", "two", "three"))
    html = page(f'<nav><ul>{MENU}</ul></nav><section class="panel"><div class="panel-inner">'
                f"<p>{PARAGRAPH}Work starts in spring.</p><p>{PARAGRAPH}The board set out the plan:</p>"
                f"<ul>{items}</ul></div></section>")
    text = body_text(article_from(html))
    assert "Step one of the repairs" in text and "Step three of the repairs" in text


def sectioned_page(sections: list[str], between: str = "") -> str:
    # An article split into a container per section (<details open>, as documentation sites write
    # collapsible sections): each heading and list stands in a section with no kept paragraph beside.
    return page(f'<nav><ul>{MENU}</ul></nav><div class="panel-inner">'
                + between.join(f'<details class="collapsible" open>{section}</details>' for section in sections)
                + "</div>")


def test_headings_and_lists_of_sections_in_containers_of_their_own_are_kept():
    takeaways = "".join(f"<li>Takeaway {word} about the breakwater repairs</li>" for word in ("one", "two", "three"))
    html = sectioned_page([
        f"<summary><h2>Introduction</h2></summary><p>{PARAGRAPH}Work starts in spring.</p>",
        f"<summary><h2>Key takeaways</h2></summary><ul>{takeaways}</ul>",
        f"<summary><h2>What the storms broke</h2></summary><p>{PARAGRAPH}The council votes next week.</p>"
        f"<p>{PARAGRAPH}The port stays open.</p>",
    ])
    text = body_text(article_from(html))
    assert text.index("Work starts") < text.index("Key takeaways") < text.index("Takeaway one") \
        < text.index("What the storms broke") < text.index("The council votes")
    assert text.count("Takeaway two") == 1


def test_product_cards_and_rating_widgets_between_sections_are_not_put_back():
    card = ('<div class="product-grid"><div class="card"><h3>Harbour lamp, brass</h3>'
            "<ul><li>Price on request from the maker</li><li>Ships within two weeks</li></ul></div></div>")
    html = sectioned_page([f"<summary><h2>Introduction</h2></summary><p>{PARAGRAPH}Work starts in spring.</p>",
                           f"<summary><h2>Costs</h2></summary><p>{PARAGRAPH}The council votes next week.</p>"],
                          between=card)
    text = body_text(article_from(html))
    assert "Work starts" in text and "The council votes" in text
    assert "Harbour lamp" not in text and "Price on request" not in text


def test_a_run_of_teaser_titles_is_not_put_back_as_headings():
    teasers = "".join(f"<h3>Another story about the harbour, number {i}</h3>" for i in range(1, 5))
    html = sectioned_page([f"<p>{PARAGRAPH}Work starts in spring.</p>",
                           f"<p>{PARAGRAPH}The council votes next week.</p>"], between=f"<div>{teasers}</div>")
    assert "Another story about the harbour" not in body_text(article_from(html))


def _ranked_list_page(heading: str) -> str:
    # Each item of a ranked list is a section of its own: its heading, then its paragraph.
    return sectioned_page([f"<p>{PARAGRAPH}Work starts in spring.</p>",
                           f"{heading}<p>{PARAGRAPH}The council votes next week.</p>",
                           f"<p>{PARAGRAPH}The port stays open.</p>"])


def test_a_heading_whose_words_link_to_their_own_page_is_kept_over_its_text():
    # The heading links to the item's own page; the extractor drops it as a link.
    text = body_text(article_from(_ranked_list_page('<h3>2. <a href="/schools/quay">Quay School</a></h3>')))
    assert text.index("Work starts") < text.index("2. Quay School") < text.index("The council votes")


def test_a_heading_linking_to_a_members_page_is_not_put_back():
    # A forum's name over each post links to the member's profile: a signature, not a title.
    text = body_text(article_from(_ranked_list_page('<h3><a href="/profile/4312-ldubs/">ldubs</a></h3>')))
    assert "The council votes" in text and "ldubs" not in text


def test_subheading_opening_the_body_under_the_headline_is_kept():
    html = page(f'<nav><ul>{MENU}</ul></nav><div class="panel"><h1>Breakwater repairs approved</h1>'
                f"<h2>What the harbour board decided</h2><p>{PARAGRAPH}Point 1.</p>"
                f"<h2>When the work begins</h2><p>{PARAGRAPH}Point 2.</p><p>{PARAGRAPH}Point 3.</p></div>")
    text = body_text(article_from(html))
    assert text.index("What the harbour board decided") < text.index("Point 1.") < text.index("When the work begins")
    assert text.count("What the harbour board decided") == 1



def related_named_section_page(section: str) -> str:
    # A section of the story in a container its CMS names from the section's heading and the word
    # "related" ("more-on-repairs-related-articles"): the extractor drops containers so named.
    return page(f'<nav><ul>{MENU}</ul></nav><article><div class="story-body">'
                f"<p>{PARAGRAPH}The board listed its findings.</p><p>{PARAGRAPH}Work starts in spring.</p>"
                f'<h2>Repairs you may not need</h2><p>{PARAGRAPH}Some crews quote more than the job needs.</p>'
                f'<div class="rel-article-wrapper" id="more-on-repairs-related-articles">{section}</div>'
                f"<p>{PARAGRAPH}The council votes next week.</p></div></article>")


def test_prose_of_the_story_in_a_container_named_related_is_kept_in_its_place():
    section = ("<p>Resurfacing: the engineers say the quay's surface can wait until the piles are done, "
               "because the heavy plant would break a new surface again within the first month of work.</p>"
               "<p>Lighting: the old lamps stay for now, as the council found that replacing them with the "
               "quay closed would cost twice as much as doing it during the summer maintenance window.</p>"
               "<p>Railings: the harbour master asked for new railings along the whole length of the quay, and the "
               "board agreed to fit them first, since the old ones fail the safety rules that came in last year.</p>")
    text = body_text(article_from(related_named_section_page(section)))
    assert "Resurfacing: the engineers say" in text and "Lighting: the old lamps stay" in text
    assert text.index("Some crews quote more") < text.index("Resurfacing") < text.index("The council votes")


def test_teasers_in_a_container_named_related_stay_out():
    teasers = "".join(f'<div class="card"><h3><a href="/story/{i}">Another story about the harbour, number {i}</a></h3>'
                      f"<p>Short summary of story {i}.</p></div>" for i in range(1, 4))
    text = body_text(article_from(related_named_section_page(teasers)))
    assert "Another story about the harbour" not in text and "Short summary" not in text
    assert "The council votes next week" in text
