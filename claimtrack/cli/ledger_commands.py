"""The commands about the ledger as a whole and what it knows of sources: serve, backup, check,
actors (list, add, alias) and documents (list, remove). Each parses its options, makes one call to
`claimtrack.queries` or `claimtrack.changes`, and prints what it returns."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from claimtrack.cli.common import (
    EXIT_DATABASE,
    EXIT_INPUT,
    EXIT_USAGE,
    CsvOption,
    FormatOption,
    JsonOption,
    NlOption,
    TsvOption,
    actors_app,
    app,
    documents_app,
    emit_rows,
    errors_as_messages,
    fail,
    ledger,
    on_wait,
    output_format,
    safe,
    stdin_on_terminal,
)
from claimtrack.models import MAX_ROW_ID

if TYPE_CHECKING:
    from claimtrack.models import Actor, DocumentSummary


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
    from claimtrack.browse import ServeError
    from claimtrack.queries import serve as run

    db = ledger(ctx)

    def announce(exposed: bool) -> None:
        typer.echo(f"serving {safe(str(db))} read-only at http://{host}:{port}/ (Ctrl-C to stop)", err=True)
        if exposed:
            typer.echo(
                f"claimtrack: warning: {safe(host)} is reachable from other machines; anyone who reaches "
                "it can read the whole ledger",
                err=True,
            )

    with errors_as_messages():
        try:
            code = run(db, host, port, immutable=immutable, announce=announce)
        except ServeError as exc:
            fail(str(exc), EXIT_DATABASE if exc.database else EXIT_INPUT)
        raise typer.Exit(code)


@app.command(epilog="Example: claimtrack backup /media/usb/claimtrack-2025-02-08.db")
def backup(
    ctx: typer.Context,
    target: Annotated[Path, typer.Argument(help="Where to write the copy.")],
) -> None:
    """Copy the ledger with SQLite's online backup (safe while others read or write)."""
    from claimtrack.queries import backup as copy

    with errors_as_messages():
        counts = copy(ledger(ctx), target)
        typer.echo(f"backed up {counts['documents']} documents and {counts['claims']} claims to {target}")


@app.command(epilog="Example: claimtrack check")
def check(ctx: typer.Context) -> None:
    """Check the ledger: integrity, foreign keys, schema version, full-text index, orphan rows."""
    from claimtrack.queries import check as checked

    with errors_as_messages():
        found = checked(ledger(ctx))
        summary = ", ".join(f"{n} {t.replace('_', ' ')}" for t, n in found.counts.items())
        if found.problems:
            for problem in found.problems:
                typer.echo(f"problem: {safe(problem)}", err=True)
            typer.echo(f"claimtrack: {len(found.problems)} problem(s) in {ledger(ctx)}", err=True)
            raise typer.Exit(1)
        typer.echo(f"ok: schema {found.schema_version}; {summary}")


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
    from claimtrack import render, serialize
    from claimtrack.queries import actor_counts

    with errors_as_messages():
        records = actor_counts(ledger(ctx), side)
        emit_rows(
            [serialize.actor_count_to_dict(r) for r in records],
            output_format(ctx, fmt, as_json, nl, as_csv, tsv),
            lambda: render.actors_table(render.make_console(), records),
        )


def _added(actor: Actor) -> None:
    typer.echo(f"actor {safe(actor.name)} ({safe(actor.side)}) with {len(actor.aliases)} alias(es)")


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
    from claimtrack.changes import define_actor

    with errors_as_messages():
        if kind not in {"person", "organisation", "group"}:
            fail("--kind must be person, organisation or group")
        if not name.strip() or not side.strip():
            fail("an actor needs a name and a side")
        moved = define_actor(
            ledger(ctx),
            name,
            side,
            alias or [],
            kind,
            new_side=new_side,
            reattribute=reresolve,
            added=_added,
            on_wait=on_wait(),
        )
        if moved is not None:
            typer.echo(f"{moved} earlier claim(s) re-attributed")


@actors_app.command("alias", epilog="Example: claimtrack actors alias 'the Ukrainian leader' Zelenskyy")
def actors_alias(
    ctx: typer.Context,
    alias: Annotated[str, typer.Argument(help="The new name, as articles write it.")],
    name: Annotated[str, typer.Argument(help="The actor it names (any known name).")],
    reresolve: Annotated[bool, typer.Option(help="Apply to claims already stored.")] = False,
) -> None:
    """Make ALIAS another name of the actor NAME."""
    from claimtrack.changes import alias_actor

    def added(actor: Actor) -> None:
        typer.echo(f"{safe(repr(alias))} now names {safe(actor.name)} ({safe(actor.side)})")

    with errors_as_messages():
        moved = alias_actor(ledger(ctx), alias, name, reattribute=reresolve, added=added, on_wait=on_wait())
        if moved is not None:
            typer.echo(f"{moved} earlier claim(s) re-attributed")


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
    from claimtrack.queries import documents

    with errors_as_messages():
        found = documents(ledger(ctx))
        emit_rows(
            [serialize.document_to_dict(d) for d in found],
            output_format(ctx, fmt, as_json, nl, as_csv, tsv),
            lambda: render.documents_table(render.make_console(), found),
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
    from claimtrack.changes import remove

    def confirm(document: DocumentSummary) -> bool:
        question = f"Remove document #{document.id} ({safe(document.origin)}) and its {document.claims} claim(s)?"
        try:
            return typer.confirm(question, default=False)
        except typer.Abort:  # Ctrl-C or end of input at the question
            fail("interrupted; nothing removed", 130)

    with errors_as_messages():
        if not yes and not stdin_on_terminal():
            fail("documents remove asks before removing: give --yes to remove without asking", EXIT_USAGE)
        result = remove(ledger(ctx), document_id, confirm=None if yes else confirm, on_wait=on_wait())
        if result is None:
            fail("nothing removed", EXIT_INPUT)
        typer.echo(
            f"removed document #{result.document_id} ({safe(result.origin)}) and its {result.claims} "
            f"claim(s); {result.changed} claim(s) of other documents changed status"
        )
