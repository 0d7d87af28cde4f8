"""`import FOLDER` and `import 'PATTERN'`: a folder of digests (a Notion or Obsidian
export, a repository's data/ of a file a day, a Hugo site's content) read as its files,
and a pattern of names read as the files it matches, as PowerShell and cmd hand it to a
program unexpanded."""

import json
import shutil

import pytest

from bitext.cli import main
from tests.conftest import FIXTURES, SAMPLE_DIGEST, make_project, snapshot
from tests.test_import import abstracts_in_file, imported

DAYS = sorted((FIXTURES / "hf-daily-papers").glob("2025-06-0*.json"))


def run(project, *args: str) -> int:
    return main(["--root", str(project), "import", *args])


def digests_folder(folder):
    """The daily papers of five days in a folder of a month, the sample digest beside
    them; and what no import reads: its README, a picture, an editor's hidden file, and a
    bitext site of its own (whose papers, templates and output are no input)."""
    month = folder / "2025" / "06"
    month.mkdir(parents=True)
    for day in DAYS:
        shutil.copy(day, month / day.name)
    shutil.copy(SAMPLE_DIGEST, folder / SAMPLE_DIGEST.name)
    (folder / "README.md").write_text("# Our digests\n\nA file a day.\n", "utf-8")
    (month / "figure.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (month / ".2025-06-02.json.swp").write_bytes(b"\x00")
    make_project(folder / "site", {})
    return folder


def test_a_folder_imports_its_digests_as_naming_them_does(tmp_path, capsys):
    """A month's folder of the daily papers and a digest beside it read as naming each
    file does, in the order of their paths; the README, the picture and the site inside
    it are left out and named, the hidden file is not named."""
    folder = digests_folder(tmp_path / "digests")
    named = make_project(tmp_path / "named", {})
    assert run(named, str(SAMPLE_DIGEST), *map(str, DAYS)) == 0
    summary = capsys.readouterr().out.splitlines()[-1]
    assert summary == "139 created, 0 updated, 0 skipped; 135 awaiting translation"

    project = make_project(tmp_path / "from-folder", {})
    assert run(project, str(folder)) == 0
    out = capsys.readouterr()
    assert out.err.splitlines() == [
        f"{folder}: 6 files to read; left out: 2025/06/figure.png, README.md, site/"]
    assert out.out.splitlines()[-1] == summary
    assert snapshot(project / "content/papers") == snapshot(named / "content/papers")


def test_a_pattern_that_the_shell_left_imports_the_files_it_matches(tmp_path, capsys):
    """`python build.py import digests\\2025\\06\\*.json` in PowerShell: the pattern as
    written ("cannot read the file" before)."""
    folder = digests_folder(tmp_path / "digests")
    project = make_project(tmp_path / "site", {})
    assert run(project, str(folder / "2025" / "*" / "*.json")) == 0
    named = make_project(tmp_path / "named", {})
    assert run(named, *map(str, DAYS)) == 0
    assert snapshot(project / "content/papers") == snapshot(named / "content/papers")


def test_a_folder_or_a_pattern_that_gives_no_papers_is_a_problem(tmp_path, capsys):
    project = make_project(tmp_path / "site", {})
    (tmp_path / "empty").mkdir()
    pictures = tmp_path / "pictures"
    pictures.mkdir()
    (pictures / "a.png").write_bytes(b"\x89PNG")
    assert run(project, str(tmp_path / "empty"), str(pictures),
               str(tmp_path / "empty" / "*.md"), str(project)) == 1
    assert capsys.readouterr().err.splitlines() == [
        f"{tmp_path / 'empty'}: a folder without papers to import (expected files of "
        "digests, tables or references (.atom, .bib, .ciw, .csv, .docx, .json, .jsonl, "
        ".markdown, .md, .nbib, .org, .ris, .rss, .tsv, .txt, .xlsx, .xml), found no file) — name "
        "the files to import",
        f"{tmp_path / 'empty' / '*.md'}: no file matches this pattern — check the folder "
        "and the files' names",
        f"{pictures}: a folder without papers to import (expected files of digests, "
        "tables or references (.atom, .bib, .ciw, .csv, .docx, .json, .jsonl, .markdown, "
        ".md, .nbib, .org, .ris, .rss, .tsv, .txt, .xlsx, .xml), found 1 other file: a.png) — "
        "name the files to import",
        f"{project}: a site's folder, not one of papers to import (expected a folder of "
        "digests or tables, found its site.yaml) — name the folder or the files of your "
        "digests",
        "4 errors in 4 files; nothing was written."]
    assert snapshot(project / "content/papers") == {}


def hugo_page(title: str, day: str, body: str, tags: list[str] | None = None,
              toml: bool = False, fields: dict[str, str] | None = None) -> str:
    """A Hugo (or Jekyll) page of one paper: its front matter in YAML, or in TOML as `hugo
    new` writes it (its date a time of day with its offset), with `fields` of its own (a
    `translationKey`), its abstract the body."""
    quoted = json.dumps(title, ensure_ascii=False)
    if toml:
        lines = ["+++", f"title = {quoted}", f"date = {day}T09:30:00+08:00", "draft = false"]
        lines += [f"tags = {json.dumps(tags)}"] if tags else []
        lines += [f'{name} = "{value}"' for name, value in (fields or {}).items()]
        return "\n".join([*lines, "+++", "", body, ""])
    lines = ["---", f"title: {quoted}", f"date: {day}"]
    lines += [f"tags: {json.dumps(tags)}"] if tags else []
    lines += [f"{name}: {value}" for name, value in (fields or {}).items()]
    return "\n".join([*lines, "---", "", body, ""])


@pytest.mark.parametrize("layout", ["by file name", "by folder", "page bundles",
                                    "by translationKey", "jekyll"])
def test_a_hugo_sites_pages_and_their_translations_import_as_bilingual_papers(
        tmp_path, capsys, layout):
    """A multilingual Hugo site's content, as an editor who moves from Hugo has it: each
    paper a page in English and its translation a page in Chinese, paired as Hugo pairs
    them (`qwen3.en.md` and `qwen3.zh-cn.md`; `content/en/…` and `content/zh/…`;
    `qwen3/index.en.md` and `qwen3/index.zh.md`; a `translationKey` of their own in
    files named otherwise; as Jekyll's bilingual themes pair posts, a `ref` beside their
    `lang`), without arXiv ids, their front matter in YAML or TOML, a section's list page
    (`_index.md`) beside them. Each pair is one paper with its translation, tags, day and
    its page's address; the list pages are left out and named; a translation whose page
    has no English is the problem it was. Before, every translation was "a translation
    without its paper's abstract", TOML front matter was read as a digest's lines, a page
    bundle's `index.en.md` was left out, each paper's address came from its title, and a
    summary's end (`<!--more-->`) made the page a digest's lines."""
    from tests.test_import_bibtex import paragraphs, sample_days
    from tests.test_import_sources import CHINESE_ABSTRACTS, CHINESE_TITLES

    day = "2025-06-02"
    papers = sample_days()[f"{day}.json"][:6]
    content = tmp_path / "hugo" / "content"
    for number, paper in enumerate(papers):
        name = f"paper-{number}"
        toml = layout in ("by folder", "page bundles")
        fields = ({"translationKey": f"p{number}"} if layout == "by translationKey"
                  else {"ref": name} if layout == "jekyll" else {})
        # (the summary's end marked after the first sentence, as posts mark it)
        first, rest = " ".join(paragraphs(paper["summary"])).split(". ", 1)
        english = hugo_page(" ".join(paper["title"].split()), day,
                            f"{first}.\n\n<!--more-->\n\n{rest}", ["llm"], toml,
                            {**fields, **({"lang": "en"} if layout == "jekyll" else {})})
        chinese = hugo_page(CHINESE_TITLES[number], day,
                            CHINESE_ABSTRACTS[number % len(CHINESE_ABSTRACTS)], ["llm"], toml,
                            {**fields, **({"lang": "zh"} if layout == "jekyll" else {})})
        pages = {"by file name": (f"papers/{name}.en.md", f"papers/{name}.zh-cn.md"),
                 "by folder": (f"en/papers/{name}.md", f"zh/papers/{name}.md"),
                 "page bundles": (f"papers/{name}/index.en.md", f"papers/{name}/index.zh.md"),
                 "by translationKey": (f"papers/{name}.md", f"papers/{name}-chinese.md"),
                 "jekyll": (f"_posts/{day}-{name}.md", f"_posts/{day}-{name}-chinese.md")}
        for path, text in zip(pages[layout], (english, chinese), strict=True):
            (content / path).parent.mkdir(parents=True, exist_ok=True)
            (content / path).write_text(text, "utf-8")
    sections = [content / "papers" / "_index.md", content / "zh" / "papers" / "_index.md"]
    for section in sections:
        section.parent.mkdir(parents=True, exist_ok=True)
        section.write_text(hugo_page("Papers", day, "All the papers we read."), "utf-8")
    project = make_project(tmp_path / "site", {})
    assert run(project, str(content)) == 0
    said = capsys.readouterr()
    assert said.err.splitlines()[0] == (f"{content}: 12 files to read; left out: "
                                        "papers/_index.md, zh/papers/_index.md")
    assert said.out.splitlines()[-1] == "6 created, 0 updated, 0 skipped; 0 awaiting translation"
    read = imported(project)
    assert {(paper.date.isoformat(), paper.tags) for paper in read.values()} == {
        (day, ("llm",))}
    # (each keeps its page's address on the site it came from, papers/paper-0/ …)
    assert sorted(read) == [f"paper-{number}" for number in range(len(papers))]
    assert [abstracts_in_file(project, read[f"paper-{number}"])[0].split("\n\n", 1)[0]
            for number in range(len(papers))] == [
        " ".join(paragraphs(paper["summary"])).split(". ", 1)[0] + "." for paper in papers]
    assert sorted((paper.title.primary, paper.title.secondary,
                   abstracts_in_file(project, paper)[1]) for paper in read.values()) == sorted(
        (" ".join(paper["title"].split()), CHINESE_TITLES[number],
         CHINESE_ABSTRACTS[number % len(CHINESE_ABSTRACTS)])
        for number, paper in enumerate(papers))
    # a translation alone, its English page gone: the problem that says so, as before
    english_pages = [path for path in content.rglob("*.md")
                     if "/en/" in path.as_posix() or ".en." in path.name
                     or "paper-" in path.stem and "-chinese" not in path.name
                     and "." not in path.stem]
    english_pages[0].unlink()
    other = make_project(tmp_path / "other", {})
    assert run(other, str(content)) == 1
    assert "a translation without its paper's abstract in English" in capsys.readouterr().err


def test_a_hugo_pages_own_fields_under_params_are_its_fields(tmp_path, capsys):
    """A page as Hugo's newer versions ask its own fields to be kept, under `[params]`
    (its arXiv id, authors, translated title), the abstracts under their headings: they
    are the paper's. Before, the authors and the translated title were left out, and the
    paper awaited the title's translation."""
    from tests.test_import_bibtex import paragraphs, sample_days

    paper = sample_days()["2025-06-02.json"][0]
    authors = [author["name"] for author in paper["authors"]]
    page = tmp_path / "prorl.md"
    page.write_text("\n".join([
        "+++", f"title = {json.dumps(paper['title'])}", "date = 2025-06-02", "[params]",
        f"  arxiv = \"{paper['id']}\"", f"  authors = {json.dumps(authors)}",
        "  title_zh = \"ProRL：延长强化学习拓展大语言模型的推理边界\"", "+++", "",
        "## Abstract", "", *paragraphs(paper["summary"]), "", "## 摘要", "",
        "以推理为中心的语言模型的最新进展表明，强化学习是一种有前景的方法。", ""]), "utf-8")
    project = make_project(tmp_path / "site", {})
    assert run(project, str(page)) == 0
    assert capsys.readouterr().out.splitlines()[-1] == (
        "1 created, 0 updated, 0 skipped; 0 awaiting translation")
    [read] = imported(project).values()
    assert (read.arxiv, read.authors, read.title.secondary) == (
        paper["id"], tuple(authors), "ProRL：延长强化学习拓展大语言模型的推理边界")


def test_pelican_pages_and_posts_read_by_their_metadata(tmp_path, capsys):
    """Pelican's Markdown pages open with metadata lines, not front matter ("Title: …",
    "Date: 2025-06-02 10:20", "Slug: …", "Lang: zh" up to a blank line): a page of one
    paper is that paper, its body the abstract (its `Summary`, a teaser, left out), and a
    translation's page a translation alone; a post of a whole digest under them is read
    as a digest, dated by its `Date`. Before, the translation's page imported without a
    problem as a paper titled "Slug: …" whose abstract was "Lang: zh"."""
    from bitext.sources import read_records
    from tests.test_import_bibtex import paragraphs, sample_days
    from tests.test_import_sources import CHINESE_ABSTRACTS, CHINESE_TITLES, LANGUAGES

    papers = sample_days()["2025-06-02.json"][:3]
    title = " ".join(papers[0]["title"].split())
    abstract = " ".join(paragraphs(papers[0]["summary"]))
    english = (f"Title: {title}\nDate: 2025-06-02 10:20\nCategory: Papers\nTags: llm, rl\n"
               f"Slug: prorl\nLang: en\nAuthors: Mingjie Liu, Shizhe Diao\n"
               f"Summary: A teaser of it.\n\n{abstract}\n")
    [record], problems = read_records(english, "prorl.md", None, LANGUAGES)
    assert problems == []
    assert (record.titles, record.abstracts, record.date.isoformat(), record.authors) == (
        (title, None), (abstract, None), "2025-06-02", ("Mingjie Liu", "Shizhe Diao"))
    chinese = (f"Title: {CHINESE_TITLES[0]}\nDate: 2025-06-02 10:20\nSlug: prorl\nLang: zh\n"
               f"Translation: true\n\n{CHINESE_ABSTRACTS[0]}\n")
    [record], problems = read_records(chinese, "prorl-zh.md", None, LANGUAGES)
    assert problems == [] and (record.titles, record.abstracts) == (
        (None, CHINESE_TITLES[0]), (None, CHINESE_ABSTRACTS[0]))
    post = ["Title: Papers of the week", "Date: 2025-06-02", "Category: Digest", "Slug: w23",
            ""]
    for number, paper in enumerate(papers):
        post += [" ".join(paper["title"].split()), CHINESE_TITLES[number],
                 " ".join(paragraphs(paper["summary"])), CHINESE_ABSTRACTS[number], ""]
    records, problems = read_records("\n".join(post), "w23.md", None, LANGUAGES)
    assert problems == []
    assert [(record.titles[0], record.date.isoformat()) for record in records] == [
        (" ".join(paper["title"].split()), "2025-06-02") for paper in papers]
    # the two pages in a folder: one paper, paired by the slug that their languages share
    folder = tmp_path / "pelican"
    folder.mkdir()
    (folder / "prorl.md").write_text(english, "utf-8")
    (folder / "prorl-zh.md").write_text(chinese, "utf-8")
    project = make_project(tmp_path / "site", {})
    assert run(project, str(folder)) == 0
    assert capsys.readouterr().out.splitlines()[-1] == (
        "1 created, 0 updated, 0 skipped; 0 awaiting translation")
    [(slug, paper)] = imported(project).items()
    assert (slug, paper.title.primary, paper.title.secondary) == (
        "prorl", title, CHINESE_TITLES[0])
    # (a labelled digest's entry, "Title: …" over "Abstract: …", is no page's metadata)
    labelled = f"Title: {title}\n标题：{CHINESE_TITLES[0]}\nAbstract: {abstract}\n摘要：好。\n"
    [record], problems = read_records(labelled, "l.md", None, LANGUAGES)
    assert problems == [] and record.titles == (title, CHINESE_TITLES[0])


@pytest.mark.parametrize("properties", [False, True], ids=["plain", "properties"])
def test_a_folder_of_markdown_notes_a_paper_each_imports(tmp_path, capsys, properties):
    """A note-taking app's folder of notes, a paper each (Obsidian's, Notion's export),
    perhaps under the app's properties (YAML front matter of tags, a status, a day): the
    title a heading, the abstract under it without a label (after a line of its DOI),
    the translation under headings of their labels, a part left empty for the reader's
    notes. Before, the abstract was read as the title of a translation alone, and the
    import stopped ("a translation without its paper's abstract")."""
    from tests.test_import_bibtex import paragraphs, sample_days
    from tests.test_import_sources import CHINESE_ABSTRACTS, CHINESE_TITLES

    papers = sample_days()["2025-06-02.json"][:5]
    notes = tmp_path / "vault" / "Papers"
    notes.mkdir(parents=True)
    for number, paper in enumerate(papers):
        title = " ".join(paper["title"].split())
        head = ["---", "tags: [paper]", "status: read", "created: 2025-06-02", "---", ""]
        (notes / f"{number}.md").write_text("\n".join([
            *(head if properties else []), f"# {title}", "",
            f"DOI: 10.48550/arXiv.{paper['id']}", "",
            " ".join(paragraphs(paper["summary"])), "", "## 中文标题",
            CHINESE_TITLES[number], "", "## 摘要",
            CHINESE_ABSTRACTS[number % len(CHINESE_ABSTRACTS)], "", "## 我的笔记", ""]),
            "utf-8")
    project = make_project(tmp_path / "site", {})
    assert run(project, "--date", "2025-06-02", str(notes)) == 0
    assert capsys.readouterr().out.splitlines()[-1] == (
        "5 created, 0 updated, 0 skipped; 0 awaiting translation")
    read = imported(project).values()
    assert sorted((paper.title.primary, paper.title.secondary, paper.arxiv)
                  for paper in read) == sorted(
        (" ".join(paper["title"].split()), CHINESE_TITLES[number], paper["id"])
        for number, paper in enumerate(papers))


def test_a_notion_export_reads_its_pages_and_leaves_out_its_database_csv(tmp_path, capsys):
    """A Notion database exported as Markdown & CSV: the database's CSV of properties
    beside the folder of its pages ("Papers 1a2b….csv", "Papers/"), each page its title
    as a heading, its properties as lines (`Status: Done`, `Created: June 2, 2025 3:41
    PM`, `中文标题: …`), its abstract, its translation under `## 摘要`. The pages are the
    papers, dated by the day they were created; the CSV, which names no abstract, is left
    out and named. Before, the CSV stopped the import ("the header row names 0 abstract
    columns"), and each page was dated the day of the import."""
    from tests.test_import_bibtex import paragraphs, sample_days
    from tests.test_import_sources import CHINESE_ABSTRACTS, CHINESE_TITLES

    papers = sample_days()["2025-06-02.json"][:3]
    export = tmp_path / "Export-1a2b"
    (export / "Papers").mkdir(parents=True)
    rows = ["Name,中文标题,Status,Created"]
    for number, paper in enumerate(papers):
        title = " ".join(paper["title"].split())
        (export / "Papers" / f"{title[:30]} 1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6{number}.md"
         ).write_text("\n".join([
            f"# {title}", "", "Status: Done", f"arXiv: https://arxiv.org/abs/{paper['id']}",
            "Created: June 2, 2025 3:41 PM", f"中文标题: {CHINESE_TITLES[number]}", "",
            " ".join(paragraphs(paper["summary"])), "", "## 摘要", "",
            CHINESE_ABSTRACTS[number % len(CHINESE_ABSTRACTS)], ""]), "utf-8")
        rows.append(f'"{title}",{CHINESE_TITLES[number]},Done,"June 2, 2025 3:41 PM"')
    database = export / "Papers 1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d.csv"
    database.write_text("\n".join(rows) + "\n", "utf-8")
    project = make_project(tmp_path / "site", {})
    assert run(project, str(export)) == 0
    said = capsys.readouterr()
    assert said.err.splitlines()[0] == (f"{export}: 3 files to read; left out: "
                                        f"{database.name}")
    assert said.out.splitlines()[-1] == "3 created, 0 updated, 0 skipped; 0 awaiting translation"
    assert sorted((paper.arxiv, paper.title.secondary, paper.date.isoformat())
                  for paper in imported(project).values()) == sorted(
        (paper["id"], CHINESE_TITLES[number], "2025-06-02")
        for number, paper in enumerate(papers))
