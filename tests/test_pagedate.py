"""Publication dates of HTML pages: the strongest evidence wins, the page's own day, nothing invented."""

from __future__ import annotations

import json

import lxml.html

from quietpress.extract.metadata import extract_metadata


def page(head: str = "", body: str = "") -> lxml.html.HtmlElement:
    return lxml.html.document_fromstring(f'<html lang="en"><head>{head}</head><body>{body}</body></html>')


def ld(data: object) -> str:
    return f'<script type="application/ld+json">{json.dumps(data)}</script>'


ARTICLE = "<article><h1>Rain returns to the valley</h1><p>" + "The river rose overnight. " * 20 + "</p></article>"


def test_machine_readable_published_date_wins_over_the_modified_one():
    head = ('<meta property="article:published_time" content="2024-03-02T09:15:00+01:00">'
            '<meta property="article:modified_time" content="2024-03-05T10:00:00+01:00">')
    meta = extract_metadata(page(head, ARTICLE))
    assert meta.date == "2024-03-02T09:15:00+01:00"
    assert meta.modified == "2024-03-05T10:00:00+01:00"


def test_modified_date_before_the_published_one_is_dropped():
    head = ('<meta property="article:published_time" content="2024-03-02">'
            '<meta property="article:modified_time" content="2023-01-01">')
    assert extract_metadata(page(head, ARTICLE)).modified is None


def test_visible_byline_date_is_found_when_markup_has_none():
    body = '<p class="byline">By Carrie Arnold November 15, 2019</p>' + ARTICLE
    assert extract_metadata(page("", body)).date == "2019-11-15"


def test_date_in_the_url_is_found_when_the_page_has_no_other():
    head = '<link rel="canonical" href="https://paper.example/world/2019/nov/18/rain-returns">'
    assert extract_metadata(page(head, ARTICLE)).date == "2019-11-18"


def test_page_with_no_date_has_none():
    assert extract_metadata(page("<title>Rain returns</title>", ARTICLE)).date is None


def test_a_month_named_in_addresses_is_no_day():
    # htmldate reads "/2019/02/" as the 1st of February; the page names no day.
    head = '<link rel="canonical" href="https://paper.example/news/2019/03/rain-returns">'
    body = ARTICLE + '<p>See the <a href="https://paper.example/news/2019/02/storm-report">storm report</a>.</p>'
    assert extract_metadata(page(head, body)).date is None
    dated = body.replace("<p>The river", "<p class='byline'>1 March 2019</p><p>The river", 1)
    assert extract_metadata(page(head, dated)).date == "2019-03-01"


def test_utc_stamp_gives_way_to_the_local_day_the_page_shows():
    # Published at 21:46 in New York, kept by the CMS as 02:46 UTC on the next day.
    head = ('<meta property="article:published_time" content="2025-12-19T02:46:01+00:00">'
            '<link rel="canonical" href="https://blog.example/2025/12/18/comfort-watches/">')
    assert extract_metadata(page(head, ARTICLE)).date == "2025-12-18"


def test_utc_stamp_on_the_same_day_as_the_page_is_kept_whole():
    head = ('<meta property="article:published_time" content="2025-12-18T14:00:00+00:00">'
            '<link rel="canonical" href="https://blog.example/2025/12/18/comfort-watches/">')
    assert extract_metadata(page(head, ARTICLE)).date == "2025-12-18T14:00:00+00:00"


def test_date_written_for_people_in_json_ld_ranks_below_the_visible_date():
    # schema.org wants ISO 8601; "Jun 24, 2025" is a template's value, here the day of rendering.
    head = ld({"@type": "BlogPosting", "headline": "Rain", "datePublished": "Jun 24, 2025"})
    body = '<div class="post-meta"><span class="date">August 25, 2024</span></div>' + ARTICLE
    assert extract_metadata(page(head, body)).date == "2024-08-25"


def test_date_written_for_people_is_kept_when_nothing_else_is_known():
    head = ld({"@type": "BlogPosting", "headline": "Rain", "datePublished": "Jun 24, 2025"})
    assert extract_metadata(page(head, ARTICLE)).date == "2025-06-24"


def test_utc_stamp_gives_way_to_a_time_element_in_local_time():
    head = '<meta property="article:published_time" content="2025-12-19T02:41:41+00:00">'
    body = '<time datetime="2025-12-18T21:46:01-05:00">December 18, 2025</time>' + ARTICLE
    assert extract_metadata(page(head, body)).date == "2025-12-18"


def test_byline_date_under_the_headline_wins_over_dates_in_the_text():
    body = ("<h1>Rain returns to the valley</h1><p class='meta'>By Ada Obi</p><p>March 3, 2024</p>"
            "<p>" + "The river rose overnight, as it did on June 1, 2019, the wettest day on record. " * 3 + "</p>")
    assert extract_metadata(page("", body)).date == "2024-03-03"


def test_date_inside_a_longer_line_or_after_the_text_began_is_not_the_byline_date():
    from quietpress.extract.pagedate import byline_date

    body = ("<h1>Winners of the weekend</h1><h2>Results of 2020/7/11-12 and the eighteen winners of the sale</h2>"
            "<p>" + "The fields were large and the going was firm all weekend long at the course. " * 3 + "</p>"
            "<blockquote>September 27, 2020</blockquote>")
    assert byline_date(page("", body)) is None


def test_date_on_the_line_above_the_headline_is_the_byline_date():
    from quietpress.extract.pagedate import byline_date

    # A kicker above the headline: the way back to the list, then the date and the reading time.
    body = ("<nav><a href='/blog'>Back to all articles</a></nav><p>February 4, 2025 - 11 minutes</p>"
            "<h1>Rain returns to the valley</h1><p>What does the season have in store?</p><p>Ada Obi</p>"
            "<p>" + "The river rose overnight, as it did on June 1, 2019, the wettest day on record. " * 3 + "</p>")
    assert byline_date(page("", body)) == "2025-02-04"


def test_lines_above_the_headline_are_read_top_down():
    from quietpress.extract.pagedate import byline_date

    body = ("<div><span>Mental Health</span><span>DECEMBER 22, 2022</span><span>Updated: JANUARY 02, 2026</span></div>"
            "<h1>Rain returns to the valley</h1><p>" + "The river rose overnight and the roads closed. " * 4 + "</p>")
    assert byline_date(page("", body)) == "2022-12-22"


def test_menu_dates_far_above_the_headline_are_not_the_byline_date():
    from quietpress.extract.pagedate import byline_date

    body = ("<ul><li>March 3, 2024</li><li>Home</li><li>World</li><li>Sport</li><li>Weather</li></ul>"
            "<h1>Rain returns to the valley</h1><p>" + "The river rose overnight and the roads closed. " * 4 + "</p>")
    assert byline_date(page("", body)) is None


def test_byline_date_is_found_after_a_standfirst_and_a_photo_caption():
    from quietpress.extract.pagedate import byline_date

    body = ("<h1>Rain returns to the valley</h1>"
            "<p>After a dry summer the river rose overnight, and the farmers who had waited for it since June were glad.</p>"
            "<figure><img src='river.jpg'><figcaption>The river at dawn, seen from the old bridge that the flood of the "
            "spring had nearly carried away.</figcaption></figure>"
            "<div>By Ada Obi</div><div>Published March 9, 2026</div>"
            "<p>" + "The river rose overnight and the roads closed. " * 4 + "</p>")
    assert byline_date(page("", body)) == "2026-03-09"


def test_date_in_the_url_as_eight_digits():
    from quietpress.extract.pagedate import url_date

    assert url_date("https://paper.example/world/australian-megablaze-brought-under-control-20200113") == "2020-01-13"
    assert url_date("https://paper.example/article/20200316/NEWS/200319524") == "2020-03-16"
    assert url_date("https://paper.example/news/2019/nov/18/rain-returns") == "2019-11-18"


def test_ids_and_queries_in_the_url_are_not_dates():
    from quietpress.extract.pagedate import url_date

    assert url_date("https://paper.example/article/1202001135/rain") is None       # an id of more digits
    assert url_date("https://paper.example/article/20201399/rain") is None         # no 99th day
    assert url_date("https://paper.example/rain?from=20200113") is None            # a link's, not the page's
    assert url_date("http://[paper.example/20200113") is None                     # a URL that does not parse


def test_byline_prefers_the_published_date_to_the_one_labelled_as_an_update():
    from quietpress.extract.pagedate import byline_date

    for update in ("<p>Updated: January 2, 2026</p>", "<p>Last updated:</p><p>January 2, 2026</p>",
                   "<p>Mis à jour le 2 janvier 2026</p>"):
        body = ("<h1>Rain returns to the valley</h1><p>By Ada Obi</p>" + update + "<p>Published December 22, 2022</p>"
                "<p>" + "The river rose overnight and the roads closed. " * 4 + "</p>")
        assert byline_date(page("", body)) == "2022-12-22", update


def test_byline_with_only_an_update_gives_that_date():
    from quietpress.extract.pagedate import byline_date

    body = ("<h1>Rain returns to the valley</h1><p>By Ada Obi</p><p>Updated: January 2, 2026</p>"
            "<p>" + "The river rose overnight and the roads closed. " * 4 + "</p>")
    assert byline_date(page("", body)) == "2026-01-02"


def test_byline_under_a_headline_that_is_not_the_pages_only_h1_is_read():
    # The blog's name and its archive are the page's <h1>s; the post's headline is set in another element,
    # its date under it.
    text = "<p>" + "I did the puzzles of the second week on the train, in the mornings before work. " * 3 + "</p>"
    body = ("<h1><a href='/'>Roger's Blog</a></h1><fieldset><legend>Advent of Code 2025 week 2</legend>"
            "20 December 2025" + text + "</fieldset><h1>Archive</h1><p>1 December 2025</p>")
    head = ("<meta property='og:title' content='Advent of Code 2025 week 2'>"
            "<meta property='og:site_name' content=\"Roger's Blog\">")
    assert extract_metadata(page(head, body)).date == "2025-12-20"
    # Two <h1>s and the headline in neither: a link that repeats it is not the headline.
    body = ("<h1>Roger's Blog</h1><h1>Archive</h1><a href='/p'>Advent of Code 2025 week 2</a><p>20 December 2025</p>"
            + text)
    from quietpress.extract.pagedate import byline_date

    assert byline_date(page(head, body), "Advent of Code 2025 week 2") is None


def test_structured_date_written_for_people_with_its_time_zone_is_the_cms_stamp():
    # Not ISO 8601, but a time of day and a zone: the CMS's stamp, not a template's render day.
    head = ld({"@type": "NewsArticle", "headline": "Luxury shop opens", "datePublished": "Tue, Sep 15 2020 10:01:41 EDT"})
    body = ("<h1>Luxury shop opens</h1><h1>More stories</h1><p>Related: May 20, 2020</p>"
            "<p>" + "The shop opened its doors in the spring, as planned since May 20, 2020. " * 3 + "</p>")
    assert extract_metadata(page(head, body)).date.startswith("2020-09-15T10:01")
    # Without its time, the same date ranks below what the page shows.
    head = ld({"@type": "NewsArticle", "headline": "Luxury shop opens", "datePublished": "Sep 15, 2020"})
    body = "<h1>Luxury shop opens</h1><p>May 20, 2020</p>" + body
    assert extract_metadata(page(head, body)).date == "2020-05-20"


def test_byline_fields_parted_by_bars_each_count_as_a_line():
    from quietpress.extract.pagedate import byline_date

    body = ("<article><h1>Rain returns to the valley</h1><p>By Peter Lang | Record Staff | April 2, 2008</p><p>"
            + "The river rose overnight. " * 20 + "</p></article>")
    assert byline_date(page("", body)) == "2008-04-02"


def test_zoned_stamp_a_day_off_the_byline_gives_way_to_the_day_readers_saw():
    # A UTC time written with the site's offset after it: 04:31 "-06:00" is 22:31 CST the day before.
    head = '<meta property="article:published_time" content="2019-11-20T04:31:13-06:00">'
    body = ("<h1>Rain returns to the valley</h1><p class='byline'>By Ada Obi, November 19, 2019 10:31 pm CST</p>"
            "<p>" + "The river rose overnight. " * 20 + "</p>")
    assert extract_metadata(page(head, body)).date == "2019-11-19"
    # The same stamp on the byline's day is kept whole.
    same = body.replace("November 19", "November 20")
    assert extract_metadata(page(head, same)).date == "2019-11-20T04:31:13-06:00"


def test_time_of_day_without_a_zone_gives_way_to_the_local_day_the_page_shows():
    head = ('<meta property="article:published_time" content="2019-11-19T02:24:00">'
            '<link rel="canonical" href="https://news.example/2019/11/18/hearing/">')
    assert extract_metadata(page(head, ARTICLE)).date == "2019-11-18"


def test_day_without_a_time_a_day_off_the_addresss_gives_way_to_the_address():
    head = ('<meta property="article:published" content="2019-11-19" itemprop="datePublished">'
            '<link rel="canonical" href="https://news.example/2019/11/18/feather-duvet-lung/">')
    assert extract_metadata(page(head, ARTICLE)).date == "2019-11-18"
    same_day = head.replace("2019/11/18", "2019/11/19")
    assert extract_metadata(page(same_day, ARTICLE)).date == "2019-11-19"
