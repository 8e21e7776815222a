"""Browser "save page as, complete" pages: `page.html` beside a `page_files/` folder of resources.

The folder's images become the page's assets, keyed by their path relative to the page (as the
saved HTML refers to them, e.g. `page_files/photo.jpg`), so the article keeps them offline.
"""

from __future__ import annotations

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
    if folder is None:
        return {}
    assets: dict[str, bytes] = {}
    for path in sorted(folder.rglob("*"))[:MAX_ASSETS]:
        if path.is_file() and not path.is_symlink() and path.stat().st_size <= MAX_ASSET_BYTES:
            relative = path.relative_to(page.parent).as_posix()
            assets[relative] = path.read_bytes()
    return assets
