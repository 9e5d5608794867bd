"""What the command line asks of the ledger, one function a command: each opens the ledger at the
path it is given, checks the request against it, calls the use cases of `claimtrack.service`, closes
it, and returns what the command prints. Nothing here prints or knows of formats.

Requests are checked in the order a person would fix them: a value no ledger could take (a date
that is not one) before the ledger is opened, a value this ledger cannot take (a side no actor has)
after. Errors are typed: `ArticleError` (a bad date), `NotFoundError`, `InputError` and `UsageError`
(`claimtrack.errors`), `LexiconError` and `StoreError`.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from claimtrack.article import parse_date
from claimtrack.errors import InputError, NotFoundError, UsageError
from claimtrack.lexicon import Lexicon, load_lexicon
from claimtrack.models import MAX_ROW_ID, ActorCount, DocumentSummary, StoredClaim
from claimtrack.service import (
    ClaimDetail,
    ReviewItem,
    SourceRecord,
    TermReport,
    TimelineEntry,
    actors,
    claim_detail,
    claims_about,
    claims_for_review_export,
    count_claims,
    known_sides,
    ledger_lexicon,
    list_claims,
    list_documents,
    open_store,
    review,
    search,
    sources,
    stored_readings,
    timeline,
)
from claimtrack.store import ClaimFilter, Store

if TYPE_CHECKING:
    from claimtrack.evaluate import CorpusReport
    from claimtrack.extract import SentenceReading

OnWait = Callable[[str], None]

# --- the ledger and the language data, as every command has them ---------------------------------


@contextmanager
def opened(db: Path, *, readonly: bool = False, on_wait: OnWait | None = None) -> Iterator[Store]:
    """The ledger at `db` for the length of a command (see `service.open_store`), closed after it."""
    store = open_store(db, readonly=readonly, on_wait=on_wait)
    try:
        yield store
    finally:
        store.close()


def command_lexicon(store: Store | None = None) -> Lexicon:
    """The language data a command reads with: the bundled lexicon, or the folder CLAIMTRACK_LEXICON
    names laid over it, with the ledger's own actors and aliases (`service.ledger_lexicon`). Read
    when a command needs it, so a command that needs none works whatever the variable says."""
    override = os.environ.get("CLAIMTRACK_LEXICON")
    return ledger_lexicon(store, load_lexicon(Path(override) if override else None))


def iso_day(value: str | None, option: str) -> str | None:
    """A date as an option gives it, as YYYY-MM-DD; an ArticleError names the option otherwise."""
    return None if value is None else parse_date(value, option).isoformat()


def claim_id(text: str) -> int:
    """A claim id typed as a command's argument; one too large for the ledger names no claim."""
    number = int(text.strip())
    if number > MAX_ROW_ID:
        raise NotFoundError(f"no claim with id {number}")
    return number


def check_side(store: Store, side: str | None) -> None:
    """A side filter must name a side the ledger could hold: a typo would silently match nothing."""
    if side is None:
        return
    known = known_sides(store, command_lexicon(store))
    if side.strip().casefold() not in known:
        raise UsageError(f"unknown side {side!r}: one of {', '.join(sorted(known))}")


# --- claims -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ClaimQuery:
    """The filters of `list` and `search` as the options give them (dates as typed)."""

    statuses: tuple[str, ...] = ()
    source: str | None = None
    side: str | None = None
    about: tuple[str, ...] = ()
    since: str | None = None
    until: str | None = None
    limit: int | None = None
    first_reports_only: bool = False

    def claim_filter(self) -> ClaimFilter:
        return ClaimFilter(
            first_reports_only=self.first_reports_only,
            statuses=self.statuses,
            source=self.source,
            side=self.side,
            about=self.about,
            since=iso_day(self.since, "--since"),
            until=iso_day(self.until, "--until"),
            limit=self.limit,
        )


@dataclass(frozen=True)
class ClaimListing:
    claims: list[StoredClaim]
    more: int = 0  # claims past the limit (counted only when asked)


def claim_listing(db: Path, query: ClaimQuery, *, count_more: bool = False) -> ClaimListing:
    """The claims of `list`; with `count_more`, how many more the limit left out."""
    flt = query.claim_filter()
    with opened(db, readonly=True) as store:
        check_side(store, query.side)
        lexicon = command_lexicon(store) if query.about else None
        claims = list_claims(store, flt, lexicon)
        full = count_more and flt.limit is not None and len(claims) == flt.limit
        more = count_claims(store, flt, lexicon) - len(claims) if full else 0
    return ClaimListing(claims, more)


def search_claims(db: Path, words: str, query: ClaimQuery) -> list[StoredClaim]:
    """The claims of `search`, best matches first."""
    flt = query.claim_filter()
    with opened(db, readonly=True) as store:
        check_side(store, query.side)
        return search(store, words, flt, command_lexicon(store) if query.about else None)


def show(db: Path, term: str, limit: int | None) -> ClaimDetail | TermReport | None:
    """`show`: a claim in full when `term` is an id, else the latest `limit` claims about a place or
    subject, or None when nothing is about it (an empty listing, not an error)."""
    with opened(db, readonly=True) as store:
        if term.strip().isdigit():
            return claim_detail(store, claim_id(term))
        try:
            return claims_about(store, term, command_lexicon(store), limit)
        except NotFoundError:
            return None


def review_queue(db: Path, days: int, changed_since: str | None) -> list[ReviewItem]:
    """`review`: claims unverified for more than `days`, disputes with no verdict, recent changes."""
    since = iso_day(changed_since, "--changed-since")
    with opened(db, readonly=True) as store:
        return review(store, dt.date.today(), days, since)


@dataclass(frozen=True)
class ClaimExport:
    claims: list[StoredClaim]
    reviewed: list[tuple[StoredClaim, list[StoredClaim]]]  # final claims with their reports, when asked


def export_claims(db: Path, about: str | None, *, reviewed: bool = False) -> ClaimExport:
    """Every claim, or every claim about a term (none when nothing is); with `reviewed`, the claims
    in a final state with all their reports (for ClaimReview)."""
    with opened(db, readonly=True) as store:
        if about:
            try:
                claims = list(claims_about(store, about, command_lexicon(store)).claims)
            except NotFoundError:
                claims = []
        else:
            claims = list_claims(store, ClaimFilter())
        return ClaimExport(claims, claims_for_review_export(store, claims) if reviewed else [])


def timeline_of(db: Path, term: str, by: str) -> list[TimelineEntry]:
    """`timeline`: claims and status changes about a term, in date order; none when nothing is about it."""
    with opened(db, readonly=True) as store:
        try:
            return timeline(store, term, command_lexicon(store), by)
        except NotFoundError:
            return []


@dataclass(frozen=True)
class Explanation:
    reading: SentenceReading
    stored: list[ClaimDetail]


def explain(db: Path, sentence: str, context: str | None, published: str | None) -> Explanation:
    """How a sentence (or the sentence of the claim whose id it is) is read, with the ledger's claims
    from it when there is a ledger at `db`."""
    from claimtrack.extract import explain_sentence

    date = iso_day(published, "--published")
    store = open_store(db, readonly=True) if db.exists() else None
    try:
        if sentence.strip().isdigit():
            if store is None:
                raise NotFoundError(f"{db}: no ledger to look claim {sentence.strip()} up in")
            detail = claim_detail(store, claim_id(sentence))
            sentence, date = detail.claim.sentence, date or detail.claim.published
        when = dt.date.fromisoformat(date[:10]) if date else None
        reading = explain_sentence(sentence, command_lexicon(store), context, when)
        return Explanation(reading, stored_readings(store, sentence) if store is not None else [])
    finally:
        if store is not None:
            store.close()


# --- sources, actors, documents ---------------------------------------------------------------------


def source_records(db: Path, side: str | None, sort: str) -> list[SourceRecord]:
    """`sources`: each source's track record."""
    with opened(db, readonly=True) as store:
        check_side(store, side)
        return sources(store, side, sort)


def actor_counts(db: Path, side: str | None) -> list[ActorCount]:
    """`actors`: the actors in the ledger with their claim counts."""
    with opened(db, readonly=True) as store:
        check_side(store, side)
        return actors(store, side)


def documents(db: Path) -> list[DocumentSummary]:
    """`documents`: the documents in the order they were ingested."""
    with opened(db, readonly=True) as store:
        return list_documents(store)


# --- the ledger as a whole --------------------------------------------------------------------------


@dataclass(frozen=True)
class LedgerCheck:
    problems: list[str]
    counts: dict[str, int]
    schema_version: int


def check(db: Path) -> LedgerCheck:
    """`check`: integrity, foreign keys, schema version, full-text index, orphan rows."""
    with opened(db, readonly=True) as store:
        return LedgerCheck(store.integrity_problems(), store.counts(), store.schema_version)


def backup(db: Path, target: Path) -> dict[str, int]:
    """`backup`: copy the ledger to `target` with SQLite's online backup; what the copy holds."""
    if target.resolve() == db.resolve():
        raise InputError("the backup must go to another file than the ledger")
    with opened(db, readonly=True) as store:
        store.backup(target)
        return store.counts()


def serve(db: Path, host: str, port: int, *, immutable: bool, announce: Callable[[bool], None]) -> int:
    """`serve`: the ledger read-only in Datasette until stopped; `announce(exposed)` is called once
    the address is bound (`exposed`: reachable from other machines). Raises `browse.ServeError`."""
    from claimtrack import browse

    if not browse.datasette_available():
        raise browse.ServeError("serve needs Datasette: pip install 'claimtrack[web]'")
    if not db.exists():
        raise browse.ServeError(f"no ledger at {db}: ingest an article first", database=True)
    open_store(db, readonly=True).close()  # a damaged or newer ledger is refused before the port opens
    return browse.serve(db, host, port, immutable=immutable, announce=lambda: announce(not browse.is_loopback(host)))


def score(corpus: Path) -> CorpusReport:
    """`eval`: claimtrack's scores against an annotated corpus (docs/scores.md)."""
    from claimtrack.evaluate import score_corpus

    if not corpus.is_dir():
        raise InputError(f"{corpus}: not a folder")
    if not any(corpus.glob("*.gold.json")):
        raise InputError(f"{corpus}: no annotated articles (NAME.txt with NAME.gold.json)")
    return score_corpus(corpus, command_lexicon())
