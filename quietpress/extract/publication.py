"""The publication's name, as the site presents itself.

Candidates in order: `og:site_name` (the name the site gives its own pages), the JSON-LD
`publisher` (sometimes the parent company, so second), the title's suffix ("... | PolitiFact"),
the logo's alt text, then `application-name` and Dublin Core. A candidate is refused when it is a
handle ("@politifact"), a byline ("by Addy Osmani"), a platform or page word ("Hosted", "Home", "WordPress"), or a label of the
page's own host name that is not the site's ("hosted" of hosted.ap.org), or an image's file name.
Of a name set beside a tagline, a section or its address by a dash or a bar, the part naming the
site's address is taken ("CleverTap - All-in-One Customer Engagement Platform").
Then the first candidate is checked against the site's address: a site code ("cleveland",
"newsnation.in") gives way to a later candidate that spells it ("cleveland.com", "News Nation"),
and a first candidate that shares nothing with the address ("U.S.", a section) to a later one that
does ("Reuters" on reuters.com). The archive then gives every article of one domain the same name
(quietpress.site.taxonomy).
"""

from __future__ import annotations

import difflib
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
# Second-level labels under a country's suffix (".co.uk", ".com.br"): part of the suffix, not a brand.
SECOND_LEVEL = {"co", "com", "org", "net", "gov", "ac", "edu", "or", "ne", "go"}
# A byline in the title's suffix ("... | by Addy Osmani"): the writer, not the publication.
BYLINE = re.compile(r"(?:by|von|par|por)\s+[^\W\d_]", re.I)
# An image's file name or slug left as its alt text ("ascom-image", "header_logo2", "logo.png").
FILE_NAME = re.compile(r"[a-z0-9]+(?:[-_][a-z0-9]+)*[-_](?:image|img|logo|icon|header|banner)\d*|\S+\.(?:png|jpe?g|gif|svg|webp)")
# "--" is the dash of pages typed in ASCII ("County Line News -- Volunteers rebuild playground"); "::",
# "»" and "«" part a blog's name from the post's in older themes ("Post title « Blog").
TITLE_SEPARATOR = re.compile(r"\s+(?:[|–—·•:»«›‹-]|--|::)\s+")
MAX_NAME_WORDS = 6
# What sets a site's name apart from its tagline, section or address: a dash or a bar (CJK pages
# write the bar full-width, with no spaces).
SEPARATED = re.compile(r"\s+(?:[-–—|·•]|--)\s+|\s*｜\s*")
BAR = re.compile(r"\s[|·•]\s|｜")
HOST_NAME = re.compile(r"(?:[\w-]+\.)+[a-z]{2,}", re.I)


def publication_name(candidates: Iterable[str | None], url: str | None, shown: str | None = None) -> str | None:
    """Return the first candidate that is a publication's name, or None.

    `shown` is the candidate the page shows its readers, the title's suffix: where the first
    candidate does not name the site's address, it does.
    """
    host = _host(url)
    brand = _brand_labels(host)
    names = [name for name in (_named_part(value, brand) for value in filter(None, map(_clean, candidates)))
             if _acceptable(name, host)]
    if not names:
        return None
    first, later = names[0], names[1:]
    if first.islower() and " " not in first:
        return _spelled_out(first, later, host) or first
    if brand and not _resembles(first, brand):
        # A section ("U.S.") or a tagline given as the site's name, where the title's suffix or two
        # later candidates name the site its address names. The logo alone is not enough: a
        # syndicating portal's page shows its source's logo, and its address is the source's.
        shown = _clean(shown)
        if shown in later and _resembles(shown, brand):
            return shown
        agreeing = [name for name in later if _resembles(name, brand)]
        return agreeing[0] if len(agreeing) >= 2 else first
    return first


def _named_part(name: str, brand: list[str]) -> str:
    """Return the part of a name with a tagline, a section or its address beside it that names
    the site: the part naming the site's address ("CleverTap - All-in-One Customer Engagement
    Platform", "Tagline｜PR TIMES" on prtimes.jp), else the first of parts set off by bars
    ("Autoracing | F1 | Indy"), else the name without its address ("National Cyber Security
    Centre - NCSC.GOV.UK"), else the name as it is."""
    parts = [part.strip(" \"'“”") for part in SEPARATED.split(name)]
    if len(parts) < 2:
        return name
    parts = [part for part in parts if part and not HOST_NAME.fullmatch(part)] or parts
    if len(parts) == 1:
        return parts[0]
    # The part holding the whole brand ("Monroe News" on monroenews.com) before one sharing a run
    # of it ("Monroe, Michigan").
    holding = [part for part in parts if any(label in _letters(part) for label in brand)]
    naming = holding or [part for part in parts if _resembles(part, brand)]
    if len(naming) == 1:
        return naming[0]
    return parts[0] if BAR.search(name) else name


def _spelled_out(code: str, later: list[str], host: str) -> str | None:
    """Return the later candidate that spells a site code ("detroitnews", "newsnation.in",
    "cleveland") as the site writes it: as words ("Detroit News", "News Nation") or as its address
    ("cleveland.com")."""
    letters = _letters(code)
    suffix = _letters(".".join(host.split(".")[-_suffix_length(host):]))
    for name in later:
        spelled = _letters(name)
        if spelled in (letters, letters.removesuffix(suffix)) and not name.islower():
            return name
        if spelled == letters + suffix and name.casefold() == host.removeprefix("www."):
            return name
    return None


def _brand_labels(host: str) -> list[str]:
    """Return the labels of a host name that can name a brand: not "www", "news" or the suffix."""
    labels = host.split(".")
    return [label for label in labels[:len(labels) - _suffix_length(host)] if label not in HOST_WORDS and len(label) >= 3]


def _suffix_length(host: str) -> int:
    """How many labels end the host as its public suffix: 1 (".com"), 2 (".co.uk", ".com.br")."""
    labels = host.split(".")
    return 2 if len(labels) > 2 and len(labels[-1]) == 2 and labels[-2] in SECOND_LEVEL else 1


def _resembles(name: str, brand: list[str]) -> bool:
    """Whether a name and a host label share the brand: one holds the other, five letters of it
    ("The Beachbody Blog" on beachbodyondemand.com), or the label is the name's initials
    ("National Cyber Security Centre" on ncsc.gov.uk)."""
    letters = _letters(name)
    initials = "".join(word[0] for word in re.findall(r"\w+", name.casefold()))
    return any(label in letters or (len(letters) >= 4 and letters in label) or _shared_run(label, letters) >= 5
               or (len(initials) >= 3 and initials == label) for label in brand)


def _shared_run(first: str, second: str) -> int:
    """The length of the longest run of letters both strings hold."""
    match = difflib.SequenceMatcher(None, first, second, autojunk=False).find_longest_match(0, len(first), 0, len(second))
    return match.size


def _letters(text: str) -> str:
    return re.sub(r"[\W_]+", "", text.casefold())


def title_suffix(title: str | None, shown: tuple[str | None, ...] = (), headline: str | None = None) -> str | None:
    """Return the part of a page title that names the site: the last after a separator ("Headline |
    Site"), if short, or the first when the page shows it as its name, in its logo or masthead, or
    when the last is the page's headline ("Site - Headline")."""
    if not title:
        return None
    title = " ".join(title.split())
    names = {name.casefold() for name in shown if name}
    parts = TITLE_SEPARATOR.split(title)
    if parts[0].casefold() in names:
        return parts[0] if len(parts) > 1 else None
    if len(parts) == 2 and headline and parts[1].casefold() == " ".join(headline.split()).casefold() \
            and len(parts[0].split()) <= MAX_NAME_WORDS:
        return parts[0]
    opening = title.split(":", 1)[0]
    if ":" in title and opening.casefold() in names:
        return opening  # "Site: Headline", as blog platforms write it
    if len(parts) < 2:
        return None
    return parts[-1] if len(parts[-1].split()) <= 4 else None


# "© 2008 The Valley Herald", "Copyright (c) 2003-2008 Valley Herald Online": the holder's name runs
# from its first capital to the end of the capitalised words.
COPYRIGHT = re.compile(r"(?:(?i:©|\(c\)|copyright)\s*)+(?:\d{4}(?:\s*[-–]\s*\d{4})?)?[,.]?\s*"
                       r"(?P<name>[A-Z][\w&'’.-]*(?:\s+(?:[A-Z][\w&'’.-]*|of|the|and|&)){0,5})")
# Where the holder's name ends: a comma ("Valley Herald Online, Inc."), or "All rights reserved".
HOLDER_END = re.compile(r",|\.?\s+All\b")
COPYRIGHT_TEXTS = etree.XPath("//body//text()[contains(., '©') or contains(., 'opyright') or contains(., '(c)')]",
                              smart_strings=False)


def copyright_holder(root: etree._Element, url: str | None) -> str | None:
    """Return the name a copyright line gives when it names the site's address ("© 2008 The Valley
    Herald" on valleyherald.com), or None: a line naming the owner ("© Gannett Co.") names no site."""
    brand = _brand_labels(_host(url))
    if not brand:
        return None
    for text in COPYRIGHT_TEXTS(root):
        for found in COPYRIGHT.finditer(text):
            name = re.sub(r"(?:\s+(?:of|the|and|&))+$", "", HOLDER_END.split(found["name"])[0].rstrip(" ."))
            if name[:1].isupper() and _resembles(name, brand):
                return name
    return None


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
    # A host name given as the name: without its "www." ("www.diariolibre.com").
    return value.removeprefix("www.") if HOST_NAME.fullmatch(value) else value


def _acceptable(name: str, host: str) -> bool:
    folded = name.casefold()
    if name.startswith("@") or BYLINE.match(name) or folded in PLATFORM_WORDS or len(name.split()) > MAX_NAME_WORDS or FILE_NAME.fullmatch(folded):
        return False
    labels = host.split(".")
    # A host label that is infrastructure ("hosted" of hosted.ap.org) named as the site.
    return not (folded in HOST_WORDS and folded in labels)


def _host(url: str | None) -> str:
    try:
        return (urlsplit(url).hostname or "").casefold() if url else ""
    except ValueError:
        return ""
