"""Word documents as `import` reads them: a .docx file (Word's, WPS's, LibreOffice's,
Google Docs' download) read by python-docx. Editors keep digests in Word as often as in
plain text; saved as text, a document loses its links and its headings.

A document of paragraphs is read as a digest (see `bitext.digest`): each paragraph a line
(a line break in it, Shift+Enter, a line too), an empty paragraph a blank line, a
heading as Markdown's ("## 2025-06-02", which may date the papers under it), text in bold
or italics as Markdown's, a hyperlink as a Markdown link of its text. A problem names the
paragraph by its number, as a digest's line (a line break within a paragraph counting one
more), and quotes it. A table of one paper among the paragraphs, its fields by their
labels or its two languages side by side, is read as a digest's Markdown table (see
`bitext.digestlines.table_pieces`): a line a row, and one more under its first. A
document that holds tables of papers is read as a table's rows (see `bitext.table`): the
rows of every table, a heading above one that holds a day dating its papers. A Word
97–2003 document (.doc) is refused with the way to save it as .docx.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from bitext.errors import Problem
from bitext.spreadsheet import OLE2_START, is_office_file, too_large

if TYPE_CHECKING:
    from docx.document import Document
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    from bitext.table import TableItem

# Markdown's marks of a run's style, by (bold, italic).
STYLE_MARKS = {(True, True): "***", (True, False): "**", (False, True): "*"}


def is_word_document(data: bytes, name: str) -> bool:
    """Whether the bytes are a .docx document (see `is_office_file`)."""
    return is_office_file(data, name, (".docx", ".docm"), "word/document.xml")


def is_old_word_document(data: bytes, name: str) -> bool:
    """A Word 97–2003 document: OLE2, as an .xls workbook is, told by its name."""
    return data.startswith(OLE2_START) and name.lower().endswith((".doc", ".wps"))


def old_document_problem(name: str) -> Problem:
    return Problem(name, None, None, "a Word 97–2003 document (.doc)",
                   expected="a .docx document, or the digest as plain text",
                   found="the .doc format, which bitext does not read",
                   hint="open it and save it as .docx (Word Document), or as Plain Text "
                        "(UTF-8)")


def document_input(data: bytes, name: str
                   ) -> tuple[str, list[TableItem] | None, list[Problem]]:
    """A document's text as a digest's (see the module's docstring), or its tables' rows
    with an empty text; a problem where the document cannot be read."""
    import docx
    from docx.table import Table

    try:
        if large := too_large(data, name, "a document", "save the digest as plain text "
                              "(UTF-8)"):
            return "", None, [large]
        # (python-docx's XML parser resolves no entity)
        document = docx.Document(io.BytesIO(data))
        blocks = list(document.iter_inner_content())
        levels = heading_levels(document)
        tables = {id(block): table_cells(block, levels) for block in blocks
                  if isinstance(block, Table)}
        if not all(is_table_of_a_paper(cells) for cells in tables.values()):
            return "", table_items(blocks, levels, tables), []
        lines = [line for block in blocks for line in (
            markdown_table(tables[id(block)]) if isinstance(block, Table)
            else [paragraph_markdown(block, levels)])]
    except Exception as error:  # (python-docx's own, zipfile's, the XML parser's)
        return "", None, [Problem(name, None, None, "not a Word document that can be read",
                                  expected="a .docx document as Word, WPS or LibreOffice "
                                           "saves it",
                                  found=" ".join(str(error).split())[:120]
                                  or type(error).__name__,
                                  hint="open it and save it again as .docx, or as Plain Text "
                                       "(UTF-8)")]
    if not any(line.strip() for line in lines):
        return "", None, [Problem(name, None, None, "an empty document",
                                  expected="papers: a digest's paragraphs or a table",
                                  found="no text")]
    return "\n".join(lines) + "\n", None, []


def paragraph_markdown(paragraph: Paragraph, levels: dict[str, int]) -> str:
    """A paragraph as a digest's line: its runs' text, bold and italics as Markdown's, its
    hyperlinks as Markdown links, a heading's level as Markdown's."""
    from docx.text.hyperlink import Hyperlink

    pieces: list[tuple[str, tuple[bool, bool]]] = []
    for item in paragraph.iter_inner_content():
        if isinstance(item, Hyperlink):
            text, address = item.text, item.address
            if address and text.strip() and text.strip() != address:
                text = f"[{text.strip()}]({address})"
            style = (bool(item.runs and item.runs[0].bold),
                     bool(item.runs and item.runs[0].italic))
            pieces.append((text, style))
        else:
            pieces.append((item.text, (bool(item.bold), bool(item.italic))))
    text = "".join(styled(text, style) for text, style in merged(pieces))
    # (the style's id as the paragraph gives it: `paragraph.style` looks the document's
    # default style up among all its styles for each paragraph without one, 1.7 ms each)
    level = levels.get(paragraph._p.style or "", 0)
    return f"{'#' * level} {text.strip()}" if level and text.strip() else text


def merged(pieces: list[tuple[str, tuple[bool, bool]]]) -> list[tuple[str, tuple[bool, bool]]]:
    """Runs of the same style as one (Word parts a line into runs wherever it was edited:
    "Qwen3 " and "Technical Report", both bold, are one bold text)."""
    found: list[tuple[str, tuple[bool, bool]]] = []
    for text, style in pieces:
        if found and (found[-1][1] == style or not text.strip()):
            found[-1] = (found[-1][0] + text, found[-1][1])
        else:
            found.append((text, style))
    return found


def styled(text: str, style: tuple[bool, bool]) -> str:
    """A text with the Markdown marks of its style, its white space and line breaks outside
    them (Markdown reads no "** bold **")."""
    mark = STYLE_MARKS.get(style)
    if not mark or not text.strip():
        return text
    return "\n".join(
        f"{line[:len(line) - len(line.lstrip())]}{mark}{line.strip()}{mark}"
        f"{line[len(line.rstrip()):]}" if line.strip() else line
        for line in text.split("\n"))


def heading_levels(document: Document) -> dict[str, int]:
    """The level, 1 to 6, of each heading style of the document by its id ("Heading 2",
    WPS's "标题 2", "Title")."""
    levels = {}
    for style in document.styles:
        words = (style.name or "").replace("标题", "heading ").lower().split()
        if words[:1] == ["title"]:
            levels[style.style_id] = 1
        elif words[:1] == ["heading"] and len(words) == 2 and words[1].isdigit():
            levels[style.style_id] = min(max(int(words[1]), 1), 6)
    return levels


def table_cells(table: Table, levels: dict[str, int]) -> list[list[str]]:
    """A table's rows of cells, each cell's paragraphs as its lines."""
    return [["\n".join(paragraph_markdown(paragraph, levels) for paragraph in cell.paragraphs)
             for cell in row.cells] for row in table.rows]


def is_table_of_a_paper(cells: list[list[str]]) -> bool:
    """Whether a table is one paper's, its fields by their labels or its two languages
    side by side (see `bitext.digestlines.rows_as_lines`), not a table of papers."""
    from bitext.digestlines import rows_as_lines

    one_line = [[" ".join(cell.split()) for cell in row] for row in cells]
    return bool(one_line) and rows_as_lines(one_line[0], one_line[1:]) is not None


def markdown_table(cells: list[list[str]]) -> list[str]:
    """A table of a paper as a digest's Markdown table (which reads it: see
    `bitext.digestlines.table_pieces`): a line a row, and the row of dashes under the
    first; a cell's paragraphs parted by line breaks, as a table's cells are (see
    `bitext.inline_html`)."""
    def cell_line(cell: str) -> str:
        parts = [" ".join(part.split()) for part in cell.split("\n") if part.strip()]
        return "<br><br>".join(parts).replace("|", "\\|")

    rows = ["| " + " | ".join(map(cell_line, row)) + " |" for row in cells]
    return [rows[0], "|" + " --- |" * len(cells[0]), *rows[1:]]


def table_items(blocks: list[Paragraph | Table], levels: dict[str, int],
                tables: dict[int, list[list[str]]]) -> list[TableItem]:
    """The rows of a document's tables (their cells in `tables`, by the table's id), each
    table's first row its header, numbered one after another through the document; the
    day of a paragraph above a table that gives one (see `bitext.table.markdown_rows`)."""
    import datetime as dt

    from docx.table import Table

    from bitext.digestlines import day_of_line

    items: list[TableItem] = []
    number = 0
    for block in blocks:
        if not isinstance(block, Table):
            number += 1
            day = day_of_line(paragraph_markdown(block, levels).strip())
            if isinstance(day, dt.date):
                items.append(("day", number, day))
            continue
        for index, cells in enumerate(tables[id(block)]):
            number += 1
            items.append(("header" if index == 0 else "row", number, cells))
    return items
