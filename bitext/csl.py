"""CSL JSON (the citeproc JSON of the Citation Style Language) as `import` reads it: the
records that Zotero, Better BibTeX, Mendeley, Paperpile, pandoc and citation.js export,
and that doi.org answers for a DOI (`Accept: application/vnd.citationstyles.csl+json`,
Crossref's and DataCite's metadata), each a row of a table (see `bitext.table.read_table`)
under the names of bitext's fields.

    [{"type": "article", "title": "Qwen3 Technical Report", "abstract": "…",
      "author": [{"family": "Yang", "given": "An"}, …],
      "issued": {"date-parts": [["2025", 5, 14]]}, "URL": "http://arxiv.org/abs/2505.09388",
      "DOI": "10.48550/arXiv.2505.09388", "note": "arXiv:2505.09388 [cs]"}]

A record is CSL's when it has a type and a title, and its authors are CSL's names (or
its date CSL's parts of a date): any other JSON record is read by its keys, as a table's
row. CSL's `note` is a bibliography's remark, Zotero's Extra field in Zotero's export (see
`bitext.zotero`), never an editor's note; its `id` is the record's key in a library.
"""

from __future__ import annotations

import datetime as dt
import json
import re

from bitext.errors import Problem
from bitext.inline_html import html_as_markdown
from bitext.ris import arxiv_of
from bitext.sources import abstract_markdown, json_items
from bitext.table import TableItem, records_as_rows
from bitext.venues import published_venue
from bitext.zotero import extra_translations

# Keys about the record itself (where a library or Crossref keeps it, how often it is
# cited, its licence), not the paper: not named among the keys left out.
BOOKKEEPING = frozenset({
    "id", "citation-key", "accessed", "source", "indexed", "created", "deposited", "member",
    "prefix", "score", "reference-count", "references-count", "is-referenced-by-count",
    "content-domain", "link", "resource", "relation", "journal-issue", "alternative-id",
    "license", "funder", "assertion", "update-policy", "short-container-title",
    "container-title-short", "journal-abbreviation", "title-short", "short-title",
    "published", "published-print", "published-online", "issue-date", "original-title",
    "subtitle", "event-date", "reference", "update-to", "archive", "archive_location",
    "call-number", "dimensions", "status"})
# The keys of a CSL name: a person's family name, an organisation's whole name.
NAME_KEYS = frozenset({"family", "literal", "name"})
# The keys this module reads into a paper's fields.
READ = frozenset({"type", "title", "abstract", "author", "issued", "container-title",
                  "event-title", "event", "DOI", "URL", "keyword", "subject", "note",
                  "number"})
# JATS, in which Crossref gives an abstract ("<jats:p>…</jats:p>"), as the HTML that a
# table's cells may hold (italics, bold, …), a paragraph a line; the heading that names
# the abstract ("<jats:title>Abstract</jats:title>") left out.
JATS_TAGS = {"italic": "i", "bold": "b", "sup": "sup", "sub": "sub", "monospace": "code"}
JATS_TAG = re.compile(r"<(?P<end>/?)jats:(?P<name>[a-z-]+)[^>]*>")
JATS_TITLE = re.compile(r"<jats:title>.*?</jats:title>", re.DOTALL)


def is_csl_json(text: str) -> bool:
    """Whether a JSON text is CSL JSON: an array whose first object is a CSL record (see
    `is_csl`), an object that holds such an array as its "items" (the Zotero web API's),
    or one such object (doi.org's answer); a text whose JSON breaks after such a first
    record too (its error is then CSL JSON's, see `csl_rows`)."""
    try:
        whole = json.loads(text)
    except json.JSONDecodeError:
        at = text.find("{")
        try:  # (the first record alone; JSON Lines, whose records CSL never is, too)
            whole = json.JSONDecoder().raw_decode(text, at)[0] if at >= 0 else None
        except json.JSONDecodeError:
            return False
    if isinstance(whole, dict) and isinstance(whole.get("items"), list):
        whole = whole["items"]  # (the Zotero web API's answer, `…/items?format=csljson`)
    first = next(iter(whole), None) if isinstance(whole, list) else whole
    return isinstance(first, dict) and is_csl(first)


def csl_rows(text: str, source: str) -> tuple[list[TableItem], list[Problem]]:
    """The papers of a CSL JSON text as a table's rows, each at its record's first line,
    under a header of the names `csl_record` gives their fields; a problem where the text
    is no JSON array of records."""
    try:
        records = json_items(text)
    except json.JSONDecodeError as error:
        return [], [not_csl_json(source, error.lineno, error.msg)]
    if isinstance(records, str):
        return [], [not_csl_json(source, 1, records)]
    for line, item in records:
        if not isinstance(item, dict):
            return [], [not_csl_json(source, line, f"a JSON {type(item).__name__}")]
    return records_as_rows([(line, csl_record(item)) for line, item in records]), []


def not_csl_json(source: str, line: int, found: str) -> Problem:
    return Problem(source, line, None, "not CSL JSON", expected="an array of CSL records "
                   "(objects), as Zotero exports them, or one (doi.org's answer)",
                   found=found, hint="is a comma, a quote or a bracket missing here? "
                                     "export the collection again")


def csl_record(record: dict) -> dict[str, str]:
    """A CSL JSON record's paper as a table's cells, under names that
    `bitext.table.column_of` reads as bitext's fields, the keys it does not read under
    their own names (left out, named in the import's report)."""
    day, year = issued_day(record.get("issued"))
    extra = record.get("note") if isinstance(record.get("note"), str) else ""
    translations, remark = extra_translations(extra)
    texts = [text for key in ("note", "number", "URL", "DOI")
             if isinstance(text := record.get(key), str)]
    row = {"title": title_of(record),
           "abstract": abstract_of(record),
           "authors": "; ".join(names_of(record.get("author"))),
           "affiliation": "; ".join(affiliations_of(record.get("author"))),
           "date": day.isoformat() if day else "",
           "year": str(year or ""),
           "venue": venue_of(record),
           "arxiv": arxiv_of(texts),
           "keywords": ", ".join(keywords_of(record)),
           "doi": text_of(record.get("DOI")),
           "paper page": text_of(record.get("URL")),
           **translations,
           "note (CSL)": remark}
    for key, value in record.items():
        if key not in READ and key not in BOOKKEEPING and isinstance(value, (str, int)):
            row[key] = str(value)
    return {name: value for name, value in row.items() if value}


def is_csl(record: dict) -> bool:
    """Whether a JSON record is CSL's: a type and a title, and CSL's names of its authors
    (objects of a "family", a "literal" or Crossref's group "name") or CSL's date
    ({"date-parts": …})."""
    authors = record.get("author")
    names = (isinstance(authors, list) and bool(authors)
             and all(isinstance(name, dict) and NAME_KEYS & name.keys() for name in authors))
    issued = record.get("issued")
    return (isinstance(record.get("type"), str) and bool(title_of(record))
            and (names or isinstance(issued, dict) and ("date-parts" in issued
                                                        or "raw" in issued)))


def text_of(value: object) -> str:
    """A value that is text, or the first of a list of texts (Crossref's REST API gives
    titles as lists); else nothing."""
    if isinstance(value, list):
        value = next((item for item in value if isinstance(item, str)), "")
    return " ".join(value.split()) if isinstance(value, str) else ""


def title_of(record: dict) -> str:
    """The title, with Crossref's subtitle after a colon."""
    title, subtitle = text_of(record.get("title")), text_of(record.get("subtitle"))
    if subtitle and title and subtitle.casefold() not in title.casefold():
        return f"{title}: {subtitle}"
    return title


def names_of(authors: object) -> list[str]:
    """CSL's names, each first name first ("An Yang"), an organisation's as written (CSL's
    "literal", Crossref's "name" of a group: "AlphaFold Team")."""
    names = []
    for name in authors if isinstance(authors, list) else ():
        if not isinstance(name, dict):
            continue
        parts = [name.get(part) for part in ("given", "dropping-particle",
                                             "non-dropping-particle", "family", "suffix")]
        written = name.get("literal") or name.get("name") or " ".join(
            part for part in parts if isinstance(part, str) and part)
        if isinstance(written, str) and written.strip():
            names.append(" ".join(written.split()))
    return names


def affiliations_of(authors: object) -> list[str]:
    """The authors' affiliations, each once (Crossref's `affiliation: [{"name": …}]`)."""
    found = (place.get("name") for name in (authors if isinstance(authors, list) else ())
             if isinstance(name, dict) and isinstance(name.get("affiliation"), list)
             for place in name["affiliation"] if isinstance(place, dict))
    return list(dict.fromkeys(" ".join(name.split()) for name in found
                              if isinstance(name, str) and name.strip()))


def issued_day(issued: object) -> tuple[dt.date | None, int | None]:
    """The day a CSL date names ({"date-parts": [[2025, 5, 14]]}, its parts numbers or
    text, as Zotero writes the year; or {"raw": "2025-05-14"}), and its year. A year
    alone, or a year and a month, names no day (see `bitext.ris.record_day`)."""
    if not isinstance(issued, dict):
        return None, None
    parts = issued.get("date-parts")
    first = parts[0] if isinstance(parts, list) and parts and isinstance(parts[0], list) \
        else None
    if first is None and isinstance(issued.get("raw"), str):
        first = re.findall(r"\d+", issued["raw"])[:3]
    try:
        numbers = [int(part) for part in first or ()]
    except (TypeError, ValueError):
        return None, None
    year = numbers[0] if numbers and 1000 <= numbers[0] <= 9999 else None
    if year is None or len(numbers) < 3:
        return None, year
    try:
        return dt.date(*numbers[:3]), year
    except ValueError:
        return None, year


def venue_of(record: dict) -> str:
    """Where the paper was published: its journal's or proceedings' title, else its
    conference's; no preprint server (see `bitext.venues.published_venue`)."""
    event = record.get("event")
    named = [text_of(record.get("container-title")), text_of(record.get("event-title")),
             text_of(event.get("name") if isinstance(event, dict) else event)]
    return next(filter(None, map(published_venue, filter(None, named))), "")


def keywords_of(record: dict) -> list[str]:
    """Its key words ("keyword": "a, b" or "a; b", as Better BibTeX and pandoc write
    them) and Crossref's subjects."""
    keyword, subjects = record.get("keyword"), record.get("subject")
    words = re.split(r"\s*[,;]\s*", keyword) if isinstance(keyword, str) else []
    words += [subject for subject in subjects if isinstance(subject, str)] \
        if isinstance(subjects, list) else []
    return list(dict.fromkeys(" ".join(word.split()) for word in words if word.strip()))


def abstract_of(record: dict) -> str:
    """The abstract's plain text as Markdown (see `bitext.sources.abstract_markdown`): a
    paragraph a line, as Zotero writes it; Crossref's JATS a paragraph an element."""
    text = record.get("abstract")
    if not isinstance(text, str):
        return ""
    if "<jats:" not in text:
        return abstract_markdown(text)
    text = JATS_TAG.sub(jats_tag_as_html, JATS_TITLE.sub("", text))
    return html_as_markdown(abstract_markdown(text))


def jats_tag_as_html(found: re.Match) -> str:
    """A JATS tag as HTML's (its paragraphs' a line break, another's nothing)."""
    if found["name"] == "p":
        return "\n"
    name = JATS_TAGS.get(found["name"])
    return f"<{found['end']}{name}>" if name else ""
