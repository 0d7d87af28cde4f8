"""Shared helpers: small projects built in temporary folders from the repository's own
templates and static files, and the tools that browser and validator tests need."""

from __future__ import annotations

import gc
import os
import shutil
from pathlib import Path

import pytest

from bitext.paperfile import format_paper

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SAMPLE_DIGEST = FIXTURES / "digests" / "hf-papers-2025-05.txt"  # a copy of shared/samples/

SITE_YAML = """\
title:
  en: Test Digest
  zh-Hans: 测试文摘
description:
  en: Papers for tests.
  zh-Hans: 测试用的论文。
base_url: https://example.github.io/digest/
languages:
  - code: en
    name: English
  - code: zh-Hans
    name: 简体中文
per_page: 2
feed_size: 3
search: false  # indexing takes a second; the browser tests search the sample site
tags:
  rl:
    name: {en: Reinforcement learning, zh-Hans: 强化学习}
"""


def pytest_addoption(parser):
    parser.addoption("--regen-golden", action="store_true",
                     help="rewrite the golden output trees from the current build")


def paper(title="A Paper", title_zh="一篇论文", abstract="An abstract.", abstract_zh="一段摘要。",
          date="2025-05-01", **fields) -> str:
    """The text of a valid paper file; keyword fields go into the front matter."""
    import datetime as dt

    return format_paper(titles={"en": title, "zh-Hans": title_zh},
                        abstracts={"en": abstract, "zh-Hans": abstract_zh},
                        date=dt.date.fromisoformat(date), **fields)


def make_project(folder: Path, papers: dict[str, str], site_yaml: str = SITE_YAML) -> Path:
    """A site folder with the repository's templates and static files."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copytree(REPO / "templates", folder / "templates", dirs_exist_ok=True)
    shutil.copytree(REPO / "static", folder / "static", dirs_exist_ok=True)
    (folder / "site.yaml").write_text(site_yaml, encoding="utf-8")
    papers_dir = folder / "content" / "papers"
    papers_dir.mkdir(parents=True, exist_ok=True)
    for name, text in papers.items():
        (papers_dir / name).write_text(text, encoding="utf-8")
    return folder


def indexed_text(files: dict[str, bytes], folder: str) -> str:
    """The records that a search bundle's fragments hold (gzipped JSON after Pagefind's
    mark), what its search finds and shows; `files` by path, as `snapshot` gives them."""
    import gzip

    return "\n".join(gzip.decompress(data).decode("utf-8") for path, data in files.items()
                     if path.startswith(f"{folder}/fragment/"))


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under a folder, by relative path."""
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(autouse=True, scope="session")
def user_cache_of_the_tests(tmp_path_factory):
    """Builds keep compiled templates and their signing key in the user's cache folder: the
    tests' own, not the developer's (each test's project would add a dozen files there)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("user-cache")))
        yield


@pytest.fixture(autouse=True)
def collector_unfrozen():
    """The preview's rebuilders freeze the objects alive after each build (see
    `bitext.watching.keep_survivors_frozen`): in the tests' process too, whose later
    garbage they would keep."""
    yield
    gc.unfreeze()


@pytest.fixture
def project(tmp_path):
    """Three papers over two months, two sharing the tag rl."""
    return make_project(tmp_path / "site", {
        "one.md": paper("First Paper", "第一篇", date="2025-04-20", tags=["rl", "nlp"],
                        arxiv="2504.00001"),
        "two.md": paper("Second Paper", "第二篇", date="2025-05-02", tags=["rl"]),
        "three.md": paper("Third Paper", "第三篇", date="2025-05-10", tags=["vision"]),
    })


CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium, headless, driven by Playwright (browsers cannot be downloaded)."""
    require(CHROMIUM.exists(), "Debian's chromium")
    playwright_api = pytest.importorskip("playwright.sync_api")
    with playwright_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def require(condition: bool, what: str) -> None:
    """Skip a test whose tool is missing on a developer's machine; fail on CI, where
    .ci/run installs every tool, so a missing install step cannot pass unnoticed."""
    if condition:
        return
    if os.environ.get("CI"):
        pytest.fail(f"{what} is missing on CI: .ci/run should install it")
    pytest.skip(f"{what} is not installed (bash .ci/run installs it)")
