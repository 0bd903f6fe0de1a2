"""Work done once per build and reused (BuildContext.memo): charts, parts tables,
callout icons, cleaned feed entries. A memo keyed on too little would show one tag's
HTML in another's place, or an old file after an edit; these builds would see it."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pytest
from conftest import build, text_of, write_files

ATOM = "{http://www.w3.org/2005/Atom}"
BENCH = {
    "systems": {"a": {"label": "Workstation"}, "b": {"label": "Cloud T4"}},
    "baseline": "b",
    "benchmarks": [
        {
            "name": "ResNet-50 training",
            "unit": "images/s",
            "better": "higher",
            "results": {"a": [410, 412], "b": [250, 252]},
        },
        {
            "name": "Epoch time",
            "unit": "s",
            "better": "lower",
            "results": {"a": [61.0, 60.5], "b": [99.0, 101.0]},
        },
    ],
}
RIG = """name: {name}
currency: USD
parts:
  - {{type: CPU, name: {cpu}, price: 329.99, power: 65}}
  - {{type: Power Supply, name: 650 W Gold, price: 109.99, capacity: 650}}
"""
POST = "---\ntitle: {title}\ncategory: {category}\n---\n\n{body}\n"
BODIES = {
    "both": '{% benchmarks perf %}\n\n{% benchmarks perf "Epoch time" %}',
    "again": "{% benchmarks perf %}",
    "resnet": '{% benchmarks perf "ResNet-50 training" %}',
    "parts": "{% parts rig %}\n\n{% parts other %}\n\nText.\n\n{% parts rig %}",
    "code": "```python\nprint(1) # x\n```\n\n```bash\nprint(1) # x\n```",
    "callouts": "> [!NOTE]\n> One.\n\n> [!WARNING]\n> Two.\n\n> [!NOTE]\n> Three.",
}


def files(cpu: str = "Ryzen 7 3700X", epoch: float = 61.0) -> dict[str, str]:
    bench = json.loads(json.dumps(BENCH))
    bench["benchmarks"][1]["results"]["a"] = [epoch, epoch]
    out = {
        "content/benchmarks/perf.json": json.dumps(bench),
        "content/builds/rig.yaml": RIG.format(name="Rig", cpu=cpu),
        "content/builds/other.yaml": RIG.format(name="Other", cpu="Core i5-12400"),
    }
    for i, (slug, body) in enumerate(BODIES.items()):
        out[f"content/posts/2020-01-0{i + 1}-{slug}.md"] = POST.format(
            title=slug.title(), category="Bench" if i % 2 else "Misc", body=body
        )
    return out


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("memo-site")
    write_files(root, files())
    built = build(root)
    assert built.messages() == []
    return built


def body(site, slug: str):
    return site.html(f"2020/01/{slug}/").select_one(".post-body")


def test_benchmark_tags_with_different_choices_render_differently(site):
    both = body(site, "both").select("figure")
    resnet = body(site, "resnet").select("figure")
    names = [[text_of(c) for c in f.select("caption, figcaption")] for f in both]
    assert len(both) == 3  # both benchmarks, then the epoch time alone
    assert "Epoch time" in " ".join(names[2]) and "ResNet" not in " ".join(names[2])
    # The first tag of "resnet" has the same ids as the first of "both", another choice.
    assert len(resnet) == 1 and "ResNet-50" in text_of(resnet[0])
    assert "Epoch time" not in text_of(resnet[0])


def test_the_same_benchmark_tag_in_two_posts_renders_the_same(site):
    first, again = body(site, "both").select("figure")[:2], body(site, "again").select("figure")
    assert [str(f) for f in first] == [str(f) for f in again]


def test_each_parts_tag_shows_its_own_build(site):
    tables = body(site, "parts").select("table")
    assert len(tables) == 3
    assert "Ryzen 7 3700X" in text_of(tables[0]) and "Core i5-12400" not in text_of(tables[0])
    assert "Core i5-12400" in text_of(tables[1]) and "Ryzen" not in text_of(tables[1])
    assert str(tables[2]) == str(tables[0])


def test_same_code_in_two_languages_is_highlighted_for_each(site):
    blocks = body(site, "code").select("div.highlight, pre")
    python, bash = (b for b in blocks if b.name == "div")
    assert text_of(python) == text_of(bash)
    assert str(python) != str(bash)  # `#` starts a comment in both, `print` is a builtin in one
    assert python.select_one(".nb") is not None and bash.select_one(".nb") is None


def test_callouts_of_two_kinds_keep_their_own_icon(site):
    asides = body(site, "callouts").select("aside.callout")
    icons = [str(a.select_one("svg")) for a in asides]
    assert [a["class"][1] for a in asides] == ["note", "warning", "note"]
    assert icons[0] == icons[2] != icons[1]


def test_a_post_in_two_feeds_is_cleaned_in_both(site):
    def entry(feed: str) -> str:
        root = ET.parse(site.output / "feeds" / feed).getroot()
        for e in root.iter(f"{ATOM}entry"):
            if e.find(f"{ATOM}link").get("href").endswith("/both/"):
                return e.findtext(f"{ATOM}content")
        raise AssertionError(f"no entry for 'both' in {feed}")

    everything, category = entry("all.atom.xml"), entry("misc.atom.xml")
    assert everything == category
    assert "<svg" not in everything and "<details" not in everything
    assert "Epoch time" in everything  # the chart's table stays


def test_files_edited_between_two_builds_in_one_process_show_the_change(tmp_path):
    write_files(tmp_path, files())
    first = build(tmp_path)
    assert "61 s" in text_of(body(first, "again")) and "Ryzen 7 3700X" in text_of(
        body(first, "parts")
    )
    write_files(tmp_path, files(cpu="Threadripper 3960X", epoch=33.0))
    second = build(tmp_path)
    assert second.messages() == []
    assert "33 s" in text_of(body(second, "again")) and "61 s" not in text_of(body(second, "again"))
    parts = text_of(body(second, "parts"))
    assert "Threadripper 3960X" in parts and "Ryzen 7 3700X" not in parts


def test_link_and_fast_writes_replace_whole_files_readable_by_all(tmp_path):
    from plugins._shared.files import TEMP_PREFIX, link_atomic, write_atomic

    source, target = tmp_path / "cache" / "a.jpg", tmp_path / "out" / "img" / "a.jpg"
    write_atomic(source, b"variant")
    write_atomic(target, b"an older variant", durable=False)
    assert (
        target.read_bytes() == b"an older variant" and oct(target.stat().st_mode & 0o777) == "0o644"
    )
    link_atomic(source, target)
    assert target.read_bytes() == b"variant" and target.stat().st_ino == source.stat().st_ino
    assert oct(target.stat().st_mode & 0o777) == "0o644"
    assert not list(tmp_path.rglob(TEMP_PREFIX + "*"))


def test_each_post_url_is_formatted_once_and_stays_right(tmp_path, monkeypatch):
    """Listings, tag and category pages, feeds, the sitemap and neighbours all read a
    post's URL; ``ARTICLE_URL`` has a date in it, formatted anew on every read unless
    the build settles each URL once (plugins/front_matter ``settle_urls``). A post's
    own ``url:``/``save_as:`` still wins."""
    from pelican.contents import Content

    formatted: dict[str, int] = {}
    expand = Content._expand_settings

    def counting(self, key, *args):
        if key.endswith("url"):
            formatted[self.source_path] = formatted.get(self.source_path, 0) + 1
        return expand(self, key, *args)

    monkeypatch.setattr(Content, "_expand_settings", counting)
    posts = {
        f"content/posts/2021-03-0{i}-rig-{i}.md": POST.format(
            title=f"Rig {i}", category="Builds", body=f"Part {i}."
        )
        for i in range(1, 6)
    }
    posts["content/posts/2021-03-09-moved.md"] = (
        "---\ntitle: Moved\ncategory: Builds\nurl: elsewhere/moved/\n"
        "save_as: elsewhere/moved/index.html\n---\n\nMoved here.\n"
    )
    write_files(tmp_path, posts)
    site = build(tmp_path)
    assert site.messages() == []
    assert len(formatted) == 5 and max(formatted.values()) == 1, formatted
    listing = site.html("")
    links = {a["href"] for a in listing.select("a[href]")}
    assert {f"/2021/03/rig-{i}/" for i in range(1, 6)} <= links
    assert "/elsewhere/moved/" in links and (site.output / "elsewhere/moved/index.html").is_file()
    neighbour = site.html("2021/03/rig-2/")
    assert neighbour.select_one('a[href="/2021/03/rig-3/"]') is not None
    # Dates are read as often: the day without a leading zero, the sitemap's ISO date.
    dates = {text_of(t) for t in listing.select("time")}
    assert {"1 March 2021", "5 March 2021"} <= dates, dates
    sitemap = (site.output / "sitemap.xml").read_text()
    assert "<lastmod>2021-03-05</lastmod>" in sitemap
