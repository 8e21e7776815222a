"""Related articles by shared topic and tags, for the whole archive in one pass.

Comparing every pair of articles is quadratic (10,000 articles, 50 million pairs). Instead each
article looks at a bounded window of its neighbours in date order along each of its topic and tags;
a candidate scores the rarity (inverse document frequency) of every term it shares, so sharing a
rare tag counts for more than sharing a tag half the archive carries.
"""

from __future__ import annotations

import heapq
import math
from collections import defaultdict
from typing import Any, Sequence


def article_terms(article: Any) -> set[str]:
    """The topic and tags of an article as comparable keys."""
    terms = {"tag:" + t.slug for t in getattr(article, "tags", None) or []}
    category = getattr(article, "category", None)
    if category is not None:
        terms.add("topic:" + category.slug)
    return terms


def related_articles(articles: Sequence[Any], count: int, window: int) -> dict[str, list[Any]]:
    """Map each article's source_path to up to `count` related articles, best first.

    `articles` is in archive order (newest first); ties go to the article closest in that order.
    """
    terms = [article_terms(a) for a in articles]
    members: dict[str, list[int]] = defaultdict(list)
    for index, article_keys in enumerate(terms):
        for key in article_keys:
            members[key].append(index)
    position = {key: {index: pos for pos, index in enumerate(indexes)} for key, indexes in members.items()}
    total = len(articles)
    weight = {key: math.log(1 + total / len(indexes)) for key, indexes in members.items()}

    result: dict[str, list[Any]] = {}
    for index, article in enumerate(articles):
        mine = terms[index]
        candidates: set[int] = set()
        for key in mine:
            pos, indexes = position[key][index], members[key]
            candidates.update(indexes[max(0, pos - window): pos + window + 1])
        candidates.discard(index)
        # fsum is exactly rounded whatever the order of the shared terms (set order follows the
        # per-process string hash), so tied candidates rank the same in every build.
        scored = [(-math.fsum(map(weight.__getitem__, mine & terms[other])), abs(other - index), other)
                  for other in candidates]
        result[article.source_path] = [articles[other] for _, _, other in heapq.nsmallest(count, scored)]
    return result
