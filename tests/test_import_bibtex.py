"""`import` of BibTeX and BibLaTeX: every real paper of the 30 sample days written as
Zotero and as the ACL Anthology write BibTeX, and entries in the shapes of arXiv's, DBLP's
and Google Scholar's exports."""

import datetime as dt
import json
import re

import pytest
from pylatexenc.latexencode import unicode_to_latex

from bitext.sources import (
    PARAGRAPH_BREAK,
    WRAPPED_AFTER_HYPHEN,
    detect_format,
    read_records,
)
from tests.conftest import FIXTURES, make_project
from tests.test_import import imported, run_import
from tests.test_import_sources import CHINESE_ABSTRACTS, CHINESE_TITLES, LANGUAGES, daily_items

# What Zotero's BibTeX export writes for the characters LaTeX reserves.
ZOTERO_ESCAPES = {"\\": r"{\textbackslash}", "{": r"\{", "}": r"\}", "$": r"\$", "_": r"\_",
                  "%": r"\%", "&": r"\&", "#": r"\#", "^": r"{\textasciicircum}",
                  "~": r"{\textasciitilde}", "<": r"{\textless}", ">": r"{\textgreater}"}
# A word with a capital after its first letter ("LLMs", "GPT-4o"), which Zotero keeps in
# braces so that a bibliography style does not lower it.
CAPITALISED_WORD = re.compile(r"(?<![\\\w{])([A-Za-z]*[A-Z][A-Za-z]*[A-Z][\w-]*)")


def zotero_text(text: str, title: bool = False) -> str:
    escaped = re.sub(r"[\\{}$_%&#^~<>]", lambda match: ZOTERO_ESCAPES[match[0]], text)
    return CAPITALISED_WORD.sub(r"{\1}", escaped) if title else escaped


def acl_text(text: str, title: bool = False) -> str:
    """As the ACL Anthology writes a value in quotes: quotes and apostrophes in braces,
    every letter beyond ASCII as a LaTeX accent in braces ("R{\\'e}")."""
    escaped = zotero_text(text, title).replace("''", "{''}")
    escaped = re.sub(r"(?<!\{)'(?!\})", "{'}", escaped).replace('"', '{"}')
    return "".join("{" + unicode_to_latex(character, non_ascii_only=True) + "}"
                   if ord(character) > 127 and unicode_to_latex(character) != character
                   else character for character in escaped)


def paragraphs(summary: str) -> list[str]:
    """An arXiv abstract's paragraphs, its lines joined (as the daily papers' import
    reads them)."""
    text = WRAPPED_AFTER_HYPHEN.sub("-", summary.strip())
    return [" ".join(part.split()) for part in PARAGRAPH_BREAK.split(text) if part.strip()]


def escaped(paper: dict, escape, and_between: str) -> tuple[str, str]:
    """A paper's abstract (its paragraphs parted by a blank line) and authors, escaped."""
    return ("\n\n".join(escape(part) for part in paragraphs(paper["summary"])),
            and_between.join(escape(author["name"]) for author in paper["authors"]))


def zotero_entry(number: int, paper: dict) -> str:
    abstract, authors = escaped(paper, zotero_text, " and ")
    return (f"@misc{{key{number},\n\ttitle = {{{zotero_text(paper['title'], True)}}},\n"
            f"\turl = {{http://arxiv.org/abs/{paper['id']}}},\n"
            f"\tdoi = {{10.48550/arXiv.{paper['id']}}},\n"
            f"\turldate = {{2025-06-03}},\n\tpublisher = {{arXiv}},\n"
            f"\tauthor = {{{authors}}},\n\tmonth = jun,\n\tyear = {{2025}},\n"
            f"\tnote = {{arXiv:{paper['id']} [cs]}},\n"
            f"\tkeywords = {{Computer Science - Computation and Language}},\n"
            f"\tabstract = {{{abstract}}},\n}}\n")


def acl_entry(number: int, paper: dict) -> str:
    abstract, authors = escaped(paper, acl_text, "  and\n      ")
    return (f'@inproceedings{{paper-{number},\n    title = "{acl_text(paper["title"], True)}",\n'
            f'    author = "{authors}",\n    booktitle = acl # " (Volume 1: Long Papers)",\n'
            f'    month = jul,\n    year = "2025",\n'
            f'    url = "https://aclanthology.org/2025.acl-long.{number}/",\n'
            f'    eprint = "{paper["id"]}",\n    archivePrefix = "arXiv",\n'
            f'    pages = "{number}--{number + 9}",\n    abstract = "{abstract}",\n}}\n')


def as_tex_reads_it(text):
    """A text of the daily papers as LaTeX shows it: TeX's dashes and quotes, and math in
    `\\(…\\)` as `$…$` (which the page renders)."""
    if isinstance(text, tuple):
        return tuple(as_tex_reads_it(part) for part in text)
    if not isinstance(text, str):
        return text
    text = re.sub(r"\\\((.+?)\\\)", r"$\1$", text)
    for tex, letter in (("---", "—"), ("--", "–"), ("\\`\\`", "“"), ("``", "“"), ("''", "”")):
        text = text.replace(tex, letter)
    return text


def sample_days() -> dict[str, list[dict]]:
    days: dict[str, list[dict]] = {}
    for path, item in daily_items():
        days.setdefault(path.name, []).append(item["paper"])
    return days


@pytest.mark.parametrize("write_entry", [zotero_entry, acl_entry])
def test_every_real_paper_reads_from_bibtex_as_from_the_daily_papers(write_entry):
    """Each sample day written as one .bib, as Zotero or the ACL Anthology would write it:
    each paper reads back to the title, abstract, authors and arXiv id that the daily
    papers' JSON gives, as LaTeX shows them (see `as_tex_reads_it`)."""
    read = 0
    for name, papers in sample_days().items():
        daily, _ = read_records(json.dumps([{"paper": paper} for paper in papers]), name, "hf",
                                LANGUAGES)
        header = '@string{acl = "Proceedings of the 63rd Annual Meeting of the ACL"}\n'
        text = header + "\n".join(write_entry(number, paper)
                                  for number, paper in enumerate(papers))
        assert detect_format(text, "-", LANGUAGES) == "bibtex"
        records, problems = read_records(text, name.replace(".json", ".bib"), None, LANGUAGES)
        assert problems == []
        assert len(records) == len(daily) == len(papers)
        for expected, record in zip(daily, records, strict=True):
            assert record.titles == as_tex_reads_it(expected.titles), record.line
            assert record.abstracts == as_tex_reads_it(expected.abstracts), record.line
            assert record.authors == expected.authors
            assert record.arxiv == expected.arxiv
            read += 1
        if write_entry is acl_entry:
            assert {record.venue for record in records} == {
                "Proceedings of the 63rd Annual Meeting of the ACL (Volume 1: Long Papers)"}
    assert read == 561


ACL_VOLUME = FIXTURES / "bibtex" / "acl-anthology.bib"


def test_a_volume_of_the_acl_anthology_imports_its_papers(tmp_path, capsys):
    project = make_project(tmp_path / "site", {})
    assert run_import(project, str(ACL_VOLUME), "--date", "2025-06-02") == 0
    out = capsys.readouterr().out
    papers = imported(project)
    assert sorted(papers) == ["backpropagating-through-structured-argmax-using-a-spigot",
                              "dane-a-named-entity-resource-for-danish"]
    spigot = papers["backpropagating-through-structured-argmax-using-a-spigot"]
    assert spigot.title.primary == "Backpropagating through Structured Argmax using a SPIGOT"
    assert spigot.authors == ("Hao Peng", "Sam Thomson", "Noah A. Smith")
    assert spigot.venue == ("Proceedings of the 56th Annual Meeting of the Association for "
                            "Computational Linguistics (Volume 1: Long Papers)")
    assert spigot.date == dt.date(2025, 6, 2)  # (BibTeX's year and month name no day)
    assert spigot.year == 2018  # (the year it was published, which its citations give)
    assert spigot.link("page") == "https://aclanthology.org/P18-1173/"
    assert spigot.doi == "10.18653/v1/P18-1173"
    assert "SPIGOT's proxy aims" in spigot.abstract.primary.text
    assert spigot.awaiting_translation
    dane = papers["dane-a-named-entity-resource-for-danish"]
    assert dane.title.primary == "DaNE: A Named Entity Resource for Danish"
    assert dane.authors == ("Rasmus Hvingelby", "Amalie Brogaard Pauli", "Maria Barrett",
                            "Christina Rosted", "Lasse Malm Lidegaard", "Anders Søgaard")
    source = (project / dane.source).read_text("utf-8")
    # (math as written, the percent sign itself, TeX's styles as Markdown)
    assert ("It improves $F_1$ by 5% over *the* baseline "
            "(https://github.com/alexandrainst/danlp).") in source
    assert "<math" in dane.abstract.primary.html
    assert "acl-anthology.bib: BibTeX fields left out (no field of a paper file holds them): " \
           "editor, address, publisher, pages" in out
    assert "2 created" in out


def test_arxiv_dblp_and_scholar_entries_say_where_an_abstract_is_had(tmp_path, capsys):
    arxiv = """@misc{yang2025qwen3technicalreport,
      title={Qwen3 Technical Report},
      author={An Yang and Anfeng Li and Baosong Yang and others},
      year={2025},
      eprint={2505.09388},
      archivePrefix={arXiv},
      primaryClass={cs.CL},
      url={https://arxiv.org/abs/2505.09388},
}
@article{gu2021efficiently,
  title={Efficiently Modeling Long Sequences with Structured State Spaces},
  author={Gu, Albert and Goel, Karan and R{\\'e}, Christopher},
  journal={arXiv preprint arXiv:2111.00396},
  year={2021}
}
"""
    records, problems = read_records(arxiv, "cite.bib", None, LANGUAGES)
    assert [(problem.line, problem.field, problem.message) for problem in problems] == [
        (1, "abstract", "the abstract field is empty"),
        (10, "abstract", "the abstract field is empty")]
    assert "bitext import https://arxiv.org/abs/ID" in problems[0].hint
    project = make_project(tmp_path / "site", {})
    (tmp_path / "cite.bib").write_text(arxiv, "utf-8")
    before = sorted(project.rglob("*"))
    assert run_import(project, str(tmp_path / "cite.bib")) == 1
    err = capsys.readouterr().err
    assert "cite.bib:1: abstract: the abstract field is empty (expected the abstract in " \
           "English, found nothing) — give the entry its abstract" in err
    assert "Traceback" not in err
    assert sorted(project.rglob("*")) == before


def with_abstract(entry: str, abstract: str = "An abstract.") -> str:
    return entry.replace("\n}", f",\n  abstract = {{{abstract}}}\n}}", 1)


def test_arxiv_ids_and_venues_of_each_export():
    entries = {
        # arXiv's "Export BibTeX citation"
        "arxiv": "@misc{a, title={A}, author={An Yang}, year={2025}, eprint={2505.09388},\n"
                 " archivePrefix={arXiv}, primaryClass={cs.CL}\n}",
        # DBLP: CoRR, with the id in eprint
        "dblp": "@article{DBLP:journals/corr/abs-2505-09388, title = {B}, journal = {CoRR},\n"
                " volume = {abs/2505.09388}, year = {2025}, eprinttype = {arXiv},\n"
                " eprint = {2505.09388}, timestamp = {Tue, 03 Jun 2025 01:00:00 +0200}\n}",
        # Google Scholar
        "scholar": "@article{c, title={C}, author={Gu, Albert}, journal={arXiv preprint "
                   "arXiv:2111.00396}, year={2021}\n}",
        # Zotero, a journal article with a DOI
        "zotero": "@article{d, title = {D}, volume = {9}, journal = {Nature Machine "
                  "Intelligence}, doi = {10.1038/s42256-025-01000-0}, author = {Lovelace, Ada},"
                  "\n note = {Publisher: Nature}, month = jun, year = {2025}\n}",
        # An id of before 2007
        "old": "@misc{e, title={E}, eprint={hep-th/9901001}, archivePrefix={arXiv}\n}",
        # Mendeley: its own field of the id, a title in two braces, a month's whole name
        "mendeley": "@article{Ribeiro2022,\n\tauthor = {Ribeiro, Fernanda L},\n\tarxivId = "
                    "{2203.08312},\n\tjournal = {arXiv},\n\tmendeley-groups = {Neuromat},\n"
                    "\ttitle = {{An explainability framework}},\n\tmonth = {december},\n"
                    "\tyear = {2022}\n}",
        # Semantic Scholar: the journal "ArXiv", the id in the volume, the conference
        "s2": "@article{Vaswani2017AttentionIA,\n  author = {Ashish Vaswani and Noam M. "
              "Shazeer},\n  booktitle = {Neural Information Processing Systems},\n  journal "
              "= {ArXiv},\n  title = {Attention is All you Need},\n  volume = {abs/1706."
              "03762},\n  year = {2017}\n}",
        # NASA ADS
        "ads": "@ARTICLE{2025arXiv250509388Y,\n       author = {{Yang}, An and {Li}, Anfeng},"
               "\n        title = \"{Qwen3 Technical Report}\",\n      journal = {arXiv e-prints},"
               "\n         year = 2025,\n        month = may,\n          eid = {arXiv:2505.09388},"
               "\n archivePrefix = {arXiv},\n       eprint = {2505.09388},"
               "\n primaryClass = {cs.CL},"
               "\n       adsurl = {https://ui.adsabs.harvard.edu/abs/2025arXiv250509388Y},\n"
               "      adsnote = {Provided by the SAO/NASA Astrophysics Data System}\n}",
    }
    for name, entry in entries.items():
        records, problems = read_records(with_abstract(entry), f"{name}.bib", None, LANGUAGES)
        assert problems == [], name
        entries[name] = records[0]
    assert entries["arxiv"].arxiv == "2505.09388"
    assert entries["arxiv"].extra_terms == ("cs.CL",)  # (for the tag rules)
    assert (entries["dblp"].arxiv, entries["dblp"].venue) == ("2505.09388", None)
    assert entries["dblp"].left_out_columns == ("volume",)
    assert (entries["scholar"].arxiv, entries["scholar"].venue) == ("2111.00396", None)
    assert entries["zotero"].venue == "Nature Machine Intelligence"
    assert entries["zotero"].links == {"doi": "https://doi.org/10.1038/s42256-025-01000-0"}
    assert entries["zotero"].authors == ("Ada Lovelace",)
    assert entries["zotero"].left_out_columns == ("volume", "note (BibTeX)")
    assert entries["old"].arxiv == "hep-th/9901001"
    assert (entries["mendeley"].arxiv, entries["mendeley"].titles[0],
            entries["mendeley"].venue, entries["mendeley"].left_out_columns) == (
        "2203.08312", "An explainability framework", None, ())
    assert (entries["s2"].arxiv, entries["s2"].venue, entries["s2"].left_out_columns) == (
        "1706.03762", "Neural Information Processing Systems", ())
    assert (entries["ads"].arxiv, entries["ads"].venue, entries["ads"].authors,
            entries["ads"].left_out_columns) == (
        "2505.09388", None, ("An Yang", "Anfeng Li"), ("eid",))


@pytest.mark.parametrize(("fields", "day", "year"), [
    ("date = {2025-06-02}", dt.date(2025, 6, 2), 2025),  # BibLaTeX
    ("year = 2025, month = jun, day = 2", dt.date(2025, 6, 2), 2025),
    ("year = {2025}, month = {June}, day = {2}", dt.date(2025, 6, 2), 2025),
    ("year = 2020, month = 6", None, 2020),
    ("year = 2020", None, 2020),
    ("date = {2020-06}", None, 2020),
    ("month = jun", None, None),
])
def test_a_paper_is_dated_by_its_entry_only_where_it_names_a_day(fields, day, year):
    entry = f"@article{{x, title = {{T}}, abstract = {{A.}}, {fields}}}"
    records, problems = read_records(entry, "x.bib", None, LANGUAGES)
    assert problems == []
    assert (records[0].date, records[0].year) == (day, year)


def test_an_entry_that_cannot_be_read_is_a_problem_at_its_line():
    text = ("@article{good, title = {Good}, abstract = {Fine.}}\n\n"
            "@article{broken,\n  title = {Missing its brace,\n  year = 2020\n}\n\n"
            "@article{after, title = {After}, abstract = {Read.}}\n")
    records, problems = read_records(text, "x.bib", None, LANGUAGES)
    assert [record.titles[0] for record in records] == ["Good", "After"]
    assert [(problem.line, problem.message) for problem in problems] == [
        (3, "not a BibTeX entry")]
    assert "@article" in problems[0].found
    assert "brace" in problems[0].hint


def test_translations_in_fields_of_their_own():
    entry = ("@misc{x, title = {Are We Done with MMLU?}, title_zh = {" + CHINESE_TITLES[5] + "},"
             "\n abstract = {We find {\\`a} la carte errors.}, abstract_zh = {"
             + CHINESE_ABSTRACTS[0] + "}}")
    records, problems = read_records(entry, "x.bib", None, LANGUAGES)
    assert problems == []
    assert records[0].titles == ("Are We Done with MMLU?", CHINESE_TITLES[5])
    assert records[0].abstracts == ("We find à la carte errors.", CHINESE_ABSTRACTS[0])


def test_characters_that_no_backslash_escapes_are_themselves():
    entry = (r"@misc{x, title = {Q\&A: 100\% or #1?}, abstract = {Up 5% & more: #1, "
             r"Fig.~2 and $x_1^2$, see \href{https://example.org/a\_b}{the site} or "
             r"\texttt{run_all}.}, url = {https://github.com/a/b\_c}}")
    records, problems = read_records(entry, "x.bib", None, LANGUAGES)
    assert problems == []
    assert records[0].titles[0] == "Q&A: 100% or #1?"
    assert records[0].abstracts[0] == (
        "Up 5% & more: #1, Fig. 2 and $x_1^2$, see [the site](https://example.org/a_b) or "
        "`run_all`.")
    assert records[0].links == {"code": "https://github.com/a/b_c"}


def test_a_bib_file_is_told_by_its_name_or_its_first_entry():
    assert detect_format("% Encoding: UTF-8\n\n@Article{x,\n", "-", LANGUAGES) == "bibtex"
    assert detect_format("@string{acl = {ACL}}", "-", LANGUAGES) == "bibtex"
    assert detect_format("anything", "refs.bib", LANGUAGES) == "bibtex"
    assert detect_format("Qwen3 Technical Report\nQwen3 技术报告\n", "-", LANGUAGES) == "digest"


def test_strings_and_keys_as_bibtex_reads_them():
    text = ('@string{conf = "ICLR"}\n'
            "@inproceedings{same, title = {First}, abstract = {A.}, booktitle = conf # { 2024}}\n"
            '@string{conf = "NeurIPS"}\n'
            "@inproceedings{same, title = {Second}, abstract = {B.}, booktitle = conf # "
            '" 2025" # {, the Datasets and Benchmarks Track}, title_note = {C\\# and {A} # {B}}}\n')
    records, problems = read_records(text, "x.bib", None, LANGUAGES)
    assert problems == []
    assert [(record.titles[0], record.venue) for record in records] == [
        ("First", "ICLR 2024"), ("Second", "NeurIPS 2025, the Datasets and Benchmarks Track")]


def test_a_paper_keeps_the_year_it_was_published_where_its_day_says_another(tmp_path):
    """Imported into a digest of 2025, a paper of 2020 keeps its year, which its citations
    give; one of the digest's year says it once, by its date. `--update` keeps a year
    written by hand where the input gives none."""
    project = make_project(tmp_path / "site", {})
    bib = tmp_path / "papers.bib"
    bib.write_text("@article{old, title = {An Old Paper}, abstract = {A.}, year = 2020}\n"
                   "@article{new, title = {A New Paper}, abstract = {B.}, year = 2025}\n",
                   "utf-8")
    assert run_import(project, str(bib), "--date", "2025-06-02") == 0
    papers = imported(project)
    assert (papers["an-old-paper"].year, papers["a-new-paper"].year) == (2020, None)
    old = project / papers["an-old-paper"].source
    assert "\nvenue" not in old.read_text("utf-8")
    assert "\nyear: 2020\n" in old.read_text("utf-8")
    bib.write_text("@article{old, title = {An Old Paper}, abstract = {A, again.}}\n", "utf-8")
    assert run_import(project, str(bib), "--update") == 0
    assert imported(project)["an-old-paper"].year == 2020


def test_a_paper_from_arxiv_or_the_daily_papers_keeps_its_year_under_another_date(tmp_path):
    """arXiv's answer (its `published`), the daily papers (`publishedAt`) and OpenReview
    (`pdate`) say when a paper was published: imported with --date in another year (an
    old paper in today's digest), its file keeps that year for its citations; in the same
    year, its date says it."""
    project = make_project(tmp_path / "site", {})
    arxiv = FIXTURES / "arxiv" / "one-paper.xml"
    day = FIXTURES / "hf-daily-papers" / "2024-06-03.json"
    assert run_import(project, str(arxiv), str(day), "--date", "2026-01-05") == 0
    openreview = FIXTURES / "openreview" / "notes-v2.json"  # (published 2025-10-08)
    assert run_import(project, str(openreview), "--date", "2026-01-05") == 0
    years = {paper.year for paper in imported(project).values()}
    assert years == {2025, 2024}
    other = make_project(tmp_path / "other", {})
    assert run_import(other, str(arxiv), "--date", "2025-12-31") == 0
    assert [paper.year for paper in imported(other).values()] == [None]


def test_a_paper_takes_what_it_lacks_from_the_proceedings_its_crossref_names():
    """DBLP's export "with crossref", and BibLaTeX files: a paper's venue and year stand in
    the @proceedings it names (after it, here), whose title is the paper's booktitle; the
    paper keeps its own title and abstract. Before: no venue, no year."""
    text = ("@inproceedings{DBLP:conf/naacl/DevlinCLT19,\n"
            "  author = {Jacob Devlin and Ming{-}Wei Chang},\n"
            "  title = {{BERT:} Pre-training of Deep Bidirectional Transformers},\n"
            "  crossref = {DBLP:conf/naacl/2019-1},\n  abstract = {We introduce BERT.},\n}\n"
            "@proceedings{DBLP:conf/naacl/2019-1,\n  editor = {Jill Burstein},\n"
            "  title = {Proceedings of NAACL-HLT 2019, Volume 1},\n  year = {2019},\n"
            "  abstract = {A volume's own words.},\n}\n")
    records, problems = read_records(text, "x.bib", None, LANGUAGES)
    assert problems == []
    assert len(records) == 1
    paper = records[0]
    assert (paper.titles[0], paper.abstracts[0], paper.authors) == (
        "BERT: Pre-training of Deep Bidirectional Transformers", "We introduce BERT.",
        ("Jacob Devlin", "Ming-Wei Chang"))
    assert (paper.venue, paper.year, paper.left_out_columns) == (
        "Proceedings of NAACL-HLT 2019, Volume 1", 2019, ("editor",))


def test_an_entry_that_another_names_by_its_crossref_is_read_whole_either_way():
    """Two papers of which the second names the first (an @incollection of an
    @inproceedings, as some files have it): each is read with its own fields, whichever
    comes first."""
    first = "@inproceedings{a, title = {A}, abstract = {First.}, booktitle = {ICLR 2025}}\n"
    second = "@inproceedings{b, title = {B}, abstract = {Second.}, crossref = {a}}\n"
    for text in (first + second, second + first):
        records, problems = read_records(text, "x.bib", None, LANGUAGES)
        assert problems == []
        assert sorted((r.titles[0], r.abstracts[0], r.venue) for r in records) == [
            ("A", "First.", "ICLR 2025"), ("B", "Second.", "ICLR 2025")]


@pytest.mark.parametrize(("written", "names"), [
    ("Peng, Hao and Smith, Noah A. and others", ("Hao Peng", "Noah A. Smith")),
    ("An Yang and {Qwen Team}", ("An Yang", "Qwen Team")),
    ("Smith, Jr., John", ("John Smith Jr.",)),  # (BibTeX's Last, Jr, First)
    # (names parted by commas alone, as some READMEs' citations write them: before, one
    # name of four, "Brandon J. Bocklund Peng Gao Yi Wang Mingqing Liao")
    ("Yi Wang, Mingqing Liao, Brandon J. Bocklund, Peng Gao",
     ("Yi Wang", "Mingqing Liao", "Brandon J. Bocklund", "Peng Gao")),
])
def test_the_names_of_an_author_field(written, names):
    records, problems = read_records(
        f"@misc{{x, title = {{T}}, abstract = {{A.}}, author = {{{written}}}}}", "x.bib", None,
        LANGUAGES)
    assert problems == []
    assert records[0].authors == names
