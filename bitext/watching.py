"""Building again after each change: which inputs changed, as the operating system tells,
and a rebuilder that keeps the last build in memory, so that only what a change touched
is rendered. `serve` uses both (with its own preview folder and overlay), and so does
`build --watch` (with the output folder and the disk cache of `build`).
"""

from __future__ import annotations

import dataclasses
import sys
import threading
from collections.abc import Callable, Collection
from pathlib import Path

from bitext.cache import DiskCache, MemoryCache
from bitext.config import CONFIG_FILE
from bitext.errors import InputError, counted, summary
from bitext.math import load_converter
from bitext.pipeline import Options, Result, build
from bitext.progress import Progress

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


class Rebuilder:
    """Builds after each change with a cache kept in memory, printing a line per build and
    every problem of a build that failed (the last good build then stays as it was)."""

    kept = "the last good build stays as it was"
    """What the summary of a failed build says instead of "nothing was written"."""

    def __init__(self, options: Options, cache: MemoryCache):
        self.options = options
        self.cache = cache
        load_converter()  # (now, rather than in the first edit with math: 50-70 ms)
        self.unbuilt: set[str] | None = None
        """The files changed since the last good build, as the watcher reported them
        (None: not known, so the build looks at every file)."""

    def rebuild(self, changed: Collection[str] | None = None) -> str:
        """Build, print and return a one-line report, or the problems. `changed`: the
        files the watcher saw change since the last call, if it knows."""
        if changed is None or self.unbuilt is None:
            self.unbuilt = None
        else:
            self.unbuilt |= set(changed)
        search_files = self.search_files()
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
        for warning in result.warnings:
            print(warning.format(), file=sys.stderr)
        report = (f"rebuilt {counted(result.rendered, 'page')}, wrote "
                  f"{counted(result.written, 'file')} in {result.seconds * 1000:.0f} ms")
        print(report, flush=True)  # (a line as it happens, also into a pipe or a log)
        return report

    def build_with_progress(self, search_files: dict[str, bytes] | None) -> Result:
        progress = Progress()  # (the first build of a large site takes seconds)
        try:
            return build(self.options, self.cache, progress, self.unbuilt, search_files)
        finally:
            progress.done()

    def search_files(self) -> dict[str, bytes] | None:
        """Search bundles made elsewhere for the next build to publish (see `build`)."""
        return None

    def failed(self, lines: list[str]) -> None:
        """A build failed with these problems."""

    def succeeded(self, search_files: dict[str, bytes] | None) -> None:
        """A build succeeded, publishing `search_files` if not None."""


def build_on_changes(options: Options, disk: DiskCache | None,
                     stop: threading.Event | None = None) -> None:
    """`build --watch`: build, then build again after each change, until Ctrl-C (or
    `stop`). Each rebuild renders only what the change touched, as in the preview. The
    search index of the first build is kept (indexing every save would take as long as
    the first build); a `build` without --watch brings it up to date. When it ends, the
    cache is written to `disk`, so that the next `build` starts where this one ended."""
    wake = threading.Event()
    stop = stop or threading.Event()
    watcher = InputWatcher(options.root, announce=wake.set)
    rebuilder = Rebuilder(options, MemoryCache.from_disk(disk) if disk else MemoryCache())
    watcher.begin()
    try:
        rebuilder.rebuild()
        rebuilder.options = dataclasses.replace(options, search=False)
        print(f"watching {options.root} for changes (Ctrl-C to stop)", flush=True)
        while not stop.is_set():
            # (a timeout, so that Ctrl-C is taken at once on every platform)
            if wake.wait(0.5):
                wake.clear()
                changed, _ = watcher.take()
                if changed:
                    rebuilder.rebuild(changed)
    except KeyboardInterrupt:
        pass
    finally:
        watcher.stop()
        if disk is not None:
            rebuilder.cache.save_to(disk)
