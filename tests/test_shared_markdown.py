"""The shared Markdown plumbing: one code finder that agrees with Python-Markdown, one
table of processor priorities, one way to install an extension."""

from __future__ import annotations

import markdown
import pytest
from markdown import Extension

from plugins._shared.markdown import PRIORITIES, find_code, install_extension
from plugins.benchmarks import BenchmarkFiles, BenchmarksExtension, BenchmarksSettings
from plugins.codeblocks import CodeBlocksExtension
from plugins.fastpages_compat import FastpagesCompatExtension
from plugins.front_matter.a11y import AccessibleMarkdownExtension
from plugins.front_matter.blocks import PostBlocksExtension
from plugins.links import EmptyLinkExtension
from plugins.parts import PartsExtension
from plugins.parts.registry import PartsSettings, Registry
from plugins.photos import PhotosExtension
from plugins.photos.publish import Pipeline
from plugins.photos.settings import PhotoSettings
from plugins.quotes import QuotesExtension


def blocks(text: str) -> list[int]:
    """Indices of the lines find_code calls code."""
    return [i for i, code in enumerate(find_code(text.split("\n")).blocks) if code]


@pytest.mark.parametrize(
    "text, code",
    [
        # a fence closes only with the same fence: ``` inside ```` is code
        ("a\n````\n{% parts x %}\n```\nstill\n````\nb", [1, 2, 3, 4, 5]),
        # tildes inside backticks, backticks inside tildes
        ("```\n~~~\n{% parts x %}\n~~~\n```\nb", [0, 1, 2, 3, 4]),
        ("~~~\n```\n~~~\nb", [0, 1, 2]),
        # an indented fence is not a fence to Python-Markdown...
        ("text\n  ```\n{% parts x %}\n  ```", []),
        # ...and an unclosed one is no code block at all
        ("```\n{% parts x %}", []),
        # indented code after a blank line; a lazy continuation line is not code
        ("para\n    lazy\n\n    code\n\n    more\nnot", [3, 4, 5]),
        # indented lines continuing a list item are the list's, not code
        ("- item\n\n    continued\n\ntext\n\n    code", [6]),
        ("1. item\n\n    continued", []),
    ],
)
def test_code_blocks_are_where_python_markdown_puts_them(text, code):
    assert blocks(text) == code


def test_a_four_backtick_fence_really_is_code_to_python_markdown():
    """The finder and Python-Markdown agree: what we call code is rendered as code."""
    text = "````\n{% parts x %}\n```\n````"
    html = markdown.markdown(text, extensions=["fenced_code"])
    assert "<pre><code>{% parts x %}\n```\n</code></pre>" in html
    assert blocks(text) == [0, 1, 2, 3]


@pytest.mark.parametrize(
    "line, inside, outside",
    [
        ("see `{% parts x %}` here", [5, 10], [0, 22]),
        ("``a ` b`` and {% x %}", [2, 5], [14]),
        (r"\`{% not code %}\`", [], [2]),
    ],
)
def test_inline_code_spans_are_found_with_python_markdowns_scanner(line, inside, outside):
    code = find_code([line])
    assert all(code.in_code(0, column) for column in inside)
    assert not any(code.in_code(0, column) for column in outside)


def test_a_code_span_may_run_over_a_line_break_but_not_a_blank_line():
    code = find_code(["a `b", "c` d", "", "`e", "", "f`"])
    assert code.in_code(0, 2) and code.in_code(1, 0) and not code.in_code(1, 3)
    assert not code.in_code(3, 0) and not code.in_code(5, 0)


def test_tags_inside_code_are_left_as_written(make_site):
    site = make_site(
        {
            "content/builds/b.yaml": "name: B\nparts:\n  - type: CPU\n    name: Ryzen\n",
            "content/posts/2020-01-01-code.md": (
                "---\ntitle: Code\n---\n\n"
                "````md\n```\n{% parts b %}\n```\n````\n\n"
                "Write `{% parts b %}` on a line.\n\n"
                "    {% benchmarks nosuch %}\n\n"
                "{% parts b summary %}\n"
            ),
        }
    )
    assert site.result.clean, site.messages()
    body = site.html("2020/01/code/").select_one(".post-body")
    assert body.select_one(".build-error") is None
    assert "{% parts b %}" in body.select("pre")[0].get_text()
    assert body.find("code", string="{% parts b %}") is not None
    assert "{% benchmarks nosuch %}" in body.select("pre")[1].get_text()
    assert body.select_one(".parts-summary") is not None  # the real tag still works


def _all_extensions(tmp_path) -> list[Extension]:
    photos = PhotoSettings(content=tmp_path, output=tmp_path / "out", cache=tmp_path / "c")
    return [
        CodeBlocksExtension(),
        FastpagesCompatExtension(),
        QuotesExtension(),
        PartsExtension(Registry(PartsSettings())),
        BenchmarksExtension(BenchmarkFiles(BenchmarksSettings(tmp_path))),
        PhotosExtension(Pipeline(photos)),
        AccessibleMarkdownExtension(),
        PostBlocksExtension(),
        EmptyLinkExtension(),
    ]


def test_every_processor_in_the_table_is_registered_with_its_priority(tmp_path):
    md = markdown.Markdown(
        extensions=["extra", "codehilite", "toc", "sane_lists", *_all_extensions(tmp_path)]
    )
    registries = {
        "preprocessors": md.preprocessors,
        "treeprocessors": md.treeprocessors,
        "postprocessors": md.postprocessors,
        "blockprocessors": md.parser.blockprocessors,
        "inlinepatterns": md.inlinePatterns,
    }
    for name, (kind, priority) in PRIORITIES.items():
        registered = {item.name: item.priority for item in registries[kind]._priority}
        assert registered.get(name) == priority, (name, kind, registered)
    for kind, registry in registries.items():
        priorities = [item.priority for item in registry._priority]
        assert len(priorities) == len(set(priorities)), (kind, sorted(priorities))
    # Our callout processor sits where markdown-callouts' own extension puts its own.
    upstream = markdown.Markdown(extensions=["github-callouts"]).parser.blockprocessors
    upstream_priorities = {item.name: item.priority for item in upstream._priority}
    assert upstream_priorities["github-callouts"] == PRIORITIES["github-callouts"][1]


class _Demo(Extension):
    def extendMarkdown(self, md):
        pass


def test_install_extension_replaces_one_of_the_same_class():
    settings = {"MARKDOWN": {"extensions": ["markdown.extensions.toc", _Demo()]}}
    fresh = _Demo()
    install_extension(settings, fresh)
    assert settings["MARKDOWN"]["extensions"] == ["markdown.extensions.toc", fresh]
