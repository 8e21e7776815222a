"""Benchmark hostile captures: time and peak memory of importing each one, and of building its article.

Each case is a capture a stranger could send (a gzip bomb, a 150 MB JSON Lines record, a `.json.gz`
of 60 million empty objects, quadratic text for the byline and credit rules, a flood of `&`, a WARC
of oversized records, a named pipe), written into a temporary folder by this script; nothing comes
from ../shared. For each case, `quietpress import` runs with `--jobs 2`, then, when an article was
written, `pelican` builds it. The target on a 2-core machine is at most 10 s and 1 GB for each.

    python scripts/bench_hostile.py [--cases gzip_bomb,amp_flood] [--work bench-out/hostile]

Memory is the peak of the summed proportional set size (PSS) of the command's whole process tree
(workers included), sampled every 50 ms (bench_build.py's sampler). Timings move with machine load.
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import os
import shutil
import subprocess
import sys
import threading
import time
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_build import sample_tree_pss  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
TARGET_SECONDS = 10.0
TARGET_MB = 1024.0
GOOD = ("<p>The harbour committee met on Tuesday and heard from residents, traders and the port authority "
        "about the redevelopment plan, which the council will vote on next month.</p>")


def page(title: str, body: str) -> str:
    return (f"<!doctype html><html><head><meta charset='utf-8'><title>{title}</title></head><body><article>"
            f"<h1>{title}</h1>{GOOD * 3}{body}{GOOD}</article></body></html>")


def write_gzip_stream(path: Path, parts: Callable[[], "list[bytes] | object"]) -> None:
    """Write a gzip file from an iterable of byte chunks without holding the whole in memory."""
    with open(path, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=9, mtime=0) as stream:
        for chunk in parts():
            stream.write(chunk)


def gzip_bomb(folder: Path) -> None:
    """64 MB of `<p>` after the page's start: 22 million elements if parsed whole."""
    head = page("Gzip bomb", "").split("</article>")[0].encode()
    write_gzip_stream(folder / "bomb.html.gz", lambda: [head, *([b"<p>" * (1 << 20)] * 22)])


def jsonl_huge_record(folder: Path) -> None:
    """A JSON Lines file: a good record, one of 150 MB of `<p>`, another good record."""
    with open(folder / "records.jsonl", "w", encoding="utf-8") as stream:
        stream.write(json.dumps({"url": "https://news.example.org/a", "html": page("First good record", "")}) + "\n")
        stream.write('{"url": "https://news.example.org/b", "html": "' + "<p>" * 50_000_000 + '"}\n')
        stream.write(json.dumps({"url": "https://news.example.org/c", "html": page("Last good record", "")}) + "\n")


def json_gz_empty_objects(folder: Path) -> None:
    """A `.json.gz` listing 60 million empty objects, then one real record."""
    real = json.dumps({"url": "https://news.example.org/r", "html": page("The one real record", "")}).encode()
    write_gzip_stream(folder / "export.json.gz",
                      lambda: [b"[", *([b"{}," * (1 << 20)] * 57), b"{}," * 1_000_000, real, b"]"])


def text_capture(name: str, title: str, lines: list[str]) -> Callable[[Path], None]:
    def write(folder: Path) -> None:
        good = "\n\n".join(["The harbour committee met on Tuesday and heard from residents, traders and the port "
                            "authority about the redevelopment plan, which the council will vote on next month."] * 4)
        (folder / name).write_text(f"{title}\n\n{good}\n\n" + "\n".join(lines) + f"\n\n{good}\n", encoding="utf-8")
    return write


def amp_flood(folder: Path) -> None:
    """A 9 kB `.html.gz` whose article is 1.2 million `&`."""
    (folder / "amp.html.gz").write_bytes(gzip.compress(page("Ampersands", "<p>" + "&" * 1_200_000 + "</p>").encode(), 9, mtime=0))


def warc_oversized(folder: Path) -> None:
    """A gzipped WARC of 70 records over the record size limit, then one good page."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(folder / "crawl.warc.gz", "wb") as stream:
        writer = WARCWriter(stream, gzip=True)
        big = b"<p>" + b"x" * (33 * 1024 * 1024)
        for i in range(70):
            http = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(f"https://news.example.org/big/{i}", "response",
                                                          payload=io.BytesIO(big), http_headers=http))
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record("https://news.example.org/good", "response",
                                                      payload=io.BytesIO(page("The good page", "").encode()), http_headers=http))


def named_pipe(folder: Path) -> None:
    os.mkfifo(folder / "pipe.html")
    (folder / "page.html").write_text(page("Beside a pipe", ""), encoding="utf-8")


def banner_starts(folder: Path) -> None:
    """A page opening a web archive's banner 40,000 times and never closing it (1.5 MB)."""
    start = "<!-- BEGIN WAYBACK TOOLBAR INSERT -->"
    (folder / "banners.html").write_text(page("Banners", "<p>" + start * 40_000 + "</p>"), encoding="utf-8")


def hidden_nest(folder: Path) -> None:
    """A page of 250 nested hidden blocks around 750 kB of text (each block is measured)."""
    (folder / "hidden.html").write_text(page("Hidden", "<div hidden>" * 250 + "<p>" + "word " * 150_000 + "</p>"
                                             + "</div>" * 250), encoding="utf-8")


CASES: dict[str, Callable[[Path], None]] = {
    "gzip_bomb": gzip_bomb,
    "jsonl_huge_record": jsonl_huge_record,
    "json_gz_empty_objects": json_gz_empty_objects,
    "byline_flood": text_capture("bylines.txt", "Bylines", ["By John Smith and Jane Doe"] * 2000),
    "photo_line": text_capture("photo.txt", "Photo credit", ["Photo: " + "A" * 100_000]),
    "copyright_line": text_capture("copyright.txt", "Copyright", ["© 2024 " + "x" * 100_000]),
    "byline_flood_1m": text_capture("bylines1m.txt", "Bylines", ["By John Smith and Jane Doe"] * 36_000),
    "photo_line_1m": text_capture("photo1m.txt", "Photo credit", ["Photo: " + "A" * 990_000]),
    "amp_flood": amp_flood,
    "banner_starts": banner_starts,
    "hidden_nest": hidden_nest,
    "warc_oversized": warc_oversized,
    "named_pipe": named_pipe,
}


@dataclass(frozen=True)
class Run:
    seconds: float
    tree_mb: float
    status: int
    log: str


def measure(command: list[str]) -> Run:
    """Run a command; its wall time, the peak PSS of its process tree, exit status and last output."""
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    peak, done = [0], threading.Event()
    sampler = threading.Thread(target=sample_tree_pss, args=(process.pid, peak, done), daemon=True)
    sampler.start()
    out, _ = process.communicate()
    seconds = time.perf_counter() - start
    done.set()
    sampler.join()
    return Run(seconds, peak[0] / 1024, process.returncode, " ".join(out.split())[-300:])


def run_case(name: str, work: Path) -> tuple[Run, Run | None]:
    case = work / name
    shutil.rmtree(case, ignore_errors=True)
    captures, content = case / "captures", case / "content"
    captures.mkdir(parents=True)
    CASES[name](captures)
    imported = measure([str(BIN / "quietpress"), "import", str(captures), "--into", str(content), "--quiet", "--jobs", "2"])
    if not list((content / "articles").rglob("*.md")):
        return imported, None
    built = measure([str(BIN / "pelican"), str(content), "-o", str(case / "output"), "-s", str(ROOT / "pelicanconf.py"),
                     "--cache-path", str(case / "cache")])
    shutil.rmtree(captures, ignore_errors=True)
    return imported, built


def verdict(run: Run | None) -> str:
    if run is None:
        return f"{'-':>8} {'-':>8}"
    flag = "" if run.seconds <= TARGET_SECONDS and run.tree_mb <= TARGET_MB else " !"
    return f"{run.seconds:7.1f}s {run.tree_mb:7.0f}M{flag}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", default=",".join(CASES), help="comma-separated case names")
    parser.add_argument("--work", type=Path, default=ROOT / "bench-out" / "hostile")
    args = parser.parse_args(argv)
    names = [n for n in args.cases.split(",") if n]
    unknown = [n for n in names if n not in CASES]
    if unknown:
        parser.error(f"unknown case {unknown[0]!r}; cases: {', '.join(CASES)}")
    print(f"hostile captures on {os.cpu_count()} cores; target each: <= {TARGET_SECONDS:.0f} s, <= {TARGET_MB:.0f} MB "
          "(whole process tree); ! marks a miss")
    print(f"{'case':24} {'import':>17} {'build':>17}  import says")
    misses = 0
    for name in names:
        imported, built = run_case(name, args.work)
        misses += verdict(imported).endswith("!") + (built is not None and verdict(built).endswith("!"))
        print(f"{name:24} {verdict(imported)} {verdict(built)}  {imported.log[-110:]}", flush=True)
    shutil.rmtree(args.work, ignore_errors=True)
    print(f"{misses} miss(es)")
    return 1 if misses else 0


if __name__ == "__main__":
    sys.exit(main())
