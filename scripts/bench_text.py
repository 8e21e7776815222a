"""Score the text-dump extractor on real pages: each HTML page of the shared corpus is dumped with
w3m (as a text-browser capture would be) and extracted by quietpress's text path.

    .venv/bin/python scripts/bench_text.py --shared ../shared [--cols 80]

Needs the `w3m` binary and ../shared (corpora/scrapinghub, bench/score_extraction.py); skips with a
message when either is absent. Prints the scorer's table (precision, recall, F1 of body shingles).
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from quietpress.extract.profiles import Profiles
from quietpress.extract.text import extract_text_article
from quietpress.model import Capture, CaptureKind, Document


def dump_page(html: bytes, cols: int) -> str:
    result = subprocess.run(["w3m", "-dump", "-T", "text/html", "-cols", str(cols), "-O", "UTF-8"],
                            input=html, capture_output=True, timeout=60, check=False)
    return result.stdout.decode("utf-8", "replace")


def body_text(html: str) -> str:
    return re.sub(r"<[^>]+>", " ", html)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--cols", type=int, default=80, help="w3m wrap width (10000 for unwrapped dumps)")
    parser.add_argument("--keep", type=Path, default=None, help="folder to keep the dumps in")
    args = parser.parse_args()
    corpus = args.shared / "corpora" / "scrapinghub"
    scorer = args.shared / "bench" / "score_extraction.py"
    if not corpus.is_dir() or not scorer.is_file():
        print(f"bench_text: {corpus} or {scorer} not found: skipped", file=sys.stderr)
        return 0
    if shutil.which("w3m") is None:
        print("bench_text: w3m not installed (apt-get install w3m): skipped", file=sys.stderr)
        return 0
    predictions: dict[str, dict[str, str]] = {}
    for path in sorted((corpus / "html").glob("*.html.gz")):
        item = path.name.split(".")[0]
        dump = dump_page(gzip.decompress(path.read_bytes()), args.cols)
        if args.keep:
            args.keep.mkdir(parents=True, exist_ok=True)
            (args.keep / f"{item}.txt").write_text(dump, encoding="utf-8")
        capture = Capture(source=path.name, path=path, kind=CaptureKind.TEXT, payload=dump.encode(), sha256="")
        try:
            article = extract_text_article(Document(capture, dump, "utf-8"), Profiles.empty())
            predictions[item] = {"articleBody": body_text(article.body_html)}
        except Exception as error:  # a benchmark reports every page, even one that crashes
            print(f"{path.name}: {type(error).__name__}: {error}", file=sys.stderr)
            predictions[item] = {"articleBody": ""}
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as out:
        json.dump(predictions, out)
    return subprocess.call([sys.executable, str(scorer), str(corpus / "ground-truth.json"), out.name,
                            "--bootstrap", "200", "--worst", "8"])


if __name__ == "__main__":
    sys.exit(main())
