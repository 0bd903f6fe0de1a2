"""State that lives for one build, and for one post within it.

Pelican gives every plugin the same settings dict for one run (``pelican.settings``,
``generator.settings``, ``content.settings``), so the build's context hangs there,
created by whichever plugin asks first at ``initialized``. Nothing here is a module
global: two builds in one process (tests, livereload) share nothing.

A post's context is made by the reader and handed to Markdown as ``md.buildlog_post``;
processors reach it with ``post_of(md)``, and report problems through it so every
message carries the post's path and file line. A processor that reads a file
declares it (``post.depends_on``) and one that asks the build for something records
how to ask again (``post.replay``): the content cache (``contentcache.py``) reuses a
post's body only while those files are unchanged, and replays the requests.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from markdown import Markdown

from .errors import ContentError, internal_error, log_problem
from .render import Templates

CONTEXT_KEY = "BUILDLOG_CONTEXT"
# The problems this build has logged so far (the BuildResult's list, set by sitebuild).
ERRORS_KEY = "BUILDLOG_ERRORS"
# Settings keys that hold this run's objects, not settings: no cache key includes them.
RUNTIME_KEYS = frozenset({CONTEXT_KEY, ERRORS_KEY, "BUILDLOG_STYLESHEETS"})
# Metadata key under which the reader keeps the file line of every front-matter key;
# read it with ``front_matter_line`` (checks made after reading point at the key).
KEY_LINES = "front_matter_lines"

# A front-matter key a plugin understands: (value, line, post, metadata) -> None; it
# validates the value (ContentError with the line) and adds what it makes to metadata.
KeyConverter = Callable[[Any, "int | None", "PostContext", dict], None]


@dataclass
class BuildContext:
    """One Pelican run: its settings, templates, and what plugins contribute.

    ``services`` holds each plugin's per-build object (the parts registry, the photo
    pipeline) under the plugin's name; ``front_matter_keys`` the keys plugins
    validate themselves (``build``, ``image``); ``stylesheets`` the CSS files plugins
    need in every page's head, in order; ``reserved_outputs`` the files plugins
    generate (``builds/x/index.html`` -> "the build page of ..."), so a post whose
    permalink would overwrite one is an error (``front_matter.collisions``);
    ``memos`` results worth computing once per build (``memo``).
    """

    settings: dict
    templates: Templates
    services: dict[str, Any] = field(default_factory=dict)
    front_matter_keys: dict[str, KeyConverter] = field(default_factory=dict)
    stylesheets: list[str] = field(default_factory=list)
    reserved_outputs: dict[str, str] = field(default_factory=dict)
    # service -> how to redo a request a cached post made (``PostContext.replay``)
    replayers: dict[str, Callable[[PostContext, dict], None]] = field(default_factory=dict)
    # service -> whether a request a post made would be answered now, after the whole
    # build, as it was in the post's turn (quickpage.py): (post path, request) -> bool
    settled: dict[str, Callable[[str, dict], bool]] = field(default_factory=dict)
    memos: dict[str, dict] = field(default_factory=dict)
    valid_until: float | None = None  # when the output goes stale by itself (uptodate.py)
    # Work that may wait until browsers have reloaded (livereload): the search index.
    after_build: list[Callable[[], None]] = field(default_factory=list)
    # Every file Pelican's writer wrote, or kept unchanged, this build (as it named them):
    # whoever removes what an earlier build published leaves these alone.
    written: set[str] = field(default_factory=set)

    def stale_at(self, when: float) -> None:
        """Say that this build's output is out of date from ``when`` (a Unix time) on,
        even if no file changes: a post scheduled for that day is due then."""
        self.valid_until = when if self.valid_until is None else min(self.valid_until, when)

    def reserve(self, save_as: str, who: str) -> None:
        """Say that this build generates ``save_as`` (relative to the output)."""
        self.reserved_outputs.setdefault(save_as, who)

    def memo(self, name: str) -> dict:
        """The dict named ``name`` for this build: work done once per build and
        shared by every post (a chart's SVG, a feed entry cleaned). Its keys must hold
        every input the result depends on; it dies with the build, so an edit between
        two builds in one process (livereload) is always seen."""
        return self.memos.setdefault(name, {})

    def need_stylesheet(self, name: str) -> None:
        """Ask for ``theme/static/css/<name>.css`` on every page (once)."""
        if name not in self.stylesheets:
            self.stylesheets.append(name)


def build_context(settings: dict) -> BuildContext:
    """This build's context, made on first use. The MARKDOWN settings are copied
    then, so extensions installed for this build never leak into another one that
    shares the settings module (publishconf imports pelicanconf)."""
    context = settings.get(CONTEXT_KEY)
    if context is None:
        markdown = dict(settings.get("MARKDOWN") or {})
        markdown["extensions"] = list(markdown.get("extensions") or [])
        settings["MARKDOWN"] = markdown
        theme = settings.get("THEME")
        jinja = settings.get("JINJA_ENVIRONMENT") or {}
        context = BuildContext(
            settings, Templates(Path(theme) if theme else None, jinja.get("bytecode_cache"))
        )
        settings[CONTEXT_KEY] = context
        settings["BUILDLOG_STYLESHEETS"] = context.stylesheets  # read by base.html
    return context


@dataclass
class PostContext:
    """The post being converted: where it is, where its body starts in the file, and
    its build. ``line_offset`` turns a body line into a file line."""

    path: str
    build: BuildContext
    source_path: Path | None = None
    line_offset: int = 0
    metadata: dict = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    depends: list[Path] = field(default_factory=list)  # files the conversion read
    effects: list[tuple[str, dict]] = field(default_factory=list)  # requests to replay

    def depends_on(self, path: str | Path) -> None:
        """The body's HTML follows from ``path`` (a build YAML, a benchmark JSON, a
        photo): an edit to it must reach this post (``contentcache.py``)."""
        self.depends.append(Path(path))

    def replay(self, service: str, request: dict) -> None:
        """Record a request made of ``build.services[service]`` while converting
        (JSON values): a post read from the cache makes it again through
        ``build.replayers[service]``."""
        self.effects.append((service, request))

    def start_body(self, offset: int) -> None:
        """From now on, lines reported are body lines; body line 1 is file line
        ``offset + 1`` (before, they are file lines: front-matter keys)."""
        self.line_offset = offset

    def file_line(self, line: int | None) -> int | None:
        return None if line is None else line + self.line_offset

    def locate(self, error: ContentError) -> ContentError:
        """``error`` placed in this post, unless it already names another file."""
        if error.path is None:
            error.path = self.path
            error.line = self.file_line(error.line)
        return error

    def report(self, error: ContentError, level: int = logging.ERROR) -> str:
        """Log ``error`` as ``path:line: message`` and return that line."""
        message = log_problem(self.locate(error), level)
        self.problems.append(message)
        return message

    def warn(self, message: str, line: int | None = None) -> str:
        return self.report(ContentError(message, line=line), logging.WARNING)

    def internal(self, error: BaseException, line: int | None = None) -> str:
        """Log a bug of ours met at body ``line`` (``path:line: internal error in
        <plugin> ...``); the caller shows an error box and the post goes on."""
        message = internal_error(self.path, error, line=self.file_line(line))
        self.problems.append(message)
        return message

    @property
    def templates(self) -> Templates:
        return self.build.templates


def front_matter_line(content, key: str) -> int | None:
    """The file line of front-matter ``key`` in a read post or page, if written."""
    metadata = getattr(content, "metadata", None) or {}
    return (metadata.get(KEY_LINES) or {}).get(key)


def post_of(md: Markdown) -> PostContext:
    """The post ``md`` is converting. Outside a build (a test converting a string) a
    stand-in with default settings, so every extension also works on its own."""
    post = getattr(md, "buildlog_post", None)
    if post is None:
        post = md.buildlog_post = PostContext("<text>", build_context({"MARKDOWN": {}}))
    return post
