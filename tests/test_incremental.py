"""Cached, incremental and parallel builds give exactly the output of a clean serial build."""

from __future__ import annotations

import os
import pickle
import re
import subprocess
import sys
import time

import pytest

import bitext.inputs
import bitext.parallel
import bitext.pipeline
import bitext.render
from bitext.cache import (
    CACHE_DIR,
    INDEX_FILE,
    OUTPUTS_FILE,
    Bodies,
    DiskCache,
    MemoryCache,
    lists_at_least,
)
from bitext.errors import InputError
from bitext.fingerprint import PagesOf, describe, papers_held
from bitext.markdown import MarkdownRenderer, StoredRendered
from bitext.pipeline import Options, build
from bitext.siteview import EVERY, PAPERS, SETTINGS, SUMMARY, Reads, SiteView
from tests.conftest import SITE_YAML, make_project, paper, snapshot

# Tag and month pages of three papers: the 24 papers' tags and months fill several pages,
# so every test here also checks their pagination against a clean build.
PAGINATED = SITE_YAML.replace("per_page: 2\n", "per_page: 2\nlist_per_page: 3\n")


@pytest.fixture
def site(tmp_path):
    papers = {f"p{n:02d}.md": paper(f"Paper {n}", f"论文{n}", abstract=f"Abstract {n}.",
                                    date=f"2025-0{1 + n % 5}-1{n % 9}",
                                    tags=[["rl", "nlp", "vision"][n % 3], "llm"][: 1 + n % 2])
              for n in range(24)}
    return make_project(tmp_path / "site", papers, PAGINATED)


@pytest.fixture
def key(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user-cache"))


def clean_build(site, tmp_path, name="clean"):
    out = tmp_path / name
    build(Options(root=site, out=out, jobs=1))
    return snapshot(out)


def cached(site, out, jobs=1):
    return build(Options(root=site, out=out, jobs=jobs), DiskCache(site / CACHE_DIR))


def touch_later(path):
    """Move the modification time past the racy window, as a later edit would."""
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**10))


EDITS = {
    "text": lambda papers: papers.joinpath("p03.md").write_text(
        paper("Paper 3", "论文3", abstract="A changed abstract.", date="2025-04-13",
              tags=["rl", "llm"]), "utf-8"),
    "retag": lambda papers: papers.joinpath("p04.md").write_text(
        paper("Paper 4", "论文4", date="2025-05-14", tags=["speech"]), "utf-8"),
    "add": lambda papers: papers.joinpath("new.md").write_text(
        paper("A New Paper", "新论文", date="2025-06-01", tags=["rl"]), "utf-8"),
    "delete": lambda papers: papers.joinpath("p05.md").unlink(),
    "static": lambda papers: papers.parent.parent.joinpath("static/css/site.css").write_text(
        "body { color: red; }\n", "utf-8"),
    "template": lambda papers: papers.parent.parent.joinpath("templates/tag.html").write_text(
        papers.parent.parent.joinpath("templates/tag.html").read_text("utf-8")
        .replace("page-intro", "page-intro tag-intro"), "utf-8"),
    "config": lambda papers: rename_site(papers.parent.parent, "A Renamed Digest"),
    "language name": lambda papers: papers.parent.parent.joinpath("site.yaml").write_text(
        papers.parent.parent.joinpath("site.yaml").read_text("utf-8")
        .replace("name: 简体中文", "name: 中文"), "utf-8"),
}


def rename_site(site, title):
    config = site / "site.yaml"
    config.write_text(config.read_text("utf-8").replace("en: Test Digest", f"en: {title}"),
                      "utf-8")


@pytest.mark.parametrize("edit", sorted(EDITS))
@pytest.mark.parametrize("jobs", [1, 2])
def test_a_cached_build_after_an_edit_equals_a_clean_build(site, tmp_path, key, edit, jobs,
                                                           monkeypatch):
    monkeypatch.setattr(bitext.pipeline, "PARALLEL_MIN", 2)  # use workers at this size
    monkeypatch.setattr(bitext.pipeline, "CHUNK", 3)
    out = tmp_path / "out"
    cached(site, out, jobs)
    EDITS[edit](site / "content/papers")
    for path in (site / "content/papers").glob("*.md"):
        touch_later(path)
    result = cached(site, out, jobs)
    assert result.config is not None and result.written > 0
    assert snapshot(out) == clean_build(site, tmp_path)


def as_in_a_new_process(monkeypatch) -> list:
    """The build's parsers not loaded yet, as in a new process (the tests' own process has
    them): the build then parses the paper files it reads anew in a child while it reads
    the cache (`pipeline.parse_ahead`). Returns the list of the children's results (None
    for one that gave none)."""
    renderer = MarkdownRenderer()
    monkeypatch.setattr(bitext.pipeline, "shared_markdown", lambda: renderer)
    results = []
    original = bitext.pipeline.Ahead.result

    def noted(ahead):
        results.append(original(ahead))
        return results[-1]

    monkeypatch.setattr(bitext.pipeline.Ahead, "result", noted)
    return results


def parsed_here(monkeypatch) -> list[str]:
    """The paper files that this process parses from now on."""
    parsed, original = [], bitext.pipeline.ParseTask.__call__
    parent = os.getpid()

    def noted(task, files):
        if os.getpid() == parent:
            parsed.extend(source for source, _ in files)
        return original(task, files)

    monkeypatch.setattr(bitext.pipeline.ParseTask, "__call__", noted)
    return parsed


@pytest.mark.parametrize("edit", ["text", "retag", "add"])
def test_a_new_process_parses_the_edited_files_ahead_as_it_would_itself(site, tmp_path, key,
                                                                       edit, monkeypatch):
    hour_ago = time.time() - 3600  # (files saved just before a build are read again)
    for path in (site / "content/papers").glob("*.md"):
        os.utime(path, (hour_ago, hour_ago))
    out = tmp_path / "out"
    cached(site, out)
    EDITS[edit](site / "content/papers")
    children = as_in_a_new_process(monkeypatch)
    parsed = parsed_here(monkeypatch)
    assert cached(site, out).written > 0
    assert len(children) == 1 and len(children[0]) == 1  # (the one file, parsed ahead)
    # (kept in the cache as this process's own parse: the next build parses nothing)
    assert cached(site, out).written == 0
    assert parsed == [] and len(children) == 1
    assert snapshot(out) == clean_build(site, tmp_path)


def test_a_file_that_fails_to_parse_ahead_is_parsed_here_with_its_problems(site, tmp_path, key,
                                                                            monkeypatch):
    """A child that gives no result (it failed, or was stopped) leaves the file to this
    process, whose problems the build reports as a clean build does."""
    out = tmp_path / "out"
    cached(site, out)
    before = snapshot(out)
    (site / "content/papers/p03.md").write_text("---\ntitle: [an unclosed list\n---\n",
                                                 "utf-8")
    with pytest.raises(InputError) as clean:
        build(Options(root=site, out=tmp_path / "clean", jobs=1))
    children = as_in_a_new_process(monkeypatch)
    parsed = parsed_here(monkeypatch)
    monkeypatch.setattr(bitext.pipeline, "run_ahead",
                        lambda task: bitext.parallel.run_ahead(lambda: os._exit(3)))
    with pytest.raises(InputError) as raised:
        cached(site, out)
    assert children == [None] and parsed == ["content/papers/p03.md"]
    assert [problem.format() for problem in raised.value.problems] == [
        problem.format() for problem in clean.value.problems]
    assert snapshot(out) == before


def test_files_touched_not_changed_are_not_waited_for(site, tmp_path, key, monkeypatch):
    """The child that parses them ahead is stopped when the cache has them all (here with
    a new title for the site, without which the build would stop on finding the same
    bytes: see `bitext.inputs.survey`)."""
    out = tmp_path / "out"
    cached(site, out)
    for path in (site / "content/papers").glob("*.md"):
        touch_later(path)
    rename_site(site, "A Renamed Digest")
    children = as_in_a_new_process(monkeypatch)
    stopped = []
    monkeypatch.setattr(bitext.pipeline.Ahead, "cancel",
                        lambda ahead, original=bitext.pipeline.Ahead.cancel:
                        stopped.append(ahead.pid) or original(ahead))
    assert cached(site, out).written > 0
    assert len(stopped) == 1 and children == []
    assert snapshot(out) == clean_build(site, tmp_path)


PREVIEW_EDITS = {
    **EDITS,
    "title": lambda papers: papers.joinpath("p06.md").write_text(  # shown by its neighbours
        paper("Paper Six, Renamed", "论文六", date="2025-02-16", tags=["rl"]), "utf-8"),
    "two texts": lambda papers: [papers.joinpath(f"p{n:02d}.md").write_text(
        paper(f"Paper {n}", f"论文{n}", abstract="Both changed.",
              date=f"2025-0{1 + n % 5}-1{n % 9}",
              tags=[["rl", "nlp", "vision"][n % 3], "llm"][: 1 + n % 2]), "utf-8")
        for n in (7, 8)],
    "redate": lambda papers: papers.joinpath("p09.md").write_text(  # same month, new order
        paper("Paper 9", "论文9", abstract="Abstract 9.", date="2025-05-01", tags=["rl"]),
        "utf-8"),
    "draft": lambda papers: papers.joinpath("p10.md").write_text(
        paper("Paper 10", "论文10", date="2025-01-11", tags=["rl"], draft=True), "utf-8"),
}


@pytest.mark.parametrize("edits", [[name] for name in sorted(PREVIEW_EDITS)] + [
    ["text", "title", "text", "redate", "two texts"]])
@pytest.mark.parametrize("watched", [False, True], ids=["scanned", "watched"])
def test_the_preview_after_edits_equals_a_clean_build(site, tmp_path, edits, watched):
    """The preview keeps its cache in memory: model, fingerprints, listing entries; after
    each edit its folder is what a clean build makes, whether the build looked for what
    changed or was told by the watcher (which names the files whose bytes changed)."""
    out, cache = tmp_path / "out", MemoryCache()
    build(Options(root=site, out=out, jobs=1), cache)
    for number, edit in enumerate(edits):
        before = snapshot(site)
        PREVIEW_EDITS[edit](site / "content/papers")
        changed = changed_paths(site, before) if watched else None
        if not watched:
            for path in (site / "content/papers").glob("*.md"):
                touch_later(path)
        build(Options(root=site, out=out, jobs=1), cache, changed=changed)
        assert snapshot(out) == clean_build(site, tmp_path, f"clean-{number}"), edit


def changed_paths(folder, before):
    """The files that came, went or changed since `before`, as a watcher names them."""
    after = snapshot(folder)
    return {str(folder / name) for name in before.keys() | after.keys()
            if before.get(name) != after.get(name)}


def test_a_watched_edit_reports_the_warnings_a_clean_build_reports(site, tmp_path):
    """After an edit the watcher names, the papers' warnings are those of the last build
    with the edited paper's in its place (math that cannot be shown, then mended)."""
    out, cache = tmp_path / "out", MemoryCache()
    options = Options(root=site, out=out, jobs=1)
    build(options, cache)
    path = site / "content/papers/p03.md"
    good = path.read_text("utf-8")
    for text in (good.replace("Abstract 3.", r"Bad $\href{https://a.org}{x}$ math."), good):
        path.write_text(text, "utf-8")
        result = build(options, cache, changed=[str(path)])
        assert result.warnings == build(Options(root=site, out=tmp_path / "clean")).warnings
    assert result.warnings == ()
    path.write_text(good.replace("Abstract 3.", r"Bad $\href{https://a.org}{x}$ math."),
                    "utf-8")
    # (the translation lacks the formula too: a translation check warns of that)
    [warning] = [warning for warning in build(options, cache, changed=[str(path)]).warnings
                 if "math shown as its source" in warning.message]
    assert warning.path == "content/papers/p03.md"


def test_a_watched_preview_reads_what_the_watcher_names(site, tmp_path):
    """Told which files changed, the build reads those and trusts the rest."""
    out, cache = tmp_path / "out", MemoryCache()
    options = Options(root=site, out=out, jobs=1)
    build(options, cache)
    papers = site / "content/papers"
    good = papers.joinpath("p03.md").read_text("utf-8")
    papers.joinpath("p03.md").write_text(good.replace("Abstract 3.", "Changed 3."), "utf-8")
    build(options, cache, changed=[])  # not named, so not read: still the old text
    assert "Changed 3." not in (out / "papers/paper-3/index.html").read_text("utf-8")
    build(options, cache, changed=[str(papers / "p03.md")])
    assert "Changed 3." in (out / "papers/paper-3/index.html").read_text("utf-8")


@pytest.mark.parametrize("change, listed_again", [
    (lambda papers: papers.joinpath("p01.md").write_text("changed", "utf-8"), False),
    (lambda papers: papers.joinpath(".p01.md.swp").write_text("swap", "utf-8"), False),
    (lambda papers: papers.joinpath(".#p01.md").symlink_to("editor@host.1:2"), False),
    (lambda papers: papers.joinpath("new.md").write_text("new", "utf-8"), True),
    (lambda papers: papers.joinpath("p01.md").unlink(), True),
    (lambda papers: papers.joinpath("p01.md").rename(papers / "renamed.md"), True),
    (lambda papers: papers.joinpath("folder").mkdir(), True),
    (lambda papers: replace_with_link(papers / "p01.md", papers / "p02.md"), True),
])
def test_the_papers_are_listed_again_unless_the_watcher_names_only_edits(site, change,
                                                                         listed_again):
    from bitext.inputs import edited_papers, read_inputs

    index = build_index(site)
    before = snapshot(site)
    change(site / "content/papers")
    # (a snapshot lists files; the watcher also names a new folder)
    changed = changed_paths(site, before) | {str(site / "content/papers/folder")}
    assert (edited_papers(site, index, changed) is None) == listed_again
    assert edited_papers(site, index, None) is None
    assert edited_papers(site, index, {"/elsewhere/content/papers/p01.md"}) is None
    assert edited_papers(site, index, {str(site / "templates/tag.html")}) == []
    if not listed_again:
        assert read_inputs(Options(root=site, out=site / "out"), index, changed).key == \
            read_inputs(Options(root=site, out=site / "out"), None).key


def replace_with_link(path, target):
    path.unlink()
    path.symlink_to(target)


def build_index(site):
    cache = MemoryCache()
    build(Options(root=site, out=site.parent / "built", jobs=1), cache)
    return cache.index


def test_an_edit_that_moves_no_paper_patches_the_previews_model(site, tmp_path, monkeypatch):
    """After a text edit the preview swaps the paper into its last model and plan instead of
    making them again (0.1 s at 10,000 papers); the output is still a clean build's."""
    out, cache = tmp_path / "out", MemoryCache()
    build(Options(root=site, out=out, jobs=1), cache)

    def fail(*args):
        raise AssertionError("the model was made again")

    monkeypatch.setattr(bitext.pipeline, "build_site", fail)
    monkeypatch.setattr(bitext.render, "plan_pages", fail)
    EDITS["text"](site / "content/papers")
    site.joinpath("content/papers/p06.md").write_text(  # its neighbours show this title
        paper("Paper 6", "论文六", abstract="Abstract 6.", date="2025-02-16", tags=["rl"]),
        "utf-8")
    for path in (site / "content/papers").glob("*.md"):
        touch_later(path)
    assert build(Options(root=site, out=out, jobs=1), cache).written > 0
    monkeypatch.undo()
    assert snapshot(out) == clean_build(site, tmp_path)


def test_deleting_a_paper_removes_its_page_and_every_mention(site, tmp_path, key):
    out = tmp_path / "out"
    cached(site, out)
    (site / "content/papers/p05.md").unlink()
    result = cached(site, out)
    assert result.deleted >= 1
    assert not (out / "papers/paper-5").exists()
    mentions = [path for path, data in snapshot(out).items()
                if b"paper-5/" in data or b"Paper 5<" in data]
    assert mentions == []


def test_nothing_changed_writes_nothing(site, tmp_path, key):
    out = tmp_path / "out"
    cached(site, out)
    times = {path: path.stat().st_mtime_ns for path in out.rglob("*")}
    result = cached(site, out)
    assert (result.config, result.written, result.rendered) == (None, 0, 0)
    assert {path: path.stat().st_mtime_ns for path in out.rglob("*")} == times


def test_a_build_with_nothing_to_do_loads_no_parsing_or_rendering_library(site, tmp_path, key):
    """Most builds find nothing changed: they read the index and look at the files, and
    leave Jinja, Markdown, YAML and the workers' machinery unloaded (40 % of such a build's
    time at 10,000 papers, when they were loaded), and bitext's own parsers, model and
    pipeline (another 30 ms)."""
    out = tmp_path / "out"
    cached(site, out)
    script = ("import sys; from bitext.cli import main; "
              f"main(['--root', {str(site)!r}, 'build', '--out', {str(out)!r}]); "
              "print(sorted(name for name in sys.modules if name.split('.')[0] in "
              "('jinja2', 'markdown_it', 'yaml', 'slugify', 'latex2mathml', 'multiprocessing')"
              " or name in ('bitext.render', 'bitext.digest', 'bitext.scripts', 'bitext.checks', "
              "'bitext.pipeline', 'bitext.content', 'bitext.config', 'bitext.model', "
              "'bitext.markdown', 'bitext.fingerprint', 'bitext.sources')))")
    finished = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                              check=True)
    report, loaded = finished.stdout.strip().splitlines()
    assert report.startswith("no changes:")
    assert loaded == "[]"


def test_the_command_line_looks_at_the_files_once_when_it_builds(site, tmp_path, key,
                                                                 monkeypatch):
    """It looks before importing the pipeline (see bitext.inputs), and the build it starts
    takes what it found instead of looking again."""
    from bitext.cli import main

    out = tmp_path / "out"
    cached(site, out)
    edited = site / "content/papers/p03.md"
    edited.write_text(edited.read_text("utf-8").replace("Abstract 3.", "Changed 3."), "utf-8")
    touch_later(edited)
    looked = []
    read_inputs = bitext.inputs.read_inputs
    monkeypatch.setattr(bitext.inputs, "read_inputs",
                        lambda *args, **kwargs: looked.append(1) or read_inputs(*args, **kwargs))
    assert main(["--root", str(site), "build", "--out", str(out)]) == 0
    assert looked == [1]
    assert "Changed 3." in (out / "papers/paper-3/index.html").read_text("utf-8")


def test_a_rebuilder_with_nothing_to_do_makes_the_model_for_the_first_edit(site, tmp_path,
                                                                            key, monkeypatch):
    """`build --watch` usually starts with nothing changed since the last `build`: its first
    build still writes nothing, but makes the model, so that its first edit patches it
    instead of making it then (0.6 s at 10,000 papers)."""
    out = tmp_path / "out"
    cached(site, out)
    times = {path: path.stat().st_mtime_ns for path in out.rglob("*")}
    cache = MemoryCache.from_disk(DiskCache(site / CACHE_DIR))
    result = build(Options(root=site, out=out, jobs=1), cache)
    assert (result.written, result.rendered) == (0, 0)
    assert {path: path.stat().st_mtime_ns for path in out.rglob("*")} == times
    assert cache.model is not None

    def fail(*args):
        raise AssertionError("the model was made again")

    monkeypatch.setattr(bitext.pipeline, "build_site", fail)
    EDITS["text"](site / "content/papers")
    touch_later(site / "content/papers/p03.md")
    assert build(Options(root=site, out=out, jobs=1), cache,
                 changed=[str(site / "content/papers/p03.md")]).written > 0
    monkeypatch.undo()
    assert snapshot(out) == clean_build(site, tmp_path)


def test_the_build_after_a_first_build_reads_no_paper_file(site, tmp_path, key, monkeypatch):
    """A first build looks at each paper file as it parses it (not before); what it saw
    is in the index, so the next build only looks at the files' sizes and times."""
    hour_ago = time.time() - 3600  # (files saved just before a build are read again)
    for path in (site / "content/papers").glob("*.md"):
        os.utime(path, (hour_ago, hour_ago))
    out = tmp_path / "out"
    cached(site, out)
    hashed = []
    for module in (bitext.inputs, bitext.pipeline):  # (looking, parsing)
        monkeypatch.setattr(module, "file_digest", lambda source, data: hashed.append(source))
    assert cached(site, out).written == 0
    assert hashed == []


def test_files_touched_but_unchanged_are_read_by_one_build_only(site, tmp_path, key,
                                                                monkeypatch):
    """A checkout (say) gave every paper file a new time and the same bytes: the next build
    reads them, finds nothing changed, and keeps their new times in the index, so that
    the builds after it look at sizes and times only, as before."""
    out = tmp_path / "out"
    cached(site, out)
    before = snapshot(out)
    hour_ago = time.time() - 3600
    for path in (site / "content/papers").glob("*.md"):
        os.utime(path, (hour_ago, hour_ago))
    hashed = []
    original = bitext.inputs.file_digest
    monkeypatch.setattr(bitext.inputs, "file_digest",
                        lambda source, data: hashed.append(source) or original(source, data))
    assert cached(site, out).written == 0
    assert len(hashed) == 24
    hashed.clear()
    index_file = site / CACHE_DIR / INDEX_FILE
    index_written = index_file.stat().st_mtime_ns
    assert cached(site, out).written == 0
    assert hashed == []
    assert index_file.stat().st_mtime_ns == index_written  # (nothing to say again)
    assert snapshot(out) == before
    assert DiskCache(site / CACHE_DIR).load_index() is not None  # (its two parts agree)


def test_a_config_change_that_papers_do_not_read_parses_no_paper(site, tmp_path, key,
                                                                monkeypatch):
    """Parsed papers depend on the config's languages only: a new site title, tags, page
    size or base URL (the preview's, a --base-url) keeps them; a language's name does not."""
    out = tmp_path / "out"
    cached(site, out)
    parsed = []
    original = bitext.pipeline.parse_paper_file
    monkeypatch.setattr(bitext.pipeline, "parse_paper_file",
                        lambda data, source, *rest: parsed.append(source) or original(
                            data, source, *rest))
    rename_site(site, "A Renamed Digest")
    assert cached(site, out).written > 0
    build(Options(root=site, out=tmp_path / "elsewhere", base_url="http://127.0.0.1:8000/"),
          DiskCache(site / CACHE_DIR))
    assert parsed == []
    EDITS["language name"](site / "content/papers")
    cached(site, out)
    assert len(parsed) == 24


def test_site_yaml_is_read_again_only_when_the_settings_changed(site, tmp_path, key,
                                                                monkeypatch):
    """A build takes the config of the last build's index while the settings (site.yaml's
    bytes, the options, bitext) are the same: after an edit to a paper, a new process does
    not read and check site.yaml again."""
    out = tmp_path / "out"
    cached(site, out)
    read = []
    original = bitext.pipeline.load_config
    monkeypatch.setattr(bitext.pipeline, "load_config",
                        lambda *arguments: read.append(arguments) or original(*arguments))
    EDITS["text"](site / "content/papers")
    touch_later(site / "content/papers/p03.md")
    assert cached(site, out).written > 0
    assert read == []
    rename_site(site, "A Renamed Digest")
    assert cached(site, out).written > 0
    assert len(read) == 1
    preview_url = "http://127.0.0.1:8000/"
    build(Options(root=site, out=tmp_path / "elsewhere", base_url=preview_url),
          DiskCache(site / CACHE_DIR))
    assert len(read) == 2
    assert snapshot(out) == clean_build(site, tmp_path)
    build(Options(root=site, out=tmp_path / "clean elsewhere", base_url=preview_url, jobs=1))
    assert snapshot(tmp_path / "elsewhere") == snapshot(tmp_path / "clean elsewhere")


def test_the_pages_of_each_paper_are_kept_as_they_were_found():
    pages_of = {"qwen3": ["papers/qwen3/index.html", "index.html", "tags/llm/index.html"],
                "absolute-zero": ["papers/absolute-zero/index.html", "index.html"],
                "alone": []}
    pages = ["index.html", "papers/absolute-zero/index.html", "papers/qwen3/index.html",
             "tags/llm/index.html", "archive/index.html"]
    kept = pickle.loads(pickle.dumps(PagesOf.of(pages_of, pages)))
    assert dict(kept) == {slug: tuple(paths) for slug, paths in pages_of.items()}
    assert kept.get("absent", ()) == () and len(kept) == 3


def test_an_edit_writes_only_the_files_whose_bytes_changed(site, tmp_path, key):
    out = tmp_path / "out"
    cached(site, out)
    before = snapshot(out)
    EDITS["text"](site / "content/papers")
    result = cached(site, out)
    after = snapshot(out)
    changed = {path for path in after if after[path] != before.get(path)} - {".bitext-output"}
    assert result.written == len(changed) > 0
    assert "papers/paper-3/index.html" in changed
    assert result.rendered < len(after) / 2  # pages that do not show the paper are skipped


def test_a_cached_build_renders_only_the_edited_papers_listing_entries(site, tmp_path, key,
                                                                       monkeypatch):
    """Listing entries are kept in the cache: after an edit, the tag and month pages that
    list the paper are rendered again with the other papers' entries as they were."""
    out = tmp_path / "out"
    cached(site, out)
    rendered = []
    original = bitext.render.render

    def spy(env, name, context):
        if name == bitext.render.ENTRY_TEMPLATE:
            rendered.append(context["paper"].slug)
        return original(env, name, context)

    monkeypatch.setattr(bitext.render, "render", spy)
    EDITS["text"](site / "content/papers")
    touch_later(site / "content/papers/p03.md")
    cached(site, out)
    assert rendered and set(rendered) == {"paper-3"}
    monkeypatch.undo()
    assert snapshot(out) == clean_build(site, tmp_path)


def test_an_edit_renders_only_the_page_of_a_tag_that_lists_the_paper(site, tmp_path, key,
                                                                     monkeypatch):
    """A tag's page holds only its own papers: an edit re-renders the one page of each of
    the paper's tags (and of its month) that lists it, not the tag's other pages."""
    out = tmp_path / "out"
    cached(site, out)
    listed = [path for path in snapshot(out) if path.startswith(("tags/llm/", "archive/"))]
    assert "tags/llm/page/4/index.html" in listed and "tags/llm/page/5/index.html" not in listed
    rendered = []
    original = bitext.render.Renderer.render

    def spy(self, job):
        rendered.append(job.path)
        return original(self, job)

    monkeypatch.setattr(bitext.render.Renderer, "render", spy)
    EDITS["text"](site / "content/papers")
    touch_later(site / "content/papers/p03.md")
    cached(site, out)
    listings = sorted(path for path in rendered
                      if path.startswith(("tags/", "archive/")) and path.endswith(".html"))
    # paper 3 (2025-04-13, rl and llm) is the 5th newest of llm's 12, the 2nd of rl's 8
    # and the 4th of April's 5
    assert listings == ["archive/2025-04/page/2/index.html", "tags/llm/page/2/index.html",
                        "tags/rl/index.html"]
    monkeypatch.undo()
    assert snapshot(out) == clean_build(site, tmp_path)


def test_a_build_after_an_edit_plans_only_the_paper_pages_it_looks_at(site, tmp_path, key,
                                                                       monkeypatch):
    """A paper's page is planned (its neighbours and related papers found) when a build
    asks for it: after an edit, a new process plans the pages that show the paper, the
    edited paper's and those that link to it, not the other papers'."""
    out = tmp_path / "out"
    cached(site, out)
    planned = []
    original = bitext.render.paper_page

    def spy(model, place):
        planned.append(model.papers[place].slug)
        return original(model, place)

    monkeypatch.setattr(bitext.render, "paper_page", spy)
    EDITS["text"](site / "content/papers")
    touch_later(site / "content/papers/p03.md")
    cached(site, out)
    index = DiskCache(site / CACHE_DIR).load_index()
    linking = {path.split("/")[1] for path in index.fingerprints.pages_of["paper-3"]
               if path.startswith("papers/")}
    assert "paper-3" in planned and set(planned) == linking and len(planned) < 24 / 2
    monkeypatch.undo()
    assert snapshot(out) == clean_build(site, tmp_path)


def test_a_build_after_an_edit_reads_the_bodies_of_the_papers_its_pages_show(
        site, tmp_path, key, monkeypatch):
    """A cached paper's abstracts and notes (its body, apart from the rest in the cache)
    are read when a page shows them: after an edit, the bodies of the papers on the pages
    rendered again (neighbours, related papers, feed items), not every paper's."""
    out = tmp_path / "out"
    cached(site, out)
    EDITS["text"](site / "content/papers")
    read, shown = [], set()
    original_read, original_render = DiskCache.read, bitext.render.Renderer.render
    monkeypatch.setattr(DiskCache, "read", lambda self, path: read.append(path)
                        or original_read(self, path))

    def render(renderer, job):
        parts = []
        describe(job.context, parts)  # (a paper by its digest, among other parts)
        shown.update(part for part in parts if re.fullmatch("[0-9a-f]{32}", part))
        return original_render(renderer, job)

    monkeypatch.setattr(bitext.render.Renderer, "render", render)
    cached(site, out)
    bodies = {path.stem for path in read if path.parent.name.startswith("bodies-")}
    assert bodies
    assert bodies <= {part[:2] for part in shown}
    assert len(bodies) < 24 / 2
    monkeypatch.undo()
    assert snapshot(out) == clean_build(site, tmp_path)


@pytest.mark.parametrize("loss", ["deleted", "damaged"])
def test_bodies_the_cache_lost_are_parsed_again(site, tmp_path, key, loss):
    """The papers' heads are intact and their bodies gone: a build that shows every paper's
    text (a new site title renders every page) parses the files again."""
    out = tmp_path / "out"
    cached(site, out)
    for shard in (site / CACHE_DIR).glob("bodies-*/*.pickle"):
        if loss == "deleted":
            shard.unlink()
        else:
            shard.write_bytes(shard.read_bytes()[:-10])
    EDITS["config"](site / "content/papers")
    cached(site, out)
    assert snapshot(out) == clean_build(site, tmp_path)


def test_a_lost_body_whose_file_changed_meanwhile_stops_the_build(site, tmp_path, key,
                                                                 monkeypatch):
    """A body lost from the cache, and its file no longer holding the bytes the build saw
    (as when it changes during the build): the build stops with the file named, and the
    site stays as it was."""
    out = tmp_path / "out"
    cached(site, out)
    before = snapshot(out)
    for shard in (site / CACHE_DIR).glob("bodies-*/*.pickle"):
        shard.unlink()
    EDITS["config"](site / "content/papers")
    monkeypatch.setattr(bitext.pipeline, "parse_again", lambda *arguments: None)
    with pytest.raises(InputError) as raised:
        cached(site, out)
    problem = raised.value.problems[0]
    assert problem.path.startswith("content/papers/p")
    assert problem.message == "the file changed while the site was being built"
    assert problem.hint == "build again"
    assert snapshot(out) == before


def test_a_body_of_a_paper_the_build_no_longer_has_stops_with_a_message(tmp_path, key):
    """Another build dropped the body of a paper that this one has dropped too (a preview
    and a `build` at once): there is no file left to parse it from."""
    cache = DiskCache(tmp_path / CACHE_DIR)
    lost = Bodies(cache, cache.bodies_folder("k" * 16), reparse=None).stored(("ab" * 32, 0))
    with pytest.raises(InputError) as raised:
        _ = lost.text
    assert raised.value.problems[0].message == "another build changed the cache meanwhile"


def test_cached_papers_equal_the_papers_parsed_from_their_files(site, tmp_path, key):
    cached(site, tmp_path / "out")
    config = bitext.pipeline.load_config(site, None)
    config_key = bitext.pipeline.parsed_key(config.languages)
    kept = DiskCache(site / CACHE_DIR).load_parsed(config_key)
    assert len(kept) == 24
    for digest, (kept_paper, problems) in kept.items():
        assert type(kept_paper.abstract.primary) is StoredRendered  # (its text not read yet)
        fresh = bitext.pipeline.parse_again(site, config.languages, kept_paper.source, digest)
        assert kept_paper == fresh and fresh == kept_paper
        assert pickle.loads(pickle.dumps(kept_paper)) == fresh
        assert not problems


@pytest.mark.parametrize("damage", ["garbage", "truncated", "empty", "foreign-key"])
def test_a_damaged_cache_never_changes_the_output(site, tmp_path, key, damage):
    out = tmp_path / "out"
    cached(site, out)
    EDITS["text"](site / "content/papers")
    cache_files = [path for path in (site / CACHE_DIR).rglob("*") if path.is_file()]
    assert len(cache_files) > 2
    for path in cache_files:
        data = path.read_bytes()
        if damage == "garbage":
            path.write_bytes(bytes(reversed(data)))
        elif damage == "truncated":
            path.write_bytes(data[: len(data) // 2])
        elif damage == "empty":
            path.write_bytes(b"")
    if damage == "foreign-key":  # a cache written by someone else (copied, committed)
        os.environ["XDG_CACHE_HOME"] = str(tmp_path / "another-user")
    cached(site, out)
    assert snapshot(out) == clean_build(site, tmp_path)


def test_a_cache_that_lies_about_the_folder_is_not_trusted(site, tmp_path, key):
    """Someone changed the output folder behind bitext's back (and its marker with it)."""
    out = tmp_path / "out"
    cached(site, out)
    (out / "papers/paper-3/index.html").write_text("tampered", "utf-8")
    (out / ".bitext-output").write_text("edited by hand", "utf-8")
    (out / "stray.html").write_text("left over", "utf-8")
    cached(site, out)
    assert snapshot(out) == clean_build(site, tmp_path)


def test_a_build_with_nothing_to_do_reads_only_the_light_part_of_the_index(site, tmp_path,
                                                                          key, monkeypatch):
    out = tmp_path / "out"
    cached(site, out)
    read = []
    original = DiskCache.read
    monkeypatch.setattr(DiskCache, "read", lambda self, path: read.append(path.name)
                        or original(self, path))
    assert cached(site, out).files == len(snapshot(out)) - 1  # (all but the marker)
    assert read == [INDEX_FILE]
    EDITS["text"](site / "content/papers")
    cached(site, out)
    assert OUTPUTS_FILE in read
    monkeypatch.undo()
    assert snapshot(out) == clean_build(site, tmp_path)


def test_an_index_completed_by_another_builds_outputs_is_not_trusted(site, tmp_path, key):
    """The index's two files were written by different builds (one stopped between them,
    or a file was copied): the build compares with the folder instead."""
    out = tmp_path / "out"
    cached(site, out)
    older = (site / CACHE_DIR / OUTPUTS_FILE).read_bytes()
    EDITS["retag"](site / "content/papers")
    cached(site, out)
    (site / CACHE_DIR / OUTPUTS_FILE).write_bytes(older)
    EDITS["add"](site / "content/papers")
    assert not DiskCache(site / CACHE_DIR).load_index()
    cached(site, out)
    assert snapshot(out) == clean_build(site, tmp_path)


def test_a_folder_built_without_the_cache_is_adopted(site, tmp_path, key):
    out = tmp_path / "out"
    build(Options(root=site, out=out))
    times = {path: path.stat().st_mtime_ns for path in out.rglob("*") if path.is_file()}
    result = cached(site, out)
    assert result.written == 0  # same bytes: nothing rewritten
    assert {path: path.stat().st_mtime_ns for path in out.rglob("*") if path.is_file()} == times


class FakeClock:
    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now


def test_progress_is_quiet_for_short_builds_then_prints_plain_lines_in_logs():
    import io

    from bitext.progress import Progress

    stream, clock = io.StringIO(), FakeClock()
    progress = Progress(stream, clock=clock)
    progress.begin("rendering pages", 3000)
    progress.advance(100)
    assert stream.getvalue() == ""  # under a second: nothing
    clock.now = 6.0
    progress.advance(1900)
    clock.now = 7.0
    progress.advance(500)  # too soon after the last line for a log
    progress.done()
    assert stream.getvalue() == "rendering pages 2,000/3,000 (6 s)\n"


def test_progress_leaves_out_steps_with_nothing_to_do():
    """`build --watch` at 10,000 papers starts with a second of comparing and no page to
    render: it printed "rendering pages 0/0"."""
    import io

    from bitext.progress import Progress

    stream, clock = io.StringIO(), FakeClock()
    progress = Progress(stream, clock=clock)
    clock.now = 6.0  # (past the quiet second and the first log line's wait)
    progress.begin("parsing papers", 0)
    progress.begin("rendering pages", 0)
    progress.done()
    assert stream.getvalue() == ""


def test_no_cache_restores_files_deleted_or_edited_by_hand(site, tmp_path, key):
    from bitext.cli import main

    out = tmp_path / "out"
    cached(site, out)
    (out / "papers/paper-3/index.html").unlink()
    (out / "tags/rl/index.html").write_text("edited by hand", "utf-8")
    assert main(["--root", str(site), "build", "--out", str(out), "--no-cache"]) == 0
    assert snapshot(out) == clean_build(site, tmp_path)


def test_papers_are_indexed_by_the_bytes_parsed(site, tmp_path):
    """A first build hashes each file as it parses it; a file saved again between being
    looked at and being parsed is indexed as parsed (it used to stop the build with a
    KeyError), and the next build's look at it sees the change."""
    from bitext.config import load_config
    from bitext.hashing import file_digest
    from bitext.pipeline import load_papers, read_inputs
    from bitext.progress import Progress

    options = Options(root=site, out=tmp_path / "out", jobs=1)
    config = load_config(site, None)
    for hash_papers in (True, False):
        inputs = read_inputs(options, None, hash_papers=hash_papers)
        edited = site / "content/papers/p03.md"
        edited.write_text(paper(f"Paper 3 {hash_papers}", "论文3", date="2025-04-13"), "utf-8")
        loaded, parsed = load_papers(inputs, config, options, MemoryCache(),
                                     Progress(enabled=False))
        papers = loaded.papers
        assert f"Paper 3 {hash_papers}" in {paper.title.primary for paper in papers}
        source = "content/papers/p03.md"
        stat = edited.stat()
        assert parsed.sources[source] == (stat.st_size, stat.st_mtime_ns,
                                          file_digest(source, edited.read_bytes()))
        assert parsed.key == read_inputs(options, None).key


def test_compiled_templates_kept_for_the_user_stay_few(tmp_path, key, monkeypatch):
    """Every project folder adds its templates' compiled code to the user's cache folder;
    without a limit it only grew (200 MB after a few weeks of test runs)."""
    import bitext.cache

    monkeypatch.setattr(bitext.cache, "COMPILED_KEPT", 20)
    home = tmp_path / "user-cache" / "bitext"
    (home / "templates-older-form").mkdir(parents=True)  # (an earlier bitext version's)
    for number in range(4):  # four project folders, one after the other
        project = make_project(tmp_path / f"project-{number}", {"one.md": paper("One", "一")})
        build(Options(root=project, out=tmp_path / f"out-{number}"),
              DiskCache(project / CACHE_DIR))
    templates = len(list((project / "templates").iterdir()))
    folders = [path.name for path in home.iterdir() if path.is_dir()]
    assert folders == [f"templates-{bitext.render.COMPILED_FORM}"]
    compiled = list((home / folders[0]).iterdir())
    # (pruned before each build compiles its own: at most the limit and one project's)
    assert templates < len(compiled) <= 20 + templates < 4 * templates


def test_a_build_with_search_after_one_without_indexes_the_edited_papers(site, tmp_path, key):
    """`--no-search` keeps the last index; the next build with search brings it up to date,
    though nothing else changed since (it said "no changes" and kept the old index)."""
    config = site / "site.yaml"
    config.write_text(config.read_text("utf-8").replace("search: false", "search: true"),
                      "utf-8")
    out = tmp_path / "out"

    def bundles():
        return {path: data for path, data in snapshot(out).items()
                if path.startswith("pagefind")}

    cache = DiskCache(site / CACHE_DIR)
    build(Options(root=site, out=out), cache)
    first = bundles()
    EDITS["text"](site / "content/papers")
    assert build(Options(root=site, out=out, search=False), cache).written > 0
    assert bundles() == first
    result = build(Options(root=site, out=out), cache)
    assert result.config is not None and bundles() != first
    assert build(Options(root=site, out=out), cache).config is None  # (now up to date)
    assert snapshot(out) == clean_build(site, tmp_path)


def test_another_version_of_a_library_parses_and_renders_everything_again(site, tmp_path, key,
                                                                          monkeypatch):
    """A cache made with one version of markdown-it, Jinja … never stands in for another's
    output (a clean build would show the new version's)."""
    out = tmp_path / "out"
    first = cached(site, out)
    parsed = []
    original = bitext.pipeline.parse_paper_file
    monkeypatch.setattr(bitext.pipeline, "parse_paper_file",
                        lambda data, source, *rest: parsed.append(source) or original(
                            data, source, *rest))
    assert cached(site, out).config is None and parsed == []
    for module in (bitext.inputs, bitext.pipeline):  # (the settings, the parsed papers' key)
        monkeypatch.setattr(module, "libraries_stamp", lambda: "markdown-it-py 9.9")
    assert cached(site, out).rendered == first.rendered and len(parsed) == 24


def test_the_libraries_stamp_changes_when_a_library_is_installed_again(tmp_path, monkeypatch):
    library = tmp_path / "renderlib"
    library.mkdir()
    (library / "__init__.py").write_text("VERSION = 1\n", "utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setattr(bitext.inputs, "OUTPUT_LIBRARIES", ("renderlib",))
    stamp = bitext.inputs.libraries_stamp.__wrapped__
    before = stamp()
    assert stamp() == before
    (library / "__init__.py").write_text("VERSION = 22\n", "utf-8")  # (a new version)
    assert stamp() != before


# Templates that show papers through `site`, beyond the page's own context: every page
# whose render reads them must follow every paper (and listing entries that read more of
# `site` than the settings must not be kept for the next build).
SITE_READING_TEMPLATES = {
    "footer shows the newest paper": (
        "base.html", "{% if config.editor %}",
        "<p>Latest: {{ site.papers[0].title.secondary }}</p>\n    {% if config.editor %}"),
    "sidebar shows the three newest papers": (
        "base.html", "{% if config.editor %}",
        "<ul>{% for newest in site.papers[:3] %}<li>{{ newest.title.secondary }}</li>"
        "{% endfor %}</ul>\n    {% if config.editor %}"),
    "entry counts the papers": (
        "entry.html", "<article>", "<article data-of=\"{{ site.papers|length }}\">"),
    "entry shows the newest paper": (
        "entry.html", "<article>", "<article data-newest=\"{{ site.papers[0].slug }} "
                                   "{{ site.papers[0].title.secondary }}\">"),
    "entry shows the build date": (
        "entry.html", "<article>", "<article data-built=\"{{ site.updated.isoformat() }}\">"),
    "paper page shows each tag's oldest paper": (
        "paper.html", "{% block main %}",
        "{% block main %}{% for tag in site.tags.values() %}{{ tag.papers[-1].title.secondary }}"
        "{% endfor %}"),
    "archive shows each month's newest paper": (
        "archive.html", "{{ month_ui(month.first_day) }}</a>",
        "{{ month_ui(month.first_day) }} {{ month.papers[0].title.secondary }}</a>"),
}

SITE_EDITS = {  # (a translated title moves no paper; a title gives the paper's slug)
    "translate the newest's title anew": lambda papers: papers.joinpath("p14.md").write_text(
        paper("Paper 14", "论文十四", abstract="Abstract 14.", date="2025-05-15",
              tags=["vision"]), "utf-8"),
    "translate the title of a tag's oldest anew": lambda papers: papers.joinpath(
        "p20.md").write_text(paper("Paper 20", "论文二十", abstract="Abstract 20.",
                                   date="2025-01-12", tags=["vision"]), "utf-8"),
    "translate the third newest's title anew": lambda papers: papers.joinpath(
        "p19.md").write_text(paper("Paper 19", "论文十九", abstract="Abstract 19.",
                                   date="2025-05-11", tags=["nlp", "llm"]), "utf-8"),
    "add the newest": EDITS["add"],
    "delete": EDITS["delete"],
}


def show_through_site(site, template):
    name, old, new = SITE_READING_TEMPLATES[template]
    path = site / "templates" / name
    text = path.read_text("utf-8")
    assert text.count(old) == 1, (name, old)
    path.write_text(text.replace(old, new), "utf-8")


@pytest.mark.parametrize("template", sorted(SITE_READING_TEMPLATES))
@pytest.mark.parametrize("edit", sorted(SITE_EDITS))
@pytest.mark.parametrize("path", ["command line", "preview"])
def test_a_template_that_shows_papers_through_site_follows_every_edit(site, tmp_path, key,
                                                                      template, edit, path):
    show_through_site(site, template)
    out = tmp_path / "out"
    memory = MemoryCache()
    rebuild = ((lambda changed: cached(site, out)) if path == "command line" else
               (lambda changed: build(Options(root=site, out=out, jobs=1), memory,
                                      changed=changed)))
    rebuild(None)
    before = snapshot(site)
    SITE_EDITS[edit](site / "content/papers")
    for file in (site / "content/papers").glob("*.md"):
        touch_later(file)
    rebuild(changed_paths(site, before))
    assert snapshot(out) == clean_build(site, tmp_path)


def test_the_default_templates_read_no_paper_through_site(site):
    """So an edit re-renders only the pages that show the edited paper; with a footer that
    shows the newest paper, every HTML page follows every paper."""
    assert build_index(site).fingerprints.newest_read is None
    show_through_site(site, "footer shows the newest paper")
    index = build_index(site)
    assert index.fingerprints.newest_read == {
        path: 1 for path in index.outputs if path.endswith(".html")}


def test_listing_entries_that_read_more_than_the_settings_are_not_kept(site, tmp_path, key):
    """An entry is kept for later builds by its paper alone (see entry.html)."""
    out = tmp_path / "out"
    cached(site, out)
    assert len(DiskCache(site / CACHE_DIR).listing_entries(
        bitext.inputs.read_inputs(Options(root=site, out=out), None).settings, [])) == 24
    show_through_site(site, "entry shows the build date")
    cached(site, out)
    assert DiskCache(site / CACHE_DIR).listing_entries(
        bitext.inputs.read_inputs(Options(root=site, out=out), None).settings, []) == {}


def test_a_build_loads_the_kept_listing_entries_for_pages_that_list_enough_papers(
        site, tmp_path, key):
    """Rendering an entry takes as long as loading eight: `build` loads them when the pages
    it renders list at least one paper in eight (24 papers here: 3), else renders them."""
    out = tmp_path / "out"
    cached(site, out)
    settings = bitext.inputs.read_inputs(Options(root=site, out=out), None).settings
    model, _, _, _ = bitext.pipeline.render(Options(root=site, out=out))
    jobs = bitext.render.plan_pages(model)
    home, tag = jobs["index.html"], jobs["tags/rl/index.html"]
    assert papers_held(home.context) == 2  # (per_page)
    assert papers_held(tag.context) == 3  # (list_per_page)
    newest = jobs[model.papers[0].url + "index.html"]
    neighbours = newest.context["neighbours"]
    assert neighbours.newer is None and neighbours.older and neighbours.related
    assert papers_held(newest.context) == 1 + 1 + len(neighbours.related)
    assert lists_at_least([home, home], 4) and not lists_at_least([home, home], 5)
    assert not lists_at_least([], 1) and lists_at_least([], 0)

    kept = DiskCache(site / CACHE_DIR).listing_entries(settings, model.papers)
    assert len(kept) == 24
    assert DiskCache(site / CACHE_DIR).listing_entries(settings, model.papers, [tag]) == kept
    assert DiskCache(site / CACHE_DIR).listing_entries(settings, model.papers, [home]) == {}


@pytest.mark.parametrize(("read", "level", "newest"), [
    (lambda site: site.config.title, SETTINGS, 0),
    (lambda site: (site.tags["rl"].name, site.tags["rl"].url, site.tags["rl"].slug),
     SETTINGS, 0),
    (lambda site: site.updated, SUMMARY, 0),
    (lambda site: "speech" in site.tags, SUMMARY, 0),
    (lambda site: site.tags.get("speech"), SUMMARY, 0),  # (a missing tag: the summary's)
    (lambda site: [tag.name for tag in site.tags.values()], SUMMARY, 0),
    (lambda site: site.tags["rl"].count, SUMMARY, 0),
    (lambda site: [(month.key, month.count, month.first_day) for month in site.months],
     SUMMARY, 0),
    (lambda site: len(site.papers), SUMMARY, 0),
    (lambda site: site.papers[0], PAPERS, 1),
    (lambda site: site.papers[:3], PAPERS, 3),
    (lambda site: next(iter(site.papers)), PAPERS, 1),  # (`|first`)
    (lambda site: next(paper for paper in site.papers if "llm" in paper.tags), PAPERS, 3),
    (lambda site: list(site.papers), PAPERS, 24),
    (lambda site: site.papers[-1], PAPERS, EVERY),
    (lambda site: site.papers[2:-1], PAPERS, EVERY),
    (lambda site: site.pages, PAPERS, EVERY),
    (lambda site: site.tags["rl"].papers, PAPERS, EVERY),
    (lambda site: site.months[0].papers, PAPERS, EVERY),
    (lambda site: site.translated, PAPERS, EVERY),  # (and whatever else the model holds)
])
def test_templates_see_the_site_through_a_view_that_notes_what_they_read(site, read, level,
                                                                        newest):
    """What a template reads through `site`: the settings, the summary (which every
    fingerprint covers), or papers, and then how many of the newest."""
    model = bitext.pipeline.render(Options(root=site, out=site / "out"))[0]
    reads = Reads()
    read(SiteView(model, reads))
    assert (reads.level, reads.newest) == (level, newest)
