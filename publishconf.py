"""Settings for the published site: `make publish` builds with these.

SITEURL is the address the archive is served from, for feeds and the sitemap; links between
pages stay relative, so the same build works under a sub-path such as
https://user.github.io/repo/. Set it with `make publish SITEURL=https://user.github.io/repo`.
"""

import os
import sys

sys.path.append(os.curdir)
from pelicanconf import *  # noqa: E402,F401,F403

SITEURL = os.environ.get("SITEURL", "").rstrip("/")
FEED_DOMAIN = SITEURL
if SITEURL:
    # Feeds and sitemap.xml need the absolute address; without it they are left out (see pelicanconf.py).
    FEED_ALL_ATOM = ATOM_FEEDS["FEED_ALL_ATOM"]  # noqa: F405
    CATEGORY_FEED_ATOM = ATOM_FEEDS["CATEGORY_FEED_ATOM"]  # noqa: F405
    AUTHOR_FEED_ATOM = ATOM_FEEDS["AUTHOR_FEED_ATOM"]  # noqa: F405
RELATIVE_URLS = True
DELETE_OUTPUT_DIRECTORY = True
