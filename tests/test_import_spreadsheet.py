"""`import` of .xlsx workbooks: every real paper of the 30 sample days in a workbook of a
sheet a day, as an editor keeps a digest in Excel or WPS (a title that links to arXiv,
a day's cell, an abstract's paragraphs in one cell); and the workbooks that cannot be
read."""

import datetime as dt
import io
import json
import re

import openpyxl

from bitext.markdown import MarkdownRenderer
from bitext.sources import read_records
from bitext.spreadsheet import workbook_tables
from tests.conftest import make_project
from tests.test_import import imported, run_import
from tests.test_import_bibtex import paragraphs, sample_days
from tests.test_import_sources import CHINESE_ABSTRACTS, CHINESE_TITLES, LANGUAGES

HEADER = ["标题", "中文标题", "作者", "日期", "年份", "Abstract", "中文摘要", "代码"]


def workbook_bytes(book: openpyxl.Workbook) -> bytes:
    saved = io.BytesIO()
    book.save(saved)
    return saved.getvalue()


def daily_workbook() -> bytes:
    """A sheet for each sample day, its papers in rows under a Chinese header: each title
    a hyperlink to the paper's arXiv page, the day a date cell, the year a number, the
    abstract's paragraphs parted by an empty line in the cell (Alt+Enter twice)."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, papers in sample_days().items():
        sheet = book.create_sheet(name.removesuffix(".json"))
        sheet.append(HEADER)
        for number, paper in enumerate(papers):
            sheet.append([paper["title"], CHINESE_TITLES[number % len(CHINESE_TITLES)],
                          ", ".join(author["name"] for author in paper["authors"]),
                          dt.datetime.fromisoformat(name[:10]), float(name[:4]),
                          "\n\n".join(paragraphs(paper["summary"])),
                          CHINESE_ABSTRACTS[number % len(CHINESE_ABSTRACTS)], None])
            sheet.cell(sheet.max_row, 1).hyperlink = f"https://arxiv.org/abs/{paper['id']}"
    return workbook_bytes(book)


def test_every_real_paper_reads_from_a_workbook_as_from_the_daily_papers():
    sheets, problems = workbook_tables(daily_workbook(), "digest.xlsx")
    assert problems == []
    days = sample_days()
    assert [name for name, _ in sheets] == [
        f"digest.xlsx [{name.removesuffix('.json')}]" for name in days]
    read, markdown = 0, MarkdownRenderer()
    for (sheet, rows), (name, papers) in zip(sheets, days.items(), strict=True):
        daily, _ = read_records(json.dumps([{"paper": paper} for paper in papers]), name, "hf",
                                LANGUAGES)
        records, problems = read_records("", sheet, None, LANGUAGES, rows)
        assert problems == []
        assert len(records) == len(daily) == len(papers)
        for number, (expected, record) in enumerate(zip(daily, records, strict=True)):
            assert record.line == number + 2  # (the row, under the header's)
            assert record.titles == (expected.titles[0],
                                     CHINESE_TITLES[number % len(CHINESE_TITLES)])
            # (the same page: a cell's text is Markdown, as a CSV's is, where the daily
            # papers' is plain text, escaped: "V*Bench" and "V\\*Bench" show one text)
            assert (markdown.render(record.abstracts[0])[0].block_html
                    == markdown.render(expected.abstracts[0])[0].block_html)
            assert record.authors == expected.authors
            assert record.arxiv == expected.arxiv  # (from the title's hyperlink)
            assert record.date == dt.date.fromisoformat(name[:10])
            read += 1
    assert read == 561


def test_a_workbook_imports_into_paper_files_and_a_problem_names_its_sheet_and_row(
        tmp_path, capsys):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "六月"
    sheet.append(HEADER)
    sheet.append(["Are We Done with MMLU?", CHINESE_TITLES[5], "Aryo Pradipta Gema",
                  dt.datetime(2025, 6, 10), 2024, "We identify errors in MMLU.",
                  "我们发现 MMLU 中存在错误。", "https://github.com/aryopg/mmlu-redux"])
    sheet.cell(2, 8).hyperlink = "https://github.com/aryopg/mmlu-redux"
    book.create_sheet("notes")  # (a sheet without a value: no table)
    workbook = tmp_path / "digest.xlsx"
    workbook.write_bytes(workbook_bytes(book))
    project = make_project(tmp_path / "site", {})
    assert run_import(project, str(workbook)) == 0
    out = capsys.readouterr().out
    assert "digest.xlsx:2; 2025-06-10" in out
    mmlu = imported(project)["are-we-done-with-mmlu"]
    assert (mmlu.title.primary, mmlu.title.secondary) == ("Are We Done with MMLU?",
                                                          CHINESE_TITLES[5])
    assert (mmlu.date, mmlu.year) == (dt.date(2025, 6, 10), 2024)
    assert mmlu.link("code") == "https://github.com/aryopg/mmlu-redux"

    book.create_sheet("七月").append(HEADER)
    book["七月"].append(["Qwen3 Technical Report", "Qwen3 技术报告", "An Yang", "2025-07-01",
                        None, None, None, "https://github.com/QwenLM/Qwen3"])
    workbook.write_bytes(workbook_bytes(book))
    before = sorted(project.rglob("*"))
    assert run_import(project, str(workbook)) == 1
    err = capsys.readouterr().err
    assert "digest.xlsx [七月]:2: abstract: the abstract cell is empty" in err
    assert "Traceback" not in err
    assert sorted(project.rglob("*")) == before


def test_workbooks_that_cannot_be_read_are_said_and_nothing_is_written(tmp_path, capsys):
    project = make_project(tmp_path / "site", {})
    before = sorted(project.rglob("*"))
    old = tmp_path / "old.xls"
    old.write_bytes(bytes.fromhex("d0cf11e0a1b11ae1") + bytes(504))
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(daily_workbook()[:4000])  # (a download cut short)
    empty = tmp_path / "empty.xlsx"
    empty.write_bytes(workbook_bytes(openpyxl.Workbook()))
    assert run_import(project, str(old), str(broken), str(empty)) == 1
    err = capsys.readouterr().err
    assert ("old.xls: an Excel 97–2003 workbook (.xls) (expected an .xlsx workbook, or a "
            "table as CSV, found the .xls format, which bitext does not read) — open it and "
            "save it as .xlsx (Excel Workbook) or CSV UTF-8") in err
    assert ("broken.xlsx: not a workbook that can be read (expected an .xlsx workbook as "
            "Excel, WPS or LibreOffice saves it, found File is not a zip file) — open it and "
            "save it again as .xlsx, or as CSV UTF-8") in err
    assert "empty.xlsx: an empty workbook" in err
    assert "Traceback" not in err
    assert sorted(project.rglob("*")) == before


def test_a_caption_over_the_header_row_is_no_header_and_its_day_dates_the_papers():
    """A sheet's title in a merged cell above the header ("HF Daily Papers 2025-06-02"),
    as editors head a sheet: before, it was read as the header, which named no title."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["HF Daily Papers 2025-06-02"])
    sheet.merge_cells("A1:D1")
    sheet.append(["Title", "中文标题", "Abstract", "中文摘要"])
    sheet.append(["Are We Done with MMLU?", CHINESE_TITLES[5], "We identify errors in MMLU.",
                  "我们发现 MMLU 中存在错误。"])
    (name, rows), = workbook_tables(workbook_bytes(book), "june.xlsx")[0]
    (record,), problems = read_records("", name, None, LANGUAGES, rows)
    assert problems == []
    assert (record.line, record.titles[0], record.date) == (3, "Are We Done with MMLU?",
                                                            dt.date(2025, 6, 2))
    # (a CSV's caption too, and one that names no day dates nothing)
    text = ("2025年6月论文速递,,\ntitle,中文标题,abstract\n"
            "Qwen3 Technical Report,Qwen3 技术报告,A.\n")
    (record,), problems = read_records(text, "june.csv", None, LANGUAGES)
    assert problems == [] and (record.line, record.date) == (3, None)


def test_a_workbook_that_unpacks_too_large_or_expands_entities_is_refused(
        tmp_path, monkeypatch, capsys):
    """A zip of a few MiB may unpack to many GiB, and XML's entities may expand ("billion
    laughs"): a workbook named on the command line or downloaded is refused before either,
    with nothing written."""
    import zipfile

    import openpyxl.xml

    import bitext.spreadsheet

    assert openpyxl.xml.DEFUSEDXML  # (openpyxl parses with defusedxml when it is there)
    book = openpyxl.Workbook()
    book.active.append(HEADER)
    packed = workbook_bytes(book)
    laughs = ('<!DOCTYPE worksheet [<!ENTITY lol "lol"><!ENTITY lol2 '
              '"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>')
    bomb = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(packed)) as source, zipfile.ZipFile(bomb, "w") as target:
        for member in source.infolist():
            part = source.read(member)
            if member.filename == "xl/worksheets/sheet1.xml":  # (a cell's text expands)
                part = (laughs + part.decode("utf-8").replace(">Abstract<", ">&lol2;<")
                        ).encode("utf-8")
            target.writestr(member, part)
    (tmp_path / "laughs.xlsx").write_bytes(bomb.getvalue())
    (tmp_path / "large.xlsx").write_bytes(packed)
    project = make_project(tmp_path / "site", {})
    before = sorted(project.rglob("*"))
    assert run_import(project, str(tmp_path / "laughs.xlsx")) == 1
    assert "laughs.xlsx: not a workbook that can be read" in capsys.readouterr().err
    monkeypatch.setattr(bitext.spreadsheet, "UNPACKED_MAX", 2**10)
    assert run_import(project, str(tmp_path / "large.xlsx")) == 1
    err = capsys.readouterr().err
    assert re.search(r"large\.xlsx: a workbook too large to read \(expected at most 0 MiB "
                     r"unpacked, found \d+ MiB\) — save the sheets of papers", err), err
    assert "Traceback" not in err
    assert sorted(project.rglob("*")) == before
