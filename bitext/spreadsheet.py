"""Workbooks as `import` reads them: an .xlsx file (Excel's, WPS's, LibreOffice's, Google
Sheets' download) read by openpyxl, each sheet that holds rows a table (see
`bitext.table.read_table`), each row at its number in the sheet, as the spreadsheet shows
it: a problem names the row to look at.

A cell is its value as the sheet shows it, not its formula: a day as "2025-06-02", a year
as "2025" (a number without its ".0"), a text with the line breaks that Alt+Enter made,
read as a CSV's cell is (an empty line parts an abstract's paragraphs). A cell's
hyperlink is kept as a Markdown link of its text ("[Qwen3 Technical Report](https://
arxiv.org/abs/2505.09388)"), which the table reader reads as the title and its link; an
address that links to itself stays an address. A workbook of Excel 97–2003 (.xls) is
refused with the way to save it as .xlsx.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from typing import TYPE_CHECKING

from bitext.errors import Problem

if TYPE_CHECKING:
    from bitext.table import TableItem

# What starts a zip archive, which an .xlsx is, and an Excel 97–2003 .xls (OLE2).
ZIP_START = b"PK\x03\x04"
OLE2_START = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# (a text with brackets of its own makes no Markdown link: its hyperlink is left out)
BRACKET = re.compile(r"[\[\]]")
# The most a workbook's parts may hold unpacked: a zip of a few MiB can unpack to many GiB
# (a month of 3,000 papers with both abstracts is about 20 MiB). openpyxl's XML parser is
# defusedxml's, which refuses the entities that expand ("billion laughs").
UNPACKED_MAX = 256 * 2**20


def is_workbook(data: bytes, name: str) -> bool:
    """Whether the bytes are an .xlsx workbook (see `is_office_file`)."""
    return is_office_file(data, name, (".xlsx", ".xlsm"), "xl/workbook.xml")


def is_office_file(data: bytes, name: str, endings: tuple[str, ...], main_part: str) -> bool:
    """Whether the bytes are a file of Office Open XML: a zip archive with a name of one
    of `endings`, or that holds `main_part` (an .xlsx, a .docx and an .odt are all zip
    archives)."""
    if not data.startswith(ZIP_START):
        return False
    if name.lower().endswith(endings):
        return True  # (one cut short too, which then says so)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return main_part in archive.namelist()
    except zipfile.BadZipFile:
        return False


def too_large(data: bytes, name: str, what: str, hint: str) -> Problem | None:
    """A problem where a zip archive unpacks past `UNPACKED_MAX`, else None (zipfile's
    errors are the caller's)."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        unpacked = sum(member.file_size for member in archive.infolist())
    if unpacked <= UNPACKED_MAX:
        return None
    return Problem(name, None, None, f"{what} too large to read",
                   expected=f"at most {UNPACKED_MAX // 2**20} MiB unpacked",
                   found=f"{unpacked / 2**20:.0f} MiB", hint=hint)


def is_old_workbook(data: bytes) -> bool:
    return data.startswith(OLE2_START)


def workbook_tables(data: bytes, name: str
                    ) -> tuple[list[tuple[str, list[TableItem]]], list[Problem]]:
    """Each sheet of the workbook that holds a row, by the name `import` gives it (the
    file's, and the sheet's after it where the workbook has several: "digest.xlsx
    [2025-06]"), with its rows; a problem where the workbook cannot be read."""
    import openpyxl

    try:
        if large := too_large(data, name, "a workbook", "save the sheets of papers as a "
                              "workbook of their own, or as CSV"):
            return [], [large]
        # (values as the sheet shows them, not formulas; not read-only, which keeps no
        # cell's hyperlink)
        book = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    except Exception as error:  # (openpyxl's own, zipfile's, the XML parser's)
        return [], [Problem(name, None, None, "not a workbook that can be read",
                            expected="an .xlsx workbook as Excel, WPS or LibreOffice saves it",
                            found=" ".join(str(error).split())[:120] or type(error).__name__,
                            hint="open it and save it again as .xlsx, or as CSV UTF-8")]
    sheets = [(sheet.title, sheet_rows(sheet)) for sheet in book.worksheets]
    filled = [(title, rows) for title, rows in sheets if rows]
    if not filled:
        return [], [Problem(name, None, None, "an empty workbook",
                            expected="a header row and a row for each paper", found="no cell "
                            "with a value in any sheet")]
    return [(name if len(filled) == 1 else f"{name} [{title}]", rows)
            for title, rows in filled], []


def old_workbook_problem(name: str) -> Problem:
    return Problem(name, None, None, "an Excel 97–2003 workbook (.xls)",
                   expected="an .xlsx workbook, or a table as CSV",
                   found="the .xls format, which bitext does not read",
                   hint="open it and save it as .xlsx (Excel Workbook) or CSV UTF-8")


def sheet_rows(sheet) -> list[TableItem]:
    """A sheet's rows that hold a value, each at its number: the first the header."""
    items: list[TableItem] = []
    for row in sheet.iter_rows():
        cells = [cell_text(cell) for cell in row]
        if any(text.strip() for text in cells):
            items.append(("row" if items else "header", row[0].row, cells))
    return items


def cell_text(cell) -> str:
    """A cell's value as the sheet shows it, its hyperlink as a Markdown link (see the
    module's docstring)."""
    value = cell.value
    if value is None:
        text = ""
    elif isinstance(value, dt.datetime):
        text = value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    elif isinstance(value, dt.date):
        text = value.isoformat()
    elif isinstance(value, float) and value.is_integer():
        text = str(int(value))
    else:
        text = str(value)
    # (Excel's line break in a cell is "\n"; one saved on Windows may hold "\r\n")
    text = text.replace("\r\n", "\n")
    target = cell.hyperlink.target if cell.hyperlink is not None else None
    if target and text.strip() and text.strip() != target and not BRACKET.search(text):
        return f"[{text.strip()}]({target})"
    return text
