"""Paper files: YAML front matter, then one Markdown block per language.

    ---
    title:
      en: Qwen3 Technical Report
      zh-Hans: Qwen3 技术报告
    date: 2025-05-14
    tags: [llm, reasoning]
    ---
    ::: en
    In this work, we present Qwen3 …
    :::

    ::: zh-Hans
    在本工作中，我们推出了 Qwen3 …
    :::

Both languages live in one file so that they can never drift apart. Everything wrong in a
file is reported with its line in that file; `load_papers` reports every file at once.
"""

from __future__ import annotations

import codecs
import datetime as dt
import hashlib
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Generic, TypeVar

from bitext.config import TAG_FORM, Config, Language, in_each_language
from bitext.errors import InputError, Problem
from bitext.hashing import file_digest
from bitext.inputs import paper_files
from bitext.markdown import MarkdownRenderer, Rendered
from bitext.schema import (
    FORBIDDEN_HINT,
    URL_NAME_MAX,
    Fields,
    encoded_address,
    forbidden_character,
    normalise,
    url_name_problem,
)
from bitext.venues import doi_of, venue_kind, venue_of

# Only parsing needs YAML, the translation checks, math and slugify: they are imported in
# the functions that parse, so that a rebuild that parses nothing (most of them) does not
# load them (40 ms of a 0.25 s build with nothing to do, at 10,000 papers).

# A paper with long abstracts in two languages is about 6 KiB. The cap also bounds the
# time a crafted file can take to render (2 s at worst here, see scripts/fuzz.py).
MAX_FILE_BYTES = 128 * 1024
MAX_FRONT_MATTER_LINES = 500
SLUG_FORM = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
ARXIV_FORM = re.compile(r"\d{4}\.\d{4,5}(v\d+)?|[a-z-]+(\.[A-Z]{2})?/\d{7}(v\d+)?")
LINK_KINDS = ["page", "pdf", "code", "project", "data", "doi"]
"""The kinds of a paper file's `links`, in the order its page lists them (after arXiv's):
`page` is the paper's own page where it was published (OpenReview, ACL Anthology, PubMed,
a journal), for a paper arXiv does not have."""
FIELDS = ["title", "date", "order", "tags", "authors", "affiliation", "venue", "year", "arxiv",
          "links", "slug", "draft", "translator", "translation_model", "title_translator",
          "title_translation_model", "reviewed_by", "translated_from", "paragraphs_differ"]
MAX_ORDER = 9999
"""The largest `order` (a paper's place among the day's papers)."""
MACHINE = "machine"
"""`translator: machine`: the translation was made by a model (`translation_model`)."""
FINGERPRINT_FORM = re.compile(r"[0-9a-f]{12}")
YEAR_FORM = re.compile(r"[12]\d{3}")
ZERO_WIDTH = re.compile("[\u200b-\u200d\u2060\ufeff]")
BLOCK_OPEN = re.compile(r":::[ \t]*(\S+)(?:[ \t]+(\S+))?[ \t]*")
BLOCK_CLOSE = re.compile(r":::[ \t]*")
NOTE = "note"
"""`::: note <code>`: the editor's note on the paper, in that language."""

T = TypeVar("T")


def note_key(code: str) -> str:
    """The key of a note's block among a file's blocks (which are keyed by language code:
    no code holds a space)."""
    return f"{NOTE} {code}"


@dataclass(frozen=True)
class Bilingual(Generic[T]):
    """A value in each language of the pair, primary language first."""

    languages: tuple[Language, Language]
    values: tuple[T, T]

    @property
    def primary(self) -> T:
        return self.values[0]

    @property
    def secondary(self) -> T:
        return self.values[1]

    def __iter__(self):
        return iter(zip(self.languages, self.values, strict=True))


@dataclass(frozen=True)
class Link:
    kind: str
    """One of `LINK_KINDS`, or arxiv."""
    url: str

    @property
    def venue(self) -> str | None:
        """The name of the place a `page` link leads to, where readers know it by name
        ("OpenReview"): the page labels the link with it, instead of "Paper page"."""
        return venue_of(self.url) if self.kind == "page" else None



@dataclass(frozen=True)
class Paper:
    """One paper of the digest, as read from its file."""

    source: str
    """The file, relative to the project root, for messages."""
    slug: str
    """URL name: papers/<slug>/. From front matter, else from the primary title."""
    title: Bilingual[str | None]
    """The secondary title is None while the paper awaits its translation."""
    abstract: Bilingual[Rendered | None]
    """The secondary abstract is None while the paper awaits its translation."""
    date: dt.date
    """The date the digest gives the paper (its listing and feed date)."""
    tags: tuple[str, ...]
    authors: tuple[str, ...]
    affiliation: str | None
    arxiv: str | None
    """arXiv identifier such as 2505.09388, always a string."""
    links: tuple[Link, ...]
    translator: str | None
    """Who translated it: a person's name, or `machine` (see translation_model)."""
    draft: bool
    order: int = 0
    """Its place among the papers of its day in the lists and feeds (1 first), as the
    digest it came from had them; 0 when the file gives none: such papers follow the day's
    others, by slug."""
    translation_model: str | None = None
    """The model of a machine translation, such as deepseek-chat."""
    title_translator: str | None = None
    """Who translated the title, when not `translator` (who translated the abstract):
    `translate` filled one of the two and kept the other's translation."""
    title_translation_model: str | None = None
    """The model that translated the title, with `title_translator: machine`."""
    reviewed_by: str | None = None
    """The person who checked the translation (both parts), when someone did."""
    translation_stale: bool = False
    """The primary text changed since the translation was made from it (the file's
    `translated_from` is another text's fingerprint); `bitext confirm` clears it."""
    venue: str | None = None
    """Where the paper was published, as the page names it ("ICLR 2025", "Nature")."""
    year: int | None = None
    """The year it was published, where the file says: for a paper of another year than
    its `date`, the day of the digest that lists it (a paper of 2020 in today's digest).
    Its citations give this year (see `published_year`)."""
    note: Bilingual[Rendered | None] | None = None
    """The editor's note on the paper (`::: note <code>` blocks: why it is worth reading),
    in either language or both; None when the file has none. Not a translation: each
    language's note is the editor's own text."""
    digest: str = field(default="", compare=False)
    """A hash of the file's path and bytes: pages that show this paper change with it."""
    warnings: tuple[Problem, ...] = field(default=(), compare=False)
    """What the build should tell the editor without stopping (LaTeX shown as source)."""
    awaiting_translation: bool = field(init=False, compare=False)
    """The secondary title or abstract is still missing. (Kept, not a property: a build
    asks it of every paper three times, 35 ms at 10,000 papers as a property.)"""

    def __post_init__(self) -> None:
        object.__setattr__(self, "awaiting_translation",
                           self.title.secondary is None or self.abstract.secondary is None)

    @property
    def month(self) -> str:
        return f"{self.date.year:04d}-{self.date.month:02d}"  # (strftime is 7 × slower)

    @property
    def published_year(self) -> int:
        """The year its citations give: its `year`, else its date's."""
        return self.year or self.date.year

    @property
    def published_in(self) -> str | None:
        """Where and when it was published, as its page says it: "ICLR 2025", "Nature,
        2020", "2020" (its year where its file gives one that the venue's name does not
        hold); None where its file says neither."""
        year = str(self.year) if self.year else ""
        if self.venue and year and year not in self.venue:
            return f"{self.venue}, {year}"
        return self.venue or year or None

    @property
    def venue_kind(self) -> str | None:
        """"journal" or "conference" where its venue's name says which (see
        `bitext.venues.venue_kind`): how its citations name the venue."""
        return venue_kind(self.venue) if self.venue else None

    @property
    def url(self) -> str:
        """Path of the paper's page relative to the site root."""
        return f"papers/{self.slug}/"

    def link(self, kind: str) -> str | None:
        return next((link.url for link in self.links if link.kind == kind), None)

    @property
    def doi(self) -> str | None:
        """The DOI (10.…/…) of the `doi` link, when that is an address of doi.org."""
        url = self.link("doi")
        return doi_of(url) if url else None

    @property
    def machine_translated(self) -> bool:
        return self.translator == MACHINE

    @property
    def awaiting_review(self) -> bool:
        """A machine made the abstract's translation and no one has reviewed it yet (the
        page's note over that abstract; see `machine_translated_unreviewed` for either
        part)."""
        return self.machine_translated and not self.reviewed_by

    @property
    def title_machine_translated(self) -> bool:
        return self.title_translator == MACHINE

    @property
    def machine_translated_unreviewed(self) -> bool:
        """A machine translated the abstract or the title and no one has reviewed it."""
        return (self.machine_translated or self.title_machine_translated) and \
            not self.reviewed_by

    @property
    def translator_known(self) -> bool:
        """Someone or something is named for a part of the translation that is there:
        the page and feed have a translator to show."""
        abstract_named = self.translator and self.abstract.secondary is not None
        title_named = (self.title_translator or self.translator) and self.title.secondary
        return bool(abstract_named or title_named)



def text_fingerprint(title: str, abstract: str) -> str:
    """What a translation was made from: the primary title and abstract, white space
    collapsed (re-wrapping a line is no change), as 12 hex digits of SHA-256."""
    text = " ".join(title.split()) + "\n" + " ".join(abstract.split())
    return hashlib.sha256(normalise(text).encode("utf-8")).hexdigest()[:12]


def made_from_other_text(translated_from: object, title: str, abstract: str) -> bool:
    """Whether a translation's `translated_from` names a primary text other than this one
    (a file without the field is not tracked)."""
    return bool(translated_from) and translated_from != text_fingerprint(title, abstract)


def load_papers(root: Path, config: Config, markdown: MarkdownRenderer,
                include_drafts: bool = False) -> list[Paper]:
    """Every paper under content/papers/, or InputError with the problems of all files.
    (Builds go through `bitext.pipeline`, which caches what it parsed.)"""
    files, problems = paper_files(root)
    papers = []
    for source, path in files:
        paper, file_problems = parse_paper_file(Path(path).read_bytes(), source,
                                                config.languages,
                                                markdown)
        problems.extend(file_problems)
        if paper and (include_drafts or not paper.draft):
            papers.append(paper)
    if problems:
        raise InputError(problems)
    return papers


def parse_paper_file(data: bytes, source: str, languages: tuple[Language, Language],
                     markdown: MarkdownRenderer, digest: str | None = None
                     ) -> tuple[Paper | None, list[Problem]]:
    """A paper from the bytes of its file, or None with the problems found. `digest`:
    the `file_digest` of `data`, when the caller has it. Of the config, a paper depends on
    its languages only: parsed papers are kept while they stay the same (a change to the
    site's title or tags does not read 10,000 papers again)."""
    text, problems = decode(data, source)
    if text is None:
        return None, problems
    front, body_start, problems = split_front_matter(text, source)
    if front is None:
        return None, problems
    from bitext.strictyaml import YamlError, load

    try:
        document = load(front, first_line=2)  # the line after the opening '---'
    except YamlError as error:
        return None, [Problem(source, error.line, error.field, error.message, hint=error.hint)]
    fields = Fields(document, source)
    if not isinstance(document.value, dict):
        fields.problem((), "front matter is not a mapping", expected="fields such as 'title:'",
                       found="nothing" if document.value is None else "a list or text")
        return None, fields.problems
    body_lines = text.split("\n")[body_start:]
    blocks = read_blocks(body_lines, body_start + 1, source, languages, fields)
    paper = read_paper(fields, blocks, languages, markdown, digest or file_digest(source, data))
    return (paper if not fields.problems else None), fields.problems


def decode(data: bytes, source: str) -> tuple[str | None, list[Problem]]:
    """UTF-8 text with LF line ends, or the problems that stop it from being that."""
    if len(data) > MAX_FILE_BYTES:
        return None, [Problem(source, None, None, "file too large",
                              expected=f"at most {MAX_FILE_BYTES // 1024} KiB",
                              found=f"{len(data) // 1024} KiB",
                              hint="one file holds one paper's title and abstracts")]
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        utf16 = data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
        return None, [Problem(source, line, None, "not UTF-8 text",
                              found="UTF-16 text" if utf16 else f"byte 0x{data[error.start]:02x}",
                              hint="save the file as UTF-8")]
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if forbidden_character(text) is None:  # (the usual case: one search, not one a line)
        return text, []
    problems = []
    for number, line in enumerate(text.split("\n"), start=1):
        bad = forbidden_character(line)
        if bad:
            problems.append(Problem(source, number, None, "forbidden character",
                                    expected="printable text", found=bad, hint=FORBIDDEN_HINT))
    return (None if problems else text), problems


def split_front_matter(text: str, source: str) -> tuple[str | None, int, list[Problem]]:
    """The front matter's text and the index of the first body line."""
    lines = text.split("\n")
    if lines[0].rstrip() != "---":
        return None, 0, [Problem(source, 1, None, "no front matter",
                                 expected="'---' on the first line", found=repr(lines[0][:40]),
                                 hint="a paper file starts with its fields between two '---' "
                                      "lines")]
    for index in range(1, len(lines)):
        if lines[index].rstrip() == "---":
            if index - 1 > MAX_FRONT_MATTER_LINES:
                break
            return "\n".join(lines[1:index]), index + 1, []
    return None, 0, [Problem(source, 1, None, "front matter not closed",
                             expected=f"a closing '---' line within "
                                      f"{MAX_FRONT_MATTER_LINES} lines",
                             found="none", hint="add '---' after the last field")]


@dataclass(frozen=True)
class Block:
    line: int
    text: str


def read_parts(data: bytes, source: str, languages: tuple[Language, Language]
               ) -> tuple[Fields, dict[str, Block]] | None:
    """A paper file's front matter (as Fields, which know each field's line) and its
    language blocks, as far as they can be read; None when its front matter cannot be
    (the build reports why). For the commands that read a file to change it or check it:
    import, confirm, translate, check."""
    from bitext.strictyaml import YamlError, load

    text, _ = decode(data, source)
    front, body_start, _ = split_front_matter(text, source) if text else (None, 0, [])
    try:
        document = load(front, first_line=2) if front is not None else None
    except YamlError:
        return None
    if document is None or not isinstance(document.value, dict):
        return None
    fields = Fields(document, source)
    return fields, read_blocks(text.split("\n")[body_start:], body_start + 1, source,
                               languages, fields)


def read_blocks(lines: list[str], first_line: int, source: str,
                languages: tuple[Language, Language], fields: Fields) -> dict[str, Block]:
    """The `::: code` … `:::` blocks of the body, by language code, and the editor's notes
    (`::: note code`) by `note_key`."""
    codes = [language.code for language in languages]
    blocks: dict[str, Block] = {}
    current: tuple[str, int, list[str]] | None = None

    def report(line: int, message: str, **details: str) -> None:
        fields.problems.append(Problem(source, line, None, message, **details))

    for offset, line in enumerate(lines):
        number = first_line + offset
        if current is None:
            opening = BLOCK_OPEN.fullmatch(line.rstrip())
            if opening:
                key, problem = block_key(opening.group(1), opening.group(2), codes)
                if problem:
                    report(number, problem[0], expected=problem[1], found=repr(line.strip()),
                           hint=problem[2])
                elif key in blocks:
                    report(number, f"second '::: {key}' block",
                           expected="one note per language" if key.startswith(f"{NOTE} ")
                           else "one block per language",
                           hint=f"the first is on line {blocks[key].line}")
                current = (key, number, [])
            elif line.strip():
                report(number, "text outside a language block", found=repr(line.strip()[:40]),
                       expected=f"'::: {codes[0]}' or '::: {codes[1]}'",
                       hint="put each abstract between '::: <language>' and ':::'")
        elif BLOCK_CLOSE.fullmatch(line.rstrip()):
            code, start, text = current
            blocks.setdefault(code, Block(start, "\n".join(text).strip("\n")))
            current = None
        else:
            current[2].append(line)
    if current is not None:
        code, start, text = current
        report(start, f"'::: {code}' block not closed", expected="a ':::' line",
               found="end of file")
        blocks.setdefault(code, Block(start, "\n".join(text)))  # reported once, not twice
    end_line = first_line + len(lines) - 1
    primary = codes[0]
    block = blocks.get(primary)
    if block is None:
        report(end_line, f"abstract in {primary} missing",
               expected=f"a '::: {primary}' block",
               hint="the abstract in the primary language is what the page shows first")
    elif not block.text.strip():
        report(block.line, f"abstract in {primary} is empty", expected="text",
               found="an empty block")
    # A missing or empty block of the secondary language: the paper awaits its translation.
    # An empty note is no note.
    for key in (codes[1], note_key(codes[0]), note_key(codes[1])):
        if key in blocks and not blocks[key].text.strip():
            del blocks[key]
    return blocks


def block_key(name: str, language: str | None, codes: list[str]
              ) -> tuple[str, tuple[str, str, str | None] | None]:
    """The key of a block that opens with `::: name [language]`, and what is wrong with
    that line (message, expected, hint), if anything."""
    blocks = " or ".join(f"'::: {code}'" for code in codes)
    notes = " or ".join(f"'::: {NOTE} {code}'" for code in codes)
    if name == NOTE:
        if language is None:
            return name, ("the language of a note missing", notes,
                          "an editor's note is in one of the site's languages")
        if language not in codes:
            return note_key(language), ("unknown language of a note", notes, None)
        return note_key(language), None
    if name not in codes or language is not None:
        meant_note = language is not None or name.casefold().startswith(NOTE)
        return name, ("unknown language block", blocks,
                      f"an editor's note opens with {notes}" if meant_note else None)
    return name, None


# The abstract that `bitext new` writes in a draft: published, it is an error.
NEW_ABSTRACT = "Abstract to write."


def read_paper(fields: Fields, blocks: dict[str, Block], languages: tuple[Language, Language],
               markdown: MarkdownRenderer, digest: str) -> Paper | None:
    fields.only_keys((), FIELDS)
    codes = [language.code for language in languages]
    titles = read_titles(fields, codes)
    date = fields.date("date")
    order = fields.integer("order", default=0, minimum=1, maximum=MAX_ORDER)
    tags = read_tags(fields)
    authors = read_list(fields, "authors")
    affiliation = fields.text("affiliation", required=False)
    venue = fields.text("venue", required=False)
    year = fields.pattern("year", regex=YEAR_FORM, expected="a year such as 2020",
                          hint="the year the paper was published, four digits")
    arxiv = fields.pattern("arxiv", regex=ARXIV_FORM, expected="an arXiv id such as 2505.09388",
                           hint="write the id only, not the URL")
    links = read_links(fields, arxiv)
    slug = read_slug(fields, titles[0] if titles else None)
    translator = fields.text("translator", required=False)
    translation_model = fields.text("translation_model", required=False)
    title_translator = fields.text("title_translator", required=False)
    title_translation_model = fields.text("title_translation_model", required=False)
    reviewed_by = fields.text("reviewed_by", required=False)
    paragraphs_differ = fields.boolean("paragraphs_differ", default=False)
    draft = fields.boolean("draft", default=False)
    translated_from = fields.pattern("translated_from", regex=FINGERPRINT_FORM,
                                     expected="12 hex digits, as bitext writes them",
                                     hint="`bitext confirm FILE` writes it")
    primary = blocks.get(codes[0])
    if not draft and primary is not None and primary.text.strip() == NEW_ABSTRACT:
        fields.problems.append(Problem(
            fields.path, primary.line, None, f"abstract in {codes[0]} not written yet",
            expected="the paper's abstract", found=repr(NEW_ABSTRACT),
            hint="write it, or keep 'draft: true' until it is written"))
    if fields.problems or not titles or date is None or slug is None:
        return None
    warnings = title_math_warnings(fields.path, titles, codes, fields)
    abstracts = [rendered_block(blocks.get(code), markdown, fields.path, warnings)
                 for code in codes]
    notes = [rendered_block(blocks.get(note_key(code)), markdown, fields.path, warnings)
             for code in codes]
    translated = titles[1] is not None and abstracts[1] is not None
    if translated:
        from bitext.checks import Texts, carried_over_warnings

        warnings += carried_over_warnings(Texts(
            fields.path, titles, (blocks[codes[0]].text, blocks[codes[1]].text),
            {"translated_title": fields.line("title", codes[1]),
             "translated_abstract": blocks[codes[1]].line}, paragraphs_differ), languages)
    stale = translated and made_from_other_text(translated_from, titles[0],
                                                blocks[codes[0]].text)
    if stale:
        warnings.append(Problem(
            fields.path, fields.line("translated_from"), "translated_from",
            "warning: the translation may be out of date",
            expected=f"the {codes[1]} text translated from this {codes[0]} text",
            found=f"the {codes[0]} title or abstract changed since it was translated",
            hint=stale_hint(fields.path, unreviewed_machine_alone({
                "translator": translator, "title_translator": title_translator,
                "reviewed_by": reviewed_by}))))
    return Paper(
        source=fields.path, slug=slug,
        title=Bilingual(languages, titles),
        abstract=Bilingual(languages, tuple(abstracts)),
        date=date, order=order, tags=tags, authors=authors, affiliation=affiliation,
        arxiv=arxiv, links=links, translator=translator, draft=draft,
        translation_model=translation_model, title_translator=title_translator,
        title_translation_model=title_translation_model, reviewed_by=reviewed_by,
        translation_stale=stale, venue=venue, year=int(year) if year else None,
        note=Bilingual(languages, tuple(notes)) if any(notes) else None, digest=digest,
        warnings=tuple(warnings),
    )


def rendered_block(block: Block | None, markdown: MarkdownRenderer, source: str,
                   warnings: list[Problem]) -> Rendered | None:
    """A block's Markdown rendered (None for no block), its warnings added to `warnings`."""
    if block is None:
        return None
    rendered, messages = markdown.render(normalise(block.text))
    warnings += [Problem(source, block.line, None, f"warning: {message}",
                         hint="check the LaTeX, or escape the dollar sign as \\$")
                 for message in messages]
    return rendered


TRANSLATION_PROVENANCE = ("translator", "translation_model", "title_translator",
                          "title_translation_model", "reviewed_by")
"""A paper file's fields that say who or what translated the abstract (and the title,
unless the title's own fields say otherwise), and who reviewed the translation."""


def unreviewed_machine_alone(provenance: Mapping[str, object]) -> bool:
    """A machine made every part of the translation and no one reviewed it: it can be
    made again without losing a person's work."""
    return (provenance.get("translator") == MACHINE and not provenance.get("reviewed_by")
            and provenance.get("title_translator") in (None, MACHINE))


def stale_hint(path: str, unreviewed_machine: bool) -> str:
    """What to do about a stale translation: a machine's that no one reviewed is simply
    made again; a person's, or a reviewed one, is updated by hand."""
    by_hand = f"update the translation, then run `bitext confirm {path}`"
    if unreviewed_machine:
        return f"translate it again with `bitext translate {path} --force`, or {by_hand}"
    return by_hand


def title_math_warnings(source: str, titles: tuple[str, str | None], codes: list[str],
                        fields: Fields) -> list[Problem]:
    """Warnings for `$…$` in titles that cannot be shown as math."""
    from bitext.math import inline_math

    return [Problem(source, fields.line("title", code), f"title.{code}",
                    f"warning: math shown as its source: {error}", hint="check the LaTeX")
            for code, title in zip(codes, titles, strict=True) if title and "$" in title
            for error in inline_math(title)[1]]


def read_titles(fields: Fields, codes: list[str]) -> tuple[str, str | None] | None:
    """The primary title (required) and the secondary one (None while it awaits its
    translation: the key missing, or written with no value)."""
    if fields.mapping("title", required=True,
                      expected=in_each_language("title", codes, fields.raw("title"))) is None:
        return None
    fields.only_keys(("title",), codes)
    primary = fields.text("title", codes[0], hint="every paper has a title in its primary "
                                                  "language")
    secondary = fields.text("title", codes[1], required=False)
    return None if primary is None else (primary, secondary)


# What parts the items of a list written as one text ("Alice Smith, Bob Lee").
ITEM_SEPARATOR = re.compile(r"\s*[,;，；、]\s*")


def read_list(fields: Fields, name: str, suggest: Callable[[str], str] = str
              ) -> tuple[str, ...]:
    """A list of texts (`authors`, `tags`). One text is a list of one ("tags: llm"), but
    several items in one text ("tags: llm, reasoning") are a problem: they would be one
    odd item, an author named "Alice Smith, Bob Lee"."""
    value = fields.raw(name)
    if isinstance(value, str) and ITEM_SEPARATOR.search(value.strip()):
        items = [suggest(item) for item in ITEM_SEPARATOR.split(value.strip()) if item]
        fields.problem((name,), "several items in one text",
                       expected=f"a list such as [{', '.join(items)}]", found=repr(value),
                       hint="put them between [ and ], parted by commas")
        return ()
    return fields.text_list(name)


def tag_suggestion(tag: str) -> str:
    from slugify import slugify  # (for a problem only: most builds never load it)

    return slugify(tag)


def read_tags(fields: Fields) -> tuple[str, ...]:
    tags = []
    for index, tag in enumerate(read_list(fields, "tags", suggest=tag_suggestion)):
        if not TAG_FORM.fullmatch(tag):
            suggestion = tag_suggestion(tag)
            fields.problem(("tags", index), "not a tag name",
                           expected="lowercase letters, digits and hyphens", found=repr(tag),
                           hint=f"write '{suggestion}'" if suggestion else None)
        elif fields.url_name(("tags", index), tag) and tag not in tags:
            tags.append(tag)
    return tuple(tags)


def read_links(fields: Fields, arxiv: str | None) -> tuple[Link, ...]:
    links = []
    if fields.mapping("links", expected="the paper's links by kind (" + ", ".join(LINK_KINDS)
                      + "), such as {pdf: https://…, code: https://…}") is not None:
        fields.only_keys(("links",), LINK_KINDS)
        for kind in LINK_KINDS:
            url = fields.url("links", kind)
            if url:
                links.append(Link(kind, encoded_address(url)))
    if arxiv:
        links.insert(0, Link("arxiv", f"https://arxiv.org/abs/{arxiv}"))
    return tuple(links)


def slug_from_title(title: str, max_length: int = URL_NAME_MAX) -> str:
    """The URL name a title gives: ASCII words joined by hyphens, whole words, in order."""
    from slugify import slugify

    # An invisible zero-width character inside a word must not split the word in two.
    visible = ZERO_WIDTH.sub("", title)
    return slugify(visible, max_length=max_length, word_boundary=True, save_order=True)


def read_slug(fields: Fields, primary_title: str | None) -> str | None:
    if fields.raw("slug") is not None:
        slug = fields.pattern("slug", regex=SLUG_FORM, expected="lowercase letters, digits "
                              "and single hyphens, such as qwen3-technical-report")
        return slug if slug and fields.url_name(("slug",), slug) else None
    if primary_title is None:
        return None
    slug = slug_from_title(primary_title)
    if not slug:
        fields.problem(("title",), "the title gives no URL name", found=repr(primary_title),
                       hint="add a field such as 'slug: my-paper'")
        return None
    if problem := url_name_problem(slug):
        _, expected, found = problem
        fields.problem(("title",), "the title gives a reserved URL name",
                       expected=expected, found=found,
                       hint=f"add a field such as 'slug: {slug}-paper'")
        return None
    return slug
