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
