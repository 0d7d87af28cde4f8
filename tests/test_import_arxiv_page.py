"""`import` of a copy of arXiv's abstract page (a browser's "select all, copy" of
`arxiv.org/abs/ID`): every real paper of the 30 sample days laid out as the page is."""

import datetime as dt
import json

import pytest

from bitext.sources import detect_format, read_records
from tests.conftest import make_project, snapshot
from tests.test_import import run_import
from tests.test_import_bibtex import paragraphs, sample_days
from tests.test_import_sources import CHINESE_ABSTRACTS, CHINESE_TITLES, LANGUAGES


def page_copy(paper: dict, translated: int | None = None) -> str:
    """A paper's abstract page as its copy gives it: the category's breadcrumb, the day it
    was submitted, the title, the authors, the links, the abstract after "Abstract:" (a
    paragraph a line), the fields parted from their values by a tab, the submission's
    history. `translated`: as Immersive Translate makes it bilingual, each line's
    translation below it (the translated title and abstract the `translated`th of the
    tests' Chinese texts)."""
    day = dt.date.fromisoformat(paper["publishedAt"][:10])

    def and_translation(line: str, translation: str) -> list[str]:
        return [line] if translated is None else [line, translation]

    lines = [*and_translation("Computer Science > Computation and Language",
                              "计算机科学 > 计算与语言"),
             *and_translation(f"[Submitted on {day.day} {day:%b %Y}]",
                              f"[提交于 {day.year} 年 {day.month} 月 {day.day} 日]"),
             *and_translation(" ".join(paper["title"].split()),
                              CHINESE_TITLES[(translated or 0) % len(CHINESE_TITLES)]),
             ", ".join(author["name"] for author in paper["authors"]),
             *and_translation("View PDF HTML (experimental)", "查看 PDF HTML（实验性）")]
    parts = paragraphs(paper["summary"])
    for number, part in enumerate(parts):
        lines.append(("Abstract:" if number == 0 else "") + part)
        if translated is not None:
            lines.append(("摘要：" if number == 0 else "")
                         + CHINESE_ABSTRACTS[(translated + number) % len(CHINESE_ABSTRACTS)])
    lines += ["Comments:\t12 pages, 5 figures", "Subjects:\tComputation and Language (cs.CL);"
              " Artificial Intelligence (cs.AI)", f"Cite as:\tarXiv:{paper['id']} [cs.CL]",
              f" \t(or arXiv:{paper['id']}v1 [cs.CL] for this version)", " ",
              f"https://doi.org/10.48550/arXiv.{paper['id']}", "Focus to learn more",
              "Submission history", "From: A. Author [view email]",
              f"[v1] {day:%a, %d %b %Y} 17:59:02 UTC (5,067 KB)", ""]
    return "\n".join(lines)


def expected_translation(paper: dict, number: int) -> tuple[str, str]:
    count = len(paragraphs(paper["summary"]))
    return (CHINESE_TITLES[number % len(CHINESE_TITLES)], "\n\n".join(
        CHINESE_ABSTRACTS[(number + at) % len(CHINESE_ABSTRACTS)] for at in range(count)))


@pytest.mark.parametrize("bilingual", [False, True], ids=["copy", "immersive-translate"])
def test_every_real_paper_reads_from_a_copy_of_its_abstract_page(bilingual):
    """Each sample day's papers as copies of their pages one after another: each reads
    back to the title, abstract, authors and id of its import from the daily papers, its
    day the one it was submitted on, its categories for the tag rules; a bilingual copy
    gives its translations. Before: the breadcrumb, the authors and the citation read as
    papers' titles, without a problem."""
    read = 0
    for name, papers in sample_days().items():
        daily, _ = read_records(json.dumps([{"paper": paper} for paper in papers]), name, "hf",
                                LANGUAGES)
        text = "\n".join(page_copy(paper, number if bilingual else None)
                         for number, paper in enumerate(papers))
        assert detect_format(text, "copy.txt", LANGUAGES) == "arxiv"
        records, problems = read_records(text, "copy.txt", None, LANGUAGES)
        assert problems == []
        assert len(records) == len(papers)
        for number, (expected, record, paper) in enumerate(zip(daily, records, papers,
                                                               strict=True)):
            translation = expected_translation(paper, number) if bilingual else (None, None)
            assert record.titles == (expected.titles[0], translation[0]), record.line
            assert record.abstracts == (expected.abstracts[0], translation[1]), record.line
            assert (record.authors, record.arxiv) == (expected.authors, expected.arxiv)
            assert record.date == dt.date.fromisoformat(paper["publishedAt"][:10])
            assert record.extra_terms == ("cs.CL", "cs.AI")
            read += 1
    assert read == 561


def test_a_revised_paper_published_elsewhere_gives_its_first_day_venue_doi_and_code():
    paper = sample_days()["2025-06-02.json"][0]
    text = page_copy(paper).replace(
        "[Submitted on", "[Submitted on 30 May 2025 (v1), last revised 2 Jun 2025 (this "
        "version, v2)] [ignored").replace(
        "Comments:\t12 pages, 5 figures", "Comments:\tAccepted at ICML 2025. Code: "
        "https://github.com/example/prorl\nJournal reference:\tICML 2025\nRelated DOI:\t"
        "https://doi.org/10.1145/3700001.3700002")
    text = text.replace(text[text.index("[ignored"):text.index("\n", text.index("[ignored"))],
                        "")
    [record], problems = read_records(text, "copy.txt", None, LANGUAGES)
    assert problems == []
    assert record.date == dt.date(2025, 5, 30)
    assert record.venue == "ICML 2025"
    assert record.links["code"] == "https://github.com/example/prorl"
    assert record.links["doi"] == "https://doi.org/10.1145/3700001.3700002"


def test_a_copy_of_part_of_the_page_is_a_problem_that_names_the_address_to_import(
        tmp_path, capsys):
    """A copy that stops before the abstract (or lacks its citation's line): its problem
    says what is missing and the command that reads the page itself; nothing is written."""
    papers = sample_days()["2025-06-02.json"][:2]
    whole, cut = page_copy(papers[0]), page_copy(papers[1])
    cut = cut[:cut.index("Abstract:")] + cut[cut.index("Comments:"):]
    copy = tmp_path / "pages.txt"
    copy.write_text(whole + "\n" + cut, encoding="utf-8")
    project = make_project(tmp_path / "site", {})
    assert run_import(project, str(copy)) == 1
    error = capsys.readouterr().err
    line = len(whole.split("\n")) + 2  # (the second page's line of its submission)
    assert (f"pages.txt:{line}: a copy of arXiv's abstract page without abstract" in error
            and "python build.py import https://arxiv.org/abs/ID" in error)
    assert snapshot(project / "content/papers") == {}
