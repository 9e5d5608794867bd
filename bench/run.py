"""Measure claimtrack on generated articles, in one run, beside two baselines.

    python bench/run.py [--claims 10000 100000 1000000] [--out bench/results.md]

For each store size, generated articles are ingested until the store holds about that many
claims (the smallest size by one process and by `--jobs 2`, larger ones by `--jobs 2`):
ingest throughput (articles/s, words/s), peak memory and database bytes per claim. A size of
a million or more is made from a smaller one by copying its rows with dates moved on
(ingesting a million claims would take most of an hour); the table says which. On every
store: the latency of `claimtrack --help` (against `python -c "import typer"`),
`list --disputed --limit 50`, `show TERM` (the place with the most claims) and `search`.
The other baseline inserts the same articles' raw text with sqlite-utils. Numbers are for
the machine it runs on; nothing here is a test.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate

CLAIMTRACK = [sys.executable, "-m", "claimtrack"]
CLAIMS_PER_ARTICLE = 7.5  # what the generator's articles yield
# Typer validates option values with pydantic: any command with an option pays for importing it
ONE_OPTION_APP = (
    "import pathlib, typer\n"
    "app = typer.Typer()\n"
    "@app.command()\n"
    "def main(db: pathlib.Path = pathlib.Path('x')) -> None: pass\n"
    "app(['--db', 'y'], standalone_mode=False)"
)
COPIED_TABLES = ("documents", "claims", "claim_about", "links", "status_history")


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CLAIMTRACK_")}
    env["CLAIMTRACK_FORMAT"] = "json"
    return env


def _seconds(command: list[str], repeat: int = 5) -> float:
    """Median wall time of a command, run `repeat` times."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=_env(), check=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _ingest(db: Path, folder: Path, jobs: int) -> tuple[float, float]:
    """Seconds and peak resident memory (MB) of one ingest process, from GNU time."""
    command = ["/usr/bin/time", "-f", "%M", *CLAIMTRACK, "--db", str(db), "ingest", "--jobs", str(jobs), str(folder)]
    start = time.perf_counter()
    done = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=_env())
    seconds = time.perf_counter() - start
    if done.returncode:
        raise SystemExit(f"ingest failed: {done.stderr.strip()[-500:]}")
    return seconds, int(done.stderr.strip().splitlines()[-1]) / 1024


def _baseline_insert(db: Path, paths: list[Path]) -> float:
    import sqlite_utils

    start = time.perf_counter()
    table = sqlite_utils.Database(db).table("raw")
    table.insert_all({"path": str(p), "text": p.read_text(encoding="utf-8")} for p in paths)
    return time.perf_counter() - start


def _claims(db: Path) -> int:
    with sqlite3.connect(db) as conn:
        return int(conn.execute("SELECT count(*) FROM claims").fetchone()[0])


def _bytes(db: Path) -> int:
    with sqlite3.connect(db) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return db.stat().st_size


def _hottest_place(db: Path) -> str:
    with sqlite3.connect(db) as conn:
        return str(
            conn.execute(
                "SELECT term_key FROM claim_about JOIN places ON lower(places.name) = term_key "
                "WHERE claim_about.kind = 'own' GROUP BY term_key ORDER BY count(*) DESC LIMIT 1"
            ).fetchone()[0]
        )


def _grow(source: Path, target: Path, factor: int) -> None:
    """`factor` copies of a store's rows in one file, each copy's dates moved past the last."""
    target.write_bytes(source.read_bytes())
    with sqlite3.connect(target, isolation_level=None) as conn:
        span = int(
            conn.execute("SELECT julianday(max(published)) - julianday(min(published)) + 1 FROM documents").fetchone()[
                0
            ]
        )
        tops = {t: int(conn.execute(f"SELECT coalesce(max(rowid), 0) FROM {t}").fetchone()[0]) for t in COPIED_TABLES}
        columns = {t: [r[1] for r in conn.execute(f"PRAGMA table_info({t})")] for t in COPIED_TABLES}
        conn.execute("BEGIN")
        for copy in range(1, factor):
            days = f"'+{copy * span} days'"
            moved = {
                "documents": {
                    "id": "id + {documents}",
                    "hash": f"hash || '-{copy}'",
                    "published": f"date(published, {days})",
                },
                "claims": {
                    "id": "id + {claims}",
                    "document_id": "document_id + {documents}",
                    "target_id": "target_id + {claims}",
                    "report_of": "report_of + {claims}",
                    "event_start": f"date(event_start, {days})",
                    "event_end": f"date(event_end, {days})",
                },
                "claim_about": {"claim_id": "claim_id + {claims}", "day": f"date(day, {days})"},
                "links": {
                    "id": "id + {links}",
                    "source_id": "source_id + {claims}",
                    "target_id": "target_id + {claims}",
                    "document_id": "document_id + {documents}",
                },
                "status_history": {
                    "id": "id + {status_history}",
                    "claim_id": "claim_id + {claims}",
                    "document_id": "document_id + {documents}",
                },
            }
            offsets = {t: tops[t] * copy for t in COPIED_TABLES}
            for table in COPIED_TABLES:
                select = ", ".join(moved[table].get(c, c).format(**offsets) for c in columns[table])
                conn.execute(
                    f"INSERT INTO {table} ({', '.join(columns[table])}) SELECT {select} FROM {table} "
                    f"WHERE rowid <= {tops[table]}"
                )
        conn.execute("COMMIT")
        conn.execute("ANALYZE")


def _timed(work: Callable[[], object], repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _latencies(db: Path) -> dict[str, str]:
    """Each command end to end, and the same work inside one process (the queries and formatting
    without Python's and the CLI's start-up)."""
    from claimtrack.lexicon import load_lexicon
    from claimtrack.serialize import claims_to_json
    from claimtrack.service import claims_about, list_claims, search
    from claimtrack.store import ClaimFilter, Store

    place = _hottest_place(db)
    base = [*CLAIMTRACK, "--db", str(db)]
    store, lexicon = Store.open(db, readonly=True), load_lexicon()
    inside = {
        "list": _timed(lambda: claims_to_json(list_claims(store, ClaimFilter(statuses=("disputed",), limit=50)))),
        "show": _timed(lambda: claims_to_json(list(claims_about(store, place, lexicon, 200).claims))),
        "search": _timed(lambda: claims_to_json(search(store, "drones", ClaimFilter(limit=50)))),
    }
    store.close()
    commands = {
        "list": ("`list --disputed --limit 50`", ["list", "--disputed", "--limit", "50"]),
        "show": (f"`show {place}` (the latest 200 of its claims)", ["show", place]),
        "search": ("`search drones` (the best 50)", ["search", "drones"]),
    }
    times = {"`claimtrack --help`": f"{_seconds([*CLAIMTRACK, '--help']):.3f} s"}
    for key, (name, args) in commands.items():
        times[name] = f"{_seconds([*base, *args]):.3f} s (in process: {inside[key]:.3f} s)"
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    sizes = sorted(args.claims)
    rows: list[tuple[str, str]] = [
        ("machine", f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"),
        ("baseline: `python -c 'import typer'`", f"{_seconds([sys.executable, '-c', 'import typer']):.3f} s"),
        (
            "reference: a Typer app with one `Path` option, run",
            f"{_seconds([sys.executable, '-c', ONE_OPTION_APP]):.3f} s",
        ),
    ]
    with tempfile.TemporaryDirectory() as tmp:
        stores: dict[int, Path] = {}
        for size in sizes:
            smaller = [s for s in stores if size % s == 0 and size // s >= 10]
            if smaller and size >= 1_000_000:
                source = max(smaller)
                db = Path(tmp) / f"ledger-{size}.db"
                start = time.perf_counter()
                _grow(stores[source], db, size // source)
                rows.append(
                    (
                        f"{_claims(db):,} claims",
                        f"{size // source} copies of the {source:,}-claim store "
                        f"(moved on in time), made in {time.perf_counter() - start:.0f} s",
                    )
                )
                stores[size] = db
            else:
                folder = Path(tmp) / f"articles-{size}"
                paths = generate(folder, round(size / CLAIMS_PER_ARTICLE))
                words = sum(len(p.read_text(encoding="utf-8").split()) for p in paths)
                for jobs in (1, 2) if size == sizes[0] else (2,):
                    db = Path(tmp) / f"ledger-{size}-j{jobs}.db"
                    seconds, peak = _ingest(db, folder, jobs)
                    claims = _claims(db)
                    rows.append(
                        (
                            f"{claims:,} claims: ingest {len(paths):,} articles, --jobs {jobs}",
                            f"{len(paths) / seconds:.1f} articles/s, {words / seconds:,.0f} words/s, "
                            f"peak memory {peak:.0f} MB",
                        )
                    )
                stores[size] = db
                baseline = _baseline_insert(Path(tmp) / f"raw-{size}.db", paths)
                rows.append(
                    (
                        f"{claims:,} claims: baseline, raw text into SQLite with sqlite-utils",
                        f"{len(paths) / baseline:,.0f} articles/s",
                    )
                )
            claims = _claims(stores[size])
            rows.append((f"{claims:,} claims: database bytes per claim", f"{_bytes(stores[size]) / claims:,.0f}"))
            for name, value in _latencies(stores[size]).items():
                rows.append((f"{claims:,} claims: {name}", value))
            print(json.dumps(rows[-6:]), file=sys.stderr, flush=True)
    table = "| measure | value |\n| --- | --- |\n" + "".join(f"| {name} | {value} |\n" for name, value in rows)
    print(table, end="")
    if args.out:
        args.out.write_text(table, encoding="utf-8")


if __name__ == "__main__":
    main()
