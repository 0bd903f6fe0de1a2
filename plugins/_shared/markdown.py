"""What every buildlog Markdown extension shares: where code is, in what order our
processors run, and how an extension is installed into Pelican's settings.

Every processor buildlog registers, with its priority (higher runs first) and why.
Python-Markdown's own processors are listed in brackets for orientation.

Preprocessors (lines of the post's body; ours all keep one output line per input line,
so line ``i`` is body line ``i + 1`` for every one of them -- see ``store_block``):

    [normalize_whitespace 30]  Python-Markdown: tabs, line ends.
    buildlog_blocks       29.9 HTML a reader made before Markdown (a notebook's code
                               cells) takes its place: tokens become stash placeholders.
    codeblocks_fences     29.8 fence options as MkDocs writes them (``py linenums="1"``)
                               rewritten to the attribute-list form fenced_code reads,
                               one line for one; before ``buildlog_code``, which finds
                               fences with fenced_code's own pattern (a fence it cannot
                               read would look like text to every processor below).
    buildlog_code         29.5 finds fenced, indented and inline code once per post
                               (``find_code``) for all the processors below.
    fastpages_compat      29   fastpages Liquid (``{{ site.baseurl }}``, ``<center>``,
                               ``{% twitter %}``, includes, emoji) become Markdown
                               first, so every later processor sees plain Markdown.
    quotes_includes       28   ``{% include note.html %}`` lines become ``> **Note:**``
                               quotes for the callout block processor below.
    buildlog_parts        27   ``{% parts NAME %}`` lines become stashed tables; a
                               summary tag in running text, a stashed link.
    benchmarks            26.5 ``{% benchmarks NAME %}`` lines become stashed charts.
    photos                26   image paragraphs become figures and galleries; after the
                               tags above so their placeholders are never mistaken for
                               text; before fenced code hides code blocks.
    liquid_leftovers      25.5 Liquid no plugin above understood: a warning at its line
                               (after every tag plugin, before fenced code hides code).
    empty_links_source    25.4 notes where ``[text]()`` is written, as inline parsing
                               will read it (plugins/links).
    [fenced_code_block 25, html_block 20]

Block processors:

    github-callouts       21.1 markdown-callouts' ``> [!NOTE]`` processor, at the
                               place its own extension gives it (plugins/quotes).
    quotes_labels         21.05 ``> **Note:**`` quotes become callouts, before
                               [quote 20] takes them as plain blockquotes.

Inline patterns:

    html                  90   Python-Markdown's raw-HTML pattern at its own place,
                               replaced by quotes to record which stashed HTML the
                               author wrote (quotes_unsafe judges only that).

Tree processors (the element tree):

    quotes                26   attributed quotes become figures while paragraph text
                               is still raw Markdown (before [inline 20]).
    quotes_callouts       25   admonition divs become labelled ``<aside>`` callouts.
    quotes_unsafe         18   raw HTML inside quotes shown as text unless harmless
                               (after [inline 20] stashed it; html5lib decides).
    empty_links           17   each ``<a href="">`` from ``[text]()`` is a warning at
                               its line (after [inline 20] made the links).
    heading_link_labels   4    ``#`` self-links get an aria-label (after [toc 5]).

Postprocessors (the final HTML text):

    focusable_code        5    ``<pre>`` and Markdown tables get ``tabindex="0"`` (after
                               [raw_html 30] put code blocks back).

``PRIORITIES`` is that table as data: plugins register with it and a test checks the
table against a real Markdown instance (every name present, no two alike).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from itertools import chain, compress, repeat

from markdown import Extension, Markdown
from markdown.extensions.fenced_code import FencedBlockPreprocessor
from markdown.inlinepatterns import BACKTICK_RE, BacktickInlineProcessor
from markdown.preprocessors import Preprocessor

PRIORITIES: dict[str, tuple[str, float]] = {
    "buildlog_blocks": ("preprocessors", 29.9),
    "codeblocks_fences": ("preprocessors", 29.8),
    "buildlog_code": ("preprocessors", 29.5),
    "fastpages_compat": ("preprocessors", 29),
    "quotes_includes": ("preprocessors", 28),
    "buildlog_parts": ("preprocessors", 27),
    "benchmarks": ("preprocessors", 26.5),
    "photos": ("preprocessors", 26),
    "liquid_leftovers": ("preprocessors", 25.5),
    "empty_links_source": ("preprocessors", 25.4),
    "github-callouts": ("blockprocessors", 21.1),
    "quotes_labels": ("blockprocessors", 21.05),
    "html": ("inlinepatterns", 90),
    "quotes": ("treeprocessors", 26),
    "quotes_callouts": ("treeprocessors", 25),
    "quotes_unsafe": ("treeprocessors", 18),
    "empty_links": ("treeprocessors", 17),
    "heading_link_labels": ("treeprocessors", 4),
    "focusable_code": ("postprocessors", 5),
}

_FENCED = FencedBlockPreprocessor.FENCED_BLOCK_RE
_BACKTICKS = BacktickInlineProcessor(BACKTICK_RE)
TAB_LENGTH = 4
_INDENT = " " * TAB_LENGTH
_LIST_ITEM = ("* ", "+ ", "- ")


def priority(name: str) -> float:
    """The priority ``name`` is registered with (see the table above)."""
    return PRIORITIES[name][1]


@dataclass(frozen=True)
class CodeMap:
    """Where code is in a post body, as Python-Markdown will see it.

    ``blocks[i]`` says whether line ``i`` belongs to a fenced or indented code block
    (fence lines included); ``spans[i]`` lists the ``(start, end)`` columns of inline
    code spans on line ``i``. A tag written inside either stays text.
    """

    blocks: tuple[bool, ...]
    spans: dict[int, tuple[tuple[int, int], ...]] = field(default_factory=dict)

    def in_code(self, index: int, column: int | None = None) -> bool:
        """Whether line ``index`` (or the character at ``column``) is code."""
        if index >= len(self.blocks) or self.blocks[index]:
            return index < len(self.blocks)
        if column is None:
            return False
        return any(a <= column < b for a, b in self.spans.get(index, ()))

    def text_lines(self, lines: list[str]):
        """``(index, line)`` for every line outside code blocks (a line past the map's
        end is text, as ``in_code`` says)."""
        return compress(enumerate(lines), chain(self.text_mask, repeat(True)))

    @cached_property
    def text_mask(self) -> tuple[bool, ...]:
        return tuple(not code for code in self.blocks)

    def outside_spans(self, index: int, line: str, change) -> str:
        """``line`` with ``change(text)`` applied to the parts outside its code spans."""
        spans = self.spans.get(index)
        if not spans:
            return change(line)
        out, at = [], 0
        for start, end in spans:
            out += [change(line[at:start]), line[start:end]]
            at = end
        return "".join(out) + change(line[at:])


def _fenced_lines(text: str, starts: list[int]) -> set[int]:
    """Line indices inside fenced blocks, matched with fenced_code's own regex (a
    fence closes only with the same fence, at the start of a line)."""
    found: set[int] = set()
    for match in _FENCED.finditer(text):
        first = _line_at(starts, match.start())
        last = _line_at(starts, match.end() - 1)
        found.update(range(first, last + 1))
    return found


def _line_at(starts: list[int], offset: int) -> int:
    """Index of the line holding character ``offset`` (binary search over starts)."""
    low, high = 0, len(starts) - 1
    while low < high:
        middle = (low + high + 1) // 2
        if starts[middle] <= offset:
            low = middle
        else:
            high = middle - 1
    return low


def _indented_lines(lines: list[str], fenced: set[int]) -> set[int]:
    """Lines of indented code blocks, decided per blank-line-separated block as
    Python-Markdown's block parser does: a block whose first line is indented four
    spaces is code (CodeBlockProcessor) unless it continues a list (ListIndentProcessor
    wins then); its code ends at the first line that is not indented."""
    found: set[int] = set()
    blank = [not line.strip() for line in lines]
    indented = [line.startswith(_INDENT) for line in lines]
    index, in_list, code_open, count = 0, False, False, len(lines)
    while index < count:
        if index in fenced:
            in_list = code_open = False
            index += 1
            continue
        if blank[index]:
            index += 1
            continue
        if indented[index] and not in_list:
            if code_open:  # blank lines between two indented blocks are code too
                back = index - 1
                while back >= 0 and blank[back] and back not in found:
                    found.add(back)
                    back -= 1
            while index < count and not blank[index] and indented[index]:
                found.add(index)
                index += 1
            code_open = True
            continue
        code_open = False
        if not indented[index]:
            stripped = lines[index].lstrip(" ")
            in_list = stripped.startswith(_LIST_ITEM) or _ordered_item(stripped)
        while index < count and not blank[index] and index not in fenced:
            index += 1
    return found


def _ordered_item(text: str) -> bool:
    digits = len(text) - len(text.lstrip("0123456789"))
    return 0 < digits <= 9 and text[digits : digits + 2] in (". ", ") ")


def _inline_spans(lines: list[str], blocks: list[bool]) -> dict[int, tuple[tuple[int, int], ...]]:
    """Code spans found by Python-Markdown's own backtick scanner, per paragraph (a
    span may run over a line break, never over a blank line)."""
    spans: dict[int, list[tuple[int, int]]] = {}
    start = 0
    while start < len(lines):
        if blocks[start] or not lines[start].strip():
            start += 1
            continue
        end = start
        while end < len(lines) and lines[end].strip() and not blocks[end]:
            end += 1
        _paragraph_spans(lines, start, end, spans)
        start = end
    return {i: tuple(s) for i, s in spans.items()}


def _paragraph_spans(lines, start, end, spans) -> None:
    text = "\n".join(lines[start:end])
    if "`" not in text:
        return
    starts = [0]
    for line in lines[start : end - 1]:
        starts.append(starts[-1] + len(line) + 1)
    position = 0
    while (match := _BACKTICKS.compiled_re.search(text, position)) is not None:
        if match.group(1):  # escaped backslashes before backticks
            position = match.end()
            continue
        opened = match.start()
        content_start, content_end = _BACKTICKS.find_code_spans(opened, text)
        if content_end is None:
            position = content_start
            continue
        close = content_end + (content_start - opened)
        first, last = _line_at(starts, opened), _line_at(starts, close - 1)
        for line in range(first, last + 1):
            a = opened - starts[line] if line == first else 0
            b = close - starts[line] if line == last else len(lines[start + line])
            spans.setdefault(start + line, []).append((a, b))
        position = close


def find_code(lines: list[str]) -> CodeMap:
    """Where fenced code, indented code and inline code spans are in ``lines``."""
    text = "\n".join(lines)
    starts, offset = [], 0
    for line in lines:
        starts.append(offset)
        offset += len(line) + 1
    fenced = _fenced_lines(text, starts) if ("```" in text or "~~~" in text) else set()
    indented = _indented_lines(lines, fenced) if "    " in text else set()
    blocks = [i in fenced or i in indented for i in range(len(lines))]
    return CodeMap(tuple(blocks), _inline_spans(lines, blocks) if "`" in text else {})


class CodeMapPreprocessor(Preprocessor):
    """Finds code once per conversion, first among ours, for all of them."""

    def run(self, lines: list[str]) -> list[str]:
        self.md.buildlog_code = find_code(lines)
        return lines


def code_map(md: Markdown, lines: list[str]) -> CodeMap:
    """The body's CodeMap, as found by ``buildlog_code`` at the start of this
    conversion. Our preprocessors keep the line count, so it stays true for each of
    them; should one not, the map is found again rather than misread."""
    cached = getattr(md, "buildlog_code", None)
    if cached is None or len(cached.blocks) != len(lines):
        cached = md.buildlog_code = find_code(lines)
    return cached


def store_block(md: Markdown, html) -> str:
    """Stash ``html`` as one line of its own block: blank lines around the placeholder
    live inside the line, so the line count (and every line number) stays the same."""
    return "\n" + md.htmlStash.store(html) + "\n"


class BuildlogExtension(Extension):
    """Base of our extensions: each registers the shared ``buildlog_code`` step."""

    def extendMarkdown(self, md: Markdown) -> None:
        md.preprocessors.register(
            CodeMapPreprocessor(md), "buildlog_code", priority("buildlog_code")
        )


def install_extension(settings: dict, extension: Extension) -> None:
    """Add ``extension`` to this build's MARKDOWN settings (a list of its own: see
    ``context.build_context``), replacing one of the same class."""
    extensions = settings["MARKDOWN"].setdefault("extensions", [])
    extensions[:] = [e for e in extensions if not isinstance(e, type(extension))]
    extensions.append(extension)
