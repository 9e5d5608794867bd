"""Use cases: ingest, list, show, export, actors. Returns dataclasses, never prints.

The CLI calls these; each takes an open `Store` and a `Lexicon` and holds no
state of its own. Status is refreshed here after each document, for the claims
the document touched, and every change goes into the history.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace

from claimtrack.article import content_hash
from claimtrack.lexicon import Lexicon, normalise_name
from claimtrack.linking import (
    EXPLICIT_RULES,
    link_claims,
    pointer_target,
    prune_links,
    report_groups,
    same_assertion,
)
from claimtrack.models import (
    MAX_ROW_ID,
    UNKNOWN_SIDE,
    Actor,
    ActorCount,
    Article,
    Claim,
    ClaimFacts,
    DocumentSummary,
    HistoryEntry,
    Link,
    Stance,
    Status,
    StatusResult,
    StoredClaim,
    StoredLink,
    Verdict,
)
from claimtrack.status import compute_statuses
from claimtrack.store import ClaimFilter, Store, StoreError, term_key


class NotFoundError(LookupError):
    """An id or term that matches nothing in the ledger."""


class WorkerError(RuntimeError):
    """An extraction worker process stopped before handing back its articles."""


@dataclass(frozen=True)
class IngestResult:
    origin: str
    title: str | None = None
    document_id: int | None = None
    claims: int = 0
    by_status: dict[str, int] = field(default_factory=dict)
    already: bool = False
    error: str | None = None
    changed: int = 0


@dataclass
class IngestTally:
    """What a batch did: every row while the batch is small, then totals and failures only, so
    memory stays flat however many documents go through."""

    row_limit: int = 50
    rows: list[IngestResult] = field(default_factory=list)
    documents: int = 0
    new: int = 0
    already: int = 0
    failed: int = 0
    claims: int = 0
    changed: int = 0
    by_status: Counter[str] = field(default_factory=Counter)

    def add(self, result: IngestResult) -> None:
        self.documents += 1
        self.failed += result.error is not None
        self.already += result.already
        self.new += result.error is None and not result.already
        self.claims += result.claims
        self.changed += result.changed
        self.by_status.update(result.by_status)
        if len(self.rows) < self.row_limit:
            self.rows.append(result)  # later failures were reported on stderr as they happened

    @property
    def complete(self) -> bool:
        """Does `rows` hold every document of the batch?"""
        return self.documents == len(self.rows)


@dataclass(frozen=True)
class LinkView:
    link: StoredLink
    other: StoredClaim
    outgoing: bool


@dataclass(frozen=True)
class ClaimDetail:
    claim: StoredClaim
    links: tuple[LinkView, ...]
    history: tuple[HistoryEntry, ...]
    reports: tuple[StoredClaim, ...] = ()
    verdicts: tuple[Verdict, ...] = ()


@dataclass(frozen=True)
class TermReport:
    term: str
    canonical: str
    claims: tuple[StoredClaim, ...]
    totals: dict[str, int] = field(default_factory=dict)  # claims of each status about the term, shown or not
    exact: bool = True  # False: the totals are estimated (see Store.claims_about)

    @property
    def total(self) -> int:
        return sum(self.totals.values()) if self.totals else len(self.claims)

    def by_status(self) -> dict[str, list[StoredClaim]]:
        groups: dict[str, list[StoredClaim]] = {s.value: [] for s in Status}
        for claim in self.claims:
            groups.setdefault(claim.status, []).append(claim)
        return groups


def now_iso() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def effective_lexicon(store: Store, lexicon: Lexicon) -> Lexicon:
    """The shipped lexicon with the user's actors and aliases from the database laid over it."""
    extra = store.user_actors()
    return lexicon.with_actors(extra) if extra else lexicon


@dataclass(frozen=True)
class Prepared:
    """An article with its content hash and extracted claims: everything but the writing."""

    article: Article
    digest: str
    claims: tuple[Claim, ...]


def prepare(article: Article, lexicon: Lexicon) -> Prepared:
    """Extract an article's claims; pure, so it can run in a worker process."""
    from claimtrack.extract import extract_claims  # only ingest needs the extractor

    return Prepared(article, content_hash(article), tuple(extract_claims(article, lexicon)))


def ingest_article(store: Store, article: Article, lexicon: Lexicon, when: str | None = None) -> IngestResult:
    """Extract and store one article in one transaction; the same article twice changes nothing."""
    existing = store.document_id_by_hash(content_hash(article))
    if existing is not None:
        return IngestResult(article.origin, article.title, existing, already=True)
    return store_prepared(store, prepare(article, lexicon), lexicon, when)


def store_prepared(store: Store, prepared: Prepared, lexicon: Lexicon, when: str | None = None) -> IngestResult:
    """Write an extracted article and settle its claims, all or nothing; a stored article is left as it is.
    A storage error (a full disk, a damaged or locked file) is a StoreError that names the article, which
    was not stored; the articles stored before it are whole."""
    try:
        return _store_prepared(store, prepared, lexicon, when or now_iso())
    except StoreError as exc:
        raise type(exc)(f"{prepared.article.origin} not stored: {exc}") from exc


def _store_prepared(store: Store, prepared: Prepared, lexicon: Lexicon, when: str) -> IngestResult:
    article = prepared.article
    with store.transaction():
        existing = store.document_id_by_hash(prepared.digest)
        if existing is not None:
            return IngestResult(article.origin, article.title, existing, already=True)
        document_id = store.insert_document(article, prepared.digest, when)
        ids: list[int] = []
        for claim in prepared.claims:
            actor = lexicon.actor_named(claim.actor)
            origin = "lexicon" if actor is not None and actor.name == claim.actor else "inferred"
            if actor is None or actor.name != claim.actor:
                actor = Actor(claim.actor, claim.side, claim.actor_kind)
            actor_id = store.ensure_actor(actor, origin=origin)
            target = ids[claim.target] if claim.target is not None and claim.target < len(ids) else None
            ids.append(store.insert_claim(document_id, actor_id, claim, target, broad_terms(claim, lexicon)))
            for name in claim.about:
                place = lexicon.place_named(name)
                if place is not None:
                    store.ensure_place(place.name, place.kind, place.region, place.country, place.lat, place.lon)
        changed = settle(store, ids, document_id, when, opponents=lexicon.opponents)
        counts = Counter(status for status, _ in store.statuses(ids).values())
    return IngestResult(article.origin, article.title, document_id, len(ids), dict(counts), changed=changed)


BROAD_KINDS = frozenset({"country", "region", "sea", "river", "peninsula"})


def broad_terms(claim: Claim, lexicon: Lexicon) -> set[str]:
    """The claim's terms that do not say which event it is about: countries, regions and subjects
    ("casualty figures", "drones"). Two claims are about one event when they share a narrower term."""
    terms = {*claim.about, *claim.context_about}  # an outcome's subject is matched exactly, whatever its size
    subjects = {s.name for s in lexicon.subjects}
    return {
        t
        for t in terms
        if t in subjects or ((place := lexicon.place_named(t)) is not None and place.kind in BROAD_KINDS)
    }


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
    earlier = store.claim_facts(store.related_claim_ids(list(new_ids)))  # all ingested before them
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
    links, movable = _links_worth_storing(store, pool, focus, opponents or {})
    store.insert_links(links, document_id, when)
    affected = focus | movable  # the other earlier claims linked keep their status
    return _recompute(store, affected, document_id, when, set(new_ids) if fresh else None)


def _links_worth_storing(
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


def _names_whose(relation: str) -> bool:
    """Does a pointer say whose claim it means ('the ministry's statement', 'the Russian report')?"""
    return bool(re.search(r"['’]s\b|\b[A-Z][a-z]+(?:ian|ish|ese|ean|an|i)\b", relation))


def point_at_earlier_articles(store: Store, new: Sequence[ClaimFacts], earlier: Sequence[ClaimFacts]) -> list[int]:
    """A denial or confirmation that names a claim ('the Russian statement was untrue') with no such
    claim in its own article points at the latest related claim of another side published before it
    (linking.pointer_target). Denials already stored are reconsidered too, and one already pointing
    into another article moves when a better candidate arrives, so the order of ingest does not
    matter. Returns the claims whose target was set or moved."""
    pool = [*new, *earlier]
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
    if not earlier and any(_names_whose(f.target_relation or "") for f in pending):
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


def _recompute(
    store: Store,
    affected: set[int],
    document_id: int | None,
    when: str,
    new: set[int] | None = None,
    force: bool = False,
) -> int:
    affected = set(store.group_ids(affected))  # reports of one claim share its status
    results = _computed_statuses(store, affected)
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


def _computed_statuses(store: Store, ids: set[int]) -> dict[int, StatusResult]:
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
        return changed + _recompute(store, set(store.all_claim_ids()), None, when)


# --- documents ------------------------------------------------------------------------------

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
    if not any(i < min(own) for i in related) and _names_whose(claim.target_relation or ""):
        related += store.recent_claim_ids(POINTER_LOOKBACK, before=min(own))
    return related


def _relink(store: Store, touched: set[int], opponents: Mapping[str, str], when: str) -> set[int]:
    """Link the claims the removed document touched again, as a new document's claims are linked,
    against every related claim before or after them; their statuses are read first without the
    removed claims, as the pruning of links reads them. Returns the claims whose status may move."""
    focus = set(store.group_ids(touched))
    for claim_id, result in _computed_statuses(store, focus).items():
        store.set_status(claim_id, result)  # the history records the change once, when it is final
    pool = {f.id: f for f in store.claim_facts(set(store.related_claim_ids(sorted(focus), before=MAX_ROW_ID)) | focus)}
    targets = {f.target for f in pool.values() if f.target is not None} - set(pool)
    pool |= {f.id: f for f in store.claim_facts(targets)}
    links, movable = _links_worth_storing(store, pool, focus, opponents)
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
    results = _computed_statuses(store, ids)
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


def list_claims(store: Store, flt: ClaimFilter, lexicon: Lexicon | None = None) -> list[StoredClaim]:
    """Claims by the filter; with the lexicon, an --about term also matches the other names of its
    place or subject ('Artyomovsk' finds Bakhmut), as `show` does."""
    return store.list_claims(with_spellings(flt, lexicon))


def count_claims(store: Store, flt: ClaimFilter, lexicon: Lexicon | None = None) -> int:
    return store.count_claims(with_spellings(flt, lexicon))


def with_spellings(flt: ClaimFilter, lexicon: Lexicon | None) -> ClaimFilter:
    if lexicon is None or not flt.about:
        return flt
    return replace(flt, about_keys=tuple(tuple(term_keys(term, lexicon)) for term in flt.about))


def claim_detail(store: Store, claim_id: int) -> ClaimDetail:
    claim = store.claim(claim_id)
    if claim is None:
        raise NotFoundError(f"no claim with id {claim_id}")
    views = []
    for link in store.links_of(claim_id):
        outgoing = link.source_id == claim_id
        other = store.claim(link.target_id if outgoing else link.source_id)
        if other is not None:
            views.append(LinkView(link, other, outgoing))
    group = store.group_ids([claim_id])
    reports = tuple(r for r in store.list_claims(ClaimFilter(ids=tuple(group))) if r.id != claim_id)
    canonical = store.canonical_id(claim_id) or claim_id
    return ClaimDetail(
        claim, tuple(views), tuple(store.history_of(claim_id)), reports, tuple(store.verdicts_of(canonical))
    )


def stored_readings(store: Store, sentence: str) -> list[ClaimDetail]:
    """The ledger's claims from this exact sentence, with their links, status and history."""
    return [claim_detail(store, claim_id) for claim_id in store.claim_ids_with_sentence(sentence.strip())]


def term_keys(term: str, lexicon: Lexicon) -> list[str]:
    """The term, its gazetteer name and every spelling of it, as lookup keys."""
    from claimtrack.extract.about import canonical_term

    canonical = canonical_term(term, lexicon)
    keys = [term_key(term), term_key(canonical)]
    for place in lexicon.places:
        if place.name == canonical:
            keys.extend(term_key(a) for a in place.aliases)
    for subject in lexicon.subjects:
        if subject.name == canonical:
            keys.extend(term_key(a) for a in subject.aliases)
    stripped = [k.removesuffix(" region").removesuffix(" oblast") for k in keys]
    return [k for k in dict.fromkeys([*keys, *stripped]) if k]


def claims_about(store: Store, term: str, lexicon: Lexicon, limit: int | None = None) -> TermReport:
    """The latest `limit` claims about a place or subject, with the counts of all of them."""
    if not term.strip():
        raise NotFoundError("an empty term matches nothing")
    found = store.claims_about(term_keys(term, lexicon), limit)
    if not found.claims:
        raise NotFoundError(f"no claims about {term!r}")
    from claimtrack.extract.about import canonical_term

    return TermReport(term, canonical_term(term, lexicon), tuple(found.claims), found.totals, found.exact)


def actors(store: Store, side: str | None = None) -> list[ActorCount]:
    return store.actor_counts(side)


def known_sides(store: Store, lexicon: Lexicon) -> set[str]:
    """Every side a filter may name: those of sides.toml, of the actors in the language data and in
    the ledger, and 'unknown' (a source no rule could place)."""
    return {*lexicon.sides, *(a.side for a in lexicon.actors), *(a.side for a in store.actor_counts()), UNKNOWN_SIDE}


def add_actor(store: Store, name: str, side: str, aliases: Iterable[str], kind: str) -> Actor:
    actor = Actor(name.strip(), side.strip().casefold(), kind, tuple(a.strip() for a in aliases if a.strip()))
    with store.transaction():
        store.set_actor(actor)
    return actor


def add_alias(store: Store, alias: str, name: str, lexicon: Lexicon) -> Actor:
    """Make `alias` another name of the actor `name` (known to the ledger or the lexicon)."""
    known = store.actor_by_name(name) or lexicon.actor_named(name)
    if known is None:
        raise NotFoundError(f"no actor named {name!r}: add it first with 'claimtrack actors add'")
    actor = Actor(known.name, known.side, known.kind, (alias.strip(),))
    with store.transaction():
        actor_id = store.ensure_actor(actor, origin="lexicon" if store.actor_by_name(known.name) else "user")
        store.add_user_alias(actor_id, alias.strip())
    return actor


def reresolve(store: Store, lexicon: Lexicon) -> int:
    """Apply the user's aliases to claims already stored, then recompute statuses."""
    moved = 0
    with store.transaction():
        for actor in store.user_actors():
            actor_id = store.ensure_actor(actor, origin="user")
            for alias in (actor.name, *actor.aliases):
                moved += len(store.reassign_claims(normalise_name(alias), actor_id))
                moved += (
                    len(store.reassign_claims(term_key(alias), actor_id))
                    if normalise_name(alias) != term_key(alias)
                    else 0
                )
    recompute_all(store, opponents=lexicon.opponents)
    return moved


@dataclass(frozen=True)
class TimelineEntry:
    date: str
    kind: str  # "claim" or "status"
    claim: StoredClaim
    text: str
    status: str


@dataclass(frozen=True)
class SourceRecord:
    name: str
    side: str
    kind: str
    claims: int
    confirmed: int
    disputed: int
    unverified: int
    denials_admitted: int


SOURCE_SORTS = ("claims", "confirmed", "disputed", "unverified", "denials", "name")


def set_verdict(
    store: Store,
    claim_id: int,
    status: Status,
    note: str,
    evidence: Sequence[str] = (),
    analyst: str | None = None,
    when: str | None = None,
) -> ClaimDetail:
    """Record an analyst's verdict; it outranks the computed status until cleared."""
    when = when or now_iso()
    canonical = store.canonical_id(claim_id)
    if canonical is None:
        raise NotFoundError(f"no claim with id {claim_id}")
    with store.transaction():
        store.add_verdict(canonical, status, note, evidence, analyst, when)
        _recompute(store, {canonical}, None, when, force=True)
    return claim_detail(store, claim_id)


def clear_verdict(store: Store, claim_id: int, when: str | None = None) -> ClaimDetail:
    """Withdraw the active verdict: the computed status applies again (the verdict stays on record)."""
    when = when or now_iso()
    canonical = store.canonical_id(claim_id)
    if canonical is None:
        raise NotFoundError(f"no claim with id {claim_id}")
    with store.transaction():
        if not store.clear_verdict(canonical, when):
            raise NotFoundError(f"claim {claim_id} has no active verdict to clear")
        _recompute(store, {canonical}, None, when, force=True)
    return claim_detail(store, claim_id)


def timeline(store: Store, term: str, lexicon: Lexicon, by: str = "event") -> list[TimelineEntry]:
    """The chronology of claims about a subject and of their status changes."""
    report = claims_about(store, term, lexicon)
    claims = {c.id: c for c in report.claims}
    entries = []
    for claim in report.claims:
        date = (claim.event_date if by == "event" else None) or claim.published or ""
        entries.append(TimelineEntry(date[:10], "claim", claim, claim.sentence, claim.status))
    for entry, published in store.history_dated(claims):
        if entry.old_status is None:
            continue  # the first status is shown with the claim itself
        date = published or entry.changed_at
        text = f"{entry.old_status} -> {entry.new_status}: {entry.reason}"
        entries.append(TimelineEntry(date[:10], "status", claims[entry.claim_id], text, entry.new_status))
    return sorted(entries, key=lambda e: (e.date, e.kind != "claim", e.claim.id))


def sources(store: Store, side: str | None = None, sort: str = "claims") -> list[SourceRecord]:
    """Each actor's track record, sorted by `sort` (most first; names A-Z)."""
    if sort not in SOURCE_SORTS:
        raise NotFoundError(f"cannot sort by {sort!r}: use one of {', '.join(SOURCE_SORTS)}")
    rows = [
        SourceRecord(
            r["name"],
            r["side"],
            r["kind"],
            int(r["claims"]),
            int(r["confirmed"] or 0),
            int(r["disputed"] or 0),
            int(r["unverified"] or 0),
            int(r["denials_admitted"] or 0),
        )
        for r in store.source_records(side.casefold() if side else None)
    ]
    if sort == "name":
        return sorted(rows, key=lambda r: r.name.casefold())
    field_name = "denials_admitted" if sort == "denials" else sort
    return sorted(rows, key=lambda r: (-int(getattr(r, field_name)), r.name.casefold()))


def fts_query(query: str) -> str:
    """A user's words as a safe FTS5 query: every word must appear (as a word or the start of one:
    'capture' finds 'captured'); operators and punctuation are taken as text, never as syntax."""
    words = re.findall(r"\w+", query, flags=re.UNICODE)
    if not words:
        raise NotFoundError(f"nothing to search for in {query!r}: give at least one word")
    return " ".join('"' + w.replace('"', '""') + '"*' for w in words[:32])


SEARCH_CHUNK = 200


def search(store: Store, query: str, flt: ClaimFilter, lexicon: Lexicon | None = None) -> list[StoredClaim]:
    """Claims whose content, sentence, source or notes contain every word of `query`, best first."""
    flt = with_spellings(flt, lexicon)
    ranked = store.search_ids(fts_query(query))
    found: list[StoredClaim] = []
    for start in range(0, len(ranked), SEARCH_CHUNK):  # best first, read only as far as the limit needs
        chunk = ranked[start : start + SEARCH_CHUNK]
        order = {claim_id: rank for rank, claim_id in enumerate(chunk)}
        found += sorted(store.list_claims(replace(flt, ids=tuple(chunk), limit=None)), key=lambda c: order[c.id])
        if flt.limit and len(found) >= flt.limit:
            break
    return found[: flt.limit] if flt.limit else found


@dataclass(frozen=True)
class ReviewItem:
    claim: StoredClaim
    why: str


def review(
    store: Store, today: dt.date, older_than_days: int = 7, changed_since: str | None = None
) -> list[ReviewItem]:
    """Claims that need a person: unverified for more than N days, disputed with no analyst verdict,
    or changed since a date."""
    items: dict[int, ReviewItem] = {}
    cutoff = (today - dt.timedelta(days=older_than_days)).isoformat()
    for claim in store.list_claims(ClaimFilter(statuses=("disputed",), first_reports_only=True)):
        if not claim.verdict:
            items[claim.id] = ReviewItem(claim, "disputed, no analyst verdict")
    for claim in store.list_claims(ClaimFilter(statuses=("unverified",), first_reports_only=True)):
        if (claim.first_reported or claim.published or "9999") < cutoff and not claim.verdict:
            items.setdefault(claim.id, ReviewItem(claim, f"unverified for more than {older_than_days} days"))
    if changed_since:
        for claim in store.list_claims(ClaimFilter(ids=tuple(store.changed_since(changed_since)) or (-1,))):
            items.setdefault(claim.id, ReviewItem(claim, f"status changed since {changed_since}"))
    return sorted(items.values(), key=lambda i: i.claim.id)


def claims_for_review_export(
    store: Store, claims: Sequence[StoredClaim]
) -> list[tuple[StoredClaim, list[StoredClaim]]]:
    """Claims in a final state (confirmed, disputed, or with an analyst verdict), once each, with all reports."""
    result = []
    for claim in claims:
        if claim.report_of is not None or not (claim.status in ("confirmed", "disputed") or claim.verdict):
            continue
        group = store.list_claims(ClaimFilter(ids=tuple(store.group_ids([claim.id]))))
        result.append((claim, sorted(group, key=lambda c: (c.published or "", c.id))))
    return result
