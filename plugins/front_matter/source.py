"""A post's bytes as text, or the exact place where they are not text we can publish.

Pelican reads posts as UTF-8 and stops at the first bad byte with Python's
``UnicodeDecodeError ... position 14``. An editor that saved Windows-1252, a NUL byte
from a binary or UTF-16 file, a control character pasted from a terminal (which no
feed can hold): each is reported here at its line and column.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from plugins._shared.errors import ContentError

# Code points HTML calls control characters and XML 1.0 refuses (tab, LF and CR are
# text), plus the two noncharacters XML forbids.
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
_UTF16 = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def forbidden_character(text: str) -> tuple[int, str] | None:
    """``(index, "U+0007")`` of the first control character in ``text``, if any."""
    found = _FORBIDDEN.search(text)
    return None if found is None else (found.start(), f"U+{ord(found[0]):04X}")


def _place(text: str, index: int) -> tuple[int, int]:
    """1-based line and column of ``text[index]``."""
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def decode(data: bytes) -> str:
    """UTF-8 (a BOM is dropped) with universal newlines; ContentError at the place
    of the first byte or character that cannot be published."""
    if data.startswith(_UTF16):
        raise ContentError("the file is UTF-16 text: save it as UTF-8", line=1)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        good = data[: error.start].decode("utf-8-sig", errors="replace")
        line, column = _place(good + "?", len(good))
        raise ContentError(
            f"not UTF-8 text (byte 0x{data[error.start]:02x}): save the file "
            "as UTF-8 (it looks like Windows-1252 or Latin-1)",
            line=line,
            column=column,
        ) from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    found = forbidden_character(text)
    if found is not None:
        index, name = found
        line, column = _place(text, index)
        what = (
            "a NUL byte: is this a binary or UTF-16 file?"
            if name == "U+0000"
            else f"the control character {name}: remove it"
        )
        raise ContentError(f"{what}", line=line, column=column)
    return text


def read_source(path: Path) -> str:
    """The text of the post at ``path`` (see ``decode``)."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ContentError(f"cannot read the file: {error.strerror or error}") from None
    if not data.strip():
        raise ContentError("the file is empty: write front matter and a body, or delete it", line=1)
    return decode(data)
