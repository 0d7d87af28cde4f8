"""Typed fields out of a strict YAML document, with every problem collected.

`Fields` wraps one loaded document (site.yaml or a paper's front matter). Each accessor
returns the converted value, or None after recording a Problem that names the file, the
line of the field in that file, what was expected and what was found. Callers read every
field they need and then look at `problems`: that is how a run reports everything at once.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import unicodedata
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from bitext.errors import Problem, describe

if TYPE_CHECKING:
    from bitext.strictyaml import Document

DATE_FORM = re.compile(r"\d{4}-\d{2}-\d{2}")
# Year first with other separators, one-digit parts or a time: unambiguous, so the hint
# can give the date to write. Day-first and month-first forms are not guessed.
LOOSE_DATE_FORM = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})([T ][0-9:.+-]*Z?)?")
INTEGER_FORM = re.compile(r"[+-]?\d+")
NUMBER_FORM = re.compile(r"\d+(\.\d+)?")
BOOLEANS = {"true": True, "false": False}

# Characters that must never reach a page or a feed. C0/C1 controls break XML 1.0;
# bidirectional overrides and isolates can make text read differently from what it is
# ("Trojan Source"); the noncharacters U+FFFE/U+FFFF are not text at all.
_FORBIDDEN = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufffe\uffff\ud800-\udfff]"
)


FORBIDDEN_HINT = "delete it; control and direction-override characters are never published"


def is_web_address(value: str) -> bool:
    """An http:// or https:// URL with a host, and no white space anywhere."""
    try:
        parts = urlsplit(value)
    except ValueError:  # ("https://[abc/": a bracket that opens an IPv6 host and no host)
        return False
    return (parts.scheme.lower() in ("http", "https") and bool(parts.netloc)
            and not any(character.isspace() for character in value))


# The characters of an address that no URL holds as they are (RFC 3986): a browser sends
# them percent-encoded, and the HTML checker refuses them in an href.
UNSAFE_IN_ADDRESS = {ord(character): f"%{ord(character):02X}" for character in '"<>\\^`{|}'}


def encoded_address(value: str) -> str:
    """A web address with the characters that no URL holds as they are percent-encoded:
    the same address, as a browser asks for it."""
    return value.translate(UNSAFE_IN_ADDRESS)


def forbidden_character(text: str) -> str | None:
    """The first character of `text` that bitext refuses, as U+XXXX, or None."""
    match = _FORBIDDEN.search(text)
    return f"U+{ord(match.group()):04X}" if match else None


URL_NAME_MAX = 80
# Device names Windows reserves: a folder papers/con/ cannot be checked out or copied there.
WINDOWS_DEVICE_NAMES = frozenset(["con", "prn", "aux", "nul"] + [
    f"{device}{number}" for device in ("com", "lpt") for number in range(1, 10)])


def url_name_problem(name: str) -> tuple[str, str, str] | None:
    """Why `name`, of the right form, still cannot name a folder of the site
    (papers/<slug>/, tags/<tag>/): (message, expected, found), or None."""
    if len(name) > URL_NAME_MAX:
        return "too long", f"at most {URL_NAME_MAX} characters", f"{len(name)} characters"
    if name in WINDOWS_DEVICE_NAMES:
        return ("reserved name", "a name Windows can store as a folder (not con, prn, aux, "
                "nul, com1–9 or lpt1–9)", repr(name))
    return None


def suggested_date(text: str) -> str | None:
    """The YYYY-MM-DD form of a year-first date written another way, if it is a date."""
    match = LOOSE_DATE_FORM.fullmatch(text)
    if not match:
        return None
    try:
        return dt.date(*(int(part) for part in match.groups()[:3])).isoformat()
    except ValueError:
        return None


def normalise(text: str) -> str:
    """Text as bitext stores it: NFC, so that é typed two ways is one é."""
    return unicodedata.normalize("NFC", text)


class Fields:
    """Reads typed fields from `document`, reporting problems against `path`."""

    def __init__(self, document: Document, path: str):
        self.document = document
        self.path = path
        self.problems: list[Problem] = []

    # -- reporting ---------------------------------------------------------------------

    def line(self, *field: str | int) -> int:
        return self.document.line_of(tuple(field))

    def problem(self, field: tuple, message: str, expected: str | None = None,
                found: str | None = None, hint: str | None = None) -> None:
        name = ".".join(str(part) for part in field) or None
        self.problems.append(Problem(self.path, self.line(*field), name, message,
                                     expected, found, hint))

    # -- raw access --------------------------------------------------------------------

    def raw(self, *field: str | int) -> object:
        value = self.document.value
        for part in field:
            if isinstance(value, dict) and isinstance(part, str):
                value = value.get(part)
            elif isinstance(value, list) and isinstance(part, int) and part < len(value):
                value = value[part]
            else:
                return None
        return value

    def mapping(self, *field: str | int, required: bool = False,
                expected: str = "a mapping of names to values") -> dict | None:
        """The mapping at `field`; `expected` says what it holds, for a problem."""
        value = self.raw(*field)
        if value is None:
            if required:
                self.problem(field, "missing", expected=expected)
            return None
        if not isinstance(value, dict):
            self.problem(field, "wrong type", expected=expected, found=describe(value))
            return None
        return value

    def only_keys(self, field: tuple, allowed: list[str]) -> None:
        """Report every key of the mapping at `field` that is not in `allowed`."""
        value = self.raw(*field) if field else self.document.value
        if not isinstance(value, dict):
            return
        for key in value:
            if key not in allowed:
                close = difflib.get_close_matches(key, allowed, n=1)
                hint = f"did you mean '{close[0]}'?" if close else None
                self.problem(field + (key,), "unknown field",
                             expected="one of " + ", ".join(allowed), found=repr(key), hint=hint)

    # -- typed fields ------------------------------------------------------------------

    def text(self, *field: str | int, required: bool = True, multiline: bool = False,
             hint: str | None = None) -> str | None:
        value = self.raw(*field)
        if value is None or value == "":
            if required:
                self.problem(field, "missing", expected="text", hint=hint)
            return None
        if not isinstance(value, str):
            self.problem(field, "wrong type", expected="text", found=describe(value),
                         hint="write it on one line")
            return None
        return self.checked_text(field, value, multiline)

    def checked_text(self, field: tuple, value: str, multiline: bool = False) -> str | None:
        bad = forbidden_character(value)
        if bad:
            self.problem(field, "forbidden character", expected="printable text", found=bad,
                         hint=FORBIDDEN_HINT)
            return None
        if not multiline and "\n" in value.strip():
            self.problem(field, "more than one line", expected="a single line",
                         found=describe(value))
            return None
        return normalise(value.strip())

    def text_list(self, *field: str, required: bool = False) -> tuple[str, ...]:
        value = self.raw(*field)
        if value is None:
            if required:
                self.problem(field, "missing", expected="a list")
            return ()
        if isinstance(value, str):  # `tags: llm` means a list of one; nobody should have to care
            item = self.text(*field)
            return () if item is None else (item,)
        if not isinstance(value, list):
            self.problem(field, "wrong type", expected="a list such as [a, b]",
                         found=describe(value))
            return ()
        items = []
        for index in range(len(value)):
            item = self.text(*field, index)
            if item is not None:
                items.append(item)
        return tuple(items)

    def url_name(self, field: tuple, name: str) -> bool:
        """Whether `name` (of the right form) can name a folder of the site; if not, the
        problem is recorded against `field`."""
        problem = url_name_problem(name)
        if problem:
            message, expected, found = problem
            self.problem(field, message, expected=expected, found=found)
        return problem is None

    def date(self, *field: str, required: bool = True) -> dt.date | None:
        value = self.text(*field, required=required)
        if value is None:
            return None
        if DATE_FORM.fullmatch(value):
            try:
                return dt.date.fromisoformat(value)
            except ValueError:
                self.problem(field, "no such date", expected="a real calendar date",
                             found=repr(value))
                return None
        self.problem(field, "not a date", expected="YYYY-MM-DD", found=repr(value),
                     hint=f"write the date as {suggested_date(value) or '2025-05-14'}")
        return None

    def integer(self, *field: str, default: int, minimum: int, maximum: int) -> int:
        value = self.text(*field, required=False)
        if value is None:
            return default
        if not INTEGER_FORM.fullmatch(value):
            self.problem(field, "not a whole number", expected=f"{minimum} to {maximum}",
                         found=repr(value))
            return default
        number = int(value)
        if not minimum <= number <= maximum:
            self.problem(field, "out of range", expected=f"{minimum} to {maximum}",
                         found=str(number))
            return default
        return number

    def number(self, *field: str, default: float, maximum: float, message: str,
               expected: str, hint: str | None = None) -> float:
        """A number from 0 to `maximum` (`default` when the field is absent or wrong)."""
        value = self.text(*field, required=False)
        if value is None:
            return default
        if not NUMBER_FORM.fullmatch(value) or float(value) > maximum:
            self.problem(field, message, expected=expected, found=repr(value), hint=hint)
            return default
        return float(value)

    def boolean(self, *field: str, default: bool) -> bool:
        value = self.text(*field, required=False)
        if value is None:
            return default
        if value.lower() not in BOOLEANS:
            self.problem(field, "not true or false", expected="true or false",
                         found=repr(value), hint="YAML's yes/no/on/off are not accepted here")
            return default
        return BOOLEANS[value.lower()]

    def url(self, *field: str, required: bool = False) -> str | None:
        value = self.text(*field, required=required)
        if value is None:
            return None
        if not is_web_address(value):
            self.problem(field, "not a web address", expected="an http:// or https:// URL",
                         found=repr(value))
            return None
        return value

    def pattern(self, *field: str, regex: re.Pattern, expected: str, hint: str | None = None,
                required: bool = False) -> str | None:
        value = self.text(*field, required=required)
        if value is None:
            return None
        if not regex.fullmatch(value):
            self.problem(field, "wrong form", expected=expected, found=repr(value), hint=hint)
            return None
        return value
