"""Issue 11, hostile and unbounded inputs: the outbound address policy (1), a total deadline per
fetch (2), caps enforced while reading (3), feeds stored entry by entry (5), workers that die with
their writer (13) and UTF-16 with a BOM (14).

No traffic leaves the machine: pages are served on 127.0.0.1, names are answered by a fake
resolver, and every connection is recorded and refused unless it goes to 127.0.0.1, so a test
proves a refused address was never connected to.
"""

from __future__ import annotations

import os
import resource
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from http.server import ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx
import pytest

import claimtrack
from claimtrack.article import MAX_ARTICLE_BYTES, ArticleError, decode, parse_article
from claimtrack.web import FetchError, fetch
from tests.test_web import Handler as PageHandler

DATA = Path(__file__).resolve().parent / "data"
DEV = DATA / "dev"
SEED_PAGE = (DATA / "seed-page.html").read_bytes()
CODE = Path(claimtrack.__file__).resolve().parent.parent  # subprocesses run the code under test
PUBLIC = "93.184.216.34"
CLAIM = "Russia's defence ministry said its forces had captured Makarivka."
METADATA = "http://169.254.169.254/latest/meta-data/"


# --- a local server, a fake resolver, a recorder of connections ---------------------------------


def _item(link: str, text: str = "") -> str:
    description = f"<description>{text}</description>" if text else ""
    return f"<item><title>{link}</title><link>{link}</link>{description}</item>"


def _hostile_feed(base: str) -> bytes:
    items = [
        _item(f"{base}/seed"),
        _item(METADATA, "The ministry said the metadata entry was in the feed."),
        _item("http://metadata.example/computeMetadata/v1/", "Kyiv said the named metadata entry was there."),
        _item("http://intranet.example/admin"),
        _item(f"{base}/to-metadata", "A spokesman said the redirected entry was in the feed."),
        _item(f"{base}/missing", f"<p>{CLAIM}</p><p>Kyiv denied the claim.</p>"),
    ]
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>{"".join(items)}</channel></rss>'.encode()


class Handler(PageHandler):
    def do_GET(self) -> None:
        self.server.paths.append(self.path)  # type: ignore[attr-defined]
        base = f"http://{self.server.server_address[0]}:{self.server.server_address[1]}"
        routes: dict[str, Callable[[], None]] = {
            "/seed": lambda: self._send(SEED_PAGE),
            "/plain": lambda: self._send(f"{CLAIM}\n".encode(), "text/plain; charset=utf-8"),
            "/feed.xml": lambda: self._send(_hostile_feed(base), "application/rss+xml"),
            "/to-metadata": lambda: self._redirect(METADATA),
            "/trickle": self._trickle,
            "/trickle-headers": self._trickle_headers,
        }
        routes.get(self.path, lambda: self._send(b"not here", "text/plain", 404))()

    def _redirect(self, location: str) -> None:
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _trickle(self) -> None:
        """One byte every 0.1 s: each read is quick, the whole page would take 100 s."""
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", "1000")
        self.end_headers()
        for _ in range(1000):
            self.wfile.write(b"x")
            self.wfile.flush()
            time.sleep(0.1)

    def _trickle_headers(self) -> None:
        self.wfile.write(b"HTTP/1.1 200 OK\r\n")
        for _ in range(1000):
            self.wfile.write(b"X")
            self.wfile.flush()
            time.sleep(0.1)


class QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # a client that hangs up on a trickle is expected here


@pytest.fixture(scope="module")
def httpd() -> Iterator[QuietServer]:
    server = QuietServer(("127.0.0.1", 0), Handler)
    server.paths = []  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()  # shutdown only stops the loop; the listening socket would leak (ResourceWarning)


@pytest.fixture
def server(httpd: QuietServer) -> str:
    httpd.paths.clear()  # type: ignore[attr-defined]
    return f"http://127.0.0.1:{httpd.server_address[1]}"


@pytest.fixture
def names(monkeypatch: pytest.MonkeyPatch) -> dict[str, list[str]]:
    """A fake resolver: names the test sets answer what it says; other test names do not exist."""
    answers: dict[str, list[str]] = {
        "metadata.example": ["169.254.169.254"],
        "intranet.example": ["10.1.2.3"],
        "news.example": [PUBLIC],
    }
    real = socket.getaddrinfo

    def fake(host: Any, port: Any, *args: Any, **kwargs: Any) -> Any:
        if isinstance(host, bytes):
            host = host.decode()
        if host in answers:
            address = answers[host].pop(0) if len(answers[host]) > 1 else answers[host][0]
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, int(port or 0)))]
        if str(host).endswith((".example", ".invalid")):
            raise socket.gaierror(socket.EAI_NONAME, "no such name in this test")
        return real(host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", fake)
    return answers


@pytest.fixture
def connections(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every address a connection was opened to; anything but 127.0.0.1 is refused here."""
    made: list[str] = []
    real = socket.create_connection

    def recorded(address: tuple[str, int], *args: Any, **kwargs: Any) -> socket.socket:
        made.append(str(address[0]))
        if address[0] != "127.0.0.1":
            raise OSError(f"this test sends no traffic to {address[0]}")
        return real(address, *args, **kwargs)

    monkeypatch.setattr(socket, "create_connection", recorded)
    return made


def _documents(db: Path) -> dict[str, str]:
    """url or origin -> body of every stored document."""
    if not db.exists():
        return {}
    with sqlite3.connect(db) as conn:
        return {url or origin: body for url, origin, body in conn.execute("SELECT url, origin, body FROM documents")}


# --- 1. the outbound address policy -------------------------------------------------------------


@pytest.mark.parametrize(
    ("address", "public"),
    [
        ("169.254.169.254", False),
        ("10.0.0.1", False),
        ("172.16.5.4", False),
        ("192.168.1.1", False),
        ("127.0.0.1", False),
        ("0.0.0.0", False),
        ("100.64.0.1", False),
        ("224.0.0.1", False),
        ("239.255.255.250", False),
        ("240.0.0.1", False),
        ("255.255.255.255", False),
        ("::1", False),
        ("fe80::1", False),
        ("fc00::1", False),
        ("ff02::1", False),
        ("::ffff:169.254.169.254", False),
        ("::ffff:127.0.0.1", False),
        (PUBLIC, True),
        ("2606:2800:220:1:248:1893:25c7:1946", True),
    ],
)
def test_which_addresses_are_public(address: str, public: bool) -> None:
    from claimtrack.web import is_public

    assert is_public(address) is public


def test_feed_links_to_private_addresses_are_never_connected_to(
    cli: Any, server: str, httpd: QuietServer, names: Any, connections: list[str]
) -> None:
    result = cli("ingest", "--feed", f"{server}/feed.xml")
    assert set(connections) <= {"127.0.0.1"}, connections  # not 169.254.169.254, nor the names' addresses
    assert "Traceback" not in result.output
    assert "refused" in result.stderr
    assert "intranet.example (10.1.2.3) is not a public address" in result.stderr
    assert result.exit_code == 1  # the intranet entry carries no text of its own: it is one failure
    assert "/seed" in httpd.paths  # type: ignore[attr-defined]  # same origin as the typed feed: fetched
    assert f"{server}/seed" in _documents(cli.db)


def test_a_redirect_to_a_private_address_is_refused_before_connecting(
    cli: Any, server: str, connections: list[str], clean_failure: Callable[..., str]
) -> None:
    line = clean_failure(cli("ingest", f"{server}/to-metadata"), code=1)
    assert f"redirected to {METADATA}: refused: 169.254.169.254 is not a public address" in line
    assert set(connections) == {"127.0.0.1"}
    assert _documents(cli.db) == {}


def test_each_hop_is_checked_after_name_resolution(names: dict[str, list[str]]) -> None:
    """news.example is public and answers with a redirect to a name that resolves to a private address."""
    from claimtrack.web import AddressPolicy

    names["internal.example"] = ["192.168.1.1"]
    seen: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(str(request.url))
        return httpx.Response(302, headers={"Location": "http://internal.example/admin"})

    with pytest.raises(FetchError, match=r"redirected to http://internal\.example/admin: refused: internal\.example"):
        fetch("http://news.example/story", policy=AddressPolicy(), transport=httpx.MockTransport(handler))
    assert seen == ["http://news.example/story"]


def test_a_name_that_resolves_differently_the_second_time_is_still_refused(
    names: dict[str, list[str]], connections: list[str]
) -> None:
    """DNS rebinding: public when checked, loopback when connecting; the connection's own lookup is checked."""
    from claimtrack.web import AddressPolicy

    names["rebind.example"] = [PUBLIC, "127.0.0.1"]
    with pytest.raises(FetchError, match=r"refused: rebind\.example"):
        fetch("http://rebind.example/", policy=AddressPolicy(), timeout=2)
    assert connections == []


def test_a_typed_address_is_fetched_as_asked(server: str, connections: list[str]) -> None:
    assert fetch(f"{server}/seed").content == SEED_PAGE
    assert connections == ["127.0.0.1"]


def test_a_plain_text_answer_is_refused(cli: Any, server: str, clean_failure: Callable[..., str]) -> None:
    line = clean_failure(cli("ingest", f"{server}/plain"), code=1)
    assert "not a web page (text/plain)" in line
    assert _documents(cli.db) == {}


def test_a_saved_feed_vouches_for_no_address_unless_allowed(cli: Any, server: str, tmp_path: Path) -> None:
    saved = tmp_path / "feed.xml"
    saved.write_bytes(f'<rss version="2.0"><channel><title>t</title>{_item(f"{server}/seed")}</channel></rss>'.encode())
    refused = cli("ingest", "--load", str(saved))
    assert refused.exit_code == 1
    assert "127.0.0.1 is not a public address (--allow-private-addresses allows it)" in refused.stderr
    assert _documents(cli.db) == {}
    cli.ok("ingest", "--load", str(saved), "--allow-private-addresses")
    assert f"{server}/seed" in _documents(cli.db)


@pytest.mark.parametrize("url", ["http://", "http://[::1", "http://a..b/", "https://xn--/"])
def test_a_malformed_address_is_one_clear_error(url: str) -> None:
    with pytest.raises(FetchError, match="not a valid address"):
        fetch(url, timeout=1)


# --- 2. a total deadline per fetch --------------------------------------------------------------


def test_a_trickling_page_is_cut_at_the_deadline(server: str) -> None:
    started = time.monotonic()
    with pytest.raises(FetchError, match=r"timed out after 1 s"):
        fetch(f"{server}/trickle", timeout=1)
    assert time.monotonic() - started < 3


def test_trickling_headers_are_cut_at_the_deadline(server: str) -> None:
    started = time.monotonic()
    with pytest.raises(FetchError, match="no answer within 1 seconds"):
        fetch(f"{server}/trickle-headers", timeout=1)
    assert time.monotonic() - started < 3


def test_a_trickling_page_is_one_line_from_ingest(cli: Any, server: str, clean_failure: Callable[..., str]) -> None:
    started = time.monotonic()
    line = clean_failure(cli("ingest", f"{server}/trickle", "--timeout", "1"), code=1)
    assert line == f"claimtrack: {server}/trickle: timed out after 1 s (the answer was still arriving)"
    assert time.monotonic() - started < 5


# --- 3. caps enforced while reading -------------------------------------------------------------


class Endless:
    """A stream that never ends, counting what was read from it."""

    def __init__(self) -> None:
        self.read_bytes = 0

    def read(self, size: int = -1) -> bytes:
        assert size > 0, "an endless stream must be read in bounded pieces"
        self.read_bytes += size
        return b"a" * size


def test_a_stream_is_read_no_further_than_its_cap() -> None:
    from claimtrack.article import read_capped

    stream = Endless()
    with pytest.raises(ArticleError, match=r"^endless: larger than 1 MB$"):
        read_capped(stream, "endless", 1024 * 1024)  # type: ignore[arg-type]
    assert stream.read_bytes == 1024 * 1024 + 1


def _limited(gigabytes: int) -> Callable[[], None]:
    def limit() -> None:  # the old code read /dev/zero until memory ran out: keep that bounded here
        resource.setrlimit(resource.RLIMIT_AS, (gigabytes * 1024**3, gigabytes * 1024**3))

    return limit


def _claimtrack(db: Path, *args: str, stdin: Any = subprocess.DEVNULL, **popen: Any) -> Any:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CLAIMTRACK_")}
    env.update(NO_COLOR="1", PYTHONPATH=str(CODE))
    command = [sys.executable, "-m", "claimtrack", "--db", str(db), *args]
    return command, {"stdin": stdin, "env": env, **popen}


@pytest.mark.parametrize(
    ("args", "stdin", "origin", "cap"),
    [
        (["ingest", "/dev/zero"], None, "/dev/zero", 20),
        (["ingest", "-"], "/dev/zero", "<stdin>", 20),
        (["ingest", "--jsonl", "/dev/zero"], None, "/dev/zero", 100),
        (["ingest", "--jsonl", "-"], "/dev/zero", "-", 100),
        (["ingest", "--load", "/dev/zero"], None, "/dev/zero", 20),
    ],
    ids=["file", "stdin", "jsonl-file", "jsonl-stdin", "saved-feed"],
)
def test_endless_inputs_end_at_their_cap(
    tmp_path: Path, args: list[str], stdin: str | None, origin: str, cap: int
) -> None:
    db = tmp_path / "x.db"
    with open(stdin or os.devnull, "rb") as source:
        command, options = _claimtrack(db, *args, stdin=source)
        result = subprocess.run(
            command, capture_output=True, text=True, timeout=120, preexec_fn=_limited(3), check=False, **options
        )
    assert result.returncode == 1, result.stderr[-2000:]
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines() == [f"claimtrack: {origin}: larger than {cap} MB"]
    assert _documents(db) == {}


def test_a_json_lines_line_over_the_cap_is_named_and_the_others_are_stored(cli: Any, tmp_path: Path) -> None:
    import json

    big = json.dumps({"text": "a" * (MAX_ARTICLE_BYTES + 1)})
    good = json.dumps({"text": CLAIM, "published": "2025-02-08", "url": "https://example.org/good"})
    batch = tmp_path / "batch.jsonl"
    batch.write_text(f"{big}\n{good}\n", encoding="utf-8")
    result = cli("ingest", "--jsonl", str(batch))
    assert result.exit_code == 1
    assert f"claimtrack: {batch}:1: larger than 20 MB" in result.stderr.splitlines()
    assert list(_documents(cli.db)) == ["https://example.org/good"]


def test_json_lines_of_the_wrong_shape_are_one_line_each(cli: Any, tmp_path: Path) -> None:
    import json

    batch = tmp_path / "batch.jsonl"
    lines = [
        '{"text": null, "html": true, "url": true}',
        json.dumps({"text": CLAIM, "title": ["a", "list"]}),
        "[" * 100_000,
        json.dumps({"text": CLAIM, "published": 20250208}),
        json.dumps({"text": CLAIM, "url": "https://example.org/good"}),
    ]
    batch.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = cli("ingest", "--jsonl", str(batch))
    assert result.exit_code == 1, result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    errors = [line for line in result.stderr.splitlines() if line.startswith("claimtrack:")]
    assert errors == [
        f"claimtrack: {batch}:1: 'html' must be a string",
        f"claimtrack: {batch}:2: 'title' must be a string",
        f"claimtrack: {batch}:3: not JSON (nested too deeply)",
        f"claimtrack: {batch}:4: 'published' must be a string",
    ]
    assert list(_documents(cli.db)) == ["https://example.org/good"]


def test_a_json_string_may_hold_a_line_separator(cli: Any, tmp_path: Path) -> None:
    import json

    batch = tmp_path / "batch.jsonl"
    batch.write_text(json.dumps({"text": f"{CLAIM}\u2028Kyiv denied it."}, ensure_ascii=False) + "\n")
    cli.ok("ingest", "--jsonl", str(batch))
    assert len(_documents(cli.db)) == 1


# --- 5. feeds stored entry by entry, a cap, the feed's own text ---------------------------------


def _saved_feed(tmp_path: Path, count: int) -> Path:
    items = "".join(_item(f"https://news.example/{i}") for i in range(count))
    path = tmp_path / "feed.xml"
    path.write_text(f'<rss version="2.0"><channel><title>t</title>{items}</channel></rss>', encoding="utf-8")
    return path


def _fake_pages(
    monkeypatch: pytest.MonkeyPatch, interrupt_after: int | None = None, db: Path | None = None
) -> list[tuple[str, int]]:
    """Pages 'fetched' without a network, each URL its own article: (url, documents stored by then)."""
    fetched: list[tuple[str, int]] = []

    def article_from_url(url: str, **limits: Any) -> Any:
        if interrupt_after is not None and len(fetched) == interrupt_after:
            raise KeyboardInterrupt
        fetched.append((url, len(_documents(db)) if db else 0))
        number = int(url.rsplit("/", 1)[1])
        text = f"---\npublished: 2025-01-{number + 1:02d}\n---\n{CLAIM}\n"
        return replace(parse_article(text, url), url=url)

    monkeypatch.setattr("claimtrack.web.article_from_url", article_from_url)
    return fetched


def test_a_killed_feed_run_keeps_the_entries_it_stored(
    cli: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _fake_pages(monkeypatch, interrupt_after=3)
    result = cli("ingest", "--load", str(_saved_feed(tmp_path, 6)))
    assert result.exit_code == 130
    assert sorted(_documents(cli.db)) == [f"https://news.example/{i}" for i in range(3)]
    # run in process, an interrupt must leave Ctrl-C as it was (an ignored SIGINT is inherited by
    # every program the process starts after)
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


def test_each_entry_is_fetched_after_the_one_before_is_stored(
    cli: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fetched = _fake_pages(monkeypatch, db=cli.db)
    cli.ok("ingest", "--load", str(_saved_feed(tmp_path, 4)))
    assert [stored for _, stored in fetched] == [0, 1, 2, 3]


def test_a_feed_gives_at_most_its_cap_of_new_entries_a_run(
    cli: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("claimtrack.web.MAX_FEED_ENTRIES", 2)
    fetched = _fake_pages(monkeypatch)
    feed = _saved_feed(tmp_path, 5)
    first = cli("ingest", "--load", str(feed))
    assert first.exit_code == 1
    assert f"claimtrack: {feed}: more than 2 new entries; the rest are left for the next run" in first.stderr
    assert len(fetched) == 2 and len(_documents(cli.db)) == 2
    cli("ingest", "--load", str(feed))
    assert len(_documents(cli.db)) == 4  # the next run goes on where the last stopped
    cli.ok("ingest", "--load", str(feed))
    assert len(_documents(cli.db)) == 5


def test_the_feed_text_stands_in_for_a_page_that_cannot_be_had(
    cli: Any, server: str, names: Any, connections: list[str]
) -> None:
    result = cli("ingest", "--feed", f"{server}/feed.xml")
    documents = _documents(cli.db)
    assert documents[f"{server}/missing"] == f"{CLAIM}\n\nKyiv denied the claim."  # a 404
    assert "metadata entry was in the feed" in documents[METADATA]  # refused by the policy
    assert "named metadata entry" in documents["http://metadata.example/computeMetadata/v1/"]
    assert "redirected entry" in documents[f"{server}/to-metadata"]  # redirected to a refused address
    assert (
        f"claimtrack: {server}/missing: the server answered 404 Not Found; the feed's own text is stored instead"
        in (result.stderr.splitlines())
    )


# --- 13. workers die with their writer ----------------------------------------------------------


def _stat(pid: int) -> tuple[str, int, int] | None:
    """(state, session, start time) of a process, or None when it is gone."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except (FileNotFoundError, ProcessLookupError):
        return None
    fields = text[text.rindex(")") + 2 :].split()
    return fields[0], int(fields[3]), int(fields[19])


def _session(sid: int) -> dict[int, int]:
    """pid -> start time of every living process of a session (orphaned workers stay in it)."""
    members = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and (stat := _stat(int(entry.name))) and stat[1] == sid and stat[0] != "Z":
            members[int(entry.name)] = stat[2]
    return members


def _many_articles(tmp_path: Path, count: int) -> Path:
    folder = tmp_path / "articles"
    folder.mkdir()
    sources = sorted(DEV.glob("*.txt"))
    for i in range(count):
        text = sources[i % len(sources)].read_text(encoding="utf-8")
        text = text.replace("published: 20", f"published: {2000 + i // 30}-01-0{1 + i % 9}\nold_published: 20", 1)
        (folder / f"{i:04d}.txt").write_text(text, encoding="utf-8")
    return folder


@contextmanager
def _parallel_ingest(tmp_path: Path, run: int = 0, members: int = 4) -> Iterator[tuple[subprocess.Popen[bytes], Path]]:
    """`ingest --jobs 2` in a session of its own, once `members` processes run in it (4: the writer, the
    forkserver, two workers starting): (process, its stderr file). Whatever is left of the session
    afterwards is killed, so no test leaves processes behind."""
    folder = tmp_path / "articles"
    if not folder.exists():
        _many_articles(tmp_path, 1500)
    stderr = tmp_path / f"stderr-{run}.txt"
    command, options = _claimtrack(tmp_path / f"x-{run}.db", "ingest", "--jobs", "2", str(folder))
    with stderr.open("wb") as err:
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=err, start_new_session=True, **options)
    try:
        deadline = time.monotonic() + 60
        while len(_session(process.pid)) < members:
            assert process.poll() is None and time.monotonic() < deadline, "the workers never started"
        yield process, stderr
    finally:
        process.kill()
        process.wait()
        for pid in _session(process.pid):
            os.kill(pid, signal.SIGKILL)


def _left_after(sid: int, seconds: float = 10) -> list[int]:
    deadline = time.monotonic() + seconds
    while (left := sorted(_session(sid))) and time.monotonic() < deadline:
        time.sleep(0.1)
    return left


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads processes from /proc")
@pytest.mark.parametrize("signum", [signal.SIGKILL, signal.SIGTERM])
def test_killing_the_writer_leaves_no_workers(tmp_path: Path, signum: int) -> None:
    with _parallel_ingest(tmp_path, members=5) as (process, _):
        time.sleep(0.3)
        process.send_signal(signum)
        process.wait(timeout=60)
        assert _left_after(process.pid) == []


INTERRUPTED = "claimtrack: interrupted; every document already reported as ingested is complete"


def _interrupt(tmp_path: Path, run: int, members: int, delay: float, second_after: float | None) -> None:
    """Ctrl-C as a terminal sends it (to the whole foreground group), `delay` seconds after `members`
    processes run, and again `second_after` seconds later: one line, exit 130, no process left."""
    with _parallel_ingest(tmp_path, run, members) as (process, stderr):
        time.sleep(delay)
        os.killpg(process.pid, signal.SIGINT)
        if second_after is not None:
            time.sleep(second_after)
            os.killpg(process.pid, signal.SIGINT)
        process.wait(timeout=60)
        assert _left_after(process.pid) == []
    err = stderr.read_text()
    assert process.returncode == 130, err
    assert err.splitlines() == [INTERRUPTED], (run, err)


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads processes from /proc")
def test_ctrl_c_is_one_line_and_leaves_no_workers(tmp_path: Path) -> None:
    """As the workers start (where a worker used to print a traceback now and then) and once they run."""
    for run, (members, delay) in enumerate([*[(4, 0.0)] * 6, (5, 0.0), (5, 0.5)]):
        _interrupt(tmp_path, run, members, delay, None)


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads processes from /proc")
def test_a_second_ctrl_c_while_stopping_is_still_one_line(tmp_path: Path) -> None:
    """A user presses Ctrl-C twice: the second must not interrupt the shutdown of the worker pool
    (which printed a KeyboardInterrupt, or an OSError from Python's exit hook, from inside threading)."""
    for run in range(6):
        _interrupt(tmp_path, run, 4, 0.0, 0.05)


# --- 14. UTF-16 with a BOM ----------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-16-le"])
def test_utf16_with_a_bom_is_text(encoding: str) -> None:
    bom = "" if encoding == "utf-16" else "\ufeff"
    assert decode(f"{bom}{CLAIM}".encode(encoding), "x") == CLAIM


def test_utf16_without_a_bom_is_still_refused() -> None:
    with pytest.raises(ArticleError, match="binary"):
        decode(CLAIM.encode("utf-16-le"), "x")


def test_a_utf16_article_file_is_ingested(cli: Any, tmp_path: Path) -> None:
    path = tmp_path / "utf16.txt"
    path.write_bytes(f"---\npublished: 2025-02-08\n---\n{CLAIM}\n".encode("utf-16"))
    cli.ok("ingest", str(path))
    assert list(_documents(cli.db).values()) == [f"{CLAIM}\n"]
