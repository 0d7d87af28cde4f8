#!/usr/bin/env python3
"""Lighthouse scores of the sample site (mobile preset), served under /digest/ as GitHub
Pages serves it: the home page, a paper, a tag and the search page.

    python scripts/lighthouse.py

Needs Debian's chromium and npm's lighthouse (`npm ci`, as .ci/run does).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bitext.pipeline import Options, build  # noqa: E402
from tests.lighthouse_run import CATEGORIES, lighthouse_scores  # noqa: E402
from tests.pages_server import serve_pages  # noqa: E402

PAGES = {"home": "", "paper": "papers/qwen3-technical-report/", "tag": "tags/reasoning/",
         "search": "search/?q=reasoning"}


def main() -> int:
    with tempfile.TemporaryDirectory() as temporary:
        site = Path(temporary) / "site"
        build(Options(root=ROOT, out=site, base_url="https://example.github.io/digest/"))
        print("| page | " + " | ".join(CATEGORIES) + " |")
        print("|---|" + "---:|" * len(CATEGORIES))
        with serve_pages(site, "/digest/") as base:
            for name, path in PAGES.items():
                scores = lighthouse_scores(base + path)
                print(f"| {name} (`{path or '/'}`) | "
                      + " | ".join(str(scores[category]) for category in CATEGORIES) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
