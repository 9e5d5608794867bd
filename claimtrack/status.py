"""Status: a pure function of the stored claims and their links (see docs/status-rules.md).

Pattern: Kyiv's spokesman `denied claims that Russian forces had captured
Novoselivka` -> the Russian claim of the capture is disputed, and so is the
denial, and each reason names the other claim. Precision first: a claim is
confirmed or disputed only through a link (linking.py) that names the other
claim, the rule and the words; everything else is unverified, "no independent
source confirms or disputes it". A denial whose claim is not in the ledger yet
stays unverified until that claim arrives. Input order never changes a result.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from claimtrack.linking import ADMISSIONS, CORROBORATIONS, DISPUTES, STRONG_DISPUTES, link_claims
from claimtrack.models import ClaimFacts, Link, Stance, Status, StatusResult

NO_EVIDENCE = "no independent source confirms or disputes it"
CONTRARY_RULES = DISPUTES | {"contrast"}


def _describe(link: Link, other: ClaimFacts) -> str:
    return f"{link.rule} with #{other.id} ({other.actor}, {other.side}): {link.evidence}"


def _result(status: Status, pairs: list[tuple[Link, ClaimFacts]], lead: str) -> StatusResult:
    seen: dict[tuple[str, int], str] = {}
    for link, other in pairs:
        seen.setdefault((link.rule, other.id), _describe(link, other))
    reason = "; ".join(list(seen.values())[:3])
    return StatusResult(status, f"{lead}: {reason}" if reason else lead, tuple(sorted({o.id for _, o in pairs})))


def _own_subjects(claim: ClaimFacts) -> set[str]:
    """What the claim asserts outcomes about, a side's whole operation aside."""
    return {o.subject for o in claim.outcomes if not o.denied and not o.subject.startswith("operation:")}


def _shared_subjects(claim: ClaimFacts, others: Iterable[ClaimFacts]) -> set[str]:
    """Subjects of the claim's outcomes that another claim states the same way (a pair of claims keeps
    one link, so the links alone may name only one of them)."""
    theirs = {(o.kind, o.subject, o.favours, o.denied) for other in others for o in other.outcomes}
    return {o.subject for o in claim.outcomes if (o.kind, o.subject, o.favours, o.denied) in theirs}


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
    figures = bool(claim.quantities)  # an outcome another side shares does not vouch for a figure
    admitted = [(k, o) for k, o in touching if k.rule == "confirms-claim"]
    corroborated = [
        (k, o)
        for k, o in touching
        if k.rule in CORROBORATIONS | ADMISSIONS and not (figures and k.rule in {"same-outcome", "admission"})
    ]
    strong = [(k, o) for k, o in touching if k.rule in STRONG_DISPUTES]
    disputed = [(k, o) for k, o in touching if k.rule in CONTRARY_RULES]
    if claim.stance is Stance.DENY:  # an independent source saying the same outweighs the claim denied
        if corroborated:
            return _result(Status.CONFIRMED, corroborated, "a denial an independent source shares")
        if disputed:
            return _result(Status.DISPUTED, disputed, "a denial of another source's claim")
        return StatusResult(Status.UNVERIFIED, f"a denial of no claim in the ledger (yet): {NO_EVIDENCE}")
    if admitted:  # "acknowledged the loss": the other side's own word outweighs any dispute
        return _result(Status.CONFIRMED, admitted, "confirmed by the other side")
    if strong:  # two figures of one thing, two manners of one withdrawal: one of them is wrong
        return _result(Status.DISPUTED, strong, "disputed")
    if figures and disputed and not corroborated:
        backed = [(k, o) for k, o in touching if k.rule in {"same-outcome", "admission"}]
        if backed and {k.subject for k, _ in disputed} <= {k.subject for k, _ in backed}:
            # "thousands of Rwandan troops are in Congo", denied by Kigali, while Kinshasa says its troops
            # are there: the denial is outweighed, and nothing backs the figure either way
            lead = "its outcome confirmed, outweighing what contradicts it; its figure unbacked"
            return _result(Status.UNVERIFIED, backed[:2] + disputed[:1], lead)
    confirmed_about = {k.subject for k, _ in corroborated}
    other_parts = {k.subject for k, _ in disputed if k.subject and not k.subject.startswith("operation:")}
    if corroborated and other_parts - confirmed_about and "" not in confirmed_about:
        # "Tigrayan fighters control the countryside and Eritrean troops are in Tigray": the second part
        # confirmed, the first disputed; the claim as a whole is not established
        return _result(Status.DISPUTED, disputed, "partly confirmed, and disputed in another part")
    unbacked = _own_subjects(claim) - confirmed_about - _shared_subjects(claim, [o for _, o in corroborated])
    by_outcome = all(k.rule in {"same-outcome", "admission"} for k, _ in corroborated)  # a shared figure is enough
    if corroborated and by_outcome and unbacked and "" not in confirmed_about:
        # "fighters control the countryside and Eritrean troops are in Tigray", only the troops backed
        parts = ", ".join(sorted(unbacked))
        return _result(Status.UNVERIFIED, corroborated, f"only partly confirmed, nothing backs it about {parts}")
    if corroborated:
        lead = "confirmed by the other side" if any(k.rule == "admission" for k, _ in corroborated) else "confirmed"
        return _result(Status.CONFIRMED, corroborated, lead)
    if disputed:
        return _result(Status.DISPUTED, disputed, "disputed")
    return StatusResult(Status.UNVERIFIED, f"one source only: {NO_EVIDENCE}")


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
