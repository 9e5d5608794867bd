"""Links between claims: who confirms, corroborates, denies or contradicts whom, by which rule and words.

Pattern: Russia's ministry says `its forces had taken control of Toretsk`
(control of Toretsk favours russia); Kyiv's spokesman `denied claims that
Russian forces had captured Toretsk` (the same outcome, denied): a
`denies-outcome` link from the denial to the claim. Nothing here is read by
keyword: an outcome link needs the same place or object, the same kind of
outcome and a known direction; a count link needs the same thing counted
(class, owner, place, days); an explicit link needs the claim a denial or
admission points at.

Precision comes first, because a wrong "confirmed" is the worst error a
ledger can make: a hedged claim ("may have", "reportedly") confirms nothing,
a denied outcome never confirms or admits anything, a lower bound ("at
least 30") never corroborates a count, and a part of a total ("the dead
included two children") is not a count of it.

Pure functions over `ClaimFacts`; status.py turns the links into statuses.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterator, Mapping, Sequence
from dataclasses import replace
from itertools import combinations

from claimtrack.lexicon import neutral_sides, shipped_words
from claimtrack.models import UNKNOWN_SIDE, ClaimFacts, Link, Outcome, Quantity, Relation, Stance, Status

# the sides marked `neutral = true` in sides.toml, and a source no rule could place
NEUTRAL_SIDES = neutral_sides() | {UNKNOWN_SIDE}
OWNED_CLASSES = shipped_words("words.owned_classes")
VICTIM_CLASSES = shipped_words("words.victim_classes")
COMBATANT_NOUNS = shipped_words("words.combatant_nouns")
NONCOMBATANT_NOUNS = shipped_words("words.noncombatant_nouns")
COUNT_TOLERANCE = 0.1
EVENT_WINDOW_DAYS = 7  # reports, counts and denials of one event fall within a week of it
# claims further apart in time than this are about different events: a town taken, lost and
# retaken is three stories, not one claim disputed twice
LINK_WINDOW_DAYS = 60
EXPLICIT_RULES = frozenset({"denies-claim", "confirms-claim", "contrast"})
STRONG_DISPUTES = frozenset({"different-count", "different-manner"})
ADMISSIONS = frozenset({"confirms-claim", "admission"})
CORROBORATIONS = frozenset({"same-outcome", "same-count", "same-denial", "held-not-taken"})
DISPUTES = frozenset(
    {"denies-claim", "denies-outcome", "denies-count", "contrary-outcome", "different-count", "different-manner"}
)
LINKS_PER_KIND = 3  # as many as a status reason names
# Within one document, a claim is paired with the claims this many places either side of it among
# the document's claims about the same subject (and among its claims with figures): far more than
# any article holds, and a bound that keeps a 5 MB page of claims about one town from linking every
# pair of them (linking, storing and status then grow with the document, not its square).
DOCUMENT_WINDOW = 32


def independent(a: ClaimFacts, b: ClaimFacts, opponents: Mapping[str, str] | None = None) -> bool:
    """Sources of one side never corroborate each other, nor do allies (sides that fight the same
    enemy, as Ethiopia and Eritrea fought the TPLF); an unknown side corroborates nobody."""
    if UNKNOWN_SIDE in (a.side, b.side):
        return False
    enemy = (opponents or {}).get(a.side)
    if enemy and a.side != b.side and enemy == (opponents or {}).get(b.side):
        return False
    if a.side == b.side:
        return a.side == "independent" and a.actor != b.actor
    return True


def _may_corroborate(a: ClaimFacts, b: ClaimFacts, opponents: Mapping[str, str]) -> bool:
    """Could the two vouch for each other: independent sources, neither hedged ('may have')."""
    return independent(a, b, opponents) and not (a.hedged or b.hedged)


def _known(side: str) -> bool:
    return side != UNKNOWN_SIDE and not side.startswith("not-unknown")


def _compatible_blame(a: Outcome, b: Outcome) -> bool:
    """'not an Israeli missile' and 'an Islamic Jihad rocket' can both be true; only 'not X' and X clash."""
    if a.favours.startswith("not-") == b.favours.startswith("not-"):
        return a.favours == b.favours
    negated, plain = (a, b) if a.favours.startswith("not-") else (b, a)
    return negated.favours != f"not-{plain.favours}"


def _outcome_pair(a: ClaimFacts, oa: Outcome, b: ClaimFacts, ob: Outcome, opponents: Mapping[str, str]) -> Link | None:
    words = f"{oa.words!r} / {ob.words!r} about {oa.subject}"
    if oa.denied and ob.denied:
        if oa.favours == ob.favours and _may_corroborate(a, b, opponents):
            return Link(a.id, b.id, Relation.CORROBORATES, "same-denial", words, oa.subject)
        return None
    if oa.denied or ob.denied:
        denier, other = (a, b) if oa.denied else (b, a)
        denied, asserted = (oa, ob) if oa.denied else (ob, oa)
        if (
            _held_not_taken(denied, asserted)
            and not _gives_the_rest(other, asserted)
            and _may_corroborate(a, b, opponents)
        ):
            # "Ukrainian troops still hold parts of Myrnohrad" (a monitor) and "Russia's claim to have taken
            # Myrnohrad is untrue" (Kyiv): two independent sources that the place has not fallen
            return Link(denier.id, other.id, Relation.CORROBORATES, "held-not-taken", words, oa.subject)
        if denied.kind != "partial" and asserted.kind == "partial":
            return None  # "Pokrovsk has not fallen" and "most of Pokrovsk is taken" can both be true
        if oa.favours == ob.favours and denier.side != other.side:
            return Link(denier.id, other.id, Relation.DENIES, "denies-outcome", f"denied {words}", oa.subject)
        return None
    if (oa.kind == "partial") != (ob.kind == "partial"):
        part, whole = (oa, ob) if oa.kind == "partial" else (ob, oa)
        if part.holds and part.favours != whole.favours and a.side != b.side:
            # "our troops still hold part of Bakhmut" rules out "Bakhmut was completely taken"
            return Link(a.id, b.id, Relation.CONTRADICTS, "contrary-outcome", words, oa.subject)
        if part.holds and whole.holds and part.favours == whole.favours and _known(part.favours):
            part_claim = a if part is oa else b
            if _may_corroborate(a, b, opponents) and not _gives_the_rest(part_claim, part):
                # "Ukrainian troops still hold parts of Myrnohrad" and "Myrnohrad remains under Ukrainian
                # control": two independent sources that it has not fallen
                return Link(a.id, b.id, Relation.CORROBORATES, "held-not-taken", words, oa.subject)
        return None  # part of a town and the whole of it: neither vouches for the other
    if oa.kind == ob.kind == "partial" and oa.favours != ob.favours:
        return None  # a divided town: each side holding part of it is no contradiction
    agree = _compatible_blame(oa, ob) if oa.kind in {"blame", "deliberate"} else oa.favours == ob.favours
    if agree:
        if oa.kind == "manner" or oa.favours != ob.favours or not _may_corroborate(a, b, opponents):
            return None
        if a.side not in NEUTRAL_SIDES and a.side != oa.favours and b.side == ob.favours:
            return Link(a.id, b.id, Relation.CONFIRMS, "admission", words, oa.subject)
        if b.side not in NEUTRAL_SIDES and b.side != ob.favours and a.side == oa.favours:
            return Link(b.id, a.id, Relation.CONFIRMS, "admission", words, oa.subject)
        return Link(a.id, b.id, Relation.CORROBORATES, "same-outcome", words, oa.subject)
    if a.side == b.side:
        return None  # one side's sources are not two accounts
    rule = "different-manner" if oa.kind == "manner" else "contrary-outcome"
    return Link(a.id, b.id, Relation.CONTRADICTS, rule, words, oa.subject)


def _held_not_taken(denied: Outcome, asserted: Outcome) -> bool:
    """A side holding (all or part of) a place, and another side not having taken the whole of it."""
    holding = asserted.holds and asserted.kind in {"control", "partial"} and _known(asserted.favours)
    return holding and denied.kind == "control" and _known(denied.favours) and denied.favours != asserted.favours


def _gives_the_rest(claim: ClaimFacts, held: Outcome) -> bool:
    """'Wagner captured the city, leaving Ukrainian forces only a foothold': a claim that gives another
    side the place while its holder keeps a corner says the place fell, not that it held."""
    return any(
        o.kind == "control" and not o.denied and o.subject == held.subject and o.favours != held.favours
        for o in claim.outcomes
    )


def _comparable(a: Outcome, b: Outcome) -> bool:
    """Outcomes about the same thing: who holds a place and whose operation there goes on are one
    question; how a withdrawal happened, who caused an event, and whether it was deliberate are others."""
    separate = {"manner", "blame", "deliberate", "presence", "losses"}
    if a.kind in {"blame", "deliberate"} and a.kind == b.kind:
        return _same_event(a.subject, b.subject)
    return a.subject == b.subject and (a.kind == b.kind or not ({a.kind, b.kind} & separate))


def _same_event(a: str, b: str) -> bool:
    """'Kramatorsk: depot' and 'Kramatorsk: school' are two strikes; 'Kramatorsk' may be either."""
    place_a, _, target_a = a.partition(": ")
    place_b, _, target_b = b.partition(": ")
    return place_a == place_b and (not target_a or not target_b or target_a == target_b)


def _outcome_links(a: ClaimFacts, b: ClaimFacts, opponents: Mapping[str, str]) -> list[Link]:
    day_a, day_b = claim_day(a), claim_day(b)
    if day_a and day_b and days_apart(day_a, day_b) > LINK_WINDOW_DAYS:
        return []  # a town taken, lost and retaken a year later is three events, not one disputed
    links = []
    places_a, places_b = a.own_places | a.context_places, b.own_places | b.context_places
    shared = not places_a or not places_b or bool(places_a & places_b)
    for oa in a.outcomes:
        for ob in b.outcomes:
            if not _comparable(oa, ob) or not (_known(oa.favours) and _known(ob.favours)):
                continue
            if oa.subject.startswith("operation:") and not shared:
                continue  # "thwarted near Vuhledar" and "advanced south of Hola Prystan": two operations
            link = _outcome_pair(a, oa, b, ob, opponents)
            if link is not None:
                links.append(link)
    return links


# --- counts -------------------------------------------------------------------


def claim_day(claim: ClaimFacts) -> str | None:
    return claim.event or claim.published


def days_apart(a: str, b: str) -> int:
    return abs((dt.date.fromisoformat(a[:10]) - dt.date.fromisoformat(b[:10])).days)


def same_count(a: Quantity, b: Quantity) -> bool:
    """Two figures of one thing that agree (within 10%, or overlapping ranges)."""
    low, high = min(a.low, b.low), max(a.high, b.high)
    if high == 0:
        return True
    return (
        a.low <= b.high * (1 + COUNT_TOLERANCE)
        and b.low <= a.high * (1 + COUNT_TOLERANCE)
        and (high - low) / high <= 0.5
    )


def _interval(q: Quantity) -> tuple[float, float]:
    """What a figure allows: 'at least 30' any number from 30; 'up to 150' and 'as many as 150' a number
    near 150 (news uses them for a high figure, not as a ceiling over zero)."""
    if q.bound == "at least":
        return q.low, float("inf")
    if q.bound == "up to":
        return q.high * 0.5, q.high
    return q.low, q.high


def _compatible(a: Quantity, b: Quantity) -> bool:
    """Could both figures be true? 'at least 30' and '34' can; '34' and '120' cannot."""
    a_low, a_high = _interval(a)
    b_low, b_high = _interval(b)
    return a_low <= b_high * (1 + COUNT_TOLERANCE) and b_low <= a_high * (1 + COUNT_TOLERANCE)


def _group_noun(q: Quantity) -> str:
    words = q.words.casefold().split()
    return words[1] if len(words) > 1 else ""


def _count_pair(a: ClaimFacts, qa: Quantity, b: ClaimFacts, qb: Quantity, opponents: Mapping[str, str]) -> Link | None:
    words = f"{qa.words!r} / {qb.words!r}"
    if "subset" in (qa.bound, qb.bound):
        return None  # "the dead included two children" is part of the toll, not another toll
    if "subgroup" in (qa.bound, qb.bound):
        if qa.bound != qb.bound or _group_noun(qa) != _group_noun(qb):
            return None  # "two children" among "34 people" killed: part of the toll
        qa, qb = replace(qa, bound=""), replace(qb, bound="")  # two tolls of children: compared
    if "denied" in (qa.bound, qb.bound):  # "dismissed the figure of 34 dead as a fabrication"
        if qa.bound == qb.bound or not same_count(qa, qb):
            return None
        denier, other = (a, b) if qa.bound == "denied" else (b, a)
        return Link(denier.id, other.id, Relation.DENIES, "denies-count", f"denied {words}", f"count:{qa.what}")
    if qa.bound or qb.bound:
        # a bound agrees with any figure inside it and confirms none
        return (
            None
            if _compatible(qa, qb) or _rising_toll(a, qa, b, qb)
            else Link(a.id, b.id, Relation.CONTRADICTS, "different-count", words, f"count:{qa.what}")
        )
    if same_count(qa, qb):
        if _may_corroborate(a, b, opponents):
            return Link(a.id, b.id, Relation.CORROBORATES, "same-count", words, f"count:{qa.what}")
        return None
    if _rising_toll(a, qa, b, qb):
        return None  # "about 900 dead" on Saturday, "nearly 3,000" on Monday: a toll still being counted
    return Link(a.id, b.id, Relation.CONTRADICTS, "different-count", words, f"count:{qa.what}")


def _rising_toll(a: ClaimFacts, qa: Quantity, b: ClaimFacts, qb: Quantity) -> bool:
    """A death or injury toll given on a later day and higher than an earlier one updates it; only a
    lower later toll, or two tolls of one day, cannot both be right."""
    day_a, day_b = claim_day(a), claim_day(b)
    if qa.what not in {"killed", "wounded"} or not day_a or not day_b or day_a == day_b:
        return False
    (early, later) = (qa, qb) if day_a < day_b else (qb, qa)
    return later.low >= early.high


def _victims(q: Quantity) -> str | None:
    """'combatants' or 'non-combatants' when the words after a toll's figure say whom it counts."""
    if q.what not in {"killed", "wounded"}:
        return None
    for word in q.words.casefold().split()[1:4]:
        if word in COMBATANT_NOUNS:
            return "combatants"
        if word in NONCOMBATANT_NOUNS:
            return "non-combatants"
    return None


def _count_links(a: ClaimFacts, b: ClaimFacts, opponents: Mapping[str, str]) -> list[Link]:
    if a.side == b.side:
        return []  # a side revising its own figure does not dispute it
    day_a, day_b = claim_day(a), claim_day(b)
    if day_a and day_b and days_apart(day_a, day_b) > EVENT_WINDOW_DAYS:
        return []  # two nights' drone counts are two events
    if a.sentence_key != b.sentence_key and not ((a.own_places | a.context_places) & (b.own_places | b.context_places)):
        return []
    if a.own_places and b.own_places and not (a.own_places & b.own_places):
        return []  # a toll in Kramatorsk and one in Sloviansk, however near: two events
    for qa in a.quantities:
        for qb in b.quantities:
            if qa.what != qb.what and {qa.what, qb.what} != {"territory"}:
                continue
            if qa.what in OWNED_CLASSES and qa.owner != qb.owner:
                continue
            if qa.what in VICTIM_CLASSES and qa.owner and qb.owner and qa.owner != qb.owner:
                continue  # "11,300 Palestinians" and "1,200 Israelis" are not one toll
            if _victims(qa) and _victims(qb) and _victims(qa) != _victims(qb):
                continue  # "dozens of fighters" and "70 patients" killed: two groups, two tolls
            if (qa.bound == "cumulative") != (qb.bound == "cumulative"):
                continue  # a toll "since the war began" and the toll of one strike are not one count
            link = _count_pair(a, qa, b, qb, opponents)
            if link is not None:
                return [link]
    return []


# --- explicit pointers ------------------------------------------------------------------


def _explicit_links(claim: ClaimFacts, by_id: Mapping[int, ClaimFacts]) -> list[Link]:
    """A denial or admission that points at a claim ('rejected the claim', 'acknowledged the loss')."""
    if claim.target is None or claim.target not in by_id:
        return []
    target = by_id[claim.target]
    words = " ".join(claim.content.split()[:14])
    evidence = f"{claim.target_relation or 'points at'} #{target.id}: {words!r}"
    if claim.stance is Stance.DENY:
        return [Link(claim.id, target.id, Relation.DENIES, "denies-claim", evidence)]
    if (
        claim.stance is Stance.CONFIRM
        and claim.side != target.side
        and _known(claim.side)
        and target.stance is not Stance.DENY
        and not claim.hedged
    ):
        return [Link(claim.id, target.id, Relation.CONFIRMS, "confirms-claim", evidence)]
    relation = claim.target_relation or ""
    if "account" in relation or "different" in relation:
        return [Link(claim.id, target.id, Relation.CONTRADICTS, "contrast", evidence)]
    return []


# --- all links of a set of claims ----------------------------------------------------------


class _Members:
    """Claims that may relate (about one subject, or with figures), by document, in id order."""

    def __init__(self) -> None:
        self.by_document: dict[int, list[ClaimFacts]] = {}
        self.position: dict[int, int] = {}  # claim id -> its place in its document's list

    def add(self, claim: ClaimFacts) -> None:
        members = self.by_document.setdefault(claim.document, [])
        self.position[claim.id] = len(members)
        members.append(claim)

    def near(self, claim: ClaimFacts) -> Iterator[ClaimFacts]:
        """Every member of other documents, and those of the claim's own within DOCUMENT_WINDOW of it."""
        for document, members in self.by_document.items():
            if document != claim.document:
                yield from members
            else:
                at = self.position[claim.id]
                yield from members[max(0, at - DOCUMENT_WINDOW) : at + DOCUMENT_WINDOW + 1]


def _focus_pairs(ordered: Sequence[ClaimFacts], focus: set[int]) -> Iterator[tuple[ClaimFacts, ClaimFacts]]:
    """Each pair with a focus claim in it, once, lower id first; only claims that can relate are
    paired: a shared outcome subject, or figures on both sides (within a document, the nearest
    DOCUMENT_WINDOW either side)."""
    by_subject: dict[str, _Members] = {}
    with_figures = _Members()
    for claim in ordered:
        for subject in {o.subject for o in claim.outcomes}:
            by_subject.setdefault(subject, _Members()).add(claim)
        if claim.quantities:
            with_figures.add(claim)
    for a in ordered:
        if a.id not in focus:
            continue
        partners = {b.id: b for subject in {o.subject for o in a.outcomes} for b in by_subject[subject].near(a)}
        if a.quantities:
            partners |= {b.id: b for b in with_figures.near(a)}
        for b in sorted(partners.values(), key=lambda c: c.id):
            if b.id != a.id and (b.id not in focus or b.id > a.id):
                yield (a, b) if a.id < b.id else (b, a)


def link_claims(
    claims: Sequence[ClaimFacts], focus: set[int] | None = None, opponents: Mapping[str, str] | None = None
) -> list[Link]:
    """Every relation between claims of different actors, in a stable order; with `focus`, only the
    relations that involve one of those claims (the rest are already stored). `opponents` (a side ->
    the side it fights) tells allies apart, which corroborate no more than one side does."""
    opponents = opponents or {}
    ordered = sorted(claims, key=lambda c: c.id)
    by_id = {c.id: c for c in ordered}
    links: list[Link] = []
    for claim in ordered:
        if focus is None or claim.id in focus or claim.target in focus:
            links.extend(_explicit_links(claim, by_id))
    pairs = combinations(ordered, 2) if focus is None else _focus_pairs(ordered, focus)
    for a, b in pairs:
        if a.actor == b.actor or a.id == b.id:
            continue
        links.extend(_outcome_links(a, b, opponents))
        if a.quantities and b.quantities:
            links.extend(_count_links(a, b, opponents))
    unique = {(link.source_key, link.target_key, link.relation, link.rule): link for link in links}
    return sorted(unique.values(), key=lambda k: (k.source_key, k.target_key, k.relation.value, k.rule))


def _can_change(link: Link, current: str, denial: bool = False) -> bool:
    """Could this link move a claim that now has status `current`? (A denial any dispute moves.)"""
    if link.relation in (Relation.CONTRADICTS, Relation.DENIES):
        # a dispute moves an unverified claim and a confirmed claim it disputes in another part
        return current != Status.DISPUTED.value
    return current != Status.CONFIRMED.value


def prune_links(
    links: Sequence[Link],
    focus: set[int],
    current: Mapping[int, Collection[str]],
    sides: Mapping[int, str],
    denials: Collection[int] = (),
) -> tuple[list[Link], set[int]]:
    """The links of new claims worth storing: every explicit one, every one that can change the
    status of an earlier claim (given the `current` statuses of it and its reports, which differ
    when a report gives figures), and the most recent few of each kind; and the earlier claims
    the first two kinds may move (the others keep their status).

    Without this, a claim about a place in the news links to every earlier claim about it and an
    archive's links grow with the square of its size; the dropped links could not change any
    status, since each earlier claim keeps a link of the same kind that already moved it."""
    kept: list[Link] = []
    movable: set[int] = set()
    by_kind: dict[tuple[int, Relation, str, str], list[tuple[int, Link]]] = {}
    for link in links:
        mine, other = (
            (link.source_key, link.target_key) if link.source_key in focus else (link.target_key, link.source_key)
        )
        if (
            link.rule in EXPLICIT_RULES
            or other in focus
            or any(_can_change(link, status, other in denials) for status in current.get(other, (Status.UNVERIFIED,)))
        ):
            kept.append(link)
            movable.add(other)
        else:
            by_kind.setdefault((mine, link.relation, link.rule, sides.get(other, "")), []).append((other, link))
    for candidates in by_kind.values():
        kept.extend(link for _, link in sorted(candidates, key=lambda c: -c[0])[:LINKS_PER_KIND])
    return sorted(kept, key=lambda k: (k.source_key, k.target_key, k.relation.value, k.rule)), movable - focus
