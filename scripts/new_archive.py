"""Create an archive of one's own (the folder layout is in quietpress/site/archive_folder.py).

    python scripts/new_archive.py FOLDER [--name "Harbour news"]

`make archive ARCHIVE=FOLDER SITENAME=...` runs this; the other make targets, given the same
ARCHIVE, then import into and build from that folder.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from quietpress.errors import QuietpressError
from quietpress.site.archive_folder import create_archive

EXAMPLE_PROFILE = Path(__file__).resolve().parent.parent / "sites" / "example-gazette.yaml"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="the archive's folder (made if missing; kept if it exists)")
    parser.add_argument("--name", default="News archive", help="the archive's name, shown on every page")
    args = parser.parse_args(argv)
    try:
        created = create_archive(args.folder.expanduser(), args.name, EXAMPLE_PROFILE)
    except QuietpressError as error:
        print(error, file=sys.stderr)
        return 1
    for path in created.written:
        print(f"wrote {path}")
    print(f"{created.folder}: archive ready. Put captures in {created.folder / 'captures'}, then: make import, make html")
    return 0


if __name__ == "__main__":
    sys.exit(main())
