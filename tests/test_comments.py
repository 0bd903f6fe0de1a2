"""Optional comments: the COMMENTS setting, which posts show them, and in Chromium
that nothing leaves for the comment service until the reader clicks."""

from __future__ import annotations

from urllib.parse import urlparse

import pytest
from browser import DESKTOP, axe_violations, describe, screenshot, serve_folder
from conftest import build, write_files
from search_site import FILES
from tools import require_tool

from plugins.comments.settings import CommentsConfigError, parse_comments
from plugins.publish.cli import PublishSettings, run_checks

GISCUS = {
    "provider": "giscus",
    "repo": "ada/buildlog",
    "repo_id": "R_kgDOabc",
    "category": "Comments",
    "category_id": "DIC_kwDOabc",
}
POSTS = {
    "content/posts/2021-01-01-talk.md": "---\ntitle: Let us talk\ncomments: true\n---\n\nSay hello.\n",
    "content/posts/2021-01-02-quiet.md": "---\ntitle: Quiet\n---\n\nNo comments here.\n",
}


@pytest.fixture(scope="module")
def giscus_site(tmp_path_factory):
    """POSTS with giscus comments, built once for the tests that only read it."""
    root = tmp_path_factory.mktemp("giscus-site")
    write_files(root, POSTS)
    return build(root, COMMENTS=GISCUS)


def test_no_setting_means_no_comments():
    assert parse_comments(None) is None
    assert parse_comments({}) is None


def test_giscus_and_utterances_give_the_script_and_its_attributes():
    giscus = parse_comments(GISCUS)
    assert giscus.script == "https://giscus.app/client.js"
    assert giscus.attrs["data-repo"] == "ada/buildlog"
    assert giscus.attrs["data-category-id"] == "DIC_kwDOabc"
    assert giscus.attrs["data-mapping"] == "pathname"
    assert giscus.discussions_url == "https://github.com/ada/buildlog/discussions"
    utterances = parse_comments(
        {"provider": "utterances", "repo": "ada/buildlog", "label": "comments"}
    )
    assert utterances.script == "https://utteranc.es/client.js"
    assert utterances.attrs == {
        "repo": "ada/buildlog",
        "issue-term": "pathname",
        "label": "comments",
    }


@pytest.mark.parametrize(
    "config, message",
    [
        ({"provider": "disqus"}, "'provider' must be 'giscus' or 'utterances', got 'disqus'"),
        (
            {"provider": "giscus", "repo": "ada/buildlog"},
            "giscus needs repo_id, category, category_id (copy them from the snippet giscus.app",
        ),
        (
            {**GISCUS, "repo": "https://github.com/ada/buildlog"},
            "'repo' must be owner/name on GitHub",
        ),
        ({**GISCUS, "theme": "dark"}, "unknown key(s) for giscus: theme"),
        (["giscus"], "must be a dict"),
    ],
)
def test_a_setting_that_cannot_work_says_what_to_fix(config, message):
    with pytest.raises(CommentsConfigError) as caught:
        parse_comments(config)
    assert message in str(caught.value)


def test_only_posts_asking_for_comments_get_them_and_nothing_loads_in_the_html(giscus_site):
    site = giscus_site
    assert site.result.clean, site.messages()
    talk = site.html("2021/01/talk/")
    section = talk.select_one("section.comments")
    assert section.select_one("button.comments__load").has_attr("hidden")  # shown by JS only
    assert (
        section.select_one("a.comments__link")["href"]
        == "https://github.com/ada/buildlog/discussions"
    )
    assert "giscus.app" not in " ".join(s.get("src", "") for s in talk.select("script"))
    assert site.html("2021/01/quiet/").select("section.comments") == []


def test_comments_are_off_by_default(make_site):
    site = make_site(POSTS)
    assert site.result.clean, site.messages()
    assert site.html("2021/01/talk/").select("section.comments") == []


def test_a_broken_setting_is_one_error_and_the_site_builds(make_site):
    site = make_site(POSTS, COMMENTS={"provider": "giscus", "repo": "ada/buildlog"})
    assert len(site.result.errors) == 1
    assert site.result.errors[0].startswith("pelicanconf.py: COMMENTS: giscus needs repo_id")
    assert site.html("2021/01/talk/").select("section.comments") == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_request_leaves_until_the_reader_clicks(browser, giscus_site, scheme):
    site = giscus_site
    assert site.result.clean, site.messages()
    outside: list[str] = []

    def route(r):
        if urlparse(r.request.url).hostname == "127.0.0.1":
            r.continue_()
        else:  # never reach the network; answer as the service would, with a script
            outside.append(r.request.url)
            r.fulfill(status=200, content_type="text/javascript", body="/* giscus */")

    with serve_folder(site.output) as base:
        context = browser.new_context(viewport=DESKTOP, color_scheme=scheme)
        page = context.new_page()
        page.route("**/*", route)
        page.goto(base + "/2021/01/talk/")
        page.wait_for_load_state("networkidle")
        button = page.get_by_role("button", name="Show comments")
        assert button.is_visible()
        page.wait_for_timeout(500)
        assert outside == []
        screenshot(page, f"comments-before-{scheme}")
        violations = axe_violations(page)
        assert violations == [], describe(violations)
        button.focus()
        page.keyboard.press("Enter")
        page.wait_for_function("() => document.querySelector('.comments__thread script')")
        page.wait_for_load_state("networkidle")
        assert outside == ["https://giscus.app/client.js"]
        script = page.locator(".comments__thread script")
        assert script.get_attribute("data-repo") == "ada/buildlog"
        assert script.get_attribute("data-theme") == scheme
        assert script.get_attribute("crossorigin") == "anonymous"
        assert button.is_hidden()
        assert page.evaluate("document.activeElement.classList.contains('comments__thread')")
        context.close()


def test_a_site_with_search_code_and_comments_passes_invoke_check(make_site, monkeypatch):
    """The header search box (custom elements in a <template>), code blocks and the
    comments section validate (Nu) and every link and asset resolves."""
    require_tool("java")  # the Nu HTML validator
    monkeypatch.setenv("BUILDLOG_SITEURL", "https://example.test/blog")
    code = '\n```py title="a.py" linenums="1" hl_lines="2"\nimport os\nprint(os.sep)\n```\n'
    posts = {**FILES, **POSTS}
    posts["content/posts/2021-01-01-talk.md"] += code
    site = make_site(posts, "publishconf.py", COMMENTS=GISCUS)
    assert site.result.clean, site.messages()
    assert [str(p) for p in run_checks(PublishSettings.built(site.output))] == []
