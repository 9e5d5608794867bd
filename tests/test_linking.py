"""Unit tests of claimtrack.linking: links between hand-made claim facts, no text and no database.

Each test builds `ClaimFacts` with outcomes and counts as extraction would leave them
and checks which links (source, target, relation, rule) the pure functions return.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import pytest

from claimtrack.linking import (
    LINK_WINDOW_DAYS,
    LINKS_PER_KIND,
    independent,
    link_claims,
    prune_links,
    same_count,
)
from claimtrack.models import ClaimFacts, Link, Outcome, Quantity, Relation, Stance
from claimtrack.reports import pointer_target, report_groups, same_assertion

CORROBORATES, CONTRADICTS, DENIES, CONFIRMS = (
    Relation.CORROBORATES,
    Relation.CONTRADICTS,
    Relation.DENIES,
    Relation.CONFIRMS,
)
MOD = "Russian Ministry of Defence"
GS = "Ukrainian General Staff"
ISW = "Institute for the Study of War"


def fact(
    id: int,
    actor: str,
    side: str,
    *,
    stance: Stance = Stance.ASSERT,
    outcomes: Iterable[Outcome] = (),
    quantities: Iterable[Quantity] = (),
    places: Iterable[str] = (),
    published: str | None = "2025-04-07",
    event: str | None = None,
    target: int | None = None,
    target_relation: str | None = None,
    hedged: bool = False,
    document: int | None = None,
    content: str = "",
    group: int = 0,
) -> ClaimFacts:
    return ClaimFacts(
        id=id,
        actor=actor,
        side=side,
        stance=stance,
        sentence_key=f"doc{id}:0",
        outcomes=tuple(outcomes),
        quantities=tuple(quantities),
        own_places=frozenset(places),
        target=target,
        target_relation=target_relation,
        document=id if document is None else document,
        published=published,
        event=event,
        hedged=hedged,
        content=content,
        group=group,
    )


def holds(place: str, side: str, words: str = "holds", *, denied: bool = False, kind: str = "control") -> Outcome:
    return Outcome(kind, place, side, words, denied=denied)


def count(what: str, low: float, high: float | None = None, *, bound: str = "", owner: str | None = None) -> Quantity:
    return Quantity(what, low, low if high is None else high, f"{low:g} {what}", owner=owner, bound=bound)


def summary(links: Sequence[Link]) -> list[tuple[int, int, Relation, str]]:
    return [(link.source_key, link.target_key, link.relation, link.rule) for link in links]


def moscow_took(
    place: str = "Tonenke", id: int = 1, *, published: str = "2025-04-07", document: int | None = None, group: int = 0
) -> ClaimFacts:
    """Russia's defence ministry: its forces captured `place`."""
    outcome = holds(place, "russia", "captured")
    return fact(
        id, MOD, "russia", outcomes=[outcome], places=[place], published=published, document=document, group=group
    )


# --- outcomes ------------------------------------------------------------------


def test_the_same_outcome_from_independent_sides_corroborates() -> None:
    kyiv = fact(1, GS, "ukraine", outcomes=[holds("Yasenove", "ukraine", "still hold")], places=["Yasenove"])
    isw = fact(2, ISW, "independent", outcomes=[holds("Yasenove", "ukraine", "still held")], places=["Yasenove"])
    links = link_claims([kyiv, isw])
    assert summary(links) == [(1, 2, CORROBORATES, "same-outcome")]
    assert links[0].subject == "Yasenove"
    assert "still hold" in links[0].evidence


@pytest.mark.parametrize(("first", "second"), [(1, 2), (2, 1)], ids=["claim-first", "admission-first"])
def test_the_opposing_side_conceding_the_outcome_is_an_admission(first: int, second: int) -> None:
    claim = moscow_took(id=first)
    conceded = fact(second, GS, "ukraine", outcomes=[holds("Tonenke", "russia", "withdrew from")], places=["Tonenke"])
    assert summary(link_claims([claim, conceded])) == [(second, first, CONFIRMS, "admission")]


def test_a_contrary_outcome_contradicts() -> None:
    kyiv = fact(2, GS, "ukraine", outcomes=[holds("Tonenke", "ukraine", "still hold")], places=["Tonenke"])
    assert summary(link_claims([moscow_took(), kyiv])) == [(1, 2, CONTRADICTS, "contrary-outcome")]


def test_contrary_outcomes_of_one_side_are_not_two_accounts() -> None:
    blogger = fact(2, "Russian military bloggers", "russia", outcomes=[holds("Tonenke", "ukraine", "still fighting")])
    assert link_claims([moscow_took(), blogger]) == []


@pytest.mark.parametrize(
    ("side", "actor"), [("ukraine", GS), ("independent", ISW)], ids=["denied-by-the-other-side", "denied-by-a-monitor"]
)
def test_a_denied_outcome_denies_and_never_corroborates(side: str, actor: str) -> None:
    denial = fact(2, actor, side, stance=Stance.DENY, outcomes=[holds("Tonenke", "russia", "captured", denied=True)])
    links = link_claims([moscow_took(), denial])
    assert summary(links) == [(2, 1, DENIES, "denies-outcome")]
    assert links[0].evidence.startswith("denied")


def test_a_denied_outcome_admits_nothing_and_backs_no_hold() -> None:
    """'Kyiv denied Russian forces took Tonenke' is no admission, nor does it vouch for a hold."""
    denial = fact(1, GS, "ukraine", stance=Stance.DENY, outcomes=[holds("Tonenke", "russia", "captured", denied=True)])
    hold = fact(2, ISW, "independent", outcomes=[holds("Tonenke", "ukraine", "still held")])
    assert link_claims([denial, hold]) == []


def test_a_denial_of_ones_own_sides_outcome_is_no_dispute() -> None:
    denial = fact(1, GS, "ukraine", stance=Stance.DENY, outcomes=[holds("Tonenke", "russia", "captured", denied=True)])
    same_side = fact(2, "Ukrainian military bloggers", "ukraine", outcomes=[holds("Tonenke", "russia", "captured")])
    assert link_claims([denial, same_side]) == []


def test_two_independent_denials_of_one_outcome_corroborate() -> None:
    kyiv = fact(1, GS, "ukraine", stance=Stance.DENY, outcomes=[holds("Tonenke", "russia", "captured", denied=True)])
    isw = fact(2, ISW, "independent", outcomes=[holds("Tonenke", "russia", "taken", denied=True)])
    assert summary(link_claims([kyiv, isw])) == [(1, 2, CORROBORATES, "same-denial")]


@pytest.mark.parametrize(
    ("a", "b", "opponents", "expected"),
    [
        pytest.param((GS, "ukraine"), (MOD, "russia"), None, True, id="enemies"),
        pytest.param((GS, "ukraine"), ("Ukrainian Air Force", "ukraine"), None, False, id="one-side"),
        pytest.param((ISW, "independent"), ("Black Bird Group", "independent"), None, True, id="two-monitors"),
        pytest.param((ISW, "independent"), (ISW, "independent"), None, False, id="one-monitor-twice"),
        pytest.param((GS, "ukraine"), ("Bilyk", "unknown"), None, False, id="unknown-side"),
        pytest.param(
            ("Ethiopian army", "ethiopia"),
            ("Eritrean army", "eritrea"),
            {"ethiopia": "tplf", "eritrea": "tplf", "tplf": "ethiopia"},
            False,
            id="allies",
        ),
        pytest.param(
            ("Ethiopian army", "ethiopia"),
            ("TPLF", "tplf"),
            {"ethiopia": "tplf", "eritrea": "tplf", "tplf": "ethiopia"},
            True,
            id="enemies-with-allies-known",
        ),
    ],
)
def test_independent(a: tuple[str, str], b: tuple[str, str], opponents: dict[str, str] | None, expected: bool) -> None:
    first, second = fact(1, *a), fact(2, *b)
    assert independent(first, second, opponents) is expected
    assert independent(second, first, opponents) is expected


def test_allies_do_not_corroborate_each_other() -> None:
    opponents = {"ethiopia": "tplf", "eritrea": "tplf", "tplf": "ethiopia"}
    ethiopia = fact(1, "Ethiopian army", "ethiopia", outcomes=[holds("Shire", "tplf", "shelled by", kind="blame")])
    eritrea = fact(2, "Eritrean army", "eritrea", outcomes=[holds("Shire", "tplf", "blamed", kind="blame")])
    assert link_claims([ethiopia, eritrea], opponents=opponents) == []
    # without knowing they fight the same enemy, two sides saying the same corroborate
    assert summary(link_claims([ethiopia, eritrea])) == [(1, 2, CORROBORATES, "same-outcome")]


@pytest.mark.parametrize(
    "other",
    [
        pytest.param(fact(2, ISW, "independent", outcomes=[holds("Tonenke", "russia")], hedged=True), id="hedged"),
        pytest.param(fact(2, "Bilyk", "unknown", outcomes=[holds("Tonenke", "russia")]), id="unknown-side"),
        pytest.param(
            fact(2, ISW, "independent", outcomes=[holds("Tonenke", "russia", "most of", kind="partial")]),
            id="part-of-the-place",
        ),
        pytest.param(fact(2, ISW, "independent", outcomes=[holds("Yasenove", "russia")]), id="another-place"),
    ],
)
def test_no_corroboration_or_dispute_without_a_sure_shared_outcome(other: ClaimFacts) -> None:
    assert link_claims([moscow_took(), other]) == []


def test_an_operation_links_only_where_the_claims_share_a_place() -> None:
    def operation(favours: str, words: str) -> Outcome:
        return holds("operation:ukraine", favours, words, kind="operation")

    thwarted = fact(1, MOD, "russia", outcomes=[operation("russia", "thwarted")], places=["Kursk"])
    elsewhere = fact(2, GS, "ukraine", outcomes=[operation("ukraine", "advanced")], places=["Sumy"])
    there = fact(3, GS, "ukraine", outcomes=[operation("ukraine", "pressing on")], places=["Kursk"])
    assert summary(link_claims([thwarted, elsewhere, there])) == [(1, 3, CONTRADICTS, "contrary-outcome")]


@pytest.mark.parametrize(
    ("published", "linked"),
    [
        pytest.param("2025-06-06", True, id="60-days"),
        pytest.param("2025-06-07", False, id="61-days"),
    ],
)
def test_outcomes_further_apart_than_the_link_window_are_other_events(published: str, linked: bool) -> None:
    assert LINK_WINDOW_DAYS == 60
    retaken = fact(2, GS, "ukraine", outcomes=[holds("Tonenke", "ukraine", "retook")], published=published)
    assert bool(link_claims([moscow_took(), retaken])) is linked


# --- counts -------------------------------------------------------------------------------------


def _count_links(mine: Quantity, theirs: Quantity) -> list[tuple[int, int, Relation, str]]:
    kyiv = fact(1, "State Emergency Service of Ukraine", "ukraine", quantities=[mine], places=["Kramatorsk"])
    un = fact(2, "UN Human Rights Monitoring Mission", "un", quantities=[theirs], places=["Kramatorsk"])
    return summary(link_claims([kyiv, un]))


@pytest.mark.parametrize(
    ("mine", "theirs", "expected"),
    [
        pytest.param(count("killed", 34), count("killed", 34), [(1, 2, CORROBORATES, "same-count")], id="same"),
        pytest.param(count("killed", 34), count("killed", 36), [(1, 2, CORROBORATES, "same-count")], id="within-10pc"),
        pytest.param(count("killed", 34), count("killed", 12), [(1, 2, CONTRADICTS, "different-count")], id="other"),
        pytest.param(count("killed", 34), count("killed", 30, bound="at least"), [], id="lower-bound-agrees"),
        pytest.param(
            count("killed", 12),
            count("killed", 30, bound="at least"),
            [(1, 2, CONTRADICTS, "different-count")],
            id="lower-bound-above",
        ),
        pytest.param(count("killed", 34), count("killed", 2, bound="subset"), [], id="subset-below"),
        pytest.param(count("killed", 100), count("killed", 150, bound="up to"), [], id="up-to-near"),
        pytest.param(
            count("killed", 34),
            count("killed", 34, bound="denied"),
            [(2, 1, DENIES, "denies-count")],
            id="denied-figure",
        ),
        pytest.param(count("killed", 34), count("killed", 120, bound="denied"), [], id="denied-other-figure"),
        pytest.param(count("killed", 34), count("killed", 9000, bound="cumulative"), [], id="running-total"),
        pytest.param(
            count("drones", 40, owner="russia"), count("drones", 12, owner="ukraine"), [], id="drones-of-two-sides"
        ),
        pytest.param(
            Quantity("killed", 70, 70, "70 patients and companions"),
            Quantity("killed", 24, 99, "dozens of fighters and"),
            [],
            id="fighters-and-patients-are-two-tolls",
        ),
        pytest.param(
            Quantity("killed", 70, 70, "70 soldiers"),
            Quantity("killed", 12, 12, "12 troops"),
            [(1, 2, CONTRADICTS, "different-count")],
            id="soldiers-and-troops-are-one-toll",
        ),
    ],
)
def test_counts(mine: Quantity, theirs: Quantity, expected: list[tuple[int, int, Relation, str]]) -> None:
    assert _count_links(mine, theirs) == expected


def test_a_side_revising_its_own_count_disputes_nothing() -> None:
    first = fact(1, "Kramatorsk city council", "ukraine", quantities=[count("killed", 9)], places=["Kramatorsk"])
    later = fact(
        2, "State Emergency Service of Ukraine", "ukraine", quantities=[count("killed", 34)], places=["Kramatorsk"]
    )
    assert link_claims([first, later]) == []


@pytest.mark.parametrize(
    ("places", "published", "linked"),
    [
        pytest.param(("Kramatorsk", "Kramatorsk"), "2025-04-14", True, id="same-place-7-days"),
        pytest.param(("Kramatorsk", "Kramatorsk"), "2025-04-15", False, id="same-place-8-days"),
        pytest.param(("Kramatorsk", "Kharkiv"), "2025-04-08", False, id="another-place"),
    ],
)
def test_counts_are_of_one_event_one_place_and_one_week(places: tuple[str, str], published: str, linked: bool) -> None:
    kyiv = fact(1, GS, "ukraine", quantities=[count("killed", 34)], places=[places[0]])
    moscow = fact(2, MOD, "russia", quantities=[count("killed", 3)], places=[places[1]], published=published)
    assert bool(link_claims([kyiv, moscow])) is linked


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        pytest.param((34, 34), (34, 34), True, id="equal"),
        pytest.param((34, 34), (37, 37), True, id="within-10pc"),
        pytest.param((34, 34), (38, 38), False, id="beyond-10pc"),
        pytest.param((10, 12), (11, 13), True, id="overlapping-ranges"),
        pytest.param((0, 0), (0, 0), True, id="zero"),
    ],
)
def test_same_count(a: tuple[float, float], b: tuple[float, float], expected: bool) -> None:
    first, second = count("killed", *a), count("killed", *b)
    assert same_count(first, second) is expected
    assert same_count(second, first) is expected


# --- explicit pointers -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("pointer", "expected"),
    [
        pytest.param(
            fact(2, GS, "ukraine", stance=Stance.DENY, target=1, target_relation="the Russian claim"),
            [(2, 1, DENIES, "denies-claim")],
            id="denies-claim",
        ),
        pytest.param(
            fact(2, GS, "ukraine", stance=Stance.CONFIRM, target=1, target_relation="the claim"),
            [(2, 1, CONFIRMS, "confirms-claim")],
            id="confirms-claim",
        ),
        pytest.param(
            fact(2, "Russian military bloggers", "russia", stance=Stance.CONFIRM, target=1),
            [],
            id="same-side-confirms-nothing",
        ),
        pytest.param(fact(2, GS, "ukraine", stance=Stance.CONFIRM, target=1, hedged=True), [], id="hedged-confirm"),
        pytest.param(
            fact(2, GS, "ukraine", target=1, target_relation="a different account"),
            [(2, 1, CONTRADICTS, "contrast")],
            id="a-different-account",
        ),
        pytest.param(fact(2, GS, "ukraine", stance=Stance.DENY, target=99), [], id="target-not-in-the-set"),
    ],
)
def test_explicit_pointers(pointer: ClaimFacts, expected: list[tuple[int, int, Relation, str]]) -> None:
    claim = fact(1, MOD, "russia", content="its forces had destroyed a bridge near Lyptsi")
    links = link_claims([claim, pointer])
    assert summary(links) == expected
    if links:
        assert "#1" in links[0].evidence


def test_a_confirmation_never_confirms_a_denial() -> None:
    denial = fact(1, MOD, "russia", stance=Stance.DENY)
    confirm = fact(2, GS, "ukraine", stance=Stance.CONFIRM, target=1)
    assert link_claims([denial, confirm]) == []


def test_focus_keeps_only_the_links_of_the_new_claims() -> None:
    kyiv = fact(2, GS, "ukraine", outcomes=[holds("Tonenke", "ukraine", "still hold")])
    denial = fact(3, "Ukrainian Armed Forces", "ukraine", stance=Stance.DENY, target=1)
    isw = fact(4, ISW, "independent", outcomes=[holds("Tonenke", "russia", "captured")])
    claims = [moscow_took(), kyiv, denial, isw]
    everything = link_claims(claims)
    assert summary(link_claims(claims, focus={4})) == [
        (1, 4, CORROBORATES, "same-outcome"),
        (2, 4, CONTRADICTS, "contrary-outcome"),
    ]
    # a pointer at a focus claim is read again with it
    assert (3, 1, DENIES, "denies-claim") in summary(link_claims(claims, focus={1}))
    assert set(summary(link_claims(claims, focus={1, 2, 3, 4}))) == set(summary(everything))


# --- pruning -------------------------------------------------------------------------------------


def test_pruning_keeps_explicit_links_and_links_that_can_move_a_status() -> None:
    claims = [
        moscow_took(),
        fact(2, GS, "ukraine", outcomes=[holds("Tonenke", "ukraine", "still hold")]),
        fact(3, "Ukrainian Armed Forces", "ukraine", stance=Stance.DENY, target=1),
    ]
    links = link_claims(claims, focus={3})
    sides = {c.id: c.side for c in claims}
    kept, movable = prune_links(links, {3}, {1: {"disputed"}, 2: {"disputed"}}, sides, {3})
    assert summary(kept) == [(3, 1, DENIES, "denies-claim")]  # explicit: kept although 1 is disputed already
    assert movable == {1}


def test_pruning_keeps_the_most_recent_few_of_a_kind_that_cannot_move_a_status() -> None:
    earlier = [moscow_took(id=i) for i in range(1, 7)]
    new = fact(10, GS, "ukraine", outcomes=[holds("Tonenke", "ukraine", "still hold")])
    links = link_claims([*earlier, new], focus={10})
    assert len(links) == 6
    sides = {c.id: c.side for c in [*earlier, new]}
    kept, movable = prune_links(links, {10}, {key: {"disputed"} for key in range(1, 7)}, sides)
    assert len(kept) == LINKS_PER_KIND == 3
    assert sorted(link.source_key for link in kept) == [4, 5, 6]
    assert movable == set()
    # the same links to unverified claims all move a status: every one is kept
    kept, movable = prune_links(links, {10}, {key: {"unverified"} for key in range(1, 7)}, sides)
    assert (len(kept), movable) == (6, set(range(1, 7)))


# --- reports of one claim, pointers across articles ---------------------------------------------


@pytest.mark.parametrize(
    ("other", "expected"),
    [
        pytest.param(moscow_took(id=2), True, id="same-outcome-other-article"),
        pytest.param(moscow_took(id=2, document=1), False, id="same-article"),
        pytest.param(moscow_took("Yasenove", id=2), False, id="another-place"),
        pytest.param(moscow_took(id=2, published="2025-07-01"), False, id="months-later"),
        pytest.param(
            fact(2, MOD, "russia", stance=Stance.DENY, outcomes=[holds("Tonenke", "russia", "captured")]),
            False,
            id="another-stance",
        ),
    ],
)
def test_same_assertion(other: ClaimFacts, expected: bool) -> None:
    assert same_assertion(moscow_took(), other) is expected


def test_same_assertion_without_outcomes_compares_words_and_places() -> None:
    words = "air defences downed a drone over the port and debris fell on a warehouse"
    first = fact(1, "Odesa regional administration", "ukraine", places=["Odesa"], content=words)
    again = fact(2, "Odesa regional administration", "ukraine", places=["Odesa"], content=words + " overnight")
    elsewhere = fact(3, "Odesa regional administration", "ukraine", places=["Izmail"], content=words)
    other_words = fact(4, "Odesa regional administration", "ukraine", places=["Odesa"], content="schools stay shut")
    assert same_assertion(first, again)
    assert not same_assertion(first, elsewhere)
    assert not same_assertion(first, other_words)


def test_report_groups_are_the_first_reports_of_every_earlier_repeat() -> None:
    first = moscow_took(id=3)
    merged = moscow_took(id=7, group=5)
    unrelated = moscow_took("Yasenove", id=8)
    other_actor = fact(9, "Kremlin", "russia", outcomes=[holds("Tonenke", "russia", "captured")], places=["Tonenke"])
    repeat = moscow_took(id=12)
    assert report_groups(repeat, [merged, first, unrelated, other_actor]) == [3, 5]
    assert report_groups(repeat, [unrelated, other_actor]) == []


def test_pointer_target_is_the_latest_claim_of_the_other_side_about_the_place() -> None:
    older = moscow_took(id=1, published="2025-04-01")
    latest = moscow_took(id=2, published="2025-04-06")
    own_side = fact(3, "Ukrainian Air Force", "ukraine", places=["Tonenke"], published="2025-04-06")
    after = moscow_took(id=4, published="2025-04-09")
    elsewhere = moscow_took("Yasenove", id=5, published="2025-04-07")
    stale = moscow_took(id=6, published="2025-01-01")
    denial = fact(
        10, GS, "ukraine", stance=Stance.DENY, places=["Tonenke"], published="2025-04-08", target_relation="the claim"
    )
    pool = [older, latest, own_side, after, elsewhere, stale]
    assert pointer_target(denial, pool) == latest
    assert pointer_target(denial, [older, stale]) == older
    assert pointer_target(denial, [own_side, after, elsewhere, stale]) is None


def test_pointer_target_by_possessor_alone() -> None:
    """'the ministry's statement was untrue', naming no place: the possessor's claim within a week."""
    ministry = moscow_took(id=1, published="2025-04-06")
    kremlin = fact(2, "Kremlin", "russia", places=["Tonenke"], published="2025-04-07")
    statement = "the ministry's statement"
    denial = fact(10, GS, "ukraine", stance=Stance.DENY, published="2025-04-08", target_relation=statement)
    assert pointer_target(denial, [ministry, kremlin]) == ministry
    weeks_later = fact(11, GS, "ukraine", stance=Stance.DENY, published="2025-05-08", target_relation=statement)
    assert pointer_target(weeks_later, [ministry, kremlin]) is None


def test_denying_a_fall_does_not_dispute_a_partial_gain() -> None:
    """'Pokrovsk has not fallen' and 'Russian forces seized most of Pokrovsk but have not completed its
    capture' can both be true."""
    kyiv = fact(1, GS, "ukraine", stance=Stance.DENY, outcomes=[holds("Pokrovsk", "russia", "fallen", denied=True)])
    isw = fact(2, ISW, "independent", outcomes=[holds("Pokrovsk", "russia", "seized most", kind="partial")])
    assert link_claims([kyiv, isw]) == []


def test_each_side_holding_part_of_a_town_is_no_contradiction() -> None:
    moscow = fact(1, MOD, "russia", outcomes=[holds("Myrnohrad", "russia", "gained a foothold in", kind="partial")])
    kyiv = fact(2, GS, "ukraine", outcomes=[holds("Myrnohrad", "ukraine", "still hold parts of", kind="partial")])
    assert link_claims([moscow, kyiv]) == []


def test_denying_a_foothold_still_disputes_a_claimed_foothold() -> None:
    moscow = fact(1, MOD, "russia", outcomes=[holds("Myrnohrad", "russia", "entered", kind="partial")])
    kyiv = fact(
        2,
        GS,
        "ukraine",
        stance=Stance.DENY,
        outcomes=[holds("Myrnohrad", "russia", "entered", kind="partial", denied=True)],
    )
    assert summary(link_claims([moscow, kyiv])) == [(2, 1, DENIES, "denies-outcome")]


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [
        pytest.param(count("killed", 900), count("killed", 3000), [], id="a-later-higher-toll-updates"),
        pytest.param(
            count("killed", 900), count("killed", 3000, bound="up to"), [], id="a-later-nearly-higher-toll-updates"
        ),
        pytest.param(
            count("killed", 3000), count("killed", 900), [(1, 2, CONTRADICTS, "different-count")], id="a-later-lower"
        ),
    ],
)
def test_a_toll_given_days_later_and_higher_updates_the_earlier(
    first: Quantity, second: Quantity, expected: list[tuple[int, int, Relation, str]]
) -> None:
    who = fact(1, "World Health Organization", "un", quantities=[first], places=["Goma"], event="2025-02-01")
    kinshasa = fact(2, "Congolese government", "drc", quantities=[second], places=["Goma"], event="2025-02-03")
    assert summary(link_claims([who, kinshasa])) == expected


def test_two_tolls_of_one_day_still_differ() -> None:
    who = fact(1, "World Health Organization", "un", quantities=[count("killed", 900)], places=["Goma"])
    kinshasa = fact(2, "Congolese government", "drc", quantities=[count("killed", 3000)], places=["Goma"])
    assert summary(link_claims([who, kinshasa])) == [(1, 2, CONTRADICTS, "different-count")]
