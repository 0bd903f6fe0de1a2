"""What every buildlog Markdown extension needs: where fenced code is, and how to
install the extension into Pelican's Markdown settings."""

from __future__ import annotations

import re

from markdown import Extension

FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,})")


def code_lines(lines: list[str]) -> list[bool]:
    """For each line, whether it belongs to fenced code (the fence lines too), so a
    tag written inside a code sample stays text. A fence closes only with the
    character it opened with: a ``` line inside a ~~~ block is code."""
    marks, fence = [], None
    for line in lines:
        match = FENCE.match(line)
        if match and fence in (None, match[1][0]):
            fence = None if fence else match[1][0]
            marks.append(True)
        else:
            marks.append(fence is not None)
    return marks


def install_extension(settings: dict, extension: Extension) -> None:
    """Add ``extension`` to Pelican's MARKDOWN settings, replacing one of the same
    class left by an earlier build in this process (livereload, tests)."""
    extensions = settings["MARKDOWN"].setdefault("extensions", [])
    extensions[:] = [e for e in extensions if not isinstance(e, type(extension))]
    extensions.append(extension)
