"""Pelican settings for the quietpress archive. `make html` builds with these; publishconf.py adds
what only the published site needs."""

AUTHOR = "quietpress"
SITENAME = "quietpress archive"
SITEURL = ""

PATH = "content"
ARTICLE_PATHS = ["articles"]
PAGE_PATHS = ["pages"]
STATIC_PATHS = ["images"]
# Raw HTML files in content/ are never published: only our Markdown reader reads content.
READERS = {"html": None, "htm": None, "rst": None}
IGNORE_FILES = [".*", "__pycache__", ".quietpress-manifest.json"]

THEME = "theme"
PLUGIN_PATHS = []
PLUGINS = ["quietpress.site"]

TIMEZONE = "UTC"
DEFAULT_LANG = "en"
DEFAULT_DATE_FORMAT = "%-d %B %Y"
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

DEFAULT_PAGINATION = 10
PAGINATION_PATTERNS = (
    (1, "{url}", "{save_as}"),
    (2, "{base_name}/{name}-{number}{extension}", "{base_name}/{name}-{number}{extension}"),
)

FEED_DOMAIN = SITEURL
FEED_ALL_ATOM = "feeds/all.atom.xml"
CATEGORY_FEED_ATOM = "feeds/topics/{slug}.atom.xml"
AUTHOR_FEED_ATOM = "feeds/authors/{slug}.atom.xml"
AUTHOR_FEED_RSS = None
TRANSLATION_FEED_ATOM = None
FEED_MAX_ITEMS = 50

# Every value from a capture is escaped in templates.
JINJA_ENVIRONMENT = {"autoescape": True, "trim_blocks": True, "lstrip_blocks": True, "extensions": []}

LOAD_CONTENT_CACHE = False
DELETE_OUTPUT_DIRECTORY = False
