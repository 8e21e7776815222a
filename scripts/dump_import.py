"""Dump what the importer makes of every page of the shared corpora, to compare two versions.

    python scripts/dump_import.py --shared ../shared --out before.json [--split tune|held-out] [--profile FILE]
    python scripts/dump_import.py --compare before.json after.json

Each page (all 181 of scrapinghub, all 1,358 of wcxb-dev, whatever their page type) goes through
`prepare_capture` as an import with --jobs 1 runs it; the dump keeps the article file (front matter
and Markdown body), the page type and its reason, or the error. A change meant to leave the output
alone is checked by comparing the dumps taken before and after it: `--compare` lists the pages
that differ and exits 1 when any does. `--profile` writes cProfile statistics of the run.
"""

from __future__ import annotations

import argparse
import cProfile
import gzip
import hashlib
import json
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

from quietpress.errors import QuietpressError
from quietpress.extract.profiles import Profiles
from quietpress.model import Capture, CaptureKind
from quietpress.pipeline import prepare_capture

SCRAPINGHUB = Path("corpora/scrapinghub")
WCXB = Path("corpora/wcxb-dev")


def split_of(domain: str) -> str:
    """The benchmarks' split: "tune" when the SHA-256 of the domain starts with an even byte."""
    name = domain.lower().removeprefix("www.")
    return "tune" if hashlib.sha256(name.encode("utf-8")).digest()[0] % 2 == 0 else "held-out"


def corpus_pages(shared: Path) -> list[tuple[str, str, Path]]:
    """Every page of both corpora as (key, domain, gzipped file)."""
    pages = []
    truth = json.loads((shared / SCRAPINGHUB / "ground-truth.json").read_text(encoding="utf-8"))
    for page_id in sorted(truth):
        domain = urlsplit(truth[page_id].get("url") or "").hostname or page_id
        pages.append((f"scrapinghub/{page_id}", domain, shared / SCRAPINGHUB / "html" / f"{page_id}.html.gz"))
    files = json.loads((shared / WCXB / "metadata.json").read_text(encoding="utf-8"))["files"]
    for page_id, info in sorted(files.items()):
        pages.append((f"wcxb-dev/{page_id}", info["domain"], shared / WCXB / "html" / f"{page_id}.html.gz"))
    return pages


def import_page(path: Path, profiles: Profiles) -> dict[str, str]:
    payload = gzip.decompress(path.read_bytes())
    capture = Capture(source=path.name, path=path, kind=CaptureKind.HTML, payload=payload,
                      sha256=hashlib.sha256(payload).hexdigest())
    try:
        prepared = prepare_capture(capture, profiles)
    except QuietpressError as error:
        return {"error": f"{error.problem}: {error.action}"}
    return {"file": prepared.data.decode("utf-8"), "page": prepared.page, "reason": prepared.page_reason}


def dump(shared: Path, out: Path, split: str | None, profile: Path | None) -> int:
    pages = [(key, file) for key, domain, file in corpus_pages(shared) if split in (None, split_of(domain))]
    profiles = Profiles.empty()
    profiler = cProfile.Profile() if profile else None
    results = {}
    started = time.perf_counter()
    if profiler:
        profiler.enable()
    for key, file in pages:
        results[key] = import_page(file, profiles)
    if profiler:
        profiler.disable()
        profiler.dump_stats(str(profile))
    seconds = time.perf_counter() - started
    out.write_text(json.dumps(results, ensure_ascii=False, indent=0, sort_keys=True), encoding="utf-8")
    print(f"{len(pages)} pages in {seconds:.1f} s ({len(pages) / seconds:.1f} pages/s) -> {out}")
    return 0


def compare(before: Path, after: Path) -> int:
    old = json.loads(before.read_text(encoding="utf-8"))
    new = json.loads(after.read_text(encoding="utf-8"))
    changed = sorted(key for key in old.keys() | new.keys() if old.get(key) != new.get(key))
    for key in changed:
        fields = sorted(name for name in (old.get(key) or {}).keys() | (new.get(key) or {}).keys()
                        if (old.get(key) or {}).get(name) != (new.get(key) or {}).get(name))
        print(f"{key}: {', '.join(fields)} differ")
    print(f"{len(changed)} of {len(old.keys() | new.keys())} pages differ")
    return 1 if changed else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=Path("../shared"), help="the shared folder (default ../shared)")
    parser.add_argument("--out", type=Path, help="write the dump here")
    parser.add_argument("--split", choices=("tune", "held-out"), help="one part of each corpus only")
    parser.add_argument("--profile", type=Path, help="write cProfile statistics here")
    parser.add_argument("--compare", nargs=2, type=Path, metavar=("BEFORE", "AFTER"), help="compare two dumps")
    args = parser.parse_args(argv)
    if args.compare:
        return compare(*args.compare)
    if not args.out:
        parser.error("--out or --compare is required")
    if not (args.shared / WCXB / "metadata.json").is_file():
        print(f"dump-import: skipped: corpora not found under {args.shared}")
        return 0
    return dump(args.shared, args.out, args.split, args.profile)


if __name__ == "__main__":
    sys.exit(main())
