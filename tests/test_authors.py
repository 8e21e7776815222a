"""Authors: people only, each once, in proper case; agencies apart; organisations, desks and handles out."""

from __future__ import annotations

from quietpress.extract.authors import Credits, credits_from, split_authors


def test_glued_agency_and_capitals_give_each_person_once_and_the_agency_apart():
    found = credits_from([["By Danica Kirka, JILL LAWLESSAssociated Press, Jill Lawless and Associated Press"]])
    assert found == Credits(("Danica Kirka", "Jill Lawless"), "Associated Press")


def test_agency_closing_a_byline_without_a_comma_is_the_agency_not_part_of_a_name():
    for byline, agency in (("By DANICA KIRKA and JILL LAWLESS Associated Press", "Associated Press"),
                           ("Danica Kirka and Jill Lawless | Reuters", "Reuters"),
                           ("Danica Kirka and Jill Lawless (AFP)", "AFP"),
                           ("Danica Kirka and Jill Lawless / AP", "Associated Press"),
                           ("Danica Kirka and Jill Lawless with AFP", "AFP"),
                           ("Danica Kirka and Jill Lawless AP", "Associated Press")):
        assert credits_from([[byline]]) == Credits(("Danica Kirka", "Jill Lawless"), agency), byline
    assert credits_from([["Danica Kirka with agencies"]]) == Credits(("Danica Kirka",), None)
    assert credits_from([["Danica Kirka For AFP"]]) == Credits(("Danica Kirka",), "AFP")


def test_agency_of_one_word_after_a_space_alone_is_a_surname():
    assert credits_from([["Michael Bloomberg"]]) == Credits(("Michael Bloomberg",), None)
    assert credits_from([["Michael Bloomberg / Bloomberg"]]) == Credits(("Michael Bloomberg",), "Bloomberg")


def test_job_title_naming_an_agency_credits_the_agency():
    assert credits_from([["By STEVE PEOPLES, AP National Political Writer"]]) == Credits(("Steve Peoples",), "Associated Press")
    assert credits_from([["Jane Doe, Reuters Correspondent"]]) == Credits(("Jane Doe",), "Reuters")
    assert credits_from([["Jane Doe, Senior Writer"]]) == Credits(("Jane Doe",), None)


def test_surname_in_capitals_is_a_style_not_an_acronym():
    assert split_authors(["Jean-Pierre LE GALL et Marie DUPONT"]) == ["Jean-Pierre Le Gall", "Marie Dupont"]
    assert split_authors(["Dylan Bailey MS", "Apple TV", "CNN Business"]) == ["Dylan Bailey"]


def test_label_of_the_text_credit_and_bullets_are_not_part_of_the_name():
    assert split_authors(["Texto: Juan Pérez"]) == ["Juan Pérez"]
    assert split_authors(["By Jane Doe • Published: 12 March 2020"]) == ["Jane Doe"]


def test_affiliation_after_a_comma_is_not_part_of_the_name():
    assert split_authors(["Jill Disis, CNN Business"]) == ["Jill Disis"]


def test_affiliation_after_a_full_stop_is_not_part_of_the_name():
    assert split_authors(["Finian Cunningham. Sputnik International"]) == ["Finian Cunningham"]
    assert split_authors(["Julian K. Arni"]) == ["Julian K. Arni"]  # an initial's dot is not a stop


def test_agency_credit_alone_gives_no_author_but_the_agency():
    assert credits_from([["Reuters"]]) == Credits((), "Reuters")
    assert credits_from([["By Priya Nair, PTI"]]) == Credits(("Priya Nair",), "PTI")


def test_organisations_desks_admin_staff_and_handles_are_not_authors():
    for credit in ("admin", "Staff", "News Desk", "The Texas Newsroom", "Metro Desk", "andrew.keaveney", "KatieS",
                   "@politifact", "Editorial Team", "Name *"):
        assert split_authors([credit]) == [], credit


def test_publication_named_as_author_is_not_an_author():
    assert credits_from([["Al-Bawaba"]], site="Al Bawaba").authors == ()
    assert credits_from([["GlossGenius"]], url="https://glossgenius.com/blog/yoga").authors == ()


def test_blog_named_for_its_author_keeps_the_author():
    assert credits_from([["Cory Dransfeldt"]], site="Cory Dransfeldt").authors == ("Cory Dransfeldt",)


def test_credentials_are_not_part_of_a_name():
    assert split_authors(["Dylan Bailey, MS, RD, FAND"]) == ["Dylan Bailey"]
    assert split_authors(["Jeffrey A. Slotnick CPP"]) == ["Jeffrey A. Slotnick"]


def test_names_joined_in_several_languages():
    assert split_authors(["Anna Müller und Jörg Berg"]) == ["Anna Müller", "Jörg Berg"]
    assert split_authors(["Lucía Ferrer y Tomás Rivas"]) == ["Lucía Ferrer", "Tomás Rivas"]
    assert split_authors(["Claire Dubois et Marc Petit"]) == ["Claire Dubois", "Marc Petit"]
    assert split_authors(["Ada Obi & Tom Reed"]) == ["Ada Obi", "Tom Reed"]


def test_case_twins_are_one_author():
    assert split_authors(["JANE DOE", "Jane Doe"]) == ["Jane Doe"]


def test_source_naming_only_an_organisation_gives_way_to_the_visible_byline():
    found = credits_from([["Daily Planet Media Group"], ["By Lois Lane"]])
    assert found.authors == ("Lois Lane",)


def test_written_by_prefixes_are_not_names():
    assert split_authors(["This post was written by Danielle Padula"]) == ["Danielle Padula"]


def test_labels_dates_and_phrases_are_not_names():
    for credit in ("Written By", "Dec", "Sat", "Personal finance", "Claight Corporation"):
        assert split_authors([credit]) == [], credit
    assert split_authors(["Articles by Juliette Carreiro"]) == ["Juliette Carreiro"]
    assert split_authors(["Anya von Bremzen"]) == ["Anya von Bremzen"]


def test_byline_box_running_into_a_bio_gives_the_name():
    found = split_authors(["Dylan Ettinger Dylan Ettinger is a Los Angeles-based writer specializing"])
    assert found == ["Dylan Ettinger"]



def test_publication_named_in_capitals_as_author_is_not_an_author():
    assert credits_from([["USA TODAY"]], url="https://eu.usatoday.com/story/life/movies").authors == ()


def test_weekday_or_month_run_into_a_name_is_dropped():
    assert split_authors(["Jeff Foust Monday"]) == ["Jeff Foust"]
    assert split_authors(["Telegraph Sport"]) == []


def test_job_title_run_into_the_name_is_not_part_of_it():
    assert split_authors(["Liz Kenny Former McKinsey Consultant"]) == ["Liz Kenny"]
    assert split_authors(["Justin C Meserole", " Trial Attorney"]) == ["Justin C Meserole"]
    assert split_authors(["Resy Staff"]) == []  # one word left is no name: the credit is a desk


def test_interface_words_are_not_authors():
    assert split_authors(["Full Bio"]) == []


def test_russian_byline_label_is_not_part_of_the_name():
    assert split_authors(["Текст: Венера Ерофеева"]) == ["Венера Ерофеева"]


def test_avatar_monogram_before_the_name_is_dropped():
    assert split_authors(["CM Craig McCarthy"]) == ["Craig McCarthy"]
    assert split_authors(["IV Ilse Varga Last updated"]) == ["Ilse Varga"]
    assert split_authors(["AB Cd"]) == []  # capitals that are not the initials of what follows: not a monogram


def test_date_label_run_into_the_name_is_dropped():
    assert split_authors(["Ilse Varga Last updated on 17 December 2025"]) == ["Ilse Varga"]
    assert split_authors(["Ilse Varga Published"]) == ["Ilse Varga"]


def test_role_left_after_a_date_label_is_not_a_person():
    assert split_authors(["Ilse Varga Founder", " Lead Reviewer Updated Feb"]) == ["Ilse Varga"]


def test_bar_glued_to_a_name_ends_it():
    assert split_authors(["Ilse Varga| Author"]) == ["Ilse Varga"]


def test_job_title_after_a_name_is_dropped_in_english_and_other_languages():
    for byline in ("Jane Doe, Senior Editor", "Jane Doe Staff Writer", "Jane Doe Content Marketing Specialist",
                   "Jane Doe, Marketing Manager", "Jane Doe Journaliste", "Jane Doe, giornalista", "Jane Doe Redakteurin"):
        assert split_authors([byline]) == ["Jane Doe"], byline


def test_job_title_holding_and_is_not_a_second_author():
    assert split_authors(["Paul Frew, Home and Digital Security Expert"]) == ["Paul Frew"]
    assert split_authors(["Jane Doe and John Roe, Staff Writers"]) == ["Jane Doe", "John Roe"]


def test_date_after_a_name_ends_the_name():
    for byline in ("Andrew Gerrand 4 August 2010", "Andrew Gerrand - Mar 27, 2024", "Andrew Gerrand 03/03/2020",
                   "Andrew Gerrand, on December 9, 2024."):
        assert split_authors([byline]) == ["Andrew Gerrand"], byline
    assert split_authors(["Theresa May"]) == ["Theresa May"]  # a month's name with no day or year is a name


def test_job_title_with_its_employer_or_hyphenated_words_is_dropped():
    assert split_authors(["Reviewed by Justin C. Meserole, Trial Attorney at Morgan & Morgan"]) == ["Justin C. Meserole"]
    assert split_authors(["Cort Honey , Home- and Digital-Security Expert"]) == ["Cort Honey"]
    assert split_authors(["Brett Cruz, Privacy and Digital Security Expert"]) == ["Brett Cruz"]
    assert split_authors(["Danielle Padula, Head of Marketing and Community Development"]) == ["Danielle Padula"]


def test_date_before_a_byline_keeps_the_name():
    for byline in ("March 3, 2020 by Jane Doe", "03/03/2020 - Jane Doe", "Tuesday, 3 March 2020 | By Jane Doe",
                   "3. März 2020 von Jane Doe"):
        assert split_authors([byline]) == ["Jane Doe"], byline


def test_firm_words_mark_an_organisation():
    for credit in ("Ovolo Collective", "Bright Studio", "Acme Labs", "Harbour Hotels", "Northwind Consulting",
                   "Blue Ridge Communications", "Acme Solutions"):
        assert split_authors([credit]) == [], credit


def test_the_dateline_after_an_agency_credit_is_not_an_author():
    assert credits_from([["PTI, Washington"]]) == Credits((), "PTI")
    assert credits_from([["Reuters, London", "Jane Doe"]]) == Credits(("Jane Doe",), "Reuters")


def test_a_user_name_holding_admin_is_not_an_author():
    assert split_authors(["Jdadmin"]) == [] and split_authors(["SiteAdmin"]) == []


def test_a_word_of_the_site_name_or_a_staff_credit_is_not_an_author():
    assert credits_from([["Sky"], ["Jane Doe"]], site="Sky News") == Credits(("Jane Doe",), None)
    assert credits_from([["Science X staff"]], site="Phys.org") == Credits((), None)
    assert credits_from([["Kev"]], site="Kev Quirk") == Credits(("Kev",), None)  # a blog named for its writer


def test_quotes_around_a_name_and_a_dash_after_it_are_not_part_of_it():
    # A template's quotes inside JSON ("\"Ilse Varga\""), a byline's dash before a date set apart.
    assert split_authors(['"Ilse Varga"', "By Tomas Brandt -", "Jean-Luc Aufranc"]) == \
        ["Ilse Varga", "Tomas Brandt", "Jean-Luc Aufranc"]


def test_firms_datelines_and_labels_of_other_languages_are_not_names():
    for credit in ("(أبوظبي", "株式会社イルグルム", "北京新浪網"):
        assert split_authors([credit]) == [], credit
    assert split_authors(["Timesofindia.com /"]) == []
    assert split_authors(["Piše: P. Mucović"]) == ["P. Mucović"]
    assert split_authors(["Escrito por Rocío García"]) == ["Rocío García"]
