#!/usr/bin/env python3
"""Fuzz the content loader for a few minutes (kept out of the normal test run).

    python scripts/fuzz.py [--minutes 3]

First times each pathological Markdown run (tests/test_hardening.py) as the abstract of a
paper file at the size cap, and fails if one takes longer than the per-file budget. Then
feeds `parse_paper_file` arbitrary bytes, and paper-shaped text built from hostile pieces,
and fails on anything but a parsed paper or a list of problems that each name the file
(never an exception). Prints how many inputs it tried and how many parsed, failed or
warned.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from bitext.config import load_config  # noqa: E402
from bitext.content import MAX_FILE_BYTES, parse_paper_file  # noqa: E402
from bitext.markdown import MarkdownRenderer  # noqa: E402
from tests.test_hardening import pathological  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
BUDGET_SECONDS = 3.0  # per file at the size cap, on a 2-core machine
PIECES = ["---", "\n", ":::", "::: en", "::: zh-Hans", "title:", "  en: ", "  zh-Hans: ",
          "date: ", "2024-02-30", "2025-05-14", "tags: [", "]", "&a", "*a", "<<: *a", "!!python",
          "\t", "\x00", "\ud800", "\ufeff", "\u202e", "\r\n", "$", "$$", "\\frac{", "[a](",
          "javascript:", "<script>", "- ", "{", "}", "'", '"', "no", "0123", "12:30", " " * 9,
          "links:", "  page: ", "  doi: ", "https://[", "https://doi.org/10.1/x", "%7B"]
TEMPLATE = ("---\ntitle:\n  en: {0}\n  zh-Hans: {1}\ndate: 2025-05-14\ntags: [llm]\n---\n"
            "::: en\n{2}\n:::\n\n::: zh-Hans\n{3}\n:::\n")
fragment = st.lists(st.sampled_from(PIECES) | st.text(max_size=12), max_size=20).map("".join)
papers = st.one_of(
    st.binary(max_size=2000),
    st.tuples(fragment, fragment, fragment, fragment).map(
        lambda parts: TEMPLATE.format(*parts).encode("utf-8", "surrogatepass")),
    st.lists(st.sampled_from(PIECES) | st.text(max_size=12), max_size=80).map(
        lambda parts: "".join(parts).encode("utf-8", "surrogatepass")),
)


def time_pathological(config, markdown) -> list[tuple[float, str]]:
    """Seconds to read a paper file at the size cap whose abstract is each pathological
    run, slowest first."""
    timings = []
    room = MAX_FILE_BYTES - len(TEMPLATE.encode("utf-8")) - 100
    for name, abstract in pathological(room).items():
        data = TEMPLATE.format("Title", "标题", abstract, "摘要").encode("utf-8")
        start = time.perf_counter()
        parse_paper_file(data, "content/papers/slow.md", config.languages, markdown)
        timings.append((time.perf_counter() - start, name))
    return sorted(timings, reverse=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=3.0)
    args = parser.parse_args()
    config, markdown = load_config(REPO), MarkdownRenderer()
    timings = time_pathological(config, markdown)
    print(f"pathological Markdown in {MAX_FILE_BYTES // 1024} KiB files, slowest: " +
          ", ".join(f"{name!r} {seconds:.2f} s" for seconds, name in timings[:3]))
    if timings[0][0] > BUDGET_SECONDS:
        print(f"FAILED: {timings[0][1]!r} took longer than {BUDGET_SECONDS} s")
        return 1
    outcomes: Counter[str] = Counter()
    deadline = time.monotonic() + args.minutes * 60

    @settings(max_examples=500, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    @given(papers)
    def fuzz(data: bytes) -> None:
        paper, problems = parse_paper_file(data, "content/papers/fuzz.md", config.languages,
                                           markdown)
        assert (paper is None) == bool(problems), (paper, problems)
        assert all(problem.path == "content/papers/fuzz.md" for problem in problems)
        for problem in problems:
            problem.format()
        outcomes["failed" if problems else "warned" if paper.warnings else "parsed"] += 1

    try:
        while time.monotonic() < deadline:  # rounds of 500 fresh random inputs
            fuzz()
    except Exception as error:  # hypothesis has shrunk it: show the smallest failing input
        print(f"FAILED after {sum(outcomes.values())} inputs: {error!r}")
        return 1
    print(f"{sum(outcomes.values())} inputs in {args.minutes} min: " +
          ", ".join(f"{count} {name}" for name, count in sorted(outcomes.items())))
    return 0


if __name__ == "__main__":
    sys.exit(main())
