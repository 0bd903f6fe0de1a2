"""Two sites built in one process (tests, livereload) share nothing: every build's
state lives on objects made for that build."""

from __future__ import annotations

from conftest import build, write_files
from photo_files import photo

BUILD = "name: {name}\nparts:\n  - type: CPU\n    name: {cpu}\n    price: {price}\n"
POST = (
    "---\ntitle: {title}\nbuild: {slug}\n---\n\n{{% parts {slug} %}}\n\n"
    '![A photo](/images/{image} "Caption {title}")\n'
)


def make(root, slug: str, cpu: str, price: int, image: str, seed: int):
    write_files(
        root,
        {
            f"content/builds/{slug}.yaml": BUILD.format(name=slug.title(), cpu=cpu, price=price),
            f"content/posts/2020-01-01-{slug}.md": POST.format(
                title=slug.title(), slug=slug, image=image
            ),
            f"content/images/{image}": photo(900, 600, seed=seed),
        },
    )


def check(site, slug: str, cpu: str, other_cpu: str, image: str, other_image: str):
    assert site.result.clean, site.messages()
    page = site.html(f"2020/01/{slug}/")
    body = page.select_one(".post-body").decode_contents()
    assert cpu in body and other_cpu not in body
    assert image.rsplit(".", 1)[0] in body and other_image.rsplit(".", 1)[0] not in body
    assert (site.output / f"builds/{slug}/index.html").is_file()
    assert [p.name for p in (site.output / "builds").iterdir() if p.is_dir()] == [slug]


def test_two_sites_built_back_to_back_and_in_alternation(tmp_path):
    first, second = tmp_path / "first", tmp_path / "second"
    make(first, "alpha", "Ryzen 7 3700X", 329, "alpha.jpg", 1)
    make(second, "beta", "Core i5-12400", 199, "beta.jpg", 2)
    for _ in range(2):  # back to back, then once more in alternation
        check(build(first), "alpha", "Ryzen 7 3700X", "Core i5-12400", "alpha.jpg", "beta.jpg")
        check(build(second), "beta", "Core i5-12400", "Ryzen 7 3700X", "beta.jpg", "alpha.jpg")


def test_a_build_unknown_to_this_site_is_unknown_even_after_another_site_had_it(tmp_path):
    first, second = tmp_path / "first", tmp_path / "second"
    make(first, "alpha", "Ryzen 7 3700X", 329, "alpha.jpg", 1)
    write_files(
        second,
        {
            "content/posts/2020-01-01-x.md": "---\ntitle: X\nbuild: alpha\n---\n\n{% parts alpha %}\n"
        },
    )
    assert build(first).result.clean
    site = build(second)
    assert any("2020-01-01-x.md:3: unknown build 'alpha'" in e for e in site.result.errors), (
        site.result.errors
    )
    assert any("2020-01-01-x.md:6: unknown build 'alpha'" in e for e in site.result.errors)


def test_a_finished_build_leaves_nothing_alive_in_the_process(tmp_path):
    """Pelican memoizes every post's body on its class: each build in a livereload
    session kept all the posts it rendered, and their whole site, for good."""
    import gc
    import weakref

    from pelican import signals

    make(tmp_path, "alpha", "Ryzen 7 3700X", 329, "alpha.jpg", 1)
    seen: list[weakref.ref] = []

    def note(generator):
        seen.extend(weakref.ref(article) for article in generator.articles)

    signals.article_generator_finalized.connect(note)
    try:
        for _ in range(2):
            assert build(tmp_path).result.clean
    finally:
        signals.article_generator_finalized.disconnect(note)
    gc.collect()
    assert len(seen) == 2
    assert [ref() for ref in seen] == [None, None], "a built post outlived its build"
