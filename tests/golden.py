"""Golden files: each tests/corpus/<case>/ holds one capture and the Markdown it must import to.

Accepting a change is deliberate: `make golden` rewrites the expected files; review the diff.
Each case may also hold `must_contain.txt` and `must_not_contain.txt`, one line each.
"""

from __future__ import annotations

from pathlib import Path

from quietpress.capture import read_capture_file
from quietpress.extract.profiles import Profiles, load_profiles
from quietpress.pipeline import Prepared, prepare_capture, render_article_file

EXPECTED = "expected.md"
NOTE_FILES = {EXPECTED, "must_contain.txt", "must_not_contain.txt", "NOTE.md", "profiles"}


def capture_file(case: Path) -> Path:
    files = [p for p in sorted(case.iterdir()) if p.name not in NOTE_FILES]
    assert len(files) == 1, f"{case}: expected one capture file, found {[p.name for p in files]}"
    return files[0]


def import_case(case: Path, profiles: Profiles | None = None) -> tuple[Prepared, str]:
    """Return the prepared article and the Markdown file text a case's capture imports to."""
    if profiles is None:
        profiles = load_profiles(case / "profiles")
    captures = list(read_capture_file(case, capture_file(case)))
    assert len(captures) == 1 and not isinstance(captures[0], Exception), captures
    prepared = prepare_capture(captures[0], profiles)
    return prepared, render_article_file(dict(prepared.entry.metadata), prepared.entry.markdown).decode("utf-8")


def lines_of(path: Path) -> list[str]:
    if not path.exists():
        return []
    return [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
