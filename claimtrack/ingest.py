"""Ingest: the inputs a run names, read as they are needed (`claimtrack.article`), checked against
the ledger, extracted (in worker processes with more than one job, `claimtrack.parallel`) and
stored one at a time in input order, a result for each as it is stored.

`ingest_stream` is the one way articles go into a ledger: `claimtrack ingest` (through `ingesting`)
and `Ledger.ingest` both use it, so the two cannot come to differ. Nothing here prints: a note on
a feed entry goes to a callback, and results are returned for the caller to show.
"""

from __future__ import annotations

from collections.abc import Callable, Generator, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path

from claimtrack.article import Batch, Read, content_hash, input_sources, parse_date, read_batch, read_feed, read_sources
from claimtrack.errors import InputError
from claimtrack.lexicon import Lexicon
from claimtrack.models import Article
from claimtrack.parallel import prepared_stream
from claimtrack.queries import OnWait, command_lexicon, opened
from claimtrack.service import IngestResult, Prepared, store_prepared
from claimtrack.store import Store


def ingest_stream(
    store: Store, items: Iterable[Read], lexicon: Lexicon, jobs: int = 1
) -> Generator[IngestResult, None, None]:
    """A result for each (origin, article or error message), in order, as each is stored: an
    article already in the ledger (the same body and date) is not extracted again, and an error
    is a failed result. A storage failure raises StoreError; what was stored before it is whole."""

    def stored(article: Article) -> bool:
        return store.document_id_by_hash(content_hash(article)) is not None

    for origin, item in prepared_stream(items, lexicon, jobs, stored):
        if isinstance(item, str):
            yield IngestResult(origin, error=item)
        elif isinstance(item, Prepared):
            yield store_prepared(store, item, lexicon)
        else:
            document_id = store.document_id_by_hash(content_hash(item))
            yield IngestResult(origin, item.title, document_id, already=True)


def ingest_one(store: Store, article: Article, lexicon: Lexicon) -> IngestResult:
    """One article, as `ingest_stream` stores it (`Ledger.ingest`)."""
    [result] = ingest_stream(store, [(article.origin, article)], lexicon)
    return result


def default_seeds() -> Path:
    """The article(s) shipped with the package (seeds/ of the repository), wherever it is run from."""
    bundled = Path(__file__).resolve().parent / "seeds"
    if bundled.is_dir():
        return bundled
    raise InputError("this installation has no bundled seeds/; name the articles to ingest")


@dataclass(frozen=True)
class IngestRequest:
    """What `claimtrack ingest` was asked to read, as its arguments and options give it."""

    paths: tuple[str, ...] = ()  # files, folders, URLs, "-"; none (and no batch): the bundled seeds
    published: str | None = None  # these four win over what each article says
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    feed: str | None = None  # an RSS or Atom feed's URL
    load: Path | None = None  # a saved feed
    jsonl: str | None = None  # a JSON Lines batch, or "-"
    timeout: float = 15.0  # seconds a page or feed may take
    allow_private: bool = False  # follow links and redirects to private addresses too
    jobs: int = 1  # processes that extract


@dataclass(frozen=True)
class IngestRun:
    """An ingest under way: its results as each document is stored, how many documents there are
    (None when a batch or feed makes it unknown), and the README-style files a folder walk left out."""

    results: Iterator[IngestResult]
    total: int | None
    skipped: list[str] = field(default_factory=list)


@contextmanager
def ingesting(
    db: Path,
    request: IngestRequest,
    *,
    on_wait: OnWait | None = None,
    notify: Callable[[str], None] | None = None,
) -> Iterator[IngestRun]:
    """`claimtrack ingest`: the ledger at `db` opened, the inputs found, and their results to be
    taken one by one; the ledger is closed (and any worker processes stopped) when the block ends.
    A bad --published raises ArticleError before the ledger is opened. `notify` hears notes on feed
    entries (the feed's own text stood in for a page) as they are read."""
    if request.published:
        parse_date(request.published, "--published")
    batch = request.feed or request.load or request.jsonl
    targets = list(request.paths) or ([] if batch else [str(default_seeds())])
    overrides = {"published": request.published, "title": request.title, "outlet": request.outlet, "url": request.url}
    with opened(db, on_wait=on_wait) as store:
        lexicon = command_lexicon(store)
        skipped: list[str] = []
        sources = input_sources(targets, skipped)
        inputs: Iterable[Read] = read_sources(sources, overrides, request.timeout, request.allow_private)
        # unknown with a batch: it is read as it is stored
        total: int | None = None if any(isinstance(s, Batch) for s in sources) else len(sources)
        if request.jsonl:
            inputs, total = chain(inputs, read_batch(request.jsonl)), None
        if request.feed or request.load:
            feed = read_feed(
                request.feed,
                request.load,
                is_new=lambda url: store.document_id_by_url(url) is None,
                notify=notify,
                timeout=request.timeout,
                allow_private=request.allow_private,
            )
            inputs, total = chain(inputs, feed), None
        results = ingest_stream(store, inputs, lexicon, request.jobs)
        try:
            yield IngestRun(results, total, skipped)
        finally:
            results.close()  # stops the worker processes of a run cut short, before the ledger closes
