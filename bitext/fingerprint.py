"""Fingerprints: short hashes of what a page shows, so that a page is rendered again
exactly when something it shows has changed.

A page's fingerprint covers its template set, the config, the build options, a summary of
the whole site (paper count, tags and months with their counts, the build date: what
every page may show through `site`), and the page's own context. In the context a paper
counts by the hash of its file (so editing a paper changes the pages that list it, its
neighbours' pages and the pages of papers that show it as related), and everything else
by its value. A page whose template read papers through `site` beyond its context (see
`bitext.siteview`) covers those papers too: the newest few, or all.
"""

from __future__ import annotations

import dataclasses
import functools
from array import array
from collections.abc import Collection, Iterable, Iterator, Mapping
from typing import TYPE_CHECKING

from bitext.content import Paper
from bitext.hashing import text_digest
from bitext.model import Site, place_of

if TYPE_CHECKING:  # importing render would load Jinja, which a no-change build never needs
    from bitext.render import PageJob


def site_summary(site: Site) -> str:
    parts = [str(len(site.papers)), site.updated.isoformat(), str(len(site.pages))]
    parts += [f"{tag.slug}={tag.count}" for tag in site.tags.values()]
    parts += [f"{month.key}={month.count}" for month in site.months]
    return text_digest(parts)


def page_fingerprint(shared: str, job: PageJob, papers_read: str = "") -> str:
    """`shared` covers what all pages share: templates, config, options, site summary;
    `papers_read`, for a page that reads papers through `site`, covers those
    (`newest_digest`)."""
    return text_digest(job_parts(shared, job) + [papers_read])


def newest_digest(site: Site, count: int) -> str:
    """A digest of the site's `count` newest papers (`bitext.siteview.EVERY`: all)."""
    return text_digest(paper.digest for paper in site.papers[:count])


def job_parts(shared: str, job: PageJob) -> list[str]:
    parts = [shared, job.path, job.template]
    describe(job.context, parts)
    return parts


class PagesOf(Mapping[str, tuple[str, ...]]):
    """Paper slug → the pages whose context holds the paper, kept as each paper's places in
    one list of the pages, packed in bytes. Every build with work to do reads and writes
    them with the index: at 10,000 papers, as a dict of lists of 116,000 paths, its part
    of the outputs took a new process's edit 19 ms to read and 27 to write; packed, 16
    and 23."""

    def __init__(self, pages: tuple[str, ...], places: dict[str, bytes]):
        self.pages, self.places = pages, places

    @classmethod
    def of(cls, pages_of: Mapping[str, list[str]], pages: Iterable[str]) -> PagesOf:
        """`pages_of` packed, its pages among `pages`."""
        pages = tuple(pages)
        place = {path: number for number, path in enumerate(pages)}
        return cls(pages, {slug: array(PLACE, map(place.__getitem__, paths)).tobytes()
                           for slug, paths in pages_of.items()})

    def __getitem__(self, slug: str) -> tuple[str, ...]:
        return tuple(map(self.pages.__getitem__, array(PLACE, self.places[slug])))

    def __iter__(self) -> Iterator[str]:
        return iter(self.places)

    def __len__(self) -> int:
        return len(self.places)


PLACE = "I"
"""A page's place in `PagesOf.pages`, as `array` packs it (4 bytes)."""


@dataclasses.dataclass(frozen=True)
class Fingerprints:
    """The fingerprints of a build's pages, with which papers each page shows. Kept in the
    index for the next build: while the site's layout (`Site.layout`: the papers' order,
    dates and tags) stays the same, a page's context differs from the last build's only
    in the papers whose files changed, so it describes again only the pages that show
    those papers."""

    key: str
    """The shared digest and the layout these fingerprints were made with."""
    by_path: dict[str, str]
    pages_of: PagesOf
    """Paper slug → the pages whose context holds the paper."""
    digest_of: dict[str, str]
    """Paper slug → the digest of its file."""
    described: frozenset[str] | None = None
    """The pages described again when these were made from the last build's (the others
    kept its fingerprints); None when every page was."""
    newest_read: dict[str, int] | None = None
    """The pages that read papers through `site` when they were last rendered, with how
    many of the newest they read: their fingerprints cover those (`newest_digest`)."""


def fingerprints(previous: Fingerprints | None, shared: str, site: Site,
                 jobs: Mapping[str, PageJob], candidates: Iterable[Paper] | None = None,
                 site_wide: Iterable[str] = ()) -> Fingerprints:
    """Every page's fingerprint, describing again only what `previous` cannot vouch for.
    `candidates`: the only papers that may differ from those `previous` describes, when
    the caller knows (an edit in the preview: looking through 10,000 papers for it took
    8 ms of its 60). `site_wide`: pages described again whatever changed, whose context
    follows more of the site than its layout and the papers they show."""
    key = text_digest([shared, site.layout])
    reading = {path: count for path, count in (previous.newest_read or {}).items()
               if path in jobs} if previous else {}
    papers_read = functools.cache(functools.partial(newest_digest, site))
    if previous and previous.key == key and jobs.keys() == previous.by_path.keys():
        # (the same layout: the same papers by slug, so only digests can differ)
        known = previous.digest_of
        changed = {paper.slug: paper.digest
                   for paper in (site.papers if candidates is None else candidates)
                   if known.get(paper.slug) != paper.digest}
        # (a paper without a digest could have changed unseen: describe every page)
        if (changed.keys() <= known.keys() and "" not in changed.values()
                and "" not in known.values()):
            again = {path for slug in changed for path in previous.pages_of.get(slug, ())}
            again.update(path for path in site_wide if path in jobs)
            if changed and reading:
                # (the same layout: each changed paper is where it was)
                newest_changed = min(place_of(site, paper) for paper in
                                     (site.papers if candidates is None else candidates)
                                     if paper.slug in changed)
                again.update(path for path, count in reading.items()
                             if count > newest_changed)
            by_path = {**previous.by_path, **{
                path: page_fingerprint(shared, jobs[path],
                                       papers_read(reading[path]) if path in reading else "")
                for path in again}}
            return Fingerprints(key, by_path, previous.pages_of, {**known, **changed},
                                frozenset(again), reading or None)
    digests = {paper.slug: paper.digest for paper in site.papers}
    by_path, pages_of = {}, {}
    slug_of = {digest: slug for slug, digest in digests.items()}
    for path, job in jobs.items():
        parts = job_parts(shared, job)
        for slug in {slug_of[part] for part in parts if part in slug_of}:
            pages_of.setdefault(slug, []).append(path)
        parts.append(papers_read(reading[path]) if path in reading else "")
        by_path[path] = text_digest(parts)
    return Fingerprints(key, by_path, PagesOf.of(pages_of, by_path), digests,
                        newest_read=reading or None)


def with_reads(prints: Fingerprints, shared: str, site: Site, jobs: Mapping[str, PageJob],
               rendered: Collection[str], reading: Mapping[str, int]) -> Fingerprints:
    """`prints` once the pages `rendered` are, of which those `reading` read papers through
    `site` (with how many of the newest): a page that now reads other papers than its
    fingerprint covers gets it anew, as the next build will make it."""
    before = prints.newest_read or {}
    rendered = set(rendered) if before else ()
    now = {path: count for path, count in before.items() if path not in rendered}
    now.update(reading)
    moved = {path for path in before.keys() | now.keys() if before.get(path) != now.get(path)}
    if not moved:
        return prints
    papers_read = functools.cache(functools.partial(newest_digest, site))
    by_path = {**prints.by_path, **{
        path: page_fingerprint(shared, jobs[path], papers_read(now[path]) if path in now else "")
        for path in moved}}
    described = None if prints.described is None else prints.described | moved
    return dataclasses.replace(prints, by_path=by_path, described=described,
                               newest_read=now or None)


def describe(value: object, parts: list[str]) -> None:
    """Append a description of `value` to `parts`: a paper by its file's digest, lists,
    tuples and dicts by their items, dataclasses by their fields, the rest by repr()."""
    kind = type(value)
    if kind is Paper:
        parts.append(value.digest)  # type: ignore[attr-defined]
    elif kind is tuple or kind is list:
        parts.append(f"[{len(value)}")  # type: ignore[arg-type]
        for item in value:  # type: ignore[attr-defined]
            describe(item, parts)
    elif kind is dict:
        parts.append(f"{{{len(value)}")  # type: ignore[arg-type]
        for key in sorted(value):  # type: ignore[call-overload]
            parts.append(str(key))
            describe(value[key], parts)  # type: ignore[index]
    elif names := field_names(kind):
        parts.append(kind.__name__)
        for name in names:
            describe(getattr(value, name), parts)
    else:
        parts.append(f"{kind.__name__}:{value!r}")


def papers_held(value: object) -> int:
    """How many papers `value` holds, looked for as `describe` does: in a page's context,
    about how many listing entries the page shows (a listing page's papers; a paper page
    counts its own and those it links to)."""
    kind = type(value)
    if kind is Paper:
        return 1
    if kind is tuple or kind is list:
        return sum(map(papers_held, value))  # type: ignore[call-overload]
    if kind is dict:
        return sum(map(papers_held, value.values()))  # type: ignore[attr-defined]
    return sum(papers_held(getattr(value, name)) for name in field_names(kind))


@functools.cache
def field_names(kind: type) -> tuple[str, ...]:
    """The fields of a dataclass (asked once per type: a build describes 200,000 values)."""
    if dataclasses.is_dataclass(kind):
        return tuple(field.name for field in dataclasses.fields(kind))
    return ()
