"""Read a digest kept as a table, a paper a row under a row that names the columns: CSV
or TSV, as a spreadsheet (Excel, Google Sheets, LibreOffice, Numbers) exports it,
Markdown (GitHub) tables, perhaps a table a day under the day's heading, JSON records
(an array of objects, or JSON Lines) whose keys name the columns, or one paper in a
Markdown file under YAML front matter, whose fields and headings name them.

    title,中文标题,abstract,中文摘要,arxiv,date,tags
    Qwen3 Technical Report,Qwen3 技术报告,"In this work, …","在本工作中，…",2505.09388,…

    ## 2025-05-14
    | Paper | 中文标题 | Abstract | 摘要 | Links |
    |---|---|---|---|---|
    | [Qwen3 Technical Report](https://arxiv.org/abs/2505.09388) | Qwen3 技术报告 | … | … | … |

A column is named as a digest labels its lines (`bitext.digestlines.FIELD_OF_LABEL`:
title, 标题, abstract, 摘要, authors, affiliation, tags, keywords, notes …), perhaps with
its language ("title_en", "Title (zh-Hans)", "中文标题", "English abstract", "translated
title"); of two title (or abstract) columns that name none, the one more in the secondary
language's script is the translation. Columns of links (arxiv, pdf, code, project, data,
doi, url) are read as a digest's lines of links, a date column as a digest's line of a
date. Other columns are left out, and the import report names them.
"""

from __future__ import annotations

import contextlib
import csv
import dataclasses
import datetime as dt
import io
import itertools
import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from bitext.checks import FAILED_TRANSLATION
from bitext.config import Language
from bitext.content import MACHINE, SLUG_FORM
from bitext.digest import Entry, abstract_text, author_names, note_of, tag_words
from bitext.digestlines import (
    FIELD_OF_LABEL,
    LANGUAGE_WORDS,
    MACHINE_WORDS,
    MARKDOWN_LINK,
    METADATA_LINE,
    NOT_A_DAY,
    ORIGINAL_WORDS,
    PROVENANCE_FIELDS,
    TRANSLATION_WORDS,
    Line,
    Link,
    day_of_line,
    front_matter_lines,
    is_prose,
    label_form,
    line_links,
    link_items,
    linked_title,
    metadata_header_end,
    toml_front_matter_end,
    unbold,
    without_pictographs,
)
from bitext.errors import Problem
from bitext.inline_html import BREAK, breaks_as, html_as_markdown
from bitext.schema import URL_NAME_MAX
from bitext.scripts import PRIMARY_MAX, SECONDARY_MIN, script_of_language, script_share
from bitext.sources import GITHUB_URL
from bitext.strings import primary_subtag
from bitext.venues import published_venue
from bitext.zotero import ZOTERO_COLUMNS, zotero_rows

# The separators a spreadsheet exports with: comma, tab, and the semicolon of the locales
# whose decimal mark is a comma.
DELIMITERS = ",\t;"
LINK_COLUMNS = {"arxiv", "arxiv id", "arxiv url", "arxiv link", "paper id", "id", "url", "link",
                "links", "paper url", "paper link", "pdf", "code", "github", "repo",
                "repository", "project", "project page", "homepage", "website", "data",
                "dataset", "doi", "论文链接", "链接", "代码", "项目主页", "主页", "数据集",
                # (as the `arxiv` package names a paper's addresses, and scripts after it)
                "pdf url", "pdf link", "abs url", "entry id", "code url", "code link",
                "code links", "github url", "project url",
                # (the paper's own page where it was published)
                "paper page", "论文页面", "openreview", "openreview url", "pubmed",
                "pubmed url", "anthology url", "acl anthology"}
# A table's names of the title beyond a digest's labels of one: a Notion database's title
# property, "Name", unless renamed (a line "Name: …" of a digest is no title's).
TITLE_COLUMNS = {"name", "paper name", "名称"}
# Where a paper was published: Zotero's "Publication Title" (a journal), "Proceedings Title"
# and "Conference Name" (the first that a row fills), arXiv's journal reference, BibTeX's
# names of them (in a table a reference manager exported).
VENUE_COLUMNS = {"venue", "journal", "conference", "publication title", "proceedings title",
                 "journaltitle", "booktitle", "conference name", "journal ref",
                 "journal reference", "published in", "期刊", "会议", "发表于", "收录"}
# The year a paper was published, beside the day the digest lists it on.
YEAR_COLUMNS = {"year", "publication year", "published year", "年份", "发表年份"}
DATE_COLUMNS = {"date", "day", "published", "publication date", "publicationdate",
                "published date",
                "publish date", "pub date", "日期", "发布日期", "发表日期"}
# Of those, the day a digest lists its papers on: beside it, a column of the day each
# paper was published ("date" and "published_date", as a script's JSON of a day gives
# them) gives the year it was published (see `with_publication_years`).
LISTING_DAY_COLUMNS = {"date", "day", "日期"}
# The day a paper was added to the table, where no column gives a date (see
# `with_day_added`).
DAY_ADDED_COLUMNS = {"created", "created time", "created at", "date added", "added",
                     "added on", "创建时间", "添加时间", "收藏时间"}
# A column of none of bitext's fields, of the authors' comments (as arXiv gives them), of
# counts ("Upvotes") or of a model's readings: left out, and named in the import's report.
UNREAD_FIELDS = (None, "comments", "other", "readings")
# The fields of a row in both languages, as `Column.field` names them.
TEXT_FIELDS = ("title", "abstract")
# Keys of a record (or a daily paper) itself, not of an object that holds records.
RECORD_KEYS = frozenset({"title", "paper", "summary", "abstract"})
ARXIV_ID = re.compile(r"\d{4}\.\d{4,5}(?:v\d+)?")
YEAR_ALONE = re.compile(r"\d{4}")
# A date that names a year, or a year and a month (Zotero's "2020", "2020-05"), not a day.
YEAR_OF_DATE = re.compile(r"(?P<year>[12]\d{3})(?:-\d{1,2})?")
# A year column's cell: a year, or a date (and time) of that year ("2025-05-30",
# "2025-05-30T17:59:59Z", a publication date's).
YEAR_OF_CELL = re.compile(r"(?P<year>[12]\d{3})(?:-\d{1,2}(?:-\d{1,2}(?:[T ][\d:.]+Z?)?)?)?")
BARE_DOI = re.compile(r"10\.\d{4,9}/[^\s\"<>]+")
# A Markdown table's header row and the row of dashes under it.
MARKDOWN_TABLE = re.compile(r"^[ \t]*\|.*\|[ \t]*\n[ \t]*\|?[ \t]*:?-{3,}.*", re.MULTILINE)


@dataclass(frozen=True)
class Terms:
    """How a problem names the place of a row's text: a table's cells, columns and rows,
    or a BibTeX file's fields and entries."""

    cell: str
    """What holds a row's title, abstract: "cell", "field"."""
    fill: str
    """What to do where one is empty, for the field's name."""
    misplaced: str
    """The hint where a text is in the wrong language."""
    not_links: str
    """The hint where a column of links holds other text."""


TABLE_TERMS = Terms("cell", "fill the {field} column of this row",
                    "is a cell in the wrong column?", "a links column holds addresses only")
BIBTEX_TERMS = Terms(
    "field", "give the entry its {field} (Zotero's and the ACL Anthology's BibTeX have "
    "them, DBLP's and Google Scholar's do not; for a paper on arXiv, `bitext import "
    "https://arxiv.org/abs/ID` reads arXiv's)",
    "is the translation in the field of the original?", "the field holds an address")
RIS_TERMS = Terms(
    "tag", "give the record its {field} (TI, AB: Zotero's and EndNote's RIS have them; for "
    "a paper on arXiv, `bitext import https://arxiv.org/abs/ID` reads arXiv's)",
    "is the translation in the tag of the original?", "the tag holds an address")
MEDLINE_TERMS = Terms(
    "tag", "give the record its {field} (TI, AB; PubMed has no abstract for some papers, "
    "letters and comments: leave those out of the export)",
    "is the translation in the tag of the original?", "the tag holds an address")
CSL_TERMS = Terms(
    "key", "give the record its {field} (Zotero's CSL JSON has the abstract where the "
    "publisher gave one; Crossref has none for many DOIs; for a paper on arXiv, `bitext "
    "import https://arxiv.org/abs/ID` reads arXiv's)",
    "is the translation in the key of the original?", "the key holds an address")
WOS_TERMS = Terms(
    "tag", "give the record its {field} (TI, AB: export the Full Record; Web of Science "
    "has no abstract for some papers, editorials and letters: leave those out)",
    "is the translation in the tag of the original?", "the tag holds an address")


@dataclass(frozen=True)
class Column:
    index: int
    name: str
    """As the header row gives it."""
    field: str | None
    """title, abstract, affiliation, authors, tags, keywords, note, comments, links, date,
    or one of `PROVENANCE_FIELDS`; None for a column bitext has no field for."""
    language: int | None = None
    """Of a title or abstract column: 0 for the primary language, 1 for the secondary,
    None where its name does not say."""
    by_machine: bool = False
    """Its name says a machine made its text ("AI.translation", "machine translation")."""
    last_first: bool = False
    """Of an authors column, whether it writes each name "Last, First", the names parted
    by semicolons (as Zotero exports them)."""
    link_label: str | None = None
    """Of a links column, what its links are when a cell gives no label, where the column's
    name does not say (see `zotero_column`)."""


def json_records(text: str, languages: tuple[Language, Language]) -> bool:
    """Whether a JSON text (an array of objects, JSON Lines, or an object that holds an
    array of objects) holds papers as records whose keys name a table's columns, a title
    and an abstract ("title", "title_zh", "abstract", "摘要" …), or OpenReview's notes: not
    the daily papers, whose items hold a "paper", or an "id" with its "summary" and no
    translation."""
    from bitext.sources import json_items

    start = text.lstrip("\ufeff \t\r\n")
    try:
        first, end = json.JSONDecoder().raw_decode(start, 1 if start.startswith("[") else 0)
        # (values after the first object: JSON Lines, which the daily papers' API never
        # answers, as daily-arXiv-ai-enhanced writes arXiv's papers with an "id" and a
        # "summary")
        json_lines = start.startswith("{") and bool(start[end:].strip())
    except json.JSONDecodeError:
        json_lines = False
        at = start.find("{")
        try:
            first = json.JSONDecoder().raw_decode(start, at)[0] if at >= 0 else None
        except json.JSONDecodeError:
            return False
    if isinstance(first, dict) and start.startswith("{") and not {"title", "paper"} & first.keys():
        with contextlib.suppress(json.JSONDecodeError):  # (an object that holds the records)
            items = json_items(start)
            if items and not isinstance(items, str):
                # (an OpenReview forum's answer: the submission among its replies)
                held = next((item for _, item in items if isinstance(item, dict)
                             and not is_openreview_reply(item)), items[0][1])
                # (a day's object may have a "summary" of its own beside its papers, a
                # record's authors may be objects: those are no records)
                if not RECORD_KEYS & first.keys() or RECORD_KEYS & held.keys():
                    first = held
    if not isinstance(first, dict) or "paper" in first:
        return False
    if openreview_record(first) is not None:  # (its papers: a table's, without an abstract too)
        return True
    first = flat_record(first)
    columns = [column_of(index, name, languages) for index, name in enumerate(first)]
    if "id" in first and "summary" in first and not json_lines and not any(
            column.language == 1 for column in columns):
        return False
    return set(TEXT_FIELDS) <= {column.field for column in columns}


def looks_like_table(text: str, languages: tuple[Language, Language]) -> bool:
    """Whether the first line of `text` names columns of a title and an abstract, as a
    table's header row does (a digest's first line is a title, or a labelled field), or
    the first Markdown table's header row does."""
    if table := MARKDOWN_TABLE.search(text):
        # (the first table's header row and dashes alone: the whole text is read later)
        # (a row of bars over dashes that Markdown reads as no table has no header)
        header = next((cells for kind, _, cells in markdown_rows(table.group())
                       if kind == "header"), [])
        fields = {column_of(index, name, languages).field for index, name in enumerate(header)}
    else:
        _, fields = header_delimiter(text.removeprefix("\ufeff"), languages)
    return set(TEXT_FIELDS) <= fields


def header_delimiter(text: str, languages: tuple[Language, Language]
                     ) -> tuple[str, set[str | None]]:
    """The separator of a table's cells: of those in its first line, the one that parts
    the line into the most columns bitext reads (a column's name may hold another); and
    the fields the columns so parted name."""
    first = next((line for line in text.splitlines() if line.strip()), "")
    found = []
    for mark in DELIMITERS:
        if mark in first:
            names = next(csv.reader([first], delimiter=mark))
            fields = [column_of(index, name, languages).field for index, name in
                      enumerate(names)]
            found.append((sum(field is not None for field in fields), mark, set(fields)))
    if not found:
        return ",", set()
    _, mark, fields = max(found, key=lambda item: item[0])
    return mark, fields


def column_words(name: str) -> str:
    """A header cell's words, case folded, without the marks between them, in simplified
    characters ("中文標題": see `bitext.digestlines.label_form`)."""
    return " ".join(re.sub(r"[_\-.()（）\[\]【】<>《》:：*]", " ",
                           label_form(name).casefold()).split())


def column_of(index: int, name: str, languages: tuple[Language, Language]) -> Column:
    """What a header cell names: its field, and its language where it says one."""
    words = column_words(name)
    rest, language = words, None
    for which, markers in enumerate(language_markers(languages)):
        for marker in markers:
            found = (re.search(rf"\b{re.escape(marker)}\b", rest) if marker.isascii()
                     else marker if marker in rest else None)
            if found:
                rest = " ".join(re.sub(rf"\b{re.escape(marker)}\b" if marker.isascii()
                                       else re.escape(marker), " ", rest, count=1).split())
                language = which
                break
    field = ("venue" if rest in VENUE_COLUMNS else "year" if rest in YEAR_COLUMNS
             else FIELD_OF_LABEL.get(words) or FIELD_OF_LABEL.get(rest))
    by_machine = rest in MACHINE_WORDS
    made_by, _, named = rest.partition(" ")
    if field is None and made_by in MACHINE_WORDS and (
            FIELD_OF_LABEL.get(named) == "keywords" or language == 1 and (
                FIELD_OF_LABEL.get(named) == "title" or named == "abstract")):
        # ("AI.title_translation", "machine-translated abstract", "AI.keywords": a model's
        # translation of the title or the abstract, its key words; its summary,
        # "AI.summary", "AI.summary_zh", is no abstract, and stays left out)
        field, by_machine = FIELD_OF_LABEL[named], True
    if field is None and language == 1 and (not rest or by_machine):
        # ("translation", "AI.translation": a translation alone is of the abstract; a
        # title's is named so, "translated title")
        field = "abstract"
    if field is None and rest in TITLE_COLUMNS:
        field = "title"  # ("Name": a Notion database's title, as Airtable's first field)
    if field is None:
        field = "links" if rest in LINK_COLUMNS else "date" if rest in DATE_COLUMNS else None
    if field is None and "." in name and column_words(name.rpartition(".")[2]) in LINK_COLUMNS:
        field = "links"  # ("externalIds.ArXiv", "externalIds.DOI": Semantic Scholar's ids)
    if field == "tags" and language == 1:
        # ("tags_zh": a model's key phrases in the translation's language, which name no
        # tag in site.yaml, as tags would have to; as keywords the tag rules read them)
        field = "keywords"
    if field not in TEXT_FIELDS:
        language = None
    return Column(index, name.strip(), field, language, by_machine and language == 1)


def language_markers(languages: tuple[Language, Language]) -> tuple[list[str], list[str]]:
    """The words that name each language in a column's name (longest first: "zh hans"
    before "zh")."""
    markers = []
    for which, language in enumerate(languages):
        subtag = primary_subtag(language.code)
        words = {language.code.casefold().replace("-", " "), subtag, language.name.casefold(),
                 *LANGUAGE_WORDS.get(subtag, ()),
                 *(TRANSLATION_WORDS if which else ORIGINAL_WORDS)}
        markers.append(sorted(words, key=len, reverse=True))
    return markers[0], markers[1]


def read_table(text: str, source: str, languages: tuple[Language, Language],
               format_name: str = "table", rows: Sequence[TableItem] | None = None
               ) -> tuple[list[Entry], list[Problem], tuple[str, ...]]:
    """The papers of a table's text (as a digest's entries), every problem found, and the
    names of the columns left out; of a BibTeX text's entries or a RIS, MEDLINE or WoS text's
    records, of a CSL JSON text's records, by `format_name` "bibtex", "ris", "medline",
    "wos" or "csl" (see `bitext.bibtex`, `bitext.ris`, `bitext.medline`, `bitext.wos`,
    `bitext.csl`); of a
    workbook's sheet, its `rows` (see `bitext.spreadsheet`)."""
    text = text.removeprefix("\ufeff")
    if rows is not None:
        items, problems = list(rows), []
    elif format_name == "bibtex":
        from bitext.bibtex import bibtex_rows

        items, problems = bibtex_rows(text, source)
    elif format_name == "ris":
        from bitext.ris import ris_rows

        items, problems = ris_rows(text, source)
    elif format_name == "medline":
        from bitext.medline import medline_rows

        items, problems = medline_rows(text), []
    elif format_name == "wos":
        from bitext.wos import wos_rows

        items, problems = wos_rows(text), []
    elif format_name == "csl":
        from bitext.csl import csl_rows

        items, problems = csl_rows(text, source)
    elif text.lstrip()[:1] in ("[", "{"):
        items, problems = json_rows(text, source)
    elif is_front_matter(text):
        items, problems = front_matter_rows(text, source)
    elif is_markdown_table(text):
        items, problems = markdown_rows(text), []
    else:
        items, problems = csv_rows(text, header_delimiter(text, languages)[0], source)
    if format_name == "table":
        items = zotero_rows(items)
    terms = {"bibtex": BIBTEX_TERMS, "ris": RIS_TERMS, "medline": MEDLINE_TERMS,
             "wos": WOS_TERMS, "csl": CSL_TERMS}.get(format_name, TABLE_TERMS)
    entries, columns, left_out, day = [], None, {}, None
    filled: set[int] = set()  # (the columns with a cell that holds something)
    for kind, line, value in items:
        if format_name == "table" and kind != "day":
            value = [html_as_markdown(text) for text in value]
        if kind == "day":
            day = value
        elif kind == "header" or columns is None:
            named, header_problems = table_columns(value, line, source, languages)
            captions = [text.strip() for text in value if text.strip()]
            if header_problems and columns is None and len(captions) == 1:
                # (a caption over the header row, a sheet's merged cell: "2025年6月2日论文
                #速递"; a day in it dates the papers, as a heading over a Markdown table)
                captioned = day_of_line(captions[0])
                day = captioned if isinstance(captioned, dt.date) else day
                continue
            if header_problems:
                return [], problems + header_problems, ()
            columns = with_notes_of_readings(named)
            if {column.name.casefold() for column in columns} >= ZOTERO_COLUMNS:
                columns = [zotero_column(column) for column in columns]
            left_out.update((column.index, column.name) for column in columns
                            if column.field in UNREAD_FIELDS)
        else:
            filled.update(index for index, text in enumerate(value) if text.strip())
            entry, row_problems = read_row(value, columns, line, source, languages,
                                           terms)
            problems += row_problems
            if entry:
                entries.append(entry if entry.date or not day else
                               dataclasses.replace(entry, date=day))
    if columns is None:  # (no row could be read, or there is none)
        return [], problems or [Problem(source, 1, None, "an empty table", expected="a "
                                        "header row and a row for each paper",
                                        found="nothing")], ()
    # (named in the report: those that held something, which the papers' files lose)
    return entries, problems, tuple(dict.fromkeys(
        name for index, name in left_out.items() if index in filled))


def with_notes_of_readings(columns: list[Column]) -> list[Column]:
    """The columns, where a model's readings of the papers are among them ("motivation",
    "method", as daily-paper-reader's front matter gives them), with the notes ("tldr")
    read as readings too: the model's, no editor's (see `bitext.digest.attached_to`)."""
    if not any(column.field == "readings" for column in columns):
        return columns
    return [dataclasses.replace(column, field="readings") if column.field == "note" else column
            for column in columns]


TableItem = tuple[str, int, object]
"""What a table's text holds, in order: ("header", line, cells), ("row", line, cells), or
("day", line, date) for a Markdown heading or line of a date above a table."""


def csv_rows(text: str, delimiter: str, source: str) -> tuple[list[TableItem], list[Problem]]:
    """The rows of a CSV or TSV text, the first that is not blank its header, each with
    the first line of its record; and a problem where a row cannot be read."""
    # (strict: a quote left open, or text after a closing quote, is an error rather than
    # the rest of the file taken into one cell)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    items: list[TableItem] = []
    end = 0
    try:
        for cells in reader:
            start, end = end + 1, reader.line_num
            if any(cell.strip() for cell in cells):
                items.append(("row" if items else "header", start, cells))
    except csv.Error as error:
        return items, [Problem(source, end + 1, None, "not a row of a table",
                               expected="cells parted by the header row's separator, a cell "
                                        "in quotes closed before the next",
                               found=str(error), hint="is a quote left open in this row? "
                                                      "export the table again as CSV")]
    return items, []


def json_rows(text: str, source: str) -> tuple[list[TableItem], list[Problem]]:
    """The records of a JSON array of objects, or of JSON Lines (an object a line), as a
    table's rows under a header of their keys (in the order they first come); a list (of
    authors, of tags) a cell of its items. A problem where the text is not such JSON."""
    from bitext.sources import json_items

    try:
        records = json_items(text)
    except json.JSONDecodeError as error:
        if error.msg != "Extra data":
            return [], [json_problem(source, error.lineno, error.msg)]
        records = []  # (JSON Lines: a value a line)
        for number, line in enumerate(text.splitlines(), start=1):
            try:
                records += [(number, json.loads(line))] if line.strip() else []
            except json.JSONDecodeError as line_error:
                return [], [json_problem(source, number, line_error.msg)]
    if isinstance(records, str) or not all(isinstance(item, dict) for _, item in records):
        return [], [json_problem(source, 1, "not a list of objects")]
    records = [(line, flat_record(item)) for line, item in records
               if not is_openreview_reply(item)]
    keys = list(dict.fromkeys(key for _, item in records for key in item))
    return [("header", 1, keys)] + [
        ("row", line, [cell_of(item.get(key)) for key in keys]) for line, item in records], []


def flat_record(record: dict) -> dict:
    """A JSON record with the keys of the objects it holds as its own, named with their
    object's: `{"AI": {"translation": …}}` (as daily-arXiv-ai-enhanced writes a model's
    translation and analyses of each paper) holds an "AI.translation" column. An
    OpenReview note is its paper's fields (see `openreview_record`)."""
    note = openreview_record(record)
    if note is not None:
        return note
    flat = {}
    for key, value in record.items():
        if isinstance(value, dict):
            flat.update((f"{key}.{inner}", cell) for inner, cell in flat_record(value).items())
        else:
            flat[key] = value
    return flat


OPENREVIEW = "https://openreview.net"
# A note's TL;DR is its authors' (a table's "TL;DR" is the editor's note): left out, named.
AUTHORS_SUMMARY = "authors' TL;DR"
# A note's dates, in milliseconds since 1970: when it was published, made public, made.
OPENREVIEW_DATES = ("pdate", "odate", "cdate", "tcdate")


def is_openreview_reply(note: dict) -> bool:
    """Whether a record is an OpenReview note that replies to a submission (a review, a
    comment, a decision: `notes?forum=…` answers them with the submission), no paper."""
    forum = note.get("forum")
    return (isinstance(note.get("content"), dict) and isinstance(forum, str)
            and note.get("id", forum) != forum)


def openreview_record(note: dict) -> dict | None:
    """The paper of a note of the OpenReview API (`{"notes": [{"id", "forum", "content":
    {"title", "abstract", "authors", "keywords", "pdf", …}, "pdate", …}]}`, each content
    value in an object `{"value": …}` in API 2), as a record: the content's fields, its
    forum's page as its address, the PDF's whole address, the day it was published (UTC);
    None for any other record. The note's other keys (who may read it, its invitations)
    are no paper's."""
    content, forum = note.get("content"), note.get("forum")
    if not (isinstance(content, dict) and "title" in content and isinstance(forum, str)
            and not is_openreview_reply(note)):
        return None
    record = {AUTHORS_SUMMARY if key.casefold() in ("tldr", "tl;dr") else key:
              value["value"] if isinstance(value, dict) and "value" in value else value
              for key, value in content.items()}
    if isinstance(record.get("venue"), str) and NOT_PUBLISHED.search(record["venue"]):
        # ("Submitted to ICLR 2025", "ICLR 2025 Conference Withdrawn Submission": where the
        # paper was not published; left out, and named)
        record[UNPUBLISHED_VENUE] = record.pop("venue")
    record["url"] = f"{OPENREVIEW}/forum?id={forum}"
    if isinstance(record.get("pdf"), str) and record["pdf"].startswith("/"):
        record["pdf"] = OPENREVIEW + record["pdf"]
    published = next((day for key in OPENREVIEW_DATES
                      if (day := day_of_milliseconds(note.get(key))) is not None), None)
    if published is not None:  # (its year kept apart, should --date give another day)
        record["date"], record["year"] = published.isoformat(), str(published.year)
    return record


UNPUBLISHED_VENUE = "venue (not published)"
# The words of an OpenReview venue where the paper was not published.
NOT_PUBLISHED = re.compile(r"\bsubmi(?:tted|ssion)\b|\bwithdrawn\b|\brejected\b|\bunder review\b",
                           re.IGNORECASE)


def day_of_milliseconds(value: object) -> dt.date | None:
    """The day (UTC) of a time in milliseconds since 1970, as OpenReview gives its dates;
    None for anything else."""
    if not isinstance(value, int) or isinstance(value, bool):
        return None
    try:
        return dt.datetime.fromtimestamp(value / 1000, dt.timezone.utc).date()
    except (OverflowError, OSError, ValueError):  # (no time a calendar has)
        return None


# The most lines and characters of a post's body that can be its paper's abstract (see
# `abstract_alone`): arXiv's limit of 1,920 characters, with room for the announcement
# before it and a few paragraphs.
ABSTRACT_LINES_MAX = 6
ABSTRACT_LENGTH_MAX = 2500


def zotero_column(column: Column) -> Column:
    """A column of Zotero's export as Zotero fills it: "Last, First" authors, `Url` the
    item's own page (where a journal published it, arXiv's abstract for a preprint), and
    "Translator" the creators who translated the work itself (a book's), not its abstract:
    left out."""
    if column.field == "authors":
        return dataclasses.replace(column, last_first=True)
    if column.field == "translator":
        return dataclasses.replace(column, field=None)
    if column.field == "links" and column.name.casefold() == "url":
        return dataclasses.replace(column, link_label="paper page")
    return column


def records_as_rows(records: list[tuple[int, dict[str, str]]]) -> list[TableItem]:
    """A reference export's records (each at its first line, its fields by name) as a
    table's rows, under a header of every name, the title's and the abstract's first."""
    names = list(dict.fromkeys(["title", "abstract", *(name for _, row in records
                                                        for name in row)]))
    return [("header", 1, names)] + [
        ("row", line, [row.get(name, "") for name in names]) for line, row in records]


def first_value(values: dict[str, list[str]], *names: str) -> str:
    """A reference record's first value of the first of `names` it has (RIS's "TI", else
    "T1"), else nothing."""
    return next((values[name][0] for name in names if values.get(name)), "")


def names_last_first(text: str) -> tuple[str, ...]:
    """"Yang, An; Li, Anfeng; OpenAI" as ("An Yang", "Anfeng Li", "OpenAI")."""
    return tuple(" ".join(reversed([piece.strip() for piece in name.split(",")]))
                 if name.count(",") == 1 else name.strip()
                 for name in text.split(";") if name.strip())


# A Markdown heading, and what it names.
SECTION_HEADING = re.compile(r"#{1,6}[ \t]+(?P<name>.+?)[ \t#]*$")
# A line of an HTML comment alone, which no page shows.
COMMENT_LINE = re.compile(r"<!--.*?-->")
# A top-level field of a front matter, read without YAML (see `front_matter_record`).
FIELD_LINE = re.compile(r"([A-Za-z_][\w.-]*)[ \t]*:[ \t]*(.*)")


def is_front_matter(text: str) -> bool:
    """Whether a text opens with YAML or TOML front matter (see `front_matter_lines`)."""
    return bool(front_matter_lines(text.removeprefix("\ufeff").split("\n")))


def is_front_matter_paper(text: str, languages: tuple[Language, Language]) -> bool:
    """Whether a text is one paper under YAML front matter (see `front_matter_rows`): its
    fields and headings name a title and an abstract, once each or once in each language.
    A Jekyll post of a whole digest under its front matter ("title: Papers of the week")
    is not: its headings are its papers' titles. A front matter that is not valid YAML
    (an unquoted "title: AlphaOne: …") is told by its lines' field names, so that the
    file is read as one paper and its YAML error named, not read as a digest."""
    if not is_front_matter(text):
        return False
    record, _ = front_matter_record(text, "", lenient=True)
    if not record:
        return False
    columns, problems = table_columns(list(record), 1, "", languages)
    return not problems


def front_matter_rows(text: str, source: str) -> tuple[list[TableItem], list[Problem]]:
    """A Markdown file of one paper under YAML front matter, as Jekyll or Hugo posts and
    daily-paper-reader's docs/ give each paper (`title`, `title_zh`, `authors`, `date`,
    `pdf` … then "## 摘要" and "## Abstract"), as a table's header and one row: the fields
    (an object's as "title.en") and the text under each of the body's headings, named by
    the heading (the text before the first, "text")."""
    record, problems = front_matter_record(text, source)
    if record is None:
        return [], problems
    keys = list(record)
    return [("header", 1, keys), ("row", 1, [cell_of(record[key]) for key in keys])], []


def front_matter_record(text: str, source: str, lenient: bool = False
                        ) -> tuple[dict | None, list[Problem]]:
    """The fields of a file's front matter and the text under each of its body's
    headings (see `front_matter_rows`); None and the problem when the front matter is
    not YAML fields, unless `lenient`: then its lines' "name: value" as they stand."""
    text = text.replace("\r\n", "\n")
    lines = text.split("\n")
    if (toml_end := toml_front_matter_end(lines)) is not None:
        fields, body_start, problems = toml_fields(text, toml_end, source, lenient)
    elif (header_end := metadata_header_end(lines)) is not None:
        fields, body_start, problems = metadata_fields(lines, header_end), header_end + 1, []
    else:
        fields, body_start, problems = yaml_fields(text, source, lenient)
    if fields is None:
        return None, problems
    # (Hugo keeps a page's fields of its own under `params`, `[params]` in TOML)
    record = {key.removeprefix("params.") if key.startswith("params.")
              and key.removeprefix("params.") not in fields else key: value
              for key, value in flat_record(fields).items()}
    sections: dict[str, list[str]] = {"": []}
    current = ""
    for line in text.split("\n")[body_start:]:
        heading = SECTION_HEADING.fullmatch(line.strip())
        if COMMENT_LINE.fullmatch(line.strip()):
            continue  # ("<!--more-->", where Hugo and Jekyll end a post's summary)
        if heading:
            current = heading["name"]
            sections.setdefault(current, [])
        else:
            sections[current].append(line)
    named = with_title_heading(record, {name: "\n".join(lines).strip()
                                        for name, lines in sections.items()})
    body = "abstract" if abstract_alone(record, named) else "text"
    record.update((name or body, section) for name, section in named.items()
                  if section and (name or body) not in record)
    return record, []


def yaml_fields(text: str, source: str, lenient: bool) -> tuple[dict | None, int,
                                                                 list[Problem]]:
    """The fields of a file's YAML front matter and the index of its body's first line
    (see `front_matter_record`)."""
    from bitext.content import split_front_matter
    from bitext.strictyaml import YamlError, load

    front, body_start, problems = split_front_matter(text, source)
    if front is None:
        return None, 0, problems
    try:
        fields = load(front, first_line=2).value
    except YamlError as error:
        if not lenient:
            return None, 0, [Problem(source, error.line, error.field,
                                     "front matter that is not YAML",
                                     expected="fields such as 'title: …'", found=error.message,
                                     hint=error.hint or "check the quotes and the indentation")]
        fields = dict(FIELD_LINE.fullmatch(line).groups() for line in front.split("\n")
                      if FIELD_LINE.fullmatch(line))
    if not isinstance(fields, dict):
        return None, 0, [Problem(source, 2, None, "front matter that is not YAML fields",
                                 expected="fields such as 'title: …'",
                                 found=f"a {type(fields).__name__}")]
    return fields, body_start, []


def toml_fields(text: str, end: int, source: str, lenient: bool) -> tuple[dict | None, int,
                                                                        list[Problem]]:
    """The fields of a Hugo page's TOML front matter, which closes on line `end` (an
    index), its dates as ISO 8601 text; and the index of its body's first line."""
    try:
        import tomllib
    except ImportError:  # (Python 3.10)
        import tomli as tomllib

    front = "\n".join(text.split("\n")[1:end])
    try:
        fields = tomllib.loads(front)
    except tomllib.TOMLDecodeError as error:
        if not lenient:
            at = TOML_ERROR_AT.search(str(error))
            return None, 0, [Problem(source, int(at["line"]) + 1 if at else 1, None,
                                     "front matter that is not TOML",
                                     expected="fields such as 'title = \"…\"'",
                                     found=TOML_ERROR_AT.sub("", str(error)),
                                     hint="check the quotes and the brackets")]
        fields = dict(TOML_FIELD_LINE.fullmatch(line).groups() for line in front.split("\n")
                      if TOML_FIELD_LINE.fullmatch(line))
    return toml_text(fields), end + 1, []


def metadata_fields(lines: list[str], end: int) -> dict[str, str]:
    """A Pelican page's metadata (see `bitext.digestlines.metadata_header_end`) as fields,
    by their keys in lower case, a value's lines joined: those of a paper (its title, date,
    tags, category, authors), not Pelican's own (`slug`, `lang`, `translation: true`) nor
    its `summary`, a teaser of the page's body, which is the abstract."""
    fields: dict[str, str] = {}
    key = ""
    for line in lines[:end]:
        field = METADATA_LINE.fullmatch(line)
        if field and not line[:1].isspace():
            key = field["key"].lower()
            fields[key] = field["value"].strip()
        else:
            fields[key] += " " + line.strip()
    return {key: value for key, value in fields.items() if key in PAPER_METADATA_KEYS}


PAPER_METADATA_KEYS = frozenset({"title", "date", "tags", "keywords", "category", "author",
                                 "authors"})


# Where tomllib says its error is ("… (at line 2, column 7)"), and a field's line as text.
TOML_ERROR_AT = re.compile(r"\s*\(at line (?P<line>\d+), column \d+\)")
TOML_FIELD_LINE = re.compile(r"([A-Za-z_][\w.-]*)[ \t]*=[ \t]*(.*)")


def toml_text(value: object) -> object:
    """A TOML value with its dates and times as ISO 8601 text, as YAML's are read."""
    if isinstance(value, (dt.date, dt.time)):  # (a datetime too)
        return value.isoformat()
    if isinstance(value, list):
        return [toml_text(item) for item in value]
    if isinstance(value, dict):
        return {key: toml_text(item) for key, item in value.items()}
    return value


def with_title_heading(record: dict, sections: dict[str, str]) -> dict[str, str]:
    """The body's parts of a note whose fields name no title and whose first heading names
    no field (a note under Obsidian's properties: "# Qwen3 Technical Report" over its
    abstract, "## 中文标题" …): that heading its title, the text under it its abstract,
    unless a field or a part names one in English ("abstract"; "## 摘要" is its
    translation's). Before, the note read as its translation alone."""
    first = next((name for name in sections if name), None)
    if first is None or field_of_key(first) is not None or any(
            field_of_key(key) == "title" for key in record):
        return sections
    rest = {name: text for name, text in sections.items() if name != first}
    named_abstract = any(field_of_key(key) == "abstract" and key.isascii()
                         for key in [*record, *rest])
    # (its lines of links first, "DOI: 10.48550/arXiv.2505.09388", are its links)
    lines = sections[first].split("\n")
    linked = next((at for at, line in enumerate(lines)
                   if line.strip() and not line_links(line.strip(), 1)), len(lines))
    links = " | ".join(line.strip() for line in lines[:linked] if line.strip())
    return {"title": first, **({"links": links} if links else {}), **rest,
            "text" if named_abstract else "abstract": "\n".join(lines[linked:]).strip()}


def field_of_key(key: str) -> str | None:
    """The field that a front matter's key or a part's heading names ("title_zh", "摘要")."""
    return FIELD_OF_LABEL.get(" ".join(re.sub(r"[_\-.]", " ", key.casefold()).split()))


def abstract_alone(record: dict, sections: dict[str, str]) -> bool:
    """Whether a post's body is its paper's abstract: the post's fields name a title and
    no abstract, and the body is prose under no heading ("title: The
    Discrete-Log Clock: …" over "arXiv:2606.17399v1 Announce Type: new Abstract: When
    small transformers …", as a script saves a paper of arXiv's listing), no digest of
    papers, whose titles are no prose: each of its lines is, or it is one line, which no
    digest is (a translated page's abstract may end with its code's address, "…代码见
    https://github.com/…"); and no longer than an abstract is (arXiv takes 1,920
    characters at the most), which a blog post under its title, imported by mistake, is."""
    body = sections.get("", "")
    lines = [line for line in body.split("\n") if line.strip()]
    fields = {field_of_key(key) for key in record}
    return (list(sections) == [""] and 0 < len(lines) <= ABSTRACT_LINES_MAX
            and len(body) <= ABSTRACT_LENGTH_MAX and "title" in fields
            and "abstract" not in fields and (len(lines) == 1 or all(map(is_prose, lines))))


@dataclass(frozen=True)
class SitePage:
    """What a file of one paper, a page of a Hugo, Jekyll or Pelican site, says of its
    page there."""

    page: str | None
    """The page it is one language's version of, which pairs it with its translation's
    page: as a Hugo site names it, its front matter's `translationKey`, else its file's
    name (see `page_by_name`); as a Pelican site or Jekyll's plugins do, its `slug`,
    `permalink` or `ref` beside a `lang`."""
    slug: str | None
    """Its page's URL name, where it is one of bitext's (see `page_slug`)."""


def site_page(text: str, source: str, languages: tuple[Language, Language]) -> SitePage:
    """See `SitePage`: None for what the file does not name, its URL name for a file
    with front matter or Pelican's metadata only (a digest of one paper names none)."""
    lines = text.removeprefix("\ufeff").replace("\r\n", "\n").split("\n")
    if (header_end := metadata_header_end(lines)) is not None:
        fields = {match["key"].lower(): match["value"].strip() for line in lines[:header_end]
                  if (match := METADATA_LINE.fullmatch(line))}
    elif is_front_matter(text):
        record, _ = front_matter_record(text, source, lenient=True)
        fields = {name.casefold(): value.strip() for name, value in (record or {}).items()
                  if isinstance(value, str) and value.strip()}
    else:
        named = page_by_name(source, languages)
        return SitePage(f"path:{named}" if named else None, None)
    slug = page_slug(fields, source, languages)
    if key := fields.get("translationkey") or fields.get("translation_key"):
        return SitePage(f"key:{key}", slug)
    if fields.get("lang") and (key := next(
            (fields[name] for name in PAGE_NAME_KEYS if fields.get(name)), None)):
        return SitePage(f"key:{key}", slug)
    named = page_by_name(source, languages)
    return SitePage(f"path:{named}" if named else None, slug)


def page_slug(fields: dict[str, str], source: str, languages: tuple[Language, Language]
              ) -> str | None:
    """The URL name that a site gave a page: its `slug`, else its file's name as Hugo
    and Jekyll make one (without a language's code, `qwen3.en.md`; a page bundle's
    folder's, `qwen3/index.md`; a Jekyll post's without its date, `2025-06-02-qwen3.md`),
    so that its paper keeps the address `papers/qwen3/`; None where that is no URL name
    of bitext's (lowercase letters, digits and hyphens)."""
    parts = source.replace("\\", "/").split("/")
    name = parts[-1].rpartition(".")[0] or parts[-1]
    stem, _, code = name.rpartition(".")
    if stem and names_language(code, languages):
        name = stem
    if name in ("index", "_index") and len(parts) > 1:
        name = parts[-2]
    name = fields.get("slug") or JEKYLL_POST_DATE.sub("", name)
    return name if SLUG_FORM.fullmatch(name) and len(name) <= URL_NAME_MAX else None


# The day a Jekyll post's file name starts with ("2025-06-02-qwen3.md").
JEKYLL_POST_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}-")
# The fields that name a page its translations share, beside its `lang` (Pelican's slug,
# jekyll-polyglot's permalink, the `ref` of Jekyll's bilingual themes).
PAGE_NAME_KEYS = ("slug", "permalink", "ref", "lang_ref")
# A language's code as a Hugo site's multilingual content names it ("en", "zh-cn", "zh_CN",
# "zh-Hans"): its first subtag is the language's.
HUGO_LANGUAGE = re.compile(r"(?P<language>[a-z]{2,3})(?:[-_][a-z]{2,4})?", re.IGNORECASE)


def page_by_name(source: str, languages: tuple[Language, Language]) -> str | None:
    """The page that a file of one paper is a language's version of, as Hugo pairs a
    page's translations by their files' names: by the language's code before its
    extension ("papers/qwen3.en.md", "papers/qwen3.zh-cn.md": "papers/qwen3"), else by the
    language's folder ("content/en/papers/qwen3.md", "content/zh/papers/qwen3.md":
    "content/papers/qwen3"); None for a file named neither way."""
    parts = source.replace("\\", "/").split("/")
    stem, dot, _ = parts[-1].rpartition(".")
    name, _, code = stem.rpartition(".")
    if dot and name and names_language(code, languages):
        return "/".join([*parts[:-1], name])
    folders = [index for index, part in enumerate(parts[:-1])
               if names_language(part, languages)]
    if folders:
        return "/".join(part for index, part in enumerate(parts[:-1])
                        if index != folders[-1]) + "/" + (stem if dot else parts[-1])
    return None


def names_language(part: str, languages: tuple[Language, Language]) -> bool:
    """Whether a part of a file's path is one of the two languages' codes, as a Hugo site
    writes them (see `HUGO_LANGUAGE`)."""
    match = HUGO_LANGUAGE.fullmatch(part)
    return bool(match) and match["language"].lower() in {
        language.code.split("-")[0].lower() for language in languages}


def json_problem(source: str, line: int, found: str) -> Problem:
    return Problem(source, line, None, "not JSON records of papers",
                   expected="an array of objects, or an object a line (JSON Lines), whose "
                            "keys name a title and an abstract", found=found,
                   hint="is a comma or a quote missing on this line?")


# The key of what an object in a list stands for: `{"url": …, "type": "github"}`, as
# scripts list a paper's code, `{"name": …}`, as the daily papers list its authors.
ITEM_KEYS = ("url", "href", "link", "name")


def cell_of(value: object) -> str:
    """A JSON value as a table's cell: a list as its items (an object by its address or
    name, see `ITEM_KEYS`), a string as it is."""
    if value is None:
        return ""
    if isinstance(value, list):
        return "; ".join(cell_of(item) for item in value)
    if isinstance(value, dict) and (key := next(
            (key for key in ITEM_KEYS if isinstance(value.get(key), str)), None)):
        return value[key]
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def is_markdown_table(text: str) -> bool:
    """Whether the text holds a Markdown (GitHub) table: a row of cells between bars, then
    the row of dashes under a table's header."""
    return bool(MARKDOWN_TABLE.search(text))


def markdown_rows(text: str) -> list[TableItem]:
    """The rows of the Markdown tables in a text (each with its header), as Markdown reads
    them (a bar in a cell is written "\\|"), and the day of each heading or paragraph
    that gives one (a table under "## 2025-05-14" is of that day)."""
    from markdown_it import MarkdownIt

    items: list[TableItem] = []
    # (read for the cells' source text only: nothing here is rendered, raw HTML is off,
    # and the text of the cells is not parsed further, which took most of the time)
    reader = MarkdownIt("commonmark", {"html": False}).enable("table").disable("inline")
    tokens = reader.parse(text)
    for index, token in enumerate(tokens):
        if token.type == "tr_open":
            header = tokens[index - 1].type == "thead_open"
            items.append(("header" if header else "row", token.map[0] + 1, []))
        elif token.type in ("th_open", "td_open"):
            items[-1][2].append(tokens[index + 1].content)
        elif token.type in ("heading_open", "paragraph_open"):
            content = tokens[index + 1].content
            day = day_of_line(f"{token.markup} {content}" if token.type == "heading_open"
                              else content)
            if isinstance(day, dt.date):
                items.append(("day", token.map[0] + 1, day))
    return items


def table_columns(names: list[str], line: int, source: str,
                  languages: tuple[Language, Language]) -> tuple[list[Column], list[Problem]]:
    """The columns the header row names, with the language of each title and abstract
    column told (see `column_of`); a problem where the row does not name a title and
    an abstract column, a column twice, or more than two of a text."""
    columns = without_names_beside_titles(with_publication_years(with_day_added(
        [column_of(index, name, languages) for index, name in enumerate(names)])))
    found = {field: [column for column in columns if column.field == field]
             for field in ("title", "abstract", "affiliation", "authors", "tags", "keywords",
                           "date", *PROVENANCE_FIELDS)}
    problems = []
    for field, these in found.items():
        # (keywords are words for the tag rules, which may come from several columns:
        # arXiv's "categories" beside its "primary_category")
        most = 2 if field in TEXT_FIELDS else len(these) if field == "keywords" else 1
        if len(these) > most or field in TEXT_FIELDS and not these:
            problems.append(Problem(
                source, line, None, f"the header row names {len(these)} {field} columns",
                expected=(f"{a(field)} {field} column in {languages[0].name}, and one in "
                          f"{languages[1].name} where the papers have their translation"
                          if field in TEXT_FIELDS else f"at most one {field} column"),
                found=", ".join(repr(column.name) for column in these) or "none",
                hint=f"name the columns such as title, {languages[1].code} title, abstract, "
                     f"{languages[1].code} abstract"))
    return columns, problems


def without_names_beside_titles(columns: list[Column]) -> list[Column]:
    """The columns, where another names the title in the first language ("Title"), with a
    "Name" column (see `TITLE_COLUMNS`) left out: the name of something else, a
    dataset's, a file's. (Beside a translation's column alone, "中文标题", "Name" is the
    title.)"""
    titles = [column for column in columns if column.field == "title"]
    named = [column for column in titles if column_words(column.name) in TITLE_COLUMNS]
    if not any(column.language != 1 for column in titles if column not in named):
        return columns
    return [dataclasses.replace(column, field=None, language=None) if column in named
            else column for column in columns]


def with_day_added(columns: list[Column]) -> list[Column]:
    """The columns, where none is of a date, with the one of the day each paper was added
    to the table as the papers' date ("Created", as a Notion database's export names it;
    "Date Added", Zotero's): the day the editor took it in, as a digest lists it on. (Beside
    a date column, it is left out.)"""
    if any(column.field == "date" for column in columns):
        return columns
    added = [column for column in columns if column_words(column.name) in DAY_ADDED_COLUMNS]
    if len(added) != 1:
        return columns
    return [dataclasses.replace(column, field="date") if column is added[0] else column
            for column in columns]


def with_publication_years(columns: list[Column]) -> list[Column]:
    """The columns, where one date column names the day the digest lists its papers on and
    the others the day each was published: those as the year column (left out beside
    one)."""
    dates = [column for column in columns if column.field == "date"]
    listing = [column for column in dates if column_words(column.name) in LISTING_DAY_COLUMNS]
    if len(dates) < 2 or len(listing) != 1:
        return columns
    year = None if any(column.field == "year" for column in columns) else "year"
    return [dataclasses.replace(column, field=year)
            if column.field == "date" and column is not listing[0] else column
            for column in columns]


def read_row(cells: list[str], columns: list[Column], line: int, source: str,
             languages: tuple[Language, Language], terms: Terms = TABLE_TERMS
             ) -> tuple[Entry | None, list[Problem]]:
    """One paper of the table (as a digest's entry), or the problems of its row."""
    def cell(column: Column) -> str:
        return cells[column.index].strip() if column.index < len(cells) else ""

    cells = without_breaks(cells, columns)

    def value(field: str) -> str:
        return next((cell(column) for column in columns if column.field == field), "")

    secondary = script_of_language(languages[1].code)
    texts, problems, links = {}, [], []
    translated_by_machine = False
    # (a cell where the script wrote that its translation failed holds none: the paper
    # awaits it, see `bitext.checks.FAILED_TRANSLATION`)
    failed = {column.field for column in columns
              if column.field in TEXT_FIELDS and FAILED_TRANSLATION.match(cell(column))}
    for field in TEXT_FIELDS:
        filled = [(column, cell(column)) for column in columns
                  if column.field == field and cell(column)
                  and not FAILED_TRANSLATION.match(cell(column))]
        filled = texts_of_one_cell(filled, field, secondary)
        if field == "title":  # ("[Title](https://arxiv.org/abs/…)": the title, and a link)
            filled, title_links = titles_and_links(filled, line)
            links += title_links
        texts[field] = pair_of(filled, secondary)
        translated_by_machine = translated_by_machine or any(
            column.by_machine and text == texts[field][1] for column, text in filled)
    # (a row of a translation alone: its paper comes from elsewhere, see
    # `bitext.digest.is_translation_only`)
    translation_only = texts["abstract"][0] is None and None not in (texts["abstract"][1],
                                                                     texts["title"][1])
    for field in TEXT_FIELDS:
        problems += text_problems(field, texts[field], line, source, languages,
                                  translation_only, terms)
    missing = "title" if texts["title"][1] is None else "abstract"
    # (a table without a column for the one translation gives the other alone, as
    # daily-arXiv-ai-enhanced gives a model's translation of the abstract: its papers await
    # the rest, which `translate --pending` fills; so does a machine's column left empty,
    # as Translate for Zotero translates an item's title and its abstract when asked)
    if (not problems and (texts["title"][1] is None) != (texts["abstract"][1] is None)
            and sum(column.field == missing for column in columns) > 1
            and not any(column.by_machine for column in columns if column.field == missing)
            and missing not in failed):
        problems.append(Problem(source, line, None, f"the translated {missing} is missing",
                                expected=f"{a(missing)} {missing} in {languages[1].name} "
                                         f"(or neither translation, for a paper awaiting it)",
                                found="nothing", hint=f"fill its translated {missing}"))
    date, date_problem = cell_date(value("date"), line, source)
    year = YEAR_OF_CELL.fullmatch(value("year")) or date_problem and YEAR_OF_DATE.fullmatch(
        value("date"))
    link_problems = []
    for column in columns:
        if column.field == "links" and cell(column):
            found = cell_links(column, cell(column), line)
            links += found
            # (an "id" that is no arXiv id is a row's own: its number, a database's key)
            if not found and column.name.casefold() != "id":
                link_problems.append(Problem(
                    source, line, column.name, "not a link", expected="web addresses, or an "
                    "arXiv id in an arxiv column", found=repr(cell(column)[:60]),
                    hint=terms.not_links))
    if problems or link_problems:
        return None, problems + [date_problem] * bool(date_problem) + link_problems
    links += comment_code(cells, columns, line)
    (title, translated_title), (abstract, translated) = texts["title"], texts["abstract"]
    notes = [cell_text(cell(column)) for column in columns
             if column.field == "note" and cell(column)]
    venue = next((cell(column) for column in columns  # (the first the row fills)
                  if column.field == "venue" and cell(column)), "")
    # (the row is read: a date that names no day stops the import, unless --date gives
    # every paper its day; see `bitext.importer.plan_import`)
    return Entry(line, (title_text(title), title_text(translated_title)),
                 (cell_text(abstract), cell_text(translated)),
                 " ".join(value("affiliation").split()) or None, links=tuple(links),
                 authors=row_authors(cells, columns), tags=tag_words(value("tags")),
                 keywords=tuple(dict.fromkeys(
                     word for column in columns if column.field == "keywords"
                     for word in tag_words(cell(column)))),
                 note=note_of((text, script_share(text, secondary)) for text in notes),
                 date=date, provenance=row_provenance(value, translated_by_machine),
                 venue=published_venue(venue), year=int(year["year"]) if year else None
                 ), [date_problem] * bool(date_problem)


# What a line break (`<br>`, see `bitext.inline_html`) in a cell of a column parts: its
# links, names, tags. (A title's parts a title from its translation, see
# `texts_of_one_cell`; an abstract's, paragraphs.)
PARTING_OF_BREAK = {"links": " ", "authors": ", ", "affiliation": ", ", "tags": ", ",
                    "keywords": ", "}


def without_breaks(cells: list[str], columns: list[Column]) -> list[str]:
    """A row's cells with the line breaks of those columns as `PARTING_OF_BREAK` says."""
    parting = {column.index: PARTING_OF_BREAK[column.field] for column in columns
               if column.field in PARTING_OF_BREAK}
    return [breaks_as(text, parting[index]) if index in parting else text
            for index, text in enumerate(cells)]


# What joins the lines of one language of a cell that holds a text and its translation
# (see `texts_of_one_cell`): a title's lines are one title, an abstract's its paragraphs.
JOINER_OF_FIELD = {"title": " ", "abstract": BREAK * 2}


def texts_of_one_cell(filled: list[tuple[Column, str]], field: str,
                      secondary: frozenset[str]) -> list[tuple[Column, str]]:
    """A row's title (or abstract) cells, the one cell of a text and its translation, one
    above the other ("**Qwen3 Technical Report**<br>Qwen3 技术报告", "In this work …<br><br>
    在本工作中 …"), as two: the lines in one language's script, then those in the other's.
    (Before, an abstract's translation was its last paragraph, and the paper awaited it.)"""
    if len(filled) != 1 or BREAK not in filled[0][1]:
        return filled

    def in_secondary(part: str) -> bool | None:
        """Whether a line is in the secondary language's script (None: neither's)."""
        share = script_share(part, secondary)
        return True if share >= SECONDARY_MIN else False if share < PRIMARY_MAX else None

    column, text = filled[0]
    parts = [part.strip() for part in text.split(BREAK) if part.strip()]
    runs = [list(run) for _, run in itertools.groupby(parts, key=in_secondary)]
    if len(runs) != 2 or any(in_secondary(run[0]) is None for run in runs):
        return filled
    unnamed = dataclasses.replace(column, language=None)
    return [(unnamed, JOINER_OF_FIELD[field].join(run)) for run in runs]


def row_authors(cells: list[str], columns: list[Column]) -> tuple[str, ...]:
    """The names of a row's authors column (see `Column.last_first`)."""
    column = next((column for column in columns if column.field == "authors"), None)
    text = cells[column.index].strip() if column and column.index < len(cells) else ""
    return names_last_first(text) if column and column.last_first else author_names(text)


def comment_code(cells: list[str], columns: list[Column], line: int) -> list[Link]:
    """The address on GitHub in a row's comments ("Code: https://github.com/…", as
    arXiv's authors write it): the paper's code, as an import from arXiv takes it."""
    found = (GITHUB_URL.search(cells[column.index]) for column in columns
             if column.field == "comments" and column.index < len(cells))
    return [Link(line, "code", match.group(), None) for match in found if match][:1]


def row_provenance(value: Callable[[str], str], translated_by_machine: bool
                   ) -> tuple[tuple[str, str], ...]:
    """Who translated a row's paper and who reviewed it, as its columns say; a machine
    where the column of its translation says so ("AI.translation") and none says more."""
    said = tuple((field, " ".join(value(field).split()))
                 for field in PROVENANCE_FIELDS if value(field))
    if translated_by_machine and not any(field in ("translator", "translation_model")
                                         for field, _ in said):
        said = (("translator", MACHINE), *said)
    return said


def text_problems(field: str, pair: tuple[str | None, str | None], line: int, source: str,
                  languages: tuple[Language, Language], translation_only: bool = False,
                  terms: Terms = TABLE_TERMS) -> list[Problem]:
    """What is wrong with a row's title (or abstract) and its translation: the primary
    text missing (unless the row gives a translation alone), or a text not in its language
    (by the thresholds a digest's lines are held to: `bitext.scripts`)."""
    primary, translated = pair
    secondary = script_of_language(languages[1].code)
    if primary is None and not translation_only:
        return [Problem(source, line, field, f"the {field} {terms.cell} is empty",
                        expected=f"the {field} in {languages[0].name}",
                        found="nothing" if translated is None
                        else f"{a(field)} {field} in {languages[1].name} only",
                        hint=terms.fill.format(field=field))]
    problems = []
    for which, text in enumerate(pair):
        share = script_share(text, secondary) if text else None
        if share is not None and (share >= PRIMARY_MAX if which == 0 else share < SECONDARY_MIN):
            problems.append(Problem(
                source, line, field, f"{a(field)} {field} in the wrong language",
                expected=f"one {field} in {languages[0].name} and one in {languages[1].name}",
                found=f"{text[:50]!r}", hint=terms.misplaced))
    return problems


def cell_date(text: str, line: int, source: str) -> tuple[dt.date | None, Problem | None]:
    """The day of a date cell (in any form a digest's line of a date may take, or as RSS
    writes it, "Wed, 17 Jun 2026 00:00:00 -0400", on the day where it was written)."""
    from bitext.sources import announcement_date

    if not text:
        return None, None
    day = day_of_line(text)
    if not isinstance(day, dt.date):
        day = announcement_date(text)
    if isinstance(day, dt.date):
        return day, None
    year_alone = YEAR_ALONE.fullmatch(text.strip()) is not None
    return None, Problem(source, line, "date", NOT_A_DAY,
                         expected="a date such as 2025-05-14", found=repr(text),
                         hint=("a year alone names no day (Zotero writes a journal article's "
                               "date so): give the papers their day with --date YYYY-MM-DD, "
                               "or write it in the cell") if year_alone else
                              "write the date as YYYY-MM-DD (or give every paper its day with "
                              "--date YYYY-MM-DD)")


def pair_of(filled: list[tuple[Column, str]], secondary: frozenset[str]
            ) -> tuple[str | None, str | None]:
    """The primary and the secondary text of a row's title (or abstract) cells: as their
    columns' names say, else the one more in the secondary language's script is the
    translation (a single cell: by its script alone)."""
    ordered = sorted(filled, key=lambda item: (
        item[0].language if item[0].language is not None else 0.5 + script_share(item[1],
                                                                                 secondary)))
    if len(ordered) == 1:
        column, text = ordered[0]
        second = column.language == 1 or column.language is None and script_share(
            text, secondary) >= 0.5
        return (None, text) if second else (text, None)
    return (ordered[0][1], ordered[1][1]) if ordered else (None, None)


def a(noun: str) -> str:
    """The indefinite article of a field's name: a title, an abstract."""
    return "an" if noun[:1] in "aeiou" else "a"


def titles_and_links(filled: list[tuple[Column, str]], line: int
                     ) -> tuple[list[tuple[Column, str]], list[Link]]:
    """Title cells as text, without the marks of a Markdown link, bold or emoji
    ("**[Qwen3 Technical Report](https://arxiv.org/abs/2505.09388)**"), and the links."""
    found, links = [], []
    for column, text in filled:
        text, link = linked_title(unbold(without_pictographs(text)), line)
        links += [link] * bool(link)
        found.append((column, text))
    return found, links


def title_text(text: str | None) -> str | None:
    return " ".join(text.split()) if text is not None else None


def cell_text(text: str | None) -> str | None:
    """A cell of an abstract as Markdown: its lines read as a digest's abstract of several
    lines (a paragraph a line, or wrapped lines joined; a blank line parts paragraphs)."""
    if text is None:
        return None
    lines, blank = [], False
    for number, raw in enumerate(text.split("\n"), start=1):
        if not raw.strip():
            blank = True
            continue
        lines.append(Line(number, raw.strip(), 0.0, after_blank=blank,
                          indent=len(raw) - len(raw.lstrip())))
        blank = False
    return abstract_text(lines)


def cell_links(column: Column, text: str, line: int) -> tuple[Link, ...]:
    """The links of a cell of a links column, each labelled with the column's name where
    the cell gives no label (a bare arXiv id in an arxiv column too)."""
    if not text:
        return ()
    label = column.link_label or column.name
    if BARE_DOI.fullmatch(text):  # ("10.48550/arXiv.2505.09388", as Zotero exports a DOI)
        return (Link(line, "doi", f"https://doi.org/{text}", None),)
    if ARXIV_ID.fullmatch(text):
        return (Link(line, "arXiv", None, text),) if "arxiv" in column.name.casefold() or (
            "id" in column.name.casefold()) else ()
    if MARKDOWN_LINK.search(text):  # ("[PDF](https://…) [Code](https://github.com/…)")
        rest = MARKDOWN_LINK.sub("", text).strip(" \t|,;·•/")
        return () if rest else tuple(
            Link(line, match["text"] or label, match["url"], None)
            for match in MARKDOWN_LINK.finditer(text))
    return tuple(Link(link.line, link.label or label, link.url, link.arxiv)
                 for link in link_items(text, line))
