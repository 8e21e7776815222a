"""What is never article body on an HTML page: the selectors, patterns and thresholds, in one place.

Every rule here is general (visibility, markup roles, the wording of common CMS widgets), never
one site's markup; a rule only one site needs belongs in that site's profile under `sites/`.
Each threshold says how it was chosen. After changing any of them, re-run
`scripts/bench_extract.py --shared ../shared` and `pytest tests/test_extract_html.py tests/test_golden.py`,
and compare pages changed for better and for worse, not only the mean.
"""

from __future__ import annotations

import re

# Elements that never hold article text: dropped with their content before anything else looks.
NEVER_CONTENT = frozenset({"script", "style", "noscript", "template", "svg", "canvas", "button", "select",
                           "textarea", "input", "label", "dialog", "object", "embed", "map", "link", "meta",
                           "amp-ad", "amp-sticky-ad", "amp-sidebar", "amp-consent", "amp-social-share",
                           "amp-analytics", "amp-pixel", "amp-embed", "amp-auto-ads", "amp-user-notification"})
# AMP's custom elements for media, read as the plain HTML ones.
AMP_RENAMES = {"amp-img": "img", "amp-anim": "img", "amp-youtube": "iframe", "amp-iframe": "iframe"}

# Inline styles and attributes that hide an element from a reader. Pages keep hidden copies of the
# article (schema.org blocks, print versions) and hidden menus; a reader never sees them.
HIDDEN_STYLE = re.compile(r"(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)\b", re.I)
# ...unless the hidden element holds more than this share of the page's text: then it is the page
# itself, shown by its scripts once they run (prune.py, `_PageText`).
HIDDEN_PAGE_SHARE = 0.5

# Roles of containers that are page furniture, whatever they hold.
FURNITURE_ROLES = frozenset({"navigation", "banner", "contentinfo", "complementary", "dialog", "alertdialog"})
# An element of such a role holding more than this share of the page's paragraph text holds the
# page: the parser nested the page into it (a <div> left open inside the banner). A mega menu's
# descriptions are a small share.
NESTED_PAGE_SHARE = 0.5

# class/id words of blocks that sit inside the article container but are not the article:
# related and recommended stories, sharing bars, newsletter and subscription boxes, tag lists,
# comment sections, author boxes, ad slots, calls to action ("cta": a review's button to the seller,
# a sign-up prompt), disclaimers (an affiliate's "we may earn a commission"), cookie and login prompts. Matched against the
# element's class and id split into words, so "article-related" matches but "relatedness" does not.
# No lone "tag": WordPress marks the whole post with "tag-<slug>" classes.
FURNITURE_WORDS = re.compile(
    r"(?:^|[\s_-])(?:related|recommend(?:ed|ations)?|read-?more|more-?stories|outbrain|taboola|"
    r"latest(?:-news|-stories|-posts)?|most-?(?:read|popular|viewed)|trending|news-?list|"
    r"share|sharing|social|newsletter|subscribe|subscription|signup|sign-up|paywall|"
    r"tags|tag-?(?:list|cloud|links)|(?:post|entry|article)-?tags?|keywords|comments?|disqus|author-?bio|author-?box|about-?the-?author|"
    r"ad|ads|advert|advertisement|ad-?slot|ad-?container|dfp|sponsor(?:ed)?|promo|"
    r"ctas?|disclaimers?|cookie|consent|gdpr|login|modal|popup|popover|tooltip|rollover|hovercard|breadcrumbs?|pagination|toolbar|print-?(?:only|header|footer|logo))(?:$|[\s_-])",
    re.I,
)
# class/id words of a block of readers' comments ("comments", "comment-list", "commentTable").
COMMENTS_NAMED = re.compile(r"(?:^|[\s_-])comments?(?:[-_]?(?:list|table|section|area|block))?(?:$|[\s_-])", re.I)
# The writer's box under a story (authorbox.py): its name link is a name (a few words) standing
# as a line of its own (a label such as "Written by:" aside), and the box, the largest block around
# it under 1,200 characters, holds a description of 80 characters or more outside links.
AUTHOR_NAME_MAX_WORDS = 5
NAME_LINE_EXTRA_CHARS = 40
AUTHOR_BOX_MAX_CHARS = 1200
AUTHOR_BOX_MIN_PROSE = 80
# The article's container, for the gaps filled in reading order (gaps.py): the innermost element
# holding this share of the kept blocks' text.
FLOW_CONTAINER_SHARE = 0.8
# How far up from a block its section is looked for: its parent, and its parent's parent.
SECTION_DEPTH = 2
# A block of the page's own HTML, as page builders name it (Webflow `w-embed`, Squarespace
# `sqs-block-embed`, "html-embed"): the extractor drops whatever "embed" names, as it would a
# share button's frame. One that holds prose or a table of data, or a paragraph of prose named so
# (a pull quote, "c-block-quote-embed"), is written content, and loses its name (`prune.py`); one
# holding a frame, a script or a few links is left to the extractor.
CUSTOM_BLOCK = re.compile(r"embed", re.I)
# The extractor also drops a block for words naming a small piece of interface ("-icon",
# "rating", "timestamp"...) anywhere in its class: an accordion styled "kt-accordion-icon-style-arrow"
# went with the four sections of article it held. A container holding prose loses those words
# only; words naming what may hold copies of text (slides, overlays) are left to the extractor.
LOOK_NAMED = re.compile(r"icon|rating|timestamp|attachment|expand", re.I)
# A table with this many rows of cells holding text is data, not a layout of one or two rows.
DATA_TABLE_ROWS = 3
# The text a heading's container holds before it when the heading closes a story, not opens a page.
STORY_BEFORE_COMMENTS = 400
SUBHEADINGS = frozenset({"h2", "h3", "h4", "h5", "h6"})
# A form (ASP.NET wraps the whole page in one) holding this many paragraphs of at least this many
# characters holds the article and is not a widget: a search or signup form has none such.
# A line set in bold (or named a headline) over a byline is the headline of a page without an <h1>
# when it is this short at most; more words are a paragraph set in bold.
HEADLINE_LINE_MAX_WORDS = 20
# A line of links to places on the page ("Jump to Recipe", "Back to top") is this short at most.
JUMP_LINE_MAX_WORDS = 5
PROSE_PARAGRAPHS = 3
PROSE_PARAGRAPH_CHARS = 150
# The elements checked against FURNITURE_WORDS (by class or id).
FURNITURE_TAGS = frozenset({"aside", "nav", "div", "section", "ul", "ol", "p", "span", "footer", "header", "figure"})
# A furniture-named block is only removed when it holds little text: a long block of prose
# named "share-enabled" is still prose. 400 characters keeps every tested sharing bar,
# newsletter box and tag list (all under 300) while sparing real paragraphs.
FURNITURE_MAX_TEXT = 400

# Containers whose class or itemprop says they hold the article body. When a page splits its
# body into several such containers with ads between them, the parts are joined before
# main-content detection, which would otherwise keep only the first.
BODY_CLASS = re.compile(r"(?:^|\s)(?:article[-_]?body|articlebody|story[-_]?body|entry[-_]?content|post[-_]?content|"
                        r"article__body|article[-_]content|body[-_]?text|story[-_]?text|article[-_]?text)(?:$|\s)", re.I)

# Attributes where lazy-loading scripts keep an image's real address, in the order they are tried,
# and placeholder pictures a page shows until the script runs (blank, spacer, 1x1, lazy, loading).
LAZY_SRC_ATTRIBUTES = ("data-src", "data-lazy-src", "data-original", "data-lazy", "data-srcset", "data-lazy-srcset",
                       "srcset")
PLACEHOLDER_IMAGE = re.compile(r"(?:^|[/_.-])(?:blank|spacer|placeholder|lazy|loading|transparent|pixel|1x1|empty)"
                               r"[\w-]*\.(?:gif|png|svg|jpe?g|webp)(?:$|\?)", re.I)
# Words of an image's alt text or caption that make it a promotion, not a figure of the article.
PROMOTION = re.compile(r"\b(?:subscribe|subscription|newsletter|sign up|advert(?:isement)?|sponsored|sister (?:title|site|"
                       r"publication)|download (?:our|the) app|special offer|free trial)\b", re.I)
# Images that are the site's chrome, not the article's: logos, icons, tracking pixels, avatars.
NOT_FIGURE = re.compile(r"(?:^|[\W_])(?:logo|icon|sprite|pixel|spacer|avatar|badge|mast|masthead)s?(?:$|[\W_])", re.I)

# Body containers named in other languages (the main-content detection knows English names only):
# French, Spanish, Portuguese, Italian, German, Dutch, Polish, Czech words for "text", "content",
# "body" and "article text", as whole class words.
BODY_HINT_CLASS = re.compile(r"(?:^|\s)(?:texte|texto|testo|tekst|text|inhalt|artikeltext|artikel[-_]?inhalt|"
                             r"contenu|contenido|conteudo|conteúdo|contenuto|corpo|cuerpo|corps|inhoud|tresc|obsah|"
                             r"materia|noticia[-_]?texto|article[-_]?texte)(?:$|\s)", re.I)

# A body named in another language and split into same-named parts (text blocks between heading
# and picture blocks) is read from their common container when the parts hold at least this share
# of its text; below it, the container holds more than the article (menus, a footer's text block).
# On the `tune` pages the three split bodies held 0.86 to 0.98 of their container's text.
SPLIT_BODY_SHARE = 0.7

# Containers that may carry BODY_CLASS or itemprop="articleBody".
BODY_TAGS = frozenset({"div", "section", "article", "main"})

# Paragraphs that are widget text, not article text, when they stand alone as a block.
CLUTTER_PARAGRAPH = re.compile(
    r"^(?:(?:tags?|topics?|keywords|filed under|schlagwörter|etiquetas|marcadores)\s*:?.{0,300}|"
    r"(?:like|enjoy(?:ed)?|love)(?:d)? this (?:story|article|post)\??.{0,80}|"
    r"share (?:this|it) (?:with|on).{0,60}|"
    r"(?:get|sign up for|subscribe to) (?:the|our)?.{0,60}newsletters?.{0,80}|"
    r"thanks? (?:you )?for signing up!?|"
    r"(?:this|the) (?:copy|article) is for your personal,? non-commercial use.{0,300}|"
    r"(?:an )?error has occurred,? please try again.{0,40}|"
    r"(?:copyright|©).{0,160}(?:all rights reserved|reserved)\.?|"
    r"(?:copyright|©)(?:\s+\S+){0,12}|"
    # the labels of an ad break and a pager in the story
    r"(?:\(?\s*(?:story|article|text) continues (?:below|after (?:this |the )?(?:ad|advertisement))\s*\)?)|"
    r"(?:page \d+ of \d+.{0,40}|(?:«\s*)?(?:next|previous|prev\.?) page\s*[»›]?)|"
    r"share this (?:story|article|post|page)\s*:.{0,80}|"
    # a prompt to register or log in for the rest, and a call for news tips
    r"(?:to (?:read|see|view|continue reading) (?:the (?:full|rest of the|whole) (?:story|article)|more)|"
    r"(?:please )?(?:log ?in|sign in|register|subscribe) (?:(?:for free )?to (?:read|continue|see|view)|now to (?:read|continue))).{0,150}|"
    r"(?:have|got) a (?:news )?tip\??.{0,120}|"
    # a link to another story set in the text under a label ("Related: Winter timetable cut")
    r"(?:related(?: stor(?:y|ies)| articles?| links?)?|see also|also read|read also|more on this(?: story)?|lesen sie auch|"
    r"voir aussi|à lire aussi|lee también|leia também|leggi anche)\s*:.{0,150}|"
    # a lone ad label, and a line of the page's tools ("Print this article | E-mail this article")
    r"(?:advertisement|advertisment|anzeige|werbung|publicidad|publicité|pubblicità|reklame|publicidade)|"
    r"(?:(?:story|article|page|share|sharing)\s+tools?\s*:\s*|(?:share|bookmark)(?:\s+(?:this|it|with))?\s*:\s*)?"
    r"(?:(?:print|e-?mail|send|share|save|bookmark|reprints?|discuss|digg(?: it| this)?|del\.icio\.us|reddit|stumbleupon|"
    r"newsvine|technorati|comment(?: on)?)"
    r"(?:\s+(?:this|it|to a friend))?(?:\s+(?:article|story|page|post|link))?\s*[|•·,]?\s*){1,8}|"
    # the same in the other languages of the captures ("Drucken | Versenden", "Imprimir noticia | Enviar por e-mail")
    r"(?:(?:(?:artikel|noticia|notícia|articolo)\s+)?(?:drucken|versenden|verschicken|merken|teilen|empfehlen|kommentieren|"
    r"imprimir|enviar|compartir|compartilhar|comentar|guardar|imprimer|envoyer|partager|commenter|réagir|stampa|"
    r"invia|condividi|commenta|afdrukken|versturen|delen)(?:\s+(?:artikel|noticia|notícia|l'article|articolo|"
    r"(?:por|per|par)\s+e-?mail))?\s*[|•·,]?\s*){1,8}|"
    # a lone prompt to install the publication's app
    r"(?:get|download|install|try) (?:the|our) (?:[\w-]+ ){0,3}apps?(?: (?:now|today|here))?[.!]?|"
    r"(?:atenção|atencao|attention|note|nota|hinweis)\s*:\s*(?:os |les |die |i |the )?coment.{0,300}|"
    r".{0,80}comments? (?:are|is) (?:moderated|closed|reviewed).{0,200}|"
    r".{0,120}coment[aá]rios?.{0,80}(?:moderador|aprovados|moderação).{0,120}|"
    r"(?:\.\.\.|…)?\s*(?:more|less|read more|show more|show less)\s*(?:\.\.\.|…)?|"
    r"\[(\w+)[^\]]*\].*\[/\1\])$",
    re.I | re.S,
)

# The main extractor's output is trusted unless it looks like a menu: fewer than this many
# characters of text (a real article body on the benchmark pages has at least ~300), or more
# than this share of its text inside links (menus and link lists are above 0.5, articles
# below 0.2). Then the slower cascade with its fallbacks runs.
MIN_BODY_CHARS = 250
MAX_LINK_DENSITY = 0.5
# Nor is a result with more than 30% of its text in headings: a grid of cards (a picture and a
# title each: clients, projects), which the pictures make look like content. The pass without
# pictures is tried then. On the `tune` pages the results above 0.35 were all wrong (F1 under
# 0.25) and the right ones held at most 0.22.
MAX_HEADING_SHARE = 0.3
# The fast pass is also doubted when the page's paragraphs and list items (link text aside) hold
# more than 1/0.6 times its text (0.5 let a result holding half the article pass): it settled on a
# sidebar, reader comments, an ad box or part of the article, and the full cascade finds the whole.
# Chosen on the `tune` part of `make bench-extract` (wcxb-dev and scrapinghub); re-run it on both
# parts when changing this.
MIN_PROSE_SHARE = 0.6
# When both passes still hold less than that share, the element whose own paragraphs hold the most
# text is read as the body instead, if those paragraphs hold this many times the result's text.
PARAGRAPH_PARENT_GAIN = 2
# Or, for an article written as one container per section, the smallest element holding this share
# of the page's paragraph text.
PROSE_ANCESTOR_SHARE = 0.6
PROSE_ANCESTOR_GAIN = 4
# It is doubted too when the page's longest loose text (text of a <div> or cell itself, outside
# paragraphs, as pages that write the article with <br> have it) is longer than its result and
# fewer than this share of that text's runs of three words are in it: it settled beside the article.
MIN_LOOSE_TEXT_KEPT = 0.5
# The longer result of the full cascade is refused when it adds this many teasers of other
# stories (an excerpt cut short with an ellipsis): it read a blog's list of posts as the article.
TEASER_ENDINGS = ("…", "...", "[…]", "[...]", "(…)")
MIN_TEASERS = 2
# A list is one of other stories when this share of its items (and three at least) is a linked
# headline followed by an excerpt of at least this many characters cut short.
TEASER_LIST_SHARE = 0.8
TEASER_EXCERPT_CHARS = 40

# A paragraph right after a figure whose letters (spaces aside) are part of its caption is a piece
# of that caption the extractor kept twice; shorter than this, a lead-in ("Yes.") could match by chance.
CAPTION_PIECE_MIN_CHARS = 6
# A gallery's slide says what its picture's caption says (or alt text): this share of its words at
# least, past a toggle of a few words ("1 / 12 More"). A forum's post beside an avatar says more.
SLIDE_TOGGLE_WORDS = 4
SLIDE_CAPTION_SHARE = 0.5

# Pages built for several screen sizes write the article once per layout and let the stylesheet
# show one; the extractor, reading no stylesheet, takes all. Such a copy shows as long blocks
# (at least this many characters: a paragraph, not a table cell or "Rest" in a plan) repeating an
# earlier block at one same distance. From this many of them the later copies are dropped: on the
# `tune` pages the copies had 12 to 94 such blocks, while a page quoting its own lines (pull
# quotes, a summary box) repeats at most two at any one distance.
LAYOUT_COPY_BLOCK_CHARS = 60
LAYOUT_COPY_MIN_BLOCKS = 5

# Headings that open what comes after an article, the readers' comments ("Readers' comments (3)",
# "Top rated comments", "12 Comments", "Leave a reply") or the writer's biography ("About the
# author"): they and what follows them in their container are dropped, whatever markup is used
# (2008 pages wrote comments in tables, which nothing names as comments). Not "Replies" or
# "Responses": a forum thread heads its posts so, and there they are the page's content.
AFTER_ARTICLE_HEADING = re.compile(
    r"^(?:(?:readers?'?s?'?|your|user|visitor|latest|recent|newest|featured|(?:top|most|best|highest)[\s-]+"
    r"(?:rated|liked|voted|popular|recent))\s+)?comments?\s*(?:\(\d+\))?:?$|^\d+\s+comments?$|"
    r"^(?:leave|post|add|write)\s+(?:a|your)\s+(?:comment|reply)$|^join the (?:conversation|discussion)$|^have your say$|"
    r"^about the (?:authors?|writers?)$|"
    r"^(?:\d+\s+)?(?:kommentare?|commentaires?|comentarios?|commenti|reacties|kommentarer)\s*(?:\(\d+\))?:?$", re.I)

# Cards of other stories closing the body: headings that are links (a story's title), each with at
# most this many blocks and words after it (a date, a section, an excerpt), from this many cards
# on, to the end of the body, with as many date lines among them. An article's subheadings are
# not links, and a list article whose titles link to what they name has no dates. On the `tune`
# pages 5 blocks and 120 words took the one page with a grid of teasers after its article; 3 and
# 60 missed it.
TEASER_CARD_BLOCKS = 5
TEASER_CARD_WORDS = 120
TEASER_CARDS = 3
# Undated cards closing the body are other stories when they hold at most this share of its words.
TEASER_TAIL_SHARE = 0.33
# A link wrapped around a paragraph (HTML5 lets a card be one link: a title, an excerpt, a date)
# is another story's teaser, never the article's prose, up to this many characters of text; a
# longer one is a link left open by broken markup that swallowed what follows it. On the `tune`
# pages 1,268 such links on 102 of 458 pages, none of them article text.
CARD_LINK_MAX_CHARS = 1000
# A linked heading with this many characters of text beside it in its link is a card too (an excerpt
# written loose, without <p>).
CARD_TEXT_BESIDE_TITLE = 40
IMAGE_EXTENSIONS = (".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif", ".svg", ".tif", ".tiff")

# A block at the end of the body whose text is more than this share inside links is a related
# story or a share row ("Explore further: <link>"), not the article's last paragraph.
TRAILING_LINK_SHARE = 0.8

# When the extractor falls back to the whole page's text, the result is hundreds of menu lines.
# More than 30 lines, more than 80% of them of 3 words or fewer: no article on the benchmark pages
# comes near (the closest is under 40%); the one page dump there is at 97%.
DUMP_MIN_LINES = 30
DUMP_LINE_WORDS = 3
DUMP_SHORT_SHARE = 0.8
# Inline elements whose text counts as the text of the block holding them.
INLINE_TAGS = {"a", "b", "strong", "i", "em", "span", "font", "u", "sub", "sup", "abbr", "cite", "q", "mark"}

# The repeated headline is looked for among the body's first blocks (figures aside), and the blocks
# above it are dropped with it only if each is a kicker-sized line; 4 blocks and 12 words cover a
# kicker, a date line and a byline above the headline, as on the pages where this was seen.
HEAD_BLOCKS = 4
KICKER_MAX_WORDS = 12
# A heading at the top that shares this share of its words with the title (of the two word sets'
# union) is the headline written another way; 0.8 lets one name or word differ in a ten-word title.
HEADLINE_OVERLAP = 0.8
# A line opening the body is the headline when it is the title less the site's name ("Courier -
# Mill reopens"): at least 3 words, and at least half the title.
TITLE_LINE_MIN_WORDS = 3

# A table is page layout, not data, when its own cells hold headings, paragraphs, lists or tables
# (a page laid out in nested tables) and it has more than 500 characters of text (the data tables
# of the benchmark pages with a <p> in a cell all stay under that). Its rows and cells then become plain blocks before main-content detection.
LAYOUT_TABLE_MIN_TEXT = 500
LAYOUT_TABLE_BLOCKS_XPATH = ("./tr/td//*[self::p or self::h1 or self::h2 or self::h3 or self::h4 or self::ul or self::ol"
                             " or self::table]"
                             " | ./*/tr/td//*[self::p or self::h1 or self::h2 or self::h3 or self::h4 or self::ul or self::ol"
                             " or self::table]")
# Such a table is still data when it is a grid: at least 3 rows of the same number (2 or more) of
# cells whose median holds at most 200 characters. On the `tune` pages the data tables with a <p>
# in their cells have medians of 10 to 55 characters, the layout tables 570 and more (one or two
# cells a row).
DATA_GRID_MIN_ROWS = 3
# Elements HTML5 brought (2008 on): a page holding none of them is marked up in the older way, where
# text straight in <div>s and cells is the article's; with them, it is labels and captions.
HTML5_ELEMENTS = ("main", "article", "section", "header", "footer", "nav", "aside", "figure", "time")
# A table's own cells (not those of tables nested in it).
# A table of at most this many cells holding one picture and at most this much text frames a photo
# and its caption: one cell for both, or the picture's row, the caption's and a credit's.
FIGURE_TABLE_MAX_TEXT = 300
FIGURE_TABLE_MAX_CELLS = 3
CAPTION_NAMED = re.compile(r"caption|legend|cutline", re.I)
# Where a sentence ends, in the scripts news is written in. A Latin stop counts before a space or the
# end only (not in "3.5" or "example.com"); Chinese and Japanese write the next sentence straight on,
# and the other scripts' stops (Devanagari's danda, Arabic's and Urdu's, Armenian, Ethiopic,
# Burmese) are used for nothing else.
SENTENCE_STOP = re.compile(r"[.!?][\"”’')»]?(?=\s|$)|[。！？｡।॥؟۔։።။][\"”’')」』»]?")
# A <pre> of prose: this long, this many sentences, and next to no code characters (a share of its text).
PROSE_PRE_MIN_CHARS = 300
PROSE_PRE_MIN_SENTENCES = 3
PROSE_PRE_MAX_CODE_SHARE = 0.01
# A <div> of inline markup only is a paragraph on a modern page at this length and this many sentences.
PROSE_DIV_MIN_CHARS = 200
PROSE_DIV_MIN_SENTENCES = 2
# The block around it whose other lines of text in <div>s are paragraphs with it holds at most this much.
PROSE_DIV_GROUP_MAX_CHARS = 1500
# A layout row's story cell holds at least this much text outside links; a cell's declared width.
STORY_CELL_MIN_PROSE = 500
CELL_WIDTH = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(%|px)?\s*$")
OWN_CELLS_XPATH = "./tr/td|./tr/th|./*/tr/td|./*/tr/th"
# A table is layout too when one of its cells holds prose straight in it: at least 300 characters
# outside links, in lines parted by <br> (an old CMS's article cell). A data table's cells hold
# values; the longest seen on the `tune` pages, a note under a fixture list, is under 200.
PROSE_CELL_MIN_CHARS = 300
DATA_GRID_MAX_CELL_CHARS = 200
CELL_LISTS_XPATH = "./tr/td//*[self::ul or self::ol] | ./*/tr/td//*[self::ul or self::ol]"

# Hosts whose iframes are embeds worth a link (video, audio, social posts); other iframes are ads
# and are dropped. Social posts come as blockquotes with one of the SOCIAL_QUOTE classes.
EMBED_HOSTS = re.compile(r"(?:^|\.)(?:youtube(?:-nocookie)?\.com|youtu\.be|vimeo\.com|dailymotion\.com|twitter\.com|x\.com|"
                         r"instagram\.com|facebook\.com|tiktok\.com|soundcloud\.com|spotify\.com|podcasts\.apple\.com)$", re.I)
VIDEO_HOSTS = re.compile(r"(?:^|\.)(?:youtube(?:-nocookie)?\.com|youtu\.be|vimeo\.com|dailymotion\.com)$", re.I)
AUDIO_HOSTS = re.compile(r"(?:^|\.)(?:soundcloud\.com|spotify\.com|podcasts\.apple\.com)$", re.I)
SOCIAL_QUOTE = re.compile(r"(?:^|\s)(?:twitter-tweet|instagram-media|tiktok-embed|fb-post|twitter-video)(?:$|\s)")

# How many wrappers above an embedded post lose a furniture-like name ("social-media-embed"):
# two covers the embed's own box and its alignment wrapper without reaching the article.
EMBED_WRAPPER_DEPTH = 2

# Class words of a standfirst paragraph (dek, teaser, chapô...), in the languages of the captures.
STANDFIRST_CLASS = re.compile(r"(?:^|[\s_-])(?:dek|deck|standfirst|sub-?headline|subtitle|subline|summary|intro|lede|"
                              r"excerpt|teaser|chapo|chapeau|kicker|vorspann|bajada|entradilla|sottotitolo|linha-fina)"
                              r"(?:$|[\s_-])", re.I)

# A block at the top of the body of at most this many words that is only a date (its words all
# months, weekdays or the words below), or a byline of capitalised names, is the article's date
# line or byline (kept in the metadata), not its text. "By noon, the river rose" is not a byline.
DATELINE_MAX_WORDS = 10
BYLINE_LINE = re.compile(r"^(?i:by|von|par|por|door|di)\s+[A-ZÀ-Þ][\w.'’-]*(?:\s+[A-ZÀ-Þ][\w.'’-]*){0,3}"
                         r"(?:\s*(?:,|&|and|und|et|e|y)\s*[A-ZÀ-Þ][\w.'’-]*(?:\s+[A-ZÀ-Þ][\w.'’-]*){0,3})*$")
# What sets a date line or byline beside a section's or a place's name, and how long that name is.
HEAD_LINE_SEPARATOR = re.compile(r"\s+[|•·]\s+|,\s+")
HEAD_LINE_LABEL_WORDS = 3
# A section's name set in capitals over the byline has at most this many words.
SECTION_KICKER_WORDS = 3
# A line of a byline block naming the writer's job ("Associated Press Writer") is this short.
ROLE_LINE_MAX_WORDS = 5
# The page's footer line naming the publication is this short.
FOOTER_LINE_MAX_WORDS = 12
# A label is set in bold, ends with a colon and is short: "Related stories:", "Also in this week's issue:".
LABEL_MAX_CHARS = 60
# The label of a note about the writer, in the languages of the captures.
AUTHOR_BOX_LABEL = re.compile(r"^(?:about the (?:author|writer|columnist)s?|über (?:den autor|die autorin)|"
                              r"à propos de l'auteur|sobre (?:el|la|o|a) autora?|l'autore|over de auteur)\s*:?$", re.I)
DATELINE_WORDS = frozenset((
    "monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat sun "
    "montag dienstag mittwoch donnerstag freitag samstag sonntag lundi mardi mercredi jeudi vendredi samedi "
    "dimanche lunes martes miércoles jueves viernes sábado domingo segunda terça quarta quinta sexta feira "
    "lunedì martedì mercoledì giovedì venerdì sabato "
    "at am pm a m p on de do às um uhr le el la der den updated published posted last modified originally first "
    "gmt utc bst cet cest est edt cst cdt mst mdt pst pdt et pt ct mt h st nd rd th er"
).split())
