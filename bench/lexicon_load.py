"""Lexicon load time, each sample in a fresh process: cold (no cache file: the TOML is parsed, the
gazetteer merged and indexed) and cached (the pickle cache: claimtrack/lexicon/pickled.py), the
first place scan after it (which needs the place-matching index made from
claimtrack/lexicon/gazetteer.tsv and places.toml) and then the first look-up of a place by name
(which needs the merged places themselves, as extraction does).

    python bench/lexicon_load.py --rounds 11
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile

CODE = """
import time
from claimtrack.lexicon import load_lexicon
import claimtrack.extract.about as about
t0 = time.perf_counter()
lexicon = load_lexicon()
t1 = time.perf_counter()
about.find_places("Russian forces took Toretsk and shelled Kharkiv, officials in Kyiv said.", lexicon)
t2 = time.perf_counter()
lexicon.place_named("Kyiv")
t3 = time.perf_counter()
print(f"{(t1 - t0) * 1000:.2f} {(t2 - t1) * 1000:.2f} {(t3 - t2) * 1000:.2f}")
"""


def sample(cache_home: str) -> tuple[float, float, float]:
    env = dict(os.environ, XDG_CACHE_HOME=cache_home)
    out = subprocess.run([sys.executable, "-c", CODE], env=env, capture_output=True, text=True, check=True)
    load, scan, lookup = out.stdout.split()
    return float(load), float(scan), float(lookup)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=11)
    rounds = parser.parse_args().rounds
    cold = []
    for _ in range(rounds):
        with tempfile.TemporaryDirectory() as empty:
            cold.append(sample(empty))
    with tempfile.TemporaryDirectory() as warm:
        sample(warm)  # writes the cache file
        cached = [sample(warm) for _ in range(rounds)]
    for label, runs in (("cold", cold), ("cached", cached)):
        load = statistics.median(r[0] for r in runs)
        scan = statistics.median(r[1] for r in runs)
        lookup = statistics.median(r[2] for r in runs)
        print(
            f"{label:7} load_lexicon {load:6.1f} ms   first place scan {scan:6.1f} ms   "
            f"then place_named {lookup:6.1f} ms   (median of {rounds})"
        )


if __name__ == "__main__":
    main()
