"""The only code that writes the output folder.

A build writes only the files whose bytes changed, all or nothing (see `Changes`), so a
failed or interrupted build leaves the previous site as it was. bitext writes only into a
folder it made itself (it holds the marker file), and refuses
output folders that would put the project at risk: the project itself, one of its parents,
its content, templates or static folders, the home folder.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from bitext.errors import InputError, Problem, outside_project

MARKER = ".bitext-output"
MARKER_TEXT = ("This folder is written by bitext: every build makes it match the project, "
               "deleting files the project does not produce (a .git, .svn or .hg folder "
               "stays).\n")
UNFINISHED = "unfinished"
"""The marker's token while a first build writes (a build's own token is hexadecimal)."""
STATIC_DIR = "static"
PROTECTED_DIRS = ("content", "templates", STATIC_DIR, "bitext", "tests", ".git")


CREATE_NEW = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)


def current_umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


UMASK = current_umask()


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
    if problem := outside_project(folder, root, STATIC_DIR):
        raise InputError([problem])
    for directory, subdirs, names in os.walk(folder):
        subdirs.sort()
        for name in sorted(names) + [d for d in subdirs if (Path(directory) / d).is_symlink()]:
            path = Path(directory) / name
            if problem := outside_project(path, root, STATIC_DIR):
                problems.append(problem)
            elif path.is_file():
                relative = path.relative_to(folder).as_posix()
                files.append(StaticFile(f"{STATIC_DIR}/{relative}", path))
    if problems:
        raise InputError(problems)
    return files


def safe_target(folder: Path, relative: str, checked: dict[str, bool] | None = None) -> Path:
    """`folder/relative`, refusing any path that would land outside `folder`: absolute
    paths, `..`, backslashes, and folders inside `folder` that are links to elsewhere.
    `checked` remembers the folders already looked at (a build writes thousands of files
    into thousands of folders). The target itself may be a link: files are put in place
    by renaming, which replaces a link instead of writing through it, and unlinking one
    removes the link."""
    return Path(target_name(str(folder), relative, {} if checked is None else checked))


def target_name(folder: str, relative: str, checked: dict[str, bool]) -> str:
    """`safe_target` as a string: staging 11,000 files, pathlib's objects cost a build
    0.2 s, and sending them back from the workers 0.05 s more."""
    if not relative or "\\" in relative or any(
            part in ("", ".", "..") for part in relative.split("/")):
        raise outside_error(Path(folder), relative)
    target = f"{folder}/{relative}"
    if not stays_inside(os.path.dirname(target), folder, checked):
        raise outside_error(Path(folder), relative)
    return target


def stays_inside(path: str, folder: str, checked: dict[str, bool]) -> bool:
    """Whether `path`, below `folder` by its name, is below it on disk too. A folder that is
    not a link (or does not exist yet) is where its parent is: one lstat per folder, and
    a full resolve only for links."""
    if path == folder:
        return True
    known = checked.get(path)
    if known is None:
        if os.path.islink(path):
            known = Path(path).resolve().is_relative_to(Path(folder).resolve())
        else:
            known = stays_inside(os.path.dirname(path), folder, checked)
        checked[path] = known
    return known


def outside_error(folder: Path, relative: str) -> InputError:
    return InputError([Problem(str(folder), None, None, "refusing to write outside the "
                               f"output folder: {relative!r}",
                               hint="a folder in it may be a link to elsewhere: delete the "
                                    "output folder and build again")])


class Changes:
    """An update of the output folder in two phases, so that it is all or nothing.

    `stage` writes each new or changed file beside its target under a temporary name (a
    full disk or a crash fails here, and `discard` leaves the site as it was); `commit`
    then renames them over their targets and deletes the files the site no longer has.
    Renames need no space and take a few milliseconds, and Ctrl-C waits for them.

    Into a folder that did not exist, files are written in place: there is no site to
    keep, and `discard` removes the folder (a first build of 10,000 papers is spared
    10,000 renames).

    Worker processes stage through `part()`s of an update and list their staged files
    back; a worker stopped in the middle of a chunk (Ctrl-C, or the pool ended by a
    failure elsewhere) cannot, so `discard` also sweeps the folder for this update's
    temporary names.
    """

    def __init__(self, out: Path, suffix: str | None = None, in_place: bool | None = None,
                 whole: bool = True):
        self.out = out
        self.suffix = suffix or f".bitext-tmp-{os.urandom(4).hex()}"
        self.staged: list[tuple[str, str]] = []
        """(temporary, target) of each file written: paths as strings."""
        self.checked: dict[str, bool] = {}
        self.made: set[str] = set()
        self.out_existed = out.exists()
        self.in_place = not self.out_existed if in_place is None else in_place
        self.whole = whole
        """Not a part: `discard` removes what any part wrote too."""

    def claim(self) -> None:
        """Mark a folder that a first build is about to write in place as bitext's, with no
        build's token (no index vouches for it): a build killed outright (SIGKILL, the
        out-of-memory killer) left a half-written folder without the marker, which the
        next build refused as somebody else's; it now replaces it. (A build that fails
        otherwise removes the folder: see `discard`.)"""
        if self.in_place and self.whole:
            write_marker(self.out, UNFINISHED)

    def part(self) -> Changes:
        """A share of this update for a worker: its files are staged under the same names,
        and its `discard` removes only what it staged."""
        return Changes(self.out, self.suffix, self.in_place, whole=False)

    def stage(self, relative: str, data: bytes) -> None:
        target = target_name(str(self.out), relative, self.checked)
        parent, _, name = target.rpartition("/")
        if parent not in self.made:
            try:
                make_folder(parent)
            except (FileExistsError, NotADirectoryError):
                raise file_in_the_way(parent, str(self.out)) from None
            self.made.add(parent)
        temporary = target if self.in_place else f"{parent}/.{name}{self.suffix}"
        # A new file, never one planted under this name (nor a link): O_EXCL|O_NOFOLLOW.
        descriptor = os.open(temporary, CREATE_NEW, 0o644)
        self.staged.append((temporary, target))
        try:  # (os.write: a Python file object costs three more system calls a file)
            written = 0
            while written < len(data):
                written += os.write(descriptor, data[written:] if written else data)
            if UMASK & 0o644:  # published files are readable by all, whatever the umask
                os.fchmod(descriptor, 0o644)
        finally:
            os.close(descriptor)

    def discard(self) -> None:
        if self.whole and not self.out_existed:
            self.staged.clear()
            shutil.rmtree(self.out, ignore_errors=True)  # all of it is this update's
            return
        strays = self.strays() if self.whole else []
        # Folders made for new pages (here or in a worker process, which lists its staged
        # files back) would stay behind empty, and the next build refuses an output
        # folder that holds anything but bitext's marker.
        temporaries = [temporary for temporary, _ in self.staged] + strays
        folders = self.made | {os.path.dirname(temporary) for temporary in temporaries}
        for temporary in temporaries:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temporary)
        self.staged.clear()
        for folder in sorted(folders, key=lambda path: path.count("/"), reverse=True):
            remove_empty_folders(Path(folder), self.out)
        if not self.out_existed:
            with contextlib.suppress(OSError):
                self.out.rmdir()  # only if empty: the first build of a new folder failed

    def strays(self) -> list[str]:
        """Files under this update's temporary names (links are not followed)."""
        return [os.path.join(folder, name) for folder, _, names in os.walk(self.out)
                for name in names if name.endswith(self.suffix)]

    def commit(self, stale: set[str], token: str) -> bool:
        """Put the staged files in place, delete the `stale` ones and mark the folder with
        `token`, all before an interrupt is let through (a first build stopped between its
        last file and its marker would leave a folder that the next build refuses).
        Returns whether Ctrl-C or SIGTERM arrived meanwhile: the update is whole, and the
        caller records it before it stops (see `StoppedAfterUpdate`)."""
        with deferred_interrupt() as received:
            for temporary, target in self.staged:
                if temporary != target:
                    os.replace(temporary, target)
            for relative in sorted(stale, reverse=True):
                target = safe_target(self.out, relative, self.checked)
                target.unlink(missing_ok=True)
                remove_empty_folders(target.parent, self.out)
            write_marker(self.out, token)
        self.staged.clear()
        return bool(received)


class StoppedAfterUpdate(KeyboardInterrupt):
    """Ctrl-C or SIGTERM that arrived while an update was put in place: the output folder
    holds the new site, so the command says so instead of a bare "stopped"."""


def make_folder(path: str) -> None:
    """`path` and its missing parents (os.makedirs first looks at the parent, a system call
    a page more)."""
    try:
        os.mkdir(path, 0o755)
    except FileExistsError:
        if not os.path.isdir(path):
            raise
    except FileNotFoundError:
        os.makedirs(path, mode=0o755, exist_ok=True)


def file_in_the_way(folder: str, out: str) -> InputError:
    """The error for a file that stands where `folder`, or a folder above it inside `out`,
    should be (put there by hand: bitext writes no file where its pages need a folder)."""
    path = out
    for part in folder[len(out) + 1:].split("/"):
        path = f"{path}/{part}"
        if os.path.lexists(path) and not os.path.isdir(path):
            break
    return InputError([Problem(path, None, None, "a file stands where the site needs a folder",
                               hint="delete it, or the whole output folder, and build again")])


@contextlib.contextmanager
def deferred_interrupt() -> Iterator[list[int]]:
    """Hold Ctrl-C and SIGTERM until the block is done (only the main thread receives
    signals); gives the list of the signals held, for the caller to act on."""
    received: list[int] = []
    if threading.current_thread() is not threading.main_thread():
        yield received
        return
    held = (signal.SIGINT, signal.SIGTERM)
    previous = {number: signal.signal(number, lambda number, frame: received.append(number))
                for number in held}
    try:
        yield received
    finally:
        for number in held:
            signal.signal(number, previous[number])


def remove_empty_folders(folder: Path, stop: Path) -> None:
    while folder != stop and folder.is_relative_to(stop):
        try:
            folder.rmdir()
        except OSError:
            return
        folder = folder.parent


# Version control's folders in the output folder (a gh-pages worktree) are never the
# project's outputs, and never deleted as stale ones (Jekyll keeps them too).
KEPT_DIRS = (".git", ".svn", ".hg")


def files_in(out: Path) -> set[str]:
    """Every file under `out` (relative POSIX paths), links included; not the marker, nor
    the files of `KEPT_DIRS`."""
    found = set()
    for directory, subdirs, names in os.walk(out):
        relative = Path(directory).relative_to(out)
        if directory == str(out):
            subdirs[:] = [name for name in subdirs if name not in KEPT_DIRS]
            names = [name for name in names if name not in KEPT_DIRS]  # (a worktree's .git)
        for name in names + [d for d in subdirs if (Path(directory) / d).is_symlink()]:
            found.add((relative / name).as_posix())
    found.discard(MARKER)
    return found


def read_marker(out: Path) -> str | None:
    """The token of the build that last wrote `out`, if bitext wrote it."""
    try:
        return (out / MARKER).read_text(encoding="utf-8").rsplit("build ", 1)[1].strip()
    except (OSError, IndexError, UnicodeDecodeError):
        return None


def write_marker(out: Path, token: str) -> None:
    if read_marker(out) != token:
        out.mkdir(parents=True, exist_ok=True)
        (out / MARKER).write_text(f"{MARKER_TEXT}build {token}\n", encoding="utf-8")
