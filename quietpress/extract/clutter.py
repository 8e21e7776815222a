"""What a text dump's furniture looks like: patterns and thresholds, all in one place.

Each pattern is the general wording of common CMS widgets (WordPress, Ghost, Drupal, news themes) in
the languages we meet, or a shape (counters, slugs, file names), never one site's text; a line only
one site needs belongs in that site's profile under `sites/`. The thresholds were chosen on the text
corpus in tests/corpus/text_* (the seed and the fictional captures of other layouts); after changing
one, re-run `pytest tests/test_extract_text.py tests/test_golden.py tests/test_seed.py` and review
any golden diff (`make golden`).
"""

from __future__ import annotations

import re

from quietpress.extract.wordcount import word_count

# --- thresholds --------------------------------------------------------------------------------
# A line is surely a paragraph with this many words and a sentence ending. 8 keeps short
# headlines ("Top diplomat in Ukraine gives 'damning' testimony", 7 words) out and the shortest
# one-sentence news paragraphs of the corpus in.
MIN_SENTENCE_WORDS = 8
# Shorter sentences ("He declined to comment.") count once the body has started. 3 words drops
# "Log in." and "Thank you!" that a prompt pattern may miss.
MIN_SHORT_SENTENCE_WORDS = 3
# A line this long is prose even without a final stop (a paragraph cut by the dump). No headline
# in the corpus reaches 25 words; the shortest unpunctuated paragraph has 31.
LONG_LINE_WORDS = 25
# Pull quotes: a short paragraph whose words occur in order in a longer one. Under 6 words the
# match is chance ("He declined to comment."); the corpus's pull quote skips 2 words ("he says").
MIN_PULL_QUOTE_WORDS = 6
PULL_QUOTE_GAP_WORDS = 3
# Finding the article's main run of prose: each line that is not prose costs this many words.
# Sidebars alternate teasers with dates and headlines and so score low; an article keeps its score
# across a figure or subheading. Tried 5, 10 and 20 on bench_text.py; 10 scored best.
NON_PROSE_PENALTY_WORDS = 10
# An end-of-article marker does not end the body when the prose after it (up to the next marker)
# is at least this long and this many times what came before: what came before was a gallery's
# captions or a teaser. A page's related teasers are headlines, not 150 words of sentences.
MIN_REST_OF_ARTICLE_WORDS = 150
REST_OF_ARTICLE_RATIO = 2
# Titles: the longest headline in the corpus has 19 words; 30 leaves room for wordy sites.
MAX_TITLE_WORDS = 30
# Subheadings inside the body: the corpus's longest has 9 words; beyond 14 it is a sentence.
MAX_HEADING_WORDS = 14
# A photo credit is a name and an agency or service: at most 10 words ("Carlos Moreno/NurPhoto via
# Getty Images" is 5, "Photo by Ana Ruiz for the Harbour Lights Gazette" is 9).
MAX_CREDIT_WORDS = 10
# ... and at most this many characters, ten long words: the credit patterns are tried at every
# position of a line, and a 100 kB "Photo: AAAA..." line took 90 s (tests/test_hostile_resources.py).
MAX_CREDIT_CHARS = 300
# How far above the byline/date cluster the title may sit (non-blank lines), leaving room for a
# standfirst and a clutter line or two between them.
TITLE_SEARCH_LINES = 4
# How far above the title a breadcrumb or kicker may sit (non-blank lines).
CATEGORY_SEARCH_LINES = 3
# A list item in the body has at least this many words; nav items have 1-3 ("Home", "US News").
MIN_LIST_ITEM_WORDS = 4
# Hard-wrapped dumps: lines stop at a fixed column, 72-80 for fmt, lynx and w3m. A dump is wrapped
# when no more than this share of its long lines exceeds WRAP_MAX_WIDTH.
WRAP_MAX_WIDTH = 100
WRAP_MIN_WIDTH = 50
WRAP_OVERLONG_SHARE = 0.05
# A wrapped line ends within this many columns of the width (fmt balances lines; lynx indents).
WRAP_SLACK = 12

# --- words -------------------------------------------------------------------------------------
BYLINE_PREFIX = re.compile(
    r"^(?:(?:(?:written|words|story|text|reporting|report|posted|submitted|published)\s+by|by|von|por|par|di|door|"
    r"autor(?:in)?:|author:|autores:|auteurs?\s*:|text:|words:)\s*:?\s+"
    # Chinese and Japanese labels ("reporter", "author", "text by"), with or without a space or colon;
    # the one-character 文 ("text") only before a colon or slash, as it opens many words.
    r"|(?:记者|記者|作者|撰文|筆者)\s*[:：/／]?\s*|文\s*[:：/／]\s*)(.+)$", re.I)
# A Chinese, Japanese or Korean name written in its own script: two to four characters.
WIDE_NAME = re.compile(r"[\u4e00-\u9fff\u3400-\u4dbf]{2,4}|[\uac00-\ud7af]{2,4}")
# Words that join names in a byline, in the languages above.
NAME_JOINERS = re.compile(r"\s*(?:,|;|&|\band\b|\bund\b|\bet\b|\by\b|\be\b|\ben\b)\s*", re.I)
# Small words names may contain ("Ana de la Cruz", "Jan van Dijk", "Omar bin Said").
NAME_PARTICLES = {"de", "del", "la", "las", "los", "van", "von", "der", "den", "da", "di", "du", "le", "bin",
                  "al", "ibn", "dos", "das", "y", "zu", "ter", "st."}
# Words that introduce a date in the meta line ("Published 12 March", "Aktualisiert am").
DATE_WORDS = re.compile(
    r"\b(published|posted|updated|last updated|modified|on|at|am|um|uhr|le|el|de|del|à|a las|publié|"
    r"mis à jour|publicado|actualizado|veröffentlicht|aktualisiert|stand|pubblicato|aggiornato|date|datum|"
    r"fecha|mon|tue|wed|thu|fri|sat|sun|monday|tuesday|wednesday|thursday|friday|saturday|sunday|montag|"
    r"dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|lundi|mardi|mercredi|jeudi|vendredi|samedi|"
    r"dimanche|lunes|martes|miércoles|jueves|viernes|sábado|domingo|min|mins|read|minutes?|lesen|lectura|lecture)\b",
    re.I)
UPDATED = re.compile(r"\b(updated|last updated|modified|mis à jour|actualizado|aktualisiert|aggiornato)\b", re.I)
CAPTURED = re.compile(r"\b(captured|retrieved|saved|archived|accessed|clipped|abgerufen|consultado|consulté)\b", re.I)
# Words a breadcrumb starts with, by language.
HOME_WORDS = {"home", "start", "startseite", "inicio", "portada", "accueil", "home page", "homepage", "início", "inizio"}
BREADCRUMB_SEPARATOR = re.compile(r"\s*(?:›|»|>|/|\||→|·|::|»)\s*")
CATEGORY_LABEL = re.compile(r"^(?:category|section|filed under|posted in|rubrik|ressort|sección|categoría|rubrique|catégorie)\s*:?\s+(.+)$", re.I)
# A line that only names the page's reading time or a count of something.
READING_TIME = re.compile(r"(reading time|lesezeit|tiempo de lectura|temps de lecture|\bmins?\.?\s*(read|lesen|de lectura|de lecture)\b|\bminutes?\s*(read|de lecture)\b|^\d+\s*(-|–)\s*\d+\s*minut)", re.I)

# --- end of the article ---------------------------------------------------------------------------
# Lines after which only the page's furniture follows (once the body has started).
END_MARKERS = re.compile(
    r"^(more|more from .{1,40}|more stories|more news|recommended( stories| for you| articles)?|"
    r"popular( stories| posts| now| articles)?|most (read|popular|viewed)|next (post|article|story)|"
    r"previous (post|article|story)|you (may|might) also like|trending( now| stories)?|\d*\s*comments?( \(\d+\))?|"
    r"leave a (comment|reply)|join the (conversation|discussion)|discussion|share this( article| story| post)?:?|"
    r"share( on)?:|tags?:.*|topics?:.*|filed under:.*|about the authors?|über (den|die) autor(in)?|sobre (el|la) autora?|à propos de l'auteur|follow us.*|navigate site|"
    r"references|visible links|hidden links:?|"
    r"weitere artikel|mehr zum thema|meistgelesen|kommentare|das könnte sie auch interessieren|"
    r"más noticias|lo más leído|comentarios|también te puede interesar|"
    r"les plus lus|à lire aussi sur le même sujet|commentaires|sur le même sujet)$",
    re.I,
)
# Headings of blocks injected mid-article; the headline lines under them are skipped, not the
# article after them. Also as a prefix: "Related: Harbour fees rise again".
SECTION_MARKERS = re.compile(
    r"^(related( posts| stories| articles| content| coverage)?|read also|also read|see also|more on this( story| topic)?|"
    r"read more|lesen sie auch|lesen sie mehr|auch interessant|lee también|lea también|te puede interesar|"
    r"à lire aussi|lire aussi|voir aussi|leggi anche)\s*(?:[:›»>|\-–—]\s*(.*))?$",
    re.I,
)
# --- lines that are furniture wherever they are -----------------------------------------------------
CLUTTER_LINE = re.compile(
    r"^(no result|view all result|reading time:.*|share|tweet|pin|email|print|whatsapp|"
    r"((share|tweet|pin|email|print|whatsapp|reddit|linkedin|facebook|twitter|x)\s*\d*\s*)+|\d+\s*(shares?|views?|likes?)|"
    r"[\d.,]+\s*[km]?|login|log in|log out|sign in|sign out|sign in subscribe|register|pricing|menu|search|close|"
    r"newsletter|(sign up|subscribe|register)( now| today| here| for (free|.{1,40}))?!?|"
    r"welcome back!?|forgotten password\??|forgot( your)? password\??|lost your password\??|retrieve your password|"
    r"advertisement|anzeige|publicidad|publicité|sponsored( content)?|skip to (main )?content|zum inhalt springen|"
    r"(©|\(c\)|copyright\b).*|all rights reserved.*|alle rechte vorbehalten.*|todos los derechos reservados.*|"
    r"tous droits réservés.*|powered by .{1,40}|please enter your username.*|are you sure want to.*|"
    r"unlock left.*|toggle navigation|back to top|go to top|listen to (this )?article.*|"
    r"(accept|reject|decline)( all)?( cookies)?|manage (cookie )?(preferences|settings)|"
    r"(impressum|datenschutz|imprint|privacy( policy)?|terms( of (use|service))?|cookie policy|aviso legal|"
    r"mentions légales|contact( us)?|about( us)?|advertise( with us)?|careers)"
    r"(\s*[|·•]\s*(impressum|datenschutz|imprint|privacy( policy)?|terms( of (use|service))?|cookie policy|"
    r"aviso legal|mentions légales|contact( us)?|about( us)?|advertise( with us)?|careers))*)$",
    re.I,
)
# Sentences that are prompts, not reporting: cookies, accounts, paywalls, newsletters, comments.
PROMPT = re.compile(
    r"(\bcookies?\b.*\b(use|uses|using|accept|consent|browsing|experience|website|site)\b|"
    r"\b(we|wir|nous|usamos|utilizamos)\b.*\b(cookies)\b|"
    r"\bsubscribe\b.*\b(newsletter|inbox|today|now|unlimited|access)\b|\bsign up\b.*\b(newsletter|inbox|free)\b|"
    r"\bnewsletter\b.*\b(inbox|sign up|subscribe|delivered|every (morning|week|day))\b|"
    r"\balready (a subscriber|have an account)\b|\b(log|sign) in to (continue|comment|read)\b|"
    r"\bcreate (a free |an )?account\b|\bto continue reading\b|\bsupport (our|independent) journalism\b|"
    r"\bdisable your ad ?blocker\b|\byour email address will not be published\b|\brequired fields are marked\b|"
    r"\blogin to your account\b|\breset your password\b|\bnewsletter (abonnieren|bestellen)\b|"
    r"\bsuscr[ií]bete\b|\bbolet[ií]n\b.*\b(correo|recibe)\b|\bwir verwenden cookies\b|"
    r"\babonnez-vous\b|\binscrivez-vous\b.*\bnewsletter\b|\bthis (article|story) (was|is) (originally )?(published|republished)\b.*\b(license|licence)\b)",
    re.I,
)
# Share widgets glued into one word by the dump: "Share6Tweet4Share1", "Teilen12Tweet3".
SHARE_COUNTER = re.compile(r"^((share|tweet|pin|email|teilen|compartir|partager|whatsapp)\s*\d*){2,}$", re.I)
# Image slugs: one token in capitals, words joined by - or _ ("MEXICO-US-MIGRATION").
IMAGE_SLUG = re.compile(r"^[A-Z0-9]+(?:[-_][A-Z0-9]+)+$")
IMAGE_FILE = re.compile(r"^\S+\.(?:jpe?g|png|gif|webp|avif|svg|tiff?|bmp)(?:\?\S*)?$", re.I)
# Image markers of text browsers: w3m's [IMG], lynx's [image] or [alt text], reader exports' ![alt](src).
EXPLICIT_IMAGE_MARKER = re.compile(r"^\[(?:IMG|image|INLINE|photo|foto|bild|imagen)(?::[^\]]*)?\]$", re.I)
# A line made only of bracketed names is w3m's rendering of images by their alt text or file name
# ("[Bike-Style-book__MG_2959-750x450]", "[svg][590e30]").
IMAGE_MARKER = re.compile(r"^(?:\[(?:IMG|image|INLINE|photo|foto|bild|imagen)(?::[^\]]*)?\]|!\[[^\]]*\]\([^)]*\)|"
                          r"(?:\[[^\]\s]{1,80}\]\s*)+)$", re.I)
# Lynx's numbered link references ("[12]Home") and its form widgets.
LINK_REFERENCE = re.compile(r"\[\d{1,4}\]")
FORM_WIDGET = re.compile(r"^(\[_+\]|\(BUTTON\).*|\[\s?\]|_{4,}|\[[x ]\].*|\(\s?\).*)$", re.I)
# A line that is a list item: the bullet marker and the item's text.
BULLET = re.compile(r"^(?:[•·◦▪‣*+\-□■]|o(?=\s))\s+(.+)$")
ORDERED = re.compile(r"^(\d{1,2})[.)]\s+(.+)$")
MARKDOWN_HEADING = re.compile(r"^#{1,6}\s+(.+?)\s*#*$")
# Navigation on one line: "Home | World | Business | Sport".
NAV_LINE = re.compile(r"^[^|·•]{1,30}(?:\s[|·•]\s[^|·•]{1,30}){2,}$")

# --- figures ----------------------------------------------------------------------------------------
# A credit line: a photographer or agency, with the words papers put before and between them.
CREDIT = re.compile(
    r"(^\(?(?:photo|photos|foto|fotos|photograph|image|images|bild|picture|credit|crédit|crédito|illustration|"
    r"graphic|grafik|quelle|source|fuente|photographie|imagen)s?\b\s*(?:by|:|/|von|de|par)|"
    r"\b[\w.'’-]+/[A-Z][\w.&-]*|\bvia\b|\bgetty images\b|\breuters\b|\bafp\b|\bap photo\b|\bassociated press\b|"
    r"\bdpa\b|\bepa\b|\befe\b|\bshutterstock\b|\bunsplash\b|\bpexels\b|\bistock\b|\balamy\b|©|\bcourtesy\b)",
    re.I,
)
# A credit at the end of a caption line: "... on Monday. (AP Photo/Jane Doe)", "... Foto: dpa".
TRAILING_CREDIT = re.compile(
    r"^(?P<caption>.+?[.!?”\"’)])\s+(?P<credit>\((?:[A-Z][\w.&]*\s)?(?:Photo|Foto)/[^)]+\)|"
    r"(?:Photo|Photos|Foto|Fotos|Bild|Image|Credit|Crédit|Crédito|Photograph)\s*(?:by|:|/)\s*.{2,80})$"
)
COPYRIGHT_FOOTER = re.compile(r"^(?:©|\(c\)|copyright\b).*(?:\b(?:19|20)\d{2}\b|rights)|.*©\s*(?:19|20)\d{2}\b", re.I)
# What may sit between a caption and its credit on the same line.
SENTENCE_END = re.compile(r"[.!?…。！？｡।॥؟۔։።။][\"”’»)\]」』]*$")


def is_end_marker(line: str) -> bool:
    return bool(END_MARKERS.match(line.strip()))


def section_marker(line: str) -> str | None:
    """Return the headline after a related-block marker ("" for a bare marker), or None."""
    # "Read more about the plan in our explainer." has no separator: a sentence, not a marker.
    match = SECTION_MARKERS.match(line.strip())
    return (match.group(2) or "").strip() if match else None


def is_clutter_line(line: str) -> bool:
    """True for a line that is page furniture wherever it appears."""
    text = line.strip()
    return bool(CLUTTER_LINE.match(text) or SHARE_COUNTER.match(text) or IMAGE_SLUG.match(text)
                or IMAGE_FILE.match(text) or FORM_WIDGET.match(text) or NAV_LINE.match(text)
                or READING_TIME.search(text) and word_count(text) <= 8)


def is_prompt(line: str) -> bool:
    """True for a sentence that asks the reader to do something (accept, log in, subscribe)."""
    return bool(PROMPT.search(line))


def is_credit(line: str) -> bool:
    """True for a short line that names a photographer or agency."""
    text = line.strip()
    if len(text) > MAX_CREDIT_CHARS:
        return False
    words = word_count(text)
    if not 1 <= words <= MAX_CREDIT_WORDS or not CREDIT.search(text):
        return False
    # A sentence is not a credit, but "Photo: J. Doe." may end with a stop; a stop after a word in
    # the middle means a caption with its credit at the end.
    if re.search(r"[^\W\d_]{2,}[.!?]\s", text):
        return False
    # "© 2025 The Paper" is the footer; "© Jane Doe" under a caption is a credit.
    if COPYRIGHT_FOOTER.match(text):
        return False
    return not SENTENCE_END.search(text) or words <= 4
