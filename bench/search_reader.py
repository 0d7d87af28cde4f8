#!/usr/bin/env python3
"""What a reader's first search costs on a built site: the bytes the search page
downloads (gzipped where GitHub Pages gzips them), the requests it makes and the time
until the first result shows, in headless Chromium (Debian's chromium, driven by
Playwright, as the tests). Two ways in: a search's address (`search/?q=…`, from the
address bar or a link), timed from the start of the navigation; and the query typed into
the search page, with a second to type it, timed from Enter.

    python bench/search_reader.py OUT [--query learning --query 强化学习] [--runs 3]

OUT is a built site (`python build.py build --out OUT`), served here from 127.0.0.1
under a sub-path as GitHub Pages serves a project site. Each run is a new browser context
(nothing cached).

    python bench/search_reader.py OUT --api [--query learning] [--runs 3]

times Pagefind's own API on the primary language's bundles instead, without bitext's
search page, so that any Pagefind site compares: OUT may also be Hugo's output with
Pagefind run over it (one bundle, `pagefind/`), beside bitext's shards (`pagefind/`,
`pagefind-2/` … merged into the first, as the search page merges them).
"""

from __future__ import annotations

import argparse
import gzip
import statistics
import sys
from pathlib import Path
from urllib.parse import unquote, urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.conftest import CHROMIUM, CHROMIUM_ARGS  # noqa: E402
from tests.pages_server import serve_pages  # noqa: E402

PREFIX = "/digest/"
# Times taken in the page (Playwright's waits look again at growing intervals, up to half a
# second): when Enter went down and when the search's answer went in (its first result,
# or the status that says nothing matched), in milliseconds from the start of the page's
# navigation.
TIMER = """
window.bitextTimes = {};
document.addEventListener("keydown", (event) => {
  if (event.key === "Enter") window.bitextTimes.enter = performance.now();
}, true);
new MutationObserver(() => {
  const status = document.querySelector(".search-status")?.textContent;
  const loading = document.querySelector(".search-form")?.dataset.loading;
  const answered = document.querySelector(".search-result") || (status && status !== loading);
  if (!window.bitextTimes.shown && answered) window.bitextTimes.shown = performance.now();
}).observe(document, { childList: true, subtree: true, characterData: true });
"""
ANSWERED = "window.bitextTimes.shown"
# What GitHub Pages sends gzipped (text, scripts, JSON, SVG); the rest, Pagefind's
# index files among them (compressed already), as they are.
GZIPPED = (".html", ".css", ".js", ".json", ".xml", ".svg", ".txt")


def served_bytes(site: Path, url: str) -> int:
    path = unquote(urlsplit(url).path)[len(PREFIX):]
    file = site / path
    if path == "" or path.endswith("/"):
        file = file / "index.html"
    if not file.is_file():
        return 0
    data = file.read_bytes()
    return len(gzip.compress(data, 6)) if file.suffix in GZIPPED else len(data)


def fresh_page(browser, network: tuple[float, float] | None):
    """A page in a new context (nothing cached), on a network of (latency in seconds,
    megabits a second) when given, which Chromium then emulates."""
    context = browser.new_context()
    context.add_init_script(TIMER)
    page = context.new_page()
    if network:
        latency, megabits = network
        context.new_cdp_session(page).send("Network.emulateNetworkConditions", {
            "offline": False, "latency": latency * 1000,
            "downloadThroughput": megabits * 1e6 / 8, "uploadThroughput": megabits * 1e6 / 8})
    return context, page


def first_search(browser, url: str, site: Path, network: tuple[float, float] | None = None
                 ) -> tuple[float, int, int, int, int]:
    """Seconds from the start of the navigation to the search's answer, the results shown,
    bytes and requests (those of the search bundles among them), for one search in a
    fresh context."""
    context, page = fresh_page(browser, network)
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(url)
    page.wait_for_function(ANSWERED, timeout=60000)
    seconds = page.evaluate("bitextTimes.shown") / 1000
    shown = page.locator(".search-result").count()
    context.close()
    total = sum(served_bytes(site, each) for each in requested)
    bundles = sum(1 for each in requested if "/pagefind" in each)
    return seconds, shown, total, len(requested), bundles


def typed_search(browser, url: str, query: str, network: tuple[float, float] | None = None,
                 typing: float = 1.0) -> float:
    """Seconds from Enter to the search's answer, the query typed into the search page
    `typing` seconds before (in a fresh context)."""
    context, page = fresh_page(browser, network)
    page.goto(url)
    page.locator("#search-query").fill(query)
    page.wait_for_timeout(typing * 1000)
    page.keyboard.press("Enter")
    page.wait_for_function(ANSWERED, timeout=60000)
    seconds = page.evaluate("bitextTimes.shown - bitextTimes.enter") / 1000
    context.close()
    return seconds


# Pagefind's API in a page of the site (whose `lang` picks the bundle's language): load
# the first bundle and merge the others, search, and fetch the 20 best results' data.
API_SEARCH = """async ([bundles, query]) => {
  const options = { excerptLength: 24 };
  const started = performance.now();
  const pagefind = await import(bundles[0] + "pagefind.js");
  await pagefind.options(options);
  await Promise.all(bundles.slice(1).map((bundle) => pagefind.mergeIndex(bundle, options)));
  const loaded = performance.now();
  const found = await pagefind.search(query);
  const searched = performance.now();
  await Promise.all(found.results.slice(0, 20).map((result) => result.data()));
  return [loaded - started, searched - loaded, performance.now() - searched,
          found.results.length];
}"""


def primary_bundles(site: Path) -> list[str]:
    """The primary language's bundle folders, in order: `pagefind/`, `pagefind-2/` …"""
    numbered = [folder for folder in site.glob("pagefind-*")
                if folder.name.removeprefix("pagefind-").isdigit()]
    numbered.sort(key=lambda folder: int(folder.name.removeprefix("pagefind-")))
    return [f"{folder.name}/" for folder in [site / "pagefind", *numbered]]


def api_search(browser, root: str, bundles: list[str], query: str
               ) -> tuple[float, float, float, int]:
    """Seconds to load the bundles, to search, to fetch the best results' data, and the
    number of results, in a fresh context on the loopback."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(root)
    *times, results = page.evaluate(API_SEARCH, [[root + bundle for bundle in bundles], query])
    context.close()
    return *(milliseconds / 1000 for milliseconds in times), results


def print_api_table(browser, site: Path, queries: list[str], runs: int) -> None:
    """A row for each query: Pagefind's load, search and data times (median and range of
    `runs`) on the primary language's bundles, and how many results it found."""
    bundles = primary_bundles(site)
    print(f"Pagefind's API on {len(bundles)} bundle(s) of {site}")
    print("| query | load | search | 20 results' data | results |")
    print("|---|---:|---:|---:|---:|")
    with serve_pages(site, PREFIX) as root:
        for query in queries:
            timed = [api_search(browser, root, bundles, query) for _ in range(runs)]
            columns = [spread([run[column] for run in timed]) for column in range(3)]
            print(f"| {query} | {' | '.join(columns)} | {timed[-1][3]:,} |")


def print_table(browser, site: Path, queries: list[str], runs: int,
                network: tuple[float, float] | None) -> None:
    """A row for each query: its times (median and range of `runs`), the results shown
    (a page shows at most 20 a language), bytes and requests."""
    print("| query | answer, from the address | after typing, from Enter | results shown "
          "| downloaded | requests (Pagefind's) |")
    print("|---|---:|---:|---:|---:|---:|")
    with serve_pages(site, PREFIX) as root:
        for query in queries:
            found = [first_search(browser, f"{root}search/?q={query}", site, network)
                     for _ in range(runs)]
            typed = [typed_search(browser, f"{root}search/", query, network)
                     for _ in range(runs)]
            _, shown, total, requests, bundles = found[-1]
            print(f"| {query} | {spread([run[0] for run in found])} | {spread(typed)} "
                  f"| {shown} | {total / 1024:.0f} KiB | {requests} ({bundles}) |")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", type=Path, help="a built site's folder")
    parser.add_argument("--query", action="append", default=None,
                        help="a query (repeatable; default: an English and a Chinese one)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--network", type=float, nargs=2, metavar=("LATENCY", "MBIT"),
                        help="emulate a network: round-trip latency in seconds, megabits "
                             "a second (default: none, the loopback)")
    parser.add_argument("--api", action="store_true",
                        help="time Pagefind's API on the primary language's bundles instead "
                             "of bitext's search page (any site with Pagefind bundles)")
    args = parser.parse_args(argv)
    if args.api and args.network:
        parser.error("--network emulates the search page's network; --api runs on the loopback")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        if args.api:
            print_api_table(browser, args.site, args.query or ["learning"], args.runs)
        else:
            print_table(browser, args.site, args.query or ["learning", "强化学习"], args.runs,
                        args.network)
        browser.close()
    return 0


def spread(seconds: list[float]) -> str:
    return f"{statistics.median(seconds):.2f} s ({min(seconds):.2f}–{max(seconds):.2f})"


if __name__ == "__main__":
    sys.exit(main())
