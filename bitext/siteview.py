"""`site` as templates see it: the site model, noting how much of it a render reads.

A rebuild renders a page again when its fingerprint changes (`bitext.fingerprint`), and
the fingerprint covers the page's own context and a summary of the site, not every paper.
A template may still show papers through `site` (the newest paper's title in a footer, a
tag's papers on every paper page): the page it renders must then follow those papers. So
each render notes the most it read through `site`:

- `SETTINGS`: the config, and a tag's name and address by its slug (`site.tags[slug]`);
  all of it comes from site.yaml, which every fingerprint and every kept listing entry
  covers;
- `SUMMARY`: what the site summary covers: the build date, which tags and months there
  are, their counts;
- `PAPERS`: papers. `site.papers[:5]` (the newest five, in a sidebar) or `site.papers[0]`
  read only the newest few; `site.pages`, a tag's or a month's `papers`, a loop over all
  of `site.papers` or anything else of the model read them all (what the model gains
  later counts as papers too, until it is known to be less).

The index remembers the pages that read papers, and how many of the newest they read: an
edit renders such a page again when it changes one of those (see
`bitext.fingerprint.with_reads`). A listing entry is kept for later builds by its paper
alone, so one that read more than `SETTINGS` is kept for the build that made it only (see
`bitext.render.Renderer.listing_entry`).
"""

from __future__ import annotations

import sys
from collections.abc import Iterator, Mapping, Sequence

from bitext.content import Paper
from bitext.model import Month, Site, Tag

SETTINGS, SUMMARY, PAPERS = 0, 1, 2
EVERY = sys.maxsize
"""As a count of the newest papers read: all of them."""


class Reads:
    """The most a render has read through `site` so far: `level`, `SETTINGS`, `SUMMARY`
    or `PAPERS`, and when it read papers, how many of the site's newest (`newest`, `EVERY`
    when it may have read any)."""

    __slots__ = ("level", "newest")

    def __init__(self) -> None:
        self.clear()

    def clear(self) -> None:
        self.level = SETTINGS
        self.newest = 0

    def note(self, level: int, newest: int = EVERY) -> None:
        """`newest`: with `PAPERS`, how many of the newest papers."""
        if level > self.level:
            self.level = level
        if level == PAPERS and newest > self.newest:
            self.newest = newest


class ModelView:
    """A part of the site model as templates see it: what the view does not hold itself
    (papers, and what the model gains later) is read from the model as papers."""

    def __init__(self, model: object, reads: Reads, held: tuple[str, ...] = ()):
        """`held`: the model's attributes that the view holds, read without a note (they
        tell no more than reaching the view did)."""
        self._model = model
        self._reads = reads
        for name in held:
            setattr(self, name, getattr(model, name))

    def __getattr__(self, name: str):
        if name.startswith("_"):  # (Python's own questions, `__html__` and the like)
            raise AttributeError(name)
        self._reads.note(PAPERS)
        return getattr(self._model, name)


class SiteView(ModelView):
    """`site`: its config, tags and months as views; `papers`, `pages` and the rest are
    papers."""

    def __init__(self, site: Site, reads: Reads):
        super().__init__(site, reads, ("config",))
        self.papers = PapersView(site.papers, reads)
        self.tags = TagsView({slug: TagView(tag, reads) for slug, tag in site.tags.items()},
                             reads)
        self._months = tuple(MonthView(month, reads) for month in site.months)
        self._updated = site.updated

    @property
    def updated(self):
        self._reads.note(SUMMARY)
        return self._updated

    @property
    def months(self) -> tuple[MonthView, ...]:
        self._reads.note(SUMMARY)
        return self._months


class PapersView(Sequence):
    """`site.papers`, newest first: how many there are is the summary's; a paper by its
    place from the start (`[0]`, `[:5]`, `|first`, a loop as far as it goes) reads the
    newest papers up to it, any other read (`[-1]`, `|last`, `|sort`) reads them all."""

    def __init__(self, papers: tuple[Paper, ...], reads: Reads):
        self._papers = papers
        self._reads = reads

    def __len__(self) -> int:
        self._reads.note(SUMMARY)
        return len(self._papers)

    def __getitem__(self, index):
        if isinstance(index, slice):
            start, stop, step = index.start or 0, index.stop, index.step or 1
            counted = start >= 0 and step > 0 and stop is not None and stop >= 0
            self._reads.note(PAPERS, stop if counted else EVERY)
        else:
            index = index.__index__()  # (as a tuple takes it: an int, or an error)
            self._reads.note(PAPERS, index + 1 if index >= 0 else EVERY)
        return self._papers[index]

    def __iter__(self) -> Iterator[Paper]:
        for count, paper in enumerate(self._papers, start=1):
            self._reads.note(PAPERS, count)
            yield paper


class TagsView(Mapping):
    """`site.tags`: a tag by its slug reads the settings; which tags there are, the
    summary."""

    def __init__(self, tags: dict[str, TagView], reads: Reads):
        self._tags = tags
        self._reads = reads

    def __getitem__(self, slug: str) -> TagView:
        tag = self._tags.get(slug)
        if tag is None:  # (that a tag is missing is the summary's to say)
            self._reads.note(SUMMARY)
            raise KeyError(slug)
        return tag

    def __iter__(self) -> Iterator[str]:
        self._reads.note(SUMMARY)
        return iter(self._tags)

    def __len__(self) -> int:
        self._reads.note(SUMMARY)
        return len(self._tags)

    def __contains__(self, slug: object) -> bool:
        self._reads.note(SUMMARY)
        return slug in self._tags


class TagView(ModelView):
    """A tag of `site.tags`: its slug, name and address come from the settings, its count
    from the summary, its papers are papers."""

    def __init__(self, tag: Tag, reads: Reads):
        super().__init__(tag, reads, ("slug", "name", "url"))
        self._count = tag.count

    @property
    def count(self) -> int:
        self._reads.note(SUMMARY)
        return self._count


class MonthView(ModelView):
    """A month of `site.months`, which listing the months read the summary already: its
    papers are papers."""

    def __init__(self, month: Month, reads: Reads):
        super().__init__(month, reads, ("key", "first_day", "count", "url"))
