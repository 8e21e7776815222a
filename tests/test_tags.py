"""Tags: what a reader would click, each once."""

from __future__ import annotations

from quietpress.extract.tags import clean_tags


def test_tracking_and_layout_codes_are_not_tags():
    assert clean_tags(["ctp_video", "autoplay_video", "channel_other", "type_news", "Brexit"]) == ["Brexit"]


def test_key_value_fragments_are_not_tags():
    assert clean_tags(["section: Article", "source:tagname:CNBC Europe Source", "Trade"]) == ["Trade"]


def test_headlines_and_score_lines_are_not_tags():
    headline = "Trump administration weighs new tariffs on European cars as talks stall"
    assert clean_tags([headline, "Devils 1: David Pastrnak", "Wild 4", "Bruins 3", "NHL"]) == ["NHL"]


def test_a_number_in_one_tag_alone_is_kept():
    assert clean_tags(["Windows 11", "Microsoft"]) == ["Windows 11", "Microsoft"]


def test_tickers_are_not_tags():
    text = "Microsoft (NASDAQ: MSFT) and Nintendo reported results. NATO met in Brussels."
    assert clean_tags(["7974.TO", "MSFT", "NATO", "NYSE:IBM", "Nintendo"], text=text) == ["NATO", "Nintendo"]
    # A ticker named as one; an agency named as a source is not a ticker (and the WHO is a subject).
    text = "Home Depot (ticker: HD) beat forecasts, the WHO said (source: WHO)."
    assert clean_tags(["HD", "Home Depot", "WHO"], text=text) == ["Home Depot", "WHO"]


def test_case_variants_are_one_tag():
    assert clean_tags(["Emerging markets", "Emerging Markets", "EMERGING MARKETS"]) == ["Emerging markets"]


def test_publication_name_and_page_words_are_not_tags():
    assert clean_tags(["gizmodo.com", "Gizmodo", "NEWS", "articles", "Health"], site="Gizmodo") == ["Health"]


def test_handles_paths_ids_flags_and_agency_credits_are_not_tags():
    tags = ["@hp-top-stories", "/article", "COACH SPORTS_FIGURE PERSON", "30594 Lifestyles", "False", "E",
            "ASSOCIATED PRESS", "AP", "videoarticle", "Space"]
    assert clean_tags(tags) == ["Space"]


def test_tags_the_text_never_speaks_of_are_feed_codes():
    text = "Flood wardens counted the beavers' dams; the river floods less since they came."
    assert clean_tags(["A Wire", "Choice Plus", "serversidehawk", "Flooding", "Rivers", "Beavers"], text=text) == [
        "Flooding", "Rivers", "Beavers"]


def test_filing_labels_are_not_tags():
    tags = ["Business News", "Nigeria breaking news", "Front Page", "Premium Content", "Oklahoma - Z Sports Only", "Oklahoma"]
    assert clean_tags(tags) == ["Oklahoma"]


def test_wire_words_in_capitals_are_not_tags_but_acronyms_are():
    text = "Stocks in global markets fell on Monday; the NHL and UNESCO said nothing."
    assert clean_tags(["GLOBAL", "MARKETS", "NHL", "UNESCO"], text=text) == ["NHL", "UNESCO"]


def test_fragment_cut_at_an_entity_and_life_dates_are_dropped():
    text = "PG&E cut power; John Bel Edwards spoke."
    assert clean_tags(["PG&", "PG&E", "John Bel Edwards (1966- )"], text=text) == ["PG&E", "John Bel Edwards"]


def test_catalogue_form_names_read_given_name_first():
    text = "Gov. Matt Bevin lost; President Trump spoke; John Bel Edwards won. Oil and gas prices rose."
    tags = ["Bevin, Matthew", "Edwards, John Bel (1966- )", "Trump, Donald J", "Oil, Gas"]
    assert clean_tags(tags, text=text) == ["Matthew Bevin", "John Bel Edwards", "Donald J Trump", "Oil", "Gas"]


def test_url_slugs_are_not_tags_but_hyphenated_words_are():
    assert clean_tags(["star-wars-jedi-fallen-order", "rock-hall-2020", "Star Wars", "e-commerce", "covid-19"]) == \
        ["Star Wars", "e-commerce", "covid-19"]


def test_a_hyphenated_tag_beside_its_spaced_twin_is_one_tag():
    assert clean_tags(["science-fiction", "Science fiction", "books"]) == ["Science fiction", "books"]


def test_a_slug_of_a_name_is_read_as_the_text_writes_it():
    text = "The Doobie Brothers will tour with Michael McDonald; the concerts start in June."
    assert clean_tags(["doobie-brothers", "concerts-2020", "Michael McDonald"], text=text) == \
        ["Doobie Brothers", "Michael McDonald"]


def test_the_article_headline_filed_as_its_tag_is_not_a_tag():
    title = "2018 Boys State Swim Results"
    text = f"{title}\nThe boys state swim meet ended on Saturday with records in two relays."
    assert clean_tags(["2018 Boys State Swim Results", "Swim"], text=text, title=title) == ["Swim"]


def test_a_short_code_in_lower_case_needs_the_text_to_write_it():
    text = "EA and the UK studio shipped the game; tc readers asked for more."
    assert clean_tags(["tc", "us", "EA", "UK"], text=text) == ["tc", "EA", "UK"]


def test_a_tag_with_a_desk_code_after_it_is_its_twin():
    tags = ["Andrew Yang NEWSMAKER", "Andrew Yang", "10 things in tech", "10 things in tech SAI", "Hong Kong SAR"]
    assert clean_tags(tags) == ["Andrew Yang", "10 things in tech", "Hong Kong SAR"]


def test_a_dateline_word_in_capitals_is_spelled_as_the_text_writes_it():
    text = "HANOI, Vietnam (AP) — Officials in Hanoi said the talks went well. NATO was not present."
    assert clean_tags(["HANOI", "Vietnam", "NATO"], text=text) == ["Hanoi", "Vietnam", "NATO"]
