"""Use cases: ingest, list, show, search, verdicts, timelines. Returns dataclasses, never prints.

Each takes an open `Store` and a `Lexicon` and holds no state of its own. Status is refreshed after
each document, for the claims the document touched, and every change goes into the history
(`claimtrack.settling`). Documents (`claimtrack.documents`) and actors (`claimtrack.actors`) have
modules of their own, and so do the errors (`claimtrack.errors`); their names are here too, so
`from claimtrack.service import ...` reaches every use case. The command line reaches these
through `claimtrack.queries`, `claimtrack.changes` and `claimtrack.ingest`, which open the ledger.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from claimtrack.actors import actors, add_actor, add_alias, known_sides, reresolve
from claimtrack.article import content_hash
from claimtrack.documents import RemovalResult, list_documents, remove_document
from claimtrack.errors import InputError, NotFoundError, UsageError, WorkerError
from claimtrack.lexicon import Lexicon, load_lexicon, place_rows, shipped_words
from claimtrack.models import Actor, Article, Claim, HistoryEntry, Status, StoredClaim, StoredLink, Verdict
from claimtrack.settling import group_reports, now_iso, point_at_earlier_articles, recompute, recompute_all, settle
from claimtrack.store import ClaimFilter, Store, StoreError, term_key

__all__ = [  # the use cases, with those of documents, actors and settling, and the errors
    "BROAD_KINDS",
    "SEARCH_CHUNK",
    "SOURCE_SORTS",
    "ClaimDetail",
    "IngestResult",
    "IngestTally",
    "InputError",
    "LinkView",
    "NotFoundError",
    "Prepared",
    "RemovalResult",
    "ReviewItem",
    "SourceRecord",
    "TermReport",
    "TimelineEntry",
    "UsageError",
    "WorkerError",
    "actors",
    "add_actor",
    "add_alias",
    "broad_terms",
    "claim_detail",
    "claims_about",
    "claims_for_review_export",
    "clear_verdict",
    "count_claims",
    "effective_lexicon",
    "fts_query",
    "group_reports",
    "ingest_article",
    "known_sides",
    "ledger_lexicon",
    "list_claims",
    "list_documents",
    "now_iso",
    "open_store",
    "point_at_earlier_articles",
    "prepare",
    "recompute_all",
    "remove_document",
    "reresolve",
    "review",
    "search",
    "set_verdict",
    "settle",
    "sources",
    "store_prepared",
    "stored_readings",
    "term_keys",
    "timeline",
    "with_spellings",
]


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


def open_store(path: Path | str, *, readonly: bool = False, on_wait: Callable[[str], None] | None = None) -> Store:
    """The ledger at `path`, as `Ledger.open` and every command open it (created with its folder
    unless `readonly`); `on_wait` hears when another process's write holds this one up."""
    store = Store.open(path, readonly=readonly)
    if on_wait is not None and not readonly:
        store.on_wait = on_wait
    return store


def effective_lexicon(store: Store, lexicon: Lexicon) -> Lexicon:
    """The shipped lexicon with the user's actors and aliases from the database laid over it."""
    extra = store.user_actors()
    return lexicon.with_actors(extra) if extra else lexicon


def ledger_lexicon(store: Store | None, base: Lexicon | None = None) -> Lexicon:
    """The language data a ledger is read with: `base` (the bundled lexicon unless given) with the
    ledger's own actors and aliases laid over it; with no ledger, `base` alone."""
    lexicon = load_lexicon() if base is None else base
    return effective_lexicon(store, lexicon) if store is not None else lexicon


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
                actor = Actor(claim.actor, claim.side, claim.actor_kind, _named_as(claim))
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


BROAD_KINDS = shipped_words("words.broad_kinds")
PRONOUNS = shipped_words("words.pronouns")


def _named_as(claim: Claim) -> tuple[str, ...]:
    """How the text named an actor no table knows ('A military source in Port Sudan', with and without
    an aside set off by a comma), kept as its aliases so that the claims a pronoun gives it show where
    it was introduced."""
    mention = claim.source_text.strip()
    if not mention or mention.casefold() in PRONOUNS or mention == claim.actor:
        return ()
    definite = re.match(r"(?:the|that|this|these|those)\s+", mention, re.IGNORECASE)
    if definite and mention[definite.end() :].split(",")[0].strip().casefold() != claim.actor.casefold():
        return ()  # "the army" pointing back to "an army spokesman" is no name of theirs
    # "A senior officer, who spoke on condition of anonymity": also the noun phrase without its aside
    bare = mention.split(",")[0].strip()
    return tuple(dict.fromkeys(m for m in (mention, bare) if m and m != claim.actor))


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
    for name, _, _, aliases, _, _, _ in place_rows(lexicon):
        if name == canonical:
            keys.extend(term_key(a) for a in aliases)
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
        recompute(store, {canonical}, None, when, force=True)
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
        recompute(store, {canonical}, None, when, force=True)
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
    for claim in store.list_claims(ClaimFilter(statuses=(Status.DISPUTED,), first_reports_only=True)):
        if not claim.verdict:
            items[claim.id] = ReviewItem(claim, "disputed, no analyst verdict")
    for claim in store.list_claims(ClaimFilter(statuses=(Status.UNVERIFIED,), first_reports_only=True)):
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
        if claim.report_of is not None or not (claim.status in (Status.CONFIRMED, Status.DISPUTED) or claim.verdict):
            continue
        group = store.list_claims(ClaimFilter(ids=tuple(store.group_ids([claim.id]))))
        result.append((claim, sorted(group, key=lambda c: (c.published or "", c.id))))
    return result
