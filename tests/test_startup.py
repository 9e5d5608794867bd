"""Start-up stays light: importing the CLI (and --help) loads no rich, sqlite_utils or dateutil."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
HEAVY = ("rich", "sqlite_utils", "dateutil", "claimtrack.store", "claimtrack.extract")


def _run(code: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CLAIMTRACK_")}
    env["PYTHONPATH"] = str(REPO) + os.pathsep + env.get("PYTHONPATH", "")
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=REPO, timeout=120)


def _loaded(after: str) -> list[str]:
    code = (
        "import json, sys\n"
        f"{after}\n"
        f"print(json.dumps([m for m in {list(HEAVY)!r} if m in sys.modules]), file=sys.stderr)\n"
    )
    result = _run(code)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stderr.strip().splitlines()[-1])


@pytest.mark.parametrize("module", ["rich", "sqlite_utils", "dateutil"])
def test_import_cli_does_not_load(module):
    assert module not in _loaded("import claimtrack.cli")


def test_import_cli_loads_no_pipeline_or_store():
    assert _loaded("import claimtrack.cli") == []


def test_help_stays_light():
    loaded = _loaded(
        "from claimtrack.cli import app\n"
        "try:\n"
        "    app(['--help'], prog_name='claimtrack')\n"
        "except SystemExit as exc:\n"
        "    assert exc.code in (0, None), exc.code\n"
    )
    assert not {"rich", "sqlite_utils", "dateutil"} & set(loaded), loaded


def test_version_stays_light():
    loaded = _loaded(
        "from claimtrack.cli import app\n"
        "try:\n"
        "    app(['--version'], prog_name='claimtrack')\n"
        "except SystemExit:\n"
        "    pass\n"
    )
    assert loaded == []


def test_python_dash_m_help():
    env = {k: v for k, v in os.environ.items() if not k.startswith("CLAIMTRACK_")}
    result = subprocess.run(
        [sys.executable, "-m", "claimtrack", "--help"], capture_output=True, text=True, cwd=REPO, env=env, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert "ingest" in result.stdout
    assert "Usage" in result.stdout


def test_real_process_bad_input_has_no_traceback(tmp_path):
    """Outside the test runner too: a bad file is one line on stderr and exit 1."""
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01\x02")
    env = {k: v for k, v in os.environ.items() if not k.startswith("CLAIMTRACK_")}
    result = subprocess.run(
        [sys.executable, "-m", "claimtrack", "--db", str(tmp_path / "x.db"), "ingest", str(bad)],
        capture_output=True,
        text=True,
        cwd=REPO,
        env=env,
        timeout=120,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("claimtrack:"), result.stderr


def test_real_process_bad_database_has_no_traceback(tmp_path):
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"not a database\n" * 100)
    env = {k: v for k, v in os.environ.items() if not k.startswith("CLAIMTRACK_")}
    result = subprocess.run(
        [sys.executable, "-m", "claimtrack", "--db", str(junk), "list"],
        capture_output=True,
        text=True,
        cwd=REPO,
        env=env,
        timeout=120,
    )
    assert result.returncode == 3
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("claimtrack:"), result.stderr
