"""In real Chromium, nothing written inside a quote, callout, attribution or fastpages
include runs: no dialog, no <base>, no redirect. Skips without Chromium (fails under
CI=true)."""

from __future__ import annotations

import pytest
from browser import screenshot, serve_folder
from test_quotes_unsafe import payload_site  # noqa: F401  (the built site)


@pytest.fixture(scope="module")
def payload_url(payload_site):  # noqa: F811
    with serve_folder(payload_site.output) as base:
        yield base + "/2020/01/payloads/"


def test_nothing_runs_in_chromium(browser, payload_url):
    page = browser.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(payload_url)
    page.wait_for_load_state("load")
    page.mouse.wheel(0, 4000)  # lazy or visibility-triggered handlers, if any
    page.wait_for_timeout(1500)  # a live meta refresh would have navigated by now
    assert dialogs == []
    assert page.url == payload_url
    assert page.evaluate("document.baseURI") == payload_url
    assert (
        page.evaluate(
            "document.querySelectorAll('.post-body script, .post-body iframe, "
            ".post-body base, .post-body meta, .post-body img').length"
        )
        == 0
    )
    link = page.get_by_text("click me")
    if link.count():  # shown as text, so clicking it does nothing
        link.first.click()
        page.wait_for_timeout(300)
    assert dialogs == [] and page.url == payload_url
    screenshot(page, "quotes-unsafe-payloads")
    page.close()
