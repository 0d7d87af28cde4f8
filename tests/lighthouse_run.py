"""Lighthouse (npm's lighthouse, in Debian's Chromium) on pages of a site served on
127.0.0.1: its four category scores, with the mobile preset (a phone on a throttled
network, simulated), as `python scripts/lighthouse.py` prints them."""

from __future__ import annotations

import json
import os
import subprocess
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
LIGHTHOUSE = REPO / "node_modules" / ".bin" / "lighthouse"
CHROME_FLAGS = ("--headless=new --no-sandbox --disable-gpu --disable-background-networking "
                "--disable-component-update --disable-sync --no-first-run")
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")


def lighthouse_scores(url: str) -> dict[str, int]:
    """Each category's score, 0-100, of the page at `url`."""
    with tempfile.TemporaryDirectory() as temporary:
        report = Path(temporary) / "report.json"
        subprocess.run([str(LIGHTHOUSE), url, "--quiet", "--output=json",
                        f"--output-path={report}", f"--chrome-flags={CHROME_FLAGS}",
                        f"--only-categories={','.join(CATEGORIES)}"],
                       check=True, timeout=300, capture_output=True,
                       env={**os.environ, "CHROME_PATH": "/usr/bin/chromium"})
        categories = json.loads(report.read_text("utf-8"))["categories"]
    return {name: round(categories[name]["score"] * 100) for name in CATEGORIES}
