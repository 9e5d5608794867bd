"""Golden outputs: the main tables, whole, as a person sees them on a terminal of a fixed width.

The other tests check what a table says (a name, a status, a date is in it); these pin how it looks:
columns, wrapping, truncation, titles. Each runs a command in process against a fresh ledger holding
the bundled seed (`claimtrack ingest` with no argument), with colour off (NO_COLOR, TERM=dumb) at a
fixed width (COLUMNS), and compares its standard output with a file in tests/data/golden/.

What is normalised (`normalise`), and nothing else:
    - Date-times (History's "when": the moment a status changed, from the clock) become <TIME>,
      padded to the width of the date-time they replace so the table's columns stay aligned.
    - Trailing spaces: rich pads lines to the full width; they are invisible, and editors strip them.
Paths need no placeholder: the commands run from the folder holding the claimtrack package, so a
table gives the seed as `claimtrack/seeds/...` wherever the repository is checked out. The ledger's
path and the time an ingest took are not shown by any of these tables.

Regenerate after a deliberate change of output: with CLAIMTRACK_UPDATE_GOLDEN=1 in the environment
these tests write the expected files instead of comparing (and pass); review them with `git diff`.

    CLAIMTRACK_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_golden_outputs.py

Otherwise a difference fails with a unified diff of expected against actual.
"""

from __future__ import annotations

import difflib
import os
import re
from pathlib import Path

import pytest

from claimtrack.ingest import default_seeds

GOLDEN = Path(__file__).resolve().parent / "data" / "golden"
UPDATE = os.environ.get("CLAIMTRACK_UPDATE_GOLDEN") == "1"
WIDTH = 120
NARROW = 80
DATETIME = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:Z|[+-]\d\d:\d\d)?")
TIME = "<TIME>"


def normalise(output: str) -> str:
    """The output with what changes from run to run made fixed (see the module's docstring)."""
    output = DATETIME.sub(lambda m: TIME.ljust(len(m.group())), output)
    return "".join(line.rstrip() + "\n" for line in output.splitlines())


def check_golden(name: str, output: str) -> None:
    """Compare with tests/data/golden/NAME, or write it when CLAIMTRACK_UPDATE_GOLDEN=1."""
    path = GOLDEN / name
    actual = normalise(output)
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
        return
    assert path.exists(), f"{path} is missing: run with CLAIMTRACK_UPDATE_GOLDEN=1 to write it"
    expected = path.read_text(encoding="utf-8")
    if actual != expected:
        diff = difflib.unified_diff(
            expected.splitlines(keepends=True),
            actual.splitlines(keepends=True),
            fromfile=f"tests/data/golden/{name} (expected)",
            tofile=f"{name} (actual)",
        )
        pytest.fail(
            f"{name} differs from its golden output (after a deliberate change, regenerate with "
            f"CLAIMTRACK_UPDATE_GOLDEN=1):\n{''.join(diff)}",
            pytrace=False,
        )


@pytest.fixture
def golden_cli(cli, monkeypatch):
    """The `cli` runner at WIDTH columns, run from the folder holding the claimtrack package (where a
    table gives the bundled seed as claimtrack/seeds/...). Colour is already off (conftest)."""
    monkeypatch.setenv("COLUMNS", str(WIDTH))
    monkeypatch.chdir(default_seeds().parent.parent)
    return cli


@pytest.fixture
def ingested(golden_cli):
    """The ledger after `claimtrack ingest` (the bundled seed), and what the ingest printed."""
    result = golden_cli.ok("ingest")
    assert result.stderr == ""
    return golden_cli, result.stdout


def test_ingest_seed_summary(ingested) -> None:
    _, out = ingested
    check_golden("ingest-seed.txt", out)


def test_list_disputed(ingested) -> None:
    cli, _ = ingested
    check_golden("list-disputed.txt", cli.ok("list", "--disputed").stdout)


def test_show_toretsk(ingested) -> None:
    cli, _ = ingested
    check_golden("show-toretsk.txt", cli.ok("show", "toretsk").stdout)


def test_show_one_claim(ingested) -> None:
    cli, _ = ingested
    # claim 4: Russia's Ministry of Defence says it thwarted the offensive; disputed, with two links
    # and a history (the README's `claimtrack show 4`)
    [claim] = [c for c in cli.export() if c["id"] == 4]
    assert "thwarted a Ukrainian counteroffensive" in claim["sentence"]
    check_golden("show-id.txt", cli.ok("show", "4").stdout)


def test_list_at_80_columns(ingested, monkeypatch) -> None:
    # Below 100 columns the claims table leaves the document out (`show ID` names it), so that the
    # source names and the claims keep their words at 80.
    cli, _ = ingested
    monkeypatch.setenv("COLUMNS", str(NARROW))
    check_golden("list-80.txt", cli.ok("list").stdout)


def test_normalise_masks_only_date_times() -> None:
    line = "│ 2026-12-06T03:30:04+00:00 │ 2025-02-07 │ kursk-toretsk-2025-02-08.txt │   \n"
    assert normalise(line) == "│ <TIME>                    │ 2025-02-07 │ kursk-toretsk-2025-02-08.txt │\n"
