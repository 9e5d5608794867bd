"""The migrations read as a changelog and every route through them ends at the same schema; the
store's tunables are read where tests patch them (`claimtrack.store.NAME`)."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest

import claimtrack.store
from claimtrack.store import SCHEMA_VERSION, Store
from claimtrack.store.migrations import MIGRATIONS


def _schema(conn: sqlite3.Connection) -> list[tuple[str, str, str | None]]:
    return conn.execute("SELECT type, name, sql FROM sqlite_master ORDER BY type, name").fetchall()


def test_each_step_is_named_by_its_version_and_says_what_it_changed() -> None:
    assert len(MIGRATIONS) == SCHEMA_VERSION == 7
    for number, step in enumerate(MIGRATIONS, start=1):
        assert re.fullmatch(rf"m{number:03d}_[a-z_]+", step.__name__), step.__name__
        assert step.__doc__ and len(step.__doc__.split()) >= 5, step.__name__


@pytest.mark.parametrize("start", range(SCHEMA_VERSION))
def test_a_file_at_any_version_is_migrated_to_the_schema_of_a_new_one(tmp_path: Path, start: int) -> None:
    fresh = Store.open(tmp_path / "fresh.db")
    old = tmp_path / "old.db"
    conn = sqlite3.connect(old, isolation_level=None)
    for number, step in enumerate(MIGRATIONS[:start], start=1):
        step(conn)
        conn.execute(f"PRAGMA user_version = {number}")
    conn.close()
    migrated = Store.open(old)
    try:
        assert migrated.schema_version == SCHEMA_VERSION
        assert _schema(migrated.conn) == _schema(fresh.conn)
        assert migrated.integrity_problems() == []
    finally:
        migrated.close()
        fresh.close()


def test_the_busy_timeout_is_read_from_the_package_when_a_store_opens(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(claimtrack.store, "BUSY_TIMEOUT_MS", 200)
    store = Store.open(tmp_path / "a.db")
    try:
        assert store.conn.execute("PRAGMA busy_timeout").fetchone()[0] == 200
    finally:
        store.close()
