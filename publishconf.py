"""Production settings: everything in pelicanconf.py, plus the site's real address,
canonical links and a clean output folder. ``invoke preview``, ``invoke gh-pages``
and the GitHub Pages workflow build with this file.

The site's address, first match wins:
1. the environment variable BUILDLOG_SITEURL (the Pages workflow sets it to the
   address GitHub gives the site);
2. ``https://<CUSTOM_DOMAIN>`` when you set a custom domain below (or BUILDLOG_CNAME);
3. SITE_ADDRESS below, ``https://<user>.github.io/<repository>``.
``invoke setup`` writes the block below; ``invoke gh-pages`` refuses to publish while
SITE_ADDRESS is still the kit's placeholder.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from pelicanconf import *  # noqa: F403

# --- Where your site lives: `invoke setup` writes these -----------------------------
GITHUB_REPOSITORY = ""  # "<user>/<repository>": `invoke gh-pages` checks its remote
SITE_ADDRESS = "https://example.github.io/buildlog"
# A custom domain ("blog.example.com"), or "" for <user>.github.io. `invoke gh-pages`
# writes it to the branch as CNAME; with the Actions workflow, set it in the
# repository's Settings > Pages instead (GitHub ignores CNAME files there).
CUSTOM_DOMAIN = ""

CNAME = os.environ.get("BUILDLOG_CNAME", CUSTOM_DOMAIN).strip()
SITEURL = (
    os.environ.get("BUILDLOG_SITEURL", "").strip()
    or (f"https://{CNAME}" if CNAME else SITE_ADDRESS)
).rstrip("/")
CANONICAL_LINKS = True  # <link rel="canonical"> on every page (theme/templates/base.html)

# Drafts and posts dated in the future stay unpublished (pelicanconf.py builds them
# under drafts/ for a preview).
DRAFT_SAVE_AS = ""
DRAFT_PAGE_SAVE_AS = ""

# A clean output folder: nothing from an earlier build (a deleted post, an old CNAME)
# can be published by mistake.
DELETE_OUTPUT_DIRECTORY = True
OUTPUT_RETENTION = []
LOAD_CONTENT_CACHE = False
