"""Stories over time (issue 4): linking claims across articles, status history,
reports of one claim, order independence and confidence.

Every article here is invented for these tests: short wire-style pieces about
villages of the gazetteer that the development corpus does not use, with
invented spokesmen. Each link rule has its own pair of articles.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from claimtrack import serialize
from claimtrack.lexicon import load_lexicon
from claimtrack.models import Article, StoredClaim, StoredLink
from claimtrack.service import IngestResult, claim_detail, ingest_article, list_claims
from claimtrack.store import ClaimFilter, Store

LEXICON = load_lexicon()
RELATIONS = {"corroborates", "contradicts", "denies", "confirms"}

# (published, outlet, body)
Piece = tuple[str, str, str]

# --- the three-article story: a village taken, disputed, then admitted lost ---

KOTLYNE_DAY1: Piece = (
    "2025-03-04",
    "Northline Wire",
    "Russia's defence ministry said on Tuesday that its forces had taken the village of Kotlyne "
    "in the Donetsk region. Reuters could not independently verify the claim.",
)
KOTLYNE_DAY2: Piece = (
    "2025-03-06",
    "Steppe Courier",
    "A Ukrainian military spokesman, Taras Hrytsenko, said on Wednesday that fighting continues "
    "in Kotlyne. He denied the Russian claim that the village had fallen.",
)
KOTLYNE_DAY3: Piece = (
    "2025-03-27",
    "Northline Wire",
    "Ukraine's military said on Thursday that its troops had withdrawn from Kotlyne to avoid "
    "encirclement. The withdrawal ended weeks of fighting for the village.",
)
KOTLYNE = (KOTLYNE_DAY1, KOTLYNE_DAY2, KOTLYNE_DAY3)

# --- a second story: a capture rejected by Kyiv, contested, corroborated by a monitor, reported twice ---

DACHNE = (
    (
        "2025-05-06",
        "Northline Wire",
        "Russia's defence ministry said on Tuesday that its forces had captured the village of "
        "Dachne, a claim Kyiv swiftly rejected.",
    ),
    (
        "2025-05-07",
        "Steppe Courier",
        "A spokesman for Ukraine's Khortytsia group, Serhiy Marchuk, said on Wednesday that "
        "Ukrainian troops still hold Dachne.",
    ),
    (
        "2025-05-09",
        "Danube Daily",
        "The Institute for the Study of War said on Friday that geolocated footage showed Russian "
        "forces had captured Dachne.",
    ),
    (
        "2025-05-06",
        "Eastern Ledger",
        "Russian forces have captured Dachne, a village in the Donetsk region, Russia's Defence "
        "Ministry said on Tuesday.",
    ),
)


# --- helpers -----------------------------------------------------------------


def _article(piece: Piece, index: int = 0) -> Article:
    published, outlet, body = piece
    return Article(
        body=body,
        published=dt.date.fromisoformat(published),
        outlet=outlet,
        title=f"{outlet} {published}",
        origin=f"{outlet.lower().replace(' ', '-')}-{published}-{index}.txt",
    )


def _ingest(store: Store, piece: Piece, index: int = 0) -> IngestResult:
    result = ingest_article(store, _article(piece, index), LEXICON)
    assert result.error is None
    return result


def _story(pieces: Sequence[Piece]) -> tuple[Store, list[IngestResult]]:
    store = Store.open(":memory:")
    return store, [_ingest(store, piece, i) for i, piece in enumerate(pieces)]


def _all(store: Store) -> list[StoredClaim]:
    return list_claims(store, ClaimFilter())


def _find(store: Store, words: str, source: str | None = None) -> StoredClaim:
    """The one claim whose sentence contains `words` (and whose source contains `source`)."""
    found = [
        c for c in _all(store) if words in c.sentence and (source is None or source.casefold() in c.source.casefold())
    ]
    assert len(found) == 1, (words, source, [(c.id, c.source, c.sentence) for c in _all(store)])
    return found[0]


def _status(store: Store, claim: StoredClaim) -> str:
    fresh = store.claim(claim.id)
    assert fresh is not None
    return fresh.status


def _links_between(store: Store, a: StoredClaim, b: StoredClaim) -> list[StoredLink]:
    return [link for link in store.links_of(a.id) if {link.source_id, link.target_id} == {a.id, b.id}]


def _all_links(store: Store) -> list[StoredLink]:
    seen: dict[tuple[int, int, str, str], StoredLink] = {}
    for claim_id in store.all_claim_ids():
        for link in store.links_of(claim_id):
            seen[(link.source_id, link.target_id, link.relation, link.rule)] = link
    return list(seen.values())


# --- the three-article story, day by day --------------------------------------


def test_story_day1_a_claimed_capture_is_unverified() -> None:
    store, _ = _story([KOTLYNE_DAY1])
    taken = _find(store, "had taken the village of Kotlyne")
    assert taken.side == "russia"
    assert taken.status == "unverified"
    assert any("could not independently verify" in note for note in taken.notes)
    assert [(h.old_status, h.new_status) for h in store.history_of(taken.id)] == [(None, "unverified")]


def test_story_day2_fighting_goes_on_and_a_denial_dispute_the_capture() -> None:
    store, results = _story([KOTLYNE_DAY1, KOTLYNE_DAY2])
    taken = _find(store, "had taken the village of Kotlyne")
    fighting = _find(store, "fighting continues in Kotlyne")
    denial = _find(store, "He denied the Russian claim")

    assert taken.status == "disputed"
    assert fighting.status == "disputed"
    assert fighting.side == "ukraine"
    assert denial.stance == "deny"
    assert denial.side == "ukraine"
    assert denial.status == "disputed"

    history = store.history_of(taken.id)
    assert [(h.old_status, h.new_status) for h in history] == [(None, "unverified"), ("unverified", "disputed")]
    assert history[0].document_id == results[0].document_id
    assert history[1].document_id == results[1].document_id  # the day-2 article caused the change

    assert {link.relation for link in _links_between(store, taken, fighting)} == {"contradicts"}
    assert _links_between(store, taken, denial), "the denial is linked to the claim it denies"
    assert {link.relation for link in _links_between(store, taken, denial)} <= {"contradicts", "denies"}


def test_story_day3_the_admission_confirms_the_capture_and_the_dispute_stays_in_history() -> None:
    store, results = _story(KOTLYNE)
    taken = _find(store, "had taken the village of Kotlyne")
    fighting = _find(store, "fighting continues in Kotlyne")
    denial = _find(store, "He denied the Russian claim")
    withdrew = _find(store, "had withdrawn from Kotlyne")

    assert taken.status == "confirmed"
    assert withdrew.status == "confirmed"  # an admission against interest
    assert withdrew.side == "ukraine"
    assert denial.status == "disputed"  # a denial is itself always disputed
    assert fighting.status == "disputed"

    history = store.history_of(taken.id)
    assert [(h.old_status, h.new_status) for h in history] == [
        (None, "unverified"),
        ("unverified", "disputed"),
        ("disputed", "confirmed"),
    ]
    assert [h.document_id for h in history] == [r.document_id for r in results]

    admissions = _links_between(store, taken, withdrew)
    assert [(link.relation, link.rule) for link in admissions] == [("confirms", "admission")]
    assert admissions[0].source_id == withdrew.id  # the admission confirms the capture
    assert admissions[0].document_id == results[2].document_id
    assert "admission" in taken.status_reason
    assert f"#{withdrew.id}" in taken.status_reason


def test_story_claim_detail_shows_links_history_and_reason() -> None:
    store, _ = _story(KOTLYNE)
    taken = _find(store, "had taken the village of Kotlyne")
    detail = claim_detail(store, taken.id)
    others = {view.other.id: view for view in detail.links}
    withdrew = _find(store, "had withdrawn from Kotlyne")
    fighting = _find(store, "fighting continues in Kotlyne")
    assert withdrew.id in others
    assert not others[withdrew.id].outgoing
    assert others[withdrew.id].other.source == withdrew.source
    assert fighting.id in others
    assert [h.new_status for h in detail.history] == ["unverified", "disputed", "confirmed"]
    assert detail.claim.status_reason


# --- each link rule with its own pair of articles -------------------------------

ZVIROVE_MOD: Piece = (
    "2025-04-02",
    "Northline Wire",
    "Russia's defence ministry said on Wednesday that its troops had captured the village of Zvirove.",
)
ZVIROVE_ISW: Piece = (
    "2025-04-03",
    "Danube Daily",
    "The Institute for the Study of War said on Thursday that Russian forces had captured Zvirove, "
    "citing geolocated footage.",
)
ZVIROVE_BLACKBIRD: Piece = (
    "2025-04-04",
    "Eastern Ledger",
    "Analysts at the Black Bird Group said on Friday that Russian troops had captured Zvirove.",
)


def test_corroborates_an_independent_monitor_agreeing_confirms_both() -> None:
    store, _ = _story([ZVIROVE_MOD, ZVIROVE_ISW])
    mod = _find(store, "captured the village of Zvirove")
    isw = _find(store, "Institute for the Study of War")
    assert isw.side == "independent"
    links = _links_between(store, mod, isw)
    assert [(link.relation, link.rule) for link in links] == [("corroborates", "same-outcome")]
    assert "captured" in links[0].evidence
    assert "Zvirove" in links[0].evidence
    assert _status(store, mod) == "confirmed"
    assert _status(store, isw) == "confirmed"
    assert "Institute for the Study of War" in store.claim(mod.id).status_reason  # type: ignore[union-attr]


LOZOVA_SES: Piece = (
    "2025-02-14",
    "Steppe Courier",
    "Ukraine's State Emergency Service said on Friday that a Russian missile strike on Lozova had killed seven people.",
)
LOZOVA_UN: Piece = (
    "2025-02-18",
    "Danube Daily",
    "The UN Human Rights Monitoring Mission in Ukraine said on Tuesday that the missile strike on Lozova "
    "had killed seven civilians.",
)


def test_corroborates_a_un_mission_giving_the_same_count_confirms() -> None:
    store, _ = _story([LOZOVA_SES, LOZOVA_UN])
    ses = _find(store, "State Emergency Service")
    un = _find(store, "UN Human Rights Monitoring Mission")
    assert un.side == "un"
    links = _links_between(store, ses, un)
    assert [(link.relation, link.rule) for link in links] == [("corroborates", "same-count")]
    assert "seven" in links[0].evidence
    assert _status(store, ses) == "confirmed"
    assert _status(store, un) == "confirmed"


BRYANSK_MOD: Piece = (
    "2025-05-10",
    "Northline Wire",
    "Russia's defence ministry said on Saturday that it had thwarted a Ukrainian offensive in the Bryansk region.",
)
BRYANSK_GS: Piece = (
    "2025-05-11",
    "Steppe Courier",
    "Ukraine's General Staff said on Sunday that new assaults had advanced in the Bryansk region.",
)


def test_contradicts_a_thwarted_operation_against_new_assaults() -> None:
    store, _ = _story([BRYANSK_MOD, BRYANSK_GS])
    thwarted = _find(store, "thwarted a Ukrainian offensive")
    assaults = _find(store, "new assaults had advanced")
    links = _links_between(store, thwarted, assaults)
    assert [(link.relation, link.rule) for link in links] == [("contradicts", "contrary-outcome")]
    assert "thwarted" in links[0].evidence
    assert "new assaults" in links[0].evidence
    assert "Bryansk" in links[0].evidence
    assert _status(store, thwarted) == "disputed"
    assert _status(store, assaults) == "disputed"


LYPTSI_REJECTED: Piece = (
    "2025-06-03",
    "Northline Wire",
    "Russia's defence ministry said on Tuesday that its forces had destroyed a Ukrainian bridge near Lyptsi, "
    "a claim Kyiv swiftly rejected.",
)


def test_denies_in_the_same_sentence_a_claim_kyiv_rejected() -> None:
    store, _ = _story([LYPTSI_REJECTED])
    claims = _all(store)
    claim = next(c for c in claims if c.side == "russia")
    denial = next(c for c in claims if c.stance == "deny")
    assert denial.side == "ukraine"
    assert denial.target_id == claim.id
    links = _links_between(store, claim, denial)
    assert [(link.source_id, link.target_id, link.relation) for link in links] == [(denial.id, claim.id, "denies")]
    assert links[0].rule
    assert claim.status == "disputed"
    assert denial.status == "disputed"


def test_denies_link_evidence_names_the_denial_words_or_subject() -> None:
    """docs/status-rules.md: every link stores its rule and the words it relied on."""
    store, _ = _story([LYPTSI_REJECTED])
    (link,) = [link for link in _all_links(store) if link.relation == "denies"]
    assert any(word in link.evidence for word in ("rejected", "Lyptsi", "bridge")), link.evidence


LYPTSI_CLAIM: Piece = (
    "2025-06-03",
    "Northline Wire",
    "Russia's defence ministry said on Tuesday that its forces had destroyed a bridge near Lyptsi.",
)


@pytest.mark.parametrize(
    "later",
    [
        "Ukraine's General Staff said on Wednesday that the ministry's statement was untrue.",
        "Ukraine's General Staff said on Wednesday that the Russian defence ministry's statement about "
        "the bridge near Lyptsi was untrue.",
        "Ukraine's General Staff said on Wednesday that the Russian report about the bridge near Lyptsi "
        "does not correspond to reality.",
    ],
    ids=["ministry-statement-untrue", "named-statement-untrue", "not-correspond-to-reality"],
)
def test_denies_in_a_later_article(later: str) -> None:
    """Issue 4: `denies` is a denial pointing at a claim in the same article or a later one."""
    store, _ = _story([LYPTSI_CLAIM, ("2025-06-04", "Steppe Courier", later)])
    claim = _find(store, "destroyed a bridge near Lyptsi")
    denial = next(c for c in _all(store) if c.stance == "deny")
    assert denial.side == "ukraine"
    assert denial.status == "disputed"
    relations = [(link.source_id, link.target_id, link.relation) for link in _links_between(store, claim, denial)]
    assert (denial.id, claim.id, "denies") in relations, relations
    assert _status(store, claim) == "disputed"


HLYBOKE_MOD: Piece = (
    "2025-07-01",
    "Northline Wire",
    "Russia's defence ministry said on Tuesday that its forces had liberated the village of Hlyboke in the "
    "Kharkiv region.",
)
HLYBOKE_UA: Piece = (
    "2025-07-03",
    "Steppe Courier",
    "Ukraine's Northern Operational Command acknowledged on Thursday that its units had pulled back from Hlyboke.",
)


def test_confirms_an_acknowledgement_by_the_other_side() -> None:
    store, results = _story([HLYBOKE_MOD, HLYBOKE_UA])
    liberated = _find(store, "liberated the village of Hlyboke")
    pulled = _find(store, "pulled back from Hlyboke")
    assert pulled.side == "ukraine"
    links = _links_between(store, liberated, pulled)
    assert [(link.source_id, link.target_id, link.relation, link.rule) for link in links] == [
        (pulled.id, liberated.id, "confirms", "admission")
    ]
    assert "liberated" in links[0].evidence
    assert "Hlyboke" in links[0].evidence
    assert links[0].document_id == results[1].document_id
    assert _status(store, liberated) == "confirmed"
    assert _status(store, pulled) == "confirmed"


KIVSHARIVKA_CONFIRMED: Piece = (
    "2025-07-08",
    "Northline Wire",
    "Russia's defence ministry said on Tuesday that Russian drones had destroyed a Ukrainian fuel depot in "
    "Kivsharivka. A Ukrainian regional official confirmed the claim, saying a fuel depot in Kivsharivka "
    "had been hit.",
)


def test_confirms_an_explicit_confirmation_of_the_claim() -> None:
    store, _ = _story([KIVSHARIVKA_CONFIRMED])
    claim = _find(store, "Russian drones had destroyed")
    confirmation = next(c for c in _all(store) if c.stance == "confirm")
    assert confirmation.side == "ukraine"
    links = _links_between(store, claim, confirmation)
    assert [(link.source_id, link.target_id, link.relation, link.rule) for link in links] == [
        (confirmation.id, claim.id, "confirms", "confirms-claim")
    ]
    assert "claim" in links[0].evidence
    assert claim.status == "confirmed"
    assert "other side" in claim.status_reason


def test_confirms_in_a_partial_confirmation_of_his_account() -> None:
    """docs/status-rules.md: a source explicitly confirms another side's claim
    ("in a partial confirmation of his account")."""
    piece: Piece = (
        "2025-07-08",
        "Northline Wire",
        "A Russian military spokesman, Viktor Orlov, said on Tuesday that Russian drones had destroyed a "
        "Ukrainian fuel depot in Kivsharivka. In a partial confirmation of his account, a Ukrainian regional "
        "official said a fuel depot in Kivsharivka had been hit.",
    )
    store, _ = _story([piece])
    claim = _find(store, "Russian drones had destroyed")
    confirmation = _find(store, "In a partial confirmation")
    assert confirmation.stance == "confirm"
    relations = [(link.source_id, link.target_id, link.relation) for link in _links_between(store, claim, confirmation)]
    assert (confirmation.id, claim.id, "confirms") in relations, relations
    assert _status(store, claim) == "confirmed"


POKROVSKE_UA: Piece = (
    "2025-10-14",
    "Steppe Courier",
    "Ukraine's Ground Forces said on Tuesday that a Russian missile strike on a training ground near "
    "Pokrovske had killed 12 soldiers.",
)
POKROVSKE_RU: Piece = (
    "2025-10-14",
    "Northline Wire",
    "Russia's defence ministry said on Tuesday that its missile strike near Pokrovske had killed up to "
    "150 Ukrainian servicemen.",
)
POKROVSKE_UA_REVISED: Piece = (
    "2025-10-15",
    "Danube Daily",
    "Ukraine's Ground Forces said on Wednesday that the toll of the strike near Pokrovske had risen and "
    "that 17 soldiers were killed.",
)
POKROVSKE_GS: Piece = (
    "2025-10-15",
    "Eastern Ledger",
    "Ukraine's General Staff said on Wednesday that the strike on the training ground near Pokrovske had "
    "killed 17 soldiers.",
)


def test_different_counts_of_the_same_thing_by_two_sides_are_both_disputed() -> None:
    store, _ = _story([POKROVSKE_UA, POKROVSKE_RU])
    ua = _find(store, "killed 12 soldiers")
    ru = _find(store, "150 Ukrainian servicemen")
    assert ua.quantities
    assert ru.quantities
    links = _links_between(store, ua, ru)
    assert [(link.relation, link.rule) for link in links] == [("contradicts", "different-count")]
    assert "12" in links[0].evidence
    assert "150" in links[0].evidence
    assert _status(store, ua) == "disputed"
    assert _status(store, ru) == "disputed"


def test_the_same_side_revising_its_own_count_disputes_nothing() -> None:
    store, _ = _story([POKROVSKE_UA, POKROVSKE_UA_REVISED, POKROVSKE_GS])
    claims = _all(store)
    assert len(claims) == 3
    assert {c.side for c in claims} == {"ukraine"}
    assert [c.status for c in claims] == ["unverified"] * 3
    assert not [link for link in _all_links(store) if link.relation == "contradicts"]


YAMPOLIVKA_MOD: Piece = (
    "2025-09-02",
    "Steppe Courier",
    "Ukraine's defence ministry said on Tuesday that Ukrainian troops had recaptured the village of Yampolivka.",
)
YAMPOLIVKA_GOVERNOR: Piece = (
    "2025-09-03",
    "Danube Daily",
    "The Ukrainian governor of the Donetsk region, Roman Kovalenko, said on Wednesday that Ukrainian forces "
    "had recaptured Yampolivka.",
)


def test_two_bodies_of_one_side_do_not_corroborate_each_other() -> None:
    store, _ = _story([YAMPOLIVKA_MOD, YAMPOLIVKA_GOVERNOR])
    ministry = _find(store, "recaptured the village of Yampolivka")
    governor = _find(store, "Roman Kovalenko")
    assert ministry.side == governor.side == "ukraine"
    assert ministry.source != governor.source
    assert _links_between(store, ministry, governor) == []
    assert _status(store, ministry) == "unverified"
    assert _status(store, governor) == "unverified"
    assert store.claim(ministry.id).sides_behind == 1  # type: ignore[union-attr]


STUPOCHKY_MOD: Piece = (
    "2025-09-10",
    "Northline Wire",
    "Russia's defence ministry said on Wednesday that its forces had taken control of Stupochky.",
)
STUPOCHKY_GS: Piece = (
    "2025-09-11",
    "Steppe Courier",
    "Ukraine's General Staff said on Thursday that its troops had repelled eleven Russian attacks near Stupochky.",
)


def test_attacks_repelled_near_a_place_dispute_nothing() -> None:
    store, _ = _story([STUPOCHKY_MOD, STUPOCHKY_GS])
    taken = _find(store, "taken control of Stupochky")
    repelled = _find(store, "repelled eleven Russian attacks")
    assert repelled.side == "ukraine"
    assert _links_between(store, taken, repelled) == []
    assert _status(store, taken) == "unverified"
    assert _status(store, repelled) == "unverified"


# --- every link stores its rule and evidence ----------------------------------

PAIRS = {
    "corroborates-monitor": [ZVIROVE_MOD, ZVIROVE_ISW],
    "corroborates-un-count": [LOZOVA_SES, LOZOVA_UN],
    "contradicts-operation": [BRYANSK_MOD, BRYANSK_GS],
    "denies-same-sentence": [LYPTSI_REJECTED],
    "confirms-admission": [HLYBOKE_MOD, HLYBOKE_UA],
    "confirms-explicit": [KIVSHARIVKA_CONFIRMED],
    "different-count": [POKROVSKE_UA, POKROVSKE_RU],
    "story-kotlyne": list(KOTLYNE),
    "story-dachne": list(DACHNE),
}
KNOWN_RULES = {
    "same-outcome",
    "same-count",
    "admission",
    "contrary-outcome",
    "different-count",
    "different-manner",
    "denies-claim",
    "denies-outcome",
    "same-denial",
    "confirms-claim",
    "contrast",
}


@pytest.mark.parametrize("name", sorted(PAIRS))
def test_every_link_stores_its_rule_and_evidence(name: str) -> None:
    store, results = _story(PAIRS[name])
    links = _all_links(store)
    assert links, "each of these stories makes at least one link"
    documents = {r.document_id for r in results}
    for link in links:
        assert link.relation in RELATIONS
        assert link.rule in KNOWN_RULES, link.rule
        assert link.evidence.strip(), link
        assert link.document_id in documents  # the article that made the link
    for claim_id in store.all_claim_ids():
        detail = claim_detail(store, claim_id)
        assert [(v.link.source_id, v.link.target_id, v.link.rule) for v in detail.links] == [
            (link.source_id, link.target_id, link.rule) for link in store.links_of(claim_id)
        ]


def test_outcome_link_evidence_names_words_and_subject() -> None:
    store, _ = _story(KOTLYNE)
    for link in _all_links(store):
        if link.rule in {"same-outcome", "admission", "contrary-outcome"}:
            assert "Kotlyne" in link.evidence, link.evidence
            assert "'" in link.evidence  # the quoted words of both claims


# --- reports: the same claim carried by two outlets ---------------------------

LYSIVKA_A: Piece = (
    "2025-11-03",
    "Northline Wire",
    "Russia's defence ministry said on Monday that its forces had captured the village of Lysivka in the "
    "Donetsk region.",
)
LYSIVKA_B: Piece = (
    "2025-11-03",
    "Eastern Ledger",
    "Russian troops have captured Lysivka, a village west of Pokrovsk, Russia's Defence Ministry said on "
    "Monday. There was no immediate comment from Kyiv.",
)


def test_the_same_claim_in_two_outlets_is_one_claim_with_two_reports() -> None:
    store, _ = _story([LYSIVKA_A, LYSIVKA_B])
    first = _find(store, "captured the village of Lysivka")
    second = _find(store, "Russian troops have captured Lysivka")
    assert first.source == second.source == "Russian Ministry of Defence"
    assert second.report_of == first.id
    assert first.report_of is None
    for claim in (first, second):
        assert claim.reports == 2
        assert claim.outlets == 2
        assert claim.first_reported == "2025-11-03"
    detail = claim_detail(store, first.id)
    assert [r.id for r in detail.reports] == [second.id]
    assert [c.id for c in list_claims(store, ClaimFilter(first_reports_only=True))] == [first.id]


def test_list_shows_a_claim_reported_twice_once(cli, write_article) -> None:
    for name, (published, outlet, body) in (("a.txt", LYSIVKA_A), ("b.txt", LYSIVKA_B)):
        cli.ok("ingest", str(write_article(name, body, published=published, outlet=outlet)))
    listed = cli.json("list", "--json")
    assert len([c for c in listed if "Lysivka" in c["sentence"]]) == 1
    table = cli.ok("list").stdout
    assert table.count("Lysivka") == 1
    assert "reported 2 times" in table
    assert len(cli.export()) == 2  # both reports are kept in the ledger


# --- order independence and re-ingest ------------------------------------------


def _final_statuses(pieces: Sequence[Piece], order: Sequence[int]) -> dict[tuple[str, str], str]:
    store = Store.open(":memory:")
    for i in order:
        _ingest(store, pieces[i], i)
    claims = _all(store)
    keys = [(c.sentence, c.source) for c in claims]
    assert len(set(keys)) == len(keys)
    return {(c.sentence, c.source): c.status for c in claims}


KOTLYNE_EXPECTED = {
    "had taken the village of Kotlyne": "confirmed",
    "fighting continues in Kotlyne": "disputed",
    "He denied the Russian claim": "disputed",
    "had withdrawn from Kotlyne": "confirmed",
}
DACHNE_EXPECTED = {
    ("captured the village of Dachne", "Russian Ministry of Defence"): "confirmed",
    ("captured the village of Dachne", "Ukrainian government"): "disputed",
    ("still hold Dachne", None): "disputed",
    ("Institute for the Study of War", None): "confirmed",
    ("Russian forces have captured Dachne", None): "confirmed",
}


def test_second_story_final_statuses() -> None:
    store, _ = _story(DACHNE)
    for (words, source), status in DACHNE_EXPECTED.items():
        assert _find(store, words, source).status == status, (words, source)
    reported = _find(store, "Russian forces have captured Dachne")
    assert reported.reports == 2


@pytest.mark.parametrize("order", list(itertools.permutations(range(3))), ids=lambda o: "-".join(map(str, o)))
def test_three_article_story_in_any_order_ends_the_same(order: tuple[int, ...]) -> None:
    final = _final_statuses(KOTLYNE, order)
    assert final == _final_statuses(KOTLYNE, (0, 1, 2))
    for words, status in KOTLYNE_EXPECTED.items():
        assert [s for (sentence, _), s in final.items() if words in sentence] == [status], words


@pytest.mark.parametrize("order", list(itertools.permutations(range(4))), ids=lambda o: "-".join(map(str, o)))
def test_second_story_in_any_order_ends_the_same(order: tuple[int, ...]) -> None:
    assert _final_statuses(DACHNE, order) == _final_statuses(DACHNE, (0, 1, 2, 3))


def _snapshot(store: Store) -> tuple[str, list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    exported = serialize.claims_to_json(_all(store))
    links = sorted(
        (link.source_id, link.target_id, link.relation, link.rule, link.evidence) for link in _all_links(store)
    )
    history = [
        (h.claim_id, h.old_status, h.new_status, h.reason, h.document_id)
        for claim_id in store.all_claim_ids()
        for h in store.history_of(claim_id)
    ]
    return exported, links, history


@pytest.mark.parametrize(("story", "index"), [("kotlyne", i) for i in range(3)] + [("dachne", i) for i in range(4)])
def test_reingesting_any_article_changes_nothing(story: str, index: int) -> None:
    pieces = KOTLYNE if story == "kotlyne" else DACHNE
    store, results = _story(pieces)
    before = _snapshot(store)
    again = _ingest(store, pieces[index], index)
    assert again.already
    assert again.document_id == results[index].document_id
    assert store.document_count() == len(pieces)
    assert _snapshot(store) == before
    json.loads(before[0])  # the export is valid JSON


# --- confidence: how many independent sides stand behind a claim -----------------


def test_sides_behind_an_unconfirmed_claim_is_one() -> None:
    store, _ = _story([KOTLYNE_DAY1, KOTLYNE_DAY2])
    assert _find(store, "had taken the village of Kotlyne").sides_behind == 1


def test_sides_behind_a_claim_confirmed_by_admission_is_two() -> None:
    store, _ = _story(KOTLYNE)
    taken = _find(store, "had taken the village of Kotlyne")
    assert taken.status == "confirmed"
    assert taken.sides_behind == 2
    assert taken.outlets == 1


def test_sides_behind_counts_a_monitor_as_its_own_side() -> None:
    store, _ = _story([ZVIROVE_MOD, ZVIROVE_ISW])
    assert _find(store, "captured the village of Zvirove").sides_behind == 2


def test_sides_behind_counts_each_independent_monitor_on_its_own() -> None:
    """docs/status-rules.md: each independent monitor or analyst counts on its own; issue 4: an
    independent monitor or agency counts as its own side."""
    store, _ = _story([ZVIROVE_MOD, ZVIROVE_ISW, ZVIROVE_BLACKBIRD])
    mod = _find(store, "captured the village of Zvirove")
    assert mod.status == "confirmed"
    assert mod.sides_behind == 3  # the ministry, ISW and Black Bird Group


def test_sides_behind_is_shown_next_to_the_status(cli, write_article) -> None:
    for name, (published, outlet, body) in (("a.txt", ZVIROVE_MOD), ("b.txt", ZVIROVE_ISW)):
        cli.ok("ingest", str(write_article(name, body, published=published, outlet=outlet)))
    table = cli.ok("list", "--confirmed").stdout
    assert "2 sides" in table


def test_story_files_are_not_from_the_dev_corpus() -> None:
    dev = Path(__file__).resolve().parent / "data" / "dev"
    texts = [p.read_text(encoding="utf-8") for p in dev.glob("*.txt")] if dev.is_dir() else []
    pieces = [*KOTLYNE, *DACHNE, *[p for pair in PAIRS.values() for p in pair]]
    for _, _, body in pieces:
        first = body.split(". ")[0]
        assert not any(first in text for text in texts)
