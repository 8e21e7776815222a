"""When a capture was made, as far as it can be believed: a date, and not one after the import.

The newest capture of an article wins (dedupe.py), so its capture time decides whose body an
article shows. A stranger's record claiming another article's canonical URL with a capture date of
2099 replaced that article's body; a `fetched_at` of "yesterday" or "2024-13-45" was written as
`captured:` and the build dropped the article. Such values are not written at all.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from email.utils import parsedate_to_datetime

# A capture time with no zone is read as UTC; one up to a day ahead of the clock is still
# believed, for zones east of UTC and machines whose clocks differ a little.
CLOCK_SLACK = timedelta(days=1)
# Before the web there were no captures of web pages.
EARLIEST = datetime(1990, 1, 1, tzinfo=timezone.utc)


def believable_capture_time(*values: str | None, now: datetime | None = None) -> str | None:
    """Return the first value that is a date or time no later than `now` (default: this moment),
    as ISO 8601 text, or None when there is none.

    >>> believable_capture_time("2099-01-01T00:00:00Z", "2024-05-03", now=datetime(2025, 1, 1, tzinfo=timezone.utc))
    '2024-05-03'
    """
    latest = (now or datetime.now(timezone.utc)) + CLOCK_SLACK
    for value in values:
        parsed = _parse(value)
        if parsed is not None and EARLIEST <= parsed[0] <= latest:
            return parsed[1]
    return None


def _parse(value: str | None) -> tuple[datetime, str] | None:
    """Return (moment, ISO text) for ISO 8601 or RFC 2822 text; ISO text is kept as written."""
    if not isinstance(value, str) or not value.strip() or len(value) > 64:
        return None
    text = value.strip()
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        try:
            moment = parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            return None
        text = moment.isoformat()
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment, text
