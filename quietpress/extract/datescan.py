"""htmldate's scan of a page's markup for dates, run over the text near digits only.

Where a page gives no machine-readable date, htmldate's extensive search runs about ten patterns
over the whole serialized page (`findall` on 150 kB of markup on average on the benchmark pages),
and a pattern that opens with `\\D` is tried at every character: on the tune pages those scans
took a third of htmldate's time (17 of 54 s in a profile of `scripts/dump_import.py --split tune`).

Each of those patterns matches only digits with at most `margin` other characters before the first,
between two and after the last (and looks behind no further than that): a character further than
`margin` from every digit is never part of a match. `near_digits()` keeps the parts of the text
within `margin` of a digit, joined by one NUL (a non-digit `margin` + 1 from the nearest digit, so
no match can hold it), and `findall` over the shorter text returns the same matches in the same
order (tests/test_datescan.py checks it on generated text). The dates found are the same on every
page of both parts of the corpora (`scripts/dump_import.py --compare`); in profiles of two tune
runs side by side, 25.1 s of scans became 3.4 s of scans and 9.2 s of shortening.

`faster_htmldate()` puts that in htmldate's candidate filter for the duration of a block, the way
xpathguard.py guards trafilatura's expressions; the library's own function comes back afterwards.

It also hands htmldate's last resort, dateparser (for a string its own patterns could not read),
the page's declared language. Asked with none, dateparser tries each of its 400 locales on the
first such string a process meets, compiling their patterns: 2.5 to 6 s per process (per worker
of an import), a twelfth of the extraction benchmark's time on the WCXB tune pages; for one
language, a tenth of a second.
"""

from __future__ import annotations

import importlib
import re
from collections import Counter
from contextlib import contextmanager
from functools import lru_cache
from typing import Callable, Iterator

# htmldate's patterns of its page scan (htmldate/core.py), by their text, each with its margin: one
# separator or boundary character around or between digits; SIMPLE_PATTERN's also looks behind six
# characters before its boundary (`(?<!w3.org)\D`). A pattern not listed here, or one whose text
# changes in a new htmldate, is scanned over the whole page as before. COPYRIGHT_PATTERN allows
# 99 characters between its mark and its year and opens with literals, which are scanned fast.
MARGINS = {
    r"/([0-9]{4}/[0-9]{2}/[0-9]{2})[01/]": 1,
    r"\D([0-9]{4}[/.-][0-9]{2}[/.-][0-9]{2})\D": 1,
    r"\D([0-3]?[0-9][/.-][0-1]?[0-9][/.-][0-9]{4})\D": 1,
    r"(\D19[0-9]{2}[01][0-9][0-3][0-9]\D|\D20[0-9]{2}[01][0-9][0-3][0-9]\D)": 1,
    r"\D([0-3]?[0-9]/[0-1]?[0-9]/[0129][0-9]|[0-3][0-9]\.[01][0-9]\.[0129][0-9])\D": 1,
    r"\D([12][0-9]{3}[/.-](?:1[0-2]|0[1-9]))\D": 1,
    r"\D([0-1]?[0-9][/.-][12][0-9]{3})\D": 1,
    r"(?<!w3.org)\D((?:199[0-9]|20[0-3][0-9]))\D": 7,
}
WIDEST = max(MARGINS.values())
# What stands for a stretch taken out: a non-digit, farther than the margin from every digit.
GAP = "\x00"


@lru_cache(maxsize=None)
def _digits_with_gaps(margin: int) -> re.Pattern:
    # Digits whose stretches of other characters between them are short enough for their margins
    # to meet. Opening with a digit, the pattern is tried at digits only.
    return re.compile(rf"\d+(?:\D{{0,{2 * margin}}}\d+)*")


def near_digits(text: str, margin: int) -> str:
    """Return the parts of the text within `margin` characters of a digit, joined by NULs.

    >>> near_digits("on 2024-05-01, in a long sentence, 1999", 1)
    ' 2024-05-01,\\x00 1999'
    """
    # A list, not a generator: join makes one anyway, and a page has thousands of runs.
    return GAP.join([text[max(run.start() - margin, 0):run.end() + margin]
                     for run in _digits_with_gaps(margin).finditer(text)])


class _ShortenedPages:
    """The last page scanned, shortened once per margin: one search tries many patterns on it."""

    def __init__(self) -> None:
        self.page: str | None = None
        self.shortened: dict[int, str] = {}

    def get(self, page: str, margin: int) -> str:
        if page is not self.page:
            # The widest margin first, and the narrower texts cut from it: a fifth of the page.
            # (What holds for any text holds for the shortened one: cutting twice keeps the matches.)
            self.page, self.shortened = page, {WIDEST: near_digits(page, WIDEST)}
        if margin not in self.shortened:
            self.shortened[margin] = near_digits(self.shortened[WIDEST], margin)
        return self.shortened[margin]


def _filter_near_digits(stock: Callable[..., Counter], pages: _ShortenedPages) -> Callable[..., Counter]:
    def plausible_year_filter(htmlstring: str, *, pattern: re.Pattern, **bounds) -> Counter:
        margin = MARGINS.get(pattern.pattern) if pattern.flags == re.UNICODE else None
        if margin is not None:
            htmlstring = pages.get(htmlstring, margin)
        return stock(htmlstring, pattern=pattern, **bounds)

    return plausible_year_filter


@contextmanager
def faster_htmldate(language: str | None = None) -> Iterator[None]:
    """Run a block with htmldate's page scan over the text near digits, and its date parser of last
    resort told the page's language (an ISO 639-1 code); its own come back afterwards."""
    core = importlib.import_module("htmldate.core")
    extractors = importlib.import_module("htmldate.extractors")
    stock, external = core.plausible_year_filter, extractors._external_date
    core.plausible_year_filter = _filter_near_digits(stock, _ShortenedPages())
    parser = _date_parser(language) if language else None
    if parser is not None:
        extractors._external_date = lambda string: _parsed_date(parser, string)
    try:
        yield
    finally:
        core.plausible_year_filter, extractors._external_date = stock, external


@lru_cache(maxsize=32)
def _date_parser(language: str):
    """dateparser set as htmldate sets it, for one language; None for a language it does not know."""
    from dateparser import DateDataParser
    from dateparser.data.languages_info import language_order

    # A code it does not know would give no date, where its search of every locale may find one.
    if language not in language_order:
        return None
    return DateDataParser(languages=[language], settings=HTMLDATE_PARSER_SETTINGS)


# htmldate's settings of dateparser (htmldate.extractors.get_external_parser, htmldate 1.11).
HTMLDATE_PARSER_SETTINGS = {"NORMALIZE": True, "PARSERS": ["custom-formats", "absolute-time"],
                            "PREFER_DATES_FROM": "past", "PREFER_LOCALE_DATE_ORDER": True,
                            "RETURN_AS_TIMEZONE_AWARE": False, "STRICT_PARSING": True}


def _parsed_date(parser, string: str):
    try:
        return parser.get_date_data(string)["date_obj"]
    except (OverflowError, ValueError):
        return None
