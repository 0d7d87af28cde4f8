"""The benchmark keeps working (it is run by hand; no test asserts a time)."""

from __future__ import annotations

import shutil

import pytest

from bench.run import main


@pytest.mark.parametrize("hugo", [False, True])
def test_benchmark_runs_on_50_papers(capsys, hugo):
    if hugo and not shutil.which("hugo"):
        pytest.skip("hugo is not installed (apt-get install hugo)")
    arguments = ["--sizes", "50", "--runs", "1"] + ([] if hugo else ["--no-hugo"])
    assert main(arguments) == 0
    rows = [line for line in capsys.readouterr().out.splitlines() if line.startswith("| 50 |")]
    assert [row.split("|")[2].strip() for row in rows] == [
        "cold", "no change", "one edit", "cold, with the search index",
        "one edit, preview (serve)"]
    ratios = [row.split("|")[-2].strip() for row in rows if "search" not in row]
    assert all(ratio != "–" for ratio in ratios) if hugo else all(r == "–" for r in ratios)
