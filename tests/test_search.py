"""The search index: a language's records in shards, re-indexed only where they changed,
and a clear error when Pagefind fails."""

from __future__ import annotations

import re
import sys
import time

import pytest

import bitext.search
from bitext.cache import CACHE_DIR, DiskCache, MemoryCache
from bitext.errors import InputError
from bitext.pipeline import Options, build, extra_files
from tests.conftest import REPO, make_project, paper, snapshot


@pytest.fixture
def site(tmp_path):
    papers = {f"p{n:02d}.md": paper(f"Paper {n}", f"论文{n}", abstract=f"Abstract {n}.",
                                    date=f"2025-03-{10 + n}", tags=["llm"])
              for n in range(7)}
    project = make_project(tmp_path / "site", papers)
    config = project / "site.yaml"
    config.write_text(config.read_text("utf-8").replace("search: false", "search: true"),
                      "utf-8")
    return project


@pytest.fixture
def indexed(monkeypatch, tmp_path):
    """Shards of 3 papers in both languages (the tests that use it count shards; Chinese
    shards of half as many have tests of their own); records which shards Pagefind
    indexed."""
    monkeypatch.setattr(bitext.search, "SHARD_RECORDS", 3)
    monkeypatch.setattr(bitext.search, "SEGMENTED", ())
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user-cache"))
    folders: list[str] = []
    original = bitext.search.shard_files

    def recording(shard, scratch, *room):
        folders.append(shard.folder)
        return original(shard, scratch, *room)

    monkeypatch.setattr(bitext.search, "shard_files", recording)
    return folders


def bundles(out) -> dict[str, bytes]:
    return {path: data for path, data in snapshot(out).items() if path.startswith("pagefind")}


def search_form(out) -> tuple[list[str], list[str]]:
    page = (out / "search/index.html").read_text("utf-8")
    return (re.search(r'data-bundles="([^"]*)"', page).group(1).split(),
            re.search(r'data-languages="([^"]*)"', page).group(1).split())


def test_a_language_is_indexed_in_shards_that_the_search_page_lists(site, tmp_path, indexed):
    out = tmp_path / "out"
    build(Options(root=site, out=out))
    folders = ["pagefind", "pagefind-2", "pagefind-3",
               "pagefind-zh-hans", "pagefind-zh-hans-2", "pagefind-zh-hans-3"]
    assert sorted(indexed) == folders
    assert {path.split("/")[0] for path in bundles(out)} == set(folders)
    # What the search page loads from a bundle, and none of Pagefind's own interfaces
    top = {path.split("/", 1)[1] for path in bundles(out) if path.count("/") == 1}
    assert {"pagefind.js", "pagefind-worker.js", "pagefind-entry.json"} <= top
    assert any(name.startswith("wasm.") for name in top)
    assert not top & bitext.search.PAGEFIND_INTERFACES
    assert search_form(out) == ([f"{folder}/" for folder in folders],
                                ["en"] * 3 + ["zh-Hans"] * 3)
    # Oldest first: the first shard holds the three oldest papers, the last the newest.
    shards = bitext.search.shards(site_model(site))
    assert [[record["url"] for record in shard.records()] for shard in shards[:3]] == [
        ["papers/paper-0/", "papers/paper-1/", "papers/paper-2/"],
        ["papers/paper-3/", "papers/paper-4/", "papers/paper-5/"], ["papers/paper-6/"]]


def test_chinese_shards_hold_half_as_many_papers(site, tmp_path, monkeypatch):
    """Pagefind holds twice the memory for a Chinese record as for an English one: a
    Chinese shard holds half as many papers, so that two fit the budget side by side (a
    Chinese shard of 2,000 was indexed alone). An edit to a Chinese abstract indexes its
    Chinese shard only, and the build equals a clean one."""
    monkeypatch.setattr(bitext.search, "SHARD_RECORDS", 4)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user-cache"))
    out = tmp_path / "out"
    cache = DiskCache(site / CACHE_DIR)
    build(Options(root=site, out=out), cache)
    english, chinese = ["pagefind", "pagefind-2"], [
        f"pagefind-zh-hans{suffix}" for suffix in ("", "-2", "-3", "-4")]
    assert search_form(out) == ([f"{folder}/" for folder in english + chinese],
                                ["en"] * 2 + ["zh-Hans"] * 4)
    shards = bitext.search.shards(site_model(site))
    assert [len(shard.records()) for shard in shards] == [4, 3, 2, 2, 2, 1]
    indexed = []
    original = bitext.search.shard_files
    monkeypatch.setattr(bitext.search, "shard_files", lambda shard, *rest: (
        indexed.append(shard.folder), original(shard, *rest))[1])
    (site / "content/papers/p03.md").write_text(  # (the fourth paper, oldest first)
        paper("Paper 3", "论文3", abstract="Abstract 3.", abstract_zh="改过的摘要。",
              date="2025-03-13", tags=["llm"]), "utf-8")
    build(Options(root=site, out=out), cache)
    assert indexed == ["pagefind-zh-hans-2"]
    assert snapshot(out) == clean(site, tmp_path)
    # What the budget is for: two Chinese shards of 1,000 papers of the bench's length
    # (500 characters) fit side by side, or a Chinese one and an English one of 2,000
    # (1,100 characters); two Chinese shards of 2,000 would not.
    def memory(language: str, papers: int, characters: int) -> int:
        return bitext.search.Shard.of("f", language, list, "k", papers * characters,
                                      papers).memory

    budget = bitext.search.PAGEFIND_BUDGET
    assert 2 * memory("zh", 1000, 500) <= budget
    assert memory("zh", 1000, 500) + memory("en", 2000, 1100) <= budget
    assert 2 * memory("zh", 2000, 500) > budget


def test_the_search_page_lists_no_bundle_for_a_language_without_papers(tmp_path):
    """Every paper awaits its translation (published with a note): there is no Chinese
    bundle, and the search page must not ask for one (a 404 and a console error)."""
    papers = {f"p{n}.md": paper(f"Paper {n}", None, abstract_zh=None, date=f"2025-03-1{n}")
              for n in range(2)}
    project = make_project(tmp_path / "site", papers)
    config = project / "site.yaml"
    config.write_text(config.read_text("utf-8").replace("search: false", "search: true")
                      + "awaiting_translation: publish\n", "utf-8")
    out = tmp_path / "out"
    build(Options(root=project, out=out))
    assert search_form(out) == (["pagefind/"], ["en"])
    assert (out / "pagefind/pagefind.js").is_file()
    assert not (out / "pagefind-zh-hans").exists()


def test_a_note_is_found_in_its_languages_index(tmp_path):
    """The editor's note in each language goes into that language's records: a search for
    its words finds the paper."""
    from tests.conftest import indexed_text

    project = make_project(tmp_path / "site", {"p.md": paper(
        "Paper", "论文", notes={"en": "Zymurgy is worth it.", "zh-Hans": "酿造学值得一读。"})})
    config = project / "site.yaml"
    config.write_text(config.read_text("utf-8").replace("search: false", "search: true"),
                      "utf-8")
    out = tmp_path / "out"
    build(Options(root=project, out=out))
    files = bundles(out)
    english, chinese = indexed_text(files, "pagefind"), indexed_text(files, "pagefind-zh-hans")
    assert "Zymurgy is worth it." in english and "酿造学" not in english
    # (Pagefind's Chinese segmentation parts the words with zero-width spaces)
    assert "酿造学值得一读" in re.sub("[ \u200b]", "", chinese) and "Zymurgy" not in chinese


def site_model(project):
    from bitext.pipeline import render

    return render(Options(root=project, out=project / "unused"))[0]


def test_an_edit_indexes_only_its_shard_and_equals_a_clean_build(site, tmp_path, indexed):
    out = tmp_path / "out"
    cache = DiskCache(site / CACHE_DIR)
    build(Options(root=site, out=out), cache)
    indexed.clear()
    (site / "content/papers/p04.md").write_text(  # the second shard, oldest first
        paper("Paper 4", "论文4", abstract="A changed abstract about llamas.",
              date="2025-03-14", tags=["llm"]), "utf-8")
    build(Options(root=site, out=out), cache)
    assert indexed == ["pagefind-2"]  # (its Chinese record is as it was)
    indexed.clear()
    assert snapshot(out) == clean(site, tmp_path)
    assert sorted(indexed) == sorted(set(indexed)) and len(indexed) == 6  # (clean: all)


def test_the_index_lists_the_files_that_are_not_pages(site, tmp_path, indexed):
    """`Index.extras`, the bundles' files by folder and the other files apart, stays what
    the outputs hold through edits that index a shard again, remove a static file and
    drop a shard: an edit looks there for the files it may delete, not through every
    output (at 100,000 papers, 320,000)."""
    out = tmp_path / "out"
    cache = DiskCache(site / CACHE_DIR)
    (site / "static/notes.txt").write_text("Notes.", "utf-8")
    steps = [
        lambda: None,
        lambda: (site / "content/papers/p04.md").write_text(paper(
            "Paper 4", "论文4", abstract="About llamas.", date="2025-03-14", tags=["llm"]),
            "utf-8"),
        lambda: (site / "static/notes.txt").unlink(),
        lambda: (site / "content/papers/p06.md").unlink(),
    ]
    for step in steps:
        step()
        build(Options(root=site, out=out), cache)
        index = cache.load_index()
        others = index.outputs.keys() - index.fingerprints.by_path.keys()
        assert ({folder: sorted(files) for folder, files in index.extras.items()}
                == {folder: sorted(files) for folder, files in extra_files(others).items()})
        assert {"pagefind-2", "pagefind-zh-hans", ""} <= index.extras.keys()
    assert not any(path.endswith("notes.txt") for path in snapshot(out))
    assert snapshot(out) == clean(site, tmp_path)


def test_a_new_paper_indexes_the_last_shards_only(site, tmp_path, indexed):
    out = tmp_path / "out"
    cache = DiskCache(site / CACHE_DIR)
    build(Options(root=site, out=out), cache)
    indexed.clear()
    (site / "content/papers/p07.md").write_text(
        paper("Paper 7", "论文7", abstract="The newest.", date="2025-03-30", tags=["llm"]),
        "utf-8")
    build(Options(root=site, out=out), cache)
    assert indexed == ["pagefind-3", "pagefind-zh-hans-3"]
    assert snapshot(out) == clean(site, tmp_path)


def recording_what_is_made(monkeypatch) -> tuple[list[str], list[tuple[int, int]]]:
    """Lists that fill as search makes record sums (the paper's file) and shards (the
    shard's number and its language's place)."""
    made, shards_made = [], []
    original = bitext.search.paper_record_sums
    monkeypatch.setattr(bitext.search, "paper_record_sums",
                        lambda paper: made.append(paper.source) or original(paper))
    make_shard = bitext.search.language_shard
    monkeypatch.setattr(bitext.search, "language_shard",
                        lambda *args: shards_made.append(args[2:4]) or make_shard(*args))
    return made, shards_made


def test_an_edit_makes_the_records_of_the_edited_paper_only(site, tmp_path, indexed,
                                                            monkeypatch):
    """The next build, in a new process, knows each paper's record sums from the index:
    making and hashing every record took an edit at 10,000 papers 0.45 s."""
    out = tmp_path / "out"
    build(Options(root=site, out=out), DiskCache(site / CACHE_DIR))
    indexed.clear()
    made, _ = recording_what_is_made(monkeypatch)
    (site / "content/papers/p01.md").write_text(
        paper("Paper 1", "论文1", abstract="Changed.", date="2025-03-11", tags=["llm"]),
        "utf-8")
    build(Options(root=site, out=out), DiskCache(site / CACHE_DIR))  # (read from the disk)
    assert made == ["content/papers/p01.md"] and indexed == ["pagefind"]
    assert snapshot(out) == clean(site, tmp_path)


@pytest.mark.parametrize("segmented, edited_shards", [
    ((), [(1, 0), (1, 1)]),  # shards of 3 in both languages
    (bitext.search.SEGMENTED, [(1, 0), (4, 1)]),  # Chinese shards of 1
])
def test_shards_made_again_after_edits_only_where_they_changed_equal_all_made_anew(
        site, tmp_path, indexed, monkeypatch, segmented, edited_shards):
    """The preview's background search makes only the record sums and shards that an
    edit touched (`shard_layout` with the last pass's layout). After each kind of change
    (an edit, a paper moved by its date, two at once, one that loses its translation, a
    tag renamed, a paper added, one removed), the shards and sums equal those made anew
    from nothing; after an edit, only the edited paper's records and its shards were
    made: with shards of one size in both languages, and with Chinese shards of half
    the size (`shard_records`)."""
    import dataclasses

    monkeypatch.setattr(bitext.search, "SEGMENTED", segmented)
    from bitext.cache import MemoryCache
    from bitext.watching import Rebuilder

    config = site / "site.yaml"
    config.write_text("awaiting_translation: publish\n" + config.read_text("utf-8"), "utf-8")
    papers = site / "content/papers"
    options = Options(root=site, out=tmp_path / "out", search=False)
    rebuilder = Rebuilder(options, MemoryCache())
    rebuilder.rebuild()
    last = bitext.search.shard_layout(rebuilder.cache.model.site)
    made, shards_made = recording_what_is_made(monkeypatch)

    def edited(name, **fields):
        number = int(name[1:3])
        values = {"title": f"Paper {number}", "title_zh": f"论文{number}",
                  "abstract": f"Abstract {number}.", "date": f"2025-03-{10 + number}",
                  "tags": ["llm"]} | fields
        (papers / name).write_text(paper(**values), "utf-8")
        return str(papers / name)

    def renamed_tag():
        config.write_text(config.read_text("utf-8") + "  llm:\n"
                          "    name: {en: LLM, zh-Hans: 大模型}\n", "utf-8")
        return str(config)

    changes = [
        ("an edit", lambda: [edited("p04.md", abstract="Llamas, edited.")]),
        ("a paper moved by its date", lambda: [edited("p01.md", date="2025-03-15")]),
        ("two edits", lambda: [edited("p00.md", abstract="Zero."),
                               edited("p06.md", title="Paper six")]),
        ("a translation gone", lambda: [edited("p02.md", title_zh=None, abstract_zh=None)]),
        ("a tag renamed", lambda: [renamed_tag()]),
        ("a paper added", lambda: [edited("p07.md", date="2025-03-12")]),
        ("a paper removed", lambda: [(papers / "p03.md").unlink() or str(papers / "p03.md")]),
    ]
    for change, make in changes:
        assert rebuilder.rebuild(make()).startswith("rebuilt"), change
        site_now = rebuilder.cache.model.site
        made.clear()
        shards_made.clear()
        layout = bitext.search.shard_layout(site_now, last.sums, last)
        made_again, shards_made_again = list(made), list(shards_made)
        anew = bitext.search.shard_layout(site_now)
        assert layout.sums == anew.sums, change
        assert [(shard.folder, shard.key, shard.memory, shard.records()) for shard in
                layout.shards] == [(shard.folder, shard.key, shard.memory, shard.records())
                                   for shard in anew.shards], change
        assert dataclasses.replace(layout, shards=(), sums={}) == \
            dataclasses.replace(anew, shards=(), sums={}), change
        if change == "an edit":  # (p04: the fifth paper, oldest first)
            assert made_again == ["content/papers/p04.md"]
            assert shards_made_again == edited_shards, "an edit made every shard"
        last = layout


def test_a_tag_renamed_in_one_language_indexes_that_language_again(site, tmp_path, indexed):
    """A record shows its tags' names: the shards whose papers have the tag are indexed
    again, in the language whose name changed only."""
    out = tmp_path / "out"
    cache = DiskCache(site / CACHE_DIR)
    build(Options(root=site, out=out), cache)
    indexed.clear()
    config = site / "site.yaml"
    config.write_text(config.read_text("utf-8") + "  llm:\n    name: {en: llm, zh-Hans: 大模型}\n",
                      "utf-8")
    build(Options(root=site, out=out), cache)
    assert sorted(indexed) == ["pagefind-zh-hans", "pagefind-zh-hans-2", "pagefind-zh-hans-3"]
    assert snapshot(out) == clean(site, tmp_path)


def test_a_template_edit_indexes_nothing_again(site, tmp_path, indexed):
    """The records do not depend on the templates (before shards, any change of the
    settings indexed every paper again)."""
    out = tmp_path / "out"
    cache = DiskCache(site / CACHE_DIR)
    build(Options(root=site, out=out), cache)
    indexed.clear()
    template = site / "templates/base.html"
    template.write_text(template.read_text("utf-8").replace("</body>", "<!-- x --></body>"),
                        "utf-8")
    result = build(Options(root=site, out=out), cache)
    assert result.rendered > 0 and indexed == []
    assert snapshot(out) == clean(site, tmp_path)


def test_fewer_papers_drop_the_shards_they_no_longer_fill(site, tmp_path, indexed):
    out = tmp_path / "out"
    cache = DiskCache(site / CACHE_DIR)
    build(Options(root=site, out=out), cache)
    (site / "content/papers/p06.md").unlink()
    build(Options(root=site, out=out), cache)
    assert not (out / "pagefind-3").exists() and not (out / "pagefind-zh-hans-3").exists()
    assert search_form(out)[0] == ["pagefind/", "pagefind-2/", "pagefind-zh-hans/",
                                   "pagefind-zh-hans-2/"]
    assert snapshot(out) == clean(site, tmp_path)


@pytest.mark.parametrize("preview", [False, True], ids=["build", "preview"])
def test_a_translation_added_or_taken_back_lists_its_shard_on_the_search_page(
        site, tmp_path, indexed, preview):
    """The papers keep their places (no layout changes), but the count of papers with a
    Chinese record crosses a shard's size: the search page lists the shards there are
    (it kept the last build's list, asking for a bundle no longer there, or missing the
    new one: the first translation of a site was never searched in its language)."""
    config = site / "site.yaml"
    config.write_text(config.read_text("utf-8") + "awaiting_translation: publish\n", "utf-8")
    out, cache = tmp_path / "out", MemoryCache() if preview else DiskCache(site / CACHE_DIR)
    build(Options(root=site, out=out), cache)
    path = site / "content/papers/p03.md"
    zh = [f"pagefind-zh-hans{suffix}/" for suffix in ("", "-2", "-3")]
    for translated, listed in ((None, zh[:2]), ("论文3", zh)):
        path.write_text(paper("Paper 3", translated, abstract="Abstract 3.",
                              abstract_zh=translated and "摘要。", date="2025-03-13",
                              tags=["llm"]), "utf-8")
        build(Options(root=site, out=out), cache, changed=[str(path)] if preview else None)
        assert search_form(out)[0] == ["pagefind/", "pagefind-2/", "pagefind-3/", *listed]
        assert snapshot(out) == clean(site, tmp_path)


def clean(project, tmp_path):
    out = tmp_path / "clean"
    build(Options(root=project, out=out, jobs=1))
    return snapshot(out)


def test_a_failing_pagefind_is_a_clear_error_and_the_site_stays(site, tmp_path, monkeypatch):
    out = tmp_path / "out"
    build(Options(root=site, out=out))
    before = snapshot(out)
    broken = tmp_path / "pagefind"
    broken.write_text("#!/bin/sh\necho 'error: out of memory' >&2\nexit 3\n", "utf-8")
    broken.chmod(0o755)
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(broken))
    bitext.search.pagefind_binary.cache_clear()
    (site / "content/papers/p01.md").write_text(
        paper("Paper 1", "论文1", abstract="Changed.", date="2025-03-11", tags=["llm"]),
        "utf-8")
    try:
        with pytest.raises(InputError) as raised:
            build(Options(root=site, out=out))
    finally:
        bitext.search.pagefind_binary.cache_clear()
    problem = raised.value.problems[0]
    assert problem.format() == (
        "search: Pagefind could not build the search index: error: out of memory — "
        "reinstall it with: pip install 'pagefind[extended]', or set 'search: false' in "
        "site.yaml")
    assert snapshot(out) == before


def recording_pagefind(folder, monkeypatch):
    """Pagefind's own binary, run by a script that first notes the allocator settings it
    was given (a line per process) in the file it returns."""
    seen = folder / "allocator.txt"
    script = folder / "pagefind"
    script.write_text(f"#!/bin/sh\necho \"${{_RJEM_MALLOC_CONF-unset}}\" >> '{seen}'\n"
                      f"exec '{bitext.search.pagefind_binary()}' \"$@\"\n", "utf-8")
    script.chmod(0o755)
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(script))
    bitext.search.pagefind_binary.cache_clear()
    return seen


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="huge pages are Linux's")
def test_pagefind_is_asked_for_huge_pages_and_writes_the_same_bundles(site, tmp_path,
                                                                      monkeypatch):
    """Its allocator's settings (`PAGEFIND_ALLOCATOR`) reach every Pagefind process, the
    user's own where they set them, and the bundles are the same either way."""
    seen = recording_pagefind(tmp_path, monkeypatch)
    try:
        build(Options(root=site, out=tmp_path / "asked"))
        assert set(seen.read_text("utf-8").splitlines()) == {"thp:always,narenas:1"}
        seen.unlink()
        monkeypatch.setenv("_RJEM_MALLOC_CONF", "")
        build(Options(root=site, out=tmp_path / "theirs"))
        assert set(seen.read_text("utf-8").splitlines()) == {""}
    finally:
        bitext.search.pagefind_binary.cache_clear()
    assert bundles(tmp_path / "asked") == bundles(tmp_path / "theirs") != {}


@pytest.mark.parametrize("primary, secondary, asked", [
    ("en", "zh-Hans", "Han|Hiragana|Katakana"), ("zh-Hans", "en", "Latin"),
    ("en", "ru", "Cyrillic"), ("en", "fr", "any"), ("zh-Hans", "ja", "any")])
def test_a_secondary_language_in_another_script_is_asked_for_its_script(primary, secondary,
                                                                        asked):
    """(The search page asks its bundles only for a query with a letter of that script.)"""
    from bitext.config import Language

    first, second = Language(primary, primary, "ltr"), Language(secondary, secondary, "ltr")
    assert bitext.search.query_scripts(first, first) == "any"
    assert bitext.search.query_scripts(second, first) == asked


def test_the_sample_site_keeps_one_bundle_per_language():
    """Below SHARD_RECORDS papers, the layout of a small site is as it was."""
    folders = bitext.search.bundle_folders(site_model(REPO))
    assert [(folder, language.code) for folder, language in folders] == [
        ("pagefind", "en"), ("pagefind-zh-hans", "zh-Hans")]


def test_pagefind_has_its_first_pages_before_the_build_renders(site, tmp_path, indexed,
                                                              monkeypatch):
    """The pages of the first shard are written before rendering begins: written by a
    thread beside the rendering, they took six times as long, and Pagefind waited."""
    import bitext.pipeline

    order = []
    write_pages = bitext.search.write_record_pages

    def slow_pages(shard, folder):
        time.sleep(0.2)
        write_pages(shard, folder)
        order.append("pages")

    render_changes = bitext.pipeline.render_changes

    def rendering(*args, **kwargs):
        order.append("render")
        return render_changes(*args, **kwargs)

    monkeypatch.setattr(bitext.search, "write_record_pages", slow_pages)
    monkeypatch.setattr(bitext.pipeline, "render_changes", rendering)
    build(Options(root=site, out=tmp_path / "out", jobs=1))
    # (the next shard's pages are written beside, by a thread of their own: they may come
    # before or after the rendering begins)
    assert order[0] == "pages" and "render" in order


def test_a_build_that_fails_as_it_renders_stops_indexing(site, tmp_path, indexed, monkeypatch):
    """Indexing begins before rendering: a template error stops it (no shard is begun
    after the failure, none is left running, its scratch folder is removed)."""
    import threading

    scratch = []
    original = bitext.search.shard_files
    monkeypatch.setattr(bitext.search, "shard_files",
                        lambda shard, folder, *room: scratch.append(folder.parent) or original(
                            shard, folder, *room))
    template = site / "templates/base.html"
    template.write_text(template.read_text("utf-8").replace("</body>", "{{ 1 / 0 }}</body>"),
                        "utf-8")
    with pytest.raises(InputError, match="ZeroDivisionError"):
        build(Options(root=site, out=tmp_path / "out"))
    assert not any(thread.name == "bitext-search" for thread in threading.enumerate())
    assert len(indexed) < 6 and scratch and not scratch[0].exists()


def pagefind_runs(monkeypatch) -> list[tuple[str, ...]]:
    """Records the languages of the Pagefind processes running as each one starts (each
    takes at least 50 ms, so that a second process, were it started, would overlap)."""
    import threading

    running, seen, lock = [], [], threading.Lock()
    original = bitext.search.run_pagefind

    def counted(pages, bundle, language, log):
        with lock:
            running.append(language)
            seen.append(tuple(sorted(running)))
        try:
            time.sleep(0.05)
            return original(pages, bundle, language, log)
        finally:
            with lock:
                running.remove(language)

    monkeypatch.setattr(bitext.search, "run_pagefind", counted)
    return seen


def test_jobs_bounds_the_pagefind_processes(site, tmp_path, indexed, monkeypatch):
    """`--jobs 1`: one Pagefind process at a time, also once rendering is done."""
    seen = pagefind_runs(monkeypatch)
    build(Options(root=site, out=tmp_path / "one", jobs=1))
    assert max(map(len, seen)) == 1 and len(seen) == 6
    seen.clear()
    build(Options(root=site, out=tmp_path / "two", jobs=2))
    assert max(map(len, seen)) == 2


def shards_of(languages: str) -> list[bitext.search.Shard]:
    """A shard of one record for each letter: e English, z Chinese."""
    found = []
    for number, letter in enumerate(languages):
        language = {"e": "en", "z": "zh"}[letter]
        record = {"url": f"papers/p{number}/", "words": "",
                  "parts": [["text", f"Text {number} 文本"]],
                  "meta": {"title": f"Title {number}", "other_title": "", "date": "2025-03-01"}}
        found.append(bitext.search.Shard.of(f"pagefind-{number + 1}", language,
                                            lambda record=record: [record], f"key {number}",
                                            bitext.search.record_characters(record), 1))
    return found


def test_pagefind_processes_stay_within_the_memory_budget(monkeypatch):
    """Two Chinese shards side by side held 490 MiB at 10,000 papers: a Pagefind process
    starts beside another only while their shards' estimated memory fits the budget.
    Here a Chinese shard fills it alone; two English ones fit together."""
    seen = pagefind_runs(monkeypatch)
    monkeypatch.setattr(bitext.search, "PAGEFIND_MEMORY", {"zh": (100, 0), "": (10, 0)})
    monkeypatch.setattr(bitext.search, "PAGEFIND_BUDGET", 100)
    monkeypatch.setattr(bitext.search, "own_peak_memory", lambda: 0)
    indexing = bitext.search.Indexing(shards_of("ezezez"))
    indexing.use_cores(2)
    files = indexing.result()
    assert len(seen) == 6 and {path.split("/")[0] for path in files} == {
        f"pagefind-{number}" for number in range(1, 7)}
    assert not [languages for languages in seen if "zh" in languages and len(languages) > 1]
    assert ("en", "en") in seen


def test_the_budget_grows_to_the_builds_own_memory(site, tmp_path, indexed, monkeypatch):
    """At 100,000 papers the build holds 2.4 GiB: there two Chinese shards at a time add a
    fifth to it, and keeping them apart would add half to the time indexing takes."""
    seen = pagefind_runs(monkeypatch)
    monkeypatch.setattr(bitext.search, "PAGEFIND_MEMORY", {"zh": (100, 0), "": (10, 0)})
    monkeypatch.setattr(bitext.search, "PAGEFIND_BUDGET", 100)
    monkeypatch.setattr(bitext.search, "own_peak_memory", lambda: 200)
    build(Options(root=site, out=tmp_path / "out", jobs=2))
    assert ("zh", "zh") in seen


def test_progress_counts_the_shards_indexed(site, tmp_path, indexed):
    """A long build says how far indexing is, in shards (it said "indexing for search
    0/1" whatever was done)."""
    import io
    import itertools

    from bitext.progress import Progress

    stream, ticks = io.StringIO(), itertools.count(0, 10)  # (each look: 10 s later)
    build(Options(root=site, out=tmp_path / "out"),
          progress=Progress(stream, clock=lambda: next(ticks)))
    counts = [int(match.group(1)) for match in
              re.finditer(r"^indexing search shards (\d)/6 \(\d+ s\)$", stream.getvalue(),
                          re.MULTILINE)]
    assert "indexing for search" not in stream.getvalue()
    assert counts[0] == 0 and counts == sorted(counts) and len(indexed) == 6


def test_a_command_line_build_lets_go_of_its_papers_while_pagefind_indexes(
        site, tmp_path, indexed, monkeypatch):
    """Once the pages are rendered, a build whose cache keeps no model (the command line's)
    holds no paper beside the Pagefind processes that index the shards left: at 10,000
    papers it held 215 MiB, most of it the model, where it now holds 130. The preview's
    cache keeps its model for the next edit."""
    import gc

    from bitext.cache import MemoryCache
    from bitext.content import Paper

    def papers_alive() -> int:
        gc.collect()
        return sum(1 for thing in gc.get_objects()
                   if isinstance(thing, Paper) and id(thing) not in before)

    alive: list[int] = []
    original = bitext.search.run_pagefind

    def counting(*arguments):
        alive.append(papers_alive())
        return original(*arguments)

    monkeypatch.setattr(bitext.search, "run_pagefind", counting)
    before = {id(thing) for thing in gc.get_objects() if isinstance(thing, Paper)}
    build(Options(root=site, out=tmp_path / "out", jobs=1), DiskCache(site / CACHE_DIR))
    # (the first shard is indexed while the build renders, with its model)
    assert len(alive) == 6 and alive[0] > 0 and alive[-1] == 0
    alive.clear()
    cache = MemoryCache()
    build(Options(root=site, out=tmp_path / "preview", jobs=1), cache)
    assert alive[-1] > 0 and cache.model is not None
