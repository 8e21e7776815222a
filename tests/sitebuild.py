"""The sample archive built once per test session, for the page, link and browser tests.

The archive is the hand-written articles in `tests/site_sample/` (known metadata, a hostile one,
an undated one), built with Pelican into a temporary folder. Two builds: the local one (`make html`: no SITEURL) and the published one
(`make publish SITEURL=https://example.org/archive`: a sub-path, feeds and sitemap).
"""

from __future__ import annotations

import atexit
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = Path(__file__).resolve().parent / "site_sample"
PUBLISHED_SITEURL = "https://example.org/archive"
# One article in full per list, so the sample's handful still fills the one-line lists of older articles.
LATEST = 1

_builds: dict[str, "Build"] = {}


@dataclass(frozen=True)
class Build:
    content: Path
    output: Path
    log: str

    def articles(self) -> list[tuple[Path, dict]]:
        """(Markdown file, front matter) of every article that went into the build."""
        found = []
        for path in sorted((self.content / "articles").rglob("*.md")):
            text = path.read_text(encoding="utf-8")
            found.append((path, yaml.safe_load(text.split("---\n")[1]) or {}))
        return found


def _content(base: Path) -> Path:
    content = base / "content"
    # Only the hand-written sample: its counts, dates and names are what the tests pin. The bundled
    # archive in content/ is built end to end by test_build_e2e.py.
    for source in (SAMPLE,):
        for folder in ("articles", "images", "pages"):
            if (source / folder).is_dir():
                shutil.copytree(source / folder, content / folder, dirs_exist_ok=True)
    return content


def built(variant: str = "local") -> Build:
    """The sample archive built as `make html` ("local") or `make publish` ("published"), cached."""
    if variant in _builds:
        return _builds[variant]
    base = Path(tempfile.mkdtemp(prefix=f"quietpress-site-{variant}-"))
    atexit.register(shutil.rmtree, base, ignore_errors=True)
    content, output = _content(base), base / "output"
    env = {**os.environ, "TZ": "UTC", "LC_ALL": "C.UTF-8", "SOURCE_DATE_EPOCH": "1700000000"}
    settings = ROOT / "pelicanconf.py"
    if variant == "published":
        env["SITEURL"] = PUBLISHED_SITEURL
        settings = ROOT / "publishconf.py"
    result = subprocess.run(
        [str(Path(sys.executable).parent / "pelican"), str(content), "-o", str(output), "-s", str(settings),
         "--cache-path", str(base / "cache"), "-e", f"QUIETPRESS_LATEST_ARTICLES={LATEST}"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    log = result.stdout + result.stderr
    if result.returncode != 0 or "ERROR" in log or "CRITICAL" in log:
        raise AssertionError(f"pelican build of the sample ({variant}) failed:\n{log}")
    _builds[variant] = Build(content=content, output=output, log=log)
    return _builds[variant]
