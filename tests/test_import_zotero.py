"""`import` of what Zotero exports: its CSV, CSL JSON, RIS and BibTeX, with the title and
abstract translations that Translate for Zotero keeps in each item's Extra field; and CSL
JSON as others write it (Crossref's answer for a DOI, Better BibTeX, pandoc). The papers
are the real ones of the 30 sample days."""

import csv
import datetime as dt
import io
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bitext.config import load_config
from bitext.sources import detect_format, read_records
from bitext.table import column_of
from bitext.zotero import extra_translations
from tests.conftest import make_project
from tests.test_import import imported, run_import
from tests.test_import_bibtex import paragraphs, sample_days, zotero_text
from tests.test_import_ris import last_first
from tests.test_import_sources import CHINESE_ABSTRACTS, CHINESE_TITLES, LANGUAGES

# The columns of Zotero's CSV export, in its order.
ZOTERO_CSV_HEADER = [
    "Key", "Item Type", "Publication Year", "Author", "Title", "Publication Title", "ISBN", "ISSN",
    "DOI", "Url", "Abstract Note", "Date", "Date Added", "Date Modified", "Access Date", "Pages",
    "Num Pages", "Issue", "Volume", "Number Of Volumes", "Journal Abbreviation", "Short Title",
    "Series", "Series Number", "Series Text", "Series Title", "Publisher", "Place", "Language",
    "Rights", "Type", "Archive", "Archive Location", "Library Catalog", "Call Number", "Extra",
    "Notes", "File Attachments", "Link Attachments", "Manual Tags", "Automatic Tags", "Editor",
    "Series Editor", "Translator", "Contributor", "Attorney Agent", "Book Author", "Cast Member",
    "Commenter", "Composer", "Cosponsor", "Counsel", "Interviewer", "Producer", "Recipient",
    "Reviewed Author", "Scriptwriter", "Words By", "Guest", "Number", "Edition", "Running Time",
    "Scale", "Medium", "Artwork Size", "Filing Date", "Application Number", "Assignee",
    "Issuing Authority", "Country", "Meeting Name", "Conference Name", "Court", "References",
    "Reporter", "Legal Status", "Priority Numbers", "Programming Language", "Version", "System",
    "Code", "Code Number", "Section", "Session", "Committee", "History", "Legislative Body"]


def translation_of(number: int) -> tuple[str, str]:
    """A translated title and abstract (of two paragraphs, for every third paper)."""
    abstract = CHINESE_ABSTRACTS[number % len(CHINESE_ABSTRACTS)]
    if number % 3 == 0:
        abstract += "\n\n" + CHINESE_ABSTRACTS[(number + 1) % len(CHINESE_ABSTRACTS)]
    return CHINESE_TITLES[number % len(CHINESE_TITLES)], abstract


def extra_of(number: int, paper: dict) -> str:
    """An arXiv preprint's Extra as Zotero keeps it, with Translate for Zotero's
    translations for every other paper (an abstract's second paragraph on a line of its
    own, as the plugin's line-based field keeps a line break)."""
    lines = [f"arXiv:{paper['id']} [cs]"]
    if number % 2 == 0:
        title, abstract = translation_of(number)
        lines += [f"titleTranslation: {title}", f"abstractTranslation: {abstract}"]
    return "\n".join(lines).replace("\n\n", "\n")


def expected_translation(number: int) -> tuple[str | None, str | None]:
    return translation_of(number) if number % 2 == 0 else (None, None)


def zotero_csv(papers: list[dict]) -> str:
    """A day's papers as Zotero exports them as CSV: every cell quoted, authors "Last,
    First" parted by semicolons, an abstract's paragraphs on lines of their own."""
    out = io.StringIO()
    writer = csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator="\n")
    writer.writerow(ZOTERO_CSV_HEADER)
    for number, paper in enumerate(papers):
        cells = dict.fromkeys(ZOTERO_CSV_HEADER, "")
        cells.update({
            "Key": f"K{number:07d}", "Item Type": "preprint", "Publication Year": "2025",
            "Author": "; ".join(last_first(author["name"]) for author in paper["authors"]),
            "Title": paper["title"], "DOI": f"10.48550/arXiv.{paper['id']}",
            "Url": f"http://arxiv.org/abs/{paper['id']}",
            "Abstract Note": "\n".join(paragraphs(paper["summary"])), "Date": "2025-06-02",
            "Date Added": "2025-06-03 08:12:44", "Date Modified": "2025-06-03 08:12:44",
            "Access Date": "2025-06-03 08:12:44", "Publisher": "arXiv",
            "Library Catalog": "arXiv.org", "Extra": extra_of(number, paper),
            "Number": f"arXiv:{paper['id']}",
            "Automatic Tags": "Computer Science - Computation and Language; "
                              "Computer Science - Machine Learning"})
        writer.writerow([cells[name] for name in ZOTERO_CSV_HEADER])
    return "\ufeff" + out.getvalue()


def csl_item(number: int, paper: dict) -> dict:
    """A paper as Zotero exports it as CSL JSON: its id the item's address in the library,
    Extra as its `note`, the year of its date as text."""
    authors = [{"family": last, "given": first} if first else {"literal": last}
               for first, _, last in (author["name"].rpartition(" ")
                                      for author in paper["authors"])]
    return {"id": f"http://zotero.org/users/123/items/K{number:07d}", "type": "article",
            "abstract": "\n".join(paragraphs(paper["summary"])),
            "DOI": f"10.48550/arXiv.{paper['id']}", "note": extra_of(number, paper),
            "number": f"arXiv:{paper['id']}", "publisher": "arXiv", "source": "arXiv.org",
            "title": paper["title"], "URL": f"http://arxiv.org/abs/{paper['id']}",
            "author": authors, "accessed": {"date-parts": [["2025", 6, 3]]},
            "issued": {"date-parts": [["2025", 6, 2]]}}


def zotero_ris(number: int, paper: dict) -> str:
    """A paper as Zotero exports it as RIS, its Extra the value of N1."""
    authors = "".join(f"AU  - {last_first(author['name'])}\n" for author in paper["authors"])
    return (f"TY  - PREP\nTI  - {paper['title']}\n{authors}"
            "AB  - " + "\n".join(paragraphs(paper["summary"])) + "\n"
            f"DA  - 2025/06/02/\nPY  - 2025\nDO  - 10.48550/arXiv.{paper['id']}\n"
            f"DP  - arXiv.org\nPB  - arXiv\nUR  - http://arxiv.org/abs/{paper['id']}\n"
            f"N1  - {extra_of(number, paper)}\n"
            "KW  - Computer Science - Computation and Language\nER  - \n\n")


def zotero_bibtex(number: int, paper: dict) -> str:
    """A paper as Zotero exports it as BibTeX, its Extra (escaped) the `note`."""
    authors = " and ".join(zotero_text(author["name"]) for author in paper["authors"])
    abstract = "\n\n".join(zotero_text(part) for part in paragraphs(paper["summary"]))
    return (f"@misc{{key{number},\n\ttitle = {{{zotero_text(paper['title'], True)}}},\n"
            f"\turl = {{http://arxiv.org/abs/{paper['id']}}},\n"
            f"\tdoi = {{10.48550/arXiv.{paper['id']}}},\n\tpublisher = {{arXiv}},\n"
            f"\tauthor = {{{authors}}},\n\tmonth = jun,\n\tyear = {{2025}},\n"
            f"\tnote = {{{zotero_text(extra_of(number, paper))}}},\n"
            f"\tabstract = {{{abstract}}},\n}}\n")


def zotero_export(kind: str, papers: list[dict]) -> str:
    if kind == "csv":
        return zotero_csv(papers)
    if kind == "csl":
        return json.dumps([csl_item(number, paper) for number, paper in enumerate(papers)],
                          ensure_ascii=False, indent="\t")
    write = zotero_ris if kind == "ris" else zotero_bibtex
    return "".join(write(number, paper) for number, paper in enumerate(papers))


@pytest.mark.parametrize("kind", ["csv", "csl", "ris", "bibtex"])
def test_every_real_paper_reads_from_zotero_with_its_translations_from_extra(kind):
    """Each sample day as Zotero exports it: each paper reads back to the title, abstract
    and authors the daily papers' JSON gives, its day and arXiv id, and Translate for
    Zotero's translations where Extra holds them (a machine's), else none: the paper
    awaits its translation. Before: none was read; in CSL JSON, the authors were JSON
    ('{"family": "Dao"'), the day today's, the library's address a link."""
    read = 0
    for name, papers in sample_days().items():
        daily, _ = read_records(json.dumps([{"paper": paper} for paper in papers]), name, "hf",
                                LANGUAGES)
        text = zotero_export(kind, papers)
        assert detect_format(text, "-", LANGUAGES) == ("table" if kind == "csv" else kind)
        records, problems = read_records(text, f"{name}.{kind}", None, LANGUAGES)
        assert problems == []
        assert len(records) == len(daily) == len(papers)
        for number, (expected, record) in enumerate(zip(daily, records, strict=True)):
            title, abstract = expected_translation(number)
            if kind == "bibtex":  # (LaTeX's dashes and quotes: see test_import_bibtex)
                assert record.authors == expected.authors, record.line
            else:
                assert record.titles == (expected.titles[0], title), record.line
                assert record.abstracts == (expected.abstracts[0], abstract), record.line
                assert record.authors == expected.authors, record.line
            assert (record.titles[1], record.abstracts[1]) == (title, abstract), record.line
            assert record.arxiv == expected.arxiv
            assert record.provenance == ((("translator", "machine"),) if title else ())
            assert record.note == (None, None)  # (Extra is no editor's note)
            assert "project" not in record.links  # (nor the library's address a link)
            if kind != "bibtex":  # (BibTeX's month and year name no day)
                assert record.date == dt.date(2025, 6, 2)
            read += 1
    assert read == 561


def test_translations_in_extra_import_into_paper_files_as_a_machines(tmp_path, capsys):
    """From the command line: the papers with translations are written translated, by
    `machine` (`--translation-model` names it), the others await theirs; the report says
    so of each, and names Extra, whose arXiv line no field keeps, not the translations."""
    papers = sample_days()["2025-06-02.json"][:4]
    export = tmp_path / "My Library.csv"
    export.write_text(zotero_csv(papers), encoding="utf-8")
    project = make_project(tmp_path / "site", {})
    assert run_import(project, str(export), "--translation-model", "deepl") == 0
    report = capsys.readouterr().out
    assert "4 created" in report and "2 awaiting translation" in report
    assert "Extra" in report and "Translation" not in report
    # (each paper's line says who translated what the input gives)
    assert [line.endswith("; machine translation (deepl)]")
            for line in report.splitlines()[:4]] == [True, False, True, False]
    written = sorted(imported(project).values(), key=lambda paper: paper.order)
    for number, paper in enumerate(written):
        title, abstract = expected_translation(number)
        assert paper.title.secondary == title
        assert (paper.translator, paper.translation_model) == (
            ("machine", "deepl") if title else (None, None))
    config = load_config(project)
    assert config.languages[1].code == "zh-Hans"


@pytest.mark.parametrize("extra, expected, rest", [
    # (as Zotero keeps it: a key a line)
    ("arXiv:2505.09388 [cs]\ntitleTranslation: Qwen3 技术报告\n"
     "abstractTranslation: 我们推出 Qwen3。",
     {"machine translated title": "Qwen3 技术报告",
      "machine translated abstract": "我们推出 Qwen3。"}, "arXiv:2505.09388 [cs]"),
    # (Zotero's CSV of before 2018: Extra's lines as one)
    ("arXiv:2505.09388 [cs] titleTranslation: Qwen3 技术报告 abstractTranslation: 我们推出 Qwen3。",
     {"machine translated title": "Qwen3 技术报告",
      "machine translated abstract": "我们推出 Qwen3。"}, "arXiv:2505.09388 [cs]"),
    # (an abstract's paragraphs, each on a line, until a line of another key)
    ("abstractTranslation: 第一段。\n第二段：方法。\nCitation Key: yang2025\ntex.ids: a",
     {"machine translated abstract": "第一段。\n\n第二段：方法。"},
     "Citation Key: yang2025\ntex.ids: a"),
    # (a key the plugin left empty; another plugin's lines; none)
    ("titleTranslation: \nabstractTranslation:\nPMID: 123", {}, "PMID: 123"),
    ("Citation Key: yang2025", {}, "Citation Key: yang2025"),
    ("", {}, ""),
])
def test_extra_field_gives_the_plugins_translations_and_keeps_the_rest(extra, expected, rest):
    assert extra_translations(extra) == (expected, rest)


def test_a_zotero_csv_translator_is_the_works_not_the_abstracts(tmp_path):
    """Zotero's "Translator" column names who translated the work (a book's), not who
    translated its abstract for the digest: left out, named, not the paper's translator."""
    paper = sample_days()["2025-06-02.json"][1]
    text = zotero_csv([paper]).replace('"preprint"', '"book"', 1)
    header, row = text.splitlines()[0], list(csv.reader(io.StringIO(text)))[1]
    row[ZOTERO_CSV_HEADER.index("Translator")] = "Wang, Fang"
    rows = io.StringIO()
    csv.writer(rows, quoting=csv.QUOTE_ALL, lineterminator="\n").writerow(row)
    records, problems = read_records(header + "\n" + rows.getvalue(), "z.csv", None, LANGUAGES)
    assert problems == []
    assert records[0].provenance == (("translator", "machine"),)  # (Translate for Zotero's)
    assert "Translator" in records[0].left_out_columns


def test_a_column_of_a_machines_translated_abstract_is_the_translation():
    """("machine-translated abstract", as a spreadsheet may name it: before, left out)"""
    for name in ("machine-translated abstract", "machine translated abstract",
                 "Machine translated title"):
        column = column_of(0, name, LANGUAGES)
        assert (column.field, column.language, column.by_machine) == (
            name.split()[-1], 1, True)
    # (a model's summary in the translation's language is no translation of the abstract)
    assert column_of(0, "AI.summary_zh", LANGUAGES).field is None


CROSSREF = {
    "indexed": {"date-parts": [[2025, 6, 20]], "timestamp": 1750400000000},
    "reference-count": 42, "publisher": "Springer Science and Business Media LLC",
    "issue": "8065", "content-domain": {"domain": ["link.springer.com"]},
    "short-container-title": ["Nature"],
    "abstract": "<jats:title>Abstract</jats:title><jats:p>First paragraph with "
                "<jats:italic>in vivo</jats:italic> results.</jats:p><jats:p>Second "
                "paragraph: H<jats:sub>2</jats:sub>O.</jats:p>",
    "DOI": "10.1038/s41586-025-00001-1", "type": "journal-article", "page": "100-107",
    "source": "Crossref", "is-referenced-by-count": 3, "title": "A protein model",
    "subtitle": ["what it learns and why"], "prefix": "10.1038", "volume": "641",
    "author": [{"given": "Ana", "family": "García", "sequence": "first",
                "affiliation": [{"name": "University of Oxford"}]},
               {"given": "Wei", "family": "Zhang", "sequence": "additional",
                "affiliation": [{"name": "Tsinghua University"},
                                {"name": "University of Oxford"}]},
               {"name": "AlphaFold Team", "sequence": "additional", "affiliation": []}],
    "member": "297", "container-title": "Nature", "language": "en",
    "link": [{"URL": "https://www.nature.com/articles/x.pdf"}],
    "issued": {"date-parts": [[2025, 6, 18]]}, "URL": "https://doi.org/10.1038/x",
    "ISSN": ["0028-0836", "1476-4687"], "subject": ["Multidisciplinary"],
    "published": {"date-parts": [[2025, 6, 18]]}}


def test_the_zotero_web_apis_csl_json_is_read_as_zoteros_export():
    """`api.zotero.org/groups/…/items?format=csljson` answers the records in an object's
    "items" (a group's public library imports by its address)."""
    papers = sample_days()["2025-06-02.json"][:4]
    text = json.dumps({"items": [csl_item(number, paper)
                                 for number, paper in enumerate(papers)]})
    assert detect_format(text, "-", LANGUAGES) == "csl"
    records, problems = read_records(text, "items.json", None, LANGUAGES)
    assert problems == []
    assert [record.titles for record in records] == [
        (" ".join(paper["title"].split()), expected_translation(number)[0])
        for number, paper in enumerate(papers)]


def test_crossrefs_csl_json_for_a_doi_is_a_paper_with_its_venue_and_affiliations():
    """What doi.org answers for a DOI as CSL JSON (one object, Crossref's keys, a JATS
    abstract under its heading, a subtitle apart, affiliations in each author's list, a
    group's "name")."""
    text = json.dumps(CROSSREF, ensure_ascii=False)
    assert detect_format(text, "-", LANGUAGES) == "csl"
    records, problems = read_records(text, "doi.json", None, LANGUAGES)
    assert problems == []
    [record] = records
    assert record.titles == ("A protein model: what it learns and why", None)
    assert record.abstracts == ("First paragraph with *in vivo* results.\n\nSecond "
                                "paragraph: H₂O.", None)
    assert record.authors == ("Ana García", "Wei Zhang", "AlphaFold Team")
    assert record.affiliation == "University of Oxford; Tsinghua University"
    assert (record.date, record.venue) == (dt.date(2025, 6, 18), "Nature")
    assert record.links["doi"] == "https://doi.org/10.1038/s41586-025-00001-1"
    assert set(record.left_out_columns) >= {"publisher", "page", "volume", "issue"}


def test_csl_json_of_better_bibtex_and_pandoc_gives_its_keywords_and_a_year_alone():
    """Better BibTeX's CSL JSON: a citation key as its id, keywords, a year alone (the
    paper takes the import's day and keeps its year); a conference as its event."""
    paper = sample_days()["2025-06-02.json"][0]
    item = {"id": "yang2025qwen3", "citation-key": "yang2025qwen3",
            "type": "paper-conference", "title": paper["title"],
            "abstract": paper["summary"], "author": [{"family": "Yang", "given": "An"}],
            "event-title": "International Conference on Learning Representations",
            "keyword": "reasoning, large language model; RL",
            "issued": {"date-parts": [[2025]]}}
    records, problems = read_records(json.dumps([item]), "refs.json", None, LANGUAGES)
    assert problems == []
    [record] = records
    assert (record.date, record.year) == (None, 2025)
    assert record.venue == "International Conference on Learning Representations"
    assert record.extra_terms == ("reasoning", "large language model", "RL")
    assert record.links == {}


def test_json_records_that_are_not_csl_are_read_by_their_keys_as_before():
    """A script's records with a "type" and authors as text are no CSL: "authors" and
    "note" keep their meaning (the editor's note)."""
    paper = sample_days()["2025-06-02.json"][0]
    item = {"type": "paper", "title": paper["title"], "abstract": paper["summary"],
            "author": "An Yang, Anfeng Li", "note": "值得一读。", "date": "2025-06-02"}
    records, problems = read_records(json.dumps([item]), "mine.json", None, LANGUAGES)
    assert problems == []
    assert records[0].authors == ("An Yang", "Anfeng Li")
    assert records[0].note == (None, "值得一读。")


@pytest.mark.parametrize("broken, line, says", [
    # (Crossref has no abstract for many DOIs; the first record's at line 2)
    (lambda items: [{k: v for k, v in items[0].items() if k not in ("abstract", "note")},
                    *items[1:]], 2, "abstract: the abstract key is empty"),
    # (an export cut short, after its first record)
    (lambda items: json.dumps(items, indent="\t")[:-40], None, "not CSL JSON"),
    (lambda items: [*items, 3], None, "found a JSON int"),
])
def test_csl_json_without_an_abstract_or_cut_short_is_a_problem_and_writes_nothing(
        tmp_path, capsys, broken, line, says):
    papers = sample_days()["2025-06-02.json"][:3]
    items = [csl_item(number, paper) for number, paper in enumerate(papers)]
    made = broken(items)
    export = tmp_path / "Exported Items.json"
    export.write_text(made if isinstance(made, str) else json.dumps(made, indent="\t"),
                      encoding="utf-8")
    project = make_project(tmp_path / "site", {})
    assert run_import(project, str(export)) == 1
    error = capsys.readouterr().err
    assert says in error and "Hugging Face" not in error
    if line:
        assert f"Exported Items.json:{line}: " in error
    assert not list((project / "content" / "papers").iterdir())


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-3, 3000) | st.sampled_from(
        ["", "2025", "Yang", "An", "arXiv:2505.09388 [cs]", "<jats:p>B</jats:p>",
         "titleTranslation: Qwen3 技术报告\nabstractTranslation: 我们推出 Qwen3。", "a; b"]),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(
        st.sampled_from(["family", "given", "literal", "date-parts", "raw", "name",
                         "affiliation"]), inner, max_size=3),
    max_leaves=8)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.dictionaries(
    st.sampled_from(["type", "title", "abstract", "author", "issued", "container-title",
                     "event-title", "event", "DOI", "URL", "keyword", "subject", "note",
                     "number", "subtitle", "id", "publisher", "page"]),
    JSON_VALUES, max_size=10).map(lambda item: {"type": "article", "title": "Qwen3",
                                                "author": [{"family": "Yang"}], **item}),
    min_size=1, max_size=3))
def test_any_csl_records_give_papers_or_problems_never_an_exception(items):
    records, problems = read_records(json.dumps(items), "z.json", "csl", LANGUAGES)
    assert records or problems
    for problem in problems:
        assert problem.path == "z.json"
        problem.format()


@pytest.mark.parametrize("kind", ["csv", "csl", "ris", "bibtex"])
def test_an_items_title_translation_alone_leaves_its_paper_awaiting_the_abstracts(
        kind, monkeypatch):
    """Translate for Zotero translates an item's title as it comes into the library, its
    abstract when asked: an Extra with `titleTranslation` alone gives the paper its
    translated title, and the paper awaits the abstract's translation (before: "the
    translated abstract is missing", and nothing of the export was imported)."""
    import sys

    with_both = extra_of

    def titles_alone(number: int, paper: dict) -> str:
        extra = with_both(number, paper)
        return extra.split("\nabstractTranslation")[0] if number == 0 else extra

    monkeypatch.setattr(sys.modules[__name__], "extra_of", titles_alone)
    papers = sample_days()["2025-06-02.json"][:4]
    records, problems = read_records(zotero_export(kind, papers), f"z.{kind}", None,
                                     LANGUAGES)
    assert problems == []
    assert [(record.titles[1], record.abstracts[1]) for record in records] == [
        (expected_translation(0)[0], None), (None, None), expected_translation(2),
        (None, None)]
    assert records[0].provenance == (("translator", "machine"),)
