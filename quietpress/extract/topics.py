"""An article's topic: one of IPTC's 17 top-level Media Topics, from its section, keywords and text.

The site's own section ("Markets", "Wirtschaft", "/sport/") is the strongest evidence; then the
article's keywords and title; then its opening text. Each topic's words, in every language the
archive's pages use, are in topicwords.py. A topic is given only when the evidence adds up to
MIN_SCORE; otherwise the article has none ("Uncategorised" in the site). The site's section stays
as the article's `section`.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import unquote, urlsplit

import lxml.html

from quietpress.extract.topicwords import TOPICS
from quietpress.model import Article

# Weights, chosen on the tuning part of the scrapinghub labels (scripts/bench_metadata.py --topics):
# a section naming a topic outweighs a few stray words of the text; a keyword counts twice a word of
# the text, a word of the title twice too. Re-run the benchmark after changing any of them.
SECTION_WEIGHT = 6
KEYWORD_WEIGHT = 2
TITLE_WEIGHT = 2
# A word repeated in the text counts up to this many times: one long story must not outvote the rest.
MAX_REPEATS = 3
# The least evidence for a topic: a section, or a keyword and a title word, or a few words of text.
MIN_SCORE = 4
# A section qualified by a word or two ("Auto News", "Online Business") is read word by word.
MAX_SECTION_WORDS = 3
# Only the opening of the text: the lead states what an article is about, the rest wanders.
TEXT_WORDS = 400


@dataclass(frozen=True)
class TopicEvidence:
    """What an article says about its subject."""

    section: str | None = None
    url: str | None = None
    keywords: tuple[str, ...] = ()
    title: str | None = None
    text: str | None = None


def assign_topic(evidence: TopicEvidence) -> str | None:
    """Return the IPTC top-level Media Topic label (English, as IPTC writes it), or None.

    >>> assign_topic(TopicEvidence(section="Wirtschaft"))
    'economy, business and finance'
    """
    scores: Counter[str] = Counter()
    for label in _section_labels(evidence.section, evidence.url):
        for topic in _topics_of_section(label):
            scores[topic] += SECTION_WEIGHT
    for keyword in evidence.keywords:
        for topic, hits in _word_hits(keyword).items():
            scores[topic] += KEYWORD_WEIGHT * min(hits, 1)
    for topic, hits in _word_hits(evidence.title or "").items():
        scores[topic] += TITLE_WEIGHT * hits
    opening = " ".join((evidence.text or "").split()[:TEXT_WORDS])
    in_text = _word_hits(opening)
    scores.update(in_text)
    if not scores:
        return None
    # On a tie, the topic the article's own text speaks of more wins.
    topic, score = max(scores.items(), key=lambda item: (item[1], in_text[item[0]], item[0]))
    return topic if score >= MIN_SCORE else None


def _section_labels(section: str | None, url: str | None) -> list[str]:
    """Return the section's parts ("News > Business": both) and the URL's path folders."""
    labels = [part.strip() for part in re.split(r"\s*[>/|»›,]\s*", section or "") if part.strip()]
    try:
        path = unquote(urlsplit(url).path) if url else ""
    except ValueError:
        path = ""
    folders = [folder for folder in path.split("/")[1:-1] if folder and not re.search(r"\d", folder)]
    return labels + [folder.replace("-", " ").replace("_", " ") for folder in folders[:3]]


def _topics_of_section(label: str) -> list[str]:
    """Return the topics a section names: as a whole ("real estate"), else by its words ("Online
    Business", "Boys Swimming", "Auto News": sites qualify a section with an audience or a format).
    A longer label is a headline's slug (a URL ending in "/"), not a section: its words say nothing."""
    folded = label.casefold().strip()
    whole = [topic for topic in TOPICS if folded in _section_words(topic)]
    if whole:
        return whole
    words = WORD.findall(folded)
    return [topic for topic in TOPICS if 1 < len(words) <= MAX_SECTION_WORDS and any(w in _section_words(topic) for w in words)]


@lru_cache(maxsize=None)
def _section_words(topic: str) -> frozenset[str]:
    return frozenset(word.casefold() for word in TOPICS[topic]["sections"])


def _word_hits(text: str) -> Counter[str]:
    """Return, per topic, how many of its words the text holds (each entry of the vocabulary at most
    MAX_REPEATS times: "keyboard" and "keyboards" are one word "keyboard*" said twice)."""
    hits: Counter[str] = Counter()
    if not text:
        return hits
    heads = _vocabulary_shape()[0]
    tokens = WORD.findall(text.casefold())
    found: Counter[tuple[str, str]] = Counter()
    for index in range(len(tokens)):
        # Phrases of up to three words ("interest rate", "death toll"), then the word alone. Each
        # topic counts a phrase once. Most words begin no phrase of the vocabulary: their longer
        # phrases are not looked up.
        for size in ((3, 2, 1) if tokens[index] in heads else (1,)):
            if index + size > len(tokens):
                continue
            phrase = " ".join(tokens[index:index + size])
            for topic, entry in _topics_of_phrase(phrase):
                found[(topic, entry)] += 1
    for (topic, _), count in found.items():
        hits[topic] += min(count, MAX_REPEATS)
    return hits


# Texts repeat their words: each phrase's topics are worked out once per process.
@lru_cache(maxsize=1 << 16)
def _topics_of_phrase(phrase: str) -> frozenset[tuple[str, str]]:
    """Return the (topic, vocabulary entry) pairs a phrase names: whole, or by a stem ("air strike*")
    ending inside its last word."""
    exact, stems = _vocabulary()
    topics = {(topic, phrase) for topic in exact.get(phrase, ())}
    last_word_start = phrase.rfind(" ") + 1
    for length in _vocabulary_shape()[1]:
        if max(last_word_start, MIN_STEM - 1) < length <= len(phrase):
            stem = phrase[:length]
            topics.update((topic, stem + "*") for topic in stems.get(stem, ()))
    return frozenset(topics)


# Words as topicwords.py writes them: letters, digits, inner hyphens and apostrophes ("e-commerce").
WORD = re.compile(r"\w+(?:[-'’&]\w+)*")
MIN_STEM = 2


@lru_cache(maxsize=1)
def _vocabulary() -> tuple[dict[str, tuple[str, ...]], dict[str, tuple[str, ...]]]:
    """Return the topics of each whole word or phrase, and of each stem (a word written with `*`)."""
    exact: dict[str, list[str]] = {}
    stems: dict[str, list[str]] = {}
    for topic, words in TOPICS.items():
        for word in words["words"]:
            folded = word.casefold()
            target = stems if folded.endswith("*") else exact
            key = " ".join(WORD.findall(folded.rstrip("*")))
            if topic not in target.setdefault(key, []):
                target[key].append(topic)
    return ({k: tuple(v) for k, v in exact.items()}, {k: tuple(v) for k, v in stems.items()})


@lru_cache(maxsize=1)
def _vocabulary_shape() -> tuple[frozenset[str], tuple[int, ...]]:
    """Return the first words of the vocabulary's phrases, and the lengths its stems come in.

    They bound the lookups per word of text to the few that can find something.
    """
    exact, stems = _vocabulary()
    heads = frozenset(key.split(" ")[0] for key in (*exact, *stems) if " " in key)
    return heads, tuple(sorted({len(stem) for stem in stems}, reverse=True))


def body_text(article: Article) -> str:
    """Return the text of an article's body."""
    if not article.body_html.strip():
        return ""
    return lxml.html.fragment_fromstring(article.body_html, create_parent="div").text_content()


def with_section(article: Article) -> Article:
    """Return the article with the site's own section moved from `category` to `section`."""
    if article.section or not article.category:
        return article
    return dataclasses.replace(article, section=article.category, category=None)


def with_topic(article: Article, text: str | None = None) -> Article:
    """Return the article with its IPTC topic as `category`, unless a site profile already gave one."""
    if article.category:
        return article
    text = body_text(article) if text is None else text
    topic = assign_topic(TopicEvidence(section=article.section, url=article.source_url, keywords=article.tags,
                                       title=article.title, text=text))
    return dataclasses.replace(article, category=topic) if topic else article
