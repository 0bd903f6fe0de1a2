"""Production settings: everything in pelicanconf.py, plus absolute URLs, feeds,
canonical links and a clean output folder. ``invoke preview``, ``invoke gh-pages``
and the GitHub Pages workflow build with this file.

The site's address, first match wins:
1. the environment variable BUILDLOG_SITEURL (the Pages workflow sets it to the
   address GitHub gives the site);
2. ``https://<CNAME>`` when you set a custom domain below (or BUILDLOG_CNAME);
3. the SITE_ADDRESS below: change it to ``https://<user>.github.io/<repository>``.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from pelicanconf import *  # noqa: F403

# A custom domain (``blog.example.com``), or "" for <user>.github.io. `invoke gh-pages`
# writes it to the branch as CNAME; with the Actions workflow, set it in the
# repository's Settings > Pages instead (GitHub ignores CNAME files there).
CNAME = os.environ.get("BUILDLOG_CNAME", "").strip()
SITE_ADDRESS = "https://example.github.io/buildlog"

SITEURL = (os.environ.get("BUILDLOG_SITEURL", "").strip()
           or (f"https://{CNAME}" if CNAME else SITE_ADDRESS)).rstrip("/")
RELATIVE_URLS = False
CANONICAL_LINKS = True  # <link rel="canonical"> on every page (theme/templates/base.html)

FEED_DOMAIN = SITEURL
FEED_ALL_ATOM = "feeds/all.atom.xml"
CATEGORY_FEED_ATOM = "feeds/{slug}.atom.xml"

# A clean output folder: nothing from an earlier build (a deleted post, an old CNAME)
# can be published by mistake.
DELETE_OUTPUT_DIRECTORY = True
OUTPUT_RETENTION = []
LOAD_CONTENT_CACHE = False

# Problems `invoke check` should not report: regular expressions matched against
# each message (e.g. an embed you cannot change). Empty: report everything.
PUBLISH_CHECK_IGNORE = []
