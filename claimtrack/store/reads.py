"""What the commands read: claims by filter, by term (`show`), by full-text search, one claim with
its links, history and verdicts, and the per-source records."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import claimtrack.store as tunables
from claimtrack.models import HistoryEntry, Relation, Stance, Status, StoredClaim, StoredLink, Verdict
from claimtrack.store.connection import StoreBase, decodes
from claimtrack.store.rows import (
    ID_SET,
    decode_outcomes,
    decode_quantities,
    id_list,
    json_list,
    like_pattern,
    term_key,
    verdict_from_row,
)


@dataclass(frozen=True)
class ClaimFilter:
    statuses: tuple[str, ...] = ()
    source: str | None = None
    side: str | None = None
    about: tuple[str, ...] = ()
    since: str | None = None
    until: str | None = None
    limit: int | None = None
    ids: tuple[int, ...] = ()
    first_reports_only: bool = False
    # each --about term with every spelling that names it (service.term_keys); () reads `about` as typed
    about_keys: tuple[tuple[str, ...], ...] = ()


@dataclass(frozen=True)
class TermClaims:
    """The claims `show TERM` lists, and how many of each status there are in all."""

    claims: list[StoredClaim]
    totals: dict[str, int]
    exact: bool = True


class ReadsMixin(StoreBase):
    """What the commands list, search and show: claims as `StoredClaim`, with their links,
    history and verdicts."""

    _SELECT = (
        "SELECT c.*, a.name AS actor, a.side AS side, d.origin AS document, d.title, d.outlet, d.url, "
        "d.published, "
        "(SELECT json_group_array(alias) FROM aliases WHERE actor_id = a.id) AS aliases, "
        "(SELECT json_group_array(term) FROM claim_about WHERE claim_id = c.id AND kind = 'own') AS own, "
        "(SELECT json_group_array(term) FROM claim_about WHERE claim_id = c.id AND kind != 'own') AS ctx, "
        "(SELECT status FROM verdicts v WHERE v.claim_id = coalesce(c.report_of, c.id) AND v.cleared_at IS NULL "
        " AND v.superseded_by IS NULL ORDER BY v.id DESC LIMIT 1) AS verdict "
        "FROM claims c JOIN actors a ON a.id = c.actor_id JOIN documents d ON d.id = c.document_id "
    )

    @decodes
    def _stored(self, row: dict[str, Any], *, confidence: bool = True) -> StoredClaim:
        event = row["event_start"]
        if event and row["event_precision"] == "month":
            event = event[:7]
        elif event and row["event_precision"] == "year":
            event = event[:4]
        elif event and row["event_precision"] == "span" and row["event_end"] and row["event_end"] != event:
            event = f"{event}/{row['event_end']}"
        return StoredClaim(
            id=int(row["id"]),
            document_id=int(row["document_id"]),
            document=row["document"],
            title=row["title"],
            outlet=row["outlet"],
            url=row["url"],
            published=row["published"],
            source=row["actor"],
            source_text=row["source_text"],
            source_aliases=tuple(dict.fromkeys(json_list(row["aliases"]))),
            side=row["side"],
            stance=Stance(row["stance"]),
            cue=row["cue"],
            content=row["content"],
            sentence=row["sentence"],
            sentence_start=int(row["sentence_start"]),
            sentence_end=int(row["sentence_end"]),
            rule=row["rule"],
            status=Status(row["status"]),
            status_reason=row["status_reason"],
            event_date=event,
            event_words=row["event_words"],
            about=tuple(dict.fromkeys(json_list(row["own"]))),
            context_about=tuple(dict.fromkeys(json_list(row["ctx"]))),
            notes=json_list(row["notes"]),
            hedges=json_list(row["hedges"]),
            quantities=decode_quantities(row["quantities"]),
            outcomes=decode_outcomes(row["outcomes"]),
            channel=row["channel"],
            target_id=row["target_id"],
            verdict=Status(row["verdict"]) if row["verdict"] else None,
            report_of=row["report_of"],
            **(self._confidence(int(row["report_of"] or row["id"])) if confidence else {}),
        )

    @decodes
    def _confidence(self, group: int) -> dict[str, Any]:
        """How many reports, outlets and independent sides stand behind a claim."""
        reports = self._execute(
            "SELECT count(*), min(d.published), count(DISTINCT coalesce(d.outlet, d.origin)) FROM claims r "
            "JOIN documents d ON d.id = r.document_id WHERE r.id = ? OR r.report_of = ?",
            (group, group),
        ).fetchone()
        sides = self._execute(
            "WITH members AS (SELECT id FROM claims WHERE id = :g UNION SELECT id FROM claims WHERE report_of = :g), "
            "backers AS (SELECT target_id AS id FROM links WHERE source_id IN members "
            " AND relation IN ('corroborates', 'confirms') "
            " UNION SELECT source_id FROM links WHERE target_id IN members "
            " AND relation IN ('corroborates', 'confirms')), "
            "everyone AS (SELECT id FROM members UNION SELECT id FROM backers) "
            "SELECT count(DISTINCT CASE a.side WHEN 'independent' THEN 'independent:' || a.id ELSE a.side END) "
            "FROM everyone e JOIN claims c ON c.id = e.id JOIN actors a ON a.id = c.actor_id "
            "WHERE a.side != 'unknown'",
            {"g": group},
        ).fetchone()
        return {
            "reports": int(reports[0]),
            "first_reported": reports[1],
            "outlets": int(reports[2]),
            "sides_behind": max(1, int(sides[0])),
        }

    def list_claims(self, flt: ClaimFilter) -> list[StoredClaim]:
        condition, params = self._claim_condition(flt)
        sql = self._SELECT + "WHERE " + condition + " ORDER BY c.id"
        if flt.limit is not None:
            sql += " LIMIT ?"
            params.append(flt.limit)
        return [self._stored(r) for r in self._rows(sql, params)]

    def count_claims(self, flt: ClaimFilter) -> int:
        """How many claims the filter matches, whatever its limit."""
        condition, params = self._claim_condition(flt)
        sql = (
            "SELECT count(*) FROM claims c JOIN actors a ON a.id = c.actor_id JOIN documents d ON d.id = c.document_id "
            f"WHERE {condition}"
        )
        return int(self._execute(sql, params).fetchone()[0])

    def _claim_condition(self, flt: ClaimFilter) -> tuple[str, list[Any]]:
        """The WHERE condition of a filter over claims c, actors a and documents d, and its parameters."""
        where = ["1 = 1"]
        params_list: list[Any] = []
        if flt.statuses:
            where.append(f"c.status IN ({','.join('?' * len(flt.statuses))})")
            params_list.extend(flt.statuses)
        if flt.source:
            where.append(
                "c.actor_id IN (SELECT actor_id FROM aliases WHERE alias_key = ? "
                "UNION SELECT id FROM actors WHERE lower(name) LIKE ? ESCAPE '\\')"
            )
            params_list.extend([term_key(flt.source), like_pattern(term_key(flt.source))])
        if flt.side:
            where.append("a.side = ?")
            params_list.append(flt.side.casefold())
        for keys in flt.about_keys or tuple((term_key(term),) for term in flt.about):
            # a term, its gazetteer name and former names: the spellings `show TERM` reads, each with
            # what it prefixes ("kursk" finds "kursk region")
            spelled = " OR ".join("term_key = ? OR (term_key >= ? AND term_key < ?)" for _ in keys)
            where.append(f"c.id IN (SELECT claim_id FROM claim_about WHERE {spelled})")
            for key in keys:
                params_list.extend([key, f"{key} ", f"{key}!"])
        if flt.since:
            where.append("coalesce(c.event_start, d.published) >= ?")
            params_list.append(flt.since)
        if flt.until:
            where.append("coalesce(c.event_start, d.published) <= ?")
            params_list.append(flt.until)
        if flt.ids:
            where.append(f"c.id IN ({','.join('?' * len(flt.ids))})")
            params_list.extend(flt.ids)
        if flt.first_reports_only:
            where.append("c.report_of IS NULL")
        return " AND ".join(where), params_list

    def claim(self, claim_id: int) -> StoredClaim | None:
        rows = self._rows(self._SELECT + "WHERE c.id = ?", (claim_id,))
        return self._stored(rows[0]) if rows else None

    def claims_about(self, keys: Sequence[str], limit: int | None = None) -> TermClaims:
        """The latest `limit` claims (in ingest order) whose about-terms (own or context) match any key,
        or whose sentence names it, and how many claims of each status match in all: counted exactly
        up to `EXACT_COUNT_LIMIT` matches, past it estimated from the kept per-term counts."""
        if not keys:
            return TermClaims([], {})
        clauses, params = [], []
        for key in keys:
            # "kursk" also finds "kursk region" and "kursk-based": prefix ranges, which use the index
            clauses.append("term_key = ? OR (term_key >= ? AND term_key < ?) OR (term_key >= ? AND term_key < ?)")
            params.extend([key, f"{key} ", f"{key}!", f"{key}-", f"{key}."])
        latest = -1 if limit is None else limit
        # each spelling and range read newest first through (term_key, claim_id), at most `limit` each,
        # and the sentence itself through the full-text index, each key as a quoted phrase
        arms = [
            "SELECT * FROM (SELECT DISTINCT claim_id AS id FROM claim_about "
            f"WHERE {where} ORDER BY claim_id DESC LIMIT ?)"
            for _ in keys
            for where in ("term_key = ?", "term_key >= ? AND term_key < ?", "term_key >= ? AND term_key < ?")
        ]
        arm_params: list[Any] = []
        for key in keys:
            arm_params += [key, latest, f"{key} ", f"{key}!", latest, f"{key}-", f"{key}.", latest]
        phrases = " OR ".join('"' + k.replace('"', '""') + '"' for k in keys)
        arms.append(
            "SELECT * FROM (SELECT rowid AS id FROM claims_fts WHERE claims_fts MATCH ? ORDER BY rowid DESC LIMIT ?)"
        )
        arm_params += [f"sentence : ({phrases})", latest]
        sql = self._SELECT + f"WHERE c.id IN (SELECT id FROM ({' UNION '.join(arms)}) ORDER BY id DESC LIMIT ?) "
        sql += "ORDER BY c.id"
        claims = [self._stored(r) for r in self._rows(sql, [*arm_params, latest])]
        if limit is None or len(claims) < limit:  # every match is here: count them
            return TermClaims(claims, dict(Counter(c.status for c in claims)))
        where = " OR ".join(clauses)
        kept = self._execute(
            f"SELECT status, sum(claims) FROM term_counts WHERE {where} GROUP BY status", params
        ).fetchall()
        estimate = {status: int(n) for status, n in kept if n}
        if sum(estimate.values()) > tunables.EXACT_COUNT_LIMIT:
            # a claim carrying two spellings counts twice here, and sentence-only matches not at all
            return TermClaims(claims, estimate, exact=False)
        matched = (
            f"SELECT claim_id FROM claim_about WHERE {where} "
            "UNION SELECT rowid FROM claims_fts WHERE claims_fts MATCH ?"
        )
        totals = self._execute(
            f"SELECT status, count(*) FROM claims WHERE id IN ({matched}) GROUP BY status",
            [*params, f"sentence : ({phrases})"],
        ).fetchall()
        return TermClaims(claims, {status: int(n) for status, n in totals})

    @decodes
    def links_of(self, claim_id: int) -> list[StoredLink]:
        rows = self._rows("SELECT * FROM links WHERE source_id = ? OR target_id = ? ORDER BY id", (claim_id, claim_id))
        return [
            StoredLink(
                int(r["source_id"]),
                int(r["target_id"]),
                Relation(r["relation"]),
                r["rule"],
                r["evidence"],
                r["document_id"],
                r["subject"] or "",
            )
            for r in rows
        ]

    @decodes
    def claim_ids_with_sentence(self, sentence: str) -> list[int]:
        """Claims read from this exact sentence, in any document."""
        rows = self._rows("SELECT id FROM claims WHERE sentence = ? ORDER BY id", (sentence,))
        return [int(r["id"]) for r in rows]

    def history_of(self, claim_id: int) -> list[HistoryEntry]:
        return [entry for entry, _ in self.history_dated([claim_id])]

    def search(self, fts_query: str, limit: int = 50) -> list[StoredClaim]:
        """Claims matching an FTS5 query (already safe), best first."""
        ids = self.search_ids(fts_query, limit)
        order = {claim_id: rank for rank, claim_id in enumerate(ids)}
        claims = self.list_claims(ClaimFilter(ids=tuple(ids))) if ids else []
        return sorted(claims, key=lambda c: order[c.id])

    @decodes
    def search_ids(self, fts_query: str, limit: int = 1000) -> list[int]:
        """Claim ids matching an FTS5 query, best first (bm25 rank)."""
        rows = self._rows(
            "SELECT rowid FROM claims_fts WHERE claims_fts MATCH ? ORDER BY rank LIMIT ?", (fts_query, limit)
        )
        return [int(r["rowid"]) for r in rows]

    @decodes
    def changed_since(self, when: str) -> list[int]:
        """Claims whose status changed (after their first status) on or after `when`."""
        rows = self._rows(
            "SELECT DISTINCT claim_id FROM status_history WHERE old_status IS NOT NULL AND changed_at >= ?", (when,)
        )
        return [int(r["claim_id"]) for r in rows]

    @decodes
    def history_dated(self, ids: Iterable[int]) -> list[tuple[HistoryEntry, str | None]]:
        """Status changes of the given claims with the publication date of the article that caused them."""
        wanted = sorted(set(ids))
        if not wanted:
            return []
        rows = self._rows(
            "SELECT h.*, d.origin AS document, d.published FROM status_history h LEFT JOIN documents d "
            f"ON d.id = h.document_id WHERE h.claim_id IN {ID_SET} ORDER BY h.id",
            (id_list(wanted),),
        )
        return [
            (
                HistoryEntry(
                    int(r["claim_id"]),
                    r["old_status"],
                    r["new_status"],
                    r["reason"],
                    r["document_id"],
                    r["document"],
                    r["changed_at"],
                ),
                r["published"],
            )
            for r in rows
        ]

    def source_records(self, side: str | None = None) -> list[dict[str, Any]]:
        """Per actor: claims (first reports), by status, and denials its own side later admitted."""
        return self._rows(
            "WITH own AS (SELECT c.id, c.actor_id, c.status, c.stance, a.side FROM claims c "
            " JOIN actors a ON a.id = c.actor_id WHERE c.report_of IS NULL), "
            "denied AS (SELECT o.id AS denial, o.actor_id, o.side, "
            " CASE WHEN l.source_id = o.id THEN l.target_id ELSE l.source_id END AS other "
            " FROM own o JOIN links l ON (l.source_id = o.id OR l.target_id = o.id) "
            " WHERE o.stance = 'deny' AND l.relation IN ('denies', 'contradicts')), "
            "admitted AS (SELECT DISTINCT d.denial, d.actor_id FROM denied d JOIN links k "
            " ON (k.source_id = d.other OR k.target_id = d.other) AND k.relation IN ('confirms', 'corroborates') "
            " JOIN claims x ON x.id = CASE WHEN k.source_id = d.other THEN k.target_id ELSE k.source_id END "
            " JOIN actors xa ON xa.id = x.actor_id WHERE xa.side = d.side AND x.id != d.denial) "
            "SELECT a.name, a.side, a.kind, count(o.id) AS claims, "
            "sum(o.status = 'confirmed') AS confirmed, sum(o.status = 'disputed') AS disputed, "
            "sum(o.status = 'unverified') AS unverified, "
            "(SELECT count(*) FROM admitted m WHERE m.actor_id = a.id) AS denials_admitted "
            "FROM actors a JOIN own o ON o.actor_id = a.id WHERE (:side IS NULL OR a.side = :side) "
            "GROUP BY a.id",
            {"side": side},
        )

    @decodes
    def verdicts_of(self, claim_id: int) -> list[Verdict]:
        rows = self._rows("SELECT * FROM verdicts WHERE claim_id = ? ORDER BY id", (claim_id,))
        return [verdict_from_row(r) for r in rows]
