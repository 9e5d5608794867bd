"""The documents in the ledger: listing them, and removing one ingested by mistake as if it had never come."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from claimtrack.errors import NotFoundError
from claimtrack.lexicon import Lexicon
from claimtrack.linking import EXPLICIT_RULES, link_claims
from claimtrack.models import MAX_ROW_ID, ClaimFacts, DocumentSummary, StatusResult
from claimtrack.reports import pointer_target, same_assertion
from claimtrack.settling import computed_statuses, links_worth_storing, names_whose, now_iso
from claimtrack.store import Store

POINTER_LOOKBACK = 200  # claims before a one-line denial that names only whose claim it denies


@dataclass(frozen=True)
class RemovalResult:
    """What removing a document did."""

    document_id: int
    origin: str
    title: str | None
    claims: int  # claims removed with it
    changed: int  # claims of other documents whose status changed


def list_documents(store: Store) -> list[DocumentSummary]:
    """Every stored document, in the order they were ingested, with its number of claims."""
    return store.documents()


def remove_document(store: Store, document_id: int, lexicon: Lexicon, when: str | None = None) -> RemovalResult:
    """Undo the ingest of a document, all or nothing. Its claims go with everything that hangs on
    them, and the other documents' claims are left as they would be had it never come: report
    groups it bridged are split, denials that pointed at its claims point at the best claim left,
    and every status it moved is computed again, each change in the history with the removal as
    its cause."""
    when = when or now_iso()
    with store.transaction():
        document = store.document(document_id) if 0 < document_id <= MAX_ROW_ID else None
        if document is None:
            raise NotFoundError(f"no document with id {document_id}")
        changed = _remove(store, document, lexicon.opponents, when)
    return RemovalResult(document.id, document.origin, document.title, document.claims, changed)


def _remove(store: Store, document: DocumentSummary, opponents: Mapping[str, str], when: str) -> int:
    removed = set(store.document_claim_ids(document.id))
    groups = store.report_groups_of(removed)
    pointers = store.claims_pointing_at(removed)
    links = [*store.links_touching(removed), *store.links_made_by(document.id)]
    linked = {key for link in links for key in (link.source_key, link.target_key)}
    regrouped = {m for members in groups.values() for m in members} - removed
    touched = set(store.group_ids(linked | regrouped | set(pointers))) - removed
    before = store.statuses(touched)
    later = store.ingested_after(document.id)
    _pass_on_verdicts(store, groups, removed)
    store.delete_document(document.id)
    for members in groups.values():
        _regroup(store, [m for m in members if m not in removed])
    restored = _repoint(store, pointers, when)
    # a document ingested after it linked its claims while this one's were there: a link that could
    # move no status then (this document's claims had moved it already) was left out, and may be needed
    relinked = _relink(store, touched, opponents, when) if later else set()
    note = f"document #{document.id} ({document.origin}) removed"
    reread = set(store.group_ids(regrouped | restored | relinked))
    return _settle_removal(store, touched | reread, before, Removal(note, removed, reread), when)


def _pass_on_verdicts(store: Store, groups: Mapping[int, Sequence[int]], removed: set[int]) -> None:
    """An analyst's verdict on a claim that goes, when other reports of it stay, passes to the
    earliest of them (the first report of what is left)."""
    for head, members in groups.items():
        survivors = [m for m in members if m not in removed]
        if head in removed and survivors:
            store.move_verdicts(head, min(survivors))


def _regroup(store: Store, survivors: Sequence[int]) -> None:
    """Group the reports left of one claim again, as ingest would have grouped them without the
    removed claims: a removed claim may have been the only repeat that joined two groups."""
    for component in _report_components(store, survivors):
        head = min(component)
        for member in sorted(component):
            store.set_report_of(member, None if member == head else head)


def _report_components(store: Store, ids: Sequence[int]) -> list[set[int]]:
    """The claims that repeat one another, joined the way ingest joins them: each claim with the
    earlier claims its document's candidates held (`Store.related_claim_ids`) that it repeats."""
    facts = sorted(store.claim_facts(ids), key=lambda f: f.id)
    candidates: dict[int, set[int]] = {}
    components: list[set[int]] = []
    for claim in facts:
        if claim.document not in candidates:
            own = store.document_claim_ids(claim.document)
            candidates[claim.document] = set(store.related_claim_ids(own, reports=True))
        repeated = {
            f.id for f in facts if f.id < claim.id and f.id in candidates[claim.document] and same_assertion(f, claim)
        }
        joined = [c for c in components if c & repeated]
        components = [c for c in components if not c & repeated]
        components.append({claim.id}.union(*joined))
    return components


def _repoint(store: Store, pointers: Sequence[int], when: str) -> set[int]:
    """Point each denial or confirmation that named a removed claim at the claim ingest would have
    chosen without it (none when nothing else fits), with its explicit link. Returns the claims
    whose links changed."""
    restored: set[int] = set()
    for claim in store.claim_facts(pointers):
        pool = [f for f in store.claim_facts(_pointer_candidates(store, claim)) if f.document != claim.document]
        best = pointer_target(claim, pool)
        if best is None:
            continue
        store.set_target(claim.id, best.id)
        pointing = replace(claim, target=best.id)
        explicit = [
            link
            for link in link_claims([pointing, best], focus={claim.id})
            if link.rule in EXPLICIT_RULES and link.source_key == claim.id
        ]
        store.insert_links(explicit, None, when)
        restored |= {claim.id, best.id}
    return restored


def _pointer_candidates(store: Store, claim: ClaimFacts) -> list[int]:
    """The claims a pointer could have been shown at any ingest: those related to its document,
    ingested before or after it, and for a denial that names only whose claim it was and came with
    nothing related, the claims ingested just before it (`point_at_earlier_articles`)."""
    own = store.document_claim_ids(claim.document)
    related = store.related_claim_ids(own, reports=True, before=MAX_ROW_ID)
    if not any(i < min(own) for i in related) and names_whose(claim.target_relation or ""):
        related += store.recent_claim_ids(POINTER_LOOKBACK, before=min(own))
    return related


def _relink(store: Store, touched: set[int], opponents: Mapping[str, str], when: str) -> set[int]:
    """Link the claims the removed document touched again, as a new document's claims are linked,
    against every related claim before or after them; their statuses are read first without the
    removed claims, as the pruning of links reads them. Returns the claims whose status may move."""
    focus = set(store.group_ids(touched))
    for claim_id, result in computed_statuses(store, focus).items():
        store.set_status(claim_id, result)  # the history records the change once, when it is final
    pool = {f.id: f for f in store.claim_facts(set(store.related_claim_ids(sorted(focus), before=MAX_ROW_ID)) | focus)}
    targets = {f.target for f in pool.values() if f.target is not None} - set(pool)
    pool |= {f.id: f for f in store.claim_facts(targets)}
    links, movable = links_worth_storing(store, pool, focus, opponents)
    store.insert_links(links, None, when)
    return focus | movable


@dataclass(frozen=True)
class Removal:
    """What settling the statuses after a removal needs to know of it."""

    note: str  # the cause the history records
    removed: set[int]  # the claims that went
    reread: set[int]  # claims whose links or report group changed: their reasons are read again


def _settle_removal(
    store: Store, ids: set[int], before: Mapping[int, tuple[str, str]], removal: Removal, when: str
) -> int:
    """Compute the statuses of the claims a removal touched; each change from the status they had
    `before` goes into the history with the removal as its cause. Returns how many changed."""
    ids = set(store.group_ids(ids))
    results = computed_statuses(store, ids)
    current = store.statuses(ids)
    changed = 0
    for claim_id in sorted(ids):
        result = results[claim_id]
        old = before.get(claim_id, current[claim_id])[0]
        if old != result.status.value:
            history = f"{removal.note}: {result.reason}"
            store.record_status(claim_id, old, result, None, when, history_reason=history)
            changed += 1
        elif _rewrite(claim_id, current[claim_id], result, removal):
            store.set_status(claim_id, result)
    return changed


def _rewrite(claim_id: int, current: tuple[str, str], result: StatusResult, removal: Removal) -> bool:
    """Must a claim whose status stays have its status and reason written again? A reason is
    refreshed when a claim's status is computed, not whenever a link is added, so the reason a
    claim had before the removed document came may not be the one its links give now: a reason
    that names no removed claim, of a claim whose links and group are as they were, is left as it is."""
    status, reason = current
    if (status, reason) == (result.status.value, result.reason):
        return False
    named = {int(n) for n in re.findall(r"#(\d+)", reason)}
    return status != result.status.value or claim_id in removal.reread or bool(named & removal.removed)
