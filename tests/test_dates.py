"""Dates as pages write them, in several languages and with time zones, to ISO 8601."""

from __future__ import annotations

import pytest

from quietpress.extract.dates import find_date, parse_date


@pytest.mark.parametrize("text, expected", [
    ("January 26, 2025", "2025-01-26"),
    ("Jan. 26, 2025", "2025-01-26"),
    ("January 26th 2025", "2025-01-26"),
    ("Thursday, June 12, 2025", "2025-06-12"),
    ("26 January 2025", "2025-01-26"),
    ("Sun 26 Jan 2025", "2025-01-26"),
    ("2025-01-26", "2025-01-26"),
    ("2025/03/07", "2025-03-07"),
    ("2025年1月26日", "2025-01-26"),
])
def test_english_and_numeric_forms_give_the_day(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("26. Januar 2025", "2025-01-26"),
    ("3. März 2025", "2025-03-03"),
    ("26.01.2025", "2025-01-26"),
    ("Montag, 27. Januar 2025", "2025-01-27"),
    ("9 de febrero de 2025", "2025-02-09"),
    ("domingo, 9 de febrero de 2025", "2025-02-09"),
    ("1er mars 2025", "2025-03-01"),
    ("Publié le 12 déc. 2024", "2024-12-12"),
    ("15 agosto 2024", "2024-08-15"),
    ("7 mei 2024", "2024-05-07"),
])
def test_month_names_in_other_languages(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("26.01.2025, 14:30 Uhr", "2025-01-26T14:30:00"),
    ("Publié le 1er mars 2025 à 10h05", "2025-03-01T10:05:00"),
    ("Sun 26 Jan 2025 09.14 GMT", "2025-01-26T09:14:00+00:00"),
    ("domingo, 9 de febrero de 2025 | 08:15 CET", "2025-02-09T08:15:00+01:00"),
    ("2025-01-26T09:14:00Z", "2025-01-26T09:14:00+00:00"),
    ("2025-01-26T09:14:00+0530", "2025-01-26T09:14:00+05:30"),
    ("June 3, 2025 4:05 PM CEST", "2025-06-03T16:05:00+02:00"),
    ("March 3, 2025 12:30 a.m. PST", "2025-03-03T00:30:00-08:00"),
])
def test_times_and_zones_become_offsets(text, expected):
    assert parse_date(text) == expected


def test_time_before_the_date_is_found():
    assert parse_date("Published 9:14 AM EDT, Mon March 10, 2025") == "2025-03-10T09:14:00-04:00"


def test_place_zone_follows_daylight_saving():
    # "ET" is New York time: -05:00 in January, -04:00 in July.
    assert parse_date("January 10, 2025 10:00 ET") == "2025-01-10T10:00:00-05:00"
    assert parse_date("July 4, 2025 10:00 ET") == "2025-07-04T10:00:00-04:00"


def test_offset_written_after_utc():
    assert parse_date("12 March 2025 18:00 UTC+2") == "2025-03-12T18:00:00+02:00"


def test_unknown_zone_keeps_local_time_without_offset():
    assert parse_date("12 March 2025 18:00 XYZT") == "2025-03-12T18:00:00"


def test_slash_dates_resolved_only_when_unambiguous():
    assert parse_date("Tue, 04/16/2024 - 14:35") == "2024-04-16T14:35:00"
    assert parse_date("16/04/2024") == "2024-04-16"
    assert parse_date("04/02/2024") is None


@pytest.mark.parametrize("text", [
    "Reading Time: 5 mins read", "12.5 million in 2025", "February 30, 2025", "Share6Tweet4Share1",
    "13.13.2025", "In 1850 the mill closed", "",
])
def test_no_date_gives_none(text):
    assert parse_date(text) is None


def test_found_date_span_covers_date_and_time():
    text = "Updated: March 10, 2025 at 3:05 pm ET | 4 min read"
    found = find_date(text)
    assert found is not None and found.value == "2025-03-10T15:05:00-04:00"
    assert text[found.start:found.end] == "March 10, 2025 at 3:05 pm ET"


@pytest.mark.parametrize("text, expected", [
    ("June 3, 2021 10:01:41 EDT", "2021-06-03T10:01:41-04:00"),
    ("June 3, 2021 9:14:07 PM", "2021-06-03T21:14:07"),
    ("2021-06-03T10:01:41Z", "2021-06-03T10:01:41+00:00"),
    ("2021-06-03 10:01:41", "2021-06-03T10:01:41"),
])
def test_seconds_of_a_written_clock_are_kept(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize("text", [
    "2021-06-03 25:10", "June 3, 2021 10:01:61 EDT", "June 3, 2021, 13:00 PM", "June 3, 2021 24:30",
])
def test_impossible_time_leaves_the_day_alone(text):
    assert parse_date(text) == "2021-06-03"


def test_span_ends_after_the_seconds():
    text = "Posted June 3, 2021 10:01:41 | 2 comments"
    found = find_date(text)
    assert found is not None and text[found.start:found.end] == "June 3, 2021 10:01:41"


@pytest.mark.parametrize("text, expected", [
    ("Posted 07-Mar-2024", "2024-03-07"),
    ("on 19-oct-2023 9:40:00", "2023-10-19T09:40:00"),   # Spanish "oct", with its time
    ("15-mai-2022", "2022-05-15"),
])
def test_day_month_name_and_year_joined_by_hyphens(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize("text", ["ref-07-Mar-2024", "07-Mar-2024-11", "31-Feb-2024", "07-Foo-2024"])
def test_hyphenated_names_inside_ids_or_impossible_are_no_date(text):
    assert parse_date(text) is None


@pytest.mark.parametrize("text, expected", [
    ("7. desember 2023", "2023-12-07"),        # Norwegian
    ("2 augusti 2022", "2022-08-02"),          # Swedish
    ("5 maja 2024", "2024-05-05"),             # Polish, genitive
    ("3 października 2023", "2023-10-03"),     # Polish, the longest name
    ("12 января 2020 г.", "2020-01-12"),       # Russian, genitive
    ("14 Ağustos 2019", "2019-08-14"),         # Turkish
    ("3 KASIM 2021", "2021-11-03"),            # Turkish in capitals: the dotless ı becomes an i
])
def test_month_names_of_northern_and_eastern_europe(text, expected):
    assert parse_date(text) == expected
