"""Issue 11: hostile input never ends in a traceback. Hypothesis writes article text, front matter,
JSON Lines and feed XML; every `ingest` exits 0 or with one `claimtrack:` line per failed input, and
the ledger passes `check` afterwards.

No traffic leaves the machine: name resolution is switched off, and feed links point at `.invalid`.
"""

from __future__ import annotations

import json
import socket
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from claimtrack.cli import app

pytestmark = pytest.mark.slow

FUZZ = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

# Text with what hostile copy carries: controls, bidi overrides, markup, quotes, dates, long words.
hostile_chars = st.characters(codec="utf-8", exclude_categories=("Cs",))
pieces = st.sampled_from(
    [
        "Russia's defence ministry said its forces had captured Makarivka.",
        '"We hold the town," a Ukrainian army spokesman said.',
        "Kyiv denied the claim.",
        "[bold red]markup[/]",
        "\x1b[31m",
        "\u202e",
        "\x85",
        "\r\n",
        "---",
        "published: 2025-02-30",
        "according to",
        "\x00",
    ]
)
hostile_text = st.lists(st.one_of(st.text(hostile_chars, max_size=40), pieces), max_size=12).map("".join)


@pytest.fixture(autouse=True)
def _no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise socket.gaierror("name resolution is off in these tests")

    monkeypatch.setattr(socket, "getaddrinfo", refuse)


@pytest.fixture
def folder() -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as name:
        yield Path(name)


def _ingest_is_clean(folder: Path, *args: str, input: bytes | None = None) -> None:
    db = folder / "fuzz.db"
    result = CliRunner().invoke(app, ["--db", str(db), "ingest", *args], input=input)
    assert result.exit_code in (0, 1), (result.exit_code, result.stderr, result.exception)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output
    errors = [line for line in result.stderr.splitlines() if line.strip()]
    assert all(line.startswith("claimtrack:") for line in errors), result.stderr
    if result.exit_code == 1:
        assert errors, "a failed ingest says why"
    if db.exists():
        check = CliRunner().invoke(app, ["--db", str(db), "check"])
        assert check.exit_code == 0, (check.stdout, check.stderr)


@FUZZ
@given(body=hostile_text)
def test_any_article_text(folder: Path, body: str) -> None:
    path = folder / "article.txt"
    path.write_text(body, encoding="utf-8")
    _ingest_is_clean(folder, str(path))


@FUZZ
@given(
    front=st.dictionaries(
        st.sampled_from(["title", "published", "outlet", "url", "language", "x"]),
        st.one_of(hostile_text, st.dates().map(str), st.just("2025-02-08garbage")),
        max_size=5,
    ),
    body=hostile_text,
)
def test_any_front_matter(folder: Path, front: dict[str, str], body: str) -> None:
    head = "".join(f"{key}: {value.replace(chr(10), ' ')}\n" for key, value in front.items())
    path = folder / "article.md"
    path.write_text(f"---\n{head}---\n{body}", encoding="utf-8")
    _ingest_is_clean(folder, str(path))


@FUZZ
@given(body=st.binary(max_size=300))
def test_any_bytes_on_standard_input(folder: Path, body: bytes) -> None:
    _ingest_is_clean(folder, "-", input=body)


json_values = st.one_of(st.none(), st.booleans(), st.integers(), hostile_text, st.lists(st.integers(), max_size=3))
records = st.dictionaries(
    st.sampled_from(["text", "html", "title", "published", "outlet", "url", "extra"]), json_values, max_size=6
)


@FUZZ
@given(lines=st.lists(st.one_of(records.map(json.dumps), hostile_text), max_size=6))
def test_any_json_lines(folder: Path, lines: list[str]) -> None:
    path = folder / "batch.jsonl"
    path.write_text("\n".join(line.replace("\n", " ") for line in lines), encoding="utf-8")
    _ingest_is_clean(folder, "--jsonl", str(path))


entries = st.lists(
    st.tuples(hostile_text, hostile_text, st.sampled_from(["", "Mon, 06 Jan 2025 10:00:00 GMT", "yesterday"])),
    max_size=4,
)


@FUZZ
@given(items=entries, garbage=st.one_of(st.just(""), hostile_text))
def test_any_saved_feed(folder: Path, items: list[tuple[str, str, str]], garbage: str) -> None:
    xml = "".join(
        f"<item><title>{escape(title)}</title><link>http://feed-{i}.invalid/story</link>"
        f"<description>{escape(text)}</description><pubDate>{date}</pubDate></item>"
        for i, (title, text, date) in enumerate(items)
    )
    path = folder / "feed.xml"
    path.write_text(f'<?xml version="1.0"?><rss version="2.0"><channel>{xml}{garbage}</channel></rss>')
    _ingest_is_clean(folder, "--load", str(path))
