"""Zotero's Extra field as `import` reads it, in each export that carries it: the "Extra"
column of Zotero's CSV, the `note` of its CSL JSON and of its BibTeX, the N1 of its RIS.

Extra holds lines of "key: value" that Zotero and its plugins keep beside an item's own
fields ("arXiv:2505.09388 [cs]", "Citation Key: yang2025qwen3"), among them what
Translate for Zotero (windingwind/zotero-pdf-translate, the plugin that researchers who
read in Chinese translate their library with) makes of an item's title and abstract:

    arXiv:2505.09388 [cs]
    titleTranslation: Qwen3 技术报告
    abstractTranslation: 在本工作中，我们介绍了 Qwen3……

Those two are a paper's translated title and abstract, a machine's (the plugin asks a
translation service or a model for them), under the names of a table's columns that say
so; the rest of Extra is no field of a paper's.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from bitext.sources import abstract_markdown

if TYPE_CHECKING:
    from bitext.table import TableItem

# Columns of a Zotero library's export as CSV ("Key", "Item Type", …, "Abstract Note", …,
# "Extra", …), whose "Author" writes each name "Last, First", the names parted by
# semicolons (see `bitext.table.zotero_column`).
ZOTERO_COLUMNS = frozenset({"key", "item type", "abstract note"})

# Translate for Zotero's keys (as zotero-plugin-toolkit writes a key: the line's words
# before ": "), and the names of the columns that hold what they hold.
TRANSLATION_COLUMNS = {"titletranslation": "machine translated title",
                       "abstracttranslation": "machine translated abstract"}
# Where one of those starts: at a line's start, or after a space, where an export made
# Extra's lines one (Zotero's CSV of before 2018 wrote a line break as a space).
TRANSLATION_KEY = re.compile(r"(?:^|(?<=\s))(?P<key>titleTranslation|abstractTranslation)"
                             r"[ \t]*:[ \t]*", re.IGNORECASE | re.MULTILINE)
# A line of any key of Extra ("Citation Key: …", "tex.ids: …", "DOI: …"), or Zotero's
# line of an arXiv id ("arXiv:2505.09388 [cs]"): where a value of the plugin's, whose
# text may go on over the lines after its own (an abstract's paragraphs), ends.
EXTRA_LINE = re.compile(r"[A-Za-z_][\w.-]*(?: [\w.-]+){0,3}:[ \t]|arXiv:\s*\d{4}\.\d{4,5}",
                        re.IGNORECASE)
EXTRA_COLUMN = "extra"
ABSTRACT_COLUMN = "abstract note"


def extra_translations(extra: str) -> tuple[dict[str, str], str]:
    """The translations an Extra field holds, by the names of their columns (a title's on
    one line, an abstract's paragraphs parted by blank lines), and the rest of its text."""
    found: dict[str, str] = {}
    rest, end = [], 0
    starts = list(TRANSLATION_KEY.finditer(extra))
    for number, start in enumerate(starts):
        rest.append(extra[end:start.start()])
        stop = starts[number + 1].start() if number + 1 < len(starts) else len(extra)
        value, after = value_lines(extra[start.end():stop])
        column = TRANSLATION_COLUMNS[start["key"].casefold()]
        if value and column not in found:
            found[column] = (" ".join(value[0].split()) if column.endswith("title")
                             else "\n\n".join(" ".join(line.split()) for line in value))
        rest.append(after)
        end = stop
    rest.append(extra[end:])
    return found, "\n".join(line.strip() for line in "".join(rest).splitlines()
                            if line.strip())


def value_lines(text: str) -> tuple[list[str], str]:
    """The lines of a value that starts `text` (its first, and those after it that are
    no line of another key), and what comes after them."""
    lines = text.splitlines(keepends=True)
    taken = 1
    while taken < len(lines) and not EXTRA_LINE.match(lines[taken].strip()):
        taken += 1
    value = [line.strip() for line in lines[:taken] if line.strip()]
    return value, "".join(lines[taken:])


def zotero_rows(items: list[TableItem]) -> list[TableItem]:
    """A table's rows, where it is Zotero's CSV export, with the translations of each
    row's Extra cell in columns of their own (see `TRANSLATION_COLUMNS`), Extra's cell the
    rest of its text, and the abstracts' plain text (a paragraph a line) as Markdown; any
    other table's as they are."""
    header = next((cells for kind, _, cells in items if kind == "header"), [])
    names = [name.strip().casefold() for name in header]
    if not set(names) >= ZOTERO_COLUMNS:
        return items
    rows: list[TableItem] = []
    for kind, line, cells in items:
        if kind == "header":
            cells = [*cells, *TRANSLATION_COLUMNS.values()]
        elif kind == "row":
            cells = [*cells, *[""] * (len(header) - len(cells))]
            found: dict[str, str] = {}
            if EXTRA_COLUMN in names:
                found, cells[names.index(EXTRA_COLUMN)] = extra_translations(
                    cells[names.index(EXTRA_COLUMN)])
            at = names.index(ABSTRACT_COLUMN)
            cells[at] = abstract_markdown(cells[at])
            cells += [abstract_markdown(found.get(name, "")) if name.endswith("abstract")
                      else found.get(name, "") for name in TRANSLATION_COLUMNS.values()]
        rows.append((kind, line, cells))
    return rows
