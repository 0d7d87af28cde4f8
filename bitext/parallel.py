"""Run a function over chunks of work in one process per core.

Workers are forked, so they start with the parent's memory: the site model, the
templates and the cache are shared without being sent, and only each chunk's result comes
back. Where fork is not available (macOS and Windows default to spawn, which would have
to send the whole model), or when there is one core, the work runs in this process.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from typing import TypeVar

Item = TypeVar("Item")
Out = TypeVar("Out")

_task: Callable | None = None


def cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods() and os.name == "posix"


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
    global _task
    _task = task  # the forked workers find it here: a closure cannot be pickled
    # Move every object into the permanent generation, so that the workers' garbage
    # collector never writes to the pages they share with this process (copy on write).
    gc.freeze()
    context = multiprocessing.get_context("fork")
    workers = min(jobs, len(parts)) - 1
    with context.Pool(workers) as pool:
        try:
            sent: deque = deque()
            while parts or sent:
                # Four chunks queued per worker, so that none waits while this process
                # works on a chunk of its own (with two, a worker idled while this process
                # rendered a heavier chunk of listings: at 10,000 papers it parsed 41
                # chunks to this process's 59; with four, 50 and 50).
                while parts and len(sent) < 4 * workers:
                    sent.append(pool.apply_async(_run, (parts.popleft(),)))
                while sent and sent[0].ready():
                    yield sent.popleft().get()
                if parts:  # from the other end, so that the workers' chunks stay in order
                    yield task(own_share(parts, max(1, chunk_size // 4)))
                elif sent:
                    yield sent.popleft().get()
        finally:
            _task = None
            gc.unfreeze()


def own_share(parts: deque, smallest: int) -> Sequence:
    """The last chunk, or its first quarter when it is a whole chunk (the other quarters go
    back, to be taken next): this process then comes back to refill the workers' queue
    four times as often. Its chunks are the listings, which render the entries of
    hundreds of papers, and a worker that had finished its queue waited for them (a
    second of a 10,000-paper build)."""
    chunk = parts.pop()
    if len(chunk) < 2 * smallest:
        return chunk
    pieces = [chunk[start: start + smallest] for start in range(0, len(chunk), smallest)]
    parts.extend(reversed(pieces[1:]))
    return pieces[0]


def _run(chunk):
    assert _task is not None
    return _task(chunk)
