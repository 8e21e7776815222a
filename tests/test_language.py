"""Language: from the text when the page says nothing or says wrong."""

from __future__ import annotations

from quietpress.extract.language import article_language

GERMAN = ("Der Gemeinderat hat am Montag beschlossen, die Fähre über den Kaltsee ab März wieder fahren zu lassen. "
          "Die Kosten von rund zwei Millionen Euro teilen sich Land und Gemeinde, sagte der Bürgermeister. ") * 4
ENGLISH = ("The council voted on Monday to close the old baths, which opened in 1934 and have been losing money "
           "for a decade, the leader said on Tuesday after a long meeting. ") * 4


def test_german_text_under_an_english_declaration_is_german():
    assert article_language("en", GERMAN) == "de"


def test_undeclared_language_comes_from_the_text():
    assert article_language(None, ENGLISH) == "en"


def test_declared_language_that_the_text_confirms_is_kept():
    assert article_language("en", ENGLISH) == "en"


def test_too_little_text_keeps_what_the_page_says():
    assert article_language("fr", "Bonjour") == "fr"
    assert article_language(None, "OK") is None
