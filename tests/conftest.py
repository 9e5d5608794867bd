"""Shared fixtures: paths to the test data, a CLI runner bound to a temporary ledger."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

TESTS = Path(__file__).resolve().parent
REPO = TESTS.parent
SEEDS_DIR = REPO / "seeds"  # the bundled seed article and its gold claims: one copy, also a corpus
DEV_DIR = TESTS / "data" / "dev"


def pytest_configure(config: pytest.Config) -> None:
    """The lexicon cache of every claimtrack the suite runs (in process or not) goes to a folder of
    the run's own, never into the user's ~/.cache."""
    folder = tempfile.mkdtemp(prefix="claimtrack-tests-cache-")
    config.stash[CACHE_KEY] = folder
    os.environ["XDG_CACHE_HOME"] = folder


def pytest_unconfigure(config: pytest.Config) -> None:
    shutil.rmtree(config.stash.get(CACHE_KEY, ""), ignore_errors=True)


CACHE_KEY = pytest.StashKey[str]()


@pytest.fixture(autouse=True)
def _stable_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """Wide, colourless output; no ledger or lexicon from the developer's shell."""
    monkeypatch.setenv("COLUMNS", "250")
    monkeypatch.setenv("LINES", "100")
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("TERM", "dumb")
    monkeypatch.delenv("CLAIMTRACK_DB", raising=False)
    monkeypatch.delenv("CLAIMTRACK_LEXICON", raising=False)
    # the runner is no terminal, where claimtrack prints JSON unless asked for a table: ask
    monkeypatch.setenv("CLAIMTRACK_FORMAT", "table")
    monkeypatch.delenv("FORCE_COLOR", raising=False)


@pytest.fixture
def repo_root() -> Path:
    return REPO


@pytest.fixture
def seeds_dir() -> Path:
    return SEEDS_DIR


@pytest.fixture
def dev_dir() -> Path:
    return DEV_DIR


@pytest.fixture
def seed_file() -> Path:
    files = sorted(SEEDS_DIR.glob("*.txt"))
    assert len(files) == 1
    return files[0]


@pytest.fixture
def seed_gold() -> dict[str, Any]:
    files = sorted(SEEDS_DIR.glob("*.gold.json"))
    assert len(files) == 1
    return json.loads(files[0].read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def lexicon() -> Any:
    from claimtrack.lexicon import load_lexicon

    return load_lexicon()


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@dataclass
class Cli:
    """Runs `claimtrack --db DB ARGS...` through Typer's runner."""

    runner: CliRunner
    db: Path

    def __call__(self, *args: str, input: str | bytes | None = None, db: Path | None = None) -> Any:
        from claimtrack.cli import app

        return self.runner.invoke(app, ["--db", str(db or self.db), *args], input=input)

    def ok(self, *args: str, input: str | bytes | None = None) -> Any:
        result = self(*args, input=input)
        assert result.exit_code == 0, (result.exit_code, result.stdout, result.stderr, result.exception)
        return result

    def json(self, *args: str) -> Any:
        return json.loads(self.ok(*args).stdout)

    def export(self) -> list[dict[str, Any]]:
        return self.json("export", "--format", "json")


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "x.db"


@pytest.fixture
def cli(runner: CliRunner, db: Path) -> Cli:
    return Cli(runner, db)


@pytest.fixture
def seeded(cli: Cli, seed_file: Path) -> Cli:
    """A ledger holding the seed article."""
    cli.ok("ingest", str(seed_file))
    return cli


@pytest.fixture
def write_article(tmp_path: Path) -> Callable[..., Path]:
    """Write an article file (text or raw bytes) under tmp_path/articles and return its path."""
    folder = tmp_path / "articles"

    def write(name: str, body: str | bytes, **front: str) -> Path:
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(body, bytes):
            path.write_bytes(body)
            return path
        head = "".join(f"{k}: {v}\n" for k, v in front.items())
        path.write_text(f"---\n{head}---\n{body}" if front else body, encoding="utf-8")
        return path

    return write


def _assert_clean_failure(result: Any, *, code: int | Sequence[int] | None = None) -> str:
    """Non-zero exit through typer.Exit, no traceback, exactly one 'claimtrack:' line on stderr."""
    codes = (code,) if isinstance(code, int) else code
    assert result.exit_code != 0, (result.stdout, result.stderr)
    if codes is not None:
        assert result.exit_code in codes, (result.exit_code, result.stderr, result.exception)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("claimtrack:"), lines[0]
    return lines[0]


@pytest.fixture
def clean_failure() -> Callable[..., str]:
    """assert a failed run is clean: exit != 0, one 'claimtrack:' line on stderr, no traceback."""
    return _assert_clean_failure
