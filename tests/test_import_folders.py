"""`import FOLDER` and `import 'PATTERN'`: a folder of digests (a Notion or Obsidian
export, a repository's data/ of a file a day) read as its files, and a pattern of names
read as the files it matches, as PowerShell and cmd hand it to a program unexpanded."""

import shutil

from bitext.cli import main
from tests.conftest import FIXTURES, SAMPLE_DIGEST, make_project, snapshot

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
