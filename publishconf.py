"""Production settings: everything in pelicanconf.py, with absolute URLs and feeds.

SITEURL comes from the environment (BUILDLOG_SITEURL, set by the GitHub Pages
workflow) or from the value below.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from pelicanconf import *  # noqa: E402,F403

SITEURL = os.environ.get("BUILDLOG_SITEURL", "https://example.github.io/buildlog").rstrip("/")
RELATIVE_URLS = False
FEED_DOMAIN = SITEURL
FEED_ALL_ATOM = "feeds/all.atom.xml"
CATEGORY_FEED_ATOM = "feeds/{slug}.atom.xml"
DELETE_OUTPUT_DIRECTORY = True
OUTPUT_RETENTION = [".git", ".nojekyll", "CNAME"]
CANONICAL_LINKS = True
# A custom domain for GitHub Pages (written to output/CNAME by `invoke gh-pages`).
CNAME = os.environ.get("BUILDLOG_CNAME", "")
