"""Pages read from a web archive's replay: the original address, and when the archive captured it.

The Wayback Machine, and the many archives running pywb or OpenWayback (national libraries,
Archive-It, arquivo.pt ...), serve a captured page at an address naming both the capture's moment
and the original address: `https://web.archive.org/web/20190315120000/https://example.com/story`,
with a modifier for pictures and frames (`20190315120000im_`). They rewrite the page's own links the
same way, its canonical link and `og:url` included. Read as the article's address, that made every
capture of one archive a page of one site (`web.archive.org`), kept two captures of one story at two
moments apart, and read the capture's timestamp in the address as the story's date.

The original address is the article's; the replay's address is where the capture came from (its
relative links resolve against it, and lead to the archive's copies); its timestamp is the moment
of capture. The replay's banner, written into the page between two comments, is cut out before
the page is parsed (the parse drops comments, and with them the banner's bounds).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

# /<collection path>/<timestamp: a day to a second, YYYYMMDD[hhmmss]>[modifier_]/<original>
# The original keeps its scheme; archives fold its "//" into "/" now and then ("http:/example.com").
REPLAY_PATH = re.compile(r"^https?://[^/?#]+(?:/[^/?#]+)*?/(?P<stamp>\d{8,14})(?:[a-z]{2}_)?/"
                         r"(?P<original>https?:/{1,2}[^/?#\s]+.*)$", re.I)
# The comments the Wayback Machine writes around its banner; pywb inserts its banner with a script.
BANNER_START = re.compile(r"<!--\s*BEGIN WAYBACK TOOLBAR INSERT\s*-->", re.I)
BANNER_END = re.compile(r"<!--\s*END WAYBACK TOOLBAR INSERT\s*-->", re.I)
BANNER_MARK = "WAYBACK TOOLBAR INSERT"


@dataclass(frozen=True)
class Replay:
    """A replay address taken apart."""

    address: str    # the archive's address of the capture
    original: str   # the page's own address, as it was captured
    captured: str   # the moment of capture, ISO 8601 (archives stamp it in UTC), as precise as the stamp


def replay_of(url: str | None) -> Replay | None:
    """Return the replay address taken apart, or None for any other address.

    >>> replay_of("https://web.archive.org/web/20190315120000/https://example.com/a").original
    'https://example.com/a'
    """
    found = REPLAY_PATH.match(url or "")
    if found is None:
        return None
    captured = _moment(found["stamp"])
    if captured is None:
        return None
    original = re.sub(r"^(https?:)/(?!/)", r"\1//", found["original"], flags=re.I)
    return Replay(address=url, original=original, captured=captured)


def without_banner(page: str) -> str:
    """Return the page without the banner a replay wrote into it."""
    if BANNER_MARK not in page:  # a plain search first: most pages are not replays
        return page
    # The first start, then the first end after it: one pass, however many starts a page repeats.
    start = BANNER_START.search(page)
    end = BANNER_END.search(page, start.end()) if start else None
    return page[:start.start()] + page[end.end():] if end else page


def _moment(stamp: str) -> str | None:
    """Return a replay timestamp (YYYYMMDD[hh[mm[ss]]]) as ISO 8601, or None when it is no moment."""
    if len(stamp) < 8 or len(stamp) % 2:
        return None
    try:
        moment = datetime.strptime(stamp.ljust(14, "0"), "%Y%m%d%H%M%S")
    except ValueError:
        return None
    return moment.strftime("%Y-%m-%d") if len(stamp) == 8 else moment.strftime("%Y-%m-%dT%H:%M:%SZ")
