"""Measure extraction speed on an article folder: articles/s and words/s, extraction only and full ingest.

    python bench/extract_speed.py tests/data/dev --rounds 20
    python bench/extract_speed.py tests/data/stories/dev --spacy en_core_web_sm

Extraction runs the pure pipeline (no database); ingest runs the same articles into an in-memory
ledger (extraction, SQL, linking and status). `--spacy MODEL` also times a spaCy parse of the same
texts in the same run, for scale: spaCy is no dependency of claimtrack, so install it (and the
model) in the environment you measure in. Numbers are for the machine it runs on.
"""

from __future__ import annotations

import argparse
import importlib
import sys
import time
from pathlib import Path

from claimtrack.article import find_article_files, read_article_file
from claimtrack.extract import about, dates, extract_claims
from claimtrack.lexicon import load_lexicon
from claimtrack.service import ingest_article
from claimtrack.store import Store


def cold_caches() -> None:
    """Each round reads the articles as new: no per-sentence cache carries over."""
    about._places_cached.cache_clear()
    about._subjects_cached.cache_clear()
    dates._find_cached.cache_clear()


def spacy_seconds(model: str, texts: list[str], rounds: int) -> float:
    """Seconds to parse every text `rounds` times with the named spaCy pipeline (loaded beforehand)."""
    try:
        spacy = importlib.import_module("spacy")
        nlp = spacy.load(model)
    except (ImportError, OSError) as exc:
        sys.exit(f"extract_speed: cannot load spaCy model {model!r}: {exc}")
    list(nlp.pipe(texts[:1]))  # warm up
    start = time.perf_counter()
    for _ in range(rounds):
        for _doc in nlp.pipe(texts):
            pass
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--spacy", metavar="MODEL", help="also time this spaCy pipeline on the same texts")
    args = parser.parse_args()
    lexicon = load_lexicon()
    articles = [read_article_file(p) for p in find_article_files(args.folder) if p.suffix == ".txt"]
    words = sum(len(a.body.split()) for a in articles)
    extract_claims(articles[0], lexicon)  # warm the compiled patterns

    start = time.perf_counter()
    claims = 0
    for _ in range(args.rounds):
        cold_caches()
        for article in articles:
            claims += len(extract_claims(article, lexicon))
    extract_seconds = time.perf_counter() - start

    start = time.perf_counter()
    for _ in range(args.rounds):
        cold_caches()
        store = Store.open(":memory:")
        for article in articles:
            ingest_article(store, article, lexicon)
        store.close()
    ingest_seconds = time.perf_counter() - start

    n = len(articles) * args.rounds
    print(f"{len(articles)} articles, {words} words, {claims // args.rounds} claims per round, {args.rounds} rounds")
    print(f"extract: {n / extract_seconds:8.1f} articles/s {words * args.rounds / extract_seconds:10.0f} words/s")
    print(f"ingest:  {n / ingest_seconds:8.1f} articles/s {words * args.rounds / ingest_seconds:10.0f} words/s")
    if args.spacy:
        seconds = spacy_seconds(args.spacy, [a.body for a in articles], args.rounds)
        print(f"spacy:   {n / seconds:8.1f} articles/s {words * args.rounds / seconds:10.0f} words/s ({args.spacy})")


if __name__ == "__main__":
    main()
