"""Claims as JSON-ready dicts with stable keys, and CSV rows. No rich, no I/O.

The JSON shape is what `../shared/tools/corpus_score.py` and other tools read:
a list of claim objects (see README, "JSON").
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence
from typing import Any

from claimtrack.models import StoredClaim

CSV_FIELDS = (
    "id",
    "status",
    "source",
    "source_text",
    "side",
    "stance",
    "cue",
    "content",
    "sentence",
    "event_date",
    "about",
    "notes",
    "status_reason",
    "document",
    "published",
    "outlet",
    "rule",
)


def claim_to_dict(claim: StoredClaim) -> dict[str, Any]:
    return {
        "id": claim.id,
        "document": claim.document,
        "document_id": claim.document_id,
        "title": claim.title,
        "outlet": claim.outlet,
        "url": claim.url,
        "published": claim.published,
        "source": claim.source,
        "source_text": claim.source_text,
        "source_aliases": list(claim.source_aliases),
        "side": claim.side,
        "stance": claim.stance,
        "cue": claim.cue,
        "content": claim.content,
        "sentence": claim.sentence,
        "sentence_start": claim.sentence_start,
        "sentence_end": claim.sentence_end,
        "status": claim.status,
        "status_reason": claim.status_reason,
        "event_date": claim.event_date,
        "event_words": claim.event_words,
        "about": list(claim.about),
        "context_about": list(claim.context_about),
        "notes": list(claim.notes),
        "hedges": list(claim.hedges),
        "quantities": [q.__dict__ for q in claim.quantities],
        "outcomes": [o.__dict__ for o in claim.outcomes],
        "rule": claim.rule,
        "channel": claim.channel,
        "target_id": claim.target_id,
    }


def claims_to_json(claims: Iterable[StoredClaim]) -> str:
    return json.dumps([claim_to_dict(c) for c in claims], ensure_ascii=False, indent=2)


def to_json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return "; ".join(str(v) for v in value)
    return str(value)


def claims_to_csv(claims: Sequence[StoredClaim]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(CSV_FIELDS), lineterminator="\n")
    writer.writeheader()
    for claim in claims:
        data = claim_to_dict(claim)
        writer.writerow({key: _cell(data.get(key)) for key in CSV_FIELDS})
    return buffer.getvalue()
