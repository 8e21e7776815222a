"""The article's language: from its text when the page says nothing or says wrong.

Pages declare a language for the whole site (`<html lang="en">` on a German article of an English
site's network, a template's `og:locale` left at en_US), or none. py3langid (the identifier
trafilatura's author keeps up, with its model inside the package) reads the article's own text; it
replaces the declared language only when the text is long enough and it is sure.
"""

from __future__ import annotations

import dataclasses
import re
from functools import lru_cache

from quietpress.extract.wordcount import word_count
from quietpress.model import Article

# Fewer words than this and the identifier guesses: a caption, a teaser, a list of links.
MIN_WORDS = 25
# How sure the identifier must be to name a language the page did not give, and to correct one the
# page gave: a correction needs more text and more certainty, since the page usually knows.
MIN_PROBABILITY = 0.95
MIN_WORDS_TO_CORRECT = 60
MIN_PROBABILITY_TO_CORRECT = 0.999
# The text read: the opening is enough, and identification time grows with length.
MAX_CHARS = 1500


def language_code(value: str | None) -> str | None:
    """The language of a declared tag ("en-GB", "pt_BR" are "en", "pt"), or None for no code."""
    if not value:
        return None
    value = value.replace("_", "-").split("-")[0].strip().lower()
    return value if re.fullmatch(r"[a-z]{2,3}", value) else None


def with_language(article: Article, text: str) -> Article:
    """Return the article with its language checked against its text."""
    lang = article_language(article.lang, text)
    return dataclasses.replace(article, lang=lang) if lang != article.lang else article


def article_language(declared: str | None, text: str) -> str | None:
    """Return the language of the text (ISO 639-1), the declared one unless the text says otherwise.

    >>> article_language("en", "Der Gemeinderat hat am Montag beschlossen, die Fähre über den See ab März wieder fahren zu lassen. " * 4)
    'de'
    """
    words = word_count(text)
    if words < MIN_WORDS:
        return declared
    detected, probability = _identifier().classify(text[:MAX_CHARS])
    if declared is None:
        return detected if probability >= MIN_PROBABILITY else None
    if detected != declared and words >= MIN_WORDS_TO_CORRECT and probability >= MIN_PROBABILITY_TO_CORRECT:
        return detected
    return declared


@lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
