"""Images inside running text: an :class:`Inline` for every local image outside code
spans and fences that no photo block (parse.py) covers. Pure, like parse.py."""

from __future__ import annotations

from dataclasses import dataclass

from plugins._shared.markdown import CodeMap, find_code
from plugins._shared.urls import is_remote

from .parse import INLINE_IMAGE, ImageRef, image_ref


@dataclass(frozen=True)
class Inline:
    """An image inside running text: from ``lines[index][start:]`` to
    ``lines[last][:end]`` is its Markdown (``last`` is ``index`` unless its title
    runs over lines)."""

    index: int
    start: int
    end: int
    image: ImageRef
    last: int = -1

    @property
    def end_index(self) -> int:
        return self.index if self.last < 0 else self.last


def inline_images(lines: list[str], blocks: list, code: CodeMap | None = None) -> list[Inline]:
    """Local images in lines no block covers, outside code blocks and code spans
    (a remote or ``data:`` image in running text is left to Markdown, untouched).
    Searched paragraph by paragraph: a title may run over lines."""
    code = code or find_code(lines)
    covered = {i for block in blocks for i in range(block.start, block.end)}
    found: list[Inline] = []
    index = 0
    while index < len(lines):
        end = index
        while (
            end < len(lines) and end not in covered and lines[end].strip() and not code.in_code(end)
        ):
            end += 1
        if end > index and any("![" in lines[i] for i in range(index, end)):
            found += _paragraph_inline(lines, index, end, code)
        index = max(end, index + 1)
    return found


def _paragraph_inline(lines: list[str], first: int, end: int, code: CodeMap) -> list[Inline]:
    text = "\n".join(lines[first:end])
    starts = [0]
    for line in lines[first : end - 1]:
        starts.append(starts[-1] + len(line) + 1)
    found = []
    for m in INLINE_IMAGE.finditer(text):
        a = next(i for i in range(len(starts) - 1, -1, -1) if starts[i] <= m.start())
        b = next(i for i in range(len(starts) - 1, -1, -1) if starts[i] <= m.end() - 1)
        local = not (is_remote(m["src"]) or m["src"].startswith("data:"))
        if local and not code.in_code(first + a, m.start() - starts[a]):
            found.append(
                Inline(
                    first + a,
                    m.start() - starts[a],
                    m.end() - starts[b],
                    image_ref(m, first + a + 1),
                    first + b if b != a else -1,
                )
            )
    return found
