"""The publication's name, as the site presents itself.

Candidates in order: `og:site_name` (the name the site gives its own pages), the JSON-LD
`publisher` (sometimes the parent company, so second), the title's suffix ("... | PolitiFact"),
the logo's alt text, then `application-name` and Dublin Core. A candidate is refused when it is a
handle ("@politifact"), a platform or page word ("Hosted", "Home", "WordPress"), or a label of the
page's own host name that is not the site's ("hosted" of hosted.ap.org). The archive then gives
every article of one domain the same name (quietpress.site.taxonomy).
"""

from __future__ import annotations

import re
from typing import Iterable
from urllib.parse import urlsplit

from lxml import etree

# Words that name a platform, a page or a section, never a publication.
PLATFORM_WORDS = {"hosted", "home", "homepage", "home page", "index", "wordpress", "blogger", "blog", "news", "site",
                  "website", "untitled", "article", "articles", "story", "page", "default", "main", "startseite",
                  "accueil", "inicio", "portada", "login", "amp"}
# Host labels that are infrastructure, not a brand.
HOST_WORDS = {"www", "m", "amp", "hosted", "blog", "blogs", "news", "edition", "mobile", "en", "de", "fr", "es"}
TITLE_SEPARATOR = re.compile(r"\s+[|–—·•:-]\s+")
MAX_NAME_WORDS = 6


def publication_name(candidates: Iterable[str | None], url: str | None) -> str | None:
    """Return the first candidate that is a publication's name, or None."""
    host = _host(url)
    names = [name for name in map(_clean, candidates) if name and _acceptable(name, host)]
    if not names:
        return None
    # A name in lower case run together ("detroitnews") is the site's code; a later candidate
    # spelling the same letters as words ("Detroit News") is its name.
    if names[0].islower() and " " not in names[0]:
        for name in names[1:]:
            if re.sub(r"[\W_]+", "", name.casefold()) == names[0].casefold().replace(".", "") and not name.islower():
                return name
    return names[0]


def title_suffix(title: str | None) -> str | None:
    """Return the last part of a page title after a separator ("Headline | Site"), if short."""
    if not title:
        return None
    parts = TITLE_SEPARATOR.split(" ".join(title.split()))
    if len(parts) < 2 or len(parts[-1].split()) > 4:
        return None
    return parts[-1]


def logo_alt(root: etree._Element) -> str | None:
    """Return the alt text of the site's logo image, without the word "logo"."""
    for image in root.xpath('//img[contains(@class, "logo") or contains(@id, "logo") or contains(@src, "logo") '
                            'or ancestor::*[contains(@class, "logo")]][@alt]')[:3]:
        alt = re.sub(r"\blogo\b", "", image.get("alt") or "", flags=re.I).strip(" -|·")
        if alt:
            return alt
    return None


def _clean(value: str | None) -> str | None:
    if not value:
        return None
    value = " ".join(value.split())
    if value.startswith(("http://", "https://")):
        try:
            return (urlsplit(value).hostname or "").removeprefix("www.") or None
        except ValueError:  # "http://[x": an unclosed IPv6 bracket
            return None
    # "Autoracing | F1 | Indy": the site's name is the first part.
    return re.split(r"\s+[|·•]\s+", value)[0].strip() or None


def _acceptable(name: str, host: str) -> bool:
    folded = name.casefold()
    if name.startswith("@") or folded in PLATFORM_WORDS or len(name.split()) > MAX_NAME_WORDS:
        return False
    labels = host.split(".")
    # A host label that is infrastructure ("hosted" of hosted.ap.org) named as the site.
    return not (folded in HOST_WORDS and folded in labels)


def _host(url: str | None) -> str:
    try:
        return (urlsplit(url).hostname or "").casefold() if url else ""
    except ValueError:
        return ""
