"""The second safety net: rendered article HTML is cleaned with nh3 (ammonia) against an allowlist.

The importer already writes only Markdown it understands; this catches anything a hand-edited or
hostile Markdown file could still produce.
"""

from __future__ import annotations

import re

import nh3

TAGS = {"p", "br", "hr", "h2", "h3", "h4", "h5", "h6", "em", "strong", "code", "pre", "blockquote", "ul", "ol",
        "li", "a", "img", "figure", "figcaption", "small", "table", "thead", "tbody", "tr", "th", "td", "sup", "sub",
        "section", "span", "del", "s", "cite", "abbr"}
ATTRIBUTES = {
    "a": {"href", "title", "class", "id"},
    "img": {"src", "alt", "title", "width", "height", "loading", "decoding"},
    "small": {"class"},
    "span": {"class"},
    "figure": {"class"},
    "section": {"class"},
    "li": {"id", "class"},
    "sup": {"class", "id"},
    "ol": {"start", "class"},
    "th": {"style"},
    "td": {"style"},
    "hr": {"class"},
}
URL_SCHEMES = {"http", "https", "mailto"}
# Above this many `&` in an article, nh3 is given a stand-in for `&amp;` (see _clean).
AMPERSAND_LIMIT = 10_000


# Built once: nh3.clean would convert the allowlists for every article (a quarter of its time).
_CLEANER = nh3.Cleaner(
    tags=TAGS,
    attributes=ATTRIBUTES,
    url_schemes=URL_SCHEMES,
    link_rel="noopener noreferrer",
    strip_comments=True,
    filter_style_properties={"text-align"},
)


# A start tag as nh3 writes it: every attribute value double-quoted (a `"` inside is `&quot;`),
# while `<` and `>` inside a value are left as they are; in text, `<` is always `&lt;`.
START_TAG = re.compile(r'<[A-Za-z][^<>"]*(?:"[^"]*"[^<>"]*)*>')
ATTRIBUTE_VALUE = re.compile(r'"[^"]*"')
# The characters that open a Pelican link directive (`{attach}...`, `|static|...`), as references.
DIRECTIVE_OPENERS = str.maketrans({"{": "&#123;", "|": "&#124;"})


def sanitize_html(html: str) -> str:
    """Return the HTML with only allowlisted tags, attributes and URL schemes left, and no
    attribute value Pelican could read as a link directive."""
    return neutralise_directives(_clean(html))


def _clean(html: str) -> str:
    """nh3's clean, in time linear in the number of `&`.

    nh3 takes time in the square of the `&` in one text (1.2 million took minutes to build one
    article): past AMPERSAND_LIMIT, each `&amp;` goes through it as a private-use character that
    does not otherwise occur in the page, and comes back as the `&amp;` nh3 would have written.
    """
    stand_in = _unused_character(html) if html.count("&") >= AMPERSAND_LIMIT else None
    if stand_in is None:
        return _CLEANER.clean(html)
    return _CLEANER.clean(html.replace("&amp;", stand_in)).replace(stand_in, "&amp;")


def _unused_character(html: str) -> str | None:
    """Return a private-use character (planes 15 and 16) the HTML does not hold, or None."""
    used = set(html)
    return next((chr(code) for code in range(0xF0000, 0x10FFFE) if chr(code) not in used and code & 0xFFFE != 0xFFFE),
                None)


def neutralise_directives(html: str) -> str:
    """Return the HTML with `{` and `|` in attribute values written as character references.

    Pelican rewrites `<tag ... src='{attach}path'` anywhere inside a tag, and copies the file into
    the site: an image whose alt text was `src='{attach}../../../etc/passwd'` published that file
    (tests/test_hostile_local_files.py). markdown-it already percent-encodes both characters in
    link and image addresses, so no article of ours links with a directive; what is left is alt
    and title text, where a browser shows the references as the characters they stand for.
    """
    if "{" not in html and "|" not in html:
        return html
    return START_TAG.sub(_neutralise_tag, html)


def _neutralise_tag(match: re.Match) -> str:
    return ATTRIBUTE_VALUE.sub(lambda value: value.group(0).translate(DIRECTIVE_OPENERS), match.group(0))
