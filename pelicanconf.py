"""Site settings for a local build. publishconf.py adds production overrides.

Change the first block to make the site yours; the rest is how buildlog works.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))  # so "plugins.x" imports

# --- Your site: `invoke setup` writes these; change them by hand any time -----------
SITENAME = "buildlog"
SITESUBTITLE = "Build logs: workstations, homelabs and other machines, part by part"
AUTHOR = "Ada Builder"
SOCIAL_LINKS = (("GitHub", "https://github.com/"),)
TIMEZONE = "UTC"
DEFAULT_LANG = "en"
DEFAULT_CATEGORY = "Notes"  # for posts whose front matter names no category
# Comments under posts with `comments: true`, loaded only when a reader asks (README,
# "Comments"). Off while empty. For example:
# COMMENTS = {"provider": "giscus", "repo": "you/blog", "repo_id": "R_...",
#             "category": "Comments", "category_id": "DIC_..."}
# COMMENTS = {"provider": "utterances", "repo": "you/blog"}
COMMENTS = {}
SEARCH_ENABLED = True  # Pagefind search box in the header (README, "Search")
# "you/your-blog": notebook posts with `badges: true` link to Colab, GitHub and Binder.
NOTEBOOK_REPOSITORY = ""
NOTEBOOK_BRANCH = "main"

# --- Content layout ------------------------------------------------------------------
PATH = "content"
ARTICLE_PATHS = ["posts"]
PAGE_PATHS = ["pages"]
STATIC_PATHS = ["images", "extra"]
EXTRA_PATH_METADATA = {}
IGNORE_FILES = [".#*", "*~", "*.swp"]
USE_FOLDER_AS_CATEGORY = False  # posts/ is not a category: DEFAULT_CATEGORY is
# A post dated in the future is a draft until that date (as with Jekyll and fastpages):
# built under drafts/ locally, never published. `--future` publishes it now.
WITH_FUTURE_DATES = False
DRAFT_URL = "drafts/{slug}/"
DRAFT_SAVE_AS = DRAFT_URL + "index.html"
DRAFT_PAGE_URL = "drafts/pages/{slug}/"
DRAFT_PAGE_SAVE_AS = DRAFT_PAGE_URL + "index.html"
# fastpages names posts YYYY-MM-DD-slug.md and writes no date: take both from the name.
FILENAME_METADATA = r"(?P<date>\d{4}-\d{2}-\d{2})-(?P<slug>.*)"
THEME = "theme"
PLUGIN_PATHS = []
PLUGINS = [
    "plugins.front_matter",  # YAML front matter, fastpages-compatible
    "plugins.fastpages_compat",  # {{ site.baseurl }}, <center>, {% twitter %}
    "plugins.quotes",  # quote blocks, epigraphs, callouts
    "plugins.parts",  # {% parts build %} spec tables, build pages
    "plugins.photos",  # figures, galleries, before/after, image variants
    "plugins.benchmarks",  # {% benchmarks name %} charts and tables
    "plugins.codeblocks",  # code fence options: line numbers, highlighted lines
    "plugins.comments",  # giscus/utterances on posts with comments: true
    "plugins.cards",  # social preview cards for posts without an image
    "plugins.series",  # build series box, previous/next, related posts
    "plugins.notebooks",  # .ipynb posts (after the plugins their cells use)
    "plugins.links",  # [text]() empty links are warnings with file:line
    "plugins.feeds",  # feed entries without scripts or inline SVG
    "plugins.schedule",  # posts dated in the future stay drafts until then
    "plugins.search",  # Pagefind index of posts and pages (runs last)
]

# --- URLs: clean, folder-style, every one written from the site root -----------------
# One policy for local and production builds: templates and plugins write
# SITEURL + "/" + path. SITEURL is "" here (links such as /2020/07/x/, for
# `invoke serve` and `invoke livereload`) and the site's address in publishconf.py
# (https://you.github.io/repo/2020/07/x/).
SITEURL = ""
RELATIVE_URLS = False
ARTICLE_URL = "{date:%Y}/{date:%m}/{slug}/"
ARTICLE_SAVE_AS = ARTICLE_URL + "index.html"
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = PAGE_URL + "index.html"
CATEGORY_URL = "categories/{slug}/"
CATEGORY_SAVE_AS = CATEGORY_URL + "index.html"
CATEGORIES_URL = "categories/"
CATEGORIES_SAVE_AS = CATEGORIES_URL + "index.html"
TAG_URL = "tags/{slug}/"
TAG_SAVE_AS = TAG_URL + "index.html"
TAGS_URL = "tags/"
TAGS_SAVE_AS = TAGS_URL + "index.html"
ARCHIVES_URL = "archives/"
ARCHIVES_SAVE_AS = ARCHIVES_URL + "index.html"
AUTHOR_SAVE_AS = ""
AUTHORS_SAVE_AS = ""
YEAR_ARCHIVE_SAVE_AS = ""
MONTH_ARCHIVE_SAVE_AS = ""
DIRECT_TEMPLATES = ["index", "categories", "tags", "archives", "404"]
TEMPLATE_PAGES = {"sitemap.xml": "sitemap.xml", "robots.txt": "robots.txt"}
DEFAULT_PAGINATION = False
DELETE_OUTPUT_DIRECTORY = False

# --- Feeds: the same in local and production builds ---------------------------------
FEED_ALL_ATOM = "feeds/all.atom.xml"
CATEGORY_FEED_ATOM = "feeds/{slug}.atom.xml"
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
# The newest 20 posts in each feed, whole, as jekyll-feed (fastpages) and WordPress
# keep 10: readers poll a feed, and one holding every post ever written only grows.
# None puts every post in.
FEED_MAX_ITEMS = 20

# Problems `invoke check` should not report: regular expressions matched against
# each message (e.g. an embed you cannot change). Empty: report everything.
PUBLISH_CHECK_IGNORE = []

# --- Markdown ------------------------------------------------------------------------
MARKDOWN = {
    "extension_configs": {
        "markdown.extensions.extra": {},  # footnotes, tables, fenced code, attr lists
        "markdown.extensions.codehilite": {"css_class": "highlight", "guess_lang": False},
        "markdown.extensions.sane_lists": {},
        "markdown.extensions.toc": {
            "toc_depth": "2-3",
            "permalink": "#",
            "permalink_class": "heading-link",
            "permalink_title": "Link to this section",
        },
    },
    "output_format": "html5",
}
# Compiled templates are kept between builds (Pelican compiles every template on
# every build otherwise: most of an unchanged rebuild). Edits invalidate them.
from jinja2 import FileSystemBytecodeCache  # noqa: E402

_TEMPLATE_CACHE = os.path.join(
    os.path.dirname(os.path.abspath(__file__)), ".buildlog-cache", "jinja"
)
os.makedirs(_TEMPLATE_CACHE, exist_ok=True)
JINJA_ENVIRONMENT = {
    "trim_blocks": True,
    "lstrip_blocks": True,
    "autoescape": True,
    "bytecode_cache": FileSystemBytecodeCache(_TEMPLATE_CACHE),
    # Each build makes its own environments (livereload too), so a template cannot
    # change under one: no stat of the file at every include, import and extends.
    "auto_reload": False,
}
SUMMARY_MAX_LENGTH = 40

from plugins._shared.urls import image_url  # noqa: E402

JINJA_FILTERS = {"image_url": image_url}
