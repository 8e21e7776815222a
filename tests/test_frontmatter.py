"""Front matter: hostile values round-trip through write and read; only known keys are written."""

from __future__ import annotations

import pytest

from quietpress.errors import FrontMatterError
from quietpress.frontmatter import KEYS, parse_front_matter, render_front_matter, split_front_matter
from quietpress.site.reader import render_markdown

HOSTILE_VALUES = [
    "Line one\nline two", "---", "...", "a\n---\nb", "x\n...\ny", "Breaking: a: b", "It's \"quoted\"",
    "# not a comment", "&anchor", "*alias", "!tag", "%YAML 1.2", "@handle", "`tick`", "| literal", "> folded",
    "- item", "? key", "{a: b}", "[a, b]", "a #b", "yes", "no", "null", "~", "1e3", "0x1F", "2024-01-01",
    "tab\there", "emoji 😀👩🏽‍🚀", "עברית וערבית عربي", "\u202eevil\u202c", "line\u2028separator",
    "para\u2029separator", "\ufeffBOM first", " leading and trailing ", "\n", "\\ back\\slash", "'", '"',
    "<img src=x onerror=alert(1)>", "trailing colon:", "-", "a\u00a0b\u200bc",
]


def front_matter_through_reader(text: str) -> dict:
    """Read a Markdown file's front matter the way the site does (markdown-it front-matter plugin)."""
    _, _, block = render_markdown(text)
    assert block is not None, text
    return parse_front_matter(block)


@pytest.mark.parametrize("value", HOSTILE_VALUES, ids=range(len(HOSTILE_VALUES)))
def test_hostile_value_round_trips_exactly(value):
    metadata = {"title": value, "authors": [value, "Second"], "summary": value, "capture": {"path": value}}
    text = render_front_matter(metadata) + "\nBody.\n"
    for read in (split_front_matter(text)[0], front_matter_through_reader(text)):
        assert read["title"] == value
        assert read["authors"] == [value, "Second"]
        assert read["summary"] == value
        assert read["capture"] == {"path": value}
    assert split_front_matter(text)[1] == "\nBody.\n"


def test_value_with_fence_lines_stays_on_one_line():
    block = render_front_matter({"title": "a\n---\nb"})
    assert block == '---\ntitle: "a\\n---\\nb"\n---\n'


def test_control_characters_are_removed_and_line_ends_normalised():
    metadata = {"title": "a\x00b\x07c\x1bd\x7fe\x85f\r\ng\rh\ud800i"}
    read, _, _ = split_front_matter(render_front_matter(metadata))
    assert read["title"] == "abcdef\ng\nh\ufffdi"


def test_value_of_only_control_characters_is_left_out():
    assert render_front_matter({"title": "T", "summary": "\x00\x01"}) == "---\ntitle: T\n---\n"


def test_only_known_keys_are_written():
    hostile = {"title": "T", "save_as": "../../index.html", "url": "x", "template": "evil", "status": "draft",
               "slug": "index", "Save_As": "x", "title\nsave_as": "x"}
    read, _, _ = split_front_matter(render_front_matter(hostile))
    assert read == {"title": "T"}
    assert set(KEYS).isdisjoint({"save_as", "url", "template", "status", "slug", "lang_url", "translation"})


def test_aliases_are_refused_with_file_and_line():
    text = "---\ntitle: T\na: &a [x, x, x]\nb: [*a, *a, *a]\n---\nBody\n"
    with pytest.raises(FrontMatterError) as raised:
        split_front_matter(text, "content/articles/bomb.md")
    assert str(raised.value).startswith("content/articles/bomb.md:4: ")
    assert "aliases" in str(raised.value)


def test_bad_yaml_names_file_and_line():
    text = "---\ntitle: T\nauthors: [unclosed\ntags: x\n---\nBody\n"
    with pytest.raises(FrontMatterError) as raised:
        split_front_matter(text, "content/articles/broken.md")
    assert raised.value.line is not None and 3 <= raised.value.line <= 5
    assert str(raised.value).startswith(f"content/articles/broken.md:{raised.value.line}: bad front matter")


def test_python_tags_are_refused():
    with pytest.raises(FrontMatterError):
        parse_front_matter("title: !!python/object/apply:os.system ['echo hi']\n", "x.md")


def test_front_matter_that_is_not_a_mapping_is_refused():
    with pytest.raises(FrontMatterError):
        parse_front_matter("- a\n- b\n", "x.md")


def test_unclosed_front_matter_is_refused():
    with pytest.raises(FrontMatterError):
        split_front_matter("---\ntitle: T\nBody\n", "x.md")


def test_hand_edited_file_with_bom_and_windows_line_ends_is_read():
    read, body, _ = split_front_matter("\ufeff---\r\ntitle: T\r\n---\r\nBody\r\n")
    assert read == {"title": "T"} and body == "Body\n"


@pytest.mark.parametrize("url", ["javascript:alert(1)", "JAVASCRIPT:alert(1)", "vbscript:x", "data:text/html,x",
                                 "//evil.example/x", "java script:x"])
def test_link_values_that_are_not_web_urls_are_not_written(url):
    read, _, _ = split_front_matter(render_front_matter({"title": "T", "source_url": url, "image": url}))
    assert read == {"title": "T"}


def test_web_urls_and_local_image_paths_are_written():
    read, _, _ = split_front_matter(render_front_matter(
        {"title": "T", "source_url": "https://example.com/a?b=1", "image": "../../images/ab12.jpg"}))
    assert read["source_url"] == "https://example.com/a?b=1" and read["image"] == "../../images/ab12.jpg"


def test_tag_and_author_lists_are_bounded():
    read, _, _ = split_front_matter(render_front_matter(
        {"title": "T", "tags": [f"tag {i}" for i in range(5000)], "authors": [f"A {i}" for i in range(500)]}))
    assert read["tags"] == [f"tag {i}" for i in range(200)] and len(read["authors"]) == 50
