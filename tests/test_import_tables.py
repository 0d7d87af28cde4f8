"""`import` of a digest kept as a table (CSV or TSV, as spreadsheets export it), on every
real paper of the 30 sample days."""

import csv
import datetime as dt
import io
import json
import re

import pytest

from bitext.sources import (
    normalise_abstract,
    normalise_title,
    read_records,
    with_tex_styles,
)
from tests.conftest import FIXTURES, make_project
from tests.test_import import imported, run_import
from tests.test_import_sources import CHINESE_ABSTRACTS, CHINESE_TITLES, LANGUAGES, daily_items

# Header rows as spreadsheets name their columns: the language said by words, codes or
# suffixes, or not at all (then told by the cells' script).
HEADERS = {
    "chinese words": ["Title", "中文标题", "Abstract", "中文摘要"],
    "codes": ["Title (en)", "Title (zh-Hans)", "Abstract (en)", "Abstract (zh-Hans)"],
    "suffixes": ["title_en", "title_zh", "abstract_en", "abstract_zh"],
    "translated": ["Original title", "Translated title", "Abstract", "Translated abstract"],
    "unmarked, Chinese first": ["标题", "Title", "摘要", "Abstract"],
}

DAILY_DAY = FIXTURES / "hf-daily-papers" / "2024-06-03.json"


def real_rows() -> list[dict]:
    """Every real paper as a row: its title and abstract as the daily papers give them
    (arXiv's lines, paragraphs started indented), Chinese texts as editors write them,
    its authors, arXiv id, day, a note of the editor's (in Chinese, or its real
    `ai_summary` in English) and a column bitext has no field for."""
    rows = []
    for index, (path, item) in enumerate(daily_items()):
        paper = item["paper"]
        rows.append({"title": paper["title"], "chinese_title": CHINESE_TITLES[index % 9],
                     "abstract": paper["summary"], "chinese": CHINESE_ABSTRACTS[index % 5],
                     "authors": "; ".join(author["name"] for author in paper["authors"]),
                     "arxiv": paper["id"], "date": path.stem,
                     "note": "值得一读。" if index % 4 == 0 else
                     paper.get("ai_summary", "") if index % 4 == 1 else "",
                     "code": paper.get("githubRepo") or "",
                     "upvotes": str(paper.get("upvotes", 0))})
    return rows


def table_text(rows: list[dict], header: list[str], delimiter: str = ",") -> str:
    """The rows as a spreadsheet exports them: a header row, CRLF line ends, cells with a
    separator, a quote or a line break in quotes."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=delimiter)
    chinese_first = header[0] == "标题"
    writer.writerow(header + ["Authors", "arXiv", "Date", "点评", "Upvotes"])
    for row in rows:
        texts = ([row["chinese_title"], row["title"], row["chinese"], row["abstract"]]
                 if chinese_first else
                 [row["title"], row["chinese_title"], row["abstract"], row["chinese"]])
        writer.writerow(texts + [row["authors"], row["arxiv"], row["date"], row["note"],
                                 row["upvotes"]])
    return "\ufeff" + out.getvalue()


@pytest.mark.parametrize("delimiter", [",", "\t", ";"], ids=["csv", "tsv", "semicolons"])
@pytest.mark.parametrize("style", HEADERS)
def test_every_real_paper_imports_from_a_table(style, delimiter):
    rows = real_rows()
    text = table_text(rows, HEADERS[style], delimiter)
    records, problems = read_records(text, "papers.txt", None, LANGUAGES)
    assert problems == []
    assert [(r.titles, r.abstracts[1], r.date.isoformat(), r.arxiv) for r in records] == [
        ((normalise_title(row["title"]), row["chinese_title"]), row["chinese"], row["date"],
         row["arxiv"]) for row in rows]
    # each abstract holds its words, in the paragraphs the daily papers' import finds, but
    # for one: its two indented lines "  Code: https://…" and "  Filtered data:" stay one
    # paragraph (a cell's lines read as a digest's: a paragraph starts at a line more
    # indented than the one before)
    # (with TeX's \\url{…} of one, video-SALMONN's, as its address: see `with_tex_styles`)
    assert [" ".join(r.abstracts[0].split()) for r in records] == [
        " ".join(with_tex_styles(row["abstract"]).split()) for row in rows]
    differ = [(row["title"][:12], r.abstracts[0].count("\n\n"),
               normalise_abstract(row["abstract"]).count("\n\n"))
              for r, row in zip(records, rows, strict=True)
              if r.abstracts[0].count("\n\n") != normalise_abstract(row["abstract"]).count(
                  "\n\n")]
    assert differ == [("CoLoR-Filter", 2, 3)]
    assert sum(r.abstracts[0].count("\n\n") > 0 for r in records) == 15
    assert [list(r.authors) for r in records] == [row["authors"].split("; ") for row in rows]
    assert [r.note for r in records] == [
        (None, "值得一读。") if index % 4 == 0 else (row["note"] or None, None)
        for index, row in enumerate(rows)]
    assert sum(bool(r.note[0]) for r in records) == 60  # (a quarter of those with an ai_summary)
    assert all(r.left_out == () for r in records)
    assert {r.left_out_columns for r in records} == {("Upvotes",)}
    # each row's line, as an editor counts them: the first of its record (an abstract's
    # line breaks, in quotes, count)
    lines = re.split(r"\r\n|\r|\n", text)
    assert [lines[r.line - 1].lstrip('\ufeff"').replace('""', '"').startswith(
        (row["chinese_title"] if style.endswith("Chinese first") else row["title"])[:20])
        for r, row in zip(records, rows, strict=True)] == [True] * len(rows)


# (the columns as its query selects them)
DATABASE_COLUMNS = ("id,title,title_zh,abstract,abstract_zh,journal,publication_date,"
                    "quality_score,quality_tier,pubmed_url,is_open_access,oa_pdf_url,"
                    "ai_analysis,mesh_terms")


def test_a_papers_databases_export_keeps_each_papers_date_and_terms():
    """A table exported from a database of papers, its columns as a public digest of
    PubMed selects them ("publication_date", "mesh_terms", "pubmed_url" …), with every
    real paper of the sample days. Before, "publication_date" was left out and every
    paper was dated the day of the import, with no word of it but the column's name in
    the report."""
    rows = real_rows()
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow(DATABASE_COLUMNS.split(","))
    for number, row in enumerate(rows):
        writer.writerow([f"9f3c{number:04x}", row["title"], row["chinese_title"],
                         row["abstract"], row["chinese"], "arXiv", row["date"], "87", "top",
                         "", "true", f"https://arxiv.org/pdf/{row['arxiv']}", "",
                         "Language Models; Reinforcement Learning"])
    records, problems = read_records(out.getvalue(), "export.csv", None, LANGUAGES)
    assert problems == []
    assert [r.date.isoformat() for r in records] == [row["date"] for row in rows]
    assert {r.extra_terms for r in records} == {("Language Models", "Reinforcement Learning")}
    # (named: the columns left out that held something; pubmed_url and ai_analysis are
    # empty here. The journal, "arXiv", names no place of publication: the arXiv id says it)
    assert {r.left_out_columns for r in records} == {(
        "quality_score", "quality_tier", "is_open_access", "oa_pdf_url")}
    assert {r.venue for r in records} == {None}


def test_a_translation_a_script_marked_failed_in_english_is_none():
    """"[Translation failed - Claude error]" and "[Translation Failed: …]", as translating
    scripts write a part they could not translate, in the real rows' translation columns:
    that part awaits its translation (`translate --pending` asks for it). Before, each was
    "a title in the wrong language"."""
    rows = real_rows()[:4]
    rows[1]["chinese_title"] = "[Translation failed - Claude error]"
    rows[2]["chinese"] = f"[Translation Failed: {' '.join(rows[2]['abstract'].split())[:80]}]"
    rows[3]["chinese_title"] = rows[3]["chinese"] = "[translation failed]"
    records, problems = read_records(table_text(rows, HEADERS["suffixes"]), "papers.csv", None,
                                     LANGUAGES)
    assert problems == []
    assert [(r.titles[1], r.abstracts[1]) for r in records] == [
        (rows[0]["chinese_title"], rows[0]["chinese"]), (None, rows[1]["chinese"]),
        (rows[2]["chinese_title"], None), (None, None)]


# Zotero's export of a library as CSV: its header, as Zotero 6 and 7 write it.
ZOTERO_HEADER = (
    "Key,Item Type,Publication Year,Author,Title,Publication Title,ISBN,ISSN,DOI,Url,Abstract "
    "Note,Date,Date Added,Date Modified,Access Date,Pages,Num Pages,Issue,Volume,Number Of "
    "Volumes,Journal Abbreviation,Short Title,Series,Series Number,Series Text,Series Title,"
    "Publisher,Place,Language,Rights,Type,Archive,Archive Location,Library Catalog,Call Number,"
    "Extra,Notes,File Attachments,Link Attachments,Manual Tags,Automatic Tags,Editor,Series "
    "Editor,Translator,Contributor,Attorney Agent,Book Author,Cast Member,Commenter,Composer,"
    "Cosponsor,Counsel,Interviewer,Producer,Recipient,Reviewed Author,Scriptwriter,Words By,"
    "Guest,Number,Edition,Running Time,Scale,Medium,Artwork Size,Filing Date,Application "
    "Number,Assignee,Issuing Authority,Country,Meeting Name,Conference Name,Court,References,"
    "Reporter,Legal Status,Priority Numbers,Programming Language,Version,System,Code,Code "
    "Number,Section,Session,Committee,History,Legislative Body")


def test_a_zotero_librarys_export_imports_its_papers_awaiting_translation():
    """A Zotero collection of arXiv preprints, exported as CSV (as the arXiv translator
    saves them: "Last, First" names parted by semicolons, a bare DOI, the abstract in
    "Abstract Note", arXiv's subjects as automatic tags), with every real paper of the
    sample days. Before: "the header row names 0 abstract columns"; then every name was
    two authors, and the DOI "not a link". The report names only the columns left out
    that hold something, not Zotero's ninety."""
    header = ZOTERO_HEADER.split(",")
    out = io.StringIO(newline="")
    writer = csv.writer(out, quoting=csv.QUOTE_ALL)
    writer.writerow(header)
    papers = [item["paper"] for _, item in daily_items()]
    for paper in papers:
        row = dict.fromkeys(header, "")
        row.update({
            "Key": paper["id"].replace(".", "")[:8], "Item Type": "preprint",
            "Publication Year": paper["publishedAt"][:4],
            "Author": "; ".join(", ".join(reversed(author["name"].rsplit(" ", 1)))
                                for author in paper["authors"]),
            "Title": paper["title"], "DOI": f"10.48550/arXiv.{paper['id']}",
            "Url": f"http://arxiv.org/abs/{paper['id']}", "Abstract Note": paper["summary"],
            "Date": paper["publishedAt"][:10], "Date Added": "2026-08-20 09:14:31",
            "Publisher": "arXiv", "Extra": f"arXiv:{paper['id']} [cs]",
            "Automatic Tags": "Computer Science - Computation and Language"})
        writer.writerow([row[name] for name in header])
    records, problems = read_records(out.getvalue(), "Exported Items.csv", None, LANGUAGES)
    assert problems == []
    assert [(r.titles, r.abstracts[1], r.arxiv, str(r.date)) for r in records] == [
        ((normalise_title(paper["title"]), None), None, paper["id"], paper["publishedAt"][:10])
        for paper in papers]
    assert [r.authors for r in records] == [
        tuple(author["name"] for author in paper["authors"]) for paper in papers]
    assert {r.links["doi"] for r in records[:1]} == {
        f"https://doi.org/10.48550/arXiv.{papers[0]['id']}"}
    assert {r.extra_terms for r in records} == {("Computer Science - Computation and Language",)}
    assert {r.left_out_columns for r in records} == {(
        "Key", "Item Type", "Date Added", "Publisher", "Extra")}
    # ("Publication Year" is read: a paper's file says it where its date's year does not)
    assert [r.year for r in records] == [int(paper["publishedAt"][:4]) for paper in papers]


def test_a_zotero_export_of_articles_keeps_the_page_where_each_was_published():
    """Zotero's `Url` is the item's own page: a journal's or a conference's for an article
    (before: a "project page"), arXiv's abstract for a preprint (its arXiv id, as before)."""
    header = ZOTERO_HEADER.split(",")
    out = io.StringIO(newline="")
    writer = csv.writer(out, quoting=csv.QUOTE_ALL)
    writer.writerow(header)
    papers = [item["paper"] for _, item in daily_items()[:3]]
    pages = ["https://www.pnas.org/doi/10.1073/pnas.2218523120",
             "https://aclanthology.org/N19-1423", f"http://arxiv.org/abs/{papers[2]['id']}"]
    for paper, page in zip(papers, pages, strict=True):
        row = dict.fromkeys(header, "")
        row.update({"Key": paper["id"].replace(".", "")[:8], "Item Type": "journalArticle",
                    "Author": "Yang, An", "Title": paper["title"], "Url": page,
                    "Abstract Note": paper["summary"], "Date": paper["publishedAt"][:10]})
        writer.writerow([row[name] for name in header])
    records, problems = read_records(out.getvalue(), "Exported Items.csv", None, LANGUAGES)
    assert problems == []
    assert [(r.arxiv, r.links) for r in records] == [
        (None, {"page": pages[0]}), (None, {"page": pages[1]}),
        (papers[2]["id"], {"pdf": f"https://arxiv.org/pdf/{papers[2]['id']}"})]


def test_a_zotero_export_of_articles_dated_by_their_year_alone_imports_with_date(tmp_path,
                                                                              capsys):
    """Zotero writes a journal article's date as its year alone ("2023"), which names no
    day: the import stops and says how to give the papers one (--date); with --date they
    import, dated so, and keep the year they were published (`year`, which their
    citations give). Before: the same stop, with or without --date (a bad cell stopped
    the import even where --date would have dated every paper), and the year lost."""
    header = ZOTERO_HEADER.split(",")
    path = tmp_path / "Exported Items.csv"
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, quoting=csv.QUOTE_ALL)
        writer.writerow(header)
        for paper in [item["paper"] for _, item in daily_items()[:2]]:
            row = dict.fromkeys(header, "")
            row.update({"Key": paper["id"].replace(".", "")[:8], "Item Type": "journalArticle",
                        "Title": " ".join(paper["title"].split()),
                        "Abstract Note": " ".join(paper["summary"].split()),
                        "Date": "2023",
                        "Publication Title": "Transactions on Machine  Learning Research"})
            writer.writerow([row[name] for name in header])
    project = make_project(tmp_path / "site", {})
    assert run_import(project, str(path)) == 1
    assert capsys.readouterr().err.splitlines()[:2] == [
        f"{path}:{line}: date: not a day of the calendar (expected a date such as 2025-05-14, "
        "found '2023') — a year alone names no day (Zotero writes a journal article's date "
        "so): give the papers their day with --date YYYY-MM-DD, or write it in the cell"
        for line in (2, 3)]
    assert run_import(project, str(path), "--date", "2026-08-20") == 0
    assert capsys.readouterr().out.splitlines()[-1] == (
        "2 created, 0 updated, 0 skipped; 2 awaiting translation")
    assert sorted((str(paper.date), paper.venue, paper.year)
                  for paper in imported(project).values()) == [
        ("2026-08-20", "Transactions on Machine Learning Research", 2023)] * 2


OPENREVIEW = FIXTURES / "openreview"


def test_an_openreview_answer_imports_its_submissions(tmp_path, capsys):
    """An answer of OpenReview's API (`curl 'https://api2.openreview.net/notes?content.
    venueid=…' | bitext import -`), each value of a note in `{"value": …}`: its papers,
    each with its forum's page (named "OpenReview" on the site), its PDF's whole address,
    the day it was published, its keywords for the tag rules; the note's fields that no
    paper file holds named, its authors' TL;DR among them (no editor's note). Before: read
    as the daily papers, "title: missing — is this the daily-papers JSON?" for every
    note."""
    from tests.conftest import SITE_YAML

    project = make_project(tmp_path / "site", {}, SITE_YAML + (
        "  testing:\n    name: {en: Testing, zh-Hans: 测试}\n    match: [test case synthesis]\n"))
    path = OPENREVIEW / "notes-v2.json"
    assert run_import(project, str(path)) == 0
    assert capsys.readouterr().out.splitlines()[-2:] == [
        f"{path}: columns left out (no field of a paper file holds them): authorids, "
        "primary_area, venueid, _bibtex, paperhash, venue (not published), authors' TL;DR",
        "3 created, 0 updated, 0 skipped; 3 awaiting translation"]
    notes = json.loads(path.read_text("utf-8"))["notes"]
    papers = {paper.title.primary: paper for paper in imported(project).values()}
    assert sorted(papers) == sorted(note["content"]["title"]["value"] for note in notes)
    for note in notes:
        paper = papers[note["content"]["title"]["value"]]
        assert paper.abstract.primary.text == " ".join(
            note["content"]["abstract"]["value"].split())
        assert paper.authors == tuple(note["content"]["authors"]["value"])
        assert (paper.link("page"), paper.link("pdf")) == (
            f"https://openreview.net/forum?id={note['id']}",
            f"https://openreview.net{note['content']['pdf']['value']}")
        assert paper.links[0].venue == "OpenReview" and paper.arxiv is None
        assert paper.awaiting_translation and paper.note is None  # (the TL;DR: the authors')
        assert paper.venue is None  # ("ICLR 2026 Conference Submission": not published)
    # (published on 2025-10-08; the third note, not published, made public that day)
    assert {str(paper.date) for paper in papers.values()} == {"2025-10-08"}
    # (HardTests' keywords name the rule's words; its title and abstract do not)
    assert {title: paper.tags for title, paper in papers.items() if paper.tags} == {
        "HardTests: Synthesizing High-Quality Test Cases for LLM Coding": ("testing",)}


def test_an_openreview_answer_of_api_1_and_of_a_forum_with_its_replies(tmp_path, capsys):
    """API 1's notes (venues before 2023) give their values bare; a forum's answer
    (`notes?forum=…`) holds the submission and its replies (reviews, comments, the
    decision), which are no papers."""
    path = OPENREVIEW / "notes-v1.json"
    answer = json.loads(path.read_text("utf-8"))
    submission = answer["notes"][0]
    replies = [{"id": f"rev{number}", "forum": submission["forum"],
                "replyto": submission["id"], "invitation": f"{kind}",
                "content": {"title": title, "review": "The paper is clear."}}
               for number, (kind, title) in enumerate([
                   ("Official_Review", "Review of the submission"),
                   ("Decision", "Paper Decision")])]
    forum = tmp_path / "forum.json"  # (its time of making no time a calendar has: the next)
    forum.write_text(json.dumps({"notes": [replies[0], {**submission, "cdate": 10**20},
                                           replies[1]]}), "utf-8")
    project = make_project(tmp_path / "site", {})
    for given in (path, forum):
        assert run_import(project, "--dry-run", str(given)) == 0
        report = capsys.readouterr().out.splitlines()
        assert report[-1] == ("1 created, 0 updated, 0 skipped; 1 awaiting translation (dry run: "
                              "nothing written)")
        assert report[0].startswith("would create content/papers/prorl-prolonged-reinforcement-"
                                    "learning-expands-reasoning-boundaries-in-large.md  [")
        assert "; 2025-05-30; " in report[0]  # (made on that day: no day of publication)
    assert run_import(project, str(path)) == 0  # (published: its venue is the paper's)
    capsys.readouterr()
    assert [paper.venue for paper in imported(project).values()] == ["Example Workshop 2025"]
    # (notes without an abstract: no papers for a digest, said as of any records)
    del submission["content"]["abstract"]
    path = tmp_path / "no-abstract.json"
    path.write_text(json.dumps(answer), "utf-8")
    assert run_import(project, str(path)) == 1
    assert capsys.readouterr().err.splitlines()[0].startswith(
        f"{path}:1: the header row names 0 abstract columns")


def markdown_tables(rows: list[dict]) -> str:
    """The rows as a Markdown digest keeps them: a table a day under the day's heading,
    each title a link to its arXiv page, a links column of Markdown links, bars in the
    text escaped."""
    def cell(text: str) -> str:
        return " ".join(text.split()).replace("|", "\\|")

    lines, day = ["# Daily papers", ""], None
    for row in rows:
        if row["date"] != day:
            day = row["date"]
            lines += ["", f"## {day}", "", "| Paper | 中文标题 | Abstract | 摘要 | Links |",
                      "|---|---|:--|:--|---|"]
        links = f"[PDF](https://arxiv.org/pdf/{row['arxiv']})" + (
            f" [Code]({row['code']})" if row["code"] else "")
        lines.append(f"| [{cell(row['title'])}](https://arxiv.org/abs/{row['arxiv']}) | "
                     f"{cell(row['chinese_title'])} | {cell(row['abstract'])} | "
                     f"{cell(row['chinese'])} | {links} |")
    return "\n".join(lines) + "\n"


def test_every_real_paper_imports_from_markdown_tables_a_day_each():
    """Every real paper in a Markdown table under its day's heading: each has its title
    (the text of its link), its arXiv id (from the link), its day (from the heading), its
    code link, and its abstract's words."""
    rows = real_rows()
    records, problems = read_records(markdown_tables(rows), "papers.md", None, LANGUAGES)
    assert problems == []
    assert [(r.titles, r.abstracts[1], r.date.isoformat(), r.arxiv, r.links.get("code"))
            for r in records] == [
        ((normalise_title(row["title"]), row["chinese_title"]), row["chinese"], row["date"],
         row["arxiv"], row["code"] or None) for row in rows]
    assert [r.abstracts[0] for r in records] == [
        " ".join(with_tex_styles(row["abstract"]).split()) for row in rows]
    assert sum(bool(row["code"]) for row in rows) > 100
    assert sum("|" in row["abstract"] for row in rows) > 0


@pytest.mark.parametrize("shape", ["array", "lines"], ids=["json-array", "json-lines"])
def test_every_real_paper_imports_from_json_records(shape):
    """Every real paper as a record of the JSON (or JSON Lines) a translation script
    writes: keys named as a table's columns, the authors a list, a TL;DR the editor's
    note and arXiv's comments left out; the daily papers' JSON stays theirs."""
    rows = real_rows()
    records = [{"title": row["title"], "title_zh": row["chinese_title"],
                "abstract": row["abstract"], "abstract_zh": row["chinese"],
                "authors": row["authors"].split("; "), "arxiv_id": row["arxiv"],
                "date": row["date"], "upvotes": int(row["upvotes"]), "tldr": row["note"],
                "comments": "12 pages, 5 figures"} for row in rows]
    text = (json.dumps(records, ensure_ascii=False, indent=2) if shape == "array" else
            "\n".join(json.dumps(record, ensure_ascii=False) for record in records))
    found, problems = read_records(text, "translated.json", None, LANGUAGES)
    assert problems == []
    assert [(r.titles, r.abstracts[1], r.date.isoformat(), r.arxiv, list(r.authors))
            for r in found] == [
        ((normalise_title(row["title"]), row["chinese_title"]), row["chinese"], row["date"],
         row["arxiv"], row["authors"].split("; ")) for row in rows]
    assert {r.left_out_columns for r in found} == {("upvotes", "comments")}
    assert [r.note for r in found] == [
        (None, "值得一读。") if index % 4 == 0 else (row["note"] or None, None)
        for index, row in enumerate(rows)]
    # each record's line: where its object starts
    lines = text.split("\n")
    assert all(lines[r.line - 1].strip() in ("{", json.dumps(record, ensure_ascii=False))
               for r, record in zip(found, records, strict=True))


def test_json_records_list_objects_by_their_names_and_addresses():
    """Authors as the daily papers list them (`{"name": …, "hidden": false}`) and links as
    scripts list code (`{"url": …, "type": "github"}`), in records of the real papers:
    before, each object was its JSON text, a name "{"name": …" and "not a link"."""
    day = FIXTURES / "hf-daily-papers" / "2025-06-02.json"
    items = [item["paper"] for item in json.loads(day.read_text("utf-8"))[:4]]
    records = [{"title": paper["title"], "title_zh": "标题", "abstract": paper["summary"],
                "abstract_zh": "摘要。", "authors": paper["authors"],
                "code_links": [{"url": paper["githubRepo"], "type": "github"}]
                if paper.get("githubRepo") else []} for paper in items]
    found, problems = read_records(json.dumps(records), "papers.json", None, LANGUAGES)
    assert problems == []
    assert [r.authors for r in found] == [
        tuple(author["name"] for author in paper["authors"]) for paper in items]
    assert [r.links.get("code") for r in found] == [paper.get("githubRepo") for paper in items]
    assert any(paper.get("githubRepo") for paper in items)


def test_json_records_held_by_an_object_take_its_date():
    """`{"date": …, "papers": [{"id": arXiv id, "title": …, "title_cn": …}]}`, as a
    script writes a day: the records of its one list, each with the object's date, its
    "id" the arXiv id (a row number in "id" is no field's), and told apart from the daily
    papers (whose items hold an "id" and a "summary" too) by their translations."""
    rows = [row for row in real_rows() if row["date"] == real_rows()[0]["date"]][:5]
    day = {"date": rows[0]["date"], "count": len(rows), "papers": [
        {"id": row["arxiv"], "title": row["title"], "summary": row["abstract"],
         "title_cn": row["chinese_title"], "summary_cn": row["chinese"]} for row in rows]}
    text = json.dumps(day, ensure_ascii=False, indent=1)
    found, problems = read_records(text, "day.json", None, LANGUAGES)
    assert problems == []
    assert [(r.titles, r.abstracts[1], r.date.isoformat(), r.arxiv) for r in found] == [
        ((normalise_title(row["title"]), row["chinese_title"]), row["chinese"], row["date"],
         row["arxiv"]) for row in rows]
    lines = text.split("\n")  # (each record's line: where its object starts)
    assert [lines[r.line - 1: r.line + 1] for r in found] == [
        ["  {", f'   "id": "{row["arxiv"]}",'] for row in rows]
    for number, paper in enumerate(day["papers"], start=1):
        paper["id"] = str(number)
    found, problems = read_records(json.dumps(day), "day.json", None, LANGUAGES)
    assert problems == [] and [r.arxiv for r in found] == [None] * len(rows)


def test_a_days_object_with_a_summary_of_its_own_holds_papers_published_before_it(
        tmp_path, capsys):
    """`{"date", "category", "summary", "papers": [{"arxiv_id", "title", "title_zh",
    "abstract", "tldr_zh", "published_date", …}]}`, as a script writes its day: the
    object's "summary" is the day's, no paper's (it read as a record of its own, "id:
    missing … is this the daily-papers JSON?"), and its date is the day the papers are
    listed on, where each paper's "published_date" gives the year it was published (which
    a paper file keeps where it is another; "the header row names 2 date columns")."""
    rows = [row for row in real_rows() if row["date"] == real_rows()[0]["date"]][:4]
    published = ["2023-12-30", rows[0]["date"], "2022-05-02T17:59:59Z", rows[0]["date"]]
    day = {"date": rows[0]["date"], "category": "cs.CL", "summary": "今日概览：四篇论文。",
           "papers": [{"arxiv_id": row["arxiv"], "title": row["title"],
                       "title_zh": row["chinese_title"], "authors": row["authors"].split("; "),
                       "abstract": row["abstract"], "tldr_zh": "一句话：值得一读。",
                       "published_date": when, "updated_date": when}
                      for row, when in zip(rows, published, strict=True)]}
    found, problems = read_records(json.dumps(day, ensure_ascii=False, indent=2), "day.json",
                                   None, LANGUAGES)
    assert problems == []
    assert [(r.titles, r.arxiv, r.date.isoformat(), r.year) for r in found] == [
        ((normalise_title(row["title"]), row["chinese_title"]), row["arxiv"], row["date"],
         year) for row, year in zip(rows, [2023, 2024, 2022, 2024], strict=True)]
    assert [r.abstracts[0].split()[:5] for r in found] == [
        row["abstract"].split()[:5] for row in rows]
    assert "今日概览" not in json.dumps([r.abstracts for r in found], ensure_ascii=False)
    project = make_project(tmp_path / "site", {})
    (tmp_path / "day.json").write_text(json.dumps(day, ensure_ascii=False), "utf-8")
    assert run_import(project, str(tmp_path / "day.json")) == 0
    papers = sorted(imported(project).values(), key=lambda paper: paper.order)
    assert [(paper.date.isoformat(), paper.year) for paper in papers] == [
        (rows[0]["date"], year) for year in (2023, None, 2022, None)]


def test_a_tables_date_beside_a_published_column_is_the_day_it_lists_the_paper_on():
    """A spreadsheet's "Date" (the day the digest lists a paper on) beside its
    "Published" (arXiv's day): the date, and the year published. Two columns that name
    the listing's day stay a problem."""
    rows = real_rows()[:2]
    lines = ["Title,中文标题,Abstract,中文摘要,Date,Published"] + [
        ",".join(json.dumps(cell, ensure_ascii=False) for cell in (
            row["title"], row["chinese_title"], row["abstract"], row["chinese"], "2025-06-02",
            published)) for row, published in zip(rows, ["2024-11-03", "2025-05-30"],
                                                            strict=True)]
    found, problems = read_records("\n".join(lines), "papers.csv", None, LANGUAGES)
    assert problems == []
    assert [(r.date.isoformat(), r.year) for r in found] == [("2025-06-02", 2024),
                                                             ("2025-06-02", 2025)]
    lines[0] = lines[0].replace("Published", "Day")
    _, problems = read_records("\n".join(lines), "papers.csv", None, LANGUAGES)
    assert [problem.message for problem in problems] == ["the header row names 2 date columns"]


def test_daily_papers_held_by_an_object_are_read_as_the_daily_papers():
    items = json.loads(DAILY_DAY.read_text("utf-8"))
    found, problems = read_records(json.dumps({"date": "2024-06-03", "papers": items},
                                              indent=2), "day.json", None, LANGUAGES)
    direct, _ = read_records(DAILY_DAY.read_text("utf-8"), "2024-06-03.json", None, LANGUAGES)
    assert problems == [] and len(found) == len(items) > 5
    assert [(r.titles, r.arxiv, r.authors) for r in found] == [
        (r.titles, r.arxiv, r.authors) for r in direct]


def test_a_json_line_that_is_not_json_names_its_line(tmp_path, capsys):
    lines = [json.dumps({"title": "A Title", "abstract": "An abstract."}),
             '{"title": "Another Title", "abstract": "Another abstract."',
             json.dumps({"title": "A Third", "abstract": "A third abstract."})]
    records = tmp_path / "papers.jsonl"
    records.write_text("\n".join(lines) + "\n", "utf-8")
    project = make_project(tmp_path / "site", {})
    assert run_import(project, str(records)) == 1
    assert capsys.readouterr().err.splitlines()[0] == (
        f"{records}:2: not JSON records of papers (expected an array of objects, or an object "
        "a line (JSON Lines), whose keys name a title and an abstract, found Expecting ',' "
        "delimiter) — is a comma or a quote missing on this line?")


def test_a_table_without_translations_imports_papers_awaiting_them(tmp_path, capsys):
    """A table of the title and abstract columns only: each paper awaits its translation;
    the file is told a table by its header row, whatever its name."""
    rows = real_rows()[:20]
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow(["Title", "Abstract", "arXiv", "Tags", "Rating"])
    for row in rows:
        writer.writerow([row["title"], row["abstract"], row["arxiv"], "LLM, Diffusion Models",
                         "5"])
    papers_file = tmp_path / "week.txt"
    papers_file.write_text(out.getvalue(), "utf-8")
    project = make_project(tmp_path / "site", {})
    assert run_import(project, str(papers_file)) == 0
    assert capsys.readouterr().out.splitlines()[-2:] == [
        f"{papers_file}: columns left out (no field of a paper file holds them): Rating",
        "20 created, 0 updated, 0 skipped; 20 awaiting translation"]
    papers = imported(project)
    assert len(papers) == 20
    assert all(paper.awaiting_translation for paper in papers.values())
    assert {paper.tags for paper in papers.values()} == {("diffusion-models", "llm")}
    assert sorted(paper.arxiv for paper in papers.values()) == sorted(
        row["arxiv"] for row in rows)


@pytest.mark.parametrize("lines, message", [
    (["Title,Authors", "A Title,A"],
     "t.csv:1: the header row names 0 abstract columns (expected an abstract column in "
     "English, and one in 简体中文 where the papers have their translation, found none) — "
     "name the columns such as title, zh-Hans title, abstract, zh-Hans abstract"),
    (["Title,中文标题,Abstract,中文摘要", ",标题,An abstract.,一段摘要。"],
     "t.csv:2: title: the title cell is empty (expected the title in English, found a title "
     "in 简体中文 only) — fill the title column of this row"),
    (["Title,中文标题,Abstract,中文摘要", "A Title,标题,An abstract.,"],
     "t.csv:2: the translated abstract is missing (expected an abstract in 简体中文 (or neither "
     "translation, for a paper awaiting it), found nothing) — fill its translated abstract"),
    (["Title,中文标题,Abstract,中文摘要", "A Title,Another title,An abstract.,一段摘要。"],
     "t.csv:2: title: a title in the wrong language (expected one title in English and one in "
     "简体中文, found 'Another title') — is a cell in the wrong column?"),
    (["Title,中文标题,Abstract,中文摘要,Date", "A Title,标题,An abstract.,一段摘要。,2025-02-30"],
     "t.csv:2: date: not a day of the calendar (expected a date such as 2025-05-14, found "
     "'2025-02-30') — write the date as YYYY-MM-DD (or give every paper its day with --date "
     "YYYY-MM-DD)"),
    (["Title,中文标题,Abstract,中文摘要,Code", "A Title,标题,An abstract.,一段摘要。,soon"],
     "t.csv:2: Code: not a link (expected web addresses, or an arXiv id in an arxiv column, "
     "found 'soon') — a links column holds addresses only"),
    (["Title,中文标题,Abstract,中文摘要", 'A Title,标题,"An abstract.,一段摘要。',
      "Another,标题,Text.,文字。"],
     "t.csv:2: not a row of a table (expected cells parted by the header row's separator, a "
     "cell in quotes closed before the next, found unexpected end of data) — is a quote left "
     "open in this row? export the table again as CSV")])
def test_a_table_with_a_problem_names_its_line_and_nothing_is_written(tmp_path, capsys,
                                                                       lines, message):
    table = tmp_path / "t.csv"
    table.write_text("\n".join(lines) + "\n", "utf-8")
    project = make_project(tmp_path / "site", {})
    assert run_import(project, str(table)) == 1
    assert capsys.readouterr().err.splitlines()[0] == message.replace("t.csv", str(table))
    assert imported(project) == {}


def test_a_plain_digest_is_not_taken_for_a_table():
    """A digest's first line (a title, perhaps with commas, or a labelled field) names no
    columns of a title and an abstract."""
    from bitext.table import looks_like_table

    for first in ["Scaling, Fast and Slow: A Study", "Title: Qwen3, a report",
                  "Qwen3 Technical Report", "Title:\tQwen3",
                  # (bars over dashes that Markdown reads as no table: found by fuzzing)
                  " | |---|---|\n|---|---|"]:
        assert not looks_like_table(first + "\nQwen3 技术报告\n", LANGUAGES)
    assert looks_like_table("title\tabstract\nA\tB\n", LANGUAGES)


@pytest.mark.parametrize("shape", ["json", "csv"])
def test_a_table_of_translations_alone_translates_the_papers_of_its_ids(tmp_path, capsys,
                                                                        shape):
    """Rows of an arXiv id, a translated title and a translated abstract (as a
    translation script keeps them beside the daily papers it read) are the translations
    of the papers of those ids, imported in the same run; alone, they are refused with
    the commands that bring the papers. Before: "the abstract cell is empty"."""
    items = json.loads(DAILY_DAY.read_text("utf-8"))[:3]
    rows = [{"id": item["paper"]["id"], "title_zh": CHINESE_TITLES[number],
             "abstract_zh": CHINESE_ABSTRACTS[number]} for number, item in enumerate(items)]
    table = tmp_path / f"translations.{shape}"
    if shape == "json":
        table.write_text(json.dumps(rows, ensure_ascii=False), "utf-8")
    else:
        with table.open("w", encoding="utf-8", newline="") as file:
            writer = csv.DictWriter(file, fieldnames=list(rows[0]))
            writer.writeheader()
            writer.writerows(rows)
    project = make_project(tmp_path / "site", {})
    assert run_import(project, str(table)) == 1
    error = capsys.readouterr().err
    assert "3 translations without their papers' abstracts in English" in error
    assert ",".join(row["id"] for row in rows) in error
    assert run_import(project, str(DAILY_DAY), str(table)) == 0
    papers = imported(project)
    translated = {paper.title.primary: paper for paper in papers.values()
                  if not paper.awaiting_translation}
    assert sorted(translated) == sorted(normalise_title(item["paper"]["title"])
                                        for item in items)
    for number, item in enumerate(items):
        paper = translated[normalise_title(item["paper"]["title"])]
        assert (paper.title.secondary, paper.abstract.secondary.text) == (
            CHINESE_TITLES[number], CHINESE_ABSTRACTS[number])
        assert paper.abstract.primary.text == normalise_abstract(item["paper"]["summary"])


@pytest.mark.parametrize("name, by_machine", [
    ("translation", False), ("Translation", False), ("AI.translation", True),
    ("machine translation", True), ("machine_translation", True), ("译文", False),
    ("AI 翻译", True)])
def test_a_column_of_a_translation_alone_is_the_translated_abstract(tmp_path, capsys, name,
                                                                     by_machine):
    """A column named as a translation, with no title or abstract in its name, holds the
    abstract's ("translated title" names a title's). A table that has no column for the
    translated title gives the abstract's translation alone: its papers await the title's
    (`translate --pending` makes it). Where the name says a machine made it, the papers'
    translator is `machine`."""
    rows = real_rows()[:3]
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow(["Title", "Abstract", name, "arXiv"])
    for row in rows:
        writer.writerow([row["title"], row["abstract"], row["chinese"], row["arxiv"]])
    table = tmp_path / "t.csv"
    table.write_text(out.getvalue(), "utf-8")
    project = make_project(tmp_path / "site", {})
    assert run_import(project, str(table)) == 0
    report = capsys.readouterr().out.splitlines()
    assert [line.endswith("awaiting the title's translation]") for line in report[:3]] == [
        True] * 3
    papers = sorted(imported(project).values(), key=lambda paper: paper.arxiv)
    assert [paper.abstract.secondary.text for paper in papers] == [
        row["chinese"] for row in sorted(rows, key=lambda row: row["arxiv"])]
    assert {(paper.title.secondary, paper.translator) for paper in papers} == {
        (None, "machine" if by_machine else None)}


def test_a_row_without_the_translated_title_of_its_column_is_still_a_problem(tmp_path,
                                                                              capsys):
    """Where the table has a column for the translated title, a row that leaves it empty
    while it gives the abstract's translation is a cell forgotten, as before."""
    table = tmp_path / "t.csv"
    table.write_text("Title,中文标题,Abstract,中文摘要\nA Title,,An abstract.,一段摘要。\n",
                     "utf-8")
    project = make_project(tmp_path / "site", {})
    assert run_import(project, str(table)) == 1
    assert capsys.readouterr().err.splitlines()[0] == (
        f"{table}:2: the translated title is missing (expected a title in 简体中文 (or neither "
        "translation, for a paper awaiting it), found nothing) — fill its translated title")


def test_json_records_name_the_keys_of_the_objects_they_hold(tmp_path, capsys):
    """An object in a record ("zh": {"title": …, "abstract": …}) gives columns named with
    its key ("zh.title"), read as such; JSON Lines of arXiv's papers ("id", "summary")
    are records, not the daily papers."""
    rows = real_rows()[:2]
    lines = [json.dumps({"id": row["arxiv"], "title": row["title"], "summary": row["abstract"],
                         "zh": {"title": row["chinese_title"], "abstract": row["chinese"]},
                         "meta": {"upvotes": 3}}, ensure_ascii=False) for row in rows]
    records = tmp_path / "day.jsonl"
    records.write_text("\n".join(lines) + "\n", "utf-8")
    project = make_project(tmp_path / "site", {})
    assert run_import(project, str(records)) == 0
    assert capsys.readouterr().out.splitlines()[-2:] == [
        f"{records}: columns left out (no field of a paper file holds them): meta.upvotes",
        "2 created, 0 updated, 0 skipped; 0 awaiting translation"]
    papers = sorted(imported(project).values(), key=lambda paper: paper.arxiv)
    assert [(paper.title.secondary, paper.abstract.secondary.text) for paper in papers] == [
        (row["chinese_title"], row["chinese"])
        for row in sorted(rows, key=lambda row: row["arxiv"])]


# A paper a Markdown file under YAML front matter, as daily-paper-reader (a public project
# many fork) writes each paper of its docs/: its fields, a model's readings of the paper,
# then "## 摘要" and "## Abstract". The fixture gives AlphaOne (2025-06-02) so.
ONE_PAPER = (FIXTURES / "digests"
             / "2505.24863v1-alphaone-reasoning-models-thinking-slow-and-fast-at-test-time.md")


def test_a_paper_under_front_matter_imports_as_a_row_of_its_fields(tmp_path, capsys):
    """The fields are the columns (`title_zh`, `authors` as one text, `pdf` a link), each
    of the body's headings names the text under it (`摘要`, `Abstract`). The model's
    readings are left out, and its `tldr` with them: no editor's note. Before, the front
    matter's lines were a digest's ("expected the translated title … found a line in
    English 'figures_json: …'")."""
    project = make_project(tmp_path / "site", {})
    assert run_import(project, str(ONE_PAPER)) == 0
    assert capsys.readouterr().out.splitlines()[1:] == [
        f"{ONE_PAPER}: columns left out (no field of a paper file holds them): generated_at, "
        "score, evidence, tldr, source, selection_source, motivation, method, result, "
        "conclusion",
        "1 created, 0 updated, 0 skipped; 0 awaiting translation"]
    (alphaone,) = imported(project).values()
    daily = json.loads((FIXTURES / "hf-daily-papers/2025-06-02.json").read_text("utf-8"))
    english = daily[1]["paper"]
    assert (alphaone.title.primary, alphaone.title.secondary) == (
        english["title"], "AlphaOne：推理模型在测试时的快慢思考")
    assert alphaone.abstract.primary.text == normalise_abstract(english["summary"])
    assert alphaone.abstract.secondary.text.startswith("本文提出 AlphaOne（α1）")
    assert alphaone.authors == tuple(author["name"] for author in english["authors"])
    assert (str(alphaone.date), alphaone.arxiv, alphaone.note) == ("2025-06-02", "2505.24863",
                                                                   None)


def test_a_paper_under_front_matter_that_is_not_yaml_is_named_so(tmp_path, capsys):
    """Its title unquoted, with the colon real titles hold: YAML reads a second mapping.
    The file is still one paper, and the error names the line and how to quote it.
    Before, it was read as a digest: "expected the title (… found a line in 简体中文 …)"
    at the abstract."""
    text = ONE_PAPER.read_text("utf-8")
    title = "AlphaOne: Reasoning Models Thinking Slow and Fast at Test Time"
    broken = tmp_path / ONE_PAPER.name
    broken.write_text(text.replace(f'title: "{title}"', f"title: {title}"), "utf-8")
    project = make_project(tmp_path / "site", {})
    assert run_import(project, str(broken)) == 1
    assert capsys.readouterr().err.splitlines() == [
        f"{broken}:2: front matter that is not YAML (expected fields such as 'title: …', "
        "found not valid YAML: mapping values are not allowed in this context) — put the "
        'value in double quotes: title: "AlphaOne: Reasoning Models Thinking Slow and Fast '
        'at Test T…"',
        "1 error in 1 file; nothing was written."]
    assert imported(project) == {}


@pytest.mark.parametrize(("given", "tags"), [("query:reasoning", ["reasoning"]),
                                              ("query:awc", ["awc"])])
def test_a_tag_in_a_namespace_is_its_name(tmp_path, capsys, given, tags):
    """daily-paper-reader names the query that found a paper as its tag ("query:
    reasoning", "query:awc", the editor's own name for a query): the tag is the name after
    the colon, one of site.yaml's or a new one. Before, it was "query-reasoning"."""
    text = ONE_PAPER.read_text("utf-8").replace('"query:reasoning"', f'"{given}"')
    paper = tmp_path / ONE_PAPER.name
    paper.write_text(text, "utf-8")
    project = make_project(tmp_path / "site", {})
    assert run_import(project, str(paper)) == 0
    (alphaone,) = imported(project).values()
    assert sorted(alphaone.tags) == tags


def test_front_matter_names_a_title_in_each_language_as_an_object(tmp_path, capsys):
    """`title: {en: …, zh-Hans: …}` and a `tldr` without a model's readings beside it:
    the titles, and the editor's note, as a table's columns name them."""
    (title, translated, abstract, translation), *_ = [
        (row["title"], row["chinese_title"], row["abstract"], row["chinese"])
        for row in real_rows()[:1]]
    post = tmp_path / "2024-06-03-paper.md"
    post.write_text(f"---\nlayout: post\ntitle:\n  en: '{title}'\n  zh-Hans: {translated}\n"
                    f"date: 2024-06-03\ntldr: 值得一读。\n---\n\n## Abstract\n\n{abstract}\n\n"
                    f"## 中文摘要\n\n{translation}\n", "utf-8")
    project = make_project(tmp_path / "site", {})
    assert run_import(project, str(post)) == 0
    assert capsys.readouterr().out.splitlines()[1] == (
        f"{post}: columns left out (no field of a paper file holds them): layout")
    (paper,) = imported(project).values()
    assert (paper.title.primary, paper.title.secondary) == (normalise_title(title), translated)
    assert paper.abstract.secondary.text == translation
    assert paper.note.secondary.text == "值得一读。"


def test_a_digest_under_front_matter_is_dated_by_it(tmp_path, capsys):
    """A Jekyll post of a whole digest ("title: Papers of the week" over the papers): its
    papers, dated by the front matter's date, and its other fields named as left out.
    Before, "title: Papers of the week" was the first paper's title."""
    sample = (FIXTURES / "digests/hf-papers-2025-05.txt").read_text("utf-8").split("\n")
    post = tmp_path / "weekly.md"
    post.write_text("---\nlayout: post\ntitle: \"Papers of the week\"\ndate: 2025-05-14\n"
                    "tags: [weekly]\n---\n\n" + "\n".join(sample[:13]) + "\n", "utf-8")
    project = make_project(tmp_path / "site", {})
    assert run_import(project, str(post)) == 0
    report = capsys.readouterr().out.splitlines()
    assert report[-2:] == [
        f"{post}: lines 2, 3, 5 left out (no paper's: the digest's opening or closing words)",
        "3 created, 0 updated, 0 skipped; 0 awaiting translation"]
    assert {str(paper.date) for paper in imported(project).values()} == {"2025-05-14"}


def test_a_digest_of_entries_parted_by_rules_a_rule_first_has_no_front_matter(tmp_path,
                                                                              capsys):
    """"---" / "Title: …" / "摘要: …" / "---" / "Title: …": the first entry looks like
    front matter, but the block after the next rule has its fields again. Both papers
    import. (A first version of the front matter's reading took the first entry for a
    paper's fields and left the second out as its "text".)"""
    (title, translated, abstract, translation), second = [
        (row["title"], row["chinese_title"], row["abstract"], row["chinese"])
        for row in real_rows()[:2]]
    blocks = ["---"]
    for one in ((title, translated, abstract, translation), second):
        blocks += [f"Title: {normalise_title(one[0])}", f"中文标题: {one[1]}",
                   f"Abstract: {normalise_abstract(one[2])}", f"摘要: {one[3]}", "---"]
    digest = tmp_path / "ruled.md"
    digest.write_text("\n".join(blocks) + "\n", "utf-8")
    project = make_project(tmp_path / "site", {})
    assert run_import(project, str(digest)) == 0
    assert capsys.readouterr().out.splitlines()[-1] == (
        "2 created, 0 updated, 0 skipped; 0 awaiting translation")
    assert sorted(paper.title.secondary for paper in imported(project).values()) == sorted(
        [translated, second[1]])


@pytest.mark.parametrize("header", [["Name", "中文标题", "Abstract", "中文摘要"],
                                    ["Name", "Name (zh)", "Abstract", "Abstract (zh)"]])
def test_a_notion_databases_name_column_is_the_title(header):
    """A Notion database exported as CSV names its title property "Name" (Airtable its
    first field too): the title (before: "the title cell is empty" in every row); beside
    a "Title" column, "Name" is something else's, left out. Its "Created" property, the
    day the editor added the paper, dates the papers where no column gives a date (before:
    left out, and every paper dated the day of the import); beside a "Date", it is left
    out."""
    rows = real_rows()[:20]

    def export(names: list[str], more: list[str]) -> str:
        out = io.StringIO(newline="")
        writer = csv.writer(out)
        writer.writerow([*names, "Tags", "URL", "Created", *more])
        for row in rows:
            writer.writerow([row["title"], row["chinese_title"], row["abstract"],
                             row["chinese"], "LLM, Reasoning",
                             f"https://arxiv.org/abs/{row['arxiv']}", "June 2, 2025 10:12 AM",
                             *["dataset-x"] * len(more)])
        return "\ufeff" + out.getvalue()

    records, problems = read_records(export(header, []), "Papers 1a2b.csv", None, LANGUAGES)
    assert problems == []
    assert [(record.titles, record.arxiv, record.date) for record in records] == [
        ((" ".join(row["title"].split()), row["chinese_title"]), row["arxiv"],
         dt.date(2025, 6, 2)) for row in rows]
    records, problems = read_records(export(["Title", *header[1:]], ["Name"]), "t.csv", None,
                                     LANGUAGES)
    assert problems == [] and "Name" in records[0].left_out_columns
    records, problems = read_records(export(header, ["Date"]).replace(
        "dataset-x", "2025-05-14"), "d.csv", None, LANGUAGES)
    assert problems == [] and "Created" in records[0].left_out_columns
    assert {record.date for record in records} == {dt.date(2025, 5, 14)}


def test_semantic_scholars_json_gives_each_papers_arxiv_id_doi_and_day():
    """The Semantic Scholar API's answer of papers (`{"data": [{"paperId", "externalIds":
    {"ArXiv", "DOI"}, "title", "abstract", "publicationDate", "authors": [{"name"}] …}]}`):
    each paper's arXiv id and DOI from its ids, its day from its date of publication
    (before: neither, the papers dated today); its own id left out, no link."""
    papers = [item["paper"] for _, item in daily_items()[:12]]
    answer = {"total": 12, "offset": 0, "data": [{
        "paperId": f"{number:040x}", "url": f"https://www.semanticscholar.org/paper/{number:040x}",
        "externalIds": {"ArXiv": paper["id"], "DOI": f"10.48550/arXiv.{paper['id']}",
                        "CorpusId": 270000000 + number},
        "title": paper["title"], "abstract": paper["summary"], "venue": "arXiv.org",
        "year": int(paper["publishedAt"][:4]), "publicationDate": paper["publishedAt"][:10],
        "authors": [{"authorId": str(at), "name": author["name"]}
                    for at, author in enumerate(paper["authors"])]}
        for number, paper in enumerate(papers)]}
    records, problems = read_records(json.dumps(answer), "s2.json", None, LANGUAGES)
    assert problems == []
    assert [(record.arxiv, record.links["doi"], record.date.isoformat()) for record in records] == [
        (paper["id"], f"https://doi.org/10.48550/arXiv.{paper['id']}", paper["publishedAt"][:10])
        for paper in papers]
    assert "paperId" in records[0].left_out_columns


def test_a_cell_of_an_abstract_and_its_translation_under_it_is_both():
    """A table of two columns, each cell a text and its translation under it ("| Title<br>
    标题 | Abstract …<br><br>摘要 … |", as Chinese lists of papers on GitHub write them):
    the translation was the abstract's last paragraph, and the paper awaited its
    translation. An abstract of two paragraphs in one language stays one abstract."""
    rows = real_rows()[:6]
    abstracts = [" ".join(row["abstract"].split()) for row in rows]  # (a cell is one line)
    lines = ["| 论文 | 摘要 |", "| --- | --- |"]
    for row, abstract in zip(rows, abstracts, strict=True):
        lines.append(f"| {' '.join(row['title'].split())}<br>{row['chinese_title']} | "
                     f"{abstract}<br><br>{row['chinese']} |")
    records, problems = read_records("\n".join(lines), "README.md", None, LANGUAGES)
    assert problems == []
    assert [record.abstracts for record in records] == [
        (abstract, row["chinese"]) for row, abstract in zip(rows, abstracts, strict=True)]
    one = f"| {rows[0]['title']}<br>{rows[0]['chinese_title']} | First.<br><br>Second. |"
    records, _ = read_records("\n".join([*lines[:2], one]), "README.md", None, LANGUAGES)
    assert records[0].abstracts == ("First.\n\nSecond.", None)


def test_a_cell_of_a_title_wrapped_over_lines_above_its_translation():
    """A title cell whose title takes two lines above its translation ("Qwen3 Technical<br>
    Report<br>Qwen3 技术报告"): the title's lines are one title (before, the three lines
    stayed one cell, the title holding its translation)."""
    text = ("| 论文 | 摘要 |\n| --- | --- |\n"
            "| Qwen3 Technical<br>Report<br>Qwen3 技术报告 | In this work.<br><br>在本工作中。 |")
    records, problems = read_records(text, "README.md", None, LANGUAGES)
    assert problems == []
    assert [(r.titles, r.abstracts) for r in records] == [
        (("Qwen3 Technical Report", "Qwen3 技术报告"), ("In this work.", "在本工作中。"))]
