"""`confirm`: record that a paper's translation matches its primary text as it is now.

A paper file keeps in `translated_from` the fingerprint of the primary title and
abstract its translation was made from (`content.text_fingerprint`); when that text
changes (`import --update` after arXiv revised an abstract, or an edit by hand), the
build, `check` and the page say the translation may be out of date. After checking or
updating the translation, `bitext confirm FILE` writes the new fingerprint: one line of
the front matter changes, so the confirmation shows in the file's history.
"""

from __future__ import annotations

from pathlib import Path

from bitext.config import Config
from bitext.content import parse_paper_file, text_fingerprint
from bitext.errors import InputError, Problem, display_path
from bitext.importer import read_existing
from bitext.inputs import PAPERS_DIR
from bitext.markdown import MarkdownRenderer
from bitext.paperfile import replace_file, with_field


def confirm_translations(root: Path, config: Config, paths: list[Path],
                         reviewer: str | None = None) -> list[str]:
    """Write each paper's current fingerprint (and `reviewed_by: reviewer`, when given);
    InputError (nothing written) when a file is not a valid paper with a translation."""
    changes, problems, lines = [], [], []
    for path in paths:
        name = display_path(path, root)
        if not path.resolve().is_relative_to((root / PAPERS_DIR).resolve()) or not path.is_file():
            problems.append(Problem(name, None, None, "not a paper file",
                                    expected=f"a file in {PAPERS_DIR.as_posix()}/"))
            continue
        data = path.read_bytes()
        paper, file_problems = parse_paper_file(data, name, config.languages, MarkdownRenderer())
        problems += file_problems
        if paper is None:
            continue
        if paper.awaiting_translation:
            problems.append(Problem(name, None, None, "nothing to confirm",
                                    found="no translation yet",
                                    hint="write the translation first"))
            continue
        existing = read_existing(path, config.languages, data)
        fingerprint = text_fingerprint(paper.title.primary,
                                       existing.abstracts[config.primary.code])
        reviewed = reviewer is None or existing.front.get("reviewed_by") == reviewer
        if existing.front.get("translated_from") == fingerprint and reviewed:
            lines.append(f"up to date {name}")
            continue
        text = with_field(data.decode("utf-8-sig"), "translated_from", fingerprint)
        if reviewer is not None:
            text = with_field(text, "reviewed_by", reviewer)
        changes.append((path, text))
        lines.append(f"confirmed {name}  [translated_from: {fingerprint}"
                     + (f"; reviewed_by: {reviewer}]" if reviewer else "]"))
    if problems:
        raise InputError(problems)
    for path, text in changes:
        replace_file(path, text)
    return lines
