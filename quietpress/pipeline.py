"""Runs one capture through the stages, and a whole batch: prepared in parallel, then written.

read -> decode -> extract -> localise images -> convert -> render  (batch.py, in worker processes)
     -> group duplicates -> write                                   (store.py, in this process)
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable, Iterable, Mapping

from quietpress.assets import local_images
from quietpress.capture import ReadOptions, read_capture_file, relative_source
from quietpress.capture.timestamp import believable_capture_time
from quietpress.decode import decode_capture
from quietpress.dedupe import CaptureRef, article_identities, page_identities
from quietpress.errors import QuietpressError
from quietpress.extract import extract_article
from quietpress.extract.pagetype import page_type
from quietpress.extract.profiles import Profiles
from quietpress.frontmatter import render_front_matter
from quietpress.markdown import ConvertOptions, html_to_markdown
from quietpress.model import Article, Capture, Entry, Outcome, Status
from quietpress.parse import parse_fragment
from quietpress.write import import_lock, remove_stale_temporaries, slugify


@dataclass(frozen=True)
class ImportOptions:
    target: Path
    jobs: int = 0
    force: bool = False
    shard: tuple[int, int] | None = None
    profiles_dir: Path | None = None
    # Field names of scraper exports by role, from `--field role=name`.
    fields: Mapping[str, str] = field(default_factory=dict)
    # Import section fronts, listings, product pages and forum threads too (`--keep-non-articles`).
    keep_non_articles: bool = False


@dataclass(frozen=True)
class Prepared:
    """One capture turned into an Entry, with what identifies its article across captures.

    `data` is the article file as written when no other capture of it exists; `earlier` lists
    captures this one already stands for (when it comes from a shard's output).
    """

    source: str
    entry: Entry
    identities: tuple[str, ...]
    ref: CaptureRef
    data: bytes
    earlier: tuple[CaptureRef, ...] = ()
    # A temporary file in the target already holding `data` (written by the worker), or None.
    staged: str | None = None
    # What kind of page the capture is (pagetype.py): "article", or why it is skipped by default.
    page: str = "article"
    page_reason: str = ""

    @property
    def captured(self) -> str:
        return self.ref.captured or ""

    @property
    def sha256(self) -> str:
        return self.ref.sha256


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
    # The page's shape comes with the article, measured on the one parse before extraction pruned it.
    article = extract_article(document, profiles)
    verdict = page_type(document, article)
    # Relative links and pictures resolve against the page's <base href>, else where the page was
    # read: a web archive's copy links to the archive's copies, the original address may be gone.
    page_url = article.base_url or article.archived_url or article.source_url or capture.url
    images = local_images(article.body_html, capture, page_url)
    # Markdown sits at content/articles/<year>/ and its page at output/articles/<year>/, images at
    # content/images/ and output/images/: one relative path is right in both places.
    options = ConvertOptions(base_url=page_url,
                             image_paths={src: "../../" + name for src, (name, _) in images.items()})
    markdown = html_to_markdown(article.body_html, options)
    if not markdown.strip():
        raise QuietpressError(capture.source, "article body is empty after conversion")
    if not article.title.strip():
        # The site cannot build an article without a title; its opening words stand in for one.
        article = replace(article, title=opening_words(article.body_html))
    lead = local_images(f'<img src="{article.image}">', capture, page_url) if article.image else {}
    image = lead[article.image][0] if article.image in lead else article.image
    ref = CaptureRef(path=capture.source.split("#", 1)[0], sha256=capture.sha256, record_id=capture.record_id,
                     captured=believable_capture_time(capture.captured, article.captured), url=article.archived_url)
    metadata = front_matter(article, ref, image)
    entry = make_entry(metadata, markdown, {name: data for name, data in [*images.values(), *lead.values()]})
    # A listing's declared URL and its extracted text (a section's intro) are shared by the
    # section's other pages: a page that is not an article is only ever the same as its own bytes.
    identities = article_identities(article.source_url, markdown) if verdict.is_article else page_identities(ref)
    return Prepared(source=capture.source, entry=entry, identities=identities, ref=ref,
                    data=render_article_file(metadata, markdown), page=verdict.kind, page_reason=verdict.reason)


def opening_words(body_html: str, limit: int = 80) -> str:
    """Return the first words of an article's text, at most `limit` characters, ending in '…' if cut."""
    text = " ".join(parse_fragment(body_html).text_content().split())
    if len(text) <= limit:
        return text
    return (text[:limit].rsplit(" ", 1)[0] or text[:limit]) + "…"


def make_entry(metadata: Mapping[str, object], markdown: str, images: Mapping[str, bytes]) -> Entry:
    """Return the Entry for an article; its slug and year come from its own title and date only,
    never from the rest of the batch, so shards name articles alike."""
    title = str(metadata.get("title") or "")
    year = str(metadata["date"])[:4] if metadata.get("date") else "undated"
    return Entry(slug=slugify(title), year=year, metadata=dict(metadata), markdown=markdown, images=dict(images))


def front_matter(article: Article, ref: CaptureRef, image: str | None) -> dict[str, object]:
    capture_info: dict[str, str] = {"path": ref.path}
    if ref.record_id:
        capture_info["record_id"] = ref.record_id
    if ref.url:
        capture_info["url"] = ref.url
    return {
        "title": article.title,
        "date": article.date,
        "modified": article.modified,
        "authors": list(article.authors),
        "agency": article.agency,
        "category": article.category,
        "section": article.section,
        "tags": list(article.tags),
        "summary": article.summary,
        "site": article.site,
        "source_url": article.source_url,
        "captured": ref.captured,
        "capture_sha256": ref.sha256,
        "capture": capture_info,
        "image": image,
        "lang": article.lang,
        "author_bio": article.author_bio,
    }


def render_article_file(metadata: Mapping[str, object], markdown: str) -> bytes:
    """Return the bytes of an article file: front matter, a blank line, the Markdown body."""
    return (render_front_matter(metadata) + "\n" + markdown).encode("utf-8")


def prepare_file(root: Path, path: Path, profiles: Profiles, read: ReadOptions | None = None,
                 part: tuple[int, int] | None = None) -> list[Prepared | Outcome]:
    """Read one capture file (which may hold many records; with `part`, a share of them) and
    prepare each of its articles.

    Never raises for a bad capture: each failure is an Outcome with its reason.
    """
    results: list[Prepared | Outcome] = []
    for item in _read_guarded(root, path, read, part):
        if isinstance(item, QuietpressError):
            results.append(_failed(item.path, f"{item.problem}: {item.action}"))
            continue
        try:
            results.append(prepare_capture(item, profiles))
        except QuietpressError as error:
            results.append(_failed(item.source, f"{error.problem}: {error.action}"))
        except RecursionError:
            results.append(_failed(item.source, "markup nested too deeply to read: skipped"))
        except Exception as error:  # one bad capture never stops a batch
            results.append(_failed(item.source, f"unexpected {type(error).__name__}: {error}: skipped"))
    return results


def _read_guarded(root: Path, path: Path, read: ReadOptions | None,
                  part: tuple[int, int] | None) -> Iterable[Capture | QuietpressError]:
    """The file's captures; a reader that fails half-way ends the file with one error, and the
    captures read before it stand (they were lost with the worker)."""
    source = relative_source(path, root)
    try:
        yield from read_capture_file(root, path, read, part)
    except (QuietpressError, OSError, ValueError, EOFError, RecursionError, MemoryError) as error:
        yield QuietpressError(source, f"cannot read the rest of the file ({type(error).__name__}: {error})"[:300])


def skip_non_article(result: Prepared | Outcome) -> Prepared | Outcome:
    """Return the result, or for a page that is not an article its Outcome (its staged file removed)."""
    if isinstance(result, Outcome) or result.page == "article":
        return result
    if result.staged:
        Path(result.staged).unlink(missing_ok=True)
    return Outcome(result.source, Status.NOT_ARTICLE, reason=f"{result.page}: {result.page_reason}")


def _failed(source: str, reason: str) -> Outcome:
    return Outcome(source, Status.FAILED, reason=reason)


def run_import(paths: Iterable[Path], options: ImportOptions, progress: Callable[[int, int], None] | None = None) -> Summary:
    """Import every capture under the paths into `options.target`; returns what happened to each."""
    from quietpress.batch import prepare_all
    from quietpress.store import write_prepared

    with import_lock(options.target):
        remove_stale_temporaries(options.target)
        results = [r if options.keep_non_articles else skip_non_article(r)
                   for r in prepare_all(paths, options, progress)]
        summary = Summary([r for r in results if isinstance(r, Outcome)])
        prepared = [r for r in results if isinstance(r, Prepared)]
        # One writer thread: the workers have created the files, what is left is renames and bookkeeping.
        summary.outcomes.extend(write_prepared(prepared, options.target, options.force))
    summary.outcomes.sort(key=lambda o: o.source)
    return summary
