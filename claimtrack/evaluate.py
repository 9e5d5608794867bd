"""Score claimtrack against an annotated corpus, as `corpus_score.py` does.

For every story, articles are ingested in `published` order into a fresh
in-memory ledger; after each article its gold claims are compared with the
ledger's claims (same sentence, a source name that matches). Reported:
attribution precision/recall/F1 over (sentence, source) pairs at the end of
each story, status accuracy after each article, and `show` recall.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from claimtrack.article import read_article_file
from claimtrack.lexicon import Lexicon
from claimtrack.serialize import claim_to_dict
from claimtrack.service import NotFoundError, claims_about, ingest_article, list_claims
from claimtrack.store import ClaimFilter, Store

QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})


def norm(text: str) -> str:
    text = unicodedata.normalize("NFKC", text or "").translate(QUOTES)
    return re.sub(r"\s+", " ", text).strip().casefold()


def same_sentence(pred: str, gold: str) -> bool:
    p, g = norm(pred), norm(gold)
    if not p or not g:
        return False
    if p == g:
        return True
    short, long_ = sorted((p, g), key=len)
    return short in long_ and len(short) >= 0.5 * len(long_)


def names_of(claim: dict[str, Any]) -> set[str]:
    names = {claim.get("source"), claim.get("source_text"), *(claim.get("source_aliases") or [])}
    return {norm(n) for n in names if isinstance(n, str) and n.strip()}


def gold_names(claim: dict[str, Any]) -> set[str]:
    return {norm(n) for n in [claim["source"], *claim.get("source_names", [])]}


def matches(pred: dict[str, Any], gold: dict[str, Any]) -> bool:
    return same_sentence(pred.get("sentence", ""), gold["sentence"]) and bool(names_of(pred) & gold_names(gold))


@dataclass
class CorpusReport:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    status_ok: int = 0
    status_n: int = 0
    show_ok: int = 0
    show_n: int = 0
    confusion: dict[tuple[str, str], int] = field(default_factory=lambda: defaultdict(int))
    misses: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def status(self) -> float:
        return self.status_ok / self.status_n if self.status_n else 0.0

    @property
    def show(self) -> float:
        return self.show_ok / self.show_n if self.show_n else 0.0

    @property
    def misleading(self) -> int:
        """Matched claims shown confirmed or disputed when the gold says otherwise: a wrong decisive
        status misleads a reader, a wrong "unverified" only holds one back."""
        return sum(n for (want, got), n in self.confusion.items() if got != want and got in ("confirmed", "disputed"))

    @property
    def misleading_share(self) -> float:
        return self.misleading / self.status_n if self.status_n else 0.0

    def confusion_line(self) -> str:
        kinds = ("confirmed", "disputed", "unverified")
        return "status confusion (rows: gold, columns: claimtrack): " + "; ".join(
            f"{want} -> " + " ".join(f"{got[:4]}={self.confusion.get((want, got), 0)}" for got in kinds)
            for want in kinds
        )

    def short(
        self,
        min_f1: float | None,
        min_status: float | None,
        min_show: float | None,
        max_misleading: float | None = None,
    ) -> list[str]:
        short = [
            name
            for name, value, floor in (
                ("f1", self.f1, min_f1),
                ("status", self.status, min_status),
                ("show", self.show, min_show),
            )
            if floor is not None and value < floor
        ]
        if max_misleading is not None and self.misleading_share > max_misleading:
            short.append("misleading")
        return short

    def summary(
        self,
        min_f1: float | None = None,
        min_status: float | None = None,
        min_show: float | None = None,
        max_misleading: float | None = None,
    ) -> str:
        short = self.short(min_f1, min_status, min_show, max_misleading)
        return (
            f"attribution P={self.precision:.2f} R={self.recall:.2f} F1={self.f1:.2f} "
            f"(tp={self.tp} fp={self.fp} fn={self.fn}) | status={self.status:.2f} of {self.status_n} "
            f"| misleading={self.misleading_share:.2f} ({self.misleading}) "
            f"| show={self.show:.2f} of {self.show_n}" + (f" | short: {', '.join(short)}" if short else "")
        )


def load_corpus(root: Path) -> dict[str, list[tuple[Path, dict[str, Any]]]]:
    stories: dict[str, list[tuple[Path, dict[str, Any]]]] = defaultdict(list)
    for gold_path in sorted(root.glob("*.gold.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        article = gold_path.with_name(gold["article"])
        stories[gold.get("story") or article.stem].append((article, gold))
    for items in stories.values():
        items.sort(key=lambda item: (str(item[1].get("published", "")), item[0].name))
    return stories


def _exported(store: Store) -> list[dict[str, Any]]:
    return [claim_to_dict(c) for c in list_claims(store, ClaimFilter())]


def _score_story(story: str, items: list[tuple[Path, dict[str, Any]]], lexicon: Lexicon, report: CorpusReport) -> None:
    store = Store.open(":memory:")
    predicted: list[dict[str, Any]] = []
    for article, gold in items:
        ingest_article(store, read_article_file(article), lexicon)
        predicted = _exported(store)
        for g in gold["claims"]:
            hit = next((p for p in predicted if matches(p, g)), None)
            if hit is None:
                continue
            report.status_n += 1
            report.confusion[(g["status"], str(hit.get("status")))] += 1
            if hit.get("status") == g["status"]:
                report.status_ok += 1
            else:
                report.misses.append(
                    f"  status  {article.name}: {g['source']}: want {g['status']}, "
                    f"got {hit.get('status')} :: {g['sentence'][:90]}"
                )
    gold_all = [g for _, gold in items for g in gold["claims"]]
    used: set[int] = set()
    matched: list[tuple[dict[str, Any], dict[str, Any]]] = []
    for g in gold_all:
        index = next((i for i, p in enumerate(predicted) if i not in used and matches(p, g)), None)
        if index is None:
            report.fn += 1
            report.misses.append(f"  missed  [{story}] {g['source']} :: {g['sentence'][:100]}")
        else:
            used.add(index)
            report.tp += 1
            matched.append((g, predicted[index]))
    for i, p in enumerate(predicted):
        if i in used or not p.get("source"):
            continue
        report.fp += 1
        report.misses.append(f"  extra   [{story}] {p.get('source')} :: {str(p.get('sentence'))[:100]}")
    terms: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for g, p in matched:
        for term in g.get("about", []):
            terms[term].append(p)
    for term, wanted in terms.items():
        try:
            shown = [claim_to_dict(c) for c in claims_about(store, term, lexicon).claims]
        except NotFoundError:
            shown = []
        keys = {(norm(c.get("sentence", "")), norm(c.get("source", ""))) for c in shown}
        for p in wanted:
            report.show_n += 1
            if (norm(p.get("sentence", "")), norm(p.get("source", ""))) in keys:
                report.show_ok += 1
            else:
                report.misses.append(f"  show    '{term}' lacks {p.get('source')} :: {str(p.get('sentence'))[:80]}")
    store.close()


def score_corpus(root: Path, lexicon: Lexicon) -> CorpusReport:
    report = CorpusReport()
    for story, items in load_corpus(root).items():
        _score_story(story, items, lexicon, report)
    return report
