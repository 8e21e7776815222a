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


def _shot_path(name: str) -> Path:
    SHOTS.mkdir(parents=True, exist_ok=True)
    return SHOTS / f"{name}.png"


def _shot(page, name: str) -> None:
    page.screenshot(path=str(_shot_path(name)), full_page=True)


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
    label = page.locator("#theme-toggle .theme-toggle-label").inner_text()
    _shot(page, "article-phone-dark")
    context.close()
    assert width <= 390, "the page scrolls sideways on a phone"
    assert background == "rgb(23, 23, 27)", "the system's dark preference is not followed"
    assert label.endswith("Light theme"), f"on a dark page the toggle offers {label!r}"
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


def _menu(page, facet: str) -> dict[str, bool]:
    """A facet menu's options as shown ("Climate (1)") -> whether they can be chosen."""
    return {option.inner_text(): option.is_enabled() for option in page.locator(f"#facet-{facet} option").all()[1:]}


def _searched(page) -> None:
    """Wait for the results and then for the menus' counts, which follow them."""
    page.wait_for_function("() => document.querySelector('#search').dataset.state === 'done' && "
                           "document.querySelector('#search').dataset.facets === 'counted'")


def test_search_narrows_by_topic_and_author(tab, output):
    _open(tab, output, "search.html")
    tab.wait_for_selector("#search[data-state=ready]")
    assert _menu(tab, "topic")["Politics (2)"], "before a query the menus count the archive"
    tab.fill("#search-query", "flood")
    _searched(tab)
    titles = set(tab.locator("#search-results h2 a").all_inner_texts())
    assert titles == {BUDGET_TITLE, "Report finds river defences held in November storm"}
    # The menus count the query's results, not the archive: what is offered is what a choice gives.
    assert _menu(tab, "topic") == {"Climate (1)": True, "Culture (0)": False, "Politics (1)": True,
                                   "Transport (0)": False}
    authors = _menu(tab, "author")
    assert authors["Amara Okafor (1)"] and authors["Luis Fischer (2)"]
    assert [name for name, enabled in authors.items() if enabled] == ["Amara Okafor (1)", "Luis Fischer (2)"]
    _shot(tab, "search")
    tab.select_option("#facet-topic", label="Climate (1)")
    tab.wait_for_function("() => document.querySelectorAll('#search-results > li').length === 1")
    _searched(tab)
    assert tab.locator("#search-results h2 a").all_inner_texts() == ["Report finds river defences held in November storm"]
    # Other menus now count within the chosen topic; the topic menu still shows the other topics' counts.
    authors = _menu(tab, "author")
    assert authors["Luis Fischer (1)"] and authors["Amara Okafor (0)"] is False
    assert _menu(tab, "topic")["Politics (1)"]
    _shot(tab, "search-narrowed")
    tab.select_option("#facet-topic", value="")
    _searched(tab)
    tab.select_option("#facet-author", label="Amara Okafor (1)")
    tab.wait_for_function("() => document.querySelector('#search').dataset.state === 'done' && "
                          "document.querySelectorAll('#search-results > li').length === 1")
    assert tab.locator("#search-results h2 a").all_inner_texts() == [BUDGET_TITLE]
    tab.fill("#search-query", "")
    tab.select_option("#facet-author", value="")
    tab.wait_for_function("() => document.querySelector('#facet-topic option[value]:not([value=\"\"])')"
                          ".textContent.endsWith('(1)')")  # Climate: one article in the archive
    assert _menu(tab, "topic")["Politics (2)"], "an emptied query counts the archive again"


def test_snippets_leave_captions_out_and_begin_at_a_sentence(tab, output):
    _open(tab, output, "search.html")
    tab.wait_for_selector("#search[data-state=ready]")
    # A word only a caption holds finds its article, but the snippet is the article's own text.
    tab.fill("#search-query", "sandbags")
    _searched(tab)
    snippet = tab.locator("#search-results .snippet").first.inner_text()
    assert snippet.startswith("The embankments built along the river"), snippet
    assert "Sandbags" not in snippet and "Valley Tribune" not in snippet
    # A match near the beginning shows the beginning, dateline whole (it began "… — Four years after").
    tab.fill("#search-query", "coming")
    _searched(tab)
    snippet = tab.locator("#search-results .snippet").first.inner_text()
    assert snippet.startswith("RIVERTON — Four years after"), snippet
    # Further in, the snippet begins with the sentence holding the match.
    tab.fill("#search-query", "tide")
    _searched(tab)
    snippet = tab.locator("#search-results .snippet").first.inner_text()
    assert snippet.startswith("… Its funding doubles"), snippet
    _shot(tab, "search-snippet")


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
                   "Straße İstanbul ǅemal", "日本語のテキスト and Ελληνικά", "x" * 31 + " ok",
                   "Bundes\u00adregierung Hafen\u200bausbau"):
        assert tab.evaluate("s => window.quietpressSearch.tokenize(s)", sample) == tokenize(sample), sample


def test_dark_mode_toggle_is_remembered_across_pages(tab, output):
    _open(tab, output, "index.html")
    background = "getComputedStyle(document.documentElement).backgroundColor"
    light = tab.evaluate(background)
    toggle = tab.locator("#theme-toggle")
    assert toggle.is_visible()
    # The label says what a click does, in both themes (it read "☀ Dark theme" on a dark page).
    assert tab.get_by_role("button", name="Switch to Dark theme").is_visible()
    label = tab.locator("#theme-toggle .theme-toggle-label")
    assert label.inner_text() == "Dark theme"
    _shot(tab, "toggle-light")
    toggle.click()
    assert tab.evaluate("document.documentElement.dataset.theme") == "dark"
    dark = tab.evaluate(background)
    assert dark != light
    assert label.inner_text() == "Light theme" and tab.get_by_role("button", name="Switch to Light theme").is_visible()
    _shot(tab, "toggle-dark")
    tab.reload()
    assert tab.evaluate(background) == dark
    assert tab.locator("#theme-toggle .theme-toggle-label").inner_text() == "Light theme"
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


def test_an_uncaptured_photo_reads_like_a_remote_one(tab, output):
    boxes = []
    for relative, name in (("articles/2024/museum-night-opening.html", "figure-uncaptured"),
                           ("articles/2023/flood-defences-report.html", "figure-remote")):
        _open(tab, output, relative)
        box = tab.locator("figure .remote-image")
        assert box.count() == 1 and box.is_visible(), f"{relative}: the figure has no image box"
        assert box.inner_text().splitlines()[0].startswith("Image not archived")
        boxes.append(box.evaluate("b => { const s = getComputedStyle(b); return [s.backgroundColor, s.borderStyle, "
                                  "s.borderColor, s.minHeight, s.display, getComputedStyle(b, '::before').content]; }"))
        tab.locator("figure").first.screenshot(path=str(_shot_path(name)))
    assert boxes[0] == boxes[1], boxes
    # Only the remote one can link to anything.
    assert tab.locator("figure a.remote-image").get_attribute("href").startswith("https://valleytribune.example/")


def test_the_original_link_is_under_the_headline_and_the_topic_shown_once(tab, output):
    _open(tab, output, "articles/2023/flood-defences-report.html")
    original = tab.locator(".article-header .original-link a")
    assert original.inner_text() == "Read the original at valleytribune.example"
    assert original.get_attribute("href") == "https://valleytribune.example/news/flood-defences-report"
    headline, body = tab.locator("h1").bounding_box(), tab.locator(".article-body").bounding_box()
    link = original.bounding_box()
    assert headline["y"] < link["y"] < body["y"], "the original's link is not between headline and text"
    assert link["y"] < 900, "the original's link is below the first screen"
    assert tab.locator("main article a[href$='topics/climate.html']").count() == 1, "the topic is shown twice"
    assert tab.locator(".terms").get_by_role("link", name="flooding").is_visible()
    _shot(tab, "article-original-link")


def test_the_archive_and_a_year_page_list_titles(tab, output):
    _open(tab, output, "archives/index.html")
    march = tab.locator("section.archive-month", has=tab.locator("h3", has_text="March 2024"))
    assert march.locator("li a").all_inner_texts() == [BUDGET_TITLE, "Harbour bridge reopens after two years of repairs"]
    _shot(tab, "archive")
    tab.get_by_role("link", name="2024", exact=True).click()
    assert tab.locator("h1").inner_text() == "2024"
    titles = tab.locator("main .article-lines a").all_inner_texts()
    # The museum article has no publication date: it is listed under "Undated articles", in no year.
    assert titles == [BUDGET_TITLE, "Harbour bridge reopens after two years of repairs"]
    _shot(tab, "archive-year")
    tab.get_by_role("link", name="Harbour bridge reopens after two years of repairs").click()
    assert tab.locator("h1").inner_text() == "Harbour bridge reopens after two years of repairs"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_header_fits_one_line_on_a_phone(browser, output, scheme):
    context = browser.new_context(viewport={"width": 390, "height": 844}, color_scheme=scheme)
    page = context.new_page()
    try:
        for relative in ("index.html", "search.html", "articles/2023/flood-defences-report.html"):
            _open(page, output, relative)
            tops = page.locator(".site-nav li").evaluate_all("items => items.map(i => i.getBoundingClientRect().top)")
            assert len(tops) == 5 and len(set(tops)) == 1, f"{relative}: the sections wrap ({tops})"
            name, toggle = page.locator(".site-name").bounding_box(), page.locator("#theme-toggle").bounding_box()
            assert abs(name["y"] + name["height"] / 2 - (toggle["y"] + toggle["height"] / 2)) < 8, \
                f"{relative}: the toggle is not beside the archive's name"
        _shot(page, f"header-phone-{scheme}")
    finally:
        context.close()
