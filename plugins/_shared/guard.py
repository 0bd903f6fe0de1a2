"""Keep one failure from taking the site down.

- ``connect(signal, handler)``: a plugin's signal handler that raises is reported as
  an internal error of that plugin (``plugins/photos: internal error in photos
  (please report): ...``) and the build goes on without it; a generator it returns
  (``get_generators``) is contained the same way, step by step.
- ``SafeWriter``: Pelican's writer, except that a page whose template fails costs
  that page only, and a second write to one output file is an error naming both
  writers instead of Pelican's silent "not overwriting" or its abort; and a page
  whose bytes did not change is not written again (``files.ChangedOnly``). (Sources that
  would share an address are caught earlier, with their lines: see
  ``front_matter.collisions``; this is the net under it.)
"""

from __future__ import annotations

import os
from collections.abc import Callable
from functools import partial
from pathlib import Path

from pelican.generators import Generator
from pelican.writers import Writer

from .context import CONTEXT_KEY
from .errors import PLUGINS, ContentError, display_path, internal_error, report
from .files import ChangedOnly

_GUARDED: dict[Callable, Callable] = {}  # one wrapper per handler: re-registering is a no-op


def connect(signal, handler: Callable) -> None:
    """``signal.connect(handler)``, with the handler's exceptions contained."""
    wrapper = _GUARDED.get(handler)
    if wrapper is None:
        plugin = (
            handler.__module__.split(".")[1]
            if handler.__module__.startswith("plugins.")
            else handler.__module__
        )

        def wrapper(sender, **kwargs):
            try:
                made = handler(sender, **kwargs)
            except Exception as error:
                internal_error(PLUGINS / plugin, error, plugin=plugin)
                return None
            if isinstance(made, type) and issubclass(made, Generator):  # get_generators
                return contained_generator(made, plugin)
            return made

        wrapper.__name__ = wrapper.__qualname__ = f"guarded_{handler.__name__}"
        _GUARDED[handler] = wrapper
    signal.connect(wrapper)


def contained_generator(cls: type, plugin: str) -> type:
    """``cls`` (a plugin's generator) with its two steps contained: if one raises, that
    plugin's pages are missing and said so; the rest of the site is written."""
    known = _GUARDED.get(cls)
    if known is not None:
        return known

    def step(name: str):
        def run(self, *args):
            try:
                return getattr(super(contained, self), name)(*args)
            except Exception as error:
                internal_error(PLUGINS / plugin, error, plugin=plugin)

        return run

    methods = {
        name: step(name) for name in ("generate_context", "generate_output") if hasattr(cls, name)
    }
    contained = type(
        cls.__name__, (cls,), {**methods, "__doc__": cls.__doc__, "__module__": cls.__module__}
    )
    _GUARDED[cls] = contained
    return contained


class OutputCollision(Exception):
    """A second write to one output file."""


def _writer_of(template, kwargs: dict) -> str:
    """Who is writing: the source file of a post or page, else the template."""
    for key in ("article", "page"):
        content = kwargs.get(key)
        if getattr(content, "source_path", None):
            return display_path(content.source_path)
    name = getattr(template, "name", None) or kwargs.get("template_name") or "a template"
    return f"the {Path(str(name)).stem} page"


class SafeWriter(Writer):
    """Pelican's Writer with every write contained and no file written twice."""

    def __init__(self, output_path, settings=None):
        super().__init__(output_path, settings=settings)
        self.writers: dict[str, str] = {}
        self.current = ""
        build = (settings or {}).get(CONTEXT_KEY)
        if build is not None:  # Pelican's own record of the files written, shared
            build.written = self._written_files
        self.opened: list[str] = []  # the files the running write_file call wrote

    def _claim(self, filename: str) -> None:
        if filename in self._written_files:
            raise OutputCollision(filename)
        self.writers[filename] = self.current
        # Pelican's own bookkeeping (no override: a second write is refused above).
        self._written_files.add(filename)

    def _open_w(self, filename, encoding, override=False):
        self._claim(filename)
        self.opened.append(filename)
        # A file written only if its bytes change.
        return ChangedOnly(filename, encoding)

    def write_file(self, name, template, context, *args, **kwargs):
        self.current = _writer_of(template, kwargs)
        try:
            pages = self._page_cache()
            if pages is None or not name:
                return super().write_file(name, template, context, *args, **kwargs)
            call = {"template": template.name, "args": list(args), **kwargs}
            render = partial(super().write_file, name, template, context, *args, **kwargs)
            pages.watch(template.environment)
            self._unless_unchanged(pages, name, context, call, render)
        except OutputCollision as collision:
            self._collided(str(collision), self.current)
        except Exception as error:
            internal_error(self.current, error)
        return None

    def _page_cache(self):
        from .pagecache import page_cache

        build = (self.settings or {}).get(CONTEXT_KEY)
        return page_cache(build) if build is not None else None

    def _unless_unchanged(self, pages, name, context, call, render, shows=()) -> None:
        """Run ``render`` (which writes ``name``) only when something it shows changed:
        the site, the call, or a body it read or ``shows`` (``pagecache.py``)."""
        from .contentcache import counting_problems

        key = pages.key(context, name, call)
        reused = pages.reusable(name, key)
        if reused is not None:
            for rel in reused:
                self._claim(os.path.join(self.output_path, rel))
            return
        self.opened, pages.reading = [], set()
        try:
            with counting_problems() as problems:
                render()
            reads = pages.reading | {pages.ref(element) for element in shows}
        finally:
            pages.reading = None
        files = [os.path.relpath(f, self.output_path) for f in self.opened]
        if problems.count:
            pages.forget(name, files)
        else:
            pages.record(name, key, files, reads)

    def write_feed(self, elements, context, path=None, url=None, *args, **kwargs):
        self.current = f"the feed {path}"
        try:
            pages = self._page_cache()
            if pages is None or not path:
                return super().write_feed(elements, context, path, url, *args, **kwargs)
            # A feed holds each entry's body: every one of them is read.
            call = {"feed": list(elements), "url": url, "args": list(args), **kwargs}
            render = partial(super().write_feed, elements, context, path, url, *args, **kwargs)
            self._unless_unchanged(pages, f"feed {path}", context, call, render, elements)
        except OutputCollision as collision:
            self._collided(str(collision), self.current)
        except Exception as error:
            internal_error(self.current, error)
            if path:  # Pelican opened the file before the feed failed: no half feed
                Path(self.output_path, path).unlink(missing_ok=True)
        return None

    def _collided(self, filename: str, second: str) -> None:
        first = self.writers.get(filename, "another page")
        report(
            ContentError(
                f"written by both {first} and {second}; the second was not "
                "written: give one of them another address",
                path=display_path(filename),
            )
        )
