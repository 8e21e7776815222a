"""The search index's postings, kept between builds and changed only where documents changed.

A posting is a document id and the term's weighted frequency in that document. Nothing in it
depends on the rest of the archive: the page computes BM25 from the frequencies, the number of
documents holding the term (the list's length), the document's length and the archive's average
length (in the manifest). So adding an article adds its postings and re-encodes only the lists of
its own terms; scores computed here would change every posting of the archive at every import.

Each term's list is kept encoded as the page reads it, `[id delta, frequency, ...]` in ascending id
order, in blocks: an article added with the next free id (the usual case, see search.IdRegistry)
appends to the last block; a removed or changed article's blocks are decoded, edited and encoded
again, the rest of the list is kept as it was.
"""

from __future__ import annotations

import bisect
import itertools
import json
import operator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from quietpress.site.files import load_dict, save_pickle

POSTINGS_FORMAT = 2


@dataclass
class KnownDocument:
    """What the lists hold of one document: its source, its terms (space-joined) and its length."""

    source: str | None
    terms: str
    length: int


@dataclass
class PostingLists:
    """term -> its postings in blocks of at most BLOCK, with each document's terms (to take it out).

    A block is [first id, last id, postings, text]: its encoding without the first id's delta,
    which depends on the block before. An edit decodes and encodes only the blocks it touches;
    `encoded` has each whole list as the page reads it, joined from the blocks. `added` and
    `removed` collect the changes of this build until `settle()` applies them.
    """

    blocks: dict[str, list[list[Any]]] = field(default_factory=dict)
    documents: dict[int, KnownDocument] = field(default_factory=dict)
    encoded: dict[str, str] = field(default_factory=dict)
    added: dict[str, list[int]] = field(default_factory=dict)    # term -> [id, tf, id, tf, ...] to add
    removed: dict[str, set[int]] = field(default_factory=dict)   # term -> ids to take out

    @classmethod
    def load(cls, path: Path | None, salt: bytes) -> "PostingLists":
        """The lists saved for `salt` (the settings and code they were made with), or empty ones."""
        saved = load_dict(path)
        if saved.get("format") != POSTINGS_FORMAT or saved.get("salt") != salt:
            return cls()
        blocks = saved["blocks"]
        return cls(blocks, saved["documents"], {term: _joined(term_blocks) for term, term_blocks in blocks.items()})

    def save(self, path: Path | None, salt: bytes) -> None:
        if path is not None:
            save_pickle(path, {"format": POSTINGS_FORMAT, "salt": salt, "blocks": self.blocks,
                               "documents": self.documents})

    @property
    def last_id(self) -> dict[str, int]:
        return {term: term_blocks[-1][1] for term, term_blocks in self.blocks.items()}

    def holds(self, doc_id: int, source: str | None) -> bool:
        """True when `doc_id`'s postings are those of `source` (None: an unknown source never holds)."""
        known = self.documents.get(doc_id)
        return source is not None and known is not None and known.source == source

    def put(self, doc_id: int, source: str | None, counts: dict[str, int]) -> None:
        """Give `doc_id` these weighted term counts (replacing what it had)."""
        self.remove(doc_id)
        added = self.added
        pending_of = added.get
        # Plain lists extended by a tuple: the cheapest append of a pair (2.8 million at 10,000 articles).
        for term, tf in counts.items():
            pending = pending_of(term)
            if pending is None:
                added[term] = [doc_id, tf]
            else:
                pending += (doc_id, tf)
        self.documents[doc_id] = KnownDocument(source, " ".join(counts), sum(counts.values()))

    def remove(self, doc_id: int) -> None:
        known = self.documents.pop(doc_id, None)
        if known is not None and known.terms:
            for term in known.terms.split(" "):
                self.removed.setdefault(term, set()).add(doc_id)

    def keep_only(self, doc_ids: set[int]) -> None:
        """Remove the documents not in `doc_ids` (deleted articles)."""
        for doc_id in [d for d in self.documents if d not in doc_ids]:
            self.remove(doc_id)

    def settle(self) -> None:
        """Apply this build's changes to the lists they touch; drop the lists left empty."""
        for term in set(self.added) | set(self.removed):
            pending = self.added.get(term, [])
            gone = self.removed.get(term, ())
            term_blocks = self.blocks.get(term, [])
            ids = pending[0::2]
            # Documents are given in id order, so new ids usually all follow the list's last one
            # (or make a new list: every list of a first build).
            if not gone and len(pending) and (not term_blocks or ids[0] > term_blocks[-1][1]) \
                    and sorted(ids) == ids:
                _append(term_blocks, pending)
            else:
                term_blocks = _edited(term_blocks, pending, gone)
            if term_blocks:
                self.blocks[term], self.encoded[term] = term_blocks, _joined(term_blocks)
            else:
                self.blocks.pop(term, None)
                self.encoded.pop(term, None)
        self.added.clear()
        self.removed.clear()

    def lengths(self) -> dict[int, int]:
        return {doc_id: known.length for doc_id, known in self.documents.items()}


# Postings per block: an edit re-encodes at most a block's worth of a list, whatever its length
# (a common word is in most of 10,000 articles: decoding and encoding its whole list for each edited
# article took most of a rebuild's indexing).
BLOCK = 256


def _append(term_blocks: list[list[Any]], pairs: list[int]) -> None:
    """Add `pairs` (ids ascending, all after the list's last) at the end, filling the last block first."""
    if term_blocks and term_blocks[-1][2] < BLOCK:
        last = term_blocks[-1]
        taken = pairs[: 2 * (BLOCK - last[2])]
        last[3] += "," + _encode_body(taken, last[1])
        last[1], last[2] = taken[-2], last[2] + len(taken) // 2
        pairs = pairs[len(taken):]
    term_blocks.extend(_blocks_of(pairs))


def _blocks_of(pairs: list[int]) -> list[list[Any]]:
    """`id, tf, ...` (ids ascending) cut into blocks."""
    blocks = []
    for start in range(0, len(pairs), 2 * BLOCK):
        chunk = pairs[start:start + 2 * BLOCK]
        text = _encode_body(chunk, chunk[0])  # "0,tf,delta,tf,...": the block's text follows "0,"
        blocks.append([chunk[0], chunk[-2], len(chunk) // 2, text[2:]])
    return blocks


def _edited(term_blocks: list[list[Any]], pending: list[int], gone: Any) -> list[list[Any]]:
    """The blocks with `gone` and the ids of `pending` taken out and `pending` put in; each change
    goes to the block whose range holds its id (the first or last block beyond the ends)."""
    new = dict(zip(pending[0::2], pending[1::2]))
    changes: dict[int, list[int]] = {}
    firsts = [block[0] for block in term_blocks]
    for doc in set(gone) | new.keys():
        changes.setdefault(max(0, bisect.bisect_right(firsts, doc) - 1), []).append(doc)
    if not term_blocks:
        return _blocks_of(_flat(sorted(new.items())))
    result: list[list[Any]] = []
    for index, block in enumerate(term_blocks):
        if index not in changes:
            result.append(block)
            continue
        pairs = dict(_decoded(block))
        for doc in changes[index]:
            pairs.pop(doc, None)
            if doc in new:
                pairs[doc] = new[doc]
        result.extend(_blocks_of(_flat(sorted(pairs.items()))))
    return result


def _decoded(block: list[Any]) -> list[tuple[int, int]]:
    flat = json.loads(f"[{block[0]},{block[3]}]")
    return list(zip(itertools.accumulate(flat[0::2]), flat[1::2]))


def _flat(pairs: list[tuple[int, int]]) -> list[int]:
    return [value for pair in pairs for value in pair]


def _joined(term_blocks: list[list[Any]]) -> str:
    """The whole list as the page reads it: `[id delta, tf, ...]`."""
    parts, previous = [], 0
    for first, last, _, text in term_blocks:
        parts.append(f"{first - previous},{text}")
        previous = last
    return "[" + ",".join(parts) + "]"


def _encode_body(pairs: list[int], previous: int) -> str:
    """`id, tf, id, tf, ...` (ids ascending, all above `previous`) as `delta,tf,delta,tf,...`."""
    ids = pairs[0::2]
    flat = list(pairs)
    flat[0::2] = [ids[0] - previous, *map(operator.sub, ids[1:], ids[:-1])]
    if max(flat) < len(_SMALL_NUMBERS):  # never negative: ids ascend, frequencies count
        # Twice as fast as encoding the list as JSON (5.6 million numbers at 10,000 articles).
        return ",".join(map(_SMALL_NUMBERS.__getitem__, flat))
    return json.dumps(flat, separators=(",", ":"))[1:-1]


# The text of the numbers most postings hold (frequencies, and the id gaps of common terms).
_SMALL_NUMBERS = [str(n) for n in range(4096)]
