"""`confirm`: record that a paper's translation matches its primary text as it is now.

A paper file keeps in `translated_from` the fingerprint of the primary title and
abstract its translation was made from (`content.text_fingerprint`); when that text
changes (`import --update` after arXiv revised an abstract, or an edit by hand), the
build, `check` and the page say the translation may be out of date. After checking or
updating the translation, `bitext confirm FILE` writes the new fingerprint: one line of
the front matter changes, so the confirmation shows in the file's history.
"""

from __future__ import annotations

import re
from pathlib import Path

from bitext.config import Config
from bitext.content import PAPERS_DIR, parse_paper_file, split_front_matter, text_fingerprint
from bitext.errors import InputError, Problem, display_path
from bitext.importer import read_existing
from bitext.markdown import MarkdownRenderer

FINGERPRINT_LINE = re.compile(r"^translated_from:.*$", re.M)


def confirm_translations(root: Path, config: Config, paths: list[Path]) -> list[str]:
    """Write each paper's current fingerprint; InputError (nothing written) when a file is
    not a valid paper with a translation."""
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
        existing = read_existing(path, config.languages)
        fingerprint = text_fingerprint(paper.title.primary,
                                       existing.abstracts[config.primary.code])
        if existing.front.get("translated_from") == fingerprint:
            lines.append(f"up to date {name}")
            continue
        changes.append((path, with_fingerprint(data.decode("utf-8-sig"), fingerprint, name)))
        lines.append(f"confirmed {name}  [translated_from: {fingerprint}]")
    if problems:
        raise InputError(problems)
    for path, text in changes:
        write_text(path, text)
    return lines


def with_fingerprint(text: str, fingerprint: str, name: str) -> str:
    """The file's text with `translated_from: <fingerprint>` in its front matter (the
    line replaced, or added before the closing '---'); everything else as it was."""
    newline = "\r\n" if "\r\n" in text else "\n"
    lines = text.replace("\r\n", "\n").split("\n")
    front, body_start, _ = split_front_matter("\n".join(lines), name)
    line = f"translated_from: '{fingerprint}'" if fingerprint.isdigit() else (
        f"translated_from: {fingerprint}")
    closing = body_start - 1  # the index of the closing '---'
    for index in range(1, closing):
        if FINGERPRINT_LINE.fullmatch(lines[index]):
            lines[index] = line
            break
    else:
        lines.insert(closing, line)
    return newline.join(lines)


def write_text(path: Path, text: str) -> None:
    """Through a temporary file and a rename: a file is never half written."""
    temporary = path.with_name(f".confirm-{path.name}")
    temporary.write_bytes(text.encode("utf-8"))
    temporary.replace(path)
