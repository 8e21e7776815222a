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
