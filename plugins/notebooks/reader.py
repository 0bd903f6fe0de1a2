"""Read ``.ipynb`` posts through the same conversion as Markdown posts.

``NotebookReader`` is the front_matter reader with a different first step: the
notebook becomes front matter plus one Markdown body (see body.py), and from there
``convert_post`` does exactly what it does for a ``.md`` file.
"""

from __future__ import annotations

import bisect
import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from pelican.utils import slugify

from plugins._shared.context import PostContext, build_context
from plugins._shared.errors import ContentError, display_path
from plugins.front_matter import YamlFrontMatterReader
from plugins.front_matter.parse import FrontMatter

if TYPE_CHECKING:
    from .parse import Cell
    from .render import CellRenderer

SERVICE = "notebooks"
_DATE_PREFIX = re.compile(r"^\d{4}-\d{2}-\d{2}-")
# fastpages copied a notebook's image folders to images/copied_from_nb/ and wrote
# front matter against that copy; here they stay beside the notebook.
COPIED_FROM_NB = "images/copied_from_nb/"


@dataclass
class NotebookPost(PostContext):
    """A post whose lines live in cells: problems read ``path:line: cell N: ...``
    with the notebook file's line (where a text editor finds it)."""

    cell_starts: list[tuple[int, int]] = field(default_factory=list)  # (file line, cell)
    body_where: list[tuple[int, int | None]] = field(default_factory=list)
    in_body: bool = False

    def start_body(self, offset: int) -> None:
        self.in_body = True

    def file_line(self, line: int | None) -> int | None:
        if line is None or not self.in_body:
            return line
        return self.body_where[line - 1][1] if 0 < line <= len(self.body_where) else None

    def cell_of(self, line: int | None) -> int:
        if line is None:
            return 0
        if self.in_body:
            return self.body_where[line - 1][0] if 0 < line <= len(self.body_where) else 0
        at = bisect.bisect_right(self.cell_starts, (line, 1 << 30)) - 1
        return self.cell_starts[at][1] if at >= 0 else 0

    def locate(self, error: ContentError) -> ContentError:
        if error.path is None:
            cell = self.cell_of(error.line)
            error.line, error.path = self.file_line(error.line), self.path
            if cell and not error.message.startswith("cell "):
                error.message = f"cell {cell}: {error.message}"
        return error


class NotebookReader(YamlFrontMatterReader):
    """``content/posts/YYYY-MM-DD-slug.ipynb`` -> a post."""

    file_extensions = ["ipynb"]

    def new_post(self, source_path) -> NotebookPost:
        return NotebookPost(
            display_path(source_path), build_context(self.settings), Path(source_path)
        )

    def read_post(self, post: NotebookPost) -> tuple[str, dict]:
        # The notebook machinery is loaded by the first notebook: most builds have none.
        from .badges import badge_links
        from .body import Body, assemble
        from .front import notebook_front
        from .parse import load_notebook

        try:
            text = post.source_path.read_text(encoding="utf-8")
        except UnicodeDecodeError as error:
            raise ContentError(
                f"not a readable notebook: not UTF-8 text ({error.reason} at byte {error.start})"
            ) from None
        nb = load_notebook(text)
        post.cell_starts = [(c.lines[0], c.number) for c in nb.cells if c.lines]
        front = notebook_front(nb.cells, nb.metadata)
        values = dict(front.values)
        folder = self._folder(post)
        if isinstance(values.get("image"), str) and values["image"].startswith(COPIED_FROM_NB):
            values["image"] = posixpath.join("/", folder, values["image"][len(COPIED_FROM_NB) :])
        renderer = self._renderer(post, nb.language)
        body = Body()
        if links := badge_links(self.settings, post.source_path, values):
            body.add_block(post.templates.render("notebooks/badges.html", links=links))
        assemble(
            body,
            nb,
            front,
            renderer.render,
            lambda cell, name: self._attachment(renderer, cell, name),
        )
        post.body_where = body.where
        matter = FrontMatter(values, body.text, 0, front.duplicates, front.key_lines)
        return self.convert_post(post, matter, body.blocks)

    def _folder(self, post: NotebookPost) -> str:
        content = Path(self.settings["PATH"]).resolve()
        folder = post.source_path.resolve().parent
        return folder.relative_to(content).as_posix() if folder.is_relative_to(content) else ""

    def _renderer(self, post: NotebookPost, language: str) -> CellRenderer:
        from .render import CellRenderer

        build = post.build
        stem = _DATE_PREFIX.sub("", post.source_path.stem)
        highlight = (
            self.settings.get("MARKDOWN", {})
            .get("extension_configs", {})
            .get("markdown.extensions.codehilite", {})
        )
        return CellRenderer(
            post,
            slugify(stem) or "notebook",
            language,
            build.services.get("photos"),
            build.services[SERVICE],
            dict(highlight),
        )

    @staticmethod
    def _attachment(renderer: CellRenderer, cell: Cell, name: str) -> str:
        """A pasted image (a markdown cell's attachment) as a file the post links to."""
        from .outputs import from_bundle

        bundle = cell.attachments.get(name) or {}
        image = from_bundle(dict(bundle))
        if image is None or image.kind != "image":
            raise ContentError(
                f"the attachment {name} this cell shows is not in the "
                "notebook (paste the image again)",
                line=cell.line(0),
            )
        return renderer.publish(image)
