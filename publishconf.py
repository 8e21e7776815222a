"""Settings for the published site: `make publish` builds with these.

SITEURL is the address the archive is served from, for feeds and the sitemap; links between
pages stay relative, so the same build works under a sub-path such as
https://user.github.io/repo/. Set it with `make publish SITEURL=https://user.github.io/repo`.
"""

import os
import sys

sys.path.append(os.curdir)
from pelicanconf import *  # noqa: E402,F401,F403

SITEURL = os.environ.get("SITEURL", "")
FEED_DOMAIN = SITEURL
RELATIVE_URLS = True
DELETE_OUTPUT_DIRECTORY = True
