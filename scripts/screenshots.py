#!/usr/bin/env python3
"""Screenshots of the built sample site at desktop and phone widths, in headless Chromium.

    python scripts/screenshots.py [--out docs/screenshots] [--page papers/qwen3-technical-report/]

Builds the site into a temporary folder, serves it under /digest/ as GitHub Pages would,
and writes one PNG per page and width (light and dark). Needs Debian's chromium
(/usr/bin/chromium) and the playwright package.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402

from bitext.pipeline import Options, build  # noqa: E402
from tests.pages_server import serve_pages  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
SIZES = {"desktop": (1280, 900), "phone": (390, 844)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--page", action="append", dest="pages",
                        help="page path from the site root (repeat); default: a paper page")
    parser.add_argument("--dark", action="store_true", help="also take dark-scheme shots")
    parser.add_argument("--full-page", action="store_true")
    args = parser.parse_args()
    pages = args.pages or ["papers/qwen3-technical-report/"]
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as temporary:
        site = Path(temporary) / "site"
        build(Options(root=ROOT, out=site, base_url="https://example.github.io/digest/"))
        with serve_pages(site, "/digest/") as base, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            schemes = ["light", "dark"] if args.dark else ["light"]
            for page_path in pages:
                name = page_path.strip("/").replace("/", "-") or "home"
                for size_name, (width, height) in SIZES.items():
                    for scheme in schemes:
                        page = browser.new_page(viewport={"width": width, "height": height},
                                                color_scheme=scheme)
                        page.goto(base + page_path)
                        suffix = "" if scheme == "light" else "-dark"
                        target = args.out / f"{name}-{size_name}{suffix}.png"
                        page.screenshot(path=str(target), full_page=args.full_page)
                        page.close()
                        print(target.relative_to(ROOT) if target.is_relative_to(ROOT) else target)
            browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
