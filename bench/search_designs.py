#!/usr/bin/env python3
"""What Pagefind costs and finds with bitext's two indexes, against one index of
bilingual records (issue #21 asked for "one multilingual index instead of two").

    python bench/search_designs.py [--papers 10000] [--shard 1500] [--dir /dev/shm]
    python bench/search_designs.py --papers 0      # recall only
    python bench/search_designs.py --no-recall     # cost only (no Chromium)

Pagefind analyses each index in one language. bitext gives it a record per paper and
language (`bitext.search`): the English text is stemmed, the Chinese text segmented into
words. One index of bilingual records (a record per paper, both texts in it) must pick
one analysis for both. This compares three designs on the same papers:

- two: bitext's indexes, as `bitext.search.shards` makes them;
- one, Chinese analysis: a record per paper holding both languages, segmented as
  Chinese (English words are then split on spaces, not stemmed);
- one, English analysis: the same records analysed as English, which is what Pagefind
  does over the Hugo site of bench/hugo.py, whose bilingual pages say `<html lang="en">`.

Cost: the synthetic corpus (bench/corpus.py) of `--papers` papers; each design's shards
are indexed one after another, each by its own Pagefind process, and the table gives the
CPU and wall time of them all, the largest memory one held (its resident set) and the
bundles' bytes.

Recall (Chromium, driven by Playwright, as the tests): the real English abstracts of
tests/fixtures/hf-daily-papers indexed with English and with Chinese analysis, searched
for by English queries; and the sample site's real papers (content/) under each design,
searched for by Chinese queries. Each row counts the papers found.
"""

from __future__ import annotations

import argparse
import functools
import html
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.corpus import REPO, write_corpus  # noqa: E402
from bitext.cache import MemoryCache  # noqa: E402
from bitext.config import load_config  # noqa: E402
from bitext.content import Paper  # noqa: E402
from bitext.model import Site, build_site  # noqa: E402
from bitext.pipeline import Options, load_papers, read_inputs  # noqa: E402
from bitext.progress import Progress  # noqa: E402
from bitext.search import (  # noqa: E402
    Shard,
    bundle_folder,
    compound_words,
    pagefind_binary,
    record_characters,
    shards,
    write_record_pages,
)

FIXTURES = REPO / "tests/fixtures/hf-daily-papers"
# Words of the real abstracts, as readers type them: plurals and other forms of words the
# abstracts hold in one form or another.
ENGLISH_QUERIES = [
    "language models", "large language model", "agents", "agent", "diffusion models",
    "transformers", "benchmarks", "reasoning", "reason", "videos", "video generation",
    "robots", "images", "image", "graphs", "retrieval", "retrieve", "evaluating",
    "evaluation", "scaling laws", "tokens", "multimodal", "alignment", "preferences",
    "optimization", "optimizing", "hallucinations", "datasets", "training", "trained"]
# Words of the sample site's Chinese abstracts.
CHINESE_QUERIES = ["强化学习", "推理能力", "思考预算", "思考模式", "混合专家", "海报", "翻译",
                   "阿拉伯语", "多模态", "模型"]


def site_model(root: Path) -> Site:
    """The site model of the papers under `root`, without rendering it."""
    options = Options(root=root, out=root / "unused", search=True)
    inputs = read_inputs(options, None, hash_papers=False)
    config = load_config(root, None)
    loaded, _ = load_papers(inputs, config, options, MemoryCache(), Progress(enabled=False))
    return build_site(config, loaded.papers, None)


def bilingual_records(tag_names: dict[str, list[str]], papers: Sequence[Paper]) -> list[dict]:
    """A record per paper with both languages' text (the secondary title in the text, as
    the primary one is the record page's heading), in bitext's record form."""
    found = []
    for paper in papers:
        title, other_title = paper.title.values
        texts = [paper.abstract.values[0].text]
        if other_title and paper.abstract.values[1] is not None:
            texts = [other_title] + texts + [paper.abstract.values[1].text]
        tags = dict.fromkeys(name for slug in paper.tags for name in tag_names[slug])
        found.append({"url": paper.url, "words": " ".join(compound_words("\n".join(
            [title, *texts]))), "parts": [["text", "\n".join(
            texts + [", ".join(paper.authors), paper.affiliation or "", " ".join(tags)])]],
            "meta": {"title": title, "other_title": other_title or "",
                     "date": paper.date.isoformat()}})
    return found


def designs(site: Site, shard_records: int) -> dict[str, list[Shard]]:
    """Each design's shards over the site's papers, oldest paper first (as bitext's)."""
    papers = tuple(reversed(site.papers))
    tag_names = {slug: [name for name in tag.name.values if name]
                 for slug, tag in site.tags.items()}
    primary = site.config.languages[0]

    def one_index(language: str) -> list[Shard]:
        return [shard_of(bundle_folder(primary, True, number), language, functools.partial(
                    bilingual_records, tag_names, papers[start: start + shard_records]))
                for number, start in enumerate(range(0, len(papers), shard_records))]

    return {"two (bitext)": shards(site), "one, Chinese analysis": one_index("zh"),
            "one, English analysis (as over Hugo's pages)": one_index("en")}


def shard_of(folder: str, language: str, make_records: Callable[[], list[dict]]) -> Shard:
    """A shard of these records, sized by them as bitext sizes its own (its key unused)."""
    records = make_records()
    return Shard.of(folder, language, make_records, folder,
                    sum(map(record_characters, records)), len(records))


@dataclass(frozen=True)
class Cost:
    shards: int
    cpu: float
    wall: float
    largest_mib: float
    bundle_mib: float


def run_pagefind(pages: Path, bundle: Path, language: str
                 ) -> tuple[resource.struct_rusage, float]:
    """Pagefind over `pages` into `bundle`: its resource usage, and the wall seconds."""
    started = time.perf_counter()
    process = subprocess.Popen([pagefind_binary(), "--site", str(pages), "--output-path",
                                str(bundle), "--force-language", language, "--silent"])
    _, status, usage = os.wait4(process.pid, 0)  # (its own usage, as `wait` would not give)
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"Pagefind failed on {pages} (exit status {process.returncode})")
    return usage, time.perf_counter() - started


def index_cost(design: list[Shard], scratch: Path) -> Cost:
    cpu = wall = largest = size = 0.0
    for shard in design:
        pages, bundle = scratch / "pages", scratch / "bundle"
        write_record_pages(shard, pages)
        usage, seconds = run_pagefind(pages, bundle, shard.language)
        cpu += usage.ru_utime + usage.ru_stime
        wall += seconds
        largest = max(largest, usage.ru_maxrss / 1024)  # (KiB on Linux)
        size += sum(path.stat().st_size for path in bundle.rglob("*") if path.is_file())
        shutil.rmtree(scratch)
    return Cost(len(design), cpu, wall, largest, size / 2**20)


def cost_table(papers: int, shard_records: int, parent: str | None) -> None:
    with tempfile.TemporaryDirectory(prefix="bitext-designs-", dir=parent) as folder:
        root = Path(folder) / "site"
        write_corpus(root, papers)
        site = site_model(root)
        print(f"\n{papers:,} papers (bench/corpus.py), one Pagefind process at a time; "
              f"one index in shards of {shard_records:,} records\n")
        print("| design | shards | Pagefind CPU | wall, one at a time | largest process "
              "| bundles |\n|---|---:|---:|---:|---:|---:|")
        for name, design in designs(site, shard_records).items():
            cost = index_cost(design, Path(folder) / "scratch")
            print(f"| {name} | {cost.shards} | {cost.cpu:.2f} s | {cost.wall:.2f} s "
                  f"| {cost.largest_mib:.0f} MiB | {cost.bundle_mib:.1f} MiB |", flush=True)


def fixture_abstracts() -> dict[str, tuple[str, str]]:
    """The real papers of the fixtures by arXiv id: (title, abstract)."""
    found = {}
    for path in sorted(FIXTURES.glob("*.json")):
        for item in json.loads(path.read_text("utf-8")):
            paper = item["paper"]
            found[paper["id"]] = (paper["title"], paper["summary"])
    return found


def write_plain_pages(papers: dict[str, tuple[str, str]], language: str, folder: Path) -> None:
    for key, (title, text) in papers.items():
        page = folder / "papers" / key / "index.html"
        page.parent.mkdir(parents=True)
        page.write_text(f'<!doctype html><html lang="{language}"><head><meta charset="utf-8">'
                        f"<title>{html.escape(title)}</title></head><body data-pagefind-body>"
                        f"<h1>{html.escape(title)}</h1><p>{html.escape(text)}</p></body></html>",
                        encoding="utf-8")


def recall_tables(browser, english_queries: Sequence[str], chinese_queries: Sequence[str],
                  parent: str | None) -> None:
    """Papers found by each query: the English ones over the fixtures' real abstracts with
    English and with Chinese analysis, the Chinese ones over the sample site's papers in
    each design. `browser`: Playwright's Chromium, which runs Pagefind's search."""
    from tests.pages_server import serve_pages

    with tempfile.TemporaryDirectory(prefix="bitext-recall-", dir=parent) as folder:
        served = Path(folder)
        (served / "index.html").write_text("<!doctype html><title>recall</title>", "utf-8")
        abstracts = fixture_abstracts()
        analyses = {"en": "English analysis (bitext's English index)",
                    "zh": "Chinese analysis (one index)"}
        for language in analyses:
            write_plain_pages(abstracts, language, served / "pages" / language)
            run_pagefind(served / "pages" / language, served / f"fixtures-{language}", language)
        sample = designs(site_model(REPO), 1000)
        for number, design in enumerate(sample.values()):
            for shard in design:
                folder_name = f"sample-{number}-{shard.folder}"
                write_record_pages(shard, served / "pages" / folder_name)
                run_pagefind(served / "pages" / folder_name, served / folder_name,
                             shard.language)
        with serve_pages(served) as url:
            page = browser.new_page()
            page.goto(url)
            print(f"\nEnglish queries over the {len(abstracts)} real abstracts of "
                  "tests/fixtures/hf-daily-papers: papers found\n")
            print("| query | " + " | ".join(analyses.values()) + " |\n|---|---:|---:|")
            totals = dict.fromkeys(analyses, 0)
            for query in english_queries:
                found = {language: len(search(page, [f"fixtures-{language}"], query))
                         for language in analyses}
                for language, count in found.items():
                    totals[language] += count
                print(f"| {query} | " + " | ".join(str(n) for n in found.values()) + " |")
            print("| all | " + " | ".join(str(n) for n in totals.values()) + " |")
            print("\nChinese queries over the sample site's papers (content/): papers found\n")
            print("| query | " + " | ".join(sample) + " |\n|---|" + "---:|" * len(sample))
            for query in chinese_queries:
                counts = [len(search(page, [f"sample-{number}-{shard.folder}"
                                            for shard in design], query))
                          for number, design in enumerate(sample.values())]
                print(f"| {query} | " + " | ".join(map(str, counts)) + " |")
            page.close()


def search(page, bundles: list[str], query: str) -> set[str]:
    """The addresses Pagefind finds for `query` in these bundles (as the search page asks)."""
    return set(page.evaluate("""async ([bundles, query]) => {
        const found = [];
        for (const bundle of bundles) {
            const pagefind = await import(`./${bundle}/pagefind.js`);
            await pagefind.options({ baseUrl: "/" });
            const response = await pagefind.search(query);
            for (const result of response.results) found.push((await result.data()).url);
        }
        return found;
    }""", [bundles, query]))


def recall_in_chromium(parent: str | None) -> None:
    """The recall tables, in the Chromium the browser tests use."""
    try:
        from playwright.sync_api import sync_playwright

        from tests.conftest import CHROMIUM, CHROMIUM_ARGS
    except ImportError as error:
        raise SystemExit(f"the recall tables need the test tools ({error.name} is missing): "
                         "pip install -e '.[test]', or run with --no-recall") from None
    if not CHROMIUM.exists():
        raise SystemExit(f"the recall tables need Chromium at {CHROMIUM} (apt-get install "
                         "chromium), or run with --no-recall")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            recall_tables(browser, ENGLISH_QUERIES, CHINESE_QUERIES, parent)
        finally:
            browser.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--papers", type=int, default=10000,
                        help="papers of the synthetic corpus for the cost table (0: none)")
    parser.add_argument("--shard", type=int, default=1500,
                        help="records per shard of the one index (bitext's own: 2000)")
    parser.add_argument("--dir", default=None, help="where to write (default: temporary)")
    parser.add_argument("--no-recall", dest="recall", action="store_false",
                        help="leave out the recall tables (they need Chromium)")
    args = parser.parse_args(argv)
    if args.papers:
        cost_table(args.papers, args.shard, args.dir)
    if args.recall:
        recall_in_chromium(args.dir)
    return 0


if __name__ == "__main__":
    sys.exit(main())
