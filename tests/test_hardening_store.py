"""Issue 11, the ledger file: writers starting together on a new file, a full disk and I/O errors,
flipped bytes, a folder that cannot be written, LIKE wildcards, a foreign SQLite file, and a WAL
ledger in a read-only folder. Every failure is one `claimtrack:` line and exit 3, never a
traceback, and leaves the ledger as whole as it was.

A full disk is a small tmpfs, mounted where this user may mount one (root; skipped elsewhere with
the reason); an I/O error is a file-size limit (RLIMIT_FSIZE), which works anywhere; a read-only
folder is a tmpfs remounted read-only for root (whom permissions do not stop) and a chmod for
anyone else."""

from __future__ import annotations

import json
import os
import random
import resource
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from claimtrack.article import read_article_file
from claimtrack.models import Status
from claimtrack.service import ingest_article, set_verdict
from claimtrack.store import SCHEMA_VERSION, ClaimFilter, Store, StoreError, like_pattern

DEV = Path(__file__).resolve().parent / "data" / "dev"
EXIT_DATABASE = 3


# --- helpers ------------------------------------------------------------------------------------


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CLAIMTRACK_")}
    env.update(NO_COLOR="1", COLUMNS="200", CLAIMTRACK_FORMAT="json")
    return env


def _run(
    db: Path, *args: str, preexec: Callable[[], None] | None = None, timeout: float = 300
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "claimtrack", "--db", str(db), *args],
        capture_output=True,
        text=True,
        env=_env(),
        timeout=timeout,
        preexec_fn=preexec,
        check=False,
    )


def _one_line(result: subprocess.CompletedProcess[str], code: int = EXIT_DATABASE) -> str:
    """The run failed with `code`, one 'claimtrack:' line on stderr and no traceback."""
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode == code, (result.returncode, result.stderr)
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("claimtrack:"), result.stderr
    return lines[0]


def _counts(db: Path) -> dict[str, int]:
    store = Store.open(db, readonly=True)
    try:
        return store.counts()
    finally:
        store.close()


def _claims_per_document(db: Path) -> dict[str, int]:
    conn = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return dict(
            conn.execute(
                "SELECT d.origin, count(c.id) FROM documents d LEFT JOIN claims c ON c.document_id = d.id GROUP BY d.id"
            ).fetchall()
        )
    finally:
        conn.close()


@pytest.fixture(scope="module")
def dev_ledger(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A real ledger: the dev corpus ingested, closed (no -wal), in WAL mode."""
    db = tmp_path_factory.mktemp("dev") / "dev.db"
    done = _run(db, "ingest", str(DEV))
    assert done.returncode == 0, done.stderr
    assert not Path(f"{db}-wal").exists()
    return db


def _mount_tmpfs(folder: Path, size: str) -> None:
    if os.geteuid() != 0 or not shutil.which("mount"):
        pytest.skip("mounting a tmpfs needs root (this user cannot: the test runs where it can, e.g. CI)")
    folder.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)], capture_output=True, text=True
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip()}")


def _unmount(folder: Path) -> None:
    if subprocess.run(["umount", str(folder)], capture_output=True).returncode != 0:
        subprocess.run(["umount", "-l", str(folder)], capture_output=True)


@contextmanager
def small_disk(folder: Path, size: str) -> Iterator[Path]:
    """A tmpfs of `size` at `folder`: a disk that fills up."""
    _mount_tmpfs(folder, size)
    try:
        yield folder
    finally:
        _unmount(folder)


def _fill(folder: Path, leave: int) -> Path:
    """Fill the disk under `folder` but for about `leave` bytes."""
    stat = os.statvfs(folder)
    filler = folder / "filler"
    filler.write_bytes(b"\0" * max(0, stat.f_bavail * stat.f_frsize - leave))
    return filler


@contextmanager
def read_only_folder(folder: Path, *files: Path) -> Iterator[Path]:
    """A folder holding copies of `files` that this user cannot write: a read-only tmpfs for root,
    a chmod 555 folder for anyone else."""
    if os.geteuid() == 0:
        _mount_tmpfs(folder, "16m")
        try:
            for file in files:
                shutil.copy(file, folder / file.name)
            done = subprocess.run(["mount", "-o", "remount,ro", str(folder)], capture_output=True, text=True)
            if done.returncode != 0:
                pytest.skip(f"cannot remount a tmpfs read-only here: {done.stderr.strip()}")
            yield folder
        finally:
            _unmount(folder)
        return
    folder.mkdir(parents=True)
    for file in files:
        shutil.copy(file, folder / file.name)
    folder.chmod(0o555)
    try:
        if os.access(folder, os.W_OK):
            pytest.skip("this user can write a chmod 555 folder")
        yield folder
    finally:
        folder.chmod(0o755)


def _file_size_limit(limit: int) -> Callable[[], None]:
    """For a subprocess: writes past `limit` bytes of any file fail with EFBIG (an I/O error)."""

    def apply() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return apply


# --- item 6: writers starting together on a new file -------------------------------------------

# Each process imports everything first and waits for the same instant, then runs the CLI's own
# entry point (`claimtrack ...` is `claimtrack.cli:main`): the opens collide every time, where
# processes started one after another mostly miss each other.
BARRIER = """
import sys, time
import claimtrack.cli, claimtrack.service, claimtrack.store, claimtrack.extract
start = float(sys.argv[1])
while time.time() < start:
    time.sleep(0.0005)
sys.argv = ["claimtrack", *sys.argv[2:]]
claimtrack.cli.main()
"""


@pytest.mark.parametrize("writers", [4, 6])
def test_writers_starting_together_on_a_new_ledger_all_succeed(tmp_path: Path, writers: int) -> None:
    files = sorted(DEV.glob("*.txt"))[:writers]
    for attempt in range(3):
        db = tmp_path / f"new-{attempt}.db"
        start = time.time() + 2.0
        processes = [
            subprocess.Popen(
                [sys.executable, "-c", BARRIER, str(start), "--db", str(db), "ingest", str(file)],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
                text=True,
                env=_env(),
            )
            for file in files
        ]
        for process in processes:
            _out, err = process.communicate(timeout=300)
            assert process.returncode == 0, err
            assert "Traceback" not in err
        assert _counts(db)["documents"] == writers
        assert _run(db, "check").returncode == 0


def test_the_schema_version_is_read_again_under_the_write_lock(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Another writer creates the schema between this one's first look and its write lock."""
    db = tmp_path / "new.db"
    original = Store.transaction
    raced: list[bool] = []

    def transaction(self: Store) -> Any:
        if not raced:
            raced.append(True)
            other = sqlite3.connect(db, isolation_level=None)
            Store(other, str(db)).migrate()  # the other writer, through the same migrations
            other.close()
        return original(self)

    monkeypatch.setattr(Store, "transaction", transaction)
    store = Store.open(db)
    try:
        assert raced and store.schema_version == SCHEMA_VERSION
    finally:
        store.close()


# --- item 7: a full disk, an I/O error ---------------------------------------------------------


def test_an_error_sqlite_rolled_back_itself_is_the_error_reported(tmp_path: Path) -> None:
    """On a full disk or an I/O error SQLite may undo the transaction itself; a second ROLLBACK
    ('cannot rollback - no transaction is active') must not hide the error."""
    store = Store.open(tmp_path / "x.db")
    try:
        with pytest.raises(StoreError, match="disk is full"), store.transaction():  # noqa: PT012
            store.conn.execute("INSERT INTO places (name) VALUES ('Nowhere')")
            store.conn.execute("ROLLBACK")  # what SQLite does on SQLITE_FULL
            raise StoreError("cannot write x.db: the disk is full; the change was not made")
        assert not store.conn.in_transaction
        assert store.conn.execute("SELECT count(*) FROM places").fetchone()[0] == 0
        with store.transaction():  # the store is still usable
            store.ensure_place("Somewhere", "town", None, None, None, None)
    finally:
        store.close()


def test_a_full_ledger_keeps_whole_documents_and_names_the_one_not_stored(tmp_path: Path, lexicon: Any) -> None:
    """A full disk emulated by SQLite's page limit, where no tmpfs can be mounted."""
    store = Store.open(tmp_path / "x.db")
    try:
        files = sorted(DEV.glob("*.txt"))
        ingest_article(store, read_article_file(files[0]), lexicon)
        before = store.counts()
        pages = int(store.conn.execute("PRAGMA page_count").fetchone()[0])
        store.conn.execute(f"PRAGMA max_page_count = {pages}")
        with pytest.raises(StoreError) as info:
            ingest_article(store, read_article_file(files[1]), lexicon)
        message = str(info.value)
        assert "\n" not in message and "disk is full" in message
        assert f"{files[1]} not stored" in message
        assert store.counts() == before
        store.conn.execute(f"PRAGMA max_page_count = {pages * 100}")
        ingest_article(store, read_article_file(files[1]), lexicon)  # room again: it goes in
        assert store.counts()["documents"] == before["documents"] + 1
        assert store.integrity_problems() == []
    finally:
        store.close()


def test_an_io_error_during_ingest_is_one_line_and_keeps_whole_documents(tmp_path: Path, dev_ledger: Path) -> None:
    db = tmp_path / "x.db"
    result = _run(db, "ingest", str(DEV), preexec=_file_size_limit(500_000))
    line = _one_line(result)
    assert "disk I/O error" in line and "not stored" in line
    reference = _claims_per_document(dev_ledger)
    stored = _claims_per_document(db)
    assert stored, "the limit left room for at least one document"
    assert all(stored[origin] == reference[origin] for origin in stored)  # all of a document or none
    assert _run(db, "check").returncode == 0


def test_disk_full_during_ingest_is_one_line_and_keeps_whole_documents(tmp_path: Path, dev_ledger: Path) -> None:
    with small_disk(tmp_path / "disk", "800k") as disk:
        db = disk / "x.db"
        result = _run(db, "ingest", str(DEV))
        line = _one_line(result)
        assert "disk is full" in line and "not stored" in line
        reference = _claims_per_document(dev_ledger)
        stored = _claims_per_document(db)
        assert stored and all(stored[origin] == reference[origin] for origin in stored)
        assert "ok: schema" in _run(db, "check").stdout


@pytest.mark.parametrize("fmt", ["table", "nl"])
def test_disk_full_during_ingest_still_prints_what_was_stored(tmp_path: Path, fmt: str) -> None:
    """The summary (or the records, for a program) of what was stored comes before the error."""
    with small_disk(tmp_path / "disk", "800k") as disk:
        db = disk / "x.db"
        result = _run(db, "ingest", str(DEV), "--format", fmt)
        _one_line(result)
        stored = _claims_per_document(db)
        assert stored
        if fmt == "table":
            assert "Ingest" in result.stdout and "unverified" in result.stdout
        else:
            records = [json.loads(line) for line in result.stdout.splitlines()]
            assert len([r for r in records if r["outcome"] == "new"]) == len(stored)


@pytest.mark.parametrize(
    "args",
    [
        pytest.param(
            ["actors", "add", "Fresh Name", "--side", "ukraine", "--alias", "FN", "--alias", "F.N."], id="actors-add"
        ),
        pytest.param(["verdict", "3", "confirmed", "--note", "seen on video"], id="verdict"),
    ],
)
def test_disk_full_in_a_write_command_is_one_line_and_changes_nothing(
    tmp_path: Path, dev_ledger: Path, args: list[str]
) -> None:
    with small_disk(tmp_path / "disk", "2m") as disk:
        db = disk / "x.db"
        shutil.copy(dev_ledger, db)
        before = _counts(db)
        filler = _fill(disk, 48_000)  # room for the -shm and a frame or two of the -wal, not the change
        line = _one_line(_run(db, *args))
        assert "disk is full" in line
        filler.unlink()
        assert _counts(db) == before
        assert _run(db, "actors", "--json").stdout.count("Fresh Name") == 0
        assert "ok: schema" in _run(db, "check").stdout


def test_export_to_a_full_disk_leaves_no_temporary_file(tmp_path: Path, dev_ledger: Path) -> None:
    """Needs the CLI's _write_whole to remove its temporary file on failure (see the report)."""
    with small_disk(tmp_path / "disk", "64k") as disk:
        result = _run(dev_ledger, "export", "--format", "json", "-o", str(disk / "claims.json"))
        assert result.returncode != 0 and "Traceback" not in result.stderr
        assert result.stderr.startswith("claimtrack:") and result.stderr.count("\n") == 1, result.stderr
        assert sorted(p.name for p in disk.iterdir()) == []


# --- item 9: a damaged ledger ------------------------------------------------------------------


def _flipped(source: Path, target: Path, seed: int, flips: int) -> None:
    data = bytearray(source.read_bytes())
    rng = random.Random(seed)
    for _ in range(flips):
        offset = rng.randrange(100, len(data))  # past the header: a file SQLite still opens
        data[offset] ^= 1 << rng.randrange(8)
    target.write_bytes(bytes(data))


def _invoke(runner: CliRunner, db: Path, *args: str) -> Any:
    from claimtrack.cli import app

    return runner.invoke(app, ["--db", str(db), *args])


def _clean(result: Any) -> bool:
    """Never an exception: exit 0; exit 1 with its own lines (`check`'s problems, a term with no
    claims); or exit 3 with one 'claimtrack:' line. True when the ledger could be read (not 3)."""
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output
    assert result.exit_code in (0, 1, EXIT_DATABASE), (result.exit_code, result.stderr)
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert all(line.startswith(("claimtrack:", "problem:")) for line in lines), result.stderr
    if result.exit_code == EXIT_DATABASE:
        assert len(lines) == 1, result.stderr
    return result.exit_code != EXIT_DATABASE


COMMANDS = {
    "check": ["check"],
    "list": ["list", "--json"],
    "show toretsk": ["show", "toretsk"],
    "show bakhmut": ["show", "bakhmut"],
}


def test_flipped_bytes_give_one_line_and_check_never_passes_a_ledger_list_cannot_read(
    tmp_path: Path, dev_ledger: Path
) -> None:
    runner = CliRunner()
    damaged = 0
    for seed in range(36):
        db = tmp_path / f"flipped-{seed}.db"
        _flipped(dev_ledger, db, seed, flips=1 + seed % 6)
        readable = {name: _clean(_invoke(runner, db, *args)) for name, args in COMMANDS.items()}
        if readable["check"]:
            assert all(readable.values()), f"seed {seed}: check read the file, a command could not: {readable}"
        damaged += not readable["check"]
    assert damaged >= 12  # the flips did damage: the test is not passing on whole files


def test_text_that_is_not_utf8_is_damage_check_reports(tmp_path: Path, dev_ledger: Path, runner: CliRunner) -> None:
    """Bytes flipped inside a claim's sentence pass SQLite's page checks; `check` reads every row."""
    db = tmp_path / "bad-text.db"
    shutil.copy(dev_ledger, db)
    conn = sqlite3.connect(db)  # what a flipped high bit in a letter does: bytes that are not UTF-8
    conn.execute("UPDATE claims SET sentence = CAST(X'546F726574FF6B' AS TEXT) WHERE id = 1")
    conn.commit()
    conn.close()
    check = _invoke(runner, db, "check")
    assert not _clean(check) and "damaged" in check.stderr
    listing = _invoke(runner, db, "list", "--json")
    assert not _clean(listing) and "damaged" in listing.stderr


def test_json_a_flip_broke_is_damage_check_reports(tmp_path: Path, dev_ledger: Path, runner: CliRunner) -> None:
    """A claim's list of hedges no longer JSON: `list` used to die with JSONDecodeError, `check` said ok."""
    db = tmp_path / "bad-json.db"
    shutil.copy(dev_ledger, db)
    conn = sqlite3.connect(db)
    conn.execute("UPDATE claims SET hedges = '[x' WHERE id = (SELECT min(id) FROM claims)")
    conn.commit()
    conn.close()
    check = _invoke(runner, db, "check")
    assert not _clean(check) and "damaged" in check.stderr
    for args in (["list", "--json"], ["export", "--format", "csv"], ["show", "1"]):
        result = _invoke(runner, db, *args)
        assert not _clean(result) and "damaged" in result.stderr, args


def test_a_damaged_page_makes_check_fail_first(tmp_path: Path, dev_ledger: Path, runner: CliRunner) -> None:
    db = tmp_path / "bad-page.db"
    data = bytearray(dev_ledger.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    for offset in range(page * 3, page * 3 + 64):  # the header of the fourth page
        data[offset] = 0xA5
    db.write_bytes(bytes(data))
    check = _invoke(runner, db, "check")
    assert not _clean(check) and "damaged" in check.stderr
    assert "restore it from a backup" in check.stderr


# --- item 11: backup into a folder it cannot write ---------------------------------------------


def test_backup_into_a_folder_it_cannot_write_is_one_line(tmp_path: Path, dev_ledger: Path) -> None:
    with read_only_folder(tmp_path / "locked") as folder:
        line = _one_line(_run(dev_ledger, "backup", str(folder / "copy.db")))
        assert "cannot back up" in line
        assert list(folder.iterdir()) == []
        line = _one_line(_run(dev_ledger, "backup", str(folder / "sub" / "copy.db")))
        assert "cannot back up" in line


def test_backup_onto_a_full_disk_is_one_line_and_leaves_nothing(tmp_path: Path, dev_ledger: Path) -> None:
    with small_disk(tmp_path / "disk", "256k") as disk:
        line = _one_line(_run(dev_ledger, "backup", str(disk / "copy.db")))
        assert "cannot back up" in line and "full" in line
        assert list(disk.iterdir()) == []


def test_backup_under_a_file_is_a_store_error(tmp_path: Path, dev_ledger: Path) -> None:
    """No root needed: a 'folder' that is a file cannot hold the copy."""
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    store = Store.open(dev_ledger, readonly=True)
    try:
        with pytest.raises(StoreError, match="cannot back up") as info:
            store.backup(blocker / "copy.db")
        assert "\n" not in str(info.value)
    finally:
        store.close()


# --- item 14: LIKE wildcards, a foreign file, a read-only folder -------------------------------


@pytest.mark.parametrize("source", ["%", "_", "%%", "\\"])
def test_like_wildcards_in_source_match_only_themselves(dev_ledger: Path, runner: CliRunner, source: str) -> None:
    result = _invoke(runner, dev_ledger, "list", "--source", source, "--json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout) == []


def test_source_still_matches_part_of_a_name(dev_ledger: Path) -> None:
    store = Store.open(dev_ledger, readonly=True)
    try:
        everything = store.list_claims(ClaimFilter())
        some = store.list_claims(ClaimFilter(source="krem"))
        assert some and len(some) < len(everything)
        assert {c.source for c in some} == {"Kremlin"}
        assert store.list_claims(ClaimFilter(source="%")) == []
    finally:
        store.close()
    assert like_pattern("a%b_c\\") == "%a\\%b\\_c\\\\%"


def _foreign(path: Path, version: int = 0) -> bytes:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)")
    conn.execute("INSERT INTO notes (text) VALUES ('mine')")
    conn.execute(f"PRAGMA user_version = {version}")
    conn.commit()
    conn.close()
    return path.read_bytes()


@pytest.mark.parametrize("version", [0, 3])
def test_refusing_another_programs_file_leaves_it_as_it_was(tmp_path: Path, version: int) -> None:
    path = tmp_path / "theirs.sqlite"
    before = _foreign(path, version)
    for readonly in (False, True):
        with pytest.raises(StoreError, match="not a claimtrack database"):
            Store.open(path, readonly=readonly)
    line = _one_line(_run(path, "ingest", str(DEV / "tabaivka-1.txt")))
    assert "not a claimtrack database" in line
    assert path.read_bytes() == before
    assert sqlite3.connect(path).execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    assert not Path(f"{path}-wal").exists()


def test_a_wal_ledger_in_a_read_only_folder_can_be_read(tmp_path: Path, dev_ledger: Path) -> None:
    expected = json.loads(_run(dev_ledger, "list", "--json").stdout)
    toretsk = _run(dev_ledger, "show", "toretsk", "--json").stdout
    with read_only_folder(tmp_path / "ro", dev_ledger) as folder:
        db = folder / dev_ledger.name
        listing = _run(db, "list", "--json")
        assert listing.returncode == 0, listing.stderr
        assert json.loads(listing.stdout) == expected
        show = _run(db, "show", "toretsk", "--json")
        assert show.returncode == 0 and show.stdout == toretsk
        assert _run(db, "check").returncode == 0
        assert "read-only" in _one_line(_run(db, "ingest", str(DEV / "tabaivka-1.txt")))
        assert sorted(p.name for p in folder.iterdir()) == [dev_ledger.name]


def test_a_read_only_folder_with_unread_changes_in_the_wal_is_refused(tmp_path: Path, dev_ledger: Path) -> None:
    """Immutable reading would skip what the -wal holds: refused in one line instead."""
    work = tmp_path / "work"
    work.mkdir()
    db = work / dev_ledger.name
    shutil.copy(dev_ledger, db)
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA wal_autocheckpoint = 0")
    conn.execute("INSERT INTO places (name) VALUES ('Pending')")
    conn.commit()
    wal = Path(f"{db}-wal")
    snapshot = tmp_path / "snapshot"
    snapshot.mkdir()
    shutil.copy(db, snapshot / db.name)
    shutil.copy(wal, snapshot / wal.name)  # the -wal without its -shm, as after a crash
    conn.close()
    with read_only_folder(tmp_path / "ro", snapshot / db.name, snapshot / wal.name) as folder:
        line = _one_line(_run(folder / db.name, "list", "--json"))
        assert "-wal" in line


def test_readers_never_write_and_leave_no_files(tmp_path: Path, dev_ledger: Path) -> None:
    db = tmp_path / "x.db"
    shutil.copy(dev_ledger, db)
    store = Store.open(db, readonly=True)
    try:
        with pytest.raises(StoreError, match="read-only"):
            store.ensure_place("Nowhere", "town", None, None, None, None)
        assert store.integrity_problems() == []  # the full-text check runs and is undone
    finally:
        store.close()
    assert _run(db, "list", "--json").returncode == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.db"]


def test_a_verdict_on_a_readonly_store_is_refused(tmp_path: Path, dev_ledger: Path) -> None:
    db = tmp_path / "x.db"
    shutil.copy(dev_ledger, db)
    store = Store.open(db, readonly=True)
    try:
        with pytest.raises(StoreError, match="read-only"):
            set_verdict(store, 3, Status.CONFIRMED, "seen")
        assert store.counts()["verdicts"] == 0
    finally:
        store.close()


def test_storage_messages_are_one_short_line(tmp_path: Path) -> None:
    from claimtrack.store import _sqlite_error

    long = sqlite3.OperationalError("Could not decode to UTF-8 column 'body' with text '" + "x\n" * 500 + "'")
    message = str(_sqlite_error(long, "x.db"))
    assert "\n" not in message and len(message) < 200 and "damaged" in message
    full = sqlite3.OperationalError("database or disk is full")
    assert "disk is full" in str(_sqlite_error(full, "x.db"))
    integrity = _sqlite_error(sqlite3.IntegrityError("UNIQUE constraint failed: documents.hash"), "x.db")
    assert isinstance(integrity, StoreError) and isinstance(integrity, sqlite3.IntegrityError)
