"""Offline search: Pagefind indexes built at build time, one per language.

Pagefind (its extended build, from PyPI) segments Chinese and Japanese text into words and
stems English, but it analyses each index with one language. A bilingual page would be
analysed as one of them, so each paper becomes two records instead: its primary-language
text in `pagefind/` and its secondary-language text in `pagefind-<code>/`. The search
page queries both bundles and merges the results by score, so "强化学习" and
"reinforcement learning" both find the Absolute Zero paper.

The bundles are ordinary output files: they are staged, written only when their bytes
change and tracked like every page. Pagefind indexes everything at once, so any change to
a paper re-indexes all of them (10,000 papers: about 13 s on 2 cores); `build
--no-search` keeps the last index for quick rebuilds, and the preview indexes once, in the
background (`bitext.serve.BackgroundSearch`).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from html import escape
from pathlib import Path

from bitext.config import Language
from bitext.errors import InputError, Problem
from bitext.model import Site

BUNDLE = "pagefind"


def bundle_folder(language: Language, primary: bool) -> str:
    return BUNDLE if primary else f"{BUNDLE}-{language.code.lower()}"


def records(site: Site) -> list[dict]:
    """One record per paper and language: what the search finds and shows."""
    found = []
    for index, language in enumerate(site.config.languages):
        folder = bundle_folder(language, index == 0)
        for paper in site.papers:
            title, abstract = paper.title.values[index], paper.abstract.values[index]
            if title is None or abstract is None:
                continue  # awaiting its translation: found in the primary language only
            tags = [site.tags[slug].name.values[index] for slug in paper.tags]
            text = "\n".join([title, abstract.text, ", ".join(paper.authors),
                              paper.affiliation or "", " ".join(tags)])
            found.append({
                "folder": folder, "url": paper.url, "content": text,
                "language": pagefind_language(language.code),
                "meta": {"title": title, "other_title": paper.title.values[1 - index] or "",
                         "date": paper.date.isoformat()},
            })
    return found


def pagefind_language(code: str) -> str:
    """Pagefind's language: the primary subtag (zh-Hans → zh), which picks its analyser."""
    return code.split("-")[0].lower()


def search_files(found: list[dict]) -> dict[str, bytes]:
    """The files of every bundle by output path (pagefind/…, pagefind-zh-hans/…)."""
    by_folder: dict[str, list[dict]] = {}
    for record in found:
        by_folder.setdefault(record["folder"], []).append(record)
    files = {}
    # (the pages, and the bundles made from them, take about three times the text)
    needed = 3 * sum(len(record["content"]) + 500 for record in found)
    with tempfile.TemporaryDirectory(prefix="bitext-search-",
                                     dir=scratch_parent(needed)) as temporary:
        for name, items in by_folder.items():
            pages, bundle = Path(temporary) / name / "pages", Path(temporary) / name / "bundle"
            write_record_pages(items, pages)
            run_pagefind(pages, bundle, items[0]["language"])
            files.update((f"{name}/{path.relative_to(bundle).as_posix()}", path.read_bytes())
                         for path in sorted(bundle.rglob("*")) if path.is_file())
    return files


# Linux's file system in memory. Pagefind reads a page per record and writes a fragment per
# record: 20,000 of each at 10,000 papers, which took 8 s to write and 17 s to index on
# this machine's disk, 0.8 s and 12 s in memory.
MEMORY = "/dev/shm"


def scratch_parent(needed: int) -> str | None:
    """Where to make the folder for the pages to index and the bundles: in memory when that
    has four times `needed` bytes free (a container's is often 64 MiB), else the system's
    temporary folder (None)."""
    try:
        stats = os.statvfs(MEMORY)
    except OSError:  # (no such folder: not Linux)
        return None
    if stats.f_bavail * stats.f_frsize >= 4 * needed and os.access(MEMORY, os.W_OK):
        return MEMORY
    return None


def write_record_pages(items: list[dict], folder: Path) -> None:
    """One small HTML page per record, at the record's address, for Pagefind to read.
    (Pagefind's Python API sends records one message at a time and stalled at 10,000
    papers; its command line indexes a folder on every core.)"""
    for record in items:
        meta = record["meta"]
        page = folder / record["url"] / "index.html"
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(
            # The other language's title and the date are metadata outside the indexed
            # body: in it, they came back in excerpts, a Chinese title inside an English
            # excerpt (Pagefind reads metadata from the whole page).
            f'<!doctype html><html lang="{record["language"]}"><head><meta charset="utf-8">'
            f"<title>{escape(meta['title'])}</title>"
            f'<meta data-pagefind-meta="other_title[content]" '
            f'content="{escape(meta["other_title"])}">'
            f'<meta data-pagefind-meta="date[content]" content="{escape(meta["date"])}">'
            f'</head><body data-pagefind-body>'
            f'<h1 data-pagefind-meta="title">{escape(meta["title"])}</h1>'
            + "".join(f"<p>{escape(line)}</p>" for line in record["content"].split("\n"))
            + "</body></html>", encoding="utf-8")


def run_pagefind(pages: Path, bundle: Path, language: str) -> None:
    command = [sys.executable, "-m", "pagefind", "--site", str(pages), "--output-path",
               str(bundle), "--force-language", language, "--silent"]
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0 or not (bundle / "pagefind.js").is_file():
        raise InputError([Problem("search", None, None,
                                  f"Pagefind could not build the search index: "
                                  f"{(result.stderr or result.stdout).strip()[:500]}",
                                  hint="reinstall it with: pip install 'pagefind[extended]', "
                                       "or set 'search: false' in site.yaml")])
