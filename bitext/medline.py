"""MEDLINE as `import` reads it: the records that PubMed saves (Send to → Citation
manager, a `.nbib` file; Save → Format: PubMed, a `.txt`) and that its E-utilities answer
(`efetch.fcgi?db=pubmed&id=…&rettype=medline`), each a row of a table (see
`bitext.table.read_table`) under the names of bitext's fields.

A record is its lines of tags: a tag of two to four capitals padded to four characters,
then "- " and its value ("PMID- 31978945", "TI  - …", "FAU - …"), which goes on over the
lines after it that start with six spaces; a record starts at its PMID. What each tag is
to a paper: the title (TI; PubMed gives the title of an article in another language in
English, in brackets, which are taken off), the abstract (AB, one paragraph, its lines
joined), the authors (FAU, "Last, First", else AU, "Last FM"), the affiliation (the first
author's first AD: PubMed gives each author's full address, too long for a listing), the
day it appeared online (DEP, else DP where it names a day; "2020 Feb" names a year), the
journal (JT, else TA), the DOI (LID or AID "… [doi]"), keywords (OT, the authors', and MH,
MeSH's headings without their qualifiers), and its PubMed page. The rest is the record's
bookkeeping (its status, dates in PubMed, the journal's ISSN …): left out, unnamed.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from bitext.ris import arxiv_of
from bitext.sources import abstract_markdown
from bitext.table import first_value, names_last_first, records_as_rows
from bitext.venues import published_venue

if TYPE_CHECKING:
    from bitext.table import TableItem

# A tag's line: up to four capitals and digits, padded to four, then "- " (see above).
TAG_LINE = re.compile(r"(?P<tag>[A-Z][A-Z0-9]{1,3}) *- (?P<value>.*)$")
CONTINUATION = "      "
MEDLINE_START = re.compile(r"\A\ufeff?(?:[ \t]*\r?\n)*PMID- *\d")
# DP's day: "2020 Feb 20", "2012 Sep", "2019", "2019 Dec-2020 Jan", "2020 Spring".
PUBLICATION_DATE = re.compile(
    r"(?P<year>\d{4})(?: (?P<month>[A-Z][a-z]{2})(?: (?P<day>\d{1,2}))?)?")
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
# DEP's day: "20200124".
ONLINE_DATE = re.compile(r"(?P<year>\d{4})(?P<month>\d{2})(?P<day>\d{2})")
DOI_OF_ID = re.compile(r"(?P<doi>10\.\d{4,9}/\S+) \[doi\]")
PUBMED_PAGE = "https://pubmed.ncbi.nlm.nih.gov/{}/"
E_MAIL = re.compile(r"(?:Electronic address:\s*)?[\w.+-]+@[\w-]+(?:\.[\w-]+)+\.?",
                    re.IGNORECASE)


def is_medline(text: str) -> bool:
    """Whether a text starts, after blank lines, with a MEDLINE record's PMID line."""
    return MEDLINE_START.match(text) is not None


def medline_rows(text: str) -> list[TableItem]:
    """The papers of a MEDLINE text as a table's rows, each at its record's first line,
    under a header of the names `record_row` gives their fields."""
    return records_as_rows([(start, record_row(tags))
                            for start, tags in records(text.removeprefix("\ufeff"))])


def records(text: str) -> Iterator[tuple[int, dict[str, list[str]]]]:
    """Each record's first line's number and its values by tag, in their order (a tag may
    repeat: FAU, AD, MH), a value's lines joined."""
    start, values, last = 0, {}, None
    for number, line in enumerate(text.splitlines(), start=1):
        tag = TAG_LINE.match(line) if line[4:6] == "- " else None  # (tags pad to four)
        if tag and tag["tag"] == "PMID":
            if start:
                yield start, values
            start, values = number, {}
        if not start:
            continue  # (what comes before the first record)
        if tag:
            last = values.setdefault(tag["tag"], [])
            last.append(tag["value"].strip())
        elif line.startswith(CONTINUATION) and last is not None:
            last[-1] += " " + line.strip()
        else:
            last = None  # (a blank line between records, or a line of no tag)
    if start:
        yield start, values


def record_row(tags: dict[str, list[str]]) -> dict[str, str]:
    """A record's tags as a table's cells, under names that `bitext.table.column_of` reads
    as bitext's fields."""
    first = functools.partial(first_value, tags)
    day, year = record_day(first("DEP"), first("DP"))
    doi = next((found["doi"].rstrip(".") for value in tags.get("LID", []) + tags.get("AID", [])
                if (found := DOI_OF_ID.fullmatch(value))), "")
    pmid = first("PMID")
    row = {"title": english_title(first("TI")),
           "abstract": abstract_markdown(first("AB")),
           "authors": "; ".join(name for value in tags.get("FAU") or tags.get("AU", ())
                                for name in names_last_first(author_of(value))),
           "affiliation": address_alone(first("AD")),
           "date": day.isoformat() if day else "",
           "year": str(year or ""),
           "venue": published_venue(first("JT", "TA")) or "",
           "arxiv": arxiv_of([doi]),
           "keywords": ", ".join(dict.fromkeys(
               [*tags.get("OT", ()), *(heading(value) for value in tags.get("MH", ()))])),
           "doi": doi,
           "paper page": PUBMED_PAGE.format(pmid) if pmid.isdigit() else ""}
    return {name: " ".join(value.split()) if name != "abstract" else value
            for name, value in row.items() if value}


def english_title(title: str) -> str:
    """A title without the full stop that PubMed ends each with (a question keeps its
    mark), nor the brackets it puts around its English for an article in another language
    ("[Effects of …].")."""
    if title.endswith(".") and not title.endswith(".."):
        title = title[:-1]
    if title.startswith("[") and title.endswith("]"):
        return title[1:-1].strip()
    return title


def address_alone(affiliation: str) -> str:
    """An affiliation without the e-mail addresses that PubMed's give ("… USA.
    david_kane@sra.com", "… Electronic address: x@y.org.")."""
    without = E_MAIL.sub("", affiliation)
    return " ".join(without.split()).rstrip(" ;,")


def author_of(value: str) -> str:
    """An author as `names_last_first` reads one: FAU's "Last, First" as it is, AU's "Last
    FM" as "Last, FM"."""
    if "," in value or " " not in value:
        return value
    last, _, initials = value.rpartition(" ")
    return f"{last}, {initials}" if initials.isupper() else value


def heading(value: str) -> str:
    """A MeSH heading without its qualifiers and marks: "COVID-19/*epidemiology" →
    "COVID-19"."""
    return value.split("/")[0].lstrip("*").strip()


def record_day(online: str, published: str) -> tuple[dt.date | None, int | None]:
    """The day a record names (DEP, else a DP that names one), and the year it was
    published (DP's)."""
    found = PUBLICATION_DATE.match(published.strip())
    year = int(found["year"]) if found else None
    day = None
    if found_online := ONLINE_DATE.fullmatch(online.strip()):
        day = date_of(found_online["year"], found_online["month"], found_online["day"])
    elif found and found["day"] and found["month"] in MONTHS:
        day = date_of(found["year"], str(MONTHS.index(found["month"]) + 1), found["day"])
    return day, year or (day.year if day else None)


def date_of(year: str, month: str, day: str) -> dt.date | None:
    try:
        return dt.date(int(year), int(month), int(day))
    except ValueError:
        return None
