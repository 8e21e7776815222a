"""An archive of one's own: a folder holding its captures, content, site profiles, output and name.

`make archive ARCHIVE=<folder> SITENAME=<name>` creates the folder; every other target given the
same ARCHIVE (as a variable or exported) imports into and builds from it, never from the sample
in the repository's `content/`. The folder looks like this:

    archive.yaml    the archive's own Pelican settings (SITENAME, and any other you add)
    captures/       where `make import` looks for captures by default
    content/        the Markdown the importer writes
    sites/          site profiles for this archive's captures (an example to copy from)
    output/         the built site (`make html`, `make publish`)
    cache/          what a build keeps for the next one (safe to delete)

pelicanconf.py reads `archive.yaml` when the Makefile names the folder in QUIETPRESS_ARCHIVE.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from quietpress.errors import QuietpressError

SETTINGS_FILE = "archive.yaml"
FOLDERS = ("captures", "content/articles", "sites")
# A Pelican setting's name: what pelicanconf.py would accept as a module-level setting.
SETTING_NAME = re.compile(r"[A-Z][A-Z0-9_]*$")
# Settings a folder's archive.yaml may not set: where things are read from and written to is the
# folder's layout (the Makefile passes it), and the plugins and theme are quietpress's own.
FIXED = {"PATH", "OUTPUT_PATH", "CACHE_PATH", "THEME", "PLUGINS", "PLUGIN_PATHS"}


@dataclass(frozen=True)
class Created:
    """What create_archive made: the folder, and the paths it wrote (left alone when already there)."""

    folder: Path
    written: tuple[Path, ...]


def create_archive(folder: Path, sitename: str, example_profile: Path | None = None) -> Created:
    """Make the folders of an archive and its archive.yaml; keep whatever is already there.

    Raises QuietpressError when `folder` is a file or an existing archive.yaml is not valid.

    >>> create_archive(Path("/tmp/news"), "Harbour news").folder    # doctest: +SKIP
    PosixPath('/tmp/news')
    """
    if folder.exists() and not folder.is_dir():
        raise QuietpressError(str(folder), "is a file, not a folder", "no archive created")
    written: list[Path] = []
    for name in FOLDERS:
        (folder / name).mkdir(parents=True, exist_ok=True)
    settings = folder / SETTINGS_FILE
    if settings.exists():
        archive_settings(folder)  # an existing archive is kept, but only if its settings read
    else:
        header = ("# This archive's own settings, read by quietpress's pelicanconf.py (any Pelican setting,\n"
                  "# in capitals; where content and output live comes from the folder's layout).\n")
        settings.write_text(header + yaml.safe_dump({"SITENAME": sitename}, allow_unicode=True, sort_keys=False),
                            encoding="utf-8")
        written.append(settings)
    if example_profile is not None and example_profile.is_file():
        copy = folder / "sites" / example_profile.name
        if not copy.exists():
            shutil.copyfile(example_profile, copy)
            written.append(copy)
    return Created(folder, tuple(written))


def archive_settings(folder: str | Path) -> dict[str, Any]:
    """The settings of an archive folder's archive.yaml (none when it has no such file).

    Raises QuietpressError naming the file and the key when the file is not a mapping of settings.
    """
    path = Path(folder) / SETTINGS_FILE
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        raise QuietpressError(str(path), f"cannot read the archive's settings ({error})", "build stopped") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise QuietpressError(str(path), "expected settings such as 'SITENAME: My archive'", "build stopped")
    for key in data:
        if not isinstance(key, str) or not SETTING_NAME.match(key):
            raise QuietpressError(str(path), f"{key!r} is not a Pelican setting (names are in capitals)",
                                  "build stopped")
        if key in FIXED:
            raise QuietpressError(str(path), f"{key} is set by the archive's layout, not here", "build stopped")
    return data
