"""HTML pages to Articles: main-content detection plus metadata from every source the page offers."""

from __future__ import annotations

import lxml.html
import trafilatura
from lxml import etree

from quietpress.errors import ExtractionError
from quietpress.extract.metadata import extract_metadata
from quietpress.extract.profiles import Profiles
from quietpress.model import Article, Document
from quietpress.parse import parse_html


def extract_html_article(document: Document, profiles: Profiles) -> Article:
    capture = document.capture
    root = parse_html(document.text)
    if root is None:
        raise ExtractionError(capture.source, "no HTML could be parsed")
    meta = extract_metadata(root, capture.url)
    profile = profiles.for_page(meta.url or capture.url, meta.site)
    if profile:
        for selector in profile.clutter_selectors:
            for element in root.cssselect(selector):
                element.drop_tree()
    body = extract_body(root, meta.url or capture.url)
    return Article(
        title=meta.title or capture.hints.get("title") or "",
        body_html=body,
        authors=meta.authors,
        date=meta.date,
        modified=meta.modified,
        category=meta.category,
        tags=meta.tags,
        summary=meta.summary,
        site=meta.site,
        source_url=meta.url or capture.url,
        lang=meta.lang,
        image=meta.image,
        captured=capture.captured,
    )


def extract_body(root: etree._Element, url: str | None) -> str:
    """Return the main content as HTML, or an empty string when none is found."""
    html = trafilatura.extract(
        root, url=url, output_format="html", include_comments=False, include_images=True,
        include_links=True, include_formatting=True, include_tables=True, favor_precision=True,
    )
    if not html:
        return ""
    body = lxml.html.fromstring(html)
    return lxml.html.tostring(body, encoding="unicode")
