"""The site model's related papers: the fast bit-set search agrees with counting by hand."""

from __future__ import annotations

from collections import Counter
from types import SimpleNamespace

from hypothesis import given
from hypothesis import strategies as st

from bitext.model import most_shared, tag_masks

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


def test_a_paper_with_no_tags_has_no_related_papers():
    papers = (SimpleNamespace(tags=()), SimpleNamespace(tags=("llm",)))
    assert most_shared((), tag_masks(tuple(paper.tags for paper in papers)), 0, 3) == []
