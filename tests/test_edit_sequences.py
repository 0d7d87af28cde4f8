"""Random sequences of an editor's changes, each followed by a build along every path a
build can take: `build` in a new process with the cache on disk (in workers or not, the
edited files parsed ahead in a child as a new process parses them), now
and then a `build --watch` session that starts from that cache and leaves it to the next
`build`, the preview's rebuilds told by the watcher which files changed, and rebuilds that
look for themselves. After each change every output folder holds exactly what a clean
serial build makes of the project; when the project has a problem, every build fails and
each folder holds exactly what it held before. `EditSequencesWithSearch` does the same with
search on.

The fixed edits of tests/test_incremental.py check each kind of change on its own; here
they come in any order and mix (a paper broken, then another retitled, then the first
mended), which is where the shortcuts of an incremental build can go wrong. Titles and
abstracts are real ones, from the Hugging Face daily papers in the fixtures.

More sequences than CI runs: BITEXT_EDIT_SEQUENCES=500 pytest tests/test_edit_sequences.py
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import json
import os
import re
import shutil
import tempfile
import time
from pathlib import Path

from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule

import bitext.cache
import bitext.pipeline
from bitext.cache import CACHE_DIR, DiskCache, MemoryCache
from bitext.errors import InputError
from bitext.markdown import MarkdownRenderer
from bitext.pipeline import Options, build
from bitext.search import BUNDLE
from bitext.watching import BackgroundSearch, Rebuilder, Watch
from tests.conftest import FIXTURES, REPO, SITE_YAML, make_project, paper, snapshot


@contextlib.contextmanager
def parsers_not_loaded():
    """As in a new process, whose parsers are not loaded yet (this one has them): a build
    then parses the paper files it reads anew in a child, while it reads the cache
    (`pipeline.parse_ahead`)."""
    renderer, saved = MarkdownRenderer(), bitext.pipeline.shared_markdown
    bitext.pipeline.shared_markdown = lambda: renderer
    try:
        yield
    finally:
        bitext.pipeline.shared_markdown = saved


def real_papers() -> list[tuple[str, str]]:
    """(title, abstract) of every paper in the daily-papers fixtures."""
    papers = []
    for day in sorted((FIXTURES / "hf-daily-papers").glob("*.json")):
        for entry in json.loads(day.read_text("utf-8")):
            papers.append((" ".join(entry["paper"]["title"].split()),
                           entry["paper"]["summary"].strip()))
    return papers


REAL = real_papers()
TAGS = ["rl", "nlp", "vision", "llm", "speech"]
# Pages of two papers, lists of three: a few papers fill several pages of each list.
SITE = SITE_YAML.replace("per_page: 2\n", "per_page: 2\nlist_per_page: 3\n")
BROKEN = "---\ntitle: [an unclosed list\n---\n"
SETTINGS = ["list_per_page: 1", "list_per_page: 3", "feed_size: 1", "feed_size: 3",
            "awaiting_translation: publish", "awaiting_translation: hold",
            "title: {en: Renamed, zh-Hans: 改名}", "title: {en: Test Digest, zh-Hans: 测试文摘}"]

# Templates that show papers through `site`, beyond what their pages are given: where each
# adds what. (In a site of a few papers most pages show most papers already, as neighbours
# and related papers; these show text that most edits change.)
SITE_READING = {
    "base.html": ("{% if config.editor %}",  # (the newest two: an edit to another keeps it)
                  "{% for p in site.papers[:2] %}{{ p.title.secondary }} "
                  "{{ p.abstract.primary.text[:20] }}{% endfor %}"),
    "index.html": ("{{ entry_list(", "{% for p in site.papers %}"
                                    "{{ p.abstract.primary.text[:20] }}{% endfor %}"),
    "entry.html": ("<article>", "<p>{{ site.papers|length }} {{ site.updated }} "
                                "{{ site.papers[-1:]|map(attribute='slug')|join }}</p>"),
    "paper.html": ("{% block main %}", "{% for tag in site.tags.values() %}"
                                       "{{ tag.papers[-1].abstract.primary.text[:20] }}"
                                       "{% endfor %}"),
    "archive.html": ("</ul>", "{% for month in site.months %}"
                              "{{ month.papers[-1].title.secondary }}{% endfor %}"),
}

picks = st.integers(min_value=0, max_value=10_000)
dates = st.dates(dt.date(2024, 11, 1), dt.date(2025, 6, 30))
tag_lists = st.lists(st.sampled_from(TAGS), max_size=3, unique=True)


class EditSequences(RuleBasedStateMachine):
    site_yaml = SITE
    paths = ("command line", "preview, told", "preview, looking")

    def __init__(self):
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(prefix="bitext-edits-"))
        self.saved = (os.environ.get("XDG_CACHE_HOME"), bitext.pipeline.PARALLEL_MIN,
                      bitext.pipeline.CHUNK, bitext.cache.lists_at_least)
        os.environ["XDG_CACHE_HOME"] = str(self.folder / "user-cache")
        bitext.pipeline.PARALLEL_MIN, bitext.pipeline.CHUNK = 2, 3  # workers at this size
        self.papers: dict[str, dict] = {}
        """File name → the fields it was written with."""
        self.broken: set[str] = set()
        self.changed: set[Path] = set()
        """What the last change touched, as a watcher names it."""
        self.clock = 0
        """Modification times for edits made long enough before the build (not racy)."""
        self.added = 0
        self.watching: Watch | None = None
        self.watched_before = False

    # --- the project -------------------------------------------------------------------

    @initialize(count=st.integers(min_value=1, max_value=8), drafts=st.booleans(),
                workers=st.booleans(), seed=picks,
                reading=st.lists(st.sampled_from(sorted(SITE_READING)), unique=True),
                loads_entries=st.booleans())
    def start(self, count, drafts, workers, seed, reading, loads_entries):
        self.drafts, self.workers = drafts, workers
        self.load_entries(loads_entries)
        for number in range(count):
            self.papers[f"p{number:02d}.md"] = self.fields(seed + number, dt.date(2025, 1, 1)
                                                           + dt.timedelta(days=17 * number),
                                                           TAGS[number % 3: number % 3 + 2])
        self.site = make_project(self.folder / "site", {
            name: paper(**fields) for name, fields in self.papers.items()}, self.site_yaml)
        for template in reading:
            self.read_through_site(template, True)
        self.clock = self.site.stat().st_mtime_ns - 3600 * 10**9
        self.rebuilders = {name: Rebuilder(self.options(name), MemoryCache())
                           for name in self.paths if name.startswith("preview")}
        self.built = {name: {} for name in self.outputs()}
        self.check_builds(first=True)

    def fields(self, pick: int, date: dt.date, tags: list[str]) -> dict:
        title, abstract = REAL[pick % len(REAL)]
        return {"title": title, "title_zh": f"论文 {pick}", "abstract": abstract,
                "abstract_zh": f"摘要 {pick}。", "date": date.isoformat(), "tags": tags}

    def write(self, name: str, settled: bool) -> None:
        path = self.site / "content/papers" / name
        path.write_text(BROKEN if name in self.broken else paper(**self.papers[name]), "utf-8")
        if settled:  # (else the time is now: within the racy window of the last build)
            self.clock += 10**9
            os.utime(path, ns=(self.clock, self.clock))
        self.changed.add(path)

    def name(self, pick: int) -> str:
        names = sorted(self.papers)
        return names[pick % len(names)]

    def has_papers(self) -> bool:
        return bool(self.papers)

    # --- an editor's changes -----------------------------------------------------------

    @precondition(has_papers)
    @rule(pick=picks, text=picks, settled=st.booleans())
    def edit_the_abstract(self, pick, text, settled):
        self.papers[self.name(pick)]["abstract"] = REAL[text % len(REAL)][1]
        self.write(self.name(pick), settled)

    @precondition(has_papers)
    @rule(pick=picks, text=picks, settled=st.booleans())
    def retitle(self, pick, text, settled):
        self.papers[self.name(pick)]["title"] = " ".join(REAL[text % len(REAL)][0].split())
        self.write(self.name(pick), settled)

    @precondition(has_papers)
    @rule(pick=picks, settled=st.booleans())
    def save_unchanged(self, pick, settled):  # (a new time, the same bytes)
        self.write(self.name(pick), settled)

    @precondition(has_papers)
    @rule(pick=picks, date=dates, settled=st.booleans())
    def redate(self, pick, date, settled):
        self.papers[self.name(pick)]["date"] = date.isoformat()
        self.write(self.name(pick), settled)

    @precondition(has_papers)
    @rule(pick=picks, other=picks, order=st.integers(0, 3), settled=st.booleans())
    def place_in_a_day(self, pick, other, order, settled):
        """Moved to another paper's day, at a place among its papers (0: none)."""
        fields = self.papers[self.name(pick)]
        fields["date"], fields["order"] = self.papers[self.name(other)]["date"], order
        self.write(self.name(pick), settled)

    @precondition(has_papers)
    @rule(pick=picks, tags=tag_lists, settled=st.booleans())
    def retag(self, pick, tags, settled):
        self.papers[self.name(pick)]["tags"] = tags
        self.write(self.name(pick), settled)

    @precondition(has_papers)
    @rule(pick=picks, translated=st.booleans(), settled=st.booleans())
    def translate_or_take_back(self, pick, translated, settled):
        fields = self.papers[self.name(pick)]
        fields["abstract_zh"] = f"新的摘要 {pick}。" if translated else None
        self.write(self.name(pick), settled)

    @precondition(has_papers)
    @rule(pick=picks, settled=st.booleans())
    def toggle_draft(self, pick, settled):
        fields = self.papers[self.name(pick)]
        fields["draft"] = not fields.get("draft", False)
        self.write(self.name(pick), settled)

    @precondition(has_papers)
    @rule(pick=picks, slug=st.sampled_from([None, "one-slug", "another-slug"]),
          settled=st.booleans())
    def set_the_slug(self, pick, slug, settled):  # (two papers with one slug: a problem)
        fields = self.papers[self.name(pick)]
        fields.pop("slug", None)
        if slug:
            fields["slug"] = slug
        self.write(self.name(pick), settled)

    @rule(pick=picks, date=dates, settled=st.booleans())
    def add_a_paper(self, pick, date, settled):
        self.added += 1
        name = f"added-{self.added}.md"
        self.papers[name] = self.fields(pick, date, TAGS[pick % 4: pick % 4 + 2])
        self.write(name, settled)

    @precondition(has_papers)
    @rule(pick=picks)
    def delete_a_paper(self, pick):
        name = self.name(pick)
        del self.papers[name]
        self.broken.discard(name)
        path = self.site / "content/papers" / name
        path.unlink()
        self.changed.add(path)

    @precondition(has_papers)
    @rule(pick=picks)
    def rename_a_file(self, pick):
        name = self.name(pick)
        new = f"renamed-{name}"
        self.papers[new] = self.papers.pop(name)
        if name in self.broken:
            self.broken.discard(name)
            self.broken.add(new)
        path = self.site / "content/papers" / name
        path.rename(path.with_name(new))
        self.changed |= {path, path.with_name(new)}

    @precondition(has_papers)
    @rule(pick=picks, settled=st.booleans())
    def break_a_file(self, pick, settled):
        self.broken.add(self.name(pick))
        self.write(self.name(pick), settled)

    @precondition(lambda self: self.broken)
    @rule(pick=picks, settled=st.booleans())
    def mend_a_file(self, pick, settled):
        name = sorted(self.broken)[pick % len(self.broken)]
        self.broken.discard(name)
        self.write(name, settled)

    @rule(setting=st.sampled_from(SETTINGS))
    def change_a_setting(self, setting):
        config = self.site / "site.yaml"
        key = setting.partition(":")[0]
        # (a setting's line, or the title's lines: a mapping of two in SITE, then a flow
        # mapping on one)
        text = re.sub(rf"(?m)^{key}:( .*)?\n(  .*\n)*", "", config.read_text("utf-8"))
        text += setting + "\n"
        config.write_text(text, "utf-8")
        self.changed.add(config)

    @rule(mark=picks)
    def edit_a_template(self, mark):
        template = self.site / "templates/tag.html"
        text = re.sub(r'class="page-intro[^"]*"', f'class="page-intro mark-{mark}"',
                      template.read_text("utf-8"))
        template.write_text(text, "utf-8")
        self.changed.add(template)

    @rule(template=st.sampled_from(sorted(SITE_READING)), shown=st.booleans())
    def read_through_site(self, template, shown):
        """A template that shows papers beyond what its page is given (or no longer): its
        pages must then follow every paper (see `bitext.siteview`)."""
        path = self.site / "templates" / template
        where, what = SITE_READING[template]
        text = (REPO / "templates" / template).read_text("utf-8")
        path.write_text(text.replace(where, what + where, 1) if shown else text, "utf-8")
        self.changed.add(path)

    @rule(name=st.sampled_from(["css/site.css", "extra.txt"]), mark=picks,
          delete=st.booleans())
    def change_a_static_file(self, name, mark, delete):
        path = self.site / "static" / name
        if delete and path.exists():
            path.unlink()
        else:
            path.write_text(f"/* {mark} */\n", "utf-8")
        self.changed.add(path)

    @rule()
    def switch_entry_loading(self):
        self.load_entries(not self.loads_entries)

    def load_entries(self, loads: bool) -> None:
        """`build` loads the listing entries that earlier builds kept when the pages it
        renders list enough papers, or never: it then renders every entry it shows and
        keeps none. (In a site of a few papers, every build would load them.)"""
        self.loads_entries = loads
        bitext.cache.lists_at_least = self.saved[3] if loads else (lambda pages, count: False)

    @precondition(lambda self: self.watching is None)
    @rule()
    def start_watching(self):
        """`build --watch` builds the command line's folder from now on, starting from the
        cache that `build` left (its first build looks at every file)."""
        self.watching = Watch(self.options("command line"),
                              MemoryCache.from_disk(DiskCache(self.site / CACHE_DIR)))
        self.watched_before = False

    @precondition(lambda self: self.watching is not None)
    @rule()
    def stop_watching(self):
        """Ctrl-C: `build --watch` leaves its cache for the next `build`."""
        self.watching.cache.save_to(DiskCache(self.site / CACHE_DIR))
        self.watching = None

    # --- the builds --------------------------------------------------------------------

    def outputs(self) -> dict[str, Path]:
        return {name: self.folder / name.replace(" ", "-") for name in self.paths}

    def options(self, name: str) -> Options:
        return Options(root=self.site, out=self.outputs()[name], drafts=self.drafts,
                       jobs=2 if self.workers and name == "command line" else 1)

    def run(self, name: str, first: bool) -> bool:
        """Build along one path; False when the build failed on the project's problems."""
        told = {str(path) for path in self.changed}
        if name == "command line" and self.watching is None:
            try:  # (a new cache object and parsers not loaded: as a new process finds them)
                with parsers_not_loaded():
                    build(self.options(name), DiskCache(self.site / CACHE_DIR))
            except InputError:
                return False
            return True
        if name == "command line":
            rebuilder, changed = self.watching, told if self.watched_before else None
            self.watched_before = True
        else:
            rebuilder = self.rebuilders[name]
            changed = None if first or name == "preview, looking" else told
        rebuilder.rebuild(changed)
        return rebuilder.unbuilt == set()  # (what a failed build was told of is kept)

    def clean(self) -> dict[str, bytes] | None:
        out = self.folder / "clean"
        shutil.rmtree(out, ignore_errors=True)
        try:
            build(Options(root=self.site, out=out, drafts=self.drafts, jobs=1))
        except InputError:
            return None
        return snapshot(out)

    def check_builds(self, first: bool = False) -> None:
        expected = self.clean()
        for name, out in self.outputs().items():
            built = self.run(name, first)
            assert built == (expected is not None), f"{name}: built {built}, clean {not built}"
            if built:
                self.built[name] = snapshot(out)
                wrong = differences(*self.compared(name, self.built[name], expected))
                assert not wrong, f"{name} differs from a clean build in {wrong}"
            else:
                assert snapshot(out) == self.built[name], f"{name} changed its folder on failing"
        self.changed = set()

    def compared(self, name: str, built: dict[str, bytes], expected: dict[str, bytes]
                 ) -> tuple[dict[str, bytes], dict[str, bytes]]:
        """What of a path's folder must equal a clean build's."""
        return built, expected

    @invariant()
    def every_build_equals_a_clean_one(self):
        if self.changed:
            self.check_builds()

    def teardown(self):
        (home, bitext.pipeline.PARALLEL_MIN, bitext.pipeline.CHUNK,
         bitext.cache.lists_at_least) = self.saved
        if home is None:
            os.environ.pop("XDG_CACHE_HOME", None)
        else:
            os.environ["XDG_CACHE_HOME"] = home
        shutil.rmtree(self.folder, ignore_errors=True)


def differences(got: dict[str, bytes], expected: dict[str, bytes]) -> list[str]:
    """The paths that are missing, extra or other than expected (the first few)."""
    return sorted(path for path in got.keys() | expected.keys()
                  if got.get(path) != expected.get(path))[:8]


class EditSequencesWithSearch(EditSequences):
    """The same with search on, along the paths whose search differs: `build`, now and
    then with `--no-search` (which keeps the last index: its folder must then equal a
    clean build's but for the search bundles, and the next `build` catch up), and
    `build --watch`, whose index follows the edits in the background and is published by
    the rebuild it asks for."""

    site_yaml = SITE.replace("search: false", "search: true")
    paths = ("command line",)
    without_search = False

    @initialize(count=st.integers(min_value=1, max_value=8), drafts=st.booleans(),
                workers=st.booleans(), seed=picks,
                reading=st.lists(st.sampled_from(sorted(SITE_READING)), unique=True),
                loads_entries=st.booleans(), watch=st.booleans(),
                without_search=st.lists(st.booleans(), max_size=12))
    def start(self, count, drafts, workers, seed, reading, loads_entries, watch,
              without_search):
        self.schedule = without_search
        """For each build of `build` in turn, whether it is given --no-search."""
        super().start(count, drafts, workers, seed, reading, loads_entries)
        if watch:  # (a session long enough for its index to follow edits in the background)
            self.start_watching()

    def options(self, name: str) -> Options:
        return dataclasses.replace(super().options(name), search=not self.without_search)

    def run(self, name: str, first: bool) -> bool:
        self.without_search = self.watching is None and bool(self.schedule and self.schedule.pop(0))
        self.searched = not self.without_search
        built = super().run(name, first)
        self.without_search = False
        if built and self.watching is not None and self.watching.search is not None:
            wait_until_indexed(self.watching.search)
            self.watching.rebuild(set())  # (as when the index is ready: it publishes it)
        return built

    def compared(self, name: str, built: dict[str, bytes], expected: dict[str, bytes]
                 ) -> tuple[dict[str, bytes], dict[str, bytes]]:
        if self.searched:
            return built, expected
        return without_search(built), without_search(expected)


def without_search(files: dict[str, bytes]) -> dict[str, bytes]:
    """The files but the search bundles and the marker that sums up the folder."""
    return {path: data for path, data in files.items()
            if not path.startswith((BUNDLE, ".bitext-output"))}


def wait_until_indexed(search: BackgroundSearch, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with search.lock:
            if not search.working and search.wanted is None:
                return
        time.sleep(0.02)
    raise AssertionError("the background search index was not made")


EditSequences.TestCase.settings = settings(
    max_examples=int(os.environ.get("BITEXT_EDIT_SEQUENCES", "20")),
    stateful_step_count=12, deadline=None,
    # CI runs the same sequences each time, and reports a failing one as it came: shrinking
    # it to the fewest steps rebuilds the project thousands of times (minutes)
    derandomize="BITEXT_EDIT_SEQUENCES" not in os.environ,
    phases=tuple(Phase) if "BITEXT_EDIT_SEQUENCES" in os.environ else [
        Phase.explicit, Phase.reuse, Phase.generate],
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
TestEditSequences = EditSequences.TestCase
# (Pagefind takes about a second a build: few sequences in CI)
EditSequencesWithSearch.TestCase.settings = settings(
    EditSequences.TestCase.settings,
    max_examples=int(os.environ.get("BITEXT_EDIT_SEQUENCES", "6")), stateful_step_count=8)
TestEditSequencesWithSearch = EditSequencesWithSearch.TestCase
