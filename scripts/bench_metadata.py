"""Benchmark metadata (title, authors, publication date): quietpress beside trafilatura and htmldate.

    python scripts/bench_metadata.py --shared ../shared [--examples N] [--out DIR] [--limit N]

Corpora (both in the shared folder; the benchmark skips cleanly when it is absent):
- `corpora/wcxb-dev`: the WCXB development pages of page type `article` (title, author and date
  labelled by people);
- `corpora/htmldate-news`: 200 news pages with their publication dates (htmldate's evaluation set);
- `corpora/scrapinghub`: 181 news pages, labelled by hand for title, authors, date, publication and
  language (scripts/labels/scrapinghub-fields.json; `--only scrapinghub` runs this part alone), and
  for the size of the topic and tag indexes an import makes and topic accuracy on 107 pages
  (scripts/labels/scrapinghub-topics.json).

Each corpus is split in two by a hash of the page's domain, so that no site is on both sides:
a page is in the tuning part when the first byte of sha256(domain) is even, else in the held-out
part. Rules were tuned looking at the tuning part only; the held-out part is the honest figure.
Every extractor reads the same saved HTML with no URL beside it (as an import of saved pages has):
quietpress through its own decode and extract stages, trafilatura through
`bare_extraction(html, with_metadata=True)`, htmldate through `find_date(html, original_date=True)`
(the publication date, not the latest one; extensive search, its default). The shared `bench/score_wcxb.py` scores every predictions file.
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import hashlib
import importlib.util
import io
import json
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Callable
from urllib.parse import urlsplit

from quietpress.decode import decode_capture
from quietpress.errors import QuietpressError
from quietpress.extract import extract_article
from quietpress.model import Capture, CaptureKind

SCORER = Path("bench/score_wcxb.py")
LABELS = Path(__file__).resolve().parent / "labels" / "scrapinghub-topics.json"
FIELD_LABELS = LABELS.with_name("scrapinghub-fields.json")
FIELDS = ("title", "authors", "date")


@dataclass(frozen=True)
class Corpus:
    name: str
    folder: Path          # relative to the shared folder
    truth: str            # the truth argument of the scorer, relative to `folder`
    pages: dict[str, Path]  # truth id -> gzipped HTML
    domains: dict[str, str]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=Path("../shared"), help="the shared folder (default ../shared)")
    parser.add_argument("--out", type=Path, default=None, help="folder for predictions and id lists (default: temporary)")
    parser.add_argument("--examples", type=int, default=0, help="print N wrong values per field for quietpress (tuning part)")
    parser.add_argument("--limit", type=int, default=0, help="only the first N pages of each corpus (quick iterations)")
    parser.add_argument("--only", choices=("wcxb", "htmldate", "scrapinghub"), help="one corpus only")
    parser.add_argument("--reuse-baselines", action="store_true",
                        help="reuse trafilatura's and htmldate's predictions already in --out (while tuning)")
    args = parser.parse_args(argv)

    scorer_path = args.shared / SCORER
    corpora = [c for c in (_wcxb_corpus(args.shared), _htmldate_corpus(args.shared)) if c and (not args.only or c.name.startswith(args.only))]
    if not scorer_path.is_file() or not corpora and args.only != "scrapinghub":
        print(f"bench-meta: skipped: {scorer_path} or the corpora are not found (the shared folder is absent)")
        return 0
    out = args.out or Path(tempfile.mkdtemp(prefix="bench-meta-"))
    out.mkdir(parents=True, exist_ok=True)
    scorer = _load_scorer(scorer_path)
    rows = []
    for corpus in corpora:
        ids = sorted(corpus.pages)[: args.limit or None]
        html = {i: gzip.decompress(corpus.pages[i].read_bytes()) for i in ids}
        predictions = {}
        for name, run in RUNNERS.items():
            cached = out / f"{corpus.name}-{name}.json"
            if args.reuse_baselines and name != "quietpress" and cached.is_file() and not args.limit:
                predictions[name] = json.loads(cached.read_text(encoding="utf-8"))
            else:
                predictions[name] = {i: run(i, data) for i, data in html.items()}
        for part in ("tuning", "held-out"):
            part_ids = [i for i in ids if _part(corpus.domains[i]) == part]
            id_file = out / f"{corpus.name}-{part}.ids"
            id_file.write_text("\n".join(part_ids) + "\n", encoding="utf-8")
            for name, predicted in predictions.items():
                pred_file = out / f"{corpus.name}-{name}.json"
                pred_file.write_text(json.dumps(predicted, ensure_ascii=False), encoding="utf-8")
                figures = _score(scorer, args.shared / corpus.folder, corpus, pred_file, id_file, name,
                                 args.examples if name == "quietpress" and part == "tuning" else 0, out)
                if corpus.name.startswith("wcxb"):
                    people = _person_labelled(args.shared / corpus.folder, part_ids, out / f"{corpus.name}-{part}-people.ids")
                    figures["people_lenient"] = _score(scorer, args.shared / corpus.folder, corpus, pred_file, people,
                                                       name, 0, out).get("author_lenient")
                rows.append((corpus.name, part, name, figures))
    if rows:
        _print_table(rows)
    if args.only in (None, "scrapinghub"):
        _scrapinghub(args.shared)
    print(f"predictions and id lists in {out}")
    return 0


# --- the scrapinghub pages: fields against hand labels, topics and tags ----------------------------

def _scrapinghub(shared: Path) -> None:
    """Print, per part, how many of the scrapinghub pages labelled by hand in scripts/labels/ get each
    field right (quietpress, trafilatura `bare_extraction`, htmldate), then the size of the topic and
    tag indexes an import makes and its topic accuracy."""
    folder = shared / "corpora/scrapinghub"
    truth_file = folder / "ground-truth.json"
    if not truth_file.is_file():
        return
    truth = json.loads(truth_file.read_text(encoding="utf-8"))
    pages = {i: gzip.decompress((folder / "html" / f"{i}.html.gz").read_bytes()) for i in sorted(truth)}
    parts = {i: _part(urlsplit(truth[i].get("url", "")).hostname or "") for i in truth}
    articles = {}
    for page_id, data in pages.items():
        capture = Capture(source=f"{page_id}.html", path=Path(f"{page_id}.html"), kind=CaptureKind.HTML, payload=data,
                          sha256="")
        try:
            articles[page_id] = extract_article(decode_capture(capture))
        except QuietpressError:
            continue
    _labelled_fields(articles, pages, parts)
    _topics_and_tags(articles, parts)


def _labelled_fields(articles: dict, pages: dict[str, bytes], parts: dict[str, str]) -> None:
    labels = json.loads(FIELD_LABELS.read_text(encoding="utf-8"))["pages"]
    produced = {"quietpress": {i: _article_fields(articles.get(i)) for i in labels},
                "trafilatura": {i: _trafilatura(i, pages[i]) for i in labels},
                "htmldate": {i: _htmldate(i, pages[i]) for i in labels}}
    print(f"scrapinghub, hand labels ({FIELD_LABELS.name}): share of pages right per field")
    print(f"{'part':<9} {'extractor':<12} {'pages':>5} " + " ".join(f"{f:>11}" for f in SCRAPINGHUB_FIELDS))
    for part in ("tuning", "held-out"):
        ids = [i for i in labels if parts.get(i) == part]
        for name, fields in produced.items():
            cells = []
            for field in SCRAPINGHUB_FIELDS:
                if not any(fields[i].get(field) for i in ids):  # a field the extractor does not give
                    cells.append(f"{'-':>11}")
                    continue
                right = sum(1 for i in ids if FIELD_CHECKS[field](fields[i].get(field), labels[i]))
                cells.append(f"{right / len(ids) if ids else 0:>11.3f}")
            print(f"{part:<9} {name:<12} {len(ids):>5} " + " ".join(cells))


def _article_fields(article) -> dict:
    if article is None:
        return {}
    return {"title": article.title, "authors": list(article.authors), "agency": article.agency, "date": article.date,
            "publication": article.site, "language": article.lang}


def _folded(text) -> str:
    """Text compared as a reader would: case, spacing, typographic quotes and edge punctuation aside."""
    text = " ".join(str(text or "").translate(QUOTES).casefold().split())
    return text.strip(" .,:;!?|-–—\"'")


QUOTES = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"'})


def _title_right(produced, label: dict) -> bool:
    return bool(produced) and _folded(produced) == _folded(label["title"])


def _authors_right(produced, label: dict) -> bool:
    return {_folded(a) for a in produced or ()} == {_folded(a) for a in label["authors"]}


def _date_right(produced, label: dict) -> bool:
    return (str(produced or "")[:10] or None) == label["date"]


def _publication_right(produced, label: dict) -> bool:
    return bool(produced) and _folded(produced) in {_folded(name) for name in label["publication"]}


def _language_right(produced, label: dict) -> bool:
    return str(produced or "").split("-")[0].lower() == label["language"]


FIELD_CHECKS = {"title": _title_right, "authors": _authors_right, "date": _date_right,
                "publication": _publication_right, "language": _language_right}
SCRAPINGHUB_FIELDS = tuple(FIELD_CHECKS)


def _topics_and_tags(articles: dict, parts: dict[str, str]) -> None:
    topics = Counter(a.category or "Uncategorised" for a in articles.values())
    tags = Counter(t.casefold() for a in articles.values() for t in a.tags)
    labels = json.loads(LABELS.read_text(encoding="utf-8"))["topics"]
    print(f"scrapinghub, {len(articles)} pages: {len(topics)} topics (Uncategorised {topics['Uncategorised']}), "
          f"{len(tags)} distinct tags, {sum(1 for n in tags.values() if n == 1)} on one article only")
    print("  most used tags: " + ", ".join(f"{t} ({n})" for t, n in tags.most_common(15)))
    for part in ("tuning", "held-out"):
        ids = [i for i in labels if i in articles and parts.get(i) == part]
        fitting = sum(1 for i in ids if articles[i].category in labels[i])
        first = sum(1 for i in ids if articles[i].category == labels[i][0])
        print(f"  IPTC topic, hand labels, {part}: {fitting}/{len(ids)} an acceptable topic, {first}/{len(ids)} the most fitting one")


# --- corpora -------------------------------------------------------------------------------------

def _wcxb_corpus(shared: Path) -> Corpus | None:
    folder = Path("corpora/wcxb-dev")
    meta_file = shared / folder / "metadata.json"
    if not meta_file.is_file():
        return None
    files = json.loads(meta_file.read_text(encoding="utf-8"))["files"]
    articles = {i: m for i, m in files.items() if m.get("page_type") == "article"}
    return Corpus("wcxb-articles", folder, "ground-truth",
                  {i: shared / folder / "html" / f"{i}.html.gz" for i in articles},
                  {i: m.get("domain") or "" for i, m in articles.items()})


def _htmldate_corpus(shared: Path) -> Corpus | None:
    folder = Path("corpora/htmldate-news")
    truth_file = shared / folder / "truth.json"
    if not truth_file.is_file():
        return None
    truth = json.loads(truth_file.read_text(encoding="utf-8"))
    return Corpus("htmldate-news", folder, "truth.json",
                  {i: shared / folder / "html" / f"{i}.gz" for i in truth},
                  {i: (urlsplit(t["url"]).hostname or "").removeprefix("www.") for i, t in truth.items()})


def _person_labelled(folder: Path, ids: list[str], id_file: Path) -> Path:
    """Write the ids whose truth author names a person by quietpress's author rules (the WCXB labels
    also credit teams, organisations and handles, which the archive does not count as authors)."""
    from quietpress.extract.authors import split_authors

    keep = []
    for page_id in ids:
        author = json.loads((folder / "ground-truth" / f"{page_id}.json").read_text(encoding="utf-8"))["ground_truth"].get("author")
        if author and str(author) != "None" and split_authors([str(author)]):
            keep.append(page_id)
    id_file.write_text("\n".join(keep) + "\n", encoding="utf-8")
    return id_file


def _part(domain: str) -> str:
    """Return the part of a corpus a domain is in: half the domains tune, the other half judge.

    The same split as the other benchmarks' (scripts/bench_extract.py split_of): "www." does not
    make another site.
    """
    name = domain.lower().removeprefix("www.")
    return "tuning" if hashlib.sha256(name.encode("utf-8")).digest()[0] % 2 == 0 else "held-out"


# --- extractors ----------------------------------------------------------------------------------

def _quietpress(page_id: str, data: bytes) -> dict:
    capture = Capture(source=f"{page_id}.html", path=Path(f"{page_id}.html"), kind=CaptureKind.HTML,
                      payload=data, sha256="")
    try:
        article = extract_article(decode_capture(capture))
    except QuietpressError:
        return {}
    return _article_fields(article)


def _trafilatura(page_id: str, data: bytes) -> dict:
    from trafilatura import bare_extraction

    with contextlib.redirect_stderr(io.StringIO()):
        doc = bare_extraction(data, with_metadata=True)
    if doc is None:
        return {}
    doc = doc if isinstance(doc, dict) else doc.as_dict()
    authors = [a.strip() for a in (doc.get("author") or "").split(";") if a.strip()]
    # The WCXB scorer reads title, authors and date; the scrapinghub labels the rest too.
    return {"title": doc.get("title"), "authors": authors, "date": doc.get("date"), "publication": doc.get("sitename"),
            "language": doc.get("language")}


def _htmldate(page_id: str, data: bytes) -> dict:
    from htmldate import find_date

    with contextlib.redirect_stderr(io.StringIO()):
        return {"date": find_date(data, original_date=True)}


RUNNERS: dict[str, Callable[[str, bytes], dict]] = {
    "quietpress": _quietpress, "trafilatura": _trafilatura, "htmldate": _htmldate}


# --- scoring -------------------------------------------------------------------------------------

def _score(scorer, folder: Path, corpus: Corpus, predictions: Path, ids: Path, name: str, examples: int,
           out: Path) -> dict:
    figures_file = out / f"{corpus.name}-{ids.stem.split('-', 2)[-1]}-{name}.score.json"
    argv = [str(folder / "html"), str(folder / corpus.truth), str(predictions), "--predictions", "--ids", str(ids),
            "--label", name, "--worst", "0", "--examples", str(examples), "--json", str(figures_file)]
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        scorer.main(argv)
    if examples:
        print(f"-- {corpus.name} tuning part, quietpress:")
        print("\n".join(line for line in printed.getvalue().splitlines() if line.startswith("     ") or "wrong" in line))
    return json.loads(figures_file.read_text(encoding="utf-8"))


def _print_table(rows: list[tuple[str, str, str, dict]]) -> None:
    print("authors: the truth's names exactly; surname: every truth surname found; people: surname on the pages whose")
    print("truth names a person (by quietpress's rules; WCXB also credits teams and organisations)")
    print(f"{'corpus':<15} {'part':<9} {'extractor':<12} {'pages':>5} {'title':>6} {'authors':>8} {'surname':>8} {'people':>7} {'date':>6}")
    for corpus, part, name, f in rows:
        def cell(key: str, width: int) -> str:
            value = f.get(key)
            return f"{value:>{width}.3f}" if isinstance(value, float) else f"{'-':>{width}}"
        title = cell("title_acc", 6) if corpus.startswith("wcxb") and name != "htmldate" else f"{'-':>6}"
        authors = cell("author_acc", 8) if corpus.startswith("wcxb") and name != "htmldate" else f"{'-':>8}"
        surname = cell("author_lenient", 8) if corpus.startswith("wcxb") and name != "htmldate" else f"{'-':>8}"
        people = cell("people_lenient", 7) if corpus.startswith("wcxb") and name != "htmldate" else f"{'-':>7}"
        print(f"{corpus:<15} {part:<9} {name:<12} {f['pages']:>5} {title} {authors} {surname} {people} {cell('date_acc', 6)}")


def _load_scorer(path: Path):
    spec = importlib.util.spec_from_file_location("score_wcxb", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


if __name__ == "__main__":
    sys.exit(main())
