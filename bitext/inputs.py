"""What a build reads, and whether anything changed since the last build.

A build's first step finds every input (site.yaml, the templates, the static files, the
paper files), hashes what may have changed and compares it with the last build's index
(`survey`). Most builds stop there: nothing changed. So this module, and what it imports,
stays clear of the site's machinery (the parsers, the model, Jinja): the command line
imports `bitext.pipeline` only when there is something to build. At 10,000 papers a
build with nothing to do took 0.17 s, and 20–30 ms less without those imports.
"""

from __future__ import annotations

import dataclasses
import functools
import os
import time
from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from bitext import __version__
from bitext.errors import InputError, Problem, outside_project
from bitext.hashing import bytes_digest, file_digest, text_digest
from bitext.write import StaticFile, check_output_folder, collect_static, read_marker

if TYPE_CHECKING:
    from bitext.cache import DiskCache, Index, MemoryCache

CONFIG_FILE = "site.yaml"
PAPERS_DIR = Path("content") / "papers"
TEMPLATES_DIR = "templates"  # (and static/: see bitext.write)


# A file modified this close before the last build may have changed again within the
# clock's resolution without its time changing: read it again (as git does).
RACY_NS = 2_000_000_000


@dataclass(frozen=True)
class Options:
    root: Path
    """The project folder (site.yaml, content/, templates/, static/)."""
    out: Path
    base_url: str | None = None
    """Overrides site.yaml's base_url."""
    drafts: bool = False
    source_date_epoch: int | None = None
    jobs: int | None = None
    """Processes for parsing and rendering; None: one per core."""
    search: bool = True
    """Index the papers for search when they changed; False keeps the last index (the
    preview indexes once, as indexing takes a second or two)."""


def source_date_epoch(environ: Mapping[str, str] = os.environ) -> int | None:
    value = environ.get("SOURCE_DATE_EPOCH", "").strip()
    return int(value) if value.isdigit() else None


@dataclass(frozen=True)
class Survey:
    """What a build finds before it does anything."""

    inputs: Inputs
    index: Index | None
    """The last build's index, light (see `DiskCache.load_index`); None when there is none
    or the output folder is not as it says."""
    out_key: str
    """The output folder, resolved (an index's `out`)."""
    up_to_date: bool
    """Nothing changed since the last build: the output folder is as it should be."""
    started: float
    """When the build started (`time.perf_counter()`)."""

    @property
    def papers(self) -> int:
        """How many papers the site shows, as the index counts them."""
        return self.index.papers if self.index else 0

    @property
    def files(self) -> int:
        """How many files the output folder holds, as the index counts them."""
        return self.index.files if self.index else 0


def survey(options: Options, cache: DiskCache | MemoryCache,
           changed: Collection[str] | None = None, publishes_bundles: bool = False) -> Survey:
    """Find the inputs and compare them with the last build's index. `changed`: as
    `pipeline.build`'s; `publishes_bundles`: the build was given search bundles to publish
    (`pipeline.build`'s `search_files`)."""
    started, looked_ns = time.perf_counter(), time.time_ns()
    problems = check_output_folder(options.out, options.root)
    if problems:
        raise InputError(problems)
    index = cache.load_index(light=True)
    # With nothing parsed to compare with, paper files are hashed as they are parsed, not
    # before. (The preview's first build has no index, but may have the papers `build`
    # parsed.)
    inputs = read_inputs(options, index, changed,
                         hash_papers=index is not None or cache.has_parsed())
    out_key = str(options.out.resolve())
    if not (index and index.out == out_key and read_marker(options.out) == index.token):
        index = None  # the folder is not as the index says: compare with what is there
    # Nothing changed: done, unless an earlier build with search off left the index
    # behind, or the cache keeps a model in memory and has none yet (`build --watch`).
    up_to_date = bool(index and index.inputs == inputs.key and not publishes_bundles
                      and not (options.search and index.search_behind)
                      and not cache.wants_model(inputs.settings))
    if up_to_date and looked_again(inputs, index):
        # Files read again and found the same (touched by a checkout, say, or saved just
        # before the last build): the index says so, or every build with nothing to do
        # would read them again (all of them at 10,000 papers: 0.28 s instead of 0.08).
        cache.save_sources(dataclasses.replace(index, sources=inputs.sources,
                                               looked_ns=looked_ns))
    return Survey(inputs, index, out_key, up_to_date, started)


def looked_again(inputs: Inputs, index: Index) -> bool:
    """Whether `read_inputs` read a paper file that the index knew (it keeps the index's
    own entry for each file it trusted)."""
    known = index.sources
    return any(entry is not known.get(source) for source, entry in inputs.sources.items())


@dataclass(frozen=True)
class Inputs:
    settings: str
    """Changes when the templates, the config, the options or bitext change."""
    templates: str
    sources: dict[str, tuple[int, int, str]]
    """Paper file → (size, mtime_ns, hash of path and bytes); NOT_SEEN until it is parsed
    when `read_inputs` did not look at it."""
    static: list[StaticFile]
    static_digests: dict[str, str]
    """Static file's output path → hash of its bytes."""
    edited: tuple[str, ...] | None = None
    """The paper files a watcher named as edited (the rest as the index knew them), or
    None when every paper file was listed."""
    read: tuple[str, ...] = ()
    """The paper files read and hashed anew: new, or changed since the index (by size or
    time)."""

    @functools.cached_property
    def key(self) -> str:
        """Changes when any input changes."""
        parts = [self.settings]
        parts += [f"{path}:{digest}" for path, digest in self.static_digests.items()]
        parts += [entry[2] for entry in self.sources.values()]  # (a hash of path and bytes)
        return text_digest(parts)

    def with_parsed(self, parsed: dict[str, tuple[int, int, str]]) -> Inputs:
        """These inputs with the paper files as they were when parsed (themselves when
        `read_inputs` had seen and hashed the same, as after an edit)."""
        if all(self.sources[source] == entry for source, entry in parsed.items()):
            return self
        return dataclasses.replace(self, sources={**self.sources, **parsed})


# A paper file listed but not looked at yet (see `read_inputs`): no size, time or hash.
NOT_SEEN = (0, 0, "")


def read_inputs(options: Options, index: Index | None, changed: Collection[str] | None = None,
                hash_papers: bool = True) -> Inputs:
    """Find and hash every input, reading only paper files that may have changed.

    `hash_papers=False`: paper files are only listed, and looked at and hashed as
    `pipeline.load_papers` parses them (in a first build, that opens each file once, in the
    workers: at 10,000 papers 0.2 s of reading and 30 ms of looking less before parsing
    starts)."""
    root = options.root
    edited = edited_papers(root, index, changed)
    if index and edited is not None:
        files, unchanged = edited, index.sources  # (a dict copied below, in order)
    else:
        files, problems = paper_files(root)
        if problems:
            raise InputError(problems)
        unchanged = {}
    known = index.sources if index else {}
    racy_after = (max(index.saved_ns, index.looked_ns) if index else 0) - RACY_NS
    sources = dict(unchanged)
    read = []
    for source, path in files:
        if not hash_papers:
            sources[source] = NOT_SEEN
            continue
        stat = os.stat(path)
        before = known.get(source)
        if (before is not None and before[:2] == (stat.st_size, stat.st_mtime_ns)
                and stat.st_mtime_ns < racy_after):
            sources[source] = before
        else:
            sources[source] = (stat.st_size, stat.st_mtime_ns,
                               file_digest(source, Path(path).read_bytes()))
            read.append(source)
    static = collect_static(root)
    templates = templates_digest(root)
    settings = text_digest([
        __version__, libraries_stamp(),
        repr((options.base_url, options.drafts, options.source_date_epoch)),
        bytes_digest(read_or_empty(root / CONFIG_FILE)), templates])
    static_digests = {item.output_path: bytes_digest(item.source.read_bytes())
                      for item in static}
    return Inputs(settings, templates, sources, static, static_digests,
                  tuple(source for source, _ in files) if index and edited is not None else None,
                  tuple(read))


def source_path(root: Path, source: str) -> str:
    """The path of a paper file from the name messages use (as `paper_files` gives it)."""
    return str(root) + os.sep + source.replace("/", os.sep)


def edited_papers(root: Path, index: Index | None, changed: Collection[str] | None
                  ) -> list[tuple[str, str]] | None:
    """The paper files among `changed` when each changed path under content/papers/ is a
    paper file of the last build that is still there (an edit: the usual change in the
    preview); else None, and the papers are listed again (a file came, went or was
    renamed, a folder changed, or no watcher said what changed)."""
    if changed is None or index is None:
        return None
    prefix, papers = str(root) + os.sep, str(root / PAPERS_DIR) + os.sep
    edited = []
    for path in changed:
        if not path.startswith(prefix):
            return None  # named some other way than the build names its files
        if not path.startswith(papers):
            continue  # templates, static files, site.yaml: looked at in every build
        source = path.removeprefix(prefix).replace(os.sep, "/")
        if any(is_hidden(part) for part in source.split("/")):
            continue  # never a paper (see walk_markdown)
        if source in index.sources:
            if not os.path.isfile(path) or os.path.islink(path):
                return None
            edited.append((source, path))
        elif source.endswith(".md") or os.path.isdir(path) or any(
                known.startswith(source + "/") for known in index.sources):
            return None
    return edited


def paper_files(root: Path) -> tuple[list[tuple[str, str]], list[Problem]]:
    """The paper files under content/papers/ in order, each as (the name messages use,
    its path), and the problems of those that may not be read (links out of the project).
    Paths stay strings: at 10,000 papers, Path objects cost a tenth of a preview rebuild."""
    folder = root / PAPERS_DIR
    if not folder.is_dir():
        raise InputError([Problem(PAPERS_DIR.as_posix(), None, None, "missing folder",
                                  hint="create it and add one .md file per paper")])
    if problem := outside_project(folder, root, PAPERS_DIR.as_posix()):
        raise InputError([problem])
    files, problems = [], []
    real_root = root.resolve()
    prefix = str(root) + os.sep  # scandir's paths are the folder's path joined with names
    for entry in sorted(walk_markdown(folder, real_root, {folder.resolve()}),
                        key=lambda entry: entry.path):
        source = entry.path.removeprefix(prefix).replace(os.sep, "/")
        if entry.is_symlink() and (problem := outside_project(
                Path(entry.path), root, PAPERS_DIR.as_posix())):
            problems.append(problem)
        elif not is_text(source):
            problems.append(Problem(
                os.fsencode(source).decode("utf-8", "backslashreplace"), None, None,
                "the file name is not UTF-8 text", hint="rename the file"))
        else:
            files.append((source, entry.path))
    return files, problems


def is_text(name: str) -> bool:
    """Whether a name from the file system is UTF-8 (else Python holds its other bytes as
    lone surrogates, which no text can be made of: the build stopped in a traceback)."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def walk_markdown(folder: Path, real_root: Path, walked: set[Path]) -> Iterator[os.DirEntry]:
    """The .md files under `folder` and its subfolders (os.scandir: one system call per
    folder instead of one per file, which counts at 10,000 papers). Links to folders in
    the project are followed, each real folder once (`walked`: so a link to a parent
    ends); a link to a folder elsewhere is yielded for the caller to refuse. Hidden files
    and folders are not papers: editors' lock files (Emacs's `.#paper.md`, a link to
    nowhere), macOS's `._paper.md`, `.git`."""
    with os.scandir(folder) as entries:
        for entry in entries:
            if is_hidden(entry.name):
                continue
            if entry.is_dir():
                target = Path(entry.path).resolve()
                if entry.is_symlink() and not target.is_relative_to(real_root):
                    yield entry
                elif target not in walked:
                    walked.add(target)
                    yield from walk_markdown(Path(entry.path), real_root, walked)
            elif entry.name.endswith(".md"):
                yield entry


def is_hidden(name: str) -> bool:
    return name.startswith(".")


def templates_digest(root: Path) -> str:
    """Changes whenever a template changes (every page may use any template)."""
    parts, problems = [], []
    folder = root / TEMPLATES_DIR
    for path in [folder, *sorted(folder.rglob("*"))]:
        if (path == folder or path.is_symlink()) and (
                problem := outside_project(path, root, TEMPLATES_DIR)):
            problems.append(problem)
        elif path.is_file():
            parts.append(path.relative_to(root).as_posix())
            parts.append(bytes_digest(path.read_bytes()))
    if problems:
        raise InputError(problems)
    return text_digest(parts)


# The libraries whose work is in the pages: a parsed paper holds markdown-it's and
# latex2mathml's HTML and python-slugify's slug, a page Jinja's and MarkupSafe's output.
OUTPUT_LIBRARIES = ("markdown_it", "mdit_py_plugins", "linkify_it", "latex2mathml", "slugify",
                    "yaml", "jinja2", "markupsafe", "pagefind")


@functools.cache
def libraries_stamp() -> str:
    """Changes when another version of an output library (or of Python, or of bitext) is
    installed, so that the cache of one version never stands in for another's output: each
    library's first file, as found, and bitext's modules, with their sizes and times (an
    install writes new files). Asked once a process: a running preview keeps the versions
    it imported."""
    import importlib.util
    import sys

    parts = [sys.version]
    for name in OUTPUT_LIBRARIES:
        spec = importlib.util.find_spec(name)
        origin = spec.origin if spec and spec.origin else ""
        try:
            stat = os.stat(origin)
            parts.append(f"{name}:{origin}:{stat.st_size}:{stat.st_mtime_ns}")
        except OSError:
            parts.append(f"{name}:{origin}")
    # bitext's own modules too: an edited or upgraded bitext of the same version number
    # (an editable install, a git pull) parses and renders differently.
    for module in sorted(Path(__file__).parent.glob("*.py")):
        stat = module.stat()
        parts.append(f"{module.name}:{stat.st_size}:{stat.st_mtime_ns}")
    return text_digest(parts)


def read_or_empty(path: Path) -> bytes:
    return read_or_none(path) or b""


def read_or_none(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except (FileNotFoundError, NotADirectoryError, IsADirectoryError):
        return None
