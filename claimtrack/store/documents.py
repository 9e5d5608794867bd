"""Documents and actors: storing an article, finding it again, and the actors and aliases claims
are attributed to (the lexicon's, and those a user added)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from claimtrack.models import Actor, ActorCount, Article, DocumentSummary
from claimtrack.store.connection import StoreBase, decodes
from claimtrack.store.rows import term_key


class DocumentsMixin(StoreBase):
    """Documents, places and actors: what claims are read from and attributed to."""

    # --- documents ---------------------------------------------------------

    @decodes
    def document_id_by_hash(self, digest: str) -> int | None:
        row = self._execute("SELECT id FROM documents WHERE hash = ?", (digest,)).fetchone()
        return int(row[0]) if row else None

    def insert_document(self, article: Article, digest: str, ingested_at: str) -> int:
        cursor = self._execute(
            "INSERT INTO documents (hash, title, outlet, url, published, published_text, origin, body, "
            "ingested_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                digest,
                article.title,
                article.outlet,
                article.url,
                article.published.isoformat() if article.published else None,
                article.published_text,
                article.origin,
                article.body,
                ingested_at,
            ),
        )
        return int(cursor.lastrowid or 0)

    def ensure_place(
        self, name: str, kind: str, region: str | None, country: str | None, lat: float | None, lon: float | None
    ) -> None:
        self._execute(
            "INSERT OR IGNORE INTO places (name, kind, region, country, latitude, longitude) VALUES (?, ?, ?, ?, ?, ?)",
            (name, kind, region, country, lat, lon),
        )

    @decodes
    def document_id_by_url(self, url: str) -> int | None:
        row = self._execute("SELECT id FROM documents WHERE url = ? LIMIT 1", (url,)).fetchone()
        return int(row[0]) if row else None

    def document_count(self) -> int:
        return int(self._execute("SELECT count(*) FROM documents").fetchone()[0])

    @decodes
    def documents(self) -> list[DocumentSummary]:
        """Every document, in the order they were ingested, with its number of claims."""
        return self._document_summaries("1 = 1", ())

    def document(self, document_id: int) -> DocumentSummary | None:
        found = self._document_summaries("d.id = ?", (document_id,))
        return found[0] if found else None

    @decodes
    def _document_summaries(self, where: str, params: Sequence[Any]) -> list[DocumentSummary]:
        rows = self._rows(
            "SELECT d.id, d.origin, d.title, d.outlet, d.url, d.published, d.ingested_at, "
            "(SELECT count(*) FROM claims c WHERE c.document_id = d.id) AS claims "
            f"FROM documents d WHERE {where} ORDER BY d.id",
            params,
        )
        return [
            DocumentSummary(
                int(r["id"]),
                r["origin"],
                r["title"],
                r["outlet"],
                r["url"],
                r["published"],
                r["ingested_at"],
                int(r["claims"]),
            )
            for r in rows
        ]

    @decodes
    def document_claim_ids(self, document_id: int) -> list[int]:
        rows = self._execute("SELECT id FROM claims WHERE document_id = ? ORDER BY id", (document_id,))
        return [int(r[0]) for r in rows]

    def ingested_after(self, document_id: int) -> bool:
        """Was any document stored after this one? (Ids only grow while a later document exists.)"""
        return self._execute("SELECT 1 FROM documents WHERE id > ? LIMIT 1", (document_id,)).fetchone() is not None

    # --- actors ------------------------------------------------------------

    def ensure_actor(self, actor: Actor, origin: str = "lexicon") -> int:
        row = self._execute("SELECT id FROM actors WHERE name = ?", (actor.name,)).fetchone()
        if row:
            actor_id = int(row[0])
        else:
            actor_id = int(
                self._execute(
                    "INSERT INTO actors (name, side, kind, origin) VALUES (?, ?, ?, ?)",
                    (actor.name, actor.side, actor.kind, origin),
                ).lastrowid
                or 0
            )
        for alias in (actor.name, *actor.aliases):
            self._execute(
                "INSERT OR IGNORE INTO aliases (actor_id, alias, alias_key, origin) VALUES (?, ?, ?, ?)",
                (actor_id, alias, term_key(alias), origin),
            )
        return actor_id

    def set_actor(self, actor: Actor) -> int:
        """Create or update a user-defined actor (its side and kind win over the lexicon's)."""
        self.forget_facts()  # sides, groups or verdicts of many claims
        actor_id = self.ensure_actor(actor, origin="user")
        self._execute(
            "UPDATE actors SET side = ?, kind = ?, origin = 'user' WHERE id = ?", (actor.side, actor.kind, actor_id)
        )
        for alias in (actor.name, *actor.aliases):
            self._execute(
                "UPDATE aliases SET origin = 'user' WHERE actor_id = ? AND alias_key = ?", (actor_id, term_key(alias))
            )
        return actor_id

    def add_user_alias(self, actor_id: int, alias: str) -> None:
        self._execute(
            "INSERT OR IGNORE INTO aliases (actor_id, alias, alias_key, origin) VALUES (?, ?, ?, 'user')",
            (actor_id, alias, term_key(alias)),
        )
        self._execute(
            "UPDATE aliases SET origin = 'user' WHERE actor_id = ? AND alias_key = ?", (actor_id, term_key(alias))
        )

    @decodes
    def actor_by_name(self, name: str) -> Actor | None:
        rows = self._rows(
            "SELECT a.id, a.name, a.side, a.kind FROM actors a JOIN aliases s ON s.actor_id = a.id "
            "WHERE s.alias_key = ? ORDER BY a.origin = 'user' DESC LIMIT 1",
            (term_key(name),),
        )
        if not rows:
            return None
        return self._actor(rows[0])

    @decodes
    def _actor(self, row: dict[str, Any]) -> Actor:
        aliases = [
            r["alias"] for r in self._rows("SELECT alias FROM aliases WHERE actor_id = ? ORDER BY id", (row["id"],))
        ]
        return Actor(
            name=row["name"], side=row["side"], kind=row["kind"], aliases=tuple(a for a in aliases if a != row["name"])
        )

    @decodes
    def user_actors(self) -> list[Actor]:
        """Actors and aliases a user added, to lay over the shipped lexicon."""
        rows = self._rows(
            "SELECT DISTINCT a.id, a.name, a.side, a.kind FROM actors a LEFT JOIN aliases s "
            "ON s.actor_id = a.id WHERE a.origin = 'user' OR s.origin = 'user' ORDER BY a.id"
        )
        actors = []
        for row in rows:
            aliases = [
                r["alias"]
                for r in self._rows(
                    "SELECT alias FROM aliases WHERE actor_id = ? AND (origin = 'user' OR ? = 'user') ORDER BY id",
                    (row["id"], self._origin(row["id"])),
                )
            ]
            actors.append(Actor(row["name"], row["side"], row["kind"], tuple(a for a in aliases if a != row["name"])))
        return actors

    def _origin(self, actor_id: int) -> str:
        row = self._execute("SELECT origin FROM actors WHERE id = ?", (actor_id,)).fetchone()
        return str(row[0]) if row else ""

    @decodes
    def actor_counts(self, side: str | None = None) -> list[ActorCount]:
        rows = self._rows(
            "SELECT a.id, a.name, a.side, a.kind, a.origin, "
            "(SELECT count(*) FROM claims c WHERE c.actor_id = a.id) AS claims "
            "FROM actors a WHERE (:side IS NULL OR a.side = :side) ORDER BY claims DESC, a.name",
            {"side": side},
        )
        return [
            ActorCount(r["name"], r["side"], r["kind"], self._actor(r).aliases, int(r["claims"]), r["origin"])
            for r in rows
        ]

    def reassign_claims(self, source_key: str, actor_id: int) -> list[int]:
        """Point claims whose source was written as `source_key` at another actor."""
        self.forget_facts()  # sides, groups or verdicts of many claims
        ids = [
            int(r["id"])
            for r in self._rows(
                "SELECT c.id FROM claims c WHERE lower(c.source_text) = ? AND c.actor_id != ?", (source_key, actor_id)
            )
        ]
        for claim_id in ids:
            self._execute("UPDATE OR IGNORE claims SET actor_id = ? WHERE id = ?", (actor_id, claim_id))
        return ids
