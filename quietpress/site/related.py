"""Related articles by shared topic and tags, for the whole archive in one pass.

Comparing every pair of articles is quadratic (10,000 articles, 50 million pairs). Instead each
article looks at a bounded window of its neighbours in date order along each of its topic and tags;
a candidate scores the rarity (inverse document frequency) of every term it shares, so sharing a
rare tag counts for more than sharing a tag half the archive carries. Ties go to the candidate
closest in time, then the newer.

An article's list depends only on its neighbours along its own topic and tags (who, in what
order: their paths, dates and terms), on those terms' count classes and on the archive's size
class. Rarity is measured against the size rounded up to a power of two (`size_class`) and the
term's member count rounded to a quarter power of two (`count_class`), so one more article seldom
reweighs a term. With a `memory` file, each term's line of members is kept, and a list is reused
unless a change along one of its article's lines came within the window of it: adding an article
recomputes the lists of its neighbours in date order along its topic and tags, not the lists of
every article that shares a term with it.
"""

from __future__ import annotations

import hashlib
import heapq
import math
from collections import defaultdict
from pathlib import Path
from typing import Any, Callable, Sequence

from quietpress.site.files import load_dict, save_pickle

RELATED_FORMAT = 3


def named_topic(article: Any) -> Any:
    """The article's topic, or None when it has only the one Pelican gives an article whose capture
    named none (DEFAULT_CATEGORY, "Uncategorised"): that says nothing of what the article is about."""
    category = getattr(article, "category", None)
    placeholder = (getattr(article, "settings", None) or {}).get("DEFAULT_CATEGORY")
    if category is None or (placeholder is not None and getattr(category, "name", None) == placeholder):
        return None
    return category


def article_terms(article: Any) -> set[str]:
    """The topic and tags of an article as comparable keys.

    The placeholder topic is left out (see named_topic): two articles sharing only that (a French
    lavoir and an English lighthouse) are not related. With no other term, none are.
    """
    terms = {"tag:" + t.slug for t in getattr(article, "tags", None) or []}
    topic = named_topic(article)
    if topic is not None:
        terms.add("topic:" + topic.slug)
    return terms


def size_class(articles: int) -> int:
    """The archive size rarity is measured against: the next power of two (at least 1)."""
    return 1 << max(0, articles - 1).bit_length()


def ranking_identity(article: Any, terms: set[str] | None = None) -> str:
    """What an article's place in the rankings depends on: its path, date and terms (not its text,
    so an edited body keeps every list as it was). `terms`: article_terms(article), if known."""
    path = getattr(article, "relative_source_path", None) or article.source_path
    terms = article_terms(article) if terms is None else terms
    return f"{path}\n{_timestamp(article)!r}\n{' '.join(sorted(terms))}"


def count_class(members: int) -> int:
    """The number of articles a term's rarity is measured with, as a class: quarter powers of two
    (one more article rarely moves a term to the next class, so it rarely reweighs the term)."""
    return round(4 * math.log2(members)) if members > 0 else 0


def related_articles(articles: Sequence[Any], count: int, window: int,
                     identity: Callable[[Any], str | None] | None = None,
                     memory: Path | None = None) -> dict[str, list[Any]]:
    """Map each article's source_path to up to `count` related articles, best first.

    `articles` is in archive order (newest first). `identity` names what an article's rankings
    depend on (unique per article; None: unknown, never reused; default ranking_identity); `memory`
    is where the lists are kept for the next build.
    """
    terms = [article_terms(a) for a in articles]
    members: dict[str, list[int]] = defaultdict(list)
    for index, article_keys in enumerate(terms):
        for key in article_keys:
            members[key].append(index)
    names = [identity(a) for a in articles] if identity is not None else \
        [ranking_identity(a, article_keys) for a, article_keys in zip(articles, terms)]
    marks = [None if name is None else hashlib.blake2b(name.encode(), digest_size=8).digest() for name in names]
    lines = {key: [marks[i] for i in indexes] for key, indexes in members.items()}
    classes = {key: count_class(len(indexes)) for key, indexes in members.items()}
    header = (RELATED_FORMAT, count, window, size_class(len(articles)))
    saved = load_dict(memory)
    if saved.get("header") != header:
        saved = {}
    kept_lists = saved.get("lists", {})
    stale = _stale(members, lines, classes, saved.get("lines", {}), saved.get("classes", {}), window)
    by_name = {name: article for name, article in zip(names, articles) if name is not None}
    ranking = _Ranking(articles, terms, members, classes, header[-1], window)

    result: dict[str, list[Any]] = {}
    lists: dict[str, list[str]] = {}
    for index, article in enumerate(articles):
        name = names[index]
        chosen_names = kept_lists.get(name) if index not in stale else None
        if chosen_names is not None and all(n in by_name for n in chosen_names):
            result[article.source_path] = [by_name[n] for n in chosen_names]
        else:
            chosen = ranking.best(index, count, names)
            chosen_names = [names[i] for i in chosen]
            result[article.source_path] = [articles[i] for i in chosen]
        if name is not None and None not in chosen_names:
            lists[name] = chosen_names
    if memory is not None:
        save_pickle(memory, {"header": header, "lines": lines, "classes": classes, "lists": lists})
    return result


def _stale(members: dict[str, list[int]], lines: dict[str, list[bytes | None]], classes: dict[str, int],
           kept_lines: dict[str, list[bytes | None]], kept_classes: dict[str, int], window: int) -> set[int]:
    """The articles whose lists may differ from the last build's.

    An article's candidates are the articles within `window` places of it along each of its terms,
    scored by the weights of the terms they share. Where a term's line of members changed (an
    article added, removed or changed between two runs that stayed as they were), the lists of the
    members within `window` places of the change may change; a term whose weight class changed
    reweighs all its members' candidates.
    """
    stale: set[int] = set()
    for key, indexes in members.items():
        new, old = lines[key], kept_lines.get(key)
        if new == old and classes[key] == kept_classes.get(key) and None not in new:
            continue
        if old is None or classes[key] != kept_classes.get(key) or None in new:
            stale.update(indexes)
            continue
        shortest = min(len(new), len(old))
        before = next((n for n in range(shortest) if new[n] != old[n]), shortest)
        after = next((n for n in range(shortest - before) if new[-1 - n] != old[-1 - n]), shortest - before)
        stale.update(indexes[max(0, before - window): len(new) - after + window])
    return stale


class _Ranking:
    """Scores the candidates of one article at a time (the window along each of its terms)."""

    def __init__(self, articles: Sequence[Any], terms: list[set[str]], members: dict[str, list[int]],
                 classes: dict[str, int], size: int, window: int) -> None:
        self.terms, self.members, self.window = terms, members, window
        self.position = {key: {index: pos for pos, index in enumerate(indexes)} for key, indexes in members.items()}
        self.weights = SharedWeights(classes, size)
        self.masks = [self.weights.mask(article_keys) for article_keys in terms]
        self.times = [_timestamp(a) for a in articles]

    def best(self, index: int, count: int, names: list[str | None]) -> list[int]:
        candidates: set[int] = set()
        for key in self.terms[index]:
            pos, indexes = self.position[key][index], self.members[key]
            candidates.update(indexes[max(0, pos - self.window): pos + self.window + 1])
        candidates.discard(index)
        mine, when, times, masks, weights = self.masks[index], self.times[index], self.times, self.masks, self.weights
        # Best score first, then the closest in time, then the newer, then by name (not by position,
        # which moves when an article is added elsewhere).
        scored = [(weights[mine & masks[other]], abs(times[other] - when), -times[other], names[other] or "", other)
                  for other in candidates]
        return [other for *_, other in heapq.nsmallest(count, scored)]


class SharedWeights(dict):
    """Minus the summed weight of a set of shared terms, by the set's bit mask, each set summed once.

    Articles share few distinct combinations of terms, so the 1.5 million candidate pairs of a
    10,000-article archive look up a few thousand sums. fsum is exactly rounded whatever the order
    of the terms, so tied candidates rank the same in every build.
    """

    def __init__(self, classes: dict[str, int], total: int) -> None:
        """`classes`: each term's count class (count_class of its number of articles)."""
        super().__init__()
        names = sorted(classes)
        self.bits = {key: 1 << n for n, key in enumerate(names)}
        self.weights = [math.log(1 + total / 2 ** (classes[key] / 4)) for key in names]

    def mask(self, keys: set[str]) -> int:
        return sum(self.bits[key] for key in keys)

    def __missing__(self, shared: int) -> float:
        value = self[shared] = -math.fsum(self.weights[n] for n in range(shared.bit_length()) if shared >> n & 1)
        return value


def _timestamp(article: Any) -> float:
    date = getattr(article, "date", None)
    try:
        return date.timestamp() if date is not None else 0.0
    except (OSError, OverflowError, ValueError):
        return 0.0
