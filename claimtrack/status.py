"""Status: a pure function of the stored claims (see README, "Status rules").

Pattern: Russia's ministry says it `thwarted a Ukrainian counteroffensive in
the Kursk region`; Zelenskyy says `new assaults have occurred in the Kursk
operation zones`. Both describe the Ukrainian operation in Kursk and favour
different sides, so they contradict each other: both are disputed.

`link_claims` finds the relations between claims (corroborates, contradicts,
denies, confirms), each with its rule and the words it relied on;
`compute_statuses` turns claims and links into a status and a reason per claim.
Input order never changes the result.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from itertools import combinations

from claimtrack.models import Link, Outcome, Quantity, Relation, Stance, Status, StatusResult

UNKNOWN_SIDE = "unknown"
NEUTRAL_SIDES = frozenset({"independent", "un", UNKNOWN_SIDE})
OWNED_CLASSES = frozenset({"drones", "missiles", "missiles and drones"})
STRONG_DISPUTES = frozenset({"different-count", "different-manner"})
COUNT_TOLERANCE = 0.1


@dataclass(frozen=True)
class ClaimFacts:
    """What status needs to know of one stored claim."""

    id: int
    actor: str
    side: str
    stance: Stance
    sentence_key: str
    outcomes: tuple[Outcome, ...] = ()
    quantities: tuple[Quantity, ...] = ()
    own_places: frozenset[str] = frozenset()
    context_places: frozenset[str] = frozenset()
    target: int | None = None
    target_relation: str | None = None
    verdict: Status | None = None
    verdict_note: str | None = None
    label: str = ""
    group: int = 0  # the first report of the same claim; 0 means the claim is its own group
    content: str = ""
    document: int = 0
    event: str | None = None
    published: str | None = None

    @property
    def group_key(self) -> int:
        return self.group or self.id


def independent(a: ClaimFacts, b: ClaimFacts) -> bool:
    """Sources of one side never corroborate each other; an unknown side corroborates nobody."""
    if UNKNOWN_SIDE in (a.side, b.side):
        return False
    if a.side == b.side:
        return a.side == "independent" and a.actor != b.actor
    return True


def _outcome_links(a: ClaimFacts, b: ClaimFacts) -> list[Link]:
    links = []
    for oa in a.outcomes:
        for ob in b.outcomes:
            if (
                oa.subject != ob.subject
                or (oa.kind == "manner") != (ob.kind == "manner")
                or (oa.kind == "blame") != (ob.kind == "blame")
            ):
                continue
            words = f"{oa.words!r} / {ob.words!r} about {oa.subject}"
            if oa.favours == ob.favours:
                if not independent(a, b) or oa.kind == "manner":
                    continue
                if a.side not in NEUTRAL_SIDES and a.side != oa.favours and b.side == ob.favours:
                    links.append(Link(a.id, b.id, Relation.CONFIRMS, "admission", words))
                elif b.side not in NEUTRAL_SIDES and b.side != ob.favours and a.side == oa.favours:
                    links.append(Link(b.id, a.id, Relation.CONFIRMS, "admission", words))
                else:
                    links.append(Link(a.id, b.id, Relation.CORROBORATES, "same-outcome", words))
            elif a.side != b.side:
                rule = "different-manner" if oa.kind == "manner" else "contrary-outcome"
                links.append(Link(a.id, b.id, Relation.CONTRADICTS, rule, words))
    return links


def _places_for_counts(claim: ClaimFacts) -> frozenset[str]:
    return claim.own_places | claim.context_places


def _day(claim: ClaimFacts) -> str | None:
    return claim.event or claim.published


def _days_apart(a: str, b: str) -> int:
    return abs((dt.date.fromisoformat(a[:10]) - dt.date.fromisoformat(b[:10])).days)


def _count_links(a: ClaimFacts, b: ClaimFacts) -> list[Link]:
    if a.side == b.side:
        return []  # a side revising its own figure does not dispute it
    day_a, day_b = _day(a), _day(b)
    if day_a and day_b and _days_apart(day_a, day_b) > EVENT_WINDOW_DAYS:
        return []  # two nights' drone counts are two events
    same_sentence = a.sentence_key == b.sentence_key
    if not same_sentence and not (_places_for_counts(a) & _places_for_counts(b)):
        return []
    links = []
    for qa in a.quantities:
        for qb in b.quantities:
            if qa.what != qb.what and {qa.what, qb.what} != {"territory"}:
                continue
            if qa.what in OWNED_CLASSES and qa.owner != qb.owner:
                continue
            words = f"{qa.words!r} / {qb.words!r}"
            if _same_count(qa, qb):
                if independent(a, b):
                    links.append(Link(a.id, b.id, Relation.CORROBORATES, "same-count", words))
            else:
                links.append(Link(a.id, b.id, Relation.CONTRADICTS, "different-count", words))
    return links[:1]


def _same_count(a: Quantity, b: Quantity) -> bool:
    low, high = min(a.low, b.low), max(a.high, b.high)
    if high == 0:
        return True
    return (
        a.low <= b.high * (1 + COUNT_TOLERANCE)
        and b.low <= a.high * (1 + COUNT_TOLERANCE)
        and (high - low) / high <= 0.5
    )


def _explicit_links(claim: ClaimFacts, by_id: Mapping[int, ClaimFacts]) -> list[Link]:
    if claim.target is None or claim.target not in by_id:
        return []
    target = by_id[claim.target]
    words = " ".join(claim.content.split()[:14])
    evidence = f"{claim.target_relation or 'points at'} #{target.id}: {words!r}"
    if claim.stance is Stance.DENY:
        return [Link(claim.id, target.id, Relation.DENIES, "denies-claim", evidence)]
    if claim.stance is Stance.CONFIRM and claim.side != target.side:
        return [Link(claim.id, target.id, Relation.CONFIRMS, "confirms-claim", evidence)]
    if (claim.target_relation and "account" in claim.target_relation) or (
        claim.target_relation and "different" in claim.target_relation
    ):
        return [Link(claim.id, target.id, Relation.CONTRADICTS, "contrast", evidence)]
    return []


def _focus_pairs(ordered: Sequence[ClaimFacts], focus: set[int]) -> Iterator[tuple[ClaimFacts, ClaimFacts]]:
    """Each pair with a focus claim in it, once, lower id first; only claims that can relate are
    paired: a shared outcome subject, or figures on both sides."""
    by_subject: dict[str, list[ClaimFacts]] = {}
    with_figures: list[ClaimFacts] = []
    for claim in ordered:
        for subject in {o.subject for o in claim.outcomes}:
            by_subject.setdefault(subject, []).append(claim)
        if claim.quantities:
            with_figures.append(claim)
    for a in ordered:
        if a.id not in focus:
            continue
        partners = {b.id: b for subject in {o.subject for o in a.outcomes} for b in by_subject[subject]}
        if a.quantities:
            partners |= {b.id: b for b in with_figures}
        for b in sorted(partners.values(), key=lambda c: c.id):
            if b.id != a.id and (b.id not in focus or b.id > a.id):
                yield (a, b) if a.id < b.id else (b, a)


def link_claims(claims: Sequence[ClaimFacts], focus: set[int] | None = None) -> list[Link]:
    """Every relation between claims of different actors, in a stable order; with `focus`, only the
    relations that involve one of those claims (the rest are already stored)."""
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
        links.extend(_outcome_links(a, b))
        if a.quantities and b.quantities:
            links.extend(_count_links(a, b))
    unique = {(link.source_key, link.target_key, link.relation, link.rule): link for link in links}
    return sorted(unique.values(), key=lambda k: (k.source_key, k.target_key, k.relation.value, k.rule))


LINKS_PER_KIND = 3  # as many as a status reason names
EXPLICIT_RULES = frozenset({"denies-claim", "confirms-claim", "contrast"})


def _can_change(link: Link, current: str) -> bool:
    """Could this link move a claim that now has status `current`?"""
    if link.relation in (Relation.CONTRADICTS, Relation.DENIES):
        return current != Status.DISPUTED.value if link.rule in STRONG_DISPUTES else current == "unverified"
    return current != Status.CONFIRMED.value


def prune_links(
    links: Sequence[Link], focus: set[int], current: Mapping[int, Collection[str]], sides: Mapping[int, str]
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
            or any(_can_change(link, status) for status in current.get(other, ("unverified",)))
        ):
            kept.append(link)
            movable.add(other)
        else:
            by_kind.setdefault((mine, link.relation, link.rule, sides.get(other, "")), []).append((other, link))
    for candidates in by_kind.values():
        kept.extend(link for _, link in sorted(candidates, key=lambda c: -c[0])[:LINKS_PER_KIND])
    return sorted(kept, key=lambda k: (k.source_key, k.target_key, k.relation.value, k.rule)), movable - focus


def _describe(link: Link, other: ClaimFacts) -> str:
    return f"{link.rule} with #{other.id} ({other.actor}, {other.side}): {link.evidence}"


def _status_of(
    claim: ClaimFacts, links: Iterable[Link], by_id: Mapping[int, ClaimFacts], members: frozenset[int]
) -> StatusResult:
    """One claim's status from the links of every report of it (`members`)."""
    if claim.verdict is not None:
        return StatusResult(claim.verdict, f"analyst verdict {claim.verdict_note or ''}".strip())
    touching = [
        (link, by_id[link.target_key if link.source_key in members else link.source_key])
        for link in links
        if (link.source_key in members) != (link.target_key in members)
        and (link.target_key if link.source_key in members else link.source_key) in by_id
    ]
    counts_only = bool(claim.quantities)
    explicit_confirm = [(link, o) for link, o in touching if link.rule == "confirms-claim"]
    strong_dispute = [(link, o) for link, o in touching if link.rule in STRONG_DISPUTES]
    confirms = [
        (link, o)
        for link, o in touching
        if link.relation in {Relation.CONFIRMS, Relation.CORROBORATES}
        and not (counts_only and link.rule in {"admission", "same-outcome"})
    ]
    disputes = [(link, o) for link, o in touching if link.relation in {Relation.CONTRADICTS, Relation.DENIES}]

    def result(status: Status, pairs: list[tuple[Link, ClaimFacts]], lead: str) -> StatusResult:
        seen: dict[tuple[str, int], str] = {}
        for link, other in pairs:
            seen.setdefault((link.rule, other.id), _describe(link, other))
        reason = "; ".join(list(seen.values())[:3])
        return StatusResult(status, f"{lead}: {reason}" if reason else lead, tuple(sorted({o.id for _, o in pairs})))

    if claim.stance is Stance.DENY:
        return result(Status.DISPUTED, disputes, "a denial: two sources disagree")
    if explicit_confirm:
        return result(Status.CONFIRMED, explicit_confirm, "confirmed by the other side")
    if strong_dispute:
        return result(Status.DISPUTED, strong_dispute, "disputed")
    if confirms:
        return result(Status.CONFIRMED, confirms, "confirmed")
    if disputes:
        return result(Status.DISPUTED, disputes, "disputed")
    return StatusResult(Status.UNVERIFIED, "one source only: no independent source confirms or disputes it")


STOPWORDS = frozenset(
    [
        "the",
        "a",
        "an",
        "and",
        "or",
        "of",
        "to",
        "in",
        "on",
        "at",
        "by",
        "for",
        "with",
        "from",
        "that",
        "this",
        "its",
        "his",
        "her",
        "their",
        "our",
        "was",
        "were",
        "is",
        "are",
        "has",
        "have",
        "had",
        "been",
        "be",
        "it",
        "they",
        "he",
        "she",
        "said",
        "says",
        "would",
        "will",
    ]
)
EVENT_WINDOW_DAYS = 7  # reports, counts and denials of one event fall within a week of it


def _content_words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]+", text.casefold()) if len(w) > 2 and w not in STOPWORDS}


def same_assertion(a: ClaimFacts, b: ClaimFacts) -> bool:
    """Is `b` another report of `a`: the same source saying the same thing in another article?"""
    if a.actor != b.actor or a.document == b.document or a.stance != b.stance:
        return False
    if a.event and b.event and _days_apart(a.event, b.event) > EVENT_WINDOW_DAYS:
        return False
    keys_a = {(o.kind, o.subject, o.favours) for o in a.outcomes}
    keys_b = {(o.kind, o.subject, o.favours) for o in b.outcomes}
    if keys_a and keys_b:
        return bool(keys_a & keys_b)
    if a.quantities and b.quantities:
        return any(qa.what == qb.what and _same_count(qa, qb) for qa in a.quantities for qb in b.quantities)
    words_a, words_b = _content_words(a.content), _content_words(b.content)
    if not words_a or not words_b:
        return False
    return len(words_a & words_b) / len(words_a | words_b) >= 0.6


def compute_statuses(
    claims: Sequence[ClaimFacts], links: Sequence[Link] | None = None, only: set[int] | None = None
) -> dict[int, StatusResult]:
    """Status and reason for every claim, or for those in `only` (the rest name the other ends of links)."""
    if links is None:
        links = link_claims(claims)
    by_id = {c.id: c for c in claims}
    groups: dict[int, set[int]] = {}
    for claim in claims:
        groups.setdefault(claim.group_key, set()).add(claim.id)
    by_claim: dict[int, list[Link]] = {}
    for link in links:  # each claim reads only its own links, not all of them
        by_claim.setdefault(link.source_key, []).append(link)
        by_claim.setdefault(link.target_key, []).append(link)
    results = {}
    shared: dict[tuple[int, Stance, bool, Status | None, str | None], StatusResult] = {}
    for claim in claims:
        if only is not None and claim.id not in only:
            continue
        # reports of one claim share its links; the status reads the claim itself only for these
        key = (claim.group_key, claim.stance, bool(claim.quantities), claim.verdict, claim.verdict_note)
        if key not in shared:
            members = frozenset(groups[claim.group_key])
            own = list({id(link): link for m in members for link in by_claim.get(m, [])}.values())
            shared[key] = _status_of(claim, own, by_id, members)
        results[claim.id] = shared[key]
    return results
