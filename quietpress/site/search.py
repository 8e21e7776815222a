"""Offline full-text search, indexed in Python and loaded by the search page as script files.

A page opened from file:// cannot fetch() files, but it can load scripts. Every index file is
therefore JSON (json.dumps) wrapped in one call, `quietpressSearch.receive(kind, key, data);`, and
the page loads only what a query needs:

- `search/manifest.js`: counts, the list of term-shard keys, the facet values (topic, author, site),
  and each document's length with the average (for BM25);
- `search/t/<hex of prefix>.js`: the terms starting with a prefix, each with its postings
  `[doc delta, weighted frequency, ...]`; a shard above QUIETPRESS_SEARCH_SHARD_BYTES is split
  by a longer prefix, so common letters get their own small files;
- `search/d/<n>.js`: the title, URL, date, site and text of the articles with ids n * DOCS_PER_FILE
  to n * DOCS_PER_FILE + DOCS_PER_FILE - 1, loaded for the results shown;
- `search/f/<facet>-<n>.js`: the document ids of one topic, author or site, loaded when narrowing;
- `search/facets.js`: each document's topic, authors and site (as numbers of the manifest's facet
  values), loaded with a query's results so the menus count the results, not the archive.

The page scores with BM25 from the frequencies, the lengths and the number of documents holding a
term (a list's length), and sums the scores over the query's terms. Scores are not computed here:
they depend on the whole archive, so every posting would change whenever an article is added,
while frequencies change only for the added article's terms (postings.py).
The tokenizer below and `tokenize()` in theme/static/js/search.js must agree (pinned by tests).
"""

from __future__ import annotations

import functools
import hashlib
import json
import multiprocessing
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path
from typing import Any, Callable, Iterable

from pelican.generators import Generator

from quietpress.errors import QuietpressError
from quietpress.site.annotate import plain_text
from quietpress.site.cache import build_jobs
from quietpress.site.memo import article_source, build_fingerprint
from quietpress.site.postings import PostingLists
from quietpress.site.files import (FileStamps, forget_folders, inside_output, load_dict, remove_unlisted, save_pickle,
                                   write_if_changed)

# Single letters match too much to be worth an index entry; 30 characters is past any real word
# (long runs are URLs, hashes or scripts without spaces).
MIN_TOKEN, MAX_TOKEN = 2, 30
# Runs of letters and digits long enough to be terms (the length floor in the pattern drops most
# of the runs a filter would otherwise look at: "a", "s", "I").
TOKEN = re.compile(r"[^\W_]{%d,}" % MIN_TOKEN)
# A word in the title counts as this many in the body; bylines, topic, tags and site as META_WEIGHT.
TITLE_WEIGHT, META_WEIGHT = 5, 2
# BM25 constants, the usual values (sent to the page in the manifest).
BM25_K1, BM25_B = 1.2, 0.75
FACETS = ("topic", "author", "site")
# Documents per file of `search/d/`: a file per document was 10,000 files (and opens, a quarter of a
# millisecond each on a busy disk) for 10,000 articles. Four keep a page of ten results near a
# quarter of a megabyte of documents (typical texts are 6 kB), so a query typed letter by letter
# stays under the 2 MB that `make bench-search` allows; eight went over it.
DOCS_PER_FILE = 4
INDEX_DIR = "search"
# Kept in the cache folder between builds (see index_and_write).
STAMPS_FILE, POSTINGS_FILE = "files.pickle", "postings.pickle"


_NON_ASCII = re.compile(r"[^\x00-\x7f]")
# Invisible characters pages put inside words: a soft hyphen (German sites write "Bundes&shy;regierung"
# so that long words break well), a zero-width space or word joiner, a byte-order mark. The word
# is one term: a search for "Bundesregierung" finds it.
INSIDE_WORDS = dict.fromkeys(map(ord, "\u00ad\u200b\u2060\ufeff"))
# ASCII letters in lower case and digits as they are; every other byte, non-ASCII ones included, a space.
_TERM_BYTES = bytes(ord(chr(b).lower()) if b < 128 and chr(b).isalnum() else 32 for b in range(256))


def normalise(text: str) -> str:
    """Lower case without accents, as the page's tokenizer does: "Éclair" -> "eclair"; without the
    invisible characters that sit inside words (soft hyphens, zero-width spaces)."""
    if text.isascii():  # nothing to decompose (most English text): a third of tokenizing saved
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.translate(INSIDE_WORDS))
    # Categories are looked up once per distinct non-ASCII character, not once per character (a
    # Python-level pass over every character was most of a 5,000-article build's search index).
    marks = {ord(c): None for c in set(_NON_ASCII.findall(decomposed)) if unicodedata.category(c) == "Mn"}
    return (decomposed.translate(marks) if marks else decomposed).lower()


def tokenize(text: str) -> list[str]:
    """The index terms of a text, in order: its runs of letters and digits (TOKEN), normalised.

    >>> tokenize("Bukele's El Salvador, 2025")
    ['bukele', 'el', 'salvador', '2025']
    """
    tokens, fast = _words(text)
    if fast:
        tokens = [t for t in tokens if len(t) >= MIN_TOKEN]
    if max(map(len, tokens), default=0) > MAX_TOKEN:
        return [t for t in tokens if len(t) <= MAX_TOKEN]
    return tokens


def token_counts(text: str) -> Counter[str]:
    """Counter(tokenize(text)), made without a pass over the tokens in Python (a long text's terms)."""
    counts = Counter(_words(text)[0])
    # Over the distinct words (a few hundred), not over every word of the text.
    for term in [t for t in counts if not MIN_TOKEN <= len(t) <= MAX_TOKEN]:
        del counts[term]
    return counts


def _words(text: str) -> tuple[list[str], bool]:
    """The runs of letters and digits of the normalised text, and whether they came by the fast path
    (which leaves single characters in)."""
    if not text.isascii():
        text = text.translate(INSIDE_WORDS)
    others = set(_NON_ASCII.findall(text)) if not text.isascii() else ()
    if all(map(_separates, others)):
        # Normalising leaves no letter or digit of the text's non-ASCII characters (a news text's
        # dashes, quotes, spaces): its terms are its runs of ASCII letters and digits, lower-cased
        # and cut by one byte translation of its UTF-8, where every non-ASCII byte is a space.
        encoded = text.encode("utf-8", "surrogatepass").translate(_TERM_BYTES)
        return encoded.decode("ascii").split(), True
    return TOKEN.findall(normalise(text)), False


@functools.lru_cache(maxsize=4096)
def _separates(character: str) -> bool:
    """True when `character`, normalised and lower-cased as the tokenizer does, gives no letter or
    digit and no mark (normalising drops marks, joining the letters around them): it only
    separates words."""
    made = unicodedata.normalize("NFKD", character).lower()
    return not any(c.isalnum() or unicodedata.combining(c) or unicodedata.category(c) == "Mn"
                   for c in character + made)


@dataclass(frozen=True)
class SearchDoc:
    """What the index knows about one article."""

    title: str
    url: str
    date: str                       # as shown ("26 January 2025", or "undated")
    iso_date: str | None            # machine-readable date, None when undated
    site: str | None
    topic: str | None
    authors: tuple[str, ...]
    tags: tuple[str, ...]
    text: str = ""
    # Where the text comes from when it is not given: made only if the index needs it (a rebuild
    # reuses the terms and the file of a document whose source is unchanged).
    load_text: Callable[[], "DocText"] | None = field(default=None, compare=False, repr=False)
    source: str | None = None           # identifies the text (content digest and path); None: unknown

    def full_text(self) -> "DocText":
        return self.load_text() if self.load_text is not None else DocText(self.text)


@dataclass(frozen=True)
class DocText:
    """An article's words for the index: its prose, which snippets are cut from, and its figures'
    captions and credits, which are found by a search but never shown as its snippet (a snippet
    that began with a photo credit read as the article's first words)."""

    prose: str
    captions: str = ""

    def searched(self) -> str:
        return f"{self.prose} {self.captions}" if self.captions else self.prose


@dataclass
class SearchIndex:
    """The files of the index: path relative to the output folder -> (kind, key, data)."""

    files: dict[str, tuple[str, str, Any]] = field(default_factory=dict)

    def add(self, path: str, kind: str, key: str, data: Any) -> None:
        self.files[path] = (kind, key, data)


def search_doc(article: Any, text_chars: int) -> SearchDoc:
    """The SearchDoc of a Pelican article; its text is made from the article's HTML when needed."""
    undated = bool(getattr(article, "undated", False))
    category = getattr(article, "category", None)
    return SearchDoc(
        title=str(article.title), url=article.url,
        date="undated" if undated else article.locale_date,
        iso_date=None if undated else article.date.date().isoformat(),
        site=str(article.site) if getattr(article, "site", None) else None,
        topic=category.name if category is not None else None,
        authors=tuple(a.name for a in getattr(article, "authors", None) or []),
        tags=tuple(t.name for t in getattr(article, "tags", None) or []),
        load_text=functools.partial(_article_text, article, text_chars),
        source=article_source(article),
    )


# Figures in sanitised article HTML (reader.py writes them; they never nest).
_FIGURE = re.compile(r"<figure\b.*?</figure>", re.S)


def _article_text(article: Any, text_chars: int) -> DocText:
    rendered = article._content or ""
    figures = _FIGURE.findall(rendered)
    if not figures:
        return DocText(plain_text(rendered)[:text_chars])
    return DocText(plain_text(_FIGURE.sub(" ", rendered))[:text_chars], plain_text(" ".join(figures))[:text_chars])


class EncodedJSON(str):
    """Data already in JSON: a shard's postings are encoded once, to size the shards, and reused."""

    def data(self) -> Any:
        return json.loads(self)


def script(kind: str, key: str, data: Any) -> str:
    """One index file: the JSON data handed to the page's loader."""
    payload = data if isinstance(data, EncodedJSON) else json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return f"quietpressSearch.receive({json.dumps(kind)},{json.dumps(key)},{payload});\n"


def doc_file(chunk: int) -> str:
    """File of the documents with ids chunk * DOCS_PER_FILE and up (search.js computes the same)."""
    return f"{INDEX_DIR}/d/{chunk}.js"


def shard_file(key: str) -> str:
    """File of the term shard for a prefix: its UTF-8 bytes in hex, so any script is a safe name."""
    return f"{INDEX_DIR}/t/{key.encode('utf-8').hex() or '_'}.js"


class DocumentFiles:
    """Where build_index sends the files of documents: written at once, or kept when unchanged.

    `signature` names what a file was made from (its documents' ids and sources, and `salt`: the
    settings and code); a file whose signature and stamp hold is neither made nor opened again.
    """

    def __init__(self, root: Path, stamps: FileStamps, salt: bytes) -> None:
        self.root, self.stamps, self.salt = root, stamps, salt
        self.paths: list[str] = []
        self.written = 0

    def signature(self, members: list[tuple[int, SearchDoc]]) -> bytes | None:
        if any(doc.source is None for _, doc in members):
            return None
        listed = repr([(doc_id, doc.source) for doc_id, doc in members]).encode()
        return hashlib.blake2b(self.salt + listed, digest_size=16).digest()

    def unchanged(self, relative: str, signature: bytes | None) -> bool:
        if signature is None or not self.stamps.holds(inside_output(self.root, relative), signature):
            return False
        self.paths.append(relative)
        return True

    def write(self, relative: str, kind: str, key: str, data: Any, signature: bytes | None) -> None:
        self.written += write_if_changed(self.root, relative, script(kind, key, data), self.stamps, signature)
        self.paths.append(relative)


def build_index(docs: Iterable[SearchDoc], shard_bytes: int, ids: list[int] | None = None,
                doc_files: DocumentFiles | None = None, postings: PostingLists | None = None) -> SearchIndex:
    """Return every file of the search index for the documents, read in one pass.

    `ids` gives each document's id, ascending (default: its position in `docs`). With `doc_files`,
    each file of documents goes there as soon as its documents are indexed instead of into the
    returned index, so a large archive's texts are never all held at once. `postings` holds the
    lists of an earlier index: only the documents whose source changed are tokenized again, and the
    lists are brought up to date in place.
    """
    index = SearchIndex()
    postings = postings if postings is not None else PostingLists()
    facets: dict[str, dict[str, list[int]]] = {kind: {} for kind in FACETS}
    doc_values: dict[str, dict[int, list[str]]] = {kind: {} for kind in FACETS}
    seen: set[int] = set()
    # Documents go out DOCS_PER_FILE ids to a file, each file as soon as its last id has been read.
    members: list[tuple[int, SearchDoc]] = []
    texts: dict[int, DocText] = {}

    def emit() -> None:
        chunk = members[0][0] // DOCS_PER_FILE
        path = doc_file(chunk)
        signature = doc_files.signature(members) if doc_files is not None else None
        if doc_files is not None and doc_files.unchanged(path, signature):
            return
        data = {str(doc_id): {"t": doc.title, "u": doc.url, "d": doc.date, "i": doc.iso_date, "s": doc.site,
                              "c": doc.topic, "a": list(doc.authors),
                              "x": (texts[doc_id] if doc_id in texts else doc.full_text()).prose}
                for doc_id, doc in members}
        if doc_files is not None:
            doc_files.write(path, "d", str(chunk), data, signature)
        else:
            index.add(path, "d", str(chunk), data)

    for position, doc in enumerate(docs):
        doc_id = ids[position] if ids is not None else position
        if members and doc_id // DOCS_PER_FILE != members[0][0] // DOCS_PER_FILE:
            emit()
            members, texts = [], {}
        members.append((doc_id, doc))
        seen.add(doc_id)
        if not postings.holds(doc_id, doc.source):
            texts[doc_id] = doc.full_text()
            postings.put(doc_id, doc.source, weighted_counts(doc, texts[doc_id].searched()))
        for kind in FACETS:
            for value in _facet_values(doc, kind):
                facets[kind].setdefault(value, []).append(doc_id)
                doc_values[kind].setdefault(doc_id, []).append(value)
    if members:
        emit()
    postings.keep_only(seen)
    postings.settle()
    encoded = postings.encoded
    # Bytes as written (UTF-8): the term, its postings, quotes, colon and comma.
    shards = split_shards({term: len(term.encode("utf-8")) + len(text) + 4 for term, text in encoded.items()},
                          shard_bytes)
    for key, shard_terms in shards.items():
        members_json = ",".join(f"{json.dumps(term, ensure_ascii=False)}:{encoded[term]}" for term in sorted(shard_terms))
        index.add(shard_file(key), "t", key, EncodedJSON("{" + members_json + "}"))
    ordered = {kind: sorted(values.items(), key=lambda item: item[0].casefold()) for kind, values in facets.items()}
    for kind, values in ordered.items():
        for n, (_, ids_of_value) in enumerate(values):
            index.add(f"{INDEX_DIR}/f/{kind}-{n}.js", "f", f"{kind}-{n}", _deltas(ids_of_value))
    index.add(f"{INDEX_DIR}/facets.js", "docfacets", "", facets_by_doc(ordered, doc_values, max(seen, default=-1) + 1))
    lengths = postings.lengths()
    index.add(f"{INDEX_DIR}/manifest.js", "manifest", "", {
        "docs": len(seen), "docsPerFile": DOCS_PER_FILE, "shards": sorted(shards),
        "facets": {kind: [[name, len(ids_of_value)] for name, ids_of_value in values] for kind, values in ordered.items()},
        "bm25": [BM25_K1, BM25_B],
        "averageLength": round(sum(lengths.values()) / len(lengths), 3) if lengths else 1,
        # By id; ids left by deleted articles are 0.
        "lengths": [lengths.get(doc_id, 0) for doc_id in range(max(lengths, default=-1) + 1)]})
    return index


def facets_by_doc(ordered: dict[str, list[tuple[str, list[int]]]], doc_values: dict[str, dict[int, list[str]]],
                  size: int) -> dict[str, list[Any]]:
    """Each document's facet values by id, as numbers of the manifest's values: a number, a list
    of them for several (authors), or -1 for none (and for ids of deleted articles)."""
    result: dict[str, list[Any]] = {}
    for kind, values in ordered.items():
        number = {name: n for n, (name, _) in enumerate(values)}
        column: list[Any] = [-1] * size
        for doc_id, names in doc_values[kind].items():
            found = [number[name] for name in dict.fromkeys(names)]
            column[doc_id] = found[0] if len(found) == 1 else found
        result[kind] = column
    return result


def weighted_counts(doc: SearchDoc, text: str) -> dict[str, int]:
    """A document's terms with their weighted frequencies: the body's words once each, the title's
    TITLE_WEIGHT times, the byline's, topic's, tags' and site's META_WEIGHT times."""
    counts = token_counts(text)
    for token in tokenize(doc.title):
        counts[token] += TITLE_WEIGHT
    for token in tokenize(" ".join((doc.site or "", doc.topic or "", *doc.authors, *doc.tags))):
        counts[token] += META_WEIGHT
    return counts


def split_shards(sizes: dict[str, int], budget: int) -> dict[str, list[str]]:
    """Group terms into shards keyed by prefix; a term lives in the shard of the longest key prefixing it.

    A prefix whose terms exceed `budget` bytes gives its big sub-prefixes their own shards and keeps
    the small ones, as long as it stays within budget.

    >>> split_shards({"apple": 10, "apricot": 10, "banana": 10}, 100)
    {'': ['apple', 'apricot', 'banana']}
    """
    shards: dict[str, list[str]] = {}

    def assign(prefix: str, terms: list[str]) -> None:
        if sum(sizes[t] for t in terms) <= budget:
            shards[prefix] = terms
            return
        kept = [t for t in terms if len(t) == len(prefix)]
        children: dict[str, list[str]] = {}
        for term in terms:
            if len(term) > len(prefix):
                children.setdefault(term[: len(prefix) + 1], []).append(term)
        used = sum(sizes[t] for t in kept)
        for child, members in sorted(children.items(), key=lambda item: sum(sizes[t] for t in item[1])):
            size = sum(sizes[t] for t in members)
            if used + size <= budget:
                kept.extend(members)
                used += size
            else:
                assign(child, members)
        if kept:
            shards[prefix] = kept

    if sizes:
        assign("", sorted(sizes))
    return {key: sorted(terms) for key, terms in shards.items()}


def _facet_values(doc: SearchDoc, kind: str) -> Iterable[str]:
    if kind == "topic":
        return [doc.topic] if doc.topic else []
    if kind == "site":
        return [doc.site] if doc.site else []
    return doc.authors


def _deltas(ids: list[int]) -> list[int]:
    return [b - a for a, b in zip([0, *ids], ids)]


def index_and_write(docs: Iterable[SearchDoc], ids: list[int], shard_bytes: int, output_path: str,
                    reuse: Path | None = None, salt: bytes = b"") -> int:
    """Index the documents in one pass and write the files that changed (each file of documents as
    soon as its documents are indexed); remove files left from an earlier index. Return the number
    written.

    `reuse` is a folder where what this index was made of is kept for the next one: the stamps of
    the files written (files.FileStamps) and the posting lists (postings.py), so a rebuild neither
    opens nor remakes what an unchanged article gave. `salt` is mixed into the files' signatures and
    names the lists' version (the settings and code they were made with).
    """
    forget_folders()
    root = Path(output_path)
    stamps = FileStamps(reuse / STAMPS_FILE if reuse is not None else None)
    postings_path = reuse / POSTINGS_FILE if reuse is not None else None
    postings = PostingLists.load(postings_path, salt)
    doc_files = DocumentFiles(root, stamps, salt)
    index = build_index(docs, shard_bytes, ids, doc_files, postings)
    written = doc_files.written
    for relative, (kind, key, data) in index.files.items():
        written += write_if_changed(root, relative, script(kind, key, data), stamps)
    remove_unlisted(root / INDEX_DIR, {root / p for p in chain(index.files, doc_files.paths)})
    stamps.save()
    postings.save(postings_path, salt)
    return written


@dataclass
class IndexJob:
    """The search index being built and written in a forked process while Pelican writes the pages."""

    output_path: str
    process: Any = None
    results: Any = None


class IdRegistry:
    """Search ids by article URL, kept between builds so an article's index file keeps its name.

    Only an optimisation: a missing or damaged registry gives fresh ids, and the index is correct
    whatever the ids are (pages and the index are written from the same build).
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self.ids: dict[str, int] = {}
        self.loaded = ""
        try:
            self.loaded = path.read_text(encoding="utf-8")
            data = json.loads(self.loaded)
            if isinstance(data, dict) and all(isinstance(v, int) and v >= 0 for v in data.values()):
                self.ids = data
        except (OSError, ValueError):
            self.ids = {}

    def assign(self, urls: list[str]) -> list[int]:
        """Return an id per URL: its earlier id if it had one, else the next free one, in order."""
        kept = {url: self.ids[url] for url in urls if url in self.ids}
        if len(set(kept.values())) != len(kept):  # a damaged registry: start afresh
            kept = {}
        following = max(kept.values(), default=-1) + 1
        for url in urls:
            if url not in kept:
                kept[url] = following
                following += 1
        self.ids = kept
        return [kept[url] for url in urls]

    def save(self) -> None:
        text = json.dumps(self.ids, sort_keys=True, separators=(",", ":"))
        if text == self.loaded:
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            temporary = self.path.with_suffix(".part")
            temporary.write_text(text, encoding="utf-8")
            temporary.replace(self.path)
        except OSError:
            pass  # the next build simply assigns ids afresh


def start_index_job(docs: Iterable[SearchDoc], ids: list[int], shard_bytes: int, output_path: str,
                    fork: bool = True, reuse: Path | None = None, salt: bytes = b"") -> IndexJob:
    """Build and write the index beside the page rendering; inline where fork() is missing.

    Pelican renders pages on one core; indexing (a sixth of a 10,000-article build) runs on another.
    The forked child inherits `docs` without pickling them: given as a generator over the articles,
    the documents (and each article's plain text) are made in the child, never in the build process.
    """
    job = IndexJob(output_path)
    if not fork or "fork" not in multiprocessing.get_all_start_methods():
        index_and_write(docs, ids, shard_bytes, output_path, reuse, salt)
        return job
    context = multiprocessing.get_context("fork")
    job.results, sender = context.Pipe(duplex=False)
    job.process = context.Process(target=_index_in_child, args=(docs, ids, shard_bytes, output_path, reuse, salt, sender),
                                  daemon=True)
    job.process.start()
    sender.close()
    return job


def _index_in_child(docs: Iterable[SearchDoc], ids: list[int], shard_bytes: int, output_path: str,
                    reuse: Path | None, salt: bytes, sender: Any) -> None:
    try:
        sender.send(("written", index_and_write(docs, ids, shard_bytes, output_path, reuse, salt)))
    except BaseException as error:  # the parent reports it: a child's traceback would be lost
        sender.send(("failed", f"{type(error).__name__}: {error}"))
    finally:
        sender.close()


def finish_index_job(job: IndexJob) -> None:
    """Wait for the index; raises QuietpressError naming the index folder if it could not be written."""
    if job.process is None:
        return
    try:
        status, detail = job.results.recv()
    except EOFError:
        status, detail = "failed", "the indexing process ended without a word"
    job.process.join()
    if status != "written":
        raise QuietpressError(str(Path(job.output_path) / INDEX_DIR), f"search index not written ({detail})",
                              "build stopped")


@dataclass
class IndexRun:
    """This build's index: its signature, where it is recorded, and the job writing it (None: unchanged)."""

    state: "IndexState"
    signature: str
    job: IndexJob | None


# The run started as soon as the articles were read (start_index_early), with the build's context, for
# that build's SearchGenerator to finish.
_early_run: tuple[dict[str, Any], IndexRun] | None = None


def begin_index(articles: list[Any], settings: dict[str, Any], output_path: str) -> IndexRun:
    """Start indexing `articles` (newest first, as Pelican lists them) unless the index on disk is theirs.

    Oldest first for a new archive; after that a document keeps its id (and its file) from build to
    build, so a rebuild after an import rewrites the new documents, not the whole index.
    """
    articles = list(reversed(articles))
    cache = Path(settings.get("CACHE_PATH") or "cache")
    registry = IdRegistry(cache / "quietpress-search-ids.json")
    ids = registry.assign([a.url for a in articles])
    order = sorted(range(len(articles)), key=ids.__getitem__)
    ordered, ids = [articles[i] for i in order], [ids[i] for i in order]
    registry.save()
    run = IndexRun(IndexState(cache / "quietpress-search-state.pickle", Path(output_path) / INDEX_DIR),
                   index_signature(ordered, ids, settings), None)
    if run.state.holds(run.signature):
        return run  # the index on disk was written from these very documents
    chars = settings["QUIETPRESS_SEARCH_TEXT_CHARS"]
    run.job = start_index_job((search_doc(a, chars) for a in ordered), ids, settings["QUIETPRESS_SEARCH_SHARD_BYTES"],
                              output_path, fork=build_jobs(settings) > 1,  # QUIETPRESS_BUILD_JOBS=1: one process
                              reuse=cache / "quietpress-search", salt=build_fingerprint(settings))
    return run


def start_index_early(generator: Any) -> None:
    """Receiver for article_generator_finalized, connected before the per-article annotations: the
    index needs only what reading gave, so it starts while the build process annotates (a cold
    build waited for the index at its end)."""
    global _early_run
    _early_run = (generator.context,
                  begin_index(generator.context.get("articles", []), generator.settings, generator.output_path))


class SearchGenerator(Generator):
    """Writes the search index (in the background from the end of reading on) and the search page."""

    def generate_context(self) -> None:
        global _early_run
        early, _early_run = _early_run, None
        self.index_run = early[1] if early is not None and early[0] is self.context else None
        if self.index_run is None:  # no article generator of this build announced its articles
            self.index_run = begin_index(self.context.get("articles", []), self.settings, self.output_path)

    def generate_output(self, writer) -> None:
        run = self.index_run
        if run.job is not None:
            finish_index_job(run.job)
            run.state.save(run.signature)
        save_as = self.settings["SEARCH_SAVE_AS"]
        writer.write_file(save_as, self.get_template("search"), self.context, self.settings["RELATIVE_URLS"],
                          template_name="search", url=save_as)


def index_signature(articles: list[Any], ids: list[int], settings: dict[str, Any]) -> str:
    """Digest of everything the index is made of: each document's id and source (its content digest
    and path, which give its text, title, date and terms), the settings, theme and code."""
    digest = hashlib.blake2b(build_fingerprint(settings), digest_size=20)
    for doc_id, article in zip(ids, articles):
        digest.update(repr((doc_id, article_source(article) or id(article))).encode())
    return digest.hexdigest()


@dataclass
class IndexState:
    """The signature of the index last written completely, and the stamp of its manifest then."""

    path: Path
    folder: Path

    def holds(self, signature: str) -> bool:
        """True when the index folder still holds what was written for `signature`."""
        try:
            return load_dict(self.path) == {"signature": signature, "manifest": self._stamp()}
        except OSError:
            return False

    def save(self, signature: str) -> None:
        try:
            save_pickle(self.path, {"signature": signature, "manifest": self._stamp()})
        except OSError:
            pass  # the next build indexes again

    def _stamp(self) -> list[int]:
        stat = (self.folder / "manifest.js").stat()
        return [stat.st_size, stat.st_mtime_ns, stat.st_ino]
