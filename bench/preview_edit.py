#!/usr/bin/env python3
"""How long the preview takes to show one edited paper, on the sample site and on
synthetic sites.

    python bench/preview_edit.py [--sizes 1000] [--runs 5]

Prints, per site: papers, the first (full) build, then per edit the files rendered, the
files changed and the median time of `runs` edits.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.corpus import REPO, write_corpus  # noqa: E402
from bitext.pipeline import Options  # noqa: E402
from bitext.serve import Preview, PreviewState  # noqa: E402


def measure(root: Path, work: Path, runs: int) -> str:
    out = work / "preview"
    preview = Preview(Options(root=root, out=out, base_url="http://127.0.0.1:8000/"),
                      PreviewState(out))
    started = time.perf_counter()
    preview.rebuild()
    first = time.perf_counter() - started
    papers = sorted((root / "content/papers").glob("*.md"))
    target = papers[len(papers) // 2]
    original = target.read_text("utf-8")
    times, reports = [], []
    for run in range(runs):
        target.write_text(original.replace(":::\n", f"Edit {run}.\n:::\n", 1), "utf-8")
        started = time.perf_counter()
        reports.append(preview.rebuild())
        times.append(time.perf_counter() - started)
    target.write_text(original, "utf-8")
    return (f"{len(papers):>6} papers | first build {first * 1000:7.0f} ms | one edit: "
            f"median {statistics.median(times) * 1000:6.0f} ms ({reports[-1]})")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="*", default=[1000])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    import contextlib
    import io

    with tempfile.TemporaryDirectory() as temporary:
        work = Path(temporary)
        rows = []
        with contextlib.redirect_stdout(io.StringIO()):
            sample = work / "sample-site"
            for name in ("content", "templates", "static"):
                shutil.copytree(REPO / name, sample / name)
            shutil.copy(REPO / "site.yaml", sample)
            rows.append(measure(sample, work / "sample", args.runs))
            for size in args.sizes:
                root = write_corpus(work / f"site-{size}", size)
                rows.append(measure(root, work / f"out-{size}", args.runs))
        print("\n".join(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
