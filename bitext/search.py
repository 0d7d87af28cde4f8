"""Offline search: Pagefind indexes built at build time, one per language.

Pagefind (its extended build, from PyPI) segments Chinese and Japanese text into words and
stems English, but it analyses each index with one language. A bilingual page would be
analysed as one of them, so each paper becomes two records instead: its primary-language
text in `pagefind/` and its secondary-language text in `pagefind-<code>/`. The search
page queries both bundles and merges the results by score, so "强化学习" and
"reinforcement learning" both find the Absolute Zero paper.

The bundles are ordinary output files: they are staged, written only when their bytes
change and tracked like every page. Records that did not change are not indexed again.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from bitext.config import Language
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
            tags = [site.tags[slug].name.values[index] for slug in paper.tags]
            text = "\n".join([paper.title.values[index], paper.abstract.values[index].text,
                              ", ".join(paper.authors), paper.affiliation or "",
                              " ".join(tags)])
            found.append({
                "folder": folder, "url": paper.url, "content": text,
                "language": pagefind_language(language.code),
                "meta": {"title": paper.title.values[index],
                         "other_title": paper.title.values[1 - index],
                         "date": paper.date.isoformat()},
            })
    return found


def pagefind_language(code: str) -> str:
    """Pagefind's language: the primary subtag (zh-Hans → zh), which picks its analyser."""
    return code.split("-")[0].lower()


def records_key(found: list[dict]) -> str:
    text = json.dumps(found, ensure_ascii=False, sort_keys=True)
    return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()


def search_files(found: list[dict]) -> dict[str, bytes]:
    """The files of every bundle by output path (pagefind/…, pagefind-zh-hans/…)."""
    with tempfile.TemporaryDirectory(prefix="bitext-search-") as temporary:
        # Pagefind's API is asynchronous; the preview calls this from inside its own event
        # loop, so the indexing gets a thread and an event loop of its own.
        with ThreadPoolExecutor(max_workers=1) as executor:
            executor.submit(asyncio.run, write_bundles(found, Path(temporary))).result()
        return {path.relative_to(temporary).as_posix(): path.read_bytes()
                for path in sorted(Path(temporary).rglob("*")) if path.is_file()}


async def write_bundles(found: list[dict], folder: Path) -> None:
    from pagefind.service import PagefindService

    from pagefind.index import IndexConfig

    by_folder: dict[str, list[dict]] = {}
    for record in found:
        by_folder.setdefault(record["folder"], []).append(record)
    service = await PagefindService().launch()
    try:
        for name, items in by_folder.items():
            index = await service.create_index(IndexConfig(
                force_language=items[0]["language"], output_path=str(folder / name)))
            for record in items:
                await index.add_custom_record(url=record["url"], content=record["content"],
                                              language=record["language"], meta=record["meta"])
            await index.write_files()
    finally:
        await service.close()
