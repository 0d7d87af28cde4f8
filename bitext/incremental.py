"""Which output files a change touches: compare two site models, page by page.

The model already holds everything a page shows (a paper page holds its paper, its
neighbours and its related papers; a tag page its papers …), so a page must be rendered
again exactly when the part of the model it shows differs. An edited paper therefore
re-renders its page, the pages that show it (neighbours, related papers, its home page,
tag pages and month) and the feeds, the sitemap and the indexes.
"""

from __future__ import annotations

from bitext.render import PageJob

# Small pages that summarise the whole site: cheaper to render than to reason about.
ALWAYS = {"tags/index.html", "archive/index.html", "sitemap.xml", "feed.xml"}


def affected_paths(old: dict[str, PageJob], new: dict[str, PageJob], stamp_changed: bool
                   ) -> set[str]:
    """Pages of the `new` plan whose content may differ from the `old` plan's (both from
    `plan_pages`). The caller renders everything when the config or templates changed."""
    affected = set()
    for path, job in new.items():
        before = old.get(path)
        if (before is None or before.template != job.template or before.context != job.context
                or (stamp_changed and path.endswith("feed.xml"))):  # lastBuildDate
            affected.add(path)
    return affected | (ALWAYS & new.keys())
