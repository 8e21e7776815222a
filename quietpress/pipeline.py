"""Runs one capture through the stages, then a whole batch: in parallel, deduplicated, safely written.

read -> decode -> extract -> localise images -> convert -> (group duplicates) -> write
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable, Iterable, Iterator

from quietpress.assets import local_images
from quietpress.capture import find_capture_files, read_capture_file
from quietpress.decode import decode_capture
from quietpress.errors import QuietpressError
from quietpress.extract import extract_article
from quietpress.extract.profiles import Profiles, load_profiles
from quietpress.frontmatter import render_front_matter
from quietpress.markdown import ConvertOptions, html_to_markdown
from quietpress.model import Article, Capture, Entry, Outcome, Status
from quietpress.write import Manifest, PathEscapeError, atomic_write, inside, remove_stale_temporaries, slugify, unique_slug

# Save the manifest this often, so an interrupted run loses little bookkeeping.
MANIFEST_SAVE_EVERY = 200


@dataclass(frozen=True)
class ImportOptions:
    target: Path
    jobs: int = 0
    force: bool = False
    shard: tuple[int, int] | None = None
    profiles_dir: Path | None = None


@dataclass(frozen=True)
class Prepared:
    """One capture turned into an Entry, with what identifies its article across captures."""

    source: str
    entry: Entry
    identities: tuple[str, ...]
    captured: str
    sha256: str


@dataclass
class Summary:
    outcomes: list[Outcome] = field(default_factory=list)

    def count(self, status: Status) -> int:
        return sum(1 for o in self.outcomes if o.status is status)

    @property
    def failed(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.status is Status.FAILED]


def prepare_capture(capture: Capture, profiles: Profiles) -> Prepared:
    """Run one capture through decode, extract and convert. Raises QuietpressError on failure."""
    document = decode_capture(capture)
    article = extract_article(document, profiles)
    images = local_images(article.body_html, capture, article.source_url)
    # Markdown sits at content/articles/<year>/ and its page at output/articles/<year>/, images at
    # content/images/ and output/images/: one relative path is right in both places.
    options = ConvertOptions(base_url=article.source_url or capture.url,
                             image_paths={src: "../../" + name for src, (name, _) in images.items()})
    markdown = html_to_markdown(article.body_html, options)
    if not markdown.strip():
        raise QuietpressError(capture.source, "article body is empty after conversion")
    lead = local_images(f'<img src="{article.image}">', capture, article.source_url) if article.image else {}
    image = lead[article.image][0] if article.image in lead else article.image
    metadata = _front_matter(article, capture, image)
    all_images = {name: data for name, data in [*images.values(), *lead.values()]}
    entry = Entry(slug=slugify(article.title), year=(article.date or "undated")[:4], metadata=metadata,
                  markdown=markdown, images=all_images)
    return Prepared(source=capture.source, entry=entry, identities=_identities(article, markdown),
                    captured=capture.captured or article.captured or "", sha256=capture.sha256)


def _front_matter(article: Article, capture: Capture, image: str | None) -> dict[str, object]:
    capture_info: dict[str, str] = {"path": capture.source.split("#", 1)[0]}
    if capture.record_id:
        capture_info["record_id"] = capture.record_id
    return {
        "title": article.title,
        "date": article.date,
        "modified": article.modified,
        "authors": list(article.authors),
        "category": article.category,
        "tags": list(article.tags),
        "summary": article.summary,
        "site": article.site,
        "source_url": article.source_url,
        "captured": capture.captured or article.captured,
        "capture_sha256": capture.sha256,
        "capture": capture_info,
        "image": image,
        "lang": article.lang,
        "author_bio": article.author_bio,
    }


def _identities(article: Article, markdown: str) -> tuple[str, ...]:
    words = re.findall(r"\w+", markdown.casefold())
    keys = ["body:" + hashlib.sha256(" ".join(words).encode("utf-8")).hexdigest()[:32]]
    if article.source_url:
        keys.append("url:" + article.source_url.rstrip("/"))
    return tuple(keys)


def render_article_file(metadata: dict[str, object], markdown: str) -> bytes:
    """Return the bytes of an article file: front matter, a blank line, the Markdown body."""
    return (render_front_matter(metadata) + "\n" + markdown).encode("utf-8")


def prepare_file(root: Path, path: Path, profiles: Profiles) -> list[Prepared | Outcome]:
    """Read one capture file (which may hold many records) and prepare each of its articles."""
    results: list[Prepared | Outcome] = []
    for item in read_capture_file(root, path):
        if isinstance(item, QuietpressError):
            results.append(Outcome(item.path, Status.FAILED, reason=f"{item.problem}: {item.action}"))
            continue
        try:
            results.append(prepare_capture(item, profiles))
        except QuietpressError as error:
            results.append(Outcome(item.source, Status.FAILED, reason=f"{error.problem}: {error.action}"))
        except RecursionError:
            results.append(Outcome(item.source, Status.FAILED, reason="markup nested too deeply to read: skipped"))
        except Exception as error:  # one bad capture never stops a batch
            results.append(Outcome(item.source, Status.FAILED, reason=f"unexpected {type(error).__name__}: {error}: skipped"))
    return results


def in_shard(relative: str, shard: tuple[int, int] | None) -> bool:
    """True when a capture path belongs to shard K of N (1-based), by a stable hash of the path."""
    if shard is None:
        return True
    k, n = shard
    digest = int(hashlib.sha256(relative.encode("utf-8")).hexdigest()[:12], 16)
    return digest % n == k - 1


_worker_profiles: Profiles | None = None


def _init_worker(profiles: Profiles) -> None:
    global _worker_profiles
    _worker_profiles = profiles


def _work(task: tuple[Path, Path]) -> list[Prepared | Outcome]:
    return prepare_file(task[0], task[1], _worker_profiles or Profiles.empty())


def prepare_all(paths: Iterable[Path], options: ImportOptions, progress: Callable[[int, int], None] | None = None) -> list[Prepared | Outcome]:
    """Prepare every capture under the paths, over `options.jobs` processes; results in a stable order."""
    profiles = load_profiles(options.profiles_dir)
    tasks = [(root, path) for root, path in find_capture_files(paths)
             if in_shard(_relative(path, root), options.shard)]
    jobs = options.jobs or os.cpu_count() or 1
    results: list[Prepared | Outcome] = []
    done = 0
    if jobs == 1 or len(tasks) < 2:
        _init_worker(profiles)
        iterator: Iterator[list[Prepared | Outcome]] = map(_work, tasks)
        for batch in iterator:
            results.extend(batch)
            done += 1
            if progress:
                progress(done, len(tasks))
    else:
        context = multiprocessing.get_context("fork" if hasattr(os, "fork") else "spawn")
        with context.Pool(jobs, initializer=_init_worker, initargs=(profiles,)) as pool:
            for batch in pool.imap_unordered(_work, tasks, chunksize=max(1, min(16, len(tasks) // (jobs * 8) or 1))):
                results.extend(batch)
                done += 1
                if progress:
                    progress(done, len(tasks))
    return sorted(results, key=lambda r: r.source)


def _relative(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.name


def group_duplicates(prepared: list[Prepared]) -> list[list[Prepared]]:
    """Group captures of the same article (same canonical URL or same body text), newest first."""
    parent = list(range(len(prepared)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    owner: dict[str, int] = {}
    for i, item in enumerate(prepared):
        for key in item.identities:
            if key in owner:
                parent[find(i)] = find(owner[key])
            else:
                owner[key] = i
    groups: dict[int, list[Prepared]] = {}
    for i, item in enumerate(prepared):
        groups.setdefault(find(i), []).append(item)
    return [sorted(g, key=lambda p: (p.captured, p.source), reverse=True) for g in groups.values()]


def run_import(paths: Iterable[Path], options: ImportOptions, progress: Callable[[int, int], None] | None = None) -> Summary:
    """Import every capture under the paths into `options.target`; returns what happened to each."""
    target = options.target
    target.mkdir(parents=True, exist_ok=True)
    remove_stale_temporaries(target)
    results = prepare_all(paths, options, progress)
    summary = Summary([r for r in results if isinstance(r, Outcome)])
    prepared = [r for r in results if isinstance(r, Prepared)]
    manifest = Manifest(target)
    known = manifest.by_identity()
    taken = {Path(p).stem for p in manifest.files if p.startswith("articles/")}
    groups = sorted(group_duplicates(prepared), key=lambda g: g[0].source)
    try:
        for count, group in enumerate(groups, 1):
            summary.outcomes.extend(_write_group(group, target, manifest, known, taken, options.force))
            if count % MANIFEST_SAVE_EVERY == 0:
                manifest.save()
    finally:
        manifest.save()
    summary.outcomes.sort(key=lambda o: o.source)
    return summary


def _write_group(group: list[Prepared], target: Path, manifest: Manifest, known: dict[str, str], taken: set[str], force: bool) -> list[Outcome]:
    newest, others = group[0], group[1:]
    identities = sorted({key for item in group for key in item.identities})
    relative = next((known[k] for k in identities if k in known), None)
    if relative is None:
        slug = unique_slug(newest.entry.slug, taken, identities[0])
        relative = f"articles/{newest.entry.year}/{slug}.md"
    taken.add(Path(relative).stem)
    metadata = dict(newest.entry.metadata)
    if others:
        metadata["captures"] = [{"path": o.entry.metadata["capture"]["path"], **({"captured": o.captured} if o.captured else {}),
                                 "sha256": o.sha256} for o in others]
    data = render_article_file(metadata, newest.entry.markdown)
    outcomes = [Outcome(o.source, Status.DUPLICATE, relative, f"same article as {newest.source}") for o in others]
    try:
        path = inside(target, relative)
        for name, image in sorted(newest.entry.images.items()):
            image_path = inside(target, name)
            if not image_path.exists():
                atomic_write(image_path, image)
    except PathEscapeError as error:
        return outcomes + [Outcome(newest.source, Status.FAILED, relative, f"{error}: skipped")]
    status = _write_article(path, relative, data, manifest, identities, force)
    return outcomes + [Outcome(newest.source, status, relative)]


def _write_article(path: Path, relative: str, data: bytes, manifest: Manifest, identities: list[str], force: bool) -> Status:
    if path.exists():
        current = path.read_bytes()
        if current == data:
            manifest.record(relative, data, identities)
            return Status.UNCHANGED
        if not force and (manifest.edited_since_written(relative) or relative not in manifest.files):
            return Status.KEPT
        atomic_write(path, data)
        manifest.record(relative, data, identities)
        return Status.UPDATED
    atomic_write(path, data)
    manifest.record(relative, data, identities)
    return Status.IMPORTED
