"""Topics: IPTC's 17 top-level Media Topics from the site's section, keywords and text, in several languages."""

from __future__ import annotations

from quietpress.extract.profiles import Profile, Profiles
from quietpress.extract.topics import TopicEvidence, assign_topic, with_section, with_topic
from quietpress.extract.topicwords import TOPICS
from quietpress.model import Article


def test_vocabulary_is_the_iptc_top_level_in_english_as_iptc_writes_it():
    assert len(TOPICS) == 17
    assert "economy, business and finance" in TOPICS and "arts, culture, entertainment and media" in TOPICS


def test_section_names_in_four_languages_give_the_topic():
    for section in ("Business", "Wirtschaft", "Économie", "Economía"):
        assert assign_topic(TopicEvidence(section=section)) == "economy, business and finance", section
    for section in ("Sport", "Deportes", "Fußball"):
        assert assign_topic(TopicEvidence(section=section)) == "sport", section


def test_section_from_the_url_path():
    assert assign_topic(TopicEvidence(url="https://paper.example/health/2019/11/18/flu-season")) == "health"


def test_publication_name_as_section_is_not_a_topic():
    assert assign_topic(TopicEvidence(section="gizmodo.com")) is None
    assert assign_topic(TopicEvidence(section="articles")) is None


def test_keywords_and_title_give_the_topic_when_the_section_says_nothing():
    evidence = TopicEvidence(section="NEWS", keywords=("Elections", "Parliament"), title="Tories under fire before the vote")
    assert assign_topic(evidence) == "politics"


def test_text_in_german_and_french_gives_the_topic():
    german = "Das Erdbeben erschütterte die Region. Die Feuerwehr evakuierte Hunderte; Hochwasser folgte dem Erdbeben."
    assert assign_topic(TopicEvidence(text=german)) == "disaster, accident and emergency incident"
    french = "Le tribunal a condamné le suspect. Le juge a ouvert le procès ; l'avocat du suspect fera appel."
    assert assign_topic(TopicEvidence(text=french)) == "crime, law and justice"


def test_nothing_known_gives_no_topic():
    assert assign_topic(TopicEvidence(title="A walk in the afternoon")) is None


def article(category: str | None, **values) -> Article:
    return Article(title=values.pop("title", "Markets fall"), body_html="<p>Shares fell as investors sold.</p>",
                   category=category, **values)


def test_site_section_is_kept_apart_from_the_topic():
    classified = with_topic(with_section(article("Markets")))
    assert classified.section == "Markets"
    assert classified.category == "economy, business and finance"


def test_site_profile_maps_a_section_to_a_topic():
    profiles = Profiles((Profile(path="sites/gazette.yaml", domains=("gazette.example",),
                                 sections={"Coast": "environment"}),))
    mapped = with_topic(profiles.apply(with_section(article("Coast", source_url="https://gazette.example/a"))))
    assert (mapped.section, mapped.category) == ("Coast", "environment")


def test_one_aliases_file_maps_sections_for_every_site(tmp_path):
    from quietpress.extract.profiles import load_profiles

    (tmp_path / "sections.yaml").write_text("Markets: economy, business and finance\nCoast: environment\n", encoding="utf-8")
    (tmp_path / "gazette.yaml").write_text("domains: [gazette.example]\nsections: {Coast: society}\n", encoding="utf-8")
    profiles = load_profiles(tmp_path)
    anywhere = with_topic(profiles.apply(with_section(article("Coast", title="Tide tables", source_url="https://else.example/a"))))
    assert anywhere.category == "environment"
    gazette = with_topic(profiles.apply(with_section(article("Coast", title="Tide tables", source_url="https://gazette.example/a"))))
    assert gazette.category == "society"  # the site's own profile wins


def test_a_section_qualified_by_a_word_or_two_is_read_word_by_word():
    assert assign_topic(TopicEvidence(section="Online Business")) == "economy, business and finance"
    assert assign_topic(TopicEvidence(section="Boys Swimming")) == "sport"
    assert assign_topic(TopicEvidence(section="Auto News")) == "lifestyle and leisure"


def test_a_headline_slug_in_the_url_is_not_a_section():
    url = "https://paper.example/with-shattered-dreams-travellers-return-home-from-abroad/"
    assert assign_topic(TopicEvidence(url=url)) is None


def test_stems_do_not_reach_unrelated_words():
    electric = "The electric coupe's electronic dashboard is electrically heated. Electric range: 400 km."
    assert assign_topic(TopicEvidence(text=electric)) != "politics"
    inquiry = ("Investigators opened an investigation into the fraud. The investigation went on: police arrested "
               "the suspect, and the court will hear the case.")
    assert assign_topic(TopicEvidence(text=inquiry)) == "crime, law and justice"
    inquiry_only = "Investigators opened an investigation; the investigators' investigation goes on."
    assert assign_topic(TopicEvidence(text=inquiry_only)) is None
    of_course = "Of course, of course. For example, examine the examples: of course the course of events changed."
    assert assign_topic(TopicEvidence(text=of_course)) is None


def test_one_word_in_its_inflections_counts_as_one_word():
    # "keyboard" and "keyboards" are one vocabulary entry, capped like any word said many times.
    text = ("Apple's new laptop keyboard: the keyboards were redesigned. Keyboard keyboard keyboards keyboards. "
            "Apple says the software and the apps run faster on Apple silicon.")
    assert assign_topic(TopicEvidence(text=text)) == "science and technology"


def test_demonstrations_and_riots_are_civil_unrest_under_conflict():
    text = "Protesters clashed with riot police; the unrest spread as demonstrators were killed in clashes."
    assert assign_topic(TopicEvidence(text=text)) == "conflict, war and peace"


def test_text_in_italian_and_korean_gives_the_topic():
    italian = "La squadra ha vinto la partita: l'allenatore loda i giocatori. Il campionato riparte domenica."
    assert assign_topic(TopicEvidence(text=italian)) == "sport"
    korean = "배우 김모 씨가 새 드라마에 출연한다. 이 드라마는 방송 첫 주 시청률 10%를 기록했고 배우들의 연기가 화제다."
    assert assign_topic(TopicEvidence(text=korean)) == "arts, culture, entertainment and media"
