"""`claimtrack ingest`: the options, one call to `claimtrack.ingest`, and what is printed of it."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from claimtrack.cli.common import (
    EXIT_INPUT,
    CsvOption,
    FormatOption,
    JsonOption,
    NlOption,
    OutputFormat,
    TsvOption,
    app,
    emit_rows,
    errors_as_messages,
    ledger,
    on_wait,
    output_format,
    warn,
)

if TYPE_CHECKING:
    from claimtrack.service import IngestResult, IngestTally


@app.command(
    epilog="Example: claimtrack ingest articles/ --jobs 2    (or: claimtrack ingest https://example.org/story)"
)
def ingest(
    ctx: typer.Context,
    paths: Annotated[
        list[str] | None,
        typer.Argument(
            help="Article files (.txt, .md), folders, or - for standard input. Default: the bundled seeds/."
        ),
    ] = None,
    published: Annotated[str | None, typer.Option(help="Publication date (YYYY-MM-DD), over front matter.")] = None,
    title: Annotated[str | None, typer.Option(help="Title, over front matter.")] = None,
    outlet: Annotated[str | None, typer.Option(help="Outlet, over front matter.")] = None,
    url: Annotated[str | None, typer.Option(help="URL, over front matter.")] = None,
    feed: Annotated[str | None, typer.Option(help="An RSS or Atom feed URL: ingest every new entry.")] = None,
    load: Annotated[Path | None, typer.Option(help="A saved RSS or Atom feed file: ingest every new entry.")] = None,
    timeout: Annotated[
        float, typer.Option(min=0.1, help="Seconds one web page or feed may take in all (not per read).")
    ] = 15.0,
    allow_private_addresses: Annotated[
        bool,
        typer.Option(
            "--allow-private-addresses",
            help="Also follow feed links and redirects to loopback, private, link-local or reserved addresses.",
        ),
    ] = False,
    jsonl: Annotated[
        str | None, typer.Option(help="A JSON Lines batch (text or html, title, published, outlet, url); - for stdin.")
    ] = None,
    jobs: Annotated[
        int, typer.Option("--jobs", "-j", min=1, help="Processes that extract claims; one process writes.")
    ] = 1,
    fmt: FormatOption = None,
    as_json: JsonOption = False,
    nl: NlOption = False,
    as_csv: CsvOption = False,
    tsv: TsvOption = False,
) -> None:
    """Extract the claims of articles (files, folders, -, web pages, feeds, JSON Lines) into the ledger;
    the same article twice changes nothing."""
    from claimtrack import render
    from claimtrack.ingest import IngestRequest, ingesting
    from claimtrack.store import StoreError

    with errors_as_messages():
        report = _IngestReport(output_format(ctx, fmt, as_json, nl, as_csv, tsv))
        request = IngestRequest(
            paths=tuple(paths or ()),
            published=published,
            title=title,
            outlet=outlet,
            url=url,
            feed=feed,
            load=load,
            jsonl=jsonl,
            timeout=timeout,
            allow_private=allow_private_addresses,
            jobs=jobs,
        )
        with ingesting(ledger(ctx), request, on_wait=on_wait(), notify=warn) as run:
            report.skipped = run.skipped
            try:
                for result in render.progress(run.results, run.total):
                    report.add(result)
                    if result.error is not None:
                        warn(result.error)
            except StoreError:
                if report.tally.documents:  # what was stored before the failure is complete: say so
                    report.finish()
                raise
        report.finish()
        if report.tally.failed:
            raise typer.Exit(EXIT_INPUT)


@dataclass
class _IngestReport:
    """What ingest prints: the summary table, or a record per document (JSON Lines as each is
    stored, so a script sees progress; JSON, CSV and TSV once the run ends)."""

    fmt: OutputFormat
    skipped: list[str] = field(default_factory=list)
    tally: IngestTally = field(default_factory=lambda: _tally())
    records: list[dict[str, object]] = field(default_factory=list)

    def add(self, result: IngestResult) -> None:
        from claimtrack.serialize import ingest_result_to_dict, rows_to_nl

        self.tally.add(result)
        if self.fmt is OutputFormat.nl:
            typer.echo(rows_to_nl([ingest_result_to_dict(result)]), nl=False)
        elif self.fmt is not OutputFormat.table:
            self.records.append(ingest_result_to_dict(result))

    def finish(self) -> None:
        from claimtrack import render
        from claimtrack.serialize import rows_to_nl, skipped_file_to_dict

        if self.fmt is OutputFormat.table:
            render.ingest_summary(render.make_console(), self.tally, self.skipped)
            return
        skipped = [skipped_file_to_dict(path) for path in self.skipped]
        if self.fmt is OutputFormat.nl:
            typer.echo(rows_to_nl(skipped), nl=False)
        else:
            emit_rows([*self.records, *skipped], self.fmt, lambda: None)


def _tally() -> IngestTally:
    from claimtrack.service import IngestTally

    return IngestTally()
