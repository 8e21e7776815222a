"""The second safety net: rendered article HTML is cleaned with nh3 (ammonia) against an allowlist.

The importer already writes only Markdown it understands; this catches anything a hand-edited or
hostile Markdown file could still produce.
"""

from __future__ import annotations

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


# Built once: nh3.clean would convert the allowlists for every article (a quarter of its time).
_CLEANER = nh3.Cleaner(
    tags=TAGS,
    attributes=ATTRIBUTES,
    url_schemes=URL_SCHEMES,
    link_rel="noopener noreferrer",
    strip_comments=True,
    filter_style_properties={"text-align"},
)


def sanitize_html(html: str) -> str:
    """Return the HTML with only allowlisted tags, attributes and URL schemes left."""
    return _CLEANER.clean(html)
