"""Org mode's digests as `import` reads them: an Emacs outline of papers (a heading a day
and a heading a paper, its properties in a drawer, its abstracts under it or under
headings of their own) or an org-roam note of one paper, read as the Markdown digest that
`bitext.digest` reads, line for line, so that a problem names the org file's own line.

orgparse reads the headings: their stars, TODO keyword (the file's own `#+TODO:` ones
too), priority and tags. A heading becomes Markdown's of as many `#`, a paper's with its
tags (those it inherits too) as a line of its own (`Tags: llm, rl`); a timestamp is its
day (`* <2025-06-03 Tue>` dates the papers under it). A drawer's properties that name a
paper's field, link or day (`:AUTHORS:`, `:TITLE_ZH:`, `:ARXIV:`, `:ROAM_REFS:`,
`:CREATED:`) become its labelled lines; the others (`:ID:`, org's bookkeeping) are left
out, with the drawers' lines, planning lines (`CLOSED: […]`), `:LOGBOOK:`, comments,
keywords but `#+TITLE` and `#+DATE` (headings), and the blocks that hold no paper's text
(source, example, export, comment). As Org's own export does, a subtree under a `COMMENT`
heading or tagged `:noexport:` is left out. Links, emphasis, inline code and math become
Markdown's.
"""

from __future__ import annotations

import re

from bitext.digestlines import day_of_line, field_label, section_label

# A timestamp, active or inactive (`<2025-06-03 Tue>`, `[2025-06-03 Tue 10:12]`): its day.
TIMESTAMP = re.compile(r"[<\[](?P<day>\d{4}-\d{2}-\d{2})(?:\s[^<>\[\]\n]*)?[>\]]")
ISO_DAY = re.compile(r"(?P<day>\d{4}-\d{2}-\d{2})")
# The time of day before an org-journal entry's heading (`** 10:15 Qwen3 Technical Report`).
JOURNAL_TIME = re.compile(r"^\s*\d{1,2}:\d{2}\s+|\s+$")
# A heading's statistics cookie (`[2/5]`, `[40%]`): its children's progress.
STATISTICS_COOKIE = re.compile(r"\s*\[\d*(?:/\d*|%)\]")
# What makes a line org's own: a keyword (`#+TITLE: …`), a comment (`# …`), a block's
# delimiter, a drawer's (`:PROPERTIES:`, `:END:`), a planning line, a clock's, a line of
# fixed-width text (`: …`), a rule of five dashes or more.
KEYWORD = re.compile(r"\s*#\+(?P<key>[\w-]+):\s?(?P<value>.*)")
TITLE_KEYWORD = re.compile(r"\s*#\+title:", re.IGNORECASE)
COMMENT = re.compile(r"\s*#(?:\s|$)")
BLOCK_START = re.compile(r"\s*#\+begin_(?P<kind>\w+)", re.IGNORECASE)
BLOCK_END = re.compile(r"\s*#\+end_(?P<kind>\w+)", re.IGNORECASE)
DRAWER_START = re.compile(r"\s*:(?P<name>[\w-]+):\s*")
DRAWER_END = re.compile(r"\s*:END:\s*", re.IGNORECASE)
PROPERTY = re.compile(r"\s*:(?P<name>[^\s:]+):(?:\s+(?P<value>.*?))?\s*")
PLANNING = re.compile(r"\s*(?:SCHEDULED|DEADLINE|CLOSED|CLOCK):")
FIXED_WIDTH = re.compile(r"\s*:(?:\s|$)")
RULE = re.compile(r"\s*-{5,}\s*")
# A table's rule (`|---+---|`), which Markdown writes with bars only.
TABLE_RULE = re.compile(r"\s*\|[-+:|\s]*-[-+:|\s]*")
# A description list's item (`- Authors :: An Yang, …`): its term as a label.
DESCRIPTION_ITEM = re.compile(r"(?P<bullet>\s*(?:[-+]|\d+[.)])\s+)(?P<term>.*?)\s+::(?:\s+|$)")
# A heading's subtree that Org's export leaves out.
COMMENTED = re.compile(r"COMMENT(?:\s|$)")
# The blocks whose text is no paper's (code, examples, a backend's raw HTML, comments).
LEFT_OUT_BLOCKS = frozenset({"src", "example", "export", "comment"})
# The drawers that hold org's bookkeeping, not text (its clock and notes of state changes).
LEFT_OUT_DRAWERS = frozenset({"logbook"})
# Tags that are org's own words for a subtree, no topic of a paper.
ORG_TAGS = frozenset({"noexport", "export", "archive", "attach", "ignore"})
# Properties that hold a paper's addresses, as org-roam, org-ref and org-noter users name
# them, by the label its line is given; a property that names a field by the digest's
# labels (`AUTHORS`, `AFFILIATION`, `TITLE_ZH`) is that field's.
LINK_PROPERTIES = {"url": "Link", "link": "Link", "roam_refs": "Link", "arxiv": "arXiv",
                   "arxiv_id": "arXiv", "eprint": "arXiv", "doi": "DOI", "pdf": "PDF",
                   "code": "Code", "github": "Code"}
WEB_ADDRESS = re.compile(r"https?://\S+")
# BibTeX's word between two authors' names.
BIBTEX_AND = re.compile(r"\s+and\s+")
# Properties that hold the day a paper was noted (`:CREATED: [2025-06-03 Tue 10:12]`, as
# org-roam's and org-capture's templates write it), which dates it where no heading does.
DATE_PROPERTIES = frozenset({"date", "created", "added", "date_added", "captured"})

# Org's links (`[[https://…][words]]`, `[[https://…]]`, `[[id:…][words]]`) and inline
# markup, with its rules of what may stand around a mark (org-emphasis-regexp-components):
# `*bold*`, `/italic/`, `_underlined_`, `=verbatim=`, `~code~`, `+struck+`. Math
# (`$…$`, `\(…\)`) and web addresses are passed over whole: a mark within them is theirs.
INLINE = re.compile(
    r"\[\[(?P<target>[^\[\]]+)\](?:\[(?P<words>[^\[\]]+)\])?\]"
    r"|(?P<math>\$[^$\s](?:[^$]*[^$\s])?\$|\\\(.+?\\\))"
    r"|(?P<address>https?://[^\s\]]+)"
    r"|(?<![^\s\-('\"{])(?P<mark>[*/_=~+])(?P<body>[^\s*/_=~+](?:.*?[^\s])?)(?P=mark)"
    r"(?=[\s\-.,:!?;'\")}\[]|$)")
MARKDOWN_OF_MARK = {"*": "**", "/": "*", "+": "~~", "_": ""}


def is_org(text: str, name: str) -> bool:
    """Whether an input is an Org file: by its name, else by a first line of a keyword
    (`#+TITLE: …`) or a drawer of properties, which no Markdown digest has."""
    if name.lower().endswith(".org"):
        return True
    first = text.lstrip("\ufeff \t\r\n").split("\n", 1)[0]
    return bool(KEYWORD.fullmatch(first.rstrip()) or re.search(
        r"^[ \t]*:PROPERTIES:[ \t]*\r?\n(?:[ \t]*:[^\s:]+:.*\r?\n)*[ \t]*:END:", text,
        re.MULTILINE | re.IGNORECASE))


def markdown_of_org(text: str) -> tuple[str, frozenset[int]]:
    """The Markdown digest of an Org file, line for line, and the numbers of its lines that
    hold no digest's line (org's own, see the module's docstring): the digest's reader
    passes them over, as if they were not there, not as blank lines."""
    import orgparse

    lines = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    root = orgparse.loadi(lines)
    headings = {node.linenumber: node for node in root[1:]}
    papers = paper_headings(root)
    # (an org-roam note of one paper, its fields under headings: the tags of its file)
    title_tags = sorted(topics(root.tags | roam_tags(lines))) if not papers else []
    markdown, passed_over = [], set()
    block = drawer = None
    left_out_below = 0  # (the level of a subtree left out; 0: none)
    for number, line in enumerate(lines, start=1):
        node = headings.get(number)
        if node is not None and left_out_below and node.level <= left_out_below:
            left_out_below = 0
        if node is not None and not left_out_below and is_left_out(node):
            left_out_below = node.level
        if left_out_below:
            converted = None
        elif node is not None:
            block = drawer = None
            converted = heading_markdown(node, node.linenumber in papers)
        elif block is not None:
            if (end := BLOCK_END.match(line)) and end["kind"].lower() == block:
                block, converted = None, None
            else:
                converted = None if block in LEFT_OUT_BLOCKS else inline_markdown(line)
        elif drawer is not None:
            if DRAWER_END.fullmatch(line):
                drawer, converted = None, None
            elif drawer == "properties":
                converted = property_line(line)
            else:
                converted = None if drawer in LEFT_OUT_DRAWERS else inline_markdown(line)
        elif start := BLOCK_START.match(line):
            block, converted = start["kind"].lower(), None
        elif (start := DRAWER_START.fullmatch(line)) and start["name"].lower() != "end":
            drawer, converted = start["name"].lower(), None
        else:
            converted = line_markdown(line)
            if title_tags and TITLE_KEYWORD.match(line):
                converted += f"<br>Tags: {', '.join(title_tags)}"
        if converted is None:
            passed_over.add(number)
        markdown.append(converted or "")
    return "\n".join(markdown), frozenset(passed_over)


def is_left_out(node) -> bool:
    """Whether a heading's subtree is left out, as Org's export leaves it out."""
    return (bool(COMMENTED.match(node.get_heading(format="raw")))
            or "noexport" in node.shallow_tags)


def paper_headings(root) -> set[int]:
    """The lines of the headings that are papers: the innermost of those that name neither
    a day (`* 2025-06-03`, a date tree's) nor a field (`*** Abstract`, `*** 摘要`), and
    are not empty (`** 研究内容`, a note template's part left to fill)."""
    def is_paper(node) -> bool:
        words = node.get_heading(format="plain")
        return (day_of_line(f"# {words}") is None and section_label(words) is None
                and bool(node.body.strip() or node.children or node.properties))

    def has_paper_below(node) -> bool:
        return any(is_paper(child) or has_paper_below(child) for child in node.children)

    return {node.linenumber for node in root[1:]
            if is_paper(node) and not has_paper_below(node)}


def roam_tags(lines: list[str]) -> set[str]:
    """The tags of an org-roam note of version 1 (`#+ROAM_TAGS: llm reasoning`), which
    version 2 writes as the file's `#+FILETAGS:`."""
    return {tag for line in lines if (keyword := KEYWORD.fullmatch(line))
            and keyword["key"].lower() == "roam_tags" for tag in keyword["value"].split()}


def topics(tags: set[str]) -> set[str]:
    """Tags but org's own words for a subtree."""
    return {tag for tag in tags if tag.lower() not in ORG_TAGS}


def heading_markdown(node, is_paper: bool) -> str:
    """A heading as Markdown's, without its TODO keyword, priority, statistics cookie and
    journal entry's time; a paper's with its tags, those it inherits too (its day's, its
    file's), after a line break (which the digest's reader takes for a line)."""
    title = JOURNAL_TIME.sub("", STATISTICS_COOKIE.sub("", node.get_heading(format="raw")))
    heading = f"{'#' * min(node.level, 6)} {inline_markdown(title)}"
    tags = sorted(topics(node.tags)) if is_paper else []
    return f"{heading}<br>Tags: {', '.join(tags)}" if tags else heading


def line_markdown(line: str) -> str | None:
    """A line outside a heading, a block and a drawer as Markdown's; None for org's own."""
    if keyword := KEYWORD.fullmatch(line):
        # (the file's title and date head its papers: "#+TITLE: 论文速递 2025-06-03"; the
        # reference of an org-roam note of version 1, "#+ROAM_KEY: https://arxiv.org/…",
        # is its paper's address, as version 2's `:ROAM_REFS:`)
        key, value = keyword["key"].lower(), keyword["value"]
        if key == "roam_key":
            return property_line(f":ROAM_REFS: {value}")
        return f"# {inline_markdown(value)}" if key in ("title", "date") else None
    if COMMENT.match(line) or PLANNING.match(line) or FIXED_WIDTH.match(line):
        return None
    if RULE.fullmatch(line):
        return "* * *"
    if TABLE_RULE.fullmatch(line) and line.lstrip().startswith("|"):
        return line.replace("+", "|")
    if item := DESCRIPTION_ITEM.match(line):
        line = f"{item['bullet']}{item['term']}: {line[item.end():]}"
    return inline_markdown(line)


def property_line(line: str) -> str | None:
    """A property as the labelled line of the field or link it names; None for another."""
    match = PROPERTY.fullmatch(line)
    if match is None or not match["value"]:
        return None
    name, value = match["name"].lower(), match["value"]
    if name in LINK_PROPERTIES:
        addresses = WEB_ADDRESS.findall(value)
        if name == "roam_refs" and not addresses:
            return None  # (a citation key, `cite:yang2025qwen3`, is no address)
        return f"{LINK_PROPERTIES[name]}: {' '.join(addresses) or value}"
    if name in DATE_PROPERTIES:
        day = TIMESTAMP.search(value) or ISO_DAY.fullmatch(value)
        return f"Date: {day['day']}" if day else None
    if name in ("author", "authors") and BIBTEX_AND.search(value):
        # (as org-roam-bibtex writes a paper's authors: "Yang, An and Li, Anfeng")
        from bitext.bibtex import person_names

        value = ", ".join(person_names(value))
    labelled = f"{name.replace('_', ' ')}: {value}"
    field, _ = field_label(labelled)
    return inline_markdown(labelled) if field is not None else None


def inline_markdown(text: str) -> str:
    """A line's links and inline markup as Markdown's."""
    return INLINE.sub(inline_piece, TIMESTAMP.sub(r"\g<day>", text))


def inline_piece(match: re.Match) -> str:
    if target := match["target"]:
        words = match["words"]
        if WEB_ADDRESS.fullmatch(target):
            return f"[{inline_markdown(words)}]({target})" if words else target
        # (a link within the notes, `[[id:…][Qwen3]]`, `[[file:qwen3.pdf]]`: its words)
        return inline_markdown(words) if words else target.split(":", 1)[-1]
    if math := match["math"]:
        return f"${math[2:-2]}$" if math.startswith("\\(") else math
    if address := match["address"]:
        return address
    mark, body = match["mark"], match["body"]
    if mark in "=~":
        fence = "``" if "`" in body else "`"
        return f"{fence}{body}{fence}"
    outer = MARKDOWN_OF_MARK[mark]
    return f"{outer}{inline_markdown(body)}{outer}"
