"""The search index's posting lists, brought up to date between builds (quietpress/site/postings.py).

Whatever the earlier archive and the changes (articles added with new or reused ids, edited,
deleted), the lists kept and updated must be exactly those of an index made from nothing.
"""

from __future__ import annotations

import json

from hypothesis import given, settings, strategies as st

from quietpress.site import postings
from quietpress.site.postings import PostingLists

TERMS = ["flood", "bridge", "council", "budget", "river", "storm"]
# An archive: doc id -> (source, weighted counts).
archives = st.dictionaries(
    st.integers(min_value=0, max_value=40),
    st.tuples(st.sampled_from(["a", "b", "c"]),
              st.dictionaries(st.sampled_from(TERMS), st.integers(min_value=1, max_value=30), max_size=4)),
    max_size=25)


def made_from_nothing(archive: dict[int, tuple[str, dict[str, int]]]) -> PostingLists:
    lists = PostingLists()
    for doc_id in sorted(archive):
        source, counts = archive[doc_id]
        lists.put(doc_id, source, counts)
    lists.settle()
    return lists


def brought_up_to_date(lists: PostingLists, archive: dict[int, tuple[str, dict[str, int]]]) -> PostingLists:
    """What build_index does: documents in id order, tokenized only when their source changed."""
    for doc_id in sorted(archive):
        source, counts = archive[doc_id]
        if not lists.holds(doc_id, source):
            lists.put(doc_id, source, counts)
    lists.keep_only(set(archive))
    lists.settle()
    return lists


def decoded(lists: PostingLists) -> dict[str, list[tuple[int, int]]]:
    result = {}
    for term, text in lists.encoded.items():
        flat, doc, pairs = json.loads(text), 0, []
        for delta, tf in zip(flat[0::2], flat[1::2]):
            doc += delta
            pairs.append((doc, tf))
        result[term] = pairs
    return result


@settings(max_examples=400, deadline=None)
@given(archives, archives)
def test_updated_lists_equal_lists_made_from_nothing(before, after):
    # The same id with the same source has the same counts (a source names its content).
    after = {doc_id: (before[doc_id] if doc_id in before and before[doc_id][0] == source else (source, counts))
             for doc_id, (source, counts) in after.items()}
    # Small blocks too, so that lists of a few documents span several blocks.
    for block in (2, 3, postings.BLOCK):
        saved, postings.BLOCK = postings.BLOCK, block
        try:
            updated = brought_up_to_date(made_from_nothing(before), after)
            fresh = made_from_nothing(after)
        finally:
            postings.BLOCK = saved
        assert updated.encoded == fresh.encoded
        assert updated.last_id == fresh.last_id
        assert updated.lengths() == fresh.lengths()
        assert all(0 < b[2] <= block for blocks in updated.blocks.values() for b in blocks)


def test_lists_hold_ids_ascending_with_frequencies():
    lists = made_from_nothing({3: ("a", {"flood": 2}), 7: ("b", {"flood": 5, "river": 1})})
    assert decoded(lists) == {"flood": [(3, 2), (7, 5)], "river": [(7, 1)]}
    assert lists.lengths() == {3: 2, 7: 6}


def test_an_article_with_the_next_id_is_appended(tmp_path):
    lists = made_from_nothing({0: ("a", {"flood": 1}), 1: ("b", {"river": 2})})
    lists.save(tmp_path / "postings.pickle", b"salt")
    again = PostingLists.load(tmp_path / "postings.pickle", b"salt")
    brought_up_to_date(again, {0: ("a", {"flood": 1}), 1: ("b", {"river": 2}), 2: ("c", {"flood": 4})})
    assert decoded(again)["flood"] == [(0, 1), (2, 4)]
    # Lists saved with other settings or code are not used.
    assert PostingLists.load(tmp_path / "postings.pickle", b"other").encoded == {}


def test_large_gaps_and_frequencies_are_encoded_as_small_ones():
    lists = made_from_nothing({3: ("a", {"flood": 2}), 9000: ("b", {"flood": 70000}), 9001: ("c", {"flood": 1})})
    assert decoded(lists) == {"flood": [(3, 2), (9000, 70000), (9001, 1)]}
    assert lists.encoded["flood"] == "[3,2,8997,70000,1,1]"
