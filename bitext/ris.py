"""RIS as `import` reads it: the records that Zotero, EndNote, Mendeley, Scopus, Web of
Science's RIS export and IEEE Xplore write, each a row of a table (see
`bitext.table.read_table`) under the names of bitext's fields.

A record is its lines of tags ("TI  - …"), a value going on over the lines after its own,
from "TY  - " to "ER  - ". (rispy reads them too, but joins a value's lines with spaces,
which makes an abstract's paragraphs one, leaves out a last record without its ER, and
gives no record's line, which a problem names.) What each tag is to a paper: the title
(TI, else T1) and a translated title (TT), the abstract (AB, else N2), the authors
("Last, First"), the day (DA, else PY or Y1, in RIS's "2025/05/14/"), where it was
published (T2, JO, JF, C3 …, but a preprint server), its arXiv id (from its DOI, its
address or a note that names it), its keywords, DOI and addresses. RIS values are plain
text: no LaTeX to read.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from bitext.errors import Problem
from bitext.sources import abstract_markdown
from bitext.table import first_value, names_last_first, records_as_rows
from bitext.venues import published_venue
from bitext.zotero import extra_translations

if TYPE_CHECKING:
    from bitext.table import TableItem

# A line of a tag: two capitals (or a capital and a digit), two spaces, a hyphen, and the
# value after a space (which "ER  -" at a record's end may leave out).
TAG_LINE = re.compile(r"(?P<tag>[A-Z][A-Z0-9])  -(?: (?P<value>.*))?$")
# What RIS's tags hold, as its specification names them, for the report's tags left out.
TAG_NAMES = {"A2": "editors", "A3": "series editors", "A4": "translators",
             "AN": "accession number", "C1": "custom 1", "C2": "custom 2", "CY": "place",
             "EP": "end page", "ET": "edition", "IS": "issue", "LA": "language",
             "N1": "notes", "NV": "volumes", "OP": "original publication", "PB": "publisher",
             "RN": "research notes", "SE": "section", "SN": "ISSN or ISBN", "SP": "pages",
             "ST": "short title", "TA": "translated author", "VL": "volume"}
RIS_START = re.compile(r"\A\ufeff?(?:[ \t]*\n)*TY  - ")
# RIS's day: "2025/05/14/", "2025/05//", "2025///", "2025", and ISO's "2025-05-14".
RIS_DATE = re.compile(r"(?P<year>\d{4})(?:[/-](?P<month>\d{1,2})?(?:[/-](?P<day>\d{1,2})?)?)?")
ARXIV_IN_TEXT = re.compile(r"(?:arXiv[.:]\s*|arxiv\.org/(?:abs|pdf)/)(?P<id>\d{4}\.\d{4,5})"
                           r"(?:v\d+)?", re.IGNORECASE)
# Where a paper was published, first named first: a journal's or a conference's name.
VENUE_TAGS = ("T2", "JO", "JF", "C3", "JA", "J2", "BT", "T3")
# Tags about the record itself, not the paper (where a database or a library kept it):
# not named among the tags left out.
BOOKKEEPING = frozenset({"ID", "DB", "DP", "Y2", "L1", "L2", "L4", "LB", "CN", "M3", "ER",
                         "TY", "U1", "U2", "U3", "U4", "U5"})
# The tags this module reads into a paper's fields.
READ = frozenset({"TI", "T1", "CT", "TT", "AB", "N2", "AU", "A1", "DA", "PY", "Y1", "KW",
                  "DO", "UR", "AD", *VENUE_TAGS})


def is_ris(text: str) -> bool:
    """Whether a text starts, after blank lines, with a RIS record ("TY  - JOUR")."""
    return RIS_START.match(text) is not None


def ris_rows(text: str, source: str) -> tuple[list[TableItem], list[Problem]]:
    """The papers of a RIS text as a table's rows, each at its record's first line, under
    a header of the names `record_row` gives their fields; a problem for each record
    without its end, which is left out."""
    rows, problems = [], []
    for start, lines, end in record_lines(text.removeprefix("\ufeff")):
        if end is True:
            rows.append((start, record_row(tags_of(lines))))
            continue
        problems.append(Problem(
            source, start, None, "a RIS record without its end",
            expected="ER  - after the record's last tag",
            found=f"the next record's TY at line {end}" if end else "the end of the file",
            hint="was the file cut short, or a record's ER line deleted?"))
    return records_as_rows(rows), problems


def record_lines(text: str) -> Iterator[tuple[int, list[str], bool | int | None]]:
    """Each record's first line's number, its lines (TY to ER), and its end: True where an
    ER ends it, else the line of the TY that starts the next, else None (the file's end)."""
    start, lines = 0, []
    for number, line in enumerate(text.splitlines(), start=1):
        tag = TAG_LINE.match(line)
        if tag and tag["tag"] == "TY":
            if start:
                yield start, lines, number
            start, lines = number, []
        if not start:
            continue  # (what comes before the first record, or between two)
        lines.append(line)
        if tag and tag["tag"] == "ER":
            yield start, lines, True
            start, lines = 0, []
    if start:
        yield start, lines, None


def record_row(tags: dict[str, list[str]]) -> dict[str, str]:
    """A record's tags as a table's cells, under names that `bitext.table.column_of` reads
    as bitext's fields; the tags it does not read under their own names ("PB (publisher)"),
    left out of the paper's file and named in the import's report."""
    translations, tags = notes_translations(tags)
    first = functools.partial(first_value, tags)
    day, year = record_day(first("DA", "PY", "Y1"), first("PY", "Y1"))
    venues = [value for name in VENUE_TAGS for value in tags.get(name, ())]
    addresses = tags.get("UR", [])
    row = {"title": first("TI", "T1", "CT"),
           "translated title": first("TT"),
           "abstract": abstract_markdown(first("AB", "N2")),
           "authors": "; ".join(name for tag in ("AU", "A1") for value in tags.get(tag, ())
                                for name in names_last_first(value)),
           "affiliation": "; ".join(dict.fromkeys(" ".join(value.split())
                                                  for value in tags.get("AD", ()))),
           "date": day.isoformat() if day else "",
           "year": str(year or ""),
           "venue": next(filter(None, map(published_venue, venues)), ""),
           "arxiv": arxiv_of([first("DO"), *addresses, *tags.get("N1", ()),
                              *tags.get("AN", ()), *venues]),
           "keywords": ", ".join(" ".join(value.split()) for value in tags.get("KW", ())),
           "doi": first("DO"),
           # (the record's own address: where its publisher, arXiv or a database shows it)
           "paper page": addresses[0] if addresses else "",
           "url": " ".join(addresses[1:]),
           **{name: abstract_markdown(text) if name.endswith("abstract") else text
              for name, text in translations.items()}}
    row = {name: value if name.endswith("abstract") else " ".join(value.split())
           for name, value in row.items()}
    for tag, values in tags.items():
        if tag not in READ and tag not in BOOKKEEPING:
            row[f"{tag} ({TAG_NAMES.get(tag, 'unknown')})"] = " ".join(" ".join(values).split())
    return {name: value for name, value in row.items() if value}


def notes_translations(tags: dict[str, list[str]]
                       ) -> tuple[dict[str, str], dict[str, list[str]]]:
    """The translations that a record's notes hold (N1: Zotero writes an item's Extra
    there, see `bitext.zotero`), and its tags with the rest of those notes."""
    found: dict[str, str] = {}
    remarks = []
    for value in tags.get("N1", ()):
        translations, remark = extra_translations(value)
        found = {**translations, **found}
        remarks += [remark] if remark else []
    return found, {**{tag: values for tag, values in tags.items() if tag != "N1"},
                   **({"N1": remarks} if remarks else {})}


def record_day(written: str, year_written: str) -> tuple[dt.date | None, int | None]:
    """The day a record names ("2025/05/14/", "2025-05-14"), and the year it was published.
    A year alone, or a year and a month, names no day: the paper takes the import's day
    and keeps its year (as a BibTeX entry's does, see `bitext.bibtex.entry_day`)."""
    found = RIS_DATE.match(written.strip())
    year_found = RIS_DATE.match(year_written.strip()) or found
    year = int(year_found["year"]) if year_found else None
    if not found or not (found["month"] and found["day"]):
        return None, year
    try:
        return dt.date(int(found["year"]), int(found["month"]), int(found["day"])), year
    except ValueError:
        return None, year


def arxiv_of(texts: list[str]) -> str:
    """The arXiv id that a record's DOI (10.48550/arXiv.2505.09388, arXiv's own), address,
    note ("arXiv:2505.09388 [cs]", as Zotero writes it) or journal names first."""
    named = (ARXIV_IN_TEXT.search(text) for text in texts)
    return next((match["id"] for match in named if match), "")


def tags_of(lines: list[str]) -> dict[str, list[str]]:
    """A record's values by tag, in their order (a tag may repeat: AU, KW, UR), each
    value's lines kept apart by line breaks, for the paragraphs of an abstract."""
    values: dict[str, list[str]] = {}
    last: list[str] | None = None
    for line in lines:
        tag = TAG_LINE.match(line)
        if tag:
            last = values.setdefault(tag["tag"], [])
            last.append(tag["value"] or "")
        elif last is not None:  # (a value that goes on over the next lines)
            last[-1] += "\n" + line
    return {tag: kept for tag, found in values.items()
            if (kept := [value.strip() for value in found if value.strip()])}
