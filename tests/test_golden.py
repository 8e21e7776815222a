"""Every case in tests/corpus imports to exactly its expected Markdown, with no clutter left."""

from __future__ import annotations

import pytest

from conftest import UPDATE_GOLDEN, corpus_cases
from golden import EXPECTED, import_case, lines_of

CASES = [c for c in corpus_cases() if not c.name.startswith("hostile_")]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_golden_capture_imports_to_expected_markdown(case):
    _, text = import_case(case)
    expected = case / EXPECTED
    if UPDATE_GOLDEN or not expected.exists():
        expected.write_text(text, encoding="utf-8")
        if not UPDATE_GOLDEN:
            pytest.fail(f"{case.name}: no {EXPECTED} yet; wrote one, review it and commit")
    assert text == expected.read_text(encoding="utf-8")


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_golden_keeps_article_sentences_and_drops_clutter(case):
    _, text = import_case(case)
    for line in lines_of(case / "must_contain.txt"):
        assert line in text, f"{case.name}: missing {line!r}"
    for line in lines_of(case / "must_not_contain.txt"):
        assert line not in text, f"{case.name}: clutter left: {line!r}"
