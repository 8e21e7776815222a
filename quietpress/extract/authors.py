"""Authors from bylines: people only, each once, in proper case; an agency credit kept apart.

A byline value ("By Danica Kirka, JILL LAWLESSAssociated Press", "Jill Disis, CNN Business",
"Finian Cunningham. Sputnik International") is split on commas, "and", "&", "und", "y", "et"; each
part is a person, an agency (AP, Reuters, AFP, PTI...: the article's `agency`), or something that
is not an author (an organisation, a desk, "admin", "staff", a handle, a role, a credential), told
apart by the part's own shape and words, never by one site's wording.
"""

from __future__ import annotations

import functools
import html
import re
from dataclasses import dataclass
from typing import Callable, Iterable
from urllib.parse import urlsplit

from quietpress.extract.roles import ROLE_START, ROLE_WORDS, TRAILING_ROLE

BYLINE_PREFIX = re.compile(r"^\s*(?:(?:analysis|opinion|commentary|review|text|words|story|written|posted|reported|"
                           r"compiled|edited|reviewed|escrito|scritto|geschrieben|écrit)\s+)?(by|por|von|par|di|da|de|door|av|af)\s*:?\s+|"
                           r"^\s*(?:authors?|autor(?:in)?|auteur|текст|автор|авторы|piše|napisao|napisala|"
                           # the label of the text's credit beside the pictures' ("Texto: Ana Ruiz / Fotos: ...")
                           r"(?:text|texto|testo|texte|tekst|words|story|reporting)\s*:|"
                           r"(?:this (?:post|article|story) (?:was )?)?written by|posted by|"
                           # the link to an author's page: "View all posts by X", "All articles by X", "More from X"
                           r"(?:(?:view|see|read|browse)\s+)?(?:(?:all|more)\s+)?(?:articles?|posts?|stor(?:y|ies)|entries|"
                           r"content)\s+(?:by|from)|more\s+(?:by|from))"
                           r"\s*:?\s+", re.I)
# Words that are never a person: a lone byline prefix, credentials after a name (MD, PhD, RDN, DABOM).
NOT_A_NAME = re.compile(r"^(?:(?i:by|von|par|por|de|door|written by|posted by|author)|[A-Z]{2,6}|Ph\.?D\.?|M\.?D\.?|Jr\.?|Sr\.?)$")
# Lower-case words a name may hold ("Anya von Bremzen", "Luiz da Silva"); any other lower-case word
# makes a part a phrase, not a name ("Personal finance").
NAME_PARTICLES = {"de", "del", "della", "der", "den", "van", "von", "da", "das", "dos", "di", "du", "la", "le", "el",
                  "bin", "bint", "al", "ibn", "ten", "ter", "zu", "y", "e", "st."}
# A month or weekday standing alone is a date line's remnant ("Dec", "Sat"), not a first name.
CALENDAR_WORDS = re.compile(r"^(?:jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun|"
                            r"january|february|march|april|august|september|october|november|december|monday|"
                            r"tuesday|wednesday|thursday|friday|saturday|sunday)\.?$", re.I)
# A date glued to a name by the page's markup ("Jeff FoustMonday, November 18, 2019").
GLUED_DATE = re.compile(r"(?<=[a-z])(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|"
                        r"march|april|may|june|july|august|september|october|november|december)\b.*$", re.I)
# A date's label run into the name by the page's markup ("Craig McCarthy Last updated on 17 December").
DATE_LABEL = re.compile(r"\s+(?:last\s+)?(?:updated|published|posted|modified)\b.*$", re.I)
# A date before the name ("March 3, 2020 by Jane Doe", "03/03/2020 - Jane Doe", "3. März 2020 von ..."):
# the date and what separates it from the name go, the byline's label is then read as usual.
MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mär|mai|okt|dez|janv|févr|avr|juil|déc|ene|abr|ago|dic)[a-zéû]*\.?"
DATE_BEFORE = re.compile(rf"^\s*(?:[a-z]+day,?\s+)?(?:{MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|\d{{1,2}}(?:st|nd|rd|th)?\.?\s+"
                         rf"{MONTH},?\s+\d{{4}}|\d{{1,4}}[./-]\d{{1,2}}[./-]\d{{2,4}})\s*[-–—|·•,:]?\s*", re.I)
# A date after the name ("Andrew Gerrand 4 August 2010", "Jane Doe, on December 9, 2024", "Jane Doe
# 03/03/2020"): a day or a year beside a month's name, or a date in figures, ends the name.
DATE_AFTER = re.compile(rf"[\s,|–—-]+(?:on\s+)?(?:(?:\d{{1,2}}(?:st|nd|rd|th)?\.?\s+)?{MONTH}\s+\d|\d{{1,4}}[./-]\d{{1,2}}[./-]\d{{2,4}}).*$",
                        re.I)
# What stands between the names of a byline written as separate pieces or links ("Rui Ma, Heba
# Ledwon and Suparn Patra"): a joining word or mark, or nothing but spaces.
BETWEEN_NAMES = re.compile(r"^\s*(?:[,;&]|and|und|et|y)?\s*$", re.I)
# What joins the names of a byline naming several.
SEVERAL_NAMES = re.compile(r"[,;&]|\b(?:and|und|et|y)\b", re.I)
AUTHOR_SPLIT = re.compile(r"\s*(?:,|;|&|\b(?:and|AND)\b|\bund\b|\bet\b|\be\b|\by\b|\bi\b)\s*")
# A sentence stop between two names or a name and an affiliation ("Finian Cunningham. Sputnik
# International"); an initial's dot ("Julian K. Arni") is not one.
NAME_STOP = re.compile(r"(?<=[a-zà-ÿ]{2})\.\s+(?=[A-ZÀ-Þ])")
# Credentials and post-nominals after a name ("Dylan Bailey MS RD", "Jeffrey A. Slotnick CPP").
CREDENTIAL = re.compile(r"^(?:[A-Z]{2,6}|(?:[A-Z][a-z]?\.){2,4}|Ph\.?D\.?|M\.?D\.?|Jr\.?|Sr\.?|III|II)$")
SURNAME_VOWEL = re.compile(r"[AEIOUYÀ-ÖØ-Ý]")
TITLE_WORDS = re.compile(r"^(?:Dr|Prof|Mr|Mrs|Ms|Dott|Herr|Frau|Mme|M|Sr|Sra)\.?\s+")
# News agencies, by the spellings bylines use; the value is the name the archive shows.
AGENCIES = {
    "ap": "Associated Press", "associated press": "Associated Press", "the associated press": "Associated Press",
    "reuters": "Reuters", "thomson reuters": "Reuters", "afp": "AFP", "agence france-presse": "AFP",
    "agence france presse": "AFP", "pti": "PTI", "press trust of india": "PTI", "ians": "IANS", "ani": "ANI",
    "dpa": "dpa", "deutsche presse-agentur": "dpa", "efe": "EFE", "agencia efe": "EFE", "ansa": "ANSA",
    "upi": "UPI", "united press international": "UPI", "xinhua": "Xinhua", "kyodo": "Kyodo", "kyodo news": "Kyodo",
    "yonhap": "Yonhap", "tass": "TASS", "aap": "AAP", "australian associated press": "AAP",
    "the canadian press": "The Canadian Press", "canadian press": "The Canadian Press", "pa": "PA Media",
    "pa media": "PA Media", "press association": "PA Media", "anadolu agency": "Anadolu Agency", "apa": "APA",
    "bloomberg": "Bloomberg", "bloomberg news": "Bloomberg", "cna": "CNA", "europa press": "Europa Press",
    "sda": "SDA", "ats": "ATS", "kna": "KNA", "epd": "epd", "belga": "Belga", "anp": "ANP", "ap news": "Associated Press",
    # National agencies whose copy fills the wire pages of their countries' outlets.
    "ritzau": "Ritzau", "ritzaus bureau": "Ritzau", "ntb": "NTB", "stt": "STT", "stt-info": "STT", "ctk": "ČTK",
    "čtk": "ČTK", "pap": "PAP", "mti": "MTI", "lusa": "Lusa", "agência lusa": "Lusa", "ana-mpa": "ANA-MPA",
    "hina": "HINA", "tanjug": "Tanjug", "bta": "BTA", "agerpres": "Agerpres", "ukrinform": "Ukrinform",
    "interfax": "Interfax", "ria novosti": "RIA Novosti", "bernama": "Bernama", "antara": "Antara",
    "notimex": "Notimex", "télam": "Télam", "telam": "Télam", "agência brasil": "Agência Brasil",
    "agencia brasil": "Agência Brasil", "irna": "IRNA", "kuna": "KUNA", "wafa": "WAFA", "sapa": "SAPA",
    "jiji": "Jiji Press", "jiji press": "Jiji Press", "anadolu": "Anadolu Agency", "apa-ots": "APA",
    "agenzia ansa": "ANSA", "adnkronos": "Adnkronos",
}
GLUED_AGENCY = re.compile(r"(?<=[A-Za-z])(?=(?:Associated Press|Reuters|AFP|Agence France)\b)")
# An agency closing a byline with no comma before it: after a mark ("Jane Doe | Reuters", "Jane Doe
# (AFP)", "Jane Doe / AP", "Jane Doe with agencies"), or after a space where its name cannot end a
# person's (several words, or capitals: "JILL LAWLESS Associated Press", "Jane Doe AP"). An agency of
# one word after a space alone may be a surname ("Michael Bloomberg"). "Jane Doe for Reuters" is read
# as a writer's outlet (`_without_affiliation`).
_AGENCIES_OF_WORDS = "|".join(re.escape(name) for name in sorted(AGENCIES, key=len, reverse=True) if " " in name)
_AGENCIES_OF_ONE_WORD = "|".join(re.escape(name) for name in sorted(AGENCIES, key=len, reverse=True) if " " not in name)
TRAILING_AGENCY = re.compile(rf"(?:\s*[/|(]\s*|\s+with\s+)(?P<marked>(?i:{_AGENCIES_OF_WORDS}|{_AGENCIES_OF_ONE_WORD}|agencies|wires))\)?\s*$"
                             rf"|(?<!\b[Ff]or)\s+(?P<spaced>(?i:{_AGENCIES_OF_WORDS})|Reuters|REUTERS|AP|AFP|PTI|IANS|UPI|EFE|ANSA|AAP|TASS|dpa)\s*$")
# Words that make a byline part an organisation, a desk or a role rather than a person.
NOT_PERSON_WORDS = {
    "admin", "administrator", "staff", "desk", "team", "newsroom", "editors", "editorial", "webmaster", "redaktion",
    "rédaction", "redacción", "redazione", "redactie", "news", "media", "press", "times", "post", "herald",
    "tribune", "journal", "gazette", "magazine", "network", "international", "business", "group", "inc", "ltd",
    "llc", "corp", "company", "agency", "university", "institute", "association", "foundation", "online",
    "digital", "radio", "tv", "television", "channel", "daily", "weekly", "bureau", "department", "ministry",
    "council", "society", "service", "services", "sport", "sports", "corporation", "corp.", "limited", "gmbh", "ag", "sa", "anonymous", "unknown", "guest", "contributor", "contributors",
    "sponsored", "partner", "updated", "published", "read", "more", "about", "view", "posts", "share", "bio",
    "for",  # "Jane Doe For AFP": the outlet written for, once the agency's capitals are taken for a credential
    # what a firm calls itself ("Ovolo Collective", "Bright Studio", "Acme Labs", "Harbour Hotels")
    "collective", "studio", "studios", "lab", "labs", "partners", "solutions", "consulting", "consultants",
    "hotels", "resorts", "development", "communications", "operations", "marketing", "ventures", "technologies",
    "systems", "software", "academy", "clinic", "hospital", "center", "centre", "insights", "official", "blog",
}
# Words of Chinese and Japanese, written without spaces, that make a credit a firm's or a newsroom's
# ("株式会社" a company, "編集部" an editorial desk, "新聞" a newspaper, "網" a website).
ORGANISATION_MARKS = ("株式会社", "有限会社", "合同会社", "有限公司", "公司", "編集部", "编辑部", "新聞", "新闻", "日報", "日报",
                      "網", "网", "ドットコム")
MAX_NAME_WORDS = 5
# Words that make a site's name a news outlet's.
OUTLET_WORDS = {"news", "times", "post", "herald", "tribune", "journal", "gazette", "magazine", "media", "press",
                "radio", "tv", "television", "daily", "weekly", "chronicle", "observer", "telegraph", "courier"}
# Words that end a credit to a body of people rather than to one.
COLLECTIVES = {"staff", "team", "desk", "newsroom", "editors", "reporters", "writers"}


@dataclass(frozen=True)
class Credits:
    """Who a byline credits: the people who wrote the article, and the agency it came from."""

    authors: tuple[str, ...] = ()
    agency: str | None = None


def credits_from(sources: Iterable[Iterable[str]], site: str | None = None, url: str | None = None,
                 topics: Callable[[], Iterable[str]] = tuple) -> Credits:
    """Return the people of the first source that names one, and the first agency any source names.

    Sources come in order of trust (JSON-LD, meta, visible byline); a source naming only an
    organisation or an agency gives way to the next. `topics` gives the texts of the page's tag and
    section links: a byline's one word that is one of them is the post's topic printed beside its
    date ("Lifestyle March 12, 2025"), not a person. It is called only when a byline has such a
    word (finding the links is a search of the whole page).
    """
    own = {_key(site)} if site else set()
    # A word of a news outlet's name credited alone is the outlet ("Sky" of Sky News). Only an
    # outlet's: a blog's name may hold its writer's ("Kev" of "Kev Quirk"), and a firm credited by
    # its own name ("Venteur" of "Venteur, Inc") is how many sites sign their posts.
    site_words = (site or "").split()
    if {_key(word) for word in site_words} & OUTLET_WORDS:
        own.update(_key(word) for word in site_words if len(word) >= 3)
    host = (urlsplit(url).hostname or "") if url else ""
    # Every label of the host but the last names the site ("usatoday" of eu.usatoday.com).
    own.update(_key(label) for label in host.split(".")[:-1] if label != "www")
    topic_keys = functools.cache(lambda: {_key(topic) for topic in topics() if len(topic.split()) == 1})
    agency: str | None = None
    for values in sources:
        values = list(values)
        people, found_agency = _classify(values, own, lambda key: key in topic_keys())
        agency = agency or found_agency
        if people:
            return Credits(tuple(people), agency)
        if any(_collective(part) for part in _parts(values)):
            # The page credits its desk ("HNN Staff"): the names further down are other stories' bylines.
            return Credits((), agency)
    return Credits((), agency)


def _collective(part: str) -> bool:
    """A credit to an organisation's people: "Science X staff", "Politics team"."""
    return part.split()[-1].casefold() in COLLECTIVES


def split_authors(values: Iterable[str]) -> list[str]:
    """Return clean author names: no "By", role words split off, "A and B" split in two.

    >>> split_authors(["By Jane Doe and JOHN SMITH, Staff Writers"])
    ['Jane Doe', 'John Smith']
    """
    return _classify(list(values), set())[0]


def _classify(values: list[str], own: set[str], is_topic: Callable[[str], bool] = lambda key: False,
              ) -> tuple[list[str], str | None]:
    names: dict[str, str] = {}
    agency = None
    for value in values:
        after_agency = False
        parts = list(_parts([value]))
        for part in parts:
            if (len(part.split()) < 2 or part.isupper()) and (_key(part) in own or is_topic(_key(part))):
                continue  # the publication or a topic named as its author ("Al-Bawaba", "USA TODAY"); a blog named for its author keeps them
            if len(parts) > 1 and _key(part) in own:
                continue  # the writer's affiliation: "Emily Baron Cadloff, Modern Farmer" on Modern Farmer's site
            if part.casefold() in AGENCIES:
                agency = agency or AGENCIES[part.casefold()]
                after_agency = True
                continue
            if after_agency and len(part.split()) == 1:
                continue  # the dateline after an agency credit: "PTI, Washington"
            if _collective(part):
                continue  # an organisation's people, not a person
            name = _person(_before_role(part)) or _person(part) or _person(_leading_name(part)) \
                or _person(_without_affiliation(part))
            agency = agency or _agency_written_for(part)
            if name:
                names.setdefault(name.casefold(), name)
    return list(names.values()), agency


def _before_role(part: str) -> str:
    """Return the name before a job title run into it, when two words or more are left."""
    name = ROLE_START.sub("", part)
    return name if name != part and len(name.split()) >= 2 else ""


def _parts(values: list[str]) -> Iterable[str]:
    for value in values:
        value = html.unescape(" ".join((value or "").split()))
        value = GLUED_AGENCY.sub(", ", value)
        value = BYLINE_PREFIX.sub("", DATE_BEFORE.sub("", value))
        value = GLUED_DATE.sub("", value)
        value = DATE_LABEL.sub("", value)
        value = DATE_AFTER.sub("", value)
        value = TRAILING_AGENCY.sub(_agency_apart, value)
        # A job title naming the agency the writer works for ("Steve Peoples, AP National Political
        # Writer") credits that agency; the title itself goes.
        role = TRAILING_ROLE.search(value)
        agency = _agency_opening(role[0]) if role else None
        value = TRAILING_ROLE.sub("", value) + (f", {agency}" if agency else "")
        value = _without_monogram(value)
        value = re.split(r"\s*[|•·]\s*|\s[–—-]\s|\s*\n|\s+\(", value)[0]  # a bar or a bullet never stands in a name
        value = NAME_STOP.sub(", ", value)
        for part in AUTHOR_SPLIT.split(value):
            # A name is never quoted, nor ends in a dash: a template quoted a value its JSON then
            # quoted again ("\"David Kim\""); a byline's dash before a date in the next element.
            part = BYLINE_PREFIX.sub("", part).strip(" ,.;:|/\"“”-–—")
            without_role = ROLE_WORDS.sub("", part).strip(" ,.;:|")
            if without_role != part and len(without_role.split()) < 2:
                continue  # "Transport Correspondent" after a comma is a job title, not a person
            if without_role:
                yield without_role


def _agency_apart(found: re.Match[str]) -> str:
    """Return a trailing agency's name set apart by a comma; a word alone before an agency's name
    after a space is part of the agency's own ("Agenzia ANSA"), not a person's name."""
    if found["spaced"] and len(found.string[:found.start()].split()) < 2:
        return found[0]
    return ", " + (found["marked"] or found["spaced"])


def _agency_opening(role: str) -> str | None:
    """Return the agency a job title opens with ("AP" of "AP Sports Writer"), or None."""
    words = role.strip(" ,").split()
    for count in range(min(4, len(words) - 1), 0, -1):
        if " ".join(words[:count]).casefold() in AGENCIES:
            return " ".join(words[:count])
    return None


def _without_monogram(value: str) -> str:
    """Return the byline without the initials an avatar shows in place of a photo ("CM Craig
    McCarthy"): capitals that are the initials of the words after them."""
    words = value.split()
    if not words:
        return value
    initials = "".join(w[0] for w in words[1:len(words[0]) + 1])
    if 2 <= len(words[0]) <= 3 and words[0].isupper() and words[0] == initials and len(words) > len(words[0]):
        return " ".join(words[1:])
    return value


# A handle after the name ("Jane Doe @janedoe"), or the outlet the writer wrote for ("Jane Doe for
# MailOnline", "... For Daily Mail Australia").
TRAILING_HANDLE = re.compile(r"\s+@\w[\w.]*$")
WRITING_FOR = re.compile(r"^(?P<name>\S+(?:\s+\S+)+?)\s+for\s+(?P<outlet>.+)$", re.I)


def _without_affiliation(part: str) -> str:
    """Return the name before a trailing handle, or before "for" and an outlet's name: a news
    outlet's word ("Times", "News") or an online edition ("MailOnline"). Not before any "for": a
    body named "Texas Coalition for ..." is no writer."""
    part = TRAILING_HANDLE.sub("", part)
    found = WRITING_FOR.match(part)
    if found:
        outlet = [word.casefold().strip(".,") for word in found["outlet"].split()]
        if any(word in OUTLET_WORDS or word.endswith("online") for word in outlet) or _agency_written_for(part):
            return found["name"]
    return part


def _agency_written_for(part: str) -> str | None:
    """Return the agency a writer wrote for ("Jane Doe for Reuters"), or None."""
    found = WRITING_FOR.match(part)
    return AGENCIES.get(found["outlet"].casefold().strip(" .,")) if found else None


def _leading_name(part: str) -> str:
    """Return the name a byline box opens with when its bio runs on ("Jane Doe Jane Doe is a
    Lisbon-based writer"): the capitalised words before the first lower-case one, said once."""
    words = part.split()
    if len(words) <= MAX_NAME_WORDS:
        return ""
    lead = []
    for word in words:
        if not word[:1].isupper():
            break
        lead.append(word)
    half = len(lead) // 2
    if len(lead) % 2 == 0 and half >= 2 and lead[:half] == lead[half:]:
        lead = lead[:half]  # the name twice: once as the box's heading, once opening the bio
    elif len(lead) > 1 and lead[-1] in ("Is", "Was"):
        lead.pop()
    return " ".join(lead) if 2 <= len(lead) <= 3 and len(lead) < len(words) - 1 else ""


def _person(part: str) -> str | None:
    """Return the part as a person's name in proper case, or None when it is not a person."""
    words = part.split()
    if _surname_in_capitals(words):
        # "Jean DUPONT": French and Belgian bylines set the surname in capitals, a style, not an acronym.
        words = words[:1] + [word.title() for word in words[1:]]
        part = " ".join(words)
    while len(words) > 2 and CREDENTIAL.match(words[-1]):
        words.pop()  # "Dylan Bailey MS": the credential is not part of the name
    part = " ".join(words)
    # A figure or a form's required-field mark ("Name *", a comment form's label) is in no name.
    if not 1 <= len(words) <= MAX_NAME_WORDS or part.startswith("http") or "@" in part or re.search(r"[\d*]", part):
        return None
    if part.startswith(("(", "[")) or any(mark in part for mark in ORGANISATION_MARKS):
        return None  # a dateline's place ("(Abu Dhabi"), a firm or a newsroom
    if NOT_A_NAME.match(part) or {w.casefold().strip(".,:") for w in words} & NOT_PERSON_WORDS:
        return None
    while len(words) > 2 and CALENDAR_WORDS.match(words[-1]):
        words.pop()  # "Jeff Foust Monday": the date line run into the name
    part = " ".join(words)
    if len(words) == 1 and (_handle_shaped(part) or CALENDAR_WORDS.match(part)):
        return None
    if len(words) > 1 and any(w[0].islower() and w.casefold() not in NAME_PARTICLES for w in words):
        return None
    if words[0].casefold() == "the" or "." in words[-1] and len(words[-1]) > 3:
        return None  # "The Texas Newsroom"; "example.com"
    if not part.isupper() and any(re.fullmatch(r"[A-Z]{2,5}", w) for w in words if not TITLE_WORDS.match(w + " ")):
        return None  # an acronym beside words in lower case: "CNN Business", "NBC News"
    # Bylines set in capitals are a style, not the name's spelling.
    return part.title() if part.isupper() and len(part) > 3 else part


def _surname_in_capitals(words: list[str]) -> bool:
    """True for a given name followed by a surname in capitals ("Jean DUPONT", "Anne LE GALL"); not
    for credentials (MD, RDN: no vowel), an agency ("Jane AP"), nor a short word before an outlet's
    initials ("Do UOL": "from UOL")."""
    return len(words) >= 2 and len(words[0]) >= 3 and words[0].istitle() and all(
        len(word) >= 2 and word.isupper() and SURNAME_VOWEL.search(word) and word.casefold() not in AGENCIES
        for word in words[1:])


def _handle_shaped(word: str) -> bool:
    """A single word that is a user name, not a name: "andrew.keaveney", "KatieS", "beauhd_42", "Jdadmin"."""
    return bool(re.search(r"[._@]|[a-z][A-Z]", word)) or word.islower() or "admin" in word.casefold()


def _key(text: str | None) -> str:
    return re.sub(r"[\W_]+", "", (text or "").casefold())
