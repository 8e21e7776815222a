"""HTML pages to Articles: main-content detection plus metadata from every source the page offers."""

from __future__ import annotations

from quietpress.errors import ExtractionError
from quietpress.extract.body import BodyHints, extract_body
from quietpress.extract.metadata import extract_metadata
from quietpress.extract.pagetype import measure_page
from quietpress.extract.profiles import Profiles
from quietpress.extract.replay import without_banner
from quietpress.extract.scriptstate import state_body
from quietpress.extract.xpathguard import guarded_trafilatura
from quietpress.model import Article, Document
from quietpress.parse import parse_html


def extract_html_article(document: Document, profiles: Profiles) -> Article:
    """Return the article in a decoded HTML page. Raises ExtractionError when nothing parses."""
    # trafilatura (main content, the author search) runs with its regex tests guarded: the same
    # nodes in less time (xpathguard.py).
    with guarded_trafilatura():
        return _extract(document, profiles)


def _extract(document: Document, profiles: Profiles) -> Article:
    capture = document.capture
    root = parse_html(without_banner(document.text), capture.source)
    if root is None:
        raise ExtractionError(capture.source, "no HTML could be parsed")
    page_shape = measure_page(root)  # before anything below prunes the tree
    meta = extract_metadata(root, capture.url)
    profile = profiles.for_page(meta.url or capture.url, meta.site)
    if profile:
        for selector in profile.clutter_selectors:
            for element in root.cssselect(selector):
                element.drop_tree()
    hints = BodyHints(title=meta.title, summary=meta.summary, url=meta.url or capture.url, text=meta.text,
                      authors=meta.authors, site=meta.site)
    body = extract_body(root, hints)
    if not body.strip():
        # Pruning is general and can be wrong on an unseen layout; before a page is given up as
        # having no article, main-content detection is asked about the page as it came.
        unpruned = parse_html(document.text, capture.source)
        if unpruned is not None:
            body = extract_body(unpruned, hints, prune=False)
    if not body.strip():
        body = _body_from_state(document, hints)
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
        captured=capture.captured or meta.captured,
        archived_url=meta.archived,
        base_url=meta.base,
        page_shape=page_shape,
    )


def _body_from_state(document: Document, hints: BodyHints) -> str:
    """Return the body a script-rendered page keeps in its embedded state (scriptstate.py), read as
    a page of its own, or "" when the state holds no article either."""
    root = parse_html(document.text, document.capture.source)
    found = state_body(root) if root is not None else None
    if found is None:
        return ""
    page = parse_html(f"<html><body><article>{found.html}</article></body></html>", document.capture.source)
    return extract_body(page, hints) if page is not None else ""
