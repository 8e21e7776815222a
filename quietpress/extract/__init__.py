"""Stage 3, extract: a decoded capture to an Article (metadata plus allowlisted body HTML)."""

from __future__ import annotations

from quietpress.errors import ExtractionError
from quietpress.extract.profiles import Profiles
from quietpress.extract.language import with_language
from quietpress.extract.tags import with_clean_tags
from quietpress.extract.topics import body_text, with_section, with_topic
from quietpress.model import Article, CaptureKind, Document


def extract_article(document: Document, profiles: Profiles | None = None) -> Article:
    """Return the article in a decoded capture.

    Raises ExtractionError naming the capture when no article body is found.
    """
    profiles = profiles or Profiles.empty()
    if document.capture.kind is CaptureKind.TEXT:
        from quietpress.extract.text import extract_text_article

        article = extract_text_article(document, profiles)
    else:
        from quietpress.extract.html import extract_html_article

        article = extract_html_article(document, profiles)
    if not article.body_html.strip():
        raise ExtractionError(document.capture.source, "no article body found")
    # The site's section is kept as `section`; a profile may map it to a topic, else the rules give one.
    text = body_text(article)
    article = with_language(with_clean_tags(article, f"{article.title}\n{text}"), text)
    return with_topic(profiles.apply(with_section(article)), text)


__all__ = ["extract_article", "ExtractionError"]
