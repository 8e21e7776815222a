"""Benchmark the site build: stock Pelican 4.12 and quietpress side by side, in one run.

For each size, the shared corpus generator writes the same synthetic articles twice (YAML front
matter for quietpress, Pelican's own header for stock Pelican, same seed); each build starts cold
(no output, no cache) in its own process; with `--repeat N` the two alternate, N rounds, and both
the medians and each round's ratio are shown (a shared machine's load drifts over minutes, and the
two builds of a round meet the same). Stock Pelican runs from its own virtual environment under
the work folder (`pelican==4.12.0 markdown`, created on first use) with the reference settings in
the shared `bench/anchor/pelicanconf.py`; quietpress runs with this repository's pelicanconf.py,
theme and plugin. Then, at the largest size, quietpress rebuilds after one article is added and
after one is edited, and the files each rebuild rewrote are counted.

    python scripts/bench_build.py --shared ../shared [--sizes 1000,5000,10000] [--work bench-out/build]

Memory: "max RSS" is the largest single process's peak resident size as the kernel reports it
(what `/usr/bin/time` shows); "tree MB" is the peak of the summed proportional set size (PSS) of
the build process and its workers, sampled every 50 ms (shared pages counted once) in one more
build of each configuration, untimed (sampling PSS costs CPU enough to slow the build it watches).
Timings move with machine load: compare the rows of one run, not figures across runs.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
MAKE_CORPUS = Path("bench/make_corpus.py")
ANCHOR_SETTINGS = Path("bench/anchor/pelicanconf.py")
STOCK_PACKAGES = ("pelican==4.12.0", "markdown")
SAMPLE_SECONDS = 0.05
# Reference figures from the shared bench README (2 cores): context for the closing table.
HUGO_5000_SECONDS = 6.4


@dataclass(frozen=True)
class Run:
    """One build: wall seconds, memory peaks in MB, output files, HTML pages and MB written."""

    seconds: float
    tree_mb: float
    max_rss_mb: float
    files: int
    pages: int
    megabytes: float


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=Path("../shared"), help="the shared folder (default ../shared)")
    parser.add_argument("--sizes", default="1000,5000,10000", help="comma-separated article counts")
    parser.add_argument("--work", type=Path, default=ROOT / "bench-out",
                        help="corpora, outputs and the stock virtualenv (default bench-out/, git-ignored)")
    parser.add_argument("--repeat", type=int, default=1, help="cold builds per configuration; the median is shown")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--no-stock", action="store_true", help="quietpress only (quick iterations)")
    args = parser.parse_args(argv)

    make_corpus, anchor = args.shared / MAKE_CORPUS, args.shared / ANCHOR_SETTINGS
    if not make_corpus.is_file() or not anchor.is_file():
        print(f"bench-build: skipped: {make_corpus} or {anchor} not found (the shared folder is absent)")
        return 0
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    work = args.work.resolve()
    work.mkdir(parents=True, exist_ok=True)
    stock_pelican = None if args.no_stock else stock_environment(work / "stock-venv")
    ours = [str(Path(sys.executable).with_name("pelican"))]

    rows: dict[int, dict[str, Run]] = {}
    pair_ratios: dict[int, list[float]] = {}
    for size in sizes:
        corpus_yaml = corpus(make_corpus, work, size, "yaml", args.seed)
        builds = {"quietpress": (work / "out" / f"quietpress-{size}", work / "cache" / f"quietpress-{size}",
                                 lambda out, cache: ours + ["-q", str(corpus_yaml.parent), "-o", str(out), "-s",
                                                            str(ROOT / "pelicanconf.py"), "--cache-path", str(cache)])}
        if stock_pelican is not None:
            corpus_stock = corpus(make_corpus, work, size, "pelican", args.seed)
            builds = {"stock": (work / "out" / f"stock-{size}", None,
                                lambda out, cache: [stock_pelican, "-q", str(corpus_stock), "-o", str(out), "-s",
                                                    str(anchor.resolve())]), **builds}
        runs = interleaved_cold_builds(args.repeat, builds)
        rows[size] = {name: median(name_runs) for name, name_runs in runs.items()}
        for name in runs:
            print(f"  {name:<15} {size:>6} articles: {describe(rows[size][name])}", flush=True)
        if "stock" in runs:
            pair_ratios[size] = [a.seconds / b.seconds for a, b in zip(runs["stock"], runs["quietpress"])]
            print(f"  {'':<15} {size:>6} articles: stock / quietpress in each pair of builds: "
                  + ", ".join(f"{r:.2f}x" for r in pair_ratios[size]), flush=True)

    print_table(rows, pair_ratios)
    largest = max(sizes)
    rebuilds(make_corpus, work, largest, args.seed, ours, rows[largest]["quietpress"])
    return 0


def stock_environment(venv: Path) -> str:
    """Path of stock Pelican's command in its own virtualenv, created on first use."""
    pelican = venv / "bin" / "pelican"
    if not pelican.exists():
        print(f"bench-build: creating {venv} with {' '.join(STOCK_PACKAGES)} ...", flush=True)
        subprocess.run([sys.executable, "-m", "venv", "--clear", str(venv)], check=True)
        subprocess.run([str(venv / "bin" / "python"), "-m", "pip", "install", "-q", *STOCK_PACKAGES], check=True)
    return str(pelican)


def corpus(make_corpus: Path, work: Path, size: int, form: str, seed: int) -> Path:
    """The folder of `size` generated articles in `form` (quietpress reads content/articles/)."""
    base = work / "corpus" / f"{form}-{size}-seed{seed}"
    folder = base / "articles" if form == "yaml" else base
    if not folder.is_dir() or len(os.listdir(folder)) != size:
        shutil.rmtree(base, ignore_errors=True)
        subprocess.run([sys.executable, str(make_corpus), str(folder), "--articles", str(size), "--format", form,
                        "--seed", str(seed)], check=True, stderr=subprocess.DEVNULL)
    return folder


def interleaved_cold_builds(repeat: int, builds: dict[str, tuple[Path, Path | None, Any]]) -> dict[str, list[Run]]:
    """`repeat` rounds of one cold build of each configuration in turn (stock Pelican, then
    quietpress), each from an empty output and cache folder. Interleaved, the builds of a round
    meet the same machine load, which drifts over minutes on a shared machine.

    The timed builds are not watched (their largest process's peak comes with its exit status);
    the memory of the whole process tree is sampled in one more build of each configuration,
    whose time is not counted: reading the proportional set size makes the kernel walk every
    page of every process of the tree, several milliseconds a process for each sample, which took
    CPU from the build it measured, more from a build of several processes than from one."""
    runs: dict[str, list[Run]] = {name: [] for name in builds}
    for round_number in range(repeat + 1):
        for name, (out, cache, command) in builds.items():
            shutil.rmtree(out, ignore_errors=True)
            if cache is not None:
                shutil.rmtree(cache, ignore_errors=True)
            if round_number < repeat:
                runs[name].append(measure(command(out, cache), out))
            else:
                tree_mb = measure(command(out, cache), out, sample=True).tree_mb
                runs[name] = [dataclasses.replace(run, tree_mb=tree_mb) for run in runs[name]]
    return runs


def median(runs: list[Run]) -> Run:
    """The run of median time (the lower middle one of an even count)."""
    return sorted(runs, key=lambda r: r.seconds)[(len(runs) - 1) // 2]


def measure(command: list[str], out: Path, sample: bool = False) -> Run:
    """Run one build; time it, size its output and, with `sample`, sample its process tree's memory."""
    with tempfile.TemporaryFile("w+") as log:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=log)
        peak = [0]
        done = threading.Event()
        sampler = threading.Thread(target=sample_tree_pss, args=(process.pid, peak, done), daemon=True)
        if sample:
            sampler.start()
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        done.set()
        if sample:
            sampler.join()
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode != 0:
            log.seek(0)
            raise SystemExit(f"bench-build: build failed ({' '.join(command)}):\n{log.read()[-3000:]}")
    files, pages, size = output_size(out)
    return Run(seconds, peak[0] / 1024, usage.ru_maxrss / 1024, files, pages, size / 1e6)


def sample_tree_pss(pid: int, peak: list[int], done: threading.Event) -> None:
    """Keep peak[0] at the largest summed PSS (kB) of `pid` and its descendants seen so far."""
    while not done.is_set():
        total = sum(pss_kb(p) for p in process_tree(pid))
        peak[0] = max(peak[0], total)
        done.wait(SAMPLE_SECONDS)


def process_tree(root: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as handle:
                    parent = int(handle.read().rsplit(")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                continue
            children.setdefault(parent, []).append(int(entry))
    tree, todo = [], [root]
    while todo:
        pid = todo.pop()
        tree.append(pid)
        todo.extend(children.get(pid, []))
    return tree


def pss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup") as handle:
            for line in handle:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def output_size(out: Path) -> tuple[int, int, int]:
    files = pages = size = 0
    for folder, _, names in os.walk(out):
        for name in names:
            files += 1
            pages += name.endswith(".html")
            size += os.path.getsize(os.path.join(folder, name))
    return files, pages, size


def snapshot(out: Path) -> dict[str, tuple[int, int, int]]:
    """Each output file's (inode, mtime, ctime): a rewrite changes at least one of them."""
    state = {}
    for folder, _, names in os.walk(out):
        for name in names:
            path = os.path.join(folder, name)
            info = os.stat(path)
            state[os.path.relpath(path, out)] = (info.st_ino, info.st_mtime_ns, info.st_ctime_ns)
    return state


def describe(run: Run) -> str:
    return (f"{run.seconds:7.2f} s, tree {run.tree_mb:6.1f} MB, max RSS {run.max_rss_mb:6.1f} MB, "
            f"{run.files} files ({run.pages} pages), {run.megabytes:.1f} MB")


def print_table(rows: dict[int, dict[str, Run]], pair_ratios: dict[int, list[float]]) -> None:
    print("\nCold builds (empty output and cache):")
    print(f"{'articles':>8} {'build':<11} {'wall s':>8} {'s/1k art':>8} {'tree MB':>8} {'maxRSS MB':>9} "
          f"{'files':>7} {'pages':>7} {'MB out':>7} {'kB/art':>7}")
    for size, runs in rows.items():
        for name, run in runs.items():
            print(f"{size:>8} {name:<11} {run.seconds:8.2f} {1000 * run.seconds / size:8.2f} {run.tree_mb:8.1f} "
                  f"{run.max_rss_mb:9.1f} {run.files:>7} {run.pages:>7} {run.megabytes:7.1f} "
                  f"{1000 * run.megabytes / size:7.1f}")
    if all("stock" in runs for runs in rows.values()):
        print("\nRatios (stock / quietpress for time; quietpress / stock for memory and size):")
        for size, runs in rows.items():
            stock, ours = runs["stock"], runs["quietpress"]
            pairs = sorted(pair_ratios[size])
            print(f"{size:>8}: {stock.seconds / ours.seconds:5.2f}x faster (medians; pairs of builds "
                  f"{pairs[0]:.2f}x to {pairs[-1]:.2f}x); memory tree {ours.tree_mb / stock.tree_mb:4.2f}x, "
                  f"max RSS {ours.max_rss_mb / stock.max_rss_mb:4.2f}x; output per article "
                  f"{ours.megabytes / stock.megabytes:4.2f}x")
    sizes = sorted(rows)
    if len(sizes) > 1:
        small, large = sizes[0], sizes[-1]
        print(f"\nGrowth from {small} to {large} articles ({large / small:.0f}x the articles):")
        for name in rows[small]:
            a, b = rows[small][name], rows[large][name]
            print(f"  {name:<11} time {b.seconds / a.seconds:5.2f}x, memory tree {b.tree_mb / a.tree_mb:5.2f}x, "
                  f"max RSS {b.max_rss_mb / a.max_rss_mb:5.2f}x")
    if 5000 in rows:
        print(f"\nHugo reference at 5000 articles: {HUGO_5000_SECONDS} s (shared bench README); "
              f"quietpress {rows[5000]['quietpress'].seconds:.2f} s = {rows[5000]['quietpress'].seconds / HUGO_5000_SECONDS:.2f}x Hugo's time")


def rebuilds(make_corpus: Path, work: Path, size: int, seed: int, ours: list[str], cold: Run) -> None:
    """Rebuild the largest archive in place: unchanged, one article added, one article edited."""
    content = corpus(make_corpus, work, size, "yaml", seed)
    out, cache = work / "out" / f"quietpress-{size}", work / "cache" / f"quietpress-{size}"
    command = ours + ["-q", str(content.parent), "-o", str(out), "-s", str(ROOT / "pelicanconf.py"),
                      "--cache-path", str(cache)]
    extra = work / "corpus" / f"extra-{size + 1}"
    shutil.rmtree(extra, ignore_errors=True)
    subprocess.run([sys.executable, str(make_corpus), str(extra), "--articles", str(size + 1), "--seed", str(seed)],
                   check=True, stderr=subprocess.DEVNULL)
    new = sorted(set(os.listdir(extra)) - set(os.listdir(content)))
    edited = content / sorted(os.listdir(content))[0]
    original = edited.read_bytes()
    added = content / new[0] if new else None
    print(f"\nquietpress rebuilds at {size} articles (cold build above: {cold.seconds:.2f} s):")
    try:
        steps = [("no change", lambda: None),
                 ("one article added", lambda: shutil.copy(extra / new[0], content / new[0])),
                 ("one article edited", lambda: edited.write_bytes(
                     original + b"\nA paragraph added after the article was first published.\n"))]
        for label, change in steps:
            change()
            before = snapshot(out)
            run = measure(command, out)
            after = snapshot(out)
            rewritten = sum(1 for path, state in after.items() if before.get(path) != state)
            removed = len(set(before) - set(after))
            print(f"  {label:<20} {run.seconds:7.2f} s ({run.seconds / cold.seconds:5.1%} of cold), "
                  f"max RSS {run.max_rss_mb:6.1f} MB, {rewritten} files written or created, {removed} removed, "
                  f"{len(after) - rewritten} untouched")
    finally:
        edited.write_bytes(original)
        if added is not None:
            added.unlink(missing_ok=True)
        shutil.rmtree(extra, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
