"""Decode: bytes to text by header, BOM, meta and detection; mis-declared pages still read well."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings, strategies as st

from quietpress.decode import clean_text, decode_bytes, decode_capture, known_encoding
from quietpress.model import Capture, CaptureKind

FRENCH = "<p>Le café de l’été « déjà » coûte 3 €, naïve señor — voilà.</p>"
JAPANESE = ("<html><body><p>日本語のニュース記事です。東京都は本日、新しい交通計画を発表しました。"
            "市民の生活に大きな影響があると見られています。</p></body></html>")
CHINESE = ("<html><body><p>这是一篇中文新闻报道。北京市政府今天宣布了新的交通计划，预计将对市民生活产生重大影响。"
           "</p></body></html>")
RUSSIAN = ("<html><body><p>Это новостная статья на русском языке. Правительство объявило о новом плане "
           "развития транспорта.</p></body></html>")


def decoded(data: bytes, charset: str | None = None, kind: CaptureKind = CaptureKind.HTML) -> str:
    capture = Capture(source="page.html", path=Path("page.html"), kind=kind, payload=data, sha256="0" * 64,
                      charset=charset)
    return decode_capture(capture).text


def test_declared_utf8_but_written_cp1252_reads_as_cp1252():
    page = "<meta charset='utf-8'>" + FRENCH
    assert decoded(page.encode("cp1252")) == page


def test_utf8_encoded_twice_over_is_put_right():
    page = "<meta charset='utf-8'>" + FRENCH
    twice = page.encode("utf-8").decode("latin-1").encode("utf-8")  # "’" becomes "â", 0x80, 0x99
    assert decoded(twice) == page


def test_latin1_letter_pairs_are_text_where_nothing_was_encoded_twice():
    page = "<p>Ã© is how a broken page shows é, and ÂÂ stays as written.</p>"
    assert decoded(page.encode("utf-8")) == page


def test_header_declares_utf8_but_bytes_are_cp1252():
    assert decoded(FRENCH.encode("cp1252"), charset="utf-8") == FRENCH


def test_declared_latin1_but_written_utf8_reads_as_utf8():
    page = "<meta charset='iso-8859-1'>" + FRENCH
    assert decoded(page.encode("utf-8")) == page


def test_header_latin1_but_bytes_utf8_reads_as_utf8():
    assert decoded(FRENCH.encode("utf-8"), charset="ISO-8859-1") == FRENCH


def test_utf16_with_bom_needs_no_declaration():
    assert decoded(FRENCH.encode("utf-16")) == FRENCH
    assert decoded(codecs_bom_be() + FRENCH.encode("utf-16-be")) == FRENCH


def codecs_bom_be() -> bytes:
    import codecs

    return codecs.BOM_UTF16_BE


def test_bom_beats_a_wrong_header():
    assert decoded(b"\xef\xbb\xbf" + FRENCH.encode("utf-8"), charset="windows-1251") == FRENCH


def test_shift_jis_without_declaration_is_detected():
    assert decoded(JAPANESE.encode("shift_jis")) == JAPANESE


def test_gb2312_without_declaration_is_detected():
    assert decoded(CHINESE.encode("gb2312")) == CHINESE


def test_cp1251_declared_utf8_is_detected():
    page = "<meta charset='utf-8'>" + RUSSIAN
    assert decoded(page.encode("cp1251")) == page


def test_meta_declaration_is_used_when_header_is_silent():
    page = '<meta http-equiv="Content-Type" content="text/html; charset=windows-1251">' + RUSSIAN
    assert decoded(page.encode("cp1251")) == page


def test_header_beats_meta():
    page = "<meta charset='koi8-r'>" + RUSSIAN
    assert decoded(page.encode("cp1251"), charset="windows-1251") == page


def test_mostly_utf8_page_with_stray_cp1252_bytes_keeps_both():
    article = "Die Straße in München wird größer, sagte der Bürgermeister. "
    data = article.encode("utf-8") + "“quoted” café".encode("cp1252")
    assert decoded(data, charset="utf-8") == article + "“quoted” café"


def test_utf7_declaration_is_refused_so_no_markup_appears():
    data = b"<meta charset='utf-7'><p>+ADw-script+AD4-alert(1)+ADw-/script+AD4-</p>"
    text = decoded(data)
    assert "<script>" not in text
    assert "+ADw-script+AD4-" in text


def test_text_codecs_only():
    assert known_encoding("base64") is None
    assert known_encoding("rot13") is None
    assert known_encoding("x-user-defined") is None
    assert known_encoding("Shift_JIS") == "cp932"
    assert known_encoding("GB2312") == "gb18030"


def test_utf16_label_on_ascii_bytes_is_ignored():
    assert decoded(b"<meta charset='utf-16'><p>plain</p>") == "<meta charset='utf-16'><p>plain</p>"


def test_invalid_bytes_are_replaced_not_fatal():
    text = decoded(b"<p>ok \xff\xfe\xfd broken \x81 end</p>", charset="utf-8")
    assert text.startswith("<p>ok ") and text.endswith(" end</p>")


def test_control_characters_removed_tab_and_newline_kept():
    text = decoded(b"<p>a\x00b\x01c\x0bd\x0ce\x1bf\x7fg\th\r\ni\rj</p>")
    assert text == "<p>abcdefg\th\ni\nj</p>"


def test_text_captures_do_not_trust_markup_looking_meta():
    data = "<meta charset='cp1251'> café".encode("utf-8")
    assert decoded(data, kind=CaptureKind.TEXT) == "<meta charset='cp1251'> café"


def test_clean_text_replaces_lone_surrogates():
    assert clean_text("a\ud800b\udfffc") == "a\ufffdb\ufffdc"


def test_empty_bytes_decode_to_empty_text():
    assert decoded(b"") == ""


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=600), st.sampled_from([None, "utf-8", "iso-8859-1", "shift_jis", "utf-16", "bogus", "utf-7"]))
def test_any_bytes_decode_without_error_or_control_characters(data, charset):
    text, encoding = decode_bytes(data, charset)
    cleaned = clean_text(text)
    assert isinstance(encoding, str)
    assert not any(ord(c) < 32 and c not in "\t\n" for c in cleaned)
    assert not any(0xD800 <= ord(c) <= 0xDFFF for c in cleaned)
    cleaned.encode("utf-8")


def test_utf16_without_bom_is_detected():
    page = "<html><body><p>" + FRENCH + "</p></body></html>"
    assert decoded(page.encode("utf-16-le")) == page
    assert decoded(page.encode("utf-16-be")) == page


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=()), max_size=60)
       | st.lists(st.sampled_from(["a", "\x00", "\x85", "\ufdd0", "\uffff", "\ud800", "\U0001fffe", "\U0010ffff",
                                   "\U0001fffd", "\r", "é", "\t"])).map("".join))
def test_the_single_pass_check_finds_every_character_removed(text):
    """remove_control_characters skips its passes where its first look finds nothing: that must only
    happen where the passes would change nothing."""
    from quietpress.decode import CONTROL_CHARS, PLANE_NONCHARACTERS, SURROGATES, remove_control_characters

    every_pass = SURROGATES.sub("\ufffd", PLANE_NONCHARACTERS.sub("", CONTROL_CHARS.sub("", text)))
    assert remove_control_characters(text) == every_pass
