"""Build helpers for end-to-end tests: import captures and build the site into temporary folders."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def run_import(sources: list[Path], content: Path, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "quietpress", "import", *map(str, sources), "--into", str(content), "--quiet", *extra],
        cwd=ROOT, capture_output=True, text=True, timeout=600,
    )


def run_pelican(content: Path, output: Path, settings: Path | None = None, *extra: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "TZ": "UTC", "LC_ALL": "C.UTF-8", "SOURCE_DATE_EPOCH": "1700000000"}
    return subprocess.run(
        # The cache beside the output, not cache/ in the repository: a test leaves the clone as it was.
        [str(BIN / "pelican"), str(content), "-o", str(output), "-s", str(settings or ROOT / "pelicanconf.py"),
         "--cache-path", str(output.parent / "cache"), *extra],
        cwd=ROOT, capture_output=True, text=True, timeout=900, env=env,
    )
