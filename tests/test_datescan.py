"""htmldate's page scan over the text near digits finds exactly what its scan of the whole page finds."""

from __future__ import annotations

import importlib
import os
import re

from hypothesis import HealthCheck, example, given, settings, strategies as st

from quietpress.extract.datescan import GAP, MARGINS, faster_htmldate, near_digits

CORE = importlib.import_module("htmldate.core")
PROFILE = settings(max_examples=3000 if os.environ.get("HYPOTHESIS_PROFILE") == "long" else 300, deadline=None,
                   suppress_health_check=[HealthCheck.too_slow])
# Markup with dates in every shape htmldate looks for, and the characters around them that
# matter: separators, the lookbehind's "w3.org", Unicode digits, NUL itself.
PIECES = ["2024", "1999", "2031", "05", "5", "12", "31", "0", "/", "-", ".", " ", "  ", ":", "w3.org", "©",
          "<p>", "</span>", 'class="d"', "on ", "Posted by Ann on ", "\u0663", "\x00", "19991231", "202401"]
MARKUP = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=12)), max_size=60).map("".join)


def scan_patterns():
    """htmldate's patterns that the shortened scan serves, as compiled by htmldate itself."""
    patterns = [value for value in vars(CORE).values() if isinstance(value, re.Pattern) and value.pattern in MARGINS]
    return patterns


def test_every_listed_pattern_is_one_htmldate_scans_the_page_with():
    # A pattern whose text changed in htmldate falls back to the whole page; this says it happened.
    assert {pattern.pattern for pattern in scan_patterns()} == set(MARGINS)


@PROFILE
@given(MARKUP)
@example("Published 12/05/2024 and 2024-05-12, © 2023 w3.org/1999 " + "x" * 40 + " 20240512 05.2024 on 2024/05/12/")
@example("www.w3.org 2020 " + "y" * 20 + " 1999 ")
def test_the_same_matches_in_the_same_order_on_the_shortened_text(markup):
    for pattern in scan_patterns():
        margin = MARGINS[pattern.pattern]
        assert pattern.findall(near_digits(markup, margin)) == pattern.findall(markup), pattern.pattern
        # cut from the widest margin's text, as a search does
        narrower = near_digits(near_digits(markup, max(MARGINS.values())), margin)
        assert pattern.findall(narrower) == pattern.findall(markup), pattern.pattern


def test_only_the_text_within_the_margin_of_a_digit_is_kept_and_parts_are_joined_by_a_gap():
    assert near_digits("a long line of words, then 2024-05-12 and more words", 1) == " 2024-05-12 "
    assert near_digits("on 5 May, then on 12 June", 2) == f"n 5 M{GAP}n 12 J"
    assert near_digits("no digits at all here", 3) == ""
    assert near_digits("x 5 y", 1) == " 5 "


def test_htmldate_finds_the_same_date_with_the_shortened_scan():
    page = ("<html><body><div><p>" + "Words of the story. " * 40 + "</p><p>Filed 12.05.2021 by the desk</p>"
            "<p>" + "More words. " * 40 + "</p><footer>w3.org/1999 &copy; 2023</footer></div></body></html>")
    stock = CORE.find_date(page, original_date=True, extensive_search=True)
    with faster_htmldate():
        assert CORE.plausible_year_filter is not STOCK_FILTER
        assert CORE.find_date(page, original_date=True, extensive_search=True) == stock
    assert stock == "2021-05-12"
    assert CORE.plausible_year_filter is STOCK_FILTER


STOCK_FILTER = CORE.plausible_year_filter


def test_htmldates_last_resort_reads_in_the_pages_language_and_comes_back_afterwards():
    from datetime import datetime

    extractors = importlib.import_module("htmldate.extractors")
    stock = extractors._external_date
    with faster_htmldate("de"):
        assert extractors._external_date("24. Februar 2026") == datetime(2026, 2, 24)
    with faster_htmldate("en"):
        assert extractors._external_date("February 24, 2026") == datetime(2026, 2, 24)
    assert extractors._external_date is stock


def test_a_language_the_date_parser_does_not_know_leaves_htmldates_own_search():
    extractors = importlib.import_module("htmldate.extractors")
    stock = extractors._external_date
    with faster_htmldate("xx"):
        assert extractors._external_date is stock
    with faster_htmldate(None):
        assert extractors._external_date is stock
