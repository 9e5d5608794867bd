"""The ledger in a browser: Datasette metadata, canned queries and the `serve` command's server.

The SQLite file is already useful in Datasette with no configuration (labelled
tables, foreign keys, full-text search, views such as `disputed_claims`); this
adds titles, descriptions, facets, three canned queries and the columns the map
plugin reads. Datasette is an optional extra: `pip install 'claimtrack[web]'`.

`serve` runs Datasette in this process (no child to outlive it, no temporary
file): SIGTERM and Ctrl-C stop it gracefully and it returns 0. The ledger is
opened read-only (every SQLite connection Datasette reads with is `mode=ro`, or
`immutable=1` on request), every method but GET and HEAD is answered 405 before
Datasette sees it, the file itself cannot be downloaded, and what Datasette
writes to the terminal (its logs, the SQL of a failed query) loses control
characters on the way. Anyone who can reach the port can still read every
article and run read-only SQL over the ledger: bind it to 127.0.0.1.
"""

from __future__ import annotations

import io
import ipaddress
import signal
import socket
import sys
import threading
from collections.abc import Awaitable, Callable, Iterator, MutableMapping
from contextlib import contextmanager, redirect_stderr, redirect_stdout
from pathlib import Path
from types import FrameType
from typing import Any, TextIO

from claimtrack.article import safe_text

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

READ_METHODS = frozenset({"GET", "HEAD"})
SETTINGS: dict[str, Any] = {
    "sql_time_limit_ms": 3000,  # one slow query cannot hold a reader for long
    "allow_download": False,  # the page shows the ledger; `claimtrack backup` copies it
}
STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)


class ServeError(Exception):
    """`serve` cannot start; the message is one line. `database` is true when the ledger is at fault."""

    def __init__(self, message: str, *, database: bool = False) -> None:
        super().__init__(message)
        self.database = database


CANNED_QUERIES: dict[str, dict[str, str]] = {
    "disputed": {
        "title": "Disputed claims",
        "description": "Claims another source denies or contradicts, newest first.",
        "sql": "SELECT * FROM disputed_claims ORDER BY published DESC, id",
    },
    "claims_by_source": {
        "title": "Claims by source",
        "description": "Every claim by a source (any part of its canonical name), oldest first.",
        "sql": "SELECT * FROM claims_readable WHERE report_of IS NULL AND source LIKE '%' || "
        "replace(replace(replace(:source, '\\', '\\\\'), '%', '\\%'), '_', '\\_') || '%' ESCAPE '\\' "
        "ORDER BY coalesce(event_date, published), id",
    },
    "timeline": {
        "title": "A subject's timeline",
        "description": "Claims about a place or subject, by event date (else publication date).",
        "sql": "SELECT r.* FROM claims_readable r WHERE r.id IN (SELECT claim_id FROM claim_about "
        "WHERE term_key = lower(:term)) ORDER BY coalesce(r.event_date, r.published), r.id",
    },
}


def database_name(db: Path) -> str:
    """The name Datasette gives a database file: its stem."""
    return db.stem


def metadata(db: Path) -> dict[str, Any]:
    return {
        "title": "claimtrack",
        "description": "A ledger of attributed war claims: who asserted what, when, about where, and where it stands.",
        "databases": {
            database_name(db): {
                "tables": {
                    "claims": {
                        "label_column": "sentence",
                        "fts_table": "claims_fts",
                        "fts_pk": "id",
                        "facets": ["status", "stance"],
                        "description": "One row a claim as a sentence carries it; `report_of` points at the "
                        "first report of the same claim.",
                    },
                    "actors": {"label_column": "name", "facets": ["side", "kind"]},
                    "documents": {"label_column": "title", "facets": ["outlet"]},
                    "places": {"label_column": "name", "facets": ["country", "kind"]},
                    "links": {"facets": ["relation", "rule"]},
                    "status_history": {"facets": ["new_status"]},
                    "disputed_claims": {"description": "Disputed claims, each once however many reports."},
                    "confirmed_claims": {"description": "Confirmed claims, each once however many reports."},
                    "claim_places": {"description": "Claims with the coordinates of the places they name."},
                },
                "queries": CANNED_QUERIES,
            }
        },
        "plugins": {"datasette-cluster-map": {"latitude_column": "latitude", "longitude_column": "longitude"}},
    }


def datasette_available() -> bool:
    try:
        import datasette  # noqa: F401
    except ImportError:
        return False
    return True


def read_only(app: ASGIApp) -> ASGIApp:
    """`app` answering every HTTP method but GET and HEAD with 405, before it sees the request.

    Datasette 0.65 answers a POST to a table with a 500 and a traceback; no page of a read-only
    ledger takes a POST (no canned query writes)."""

    async def guarded(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] not in READ_METHODS:
            await _refuse(send)
            return
        await app(scope, receive, send)

    return guarded


async def _refuse(send: Send) -> None:
    body = b"405 Method Not Allowed: this ledger is served read-only (GET and HEAD only)\n"
    headers = [
        (b"allow", b"GET, HEAD"),
        (b"content-type", b"text/plain; charset=utf-8"),
        (b"content-length", str(len(body)).encode()),
    ]
    await send({"type": "http.response.start", "status": 405, "headers": headers})
    await send({"type": "http.response.body", "body": body})


def datasette(db: Path, *, immutable: bool = False) -> Any:
    """A Datasette over the ledger alone, read-only, with claimtrack's metadata and SETTINGS.

    Without `immutable` Datasette reads through `mode=ro` connections and sees what an ingest
    running meanwhile commits. With it, SQLite opens the file `immutable=1`: no locks, faster, but
    the ledger must not change while it is served, and changes still in its write-ahead log
    (`-wal` file) are not seen."""
    from datasette.app import Datasette

    if not db.is_file():
        raise ServeError(f"no ledger at {db}: run 'claimtrack ingest' first", database=True)
    files: dict[str, list[str]] = {"immutables": [str(db)]} if immutable else {"files": [str(db)]}
    return Datasette(metadata=metadata(db), settings=dict(SETTINGS), cors=False, **files)


def application(db: Path, *, immutable: bool = False) -> ASGIApp:
    """The ASGI application `serve` runs: Datasette behind `read_only`."""
    app: ASGIApp = datasette(db, immutable=immutable).app()
    return read_only(app)


def listen(host: str, port: int) -> socket.socket:
    """A socket bound to host:port (not yet listening), or a ServeError naming why not."""
    try:
        family, kind, proto, _, address = socket.getaddrinfo(
            host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
        )[0]
        sock = socket.socket(family, kind, proto)
    except OSError as exc:
        raise ServeError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from exc
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
    except OSError as exc:
        sock.close()
        raise ServeError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from exc
    return sock


class SafeStream(io.TextIOBase):
    """A text stream that passes text on without control characters or escape sequences.

    Datasette writes the SQL of a failed query to stderr, and the SQL is whatever a visitor typed;
    uvicorn logs the paths visitors ask for."""

    def __init__(self, stream: TextIO) -> None:
        super().__init__()
        self._stream = stream

    def write(self, text: str) -> int:
        self._stream.write(safe_text(text))
        return len(text)

    def flush(self) -> None:
        self._stream.flush()

    def isatty(self) -> bool:
        return self._stream.isatty()

    def writable(self) -> bool:
        return True


@contextmanager
def safe_output() -> Iterator[None]:
    """stdout and stderr through SafeStream for as long as the server runs."""
    with redirect_stdout(SafeStream(sys.stdout)), redirect_stderr(SafeStream(sys.stderr)):
        yield


class Stopped(Exception):
    """SIGTERM or SIGINT arrived: stop serving."""


def _stop(signum: int, frame: FrameType | None) -> None:
    raise Stopped(signal.Signals(signum).name)


@contextmanager
def stop_on_signals() -> Iterator[None]:
    """SIGTERM and SIGINT raise Stopped (in the main thread; elsewhere signals cannot be handled).

    uvicorn takes both signals while it serves, shuts down gracefully, then raises the signal again
    under these handlers, so a `kill PID` or a Ctrl-C ends in Stopped after the port is closed."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {sig: signal.signal(sig, _stop) for sig in STOP_SIGNALS}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def is_loopback(host: str) -> bool:
    """Whether an address to listen on is this machine only (127.0.0.0/8, ::1, localhost)."""
    if host.casefold() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def serve(
    db: Path,
    host: str,
    port: int,
    *,
    immutable: bool = False,
    announce: Callable[[], None] | None = None,
) -> int:
    """Serve the ledger read-only on host:port until SIGTERM or Ctrl-C; 0 when stopped so.

    `announce` is called once the address is bound, before the first request can arrive. Raises
    ServeError when the ledger is missing or the address cannot be had."""
    import uvicorn

    app = application(db, immutable=immutable)
    sock = listen(host, port)
    try:
        if announce is not None:
            announce()
        with stop_on_signals(), safe_output():
            config = uvicorn.Config(
                app, host=host, port=port, log_level="info", lifespan="on", use_colors=False, workers=1
            )
            uvicorn.Server(config).run(sockets=[sock])
    except Stopped:
        pass
    finally:
        sock.close()
    return 0
