"""Writes that follow an ingest or an analyst: claims and their terms, links, statuses and their
history, report groups, verdicts, and removing a document with all that hangs on it."""

from __future__ import annotations

import json
from collections.abc import Collection, Iterable, Sequence

from claimtrack.models import Claim, Link, Status, StatusResult
from claimtrack.store.connection import decodes
from claimtrack.store.documents import DocumentsMixin
from claimtrack.store.rows import ID_SET, ID_SET_NAMED, TERM_SEPARATOR, id_list, term_key


class WritesMixin(DocumentsMixin):
    """Every write but documents and actors (removing a document reads its claims)."""

    # --- claims ------------------------------------------------------------

    def insert_claim(
        self, document_id: int, actor_id: int, claim: Claim, target_id: int | None, broad: Collection[str] = ()
    ) -> int:
        """Store a claim and its terms; `broad` names the terms that are countries or regions."""
        event = claim.event_date
        cursor = self._execute(
            "INSERT INTO claims (document_id, actor_id, source_text, cue, stance, content, sentence, "
            "sentence_start, sentence_end, sentence_index, rule, channel, event_start, event_end, "
            "event_precision, event_words, hedges, notes, quantities, outcomes, future, target_id, "
            "target_relation, hedged) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                document_id,
                actor_id,
                claim.source_text,
                claim.cue,
                claim.stance.value,
                claim.content,
                claim.sentence.text,
                claim.sentence.start,
                claim.sentence.end,
                claim.sentence.index,
                claim.rule,
                claim.channel,
                event.start.isoformat() if event and event.start else None,
                event.end.isoformat() if event and event.end else None,
                event.precision.value if event else None,
                event.words if event else None,
                json.dumps(list(claim.hedges)),
                json.dumps(list(claim.notes)),
                json.dumps([q.__dict__ for q in claim.quantities]),
                json.dumps([o.__dict__ for o in claim.outcomes]),
                int(claim.future),
                target_id,
                claim.target_relation,
                int(claim.hedged),
            ),
        )
        claim_id = int(cursor.lastrowid or 0)
        terms = [(t, "own") for t in claim.about] + [(t, "context") for t in claim.context_about]
        # a strike's subject is its place, whatever was hit there ("Kramatorsk: depot")
        terms += [
            (o.subject.partition(": ")[0], "outcome") for o in claim.outcomes if not o.subject.startswith("operation:")
        ]
        terms = [(term.replace(TERM_SEPARATOR, " "), kind) for term, kind in terms]
        day = event.start.isoformat() if event and event.start else None
        for term, kind in terms:
            self._execute(
                "INSERT OR IGNORE INTO claim_about (claim_id, term, term_key, kind, day, broad) "
                "VALUES (?, ?, ?, ?, coalesce(?, (SELECT published FROM documents WHERE id = ?)), ?)",
                (claim_id, term, term_key(term), kind, day, document_id, int(kind != "outcome" and term in broad)),
            )
        return claim_id

    @decodes
    def drop_pointer_links(self, claim_id: int) -> list[int]:
        """Forget the links a claim made by pointing at another (its target moved); returns the claims
        they pointed at, whose statuses must be read again."""
        pointing = "source_id = ? AND rule IN ('denies-claim', 'confirms-claim', 'contrast')"
        rows = self._execute(f"SELECT target_id FROM links WHERE {pointing}", (claim_id,)).fetchall()
        self._execute(f"DELETE FROM links WHERE {pointing}", (claim_id,))
        return [int(r[0]) for r in rows]

    def insert_links(self, links: Iterable[Link], document_id: int | None, created_at: str) -> int:
        added = 0
        for link in links:
            cursor = self._execute(
                "INSERT OR IGNORE INTO links (source_id, target_id, relation, rule, evidence, document_id, "
                "created_at, subject) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    link.source_key,
                    link.target_key,
                    link.relation.value,
                    link.rule,
                    link.evidence,
                    document_id,
                    created_at,
                    link.subject,
                ),
            )
            added += cursor.rowcount
        return added

    def record_status(
        self,
        claim_id: int,
        old: str | None,
        result: StatusResult,
        document_id: int | None,
        changed_at: str,
        history_reason: str | None = None,
    ) -> None:
        """Set a claim's status and add the change to its history (with `history_reason`, a reason of
        its own, such as the removal that caused it)."""
        self.set_status(claim_id, result)
        self._execute(
            "INSERT INTO status_history (claim_id, old_status, new_status, reason, document_id, changed_at) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (claim_id, old, result.status.value, history_reason or result.reason, document_id, changed_at),
        )

    def set_status(self, claim_id: int, result: StatusResult) -> None:
        """Set a claim's status and reason without a history entry (the caller records the change)."""
        self._execute(
            "UPDATE claims SET status = ?, status_reason = ? WHERE id = ?",
            (result.status.value, result.reason, claim_id),
        )

    def record_status_reason(self, claim_id: int, reason: str) -> None:
        self._execute("UPDATE claims SET status_reason = ? WHERE id = ?", (reason, claim_id))

    # --- targets, report groups and verdicts -------------------------------

    def set_target(self, claim_id: int, target_id: int) -> None:
        self.forget_facts([claim_id])
        self._execute("UPDATE claims SET target_id = ? WHERE id = ?", (target_id, claim_id))

    def set_report_of(self, claim_id: int, canonical_id: int | None) -> None:
        self.forget_facts([claim_id])
        self._execute("UPDATE claims SET report_of = ? WHERE id = ?", (canonical_id, claim_id))

    @decodes
    def merge_group(self, group: int, into: int) -> list[int]:
        """Make every report of the claim `group` (and the claim itself) a report of `into`."""
        members = [
            int(r[0])
            for r in self._execute("SELECT id FROM claims WHERE id = ? OR report_of = ?", (group, group)).fetchall()
        ]
        self.forget_facts(members)
        self._execute("UPDATE claims SET report_of = ? WHERE id = ? OR report_of = ?", (into, group, group))
        return members

    def add_verdict(
        self, claim_id: int, status: Status, note: str, evidence: Sequence[str], analyst: str | None, when: str
    ) -> int:
        """A new verdict supersedes the active one; nothing is overwritten."""
        self.forget_facts()  # sides, groups or verdicts of many claims
        verdict_id = int(
            self._execute(
                "INSERT INTO verdicts (claim_id, status, note, evidence, analyst, created_at) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (claim_id, status.value, note, json.dumps(list(evidence)), analyst, when),
            ).lastrowid
            or 0
        )
        self._execute(
            "UPDATE verdicts SET superseded_by = ? WHERE claim_id = ? AND id != ? AND cleared_at IS NULL "
            "AND superseded_by IS NULL",
            (verdict_id, claim_id, verdict_id),
        )
        return verdict_id

    def clear_verdict(self, claim_id: int, when: str) -> int:
        self.forget_facts()  # sides, groups or verdicts of many claims
        cursor = self._execute(
            "UPDATE verdicts SET cleared_at = ? WHERE claim_id = ? AND cleared_at IS NULL AND superseded_by IS NULL",
            (when, claim_id),
        )
        return cursor.rowcount

    def move_verdicts(self, from_id: int, to_id: int) -> None:
        """Verdicts on a first report that goes away pass to the claim that takes its place."""
        self.forget_facts()  # every report of both groups reads the verdict
        self._execute("UPDATE verdicts SET claim_id = ? WHERE claim_id = ?", (to_id, from_id))

    # --- removing a document ------------------------------------------------

    def delete_document(self, document_id: int) -> None:
        """Delete a document and everything that hangs on its claims, in the caller's transaction:
        the links that touch them or that its ingest made, their terms (the triggers keep
        `term_counts` and the full-text index in step), history and verdicts (cascades), and the
        actors and places only its claims named. Other claims that point at its claims lose their
        target, and reports of them become first reports (the caller regroups and re-points them)."""
        claims = id_list(self.document_claim_ids(document_id))
        actors = [
            int(r[0]) for r in self._execute(f"SELECT DISTINCT actor_id FROM claims WHERE id IN {ID_SET}", (claims,))
        ]
        places = [
            str(r[0])
            for r in self._execute(
                f"SELECT DISTINCT term_key FROM claim_about WHERE kind = 'own' AND claim_id IN {ID_SET}", (claims,)
            )
        ]
        for column in ("target_id", "report_of"):
            self._execute(
                f"UPDATE claims SET {column} = NULL WHERE {column} IN {ID_SET} AND document_id != ?",
                (claims, document_id),
            )
        self._execute(
            f"DELETE FROM links WHERE source_id IN {ID_SET_NAMED} OR target_id IN {ID_SET_NAMED} OR document_id = :doc",
            {"ids": claims, "doc": document_id},
        )
        self._execute("DELETE FROM claims WHERE document_id = ?", (document_id,))
        self._execute("DELETE FROM documents WHERE id = ?", (document_id,))
        self._forget_unused(actors, places)
        self.forget_facts()

    def _forget_unused(self, actors: Sequence[int], place_keys: Sequence[str]) -> None:
        """Actors and places that only the deleted claims named, as if they had never come: actors
        a user made or named are kept."""
        self._execute(
            f"DELETE FROM actors WHERE id IN {ID_SET} AND origin != 'user' "
            "AND NOT EXISTS (SELECT 1 FROM claims c WHERE c.actor_id = actors.id) "
            "AND NOT EXISTS (SELECT 1 FROM aliases s WHERE s.actor_id = actors.id AND s.origin = 'user')",
            (id_list(actors),),
        )
        self._execute(
            "DELETE FROM places WHERE lower(name) IN (SELECT value FROM json_each(?)) "
            "AND lower(name) NOT IN (SELECT term_key FROM claim_about WHERE kind = 'own')",
            (json.dumps(sorted(place_keys)),),
        )
