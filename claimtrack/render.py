"""Rich tables and panels. The only module that imports rich.

Untrusted text (article sentences, titles, source names, search terms) is
always wrapped in `Text` after control characters are stripped, so "[bold]"
prints as written and no terminal escape reaches the screen.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, TypeVar

from claimtrack.article import safe_text
from claimtrack.models import (
    DISPUTED_FIRST,
    STATUS_ORDER,
    ActorCount,
    DocumentSummary,
    Outcome,
    Quantity,
    Status,
    StoredClaim,
)

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text

    from claimtrack.extract import SentenceReading
    from claimtrack.service import (
        ClaimDetail,
        IngestTally,
        LinkView,
        ReviewItem,
        SourceRecord,
        TermReport,
        TimelineEntry,
    )

STATUS_STYLE: dict[str, str] = {
    Status.CONFIRMED: "bold green",
    Status.DISPUTED: "bold red",
    Status.UNVERIFIED: "yellow",
}
DOCUMENT_COLUMN_MIN_WIDTH = 100  # terminal columns below which the claims table leaves out the document
PROGRESS_THRESHOLD = 5  # documents an ingest must have (when it knows) before it shows a progress bar
T = TypeVar("T")


def make_console(stderr: bool = False, width: int | None = None) -> Console:
    from rich.console import Console

    no_color = bool(os.environ.get("NO_COLOR"))
    return Console(
        stderr=stderr, width=width, no_color=no_color, highlight=False, emoji=False, markup=False, soft_wrap=False
    )


def text(value: object, style: str = "") -> Text:
    from rich.text import Text

    return Text(safe_text("" if value is None else str(value)), style=style)


def short_path(origin: str) -> str:
    """A document's path relative to the current folder when it lies below it; URLs as they are."""
    if "://" in origin or origin.startswith("<"):
        return origin
    try:
        relative = os.path.relpath(origin)
    except ValueError:
        return origin
    return origin if relative.startswith("..") else relative


def _status(claim: StoredClaim) -> Text:
    """The status, '(analyst)' when a verdict set it, and how many sides and outlets stand behind it."""
    label = text(claim.status + (" (analyst)" if claim.verdict else ""), STATUS_STYLE.get(claim.status, ""))
    sides = "side" if claim.sides_behind == 1 else "sides"
    outlets = "outlet" if claim.outlets == 1 else "outlets"
    label.append_text(text(f"\n{claim.sides_behind} {sides}\n{claim.outlets} {outlets}", "dim"))
    return label


def _claim_cell(claim: StoredClaim) -> Text:
    cell = text(claim.sentence)
    if claim.reports > 1:
        cell.append_text(text(f"\nreported {claim.reports} times, first on {claim.first_reported or '?'}", "dim"))
    for note in claim.notes:
        cell.append_text(text(f"\nnote: {note}", "dim italic"))
    return cell


def claims_table(
    console: Console, claims: Sequence[StoredClaim], title: str | None = None, empty: str = "No claims match."
) -> None:
    if not claims:
        console.print(text(empty))
        return
    from rich.table import Table

    table = Table(title=text(title) if title else None, show_lines=True, expand=True)
    table.add_column("id", justify="right", no_wrap=True)
    table.add_column("status", min_width=10)
    table.add_column("source (side)", ratio=2, min_width=12, max_width=28)
    table.add_column("claim", ratio=6, min_width=24)
    table.add_column("event date", no_wrap=True)
    # the document only where there is room for it (`show ID` names it in full): folded rather than cut,
    # since a row is several lines tall anyway and "kursk-…" names no file
    with_document = console.width >= DOCUMENT_COLUMN_MIN_WIDTH
    if with_document:
        table.add_column("document", min_width=10, max_width=14, overflow="fold")
    for claim in claims:
        cells = [
            text(claim.id),
            _status(claim),
            text(f"{claim.source} ({claim.side})"),
            _claim_cell(claim),
            text(claim.event_date or ""),
        ]
        if with_document:
            cells.append(text(os.path.basename(claim.document) + (f" ({claim.outlet})" if claim.outlet else "")))
        table.add_row(*cells)
    console.print(table)


def progress(items: Iterable[T], total: int | None, description: str = "ingesting") -> Iterator[T]:
    """The items, with a progress bar on stderr while they are worked through, when stderr is a
    terminal and there are enough of them (or no telling how many)."""
    if (total is not None and total < PROGRESS_THRESHOLD) or not sys.stderr.isatty():
        yield from items
        return
    from rich.console import Console
    from rich.progress import track

    # on stderr, which is what was checked: stdout may be a file of results, and errors printed
    # meanwhile go above the bar
    console = Console(stderr=True)
    yield from track(items, total=total, description=description, console=console, transient=True)


def ingest_summary(console: Console, tally: IngestTally, skipped: Sequence[str] = ()) -> None:
    """A row per document; past the tally's row limit, the first rows and a row of totals; then the
    files a folder walk left out as not articles."""
    from rich.table import Table

    table = Table(title=text("Ingest"))
    table.add_column("document")
    table.add_column("claims", justify="right")
    for status in STATUS_ORDER:
        table.add_column(status, justify="right", style=STATUS_STYLE[status])
    table.add_column("note")
    for result in tally.rows:
        if result.error:
            note = text(f"failed: {result.error}", "red")
        elif result.already:
            note = text("already ingested; nothing changed")
        elif not result.claims:
            note = text("no claims found")
        else:
            note = text(f"{result.changed} earlier claim(s) changed status" if result.changed else "")
        table.add_row(
            text(short_path(result.origin)),
            text("" if result.error or result.already else result.claims),
            *[text(result.by_status.get(s, 0) if not (result.error or result.already) else "") for s in STATUS_ORDER],
            note,
        )
    console.print(table)
    if not tally.complete:
        by_status = ", ".join(f"{tally.by_status.get(s, 0)} {s}" for s in STATUS_ORDER)
        totals = (
            f"all {tally.documents} documents: {tally.new} new, {tally.already} already ingested, "
            f"{tally.failed} failed; {tally.claims} claims ({by_status}); "
            f"{tally.changed} earlier claim(s) changed status"
        )
        console.print(text(totals, "bold"), soft_wrap=True)
    if skipped:
        names = ", ".join(short_path(name) for name in skipped)
        console.print(text(f"skipped {len(skipped)} file(s) that are not articles: {names}"), soft_wrap=True)


def _sentence_with_cue(claim: StoredClaim) -> Text:
    sentence = text(claim.sentence)
    plain = sentence.plain
    start = plain.find(claim.cue)
    if start >= 0:
        sentence.stylize("bold underline", start, start + len(claim.cue))
    source = plain.find(claim.source_text)
    if source >= 0:
        sentence.stylize("bold cyan", source, source + len(claim.source_text))
    return sentence


def _relation(view: LinkView) -> str:
    """'contradicts' for a link the claim made, 'contradicts (by)' for one made to it."""
    return view.link.relation if view.outgoing else f"{view.link.relation} (by)"


def claim_detail(console: Console, detail: ClaimDetail) -> None:
    from rich.panel import Panel
    from rich.table import Table

    claim = detail.claim
    fields = Table.grid(padding=(0, 2))
    fields.add_column(style="bold", no_wrap=True)
    fields.add_column()
    rows = [
        ("status", _status(claim)),
        ("why", text(claim.status_reason)),
        ("source", text(f"{claim.source} ({claim.side}), written as {claim.source_text!r}")),
        ("stance", text(f"{claim.stance} (cue {claim.cue!r}, rule {claim.rule})")),
        ("content", text(claim.content)),
        ("event date", text(f"{claim.event_date or '-'}" + (f" ({claim.event_words})" if claim.event_words else ""))),
        ("about", text(", ".join(claim.about) or "-")),
        (
            "document",
            text(
                f"{short_path(claim.document)}"
                + (f", {claim.outlet}" if claim.outlet else "")
                + (f", published {claim.published}" if claim.published else "")
            ),
        ),
    ]
    if claim.notes:
        rows.append(("notes", text(" | ".join(claim.notes))))
    if claim.hedges:
        rows.append(("hedges", text(", ".join(claim.hedges))))
    if claim.quantities:
        rows.append(("counts", text(", ".join(f"{q.what}: {q.words}" for q in claim.quantities))))
    if claim.channel:
        rows.append(("via", text(claim.channel)))
    for label, value in rows:
        fields.add_row(text(label), value)
    console.print(Panel(_sentence_with_cue(claim), title=text(f"claim #{claim.id}"), expand=False))
    console.print(fields)
    if detail.links:
        table = Table(title=text("Linked claims"))
        for column in ("relation", "id", "status", "source (side)", "sentence", "rule"):
            table.add_column(column)
        for view in detail.links:
            table.add_row(
                text(_relation(view)),
                text(view.other.id),
                _status(view.other),
                text(f"{view.other.source} ({view.other.side})"),
                text(view.other.sentence),
                text(view.link.rule),
            )
        console.print(table)
    if detail.reports:
        table = Table(title=text(f"Reported {len(detail.reports) + 1} times"))
        for column in ("id", "published", "outlet", "sentence"):
            table.add_column(column)
        for report in detail.reports:
            table.add_row(
                text(report.id),
                text(report.published or "-"),
                text(report.outlet or report.document),
                text(report.sentence),
            )
        console.print(table)
    if detail.verdicts:
        table = Table(title=text("Analyst verdicts"))
        for column in ("when", "verdict", "by", "note", "evidence", "state"):
            table.add_column(column)
        for verdict in detail.verdicts:
            state = (
                "active"
                if verdict.active
                else (
                    f"cleared {verdict.cleared_at}" if verdict.cleared_at else f"superseded by #{verdict.superseded_by}"
                )
            )
            table.add_row(
                text(verdict.created_at),
                text(verdict.status, STATUS_STYLE.get(verdict.status, "")),
                text(verdict.analyst or "-"),
                text(verdict.note),
                text(" ".join(verdict.evidence) or "-"),
                text(state),
            )
        console.print(table)
    if detail.history:
        table = Table(title=text("History"))
        for column in ("when", "from", "to", "caused by", "reason"):
            table.add_column(column)
        for entry in detail.history:
            table.add_row(
                text(entry.changed_at),
                text(entry.old_status or "-"),
                text(entry.new_status, STATUS_STYLE.get(entry.new_status, "")),
                text(os.path.basename(entry.document or "-")),
                text(entry.reason),
            )
        console.print(table)


def term_report(console: Console, report: TermReport) -> None:
    groups = report.by_status()
    counts = report.totals or {s: len(c) for s, c in groups.items()}
    summary = ", ".join(f"{counts.get(s, 0)} {s}" for s in STATUS_ORDER)
    label = (
        report.term
        if report.canonical.casefold() == report.term.casefold()
        else (f"{report.term} ({report.canonical})")
    )
    noun = "claim" if report.total == 1 else "claims"
    about = "" if report.exact else "about "
    console.print(text(f"{about}{report.total} {noun} about {label}: {summary}", "bold"))
    if len(report.claims) < report.total:
        console.print(text(f"showing the latest {len(report.claims)}; --limit N shows more"))
    for status in DISPUTED_FIRST:
        claims = groups.get(status, [])
        if claims:
            claims_table(console, claims, title=f"{status} ({len(claims)})")


def actors_table(console: Console, rows: Sequence[ActorCount]) -> None:
    from rich.table import Table

    table = Table(title=text("Actors"))
    for column in ("actor", "side", "kind", "claims", "aliases", "origin"):
        table.add_column(column)
    for row in rows:
        aliases = ", ".join(row.aliases[:6]) + (" ..." if len(row.aliases) > 6 else "")
        table.add_row(text(row.name), text(row.side), text(row.kind), text(row.claims), text(aliases), text(row.origin))
    console.print(table)


def _outcome_words(outcome: Outcome) -> str:
    said = f"{outcome.kind} {outcome.subject} favours {outcome.favours} ({outcome.words})"
    return f"denies: {said}" if outcome.denied else said


def _count_words(quantity: Quantity) -> str:
    bound = f" [{quantity.bound}]" if quantity.bound else ""
    return f"{quantity.what} {quantity.low:g}-{quantity.high:g}{bound}"


def explanation(console: Console, reading: SentenceReading, stored: Sequence[ClaimDetail] = ()) -> None:
    """How a sentence is read; with `stored`, the ledger's claims from it and every link they hold."""
    console.print(text(reading.sentence.text, "bold"))
    if not reading.claims and not reading.skipped:
        console.print(
            text(
                "No claim: no reporting cue with a source was found outside quotation marks "
                "(narration, an agentless passive or an unattributed hedge)."
            )
        )
    for claim in reading.claims:
        lines = [
            ("cue", f"{claim.cue!r} (rule {claim.rule})"),
            ("source", f"{claim.source_text!r} -> {claim.actor} ({claim.side}, {claim.actor_kind})"),
            ("content", claim.content),
            ("stance", claim.stance.value),
            ("hedges", ", ".join(claim.hedges) or "-"),
            ("event date", f"{claim.event_date.iso or '-'} ({claim.event_date.words})" if claim.event_date else "-"),
            ("about", ", ".join(claim.about) or "-"),
            (
                "outcomes",
                "; ".join(_outcome_words(o) for o in claim.outcomes) or "-",
            ),
            ("counts", "; ".join(_count_words(q) for q in claim.quantities) or "-"),
        ]
        if claim.future:
            lines.append(("note", "a plan or forecast: no outcome is taken from it"))
        if claim.rule == "embedded-claim":
            lines.append(("note", "an embedded claim: the claim another source reports and answers"))
        console.print(text("claim", "bold green"))
        for label, value in lines:
            console.print(text(f"  {label:<11}") + text(value))
    for att, reason in reading.skipped:
        console.print(text("not a claim", "bold yellow"))
        console.print(text(f"  {att.source_text!r} {att.cue!r}: {reason}"))
    for note in reading.notes:
        console.print(text(f"note for the claims before it: {note}", "dim"))
    for detail in stored:
        _stored_links(console, detail)


def _stored_links(console: Console, detail: ClaimDetail) -> None:
    from rich.table import Table

    claim = detail.claim
    console.print(text(f"in the ledger: claim #{claim.id} by {claim.source} ({claim.side})", "bold"))
    status = text(claim.status, STATUS_STYLE.get(claim.status, ""))
    reason = claim.status_reason.removeprefix(f"{claim.status}:").strip()
    console.print(text("  status     ") + status + text(f": {reason}"))
    if not detail.links:
        console.print(text("  links      none: no other claim in the ledger shares its outcome, count or event"))
        return
    table = Table(title=text(f"Links of claim #{claim.id}"))
    for column in ("relation", "claim", "source (side)", "rule", "words", "about"):
        table.add_column(column)
    for view in detail.links:
        table.add_row(
            text(_relation(view)),
            text(view.other.id),
            text(f"{view.other.source} ({view.other.side})"),
            text(view.link.rule),
            text(view.link.evidence or "-"),
            text(view.link.subject or "-"),
        )
    console.print(table)


def error(console: Console, message: str) -> None:
    console.print(text(f"error: {message}", "red"))


def timeline_table(console: Console, term: str, entries: Sequence[TimelineEntry], by: str) -> None:
    if not entries:
        console.print(text(f"No claims about {term!r}."))
        return
    from rich.table import Table

    dated = "event date (else published)" if by == "event" else "published"
    table = Table(title=text(f"Timeline of {term}, by {dated}"))
    for column in ("date", "what", "id", "status", "source (side)", "claim or change"):
        table.add_column(column)
    for entry in entries:
        table.add_row(
            text(entry.date or "-"),
            text(entry.kind),
            text(entry.claim.id),
            text(entry.status, STATUS_STYLE.get(entry.status, "")),
            text(f"{entry.claim.source} ({entry.claim.side})"),
            text(entry.text),
        )
    console.print(table)


def sources_table(console: Console, records: Sequence[SourceRecord]) -> None:
    if not records:
        console.print(text("No sources match."))
        return
    from rich.table import Table

    table = Table(title=text("Sources"))
    for column in ("source", "side", "claims", "confirmed", "disputed", "unverified", "denials later admitted"):
        table.add_column(column, justify="right" if column not in {"source", "side"} else "left")
    for record in records:
        table.add_row(
            text(record.name),
            text(record.side),
            text(record.claims),
            text(record.confirmed, STATUS_STYLE[Status.CONFIRMED]),
            text(record.disputed, STATUS_STYLE[Status.DISPUTED]),
            text(record.unverified, STATUS_STYLE[Status.UNVERIFIED]),
            text(record.denials_admitted),
        )
    console.print(table)


def review_table(console: Console, items: Sequence[ReviewItem]) -> None:
    if not items:
        console.print(text("Nothing to review."))
        return
    from rich.table import Table

    table = Table(title=text(f"Review queue ({len(items)})"), show_lines=True, expand=True)
    for column in ("id", "why", "status", "source (side)", "claim"):
        table.add_column(column)
    for item in items:
        table.add_row(
            text(item.claim.id),
            text(item.why),
            _status(item.claim),
            text(f"{item.claim.source} ({item.claim.side})"),
            _claim_cell(item.claim),
        )
    console.print(table)


def documents_table(console: Console, documents: Sequence[DocumentSummary]) -> None:
    """The stored documents, in the order they were ingested, with the id `documents remove` takes."""
    if not documents:
        console.print(text("No documents."))
        return
    from rich.table import Table

    table = Table(title=text(f"Documents ({len(documents)})"))
    for column in ("id", "document", "title", "outlet", "published", "ingested", "claims"):
        table.add_column(column, justify="right" if column in {"id", "claims"} else "left")
    for document in documents:
        table.add_row(
            text(document.id),
            text(short_path(document.origin)),
            text(document.title or ""),
            text(document.outlet or ""),
            text(document.published or ""),
            text(document.ingested_at),
            text(document.claims),
        )
    console.print(table)
