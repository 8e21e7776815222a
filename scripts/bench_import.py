"""Benchmark the import: the same 500 captures with --jobs 1 and --jobs 2, in one run.

    python scripts/bench_import.py --shared ../shared [--captures 500] [--repeat 3] [--keep DIR]

The captures are news article pages: the 181 real pages of the shared scrapinghub corpus
(gzipped, as stored), and for the rest the synthetic articles of the shared corpus generator
(`bench/make_corpus.py`) rendered to HTML inside a page with navigation, a sidebar, related links
and a footer, one in five gzipped (`--pages rendered` uses rendered pages only; they are about a
quarter of the weight of real pages, so the fixed costs of a run weigh more). Without the shared
folder the articles are generated here from a small word list, so the benchmark still runs. Each import is a fresh `quietpress import` process
into an empty folder, as a person runs it; the two job counts alternate and each is repeated, and
the median wall time of each is reported, with captures/s and the speed-up. The machine is shared,
and the kernel shares CPU time fairly between sessions: while another session keeps a core busy,
two processes of ours get no more CPU than one. Each round therefore also measures what two pure
CPU-bound processes gain over one (about 2 on an idle two-core machine), and the import's speed-up
is reported against it. Compare figures of one run only. Both imports must write the same files.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from html import escape
from pathlib import Path

from markdown_it import MarkdownIt

ROOT = Path(__file__).resolve().parent.parent
GENERATOR = Path("bench/make_corpus.py")
REAL_PAGES = Path("corpora/scrapinghub/html")
TARGET_SPEED_UP = 1.7
PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{title} | {site}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="canonical" href="{url}"><meta property="og:title" content="{title}">
<meta property="og:site_name" content="{site}"><meta name="description" content="{summary}">
<meta name="author" content="{authors}"><meta property="article:published_time" content="{date}">
<meta property="article:section" content="{category}">{tags}
<link rel="stylesheet" href="/static/site.css"><script src="/static/ads.js" async></script></head>
<body><header class="site-header"><a class="logo" href="/">{site}</a>
<nav><ul><li><a href="/news">News</a></li><li><a href="/world">World</a></li><li><a href="/business">Business</a></li>
<li><a href="/sport">Sport</a></li><li><a href="/culture">Culture</a></li><li><a href="/opinion">Opinion</a></li></ul></nav>
<form class="search"><input name="q" placeholder="Search"></form><a class="subscribe" href="/subscribe">Subscribe</a></header>
<main><article><header><p class="kicker">{category}</p><h1>{title}</h1><p class="standfirst">{summary}</p>
<p class="byline">By <span class="author">{authors}</span> <time datetime="{date}">{date}</time></p>
<ul class="share"><li><a href="#">Share</a></li><li><a href="#">Tweet</a></li><li><a href="#">Email</a></li></ul></header>
<div class="article-body">{body}</div>
<footer class="article-footer"><p>Tags: {tag_links}</p></footer></article>
<aside class="related"><h2>Related stories</h2><ul>{related}</ul></aside>
<aside class="newsletter"><h2>Get the morning briefing</h2><p>Sign up for our newsletter.</p></aside></main>
<footer class="site-footer"><ul><li><a href="/about">About us</a></li><li><a href="/contact">Contact</a></li>
<li><a href="/privacy">Privacy</a></li><li><a href="/terms">Terms</a></li></ul><p>&copy; 2024 {site}. All rights reserved.</p></footer>
</body></html>
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=Path("../shared"), help="the shared folder (default ../shared)")
    parser.add_argument("--captures", type=int, default=500, help="how many captures to import (default 500)")
    parser.add_argument("--repeat", type=int, default=3, help="imports per job count; the median is reported (default 3)")
    parser.add_argument("--pages", choices=("mixed", "rendered"), default="mixed",
                        help="real pages first, then rendered ones (default), or rendered pages only")
    parser.add_argument("--wait-for-quiet", type=float, default=0, metavar="SECONDS",
                        help="first wait up to this long for the machine's 1-minute load to fall below 1")
    parser.add_argument("--only-write", action="store_true", help="write the captures (with --keep) and stop")
    parser.add_argument("--keep", type=Path, default=None, help="write the captures here and keep them")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="bench-import-") as scratch:
        work = Path(scratch)
        src = args.keep or work / "captures"
        real = real_pages(args.shared, args.captures) if args.pages == "mixed" else []
        origin = write_captures(src, args.captures - len(real), args.shared, work / "corpus")
        for path in real:
            shutil.copyfile(path, src / f"real-{path.name}")
        origin = f"{len(real)} real pages from {args.shared / REAL_PAGES}, {args.captures - len(real)} {origin}"
        print(f"bench-import: {args.captures} captures ({origin}) in {src}")
        if args.only_write or args.repeat < 1:
            return 0
        wait_for_quiet(args.wait_for_quiet)
        print(f"bench-import: load average before: {_load()}")
        times: dict[int, list[float]] = {1: [], 2: []}
        cpu: dict[int, list[float]] = {1: [], 2: []}
        capacity: list[float] = []
        digests: dict[int, dict[str, str]] = {}
        for round_number in range(args.repeat):
            for jobs in ((1, 2) if round_number % 2 == 0 else (2, 1)):
                target = work / f"content-{jobs}-{round_number}"
                wall, seconds = import_once(src, target, jobs)
                times[jobs].append(wall)
                cpu[jobs].append(seconds)
                digests[jobs] = tree_digest(target)
                shutil.rmtree(target)
            capacity.append(parallel_capacity())
        report(args.captures, times, cpu)
        available = statistics.median(capacity)
        speed_up = statistics.median(times[1]) / statistics.median(times[2])
        print(f"  reference: two CPU-bound processes did {available:.2f}x the work of one in the same time "
              f"(median of {len(capacity)}, one per round); the import's speed-up is {speed_up / available:.0%} of that")
        print(f"bench-import: load average after: {_load()} (the machine has {os.cpu_count()} cores; "
              "other work on it lowers the speed-up)")
        if digests[1] != digests[2]:
            differ = sorted(k for k in digests[1].keys() | digests[2].keys() if digests[1].get(k) != digests[2].get(k))
            print(f"bench-import: FAILED: --jobs 1 and --jobs 2 wrote different files ({len(differ)}, e.g. "
                  f"{', '.join(differ[:3])}); if the code changed during the run, run it again")
            return 1
        print(f"bench-import: both job counts wrote the same {len(digests[1])} files; summary: "
              f"{summaries[1].split(': ', 1)[-1]}")
    return 0


def real_pages(shared: Path, count: int) -> list[Path]:
    return sorted((shared / REAL_PAGES).glob("*.html.gz"))[:count]


def write_captures(src: Path, count: int, shared: Path, scratch: Path) -> str:
    """Write `count` article pages under src; return where their text came from."""
    src.mkdir(parents=True, exist_ok=True)
    if count <= 0:
        return "rendered"
    generator = shared / GENERATOR
    if generator.is_file():
        articles = corpus_articles(generator, count, scratch)
        origin = f"rendered from {generator}"
    else:
        articles = generated_articles(count)
        origin = f"generated here: {generator} not found"
    for n, article in enumerate(articles):
        page = render_page(article, articles[(n + 1) % len(articles)], articles[(n + 2) % len(articles)])
        folder = src / article["category"].lower().replace(" ", "-")
        folder.mkdir(exist_ok=True)
        name = f"{n:05d}-{article['slug']}.html"
        if n % 5 == 4:
            (folder / (name + ".gz")).write_bytes(gzip.compress(page.encode("utf-8"), mtime=0))
        else:
            (folder / name).write_text(page, encoding="utf-8")
    return origin


def corpus_articles(generator: Path, count: int, scratch: Path) -> list[dict]:
    import yaml

    subprocess.run([sys.executable, str(generator), str(scratch), "--articles", str(count)], check=True,
                   capture_output=True)
    articles = []
    for path in sorted(scratch.glob("*.md"))[:count]:
        _, front, body = path.read_text(encoding="utf-8").split("---\n", 2)
        meta = yaml.safe_load(front)
        meta["slug"], meta["markdown"] = path.stem, body
        articles.append(meta)
    return articles


def generated_articles(count: int) -> list[dict]:
    """Articles from a word list, for runs without the shared folder: same shape, plainer text."""
    rng = random.Random(1)
    words = ("council residents plan bridge water city minister report market police school budget hospital "
             "energy court election river storm workers prices company village coast museum library").split()
    articles = []
    for n in range(count):
        title = " ".join(rng.choice(words) for _ in range(6)).capitalize() + f" {n}"
        paragraphs = [" ".join(rng.choice(words) for _ in range(rng.randint(40, 90))).capitalize() + "."
                      for _ in range(rng.randint(8, 16))]
        articles.append({"title": title, "slug": f"story-{n}", "date": f"2024-{n % 12 + 1:02d}-{n % 28 + 1:02d}",
                         "category": rng.choice(["Politics", "Business", "Science"]), "tags": ["local"],
                         "authors": ["Ana Ruiz"], "summary": paragraphs[0][:120], "site": "The Daily Example",
                         "source_url": f"https://daily.example/{n}", "markdown": "\n\n".join(paragraphs)})
    return articles


def render_page(article: dict, *related: dict) -> str:
    body = MarkdownIt("commonmark").render(article["markdown"])
    tags = article.get("tags") or []
    return PAGE.format(
        title=escape(article["title"]), site=escape(article["site"]), url=escape(article["source_url"]),
        summary=escape(article.get("summary") or ""), authors=escape(", ".join(article.get("authors") or [])),
        date=escape(str(article["date"])), category=escape(article["category"]), body=body,
        tags="".join(f'<meta property="article:tag" content="{escape(t)}">' for t in tags),
        tag_links=", ".join(f'<a href="/tag/{escape(t)}">{escape(t)}</a>' for t in tags),
        related="".join(f'<li><a href="{escape(r["source_url"])}">{escape(r["title"])}</a></li>' for r in related))


summaries: dict[int, str] = {}


def import_once(src: Path, target: Path, jobs: int) -> tuple[float, float]:
    """Return the wall time and the CPU time (all processes) of one import."""
    command = [sys.executable, "-m", "quietpress", "import", str(src), "--into", str(target), "--quiet", "--jobs", str(jobs)]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    # Exit status 1 means some captures failed (a page without an article); the run still counts.
    if result.returncode not in (0, 1) or not result.stdout.strip():
        print(result.stdout + result.stderr, file=sys.stderr)
        raise SystemExit(f"bench-import: import with --jobs {jobs} failed (exit {result.returncode})")
    summaries.setdefault(jobs, result.stdout.strip().splitlines()[0])
    return elapsed, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def report(count: int, times: dict[int, list[float]], cpu: dict[int, list[float]]) -> None:
    medians = {jobs: statistics.median(values) for jobs, values in times.items()}
    for jobs, values in times.items():
        runs = ", ".join(f"{v:.2f}" for v in values)
        # Cores the run actually got: CPU seconds over wall seconds. Below the job count, other
        # work on the machine (or its scheduler's share per session) held the import back.
        cores = statistics.median(c / w for c, w in zip(cpu[jobs], values))
        print(f"  --jobs {jobs}: median {medians[jobs]:6.2f} s  {count / medians[jobs]:6.1f} captures/s  "
              f"cpu {statistics.median(cpu[jobs]):5.2f} s  cores used {cores:4.2f}  (runs: {runs})")
    speed_up = medians[1] / medians[2]
    verdict = "meets" if speed_up >= TARGET_SPEED_UP else "short of"
    print(f"  speed-up --jobs 2 over --jobs 1: {speed_up:.2f}x ({verdict} the {TARGET_SPEED_UP}x target)")


def _spin(seconds: float) -> int:
    """Count loop turns for `seconds` of wall time: pure CPU work, no I/O, no memory traffic."""
    end, turns = time.perf_counter() + seconds, 0
    while time.perf_counter() < end:
        turns += 1
    return turns


def parallel_capacity(seconds: float = 3.0) -> float:
    """Return how much faster two busy processes get through work than one, right now.

    About 2 on an idle two-core machine; about 1 when other sessions hold a core (the kernel
    shares CPU time between sessions fairly, however many processes each runs). The import's
    speed-up can be no better than this.
    """
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(2) as pool:
        alone = pool.submit(_spin, seconds).result()
        together = sum(f.result() for f in [pool.submit(_spin, seconds), pool.submit(_spin, seconds)])
    return together / alone


def wait_for_quiet(seconds: float) -> None:
    """Wait until the 1-minute load average is below 1, for at most `seconds`."""
    deadline = time.monotonic() + seconds
    while os.getloadavg()[0] >= 1 and time.monotonic() < deadline:
        time.sleep(5)


def _load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def tree_digest(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


if __name__ == "__main__":
    sys.exit(main())
