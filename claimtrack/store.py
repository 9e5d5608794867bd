"""The ledger on disk: the schema, its migrations and every SQL statement.

One SQLite file (WAL, foreign keys on, a busy timeout). Migrations are
numbered and recorded in `PRAGMA user_version`; an older file is migrated on
open. Each document is written in one transaction (`Store.transaction`), so an
interrupted ingest leaves either the whole document or nothing.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from functools import cached_property, lru_cache, wraps
from pathlib import Path
from typing import TYPE_CHECKING, Any, ParamSpec, TypeVar

from claimtrack.linking import EVENT_WINDOW_DAYS, LINK_WINDOW_DAYS
from claimtrack.models import (
    Actor,
    ActorCount,
    Article,
    Claim,
    ClaimFacts,
    DocumentSummary,
    HistoryEntry,
    Link,
    Outcome,
    Quantity,
    Stance,
    Status,
    StatusResult,
    StoredClaim,
    StoredLink,
    Verdict,
)

if TYPE_CHECKING:
    import sqlite_utils

BUSY_TIMEOUT_MS = 30_000
QUIET_WAIT_MS = 1_000  # waited for another writer before saying so (see Store.on_wait)
# link candidates per ingested document: the most recent claims that share a term with it
RELATED_LIMIT = 2000
# past this many matches `show` estimates its totals from the kept counts instead of counting
EXACT_COUNT_LIMIT = 20_000
FACTS_CACHE_LIMIT = 20_000  # claims (a few tens of MB); past it the cache starts over
TERM_SEPARATOR = "\x1f"  # char(31), taken out of terms when they are stored

P = ParamSpec("P")
R = TypeVar("R")


class StoreError(RuntimeError):
    """The database cannot be opened, read or written; the message says why in one line."""


# Keep the full-text index in step with the claims (used by the migrations that create it).
FTS_TRIGGERS = """
        CREATE TRIGGER claims_ai AFTER INSERT ON claims BEGIN
            INSERT INTO claims_fts(rowid, content, sentence, source_text, notes)
            VALUES (new.id, new.content, new.sentence, new.source_text, new.notes);
        END;
        CREATE TRIGGER claims_ad AFTER DELETE ON claims BEGIN
            INSERT INTO claims_fts(claims_fts, rowid, content, sentence, source_text, notes)
            VALUES ('delete', old.id, old.content, old.sentence, old.source_text, old.notes);
        END;
        CREATE TRIGGER claims_au AFTER UPDATE OF content, sentence, source_text, notes ON claims BEGIN
            INSERT INTO claims_fts(claims_fts, rowid, content, sentence, source_text, notes)
            VALUES ('delete', old.id, old.content, old.sentence, old.source_text, old.notes);
            INSERT INTO claims_fts(rowid, content, sentence, source_text, notes)
            VALUES (new.id, new.content, new.sentence, new.source_text, new.notes);
        END;
"""


def _run_script(conn: sqlite3.Connection, script: str) -> None:
    """Run statements one by one: executescript() would commit the open transaction."""
    statement = ""
    for line in script.splitlines(keepends=True):
        statement += line
        if sqlite3.complete_statement(statement):
            conn.execute(statement)
            statement = ""
    if statement.strip():
        conn.execute(statement)


def _v1(conn: sqlite3.Connection) -> None:
    _run_script(
        conn,
        """
        CREATE TABLE documents (
            id INTEGER PRIMARY KEY,
            hash TEXT NOT NULL UNIQUE,
            title TEXT, outlet TEXT, url TEXT,
            published TEXT, published_text TEXT,
            origin TEXT NOT NULL,
            body TEXT NOT NULL,
            ingested_at TEXT NOT NULL
        );
        CREATE INDEX idx_documents_published ON documents(published);
        CREATE TABLE actors (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,
            side TEXT NOT NULL,
            kind TEXT NOT NULL DEFAULT 'organisation',
            origin TEXT NOT NULL DEFAULT 'lexicon'
        );
        CREATE INDEX idx_actors_side ON actors(side);
        CREATE TABLE aliases (
            id INTEGER PRIMARY KEY,
            actor_id INTEGER NOT NULL REFERENCES actors(id) ON DELETE CASCADE,
            alias TEXT NOT NULL,
            alias_key TEXT NOT NULL,
            origin TEXT NOT NULL DEFAULT 'lexicon',
            UNIQUE(actor_id, alias_key)
        );
        CREATE INDEX idx_aliases_key ON aliases(alias_key);
        CREATE TABLE claims (
            id INTEGER PRIMARY KEY,
            document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            actor_id INTEGER NOT NULL REFERENCES actors(id),
            source_text TEXT NOT NULL,
            cue TEXT NOT NULL,
            stance TEXT NOT NULL CHECK (stance IN ('assert', 'deny', 'confirm')),
            content TEXT NOT NULL,
            sentence TEXT NOT NULL,
            sentence_start INTEGER NOT NULL,
            sentence_end INTEGER NOT NULL,
            sentence_index INTEGER NOT NULL,
            rule TEXT NOT NULL,
            channel TEXT,
            event_start TEXT, event_end TEXT, event_precision TEXT, event_words TEXT,
            hedges TEXT NOT NULL DEFAULT '[]',
            notes TEXT NOT NULL DEFAULT '[]',
            quantities TEXT NOT NULL DEFAULT '[]',
            outcomes TEXT NOT NULL DEFAULT '[]',
            future INTEGER NOT NULL DEFAULT 0,
            target_id INTEGER REFERENCES claims(id),
            target_relation TEXT,
            status TEXT NOT NULL DEFAULT 'unverified'
                CHECK (status IN ('confirmed', 'disputed', 'unverified')),
            status_reason TEXT NOT NULL DEFAULT '',
            UNIQUE(document_id, sentence_index, actor_id)
        );
        CREATE INDEX idx_claims_status ON claims(status);
        CREATE INDEX idx_claims_actor ON claims(actor_id);
        CREATE INDEX idx_claims_document ON claims(document_id);
        CREATE INDEX idx_claims_event ON claims(event_start);
        CREATE TABLE claim_about (
            claim_id INTEGER NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
            term TEXT NOT NULL,
            term_key TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('own', 'context', 'outcome')),
            PRIMARY KEY (claim_id, term_key, kind)
        );
        CREATE INDEX idx_about_term ON claim_about(term_key);
        CREATE TABLE links (
            id INTEGER PRIMARY KEY,
            source_id INTEGER NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
            target_id INTEGER NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
            relation TEXT NOT NULL
                CHECK (relation IN ('corroborates', 'contradicts', 'denies', 'confirms')),
            rule TEXT NOT NULL,
            evidence TEXT NOT NULL DEFAULT '',
            document_id INTEGER REFERENCES documents(id) ON DELETE CASCADE,
            created_at TEXT NOT NULL,
            UNIQUE(source_id, target_id, relation, rule)
        );
        CREATE INDEX idx_links_source ON links(source_id);
        CREATE INDEX idx_links_target ON links(target_id);
        CREATE TABLE status_history (
            id INTEGER PRIMARY KEY,
            claim_id INTEGER NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
            old_status TEXT,
            new_status TEXT NOT NULL,
            reason TEXT NOT NULL,
            document_id INTEGER REFERENCES documents(id) ON DELETE SET NULL,
            changed_at TEXT NOT NULL
        );
        CREATE INDEX idx_history_claim ON status_history(claim_id);
        CREATE VIRTUAL TABLE claims_fts USING fts5(
            content, sentence, source_text, notes, content='claims', content_rowid='id'
        );
        """
        + FTS_TRIGGERS
        + """
        """,
    )


def _v2(conn: sqlite3.Connection) -> None:
    """Analyst verdicts, and reports: the same claim carried by several articles."""
    _run_script(
        conn,
        """
        CREATE TABLE verdicts (
            id INTEGER PRIMARY KEY,
            claim_id INTEGER NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
            status TEXT NOT NULL CHECK (status IN ('confirmed', 'disputed', 'unverified')),
            note TEXT NOT NULL,
            evidence TEXT NOT NULL DEFAULT '[]',
            analyst TEXT,
            created_at TEXT NOT NULL,
            cleared_at TEXT,
            superseded_by INTEGER REFERENCES verdicts(id)
        );
        CREATE INDEX idx_verdicts_claim ON verdicts(claim_id);
        ALTER TABLE claims ADD COLUMN report_of INTEGER REFERENCES claims(id);
        CREATE INDEX idx_claims_report_of ON claims(report_of);
        """,
    )


def _v3(conn: sqlite3.Connection) -> None:
    """Pages and feed entries are recognised by their URL."""
    conn.execute("CREATE INDEX idx_documents_url ON documents(url)")


def _v4(conn: sqlite3.Connection) -> None:
    """Places with coordinates, views, and the full-text index declared the way Datasette finds it
    (content="claims"): the file is useful in Datasette as it is."""
    _run_script(
        conn,
        """
        CREATE TABLE places (
            name TEXT PRIMARY KEY,
            kind TEXT,
            region TEXT,
            country TEXT,
            latitude REAL,
            longitude REAL
        );
        CREATE VIEW claims_readable AS
            SELECT c.id, c.status, a.name AS source, a.side, c.stance, c.sentence, c.content,
                   c.status_reason, c.event_start AS event_date, d.published, d.outlet, d.title,
                   d.url, d.origin AS document, c.report_of
            FROM claims c JOIN actors a ON a.id = c.actor_id JOIN documents d ON d.id = c.document_id;
        CREATE VIEW disputed_claims AS
            SELECT * FROM claims_readable WHERE status = 'disputed' AND report_of IS NULL;
        CREATE VIEW confirmed_claims AS
            SELECT * FROM claims_readable WHERE status = 'confirmed' AND report_of IS NULL;
        DROP TRIGGER claims_ai;
        DROP TRIGGER claims_ad;
        DROP TRIGGER claims_au;
        DROP TABLE claims_fts;
        CREATE VIRTUAL TABLE claims_fts USING fts5(
            content, sentence, source_text, notes, content="claims", content_rowid="id"
        );
        INSERT INTO claims_fts(claims_fts) VALUES ('rebuild');
        """
        + FTS_TRIGGERS
        + """
        CREATE VIEW claim_places AS
            SELECT r.id AS claim, p.name AS place, p.latitude, p.longitude, r.status, r.source, r.side,
                   r.sentence, r.published
            FROM claims_readable r JOIN claim_about t ON t.claim_id = r.id AND t.kind = 'own'
            JOIN places p ON lower(p.name) = t.term_key
            WHERE r.report_of IS NULL AND p.latitude IS NOT NULL;
        """,
    )


def _v5(conn: sqlite3.Connection) -> None:
    """Each term row carries its claim's day (event date, else publication date), so link
    candidates are found by term and time together through one index."""
    _run_script(
        conn,
        """
        ALTER TABLE claim_about ADD COLUMN day TEXT;
        UPDATE claim_about SET day = (
            SELECT coalesce(substr(c.event_start, 1, 10), d.published)
            FROM claims c JOIN documents d ON d.id = c.document_id WHERE c.id = claim_about.claim_id
        );
        DROP INDEX idx_about_term;
        CREATE INDEX idx_about_term_day ON claim_about(term_key, day);
        """,
    )


TERM_COUNTS_RECOUNT = """
    SELECT a.term_key, c.status, count(DISTINCT a.claim_id) FROM claim_about a
    JOIN claims c ON c.id = a.claim_id GROUP BY a.term_key, c.status
"""


def _v6(conn: sqlite3.Connection) -> None:
    """How many claims of each status carry each term, kept by triggers: `show` on a town that
    holds a tenth of an archive counts its claims without reading them."""
    _run_script(
        conn,
        f"""
        CREATE TABLE term_counts (
            term_key TEXT NOT NULL,
            status TEXT NOT NULL,
            claims INTEGER NOT NULL,
            PRIMARY KEY (term_key, status)
        ) WITHOUT ROWID;
        INSERT INTO term_counts (term_key, status, claims) {TERM_COUNTS_RECOUNT};
        CREATE INDEX idx_about_term_claim ON claim_about(term_key, claim_id);
        CREATE TRIGGER term_counts_about AFTER INSERT ON claim_about
        WHEN NOT EXISTS (SELECT 1 FROM claim_about WHERE claim_id = new.claim_id AND term_key = new.term_key
                         AND rowid != new.rowid)
        BEGIN
            INSERT INTO term_counts (term_key, status, claims)
            SELECT new.term_key, status, 1 FROM claims WHERE id = new.claim_id
            ON CONFLICT (term_key, status) DO UPDATE SET claims = claims + 1;
        END;
        CREATE TRIGGER term_counts_unabout AFTER DELETE ON claim_about
        WHEN NOT EXISTS (SELECT 1 FROM claim_about WHERE claim_id = old.claim_id AND term_key = old.term_key)
        BEGIN
            UPDATE term_counts SET claims = claims - 1
            WHERE term_key = old.term_key AND status = (SELECT status FROM claims WHERE id = old.claim_id);
        END;
        CREATE TRIGGER term_counts_unclaim BEFORE DELETE ON claims
        BEGIN
            UPDATE term_counts SET claims = claims - 1
            WHERE status = old.status AND term_key IN (SELECT term_key FROM claim_about WHERE claim_id = old.id);
        END;
        CREATE TRIGGER term_counts_status AFTER UPDATE OF status ON claims WHEN old.status != new.status
        BEGIN
            UPDATE term_counts SET claims = claims - 1
            WHERE status = old.status AND term_key IN (SELECT term_key FROM claim_about WHERE claim_id = new.id);
            INSERT INTO term_counts (term_key, status, claims)
            SELECT DISTINCT term_key, new.status, 1 FROM claim_about WHERE claim_id = new.id
            ON CONFLICT (term_key, status) DO UPDATE SET claims = claims + 1;
        END;
        """,
    )


def _v7(conn: sqlite3.Connection) -> None:
    """Whether a claim is hedged ("may have", "reportedly"): a hedged claim confirms no other; and
    which of its terms are broad places (a country, a region), which do not make two claims about one
    event. Claims stored before this step count as unhedged and their terms as narrow."""
    conn.execute("ALTER TABLE claims ADD COLUMN hedged INTEGER NOT NULL DEFAULT 0")
    conn.execute("ALTER TABLE claim_about ADD COLUMN broad INTEGER NOT NULL DEFAULT 0")
    # what a link is about (a place, "count:killed"); '' for a pointer at the whole claim
    conn.execute("ALTER TABLE links ADD COLUMN subject TEXT NOT NULL DEFAULT ''")


MIGRATIONS: tuple[Callable[[sqlite3.Connection], None], ...] = (_v1, _v2, _v3, _v4, _v5, _v6, _v7)
SCHEMA_VERSION = len(MIGRATIONS)


@dataclass(frozen=True)
class ClaimFilter:
    statuses: tuple[str, ...] = ()
    source: str | None = None
    side: str | None = None
    about: tuple[str, ...] = ()
    since: str | None = None
    until: str | None = None
    limit: int | None = None
    ids: tuple[int, ...] = ()
    first_reports_only: bool = False
    # each --about term with every spelling that names it (service.term_keys); () reads `about` as typed
    about_keys: tuple[tuple[str, ...], ...] = ()


@dataclass(frozen=True)
class TermClaims:
    """The claims `show TERM` lists, and how many of each status there are in all."""

    claims: list[StoredClaim]
    totals: dict[str, int]
    exact: bool = True


def term_key(term: str) -> str:
    return " ".join(term.replace("\u2019", "'").casefold().split())


def _json_list(value: str | None) -> tuple[Any, ...]:
    return tuple(json.loads(value)) if value else ()


# Claims are read again each time a later article touches them; the same JSON is decoded once.
@lru_cache(maxsize=65536)
def _quantities(value: str | None) -> tuple[Quantity, ...]:
    return tuple(Quantity(**q) for q in _json_list(value))


@lru_cache(maxsize=65536)
def _outcomes(value: str | None) -> tuple[Outcome, ...]:
    return tuple(Outcome(**o) for o in _json_list(value))


def _terms(value: str | None) -> frozenset[str]:
    return frozenset(value.split(TERM_SEPARATOR)) if value else frozenset()


MESSAGE_LIMIT = 160  # characters of SQLite's own text kept in a message
DAMAGE_REPORT_LIMIT = 20  # problems SQLite's checks list before they stop
SCAN_PAGE = 1000  # rows read at a time when `check` reads every row


def _one_line(text: str) -> str:
    line = " ".join(text.split())
    return line if len(line) <= MESSAGE_LIMIT else line[: MESSAGE_LIMIT - 3] + "..."


def _damaged(path: str, what: str) -> StoreError:
    return StoreError(f"{path} is damaged ({_one_line(what)}); restore it from a backup")


def _sqlite_error(exc: sqlite3.Error | UnicodeDecodeError, path: str) -> StoreError:
    """One line for any error SQLite (or the decoding of what it returned) raised."""
    if isinstance(exc, UnicodeDecodeError):  # SQLite's own message quoted bytes that are not UTF-8
        return _damaged(path, "text that is not UTF-8")
    text = str(exc)
    name = getattr(exc, "sqlite_errorname", None) or ""
    error = StoreIntegrityError if isinstance(exc, sqlite3.IntegrityError) else StoreError
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "locked" in text or "busy" in text:
        return StoreError(f"database {path} is locked by another process; try again")
    if name == "SQLITE_FULL" or "database or disk is full" in text:
        return StoreError(f"cannot write {path}: the disk is full; the change was not made")
    if name.startswith("SQLITE_IOERR") or "disk I/O error" in text:
        return StoreError(f"cannot read or write {path}: disk I/O error; the change was not made")
    if name.startswith("SQLITE_READONLY") or "readonly" in text or "read-only" in text:
        return StoreError(f"database {path} is read-only")
    if name == "SQLITE_NOTADB" or "not a database" in text:
        return StoreError(f"{path} is not a claimtrack database ({_one_line(text)})")
    if name.startswith("SQLITE_CORRUPT") or "malformed" in text:
        return _damaged(path, text)
    if text.startswith("Could not decode to UTF-8"):  # the text after it is the damaged bytes
        return _damaged(path, text.partition(" with text")[0].replace("Could not decode to UTF-8", "not UTF-8:"))
    if name.startswith("SQLITE_CANTOPEN") or "unable to open" in text:
        return StoreError(f"cannot open database {path}")
    return error(f"database {path}: {_one_line(text)}")


class StoreIntegrityError(StoreError, sqlite3.IntegrityError):
    """A write broke a rule of the schema (a unique or foreign key): a StoreError that code written
    against sqlite3 still catches as sqlite3.IntegrityError."""


DECODING_ERRORS = (ValueError, TypeError, KeyError, IndexError, UnicodeDecodeError)


def _decodes(method: Callable[P, R]) -> Callable[P, R]:
    """A Store method that turns rows into objects: a row it cannot read (bytes flipped on disk) is a
    damaged ledger, said in one line, never a traceback."""

    @wraps(method)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return method(*args, **kwargs)
        except DECODING_ERRORS as exc:
            store = args[0]
            assert isinstance(store, Store)
            raise _damaged(store.path, f"a stored row cannot be read: {type(exc).__name__}") from exc

    return wrapper


@dataclass(frozen=True)
class Result:
    """The whole answer to one statement, read while SQLite's errors are still caught: a damaged
    page met halfway through the rows is a StoreError too."""

    rows: list[Any]
    lastrowid: int | None = None
    rowcount: int = -1

    def fetchone(self) -> Any:
        return self.rows[0] if self.rows else None

    def fetchall(self) -> list[Any]:
        return self.rows

    def __iter__(self) -> Iterator[Any]:
        return iter(self.rows)


def like_pattern(text: str) -> str:
    """`text` anywhere in a LIKE operand, its wildcards taken literally (with ESCAPE '\\')."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


ID_SET = "(SELECT value FROM json_each(?))"  # one parameter for any number of ids (the limit is 32766)
ID_SET_NAMED = "(SELECT value FROM json_each(:ids))"


def id_list(ids: Iterable[int]) -> str:
    """Claim ids as the one JSON parameter of `ID_SET`."""
    return json.dumps(sorted(set(ids)))


LEDGER_TABLES = frozenset({"documents", "actors", "aliases", "claims"})  # present from schema 1 on


def _connect(target: str, *, uri: bool = False) -> sqlite3.Connection:
    return sqlite3.connect(target, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, uri=uri)


def _reader_connection(file: Path) -> sqlite3.Connection:
    """A connection for commands that only read. Where this user may write the folder and the file,
    a plain one (the Store sets query_only): `mode=ro` would leave an empty -wal and a -shm behind.
    Elsewhere `mode=ro`; a WAL ledger whose -shm cannot be made there is read as immutable (no
    writer can change it there either), unless its -wal holds changes, which only a copy in a
    writable folder can read."""
    target = str(file)
    try:
        if os.access(file.parent, os.W_OK) and os.access(file, os.W_OK):
            return _connect(target)
        uri = file.resolve().as_uri()
        conn = _connect(f"{uri}?mode=ro", uri=True)
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchall()
            return conn
        except sqlite3.OperationalError as exc:
            conn.close()
            name = getattr(exc, "sqlite_errorname", "") or ""
            if name != "SQLITE_CANTOPEN" and not name.startswith("SQLITE_READONLY"):
                raise
        wal = Path(f"{file}-wal")
        if wal.is_file() and wal.stat().st_size > 0:
            raise StoreError(
                f"{file} has changes in {wal.name} that cannot be read in a folder this user cannot write: "
                "copy both files to a writable folder"
            )
        return _connect(f"{uri}?mode=ro&immutable=1", uri=True)
    except (sqlite3.Error, UnicodeDecodeError) as exc:
        raise _sqlite_error(exc, target) from exc


class Store:
    """All reads and writes of the ledger."""

    def __init__(self, conn: sqlite3.Connection, path: str = ":memory:", *, readonly: bool = False) -> None:
        self.conn = conn
        self.path = path
        self.readonly = readonly
        self._in_transaction = False
        # told, once, when another process holds the write lock for more than QUIET_WAIT_MS (the
        # command line says so on a terminal rather than wait in silence for up to 30 s)
        self.on_wait: Callable[[str], None] | None = None
        # Facts of claims already read: an ingest reads the same earlier claims for article after
        # article. Dropped when another connection commits (PRAGMA data_version moves), on a
        # rollback, and per claim or wholesale when this store changes what they hold.
        self._facts_cache: dict[int, ClaimFacts] = {}
        self._facts_version: int | None = None

    @cached_property
    def db(self) -> sqlite_utils.Database:
        """The ledger as a sqlite-utils database, for scripts and notebooks (opened on first use:
        importing sqlite-utils costs every command a tenth of its start-up). It shares this store's
        connection: after writing claims or actors through it, call `forget_facts()`."""
        import sqlite_utils

        return sqlite_utils.Database(self.conn)

    # --- opening and migrating -------------------------------------------

    @classmethod
    def open(cls, path: Path | str, *, readonly: bool = False) -> Store:
        """The ledger at `path`, at this schema. A writer creates the file and its folder, and
        creates or migrates the schema under the write lock. A reader never writes (an older ledger
        is upgraded once by a writer's connection first). A file that is not a ledger is refused
        before anything is written to it."""
        target = str(path)
        if target == ":memory:":
            return cls._configured(_connect(target), target, readonly=False)
        if readonly:
            return cls._open_reader(Path(target))
        return cls._open_writer(Path(target))

    @classmethod
    def _open_writer(cls, file: Path) -> Store:
        try:
            file.parent.mkdir(parents=True, exist_ok=True)
            if not os.access(file.parent, os.W_OK):  # a WAL ledger is written through files beside it
                raise StoreError(f"database {file} is read-only (this user cannot write its folder)")
            conn = _connect(str(file))
        except OSError as exc:
            raise StoreError(f"cannot create database {file}: {exc.strerror or exc}") from exc
        except sqlite3.Error as exc:
            raise _sqlite_error(exc, str(file)) from exc
        return cls._configured(conn, str(file), readonly=False)

    @classmethod
    def _open_reader(cls, file: Path) -> Store:
        if not file.exists():
            raise StoreError(f"no database at {file}: run 'claimtrack ingest' first")
        store = cls._configured(_reader_connection(file), str(file), readonly=True)
        if store.schema_version == SCHEMA_VERSION:
            return store
        version = store.schema_version
        store.close()
        try:
            cls._open_writer(file).close()
        except StoreError as exc:
            raise StoreError(
                f"{file} is at schema {version} and must be upgraded to {SCHEMA_VERSION} by a command that "
                f"writes, which failed: {exc}"
            ) from exc
        return cls._configured(_reader_connection(file), str(file), readonly=True)

    @classmethod
    def _configured(cls, conn: sqlite3.Connection, target: str, *, readonly: bool) -> Store:
        store = cls(conn, target, readonly=readonly)
        try:
            store._execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            store._execute("PRAGMA foreign_keys = ON")
            if readonly:
                store._execute("PRAGMA query_only = ON")
            version = store._ledger_version()  # a file that is not a ledger is left as it was
            if readonly and version == 0:
                raise StoreError(f"{target} holds no claims yet: run 'claimtrack ingest' first")
            if not readonly and target != ":memory:":
                store._use_wal()
            if not readonly:
                store.migrate()
        except BaseException:
            conn.close()
            raise
        return store

    def _use_wal(self) -> None:
        """Switch the file to WAL. SQLite answers busy at once, without its busy handler, when other
        connections hold the file while it switches, as several first writers of a new file do: the
        switch is tried again until the busy timeout."""
        import time

        deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
        while True:
            try:
                self.conn.execute("PRAGMA journal_mode = WAL")
                return
            except sqlite3.OperationalError as exc:
                busy = str(getattr(exc, "sqlite_errorname", "")).startswith("SQLITE_BUSY")
                if not busy or time.monotonic() > deadline:
                    raise _sqlite_error(exc, self.path) from exc
                time.sleep(0.02)

    def close(self) -> None:
        self.conn.close()

    @property
    def schema_version(self) -> int:
        return int(self._execute("PRAGMA user_version").fetchone()[0])

    def _ledger_version(self) -> int:
        """The schema version of a claimtrack ledger or of an empty file; anything else is refused."""
        # the version and the tables in one statement, so from one snapshot: read apart, another
        # writer could create the schema in between (version 0, yet tables)
        rows = self._execute(
            "SELECT (SELECT user_version FROM pragma_user_version), name FROM "
            "(SELECT NULL AS name UNION ALL SELECT name FROM sqlite_master WHERE type = 'table')"
        ).fetchall()
        version = int(rows[0][0])
        if version > SCHEMA_VERSION:
            raise StoreError(f"{self.path} was written by a newer claimtrack (schema {version})")
        tables = {str(name) for _, name in rows if name is not None}
        if version == 0 and tables:
            raise StoreError(f"{self.path} is not a claimtrack database (it holds other tables)")
        if version > 0 and not LEDGER_TABLES.issubset(tables):
            raise StoreError(f"{self.path} is not a claimtrack database (schema {version} without a ledger's tables)")
        return version

    def migrate(self, *, readonly: bool = False) -> None:
        """Create or upgrade the schema in one transaction under the write lock. The version is read
        again once the lock is held: of several writers opening a new file at once, one creates the
        schema and the others find it made."""
        if readonly or self._ledger_version() == SCHEMA_VERSION:
            return
        with self.transaction():
            for number in range(self._ledger_version(), SCHEMA_VERSION):
                MIGRATIONS[number](self.conn)
                self._execute(f"PRAGMA user_version = {number + 1}")

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """BEGIN IMMEDIATE ... COMMIT, or ROLLBACK on any error: all or nothing. Any SQLite error in
        it, or in the COMMIT, leaves as a StoreError once the transaction is undone."""
        if self._in_transaction:
            yield
            return
        self._begin()
        self._in_transaction = True
        try:
            yield
            self._execute("COMMIT")
        except StoreError:
            self._rollback()
            raise
        except (sqlite3.Error, UnicodeDecodeError) as exc:
            self._rollback()
            raise _sqlite_error(exc, self.path) from exc
        except BaseException:
            self._rollback()
            raise
        finally:
            self._in_transaction = False

    def _begin(self) -> None:
        """BEGIN IMMEDIATE, waiting up to BUSY_TIMEOUT_MS for another writer; past the first second
        `on_wait` hears of it."""
        if self.on_wait is None:
            self._execute("BEGIN IMMEDIATE")
            return
        self.conn.execute(f"PRAGMA busy_timeout = {QUIET_WAIT_MS}")
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            if getattr(exc, "sqlite_errorname", "") != "SQLITE_BUSY":
                raise _sqlite_error(exc, self.path) from exc
            self.on_wait(f"{self.path} is being written by another process; waiting for it (up to 30 s)")
            self.conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS - QUIET_WAIT_MS}")
            self._execute("BEGIN IMMEDIATE")
        finally:
            self.conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")

    def _rollback(self) -> None:
        """Undo the open transaction. SQLite undoes it itself on a full disk or an I/O error, and a
        second ROLLBACK would fail: the error that brought us here is the one to report."""
        self.forget_facts()
        if self.conn.in_transaction:
            with suppress(sqlite3.Error):
                self.conn.execute("ROLLBACK")

    def _execute(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> Result:
        """Run one statement and read its whole answer; any SQLite error becomes a StoreError (a
        StoreIntegrityError for a broken constraint)."""
        try:
            cursor = self.conn.execute(sql, params)
            return Result(cursor.fetchall(), cursor.lastrowid, cursor.rowcount)
        except (sqlite3.Error, UnicodeDecodeError) as exc:
            raise _sqlite_error(exc, self.path) from exc

    def _rows(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> list[dict[str, Any]]:
        try:
            cursor = self.conn.execute(sql, params)
            names = [column[0] for column in cursor.description or ()]
            return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
        except (sqlite3.Error, UnicodeDecodeError) as exc:
            raise _sqlite_error(exc, self.path) from exc

    # --- documents ---------------------------------------------------------

    @_decodes
    def document_id_by_hash(self, digest: str) -> int | None:
        row = self._execute("SELECT id FROM documents WHERE hash = ?", (digest,)).fetchone()
        return int(row[0]) if row else None

    def insert_document(self, article: Article, digest: str, ingested_at: str) -> int:
        cursor = self._execute(
            "INSERT INTO documents (hash, title, outlet, url, published, published_text, origin, body, "
            "ingested_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                digest,
                article.title,
                article.outlet,
                article.url,
                article.published.isoformat() if article.published else None,
                article.published_text,
                article.origin,
                article.body,
                ingested_at,
            ),
        )
        return int(cursor.lastrowid or 0)

    def ensure_place(
        self, name: str, kind: str, region: str | None, country: str | None, lat: float | None, lon: float | None
    ) -> None:
        self._execute(
            "INSERT OR IGNORE INTO places (name, kind, region, country, latitude, longitude) VALUES (?, ?, ?, ?, ?, ?)",
            (name, kind, region, country, lat, lon),
        )

    @_decodes
    def document_id_by_url(self, url: str) -> int | None:
        row = self._execute("SELECT id FROM documents WHERE url = ? LIMIT 1", (url,)).fetchone()
        return int(row[0]) if row else None

    def document_count(self) -> int:
        return int(self._execute("SELECT count(*) FROM documents").fetchone()[0])

    @_decodes
    def documents(self) -> list[DocumentSummary]:
        """Every document, in the order they were ingested, with its number of claims."""
        return self._document_summaries("1 = 1", ())

    def document(self, document_id: int) -> DocumentSummary | None:
        found = self._document_summaries("d.id = ?", (document_id,))
        return found[0] if found else None

    @_decodes
    def _document_summaries(self, where: str, params: Sequence[Any]) -> list[DocumentSummary]:
        rows = self._rows(
            "SELECT d.id, d.origin, d.title, d.outlet, d.url, d.published, d.ingested_at, "
            "(SELECT count(*) FROM claims c WHERE c.document_id = d.id) AS claims "
            f"FROM documents d WHERE {where} ORDER BY d.id",
            params,
        )
        return [
            DocumentSummary(
                int(r["id"]),
                r["origin"],
                r["title"],
                r["outlet"],
                r["url"],
                r["published"],
                r["ingested_at"],
                int(r["claims"]),
            )
            for r in rows
        ]

    @_decodes
    def document_claim_ids(self, document_id: int) -> list[int]:
        rows = self._execute("SELECT id FROM claims WHERE document_id = ? ORDER BY id", (document_id,))
        return [int(r[0]) for r in rows]

    def ingested_after(self, document_id: int) -> bool:
        """Was any document stored after this one? (Ids only grow while a later document exists.)"""
        return self._execute("SELECT 1 FROM documents WHERE id > ? LIMIT 1", (document_id,)).fetchone() is not None

    # --- actors ------------------------------------------------------------

    def ensure_actor(self, actor: Actor, origin: str = "lexicon") -> int:
        row = self._execute("SELECT id FROM actors WHERE name = ?", (actor.name,)).fetchone()
        if row:
            actor_id = int(row[0])
        else:
            actor_id = int(
                self._execute(
                    "INSERT INTO actors (name, side, kind, origin) VALUES (?, ?, ?, ?)",
                    (actor.name, actor.side, actor.kind, origin),
                ).lastrowid
                or 0
            )
        for alias in (actor.name, *actor.aliases):
            self._execute(
                "INSERT OR IGNORE INTO aliases (actor_id, alias, alias_key, origin) VALUES (?, ?, ?, ?)",
                (actor_id, alias, term_key(alias), origin),
            )
        return actor_id

    def set_actor(self, actor: Actor) -> int:
        """Create or update a user-defined actor (its side and kind win over the lexicon's)."""
        self.forget_facts()  # sides, groups or verdicts of many claims
        actor_id = self.ensure_actor(actor, origin="user")
        self._execute(
            "UPDATE actors SET side = ?, kind = ?, origin = 'user' WHERE id = ?", (actor.side, actor.kind, actor_id)
        )
        for alias in (actor.name, *actor.aliases):
            self._execute(
                "UPDATE aliases SET origin = 'user' WHERE actor_id = ? AND alias_key = ?", (actor_id, term_key(alias))
            )
        return actor_id

    def add_user_alias(self, actor_id: int, alias: str) -> None:
        self._execute(
            "INSERT OR IGNORE INTO aliases (actor_id, alias, alias_key, origin) VALUES (?, ?, ?, 'user')",
            (actor_id, alias, term_key(alias)),
        )
        self._execute(
            "UPDATE aliases SET origin = 'user' WHERE actor_id = ? AND alias_key = ?", (actor_id, term_key(alias))
        )

    @_decodes
    def actor_by_name(self, name: str) -> Actor | None:
        rows = self._rows(
            "SELECT a.id, a.name, a.side, a.kind FROM actors a JOIN aliases s ON s.actor_id = a.id "
            "WHERE s.alias_key = ? ORDER BY a.origin = 'user' DESC LIMIT 1",
            (term_key(name),),
        )
        if not rows:
            return None
        return self._actor(rows[0])

    @_decodes
    def _actor(self, row: dict[str, Any]) -> Actor:
        aliases = [
            r["alias"] for r in self._rows("SELECT alias FROM aliases WHERE actor_id = ? ORDER BY id", (row["id"],))
        ]
        return Actor(
            name=row["name"], side=row["side"], kind=row["kind"], aliases=tuple(a for a in aliases if a != row["name"])
        )

    @_decodes
    def user_actors(self) -> list[Actor]:
        """Actors and aliases a user added, to lay over the shipped lexicon."""
        rows = self._rows(
            "SELECT DISTINCT a.id, a.name, a.side, a.kind FROM actors a LEFT JOIN aliases s "
            "ON s.actor_id = a.id WHERE a.origin = 'user' OR s.origin = 'user' ORDER BY a.id"
        )
        actors = []
        for row in rows:
            aliases = [
                r["alias"]
                for r in self._rows(
                    "SELECT alias FROM aliases WHERE actor_id = ? AND (origin = 'user' OR ? = 'user') ORDER BY id",
                    (row["id"], self._origin(row["id"])),
                )
            ]
            actors.append(Actor(row["name"], row["side"], row["kind"], tuple(a for a in aliases if a != row["name"])))
        return actors

    def _origin(self, actor_id: int) -> str:
        row = self._execute("SELECT origin FROM actors WHERE id = ?", (actor_id,)).fetchone()
        return str(row[0]) if row else ""

    @_decodes
    def actor_counts(self, side: str | None = None) -> list[ActorCount]:
        rows = self._rows(
            "SELECT a.id, a.name, a.side, a.kind, a.origin, "
            "(SELECT count(*) FROM claims c WHERE c.actor_id = a.id) AS claims "
            "FROM actors a WHERE (:side IS NULL OR a.side = :side) ORDER BY claims DESC, a.name",
            {"side": side},
        )
        return [
            ActorCount(r["name"], r["side"], r["kind"], self._actor(r).aliases, int(r["claims"]), r["origin"])
            for r in rows
        ]

    def reassign_claims(self, source_key: str, actor_id: int) -> list[int]:
        """Point claims whose source was written as `source_key` at another actor."""
        self.forget_facts()  # sides, groups or verdicts of many claims
        ids = [
            int(r["id"])
            for r in self._rows(
                "SELECT c.id FROM claims c WHERE lower(c.source_text) = ? AND c.actor_id != ?", (source_key, actor_id)
            )
        ]
        for claim_id in ids:
            self._execute("UPDATE OR IGNORE claims SET actor_id = ? WHERE id = ?", (actor_id, claim_id))
        return ids

    # --- claims ------------------------------------------------------------

    def insert_claim(
        self, document_id: int, actor_id: int, claim: Claim, target_id: int | None, broad: Collection[str] = ()
    ) -> int:
        """Store a claim and its terms; `broad` names the terms that are countries or regions."""
        event = claim.event_date
        cursor = self._execute(
            "INSERT INTO claims (document_id, actor_id, source_text, cue, stance, content, sentence, "
            "sentence_start, sentence_end, sentence_index, rule, channel, event_start, event_end, "
            "event_precision, event_words, hedges, notes, quantities, outcomes, future, target_id, "
            "target_relation, hedged) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                document_id,
                actor_id,
                claim.source_text,
                claim.cue,
                claim.stance.value,
                claim.content,
                claim.sentence.text,
                claim.sentence.start,
                claim.sentence.end,
                claim.sentence.index,
                claim.rule,
                claim.channel,
                event.start.isoformat() if event and event.start else None,
                event.end.isoformat() if event and event.end else None,
                event.precision.value if event else None,
                event.words if event else None,
                json.dumps(list(claim.hedges)),
                json.dumps(list(claim.notes)),
                json.dumps([q.__dict__ for q in claim.quantities]),
                json.dumps([o.__dict__ for o in claim.outcomes]),
                int(claim.future),
                target_id,
                claim.target_relation,
                int(claim.hedged),
            ),
        )
        claim_id = int(cursor.lastrowid or 0)
        terms = [(t, "own") for t in claim.about] + [(t, "context") for t in claim.context_about]
        # a strike's subject is its place, whatever was hit there ("Kramatorsk: depot")
        terms += [
            (o.subject.partition(": ")[0], "outcome") for o in claim.outcomes if not o.subject.startswith("operation:")
        ]
        terms = [(term.replace(TERM_SEPARATOR, " "), kind) for term, kind in terms]
        day = event.start.isoformat() if event and event.start else None
        for term, kind in terms:
            self._execute(
                "INSERT OR IGNORE INTO claim_about (claim_id, term, term_key, kind, day, broad) "
                "VALUES (?, ?, ?, ?, coalesce(?, (SELECT published FROM documents WHERE id = ?)), ?)",
                (claim_id, term, term_key(term), kind, day, document_id, int(kind != "outcome" and term in broad)),
            )
        return claim_id

    @_decodes
    def _facts(self, where: str, params: Sequence[Any]) -> list[ClaimFacts]:
        rows = self._execute(
            "SELECT c.id, c.stance, c.sentence, c.content, c.document_id, c.sentence_index, c.outcomes, "
            "c.quantities, c.target_id, c.target_relation, c.event_start, c.hedged, a.name AS actor, a.side, "
            "coalesce(c.report_of, c.id) AS grp, "
            "(SELECT status FROM verdicts v WHERE v.claim_id = coalesce(c.report_of, c.id) "
            " AND v.cleared_at IS NULL AND v.superseded_by IS NULL ORDER BY v.id DESC LIMIT 1) AS verdict, "
            "(SELECT coalesce('by ' || v.analyst || ': ', '') || v.note FROM verdicts v "
            " WHERE v.claim_id = coalesce(c.report_of, c.id) "
            " AND v.cleared_at IS NULL AND v.superseded_by IS NULL ORDER BY v.id DESC LIMIT 1) AS verdict_note, "
            # countries and regions do not make two claims about one event
            "(SELECT group_concat(term, char(31)) FROM claim_about WHERE claim_id = c.id AND kind = 'own' "
            " AND NOT broad) AS own, "
            "(SELECT group_concat(term, char(31)) FROM claim_about WHERE claim_id = c.id AND kind != 'own' "
            " AND NOT broad) AS ctx, "
            "(SELECT published FROM documents WHERE id = c.document_id) AS published, "
            "(SELECT hash FROM documents WHERE id = c.document_id) AS document_hash, c.sentence_start "
            f"FROM claims c JOIN actors a ON a.id = c.actor_id WHERE {where}",
            params,
        ).fetchall()
        return [
            ClaimFacts(
                id=int(claim_id),
                actor=actor,
                side=side,
                stance=Stance(stance),
                sentence_key=f"{document}:{index}",
                outcomes=_outcomes(outcomes),
                quantities=_quantities(quantities),
                own_places=_terms(own),
                context_places=_terms(ctx),
                target=target,
                target_relation=relation,
                verdict=Status(verdict) if verdict else None,
                verdict_note=verdict_note,
                label=sentence[:80],
                group=int(group),
                content=content,
                document=int(document),
                event=event,
                published=published,
                hedged=bool(hedged),
                document_hash=f"{document_hash}:{sentence_start}",
            )
            for (
                claim_id,
                stance,
                sentence,
                content,
                document,
                index,
                outcomes,
                quantities,
                target,
                relation,
                event,
                hedged,
                actor,
                side,
                group,
                verdict,
                verdict_note,
                own,
                ctx,
                published,
                document_hash,
                sentence_start,
            ) in rows
        ]

    @_decodes
    def claim_sources(self, ids: Iterable[int]) -> list[ClaimFacts]:
        """Just who made each claim, and how: enough to name the other end of a link."""
        wanted = sorted(set(ids))
        if not wanted:
            return []
        rows = self._execute(
            "SELECT c.id, a.name, a.side, c.stance, c.document_id, c.sentence_index FROM claims c "
            f"JOIN actors a ON a.id = c.actor_id WHERE c.id IN {ID_SET}",
            (id_list(wanted),),
        ).fetchall()
        return [
            ClaimFacts(int(i), actor, side, Stance(stance), f"{doc}:{index}")
            for i, actor, side, stance, doc, index in rows
        ]

    def claim_facts(self, ids: Iterable[int]) -> list[ClaimFacts]:
        wanted = sorted(set(ids))
        if not wanted:
            return []
        version = int(self._execute("PRAGMA data_version").fetchone()[0])
        if version != self._facts_version or len(self._facts_cache) > FACTS_CACHE_LIMIT:
            self.forget_facts()
            self._facts_version = version
        missing = [i for i in wanted if i not in self._facts_cache]
        if missing:
            self._facts_cache.update((f.id, f) for f in self._facts(f"c.id IN {ID_SET}", (id_list(missing),)))
        return [self._facts_cache[i] for i in wanted if i in self._facts_cache]

    def forget_facts(self, ids: Iterable[int] | None = None) -> None:
        """Drop cached facts: of these claims, or of all."""
        if ids is None:
            self._facts_cache.clear()
        else:
            for claim_id in ids:
                self._facts_cache.pop(claim_id, None)

    @_decodes
    def related_claim_ids(self, ids: Sequence[int], *, reports: bool = False, before: int | None = None) -> list[int]:
        """Link candidates, ingested before the given claims: first reports (with `reports`, every
        report, as a denial that names no claim may point at any of them) that share an outcome
        subject with them within `LINK_WINDOW_DAYS` of their day, and those that share any term
        within `EVENT_WINDOW_DAYS` (counts, reports and denials are about one event); undated claims
        match any day. Each kind is capped at `RELATED_LIMIT`, the most recent first, so terms
        common to half the ledger cannot crowd out the outcomes. `before` (a claim id) widens or
        narrows "ingested before": removing a document looks at claims ingested after too."""
        if not ids:
            return []
        # "+": the filter must not steer SQLite to the primary key (a scan of every claim before)
        join = "FROM mine a JOIN claim_about b ON b.term_key = a.term_key AND +b.claim_id < :before"
        outcomes = (
            f"SELECT b.claim_id {join} AND b.day BETWEEN date(a.day, :o_from) AND date(a.day, :o_to) "
            "WHERE a.kind = 'outcome' AND b.kind = 'outcome'"
        )
        events = (
            f"SELECT b.claim_id {join} AND b.day BETWEEN date(a.day, :e_from) AND date(a.day, :e_to) "
            f"UNION SELECT b.claim_id {join} AND b.day IS NULL "
            f"UNION SELECT b.claim_id {join} WHERE a.day IS NULL"
        )
        first_only = "" if reports else "WHERE c.report_of IS NULL "
        latest = (
            "SELECT * FROM (SELECT n.claim_id FROM ({near}) n JOIN claims c ON c.id = n.claim_id "
            f"{first_only}ORDER BY n.claim_id DESC LIMIT :cap)"
        )
        rows = self._execute(
            f"WITH mine AS (SELECT DISTINCT term_key, day, kind FROM claim_about "
            f"WHERE claim_id IN {ID_SET_NAMED} AND NOT broad) "
            f"{latest.format(near=outcomes)} UNION {latest.format(near=events)} ORDER BY 1 DESC",
            {
                "ids": id_list(ids),
                "before": min(ids) if before is None else before,
                "o_from": f"-{LINK_WINDOW_DAYS} days",
                "o_to": f"+{LINK_WINDOW_DAYS} days",
                "e_from": f"-{EVENT_WINDOW_DAYS} days",
                "e_to": f"+{EVENT_WINDOW_DAYS} days",
                "cap": RELATED_LIMIT,
            },
        ).fetchall()
        return [int(claim_id) for (claim_id,) in rows]

    @_decodes
    def drop_pointer_links(self, claim_id: int) -> list[int]:
        """Forget the links a claim made by pointing at another (its target moved); returns the claims
        they pointed at, whose statuses must be read again."""
        pointing = "source_id = ? AND rule IN ('denies-claim', 'confirms-claim', 'contrast')"
        rows = self._execute(f"SELECT target_id FROM links WHERE {pointing}", (claim_id,)).fetchall()
        self._execute(f"DELETE FROM links WHERE {pointing}", (claim_id,))
        return [int(r[0]) for r in rows]

    def insert_links(self, links: Iterable[Link], document_id: int | None, created_at: str) -> int:
        added = 0
        for link in links:
            cursor = self._execute(
                "INSERT OR IGNORE INTO links (source_id, target_id, relation, rule, evidence, document_id, "
                "created_at, subject) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    link.source_key,
                    link.target_key,
                    link.relation.value,
                    link.rule,
                    link.evidence,
                    document_id,
                    created_at,
                    link.subject,
                ),
            )
            added += cursor.rowcount
        return added

    @_decodes
    def links_touching(self, ids: Iterable[int]) -> list[Link]:
        wanted = sorted(set(ids))
        if not wanted:
            return []
        rows = self._rows(
            f"SELECT source_id, target_id, relation, rule, evidence, subject FROM links WHERE source_id IN "
            f"{ID_SET_NAMED} OR target_id IN {ID_SET_NAMED} ORDER BY id",
            {"ids": id_list(wanted)},
        )
        return [self._link(r) for r in rows]

    @_decodes
    def _link(self, r: dict[str, Any]) -> Link:
        from claimtrack.models import Relation

        return Link(
            int(r["source_id"]), int(r["target_id"]), Relation(r["relation"]), r["rule"], r["evidence"], r["subject"]
        )

    @_decodes
    def statuses(self, ids: Iterable[int]) -> dict[int, tuple[str, str]]:
        wanted = sorted(set(ids))
        if not wanted:
            return {}
        rows = self._rows(f"SELECT id, status, status_reason FROM claims WHERE id IN {ID_SET}", (id_list(wanted),))
        return {int(r["id"]): (r["status"], r["status_reason"]) for r in rows}

    def record_status(
        self,
        claim_id: int,
        old: str | None,
        result: StatusResult,
        document_id: int | None,
        changed_at: str,
        history_reason: str | None = None,
    ) -> None:
        """Set a claim's status and add the change to its history (with `history_reason`, a reason of
        its own, such as the removal that caused it)."""
        self.set_status(claim_id, result)
        self._execute(
            "INSERT INTO status_history (claim_id, old_status, new_status, reason, document_id, changed_at) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (claim_id, old, result.status.value, history_reason or result.reason, document_id, changed_at),
        )

    def set_status(self, claim_id: int, result: StatusResult) -> None:
        """Set a claim's status and reason without a history entry (the caller records the change)."""
        self._execute(
            "UPDATE claims SET status = ?, status_reason = ? WHERE id = ?",
            (result.status.value, result.reason, claim_id),
        )

    @_decodes
    def group_statuses(self, ids: Iterable[int]) -> dict[int, set[str]]:
        """The statuses of each claim and of its reports (a report with figures may differ)."""
        wanted = sorted(set(ids))
        if not wanted:
            return {}
        groups: dict[int, set[str]] = {}
        for group, status in self._execute(
            f"SELECT id, status FROM claims WHERE id IN {ID_SET_NAMED} "
            f"UNION ALL SELECT report_of, status FROM claims WHERE report_of IN {ID_SET_NAMED}",
            {"ids": id_list(wanted)},
        ).fetchall():
            groups.setdefault(int(group), set()).add(status)
        return groups

    @_decodes
    def group_ids(self, ids: Iterable[int]) -> list[int]:
        """Every claim in the same report groups as the given ones."""
        wanted = sorted(set(ids))
        if not wanted:
            return []
        rows = self._rows(
            f"WITH groups AS (SELECT coalesce(report_of, id) AS g FROM claims WHERE id IN {ID_SET}) "
            "SELECT id FROM claims WHERE id IN groups UNION SELECT id FROM claims WHERE report_of IN groups",
            (id_list(wanted),),
        )
        return [int(r["id"]) for r in rows]

    @_decodes
    def recent_claim_ids(self, limit: int, before: int | None = None) -> list[int]:
        """The latest `limit` claims, or the latest ingested before the claim `before`."""
        rows = self._execute(
            "SELECT id FROM claims WHERE ? IS NULL OR id < ? ORDER BY id DESC LIMIT ?", (before, before, limit)
        )
        return [int(r[0]) for r in rows]

    def set_target(self, claim_id: int, target_id: int) -> None:
        self.forget_facts([claim_id])
        self._execute("UPDATE claims SET target_id = ? WHERE id = ?", (target_id, claim_id))

    def set_report_of(self, claim_id: int, canonical_id: int | None) -> None:
        self.forget_facts([claim_id])
        self._execute("UPDATE claims SET report_of = ? WHERE id = ?", (canonical_id, claim_id))

    @_decodes
    def merge_group(self, group: int, into: int) -> list[int]:
        """Make every report of the claim `group` (and the claim itself) a report of `into`."""
        members = [
            int(r[0])
            for r in self._execute("SELECT id FROM claims WHERE id = ? OR report_of = ?", (group, group)).fetchall()
        ]
        self.forget_facts(members)
        self._execute("UPDATE claims SET report_of = ? WHERE id = ? OR report_of = ?", (into, group, group))
        return members

    @_decodes
    def canonical_id(self, claim_id: int) -> int | None:
        row = self._execute("SELECT coalesce(report_of, id) FROM claims WHERE id = ?", (claim_id,)).fetchone()
        return int(row[0]) if row else None

    def add_verdict(
        self, claim_id: int, status: Status, note: str, evidence: Sequence[str], analyst: str | None, when: str
    ) -> int:
        """A new verdict supersedes the active one; nothing is overwritten."""
        self.forget_facts()  # sides, groups or verdicts of many claims
        verdict_id = int(
            self._execute(
                "INSERT INTO verdicts (claim_id, status, note, evidence, analyst, created_at) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (claim_id, status.value, note, json.dumps(list(evidence)), analyst, when),
            ).lastrowid
            or 0
        )
        self._execute(
            "UPDATE verdicts SET superseded_by = ? WHERE claim_id = ? AND id != ? AND cleared_at IS NULL "
            "AND superseded_by IS NULL",
            (verdict_id, claim_id, verdict_id),
        )
        return verdict_id

    def clear_verdict(self, claim_id: int, when: str) -> int:
        self.forget_facts()  # sides, groups or verdicts of many claims
        cursor = self._execute(
            "UPDATE verdicts SET cleared_at = ? WHERE claim_id = ? AND cleared_at IS NULL AND superseded_by IS NULL",
            (when, claim_id),
        )
        return cursor.rowcount

    @_decodes
    def verdicts_of(self, claim_id: int) -> list[Verdict]:
        rows = self._rows("SELECT * FROM verdicts WHERE claim_id = ? ORDER BY id", (claim_id,))
        return [self._verdict(r) for r in rows]

    @_decodes
    def _verdict(self, r: dict[str, Any]) -> Verdict:
        return Verdict(
            int(r["id"]),
            int(r["claim_id"]),
            r["status"],
            r["note"],
            _json_list(r["evidence"]),
            r["analyst"],
            r["created_at"],
            r["cleared_at"],
            r["superseded_by"],
        )

    def record_status_reason(self, claim_id: int, reason: str) -> None:
        self._execute("UPDATE claims SET status_reason = ? WHERE id = ?", (reason, claim_id))

    # --- removing a document ------------------------------------------------

    @_decodes
    def report_groups_of(self, ids: Iterable[int]) -> dict[int, list[int]]:
        """The report groups the given claims belong to: each first report with every member."""
        rows = self._execute(
            f"WITH g AS (SELECT DISTINCT coalesce(report_of, id) AS g FROM claims WHERE id IN {ID_SET}) "
            "SELECT coalesce(report_of, id), id FROM claims WHERE id IN g OR report_of IN g ORDER BY id",
            (id_list(ids),),
        ).fetchall()
        groups: dict[int, list[int]] = {}
        for group, claim_id in rows:
            groups.setdefault(int(group), []).append(int(claim_id))
        return groups

    @_decodes
    def claims_pointing_at(self, ids: Iterable[int]) -> list[int]:
        """Claims outside `ids` whose target is one of them."""
        rows = self._execute(
            f"SELECT id FROM claims WHERE target_id IN {ID_SET_NAMED} AND id NOT IN {ID_SET_NAMED} ORDER BY id",
            {"ids": id_list(ids)},
        )
        return [int(r[0]) for r in rows]

    @_decodes
    def links_made_by(self, document_id: int) -> list[Link]:
        """The links stored when this document was ingested (some between claims of other documents)."""
        rows = self._rows(
            "SELECT source_id, target_id, relation, rule, evidence, subject FROM links WHERE document_id = ? "
            "ORDER BY id",
            (document_id,),
        )
        return [self._link(r) for r in rows]

    def move_verdicts(self, from_id: int, to_id: int) -> None:
        """Verdicts on a first report that goes away pass to the claim that takes its place."""
        self.forget_facts()  # every report of both groups reads the verdict
        self._execute("UPDATE verdicts SET claim_id = ? WHERE claim_id = ?", (to_id, from_id))

    def delete_document(self, document_id: int) -> None:
        """Delete a document and everything that hangs on its claims, in the caller's transaction:
        the links that touch them or that its ingest made, their terms (the triggers keep
        `term_counts` and the full-text index in step), history and verdicts (cascades), and the
        actors and places only its claims named. Other claims that point at its claims lose their
        target, and reports of them become first reports (the caller regroups and re-points them)."""
        claims = id_list(self.document_claim_ids(document_id))
        actors = [
            int(r[0]) for r in self._execute(f"SELECT DISTINCT actor_id FROM claims WHERE id IN {ID_SET}", (claims,))
        ]
        places = [
            str(r[0])
            for r in self._execute(
                f"SELECT DISTINCT term_key FROM claim_about WHERE kind = 'own' AND claim_id IN {ID_SET}", (claims,)
            )
        ]
        for column in ("target_id", "report_of"):
            self._execute(
                f"UPDATE claims SET {column} = NULL WHERE {column} IN {ID_SET} AND document_id != ?",
                (claims, document_id),
            )
        self._execute(
            f"DELETE FROM links WHERE source_id IN {ID_SET_NAMED} OR target_id IN {ID_SET_NAMED} OR document_id = :doc",
            {"ids": claims, "doc": document_id},
        )
        self._execute("DELETE FROM claims WHERE document_id = ?", (document_id,))
        self._execute("DELETE FROM documents WHERE id = ?", (document_id,))
        self._forget_unused(actors, places)
        self.forget_facts()

    def _forget_unused(self, actors: Sequence[int], place_keys: Sequence[str]) -> None:
        """Actors and places that only the deleted claims named, as if they had never come: actors
        a user made or named are kept."""
        self._execute(
            f"DELETE FROM actors WHERE id IN {ID_SET} AND origin != 'user' "
            "AND NOT EXISTS (SELECT 1 FROM claims c WHERE c.actor_id = actors.id) "
            "AND NOT EXISTS (SELECT 1 FROM aliases s WHERE s.actor_id = actors.id AND s.origin = 'user')",
            (id_list(actors),),
        )
        self._execute(
            "DELETE FROM places WHERE lower(name) IN (SELECT value FROM json_each(?)) "
            "AND lower(name) NOT IN (SELECT term_key FROM claim_about WHERE kind = 'own')",
            (json.dumps(sorted(place_keys)),),
        )

    def claim_ids_by_document(self) -> Iterator[list[int]]:
        """The claims of each document, documents in the order they were ingested."""
        for (ids,) in self._execute(
            "SELECT group_concat(id) FROM (SELECT id, document_id FROM claims ORDER BY document_id, id) "
            "GROUP BY document_id ORDER BY document_id"
        ).fetchall():
            yield self._id_list(ids)

    @_decodes
    def _id_list(self, ids: str) -> list[int]:
        return [int(i) for i in ids.split(",")]

    @_decodes
    def all_claim_ids(self) -> list[int]:
        return [int(r[0]) for r in self._execute("SELECT id FROM claims ORDER BY id").fetchall()]

    # --- reading claims ----------------------------------------------------

    _SELECT = (
        "SELECT c.*, a.name AS actor, a.side AS side, d.origin AS document, d.title, d.outlet, d.url, "
        "d.published, "
        "(SELECT json_group_array(alias) FROM aliases WHERE actor_id = a.id) AS aliases, "
        "(SELECT json_group_array(term) FROM claim_about WHERE claim_id = c.id AND kind = 'own') AS own, "
        "(SELECT json_group_array(term) FROM claim_about WHERE claim_id = c.id AND kind != 'own') AS ctx, "
        "(SELECT status FROM verdicts v WHERE v.claim_id = coalesce(c.report_of, c.id) AND v.cleared_at IS NULL "
        " AND v.superseded_by IS NULL ORDER BY v.id DESC LIMIT 1) AS verdict "
        "FROM claims c JOIN actors a ON a.id = c.actor_id JOIN documents d ON d.id = c.document_id "
    )

    @_decodes
    def _stored(self, row: dict[str, Any], *, confidence: bool = True) -> StoredClaim:
        event = row["event_start"]
        if event and row["event_precision"] == "month":
            event = event[:7]
        elif event and row["event_precision"] == "year":
            event = event[:4]
        elif event and row["event_precision"] == "span" and row["event_end"] and row["event_end"] != event:
            event = f"{event}/{row['event_end']}"
        return StoredClaim(
            id=int(row["id"]),
            document_id=int(row["document_id"]),
            document=row["document"],
            title=row["title"],
            outlet=row["outlet"],
            url=row["url"],
            published=row["published"],
            source=row["actor"],
            source_text=row["source_text"],
            source_aliases=tuple(dict.fromkeys(_json_list(row["aliases"]))),
            side=row["side"],
            stance=row["stance"],
            cue=row["cue"],
            content=row["content"],
            sentence=row["sentence"],
            sentence_start=int(row["sentence_start"]),
            sentence_end=int(row["sentence_end"]),
            rule=row["rule"],
            status=row["status"],
            status_reason=row["status_reason"],
            event_date=event,
            event_words=row["event_words"],
            about=tuple(dict.fromkeys(_json_list(row["own"]))),
            context_about=tuple(dict.fromkeys(_json_list(row["ctx"]))),
            notes=_json_list(row["notes"]),
            hedges=_json_list(row["hedges"]),
            quantities=_quantities(row["quantities"]),
            outcomes=_outcomes(row["outcomes"]),
            channel=row["channel"],
            target_id=row["target_id"],
            verdict=row["verdict"],
            report_of=row["report_of"],
            **(self._confidence(int(row["report_of"] or row["id"])) if confidence else {}),
        )

    @_decodes
    def _confidence(self, group: int) -> dict[str, Any]:
        """How many reports, outlets and independent sides stand behind a claim."""
        reports = self._execute(
            "SELECT count(*), min(d.published), count(DISTINCT coalesce(d.outlet, d.origin)) FROM claims r "
            "JOIN documents d ON d.id = r.document_id WHERE r.id = ? OR r.report_of = ?",
            (group, group),
        ).fetchone()
        sides = self._execute(
            "WITH members AS (SELECT id FROM claims WHERE id = :g UNION SELECT id FROM claims WHERE report_of = :g), "
            "backers AS (SELECT target_id AS id FROM links WHERE source_id IN members "
            " AND relation IN ('corroborates', 'confirms') "
            " UNION SELECT source_id FROM links WHERE target_id IN members "
            " AND relation IN ('corroborates', 'confirms')), "
            "everyone AS (SELECT id FROM members UNION SELECT id FROM backers) "
            "SELECT count(DISTINCT CASE a.side WHEN 'independent' THEN 'independent:' || a.id ELSE a.side END) "
            "FROM everyone e JOIN claims c ON c.id = e.id JOIN actors a ON a.id = c.actor_id "
            "WHERE a.side != 'unknown'",
            {"g": group},
        ).fetchone()
        return {
            "reports": int(reports[0]),
            "first_reported": reports[1],
            "outlets": int(reports[2]),
            "sides_behind": max(1, int(sides[0])),
        }

    def list_claims(self, flt: ClaimFilter) -> list[StoredClaim]:
        condition, params = self._claim_condition(flt)
        sql = self._SELECT + "WHERE " + condition + " ORDER BY c.id"
        if flt.limit is not None:
            sql += " LIMIT ?"
            params.append(flt.limit)
        return [self._stored(r) for r in self._rows(sql, params)]

    def count_claims(self, flt: ClaimFilter) -> int:
        """How many claims the filter matches, whatever its limit."""
        condition, params = self._claim_condition(flt)
        sql = (
            "SELECT count(*) FROM claims c JOIN actors a ON a.id = c.actor_id JOIN documents d ON d.id = c.document_id "
            f"WHERE {condition}"
        )
        return int(self._execute(sql, params).fetchone()[0])

    def _claim_condition(self, flt: ClaimFilter) -> tuple[str, list[Any]]:
        """The WHERE condition of a filter over claims c, actors a and documents d, and its parameters."""
        where = ["1 = 1"]
        params_list: list[Any] = []
        if flt.statuses:
            where.append(f"c.status IN ({','.join('?' * len(flt.statuses))})")
            params_list.extend(flt.statuses)
        if flt.source:
            where.append(
                "c.actor_id IN (SELECT actor_id FROM aliases WHERE alias_key = ? "
                "UNION SELECT id FROM actors WHERE lower(name) LIKE ? ESCAPE '\\')"
            )
            params_list.extend([term_key(flt.source), like_pattern(term_key(flt.source))])
        if flt.side:
            where.append("a.side = ?")
            params_list.append(flt.side.casefold())
        for keys in flt.about_keys or tuple((term_key(term),) for term in flt.about):
            # a term, its gazetteer name and former names: the spellings `show TERM` reads, each with
            # what it prefixes ("kursk" finds "kursk region")
            spelled = " OR ".join("term_key = ? OR (term_key >= ? AND term_key < ?)" for _ in keys)
            where.append(f"c.id IN (SELECT claim_id FROM claim_about WHERE {spelled})")
            for key in keys:
                params_list.extend([key, f"{key} ", f"{key}!"])
        if flt.since:
            where.append("coalesce(c.event_start, d.published) >= ?")
            params_list.append(flt.since)
        if flt.until:
            where.append("coalesce(c.event_start, d.published) <= ?")
            params_list.append(flt.until)
        if flt.ids:
            where.append(f"c.id IN ({','.join('?' * len(flt.ids))})")
            params_list.extend(flt.ids)
        if flt.first_reports_only:
            where.append("c.report_of IS NULL")
        return " AND ".join(where), params_list

    def claim(self, claim_id: int) -> StoredClaim | None:
        rows = self._rows(self._SELECT + "WHERE c.id = ?", (claim_id,))
        return self._stored(rows[0]) if rows else None

    def claims_about(self, keys: Sequence[str], limit: int | None = None) -> TermClaims:
        """The latest `limit` claims (in ingest order) whose about-terms (own or context) match any key,
        or whose sentence names it, and how many claims of each status match in all: counted exactly
        up to `EXACT_COUNT_LIMIT` matches, past it estimated from the kept per-term counts."""
        if not keys:
            return TermClaims([], {})
        clauses, params = [], []
        for key in keys:
            # "kursk" also finds "kursk region" and "kursk-based": prefix ranges, which use the index
            clauses.append("term_key = ? OR (term_key >= ? AND term_key < ?) OR (term_key >= ? AND term_key < ?)")
            params.extend([key, f"{key} ", f"{key}!", f"{key}-", f"{key}."])
        latest = -1 if limit is None else limit
        # each spelling and range read newest first through (term_key, claim_id), at most `limit` each,
        # and the sentence itself through the full-text index, each key as a quoted phrase
        arms = [
            "SELECT * FROM (SELECT DISTINCT claim_id AS id FROM claim_about "
            f"WHERE {where} ORDER BY claim_id DESC LIMIT ?)"
            for _ in keys
            for where in ("term_key = ?", "term_key >= ? AND term_key < ?", "term_key >= ? AND term_key < ?")
        ]
        arm_params: list[Any] = []
        for key in keys:
            arm_params += [key, latest, f"{key} ", f"{key}!", latest, f"{key}-", f"{key}.", latest]
        phrases = " OR ".join('"' + k.replace('"', '""') + '"' for k in keys)
        arms.append(
            "SELECT * FROM (SELECT rowid AS id FROM claims_fts WHERE claims_fts MATCH ? ORDER BY rowid DESC LIMIT ?)"
        )
        arm_params += [f"sentence : ({phrases})", latest]
        sql = self._SELECT + f"WHERE c.id IN (SELECT id FROM ({' UNION '.join(arms)}) ORDER BY id DESC LIMIT ?) "
        sql += "ORDER BY c.id"
        claims = [self._stored(r) for r in self._rows(sql, [*arm_params, latest])]
        if limit is None or len(claims) < limit:  # every match is here: count them
            return TermClaims(claims, dict(Counter(c.status for c in claims)))
        where = " OR ".join(clauses)
        kept = self._execute(
            f"SELECT status, sum(claims) FROM term_counts WHERE {where} GROUP BY status", params
        ).fetchall()
        estimate = {status: int(n) for status, n in kept if n}
        if sum(estimate.values()) > EXACT_COUNT_LIMIT:
            # a claim carrying two spellings counts twice here, and sentence-only matches not at all
            return TermClaims(claims, estimate, exact=False)
        matched = (
            f"SELECT claim_id FROM claim_about WHERE {where} "
            "UNION SELECT rowid FROM claims_fts WHERE claims_fts MATCH ?"
        )
        totals = self._execute(
            f"SELECT status, count(*) FROM claims WHERE id IN ({matched}) GROUP BY status",
            [*params, f"sentence : ({phrases})"],
        ).fetchall()
        return TermClaims(claims, {status: int(n) for status, n in totals})

    @_decodes
    def links_of(self, claim_id: int) -> list[StoredLink]:
        rows = self._rows("SELECT * FROM links WHERE source_id = ? OR target_id = ? ORDER BY id", (claim_id, claim_id))
        return [
            StoredLink(
                int(r["source_id"]),
                int(r["target_id"]),
                r["relation"],
                r["rule"],
                r["evidence"],
                r["document_id"],
                r["subject"] or "",
            )
            for r in rows
        ]

    @_decodes
    def claim_ids_with_sentence(self, sentence: str) -> list[int]:
        """Claims read from this exact sentence, in any document."""
        rows = self._rows("SELECT id FROM claims WHERE sentence = ? ORDER BY id", (sentence,))
        return [int(r["id"]) for r in rows]

    def history_of(self, claim_id: int) -> list[HistoryEntry]:
        return [entry for entry, _ in self.history_dated([claim_id])]

    def search(self, fts_query: str, limit: int = 50) -> list[StoredClaim]:
        """Claims matching an FTS5 query (already safe), best first."""
        ids = self.search_ids(fts_query, limit)
        order = {claim_id: rank for rank, claim_id in enumerate(ids)}
        claims = self.list_claims(ClaimFilter(ids=tuple(ids))) if ids else []
        return sorted(claims, key=lambda c: order[c.id])

    @_decodes
    def search_ids(self, fts_query: str, limit: int = 1000) -> list[int]:
        """Claim ids matching an FTS5 query, best first (bm25 rank)."""
        rows = self._rows(
            "SELECT rowid FROM claims_fts WHERE claims_fts MATCH ? ORDER BY rank LIMIT ?", (fts_query, limit)
        )
        return [int(r["rowid"]) for r in rows]

    @_decodes
    def changed_since(self, when: str) -> list[int]:
        """Claims whose status changed (after their first status) on or after `when`."""
        rows = self._rows(
            "SELECT DISTINCT claim_id FROM status_history WHERE old_status IS NOT NULL AND changed_at >= ?", (when,)
        )
        return [int(r["claim_id"]) for r in rows]

    @_decodes
    def history_dated(self, ids: Iterable[int]) -> list[tuple[HistoryEntry, str | None]]:
        """Status changes of the given claims with the publication date of the article that caused them."""
        wanted = sorted(set(ids))
        if not wanted:
            return []
        rows = self._rows(
            "SELECT h.*, d.origin AS document, d.published FROM status_history h LEFT JOIN documents d "
            f"ON d.id = h.document_id WHERE h.claim_id IN {ID_SET} ORDER BY h.id",
            (id_list(wanted),),
        )
        return [
            (
                HistoryEntry(
                    int(r["claim_id"]),
                    r["old_status"],
                    r["new_status"],
                    r["reason"],
                    r["document_id"],
                    r["document"],
                    r["changed_at"],
                ),
                r["published"],
            )
            for r in rows
        ]

    def source_records(self, side: str | None = None) -> list[dict[str, Any]]:
        """Per actor: claims (first reports), by status, and denials its own side later admitted."""
        return self._rows(
            "WITH own AS (SELECT c.id, c.actor_id, c.status, c.stance, a.side FROM claims c "
            " JOIN actors a ON a.id = c.actor_id WHERE c.report_of IS NULL), "
            "denied AS (SELECT o.id AS denial, o.actor_id, o.side, "
            " CASE WHEN l.source_id = o.id THEN l.target_id ELSE l.source_id END AS other "
            " FROM own o JOIN links l ON (l.source_id = o.id OR l.target_id = o.id) "
            " WHERE o.stance = 'deny' AND l.relation IN ('denies', 'contradicts')), "
            "admitted AS (SELECT DISTINCT d.denial, d.actor_id FROM denied d JOIN links k "
            " ON (k.source_id = d.other OR k.target_id = d.other) AND k.relation IN ('confirms', 'corroborates') "
            " JOIN claims x ON x.id = CASE WHEN k.source_id = d.other THEN k.target_id ELSE k.source_id END "
            " JOIN actors xa ON xa.id = x.actor_id WHERE xa.side = d.side AND x.id != d.denial) "
            "SELECT a.name, a.side, a.kind, count(o.id) AS claims, "
            "sum(o.status = 'confirmed') AS confirmed, sum(o.status = 'disputed') AS disputed, "
            "sum(o.status = 'unverified') AS unverified, "
            "(SELECT count(*) FROM admitted m WHERE m.actor_id = a.id) AS denials_admitted "
            "FROM actors a JOIN own o ON o.actor_id = a.id WHERE (:side IS NULL OR a.side = :side) "
            "GROUP BY a.id",
            {"side": side},
        )

    def integrity_problems(self) -> list[str]:
        """Everything wrong with the file. SQLite's own checks come first and a damaged file is a
        StoreError (`require_intact`), as is a row no command could decode (`read_every_row`); then
        foreign keys, the schema version, the full-text index, rows no command could reach, and
        the kept counts, each a line of the list."""
        self.require_intact()
        self.read_every_row()
        problems = [f"foreign key: {tuple(r)}" for r in self._execute("PRAGMA foreign_key_check").fetchall()]
        if self.schema_version != SCHEMA_VERSION:
            problems.append(f"schema version {self.schema_version}, expected {SCHEMA_VERSION}")
        fts = self._fts_problem()
        if fts:
            problems.append(fts)
        orphans = {
            "actors with no name": "SELECT count(*) FROM actors WHERE trim(name) = ''",
            "documents with no claims and no text": "SELECT count(*) FROM documents WHERE trim(body) = ''",
            "claims whose status has no history": "SELECT count(*) FROM claims c WHERE NOT EXISTS "
            "(SELECT 1 FROM status_history h WHERE h.claim_id = c.id)",
            "reports of a claim that is itself a report": "SELECT count(*) FROM claims c JOIN claims r "
            "ON r.id = c.report_of WHERE r.report_of IS NOT NULL",
        }
        for label, sql in orphans.items():
            count = int(self._execute(sql).fetchone()[0])
            if count:
                problems.append(f"{count} {label}")
        kept = {(t, st): n for t, st, n in self._execute("SELECT * FROM term_counts WHERE claims != 0").fetchall()}
        recount = {(t, st): n for t, st, n in self._execute(TERM_COUNTS_RECOUNT).fetchall()}
        if kept != recount:
            wrong = sorted(k for k in kept.keys() | recount.keys() if kept.get(k) != recount.get(k))
            problems.append(f"claim counts per term out of step for {len(wrong)} term(s), e.g. {wrong[0][0]!r}")
        return problems

    def require_intact(self) -> None:
        """SQLite's quick_check, then its integrity_check (indexes, constraints): on a damaged file, a
        StoreError naming the first problem, before any row is decoded."""
        for pragma in ("quick_check", "integrity_check"):
            found = [str(r[0]) for r in self._execute(f"PRAGMA {pragma}({DAMAGE_REPORT_LIMIT})").fetchall()]
            if found != ["ok"]:
                more = f" and {len(found) - 1} more" if len(found) > 1 else ""
                raise _damaged(self.path, f"{pragma}: {_one_line(found[0])}{more}")

    def read_every_row(self) -> None:
        """Read every row of every table, and decode every claim, actor, link and verdict as the
        commands do: bytes flipped inside a text or a JSON list pass SQLite's checks, not `list`."""
        tables = self._execute("SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%'")
        for (table,) in tables:
            for _row in self._each_row(f'SELECT * FROM "{table}"'):
                pass
        last = 0
        while page := self._rows(self._SELECT + "WHERE c.id > ? ORDER BY c.id LIMIT ?", (last, SCAN_PAGE)):
            claims = [self._stored(row, confidence=False) for row in page]
            self._facts("c.id >= ? AND c.id <= ?", (claims[0].id, claims[-1].id))
            last = claims[-1].id
        self.actor_counts()
        for row in self._each_row("SELECT source_id, target_id, relation, rule, evidence, subject FROM links"):
            self._link(
                dict(zip(("source_id", "target_id", "relation", "rule", "evidence", "subject"), row, strict=True))
            )
        for verdict in self._rows("SELECT * FROM verdicts"):
            self._verdict(verdict)

    def _each_row(self, sql: str) -> Iterator[tuple[Any, ...]]:
        """The rows of a query a page at a time (a table may not fit in memory), errors as StoreError."""
        try:
            cursor = self.conn.execute(sql)
            while page := cursor.fetchmany(SCAN_PAGE):
                yield from page
        except (sqlite3.Error, UnicodeDecodeError) as exc:
            raise _sqlite_error(exc, self.path) from exc

    def _fts_problem(self) -> str | None:
        """FTS5's own check of the full-text index: an INSERT that changes nothing, made in a
        transaction that is undone. A reader lifts query_only for it; a file it cannot write skips it."""
        try:
            self._execute("PRAGMA query_only = OFF")
            self._execute("BEGIN")
            try:
                self._execute("INSERT INTO claims_fts(claims_fts) VALUES ('integrity-check')")
            finally:
                self._rollback()
        except StoreError as exc:
            return None if "read-only" in str(exc) else f"full-text index: {exc}"
        finally:
            if self.readonly:
                self._execute("PRAGMA query_only = ON")
        return None

    @_decodes
    def counts(self) -> dict[str, int]:
        tables = ("documents", "claims", "actors", "links", "status_history", "verdicts")
        return {t: int(self._execute(f"SELECT count(*) FROM {t}").fetchone()[0]) for t in tables}

    def backup(self, target: Path) -> None:
        """A consistent copy made with SQLite's online backup, written whole or not at all: a folder
        it cannot write or a full disk is one StoreError, and no file is left behind."""
        import tempfile

        temporary: Path | None = None
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
            os.close(fd)
            temporary = Path(name)
            destination = sqlite3.connect(temporary)
            try:
                self.conn.backup(destination)
            finally:
                destination.close()
            os.replace(temporary, target)
        except (OSError, sqlite3.Error) as exc:
            if temporary is not None:
                temporary.unlink(missing_ok=True)
                Path(f"{temporary}-journal").unlink(missing_ok=True)
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else _one_line(str(exc))
            raise StoreError(f"cannot back up to {target}: {reason}") from exc
