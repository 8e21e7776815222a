"""Dates written the many ways pages write them, to ISO 8601."""

from __future__ import annotations

import re
from datetime import date, datetime

# Month names in the languages of the captures we meet most; keys are casefolded prefixes.
MONTHS = {
    # English
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
    # German
    "januar": 1, "jänner": 1, "februar": 2, "märz": 3, "maerz": 3, "mai": 5, "juni": 6, "juli": 7,
    "oktober": 10, "dezember": 12,
    # French
    "janvier": 1, "février": 2, "fevrier": 2, "mars": 3, "avril": 4, "juin": 6, "juillet": 7,
    "août": 8, "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11, "décembre": 12, "decembre": 12,
    # Spanish
    "enero": 1, "febrero": 2, "marzo": 3, "abril": 4, "mayo": 5, "junio": 6, "julio": 7, "agosto": 8,
    "septiembre": 9, "setiembre": 9, "octubre": 10, "noviembre": 11, "diciembre": 12,
    # Portuguese
    "janeiro": 1, "fevereiro": 2, "março": 3, "marco": 3, "maio": 5, "junho": 6, "julho": 7,
    "setembro": 9, "outubro": 10, "dezembro": 12,
    # Italian
    "gennaio": 1, "febbraio": 2, "aprile": 4, "maggio": 5, "giugno": 6, "luglio": 7,
    "settembre": 9, "ottobre": 10, "dicembre": 12,
    # Dutch
    "januari": 1, "februari": 2, "maart": 3, "mei": 5, "augustus": 8,
}
MONTH_WORD = r"([^\W\d_]{3,10})\.?"
DAY = r"(\d{1,2})(?:st|nd|rd|th|er|º|\.)?"
YEAR = r"(\d{4})"
TIME = r"(?:[,\s]+(?:at\s+|um\s+|à\s+|a las\s+)?(\d{1,2})[:.h](\d{2})\s*(am|pm|a\.m\.|p\.m\.)?(?:\s*([A-Z]{2,4}|[+-]\d{2}:?\d{2}|UTC|GMT))?)?"
PATTERNS = (
    ("iso", re.compile(r"\b(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?(Z|[+-]\d{2}:?\d{2})?)?\b")),
    ("mdy", re.compile(MONTH_WORD + r"\s+" + DAY + r",?\s+" + YEAR + TIME, re.I)),
    ("dmy", re.compile(DAY + r"\s+(?:de\s+)?" + MONTH_WORD + r",?\s+(?:de\s+)?" + YEAR + TIME, re.I)),
    ("dotted", re.compile(r"\b(\d{1,2})[./](\d{1,2})[./](\d{4})\b" + TIME)),
)
ZONES = {"UTC": "+00:00", "GMT": "+00:00", "EST": "-05:00", "EDT": "-04:00", "CST": "-06:00", "CDT": "-05:00",
         "MST": "-07:00", "MDT": "-06:00", "PST": "-08:00", "PDT": "-07:00", "CET": "+01:00", "CEST": "+02:00",
         "BST": "+01:00"}


def parse_date(text: str) -> str | None:
    """Return the first date in the text as ISO 8601 (date, or date-time when a time is given).

    >>> parse_date("January 26, 2025")
    '2025-01-26'
    """
    for kind, pattern in PATTERNS:
        for match in pattern.finditer(text):
            result = _from_match(kind, match)
            if result:
                return result
    return None


def _from_match(kind: str, m: re.Match[str]) -> str | None:
    if kind == "iso":
        year, month, day = int(m[1]), int(m[2]), int(m[3])
        clock = (m[4], m[5], None, m[7]) if m[4] else None
    elif kind == "mdy":
        month, day, year = MONTHS.get(m[1].casefold(), 0), int(m[2]), int(m[3])
        clock = (m[4], m[5], m[6], m[7]) if m[4] else None
    elif kind == "dmy":
        day, month, year = int(m[1]), MONTHS.get(m[2].casefold(), 0), int(m[3])
        clock = (m[4], m[5], m[6], m[7]) if m[4] else None
    else:
        day, month, year = int(m[1]), int(m[2]), int(m[3])
        clock = (m[4], m[5], m[6], m[7]) if m[4] else None
    try:
        day_value = date(year, month, day)
    except ValueError:
        return None
    if not 1900 <= year <= 2100:
        return None
    if not clock:
        return day_value.isoformat()
    return _with_time(day_value, *clock)


def _with_time(day_value: date, hour: str, minute: str, meridiem: str | None, zone: str | None) -> str:
    h, mi = int(hour), int(minute)
    if meridiem:
        pm = meridiem.lower().startswith("p")
        h = (h % 12) + (12 if pm else 0)
    if not (0 <= h < 24 and 0 <= mi < 60):
        return day_value.isoformat()
    stamp = datetime(day_value.year, day_value.month, day_value.day, h, mi).isoformat()
    if zone == "Z":
        zone = "UTC"
    offset = ZONES.get(zone.upper()) if zone and zone.isalpha() else zone
    if offset and re.fullmatch(r"[+-]\d{4}", offset):
        offset = offset[:3] + ":" + offset[3:]
    return stamp + (offset or "")
