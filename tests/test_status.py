"""Status rules on invented claims: corroboration, admissions, contrary outcomes, denials, counts."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from claimtrack.linking import independent, link_claims, prune_links
from claimtrack.models import ClaimFacts, Outcome, Quantity, Relation, Stance, Status
from claimtrack.status import compute_statuses


def fact(
    id: int,
    actor: str,
    side: str,
    *,
    stance: Stance = Stance.ASSERT,
    outcomes=(),
    quantities=(),
    places=(),
    target: int | None = None,
    target_relation: str | None = None,
    sentence: str | None = None,
    verdict: Status | None = None,
) -> ClaimFacts:
    return ClaimFacts(
        id=id,
        actor=actor,
        side=side,
        stance=stance,
        sentence_key=sentence or f"doc:{id}",
        outcomes=tuple(outcomes),
        quantities=tuple(quantities),
        own_places=frozenset(places),
        target=target,
        target_relation=target_relation,
        verdict=verdict,
    )


def holds(place: str, side: str, words: str = "holds") -> Outcome:
    return Outcome("control", place, side, words)


def operation(subject: str, side: str, words: str) -> Outcome:
    return Outcome("operation", subject, side, words)


def count(
    what: str, n: float, words: str | None = None, high: float | None = None, owner: str | None = None
) -> Quantity:
    return Quantity(what, n, n if high is None else high, words or f"{n:g} {what}", owner)


def statuses(*claims: ClaimFacts) -> dict[int, Status]:
    return {k: v.status for k, v in compute_statuses(list(claims)).items()}


# --- corroboration ------------------------------------------------------------------------


def test_same_outcome_from_two_independent_sides_is_confirmed():
    kyiv = fact(1, "Hanna Maliar", "ukraine", outcomes=[holds("Robotyne", "ukraine", "liberated")], places=["Robotyne"])
    isw = fact(
        2,
        "Institute for the Study of War",
        "independent",
        outcomes=[holds("Robotyne", "ukraine", "recaptured")],
        places=["Robotyne"],
    )
    assert statuses(kyiv, isw) == {1: Status.CONFIRMED, 2: Status.CONFIRMED}
    result = compute_statuses([kyiv, isw])[1]
    assert "#2" in result.reason
    assert result.basis == (2,)


def test_two_sources_of_the_same_side_do_not_confirm():
    ministry = fact(1, "Russian Ministry of Defence", "russia", outcomes=[holds("Toretsk", "russia", "taken")])
    governor = fact(2, "Denis Pushilin", "russia", outcomes=[holds("Toretsk", "russia", "liberated")])
    assert statuses(ministry, governor) == {1: Status.UNVERIFIED, 2: Status.UNVERIFIED}
    assert link_claims([ministry, governor]) == []


def test_two_independent_monitors_corroborate_but_one_monitor_twice_does_not():
    kyiv = fact(1, "Ukrainian government", "ukraine", outcomes=[holds("Krynky", "ukraine")])
    isw_a = fact(2, "ISW", "independent", outcomes=[holds("Krynky", "ukraine")])
    isw_b = fact(3, "ISW", "independent", outcomes=[holds("Krynky", "ukraine")])
    assert statuses(isw_a, isw_b) == {2: Status.UNVERIFIED, 3: Status.UNVERIFIED}
    dsm = fact(4, "DeepState", "independent", outcomes=[holds("Krynky", "ukraine")])
    assert statuses(isw_a, dsm) == {2: Status.CONFIRMED, 4: Status.CONFIRMED}
    assert statuses(kyiv, isw_a)[1] is Status.CONFIRMED


def test_admission_confirms_the_other_sides_claim():
    moscow = fact(
        1,
        "Russian Ministry of Defence",
        "russia",
        outcomes=[holds("Avdiivka", "russia", "fully liberated")],
        places=["Avdiivka"],
    )
    kyiv = fact(
        2, "Oleksandr Syrskyi", "ukraine", outcomes=[holds("Avdiivka", "russia", "withdrew from")], places=["Avdiivka"]
    )
    links = link_claims([moscow, kyiv])
    admissions = [
        (link.source_key, link.target_key)
        for link in links
        if link.relation is Relation.CONFIRMS and link.rule == "admission"
    ]
    assert admissions == [(2, 1)], links
    assert statuses(moscow, kyiv)[1] is Status.CONFIRMED


def test_explicit_confirmation_by_the_other_side():
    prigozhin = fact(1, "Yevgeny Prigozhin", "russia", outcomes=[holds("Bakhmut", "russia")])
    maliar = fact(2, "Hanna Maliar", "ukraine", stance=Stance.CONFIRM, target=1, target_relation="confirms")
    assert statuses(prigozhin, maliar)[1] is Status.CONFIRMED


def test_confirmation_outweighs_an_earlier_denial():
    claim = fact(1, "Yevgeny Prigozhin", "russia", outcomes=[holds("Bakhmut", "russia")])
    denial = fact(2, "Serhiy Cherevatyi", "ukraine", stance=Stance.DENY, target=1)
    admission = fact(3, "Hanna Maliar", "ukraine", stance=Stance.CONFIRM, target=1)
    assert statuses(claim, denial) == {1: Status.DISPUTED, 2: Status.DISPUTED}
    after = statuses(claim, denial, admission)
    assert after[1] is Status.CONFIRMED
    assert after[2] is Status.DISPUTED


# --- disputes -----------------------------------------------------------------------------------


def test_contrary_outcomes_are_both_disputed():
    kyiv = fact(1, "Volodymyr Zelensky", "ukraine", outcomes=[operation("operation:kursk", "ukraine", "new assaults")])
    moscow = fact(
        2, "Russian Ministry of Defence", "russia", outcomes=[operation("operation:kursk", "russia", "thwarted")]
    )
    assert statuses(kyiv, moscow) == {1: Status.DISPUTED, 2: Status.DISPUTED}
    assert all(link.relation is Relation.CONTRADICTS for link in link_claims([kyiv, moscow]))


def test_contrary_control_claims_are_both_disputed():
    ru = fact(1, "Russian Ministry of Defence", "russia", outcomes=[holds("Tabaivka", "russia", "took")])
    ua = fact(2, "Ukrainian General Staff", "ukraine", outcomes=[holds("Tabaivka", "ukraine", "still holds")])
    assert statuses(ru, ua) == {1: Status.DISPUTED, 2: Status.DISPUTED}


def test_outcomes_about_different_places_do_not_interact():
    ru = fact(1, "Russian Ministry of Defence", "russia", outcomes=[holds("Tabaivka", "russia")])
    ua = fact(2, "Ukrainian General Staff", "ukraine", outcomes=[holds("Krynky", "ukraine")])
    assert statuses(ru, ua) == {1: Status.UNVERIFIED, 2: Status.UNVERIFIED}


def test_a_denial_is_disputed_against_the_claim_it_denies_and_unverified_before_it_arrives():
    claim = fact(1, "Russian Ministry of Defence", "russia", outcomes=[holds("Tabaivka", "russia")])
    denial = fact(2, "Ukrainian General Staff", "ukraine", stance=Stance.DENY, target=1)
    assert statuses(claim, denial) == {1: Status.DISPUTED, 2: Status.DISPUTED}
    alone = compute_statuses([fact(3, "Ukrainian General Staff", "ukraine", stance=Stance.DENY)])[3]
    assert alone.status is Status.UNVERIFIED
    assert "no independent source confirms or disputes it" in alone.reason
    # an independent source saying the same as the denial confirms it (corpus/FORMAT.md: two sources)
    denial_with_outcome = fact(
        4,
        "Ukrainian General Staff",
        "ukraine",
        stance=Stance.DENY,
        target=1,
        outcomes=[holds("Tabaivka", "ukraine", "not taken")],
    )
    isw = fact(5, "ISW", "independent", outcomes=[holds("Tabaivka", "ukraine", "still held")])
    assert statuses(claim, denial_with_outcome, isw)[4] is Status.CONFIRMED


def test_different_counts_from_different_sides_are_disputed():
    kyiv = fact(1, "Ukrainian Air Force", "ukraine", quantities=[count("drones", 40, owner="russia")], places=["Kyiv"])
    moscow = fact(
        2, "Russian Ministry of Defence", "russia", quantities=[count("drones", 12, owner="russia")], places=["Kyiv"]
    )
    assert statuses(kyiv, moscow) == {1: Status.DISPUTED, 2: Status.DISPUTED}


def test_different_counts_disputed_even_when_an_outcome_corroborates():
    kyiv = fact(
        1,
        "Oleksandr Syrskyi",
        "ukraine",
        places=["Kursk"],
        outcomes=[holds("Kursk", "ukraine", "control")],
        quantities=[count("territory", 1000)],
    )
    governor = fact(
        2,
        "Alexei Smirnov",
        "russia",
        places=["Kursk"],
        outcomes=[holds("Kursk", "ukraine", "took ground")],
        quantities=[count("territory", 480)],
    )
    assert statuses(kyiv, governor) == {1: Status.DISPUTED, 2: Status.DISPUTED}
    isw = fact(
        3,
        "ISW",
        "independent",
        places=["Kursk"],
        outcomes=[holds("Kursk", "ukraine", "advanced")],
        quantities=[count("territory", 300)],
    )
    assert statuses(kyiv, isw) == {1: Status.DISPUTED, 3: Status.DISPUTED}


def test_same_count_from_independent_sides_is_confirmed():
    police = fact(1, "Kharkiv regional police", "ukraine", quantities=[count("killed", 7)], places=["Kharkiv"])
    un = fact(2, "UN Human Rights Monitoring Mission", "un", quantities=[count("killed", 7)], places=["Kharkiv"])
    assert statuses(police, un) == {1: Status.CONFIRMED, 2: Status.CONFIRMED}


def test_counts_about_different_places_do_not_interact():
    a = fact(1, "Kharkiv regional police", "ukraine", quantities=[count("killed", 7)], places=["Kharkiv"])
    b = fact(2, "Russian Ministry of Defence", "russia", quantities=[count("killed", 2)], places=["Belgorod"])
    assert statuses(a, b) == {1: Status.UNVERIFIED, 2: Status.UNVERIFIED}


def test_a_side_revising_its_own_count_is_unverified():
    first = fact(1, "Kyiv city administration", "ukraine", quantities=[count("killed", 3)], places=["Kyiv"])
    revised = fact(2, "Ukrainian Interior Ministry", "ukraine", quantities=[count("killed", 7)], places=["Kyiv"])
    again = fact(3, "Kyiv city administration", "ukraine", quantities=[count("killed", 9)], places=["Kyiv"])
    assert statuses(first, revised, again) == {1: Status.UNVERIFIED, 2: Status.UNVERIFIED, 3: Status.UNVERIFIED}


def test_an_unknown_side_corroborates_nobody():
    kyiv = fact(
        1,
        "Ukrainian government",
        "ukraine",
        outcomes=[holds("Krynky", "ukraine")],
        quantities=[count("killed", 5)],
        places=["Krynky"],
    )
    stranger = fact(
        2, "Bilyk", "unknown", outcomes=[holds("Krynky", "ukraine")], quantities=[count("killed", 5)], places=["Krynky"]
    )
    assert statuses(kyiv, stranger) == {1: Status.UNVERIFIED, 2: Status.UNVERIFIED}
    other_stranger = fact(3, "Somebody Else", "unknown", outcomes=[holds("Krynky", "ukraine")])
    assert statuses(stranger, other_stranger) == {2: Status.UNVERIFIED, 3: Status.UNVERIFIED}
    assert not independent(kyiv, stranger)
    assert not independent(stranger, other_stranger)


def test_analyst_verdict_wins():
    claim = fact(1, "Russian Ministry of Defence", "russia", verdict=Status.CONFIRMED)
    result = compute_statuses([claim])[1]
    assert result.status is Status.CONFIRMED
    assert "analyst" in result.reason


def test_every_result_has_a_reason():
    kyiv = fact(1, "Volodymyr Zelensky", "ukraine", outcomes=[operation("operation:kursk", "ukraine", "goes on")])
    moscow = fact(2, "Russian Ministry of Defence", "russia", outcomes=[operation("operation:kursk", "russia", "x")])
    lone = fact(3, "Yuri Slyusar", "russia")
    for result in compute_statuses([kyiv, moscow, lone]).values():
        assert result.reason.strip()


# --- properties -------------------------------------------------------------------------------------------

SIDES = ["ukraine", "russia", "independent", "un", "unknown", "usa"]
ACTORS = ["A", "B", "C", "D", "E"]
PLACES = ["Kursk", "Toretsk", "Kyiv"]
WHATS = ["drones", "killed", "territory"]

outcomes = st.builds(
    Outcome,
    kind=st.sampled_from(["control", "operation", "manner", "blame"]),
    subject=st.sampled_from(PLACES),
    favours=st.sampled_from(["ukraine", "russia"]),
    words=st.just("w"),
)
quantities = st.builds(
    lambda what, n, owner: count(what, n, owner=owner),
    st.sampled_from(WHATS),
    st.sampled_from([0, 5, 7, 40, 1000]),
    st.sampled_from([None, "russia", "ukraine"]),
)


@st.composite
def claim_sets(draw, min_size: int = 0, max_size: int = 8) -> list[ClaimFacts]:
    n = draw(st.integers(min_size, max_size))
    ids = draw(st.lists(st.integers(1, 500), min_size=n, max_size=n, unique=True))
    claims = []
    for claim_id in ids:
        claims.append(
            ClaimFacts(
                id=claim_id,
                actor=draw(st.sampled_from(ACTORS)),
                side=draw(st.sampled_from(SIDES)),
                stance=draw(st.sampled_from(list(Stance))),
                sentence_key=draw(st.sampled_from(["d:1", "d:2", "d:3"])),
                outcomes=tuple(draw(st.lists(outcomes, max_size=2))),
                quantities=tuple(draw(st.lists(quantities, max_size=2))),
                own_places=frozenset(draw(st.sets(st.sampled_from(PLACES), max_size=2))),
                context_places=frozenset(draw(st.sets(st.sampled_from(PLACES), max_size=1))),
                target=draw(st.one_of(st.none(), st.sampled_from(ids))),
                target_relation=draw(st.sampled_from([None, "confirms", "a different account", "denies"])),
            )
        )
    return claims


@settings(max_examples=300, deadline=None)
@given(data=st.data())
def test_input_order_never_changes_statuses(data):
    claims = data.draw(claim_sets())
    shuffled = data.draw(st.permutations(claims))
    assert compute_statuses(shuffled) == compute_statuses(claims)
    assert link_claims(shuffled) == link_claims(claims)


@settings(max_examples=300, deadline=None)
@given(claims=claim_sets(min_size=1, max_size=1))
def test_one_claim_alone_is_never_confirmed(claims):
    (claim,) = claims
    assert compute_statuses([claim])[claim.id].status is not Status.CONFIRMED


@settings(max_examples=200, deadline=None)
@given(claims=claim_sets(min_size=2, max_size=6))
def test_same_side_alone_is_never_confirmed(claims):
    """Without a verdict, claims that all come from one side never confirm each other."""
    one_side = [ClaimFacts(**{**c.__dict__, "side": "russia"}) for c in claims]
    assert all(r.status is not Status.CONFIRMED for r in compute_statuses(one_side).values())


@settings(max_examples=200, deadline=None)
@given(claims=claim_sets(min_size=0, max_size=8))
def test_every_claim_gets_a_status(claims):
    results = compute_statuses(claims)
    assert set(results) == {c.id for c in claims}
    for claim in claims:
        touched = any(claim.id in (k.source_key, k.target_key) for k in link_claims(claims))
        if not touched and claim.verdict is None:
            assert results[claim.id].status is Status.UNVERIFIED  # no link, no verdict: nothing decided


def _ingest_one_by_one(claims: list[ClaimFacts]) -> tuple[dict[int, Status], int]:
    """Statuses after linking each claim to the earlier ones with pruning, recomputing only the new
    claim and the claims its kept links may move, as `settle` does."""
    stored: list = []
    seen: list[ClaimFacts] = []
    current: dict[int, set[str]] = {}
    for claim in claims:
        seen.append(claim)
        candidates = link_claims(seen, focus={claim.id})
        sides = {c.id: c.side for c in seen}
        denials = {c.id for c in seen if c.stance is Stance.DENY}
        kept, movable = prune_links(candidates, {claim.id}, current, sides, denials)
        stored.extend(kept)
        fresh = compute_statuses(seen, stored, only={claim.id} | movable)
        current |= {k: {v.status.value} for k, v in fresh.items()}
    return {k: Status(next(iter(v))) for k, v in current.items()}, len(stored)


@settings(max_examples=300, deadline=None)
@given(data=st.data())
def test_pruned_links_give_the_statuses_of_all_links(data):
    """Dropping links that cannot move an earlier claim changes no status, in any arrival order."""
    claims = data.draw(claim_sets(max_size=10))
    arrival = data.draw(st.permutations(claims))
    pruned, _ = _ingest_one_by_one(arrival)
    assert pruned == {k: v.status for k, v in compute_statuses(claims).items()}


def test_pruning_keeps_links_flat_for_a_place_in_the_news():
    """Forty sources on each side about one town: each new claim keeps a few links, not forty."""
    claims = [
        fact(
            i,
            f"source {i}",
            "russia" if i % 2 else "ukraine",
            outcomes=[holds("Toretsk", "russia" if i % 2 else "ukraine")],
        )
        for i in range(1, 81)
    ]
    statuses_pruned, stored = _ingest_one_by_one(claims)
    assert len(link_claims(claims)) == 40 * 40  # every pair across the sides contradicts
    assert stored < 80 * 2 * 3
    assert set(statuses_pruned.values()) == {Status.DISPUTED}


def test_an_explicit_denial_is_kept_whatever_the_status():
    claim = fact(1, "Russia's defence ministry", "russia", outcomes=[holds("Toretsk", "russia")])
    denial = fact(2, "Kyiv", "ukraine", stance=Stance.DENY, target=1, target_relation="the claim")
    links = link_claims([claim, denial], focus={2})
    assert prune_links(links, {2}, {1: {"disputed"}}, {1: "russia", 2: "ukraine"}) == (links, {1})


def test_a_claim_backed_in_one_part_only_is_not_confirmed() -> None:
    """'Tigrayan fighters hold Adigrat and are fighting Eritrean troops': an independent source
    backing the Eritrean troops does not establish who holds Adigrat."""
    presence = Outcome("presence", "forces of eritrea", "eritrea", "Eritrean troops")
    claim = fact(1, "TPLF", "tplf", outcomes=[holds("Adigrat", "tplf"), presence])
    monitor = fact(2, "United Nations", "un", outcomes=[presence])
    result = compute_statuses([claim, monitor])[1]
    assert result.status is Status.UNVERIFIED
    assert "only partly confirmed" in result.reason and "Adigrat" in result.reason


def test_a_claim_backed_in_every_part_is_confirmed() -> None:
    presence = Outcome("presence", "forces of eritrea", "eritrea", "Eritrean troops")
    claim = fact(1, "TPLF", "tplf", outcomes=[holds("Adigrat", "tplf"), presence])
    monitor = fact(2, "United Nations", "un", outcomes=[holds("Adigrat", "tplf"), presence])
    assert statuses(claim, monitor)[1] is Status.CONFIRMED
