"""What every command shares: the Typer app, the options, the choice of output format, the
printing of claims and rows, and the mapping of typed errors to exit codes.

Nothing here imports the store, the extractor or rich at import time: `claimtrack --help` stays light.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from claimtrack import __version__
from claimtrack.models import MAX_ROW_ID, Status

if TYPE_CHECKING:
    from claimtrack.models import StoredClaim

DEFAULT_DB = Path("data") / "claimtrack.db"
EXIT_INPUT, EXIT_USAGE, EXIT_DATABASE = 1, 2, 3
SHOW_LIMIT = 200  # claims about one term: a town in the news has thousands in an archive
SEARCH_LIMIT = 50  # the best matches, unless --limit asks for more
TABLE_LIMIT = 50  # claims `list` shows in a table unasked (a screenful or two); programs get them all

app = typer.Typer(
    name="claimtrack",
    rich_markup_mode=None,
    no_args_is_help=True,
    add_completion=True,
    help="A ledger of attributed war claims: who asserted what, when, about where, and where each stands.",
)
actors_app = typer.Typer(rich_markup_mode=None, help="List, add and alias actors (sources and their sides).")
app.add_typer(actors_app, name="actors")
documents_app = typer.Typer(
    rich_markup_mode=None, help="List the documents in the ledger, or remove one ingested by mistake."
)
app.add_typer(documents_app, name="documents")


@dataclass(frozen=True)
class Settings:
    db: Path


class ExportFormat(StrEnum):
    json = "json"
    nl = "nl"
    csv = "csv"
    tsv = "tsv"
    markdown = "markdown"
    claimreview = "claimreview"


class OutputFormat(StrEnum):
    table = "table"
    json = "json"
    nl = "nl"
    csv = "csv"
    tsv = "tsv"


FormatOption = Annotated[
    OutputFormat | None,
    typer.Option(
        "--format",
        "-f",
        envvar="CLAIMTRACK_FORMAT",
        help="table, json, nl (JSON Lines), csv or tsv. Default: a table on a terminal, JSON Lines otherwise.",
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Short for --format json.")]
FieldsOption = Annotated[
    str | None,
    typer.Option(
        "--fields",
        metavar="A,B,C",
        help="The claim fields of JSON and CSV output, comma-separated, or 'all'. Default: a compact set.",
    ),
]
NlOption = Annotated[bool, typer.Option("--nl", help="Short for --format nl (one JSON object a line).")]
CsvOption = Annotated[bool, typer.Option("--csv", help="Short for --format csv.")]
TsvOption = Annotated[bool, typer.Option("--tsv", help="Short for --format tsv.")]


DisputedOption = Annotated[bool, typer.Option("--disputed", help="Disputed claims.")]
ConfirmedOption = Annotated[bool, typer.Option("--confirmed", help="Confirmed claims.")]
UnverifiedOption = Annotated[bool, typer.Option("--unverified", help="Unverified claims.")]
SourceOption = Annotated[str | None, typer.Option(help="Only this source (any of its names).")]
SideOption = Annotated[str | None, typer.Option(help="Only sources of this side (ukraine, russia, ...).")]
AboutOption = Annotated[list[str] | None, typer.Option(help="Only claims about this place or subject.")]
SinceOption = Annotated[str | None, typer.Option(help="Event (else publication) date on or after YYYY-MM-DD.")]
UntilOption = Annotated[str | None, typer.Option(help="Event (else publication) date on or before YYYY-MM-DD.")]
MAX_DAYS = 36_500  # a century: enough for any review window, and a date that exists
LimitOption = Annotated[
    int | None,
    typer.Option(
        min=0, max=MAX_ROW_ID, help=f"At most this many claims; 0 for all. Default: all, or {TABLE_LIMIT} in a table."
    ),
]


def statuses(disputed: bool, confirmed: bool, unverified: bool) -> tuple[str, ...]:
    """The statuses the flags ask for, in a fixed order."""
    return tuple(
        name
        for name, on in ((Status.DISPUTED, disputed), (Status.CONFIRMED, confirmed), (Status.UNVERIFIED, unverified))
        if on
    )


def output_format(
    ctx: typer.Context, fmt: OutputFormat | None, as_json: bool, nl: bool, as_csv: bool, tsv: bool
) -> OutputFormat:
    """The format asked for; unasked, a rich table on a terminal and JSON Lines for pipes and files,
    one whole record a line, so `| head -n 1` is a record (as `gh` and `jq -c` pipelines expect)."""
    chosen = [
        f
        for f, on in (
            (OutputFormat.json, as_json),
            (OutputFormat.nl, nl),
            (OutputFormat.csv, as_csv),
            (OutputFormat.tsv, tsv),
        )
        if on
    ]
    source = ctx.get_parameter_source("fmt")
    given = source is not None and source.name == "COMMANDLINE"  # not from CLAIMTRACK_FORMAT
    if len(chosen) > 1 or (chosen and given and fmt is not chosen[0]):
        fail("choose one output format", EXIT_USAGE)
    if chosen:
        return chosen[0]
    if fmt is not None:
        return fmt
    return OutputFormat.table if on_terminal() else OutputFormat.nl


def _on_terminal() -> bool:
    """Whether standard output is a terminal: the only thing the default format depends on."""
    return sys.stdout.isatty()


def _stdin_on_terminal() -> bool:
    """Whether a question can be asked: standard input is a terminal."""
    return sys.stdin.isatty()


def on_terminal() -> bool:
    """`_on_terminal`, read where tests patch it: `claimtrack.cli._on_terminal`."""
    from claimtrack import cli

    return cli._on_terminal()


def stdin_on_terminal() -> bool:
    """`_stdin_on_terminal`, read where tests patch it: `claimtrack.cli._stdin_on_terminal`."""
    from claimtrack import cli

    return cli._stdin_on_terminal()


def fail(message: str, code: int = EXIT_INPUT) -> NoReturn:
    typer.echo(f"claimtrack: {safe(message)}", err=True)
    raise typer.Exit(code)


def safe(text: str) -> str:
    """Text with terminal escape sequences and control characters removed, for a message."""
    from claimtrack.serialize import safe_text

    return safe_text(text)


def warn(message: str) -> None:
    """A line on stderr that does not stop the command (a failed document, a note)."""
    typer.echo(f"claimtrack: {safe(message)}", err=True)


@contextmanager
def errors_as_messages() -> Iterator[None]:
    """Typed errors from the core become one line on stderr and an exit code."""
    from sqlite3 import Error as SqliteError

    from claimtrack.article import ArticleError
    from claimtrack.errors import InputError, NotFoundError, UsageError, WorkerError
    from claimtrack.lexicon import LexiconError
    from claimtrack.store import StoreError

    try:
        yield
    except StoreError as exc:
        fail(str(exc), EXIT_DATABASE)
    except SqliteError as exc:  # the store translates its own; this is the last guard
        fail(f"database error: {' '.join(str(exc).split())[:200]}", EXIT_DATABASE)
    except (ArticleError, NotFoundError, LexiconError, InputError) as exc:
        fail(str(exc), EXIT_INPUT)
    except UsageError as exc:
        fail(str(exc), EXIT_USAGE)
    except WorkerError as exc:
        fail(str(exc), EXIT_INPUT)
    except KeyboardInterrupt:
        interrupt_reported.set()
        fail("interrupted; every document already reported as ingested is complete", 130)


# set once the interrupt has its line: a second Ctrl-C on the way out must not print another
interrupt_reported = threading.Event()


def _version(value: bool) -> None:
    if value:
        typer.echo(f"claimtrack {__version__}")
        raise typer.Exit()


@app.callback()
def main_callback(
    ctx: typer.Context,
    db: Annotated[
        Path,
        typer.Option("--db", envvar="CLAIMTRACK_DB", help="SQLite file of the ledger (default data/claimtrack.db)."),
    ] = DEFAULT_DB,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    ctx.obj = Settings(db=db)


def ledger(ctx: typer.Context) -> Path:
    """The ledger's path, as --db or CLAIMTRACK_DB gives it."""
    settings = ctx.find_root().obj
    assert isinstance(settings, Settings)
    return settings.db


def on_wait() -> Callable[[str], None] | None:
    """Who hears that a write waits for another process: a person waiting is told why; a script gets silence."""
    if not sys.stderr.isatty():
        return None
    return lambda message: typer.echo(f"claimtrack: {message}", err=True)


def field_choice(names: str | None, fmt: OutputFormat | ExportFormat, *, whole: bool = False) -> tuple[str, ...] | None:
    """The claim fields to write: what --fields names, else the format's default (a compact set for
    JSON, or every field when `whole`; the spreadsheet columns for CSV); a field claims do not have
    is a usage error in any format."""
    from claimtrack import serialize

    default = serialize.CSV_FIELDS if fmt in ("csv", "tsv") else None if whole else serialize.LISTING_FIELDS
    try:
        return serialize.claim_fields(names, default)
    except serialize.FieldError as exc:
        fail(str(exc), EXIT_USAGE)


def emit_claims(
    claims: Sequence[StoredClaim],
    fmt: OutputFormat,
    title: str | None = None,
    empty: str = "No claims match.",
    fields: tuple[str, ...] | None = None,
) -> None:
    from claimtrack import serialize

    if fmt is OutputFormat.json:
        typer.echo(serialize.claims_to_json(claims, fields))
    elif fmt is OutputFormat.nl:
        typer.echo(serialize.claims_to_nl(claims, fields), nl=False)
    elif fmt in (OutputFormat.csv, OutputFormat.tsv):
        typer.echo(serialize.claims_to_csv(claims, "," if fmt is OutputFormat.csv else "\t", fields=fields), nl=False)
    else:
        from claimtrack import render  # rich is imported for tables only: start-up time

        render.claims_table(render.make_console(), list(claims), title, empty)


def emit_rows(rows: list[dict[str, object]], fmt: OutputFormat, table: Callable[[], None]) -> None:
    from claimtrack import serialize

    if fmt is OutputFormat.json:
        typer.echo(serialize.to_json(rows))
    elif fmt is OutputFormat.nl:
        typer.echo(serialize.rows_to_nl(rows), nl=False)
    elif fmt in (OutputFormat.csv, OutputFormat.tsv):
        typer.echo(serialize.rows_to_csv(rows, "," if fmt is OutputFormat.csv else "\t"), nl=False)
    else:
        table()
