"""`build --watch`: the output folder follows each change, as the preview does, and the
cache it ends with lets the next `build` start where it ended."""

import os
import signal
import subprocess
import sys
import threading
import time

import pytest

from bitext.cache import CACHE_DIR, DiskCache
from bitext.pipeline import Options, build
from bitext.watching import build_on_changes
from tests.conftest import REPO, indexed_text, snapshot


def wait_for(condition, seconds: float = 20) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False


def shows(path, text) -> bool:
    return path.is_file() and text in path.read_text("utf-8")


def saved_and(path, text, check) -> bool:
    """Save `text` to `path` (again on each try: the watches may not be set up when the
    first build ends), then whether `check()` holds."""
    path.write_text(text, "utf-8")
    return check()


def built(out) -> bool:
    """Whether a first build into `out` ended: its marker holds a build's token, written
    last (a first build marks the folder as it begins, with no build's token)."""
    from bitext.write import UNFINISHED, read_marker

    return read_marker(out) not in (None, UNFINISHED)


def start_watching(project, out, stop) -> threading.Thread:
    """`build --watch` of `project` into `out`, in a thread, until `stop` is set."""
    watching = threading.Thread(target=build_on_changes,
                                args=(Options(root=project, out=out),
                                      DiskCache(project / CACHE_DIR), stop))
    watching.start()
    return watching


def test_the_output_follows_each_edit_and_the_next_build_has_nothing_to_do(project, tmp_path):
    out, stop = tmp_path / "out", threading.Event()
    watching = start_watching(project, out, stop)
    page, paper_file = out / "papers/first-paper/index.html", project / "content/papers/one.md"
    try:
        assert wait_for(lambda: built(out)) and shows(page, "An abstract.")
        good = paper_file.read_text("utf-8")
        for text in ("Edited once.", "Edited twice."):
            assert wait_for(lambda text=text: saved_and(
                paper_file, good.replace("An abstract.", text), lambda: shows(page, text)), 10)
    finally:
        stop.set()
        watching.join(10)
    assert not watching.is_alive()
    result = build(Options(root=project, out=out), DiskCache(project / CACHE_DIR))
    assert result.config is None  # (the cache was written when watching ended)
    build(Options(root=project, out=tmp_path / "clean"))
    assert snapshot(out) == snapshot(tmp_path / "clean")


def test_the_search_index_follows_the_edits_and_the_next_build_indexes_nothing(
        project, tmp_path, monkeypatch):
    """The first build indexes as `build` does; after an edit, the shards whose records
    changed are indexed again in the background and published. The cache written when
    watching ends knows those bundles: the next `build` runs no Pagefind, and its output
    is a clean build's."""
    import bitext.search

    config = project / "site.yaml"
    config.write_text(config.read_text("utf-8").replace("search: false", "search: true"),
                      "utf-8")
    out, stop = tmp_path / "out", threading.Event()
    watching = start_watching(project, out, stop)
    page, paper_file = out / "papers/first-paper/index.html", project / "content/papers/one.md"
    try:
        assert wait_for(lambda: built(out), 60)
        assert "An abstract." in indexed_text(snapshot(out), "pagefind")
        edited = paper_file.read_text("utf-8").replace("An abstract.", "Zymurgy, edited.")
        assert wait_for(lambda: saved_and(paper_file, edited,
                                          lambda: shows(page, "Zymurgy")), 10)
        assert wait_for(lambda: "Zymurgy" in indexed_text(snapshot(out), "pagefind"), 60)
    finally:
        stop.set()
        watching.join(10)
    assert not watching.is_alive()
    indexed, summed = [], []
    original = bitext.search.run_pagefind
    monkeypatch.setattr(bitext.search, "run_pagefind",
                        lambda pages, *rest: indexed.append(pages) or original(pages, *rest))
    original_sums = bitext.search.paper_record_sums
    monkeypatch.setattr(bitext.search, "paper_record_sums",
                        lambda paper: summed.append(paper.slug) or original_sums(paper))
    build(Options(root=project, out=out), DiskCache(project / CACHE_DIR))
    assert indexed == []
    assert summed == []  # (the record sums of the bundles published were kept too)
    build(Options(root=project, out=tmp_path / "clean"))
    assert snapshot(out) == snapshot(tmp_path / "clean")


def test_bad_input_keeps_the_last_good_build_and_watching_goes_on(project, tmp_path, capsys):
    out, stop = tmp_path / "out", threading.Event()
    watching = threading.Thread(target=build_on_changes,
                                args=(Options(root=project, out=out), None, stop))
    watching.start()
    page, paper_file = out / "papers/first-paper/index.html", project / "content/papers/one.md"
    good = paper_file.read_text("utf-8")
    try:
        assert wait_for(lambda: built(out))
        before = snapshot(out)
        errors = []
        assert wait_for(lambda: saved_and(
            paper_file, good.replace("date: 2025-04-20", "date: 2025-04-31"),
            lambda: errors.append(capsys.readouterr().err) or "no such date" in errors[-1]),
            10)
        assert "the last good build stays as it was" in errors[-1]
        assert snapshot(out) == before
        assert wait_for(lambda: saved_and(paper_file, good.replace("An abstract.", "Mended."),
                                          lambda: shows(page, "Mended.")), 10)
    finally:
        stop.set()
        watching.join(10)


@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM, signal.SIGHUP],
                         ids=["Ctrl-C", "SIGTERM", "SIGHUP"])
def test_ctrl_c_ends_watching_quietly(project, stop):
    """Each line comes as it happens (into a pipe too, where output is buffered), and
    Ctrl-C, SIGTERM (a script's `kill`) or SIGHUP (its terminal closed) ends watching with
    status 0 and the cache written."""
    env = {**{name: value for name, value in os.environ.items()
              if name != "PYTHONUNBUFFERED"}, "PYTHONPATH": str(REPO)}
    process = subprocess.Popen([sys.executable, "-m", "bitext", "--root", str(project),
                                "build", "--watch"], env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
    lines: list[str] = []
    reading = threading.Thread(target=lambda: lines.extend(process.stdout), daemon=True)
    reading.start()
    try:
        assert wait_for(lambda: any(line.startswith("watching") for line in lines))
    finally:
        process.send_signal(stop)
        process.wait(timeout=20)
        reading.join(5)
    stderr = process.stderr.read()
    assert process.returncode == 0, stderr
    assert "Traceback" not in stderr and built(project / "_site")
    assert (project / CACHE_DIR / "index.pickle").is_file()


def test_rebuilds_leave_no_model_in_a_reference_cycle(project, tmp_path):
    """A rebuilder freezes the objects alive after each build (see
    `keep_survivors_frozen`): the collector does not look at them again, so a model left
    in a reference cycle by an edit would stay as long as the preview runs. Edits that
    patch the model, make it anew, fail and change the templates leave none."""
    import gc

    from bitext.cache import MemoryCache
    from bitext.watching import Watch

    paper_file, template = project / "content/papers/two.md", project / "templates/base.html"
    original = paper_file.read_text("utf-8")
    edits = [
        (paper_file, original.replace("An abstract.", "A new abstract.")),  # (patched)
        (paper_file, original.replace("2025-05-02", "2025-03-02")),  # (a model anew)
        (paper_file, original.replace("title:", "title: [", 1)),  # (fails)
        (paper_file, original),
        (template, template.read_text("utf-8") + "\n{# edited #}\n"),  # (templates anew)
    ]
    rebuilder = Watch(Options(root=project, out=tmp_path / "out", search=False),
                      MemoryCache())
    rebuilder.rebuild()
    for path, text in edits:
        path.write_text(text, "utf-8")
        rebuilder.rebuild([str(path)])
    gc.unfreeze()
    gc.set_debug(gc.DEBUG_SAVEALL)  # (what the collector finds is kept in gc.garbage)
    try:
        gc.collect()
        found = {type(item).__name__ for item in gc.garbage}
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
    assert rebuilder.cache.model is not None
    assert not found & {"Paper", "Site", "Tag", "Month", "Model", "Environment", "Template",
                        "MarkdownIt", "Renderer"}
