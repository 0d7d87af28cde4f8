"""map_chunks: every chunk's result exactly once, wherever it ran, and a worker's failure
reaches the caller. run_ahead: a child's result, or none when it failed or could not start."""

from __future__ import annotations

import io
import os
import threading
import time

import pytest

from bitext.errors import InputError, Problem
from bitext.parallel import map_chunks, run_ahead

PARENT = os.getpid()


def where_and_what(chunk):
    if os.getpid() == PARENT and chunk[0] % 3 == 0:
        time.sleep(0.01)  # a long chunk of this process's: the workers must not wait for it
    return os.getpid(), list(chunk)


@pytest.mark.parametrize("jobs", [1, 2, 3])
@pytest.mark.parametrize("count", [1, 7, 100, 1001])
def test_every_item_comes_back_once(jobs, count):
    results = list(map_chunks(where_and_what, range(count), jobs, 8))
    items = sorted(item for _, chunk in results for item in chunk)
    assert items == list(range(count))
    if jobs > 1 and count >= 100:
        assert {pid for pid, _ in results} - {PARENT}, "no worker took a chunk"


def fail_in_a_worker(chunk):
    if os.getpid() != PARENT:
        raise ValueError(f"chunk {chunk[0]}")
    time.sleep(0.001)
    return list(chunk)


def test_a_worker_failure_is_raised_in_the_caller():
    with pytest.raises(ValueError, match="chunk"):
        list(map_chunks(fail_in_a_worker, range(400), 2, 4))


def input_error_in_a_worker(chunk):
    if os.getpid() != PARENT:
        raise InputError([Problem("templates/paper.html", 3, None, "template error: x")])
    time.sleep(0.001)
    return list(chunk)


def test_a_workers_input_error_reaches_the_caller_whole(capfd):
    """InputError crosses from a worker with its problems (it used to fail to unpickle in
    the pool's result thread, which died: the build ended in a traceback, or waited)."""
    with pytest.raises(InputError) as raised:
        list(map_chunks(input_error_in_a_worker, range(400), 2, 4))
    assert [problem.format() for problem in raised.value.problems] == [
        "templates/paper.html:3: template error: x"]
    assert "Traceback" not in capfd.readouterr().err


def fail_here(chunk):
    if os.getpid() == PARENT:
        raise ValueError(f"chunk {chunk[0]}")
    time.sleep(0.002)
    return list(chunk)


def test_a_failure_here_stops_the_workers_cleanly(capfd):
    with pytest.raises(ValueError, match="chunk"):
        list(map_chunks(fail_here, range(400), 2, 4))
    time.sleep(0.1)  # (a result arriving after the pool closed would complain now)
    assert "Traceback" not in capfd.readouterr().err


def large_result(chunk):
    return [(item, "x" * 40_000) for item in chunk]  # more than a pipe holds


def test_large_results_come_back_through_files_that_are_then_removed(monkeypatch, tmp_path):
    import bitext.parallel

    monkeypatch.setattr(bitext.parallel, "SPOOL_PARENT", str(tmp_path))
    results = list(map_chunks(large_result, range(200), 2, 8))
    assert sorted(item for chunk in results for item, _ in chunk) == list(range(200))
    assert all(len(text) == 40_000 for chunk in results for _, text in chunk)
    assert list(tmp_path.iterdir()) == []


def test_a_task_run_ahead_gives_its_result_from_a_child():
    ahead = run_ahead(lambda: (os.getpid(), [n * n for n in range(5)]) * 20_000)
    assert ahead is not None
    result = ahead.result()  # (more than a pipe holds: the child waits for this read)
    assert len(result) == 40_000 and result[1] == [0, 1, 4, 9, 16]
    assert result[0] != PARENT


def test_a_task_that_fails_ahead_gives_no_result_and_says_nothing(capfd):
    """The caller then does the work itself, and meets the failure there."""
    ahead = run_ahead(lambda: 1 / 0)
    assert ahead is not None and ahead.result() is None
    assert capfd.readouterr() == ("", "")


def test_a_task_run_ahead_can_be_stopped():
    ahead = run_ahead(lambda: time.sleep(30))
    started = time.monotonic()
    ahead.cancel()
    assert time.monotonic() - started < 5
    with pytest.raises(ChildProcessError):  # (waited for: no process left behind)
        os.waitpid(ahead.pid, os.WNOHANG)


def test_nothing_runs_ahead_beside_other_threads():
    """A forked child has only the thread that forked it: a lock that another held (the
    import lock among them) would stay held in it."""
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        assert run_ahead(lambda: 1) is None
    finally:
        stop.set()
        other.join()
    assert run_ahead(lambda: 1).result() == 1


class Interrupted(io.BytesIO):
    def read(self, *arguments):
        raise KeyboardInterrupt


def test_a_child_is_not_left_behind_when_waiting_for_it_is_interrupted():
    ahead = run_ahead(lambda: time.sleep(30))
    pipe, ahead.stream = ahead.stream, Interrupted()
    with pytest.raises(KeyboardInterrupt):
        ahead.result()
    with pytest.raises(ChildProcessError):
        os.waitpid(ahead.pid, os.WNOHANG)
    pipe.close()
