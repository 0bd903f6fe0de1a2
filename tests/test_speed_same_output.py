"""Shortcuts taken for speed give exactly what the slow way gave: each is checked
against the code it replaces, on inputs chosen to reach its edges."""

from __future__ import annotations

import pytest
from markdown import Markdown
from markdown.extensions.toc import TocExtension

from plugins.front_matter.toc import TokensTocExtension

TOC = {"toc_depth": "2-3", "permalink": "#", "permalink_class": "heading-link"}
TOC_DOCS = [  # (Markdown, whether toc's [TOC] marker becomes its div)
    ("## One\n\ntext\n\n### Two\n\n## One\n", False),
    ("[TOC]\n\n## One\n\n### Two *em* `code`\n", True),
    ("intro\n\n  [TOC]  \n\n## A & B\n\n## <b>raw</b>\n", True),
    ("```\n[TOC]\n```\n\n## Code only\n", False),
    ("text with [TOC] inside\n\n## X\n", False),
    ("## Only [TOC] in a heading\n\n## Y\n", False),
    ("no headings at all\n", False),
]


@pytest.mark.parametrize(("doc", "marked"), TOC_DOCS)
def test_tokens_toc_writes_what_toc_writes(doc, marked):
    ours = Markdown(extensions=["extra", TokensTocExtension(**TOC)])
    theirs = Markdown(extensions=["extra", TocExtension(**TOC)])
    assert ours.convert(doc) == theirs.convert(doc)
    assert ours.toc_tokens == theirs.toc_tokens
    html = ours.convert(doc)
    assert ('<div class="toc">' in html) is marked
    if marked:  # toc's own TOC, as toc would make it
        assert ours.toc == theirs.toc


def test_link_atomic_into_a_new_folder_an_empty_one_and_over_a_file(tmp_path):
    from plugins._shared.files import TEMP_PREFIX, link_atomic, write_atomic

    source = tmp_path / "cache" / "a.jpg"
    write_atomic(source, b"variant")
    targets = [tmp_path / "out" / "new" / "a.jpg", tmp_path / "out" / "new" / "b.jpg"]
    write_atomic(tmp_path / "out" / "old.jpg", b"older")
    targets.append(tmp_path / "out" / "old.jpg")
    for target in targets:
        link_atomic(source, target)
        assert target.read_bytes() == b"variant" and target.stat().st_ino == source.stat().st_ino
        assert oct(target.stat().st_mode & 0o777) == "0o644"
    assert oct((tmp_path / "out" / "new").stat().st_mode & 0o777) == "0o755"
    assert not list(tmp_path.rglob(TEMP_PREFIX + "*"))
