"""One article however many times it was captured: identities, grouping, and which capture wins.

Two captures are the same article when they share a canonical URL or the same body text. The
newest capture wins; the others are listed under `captures` in its front matter. Every choice
here depends only on the captures themselves, never on the order they were found in or on how a
batch was sharded, so imports in any order and merged shards give the same files.
"""

from __future__ import annotations

import hashlib
import re
from urllib.parse import urlsplit
from dataclasses import dataclass
from typing import Iterable, Mapping, Sequence, TypeVar

WORD = re.compile(r"\w+")
# Bodies shorter than this (a paywall teaser, "This video is no longer available") are shared by
# different articles, so the same short text does not make two captures one article.
MIN_BODY_WORDS = 40
# A Markdown link or image destination: `](...)`, with one level of nested parentheses.
DESTINATION = re.compile(r"\]\((?:[^()]|\([^()]*\))*\)")


@dataclass(frozen=True)
class CaptureRef:
    """Where one capture of an article came from: what `capture`, `captured`, `capture_sha256`
    and the items of `captures` in front matter say."""

    path: str
    sha256: str
    record_id: str | None = None
    captured: str | None = None
    # The web archive's address the capture was replayed from, when it was (extract/replay.py).
    url: str | None = None

    @property
    def key(self) -> tuple[str, str, str]:
        """Sort key: newest capture last; path and record id break ties so the order is total."""
        return (self.captured or "", self.path, self.record_id or "")

    def as_item(self) -> dict[str, str]:
        """Return the entry listed under `captures` (and kept in the manifest)."""
        item = {"path": self.path}
        if self.record_id:
            item["record_id"] = self.record_id
        if self.captured:
            item["captured"] = self.captured
        if self.url:
            item["url"] = self.url
        item["sha256"] = self.sha256
        return item

    @classmethod
    def from_item(cls, item: Mapping[str, object]) -> CaptureRef:
        def text(key: str) -> str | None:
            value = item.get(key)
            return str(value) if value not in (None, "") else None

        return cls(path=text("path") or "", sha256=text("sha256") or "", record_id=text("record_id"),
                   captured=text("captured"), url=text("url"))


def article_identities(source_url: str | None, markdown: str) -> tuple[str, ...]:
    """Return the keys that identify an article across captures: its body words, its canonical URL.

    Link and image addresses are not part of the body: one capture holds a picture (a local
    copy), another only its URL, and both are the same text.
    """
    words = WORD.findall(DESTINATION.sub("]", markdown).casefold())
    keys = []
    if len(words) >= MIN_BODY_WORDS:
        keys.append("body:" + hashlib.sha256(" ".join(words).encode("utf-8")).hexdigest()[:32])
    # A site's home page is no article's address: some sites give it as every page's canonical URL.
    if source_url and urlsplit(source_url.strip()).path.strip("/"):
        keys.append("url:" + canonical_url(source_url))
    # Neither: the article is only itself, known by its exact text.
    return tuple(keys) or ("text:" + hashlib.sha256(markdown.encode("utf-8")).hexdigest()[:32],)


def page_identities(ref: CaptureRef) -> tuple[str, ...]:
    """Return the key of a page that is not an article (a listing, a product page): its capture's bytes.

    Two pages of one section declare the same canonical URL (the section's) and often yield the
    same extracted text (the section's introduction); neither makes them one page.
    """
    return ("page:" + ref.sha256,)


def canonical_url(url: str) -> str:
    """Return the URL without fragment, trailing slash or scheme difference (http and https are one)."""
    url = url.strip().split("#", 1)[0].rstrip("/")
    return re.sub(r"^https?://(www\.)?", "", url, flags=re.IGNORECASE)


def merge_refs(refs: Iterable[CaptureRef]) -> list[CaptureRef]:
    """Return the distinct captures, newest first."""
    return sorted(set(refs), key=lambda r: r.key, reverse=True)


Item = TypeVar("Item")


def group_by_identity(items: Sequence[Item], identities: Sequence[Sequence[str]]) -> list[list[Item]]:
    """Group items that share any identity key (transitively); groups keep the items' order."""
    parent = list(range(len(items)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    owner: dict[str, int] = {}
    for i, keys in enumerate(identities):
        for key in keys:
            if key in owner:
                parent[find(i)] = find(owner[key])
            else:
                owner[key] = i
    groups: dict[int, list[Item]] = {}
    for i, item in enumerate(items):
        groups.setdefault(find(i), []).append(item)
    return list(groups.values())
