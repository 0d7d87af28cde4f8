"""Run a function over chunks of work in one process per core.

Workers are forked, so they start with the parent's memory: the site model, the
templates and the cache are shared without being sent, and only each chunk's result comes
back. Where fork is not available (macOS and Windows default to spawn, which would have
to send the whole model), or when there is one core, the work runs in this process.
"""

from __future__ import annotations

import gc
import os
import pickle
import queue
import signal
import tempfile
import threading
import time
import traceback
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import BinaryIO, TypeVar

from bitext.scratch import make_scratch, remove_scratch

Item = TypeVar("Item")
Out = TypeVar("Out")

_task: Callable | None = None
_spool: str | None = None

# A worker's result larger than a pipe holds (64 KiB on Linux) comes back through a file:
# through the pipe, the worker waited while this process, busy with a chunk of its own,
# read the result 64 KiB at a time, taking the GIL back for each read (8 ms for a chunk of
# parsed papers: 0.4 s of a worker's time in a 10,000-paper build).
PIPE_BYTES = 64 * 1024
# Memory, where there is a file system in memory; else the system's temporary folder.
SPOOL_PARENT = "/dev/shm" if os.path.isdir("/dev/shm") and os.access("/dev/shm", os.W_OK) \
    else None


def cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def can_fork() -> bool:
    # (what multiprocessing's "fork" start method needs, asked without importing it: 7 ms
    # that a build with nothing to render, as most rebuilds, or with one paper to parse
    # ahead, never spends)
    return hasattr(os, "fork")


def chunks(items: Sequence[Item], size: int) -> list[Sequence[Item]]:
    return [items[start: start + size] for start in range(0, len(items), size)]


def map_chunks(task: Callable[[Sequence[Item]], Out], items: Sequence[Item], jobs: int,
               chunk_size: int) -> Iterator[Out]:
    """`task(chunk)` for each chunk of `items`, in any order, in `jobs` processes: this one
    and `jobs - 1` forked workers. Working here too saves a process's memory (a worker
    copies the pages of the model it touches) and sending half the results back."""
    parts = deque(chunks(items, chunk_size))
    if jobs <= 1 or len(parts) <= 1 or not can_fork():
        yield from map(task, parts)
        return
    global _task, _spool
    _task = task  # the forked workers find it here: a closure cannot be pickled
    _spool = str(make_scratch("bitext-results-", SPOOL_PARENT))
    # Move every object into the permanent generation, so that the workers' garbage
    # collector never writes to the pages they share with this process (copy on write).
    # (Left there after, when some were there before: the preview keeps its objects
    # frozen, see `bitext.watching.keep_survivors_frozen`.)
    frozen_before = gc.get_freeze_count() > 0
    gc.freeze()
    try:
        yield from map_in_workers(task, parts, min(jobs, len(parts)) - 1, chunk_size)
    finally:
        _task = None
        if not frozen_before:
            gc.unfreeze()
        remove_scratch(_spool)


def map_in_workers(task: Callable[[Sequence[Item]], Out], parts: deque, workers: int,
                   chunk_size: int) -> Iterator[Out]:
    """The results of `task` over `parts`: the workers take chunks from the front, this
    process from the back."""
    import multiprocessing

    with multiprocessing.get_context("fork").Pool(workers, initializer=quiet_interrupt) as pool:
        feeder = Feeder(pool, parts)
        try:
            # Two chunks queued per worker, so that none waits for the next to arrive; not
            # more, so that this process does not wait long for the last ones.
            for _ in range(2 * workers):
                feeder.send()
            while True:
                yield from feeder.received()
                with feeder.lock:  # (the feeder takes from the other end meanwhile)
                    mine = own_share(parts, max(1, chunk_size // 4)) if parts else None
                if mine is not None:
                    yield task(mine)
                elif feeder.pending:
                    yield feeder.next_result()
                else:
                    break
        except Exception:
            feeder.stop()
            feeder.settle()
            raise
        finally:
            feeder.stop()


def quiet_interrupt() -> None:
    """In a worker: Ctrl-C ends it as KeyboardInterrupt did (unwinding, so that the locks
    it holds are let go), but without printing its traceback beside the main process's
    "stopped": a worker that ends by SystemExit says nothing. SIGTERM, by which the pool
    ends its workers, ends them as it does by default (the command line's own handler,
    inherited, made each print a traceback)."""
    signal.signal(signal.SIGINT, exit_quietly)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def exit_quietly(number: int, frame: object) -> None:
    raise SystemExit(1)


class Feeder:
    """Sends the workers the chunks at the front of `parts`, a new one as each result
    arrives (in the pool's thread that receives results), so that no worker waits while
    this process works on a long chunk of its own: fed from this process's loop instead,
    the worker idled 0.36 s at 10,000 papers while this process rendered the first tag
    pages' entries."""

    def __init__(self, pool, parts: deque):
        self.pool = pool
        self.parts = parts
        self.lock = threading.Lock()
        self.pending = 0
        """Chunks sent whose result this process has not taken yet."""
        self.results: queue.SimpleQueue = queue.SimpleQueue()
        self.stopped = False

    def send(self) -> None:
        with self.lock:
            if self.parts and not self.stopped:
                self.pending += 1
                self.pool.apply_async(_run, (self.parts.popleft(),), callback=self.arrived,
                                      error_callback=self.failed)

    def stop(self) -> None:
        """No more chunks: the pool is about to close (a chunk sent then would fail in the
        pool's thread)."""
        with self.lock:
            self.stopped = True

    def arrived(self, result: tuple[bool, bytes | str]) -> None:
        succeeded, payload = result
        self.results.put((True, payload))  # (`unpack` raises a failure's exception)
        if succeeded:
            self.send()  # (after a failure, no more: the pool is about to end)

    def settle(self, seconds: float = 5.0) -> None:
        """Wait, a few seconds at most, for the chunks sent to come back, so that the pool
        ends idle workers: ending a worker while it sends a result leaves the pool's lock
        held, and ending the pool then waits for ever (seen once in the tests, after a
        worker's failure)."""
        deadline = time.monotonic() + seconds
        while self.pending and (left := deadline - time.monotonic()) > 0:
            try:
                self.results.get(timeout=left)
            except queue.Empty:
                return
            with self.lock:
                self.pending -= 1

    def failed(self, error: BaseException) -> None:
        self.results.put((False, error))

    def received(self) -> Iterator:
        """The results that have arrived, without waiting."""
        while not self.results.empty():
            yield self.next_result()

    def next_result(self):
        succeeded, value = self.results.get()
        with self.lock:
            self.pending -= 1
        if not succeeded:
            raise value
        return unpack(value)


def own_share(parts: deque, smallest: int) -> Sequence:
    """The last chunk, or its first quarter when it is a whole chunk (the other quarters go
    back, to be taken next). This process's chunks are the listings, which render the
    entries of hundreds of papers: in quarters, its last one ends soon after the workers'
    last, and the results that arrived are taken four times as often."""
    chunk = parts.pop()
    if len(chunk) < 2 * smallest:
        return chunk
    pieces = [chunk[start: start + smallest] for start in range(0, len(chunk), smallest)]
    parts.extend(reversed(pieces[1:]))
    return pieces[0]


class Ahead:
    """A task's result being made in a forked child while this process does something else
    (see `run_ahead`)."""

    def __init__(self, pid: int, stream: BinaryIO):
        self.pid, self.stream = pid, stream
        """The child's process, and the reading end of the pipe it writes its result to."""

    def result(self) -> object | None:
        """The task's result, waited for; None when the child made none (it failed, or was
        stopped): the caller then does the work itself, and meets any failure there."""
        try:
            with self.stream:
                payload = self.stream.read()
        except BaseException:  # (Ctrl-C, SIGTERM meanwhile: the child goes with this process)
            self.cancel()
            raise
        _, status = os.waitpid(self.pid, 0)
        if status != 0 or not payload:
            return None
        try:
            return pickle.loads(payload)
        except Exception:
            return None

    def cancel(self) -> None:
        """Stop the child, its result unwanted."""
        os.kill(self.pid, signal.SIGKILL)
        os.waitpid(self.pid, 0)
        self.stream.close()


def run_ahead(task: Callable[[], Out]) -> Ahead | None:
    """`task()` started in a forked child, its result taken later by `Ahead.result`; None
    where this process cannot fork, or runs other threads (a child has only the thread
    that forked it: a lock another thread held, the import lock among them, would stay
    held in it for ever)."""
    if not can_fork() or threading.active_count() > 1:
        return None
    reader, writer = os.pipe()
    pid = os.fork()
    if pid != 0:
        os.close(writer)
        return Ahead(pid, open(reader, "rb"))
    status = 1
    try:  # (the child: whatever happens, it ends here, with no cleanup of the parent's)
        os.close(reader)
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        payload = pickle.dumps(task(), protocol=pickle.HIGHEST_PROTOCOL)
        with open(writer, "wb") as stream:
            stream.write(payload)
        status = 0
    finally:
        os._exit(status)


@dataclass(frozen=True)
class Failure:
    """A worker's exception, sent back as its chunk's result so that `unpack` unpickles it
    in the caller's thread. Raised in the worker instead, it would be unpickled by the
    pool's thread that receives results, and an exception that fails to unpickle kills
    that thread: the caller then waits for ever."""

    error: Exception
    where: str
    """The worker's traceback, as text."""


def _run(chunk) -> tuple[bool, bytes | str]:
    """In a worker: whether the chunk succeeded, and its result (or Failure) pickled, or
    the name of the file that holds it."""
    assert _task is not None and _spool is not None
    try:
        value, succeeded = _task(chunk), True
    except Exception as error:
        value, succeeded = Failure(error, traceback.format_exc()), False
    result = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    if len(result) <= PIPE_BYTES:
        return succeeded, result
    descriptor, name = tempfile.mkstemp(dir=_spool)
    with open(descriptor, "wb") as file:
        file.write(result)
    return succeeded, name


def unpack(result: bytes | str):
    """A worker's result, or its exception raised here."""
    if isinstance(result, bytes):
        value = pickle.loads(result)
    else:
        try:
            with open(result, "rb") as file:
                value = pickle.loads(file.read())
        finally:
            os.unlink(result)
    if isinstance(value, Failure):
        from multiprocessing.pool import RemoteTraceback

        raise value.error from RemoteTraceback(value.where)
    return value
