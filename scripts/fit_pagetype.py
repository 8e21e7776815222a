"""Fit the page-type scorer's weights on the `tune` half of a bench dump, and print them as the table
of quietpress/extract/pagetype.py.

    python scripts/bench_pagetype.py --shared ../shared --dump pagetypes.jsonl
    python scripts/fit_pagetype.py pagetypes.jsonl

A logistic regression (L2 penalty, each article weighing as much as six other pages, since losing an
article costs more than keeping a listing) on the measurements the dump holds under WEIGHTS' names:
`article` pages against `listing`, `collection`, `product` and `forum` pages; `held-out` pages are
never read. The threshold is the score under which 99.5% of the tune articles stay, each scored by
a model fitted without its site's fold (5 folds by domain). A table follows of what is recognised
when the threshold loses 0, 1, 2 ... tune articles.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import sys
from pathlib import Path

import numpy as np

from quietpress.extract.pagetype import WEIGHTS

NOT_ARTICLES = {"listing", "collection", "product", "forum"}
PENALTY = 20.0
ARTICLE_WEIGHT = 6.0
KEPT = 0.995
FOLDS = 5
# Rows of the table of thresholds print_tail prints: 0 to TAIL - 1 tune articles lost.
TAIL = 5


def fit(x: np.ndarray, y: np.ndarray, steps: int = 3000) -> tuple[np.ndarray, float]:
    """Return weights and bias on the measurements' own scale (gradient descent on standardised ones)."""
    mean, scale = x.mean(0), x.std(0) + 1e-9
    z = (x - mean) / scale
    w, b = np.zeros(z.shape[1]), 0.0
    sample = np.where(y == 0, ARTICLE_WEIGHT, 1.0)
    for _ in range(steps):
        error = (1 / (1 + np.exp(-(z @ w + b))) - y) * sample
        w -= 0.1 * (z.T @ error + PENALTY * w) / len(y)
        b -= 0.1 * error.mean()
    return w / scale, b - (w / scale) @ mean


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dump", type=Path, help="the file bench_pagetype.py --dump wrote")
    args = parser.parse_args(argv)
    rows = [r for r in map(json.loads, args.dump.read_text(encoding="utf-8").splitlines())
            if r["split"] == "tune" and (r["label"] == "article" or r["label"] in NOT_ARTICLES)]
    names = list(WEIGHTS)
    x = np.array([[float(r[name]) for name in names] for r in rows])
    y = np.array([0.0 if r["label"] == "article" else 1.0 for r in rows])
    fold = np.array([int(hashlib.md5(r["domain"].encode()).hexdigest(), 16) % FOLDS for r in rows])
    held_back = np.zeros(len(rows))
    for k in range(FOLDS):
        w, b = fit(x[fold != k], y[fold != k])
        held_back[fold == k] = x[fold == k] @ w + b
    articles = np.sort(held_back[y == 0])
    threshold = articles[math.ceil(KEPT * len(articles)) - 1]
    w, b = fit(x, y)
    print(f"BIAS = {b:.3f}")
    for name, weight in zip(names, w):
        print(f'    "{name}": {weight:.3f},')
    print(f"THRESHOLD = {threshold:.2f}")
    labels = np.array([r["label"] for r in rows])
    for label in ("listing", "collection", "product", "forum"):
        print(f"# cross-validated, tune {label}: {np.mean(held_back[labels == label] > threshold):.0%} recognised")
    print_tail(held_back, labels)
    return 0


def print_tail(scores: np.ndarray, labels: np.ndarray, lost: int = TAIL) -> None:
    """Print what each threshold set at one of the highest-scoring tune articles recognises.

    The threshold rests on the two or three articles that score highest, so a new measurement is
    judged on this whole table, not on the one row the threshold falls on: a change of a page or
    two in that row is noise (tune has about fifty pages of each other label)."""
    articles = np.sort(scores[labels == "article"])[::-1]
    names = ("listing", "collection", "product", "forum")
    print("# tune articles lost: " + "  ".join(f"{name:>10}" for name in names))
    for count in range(min(lost, len(articles))):
        cells = [f"{np.mean(scores[labels == name] > articles[count]):.0%}" if np.any(labels == name) else "-"
                 for name in names]
        print(f"# {count:>19}: " + "  ".join(f"{cell:>10}" for cell in cells))


if __name__ == "__main__":
    sys.exit(main())
