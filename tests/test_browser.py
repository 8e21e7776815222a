"""The archive in headless Chromium over file://: browsing, search, facets, dark mode, no outside requests.

Uses Debian's chromium (/usr/bin/chromium) driven by Playwright for Python; nothing is downloaded.
Without chromium the tests are skipped with the reason, unless QUIETPRESS_REQUIRE_BROWSER=1 (CI),
where they fail. Screenshots go to $QUIETPRESS_SCREENSHOTS (default: quietpress-screenshots in the temporary
folder) for a person to look at.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

from quietpress.site.search import tokenize
from sitebuild import built

pytestmark = pytest.mark.browser

CHROMIUM = os.environ.get("QUIETPRESS_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
# Outside the repository, so a test run leaves it as it was; QUIETPRESS_SCREENSHOTS picks the folder.
SHOTS = Path(os.environ.get("QUIETPRESS_SCREENSHOTS") or Path(tempfile.gettempdir()) / "quietpress-screenshots")
BUDGET_TITLE = "Council approves budget with more money for flood wardens"


def _unavailable(reason: str):
    if os.environ.get("QUIETPRESS_REQUIRE_BROWSER") == "1":
        pytest.fail(f"{reason}; QUIETPRESS_REQUIRE_BROWSER=1 requires the browser tests to run")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        _unavailable(f"{CHROMIUM} is missing (apt-get install chromium, as .ci/run does)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("playwright for Python is not installed (pip install -e '.[test]')")
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield instance
        instance.close()


@pytest.fixture(scope="module")
def output() -> Path:
    return built("local").output


@pytest.fixture
def tab(browser, output):
    """A fresh page that records every request and every console error; both are checked after the test."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme="light")
    page = context.new_page()
    requests: list[str] = []
    errors: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    inside = output.resolve().as_uri() + "/"
    outside = [url for url in requests if not url.startswith(inside)]
    assert requests and not outside, f"requests outside {inside}: {outside}"
    assert not errors, errors


def _shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def _open(page, output: Path, relative: str, query: str = "") -> None:
    page.goto((output / relative).resolve().as_uri() + query)


def test_reader_goes_from_home_to_topic_to_article_to_author(tab, output):
    _open(tab, output, "index.html")
    assert tab.locator("h1").inner_text() == "Latest articles"
    _shot(tab, "home")
    tab.get_by_role("navigation", name="Sections").get_by_role("link", name="Topics").click()
    assert tab.locator("h1").inner_text() == "Topics and tags"
    tab.locator("main").get_by_role("link", name="Politics", exact=True).click()
    assert tab.locator("h1").inner_text() == "Politics"
    tab.get_by_role("link", name=BUDGET_TITLE).click()
    assert tab.locator("h1").inner_text() == BUDGET_TITLE
    assert tab.locator("figure, .provenance").count() >= 1
    # Aligned table columns: the only inline style the page's CSP lets through (base.html).
    assert tab.locator("td").nth(1).evaluate("cell => getComputedStyle(cell).textAlign") == "right"
    _shot(tab, "article")
    tab.locator(".byline").get_by_role("link", name="Luis Fischer").click()
    assert tab.locator("h1").inner_text() == "Luis Fischer"
    assert "covers the council and the courts" in tab.locator("main .bio").inner_text()


def test_article_with_figures_on_a_phone_screen_follows_the_system_dark_theme(browser, output):
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=1, color_scheme="dark")
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    _open(page, output, "articles/2024/harbour-bridge-reopens.html")
    width = page.evaluate("document.documentElement.scrollWidth")
    background = page.evaluate("getComputedStyle(document.documentElement).backgroundColor")
    pressed = page.get_attribute("#theme-toggle", "aria-pressed")
    _shot(page, "article-phone-dark")
    context.close()
    assert width <= 390, "the page scrolls sideways on a phone"
    assert background == "rgb(23, 23, 27)" and pressed == "true", "the system's dark preference is not followed"
    assert all(url.startswith(output.resolve().as_uri() + "/") for url in requests), requests


def test_search_finds_a_word_from_one_article_and_highlights_it(tab, output):
    _open(tab, output, "search.html")
    tab.wait_for_selector("#search[data-state=ready]")
    tab.fill("#search-query", "cormorants")
    tab.wait_for_selector("#search[data-state=done]")
    results = tab.locator("#search-results > li")
    assert results.count() == 1
    assert results.first.locator("h2 a").inner_text() == "Harbour bridge reopens after two years of repairs"
    assert results.first.locator(".snippet mark").first.inner_text().lower() == "cormorants"
    assert "Harbor Gazette" in results.first.locator(".meta").inner_text()
    results.first.locator("h2 a").click()
    assert tab.locator("h1").inner_text() == "Harbour bridge reopens after two years of repairs"


def test_search_narrows_by_topic_and_author(tab, output):
    _open(tab, output, "search.html")
    tab.wait_for_selector("#search[data-state=ready]")
    tab.fill("#search-query", "flood")
    tab.wait_for_selector("#search[data-state=done]")
    titles = set(tab.locator("#search-results h2 a").all_inner_texts())
    assert {BUDGET_TITLE, "Report finds river defences held in November storm"} <= titles
    _shot(tab, "search")
    tab.select_option("#facet-topic", label="Climate (1)")
    tab.wait_for_function("() => document.querySelectorAll('#search-results > li').length === 1")
    assert tab.locator("#search-results h2 a").all_inner_texts() == ["Report finds river defences held in November storm"]
    tab.select_option("#facet-topic", value="")
    tab.select_option("#facet-author", label="Amara Okafor (2)")
    tab.wait_for_function("() => document.querySelector('#search').dataset.state === 'done' && "
                          "document.querySelectorAll('#search-results > li').length === 1")
    assert tab.locator("#search-results h2 a").all_inner_texts() == [BUDGET_TITLE]


def test_search_reads_a_prefix_while_typing_and_says_when_nothing_matches(tab, output):
    _open(tab, output, "search.html", "?q=cormor")
    tab.wait_for_selector("#search[data-state=done]")
    assert tab.locator("#search-results > li").count() == 1
    tab.fill("#search-query", "cormorants zeppelin")
    tab.wait_for_function("() => document.querySelector('#search').dataset.state === 'done' && "
                          "document.querySelectorAll('#search-results > li').length === 0")
    assert "Nothing found" in tab.locator("#search-status").inner_text()


def test_page_and_python_tokenizers_agree(tab, output):
    _open(tab, output, "search.html")
    tab.wait_for_selector("#search[data-state=ready]")
    for sample in ("Café São Paulo: a B2B déjà-vu", "Ünïcödé ÉCOLE naïve façade", "covid_19 state-of-the-art 3.5%",
                   "Straße İstanbul ǅemal", "日本語のテキスト and Ελληνικά", "x" * 31 + " ok"):
        assert tab.evaluate("s => window.quietpressSearch.tokenize(s)", sample) == tokenize(sample), sample


def test_dark_mode_toggle_is_remembered_across_pages(tab, output):
    _open(tab, output, "index.html")
    background = "getComputedStyle(document.documentElement).backgroundColor"
    light = tab.evaluate(background)
    toggle = tab.locator("#theme-toggle")
    assert toggle.is_visible() and toggle.get_attribute("aria-pressed") == "false"
    toggle.click()
    assert tab.evaluate("document.documentElement.dataset.theme") == "dark"
    dark = tab.evaluate(background)
    assert dark != light
    tab.reload()
    assert tab.evaluate(background) == dark
    assert tab.locator("#theme-toggle").get_attribute("aria-pressed") == "true"
    _open(tab, output, "articles/2024/harbour-bridge-reopens.html")
    assert tab.evaluate(background) == dark
    _shot(tab, "article-dark")
    tab.locator("#theme-toggle").click()
    assert tab.evaluate(background) == light


def test_keyboard_reaches_the_skip_link_first_with_a_visible_focus(tab, output):
    _open(tab, output, "index.html")
    tab.keyboard.press("Tab")
    focused = tab.evaluate("document.activeElement.className")
    assert focused == "skip-link"
    outline = tab.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
