"""The ledger on disk: the schema, its migrations and every SQL statement.

One SQLite file (WAL, foreign keys on, a busy timeout). Migrations are
numbered and recorded in `PRAGMA user_version`; an older file is migrated on
open. Each document is written in one transaction (`Store.transaction`), so an
interrupted ingest leaves either the whole document or nothing.

The modules, by concern:
    connection  opening, pragmas, locking, transactions, running a statement (StoreBase)
    errors      StoreError and SQLite's errors said in one line
    migrations  the schema as its numbered steps, a changelog
    rows        term keys, JSON columns, id sets, links and verdicts from their rows
    documents   documents and actors
    writes      claims, links, statuses and history, report groups, verdicts, removal
    facts       what linking and the status engine read
    reads       what the commands list, search and show
    integrity   `check` and `backup`
"""

from __future__ import annotations

from claimtrack.store.documents import DocumentsMixin
from claimtrack.store.errors import StoreError, StoreIntegrityError
from claimtrack.store.errors import sqlite_error as _sqlite_error
from claimtrack.store.facts import FactsMixin
from claimtrack.store.integrity import IntegrityMixin
from claimtrack.store.migrations import SCHEMA_VERSION
from claimtrack.store.reads import ClaimFilter, ReadsMixin, TermClaims
from claimtrack.store.rows import like_pattern, term_key
from claimtrack.store.writes import WritesMixin

__all__ = [
    "BUSY_TIMEOUT_MS",
    "EXACT_COUNT_LIMIT",
    "FACTS_CACHE_LIMIT",
    "QUIET_WAIT_MS",
    "RELATED_LIMIT",
    "SCHEMA_VERSION",
    "ClaimFilter",
    "Store",
    "StoreError",
    "StoreIntegrityError",
    "TermClaims",
    "_sqlite_error",
    "like_pattern",
    "term_key",
]

# Tunables. The modules of this package read them from here when they run, not when they are
# imported, so `monkeypatch.setattr(claimtrack.store, "BUSY_TIMEOUT_MS", 200)` takes effect.
BUSY_TIMEOUT_MS = 30_000
QUIET_WAIT_MS = 1_000  # waited for another writer before saying so (see Store.on_wait)
# link candidates per ingested document: the most recent claims that share a term with it
RELATED_LIMIT = 2000
# past this many matches `show` estimates its totals from the kept counts instead of counting
EXACT_COUNT_LIMIT = 20_000
FACTS_CACHE_LIMIT = 20_000  # claims (a few tens of MB); past it the cache starts over


class Store(IntegrityMixin, WritesMixin, ReadsMixin, FactsMixin, DocumentsMixin):
    """All reads and writes of the ledger. `Store.open(path)` opens it; each mixin's methods are in
    the module named above, on top of `connection.StoreBase`."""
