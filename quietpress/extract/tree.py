"""Edits of a parsed tree that keep every piece of text where it stood."""

from __future__ import annotations

from lxml import etree

from quietpress.parse import append_text  # noqa: F401 (one of the tree edits; parse.py holds it for the Markdown writer too)


def unwrap(element: etree._Element) -> None:
    """Replace an element by its text and children, in place."""
    parent = element.getparent()
    if parent is None:
        return
    index = parent.index(element)
    previous = element.getprevious()
    put_text_before(element, element.text)
    children = list(element)
    for offset, child in enumerate(children):
        parent.insert(index + offset, child)
    last = children[-1] if children else previous
    if element.tail:
        if last is not None:
            last.tail = (last.tail or "") + element.tail
        else:
            parent.text = (parent.text or "") + element.tail
    parent.remove(element)


def drop(element: etree._Element) -> None:
    """Remove an element and what it holds, leaving its tail text where it stood."""
    parent = element.getparent()
    if parent is None:
        return
    put_text_before(element, element.tail)
    parent.remove(element)


def detach(element: etree._Element) -> etree._Element:
    """Take an element out of the tree to be put elsewhere, its tail text left where it stood
    (lxml moves an element's tail with it)."""
    drop(element)
    element.tail = None
    return element


def put_text_before(element: etree._Element, text: str | None) -> None:
    """Put text where an element begins: after its previous sibling, or at its parent's start (the
    text that followed an element about to move or go stays where it stood)."""
    if not text:
        return
    previous = element.getprevious()
    if previous is not None:
        previous.tail = (previous.tail or "") + text
    else:
        parent = element.getparent()
        parent.text = (parent.text or "") + text
