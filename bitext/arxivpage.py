"""A copy of arXiv's abstract page as `import` reads it: the text that a browser's "select
all, copy" of `arxiv.org/abs/ID` gives, of one page or of several one after another.

    Computer Science > Computation and Language
    [Submitted on 14 May 2025]
    Qwen3 Technical Report
    An Yang, Anfeng Li, Baosong Yang, …
    View PDF HTML (experimental)
    Abstract:In this work, we present Qwen3, …
    Comments:   35 pages, 5 figures, 8 tables
    Subjects:   Computation and Language (cs.CL)
    Cite as:    arXiv:2505.09388 [cs.CL]
                (or arXiv:2505.09388v1 [cs.CL] for this version)
    …
    Submission history
    From: An Yang [view email]
    [v1] Wed, 14 May 2025 17:59:02 UTC (5,067 KB)

(The page's text parts a field's name from its value by a tab.) A page is read by its
lines, from the line of its submission: the title is the next, the
authors the one after, the abstract its lines from "Abstract:" to the first field after
it (a paragraph a line), the id that "Cite as:" names, the categories of "Subjects:",
the comments ("Comments:", for a GitHub address, the code), the journal reference
("Journal reference:", the venue) and the day of the first version. The page's menus and
its submission history are left out. A copy that Immersive Translate made bilingual (a
line's translation below it) gives the translated title and abstract too: a line in the
second language's script after the title, and among the abstract's lines. The papers are
arXiv's, as its API gives them (see `bitext.sources.arxiv_record`).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

from bitext.digestlines import field_label
from bitext.errors import Problem
from bitext.scripts import SECONDARY_MIN, script_share
from bitext.sources import Record, arxiv_author_names, arxiv_record, normalise_abstract

# "[Submitted on 14 May 2025]", "[Submitted on 30 May 2025 (v1), last revised 2 Jun 2025
# (this version, v2)]": where a page's paper starts.
SUBMITTED = re.compile(r"\[Submitted on (?P<day>\d{1,2} [A-Z][a-z]{2} \d{4})\b[^\]]*\]")
CITE_AS = re.compile(r"Cite as:\s*arXiv:(?P<id>\d{4}\.\d{4,5})(?:v\d+)?", re.IGNORECASE)
# A field of the page below the abstract: "Comments:", "Subjects:", "Cite as:" …
FIELD = re.compile(r"(?P<name>Comments|Subjects|Journal reference|Cite as|Report number|"
                   r"MSC classes|ACM classes|DOI|Related DOI):\s*(?P<value>.*)", re.IGNORECASE)
ABSTRACT = re.compile(r"Abstract:\s*(?P<text>.*)")
# A category's code in "Subjects:": "Computation and Language (cs.CL)".
CATEGORY = re.compile(r"\((?P<code>[a-z-]+(?:\.[A-Za-z-]+)?)\)")
# The DOI of where the paper was published ("Related DOI: https://doi.org/10.1145/…").
RELATED_DOI = re.compile(r"10\.\d{4,9}/\S+")
# The page's line of its links between the authors and the abstract.
VIEW_LINE = re.compile(r"View (?:PDF|a PDF)\b")


def is_arxiv_page(text: str) -> bool:
    """Whether a text is a copy of arXiv's abstract page: the line of a submission and
    the line that says how to cite the paper."""
    return bool(SUBMITTED.search(text) and CITE_AS.search(text))


def read_arxiv_page(text: str, name: str, secondary: frozenset[str]
                    ) -> tuple[list[Record], list[Problem]]:
    """The papers of a copy of one or more of arXiv's abstract pages (see the module),
    each a problem where its page lacks its title, abstract or id; `secondary`: the
    script of the second language, of a copy's translated lines."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    starts = [index for index, line in enumerate(lines) if SUBMITTED.fullmatch(line.strip())]
    records, problems = [], []
    for at, start in enumerate(starts):
        end = starts[at + 1] if at + 1 < len(starts) else len(lines)
        record, problem = page_record(lines, start, end, name, secondary)
        records += [record] if record else []
        problems += [problem] if problem else []
    return records, problems


def page_record(lines: list[str], start: int, end: int, name: str,
                secondary: frozenset[str]) -> tuple[Record | None, Problem | None]:
    """The paper of the page whose submission's line is `lines[start]` (the next page's
    at `end`), or the problem of a page that lacks a part."""
    def translated(line: str) -> bool:
        return script_share(line, secondary) >= SECONDARY_MIN

    texts = [(index, lines[index].strip()) for index in range(start + 1, end)
             if lines[index].strip()]
    # (a bilingual copy: each line's translation below it, the submission's too)
    while texts and translated(texts[0][1]):
        texts.pop(0)
    title, translated_title, authors = "", None, ""
    if texts:
        title = texts.pop(0)[1]
        if texts and translated(texts[0][1]):
            translated_title = texts.pop(0)[1]
        if texts and not ABSTRACT.match(texts[0][1]):
            authors = texts.pop(0)[1]
    abstract, translation, fields = [], [], {}
    in_abstract = False
    for _, text in texts:
        opening, field = ABSTRACT.match(text), FIELD.match(text)
        if opening:
            in_abstract, text = True, opening["text"]
        elif field:
            in_abstract = False
            fields.setdefault(field["name"].casefold(), field["value"].strip())
        if in_abstract and text and not VIEW_LINE.match(text):
            if not translated(text):
                abstract.append(text)
            else:  # ("摘要：…", the label's translation before the text's)
                label, rest = field_label(text)
                translation.append(rest if label == "abstract" else text)
    cited = next((found for _, text in texts if (found := CITE_AS.match(text))), None)
    line = start + 1
    missing = [part for part, value in (("title", title), ("abstract", abstract),
                                        ("'Cite as: arXiv:…' line", cited)) if not value]
    if missing:
        return None, Problem(name, line, None, "a copy of arXiv's abstract page without "
                             + " and ".join(missing), expected="the whole page, from its "
                             "'[Submitted on …]' to its 'Cite as:'", found="a part of it",
                             hint="or import the page's address itself: python build.py "
                                  "import https://arxiv.org/abs/ID")
    day = submitted_day(SUBMITTED.fullmatch(lines[start].strip())["day"])
    related = RELATED_DOI.search(fields.get("related doi", ""))
    record = arxiv_record(name, line, cited["id"], title, "\n\n".join(abstract),
                          arxiv_author_names(authors), fields.get("comments"),
                          related.group() if related else None,
                          tuple(CATEGORY.findall(fields.get("subjects", ""))), day,
                          venue=fields.get("journal reference"))
    if translated_title is None and not translation:
        return record, None
    return dataclasses.replace(
        record, titles=(record.titles[0], translated_title),
        abstracts=(record.abstracts[0], normalise_abstract("\n\n".join(translation))
                   if translation else None)), None


def submitted_day(written: str) -> dt.date | None:
    """The day of "14 May 2025"; None for no day of the calendar."""
    try:
        return dt.datetime.strptime(written, "%d %b %Y").date()
    except ValueError:
        return None
