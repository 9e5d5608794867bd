"""Durability: migration of an older file, backup and check, crash safety, concurrent ingests."""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from claimtrack.store import SCHEMA_VERSION, Store

FIXTURES = Path(__file__).resolve().parent / "data" / "fixtures"
DEV = Path(__file__).resolve().parent / "data" / "dev"


def _run(db: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CLAIMTRACK_")}
    env.update(NO_COLOR="1", COLUMNS="200")
    result = subprocess.run(
        [sys.executable, "-m", "claimtrack", "--db", str(db), *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )
    if check:
        assert result.returncode == 0, (result.returncode, result.stderr)
    return result


def _ledger(db: Path) -> set[tuple[str, str, str]]:
    claims = json.loads(_run(db, "export", "--format", "json").stdout)
    return {(c["sentence"], c["source"], c["status"]) for c in claims}


def test_a_file_written_by_schema_1_is_migrated_on_open(tmp_path: Path) -> None:
    """tests/data/fixtures/schema-v1.db was made by claimtrack at schema 1 (the seed ingested)."""
    db = tmp_path / "old.db"
    shutil.copy(FIXTURES / "schema-v1.db", db)
    assert sqlite3.connect(db).execute("PRAGMA user_version").fetchone()[0] == 1
    store = Store.open(db)
    assert store.schema_version == SCHEMA_VERSION
    assert store.integrity_problems() == []
    store.close()
    disputed = json.loads(_run(db, "list", "--disputed", "--json").stdout)
    assert len(disputed) == 3
    assert "ok: schema" in _run(db, "check").stdout


def test_backup_is_a_complete_copy(tmp_path: Path) -> None:
    db, copy = tmp_path / "a.db", tmp_path / "copies" / "b.db"
    _run(db, "ingest", str(DEV / "tabaivka-1.txt"))
    assert "backed up 1 documents" in _run(db, "backup", str(copy)).stdout
    assert _ledger(copy) == _ledger(db)
    assert _run(copy, "check").returncode == 0


def test_backup_onto_the_ledger_itself_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "a.db"
    _run(db, "ingest", str(DEV / "tabaivka-1.txt"))
    result = _run(db, "backup", str(db), check=False)
    assert result.returncode != 0
    assert result.stderr.startswith("claimtrack:")


def test_check_reports_a_broken_ledger(tmp_path: Path) -> None:
    db = tmp_path / "a.db"
    _run(db, "ingest", str(DEV / "tabaivka-1.txt"))
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA foreign_keys = OFF")
    conn.execute("DELETE FROM documents")  # leaves claims pointing at nothing
    conn.commit()
    conn.close()
    result = _run(db, "check", check=False)
    assert result.returncode == 1
    assert "foreign key" in result.stderr
    assert "Traceback" not in result.stderr


def test_check_reports_term_counts_out_of_step(tmp_path: Path) -> None:
    """The per-term counts `show` reads are kept by triggers; `check` recounts them."""
    db = tmp_path / "a.db"
    _run(db, "ingest", str(DEV / "tabaivka-1.txt"))
    assert _run(db, "check").returncode == 0
    conn = sqlite3.connect(db)
    conn.execute("UPDATE term_counts SET claims = claims + 1 WHERE term_key = (SELECT min(term_key) FROM term_counts)")
    conn.commit()
    conn.close()
    result = _run(db, "check", check=False)
    assert result.returncode == 1
    assert "claim counts per term out of step" in result.stderr


def _articles(tmp_path: Path, count: int) -> Path:
    """Many distinct articles made from the dev corpus (a different date makes each one new)."""
    folder = tmp_path / "articles"
    folder.mkdir()
    sources = sorted(DEV.glob("*.txt"))
    for i in range(count):
        text = sources[i % len(sources)].read_text(encoding="utf-8")
        year = 2000 + i // len(sources)
        text = text.replace("published: 20", f"published: {year}-01-0{1 + i % 9}\nold_published: 20", 1)
        (folder / f"{i:03d}.txt").write_text(text, encoding="utf-8")
    return folder


def test_a_killed_ingest_leaves_only_whole_documents_and_resumes(tmp_path: Path) -> None:
    folder = _articles(tmp_path, 96)
    reference = tmp_path / "reference.db"
    _run(reference, "ingest", str(folder))
    expected = _ledger(reference)
    per_document = dict(
        sqlite3.connect(reference).execute(
            "SELECT d.origin, count(c.id) FROM documents d LEFT JOIN claims c ON c.document_id = d.id GROUP BY d.id"
        )
    )

    rng = random.Random(7)
    killed_midway = 0
    for attempt in range(3):
        db = tmp_path / f"killed-{attempt}.db"
        env = {k: v for k, v in os.environ.items() if not k.startswith("CLAIMTRACK_")}
        process = subprocess.Popen(
            [sys.executable, "-m", "claimtrack", "--db", str(db), "ingest", str(folder)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env=env,
        )
        time.sleep(rng.uniform(0.6, 1.6))
        interrupted = process.poll() is None
        process.send_signal(signal.SIGKILL)
        process.wait()
        killed_midway += int(interrupted)
        if db.exists():
            conn = sqlite3.connect(db)
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            stored = dict(
                conn.execute(
                    "SELECT d.origin, count(c.id) FROM documents d LEFT JOIN claims c ON c.document_id = d.id "
                    "GROUP BY d.id"
                )
            )
            conn.close()
            for origin, count in stored.items():
                assert count == per_document[origin], origin  # all of a document or none of it
        _run(db, "ingest", str(folder))
        assert _ledger(db) == expected
    assert killed_midway >= 1  # at least one kill landed while the ingest was running


@pytest.mark.parametrize("writers", [3])
def test_concurrent_ingests_and_readers_never_see_a_lock(tmp_path: Path, writers: int) -> None:
    folder = _articles(tmp_path, 12)
    files = sorted(folder.glob("*.txt"))
    db = tmp_path / "shared.db"
    _run(db, "ingest", str(files[0]))  # create the schema once
    env = {k: v for k, v in os.environ.items() if not k.startswith("CLAIMTRACK_")}
    chunks = [files[1 + i :: writers] for i in range(writers)]
    processes = [
        subprocess.Popen(
            [sys.executable, "-m", "claimtrack", "--db", str(db), "ingest", *map(str, chunk)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        for chunk in chunks
    ]
    readers_ok = 0
    while any(p.poll() is None for p in processes):
        result = _run(db, "list", "--disputed", "--json", check=False)
        assert result.returncode == 0, result.stderr
        assert "locked" not in result.stderr
        readers_ok += 1
    for process in processes:
        _out, err = process.communicate()
        assert process.returncode == 0, err
        assert "locked" not in err
    counts = Store.open(db).counts()
    assert counts["documents"] == len(files)
    reference = tmp_path / "reference.db"
    _run(reference, "ingest", *map(str, files))
    assert counts["claims"] == Store.open(reference).counts()["claims"]
    assert readers_ok >= 1


def test_term_counts_stay_right_when_documents_are_deleted_with_sql(tmp_path: Path) -> None:
    """claimtrack never deletes, but a user's SQL may: the cascade keeps the per-term counts right."""
    db = tmp_path / "a.db"
    _run(db, "ingest", str(DEV / "tabaivka-1.txt"), str(DEV / "bakhmut-1.txt"))
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("DELETE FROM documents WHERE id = 1")
    conn.commit()
    conn.close()
    result = _run(db, "check", check=False)
    assert result.returncode == 0, result.stderr
