"""`import` of MEDLINE, as PubMed saves its records (a `.nbib`, or Save → PubMed format)
and its E-utilities answer them: every real paper of the 30 sample days written as
PubMed writes a record, and a real record whole (`tests/fixtures/medline/`)."""

import datetime as dt
import io
import json
import sys
import textwrap

from bitext.sources import detect_format, read_records
from tests.conftest import FIXTURES, make_project, snapshot
from tests.test_import import imported, run_import
from tests.test_import_bibtex import paragraphs, sample_days
from tests.test_import_ris import last_first
from tests.test_import_sources import LANGUAGES

RECORDS = FIXTURES / "medline" / "pubmed-2006.nbib"


def tagged(tag: str, value: str) -> str:
    """A tag's line as PubMed writes it: the tag padded to four, its value wrapped at
    column 80, going on after six spaces."""
    lines = textwrap.wrap(value, 80 - 6, break_long_words=False, break_on_hyphens=False)
    return f"{tag:<4}- " + "\n      ".join(lines) + "\n"


def pubmed_record(paper: dict, pmid: int) -> str:
    """A paper as PubMed's record of it: its title with PubMed's full stop, its abstract
    one paragraph, each author's full and short name, the first's address with an
    e-mail, the day it appeared online, the journal, MeSH headings, the DOI among the
    article's ids, and the bookkeeping that PubMed adds."""
    title = paper["title"] if paper["title"].rstrip().endswith(("?", "!")) else (
        " ".join(paper["title"].split()) + ".")
    authors = "".join(tagged("FAU", last_first(author["name"]))
                      + tagged("AU", author["name"]) for author in paper["authors"])
    return (tagged("PMID", str(pmid)) + "OWN - NLM\nSTAT- Publisher\nLR  - 20250603\n"
            "IS  - 1476-4687 (Electronic)\nDP  - 2025 Jun\n" + tagged("TI", title)
            + tagged("AB", " ".join(paragraphs(paper["summary"])))
            + tagged("AD", "School of Computing, A University, Singapore. a.b@example.org")
            + authors + "LA  - eng\nPT  - Journal Article\nDEP - 20250602\nPL  - England\n"
            "TA  - Nature\nJT  - Nature\nJID - 0410462\nSB  - IM\n"
            "MH  - Humans\nMH  - Language/*statistics & numerical data\n"
            "EDAT- 2025/06/03 06:00\nCRDT- 2025/06/02 23:42\n"
            f"AID - 10.1038/s41586-025-{pmid} [doi]\nAID - {pmid} [pii]\n"
            "PST - aheadofprint\nSO  - Nature. 2025 Jun 2. doi: 10.1038/s41586.\n\n")


def test_every_real_paper_reads_from_medline_as_from_the_daily_papers():
    """Each sample day written as one .nbib: each paper reads back to the title (without
    PubMed's full stop), abstract (one paragraph), authors (from "Last, First") that the
    daily papers' JSON gives, with the day it appeared online, the journal, the DOI, its
    PubMed page and MeSH's headings as keywords for the tag rules."""
    read = 0
    for name, papers in sample_days().items():
        daily, _ = read_records(json.dumps([{"paper": paper} for paper in papers]), name, "hf",
                                LANGUAGES)
        text = "\n" + "".join(pubmed_record(paper, 40000000 + number)
                              for number, paper in enumerate(papers))
        assert detect_format(text, "-", LANGUAGES) == "medline"
        records, problems = read_records(text, name.replace(".json", ".nbib"), None,
                                         LANGUAGES)
        assert problems == []
        assert len(records) == len(daily) == len(papers)
        for number, (expected, record) in enumerate(zip(daily, records, strict=True)):
            pmid = 40000000 + number
            assert record.titles == expected.titles, record.line
            assert record.abstracts == (expected.abstracts[0].replace("\n\n", " "), None)
            assert record.authors == expected.authors, record.line
            assert record.affiliation == "School of Computing, A University, Singapore."
            assert (record.date, record.year, record.venue) == (dt.date(2025, 6, 2), 2025,
                                                                "Nature")
            assert record.links == {"doi": f"https://doi.org/10.1038/s41586-025-{pmid}",
                                    "page": f"https://pubmed.ncbi.nlm.nih.gov/{pmid}/"}
            assert record.extra_terms == ("Humans", "Language")
            read += 1
    assert read == 561


def test_a_pubmed_export_imports_its_records_and_names_those_without_an_abstract(
        tmp_path, capsys):
    """A real record whole, and two as PubMed gives them without an abstract (a letter's,
    trimmed): those are problems at their PMID's line, and nothing is written; without
    them, the paper as its record gives it."""
    project = make_project(tmp_path / "site", {})
    assert run_import(project, str(RECORDS)) == 1
    assert capsys.readouterr().err.splitlines() == [
        f"{RECORDS}:93: abstract: the abstract tag is empty (expected the abstract in "
        "English, found nothing) — give the record its abstract (TI, AB; PubMed has no "
        "abstract for some papers, letters and comments: leave those out of the export)",
        f"{RECORDS}:104: abstract: the abstract tag is empty (expected the abstract in "
        "English, found nothing) — give the record its abstract (TI, AB; PubMed has no "
        "abstract for some papers, letters and comments: leave those out of the export)",
        "2 errors in 1 file; nothing was written."]
    assert snapshot(project / "content/papers") == {}

    whole = tmp_path / "agile.nbib"
    whole.write_text(RECORDS.read_text("utf-8").split("\n\nPMID- 31978945")[0], "utf-8")
    assert run_import(project, str(whole)) == 0
    [agile] = imported(project).values()
    assert agile.title.primary == ("Agile methods in biomedical software development: a "
                                   "multi-site experience report")
    assert agile.abstract.primary.text.startswith("BACKGROUND: Agile is an iterative approach")
    assert agile.abstract.primary.text.endswith("others seeking to adopt these methods.")
    assert agile.authors == ("David W Kane", "Moses M Hohman", "Ethan G Cerami",
                             "Michael W McCormick", "Karl F Kuhlmann", "Jeff A Byrd")
    assert agile.affiliation == "SRA International, 4300 Fair Lakes Court, Fairfax, VA 22033, USA."
    assert (agile.date, agile.venue) == (dt.date(2006, 5, 30), "BMC bioinformatics")
    assert sorted((link.kind, link.url) for link in agile.links) == [
        ("doi", "https://doi.org/10.1186/1471-2105-7-273"),
        ("page", "https://pubmed.ncbi.nlm.nih.gov/16734914/")]
    assert agile.awaiting_translation


def test_a_record_of_an_article_in_another_language_and_of_a_day_in_print(monkeypatch):
    """PubMed's English title of an article in another language is in brackets, which
    are no part of it; a record without DEP is dated by its DP where that names a day, and
    only given its year where it names a month ("2012 Sep"). Read from standard input,
    as `--format medline`."""
    agile = RECORDS.read_text("utf-8").split("\n\nPMID- 31978945")[0].replace(
        "DEP - 20060530\n", "")
    bracketed = agile.replace(
        "TI  - Agile methods in biomedical software development: a multi-site experience\n"
        "      report.", "TI  - [Agile methods in biomedical software development].").replace(
        "DP  - 2006", "DP  - 2006 Jun 1")
    by_month = agile.replace("DP  - 2006", "DP  - 2006 Sep")
    records, problems = read_records(bracketed + "\n" + by_month, "-", "medline", LANGUAGES)
    assert problems == []
    assert [(record.titles[0], record.date, record.year) for record in records] == [
        ("Agile methods in biomedical software development", dt.date(2006, 6, 1), 2006),
        ("Agile methods in biomedical software development: a multi-site experience report",
         None, 2006)]


def test_a_nbib_file_is_medline_by_its_name(monkeypatch, tmp_path, capsys):
    """PubMed's .nbib after a line of text (a file edited by hand) is still read as
    MEDLINE, by its name; the import reads it from standard input when told the format."""
    text = "Exported from PubMed\n" + RECORDS.read_text("utf-8").split(
        "\n\nPMID- 31978945")[0]
    assert detect_format(text, "export.nbib", LANGUAGES) == "medline"
    project = make_project(tmp_path / "site", {})
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text.encode())))
    assert run_import(project, "--format", "medline", "-", "--date", "2025-06-02") == 0
    assert [paper.date for paper in imported(project).values()] == [dt.date(2025, 6, 2)]
