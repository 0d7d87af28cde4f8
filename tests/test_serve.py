"""`serve`: incremental rebuilds, the error overlay, and a preview server that only
answers local requests for files inside its build folder."""

import contextlib
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

from bitext.pipeline import Options
from bitext.serve import Preview, PreviewState, host_allowed, make_app, resolve_request
from tests.conftest import CHROMIUM, REPO, indexed_text, paper, require, snapshot


@pytest.fixture
def preview(project, tmp_path):
    out = tmp_path / "preview"
    state = PreviewState(folder=out)
    preview = Preview(Options(root=project, out=out, base_url="http://127.0.0.1:8000/",
                              drafts=True), state)
    preview.rebuild()
    return preview


def rendered_by(preview, change) -> set[str]:
    """Paths the next rebuild renders after `change()`."""
    from bitext.render import Renderer

    seen = set()
    original = Renderer.render

    def spy(self, job):
        seen.add(job.path)
        return original(self, job)

    change()
    Renderer.render = spy
    try:
        preview.rebuild()
    finally:
        Renderer.render = original
    return seen


def test_editing_one_paper_renders_it_and_the_pages_that_show_it(preview, project):
    path = project / "content/papers/one.md"
    edit = lambda: path.write_text(path.read_text("utf-8").replace("An abstract.",  # noqa: E731
                                                                   "A new abstract."), "utf-8")
    rendered = rendered_by(preview, edit)
    assert rendered == {
        "papers/first-paper/index.html",    # the paper
        "papers/second-paper/index.html",   # its newer neighbour, also related by tag rl
        "page/2/index.html",                # the home page that lists it
        "tags/rl/index.html", "tags/rl/feed.xml", "tags/nlp/index.html", "tags/nlp/feed.xml",
        "archive/2025-04/index.html",       # its month
        "feed.xml",                         # the site feed holds its abstract
    }  # not the sitemap and the indexes: they show the paper's address and counts only
    assert "A new abstract." in (preview.options.out / "papers/first-paper/index.html"
                                 ).read_text("utf-8")


def test_retagging_a_paper_renders_the_pages_that_count_tags(preview, project):
    path = project / "content/papers/one.md"
    retag = lambda: path.write_text(path.read_text("utf-8").replace("[rl, nlp]", "[rl, vision]"),  # noqa: E731
                                    "utf-8")
    rendered = rendered_by(preview, retag)
    assert {"tags/index.html", "tags/vision/index.html", "sitemap.xml"} <= rendered
    assert not (preview.options.out / "tags/nlp/index.html").exists()


def test_incremental_preview_equals_a_full_build(preview, project, tmp_path):
    from bitext.pipeline import build

    (project / "content/papers/two.md").write_text(
        paper("Second Paper", "第二篇", date="2025-05-02", tags=["vision"]), "utf-8")
    (project / "content/papers/three.md").unlink()
    preview.rebuild()
    build(Options(root=project, out=tmp_path / "full", base_url="http://127.0.0.1:8000/",
                  drafts=True))
    assert snapshot(preview.options.out) == snapshot(tmp_path / "full")


def test_the_preview_and_the_build_share_their_parsed_papers(project, tmp_path, monkeypatch):
    """Papers parsed by `build` are not parsed again by the next preview's first build,
    nor the other way round: the preview starts a large site without reading every paper.
    (What later rebuilds parse stays in the preview's memory.)"""
    import bitext.pipeline
    from bitext.cache import CACHE_DIR, DiskCache

    def build_site():
        return bitext.pipeline.build(Options(root=project, out=tmp_path / "built"),
                                     DiskCache(project / CACHE_DIR))

    build_site()
    parsed = []
    original = bitext.pipeline.parse_paper_file
    monkeypatch.setattr(bitext.pipeline, "parse_paper_file",
                        lambda data, source, *rest: parsed.append(source) or original(
                            data, source, *rest))
    out = tmp_path / "preview"
    preview = Preview(Options(root=project, out=out, base_url="http://127.0.0.1:8000/",
                              drafts=True), PreviewState(folder=out))
    preview.rebuild()
    assert parsed == [] and (out / "papers/first-paper/index.html").is_file()
    path = project / "content/papers/one.md"
    path.write_text(path.read_text("utf-8").replace("An abstract.", "Edited."), "utf-8")
    preview.rebuild([str(path)])
    assert parsed == ["content/papers/one.md"]
    build_site()
    assert parsed == ["content/papers/one.md"] * 2
    (project / "content/papers/two.md").write_text(paper("Second Paper", "第二篇",
                                                        date="2025-05-02", tags=["rl"],
                                                        abstract="Edited."), "utf-8")
    Preview(Options(root=project, out=tmp_path / "second", drafts=True),
            PreviewState(folder=tmp_path / "second")).rebuild()
    build_site()
    assert parsed == ["content/papers/one.md"] * 2 + ["content/papers/two.md"]
    assert "Edited." in (tmp_path / "built/papers/first-paper/index.html").read_text("utf-8")


def test_a_file_that_failed_is_read_again_until_a_build_succeeds(preview, project, tmp_path):
    """The watcher names each changed file once; the preview keeps naming a file whose
    change did not build, or a later build would take the old file for the current one."""
    from bitext.pipeline import build

    papers = project / "content/papers"
    good = papers.joinpath("one.md").read_text("utf-8")
    papers.joinpath("one.md").write_text(good.replace("title:", "title: [", 1), "utf-8")
    preview.rebuild([str(papers / "one.md")])
    assert preview.state.errors
    papers.joinpath("two.md").write_text(
        paper("Second Paper", "第二篇", date="2025-05-02", tags=["vision"]), "utf-8")
    preview.rebuild([str(papers / "two.md")])
    assert preview.state.errors and "one.md" in preview.state.errors[0]
    papers.joinpath("one.md").write_text(good.replace("An abstract.", "Mended."), "utf-8")
    preview.rebuild([str(papers / "one.md")])
    assert not preview.state.errors
    build(Options(root=project, out=tmp_path / "full", base_url="http://127.0.0.1:8000/",
                  drafts=True))
    assert snapshot(preview.options.out) == snapshot(tmp_path / "full")


def test_the_watcher_names_the_files_that_changed(project):
    from bitext.serve import ChangeWatcher

    watcher = ChangeWatcher(project, lambda changed: None)
    watcher.begin()
    paper_file, config = project / "content/papers/one.md", project / "site.yaml"

    def save_all() -> bool:  # again on each try: the watches may not be set up yet
        # (notes.txt first: the site.yaml event comes after its own, from the same watch)
        (project / "notes.txt").write_text("not an input", "utf-8")
        for path in (paper_file, config):
            path.write_text(path.read_text("utf-8") + "\n", "utf-8")
        return {str(paper_file), str(config)} <= watcher.pending

    try:
        assert wait_for(save_all, 10)
        assert str(project / "notes.txt") not in watcher.pending
    finally:
        watcher.stop()


def search_preview(project, out, ready):
    """A preview of `project` with search turned on in its site.yaml."""
    config = project / "site.yaml"
    config.write_text(config.read_text("utf-8").replace("search: false", "search: true"),
                      "utf-8")
    return Preview(Options(root=project, out=out, base_url="http://127.0.0.1:8000/"),
                   PreviewState(folder=out), search_ready=ready.set)


def indexed_preview(project, out, ready):
    """A search preview (see `search_preview`) whose first index is made and published;
    `ready` is clear again."""
    preview = search_preview(project, out, ready)
    preview.rebuild()
    assert ready.wait(60), "the search index was not made"
    ready.clear()
    preview.rebuild(set())  # (what the watcher does when asked)
    return preview


def bundles_in(out) -> dict[str, bytes]:
    return {path: data for path, data in snapshot(out).items() if path.startswith("pagefind")}


def test_the_preview_serves_before_its_search_index_is_made(project, tmp_path):
    """The first build publishes no search index; it is made in the background and the
    rebuild asked for when it is ready publishes it."""
    import threading

    ready, out = threading.Event(), tmp_path / "preview"
    preview = search_preview(project, out, ready)
    preview.rebuild()
    assert (out / "search/index.html").is_file() and not (out / "pagefind").exists()
    assert ready.wait(60), "the search index was not made"
    preview.rebuild(set())  # (what the watcher does when asked)
    bundles = bundles_in(out)
    assert "pagefind/pagefind.js" in bundles and "pagefind-zh-hans/pagefind.js" in bundles
    assert "An abstract." in indexed_text(bundles, "pagefind")


def test_the_preview_search_follows_an_edit(project, tmp_path, monkeypatch):
    """After an edit, the shards whose records changed are indexed again in the
    background, and the rebuild asked for publishes them: the search finds the edited
    text. The other language's bundle stays as it was, and the rebuild that publishes
    it, which changed no paper, starts no indexing pass (its record sums and shard keys
    took 0.1 s at 10,000 papers, beside the next edit's rebuild)."""
    import threading

    import bitext.search

    ready, out = threading.Event(), tmp_path / "preview"
    preview = indexed_preview(project, out, ready)
    before = bundles_in(out)
    passes = []
    original = bitext.search.shard_layout
    monkeypatch.setattr(bitext.search, "shard_layout",
                        lambda *args: passes.append(args) or original(*args))

    path = project / "content/papers/one.md"
    path.write_text(path.read_text("utf-8").replace("An abstract.", "Zymurgy, edited."),
                    "utf-8")
    preview.rebuild([str(path)])
    assert bundles_in(out) == before  # (until the new index is ready)
    assert ready.wait(60), "the edit was not indexed"
    ready.clear()
    preview.rebuild(set())
    after = bundles_in(out)
    assert "Zymurgy, edited." in indexed_text(after, "pagefind")
    assert "Zymurgy" not in indexed_text(before, "pagefind")
    assert {path: data for path, data in after.items() if path.startswith("pagefind-zh")} \
        == {path: data for path, data in before.items() if path.startswith("pagefind-zh")}

    assert wait_for(lambda: not preview.search.working, 60)
    assert not ready.is_set(), "a rebuild with no paper changed was indexed again"
    assert len(passes) == 1  # (the edit's)
    assert passes[0][2] is not None  # (the last pass's layout: see shard_layout)
    assert bundles_in(out) == after


def test_the_preview_tells_the_browser_to_reload_before_it_settles(project, tmp_path):
    """What follows a build (`Rebuilder.settle`: the collection and freeze, and the start
    of the background search, 10-14 ms at 10,000 papers) runs on the server's loop after
    `examine` returns, upon which livereload sends the reload; then the search follows."""
    import asyncio
    import threading

    from bitext.serve import ChangeWatcher

    ready, out = threading.Event(), tmp_path / "preview"
    preview = indexed_preview(project, out, ready)
    watcher = ChangeWatcher(project, preview.build_changes, preview.settle)
    path = project / "content/papers/one.md"
    path.write_text(path.read_text("utf-8").replace("An abstract.", "Zymurgy, edited."),
                    "utf-8")
    watcher.report({str(path)})

    async def examine():
        examined = watcher.examine()
        seen = (preview.unsettled, preview.search.working)  # (as livereload sends)
        await asyncio.sleep(0.05)  # (the loop runs what examine left to it)
        return examined, seen

    examined, (unsettled, searching) = asyncio.run(examine())
    assert examined == (str(path), None)
    assert "Zymurgy, edited." in (out / "papers/first-paper/index.html").read_text("utf-8")
    assert unsettled is False and not searching
    assert preview.unsettled is None
    assert ready.wait(60), "the edit was not indexed once the preview settled"


def test_publishing_the_search_index_repeats_no_warning(project, tmp_path, capsys):
    """The edit's rebuild prints the paper's warning; the rebuild that publishes the
    index of that edit, which read no file, does not print it again."""
    import threading

    ready, out = threading.Event(), tmp_path / "preview"
    preview = indexed_preview(project, out, ready)
    path = project / "content/papers/one.md"
    path.write_text(path.read_text("utf-8").replace("An abstract.", "We use $x^2$ here."),
                    "utf-8")
    capsys.readouterr()
    preview.rebuild([str(path)])
    assert "lacks a formula" in capsys.readouterr().err
    assert ready.wait(60), "the edit was not indexed"
    preview.rebuild(set())
    said = capsys.readouterr()
    assert "rebuilt 0 pages" in said.out and "warning" not in said.err


def test_a_search_index_that_fails_is_made_at_the_next_edit(project, tmp_path, capsys,
                                                             monkeypatch):
    """The index made in the background meets a full scratch folder: a warning, no
    traceback, and the next good build indexes that edit's shard."""
    import threading

    import bitext.search

    ready, out = threading.Event(), tmp_path / "preview"
    preview = indexed_preview(project, out, ready)

    def full(shards):
        raise OSError(28, "No space left on device")

    original = bitext.search.search_files
    monkeypatch.setattr(bitext.search, "search_files", full)
    path = project / "content/papers/one.md"
    path.write_text(path.read_text("utf-8").replace("An abstract.", "Zymurgy."), "utf-8")
    preview.rebuild([str(path)])
    assert wait_for(lambda: not preview.search.working, 60)
    assert not ready.is_set()
    said = capsys.readouterr().err
    assert "warning: the search index was not updated: [Errno 28] No space left" in said
    assert "Traceback" not in said

    monkeypatch.setattr(bitext.search, "search_files", original)
    preview.rebuild(set())
    assert ready.wait(60), "the edit was not indexed after the failure"
    preview.rebuild(set())
    assert "Zymurgy." in indexed_text(bundles_in(out), "pagefind")


def test_search_turned_off_and_on_again_in_the_preview_is_indexed_again(project, tmp_path):
    """Turned off in site.yaml, search's files leave the preview; turned on again, a new
    index is made and published (the first one's files were gone: the preview had none
    until it was started again)."""
    import threading

    config = project / "site.yaml"
    text = config.read_text("utf-8")
    config.write_text(text.replace("search: false", "search: true"), "utf-8")
    ready, out = threading.Event(), tmp_path / "preview"
    preview = Preview(Options(root=project, out=out, base_url="http://127.0.0.1:8000/"),
                      PreviewState(folder=out), search_ready=ready.set)
    preview.rebuild()
    assert ready.wait(60), "the search index was not made"
    preview.rebuild(set())
    assert (out / "pagefind/pagefind.js").is_file()

    config.write_text(text, "utf-8")  # (search: false)
    preview.rebuild([str(config)])
    assert not (out / "pagefind").exists() and not (out / "search/index.html").exists()

    ready.clear()
    config.write_text(text.replace("search: false", "search: true"), "utf-8")
    preview.rebuild([str(config)])
    assert (out / "search/index.html").is_file()
    assert ready.wait(60), "the search index was not made again"
    preview.rebuild(set())
    assert (out / "pagefind/pagefind.js").is_file()
    assert (out / "pagefind-zh-hans/pagefind.js").is_file()


def test_a_rebuild_asked_for_runs_with_nothing_changed(project):
    from bitext.serve import ChangeWatcher

    rebuilt = []
    watcher = ChangeWatcher(project, rebuilt.append)
    assert watcher.examine() == (None, None) and rebuilt == []
    watcher.request_rebuild()
    assert watcher.examine() == ("*", None) and rebuilt == [set()]


def test_deleted_static_file_leaves_the_preview(preview, project):
    (project / "static/extra.txt").write_text("extra", "utf-8")
    preview.rebuild()
    assert (preview.options.out / "static/extra.txt").is_file()
    (project / "static/extra.txt").unlink()
    preview.rebuild()
    assert not (preview.options.out / "static/extra.txt").exists()


def test_broken_input_keeps_the_last_good_build_and_shows_the_overlay(preview, project):
    before = snapshot(preview.options.out)
    path = project / "content/papers/one.md"
    good = path.read_text("utf-8")
    path.write_text(good.replace("date: 2025-04-20", "date: [broken"), "utf-8")
    report = preview.rebuild()
    assert report.startswith("content/papers/one.md:6: not valid YAML")
    assert snapshot(preview.options.out) == before
    app = make_app(preview.state, "127.0.0.1")
    status, body = call(app, "/papers/first-paper/")
    assert status.startswith("200") and b'id="bitext-errors"' in body
    assert b"content/papers/one.md:6: not valid YAML" in body
    path.write_text(good, "utf-8")
    preview.rebuild()
    assert b"bitext-errors" not in call(app, "/papers/first-paper/")[1]


def test_each_build_is_counted_and_each_page_says_which_it_shows(preview, project):
    """So that a page that connects to livereload after a build can tell it is behind."""
    app = make_app(preview.state, "127.0.0.1")
    shown = int(call(app, "/__bitext__/generation")[1])
    page = call(app, "/papers/first-paper/")[1].decode()
    assert page.count(f'if(g!=="{shown}")location.reload()') == 1
    assert page.index("LiveReloadConnect") < page.index("</head>")
    assert b"LiveReloadConnect" not in (preview.options.out / "papers/first-paper/index.html"
                                        ).read_bytes()
    path = project / "content/papers/one.md"
    good = path.read_text("utf-8")
    path.write_text(good.replace("date: 2025-04-20", "date: [broken"), "utf-8")
    preview.rebuild([str(path)])  # a failed build changes the pages too (the overlay)
    path.write_text(good, "utf-8")
    preview.rebuild([str(path)])
    assert call(app, "/__bitext__/generation")[1] == str(shown + 2).encode()
    assert f'if(g!=="{shown + 2}")' in call(app, "/papers/first-paper/")[1].decode()


def test_a_paper_page_shows_its_translation_warnings_in_the_preview(preview, project):
    """An edit that drops a formula from the translation: the paper's page says so (and
    the published page never does)."""
    path = project / "content/papers/one.md"
    good = path.read_text("utf-8")
    path.write_text(good.replace("An abstract.", "We use $x^2$ here.").replace(
        "一段摘要。", "我们在这里使用平方。"), "utf-8")
    preview.rebuild([str(path)])
    app = make_app(preview.state, "127.0.0.1")
    body = call(app, "/papers/first-paper/")[1].decode()
    assert 'id="bitext-warnings"' in body
    assert ("content/papers/one.md:13: warning: the zh-Hans text lacks a formula of the en "
            "text (found &#x27;$x^2$&#x27;)") in body
    assert 'id="bitext-warnings"' not in call(app, "/papers/second-paper/")[1].decode()
    assert b"bitext-warnings" not in (preview.options.out / "papers/first-paper/index.html"
                                      ).read_bytes()
    path.write_text(good, "utf-8")
    preview.rebuild([str(path)])
    assert b"bitext-warnings" not in call(app, "/papers/first-paper/")[1]


def test_a_paper_page_shows_the_warnings_of_the_papers_together_in_the_preview(
        preview, project, capsys):
    """A date mistyped into the future: `check` warned of it, and now the preview says so on
    the paper's page and in the terminal, and stops once the date is mended."""
    import datetime as dt

    path = project / "content/papers/one.md"
    good = path.read_text("utf-8")
    later = dt.date.today() + dt.timedelta(days=400)
    path.write_text(good.replace("date: 2025-04-20", f"date: {later}"), "utf-8")
    capsys.readouterr()
    preview.rebuild([str(path)])
    line = good.split("\n").index("date: 2025-04-20") + 1
    warning = (f"content/papers/one.md:{line}: date: warning: {later} is after today "
               f"({dt.date.today()})")
    assert warning in capsys.readouterr().err
    app = make_app(preview.state, "127.0.0.1")
    assert warning in call(app, "/papers/first-paper/")[1].decode()
    assert b"bitext-warnings" not in call(app, "/papers/second-paper/")[1]
    path.write_text(good, "utf-8")
    preview.rebuild([str(path)])
    assert "warning" not in capsys.readouterr().err
    assert b"bitext-warnings" not in call(app, "/papers/first-paper/")[1]


def test_the_preview_says_in_the_terminal_that_a_day_has_more_papers_than_a_feed(
        preview, project, capsys):
    """The warning of site.yaml's feed_size, which names no paper: before, the preview's
    rebuild failed on it with a traceback (found importing a day of the daily papers)."""
    papers = project / "content/papers"
    newest = max(re.findall(r"^date: (\S+)$", "".join(
        path.read_text("utf-8") for path in papers.glob("*.md")), re.M))
    for number in range(4):  # (the fixture's feeds hold 3)
        (papers / f"day-{number}.md").write_text(paper(f"Day Paper {number}", date=newest),
                                                   "utf-8")
    capsys.readouterr()
    preview.rebuild([str(papers / f"day-{number}.md") for number in range(4)])
    err = capsys.readouterr().err
    assert "site.yaml:" in err and f"and {newest} alone has" in err
    app = make_app(preview.state, "127.0.0.1")
    status, body = call(app, "/papers/day-paper-0/")
    assert status.startswith("200") and b"Day Paper 0" in body
    assert b"bitext-warnings" not in body


def call(app, path, host="127.0.0.1:8000"):
    result = {}

    def start_response(status, headers):
        result["status"] = status

    body = b"".join(app({"PATH_INFO": path, "HTTP_HOST": host}, start_response))
    return result["status"], body


def answer(app, path) -> tuple[str, str | None]:
    """The preview's status for `path`, and where it sends the browser (if it does)."""
    result = {}

    def start_response(status, headers):
        result.update(status=status, location=dict(headers).get("Location"))

    b"".join(app({"PATH_INFO": path, "HTTP_HOST": "127.0.0.1:8000"}, start_response))
    return result["status"], result["location"]


def test_a_page_moved_by_a_title_edit_sends_its_old_address_to_the_new_one(
        preview, project, capsys):
    """The paper's slug comes from its title: a page open on the old address follows the
    paper when the browser reloads, and the terminal says how to keep the address."""
    path = project / "content/papers/one.md"
    original = path.read_text("utf-8")
    app = make_app(preview.state, "127.0.0.1")
    capsys.readouterr()
    path.write_text(original.replace("First Paper", "First Paper Renamed"), "utf-8")
    preview.rebuild([str(path)])
    renamed = ("302 Found", "/papers/first-paper-renamed/")
    assert answer(app, "/papers/first-paper/") == renamed
    assert answer(app, "/papers/first-paper/index.html") == renamed
    assert answer(app, "/papers/first-paper-renamed/") == ("200 OK", None)
    told = capsys.readouterr().err
    assert ("note: content/papers/one.md: its page moved from /papers/first-paper/ to "
            "/papers/first-paper-renamed/;") in told
    assert "(to keep it, set slug: first-paper)" in told

    # Moved again, by a build that lists every file: both old addresses follow it.
    path.write_text(original.replace("First Paper", "First Paper Again"), "utf-8")
    preview.rebuild()
    again = ("302 Found", "/papers/first-paper-again/")
    assert answer(app, "/papers/first-paper/") == again
    assert answer(app, "/papers/first-paper-renamed/") == again

    # Back to the first title: its address is served again, and no redirect loops.
    path.write_text(original, "utf-8")
    preview.rebuild([str(path)])
    assert answer(app, "/papers/first-paper/") == ("200 OK", None)
    assert answer(app, "/papers/first-paper-again/") == ("302 Found", "/papers/first-paper/")
    assert answer(app, "/papers/first-paper-renamed/") == ("302 Found", "/papers/first-paper/")
    assert answer(app, "/papers/no-such-paper/") == ("404 Not Found", None)
    assert not (preview.options.out / "papers/first-paper-again").exists()

    # The paper deleted: its addresses are 404s, not redirects to itself or to a 404.
    path.unlink()
    preview.rebuild()
    assert answer(app, "/papers/first-paper/") == ("404 Not Found", None)
    assert answer(app, "/papers/first-paper-again/") == ("404 Not Found", None)


def test_requests_during_rebuilds_get_a_whole_page_of_a_good_build(preview, project):
    """The server answers between rebuilds (livereload runs both on one thread); this
    holds even if they overlap: pages are replaced by renaming complete files, and a
    broken edit leaves the last good build, so a reader never sees half a page."""
    import threading

    papers = project / "content/papers"
    for number in range(150):  # rebuilds that take long enough to be overlapped
        (papers / f"extra-{number}.md").write_text(
            paper(f"Extra Paper {number}", f"附加 {number}", date="2025-03-01",
                  tags=["rl", f"topic-{number % 7}"]), "utf-8")
    preview.rebuild()
    app = make_app(preview.state, "127.0.0.1")
    answers, stop = [], threading.Event()

    def keep_asking():
        while not stop.is_set():
            for path, title in (("/", b"Third Paper"), ("/papers/first-paper/", b"First Paper"),
                                ("/tags/rl/", b"Extra Paper 1")):
                answers.append((title, *call(app, path)))

    reader = threading.Thread(target=keep_asking)
    reader.start()
    path = project / "content/papers/one.md"
    good = path.read_text("utf-8")
    try:
        for round_number in range(4):
            path.write_text(good.replace("An abstract.", f"Version {round_number}.")
                            .replace("tags: [rl, nlp]", f"tags: [rl, topic-{round_number}]"),
                            "utf-8")
            assert preview.rebuild().startswith("rebuilt")
            path.write_text(good.replace("title:", "title: [", 1), "utf-8")
            assert "not valid YAML" in preview.rebuild()
    finally:
        stop.set()
        reader.join()
    assert len(answers) > 30
    for title, status, body in answers:
        assert status.startswith("200")
        assert body.rstrip().endswith(b"</html>") and title in body
    assert b"Version 3." in call(app, "/papers/first-paper/")[1]


@pytest.mark.parametrize("path", ["/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd",
                                  "/papers/..%2f..%2f..%2fetc/passwd", "/%00", "/..\\x",
                                  "/link/secret.txt", "//[x/secret.txt"])
def test_traversal_and_links_out_are_not_served(preview, tmp_path, path):
    secret = tmp_path / "secret.txt"
    secret.write_text("secret", "utf-8")
    (preview.options.out / "link").symlink_to(tmp_path)
    status, body = call(make_app(preview.state, "127.0.0.1"), path)
    assert status.startswith("404") and b"secret" not in body


@pytest.mark.parametrize("host, allowed", [
    ("127.0.0.1:8000", True), ("localhost:8000", True), ("[::1]:8000", True),
    ("evil.example", False), ("evil.example:8000", False), ("127.0.0.1.evil.example", False),
    ("", False)])
def test_only_local_hosts_are_answered(host, allowed):
    assert host_allowed(host, "127.0.0.1") is allowed


def test_foreign_host_is_refused(preview):
    status, _ = call(make_app(preview.state, "127.0.0.1"), "/", host="attacker.example")
    assert status.startswith("403")


def test_folder_without_slash_redirects(preview):
    status, _ = call(make_app(preview.state, "127.0.0.1"), "/tags")
    assert status.startswith("301")


def test_resolve_request_finds_index_files(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a/index.html").write_text("x", "utf-8")
    assert resolve_request(tmp_path, "/a/") == (tmp_path.resolve() / "a/index.html", False)
    assert resolve_request(tmp_path, "/a") == (None, True)


# -- the real server ------------------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str, host: str | None = None) -> tuple[int, str]:
    request = urllib.request.Request(url, headers={"Host": host} if host else {})
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", "replace")


def wait_for(condition, seconds=15.0):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if condition():
                return True
        except OSError:
            pass
        time.sleep(0.2)
    return False


def start_preview(project, temporary) -> tuple[str, subprocess.Popen]:
    """`serve` in a process of its own, with `temporary` as its temporary folder: its
    address once it answers, and the process."""
    port = free_port()
    env = {**os.environ, "TMPDIR": str(temporary), "PYTHONPATH": str(REPO)}
    process = subprocess.Popen([sys.executable, "-m", "bitext", "--root", str(project), "serve",
                                "--port", str(port)], env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True)
    url = f"http://127.0.0.1:{port}/"
    if not wait_for(lambda: fetch(url)[0] == 200):
        process.kill()
        pytest.fail(f"the preview did not start: {process.communicate()[0]}")
    return url, process


def stop_preview(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGINT)
        process.wait(timeout=10)


@pytest.fixture
def server(project, tmp_path):
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    url, process = start_preview(project, temporary)
    try:
        yield url, process, temporary
    finally:
        stop_preview(process)


def test_served_page_follows_edits_and_errors(server, project):
    url, process, temporary = server
    page = url + "papers/first-paper/"
    status, html = fetch(page)
    assert status == 200 and "An abstract." in html and "livereload" in html
    path = project / "content/papers/one.md"
    good = path.read_text("utf-8")
    path.write_text(good.replace("An abstract.", "Edited while serving."), "utf-8")
    assert wait_for(lambda: "Edited while serving." in fetch(page)[1])
    path.write_text(good.replace("title:", "title: [", 1), "utf-8")
    assert wait_for(lambda: "bitext-errors" in fetch(page)[1])
    assert "content/papers/one.md:4: not valid YAML" in fetch(page)[1]
    assert "Edited while serving." in fetch(page)[1]  # the last good build
    path.write_text(good, "utf-8")
    assert wait_for(lambda: "bitext-errors" not in fetch(page)[1])
    assert fetch(url, host="attacker.example")[0] == 403
    process.send_signal(signal.SIGINT)
    output, _ = process.communicate(timeout=10)
    assert process.returncode == 0
    assert "rebuilt" in output and "Traceback" not in output
    assert list(temporary.iterdir()) == [], "the preview removes its temporary folder"


def test_closing_the_terminal_stops_the_preview_as_ctrl_c_does(server):
    """SIGHUP, which a terminal sends as it closes, ended the preview on the spot and left
    its temporary site behind (in /tmp, which is memory on some systems)."""
    url, process, temporary = server
    assert list(temporary.iterdir()) != []  # (the preview's site)
    process.send_signal(signal.SIGHUP)
    output, _ = process.communicate(timeout=10)
    assert process.returncode == 0 and "Traceback" not in output
    assert list(temporary.iterdir()) == []


def test_a_preview_killed_outright_leaves_its_site_for_the_next_one_to_remove(server,
                                                                              project):
    """SIGKILL (or the out-of-memory killer) gives the preview no chance to remove its
    temporary site; the next preview finds its lock free and removes it."""
    url, process, temporary = server
    process.kill()
    process.communicate(timeout=10)
    left = set(temporary.iterdir())
    assert len(left) == 1
    url, second = start_preview(project, temporary)
    try:
        assert len(set(temporary.iterdir()) - left) == 1  # (the second preview's own)
        assert not left & set(temporary.iterdir())
    finally:
        stop_preview(second)
    assert list(temporary.iterdir()) == []


def test_a_command_under_nohup_lives_on_after_its_terminal_closes(monkeypatch):
    """`nohup bitext serve &` ignores SIGHUP: bitext leaves it ignored."""
    from bitext.cli import stop_signals

    monkeypatch.setattr(signal, "getsignal", lambda number: signal.SIG_DFL)
    assert stop_signals() == [signal.SIGTERM, signal.SIGHUP]
    monkeypatch.setattr(signal, "getsignal", lambda number: signal.SIG_IGN)
    assert stop_signals() == [signal.SIGTERM]


def test_busy_port_moves_to_the_next_one(project, tmp_path):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        from bitext.serve import free_port as choose

        assert choose("127.0.0.1", port) != port


def test_a_port_left_in_time_wait_by_the_last_preview_is_taken_again():
    """Stopping the preview leaves its browser connections in TIME_WAIT for a minute (the
    server closed them): starting it again takes the same port, as its server can."""
    from bitext.serve import free_port as choose

    with socket.socket() as server:
        server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        server.bind(("127.0.0.1", 0))
        server.listen()
        port = server.getsockname()[1]
        with socket.create_connection(("127.0.0.1", port)) as client:
            accepted, _ = server.accept()
            accepted.close()  # the server's side closes first: it keeps the TIME_WAIT
            client.recv(1)
    assert choose("127.0.0.1", port) == port


@contextlib.contextmanager
def page_with_live_reload(address: str):
    """A Chromium page open at `address` of the preview, once livereload.js has shaken
    hands with the server: an edit made before is never announced to it."""
    require(CHROMIUM.exists(), "Debian's chromium")
    from playwright.sync_api import sync_playwright

    from tests.conftest import CHROMIUM_ARGS

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.livereload_frames = []
        page.on("websocket", lambda socket: socket.on(
            "framereceived", lambda payload: page.livereload_frames.append(payload)))
        page.goto(address)
        wait_for_handshakes(page, 1)
        try:
            yield page
        finally:
            browser.close()


def wait_for_handshakes(page, count: int) -> None:
    """Until livereload.js has shaken hands `count` times since the page opened: once per
    load of the page (a reload announced before the reloaded page connects reaches no
    one)."""
    def handshakes() -> int:
        return sum("hello" in str(frame) for frame in page.livereload_frames)

    for _ in range(150):
        if handshakes() >= count:
            return
        page.wait_for_timeout(100)
    assert handshakes() >= count, "livereload did not connect"


@pytest.mark.browser
def test_browser_reloads_by_itself_after_an_edit(server, project):
    url, _, _ = server
    with page_with_live_reload(url + "papers/first-paper/") as page:
        path = project / "content/papers/one.md"
        path.write_text(path.read_text("utf-8").replace("An abstract.", "Reloaded by itself."),
                        "utf-8")
        page.wait_for_function("document.body.innerText.includes('Reloaded by itself.')",
                               timeout=15000)
        # A second save right after the first reloads the page too (livereload's own
        # guard dropped reloads within 3 s of the last one), once the reloaded page is
        # connected again.
        wait_for_handshakes(page, 2)
        path.write_text(path.read_text("utf-8").replace("Reloaded by itself.", "And again."),
                        "utf-8")
        page.wait_for_function("document.body.innerText.includes('And again.')",
                               timeout=15000)


@pytest.mark.browser
def test_a_page_that_connects_after_a_rebuild_reloads_to_it(server, project):
    """A reload announced while the page has no livereload connection (it was loading,
    after the reload of an earlier save) reaches no one: the page learns of the newer
    build when it connects. Here its livereload.js is held until the edit is built."""
    require(CHROMIUM.exists(), "Debian's chromium")
    from playwright.sync_api import sync_playwright

    from tests.conftest import CHROMIUM_ARGS

    url, _, _ = server
    address = url + "papers/first-paper/"

    def held_until_released(route):
        if "released" in route.request.url:
            route.continue_()
            return
        real = route.request.url + "&released=1"
        route.fulfill(content_type="text/javascript", body=(
            "(function wait() { if (!window.releaseLivereload) return setTimeout(wait, 50);"
            f" var s = document.createElement('script'); s.src = {json.dumps(real)};"
            " document.head.appendChild(s); })();"))

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            page.route("**/livereload.js*", held_until_released)
            page.goto(address)
            path = project / "content/papers/one.md"
            path.write_text(path.read_text("utf-8").replace("An abstract.", "Built meanwhile."),
                            "utf-8")
            assert wait_for(lambda: "Built meanwhile." in fetch(address)[1])
            page.wait_for_timeout(300)  # (the reload is announced as the build ends)
            assert "Built meanwhile." not in page.inner_text("body")
            page.evaluate("window.releaseLivereload = true")
            page.wait_for_function("document.body.innerText.includes('Built meanwhile.')",
                                   timeout=15000)
        finally:
            browser.close()


@pytest.mark.browser
def test_an_open_page_follows_its_paper_when_a_title_edit_moves_it(server, project):
    url, _, _ = server
    with page_with_live_reload(url + "papers/first-paper/") as page:
        path = project / "content/papers/one.md"
        path.write_text(path.read_text("utf-8").replace("First Paper", "First Paper Moved"),
                        "utf-8")
        page.wait_for_url(url + "papers/first-paper-moved/", timeout=15000)
        assert page.locator("h1").first.inner_text().startswith("First Paper Moved")


def test_ctrl_c_stops_the_preview_loop_between_its_callbacks():
    """Ctrl-C ends the preview's loop as a callback of its own, not as a KeyboardInterrupt
    raised wherever the signal lands: one that landed in a weakref's callback was lost
    ("Exception ignored in …"), and the preview went on serving (seen once in CI)."""
    import asyncio
    import os

    from tornado.ioloop import IOLoop

    from bitext.serve import stopped_between_callbacks

    asyncio.set_event_loop(asyncio.new_event_loop())
    loop = IOLoop.current()
    before = signal.getsignal(signal.SIGINT)
    try:
        with stopped_between_callbacks():
            loop.call_later(0.05, os.kill, os.getpid(), signal.SIGINT)
            loop.call_later(5, loop.stop)  # (should the signal be lost)
            started = time.monotonic()
            loop.start()  # (a KeyboardInterrupt would fail the test)
            assert time.monotonic() - started < 2
        assert signal.getsignal(signal.SIGINT) is before
    finally:
        loop.close(all_fds=True)


def test_the_warnings_of_the_papers_together_follow_each_edit(preview, project, capsys):
    """The warnings of the papers together are the last build's after an edit that keeps
    its paper's day and place (not made again: a pass over every paper took 70 ms of a
    preview edit at 100,000 papers), and made again after one that moves them, or edits a
    paper they name: two papers given one place, a third's abstract edited, then one of the
    two moved."""
    one, two, three = (project / f"content/papers/{name}.md" for name in ("one", "two", "three"))
    for path in (one, two):
        text = path.read_text("utf-8")
        path.write_text(text.replace("\ndate:", "\norder: 1\ndate:", 1).replace(
            "date: 2025-05-02", "date: 2025-04-20"), "utf-8")
        preview.rebuild([str(path)])
    place = "warning: place 1 on 2025-04-20 is also that of"
    assert capsys.readouterr().err.count(place) == 2
    made = preview.cache.model.together
    assert [problem.message.startswith(place) for problem in made] == [True, True]
    three.write_text(three.read_text("utf-8").replace("An abstract.", "A new abstract."),
                     "utf-8")
    preview.rebuild([str(three)])
    assert preview.cache.model.together is made
    assert capsys.readouterr().err.count(place) == 2  # (still said)
    two.write_text(two.read_text("utf-8").replace("order: 1", "order: 2"), "utf-8")
    preview.rebuild([str(two)])
    assert preview.cache.model.together == ()
    assert place not in capsys.readouterr().err
