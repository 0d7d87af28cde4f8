"""Web of Science's tagged records as `import` reads them: its Export → Plain text file
(`savedrecs.txt`, "Full Record"), each record a row of a table (see
`bitext.table.read_table`) under the names of bitext's fields.

A file starts with "FN Clarivate Analytics Web of Science" and "VR 1.0", then records
from "PT J" (the kind of publication) to "ER", and ends with "EF". A line is a tag of two
capitals or a capital and a digit, a space and its value ("TI Qwen3 Technical Report"),
which goes on over the lines after it that start with three spaces: for the title and the
abstract the same text, for the authors (AU, AF) and their addresses (C1) one item a
line. What each tag is to a paper: the title (TI), the abstract (AB, one paragraph),
the authors (AF, "Yang, An", else AU, "Yang, A"), the first address of C1 without the
authors it names in brackets as the affiliation, the day when PD names one with the year
of PY ("MAY 14" and 2025; "MAY 2025" names a month), the journal (SO, which Web of Science
writes in capitals, in the capitals of a title), the DOI (DI), and its keywords (DE, the
authors', and ID, Keywords Plus). The rest (the references CR, the counts, the record's
own ids) is the record's bookkeeping: left out, unnamed.
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

TAG_LINE = re.compile(r"(?P<tag>[A-Z][A-Z0-9])(?: (?P<value>.*))?$")
CONTINUATION = "   "
WOS_START = re.compile(r"\A\ufeff?(?:[ \t]*\r?\n)*(?:FN [^\n]*\n(?:VR [^\n]*\n)?\s*)?PT [A-Z]\b")
# The tags whose lines are one item each.
ITEM_TAGS = frozenset({"AU", "AF", "C1", "C3", "CR", "BE", "BF", "CA", "GP"})
MONTHS = ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")
PUBLICATION_DAY = re.compile(r"(?P<month>[A-Z]{3})\s+(?P<day>\d{1,2})")
# The words of a journal's name that stay in capitals, and those in small letters inside
# it ("IEEE TRANSACTIONS ON PATTERN ANALYSIS AND MACHINE INTELLIGENCE").
CAPITAL_WORDS = frozenset({"IEEE", "ACM", "SIAM", "PLOS", "BMC", "AI", "ACS", "RSC", "AIP",
                           "APS", "NPJ", "JAMA", "BMJ", "IET", "SPIE", "IOP", "EMBO", "PNAS",
                           "NLP", "AAAI", "IJCAI", "ACL", "ISPRS", "ASME", "AIAA", "ASCE",
                           "IFAC", "IUCR", "USA", "UK", "II", "III", "IV", "VLDB", "SIGKDD",
                           "SIGIR", "SIGMOD", "CHI", "RNA", "DNA", "ML", "CVPR", "ICML", "ICLR"})
SMALL_WORDS = frozenset({"a", "an", "and", "as", "at", "by", "de", "for", "from", "in", "of",
                         "on", "or", "the", "to", "with", "und", "et"})
# C1's authors before their address: "[Yang, An; Li, Anfeng] Alibaba Grp, …".
ADDRESS_AUTHORS = re.compile(r"\[[^\]]*\]\s*")


def is_wos(text: str) -> bool:
    """Whether a text starts as Web of Science's plain text export does."""
    return WOS_START.match(text) is not None


def wos_rows(text: str) -> list[TableItem]:
    """The papers of a Web of Science export as a table's rows, each at its record's PT
    line, under a header of the names `record_row` gives their fields."""
    return records_as_rows([(start, record_row(tags))
                            for start, tags in records(text.removeprefix("\ufeff"))])


def records(text: str) -> Iterator[tuple[int, dict[str, list[str]]]]:
    """Each record's PT line's number and its values by tag: a list tag's lines each an
    item, another's lines one value."""
    start, values, last, tag = 0, {}, None, ""
    for number, line in enumerate(text.splitlines(), start=1):
        if line.startswith(CONTINUATION) and last is not None:
            if tag in ITEM_TAGS:
                last.append(line.strip())
            else:  # (a title's or an abstract's next line: the same text, wrapped)
                last[-1] += " " + line.strip()
            continue
        found = TAG_LINE.match(line)
        if found is None:
            last = None
            continue
        tag = found["tag"]
        if tag == "PT":
            start, values = number, {}
        if tag == "ER" and start:
            yield start, values
            start, last = 0, None
            continue
        if start:
            last = values.setdefault(tag, [])
            last.append((found["value"] or "").strip())
    if start:
        yield start, values


def record_row(tags: dict[str, list[str]]) -> dict[str, str]:
    """A record's tags as a table's cells, under names that `bitext.table.column_of` reads
    as bitext's fields."""
    first = functools.partial(first_value, tags)
    year = first("PY", "EY")  # (EY: the year of its early access, for one not yet in print)
    day = record_day(first("PD"), year)
    doi = first("DI")
    keywords = [word.strip() for name in ("DE", "ID") for value in tags.get(name, ())
                for word in value.replace("\n", " ").split(";") if word.strip()]
    row = {"title": first("TI"),
           "abstract": abstract_markdown(first("AB")),
           "authors": "; ".join(name for value in tags.get("AF") or tags.get("AU", ())
                                for name in names_last_first(value)),
           "affiliation": ADDRESS_AUTHORS.sub("", first("C1")),
           "date": day.isoformat() if day else "",
           "year": year if year.isdigit() else "",
           "venue": published_venue(journal_name(first("SO"))) or "",
           "arxiv": arxiv_of([doi]),
           "keywords": ", ".join(dict.fromkeys(keywords)),
           "doi": doi}
    return {name: " ".join(value.split()) if name != "abstract" else value
            for name, value in row.items() if value}


def record_day(published: str, year: str) -> dt.date | None:
    """The day of PD ("MAY 14") in the year of PY; None where PD names none ("MAY",
    "SPR", "JUN-JUL")."""
    found = PUBLICATION_DAY.fullmatch(published.strip().upper())
    if not found or found["month"] not in MONTHS or not year.isdigit():
        return None
    try:
        return dt.date(int(year), MONTHS.index(found["month"]) + 1, int(found["day"]))
    except ValueError:
        return None


def journal_name(capitals: str) -> str:
    """A journal's name that Web of Science writes in capitals in a title's capitals:
    "NATURE MACHINE INTELLIGENCE" → "Nature Machine Intelligence", "IEEE TRANSACTIONS ON
    PATTERN ANALYSIS AND MACHINE INTELLIGENCE" → "IEEE Transactions on Pattern Analysis
    and Machine Intelligence"; a name in small letters too stays as it is."""
    if capitals != capitals.upper():
        return capitals

    def word_of(index: int, word: str) -> str:
        if word in CAPITAL_WORDS:
            return word
        if index and word.lower() in SMALL_WORDS:
            return word.lower()
        return "-".join(part.capitalize() for part in word.split("-"))

    return " ".join(word_of(index, word) for index, word in enumerate(capitals.split()))
