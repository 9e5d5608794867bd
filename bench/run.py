"""Measure claimtrack on generated articles, in one run, beside two baselines.

    python bench/run.py --articles 300 [--out bench/results.md]

Reports: ingest throughput (articles/s, words/s, one process) against inserting the same
articles' raw text with sqlite-utils; peak memory of the ingest process; database bytes per
claim; and the latency of `claimtrack --help` (against `python -c "import typer"`),
`list --disputed --limit 50`, `show TERM` and `search` on the store that run built.
Numbers are for the machine it runs on; nothing here is a test.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate

CLAIMTRACK = [sys.executable, "-m", "claimtrack"]


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


def _ingest(db: Path, folder: Path) -> tuple[float, int]:
    """Seconds and peak resident memory (KiB) of one ingest process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    subprocess.run(
        [*CLAIMTRACK, "--db", str(db), "ingest", str(folder)], stdout=subprocess.DEVNULL, env=_env(), check=True
    )
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return seconds, max(peak, before)


def _baseline_insert(db: Path, paths: list[Path]) -> float:
    import sqlite_utils

    start = time.perf_counter()
    table = sqlite_utils.Database(db).table("raw")
    table.insert_all({"path": str(p), "text": p.read_text(encoding="utf-8")} for p in paths)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "articles"
        paths = generate(folder, args.articles)
        words = sum(len(p.read_text(encoding="utf-8").split()) for p in paths)
        db = Path(tmp) / "ledger.db"
        seconds, peak_kib = _ingest(db, folder)
        baseline = _baseline_insert(Path(tmp) / "raw.db", paths)
        claims = int(
            subprocess.run(
                [*CLAIMTRACK, "--db", str(db), "check"], capture_output=True, text=True, env=_env(), check=True
            )
            .stdout.split(" claims")[0]
            .split()[-1]
        )
        size = sum(Path(f"{db}{suffix}").stat().st_size for suffix in ("", "-wal") if Path(f"{db}{suffix}").exists())
        rows = [
            ("articles ingested", f"{args.articles} ({words} words, {claims} claims)"),
            ("ingest, one process", f"{args.articles / seconds:.1f} articles/s, {words / seconds:.0f} words/s"),
            ("baseline: raw text into SQLite with sqlite-utils", f"{args.articles / baseline:.0f} articles/s"),
            ("peak memory of the ingest process", f"{peak_kib / 1024:.0f} MB"),
            ("database bytes per claim", f"{size / max(claims, 1):.0f}"),
            ("`claimtrack --help`", f"{_seconds([*CLAIMTRACK, '--help']):.3f} s"),
            ("baseline: `python -c 'import typer'`", f"{_seconds([sys.executable, '-c', 'import typer']):.3f} s"),
            (
                "`list --disputed --limit 50`",
                f"{_seconds([*CLAIMTRACK, '--db', str(db), 'list', '--disputed', '--limit', '50']):.3f} s",
            ),
            ("`show toretsk`", f"{_seconds([*CLAIMTRACK, '--db', str(db), 'show', 'toretsk']):.3f} s"),
            ("`search drones`", f"{_seconds([*CLAIMTRACK, '--db', str(db), 'search', 'drones']):.3f} s"),
        ]
    table = "| measure | value |\n| --- | --- |\n" + "".join(f"| {name} | {value} |\n" for name, value in rows)
    print(table, end="")
    if args.out:
        args.out.write_text(table, encoding="utf-8")


if __name__ == "__main__":
    main()
