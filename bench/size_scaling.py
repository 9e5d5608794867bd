"""Time against document size: one long document of short claim sentences, extracted and ingested.

    python bench/size_scaling.py [--sizes 100K 1M 5M] [--html-sizes 1M 5M] [--layout paragraphs]

Each document is made of the wire sentences bench/generate.py writes (sources of both sides,
"according to", quotations, denials, figures, many towns), three or so to a paragraph, until it
is the size asked; the HTML variant puts the same paragraphs in <p> elements of a page. For each
document: the seconds of `extract_claims` alone (reading the file included) and of a full
`claimtrack ingest` into a new temporary ledger, each in a fresh process, with the claims found,
the throughput (KB/s) and the peak memory of the process. `--layout one-paragraph` writes each
text document as a single line (the worst case for what a paragraph shares); `--layout repeated`
is one claim that a village was taken and its denial, line after line (the worst case for linking:
every claim disputes every denial). Time should grow with the size, not with its square: the KB/s
column stays level. Numbers are for the machine it runs on; nothing here is a test.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sqlite3
import subprocess
import sys
import tempfile
import time
from html import escape
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import WEEKDAYS, _sentences, front_line_places

CLAIMTRACK = [sys.executable, "-m", "claimtrack"]
UNITS = {"K": 1000, "M": 1000 * 1000}


def _extra(rng: random.Random, place: str) -> list[str]:
    """Frames the article generator leaves out: a denial with its content, a quotation with its
    speaker after it, a count 'according to' a source."""
    n = rng.randint(3, 60)
    return [
        f"Ukraine's General Staff denied that Russian forces had captured {place}.",
        f'"The enemy has been pushed back from {place}," a spokesman for the Khortytsia group said.',
        f"According to Ukraine's air force, {n} Russian drones were shot down overnight near {place}.",
    ]


def paragraphs(size: int, seed: int = 1) -> list[str]:
    """Paragraphs of short claim sentences, about `size` characters in all."""
    rng = random.Random(seed)
    places = front_line_places()
    out: list[str] = []
    total = 0
    while total < size:
        place = rng.choice(places)
        sentences = _sentences(rng, place, rng.choice(WEEKDAYS))
        sentences.insert(rng.randint(0, len(sentences)), rng.choice(_extra(rng, place)))
        for start in range(0, len(sentences), 3):
            paragraph = " ".join(sentences[start : start + 3])
            out.append(paragraph)
            total += len(paragraph) + 2
    return out


REPEATED = (
    "Russia's defence ministry said its forces had captured the village of Makarivka.\n"
    "Ukraine's General Staff denied that Russian troops had taken Makarivka.\n"
)


def text_document(size: int, layout: str = "paragraphs") -> str:
    if layout == "repeated":
        return REPEATED * (size // len(REPEATED))
    parts = paragraphs(size)
    return " ".join(parts) if layout == "one-paragraph" else "\n\n".join(parts)


def html_document(size: int) -> str:
    body = "\n".join(f"<p>{escape(p, quote=False)}</p>" for p in paragraphs(size))
    return (
        "<!DOCTYPE html>\n<html><head><meta charset='utf-8'><title>Front line, day by day</title></head>\n"
        f"<body><article><h1>Front line, day by day</h1>\n{body}\n</article></body></html>\n"
    )


def parse_size(text: str) -> int:
    text = text.strip().upper().removesuffix("B")
    unit = UNITS.get(text[-1:], 1)
    return int(float(text[:-1] if text[-1:] in UNITS else text) * unit)


def label(size: int) -> str:
    return f"{size // UNITS['M']} MB" if size >= UNITS["M"] else f"{size // UNITS['K']} KB"


def run_measured(command: list[str], timeout: float) -> tuple[float, int, str]:
    """Seconds, peak memory (KB) and standard output of a child process; (inf, 0, '') on timeout."""
    start = time.perf_counter()
    with tempfile.TemporaryFile() as out:
        child = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT)
        deadline = start + timeout
        while True:
            pid, status, usage = os.wait4(child.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                child.kill()
                os.wait4(child.pid, 0)
                child.returncode = -9
                return float("inf"), 0, ""
            time.sleep(0.02)
        seconds = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        output = out.read().decode("utf-8", "replace")
    if child.returncode != 0:
        sys.exit(f"size_scaling: {' '.join(command)} failed:\n{output[-2000:]}")
    return seconds, usage.ru_maxrss, output


def extract_child(path: str) -> None:
    """In a child process: read the file and extract its claims; print seconds and claims."""
    from claimtrack.article import read_article_file
    from claimtrack.extract import extract_claims
    from claimtrack.lexicon import load_lexicon

    lexicon = load_lexicon()
    start = time.perf_counter()
    claims = extract_claims(read_article_file(Path(path)), lexicon)
    print(json.dumps({"seconds": time.perf_counter() - start, "claims": len(claims)}))


def measure(path: Path, workdir: Path, timeout: float) -> dict[str, float]:
    size_kb = path.stat().st_size / 1000
    _, extract_peak, output = run_measured([sys.executable, __file__, "--extract-child", str(path)], timeout)
    extract = json.loads(output.strip().splitlines()[-1]) if output else {"seconds": float("inf"), "claims": 0}
    db = workdir / f"{path.stem}.db"
    ingest_seconds, ingest_peak, _ = run_measured([*CLAIMTRACK, "--db", str(db), "ingest", str(path)], timeout)
    stored = 0
    if db.exists() and ingest_seconds != float("inf"):
        with sqlite3.connect(db) as con:
            stored = con.execute("SELECT count(*) FROM claims").fetchone()[0]
    return {
        "kb": size_kb,
        "extract": extract["seconds"],
        "claims": extract["claims"],
        "extract_mb": extract_peak / 1024,
        "ingest": ingest_seconds,
        "stored": stored,
        "ingest_mb": ingest_peak / 1024,
    }


def row(kind: str, size: int, m: dict[str, float]) -> str:
    def rate(seconds: float) -> str:
        return f"{m['kb'] / seconds:,.0f}" if seconds != float("inf") else "-"

    def secs(seconds: float) -> str:
        return f"{seconds:.1f}" if seconds != float("inf") else "timeout"

    def peak(seconds: float, megabytes: float) -> str:
        return f"{megabytes:,.0f}" if seconds != float("inf") else "-"

    stored = f"{m['stored']:,.0f}" if m["ingest"] != float("inf") else "-"
    return (
        f"| {kind} | {label(size)} | {m['claims']:,.0f} | {secs(m['extract'])} | {rate(m['extract'])} | "
        f"{peak(m['extract'], m['extract_mb'])} | {secs(m['ingest'])} | {rate(m['ingest'])} | {stored} | "
        f"{peak(m['ingest'], m['ingest_mb'])} |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", nargs="*", default=["100K", "1M", "5M"], help="text documents (100K, 1M, ...)")
    parser.add_argument("--html-sizes", nargs="*", default=["1M", "5M"], help="HTML pages")
    parser.add_argument("--layout", choices=["paragraphs", "one-paragraph", "repeated"], default="paragraphs")
    parser.add_argument("--timeout", type=float, default=900, help="seconds before a run is given up")
    parser.add_argument("--keep", type=Path, help="write the documents here and keep them")
    parser.add_argument("--extract-child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.extract_child:
        extract_child(args.extract_child)
        return
    header = (
        "| document | size | claims | extract s | extract KB/s | extract peak MB | ingest s | ingest KB/s | stored "
        "| ingest peak MB |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
    )
    print(header, flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        folder = args.keep or workdir
        folder.mkdir(parents=True, exist_ok=True)
        kind = "text" if args.layout == "paragraphs" else f"text, {args.layout}"
        jobs = [(kind, parse_size(s), ".txt") for s in args.sizes]
        jobs += [("HTML", parse_size(s), ".html") for s in args.html_sizes]
        for kind, size, suffix in jobs:
            path = folder / f"scaling-{kind.replace(', ', '-').lower()}-{size}{suffix}"
            document = html_document(size) if suffix == ".html" else text_document(size, args.layout)
            path.write_text(document, encoding="utf-8")
            print(row(kind, size, measure(path, workdir, args.timeout)), flush=True)


if __name__ == "__main__":
    main()
