"""Indexes: authors by surname with their own bios, one publication name per domain."""

from __future__ import annotations

from types import SimpleNamespace

from quietpress.site.annotate import author_bios, own_sentences
from quietpress.site.taxonomy import by_surname, surname_key


def test_authors_sort_by_surname_with_accents_folded():
    names = ["Marisol Vega", "Maëlle Abadie", "Hollis Grant", "Rosa Kim", "Éric Zola", "Martin Luther King Jr."]
    assert sorted(names, key=surname_key) == ["Maëlle Abadie", "Hollis Grant", "Rosa Kim", "Martin Luther King Jr.",
                                              "Marisol Vega", "Éric Zola"]


def test_accented_first_name_sorts_where_its_letters_do():
    assert sorted(["Marisol Ruiz", "Maëlle Ruiz"], key=surname_key) == ["Maëlle Ruiz", "Marisol Ruiz"]


def test_term_pairs_sort_by_their_author_name():
    terms = [(SimpleNamespace(name="Rosa Kim"), []), (SimpleNamespace(name="Hollis Grant"), [])]
    assert [t[0].name for t in by_surname(terms)] == ["Hollis Grant", "Rosa Kim"]


BIO = ("Hollis Grant covers city hall for the Ledger. She joined in 2019. "
       "Rosa Kim is the Ledger's transportation reporter.")


def test_each_coauthor_gets_only_their_own_sentences():
    names = ["Hollis Grant", "Rosa Kim"]
    assert own_sentences(BIO, "Hollis Grant", names) == "Hollis Grant covers city hall for the Ledger. She joined in 2019."
    assert own_sentences(BIO, "Rosa Kim", names) == "Rosa Kim is the Ledger's transportation reporter."


def test_author_bios_split_a_shared_bio():
    article = SimpleNamespace(author_bio=BIO, authors=[SimpleNamespace(name="Hollis Grant"), SimpleNamespace(name="Rosa Kim")])
    bios = author_bios([article])
    assert bios["Rosa Kim"] == "Rosa Kim is the Ledger's transportation reporter."
    assert "Rosa" not in bios["Hollis Grant"]


def test_every_article_of_a_domain_gets_one_publication_name():
    from quietpress.site.taxonomy import name_publications

    articles = [SimpleNamespace(site="PolitiFact", source_url="https://www.politifact.com/a"),
                SimpleNamespace(site="PolitiFact West Virginia", source_url="https://www.politifact.com/b"),
                SimpleNamespace(site="Inexhibit magazine", source_url="https://www.inexhibit.com/a"),
                SimpleNamespace(site="Inexhibit", source_url="https://www.inexhibit.com/b"),
                SimpleNamespace(site=None, source_url="https://www.inexhibit.com/c")]
    name_publications(articles)
    assert [a.publication_name for a in articles] == ["PolitiFact", "PolitiFact", "Inexhibit", "Inexhibit", None]


def test_tag_index_leads_with_tags_that_group_articles():
    from quietpress.site.taxonomy import grouping_first

    terms = [(SimpleNamespace(name="Apples"), [1]), (SimpleNamespace(name="Zinc"), [1, 2, 3]),
             (SimpleNamespace(name="budget"), [1, 2])]
    assert [t[0].name for t in grouping_first(terms)] == ["Zinc", "budget", "Apples"]
