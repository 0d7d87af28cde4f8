"""`new`: start a paper file with every field in place, as a draft awaiting its translation."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from bitext.config import load_config
from bitext.content import NEW_ABSTRACT, slug_from_title
from bitext.errors import InputError, Problem
from bitext.inputs import PAPERS_DIR
from bitext.paperfile import format_paper
from bitext.schema import FORBIDDEN_HINT, forbidden_character, url_name_problem


def new_paper(root: Path, title: str, date: dt.date, tags: list[str],
              arxiv: str | None) -> Path:
    config = load_config(root)
    if bad := forbidden_character(title):
        raise InputError([Problem("title", None, None, "forbidden character",
                                  expected="printable text", found=bad, hint=FORBIDDEN_HINT)])
    slug = slug_from_title(title)
    if not slug:
        raise InputError([Problem("title", None, None, "the title gives no file name",
                                  found=repr(title), hint="use a title with letters or digits")])
    if problem := url_name_problem(slug):
        _, expected, found = problem
        raise InputError([Problem("title", None, None, "the title gives a reserved file name",
                                  expected, found, hint="add a word to the title")])
    path = root / PAPERS_DIR / f"{slug}.md"
    if path.exists():
        raise InputError([Problem(path.relative_to(root).as_posix(), None, None,
                                  "already exists", hint="edit it, or choose another title")])
    codes = [language.code for language in config.languages]
    # The translation left out: the paper awaits it, as an imported paper does (`check`
    # lists it, `translate` fills it in), and no placeholder can be published as one.
    text = format_paper(titles={codes[0]: title, codes[1]: None},
                        abstracts={codes[0]: NEW_ABSTRACT, codes[1]: None},
                        date=date, tags=tags, arxiv=arxiv, draft=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path
