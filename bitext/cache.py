"""What the last build did, kept so that the next one only does what changed.

Three kinds of entries, in `.bitext-cache/` beside site.yaml (gitignored, safe to delete):

- parsed papers, by a hash of their file's path and bytes, in 256 shards so that an edit
  rewrites one small file; they live in a folder named after the bitext version and the
  config they were parsed under, so a new version or a new site.yaml starts afresh. Each
  paper's rendered abstracts and notes (its body: nine tenths of the bytes) are kept in
  shards of their own, read only for the papers whose text a build shows (see `Bodies`);
- rendered listing entries, by the paper's hash and slug (one for pages of any depth),
  sharded the same way, in a folder named after the settings (config, templates,
  options, version);
- the index: for each paper file its size, modification time and hash, and for each
  output file the fingerprint of what it shows and the hash of its bytes. The output
  files' part is a file of its own (`index-outputs.pickle`), read only by a build that
  has something to do: most builds find nothing changed, and at 10,000 papers that part
  is four fifths of the index and of the time to read it.

Every file is signed with a key kept outside the project (in the user's cache folder), so
a cache copied from elsewhere, truncated or corrupted is ignored rather than trusted:
pickle must only ever read what this user's bitext wrote. Ignoring the cache costs time,
never correctness.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import functools
import hashlib
import hmac
import io
import os
import pickle
import secrets
import shutil
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from bitext import __version__
from bitext.errors import InputError, Problem

# (types only: a build that finds nothing changed reads the index and stops, without the
# parsers, the model or Jinja; see bitext.inputs)
if TYPE_CHECKING:
    import jinja2

    from bitext.config import Config
    from bitext.content import Paper
    from bitext.fingerprint import Fingerprints
    from bitext.markdown import Rendered
    from bitext.model import Site
    from bitext.pipeline import Loaded
    from bitext.render import PageJob, Plan
    from bitext.search import RecordSums

    Parsed = tuple[Paper | None, list[Problem]]
    Reparse = Callable[[str, str], Paper | None]
    """Parses a paper file (by name) again, if it still holds the bytes of a digest."""

CACHE_DIR = ".bitext-cache"
INDEX_FILE = "index.pickle"
OUTPUTS_FILE = "index-outputs.pickle"
"""The index's `outputs`, `fingerprints`, `related`, `record_sums`, `extras` and `config`
(see `DiskCache.complete_index`)."""
SIGNATURE_BYTES = 32


@dataclass
class Index:
    version: str
    inputs: str
    """A hash of every input (config, templates, static files, paper files, options)."""
    sources: dict[str, tuple[int, int, str]]
    """Paper file → (size, mtime_ns, hash of path and bytes)."""
    outputs: dict[str, tuple[str, str]]
    """Output file → (fingerprint of what it shows, hash of its bytes); None in an index
    loaded `light` (see `DiskCache.load_index`)."""
    out: str
    """The output folder these outputs were written to."""
    token: str
    """Also in that folder's marker: a folder whose marker differs is not trusted (see
    `pipeline.folder_token_sum`)."""
    saved_ns: int = 0
    search: str = ""
    """What the search bundles in the folder index (a hash of the papers and settings)."""
    fingerprints: Fingerprints | None = None
    """The pages' fingerprints with the papers each page shows (see bitext.fingerprint)."""
    related: tuple[str, tuple[tuple[int, ...], ...]] | None = None
    """The site's layout digest and the related papers found for it (`Site.related`)."""
    search_behind: bool = False
    """The search bundles index papers older than these (a build with search off kept
    them): the next build with search on indexes again, even if nothing else changed."""
    token_sum: int | None = None
    """The sum that `token` writes (see `pipeline.folder_token_sum`); None in the index of a
    bitext that named folders otherwise (the next token is then summed afresh)."""
    search_shards: dict[str, str] | None = None
    """Search bundle folder → the key of the records it indexes (`bitext.search.Shard`),
    so that the next build indexes only the shards whose records changed; None when
    unknown (the bundles came from the preview's background index)."""
    files: int = 0
    """How many output files there are (said by a build that finds nothing changed)."""
    record_sums: tuple[str, RecordSums] | None = None
    """The papers' search record sums and what they were parsed under (see
    `pipeline.SearchUpdate.sums`); None in an index loaded `light`."""
    extras: dict[str, tuple[str, ...]] | None = None
    """The output files that are not pages: each search bundle's by its folder, the fixed
    and static files under "". At 100,000 papers 205,000 of the 320,000 outputs are
    bundle files, and finding them among the outputs took each preview edit 0.15 s. None
    in an index loaded `light`."""
    papers: int = 0
    """How many papers the site shows (said by a build that finds nothing changed: paper
    files held back, drafts and those awaiting translation, are not among them)."""
    looked_ns: int = 0
    """When a build with nothing to do last looked at the paper files whose size and time
    `sources` holds (0: as the index was saved, `saved_ns`). A file modified shortly
    before is read again by the next build (see `bitext.inputs.RACY_NS`)."""
    settings: str = ""
    """The settings (`bitext.inputs.Inputs.settings`) of the build that saved it."""
    config: Config | None = None
    """The config that build read: the next build under the same settings (which hash
    site.yaml's bytes) takes it instead of reading and checking site.yaml again (10 ms
    with YAML's import). None in an index loaded `light`."""


@dataclass(frozen=True)
class Model:
    """The site model and the pages planned from it, of the last good build."""

    settings: str
    """The settings key (config, templates, options) they were made under."""
    loaded: Loaded
    """The papers the model was made from, in the order the build read them."""
    site: Site
    pages: Plan
    together: tuple[Problem, ...] = ()
    """The warnings of the papers together (see `bitext.checks.site_warnings`)."""
    day: dt.date | None = None
    """The day those warnings were made on (a date after tomorrow is one of them)."""


@dataclass
class MemoryCache:
    """The preview's cache: the same entries, kept in the process between rebuilds."""

    index: Index | None = None
    parsed: dict[str, dict[str, Parsed]] = field(default_factory=dict)
    templates: tuple[str, object] | None = None
    entries: tuple[str, dict] = ("", {})
    entries_kept: int = 0
    model: Model | None = None
    disk: DiskCache | None = None
    """What `build` left in .bitext-cache/: the parsed papers and listing entries, read
    where this cache has none yet (its first build). The preview's first build then parses
    only the files changed since the last build or preview: at 10,000 papers it loads them
    in 0.2-0.3 s instead of parsing them in 2 s. (The preview cannot use the entries, as
    its base URL differs, but `build --watch` can; see `from_disk`.)"""
    shares_parsed: bool = True
    """Whether the papers parsed are also written to `disk`; the rebuilders stop after
    their first good build (writing an edit's papers cost it 10 ms of its 60-90, and
    `build` parses them again in a millisecond each)."""
    unshared: set[str] = field(default_factory=set)
    """Parsed papers not written to `disk` since (see `save_to`)."""

    @classmethod
    def from_disk(cls, disk: DiskCache) -> MemoryCache:
        """A cache in memory that starts from `disk`. Its index, the last build's, also
        vouches for the paper files whose size and time it knows (none is read again)."""
        return cls(index=disk.load_index(), disk=disk)

    keeps_models: ClassVar[bool] = True
    """The preview and `build --watch` keep the last build's model for the next edit."""

    def last_model(self, settings_key: str) -> Model | None:
        """The last good build's model while the settings are the same (kept beside the
        index: the index's fingerprints tell which of its pages show which paper)."""
        return self.model if self.model and self.model.settings == settings_key else None

    def keep_model(self, model: Model) -> None:
        self.model = model

    def wants_model(self, settings_key: str) -> bool:
        """Whether a build with nothing to do should make the model all the same: the
        first build of `build --watch` usually finds nothing changed, and without the
        model its first edit took 0.6 s at 10,000 papers instead of 0.06 s."""
        return self.last_model(settings_key) is None

    def listing_entries(self, settings_key: str, papers: Sequence[Paper],
                        pages: Iterable[PageJob] | None = None) -> dict:
        """Rendered listing entries of earlier builds with the same settings and templates.
        Those of papers no longer there (by digest) are dropped once they could be half
        of them: looking through 10,000 entries after every edit would cost more. (All of
        them, whatever `pages` are to be rendered: they are in memory.)"""
        key, entries = self.entries
        if key != settings_key:
            entries = self.disk.listing_entries(settings_key, papers) if self.disk else {}
        if len(entries) > 2 * max(self.entries_kept, len(papers)):
            digests = {paper.digest for paper in papers}
            entries = {entry: html for entry, html in entries.items() if entry[0] in digests}
            self.entries_kept = len(entries)
        self.entries = (settings_key, entries)
        return entries

    def save_listing_entries(self, papers: Sequence[Paper]) -> None:
        pass  # (the dict given out is the one kept)

    def environment(self, root: Path, templates_key: str):
        """The Jinja environment of the last build while the templates are the same."""
        from bitext.render import make_environment

        if self.templates is None or self.templates[0] != templates_key:
            self.templates = (templates_key, make_environment(root, compiled_templates()))
        return self.templates[1]

    def load_index(self, light: bool = False) -> Index | None:
        return self.index

    def complete_index(self, index: Index) -> Index | None:
        return index

    def save_index(self, index: Index) -> None:
        self.index = index

    save_sources = save_index

    def forget_index(self) -> None:
        self.index = None
        self.model = None

    def has_parsed(self) -> bool:
        return any(self.parsed.values()) or (self.disk is not None and self.disk.has_parsed())

    def load_parsed(self, config_key: str, reparse: Reparse | None = None
                    ) -> dict[str, Parsed]:
        """The cache's own dict, not a copy (copying took a preview edit at 100,000
        papers 20 ms): a build adds the papers it parses and drops those of files gone,
        keyed by their file's hash, so the cache stays right whatever becomes of it.
        `reparse`: as `DiskCache.load_parsed`'s."""
        if config_key not in self.parsed:
            self.parsed = {config_key: self.disk.load_parsed(config_key, reparse)
                           if self.disk else {}}
        return self.parsed[config_key]

    def save_parsed(self, config_key: str, parsed: dict[str, Parsed], changed: set[str]
                    ) -> None:
        if config_key not in self.parsed:
            self.unshared = set()
        self.parsed = {config_key: parsed}
        if self.disk is None or not self.shares_parsed:
            self.unshared |= changed
            return
        with contextlib.suppress(OSError):  # (a folder the preview may not write to)
            self.disk.save_parsed(config_key, parsed, changed)

    def save_to(self, disk: DiskCache) -> None:
        """Write this cache to `disk`, so that the next `build` starts where the last build
        here ended (`build --watch` ends so): the index, the papers parsed since they were
        last shared, the listing entries. Nothing when the last build stopped midway (the
        folder is then as no index says)."""
        if self.index is None:
            return
        for config_key, parsed in self.parsed.items():
            disk.save_parsed(config_key, parsed, self.unshared)
        self.unshared = set()
        settings_key, entries = self.entries
        if settings_key:
            disk.save_entries(settings_key, entries)
        disk.save_index(self.index)


class DiskCache:
    def __init__(self, folder: Path, key: bytes | None = None):
        self.folder = folder
        self.key = key if key is not None else signing_key()
        self.entries: tuple[Path, dict, set] | None = None

    keeps_models: ClassVar[bool] = False
    """A command-line build ends with its process, and loading a pickled model cost more
    than making it again: the build lets go of its model once the pages are rendered."""

    def last_model(self, settings_key: str) -> Model | None:
        return None

    def keep_model(self, model: Model) -> None:
        pass

    def wants_model(self, settings_key: str) -> bool:
        return False

    def environment(self, root: Path, templates_key: str):
        from bitext.render import make_environment

        return make_environment(root, compiled_templates())

    def load_index(self, light: bool = False) -> Index | None:
        """The last build's index; `light`: without its `outputs`, `fingerprints`,
        `related`, `record_sums`, `extras` and `config` (None), which `complete_index` adds
        when the build needs them."""
        index = self.read(self.folder / INDEX_FILE)
        if not isinstance(index, Index) or index.version != __version__:
            return None
        return index if light else self.complete_index(index)

    def complete_index(self, index: Index) -> Index | None:
        """`index` with its output files' part, or None when that part is missing, damaged
        or of another build (the build then compares with the folder)."""
        if index.outputs is not None:
            return index
        part = self.read(self.folder / OUTPUTS_FILE)
        if not (isinstance(part, tuple) and len(part) == 8
                and part[:2] == (index.token, index.saved_ns)):
            return None
        _, _, outputs, fingerprints, related, record_sums, extras, config = part
        return dataclasses.replace(index, outputs=outputs, fingerprints=fingerprints,
                                   related=related, record_sums=record_sums, extras=extras,
                                   config=config)

    def save_index(self, index: Index) -> None:
        # The output files' part first: an index is only ever completed by the part
        # written with it (the same token and time), whatever stopped in between.
        self.write(self.folder / OUTPUTS_FILE, (index.token, index.saved_ns, index.outputs,
                                                index.fingerprints, index.related,
                                                index.record_sums, index.extras, index.config))
        self.write(self.folder / INDEX_FILE, light(index))

    def save_sources(self, index: Index) -> None:
        """`index`, whose paper files a build with nothing to do looked at again: only its
        light part, as its output part stays the same (by the same token and time)."""
        with contextlib.suppress(OSError):  # (a folder this user may not write to)
            self.write(self.folder / INDEX_FILE, light(index))

    def forget_index(self) -> None:
        (self.folder / INDEX_FILE).unlink(missing_ok=True)
        (self.folder / OUTPUTS_FILE).unlink(missing_ok=True)

    def has_parsed(self) -> bool:
        return any(self.folder.glob("papers-*"))

    def load_parsed(self, config_key: str, reparse: Reparse | None = None
                    ) -> dict[str, Parsed]:
        """The parsed papers by digest, their bodies read when first asked for (see
        `Bodies`). `reparse`: parses a paper file again, for a body the cache has lost."""
        bodies = Bodies(self, self.bodies_folder(config_key), reparse)
        bodies.heads = {key: value for key, value in self.read_shards(
            self.papers_folder(config_key), functools.partial(self.read_heads, bodies=bodies))
            if isinstance(key, str) and isinstance(value, tuple) and len(value) == 2}
        return bodies.heads

    def save_parsed(self, config_key: str, parsed: dict[str, Parsed], changed: set[str]
                    ) -> None:
        """Rewrite the shards that hold a changed entry; drop other configs' folders. The
        bodies first: a head whose body is missing parses its file again."""
        self.write_shards(self.bodies_folder(config_key), parsed, changed, shard_of_paper,
                          self.write_bodies)
        self.write_shards(self.papers_folder(config_key), parsed, changed, shard_of_paper,
                          self.write_heads)

    def write_bodies(self, path: Path, parsed: dict[str, Parsed]) -> None:
        # (a body not read yet is read here, from the shard this replaces)
        self.write(path, {key: body_of(paper) for key, (paper, _) in parsed.items()
                          if paper is not None})

    def write_heads(self, path: Path, parsed: dict[str, Parsed]) -> None:
        """The papers without their bodies: each Rendered is written as its place in
        them, which `read_heads` reads as a `StoredRendered`."""
        places = {id(rendered): (key, slot) for key, (paper, _) in parsed.items()
                  if paper is not None
                  for slot, rendered in enumerate(body_of(paper)) if rendered is not None}
        self.write(path, parsed, lambda value: places.get(id(value)))

    def read_heads(self, path: Path, bodies: Bodies) -> object:
        payload = self.verified(path)
        if payload is None:
            return None
        unpickler = pickle.Unpickler(io.BytesIO(payload))
        unpickler.persistent_load = bodies.stored
        try:
            return unpickler.load()
        except Exception:  # (as in `read`)
            return None

    def listing_entries(self, settings_key: str, papers: Sequence[Paper],
                        pages: Iterable[PageJob] | None = None) -> dict:
        """Listing entries rendered by earlier builds under the same settings and templates,
        when the `pages` to render list enough papers for loading them to pay (all of them
        when `pages` is None). At 10,000 papers the 10,000 entries load in 0.04-0.06 s
        (0.06-0.1 s in a new process), and one renders in 62 us: after a new paper the
        home pages list every paper again (0.6 s to render), after an abstract edit the
        listing pages that show it list a few hundred (310-483 in the edits measured,
        0.02-0.03 s). (Entries not loaded are not saved either: the next build that loads
        them renders the few it lacks.)"""
        if pages is not None and not lists_at_least(pages, len(papers) // ENTRY_LOAD_SHARE):
            return {}
        folder = self.entries_folder(settings_key)
        entries = {key: value for key, value in self.read_shards(folder)
                   if isinstance(key, tuple) and isinstance(value, str)}
        self.entries = (folder, entries, set(entries))
        return entries

    def save_entries(self, settings_key: str, entries: dict) -> None:
        """Keep these entries (those of a MemoryCache, see its `save_to`)."""
        self.write_shards(self.entries_folder(settings_key), entries, entries.keys(),
                          lambda key: key[0][:2])

    def save_listing_entries(self, papers: Sequence[Paper]) -> None:
        """Keep the entries rendered in this build; drop those of papers gone or changed."""
        if self.entries is None:
            return
        folder, entries, loaded = self.entries
        current = {paper.digest for paper in papers}
        stale = [key for key in entries if key[0] not in current]
        for key in stale:
            del entries[key]
        self.write_shards(folder, entries, (entries.keys() - loaded) | set(stale),
                          lambda key: key[0][:2])
        self.entries = None

    def read_shards(self, folder: Path, read: Callable[[Path], object] | None = None
                    ) -> Iterator[tuple[object, object]]:
        """The entries of every intact shard in `folder` (each read by `read`)."""
        if folder.is_dir():
            for shard in folder.glob("*.pickle"):
                entries = (read or self.read)(shard)
                if isinstance(entries, dict):
                    yield from entries.items()

    def write_shards(self, folder: Path, entries: dict, changed: Collection,
                     shard_of: Callable[[object], str],
                     write: Callable[[Path, dict], None] | None = None) -> None:
        """Rewrite the shards of `folder` that hold a changed key (all of them in a new
        folder: an edit rewrites one small file), each by `write`, and drop the folders of
        the same kind made under other settings."""
        kind = folder.name.split("-")[0]
        for other in self.folder.glob(f"{kind}-*"):
            if other != folder:
                shutil.rmtree(other, ignore_errors=True)
        shards: dict[str, dict] = {}
        for key, value in entries.items():
            shards.setdefault(shard_of(key), {})[key] = value
        touched = set(shards) if not folder.is_dir() else {shard_of(key) for key in changed}
        for name in touched:
            (write or self.write)(folder / f"{name}.pickle", shards.get(name, {}))

    def papers_folder(self, config_key: str) -> Path:
        return self.folder / f"papers-{config_key[:16]}"

    def bodies_folder(self, config_key: str) -> Path:
        return self.folder / f"bodies-{config_key[:16]}"

    def entries_folder(self, settings_key: str) -> Path:
        return self.folder / f"entries-{settings_key[:16]}"

    def read(self, path: Path) -> object:
        """The object in a signed file, or None when it is missing, foreign or damaged."""
        payload = self.verified(path)
        if payload is None:
            return None
        try:
            return pickle.loads(payload)
        except Exception:  # a signed file from an older bitext whose classes moved
            return None

    def verified(self, path: Path) -> bytes | None:
        """What a signed file holds, or None when it is missing, foreign or damaged."""
        try:
            data = path.read_bytes()
        except OSError:
            return None
        signature, payload = data[:SIGNATURE_BYTES], data[SIGNATURE_BYTES:]
        return payload if hmac.compare_digest(signature, self.sign(payload)) else None

    def write(self, path: Path, value: object,
              persistent_id: Callable[[object], object] | None = None) -> None:
        """`persistent_id`: as pickle's, for objects written as a name of them."""
        if persistent_id is None:
            payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        else:
            stream = io.BytesIO()
            pickler = pickle.Pickler(stream, protocol=pickle.HIGHEST_PROTOCOL)
            pickler.persistent_id = persistent_id
            pickler.dump(value)
            payload = stream.getvalue()
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f".{path.name}.{secrets.token_hex(4)}")
        temporary.write_bytes(self.sign(payload) + payload)
        os.replace(temporary, path)

    def sign(self, payload: bytes) -> bytes:
        return hmac.new(self.key, payload, hashlib.sha256).digest()


def light(index: Index) -> Index:
    """`index` without the part kept in `OUTPUTS_FILE` (see `DiskCache.load_index`)."""
    return dataclasses.replace(index, outputs=None, fingerprints=None, related=None,
                               record_sums=None, extras=None, config=None)


def shard_of_paper(key: str) -> str:
    return key[:2]


def body_of(paper: Paper) -> tuple[Rendered | None, ...]:
    """A paper's body: its abstracts, then its notes (None where it has none)."""
    notes = paper.note.values if paper.note is not None else (None, None)
    return (*paper.abstract.values, *notes)


class Bodies:
    """The bodies of the parsed papers that a cache keeps (see `body_of`), read a shard at
    a time as their papers' text is first asked for: a build after an edit reads every
    paper's head to make its model, and the bodies of the few papers its pages show.
    A body the cache lost (a damaged shard, or one another build rewrote without it) is
    parsed again from its file while the file holds the same bytes."""

    def __init__(self, cache: DiskCache, folder: Path, reparse: Reparse | None):
        from bitext.markdown import stored

        self.cache, self.folder, self.reparse = cache, folder, reparse
        self.shards: dict[str, dict] = {}
        self.heads: dict[str, Parsed] = {}
        """The papers whose bodies these are, by digest."""
        self.make_stored = stored

    def stored(self, place: tuple[str, int]) -> Rendered:
        """The Rendered at `place` (digest, slot), as the papers' heads name it."""
        digest, slot = place
        return self.make_stored(self, digest, slot)

    def rendered(self, digest: str, slot: int) -> Rendered:
        name = shard_of_paper(digest)
        shard = self.shards.get(name)
        if shard is None:
            read = self.cache.read(self.folder / f"{name}.pickle")
            shard = self.shards[name] = read if isinstance(read, dict) else {}
        body = shard.get(digest)
        if not (isinstance(body, tuple) and len(body) == BODY_PARTS
                and body[slot] is not None):
            body = shard[digest] = body_of(self.parsed_again(digest))
        return body[slot]

    def parsed_again(self, digest: str) -> Paper:
        paper, _ = self.heads.get(digest, (None, []))
        if paper is None:  # (a paper this build no longer has: another build dropped it)
            raise InputError([Problem(str(self.folder), None, None,
                                      "another build changed the cache meanwhile",
                                      hint="build again")])
        again = self.reparse(paper.source, digest) if self.reparse else None
        if again is None:  # (the file changed since the build looked at it)
            raise InputError([Problem(paper.source, None, None,
                                      "the file changed while the site was being built",
                                      hint="build again")])
        return again


BODY_PARTS = 4
"""The Rendered values of a body (see `body_of`)."""


# Rendering a listing entry takes as long as loading this many or more (see
# `DiskCache.listing_entries`): the entries are loaded when the pages to render list at
# least one paper in this many.
ENTRY_LOAD_SHARE = 8


def lists_at_least(pages: Iterable[PageJob], count: int) -> bool:
    """Whether the contexts of `pages` hold `count` papers or more (counted until they do:
    a first build counts a few hundred of its pages)."""
    from bitext.fingerprint import papers_held

    held = 0
    for page in pages:
        if held >= count:
            return True
        held += papers_held(page.context)
    return held >= count


def disk_cache(root: Path) -> DiskCache:
    """The cache of the project in `root`."""
    return DiskCache(root / CACHE_DIR)


def compiled_templates() -> jinja2.BytecodeCache | None:
    """Jinja's cache of compiled templates, kept between builds and processes in the
    user's cache folder (compiled code must not be read from a project folder): a new
    environment then loads the site's templates in milliseconds instead of compiling them
    (0.1-0.25 s, which the first edit in the preview or `build --watch` waited for).
    None when that folder cannot be written."""
    import jinja2

    from bitext.render import COMPILED_FORM

    folder = user_cache_folder() / f"templates-{COMPILED_FORM}"
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        prune_compiled(folder, COMPILED_KEPT)
        return jinja2.FileSystemBytecodeCache(str(folder))
    except OSError:
        return None


def user_cache_folder() -> Path:
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "bitext"


# Jinja keeps one compiled file per template file path (about 13 KB), so every project
# folder adds a dozen; with no limit, the folder only grows (200 MB on a machine that ran
# the test suite for a few weeks, each test building in a new temporary folder).
COMPILED_KEPT = 2000


def prune_compiled(folder: Path, kept: int) -> None:
    """Keep the `kept` most recently compiled templates in `folder` (a template dropped is
    compiled again when next used) and drop the folders of other compiled forms (those
    of earlier bitext versions)."""
    for other in folder.parent.glob("templates*"):
        if other != folder and other.is_dir():
            shutil.rmtree(other, ignore_errors=True)
    entries = list(os.scandir(folder))
    if len(entries) <= kept:
        return
    # (down to half: pruning then happens once in a thousand new folders, not every build)
    for entry in sorted(entries, key=modified_ns)[: len(entries) - kept // 2]:
        with contextlib.suppress(OSError):
            os.unlink(entry.path)


def modified_ns(entry: os.DirEntry) -> int:
    try:
        return entry.stat(follow_symlinks=False).st_mtime_ns
    except OSError:  # (gone meanwhile: another build pruned it)
        return 0


def signing_key() -> bytes:
    """This user's key, created on first use in the user's cache folder (not the project,
    so that a cache committed or copied into a project is never trusted)."""
    home = user_cache_folder()
    path = home / "cache-key"
    try:
        key = path.read_bytes()
        if len(key) == 32:
            return key
    except OSError:
        pass
    key = secrets.token_bytes(32)
    try:
        home.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(key)
    except OSError:
        pass  # a read-only home: this process's key still signs and checks its own cache
    return key
