"""Offline search: Pagefind indexes built at build time, one per language.

Pagefind (its extended build, from PyPI) segments Chinese and Japanese text into words and
stems English, but it analyses each index with one language. A bilingual page would be
analysed as one of them, so each paper becomes two records instead: its primary-language
text in `pagefind/` and its secondary-language text in `pagefind-<code>/`. The search
page queries the bundles and merges the results by score, so "强化学习" and
"reinforcement learning" both find the Absolute Zero paper (a secondary language in
another script only for queries in its script: see `query_scripts`).

A language's records are indexed in shards of at most `SHARD_RECORDS` papers (half as
many in Chinese and Japanese: `shard_records`), oldest first (`pagefind/`, `pagefind-2/` …
when there are more): Pagefind holds a whole index in memory, about 50 KB an English
record and 100 KB a Chinese one, so one index of 10,000 Chinese records took 1.1 GiB; a
shard of 2,000 English records takes about 110 MiB, one of 1,000 Chinese records about
150 MiB. Each shard is keyed by its records, so a build re-indexes only the shards whose
papers changed: new papers (the newest) change the last shard only. Readers pay little
for shards: the search page loads Pagefind's script, worker and WebAssembly from a
language's first bundle and merges the other shards into it (Pagefind's `mergeIndex`),
each bringing its metadata and index (at 10,000 papers, 5 English and 10 Chinese
bundles, a first search downloads 318 KiB in English and 836 KiB in Chinese:
bench/search_reader.py).

The bundles are ordinary output files: they are staged as each shard is done, written only
when their bytes change and tracked like every page. Indexing runs in Pagefind's own
processes, which a build starts before it renders and collects after
(`bitext.pipeline.start_search`), so that indexing and rendering share the machine's cores;
`build --no-search` keeps the last index, and the preview and `build --watch` index in
the background after each edit, again only the shards the edit changed
(`bitext.watching.BackgroundSearch`).

Pagefind processes at a time are bounded by memory as well as by cores (see `Indexing`):
two Chinese shards of 2,000 side by side held 490 MiB, beside the build's own 250 MiB at
10,000 papers.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import itertools
import json
import operator
import os
import shutil
import string
import subprocess
import sys
import threading
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Any

from bitext.config import Language
from bitext.content import Paper
from bitext.errors import InputError, Problem
from bitext.hashing import text_digest
from bitext.inputs import libraries_stamp
from bitext.model import Site
from bitext.progress import Progress
from bitext.scratch import make_scratch, remove_scratch
from bitext.scripts import script_of_language
from bitext.strings import primary_subtag

BUNDLE = "pagefind"
# An empty element between a record page's heading (the title) and its text: Pagefind
# gives the search page its place, in words, and the excerpt is cut after it (see
# static/js/search.js, which names it too).
TEXT_ANCHOR = "text"
# The parts of a record's text after the abstract, each after an empty element of this id,
# so that an excerpt is cut from one part: an excerpt that ran on from the abstract's end
# into the authors and the tags read "… of reasoning models. Zafir Stojanovski, Oliver
# Stanley, … Reasoning Reinforcement learning" (static/js/search.js names them too).
RECORD_PARTS = (TEXT_ANCHOR, "authors", "affiliation", "tags", "note", "arxiv")
# What may stand around a word of a compound ("(Point-MoE:", "“DeepSeek-R1”").
WORD_EDGES = string.punctuation + "“”‘’（）《》「」【】，。：；！？、…"
# Papers in one Pagefind index (see the top): about 110 MiB of Pagefind's memory for
# English records. Languages that Pagefind segments into words with a dictionary take
# twice as much a record, and their shards hold half as many (see `shard_records`).
SHARD_RECORDS = 2000
SEGMENTED = ("zh", "ja")
MOST_EDITED = 100
"""Papers changed since the last pass beyond which `shard_layout` makes every shard."""
MIB = 1024 * 1024
# What a Pagefind process holds (it keeps the whole index until it writes it): a base and
# bytes per character of text, measured with Pagefind 1.5 extended on the benchmark's
# records. Chinese and Japanese text is segmented by a dictionary (the base) into words of
# a character or two, each of which Pagefind indexes: 2,000 records of 500 characters took
# 250 MiB, 2,000 English ones of 1,100 characters 112 MiB.
PAGEFIND_MEMORY = {**{code: (60 * MIB, 187) for code in SEGMENTED}, "": (20 * MIB, 43)}
# Pagefind processes at a time hold at most about this much (more only when the build's
# own process is larger: see `Indexing.use_cores`), so that a build of 10,000 papers stays
# near 500 MiB in all: two Chinese shards side by side (150 MiB each), or a Chinese and
# an English one. One process runs whatever its shard's size.
PAGEFIND_BUDGET = 320 * MIB

# Pagefind's own search interfaces, which it writes into every bundle and the search page
# (static/js/search.js) does not load: 418 KB a bundle, 63 MB of a site of 100,000 papers.
PAGEFIND_INTERFACES = frozenset([
    "pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
    "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js"])


def bundle_folder(language: Language, primary: bool, shard: int = 0) -> str:
    """`pagefind`, `pagefind-zh-hans`; a language's later shards `pagefind-2` … ."""
    folder = BUNDLE if primary else f"{BUNDLE}-{language.code.lower()}"
    return folder if shard == 0 else f"{folder}-{shard + 1}"


class Records:
    """A shard's records, made from its papers each time they are asked for (they are not
    kept: at 10,000 papers they held 40 MB of the build's memory until it ended), until
    `keep` makes them once and lets go of the papers; `forget` lets go of both once the
    shard's pages are written. (So that a build can let go of its model while Pagefind
    indexes, see `Indexing.make_records`.)"""

    def __init__(self, make: Callable[[], list[dict]]):
        self.make: Callable[[], list[dict]] | None = make
        self.kept: list[dict] | None = None

    def __call__(self) -> list[dict]:
        make = self.make  # (first: `keep` sets `kept` before it lets go of `make`)
        if make is not None:
            return make()
        if self.kept is None:
            raise RuntimeError("the records of a shard whose pages are written")
        return self.kept

    def keep(self) -> None:
        make = self.make
        if make is not None:
            records = make()
            if self.make is make:  # (not forgotten meanwhile by an indexing thread)
                self.kept, self.make = records, None

    def forget(self) -> None:
        self.make = self.kept = None


@dataclass(frozen=True)
class Shard:
    """One Pagefind index: a run of a language's records, oldest paper first. The records
    are made when they are needed (see `Records`)."""

    folder: str
    language: str
    """Pagefind's language (see `pagefind_language`)."""
    records: Records
    key: str
    """Changes when the bundle would: its records, or Pagefind's version (in the
    libraries stamp), not the templates or the rest of the settings."""
    memory: int
    """About the bytes Pagefind holds while it indexes this shard (see `PAGEFIND_MEMORY`)."""
    scratch: int
    """The room its record pages and bundle need in the scratch folder: they take about
    three times the text; twice that, for a margin."""
    language_index: int = 0
    """The place of its language in the pair."""

    @classmethod
    def of(cls, folder: str, language: str, make_records: Callable[[], list[dict]],
           key: str, characters: int, count: int, language_index: int = 0) -> Shard:
        """The shard of `count` records (made by `make_records`) holding about `characters`
        of text, named `key`."""
        base, per_character = PAGEFIND_MEMORY.get(language, PAGEFIND_MEMORY[""])
        return cls(folder, language, Records(make_records), key,
                   base + per_character * characters, 6 * (characters + 500 * count),
                   language_index)


RecordSum = tuple[str, int]
"""A record's hash and its characters of text (see `paper_record_sums`)."""
RecordSums = dict[str, tuple[RecordSum | None, ...]]
"""Paper digest → the sum of its record in each language (None: it has none there)."""


def shards(site: Site, sums: RecordSums | None = None) -> list[Shard]:
    """Every language's records in shards of `SHARD_RECORDS`, oldest paper first, so that
    new papers change the last shard only. `sums`: the papers' record sums (see
    `record_sums`), when made already."""
    return list(shard_layout(site, sums).shards)


@dataclass(frozen=True)
class ShardLayout:
    """The shards of a site's records, with what placed each paper in them, so that the
    next pass after an edit makes only the shards the edit touched (see `shard_layout`)."""

    oldest: tuple[Paper, ...]
    """The site's papers, oldest first."""
    indexed: tuple[bytes, ...]
    """In each language, 1 for each paper (oldest first) with a record in it, else 0."""
    tag_names: tuple[dict[str, str], ...]
    """Each tag's name by slug, in each language."""
    stamp: str
    """The libraries' (Pagefind's among them), see `inputs.libraries_stamp`."""
    languages: tuple[Language, ...]
    sums: RecordSums
    shards: tuple[Shard, ...]
    chunks: tuple[tuple[Paper, ...], ...]
    """The papers of each shard."""


def shard_layout(site: Site, known: RecordSums | None = None,
                 last: ShardLayout | None = None) -> ShardLayout:
    """The site's shards (see `shards`) and the papers' record sums, taken from `known`
    where it has them (see `record_sums`). `last`: the layout of an earlier pass under
    the same parsing (see `pipeline.parsed_key`). When every paper has kept its place and
    its languages since, only the record sums of the papers that are not the same objects
    as in `last` (those edited) and the shards that hold them are made again, the others
    taken from `last`: at 100,000 papers, making every record sum and shard key took
    0.8-1.1 s of the interpreter, which the preview's background search spent after each
    edit, beside the next edit's rebuild."""
    oldest = tuple(reversed(site.papers))
    languages = tuple(site.config.languages)
    tag_names = tuple({slug: tag.name.values[index] for slug, tag in site.tags.items()}
                      for index in range(len(languages)))
    stamp = libraries_stamp()
    edited, sums = None, None
    if last is not None and (last.stamp, last.languages, last.tag_names, len(last.oldest)) \
            == (stamp, languages, tag_names, len(oldest)):
        # (in C: the places whose paper is not the same object as in the last pass)
        edited = list(itertools.compress(range(len(oldest)),
                                         map(operator.is_not, last.oldest, oldest)))
        sums = sums_after_edits(last, oldest, edited, known)
    if sums is None:
        edited, sums = None, record_sums(site, known)
        indexed = tuple(bytes(bool(sums[paper.digest][index]) for paper in oldest)
                        for index in range(len(languages)))
    else:
        indexed = last.indexed
    found, all_chunks = [], []
    for index, language in enumerate(languages):
        if edited is None:
            own = list(itertools.compress(oldest, indexed[index]))
            size = shard_records(language)
            chunks = [tuple(own[start: start + size]) for start in range(0, len(own), size)]
            kept: list[Shard | None] = [None] * len(chunks)
        else:
            chunks, kept = chunks_after_edits(last, index, oldest, edited)
        for number, (papers, shard) in enumerate(zip(chunks, kept, strict=True)):
            records = functools.partial(records_of, tag_names[index], index, papers)
            found.append(language_shard(papers, records, number, index, language,
                                        tag_names[index], sums, stamp) if shard is None else
                         # (the same papers: new records, as a shard's are let go of)
                         dataclasses.replace(shard, records=Records(records)))
        all_chunks += chunks
    return ShardLayout(oldest, indexed, tag_names, stamp, languages, sums, tuple(found),
                       tuple(all_chunks))


def sums_after_edits(last: ShardLayout, oldest: tuple[Paper, ...], edited: list[int],
                     known: RecordSums | None) -> RecordSums | None:
    """The record sums of `last` with those of the papers at the `edited` places made
    again (or taken from `known`); None when the shards are to be made anew: too many
    papers changed, or one has gained or lost a record in a language (its translation
    came or went), which moves the papers after it from shard to shard."""
    if not edited:
        return last.sums
    if len(edited) > MOST_EDITED:
        return None
    sums = dict(last.sums)
    for place in edited:  # (all first: a paper that moved may be in two places)
        sums.pop(last.oldest[place].digest, None)
    for place in edited:
        paper = oldest[place]
        sums[paper.digest] = (known or {}).get(paper.digest) or paper_record_sums(paper)
        if any(bool(each) != last.indexed[index][place]
               for index, each in enumerate(sums[paper.digest])):
            return None
    return sums


def chunks_after_edits(last: ShardLayout, index: int, oldest: tuple[Paper, ...],
                       edited: list[int]) -> tuple[list[tuple[Paper, ...]], list[Shard | None]]:
    """The papers of each shard of language `index`, with the papers at the `edited`
    places put in (each where its language's records place it), and the shards of `last`
    that hold none of them (None for the others)."""
    places = [place for place, shard in enumerate(last.shards) if shard.language_index == index]
    chunks = [last.chunks[place] for place in places]
    kept: list[Shard | None] = [last.shards[place] for place in places]
    indexed, size = last.indexed[index], shard_records(last.languages[index])
    for place in (place for place in edited if indexed[place]):
        # (its place among the language's records: the papers with one before it)
        number, offset = divmod(indexed.count(1, 0, place), size)
        chunk = list(chunks[number])
        chunk[offset] = oldest[place]
        chunks[number], kept[number] = tuple(chunk), None
    return chunks, kept


def language_shard(papers: tuple[Paper, ...], records: Callable[[], list[dict]],
                   number: int, index: int, language: Language, tag_names: dict[str, str],
                   sums: RecordSums, stamp: str) -> Shard:
    """Shard `number` of the records in language `index`: those of `papers` (made by
    `records`)."""
    record_sums_here = [sums[paper.digest][index] for paper in papers]
    folder = bundle_folder(language, index == 0, number)
    code = pagefind_language(language.code)
    # A record is its sum's record with each tag's slug replaced by its name here (the
    # tags' names, not the site: a shard in the works holds no more of the model than its
    # papers, see `Indexing.make_records`).
    names = [(slug, tag_names[slug])
             for slug in sorted(set().union(*(paper.tags for paper in papers)))]
    key = text_digest([stamp, folder, code, json.dumps(names, ensure_ascii=False)]
                      + [digest for digest, _ in record_sums_here])
    return Shard.of(folder, code, records, key,
                    sum(characters for _, characters in record_sums_here), len(papers), index)


def record_sums(site: Site, known: RecordSums | None = None) -> RecordSums:
    """Every paper's record sums, taken from `known` (the last build's, made under the
    same parsing: see `pipeline.parsed_key`) where it has the paper's digest. An edit then
    makes the records of the papers edited only: making and hashing the 20,000 records of
    10,000 papers took 0.45 s of every build after an edit."""
    known = known or {}
    return {paper.digest: known.get(paper.digest) or paper_record_sums(paper)
            for paper in site.papers}


def paper_record_sums(paper: Paper) -> tuple[RecordSum | None, ...]:
    """The hash and size of the paper's record in each language, made with each tag named
    by its slug: the parsed paper alone decides them (its file's digest names them), and
    the shard's key adds the tags' names."""
    slugs = {slug: slug for slug in paper.tags}
    sums: list[RecordSum | None] = []
    for index in range(len(paper.title.values)):
        if not is_indexed(paper, index):
            sums.append(None)
            continue
        record = records_of(slugs, index, (paper,))[0]
        sums.append((text_digest([json.dumps(record, ensure_ascii=False, sort_keys=True)]),
                     record_characters(record)))
    return tuple(sums)


def record_characters(record: dict) -> int:
    """The text Pagefind analyses in a record (what its memory grows with)."""
    return (sum(len(text) for _, text in record["parts"]) + len(record["meta"]["title"])
            + len(record["words"]))


def shard_records(language: Language) -> int:
    """The records in each shard of a language but its last. For a language that Pagefind
    segments (`SEGMENTED`), whose records take twice the memory (`PAGEFIND_MEMORY`), half
    as many: two such shards then fit the budget side by side. With Chinese shards of
    2,000 papers, indexed one at a time, a cold build of 10,000 papers indexed its five
    one after another at 1.3 cores each, and an edit to both abstracts of a paper indexed
    the English shard and then the Chinese one (4.81 s; with shards of 1,000: 3.48 s).
    Readers pay little for more shards (the search page loads Pagefind's code once per
    language, see static/js/search.js): a first Chinese search at 10,000 papers, 0.1 s
    and 120 KiB more."""
    if pagefind_language(language.code) in SEGMENTED:
        return max(1, SHARD_RECORDS // 2)
    return SHARD_RECORDS


def shard_count(records: int, language: Language) -> int:
    """How many shards a language's records fill: none when it has none (every paper
    awaits its translation), so no bundle is listed that no build makes."""
    return -(-records // shard_records(language))


def bundle_folders(site: Site) -> list[tuple[str, Language]]:
    """The folders of the bundles `shards` makes, each with its language (for the search
    page), without making the records: every paper has a record in the primary language
    (its title and abstract there are required), those translated in the other."""
    folders = []
    for index, (language, count) in enumerate(zip(site.config.languages,
                                                  (len(site.papers), site.translated),
                                                  strict=True)):
        folders += [(bundle_folder(language, index == 0, number), language)
                    for number in range(shard_count(count, language))]
    return folders


def is_indexed(paper, index: int) -> bool:
    """Whether the paper has a record in the language of this index: every paper in the
    primary language (its title and abstract there are required), one awaiting its
    translation not in the other (`Site.translated` counts the papers that have both)."""
    return index == 0 or not paper.awaiting_translation


def records_of(tag_names: dict[str, str], index: int, papers: Sequence[Paper]) -> list[dict]:
    """The papers' records in the language of this index (`tag_names`: each tag's name in
    it, by slug), the editor's note in that language too: what the search finds and
    shows."""
    found = []
    for paper in papers:
        title, abstract = paper.title.values[index], paper.abstract.values[index]
        note = paper.note.values[index] if paper.note else None
        tags = [tag_names[slug] for slug in paper.tags]
        # (not the title: the record page's heading holds it, and indexed twice it came
        # back twice in excerpts, "… with Zero Data. Absolute Zero: … with Zero Data")
        # (the arXiv id too, "2505.09388" being how an editor asks whether a paper is in;
        # in the primary language's records only, which every search asks: in the Chinese
        # ones, 10,000 more words took the peak memory of a build with search from 475 to
        # 484 MiB)
        texts = [abstract.text, ", ".join(paper.authors), paper.affiliation or "",
                 ", ".join(tags), note.text if note else "",
                 f"arXiv {paper.arxiv}" if paper.arxiv and index == 0 else ""]
        found.append({
            "url": paper.url,
            "words": " ".join(compound_words(f"{title}\n{abstract.text}\n{texts[4]}")),
            "parts": [[part, text] for part, text in zip(RECORD_PARTS, texts, strict=True)
                      if text],
            "meta": {"title": title, "other_title": paper.title.values[1 - index] or "",
                     "date": paper.date.isoformat()},
        })
    return found


def compound_words(text: str) -> list[str]:
    """The words of the text's compounds that have capitals inside ("MoE" of "Point-MoE",
    "LLaMA" of "TinyLLaMA-1.1B", "DeepSeek" of "DeepSeek-Coder-V2"). Pagefind indexes a
    compound whole ("pointmoe") and its parts, but such a part cut again at each capital
    ("mo", "e"), so that "MoE" found Point-MoE only where the text held the word alone
    too, and a word typed in part only at the compound's start. The record page gives
    Pagefind these words alone (see `write_record_pages`): 179 of the 561 papers of the
    sample days hold one."""
    if "-" not in text:
        return []
    pieces = text.split("-")
    found: dict[str, None] = {}
    for left, right in itertools.pairwise(pieces):  # (the words on each side of a hyphen)
        for word in ((left.rsplit(None, 1) or ("",))[-1], (right.split(None, 1) or ("",))[0]):
            word = word.strip(WORD_EDGES)
            if word.isalnum() and not (word.islower() or word.isupper() or word.istitle()
                                       or word.isdigit()):
                found[word] = None
    return list(found)


def query_scripts(language: Language, primary: Language) -> str:
    """The scripts of which a query must hold a letter for the search page to ask this
    language's bundles (names of JavaScript's `\\p{Script=…}`, joined by "|"), or "any".
    A secondary language written in another script than the primary is asked only for
    queries in its script: its records hold nothing in other scripts that the primary
    language's records lack (names, affiliations), and Pagefind's Chinese and Japanese
    analysis cut an English query into pieces that matched by chance ("learning" found a
    paper by its author "Le Yu"). English queries then also load no Chinese bundle."""
    own, primary_script = script_of_language(language.code), script_of_language(primary.code)
    if language == primary or own & primary_script:
        return "any"
    return "|".join(sorted("Han" if script == "CJK" else script.title() for script in own))


def pagefind_language(code: str) -> str:
    """Pagefind's language: the primary subtag (zh-Hans → zh), which picks its analyser."""
    return primary_subtag(code)


def search_files(to_index: list[Shard]) -> dict[str, bytes]:
    """The files of these shards' bundles by output path (pagefind/…, pagefind-zh-hans/…),
    indexed one shard at a time (each Pagefind process holds its shard in memory)."""
    return Indexing(to_index).result()


def shard_files(shard: Shard, scratch: Path,
                room: Callable[[], contextlib.AbstractContextManager] = contextlib.nullcontext
                ) -> dict[str, bytes]:
    """The files of one shard's bundle by output path, made in the folder `scratch`, but
    `PAGEFIND_INTERFACES`. `room`: entered to run Pagefind (see `Indexing.room`), which
    holds the memory."""
    pages, bundle = scratch / "pages", scratch / "bundle"
    try:
        write_record_pages(shard, pages)
        shard.records.forget()  # (the pages hold them now: see `Indexing.make_records`)
        with room():
            run_pagefind(pages, bundle, shard.language, scratch / "pagefind.log")
        return {f"{shard.folder}/{path.relative_to(bundle).as_posix()}": path.read_bytes()
                for path in sorted(bundle.rglob("*"))
                if path.is_file() and path.name not in PAGEFIND_INTERFACES}
    finally:  # (in memory, where it can: the next shard's room)
        shutil.rmtree(scratch, ignore_errors=True)


PROGRESS_EVERY = 0.1
"""Seconds between looks at the shards done, while a build waits for them."""


class IndexingStopped(Exception):
    """A shard waiting for room is given up: the build failed (its error is raised)."""


class Indexing:
    """Shards indexed by Pagefind processes, each run by a thread of this process. A build
    begins indexing before it renders, with one process, so that Pagefind and the
    renderers share the cores, and uses every core once its renderers are done (see
    `bitext.pipeline.finish_search`). Processes at a time are bounded by memory too: a
    Pagefind process starts beside others only while the memory they are expected to
    hold (`Shard.memory`) stays within the budget. (These bounds are on Pagefind only: a
    thread more than there are processes writes the next shard's pages while Pagefind
    runs, and each reads its bundle after, so that a shard follows another without a
    pause: while the build rendered, the pause was up to a second.)

    `publish`: called in an indexing thread with each shard's files as Pagefind is done
    with it (a build stages them then, rather than holding every bundle's bytes until the
    end: 30 MB at 10,000 papers); `result` gives what it returns for each file, or the
    files' bytes without it."""

    def __init__(self, to_index: list[Shard],
                 publish: Callable[[dict[str, bytes]], dict[str, Any]] | None = None):
        self.pending = list(to_index)
        self.count = len(to_index)
        self.indexed = 0
        """Shards done (for progress)."""
        self.files: dict[str, Any] = {}
        self.errors: list[BaseException] = []
        self.publish = publish
        self.lock = threading.Lock()
        self.changed = threading.Condition(self.lock)
        """Notified when a shard is done, the cores grow or indexing is cancelled."""
        self.running = 0
        """The memory of the shards being indexed (`Shard.memory`)."""
        self.queue: deque[Shard] = deque()
        """The shards taken and waiting for Pagefind, in the order taken."""
        self.processes = 0
        """Pagefind processes running."""
        self.most = 1
        """Pagefind processes at a time."""
        self.budget = PAGEFIND_BUDGET
        self.rendering = True
        self.stopped = False
        self.first_pages = threading.Event()
        """Set once a shard's record pages are written (or indexing failed or stopped)."""
        self.scratch = make_scratch("bitext-search-", scratch_parent(
            max((shard.scratch for shard in to_index), default=0)))
        self.threads: list[threading.Thread] = []
        self.add_threads()

    def use_cores(self, processes: int) -> None:
        """The build's renderers are done: up to `processes` Pagefind processes at a time,
        within the budget, which grows to the build's own memory where that is larger (at
        100,000 papers, 2.4 GiB: two Chinese shards then add a fifth to it, not twice)."""
        with self.lock:
            self.rendering = False
            self.most = processes
            self.budget = max(PAGEFIND_BUDGET, own_peak_memory())
            self.changed.notify_all()
        self.add_threads()

    def make_records(self) -> None:
        """Make the records of the shards not taken yet, so that no shard holds the papers
        any longer (those taken let go of them once their pages are written): a build
        that then lets go of its model holds less while Pagefind indexes."""
        with self.lock:
            pending = list(self.pending)
        for shard in pending:
            shard.records.keep()

    def add_threads(self) -> None:
        """A thread for each Pagefind process at a time, and one more that readies the
        next shard meanwhile (while shards are waiting)."""
        while len(self.threads) < self.most + 1:
            with self.lock:
                if not self.pending or self.errors:
                    return
            thread = threading.Thread(target=self.work, daemon=True, name="bitext-search")
            self.threads.append(thread)
            thread.start()

    def work(self) -> None:
        while True:
            with self.lock:
                if not self.pending or self.errors:
                    return
                shard = self.next_shard()
            try:
                files = shard_files(shard, self.scratch / shard.folder,
                                    functools.partial(self.room, shard))
                published = files if self.publish is None else self.publish(files)
            except BaseException as error:  # (raised in the build's thread by `result`)
                with self.lock:
                    self.errors.append(error)
                    self.changed.notify_all()
                self.first_pages.set()
                return
            with self.lock:
                self.files.update(published)
                self.indexed += 1

    def next_shard(self) -> Shard:
        """(With the lock held, while shards are pending.) While the build renders, the
        smallest shard first (its renderers hold memory too, and one Pagefind process runs
        beside them); after, the largest first, so that the last to finish is a small one
        and the cores are not left idle."""
        shard = (max if not self.rendering else min)(self.pending, key=lambda one: one.memory)
        self.pending.remove(shard)
        self.queue.append(shard)
        return shard

    @contextlib.contextmanager
    def room(self, shard: Shard) -> Iterator[None]:
        """Wait until Pagefind can index `shard` within the budget (at once when no other
        Pagefind process runs) and the shards taken before it have started, and hold its
        memory meanwhile. (In the order taken: else a small shard taken later would slip
        in beside a large one and keep the next large one waiting.)"""
        self.first_pages.set()  # (its pages are written: see `wait_for_pages`)
        with self.lock:
            while self.queue[0] is not shard or self.processes >= self.most or (
                    self.running and self.running + shard.memory > self.budget):
                if self.errors or self.stopped:
                    raise IndexingStopped
                self.changed.wait()
            self.queue.popleft()
            self.running += shard.memory
            self.processes += 1
            self.changed.notify_all()  # (the next in the queue may fit too)
        try:
            yield
        finally:
            with self.lock:
                self.running -= shard.memory
                self.processes -= 1
                self.changed.notify_all()

    def wait_for_pages(self) -> None:
        """Wait until the first shard's record pages are written, so that Pagefind starts
        on them at once. Its thread writes them in 0.1 s alone, but beside a build's own
        thread in 0.6 s (rendering, saving the index), and after an edit at 10,000 papers
        Pagefind started that much later: it was the build's critical path."""
        self.first_pages.wait()

    def cancel(self) -> None:
        """Start no more shards, and wait for those begun (the build failed)."""
        with self.lock:
            self.pending.clear()
            self.stopped = True
            self.changed.notify_all()
        self.first_pages.set()
        with contextlib.suppress(BaseException):
            self.result()

    def result(self, progress: Progress | None = None) -> dict[str, Any]:
        """Every shard's files by output path (their bytes, or what `publish` made of
        them), once all are made; a failure raised here.
        `progress` is told of each shard done meanwhile."""
        try:
            shown = 0
            for thread in self.threads:
                while thread.is_alive():
                    thread.join(PROGRESS_EVERY)
                    if progress is not None and self.indexed > shown:
                        progress.advance(self.indexed - shown)
                        shown = self.indexed
        finally:
            remove_scratch(self.scratch)
        if self.errors:
            raise self.errors[0]
        return dict(sorted(self.files.items()))


# Linux's file system in memory. Pagefind reads a page per record and writes a fragment per
# record: 20,000 of each at 10,000 papers, which took 8 s to write and 17 s to index on
# this machine's disk, 0.8 s and 12 s in memory.
MEMORY = "/dev/shm"


def own_peak_memory() -> int:
    """The most memory this process has held, in bytes (0 where that is not known)."""
    try:
        import resource
    except ImportError:  # (Windows)
        return 0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak if sys.platform == "darwin" else peak * 1024  # (macOS counts bytes)


def scratch_parent(needed: int) -> str | None:
    """Where to make the folder for the pages to index and the bundles: in memory when that
    has four times `needed` bytes free (a container's is often 64 MiB), else the system's
    temporary folder (None)."""
    try:
        stats = os.statvfs(MEMORY)
    except OSError:  # (no such folder: not Linux)
        return None
    if stats.f_bavail * stats.f_frsize >= 4 * needed and os.access(MEMORY, os.W_OK):
        return MEMORY
    return None


def write_record_pages(shard: Shard, folder: Path) -> None:
    """One small HTML page per record, at the record's address, for Pagefind to read.
    (Pagefind's Python API reads each answer of its service after a 0.1 s sleep, 1,000 s
    for 10,000 records, and could not take the bundles back through its pipe; its service
    also indexed slower than its command line, which reads a folder on every core.)"""
    for record in shard.records():
        meta = record["meta"]
        page = folder / record["url"] / "index.html"
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(
            # The other language's title and the date are metadata outside the indexed
            # body: in it, they came back in excerpts, a Chinese title inside an English
            # excerpt (Pagefind reads metadata from the whole page).
            f'<!doctype html><html lang="{shard.language}"><head><meta charset="utf-8">'
            f"<title>{escape(meta['title'])}</title>"
            f'<meta data-pagefind-meta="other_title[content]" '
            f'content="{escape(meta["other_title"])}">'
            f'<meta data-pagefind-meta="date[content]" content="{escape(meta["date"])}">'
            f'</head><body data-pagefind-body>'
            f'<h1 data-pagefind-meta="title">{escape(meta["title"])}</h1>'
            # (the words of its compounds, before the first part: an excerpt is cut from
            # the parts, and none shows them)
            + (f"<span>{escape(record['words'])}</span>" if record["words"] else "")
            # Each part in an inline element: Pagefind ends the text of a block (a <p>)
            # with a full stop when it ends in a letter, and excerpts of the authors read
            # "… Zilong Zheng, Gao Huang." and of an affiliation "阿里.".
            + "".join(f'<a id="{part}"></a><span>'
                      + "<br>".join(escape(line) for line in text.split("\n")) + "</span>"
                      for part, text in record["parts"])
            + "</body></html>", encoding="utf-8")


# Pagefind's allocator (the jemalloc built into its binary, which reads this variable):
# huge pages where Linux gives them on request (transparent huge pages in "madvise" mode,
# as Debian's and Ubuntu's kernels have it), in one arena. A Pagefind process of 2,000
# English records then takes about 3,000 page faults instead of 110,000; on a virtual machine,
# where a fault costs about 6 µs, its system time drops from 0.6 s to 0.1 s, and a cold
# build of 10,000 papers with search takes a quarter less time. With huge pages in the
# default arenas (eight on two cores) each process held 30-40 MiB more; in one arena, no
# more than before (most of Pagefind's allocations are its main thread's), so that the
# memory budget (`PAGEFIND_MEMORY`) stands. The bundles are the same byte for byte. (Set
# by the user, theirs is kept; elsewhere than Linux, jemalloc has no huge pages to ask.)
PAGEFIND_ALLOCATOR = ("_RJEM_MALLOC_CONF", "thp:always,narenas:1")


def pagefind_environment() -> dict[str, str]:
    name, value = PAGEFIND_ALLOCATOR
    if not sys.platform.startswith("linux") or name in os.environ:
        return dict(os.environ)
    return {**os.environ, name: value}


def run_pagefind(pages: Path, bundle: Path, language: str, log: Path) -> None:
    # Output to a file, not a pipe: the build forks its render workers meanwhile, and a
    # worker that inherited a pipe's end would hold it open until it ended.
    command = [pagefind_binary(), "--site", str(pages), "--output-path", str(bundle),
               "--force-language", language, "--silent"]
    with open(log, "w+b") as output:
        try:
            returncode = subprocess.run(command, stdin=subprocess.DEVNULL, stdout=output,
                                        stderr=subprocess.STDOUT,
                                        env=pagefind_environment()).returncode
        except OSError as error:
            returncode = None
            output.write(str(error).encode())
        output.seek(0)
        said = output.read().decode("utf-8", "replace")
    if returncode != 0 or not (bundle / "pagefind.js").is_file():
        raise InputError([Problem("search", None, None,
                                  f"Pagefind could not build the search index: "
                                  f"{said.strip()[:500]}", hint=REINSTALL)])


REINSTALL = ("reinstall it with: pip install 'pagefind[extended]', or set 'search: false' in "
             "site.yaml")


@functools.cache
def pagefind_binary() -> str:
    """Pagefind's own binary, as `python -m pagefind` finds it (the extended build that
    `pagefind[extended]` installs, or $PAGEFIND_BINARY_PATH), run directly: through
    Python, each shard started an interpreter first."""
    from pagefind.service import get_executable

    binary = get_executable()
    if binary is None:
        raise InputError([Problem("search", None, None, "Pagefind's binary is not installed",
                                  hint=REINSTALL)])
    return str(binary)
