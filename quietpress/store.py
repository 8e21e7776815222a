"""Stage 5c: prepared articles into the content folder, once each, without losing a person's edits.

For each article (a group of captures with a shared identity) the newest capture wins, wherever
it was found: in this batch, or in an earlier import recorded in the manifest. A file whose bytes
differ from what the manifest says was written has been edited by a person and is kept unless
`force`. Files are written atomically and the manifest is saved as the batch goes, so an
interrupted run leaves whole files only and the next run finishes the work.
"""

from __future__ import annotations

import os
import re
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Sequence

from quietpress.dedupe import CaptureRef, group_by_identity, merge_refs
from quietpress.frontmatter import render_front_matter, split_front_matter
from quietpress.errors import FrontMatterError, QuietpressError
from quietpress.model import Outcome, Status
from quietpress.pipeline import Prepared
from quietpress.write import MANIFEST_NAME, Manifest, PathEscapeError, atomic_write, disk_full, inside, unique_slug

# Names the importer itself makes: no `..`, no absolute path, nothing a capture could choose
# beyond letters, digits and dashes.
ARTICLE_NAME = re.compile(r"articles/[A-Za-z0-9_-]{1,16}/[a-z0-9-]{1,120}\.md")
IMAGE_NAME = re.compile(r"images/[0-9a-f]{64}\.[a-z]{3,4}")
OWN_NAME = re.compile(f"{ARTICLE_NAME.pattern}|{IMAGE_NAME.pattern}")
# Save the manifest this often (seconds) while writing. Even a run killed before saving loses
# nothing: the next run finds the files it wrote byte-identical and records them. By time, not by
# count, so a large import does not spend its time rewriting a large manifest.
MANIFEST_SAVE_SECONDS = 30.0
DISK_FULL = "no space left on the device: not written (free some space and run the same command again)"


class Store:
    """The content folder being written: its manifest, and which paths and identities are taken."""

    def __init__(self, target: Path, force: bool) -> None:
        self.target = target
        self.force = force
        self.manifest = Manifest(target)
        self.known = self.manifest.by_identity()
        self.taken = {Path(p).stem for p in self.manifest.files if p.startswith("articles/")}
        self.foreign = self._articles_not_written_by_us()
        # Pelican names an article's page by its file name: a newcomer never takes a hand-written one's.
        self.taken |= {Path(p).stem for p in self.foreign}
        self.folders: dict[str, Path] = {}
        # Set when the file system has no room left: the rest of the batch is not tried.
        self.full = False

    def _articles_not_written_by_us(self) -> set[str]:
        """Return the article files (relative paths) the manifest does not list: written by a person,
        or by a run that stopped before saving the manifest."""
        articles = self.target / "articles"
        if not articles.is_dir():
            return set()
        found = (p.relative_to(self.target).as_posix() for p in articles.rglob("*.md") if p.is_file())
        return {relative for relative in found if relative not in self.manifest.files}

    def path(self, relative: str) -> Path:
        """Return where a file of the content folder goes; raises PathEscapeError outside it.

        The names the importer makes (articles/<year>/<slug>.md, images/<sha256>.<ext>) are
        checked by their shape and their folder resolved once; anything else is resolved whole,
        symlinks and all. Writers replace a file, never write through a link at its name.
        """
        if not OWN_NAME.fullmatch(relative):
            return inside(self.target, relative)
        # Own names cannot climb out; their folder (a symlink elsewhere?) is resolved once.
        folder = relative.rsplit("/", 1)[0]
        if folder not in self.folders:
            self.folders[folder] = inside(self.target, folder)
        return self.folders[folder] / relative.rsplit("/", 1)[1]

    def _holds(self, relative: str, data: bytes) -> bool:
        try:
            return (self.target / relative).read_bytes() == data
        except OSError:
            return False

    def place(self, newest: Prepared, identities: list[str]) -> str:
        """Return the file an article goes to: the one it already has, or a new one by its slug."""
        relative = next((self.known[k] for k in identities if k in self.known), None)
        if relative is None:
            relative = f"articles/{newest.entry.year}/{newest.entry.slug}.md"
            # A file the manifest lost (a run stopped before saving it) holding these very bytes is
            # this article's; any other file not written by us is a person's, and keeps its name.
            if relative not in self.foreign or not self._holds(relative, newest.data):
                slug = unique_slug(newest.entry.slug, self.taken, identities[0])
                relative = f"articles/{newest.entry.year}/{slug}.md"
        self.taken.add(Path(relative).stem)
        for key in identities:
            self.known.setdefault(key, relative)
        return relative


def write_prepared(prepared: Sequence[Prepared], target: Path, force: bool = False, threads: int = 1) -> list[Outcome]:
    """Write every article of the batch into `target`; return one Outcome per prepared capture.

    Paths are handed out first, in order; the files are then written by `threads` threads
    (creating files is mostly waiting on the file system, and each article has its own path).
    """
    target.mkdir(parents=True, exist_ok=True)
    store = Store(target, force)
    placed = place_groups(prepared, store)
    outcomes: list[Outcome] = []
    executor = ThreadPoolExecutor(max(1, threads))
    try:
        last_save = time.monotonic()
        for result in executor.map(lambda item: _write_safely(item[1], item[0], store), placed.items()):
            outcomes.extend(result)
            if time.monotonic() - last_save > MANIFEST_SAVE_SECONDS:
                store.manifest.save()
                last_save = time.monotonic()
    finally:
        # On Ctrl-C, files being written are finished (each is atomic) and the rest not started.
        executor.shutdown(wait=True, cancel_futures=True)
        _remove_staged(prepared)
        outcomes.extend(_save_manifest(store))
    return outcomes


def _save_manifest(store: Store) -> list[Outcome]:
    """Save the manifest; when it cannot be (a full disk), the one on disk still names only files
    that are there as it says, and the next run records the files written since (same bytes)."""
    try:
        store.manifest.save()
    except OSError as error:
        return [Outcome(MANIFEST_NAME, Status.FAILED, reason=f"cannot save the manifest ({error.strerror or error}): "
                        "the next import records the files written by this one")]
    return []


def _remove_staged(prepared: Sequence[Prepared]) -> None:
    """Delete the staged files no article was written from (duplicates, unchanged, kept)."""
    for item in prepared:
        if item.staged:
            Path(item.staged).unlink(missing_ok=True)


def place_groups(prepared: Sequence[Prepared], store: Store) -> dict[str, list[Prepared]]:
    """Group the captures by article and give each article its file; newest capture first."""
    groups = group_by_identity(prepared, [p.identities for p in prepared])
    # Newest capture's source first: new slugs are handed out in an order that depends on the
    # captures only, so a sharded import merged afterwards names every article the same way.
    ordered = sorted((sorted(g, key=lambda p: p.ref.key, reverse=True) for g in groups), key=lambda g: g[0].source)
    placed: dict[str, list[Prepared]] = {}
    for group in ordered:
        relative = store.place(group[0], sorted({key for item in group for key in item.identities}))
        # Two groups the manifest already knows as one article (one by URL, one by body) are one.
        merged = placed.get(relative, []) + group
        placed[relative] = sorted(merged, key=lambda p: p.ref.key, reverse=True)
    return placed


def _write_safely(group: list[Prepared], relative: str, store: Store) -> list[Outcome]:
    """write_group, with a file that cannot be written (permissions) failing alone; once the
    disk is full, the rest of the batch fails with one reason, so the summary says it once, but
    for articles a worker already wrote (putting them in place takes no room)."""
    if store.full and not group[0].staged:
        return [Outcome(item.source, Status.FAILED, relative, DISK_FULL) for item in group]
    try:
        return write_group(group, relative, store)
    except (OSError, ValueError, QuietpressError) as error:
        store.full = store.full or disk_full(error)
        reason = DISK_FULL if store.full else f"cannot write {relative} ({getattr(error, 'strerror', None) or error}): skipped"
        return [Outcome(item.source, Status.FAILED, relative, reason) for item in group]


def write_group(group: list[Prepared], relative: str, store: Store) -> list[Outcome]:
    """Write one article from its captures (newest first) and return what happened to each."""
    newest = group[0]
    record = store.manifest.files.get(relative, {})
    recorded = _recorded_refs(record)
    identities = sorted({*(key for item in group for key in item.identities), *record.get("identities", [])})
    refs = merge_refs([*recorded, *(ref for item in group for ref in (item.ref, *item.earlier))])
    try:
        path = store.path(relative)
    except PathEscapeError as error:
        return [Outcome(item.source, Status.FAILED, relative, f"{error}: skipped") for item in group]
    if recorded and recorded[0].key > newest.ref.key and path.exists():
        return _fold_into_existing(group, store, relative, path, identities, refs, recorded[0])
    others = [ref for ref in refs if ref != newest.ref]
    data = _article_bytes(newest, others)
    for name, image in sorted(newest.entry.images.items()):
        image_path = store.path(name)
        if not image_path.exists():
            atomic_write(image_path, image)
    facts = _facts(newest.ref, others, sorted(newest.entry.images))
    staged = newest.staged if data is newest.data else None
    status, reason = _write_article(store, path, relative, data, identities, facts, staged)
    duplicates = [Outcome(item.source, Status.DUPLICATE, relative, f"same article as {newest.source}") for item in group[1:]]
    return duplicates + [Outcome(newest.source, status, relative, reason)]


def _article_bytes(newest: Prepared, others: list[CaptureRef]) -> bytes:
    return with_captures(newest.data, others, newest.source) if others else newest.data


def with_captures(data: bytes, others: list[CaptureRef], where: str) -> bytes:
    """Return an article file's bytes with `captures` listing `others`; the rest stays as it is.

    Raises FrontMatterError or UnicodeDecodeError when the file's front matter cannot be read.
    """
    metadata, body, _ = split_front_matter(data.decode("utf-8"), where)
    metadata["captures"] = [ref.as_item() for ref in others]
    return (render_front_matter(metadata) + body).encode("utf-8")


def _fold_into_existing(group: list[Prepared], store: Store, relative: str, path: Path, identities: list[str],
                        refs: list[CaptureRef], winner: CaptureRef) -> list[Outcome]:
    """The article already holds a newer capture than any in this batch: list these captures
    under its `captures`, keep its body."""
    reason = f"older capture of {relative}: the newer capture already imported is kept"
    outcomes = [Outcome(item.source, Status.DUPLICATE, relative, reason) for item in group]
    current = path.read_bytes()
    if store.manifest.edited_since_written(relative) and not store.force:
        return outcomes[1:] + [Outcome(group[0].source, Status.KEPT, relative)]
    others = [ref for ref in refs if ref != winner]
    try:
        data = with_captures(current, others, relative)
    except (FrontMatterError, UnicodeDecodeError):
        return outcomes[1:] + [Outcome(group[0].source, Status.KEPT, relative, "front matter unreadable")]
    if data != current:
        atomic_write(path, data)
    record = store.manifest.files.get(relative, {})
    store.manifest.record(relative, data, identities, _facts(winner, others, record.get("images", [])))
    return outcomes


def _recorded_refs(record: dict) -> list[CaptureRef]:
    """Return the captures the manifest says a file stands for, the winning one first."""
    if "capture" not in record:
        return []
    return [CaptureRef.from_item(record["capture"]), *(CaptureRef.from_item(i) for i in record.get("captures", []))]


def _facts(winner: CaptureRef, others: list[CaptureRef], images: list[str]) -> dict[str, object]:
    return {"capture": winner.as_item(), "captures": [ref.as_item() for ref in others], "images": images}


def _write_article(store: Store, path: Path, relative: str, data: bytes, identities: list[str],
                   facts: dict, staged: str | None = None) -> tuple[Status, str | None]:
    """Write the file (from `staged`, a temporary file holding `data`, when there is one) unless
    a person's version is there; return the status and, if kept, why."""
    manifest = store.manifest
    if not path.exists():
        _put(path, data, staged)
        manifest.record(relative, data, identities, facts)
        return Status.IMPORTED, None
    current = path.read_bytes()
    if current == data:
        manifest.record(relative, data, identities, facts)
        return Status.UNCHANGED, None
    if relative not in manifest.files:
        # A file the manifest does not know was not written by us: never replaced, even with --force.
        return Status.KEPT, "already there and not written by quietpress"
    if not store.force and manifest.edited_since_written(relative):
        return Status.KEPT, "edited since it was written"
    _put(path, data, staged)
    manifest.record(relative, data, identities, facts)
    return Status.UPDATED, None


def _put(path: Path, data: bytes, staged: str | None) -> None:
    """Put the bytes at `path` atomically: by renaming the staged file, or by writing them."""
    if staged and os.path.exists(staged):
        path.parent.mkdir(parents=True, exist_ok=True)
        os.replace(staged, path)
    else:
        atomic_write(path, data)
