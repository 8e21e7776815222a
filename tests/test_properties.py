"""Property tests for everything that takes unbounded input: front matter, slugs, the Markdown writer.

Examples are bounded so `make test` stays quick; raise them with HYPOTHESIS_PROFILE=long.
"""

from __future__ import annotations

import html
import os
import re
from pathlib import Path

import lxml.html
from hypothesis import HealthCheck, given, settings, strategies as st

from quietpress.frontmatter import normalise_value, parse_front_matter, render_front_matter, split_front_matter
from quietpress.markdown import ConvertOptions, html_to_markdown
from quietpress.site.reader import render_markdown
from quietpress.write import MAX_SLUG_LENGTH, PathEscapeError, inside, slugify, unique_slug
from safety import findings_in_html

settings.register_profile("quick", max_examples=60, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("long", max_examples=2000, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
PROFILE = settings.get_profile(os.environ.get("HYPOTHESIS_PROFILE", "quick"))

# Any text a capture could hold once decoded (no surrogates: decoding never yields them).
TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=80)
# Text as it reaches the converter: control characters are removed at decode time.
PAGE_TEXT = st.text(st.characters(exclude_categories=("Cs", "Cc")), min_size=1, max_size=80)
# Text rich in the characters Markdown and HTML give meaning to.
SYNTAX = st.lists(st.sampled_from(list("#*_`[]()<>!\\&;|~:=+-.1) \"'\n\tab") + ["&amp;", "&lt;", "&#x41;", "```",
                                                                          "~~~", "1. ", "- ", "> ", "---", "***",
                                                                          "[^1]", ":::", "<b>", "http://x.y"]),
                 min_size=1, max_size=40).map("".join)


def squash(text: str) -> str:
    return re.sub(r"[ \t\n\r\f\v]+", " ", text).strip()


def rendered(markdown: str) -> lxml.html.HtmlElement:
    _, body, _ = render_markdown(markdown)
    return lxml.html.fragment_fromstring(body or "<p></p>", create_parent="div")


# --- front matter -----------------------------------------------------------------------------
@settings(PROFILE)
@given(st.dictionaries(st.sampled_from(["title", "summary", "site", "category", "author_bio", "lang"]), TEXT),
       st.lists(TEXT, max_size=4))
def test_front_matter_round_trips_any_text(values, authors):
    metadata = {"title": "T", **values, "authors": authors}
    text = render_front_matter(metadata) + "\nBody\n"
    expected = {k: v for k, v in normalise_value(metadata).items() if v not in ("", [])}
    expected["authors"] = [a for a in expected.get("authors", [])]
    expected = {k: v for k, v in expected.items() if v not in ("", [])}
    read, body, _ = split_front_matter(text)
    assert read == expected
    assert body == "\nBody\n"
    _, _, block = render_markdown(text)
    assert parse_front_matter(block) == expected


@settings(PROFILE)
@given(TEXT)
def test_front_matter_normalisation_is_idempotent_and_clean(value):
    once = normalise_value(value)
    assert normalise_value(once) == once
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\r]", once)


# --- slugs ------------------------------------------------------------------------------------
@settings(PROFILE)
@given(TEXT)
def test_slug_is_short_safe_ascii(title):
    slug = slugify(title)
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slug), slug
    assert len(slug) <= MAX_SLUG_LENGTH
    assert slugify(slug) == slug


@settings(PROFILE)
@given(st.lists(st.sampled_from(["Same title", "same-title", "SAME TITLE!", "Other"]), min_size=1, max_size=12))
def test_unique_slugs_are_unique_and_suffixes_come_from_the_article(titles):
    taken: set[str] = set()
    for i, title in enumerate(titles):
        base = slugify(title)
        slug = unique_slug(base, taken, f"identity-{i}")
        assert slug not in taken and (slug == base or slug.startswith(base + "-"))
        if slug != base:
            # The suffix depends on the article, not on what else the batch holds.
            assert unique_slug(base, {base}, f"identity-{i}") == slug
        taken.add(slug)


@settings(PROFILE)
@given(st.lists(st.sampled_from(list("ab./\\:~-_") + ["..", "../", "/etc", "%2e%2e"]), max_size=30).map("".join))
def test_inside_never_returns_a_path_outside_root(relative):
    root = Path("/tmp/quietpress-root-that-need-not-exist/content")
    try:
        target = inside(root, relative)
    except PathEscapeError:
        return
    assert target == root or root in target.parents


# --- the Markdown writer ----------------------------------------------------------------------
@settings(PROFILE)
@given(st.one_of(PAGE_TEXT, SYNTAX))
def test_paragraph_text_comes_back_as_the_same_text(text):
    markdown = html_to_markdown(f"<p>{html.escape(text)}</p>")
    assert squash(rendered(markdown).text_content()) == squash(text)


@settings(PROFILE)
@given(st.lists(st.one_of(PAGE_TEXT, SYNTAX), min_size=2, max_size=4))
def test_lines_joined_by_breaks_come_back_as_the_same_lines(lines):
    body = "<br>".join(html.escape(line) for line in lines)
    root = rendered(html_to_markdown(f"<p>{body}</p>"))
    got = [squash(part) for part in root.xpath("string(.)").split("\n")]
    assert " ".join(g for g in got if g) == " ".join(squash(line) for line in lines if squash(line))
    assert not root.xpath("//h1|//h2|//h3|//h4|//h5|//h6|//hr|//ul|//ol|//pre|//table|//blockquote")


@settings(PROFILE)
@given(st.one_of(PAGE_TEXT, SYNTAX), st.one_of(PAGE_TEXT, SYNTAX))
def test_link_text_and_target_survive(text, tail):
    markdown = html_to_markdown(f'<p><a href="https://example.com/a?b=1">{html.escape(text)}</a> {html.escape(tail)}</p>')
    root = rendered(markdown)
    if squash(text):
        links = root.xpath("//a")
        assert len(links) == 1, markdown
        assert squash(links[0].text_content()) == squash(text)
        assert links[0].get("href") == "https://example.com/a?b=1"
    assert squash(root.text_content()) == squash(f"{text} {tail}")


@settings(PROFILE)
@given(st.one_of(PAGE_TEXT, SYNTAX), st.one_of(PAGE_TEXT, SYNTAX))
def test_figure_caption_and_credit_survive(caption, credit):
    options = ConvertOptions(image_paths={"p.jpg": "../../images/ab.jpg"})
    markdown = html_to_markdown(f'<figure><img src="p.jpg" alt="x"><figcaption>{html.escape(caption)}'
                                f'<span class="credit">{html.escape(credit)}</span></figcaption></figure>', options)
    root = rendered(markdown)
    figures = root.xpath("//figure")
    assert len(figures) == 1, markdown
    assert figures[0].xpath(".//img/@src") == ["../../images/ab.jpg"]
    credits = figures[0].xpath(".//figcaption//small[@class='credit']")
    if squash(credit):
        assert [squash(c.text_content()) for c in credits] == [squash(credit)]
    caption_text = squash("".join(figures[0].xpath(".//figcaption//p//text()")))
    assert caption_text == squash(caption)


@settings(PROFILE)
@given(st.lists(st.one_of(PAGE_TEXT, SYNTAX), min_size=1, max_size=4), st.sampled_from(["ul", "ol", "blockquote"]))
def test_list_items_and_quotes_keep_their_text(items, container):
    if container == "blockquote":
        body = "<blockquote>" + "".join(f"<p>{html.escape(i)}</p>" for i in items) + "</blockquote>"
    else:
        body = f"<{container}>" + "".join(f"<li>{html.escape(i)}</li>" for i in items) + f"</{container}>"
    root = rendered(html_to_markdown(body))
    # Spaces (a no-break space too) at the edges of a block are not kept, as in a browser.
    assert squash(root.text_content().replace("\n", " ")) == " ".join(squash(i) for i in items if squash(i))


HOSTILE_TAGS = ["script", "style", "iframe", "object", "embed", "form", "input", "button", "svg", "math", "base",
                "meta", "link", "img", "a", "p", "div", "figure", "figcaption", "span", "b", "table", "td", "video",
                "source", "noscript", "template", "frame", "frameset", "marquee", "details", "textarea"]
HOSTILE_ATTRIBUTES = ["onclick", "onerror", "onload", "style", "href", "src", "srcset", "action", "formaction",
                      "data", "poster", "background", "xlink:href", "http-equiv", "content", "class"]
HOSTILE_VALUES = ["javascript:alert(1)", "JaVaScRiPt:alert(1)", " javascript:alert(1)", "java\tscript:alert(1)",
                  "jav&#x09;ascript:alert(1)", "&#106;avascript:alert(1)", "vbscript:msgbox(1)",
                  "data:text/html;base64,PHNjcmlwdD4=", "data:image/svg+xml,<svg onload=alert(1)>",
                  "0;url=javascript:alert(1)", "https://example.com/ok", "alert(1)", "x\" onerror=\"alert(1)",
                  "expression(alert(1))", "//evil.example/x", "\x01javascript:alert(1)"]


@st.composite
def hostile_markup(draw, depth: int = 0) -> str:
    parts = []
    for _ in range(draw(st.integers(0, 4))):
        kind = draw(st.integers(0, 3))
        if kind == 0 or depth > 3:
            parts.append(html.escape(draw(st.one_of(PAGE_TEXT, SYNTAX))))
        elif kind == 1:
            parts.append(draw(st.sampled_from(["&lt;script&gt;alert(1)&lt;/script&gt;", "<!-- c -->", "<![CDATA[x]]>",
                                               "</p>", "<p", "&#0;", "&#xD800;", "<script>alert(1)</script>"])))
        else:
            tag = draw(st.sampled_from(HOSTILE_TAGS))
            attrs = draw(st.lists(st.tuples(st.sampled_from(HOSTILE_ATTRIBUTES), st.sampled_from(HOSTILE_VALUES)),
                                  max_size=3))
            rendered_attrs = "".join(f' {name}="{value}"' for name, value in attrs)
            parts.append(f"<{tag}{rendered_attrs}>{draw(hostile_markup(depth + 1))}</{tag}>")
    return "".join(parts)


@settings(PROFILE)
@given(hostile_markup())
def test_hostile_markup_never_renders_anything_executable(markup):
    markdown = html_to_markdown(f"<div>{markup}</div>", ConvertOptions(base_url="https://example.com/news/a"))
    _, body, _ = render_markdown(markdown)
    assert findings_in_html(body, "fragment") == []


MARKDOWN_PIECES = ["[a](javascript:alert(1))", "[a](JaVaScRiPt:alert(1))", "[a](<java\tscript:alert(1)>)",
                   "![i](javascript:alert(1))", "![i](data:text/html,<script>alert(1)</script>)",
                   "![i](data:image/svg+xml,<svg onload=alert(1)>)", "<script>alert(1)</script>",
                   "<img src=x onerror=alert(1)>", "<iframe src=x>", "<javascript:alert(1)>", "[r]\n\n[r]: vbscript:x",
                   "::: figure\n", ":::\n", "Credit: <b onclick=x>c</b>", "| a |\n|---|\n| <style>x</style> |",
                   "[^1]\n\n[^1]: <script>x</script>", "```html\n<script>x</script>\n```", "\n---\n", "\n", "- ",
                   "> ", "# ", "&lt;script&gt;", "&#x6A;avascript:x", "[a](&#x6A;avascript:alert(1))", "***", "`"]


@settings(PROFILE)
@given(st.lists(st.one_of(st.sampled_from(MARKDOWN_PIECES), SYNTAX, PAGE_TEXT), max_size=12).map("".join))
def test_any_hand_written_markdown_renders_nothing_active(markdown):
    _, body, _ = render_markdown(markdown)
    assert findings_in_html(body, "markdown") == []


@settings(PROFILE)
@given(TEXT)
def test_slug_of_a_title_is_the_slug_of_the_title_as_written(title):
    assert slugify(title) == slugify(normalise_value(title))


URL_CHARACTERS = "ABCxyz0189-._~:/?#@!$&'()*+,;=%[] \"<>\\^`{|}éß"


@settings(max_examples=3000, deadline=None)
@given(st.one_of(st.text(alphabet=URL_CHARACTERS, max_size=40),
                 st.builds(lambda scheme, rest: scheme + rest, st.sampled_from(["http://", "https://", "mailto:", "//", ""]),
                           st.text(alphabet=URL_CHARACTERS, max_size=30))))
def test_link_normalising_fast_path_agrees_with_markdown_it(url):
    from markdown_it.common.normalize_url import normalizeLink
    from quietpress.site.reader import normalize_link

    assert normalize_link(url) == normalizeLink(url)


SAFE_CHARACTERS = "ABCxyz0189-._~:/?#!$&'()*+,;=%"


@settings(max_examples=3000, deadline=None)
@given(st.builds(lambda scheme, host, port, rest: scheme + host + port + rest,
                 st.sampled_from(["http://", "https://", "HTTP://", ""]),
                 st.text(alphabet="aZ09.-", max_size=12),
                 st.sampled_from(["", ":80", ":", ":x"]),
                 st.text(alphabet=SAFE_CHARACTERS, max_size=30)))
def test_link_normalising_fast_path_agrees_on_addresses_it_takes(url):
    from markdown_it.common.normalize_url import normalizeLink
    from quietpress.site.reader import normalize_link

    assert normalize_link(url) == normalizeLink(url)


DESTINATION_CHARACTERS = "ab/:.?=#-<>()\\ \t\n\x00\x7f&;é%[]\"'"


@settings(max_examples=3000, deadline=None)
@given(st.text(alphabet=DESTINATION_CHARACTERS, max_size=30), st.integers(0, 5), st.integers(0, 5))
def test_link_destination_fast_path_agrees_with_markdown_it(text, start, cut):
    from markdown_it.helpers import parseLinkDestination

    from quietpress.site.reader import parse_link_destination

    start, maximum = min(start, len(text)), max(0, len(text) - cut)
    ours, stock = parse_link_destination(text, start, maximum), parseLinkDestination(text, start, maximum)
    assert (ours.ok, ours.pos if ours.ok else None, ours.str) == (stock.ok, stock.pos if stock.ok else None, stock.str)


@settings(max_examples=2000, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=60)
       | st.text(alphabet="ab1_-—“”' .,é\u0301ßİ٣ǅⅣ\t\n\u034f\u00a0…½ﬁⒶ\u0903", max_size=60))
def test_tokenizer_gives_the_runs_of_letters_and_digits(text):
    from quietpress.site.search import MAX_TOKEN, TOKEN, normalise, tokenize

    assert tokenize(text) == [t for t in TOKEN.findall(normalise(text)) if len(t) <= MAX_TOKEN]


@settings(max_examples=1000, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=80)
       | st.text(alphabet="ab1_-—“”' .,é\u0301ßİ٣ǅⅣ\t\n\u034f\u00a0…½ﬁⒶ\u0903xyzxyzxyzxyzxyzxyzxyzxyzxyzxyz", max_size=120))
def test_token_counts_count_the_tokens(text):
    from collections import Counter

    from quietpress.site.search import token_counts, tokenize

    assert token_counts(text) == Counter(tokenize(text))
