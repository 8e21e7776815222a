"""trafilatura's XPath expressions with each regular-expression test asked only where it can match.

lxml runs EXSLT's `re:test` in Python, one call per element the expression visits: trafilatura's
expressions test `@class` and `@id` of every element of a page, and an element without the
attribute still costs a call (`re:test(@class, 'comment')` on a bare <p> asks whether '' matches).
Written `((@class) and re:test(@class, ...))`, an element without the attribute is settled in C:
the slowest expression took 10.3 ms a page before, 6.5 ms after, and extraction as a whole a
twentieth less CPU time on the benchmark corpora. The expressions select the same nodes: a test
whose pattern matches the empty string is left as it is, and any other test runs as before.

trafilatura reads its expressions from module-level lists (and one module-level name) when it
runs; `guarded_trafilatura()` puts the guarded ones there for the duration of a block and the
library's own back afterwards, so the rest of the process sees trafilatura unchanged.
"""

from __future__ import annotations

import importlib
import re
from contextlib import contextmanager
from functools import lru_cache
from typing import Iterator

from lxml import etree

REGEXP_NS = "http://exslt.org/regular-expressions"
# `re:test(<attributes>, '<pattern>'[, '<flags>'])` where the first argument is an attribute or a
# union of attributes (`@id|@class`): empty exactly when the element has none of them.
ATTRIBUTE_TEST = re.compile(r"re:test\((?P<attrs>@[\w-]+(?:\|@[\w-]+)*),\s*'(?P<pattern>[^']*)'"
                            r"(?:\s*,\s*'(?P<flags>[^']*)')?\)")


def guard_regex_tests(path: str) -> str:
    """Return an XPath expression with every attribute regex test guarded by the attribute's presence.

    >>> guard_regex_tests("//*[re:test(@class, 'nav')]")
    "//*[((@class) and re:test(@class, 'nav'))]"
    """
    return ATTRIBUTE_TEST.sub(_guarded_test, path)


def _guarded_test(match: re.Match) -> str:
    flags = re.IGNORECASE if "i" in (match["flags"] or "") else 0
    try:
        matches_nothing = re.search(match["pattern"], "", flags)
    except re.error:
        return match[0]  # the library's own error, raised where it would be
    if matches_nothing:
        # Without the attribute, the test still sees '' and says true: the guard would change that.
        return match[0]
    return f"(({match['attrs']}) and {match[0]})"


def guarded(expression: etree.XPath) -> etree.XPath:
    """Return the expression guarded, or the expression itself when it holds no regex test."""
    path = guard_regex_tests(expression.path)
    return expression if path == expression.path else etree.XPath(path, namespaces={"re": REGEXP_NS})


@lru_cache(maxsize=1)
def _replacements() -> tuple[tuple[list, list, list], ...]:
    """Each list of trafilatura's expressions, with its own contents and its guarded ones."""
    xpaths = importlib.import_module("trafilatura.xpaths")
    lists = [value for name, value in vars(xpaths).items()
             if name.isupper() and isinstance(value, list) and value and all(isinstance(x, etree.XPath) for x in value)]
    return tuple((expressions, list(expressions), [guarded(x) for x in expressions]) for expressions in lists)


@lru_cache(maxsize=1)
def _guarded_basic_clean() -> etree.XPath:
    """The baseline cleaner's expression (a single module-level name, not a list), guarded."""
    return guarded(importlib.import_module("trafilatura.settings").BASIC_CLEAN_XPATH)


@contextmanager
def guarded_trafilatura() -> Iterator[None]:
    """Run a block with trafilatura's expressions guarded; its own come back afterwards.

    The lists are changed in place, so every trafilatura module that imported one sees the change.
    A thread running trafilatura meanwhile gets the same nodes from either version.
    """
    # By module path: the package's `baseline` is also the name of a function it exports.
    baseline = importlib.import_module("trafilatura.baseline")
    replacements = _replacements()
    saved_clean = baseline.BASIC_CLEAN_XPATH
    for expressions, _, faster in replacements:
        expressions[:] = faster
    baseline.BASIC_CLEAN_XPATH = _guarded_basic_clean()
    try:
        yield
    finally:
        for expressions, original, _ in replacements:
            expressions[:] = original
        baseline.BASIC_CLEAN_XPATH = saved_clean
