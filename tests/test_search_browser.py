"""Site search in real headless Chromium: type a word, get the post; hidden and
excluded posts never show; keyboard only; axe-core on the results in both themes;
a project site under /blog/; the archive link with JavaScript off."""

from __future__ import annotations

import pytest
from browser import DESKTOP, PHONE, axe_violations, describe, screenshot, serve_folder
from conftest import build, write_files
from search_site import FILES, HIDDEN_WORD, WORD, part_urls


@pytest.fixture(scope="module")
def site_url(tmp_path_factory):
    """The search site, served from /blog/ as a GitHub project site would be."""
    root = tmp_path_factory.mktemp("search-site")
    write_files(root, FILES)
    site = build(root, SITEURL="/blog")  # links from /blog/, as on a project site
    assert site.result.clean, site.messages()
    served = root / "served"
    served.mkdir()
    (served / "blog").symlink_to(site.output, target_is_directory=True)
    with serve_folder(served) as base:
        yield base + "/blog"


@pytest.fixture(scope="module")
def sharded(tmp_path_factory):
    """The same site with its index in parts (one page a part), served from /blog/;
    yields its URL and its output folder."""
    root = tmp_path_factory.mktemp("search-sharded")
    write_files(root, FILES)
    site = build(root, SITEURL="/blog", SEARCH_SHARD_PAGES=1)
    assert site.result.clean, site.messages()
    served = root / "served"
    served.mkdir()
    (served / "blog").symlink_to(site.output, target_is_directory=True)
    with serve_folder(served) as base:
        yield base + "/blog", site.output


def _open(browser, url, *, scheme="light", viewport=DESKTOP, js=True):
    context = browser.new_context(
        viewport=viewport, color_scheme=scheme, java_script_enabled=js, reduced_motion="reduce"
    )
    page = context.new_page()
    page.goto(url)
    if js:
        page.wait_for_selector(".site-search--ready")
    return page


def _search(page, text: str) -> list[str]:
    """Type ``text`` into the open dialog; the paths of the results once all have loaded."""
    page.keyboard.type(text)
    # "1 result for x" / "No results for x" (not "Searching for x"), then every result
    # the summary counts has its link (results load their data lazily).
    page.wait_for_function(
        """(q) => {
          const s = (document.querySelector('.pf-summary') || {}).textContent || '';
          if (!s.includes(q) || !/results? for/i.test(s)) return false;
          const n = /^No results/i.test(s) ? 0 : parseInt(s, 10);
          return document.querySelectorAll('.pf-result-link').length === n;
        }""",
        arg=text,
    )
    return page.locator(".pf-result-link").evaluate_all("links => links.map(a => a.pathname)")


def test_a_word_from_a_post_finds_that_post_first_and_never_a_hidden_one(browser, site_url):
    page = _open(browser, site_url + "/2021/03/fans/")
    page.keyboard.press("/")
    found = _search(page, WORD)
    assert found == ["/blog/2021/03/desiccant/"]
    first = page.locator(".pf-result").first
    assert first.locator(".pf-result-link").inner_text() == "Keeping the case dry"
    assert first.locator("time").inner_text() == "4 March 2021"
    assert first.locator("time").get_attribute("datetime").startswith("2021-03-04")
    assert WORD in first.locator(".pf-result-excerpt mark").first.inner_text().lower()
    # A word only the hidden, excluded, draft and private pages use finds nothing.
    page.locator("pagefind-input input").fill("")
    assert _search(page, HIDDEN_WORD) == []
    page.context.close()


def test_search_by_keyboard_alone(browser, site_url):
    page = _open(browser, site_url + "/")
    # Tab from the top of the page reaches the search button.
    for _ in range(20):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('pf-trigger-btn')"):
            break
    else:
        pytest.fail("the search button is not in the tab order")
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.activeElement.matches('pagefind-input input')")
    _search(page, "humidity")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.wait_for_url("**/blog/2021/03/desiccant/**")
    # Escape closes the dialog and gives focus back to the button.
    page.goto(site_url + "/")
    page.wait_for_selector(".site-search--ready")
    page.locator(".pf-trigger-btn").focus()
    page.keyboard.press("Enter")
    page.wait_for_selector("dialog.pf-modal[open]")
    page.keyboard.press("Escape")
    page.wait_for_selector("dialog.pf-modal:not([open])", state="attached")
    assert page.evaluate("document.activeElement.classList.contains('pf-trigger-btn')")
    page.context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("name, viewport", [("phone", PHONE), ("desktop", DESKTOP)])
def test_results_pass_axe_in_both_themes_and_fit_a_phone(browser, site_url, scheme, name, viewport):
    page = _open(browser, site_url + "/", scheme=scheme, viewport=viewport)
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    screenshot(page, f"search-closed-{name}-{scheme}", full_page=False)
    page.keyboard.press("/")
    _search(page, "fans")
    screenshot(page, f"search-results-{name}-{scheme}", full_page=False)
    violations = axe_violations(page)
    assert violations == [], describe(violations)
    page.context.close()


def test_without_javascript_the_header_links_to_the_archive(browser, site_url):
    page = _open(browser, site_url + "/2021/03/fans/", js=False, viewport=PHONE)
    link = page.get_by_role("link", name="Search the archive of every post")
    assert link.is_visible()
    assert page.locator("pagefind-modal-trigger").count() == 0
    screenshot(page, "search-nojs-phone", full_page=False)
    link.click()
    assert page.url.endswith("/blog/archives/")
    page.context.close()


def test_header_with_the_search_button_fits_320_px(browser, site_url):
    page = _open(browser, site_url + "/2021/03/desiccant/", viewport={"width": 320, "height": 640})
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    button = page.locator(".pf-trigger-btn").bounding_box()
    assert button["x"] >= 0 and button["x"] + button["width"] <= 320
    screenshot(page, "search-closed-320", full_page=False)
    page.context.close()


def test_one_search_finds_pages_in_every_part_of_the_index(browser, sharded):
    url, output = sharded
    parts = part_urls(output)
    # The two posts are in two parts (the index holds paths; /blog/ is added by search.js).
    desiccant, fans = "/2021/03/desiccant/", "/2021/03/fans/"
    holding = [i for i, part in enumerate(parts) for u in part if u in (desiccant, fans)]
    assert len(holding) == 2 and holding[0] != holding[1]
    page = _open(browser, url + "/2021/03/fans/")
    page.keyboard.press("/")
    # "fan" is in both posts: one result from each part, links under /blog/ for both.
    assert sorted(_search(page, "fan")) == ["/blog" + desiccant, "/blog" + fans]
    screenshot(page, "search-results-in-parts", full_page=False)
    page.locator("pagefind-input input").fill("")
    assert _search(page, HIDDEN_WORD) == []
    page.context.close()
