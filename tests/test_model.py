"""The site model: related papers by bit sets agree with counting by hand; a model patched
after an edit equals one built again."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import Counter
from types import SimpleNamespace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bitext.model import build_site, most_shared, patch_site, swapped_papers, tag_masks
from bitext.pipeline import Options, render
from tests.conftest import make_project
from tests.conftest import paper as paper_text

TAGS = ["llm", "rl", "vision", "agents", "math", "speech"]


def related_by_counting(papers, index, count):
    """The definition: most shared tags first, then the newer (lower index) paper."""
    shared = Counter(other for tag in papers[index].tags for other, paper in enumerate(papers)
                     if other != index and tag in paper.tags)
    return sorted(shared, key=lambda other: (-shared[other], other))[:count]


@given(st.lists(st.lists(st.sampled_from(TAGS), unique=True, max_size=5), max_size=80))
def test_related_papers_match_counting_by_hand(tag_lists):
    papers = [SimpleNamespace(tags=tuple(tags)) for tags in tag_lists]
    masks = tag_masks(tuple(paper.tags for paper in papers))
    for index, paper in enumerate(papers):
        assert most_shared(paper.tags, masks, index, 3) == related_by_counting(papers, index, 3)


def test_related_papers_are_found_past_the_first_thousand_papers():
    """`most_shared` looks among the first 1,024 papers first: papers that share more tags,
    or the only ones, may come after them."""
    rare = [("llm", "rare")] + [("llm",)] * 1200 + [("llm", "rare")] * 2 + [("rare",)] * 3
    papers = [SimpleNamespace(tags=tags) for tags in rare]
    masks = tag_masks(tuple(paper.tags for paper in papers))
    for index in (0, 1, 1201, 1204):
        assert most_shared(papers[index].tags, masks, index, 3) == related_by_counting(
            papers, index, 3)
    assert most_shared(papers[0].tags, masks, 0, 3) == [1201, 1202, 1]


def test_a_paper_with_no_tags_has_no_related_papers():
    papers = (SimpleNamespace(tags=()), SimpleNamespace(tags=("llm",)))
    assert most_shared((), tag_masks(tuple(paper.tags for paper in papers)), 0, 3) == []


@pytest.fixture(scope="module")
def base_site(tmp_path_factory):
    """A model of 24 papers over three months, with shared tags."""
    root = make_project(tmp_path_factory.mktemp("model") / "site", {
        f"p{n:02d}.md": paper_text(f"Paper {n}", f"论文{n}", date=f"2025-0{1 + n % 3}-1{n % 9}",
                                   tags=[TAGS[n % 4], TAGS[(n * 7) % 6]])
        for n in range(24)})
    return render(Options(root=root, out=root.parent / "out"))[0]


EDIT_KINDS = ["authors", "date", "tags", "tag order", "place in its day", "gone"]


def edited(paper, kind):
    if kind == "authors":
        return dataclasses.replace(paper, authors=(*paper.authors, "A. New"), digest="new")
    if kind == "date":
        return dataclasses.replace(paper, date=paper.date + dt.timedelta(days=40))
    if kind == "tags":
        return dataclasses.replace(paper, tags=(*paper.tags, "new-tag"))
    if kind == "tag order":
        return dataclasses.replace(paper, tags=paper.tags[::-1])
    if kind == "place in its day":
        return dataclasses.replace(paper, order=(paper.order + 2) % 4)
    return None


@given(st.lists(st.tuples(st.integers(0, 23), st.sampled_from(EDIT_KINDS)), max_size=4),
       st.randoms())
def test_patching_the_model_equals_building_it_again(base_site, edits, random):
    """`patch_site` (the preview's shortcut after an edit) gives the model that a new build
    gives, or None when papers came or went or one's date, place in its day or tags
    changed."""
    before = list(base_site.papers)
    random.shuffle(before)  # (files come in any order)
    site = build_site(base_site.config, before, None)
    papers = list(before)
    for index, kind in edits:
        papers[index] = papers[index] and edited(papers[index], kind)
    papers = [paper for paper in papers if paper is not None]
    patched = patch(site, papers, before)
    if layout(papers) != layout(before):
        assert patched is None
        return
    assert patched is not None
    new_site, changed = patched
    assert new_site == build_site(site.config, papers, None)
    kept = {id(paper) for paper in before}
    assert changed == {paper.slug: paper for paper in papers if id(paper) not in kept}


def test_papers_in_another_order_make_the_model_again(base_site):
    papers = list(base_site.papers)
    assert patch(base_site, papers[::-1], papers) is None
    assert patch(base_site, papers, papers) == (base_site, {})


def test_papers_of_a_day_are_listed_in_their_order_then_by_slug(base_site):
    """`order` places a paper among the papers of its day (as the digest it came from had
    them); those without one follow, by slug; days stay newest first."""
    day = dt.date(2025, 5, 14)
    papers = [dataclasses.replace(paper, date=day, order=order) for paper, order in zip(
        base_site.papers[:5], [0, 2, 0, 1, 0], strict=True)]
    newer = dataclasses.replace(base_site.papers[5], date=day + dt.timedelta(days=1), order=9)
    site = build_site(base_site.config, [*papers, newer], None)
    unordered = sorted(paper.slug for paper in papers if not paper.order)
    assert [paper.slug for paper in site.papers] == [
        newer.slug, papers[3].slug, papers[1].slug, *unordered]
    assert [paper.slug for paper in site.months[0].papers] == [
        paper.slug for paper in site.papers]


def patch(site, papers, before):
    """The model patched as the preview patches it, from the papers before and after."""
    swaps = swapped_papers(papers, before)
    return patch_site(site, swaps) if swaps is not None else None


def layout(papers):
    return {paper.slug: (paper.date, paper.order, paper.tags) for paper in papers}
