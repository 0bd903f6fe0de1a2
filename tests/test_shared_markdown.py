"""The helpers every Markdown extension shares."""

from __future__ import annotations

from markdown import Extension

from plugins._shared.markdown import code_lines, install_extension


def test_code_lines_marks_fences_and_their_contents():
    lines = ["text", "```python", "{% parts x %}", "```", "after"]
    assert code_lines(lines) == [False, True, True, True, False]


def test_a_fence_closes_only_with_its_own_character():
    lines = ["~~~", "```", "{% parts x %}", "```", "~~~", "{% parts y %}"]
    assert code_lines(lines) == [True, True, True, True, True, False]


def test_an_unclosed_fence_runs_to_the_end():
    assert code_lines(["a", "```", "b"]) == [False, True, True]


class _Demo(Extension):
    def extendMarkdown(self, md):
        pass


def test_install_extension_replaces_one_of_the_same_class():
    settings = {"MARKDOWN": {"extensions": ["markdown.extensions.toc", _Demo()]}}
    fresh = _Demo()
    install_extension(settings, fresh)
    assert settings["MARKDOWN"]["extensions"] == ["markdown.extensions.toc", fresh]
