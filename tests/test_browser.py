"""The sample site in headless Chromium (Debian's chromium, driven by Playwright), served
under a sub-path as GitHub Pages serves it."""

import contextlib
import io
from pathlib import Path
from unittest import mock
from urllib.parse import urlsplit

import pytest

import bitext.search
from bitext.pipeline import Options, build
from tests.conftest import REPO, require
from tests.pages_server import serve_pages

pytestmark = pytest.mark.browser
PAPER = "papers/qwen3-technical-report/"


@pytest.fixture(scope="module")
def site_url(tmp_path_factory):
    out = tmp_path_factory.mktemp("browser") / "site"
    build(Options(root=REPO, out=out, base_url="https://example.github.io/digest/"))
    with serve_pages(out, "/digest/") as url:
        yield url


@pytest.fixture(scope="module")
def sharded_site(tmp_path_factory):
    """The sample site with each paper's record in a shard of its own (a large site has
    several bundles per language: the search page merges them all): its folder and URL."""
    out = tmp_path_factory.mktemp("sharded") / "site"
    with mock.patch.object(bitext.search, "SHARD_RECORDS", 1):
        build(Options(root=REPO, out=out, base_url="https://example.github.io/digest/"))
    assert (out / "pagefind-4/pagefind.js").is_file()
    with serve_pages(out, "/digest/") as url:
        yield out, url


@pytest.fixture(scope="module")
def sharded_site_url(sharded_site):
    return sharded_site[1]


@pytest.fixture(scope="module")
def daily_site(tmp_path_factory):
    """The 316 papers of June 2024's daily papers (tests/fixtures/hf-daily-papers), imported
    and published while they await their translation (a search finds dozens): the site's
    folder and its URL."""
    from bitext.cli import main
    from tests.conftest import FIXTURES, SITE_YAML, make_project

    site_yaml = SITE_YAML.replace("\nsearch: false", "\nsearch: true")
    assert "search: true" in site_yaml
    project = make_project(tmp_path_factory.mktemp("daily") / "site", {},
                           site_yaml=site_yaml + "awaiting_translation: publish\n")
    days = sorted(str(path) for path in (FIXTURES / "hf-daily-papers").glob("2024-06-*.json"))
    with contextlib.redirect_stdout(io.StringIO()):  # (a line a paper)
        assert main(["--root", str(project), "import", *days]) == 0
    out = project.parent / "out"
    build(Options(root=project, out=out))
    with serve_pages(out, "/digest/") as url:
        yield project, url


@pytest.fixture(scope="module")
def daily_site_url(daily_site):
    return daily_site[1]


MATH_PAPER = """---
title:
  en: Aligned Paper with $x^2$
  zh-Hans: 对齐的论文
date: 2025-05-01
slug: aligned-paper
---
::: en
First paragraph with $\\frac{a}{b}$ inline.

Second paragraph, and $\\href{javascript:alert(1)}{x}$ refused.
:::

::: zh-Hans
第一段，含有 $\\frac{a}{b}$。

第二段。
:::
"""


@pytest.fixture(scope="module")
def math_site_url(tmp_path_factory):
    from tests.conftest import make_project

    project = make_project(tmp_path_factory.mktemp("math") / "site",
                           {"aligned.md": MATH_PAPER})
    out = project.parent / "out"
    build(Options(root=project, out=out))
    with serve_pages(out, "/digest/") as url:
        yield url


@pytest.fixture(scope="module")
def notes_site_url(tmp_path_factory):
    """Two papers with an editor's note: one in both languages, one in Chinese only."""
    from tests.conftest import make_project, paper

    project = make_project(tmp_path_factory.mktemp("notes") / "site", {
        "both.md": paper("Both Notes", slug="both", notes={
            "en": "Read section 3 first.", "zh-Hans": "先读第三节。"}),
        "one.md": paper("One Note", slug="one", date="2025-05-02",
                        notes={"zh-Hans": "值得一读。"})})
    out = project.parent / "out"
    build(Options(root=project, out=out))
    with serve_pages(out, "/digest/") as url:
        yield url


# The widest advance of a Chinese character of a justified paragraph (outside its links:
# the space that justifying adds after a character widens its box), in ems of its font.
WIDEST_CHARACTER = """(selector) => {
  const paragraph = document.querySelector(selector);
  const walker = document.createTreeWalker(paragraph, NodeFilter.SHOW_TEXT);
  let widest = 0;
  while (walker.nextNode()) {
    const node = walker.currentNode;
    for (let at = 0; at < node.length; at++) {
      if (node.parentElement.closest("a") || !/[\u4e00-\u9fff]/.test(node.data[at])) {
        continue;
      }
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + 1);
      widest = Math.max(widest, range.getBoundingClientRect().width);
    }
  }
  return widest / parseFloat(getComputedStyle(paragraph).fontSize);
}"""


def test_a_web_address_spreads_no_chinese_line_apart(browser, tmp_path):
    """The newsletter's real translation of ProRL's abstract ends "我们发布了模型权重：" and
    the address of the weights; the paragraph is justified. Before, where the address
    could not break to fill the line it started on, the line's characters stood a
    character's width apart ("我 们 发 布 了 模 型 权 重："); now the address breaks anywhere
    there. Measured at widths a reader's window has, in steps of 20 pixels."""
    from tests.conftest import FIXTURES, make_project, paper

    newsletter = (FIXTURES / "digests" / "newsletter-2025-06-02.md").read_text("utf-8")
    translation = newsletter.split("**摘要：**\n")[1].split("\n")[0]
    assert translation.endswith("我们发布了模型权重：https://huggingface.co/nvidia/"
                                "Nemotron-Research-Reasoning-Qwen-1.5B")
    project = make_project(tmp_path / "site", {"prorl.md": paper(
        "ProRL", slug="prorl", abstract="Recent advances in reasoning-centric language "
        "models.", abstract_zh=translation)})
    build(Options(root=project, out=tmp_path / "out"))
    with serve_pages(tmp_path / "out", "/digest/") as url:
        widest = {}
        for width in range(960, 1400, 20):
            page, _ = open_page(browser, f"{url}papers/prorl/", width, 900)
            widest[width] = page.evaluate(WIDEST_CHARACTER,
                                          "section.abstract[lang='zh-Hans'] .block p")
            page.close()
    # (a line justified as any is may widen a character by a third of one: 1.30 em at 1200
    # pixels, where the address's first letter does not fit; before, up to 2.73 em)
    assert max(widest.values()) < 1.4, widest


@pytest.mark.parametrize("query, heading, both_shown, one_shown", [
    ("en", "Editor’s note", ["Read section 3 first."], ["值得一读。"]),
    ("zh-Hans", "编者按", ["先读第三节。"], ["值得一读。"]),
    ("both", "Editor’s note", ["Read section 3 first.", "先读第三节。"], ["值得一读。"]),
])
def test_reading_one_language_shows_its_note_or_the_only_one(browser, notes_site_url, query,
                                                             heading, both_shown, one_shown):
    for slug, shown in (("both", both_shown), ("one", one_shown)):
        page, _ = open_page(browser, f"{notes_site_url}papers/{slug}/?read={query}", 1280, 900)
        notes = page.locator(".editor-note .note-text")
        assert [notes.nth(index).inner_text() for index in range(notes.count())
                if notes.nth(index).is_visible()] == shown
        assert page.locator("#note-heading").inner_text() == heading
        page.close()


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


@pytest.mark.parametrize("path", [PAPER, ""])
def test_a_phone_shows_the_pressed_reading_mode_whole(browser, site_url, path):
    """On a phone the reading modes are a row that scrolls sideways; the pressed one
    (paragraph by paragraph, the last) is scrolled into sight, not cut off at the edge."""
    page, _ = open_page(browser, site_url + path, 390, 844)
    row = page.locator(".reading-modes").bounding_box()
    pressed = page.locator(".reading-modes [aria-pressed='true']")
    assert pressed.get_attribute("data-mode") == "interleaved"
    button = pressed.bounding_box()
    assert row["x"] <= button["x"] and button["x"] + button["width"] <= row["x"] + row["width"]
    assert page.evaluate("window.scrollY") == 0  # (only the row scrolled)
    page.locator(".reading-modes [data-mode='both']").click()
    button = page.locator(".reading-modes [data-mode='both']").bounding_box()
    assert row["x"] <= button["x"] and button["x"] + button["width"] <= row["x"] + row["width"]
    page.close()


def test_a_phone_reads_paragraph_by_paragraph(browser, site_url):
    page, _ = open_page(browser, site_url + PAPER, 390, 844)
    assert page.get_attribute("html", "data-reading") == "interleaved"
    blocks = page.locator(".interleaved > .block")
    assert blocks.count() == 2  # one paragraph each: English, then Chinese
    english, chinese = blocks.nth(0).bounding_box(), blocks.nth(1).bounding_box()
    assert blocks.nth(0).get_attribute("lang") == "en"
    assert chinese["y"] >= english["y"] + english["height"]
    assert english["width"] <= 390 and chinese["width"] <= 390
    assert not page.locator("section.abstract[lang='en']").is_visible()
    no_sideways_scroll = page.evaluate(
        "document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    assert no_sideways_scroll
    page.close()


def test_a_long_web_address_is_a_link_that_breaks_on_a_phone(browser, daily_site_url):
    """The longest address of June 2024's real abstracts (CoLoR-Filter's data, 69
    characters) on a phone: a link, and the page does not scroll sideways; before, it was
    text that made the page 499 pixels wide on a screen of 390. Its excerpt in the search
    results breaks too."""
    address = "https://huggingface.co/datasets/davidbrandfonbrener/color-filtered-c4"
    paper = "papers/color-filter-conditional-loss-reduction-filtering-for-targeted-language-model/"
    for url in (daily_site_url + paper, f"{daily_site_url}search/?q=davidbrandfonbrener"):
        page, _ = open_page(browser, url, 390, 844)
        link = page.locator(f".interleaved a[href='{address}'], .search-excerpt")
        link.first.wait_for()
        assert address in link.first.inner_text().replace("\n", "")
        assert page.evaluate(
            "document.documentElement.scrollWidth <= document.documentElement.clientWidth")
        page.close()


def test_without_javascript_both_languages_show(browser, site_url):
    for width, height in ((1280, 900), (390, 844)):
        context = browser.new_context(java_script_enabled=False,
                                      viewport={"width": width, "height": height})
        page = context.new_page()
        page.goto(site_url + PAPER)
        english, chinese = abstract_boxes(page)
        assert english and chinese and english["height"] > 50 and chinese["height"] > 50
        assert page.locator(".title-secondary").first.is_visible()
        assert not page.locator(".reading-modes").is_visible()  # its buttons need the script
        context.close()


@pytest.mark.parametrize("button, hidden, shown, nav", [
    ("English", "section.abstract[lang='zh-Hans']", "section.abstract[lang='en']", "Papers"),
    ("简体中文", "section.abstract[lang='en']", "section.abstract[lang='zh-Hans']", "论文"),
])
def test_one_language_by_click_survives_a_page_change(browser, site_url, button, hidden,
                                                       shown, nav):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(site_url + PAPER)
    page.get_by_role("button", name=button).click()
    assert page.get_by_role("button", name=button).get_attribute("aria-pressed") == "true"
    assert not page.locator(hidden).is_visible() and page.locator(shown).is_visible()
    assert page.locator(".site-nav a").first.inner_text() == nav  # interface follows
    page.locator(".paper-nav-older").click()  # another page: the choice is remembered
    page.wait_for_load_state()
    assert "absolute-zero" in page.url
    assert not page.locator(hidden).is_visible() and page.locator(shown).is_visible()
    page.goto(site_url)  # listings too
    titles = page.locator(".title-secondary" if button == "English" else ".title-primary")
    assert not titles.first.is_visible()
    context.close()


@pytest.mark.parametrize("query, mode", [("zh-Hans", "secondary"), ("en", "primary"),
                                         ("interleaved", "interleaved"), ("both", "both")])
def test_reading_mode_from_the_address(browser, site_url, query, mode):
    page, _ = open_page(browser, f"{site_url}{PAPER}?read={query}", 1280, 900)
    assert page.get_attribute("html", "data-reading") == mode
    pressed = page.locator(".reading-modes [aria-pressed='true']")
    assert pressed.count() == 1 and pressed.get_attribute("data-mode") == mode
    if mode == "secondary":
        assert page.locator(".meta-authors dt").inner_text() == "作者"
        assert page.locator(".paper-meta time").inner_text() == "2025年5月14日"
        assert "推理" in page.locator(".paper-meta .tag-list").inner_text()  # tag names too
        sizes = page.evaluate("""[...document.querySelectorAll('h1, h1 .title-secondary')]
                                 .map(e => getComputedStyle(e).fontSize)""")
        assert sizes[0] == sizes[1]  # the Chinese title stands in the English one's place
    page.close()


@pytest.mark.parametrize("query, month, count, authors", [
    ("zh-Hans", "2025年5月", "4 篇论文", "等"), ("en", "May 2025", "4 papers", "et al.")])
def test_listings_follow_the_reading_mode(browser, site_url, query, month, count, authors):
    """Month names, counts and "et al." are interface text too: in one language's reading
    mode, listings show them in that language."""
    page, _ = open_page(browser, f"{site_url}archive/?read={query}", 1280, 900)
    assert page.locator(".month-index time").first.inner_text() == month
    assert page.locator(".month-index .tag-count").first.inner_text() == count
    page.goto(f"{site_url}archive/2025-05/?read={query}")
    assert month in page.locator("h1").inner_text()
    assert page.locator(".page-intro").inner_text() == count
    page.goto(f"{site_url}?read={query}")
    assert page.locator(".entry-authors").first.inner_text().endswith(authors)
    page.close()


def test_aligned_paragraphs_highlight_their_counterpart(browser, math_site_url):
    page, _ = open_page(browser, math_site_url + "papers/aligned-paper/", 1280, 900)
    english = page.locator("section.abstract[lang='en'] .block")
    chinese = page.locator("section.abstract[lang='zh-Hans'] .block")
    assert english.count() == chinese.count() == 2
    # side by side, the second paragraphs start on the same line
    assert abs(english.nth(1).bounding_box()["y"] - chinese.nth(1).bounding_box()["y"]) < 2
    english.nth(1).hover()
    assert "paired" in chinese.nth(1).get_attribute("class")
    assert "paired" not in chinese.nth(0).get_attribute("class")
    english.nth(0).focus()
    assert "paired" in chinese.nth(0).get_attribute("class")
    page.close()


def test_math_renders_as_mathml(browser, math_site_url):
    page, _ = open_page(browser, math_site_url + "papers/aligned-paper/", 1280, 900)
    formula = page.locator("section.abstract[lang='en'] math").first
    box = formula.bounding_box()
    assert box and box["width"] > 10 and box["height"] > 5
    assert page.locator("h1 math").count() == 1  # $…$ in the title too
    assert "\\href" in page.locator("section.abstract[lang='en'] code.math-source").inner_text()
    page.close()


def test_arrow_keys_go_to_the_older_and_newer_paper(browser, site_url):
    page, _ = open_page(browser, site_url + PAPER, 1280, 900)
    page.keyboard.press("ArrowLeft")
    page.wait_for_url("**/absolute-zero*/")
    page.keyboard.press("ArrowRight")
    page.wait_for_url("**/" + PAPER)
    page.close()


def test_bibtex_copy_and_download(browser, site_url):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(site_url + PAPER)
    page.get_by_role("button", name="Copy BibTeX").click()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.startswith("@misc{yang2025qwen3,") and "eprint = {2505.09388}" in copied
    with page.expect_download() as started:
        page.get_by_role("button", name="Download .bib").click()
    download = started.value
    assert download.suggested_filename == "qwen3-technical-report.bib"
    assert Path(download.path()).read_text("utf-8") == copied
    context.close()


@pytest.mark.parametrize("query, first", [
    ("强化学习", "absolute-zero"), ("思考预算", "qwen3-technical-report"),
    ("reinforced self-play", "absolute-zero"), ("POSTERS", "paper2poster"),
    ("translating", "mutarjim")])
@pytest.mark.parametrize("site", ["site_url", "sharded_site_url"])
def test_search_finds_the_right_paper_first(browser, request, site, query, first):
    site_url = request.getfixturevalue(site)
    page, _ = open_page(browser, f"{site_url}search/?q={query}", 1280, 900)
    results = page.locator(".search-result")
    results.first.wait_for(timeout=15000)
    # (the paper's address under the site's sub-path, once: it was /digest/digest/papers/…)
    assert results.first.locator("a").get_attribute("href").startswith(
        f"{site_url}papers/{first}")
    assert results.first.locator("mark").count() >= 1  # the matching passage, highlighted
    assert "match" in page.locator(".search-status").inner_text() or \
        "匹配" in page.locator(".search-status").inner_text()
    page.close()


@pytest.mark.parametrize("site", ["site_url", "sharded_site_url"])
def test_an_english_query_asks_no_chinese_bundle(browser, request, site):
    """Pagefind answers a word it does not have with its longest prefix that it has, and
    the Chinese index, which has few English words, found the Qwen3 report for "learning"
    by its author "Le Yu". An English query now asks the English bundles only: no result
    in Chinese, and a reader who searches in English loads no Chinese bundle."""
    site_url = request.getfixturevalue(site)
    page, requests = open_page(browser, f"{site_url}search/?q=learning", 1280, 900)
    page.locator(".search-status", has_text="match").wait_for(timeout=15000)
    first = page.locator(".search-result a").first.get_attribute("href")
    assert first == f"{site_url}papers/absolute-zero-reinforced-self-play-reasoning-with-zero-data/"
    assert page.locator(".search-result .title-primary[lang='zh-Hans']").count() == 0
    assert not any("/pagefind-zh-hans" in url for url in requests)
    assert any("/pagefind/" in url for url in requests)
    assert page.locator(".search-result").count() == 1  # (in shards of one record too)
    page.close()


def search_results(page, site_url, query):
    """The papers a search finds (their URL names, in order) and the status it shows."""
    page.goto(f"{site_url}search/?q={query}")
    status = page.locator(".search-status")
    status.filter(has_text=query).wait_for(timeout=15000)
    found = [href.removeprefix(f"{site_url}papers/").split("-")[0] for href in
             page.locator(".search-result a").evaluate_all("links => links.map(a => a.href)")]
    return found, status.inner_text()


@pytest.mark.parametrize("site", ["site_url", "sharded_site_url"])
def test_a_chinese_query_finds_the_papers_that_hold_it(browser, request, site):
    """Pagefind cuts Chinese into words when it indexes a text, but not in a query: it
    searched "语言处理" (language processing) as "语言" alone, the longest word of the index
    the query starts with, and found all four papers, where Mutarjim's alone holds it;
    "这一见解" (this insight) as "这" (this). The search page cuts the query into words of
    the index and finds the papers that hold them in a row, marked there as one."""
    site_url = request.getfixturevalue(site)
    page = browser.new_page()
    for query, papers in [("语言处理", ["mutarjim"]), ("这一见解", ["mutarjim"]),
                          ("自然语言处理", ["mutarjim"]), ("思考预算", ["qwen3"]),
                          ("思考模型", []), ("大语言模型", ["absolute", "mutarjim", "qwen3"])]:
        found, _ = search_results(page, site_url, query)
        assert sorted(found) == papers, (query, found)
    search_results(page, site_url, "语言处理")
    assert page.locator(".search-result mark").evaluate_all(
        "marks => marks.map(mark => mark.textContent)")[:1] == ["语言处理"]
    page.close()


JAPANESE_PAPER = """---
title:
  en: Data for Learning
  ja: 学習のためのデータ
date: 2025-05-01
---
::: en
We release a dataset for learning.
:::

::: ja
学習のためのデータセットを公開します。モデルが学習できるデータです。
:::
"""


@pytest.fixture(scope="module")
def japanese_site_url(tmp_path_factory):
    from tests.conftest import SITE_YAML, make_project

    site_yaml = SITE_YAML.replace("zh-Hans", "ja").replace("简体中文", "日本語").replace(
        "\nsearch: false", "\nsearch: true")
    project = make_project(tmp_path_factory.mktemp("japanese") / "site",
                           {"data.md": JAPANESE_PAPER}, site_yaml=site_yaml)
    out = project.parent / "out"
    build(Options(root=project, out=out))
    with serve_pages(out, "/digest/") as url:
        yield url


def test_a_japanese_query_is_cut_into_the_words_of_the_index(browser, japanese_site_url):
    """Kana runs are cut as Chinese is, by the scripts their characters are used in: the
    "ー" of "データ" is no Katakana by its script (Common) and cut the word in two, so that
    "データ" found nothing."""
    page = browser.new_page()
    for query, marks in [("データ", ["データ"]), ("データセット", ["データセット"]),
                         ("学習できるデータ", ["学習できるデータ"]), ("機械", None)]:
        found, _ = search_results(page, japanese_site_url, query)
        assert found == ([] if marks is None else ["data"]), (query, found)
        if marks:
            assert page.locator(".search-result mark").evaluate_all(
                "all => all.map(mark => mark.textContent)")[:len(marks)] == marks, query
    # a phrase that the title alone holds in a row ("データセット" is another word) marks
    # none of its words elsewhere in the excerpt ("学習", "データ" of the second sentence)
    found, _ = search_results(page, japanese_site_url, "学習のためのデータ")
    assert found == ["data"]
    assert page.locator(".search-excerpt mark").all_inner_texts() == []
    page.close()


def test_a_paper_is_found_by_its_arxiv_id_as_a_reader_pastes_it(browser, sharded_site_url):
    """An editor asks whether a paper is in the digest by its arXiv id: the records hold it
    now, and the search page takes it out of the forms it is pasted in."""
    page = browser.new_page()
    for query in ("2505.09388", "arXiv:2505.09388", "https://arxiv.org/abs/2505.09388v2",
                  "https://huggingface.co/papers/2505.09388"):
        found, _ = search_results(page, sharded_site_url, query)
        assert found == ["qwen3"], (query, found)
        assert page.locator(".search-excerpt").inner_text() == "arXiv 2505.09388"
        assert page.locator(".search-excerpt mark").inner_text() == "2505.09388"
    assert search_results(page, sharded_site_url, "2505.99999")[0] == []
    page.close()


def test_an_excerpt_of_names_ends_as_the_names_do(browser, site_url):
    """Pagefind ends the text of a block element with a full stop when it ends in a letter:
    an excerpt of a paper's authors read "… Zilong Zheng, Gao Huang." and of its
    affiliation "阿里.". The parts of a record page are inline now."""
    page = browser.new_page()
    for query, excerpt in [("Gao Huang", "Zilong Zheng, Gao Huang"), ("阿里", "阿里")]:
        search_results(page, site_url, query)
        excerpts = page.locator(".search-excerpt").evaluate_all(
            "all => all.map(one => one.textContent)")
        assert any(one.endswith(excerpt) for one in excerpts), (query, excerpts)
    page.close()


@pytest.mark.parametrize("site", ["site_url", "sharded_site_url"])
def test_a_word_no_paper_holds_finds_nothing(browser, request, site):
    """Pagefind answers a word that no page of a bundle holds with the longest word of the
    bundle that the query word starts with: "attention" found a paper by its "at", "survey"
    one by its author Su, "installation" all four by "in", "机器人" (robot) one by "机器"
    (machine). And a shard without any such word searched for the query's other words
    alone: "large language" found Paper2Poster by "largely". The search page now leaves
    out the bundles that took another word, and keeps what a word typed in part, a word's
    other forms and a compound's parts find."""
    site_url = request.getfixturevalue(site)
    page = browser.new_page()
    for query in ("attention", "survey", "installation", "机器人", "attention reasoning"):
        found, status = search_results(page, site_url, query)
        assert found == [] and status.startswith("No papers match"), (query, found)
    for query, papers in [("reaso", {"absolute", "qwen3"}), ("transfo", {"paper2poster"}),
                          ("Qwen", {"qwen3", "paper2poster"}), ("POSTERS", {"paper2poster"}),
                          ("large language", {"mutarjim", "qwen3", "absolute"}),
                          ("multi-step reasoning", {"qwen3"}), ("强化学习", {"absolute"}),
                          ("思考预算", {"qwen3"}), ("Qwen3 思考", {"qwen3"}),
                          ("\"thinking mode\"", {"qwen3"})]:
        found, _ = search_results(page, site_url, query)
        assert set(found) == papers, (query, found)
    page.close()


def test_a_word_inside_a_compound_finds_its_paper(browser, daily_site_url):
    """Pagefind indexes a compound's parts, but a part with capitals inside cut again at
    each capital: June 2024's "Glyph-ByT5-v2", "RE-AdaptIR" and "Style-NeRF2NeRF" held no
    word "byt5", "adaptir" or "nerf2nerf". The first two found nothing, and "adaptir" found
    40 papers by "adapt". The record page now gives Pagefind such words alone, and the
    excerpt marks the compounds that hold them (Style-NeRF2NeRF's abstract has none)."""
    page = browser.new_page()
    for query, paper, marks in [("byt5", "glyph", ["Glyph-ByT5"]), ("ByT5", "glyph", None),
                                ("adaptir", "re", ["RE-AdaptIR", "RE-AdaptIR"]),
                                ("nerf2nerf", "style", []), ("AdaptIR", "re", None)]:
        found, status = search_results(page, daily_site_url, query)
        assert found == [paper] and status.startswith("1 paper matches"), (query, found)
        if marks is not None:
            assert page.locator(".search-excerpt mark").all_inner_texts() == marks, query
    page.close()


def test_a_languages_shards_share_one_copy_of_pagefinds_code(browser, sharded_site):
    """Each shard of a language is merged into the language's first bundle: the search page
    downloads Pagefind's script, worker and WebAssembly once per language, and each shard's
    metadata and index. (Loaded as bundles of their own, each shard brought all of them: at
    10,000 papers, twice the bytes of a first search.)"""
    folder, url = sharded_site
    page, requests = open_page(browser, f"{url}search/?q=强化学习", 1280, 900)
    page.locator(".search-result").first.wait_for(timeout=15000)
    assert "absolute-zero" in page.locator(".search-result a").first.get_attribute("href")
    files = [urlsplit(url).path.removeprefix("/digest/") for url in requests]
    code = [path for path in files
            if path.endswith(("/pagefind.js", "/pagefind-worker.js", ".pagefind"))]
    # (script, worker, WebAssembly) from the first bundle of each language only
    assert sorted(path.split("/")[0] for path in code) == \
        ["pagefind"] * 3 + ["pagefind-zh-hans"] * 3, code
    entries = {path.split("/")[0] for path in files if path.endswith("/pagefind-entry.json")}
    shards = {path.name for path in folder.glob("pagefind*") if path.is_dir()}
    assert len(shards) > 2 and entries == shards  # every shard of both languages asked
    page.close()


def test_typing_loads_the_bundles_the_query_will_ask(browser, site_url):
    """Before Enter: an English query loads the English bundle only, a Chinese one the
    Chinese bundle too, so that the search finds them ready (on a network of 50 ms and
    10 Mbit/s, a first search at 10,000 papers showed its results 0.7 s after Enter
    instead of 1.3-1.6 s)."""
    page, requests = open_page(browser, site_url + "search/", 1280, 900)
    field = page.locator("#search-query")
    with page.expect_request("**/pagefind/pagefind.js"):
        field.fill("reasoning")
    page.wait_for_timeout(500)
    assert not any("/pagefind-zh-hans/" in url for url in requests)
    with page.expect_request("**/pagefind-zh-hans/pagefind.js"):
        field.fill("推理")
    assert page.locator(".search-result").count() == 0  # (nothing searched before Enter)
    assert sum(url.endswith("/pagefind/pagefind.js") for url in requests) == 1
    page.close()


def test_a_pause_in_typing_loads_the_index_chunks_of_the_words(browser, site_url):
    """Once typing pauses, Pagefind's index chunks for the words typed load before Enter
    (at 10,000 papers on a network of 50 ms and 10 Mbit/s, an English search then showed
    its results 0.49 s after Enter instead of 0.76 s), and the search uses them; not while
    an input method composes (its pinyin is not the query)."""
    page, requests = open_page(browser, site_url + "search/", 1280, 900)
    with page.expect_request("**/pagefind/index/*.pf_index"):
        page.locator("#search-query").fill("reasoning")
    assert page.locator(".search-result").count() == 0  # (nothing searched before Enter)
    chunks = [url for url in requests if url.endswith(".pf_index")]
    page.keyboard.press("Enter")
    page.locator(".search-result").first.wait_for(timeout=15000)
    assert [url for url in requests if url.endswith(".pf_index")] == chunks
    page.close()

    page, requests = open_page(browser, site_url + "search/", 1280, 900)
    page.locator("#search-query").focus()
    session = page.context.new_cdp_session(page)
    session.send("Input.imeSetComposition", {"text": "tuili", "selectionStart": 5,
                                              "selectionEnd": 5})
    page.wait_for_timeout(800)
    assert page.locator("#search-query").input_value() == "tuili"
    assert not any(url.endswith(".pf_index") for url in requests)
    with page.expect_request("**/pagefind-zh-hans/index/*.pf_index"):
        session.send("Input.insertText", {"text": "推理"})
    page.close()


def test_search_by_typing(browser, site_url):
    page, _ = open_page(browser, site_url + "search/", 390, 844)
    page.get_by_label("Search titles, abstracts, authors, tags and arXiv ids").fill(
        "mixture of experts")
    page.keyboard.press("Enter")
    page.locator(".search-result").first.wait_for(timeout=15000)
    assert "qwen3" in page.locator(".search-result a").first.get_attribute("href")
    assert "q=mixture" in page.url
    page.close()


AXE_PAGES = ["", PAPER, "tags/", "tags/reasoning/", "archive/", "search/?q=reasoning"]


@pytest.mark.parametrize("width, height", [(1280, 900), (390, 844)])
@pytest.mark.parametrize("path", AXE_PAGES)
def test_axe_finds_no_violations(browser, site_url, path, width, height):
    axe = REPO / "node_modules/axe-core/axe.min.js"
    require(axe.exists(), "npm's axe-core")
    for scheme in ("light", "dark"):
        page, _ = open_page(browser, site_url + path, width, height, scheme)
        if path.startswith("search/"):
            page.locator(".search-result").first.wait_for(timeout=15000)
        violations = axe_violations(page, axe)
        assert violations == [], f"{path} {width}x{height} {scheme}: {violations}"
        page.close()


def axe_violations(page, axe: Path) -> list[tuple[str, list]]:
    """axe-core's violations on the page: each rule with its first three elements."""
    page.add_script_tag(path=str(axe))
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [(v["id"], [node["target"] for node in v["nodes"]][:3])
            for v in result["violations"]]


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


@pytest.mark.parametrize("mode", ["both", "en", "zh-Hans", "interleaved"])
def test_a_phone_shows_the_title_and_the_abstract_on_the_first_screen(browser, site_url, mode):
    page, _ = open_page(browser, f"{site_url}{PAPER}?read={mode}", 390, 844)
    title = page.locator("h1.paper-title").bounding_box()
    first = next(box for block in page.locator(".abstracts .block").all()
                 if block.is_visible() and (box := block.bounding_box())["height"] > 0)
    assert title["y"] >= 0 and title["y"] + title["height"] < first["y"]
    assert first["y"] + 3 * 24 < 844, f"the abstract starts at {first['y']:.0f} px"
    # the reading modes stay one tap away: every button is in the page, in one row
    buttons = page.locator(".reading-modes button").all()
    assert len({round(button.bounding_box()["y"]) for button in buttons}) == 1
    page.close()


@pytest.mark.parametrize("query, title_lang, other_lang", [
    ("思考预算", "zh-Hans", "en"), ("reinforced self-play", "en", "zh-Hans")])
def test_search_results_give_each_title_and_excerpt_its_language(browser, site_url, query,
                                                                title_lang, other_lang):
    page, _ = open_page(browser, f"{site_url}search/?q={query}", 1280, 900)
    first = page.locator(".search-result").first
    first.wait_for(timeout=15000)
    assert first.locator(".title-primary").get_attribute("lang") == title_lang
    assert first.locator(".title-secondary").get_attribute("lang") == other_lang
    assert first.locator(".search-excerpt").get_attribute("lang") == title_lang
    page.close()


def test_an_english_excerpt_holds_no_chinese(browser, site_url):
    """The other title and the date are the results' metadata, not text of the excerpt
    (a Chinese title inside an English excerpt is read with an English voice)."""
    import re

    page, _ = open_page(browser, f"{site_url}search/?q=reasoning", 390, 844)
    page.locator(".search-result").first.wait_for(timeout=15000)
    excerpts = page.locator(".search-excerpt[lang='en']").all_inner_texts()
    assert excerpts and not any(re.search(r"[\u4e00-\u9fff]", text) for text in excerpts)
    assert page.locator(".search-result .title-secondary[lang='zh-Hans']").count() >= 1
    page.close()


@pytest.mark.parametrize("query, title, opening, tail, first_mark", [
    # the title alone matches: the abstract's opening, with nothing marked
    ("technical report", "Qwen3 Technical Report", "In this work, we present Qwen3",
     "Technical Report", None),
    ("技术报告", "Qwen3 技术报告", "在本工作中", "技术报告", None),
    # the abstract's first words match: they start the excerpt, the title's end does not
    ("reinforcement learning with verifiable", "Absolute Zero",
     "Reinforcement learning with verifiable rewards", "Zero Data", "Reinforcement"),
])
def test_an_excerpt_is_cut_from_the_text_after_the_title(browser, site_url, query, title,
                                                         opening, tail, first_mark):
    """The title is the result's heading. Pagefind cut excerpts from text that holds it
    too: a match early in the abstract began the excerpt with the title's end ("Zero Data.
    Reinforcement learning …"), a match in the title showed the title again."""
    page, _ = open_page(browser, f"{site_url}search/?q={query}", 1280, 900)
    result = page.locator(".search-result", has_text=title).first
    result.wait_for(timeout=15000)
    excerpt = result.locator(".search-excerpt")
    text = excerpt.inner_text()
    assert text.startswith(opening) and tail not in text, text
    marked = excerpt.locator("mark").all_inner_texts()
    assert (marked[0] if marked else None) == first_mark, marked
    page.close()


def test_a_match_is_marked_without_the_punctuation_around_it(browser, site_url):
    """"(for complex, multi-step reasoning)" marked "reasoning)" (and "Tokenization,",
    "tokens."): each mark is now the word, its punctuation beside it."""
    page, _ = open_page(browser, f"{site_url}search/?q=reasoning", 1280, 900)
    result = page.locator(".search-result", has_text="Qwen3 Technical Report").first
    result.wait_for(timeout=15000)
    assert "multi-step reasoning) and" in result.locator(".search-excerpt").inner_text()
    marks = page.locator(".search-excerpt mark").all_inner_texts()
    assert "reasoning" in marks and all(
        mark[:1].isalnum() and mark[-1:].isalnum() for mark in marks), marks
    page.close()


@pytest.mark.parametrize("query", ["reinforcement", "benchmark", "video generation",
                                   "Wang", "vision"])
def test_an_excerpt_is_cut_from_one_part_of_the_record(browser, daily_site, query):
    """An excerpt shows words of one part of a paper's text: its abstract, its authors,
    its affiliation or its tags. Cut where the matches were densest in the whole text, one
    ran on from the abstract's end into the authors and the tags ("… of reasoning models.
    Zafir Stojanovski, Oliver Stanley, … Reasoning Reinforcement learning")."""
    from bitext.pipeline import render

    project, url = daily_site
    site = render(Options(root=project, out=project.parent / "unused"))[0]
    parts = {paper.url: [paper.abstract.values[0].text.split(), ", ".join(paper.authors).split(),
                         (paper.affiliation or "").split(),
                         " ".join(site.tags[slug].name.values[0] for slug in paper.tags).split()]
             for paper in site.papers}
    page, _ = open_page(browser, f"{url}search/?q={query}", 1280, 900)
    results = page.locator(".search-result")
    results.first.wait_for(timeout=15000)
    checked = 0
    for result in results.all():
        address = result.locator("a").first.get_attribute("href")
        words = result.locator(".search-excerpt").inner_text().split()
        own = parts[urlsplit(address).path.removeprefix("/digest/")]
        assert words and any(holds_run(part, words) for part in own), (address, words)
        checked += 1
    assert checked == min(20, results.count()) and checked > 3
    page.close()


def holds_run(words: list[str], run: list[str]) -> bool:
    """Whether `run` stands in `words`, word for word. (Pagefind ends each paragraph of
    a record that has no final punctuation with a full stop.)"""
    words, run = [word.rstrip(".") for word in words], [word.rstrip(".") for word in run]
    return any(words[start: start + len(run)] == run for start in range(len(words)))


def test_search_results_come_a_page_at_a_time_and_the_count_is_of_all(browser,
                                                                      daily_site_url):
    """A query that matches dozens of papers: the status counts them all, the first 20 are
    shown, and "More results" shows the next 20 until none is left, each paper once.
    Before, the best 20 were shown and counted ("20 papers match"), and no more could be."""
    page, _ = open_page(browser, f"{daily_site_url}search/?q=benchmark", 1280, 900)
    results = page.locator(".search-result")
    results.first.wait_for(timeout=15000)
    matched = page.evaluate("""async () => {
        const folder = document.querySelector(".search-form").dataset.bundles.split(" ")[0];
        const pagefind = await import(new URL(`${folder}pagefind.js`, document.baseURI
            .replace(/search\\/.*$/, "")).href);
        return (await pagefind.search("benchmark")).results.length; }""")
    assert matched > 40
    assert page.locator(".search-status").inner_text() == f"{matched} papers match “benchmark”."
    assert results.count() == 20
    more = page.get_by_role("button", name="More results")
    shown = 20
    while shown < matched:
        assert more.is_visible()
        more.click()
        before, shown = shown, min(shown + 20, matched)
        page.wait_for_function(f"document.querySelectorAll('.search-result').length == {shown}")
        first_new = results.nth(before).locator("a")
        assert first_new.evaluate("link => link === document.activeElement")
    assert more.is_hidden()
    links = results.locator("a").evaluate_all("links => links.map(link => link.href)")
    assert len(links) == len(set(links)) == matched
    page.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violations_on_results_with_more_to_show(browser, daily_site_url,
                                                              scheme):
    axe = REPO / "node_modules/axe-core/axe.min.js"
    require(axe.exists(), "npm's axe-core")
    page, _ = open_page(browser, f"{daily_site_url}search/?q=benchmark", 1280, 900, scheme)
    page.locator(".search-result").first.wait_for(timeout=15000)
    assert page.get_by_role("button", name="More results").is_visible()
    assert axe_violations(page, axe) == []
    page.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [1280, 390])
def test_axe_finds_no_violations_on_an_abstract_with_web_addresses(browser, daily_site_url,
                                                                   scheme, width):
    """CoLoR-Filter's abstract ends with two addresses, links in the text since stop 53
    (axe's link-in-text-block asks that they stand out by more than their color)."""
    axe = REPO / "node_modules/axe-core/axe.min.js"
    require(axe.exists(), "npm's axe-core")
    paper = "papers/color-filter-conditional-loss-reduction-filtering-for-targeted-language-model/"
    page, _ = open_page(browser, daily_site_url + paper, width, 900, scheme)
    assert page.locator(".abstract a[href^='https://github.com/']").count() >= 1
    assert axe_violations(page, axe) == []
    page.close()


LINES_OF_EACH = """selector => [...document.querySelectorAll(selector)].map(element => {
  const tops = new Set([...element.getClientRects()].map(box => Math.round(box.top)));
  return [element.textContent, tops.size];
})"""


def test_a_tags_chinese_name_is_never_cut_in_the_tag_index(browser, tmp_path):
    """The tag index sizes each tag by its count, in columns: of the daily papers of a week
    of 2026-08 under the repository's tags, "大语言模型" (large language models), the
    largest, was cut after "大" where the English name filled the column's line. A
    Chinese name now breaks between words alone, and a tag's has none: each stays on one
    line, at every width a reader's window has."""
    from bitext.cli import main
    from tests.conftest import FIXTURES, make_project

    site_yaml = (REPO / "site.yaml").read_text("utf-8").replace(
        "\nawaiting_translation: hold", "\nawaiting_translation: publish")
    project = make_project(tmp_path / "site", {}, site_yaml)
    days = sorted(str(path) for path in (FIXTURES / "hf-daily-papers").glob("2026-08-*.json"))
    with contextlib.redirect_stdout(io.StringIO()):  # (a line a paper)
        assert main(["--root", str(project), "import", *days]) == 0
    build(Options(root=project, out=tmp_path / "out", search=False))
    cut = {}
    with serve_pages(tmp_path / "out", "/digest/") as url:
        for width in (390, 430, 768, 1024, 1280, 1440):
            page, _ = open_page(browser, f"{url}tags/", width, 900)
            names = page.evaluate(LINES_OF_EACH, ".tag-index .tag-secondary")
            page.close()
            assert len(names) > 5
            cut.update({(width, name): lines for name, lines in names if lines > 1})
    assert cut == {}
