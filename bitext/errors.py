"""Problems found in a user's input, and how they are reported.

Every stage collects problems instead of stopping at the first one, so an editor sees
everything that is wrong in one run. A problem names the file, the line, the field,
what was expected, what was found and a hint; `format()` gives the one-line form that
the command line, the preview overlay and the tests all share:

    content/papers/x.md:4: date: not a date (expected YYYY-MM-DD, found '2024-02-30') — hint
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input."""

    path: str
    """The file, relative to the project root (posix form) when it lies inside it."""
    line: int | None
    """1-based line in that file, when the problem has one."""
    field: str | None
    """Dotted field name (`title.en`, `links.pdf`), or None for the whole file."""
    message: str
    expected: str | None = None
    found: str | None = None
    hint: str | None = None

    def format(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        text = f"{where}: {self.field}: " if self.field else f"{where}: "
        text += self.message
        if self.expected is not None or self.found is not None:
            parts = []
            if self.expected is not None:
                parts.append(f"expected {self.expected}")
            if self.found is not None:
                parts.append(f"found {self.found}")
            text += f" ({', '.join(parts)})"
        if self.hint:
            text += f" — {self.hint}"
        return text


class InputError(Exception):
    """Raised with every problem of a stage at once."""

    def __init__(self, problems: list[Problem]):
        super().__init__("\n".join(p.format() for p in problems))
        self.problems = sorted(problems, key=lambda p: (p.path, p.line or 0, p.field or ""))

    def __reduce__(self):
        # Raised in a worker process, it is pickled to the caller: made again from its
        # problems (by default from its message, which is no list of problems).
        return InputError, (self.problems,)


def describe(value: object) -> str:
    """How a found value is shown in a message: short, quoted, with its type when that matters."""
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing"
    text = str(value)
    if len(text) > 60:
        text = text[:57] + "..."
    return repr(text)


def display_path(path: Path, root: Path) -> str:
    """A path as a user sees it in messages: relative to the project root when inside it."""
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)


def outside_project(path: Path, root: Path, folder: str) -> Problem | None:
    """The problem with `path` (in the project's `folder`) if, links followed, it lies
    outside the project: content, templates and static files come from the project only."""
    target = path.resolve()
    if target.is_relative_to(root.resolve()):
        return None
    return Problem(display_path(path, root), None, None, "symbolic link out of the project",
                   found=str(target), hint=f"copy the file into {folder}/ instead")


def counted(count: int, noun: str) -> str:
    """"1 paper", "10,000 papers": a count for the terminal."""
    return f"{count:,} {noun}" + ("" if count == 1 else "s")


def summary(problems: list[Problem]) -> str:
    files = len({p.path for p in problems})
    return f"{counted(len(problems), 'error')} in {counted(files, 'file')}; nothing was written."
