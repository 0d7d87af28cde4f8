"""`import` of Org mode's digests: every real paper of the 30 sample days in an Emacs
outline a day (a heading a paper, a drawer of its properties, its TODO keyword, tags and
log), an org-roam note of one paper, Org's own lines and markup, and a problem that names
the Org file's line."""

import datetime as dt

from bitext.cli import main
from bitext.orgmode import is_org, markdown_of_org
from bitext.sources import detect_format, read_records
from tests.conftest import make_project
from tests.test_import import imported, run_import
from tests.test_import_bibtex import paragraphs, sample_days
from tests.test_import_sources import CHINESE_ABSTRACTS, CHINESE_TITLES, LANGUAGES


def day_outline(day: str, papers: list[dict]) -> str:
    """A day's papers as an Emacs user keeps them: the file's keywords, a heading of the
    day, a heading a paper with a TODO keyword and tags, a drawer of its arXiv id and
    authors (and org-roam's id), a log of its state, the translated title, the abstract's
    paragraphs, its translation."""
    lines = ["#+TITLE: HF 论文速递", "#+STARTUP: overview", "#+TODO: TOREAD | READ", "",
             f"* <{day} Mon>"]
    for number, paper in enumerate(papers):
        lines += [f"** {'READ' if number % 2 else 'TOREAD'} {' '.join(paper['title'].split())}"
                  f"   :hf:p{number}:",
                  ":PROPERTIES:", f":ID:       0b7f{number:04d}-77aa-4c1e-9f7a-2d5e8b0c1a4f",
                  f":ARXIV:    {paper['id']}",
                  f":AUTHORS:  {', '.join(author['name'] for author in paper['authors'])}",
                  ":END:"]
        if number % 2:
            lines += [":LOGBOOK:", f'- State "READ" from "TOREAD" [{day} Mon 10:12]', ":END:"]
        lines += [CHINESE_TITLES[number % len(CHINESE_TITLES)], ""]
        lines += [line for part in paragraphs(paper["summary"]) for line in (part, "")]
        lines += [CHINESE_ABSTRACTS[number % len(CHINESE_ABSTRACTS)], ""]
    return "\n".join(lines)


def test_every_real_paper_reads_from_an_org_outline_a_day():
    """Each paper's title, translated title, arXiv id, authors, tags and day (from its
    heading's timestamp), and its abstract as the same digest in Markdown gives it."""
    read = 0
    for name, papers in sample_days().items():
        day = name.removesuffix(".json")
        records, problems = read_records(day_outline(day, papers), f"{day}.org", None,
                                         LANGUAGES)
        assert problems == []
        assert [(record.titles, record.arxiv, record.date, record.authors, record.tags)
                for record in records] == [
            ((" ".join(paper["title"].split()), CHINESE_TITLES[number % len(CHINESE_TITLES)]),
             paper["id"], dt.date.fromisoformat(day),
             tuple(author["name"] for author in paper["authors"]), ("hf", f"p{number}"))
            for number, paper in enumerate(papers)]
        markdown = "\n".join(
            f"## {' '.join(paper['title'].split())}\n{CHINESE_TITLES[0]}\n\n"
            + "\n\n".join(paragraphs(paper["summary"])) + f"\n\n{CHINESE_ABSTRACTS[0]}\n"
            for paper in papers)
        saved, problems = read_records(markdown, f"{day}.md", None, LANGUAGES)
        assert problems == []
        assert [record.abstracts[0] for record in records] == [
            record.abstracts[0] for record in saved]
        read += len(records)
    assert read == 561


def test_an_org_roam_note_of_one_paper_reads_as_that_paper():
    """A note a paper, as org-roam writes one: a drawer of its id and reference (the
    paper's address) above the file's title and tags, the fields under headings of their
    labels. Its id is left out, its title is the paper's, its file's tags its tags, the
    day it was noted its date."""
    paper = sample_days()["2025-06-02.json"][0]
    title, abstract = " ".join(paper["title"].split()), " ".join(paragraphs(paper["summary"]))
    note = "\n".join([
        ":PROPERTIES:", ":ID:       3b1f6c2e-8a9d-4c1e-9f7a-2d5e8b0c1a4f",
        f":ROAM_REFS: https://arxiv.org/abs/{paper['id']} cite:yang2025",
        ":CREATED:  [2025-06-02 Mon 09:30]", ":END:",
        f"#+title: {title}", "#+filetags: :llm:reasoning:", "",
        "* 中文标题", CHINESE_TITLES[3], "* Abstract", abstract, "* 摘要",
        CHINESE_ABSTRACTS[0], ""])
    records, problems = read_records(note, "20250602-paper.org", None, LANGUAGES)
    assert problems == []
    [record] = records
    assert (record.titles, record.abstracts, record.arxiv, record.tags, record.date) == (
        (title, CHINESE_TITLES[3]), (abstract, CHINESE_ABSTRACTS[0]), paper["id"],
        ("llm", "reasoning"), dt.date(2025, 6, 2))


def test_orgs_own_lines_are_passed_over_and_its_markup_is_markdowns():
    """What an Emacs user's outline holds beside the papers: the file's own TODO keywords,
    a priority, a statistics cookie, a planning line, a log, properties of org's own, a
    description list of fields, an abstract in a quote block, a code block, comments,
    and subtrees that Org's export leaves out (`COMMENT`, `:noexport:`), an org-journal
    entry's time of day; links, emphasis, code and math in Org's markup. A date tree's
    headings date the papers under them."""
    papers = sample_days()["2025-06-02.json"][:4]
    titles = [" ".join(paper["title"].split()) for paper in papers]
    outline = f"""#+TITLE: Reading log
#+TODO: TOREAD READING | READ DROPPED
# a comment of the file's
* 2025
** 2025-06 June
*** 2025-06-03 Tuesday
**** READ [#A] {titles[0]} [1/2]                                  :llm:rl:
CLOSED: [2025-06-03 Tue 10:12]
:PROPERTIES:
:AUTHORS:  An Yang, Baosong Yang
:AFFILIATION: 阿里
:URL:      https://arxiv.org/abs/{papers[0]['id']}
:CUSTOM_ID: qwen
:END:
:LOGBOOK:
- State "READ"       from "TOREAD"     [2025-06-03 Tue 10:12]
:END:
{CHINESE_TITLES[0]}
#+begin_quote
We study *scaling* of /reasoning/ with =k=3= samples at $O(n^2)$ cost, \\(x_i\\) each;
see [[https://github.com/x/y][the code]] and [[id:3b1f][my note]].
#+end_quote
{CHINESE_ABSTRACTS[0]}
#+begin_src python
print("no paper's text")
#+end_src
**** DROPPED 10:15 {titles[1]}
- Authors :: Li Wei, Wang Fang
- arXiv :: [[https://arxiv.org/abs/{papers[1]['id']}][{papers[1]['id']}]]
- 中文标题 :: {CHINESE_TITLES[1]}

: a fixed-width line of the user's own
The second paper's abstract, in one line.

{CHINESE_ABSTRACTS[1]}
**** COMMENT {titles[2]}
{CHINESE_TITLES[2]}
An abstract left out with its paper.
{CHINESE_ABSTRACTS[2]}
**** TOREAD {titles[3]}                                               :noexport:
{CHINESE_TITLES[3]}
Another abstract left out with its paper.
{CHINESE_ABSTRACTS[3]}
"""
    records, problems = read_records(outline, "log.org", None, LANGUAGES)
    assert problems == []
    assert [(record.titles, record.date, record.arxiv, record.tags, record.authors,
             record.affiliation) for record in records] == [
        ((titles[0], CHINESE_TITLES[0]), dt.date(2025, 6, 3), papers[0]["id"], ("llm", "rl"),
         ("An Yang", "Baosong Yang"), "阿里"),
        ((titles[1], CHINESE_TITLES[1]), dt.date(2025, 6, 3), papers[1]["id"], (),
         ("Li Wei", "Wang Fang"), None)]
    assert [record.abstracts for record in records] == [
        ("We study **scaling** of *reasoning* with `k=3` samples at $O(n^2)$ cost, $x_i$ "
         "each; see [the code](https://github.com/x/y) and my note.", CHINESE_ABSTRACTS[0]),
        ("The second paper's abstract, in one line.", CHINESE_ABSTRACTS[1])]


def test_a_drawers_properties_give_the_fields_and_days_they_name():
    """Each paper's translations, authors and day in its drawer, as a capture template
    writes them; a property of the user's own (`:STATUS:`) names no field and is left
    out, as org's own are (`:ID:`)."""
    papers = sample_days()["2025-06-02.json"][:3]
    days = [":CREATED: [2025-06-03 Tue 10:00]", ":DATE: 2025-06-04", ":ADDED: <2025-06-05 Thu>"]
    lines = []
    for number, paper in enumerate(papers):
        lines += [f"* {' '.join(paper['title'].split())}", ":PROPERTIES:",
                  f":TITLE_ZH: {CHINESE_TITLES[number]}", days[number], ":STATUS: done",
                  ":ID: 42", f":AUTHOR: {paper['authors'][0]['name']}",
                  f":ABSTRACT_ZH: {CHINESE_ABSTRACTS[number]}", ":END:",
                  " ".join(paragraphs(paper["summary"])), ""]
    records, problems = read_records("\n".join(lines), "capture.org", None, LANGUAGES)
    assert problems == []
    assert [(record.titles[1], record.abstracts[1], record.date, record.authors)
            for record in records] == [
        (CHINESE_TITLES[number], CHINESE_ABSTRACTS[number], dt.date(2025, 6, 3 + number),
         (paper["authors"][0]["name"],)) for number, paper in enumerate(papers)]


def test_a_problem_names_the_org_files_own_line():
    """The digest's reader passes over Org's own lines without moving the lines after
    them: a problem is at the line of the Org file that has it, and names the Org file's
    lines (here the second paper lacks its translated abstract)."""
    papers = sample_days()["2025-06-02.json"][:3]
    lines = ["#+TITLE: HF 论文速递", "#+STARTUP: overview", "", "* 2025-06-03"]
    for number, paper in enumerate(papers):
        lines += [f"** {' '.join(paper['title'].split())}", ":PROPERTIES:",
                  f":ARXIV: {paper['id']}", ":ID: x", ":END:", ":LOGBOOK:", "- a note", ":END:",
                  CHINESE_TITLES[number], " ".join(paragraphs(paper["summary"]))]
        lines += [CHINESE_ABSTRACTS[number]] if number != 1 else []
    _, problems = read_records("\n".join(lines), "log.org", None, LANGUAGES)
    third = lines.index(f"** {' '.join(papers[2]['title'].split())}") + 1
    second_abstract = lines.index(" ".join(paragraphs(papers[1]["summary"]))) + 1
    [missing] = [problem for problem in problems if problem.line == third]
    assert missing.message == "expected the translated abstract"
    assert f"line {second_abstract} " in missing.hint


def test_an_org_file_is_told_by_its_name_or_its_own_lines():
    markdown_list = "* Qwen3 Technical Report\n* Absolute Zero\n"
    assert detect_format(markdown_list, "digest.md", LANGUAGES) == "digest"
    assert detect_format(markdown_list, "digest.org", LANGUAGES) == "org"
    assert is_org("#+TITLE: Papers\n* Qwen3\n", "-")
    assert is_org("* Qwen3\n:PROPERTIES:\n:ARXIV: 2505.09388\n:END:\n", "-")
    assert not is_org("# Papers\n\n* Qwen3: a list item, *bold*\n", "-")
    # (line for line: each Org line is a Markdown line, or a blank line passed over)
    text, passed_over = markdown_of_org("#+TITLE: A\n#+STARTUP: fold\n* B  :x:\nC\n")
    assert (text.split("\n"), passed_over) == (["# A", "", "# B<br>Tags: x", "C", ""],
                                               frozenset({2}))


def test_org_files_import_alone_and_in_a_folder(tmp_path, capsys):
    """`import` of an .org file, and of a folder of org-roam notes (with a README left
    out), into paper files that build."""
    project = make_project(tmp_path / "site", {})
    day = "2025-06-02"
    papers = sample_days()[f"{day}.json"]
    outline = tmp_path / "log.org"
    outline.write_text(day_outline(day, papers[:3]), "utf-8")
    assert run_import(project, str(outline)) == 0
    notes = tmp_path / "roam"
    notes.mkdir()
    for number, paper in enumerate(papers[3:5]):
        (notes / f"2025060{number}-note.org").write_text("\n".join([
            ":PROPERTIES:", f":ID: {number}", f":ROAM_REFS: https://arxiv.org/abs/{paper['id']}",
            ":END:", f"#+title: {' '.join(paper['title'].split())}", f"#+date: [{day} Mon]",
            "", "* 中文标题", CHINESE_TITLES[number], "* Abstract",
            " ".join(paragraphs(paper["summary"])), "* 摘要", CHINESE_ABSTRACTS[number]]),
            "utf-8")
    (notes / "README.org").write_text("#+TITLE: My notes\nNothing to import.\n", "utf-8")
    assert run_import(project, str(notes)) == 0
    read = imported(project)
    assert sorted(paper.arxiv for paper in read.values()) == sorted(
        paper["id"] for paper in papers[:5])
    assert {paper.date for paper in read.values()} == {dt.date.fromisoformat(day)}
    assert main(["--root", str(project), "build", "--no-search"]) == 0
    for slug, paper in read.items():
        page = (project / "_site" / "papers" / slug / "index.html").read_text("utf-8")
        assert paper.title.secondary in page


def test_an_org_table_of_papers_reads_as_a_tables_rows():
    """A reading list kept as an Org table (its rule `|---+---|`, its links Org's) under
    the file's title and date: each row a paper, as the same table in Markdown reads.
    Before, its rows were read as a digest's lines: "expected the translated abstract"."""
    day = "2025-06-02"
    papers = sample_days()[f"{day}.json"][:6]
    lines = ["#+TITLE: Reading list", f"#+DATE: {day}", "",
             "| Title | 中文标题 | Abstract | 中文摘要 | Link |",
             "|-------+----------+----------+----------+------|"]
    translations = [CHINESE_ABSTRACTS[number % len(CHINESE_ABSTRACTS)]
                    for number in range(len(papers))]
    for number, paper in enumerate(papers):
        lines.append(f"| {' '.join(paper['title'].split())} | {CHINESE_TITLES[number]} | "
                     f"{' '.join(paragraphs(paper['summary']))} | {translations[number]} "
                     f"| [[https://arxiv.org/abs/{paper['id']}][arXiv]] |")
    records, problems = read_records("\n".join(lines), "list.org", None, LANGUAGES)
    assert problems == []
    assert [(record.titles, record.abstracts[1], record.arxiv, record.line, record.date)
            for record in records] == [
        ((" ".join(paper["title"].split()), CHINESE_TITLES[number]),
         translations[number], paper["id"], 6 + number, dt.date.fromisoformat(day))
        for number, paper in enumerate(papers)]


def test_an_org_roam_bibtex_note_reads_as_its_paper():
    """A reference note as org-roam-bibtex's templates write one (version 1's keywords,
    `#+ROAM_KEY` and `#+ROAM_TAGS`; a part over a drawer of the paper's BibTeX fields,
    its authors as BibTeX writes them, "Yang, An and Li, Anfeng"; the abstract; parts of
    the translation; parts left empty for the reader's notes), with or without the part
    over the drawer. Before, its DOI line was the title (a DOI after its label was no
    link) or the note was problems, and its authors were "Yang", "An and Li" …"""
    paper = sample_days()["2025-06-02.json"][1]
    title, abstract = " ".join(paper["title"].split()), " ".join(paragraphs(paper["summary"]))
    names = [author["name"] for author in paper["authors"][:3]]
    bibtex_names = " and ".join(f"{name.split()[-1]}, {' '.join(name.split()[:-1])}"
                                for name in names)
    note = "\n".join([
        f"#+TITLE: {title}", f"#+ROAM_KEY: https://arxiv.org/abs/{paper['id']}",
        "#+ROAM_TAGS: llm reasoning", "", "* 文献概述", ":PROPERTIES:",
        f":Journal: arXiv preprint arXiv:{paper['id']}", ":Year: 2025",
        f":AUTHOR: {bibtex_names}", f":URL: https://arxiv.org/abs/{paper['id']}",
        f":DOI: 10.48550/arXiv.{paper['id']}", ":NOTER_DOCUMENT: ~/papers/alphaone.pdf",
        ":NOTER_PAGE:", ":END:", "", abstract, "", "** 中文标题", CHINESE_TITLES[1], "",
        "** 摘要翻译", CHINESE_ABSTRACTS[0], "", "** 研究内容", "", "** 结论和观点", ""])
    for text in (note, note.replace("* 文献概述\n", "")):
        [record], problems = read_records(text, "alphaone.org", None, LANGUAGES)
        assert problems == []
        assert (record.titles, record.abstracts, record.arxiv, record.authors, record.tags,
                record.links["doi"]) == (
            (title, CHINESE_TITLES[1]), (abstract, CHINESE_ABSTRACTS[0]), paper["id"],
            tuple(names), ("llm", "reasoning"), f"https://doi.org/10.48550/arXiv.{paper['id']}")
