"""Write a paper file in the content format (used by `new` and `import`).

Values are written by PyYAML's dumper, which quotes whatever YAML could read as something
else ('2505.09388', 'no', '12:30'), so a file written here always reads back to the same
text, whichever YAML reader an editor's tools use.
"""

from __future__ import annotations

import datetime as dt

import yaml

WIDE = 1 << 30  # never fold long lines: one field, one line


def scalar(value: str | dt.date) -> str:
    return yaml.safe_dump(value, allow_unicode=True, width=WIDE).removesuffix("\n...\n").strip()


def flow_list(values: list[str]) -> str:
    return yaml.safe_dump(list(values), allow_unicode=True, width=WIDE,
                          default_flow_style=True).strip()


def format_paper(titles: dict[str, str], abstracts: dict[str, str], date: dt.date,
                 tags: list[str] | tuple[str, ...] = (), authors: list[str] | tuple = (),
                 affiliation: str | None = None, arxiv: str | None = None,
                 links: dict[str, str] | None = None, slug: str | None = None,
                 translator: str | None = None, draft: bool = False) -> str:
    """The text of a paper file; `titles` and `abstracts` are keyed by language code."""
    lines = ["---", "title:"]
    lines += [f"  {code}: {scalar(text)}" for code, text in titles.items()]
    lines.append(f"date: {date.isoformat()}")
    lines.append(f"tags: {flow_list(list(tags))}")
    if authors:
        lines.append(f"authors: {flow_list(list(authors))}")
    if affiliation:
        lines.append(f"affiliation: {scalar(affiliation)}")
    if arxiv:
        lines.append(f"arxiv: {scalar(arxiv)}")
    if links:
        lines.append("links:")
        lines += [f"  {kind}: {scalar(url)}" for kind, url in links.items()]
    if slug:
        lines.append(f"slug: {scalar(slug)}")
    if translator:
        lines.append(f"translator: {scalar(translator)}")
    if draft:
        lines.append("draft: true")
    lines.append("---")
    for code, text in abstracts.items():
        lines += [f"::: {code}", text.strip("\n"), ":::", ""]
    return "\n".join(lines)
