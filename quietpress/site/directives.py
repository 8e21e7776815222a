"""Pelican's file link directives (`{static}`, `{attach}`, `{filename}`) kept inside `content/`.

Pelican reads `<a href="{attach}../x">` in any content's HTML as "copy this file into the site",
and joins the path to the content folder without checking where it lands: `../../etc/passwd` was
published, and with `{static}` and an output folder at another depth, a file was written outside
the output. Our reader never produces a directive (sanitize.neutralise_directives); this receiver
covers every reader, and refuses a file directive that resolves outside the content folder.
"""

from __future__ import annotations

import logging
import os
from urllib.parse import unquote, urlsplit

logger = logging.getLogger(__name__)

FILE_DIRECTIVES = ("filename", "static", "attach")
OPENER_REFERENCES = {"{": "&#123;", "|": "&#124;"}


def refuse_outside_links(content) -> None:
    """Receiver for content_object_init: turn file directives leaving `content/` into plain text."""
    body = content.__dict__.get("_content")
    if not isinstance(body, str) or ("{" not in body and "|" not in body):
        return
    root = os.path.realpath(content.settings["PATH"])
    source = getattr(content, "source_path", None) or root
    pattern = content._get_intrasite_link_regex()

    def refuse(match) -> str:
        if match.group("what") not in FILE_DIRECTIVES or _inside(root, source, match.group("value")):
            return match.group(0)
        logger.warning("%s: link %s points outside the content folder: left as text, no file copied",
                       source, match.group("path"))
        start = match.start("path") - match.start(0)
        text = match.group(0)
        return text[:start] + OPENER_REFERENCES.get(text[start], text[start]) + text[start + 1:]

    content._content = pattern.sub(refuse, body)


def _inside(root: str, source: str, value: str) -> bool:
    """True when a directive's path (from the content root if it starts with `/`, else from the
    content's own folder) names a file inside the content folder, symbolic links followed."""
    path = unquote(urlsplit(value).path)
    base = root if path.startswith("/") else os.path.dirname(os.path.realpath(source))
    target = os.path.realpath(os.path.join(base, path.lstrip("/")))
    return target == root or target.startswith(root + os.sep)
