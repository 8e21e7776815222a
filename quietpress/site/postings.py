"""The search index's postings, kept between builds and changed only where documents changed.

A posting is a document id and the term's weighted frequency in that document. Nothing in it
depends on the rest of the archive: the page computes BM25 from the frequencies, the number of
documents holding the term (the list's length), the document's length and the archive's average
length (in the manifest). So adding an article adds its postings and re-encodes only the lists of
its own terms; scores computed here would change every posting of the archive at every import.

Each term's list is kept encoded as the page reads it, `[id delta, frequency, ...]` in ascending id
order: an article added with the next free id (the usual case, see search.IdRegistry) appends to
the end of the text; a removed or changed article's lists are decoded, edited and encoded again.
"""

from __future__ import annotations

import bisect
import itertools
import json
import operator
from array import array
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from quietpress.site.files import load_dict, save_pickle

POSTINGS_FORMAT = 1


@dataclass
class KnownDocument:
    """What the lists hold of one document: its source, its terms (space-joined) and its length."""

    source: str | None
    terms: str
    length: int


@dataclass
class PostingLists:
    """term -> encoded postings, with what is needed to change them: each list's last id and each
    document's terms. `dirty` collects the changes of this build until `settle()` encodes them."""

    encoded: dict[str, str] = field(default_factory=dict)
    last_id: dict[str, int] = field(default_factory=dict)
    documents: dict[int, KnownDocument] = field(default_factory=dict)
    added: dict[str, array] = field(default_factory=dict)        # term -> [id, tf, id, tf, ...] to add
    removed: dict[str, set[int]] = field(default_factory=dict)   # term -> ids to take out

    @classmethod
    def load(cls, path: Path | None, salt: bytes) -> "PostingLists":
        """The lists saved for `salt` (the settings and code they were made with), or empty ones."""
        saved = load_dict(path)
        if saved.get("format") != POSTINGS_FORMAT or saved.get("salt") != salt:
            return cls()
        return cls(saved["encoded"], saved["last_id"], saved["documents"])

    def save(self, path: Path | None, salt: bytes) -> None:
        if path is not None:
            save_pickle(path, {"format": POSTINGS_FORMAT, "salt": salt, "encoded": self.encoded,
                               "last_id": self.last_id, "documents": self.documents})

    def holds(self, doc_id: int, source: str | None) -> bool:
        """True when `doc_id`'s postings are those of `source` (None: an unknown source never holds)."""
        known = self.documents.get(doc_id)
        return source is not None and known is not None and known.source == source

    def put(self, doc_id: int, source: str | None, counts: dict[str, int]) -> None:
        """Give `doc_id` these weighted term counts (replacing what it had)."""
        self.remove(doc_id)
        added = self.added
        for term, tf in counts.items():
            pending = added.get(term)
            if pending is None:
                added[term] = array("q", (doc_id, tf))
            else:
                pending.extend((doc_id, tf))
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
        """Encode the lists this build changed; drop the lists left empty."""
        for term in set(self.added) | set(self.removed):
            pending = self.added.get(term, array("q"))
            gone = self.removed.get(term, ())
            last = self.last_id.get(term)
            ids = pending[0::2]
            # Documents are given in id order, so new ids usually all follow the list's last one
            # (or make a new list: every list of a first build).
            in_order = not gone and len(pending) and (last is None or ids[0] > last) and sorted(ids) == ids.tolist()
            if in_order and last is None:
                self.encoded[term] = "[" + _encode_body(pending, 0) + "]"
                self.last_id[term] = ids[-1]
            elif in_order:
                self.encoded[term] = self.encoded[term][:-1] + "," + _encode_body(pending, last) + "]"
                self.last_id[term] = ids[-1]
            else:
                self._rewrite(term, pending, gone)
        self.added.clear()
        self.removed.clear()

    def _rewrite(self, term: str, pending: array, gone: Any) -> None:
        """Decode the term's list, take out `gone` and the ids being replaced, put `pending` in."""
        pairs = sorted(zip(pending[0::2], pending[1::2]))  # in id order already, as build_index adds them
        ids, tfs = self._decoded(term)
        if ids:
            # A few documents change per build: found by bisection, never by a pass over the list.
            for doc in set(gone).union(doc for doc, _ in pairs):
                at = bisect.bisect_left(ids, doc)
                if at < len(ids) and ids[at] == doc:
                    del ids[at], tfs[at]
        if not ids or (pairs and pairs[0][0] > ids[-1]):
            ids.extend(doc for doc, _ in pairs)
            tfs.extend(tf for _, tf in pairs)
        else:
            for doc, tf in pairs:
                at = bisect.bisect_left(ids, doc)
                ids.insert(at, doc)
                tfs.insert(at, tf)
        if not ids:
            self.encoded.pop(term, None)
            self.last_id.pop(term, None)
            return
        ordered = array("q", bytes(16 * len(ids)))
        ordered[0::2], ordered[1::2] = array("q", ids), array("q", tfs)
        self.encoded[term] = "[" + _encode_body(ordered, 0) + "]"
        self.last_id[term] = ids[-1]

    def _decoded(self, term: str) -> tuple[list[int], list[int]]:
        """The term's ids and frequencies as lists (empty for a new term)."""
        if term not in self.encoded:
            return [], []
        flat = json.loads(self.encoded[term])
        return list(itertools.accumulate(flat[0::2])), flat[1::2]

    def lengths(self) -> dict[int, int]:
        return {doc_id: known.length for doc_id, known in self.documents.items()}


def _encode_body(pairs: array, previous: int) -> str:
    """`id, tf, id, tf, ...` (ids ascending, all above `previous`) as `delta,tf,delta,tf,...`."""
    ids = pairs[0::2]
    flat = array("q", pairs)
    flat[0::2] = array("q", [ids[0] - previous]) + array("q", map(operator.sub, ids[1:], ids[:-1]))
    return json.dumps(flat.tolist(), separators=(",", ":"))[1:-1]
