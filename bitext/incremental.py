"""Which output files a change touches: compare two site models, page by page.

The model already holds everything a page shows (a paper page holds its paper, its
neighbours and its related papers; a tag page its papers …), so a page must be rendered
again exactly when the part of the model it shows differs. An edited paper therefore
re-renders its page, the pages that show it (neighbours, related papers, its home page,
tag pages and month) and the feeds, the sitemap and the indexes.
"""

from __future__ import annotations

from bitext.model import Site
from bitext.render import plan_pages

# Small pages that summarise the whole site: cheaper to render than to reason about.
ALWAYS = {"tags/index.html", "archive/index.html", "sitemap.xml", "feed.xml"}


def affected_paths(old: Site, new: Site) -> set[str]:
    """Output paths of `new` whose content may differ from `old`'s. The caller renders
    everything when the config, templates or the code changed."""
    old_jobs, new_jobs = plan_pages(old), plan_pages(new)
    stamp_changed = old.updated != new.updated
    affected = set()
    for path, job in new_jobs.items():
        before = old_jobs.get(path)
        if (before is None or before.template != job.template or before.context != job.context
                or (stamp_changed and path.endswith(".xml"))):
            affected.add(path)
    return affected | (ALWAYS & new_jobs.keys())


def removed_paths(old: Site, new: Site) -> set[str]:
    """Output paths that `old` had and `new` has not (a deleted paper, an unused tag)."""
    return plan_pages(old).keys() - plan_pages(new).keys()
