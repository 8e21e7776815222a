"""Content a page streams in after its first bytes, put where the page's scripts put it.

React renders a page in parts (streaming server rendering, as Next.js and Remix pages do): the
first bytes hold a placeholder for each part not ready yet (`<template id="B:1">` followed by a
loading skeleton, or `<template id="P:1">` alone), and the part follows later in the same
document as `<div hidden id="S:1">`, which a small script (`$RC`, `$RS`) moves into the
placeholder's place. A capture holds the document before any script ran: the content stands
hidden at the end of the page and would be pruned as hidden. Moved as the script moves it, it is
read where a reader sees it. The loading skeleton a boundary shows until then stays (a few empty
blocks, a spinner): the parse keeps no comments, and React marks its end with one.
"""

from __future__ import annotations

import re

from lxml import etree

from quietpress.extract.tree import detach, drop, unwrap

# React's ids: S:n for a streamed part, B:n for the boundary it fills (with a fallback shown
# until then), P:n for a placeholder of a part inside another part.
SEGMENT_ID = re.compile(r"S:(\d+)$")


def place_streamed_segments(root: etree._Element) -> None:
    """Move each hidden streamed part of the page into the place its placeholder holds."""
    slots = {slot.get("id"): slot for slot in root.iter("template") if slot.get("id")}
    if not slots:
        return
    for segment in list(root.iter("div")):
        found = SEGMENT_ID.match(segment.get("id") or "")
        if found is None or segment.get("hidden") is None:
            continue
        number = found.group(1)
        slot = slots.get(f"B:{number}", slots.get(f"P:{number}"))
        if slot is None or slot.getparent() is None or any(ancestor is segment for ancestor in slot.iterancestors()):
            continue
        del segment.attrib["hidden"]
        slot.addprevious(detach(segment))
        drop(slot)
        unwrap(segment)

