"""Benchmark body extraction: quietpress, trafilatura and readability-lxml side by side, in one run.

    python scripts/bench_extract.py --shared ../shared [--corpus NAME] [--split tune|held-out]
                                    [--limit N] [--worst K] [--rounds R] [--only NAME] [--out DIR]
                                    [--page-types article,forum,...] [--variant no-classes|no-paragraphs|no-html5]

Corpora (read from the shared folder; skipped cleanly when it is absent):
- scrapinghub: 181 news pages, scored with `bench/score_extraction.py` (shingle F1, the
  published method of that benchmark);
- wcxb-dev: its pages labelled `article` (711), scored with `bench/score_wcxb.py`'s word F1
  (WCXB's evaluate.py); `--page-types` scores pages of other types instead.

Split: every page goes to `tune` or `held-out` by the SHA-256 of its site's domain (lower-cased,
without "www."): an even first byte is `tune`. A site therefore never sits in both parts, and the
rule needs no list. Rules are tuned on `tune` only; `held-out` is the check.

quietpress is timed from decoded text to Markdown (`extract_article`, then `html_to_markdown`), as
an import with --jobs 1 spends it per page; its text is that Markdown rendered as the site's reader
renders it, figures left out (neither ground truth has captions). trafilatura is timed on
`extract(html, include_comments=False)`, readability-lxml on `Document(html).summary()`, both on
the same decoded strings. The extractors take turns page by page; the best of R rounds is kept.
Speeds move with machine load: compare the rows of one run, not figures across runs.

`--variant` scores the same pages rewritten as layouts the rules have never seen: `no-classes`
takes every `class` and `id` attribute out (nothing names a box as a menu, a ticker or related
posts), `no-paragraphs` every `<p>` tag, its end written `<br><br>` (as pages of the 2000s parted
their paragraphs), `no-html5` turns the sectioning elements of HTML5 (`<article>`, `<main>`,
`<header>`, `<nav>`, `<aside>`, `<footer>`, `<section>`, `<figure>`, `<figcaption>`) into `<div>`s,
as pages written before them were; several joined by commas apply in turn (`no-html5,no-paragraphs`:
a page of the 2000s). Every extractor reads the same rewritten page.

The round-trip column counts quietpress pages whose Markdown, rendered, does not show the text
of the body HTML it came from (whitespace aside), or shows a `*`, `_`, `\\` or backtick the HTML
did not have (`quietpress/fidelity.py`).
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import importlib.util
import json
import re
import sys
import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable
from urllib.parse import urlsplit

from quietpress.decode import clean_text, decode_bytes
from quietpress.errors import QuietpressError
from quietpress.extract import extract_article
from quietpress.fidelity import html_text, markdown_text, round_trip
from quietpress.markdown import html_to_markdown
from quietpress.model import Capture, CaptureKind, Document

SCRAPINGHUB = Path("corpora/scrapinghub")
WCXB = Path("corpora/wcxb-dev")
SCORE_EXTRACTION = Path("bench/score_extraction.py")
SCORE_WCXB = Path("bench/score_wcxb.py")
WARM_UP_PAGES = 5
SPLITS = ("tune", "held-out")
# The page rewritten for `--variant`: markup the rules lean on, taken out.
CLASS_ATTRIBUTE = re.compile(r"""\s(?:class|id)\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+)""", re.I)
PARAGRAPH_OPEN = re.compile(r"<p(?:\s[^>]*)?>", re.I)
PARAGRAPH_CLOSE = re.compile(r"</p\s*>", re.I)
SECTIONING_TAG = re.compile(r"<(/?)(?:article|main|header|footer|nav|aside|section|figure|figcaption)(?=[\s/>])", re.I)
VARIANTS: dict[str, Callable[[str], str]] = {
    "no-classes": lambda text: CLASS_ATTRIBUTE.sub("", text),
    "no-paragraphs": lambda text: PARAGRAPH_CLOSE.sub("<br><br>", PARAGRAPH_OPEN.sub("", text)),
    "no-html5": lambda text: SECTIONING_TAG.sub(r"<\1div", text),
}


def variant_names(value: str) -> list[str]:
    """The `--variant` value: one rewriting or several joined by commas ("no-html5,no-paragraphs")."""
    names = [name.strip() for name in value.split(",") if name.strip()]
    unknown = [name for name in names if name not in VARIANTS]
    if unknown or not names:
        raise argparse.ArgumentTypeError(f"unknown variant {', '.join(unknown) or value!r}: choose from {', '.join(sorted(VARIANTS))}")
    return names


@dataclass(frozen=True)
class Page:
    """One benchmark page: its decoded text and what its ground truth says the body is."""

    corpus: str
    id: str
    domain: str
    text: str
    truth: str
    page_type: str = "article"

    @property
    def split(self) -> str:
        return split_of(self.domain)


@dataclass
class Output:
    """What one extractor made of one page: the text scored, and for quietpress its Markdown."""

    text: str = ""
    body_html: str = ""
    markdown: str = ""


def split_of(domain: str) -> str:
    """Return "tune" or "held-out" for a site, by the first byte of the SHA-256 of its domain."""
    name = domain.lower().removeprefix("www.")
    return "tune" if hashlib.sha256(name.encode("utf-8")).digest()[0] % 2 == 0 else "held-out"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=Path("../shared"), help="the shared folder (default ../shared)")
    parser.add_argument("--corpus", choices=("scrapinghub", "wcxb-dev"), help="one corpus only")
    parser.add_argument("--split", choices=SPLITS, help="one part of each corpus only")
    parser.add_argument("--limit", type=int, default=0, help="only the first N pages of each corpus (quick iterations)")
    parser.add_argument("--worst", type=int, default=0, help="list quietpress's K worst pages of each corpus")
    parser.add_argument("--rounds", type=int, default=1, help="time each extractor this many times, in turns; keep the best")
    parser.add_argument("--only", choices=("quietpress", "trafilatura", "readability"), help="run one extractor only")
    parser.add_argument("--out", type=Path, default=None, help="write each extractor's texts as JSON here")
    parser.add_argument("--page-types", default="article",
                        help="WCXB page types to score, comma-separated (default article; e.g. forum,service,documentation: "
                             "pages an import keeps when it does not recognise them, where losses of text show plainly)")
    parser.add_argument("--variant", type=variant_names, metavar="|".join(sorted(VARIANTS)),
                        help="score the pages rewritten: without class and id attributes, without <p> tags, "
                             "or without HTML5's sectioning elements; several joined by commas apply in turn")
    args = parser.parse_args(argv)

    shared = args.shared
    if not (shared / SCRAPINGHUB / "ground-truth.json").is_file() or not (shared / WCXB / "metadata.json").is_file():
        print(f"bench-extract: skipped: corpora not found under {shared} (the shared folder is absent)")
        return 0
    pages: list[Page] = []
    if args.corpus in (None, "scrapinghub"):
        pages += load_scrapinghub(shared / SCRAPINGHUB)[: args.limit or None]
    if args.corpus in (None, "wcxb-dev"):
        pages += load_wcxb(shared / WCXB, tuple(args.page_types.split(",")))[: args.limit or None]
    if args.split:
        pages = [page for page in pages if page.split == args.split]
    for name in args.variant or ():
        pages = [replace(page, text=VARIANTS[name](page.text)) for page in pages]
    runners = {"quietpress": run_quietpress, "trafilatura": run_trafilatura(), "readability": run_readability()}
    runners = {name: run for name, run in runners.items() if run is not None and args.only in (None, name)}
    outputs, seconds = timed(runners, pages, args.rounds)
    scorers = {"scrapinghub": _load(shared / SCORE_EXTRACTION), "wcxb-dev": _load(shared / SCORE_WCXB)}
    if args.out:
        write_outputs(args.out, pages, outputs)
    print_table(pages, outputs, seconds, scorers)
    if args.worst and "quietpress" in outputs:
        print_worst(pages, outputs["quietpress"], scorers, args.worst)
    return 0


# --- corpora -------------------------------------------------------------------------------------

def load_scrapinghub(folder: Path) -> list[Page]:
    truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    return [Page(corpus="scrapinghub", id=i, domain=urlsplit(truth[i].get("url") or "").hostname or i,
                 text=decoded((folder / "html" / f"{i}.html.gz").read_bytes()), truth=truth[i]["articleBody"])
            for i in sorted(truth)]


def load_wcxb(folder: Path, page_types: tuple[str, ...] = ("article",)) -> list[Page]:
    metadata = json.loads((folder / "metadata.json").read_text(encoding="utf-8"))["files"]
    pages = []
    for page_id, info in sorted(metadata.items()):
        page_type = "collection" if info["page_type"] == "category" else info["page_type"]
        if page_type not in page_types:
            continue
        truth = json.loads((folder / "ground-truth" / f"{page_id}.json").read_text(encoding="utf-8"))
        pages.append(Page(corpus="wcxb-dev", id=page_id, domain=info["domain"], page_type=page_type,
                          text=decoded((folder / "html" / f"{page_id}.html.gz").read_bytes()),
                          truth=truth["ground_truth"].get("main_content") or ""))
    return pages


def decoded(gzipped: bytes) -> str:
    """The page as the importer decodes it (charset from the bytes and the page's own declaration)."""
    text, _ = decode_bytes(gzip.decompress(gzipped), None, True)
    return clean_text(text)


# --- extractors ----------------------------------------------------------------------------------

def run_quietpress(text: str) -> Output:
    capture = Capture(source="page.html", path=Path("page.html"), kind=CaptureKind.HTML, payload=b"", sha256="")
    try:
        article = extract_article(Document(capture=capture, text=text, encoding="utf-8"))
    except QuietpressError:
        return Output()
    return Output(body_html=article.body_html, markdown=html_to_markdown(article.body_html))


def run_trafilatura() -> Callable[[str], Output]:
    import trafilatura

    return lambda text: Output(text=trafilatura.extract(text, include_comments=False) or "")


def run_readability() -> Callable[[str], Output] | None:
    try:
        from readability import Document as Readable
    except ImportError:
        print("bench-extract: readability-lxml is not installed (pip install -e '.[bench]'): its rows are left out")
        return None

    def run(text: str) -> Output:
        try:
            summary = Readable(text).summary(html_partial=True)
        except Exception:  # readability raises bare Exceptions ("Unparseable") on odd pages
            return Output()
        return Output(text=html_text(summary))

    return run


def timed(runs: dict[str, Callable[[str], Output]], pages: list[Page], rounds: int
          ) -> tuple[dict[str, list[Output]], dict[str, list[float]]]:
    """Return each extractor's outputs and its best time per page over the rounds.

    The extractors take turns page by page (in alternating order), so a change in machine load,
    frequent on a shared machine, weighs on all alike. A few untimed pages first load the lazy
    imports and compiled patterns a long import pays once.
    """
    for run in runs.values():
        for page in pages[:WARM_UP_PAGES]:
            run(page.text)
    outputs = {name: [Output()] * len(pages) for name in runs}
    seconds = {name: [float("inf")] * len(pages) for name in runs}
    clock = time.perf_counter
    for _ in range(max(1, rounds)):
        for index, page in enumerate(pages):
            for name in (list(runs) if index % 2 == 0 else reversed(list(runs))):
                started = clock()
                outputs[name][index] = runs[name](page.text)
                seconds[name][index] = min(seconds[name][index], clock() - started)
    return outputs, seconds


# --- scores --------------------------------------------------------------------------------------

def scored_text(output: Output) -> str:
    """The text a reader sees: quietpress's rendered Markdown without figures, others as they are."""
    if output.markdown:
        return markdown_text(_without_figures(output.markdown))
    return output.text


FIGURE_BLOCK = re.compile(r"^::: figure\n.*?^:::\n?", re.M | re.S)


def _without_figures(markdown: str) -> str:
    return FIGURE_BLOCK.sub("", markdown)


def page_scores(pages: list[Page], outputs: list[Output], scorers: dict) -> list[float]:
    """Per-page F1 by each corpus's own scorer (scrapinghub's is a shingle F1 per document)."""
    scores = []
    for page, output in zip(pages, outputs):
        text = scored_text(output)
        if page.corpus == "wcxb-dev":
            scores.append(scorers["wcxb-dev"].word_f1(text, page.truth)[2])
        else:
            result = scorers["scrapinghub"].score({page.id: {"articleBody": page.truth}},
                                                  {page.id: {"articleBody": text}}, n_boot=0)
            scores.append(result["f1"])
    return scores


def corpus_f1(pages: list[Page], outputs: list[Output], scorers: dict) -> float:
    """The corpus's own aggregate: scrapinghub's F1 of mean precision and recall, WCXB's mean F1."""
    if not pages:
        return 0.0
    if pages[0].corpus == "wcxb-dev":
        return sum(page_scores(pages, outputs, scorers)) / len(pages)
    truth = {page.id: {"articleBody": page.truth} for page in pages}
    predictions = {page.id: {"articleBody": scored_text(output)} for page, output in zip(pages, outputs)}
    return scorers["scrapinghub"].score(truth, predictions, n_boot=0)["f1"]


def round_trip_failures(outputs: list[Output]) -> int:
    return sum(1 for output in outputs if output.body_html and not _faithful(output))


def _faithful(output: Output) -> bool:
    check = round_trip(output.body_html, output.markdown)
    return check.same and not check.stray_markup


def print_table(pages: list[Page], outputs: dict[str, list[Output]], seconds: dict[str, list[float]],
                scorers: dict) -> None:
    print(f"{'corpus':<12} {'split':<9} {'pages':>5} {'extractor':<12} {'F1':>6} {'pages/s':>8} "
          f"{'empty':>5} {'round-trip fails':>16}")
    for corpus in dict.fromkeys(page.corpus for page in pages):
        for split in (*SPLITS, "all"):
            chosen = [i for i, page in enumerate(pages) if page.corpus == corpus and split in ("all", page.split)]
            if not chosen:
                continue
            subset = [pages[i] for i in chosen]
            for name in outputs:
                mine = [outputs[name][i] for i in chosen]
                rate = len(chosen) / max(1e-9, sum(seconds[name][i] for i in chosen))
                empty = sum(1 for output in mine if not scored_text(output).strip())
                fails = str(round_trip_failures(mine)) if name == "quietpress" else ""
                print(f"{corpus:<12} {split:<9} {len(chosen):>5} {name:<12} {corpus_f1(subset, mine, scorers):>6.3f} "
                      f"{rate:>8.1f} {empty:>5} {fails:>16}")
    if "quietpress" in seconds and "trafilatura" in seconds:
        ratio = sum(seconds["trafilatura"]) / max(1e-9, sum(seconds["quietpress"]))
        print(f"quietpress pages/s over trafilatura extract() pages/s, all pages: {ratio:.2f}")


def print_worst(pages: list[Page], outputs: list[Output], scorers: dict, count: int) -> None:
    scores = page_scores(pages, outputs, scorers)
    for corpus in dict.fromkeys(page.corpus for page in pages):
        ranked = sorted((score, page.split, page.id, page.domain) for page, score in zip(pages, scores)
                        if page.corpus == corpus)
        print(f"quietpress, {count} worst pages of {corpus}:")
        for score, split, page_id, domain in ranked[:count]:
            print(f"  {page_id[:16]:<16} {split:<9} F1 {score:.3f}  {domain}")


def write_outputs(folder: Path, pages: list[Page], outputs: dict[str, list[Output]]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, mine in outputs.items():
        texts = {f"{page.corpus}/{page.id}": scored_text(output) for page, output in zip(pages, mine)}
        (folder / f"{name}.json").write_text(json.dumps(texts, ensure_ascii=False, indent=0), encoding="utf-8")


def _load(path: Path):
    spec = importlib.util.spec_from_file_location(path.stem, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


if __name__ == "__main__":
    sys.exit(main())
