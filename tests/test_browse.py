"""The ledger in Datasette: in-process with Datasette's own client, and once in a headless browser."""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import pytest

from claimtrack.browse import database_name, metadata

datasette = pytest.importorskip("datasette.app")


def _get(db: Path, path: str, meta: dict[str, Any] | None = None) -> Any:
    async def fetch() -> Any:
        ds = datasette.Datasette([str(db)], metadata=meta)
        await ds.invoke_startup()
        response = await ds.client.get(path)
        assert response.status_code == 200, (path, response.status_code, response.text[:300])
        return response.json() if path.split("?")[0].endswith(".json") else response.text

    return asyncio.run(fetch())


@pytest.fixture
def ledger(seeded) -> Path:
    return seeded.db


def test_the_file_is_useful_with_no_configuration(ledger: Path) -> None:
    name = database_name(ledger)
    disputed = _get(ledger, f"/{name}/disputed_claims.json?_shape=array")
    assert len(disputed) == 3
    assert {row["source"] for row in disputed} == {"Volodymyr Zelensky", "Russian Ministry of Defence"}
    tables = {t["name"]: t for t in _get(ledger, f"/{name}.json")["tables"]}
    assert tables["claims"]["fts_table"] == "claims_fts"  # full-text search found by itself
    claim = _get(ledger, f"/{name}/claims.json?id=1&_labels=on&_shape=array")[0]
    assert claim["actor_id"]["label"] == "Volodymyr Zelensky"  # foreign keys shown by their label


def test_full_text_search_through_datasette(ledger: Path) -> None:
    name = database_name(ledger)
    rows = _get(ledger, f"/{name}/claims.json?_search=Toretsk&_shape=array")
    assert any("Toretsk" in row["sentence"] for row in rows)


def test_metadata_and_canned_queries(ledger: Path) -> None:
    name = database_name(ledger)
    meta = metadata(ledger)
    rows = _get(ledger, f"/{name}/disputed.json?_shape=array", meta)
    assert len(rows) == 3
    rows = _get(ledger, f"/{name}/claims_by_source.json?source=Zelensky&_shape=array", meta)
    assert {row["source"] for row in rows} == {"Volodymyr Zelensky"}
    rows = _get(ledger, f"/{name}/timeline.json?term=toretsk&_shape=array", meta)
    assert [row["id"] for row in rows] == [5]


def test_places_carry_coordinates_for_the_map(ledger: Path) -> None:
    name = database_name(ledger)
    rows = _get(ledger, f"/{name}/claim_places.json?_shape=array")
    assert rows
    assert all(row["latitude"] is not None and row["longitude"] is not None for row in rows)
    assert "Toretsk" in {row["place"] for row in rows}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


BROWSER = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


@pytest.mark.skipif(BROWSER is None, reason="no Chromium here; CI installs Debian's chromium for this test")
def test_the_disputed_claims_page_in_a_real_browser(ledger: Path, tmp_path: Path) -> None:
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("CLAIMTRACK_")}
    server = subprocess.Popen(
        [sys.executable, "-m", "claimtrack", "--db", str(ledger), "serve", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
    )
    url = f"http://127.0.0.1:{port}/{database_name(ledger)}/disputed_claims"
    try:
        for _ in range(100):
            try:
                with urllib.request.urlopen(url, timeout=1):  # closed, or its socket leaks (ResourceWarning)
                    break
            except urllib.error.HTTPError as error:  # an answer, but not the page yet: close it, try again
                error.close()
                time.sleep(0.2)
            except OSError:
                time.sleep(0.2)
        profile = tmp_path / "profile"
        dom = subprocess.run(
            [
                BROWSER,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                f"--user-data-dir={profile}",
                "--dump-dom",
                url,
            ],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        ).stdout
    finally:
        server.terminate()
        server.wait(timeout=10)
    assert "disputed_claims" in dom
    assert "thwarted a Ukrainian counteroffensive" in dom
    assert dom.count("Volodymyr Zelensky") >= 2


def test_serve_without_datasette_says_how_to_get_it(cli, monkeypatch, clean_failure) -> None:
    import claimtrack.browse

    monkeypatch.setattr(claimtrack.browse, "datasette_available", lambda: False)
    line = clean_failure(cli("serve"), code=1)
    assert "claimtrack[web]" in line


def test_metadata_is_json(ledger: Path) -> None:
    assert json.loads(json.dumps(metadata(ledger)))["databases"][database_name(ledger)]["queries"]
