"""Analyst verdicts (issue 4): set, supersede, clear, survive later ingests, CLI.

A verdict outranks the computed status until it is withdrawn; it is kept with
who, when and why; nothing is ever overwritten, only superseded. Articles are
invented for these tests.
"""

from __future__ import annotations

import datetime as dt

import pytest

from claimtrack.lexicon import load_lexicon
from claimtrack.models import Article, Status, StoredClaim
from claimtrack.service import (
    NotFoundError,
    claim_detail,
    clear_verdict,
    ingest_article,
    list_claims,
    set_verdict,
)
from claimtrack.store import ClaimFilter, Store

LEXICON = load_lexicon()

CLAIM = (
    "2025-08-05",
    "Northline Wire",
    "Russia's defence ministry said on Tuesday that its forces had captured the village of Vremivka. "
    "Reuters could not independently verify the report.",
)
MONITOR = (
    "2025-08-07",
    "Danube Daily",
    "The Institute for the Study of War said on Thursday that Russian forces had captured Vremivka, "
    "citing geolocated footage.",
)
REPEAT = (
    "2025-08-05",
    "Eastern Ledger",
    "Russian troops have captured Vremivka, Russia's Defence Ministry said on Tuesday.",
)


def _article(piece: tuple[str, str, str]) -> Article:
    published, outlet, body = piece
    return Article(body=body, published=dt.date.fromisoformat(published), outlet=outlet, origin=f"{outlet}.txt")


def _store(*pieces: tuple[str, str, str]) -> Store:
    store = Store.open(":memory:")
    for piece in pieces:
        ingest_article(store, _article(piece), LEXICON)
    return store


def _claim(store: Store, claim_id: int) -> StoredClaim:
    claim = store.claim(claim_id)
    assert claim is not None
    return claim


def _captured(store: Store) -> StoredClaim:
    (claim,) = [c for c in list_claims(store, ClaimFilter()) if "captured the village of Vremivka" in c.sentence]
    return claim


# --- the service -------------------------------------------------------------


def test_a_verdict_sets_the_status_and_is_marked_as_analyst() -> None:
    store = _store(CLAIM)
    claim = _captured(store)
    assert claim.status == "unverified"
    assert claim.verdict is None

    detail = set_verdict(
        store,
        claim.id,
        Status.CONFIRMED,
        "Geolocated video shows Russian troops in the village centre.",
        ["https://example.org/geo/vremivka"],
        "O. Petrenko",
        when="2025-08-06T09:00:00+00:00",
    )
    after = _claim(store, claim.id)
    assert after.status == "confirmed"
    assert after.verdict == "confirmed"
    assert "analyst" in after.status_reason.casefold()
    assert "Geolocated video" in after.status_reason
    assert detail.claim.status == "confirmed"

    (verdict,) = detail.verdicts
    assert verdict.status == "confirmed"
    assert verdict.note == "Geolocated video shows Russian troops in the village centre."
    assert verdict.evidence == ("https://example.org/geo/vremivka",)
    assert verdict.analyst == "O. Petrenko"
    assert verdict.created_at == "2025-08-06T09:00:00+00:00"
    assert verdict.active

    history = store.history_of(claim.id)
    assert [(h.old_status, h.new_status) for h in history] == [(None, "unverified"), ("unverified", "confirmed")]
    assert "analyst" in history[-1].reason.casefold()
    assert history[-1].changed_at == "2025-08-06T09:00:00+00:00"


def test_a_second_verdict_supersedes_the_first_and_nothing_is_deleted() -> None:
    store = _store(CLAIM)
    claim = _captured(store)
    set_verdict(store, claim.id, Status.CONFIRMED, "first look", (), "A", when="2025-08-06T09:00:00+00:00")
    detail = set_verdict(
        store, claim.id, Status.DISPUTED, "footage is older", (), "B", when="2025-08-07T09:00:00+00:00"
    )

    first, second = detail.verdicts
    assert (first.status, first.note, first.analyst) == ("confirmed", "first look", "A")
    assert first.superseded_by == second.id
    assert first.cleared_at is None
    assert not first.active
    assert (second.status, second.note, second.analyst) == ("disputed", "footage is older", "B")
    assert second.active

    after = _claim(store, claim.id)
    assert after.status == "disputed"
    assert after.verdict == "disputed"
    assert [h.new_status for h in store.history_of(claim.id)] == ["unverified", "confirmed", "disputed"]


def test_clear_returns_to_the_computed_status_and_keeps_the_verdict() -> None:
    store = _store(CLAIM)
    claim = _captured(store)
    set_verdict(store, claim.id, Status.CONFIRMED, "seen on video", (), None, when="2025-08-06T09:00:00+00:00")
    detail = clear_verdict(store, claim.id, when="2025-08-08T09:00:00+00:00")

    after = _claim(store, claim.id)
    assert after.status == "unverified"
    assert after.verdict is None
    assert "analyst" not in after.status_reason.casefold()
    (verdict,) = detail.verdicts
    assert verdict.cleared_at == "2025-08-08T09:00:00+00:00"
    assert verdict.superseded_by is None
    assert not verdict.active
    assert [h.new_status for h in store.history_of(claim.id)] == ["unverified", "confirmed", "unverified"]


def test_clear_without_an_active_verdict_is_not_found() -> None:
    store = _store(CLAIM)
    claim = _captured(store)
    with pytest.raises(NotFoundError):
        clear_verdict(store, claim.id)


def test_a_later_ingest_does_not_override_an_active_verdict() -> None:
    store = _store(CLAIM)
    claim = _captured(store)
    set_verdict(store, claim.id, Status.DISPUTED, "the village was still contested", (), "C")
    history_before = store.history_of(claim.id)

    ingest_article(store, _article(MONITOR), LEXICON)  # would confirm the claim
    after = _claim(store, claim.id)
    assert after.status == "disputed"
    assert after.verdict == "disputed"
    assert "analyst" in after.status_reason.casefold()
    assert store.history_of(claim.id) == history_before

    clear_verdict(store, claim.id)
    cleared = _claim(store, claim.id)
    assert cleared.status == "confirmed"  # the corroboration now applies
    assert cleared.verdict is None
    assert store.history_of(claim.id)[-1].new_status == "confirmed"


def test_a_verdict_on_a_report_applies_to_the_whole_claim() -> None:
    store = _store(CLAIM, REPEAT)
    first = _captured(store)
    (second,) = [c for c in list_claims(store, ClaimFilter()) if c.report_of == first.id]
    set_verdict(store, second.id, Status.CONFIRMED, "two outlets, one source; video checked", (), None)
    assert _claim(store, first.id).status == "confirmed"
    assert _claim(store, second.id).status == "confirmed"
    assert _claim(store, first.id).verdict == "confirmed"
    assert claim_detail(store, second.id).verdicts == claim_detail(store, first.id).verdicts


@pytest.mark.parametrize("claim_id", [0, 999])
def test_a_verdict_on_an_unknown_id_is_not_found(claim_id: int) -> None:
    store = _store(CLAIM)
    with pytest.raises(NotFoundError):
        set_verdict(store, claim_id, Status.CONFIRMED, "note", (), None)
    with pytest.raises(NotFoundError):
        clear_verdict(store, claim_id)


# --- the command line ------------------------------------------------------------


@pytest.fixture
def ledger(cli, write_article):
    published, outlet, body = CLAIM
    cli.ok("ingest", str(write_article("vremivka.txt", body, published=published, outlet=outlet)))
    (claim,) = cli.export()
    assert claim["status"] == "unverified"
    return cli, claim["id"]


def test_cli_verdict_with_note_evidence_and_analyst(ledger) -> None:
    cli, claim_id = ledger
    result = cli.ok(
        "verdict",
        str(claim_id),
        "confirmed",
        "--note",
        "Geolocated video of the village centre",
        "--evidence",
        "https://example.org/geo/1",
        "--evidence",
        "https://example.org/geo/2",
        "--by",
        "Olena Petrenko",
    )
    out = result.stdout
    assert "Analyst verdicts" in out
    assert "Geolocated video of the village centre" in out
    assert "https://example.org/geo/1" in out
    assert "https://example.org/geo/2" in out
    assert "Olena Petrenko" in out
    assert "confirmed (analyst)" in out
    (claim,) = cli.export()
    assert claim["status"] == "confirmed"
    assert "analyst" in claim["status_reason"].casefold()


def test_cli_show_and_list_mark_the_analyst_verdict(ledger) -> None:
    cli, claim_id = ledger
    cli.ok("verdict", str(claim_id), "disputed", "--note", "contested", "--by", "K")
    shown = cli.ok("show", str(claim_id)).stdout
    assert "Analyst verdicts" in shown
    assert "contested" in shown
    assert "active" in shown
    listed = cli.ok("list").stdout
    assert "disputed (analyst)" in listed


def test_cli_clear(ledger) -> None:
    cli, claim_id = ledger
    cli.ok("verdict", str(claim_id), "confirmed", "--note", "seen")
    result = cli.ok("verdict", str(claim_id), "--clear")
    assert "cleared" in result.stdout
    (claim,) = cli.export()
    assert claim["status"] == "unverified"
    shown = cli.ok("show", str(claim_id)).stdout
    assert "Analyst verdicts" in shown  # the withdrawn verdict stays on record
    assert "(analyst)" not in cli.ok("list").stdout


def test_cli_second_verdict_shows_the_first_as_superseded(ledger) -> None:
    cli, claim_id = ledger
    cli.ok("verdict", str(claim_id), "confirmed", "--note", "first")
    out = cli.ok("verdict", str(claim_id), "unverified", "--note", "second").stdout
    assert "superseded" in out
    assert "first" in out
    assert "second" in out


@pytest.mark.parametrize("note", [None, "", "   "])
def test_cli_verdict_without_a_note_is_an_error(ledger, clean_failure, note) -> None:
    cli, claim_id = ledger
    args = ["verdict", str(claim_id), "confirmed"] + ([] if note is None else ["--note", note])
    line = clean_failure(cli(*args))
    assert "note" in line
    (claim,) = cli.export()
    assert claim["status"] == "unverified"


def test_cli_verdict_with_neither_status_nor_clear_is_a_usage_error(ledger, clean_failure) -> None:
    cli, claim_id = ledger
    clean_failure(cli("verdict", str(claim_id)), code=2)


def test_cli_verdict_with_both_status_and_clear_is_a_usage_error(ledger, clean_failure) -> None:
    cli, claim_id = ledger
    clean_failure(cli("verdict", str(claim_id), "confirmed", "--note", "x", "--clear"), code=2)


def test_cli_verdict_on_an_unknown_id(ledger, clean_failure) -> None:
    cli, _ = ledger
    line = clean_failure(cli("verdict", "999", "confirmed", "--note", "x"), code=1)
    assert "999" in line


def test_cli_clear_without_a_verdict_is_an_error(ledger, clean_failure) -> None:
    cli, claim_id = ledger
    clean_failure(cli("verdict", str(claim_id), "--clear"), code=1)


def test_cli_verdict_with_a_bad_status_is_a_usage_error(ledger) -> None:
    cli, claim_id = ledger
    result = cli("verdict", str(claim_id), "maybe", "--note", "x")
    assert result.exit_code == 2
    assert "Traceback" not in result.output
