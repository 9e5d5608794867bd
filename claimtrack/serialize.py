"""Claims as JSON-ready dicts with stable keys, and CSV rows. No rich, no I/O.

The JSON shape is what `../shared/tools/corpus_score.py` and other tools read:
a list of claim objects (see docs/formats.md, "JSON").

Every text this module writes is safe to print on a terminal and to open in a
spreadsheet:

- JSON and JSON Lines keep every character of an article but write the ones a
  terminal acts on, or a line reader splits at, as `\\uXXXX` escapes (C0 and
  C1 controls, DEL, zero-width and bidi marks, embeddings, overrides and
  isolates, U+2028/U+2029, U+FEFF): parsed, the text is exactly what was stored.
- CSV and TSV have no escapes, so their cells lose control characters and escape
  sequences (JSON is the faithful format), and a text cell that a spreadsheet
  would run as a formula (it begins with `=`, `+`, `-`, `@`, a tab or a carriage
  return, after any blanks) is written with a leading apostrophe, as OWASP
  advises. Numbers are left alone: ints and floats the code writes, and a text
  that is only a number (`-5`, `+3.5`), which a spreadsheet reads as that number.
  `raw=True` writes formula-like cells as they are, for programs, not people.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import json
import re
from collections.abc import Iterable, Sequence
from enum import Enum
from typing import TYPE_CHECKING, Any

from claimtrack.article import safe_text as safe_text  # also what the command line's messages are made safe with
from claimtrack.models import DISPUTED_FIRST, STATUS_ORDER, ActorCount, DocumentSummary, Status, StoredClaim

if TYPE_CHECKING:
    from claimtrack.extract.pipeline import SentenceReading
    from claimtrack.service import ClaimDetail, IngestResult, ReviewItem, SourceRecord, TimelineEntry

STATUSES = STATUS_ORDER
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
        "verdict": claim.verdict,
        "sides_behind": claim.sides_behind,
        "outlets_reporting": claim.outlets,
        "report_of": claim.report_of,
        "reports": claim.reports,
        "first_reported": claim.first_reported,
    }


CLAIM_KEYS = (  # every key of claim_to_dict, in its order (a test keeps the two the same)
    "id",
    "document",
    "document_id",
    "title",
    "outlet",
    "url",
    "published",
    "source",
    "source_text",
    "source_aliases",
    "side",
    "stance",
    "cue",
    "content",
    "sentence",
    "sentence_start",
    "sentence_end",
    "status",
    "status_reason",
    "event_date",
    "event_words",
    "about",
    "context_about",
    "notes",
    "hedges",
    "quantities",
    "outcomes",
    "rule",
    "channel",
    "target_id",
    "verdict",
    "sides_behind",
    "outlets_reporting",
    "report_of",
    "reports",
    "first_reported",
)

# What a listing leaves out unless --fields asks for it: the bulk a script rarely reads (every alias
# of the source was a third of the bytes) and offsets; what the table shows stays. `export` writes all.
LEFT_OUT_OF_LISTINGS = frozenset(
    {"source_aliases", "sentence_start", "sentence_end", "event_words", "channel", "target_id", "first_reported"}
)
LISTING_FIELDS = tuple(key for key in CLAIM_KEYS if key not in LEFT_OUT_OF_LISTINGS)
ALL_FIELDS = "all"


class FieldError(ValueError):
    """--fields names a field claims do not have."""


def claim_fields(names: str | None, default: Sequence[str] | None) -> tuple[str, ...] | None:
    """The fields `--fields` asks for ('a,b,c', or 'all' for every one); `default` when it asks for
    none (None: every field)."""
    if names is None:
        return tuple(default) if default is not None else None
    if names.strip() == ALL_FIELDS:
        return None
    known = CLAIM_KEYS
    chosen = tuple(dict.fromkeys(n.strip() for n in names.split(",") if n.strip()))
    unknown = [n for n in chosen if n not in known]
    if unknown or not chosen:
        raise FieldError(f"no field {', '.join(map(repr, unknown)) or 'given'}: fields are {', '.join(known)} (or all)")
    return chosen


def _select(data: dict[str, Any], fields: Sequence[str] | None) -> dict[str, Any]:
    return data if fields is None else {key: data[key] for key in fields if key in data}


# Characters json.dumps(ensure_ascii=False) writes raw that a terminal acts on or a line reader
# splits at: DEL and C1 controls, zero-width and bidi marks, line and paragraph separators,
# bidi embeddings and overrides, bidi isolates, the byte-order mark. (C0 controls json escapes.)
JSON_UNSAFE = re.compile("[\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff]")

# A cell a spreadsheet would read as a formula (or as DDE): OWASP's list, after any blanks.
FORMULA_START = re.compile(r"\s*[=+\-@\t\r]")
PLAIN_NUMBER = re.compile(r"[+-]?\d+(?:[.,]\d+)*")


def _escape_unsafe(encoded: str) -> str:
    """JSON text with every JSON_UNSAFE character written as a \\uXXXX escape.

    Safe on any output of json.dumps: these characters can only stand inside a string literal
    (the rest of JSON is ASCII) and are never part of an escape, so the value parses unchanged."""
    return JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", encoded)


def dumps(data: Any, indent: int | None = None) -> str:
    """JSON with non-ASCII text as it is, and nothing a terminal acts on (see JSON_UNSAFE)."""
    return _escape_unsafe(json.dumps(data, ensure_ascii=False, indent=indent))


def claims_to_json(claims: Iterable[StoredClaim], fields: Sequence[str] | None = None) -> str:
    return dumps([_select(claim_to_dict(c), fields) for c in claims], indent=2)


def to_json(data: Any) -> str:
    return dumps(data, indent=2)


def neutralise(text: str) -> str:
    """A text cell a spreadsheet will show, not run: a leading apostrophe before a formula."""
    if FORMULA_START.match(text) and not PLAIN_NUMBER.fullmatch(text):
        return "'" + text
    return text


def _cell(value: Any, raw: bool = False) -> str | int | float:
    """A CSV/TSV cell: numbers as they are, lists joined, no terminal control character from an
    article and, unless raw, no formula."""
    if value is None:
        return ""
    if isinstance(value, int | float):
        return value
    if isinstance(value, list | tuple):
        value = "; ".join(str(v) for v in value)
    text = safe_text(str(value))
    return text if raw else neutralise(text)


def claims_to_nl(claims: Iterable[StoredClaim], fields: Sequence[str] | None = None) -> str:
    """One JSON object a line (JSON Lines)."""
    return "".join(dumps(_select(claim_to_dict(c), fields)) + "\n" for c in claims)


def claim_detail_to_dict(detail: ClaimDetail, fields: Sequence[str] | None = None) -> dict[str, Any]:
    """A claim with its links, history, reports and verdicts, as `show ID` prints it for a program."""
    return {
        **_select(claim_to_dict(detail.claim), fields),
        "links": [
            {
                "relation": view.link.relation,
                "rule": view.link.rule,
                "evidence": view.link.evidence,
                "direction": "out" if view.outgoing else "in",
                "claim": view.other.id,
            }
            for view in detail.links
        ],
        "history": [entry.__dict__ for entry in detail.history],
        "reports": [report.id for report in detail.reports],
        "verdicts": [verdict.__dict__ for verdict in detail.verdicts],
    }


def plain(value: Any) -> Any:
    """Dataclasses, enums, dates and tuples as the lists, dicts, strings and numbers JSON holds."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [plain(item) for item in value]
    if isinstance(value, dict):
        return {str(key): plain(item) for key, item in value.items()}
    return value


def explanation_to_dict(reading: SentenceReading, stored: Sequence[ClaimDetail]) -> dict[str, Any]:
    """How a sentence is read (`explain --json`): its claims with frame, source, stance, outcomes and
    dates, the attributions that were not claims and why, and the ledger's claims from it."""
    return {
        "sentence": reading.sentence.text,
        "claims": [plain(claim) for claim in reading.claims],
        "not_claims": [{"attribution": plain(att), "why": why} for att, why in reading.skipped],
        "notes": list(reading.notes),
        "stored": [claim_detail_to_dict(detail) for detail in stored],
    }


def ingest_result_to_dict(result: IngestResult) -> dict[str, Any]:
    """One document of an ingest run, as `ingest --json` prints it."""
    outcome = "failed" if result.error else "already ingested" if result.already else "new"
    counted = not (result.error or result.already)
    return {
        "document": result.origin,
        "title": result.title,
        "document_id": result.document_id,
        "outcome": outcome,
        "claims": result.claims if counted else None,
        **{status: result.by_status.get(status, 0) if counted else None for status in STATUSES},
        "earlier_claims_changed": result.changed if counted else None,
        "error": result.error,
    }


def skipped_file_to_dict(path: str) -> dict[str, Any]:
    """A file a folder walk left out (README, INDEX, LICENSE...), in the shape of an ingest record."""
    return {
        "document": path,
        "title": None,
        "document_id": None,
        "outcome": "skipped: not an article",
        "claims": None,
        **dict.fromkeys(STATUSES),
        "earlier_claims_changed": None,
        "error": None,
    }


def rows_to_nl(rows: Iterable[dict[str, Any]]) -> str:
    return "".join(dumps(r) + "\n" for r in rows)


def rows_to_csv(rows: Sequence[dict[str, Any]], delimiter: str = ",", *, raw: bool = False) -> str:
    """Rows as CSV (or TSV with delimiter '\\t'); raw=True keeps formula-like cells as they are."""
    buffer = io.StringIO()
    fields = list(rows[0]) if rows else []
    writer = csv.DictWriter(buffer, fieldnames=fields, lineterminator="\n", delimiter=delimiter)
    writer.writeheader()
    for row in rows:
        writer.writerow({key: _cell(value, raw) for key, value in row.items()})
    return buffer.getvalue()


def claims_to_csv(
    claims: Sequence[StoredClaim], delimiter: str = ",", *, raw: bool = False, fields: Sequence[str] | None = CSV_FIELDS
) -> str:
    """Claims as CSV (or TSV with delimiter '\\t'); raw=True keeps formula-like cells as they are."""
    columns = list(fields if fields is not None else CLAIM_KEYS)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n", delimiter=delimiter)
    writer.writeheader()
    for claim in claims:
        data = claim_to_dict(claim)
        writer.writerow({key: _cell(data.get(key), raw) for key in columns})
    return buffer.getvalue()


RATINGS = {Status.CONFIRMED: (3, "Confirmed"), Status.DISPUTED: (2, "Disputed"), Status.UNVERIFIED: (1, "Unverified")}


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
    lines = [f"# Claims about {_md(term)}", ""]
    counts = {s: sum(1 for c in claims if c.status == s) for s in DISPUTED_FIRST}
    lines.append(", ".join(f"{n} {s}" for s, n in counts.items()) + f" ({len(claims)} in all).")
    for status in DISPUTED_FIRST:
        group = [c for c in claims if c.status == status]
        if not group:
            continue
        lines += ["", f"## {status.capitalize()} ({len(group)})", ""]
        for c in group:
            date = f" ({_md(c.event_date)})" if c.event_date else ""
            lines.append(f"- **{_md(c.source)}** ({_md(c.side)}){date}: {_md(c.sentence)}")
            lines.append(f"  - why: {_md(c.status_reason)}")
            for note in c.notes:
                lines.append(f"  - note: {_md(note)}")
            lines.append(f"  - source: {_md(c.outlet or c.document)}, {_md(c.published or 'undated')}")
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
            f"- {_md(c.event_date or c.published or 'undated')}: {_md(c.source)}: {_md(c.content or c.sentence)} "
            f"[{c.status}]"
        )
    return "\n".join(lines) + "\n"


def _md(text: str) -> str:
    """Text safe inside Markdown: no markup and no control character from the article survives."""
    return "".join("\\" + ch if ch in "\\`*_[]<>#|" else ch for ch in " ".join(safe_text(text).split()))


def document_to_dict(document: DocumentSummary) -> dict[str, Any]:
    """A stored document as `documents` writes it for programs."""
    return {
        "id": document.id,
        "origin": document.origin,
        "title": document.title,
        "outlet": document.outlet,
        "url": document.url,
        "published": document.published,
        "ingested_at": document.ingested_at,
        "claims": document.claims,
    }


def review_item_to_dict(item: ReviewItem) -> dict[str, Any]:
    """A claim of the review queue as `review` writes it for programs: why, then the listing's fields."""
    return {"why": item.why, **{k: v for k, v in claim_to_dict(item.claim).items() if k not in LEFT_OUT_OF_LISTINGS}}


def timeline_entry_to_dict(entry: TimelineEntry) -> dict[str, Any]:
    """A claim or status change of a timeline, as `timeline` writes it for programs."""
    return {
        "date": entry.date,
        "kind": entry.kind,
        "claim": entry.claim.id,
        "status": entry.status,
        "source": entry.claim.source,
        "side": entry.claim.side,
        "text": entry.text,
    }


def source_record_to_dict(record: SourceRecord) -> dict[str, Any]:
    """A source's track record, as `sources` writes it for programs."""
    return dict(record.__dict__)


def actor_count_to_dict(actor: ActorCount) -> dict[str, Any]:
    """An actor with its claim count, as `actors` writes it for programs."""
    return dict(actor.__dict__)
