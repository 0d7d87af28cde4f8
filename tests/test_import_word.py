"""`import` of Word documents (.docx): every real paper of the 30 sample days in a
document a day, as an editor keeps a digest in Word or WPS (a heading with the day, each
title in bold that Word parted into runs, a hyperlink to arXiv, the abstracts), the same
papers in a Word table, and the documents that cannot be read."""

import datetime as dt
import io
import re
import zipfile

import docx
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from bitext.sources import read_records
from bitext.worddoc import document_input
from tests.conftest import make_project
from tests.test_import import imported, run_import
from tests.test_import_bibtex import paragraphs, sample_days
from tests.test_import_sources import CHINESE_ABSTRACTS, CHINESE_TITLES, LANGUAGES


def add_hyperlink(paragraph, text: str, address: str, bold: bool = False) -> None:
    """A hyperlink as Word writes one: a relationship to the address, a run inside."""
    relationship = paragraph.part.relate_to(address, RELATIONSHIP_TYPE.HYPERLINK,
                                            is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), relationship)
    run = OxmlElement("w:r")
    if bold:
        properties = OxmlElement("w:rPr")
        properties.append(OxmlElement("w:b"))
        run.append(properties)
    text_element = OxmlElement("w:t")
    text_element.text = text
    run.append(text_element)
    link.append(run)
    paragraph._p.append(link)


def document_of(*texts: str):
    document = docx.Document()
    for text in texts:
        document.add_paragraph(text)
    return document


def document_bytes(document) -> bytes:
    saved = io.BytesIO()
    document.save(saved)
    return saved.getvalue()


def day_document(day: str, papers: list[dict]) -> bytes:
    """A day's papers as an editor writes them in Word: the day in a heading, each title
    in bold in two runs (as Word parts a line it edited), its arXiv page a hyperlink, the
    translated title, the abstract, its translation, an empty paragraph."""
    document = docx.Document()
    document.add_heading(f"HF 论文速递 {day}", level=1)
    for number, paper in enumerate(papers):
        title = " ".join(paper["title"].split())
        cut = title.find(" ") + 1 or len(title)
        line = document.add_paragraph()
        line.add_run(title[:cut]).bold = True
        line.add_run(title[cut:]).bold = True
        add_hyperlink(document.add_paragraph("arXiv: "), f"arxiv.org/abs/{paper['id']}",
                      f"https://arxiv.org/abs/{paper['id']}")
        document.add_paragraph(CHINESE_TITLES[number % len(CHINESE_TITLES)])
        document.add_paragraph(" ".join(paragraphs(paper["summary"])))
        document.add_paragraph(CHINESE_ABSTRACTS[number % len(CHINESE_ABSTRACTS)])
        document.add_paragraph()
    return document_bytes(document)


def test_every_real_paper_reads_from_a_word_document_a_day():
    """Each paper's title (its runs one text), translated title, arXiv id from the
    hyperlink, day from the heading and abstract, as the daily papers give them."""
    read = 0
    for name, papers in sample_days().items():
        day = name.removesuffix(".json")
        text, rows, problems = document_input(day_document(day, papers), f"{day}.docx")
        assert problems == [] and rows is None
        records, problems = read_records(text, f"{day}.docx", None, LANGUAGES)
        assert problems == []
        assert [(record.titles, record.arxiv, record.date) for record in records] == [
            ((" ".join(paper["title"].split()), CHINESE_TITLES[number % len(CHINESE_TITLES)]),
             paper["id"], dt.date.fromisoformat(day)) for number, paper in enumerate(papers)]
        # (the abstracts as the same digest saved as plain text gives them)
        plain = "\n".join(f"{' '.join(paper['title'].split())}\n{paper['id']}\n"
                          f"{CHINESE_TITLES[0]}\n{' '.join(paragraphs(paper['summary']))}\n"
                          f"{CHINESE_ABSTRACTS[0]}\n" for paper in papers)
        saved, problems = read_records(plain, f"{day}.txt", None, LANGUAGES)
        assert problems == []
        assert [record.abstracts[0] for record in records] == [
            record.abstracts[0] for record in saved]
        read += len(records)
    assert read == 561


def test_a_word_tables_rows_read_as_a_tables_under_the_heading_of_their_day():
    """A digest kept as a table in Word: a heading with the day, a header row, a row a
    paper, each title a hyperlink to arXiv, an abstract's paragraphs parted by an empty
    paragraph in the cell."""
    papers = sample_days()["2025-06-02.json"]
    document = docx.Document()
    document.add_heading("2025年6月2日论文速递", level=2)
    table = document.add_table(rows=1, cols=4)
    for cell, name in zip(table.rows[0].cells, ["Title", "中文标题", "Abstract", "摘要"],
                          strict=True):
        cell.text = name
    for number, paper in enumerate(papers):
        cells = table.add_row().cells
        add_hyperlink(cells[0].paragraphs[0], " ".join(paper["title"].split()),
                      f"https://arxiv.org/abs/{paper['id']}", bold=True)
        cells[1].text = CHINESE_TITLES[number % len(CHINESE_TITLES)]
        for index, part in enumerate(paragraphs(paper["summary"])):
            (cells[2].paragraphs[0] if index == 0 else cells[2].add_paragraph()).add_run(part)
            cells[2].add_paragraph()
        cells[3].text = CHINESE_ABSTRACTS[number % len(CHINESE_ABSTRACTS)]
    text, rows, problems = document_input(document_bytes(document), "june.docx")
    assert problems == [] and text == ""
    records, problems = read_records("", "june.docx", None, LANGUAGES, rows)
    assert problems == []
    assert [(record.titles[0], record.arxiv, record.date, record.abstracts[0].count("\n\n"))
            for record in records] == [
        (" ".join(paper["title"].split()), paper["id"], dt.date(2025, 6, 2),
         len(paragraphs(paper["summary"])) - 1) for paper in papers]


def test_a_word_document_imports_into_paper_files(tmp_path, capsys):
    """Through the command line: a line break in a paragraph (Shift+Enter) parts the
    title from its translation, italics stay italics, the file names the paper."""
    document = docx.Document()
    title = document.add_paragraph()
    title.add_run("Qwen3 Technical Report").bold = True
    title.add_run().add_break()
    title.add_run("Qwen3 技术报告")
    abstract = document.add_paragraph("In this work, we present ")
    abstract.add_run("Qwen3").italic = True
    abstract.add_run(", the latest version of the Qwen model family.")
    document.add_paragraph("在本工作中，我们推出了 Qwen3。")
    path = tmp_path / "digest.docx"
    path.write_bytes(document_bytes(document))
    project = make_project(tmp_path / "site", {})
    assert run_import(project, str(path), "--date", "2025-05-14") == 0
    assert "digest.docx:1; 2025-05-14" in capsys.readouterr().out
    paper = imported(project)["qwen3-technical-report"]
    assert (paper.title.primary, paper.title.secondary) == ("Qwen3 Technical Report",
                                                             "Qwen3 技术报告")
    assert paper.abstract.primary.html == (
        "<p>In this work, we present <em>Qwen3</em>, the latest version of the Qwen model "
        "family.</p>\n")


def test_word_documents_that_cannot_be_read_are_said_and_nothing_is_written(
        tmp_path, monkeypatch, capsys):
    """A Word 97–2003 document (before, "not UTF-8 text (found byte 0xd0) — save the file
    as UTF-8", and an .xlsx's words for a .doc), a .docx cut short, an empty one, and one
    that unpacks too large."""
    import bitext.spreadsheet

    project = make_project(tmp_path / "site", {})
    before = sorted(project.rglob("*"))
    (tmp_path / "old.doc").write_bytes(bytes.fromhex("d0cf11e0a1b11ae1") + bytes(504))
    whole = day_document("2025-06-02", sample_days()["2025-06-02.json"])
    (tmp_path / "cut.docx").write_bytes(whole[:4000])
    (tmp_path / "empty.docx").write_bytes(document_bytes(docx.Document()))
    assert run_import(project, *(str(tmp_path / name) for name in (
        "old.doc", "cut.docx", "empty.docx"))) == 1
    err = capsys.readouterr().err
    assert ("old.doc: a Word 97–2003 document (.doc) (expected a .docx document, or the "
            "digest as plain text, found the .doc format, which bitext does not read) — open "
            "it and save it as .docx (Word Document), or as Plain Text (UTF-8)") in err
    assert ("cut.docx: not a Word document that can be read (expected a .docx document as "
            "Word, WPS or LibreOffice saves it, found File is not a zip file)") in err
    assert "empty.docx: an empty document (expected papers: a digest's paragraphs or a " in err
    # (XML's entities that expand, "billion laughs": lxml refuses them, python-docx's
    # parser resolving none)
    nested = "".join(f'<!ENTITY l{n} "{f"&l{n - 1};" * 10}">' for n in range(1, 10))
    laughs = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(document_bytes(document_of("Abstract")))) as source, \
            zipfile.ZipFile(laughs, "w") as target:
        for member in source.infolist():
            part = source.read(member)
            if member.filename == "word/document.xml":
                head, _, body = part.decode("utf-8").partition("?>")
                part = (f'{head}?><!DOCTYPE w:document [<!ENTITY l0 "lol">{nested}]>'
                        + body.replace(">Abstract<", ">&l9;<")).encode("utf-8")
            target.writestr(member, part)
    (tmp_path / "laughs.docx").write_bytes(laughs.getvalue())
    assert run_import(project, str(tmp_path / "laughs.docx")) == 1
    err += capsys.readouterr().err
    assert "laughs.docx: not a Word document that can be read" in err
    (tmp_path / "large.docx").write_bytes(whole)
    monkeypatch.setattr(bitext.spreadsheet, "UNPACKED_MAX", 2**10)
    assert run_import(project, str(tmp_path / "large.docx")) == 1
    err += capsys.readouterr().err
    assert re.search(r"large\.docx: a document too large to read \(expected at most 0 MiB "
                     r"unpacked, found \d+ MiB\)", err), err
    assert "Traceback" not in err
    assert sorted(project.rglob("*")) == before


def test_a_word_document_named_otherwise_is_told_by_its_parts():
    """A .docx saved without its name's ending (a download, standard input) is told by
    its word/document.xml, and an .xlsx is not taken for one."""
    from bitext.worddoc import is_word_document

    whole = day_document("2025-06-02", sample_days()["2025-06-02.json"][:2])
    assert is_word_document(whole, "download") and is_word_document(whole, "-")
    with zipfile.ZipFile(io.BytesIO(whole)) as archive:
        assert "word/document.xml" in archive.namelist()
    import openpyxl

    saved = io.BytesIO()
    openpyxl.Workbook().save(saved)
    assert not is_word_document(saved.getvalue(), "book")


def test_a_heading_of_a_style_named_in_chinese_dates_the_papers():
    """WPS names its heading styles "标题 1" …: such a paragraph is a heading too."""
    from docx.enum.style import WD_STYLE_TYPE

    papers = sample_days()["2025-06-02.json"]
    document = docx.Document()
    heading = document.styles.add_style("标题 2", WD_STYLE_TYPE.PARAGRAPH)
    document.add_paragraph("HF Daily Papers 2025-06-02", style=heading)
    for number, paper in enumerate(papers):
        for text in (" ".join(paper["title"].split()), CHINESE_TITLES[number % 9],
                     " ".join(paragraphs(paper["summary"])), CHINESE_ABSTRACTS[number % 5], ""):
            document.add_paragraph(text)
    text, _, problems = document_input(document_bytes(document), "wps.docx")
    assert problems == [] and text.startswith("## HF Daily Papers 2025-06-02\n")
    records, problems = read_records(text, "wps.docx", None, LANGUAGES)
    assert problems == [] and len(records) == len(papers)
    assert {record.date for record in records} == {dt.date(2025, 6, 2)}


def test_a_word_table_a_paper_reads_as_its_fields_or_its_two_languages():
    """A digest kept in Word with a table a paper, under a heading that numbers it: the
    rows its fields by their labels ("Title", "标题", "Abstract", "摘要"), or its two
    languages side by side ("English" | "中文", a row the titles, a row the abstracts);
    a cell's paragraphs stay the abstract's. Before, the document was read as a table of
    papers: "the header row names 0 abstract columns"."""
    papers = sample_days()["2025-06-02.json"][:5]
    by_labels, side_by_side = docx.Document(), docx.Document()
    for number, paper in enumerate(papers):
        title, translated = " ".join(paper["title"].split()), CHINESE_TITLES[number]
        parts, translation = paragraphs(paper["summary"]), CHINESE_ABSTRACTS[number % 5]
        by_labels.add_heading(f"论文{number + 1}", level=2)
        table = by_labels.add_table(rows=4, cols=2)
        for row, (label, text) in enumerate([("Title", title), ("标题", translated),
                                              ("Abstract", parts[0]), ("摘要", translation)]):
            table.cell(row, 0).text, table.cell(row, 1).text = label, text
        for part in parts[1:]:
            table.cell(2, 1).add_paragraph(part)
        side_by_side.add_heading(str(number + 1), level=3)
        table = side_by_side.add_table(rows=3, cols=2)
        for row, (text, its_translation) in enumerate([("English", "中文"), (title, translated),
                                                       (parts[0], translation)]):
            table.cell(row, 0).text, table.cell(row, 1).text = text, its_translation
        for part in parts[1:]:
            table.cell(2, 0).add_paragraph(part)
    for document in (by_labels, side_by_side):
        text, rows, problems = document_input(document_bytes(document), "papers.docx")
        assert problems == [] and rows is None
        records, problems = read_records(text, "papers.docx", None, LANGUAGES)
        assert problems == []
        assert [(record.titles, record.abstracts[0].split("\n\n"), record.abstracts[1])
                for record in records] == [
            ((" ".join(paper["title"].split()), CHINESE_TITLES[number]),
             paragraphs(paper["summary"]), CHINESE_ABSTRACTS[number % 5])
            for number, paper in enumerate(papers)]
