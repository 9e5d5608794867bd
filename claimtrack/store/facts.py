"""What linking and the status engine read: the facts of claims (cached while nothing else
writes), link candidates, links, statuses and report groups, claim ids in ingest order."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any

import claimtrack.store as tunables
from claimtrack.linking import EVENT_WINDOW_DAYS, LINK_WINDOW_DAYS
from claimtrack.models import ClaimFacts, Link, Stance, Status
from claimtrack.store.connection import StoreBase, decodes
from claimtrack.store.rows import (
    ID_SET,
    ID_SET_NAMED,
    decode_outcomes,
    decode_quantities,
    decode_terms,
    id_list,
    link_from_row,
)

FACTS_SQL = (
    "SELECT c.id, c.stance, c.sentence, c.content, c.document_id, c.sentence_index, c.outcomes, "
    "c.quantities, c.target_id, c.target_relation, c.event_start, c.hedged, a.name AS actor, a.side, "
    "coalesce(c.report_of, c.id) AS grp, "
    "(SELECT status FROM verdicts v WHERE v.claim_id = coalesce(c.report_of, c.id) "
    " AND v.cleared_at IS NULL AND v.superseded_by IS NULL ORDER BY v.id DESC LIMIT 1) AS verdict, "
    "(SELECT coalesce('by ' || v.analyst || ': ', '') || v.note FROM verdicts v "
    " WHERE v.claim_id = coalesce(c.report_of, c.id) "
    " AND v.cleared_at IS NULL AND v.superseded_by IS NULL ORDER BY v.id DESC LIMIT 1) AS verdict_note, "
    # countries and regions do not make two claims about one event
    "(SELECT group_concat(term, char(31)) FROM claim_about WHERE claim_id = c.id AND kind = 'own' "
    " AND NOT broad) AS own, "
    "(SELECT group_concat(term, char(31)) FROM claim_about WHERE claim_id = c.id AND kind != 'own' "
    " AND NOT broad) AS ctx, "
    "(SELECT published FROM documents WHERE id = c.document_id) AS published, "
    "(SELECT hash FROM documents WHERE id = c.document_id) AS document_hash, c.sentence_start "
    "FROM claims c JOIN actors a ON a.id = c.actor_id WHERE "
)


def facts_from_row(row: Sequence[Any]) -> ClaimFacts:
    """The facts of one claim, from a row of FACTS_SQL."""
    (
        claim_id,
        stance,
        sentence,
        content,
        document,
        index,
        outcomes,
        quantities,
        target,
        relation,
        event,
        hedged,
        actor,
        side,
        group,
        verdict,
        verdict_note,
        own,
        ctx,
        published,
        document_hash,
        sentence_start,
    ) = row
    return ClaimFacts(
        id=int(claim_id),
        actor=actor,
        side=side,
        stance=Stance(stance),
        sentence_key=f"{document}:{index}",
        outcomes=decode_outcomes(outcomes),
        quantities=decode_quantities(quantities),
        own_places=decode_terms(own),
        context_places=decode_terms(ctx),
        target=target,
        target_relation=relation,
        verdict=Status(verdict) if verdict else None,
        verdict_note=verdict_note,
        label=sentence[:80],
        group=int(group),
        content=content,
        document=int(document),
        event=event,
        published=published,
        hedged=bool(hedged),
        document_hash=f"{document_hash}:{sentence_start}",
    )


class FactsMixin(StoreBase):
    """What linking and the status engine read (service.py passes it on to status.py)."""

    @decodes
    def _facts(self, where: str, params: Sequence[Any]) -> list[ClaimFacts]:
        rows = self._execute(FACTS_SQL + where, params).fetchall()
        return [facts_from_row(row) for row in rows]

    @decodes
    def claim_sources(self, ids: Iterable[int]) -> list[ClaimFacts]:
        """Just who made each claim, and how: enough to name the other end of a link."""
        wanted = sorted(set(ids))
        if not wanted:
            return []
        rows = self._execute(
            "SELECT c.id, a.name, a.side, c.stance, c.document_id, c.sentence_index FROM claims c "
            f"JOIN actors a ON a.id = c.actor_id WHERE c.id IN {ID_SET}",
            (id_list(wanted),),
        ).fetchall()
        return [
            ClaimFacts(int(i), actor, side, Stance(stance), f"{doc}:{index}")
            for i, actor, side, stance, doc, index in rows
        ]

    def claim_facts(self, ids: Iterable[int]) -> list[ClaimFacts]:
        wanted = sorted(set(ids))
        if not wanted:
            return []
        version = int(self._execute("PRAGMA data_version").fetchone()[0])
        if version != self._facts_version or len(self._facts_cache) > tunables.FACTS_CACHE_LIMIT:
            self.forget_facts()
            self._facts_version = version
        missing = [i for i in wanted if i not in self._facts_cache]
        if missing:
            self._facts_cache.update((f.id, f) for f in self._facts(f"c.id IN {ID_SET}", (id_list(missing),)))
        return [self._facts_cache[i] for i in wanted if i in self._facts_cache]

    @decodes
    def related_claim_ids(self, ids: Sequence[int], *, reports: bool = False, before: int | None = None) -> list[int]:
        """Link candidates, ingested before the given claims: first reports (with `reports`, every
        report, as a denial that names no claim may point at any of them) that share an outcome
        subject with them within `LINK_WINDOW_DAYS` of their day, and those that share any term
        within `EVENT_WINDOW_DAYS` (counts, reports and denials are about one event); undated claims
        match any day. Each kind is capped at `RELATED_LIMIT`, the most recent first, so terms
        common to half the ledger cannot crowd out the outcomes. `before` (a claim id) widens or
        narrows "ingested before": removing a document looks at claims ingested after too."""
        if not ids:
            return []
        # "+": the filter must not steer SQLite to the primary key (a scan of every claim before)
        join = "FROM mine a JOIN claim_about b ON b.term_key = a.term_key AND +b.claim_id < :before"
        outcomes = (
            f"SELECT b.claim_id {join} AND b.day BETWEEN date(a.day, :o_from) AND date(a.day, :o_to) "
            "WHERE a.kind = 'outcome' AND b.kind = 'outcome'"
        )
        events = (
            f"SELECT b.claim_id {join} AND b.day BETWEEN date(a.day, :e_from) AND date(a.day, :e_to) "
            f"UNION SELECT b.claim_id {join} AND b.day IS NULL "
            f"UNION SELECT b.claim_id {join} WHERE a.day IS NULL"
        )
        first_only = "" if reports else "WHERE c.report_of IS NULL "
        latest = (
            "SELECT * FROM (SELECT n.claim_id FROM ({near}) n JOIN claims c ON c.id = n.claim_id "
            f"{first_only}ORDER BY n.claim_id DESC LIMIT :cap)"
        )
        rows = self._execute(
            f"WITH mine AS (SELECT DISTINCT term_key, day, kind FROM claim_about "
            f"WHERE claim_id IN {ID_SET_NAMED} AND NOT broad) "
            f"{latest.format(near=outcomes)} UNION {latest.format(near=events)} ORDER BY 1 DESC",
            {
                "ids": id_list(ids),
                "before": min(ids) if before is None else before,
                "o_from": f"-{LINK_WINDOW_DAYS} days",
                "o_to": f"+{LINK_WINDOW_DAYS} days",
                "e_from": f"-{EVENT_WINDOW_DAYS} days",
                "e_to": f"+{EVENT_WINDOW_DAYS} days",
                "cap": tunables.RELATED_LIMIT,
            },
        ).fetchall()
        return [int(claim_id) for (claim_id,) in rows]

    @decodes
    def links_touching(self, ids: Iterable[int]) -> list[Link]:
        wanted = sorted(set(ids))
        if not wanted:
            return []
        rows = self._rows(
            f"SELECT source_id, target_id, relation, rule, evidence, subject FROM links WHERE source_id IN "
            f"{ID_SET_NAMED} OR target_id IN {ID_SET_NAMED} ORDER BY id",
            {"ids": id_list(wanted)},
        )
        return [link_from_row(r) for r in rows]

    @decodes
    def statuses(self, ids: Iterable[int]) -> dict[int, tuple[str, str]]:
        wanted = sorted(set(ids))
        if not wanted:
            return {}
        rows = self._rows(f"SELECT id, status, status_reason FROM claims WHERE id IN {ID_SET}", (id_list(wanted),))
        return {int(r["id"]): (r["status"], r["status_reason"]) for r in rows}

    @decodes
    def group_statuses(self, ids: Iterable[int]) -> dict[int, set[str]]:
        """The statuses of each claim and of its reports (a report with figures may differ)."""
        wanted = sorted(set(ids))
        if not wanted:
            return {}
        groups: dict[int, set[str]] = {}
        for group, status in self._execute(
            f"SELECT id, status FROM claims WHERE id IN {ID_SET_NAMED} "
            f"UNION ALL SELECT report_of, status FROM claims WHERE report_of IN {ID_SET_NAMED}",
            {"ids": id_list(wanted)},
        ).fetchall():
            groups.setdefault(int(group), set()).add(status)
        return groups

    @decodes
    def group_ids(self, ids: Iterable[int]) -> list[int]:
        """Every claim in the same report groups as the given ones."""
        wanted = sorted(set(ids))
        if not wanted:
            return []
        rows = self._rows(
            f"WITH groups AS (SELECT coalesce(report_of, id) AS g FROM claims WHERE id IN {ID_SET}) "
            "SELECT id FROM claims WHERE id IN groups UNION SELECT id FROM claims WHERE report_of IN groups",
            (id_list(wanted),),
        )
        return [int(r["id"]) for r in rows]

    @decodes
    def recent_claim_ids(self, limit: int, before: int | None = None) -> list[int]:
        """The latest `limit` claims, or the latest ingested before the claim `before`."""
        rows = self._execute(
            "SELECT id FROM claims WHERE ? IS NULL OR id < ? ORDER BY id DESC LIMIT ?", (before, before, limit)
        )
        return [int(r[0]) for r in rows]

    @decodes
    def canonical_id(self, claim_id: int) -> int | None:
        row = self._execute("SELECT coalesce(report_of, id) FROM claims WHERE id = ?", (claim_id,)).fetchone()
        return int(row[0]) if row else None

    @decodes
    def report_groups_of(self, ids: Iterable[int]) -> dict[int, list[int]]:
        """The report groups the given claims belong to: each first report with every member."""
        rows = self._execute(
            f"WITH g AS (SELECT DISTINCT coalesce(report_of, id) AS g FROM claims WHERE id IN {ID_SET}) "
            "SELECT coalesce(report_of, id), id FROM claims WHERE id IN g OR report_of IN g ORDER BY id",
            (id_list(ids),),
        ).fetchall()
        groups: dict[int, list[int]] = {}
        for group, claim_id in rows:
            groups.setdefault(int(group), []).append(int(claim_id))
        return groups

    @decodes
    def claims_pointing_at(self, ids: Iterable[int]) -> list[int]:
        """Claims outside `ids` whose target is one of them."""
        rows = self._execute(
            f"SELECT id FROM claims WHERE target_id IN {ID_SET_NAMED} AND id NOT IN {ID_SET_NAMED} ORDER BY id",
            {"ids": id_list(ids)},
        )
        return [int(r[0]) for r in rows]

    @decodes
    def links_made_by(self, document_id: int) -> list[Link]:
        """The links stored when this document was ingested (some between claims of other documents)."""
        rows = self._rows(
            "SELECT source_id, target_id, relation, rule, evidence, subject FROM links WHERE document_id = ? "
            "ORDER BY id",
            (document_id,),
        )
        return [link_from_row(r) for r in rows]

    def claim_ids_by_document(self) -> Iterator[list[int]]:
        """The claims of each document, documents in the order they were ingested."""
        for (ids,) in self._execute(
            "SELECT group_concat(id) FROM (SELECT id, document_id FROM claims ORDER BY document_id, id) "
            "GROUP BY document_id ORDER BY document_id"
        ).fetchall():
            yield self._id_list(ids)

    @decodes
    def _id_list(self, ids: str) -> list[int]:
        return [int(i) for i in ids.split(",")]

    @decodes
    def all_claim_ids(self) -> list[int]:
        return [int(r[0]) for r in self._execute("SELECT id FROM claims ORDER BY id").fetchall()]
