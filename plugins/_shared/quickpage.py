"""Under ``invoke livereload``, the saved post's own page first, then the whole site.

A whole rebuild reads every post again (at 1,000 posts, seconds) before it writes the
page the author is looking at. Most saves change one post's body and nothing else; the
page of that post then follows from its new body and the site as the last build left
it. So the last clean build's generators are kept, and after a save that touched one
post or page and nothing else, that file alone is read again with the same readers.
Its page is written at once (browsers reload), and the whole build runs after it as
always and writes everything else the body reaches (listings that show its summary,
feeds, the search index).

The page is written early only when it is the page the whole build would write:

- the last build had no error, and it read this file (not a new or a renamed one);
- the file reads without a warning or an error (problems are left to the whole build,
  which reports them once);
- everything Pelican and the plugins made of the file is as before but the body (its
  HTML, table of contents, reading time): the same front matter, hence the same
  address, date, tags, series and neighbours;
- the conversion asked the build for the same things in the same order (the content
  cache's record of photo requests): no photo that is not published yet; and each
  request is answered as it was in the post's turn (``BuildContext.settled``: each
  service says whether a request read out of the build's order gets the same
  answer). The body's content cache
  entry is written only when the page is, so a conversion made out of order never
  reaches the whole build.

Anything else (a front matter edit, a new photo, a template, a build YAML, two files
at once) goes straight to the whole build, as before.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from pelican import signals
from pelican.writers import Writer

from .contentcache import content_cache, entry_name
from .context import build_context
from .errors import display_path
from .files import ChangedOnly
from .logs import NOTES_LOGGER
from .sitebuild import forget_memoized, reset_log_dedup

logger = logging.getLogger(__name__)

# What a new body changes in a post read again; anything else must be equal.
BODY_ATTRIBUTES = frozenset({"_content", "toc_html", "reading_time", "metadata"})
BODY_METADATA = frozenset({"toc_html", "reading_time"})
# Loggers whose lines are the server's own, shown while a quick page is made.
SERVER_LOGGERS = ("tornado", "livereload")


class QuickPages:
    """The saved page first (``show``), for the builds made through ``during``."""

    def __init__(self) -> None:
        # The last clean build's posts and pages by source file, with their generator.
        self.kept: dict[str, tuple[object, object]] | None = None

    @contextmanager
    def during(self) -> Iterator[Callable[[bool], None]]:
        """Keep the generators of the build run inside; call the function yielded
        with whether that build was clean enough to start from (no error)."""
        generators: list = []

        def note(generator, writer=None):
            generators.append(generator)

        self.kept = None
        receivers = (signals.article_writer_finalized, signals.page_writer_finalized)
        for signal in receivers:
            signal.connect(note)
        outcome = {"usable": False}
        try:
            yield lambda usable: outcome.update(usable=usable)
        finally:
            for signal in receivers:
                signal.disconnect(note)
        if outcome["usable"] and generators:
            self.kept = _keep(generators)

    def show(self, changed: list[str]) -> str | None:
        """Write the page of the one post ``changed`` names if nothing but its body
        changed; its URL when written, else None (the whole build will do)."""
        if self.kept is None or len(changed) != 1:
            return None
        found = self.kept.get(os.path.abspath(changed[0]))
        if found is None:
            return None
        generator, old = found
        with _held_logs() as held:
            reset_log_dedup()  # or Pelican drops a problem the last build logged
            try:
                new, entries = _read_again(generator, old)
                if new is None or held.problems or not _same_but_body(old, new):
                    return None
                content_cache(build_context(generator.settings)).commit(entries)
                _take_body(old, new)
                forget_memoized(generator.settings)  # old's body, as Pelican memoized it
                _write(generator, old)
            except Exception as error:  # never fatal: the whole build comes next
                logger.debug("no quick page for %s: %r", changed[0], error)
                return None
            finally:
                forget_memoized(generator.settings)
        return old.url


def _keep(generators: list) -> dict[str, tuple[object, object]]:
    kept = {}
    for generator in generators:
        for name in (
            "articles",
            "translations",
            "hidden_articles",
            "hidden_translations",
            "pages",
            "hidden_pages",
            "draft_pages",
            "draft_translations",
        ):
            for content in getattr(generator, name, ()):
                if getattr(content, "source_path", None):
                    kept[os.path.abspath(content.source_path)] = (generator, content)
    return kept


def _read_again(generator, old):
    """``old``'s file read as its generator read it; None if its conversion asked the
    build for anything else than last time, or for something the build answers
    differently after all posts were read (a photo's widths). The body's content cache entry is written only if the page is accepted."""
    cache = content_cache(build_context(generator.settings))
    entry = cache.folder / entry_name(display_path(old.source_path)) if cache else None
    before = _effects(entry)
    if before is None or not _settled(generator, old, before):
        return None, {}
    is_article = type(old).__name__ == "Article"
    with cache.holding() as held:
        new = generator.readers.read_file(
            base_path=generator.path,
            path=os.path.relpath(old.source_path, generator.path),
            content_class=type(old),
            context=generator.context,
            preread_signal=(
                signals.article_generator_preread if is_article else signals.page_generator_preread
            ),
            preread_sender=generator,
            context_signal=(
                signals.article_generator_context if is_article else signals.page_generator_context
            ),
            context_sender=generator,
        )
    # as JSON, as ``before`` was read: the effects' pairs are tuples until written
    after = json.loads(json.dumps(held[entry]["effects"])) if entry in held else _effects(entry)
    return (new, held) if after == before else (None, {})


def _settled(generator, old, requests: list) -> bool:
    """Whether every request the post's conversion made would be answered now, after
    the whole build, as it was in the post's turn (each service says: ``settled``)."""
    build, mine = build_context(generator.settings), display_path(old.source_path)
    return all(
        (check := build.settled.get(service)) is not None and check(mine, request)
        for service, request in requests
    )


def _effects(entry: Path | None) -> list | None:
    """What a post's last conversion asked of the build (photos), from its content
    cache entry; None without one (the cache is off, or the post had a problem)."""
    if entry is None:
        return None
    try:
        return json.loads(entry.read_text("utf-8"))["effects"]
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _same(a, b) -> bool:
    if a is b:
        return True
    try:
        return bool(a == b)
    except Exception:
        return False


def _same_but_body(old, new) -> bool:
    """Whether ``new`` (the file read again) differs from ``old`` in its body alone."""
    mine, theirs = vars(new), vars(old)
    for key, value in mine.items():
        if key in BODY_ATTRIBUTES or key not in theirs:
            continue
        if not _same(value, theirs[key]):
            return False
    old_meta = {k: v for k, v in old.metadata.items() if k not in BODY_METADATA}
    new_meta = {k: v for k, v in new.metadata.items() if k not in BODY_METADATA}
    return old_meta.keys() == new_meta.keys() and all(
        _same(v, old_meta[k]) for k, v in new_meta.items()
    )


def _take_body(old, new) -> None:
    """Give ``old`` the new body. ``old`` is the object the last build's lists, series,
    neighbours and related posts hold (templates compare posts by identity: the
    current page in the menu, in its series), with all the plugins added to it."""
    for key in BODY_ATTRIBUTES - {"metadata"}:
        if key in vars(new):
            setattr(old, key, getattr(new, key))
    for key in BODY_METADATA:
        if key in new.metadata:
            old.metadata[key] = new.metadata[key]


class _QuickWriter(Writer):
    """Pelican's writer, writing each file whole or not at all (``ChangedOnly``)."""

    def _open_w(self, filename, encoding, override=False):
        return ChangedOnly(filename, encoding)


def _write(generator, content) -> None:
    """Write ``content``'s page as its generator's ``generate_output`` would."""
    writer = _QuickWriter(generator.output_path, settings=generator.settings)
    shows = {
        "override_output": hasattr(content, "override_save_as"),
        "url": content.url,
        "relative_urls": generator.settings["RELATIVE_URLS"],
    }
    if type(content).__name__ == "Article":
        signals.article_generator_write_article.send(generator, content=content)
        shows.update(article=content, category=getattr(content, "category", None), blog=True)
    else:
        signals.page_generator_write_page.send(generator, content=content)
        shows.update(page=content)
    template = generator.get_template(content.template)
    writer.write_file(content.save_as, template, generator.context, **shows)


class _Held(logging.Handler):
    """Counts the warnings and errors logged while a quick page is made, and keeps
    every line but the server's from the console's handlers (``shown``)."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.problems = 0

    def emit(self, record: logging.LogRecord) -> None:
        if not record.name.startswith(SERVER_LOGGERS):
            self.problems += 1

    def shown(self, record: logging.LogRecord) -> bool:
        return record.name.startswith(SERVER_LOGGERS)


@contextmanager
def _held_logs() -> Iterator[_Held]:
    """Nothing a quick page logs is shown: the whole build that follows reports it."""
    held = _Held()
    loggers = [logging.getLogger(), logging.getLogger(NOTES_LOGGER)]
    shown = [handler for log in loggers for handler in log.handlers]
    for handler in shown:
        handler.addFilter(held.shown)
    for log in loggers:  # also stands in for logging's last resort when none is set
        log.addHandler(held)
    try:
        yield held
    finally:
        for log in loggers:
            log.removeHandler(held)
        for handler in shown:
            handler.removeFilter(held.shown)
