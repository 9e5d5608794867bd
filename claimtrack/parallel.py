"""Extraction in worker processes, handed back in input order to the one process that writes.

SQLite takes one writer at a time, and the order of ingest decides document ids, so only
extraction (the pure, CPU-bound part) is spread over processes; storing and settling stay in
the caller. At most a few chunks per worker are in flight, so memory does not grow with the
size of the batch.
"""

from __future__ import annotations

import multiprocessing
import signal
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from itertools import islice
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
    _worker_lexicon = lexicon


def _prepare_chunk(articles: list[Article]) -> list[Prepared]:
    assert _worker_lexicon is not None
    return [prepare(article, _worker_lexicon) for article in articles]


def _needs_work(item: Article | str, is_known: Callable[[Article], bool]) -> TypeGuard[Article]:
    return not isinstance(item, str) and not is_known(item)


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
    with ProcessPoolExecutor(jobs, mp_context=context, initializer=_start_worker, initargs=(lexicon,)) as pool:
        try:
            while chunk := list(islice(source, CHUNK)):
                work = [_needs_work(item, is_known) for _, item in chunk]
                articles = [
                    item for (_, item), needed in zip(chunk, work, strict=True) if needed and isinstance(item, Article)
                ]
                pending.append((chunk, work, pool.submit(_prepare_chunk, articles)))
                while len(pending) >= jobs * CHUNKS_IN_FLIGHT_PER_JOB:
                    yield from _finish(*pending.popleft())
            while pending:
                yield from _finish(*pending.popleft())
        except BrokenProcessPool as exc:
            raise WorkerError("an extraction worker stopped; every document reported as ingested is complete") from exc
        finally:
            for *_, future in pending:
                future.cancel()


def _finish(chunk: list[Input], work: list[bool], future: Future[list[Prepared]]) -> Iterator[Output]:
    prepared = iter(future.result())
    for (origin, item), needed in zip(chunk, work, strict=True):
        yield origin, next(prepared) if needed else item
