"""Opening the ledger: connections for writers and readers, the pragmas, the migrations under the
write lock, transactions, and running a statement with SQLite's errors said in one line. The
tunables (BUSY_TIMEOUT_MS, QUIET_WAIT_MS) are read from `claimtrack.store` at call time."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from functools import cached_property, wraps
from pathlib import Path
from typing import TYPE_CHECKING, Any, ParamSpec, Self, TypeVar

import claimtrack.store as tunables
from claimtrack.models import ClaimFacts
from claimtrack.store.errors import DECODING_ERRORS, StoreError, damaged, sqlite_error
from claimtrack.store.migrations import MIGRATIONS, SCHEMA_VERSION

if TYPE_CHECKING:
    import sqlite_utils

P = ParamSpec("P")
R = TypeVar("R")


def decodes(method: Callable[P, R]) -> Callable[P, R]:
    """A Store method that turns rows into objects: a row it cannot read (bytes flipped on disk) is a
    damaged ledger, said in one line, never a traceback."""

    @wraps(method)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return method(*args, **kwargs)
        except DECODING_ERRORS as exc:
            store = args[0]
            assert isinstance(store, StoreBase)
            raise damaged(store.path, f"a stored row cannot be read: {type(exc).__name__}") from exc

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


LEDGER_TABLES = frozenset({"documents", "actors", "aliases", "claims"})  # present from schema 1 on


def _connect(target: str, *, uri: bool = False) -> sqlite3.Connection:
    return sqlite3.connect(target, timeout=tunables.BUSY_TIMEOUT_MS / 1000, isolation_level=None, uri=uri)


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
        raise sqlite_error(exc, target) from exc


class StoreBase:
    """The connection to the ledger and how every statement runs; `Store` adds the reads and writes."""

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
    def open(cls, path: Path | str, *, readonly: bool = False) -> Self:
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
    def _open_writer(cls, file: Path) -> Self:
        try:
            file.parent.mkdir(parents=True, exist_ok=True)
            if not os.access(file.parent, os.W_OK):  # a WAL ledger is written through files beside it
                raise StoreError(f"database {file} is read-only (this user cannot write its folder)")
            conn = _connect(str(file))
        except OSError as exc:
            raise StoreError(f"cannot create database {file}: {exc.strerror or exc}") from exc
        except sqlite3.Error as exc:
            raise sqlite_error(exc, str(file)) from exc
        return cls._configured(conn, str(file), readonly=False)

    @classmethod
    def _open_reader(cls, file: Path) -> Self:
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
    def _configured(cls, conn: sqlite3.Connection, target: str, *, readonly: bool) -> Self:
        store = cls(conn, target, readonly=readonly)
        try:
            store._execute(f"PRAGMA busy_timeout = {tunables.BUSY_TIMEOUT_MS}")
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

        deadline = time.monotonic() + tunables.BUSY_TIMEOUT_MS / 1000
        while True:
            try:
                self.conn.execute("PRAGMA journal_mode = WAL")
                return
            except sqlite3.OperationalError as exc:
                busy = str(getattr(exc, "sqlite_errorname", "")).startswith("SQLITE_BUSY")
                if not busy or time.monotonic() > deadline:
                    raise sqlite_error(exc, self.path) from exc
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
            raise sqlite_error(exc, self.path) from exc
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
        self.conn.execute(f"PRAGMA busy_timeout = {tunables.QUIET_WAIT_MS}")
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            if getattr(exc, "sqlite_errorname", "") != "SQLITE_BUSY":
                raise sqlite_error(exc, self.path) from exc
            self.on_wait(f"{self.path} is being written by another process; waiting for it (up to 30 s)")
            self.conn.execute(f"PRAGMA busy_timeout = {tunables.BUSY_TIMEOUT_MS - tunables.QUIET_WAIT_MS}")
            self._execute("BEGIN IMMEDIATE")
        finally:
            self.conn.execute(f"PRAGMA busy_timeout = {tunables.BUSY_TIMEOUT_MS}")

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
            raise sqlite_error(exc, self.path) from exc

    def _rows(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> list[dict[str, Any]]:
        try:
            cursor = self.conn.execute(sql, params)
            names = [column[0] for column in cursor.description or ()]
            return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
        except (sqlite3.Error, UnicodeDecodeError) as exc:
            raise sqlite_error(exc, self.path) from exc

    def forget_facts(self, ids: Iterable[int] | None = None) -> None:
        """Drop cached facts: of these claims, or of all."""
        if ids is None:
            self._facts_cache.clear()
        else:
            for claim_id in ids:
                self._facts_cache.pop(claim_id, None)
