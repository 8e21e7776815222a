"""A scanner for built pages: everything a hostile capture must never get into `output/`.

`findings_in_html` parses HTML with lxml and returns one line per forbidden thing found; the tests
assert the list is empty, so a failure shows exactly what got through and where.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import lxml.etree
import lxml.html

FORBIDDEN_ELEMENTS = {"iframe", "frame", "frameset", "object", "embed", "applet", "base", "style", "portal",
                      "fencedframe"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "poster", "background", "data", "cite", "ping",
                  "manifest", "codebase", "longdesc", "lowsrc", "dynsrc", "icon", "xlink:href", "srcset",
                  "{http://www.w3.org/1999/xlink}href"}
# Browsers drop ASCII whitespace and control characters anywhere in a scheme before matching it.
SCHEME_NOISE = re.compile(r"[\x00-\x20\x7f]+")
UNSAFE_SCHEMES = ("javascript:", "vbscript:", "livescript:", "data:text/html", "data:application", "data:text/xml",
                  "data:image/svg")
SAFE_DATA_IMAGES = ("data:image/png", "data:image/jpeg", "data:image/gif", "data:image/webp", "data:image/avif")
# <link> relations that make the browser fetch something (canonical and alternate only name a page).
LOADING_RELS = {"stylesheet", "icon", "preload", "prefetch", "modulepreload", "manifest", "import", "dns-prefetch",
                "preconnect", "prerender", "apple-touch-icon", "mask-icon"}
# The only inline style our Markdown reader writes: table column alignment.
ALLOWED_STYLE = re.compile(r"^\s*text-align\s*:\s*(left|right|center)\s*;?\s*$", re.I)


def unsafe_url(value: str) -> bool:
    """True for a URL a browser would run or render as a document: javascript:, data:text/html, ..."""
    compact = SCHEME_NOISE.sub("", value).lower()
    if compact.startswith(UNSAFE_SCHEMES):
        return True
    return compact.startswith("data:") and not compact.startswith(SAFE_DATA_IMAGES)


def _inert_json(script: lxml.html.HtmlElement) -> bool:
    """True for `<script type="application/ld+json">` holding JSON with no `<` (so it cannot end early)."""
    if (script.get("type") or "").strip().lower() != "application/ld+json" or script.get("src"):
        return False
    text = script.text or ""
    try:
        json.loads(text)
    except ValueError:
        return False
    return "<" not in text


def findings_in_html(text: str, where: str, page: bool = False) -> list[str]:
    """Return what is forbidden in an HTML page (page=True) or fragment: one line per finding.

    In a whole page, scripts are allowed only as local files (the theme's own, `src` without a
    scheme or host and no inline code); in a fragment (article content) no script is allowed at all.
    """
    if not text.strip():
        return []
    if page:
        root = lxml.html.document_fromstring(text)
    else:
        root = lxml.html.fragment_fromstring(text, create_parent="div")
    found: list[str] = []
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        tag = element.tag.lower().rsplit("}", 1)[-1]
        line = getattr(element, "sourceline", None)
        here = f"{where}:{line} <{tag}>"
        if tag in FORBIDDEN_ELEMENTS:
            found.append(f"{here}: forbidden element")
        if tag == "script" and page and _inert_json(element):
            pass
        elif tag == "script":
            src = element.get("src")
            if not page or not src or (element.text or "").strip() or re.match(r"^\s*([a-z][a-z0-9+.-]*:|//)", src, re.I):
                found.append(f"{here}: script that is not a local file of the theme")
        if tag == "meta" and (element.get("http-equiv") or "").strip().lower() in ("refresh", "set-cookie"):
            found.append(f"{here}: meta {element.get('http-equiv')}")
        if (tag == "link" and set((element.get("rel") or "").lower().split()) & LOADING_RELS
                and re.match(r"^\s*([a-z][a-z0-9+.-]*:|//)", element.get("href") or "", re.I)):
            found.append(f"{here}: resource from elsewhere {element.get('href')!r}")
        if tag == "form" and re.match(r"^\s*([a-z][a-z0-9+.-]*:|//)", element.get("action") or "", re.I):
            found.append(f"{here}: form sending elsewhere {element.get('action')!r}")
        for name, value in element.attrib.items():
            lname = name.lower()
            if lname.startswith("on"):
                found.append(f"{here}: event handler {name}={value!r}")
            elif lname == "style" and not ALLOWED_STYLE.match(value):
                found.append(f"{here}: style attribute {value!r}")
            elif lname in URL_ATTRIBUTES:
                values = [part.strip().split(" ")[0] for part in value.split(",")] if lname == "srcset" else [value]
                for url in values:
                    if unsafe_url(url):
                        found.append(f"{here}: unsafe URL {name}={value!r}")
    return found


def findings_in_feed(path: Path) -> list[str]:
    """Return what is forbidden in an Atom or RSS feed: broken XML, or unsafe HTML in its entries."""
    try:
        root = lxml.etree.parse(str(path), lxml.etree.XMLParser(resolve_entities=False, no_network=True)).getroot()
    except lxml.etree.XMLSyntaxError as error:
        return [f"{path}: not well-formed XML: {error}"]
    found: list[str] = []
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        name = element.tag.rsplit("}", 1)[-1]
        if name in ("content", "summary", "description", "title") and element.text and "<" in element.text:
            found += findings_in_html(element.text, f"{path} <{name}>")
        for attribute in ("href", "src"):
            if element.get(attribute) and unsafe_url(element.get(attribute)):
                found.append(f"{path} <{name}>: unsafe URL {element.get(attribute)!r}")
    return found


def findings_in_site(output: Path) -> list[str]:
    """Scan every page and feed of a built site; return every finding."""
    found: list[str] = []
    for path in sorted(output.rglob("*")):
        if path.suffix in (".html", ".htm"):
            found += findings_in_html(path.read_text(encoding="utf-8"), str(path.relative_to(output)), page=True)
        elif path.suffix in (".xml", ".atom", ".rss"):
            found += findings_in_feed(path)
    return found
