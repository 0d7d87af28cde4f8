"""BibTeX and BibLaTeX as `import` reads them: each entry a row of a table under its field
names (see `bitext.table.read_table`), its values read as the LaTeX they are.

The entries are BibTeX's own syntax, which bibtexparser reads (`@string`s, `#`, braces and
quotes, an entry that fails to parse reported by its line); the values are LaTeX, which
pylatexenc reads: accents ("R{\\'e}", "S{\\o}gaard"), escapes ("15\\%", "\\$" around the
math that Zotero escapes), the braces that keep a title's capitals ("{D}a{NE}"), dashes
and quotes. Math stays as written, for the page to render, and TeX's commands of style in
an abstract become Markdown as an arXiv abstract's do. Web addresses and DOIs are read as
written (LaTeX reads those fields verbatim too), but for the escapes of a file written
for LaTeX without the url package.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import logging
import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from bitext.digestlines import author_names
from bitext.errors import Problem
from bitext.sources import dollar_math, plain_markdown, read_tex
from bitext.table import ARXIV_ID, YEAR_OF_DATE
from bitext.venues import published_venue
from bitext.zotero import extra_translations

if TYPE_CHECKING:
    from bitext.table import TableItem

# Entries of a whole volume, not of a paper: the ACL Anthology's file of a volume opens
# with its @proceedings.
VOLUMES = frozenset({"proceedings", "mvproceedings", "book", "mvbook", "collection",
                     "mvcollection", "periodical"})
# Fields about the entry itself, not the paper (where a file or a database kept it): not
# named among the fields left out.
BOOKKEEPING = frozenset({"timestamp", "biburl", "bibsource", "file", "urldate", "added-at",
                         "date-added", "date-modified", "owner", "interhash", "intrahash",
                         "mendeley-groups", "mendeley-tags", "adsurl", "adsnote"})
# Fields whose names a table's column would read as one of bitext's: BibTeX's `note` is a
# bibliography's remark ("arXiv:2506.01234 [cs]"), not an editor's note on the paper;
# `organization` is who held a conference, not the authors' affiliation.
OTHER_MEANING = frozenset({"note", "organization"})
# Read as written: addresses and identifiers (LaTeX reads them verbatim), but for the
# escapes that a file written for LaTeX without the url package puts in ("b\\_c"): no
# address holds a backslash.
VERBATIM = frozenset({"url", "doi", "eprint"})
ESCAPED_IN_ADDRESS = re.compile(r"\\([_%&#~$])")
# Where the paper was published: the first that names no preprint server.
VENUE_FIELDS = ("journal", "journaltitle", "booktitle")
# BibTeX's own strings: `month = jun`.
MONTH_MACROS = {name.casefold(): calendar.month_name[number]
                for number, name in enumerate(calendar.month_abbr) if name}
MONTH_NUMBERS = {name.casefold(): number for names in (calendar.month_name, calendar.month_abbr)
                 for number, name in enumerate(names) if name}
# The commands of style that an abstract keeps, for Markdown (see
# `bitext.sources.TEX_STYLE`); in a title, their text alone.
STYLE_COMMANDS = {"textbf": 1, "textit": 1, "emph": 1, "texttt": 1, "url": 1, "href": 2}
# What Zotero writes for characters LaTeX reserves, which pylatexenc leaves out or reads
# as other characters ("\\textasciicircum" as the modifier letter ˆ, which breaks the
# math it stands in: "\\$O(n{\\textasciicircum}2)\\$").
CHARACTER_COMMANDS = {"textless": "<", "textgreater": ">", "textasciicircum": "^",
                      "textasciitilde": "~", "textunderscore": "_", "textbar": "|",
                      "copyright": "©"}
BRACE = re.compile(r"(?<!\\)[{}]")
# The fields that say an entry's arXiv id is arXiv's (read with it).
ARXIV_FIELDS = ("archiveprefix", "eprinttype", "eprintclass", "arxivid")
ARXIV_VOLUME = re.compile(r"abs/(?P<id>\d{4}\.\d{4,5})")
ARXIV_ID_IN_TEXT = re.compile(r"\barXiv:\s*(?P<id>\d{4}\.\d{4,5}(?:v\d+)?)", re.IGNORECASE)
PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
AND = re.compile(r"\band\b", re.IGNORECASE)
# The middle part of BibTeX's "Last, Jr, First".
SUFFIX = re.compile(r"(?:Jr|Sr)\.?|I{2,3}|IV|V", re.IGNORECASE)
BIBTEX_START = re.compile(r"\A\ufeff?(?:[ \t]*(?:%[^\n]*)?\n)*[ \t]*@[ \t]*[A-Za-z]+[ \t]*[{(]")


def is_bibtex(text: str) -> bool:
    """Whether a text starts, after blank lines and comments, with a BibTeX entry
    ("@inproceedings{…", "@string(…")."""
    return BIBTEX_START.match(text) is not None


def bibtex_rows(text: str, source: str) -> tuple[list[TableItem], list[Problem]]:
    """The papers of a BibTeX text as a table's rows (see `bitext.table.read_table`) under
    a header of the names `entry_row` gives their fields, each row at its entry's first
    line; a problem for each entry that cannot be read."""
    import bibtexparser
    from bibtexparser.model import Entry, String

    # (bibtexparser logs each entry it cannot read; the problem says it, in its form)
    logging.getLogger("bibtexparser").addHandler(logging.NullHandler())
    logging.getLogger("bibtexparser").propagate = False
    # (without bibtexparser's middleware, which neither joins the parts of a value that
    # `#` joins nor keeps "{A} # {B}" whole: `field_values` reads the values as written)
    library = bibtexparser.parse_string(text, parse_stack=[])
    problems = [unread_entry(block, source) for block in library.failed_blocks
                if not duplicate_key(block)]
    # (an entry or a string whose key an earlier one has is read as any other: two papers
    # that a merged file gave the same key, a string defined again, which BibTeX takes)
    blocks = [block.ignore_error_block if duplicate_key(block) else block
              for block in library.blocks]
    strings = dict(MONTH_MACROS)
    entries = []
    for block in blocks:  # (in the file's order: a string applies to what comes after it)
        if isinstance(block, String):
            strings[block.key.casefold()] = bibtex_value(str(block.value), strings)
        elif isinstance(block, Entry):
            entries.append((block, field_values(block, strings)))
    by_key = {block.key.casefold(): fields for block, fields in entries}
    rows = [(block.start_line + 1, entry_row(with_crossref(fields, by_key)))
            for block, fields in entries if block.entry_type.casefold() not in VOLUMES]
    # (a title and an abstract column always: a file whose entries have no abstract is a
    # problem of each entry, not of a table's header)
    names = list(dict.fromkeys(["title", "abstract", *(name for _, row in rows for name in row)]))
    return [("header", 1, names)] + [
        ("row", line, [row.get(name, "") for name in names]) for line, row in rows], problems


def duplicate_key(block) -> bool:
    from bibtexparser.model import DuplicateBlockKeyBlock

    return isinstance(block, DuplicateBlockKeyBlock)


def unread_entry(block, source: str) -> Problem:
    error = " ".join((getattr(block.error, "abort_reason", "") or str(block.error)).split())
    return Problem(source, block.start_line + 1, None, "not a BibTeX entry",
                   expected="@type{key, field = {value}, …} with its braces and quotes "
                            "closed", found=error,
                   hint="is a brace or a quote left open, or a comma missing between two "
                        "fields?")


def field_values(entry, strings: dict[str, str]) -> dict[str, str]:
    """An entry's fields by their names in lower case, each value as BibTeX reads it (see
    `bibtex_value`)."""
    return {field.key.casefold(): bibtex_value(str(field.value), strings)
            for field in entry.fields}


def bibtex_value(written: str, strings: dict[str, str]) -> str:
    """A value as BibTeX reads it: its parts, which `#` joins, each the text in its braces
    or quotes, a number, or the text of a `@string` (or of a month's name: `jun`) that
    it names. Braces inside a part are the LaTeX's, kept for `read_latex`."""
    parts, depth, quoted, start = [], 0, False, 0
    for at, character in enumerate(written):
        if character == "{":
            depth += 1
        elif character == "}":
            depth -= 1
        elif character == '"' and depth == 0:
            quoted = not quoted
        elif character == "#" and depth == 0 and not quoted:
            parts.append(written[start:at])
            start = at + 1
    parts.append(written[start:])
    return "".join(part_value(part.strip(), strings) for part in parts)


def with_crossref(fields: dict[str, str], by_key: dict[str, dict[str, str]]
                  ) -> dict[str, str]:
    """An entry's fields with those of the entry its `crossref` names (a paper's
    proceedings, before or after it in the file) where it has none of its own, as BibTeX
    and BibLaTeX take them: the proceedings' title is the paper's booktitle; its title
    and abstract stay the paper's own. (A copy: `entry_row` takes the fields it reads out
    of what it is given, and another entry may name this one.)"""
    fields = dict(fields)
    parent = by_key.get(fields.pop("crossref", "").strip().casefold())
    if parent is None:
        return fields
    inherited = {name: value for name, value in parent.items()
                 if name not in ("title", "abstract", "crossref")}
    if "title" in parent and "booktitle" not in parent:
        inherited["booktitle"] = parent["title"]
    return {**inherited, **fields}


def part_value(part: str, strings: dict[str, str]) -> str:
    if len(part) > 1 and (part[0], part[-1]) in (("{", "}"), ('"', '"')):
        return part[1:-1]
    return strings.get(part.casefold(), part)


def entry_row(fields: dict[str, str]) -> dict[str, str]:
    """An entry's fields as a table's cells, under names that `bitext.table.column_of`
    reads as bitext's fields: title, abstract, authors, date (a whole day only), arxiv,
    keywords (with arXiv's primary class, as an import from arXiv reads its categories),
    venue; the rest under their own names, left out of the paper's file and named in the
    import's report."""
    for name in BOOKKEEPING:
        fields.pop(name, None)
    row = {"title": latex_text(fields.pop("title", "")),
           "abstract": abstract_markdown(fields.pop("abstract", "")),
           "authors": "; ".join(person_names(fields.pop("author", "")))}
    # (the first that names a place of publication: Semantic Scholar's gives a journal
    # "ArXiv" and the conference as booktitle)
    venues = [latex_text(fields.pop(name)) for name in VENUE_FIELDS if name in fields]
    row["venue"] = next(filter(None, map(published_venue, venues)), "")
    day, year = entry_day(fields)
    row["date"] = day.isoformat() if day else ""
    row["year"] = str(year or "")
    row["arxiv"] = arxiv_of(fields, venues)
    row["keywords"] = ", ".join(filter(None, (latex_text(fields.pop("keywords", "")),
                                              fields.pop("primaryclass", ""))))
    if "note" in fields:  # (Zotero's Extra, in Zotero's export: see `bitext.zotero`)
        translations, fields["note"] = extra_translations(fields["note"])
        row.update((name, abstract_markdown(text) if name.endswith("abstract")
                    else latex_text(text)) for name, text in translations.items())
    for name, value in fields.items():
        read = ESCAPED_IN_ADDRESS.sub(r"\1", value.strip()) if name in VERBATIM \
            else latex_text(value)
        row[f"{name} (BibTeX)" if name in OTHER_MEANING else name] = read
    return {name: value for name, value in row.items() if value}


def arxiv_of(fields: dict[str, str], venues: list[str]) -> str:
    """The arXiv id of an entry, taken from its fields with those that say it is arXiv's:
    `eprint` with arXiv as its `archiveprefix` or `eprinttype` (arXiv's own export,
    DBLP's), Mendeley's `arxivid`, the `volume` of a preprint server ("abs/2106.11959",
    Semantic Scholar's, with its journal "ArXiv"), else "arXiv:…" where a note or a
    journal names it (Google Scholar: "arXiv preprint arXiv:2111.00396")."""
    prefix = (fields.get("archiveprefix") or fields.get("eprinttype") or "").casefold()
    eprint = fields.get("eprint", "").strip().removeprefix("arXiv:")
    volume = ARXIV_VOLUME.fullmatch(fields.get("volume", "").strip())
    if prefix == "arxiv" and eprint:
        fields.pop("eprint")
        # (an id of before 2007, "hep-th/9901001", as its address: the arxiv column takes
        # the ids of today's form)
        found = eprint if ARXIV_ID.fullmatch(eprint) else f"https://arxiv.org/abs/{eprint}"
    elif ARXIV_ID.fullmatch(fields.get("arxivid", "").strip()):
        found = fields["arxivid"].strip()
    elif volume and any(venue and not published_venue(venue) for venue in venues):
        found = volume["id"]
        fields.pop("volume")
    else:
        named = (ARXIV_ID_IN_TEXT.search(text) for text in (
            fields.get("note", ""), fields.get("howpublished", ""), *venues))
        return next((match["id"] for match in named if match), "")
    for name in ARXIV_FIELDS:
        fields.pop(name, None)
    return found


def entry_day(fields: dict[str, str]) -> tuple[dt.date | None, int | None]:
    """The day an entry names, and the year it was published: BibLaTeX's `date`
    ("2025-06-02", "2020"), or `year`, `month` and `day`. A year, or a year and month
    (most BibTeX gives no more), names no day: the paper then takes the import's day
    (--date, else today), as a digest's paper without a line of a date does, and keeps
    its year apart (see `bitext.content.Paper.year`). The fields read are taken out."""
    date, year = fields.pop("date", "").strip(), fields.pop("year", "").strip()
    month, day = fields.pop("month", "").strip(), fields.pop("day", "").strip()
    published = YEAR_OF_DATE.match(date or year)
    published_year = int(published["year"]) if published else None
    try:
        if date:
            return (dt.date.fromisoformat(date) if len(date) == 10 else None), published_year
        number = int(month) if month.isdigit() else MONTH_NUMBERS.get(month.casefold().rstrip("."))
        day_named = dt.date(int(year), number, int(day)) if number and day and year else None
        return day_named, published_year
    except ValueError:
        return None, published_year


def person_names(text: str) -> list[str]:
    """The names of an `author` field ("Peng, Hao and Smith, Noah A. and others"), each
    first name first ("Noah A. Smith"), as bibtexparser parts them (BibTeX's rules: "von",
    "Jr", a name in braces kept whole); "others" (et al.) left out. Three names or more
    parted by commas alone, without "and", are a list of names."""
    from bibtexparser.middlewares.names import (
        parse_single_name_into_parts,
        split_multiple_persons_names,
    )

    text = " ".join(text.split())
    parts = text.split(",")
    if (len(parts) > 2 and not AND.search(text)
            and not (len(parts) == 3 and SUFFIX.fullmatch(parts[1].strip()))):
        # ("Yi Wang, Mingqing Liao, Brandon J. Bocklund", as some READMEs' citations write
        # it: no BibTeX, whose rules would make it one name; "Smith, Jr., John" is one)
        return [latex_text(name) for name in author_names(text)]
    names = (latex_text(parse_single_name_into_parts(name, strict=False).merge_first_name_first)
             for name in split_multiple_persons_names(text) if name.casefold() != "others")
    return [name for name in names if name]


def latex_text(value: str) -> str:
    """A field's LaTeX as one line of text: its letters, its math as written, its commands
    of style as their text."""
    return " ".join(read_latex(value, keep_styles=False).split())


def abstract_markdown(value: str) -> str:
    """An abstract's LaTeX as Markdown that shows its text (see
    `bitext.sources.plain_markdown`): paragraphs where a blank line parts them (a value's
    line breaks are spaces, its lines often indented), commands of style as Markdown."""
    text = read_latex(value, keep_styles=True)
    paragraphs = (" ".join(part.split()) for part in PARAGRAPH_BREAK.split(text))
    return "\n\n".join(plain_markdown(part) for part in paragraphs if part)


def read_latex(value: str, keep_styles: bool) -> str:
    """A field's LaTeX read by pylatexenc, math kept as written (`\\(…\\)` as `$…$`);
    with `keep_styles`, TeX's commands of style kept as TeX. Should pylatexenc fail on a
    value, the value itself without its braces."""
    if not value or not NEEDS_READING.search(value):
        return value
    try:
        text = read_tex(value, latex_reader(keep_styles), KEPT_AS_WRITTEN)
    except Exception:  # (pylatexenc's own errors, and any it does not catch)
        text = BRACE.sub("", value)
    return dollar_math(text)


# What makes a value more than its characters: a command, a group, a tie, TeX's dashes
# and quotes.
NEEDS_READING = re.compile(r"[\\{}~]|--|``|''")
# Characters that pylatexenc would read as TeX where no backslash escapes them, and that a
# .bib file's authors mean as themselves ("A & B", "#1", "by 5%": a comment to the line's
# end for TeX): kept as written.
KEPT_AS_WRITTEN = re.compile(r"(?<!\\)[&#%]")


@functools.cache
def latex_reader(keep_styles: bool) -> Callable[[str], str]:
    """pylatexenc's reading of LaTeX as text: math verbatim, the commands of
    `CHARACTER_COMMANDS` as their characters, and those of style as TeX (`keep_styles`)
    or as their text (`\\href` taking its two arguments, which pylatexenc's parser does
    not know)."""
    from pylatexenc.latex2text import (
        LatexNodes2Text,
        MacroTextSpec,
        get_default_latex_context_db,
    )
    from pylatexenc.latexwalker import get_default_latex_context_db as parsing_context
    from pylatexenc.macrospec import MacroSpec

    parsing = parsing_context()
    parsing.add_context_category("bitext", prepend=True, macros=[
        MacroSpec(name, "{" * count) for name, count in STYLE_COMMANDS.items()])
    context = get_default_latex_context_db()
    styles = {name: ("\\" + name + "".join("{%(" + str(n) + ")s}" for n in range(1, count + 1))
                     if keep_styles else "%(" + str(count) + ")s")
              for name, count in STYLE_COMMANDS.items()}
    context.add_context_category("bitext", prepend=True, macros=[
        *(MacroTextSpec(name, simplify_repl=text) for name, text in styles.items()),
        *(MacroTextSpec(name, simplify_repl=text) for name, text in CHARACTER_COMMANDS.items())])
    converter = LatexNodes2Text(latex_context=context, math_mode="verbatim",
                                strict_latex_spaces=True)
    return functools.partial(converter.latex_to_text, latex_context=parsing)
