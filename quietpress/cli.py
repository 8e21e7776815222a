"""The `quietpress` command: arguments, progress, summary, exit status. The only module that prints."""

from __future__ import annotations

import argparse
import signal
from collections import Counter
import sys
from pathlib import Path

from quietpress import __version__
from quietpress.errors import QuietpressError
from quietpress.model import Status
from quietpress.capture.jsonl import ROLES
from quietpress.pipeline import ImportOptions, Summary, run_import
from quietpress.store import DISK_FULL

# More failures than this sharing one reason are reported as one line with a count.
FAILURES_LISTED = 20
SUMMARY_ORDER = (Status.IMPORTED, Status.UPDATED, Status.UNCHANGED, Status.DUPLICATE, Status.KEPT, Status.FAILED,
                 Status.NOT_ARTICLE)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="quietpress", description="Turn folders of news captures into a quiet static archive.")
    parser.add_argument("--version", action="version", version=f"quietpress {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)
    importer = commands.add_parser(
        "import", help="import captures (HTML, gzipped HTML, text, WARC, JSON Lines, saved pages) as Markdown articles",
        description="Find every capture under SRC (recursively) and write one Markdown file per article under --into.")
    importer.add_argument("sources", nargs="+", type=Path, metavar="SRC", help="capture files or folders")
    importer.add_argument("--into", type=Path, default=Path("content"), help="content folder to write into (default: content)")
    importer.add_argument("--jobs", type=_jobs, default=0, help="worker processes (default: all cores)")
    importer.add_argument("--shard", type=_shard, default=None, metavar="K/N",
                          help="import only shard K of N (1-based): a stable part of the captures, for splitting over machines")
    importer.add_argument("--force", action="store_true", help="overwrite articles edited by hand since they were written")
    importer.add_argument("--field", type=_field, action="append", default=[], metavar="ROLE=NAME",
                          help="name a field of JSON/JSON Lines exports, e.g. --field html=body --field url=link "
                               f"(roles: {', '.join(ROLES)})")
    importer.add_argument("--sites", type=Path, default=Path("sites"), help="folder of site profiles (default: sites)")
    importer.add_argument("--keep-non-articles", action="store_true",
                          help="import section fronts, listings, product pages and forum threads too (skipped by default)")
    importer.add_argument("--quiet", action="store_true", help="no progress bar")
    importer.add_argument("--debug", action="store_true", help="show tracebacks")
    merger = commands.add_parser(
        "merge", help="merge content folders written by sharded imports (--shard K/N) into one",
        description="Fold the articles, images and manifests of several content folders into --into, "
                    "exactly as one unsharded import would have written them.")
    merger.add_argument("sources", nargs="+", type=Path, metavar="PART", help="content folders of the shards")
    merger.add_argument("--into", type=Path, default=Path("content"), help="content folder to merge into (default: content)")
    merger.add_argument("--force", action="store_true", help="overwrite articles edited by hand since they were written")
    merger.add_argument("--debug", action="store_true", help="show tracebacks")
    return parser


def _field(text: str) -> tuple[str, str]:
    role, _, name = text.partition("=")
    if role not in ROLES or not name:
        raise argparse.ArgumentTypeError(f"expected ROLE=NAME with ROLE one of {', '.join(ROLES)}, got {text!r}")
    return role, name


def _jobs(text: str) -> int:
    try:
        jobs = int(text)
    except ValueError:
        jobs = -1
    if jobs < 0:
        raise argparse.ArgumentTypeError(f"expected a number of worker processes (0 for all cores), got {text!r}")
    return jobs


def _shard(text: str) -> tuple[int, int]:
    try:
        k, n = (int(x) for x in text.split("/"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected K/N such as 1/4, got {text!r}") from None
    if not 1 <= k <= n:
        raise argparse.ArgumentTypeError(f"shard K/N needs 1 <= K <= N, got {text!r}")
    return k, n


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    # SIGTERM (a scheduler's time limit, `kill`) stops a run as cleanly as Ctrl-C does.
    previous = signal.signal(signal.SIGTERM, _interrupt)
    try:
        if args.command == "import":
            return _import(args)
        if args.command == "merge":
            return _merge(args)
    except (QuietpressError, OSError) as error:
        print(f"quietpress: {error}", file=sys.stderr)
        if args.debug:
            raise
        return 2
    except KeyboardInterrupt:
        print("quietpress: interrupted; nothing half-written is left, run the same command again to finish", file=sys.stderr)
        return 130
    finally:
        signal.signal(signal.SIGTERM, previous)
    return 2


def _import(args: argparse.Namespace) -> int:
    missing = [str(s) for s in args.sources if not s.exists()]
    if missing:
        print(f"quietpress: {missing[0]}: no such file or folder: nothing imported", file=sys.stderr)
        return 2
    options = ImportOptions(target=args.into, jobs=args.jobs, force=args.force, shard=args.shard,
                            profiles_dir=args.sites if args.sites.is_dir() else None, fields=dict(args.field),
                            keep_non_articles=args.keep_non_articles)
    progress = None if args.quiet or not sys.stderr.isatty() else _progress_bar()
    summary = run_import(args.sources, options, progress)
    if progress:
        progress.close()
    _print_summary(summary, args.into)
    return 1 if summary.failed else 0


def _merge(args: argparse.Namespace) -> int:
    from quietpress.merge import merge_parts

    missing = [str(s) for s in args.sources if not s.is_dir()]
    if missing:
        print(f"quietpress: {missing[0]}: no such folder: nothing merged", file=sys.stderr)
        return 2
    summary = merge_parts(args.sources, args.into, args.force)
    _print_summary(summary, args.into)
    return 1 if summary.failed else 0


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


class _progress_bar:
    def __init__(self) -> None:
        from tqdm import tqdm

        self.bar = tqdm(total=0, unit="file", file=sys.stderr, leave=False)

    def __call__(self, done: int, total: int) -> None:
        self.bar.total = total
        self.bar.n = done
        self.bar.refresh()

    def close(self) -> None:
        self.bar.close()


def _print_summary(summary: Summary, target: Path) -> None:
    counts = ", ".join(f"{summary.count(s)} {s.value}" for s in SUMMARY_ORDER)
    print(f"{target}: {counts}")
    for outcome in summary.outcomes:
        if outcome.status is Status.KEPT:
            print(f"  kept {outcome.path}: {outcome.reason or 'edited since it was written'}; use --force to overwrite")
    skipped = Counter((o.reason or "").split(":", 1)[0] for o in summary.outcomes if o.status is Status.NOT_ARTICLE)
    if skipped:
        kinds = ", ".join(f"{count} {kind}" for kind, count in sorted(skipped.items()))
        print(f"  skipped {sum(skipped.values())} pages that are not articles ({kinds}); use --keep-non-articles to import them")
    failures = summary.failed
    reasons: dict[str, list[str]] = {}
    for outcome in failures:
        reasons.setdefault(outcome.reason or "failed", []).append(outcome.source)
    for reason, sources in reasons.items():
        # Thousands of captures failing alike are one problem, and so is a full disk: say it once.
        if len(sources) > FAILURES_LISTED or reason == DISK_FULL:
            print(f"  {len(sources)} captures failed: {reason} (first: {sources[0]})", file=sys.stderr)
        else:
            for source in sources:
                print(f"  {source}: {reason}", file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
