"""Read a plain-text digest: entries of title, optional affiliation, translated title,
abstract and translated abstract, one per line.

How a line's role is decided:

1. Its **language**, from its characters: the share of its word units written in the
   secondary language's script (a Han character or kana counts as one unit, a run of
   letters of an alphabetic script as one word). Length plays no part. A line can be in
   the secondary language when that share is at least `SECONDARY_MIN` ("GPT-4o 的
   Scaling Law" is Chinese), and in the primary language when it is below `PRIMARY_MAX`
   (an English title quoting 悟道 is English); a line between the two can be either, and
   its place in the entry decides.
2. The **grammar** of an entry: title (primary), affiliation (any script, optional),
   translated title (secondary), abstract (primary), translated abstract (secondary).
3. The **shape** of the text: a title or an affiliation is a name, not prose; an abstract
   is prose (it ends like a sentence, or holds at least two). So the line after the title
   is an affiliation exactly when the line after it is a translated title rather than the
   abstract. Shape also catches a missing line that the languages alone would hide.

Blank lines are optional and ignored.

Every problem in the file is reported (the parser re-synchronises on the next line that
can start an entry), with the line number and what was expected there.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from bitext.config import Language
from bitext.errors import Problem

SECONDARY_MIN = 0.15
PRIMARY_MAX = 0.5
SENTENCE_END = re.compile(r"[.!?。！？…](?:[\"'”’)）」』】\]]*)$")
SENTENCE_BREAK = re.compile(r"[.!?](?:[\"'”’)\]]*)\s+\S|[。！？]\S")

# Script of each language's writing, by primary subtag; the script names are the first
# word of the Unicode character names (LATIN SMALL LETTER A, CJK UNIFIED IDEOGRAPH-4E00 …).
SCRIPTS = {
    "zh": {"CJK", "HIRAGANA", "KATAKANA"}, "ja": {"CJK", "HIRAGANA", "KATAKANA"},
    "ko": {"HANGUL"}, "ar": {"ARABIC"}, "fa": {"ARABIC"}, "ur": {"ARABIC"},
    "ps": {"ARABIC"}, "he": {"HEBREW"}, "yi": {"HEBREW"}, "ru": {"CYRILLIC"},
    "uk": {"CYRILLIC"}, "bg": {"CYRILLIC"}, "sr": {"CYRILLIC"}, "el": {"GREEK"},
    "th": {"THAI"}, "hi": {"DEVANAGARI"},
}
# Scripts whose every character is a unit of meaning (no spaces between words).
CHARACTER_SCRIPTS = {"CJK", "HIRAGANA", "KATAKANA", "THAI"}


def script_of_language(code: str) -> frozenset[str]:
    return frozenset(SCRIPTS.get(code.split("-")[0].lower(), {"LATIN"}))


def character_script(char: str) -> str | None:
    if not char.isalpha():
        return None
    name = unicodedata.name(char, "")
    return name.split(" ", 1)[0] if name else None


def script_share(line: str, script: frozenset[str]) -> float:
    """The share of the line's word units that are written in `script`."""
    inside = outside = 0
    previous = None
    for char in line:
        current = character_script(char)
        is_new_unit = current is not None and (current in CHARACTER_SCRIPTS or current != previous)
        if is_new_unit:
            if current in script:
                inside += 1
            else:
                outside += 1
        previous = current
    total = inside + outside
    return inside / total if total else 0.0


def is_prose(line: str) -> bool:
    """An abstract ends like a sentence or holds two; a title or an affiliation does neither."""
    return bool(SENTENCE_END.search(line) or SENTENCE_BREAK.search(line))


@dataclass(frozen=True)
class Entry:
    """One paper of a digest, as the lines gave it."""

    line: int
    """Line of the title in the digest."""
    title: tuple[str, str]
    """Primary and secondary title."""
    abstract: tuple[str, str]
    affiliation: str | None


@dataclass(frozen=True)
class Line:
    number: int
    text: str
    share: float
    """Share of its word units in the secondary language's script."""

    def can_be(self, secondary: bool) -> bool:
        return self.share >= SECONDARY_MIN if secondary else self.share < PRIMARY_MAX


def read_lines(text: str, secondary_script: frozenset[str]) -> list[Line]:
    """The non-blank lines with their numbers and languages (BOM and CRLF already handled)."""
    lines = []
    for number, raw in enumerate(text.split("\n"), start=1):
        stripped = raw.strip()
        if stripped:
            lines.append(Line(number, stripped, script_share(stripped, secondary_script)))
    return lines


def parse_digest(text: str, source: str, languages: tuple[Language, Language]
                 ) -> tuple[list[Entry], list[Problem]]:
    """Entries of a digest's text, and every problem found."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    primary, secondary = languages
    if script_of_language(primary.code) == script_of_language(secondary.code):
        return [], [Problem(source, None, None, "cannot tell the languages apart",
                            found=f"{primary.code} and {secondary.code} share a script",
                            hint="import reads digests whose two languages use different "
                                 "scripts")]
    lines = read_lines(text, script_of_language(secondary.code))
    parser = _EntryParser(lines, source, primary.name, secondary.name)
    return parser.entries, parser.problems


class _EntryParser:
    """Walks the lines once, by the grammar `P X? S P S` (see the module's docstring)."""

    def __init__(self, lines: list[Line], source: str, primary: str, secondary: str):
        self.lines, self.source = lines, source
        self.names = {False: primary, True: secondary}
        self.entries: list[Entry] = []
        self.problems: list[Problem] = []
        self.at = 0
        while self.at < len(self.lines):
            start = self.at
            entry = self.parse_entry()
            if entry:
                self.entries.append(entry)
            else:
                self.resynchronise(start)

    def peek(self, ahead: int = 0) -> Line | None:
        index = self.at + ahead
        return self.lines[index] if index < len(self.lines) else None

    def take(self, secondary: bool, role: str, prose: bool) -> Line | None:
        """The next line if it fits the role, else None after reporting why."""
        line = self.peek()
        language = self.names[secondary]
        if line is None:
            self.fail(None, role, language, "the end of the file")
            return None
        if not line.can_be(secondary):
            self.fail(line, role, language, f"a line in {self.names[not secondary]}")
            return None
        if prose and not is_prose(line.text):
            self.fail(line, role, language, "a line that does not read as sentences",
                      hint="an abstract ends with a full stop; is a line missing above?")
            return None
        if not prose and is_prose(line.text):
            self.fail(line, role, language, "sentences",
                      hint="is the line for the title missing above this one?")
            return None
        self.at += 1
        return line

    def fail(self, line: Line | None, role: str, language: str, found: str,
             hint: str | None = None) -> None:
        number = line.number if line else (self.lines[-1].number + 1 if self.lines else 1)
        text = f" {line.text[:50]!r}" if line else ""
        self.problems.append(Problem(self.source, number, None, f"expected the {role}",
                                     expected=f"a line in {language}",
                                     found=found + text, hint=hint))

    def parse_entry(self) -> Entry | None:
        title = self.take(False, "title", prose=False)
        if title is None:
            return None
        affiliation = None
        second, third = self.peek(), self.peek(1)
        third_is_translated_title = (third is not None and third.can_be(True)
                                     and not is_prose(third.text))
        if second is not None and not is_prose(second.text) and third_is_translated_title:
            affiliation = second.text
            self.at += 1
        translated_title = self.take(True, "translated title", prose=False)
        if translated_title is None:
            return None
        abstract = self.take(False, "abstract", prose=True)
        if abstract is None:
            return None
        translated_abstract = self.take(True, "translated abstract", prose=True)
        if translated_abstract is None:
            return None
        return Entry(title.number, (title.text, translated_title.text),
                     (abstract.text, translated_abstract.text), affiliation)

    def resynchronise(self, start: int) -> None:
        """Go on from the line that failed (it may be the next entry's title), or from the
        line after a failed title, at the next line that could be a title."""
        self.at = max(self.at, start + 1)
        while self.at < len(self.lines):
            line = self.lines[self.at]
            if line.can_be(False) and not is_prose(line.text):
                return
            self.at += 1
