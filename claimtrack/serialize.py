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

from claimtrack.article import safe_text
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
    """A CSV/TSV cell: lists joined, and no terminal control character from an article."""
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return safe_text("; ".join(str(v) for v in value))
    return safe_text(str(value))


def claims_to_nl(claims: Iterable[StoredClaim]) -> str:
    """One JSON object a line (JSON Lines)."""
    return "".join(json.dumps(claim_to_dict(c), ensure_ascii=False) + "\n" for c in claims)


def rows_to_nl(rows: Iterable[dict[str, Any]]) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)


def rows_to_csv(rows: Sequence[dict[str, Any]], delimiter: str = ",") -> str:
    buffer = io.StringIO()
    fields = list(rows[0]) if rows else []
    writer = csv.DictWriter(buffer, fieldnames=fields, lineterminator="\n", delimiter=delimiter)
    writer.writeheader()
    for row in rows:
        writer.writerow({key: _cell(value) for key, value in row.items()})
    return buffer.getvalue()


def claims_to_csv(claims: Sequence[StoredClaim], delimiter: str = ",") -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(CSV_FIELDS), lineterminator="\n", delimiter=delimiter)
    writer.writeheader()
    for claim in claims:
        data = claim_to_dict(claim)
        writer.writerow({key: _cell(data.get(key)) for key in CSV_FIELDS})
    return buffer.getvalue()


RATINGS = {"confirmed": (3, "Confirmed"), "disputed": (2, "Disputed"), "unverified": (1, "Unverified")}


def claim_review(claim: StoredClaim, reports: Sequence[StoredClaim], author: str = "claimtrack") -> dict[str, Any]:
    """schema.org ClaimReview for a claim: who claimed it, where it first and also appeared, the rating."""
    best, name = RATINGS[claim.status]
    appearances = [
        {
            "@type": "CreativeWork",
            "url": r.url or r.document,
            "datePublished": r.published,
            **({"publisher": {"@type": "Organization", "name": r.outlet}} if r.outlet else {}),
        }
        for r in reports
    ]
    first = min(reports, key=lambda r: r.published or "9999") if reports else claim
    return {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "claimReviewed": claim.content or claim.sentence,
        "datePublished": first.published,
        "author": {"@type": "Organization", "name": author},
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": best,
            "bestRating": 3,
            "worstRating": 1,
            "alternateName": name + (" (analyst verdict)" if claim.verdict else ""),
            "ratingExplanation": claim.status_reason,
        },
        "itemReviewed": {
            "@type": "Claim",
            "author": {"@type": "Organization" if claim.side else "Thing", "name": claim.source},
            "datePublished": claim.event_date[:10] if claim.event_date else first.published,
            "appearance": appearances[1:] if len(appearances) > 1 else [],
            "firstAppearance": appearances[0] if appearances else None,
        },
        "url": first.url or first.document,
    }


def markdown_report(term: str, claims: Sequence[StoredClaim]) -> str:
    """A reporter's summary of a subject: claims by status, the sources behind them, a timeline."""
    lines = [f"# Claims about {term}", ""]
    counts = {s: sum(1 for c in claims if c.status == s) for s in ("disputed", "confirmed", "unverified")}
    lines.append(", ".join(f"{n} {s}" for s, n in counts.items()) + f" ({len(claims)} in all).")
    for status in ("disputed", "confirmed", "unverified"):
        group = [c for c in claims if c.status == status]
        if not group:
            continue
        lines += ["", f"## {status.capitalize()} ({len(group)})", ""]
        for c in group:
            date = f" ({c.event_date})" if c.event_date else ""
            lines.append(f"- **{_md(c.source)}** ({c.side}){date}: {_md(c.sentence)}")
            lines.append(f"  - why: {_md(c.status_reason)}")
            for note in c.notes:
                lines.append(f"  - note: {_md(note)}")
            lines.append(f"  - source: {_md(c.outlet or c.document)}, {c.published or 'undated'}")
    lines += ["", "## Sources", ""]
    by_source: dict[str, list[StoredClaim]] = {}
    for c in claims:
        by_source.setdefault(f"{c.source} ({c.side})", []).append(c)
    for source, group in sorted(by_source.items()):
        statuses = ", ".join(f"{sum(1 for c in group if c.status == s)} {s}" for s in counts)
        lines.append(f"- {_md(source)}: {len(group)} claims ({statuses})")
    lines += ["", "## Timeline", ""]
    for c in sorted(claims, key=lambda c: (c.event_date or c.published or "", c.id)):
        lines.append(
            f"- {c.event_date or c.published or 'undated'}: {_md(c.source)}: {_md(c.content or c.sentence)} "
            f"[{c.status}]"
        )
    return "\n".join(lines) + "\n"


def _md(text: str) -> str:
    """Text safe inside Markdown: no markup and no control character from the article survives."""
    return "".join("\\" + ch if ch in "\\`*_[]<>#|" else ch for ch in " ".join(safe_text(text).split()))
