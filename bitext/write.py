"""The only code that writes the output folder.

A build is written into a staging folder beside the output folder and swapped in only
when every file is there, so a failed or interrupted build leaves the previous site as it
was. bitext replaces only a folder it made itself (it holds the marker file), and refuses
output folders that would put the project at risk: the project itself, one of its parents,
its content, templates or static folders, the home folder.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import uuid
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from bitext.errors import InputError, Problem, display_path

MARKER = ".bitext-output"
MARKER_TEXT = "This folder is written by bitext; it is replaced on every build.\n"
STATIC_DIR = "static"
PROTECTED_DIRS = ("content", "templates", STATIC_DIR, "bitext", "tests", ".git")


@dataclass(frozen=True)
class StaticFile:
    output_path: str
    """Where it goes, relative to the output folder: static/css/site.css."""
    source: Path


def check_output_folder(out: Path, root: Path) -> list[Problem]:
    """Why bitext must not write to `out`, if it must not."""
    out, root = out.resolve(), root.resolve()
    shown = str(out)

    def refuse(why: str, hint: str = "choose a new folder, such as _site") -> list[Problem]:
        return [Problem("--out", None, None, f"refusing to use {shown} as the output folder: "
                        f"{why}", hint=hint)]

    if out == root or out in root.parents:
        return refuse("it holds the project")
    if out == Path.home().resolve() or out == Path(out.anchor):
        return refuse("it is the home or root folder")
    for name in PROTECTED_DIRS:
        protected = root / name
        if out == protected or out.is_relative_to(protected):
            return refuse(f"it is inside the project's {name}/ folder")
    if out.exists() and not out.is_dir():
        return refuse("it is a file")
    if out.is_dir() and any(out.iterdir()) and not (out / MARKER).is_file():
        return refuse("it has files that bitext did not write",
                      hint=f"move them away, or add an empty {MARKER} file to let bitext "
                           "replace the folder")
    return []


def collect_static(root: Path) -> list[StaticFile]:
    """The files under static/, or InputError for links that lead out of the project."""
    folder = root / STATIC_DIR
    files, problems = [], []
    if not folder.is_dir():
        return []
    real_root = root.resolve()
    for directory, subdirs, names in os.walk(folder):
        subdirs.sort()
        for name in sorted(names) + [d for d in subdirs if (Path(directory) / d).is_symlink()]:
            path = Path(directory) / name
            if not path.resolve().is_relative_to(real_root):
                problems.append(Problem(display_path(path, root), None, None,
                                        "symbolic link out of the project",
                                        found=str(path.resolve()),
                                        hint="copy the file into static/ instead"))
            elif path.is_file():
                relative = path.relative_to(folder).as_posix()
                files.append(StaticFile(f"{STATIC_DIR}/{relative}", path))
    if problems:
        raise InputError(problems)
    return files


def safe_target(folder: Path, relative: str) -> Path:
    """`folder/relative`, refusing any path that would land outside `folder`."""
    parts = PurePosixPath(relative)
    if parts.is_absolute() or ".." in parts.parts or "\\" in relative or not parts.parts:
        raise ValueError(f"refusing to write outside the output folder: {relative!r}")
    target = folder / parts
    if not target.resolve().is_relative_to(folder.resolve()):
        raise ValueError(f"refusing to write outside the output folder: {relative!r}")
    return target


def write_site(files: dict[str, bytes], static: list[StaticFile], out: Path) -> int:
    """Write everything into a staging folder, then swap it in for `out`. Returns the count."""
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".bitext-staging-", dir=out.parent))
    try:
        for relative, data in files.items():
            target = safe_target(staging, relative)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        for item in static:
            target = safe_target(staging, item.output_path)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(item.source, target)
        (staging / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
        make_readable(staging)
        swap_in(staging, out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return len(files) + len(static)


def update_in_place(out: Path, files: dict[str, bytes], removed: set[str],
                    static: list[StaticFile]) -> int:
    """For the preview, which owns its folder: write only the files whose bytes changed,
    each through a temporary file and a rename so that a reader never sees half a file,
    and delete the removed ones. Returns how many files changed."""
    out.mkdir(parents=True, exist_ok=True)
    changed = 0
    wanted = dict(files)
    for item in static:
        wanted[item.output_path] = item.source.read_bytes()
    for relative, data in wanted.items():
        target = safe_target(out, relative)
        if target.is_file() and target.read_bytes() == data:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = target.with_name(f".{target.name}.{uuid.uuid4().hex[:8]}.tmp")
        temporary.write_bytes(data)
        os.replace(temporary, target)
        changed += 1
    for relative in removed:
        target = safe_target(out, relative)
        if target.is_file():
            target.unlink()
            changed += 1
    return changed


def make_readable(folder: Path) -> None:
    """mkdtemp makes a private folder; a published site must be readable by all."""
    folder.chmod(0o755)
    for directory, subdirs, names in os.walk(folder):
        for name in subdirs:
            (Path(directory) / name).chmod(0o755)
        for name in names:
            (Path(directory) / name).chmod(0o644)


def swap_in(staging: Path, out: Path) -> None:
    if not out.exists():
        staging.rename(out)
        return
    old = out.with_name(f".bitext-old-{uuid.uuid4().hex[:8]}")
    out.rename(old)
    try:
        staging.rename(out)
    except BaseException:
        old.rename(out)
        raise
    shutil.rmtree(old, ignore_errors=True)
