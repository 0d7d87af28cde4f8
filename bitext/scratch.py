"""Scratch folders that a killed process does not leave behind for good.

A build removes its scratch folders as it ends, on an error and on Ctrl-C, SIGTERM or
SIGHUP too; SIGKILL and the kernel's out-of-memory killer give it no chance. What they
left can be large, and held in memory until the machine restarts: the search index's
pages in /dev/shm, the workers' results there too, the preview's site in /tmp (memory on
some systems: 267 MB at 10,000 papers). So each folder holds a lock (`flock`) for as long
as the process that made it, or a worker it forked, lives, and the next bitext process
that makes a folder of the same kind removes those whose lock nobody holds. (A lock, not
the process id: a process of another PID namespace that shares /dev/shm would look dead.)
"""

from __future__ import annotations

import functools
import os
import shutil
import tempfile
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows: no flock, and no /dev/shm; folders are not swept there
    fcntl = None  # type: ignore[assignment]

LOCK = ".bitext-lock"

_held: dict[str, int] = {}
"""The lock file's descriptor of each scratch folder this process made."""


def make_scratch(prefix: str, parent: str | None = None) -> Path:
    """A new folder named `prefix…` in `parent` (the system's temporary folder when None),
    locked until `remove_scratch`; first, the abandoned folders of this kind are removed."""
    sweep_abandoned(prefix, parent)
    folder = tempfile.mkdtemp(prefix=prefix, dir=parent)
    if fcntl is not None:
        descriptor = os.open(os.path.join(folder, LOCK),
                             os.O_RDWR | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:  # (a file system without locks: the folder is never swept)
            os.close(descriptor)
        else:
            _held[folder] = descriptor
    return Path(folder)


def remove_scratch(folder: Path | str) -> None:
    shutil.rmtree(folder, ignore_errors=True)
    descriptor = _held.pop(str(folder), None)
    if descriptor is not None:  # (after: a sweep must not find the folder unlocked)
        os.close(descriptor)


@functools.cache  # (once a process: a kind of folder is swept when the first is made)
def sweep_abandoned(prefix: str, parent: str | None) -> None:
    if fcntl is None:
        return
    try:
        entries = list(os.scandir(parent or tempfile.gettempdir()))
    except OSError:
        return
    for entry in entries:
        if entry.name.startswith(prefix) and entry.is_dir(follow_symlinks=False) \
                and is_abandoned(entry.path):
            shutil.rmtree(entry.path, ignore_errors=True)


def is_abandoned(folder: str) -> bool:
    """Whether nobody holds the folder's lock. A folder without one (another program's,
    or one being made this instant) or whose lock this user may not take is not."""
    try:
        descriptor = os.open(os.path.join(folder, LOCK), os.O_RDWR | os.O_NOFOLLOW)
    except OSError:
        return False
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:  # (held: BlockingIOError)
        return False
    finally:
        os.close(descriptor)  # (and with it the lock, if taken)
    return True
