"""Check a built folder against GitHub Pages' rules before it is uploaded.

    python -m bitext.pages _site

Pages refuses artifacts with symbolic or hard links, needs every file readable, and runs
Jekyll over the folder unless `.nojekyll` is there (which would hide `_`-prefixed files).
Prints the size and file count; exits 1 with every problem found.
"""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

PAGES_SIZE_LIMIT = 1024**3  # Pages sites may be at most 1 GB


def pages_problems(folder: Path) -> tuple[list[str], int, int]:
    """(problems, total bytes, file count) of a built site folder."""
    problems, total, count = [], 0, 0
    if not (folder / ".nojekyll").is_file():
        problems.append(f"{folder}/.nojekyll: missing (Pages would run Jekyll over the site)")
    for directory, subdirs, names in os.walk(folder):
        for name in sorted(subdirs + names):
            path = Path(directory) / name
            info = path.lstat()
            shown = path.relative_to(folder).as_posix()
            if stat.S_ISLNK(info.st_mode):
                problems.append(f"{shown}: symbolic link (Pages refuses links)")
            elif stat.S_ISREG(info.st_mode):
                count += 1
                total += info.st_size
                if info.st_nlink > 1:
                    problems.append(f"{shown}: hard link (Pages refuses links)")
                if not info.st_mode & stat.S_IROTH:
                    problems.append(f"{shown}: not readable by all")
            elif stat.S_ISDIR(info.st_mode) and not info.st_mode & stat.S_IXOTH:
                problems.append(f"{shown}/: not readable by all")
    if total > PAGES_SIZE_LIMIT:
        problems.append(f"{folder}: {total / 1024**2:.0f} MiB, over Pages' 1 GB limit")
    return problems, total, count


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1 or not Path(args[0]).is_dir():
        print("usage: python -m bitext.pages FOLDER", file=sys.stderr)
        return 2
    problems, total, count = pages_problems(Path(args[0]))
    for problem in problems:
        print(problem, file=sys.stderr)
    print(f"{args[0]}: {count} files, {total / 1024:.0f} KiB"
          + ("" if not problems else f"; {len(problems)} problems for GitHub Pages"))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
