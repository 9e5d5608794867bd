"""`check` and `backup`: every problem of a file found and named, and a consistent copy."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from claimtrack.store.connection import decodes
from claimtrack.store.documents import DocumentsMixin
from claimtrack.store.errors import StoreError, damaged, one_line, sqlite_error
from claimtrack.store.facts import FactsMixin
from claimtrack.store.migrations import SCHEMA_VERSION, TERM_COUNTS_RECOUNT
from claimtrack.store.reads import ReadsMixin
from claimtrack.store.rows import link_from_row, verdict_from_row

DAMAGE_REPORT_LIMIT = 20  # problems SQLite's checks list before they stop
SCAN_PAGE = 1000  # rows read at a time when `check` reads every row


class IntegrityMixin(ReadsMixin, FactsMixin, DocumentsMixin):
    """Reads every claim, actor, link and verdict the way the commands do."""

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
                raise damaged(self.path, f"{pragma}: {one_line(found[0])}{more}")

    @decodes  # links and verdicts are decoded by plain functions (rows.py)
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
            link_from_row(
                dict(zip(("source_id", "target_id", "relation", "rule", "evidence", "subject"), row, strict=True))
            )
        for verdict in self._rows("SELECT * FROM verdicts"):
            verdict_from_row(verdict)

    def _each_row(self, sql: str) -> Iterator[tuple[Any, ...]]:
        """The rows of a query a page at a time (a table may not fit in memory), errors as StoreError."""
        try:
            cursor = self.conn.execute(sql)
            while page := cursor.fetchmany(SCAN_PAGE):
                yield from page
        except (sqlite3.Error, UnicodeDecodeError) as exc:
            raise sqlite_error(exc, self.path) from exc

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

    @decodes
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
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else one_line(str(exc))
            raise StoreError(f"cannot back up to {target}: {reason}") from exc
