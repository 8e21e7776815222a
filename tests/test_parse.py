"""The parse stage's rewriting of numeric character references before lxml reads the page."""

from __future__ import annotations

import os
import re

from hypothesis import HealthCheck, given, settings, strategies as st

from quietpress.parse import CONTROL_REFERENCE, _control_reference, parse_html

PROFILE = settings(max_examples=3000 if os.environ.get("HYPOTHESIS_PROFILE") == "long" else 300, deadline=None,
                   suppress_health_check=[HealthCheck.too_slow])
# Every numeric reference, whatever its number: what the rewriting must agree with.
ANY_REFERENCE = re.compile(r"&#(x[0-9a-f]+|[0-9]+);?", re.I)
REFERENCE_TEXT = st.lists(st.sampled_from(["&#", "&#x", "&#X", "0", "1", "2", "3", "7", "9", "f", "F", "a", "x",
                                           ";", "&", " ", "12", "13", "127", "159", "160", "8217", "00"]),
                          max_size=30).map("".join)


@PROFILE
@given(REFERENCE_TEXT)
def test_only_references_that_change_are_matched_and_the_text_is_the_same(text):
    assert CONTROL_REFERENCE.sub(_control_reference, text) == ANY_REFERENCE.sub(_control_reference, text)


def test_control_references_are_rewritten_and_others_kept():
    rewritten = CONTROL_REFERENCE.sub(_control_reference, "a&#14;b&#x7F;c&#150;d&#13;e&#8217;f&#0009;g&#x00000080;")
    assert rewritten == "abc\u2013d\ne&#8217;f&#0009;g\u20ac"


def test_a_page_with_a_control_reference_parses_without_it():
    root = parse_html("<html><body><p>one&#14;two &#x2019;</p></body></html>")
    assert root.findtext(".//p") == "onetwo \u2019"
