"""Extraction and ingest grow linearly with the size of a document (issue 11, item 4).

Measured by the work done, never by the clock: the Python steps claimtrack takes to extract a
document, the pairs of claims linking looks at, and the links it stores. A document twice as long
must cost twice as much, not four times; and the windows that make it so are wider than any
article, so an article's claims still link as before.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from types import FrameType
from typing import Any, cast

import pytest

import claimtrack
from claimtrack import linking
from claimtrack.extract import about, dates, extract_claims, pipeline
from claimtrack.lexicon import load_lexicon
from claimtrack.models import Actor, Article, Claim, Link, Stance, Status
from claimtrack.service import ingest_article
from claimtrack.store import Store

LEXICON = load_lexicon()
PACKAGE = str(Path(claimtrack.__file__).resolve().parent)
# short claim sentences of every frame that looks back: a claim, a denial of it, a pointer ('the
# claim'), a quotation of two sentences, 'according to' with a figure, a note that qualifies a claim
SENTENCES = [
    "Russia's defence ministry said its forces had captured the village of Makarivka.",
    "Ukraine's General Staff denied that Russian troops had taken Makarivka.",
    "The ministry said the claim was false.",
    '"We hold the line. We will not leave," a spokesman for the Khortytsia group said.',
    "According to Ukraine's air force, 30 Russian drones were shot down over Kharkiv.",
    "The General Staff's statement could not be independently verified.",
]
GROWTH = 2.1  # twice the document: at most this many times the work (today's quadratic code: 2.15 to 2.6)


def _document(sentences: int, separator: str) -> str:
    return separator.join(SENTENCES[i % len(SENTENCES)] for i in range(sentences))


def _steps(function: Callable[[], Any]) -> int:
    """Python steps (calls, lines, returns) taken inside claimtrack while `function` runs."""
    count = 0

    def trace(frame: FrameType, event: str, arg: object) -> Callable[..., Any] | None:
        nonlocal count
        if frame.f_code.co_filename.startswith(PACKAGE):
            count += 1
            return trace
        return None

    previous = sys.gettrace()
    sys.settrace(trace)
    try:
        function()
    finally:
        sys.settrace(previous)
    return count


def _extraction_steps(body: str) -> int:
    for cached in (about._places_cached, about._subjects_cached, dates._find_cached):
        cached.cache_clear()  # each document read cold, as the first of its run
    return _steps(lambda: extract_claims(Article(body=body), LEXICON))


@pytest.mark.parametrize(
    "separator", [" ", "\n", "\n\n"], ids=["one paragraph", "a paragraph a line", "blank lines between"]
)
def test_twice_the_document_is_twice_the_extraction(separator: str) -> None:
    """Nothing a sentence does looks at every earlier claim, sentence, place or quotation."""
    extract_claims(Article(body=_document(12, separator)), LEXICON)  # patterns compiled
    small = _extraction_steps(_document(300, separator))
    large = _extraction_steps(_document(600, separator))
    assert large / small < GROWTH, f"{small} steps for 300 sentences, {large} for 600"


def _ingest(lines: int, monkeypatch: pytest.MonkeyPatch) -> tuple[int, int, dict[int, str]]:
    """Pairs of claims linking looked at, links stored and statuses, for a document of `lines`
    alternate claims and denials about one village."""
    pairs = 0
    outcome_links = linking._outcome_links

    def counted(*args: Any) -> list[Link]:
        nonlocal pairs
        pairs += 1
        return outcome_links(*args)

    monkeypatch.setattr(linking, "_outcome_links", counted)
    body = "\n".join(SENTENCES[i % 2] for i in range(lines))
    store = Store.open(":memory:")
    try:
        result = ingest_article(store, Article(body=body), LEXICON, when="2025-02-08T00:00:00+00:00")
        ids = range(1, result.claims + 1)
        links = store.links_touching(ids)
        statuses = {i: status for i, (status, _) in store.statuses(ids).items()}
    finally:
        store.close()
    monkeypatch.undo()
    return pairs, len(links), statuses


def test_twice_the_document_links_twice_as_much(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every claim about the village disputes every denial of it: within a document, a claim is
    linked to its nearest claims about the same subject, not to all of them."""
    small_pairs, small_links, _ = _ingest(400, monkeypatch)
    large_pairs, large_links, statuses = _ingest(800, monkeypatch)
    assert large_pairs / small_pairs < GROWTH
    assert large_links / small_links < GROWTH
    assert set(statuses.values()) <= {Status.DISPUTED.value, Status.UNVERIFIED.value}


def test_an_article_still_links_every_pair_about_its_town() -> None:
    """Ten claims that the village was taken and ten denials, in one article: every claim disputes
    every denial, as before the window."""
    store = Store.open(":memory:")
    try:
        result = ingest_article(store, Article(body="\n\n".join(SENTENCES[i % 2] for i in range(20))), LEXICON)
        ids = range(1, result.claims + 1)
        facts = store.claim_facts(ids)
        links = store.links_touching(ids)
        statuses = store.statuses(ids)
    finally:
        store.close()
    denials = [f for f in facts if f.stance is Stance.DENY]
    claimed = [f for f in facts if f.stance is Stance.ASSERT]
    assert len(denials) == 10 and len(claimed) == 10
    assert {(k.source_key, k.target_key) for k in links if k.rule == "denies-outcome"} == {
        (d.id, c.id) for d in denials for c in claimed
    }
    assert {status for status, _ in statuses.values()} == {Status.DISPUTED.value}


def test_a_pointer_looks_back_a_window_of_claims() -> None:
    """A denial, a repetition or a note looks back LOOKBACK_CLAIMS claims, latest first."""
    numbers = cast("list[Claim]", list(range(1002)))  # stand-ins: only their order matters
    earlier = pipeline._Earlier(numbers[:1000], numbers[1000:])
    window = list(earlier.backwards())
    assert window[0] == 1001 and len(window) == pipeline.LOOKBACK_CLAIMS
    assert [earlier[i] for i in window[:3]] == numbers[1001:998:-1]


def test_the_speakers_a_pronoun_may_mean_are_bounded() -> None:
    context = pipeline._Context()
    for i in range(500):
        context.remember(Actor(f"Resident {i}", "unknown", "person"))
    assert len(context.recent) == pipeline.RECENT_ACTORS
    assert context.recent[-1].name == "Resident 499"
