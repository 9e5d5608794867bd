"""Removing a document: the ledger is left as it would be had the document never been ingested.

The acceptance is a property over the development corpora: ingest some articles, note every claim
by a key that does not depend on ids, ingest one more, remove it, and find every claim as it was
(status, reason, report group and pointer target). Removing an earlier document is held to the
statuses of a ledger that never had it; crafted articles cover a pointer that moved to the removed
document, a report group it bridged, and an analyst's verdict on its claim.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimtrack.article import content_hash, read_article_file
from claimtrack.lexicon import Lexicon
from claimtrack.models import Article, Status
from claimtrack.service import (
    NotFoundError,
    claim_detail,
    ingest_article,
    list_claims,
    list_documents,
    remove_document,
    set_verdict,
)
from claimtrack.store import ClaimFilter, Store

pytestmark = pytest.mark.slow

DATA = Path(__file__).parent / "data"
PATHS = sorted((DATA / "stories" / "dev").glob("*.txt")) + sorted((DATA / "dev").glob("*.txt"))
ARTICLES = {path.name: read_article_file(path) for path in PATHS}
HASHES = {article.origin: content_hash(article) for article in ARTICLES.values()}
WHEN = "2026-01-01T00:00:00"
LATER = "2026-01-02T00:00:00"

Key = tuple[str, int, str, str]


def _keys(store: Store) -> dict[int, Key]:
    """Each claim's id -> (its article's content hash, where its sentence starts, source, content)."""
    return {
        c.id: (HASHES.get(c.document) or c.document, c.sentence_start, c.source, c.content)
        for c in list_claims(store, ClaimFilter())
    }


def _ledger(store: Store) -> dict[Key, tuple[str, str, Key | None, Key | None]]:
    """Every claim by its key: status, reason, the first report of its group, and its target."""
    keys = _keys(store)
    return {
        keys[c.id]: (
            c.status,
            c.status_reason,
            keys[c.report_of] if c.report_of else None,
            keys[c.target_id] if c.target_id else None,
        )
        for c in list_claims(store, ClaimFilter())
    }


def _statuses(store: Store) -> dict[Key, str]:
    keys = _keys(store)
    return {keys[c.id]: c.status for c in list_claims(store, ClaimFilter())}


def _ingest(articles: list[Article], lexicon: Lexicon) -> tuple[Store, list[int]]:
    store = Store.open(":memory:")
    ids = [ingest_article(store, article, lexicon, when=WHEN).document_id or 0 for article in articles]
    return store, ids


def _counts(store: Store) -> dict[str, int]:
    return {k: v for k, v in store.counts().items() if k != "status_history"}


@settings(max_examples=15, deadline=None)
@given(names=st.lists(st.sampled_from(sorted(ARTICLES)), min_size=1, max_size=9, unique=True))
def test_removing_the_last_document_restores_the_ledger_before_it(lexicon: Lexicon, names: list[str]) -> None:
    *earlier, last = [ARTICLES[name] for name in names]
    store, _ = _ingest(earlier, lexicon)
    before, counts = _ledger(store), _counts(store)
    added = ingest_article(store, last, lexicon, when=WHEN)
    assert added.document_id is not None

    result = remove_document(store, added.document_id, lexicon, when=LATER)

    assert result.claims == added.claims
    assert _ledger(store) == before
    assert _counts(store) == counts  # the links it made and the actors only it named are gone too
    assert store.integrity_problems() == []


@settings(max_examples=10, deadline=None)
@given(
    names=st.lists(st.sampled_from(sorted(ARTICLES)), min_size=2, max_size=8, unique=True),
    data=st.data(),
)
def test_removing_an_earlier_document_gives_the_statuses_of_a_ledger_without_it(
    lexicon: Lexicon, names: list[str], data: st.DataObject
) -> None:
    articles = [ARTICLES[name] for name in names]
    gone = data.draw(st.integers(0, len(articles) - 2))
    without, _ = _ingest(articles[:gone] + articles[gone + 1 :], lexicon)
    store, ids = _ingest(articles, lexicon)

    remove_document(store, ids[gone], lexicon, when=LATER)

    # ids differ from the ledger that never had it, and with them which report a reason quotes
    assert {k: v[0] for k, v in _ledger(store).items()} == {k: v[0] for k, v in _ledger(without).items()}
    assert {k: v[2] for k, v in _ledger(store).items()} == {k: v[2] for k, v in _ledger(without).items()}
    assert store.integrity_problems() == []


def test_an_unknown_document_is_not_found(lexicon: Lexicon) -> None:
    store, ids = _ingest([ARTICLES["bakhmut-1.txt"]], lexicon)
    for missing in (ids[0] + 1, 0, -3, 2**70):
        with pytest.raises(NotFoundError, match="no document"):
            remove_document(store, missing, lexicon)
    assert len(list_documents(store)) == 1


def test_removal_leaves_a_clean_ledger_and_history(lexicon: Lexicon) -> None:
    names = ["bakhmut-1.txt", "bakhmut-2.txt", "bakhmut-3.txt"]
    store, ids = _ingest([ARTICLES[n] for n in names], lexicon)

    result = remove_document(store, ids[1], lexicon, when=LATER)

    assert store.integrity_problems() == []
    assert [d.id for d in list_documents(store)] == [ids[0], ids[2]]
    assert result.origin == ARTICLES["bakhmut-2.txt"].origin and result.claims > 0
    changes = [
        entry
        for claim in list_claims(store, ClaimFilter())
        for entry in claim_detail(store, claim.id).history
        if entry.changed_at == LATER
    ]
    assert len(changes) == result.changed
    assert all(e.reason.startswith(f"document #{ids[1]} (") and e.document_id is None for e in changes)


@pytest.mark.parametrize("last", [True, False])
def test_the_same_article_ingested_again_after_removal(lexicon: Lexicon, last: bool) -> None:
    names = ["bakhmut-1.txt", "bakhmut-3.txt", "bakhmut-2.txt"] if last else ["bakhmut-2.txt", "bakhmut-1.txt"]
    store, ids = _ingest([ARTICLES[n] for n in names], lexicon)
    first = _ledger(store) if last else _statuses(store)
    gone = ids[-1] if last else ids[0]

    remove_document(store, gone, lexicon, when=LATER)
    again = ingest_article(store, ARTICLES["bakhmut-2.txt"], lexicon, when=WHEN)

    assert not again.already and again.claims > 0
    assert (_ledger(store) if last else _statuses(store)) == first
    assert store.integrity_problems() == []


def test_documents_are_listed_with_their_claim_counts(lexicon: Lexicon) -> None:
    names = ["bakhmut-1.txt", "bakhmut-2.txt"]
    store, ids = _ingest([ARTICLES[n] for n in names], lexicon)
    claims = list_claims(store, ClaimFilter())

    documents = list_documents(store)

    assert [d.id for d in documents] == ids
    assert [d.origin for d in documents] == [ARTICLES[n].origin for n in names]
    assert [d.claims for d in documents] == [sum(c.document_id == i for c in claims) for i in ids]
    assert all(d.claims > 0 and d.ingested_at == WHEN for d in documents)
    assert documents[0].title == ARTICLES["bakhmut-1.txt"].title


# --- crafted stories -----------------------------------------------------------------------------


def _article(name: str, day: int, body: str) -> Article:
    return Article(body=body + "\n", title=name, outlet=f"Wire {name}", published=dt.date(2024, 3, day), origin=name)


CLAIM = _article(
    "claim", 4, "Russia's defence ministry said on Monday that its troops had taken the village of Vodiane."
)
DENIAL = _article(
    "denial",
    6,
    "A spokesman for Ukraine's Tavria group of forces, Dmytro Lykhovyi, told national television on "
    "Wednesday that the Russian statement about Vodiane was untrue.",
)
NEWER_CLAIM = _article(
    "newer", 5, "Russian military bloggers said on Tuesday that Russian forces had captured Vodiane."
)


def test_a_denial_that_moved_to_the_removed_document_points_back(lexicon: Lexicon) -> None:
    """'The Russian statement was untrue' points at the latest Russian claim published before it:
    the newer claim takes it over, and removing the newer claim's article gives it back."""
    expected = _ledger(_ingest([CLAIM, DENIAL], lexicon)[0])
    store, ids = _ingest([CLAIM, DENIAL, NEWER_CLAIM], lexicon)
    denial = next(c for c in list_claims(store, ClaimFilter()) if c.document == "denial")
    assert denial.target_id is not None and claim_detail(store, denial.target_id).claim.document == "newer"

    result = remove_document(store, ids[2], lexicon, when=LATER)

    assert _ledger(store) == expected
    assert result.changed == 1  # the first claim is disputed again
    first = next(c for c in list_claims(store, ClaimFilter()) if c.document == "claim")
    last = claim_detail(store, first.id).history[-1]
    assert (last.old_status, last.new_status) == ("unverified", "disputed")
    assert last.reason.startswith(f"document #{ids[2]} (newer) removed: disputed: denies-claim")


REPEATS = [
    _article(
        "road", 4, "Russia's defence ministry said on Monday that saboteurs mined the road checkpoint in Vodiane."
    ),
    _article(
        "bridge", 5, "Russia's defence ministry said on Tuesday that saboteurs mined the railway bridge in Vodiane."
    ),
]
BOTH = _article(
    "both",
    6,
    "Russia's defence ministry said on Wednesday that saboteurs mined the road checkpoint and the railway "
    "bridge in Vodiane.",
)


def test_a_report_group_the_removed_claim_bridged_splits_again(lexicon: Lexicon) -> None:
    """The two claims do not repeat each other; the removed one repeats both and joined them."""
    expected = _ledger(_ingest(REPEATS, lexicon)[0])
    store, ids = _ingest([*REPEATS, BOTH], lexicon)
    assert len(list_claims(store, ClaimFilter(first_reports_only=True))) == 1

    remove_document(store, ids[2], lexicon, when=LATER)

    assert _ledger(store) == expected
    assert len(list_claims(store, ClaimFilter(first_reports_only=True))) == 2


def test_a_verdict_on_a_removed_first_report_passes_to_the_next(lexicon: Lexicon) -> None:
    store, ids = _ingest([BOTH, *REPEATS], lexicon)
    claims = {c.document: c for c in list_claims(store, ClaimFilter())}
    assert claims["road"].report_of == claims["both"].id == claims["bridge"].report_of
    set_verdict(store, claims["both"].id, Status.DISPUTED, "checked on the ground", when=WHEN)

    result = remove_document(store, ids[0], lexicon, when=LATER)

    after = {c.document: c for c in list_claims(store, ClaimFilter())}
    assert after["road"].report_of is None and after["bridge"].report_of is None
    assert after["road"].verdict == "disputed" and after["road"].status == "disputed"
    assert after["bridge"].verdict is None and after["bridge"].status == "unverified"
    assert result.changed == 1
    assert store.integrity_problems() == []
