"""Browser "save page as, complete" pages: `page.html` beside a `page_files/` folder of resources.

The folder's images become the page's assets, keyed by their path relative to the page (as the
saved HTML refers to them, e.g. `page_files/photo.jpg`), so the article keeps them offline.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

# Folder suffixes browsers use for a saved page's resources (Chrome/Firefox in several languages).
ASSET_FOLDER_SUFFIXES = ("_files", "-files", "_archivos", "-Dateien", "_fichiers")
# Enough for every image of a long photo essay; a folder bigger than this is not one page's.
MAX_ASSETS = 500
MAX_ASSET_BYTES = 20 * 1024 * 1024


def asset_folder(page: Path) -> Path | None:
    """Return the `<stem>_files` folder saved with an HTML page, or None when there is none."""
    stem = page.name.removesuffix(".gz").rsplit(".", 1)[0]
    for suffix in ASSET_FOLDER_SUFFIXES:
        folder = page.parent / f"{stem}{suffix}"
        if folder.is_dir():
            return folder
    return None


def is_asset_folder(parent: Path, name: str, files: list[str]) -> bool:
    """True when folder `name` in `parent` holds the resources of a saved page listed in `files`."""
    for suffix in ASSET_FOLDER_SUFFIXES:
        if name.endswith(suffix):
            stem = name[: -len(suffix)]
            return any(f.startswith(stem + ".") for f in files)
    return False


def read_assets(page: Path) -> dict[str, bytes]:
    """Return the bytes of the saved page's resources by path relative to the page's folder."""
    folder = asset_folder(page)
    if folder is None or folder.is_symlink():
        # A `page_files` linked to ~/Pictures published that folder's pictures: a saved page's
        # resources are the files saved with it, never what a link leads to, at any level.
        return {}
    assets: dict[str, bytes] = {}
    for path in _regular_files(folder)[:MAX_ASSETS]:
        if path.stat().st_size <= MAX_ASSET_BYTES:
            relative = path.relative_to(page.parent).as_posix()
            assets[relative] = path.read_bytes()
    return assets


def _regular_files(folder: Path) -> list[Path]:
    """Return the regular files under `folder`, in a stable order, without following any link
    (a linked file or folder is left out) or opening a pipe or device."""
    found = []
    for parent, dirs, files in os.walk(folder, followlinks=False):
        dirs[:] = [d for d in dirs if not os.path.islink(os.path.join(parent, d))]
        for name in files:
            path = Path(parent, name)
            if stat.S_ISREG(path.lstat().st_mode):
                found.append(path)
    return sorted(found)
