"""`import`: digests, Hugging Face daily papers and arXiv answers into paper files, all or
nothing.

Every input is read and every paper turned into the text of its file before anything is
written; any problem in any input stops the import with nothing written. Each text is
read back with the same code that `build` uses, so an import can only write files that
build. A paper already in content/ (same slug, title or arXiv id) is skipped, or with
`--update` refreshed: what the input says replaces what the file said, what it does not
say (a translation, fields added by hand) is kept.
"""

from __future__ import annotations

import codecs
import contextlib
import dataclasses
import datetime as dt
import os
import re
import shlex
import tempfile
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from bitext.config import TAG_FORM, Config, Language, TagInfo
from bitext.content import (
    MACHINE,
    MAX_ORDER,
    TRANSLATION_PROVENANCE,
    made_from_other_text,
    note_key,
    parse_paper_file,
    read_parts,
    slug_from_title,
    text_fingerprint,
)
from bitext.digestlines import NOT_A_DAY
from bitext.errors import InputError, Problem, display_path
from bitext.inputs import PAPERS_DIR
from bitext.markdown import MarkdownRenderer
from bitext.paperfile import format_paper
from bitext.schema import URL_NAME_MAX, url_name_problem
from bitext.scripts import HAN_RUN
from bitext.sources import (
    ARXIV_QUERY_URL,
    DAILY_PAPERS_URL,
    Record,
    date_in_name,
    no_new_paper_in_listing,
    read_records,
)

if TYPE_CHECKING:
    from bitext.table import TableItem

# Front-matter fields an editor adds by hand, which --update keeps when the input does
# not give them.
KEPT_ON_UPDATE = ("authors", "affiliation", "venue", "year", "arxiv", "links", "slug", "translator",
                  "translation_model", "title_translator", "title_translation_model",
                  "reviewed_by", "draft", "date", "order", "translated_from")


@dataclass(frozen=True)
class Digest:
    """One input file (a digest, daily-papers JSON or an arXiv answer)."""

    name: str
    """As given on the command line ('-' for standard input), for messages; a sheet's
    name after it, of a workbook of several sheets."""
    text: str
    rows: tuple[TableItem, ...] | None = None
    """A workbook's sheet: its rows, read already (see `bitext.spreadsheet`); its text
    is empty."""


@dataclass(frozen=True)
class TagRule:
    tag: str
    rule: str
    pattern: re.Pattern
    needle: str | None = None
    """For a keyword in ASCII: the lowercase text that must be in a paper's text (as
    `rule_text` gives it) for the pattern to match. Looking for it first is many times
    quicker than the case-insensitive search, which then runs only where it can match."""


# Non-ASCII letters that ASCII letters match case-insensitively (Python's re docs), made
# ASCII, so that a needle is in the text wherever its pattern matches.
ASCII_CASE_FOLDS = str.maketrans({"İ": "i", "ı": "i", "ſ": "s", "K": "k"})


def rule_text(text: str) -> str:
    """A paper's text as the rules' needles are looked for in it."""
    return text.translate(ASCII_CASE_FOLDS).lower()


@dataclass
class Planned:
    """One paper file the import would write."""

    action: str
    """create, update, unchanged or skip."""
    path: Path
    source: str
    """input:line, for the report."""
    text: str
    fired: list[tuple[str, str]] = field(default_factory=list)
    """(tag, rule) for each tag rule that matched."""
    named: list[tuple[str, str]] = field(default_factory=list)
    """(tag, name as written) for each tag the input names (a digest's line of tags)."""
    noted: bool = False
    """The input gives the paper an editor's note."""
    left_out: tuple[int, ...] = ()
    """Lines of the input with the paper's text that its file does not keep (the authors'
    comments, counts)."""
    columns_left_out: tuple[str, ...] = ()
    """The columns of its table that no field keeps (a BibTeX file's fields)."""
    columns_are: str = "columns"
    """What its input calls them (see `Record.columns_are`)."""
    outside: tuple[int, ...] = ()
    """The lines of its input that are no paper's (a digest's opening and closing
    words)."""
    reason: str = ""
    awaiting: str = ""
    """What translation the file has not yet: "translation" (none), "the title's
    translation" or "the abstract's translation" (see `awaited`); "" when it has both."""
    stale: bool = False
    """The translation kept was made from another primary text than the one written."""
    translates: bool = False
    """Skipped, its file awaiting the translation that the input gives (--update adds it)."""
    date: dt.date | None = None
    """The paper's date in the file written (the report shows it: a digest's lines of a
    date, its file name or --date give it)."""
    translation: str | None = None
    """input:line of the translation that another input gave (see `Record`)."""
    translation_outside: tuple[int, ...] = ()
    replaced: tuple[str, ...] = ()
    """The arXiv ids of the revised papers its input left out (see `Record`)."""
    translated_by: str = ""
    """Who or what translated the translation it gives, and who reviewed it, as the report
    says it ("machine translation (deepl)"; see `provenance_words`)."""


# The files of a folder named on the command line that import reads: those of the formats
# it reads, in the folder's folders too (a Notion or Obsidian export keeps pages so), but
# not hidden ones, nor the folder's own notes (a README holds no papers, and would stop
# the import as prose that is no digest; a Hugo site's `_index.md` is a section's list).
IMPORTED_SUFFIXES = frozenset({".txt", ".md", ".markdown", ".org", ".csv", ".tsv", ".json",
                               ".jsonl", ".bib", ".ris", ".nbib", ".ciw", ".xlsx", ".docx",
                               ".xml", ".atom", ".rss"})
FOLDER_NOTES = re.compile(r"(?:readme|licen[cs]e|changelog|contributing|_?index)\b",
                          re.IGNORECASE)
# A file's first line of YAML or TOML front matter: an `index.md` that starts so is a page
# (a Hugo site's page bundle, `papers/qwen3/index.en.md`), no folder's index.
FRONT_MATTER_START = (b"---\n", b"---\r\n", b"+++\n", b"+++\r\n")
# The id that a Notion export adds to a page's or a database's name ("Papers
# 1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d.csv", "…_all.csv" the whole database).
NOTION_ID = re.compile(r"\s[0-9a-f]{32}(?:_all)?$")
# Where a name has one of these, and no file has the name, it is a pattern of names:
# PowerShell and cmd hand `digests\*.md` to a program as it is written.
PATTERN_MARKS = re.compile(r"[*?\[]")


def input_names(names: list[str], say: Callable[[str], None] = lambda text: None
                ) -> tuple[list[str], list[Problem]]:
    """The inputs named on the command line, a folder as the files of it that import reads
    (by path) and a pattern as the files it matches (by name), saying what each gave; the
    problems of a folder or a pattern that gives none."""
    found, problems = [], []
    for name in names:
        inputs, problem = named_inputs(name, say)
        found += inputs
        problems += [problem] * bool(problem)
    return found, problems


def named_inputs(name: str, say: Callable[[str], None]) -> tuple[list[str], Problem | None]:
    """The inputs one name on the command line gives (see `input_names`), or its problem."""
    from bitext.web import names_download

    path = Path(name)
    if name == "-" or names_download(name):
        return [name], None
    if not path.is_dir():
        matched = pattern_files(name)
        if matched is None:
            return [name], None
        return matched, None if matched else Problem(
            name, None, None, "no file matches this pattern",
            hint="check the folder and the files' names")
    if (path / "site.yaml").is_file():
        return [], Problem(name, None, None, "a site's folder, not one of papers to import",
                           expected="a folder of digests or tables", found="its site.yaml",
                           hint="name the folder or the files of your digests")
    files, left_out = folder_inputs(path)
    if not files:
        return [], Problem(name, None, None, "a folder without papers to import",
                           expected="files of digests, tables or references ("
                                    + ", ".join(sorted(IMPORTED_SUFFIXES)) + ")",
                           found=(f"{len(left_out)} other file{'s' * (len(left_out) != 1)}: "
                                  + ", ".join(left_out[:5])) if left_out else "no file",
                           hint="name the files to import")
    more = f" and {len(left_out) - 5} more" if len(left_out) > 5 else ""
    say(f"{name}: {len(files)} file{'s' * (len(files) != 1)} to read"
        + (f"; left out: {', '.join(left_out[:5])}{more}" if left_out else ""))
    return files, None


def pattern_files(name: str) -> list[str] | None:
    """The files a pattern of names matches, in order, where `name` is one: it has a
    pattern's marks, and no file has it as its name; else None."""
    import glob

    if not PATTERN_MARKS.search(name) or Path(name).exists():
        return None
    return sorted(found for found in glob.glob(name, recursive=True) if Path(found).is_file())


def folder_inputs(folder: Path) -> tuple[list[str], list[str]]:
    """The files of a folder that import reads, and those it leaves out (by their paths
    in the folder), in the order of their paths: a day's files in the order of days. A
    folder in it that is a site of bitext's (its site.yaml beside it) is not looked in,
    and is left out as a whole ("site/"): its papers, templates and output are no input.
    A Notion database's CSV beside the folder of its pages is left out: the pages hold
    its papers whole, the CSV their properties alone (it would give each paper twice)."""
    files, sites, databases = [], [], set()
    for at, folders, names in os.walk(folder):
        inside = Path(at).relative_to(folder)
        of_sites = {name for name in folders if (Path(at, name) / "site.yaml").is_file()}
        sites += [inside / name for name in sorted(of_sites)]
        folders[:] = [name for name in folders
                      if not name.startswith(".") and name not in of_sites]
        files += [inside / name for name in names if not name.startswith(".")]
        pages = {NOTION_ID.sub("", name) for name in folders}
        databases |= {inside / name for name in names if Path(name).suffix.lower() == ".csv"
                      and NOTION_ID.search(Path(name).stem)
                      and NOTION_ID.sub("", Path(name).stem) in pages}
    read, left_out = [], []
    for inside in sorted(files + sites, key=lambda path: path.parts):
        if inside in sites:
            left_out.append(f"{inside.as_posix()}/")
        elif (inside.suffix.lower() in IMPORTED_SUFFIXES and inside not in databases
              and not is_folder_note(folder / inside)):
            read.append(str(folder / inside))
        else:
            left_out.append(inside.as_posix())
    return read, left_out


def is_folder_note(path: Path) -> bool:
    """Whether a file of a folder is the folder's own note (see `FOLDER_NOTES`), not a
    page of a paper under its front matter."""
    if not FOLDER_NOTES.match(path.name):
        return False
    if path.name.lower().startswith("index"):
        with contextlib.suppress(OSError), path.open("rb") as file:
            return not file.read(8).removeprefix(codecs.BOM_UTF8).startswith(FRONT_MATTER_START)
    return True


def read_digests(names: list[str], stdin: BinaryIO,
                 say: Callable[[str], None] = lambda text: None) -> list[Digest]:
    """The inputs named on the command line (files, folders of them and patterns of their
    names, `-` for standard input, web addresses), decoded; InputError for unreadable
    ones."""
    from bitext.web import ANY, FetchFailed, answer_of, fetch_papers, names_download

    names, problems = input_names(names, say)
    digests = []
    for name in names:
        try:
            if name == "-":
                data = stdin.read()
            elif names_download(name):  # (named by its address: a date in it dates papers)
                address, accept = answer_of(name) or (name, ANY)
                if address != name or accept != ANY:
                    say(f"{name}: its papers as the API gives them: {address}"
                        + (f" (asked as {accept})" if accept != ANY else ""))
                data = fetch_papers(address, lambda said, name=name: say(f"{name}: {said}"),
                                    accept)
            else:
                data = Path(name).read_bytes()
        except OSError as error:
            problems.append(Problem(name, None, None, "cannot read the file",
                                    found=error.strerror or str(error)))
            continue
        except FetchFailed as failure:
            why, hint = failure.args
            problems.append(Problem(name, None, None, f"cannot download it: {why}", hint=hint))
            continue
        read, read_problems = input_digests(data, name)
        digests += read
        problems += read_problems
    if problems:
        raise InputError(problems)
    return digests


def input_digests(data: bytes, name: str) -> tuple[list[Digest], list[Problem]]:
    """One input's bytes as digests: a workbook's sheets, a Word document, or text (UTF-8,
    or UTF-16 after its byte order mark); the problems of one that cannot be read."""
    from bitext.spreadsheet import (
        is_old_workbook,
        is_workbook,
        old_workbook_problem,
        workbook_tables,
    )
    from bitext.worddoc import (
        document_input,
        is_old_word_document,
        is_word_document,
        old_document_problem,
    )

    if is_workbook(data, name):
        sheets, problems = workbook_tables(data, name)
        return [Digest(sheet, "", tuple(rows)) for sheet, rows in sheets], problems
    if is_word_document(data, name):
        text, rows, problems = document_input(data, name)
        return ([] if problems else [Digest(name, text, None if rows is None
                                            else tuple(rows))]), problems
    if is_old_word_document(data, name):
        return [], [old_document_problem(name)]
    if is_old_workbook(data):
        return [], [old_workbook_problem(name)]
    try:
        return [Digest(name, decoded(data))], []
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        return [], [Problem(name, line, None, "not UTF-8 text",
                            found=f"byte 0x{data[error.start]:02x}", hint=encoding_hint(data))]


def decoded(data: bytes) -> str:
    """An input's text: UTF-8 (a byte order mark taken off), or UTF-16 where it starts with
    one (a spreadsheet's "Unicode text", Excel's tab-separated export)."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16")
    return data.decode("utf-8-sig")


def encoding_hint(data: bytes) -> str:
    """What to do with an input that is not UTF-8. Bytes that read as Chinese in GBK
    (GB18030), which Notepad on Chinese Windows saves as "ANSI", get the way to convert
    them; they are not read so: Latin-1 text ("é" before a letter) reads as GBK too."""
    try:
        chinese = bool(HAN_RUN.search(data.decode("gb18030")))
    except UnicodeDecodeError:
        chinese = False
    if not chinese:
        return "save the file as UTF-8"
    return ("save the file as UTF-8; if it is GBK, as Notepad on Chinese Windows saves "
            "\"ANSI\": Save as, Encoding UTF-8, or iconv -f GB18030 -t UTF-8")


def compile_rules(tags: dict[str, TagInfo]) -> list[TagRule]:
    """Keywords match case-insensitively at the start of a word; /regex/ rules as written."""
    rules = []
    for tag in tags.values():
        for rule in tag.match:
            if is_pattern(rule):
                rules.append(TagRule(tag.slug, rule, re.compile(rule[1:-1])))
                continue
            start = r"(?<![^\W_])" if rule[:1].isalnum() else ""
            pattern = re.compile(start + re.escape(rule), re.IGNORECASE)
            rules.append(TagRule(tag.slug, rule, pattern, rule.lower() if rule.isascii()
                                 else None))
    return rules


def is_pattern(rule: str) -> bool:
    """Whether a tag rule is a /regex/ rather than a keyword."""
    return len(rule) > 2 and rule.startswith("/") and rule.endswith("/")


def fire_rules(rules: list[TagRule], record: Record) -> list[tuple[str, str]]:
    """(tag, rule) of the first rule of each tag that matches the paper's text."""
    parts = [*record.titles, *record.abstracts, *record.extra_terms]
    text = "\n".join(part for part in parts if part)
    folded = rule_text(text)
    fired: dict[str, str] = {}
    for rule in rules:
        if rule.tag in fired or (rule.needle is not None and rule.needle not in folded):
            continue
        if rule.pattern.search(text):
            fired[rule.tag] = rule.rule
    return sorted(fired.items())


def date_for(record: Record, given: dt.date | None, today: dt.date) -> dt.date:
    """--date, else the date the source lists the paper on, else a date in the input's
    name (hf-papers-2025-05 → 2025-05-01), else today."""
    return given or record.date or date_in_name(record.source) or today


def places_in_days(days: list[dt.date]) -> list[int]:
    """The place (from 1) of each of an input's papers among its papers of the same day,
    `days` being their days in the input's order; 0 for a day's only paper. The order is
    the input's own (an editor's digest, the daily papers by upvotes, arXiv's listing),
    which the paper files keep as `order` and the site's lists follow."""
    papers_on = Counter(days)
    seen: Counter[dt.date] = Counter()
    places = []
    for day in days:
        seen[day] += 1
        places.append(seen[day] if papers_on[day] > 1 else 0)
    return places


def places_of_new(records: list[Record], days: list[dt.date]) -> list[int]:
    """`places_in_days` of the records that are not revisions of older papers (see
    `Record.revised`), which keep the place their file has; 0 for those."""
    places = iter(places_in_days([day for record, day in zip(records, days, strict=True)
                                  if not record.revised]))
    return [0 if record.revised else next(places) for record in records]


def places_taken(known: dict[str, Existing]) -> dict[dt.date, int]:
    """The last `order` that the papers already in content/ take on each day: an input's
    papers of that day come after them (the daily papers, then a digest of the same
    day)."""
    last: dict[dt.date, int] = {}
    for item in {id(item): item for item in known.values()}.values():
        day, order = item.front.get("date"), item.front.get("order")
        with contextlib.suppress(TypeError, ValueError):
            day = dt.date.fromisoformat(day)
            last[day] = max(last.get(day, 0), int(order))
    return last


@dataclass(frozen=True)
class Existing:
    path: Path
    front: dict
    """Its front matter as text values ({} when it cannot be read)."""
    abstracts: dict[str, str]
    """The Markdown of each language's block that has text."""
    notes: dict[str, str] = field(default_factory=dict)
    """The Markdown of the editor's note in each language that has one."""

    @property
    def arxiv(self) -> str | None:
        value = self.front.get("arxiv")
        return value.split("v")[0] if isinstance(value, str) else None


def existing_papers(root: Path, languages: tuple[Language, Language]) -> dict[str, Existing]:
    """The papers already in content/, by 'slug:…', 'title:…' (each title, case-folded)
    and 'arxiv:…' (the id without its version)."""
    known = {}
    for path in sorted((root / PAPERS_DIR).rglob("*.md")):
        item = read_existing(path, languages)
        known[f"slug:{path.stem}"] = item
        front = item.front
        if isinstance(front.get("slug"), str):
            known[f"slug:{front['slug']}"] = item
        if item.arxiv:
            known[f"arxiv:{item.arxiv}"] = item
        titles = front.get("title")
        if isinstance(titles, dict):
            for title in titles.values():
                if isinstance(title, str):
                    known[f"title:{title.casefold().strip()}"] = item
    return known


def read_existing(path: Path, languages: tuple[Language, Language],
                  data: bytes | None = None) -> Existing:
    """A paper file (its bytes `data`, when the caller read them) as far as it can be
    read: unreadable, the import knows the paper by its file name only, and --update
    keeps nothing of it."""
    parts = read_parts(path.read_bytes() if data is None else data, path.name, languages)
    if parts is None:
        return Existing(path, {}, {})
    fields, blocks = parts
    codes = [language.code for language in languages]
    return Existing(path, fields.document.value,
                    {code: blocks[code].text for code in codes if code in blocks},
                    {code: blocks[note_key(code)].text for code in codes
                     if note_key(code) in blocks})


def plan_import(root: Path, config: Config, digests: list[Digest], date: dt.date | None,
                extra_tags: list[str], update: bool, today: dt.date,
                format_name: str | None = None, provenance: dict[str, str] | None = None
                ) -> list[Planned]:
    """What the import would write; InputError with every problem of every input.
    `provenance`: translator, translation_model, reviewed_by of the translations the
    inputs give (see `Target.provenance_of`)."""
    problems = tag_problems(extra_tags)
    target = Target(root, config, compile_rules(config.tags), extra_tags, update,
                    existing_papers(root, config.languages),
                    {name: value for name, value in (provenance or {}).items() if value})
    markdown = MarkdownRenderer()
    tag_names = known_tag_names(config)
    last_places = places_taken(target.known)
    planned: list[Planned] = []
    seen: dict[str, Record] = {}  # by 'slug:…' and 'arxiv:…', as in `existing_papers`
    readings = with_translations_merged([
        read_records(digest.text, digest.name, format_name, config.languages, digest.rows)
        for digest in digests])
    for records, input_problems in readings:
        if date is not None:  # (--date gives every paper its day: the input's are not read)
            input_problems = [problem for problem in input_problems
                              if problem.message != NOT_A_DAY]
        problems += input_problems
        records, left_out = target.revisions_sorted_out(records)
        if left_out and not records and not input_problems:
            problems.append(no_new_paper_in_listing(left_out[0].source, len(left_out)))
            continue
        # (a line the input's reader refused is not reported again for the paper's file)
        refused = {problem.line for problem in input_problems}
        days = [date_for(record, date, today) for record in records]
        without_paper: list[Record] = []
        # (after the papers that content/ or an earlier input has on the day)
        before = dict(last_places)
        for record, day, place in zip(records, days, places_of_new(records, days),
                                      strict=True):
            order = min(place + before.get(day, 0), MAX_ORDER) if place else 0
            last_places[day] = max(last_places.get(day, 0), order)
            if record.abstracts[0] is None:
                translated = target.paper_translated(record)
                if translated is None:
                    without_paper.append(record)
                    continue
                record = translated
            # (a site's page keeps its address: see `Record.slug`)
            slug = record.slug or slug_from_title(record.titles[0])
            if not slug:
                problems.append(Problem(record.source, record.line, None,
                                        "the title gives no file name",
                                        found=repr(record.titles[0]),
                                        hint="give the title some letters or digits"))
                continue
            earlier = seen.get(f"arxiv:{record.arxiv}") or seen.get(f"slug:{slug}")
            if earlier and same_paper(record.arxiv, earlier.arxiv):
                problems.append(same_paper_problem(record, earlier))
                continue
            if earlier or target.slug_taken(slug, record):
                slug = slug_with_id(record)  # another paper's title starts alike
            seen.update({f"slug:{slug}": record, **({f"arxiv:{record.arxiv}": record}
                                                     if record.arxiv else {})})
            named, naming_problems = named_tags(record, config, tag_names)
            problems += naming_problems
            item = target.plan(record, slug, day, named, order)
            checked = item.action in ("create", "update") and not refused & set(
                record.lines.values())
            paper_problems = parse_paper_file(item.text.encode("utf-8"), record.where,
                                              config.languages, markdown)[1] if checked else []
            problems += [problem_at_input(record, problem, config.languages)
                         for problem in paper_problems]
            planned.append(item)
        if without_paper:
            problems.append(no_papers_to_translate(without_paper, config.languages[0], date))
    if problems:
        raise InputError(problems)
    return planned


def with_translations_merged(readings: list[tuple[list[Record], list[Problem]]]
                            ) -> list[tuple[list[Record], list[Problem]]]:
    """The records and problems of each input, where a translation alone (see
    `bitext.digest.is_translation_only`) of a paper that another input gives without its
    translation is that paper's translation, and no record of its own: `import
    day.json newsletter.md` in one run, as the daily papers and then the newsletter; a
    page of a Hugo, Jekyll or Pelican site and its translation's page (see `Record.page`),
    `import content/`."""
    def keys(record: Record) -> list[str]:
        return paper_keys(record) + ([f"page:{record.page}"] if record.page else [])

    untranslated: dict[str, Record] = {}
    for records, _ in readings:
        for record in records:
            if record.abstracts[0] is not None and None in (record.titles[1],
                                                            record.abstracts[1]):
                for key in keys(record):
                    untranslated.setdefault(key, record)
    translation_of: dict[int, Record] = {}  # (by the id of the paper's record)
    merged = []
    for records, problems in readings:
        kept = []
        for record in records:
            paper = next((untranslated[key] for key in keys(record)
                          if key in untranslated), None) if record.abstracts[0] is None else None
            if paper is None or id(paper) in translation_of:
                kept.append(record)
            else:
                translation_of[id(paper)] = record
        merged.append((kept, problems))
    return [([with_translation(record, translation_of[id(record)])
              if id(record) in translation_of else record for record in records], problems)
            for records, problems in merged]


def paper_keys(record: Record) -> list[str]:
    """The keys that tell a record's paper, as `existing_papers` keys the files."""
    return ([f"arxiv:{record.arxiv}"] if record.arxiv else []) + [
        f"title:{title.casefold().strip()}" for title in record.titles if title]


def with_translation(paper: Record, translation: Record) -> Record:
    """A paper's record with the title, abstract, editor's note and provenance of the
    record of its translation alone."""
    return dataclasses.replace(
        paper, titles=(paper.titles[0], translation.titles[1]),
        abstracts=(paper.abstracts[0], translation.abstracts[1]),
        note=(paper.note[0], translation.note[1] or paper.note[1]),
        provenance=translation.provenance or paper.provenance,
        translation_where=translation.where,
        translation_outside=translation.left_out_outside)


# The most line numbers a problem names (see `no_papers_to_translate`).
LINES_NAMED_MAX = 10


def no_papers_to_translate(records: list[Record], primary: Language, given: dt.date | None
                           ) -> Problem:
    """The problem of an input's translations alone (see
    `bitext.digest.is_translation_only`) of papers that neither content/ nor another input
    has, with the commands that import the papers with the input in one run: the daily
    papers of their day, where the input gives one day (or --date does), and arXiv's
    entries of their ids."""
    lines = [record.line for record in records]
    named = ", ".join(map(str, lines[:LINES_NAMED_MAX])) + (
        f" and {len(lines) - LINES_NAMED_MAX} more" if len(lines) > LINES_NAMED_MAX else "")
    days = {given or record.date or date_in_name(record.source) for record in records}
    day = days.pop() if len(days) == 1 and None not in days else "YYYY-MM-DD"
    this_file = shlex.quote(records[0].source)
    # (the addresses themselves, which import downloads on any system: PowerShell's
    # `curl` is another program)
    ways = [f"the daily papers of their day (python build.py import "
            f"'{DAILY_PAPERS_URL}?date={day}' {this_file})"]
    ids = [record.arxiv for record in records if record.arxiv]
    if ids:
        # (the API answers 10 entries unless told more)
        more = f"&max_results={len(ids)}" if len(ids) > 10 else ""
        ways.append(f"arXiv (python build.py import "
                    f"'{ARXIV_QUERY_URL}?id_list={','.join(ids)}{more}' {this_file})")
    one = len(records) == 1
    return Problem(records[0].source, records[0].line, None,
                   "a translation without its paper's abstract in " + primary.name if one
                   else f"{len(records)} translations without their papers' abstracts in "
                        + primary.name,
                   expected="its paper, in content/papers/ or another input" if one
                   else "their papers, in content/papers/ or another input",
                   found=f"none with the arXiv id or title of line{'' if one else 's'} {named}",
                   hint=f"import {'it' if one else 'them'} with this file, from "
                        + " or ".join(ways))


def same_paper(arxiv: str | None, other: str | None) -> bool:
    """Whether two papers whose slug or title agree are one: unless both have arXiv ids
    and the ids differ (long titles that start alike give one slug)."""
    return not (arxiv and other and arxiv != other)


def same_paper_problem(record: Record, earlier: Record) -> Problem:
    if record.titles[0] == earlier.titles[0] or record.arxiv:
        return Problem(record.source, record.line, None, f"the same paper as {earlier.where}",
                       found=repr(record.titles[0]), hint="remove one of them")
    return Problem(record.source, record.line, None,
                   f"the same file name as the paper at {earlier.where}",
                   found=repr(record.titles[0]),
                   hint=f"titles give names of at most {URL_NAME_MAX} characters: make the "
                        f"first words of one title differ, or import them apart and give "
                        f"one a 'slug:'")


def slug_with_id(record: Record) -> str:
    """The slug of a paper with an arXiv id whose title gives the slug of another: the
    title's first words and the id."""
    suffix = re.sub(r"[^0-9a-z]+", "-", (record.arxiv or "").lower())
    return f"{slug_from_title(record.titles[0], URL_NAME_MAX - len(suffix) - 1)}-{suffix}"


def problem_at_input(record: Record, problem: Problem, languages: tuple[Language, Language]
                     ) -> Problem:
    """A problem of the file made from a record, at the record's line of that part (where
    the input has one line per part, as a digest has)."""
    name, _, code = (problem.field or "").partition(".")
    part = {"title": "translated_title" if code == languages[1].code else "title",
            "affiliation": "affiliation"}.get(name, "")
    line = record.lines.get(part, record.line)
    return Problem(record.source, line, problem.field, problem.message, problem.expected,
                   problem.found, problem.hint)


def named_tags(record: Record, config: Config, known: dict[str, str]
               ) -> tuple[list[tuple[str, str]], list[Problem]]:
    """(tag, name as written) for each tag a record names, and a problem for each name
    that gives no tag. A name is a tag's slug, one of its names or keywords in site.yaml
    (any case), else, written in ASCII, the tag it makes a URL name of ("Diffusion
    Models": diffusion-models); another name in another script would be a tag shown by
    its transliteration ("大模型": da-mo-xing), and is refused. `known`: the config's
    `known_tag_names`."""
    if not record.tags:
        return [], []
    named, problems = [], []
    for written in record.tags:
        # (a tag in a namespace, "query:reasoning" as daily-paper-reader names the query
        # that found the paper, is its name after the colon)
        name = namespaced["name"] if (namespaced := NAMESPACED_TAG.fullmatch(written)) \
            else written
        tag = known.get(tag_name_key(name))
        if tag is None and name.isascii():
            tag = slug_from_title(name)
            tag = tag if tag and TAG_FORM.fullmatch(tag) and not url_name_problem(tag) else None
        if tag is None:
            problems.append(Problem(
                record.source, record.lines.get("tags", record.line), "tags",
                "a tag that site.yaml does not name",
                expected="a tag's slug, name or keyword in site.yaml, or a name in ASCII",
                found=repr(written), hint=f"add the tag to site.yaml's tags, with its names: "
                                          f"my-tag: {{name: {{{config.languages[0].code}: …, "
                                          f"{config.languages[1].code}: {name}}}}}"))
        elif tag not in (known_tag for known_tag, _ in named):
            named.append((tag, written))
    return named, problems


# A tag named with its namespace: "query:reasoning", "topic:rl".
NAMESPACED_TAG = re.compile(r"[a-z][a-z_]{0,15}:(?P<name>[^\s:].*)")


def known_tag_names(config: Config) -> dict[str, str]:
    """Each way site.yaml names a tag (slug, names, keywords that are no /regex/), as
    `tag_name_key` folds it, with its tag."""
    known: dict[str, str] = {}
    for tag in config.tags.values():
        keywords = [rule for rule in tag.match if not is_pattern(rule)]
        for name in (tag.slug, *tag.names.values(), *keywords):
            known.setdefault(tag_name_key(name), tag.slug)
    return known


def tag_name_key(name: str) -> str:
    """A tag's name as names are compared: any case, hyphens as spaces, spaces folded."""
    return " ".join(name.casefold().replace("-", " ").split())


def tag_problems(extra_tags: list[str]) -> list[Problem]:
    """What is wrong with the tags given by --tag."""
    problems = []
    for tag in extra_tags:
        if not TAG_FORM.fullmatch(tag):
            problems.append(Problem("--tag", None, None, "not a tag name",
                                    expected="lowercase letters, digits and hyphens",
                                    found=repr(tag)))
        elif problem := url_name_problem(tag):
            message, expected, found = problem
            problems.append(Problem("--tag", None, None, message, expected, found))
    return problems


@dataclass(frozen=True)
class Target:
    """The project an import writes into, and how: each record is planned against it."""

    root: Path
    config: Config
    rules: list[TagRule]
    extra_tags: list[str]
    """Given by --tag, added to every paper."""
    update: bool
    """--update: refresh papers already there, keeping what the input does not give."""
    known: dict[str, Existing]
    """See `existing_papers`."""
    provenance: dict[str, str] = field(default_factory=dict)
    """Given by --translator, --translation-model, --reviewed-by: of every paper whose
    translation the input gives (unless the paper's own lines say otherwise)."""

    def find(self, record: Record, slug: str) -> Existing | None:
        """The paper file of the same paper: the same arXiv id, else the same slug or
        title (unless the two arXiv ids differ)."""
        if record.arxiv and f"arxiv:{record.arxiv}" in self.known:
            return self.known[f"arxiv:{record.arxiv}"]
        for key in (f"slug:{slug}", f"title:{record.titles[0].casefold().strip()}"):
            existing = self.known.get(key)
            if existing and same_paper(record.arxiv, existing.arxiv):
                return existing
        return None

    def revisions_sorted_out(self, records: list[Record]) -> tuple[list[Record], list[Record]]:
        """An input's records without the revised versions of papers that content/ does not
        have (see `Record.revised`), each naming those (for the report); and those."""
        left_out = [record for record in records if record.revised
                    and self.find(record, slug_from_title(record.titles[0])) is None]
        if not left_out:
            return records, []
        dropped, ids = {id(record) for record in left_out}, tuple(r.arxiv for r in left_out)
        return [dataclasses.replace(record, left_out_replaced=ids) for record in records
                if id(record) not in dropped], left_out

    def paper_translated(self, record: Record) -> Record | None:
        """A record of a translation alone (see `bitext.digest.is_translation_only`), its
        primary title the paper file's; None when content/ has no paper of its arXiv id or
        title (in either language)."""
        existing = next((self.known[key] for key in paper_keys(record) if key in self.known
                         and same_paper(record.arxiv, self.known[key].arxiv)), None)
        if existing is None:
            return None
        title = existing_original(existing, self.config.languages[0].code)[0]
        return dataclasses.replace(record, titles=(title, record.titles[1]))

    def provenance_of(self, record: Record) -> dict[str, str]:
        """Who or what translated a record's paper and who reviewed it (translator,
        translation_model, reviewed_by), when the record gives a translation (of its
        abstract alone too, as daily-arXiv-ai-enhanced gives a model's): as its own lines
        say, else as the command line does (a paper's own translator or model replaces
        both of the command line's: "译者：王芳" is no model's). A model named alone makes
        the translator `machine`."""
        if record.titles[1] is None and record.abstracts[1] is None:
            return {}
        own = dict(record.provenance)
        given = dict(self.provenance)
        # (a machine alone, "中文摘要（机翻）", keeps the command line's model)
        machine_alone = own.get("translator") == MACHINE and "translation_model" not in own
        if ("translator" in own or "translation_model" in own) and not (
                machine_alone and given.get("translator", MACHINE) == MACHINE):
            given.pop("translator", None)
            given.pop("translation_model", None)
        given.update(own)
        if given.get("translation_model") and not given.get("translator"):
            given["translator"] = MACHINE
        return given

    @staticmethod
    def translates_anew(record: Record, existing: Existing, code: str) -> bool:
        """Whether a record gives a translation other than the paper file's."""
        given = (record.titles[1], record.abstracts[1])
        return None not in given and given != existing_translation(existing, code)

    def slug_taken(self, slug: str, record: Record) -> bool:
        """Whether a paper file of another paper has this slug."""
        existing = self.known.get(f"slug:{slug}")
        return existing is not None and not same_paper(record.arxiv, existing.arxiv)

    def plan(self, record: Record, slug: str, date: dt.date,
             named: Sequence[tuple[str, str]] = (), order: int = 0) -> Planned:
        """The file for one record: created, updated (--update) or skipped (there
        already). `named`: (tag, name as written) of the tags the record names; `order`:
        its place among the input's papers of its day (see `places_in_days`)."""
        fired = fire_rules(self.rules, record)
        existing = self.find(record, slug)
        codes = [language.code for language in self.config.languages]
        if existing and not self.update:
            # (a paper imported from the daily papers, say, and now from a translated digest)
            kept = existing_translation(existing, codes[1])
            awaiting = awaited(*kept)
            translates = any(text is None and new is not None for text, new in
                             zip(kept, (record.titles[1], record.abstracts[1]), strict=True))
            reason = "already there"
            if translates:
                reason += ", awaiting the translation this input gives"
            elif record.revised:
                reason += "; arXiv announces a revised version"
            return Planned("skip", existing.path, record.where, "", fired, reason=reason,
                           awaiting=awaiting, translates=translates,
                           replaced=record.left_out_replaced)
        fields = front_fields(record, existing, date, order, sorted(
            {tag for tag, _ in [*fired, *named]} | set(self.extra_tags)))
        if existing and self.translates_anew(record, existing, codes[1]):
            # (who translated and reviewed the file's translation did not this one)
            for name in TRANSLATION_PROVENANCE:
                fields.pop(name, None)
        provenance = self.provenance_of(record)
        fields.update(provenance)
        if existing is None and slug != slug_from_title(record.titles[0]):
            fields["slug"] = slug  # told apart from another paper's (see `slug_with_id`)
        titles, abstracts, fields["translated_from"] = texts_for(record, existing, codes)
        text = format_paper(titles=dict(zip(codes, titles, strict=True)),
                            abstracts=dict(zip(codes, abstracts, strict=True)),
                            notes=notes_for(record, existing, codes),
                            **{name: value for name, value in fields.items() if value})
        awaiting = awaited(titles[1], abstracts[1])
        if existing is None:
            return Planned("create", self.root / PAPERS_DIR / f"{slug}.md", record.where,
                           text, fired, list(named), awaiting=awaiting, date=fields["date"],
                           noted=any(record.note), left_out=record.left_out,
                           columns_left_out=record.left_out_columns,
                           columns_are=record.columns_are,
                           outside=record.left_out_outside,
                           translation=record.translation_where,
                           translation_outside=record.translation_outside,
                           replaced=record.left_out_replaced,
                           translated_by=provenance_words(provenance))
        same = existing.path.read_bytes() == text.encode("utf-8")
        stale = not awaiting and made_from_other_text(fields["translated_from"], titles[0],
                                                      abstracts[0])
        return Planned("unchanged" if same else "update", existing.path, record.where, text,
                       fired, list(named), reason="nothing new" if same else "",
                       awaiting=awaiting, stale=stale, date=fields["date"],
                       noted=any(record.note), left_out=record.left_out,
                       columns_left_out=record.left_out_columns,
                       columns_are=record.columns_are,
                       outside=record.left_out_outside,
                       translation=record.translation_where,
                       translation_outside=record.translation_outside,
                       replaced=record.left_out_replaced,
                       translated_by=provenance_words(provenance))


def front_fields(record: Record, existing: Existing | None, date: dt.date, order: int,
                 tags: list[str]) -> dict:
    """The front matter of a record's file, as format_paper takes it: what the record
    gives, over what an existing file has (its date and place in the day, tags and hand
    fields are kept)."""
    given = {"affiliation": record.affiliation, "authors": list(record.authors),
             "venue": record.venue, "arxiv": record.arxiv, "links": dict(record.links),
             # (a year that the date does not say already)
             "year": record.year if record.year != date.year else None}
    fields = {"date": date, "order": order, "tags": tags,
              **{name: value for name, value in given.items() if value}}
    if existing is None:
        return fields
    kept = kept_fields(existing.front)
    old_tags = existing.front.get("tags")
    if isinstance(old_tags, list):
        tags = sorted(set(tags) | {tag for tag in old_tags if isinstance(tag, str)})
    return {**kept, **fields, "date": kept.get("date", date),
            "order": kept.get("order", order), "tags": tags,
            "links": {**kept.get("links", {}), **record.links}}


def texts_for(record: Record, existing: Existing | None, codes: list[str]
              ) -> tuple[list[str | None], list[str | None], str]:
    """The titles and abstracts to write, and the fingerprint of the text the translation
    was made from. A record without a translation (daily papers, arXiv) keeps the file's,
    and its fingerprint: a changed primary text then makes it stale."""
    titles, abstracts = list(record.titles), list(record.abstracts)
    if existing is not None and abstracts[0] is None:
        # (a translation alone: the paper's own text stays, and is what it translates)
        titles[0], abstracts[0] = existing_original(existing, codes[0])
        return titles, abstracts, text_fingerprint(titles[0], abstracts[0])
    if existing is not None and titles[1] is None and abstracts[1] is None:
        titles[1], abstracts[1] = existing_translation(existing, codes[1])
        if titles[1] is not None and abstracts[1] is not None:
            return titles, abstracts, translated_from(existing, codes)
    return titles, abstracts, text_fingerprint(titles[0], abstracts[0])


def notes_for(record: Record, existing: Existing | None, codes: list[str]
              ) -> dict[str, str]:
    """The editor's note in each language: the record's, else the file's (--update keeps
    a note the input does not give anew)."""
    kept = existing.notes if existing else {}
    notes = {code: note or kept.get(code) for code, note in zip(codes, record.note, strict=True)}
    return {code: note for code, note in notes.items() if note}


def awaited(title: str | None, abstract: str | None) -> str:
    """What a paper's translated title and abstract leave to translate, for the report."""
    if title is None:
        return "translation" if abstract is None else "the title's translation"
    return "the abstract's translation" if abstract is None else ""


def existing_translation(existing: Existing, code: str) -> tuple[str | None, str | None]:
    """The secondary title and abstract of a paper file (None where it has none)."""
    titles = existing.front.get("title")
    title = titles.get(code) if isinstance(titles, dict) else None
    return (title.strip() if isinstance(title, str) and title.strip() else None,
            existing.abstracts.get(code))


def existing_original(existing: Existing, code: str) -> tuple[str, str]:
    """The primary title and abstract of a paper file."""
    titles = existing.front.get("title")
    title = titles.get(code) if isinstance(titles, dict) else None
    return (title if isinstance(title, str) else "", existing.abstracts.get(code, ""))


def translated_from(existing: Existing, codes: list[str]) -> str:
    """What the kept translation was made from: the file's `translated_from`, else (a
    file written before bitext kept one) the primary text the file holds now; the new
    primary text, if it differs, then makes the translation stale."""
    if isinstance(existing.front.get("translated_from"), str):
        return existing.front["translated_from"]
    return text_fingerprint(*existing_original(existing, codes[0]))


def kept_fields(front: dict) -> dict:
    """The fields of an existing paper that --update keeps, as format_paper takes them."""
    kept: dict = {}
    for name in KEPT_ON_UPDATE:
        value = front.get(name)
        if value is None:
            continue
        if name == "date":
            with contextlib.suppress(TypeError, ValueError):
                kept["date"] = dt.date.fromisoformat(value)
        elif name == "draft":
            kept["draft"] = str(value).lower() == "true"
        elif name == "order":
            kept["order"] = int(value) if str(value).isdigit() else value
        elif name == "authors" and isinstance(value, list):
            kept["authors"] = [a for a in value if isinstance(a, str)]
        elif name == "links" and isinstance(value, dict):
            kept["links"] = {k: v for k, v in value.items() if isinstance(v, str)}
        elif isinstance(value, str):
            kept[name] = value
    return kept


def write_planned(planned: list[Planned]) -> None:
    """Write each file through a temporary file and a rename, so none is ever half written."""
    for item in planned:
        if item.action in ("skip", "unchanged"):
            continue
        item.path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=".import-", dir=item.path.parent)
        try:
            with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as file:
                file.write(item.text)
            os.chmod(temporary, 0o644)
            os.replace(temporary, item.path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise


ACTIONS = ("create", "update", "unchanged", "skip")


def provenance_words(provenance: dict[str, str]) -> str:
    """Who or what made a translation, and who reviewed it, in the report's words: "machine
    translation (deepl)", "translated by Wang Fang, reviewed by Li Lei"; "" for none."""
    translator, model = provenance.get("translator"), provenance.get("translation_model")
    said = ("machine translation" + (f" ({model})" if model else "") if translator == MACHINE
            else f"translated by {translator}" if translator else "")
    reviewer = provenance.get("reviewed_by")
    return ", ".join(filter(None, [said, f"reviewed by {reviewer}" if reviewer else ""]))


def report_lines(planned: list[Planned], root: Path, dry_run: bool,
                 inputs: tuple[str, ...]) -> list[str]:
    """One line per paper, then what each input left out, the inputs (by name) that gave
    none, and the counts."""
    verbs = {"create": "created", "update": "updated", "unchanged": "unchanged",
             "skip": "skipped"}
    if dry_run:
        verbs = {"create": "would create", "update": "would update",
                 "unchanged": "unchanged", "skip": "would skip"}
    lines = []
    for item in planned:
        path = display_path(item.path, root)
        named = [f"{tag} ← tags: {name!r}" for tag, name in item.named]
        fired = [f"{tag} ← {rule!r}" for tag, rule in item.fired
                 if tag not in {tag for tag, _ in item.named}]
        tags = ", ".join(named + fired) or "no tag rule fired"
        if item.action == "skip":
            detail = item.reason + " (--update refreshes it)"
        elif item.action == "unchanged":
            detail = item.reason
        else:
            notes = [str(item.date), tags] + [
                f"translation: {item.translation}"] * bool(item.translation) + [
                item.translated_by] * bool(item.translated_by) + [
                "editor's note"] * item.noted + [
                f"awaiting {item.awaiting}"] * bool(item.awaiting) + [
                "translation out of date"] * item.stale + [
                f"left out: {left_out_lines(item.left_out)}"] * bool(item.left_out)
            detail = "; ".join(notes)
        lines.append(f"{verbs[item.action]} {path}  [{item.source}; {detail}]")
    counts = {action: sum(1 for item in planned if item.action == action) for action in ACTIONS}
    awaiting = [item for item in planned if item.awaiting]
    summary = (f"{counts['create']} created, {counts['update']} updated, "
               f"{counts['skip'] + counts['unchanged']} skipped; "
               f"{len(awaiting)} awaiting translation")
    translates = sum(1 for item in planned if item.translates)
    if translates:
        summary += (f"; this input translates {translates} of them (`import --update` "
                    f"adds the translation{'s' * (translates > 1)})")
    stale = sum(1 for item in planned if item.stale and item.action == "update")
    if stale:
        summary += (f"; {stale} translation{'s' * (stale > 1)} out of date (`bitext "
                    "translate --stale` makes again those a machine made and no one reviewed)")
    left_out = sum(len(item.left_out) for item in planned if item.action in ("create", "update"))
    if left_out:
        summary += (f"; {left_out} line{'s' * (left_out > 1)} left out (the authors' "
                    "comments, counts, a model's readings, a line said again in the other "
                    "language: no field of a paper file holds them)")
    tables = dict.fromkeys((item.source.rpartition(":")[0], item.columns_are,
                            item.columns_left_out) for item in planned if item.columns_left_out)
    lines += [f"{name}: {kind} left out (no field of a paper file holds them): "
              f"{', '.join(columns)}" for name, kind, columns in tables]
    outside = dict.fromkeys(
        [(item.source.rpartition(":")[0], item.outside) for item in planned if item.outside]
        + [(item.translation.rpartition(":")[0], item.translation_outside)
           for item in planned if item.translation and item.translation_outside])
    lines += [f"{name}: {left_out_lines(numbers)} left out (no paper's: the digest's opening "
              "or closing words)" for name, numbers in outside]
    replaced = dict.fromkeys((item.source.rpartition(":")[0], item.replaced)
                             for item in planned if item.replaced)
    lines += [(f"{name}: {len(ids)} revised versions of older papers left out (arXiv "
               "announces them as replacements): " if len(ids) > 1 else
               f"{name}: 1 revised version of an older paper left out (arXiv announces it as "
               "a replacement): ") + ", ".join(ids) for name, ids in replaced]
    # (a day's digest of headings alone, "### 今日没有找到新论文。": said, not passed over)
    given = {text.rpartition(":")[0] for item in planned
             for text in (item.source, item.translation) if text}
    lines += [f"{name}: no papers in it" for name in inputs
              if name not in given]
    lines.append(summary + (" (dry run: nothing written)" if dry_run else ""))
    return lines


def left_out_lines(numbers: tuple[int, ...]) -> str:
    return f"line{'s' * (len(numbers) > 1)} {', '.join(map(str, numbers))}"
