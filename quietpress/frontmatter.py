"""Stage 5a: article metadata to YAML front matter and back, through the YAML library only."""

from __future__ import annotations

import re
from typing import Any, Mapping

import yaml

from quietpress.decode import remove_control_characters
from quietpress.errors import FrontMatterError

# The only keys the importer writes, in the order they appear. A capture can never set a key
# Pelican obeys (save_as, url, template, status, ...): anything else is dropped here.
KEYS = ("title", "date", "modified", "authors", "agency", "category", "section", "tags", "summary", "site", "source_url", "captured",
        "capture_sha256", "capture", "captures", "image", "lang", "author_bio")
FENCE = "---"
# Each tag and author gets a page: a page listing 5,000 `article:tag`s made 5,000 pages from one
# capture. Among the 181 real pages of the scrapinghub corpus the most are 86 tags and 5 authors
# (measured with extract_metadata); what is beyond these limits is dropped.
LIST_LIMITS = {"tags": 200, "authors": 50}
# Values the site turns into links or image sources: written only when they are web URLs (or, for
# a kept image, a relative path), so a page's `og:image` of `javascript:...` never reaches a file.
URL_KEYS = ("source_url", "image")
# The only relative value is the local copy of an image: a capture's own `og:image` of
# `../../../../etc/passwd` made the page point at that file of the reader's machine.
WEB_URL = re.compile(r"^(https?://[^\s]+|(\.\./\.\./)?images/[^/\\\s]+)$")
# Characters YAML would fold or break a plain or single-quoted scalar on. A value holding one is
# written double-quoted, where they are escapes and the value stays on one line: a title such as
# "a\n---\nb" written as a multi-line scalar put a `  ---` line in the block, and markdown-it's
# front-matter plugin closed the block there (tests/test_frontmatter.py pins it).
LINE_BREAKING = re.compile("[\n\r\x85\u2028\u2029\ufeff]")


class _Dumper(yaml.SafeDumper):
    """Safe dumper that never uses aliases: every value stands on its own."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = '"' if LINE_BREAKING.search(value) else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _represent_str)


class _Loader(yaml.SafeLoader):
    """Safe loader that refuses aliases: `&a [*b, *b, ...]` nests a few lines into billions of
    values once Pelican turns them into text (the "billion laughs"), and no article needs one."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise yaml.composer.ComposerError(None, None, "aliases (*name) are not allowed in front matter",
                                              event.start_mark)
        return super().compose_node(parent, index)


_FAST_LOADER = getattr(yaml, "CSafeLoader", _Loader)


def normalise_value(value: Any) -> Any:
    """Return a front-matter value as it is written: line ends as `\\n`, control characters removed.

    This is the one deliberate change on the way to YAML (they break the XML of feeds); tabs,
    newlines, line and paragraph separators, BOMs, emoji and right-to-left text are kept exactly.
    """
    if isinstance(value, str):
        return remove_control_characters(value.replace("\r\n", "\n").replace("\r", "\n"))
    if isinstance(value, (list, tuple)):
        return [normalise_value(v) for v in value]
    if isinstance(value, Mapping):
        return {str(k): normalise_value(v) for k, v in value.items()}
    return value


def _web_url(value: Any) -> bool:
    return isinstance(value, str) and WEB_URL.match(value) is not None


def render_front_matter(metadata: Mapping[str, Any]) -> str:
    """Return the `---` fenced YAML block for the known keys that have a value.

    >>> render_front_matter({"title": "A: B"})
    "---\\ntitle: 'A: B'\\n---\\n"
    """
    values = {k: normalise_value(metadata[k]) for k in KEYS if k in metadata}
    for key, limit in LIST_LIMITS.items():
        if isinstance(values.get(key), list):
            values[key] = values[key][:limit]
    values = {k: v for k, v in values.items() if v not in (None, "", [], {}) and (k not in URL_KEYS or _web_url(v))}
    body = yaml.dump(values, Dumper=_Dumper, allow_unicode=True, sort_keys=False, default_flow_style=False,
                     width=float("inf"))
    return f"{FENCE}\n{body}{FENCE}\n"


def split_front_matter(text: str, path: str = "<text>") -> tuple[dict[str, Any], str, int]:
    """Return (metadata, body, line where the body starts) of a Markdown file with front matter.

    Raises FrontMatterError with the file and line when the YAML is broken.
    """
    # Files edited by hand may carry a BOM or Windows line ends; neither should hide the block.
    text = text.removeprefix("\ufeff")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.startswith(FENCE + "\n"):
        return {}, text, 1
    end = text.find("\n" + FENCE + "\n", len(FENCE))
    if end == -1:
        if text.endswith("\n" + FENCE):
            end = len(text) - len(FENCE) - 1
        else:
            raise FrontMatterError(path, "front matter opened with '---' is never closed", 1)
    block = text[len(FENCE) + 1: end + 1]
    body_start = end + len(FENCE) + 2
    return parse_front_matter(block, path), text[body_start:], block.count("\n") + 3


def parse_front_matter(block: str, path: str = "<text>") -> dict[str, Any]:
    """Return the YAML mapping of a front-matter block (without fences)."""
    # An alias needs a `*`; without one, libyaml's loader (same safe constructors and error marks,
    # about 8 times faster) reads the block: a 10,000-article build otherwise spends seconds here.
    loader = _Loader if "*" in block else _FAST_LOADER
    try:
        data = yaml.load(block, Loader=loader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 2 if mark else None
        problem = getattr(error, "problem", None) or "invalid YAML"
        raise FrontMatterError(path, f"bad front matter: {problem}", line) from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise FrontMatterError(path, "front matter is not a mapping of keys", 2)
    return data
