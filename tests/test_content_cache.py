"""The content cache (plugins/_shared/contentcache.py), on real builds: a post is reused
only while every file, setting and piece of code it was made from is unchanged."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import REPO, build, text_of, write_files
from photo_files import photo
from test_tasks import kit, run  # noqa: F401 (kit: fixture)

from plugins._shared import contentcache

POST = "content/posts/2020-01-01-rig.md"
PAGE = "2020/01/rig/"
FILES = {
    POST: """
        ---
        title: The rig
        description: d
        toc: true
        ---

        ## Parts

        {% parts rig %}

        ## Speed

        {% benchmarks speed %}

        ![A fan on the radiator](/images/fan.jpg "The fan")

        Words before the edit.
        """,
    "content/posts/2020-01-02-other.md": "---\ntitle: Other\ndescription: d\n---\n\nPlain.\n",
    "content/builds/rig.yaml": """
        name: Rig
        currency: USD
        parts:
          - {type: CPU, name: Ryzen 7 3700X, price: 329.99}
        """,
    "content/benchmarks/speed.json": json.dumps(
        {
            "title": "Speed",
            "systems": {"a": {"label": "Rig"}},
            "benchmarks": [
                {"name": "Compile", "unit": "s", "better": "lower", "results": {"a": [61.5, 61.5]}}
            ],
        }
    ),
}


@pytest.fixture
def site(tmp_path):
    write_files(tmp_path, FILES)
    (tmp_path / "content/images").mkdir(parents=True)
    (tmp_path / "content/images/fan.jpg").write_bytes(photo(1200, 900))
    theme = tmp_path / "theme"  # a copy, so a test may edit it
    shutil.copytree(REPO / "theme", theme)
    return tmp_path


def build_it(root: Path, **settings):
    built = build(root, THEME=str(root / "theme"), **settings)
    assert built.result.clean, built.messages()
    return built


def entries(root: Path) -> dict[Path, int]:
    return {p: p.stat().st_mtime_ns for p in (root / "cache/content").glob("*.json")}


def photo_files(root: Path) -> dict[Path, int]:
    files = [*(root / "cache/photos/files").rglob("*.*"), *(root / "output/images").rglob("*.*")]
    return {p: p.stat().st_mtime_ns for p in files if p.is_file()}


def test_unchanged_rebuild_reuses_every_post_and_keeps_every_variant(site):
    first = build_it(site)
    page = (first.output / PAGE / "index.html").read_text(encoding="utf-8")
    stored, photos = entries(site), photo_files(site)
    assert len(stored) == 2 and any(".webp" in p.name for p in photos)
    build_it(site)
    assert entries(site) == stored  # read, not converted and stored again
    assert photo_files(site) == photos  # 0 re-encoded, none pruned, none rewritten
    assert (first.output / PAGE / "index.html").read_text(encoding="utf-8") == page


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def _change_post(root):
    _edit(root / POST, "Words before the edit.", "Words after the edit.")
    return "Words after the edit."


def _change_build(root):
    _edit(root / "content/builds/rig.yaml", "Ryzen 7 3700X", "Ryzen 9 3900X")
    return "Ryzen 9 3900X"


def _change_benchmark(root):
    _edit(root / "content/benchmarks/speed.json", "61.5, 61.5", "47.2, 47.2")
    return "47.2"


def _change_plugin_template(root):
    """The theme's override of a plugin template (theme/templates/plugins/)."""
    override = root / "theme/templates/plugins/parts/table.html"
    override.parent.mkdir(parents=True)
    shutil.copy(REPO / "plugins/parts/templates/parts/table.html", override)
    _edit(override, "<table", "<p>Overridden parts table</p><table")
    return "Overridden parts table"


def _change_theme_template(root):
    _edit(
        root / "theme/templates/article.html",
        "{% block content %}",
        "{% block content %}<p>Theme edited</p>",
    )
    return "Theme edited"


@pytest.mark.parametrize(
    "change",
    [
        _change_post,
        _change_build,
        _change_benchmark,
        _change_plugin_template,
        _change_theme_template,
    ],
    ids=lambda f: f.__name__.removeprefix("_change_"),
)
def test_each_dependency_reaches_a_cached_post(site, change):
    build_it(site)
    expected = change(site)
    again = build_it(site)
    assert expected in text_of(again.html(PAGE))


def test_an_image_edited_in_place_reaches_a_cached_post(site):
    build_it(site)
    img = build_it(site).html(PAGE).find("img")
    assert img["width"] == "1200"
    (site / "content/images/fan.jpg").write_bytes(photo(800, 600, seed=2))
    img = build_it(site).html(PAGE).find("img")
    assert (img["width"], img["height"]) == ("800", "600")


def test_a_setting_reaches_a_cached_post(site):
    build_it(site, SITEURL="https://one.example")
    img = build_it(site, SITEURL="https://two.example").html(PAGE).find("img")
    assert img["src"].startswith("https://two.example/images/")


def test_plugin_code_changes_the_fingerprint(tmp_path, monkeypatch):
    plugins = tmp_path / "plugins"
    shutil.copytree(REPO / "plugins", plugins, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(contentcache, "PLUGINS", plugins)
    settings = {"THEME": str(REPO / "theme"), "SITEURL": ""}
    before = contentcache.fingerprint(settings)
    assert contentcache.fingerprint(settings) == before  # the same from run to run
    with open(plugins / "parts/render.py", "a", encoding="utf-8") as handle:
        handle.write("\n# edited\n")
    assert contentcache.fingerprint(settings) != before


@pytest.mark.parametrize(
    "body, message",
    [
        ("![](/images/fan.jpg)", "has neither alt text nor a title"),
        ("{% parts nosuch %}", "unknown build 'nosuch'"),
    ],
)
def test_a_post_with_a_problem_is_reported_on_every_build(site, body, message):
    write_files(
        site,
        {"content/posts/2020-01-03-bad.md": f"---\ntitle: Bad\ndescription: d\n---\n\n{body}\n"},
    )
    for _ in range(2):
        built = build(site, THEME=str(site / "theme"))
        found = [m for m in built.messages() if message in m]
        assert found and "2020-01-03-bad.md:6:" in found[0], built.messages()


def test_a_stale_entry_is_replaced_and_a_deleted_post_s_is_dropped(site):
    build_it(site)
    (site / "content/posts/2020-01-02-other.md").unlink()
    build_it(site)
    assert len(entries(site)) == 1


def test_unchanged_pages_are_not_written_again(site):
    first = build_it(site)
    pages = {p: p.stat().st_mtime_ns for p in first.output.rglob("*.html")}
    other = first.output / "2020/01/other/index.html"
    _edit(site / "content/posts/2020-01-02-other.md", "Plain.", "Plainer.")
    build_it(site)
    changed = {p for p, mtime in pages.items() if p.stat().st_mtime_ns != mtime}
    assert other in changed and first.output / PAGE / "index.html" not in changed
    assert oct(other.stat().st_mode & 0o777) == "0o644"


def test_invoke_clean_removes_the_site_and_the_converted_posts(kit):  # noqa: F811
    assert run(kit, "build").returncode == 0
    assert list((kit / ".buildlog-cache/content").glob("*.json"))
    assert list((kit / ".buildlog-cache/pages").glob("*.json"))
    cleaned = run(kit, "clean")
    assert cleaned.returncode == 0, cleaned.stderr
    assert not (kit / "output").exists()
    for cache in ("content", "pages", "uptodate"):  # posts, pages, the up-to-date stamp
        assert not (kit / ".buildlog-cache" / cache).exists(), cache
    assert (kit / ".buildlog-cache").is_dir()  # photo variants and the rest stay


def test_a_file_many_posts_read_is_hashed_once_a_build_and_again_when_it_moves(site, monkeypatch):
    """A stamp hashes the whole file (a photo, a build YAML); posts showing the same
    one share the build's stamp, unless its size or mtime moved since it was taken."""
    hashed: list[str] = []
    sha256 = contentcache._sha256
    monkeypatch.setattr(
        contentcache, "_sha256", lambda path: hashed.append(path.name) or sha256(path)
    )
    for n in range(3, 6):
        also = "{% parts rig %}\n\n![The fan](/images/fan.jpg)"
        write_files(
            site, {f"content/posts/2020-01-0{n}-also-{n}.md": f"---\ntitle: Also\n---\n\n{also}\n"}
        )
    build_it(site)
    assert hashed.count("rig.yaml") == 1 and hashed.count("fan.jpg") == 1, hashed

    cache = contentcache.ContentCache(site / "cache/spare", "fingerprint")
    rig = site / "content/builds/rig.yaml"
    first = cache._stamp(rig)
    assert cache._stamp(rig) is first
    rig.write_text(rig.read_text() + "\n")  # one byte longer
    assert cache._stamp(rig)["sha256"] != first["sha256"]
