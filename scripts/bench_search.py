"""Benchmark offline search on a large synthetic archive: index size, bytes per query, time to results.

    python scripts/bench_search.py --shared ../shared [--articles 10000] [--reuse DIR] [--rounds 5]

Generates the archive with ../shared/bench/make_corpus.py (YAML front matter), builds the whole
site with Pelican and pelicanconf.py into a temporary folder (the full build, not the index alone:
its time is reported too), then opens search.html over file:// in headless Chromium and, for each
query on a freshly loaded page, measures:

- time to results, typed: keys 60 ms apart as a reader types, from the input event of the last key to
  the results on the page (measured in the page by search.js, `data-elapsed`); the shards of the
  first letters arrive while the rest is typed;
- time to results, pasted: the whole query in one input event on a cold page, in the page and from
  Playwright's fill() (which adds the round trip);
- bytes loaded: the index files the query made the page load (term shards, documents, facet lists),
  and separately the manifest every search page loads once.

Aim (issue 6): results under 100 ms and under 2 MB loaded per query. Times move with machine load;
the byte counts do not.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import unquote, urlsplit

ROOT = Path(__file__).resolve().parent.parent
# A quick typist: about 16 keys a second.
TYPING_DELAY_MS = 60
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
# Words from make_corpus.py's vocabularies: very common, common, rare (place names), a prefix being
# typed, several words, and a narrowed query (topic facet).
QUERIES = [
    ("government", None),
    ("police report", None),
    ("flooding river Queensbay", None),
    ("infrastr", None),
    ("the minister said", None),
    ("election campaign polls", None),
    ("Millbrook", None),
    ("energy prices", ("topic", "Energy")),
]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=Path("../shared"), help="the shared folder (default ../shared)")
    parser.add_argument("--articles", type=int, default=10_000, help="archive size (default 10000)")
    parser.add_argument("--reuse", type=Path, help="an output folder built by an earlier run (skips generating and building)")
    parser.add_argument("--keep", type=Path, help="build into this folder and keep it (for --reuse later)")
    parser.add_argument("--rounds", type=int, default=3, help="runs of every query (default 3)")
    args = parser.parse_args(argv)

    make_corpus = args.shared / "bench" / "make_corpus.py"
    if args.reuse is None and not make_corpus.is_file():
        print(f"bench-search: skipped: {make_corpus} not found (the shared folder is absent)")
        return 0

    work = None
    if args.reuse:
        output = args.reuse
    else:
        work = args.keep or Path(tempfile.mkdtemp(prefix="quietpress-bench-search-"))
        output = build_archive(make_corpus, args.articles, work)
    try:
        report_index(output)
        if not Path(CHROMIUM).exists():
            print(f"bench-search: browser timings skipped: {CHROMIUM} is missing")
            return 0
        measure_queries(output, args.rounds)
    finally:
        if work is not None and args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    return 0


def build_archive(make_corpus: Path, articles: int, work: Path) -> Path:
    content, output = work / "content", work / "output"
    (content / "articles").mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    subprocess.run([sys.executable, str(make_corpus), str(content / "articles"), "--articles", str(articles),
                    "--format", "yaml"], check=True, stdout=subprocess.DEVNULL)
    print(f"corpus: {articles} articles generated in {time.perf_counter() - started:.1f} s")
    env = {**os.environ, "TZ": "UTC", "LC_ALL": "C.UTF-8"}
    started = time.perf_counter()
    # A cache of its own: a cold build, and nothing written into the checkout's cache/.
    result = subprocess.run([str(Path(sys.executable).parent / "pelican"), str(content), "-o", str(output),
                             "-s", str(ROOT / "pelicanconf.py"), "--cache-path", str(work / "cache")],
                            cwd=ROOT, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"bench-search: the build failed:\n{result.stdout[-3000:]}{result.stderr[-3000:]}")
    print(f"build: full site with search index in {time.perf_counter() - started:.1f} s (pelicanconf.py)")
    return output


def _sizes(folder: Path) -> list[int]:
    return [p.stat().st_size for p in folder.glob("*.js")] if folder.is_dir() else []


def report_index(output: Path) -> None:
    index = output / "search"
    shards, docs, facets = _sizes(index / "t"), _sizes(index / "d"), _sizes(index / "f")
    manifest = (index / "manifest.js").stat().st_size
    total = sum(shards) + sum(docs) + sum(facets) + manifest
    print(f"index: {total / 1e6:.1f} MB in {len(shards) + len(docs) + len(facets) + 1} files")
    print(f"  term shards: {len(shards)} files, {sum(shards) / 1e6:.1f} MB, largest {max(shards, default=0) / 1e3:.0f} kB, "
          f"median {statistics.median(shards or [0]) / 1e3:.0f} kB")
    print(f"  documents:   {len(docs)} files, {sum(docs) / 1e6:.1f} MB, largest {max(docs, default=0) / 1e3:.0f} kB")
    print(f"  facet lists: {len(facets)} files, {sum(facets) / 1e6:.2f} MB, largest {max(facets, default=0) / 1e3:.0f} kB")
    print(f"  manifest:    {manifest / 1e3:.1f} kB (loaded once by the search page)")


def measure_queries(output: Path, rounds: int) -> None:
    from playwright.sync_api import sync_playwright

    rows = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for query, facet in QUERIES:
            pasted = [run_query(browser, output, query, facet, typed=False) for _ in range(rounds)]
            typed = [run_query(browser, output, query, facet, typed=True) for _ in range(rounds)]
            rows.append((query + (f" [{facet[0]}: {facet[1]}]" if facet else ""),
                         statistics.median(r[0] for r in typed), statistics.median(r[0] for r in pasted),
                         statistics.median(r[1] for r in pasted), max(r[2] for r in pasted), max(r[2] for r in typed),
                         pasted[-1][3]))
        browser.close()
    print(f"queries, median of {rounds} fresh page loads each. typed: keys {TYPING_DELAY_MS} ms apart, time from the "
          "last key to results; pasted: the whole query in one input event on a cold page (in page / from fill()); "
          "kB: index files loaded by the pasted query / by the whole typing")
    for label, typed_ms, page_ms, wall_ms, size, typed_size, results in rows:
        print(f"  {label:<38} typed {typed_ms:5.0f} ms  pasted {page_ms:5.0f} / {wall_ms:5.0f} ms  "
              f"{size / 1e3:5.0f} / {typed_size / 1e3:5.0f} kB  {results}")
    print(f"median over queries: typed {statistics.median(r[1] for r in rows):.0f} ms, pasted "
          f"{statistics.median(r[2] for r in rows):.0f} ms in page ({statistics.median(r[3] for r in rows):.0f} ms from "
          f"fill()); largest load {max(max(r[4], r[5]) for r in rows) / 1e6:.2f} MB (aim: under 100 ms and 2 MB)")


def run_query(browser, output: Path, query: str, facet: tuple[str, str] | None, typed: bool) -> tuple[float, float, int, str]:
    """(ms in page, ms from Playwright, bytes of index files loaded, status line) for one query on a fresh page."""
    index_prefix = (output / "search").resolve().as_uri() + "/"
    context = browser.new_context()
    page = context.new_page()
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto((output / "search.html").resolve().as_uri())
    page.wait_for_selector("#search[data-state=ready]")
    before = len(requested)
    if facet:
        page.select_option(f"#facet-{facet[0]}", label=_option_label(page, facet))
        page.wait_for_selector("#search[data-state=done]")
        before = len([u for u in requested if "/search/f/" not in u])
    started = time.perf_counter()
    if typed:
        page.type("#search-query", query, delay=TYPING_DELAY_MS)
        started = time.perf_counter()
    else:
        page.fill("#search-query", query)
    page.wait_for_function("() => document.querySelector('#search').dataset.state === 'done' && "
                           "document.querySelector('#search').dataset.query === document.querySelector('#search-query').value")
    wall = (time.perf_counter() - started) * 1000
    in_page = float(page.get_attribute("#search", "data-elapsed"))
    files = {u for u in requested[before:] if u.startswith(index_prefix)}
    files |= {u for u in requested if "/search/f/" in u}
    size = sum(Path(unquote(urlsplit(u).path)).stat().st_size for u in files)
    status = page.inner_text("#search-status")
    context.close()
    return in_page, wall, size, status


def _option_label(page, facet: tuple[str, str]) -> str:
    labels = page.eval_on_selector_all(f"#facet-{facet[0]} option", "options => options.map(o => o.textContent)")
    return next(label for label in labels if label.startswith(facet[1] + " ("))


if __name__ == "__main__":
    sys.exit(main())
