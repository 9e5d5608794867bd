"""Settling: where a document's claims stand among the stored ones, and every status they move.

A new document's claims become reports of earlier claims by the same source, denials that name a
claim of another article point at it, links are made to the related claims, and the status of
every claim they touch is computed again, each change going into the history. The service's
ingest, verdicts, actor changes and document removal all come through here; nothing here prints.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence

from claimtrack.linking import link_claims, prune_links
from claimtrack.models import ClaimFacts, Link, Stance, StatusResult
from claimtrack.reports import pointer_target, report_groups
from claimtrack.status import compute_statuses
from claimtrack.store import Store


def now_iso() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def settle(
    store: Store,
    new_ids: Sequence[int],
    document_id: int | None,
    when: str,
    *,
    fresh: bool = True,
    opponents: Mapping[str, str] | None = None,
) -> int:
    """Place a document's new claims among the stored ones: reports of earlier claims, claims their
    denials point at, links, and every status they touch. Returns how many earlier claims changed
    (with `fresh=False`, the document's claims are not new and their changes count too)."""
    # every report, not only first reports: a new claim that repeats an earlier one links as that one
    # would have, and a report ingested before its first report is no less a candidate
    earlier = store.claim_facts(store.related_claim_ids(list(new_ids), reports=True))  # all ingested before them
    retargeted: list[int] = []
    if fresh:  # reports and pointers were settled when the document came in
        # every report, not just the first: which claim came first depends on the order of ingest
        reports = store.claim_facts(store.related_claim_ids(list(new_ids), reports=True))
        retargeted = sorted(group_reports(store, store.claim_facts(new_ids), reports))
        retargeted += point_at_earlier_articles(store, store.claim_facts(new_ids), reports)
    new = store.claim_facts(new_ids)
    refreshed = {f.id: f for f in store.claim_facts(retargeted)}
    # a claim that moved (a pointer, a merged group) is read again, whether it was a first report or not
    pool = {f.id: f for f in earlier} | refreshed | {f.id: f for f in new}
    missing_targets = {f.target for f in pool.values() if f.target is not None} - set(pool)
    pool |= {f.id: f for f in store.claim_facts(missing_targets)}
    focus = set(new_ids) | set(retargeted)
    links, movable = links_worth_storing(store, pool, focus, opponents or {})
    store.insert_links(links, document_id, when)
    affected = focus | movable  # the other earlier claims linked keep their status
    return recompute(store, affected, document_id, when, set(new_ids) if fresh else None)


def links_worth_storing(
    store: Store, pool: dict[int, ClaimFacts], focus: set[int], opponents: Mapping[str, str]
) -> tuple[list[Link], set[int]]:
    """The links of the `focus` claims to the pool, less those that could move no status, and the
    earlier claims whose status the links kept may move."""
    candidates = link_claims(list(pool.values()), focus=focus, opponents=opponents)
    others = {key for link in candidates for key in (link.source_key, link.target_key)} - focus
    # a status an analyst set says nothing of the links; such claims keep every link that could matter
    current = {i: statuses for i, statuses in store.group_statuses(others).items() if pool[i].verdict is None}
    denials = {f.id for f in pool.values() if f.stance is Stance.DENY}
    return prune_links(candidates, focus, current, {f.id: f.side for f in pool.values()}, denials)


def group_reports(store: Store, new: Sequence[ClaimFacts], earlier: Sequence[ClaimFacts]) -> set[int]:
    """Mark each new claim that repeats an earlier one by the same source as a report of it. A claim
    that repeats claims of several groups joins them into one, so that the groups are the same
    whatever the order of ingest. Returns the earlier claims whose group changed."""
    merged: set[int] = set()
    for claim in new:
        groups = report_groups(claim, earlier)
        if not groups:
            continue
        store.set_report_of(claim.id, groups[0])
        for other in groups[1:]:
            merged |= set(store.merge_group(other, groups[0]))
    return merged


def names_whose(relation: str) -> bool:
    """Does a pointer say whose claim it means ('the ministry's statement', 'the Russian report')?"""
    return bool(re.search(r"['’]s\b|\b[A-Z][a-z]+(?:ian|ish|ese|ean|an|i)\b", relation))


def point_at_earlier_articles(store: Store, new: Sequence[ClaimFacts], earlier: Sequence[ClaimFacts]) -> list[int]:
    """A denial or confirmation that names a claim ('the Russian statement was untrue') with no such
    claim in its own article points at the latest related claim of another side published before it
    (reports.pointer_target). Denials already stored are reconsidered too, and one already pointing
    into another article moves when a better candidate arrives, so the order of ingest does not
    matter. Returns the claims whose target was set or moved."""
    # a pointer stored before may name one of the new claims: a related article's pointers are
    # reconsidered, not only those that share a term with the new claims themselves, as a pointer
    # finds its candidates through any claim of its own article when it comes in first
    known = {f.id for f in new} | {f.id for f in earlier}
    documents = sorted({f.document for f in earlier} - {f.document for f in new})
    others = [i for d in documents for i in store.document_claim_ids(d) if i not in known]
    stored_pointers = [f for f in store.claim_facts(others) if f.target_relation]
    pool = [*new, *earlier, *stored_pointers]
    by_id = {f.id: f for f in pool}
    pending = [
        f
        for f in pool
        if f.target_relation
        and f.stance in (Stance.DENY, Stance.CONFIRM)
        and (f.target is None or f.target not in by_id or by_id[f.target].document != f.document)
    ]
    if not pending:
        return []
    if not earlier and any(names_whose(f.target_relation or "") for f in pending):
        # "the ministry's statement was untrue" shares no word with the statement: look further back
        pool = [*new, *store.claim_facts(store.recent_claim_ids(200))]
    current = {f.id: f for f in store.claim_facts({f.target for f in pending if f.target is not None})}
    # a pointer names a claim of another article: filter once per document, not once per pointer
    # (a long article has thousands of claims of its own in the pool)
    elsewhere: dict[int, list[ClaimFacts]] = {}
    changed = []
    for claim in pending:
        own_target = current.get(claim.target) if claim.target is not None else None
        if own_target is not None and own_target.document == claim.document:
            continue  # pointed at a claim of its own article when extracted
        if claim.document not in elsewhere:
            elsewhere[claim.document] = [f for f in pool if f.document != claim.document]
        best = pointer_target(claim, [*elsewhere[claim.document], *([own_target] if own_target else [])])
        if best is not None and best.id != claim.target:
            changed.extend(store.drop_pointer_links(claim.id))  # the claim it no longer points at
            store.set_target(claim.id, best.id)
            changed.append(claim.id)
    return changed


def recompute(
    store: Store,
    affected: set[int],
    document_id: int | None,
    when: str,
    new: set[int] | None = None,
    force: bool = False,
) -> int:
    affected = set(store.group_ids(affected))  # reports of one claim share its status
    results = computed_statuses(store, affected)
    before = store.statuses(affected)
    changed = 0
    for claim_id in sorted(affected):
        result = results[claim_id]
        old_status, old_reason = before.get(claim_id, (None, ""))
        is_new = new is not None and claim_id in new
        if is_new or force or old_status != result.status.value:
            store.record_status(claim_id, None if is_new else old_status, result, document_id, when)
            changed += 0 if is_new else 1
        elif old_reason != result.reason:
            store.record_status_reason(claim_id, result.reason)
    return changed


def computed_statuses(store: Store, ids: set[int]) -> dict[int, StatusResult]:
    """The status each claim's stored links give it (`ids` holds whole report groups)."""
    touching = store.links_touching(ids)
    others = {key for link in touching for key in (link.source_key, link.target_key)}
    facts = store.claim_facts(ids) + store.claim_sources(others - ids)
    return compute_statuses(facts, touching, only=ids)


def recompute_all(store: Store, when: str | None = None, opponents: Mapping[str, str] | None = None) -> int:
    """Relink every claim and recompute every status (after actors change), document by document
    as they were ingested, so it costs what ingesting them cost. Returns how many claims changed."""
    when = when or now_iso()
    with store.transaction():
        changed = sum(
            settle(store, ids, None, when, fresh=False, opponents=opponents) for ids in store.claim_ids_by_document()
        )
        return changed + recompute(store, set(store.all_claim_ids()), None, when)
