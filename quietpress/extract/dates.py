"""Dates written the many ways pages write them, to ISO 8601.

Handles ISO forms, month names in English, German, French, Spanish, Portuguese, Italian, Dutch,
Danish, Norwegian, Swedish, Polish, Russian and Turkish (full and abbreviated, with ordinals such
as "26th", "1er", "26."), "9 de febrero de 2025", numeric dates (26.01.2025, 2025/01/26,
01/26/2025), hyphenated ones (04-Aug-2021), CJK dates (2025年1月26日), and a clock time
anywhere on the same line ("9:14 AM EDT, Sun March 10, 2025", "14:30 Uhr", "10h05", "09.14 GMT")
with its zone as an offset. A slash date that could be either day-first or month-first
(04/02/2024) gives None: a missing date is better than an invented one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

# Month names in the languages of the captures we meet most; keys are casefolded, without a final dot.
MONTHS = {
    # English
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
    # German
    "januar": 1, "jänner": 1, "februar": 2, "märz": 3, "maerz": 3, "mär": 3, "mai": 5, "juni": 6,
    "juli": 7, "oktober": 10, "okt": 10, "dezember": 12, "dez": 12,
    # French
    "janvier": 1, "janv": 1, "février": 2, "fevrier": 2, "févr": 2, "fevr": 2, "mars": 3, "avril": 4,
    "avr": 4, "juin": 6, "juillet": 7, "juil": 7, "août": 8, "aout": 8, "septembre": 9, "octobre": 10,
    "novembre": 11, "décembre": 12, "decembre": 12, "déc": 12,
    # Spanish
    "enero": 1, "ene": 1, "febrero": 2, "marzo": 3, "abril": 4, "abr": 4, "mayo": 5, "junio": 6,
    "julio": 7, "agosto": 8, "ago": 8, "septiembre": 9, "setiembre": 9, "set": 9, "octubre": 10,
    "noviembre": 11, "diciembre": 12, "dic": 12,
    # Portuguese
    "janeiro": 1, "fevereiro": 2, "fev": 2, "março": 3, "marco": 3, "maio": 5, "junho": 6, "julho": 7,
    "setembro": 9, "outubro": 10, "out": 10, "dezembro": 12,
    # Italian
    "gennaio": 1, "gen": 1, "febbraio": 2, "aprile": 4, "maggio": 5, "mag": 5, "giugno": 6, "giu": 6,
    "luglio": 7, "lug": 7, "settembre": 9, "ottobre": 10, "ott": 10, "dicembre": 12,
    # Dutch
    "januari": 1, "februari": 2, "maart": 3, "mei": 5, "augustus": 8, "mrt": 3,
    # Danish, Norwegian and Swedish (the rest as in German or Dutch)
    "marts": 3, "maj": 5, "augusti": 8, "desember": 12,
    # Polish, in the genitive a date takes ("5 maja 2024")
    "stycznia": 1, "lutego": 2, "marca": 3, "kwietnia": 4, "maja": 5, "czerwca": 6, "lipca": 7,
    "sierpnia": 8, "września": 9, "października": 10, "listopada": 11, "grudnia": 12,
    # Russian, in the genitive ("5 мая 2024")
    "января": 1, "февраля": 2, "марта": 3, "апреля": 4, "мая": 5, "июня": 6, "июля": 7, "августа": 8,
    "сентября": 9, "октября": 10, "ноября": 11, "декабря": 12,
    # Turkish, with the dotless ı and the ğ, ş, ü as pages write them and as plain letters
    "ocak": 1, "şubat": 2, "subat": 2, "mart": 3, "nisan": 4, "mayıs": 5, "mayis": 5, "haziran": 6,
    "temmuz": 7, "ağustos": 8, "agustos": 8, "eylül": 9, "eylul": 9, "ekim": 10, "kasım": 11, "kasim": 11,
    "aralık": 12, "aralik": 12,
}
MONTH_WORD = r"([^\W\d_]{3,12})\.?"  # "października", the longest, has 12 letters
DAY = r"(\d{1,2})(?:st|nd|rd|th|er|re|º|°|\.)?"
YEAR = r"(\d{4})"
PATTERNS = (
    ("iso", re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?(Z|[+-]\d{2}:?\d{2})?)?(?!\d)")),
    ("ymd", re.compile(r"(?<!\d)(\d{4})[/.](\d{1,2})[/.](\d{1,2})(?!\d)")),
    ("cjk", re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")),
    ("mdy", re.compile(r"\b" + MONTH_WORD + r"\s+" + DAY + r",?\s+" + YEAR + r"(?!\d)", re.I)),
    ("dmy", re.compile(r"(?<!\d)" + DAY + r"\s*(?:de\s+)?" + MONTH_WORD + r",?\s+(?:de\s+|del\s+)?" + YEAR + r"(?!\d)", re.I)),
    # Day, month's name and year joined by hyphens, as databases and forum software print them: 04-Aug-2021, 04-ago-2021.
    ("dmy", re.compile(r"(?<![\d-])(\d{1,2})-([^\W\d_]{3,10})-(\d{4})(?![\d-])", re.I)),
    ("numeric", re.compile(r"(?<!\d)(\d{1,2})([./-])(\d{1,2})\2(\d{4})(?!\d)")),
)
# A clock time: 14:30, 9:14 AM, 10h05 (French), 09.14 (British papers), optional seconds, "Uhr",
# then an optional zone: a name, an offset, or UTC/GMT with an offset.
CLOCK = re.compile(
    r"(?<![\d.:/])(\d{1,2})(?::|h|\.(?=\d{2}\b(?!\.\d)))(\d{2})(?::(\d{2}))?(?![\d/])\s*(a\.?m\.?|p\.?m\.?)?\s*(?:uhr\b|hrs?\b|horas?\b)?"
    r"\s*\(?((?:UTC|GMT)\s*[+-]\s*\d{1,2}(?::?\d{2})?|[+-]\d{2}:?\d{2}|Z\b|[A-Z]{2,5}\b)?",
    re.I,
)
# Zone abbreviations with one meaning. "ET", "PT" and the like name a place whose offset depends
# on the date, so they go through the time zone database.
FIXED_ZONES = {"UTC": 0, "GMT": 0, "Z": 0, "WET": 0, "WEST": 60, "BST": 60, "CET": 60, "CEST": 120, "MEZ": 60,
               "MESZ": 120, "EET": 120, "EEST": 180, "MSK": 180, "EST": -300, "EDT": -240, "CST": -360,
               "CDT": -300, "MST": -420, "MDT": -360, "PST": -480, "PDT": -420, "AKST": -540, "AKDT": -480,
               "HST": -600, "JST": 540, "KST": 540, "HKT": 480, "SGT": 480, "AEST": 600, "AEDT": 660,
               "NZST": 720, "NZDT": 780, "ART": -180, "BRT": -180}
PLACE_ZONES = {"ET": "America/New_York", "CT": "America/Chicago", "MT": "America/Denver",
               "PT": "America/Los_Angeles", "UK": "Europe/London"}


@dataclass(frozen=True)
class Clock:
    """A time of day written beside a date, with its zone as written (None when it names none)."""

    hour: int
    minute: int
    second: int
    zone: str | None
    start: int
    end: int


@dataclass(frozen=True)
class FoundDate:
    """A date found in a text: its ISO value and the span of the text it came from (time included)."""

    value: str
    start: int
    end: int


def parse_date(text: str) -> str | None:
    """Return the first date in the text as ISO 8601 (date, or date-time when a time is given).

    >>> parse_date("January 26, 2025")
    '2025-01-26'
    """
    found = find_date(text)
    return found.value if found else None


def find_date(text: str) -> FoundDate | None:
    """Return the earliest date in the text with its span, or None when there is none."""
    best: tuple[int, int, date, re.Match[str] | None] | None = None
    for kind, pattern in PATTERNS:
        for match in pattern.finditer(text):
            day_value = _day(kind, match)
            if day_value is None:
                continue
            if best is None or match.start() < best[0]:
                best = (match.start(), match.end(), day_value, match if kind == "iso" else None)
            break
    if best is None:
        return None
    start, end, day_value, iso = best
    if iso is not None and iso[4]:
        clock = Clock(int(iso[4]), int(iso[5]), int(iso[6] or 0), iso[7], start, end)
        if _possible(clock):
            return FoundDate(_iso_stamp(day_value, clock), start, end)
    clock = _clock(text, start, end)
    if clock is None:
        return FoundDate(day_value.isoformat(), start, end)
    return FoundDate(_iso_stamp(day_value, clock), min(start, clock.start), max(end, clock.end))


def _day(kind: str, m: re.Match[str]) -> date | None:
    if kind in ("iso", "ymd", "cjk"):
        year, month, day = int(m[1]), int(m[2]), int(m[3])
    elif kind == "mdy":
        year, month, day = int(m[3]), _month(m[1]), int(m[2])
    elif kind == "dmy":
        year, month, day = int(m[3]), _month(m[2]), int(m[1])
    else:
        first, second, year = int(m[1]), int(m[3]), int(m[4])
        if m[2] == ".":
            day, month = first, second
        elif first > 12 >= second:
            day, month = first, second
        elif second > 12 >= first:
            day, month = second, first
        elif first == second:
            day = month = first
        else:
            return None  # day-first or month-first cannot be told apart
    if not 1900 <= year <= 2100:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _month(word: str) -> int:
    return MONTHS.get(word.casefold().rstrip("."), 0)


def _clock(text: str, start: int, end: int) -> Clock | None:
    """Find a clock time after the date (first) or before it, outside the date's own span.

    An impossible time ("25:10", "13:00 PM") is no time: the date stands alone rather than with an
    invented clock.
    """
    after = [m for m in CLOCK.finditer(text, end)]
    before = [m for m in CLOCK.finditer(text[:start])]
    for match in after[:1] + before[-1:]:
        hour = int(match[1])
        meridiem = (match[4] or "").replace(".", "").lower()
        if meridiem:
            if not 1 <= hour <= 12:
                continue
            hour = hour % 12 + (12 if meridiem == "pm" else 0)
        zone = match[5]
        clock_end = match.end() if zone else match.end(4) if match[4] else match.end(3) if match[3] else match.end(2)
        clock = Clock(hour, int(match[2]), int(match[3] or 0), zone, match.start(), clock_end)
        if _possible(clock):
            return clock
    return None


def _possible(clock: Clock) -> bool:
    return 0 <= clock.hour < 24 and 0 <= clock.minute < 60 and 0 <= clock.second < 60


def _iso_stamp(day_value: date, clock: Clock) -> str:
    moment = datetime(day_value.year, day_value.month, day_value.day, clock.hour, clock.minute, clock.second)
    offset = _offset(moment, clock.zone)
    stamp = moment.isoformat()
    if offset is None:
        return stamp
    sign = "+" if offset >= timedelta(0) else "-"
    minutes = abs(int(offset.total_seconds())) // 60
    return f"{stamp}{sign}{minutes // 60:02d}:{minutes % 60:02d}"


def _offset(moment: datetime, zone: str | None) -> timedelta | None:
    if not zone:
        return None
    name = re.sub(r"\s+", "", zone).upper()
    if name in FIXED_ZONES:
        return timedelta(minutes=FIXED_ZONES[name])
    if name in PLACE_ZONES:
        try:
            return moment.replace(tzinfo=ZoneInfo(PLACE_ZONES[name])).utcoffset()
        except ZoneInfoNotFoundError:
            return None
    match = re.fullmatch(r"(?:UTC|GMT)?([+-])(\d{1,2}):?(\d{2})?", name)
    if match:
        minutes = int(match[2]) * 60 + int(match[3] or 0)
        return timedelta(minutes=minutes if match[1] == "+" else -minutes)
    return None  # an unknown abbreviation: keep the local time rather than guess an offset
