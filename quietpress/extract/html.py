"""HTML pages to Articles: main-content detection plus metadata from every source the page offers."""

from __future__ import annotations

from quietpress.errors import ExtractionError
from quietpress.extract.body import BodyHints, extract_body
from quietpress.extract.metadata import extract_metadata
from quietpress.extract.profiles import Profiles
from quietpress.model import Article, Document
from quietpress.parse import parse_html


def extract_html_article(document: Document, profiles: Profiles) -> Article:
    """Return the article in a decoded HTML page. Raises ExtractionError when nothing parses."""
    capture = document.capture
    root = parse_html(document.text, capture.source)
    if root is None:
        raise ExtractionError(capture.source, "no HTML could be parsed")
    meta = extract_metadata(root, capture.url)
    profile = profiles.for_page(meta.url or capture.url, meta.site)
    if profile:
        for selector in profile.clutter_selectors:
            for element in root.cssselect(selector):
                element.drop_tree()
    body = extract_body(root, BodyHints(title=meta.title, summary=meta.summary, url=meta.url or capture.url,
                                        text=meta.text))
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
        author_bio=meta.author_bio,
        agency=meta.agency,
        captured=capture.captured,
    )
