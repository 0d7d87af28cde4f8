"""Read a plain-text digest: entries of title, optional affiliation, translated title,
abstract and translated abstract, one per line.

How a line's role is decided:

1. Its **language**, from its characters: the share of its word units written in the
   secondary language's script (a Han character or kana counts as one unit, a run of
   letters of an alphabetic script as one word). Length plays no part. A line can be in
   the secondary language when that share is at least `SECONDARY_MIN` ("GPT-4o 的
   Scaling Law" is Chinese), and in the primary language when it is below `PRIMARY_MAX`
   (an English title quoting 悟道 is English); a line between the two can be either.
2. The **grammar** of an entry: title (primary), affiliation (any language, optional),
   translated title (secondary), abstract (primary), translated abstract (secondary).
   The file is split into entries that fit the grammar by the languages of their lines
   alone; the languages nearly always leave one way to do so (an affiliation is the
   line after the title exactly when two secondary-language lines follow the title, or
   when the line after the title is in the primary language).
3. Where the languages leave more than one way (lines that can be either language), the
   way that best fits the **blank lines** (a file that puts blank lines between entries
   keeps entries between them) and the **shape** of the lines (titles and affiliations
   are names, abstracts are sentences) is taken. Shape never refuses an entry: titles
   end with "?" or "!", hold ";" or two sentences, and abstracts may end with a URL.
4. An abstract is one line, unless the file reads whole only with **abstracts of several
   lines** (or, where most entries do not read otherwise, with fewer problems): a
   paragraph a line, or text hard-wrapped as arXiv wraps it (a line that does not end a
   sentence goes on in the next; a blank line or an indented line starts a paragraph).
   The shape of the lines then also says where an abstract ends: its first line is a
   sentence or about as wide as the next, its last ends a sentence or an address, and a
   title after it holds no address, no colon at its end, no lower-case words at its
   start. In a file without translations, where titles have no language of their own,
   an entry of several lines is a paragraph, between blank lines.
5. Every entry has its translation, unless the file reads whole only with some entries
   of a title and an abstract in the primary language alone: papers **awaiting their
   translation**.
6. Each pair has the primary language's line first, unless the file (of two entries or
   more) reads whole only with the translation's title or abstract first (see `Order`).
   Each language's lines may come together, the translated title after the abstract
   ("Title" / abstract / "标题" / 摘要), where the file reads whole only so or its lines
   fit that better (see `in_blocks_if_better`).
   A title and its translation may share a line ("Title | 标题", "Title（标题）"), where
   the file reads with fewer problems so (see `title_pair`).

Every problem in the file is reported (the parser goes on at the next line where an
entry fits), with the line number and what was expected there; the shape of the lines
explains the likeliest cause.

A line of links only (web addresses, each perhaps after a label such as "Code:" or
"论文链接：", and "arXiv: 2505.09388") is no part of the grammar: it belongs to the entry
before it, or, in a file that starts with such a line, to the entry after it.

A line that holds only a date ("2025-05-14", "## 2025/05/14", "2025年5月14日（周三）",
"May 14, 2025") is no part of the grammar either: the entries after it, up to the next
such line, are of that day, as under a heading. A month alone ("2025-05", "2025年5月")
gives its first day. So does a Markdown heading that holds one day among its words
("## 2025-05-14 Daily Papers"), or a line of a few words and one day that is no sentence
("HF Daily Papers 2025-05-14"), unless the file reads better with it as a title: a
title may end with its own day ("Qwen3 Technical Report (2025-05-11)"), which dates its
entry and is taken off it (see `with_title_days`).

Lines may start with a **label** ("Title:", "摘要：", "**Abstract:**", "【机构】"). A line of
authors ("Authors: …", "作者：…"), of tags ("Tags: …", "标签：…"), of keywords ("Keywords:
…", "关键词：…") or an editor's note ("点评：…", "TL;DR: …") belongs to its entry as a line of
links does (see `with_attached`); such a label alone on its line takes the line after it.
Where every line carries a label (or carries on the labelled line before it), the labels
say what each line is, in any order (see `starts_entry`), and of two titles or abstracts
the one more in the secondary language's script is the translation; a title and an
abstract in the primary language alone await their translation. Elsewhere the labels are
taken off and the grammar reads the lines.

A line without a label may head an entry whose other lines all carry one ("【1】 Title"
above "标题：…", "链接：…", "摘要：…", "Abstract: …", as Chinese digests of arXiv write
them): it is then the entry's title, where that reads with fewer problems (see
`with_title_labels`).

Markdown headings ("## …") are the titles, or head parts of the file and are left out,
or, where they have levels, the deepest are the titles and the others head parts
("# May 2025" over "## 1. Qwen3 …"): whichever reads with fewer problems. A line in
bold as a whole loses its marks; a line without a letter or a digit ("---", "* * *")
parts entries as a blank line does. A few
lines in the secondary language before the first blank line or after the last are the
digest's opening or closing words, left out where the file reads better without them
(see `without_edges`).
"""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
import functools
import itertools
import math
import re
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass

from bitext.config import Language
from bitext.content import MACHINE
from bitext.digestlines import (
    ATTACHED_FIELDS,
    BULLET,
    BULLET_MARK,
    CHINESE_NUMERAL,
    DATE_LABEL,
    HEADING_DAY,
    LEFT_OUT_FIELDS,
    LINK_TEXT_WORDS,
    NOT_A_DAY,
    PROVENANCE_FIELDS,
    REPEATED_FIELDS,
    SENTENCE_END,
    TITLE_MARK,
    Line,
    Link,
    author_names,
    calendar_day,
    day_of_line,
    front_matter_lines,
    is_author_list,
    is_organisation,
    is_prose,
    linked_title,
    names_organisations,
    read_lines,
    title_pair,
    unbold,
)
from bitext.errors import Problem
from bitext.schema import FORBIDDEN_HINT, forbidden_character
from bitext.scripts import PRIMARY_MAX, SECONDARY_MIN, script_of_language, script_share
from bitext.venues import VENUE_NAMES, published_venue

# A file whose gaps between lines are at most this often blank uses blank lines to part
# entries (a file that is blank after every line uses them for nothing).
SEPARATING_BLANKS_MAX = 0.5
# The number or bullet of an entry before its title: "1. ", "2) ", "3、", "(4) ", "【5】",
# "- ", "• ", and in Chinese numerals, "一、", "（二）"; "1\\. ", as Markdown escapes a number
# that no list should start (pandoc's, Google Docs' export).
ENTRY_NUMBER = re.compile(rf"(?:#?\d{{1,4}}(?:\\?[.)、．]\s+|、)|[(（【\[]\d{{1,4}}[)）】\]]\s*"
                          rf"|{CHINESE_NUMERAL}、\s*|[(（]{CHINESE_NUMERAL}[)）]\s*"
                          # ("#1 ", "No.1 ", a count of the day's, "【1/10】", "1/10 ")
                          r"|#\d{1,4}\s+|No\.\s?\d{1,4}\s+"
                          r"|[(（【\[]\d{1,4}/\d{1,4}[)）】\]]\s*|\d{1,4}/\d{1,4}\s+"
                          rf"|{BULLET_MARK})(?=\S)")
# A table of contents' link to a part of its page: "[Qwen3 Technical Report](#1)".
CONTENTS_LINK = re.compile(r"\[(?P<text>[^\[\]]+)\]\(#[^()\s]*\)")
# The number of a list's first entry: "1. ", "1) ", "【1】", "(1) ", "#1 ".
FIRST_NUMBER = re.compile(r"#?\D?1\D")
# A title with its arXiv id: "[2505.09388] Qwen3 …", "arXiv:2505.09388 Qwen3 …",
# "Qwen3 … (arXiv:2505.09388)", "Qwen3 … [2505.09388v2]".
TITLE_ARXIV_ID = re.compile(
    r"(?:\[(?:arxiv:\s*)?(?P<before>\d{4}\.\d{4,5})(?:v\d+)?\]\s*"
    r"|arxiv:\s*(?P<plain>\d{4}\.\d{4,5})(?:v\d+)?\s+)?"
    r"(?P<title>.+?)"
    r"(?:\s*[(（\[](?:arxiv:\s*)?(?P<after>\d{4}\.\d{4,5})(?:v\d+)?[)）\]]"
    # ("Qwen3 Technical Report - arXiv:2505.09388", "… | arXiv 2505.09388")
    r"|\s+[-–—|｜]\s*arxiv[:\s]\s*(?P<parted>\d{4}\.\d{4,5})(?:v\d+)?)?", re.IGNORECASE)
# A month among a heading's words: "# 2025-06 论文速递", "## 2025年6月".
HEADING_MONTH = re.compile(r"(?<!\d)\d{4}\s*[-/.年]\s*\d{1,2}(?!\d)")
# (a tag may hold "and": "Vision and Language"; "#LLM #RL" is two)
TAG_SEPARATOR = re.compile(r"\s*[,;，；、|#]\s*")


@dataclass(frozen=True)
class Entry:
    """One paper of a digest, as the lines gave it."""

    line: int
    """The entry's first line in the digest: its title's (in a labelled digest, the first
    field's)."""
    title: tuple[str | None, str | None]
    """Primary and secondary title (None: the entry awaits its translation; the primary
    None: a translation alone, see `is_translation_only`)."""
    abstract: tuple[str | None, str | None]
    """Primary and secondary abstract (None: awaiting the translation, or, in a labelled
    digest, a translation alone, whose primary title may be None too; see
    `is_translation_only`)."""
    affiliation: str | None
    lines: dict[str, int] | None = None
    """Line of each part in the digest: title, affiliation, translated_title, abstract,
    translated_abstract."""
    links: tuple[Link, ...] = ()
    """The entry's lines of links, each link as the line gave it."""
    authors: tuple[str, ...] = ()
    """From the entry's line of authors."""
    tags: tuple[str, ...] = ()
    """From the entry's line of tags, as written ("LLM", "强化学习")."""
    keywords: tuple[str, ...] = ()
    """From the entry's line of keywords (or categories): words for the tag rules."""
    note: tuple[str | None, str | None] = (None, None)
    """The editor's note in each language, from the entry's lines of notes ("点评：…",
    "TL;DR: …"), several in one language as its paragraphs."""
    left_out: tuple[int, ...] = ()
    """The entry's lines of the authors' comments ("Comments: 12 pages") and of counts
    ("👍 128"), which a paper file has no field for: the import report names them."""
    provenance: tuple[tuple[str, str], ...] = ()
    """(field, value) for what its lines say of its translation: translator,
    translation_model, reviewed_by."""
    date: dt.date | None = None
    """The day of the last line of a date before the entry, if any."""
    venue: str | None = None
    """Where the paper was published, as a table's column or a digest's line of a venue
    ("Venue: ICLR 2025", "会议：CVPR 2025") gives it."""
    year: int | None = None
    """The year it was published, as a table's column gives it (a year column, a date of
    a year alone)."""

    def line_of(self, part: str) -> int:
        return (self.lines or {}).get(part, self.line)


# (compared as objects, the constants below being the only roles: the generated __eq__
# was half the time of the parser of several lines)
@dataclass(frozen=True, eq=False)
class Role:
    name: str
    """As messages name it: 'translated title'."""
    key: str
    """As Entry.lines names it: 'translated_title'."""
    secondary: bool | None
    """The language the line must be in; None: either."""
    prose: bool
    """Its usual shape: sentences (abstracts) or a name."""
    labelled: bool = False
    """Only a line with its label can take the role."""


TITLE = Role("title", "title", False, False)
AFFILIATION = Role("affiliation", "affiliation", None, False)
LABELLED_AFFILIATION = Role("affiliation", "affiliation", None, False, labelled=True)
TRANSLATED_TITLE = Role("translated title", "translated_title", True, False)
ABSTRACT = Role("abstract", "abstract", False, True)
TRANSLATED_ABSTRACT = Role("translated abstract", "translated_abstract", True, True)


@dataclass(frozen=True)
class Order:
    """Which line of each pair comes first in a digest's entries: the primary language's,
    or (swapped) the translation's, as a digest kept for readers of the secondary language
    may have it ("Qwen3 技术报告" / "Qwen3 Technical Report" / 摘要 / abstract)."""

    titles_swapped: bool = False
    abstracts_swapped: bool = False
    blocks: bool = False
    """Each language's title and abstract together, the primary language's first ("Title"
    / abstract / "标题" / 摘要), as an editor pastes a paper and then its translation: the
    translated title comes after the abstract (see `_Parser.readings`); or, swapped, the
    translation's first ("标题" / 摘要 / "Title" / abstract)."""

    @property
    def heads(self) -> tuple[tuple[Role, ...], ...]:
        """The shapes of an entry's titles, the shorter first (preferred when all else is
        equal): with an affiliation between them, or after them where its label says so
        ("Title | 标题" / "机构：阿里"). In `blocks`, the title and its affiliation."""
        if self.blocks:
            first = TRANSLATED_TITLE if self.titles_swapped else TITLE
            return (first,), (first, AFFILIATION)
        first, second = ((TRANSLATED_TITLE, TITLE) if self.titles_swapped
                         else (TITLE, TRANSLATED_TITLE))
        return (first, second), (first, AFFILIATION, second), (first, second,
                                                              LABELLED_AFFILIATION)

    @property
    def abstracts(self) -> tuple[Role, Role]:
        return ((TRANSLATED_ABSTRACT, ABSTRACT) if self.abstracts_swapped
                else (ABSTRACT, TRANSLATED_ABSTRACT))

    @property
    def second_title(self) -> Role:
        """In `blocks`, the title that the second language's lines start with."""
        return TITLE if self.titles_swapped else TRANSLATED_TITLE


PRIMARY_FIRST = Order()
# The other orders, tried on a file that the primary-first order does not read whole.
SWAPPED_ORDERS = (Order(True, True), Order(False, True), Order(True, False))
# Each language's lines together, tried also where a reading of entries awaiting their
# translation or of abstracts of several lines is whole (see `in_blocks_if_better`).
BLOCKS = Order(blocks=True)
SWAPPED_BLOCKS = Order(True, True, blocks=True)
# An entry awaiting its translation: the primary title and abstract only, and perhaps an
# affiliation in the primary language (one in the secondary language's script would be
# as likely a translated title whose translated abstract is missing).
PRIMARY_AFFILIATION = Role("affiliation", "affiliation", False, False)
UNTRANSLATED_HEADS = ((TITLE,), (TITLE, PRIMARY_AFFILIATION))
# What reading an entry as awaiting its translation costs: read so only where no
# translated reading fits. (Nothing in a file without a line in the secondary language,
# where no entry has one: there it made fewer entries cheaper, five papers read as four,
# an abstract as an affiliation and the next title as its abstract, or with abstracts of
# several lines as one.)
UNTRANSLATED_COST = 3
# Longer than any title (of the 561 real ones the longest has 155 characters, and the
# shortest abstract 485): a reading that makes a title, its translation or an
# affiliation of such a line is wrong.
TITLE_LENGTH_MAX = 300
# The most lines an abstract of several lines may take (of the 561 real abstracts in the
# test fixtures, as arXiv wraps them, the longest takes 26).
ABSTRACT_LINES_MAX = 60
# A wrapped line is at least this share of the width of the line after it (arXiv's
# lines, but for a paragraph's last, are 76-79 characters wide; an affiliation is a name).
WRAPPED_SHARE = 0.6
# Two words in lower case: a line that starts so is a wrapped line of an abstract rather
# than a title (of the 561 real titles, none starts so).
MID_SENTENCE = re.compile(r"[a-z]+[ ,;]+[a-z]+\b")
ENDS_WITH_ADDRESS = re.compile(r"https?://\S+$")
# The labels of a link that name its identifier's scheme, which no sentence ends with.
IDENTIFIER_LABELS = frozenset({"arxiv", "doi"})
WORD_HYPHEN_END = re.compile(r"\w-$")
WORD_START = re.compile(r"\w")
# Characters written without spaces between them: a wrapped line of them is joined to
# the next without one (Han, kana, and full-width punctuation).
WIDE_CHARACTER = re.compile(r"[\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]")


def fits(line: Line, role: Role) -> bool:
    """Whether the line's language allows the role, and its label, where it has one, names
    it (a line labelled "机构：" is an affiliation, whatever its language); a Markdown
    heading is a title (an unknown line above "## Title" made that title an affiliation,
    and itself the title, with no problem found)."""
    if line.heading and role.key not in ("title", "translated_title"):
        return False
    if line.label is None:
        return not role.labelled and (role.secondary is None or line.can_be(role.secondary))
    return (line.label == role.key.removeprefix("translated_")
            and (role.secondary is None or line.can_be(role.secondary)))


def goes_on(previous: Line, line: Line) -> bool:
    """Whether `line` has the shape of a line that carries on the abstract `previous` is a
    line of: any line after a wrapped one; after one that ends a sentence, a sentence (a
    paragraph, or one that ends with an address). A title there more likely starts the
    next entry, but a wrapped line that starts after a sentence's end may be either."""
    return (not SENTENCE_END.search(previous.text) or is_prose(line.text)
            or bool(ENDS_WITH_ADDRESS.search(line.text)))


def wraps_to(line: Line, links: Line | None) -> bool:
    """Whether a line of an abstract goes on in `links`, the line of links right after it
    (if any): the line ends neither a sentence nor with an address, and the links' labels
    may be the end of its sentence (see `ends_a_sentence`). A line of links labelled so
    ("arXiv: 2608.14929", "Code: https://…") is the entry's, after an abstract that ends
    without a full stop too, and so is any after "… available at https://github.com/x"."""
    return links is not None and all(map(ends_a_sentence, links.links)) and not (
        SENTENCE_END.search(line.text) or ENDS_WITH_ADDRESS.search(line.text))


def ends_a_sentence(link: Link) -> bool:
    """Whether a link's label may be the end of a sentence that arXiv wrapped ("… Project"
    / "page: https://…", "… are" / "available at: https://…"): none, or lowercase words
    that name no identifier ("arXiv: 2608.14929")."""
    label = link.label
    return not label or (label[:1].isascii() and label[:1].islower()
                         and label.lower() not in IDENTIFIER_LABELS)


def is_name(text: str) -> bool:
    """Whether a line has the shape of a title or an affiliation beyond not being a
    sentence: no address in it, no colon at its end, not two words in lower case at its
    start (as a wrapped line of an abstract has)."""
    return not ("://" in text or text.endswith((":", "：")) or MID_SENTENCE.match(text))


def fills_its_width(first: Line, second: Line) -> bool:
    """Whether the first line of an abstract of several lines has the shape of one: a
    paragraph (it ends a sentence), or a line wrapped about as wide as the next (not a
    short name such as an affiliation before the abstract)."""
    return bool(SENTENCE_END.search(first.text)) or len(first.text) >= WRAPPED_SHARE * len(
        second.text)


def abstract_text(lines: list[Line]) -> str:
    """The Markdown of an abstract written over `lines`: a paragraph each when every line
    but the last ends a sentence, else lines of a paragraph wrapped (joined), paragraphs
    parted by blank lines or started by a line more indented than the one before (as
    arXiv starts them); the items of a list under a paragraph ("Our contributions:" / "- …"
    / "- …") each a line of a Markdown list (joined, they were the paragraph's words)."""
    wrapped = any(not SENTENCE_END.search(line.text) for line in lines[:-1])
    paragraphs = [lines[0].text]
    for previous, line in itertools.pairwise(lines):
        if line.after_blank or not wrapped or line.indent > previous.indent:
            paragraphs.append(line.text)
        elif (bullet := BULLET.match(line.text)) and (
                previous.text.endswith((":", "：")) or BULLET.match(previous.text)):
            # (after a colon or an item: a wrapped line may start with a dash, "… long
            # context windows" / "- supported context sizes have increased …")
            paragraphs[-1] += f"\n- {line.text[bullet.end():]}"
        else:
            paragraphs[-1] = unwrapped(paragraphs[-1], line.text)
    return "\n\n".join(paragraphs)


def unwrapped(text: str, next_line: str) -> str:
    """A line and the next as one text: after a word's own hyphen ("end-of-" and
    "thinking", as arXiv wraps) or between two Chinese characters with nothing between
    them (as pandoc's east_asian_line_breaks), else with a space. (`text` is the paragraph
    so far: only its end is looked at, which searching the whole took quadratic time.)"""
    if (WORD_HYPHEN_END.search(text[-2:]) and WORD_START.match(next_line)
            or WIDE_CHARACTER.match(text[-1]) and WIDE_CHARACTER.match(next_line[0])):
        return text + next_line
    return f"{text} {next_line}"


def blanks_part_entries(lines: list[Line]) -> bool:
    """Whether the file puts blank lines between entries (rather than nowhere, or after
    every line)."""
    gaps = len(lines) - 1
    blanks = sum(line.after_blank for line in lines)
    return 0 < blanks <= gaps * SEPARATING_BLANKS_MAX


def forbidden_problems(text: str, source: str) -> list[Problem]:
    """A problem for each line holding a character bitext never publishes."""
    return [Problem(source, number, None, "forbidden character", expected="printable text",
                    found=bad, hint=FORBIDDEN_HINT)
            for number, line in enumerate(text.split("\n"), start=1)
            if (bad := forbidden_character(line))]


def parse_digest(text: str, source: str, languages: tuple[Language, Language]
                 ) -> tuple[list[Entry], list[Problem]]:
    """Entries of a digest's text, and every problem found."""
    entries, problems, _ = read_digest(text, source, languages)
    return entries, problems


def read_digest(text: str, source: str, languages: tuple[Language, Language],
                passed_over: Collection[int] = ()
                ) -> tuple[list[Entry], list[Problem], tuple[int, ...]]:
    """Entries of a digest's text, every problem found, and the numbers of the lines left
    out as the digest's opening or closing words (see `without_edges`). The lines
    `passed_over` are read as if they were not there (an Org file's own: see
    `bitext.orgmode`)."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    text, front_matter = without_front_matter(text)
    primary, secondary = languages
    if script_of_language(primary.code) == script_of_language(secondary.code):
        return [], [Problem(source, None, None, "cannot tell the languages apart",
                            found=f"{primary.code} and {secondary.code} share a script",
                            hint="import reads digests whose two languages use different "
                                 "scripts")], ()
    secondary_script = script_of_language(secondary.code)
    names = {False: primary.name, True: secondary.name}
    all_lines, details = without_opening_details(
        read_lines(text, secondary_script, passed_over))
    all_lines, contents = without_contents(all_lines)
    front_matter += details + contents
    lines, (entries, problems, wrapped_links) = reading_of(all_lines, source, names,
                                                           secondary_script)
    outside: tuple[int, ...] = ()
    # The digest's opening or closing words left out, where that reads with fewer problems,
    # or as many and the same parts of the same number of entries (the words were then
    # read into an entry across the blank line that parts them, as a last paragraph of its
    # translation; an entry's translated abstract is no closing words, though the entry
    # reads without it, as awaiting its translation).
    # (a part without a title, under a heading above the titles', holds no translation:
    # "# Table of Contents" / "- [cs.CL](#cs.CL)" above the papers, which await theirs)
    for kept, edges, at_edges in itertools.chain(
            ((kept, heading, False) for kept, heading in without_file_heading(all_lines)),
            ((kept, parts, False) for kept, parts in without_other_parts(all_lines)),
            ((kept, edges, True) for kept, edges in without_edges(all_lines))):
        found_lines, found = reading_of(kept, source, names, secondary_script)
        if at_edges and (untranslated(found[0]) > untranslated(entries)
                         or cuts_a_paragraph(found[0], entries)):
            continue  # (the words were a translation: "Title" / abstract / "" / "标题" / 摘要)
        if at_edges and days_read(found_lines) < days_read(lines):
            # (the words were the only entry's translated abstract, which it reads without
            # only by a day's caption taking a part: "## 2025年5月14日（周三）" as the
            # translated title, the translated title as the translated abstract)
            continue
        if len(found[1]) < len(problems) or (len(found[1]) == len(problems) and [
                set(entry.lines or ()) for entry in found[0]] == [
                set(entry.lines or ()) for entry in entries]):
            lines, (entries, problems, wrapped_links), outside = found_lines, found, edges
            break
    if problems and (paired := with_paragraph_pairs(all_lines)) is not all_lines:
        found_lines, found = reading_of(paired, source, names, secondary_script)
        if len(found[1]) < len(problems):
            lines, (entries, problems, wrapped_links), outside = found_lines, found, ()
    # (a digest of two halves reads as one entry with an abstract of every paragraph of the
    # first, and a translation of the second's, without a problem: its halves read more)
    halves = read_halves(all_lines, source, names, secondary_script)
    if halves and (problems or len(halves[1][0]) > len(entries)):
        lines, (entries, problems, wrapped_links), outside = *halves, ()
    lines = [line for line in lines if line.number not in wrapped_links]
    entries, link_problems = with_links(with_title_ids(with_title_venues(without_quotes(
        without_numbers(with_affiliations_in_place(entries, secondary_script))))), lines,
        source)
    entries, attached_problems = with_attached(entries, lines, source)
    entries = with_translators_named(with_author_lines(entries, lines), lines)
    entries, date_problems = with_dates(entries, lines, source)
    entries = with_title_days(entries)
    problems += link_problems + attached_problems + date_problems
    if not problems:  # (else the reading is wrong already, and its problems say where)
        spans = list(abstracts_lines(entries, lines))
        problems = (titles_as_affiliations(entries, lines, source)
                    + affiliations_as_translations(entries, lines, source)
                    + titles_within_abstracts(spans, source)
                    + lines_above_abstracts_labels(spans, source)
                    + affiliations_as_abstracts(spans, source)
                    + sentences_run_on(entries, source))
    return entries, forbidden_problems(text, source) + sorted(
        problems, key=lambda problem: problem.line or 0), front_matter + outside


# The fewest paragraphs of an abstract that `with_paragraph_pairs` reads as pairs.
PAIRED_PARAGRAPHS_MIN = 2


def with_paragraph_pairs(lines: list[Line]) -> list[Line]:
    """The lines with each run of paragraphs that alternate with their translations (an
    abstract's first paragraph, its translation, the second, its translation: as
    Immersive Translate shows a page translated, and a copy of it keeps) as two lines, the
    abstract's paragraphs at the first's number and the translation's at the second's;
    the lines themselves (`is`) where they hold no such run."""
    merged, at, changed = [], 0, False
    while at < len(lines):
        run = paired_run(lines, at)
        if len(run) < 2 * PAIRED_PARAGRAPHS_MIN:
            merged.append(lines[at])
            at += 1
            continue
        for part in (run[0::2], run[1::2]):
            merged.append(dataclasses.replace(part[0], text="\n\n".join(
                line.text for line in part)))
        at, changed = at + len(run), True  # (a run is lines in a row: see `paired_run`)
    return merged if changed else lines


def paired_run(lines: list[Line], at: int) -> list[Line]:
    """The lines in a row from `at` that alternate between prose in the primary language
    and a line in the secondary one, the primary first; a whole number of pairs. (A title
    is no prose: the run ends at the next entry's.)"""
    run: list[Line] = []
    for line in lines[at:]:
        secondary = len(run) % 2 == 1
        if (not line.in_grammar or line.label is not None or line.heading
                or not (secondary or is_prose(line.text))
                or (line.share >= SECONDARY_MIN) != secondary
                or secondary and line.share < PRIMARY_MAX):
            break
        run.append(line)
    return run[:len(run) - len(run) % 2]


def read_halves(lines: list[Line], source: str, names: dict[bool, str],
                secondary_script: frozenset[str]
                ) -> tuple[list[Line], tuple[list[Entry], list[Problem], set[int]]] | None:
    """A digest of two halves, its papers in the primary language and then the same papers
    in the same order in the secondary one (a newsletter's English, then "中文版"), as
    entries of both: each half read alone (the second as if its language were the
    primary), the two paired in order; the lines of the first half, whose entries they
    are. None where the lines are no such halves, or the halves do not read as as many
    papers without a problem, or the first line of the second half, read as the half's
    caption ("以下为中文翻译"), does not make them."""
    texts = [index for index, line in enumerate(lines)
             if line.in_grammar and line.label in (None, "title", "abstract")]
    half = next((at for at, index in enumerate(texts)
                 if all(lines[later].share >= SECONDARY_MIN for later in texts[at:])), None)
    if not half or any(lines[index].share >= SECONDARY_MIN for index in texts[:half]):
        return None
    first_read, first = reading_of(lines[:texts[half]], source, names, secondary_script)
    if first[1] or not first[0] or any(entry.title[1] or entry.abstract[1]
                                       for entry in first[0]):
        return None
    for start in reversed(texts[half:half + 2]):  # (after the half's caption, or without)
        # (the half read as the primary language's: its lines as primary as can be)
        second_lines = [dataclasses.replace(line, share=0.0) for line in lines[start:]]
        _, second = reading_of(second_lines, source, {False: names[True], True: names[False]},
                               secondary_script)
        if not second[1] and len(second[0]) == len(first[0]) and not any(
                entry.title[1] or entry.abstract[1] for entry in second[0]):
            return first_read, ([translated_by_half(entry, translation) for entry, translation
                                 in zip(first[0], second[0], strict=True)], [], first[2])
    return None


def translated_by_half(entry: Entry, translation: Entry) -> Entry:
    """An entry of a digest's first half with its translation from the second (see
    `read_halves`), whose primary parts are the translations."""
    return dataclasses.replace(
        entry, title=(entry.title[0], translation.title[0]),
        abstract=(entry.abstract[0], translation.abstract[0]),
        note=(entry.note[0], translation.note[0] or entry.note[1]),
        lines={**(entry.lines or {}), "translated_title": translation.line_of("title"),
               "translated_abstract": translation.line_of("abstract")})


def without_opening_details(lines: list[Line]) -> tuple[list[Line], tuple[int, ...]]:
    """The lines without the digest's own details above its first paper ("**Update
    Time**: 2025-06-03 08:14:52", "**论文数量**: 5", "**会议**: CVPR 2025" over a
    conference's papers: lines of counts, details or a venue before any line of an
    entry, which would be taken for the first paper's, and make every line of authors
    the next paper's), and their numbers."""
    # (under the file's headings, "# arXiv Papers - 2025-06" / "**Update Time**: …")
    first = next((index for index, line in enumerate(lines)
                  if line.in_grammar and not line.heading), len(lines))
    details = [line for line in lines[:first] if line.label in ("other", "venue")]
    if not details:
        return lines, ()
    return [line for line in lines if line not in details], tuple(
        line.number for line in details)


def without_front_matter(text: str) -> tuple[str, tuple[int, ...]]:
    """The text with the lines of its YAML front matter blank, as a Jekyll post of a
    digest opens ("title: Papers of the week", "layout: post"), but a line of its date,
    which dates the papers as a line of a date does; and the numbers of the lines left
    out."""
    lines = text.split("\n")
    left_out = []
    for number in front_matter_lines(lines):
        line = lines[number - 1]
        if DATE_LABEL.match(line) and isinstance(day_of_line(line), dt.date):
            continue
        lines[number - 1] = ""
        left_out += [number] * (line.rstrip() != "---" and bool(line.strip()))
    return ("\n".join(lines), tuple(left_out)) if left_out else (text, ())


# A title's end that no title has (none of the 561 real ones): a clause's, a sentence's.
CLAUSE_END = re.compile(r"[,;，；]$")
STATEMENT_END = re.compile(r"(?<!\.)[.。]$")
# An abstract's first word that goes on with a sentence: a lowercase word of letters alone
# (no real abstract begins in lowercase; a name may, "pOps", "zip2zip", but has more).
LOWERCASE_WORD = re.compile(r"[a-z]+(?![-\w])")


# (the way out of an error that lines of the editor's before the papers give)
WORDS_BEFORE = "(words before the papers can be a heading, \"# …\", which import leaves out)"
WORDS_BEFORE_HINT = f"is it a paper? {WORDS_BEFORE}"


def sentences_run_on(entries: list[Entry], source: str) -> list[Problem]:
    """In a file of which no entry has a translation, a problem for each title that ends
    as a clause ("… namespaces …/atom,") or a statement ("Explicit is better than
    implicit."), each abstract that goes on with its title's sentence ("… of the arXiv
    API are" / "written from the format …"), and each abstract that holds no sentence
    where most do (none of the 561 real ones: "Papers to translate" / "Collected by the
    editors"; a digest of short summaries has none): prose in lines, such as a README
    imported by mistake, or words before the papers, read as entries that await their
    translation. (The two languages of a bilingual digest tell its entries.)"""
    if any(entry.title[1] is not None or entry.abstract[0] is None for entry in entries):
        return []
    phrases = [entry for entry in entries if not is_prose(entry.abstract[0])]
    outliers = phrases if len(phrases) * 2 < len(entries) else []
    found = []
    hint = ("is the file a digest? its lines read as prose (in a digest without translations, "
            "write each abstract on one line, or a blank line between entries)")
    for entry in entries:
        title, abstract = entry.title[0], entry.abstract[0]
        if CLAUSE_END.search(title) or STATEMENT_END.search(title):
            found.append(Problem(source, entry.line_of("title"), None,
                                 "a title that ends as a sentence or a clause",
                                 expected="a paper's title", found=repr(title), hint=hint))
        elif LOWERCASE_WORD.match(abstract) and not SENTENCE_END.search(title):
            found.append(Problem(source, entry.line_of("abstract"), None,
                                 "an abstract that goes on with its title's sentence",
                                 expected="an abstract that begins a sentence",
                                 found=repr(abstract[:60]), hint=hint))
        elif entry in outliers:
            found.append(Problem(source, entry.line_of("abstract"), None,
                                 "an abstract that holds no sentence",
                                 expected="an abstract: sentences", found=repr(abstract[:60]),
                                 hint=WORDS_BEFORE_HINT))
    return words_before_the_papers(found, entries)


def words_before_the_papers(found: list[Problem], entries: list[Entry]) -> list[Problem]:
    """`found` (see `sentences_run_on`), its one problem told that it may be words before
    the papers when that problem is in the file's first entry and the others read as
    papers: "Papers to translate" / "this week, from the daily papers" gave an abstract that
    goes on with its title's sentence, and a hint about prose."""
    if len(found) != 1 or len(entries) < 2 or found[0].line >= entries[1].line:
        return found
    return [dataclasses.replace(found[0], hint=WORDS_BEFORE_HINT)]


def titles_as_affiliations(entries: list[Entry], lines: list[Line], source: str
                           ) -> list[Problem]:
    """A problem for each affiliation, without a label, that reads as a title, in a file
    that reads with no other: a line of no entry above a title ("Worth reading, see the
    demo" / "Qwen3: …" / "Qwen3 技术报告") reads as that entry's title, and its real title
    as its affiliation, which nothing else tells."""
    labelled = {line.number for line in lines if line.label}
    return [Problem(source, entry.line_of("affiliation"), None,
                    "an affiliation that reads as a title",
                    expected="an organisation's name, without a subtitle or a question",
                    found=repr(entry.affiliation),
                    hint=f"is line {entry.line_of('title')} ({entry.title[0][:40]!r}) a line "
                         "of no entry? (label a real affiliation: \"机构：…\")")
            for entry in entries
            if entry.affiliation and entry.line_of("affiliation") not in labelled
            and TITLE_MARK.search(entry.affiliation)]


# How many times longer than an organisation's name taken for its translation a title is,
# at least (a Chinese title is a third to a half of its English one's characters).
TRANSLATION_SHARE_MIN = 5


def affiliations_as_translations(entries: list[Entry], lines: list[Line], source: str
                                 ) -> list[Problem]:
    """A problem for each translated title, without a label, that names organisations
    alone (see `is_organisation`), where its entry has no affiliation: an entry whose
    translated title is missing, under an affiliation in the translation's language
    ("Qwen3 Technical Report" / "阿里" / abstract / 摘要), reads whole with the affiliation
    as its translated title, which nothing else tells."""
    labelled = {line.number for line in lines if line.label}
    return [Problem(source, entry.line_of("translated_title"), None,
                    "a translated title that reads as an affiliation",
                    expected=f"the translation of {entry.title[0]!r:.50}",
                    found=repr(entry.title[1]),
                    hint="is the translated title missing below it? (label a real "
                         f"affiliation: \"机构：{entry.title[1]}\")")
            for entry in entries
            if entry.title[1] and entry.title[0] and not entry.affiliation
            and entry.line_of("translated_title") not in labelled
            and is_organisation(entry.title[1])
            # (far shorter than a translation: "Agent Laboratory" is "智能体实验室")
            and len(entry.title[1]) * TRANSLATION_SHARE_MIN < len(entry.title[0])]


# How much longer than most of an abstract's lines its longest is where the lines are not
# the abstract's (see `titles_within_abstracts`): a paragraph's line beside a title's.
UNEVEN_LINES = 4


def abstracts_lines(entries: list[Entry], lines: list[Line]
                    ) -> Iterator[tuple[Entry, str, list[Line]]]:
    """Each entry's abstracts, "abstract" and "translated_abstract", with their lines: from
    the first to the entry's next part or the next entry."""
    starts = sorted(entry.line for entry in entries)
    numbers = [line.number for line in lines]  # (in order)
    for entry in entries:
        for part in ("abstract", "translated_abstract"):
            start = (entry.lines or {}).get(part)
            if start is None:
                continue
            later = bisect.bisect_right(starts, start)
            end = min([number for number in entry.lines.values() if number > start]
                      + starts[later:later + 1], default=math.inf)
            yield entry, part, lines[bisect.bisect_left(numbers, start):
                                     bisect.bisect_left(numbers, end)]


def titles_within_abstracts(spans: list[tuple[Entry, str, list[Line]]], source: str
                            ) -> list[Problem]:
    """A problem for each abstract of several lines (`spans`, see `abstracts_lines`) that
    holds a title's line: after a line that ends a sentence, a short line of a title's
    shape (no sentence, `is_name`, three words or more) that more lines follow, among
    lines of uneven lengths. An entry whose
    translated abstract is missing, above an entry whose translated title is mostly Latin
    ("GPT-4o 与 Transformer 的 Scaling Law"), read whole with the next entry's lines as its
    abstract's, and that entry lost, which nothing else tells."""
    problems = []
    for entry, part, own in spans:
        lengths = sorted(len(line.text) for line in own)
        if part != "abstract" or len(own) < 3 or lengths[-1] < UNEVEN_LINES * lengths[
                (len(lengths) - 1) // 2]:
            continue  # (lines of a paragraph each, or wrapped at a width, are more even)
        # (each line but the first and the last, with the line before it)
        for before, line in itertools.pairwise(own[:-1]):
            if (SENTENCE_END.search(before.text) and not SENTENCE_END.search(line.text)
                    and is_name(line.text) and len(line.text.split()) >= 3
                    and len(line.text) < WRAPPED_SHARE * lengths[-1]):
                problems.append(Problem(
                    source, line.number, None, "a title within an abstract",
                    expected=f"the abstract of {entry.title[0] or entry.title[1]!r:.50}, "
                             "its lines", found=repr(line.text[:60]),
                    hint=f"is the translated abstract of line {entry.line} missing above "
                         "this line?"))
                break
    return problems


def lines_above_abstracts_labels(spans: list[tuple[Entry, str, list[Line]]], source: str
                                 ) -> list[Problem]:
    """A problem for each abstract that starts above its own label: a line the digest does
    not label as any field ("Topic: RL", as a note-taking app's page gives a property of
    its own), above "## Abstract" or "Abstract: In this work …", read as the abstract's
    first words, which nothing else tells."""
    problems = []
    for entry, part, own in spans:
        for at, line in enumerate(own[1:], start=1):
            # (not a piece of the first line, a table's row; nor the translation's label,
            # nor a label alone after the abstract, the next part's)
            if line.label != "abstract" or line.number == own[0].number or not (
                    line.can_be(part == "translated_abstract") if line.text
                    else any(later.in_grammar for later in own[at + 1:])):
                continue
            first = own[0]
            problems.append(Problem(
                source, first.number, None, "a line above an abstract's label",
                expected=f"the {part.replace('_', ' ')} of "
                         f"{entry.title[0] or entry.title[1]!r:.50}, from its label "
                         f"(line {line.number})", found=repr(first.text[:60]),
                hint="label it as the field it is (\"Tags: …\", \"Note: …\") or delete it"))
            break
    return problems


def affiliations_as_abstracts(spans: list[tuple[Entry, str, list[Line]]], source: str
                              ) -> list[Problem]:
    """A problem for each abstract that starts with a line of organisations' names (see
    `names_organisations`), alone or before a line much longer: an affiliation written
    after the titles, above an abstract that is missing, read as the abstract, or as its
    first line, joined to the next as a wrapped line ("Meta FAIR Recent advances …")."""
    problems = []
    for entry, part, own in spans:
        first = own[0] if own else None
        if first is None or not names_organisations(first.text) or (
                len(own) > 1 and len(first.text) >= WRAPPED_SHARE * len(own[1].text)):
            continue
        problems.append(Problem(
            source, first.number, None, "an affiliation read as an abstract",
            expected=f"the {part.replace('_', ' ')} of {entry.title[0] or entry.title[1]!r:.50}",
            found=repr(first.text[:60]),
            hint=f"is a line of the entry at line {entry.line} missing? (label a real "
                 f"affiliation: \"机构：{first.text[:30]}\")"))
    return problems


def days_read(lines: list[Line]) -> int:
    """How many of the lines a reading reads as days (captions too: see
    `captions_as_text`)."""
    return sum(line.day is not None for line in lines)


def awaiting(entries: list[Entry]) -> int:
    """How many of the entries have no translated title (await their translation, or
    give a translated abstract alone)."""
    return sum(entry.title[1] is None for entry in entries)


def cuts_a_paragraph(cut: list[Entry], whole: list[Entry]) -> bool:
    """Whether the last entry's translated abstract, as many paragraphs as its abstract
    with the closing words that `cut` left out, has fewer without them: they were its last
    paragraph (an abstract of two paragraphs with its translation under it, the last of
    a file)."""
    if not cut or len(cut) != len(whole):
        return False
    (primary, translated), (_, translated_cut) = whole[-1].abstract, cut[-1].abstract
    return paragraphs(translated) == paragraphs(primary) > paragraphs(translated_cut)


def paragraphs(text: str | None) -> int:
    return text.count("\n\n") + 1 if text else 0


def untranslated(entries: list[Entry]) -> int:
    """How many of the entries give no translation at all."""
    return sum(entry.title[1] is None and entry.abstract[1] is None for entry in entries)


def reading_of(lines: list[Line], source: str, names: dict[bool, str],
               secondary_script: frozenset[str]
               ) -> tuple[list[Line], tuple[list[Entry], list[Problem], set[int]]]:
    """The entries of the lines (see `read_entries`), with Markdown headings as titles or
    left out (see `heading_readings`), days' captions as such or as titles (see
    `captions_as_text`), and titles paired with their translations on one line or not,
    whichever reads with fewer problems; and the lines so read."""
    readings = heading_readings(lines)
    best = lines, read_entries(lines, source, names)
    for reading in readings[1:]:
        # (as many problems: the reading that reads headings alike in every entry, then
        # the one with more entries, whose problem is nearer its cause, then the one with
        # fewer affiliations ("# 2025-06 论文速递" / "标题" / "Title" …: a heading over the
        # file, not a translated title over an affiliation); else the headings as titles,
        # which a problem then names as such)
        found = read_entries(reading, source, names)
        if heading_reading_key(reading, found) < heading_reading_key(*best):
            best = reading, found
    for reading in captions_as_text(lines, secondary_script) if best[1][1] else ():
        found = read_entries(reading, source, names)
        if len(found[1]) < len(best[1][1]):
            best = reading, found
    # A title and its translation on one line ("Title | 标题", "Title（标题）"), a heading
    # too ("### Title | 标题"): read so where that reads with fewer problems, or whole as
    # the lines as they are do (which then read such a line, in both scripts, as one
    # title: "Title | 标题" / the first line of a wrapped abstract / …).
    # Of the headings' readings so paired, the best as of those above (the first to read
    # without a problem made "# 2025-06 论文速递" over one "Title | 标题" the translated
    # title, over a title taken from the translation and an affiliation from the title).
    paired_best = None
    for reading in readings:
        paired = with_title_pairs(reading, secondary_script)
        found = read_entries(paired, source, names) if paired else None
        if found is not None and (paired_best is None or heading_reading_key(paired, found)
                                  < heading_reading_key(*paired_best)):
            paired_best = paired, found
    if paired_best and (len(paired_best[1][1]) < len(best[1][1]) or not paired_best[1][1]):
        best = paired_best
    return best


def heading_reading_key(lines: list[Line],
                        found: tuple[list[Entry], list[Problem], set[int]]) -> tuple:
    """How well a reading of the lines' Markdown headings reads, the best least (see
    `reading_of`)."""
    entries, problems, _ = found
    # (last, the reading that keeps more translations: a newsletter's headings are its
    # translated titles, "### 1. ProRL：…" over "**原文标题：** ProRL: …", and its papers
    # read without them too, as translations of abstracts alone)
    # (then the reading whose titles are fewer organisations' names: "## Title" over
    # "Google DeepMind" in every entry also reads with the headings left out, each
    # affiliation a title)
    return (len(problems), headings_unlike(lines, entries), -len(entries),
            dated_headings_in(lines, entries),
            sum(names_organisations(entry.title[0] or "") for entry in entries),
            sum(entry.affiliation is not None for entry in entries), awaiting(entries))


def dated_headings_in(lines: list[Line], entries: list[Entry]) -> int:
    """How many of the entries have a Markdown heading with a month among their lines
    ("# 2025-06 论文速递": a heading over the file, which no paper's title is)."""
    dated = {line.number for line in lines if line.heading and HEADING_MONTH.search(line.text)}
    return sum(bool(dated.intersection((entry.lines or {}).values())) for entry in entries)


def headings_unlike(lines: list[Line], entries: list[Entry]) -> bool:
    """Whether some of the entries have a Markdown heading among their lines and others
    have none: "# 2025-06 论文速递" read as the first entry's translated title, above
    entries whose titles are no headings."""
    headings = {line.number for line in lines if line.heading}
    with_heading = sum(bool(headings.intersection((entry.lines or {}).values()))
                       for entry in entries)
    return 0 < with_heading < len(entries)


def heading_readings(lines: list[Line]) -> list[list[Line]]:
    """The ways to read the lines' Markdown headings, the lines as they are first: the
    headings are the titles ("## Qwen3 Technical Report"), or head parts of the file ("#
    Daily papers") and left out, or those of the deepest level are the titles and the
    others head parts ("# May 2025" above "## 1. Qwen3 …")."""
    if not any(line.heading for line in lines):
        return [lines]
    readings = [lines, [line for line in lines if not line.heading]]
    deepest = max(line.heading for line in lines)
    if any(0 < line.heading < deepest for line in lines):
        readings.append([line for line in lines if not 0 < line.heading < deepest])
    return readings


# (how far into a line a date's label may end: "**发布日期**: 2025-05-15")
LABEL_SPAN = 30


def captions_as_text(lines: list[Line], secondary: frozenset[str]) -> list[list[Line]]:
    """Readings of the lines with days' captions ("HF Daily Papers 2025-05-14") read as
    lines of text: a short title with its day ("Qwen3 Technical Report (2025-05-11)") has a
    caption's shape (`with_title_days` then takes the day off the title). First the
    captions with a line of text right under them (a title over its translation; a day's
    caption has a blank line under it, as often as not), then every caption."""
    def is_caption(index: int) -> bool:
        line = lines[index]
        # (a date after its label, "**Date**: 2025-06-02", is no caption)
        return (line.day is not None and not line.links
                and bool(WORD_START.search(HEADING_DAY.sub("", line.text)))
                and not DATE_LABEL.search(line.text, 0, LABEL_SPAN))

    def with_text(chosen: list[int]) -> list[Line]:
        picked = set(chosen)
        return [dataclasses.replace(line, day=None, share=script_share(line.text, secondary))
                if index in picked else line for index, line in enumerate(lines)]

    captions = [index for index in range(len(lines)) if is_caption(index)]
    above_text = [index for index in captions if index + 1 < len(lines)
                  and not lines[index + 1].after_blank and lines[index + 1].in_grammar]
    readings = [with_text(above_text)] if above_text else []
    if len(captions) > len(above_text):
        readings.append(with_text(captions))
    return readings


# The most lines a digest's opening or closing words may have (see `without_edges`).
EDGE_LINES_MAX = 3


def without_edges(lines: list[Line]) -> Iterator[tuple[list[Line], tuple[int, ...]]]:
    """The lines without the digest's likely opening words ("cs.CL 方向，今日共计3篇"),
    closing words ("以上就是今天的论文速递，欢迎关注！"), or both, each with the numbers of
    the lines left out: both first, then each alone (should both read worse).

    Such words are one to `EDGE_LINES_MAX` lines of text before the first blank line (or
    rule) or after the last, in a file whose other blank lines part entries (or that has
    no other; or, for closing words, after a rule: a Markdown digest has a blank line
    after every line, and a rule after its last entry; or, for opening words, right above
    a heading: between the file's first headings and the next, or above the first
    paper's), without labels and none of them in the primary language. They hold no
    title and no abstract, so leaving them out loses no paper's text; it may lose a
    translation's last paragraph, which the import report names. Lines the words cannot
    be told from stay problems: a line in the primary language (a title whose entry lacks
    its other lines), and a line after the only note of a file (the note's paragraph, out
    of its place; after the last of several notes, whose paragraphs each went right under
    them, the digest's closing words are likelier)."""
    breaks = [index for index, line in enumerate(lines) if line.after_blank]
    # (the opening words may come under the file's headings, "# Hugging Face 2026-10-08
    # 论文日报" / "## 📊 今日论文统计" / "- 总论文数：50", which stay: a heading may date the
    # papers)
    start = next((index for index, line in enumerate(lines)
                  if line.in_grammar and not line.heading), 0)
    head_end = next((index for index in breaks if index > start), None)
    if head_end is None:
        return
    head, tail = lines[start:head_end], lines[breaks[-1]:]

    def is_words(block: list[Line]) -> bool:
        return len(block) <= EDGE_LINES_MAX and all(
            line.in_grammar and not line.label and not line.heading and not line.can_be(False)
            for line in block)

    after_note = lines[breaks[-1] - 1].label == "note" and sum(
        line.label == "note" for line in lines) < 2
    opening, closing = is_words(head), is_words(tail) and not after_note
    for cut_head, cut_tail in ((True, True), (True, False), (False, True)):
        if (cut_head and not opening) or (cut_tail and not closing) or (
                cut_head and cut_tail and head_end == breaks[-1]):  # (nothing would be left)
            continue
        kept = lines[:start] + lines[head_end if cut_head else start:
                                     breaks[-1] if cut_tail else len(lines)]
        kept[0] = dataclasses.replace(kept[0], after_blank=False)  # (now the first line)
        in_grammar = [line for line in kept if line.in_grammar]
        if (blanks_part_entries(in_grammar) or not any(line.after_blank for line in in_grammar)
                or (cut_tail and not cut_head and tail[0].after_rule)
                or (cut_head and not cut_tail and lines[head_end].heading)):
            yield kept, tuple(line.number for line in (head if cut_head else [])
                              + (tail if cut_tail else []))


def without_other_parts(lines: list[Line]) -> Iterator[tuple[list[Line], tuple[int, ...]]]:
    """The lines without the parts of a Markdown digest that hold no paper, with the
    numbers of the lines left out: a part is what a heading above the titles' level heads
    (the titles being the deepest headings), and one without a title under it holds the
    digest's counts, pictures or addresses ("## 📊 今日论文统计" / "- 总论文数：15", "## 🔍
    关键词云图" / "![关键词云图](stats/…)", "## 📱 订阅渠道" / "- GitHub: [hf-daily-…](…)")."""
    levels = {line.heading for line in lines if line.heading}
    if len(levels) < 2:
        return
    deepest = max(levels)
    parts: list[list[Line]] = [[]]  # (the first: the lines above any part)
    for line in lines:
        if 0 < line.heading < deepest:
            parts.append([])
        parts[-1].append(line)
    left_out = {line.number for part in parts[1:]
                if not any(member.heading == deepest for member in part)
                for line in part if not line.heading}
    if left_out:
        yield [line for line in lines if line.number not in left_out], tuple(sorted(left_out))


def without_file_heading(lines: list[Line]) -> Iterator[tuple[list[Line], tuple[int, ...]]]:
    """The lines without the heading that opens the file above headings of a lower level
    ("# 今日论文" over "## 1. Title" / "### 标题"), the only one of its level: the file's
    title, no paper's (a heading with a day in it dates the papers, and stays)."""
    first = lines[0] if lines else None
    levels = [line.heading for line in lines[1:] if line.heading]
    if first and first.heading and first.day is None and levels and min(levels) > first.heading:
        yield lines[1:], (first.number,)


def without_contents(lines: list[Line]) -> tuple[list[Line], tuple[int, ...]]:
    """The lines without a table of contents above the papers: the lines that repeat the
    titles of headings below them ("1. Title", "- [Title](#1)", each its paper's title
    again, which no paper of the file would be), and the heading over them ("## 目录");
    and the numbers of the lines left out."""
    headings = {title_words(line.text): index for index, line in enumerate(lines)
                if line.heading and line.label is None and line.text}
    last = max(headings.values(), default=0)  # (no line after the last heading is contents)
    contents = [index for index, line in enumerate(lines[:last])
                if not line.heading and line.label is None and line.in_grammar
                and headings.get(title_words(line.text), -1) > index]
    if not contents:
        return lines, ()
    cut = {lines[index].number for index in contents}
    above = contents[0] - 1  # (the heading of the contents, "## 目录", "Contents")
    if above >= 0 and lines[above].heading:
        cut.add(lines[above].number)
    return [line for line in lines if line.number not in cut], tuple(sorted(cut))


def title_words(text: str) -> str:
    """A line's words as a table of contents and the heading it names both give them:
    without an entry's number, a link's marks and a bold's ("1. [**Title**](#1)")."""
    text = text[number.end():] if (number := ENTRY_NUMBER.match(text)) else text
    text = linked_title(unbold(text), 0)[0] if text.startswith(("[", "*", "_")) else text
    link = CONTENTS_LINK.fullmatch(text)
    return " ".join(unbold(link["text"] if link else text).casefold().split())


def with_title_pairs(lines: list[Line], secondary: frozenset[str]) -> list[Line] | None:
    """The lines with each line that holds a title and its translation (see
    `title_pair`) made two, the title's and the translation's; None where none does."""
    found, split = [], False
    for line in lines:
        # (no longer than two titles: an abstract's line is none, and its many spaces made
        # looking for a parting in every one a third of reading a digest)
        # (a labelled one too: "Title: Qwen3 Technical Report（Qwen3 技术报告）", its two
        # parts then both labelled title, told apart by their scripts)
        pair = (title_pair(line.text, secondary) if line.in_grammar
                and line.label in (None, "title") and len(line.text) <= 2 * TITLE_LENGTH_MAX
                else None)
        if pair is None:
            found.append(line)
            continue
        split = True
        found += [dataclasses.replace(line, text=pair[0], share=script_share(pair[0], secondary)),
                  dataclasses.replace(line, text=pair[1], share=script_share(pair[1], secondary),
                                      after_blank=False, heading=0)]
    return found if split else None


def read_entries(lines: list[Line], source: str, names: dict[bool, str]
                 ) -> tuple[list[Entry], list[Problem], set[int]]:
    """The entries of the lines, by their labels or by the grammar; the problems; the
    lines of links that belong to an abstract's text."""
    if is_labelled(lines):
        return read_labelled(lines, source, names)
    parser = best_parser(lines, source, names)
    if parser.problems and (headed := with_headed_abstracts(lines)) and is_labelled(headed):
        found = read_labelled(headed, source, names)
        if len(found[1]) < len(parser.problems):
            return found
    if parser.problems and (titled := with_title_labels(lines)) and is_labelled(titled):
        # (read so only where that has fewer problems: where both have some, the
        # grammar's name the line of the likelier cause)
        found = read_labelled(titled, source, names)
        if len(found[1]) < len(parser.problems):
            return found
    if parser.problems and (headed := with_headed_translations(lines)) and is_labelled(headed):
        found = read_labelled(headed, source, names)
        if len(found[1]) < len(parser.problems):
            return found
    return parser.entries, parser.problems, parser.wrapped_links


def with_dates(entries: list[Entry], lines: list[Line], source: str
               ) -> tuple[list[Entry], list[Problem]]:
    """The entries with the day of a line of a date among their own lines ("Published:
    2025-05-14" between a title and its abstract), else of the last line of a date before
    each; and a problem for each such line whose date names no day."""
    dated = [line for line in lines if line.day is not None]
    problems = [Problem(source, line.number, None, NOT_A_DAY,
                        expected="a date such as 2025-05-14", found=line.day,
                        hint="a line that holds only a date gives the day of the entries "
                             "after it")
                for line in dated if isinstance(line.day, str)]
    if not dated:
        return entries, problems
    starts = [entry.line for entry in entries]
    own: dict[int, dt.date | None] = {}
    before = []
    for line in dated:
        at = bisect.bisect(starts, line.number) - 1
        if at >= 0 and line.number < max((entries[at].lines or {}).values(), default=0):
            own[at] = line.day if isinstance(line.day, dt.date) else None
        else:
            before.append(line)
    numbers = [line.number for line in before]
    days = [line.day if isinstance(line.day, dt.date) else None for line in before]
    return [dataclasses.replace(entry, date=own[index]) if index in own
            else dataclasses.replace(entry, date=days[at - 1])
            if (at := bisect.bisect(numbers, entry.line)) else entry
            for index, entry in enumerate(entries)], problems


def without_numbers(entries: list[Entry]) -> list[Entry]:
    """The entries with their titles' numbers or bullets taken off ("1. ", "2) ", "【3】",
    "- "), when every title of the digest has one (a title such as "3D Gaussian
    Splatting" or "1.58-bit LLMs" has none), and likewise for the translated titles. A
    digest of one entry loses its number when it is 1 ("1. **Title**", a day's list of
    one paper), and its bullet ("- **Title**": no title starts so). Numbers without a
    space after their dot ("1.Title") are left out where they count the entries."""
    if not entries:
        return entries
    for index in (0, 1):
        titles = [entry.title[index] for entry in entries if entry.title[index] is not None]
        if len(titles) == len(entries) > 2 and all(
                re.match(rf"{number}[.．]\S", title) for number, title in enumerate(titles, 1)
        ) and 2 * sum(not title[len(str(number)) + 1].isdigit()
                      for number, title in enumerate(titles, 1)) > len(titles):
            # ("1.Title", "2.4Diffusion: …", as Chinese documents number without a space:
            # told from "1.58-bit LLMs" and "2.5D …" by the numbers that count three
            # entries or more, most of them before a letter)
            entries = [dataclasses.replace(entry, title=tuple(
                unbold(text[len(str(number)) + 1:]) if part == index else text
                for part, text in enumerate(entry.title)))
                for number, entry in enumerate(entries, 1)]
            continue
        if titles and all(ENTRY_NUMBER.match(title) for title in titles) and (
                len(entries) > 1 or FIRST_NUMBER.match(titles[0]) or BULLET.match(titles[0])):
            # (a title in bold after its number, "1. **Title**", loses its marks too)
            entries = [dataclasses.replace(entry, title=tuple(
                unbold(text[ENTRY_NUMBER.match(text).end():]) if part == index and text
                else text for part, text in enumerate(entry.title))) for entry in entries]
    return entries


def with_affiliations_in_place(entries: list[Entry], secondary: frozenset[str]
                               ) -> list[Entry]:
    """The entries with a title that names organisations and an affiliation in its
    language that names none exchanged: an affiliation written after the titles
    ("Title" / "标题" / "清华大学", "标题" / "Title" / "ByteDance Seed") read as the title
    of its language, the title as the affiliation."""
    def exchanged(entry: Entry) -> Entry:
        affiliation = entry.affiliation
        if affiliation is None or names_organisations(affiliation):
            return entry
        which = 1 if script_share(affiliation, secondary) >= SECONDARY_MIN else 0
        title = entry.title[which]
        # (an organisation's name is shorter than the title it was taken for)
        if title is None or not names_organisations(title) or len(title) >= len(affiliation):
            return entry
        part = ("title", "translated_title")[which]
        lines = dict(entry.lines or {})
        if part in lines and "affiliation" in lines:
            lines[part], lines["affiliation"] = lines["affiliation"], lines[part]
        titles = (affiliation, entry.title[1]) if which == 0 else (entry.title[0], affiliation)
        return dataclasses.replace(entry, title=titles, affiliation=title, lines=lines)

    return [exchanged(entry) for entry in entries]


# Quotation marks, opening and closing, that a digest may write a title between, and the
# brackets of a Chinese post's titles ("【Qwen3 Technical Report】", "《Qwen3 技术报告》"),
# which a title's own words never are around it whole.
TITLE_BRACKETS = {"【": "】", "《": "》"}
TITLE_QUOTES = {'"': '"', "“": "”", "「": "」", "『": "』", **TITLE_BRACKETS}


def unquoted(title: str) -> str | None:
    """A title between quotation marks as a whole, without them ("“Qwen3 技术报告”",
    "““少即是多”：长上下文推理”", the marks inside it matched); None for another."""
    closing = TITLE_QUOTES.get(title[:1])
    if closing is None or len(title) < 3 or title[-1] != closing:
        return None
    inside = title[1:-1]
    opening = title[0]
    matched = (inside.count(opening) % 2 == 0 if opening == closing
               else inside.count(opening) == inside.count(closing))
    return inside.strip() if matched and inside.strip() else None


def without_quotes(entries: list[Entry]) -> list[Entry]:
    """The entries with their titles' quotation marks taken off, where every title of a
    digest of two entries or more is quoted whole ("\"Qwen3 Technical Report\"",
    "“Qwen3 技术报告”"), and likewise for the translated titles: the digest's way of
    writing a title. (A title that quotes its own words keeps them: "\"Why Should I
    Trust You?\": Explaining …" is not quoted whole, and one digest's title alone is not
    told from a title that is a quotation; between brackets, "【…】", it is.)"""
    for index in (0, 1):
        titles = [entry.title[index] for entry in entries if entry.title[index] is not None]
        bracketed = bool(titles) and all(title[:1] in TITLE_BRACKETS for title in titles)
        if (len(titles) < 2 and not bracketed) or not all(map(unquoted, titles)):
            continue
        entries = [dataclasses.replace(entry, title=tuple(
            unquoted(text) if part == index and text else text
            for part, text in enumerate(entry.title))) for entry in entries]
    return entries


def with_title_ids(entries: list[Entry]) -> list[Entry]:
    """The entries whose title is a Markdown link ("[Qwen3 Technical Report](https://…)",
    as Markdown digests write it) with the link's text as the title and its address as a
    link, and whose title gives the paper's arXiv id ("[2505.09388] Qwen3 …", "Qwen3 …
    (arXiv:2505.09388)", as arXiv's listings and many digests write it) with the id
    taken off the title and given as a link."""
    found = []
    for entry in map(with_title_links, entries):
        match = entry.title[0] and TITLE_ARXIV_ID.fullmatch(entry.title[0])
        arxiv = match and (match["before"] or match["plain"] or match["after"]
                           or match["parted"])
        if not arxiv:
            found.append(entry)
            continue
        found.append(dataclasses.replace(
            entry, title=(match["title"], entry.title[1]),
            links=(*entry.links, Link(entry.line_of("title"), "arXiv", None, arxiv))))
    return found


# A day at the end of a title, in brackets or after a dash or a bar: "Qwen3 Technical
# Report (2025-05-11)", "… – 2025年5月11日" (none of the 561 real titles ends so).
TITLE_DAY = re.compile(r"(?P<title>.+?)\s*(?:[(（\[【]\s*(?P<day>[^()（）\[\]【】]+?)\s*[)）\]】]"
                       rf"|\s[-–—|｜]\s*(?P<after>{HEADING_DAY.pattern}))\s*")


# The conferences and journals that lists of papers tag a title with, "[ICLR 2025] …",
# "… (NeurIPS 2024 Oral)", "… [CVPR'24]": of machine learning, language, vision, speech,
# robotics and the web, by the names the lists write (each with its year; a name alone, or
# another in brackets, stays in the title).
VENUE_TAG = (rf"(?P<name>(?i:{'|'.join(re.escape(name) for name in VENUE_NAMES)}))"
             r"(?:\s+(?:Findings|Workshops?|Main))?[\s-]*'?(?P<year>(?:19|20)\d{2}|\d{2})"
             r"(?:\s+(?:Oral|Spotlight|Poster|Highlight|Findings|Workshops?|Main(?: Track)?))*")
TITLE_VENUE = re.compile(rf"[\[(（【]\s*(?P<before>{VENUE_TAG})\s*[\])）】]\s*(?P<rest>.+)"
                         rf"|(?P<title>.+?)\s*[\[(（【]\s*{VENUE_TAG.replace('?P<', '?P<a_')}"
                         r"\s*[\])）】]")


def with_title_venues(entries: list[Entry]) -> list[Entry]:
    """The entries whose title is tagged with where the paper was published, "[ICLR 2025]
    Title", "Title (NeurIPS 2024 Oral)" (see `VENUE_NAMES`): the tag taken off the title
    (and off the translated title, which may hold it too) and given as the paper's venue,
    its year as the year it was published, where the entry names neither."""
    found = []
    for entry in entries:
        match = entry.title[0] and TITLE_VENUE.fullmatch(entry.title[0])
        if not match:
            found.append(entry)
            continue
        title = unbold(match["rest"] or match["title"])
        tag = " ".join((match["before"] or entry.title[0][match.end("title"):]).strip(
            " \t[]()（）【】").split())
        year = int(match["year"] or match["a_year"])
        translated = entry.title[1] and TITLE_VENUE.fullmatch(entry.title[1])
        found.append(dataclasses.replace(
            entry, title=(title, (translated["rest"] or translated["title"]) if translated
                          else entry.title[1]),
            venue=entry.venue or tag, year=entry.year or (year + 2000 if year < 100 else year)))
    return found


def with_title_days(entries: list[Entry]) -> list[Entry]:
    """The entries whose title ends with a day ("Qwen3 Technical Report (2025-05-11)"),
    the day taken off the title and given as the entry's date."""
    found = []
    for entry in entries:
        match = entry.title[0] and TITLE_DAY.fullmatch(entry.title[0])
        day = match and HEADING_DAY.fullmatch(match["day"] or match["after"])
        if not day:
            found.append(entry)
            continue
        year, month, number = (int(part) for part in filter(None, day.groups()))
        date = calendar_day(year, month, number, "")
        found.append(dataclasses.replace(entry, title=(match["title"], entry.title[1]),
                                         date=date) if date else entry)
    return found


# The texts of links after a title, whose links were lost when the page was copied as
# text ("Title [PDF] [Code]", "标题 【论文】【代码】"): see `without_lost_links`.
LOST_LINKS = re.compile(r"(?:[\s|·/,]*[\[【][^\[\]【】]{1,20}[\]】])+[\s|·/,]*$")
LINK_TEXT = re.compile(r"[\[【]([^\[\]【】]{1,20})[\]】]")


def without_lost_links(title: str) -> str:
    """A title without the texts of links after it (see `LOST_LINKS`), where each names a
    kind of link (`LINK_TEXT_WORDS`); "… [v2]" keeps its brackets."""
    found = LOST_LINKS.search(title)
    if not found or not found.start() or not all(
            word.strip().lower() in LINK_TEXT_WORDS
            for word in LINK_TEXT.findall(found.group())):
        return title
    return title[:found.start()]


def with_title_links(entry: Entry) -> Entry:
    """`entry` with its titles that are Markdown links as their text, and their addresses
    as its links; without the texts of links that copying lost after them."""
    titles, links = list(entry.title), list(entry.links)
    for index, (title, part) in enumerate(zip(entry.title, ("title", "translated_title"),
                                              strict=True)):
        if title is not None:
            titles[index], link = linked_title(title, entry.line_of(part))
            titles[index] = without_lost_links(titles[index])
            links += [link] * bool(link)
    if titles == list(entry.title):
        return entry
    return dataclasses.replace(entry, title=(titles[0], titles[1]), links=tuple(links))


def with_links(entries: list[Entry], lines: list[Line], source: str
               ) -> tuple[list[Entry], list[Problem]]:
    """The entries with their lines of links (after the links their titles gave): each
    line's links go to the entry before it, or, when the file starts with a line of links,
    to the entry after it."""
    link_lines = [line for line in lines if line.links]
    if not link_lines:
        return entries, []
    # (a line of a date may hold an address too: then no line but those may be first)
    first = next((line for line in lines if line.day is None), None)
    lead = first is not None and first.links != ()
    starts = [entry.line for entry in entries]
    found: dict[int, list[Link]] = {}
    problems = []
    for line in link_lines:
        owner = entry_at(starts, line, lead)
        if owner is not None:
            found.setdefault(owner, []).extend(line.links)
        else:
            problems.append(Problem(
                source, line.number, None, "a line of links with no paper",
                expected=f"a paper's entry {'after' if lead else 'before'} it",
                found="none", hint="the links of a digest go with the entry before them, "
                                   "or, in a file that starts with links, after them"))
    return [dataclasses.replace(entry, links=(*entry.links, *found.get(index, ())))
            for index, entry in enumerate(entries)], problems


def entry_at(starts: list[int], line: Line, lead: bool) -> int | None:
    """The index of the entry that a line outside the grammar (links, authors) belongs to,
    given the first lines of the entries (`starts`, in the order of the file): the one it
    follows, or, when `lead` (the file starts with such a line), the one after it; None
    when there is none."""
    owner = bisect.bisect(starts, line.number) - (0 if lead else 1)
    return owner if 0 <= owner < len(starts) else None


def with_attached(entries: list[Entry], lines: list[Line], source: str
                  ) -> tuple[list[Entry], list[Problem]]:
    """The entries with their lines of authors, tags, keywords, notes and comments (see
    `ATTACHED_FIELDS`), which go with their entry as a line of links does: one line of
    authors, of tags and of keywords each at the most, any number of notes and
    comments."""
    attached = [line for line in lines if line.label in ATTACHED_FIELDS]
    if not attached:
        return entries, []
    lead = next(line for line in lines if line.day is None and not line.links
                ).label in ATTACHED_FIELDS
    starts = [entry.line for entry in entries]
    found: dict[tuple[int, str], Line] = {}
    repeated: dict[int, list[Line]] = {}
    restated: dict[int, tuple[int, ...]] = {}
    problems = []
    for line in attached:
        owner = entry_at(starts, line, lead)
        if owner is not None and line.label in REPEATED_FIELDS:
            repeated.setdefault(owner, []).append(line)
        elif (owner, line.label) in found and restates(line, found[owner, line.label], lines):
            # ("Authors: A, B" / "作者：A、B": a bilingual copy's translation of the line)
            restated[owner] = (*restated.get(owner, ()), line.number)
        elif owner is None or (owner, line.label) in found or not line.text:
            problems.append(attached_problem(line, owner, lead, source))
        else:
            found[owner, line.label] = line
    return [attached_to(entry, {kind: found[index, kind] for kind in ATTACHED_FIELDS
                                if (index, kind) in found}, repeated.get(index, ()),
                        restated.get(index, ()))
            for index, entry in enumerate(entries)], problems


def restates(line: Line, first: Line, lines: list[Line]) -> bool:
    """Whether a second line of a field (authors, tags …) is the entry's first again, as
    a bilingual copy puts a line's translation below it ("Authors: A, B" / "作者：A、B"):
    right after it (no other line between them), the same names, or its words in the
    other language."""
    if not line.text or any(first.number < other.number < line.number for other in lines):
        return False
    return (author_names(line.text) == author_names(first.text)
            or (line.share >= SECONDARY_MIN) != (first.share >= SECONDARY_MIN))


# How messages name the lines of `ATTACHED_FIELDS`, with an example of each.
ATTACHED_EXAMPLES = {"authors": ("authors", '"Authors: A, B and C"'),
                     "tags": ("tags", '"Tags: LLM, reasoning"'),
                     "keywords": ("keywords", '"Keywords: diffusion, video"'),
                     "venue": ("venue", '"Venue: ICLR 2025"'),
                     "note": ("notes", '"点评：…"'),
                     "comments": ("comments", '"Comments: 12 pages"'),
                     "other": ("counts or details", '"Upvotes: 128"'),
                     "readings": ("model readings", '"Motivation: …"'),
                     "translator": ("translator", '"Translator: Wang Fang"'),
                     "translation_model": ("translation model",
                                           '"Translation model: deepseek-chat"'),
                     "reviewed_by": ("reviewer", '"Reviewed by: Li Lei"')}


def attached_problem(line: Line, owner: int | None, lead: bool, source: str) -> Problem:
    """The problem of a line of authors, tags, keywords, notes or comments with no entry
    of its own: one before any entry (after the last, when they `lead`), a second line of
    authors, tags or keywords for an entry, or such a label with nothing after it."""
    kind, example = ATTACHED_EXAMPLES[line.label or ""]
    return Problem(source, line.number, None, f"a line of {kind} with no paper of its own",
                   expected=f"the {kind} of the entry {'after' if lead else 'before'} it"
                            + ", once" * (line.label not in REPEATED_FIELDS),
                   found=("no " + kind if not line.text else f"another line of {kind}"
                          if owner is not None else "no entry"),
                   hint=f"write a paper's {kind} ({example}) after its title"
                   if line.label in REPEATED_FIELDS else
                   f"give each paper one line of {kind} ({example}), after its title")


def attached_to(entry: Entry, lines: dict[str, Line], repeated: Sequence[Line],
                restated: tuple[int, ...] = ()) -> Entry:
    """`entry` with what its lines of authors, tags and keywords give, its note and its
    lines of comments. Beside a model's readings ("Motivation: …"), a note ("TL;DR: …")
    is the model's too, no editor's: left out with them; so are the `restated` lines (see
    `restates`)."""
    if not lines and not repeated:
        return entry
    if any(line.label == "readings" for line in repeated):
        repeated = [dataclasses.replace(line, label="readings") if line.label == "note"
                    else line for line in repeated]
    given = {kind: (author_names if kind == "authors" else tag_words)(line.text)
             for kind, line in lines.items() if kind not in (*PROVENANCE_FIELDS, "venue")}
    venue = published_venue(lines["venue"].text) if "venue" in lines else entry.venue
    numbers = {**(entry.lines or {}), **{kind: line.number for kind, line in lines.items()}}
    return dataclasses.replace(entry, authors=given.get("authors", entry.authors),
                               tags=given.get("tags", ()), keywords=given.get("keywords", ()),
                               note=note_of((line.text, line.share) for line in repeated
                                            if line.label == "note"),
                               left_out=tuple(sorted(
                                   (*restated, *(line.number for line in repeated
                                                 if line.label in LEFT_OUT_FIELDS)))),
                               lines=numbers, venue=venue,
                               provenance=tuple((kind, " ".join(line.text.split()))
                                                for kind, line in lines.items()
                                                if kind in PROVENANCE_FIELDS))


def note_of(parts: Iterable[tuple[str, float]]) -> tuple[str | None, str | None]:
    """The editor's note in each language from an entry's notes, each text with its share
    in the secondary language's script (`Line.share`): a text is in that language when
    most of it is ("点评：Qwen3 的思考预算"), and several in one language are its
    paragraphs."""
    texts = [(text, share >= PRIMARY_MAX) for text, share in parts if text]
    return tuple("\n\n".join(text for text, in_secondary in texts
                              if in_secondary == secondary) or None
                 for secondary in (False, True))  # type: ignore[return-value]


def with_author_lines(entries: list[Entry], lines: list[Line]) -> list[Entry]:
    """The entries whose affiliation, without a label, is a list of people's names (see
    `is_author_list`) with those names as their authors and no affiliation, unless a
    line of authors gives them; and so the entries whose abstract's first paragraph is
    such a list alone on its line, the names written under both titles ("Title" / "标题" /
    "An Yang, Anfeng Li, Jingren Zhou" / abstract: before, the abstract began with them).
    (Only those places are looked at: a line of an abstract wrapped may look like a list of
    names, "Trip Planning, Meeting Planning, and Calendar", but is no paragraph alone.)"""
    labelled = {line.number for line in lines if line.label}
    found = []
    for entry in entries:
        if (entry.affiliation and not entry.authors
                and entry.line_of("affiliation") not in labelled
                and is_author_list(entry.affiliation)):
            entry = dataclasses.replace(entry, authors=author_names(entry.affiliation),
                                        affiliation=None)
        first, _, rest = (entry.abstract[0] or "").partition("\n\n")
        if (rest and not entry.authors and "\n" not in first
                and entry.line_of("abstract") not in labelled and is_author_list(first)):
            entry = dataclasses.replace(entry, authors=author_names(first),
                                        abstract=(rest, entry.abstract[1]))
        found.append(entry)
    return found


def with_translators_named(entries: list[Entry], lines: list[Line]) -> list[Entry]:
    """The entries whose translated abstract's (or title's) label says a machine made it
    ("中文摘要（机翻）：", "摘要（DeepSeek 翻译）：", see `Line.translated_by`), with that
    as who translated them, unless their lines of provenance ("译者：…") say."""
    said = {line.number: line.translated_by for line in lines
            if line.translated_by is not None}
    found = []
    for entry in entries:
        numbers = entry.lines or {}
        model = next((said[numbers[part]] for part in ("translated_abstract", "translated_title")
                      if numbers.get(part) in said), None)
        if model is None or any(kind in ("translator", "translation_model")
                                for kind, _ in entry.provenance):
            found.append(entry)
            continue
        named = (("translator", MACHINE),) + ((("translation_model", model),) if model else ())
        found.append(dataclasses.replace(entry, provenance=entry.provenance + named))
    return found


def tag_words(text: str) -> tuple[str, ...]:
    """"LLM, reasoning", "大模型、推理", "#LLM #RL" as words."""
    return tuple(word for word in (part.strip() for part in TAG_SEPARATOR.split(text))
                 if word)


# -- digests whose every line is labelled --------------------------------------------------


def is_labelled(lines: list[Line]) -> bool:
    """Whether the lines of the entries (not of links or dates) are all labelled, or carry
    on an abstract, or the text of a label alone on its line; and the labels name titles
    and abstracts."""
    kinds, current = set(), None
    for line in lines:
        if line.links or line.day is not None:
            continue
        if line.label is not None:
            kinds.add(line.label)
            current = line
        elif current is None or current.label in ATTACHED_FIELDS or not (
                current.label == "abstract" or not current.text):
            return False
    return {"title", "abstract"} <= kinds


def with_title_labels(lines: list[Line]) -> list[Line] | None:
    """The lines with each line without a label that heads labelled lines labelled a
    title, as Chinese digests of arXiv write an entry ("【1】 Title" above "标题：…",
    "链接：…", "摘要：…"), and so a translation of it on the next line ("📌 Title" /
    "🏷️ 标题" / "👥 作者：…"); None where no line does. Such a line starts the file,
    follows a blank line, or has an entry's number, and the line after it (or after its
    translation) has a label or links: no line that carries on an abstract does all
    that."""
    found, titled = list(lines), False
    for index, line in enumerate(lines):
        if not (is_unlabelled_text(line)
                and (index == 0 or line.after_blank or ENTRY_NUMBER.match(line.text))):
            continue
        translated = index + 1 < len(lines) and (
            is_unlabelled_text(following := lines[index + 1])
            and not following.after_blank and could_pair(line, following))
        after = index + 1 + translated
        if after < len(lines) and (lines[after].label is not None or lines[after].links):
            for at in range(index, after):
                found[at] = dataclasses.replace(lines[at], label="title")
            titled = True
    return found if titled else None


def with_headed_translations(lines: list[Line]) -> list[Line] | None:
    """The lines with each Markdown heading labelled a title, and the first of the lines
    under it without a label a translated abstract, where they all are in the secondary
    language alone and the first is prose, no translated title (the rest carry it on): a
    day of arXiv that a script posts with a model's translations ("## Title" / "-
    **Authors**: …" / "- **arXiv**: […](…)" / "译文……", as a Jekyll post of "arXiv Daily"
    writes it), or a digest written in the secondary language alone ("## 1. 大模型真的会推理
    吗？" / "论文链接：https://arxiv.org/abs/…" / "在本工作中……", as Chinese posts of the
    daily papers give them), which goes into the papers that another input gives. None
    where no heading heads such lines. A line of a title over its line of links heads them
    as a heading does (the same post copied as plain text, its headings lost: "1. 大模型
    真的会推理吗？" / "论文链接：https://…" / "在本工作中……")."""
    def holds_translation(head: int, text: list[int], end: int) -> bool:
        # (under a heading in the secondary language, its lines may hold the primary's
        # terms, "我们提出 Absolute Zero 范式", as a line in either language would)
        translated_heading = lines[head].can_be(True)
        return is_prose(lines[text[0]].text) and all(
            lines[index].can_be(True) and (translated_heading or not lines[index].can_be(False))
            for index in text)

    heads = [index for index, line in enumerate(lines)
             if line.heading or heads_links(lines, index)]
    return with_headed_texts(lines, heads, holds_translation)


# The labels of a paper's texts.
TEXT_LABELS = ("title", "abstract")


def with_headed_abstracts(lines: list[Line]) -> list[Line] | None:
    """The lines with each Markdown heading in the primary language labelled a title, and
    the prose right under it, in the primary language alone, its abstract, where labelled
    lines follow them before the next heading: a note of one paper, as a note-taking app
    keeps it ("# Qwen3 Technical Report" / "In this work …" / "## 中文标题" / "Qwen3 技术报告" /
    "## 摘要" / "在本工作中……"). Before, the abstract was read as the title of a
    translation alone. A heading with nothing under it ("## 研究内容", a template's part
    left empty) is then no paper's text. None where no heading heads such lines."""
    def holds_abstract(head: int, text: list[int], end: int) -> bool:
        # (the prose first under the heading, after its lines of authors or links perhaps)
        return (not lines[head].can_be(True)
                and not any(line.label in TEXT_LABELS for line in lines[head + 1:text[0]])
                and is_prose(lines[text[0]].text) and not lines[text[0]].can_be(True)
                and any(line.label in TEXT_LABELS for line in lines[text[0] + 1:end]))

    heads = [index for index, line in enumerate(lines) if line.heading]
    found = with_headed_texts(lines, heads, holds_abstract)
    if found is None:
        return None
    empty = [head for head, end in itertools.pairwise([*heads, len(lines)])
             if end == head + 1 and is_unlabelled_text(lines[head])]
    for head in empty:
        found[head] = dataclasses.replace(lines[head], label="other", heading=0)
    return found


def with_headed_texts(lines: list[Line], heads: list[int],
                      holds: Callable[[int, list[int], int], bool]) -> list[Line] | None:
    """The lines with each of the `heads` labelled a title and the first line without a
    label under it an abstract, where the head is such a line too and `holds` (given the
    head, the lines without a label under it and the next head) says its part is a
    paper's; None where none is."""
    found, headed = list(lines), False
    for head, end in itertools.pairwise([*heads, len(lines)]):
        text = [index for index in range(head + 1, end) if is_unlabelled_text(lines[index])]
        if not (is_unlabelled_text(lines[head]) and text and holds(head, text, end)):
            continue
        found[head] = dataclasses.replace(lines[head], label="title", heading=0)
        found[text[0]] = dataclasses.replace(lines[text[0]], label="abstract")
        headed = True
    return found if headed else None


def heads_links(lines: list[Line], index: int) -> bool:
    """Whether a line is a title over a line of links: unlabelled, and first in the file,
    after a blank line or with an entry's number."""
    line = lines[index]
    return (index + 1 < len(lines) and bool(lines[index + 1].links)
            and is_unlabelled_text(line)
            and (index == 0 or line.after_blank or bool(ENTRY_NUMBER.match(line.text))))


def is_unlabelled_text(line: Line) -> bool:
    return line.in_grammar and line.label is None


@dataclass
class LabelledField:
    kind: str
    """title, abstract or affiliation."""
    label_line: int
    lines: list[Line]


def read_labelled(lines: list[Line], source: str, names: dict[bool, str]
                  ) -> tuple[list[Entry], list[Problem], set[int]]:
    """The entries of a digest whose every line is labelled (see `is_labelled`), grouped
    by `starts_entry`; the problems; the lines of links that an abstract wraps to (see
    `_Parser.with_wrapped_links`)."""
    groups: list[dict[str, list[LabelledField]]] = []
    current = None
    wrapped_links = set()
    for at, line in enumerate(lines):
        if (line.links and current and current.kind == "abstract" and current.lines
                and current.lines[-1].number + 1 == line.number
                and wraps_to(current.lines[-1], line)):
            current.lines.append(line)
            wrapped_links.add(line.number)
            continue
        if line.links or line.day is not None or line.label in ATTACHED_FIELDS:
            continue  # (they go as lines of links do: see with_attached)
        if line.label is None and current is not None:
            current.lines.append(line)
            continue
        current = LabelledField(line.label, line.number, [line] if line.text else [])
        # (a label alone on its line, "## 中文标题", is judged by the text under it)
        title = line if line.text or at + 1 == len(lines) else lines[at + 1]
        if not groups or line.label == "title" and starts_entry(groups[-1], title):
            groups.append({})
        groups[-1].setdefault(line.label, []).append(current)
    entries, problems = [], []
    for group in groups:
        for field in group.get("abstract", []):
            wrapped_links -= links_after_translation(field)
        entry, problem = labelled_entry(group, source, names)
        entries += [entry] if entry else []
        problems += [problem] if problem else []
    return entries, problems, wrapped_links


def links_after_translation(field: LabelledField) -> set[int]:
    """The lines of links after the last line of a translated abstract, which its text
    does not go on in (its sentence unended, "……解决它们"), taken off it: they are the
    entry's, as `_Parser.with_wrapped_links` reads them."""
    text = [line for line in field.lines if not line.links]
    if not text or any(line.can_be(False) for line in text):
        return set()
    taken = set()
    while field.lines[-1].links:
        taken.add(field.lines.pop().number)
    return taken


def starts_entry(group: dict[str, list[LabelledField]], title: Line) -> bool:
    """Whether a title starts a new entry after `group`: after two titles, or after an
    abstract and a title that cannot be the translation of this one, or this one of it
    (a translated title may come after the abstracts; an entry awaiting its translation
    has one title and one abstract)."""
    titles = group.get("title", [])
    if len(titles) > 1:
        return True
    if not group.get("abstract"):
        return False
    return not any(could_pair(field.lines[0], title) for field in titles if field.lines)


def could_pair(one: Line, other: Line) -> bool:
    """Whether one line can be in the primary language and the other in the secondary."""
    return (one.can_be(False) and other.can_be(True)) or (other.can_be(False)
                                                          and one.can_be(True))


def labelled_entry(group: dict[str, list[LabelledField]], source: str,
                   names: dict[bool, str]) -> tuple[Entry | None, Problem | None]:
    """The entry of one group of labelled fields, or the problem that keeps it from being
    one: a title and an abstract in each language, or in the primary language only (a
    paper awaiting its translation), an affiliation perhaps."""
    first = min(field.label_line for fields in group.values() for field in fields)
    alone = next((field for fields in group.values() for field in fields if not field.lines),
                 None)
    if alone:
        return None, Problem(source, alone.label_line, None, f"the {alone.kind} label alone",
                             expected=f"the {alone.kind} after the label, or on the lines "
                                      "after it", found="nothing",
                             hint="write the text after the label")
    titles, abstracts = group.get("title", []), group.get("abstract", [])
    translation_only = is_translation_only(titles, abstracts)
    awaiting = len(titles) == len(abstracts) == 1 and not translation_only
    parts: dict[str, list[Line]] = {}
    # (a translation's one title: its own, or the paper's, "### [1] [Title](…)" over "##
    # 摘要翻译:"; its own where it can be in the secondary language, "## 2. GAN 已死；GAN
    # 万岁！", which no title in the primary language's script is)
    one_title = (TRANSLATED_TITLE,) if titles and titles[0].lines and all(
        fits(line, TRANSLATED_TITLE) for line in titles[0].lines) else (TITLE,)
    for kind, fields, roles in (
            ("title", titles, one_title if translation_only and len(titles) == 1
             else (TITLE, TRANSLATED_TITLE)),
            ("abstract", abstracts, (TRANSLATED_ABSTRACT,) if translation_only
             else (ABSTRACT, TRANSLATED_ABSTRACT))):
        if len(fields) not in (1, 2) or len(fields) == 1 and not (awaiting or translation_only):
            return None, labelled_count_problem(kind, fields, first, source, names)
        # of two, the one more in the secondary language's script is the translation
        ordered = sorted(fields, key=lambda field: sum(line.share for line in field.lines)
                         / len(field.lines))
        for role, field in zip(roles, ordered, strict=False):
            wrong = next((line for line in field.lines if not fits(line, role)), None)
            if wrong:
                return None, Problem(source, wrong.number, None, f"expected the {role.name}",
                                     expected=f"a line in {names[bool(role.secondary)]}",
                                     found=f"a line in {names[not role.secondary]} "
                                           f"{wrong.text[:50]!r}",
                                     hint=f"is the {role.name} missing, or a label wrong?")
            parts[role.key] = field.lines
    affiliations = group.get("affiliation", [])
    if len(affiliations) > 1:
        return None, Problem(source, affiliations[1].label_line, None,
                             "a second affiliation in one entry", expected="one",
                             found="two", hint="write an entry's affiliations on one line")
    affiliation = " ".join(line.text for line in affiliations[0].lines) if affiliations else None
    return Entry(first,
                 tuple(" ".join(line.text for line in parts[key]) if key in parts else None
                       for key in ("title", "translated_title")),
                 tuple(abstract_text(parts[key]) if key in parts else None
                       for key in ("abstract", "translated_abstract")),
                 affiliation or None,
                 {key: lines[0].number for key, lines in parts.items()}), None


def is_translation_only(titles: list[LabelledField], abstracts: list[LabelledField]) -> bool:
    """Whether an entry gives its abstract in the secondary language only, and its title in
    both languages or in one, as digests written for readers of that language do ("### 1.
    STEPQuant：…" / "**原文标题：** STEPQuant: …" / "**摘要：** 线性注意力…"; "## 1.
    AlignSAE：概念对齐稀疏自编码器" / "**原文链接**: http://arxiv.org/abs/…" / "**摘要**:" /
    "大型语言模型…"; "### [1] [Title](https://arxiv.org/abs/…)" / "## 摘要翻译:" / "本文…", as
    daily-arXiv-ai-enhanced wrote them): the translation of a paper whose own text comes
    from elsewhere (see `bitext.importer`)."""
    return (len(abstracts) == 1
            and in_secondary_only(abstracts[0], TRANSLATED_ABSTRACT, ABSTRACT)
            and len(titles) in (1, 2))


def in_secondary_only(field: LabelledField, role: Role, primary: Role) -> bool:
    """Whether a field's lines are in the secondary language (its `role`), not the primary."""
    return bool(field.lines) and all(fits(line, role) and not fits(line, primary)
                                     for line in field.lines)


def labelled_count_problem(kind: str, fields: list[LabelledField], first: int, source: str,
                           names: dict[bool, str]) -> Problem:
    """The problem of an entry with no field of a kind, or three, or a translated title
    without a translated abstract (or the other way round)."""
    if len(fields) > 2:
        return Problem(source, fields[2].label_line, None, f"a third {kind} in one entry",
                       expected=f"a {kind} in {names[False]} and one in {names[True]}",
                       found="3", hint="is a label wrong, or the next entry's title missing?")
    at = max([field.label_line for field in fields] or [first])
    return Problem(source, at, None, f"expected the {kind}s",
                   expected=f"a {kind} in {names[False]} and one in {names[True]}, or in "
                            f"{names[False]} only for a paper awaiting its translation",
                   found=f"{len(fields)}", hint="each entry of a labelled digest has its "
                                                "title and abstract in both languages, or "
                                                "in the first one only")


# -- digests read by the grammar -------------------------------------------------------------


def best_parser(lines: list[Line], source: str, names: dict[bool, str]) -> _Parser:
    """The entries of the file's `lines` (all of them, links and dates too) with abstracts
    of one line and translated, unless the file reads whole only with entries awaiting
    their translation or abstracts of several lines (or both); else with abstracts of
    several lines when they read it with fewer problems and half its entries or more do
    not read with abstracts of one line. (A file of one-line abstracts that lacks a line
    here and there may read with fewer problems too, but wrongly: a title taken into the
    abstract before it, and that abstract then read as the next title, longer than any
    title.) A reading of entries awaiting their translation whose sentences run on (see
    `sentences_run_on`) is taken only where no other reads whole, with those problems;
    in a file of paragraphs, it or the reading of paragraphs, whichever has fewer."""
    one_line = _Parser(lines, source, names)
    if not one_line.problems:
        long_head = next((entry for entry in one_line.entries if not has_short_heads(entry)),
                         None)
        if long_head is None:
            return one_line
        one_line.problems.append(long_head_problem(long_head, source))
    several = run_on = paragraphs = None
    grammar = [line for line in lines if line.in_grammar]
    # (without a translation or blank lines between entries, a wrapped line that starts a
    # sentence may have a title's shape, and a title a wrapped line's: read with abstracts
    # of several lines, 13 of 199 pairs of real papers wrapped at 76 characters read
    # wrongly, without a problem; see `paragraph_entries`)
    unparted = without_translations(grammar) and not blanks_part_entries(grammar)
    for several_lines, untranslated in ((False, True), (True, False), (True, True)):
        if several_lines and unparted:
            continue
        parser = _Parser(lines, source, names, several_lines, untranslated)
        if not all(map(has_short_heads, parser.entries)):
            continue  # (an abstract read as a title: a wrong reading)
        ran_on = sentences_run_on(parser.entries, source)
        if parser.paragraph_entries:
            parser.problems += ran_on
            paragraphs = parser
        elif ran_on and not parser.problems:
            # (wrapped lines read as a title and an abstract each, in a file without
            # translations: abstracts of several lines may read it, else it is prose)
            parser.problems += ran_on
            run_on = run_on or parser
            continue
        if not parser.problems:
            return in_blocks_if_better(parser, lines, source, names)
        if several_lines and not untranslated:
            several = parser
    # (a file of paragraphs with a line of its own before them read whole only as lines
    # that run sentences on, with a problem for each wrapped line and none for that line)
    if found := min(filter(None, (paragraphs, run_on)), default=None,
                    key=lambda parser: len(parser.problems)):
        return found
    # (a whole reading with the translation first beats a reading with problems: a
    # digest of two entries so, read as several lines, had one problem fewer)
    if swapped := swapped_parser(lines, source, names):
        return swapped
    if blocks := next(filter(None, (blocks_parser(lines, source, names, several_lines, order)
                                    for order in (BLOCKS, SWAPPED_BLOCKS)
                                    for several_lines in (False, True))), None):
        return blocks
    if several and (len(several.problems) < len(one_line.problems)
                    and len(one_line.problems) >= len(one_line.entries)):
        return several
    return one_line


def in_blocks_if_better(found: _Parser, lines: list[Line], source: str,
                        names: dict[bool, str]) -> _Parser:
    """`found` (a whole reading, of entries awaiting their translation or of abstracts of
    several lines), or the whole reading of each language's lines together (`BLOCKS`)
    where its lines fit it better. ("Title" / "阿里" / abstract / "标题" / 摘要 reads whole
    as a title pair and a translated abstract of two paragraphs, the first of them the
    translated title, at a higher cost.)"""
    for several_lines in (False, True):
        blocks = blocks_parser(lines, source, names, several_lines)
        if blocks is None:
            continue
        if blocks.total < found.total:
            return blocks
        entry = next((entry for entry, other in zip(found.entries, blocks.entries,
                                                    strict=False) if entry != other), None)
        if blocks.total == found.total and entry:  # (the lines cannot tell: labels can)
            found.problems.append(Problem(
                source, entry.line_of("translated_title"), None,
                "a translated title or an affiliation",
                expected="a line that only one of them can be",
                found=f"a line that can be either, {entry.title[1]!r}",
                hint="label it, \"标题：…\" or \"机构：…\" (or \"Affiliation: …\")"))
            break
    return found


def blocks_parser(lines: list[Line], source: str, names: dict[bool, str],
                  several_lines: bool, order: Order = BLOCKS) -> _Parser | None:
    """The whole reading in `BLOCKS` (or `SWAPPED_BLOCKS`), or None. One entry alone reads
    so only where its abstract is prose: "Title" / "Google DeepMind" / "标题" / 摘要, its
    abstract missing, would read whole too."""
    parser = _Parser(lines, source, names, several_lines, order=order, whole_only=True)
    if parser.problems or not all(map(has_short_heads, parser.entries)):
        return None
    if len(parser.entries) == 1 and not is_prose(parser.entries[0].abstract[0]):
        return None
    return parser


def without_translations(lines: list[Line]) -> bool:
    """Whether none of the lines can be in the secondary language: a digest whose entries
    all await their translation."""
    return not any(line.can_be(True) for line in lines)


def has_short_heads(entry: Entry) -> bool:
    """Whether an entry's titles and affiliation are no longer than a title can be (an
    abstract read as one makes a wrong reading: two entries of "Title | 标题" lines read
    as one, its affiliation the first English abstract, with no problem), unless the
    affiliation is a list of names (see `with_author_lines`)."""
    return all(len(text or "") <= TITLE_LENGTH_MAX for text in entry.title) and (
        len(entry.affiliation or "") <= TITLE_LENGTH_MAX or is_author_list(entry.affiliation))


def long_head_problem(entry: Entry, source: str) -> Problem:
    """The problem of an entry whose title, translated title or affiliation is longer than
    a title can be."""
    part, text = next((part, text) for part, text in (("title", entry.title[0]),
                                                      ("translated_title", entry.title[1]),
                                                      ("affiliation", entry.affiliation))
                      if len(text or "") > TITLE_LENGTH_MAX)
    return Problem(source, entry.line_of(part), None,
                   f"a line too long for {'an' if part == 'affiliation' else 'a'} "
                   f"{part.replace('_', ' ')}",
                   expected=f"at most {TITLE_LENGTH_MAX} characters",
                   found=f"{len(text)} characters",
                   hint="is it an abstract out of its place, or a line missing above it?")


def swapped_parser(lines: list[Line], source: str, names: dict[bool, str]) -> _Parser | None:
    """The entries of a file that reads whole with the translation's title or abstract
    first (`SWAPPED_ORDERS`), with abstracts of one line or of several, in two entries or
    more, or in one whose translated title comes first; None if it does not. (One entry
    alone with its title first may read so by mistake: "Title / 阿里 / 标题 / Abstract",
    its translated abstract missing, reads whole as title, translated title, translated
    abstract, abstract. Only orders whose first title the file's first line can be are
    tried.)"""
    first = next((line for line in lines if line.in_grammar), None)
    if first is None:
        return None
    for order in SWAPPED_ORDERS:
        if not fits(first, order.heads[0][0]):
            continue
        for several_lines in (False, True):
            parser = _Parser(lines, source, names, several_lines, order=order,
                             whole_only=True)
            if (not parser.problems and (len(parser.entries) > 1 or order.titles_swapped)
                    and all(map(has_short_heads, parser.entries))):
                return parser
    return None


@dataclass(frozen=True)
class LineShapes:
    """Of a parser's lines as lines of an abstract of several lines, in either role."""

    blanks: list[int]
    """The running sum (at `i`, of the lines before line `i`) of those after a blank line
    that parts entries."""
    breaks: list[int]
    """The running sum of those that do not carry on the line before (see `carries_on`)."""
    narrow_starts: list[bool]
    """By line, whether it does not fill its width as an abstract's first line does (see
    `fills_its_width`)."""
    open_ends: list[bool]
    """By line, whether it does not end as an abstract's last line does."""


@dataclass(frozen=True)
class RoleSums:
    """Of a parser's lines as lines of an abstract in one role, the running sums of those
    that cannot be in it and of those that may be in the other language."""

    misfits: list[int]
    other_language: list[int]


def running_sum(values: Iterable[bool]) -> list[int]:
    """0, then the sum of the first value, of the first two, and so on."""
    return [0, *itertools.accumulate(values)]


class _Parser:
    """Splits the lines into entries (see the module's docstring): the split that fits the
    languages with the least cost, found by dynamic programming from each starting point;
    where no split reaches the end, the problem is reported and parsing goes on."""

    def __init__(self, all_lines: list[Line], source: str, names: dict[bool, str],
                 several_lines: bool = False, untranslated: bool = False,
                 order: Order = PRIMARY_FIRST, whole_only: bool = False):
        lines = [line for line in all_lines if line.in_grammar]
        self.lines, self.source, self.names = lines, source, names
        self.several_lines = several_lines
        self.order = order
        # (an affiliation after the titles is there only by its label: where no line has
        # one, that shape is not tried, which took 8 % of parsing a digest)
        labelled = any(line.label == "affiliation" for line in lines)
        self.heads = order.heads if labelled else order.heads[:2]
        self.untranslated = untranslated
        """Whether an entry may lack its translation (title and abstract in the primary
        language only: a paper awaiting its translation)."""
        self.untranslated_cost = 0 if without_translations(lines) else UNTRANSLATED_COST
        self.blanks_part = blanks_part_entries(lines)
        # In a file without translations whose blank lines part entries, an entry with
        # abstracts of several lines is a paragraph: it starts after a blank line and
        # holds none. Else a line after a sentence's end inside a wrapped abstract would
        # start one, as titles there have no language of their own, and a title over a
        # poem, across a blank line, read as a paper. (With one-line abstracts, blank
        # lines may part days only.)
        self.paragraph_entries = (several_lines and self.blanks_part
                                  and not self.untranslated_cost)
        # A wrapped abstract's addresses may fall on a line of their own ("… is available
        # at: https://…"): the lines of links, by number.
        self.link_lines = {line.number: line for line in all_lines if line.links}
        # An abstract does not go on past a note: the line after one is another part.
        self.note_lines = [line.number for line in all_lines if line.label == "note"]
        self.sums: dict[Role, RoleSums] = {}
        self.line_costs: dict[tuple[int, Role, bool], int | None] = {}
        self.lengths: dict[tuple[int, Role], list[int]] = {}
        """`abstract_lengths` by line and role, as each head of an entry asks for them."""
        self.wrapped_links: set[int] = set()
        """The numbers of the lines of links that turned out to be a part of an abstract."""
        self.entries: list[Entry] = []
        self.problems: list[Problem] = []
        self.total = 0
        """How badly the lines fit the entries found (see `cost`)."""
        start = 0
        while start < len(lines):
            reached, path, cost = self.best_split(start)
            self.entries += [self.make_entry(at, reading) for at, reading in path]
            self.total += cost
            if reached == len(lines):
                break
            if whole_only:  # (a reading of the whole file was asked for: this is none)
                self.problems.append(Problem(source, lines[reached].number, None,
                                             "no reading of the whole file"))
                break
            taken_in = self.title_taken_in(path[-1]) if path and self.several_lines else None
            self.problems.append(taken_in or self.explain(reached))
            start = self.next_start(reached)

    def cost(self, at: int, reading: tuple[Role, ...]) -> int | None:
        """None when the lines from `at` cannot be read so by their languages; else how
        badly their shapes and blank lines fit it. (Each role of a reading takes one run
        of its lines; an abstract's run of several lines is costed in constant time, from
        sums over the lines before it, as the parser of several lines tries every length
        of every abstract.)"""
        if at + len(reading) > len(self.lines):
            return None
        if not self.may_start(at):
            return None
        cost = 0 if TRANSLATED_TITLE in reading else self.untranslated_cost
        offset = 0
        while offset < len(reading):
            role = reading[offset]
            count = reading.count(role)  # (its run: no role comes twice in a reading)
            run = (self.line_cost(at + offset, role, first=not offset) if count == 1
                   else self.run_cost(at + offset, count, role))
            if run is None:
                return None
            cost += run
            offset += count
        return cost

    def may_start(self, at: int) -> bool:
        """Whether an entry may start at `at` (see `paragraph_entries`)."""
        line = self.lines[at]
        return not self.paragraph_entries or not at or line.after_blank or bool(line.heading)

    def line_cost(self, index: int, role: Role, first: bool) -> int | None:
        """The cost of the line at `index` in `role`, alone in it (None: it cannot be)."""
        key = index, role, first
        if key not in self.line_costs:
            self.line_costs[key] = self.uncached_line_cost(self.lines[index], role, first)
        return self.line_costs[key]

    def uncached_line_cost(self, line: Line, role: Role, first: bool) -> int | None:
        if not fits(line, role):
            return None
        cost = 0
        if not first and line.after_blank and self.blanks_part:
            if self.paragraph_entries:
                return None
            if not self.order.blocks:
                cost += 2  # an entry across the blank lines that part entries
            elif role is not self.order.second_title:
                return None  # (in blocks, a blank line parts the languages only)
        # (an entry's number is no sentence's end: "158. WPO: Enhancing RLHF …")
        text = line.text[number.end():] if (number := ENTRY_NUMBER.match(line.text)) else line.text
        return cost + (is_prose(text) != role.prose) + (not role.prose and not is_name(text))

    def run_cost(self, start: int, count: int, role: Role) -> int | None:
        """The cost of the `count` lines from `start` (not an entry's first line) as an
        abstract in `role` (None: they cannot be one). A wrapped line has no shape, but
        the first should be as wide as a first line, each should carry on the one before
        and the last end as an abstract ends; and each that may be in the other language
        costs one (it may be a translated title)."""
        sums, shapes = self.role_sums(role), self.shapes
        end = start + count
        if sums.misfits[end] - sums.misfits[start]:
            return None
        blanks = shapes.blanks[end] - shapes.blanks[start]
        if blanks and (self.order.blocks or self.paragraph_entries):
            return None  # (it parts the languages only, or the entries only)
        return (2 * blanks + shapes.narrow_starts[start] + shapes.open_ends[end - 1]
                + shapes.breaks[end] - shapes.breaks[start + 1]
                + sums.other_language[end] - sums.other_language[start])

    @functools.cached_property
    def shapes(self) -> LineShapes:
        lines = self.lines
        return LineShapes(
            blanks=running_sum(line.after_blank and self.blanks_part for line in lines),
            breaks=running_sum(index > 0 and not self.carries_on(lines[index - 1], line)
                               for index, line in enumerate(lines)),
            narrow_starts=[not fills_its_width(line, following)
                           for line, following in itertools.pairwise(lines)],
            open_ends=[not self.ends_as_abstracts_end(line) for line in lines])

    def role_sums(self, role: Role) -> RoleSums:
        if role not in self.sums:
            self.sums[role] = RoleSums(
                misfits=running_sum(not fits(line, role) for line in self.lines),
                other_language=running_sum(line.can_be(not role.secondary)
                                           for line in self.lines))
        return self.sums[role]

    def ends_as_abstracts_end(self, line: Line) -> bool:
        """Whether the last line of an abstract of several lines ends as abstracts do: with
        a sentence or an address, or wrapped to a line of links."""
        return bool(SENTENCE_END.search(line.text) or ENDS_WITH_ADDRESS.search(line.text)
                    or line.number + 1 in self.link_lines)

    def readings(self, at: int, longest: bool = False) -> list[tuple[Role, ...]]:
        """The shapes an entry at `at` can take: its titles (`Order.heads`), then its
        abstracts, of one line each, or with abstracts of several lines, as many as the
        languages and shapes of the lines allow (`longest`: the first abstract as long as
        it can be, the second of one line, to explain a failure)."""
        if not longest and not self.may_start(at):
            return []
        heads = self.heads + (UNTRANSLATED_HEADS if self.untranslated else ())
        found = []
        for head in heads:
            if not longest and not all(fits(line, role) for line, role in zip(
                    self.lines[at:at + len(head)], head, strict=False)):
                continue  # (no entry: `cost` would refuse each of its readings)
            middle: tuple[Role, ...] = ()  # (what comes between the abstracts)
            if self.order.blocks:  # (never with `untranslated`: see `swapped_parser`)
                (first, second), middle = self.order.abstracts, (self.order.second_title,)
            elif TRANSLATED_TITLE in head:
                first, second = self.order.abstracts
            else:
                first, second = ABSTRACT, None
            after = middle + ((second,) if second else ())
            if not self.several_lines:
                found.append(head + (first,) + after)
                continue
            start = at + len(head)
            first_lines = self.abstract_lengths(start, first)
            if longest:
                found.append(head + (first,) * max(first_lines, default=1) + after)
                continue
            for lines in first_lines:
                found += [head + (first,) * lines + middle + (second,) * count for count in (
                    self.abstract_lengths(start + lines + len(middle), second) if second
                    else [0])]
        return found

    def abstract_lengths(self, at: int, role: Role) -> list[int]:
        """How many lines from `at` an abstract in `role` can take: lines in its language
        (in a file of paragraphs, up to a blank line), the last of which ends it as an
        abstract ends (an abstract that ends with a sentence and then a title is the
        abstract, then the next entry's title)."""
        if (at, role) not in self.lengths:
            end = at
            while (end < len(self.lines) and end - at < ABSTRACT_LINES_MAX
                   and fits(self.lines[end], role)
                   and not (self.paragraph_entries and self.lines[end].after_blank)):
                end += 1
            breaks = self.shapes.breaks  # (line i breaks: breaks[i + 1] > breaks[i])
            self.lengths[at, role] = [length for length in range(1, end - at + 1)
                                      if length == 1 or breaks[at + length] == breaks[
                                          at + length - 1]]
        return self.lengths[at, role]

    def carries_on(self, previous: Line, line: Line) -> bool:
        """Whether `line` has the shape of one that carries on the abstract of `previous`:
        no note comes between them, and it goes on from it (or from the line of links that
        `previous` wraps to), or wraps to a line of links itself (see
        `with_wrapped_links`)."""
        if self.note_lines and bisect.bisect(self.note_lines, previous.number) != bisect.bisect(
                self.note_lines, line.number):
            return False
        wrapped_to = self.link_lines.get(previous.number + 1)
        if wraps_to(previous, wrapped_to):
            previous = wrapped_to
        return goes_on(previous, line) or wraps_to(line, self.link_lines.get(line.number + 1))

    def best_split(self, start: int) -> tuple[int, list[tuple[int, tuple[Role, ...]]], int]:
        """The furthest line that entries from `start` can reach, the entries of the
        cheapest way to get there (ties: fewer affiliations), and its cost."""
        best: dict[int, tuple[int, int, tuple[Role, ...] | None]] = {start: (0, start, None)}
        reached = start
        for at in range(start, len(self.lines)):
            if at > reached:
                break  # (no entry reaches further: a file that breaks often stays linear)
            if at not in best:
                continue
            for reading in self.readings(at):
                cost = self.cost(at, reading)
                end = at + len(reading)
                if cost is not None and (end not in best or best[at][0] + cost < best[end][0]):
                    best[end] = (best[at][0] + cost, at, reading)
                    reached = max(reached, end)
        path = []
        at = reached
        while at != start:
            _, previous, reading = best[at]
            path.append((previous, reading))
            at = previous
        return reached, path[::-1], best[reached][0]

    def make_entry(self, at: int, reading: tuple[Role, ...]) -> Entry:
        parts: dict[str, list[Line]] = {}
        for offset, role in enumerate(reading):
            parts.setdefault(role.key, []).append(self.lines[at + offset])
        if self.several_lines:
            parts["abstract"] = self.with_wrapped_links(parts["abstract"], to_the_end=True)
            if "translated_abstract" in parts:
                parts["translated_abstract"] = self.with_wrapped_links(
                    parts["translated_abstract"], to_the_end=False)
        affiliation = parts.get("affiliation")
        translated = "translated_title" in parts
        return Entry(min(lines[0].number for lines in parts.values()),
                     (parts["title"][0].text,
                      parts["translated_title"][0].text if translated else None),
                     (abstract_text(parts["abstract"]),
                      abstract_text(parts["translated_abstract"]) if translated else None),
                     affiliation[0].text if affiliation else None,
                     {key: lines[0].number for key, lines in parts.items()})

    def with_wrapped_links(self, lines: list[Line], to_the_end: bool) -> list[Line]:
        """The lines of an abstract of several lines with the lines of links that its
        wrapped lines go on in (see `wraps_to`): between the abstract's lines, and after its
        last line when `to_the_end` (not after the translated abstract, which an entry's
        links often follow). Other lines of links are the entry's links."""
        if len(lines) < 2:
            return lines
        found = []
        for index, line in enumerate(lines):
            found.append(line)
            links = self.link_lines.get(line.number + 1)
            if wraps_to(line, links) and (to_the_end or index + 1 < len(lines)):
                found.append(links)
                self.wrapped_links.add(links.number)
        return found

    def title_taken_in(self, entry: tuple[int, tuple[Role, ...]]) -> Problem | None:
        """The likelier problem, where no entry fits after an entry whose abstract of
        several lines took in a line that does not carry it on (a title after a sentence's
        end): that abstract's translation missing before that line, the next entry's
        title, rather than a problem where the lines taken in left the next entry."""
        at, reading = entry
        for offset in range(1, len(reading)):
            line, previous = self.lines[at + offset], self.lines[at + offset - 1]
            if reading[offset] is ABSTRACT is reading[offset - 1] and not self.carries_on(
                    previous, line):
                return self.problem(TRANSLATED_ABSTRACT, line)
        return None

    def explain(self, at: int) -> Problem:
        """Why no entry starts at `at`: the first line that breaks the likeliest reading
        (the one whose lines so far have the shapes of their roles, then the longest); in
        a file of paragraphs, a paragraph of one line."""
        if self.paragraph_entries and (at + 1 == len(self.lines) or self.may_start(at + 1)):
            line = self.lines[at]
            return Problem(self.source, line.number, None, "a paragraph of one line",
                           expected="a paper: its title, then its abstract",
                           found=repr(line.text[:50]),
                           hint=f"is its abstract missing? {WORDS_BEFORE}")
        attempts = []
        for reading in self.readings(at, longest=True):
            misfits = 0
            for offset, role in enumerate(reading):
                index = at + offset
                line = self.lines[index] if index < len(self.lines) else None
                if line is None or not fits(line, role):
                    attempts.append((misfits, -offset, role, line))
                    break
                misfits += is_prose(line.text) != role.prose
        _, _, role, line = min(attempts, key=lambda attempt: attempt[:2])
        return self.problem(role, line)

    def problem(self, role: Role, line: Line | None) -> Problem:
        expected = f"a line in {self.names[bool(role.secondary)]}"
        if line is None:
            number = self.lines[-1].number + 1 if self.lines else 1
            return Problem(self.source, number, None, f"expected the {role.name}",
                           expected=expected, found="the end of the file",
                           hint="is the last entry missing a line?")
        found = (f"a line labelled {line.label} {line.text[:50]!r}" if line.label
                 else f"a line in {self.names[not role.secondary]} {line.text[:50]!r}")
        before = self.line_before(line)
        if line.heading and before is not None:
            hint = (f"a heading is a paper's title: is line {before.number} "
                    f"({before.text[:40]!r}) a line of no entry?")
        elif self.follows_a_note(line):
            hint = ("a note's further paragraphs go right under it, with no blank line "
                    "between, in its language")
        elif is_prose(line.text) and not role.prose:
            hint = f"it reads as an abstract: is the {role.name} missing above it?"
        elif role.prose and not is_prose(line.text):
            hint = f"it reads as a title: is the {role.name} missing above it?"
        else:
            hint = f"is the {role.name} missing, or a line in the wrong language?"
        return Problem(self.source, line.number, None, f"expected the {role.name}",
                       expected=expected, found=found, hint=hint)

    def line_before(self, line: Line) -> Line | None:
        """The line of the grammar before `line`."""
        at = bisect.bisect_left(self.lines, line.number, key=lambda other: other.number)
        return self.lines[at - 1] if at else None

    def follows_a_note(self, line: Line) -> bool:
        """Whether a note is the last line before `line` that has a part in an entry."""
        notes_before = bisect.bisect_left(self.note_lines, line.number)
        before = self.line_before(line)
        return bool(notes_before) and self.note_lines[notes_before - 1] > (
            before.number if before else 0)

    def next_start(self, failed: int) -> int:
        """The first line after `failed` where an entry fits (the next entry's title); with
        abstracts of several lines, where two entries fit one after the other, or one to
        the end (one entry alone would fit at many a line of a wrapped abstract)."""
        for at in range(failed + 1, len(self.lines)):
            ends = self.entry_ends(at)
            if ends and (not self.several_lines or any(
                    end == len(self.lines) or self.entry_ends(end) for end in ends)):
                return at
        return len(self.lines)

    def entry_ends(self, at: int) -> set[int]:
        """Where the entries that fit at `at` end."""
        return {at + len(reading) for reading in self.readings(at)
                if self.cost(at, reading) is not None}
