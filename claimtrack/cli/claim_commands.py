"""The commands about claims: list, show, search, review, export, explain, eval, verdict, timeline,
sources. Each parses its options, makes one call to `claimtrack.queries` or `claimtrack.changes`,
and hands the result to `claimtrack.render` (tables) or `claimtrack.serialize` (JSON, CSV...)."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from claimtrack.cli.common import (
    EXIT_USAGE,
    MAX_DAYS,
    SEARCH_LIMIT,
    SHOW_LIMIT,
    TABLE_LIMIT,
    AboutOption,
    ConfirmedOption,
    CsvOption,
    DisputedOption,
    ExportFormat,
    FieldsOption,
    FormatOption,
    JsonOption,
    LimitOption,
    NlOption,
    OutputFormat,
    SideOption,
    SinceOption,
    SourceOption,
    TsvOption,
    UntilOption,
    UnverifiedOption,
    app,
    emit_claims,
    emit_rows,
    errors_as_messages,
    fail,
    field_choice,
    ledger,
    on_terminal,
    on_wait,
    output_format,
    statuses,
)
from claimtrack.models import MAX_ROW_ID, Status


class SourceSort(StrEnum):
    claims = "claims"
    confirmed = "confirmed"
    disputed = "disputed"
    unverified = "unverified"
    denials = "denials"
    name = "name"


class ExplainFormat(StrEnum):
    table = "table"
    json = "json"


class TimelineOrder(StrEnum):
    event = "event"
    published = "published"


@app.command("list", epilog="Example: claimtrack list --disputed --side russia --since 2025-02-01")
def list_command(
    ctx: typer.Context,
    disputed: DisputedOption = False,
    confirmed: ConfirmedOption = False,
    unverified: UnverifiedOption = False,
    source: SourceOption = None,
    side: SideOption = None,
    about: AboutOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    limit: LimitOption = None,
    fmt: FormatOption = None,
    as_json: JsonOption = False,
    nl: NlOption = False,
    as_csv: CsvOption = False,
    tsv: TsvOption = False,
    fields: FieldsOption = None,
) -> None:
    """List claims, filtered by status, source, side, subject and date."""
    from claimtrack.queries import ClaimQuery, claim_listing

    with errors_as_messages():
        chosen = output_format(ctx, fmt, as_json, nl, as_csv, tsv)
        selected = field_choice(fields, chosen)
        capped = limit is None and chosen is OutputFormat.table  # a table shows a screenful unasked
        shown = TABLE_LIMIT if capped else (limit or None)
        query = ClaimQuery(
            statuses(disputed, confirmed, unverified),
            source,
            side,
            tuple(about or ()),
            since,
            until,
            limit=shown,
            first_reports_only=True,
        )
        listing = claim_listing(ledger(ctx), query, count_more=capped)
        emit_claims(listing.claims, chosen, fields=selected)
        if listing.more:
            typer.echo(f"... and {listing.more} more claim(s): --limit N to see more, --limit 0 for all")


@app.command(epilog="Example: claimtrack show toretsk    (or a claim: claimtrack show 4)")
def show(
    ctx: typer.Context,
    term: Annotated[str, typer.Argument(help="A claim id, or a place or subject ('toretsk').")],
    limit: Annotated[
        int,
        typer.Option(
            min=0, max=MAX_ROW_ID, help="At most this many claims about a term, the latest ingested; 0 for all."
        ),
    ] = SHOW_LIMIT,
    fmt: FormatOption = None,
    as_json: JsonOption = False,
    nl: NlOption = False,
    as_csv: CsvOption = False,
    tsv: TsvOption = False,
    fields: FieldsOption = None,
) -> None:
    """Show one claim in full (by id), or every claim about a place or subject."""
    from claimtrack import serialize
    from claimtrack.queries import show as shown
    from claimtrack.service import ClaimDetail

    with errors_as_messages():
        chosen = output_format(ctx, fmt, as_json, nl, as_csv, tsv)
        selected = field_choice(fields, chosen)
        found = shown(ledger(ctx), term, limit or None)
        if found is None:  # nothing about it: an empty listing, exit 0, in every format
            emit_claims([], chosen, empty=f"No claims about {term!r}.", fields=selected)
        elif isinstance(found, ClaimDetail):
            if chosen is OutputFormat.table:
                from claimtrack import render

                render.claim_detail(render.make_console(), found)
                return
            # one claim in full, unless --fields says otherwise
            data = serialize.claim_detail_to_dict(found, selected if fields is not None else None)
            if chosen is OutputFormat.json:
                typer.echo(serialize.to_json([data]))
            elif chosen is OutputFormat.nl:
                typer.echo(serialize.rows_to_nl([data]), nl=False)
            else:
                emit_claims([found.claim], chosen, fields=selected)
        elif chosen is OutputFormat.table:
            from claimtrack import render

            render.term_report(render.make_console(), found)
        else:
            emit_claims(found.claims, chosen, fields=selected)


@app.command(epilog="Example: claimtrack search 'north korean troops' --confirmed")
def search(
    ctx: typer.Context,
    query: Annotated[str, typer.Argument(help="Words to find in claims, sources and notes (all must appear).")],
    disputed: DisputedOption = False,
    confirmed: ConfirmedOption = False,
    unverified: UnverifiedOption = False,
    source: SourceOption = None,
    side: SideOption = None,
    about: AboutOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    limit: LimitOption = None,
    fmt: FormatOption = None,
    as_json: JsonOption = False,
    nl: NlOption = False,
    as_csv: CsvOption = False,
    tsv: TsvOption = False,
    fields: FieldsOption = None,
) -> None:
    """Full-text search over claims, sources and notes, best matches first (the best 50 unless --limit
    says otherwise), with the filters of list."""
    from claimtrack.queries import ClaimQuery, search_claims

    with errors_as_messages():
        chosen = output_format(ctx, fmt, as_json, nl, as_csv, tsv)
        selected = field_choice(fields, chosen)
        limit = SEARCH_LIMIT if limit is None else (limit or None)
        filters = ClaimQuery(
            statuses(disputed, confirmed, unverified), source, side, tuple(about or ()), since, until, limit=limit
        )
        claims = search_claims(ledger(ctx), query, filters)
        emit_claims(claims, chosen, f"Search: {query}", f"No claims match {query!r}.", selected)


@app.command(epilog="Example: claimtrack review --days 3 --changed-since 2025-02-01")
def review(
    ctx: typer.Context,
    days: Annotated[int, typer.Option(min=0, max=MAX_DAYS, help="Unverified for more than this many days.")] = 7,
    changed_since: Annotated[
        str | None, typer.Option(help="Also claims whose status changed since YYYY-MM-DD.")
    ] = None,
    fmt: FormatOption = None,
    as_json: JsonOption = False,
    nl: NlOption = False,
    as_csv: CsvOption = False,
    tsv: TsvOption = False,
) -> None:
    """The queue of claims needing a person: old unverified ones, disputes with no verdict, recent changes."""
    from claimtrack import render, serialize
    from claimtrack.queries import review_queue

    with errors_as_messages():
        items = review_queue(ledger(ctx), days, changed_since)
        emit_rows(
            [serialize.review_item_to_dict(i) for i in items],
            output_format(ctx, fmt, as_json, nl, as_csv, tsv),
            lambda: render.review_table(render.make_console(), items),
        )


@app.command(epilog="Example: claimtrack export --format markdown --about toretsk -o toretsk.md")
def export(
    ctx: typer.Context,
    fmt: Annotated[
        ExportFormat, typer.Option("--format", help="json, nl, csv, tsv, markdown (a report) or claimreview.")
    ] = ExportFormat.json,
    about: Annotated[str | None, typer.Option(help="Only claims about this place or subject.")] = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write to this file, not stdout.")] = None,
    fields: FieldsOption = None,
    raw_cells: Annotated[
        bool,
        typer.Option(
            "--raw-cells",
            help="CSV/TSV only: write cells as they are (by default a cell that a spreadsheet would run as "
            "a formula starts with an apostrophe).",
        ),
    ] = False,
) -> None:
    """Export claims: every claim (JSON, JSON Lines, CSV, TSV), a Markdown report of a subject, or
    schema.org ClaimReview JSON-LD for claims in a final state."""
    from claimtrack import serialize
    from claimtrack.queries import export_claims

    if raw_cells and fmt not in (ExportFormat.csv, ExportFormat.tsv):
        fail("--raw-cells applies to --format csv or tsv only", EXIT_USAGE)
    with errors_as_messages():
        selected = field_choice(fields, fmt, whole=True)  # an export is the whole record unless asked
        found = export_claims(ledger(ctx), about, reviewed=fmt is ExportFormat.claimreview)
        claims = found.claims
        if fmt is ExportFormat.json:
            data = serialize.claims_to_json(claims, selected)
        elif fmt is ExportFormat.nl:
            data = serialize.claims_to_nl(claims, selected)
        elif fmt in (ExportFormat.csv, ExportFormat.tsv):
            delimiter = "," if fmt is ExportFormat.csv else "\t"
            data = serialize.claims_to_csv(claims, delimiter, raw=raw_cells, fields=selected)
        elif fmt is ExportFormat.markdown:
            data = serialize.markdown_report(about or "all subjects", claims)
        else:
            data = serialize.to_json([serialize.claim_review(c, reports) for c, reports in found.reviewed])
        if output is None:
            typer.echo(data, nl=not data.endswith("\n"))
            return
        _write_whole(output, data)


def _umask() -> int:
    import os

    current = os.umask(0)
    os.umask(current)
    return current


def _write_whole(path: Path, data: str) -> None:
    """Write through a temporary file and rename it, so no half-written file is ever left."""
    import os
    import tempfile

    tmp: str | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(data)
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes it private; a report is as shareable as any file
        os.replace(tmp, path)
    except OSError as exc:
        if tmp is not None and os.path.exists(tmp):
            os.unlink(tmp)  # a full disk must not leave a half-written file beside the target
        fail(f"cannot write {path}: {exc.strerror or exc}")


@app.command(epilog='Example: claimtrack explain "Kyiv denied that Russian forces had taken Toretsk."')
def explain(
    ctx: typer.Context,
    sentence: Annotated[str, typer.Argument(help="The sentence to read, or the id of a claim in the ledger.")],
    context: Annotated[str | None, typer.Option(help="The sentence before it (for 'He said ...').")] = None,
    published: Annotated[str | None, typer.Option(help="Publication date for relative dates.")] = None,
    fmt: Annotated[
        ExplainFormat | None,
        typer.Option(
            "--format",
            help="table (a reading for people) or json. Default: table on a terminal or when CLAIMTRACK_FORMAT "
            "is table, JSON otherwise.",
        ),
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Show how a sentence is read (frame, source, embedded claims, stance, outcomes) and, once
    ingested, every link of its claims with the rule and words that made it."""
    from claimtrack import render
    from claimtrack.queries import explain as read

    with errors_as_messages():
        if not sentence.strip():
            fail("the sentence is empty")
        found = read(ledger(ctx), sentence, context, published)
        if as_json or (fmt or _explain_default()) is ExplainFormat.json:
            from claimtrack import serialize

            typer.echo(serialize.dumps(serialize.explanation_to_dict(found.reading, found.stored), indent=2))
            return
        render.explanation(render.make_console(), found.reading, found.stored)


def _explain_default() -> ExplainFormat:
    """explain has two formats: a table where the listings would print one, JSON where they would not."""
    import os

    wanted = os.environ.get("CLAIMTRACK_FORMAT")
    table = wanted == "table" if wanted else on_terminal()
    return ExplainFormat.table if table else ExplainFormat.json


@app.command("eval", epilog="Example: claimtrack eval tests/data/dev -v")
def eval_command(
    corpus: Annotated[Path, typer.Argument(help="A folder of NAME.txt + NAME.gold.json (see docs/scores.md).")],
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="List every miss.")] = False,
    min_f1: Annotated[float | None, typer.Option(help="Fail (exit 1) below this attribution F1.")] = None,
    min_status: Annotated[float | None, typer.Option(help="Fail below this status accuracy.")] = None,
    min_show: Annotated[float | None, typer.Option(help="Fail below this show recall.")] = None,
    max_misleading: Annotated[
        float | None, typer.Option(help="Fail above this share of misleading statuses (confirmed/disputed wrongly).")
    ] = None,
) -> None:
    """Score claimtrack against an annotated corpus (attribution P/R/F1, status, misleading, show)."""
    from claimtrack.queries import score

    with errors_as_messages():
        report = score(corpus)
        if verbose:
            for line in report.misses:
                typer.echo(line)
        typer.echo(report.confusion_line())
        typer.echo(report.summary(min_f1, min_status, min_show, max_misleading))
        if report.short(min_f1, min_status, min_show, max_misleading):
            raise typer.Exit(1)


@app.command(
    epilog="Example: claimtrack verdict 4 confirmed --note 'geolocated footage' --evidence https://example.org/post"
)
def verdict(
    ctx: typer.Context,
    claim_id: Annotated[int, typer.Argument(min=1, max=MAX_ROW_ID, help="The claim's id.")],
    status: Annotated[Status | None, typer.Argument(help="confirmed, disputed or unverified.")] = None,
    note: Annotated[str | None, typer.Option(help="Why: the analyst's reasoning (required with a status).")] = None,
    evidence: Annotated[list[str] | None, typer.Option(help="A URL or reference; repeat for several.")] = None,
    by: Annotated[str | None, typer.Option(help="Who made the judgement.")] = None,
    clear: Annotated[bool, typer.Option("--clear", help="Withdraw the active verdict.")] = False,
) -> None:
    """Record an analyst verdict that outranks the computed status, or --clear it."""
    from claimtrack import render
    from claimtrack.changes import verdict as record
    from claimtrack.models import Status

    with errors_as_messages():
        if clear and status is not None:
            fail("give a status or --clear, not both", EXIT_USAGE)
        if not clear and status is None:
            fail("give a status (confirmed, disputed or unverified), or --clear to withdraw a verdict", EXIT_USAGE)
        if status is not None and (not note or not note.strip()):
            fail("a verdict needs --note: say why", EXIT_USAGE)
        given = Status(status.value) if status is not None else None  # None: --clear
        detail = record(ledger(ctx), claim_id, given, (note or "").strip(), evidence or [], by, on_wait=on_wait())
        render.claim_detail(render.make_console(), detail)


@app.command("timeline", epilog="Example: claimtrack timeline kursk --by published")
def timeline_command(
    ctx: typer.Context,
    term: Annotated[str, typer.Argument(help="A place or subject.")],
    by: Annotated[
        TimelineOrder, typer.Option(help="Order by event date or by publication date.")
    ] = TimelineOrder.event,
    fmt: FormatOption = None,
    as_json: JsonOption = False,
    nl: NlOption = False,
    as_csv: CsvOption = False,
    tsv: TsvOption = False,
) -> None:
    """The chronology of claims and status changes about a place or subject."""
    from claimtrack import render, serialize
    from claimtrack.queries import timeline_of

    with errors_as_messages():
        entries = timeline_of(ledger(ctx), term, by.value)  # none about it: an empty listing, exit 0
        emit_rows(
            [serialize.timeline_entry_to_dict(e) for e in entries],
            output_format(ctx, fmt, as_json, nl, as_csv, tsv),
            lambda: render.timeline_table(render.make_console(), term, entries, by.value),
        )


@app.command("sources", epilog="Example: claimtrack sources --side ukraine --sort disputed")
def sources_command(
    ctx: typer.Context,
    side: Annotated[str | None, typer.Option(help="Only sources of this side.")] = None,
    sort: Annotated[SourceSort, typer.Option(help="What to sort by (most first; name A-Z).")] = SourceSort.claims,
    fmt: FormatOption = None,
    as_json: JsonOption = False,
    nl: NlOption = False,
    as_csv: CsvOption = False,
    tsv: TsvOption = False,
) -> None:
    """Each source's track record: claims made and how they ended."""
    from claimtrack import render, serialize
    from claimtrack.queries import source_records

    with errors_as_messages():
        records = source_records(ledger(ctx), side, sort.value)
        emit_rows(
            [serialize.source_record_to_dict(r) for r in records],
            output_format(ctx, fmt, as_json, nl, as_csv, tsv),
            lambda: render.sources_table(render.make_console(), records),
        )
