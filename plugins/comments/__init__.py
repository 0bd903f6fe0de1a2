"""Optional comments: giscus or utterances under posts with ``comments: true``.

Nothing third-party loads with the page. The post shows a "Show comments" button;
the service's script is fetched only after the reader clicks it
(theme/templates/_comments.html, theme/static/js/comments.js). Off by default: no
``COMMENTS`` setting, no comments, whatever posts say.

- ``initialized``: check ``COMMENTS`` once (settings.py) and hand the result to the
  templates as ``COMMENTS_EMBED``; a setting that cannot work is one error naming the
  key, and the site builds without comments.
"""

from __future__ import annotations

import logging

from pelican import signals

from plugins._shared.context import build_context
from plugins._shared.guard import connect

from .settings import CommentsConfigError, parse_comments

logger = logging.getLogger(__name__)


def configure(pelican) -> None:
    try:
        embed = parse_comments(pelican.settings.get("COMMENTS"))
    except CommentsConfigError as error:
        logger.error("pelicanconf.py: COMMENTS: %s; the site is built without comments", error)
        embed = None
    pelican.settings["COMMENTS_EMBED"] = embed
    if embed is not None:
        build_context(pelican.settings).need_stylesheet("comments")


def register() -> None:
    connect(signals.initialized, configure)
