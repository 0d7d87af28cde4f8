"""Scratch folders (bitext.scratch): a folder left by a killed process is removed by the
next bitext process that makes one of its kind; a living one's is not."""

import os
import signal
import subprocess
import sys
from pathlib import Path

from bitext.scratch import LOCK, make_scratch, remove_scratch, sweep_abandoned
from tests.conftest import REPO

KILLED = """
import os, signal, sys
from bitext.scratch import make_scratch
folder = make_scratch("bitext-test-", sys.argv[1])
(folder / "page.html").write_text("a page")
print(folder, flush=True)
os.kill(os.getpid(), signal.SIGKILL)
"""


def killed_process_folder(parent: Path) -> Path:
    ran = subprocess.run([sys.executable, "-c", KILLED, str(parent)], capture_output=True,
                         text=True, env={**os.environ, "PYTHONPATH": str(REPO)})
    assert ran.returncode == -signal.SIGKILL, ran.stderr
    return Path(ran.stdout.strip())


def test_only_the_folders_of_killed_processes_are_swept(tmp_path):
    mine = make_scratch("bitext-test-", str(tmp_path))
    left = killed_process_folder(tmp_path)
    assert (left / "page.html").is_file() and (left / LOCK).is_file()
    unlocked = tmp_path / "bitext-test-another-program"  # (no lock: not bitext's to judge)
    unlocked.mkdir()
    other_kind = killed_process_folder(tmp_path).rename(tmp_path / "bitext-other-kind")
    sweep_abandoned.__wrapped__("bitext-test-", str(tmp_path))  # (uncached: once a process)
    assert not left.exists()
    assert mine.is_dir() and unlocked.is_dir() and other_kind.is_dir()
    remove_scratch(mine)
    assert not mine.exists()


def test_a_forked_worker_keeps_the_folder_locked(tmp_path):
    """The build's workers are forked with the lock: while one lives, its results folder
    is not swept, though the process that made it is gone."""
    read, write = os.pipe()
    folder = make_scratch("bitext-test-", str(tmp_path))
    worker = os.fork()
    if worker == 0:  # (the worker: waits until told to end)
        os.close(write)
        os.read(read, 1)
        os._exit(0)
    os.close(read)
    try:
        from bitext import scratch

        os.close(scratch._held.pop(str(folder)))  # as if this process had ended
        sweep_abandoned.__wrapped__("bitext-test-", str(tmp_path))
        assert folder.is_dir()
    finally:
        os.close(write)
        os.waitpid(worker, 0)
    sweep_abandoned.__wrapped__("bitext-test-", str(tmp_path))
    assert not folder.exists()
