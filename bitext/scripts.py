"""Writing systems: the scripts a language is written in, the script of a character, and
how much of a text is written in a script. The digest importer tells the language of a
line by them; the build, whether a translation is written in its language's script
(`bitext.checks`), which runs of a text to mark with their language (`bitext.render`),
and which queries ask a language's search bundles (`bitext.search`).
"""

from __future__ import annotations

import functools
import re
import unicodedata

from bitext.strings import primary_subtag

# A text can be in the secondary language when at least this share of its word units is
# in that language's script, and in the primary one when less than this share is.
SECONDARY_MIN = 0.15
PRIMARY_MAX = 0.5

# Script of each language's writing, by primary subtag; the script names are the first
# word of the Unicode character names (LATIN SMALL LETTER A, CJK UNIFIED IDEOGRAPH-4E00 …).
SCRIPTS = {
    "zh": {"CJK", "HIRAGANA", "KATAKANA"}, "ja": {"CJK", "HIRAGANA", "KATAKANA"},
    "ko": {"HANGUL"}, "ar": {"ARABIC"}, "fa": {"ARABIC"}, "ur": {"ARABIC"},
    "ps": {"ARABIC"}, "he": {"HEBREW"}, "yi": {"HEBREW"}, "ru": {"CYRILLIC"},
    "uk": {"CYRILLIC"}, "bg": {"CYRILLIC"}, "sr": {"CYRILLIC"}, "el": {"GREEK"},
    "th": {"THAI"}, "hi": {"DEVANAGARI"},
}
# A run of letters, between spaces, digits and punctuation.
LETTER_RUN = re.compile(r"[^\W\d_]+")
# CJK unified ideographs (Unicode names "CJK UNIFIED IDEOGRAPH-…", extension A included)
# and compatibility ideographs ("CJK COMPATIBILITY IDEOGRAPH-…").
HAN_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
ASCII_WORD = re.compile(r"[A-Za-z]+")
# A letter that is neither ASCII nor Han: the line takes the letter-by-letter count.
OTHER_LETTER = re.compile(r"[^\W\d_A-Za-z\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
# Scripts whose every character is a unit of meaning (no spaces between words).
CHARACTER_SCRIPTS = {"CJK", "HIRAGANA", "KATAKANA", "THAI"}


def script_of_language(code: str) -> frozenset[str]:
    return frozenset(SCRIPTS.get(primary_subtag(code), {"LATIN"}))


@functools.cache  # (a digest's lines hold few distinct characters: 8 x quicker)
def character_script(char: str) -> str | None:
    if not char.isalpha():
        return None
    name = unicodedata.name(char, "")
    return name.split(" ", 1)[0] if name else None


def script_share(line: str, script: frozenset[str]) -> float:
    """The share of the line's word units that are written in `script`."""
    latin_inside = "LATIN" in script
    han_inside = "CJK" in script
    if not OTHER_LETTER.search(line):
        # Only ASCII words and Han characters, as in most English and Chinese text:
        # counted by two searches (a translated abstract's share took 60 us letter by
        # letter, in every paper of a build).
        words, hans = len(ASCII_WORD.findall(line)), sum(map(len, HAN_RUN.findall(line)))
        inside = words * latin_inside + hans * han_inside
        return inside / (words + hans) if words + hans else 0.0
    inside = outside = 0
    for match in LETTER_RUN.finditer(line):
        run = match.group()
        if run.isascii():  # one Latin word: most words of most digests (4 x quicker)
            inside += latin_inside
            outside += not latin_inside
            continue
        # Han characters are a unit each, and the letters after one start a new unit,
        # as after a space: counted at once (a Chinese abstract is 300-500 of them).
        hans = sum(map(len, HAN_RUN.findall(run)))
        inside += hans * han_inside
        outside += hans * (not han_inside)
        for piece in HAN_RUN.split(run) if hans else (run,):
            previous = None
            for char in piece:
                current = character_script(char)
                if current is not None and (current in CHARACTER_SCRIPTS
                                            or current != previous):
                    if current in script:
                        inside += 1
                    else:
                        outside += 1
                previous = current
    total = inside + outside
    return inside / total if total else 0.0
