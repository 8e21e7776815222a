"""Atom feeds whose entries work in a feed reader: links and images made absolute.

Article HTML links relatively (`../../images/ab12.jpg`), which is right on the page but wrong in a
feed: a reader resolves it against the feed's address (or not at all), so images vanished. Each
entry's relative addresses are resolved against the entry's own link, which Pelican makes
absolute from FEED_DOMAIN (feeds are only written when SITEURL is set: pelicanconf.py).
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urljoin

# nh3 writes every attribute double-quoted, so a pattern finds them all in sanitised HTML.
_URL_ATTRIBUTE = re.compile(r'\b(href|src)="([^"]*)"')
_ABSOLUTE = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//|#)", re.I)


def absolute_links(html: str, base: str) -> str:
    """The HTML with every relative href and src resolved against `base`.

    >>> absolute_links('<img src="../../images/a.png">', "https://ex.org/site/articles/2024/x.html")
    '<img src="https://ex.org/site/images/a.png">'
    """
    def resolve(match: re.Match[str]) -> str:
        name, value = match.groups()
        if not value or _ABSOLUTE.match(value):
            return match.group(0)
        return f'{name}="{urljoin(base, value)}"'

    return _URL_ATTRIBUTE.sub(resolve, html)


def absolute_feed_links(context: Any, feed: Any) -> None:
    """Receiver for `feed_generated`: rewrite each entry's content and summary before it is written."""
    for item in feed.items:
        base = item.get("link") or ""
        if not base.startswith(("http://", "https://")):
            continue
        for key in ("content", "description"):
            if item.get(key):
                item[key] = absolute_links(item[key], base)
