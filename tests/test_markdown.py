"""Convert: only allowlisted markup reaches the Markdown, and what it renders to is safe and faithful."""

from __future__ import annotations

import re
from pathlib import Path

import lxml.html
import pytest

from quietpress.markdown import ConvertOptions, clean_link, escape_text, html_to_markdown
from quietpress.site.reader import render_markdown
from quietpress.site.sanitize import sanitize_html
from safety import findings_in_html

HOSTILE_PAGE = Path(__file__).parent / "corpus" / "hostile_markup" / "page.html"


def render(markdown: str) -> str:
    return render_markdown(markdown)[1]


def hostile_article() -> str:
    root = lxml.html.document_fromstring(HOSTILE_PAGE.read_text(encoding="utf-8"))
    return lxml.html.tostring(root.find(".//article"), encoding="unicode")


def test_hostile_article_converts_to_markdown_without_any_markup_or_payload_link():
    markdown = html_to_markdown(hostile_article(), ConvertOptions(base_url="https://example.org/news/harbour"))
    # Every payload is named QP-...; one may only survive as visible text (the escaped sign, the
    # placard) or inside a harmless link on the page's own site (a relative `jav%09ascript:` path).
    for destination in re.findall(r"(?<!\\)\]\((<[^>]*>|[^)]*)\)", markdown):
        assert destination.strip("<>").startswith("https://example.org/"), destination
    outside_links = re.sub(r"(?<!\\)\]\(<[^>]*>\)|`[^`]*`", "]()", markdown)
    assert not re.search(r"(?<!\\)<[a-zA-Z/!]", outside_links), markdown
    assert "[the independent study](https://example.org/harbour-study)" in markdown
    assert "the traffic study" in markdown and "the budget" in markdown and "the annex" not in markdown


def test_hostile_article_renders_with_no_findings_and_markup_text_stays_visible():
    body = render(html_to_markdown(hostile_article(), ConvertOptions(base_url="https://example.org/news/harbour")))
    assert findings_in_html(body, "hostile_markup") == []
    text = lxml.html.fragment_fromstring(body, create_parent="div").text_content()
    assert "<script>alert('QP-visible')</script>" in text
    assert "<iframe src=x>" in text
    assert "[a link](javascript:alert('QP-md-link'))" in text
    assert "&lt;b&gt;" in text


def test_list_written_straight_in_a_list_nests_under_the_item_before_it():
    markdown = html_to_markdown("<ul><li>SKU: 5001</li><ul><li>Qty</li><li>1-9: 20.00</li></ul><li>Fit: regular</li></ul>")
    assert markdown == "- SKU: 5001\n  - Qty\n  - 1-9: 20.00\n- Fit: regular\n"


def test_text_and_paragraphs_a_list_holds_outside_its_items_are_kept_in_order():
    markdown = html_to_markdown("<ol>Steps<li>Soak</li> overnight <p>Then</p><li>Boil</li></ol>")
    assert markdown == "1. Steps\n\n2. Soak overnight\n\n   Then\n\n3. Boil\n"


@pytest.mark.parametrize("href", [
    "javascript:alert(1)", "JaVaScRiPt:alert(1)", " javascript:alert(1)", "java\tscript:alert(1)",
    "java\nscript:alert(1)", "\x0ejavascript:alert(1)", "vbscript:msgbox(1)", "data:text/html,<script>",
    "DATA:text/html;base64,PHNjcmlwdD4=", "livescript:x", "jav%09ascript:alert(1)", "//evil.example/x",
    "file:///etc/passwd",
])
def test_unsafe_links_are_dropped(href):
    assert clean_link(href, None) is None


def test_safe_links_are_kept_and_tracking_removed():
    assert clean_link("https://example.com/a?utm_source=x&id=3", None) == "https://example.com/a?id=3"
    assert clean_link("/b", "https://example.com/a/") == "https://example.com/b"
    assert clean_link("mailto:desk@example.com", None) == "mailto:desk@example.com"


def test_link_text_survives_when_its_link_is_dropped():
    assert html_to_markdown('<p>See <a href="javascript:alert(1)">the report</a> now.</p>') == "See the report now.\n"


# (`embed` is void in HTML5: text after it is the page's, and is kept; see parse.unnest_void_elements.)
@pytest.mark.parametrize("tag", ["script", "style", "iframe", "object", "form", "template", "noscript",
                                 "svg", "math", "textarea", "select", "button"])
def test_active_elements_are_dropped_whole(tag):
    markdown = html_to_markdown(f"<p>before</p><{tag}>QP-inside</{tag}><p>after</p>")
    assert "QP-inside" not in markdown
    assert markdown == "before\n\nafter\n"


def test_markup_shown_as_text_stays_text():
    markdown = html_to_markdown("<p>Type &lt;script&gt;alert(1)&lt;/script&gt; &amp;amp; see &amp;lt;</p>")
    body = render(markdown)
    assert "<script>" not in body
    text = lxml.html.fragment_fromstring(body, create_parent="div").text_content()
    assert text.strip() == "Type <script>alert(1)</script> &amp; see &lt;"


def test_image_with_unsafe_source_keeps_caption_not_image():
    markdown = html_to_markdown('<figure><img src="javascript:alert(1)" alt="a"><figcaption>Caption'
                                '</figcaption></figure>')
    assert "javascript" not in markdown and "Caption" in markdown


def test_remote_image_becomes_a_link_to_the_original_not_an_image():
    markdown = html_to_markdown('<figure><img src="https://cdn.example/p.jpg" alt="x"></figure>')
    body = render(markdown)
    assert "<img" not in body and 'href="https://cdn.example/p.jpg"' in body


def test_data_uri_image_is_only_shown_from_a_local_copy():
    svg = "data:image/svg+xml,<svg onload=alert(1)>"
    assert "svg" not in html_to_markdown(f'<figure><img src="{svg}"><figcaption>c</figcaption></figure>')


@pytest.mark.parametrize("text", ["# heading", "- item", "1. item", "> quote", "---", "=== x", "```", "~~~",
                                  "::: figure", "| a | b |", "* star", "+ plus", "[^1]: note", "<div>", "&amp;",
                                  "\\", "`code`", "*em*", "_em_", "[x](y)", "![x](y)", "<https://x.y>"])
def test_text_that_looks_like_markdown_stays_text(text):
    body = render(html_to_markdown(f"<p>{_escape(text)}</p>"))
    root = lxml.html.fragment_fromstring(body, create_parent="div")
    assert [child.tag for child in root] == ["p"]
    assert root.text_content().strip() == text


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def test_text_after_a_hard_break_cannot_start_a_block():
    body = render(html_to_markdown("<p>one<br># two<br>---<br>&gt; three<br>1. four</p>"))
    root = lxml.html.fragment_fromstring(body, create_parent="div")
    assert [child.tag for child in root] == ["p"]
    assert root.text_content().strip().split("\n") == ["one", "# two", "---", "> three", "1. four"]


def test_trailing_break_leaves_no_backslash():
    assert html_to_markdown("<p>end<br></p>") == "end\n"


def test_escape_text_escapes_every_inline_marker():
    assert escape_text("a*b_c`d[e]f<g>h|i~j\\k") == "a\\*b\\_c\\`d\\[e\\]f\\<g\\>h\\|i\\~j\\\\k"


def test_sanitizer_removes_what_a_hand_written_file_could_still_produce():
    dirty = ('<p onclick="x">a<script>alert(1)</script><a href="javascript:alert(1)">l</a>'
             '<img src="data:text/html,x" onerror="y"><iframe src="x"></iframe><style>p{}</style>'
             '<td style="color:red;text-align:right">c</td></p>')
    clean = sanitize_html(dirty)
    assert findings_in_html(clean, "sanitized") == []
    assert "alert" not in clean


def test_image_inside_running_text_does_not_split_the_sentence():
    markdown = html_to_markdown('<p>The vote was <img src="https://x.example/icon.png"> final.</p>'
                                '<p><img src="https://x.example/photo.jpg"></p>')
    assert markdown == "The vote was final.\n\n::: figure\n![](https://x.example/photo.jpg)\n:::\n"


@pytest.mark.parametrize("href", [
    "javascript:alert(1)", "JaVaScRiPt:alert(1)", "&#106;avascript:alert(1)", "&#x6A;avascript:alert(1)",
    "java&#9;script:alert(1)", "java&#x0A;script:alert(1)", " \x01javascript:alert(1)", "vbscript:msgbox(1)",
    "data:text/html;base64,PHNjcmlwdD4=", "data:image/svg+xml,<svg onload=alert(1)>", "jAvAsCrIpT&colon;alert(1)",
])
def test_sanitizer_alone_drops_every_spelling_of_an_unsafe_scheme(href):
    clean = sanitize_html(f'<p><a href="{href}">a</a><img src="{href}"></p>')
    assert findings_in_html(clean, "sanitized") == [], clean


@pytest.mark.parametrize("tag", ["script", "style", "iframe", "object", "embed", "form", "base", "meta", "link",
                                 "svg", "math", "frame", "frameset", "template", "input", "button", "textarea"])
def test_sanitizer_alone_drops_active_elements(tag):
    clean = sanitize_html(f'<p>a<{tag} src="x" href="x" onload="alert(1)">inner</{tag}>b</p>')
    assert f"<{tag}" not in clean and "onload" not in clean


def test_body_headings_start_at_h2_and_never_skip_a_level():
    from quietpress.markdown import html_to_markdown

    markdown = html_to_markdown("<h3>First</h3><p>a</p><h5>Deep</h5><p>b</p><h3>Second</h3>")
    assert [line for line in markdown.splitlines() if line.startswith("#")] == ["## First", "### Deep", "## Second"]
