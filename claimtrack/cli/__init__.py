"""The command line: parse options, call the service, hand results to the renderer.

A face only: each command parses its options, makes one call to the service layer
(`claimtrack.ingest`, `claimtrack.queries`, `claimtrack.changes`), hands what it returns to
`claimtrack.render` or `claimtrack.serialize`, and maps typed errors to exit codes
(`common.errors_as_messages`). The commands live in `ingest_command`, `claim_commands` and
`ledger_commands`, registered on `common.app` in the order `--help` lists them.

Exit codes, the same for every command and output format, on a terminal or not: 0 ok (a
listing that matched nothing included: `list`, `search`, `show TERM`, `timeline`, `export`); 1 an
input or lookup that failed (a file, a date, an unknown claim id); 2 usage (a bad option value, a
side no actor has); 3 the ledger cannot be used; 130 interrupted. Errors are one line on stderr.
"""

from __future__ import annotations

import sys
from enum import Enum

from claimtrack.cli import claim_commands, ingest_command, ledger_commands
from claimtrack.cli.common import (
    DEFAULT_DB,
    EXIT_DATABASE,
    EXIT_INPUT,
    EXIT_USAGE,
    SEARCH_LIMIT,
    SHOW_LIMIT,
    TABLE_LIMIT,
    _on_terminal,
    _stdin_on_terminal,
    app,
    errors_as_messages,
    fail,
    interrupt_reported,
)

__all__ = [
    "DEFAULT_DB",
    "EXIT_DATABASE",
    "EXIT_INPUT",
    "EXIT_USAGE",
    "SEARCH_LIMIT",
    "SHOW_LIMIT",
    "TABLE_LIMIT",
    "_on_terminal",  # read here at call time, so a test can patch it here
    "_stdin_on_terminal",
    "app",
    "claim_commands",
    "errors_as_messages",
    "fail",
    "ingest_command",
    "ledger_commands",
    "main",
]


def _ignore_further_interrupts() -> None:
    """Once stopping, a second Ctrl-C must not interrupt the shutdown itself (the worker pool's exit
    hook would print a traceback from inside threading). Only for the process about to exit: an
    ignored SIGINT is inherited by every program it starts."""
    import signal
    import threading

    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGINT, signal.SIG_IGN)


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
        from claimtrack.serialize import safe_text  # not imported before it is needed: start-up time

        message = safe_text(_plain_words(" ".join(str(exc.format_message()).split())))
        command = getattr(getattr(exc, "ctx", None), "command_path", None) or "claimtrack"
        typer.echo(f"claimtrack: {message} (see '{command} --help')", err=True)
        sys.exit(int(exc.exit_code))
    except KeyboardInterrupt:
        _ignore_further_interrupts()
        if not interrupt_reported.is_set():
            typer.echo("claimtrack: interrupted", err=True)
        sys.exit(130)
    if type(code).__name__ == "Abort":
        code = 130
    if code == 130:
        _ignore_further_interrupts()
    sys.exit(code if isinstance(code, int) else 0)
