"""`import` of RIS: every real paper of the 30 sample days written as Zotero and as IEEE
Xplore write RIS, and records in the shapes of Scopus's and EndNote's exports."""

import datetime as dt
import json

import pytest

from bitext.sources import detect_format, read_records
from tests.conftest import make_project
from tests.test_import import imported, run_import
from tests.test_import_bibtex import paragraphs, sample_days
from tests.test_import_sources import CHINESE_TITLES, LANGUAGES


def last_first(name: str) -> str:
    """"An Yang" as RIS writes an author: "Yang, An"."""
    first, _, last = name.rpartition(" ")
    return f"{last}, {first}" if first else name


def zotero_record(paper: dict) -> str:
    """As Zotero writes an arXiv preprint: an abstract's paragraphs a line each, the day
    as "2025/05/14/", arXiv's DOI and address, its id in a note."""
    authors = "".join(f"AU  - {last_first(author['name'])}\n" for author in paper["authors"])
    return (f"TY  - PREPRINT\nTI  - {paper['title']}\n{authors}"
            f"AB  - " + "\n".join(paragraphs(paper["summary"])) + "\n"
            "DA  - 2025/06/02/\nPY  - 2025\n"
            f"DO  - 10.48550/arXiv.{paper['id']}\nDP  - arXiv.org\nPB  - arXiv\n"
            f"UR  - http://arxiv.org/abs/{paper['id']}\nY2  - 2025/06/03/08:14:02\n"
            f"N1  - arXiv:{paper['id']} [cs]\n"
            "KW  - Computer Science - Computation and Language\nER  - \n\n")


def ieee_record(paper: dict) -> str:
    """As IEEE Xplore writes a conference paper: its fields in another order, authors
    with their initials and no comma, empty tags, the abstract on one line, a day that
    RIS does not read ("27-30 June 2025"), CRLF line ends and ER without a space."""
    authors = "".join(f"AU  - {author['name']}\n" for author in paper["authors"])
    text = (f"TY  - CONF\nTI  - {paper['title']}\n"
            "T2  - 2025 IEEE/CVF Conference on Computer Vision and Pattern Recognition (CVPR)\n"
            f"SP  - 1\nEP  - 10\n{authors}PY  - 2025\nKW  - Training\n"
            f"DO  - 10.1109/CVPR.2025.{paper['id']}\nIS  - \nSN  - 2575-7075\nVO  - \n"
            f"Y1  - 27-30 June 2025\nAB  - {' '.join(paragraphs(paper['summary']))}\nER  -\n")
    return text.replace("\n", "\r\n")


@pytest.mark.parametrize("write_record", [zotero_record, ieee_record])
def test_every_real_paper_reads_from_ris_as_from_the_daily_papers(write_record):
    """Each sample day written as one .ris: each paper reads back to the title, abstract,
    authors and arXiv id that the daily papers' JSON gives (the abstract one paragraph in
    IEEE's, which writes it on one line)."""
    read = 0
    for name, papers in sample_days().items():
        daily, _ = read_records(json.dumps([{"paper": paper} for paper in papers]), name, "hf",
                                LANGUAGES)
        text = "\ufeff" + "".join(write_record(paper) for paper in papers)
        assert detect_format(text, "-", LANGUAGES) == "ris"
        records, problems = read_records(text, name.replace(".json", ".ris"), None, LANGUAGES)
        assert problems == []
        assert len(records) == len(daily) == len(papers)
        for expected, record, paper in zip(daily, records, papers, strict=True):
            assert record.titles == expected.titles, record.line
            assert record.authors == expected.authors, record.line
            if write_record is zotero_record:
                assert record.abstracts == expected.abstracts, record.line
                assert record.arxiv == expected.arxiv
                assert (record.date, record.year) == (dt.date(2025, 6, 2), 2025)
                assert record.venue is None  # (arXiv publishes; it is no venue)
            else:
                assert record.abstracts == (expected.abstracts[0].replace("\n\n", " "), None)
                assert record.links["doi"] == f"https://doi.org/10.1109/CVPR.2025.{paper['id']}"
                assert (record.date, record.year) == (None, 2025)
                assert record.venue == ("2025 IEEE/CVF Conference on Computer Vision and "
                                        "Pattern Recognition (CVPR)")
            read += 1
    assert read == 561


SCOPUS = """TY  - CONF
AU  - Sakib, S.K.
AU  - Das, A.B.
TI  - Explainable Vertical Federated Learning for Healthcare: Ensuring Privacy and Optimal Accuracy
PY  - 2024
T2  - Proceedings - 2024 IEEE International Conference on Big Data, BigData 2024
SP  - 8736
EP  - 8738
DO  - 10.1109/BigData62323.2024.10825868
UR  - https://www.scopus.com/inward/record.uri?eid=2-s2.0-85218046567&partnerID=40
AD  - Department of Computer Science, University of Tulsa, Tulsa, United States
AD  - Department of Computer Science, University of Tulsa, Tulsa, United States
AB  - Vertical federated learning (VFL) keeps each party's features; we explain its \
predictions with $O(n^2)$ cost and *no* shared data. © 2024 IEEE.
KW  - Explainable AI
KW  - Federated learning
PB  - Institute of Electrical and Electronics Engineers Inc.
LA  - English
J2  - Proc. - IEEE Int. Conf. Big Data, BigData
M3  - Conference paper
DB  - Scopus
N1  - Export Date: 05 June 2025; Cited By: 0
ER  -

TY  - JOUR
T1  - Are We Done with MMLU?
TT  - {zh_title}
A1  - Gema, Aryo Pradipta
A1  - Leang, Joshua Ong Jun
JF  - Transactions on Machine Learning Research
Y1  - 2025/06/10
N2  - We identify errors in MMLU.

We release MMLU-Redux,
a subset of 5,700 questions.
ER  -
"""


def test_scopus_and_endnote_records_import_into_paper_files(tmp_path, capsys):
    """Scopus's record (an affiliation per author, a database's address, keywords) and
    EndNote's (T1, A1, N2 for the abstract over several lines, a Chinese title in TT):
    each paper file holds what the record gave, and the report names the tags left out."""
    project = make_project(tmp_path / "site", {})
    ris = tmp_path / "export.ris"
    ris.write_text(SCOPUS.replace("{zh_title}", CHINESE_TITLES[5]), "utf-8")
    assert run_import(project, str(ris), "--date", "2025-06-12") == 0
    out = capsys.readouterr().out
    papers = imported(project)
    vfl = papers["explainable-vertical-federated-learning-for-healthcare-ensuring-privacy-and"]
    assert vfl.authors == ("S.K. Sakib", "A.B. Das")
    assert vfl.affiliation == ("Department of Computer Science, University of Tulsa, Tulsa, "
                               "United States")
    assert vfl.venue == "Proceedings - 2024 IEEE International Conference on Big Data, BigData 2024"
    assert (vfl.date, vfl.year) == (dt.date(2025, 6, 12), 2024)
    assert vfl.doi == "10.1109/BigData62323.2024.10825868"
    assert vfl.link("page").startswith("https://www.scopus.com/inward/record.uri?")
    # (RIS is plain text: Markdown's marks stay characters, math is rendered)
    source = (project / vfl.source).read_text("utf-8")
    assert r"with $O(n^2)$ cost and \*no\* shared data. © 2024 IEEE." in source
    assert "<math" in vfl.abstract.primary.html and "<em>" not in vfl.abstract.primary.html
    mmlu = papers["are-we-done-with-mmlu"]
    assert (mmlu.title.primary, mmlu.title.secondary) == ("Are We Done with MMLU?",
                                                          CHINESE_TITLES[5])
    assert mmlu.authors == ("Aryo Pradipta Gema", "Joshua Ong Jun Leang")
    assert mmlu.venue == "Transactions on Machine Learning Research"
    assert mmlu.date == dt.date(2025, 6, 12)  # (--date wins over an input's day, as for all)
    # (a line of the abstract a paragraph, as Zotero and EndNote write them)
    assert mmlu.abstract.primary.block_html == (
        "<p>We identify errors in MMLU.</p>\n", "<p>We release MMLU-Redux,</p>\n",
        "<p>a subset of 5,700 questions.</p>\n")
    assert mmlu.awaiting_translation
    assert ("export.ris: RIS tags left out (no field of a paper file holds them): "
            "SP (pages), EP (end page), PB (publisher), LA (language), N1 (notes)") in out
    assert "2 created" in out


def test_a_record_without_its_end_is_a_problem_at_its_line_and_nothing_is_written(
        tmp_path, capsys):
    text = ("TY  - JOUR\nTI  - Good\nAB  - Fine.\nER  - \n\n"
            "TY  - JOUR\nTI  - Cut\nAB  - Its ER deleted.\n\n"
            "TY  - JOUR\nTI  - After\nAB  - Read.\nER  - \n\n"
            "TY  - JOUR\nTI  - Last\nAB  - The file cut short.\n")
    records, problems = read_records(text, "x.ris", None, LANGUAGES)
    assert [record.titles[0] for record in records] == ["Good", "After"]
    assert [(problem.line, problem.message, problem.found) for problem in problems] == [
        (6, "a RIS record without its end", "the next record's TY at line 10"),
        (15, "a RIS record without its end", "the end of the file")]
    project = make_project(tmp_path / "site", {})
    (tmp_path / "x.ris").write_text(text, "utf-8")
    before = sorted(project.rglob("*"))
    assert run_import(project, str(tmp_path / "x.ris")) == 1
    err = capsys.readouterr().err
    assert ("x.ris:6: a RIS record without its end (expected ER  - after the record's last "
            "tag, found the next record's TY at line 10) — was the file cut short") in err
    assert "Traceback" not in err
    assert sorted(project.rglob("*")) == before


def test_a_record_without_an_abstract_says_where_one_is_had():
    records, problems = read_records("TY  - JOUR\nTI  - Attention Is All You Need\nER  - \n",
                                     "x.ris", None, LANGUAGES)
    assert records == []
    assert [(problem.line, problem.field, problem.message) for problem in problems] == [
        (1, "abstract", "the abstract tag is empty")]
    assert "bitext import https://arxiv.org/abs/ID" in problems[0].hint


@pytest.mark.parametrize(("tags", "day", "year"), [
    ("DA  - 2025/05/14/\nPY  - 2025", dt.date(2025, 5, 14), 2025),  # Zotero
    ("PY  - 2025/05/14/", dt.date(2025, 5, 14), 2025),  # RIS before 2011
    ("Y1  - 2025/05/14", dt.date(2025, 5, 14), 2025),  # Mendeley, EndNote
    ("DA  - 2025-05-14", dt.date(2025, 5, 14), 2025),
    ("DA  - 2025/05//\nPY  - 2025", None, 2025),
    ("PY  - 2025///", None, 2025),
    ("DA  - MAY 2025\nPY  - 2025", None, 2025),  # Web of Science
    ("DA  - 2025/02/30/", None, 2025),
    ("DA  - 2020/06/01/\nPY  - 2019", dt.date(2020, 6, 1), 2019),
    ("", None, None),
])
def test_a_paper_is_dated_by_its_record_only_where_it_names_a_day(tags, day, year):
    records, problems = read_records(f"TY  - JOUR\nTI  - T\nAB  - A.\n{tags}\nER  - \n",
                                     "x.ris", None, LANGUAGES)
    assert problems == []
    assert (records[0].date, records[0].year) == (day, year)


def test_a_ris_file_is_told_by_its_name_or_its_first_record():
    assert detect_format("\n\nTY  - JOUR\nTI  - T\n", "-", LANGUAGES) == "ris"
    assert detect_format("anything", "refs.RIS", LANGUAGES) == "ris"
    assert detect_format("Title\nTY  - JOUR\n", "-", LANGUAGES) == "digest"


def test_a_translated_title_is_the_translation_by_its_script_either_way_round():
    """CNKI's and Wanfang's records of a Chinese paper give its Chinese title in TI and
    the English one in TT; an English paper's record may hold its Chinese title in TT."""
    for title, translated in (("Are We Done with MMLU?", CHINESE_TITLES[5]),
                              (CHINESE_TITLES[5], "Are We Done with MMLU?")):
        records, problems = read_records(
            f"TY  - JOUR\nTI  - {title}\nTT  - {translated}\nAB  - We find errors.\nER  - \n",
            "x.ris", None, LANGUAGES)
        assert problems == []
        assert records[0].titles == ("Are We Done with MMLU?", CHINESE_TITLES[5])
