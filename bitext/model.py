"""The site as data: papers in order, tags, months, pages, neighbours and related papers.

Everything a template shows is computed here, once, so templates only lay it out.
"""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
import itertools
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal, NamedTuple

from bitext.config import Config
from bitext.content import MAX_ORDER, Bilingual, Paper
from bitext.errors import InputError, Problem
from bitext.hashing import text_digest

RELATED_COUNT = 3


@dataclass(frozen=True)
class Tag:
    slug: str
    name: Bilingual[str]
    papers: tuple[Paper, ...]
    """Newest first (on a page of the tag's listing: that page's papers)."""
    count: int
    """How many papers the tag has (on any page of its listing)."""

    @property
    def url(self) -> str:
        return f"tags/{self.slug}/"


@dataclass(frozen=True)
class Month:
    key: str
    """YYYY-MM."""
    first_day: dt.date
    papers: tuple[Paper, ...]
    """Newest first (on a page of the month's listing: that page's papers)."""
    count: int
    """How many papers the month has (on any page of its listing)."""

    @property
    def url(self) -> str:
        return f"archive/{self.key}/"


@dataclass(frozen=True)
class Neighbours:
    newer: Paper | None
    older: Paper | None
    related: tuple[Paper, ...]
    """Papers sharing the most tags, most shared first, then newest."""


@dataclass(frozen=True)
class Site:
    config: Config
    papers: tuple[Paper, ...]
    """In listing order (see `listing_order`): newest first."""
    tags: dict[str, Tag]
    """By slug, in alphabetical order."""
    months: tuple[Month, ...]
    """Newest first."""
    pages: tuple[tuple[Paper, ...], ...]
    """The home listing split into pages of `config.per_page`."""
    updated: dt.datetime
    """The build's date stamp: SOURCE_DATE_EPOCH when set, else the newest paper's date."""
    layout: str
    """A digest of what decides which pages there are and which papers each shows where:
    the papers' order, dates and tags (see `bitext.fingerprint`)."""
    related: tuple[tuple[int, ...], ...]
    """For each paper, in order, the indices of its related papers (see `find_related`)."""
    translated: int
    """How many papers have their title and abstract in both languages: the search indexes
    those in the secondary language too (see `bitext.search.bundle_folders`)."""

    def feed_items(self, papers: tuple[Paper, ...]) -> tuple[Paper, ...]:
        return papers[: self.config.feed_size]


def build_site(config: Config, papers: list[Paper], source_date_epoch: int | None,
               known_related: tuple[str, tuple[tuple[int, ...], ...]] | None = None) -> Site:
    """The site model, or InputError when two papers would share a page. `known_related`:
    a layout digest and the related papers found for it (kept by the last build: finding
    them takes 0.15 s at 10,000 papers)."""
    check_unique_slugs(papers)
    ordered = tuple(sorted(papers, key=listing_order))
    pages = paginate(ordered, config.per_page)
    layout = text_digest(f"{paper.slug} {paper.date} {' '.join(paper.tags)}"
                         for paper in ordered)
    return Site(
        config=config,
        papers=ordered,
        tags=group_tags(config, ordered),
        months=group_months(ordered),
        pages=pages,
        updated=build_stamp(ordered, source_date_epoch),
        layout=layout,
        related=(known_related[1] if known_related and known_related[0] == layout
                 else find_related(tuple(paper.tags for paper in ordered))),
        translated=sum(not paper.awaiting_translation for paper in ordered),
    )


def swapped_papers(papers: Sequence[Paper], last_papers: Sequence[Paper]
                   ) -> list[tuple[Paper, Paper]] | None:
    """(old, new) for each paper that is a new object at its place in `papers`, or None if
    the lists differ in length."""
    if len(papers) != len(last_papers):
        return None
    # (an unchanged file's paper is the cache's own object)
    return [(old, paper) for paper, old in zip(papers, last_papers, strict=True)
            if paper is not old]


def patch_site(site: Site, swaps: Sequence[tuple[Paper, Paper]]
               ) -> tuple[Site, dict[str, Paper]] | None:
    """`site` with the new paper of each (old, new) of `swaps` in place of the old, and the
    new papers by slug; None unless each has the slug, date and tags of the old, so that
    every list and page keeps its papers in their places (most edits: an abstract, the
    authors, a title when the slug is set). An edit in the preview then costs a few lists
    instead of a new model of 10,000 papers."""
    changed = {}
    for old, paper in swaps:
        if (old.slug, old.date, old.order, old.tags) != (paper.slug, paper.date, paper.order,
                                                           paper.tags):
            return None
        changed[paper.slug] = paper
    if not changed:
        return site, changed

    def swap(items: tuple[Paper, ...]) -> tuple[Paper, ...]:
        """`items` (in listing order, as every list of the model) with the new papers."""
        replaced = list(items)
        for paper in changed.values():
            # (found by the order of the list: comparing every paper's slug took an edit
            # 3 ms at 10,000 papers, in the lists of its tags and month)
            position = bisect.bisect_left(replaced, listing_order(paper), key=listing_order)
            if position < len(replaced) and replaced[position].slug == paper.slug:
                replaced[position] = paper
        return tuple(replaced)

    tags = dict(site.tags)
    for slug in {tag for paper in changed.values() for tag in paper.tags}:
        tags[slug] = dataclasses.replace(tags[slug], papers=swap(tags[slug].papers))
    touched_months = {paper.month for paper in changed.values()}
    months = tuple(dataclasses.replace(month, papers=swap(month.papers))
                   if month.key in touched_months else month for month in site.months)
    pages = list(site.pages)
    for paper in changed.values():
        page = place_of(site, paper) // site.config.per_page
        pages[page] = swap(pages[page])
    translated = site.translated + sum(old.awaiting_translation - paper.awaiting_translation
                                       for old, paper in swaps)
    return dataclasses.replace(site, papers=swap(site.papers), tags=tags, months=months,
                               pages=tuple(pages), translated=translated), changed


def paginate(papers: tuple[Paper, ...], per_page: int) -> tuple[tuple[Paper, ...], ...]:
    """`papers` in pages of `per_page`; one empty page when there are none."""
    return tuple(papers[i: i + per_page] for i in range(0, len(papers), per_page)) or ((),)


class DateGroup(NamedTuple):
    """Papers of a listing published on one day, or in one month."""

    by: Literal["day", "month"]
    start: dt.date
    """The day, or the month's first day."""
    papers: tuple[Paper, ...]


def by_day(papers: Sequence[Paper]) -> list[DateGroup]:
    """A listing's papers (newest first) in runs of the same day, in their order: what the
    home's and a month's pages show under each day's heading."""
    return [DateGroup("day", day, tuple(run))
            for day, run in itertools.groupby(papers, key=lambda paper: paper.date)]


def by_month(papers: Sequence[Paper]) -> list[DateGroup]:
    """A listing's papers (newest first) in runs of the same month, in their order: what a
    tag's pages show under each month's heading."""
    runs = itertools.groupby(papers, key=lambda paper: (paper.date.year, paper.date.month))
    # (a key of two numbers: a tag page of 100 papers groups them in 12 µs, 40 by dates)
    return [DateGroup("month", dt.date(year, month, 1), tuple(run))
            for (year, month), run in runs]


def page_path(url: str, number: int) -> str:
    """The file of a listing's page `number` (from 1): `tags/x/index.html`,
    `tags/x/page/2/index.html`; `url` "" is the home listing."""
    return f"{url}index.html" if number == 1 else f"{url}page/{number}/index.html"


def listing_order(paper: Paper) -> tuple[int, int, str]:
    """Newest first; papers of the same day by their `order`, then those without one, by
    slug."""
    return -paper.date.toordinal(), paper.order or MAX_ORDER + 1, paper.slug


def place_of(site: Site, paper: Paper) -> int:
    """The place in `site.papers` of a paper with this slug and date, found by their
    order."""
    return bisect.bisect_left(site.papers, listing_order(paper), key=listing_order)


def check_unique_slugs(papers: list[Paper]) -> None:
    if len({paper.slug.casefold() for paper in papers}) == len(papers):
        return  # (the usual case, seen in one pass: 3 ms at 10,000 papers, 8 with the lists)
    by_slug: dict[str, list[Paper]] = defaultdict(list)
    for paper in papers:
        by_slug[paper.slug.casefold()].append(paper)
    problems = []
    for slug, same in sorted(item for item in by_slug.items() if len(item[1]) > 1):
        sources = [paper.source for paper in same]
        for paper in same:
            others = ", ".join(s for s in sources if s != paper.source)
            problems.append(Problem(paper.source, None, "slug",
                                    f"papers/{slug}/ is also the page of {others}",
                                    hint="give one of them its own 'slug:'"))
    if problems:
        raise InputError(problems)


def group_tags(config: Config, papers: tuple[Paper, ...]) -> dict[str, Tag]:
    by_tag: dict[str, list[Paper]] = defaultdict(list)
    for paper in papers:
        for tag in paper.tags:
            by_tag[tag].append(paper)
    tags = {}
    for slug in sorted(by_tag):
        info = config.tags.get(slug)
        names = tuple(info.names.get(lang.code, slug) if info else slug
                      for lang in config.languages)
        tags[slug] = Tag(slug, Bilingual(config.languages, names), tuple(by_tag[slug]),
                         len(by_tag[slug]))
    return tags


def group_months(papers: tuple[Paper, ...]) -> tuple[Month, ...]:
    """The months of `papers` (in listing order: each month's papers are one run), newest
    first. (Taken as runs, not gathered by key: 2 ms at 10,000 papers instead of 9.)"""
    months = []
    for (year, month), run in itertools.groupby(
            papers, key=lambda paper: (paper.date.year, paper.date.month)):
        items = tuple(run)
        months.append(Month(f"{year:04d}-{month:02d}", dt.date(year, month, 1), items,
                            len(items)))
    return tuple(months)


def neighbours_of(site: Site, place: int) -> Neighbours:
    """The paper at `place` in `site.papers`: the papers beside it and its related ones."""
    papers = site.papers
    return Neighbours(newer=papers[place - 1] if place > 0 else None,
                      older=papers[place + 1] if place + 1 < len(papers) else None,
                      related=tuple(map(papers.__getitem__, site.related[place])))


def find_related(tags: tuple[tuple[str, ...], ...]) -> tuple[tuple[int, ...], ...]:
    """For the papers (newest first) with these tags, the indices of each one's related
    papers."""
    masks = tag_masks(tags)
    return tuple(tuple(most_shared(tuple(dict.fromkeys(paper_tags)), masks, index,
                                   RELATED_COUNT))
                 for index, paper_tags in enumerate(tags))


def tag_masks(tags: tuple[tuple[str, ...], ...]) -> dict[str, int]:
    """Each tag's papers as the bits of one integer: bit i stands for paper i.

    Integers make the set arithmetic of `most_shared` run in C over 64 papers a step, so
    finding related papers stays linear in the number of papers however popular a tag is.
    """
    bits: dict[str, bytearray] = defaultdict(lambda: bytearray(len(tags) // 8 + 1))
    for index, paper_tags in enumerate(tags):
        for tag in paper_tags:
            bits[tag][index >> 3] |= 1 << (index & 7)
    return {tag: int.from_bytes(data, "little") for tag, data in bits.items()}


def most_shared(tags: tuple[str, ...], masks: dict[str, int], exclude: int, count: int
                ) -> list[int]:
    """The `count` papers sharing the most of `tags`, ties going to the lower index (the
    newer paper), leaving out paper `exclude`."""
    # at_least[s] holds the papers that carry at least s of the tags seen so far (after
    # the n-th tag, none carries more than n).
    at_least = [-1] + [0] * len(tags)  # -1: every bit set
    for seen, tag in enumerate(tags, start=1):
        mask = masks[tag]
        for shared in range(seen, 0, -1):
            at_least[shared] |= at_least[shared - 1] & mask
    chosen: list[int] = []
    higher = 1 << exclude  # (the papers of the levels above, all chosen, and this one)
    for shared in range(len(tags), 0, -1):
        candidates = at_least[shared] & ~higher
        # The lowest bits are looked for among the first 1,024 papers when that many are
        # there: a level shared by hundreds has them there, and a 10,000-bit integer made
        # for each step cost twice as much (finding 10,000 papers' related: 0.12 -> 0.07 s).
        first = candidates & FIRST_PAPERS
        if first.bit_count() >= count - len(chosen):
            candidates = first
        while candidates and len(chosen) < count:
            lowest = candidates & -candidates
            chosen.append(lowest.bit_length() - 1)
            candidates ^= lowest
        if len(chosen) == count:
            break
        higher = at_least[shared] | 1 << exclude
    return chosen


FIRST_PAPERS = (1 << 1024) - 1


def build_stamp(papers: tuple[Paper, ...], source_date_epoch: int | None) -> dt.datetime:
    if source_date_epoch is not None:
        return dt.datetime.fromtimestamp(source_date_epoch, tz=dt.timezone.utc)
    newest = papers[0].date if papers else dt.date(1970, 1, 1)
    return dt.datetime.combine(newest, dt.time(), tzinfo=dt.timezone.utc)
