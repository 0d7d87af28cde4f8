#!/usr/bin/env python3
"""Requests and time of `translate --pending` for the 30 sample days of Hugging Face
daily papers (561 papers), against the test suite's chat-completions server on 127.0.0.1.

    python bench/translate_speed.py [--delay 0.5] [--concurrency 4]

Imports the days into a new project, then translates every paper awaiting translation,
the server answering each request after `--delay` seconds (a real provider takes 2-20 s
for an abstract; the delay stands for it); then again from the cache. Prints the figures.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.chat_server import serve_model  # noqa: E402

DAILY = sorted((REPO / "tests/fixtures/hf-daily-papers").glob("*.json"))


def bitext(project: Path, *args: str) -> tuple[float, str]:
    started = time.perf_counter()
    done = subprocess.run([sys.executable, str(REPO / "build.py"), "--root", str(project),
                           *args], capture_output=True, text=True,
                          env={**os.environ, "BENCH_KEY": "sk-bench"}, check=True)
    return time.perf_counter() - started, done.stdout.splitlines()[-1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--delay", type=float, default=0.5)
    parser.add_argument("--concurrency", type=int, default=4)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temporary, serve_model() as model:
        model.answers = [(200, None, args.delay, {})]
        project = Path(temporary) / "site"
        for name in ("templates", "static"):
            shutil.copytree(REPO / name, project / name)
        (project / "content/papers").mkdir(parents=True)
        (project / "site.yaml").write_text(
            (REPO / "site.yaml").read_text("utf-8") + "translation:\n"
            f"  base_url: {model.url}\n  model: bench-model\n  api_key_env: BENCH_KEY\n"
            f"  concurrency: {args.concurrency}\n", "utf-8")
        _, imported = bitext(project, "import", *map(str, DAILY))
        print(f"import: {imported}")
        papers = project / "content/papers"
        awaiting = {path: path.read_bytes() for path in papers.glob("*.md")}
        seconds, summary = bitext(project, "translate", "--pending")
        print(f"translate --pending, {args.delay} s a request, {args.concurrency} at once: "
              f"{summary} ({seconds:.1f} s with the process; the server got "
              f"{len(model.requests)} requests)")
        for path, data in awaiting.items():  # as if reverted: the cache answers
            path.write_bytes(data)
        seconds, summary = bitext(project, "translate", "--pending")
        print(f"again, from the cache: {summary} ({seconds:.1f} s with the process; the "
              f"server got {len(model.requests)} requests in all)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
