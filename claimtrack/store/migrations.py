"""The schema, as the steps that made it. Each step is one version (`PRAGMA user_version`),
applied in order to a new or older file in one transaction (`Store.migrate`); a step never
changes once released, so a file written by any version reaches the same schema. Read from the
top, the list is the schema's changelog."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

Migration = Callable[[sqlite3.Connection], None]
MIGRATIONS: list[Migration] = []


def migration(step: Migration) -> Migration:
    """Add a step to the end of MIGRATIONS: its place there is its schema version."""
    MIGRATIONS.append(step)
    return step


# Keep the full-text index in step with the claims (used by the migrations that create it).
FTS_TRIGGERS = """
        CREATE TRIGGER claims_ai AFTER INSERT ON claims BEGIN
            INSERT INTO claims_fts(rowid, content, sentence, source_text, notes)
            VALUES (new.id, new.content, new.sentence, new.source_text, new.notes);
        END;
        CREATE TRIGGER claims_ad AFTER DELETE ON claims BEGIN
            INSERT INTO claims_fts(claims_fts, rowid, content, sentence, source_text, notes)
            VALUES ('delete', old.id, old.content, old.sentence, old.source_text, old.notes);
        END;
        CREATE TRIGGER claims_au AFTER UPDATE OF content, sentence, source_text, notes ON claims BEGIN
            INSERT INTO claims_fts(claims_fts, rowid, content, sentence, source_text, notes)
            VALUES ('delete', old.id, old.content, old.sentence, old.source_text, old.notes);
            INSERT INTO claims_fts(rowid, content, sentence, source_text, notes)
            VALUES (new.id, new.content, new.sentence, new.source_text, new.notes);
        END;
"""


def run_script(conn: sqlite3.Connection, script: str) -> None:
    """Run statements one by one: executescript() would commit the open transaction."""
    statement = ""
    for line in script.splitlines(keepends=True):
        statement += line
        if sqlite3.complete_statement(statement):
            conn.execute(statement)
            statement = ""
    if statement.strip():
        conn.execute(statement)


# The first schema as released, one statement per table, index and the full-text table.
LEDGER_V1 = """
        CREATE TABLE documents (
            id INTEGER PRIMARY KEY,
            hash TEXT NOT NULL UNIQUE,
            title TEXT, outlet TEXT, url TEXT,
            published TEXT, published_text TEXT,
            origin TEXT NOT NULL,
            body TEXT NOT NULL,
            ingested_at TEXT NOT NULL
        );
        CREATE INDEX idx_documents_published ON documents(published);
        CREATE TABLE actors (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,
            side TEXT NOT NULL,
            kind TEXT NOT NULL DEFAULT 'organisation',
            origin TEXT NOT NULL DEFAULT 'lexicon'
        );
        CREATE INDEX idx_actors_side ON actors(side);
        CREATE TABLE aliases (
            id INTEGER PRIMARY KEY,
            actor_id INTEGER NOT NULL REFERENCES actors(id) ON DELETE CASCADE,
            alias TEXT NOT NULL,
            alias_key TEXT NOT NULL,
            origin TEXT NOT NULL DEFAULT 'lexicon',
            UNIQUE(actor_id, alias_key)
        );
        CREATE INDEX idx_aliases_key ON aliases(alias_key);
        CREATE TABLE claims (
            id INTEGER PRIMARY KEY,
            document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            actor_id INTEGER NOT NULL REFERENCES actors(id),
            source_text TEXT NOT NULL,
            cue TEXT NOT NULL,
            stance TEXT NOT NULL CHECK (stance IN ('assert', 'deny', 'confirm')),
            content TEXT NOT NULL,
            sentence TEXT NOT NULL,
            sentence_start INTEGER NOT NULL,
            sentence_end INTEGER NOT NULL,
            sentence_index INTEGER NOT NULL,
            rule TEXT NOT NULL,
            channel TEXT,
            event_start TEXT, event_end TEXT, event_precision TEXT, event_words TEXT,
            hedges TEXT NOT NULL DEFAULT '[]',
            notes TEXT NOT NULL DEFAULT '[]',
            quantities TEXT NOT NULL DEFAULT '[]',
            outcomes TEXT NOT NULL DEFAULT '[]',
            future INTEGER NOT NULL DEFAULT 0,
            target_id INTEGER REFERENCES claims(id),
            target_relation TEXT,
            status TEXT NOT NULL DEFAULT 'unverified'
                CHECK (status IN ('confirmed', 'disputed', 'unverified')),
            status_reason TEXT NOT NULL DEFAULT '',
            UNIQUE(document_id, sentence_index, actor_id)
        );
        CREATE INDEX idx_claims_status ON claims(status);
        CREATE INDEX idx_claims_actor ON claims(actor_id);
        CREATE INDEX idx_claims_document ON claims(document_id);
        CREATE INDEX idx_claims_event ON claims(event_start);
        CREATE TABLE claim_about (
            claim_id INTEGER NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
            term TEXT NOT NULL,
            term_key TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('own', 'context', 'outcome')),
            PRIMARY KEY (claim_id, term_key, kind)
        );
        CREATE INDEX idx_about_term ON claim_about(term_key);
        CREATE TABLE links (
            id INTEGER PRIMARY KEY,
            source_id INTEGER NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
            target_id INTEGER NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
            relation TEXT NOT NULL
                CHECK (relation IN ('corroborates', 'contradicts', 'denies', 'confirms')),
            rule TEXT NOT NULL,
            evidence TEXT NOT NULL DEFAULT '',
            document_id INTEGER REFERENCES documents(id) ON DELETE CASCADE,
            created_at TEXT NOT NULL,
            UNIQUE(source_id, target_id, relation, rule)
        );
        CREATE INDEX idx_links_source ON links(source_id);
        CREATE INDEX idx_links_target ON links(target_id);
        CREATE TABLE status_history (
            id INTEGER PRIMARY KEY,
            claim_id INTEGER NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
            old_status TEXT,
            new_status TEXT NOT NULL,
            reason TEXT NOT NULL,
            document_id INTEGER REFERENCES documents(id) ON DELETE SET NULL,
            changed_at TEXT NOT NULL
        );
        CREATE INDEX idx_history_claim ON status_history(claim_id);
        CREATE VIRTUAL TABLE claims_fts USING fts5(
            content, sentence, source_text, notes, content='claims', content_rowid='id'
        );
"""


@migration
def m001_ledger(conn: sqlite3.Connection) -> None:
    """The ledger: documents, actors and their aliases, claims and the terms they are about
    (`claim_about`), links between claims, the history of each claim's status, and a full-text
    index of the claims (`claims_fts`) kept in step by triggers."""
    run_script(conn, LEDGER_V1 + FTS_TRIGGERS)


@migration
def m002_verdicts_and_reports(conn: sqlite3.Connection) -> None:
    """Analyst verdicts (`verdicts`), and reports: the same claim carried by several articles
    (`claims.report_of` names the first report)."""
    run_script(
        conn,
        """
        CREATE TABLE verdicts (
            id INTEGER PRIMARY KEY,
            claim_id INTEGER NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
            status TEXT NOT NULL CHECK (status IN ('confirmed', 'disputed', 'unverified')),
            note TEXT NOT NULL,
            evidence TEXT NOT NULL DEFAULT '[]',
            analyst TEXT,
            created_at TEXT NOT NULL,
            cleared_at TEXT,
            superseded_by INTEGER REFERENCES verdicts(id)
        );
        CREATE INDEX idx_verdicts_claim ON verdicts(claim_id);
        ALTER TABLE claims ADD COLUMN report_of INTEGER REFERENCES claims(id);
        CREATE INDEX idx_claims_report_of ON claims(report_of);
        """,
    )


@migration
def m003_documents_by_url(conn: sqlite3.Connection) -> None:
    """An index on `documents.url`: pages and feed entries are recognised by their URL."""
    conn.execute("CREATE INDEX idx_documents_url ON documents(url)")


@migration
def m004_places_views_and_datasette_fts(conn: sqlite3.Connection) -> None:
    """Places with coordinates, views, and the full-text index declared the way Datasette finds it
    (content="claims"): the file is useful in Datasette as it is."""
    run_script(
        conn,
        """
        CREATE TABLE places (
            name TEXT PRIMARY KEY,
            kind TEXT,
            region TEXT,
            country TEXT,
            latitude REAL,
            longitude REAL
        );
        CREATE VIEW claims_readable AS
            SELECT c.id, c.status, a.name AS source, a.side, c.stance, c.sentence, c.content,
                   c.status_reason, c.event_start AS event_date, d.published, d.outlet, d.title,
                   d.url, d.origin AS document, c.report_of
            FROM claims c JOIN actors a ON a.id = c.actor_id JOIN documents d ON d.id = c.document_id;
        CREATE VIEW disputed_claims AS
            SELECT * FROM claims_readable WHERE status = 'disputed' AND report_of IS NULL;
        CREATE VIEW confirmed_claims AS
            SELECT * FROM claims_readable WHERE status = 'confirmed' AND report_of IS NULL;
        DROP TRIGGER claims_ai;
        DROP TRIGGER claims_ad;
        DROP TRIGGER claims_au;
        DROP TABLE claims_fts;
        CREATE VIRTUAL TABLE claims_fts USING fts5(
            content, sentence, source_text, notes, content="claims", content_rowid="id"
        );
        INSERT INTO claims_fts(claims_fts) VALUES ('rebuild');
        """
        + FTS_TRIGGERS
        + """
        CREATE VIEW claim_places AS
            SELECT r.id AS claim, p.name AS place, p.latitude, p.longitude, r.status, r.source, r.side,
                   r.sentence, r.published
            FROM claims_readable r JOIN claim_about t ON t.claim_id = r.id AND t.kind = 'own'
            JOIN places p ON lower(p.name) = t.term_key
            WHERE r.report_of IS NULL AND p.latitude IS NOT NULL;
        """,
    )


@migration
def m005_term_days(conn: sqlite3.Connection) -> None:
    """Each term row carries its claim's day (event date, else publication date), so link
    candidates are found by term and time together through one index."""
    run_script(
        conn,
        """
        ALTER TABLE claim_about ADD COLUMN day TEXT;
        UPDATE claim_about SET day = (
            SELECT coalesce(substr(c.event_start, 1, 10), d.published)
            FROM claims c JOIN documents d ON d.id = c.document_id WHERE c.id = claim_about.claim_id
        );
        DROP INDEX idx_about_term;
        CREATE INDEX idx_about_term_day ON claim_about(term_key, day);
        """,
    )


TERM_COUNTS_RECOUNT = """
    SELECT a.term_key, c.status, count(DISTINCT a.claim_id) FROM claim_about a
    JOIN claims c ON c.id = a.claim_id GROUP BY a.term_key, c.status
"""


@migration
def m006_term_counts(conn: sqlite3.Connection) -> None:
    """How many claims of each status carry each term, kept by triggers: `show` on a town that
    holds a tenth of an archive counts its claims without reading them."""
    run_script(
        conn,
        f"""
        CREATE TABLE term_counts (
            term_key TEXT NOT NULL,
            status TEXT NOT NULL,
            claims INTEGER NOT NULL,
            PRIMARY KEY (term_key, status)
        ) WITHOUT ROWID;
        INSERT INTO term_counts (term_key, status, claims) {TERM_COUNTS_RECOUNT};
        CREATE INDEX idx_about_term_claim ON claim_about(term_key, claim_id);
        CREATE TRIGGER term_counts_about AFTER INSERT ON claim_about
        WHEN NOT EXISTS (SELECT 1 FROM claim_about WHERE claim_id = new.claim_id AND term_key = new.term_key
                         AND rowid != new.rowid)
        BEGIN
            INSERT INTO term_counts (term_key, status, claims)
            SELECT new.term_key, status, 1 FROM claims WHERE id = new.claim_id
            ON CONFLICT (term_key, status) DO UPDATE SET claims = claims + 1;
        END;
        CREATE TRIGGER term_counts_unabout AFTER DELETE ON claim_about
        WHEN NOT EXISTS (SELECT 1 FROM claim_about WHERE claim_id = old.claim_id AND term_key = old.term_key)
        BEGIN
            UPDATE term_counts SET claims = claims - 1
            WHERE term_key = old.term_key AND status = (SELECT status FROM claims WHERE id = old.claim_id);
        END;
        CREATE TRIGGER term_counts_unclaim BEFORE DELETE ON claims
        BEGIN
            UPDATE term_counts SET claims = claims - 1
            WHERE status = old.status AND term_key IN (SELECT term_key FROM claim_about WHERE claim_id = old.id);
        END;
        CREATE TRIGGER term_counts_status AFTER UPDATE OF status ON claims WHEN old.status != new.status
        BEGIN
            UPDATE term_counts SET claims = claims - 1
            WHERE status = old.status AND term_key IN (SELECT term_key FROM claim_about WHERE claim_id = new.id);
            INSERT INTO term_counts (term_key, status, claims)
            SELECT DISTINCT term_key, new.status, 1 FROM claim_about WHERE claim_id = new.id
            ON CONFLICT (term_key, status) DO UPDATE SET claims = claims + 1;
        END;
        """,
    )


@migration
def m007_hedges_broad_terms_and_link_subjects(conn: sqlite3.Connection) -> None:
    """Whether a claim is hedged ("may have", "reportedly"): a hedged claim confirms no other; and
    which of its terms are broad places (a country, a region), which do not make two claims about one
    event. Claims stored before this step count as unhedged and their terms as narrow."""
    conn.execute("ALTER TABLE claims ADD COLUMN hedged INTEGER NOT NULL DEFAULT 0")
    conn.execute("ALTER TABLE claim_about ADD COLUMN broad INTEGER NOT NULL DEFAULT 0")
    # what a link is about (a place, "count:killed"); '' for a pointer at the whole claim
    conn.execute("ALTER TABLE links ADD COLUMN subject TEXT NOT NULL DEFAULT ''")


SCHEMA_VERSION = len(MIGRATIONS)
