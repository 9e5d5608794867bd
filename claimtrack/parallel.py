"""Extraction in worker processes, handed back in input order to the one process that writes.

SQLite takes one writer at a time, and the order of ingest decides document ids, so only
extraction (the pure, CPU-bound part) is spread over processes; storing and settling stay in
the caller. At most a few chunks per worker are in flight, so memory does not grow with the
size of the batch.

Workers die with their writer: each watches the writer's sentinel and exits when it closes
(a killed writer leaves no workers, and with them the forkserver and resource tracker end), and
a writer that stops early (Ctrl-C, an error) terminates them. Ctrl-C is the writer's alone:
workers start with SIGINT held, so none prints a traceback, not even one half started.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from itertools import islice
from multiprocessing.connection import wait
from types import FrameType
from typing import TypeGuard

from claimtrack.lexicon import Lexicon
from claimtrack.models import Article
from claimtrack.service import Prepared, WorkerError, prepare

CHUNK = 8
CHUNKS_IN_FLIGHT_PER_JOB = 3

Input = tuple[str, Article | str]
Output = tuple[str, Prepared | Article | str]

_worker_lexicon: Lexicon | None = None


def _start_worker(lexicon: Lexicon) -> None:
    global _worker_lexicon
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the writer's to handle, once
    writer = multiprocessing.parent_process()
    if writer is not None:
        threading.Thread(target=_exit_with, args=(writer.sentinel,), daemon=True).start()
    _worker_lexicon = lexicon


def _exit_with(sentinel: int) -> None:
    """Wait for the writer to end, then end too: a killed writer cannot shut the pool down."""
    wait([sentinel])
    os._exit(1)


@contextmanager
def _sigint_held() -> Iterator[None]:
    """SIGINT blocked while workers may start: a new process inherits the mask, so Ctrl-C cannot reach a
    worker before it ignores SIGINT; a Ctrl-C meanwhile is delivered to the writer when released."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    before = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, before)


def _prepare_chunk(articles: list[Article]) -> list[Prepared]:
    assert _worker_lexicon is not None
    return [prepare(article, _worker_lexicon) for article in articles]


def _needs_work(item: Article | str, is_known: Callable[[Article], bool]) -> TypeGuard[Article]:
    return not isinstance(item, str) and not is_known(item)


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


# Python code multiprocessing runs behind the writer's back: finalizers of pipes and semaphores, the
# pool's own threads. A KeyboardInterrupt raised inside one is printed as "Exception ignored" or leaves
# a semaphore half cleaned up (the resource tracker then warns of a leak on the user's terminal).
_LIBRARY_INTERNALS = ("multiprocessing", "concurrent", "threading.py", "weakref.py")
POLL_SECONDS = 0.2


class _SafeInterrupts:
    """Ctrl-C while the pool runs: raised at once in the writer's own code, held and raised at the next
    safe point when it lands inside the library's internals; once raised, further Ctrl-Cs are ignored."""

    def __init__(self) -> None:
        self.held = False
        self.raised = False

    def handle(self, signum: int, frame: FrameType | None) -> None:
        if self.raised:
            return
        if _inside_library_internals(frame):
            self.held = True
            return
        self.raised = True
        raise KeyboardInterrupt

    def raise_if_held(self) -> None:
        if self.held and not self.raised:
            self.raised = True
            raise KeyboardInterrupt


def _inside_library_internals(frame: FrameType | None) -> bool:
    while frame is not None:
        filename = frame.f_code.co_filename
        if any(f"{os.sep}{part}" in filename for part in _LIBRARY_INTERNALS):
            return True
        frame = frame.f_back
    return False


@contextmanager
def _interrupts_at_safe_points() -> Iterator[_SafeInterrupts]:
    interrupts = _SafeInterrupts()
    if threading.current_thread() is not threading.main_thread():
        yield interrupts
        return
    before = signal.signal(signal.SIGINT, interrupts.handle)
    try:
        yield interrupts
    finally:
        signal.signal(signal.SIGINT, before if before is not None else signal.default_int_handler)


@contextmanager
def _sigterm_as_interrupt() -> Iterator[None]:
    """SIGTERM stops the writer the way Ctrl-C does, so the pool is shut down rather than orphaned."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    before = signal.signal(signal.SIGTERM, _interrupt)
    try:
        yield
    finally:
        if threading.current_thread() is threading.main_thread():
            signal.signal(signal.SIGTERM, before if before is not None else signal.SIG_DFL)


def prepared_stream(
    items: Iterable[Input], lexicon: Lexicon, jobs: int, is_known: Callable[[Article], bool]
) -> Iterator[Output]:
    """(origin, x) for every input, in order: x is a `Prepared` article, an `Article` that
    `is_known` says is stored already (not extracted again), or an error message passed through."""
    if jobs <= 1:
        for origin, item in items:
            yield origin, prepare(item, lexicon) if _needs_work(item, is_known) else item
        return
    context = multiprocessing.get_context(
        "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
    )
    source = iter(items)
    pending: deque[tuple[list[Input], list[bool], Future[list[Prepared]]]] = deque()
    pool = ProcessPoolExecutor(jobs, mp_context=context, initializer=_start_worker, initargs=(lexicon,))
    finished = False
    with _sigterm_as_interrupt(), _interrupts_at_safe_points() as interrupts:
        try:
            while chunk := list(islice(source, CHUNK)):
                interrupts.raise_if_held()
                work = [_needs_work(item, is_known) for _, item in chunk]
                articles = [
                    item for (_, item), needed in zip(chunk, work, strict=True) if needed and isinstance(item, Article)
                ]
                with _sigint_held():  # a submit may start a worker
                    pending.append((chunk, work, pool.submit(_prepare_chunk, articles)))
                while len(pending) >= jobs * CHUNKS_IN_FLIGHT_PER_JOB:
                    yield from _finish(*pending.popleft(), interrupts)
            while pending:
                yield from _finish(*pending.popleft(), interrupts)
            finished = True
        except BrokenProcessPool as exc:
            message = "an extraction worker stopped; every document reported as ingested is complete"
            raise WorkerError(message) from exc
        finally:
            _close(pool, pending, finished)


def _close(
    pool: ProcessPoolExecutor, pending: Iterable[tuple[object, object, Future[list[Prepared]]]], finished: bool
) -> None:
    """Shut the pool down: after a whole batch, waiting for the workers to exit; when the writer stops
    early, at once, terminating them (they only extract, so nothing is lost)."""
    for *_, future in pending:
        future.cancel()
    if finished:
        pool.shutdown(wait=True)
        return
    workers = list((getattr(pool, "_processes", None) or {}).values())  # shutdown() forgets them
    manager = getattr(pool, "_executor_manager_thread", None)
    pool.shutdown(wait=False, cancel_futures=True)
    for worker in workers:
        worker.terminate()
    if manager is not None:
        # Python 3.11's exit hook wakes this thread through a pipe the thread closes as it ends: a
        # race that prints an OSError traceback at exit unless the thread has ended by then
        manager.join(timeout=10)


def _finish(
    chunk: list[Input], work: list[bool], future: Future[list[Prepared]], interrupts: _SafeInterrupts
) -> Iterator[Output]:
    prepared = iter(_result(future, interrupts))
    for (origin, item), needed in zip(chunk, work, strict=True):
        interrupts.raise_if_held()
        yield origin, next(prepared) if needed else item


def _result(future: Future[list[Prepared]], interrupts: _SafeInterrupts) -> list[Prepared]:
    """The chunk's result, waited for in short steps: a Ctrl-C held meanwhile is raised within one."""
    while True:
        interrupts.raise_if_held()
        try:
            return future.result(timeout=POLL_SECONDS)
        except TimeoutError:
            continue
