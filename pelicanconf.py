"""Pelican settings for the quietpress archive. `make html` builds with these; publishconf.py adds
what only the published site needs."""

import logging
import os

from quietpress.site.archive_folder import archive_settings

# No default author: an article without a byline has no author page, rather than being filed under the archive.
# AUTHOR is deliberately not set at all: Pelican gives every article without a byline the author
# AUTHOR names whenever the setting exists, so AUTHOR = "" filed them all under an author with an
# empty slug, and 11 or more of them crashed the build (authors/.html/...; tests/test_hostile.py).
SITENAME = "quietpress archive"
SITEURL = ""

PATH = "content"
ARTICLE_PATHS = ["articles"]
PAGE_PATHS = ["pages"]
STATIC_PATHS = ["images"]
# Raw HTML files in content/ are never published: only our Markdown reader reads content.
READERS = {"html": None, "htm": None, "rst": None}
# ... nor copied as static files: a page, SVG or XML dropped into content/images/ would run its
# scripts when opened from the archive. The importer only ever writes images by hash (png, jpg,
# gif, webp, avif); these patterns also apply to theme/static, which holds none of these types.
IGNORE_FILES = [".*", "__pycache__", ".quietpress-manifest.json",
                "*.html", "*.htm", "*.xhtml", "*.xht", "*.shtml", "*.svg", "*.svgz", "*.xml", "*.xsl", "*.xslt"]

THEME = "theme"
PLUGIN_PATHS = []
PLUGINS = ["quietpress.site"]

TIMEZONE = "UTC"
DEFAULT_LANG = "en"
DEFAULT_DATE_FORMAT = "%-d %B %Y"
# An article whose capture named no section is filed under this topic; never under its folder's
# name (Pelican's default would make topics called "2024" out of articles/<year>/).
USE_FOLDER_AS_CATEGORY = False
DEFAULT_CATEGORY = "Uncategorised"
# Slugs are the file names the importer chose: unique, stable, safe.
SLUGIFY_SOURCE = "basename"

# Relative links ending in .html: the archive works from file://, a server, or a sub-path.
RELATIVE_URLS = True
ARTICLE_URL = ARTICLE_SAVE_AS = "articles/{date:%Y}/{slug}.html"
PAGE_URL = PAGE_SAVE_AS = "pages/{slug}.html"
CATEGORY_URL = CATEGORY_SAVE_AS = "topics/{slug}.html"
CATEGORIES_URL = CATEGORIES_SAVE_AS = "topics/index.html"
TAG_URL = TAG_SAVE_AS = "tags/{slug}.html"
TAGS_URL = TAGS_SAVE_AS = "tags/index.html"
AUTHOR_URL = AUTHOR_SAVE_AS = "authors/{slug}.html"
AUTHORS_URL = AUTHORS_SAVE_AS = "authors/index.html"
ARCHIVES_URL = ARCHIVES_SAVE_AS = "archives/index.html"
YEAR_ARCHIVE_URL = YEAR_ARCHIVE_SAVE_AS = "archives/{date:%Y}/index.html"
MONTH_ARCHIVE_URL = MONTH_ARCHIVE_SAVE_AS = "archives/{date:%Y}/{date:%m}/index.html"
DIRECT_TEMPLATES = ["index", "categories", "tags", "authors", "archives"]
# Publications (the `site` metadata) and the search page come from the plugin (quietpress/site/settings.py
# lists its settings with their defaults).
PUBLICATION_URL = PUBLICATION_SAVE_AS = "sites/{slug}.html"
PUBLICATIONS_SAVE_AS = "sites/index.html"
SEARCH_SAVE_AS = "search.html"

# No numbered pages: the home page shows the latest articles and each topic, tag, author and
# publication has one page (its latest articles, then the older ones a line each by year; the
# theme's _term_page.html). A numbered page shifts whenever an article is added before it, so one
# new article would rewrite every later page of the home and of its terms; pages by term and by
# month change only where the article goes. QUIETPRESS_LATEST_ARTICLES sets how many are shown in full.
DEFAULT_PAGINATION = False
PAGINATED_TEMPLATES = {}

# Atom feeds (whole archive, per topic, per author) need absolute addresses for their ids and links,
# so they are written only when SITEURL is set (publishconf.py, `make publish SITEURL=https://...`);
# a local build leaves them out rather than writing feeds with links to nowhere.
ATOM_FEEDS = {
    "FEED_ALL_ATOM": "feeds/all.atom.xml",
    "CATEGORY_FEED_ATOM": "feeds/topics/{slug}.atom.xml",
    "AUTHOR_FEED_ATOM": "feeds/authors/{slug}.atom.xml",
}
FEED_DOMAIN = SITEURL
FEED_ALL_ATOM = CATEGORY_FEED_ATOM = AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
TRANSLATION_FEED_ATOM = None
FEED_MAX_ITEMS = 50

# Every value from a capture is escaped in templates.
# auto_reload off: Jinja would otherwise stat the template file at every include (a partial per list
# item makes that tens of thousands of stats per build); Pelican makes a new environment per build.
JINJA_ENVIRONMENT = {"autoescape": True, "trim_blocks": True, "lstrip_blocks": True, "extensions": [],
                     "auto_reload": False}

LOAD_CONTENT_CACHE = False
# A picture the captured page gave no alt text is kept as the page had it (often a decorative one):
# the warning would speak of the source page, not of anything the archive can fix.
LOG_FILTER = [(logging.WARNING, "Empty alt attribute for image %s in %s"),
              (logging.WARNING, "Other images have empty alt attributes")]
DELETE_OUTPUT_DIRECTORY = False

# An archive of one's own (`make archive`, README "Starting your own archive"): the Makefile names
# its folder here. Its archive.yaml sets its name and any other setting, and its cache stays in it.
if os.environ.get("QUIETPRESS_ARCHIVE"):
    CACHE_PATH = os.path.join(os.environ["QUIETPRESS_ARCHIVE"], "cache")
    globals().update(archive_settings(os.environ["QUIETPRESS_ARCHIVE"]))
