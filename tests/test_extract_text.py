"""The text-dump extractor's rules, one at a time, on small dumps written for each rule."""

from __future__ import annotations

from pathlib import Path

import pytest

from quietpress.errors import ExtractionError
from quietpress.extract import extract_article
from quietpress.extract.dump import LineKind, read_lines, wrap_width
from quietpress.extract.profiles import Profiles
from quietpress.extract.text import extract_text_article
from quietpress.extract.textheader import byline, date_line
from quietpress.model import Capture, CaptureKind, Document

PARAGRAPH_1 = "The council voted on Monday to close the old swimming baths on Kessel Street at the end of the summer season."
PARAGRAPH_2 = "Swimmers will be able to use the new leisure centre on the ring road, which opens in September after two years of building work."
PARAGRAPH_3 = "A petition to keep the baths open has gathered more than four thousand signatures since it was started in the spring."


def extract(dump: str, profiles: Profiles | None = None):
    capture = Capture(source="dump.txt", path=Path("dump.txt"), kind=CaptureKind.TEXT,
                      payload=dump.encode("utf-8"), sha256="0" * 64)
    return extract_text_article(Document(capture, dump, "utf-8"), profiles or Profiles.empty())


def article_dump(*body: str, header: str = "Kessel Street baths to close after 90 years\n\nBy Ada Brook\nMay 2, 2025\n") -> str:
    return header + "\n" + "\n\n".join(body) + "\n"


# --- bylines -------------------------------------------------------------------------------------------

@pytest.mark.parametrize("line, names", [
    ("By Ada Brook", ["Ada Brook"]),
    ("by Camilo Montoya-Galvez", ["Camilo Montoya-Galvez"]),
    ("By Hollis Grant and Rosa Kim", ["Hollis Grant", "Rosa Kim"]),
    ("By Hollis Grant, Rosa Kim", ["Hollis Grant", "Rosa Kim"]),
    ("By Hollis Grant, Rosa Kim and Ed Lowe", ["Hollis Grant", "Rosa Kim", "Ed Lowe"]),
    ("Von Jana Albrecht und Lukas Feldmann", ["Jana Albrecht", "Lukas Feldmann"]),
    ("Por María José Ferrer y Luis Ortega", ["María José Ferrer", "Luis Ortega"]),
    ("Par Claire Dubois", ["Claire Dubois"]),
    ("By Ana de la Cruz | Staff Writer", ["Ana de la Cruz"]),
    ("Submitted by Priya Nandakumar on Tue, 04/16/2024 - 14:35", ["Priya Nandakumar"]),
    ("Mara Lindqvist · Mar 8, 2025 · 4 min read", ["Mara Lindqvist"]),
    ("记者 王小明", ["王小明"]),
    ("記者：山田 太郎", ["山田 太郎"]),
    ("文／陈静", ["陈静"]),
])
def test_byline_gives_each_author(line, names):
    assert byline(line) == names


@pytest.mark.parametrize("line", [
    "By Tuesday, the council had approved the plan.",
    "By the end of the year, prices had doubled",
    "The US Inquirer",
    "January 26, 2025",
    "文化部长周二宣布新计划",  # opens with 文 ("text") as a word, not as a label
])
def test_sentence_starting_with_by_is_not_a_byline(line):
    assert byline(line) is None


def test_two_authors_and_date_from_the_header():
    article = extract(article_dump(PARAGRAPH_1, PARAGRAPH_2, header="Kessel Street baths to close\n\nBy Ada Brook and Ben Oduya\nMay 2, 2025\n"))
    assert article.title == "Kessel Street baths to close"
    assert article.authors == ("Ada Brook", "Ben Oduya")
    assert article.date == "2025-05-02"


ZH_DUMP = """  • 关于我们
  • 联系我们
港湾日报
  • 首页
  • 国内
  • 政治
首页 国内

港务局批准防波堤维修计划

记者 王小明
2025年1月26日
阅读时间：3分钟

相关文章

港口扩建工程进入第二阶段

港务局周二晚上开会，听取了工程师关于防波堤的报告。二月的风暴使防波堤近一半的长度出现裂缝，港务局在没有反对票的情况下批准了维修计划。

维修工程将于五月开始，工程师表示，工程预计在秋季风暴来临之前完成。二月的风暴报告统计了外墙上的十一处缺口。

维修费用为四百二十万元，一半由港务局承担，另一半由市政府在二十年内借款支付，利率为港务局去年秋天商定的利率。

分享 12
登录后发表评论
"""


def test_a_chinese_dump_gives_its_article_whose_sentences_have_no_spaces():
    # Counted by spaces, each Chinese paragraph was one word: the dump had no body at all.
    capture = Capture(source="zh.txt", path=Path("zh.txt"), kind=CaptureKind.TEXT, payload=ZH_DUMP.encode(), sha256="0" * 64)
    article = extract_article(Document(capture, ZH_DUMP, "utf-8"))
    assert (article.title, article.authors, article.date, article.lang) == ("港务局批准防波堤维修计划", ("王小明",), "2025-01-26", "zh")
    assert article.body_html.count("<p>") == 3 and "维修费用为四百二十万元" in article.body_html
    assert not any(clutter in article.body_html for clutter in ("分享", "登录", "相关文章", "港口扩建", "阅读时间"))


JA_TITLE = "港湾局が防波堤の修理計画を承認、五月に着工し秋の嵐の前に完成を目指すと技術者が説明"


def test_a_japanese_headline_of_forty_characters_is_a_headline():
    dump = ZH_DUMP.replace("港务局批准防波堤维修计划", JA_TITLE).replace("记者 王小明", "記者：山田 太郎")
    capture = Capture(source="ja.txt", path=Path("ja.txt"), kind=CaptureKind.TEXT, payload=dump.encode(), sha256="0" * 64)
    article = extract_article(Document(capture, dump, "utf-8"))
    assert len(JA_TITLE) == 41 and (article.title, article.authors) == (JA_TITLE, ("山田 太郎",))


def test_no_byline_leaves_authors_empty():
    article = extract(article_dump(PARAGRAPH_1, PARAGRAPH_2, header="Kessel Street baths to close\n\nMay 2, 2025\n"))
    assert article.authors == ()
    assert article.date == "2025-05-02"
    assert "baths to close" not in article.body_html


def test_date_line_allows_labels_and_reading_time_but_not_prose():
    assert date_line("Published 12 March 2025, 10:05 · 4 min read") == "2025-03-12T10:05:00"
    assert date_line("The baths opened on 12 March 1935 to great crowds from the town") is None


# --- category, capture date, site ----------------------------------------------------------------------

@pytest.mark.parametrize("crumb, category", [
    ("Home Politics", "Politics"),
    ("Home › World › Europe", "Europe"),
    ("News / Tech", "Tech"),
    ("Startseite » Lokales", "Lokales"),
    ("Inicio | Sociedad", "Sociedad"),
])
def test_breadcrumb_above_title_gives_category(crumb, category):
    article = extract(article_dump(PARAGRAPH_1, PARAGRAPH_2, header=f"{crumb}\n\nKessel Street baths to close\n\nBy Ada Brook\nMay 2, 2025\n"))
    assert article.category == category
    assert crumb not in article.body_html


def test_section_kicker_named_in_navigation_gives_category():
    header = "  • Home\n  • Local\n  • Sport\n\nLOCAL\n\nKessel Street baths to close\n\nBy Ada Brook\nMay 2, 2025\n"
    assert extract(article_dump(PARAGRAPH_1, PARAGRAPH_2, header=header)).category == "Local"


def test_date_in_page_header_is_the_capture_date():
    header = "Friday, May 9, 2025\nThe Kessel Post\n  • Home\n  • News\n\nKessel Street baths to close\n\nBy Ada Brook\nMay 2, 2025\n"
    article = extract(article_dump(PARAGRAPH_1, PARAGRAPH_2, header=header))
    assert article.captured == "2025-05-09"
    assert article.date == "2025-05-02"


def test_site_from_copyright_line():
    article = extract(article_dump(PARAGRAPH_1, PARAGRAPH_2, "© 2025 The Kessel Post. All rights reserved."))
    assert article.site == "The Kessel Post"
    assert "All rights reserved" not in article.body_html


# --- figures ---------------------------------------------------------------------------------------------

def test_caption_then_credit_make_one_figure():
    body = extract(article_dump(PARAGRAPH_1, "Swimmers at the Kessel Street baths in 1962.\n\nJOHN HALE/Kessel Post Archive", PARAGRAPH_2)).body_html
    assert ('<figure><figcaption>Swimmers at the Kessel Street baths in 1962. '
            '<small class="credit">JOHN HALE/Kessel Post Archive</small></figcaption></figure>') in body
    assert body.index(PARAGRAPH_1) < body.index("<figure>") < body.index(PARAGRAPH_2)


@pytest.mark.parametrize("credit", ["Photo: Lena Ruiz", "(AP Photo/Lena Ruiz)", "Lena Ruiz/Reuters via Getty Images",
                                    "Foto: dpa/Lena Ruiz", "Photo by Lena Ruiz on Unsplash"])
def test_credit_forms_are_recognised(credit):
    body = extract(article_dump(PARAGRAPH_1, f"The baths on their last open day.\n{credit}", PARAGRAPH_2)).body_html
    assert f'<small class="credit">{credit.strip("()")}</small>' in body.replace("&amp;", "&")


def test_credit_at_end_of_caption_line_is_split_off():
    body = extract(article_dump(PARAGRAPH_1, "The baths on their last open day. (AP Photo/Lena Ruiz)", PARAGRAPH_2)).body_html
    assert '<figcaption>The baths on their last open day. <small class="credit">AP Photo/Lena Ruiz</small>' in body


def test_figure_before_first_paragraph_is_kept_first():
    body = extract(article_dump("[IMG]\nThe baths seen from Kessel Street.\nPhoto: Lena Ruiz", PARAGRAPH_1, PARAGRAPH_2)).body_html
    assert body.startswith('<figure><figcaption>The baths seen from Kessel Street. <small class="credit">Photo: Lena Ruiz</small>')


def test_image_slug_and_file_name_are_dropped():
    body = extract(article_dump(PARAGRAPH_1, "KESSEL-BATHS-CLOSE\nThe baths on their last open day.\n\nLENA RUIZ/AFP", "baths-1962.jpg", PARAGRAPH_2)).body_html
    assert "KESSEL-BATHS-CLOSE" not in body and "baths-1962.jpg" not in body
    assert "LENA RUIZ/AFP" in body


# --- structure of the body -----------------------------------------------------------------------------------

def test_short_line_between_paragraphs_is_a_subheading():
    body = extract(article_dump(PARAGRAPH_1, "What happens next", PARAGRAPH_2)).body_html
    assert "<h2>What happens next</h2>" in body


def test_headline_repeated_elsewhere_in_dump_is_not_a_subheading():
    dump = article_dump(PARAGRAPH_1, "Ring road works delayed again", PARAGRAPH_2, PARAGRAPH_3,
                        "Most read", "Ring road works delayed again", "Market hall to reopen")
    body = extract(dump).body_html
    assert "Ring road works delayed again" not in body
    assert PARAGRAPH_3 in body


def test_related_block_mid_article_is_dropped_and_article_continues():
    dump = article_dump(PARAGRAPH_1, "RELATED POSTS", "Ring road works delayed again", "Market hall to reopen", PARAGRAPH_2,
                        "Read also: Council tax to rise by 4 percent", PARAGRAPH_3)
    body = extract(dump).body_html
    assert [p in body for p in (PARAGRAPH_1, PARAGRAPH_2, PARAGRAPH_3)] == [True, True, True]
    for clutter in ("RELATED", "Ring road", "Market hall", "Council tax"):
        assert clutter not in body


def test_end_marker_stops_the_body():
    body = extract(article_dump(PARAGRAPH_1, PARAGRAPH_2, "Recommended Stories",
                                "This other story has a long sentence that looks like a paragraph of an article.")).body_html
    assert PARAGRAPH_2 in body and "other story" not in body


@pytest.mark.parametrize("clutter", [
    "Share6Tweet4Share1", "0", "18 shares", "Reading Time: 5 mins read", "No Result", "View All Result",
    "Advertisement", "We use cookies to improve your experience on our website. Accept to continue.",
    "Already a subscriber? Log in to continue reading this article today.", "Forgotten Password?",
])
def test_furniture_inside_the_body_is_dropped(clutter):
    body = extract(article_dump(PARAGRAPH_1, clutter, PARAGRAPH_2)).body_html
    assert clutter not in body and PARAGRAPH_2 in body


def test_list_of_sentences_is_kept_and_navigation_list_dropped():
    dump = "  • Home\n  • News\n  • Sport\n\n" + article_dump(
        "The council listed three reasons:", "  • the roof leaks in every winter storm\n  • the boiler is older than most of the staff\n"
        "  • repairs would cost more than the new centre", PARAGRAPH_2)
    body = extract(dump).body_html
    assert "<ul><li>the roof leaks in every winter storm</li><li>the boiler is older than most of the staff</li>" in body
    assert "Sport" not in body


def test_author_bio_after_the_body():
    dump = article_dump(PARAGRAPH_1, PARAGRAPH_2, "Ada Brook", "Ada Brook covers the town hall for the Kessel Post.", "Related Posts")
    article = extract(dump)
    assert article.author_bio == "Ada Brook covers the town hall for the Kessel Post."
    assert "Ada Brook" not in article.body_html


def test_standfirst_between_title_and_byline_is_the_summary():
    header = "Kessel Street baths to close\n\nThe pool has been open since 1935 and loses money every year.\n\nBy Ada Brook\nMay 2, 2025\n"
    article = extract(article_dump(PARAGRAPH_1, PARAGRAPH_2, header=header))
    assert article.title == "Kessel Street baths to close"
    assert article.summary == "The pool has been open since 1935 and loses money every year."
    assert "since 1935" not in article.body_html


# --- wrapped dumps -------------------------------------------------------------------------------------------

WRAPPED = """\
Kessel Street baths to close

By Ada Brook
May 2, 2025

   The council voted on Monday to close the old swimming baths on Kessel
   Street at the end of the summer season, after an engineer's report
   found that the roof could not be repaired for less than a new building.

   Swimmers will be able to use the new leisure centre on the ring road,
   which opens in September after two years of building work, the
   council said.

   The baths seen from Kessel Street in the last week of the season.
   Photo: Lena Ruiz
"""


def test_wrapped_lines_are_joined_into_paragraphs():
    texts = [line.text for line in read_lines(WRAPPED)]
    assert ("The council voted on Monday to close the old swimming baths on Kessel Street at the end of the summer "
            "season, after an engineer's report found that the roof could not be repaired for less than a new building.") in texts
    assert "Photo: Lena Ruiz" in texts
    body = extract(WRAPPED).body_html
    assert body.count("<p>") == 2 and body.count("<figure>") == 1


def test_unwrapped_dump_keeps_its_lines_apart():
    dump = "\n".join([PARAGRAPH_1 + " " + PARAGRAPH_2] * 6 + ["Short line", "Another"])
    assert wrap_width(dump.split("\n")) is None
    assert [l.text for l in read_lines(dump)][-2:] == ["Short line", "Another"]


def test_lynx_link_references_and_reference_list_are_removed():
    dump = "   [1]Home [2]News\n\n" + WRAPPED + "\nReferences\n\n   1. https://kessel.example/\n   2. https://kessel.example/news\n"
    lines = read_lines(dump)
    assert lines[0].text == "Home News"
    assert not any("https://" in line.text for line in lines)


def test_bullets_and_image_markers_are_recognised():
    kinds = [line.kind for line in read_lines("  • Home\n   * Sport\n[IMG]\n1. First\n## Heading\nText")]
    assert kinds == [LineKind.BULLET, LineKind.BULLET, LineKind.IMAGE, LineKind.ORDERED, LineKind.HEADING, LineKind.TEXT]


# --- nothing to extract ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("dump", ["", "\n\n\n", "  • Home\n  • News\nLogin\n© 2025 Nobody"])
def test_dump_without_article_raises_extraction_error(dump):
    capture = Capture(source="empty.txt", path=Path("empty.txt"), kind=CaptureKind.TEXT, payload=dump.encode(), sha256="0" * 64)
    with pytest.raises(ExtractionError, match="empty.txt"):
        extract_article(Document(capture, dump, "utf-8"))


def test_header_above_the_main_prose_wins_over_dated_teasers():
    teasers = "".join(f"Teaser headline number {n} about the town\nMay {n}, 2025\nA short teaser sentence that runs for a few words.\n\n"
                      for n in range(1, 5))
    dump = teasers + article_dump(PARAGRAPH_1, PARAGRAPH_2, PARAGRAPH_3)
    article = extract(dump)
    assert article.title == "Kessel Street baths to close after 90 years"
    assert article.date == "2025-05-02"
    assert "Teaser" not in article.body_html and PARAGRAPH_3 in article.body_html


def test_wrapped_cjk_text_is_rejoined_without_spaces():
    sentence = "市議会は月曜日、老朽化した市民プールを夏の終わりに閉鎖することを決めた。" * 6
    wrapped = "\n".join(sentence[i:i + 38] for i in range(0, len(sentence), 38))
    dump = "\n\n".join([wrapped] * 4)
    assert [line.text for line in read_lines(dump)][0] == sentence


def test_meta_given_as_list_items_still_anchors_the_header():
    header = "Kessel Street baths to close\n\n  • Ada Brook, Kessel Post\n  • 02.05.2025, 08:57\n  • facebook\n  • email\n"
    article = extract(article_dump(PARAGRAPH_1, PARAGRAPH_2, header=header))
    assert article.title == "Kessel Street baths to close"
    assert article.date == "2025-05-02T08:57:00"
    assert "facebook" not in article.body_html


def test_image_marker_then_caption_without_credit_is_a_figure():
    body = extract(article_dump("[IMG]\nThe baths seen from Kessel Street.", PARAGRAPH_1, PARAGRAPH_2)).body_html
    assert body.startswith("<figure><figcaption>The baths seen from Kessel Street.</figcaption></figure>")


def test_image_alt_text_in_brackets_is_dropped_and_next_line_stays_a_paragraph():
    body = extract(article_dump("[kessel-baths-750x450]\n" + PARAGRAPH_1, PARAGRAPH_2)).body_html
    assert body.startswith(f"<p>{PARAGRAPH_1}</p>") and "750x450" not in body


def test_end_marker_followed_by_most_of_the_article_does_not_end_it():
    # 4 paragraphs of about 45 words: over MIN_REST_OF_ARTICLE_WORDS and twice the 21 words before.
    rest = [PARAGRAPH_2 + " " + PARAGRAPH_3, PARAGRAPH_3 + " " + PARAGRAPH_2, PARAGRAPH_2.replace("September", "October") + " " + PARAGRAPH_3,
            PARAGRAPH_3.replace("spring", "winter") + " " + PARAGRAPH_2]
    body = extract(article_dump(PARAGRAPH_1, "Most Popular", "  • Ring road works delayed again", *rest)).body_html
    assert all(p in body for p in rest)
    assert "Most Popular" not in body and "Ring road" not in body
