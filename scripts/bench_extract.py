"""Benchmark body extraction: quietpress and trafilatura side by side, in one run, on one process.

Reads the scrapinghub pages from the shared folder, runs each extractor over the same decoded
texts, writes one predictions JSON per extractor and scores both with the shared scorer.

    python scripts/bench_extract.py --shared ../shared [--limit N] [--worst K] [--rounds R] [--out DIR]

quietpress is timed from decoded text to Article (the importer's `extract_article`: parse,
metadata, body); its predictions are the text a reader sees in that body (no link or image
URLs), without figures in the main row, as the ground truth leaves captions out, and with them in
the "+figures" row. trafilatura is timed on the benchmark's call,
`extract(html, include_comments=False)`, on the same strings. The two take turns page by page and
the best of R rounds is kept; speeds still move with machine load, so compare the rows of one run,
not figures across runs.
"""

from __future__ import annotations

import argparse
import gzip
import importlib.util
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable

import lxml.html

from quietpress.errors import QuietpressError
from quietpress.extract import extract_article
from quietpress.model import Capture, CaptureKind, Document

CORPUS = Path("corpora/scrapinghub")
WARM_UP_PAGES = 5
SCORER = Path("bench/score_extraction.py")
BLOCK_TAGS = ("p", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "tr", "td", "th", "figure", "figcaption",
              "small", "br", "div", "table")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=Path("../shared"), help="the shared folder (default ../shared)")
    parser.add_argument("--limit", type=int, default=0, help="only the first N pages (quick iterations)")
    parser.add_argument("--worst", type=int, default=0, help="list our K worst pages")
    parser.add_argument("--out", type=Path, default=None, help="folder for the predictions JSON (default: a temporary one)")
    parser.add_argument("--rounds", type=int, default=3, help="time each extractor this many times, in turns; keep the best")
    parser.add_argument("--only", choices=("quietpress", "trafilatura"), help="run one extractor only")
    args = parser.parse_args(argv)

    corpus, scorer_path = args.shared / CORPUS, args.shared / SCORER
    if not (corpus / "ground-truth.json").is_file() or not scorer_path.is_file():
        print(f"bench-extract: skipped: {corpus} or {scorer_path} not found (the shared folder is absent)")
        return 0
    scorer = _load_scorer(scorer_path)
    truth = json.loads((corpus / "ground-truth.json").read_text(encoding="utf-8"))
    ids = sorted(truth)[: args.limit or None]
    pages = {i: gzip.open(corpus / "html" / f"{i}.html.gz", "rt", encoding="utf-8").read() for i in ids}
    truth = {i: truth[i] for i in ids}

    # Each extractor: the timed call, then the texts its output is scored as (untimed). The
    # ground truth leaves captions out "as a rule", and so does trafilatura's benchmark call: the
    # main row scores our body without figures; the "+figures" row scores it as a reader sees it.
    runners: dict[str, tuple[Callable[[str], str], dict[str, Callable[[str], str]]]] = {
        "quietpress": (_quietpress_runner(), {"quietpress": body_text,
                                              "  +figures": lambda html: body_text(html, figures=True)}),
        "trafilatura": (_trafilatura_runner(), {"trafilatura": str}),
    }
    if args.only:
        runners = {args.only: runners[args.only]}
    out = args.out or Path(tempfile.mkdtemp(prefix="bench-extract-"))
    out.mkdir(parents=True, exist_ok=True)
    rows = []
    timed = _timed({name: run for name, (run, _) in runners.items()}, pages, args.rounds)
    for extractor, (run, views) in runners.items():
        outputs, seconds = timed[extractor]
        for name, to_text in views.items():
            predictions = {i: {"articleBody": to_text(v)} for i, v in outputs.items()}
            path = out / f"{name.strip().lstrip('+')}.json"
            path.write_text(json.dumps(predictions, ensure_ascii=False, indent=0), encoding="utf-8")
            result = scorer.score(truth, predictions, n_boot=0)
            rows.append((name, result, len(ids) / seconds))
        if args.worst and "quietpress" in views:
            result = rows[-len(views)][1]
            worst = sorted(result["per_doc"].items(), key=lambda kv: kv[1]["f1"])[: args.worst]
            worst_lines = [f"  {i[:16]}  F1 {d['f1']:.3f}  P {d['precision']:.3f}  R {d['recall']:.3f}  {truth[i].get('url', '')}"
                           for i, d in worst]
    print(f"{len(ids)} pages, one process; predictions in {out}")
    print(f"{'extractor':<12} {'F1':>6} {'precision':>10} {'recall':>7} {'pages/s':>8}")
    for name, result, rate in rows:
        print(f"{name:<12} {result['f1']:>6.3f} {result['precision']:>10.3f} {result['recall']:>7.3f} {rate:>8.1f}")
    if args.worst and any(name == "quietpress" for name, _, _ in rows):
        print(f"quietpress, {args.worst} worst pages:")
        print("\n".join(worst_lines))
    return 0


def _quietpress_runner() -> Callable[[str], str]:
    def run(text: str) -> str:
        capture = Capture(source="page.html", path=Path("page.html"), kind=CaptureKind.HTML, payload=b"", sha256="")
        try:
            article = extract_article(Document(capture=capture, text=text, encoding="utf-8"))
        except QuietpressError:
            return ""
        return article.body_html

    return run


def body_text(body_html: str, figures: bool = False) -> str:
    """Return the text a reader sees in a body: one line per block, no link or image URLs.

    The scorer counts every word, so URLs of links and images in Markdown would count as words
    the page never showed. Figures (captions, credits) only with `figures=True`.
    """
    if not body_html.strip():
        return ""
    root = lxml.html.fragment_fromstring(body_html, create_parent="div")
    if not figures:
        for figure in list(root.iter("figure")):
            figure.drop_tree()
    for element in root.iter(*BLOCK_TAGS):
        element.tail = "\n" + (element.tail or "")
    return root.text_content()


def _trafilatura_runner() -> Callable[[str], str]:
    import trafilatura

    def run(text: str) -> str:
        return trafilatura.extract(text, include_comments=False) or ""

    return run


def _timed(runs: dict[str, Callable[[str], str]], pages: dict[str, str], rounds: int) -> dict[str, tuple[dict[str, str], float]]:
    """Return each extractor's outputs and its best total time over the rounds.

    The extractors take turns page by page (in alternating order), so a change in machine load,
    frequent on a shared machine, weighs on both alike.
    """
    # Warm up untimed on a few pages: the first calls load lazy imports, stoplists and compiled
    # patterns that a long import run pays once; without this the extractor run first is penalised.
    for run in runs.values():
        for text in list(pages.values())[:WARM_UP_PAGES]:
            run(text)
    names = list(runs)
    best = {name: float("inf") for name in names}
    results: dict[str, dict[str, str]] = {name: {} for name in names}
    clock = time.perf_counter
    for _ in range(max(1, rounds)):
        spent = dict.fromkeys(names, 0.0)
        for index, (page_id, text) in enumerate(pages.items()):
            for name in (names if index % 2 == 0 else reversed(names)):
                started = clock()
                results[name][page_id] = runs[name](text)
                spent[name] += clock() - started
        for name in names:
            best[name] = min(best[name], spent[name])
    return {name: (results[name], best[name]) for name in names}


def _load_scorer(path: Path):
    spec = importlib.util.spec_from_file_location("score_extraction", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


if __name__ == "__main__":
    sys.exit(main())
