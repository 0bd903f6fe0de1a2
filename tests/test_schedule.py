"""Posts dated in the future are drafts until their date, unless built with --future;
they are never published by the production settings, and the build says so."""

from __future__ import annotations

POSTS = {
    "content/posts/2020-01-01-today.md": "---\ntitle: Today\ndescription: d\n---\nNow.\n",
    "content/posts/2999-01-01-later.md": "---\ntitle: Later\ndescription: d\n---\nSoon.\n",
}
NOTE = (
    "content/posts/2999-01-01-later.md: dated 2999-01-01, in the future: a draft until then "
    "({}); build with --future to publish it now"
)


def test_a_future_post_is_a_draft_with_a_note(make_site, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    site = make_site(POSTS)
    assert site.result.clean, site.messages()  # a note, not a warning: --strict passes
    assert site.result.notes == [NOTE.format("preview it at /drafts/later/")]
    assert (site.output / "drafts/later/index.html").is_file()
    assert not (site.output / "2999").exists()
    assert "Later" not in (site.output / "index.html").read_text(encoding="utf-8")
    assert "Later" not in (site.output / "feeds/all.atom.xml").read_text(encoding="utf-8")


def test_production_never_publishes_it(make_site, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    site = make_site(POSTS, "publishconf.py", SITEURL="https://example.test")
    assert site.result.notes == [NOTE.format("not published until then")]
    assert not (site.output / "drafts").exists()
    assert "Later" not in (site.output / "sitemap.xml").read_text(encoding="utf-8")


def test_future_flag_publishes_it_now(make_site):
    site = make_site(POSTS, WITH_FUTURE_DATES=True)
    assert site.result.notes == []
    assert (site.output / "2999/01/later/index.html").is_file()


def test_status_draft_is_not_called_scheduled(make_site):
    site = make_site(
        {"content/posts/2999-01-01-x.md": "---\ntitle: X\nstatus: draft\n---\nDraft.\n"}
    )
    assert site.result.notes == []
