"""Records that cross stage boundaries. Each stage takes one of these and returns the next.

read (capture/) -> Capture -> decode -> Document -> extract/ -> Article -> markdown -> write
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Mapping

if TYPE_CHECKING:
    from quietpress.extract.pagetype import PageShape


class CaptureKind(str, enum.Enum):
    HTML = "html"
    TEXT = "text"


@dataclass(frozen=True)
class Capture:
    """One candidate article as read from disk, before decoding.

    `source` is the capture's path relative to the import root, with `#<record id>` for one
    record of a multi-record file (WARC, JSON Lines). `sha256` is the hash of the capture file's
    bytes as read from disk, or for one record of a WARC or JSON export, of that record's payload
    (HTTP body, or the HTML/text field encoded as UTF-8).
    """

    source: str
    path: Path
    kind: CaptureKind
    payload: bytes
    sha256: str
    url: str | None = None
    captured: str | None = None
    charset: str | None = None
    record_id: str | None = None
    # Bytes of resources the capture holds (WARC records, saved-page folders), by absolute URL
    # or by path relative to the page. Lets the writer keep images for offline reading.
    assets: Mapping[str, bytes] = field(default_factory=dict)
    # Values a scraper export already knows (title, ...); extraction may prefer its own.
    hints: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Document:
    """A capture decoded to text."""

    capture: Capture
    text: str
    encoding: str


@dataclass(frozen=True)
class Article:
    """An extracted article: metadata plus body as allowlisted HTML.

    The body uses only: p, h2-h6, ul, ol, li, blockquote, pre, code, em, strong, a, br, table
    parts, figure, img, figcaption (with `<small class="credit">` for the credit), hr.
    """

    title: str
    body_html: str
    authors: tuple[str, ...] = ()
    date: str | None = None
    modified: str | None = None
    category: str | None = None
    tags: tuple[str, ...] = ()
    summary: str | None = None
    site: str | None = None
    source_url: str | None = None
    lang: str | None = None
    image: str | None = None
    author_bio: str | None = None
    captured: str | None = None
    # The web archive's address of the page when it was read from an archive's replay (the
    # Wayback Machine's /web/<timestamp>/<original>): `source_url` is then the original address.
    archived_url: str | None = None
    # The address the page's relative links and pictures resolve against when its <base href>
    # names one; else where the page was read (`archived_url`, `source_url`).
    base_url: str | None = None
    # A news agency credited in the byline (AP, Reuters, AFP...): where the story came from, not who wrote it.
    agency: str | None = None
    # The site's own section ("Markets", "Wirtschaft"); `category` is the archive's topic.
    section: str | None = None
    # The page's shape, measured on the tree before extraction prunes it, so the page-type check
    # needs no second parse (extract/pagetype.py); None for text captures.
    page_shape: PageShape | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class Entry:
    """An article ready to write: its front matter values in order, and its Markdown body."""

    slug: str
    year: str
    metadata: Mapping[str, object]
    markdown: str
    # Image bytes to store under content/images/, by the name the Markdown refers to.
    images: Mapping[str, bytes] = field(default_factory=dict)


class Status(str, enum.Enum):
    IMPORTED = "imported"
    UPDATED = "updated"
    UNCHANGED = "unchanged"
    DUPLICATE = "duplicate"
    KEPT = "kept"
    NOT_ARTICLE = "not an article"
    FAILED = "failed"


@dataclass(frozen=True)
class Outcome:
    """What happened to one capture; reasons are data that reach the summary."""

    source: str
    status: Status
    path: str | None = None
    reason: str | None = None
