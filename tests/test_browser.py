"""The sample site in headless Chromium (Debian's chromium, driven by Playwright), served
under a sub-path as GitHub Pages serves it."""

import pytest

from bitext.pipeline import Options, build
from tests.conftest import CHROMIUM, REPO, require
from tests.pages_server import serve_pages

pytestmark = pytest.mark.browser
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
PAPER = "papers/qwen3-technical-report/"


@pytest.fixture(scope="module")
def site_url(tmp_path_factory):
    out = tmp_path_factory.mktemp("browser") / "site"
    build(Options(root=REPO, out=out, base_url="https://example.github.io/digest/"))
    with serve_pages(out, "/digest/") as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    require(CHROMIUM.exists(), "Debian's chromium")
    playwright_api = pytest.importorskip("playwright.sync_api")
    with playwright_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def open_page(browser, url, width, height, scheme="light"):
    page = browser.new_page(viewport={"width": width, "height": height}, color_scheme=scheme)
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(url)
    return page, requests


def abstract_boxes(page):
    return [page.locator(f"section.abstract[lang='{code}']").bounding_box()
            for code in ("en", "zh-Hans")]


def test_abstracts_side_by_side_on_a_wide_screen(browser, site_url):
    page, requests = open_page(browser, site_url + PAPER, 1280, 900)
    english, chinese = abstract_boxes(page)
    assert abs(english["y"] - chinese["y"]) < 20
    assert chinese["x"] >= english["x"] + english["width"]
    assert all(url.startswith(site_url) for url in requests), "no external requests"
    assert page.evaluate("document.styleSheets[0].cssRules.length") > 20  # the CSS loaded
    page.close()


def test_abstracts_stacked_on_a_phone(browser, site_url):
    page, _ = open_page(browser, site_url + PAPER, 390, 844)
    english, chinese = abstract_boxes(page)
    assert chinese["y"] >= english["y"] + english["height"]
    assert english["width"] <= 390 and chinese["width"] <= 390
    no_sideways_scroll = page.evaluate(
        "document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    assert no_sideways_scroll
    page.close()


def test_dark_scheme_changes_the_colours(browser, site_url):
    backgrounds = []
    for scheme in ("light", "dark"):
        page, _ = open_page(browser, site_url, 1280, 900, scheme)
        backgrounds.append(page.evaluate(
            "getComputedStyle(document.documentElement).backgroundColor"))
        page.close()
    assert backgrounds[0] != backgrounds[1]


def test_chinese_text_gets_the_cjk_font_stack(browser, site_url):
    page, _ = open_page(browser, site_url + PAPER, 1280, 900)
    family = page.evaluate(
        "getComputedStyle(document.querySelector(\"section[lang='zh-Hans'] p\")).fontFamily")
    assert "Noto Sans CJK SC" in family
    page.close()


def test_links_from_a_paper_page_work_under_the_sub_path(browser, site_url):
    page, _ = open_page(browser, site_url + PAPER, 1280, 900)
    page.get_by_role("link", name="Reasoning").first.click()
    page.wait_for_load_state()
    assert page.url == site_url + "tags/reasoning/"
    assert page.locator("li.entry").count() == 2
    page.close()
