"""Translation checks: what a translation must carry over from the text it translates.

Every formula (`$…$`, `$$…$$`), web address, inline code span and arXiv id of the primary
title and abstract must stand unchanged in the secondary ones; the glossary's terms must
have their required translation, and its kept terms must stay as they are; the abstracts
have as many paragraphs (unless the file says `paragraphs_differ: true`); and the
translation must be written mostly in the secondary language's script (a copy of the
original, or a model that answered in English, is not a translation). `check` reports
them as warnings with the file and line; `translate` writes no translation that fails
one.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from bitext.config import Config, Glossary, Language
from bitext.errors import Problem
from bitext.inputs import CONFIG_FILE
from bitext.math import INLINE_MATH
from bitext.scripts import PRIMARY_MAX, script_of_language, script_share

if TYPE_CHECKING:
    from bitext.content import Paper

# (bitext.content runs `carried_over_warnings` when it parses a paper, so this module
# reads paper files with content's functions imported where they are used)

FORMULA = re.compile(r"\$\$.+?\$\$|" + INLINE_MATH.pattern, re.S)  # display, or as math.py
WEB_ADDRESS = re.compile(r"https?://[^\s<>()\[\]{}\"'`]+[^\s<>()\[\]{}\"'`.,;:!?。，；：！？]")
CODE_SPAN = re.compile(r"(?<![\\`])`([^`\n]+)`(?!`)")
ARXIV_ID = re.compile(r"(?<![\w.])\d{4}\.\d{4,5}(?:v\d+)?(?![\w.]*\d)")
PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")


@dataclass(frozen=True)
class Texts:
    """A paper's title and abstract in each language, as its file holds them (Markdown),
    with the lines they start on."""

    source: str
    title: tuple[str, str | None]
    abstract: tuple[str, str | None]
    lines: dict[str, int]
    """title, translated_title, abstract, translated_abstract → line."""
    paragraphs_differ: bool = False
    stale: bool = False
    """The translation was made from another primary text (see `translated_from`)."""
    provenance: dict[str, str] = field(default_factory=dict)
    """The file's fields of `bitext.content.TRANSLATION_PROVENANCE` that it gives."""

    @property
    def unreviewed_machine(self) -> bool:
        """A machine made every part of the translation and no one has reviewed it."""
        from bitext.content import unreviewed_machine_alone

        return unreviewed_machine_alone(self.provenance)

    @property
    def translated(self) -> bool:
        return self.title[1] is not None and self.abstract[1] is not None


def read_texts(data: bytes, source: str, languages: tuple[Language, Language]) -> Texts | None:
    """The texts of a paper file, or None when it cannot be read (the build reports why)."""
    from bitext.content import (
        TRANSLATION_PROVENANCE,
        made_from_other_text,
        read_parts,
    )

    parts = read_parts(data, source, languages)
    if parts is None:
        return None
    fields, blocks = parts
    document = fields.document
    titles = document.value.get("title")
    titles = titles if isinstance(titles, dict) else {}
    codes = [language.code for language in languages]
    title = tuple(value.strip() if isinstance(value, str) and value.strip() else None
                  for value in (titles.get(codes[0]), titles.get(codes[1])))
    if title[0] is None or codes[0] not in blocks:
        return None
    secondary = blocks.get(codes[1])
    front = document.value
    return Texts(source, (title[0], title[1]),
                 (blocks[codes[0]].text, secondary.text if secondary else None),
                 {"title": fields.line("title", codes[0]),
                  "translated_title": fields.line("title", codes[1]),
                  "abstract": blocks[codes[0]].line,
                  "translated_abstract": secondary.line if secondary else 0},
                 str(front.get("paragraphs_differ", "")).lower() == "true",
                 stale=(title[1] is not None and secondary is not None
                        and made_from_other_text(front.get("translated_from"), title[0],
                                                 blocks[codes[0]].text)),
                 provenance={name: front[name] for name in TRANSLATION_PROVENANCE
                             if isinstance(front.get(name), str) and front[name].strip()})


def read_texts_of(path: Path, source: str, languages: tuple[Language, Language]
                  ) -> Texts | None:
    return read_texts(path.read_bytes(), source, languages)


def translation_warnings(texts: Texts, glossary: Glossary,
                         languages: tuple[Language, Language]) -> list[Problem]:
    """Every check: what `translate` requires of a translation before writing it."""
    return carried_over_warnings(texts, languages) + glossary_warnings(texts, glossary,
                                                                       languages)


# What a translating script writes in place of a translation it could not make
# ("[翻译失败: Recent advances in …]", as an arXiv fetcher's does when the service refuses
# or the credit is spent): no translation. Import takes it for none; a file that holds one
# gets a warning, and `translate` refuses a model's answer that is one.
# ("[Translation failed]", "[Translation Failed: …]", as scripts in English write it, in
# brackets: a text that begins with the words alone may be a translation of them)
FAILED_TRANSLATION = re.compile(r"[\[【(（]?\s*(?:翻译失败|翻译出错|翻译错误)"
                                r"|[\[【(（]\s*translation\s+(?:failed|error)", re.IGNORECASE)


def carried_over_warnings(texts: Texts, languages: tuple[Language, Language]
                          ) -> list[Problem]:
    """What the translation lacks of the original, each a warning at the line of the
    translated part: the checks that need nothing but the file (the build runs them as it
    parses a paper, so `build`, the preview and `check` show them)."""
    primary, secondary = languages
    failed = [warning(texts, part, f"the {secondary.code} text is the message of a failed "
                                   "translation", translation[:40],
                      "delete it, so that the paper awaits its translation (`bitext "
                      "translate` then makes it)")
              for part, translation in (("translated_title", texts.title[1]),
                                        ("translated_abstract", texts.abstract[1]))
              if translation is not None and FAILED_TRANSLATION.match(translation)]
    if failed or not texts.translated:  # (what such a text lacks is no news)
        return failed
    found: list[Problem] = []
    for part, original, translation in (
            ("translated_title", texts.title[0], texts.title[1]),
            ("translated_abstract", texts.abstract[0], texts.abstract[1])):
        for kind, pattern, trigger, hint in CARRIED_OVER:
            held = trigger.search(original) if isinstance(trigger, re.Pattern) else (
                trigger in original)
            for piece in missing(pattern, original, translation) if held else ():
                found.append(warning(texts, part, f"the {secondary.code} text lacks {kind} "
                                                  f"of the {primary.code} text", piece, hint))
    counts = [paragraph_count(texts.abstract[0]), paragraph_count(texts.abstract[1])]
    if counts[0] != counts[1] and not texts.paragraphs_differ:
        found.append(warning(
            texts, "translated_abstract", "the abstracts have different numbers of paragraphs",
            f"{counts[0]} in {primary.code}, {counts[1]} in {secondary.code}",
            "split the translation as the original, or add 'paragraphs_differ: true'"))
    if script_of_language(primary.code) != script_of_language(secondary.code):
        share = script_share(f"{texts.title[1]}\n{texts.abstract[1]}",
                             script_of_language(secondary.code))
        if share < PRIMARY_MAX:
            found.append(warning(
                texts, "translated_abstract", f"the {secondary.code} text is mostly not in "
                "its language's script", f"{share:.0%} of its words",
                "is it an untranslated copy, or did the model answer in another language?"))
    return found


def glossary_warnings(texts: Texts, glossary: Glossary, languages: tuple[Language, Language]
                      ) -> list[Problem]:
    """The glossary's terms that the translation does not have as the glossary says."""
    if not texts.translated:
        return []
    original = texts.title[0] + "\n" + texts.abstract[0]
    translation = texts.title[1] + "\n" + texts.abstract[1]
    found = [warning(texts, "translated_abstract",
                     f"the glossary's translation of {term!r} is missing", required,
                     "translate the term as the glossary says, or change the glossary")
             for term, required in glossary.terms.items()
             if has_term(term, original) and required not in translation]
    found += [warning(texts, "translated_abstract", "a term the glossary keeps is missing",
                      term, "the glossary keeps it as it is: do not translate it")
              for term in glossary.keep
              if has_term(term, original, ignore_case=False) and term not in translation]
    return found


def warning(texts: Texts, part: str, message: str, piece: str, hint: str) -> Problem:
    return Problem(texts.source, texts.lines.get(part) or None, None, f"warning: {message}",
                   found=repr(piece), hint=hint)


# What a translation carries over, each with the text its pieces always hold: looked for
# first, as these patterns (no literal to start from) cost 30-300 us an abstract, which
# every paper of every cold build would pay.
CARRIED_OVER = [
    ("a formula", FORMULA, "$", "copy formulas unchanged: they are not translated"),
    ("a web address", WEB_ADDRESS, "://", "copy web addresses unchanged"),
    ("a code span", CODE_SPAN, "`", "copy `code` unchanged"),
    ("an arXiv id", ARXIV_ID, re.compile(r"\.\d"), "copy arXiv ids unchanged"),
]


def missing(pattern: re.Pattern, original: str, translation: str) -> list[str]:
    """The pieces of the original that the translation does not hold (white space
    aside), in order, once."""
    pieces = [piece for piece in dict.fromkeys(match.group()
                                               for match in pattern.finditer(original))
              if piece not in translation]
    if not pieces:
        return []
    spaced = " ".join(translation.split())
    return [piece for piece in pieces if " ".join(piece.split()) not in spaced]


def has_term(term: str, text: str, ignore_case: bool = True) -> bool:
    """Whether the term stands in the text as words (not inside a longer word)."""
    flags = re.IGNORECASE if ignore_case else 0
    return re.search(r"(?<![^\W_])" + re.escape(term) + r"(?![^\W_])", text, flags) is not None


def paragraph_count(text: str) -> int:
    return len([part for part in PARAGRAPH_BREAK.split(text.strip()) if part.strip()])


def check_glossary(root: Path, config: Config) -> list[Problem]:
    """The glossary warnings of every paper file (the other checks come with the build's
    warnings)."""
    from bitext.inputs import paper_files

    if not (config.glossary.terms or config.glossary.keep):
        return []
    found = []
    for source, path in paper_files(root)[0]:
        texts = read_texts_of(Path(path), source, config.languages)
        if texts is not None:
            found += glossary_warnings(texts, config.glossary, config.languages)
    return found


def site_warnings(papers: Iterable[Paper], root: Path, config: Config, today: dt.date
                  ) -> list[Problem]:
    """The warnings of the papers together (a paper file's own come with its parsing), which
    `build`, the preview and `check` give."""
    papers = list(papers)
    return (shared_places(papers, root, config.languages)
            + future_dates(papers, today, root, config.languages)
            + day_past_feeds(papers, config.feed_size, root))


def day_past_feeds(papers: Iterable[Paper], feed_size: int, root: Path) -> list[Problem]:
    """A warning when the newest day's papers are more than a feed holds: a feed reader
    that looks once a day never sees the rest (a day of the Hugging Face daily papers had
    6 to 30 in the samples, and feeds hold 20 unless site.yaml says otherwise)."""
    by_day = Counter(paper.date for paper in papers)
    if not by_day:
        return []
    newest = max(by_day)
    if by_day[newest] <= feed_size:
        return []
    return [Problem(CONFIG_FILE, config_line(root, "feed_size"), "feed_size",
                    f"warning: the feeds hold the {feed_size} newest papers, and {newest} "
                    f"alone has {by_day[newest]}: a feed reader that looks once a day "
                    f"misses {by_day[newest] - feed_size} of them",
                    hint=f"set feed_size: {by_day[newest]} or more in site.yaml")]


def config_line(root: Path, name: str) -> int | None:
    """The line of site.yaml that sets `name` at its top level, if one does (site.yaml
    read again: the config keeps no lines)."""
    from bitext.strictyaml import YamlError, load

    try:
        return load((root / CONFIG_FILE).read_text("utf-8")).lines.get((name,))
    except (OSError, UnicodeError, YamlError):
        return None


def shared_places(papers: Iterable[Paper], root: Path, languages: tuple[Language, Language]
                  ) -> list[Problem]:
    """A warning for each paper whose `order` another paper of its day has too: the site
    lists them by slug, which may not be the order the editor meant (an import places
    each new paper after the day's others, so only hand edits make such ties)."""
    by_place: dict[tuple[dt.date, int], list[Paper]] = defaultdict(list)
    for paper in papers:
        if paper.order:
            by_place[(paper.date, paper.order)].append(paper)
    found = []
    for (day, order), same in by_place.items():
        if len(same) < 2:
            continue
        for paper in same:
            others = ", ".join(other.source for other in same if other is not paper)
            found.append(Problem(
                paper.source, field_line(root, paper, "order", languages), "order",
                f"warning: place {order} on {day} is also that of {others}",
                hint="give one of them another 'order:' (meanwhile they are listed by slug)"))
    return found


def field_line(root: Path, paper: Paper, name: str, languages: tuple[Language, Language]
               ) -> int | None:
    """The line of a field of a paper's front matter (its file read again: the parsed
    paper keeps no lines)."""
    from bitext.content import read_parts

    try:
        parts = read_parts((root / paper.source).read_bytes(), paper.source, languages)
    except OSError:
        return None
    return parts[0].line(name) if parts else None


def future_dates(papers: Iterable[Paper], today: dt.date, root: Path,
                 languages: tuple[Language, Language]) -> list[Problem]:
    """A warning for each paper dated after tomorrow (a day of slack for editors ahead of
    the build's clock): a typo such as 2205 for 2025 would keep the paper first on the home
    page and in every feed for years. (Checked here, not when a file is parsed: the parsed
    papers are kept, and the date a warning compares with moves on.)"""
    latest = today + dt.timedelta(days=1)
    return [Problem(paper.source, field_line(root, paper, "date", languages), "date",
                    f"warning: {paper.date} is after today ({today})",
                    hint="a typo in the year? the paper is listed first until that day passes")
            for paper in papers if paper.date > latest]
