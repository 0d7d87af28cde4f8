"""The build: read what changed, parse it, model the site, render the pages whose
fingerprint changed, write the files whose bytes changed.

Every step skips what the last build already did (`bitext.cache`): a paper file whose
size and modification time are unchanged is not read again, one whose bytes are unchanged
is not parsed again, a page whose fingerprint is unchanged is not rendered again, and a
file whose bytes are unchanged is not written again. When no input changed at all the
build ends after looking at the files. Parsing and rendering use every core when there
is enough to do. Whatever the cache holds, the output is byte for byte the output of a
clean build: a cache that is missing, foreign or damaged only costs time (tested).
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import functools
import gc
import itertools
import os
import sys
import threading
import time
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence, Set
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from bitext import __version__
from bitext.cache import DiskCache, Index, MemoryCache, Model
from bitext.checks import site_warnings
from bitext.config import Config, Language, load_config
from bitext.content import Bilingual, Link, Paper, parse_paper_file
from bitext.errors import InputError, Problem
from bitext.fingerprint import Fingerprints, fingerprints, site_summary, with_reads
from bitext.hashing import bytes_digest, file_digest, text_digest
from bitext.inputs import (
    Inputs,
    Options,
    Survey,
    libraries_stamp,
    read_inputs,
    read_or_none,
    source_path,
    survey,
)
from bitext.markdown import MarkdownRenderer, Rendered
from bitext.math import load_converter
from bitext.model import Site, build_site, patch_site, swapped_papers
from bitext.parallel import Ahead, cores, map_chunks, run_ahead
from bitext.progress import Progress
from bitext.write import Changes, StaticFile, StoppedAfterUpdate, files_in

if TYPE_CHECKING:  # importing render would load Jinja, which a no-change build never needs
    from bitext.cache import Parsed
    from bitext.render import Plan
    from bitext.search import Indexing, RecordSums

# Below these counts a second process costs more than it saves.
PARALLEL_MIN = 300
CHUNK = 100

Cache = DiskCache | MemoryCache


@dataclass(frozen=True)
class Result:
    config: Config | None
    """None when no input changed (the build stopped before reading the config)."""
    papers: int
    files: int
    """Files in the output folder."""
    rendered: int
    written: int
    deleted: int
    seconds: float
    warnings: tuple[Problem, ...] = ()
    awaiting: tuple[str, ...] = ()
    """The paper files awaiting their translation (drafts aside), published or not."""

    @property
    def unchanged(self) -> int:
        return self.files - self.written


def build(options: Options, cache: Cache | None = None, progress: Progress | None = None,
          changed: Collection[str] | None = None,
          search_files: Bundles | None = None, surveyed: Survey | None = None) -> Result:
    """Bring the output folder up to date with the project. On InputError (every problem
    of the stage that failed) or any other failure, nothing was written.

    `changed`: the files that changed since the last good build with this cache, when a
    watcher knows them (the preview); paper files not named are then not looked at.
    `search_files`: search bundles made elsewhere, to publish instead of the folder's (the
    preview and `build --watch` index in the background, see
    `bitext.watching.BackgroundSearch`); a bundle published before and not made again is
    kept only when `Bundles.kept` names it.
    `surveyed`: what `bitext.inputs.survey` found with the same cache, when the caller
    looked before (the command line, which stops there when nothing changed)."""
    # A build makes millions of objects and few reference cycles; the cycle collector
    # would walk the whole site model again and again (a third of a preview rebuild at
    # 10,000 papers). It runs again, as usual, once the build is done.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return build_without_collector(options, cache, progress, changed, search_files,
                                       surveyed)
    finally:
        if collecting:
            gc.enable()


def build_without_collector(options: Options, cache: Cache | None, progress: Progress | None,
                            changed: Collection[str] | None,
                            search_files: Bundles | None, surveyed: Survey | None) -> Result:
    cache = cache if cache is not None else MemoryCache()
    progress = progress or Progress(enabled=False)
    surveyed = surveyed or survey(options, cache, changed, search_files is not None)
    inputs, out_key, started = surveyed.inputs, surveyed.out_key, surveyed.started
    if surveyed.up_to_date:
        return Result(None, surveyed.papers, surveyed.files, 0, 0, 0,
                      time.perf_counter() - started)
    index = cache.complete_index(surveyed.index) if surveyed.index else None

    # (the last model's, else the last build's, while the settings, site.yaml's bytes among
    # them, are the same: reading and checking site.yaml again took a preview edit 2 ms,
    # and a new process 10 ms with YAML's import)
    last = cache.last_model(inputs.settings)
    config = (last.site.config if last
              else index.config if index and index.config and index.settings == inputs.settings
              else load_config(options.root, options.base_url))
    chores: list[Callable[[], object]] = []
    loaded, inputs = load_papers(inputs, config, options, cache, progress, chores)
    site, jobs, swapped = site_and_pages(config, loaded, inputs, options, index, cache)
    existing = index.outputs.keys() if index else files_in(options.out)
    changes = Changes(options.out)
    changes.claim()
    search = None
    try:
        # (indexing runs in Pagefind's processes while this one renders)
        search = start_search(site, inputs, options, index, changes, search_files)
        outputs, rendered, pages, carried = render_changes(
            site, jobs, inputs, options, index, cache, progress, changes, chores, swapped)
        cache.save_listing_entries(site.papers)
        today = dt.date.today()
        together = (last.together if last and same_warnings_together(last, loaded, today)
                    else tuple(site_warnings(loaded.papers, options.root, config, today)))
        made = Made.of(site, loaded, together)
        model = (Model(inputs.settings, loaded, site, jobs, together, today)
                 if cache.keeps_models else None)
        # What is left is Pagefind's to do (and the files' to commit): a command-line
        # build lets go of its model meanwhile, and holds 130 MiB instead of 215 beside
        # Pagefind at 10,000 papers (the peak of a build with search: 425 MiB, was 465).
        del site, loaded, jobs, swapped
        chores.clear()  # (saving the parsed papers: done, but it holds them)
        if model is None and search.indexing is not None:
            search.indexing.make_records()
            give_back_memory()
        bundle_files, dropped = finish_search(
            search, index, outputs, carried, changes, progress,
            options.jobs if options.jobs is not None else cores())
        stale = stale_outputs(pages, existing, outputs, carried, dropped)
        # (after an edit, only these entries can differ from the index's: the pages
        # rendered, the other files render_changes set again, the bundle files set anew)
        touched = (None if pages.described is None
                   else set(rendered) | carried.set_again | bundle_files)
        token_sum = folder_token_sum(outputs, index, stale, touched)
        token = f"{token_sum:032x}"
        cache.forget_index()  # while the folder changes, no index describes it
        written = len(changes.staged)
        interrupted = changes.commit(stale, token)
    except BaseException:
        if search is not None and search.indexing is not None:
            search.indexing.cancel()  # (first: its threads stage the shards they finish)
        changes.discard()
        raise
    cache.save_index(Index(
        __version__, inputs.key, inputs.sources, outputs, out_key, token,
        saved_ns=time.time_ns(), search=search.key, fingerprints=pages, related=made.related,
        search_behind=search.behind, token_sum=token_sum, search_shards=search.shard_keys,
        files=len(outputs), record_sums=search.sums,
        extras=extras_after(carried, dropped, bundle_files), papers=made.papers,
        settings=inputs.settings, config=config))
    if model is not None:
        cache.keep_model(model)
    if interrupted:  # (during the commit, which finished: all is kept as after a build)
        raise StoppedAfterUpdate
    return Result(config, made.papers, len(outputs), len(rendered), written, len(stale),
                  time.perf_counter() - started, made.warnings, made.awaiting)


def stale_outputs(pages: Fingerprints, existing: Set[str], outputs: Mapping[str, object],
                  carried: Carried, dropped: Collection[str]) -> set[str]:
    """The files of the last build (`existing`) that this one did not make. After an edit
    (the pages described again), only the other files and the bundles dropped can go."""
    if pages.described is None:
        return existing - outputs.keys()
    return {path for path in itertools.chain(
        carried.set_before, *(carried.bundles[folder] for folder in dropped))
        if path not in outputs}


@dataclass(frozen=True)
class Made:
    """What the end of a build needs of the site model, once the pages are rendered."""

    papers: int
    related: tuple[str, tuple[tuple[int, ...], ...]]
    """The site's layout digest and the related papers found for it (for the index)."""
    warnings: tuple[Problem, ...]
    awaiting: tuple[str, ...]

    @classmethod
    def of(cls, site: Site, loaded: Loaded, together: tuple[Problem, ...]) -> Made:
        """`together`: the warnings of the papers together (see `checks.site_warnings`)."""
        return cls(len(site.papers), (site.layout, site.related),
                   (*loaded.warnings, *together), loaded.awaiting)


def give_back_memory() -> None:
    """Free what nothing refers to any longer, cycles too (the collector is paused while
    a build works), and hand the free memory back to the system: glibc's malloc keeps it
    otherwise (at 10,000 papers 100 of the 235 MiB that a build held)."""
    gc.collect()
    if sys.platform.startswith("linux"):
        import ctypes

        with contextlib.suppress(OSError, AttributeError):  # (not glibc: musl has none)
            ctypes.CDLL(None).malloc_trim(0)


# (sums of 128-bit hashes are kept to 128 bits)
TOKEN_MODULUS = 1 << 128


def folder_token_sum(outputs: Mapping[str, tuple[str, str]], index: Index | None,
                     stale: Collection[str], touched: Collection[str] | None = None) -> int:
    """The marker's name for the folder's content (as 32 hexadecimal digits), so that the
    next build can tell that the folder is still as its index describes it: the sum of a
    hash of each file's path and bytes. The same files give the same token in whatever
    order they were made (two equal builds stay identical), and a build that changed a
    few of 11,000 files adds and takes away only theirs (naming every file in order took
    a preview edit 6-8 ms). `touched`: the only paths whose entries may not be the index's
    own, when known (looking through 110,000 at 100,000 papers took an edit 20 ms)."""
    if index is None or index.token_sum is None:
        total = sum(file_hash(path, entry[1]) for path, entry in outputs.items())
    else:
        before, total = index.outputs, index.token_sum
        total -= sum(file_hash(path, before[path][1]) for path in stale)
        for path in outputs if touched is None else touched:
            entry, old = outputs[path], before.get(path)
            if entry is not old:  # (unchanged files keep the index's own entry)
                total += file_hash(path, entry[1]) - (file_hash(path, old[1]) if old else 0)
    return total % TOKEN_MODULUS


def file_hash(path: str, digest: str) -> int:
    return int(text_digest([path, digest]), 16)


def render(options: Options) -> tuple[Site, dict[str, bytes], list[StaticFile], Loaded]:
    """Everything a build makes, in memory, without a cache (for `check` and tests), and
    the papers as loaded (their warnings, those awaiting translation)."""
    from bitext.render import make_environment, render_site

    # (with no cache, every file is parsed: reading it to hash it first would read it twice)
    inputs = read_inputs(options, None, hash_papers=False)
    config = load_config(options.root, options.base_url)
    loaded, _ = load_papers(inputs, config, options, MemoryCache(), Progress(enabled=False))
    site = build_site(config, loaded.papers, options.source_date_epoch)
    return site, render_site(site, make_environment(options.root)), inputs.static, loaded


@dataclass(frozen=True)
class Loaded:
    """The papers a build publishes, as `load_papers` found them."""

    papers: list[Paper]
    """In the order of their files (drafts left out, unless asked for)."""
    positions: dict[str, int]
    """Paper file → its paper's place in `papers`."""
    warned: dict[int, tuple[Problem, ...]]
    """Place in `papers` → that paper's warnings, for the papers that have any."""
    edited: tuple[int, ...] | None = None
    """The places whose papers `patch_loaded` put in (None: every file was listed)."""
    awaiting: tuple[str, ...] = ()
    """The paper files awaiting their translation (published or held back)."""

    @property
    def warnings(self) -> list[Problem]:
        return [warning for place in sorted(self.warned) for warning in self.warned[place]]


def load_papers(inputs: Inputs, config: Config, options: Options, cache: Cache,
                progress: Progress, chores: list[Callable[[], object]] | None = None
                ) -> tuple[Loaded, Inputs]:
    """The papers to publish, parsing only files the cache has not seen, and the inputs
    with the hashes of the files parsed (of the bytes parsed, should a file have changed
    since `read_inputs`); InputError with the problems of every file. Saving what was
    parsed is added to `chores` when given (see `render_changes`), else done now."""
    config_key = parsed_key(config.languages)
    ahead = parse_ahead(inputs, options.root, config.languages)
    try:
        parsed = cache.load_parsed(config_key, functools.partial(
            parse_again, options.root, config.languages))
    except BaseException:
        if ahead:
            ahead.cancel()
        raise
    # After edits that the watcher named, only the edited files are looked at.
    last = cache.last_model(inputs.settings) if inputs.edited is not None else None
    files = inputs.edited if last and inputs.edited is not None else inputs.sources
    missing = [(source, source_path(options.root, source))
               for source in files if inputs.sources[source][2] not in parsed]
    progress.begin("parsing papers", len(missing))
    parsed_before = parsed_ahead(ahead, inputs, missing)
    done = {source for source, _, _ in parsed_before}
    missing = [file for file in missing if file[0] not in done]
    jobs = jobs_for(options, len(missing))
    if jobs > 1:
        load_converter()
        shared_markdown().load()
    seen = {}
    for results in itertools.chain([parsed_before], map_chunks(
            ParseTask(config.languages), missing, jobs, CHUNK)):
        for source, entry, result in results:
            parsed[entry[2]] = result
            seen[source] = entry
        progress.advance(len(results))
    inputs = inputs.with_parsed(seen)
    shown = functools.partial(is_published, options=options, config=config)
    patched = last and patch_loaded(last.loaded, inputs, parsed, shown)
    loaded, kept, dropped, problems = patched or list_loaded(inputs, parsed, shown)
    if seen or dropped:
        save = functools.partial(cache.save_parsed, config_key, kept,
                                 {entry[2] for entry in seen.values()} | dropped)
        if chores is not None:
            chores.append(save)
        else:
            save()
    if problems:
        raise InputError(problems)
    return loaded, inputs


def parsed_key(languages: tuple[Language, Language]) -> str:
    """Names what a paper file parses into besides its bytes: bitext and its libraries,
    the classes of the parsed papers, and the config's languages (a paper depends on
    nothing else of the config: see `parse_paper_file`)."""
    return text_digest([__version__, libraries_stamp(), PAPER_LAYOUT, repr(languages)])


def is_published(paper: Paper, options: Options, config: Config) -> bool:
    """Drafts, and papers awaiting their translation unless site.yaml publishes them, are
    built only with --drafts (and in the preview)."""
    held = paper.draft or (paper.awaiting_translation and not config.publish_awaiting)
    return options.drafts or not held


def list_loaded(inputs: Inputs, parsed: dict[str, Parsed], shown: Callable[[Paper], bool]
                ) -> tuple[Loaded, dict[str, Parsed], set[str], list[Problem]]:
    """The papers of every file in order, the parsed papers to keep and those to drop, and
    every file's problems: one pass over the files (at 10,000 papers each pass costs a
    preview rebuild 3 ms)."""
    kept: dict[str, Parsed] = {}
    papers, positions, warned, problems, awaiting = [], {}, {}, [], []
    for source, (_, _, key) in inputs.sources.items():
        paper, file_problems = kept[key] = parsed[key]
        if file_problems:
            problems.extend(file_problems)
        if paper and paper.awaiting_translation and not paper.draft:
            awaiting.append(source)
        if paper and shown(paper):
            positions[source] = len(papers)
            if paper.warnings:
                warned[len(papers)] = paper.warnings
            papers.append(paper)
    return (Loaded(papers, positions, warned, awaiting=tuple(awaiting)), kept,
            parsed.keys() - kept.keys(), problems)


def same_warnings_together(last: Model, loaded: Loaded, today: dt.date) -> bool:
    """Whether the warnings of the papers together (see `checks.site_warnings`) are the
    last build's, on the same day: after edits that `patch_loaded` put in, each leaving its
    paper's day and place as they were, and none of a paper those warnings name. (A pass
    over every paper took 70 ms of a preview edit at 100,000 papers.)"""
    if (loaded.edited is None or last.day != today
            or loaded.positions is not last.loaded.positions
            or len(loaded.papers) != len(last.loaded.papers)):
        return False
    named = {problem.path for problem in last.together}
    return all(
        (before.source, before.date, before.order) == (paper.source, paper.date, paper.order)
        and paper.source not in named
        for before, paper in ((last.loaded.papers[place], loaded.papers[place])
                              for place in loaded.edited))


def patch_loaded(last: Loaded, inputs: Inputs, parsed: dict[str, Parsed],
                 shown: Callable[[Paper], bool]
                 ) -> tuple[Loaded, dict[str, Parsed], set[str], list[Problem]] | None:
    """`list_loaded` after edits that the watcher named (`inputs.edited`): the last build's
    papers with the edited ones in their places, without a pass over every file (12 ms of
    a preview edit at 10,000 papers). None unless each edited file still holds a published
    paper that awaits its translation as before (a problem, a draft, a translation added:
    then every file is listed)."""
    papers, warned, places, dropped = list(last.papers), dict(last.warned), [], set()
    for source in inputs.edited or ():
        place = last.positions.get(source)
        paper, problems = parsed[inputs.sources[source][2]]
        if (place is None or paper is None or problems or not shown(paper)
                or paper.awaiting_translation != papers[place].awaiting_translation):
            return None
        if papers[place].digest != paper.digest:
            dropped.add(papers[place].digest)
        papers[place] = paper
        places.append(place)
        warned.pop(place, None)
        if paper.warnings:
            warned[place] = paper.warnings
    kept = parsed  # (the cache's own dict, given back to keep: see MemoryCache.load_parsed)
    for key in dropped:
        kept.pop(key, None)
    return (Loaded(papers, last.positions, warned, tuple(places), last.awaiting), kept,
            dropped, [])


# Cached papers are pickles of these classes, their bodies apart (see bitext.cache): a
# change to their fields between two versions of the code must not unpickle old entries
# into the new classes.
PAPER_LAYOUT = repr([(kind.__name__, [field.name for field in dataclasses.fields(kind)])
                     for kind in (Paper, Rendered, Bilingual, Link)]) + " bodies apart"


def parse_again(root: Path, languages: tuple[Language, Language], source: str,
                digest: str) -> Paper | None:
    """The paper of the file `source` parsed again, while the file holds the bytes that
    `digest` names (else None): for a cached paper whose body the cache lost."""
    try:
        with open(source_path(root, source), "rb") as stream:
            data = stream.read()
    except OSError:
        return None
    if file_digest(source, data) != digest:
        return None
    return parse_paper_file(data, source, languages, shared_markdown(), digest)[0]


@functools.cache
def shared_markdown() -> MarkdownRenderer:
    """This process's Markdown renderer. A MarkdownIt is a web of reference cycles: one
    made for each build was left to the cycle collector (see
    `bitext.watching.keep_survivors_frozen`)."""
    return MarkdownRenderer()


def parse_ahead(inputs: Inputs, root: Path, languages: tuple[Language, Language]
                ) -> Ahead | None:
    """The paper files read anew (`Inputs.read`), parsed in a forked child while this
    process reads the cached papers: after an edit, a new process spends about as long
    importing the parsers and parsing the file (0.05 s) as reading the cached papers of a
    site of 10,000 (0.07 s). Not where the parsers are loaded already (the preview's
    rebuilds), nor for many files (the workers parse those after)."""
    if not inputs.read or len(inputs.read) >= PARALLEL_MIN or shared_markdown().loaded:
        return None
    files = [(source, source_path(root, source)) for source in inputs.read]
    return run_ahead(lambda: ParseTask(languages)(files))


def parsed_ahead(ahead: Ahead | None, inputs: Inputs, missing: list[tuple[str, str]]
                 ) -> list[tuple[str, tuple[int, int, str], Parsed]]:
    """What `parse_ahead`'s child parsed of the `missing` files, waited for; the child is
    stopped when the cache had them all (files touched, not changed)."""
    if ahead is None:
        return []
    wanted = {source for source, _ in missing}.intersection(inputs.read)
    if not wanted:
        ahead.cancel()
        return []
    return [result for result in ahead.result() or () if result[0] in wanted]


class ParseTask:
    """Parses a chunk of paper files (in a worker process when there are many)."""

    def __init__(self, languages: tuple[Language, Language]):
        self.languages = languages
        self.markdown = shared_markdown()

    def __call__(self, files: Sequence[tuple[str, str]]
                 ) -> list[tuple[str, tuple[int, int, str], Parsed]]:
        """Each file's name, its (size, mtime_ns, hash of path and bytes) as parsed, and
        paper or problems."""
        results = []
        for source, path in files:
            with open(path, "rb") as stream:
                # (looked at before reading: should the file change while it is read, the
                # next build sees a new time and reads it again)
                stat = os.fstat(stream.fileno())
                data = stream.read()
            digest = file_digest(source, data)
            results.append((source, (stat.st_size, stat.st_mtime_ns, digest),
                            parse_paper_file(data, source, self.languages, self.markdown,
                                             digest)))
        return results


def site_and_pages(config: Config, loaded: Loaded, inputs: Inputs, options: Options,
                   index: Index | None, cache: Cache
                   ) -> tuple[Site, Plan, Collection[Paper] | None]:
    """The site model, its pages, and the papers swapped into the last build's model (None
    when the model was made anew). After an edit that moved no paper (see `patch_site`),
    the last build's model and plan with the edited papers swapped in: at 10,000 papers
    a preview rebuild then skips 0.1 s of modelling and planning."""
    from bitext.render import patch_pages, plan_pages

    last = cache.last_model(inputs.settings)
    if last and index and index.fingerprints:
        if loaded.edited is not None:  # (see `patch_loaded`)
            swaps = [(last.loaded.papers[place], loaded.papers[place])
                     for place in loaded.edited]
        else:
            swaps = swapped_papers(loaded.papers, last.loaded.papers)
        patched = swaps is not None and patch_site(last.site, swaps)
        if patched:
            site, changed = patched
            pages_of = index.fingerprints.pages_of
            shown_on = {path for slug in changed for path in pages_of.get(slug, ())}
            return site, patch_pages(last.pages, site, changed, shown_on), changed.values()
    site = build_site(config, loaded.papers, options.source_date_epoch,
                      index.related if index else None)
    return site, plan_pages(site), None


def render_changes(site: Site, jobs: Plan, inputs: Inputs, options: Options,
                   index: Index | None, cache: Cache, progress: Progress, changes: Changes,
                   chores: Sequence[Callable[[], object]] = (),
                   swapped: Collection[Paper] | None = None
                   ) -> tuple[dict[str, tuple[str, str]], list[str], Fingerprints, Carried]:
    """Render the pages whose fingerprint changed and stage the files whose bytes changed
    in `changes` (which the caller discards should this fail). Returns every output file
    with (fingerprint, hash of bytes), the last build's search bundle files among them as
    the index had them (`finish_search` decides which stay), the pages rendered, the
    pages' fingerprints for the next build, and which of the files that are not pages it
    carried or set (`Carried`).

    `chores`: this process's other work, done while the workers render (at 10,000 papers
    saving the parsed papers takes 0.3 s, which were 0.3 s of a cold build's wall time
    when done before). `swapped`: the only papers that can differ from the last build's,
    when known (see `site_and_pages`)."""
    from bitext.render import SITE_WIDE_PAGES

    shared = text_digest([inputs.settings, site_summary(site)])
    previous = index.outputs if index else {}
    pages = functools.cache(functools.partial(
        fingerprints, index.fingerprints if index else None, shared, site, jobs, swapped,
        SITE_WIDE_PAGES))
    waiting = list(chores)
    if index:
        to_render = pages_changed(pages(), previous)
    else:  # every page: its fingerprint, for the next build, is one more chore
        to_render = list(jobs)
        waiting.append(pages)
    # Paper pages first, listings last: this process works from the end (see map_chunks),
    # so listings are rendered here, and each listing entry in one process only.
    to_render.sort(key=lambda path: not path.startswith("papers/"))
    environment = cache.environment(options.root, inputs.templates)
    entries = cache.listing_entries(inputs.settings, site.papers,
                                    (jobs[path] for path in to_render))
    task = RenderTask(site, environment, entries, jobs, previous, index is not None, changes)
    digests, reading = render_pages(task, to_render, jobs_for(options, len(to_render)),
                                    progress, changes, waiting)
    prints = with_reads(pages(), shared, site, jobs, to_render, reading)
    extras = (index.extras if index and index.extras is not None
              else extra_files(previous.keys() - prints.by_path.keys()))
    bundles = {folder: files for folder, files in extras.items() if folder}
    outputs = outputs_of_pages(prints, previous, digests, bundles)
    others = other_files(site.config, inputs, previous, changes, index is not None)
    outputs.update(others)
    if prints.described is not None:  # (the other files of the last build that are gone)
        outputs = without(outputs, {path for path in extras.get("", ())
                                    if path not in others})
    return outputs, to_render, prints, Carried(bundles, set(others), extras.get("", ()))


def pages_changed(prints: Fingerprints, previous: Mapping[str, tuple[str, str]]) -> list[str]:
    """The pages whose fingerprint is not the one the index holds for them. After an edit,
    only the pages described again are looked at (at 100,000 papers, looking at every
    page's fingerprint took a preview edit 30 ms)."""
    by_path, described = prints.by_path, prints.described
    return [path for path in (by_path if described is None else sorted(described))
            if previous.get(path, ("",))[0] != by_path[path]]


def render_pages(task: RenderTask, to_render: Sequence[str], processes: int,
                 progress: Progress, changes: Changes, chores: list[Callable[[], object]]
                 ) -> tuple[dict[str, str], dict[str, int]]:
    """Render `to_render` in `processes` processes, staging in `changes` the files whose bytes
    changed; this process does `chores` once the first pages are back. Returns the digest
    of each page's bytes and what each page read of the site (for `with_reads`)."""
    digests: dict[str, str] = {}
    reading: dict[str, int] = {}
    progress.begin("rendering pages", len(to_render))
    # (closed before the caller discards, should this fail: the workers are stopped first)
    with contextlib.closing(map_chunks(task, to_render, processes, CHUNK)) as rendered:
        for results, staged, read in rendered:
            digests.update(results)
            changes.staged.extend(staged)
            reading.update(read)
            progress.advance(len(results))
            while chores:
                chores.pop(0)()
    for chore in chores:
        chore()
    return digests, reading


def outputs_of_pages(prints: Fingerprints, previous: Mapping[str, tuple[str, str]],
                     digests: Mapping[str, str], bundles: Mapping[str, tuple[str, ...]]
                     ) -> dict[str, tuple[str, str]]:
    """Each page with its (fingerprint, digest of its bytes): as the index has it unless
    it was rendered, and the last build's search bundle files as the index has them."""
    by_path = prints.by_path
    if prints.described is not None:  # (the index's pages: its entries, taken in one copy)
        outputs = dict(previous)
    else:
        outputs = {path: previous[path] for path in by_path if path not in digests}
        outputs.update((path, previous[path]) for files in bundles.values() for path in files)
    outputs.update((path, (by_path[path], digest)) for path, digest in digests.items())
    return outputs


def other_files(config: Config, inputs: Inputs, previous: Mapping[str, tuple[str, str]],
                changes: Changes, trusted: bool) -> dict[str, tuple[str, str]]:
    """The outputs that are not pages, the fixed files (robots.txt, CNAME …) and the
    static ones, with their entries; those whose bytes changed are staged in `changes`."""
    from bitext.render import fixed_files

    entries = {path: ("", stage_if_changed(changes, path, data, previous, trusted))
               for path, data in fixed_files(config).items()}
    for item in inputs.static:  # read again only when the index does not vouch for it
        known = previous.get(item.output_path)
        if known and known[1] == inputs.static_digests[item.output_path]:
            entries[item.output_path] = known
        else:
            entries[item.output_path] = ("", stage_if_changed(
                changes, item.output_path, item.source.read_bytes(), previous, trusted))
    return entries


def extra_files(others: Iterable[str]) -> dict[str, tuple[str, ...]]:
    """Output files that are not pages, as `Index.extras` holds them: each search bundle's
    files by its folder, the other files under ""."""
    from bitext.search import BUNDLE

    grouped: dict[str, list[str]] = {}
    for path in others:
        folder = path.partition("/")[0] if path.startswith(BUNDLE) else ""
        grouped.setdefault(folder, []).append(path)
    return {folder: tuple(files) for folder, files in grouped.items()}


def extras_after(carried: Carried, dropped: Collection[str], set_anew: Iterable[str]
                 ) -> dict[str, tuple[str, ...]]:
    """The `Index.extras` of a build: the bundles carried over and not `dropped`, those
    set anew, the other files set again."""
    extras = {folder: files for folder, files in carried.bundles.items()
              if folder not in dropped}
    for folder, files in extra_files(set_anew).items():
        extras[folder] = tuple({*extras.get(folder, ()), *files})
    extras[""] = tuple(carried.set_again)
    return extras


@dataclass(frozen=True)
class Carried:
    """The files other than pages in the outputs that `render_changes` gives."""

    bundles: dict[str, tuple[str, ...]]
    """The last build's search bundle files by folder, carried over as the index had them:
    at 100,000 papers there are 205,000, and dropping each from the outputs to put it back
    after took a preview edit 0.2 s, and hashing them again for the folder's token 0.3 s."""
    set_again: set[str]
    """The other files, set again (the fixed files and the static ones)."""
    set_before: tuple[str, ...]
    """The other files of the last build (those not set again are gone)."""


@dataclass(frozen=True)
class Bundles:
    """Search bundles made outside the build, for it to publish."""

    files: Mapping[str, bytes]
    """The files of the bundles made anew, by output path."""
    kept: tuple[str, ...] = ()
    """The folders of bundles that the last build published and this one keeps as they
    are: only the bundles an edit changed are published again (comparing the 20,490 files
    of 10,000 papers' bundles took each publication 0.13-0.28 s)."""
    keys: Mapping[str, str] | None = None
    """Each bundle's key (`bitext.search.Shard.key`), for the next build to compare with."""
    sums: tuple[str, RecordSums] | None = None
    """The record sums of the papers they index, and their `parsed_key`, for the next
    build too (see `SearchUpdate.sums`)."""


@dataclass
class SearchUpdate:
    """What a build does with the search bundles (see `start_search`)."""

    key: str = ""
    """What the bundles index: a hash of the settings and every paper ("": no search)."""
    behind: bool = False
    """The bundles kept are behind the papers (a build with search off kept them)."""
    shard_keys: dict[str, str] | None = None
    """Each bundle's key (`bitext.search.Shard.key`) for the next build to compare with."""
    kept: tuple[str, ...] | None = ()
    """Bundle folders whose files the last build wrote and this one keeps as they are
    (None: all of them)."""
    made: Mapping[str, bytes] | None = None
    indexing: Indexing | None = None
    staging: BundleStaging | None = None
    sums: tuple[str, RecordSums] | None = None
    """The papers' record sums (`bitext.search.record_sums`), with the `parsed_key` they
    were made under, for the next build."""


def start_search(site: Site, inputs: Inputs, options: Options, index: Index | None,
                 changes: Changes, made: Bundles | None = None) -> SearchUpdate:
    """Decide what to do with the search bundles, and begin indexing the shards whose
    records changed (in the background, each shard's files staged in `changes` as it is
    done: `finish_search` collects them). The bundles of `made` (made elsewhere: the
    preview's) are published instead when given."""
    from bitext.search import Indexing, shard_layout

    if not site.config.search:
        return SearchUpdate()
    if made is None and index and index.search_behind and not options.search:
        # (behind already, and kept so: the preview's and `build --watch`'s edits, which
        # need not hash every paper's digest for it, 0.1 s at 100,000 papers)
        return SearchUpdate(index.search, True, index.search_shards, None,
                            sums=index.record_sums)
    key = text_digest([inputs.settings] + [paper.digest for paper in site.papers])
    if made is None and index and (index.search == key or not options.search):
        return SearchUpdate(index.search, index.search != key, index.search_shards, None,
                            sums=index.record_sums)
    if made is not None:
        # (behind, with no key of the whole index: the papers may have changed since these
        # bundles were made, so the next build with search compares their shards' keys)
        return SearchUpdate("", True, dict(made.keys) if made.keys is not None else None,
                            made.kept, made.files, sums=made.sums)
    known = (index.search_shards or {}) if index else {}
    # (the last build's record sums hold while the papers are parsed the same way)
    parsing = parsed_key(site.config.languages)
    last_sums = index.record_sums if index else None
    layout = shard_layout(site, last_sums[1] if last_sums and last_sums[0] == parsing
                          else None)
    sums, every = (parsing, layout.sums), layout.shards
    keys = {shard.folder: shard.key for shard in every}
    to_index = [shard for shard in every if known.get(shard.folder) != shard.key]
    kept = tuple(shard.folder for shard in every if known.get(shard.folder) == shard.key)
    if not to_index:
        return SearchUpdate(key, False, keys, kept, sums=sums)
    staging = BundleStaging(changes, index.outputs if index else {}, index is not None)
    indexing = Indexing(to_index, staging)
    try:
        indexing.wait_for_pages()
    except BaseException:  # (Ctrl-C meanwhile: the caller has no indexing to cancel yet)
        indexing.cancel()
        raise
    return SearchUpdate(key, False, keys, kept, None, indexing, staging, sums)


class BundleStaging:
    """Stages a shard's bundle files as Pagefind is done with it (called in the indexing
    threads, each shard in a part of the update of its own); gives each file's hash."""

    def __init__(self, changes: Changes, previous: dict[str, tuple[str, str]], trusted: bool):
        self.changes = changes
        self.previous = previous
        self.trusted = trusted
        self.parts: list[Changes] = []
        self.lock = threading.Lock()

    def __call__(self, files: dict[str, bytes]) -> dict[str, str]:
        part = self.changes.part()
        with self.lock:
            self.parts.append(part)
        return {path: stage_if_changed(part, path, data, self.previous, self.trusted)
                for path, data in files.items()}

    def staged(self) -> list[tuple[str, str]]:
        """Every file staged (once indexing is done)."""
        return [pair for part in self.parts for pair in part.staged]


def finish_search(search: SearchUpdate, index: Index | None,
                  outputs: dict[str, tuple[str, str]], carried: Carried, changes: Changes,
                  progress: Progress, processes: int) -> tuple[set[str], list[str]]:
    """Stage the bundles that were made and keep those that were not: their files join
    `outputs` like pages, where the last build's (`carried`) are dropped unless kept.
    Returns the paths of the bundle files set anew, and the folders of the bundles
    dropped. `processes`: Pagefind processes at a time, now that rendering is done."""
    previous = index.outputs if index else {}
    dropped = ([] if search.kept is None  # (None: all are kept)
               else [folder for folder in carried.bundles if folder not in search.kept])
    # (deleted from, though the next build then copies these outputs entry by entry (see
    # `without`): copied here without the dropped files, each publication of the index at
    # 100,000 papers took about 95 ms more, and the edit after it 25 ms less)
    for folder in dropped:
        for path in carried.bundles[folder]:
            del outputs[path]
    set_anew: set[str] = set()
    if search.indexing is not None:
        assert search.staging is not None  # (made with the indexing)
        # The renderers are done: Pagefind may have every core. (Not before: each process
        # holds a shard, and the renderers' memory adds to theirs.)
        search.indexing.use_cores(processes)
        progress.begin("indexing search shards", search.indexing.count)
        indexed = search.indexing.result(progress)
        outputs.update((path, ("", digest)) for path, digest in indexed.items())
        set_anew.update(indexed)
        changes.staged.extend(search.staging.staged())
    for path, data in (search.made or {}).items():
        outputs[path] = ("", stage_if_changed(changes, path, data, previous,
                                              index is not None))
        set_anew.add(path)
    return set_anew, dropped


def without(outputs: dict[str, tuple[str, str]], gone: set[str]
            ) -> dict[str, tuple[str, str]]:
    """`outputs` without `gone` (a new dict when any is gone). The next build copies the
    outputs (`render_changes`), and CPython copies a dict that had an entry deleted one
    entry at a time, else in one block: 35-98 ms against 11-12 ms for the 320,000
    outputs of 100,000 papers with search. So an edit no longer deletes the static and
    fixed files to set them again, and a file gone is rare."""
    if not gone:
        return outputs
    return {path: entry for path, entry in outputs.items() if path not in gone}


class RenderTask:
    """Renders a chunk of pages and stages those whose bytes changed (in a worker process
    when there are many: the staged files are then listed back to the parent)."""

    def __init__(self, site: Site, env, entries: dict, jobs: Plan,
                 previous: dict[str, tuple[str, str]], trusted: bool, changes: Changes):
        from bitext.render import Renderer

        self.renderer = Renderer(site, env, entries)
        self.jobs = jobs
        self.previous = previous
        self.trusted = trusted
        self.changes = changes

    def __call__(self, paths: Sequence[str]
                 ) -> tuple[dict[str, str], list[tuple[str, str]], dict[str, int]]:
        """Each page's hash of bytes, the files staged, and the pages that read papers
        through `site` with how many of the newest (see `bitext.siteview`)."""
        changes = self.changes.part()
        results, reading = {}, {}
        try:
            for path in paths:
                data = self.renderer.render(self.jobs[path])
                if self.renderer.newest_read:
                    reading[path] = self.renderer.newest_read
                results[path] = stage_if_changed(changes, path, data, self.previous,
                                                 self.trusted)
        except BaseException:
            changes.discard()
            raise
        return results, changes.staged, reading


def stage_if_changed(changes: Changes, path: str, data: bytes,
                     previous: dict[str, tuple[str, str]], trusted: bool) -> str:
    """Stage `data` for `path` unless the folder holds these bytes already: known from the
    index when it is trusted, else by reading the file. Returns the hash of the bytes."""
    data_digest = bytes_digest(data)
    if trusted:
        unchanged = previous.get(path, ("", ""))[1] == data_digest
    elif changes.in_place:  # (into a folder that did not exist: nothing to read)
        unchanged = False
    else:
        unchanged = read_or_none(changes.out / path) == data
    if not unchanged:
        changes.stage(path, data)
    return data_digest


def jobs_for(options: Options, work: int) -> int:
    if work < PARALLEL_MIN:
        return 1
    return options.jobs if options.jobs is not None else cores()


