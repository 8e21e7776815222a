"""Stage 5a: article metadata to YAML front matter and back, through the YAML library only."""

from __future__ import annotations

from typing import Any, Mapping

import yaml

from quietpress.errors import FrontMatterError

# The only keys the importer writes, in the order they appear. A capture can never set a key
# Pelican obeys (save_as, url, template, status, ...): anything else is dropped here.
KEYS = ("title", "date", "modified", "authors", "category", "tags", "summary", "site", "source_url", "captured",
        "capture_sha256", "capture", "captures", "image", "lang", "author_bio")
FENCE = "---"


class _Dumper(yaml.SafeDumper):
    """Safe dumper that never uses aliases: every value stands on its own."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def render_front_matter(metadata: Mapping[str, Any]) -> str:
    """Return the `---` fenced YAML block for the known keys that have a value.

    >>> render_front_matter({"title": "A: B"})
    "---\\ntitle: 'A: B'\\n---\\n"
    """
    values = {k: metadata[k] for k in KEYS if metadata.get(k) not in (None, "", [], ())}
    values = {k: list(v) if isinstance(v, tuple) else v for k, v in values.items()}
    body = yaml.dump(values, Dumper=_Dumper, allow_unicode=True, sort_keys=False, default_flow_style=False,
                     width=float("inf"))
    return f"{FENCE}\n{body}{FENCE}\n"


def split_front_matter(text: str, path: str = "<text>") -> tuple[dict[str, Any], str, int]:
    """Return (metadata, body, line where the body starts) of a Markdown file with front matter.

    Raises FrontMatterError with the file and line when the YAML is broken.
    """
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
    try:
        data = yaml.safe_load(block)
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
