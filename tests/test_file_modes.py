"""Files the importer writes get the mode any other tool would give them: 0666 less the umask."""

from __future__ import annotations

import os
import stat
import subprocess
import sys

import pytest

from build import ROOT
from captures import Page, png, write_saved_page


@pytest.mark.parametrize("umask", [0o022, 0o027, 0o077], ids=["022", "027", "077"])
def test_imported_articles_manifest_and_images_follow_the_umask(tmp_path, umask):
    captures, content = tmp_path / "captures", tmp_path / "content"
    captures.mkdir()
    write_saved_page(captures, "quay", Page(title="Quay wall repairs begin", url="https://harbour.example/quay"),
                     png((10, 120, 60), 8))
    # In a child process, as a person runs it: the umask is read when the writer is imported.
    done = subprocess.run([sys.executable, "-m", "quietpress", "import", str(captures), "--into", str(content),
                           "--quiet", "--jobs", "1"], cwd=ROOT, capture_output=True, text=True, timeout=300,
                          preexec_fn=lambda: os.umask(umask))
    assert done.returncode == 0, done.stderr
    written = [p for p in content.rglob("*") if p.is_file()]
    kinds = {p.suffix for p in written}
    assert {".md", ".json"} <= kinds and len(kinds) >= 3, kinds  # articles, manifest, an image
    modes = {p.relative_to(content).as_posix(): oct(stat.S_IMODE(p.stat().st_mode)) for p in written}
    assert set(modes.values()) == {oct(0o666 & ~umask)}, modes
