"""Merge the content folders of a sharded import (`--shard K/N`) into one.

Each part's manifest says, for every article file, the capture it came from, the captures it
stands for and the images it uses. The articles become candidates again and go through the same
grouping and writing as an import (store.py): duplicates across parts fold into one article, the
newest capture wins, slugs are handed out as one unsharded import would, and images, named by
their hash, are copied once.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable, Iterator

from quietpress.dedupe import CaptureRef
from quietpress.errors import FrontMatterError
from quietpress.frontmatter import split_front_matter
from quietpress.model import Outcome, Status
from quietpress.pipeline import Prepared, Summary, make_entry, render_article_file
from quietpress.store import ARTICLE_NAME, write_prepared
from quietpress.write import Manifest, PathEscapeError, image_name, import_lock, inside, remove_stale_temporaries


class ForeignFileError(ValueError):
    """A part's manifest names a file an import never writes there."""


def merge_parts(parts: Iterable[Path], target: Path, force: bool = False) -> Summary:
    """Write the articles of every part folder into `target`; returns what happened to each."""
    summary = Summary()
    with import_lock(target):
        remove_stale_temporaries(target)
        candidates: list[Prepared] = []
        for part in parts:
            for item in read_part(part):
                (candidates if isinstance(item, Prepared) else summary.outcomes).append(item)
        candidates.sort(key=lambda p: p.source)
        summary.outcomes.extend(write_prepared(candidates, target, force))
    summary.outcomes.sort(key=lambda o: o.source)
    return summary


def read_part(part: Path) -> Iterator[Prepared | Outcome]:
    """Yield one candidate per article file a part's manifest lists, or a failed Outcome."""
    manifest = Manifest(part)
    for relative, record in sorted(manifest.files.items()):
        where = f"{part.name}/{relative}"
        if "capture" not in record:
            yield Outcome(where, Status.FAILED, reason="manifest entry names no capture: skipped")
            continue
        if not ARTICLE_NAME.fullmatch(relative):
            # An import writes articles under articles/ only: `pages/evil.md` was published as a page.
            yield Outcome(where, Status.FAILED, reason="not an article file an import writes: skipped")
            continue
        try:
            yield _candidate(part, relative, record)
        except (OSError, UnicodeDecodeError, FrontMatterError, PathEscapeError, ForeignFileError) as error:
            yield Outcome(where, Status.FAILED, reason=f"cannot read the part's article ({error}): skipped")


def _candidate(part: Path, relative: str, record: dict) -> Prepared:
    text = inside(part, relative).read_text(encoding="utf-8")
    metadata, body, _ = split_front_matter(text, relative)
    metadata.pop("captures", None)
    # The file is `front matter + "\n" + Markdown`, as render_article_file writes it.
    markdown = body[1:] if body.startswith("\n") else body
    images = {name: _image(part, name) for name in record.get("images", [])}
    ref = CaptureRef.from_item(record["capture"])
    source = f"{ref.path}#{ref.record_id}" if ref.record_id else ref.path
    return Prepared(source=source, entry=make_entry(metadata, markdown, images), identities=tuple(record["identities"]),
                    ref=ref, data=render_article_file(metadata, markdown),
                    earlier=tuple(CaptureRef.from_item(i) for i in record.get("captures", [])))


def _image(part: Path, name: object) -> bytes:
    """Return the bytes of an image a part's manifest lists; raises ForeignFileError unless they
    are an image named by their own hash, as an import writes it (`images/<sha256>.<ext>`)."""
    data = inside(part, str(name)).read_bytes()
    if image_name(data) != name:
        raise ForeignFileError(f"{name!r} is not an image named by its hash")
    return data
