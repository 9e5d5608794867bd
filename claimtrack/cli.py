"""The command line: parse options, call the service, hand results to the renderer.

Exit codes, the same for every command and output format, on a terminal or not: 0 ok (a
listing that matched nothing included: `list`, `search`, `show TERM`, `timeline`, `export`); 1 an
input or lookup that failed (a file, a date, an unknown claim id); 2 usage (a bad option value, a
side no actor has); 3 the ledger cannot be used; 130 interrupted. Errors are one line on stderr.
"""

from __future__ import annotations

import sqlite3
import sys
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from enum import Enum, StrEnum
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn, TypeVar

import typer

from claimtrack import __version__
from claimtrack.models import MAX_ROW_ID

if TYPE_CHECKING:
    from claimtrack.lexicon import Lexicon
    from claimtrack.models import Article, StoredClaim
    from claimtrack.service import IngestResult, IngestTally
    from claimtrack.store import ClaimFilter, Store

DEFAULT_DB = Path("data") / "claimtrack.db"
EXIT_INPUT, EXIT_USAGE, EXIT_DATABASE = 1, 2, 3
PROGRESS_THRESHOLD = 5
SHOW_LIMIT = 200  # claims about one term: a town in the news has thousands in an archive
SEARCH_LIMIT = 50  # the best matches, unless --limit asks for more
TABLE_LIMIT = 50  # claims `list` shows in a table unasked (a screenful or two); programs get them all
T = TypeVar("T")

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


def _claim_filter(
    disputed: bool,
    confirmed: bool,
    unverified: bool,
    source: str | None,
    side: str | None,
    about: list[str] | None,
    since: str | None,
    until: str | None,
    limit: int | None,
    first_reports_only: bool,
) -> ClaimFilter:
    from claimtrack.store import ClaimFilter

    return ClaimFilter(
        first_reports_only=first_reports_only,
        statuses=_statuses(disputed, confirmed, unverified),
        source=source,
        side=side,
        about=tuple(about or ()),
        since=_iso(since, "--since"),
        until=_iso(until, "--until"),
        limit=limit,
    )


def _format(
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
    return OutputFormat.table if _on_terminal() else OutputFormat.nl


def _on_terminal() -> bool:
    """Whether standard output is a terminal: the only thing the default format depends on."""
    return sys.stdout.isatty()


def fail(message: str, code: int = EXIT_INPUT) -> NoReturn:
    from claimtrack.article import safe_text

    typer.echo(f"claimtrack: {safe_text(message)}", err=True)
    raise typer.Exit(code)


@contextmanager
def errors_as_messages() -> Iterator[None]:
    """Typed errors from the core become one line on stderr and an exit code."""
    from claimtrack.article import ArticleError
    from claimtrack.lexicon import LexiconError
    from claimtrack.service import NotFoundError, WorkerError
    from claimtrack.store import StoreError

    try:
        yield
    except StoreError as exc:
        fail(str(exc), EXIT_DATABASE)
    except sqlite3.Error as exc:  # the store translates its own; this is the last guard
        fail(f"database error: {' '.join(str(exc).split())[:200]}", EXIT_DATABASE)
    except (ArticleError, NotFoundError, LexiconError) as exc:
        fail(str(exc), EXIT_INPUT)
    except WorkerError as exc:
        fail(str(exc), EXIT_INPUT)
    except KeyboardInterrupt:
        _interrupt_reported.set()
        fail("interrupted; every document already reported as ingested is complete", 130)


# set once the interrupt has its line: a second Ctrl-C on the way out must not print another
_interrupt_reported = threading.Event()


def _ignore_further_interrupts() -> None:
    """Once stopping, a second Ctrl-C must not interrupt the shutdown itself (the worker pool's exit
    hook would print a traceback from inside threading). Only for the process about to exit: an
    ignored SIGINT is inherited by every program it starts."""
    import signal
    import threading

    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGINT, signal.SIG_IGN)


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


def _settings(ctx: typer.Context) -> Settings:
    settings = ctx.find_root().obj
    assert isinstance(settings, Settings)
    return settings


def _open(ctx: typer.Context, *, readonly: bool = False) -> Store:
    from claimtrack.store import Store

    store = Store.open(_settings(ctx).db, readonly=readonly)
    if not readonly and sys.stderr.isatty():  # a person waiting is told why; a script gets silence
        store.on_wait = lambda message: typer.echo(f"claimtrack: {message}", err=True)
    ctx.call_on_close(store.close)
    return store


def _lexicon(store: Store | None = None) -> Lexicon:
    import os

    from claimtrack.lexicon import load_lexicon
    from claimtrack.service import effective_lexicon

    override = os.environ.get("CLAIMTRACK_LEXICON")
    lexicon = load_lexicon(Path(override) if override else None)
    return effective_lexicon(store, lexicon) if store is not None else lexicon


def _default_seeds() -> Path:
    """The article(s) shipped with the package (seeds/ of the repository), wherever it is run from."""
    bundled = Path(__file__).resolve().parent / "seeds"
    if bundled.is_dir():
        return bundled
    fail("this installation has no bundled seeds/; name the articles to ingest")


@dataclass(frozen=True)
class _Unreadable:
    origin: str
    error: str


@dataclass(frozen=True)
class _Batch:
    path: str


Source = str | Path | _Unreadable | _Batch


def _input_sources(paths: list[str], skipped: list[str]) -> list[Source]:
    """Every document the arguments name, not yet read: URLs and "-" as given, .jsonl/.ndjson files
    as batches, folders walked once into their article files (README-style files left out, and
    added to `skipped`), and what cannot be an input with its error."""
    from claimtrack.article import is_batch_file, scan_folder

    sources: list[Source] = []
    for raw in paths:
        path = Path(raw)
        if raw == "-" or raw.lower().startswith(("http://", "https://")):
            sources.append(raw)
        elif not path.exists():
            sources.append(_Unreadable(raw, f"{raw}: no such file or folder"))
        elif path.is_dir():
            scan = scan_folder(path)
            skipped.extend(str(p) for p in scan.skipped)
            sources.extend(scan.articles or [_Unreadable(raw, f"{raw}: no .txt, .md or .html articles in this folder")])
        elif is_batch_file(path):
            sources.append(_Batch(raw))
        else:
            sources.append(path)
    return sources


def _read_inputs(
    sources: list[Source],
    overrides: dict[str, str | None],
    timeout: float = 15.0,
    allow_private: bool = False,
) -> Iterator[tuple[str, Article | str]]:
    """(origin, article) for every source, read as it is needed, or (origin, error message)."""
    from claimtrack.article import ArticleError, decode, parse_article, read_article_file, read_capped, with_overrides

    for source in sources:
        if isinstance(source, _Unreadable):
            yield source.origin, source.error
            continue
        if isinstance(source, _Batch):
            yield from _read_jsonl(source.path)
            continue
        origin = "<stdin>" if source == "-" else str(source)
        try:
            if isinstance(source, Path):
                article = read_article_file(source)
            elif source == "-":
                article = parse_article(decode(read_capped(sys.stdin.buffer, origin), origin), origin)
            else:
                from claimtrack.web import AddressPolicy, article_from_url

                policy = AddressPolicy.typed(source, allow_private=allow_private)
                article = article_from_url(source, timeout=timeout, policy=policy)
            yield origin, with_overrides(article, **overrides)
        except ArticleError as exc:
            yield origin, str(exc)


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
    from claimtrack.article import ArticleError, content_hash, parse_date, safe_text
    from claimtrack.parallel import prepared_stream
    from claimtrack.service import IngestResult, Prepared, store_prepared
    from claimtrack.store import StoreError

    with errors_as_messages():
        report = _IngestReport(_format(ctx, fmt, as_json, nl, as_csv, tsv))
        if published:
            try:
                parse_date(published, "--published")
            except ArticleError as exc:
                fail(str(exc))
        batch = feed or load or jsonl
        targets = paths or ([] if batch else [str(_default_seeds())])
        overrides = {"published": published, "title": title, "outlet": outlet, "url": url}
        store = _open(ctx)
        lexicon = _lexicon(store)
        sources = _input_sources(targets, report.skipped)
        inputs: Iterable[tuple[str, Article | str]] = _read_inputs(sources, overrides, timeout, allow_private_addresses)
        # unknown with a batch: it is read as it is stored
        total: int | None = None if any(isinstance(s, _Batch) for s in sources) else len(sources)
        if jsonl:
            inputs, total = chain(inputs, _read_jsonl(jsonl)), None
        if feed or load:
            inputs, total = chain(inputs, _read_feed(store, feed, load, timeout, allow_private_addresses)), None
        stored = lambda article: store.document_id_by_hash(content_hash(article)) is not None  # noqa: E731
        stream = prepared_stream(inputs, lexicon, jobs, stored)
        try:
            for origin, item in _progress(stream, total):
                if isinstance(item, str):
                    report.add(IngestResult(origin, error=item))
                    typer.echo(f"claimtrack: {safe_text(item)}", err=True)
                elif isinstance(item, Prepared):
                    report.add(store_prepared(store, item, lexicon))
                else:
                    document_id = store.document_id_by_hash(content_hash(item))
                    report.add(IngestResult(origin, item.title, document_id, already=True))
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
            _emit_rows([*self.records, *skipped], self.fmt, lambda: None)


def _tally() -> IngestTally:
    from claimtrack.service import IngestTally

    return IngestTally()


def _read_jsonl(source: str) -> Iterator[tuple[str, Article | str]]:
    """Each line of a JSON Lines batch as it is needed; a batch over its cap is one error, nothing stored."""
    from claimtrack.article import MAX_BATCH_BYTES, ArticleError, decode, read_capped, read_file_capped
    from claimtrack.web import articles_from_jsonl

    try:
        if source == "-":
            data = read_capped(sys.stdin.buffer, source, MAX_BATCH_BYTES)
        else:
            data = read_file_capped(Path(source), MAX_BATCH_BYTES)
        text = decode(data, source, MAX_BATCH_BYTES)
    except ArticleError as exc:
        yield source, str(exc)
        return
    del data  # the text alone is held while the lines are ingested
    yield from articles_from_jsonl(text, source)


def _read_feed(
    store: Store, feed: str | None, load: Path | None, timeout: float = 15.0, allow_private: bool = False
) -> Iterator[tuple[str, Article | str]]:
    """Each entry of a feed not ingested before, fetched only when the one before is stored (a killed
    run keeps what it stored), at most MAX_FEED_ENTRIES a run; the feed's own text stands in for a
    page that cannot be had, and the feed's date wins over the page's."""
    from claimtrack.article import MAX_FEED_BYTES, ArticleError, read_file_capped, safe_text
    from claimtrack.web import MAX_FEED_ENTRIES, AddressPolicy, entry_article, feed_entries, fetch

    origin = feed or str(load)
    # links on the typed feed's own origin are fetched as asked; a saved feed vouches for no address
    policy = AddressPolicy.typed(*([feed] if feed else []), allow_private=allow_private)
    try:
        if feed:
            content = fetch(feed, timeout=timeout, max_bytes=MAX_FEED_BYTES, policy=policy).content
        else:
            content = read_file_capped(Path(str(load)), MAX_FEED_BYTES)
        entries = feed_entries(content, origin)
    except ArticleError as exc:
        yield origin, str(exc)
        return
    new = (entry for entry in entries if store.document_id_by_url(entry.url) is None)
    for count, entry in enumerate(new):
        if count == MAX_FEED_ENTRIES:
            yield origin, f"{origin}: more than {MAX_FEED_ENTRIES} new entries; the rest are left for the next run"
            return
        try:
            article, note = entry_article(entry, policy, timeout=timeout)
        except ArticleError as exc:
            yield entry.url, str(exc)
            continue
        if note:
            typer.echo(f"claimtrack: {safe_text(note)}", err=True)
        yield entry.url, article


def _progress(items: Iterable[T], total: int | None) -> Iterator[T]:
    if (total is not None and total < PROGRESS_THRESHOLD) or not sys.stderr.isatty():
        yield from items
        return
    from rich.console import Console
    from rich.progress import track

    # on stderr, which is what was checked: stdout may be a file of results, and errors printed
    # meanwhile go above the bar
    console = Console(stderr=True)
    yield from track(items, total=total, description="ingesting", console=console, transient=True)


def _statuses(disputed: bool, confirmed: bool, unverified: bool) -> tuple[str, ...]:
    return tuple(
        name for name, on in (("disputed", disputed), ("confirmed", confirmed), ("unverified", unverified)) if on
    )


def _iso(value: str | None, option: str) -> str | None:
    from claimtrack.article import ArticleError, parse_date

    if value is None:
        return None
    try:
        return parse_date(value, option).isoformat()
    except ArticleError as exc:
        fail(str(exc))


def _check_side(store: Store, side: str | None) -> None:
    """A side filter must name a side the ledger could hold: a typo would silently match nothing."""
    from claimtrack.service import known_sides

    if side is None:
        return
    known = known_sides(store, _lexicon(store))
    if side.strip().casefold() not in known:
        fail(f"unknown side {side!r}: one of {', '.join(sorted(known))}", EXIT_USAGE)


def _claim_id(text: str) -> int:
    """A claim id typed as a command's argument; one too large for the ledger names no claim."""
    number = int(text.strip())
    if number > MAX_ROW_ID:
        fail(f"no claim with id {number}")
    return number


def _fields(names: str | None, fmt: OutputFormat | ExportFormat, *, whole: bool = False) -> tuple[str, ...] | None:
    """The claim fields to write: what --fields names, else the format's default (a compact set for
    JSON, or every field when `whole`; the spreadsheet columns for CSV); a field claims do not have
    is a usage error in any format."""
    from claimtrack import serialize

    default = serialize.CSV_FIELDS if fmt in ("csv", "tsv") else None if whole else serialize.LISTING_FIELDS
    try:
        return serialize.claim_fields(names, default)
    except serialize.FieldError as exc:
        fail(str(exc), EXIT_USAGE)


def _emit_claims(
    claims: list[StoredClaim],
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

        render.claims_table(render.make_console(), claims, title, empty)


def _emit_rows(rows: list[dict[str, object]], fmt: OutputFormat, table: Callable[[], None]) -> None:
    from claimtrack import serialize

    if fmt is OutputFormat.json:
        typer.echo(serialize.to_json(rows))
    elif fmt is OutputFormat.nl:
        typer.echo(serialize.rows_to_nl(rows), nl=False)
    elif fmt in (OutputFormat.csv, OutputFormat.tsv):
        typer.echo(serialize.rows_to_csv(rows, "," if fmt is OutputFormat.csv else "\t"), nl=False)
    else:
        table()


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
    from claimtrack.service import count_claims, list_claims

    with errors_as_messages():
        chosen = _format(ctx, fmt, as_json, nl, as_csv, tsv)
        selected = _fields(fields, chosen)
        capped = limit is None and chosen is OutputFormat.table  # a table shows a screenful unasked
        shown = TABLE_LIMIT if capped else (limit or None)
        flt = _claim_filter(disputed, confirmed, unverified, source, side, about, since, until, shown, True)
        store = _open(ctx, readonly=True)
        _check_side(store, side)
        lexicon = _lexicon(store) if about else None
        claims = list_claims(store, flt, lexicon)
        _emit_claims(claims, chosen, fields=selected)
        if capped and len(claims) == TABLE_LIMIT:
            more = count_claims(store, flt, lexicon) - len(claims)
            if more:
                typer.echo(f"... and {more} more claim(s): --limit N to see more, --limit 0 for all")


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
    from claimtrack.service import NotFoundError, claim_detail, claims_about

    with errors_as_messages():
        chosen = _format(ctx, fmt, as_json, nl, as_csv, tsv)
        selected = _fields(fields, chosen)
        store = _open(ctx, readonly=True)
        if term.strip().isdigit():
            detail = claim_detail(store, _claim_id(term))
            if chosen is OutputFormat.table:
                from claimtrack import render

                render.claim_detail(render.make_console(), detail)
                return
            # one claim in full, unless --fields says otherwise
            data = serialize.claim_detail_to_dict(detail, selected if fields is not None else None)
            if chosen is OutputFormat.json:
                typer.echo(serialize.to_json([data]))
            elif chosen is OutputFormat.nl:
                typer.echo(serialize.rows_to_nl([data]), nl=False)
            else:
                _emit_claims([detail.claim], chosen, fields=selected)
            return
        try:
            report = claims_about(store, term, _lexicon(store), limit or None)
        except NotFoundError:  # nothing about it: an empty listing, exit 0, in every format
            _emit_claims([], chosen, empty=f"No claims about {term!r}.", fields=selected)
            return
        if chosen is OutputFormat.table:
            from claimtrack import render

            render.term_report(render.make_console(), report)
        else:
            _emit_claims(list(report.claims), chosen, fields=selected)


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
    from claimtrack.service import search as run_search

    with errors_as_messages():
        chosen = _format(ctx, fmt, as_json, nl, as_csv, tsv)
        selected = _fields(fields, chosen)
        limit = SEARCH_LIMIT if limit is None else (limit or None)
        flt = _claim_filter(disputed, confirmed, unverified, source, side, about, since, until, limit, False)
        store = _open(ctx, readonly=True)
        _check_side(store, side)
        claims = run_search(store, query, flt, _lexicon(store) if about else None)
        _emit_claims(claims, chosen, f"Search: {query}", f"No claims match {query!r}.", selected)


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
    import datetime as dt

    from claimtrack import render
    from claimtrack.serialize import LEFT_OUT_OF_LISTINGS, claim_to_dict
    from claimtrack.service import review as queue

    with errors_as_messages():
        since = _iso(changed_since, "--changed-since")
        items = queue(_open(ctx, readonly=True), dt.date.today(), days, since)
        rows: list[dict[str, object]] = [
            {"why": i.why, **{k: v for k, v in claim_to_dict(i.claim).items() if k not in LEFT_OUT_OF_LISTINGS}}
            for i in items
        ]
        _emit_rows(
            rows, _format(ctx, fmt, as_json, nl, as_csv, tsv), lambda: render.review_table(render.make_console(), items)
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
    from claimtrack.service import claims_for_review_export, list_claims
    from claimtrack.store import ClaimFilter

    if raw_cells and fmt not in (ExportFormat.csv, ExportFormat.tsv):
        fail("--raw-cells applies to --format csv or tsv only", EXIT_USAGE)
    with errors_as_messages():
        selected = _fields(fields, fmt, whole=True)  # an export is the whole record unless asked
        store = _open(ctx, readonly=True)
        claims = _claims_about(store, about) if about else list_claims(store, ClaimFilter())
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
            reviews = [serialize.claim_review(c, reports) for c, reports in claims_for_review_export(store, claims)]
            data = serialize.to_json(reviews)
        if output is None:
            typer.echo(data, nl=not data.endswith("\n"))
            return
        _write_whole(output, data)


def _claims_about(store: Store, term: str) -> list[StoredClaim]:
    """Every claim about a term; none (not an error) when nothing is about it."""
    from claimtrack.service import NotFoundError, claims_about

    try:
        return list(claims_about(store, term, _lexicon(store)).claims)
    except NotFoundError:
        return []


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
    import datetime as dt

    from claimtrack import render
    from claimtrack.extract import explain_sentence
    from claimtrack.service import claim_detail, stored_readings

    with errors_as_messages():
        if not sentence.strip():
            fail("the sentence is empty")
        date = _iso(published, "--published")
        store = _open(ctx, readonly=True) if _settings(ctx).db.exists() else None
        if sentence.strip().isdigit():
            if store is None:
                fail(f"{_settings(ctx).db}: no ledger to look claim {sentence.strip()} up in")
            detail = claim_detail(store, _claim_id(sentence))
            sentence, date = detail.claim.sentence, date or detail.claim.published
        when = dt.date.fromisoformat(date[:10]) if date else None
        reading = explain_sentence(sentence, _lexicon(store), context, when)
        stored = stored_readings(store, sentence) if store is not None else []
        if as_json or (fmt or _explain_default()) is ExplainFormat.json:
            from claimtrack import serialize

            typer.echo(serialize.dumps(serialize.explanation_to_dict(reading, stored), indent=2))
            return
        render.explanation(render.make_console(), reading, stored)


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
    from claimtrack.evaluate import score_corpus

    with errors_as_messages():
        if not corpus.is_dir():
            fail(f"{corpus}: not a folder")
        if not any(corpus.glob("*.gold.json")):
            fail(f"{corpus}: no annotated articles (NAME.txt with NAME.gold.json)")
        report = score_corpus(corpus, _lexicon())
        if verbose:
            for line in report.misses:
                typer.echo(line)
        typer.echo(report.confusion_line())
        typer.echo(report.summary(min_f1, min_status, min_show, max_misleading))
        if report.short(min_f1, min_status, min_show, max_misleading):
            raise typer.Exit(1)


class VerdictStatus(StrEnum):
    confirmed = "confirmed"
    disputed = "disputed"
    unverified = "unverified"


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


def _explain_default() -> ExplainFormat:
    """explain has two formats: a table where the listings would print one, JSON where they would not."""
    import os

    wanted = os.environ.get("CLAIMTRACK_FORMAT")
    table = wanted == "table" if wanted else _on_terminal()
    return ExplainFormat.table if table else ExplainFormat.json


class TimelineOrder(StrEnum):
    event = "event"
    published = "published"


@app.command(
    epilog="Example: claimtrack verdict 4 confirmed --note 'geolocated footage' --evidence https://example.org/post"
)
def verdict(
    ctx: typer.Context,
    claim_id: Annotated[int, typer.Argument(min=1, max=MAX_ROW_ID, help="The claim's id.")],
    status: Annotated[VerdictStatus | None, typer.Argument(help="confirmed, disputed or unverified.")] = None,
    note: Annotated[str | None, typer.Option(help="Why: the analyst's reasoning (required with a status).")] = None,
    evidence: Annotated[list[str] | None, typer.Option(help="A URL or reference; repeat for several.")] = None,
    by: Annotated[str | None, typer.Option(help="Who made the judgement.")] = None,
    clear: Annotated[bool, typer.Option("--clear", help="Withdraw the active verdict.")] = False,
) -> None:
    """Record an analyst verdict that outranks the computed status, or --clear it."""
    from claimtrack import render
    from claimtrack.models import Status
    from claimtrack.service import clear_verdict, set_verdict

    with errors_as_messages():
        if clear and status is not None:
            fail("give a status or --clear, not both", EXIT_USAGE)
        if not clear and status is None:
            fail("give a status (confirmed, disputed or unverified), or --clear to withdraw a verdict", EXIT_USAGE)
        if status is not None and (not note or not note.strip()):
            fail("a verdict needs --note: say why", EXIT_USAGE)
        store = _open(ctx)
        if clear:
            detail = clear_verdict(store, claim_id)
        else:
            assert status is not None
            assert note is not None
            detail = set_verdict(store, claim_id, Status(status.value), note.strip(), evidence or [], by)
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
    from claimtrack import render
    from claimtrack.service import NotFoundError, timeline

    with errors_as_messages():
        store = _open(ctx, readonly=True)
        try:
            entries = timeline(store, term, _lexicon(store), by.value)
        except NotFoundError:
            entries = []  # a listing that matched nothing, as `list` and `search`: exit 0
        rows: list[dict[str, object]] = [
            {
                "date": e.date,
                "kind": e.kind,
                "claim": e.claim.id,
                "status": e.status,
                "source": e.claim.source,
                "side": e.claim.side,
                "text": e.text,
            }
            for e in entries
        ]
        _emit_rows(
            rows,
            _format(ctx, fmt, as_json, nl, as_csv, tsv),
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
    from claimtrack import render
    from claimtrack.service import sources

    with errors_as_messages():
        store = _open(ctx, readonly=True)
        _check_side(store, side)
        records = sources(store, side, sort.value)
        rows: list[dict[str, object]] = [dict(r.__dict__) for r in records]
        _emit_rows(
            rows,
            _format(ctx, fmt, as_json, nl, as_csv, tsv),
            lambda: render.sources_table(render.make_console(), records),
        )


@app.command(epilog="Example: claimtrack serve --port 8001, then open http://127.0.0.1:8001/")
def serve(
    ctx: typer.Context,
    host: Annotated[str, typer.Option(help="Address to listen on (localhost by default).")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8001,
    immutable: Annotated[
        bool,
        typer.Option(
            "--immutable",
            help="Treat the file as unchanging (faster; only while nothing ingests into it).",
        ),
    ] = False,
) -> None:
    """Browse the ledger read-only in Datasette (needs the web extra: pip install 'claimtrack[web]').
    Anyone who reaches the port can read every claim and run read-only SQL."""
    from claimtrack import browse
    from claimtrack.article import safe_text

    db = _settings(ctx).db

    def announce() -> None:
        typer.echo(f"serving {safe_text(str(db))} read-only at http://{host}:{port}/ (Ctrl-C to stop)", err=True)
        if not browse.is_loopback(host):
            typer.echo(
                f"claimtrack: warning: {safe_text(host)} is reachable from other machines; anyone who reaches "
                "it can read the whole ledger",
                err=True,
            )

    with errors_as_messages():
        if not browse.datasette_available():
            fail("serve needs Datasette: pip install 'claimtrack[web]'")
        if not db.exists():
            fail(f"no ledger at {db}: ingest an article first", EXIT_DATABASE)
        _open(ctx, readonly=True).close()  # a damaged or newer ledger is refused before the port opens
        try:
            code = browse.serve(db, host, port, immutable=immutable, announce=announce)
        except browse.ServeError as exc:
            fail(str(exc), EXIT_DATABASE if exc.database else EXIT_INPUT)
        raise typer.Exit(code)


@app.command(epilog="Example: claimtrack backup /media/usb/claimtrack-2025-02-08.db")
def backup(
    ctx: typer.Context,
    target: Annotated[Path, typer.Argument(help="Where to write the copy.")],
) -> None:
    """Copy the ledger with SQLite's online backup (safe while others read or write)."""
    with errors_as_messages():
        if target.resolve() == _settings(ctx).db.resolve():
            fail("the backup must go to another file than the ledger")
        store = _open(ctx, readonly=True)
        store.backup(target)
        counts = store.counts()
        typer.echo(f"backed up {counts['documents']} documents and {counts['claims']} claims to {target}")


@app.command(epilog="Example: claimtrack check")
def check(ctx: typer.Context) -> None:
    """Check the ledger: integrity, foreign keys, schema version, full-text index, orphan rows."""
    from claimtrack.article import safe_text

    with errors_as_messages():
        store = _open(ctx, readonly=True)
        problems = store.integrity_problems()
        counts = store.counts()
        summary = ", ".join(f"{n} {t.replace('_', ' ')}" for t, n in counts.items())
        if problems:
            for problem in problems:
                typer.echo(f"problem: {safe_text(problem)}", err=True)
            typer.echo(f"claimtrack: {len(problems)} problem(s) in {_settings(ctx).db}", err=True)
            raise typer.Exit(1)
        typer.echo(f"ok: schema {store.schema_version}; {summary}")


@actors_app.callback(invoke_without_command=True, epilog="Example: claimtrack actors --side independent")
def actors_list(
    ctx: typer.Context,
    side: Annotated[str | None, typer.Option(help="Only actors of this side.")] = None,
    fmt: FormatOption = None,
    as_json: JsonOption = False,
    nl: NlOption = False,
    as_csv: CsvOption = False,
    tsv: TsvOption = False,
) -> None:
    """Actors in the ledger with their claim counts."""
    if ctx.invoked_subcommand is not None:
        return
    from claimtrack import render
    from claimtrack.service import actors

    with errors_as_messages():
        store = _open(ctx, readonly=True)
        _check_side(store, side)
        records = actors(store, side)
        _emit_rows(
            [dict(r.__dict__) for r in records],
            _format(ctx, fmt, as_json, nl, as_csv, tsv),
            lambda: render.actors_table(render.make_console(), records),
        )


@actors_app.command(
    "add", epilog="Example: claimtrack actors add 'Oksana Bilyk' --side ukraine --alias Bilyk --kind person --reresolve"
)
def actors_add(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="Canonical name.")],
    side: Annotated[str, typer.Option(help="The side it speaks for (ukraine, russia, independent, ...).")],
    alias: Annotated[list[str] | None, typer.Option(help="Another name; repeat for several.")] = None,
    kind: Annotated[str, typer.Option(help="person, organisation or group.")] = "organisation",
    reresolve: Annotated[bool, typer.Option(help="Apply to claims already stored.")] = False,
    new_side: Annotated[
        bool, typer.Option("--new-side", help="SIDE is a side no actor has yet (a new conflict), not a typo.")
    ] = False,
) -> None:
    """Add an actor (or update its side and aliases); later ingests use it."""
    from claimtrack.article import safe_text
    from claimtrack.service import add_actor
    from claimtrack.service import reresolve as apply

    with errors_as_messages():
        if kind not in {"person", "organisation", "group"}:
            fail("--kind must be person, organisation or group")
        if not name.strip() or not side.strip():
            fail("an actor needs a name and a side")
        store = _open(ctx)
        if not new_side:
            _check_side(store, side)
        actor = add_actor(store, name, side, alias or [], kind)
        typer.echo(f"actor {safe_text(actor.name)} ({safe_text(actor.side)}) with {len(actor.aliases)} alias(es)")
        if reresolve:
            typer.echo(f"{apply(store, _lexicon(store))} earlier claim(s) re-attributed")


@actors_app.command("alias", epilog="Example: claimtrack actors alias 'the Ukrainian leader' Zelenskyy")
def actors_alias(
    ctx: typer.Context,
    alias: Annotated[str, typer.Argument(help="The new name, as articles write it.")],
    name: Annotated[str, typer.Argument(help="The actor it names (any known name).")],
    reresolve: Annotated[bool, typer.Option(help="Apply to claims already stored.")] = False,
) -> None:
    """Make ALIAS another name of the actor NAME."""
    from claimtrack.article import safe_text
    from claimtrack.service import add_alias
    from claimtrack.service import reresolve as apply

    with errors_as_messages():
        store = _open(ctx)
        actor = add_alias(store, alias, name, _lexicon(store))
        typer.echo(f"{safe_text(repr(alias))} now names {safe_text(actor.name)} ({safe_text(actor.side)})")
        if reresolve:
            typer.echo(f"{apply(store, _lexicon(store))} earlier claim(s) re-attributed")


def _stdin_on_terminal() -> bool:
    """Whether a question can be asked: standard input is a terminal (tests patch this)."""
    return sys.stdin.isatty()


@documents_app.callback(invoke_without_command=True, epilog="Example: claimtrack documents --json")
def documents_list(
    ctx: typer.Context,
    fmt: FormatOption = None,
    as_json: JsonOption = False,
    nl: NlOption = False,
    as_csv: CsvOption = False,
    tsv: TsvOption = False,
) -> None:
    """The documents in the ledger, in the order they were ingested, with their claim counts."""
    if ctx.invoked_subcommand is not None:
        return
    from claimtrack import render, serialize
    from claimtrack.service import list_documents

    with errors_as_messages():
        store = _open(ctx, readonly=True)
        documents = list_documents(store)
        _emit_rows(
            [serialize.document_to_dict(d) for d in documents],
            _format(ctx, fmt, as_json, nl, as_csv, tsv),
            lambda: render.documents_table(render.make_console(), documents),
        )


@documents_app.command("remove", epilog="Example: claimtrack documents remove 12    (or without asking: --yes)")
def documents_remove(
    ctx: typer.Context,
    document_id: Annotated[
        int, typer.Argument(min=1, max=MAX_ROW_ID, help="The document's id, as 'claimtrack documents' lists it.")
    ],
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Remove without asking.")] = False,
) -> None:
    """Remove a document ingested by mistake, with its claims; every status it moved is computed
    again, each change in the claim's history."""
    from claimtrack.article import safe_text
    from claimtrack.service import NotFoundError, remove_document

    with errors_as_messages():
        if not yes and not _stdin_on_terminal():
            fail("documents remove asks before removing: give --yes to remove without asking", EXIT_USAGE)
        store = _open(ctx)
        document = store.document(document_id)
        if document is None:
            raise NotFoundError(f"no document with id {document_id}")
        if not yes:
            question = (
                f"Remove document #{document.id} ({safe_text(document.origin)}) and its {document.claims} claim(s)?"
            )
            try:
                confirmed = typer.confirm(question, default=False)
            except typer.Abort:  # Ctrl-C or end of input at the question
                fail("interrupted; nothing removed", 130)
            if not confirmed:
                fail("nothing removed", EXIT_INPUT)
        result = remove_document(store, document_id, _lexicon(store))
        typer.echo(
            f"removed document #{result.document_id} ({safe_text(result.origin)}) and its {result.claims} "
            f"claim(s); {result.changed} claim(s) of other documents changed status"
        )


VALIDATION_WORDING = (  # the validator's phrasing, and what a person would say
    ("Value error, ", ""),
    ("Input should be a valid integer, unable to parse string as an integer", "not a whole number"),
    ("Input should be a valid integer", "not a whole number"),
    ("Input should be a valid number, unable to parse string as a number", "not a number"),
    ("Input should be a valid number", "not a number"),
)


def _plain_words(message: str) -> str:
    for machine, plain in VALIDATION_WORDING:
        message = message.replace(machine, plain)
    return message


METAVARS = {"str": "TEXT", "list[str]": "TEXT", "int": "INTEGER", "float": "NUMBER", "Path": "PATH"}


def _click_style_metavars(command: object) -> None:
    """Help in the words of Click and most CLIs (`--limit INTEGER`, `--by [event|published]`), not
    the type names the Typer version prints (`<int range>`, `<str>`)."""
    for param in getattr(command, "params", ()):
        if getattr(param, "metavar", None) or getattr(param, "is_flag", False):
            continue
        if getattr(param, "param_type_name", "") == "argument":
            param.metavar = str(param.name).upper()
            continue
        annotation = getattr(getattr(param, "type_descriptor", None), "annotation", None)
        if isinstance(annotation, type) and issubclass(annotation, Enum):
            param.metavar = "[" + "|".join(str(member.value) for member in annotation) + "]"
        else:
            param.metavar = METAVARS.get(repr(param.bare_type()).strip("'"), "TEXT")
    for sub in getattr(command, "commands", {}).values():
        _click_style_metavars(sub)


def main() -> None:
    """Run the CLI; a usage error is one line on stderr too (click would print a usage block)."""
    import typer.main

    root = typer.main.get_command(app)
    _click_style_metavars(root)
    try:
        code = root.main(prog_name="claimtrack", standalone_mode=False)
    except Exception as exc:
        # typer ships its own click, so its errors are recognised by shape, not by class
        if not (hasattr(exc, "format_message") and hasattr(exc, "exit_code")):
            raise
        if type(exc).__name__ == "NoArgsIsHelpError":  # plain `claimtrack`: the help, as asked for
            typer.echo(str(exc.format_message()))
            sys.exit(0)
        from claimtrack.article import safe_text  # not imported before it is needed: start-up time

        message = safe_text(_plain_words(" ".join(str(exc.format_message()).split())))
        command = getattr(getattr(exc, "ctx", None), "command_path", None) or "claimtrack"
        typer.echo(f"claimtrack: {message} (see '{command} --help')", err=True)
        sys.exit(int(exc.exit_code))
    except KeyboardInterrupt:
        _ignore_further_interrupts()
        if not _interrupt_reported.is_set():
            typer.echo("claimtrack: interrupted", err=True)
        sys.exit(130)
    if type(code).__name__ == "Abort":
        code = 130
    if code == 130:
        _ignore_further_interrupts()
    sys.exit(code if isinstance(code, int) else 0)
