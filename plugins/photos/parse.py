"""Find photos in a post's Markdown lines. Pure: lines in, frozen dataclasses out.

Three shapes are recognised, each a whole paragraph:

    ![alt](/images/a.jpg "Caption")          -> Figure   (one image alone)
    ![](/images/a.jpg "A")                    -> Gallery  (two or more, one per line)
    ![](/images/b.jpg "B")
    {% beforeafter Cable management %}        -> Compare  (images taken in pairs)
    ...
    {% endbeforeafter %}

A gallery right under a ``Before`` or ``After`` heading carries that label (build logs
written before this plugin existed use headings for the comparison). Any other image,
inside running text, is an ``Inline`` (inline.py; outside code spans and fences).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from plugins._shared.errors import ContentError
from plugins._shared.markdown import CodeMap, find_code

_IMAGE_MD = r"""!\[(?P<alt>(?:[^\]\\]|\\.)*)\]\(\s*<?(?P<src>[^\s<>()]+(?:\([^\s()]*\))?)>?
                (?:\s+(?P<q>["'])(?P<title>.*?)(?P=q))?\s*\)"""
_IMAGE = re.compile(r"^\s*" + _IMAGE_MD + r"\s*$", re.X)
INLINE_IMAGE = re.compile(_IMAGE_MD, re.X | re.S)  # inline.py: in running text
# An image of a paragraph made only of images; its title may run over lines (valid
# Markdown, and what fastpages posts have: ![](x.jpg "Motherboard,\nprocessor")).
_PARAGRAPH_IMAGE = re.compile(r"[ \t]*" + _IMAGE_MD + r"[ \t]*(?:\n|\Z)", re.X | re.S)
_OPEN = re.compile(r"^\s*\{%-?\s*beforeafter(?:\s+(?P<title>.*?))?\s*-?%\}\s*$")
_CLOSE = re.compile(r"^\s*\{%-?\s*endbeforeafter\s*-?%\}\s*$")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(?P<text>.*?)\s*#*\s*$")
_LABELS = {"before": "Before", "after": "After"}


@dataclass(frozen=True)
class ImageRef:
    """One ``![alt](src "title")`` as written; ``line`` is 1-based in the text."""

    alt: str
    src: str
    title: str
    line: int


@dataclass(frozen=True)
class Block:
    """A run of lines ``[start, end)`` (0-based) to replace with rendered HTML.

    ``kind`` is ``figure``, ``gallery`` or ``compare``; ``images`` in order; ``label``
    is Before/After for a gallery under such a heading; ``title`` names a comparison.
    """

    kind: str
    start: int
    end: int
    images: tuple[ImageRef, ...]
    title: str = ""
    label: str = ""


def image_ref(match: re.Match, number: int) -> ImageRef:
    alt = " ".join(re.sub(r"\\(.)", r"\1", match["alt"]).split())
    return ImageRef(alt, match["src"], " ".join((match["title"] or "").split()), number)


def parse_image(line: str, number: int) -> ImageRef | None:
    """The image on a line holding nothing else, or None."""
    match = _IMAGE.match(line)
    return image_ref(match, number) if match else None


def paragraph_images(lines: list[str], start: int, end: int) -> list[ImageRef] | None:
    """The images of ``lines[start:end]`` when that paragraph holds nothing else (one
    per line, though a title may run over several lines), else None."""
    text = "\n".join(lines[start:end])
    found, position = [], 0
    while position < len(text):
        match = _PARAGRAPH_IMAGE.match(text, position)
        if match is None:
            return None
        found.append(image_ref(match, start + 1 + text.count("\n", 0, match.start("alt"))))
        position = match.end()
    return found or None


def pairs(block: Block) -> list[tuple[ImageRef, ImageRef]]:
    """(before, after) pairs of a comparison; an odd count is an error."""
    images = block.images
    if not images:
        raise ContentError(
            "{% beforeafter %} holds no images; put pairs of "
            "![Before](...) ![After](...) lines inside",
            line=block.start + 1,
        )
    if len(images) % 2:
        raise ContentError(
            f"{{% beforeafter %}} needs images in (before, after) pairs, got "
            f"{len(images)}; the last one, {images[-1].src}, has no partner",
            line=images[-1].line,
        )
    return [(images[i], images[i + 1]) for i in range(0, len(images), 2)]


def _compare(lines: list[str], start: int, title: str) -> Block:
    images = []
    for index in range(start + 1, len(lines)):
        if _CLOSE.match(lines[index]):
            return Block("compare", start, index + 1, tuple(images), title=title)
        if not lines[index].strip():
            continue
        image = parse_image(lines[index], index + 1)
        if image is None:
            raise ContentError(
                'only image lines such as ![Before](/images/a.jpg "Caption") '
                "may go inside {% beforeafter %}",
                line=index + 1,
            )
        images.append(image)
    raise ContentError(
        "{% beforeafter %} is never closed; add {% endbeforeafter %} after the last image",
        line=start + 1,
    )


def _paragraph_end(lines: list[str], start: int, code: CodeMap) -> int:
    end = start
    while end < len(lines) and lines[end].strip() and not code.in_code(end):
        end += 1
    return end


@dataclass(frozen=True)
class Broken:
    """A ``{% beforeafter %}`` opening line that could not be read, and why."""

    start: int
    end: int
    error: ContentError


def scan(lines: list[str], code: CodeMap | None = None) -> list[Block | Broken]:
    """Every photo block in ``lines``, in order, skipping fenced code. A broken
    comparison becomes a :class:`Broken` and scanning goes on after its first line."""
    found: list[Block | Broken] = []
    index, label, code = 0, "", code or find_code(lines)
    while index < len(lines):
        line = lines[index]
        if code.in_code(index) or not line.strip():
            index += 1
            continue
        if _OPEN.match(line):
            try:
                block = _compare(lines, index, (_OPEN.match(line)["title"] or "").strip())
            except ContentError as error:
                found.append(Broken(index, index + 1, error))
                index += 1
                continue
            found.append(block)
            index, label = block.end, ""
            continue
        if heading := _HEADING.match(line):
            label = _LABELS.get(heading["text"].strip().rstrip(":").lower(), "")
            index += 1
            continue
        end = _paragraph_end(lines, index, code)
        images = paragraph_images(lines, index, end)
        if images:
            kind = "figure" if len(images) == 1 and not label else "gallery"
            found.append(Block(kind, index, end, tuple(images), label=label))
        label = ""
        index = end
    return found
