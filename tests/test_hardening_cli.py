"""Issue 11 at the command line: numbers out of range and dates with trailing text are usage or
input errors (one line, no traceback), never an OverflowError."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import Cli

HUGE = "99999999999999999999"  # larger than SQLite's largest integer


@pytest.mark.parametrize(
    ("args", "code"),
    [
        pytest.param(["show", HUGE], 1, id="show-id"),
        pytest.param(["explain", HUGE], 1, id="explain-id"),
        pytest.param(["list", "--limit", HUGE], 2, id="list-limit"),
        pytest.param(["search", "Toretsk", "--limit", HUGE], 2, id="search-limit"),
        pytest.param(["show", "toretsk", "--limit", HUGE], 2, id="show-limit"),
        pytest.param(["verdict", HUGE, "confirmed", "--note", "seen"], 2, id="verdict-id"),
        pytest.param(["verdict", "0", "confirmed", "--note", "seen"], 2, id="verdict-id-zero"),
        pytest.param(["review", "--days", "1000000"], 2, id="review-days"),
        pytest.param(["list", "--since", "2025-02-08garbage"], 1, id="since-trailing-text"),
        pytest.param(["list", "--until", "2025-02-30"], 1, id="until-no-such-day"),
    ],
)
def test_numbers_and_dates_out_of_range_are_refused_cleanly(
    seeded: Cli, clean_failure: Callable[..., str], args: list[str], code: int
) -> None:
    result = seeded(*args)
    if code == 1:
        clean_failure(result, code=1)
        return
    # a usage error: the runner shows Click's usage lines, the installed command one line (below)
    assert result.exit_code == 2, (result.stdout, result.stderr, result.exception)
    assert isinstance(result.exception, SystemExit) and "Traceback" not in result.output


def test_a_usage_error_from_the_installed_command_is_one_line(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "claimtrack", "--db", str(tmp_path / "x.db"), "review", "--days", "1000000"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and done.stderr.startswith("claimtrack:"), done.stderr
    assert "36500" in done.stderr


@pytest.mark.parametrize(
    "args",
    [
        pytest.param(["list", "--limit", "9223372036854775807"], id="largest-limit"),
        pytest.param(["review", "--days", "36500"], id="a-century"),
        pytest.param(["list", "--since", "2025-02-08T10:00:00Z"], id="date-time"),
    ],
)
def test_the_largest_values_still_work(seeded: Cli, args: list[str]) -> None:
    seeded.ok(*args)


def test_the_largest_id_is_an_unknown_claim_not_an_overflow(seeded: Cli, clean_failure: Callable[..., str]) -> None:
    line = clean_failure(seeded("show", "9223372036854775807"), code=1)
    assert "no claim with id" in line
