"""The publication date of an HTML page, from the strongest evidence it offers.

Evidence in order of trust, as measured with `make bench-meta` on its tuning part:
1. a machine-readable published date (ISO 8601) in JSON-LD, article/Open Graph meta, Dublin Core or
   microdata: written by the CMS for machines;
2. a `<time datetime>` element: written for machines too, next to the date a reader sees;
3. the date in the URL's path (/2019/11/18/, /2019/nov/18/, -20191118);
4. the date on the byline of the page's only headline: a short line that is mostly a date, under
   the headline (past its standfirst and photo caption, before the article's first sentence) or on
   the kicker line right above it; a date labelled "Updated" gives way to the byline's published
   date. Then htmldate's search (meta names we do not know, dates in the text), asked for the
   original date, not the latest one;
5. a structured date written for people ("Jun 24, 2025" in JSON-LD, where schema.org wants ISO
   8601): a template filled that value, often with the day the page was rendered, so it ranks below
   what the page shows.
A page with none of these has no date: nothing is invented.

A stamp kept in UTC ("2025-12-19T02:41Z") can fall on the next day for the page's own readers; when
the page's local evidence (the URL, the visible byline) gives the day before or after, that local
day is the article's day.
"""

from __future__ import annotations

import contextlib
import io
import logging
import re
from dataclasses import dataclass
from datetime import date, datetime
from urllib.parse import urlsplit

from lxml import etree

from quietpress.extract.byline import BYLINE_FIELDS
from quietpress.extract.datescan import faster_htmldate
from quietpress.extract.headline import BYLINE_PIECES, KICKER_PIECES, TEXT_ABOVE, TEXT_BELOW, headline_element
from quietpress.extract.language import language_code

# /2019/11/18/, /2019-11-18-, and the month as a word: /2019/nov/18/.
URL_DATE = re.compile(r"/(20\d\d|19\d\d)[/-](\d{1,2}|[a-z]{3,9})[/-](\d{1,2})(?:/|-|$)", re.I)
# The day as eight digits, a path segment or a slug's end: /20200705/, -20200113. An id of more
# digits is not a date; neither is one in the query, which is a link's, not the page's.
URL_COMPACT_DATE = re.compile(r"[/-](20\d\d|19\d\d)(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?:/|-|\.|$)")

# htmldate's default search goes through the visible text when meta and markup say nothing;
# measured on the tuning parts, that finds more right dates than wrong ones.
HTMLDATE_EXTENSIVE = True


@dataclass(frozen=True)
class DateEvidence:
    """What a page says about its own date, each as ISO 8601 or None."""

    machine: str | None = None      # JSON-LD, meta or microdata, machine-readable
    time_element: str | None = None  # the first <time datetime>
    written: str | None = None      # JSON-LD or meta, written for people and parsed by us
    url: str | None = None          # the date in the page's URL


def publication_date(root: etree._Element, evidence: DateEvidence, url: str | None,
                     headline: str | None = None) -> str | None:
    """Return the page's publication date (ISO date or date-time), or None when it gives none.

    `headline` is the article's title as the page shows it: where the page has no single <h1>, the
    element that shows it is the headline whose byline is read.
    """
    found = evidence.machine or evidence.time_element or _zoned_stamp(evidence.written)
    local = None
    if found is None or _is_utc(found) or _unzoned_time(found):
        # A UTC stamp, or a time of day with no zone, does not say which day its readers saw: the
        # page's local evidence is asked for, htmldate's search (the slow part) last.
        local = evidence.url or _local_stamp(evidence.time_element) or byline_date(root, headline) or _htmldate(root, url, evidence)
    elif len(found) > 10:
        # A stamp in a local zone can still be a UTC time with the site's offset written after it
        # ("04:31-06:00" beside "Nov 19, 10:31 pm CST"): the day the byline shows is the readers'.
        local = byline_date(root, headline)
    if found is None:
        return local or evidence.written
    if local and len(found) > 10 and _one_day_apart(found, local):
        return local[:10]
    if len(found) == 10 and evidence.url and _one_day_apart(found, evidence.url):
        # A day with no time, a day off the address's: the CMS cut a UTC stamp to its day
        # ("2019-11-19" for 10:05 pm in New York on the 18th, filed under /2019/11/18/).
        return evidence.url
    return found


def url_date(url: str | None) -> str | None:
    """Return the date a URL's path gives (/2019/11/18/, /2019/nov/18/, /20191118/), or None."""
    from quietpress.extract.dates import MONTHS

    try:
        path = urlsplit(url or "").path
    except ValueError:  # "http://[broken": a URL that does not parse has no date to give
        return None
    match = URL_DATE.search(path) or URL_COMPACT_DATE.search(path)
    if not match:
        return None
    month = int(match[2]) if match[2].isdigit() else MONTHS.get(match[2].casefold(), 0)
    try:
        return date(int(match[1]), month, int(match[3])).isoformat()
    except ValueError:
        return None


def _htmldate(root: etree._Element, url: str | None, evidence: DateEvidence) -> str | None:
    """Return htmldate's original date for the page, or None.

    htmldate turns a year found alone (a copyright line, "© 2026") into the 1st of January, and a
    month alone (an address's "/2019/03/", a link to a month's archive) into its 1st; that day is
    invented, so a 1st is kept only when the page's own evidence names it too (a byline's
    "1 March 2019" is read before htmldate is asked).
    """
    from htmldate import find_date

    # htmldate logs (and some versions print) what it could not parse; that is not ours to show.
    logging.getLogger("htmldate").setLevel(logging.CRITICAL)
    # Its page scan runs over the text near digits only: the same dates in less time (datescan.py).
    with contextlib.redirect_stderr(io.StringIO()), faster_htmldate(_declared_language(root)):
        try:
            found = find_date(root, url=url, original_date=True, extensive_search=HTMLDATE_EXTENSIVE)
        except (ValueError, TypeError, RecursionError):
            return None
    if found and found.endswith("-01") and not any((e or "").startswith(found) for e in (evidence.written, evidence.url)):
        return None
    return found


def _declared_language(root: etree._Element) -> str | None:
    """The language the page declares on its <html> element ("en-GB" is "en"), or None."""
    return language_code(root.get("lang") or root.get("{http://www.w3.org/XML/1998/namespace}lang"))


# A piece of text this long is a sentence of the article, not a byline.
BODY_PIECE_CHARS = 80
FIGURE_TAGS = ("figure", "figcaption")
# "Updated", "Last modified", in the languages the dates module reads.
UPDATE_LABEL = re.compile(r"updat|modifi|actualiza|aktualisiert|mis[e]? à jour|atualiza|aggiorna|bijgewerkt", re.I)


def byline_date(root: etree._Element, headline: str | None = None) -> str | None:
    """Return the date written next to the page's headline (its byline), or None.

    The byline is looked for under the headline first, then in the line or two right above it.
    """
    heading = headline_element(root, headline)
    if heading is None:
        return None
    below = TEXT_BELOW(heading)
    # The lines above are read top down, as a reader does: a published date comes before an
    # "Updated:" one.
    above = TEXT_ABOVE(heading)
    return _first_date_line(below, BYLINE_PIECES) or _first_date_line(above, KICKER_PIECES)


def _first_date_line(texts: list, most: int) -> str | None:
    """Return the date of the first line that is mostly a date, before the article's text begins.

    A date labelled as an update ("Updated: Dec 19, 2025", or "Last updated:" on the line before)
    is the modified date: the published date on a later line of the byline is preferred to it.
    """
    from quietpress.extract.dates import find_date

    pieces = 0
    label = ""
    update = None  # the first date labelled as an update
    for text in texts:
        piece = " ".join(str(text).split())
        if not piece:
            continue
        pieces += 1
        # A long line right under the headline is its standfirst, and one in a figure is a photo's
        # caption: the byline may come after either.
        sentence = len(piece) >= BODY_PIECE_CHARS and pieces > 1 and not _in_figure(text)
        if sentence or pieces > most:
            break  # the article's text has begun: its dates (an embedded post's) are not the byline's
        found = None
        # A bar parts a byline's fields ("By Peter Lang | Record Staff | April 2, 2008"): each is a line.
        for part in BYLINE_FIELDS.split(piece):
            found = find_date(part)
            # The byline's date is most of its line ("By Carrie Arnold November 15, 2019"); a date inside
            # a longer line is a headline's or a list's ("Winners of 2020/7/11-12, Danon Splendor...").
            if found and (found.end - found.start) * 3 >= len(part):
                if not UPDATE_LABEL.search(f"{label} {part[:found.start]}"):
                    return found.value[:10]
                update = update or found.value[:10]
            label = "" if found else part  # a line of its own, "Last updated:", labels the next
    return update


def _in_figure(text) -> bool:
    """Return whether a text belongs to a photo (its caption, its credit)."""
    parent = text.getparent()
    return parent is not None and (parent.tag in FIGURE_TAGS or next(parent.iterancestors(*FIGURE_TAGS), None) is not None)


def _zoned_stamp(written: str | None) -> str | None:
    """Return a date written for people that carries its time and time zone ("Tue, Sep 15 2020
    10:01:41 EDT"): a template that fills in the day it renders writes no time of day with it."""
    return written if written and len(written) > 10 and written[-6] in "+-" else None


def _local_stamp(stamp: str | None) -> str | None:
    """Return a stamp written in a local offset (`<time datetime="...-05:00">`), not in UTC."""
    return stamp if stamp and len(stamp) > 10 and not _is_utc(stamp) and stamp[-6] in "+-" else None


def _unzoned_time(stamp: str) -> bool:
    """A time of day with no zone ("2019-11-19T02:24:00"): often UTC, written by a server that dropped it."""
    return len(stamp) > 10 and "T" in stamp and stamp[-6] not in "+-" and not stamp.endswith("Z")


def _is_utc(stamp: str) -> bool:
    return len(stamp) > 10 and (stamp.endswith("+00:00") or stamp.endswith("Z"))


def _one_day_apart(first: str, second: str) -> bool:
    try:
        return abs((date.fromisoformat(first[:10]) - date.fromisoformat(second[:10])).days) == 1
    except ValueError:
        return False


def is_machine_date(value: str) -> bool:
    """Return whether a date value is ISO 8601 as machines write it (not "Jun 24, 2025")."""
    try:
        datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return False
    return True
