"""An article written once per screen layout (the stylesheet shows one) is kept once."""

from __future__ import annotations

from test_extract_html import article_from, body_text, page

SENTENCES = [f"Paragraph {i} tells how the harbour board weighed the engineers' report on the cracked breakwater."
             for i in range(1, 7)]


def article(copies: int) -> str:
    one = "<h2>What the storms broke</h2>" + "".join(f"<p>{sentence}</p>" for sentence in SENTENCES)
    return page("<main>" + "".join(f'<div class="layout-{n}">{one}</div>' for n in range(copies)) + "</main>")


def test_article_written_for_three_layouts_is_kept_once():
    text = body_text(article_from(article(3)))
    assert text.count("Paragraph 1 tells how") == 1 and text.count("Paragraph 6 tells how") == 1
    assert text.count("What the storms broke") == 1


def test_a_line_quoted_twice_in_an_article_stays():
    quote = "The breakwater will stand another fifty winters if the work starts this spring, said the engineer."
    body = "".join(f"<p>{sentence}</p>" for sentence in SENTENCES[:3])
    html = page(f"<main><p>{quote}</p>{body}<blockquote><p>{quote}</p></blockquote>"
                + "".join(f"<p>{sentence}</p>" for sentence in SENTENCES[3:]) + "</main>")
    assert body_text(article_from(html)).count("fifty winters") == 2
