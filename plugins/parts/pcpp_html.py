"""The rows of PCPartPicker's HTML export (``table.pcpp-part-list``), or of a
Type/Item/Price table as Reddit renders the markdown one, with the standard
library's HTML parser."""

from __future__ import annotations

import re
from html.parser import HTMLParser

# Rows PCPartPicker adds after the parts (both export forms): matched at the start of
# an HTML cell, searched for in a Markdown table line.
FOOTER = re.compile(r"\b(?:total|prices include|generated (?:by|at)|lowest price parts)\b", re.I)


class _TableReader(HTMLParser):
    """Collect every table as rows of ``(line, [(text, href), ...], classes)``."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tables: list[tuple[str, list]] = []
        self._stack: list[list] = []
        self._cell: list | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table":
            self._stack.append([])
            self.tables.append((attrs.get("class") or "", self._stack[-1]))
        elif tag == "tr" and self._stack:
            self._stack[-1].append((self.getpos()[0], []))
        elif tag in ("td", "th") and self._stack and self._stack[-1]:
            self._cell = ["", None]
            self._stack[-1][-1][1].append(self._cell)
        elif tag == "a" and self._cell is not None and self._cell[1] is None:
            self._cell[1] = attrs.get("href")

    def handle_endtag(self, tag):
        if tag in ("td", "th"):
            self._cell = None
        elif tag == "table" and self._stack:
            self._stack.pop()

    def handle_data(self, data):
        if self._cell is not None:
            self._cell[0] += data


def _pick(tables: list[tuple[str, list]]) -> list:
    for classes, rows in tables:
        if "pcpp-part-list" in classes.split():
            return rows
    for _, rows in tables:
        heading = [" ".join(c[0].split()).lower() for c in rows[0][1]] if rows else []
        if heading[:3] == ["type", "item", "price"]:
            return rows
    return []


def html_rows(text: str):
    """Yield ``(line, type, item, price, link)`` like the markdown reader does."""
    reader = _TableReader()
    reader.feed(text)
    reader.close()
    for line, cells in _pick(reader.tables):
        texts = [" ".join(c[0].split()) for c in cells]
        if not texts or texts[:3] == ["Type", "Item", "Price"] or not any(texts):
            continue
        if any(FOOTER.match(t) for t in texts):
            continue
        if len(texts) < 2 or not texts[0] or not texts[1]:
            yield line, None, " | ".join(texts), "", None
            continue
        link = cells[1][1] or None
        yield line, texts[0], texts[1], texts[2] if len(texts) > 2 else None, link
