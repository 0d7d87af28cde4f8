"""`import` of Web of Science's plain text export (Export → Plain text file, Full Record):
every real paper of the 30 sample days written as Web of Science writes a record."""

import datetime as dt
import json
import textwrap

import pytest

from bitext.sources import detect_format, read_records
from bitext.wos import journal_name
from tests.conftest import make_project, snapshot
from tests.test_import import imported, run_import
from tests.test_import_bibtex import paragraphs, sample_days
from tests.test_import_ris import last_first
from tests.test_import_sources import LANGUAGES


def tagged(tag: str, value: str) -> list[str]:
    """A tag's lines: its value wrapped, going on after three spaces."""
    lines = textwrap.wrap(value, 77, break_long_words=False, break_on_hyphens=False)
    return [f"{tag} {lines[0]}", *(f"   {line}" for line in lines[1:])]


def listed(tag: str, items: list[str]) -> list[str]:
    """A tag of items, one a line (authors, addresses)."""
    return [f"{tag} {items[0]}", *(f"   {item}" for item in items[1:])]


def initials(name: str) -> str:
    """"An Yang" as AU writes an author: "Yang, A"."""
    last, _, first = last_first(name).partition(", ")
    return f"{last}, {''.join(part[0] for part in first.split() if part)}" if first else last


def wos_record(paper: dict, number: int) -> list[str]:
    """A paper as Web of Science's Full Record: authors short and full, the title
    wrapped, the journal in capitals, the author keywords and Keywords Plus, the abstract
    on one line, each address after the authors it is of, the month and year, the DOI,
    the references and counts."""
    names = [author["name"] for author in paper["authors"]]
    return ["PT J", *listed("AU", [initials(name) for name in names]),
            *listed("AF", [last_first(name) for name in names]),
            *tagged("TI", " ".join(paper["title"].split())),
            "SO IEEE TRANSACTIONS ON PATTERN ANALYSIS AND MACHINE INTELLIGENCE",
            "LA English", "DT Article", "DE Large language models; Reasoning",
            "ID NEURAL-NETWORKS; ATTENTION",
            # (an abstract on one line, as the export writes it, or wrapped)
            *(tagged("AB", " ".join(paragraphs(paper["summary"]))) if number % 2 else
              ["AB " + " ".join(paragraphs(paper["summary"]))]),
            *listed("C1", [f"[{last_first(names[0])}] Tsinghua Univ, Dept Comp Sci & Technol, "
                           "Beijing 100084, Peoples R China.",
                           "[Other, A] Stanford Univ, Stanford, CA 94305 USA."]),
            "RP Yang, A (corresponding author), Tsinghua Univ, Beijing, Peoples R China.",
            "EM a@example.org",
            *listed("CR", ["Vaswani A, 2017, ADV NEUR IN, V30", "Devlin J, 2019, P NAACL"]),
            "NR 2", "TC 0", "Z9 0", "PU IEEE COMPUTER SOC", "SN 0162-8828",
            "J9 IEEE T PATTERN ANAL", "JI IEEE Trans. Pattern Anal. Mach. Intell.",
            "PD JUN", "PY 2025", "VL 47", "IS 6", "BP 1", "EP 12",
            f"DI 10.1109/TPAMI.2025.{number}", "PG 12", "WC Computer Science, Artificial "
            "Intelligence", "SC Computer Science", f"UT WOS:0012345678{number:05d}",
            "DA 2025-06-02", "ER", ""]


def test_every_real_paper_reads_from_web_of_science_as_from_the_daily_papers():
    """Each sample day written as Web of Science's export (with its byte-order mark, CRLF,
    its FN and VR lines and its EF): each paper reads back to the title (its lines
    joined), abstract (one paragraph), authors (AF's full names) that the daily papers'
    JSON gives, with the journal in a title's capitals, the first address without the
    authors before it, the DOI and the keywords; "JUN" names no day."""
    read = 0
    for name, papers in sample_days().items():
        daily, _ = read_records(json.dumps([{"paper": paper} for paper in papers]),
                                name, "hf", LANGUAGES)
        lines = ["FN Clarivate Analytics Web of Science", "VR 1.0"]
        for number, paper in enumerate(papers):
            lines += wos_record(paper, number)
        text = "\ufeff" + "\r\n".join([*lines, "EF", ""])
        assert detect_format(text, "savedrecs.txt", LANGUAGES) == "wos"
        records, problems = read_records(text, "savedrecs.txt", None, LANGUAGES)
        assert problems == []
        assert len(records) == len(daily) == len(papers)
        for number, (expected, record) in enumerate(zip(daily, records, strict=True)):
            assert record.titles == expected.titles, record.line
            assert record.abstracts == (expected.abstracts[0].replace("\n\n", " "), None)
            assert record.authors == expected.authors, record.line
            assert record.affiliation == ("Tsinghua Univ, Dept Comp Sci & Technol, Beijing "
                                          "100084, Peoples R China.")
            assert (record.date, record.year, record.venue) == (
                None, 2025, "IEEE Transactions on Pattern Analysis and Machine Intelligence")
            assert record.links == {"doi": f"https://doi.org/10.1109/TPAMI.2025.{number}"}
            assert record.extra_terms == ("Large language models", "Reasoning",
                                          "NEURAL-NETWORKS", "ATTENTION")
            read += 1
    assert read == 561


def test_a_web_of_science_export_imports_awaiting_translation_and_names_a_record_without_abstract(
        tmp_path, capsys):
    """A record of a day ("PD JUN 14") dates its paper; one without an abstract (an
    editorial's) is a problem at its PT line, and nothing is written."""
    papers = sample_days()["2025-06-02.json"][:2]
    lines = ["FN Clarivate Analytics Web of Science", "VR 1.0"]
    for number, paper in enumerate(papers):
        lines += [line.replace("PD JUN", "PD JUN 14") for line in wos_record(paper, number)]
    export = tmp_path / "savedrecs.txt"
    export.write_text("\n".join([*lines, "EF"]), "utf-8")
    project = make_project(tmp_path / "site", {})
    assert run_import(project, str(export)) == 0
    assert sorted((paper.date, paper.venue, paper.awaiting_translation)
                  for paper in imported(project).values()) == [
        (dt.date(2025, 6, 14), "IEEE Transactions on Pattern Analysis and Machine Intelligence",
         True)] * 2

    without = ["FN Clarivate Analytics Web of Science", "VR 1.0",
               *(line for line in wos_record(papers[0], 0) if not line.startswith("AB "))]
    (tmp_path / "editorial.ciw").write_text("\n".join([*without, "EF"]), "utf-8")
    other = make_project(tmp_path / "other", {})
    capsys.readouterr()
    assert run_import(other, str(tmp_path / "editorial.ciw")) == 1
    first = without.index("PT J") + 1
    assert capsys.readouterr().err.splitlines()[0] == (
        f"{tmp_path / 'editorial.ciw'}:{first}: abstract: the abstract tag is empty (expected "
        "the abstract in English, found nothing) — give the record its abstract (TI, AB: "
        "export the Full Record; Web of Science has no abstract for some papers, editorials "
        "and letters: leave those out)")
    assert snapshot(other / "content/papers") == {}


@pytest.mark.parametrize("capitals, name", [
    ("NATURE MACHINE INTELLIGENCE", "Nature Machine Intelligence"),
    ("IEEE TRANSACTIONS ON PATTERN ANALYSIS AND MACHINE INTELLIGENCE",
     "IEEE Transactions on Pattern Analysis and Machine Intelligence"),
    ("JOURNAL OF THE AMERICAN CHEMICAL SOCIETY", "Journal of the American Chemical Society"),
    ("NEURO-SYMBOLIC ARTIFICIAL INTELLIGENCE", "Neuro-Symbolic Artificial Intelligence"),
    ("ACM COMPUTING SURVEYS", "ACM Computing Surveys"),
    ("PLOS ONE", "PLOS One"),
    ("Scientific Reports", "Scientific Reports"),
])
def test_a_journal_in_capitals_is_named_in_a_titles_capitals(capitals, name):
    assert journal_name(capitals) == name
