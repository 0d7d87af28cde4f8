"""Fingerprints: short hashes of what a page shows, so that a page is rendered again
exactly when something it shows has changed.

A page's fingerprint covers its template set, the config, the build options, a summary of
the whole site (paper count, tags and months with their counts, the build date: what
every page may show through `site`), and the page's own context. In the context a paper
counts by the hash of its file (so editing a paper changes the pages that list it, its
neighbours' pages and the pages of papers that show it as related), and everything else
by its value. A page whose template read papers through `site` beyond its context (see
`bitext.siteview`) covers every paper too.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Collection, Iterable
from typing import TYPE_CHECKING

from bitext.content import Paper
from bitext.hashing import text_digest

if TYPE_CHECKING:  # importing render would load Jinja, which a no-change build never needs
    from bitext.model import Site
    from bitext.render import PageJob


def site_summary(site: Site) -> str:
    parts = [str(len(site.papers)), site.updated.isoformat(), str(len(site.pages))]
    parts += [f"{tag.slug}={tag.count}" for tag in site.tags.values()]
    parts += [f"{month.key}={month.count}" for month in site.months]
    return text_digest(parts)


def page_fingerprint(shared: str, job: PageJob, every_paper: str = "") -> str:
    """`shared` covers what all pages share: templates, config, options, site summary;
    `every_paper`, for a page that reads papers through `site`, covers them all."""
    return text_digest(job_parts(shared, job) + [every_paper])


def every_paper_digest(site: Site) -> str:
    """A digest of every paper of the site, in order."""
    return text_digest([site.layout, *(paper.digest for paper in site.papers)])


def job_parts(shared: str, job: PageJob) -> list[str]:
    parts = [shared, job.path, job.template]
    describe(job.context, parts)
    return parts


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
    pages_of: dict[str, list[str]]
    """Paper slug → the pages whose context holds the paper."""
    digest_of: dict[str, str]
    """Paper slug → the digest of its file."""
    described: frozenset[str] | None = None
    """The pages described again when these were made from the last build's (the others
    kept its fingerprints); None when every page was."""
    reading: frozenset[str] = frozenset()
    """The pages that read papers through `site` when they were last rendered: their
    fingerprints cover every paper (`every_paper_digest`)."""


def fingerprints(previous: Fingerprints | None, shared: str, site: Site,
                 jobs: dict[str, PageJob], candidates: Iterable[Paper] | None = None,
                 site_wide: Iterable[str] = ()) -> Fingerprints:
    """Every page's fingerprint, describing again only what `previous` cannot vouch for.
    `candidates`: the only papers that may differ from those `previous` describes, when
    the caller knows (an edit in the preview: looking through 10,000 papers for it took
    8 ms of its 60). `site_wide`: pages described again whatever changed, whose context
    follows more of the site than its layout and the papers they show."""
    key = text_digest([shared, site.layout])
    reading = (frozenset(path for path in previous.reading if path in jobs) if previous
               else frozenset())
    every_paper = functools.cache(functools.partial(every_paper_digest, site))
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
            if changed:
                again.update(reading)
            by_path = {**previous.by_path, **{
                path: page_fingerprint(shared, jobs[path],
                                       every_paper() if path in reading else "")
                for path in again}}
            return Fingerprints(key, by_path, previous.pages_of, {**known, **changed},
                                frozenset(again), reading)
    digests = {paper.slug: paper.digest for paper in site.papers}
    by_path, pages_of = {}, {}
    slug_of = {digest: slug for slug, digest in digests.items()}
    for path, job in jobs.items():
        parts = job_parts(shared, job)
        for slug in {slug_of[part] for part in parts if part in slug_of}:
            pages_of.setdefault(slug, []).append(path)
        parts.append(every_paper() if path in reading else "")
        by_path[path] = text_digest(parts)
    return Fingerprints(key, by_path, pages_of, digests, reading=reading)


def with_reads(prints: Fingerprints, shared: str, site: Site, jobs: dict[str, PageJob],
               rendered: Collection[str], reading: Collection[str]) -> Fingerprints:
    """`prints` once the pages `rendered` are, of which those `reading` read papers through
    `site`: a page that began or stopped reading them gets its fingerprint anew, as the
    next build will make it."""
    now = (prints.reading - set(rendered)) | set(reading)
    flipped = now ^ prints.reading
    if not flipped:
        return prints
    every_paper = every_paper_digest(site) if now else ""
    by_path = {**prints.by_path, **{
        path: page_fingerprint(shared, jobs[path], every_paper if path in now else "")
        for path in flipped}}
    described = None if prints.described is None else prints.described | flipped
    return dataclasses.replace(prints, by_path=by_path, described=described,
                               reading=frozenset(now))


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


@functools.cache
def field_names(kind: type) -> tuple[str, ...]:
    """The fields of a dataclass (asked once per type: a build describes 200,000 values)."""
    if dataclasses.is_dataclass(kind):
        return tuple(field.name for field in dataclasses.fields(kind))
    return ()
