"""The ledger in a browser: Datasette metadata, canned queries and the `serve` command's launcher.

The SQLite file is already useful in Datasette with no configuration (labelled
tables, foreign keys, full-text search, views such as `disputed_claims`); this
adds titles, descriptions, facets, three canned queries and the columns the map
plugin reads. Datasette is an optional extra: `pip install 'claimtrack[web]'`.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

CANNED_QUERIES: dict[str, dict[str, str]] = {
    "disputed": {
        "title": "Disputed claims",
        "description": "Claims another source denies or contradicts, newest first.",
        "sql": "SELECT * FROM disputed_claims ORDER BY published DESC, id",
    },
    "claims_by_source": {
        "title": "Claims by source",
        "description": "Every claim by a source (any part of its canonical name), oldest first.",
        "sql": "SELECT * FROM claims_readable WHERE report_of IS NULL AND source LIKE '%' || :source || '%' "
        "ORDER BY coalesce(event_date, published), id",
    },
    "timeline": {
        "title": "A subject's timeline",
        "description": "Claims about a place or subject, by event date (else publication date).",
        "sql": "SELECT r.* FROM claims_readable r WHERE r.id IN (SELECT claim_id FROM claim_about "
        "WHERE term_key = lower(:term)) ORDER BY coalesce(r.event_date, r.published), r.id",
    },
}


def database_name(db: Path) -> str:
    """The name Datasette gives a database file: its stem."""
    return db.stem


def metadata(db: Path) -> dict[str, Any]:
    return {
        "title": "claimtrack",
        "description": "A ledger of attributed war claims: who asserted what, when, about where, and where it stands.",
        "databases": {
            database_name(db): {
                "tables": {
                    "claims": {
                        "label_column": "sentence",
                        "fts_table": "claims_fts",
                        "fts_pk": "id",
                        "facets": ["status", "stance"],
                        "description": "One row a claim as a sentence carries it; `report_of` points at the "
                        "first report of the same claim.",
                    },
                    "actors": {"label_column": "name", "facets": ["side", "kind"]},
                    "documents": {"label_column": "title", "facets": ["outlet"]},
                    "places": {"label_column": "name", "facets": ["country", "kind"]},
                    "links": {"facets": ["relation", "rule"]},
                    "status_history": {"facets": ["new_status"]},
                    "disputed_claims": {"description": "Disputed claims, each once however many reports."},
                    "confirmed_claims": {"description": "Confirmed claims, each once however many reports."},
                    "claim_places": {"description": "Claims with the coordinates of the places they name."},
                },
                "queries": CANNED_QUERIES,
            }
        },
        "plugins": {"datasette-cluster-map": {"latitude_column": "latitude", "longitude_column": "longitude"}},
    }


def datasette_available() -> bool:
    try:
        import datasette  # noqa: F401
    except ImportError:
        return False
    return True


def serve(db: Path, host: str, port: int, metadata_file: Path) -> int:
    """Run Datasette on the ledger until interrupted; returns its exit code."""
    metadata_file.write_text(json.dumps(metadata(db), indent=2), encoding="utf-8")
    command = [
        sys.executable,
        "-m",
        "datasette",
        "serve",
        str(db),
        "--metadata",
        str(metadata_file),
        "--host",
        host,
        "--port",
        str(port),
        "--setting",
        "sql_time_limit_ms",
        "3000",
    ]
    try:
        return subprocess.call(command)
    except KeyboardInterrupt:
        return 0
