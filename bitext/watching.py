"""Building again after each change: which inputs changed, as the operating system tells,
and a rebuilder that keeps the last build in memory, so that only what a change touched
is rendered. `serve` uses both (with its own preview folder and overlay), and so does
`build --watch` (with the output folder and the disk cache of `build`).
"""

from __future__ import annotations

import dataclasses
import gc
import sys
import threading
import time
from collections.abc import Callable, Collection
from pathlib import Path
from typing import TYPE_CHECKING

from bitext.cache import DiskCache, Index, MemoryCache
from bitext.errors import InputError, counted, summary
from bitext.inputs import CONFIG_FILE
from bitext.math import load_converter
from bitext.pipeline import Bundles, Options, Result, build, shared_markdown
from bitext.progress import Progress

if TYPE_CHECKING:
    from bitext.search import RecordSums, ShardLayout

WATCHED = ("content", "templates", "static", "site.yaml")


class InputWatcher:
    """Learns from the operating system which input files changed (watchfiles: inotify,
    FSEvents, ReadDirectoryChangesW; polling where that fails) and calls `announce`.
    Looking at every file instead (livereload's own watcher, every 0.8 s) made 20,000
    system calls a poll at 10,000 papers, and a save waited 0.4 s on average before the
    rebuild began; the rebuild then looked at every file again."""

    def __init__(self, root: Path, announce: Callable[[], None] | None = None):
        self.root = root
        self.announce = announce
        self.pending: set[str] = set()
        self.forced = False
        """A rebuild is due although no file changed (the search index is ready)."""
        self.lock = threading.Lock()
        self.stopping = threading.Event()

    def begin(self) -> None:
        """Start listening (before the first build, so that no change is missed)."""
        folders = [self.root / name for name in WATCHED if (self.root / name).is_dir()]
        for paths, recursive in ((folders, True), ([self.root], False)):
            threading.Thread(target=self.listen, args=(paths, recursive), daemon=True).start()

    def listen(self, paths: list[Path], recursive: bool) -> None:
        import watchfiles

        # Only the folders are watched recursively; of the project folder itself, only
        # site.yaml (a build folder or node_modules there could hold thousands of folders).
        def wanted(change, path: str) -> bool:
            return recursive or Path(path).name == CONFIG_FILE

        # A change is taken when watchfiles' look every `step` finds no event after it: 5
        # to 10 ms after a save (with 10 ms, 10 to 20 ms: a third of the time from a save
        # to its page in `build --watch` at 10,000 papers). An editor's save is one write
        # or a rename, all its events within a millisecond or two; a save whose events
        # come further apart builds twice, the second time with the file as it ended.
        # Each look takes the GIL: an idle watcher costs 1.5 % of a core (0.8 % at 10 ms).
        for polling in (False, True):
            try:
                for changes in watchfiles.watch(
                        *paths, watch_filter=wanted, recursive=recursive, debounce=400,
                        step=5, stop_event=self.stopping, force_polling=polling,
                        raise_interrupt=False):
                    self.report({path for _, path in changes})
                return
            except Exception as error:  # e.g. OSError: the system's limit of watched folders
                how = "polling instead" if not polling else "changes are no longer seen"
                print(f"warning: watching files failed ({error}); {how}", file=sys.stderr)

    def report(self, paths: set[str]) -> None:
        with self.lock:
            self.pending |= paths
            announce = self.announce
        if announce:
            announce()

    def request_rebuild(self) -> None:
        """Rebuild although no file changed (from another thread)."""
        with self.lock:
            self.forced = True
        self.report(set())

    def take(self) -> tuple[set[str], bool]:
        """The files changed since the last call, and whether a rebuild was asked for."""
        with self.lock:
            changed, self.pending = self.pending, set()
            forced, self.forced = self.forced, False
        return changed, forced

    def stop(self) -> None:
        self.stopping.set()


class BackgroundSearch:
    """The search index of the preview and of `build --watch`, made in a thread after each
    good build with search on, and published by the rebuild asked for when it is ready.
    A large site's first index takes long (14 s at 10,000 papers: made before serving, it
    kept the preview's first page waiting); after it, only the shards whose records an
    edit changed are indexed again (see `bitext.search.Shard.key`; only those shards'
    keys are made again, see `bitext.search.shard_layout`), and the search finds the
    edit 1.2-2.1 s after the save at 10,000 papers (bench/README.md, stop 32)."""

    def __init__(self, ready: Callable[[], None] | None = None):
        self.ready = ready
        """Called from the thread when new files are ready (the rebuild it asks for
        publishes them)."""
        self.lock = threading.Lock()
        self.wanted = None
        """The model of the last good build, when its index is still to be made."""
        self.working = False
        self.bundles: dict[str, tuple[str, dict[str, bytes]]] = {}
        """Bundle folder → the key of the records it indexes, and its files by path."""
        self.sums: tuple[str, RecordSums] | None = None
        """The record sums of the papers last indexed, and the parsing they hold for."""
        self.layout: ShardLayout | None = None
        """The shards of the last pass, under the parsing of `sums` (None after `seed`)."""
        self.published: dict[str, str] = {}
        """Bundle folder → the key of the bundle that the output folder holds."""
        self.offered: tuple[Bundles, dict[str, str]] | None = None
        """The bundles `to_publish` last gave, with their keys."""
        self.generation = 0
        """Counts the times search was turned off: an index begun before is dropped."""
        self.taken = None
        """The model of the pass under way or last done, unless it failed: the rebuild
        that publishes an index changes no paper and keeps the model, whose pass (0.1 s
        of record sums and shard keys at 10,000 papers) would find nothing to do, while
        an edit saved meanwhile took two to three times as long."""

    def start(self, site) -> None:
        """Bring the index up to `site` (a model: immutable, so the thread may read it),
        after the indexing under way if there is one. A site with search off forgets the
        index: the build removed its files, and search turned on again makes a new one."""
        with self.lock:
            if not site.config.search:
                if self.bundles or self.working:
                    self.generation += 1
                    self.bundles, self.sums, self.wanted, self.layout = {}, None, None, None
                    self.published, self.offered, self.taken = {}, None, None
                return
            if site is self.taken:
                return
            self.wanted = site
            if self.working:
                return
            self.working = True
        threading.Thread(target=self.work, daemon=True, name="bitext-background-search").start()

    def seed(self, index: Index) -> None:
        """Start from the bundles of the build that made `index` (the first build of
        `build --watch` indexes as `build` does), so that the next index makes only the
        shards an edit changed. (Their files are not needed: a bundle is published again
        only when it was made again.)"""
        if index.search_shards is None:
            return
        with self.lock:
            self.published = dict(index.search_shards)
            self.sums, self.layout = index.record_sums, None
            self.bundles = {folder: (key, {}) for folder, key in index.search_shards.items()}

    def work(self) -> None:
        while True:
            with self.lock:
                site, generation, self.wanted = self.wanted, self.generation, None
                if site is None:
                    self.working = False
                    return
                self.taken = site
            try:
                self.index(site, generation)
            except (InputError, OSError) as error:
                with self.lock:
                    self.taken = None  # (the next build tries again)
                if isinstance(error, InputError):
                    for problem in error.problems:
                        print(f"warning: {problem.format()}", file=sys.stderr)
                else:  # (the scratch folder full, say)
                    print(f"warning: the search index was not updated: {error}",
                          file=sys.stderr)

    def index(self, site, generation: int) -> None:
        from bitext.pipeline import parsed_key
        from bitext.search import search_files, shard_layout

        started = time.perf_counter()
        with self.lock:
            bundles, last_sums, last_layout = dict(self.bundles), self.sums, self.layout
        parsing = parsed_key(site.config.languages)
        same_parsing = last_sums is not None and last_sums[0] == parsing
        layout = shard_layout(site, last_sums[1] if same_parsing else None,
                              last_layout if same_parsing else None)
        sums, every = layout.sums, layout.shards
        to_index = [shard for shard in every
                    if shard.folder not in bundles or bundles[shard.folder][0] != shard.key]
        if not to_index and bundles.keys() == {shard.folder for shard in every}:
            with self.lock:
                if generation == self.generation:
                    self.sums, self.layout = (parsing, sums), layout
            return
        files = search_files(to_index)
        for shard in to_index:
            prefix = shard.folder + "/"
            bundles[shard.folder] = (shard.key, {path: data for path, data in files.items()
                                                 if path.startswith(prefix)})
        bundles = {shard.folder: bundles[shard.folder] for shard in every}
        with self.lock:
            if generation != self.generation:
                return  # (search was turned off meanwhile)
            self.bundles, self.sums, self.layout = bundles, (parsing, sums), layout
        print(ready_line(len(site.papers), len(to_index), len(every),
                         time.perf_counter() - started), flush=True)
        if self.ready:
            self.ready()

    def to_publish(self) -> Bundles | None:
        """The bundles the next build publishes: none before the first index is ready,
        then those made since the last build published, the others kept; None when
        there are none (the build keeps what it published)."""
        with self.lock:
            keys = {folder: key for folder, (key, _) in self.bundles.items()}
            if keys and keys == self.published:
                return None
            changed = [folder for folder, key in keys.items()
                       if self.published.get(folder) != key]
            bundles = Bundles({path: data for folder in changed
                               for path, data in self.bundles[folder][1].items()},
                              tuple(folder for folder in keys if folder not in changed), keys,
                              self.sums)
            self.offered = (bundles, keys)
            return bundles

    def built(self, bundles: Bundles | None) -> None:
        """A build published `bundles` (from `to_publish`)."""
        with self.lock:
            if self.offered and bundles is self.offered[0]:
                self.published = self.offered[1]


def ready_line(papers: int, indexed: int, shards: int, seconds: float) -> str:
    if indexed == shards:
        return f"search index of {counted(papers, 'paper')} ready in {seconds:.2f} s"
    return (f"search index updated ({indexed} of {counted(shards, 'shard')} indexed again) "
            f"in {seconds:.2f} s")


def templates_key(cache: MemoryCache) -> str | None:
    """The key of the templates `cache` holds (not the templates: held, they would not be
    garbage when replaced)."""
    return cache.templates[0] if cache.templates else None


def keep_survivors_frozen(everything: bool = False) -> None:
    """Collect the reference cycles made since the last call (`everything`: among all
    objects), then move every object alive into the collector's permanent generation,
    where its collections no longer look. The preview and `build --watch` hold a large
    model between builds, which each full collection walked: 2.3-2.9 s at 100,000
    papers, one every few edits, in the background indexing thread or in the next
    rebuild, while the server waited. (An object frozen is still freed when nothing
    refers to it any longer. One left in a cycle stays until a call with `everything`:
    an edit, even one that makes the model anew, leaves none, see
    tests/test_watch.py.)"""
    if everything:
        gc.unfreeze()
    gc.collect()
    gc.freeze()


class Rebuilder:
    """Builds after each change with a cache kept in memory, printing a line per build and
    every problem of a build that failed (the last good build then stays as it was)."""

    kept = "the last good build stays as it was"
    """What the summary of a failed build says instead of "nothing was written"."""

    def __init__(self, options: Options, cache: MemoryCache):
        self.options = options
        self.cache = cache
        # (now, rather than in the first edit with math: 50-70 ms; with marks: 20 ms)
        load_converter()
        shared_markdown().load()
        self.unbuilt: set[str] | None = None
        """The files changed since the last good build, as the watcher reported them
        (None: not known, so the build looks at every file)."""
        self.unsettled: bool | None = None
        """A build is not settled yet (see `settle`); True: it loaded templates anew."""

    def rebuild(self, changed: Collection[str] | None = None) -> str:
        """Build, print and return a one-line report, or the problems, then settle.
        `changed`: the files the watcher saw change since the last call, if it knows."""
        report = self.build_changes(changed)
        self.settle()
        return report

    def build_changes(self, changed: Collection[str] | None = None) -> str:
        """`rebuild` without the settling after it, for a caller with something more
        urgent to do first: the preview tells the browser to reload, then settles (with
        search on, the settling took 10-14 ms at 10,000 papers, where the edit took
        0.03 s, and 0.06-0.11 s at 100,000)."""
        self.settle()  # (the last build's, if its caller did not)
        if changed is None or self.unbuilt is None:
            self.unbuilt = None
        else:
            self.unbuilt |= set(changed)
        # (a rebuild asked for with no file changed publishes a search index: the papers'
        # warnings were printed by the build that read them, and after every edit again
        # they were noise)
        unchanged = self.unbuilt == set()
        search_files = self.search_files()
        templates = templates_key(self.cache)
        report = self.build_and_report(search_files, unchanged)
        self.unsettled = templates_key(self.cache) != templates
        return report

    def settle(self) -> None:
        """After a build: collect the cycles it made, freeze what survives (see
        `keep_survivors_frozen`), and start the work that runs beside the next builds
        (`settled`)."""
        if self.unsettled is None:
            return
        # (templates loaded again: the last ones, a web of cycles with the last model
        # through its renderer, are garbage among the objects frozen)
        everything, self.unsettled = self.unsettled, None
        keep_survivors_frozen(everything)
        self.settled()

    def build_and_report(self, search_files: Bundles | None, unchanged: bool) -> str:
        """Build, then the report line of the build, or its problems."""
        try:
            result = self.build_with_progress(search_files)
        except InputError as error:
            # self.unbuilt keeps what this build was told of: the next one reads it again
            lines = [problem.format() for problem in error.problems]
            self.failed(lines)
            report = "\n".join(lines + [summary(error.problems).replace(
                "nothing was written", self.kept)])
            print(report, file=sys.stderr)
            return report
        self.unbuilt = set()
        self.cache.shares_parsed = False  # (see MemoryCache: the first build shares)
        self.succeeded(search_files)
        for warning in () if unchanged else result.warnings:
            print(warning.format(), file=sys.stderr)
        report = (f"rebuilt {counted(result.rendered, 'page')}, wrote "
                  f"{counted(result.written, 'file')} in {result.seconds * 1000:.0f} ms")
        print(report, flush=True)  # (a line as it happens, also into a pipe or a log)
        return report

    def build_with_progress(self, search_files: Bundles | None) -> Result:
        progress = Progress()  # (the first build of a large site takes seconds)
        try:
            return build(self.options, self.cache, progress, self.unbuilt, search_files)
        finally:
            progress.done()

    def search_files(self) -> Bundles | None:
        """Search bundles made elsewhere for the next build to publish (see `build`)."""
        return None

    def failed(self, lines: list[str]) -> None:
        """A build failed with these problems."""

    def succeeded(self, search_files: Bundles | None) -> None:
        """A build succeeded, publishing `search_files` if not None."""

    def settled(self) -> None:
        """The build is done and its memory settled (see `keep_survivors_frozen`): work
        that runs beside the next builds starts here, not before (begun in `succeeded`,
        the search index's thread competed with the rest of the rebuild for the
        interpreter)."""


def build_on_changes(options: Options, disk: DiskCache | None,
                     stop: threading.Event | None = None) -> None:
    """`build --watch`: build, then build again after each change, until Ctrl-C (or
    `stop`). Each rebuild renders only what the change touched, as in the preview, and
    the search index follows in the background (see `BackgroundSearch`). When it ends,
    the cache is written to `disk`, so that the next `build` starts where this one ended."""
    wake = threading.Event()
    stop = stop or threading.Event()
    watcher = InputWatcher(options.root, announce=wake.set)
    rebuilder = Watch(options, MemoryCache.from_disk(disk) if disk else MemoryCache(),
                      search_ready=watcher.request_rebuild)
    watcher.begin()
    try:
        rebuilder.rebuild()
        print(f"watching {options.root} for changes (Ctrl-C to stop)", flush=True)
        while not stop.is_set():
            # (a timeout, so that Ctrl-C is taken at once on every platform)
            if wake.wait(0.5):
                wake.clear()
                changed, forced = watcher.take()
                if changed or forced:
                    rebuilder.rebuild(changed)
    except KeyboardInterrupt:
        pass
    finally:
        watcher.stop()
        if disk is not None:
            rebuilder.cache.save_to(disk)


class Watch(Rebuilder):
    """`build --watch`'s rebuilds. The first indexes search as `build` does; after it, the
    index follows the edits in the background, and the rebuild asked for when a new one
    is ready publishes it (without --no-search)."""

    def __init__(self, options: Options, cache: MemoryCache,
                 search_ready: Callable[[], None] | None = None):
        super().__init__(options, cache)
        self.search = BackgroundSearch(search_ready) if options.search else None
        self.first = True

    def search_files(self) -> Bundles | None:
        return None if self.search is None or self.first else self.search.to_publish()

    def succeeded(self, search_files: Bundles | None) -> None:
        if self.first:
            self.first = False
            # (from now on the index is made in the background, as the preview makes it)
            self.options = dataclasses.replace(self.options, search=False)
            if self.search and self.cache.index:
                self.search.seed(self.cache.index)
        elif self.search:
            self.search.built(search_files)

    def settled(self) -> None:
        if self.search and self.cache.model:
            self.search.start(self.cache.model.site)
