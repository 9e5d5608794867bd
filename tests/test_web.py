"""Web pages, feeds and JSON Lines, served from files by a local server on 127.0.0.1 (no network)."""

from __future__ import annotations

import json
import threading
import time
import warnings
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from claimtrack.article import read_article_file
from claimtrack.web import FetchError, article_from_url, feed_entries, fetch

DATA = Path(__file__).resolve().parent / "data"
SEED_PAGE = (DATA / "seed-page.html").read_bytes()
SECOND_PAGE = b"""<html><head><title>Kyiv says fighting goes on</title>
<meta property="article:published_time" content="2025-02-10T08:00:00Z"></head><body><article>
<h1>Kyiv says fighting goes on</h1>
<p>A spokesman for Ukraine's Tavria group of forces said on Monday that fighting was still under way in Toretsk.</p>
</article></body></html>"""


def _feed(base: str) -> bytes:
    return f"""<?xml version="1.0"?>
<rss version="2.0"><channel><title>Example Wire: war</title><link>{base}/</link>
<item><title>Kursk and Toretsk</title><link>{base}/seed</link><pubDate>Sat, 08 Feb 2025 09:30:00 GMT</pubDate></item>
<item><title>Fighting goes on</title><link>{base}/second</link><pubDate>Tue, 11 Feb 2025 08:00:00 GMT</pubDate></item>
</channel></rss>""".encode()


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args: object) -> None:  # keep test output clean
        pass

    def _send(self, body: bytes, content_type: str = "text/html; charset=utf-8", status: int = 200) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        base = f"http://{self.server.server_address[0]}:{self.server.server_address[1]}"
        routes = {
            "/seed": lambda: self._send(SEED_PAGE),
            "/second": lambda: self._send(SECOND_PAGE),
            "/feed.xml": lambda: self._send(_feed(base), "application/rss+xml"),
            "/bad-feed.xml": lambda: self._send(b"<rss><channel><item><title>broken", "application/rss+xml"),
            "/image.png": lambda: self._send(b"\x89PNG\r\n\x1a\n" + b"\0" * 64, "image/png"),
            "/huge": lambda: self._send(b"<html><body><p>" + b"x" * (6 * 1024 * 1024) + b"</p></body></html>"),
            "/loop": self._loop,
            "/slow": self._slow,
        }
        routes.get(self.path, lambda: self._send(b"not here", "text/plain", 404))()

    def _loop(self) -> None:
        self.send_response(302)
        self.send_header("Location", "/loop")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _slow(self) -> None:
        time.sleep(3)
        self._send(SEED_PAGE)


class QuietServer(ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        pass  # a client that hangs up on a huge page is expected here


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = QuietServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()  # shutdown only stops the loop; the listening socket would leak (ResourceWarning)


def test_a_page_gives_its_text_and_metadata(server: str) -> None:
    article = article_from_url(f"{server}/seed")
    assert article.title and "Toretsk" in article.title
    assert article.published is not None and article.published.isoformat() == "2025-02-08"
    assert article.outlet == "Example Wire"
    assert article.url == f"{server}/seed"
    assert "Most read" not in article.body and "All rights reserved" not in article.body
    assert article.body.startswith("Ukrainian President Volodymyr Zelenskyy announced")


def _claims(cli) -> set[tuple[str, str, str]]:
    return {(c["sentence"], c["source"], c["status"]) for c in cli.export()}


def test_the_seed_as_a_page_gives_the_claims_of_the_text_file(cli, server, tmp_path, seed_file) -> None:
    cli.ok("ingest", f"{server}/seed")
    from_page = _claims(cli)
    text = cli.__class__(cli.runner, tmp_path / "text.db")
    text.ok("ingest", str(seed_file))
    assert from_page == _claims(text)
    assert len(from_page) == 13


def test_the_seed_as_an_html_file_gives_the_same_claims(cli, tmp_path, seed_file) -> None:
    cli.ok("ingest", str(DATA / "seed-page.html"))
    text = cli.__class__(cli.runner, tmp_path / "text.db")
    text.ok("ingest", str(seed_file))
    assert _claims(cli) == _claims(text)
    assert read_article_file(DATA / "seed-page.html").published.isoformat() == "2025-02-08"


def test_the_same_page_again_changes_nothing(cli, server) -> None:
    cli.ok("ingest", f"{server}/seed")
    before = cli.export()
    assert "already ingested" in cli.ok("ingest", f"{server}/seed").stdout
    assert cli.export() == before


@pytest.mark.parametrize(
    ("path", "words"),
    [
        ("/missing", "404"),
        ("/image.png", "not a web page"),
        ("/huge", "larger than"),
        ("/loop", "redirects"),
    ],
)
def test_each_failure_is_one_clear_line_and_stores_nothing(cli, server, clean_failure, path, words) -> None:
    line = clean_failure(cli("ingest", f"{server}{path}"), code=1)
    assert words in line
    assert cli.export() == []


def test_a_slow_server_times_out(server) -> None:
    with pytest.raises(FetchError, match="no answer within"):
        fetch(f"{server}/slow", timeout=0.5)


def test_a_slow_page_is_one_clear_line_and_stores_nothing(cli, server, clean_failure) -> None:
    line = clean_failure(cli("ingest", f"{server}/slow", "--timeout", "0.5"), code=1)
    assert "no answer within 0.5 seconds" in line
    assert cli.export() == []


@pytest.mark.parametrize("url", ["ftp://example.org/x", "file:///etc/passwd", "javascript:alert(1)"])
def test_only_http_and_https(url) -> None:
    with pytest.raises(FetchError, match="only http and https"):
        fetch(url)


def test_a_feed_ingests_each_new_entry_once(cli, server) -> None:
    cli.ok("ingest", "--feed", f"{server}/feed.xml")
    documents = {c["document"] for c in cli.export()}
    assert documents == {f"{server}/seed", f"{server}/second"}
    before = cli.export()
    cli.ok("ingest", "--feed", f"{server}/feed.xml")
    assert cli.export() == before  # entries already seen are skipped


def test_the_feed_date_wins_when_the_page_disagrees(cli, server) -> None:
    cli.ok("ingest", "--feed", f"{server}/feed.xml")
    second = [c for c in cli.export() if c["document"].endswith("/second")]
    assert second
    assert {c["published"] for c in second} == {"2025-02-11"}  # the page says 2025-02-10


def test_a_malformed_feed_is_a_clear_error(cli, server, clean_failure) -> None:
    clean_failure(cli("ingest", "--feed", f"{server}/bad-feed.xml"), code=1)
    assert cli.export() == []


def test_a_saved_feed_is_loaded_from_a_file(cli, server, tmp_path) -> None:
    saved = tmp_path / "feed.xml"
    saved.write_bytes(_feed(server))
    cli.ok("ingest", "--load", str(saved), "--allow-private-addresses")
    assert len({c["document"] for c in cli.export()}) == 2


def test_feed_entries_parse_from_bytes(server) -> None:
    entries = feed_entries(_feed(server), "feed.xml")
    assert [e.url for e in entries] == [f"{server}/seed", f"{server}/second"]
    assert entries[0].published is not None and entries[0].published.isoformat() == "2025-02-08"


def test_feed_dates_fall_back_to_updated_without_a_warning() -> None:
    """An empty pubDate is no date; an Atom entry with only <updated> is dated by it. Neither leans on
    feedparser's deprecated updated_parsed -> published_parsed fallback (a DeprecationWarning)."""
    empty = b"<rss><channel><item><link>https://example.org/a</link><pubDate></pubDate></item></channel></rss>"
    updated = (
        b'<feed xmlns="http://www.w3.org/2005/Atom"><entry><link href="https://example.org/b"/>'
        b"<updated>2025-02-07T10:00:00Z</updated></entry></feed>"
    )
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert feed_entries(empty, "empty.xml")[0].published is None
        dated = feed_entries(updated, "updated.xml")[0].published
    assert dated is not None and dated.isoformat() == "2025-02-07"


def test_json_lines_batches(cli, tmp_path, seed_file) -> None:
    text = seed_file.read_text(encoding="utf-8").split("---\n", 2)[2]
    lines = [
        json.dumps({"text": text, "title": "seed", "published": "2025-02-08", "outlet": "Example Wire"}),
        json.dumps({"html": SECOND_PAGE.decode(), "published": "2025-02-10", "url": "https://example.org/2"}),
        "not json",
        json.dumps({"title": "no text"}),
    ]
    batch = tmp_path / "batch.jsonl"
    batch.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = cli("ingest", "--jsonl", str(batch))
    assert result.exit_code == 1  # two bad lines are named, the good ones are stored
    assert "batch.jsonl:3" in result.stdout + result.stderr
    claims = cli.export()
    assert {c["outlet"] for c in claims} >= {"Example Wire"}
    assert any(c["url"] == "https://example.org/2" for c in claims)
    assert len([c for c in claims if c["title"] == "seed"]) == 13


def test_json_lines_from_standard_input(cli, seed_file) -> None:
    text = seed_file.read_text(encoding="utf-8").split("---\n", 2)[2]
    line = json.dumps({"text": text, "published": "2025-02-08"})
    cli.ok("ingest", "--jsonl", "-", input=line + "\n")
    assert len(cli.export()) == 13
