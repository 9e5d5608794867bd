"""Issue 12: one exit-code rule for every command and every format, on a terminal or not; piped
listings are JSON Lines, so `| head -n 1` is one whole record; a folder gives its articles only,
and a .jsonl path is a batch."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from claimtrack import cli as cli_module
from tests.conftest import REPO

FORMATS = ["table", "json", "nl", "csv", "tsv"]

# (arguments, the exit code every format and every terminal must give)
COMMANDS: list[tuple[list[str], int]] = [
    (["list"], 0),
    (["list", "--disputed"], 0),
    (["list", "--about", "atlantis"], 0),  # a listing that matched nothing
    (["show", "toretsk"], 0),
    (["show", "1"], 0),
    (["show", "atlantis"], 0),  # a subject with no claims is an empty listing, as for list and timeline
    (["show", "999999"], 1),
    (["search", "offensive"], 0),
    (["search", "zzzzqqq"], 0),
    (["timeline", "toretsk"], 0),
    (["timeline", "atlantis"], 0),
    (["sources"], 0),
    (["sources", "--side", "martians"], 2),  # a side no actor has: a typo, not an empty listing
    (["list", "--side", "martians"], 2),
    (["review"], 0),
    (["actors"], 0),
    (["documents"], 0),
]
LISTINGS = [
    ["list"],
    ["show", "toretsk"],
    ["search", "offensive"],
    ["timeline", "toretsk"],
    ["sources"],
    ["review", "--days", "0"],
    ["actors"],
    ["documents"],
    ["ingest"],  # the seed again: one record, 'already ingested'
]


def _run(seeded: Any, args: list[str], fmt: str | None, terminal: bool, monkeypatch: pytest.MonkeyPatch) -> Any:
    monkeypatch.setattr(cli_module, "_on_terminal", lambda: terminal)
    return seeded(*args, *(["--format", fmt] if fmt else []))


@pytest.mark.parametrize(("args", "code"), COMMANDS, ids=[" ".join(a) for a, _ in COMMANDS])
def test_the_exit_code_depends_on_neither_the_format_nor_the_terminal(
    seeded: Any, monkeypatch: pytest.MonkeyPatch, args: list[str], code: int
) -> None:
    monkeypatch.delenv("CLAIMTRACK_FORMAT", raising=False)
    for fmt in [None, *FORMATS]:
        for terminal in (True, False):
            result = _run(seeded, args, fmt, terminal, monkeypatch)
            assert result.exit_code == code, (fmt, terminal, result.stdout, result.stderr)
            if code == 1:
                assert result.stdout == "" and len(result.stderr.splitlines()) == 1


@pytest.mark.parametrize("args", [a for a, code in COMMANDS if code == 0], ids=lambda a: " ".join(a))
@pytest.mark.parametrize("fmt", ["json", "nl", None])
def test_machine_formats_give_whole_records(
    seeded: Any, monkeypatch: pytest.MonkeyPatch, args: list[str], fmt: str | None
) -> None:
    monkeypatch.delenv("CLAIMTRACK_FORMAT", raising=False)
    out = _run(seeded, args, fmt, False, monkeypatch).stdout
    if fmt == "json":
        assert isinstance(json.loads(out), list)
    else:  # JSON Lines, also the default for a pipe
        assert all(isinstance(json.loads(line), dict) for line in out.splitlines())


@pytest.mark.parametrize(
    "args",
    [["export", "--about", "atlantis", "--format", f] for f in ("json", "nl", "csv", "tsv", "markdown", "claimreview")],
    ids=lambda a: a[-1],
)
def test_export_of_a_subject_with_no_claims_is_an_empty_export(seeded: Any, args: list[str]) -> None:
    assert seeded(*args).exit_code == 0


@pytest.mark.parametrize(
    "args",
    [
        ["sources", "--sort", "loudest"],
        ["verdict", "1", "confirmed"],  # no --note
        ["verdict", "1"],  # neither a status nor --clear
        ["verdict", "1", "confirmed", "--note", "x", "--clear"],
        ["export", "--format", "json", "--raw-cells"],
    ],
    ids=lambda a: " ".join(a),
)
def test_usage_errors_exit_2(seeded: Any, args: list[str]) -> None:
    result = seeded(*args)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize("args", LISTINGS, ids=lambda a: " ".join(a))
def test_the_first_line_of_a_piped_listing_is_one_record(seeded: Any, args: list[str]) -> None:
    """Through a real pipe to `head -n 1`, as a script would read it."""
    command = [sys.executable, "-m", "claimtrack", "--db", str(seeded.db), *args]
    env = {"PATH": "/usr/bin:/bin", "HOME": str(seeded.db.parent), "XDG_CACHE_HOME": str(seeded.db.parent)}
    producer = subprocess.Popen(command, stdout=subprocess.PIPE, cwd=REPO, env=env)
    assert producer.stdout is not None
    first = subprocess.run(["head", "-n", "1"], stdin=producer.stdout, capture_output=True, check=True).stdout
    producer.stdout.close()
    producer.wait(timeout=60)
    assert isinstance(json.loads(first), dict)


def test_a_folder_gives_its_articles_and_nothing_from_its_index(cli: Any) -> None:
    dev = REPO / "tests" / "data" / "dev"
    result = cli.ok("ingest", str(dev))
    assert "skipped 1 file(s) that are not articles" in result.stdout
    assert "INDEX.md" in result.stdout
    documents = {Path(c["document"]).name for c in cli.json("export", "--format", "json")}
    assert documents <= {p.name for p in dev.glob("*.txt")}
    gold = sum(len(json.loads(p.read_text())["claims"]) for p in dev.glob("*.gold.json"))
    assert len(cli.json("export", "--format", "json")) == gold


def test_a_readme_named_on_the_command_line_is_ingested_as_asked(cli: Any, tmp_path: Path) -> None:
    readme = tmp_path / "README.md"
    readme.write_text("Russia's defence ministry said its forces had taken Kotlyne.\n", encoding="utf-8")
    cli.ok("ingest", str(readme))
    assert len(cli.json("export", "--format", "json")) == 1


@pytest.mark.parametrize("suffix", [".jsonl", ".ndjson"])
def test_a_json_lines_path_is_a_batch(cli: Any, tmp_path: Path, suffix: str) -> None:
    batch = tmp_path / f"batch{suffix}"
    lines = [
        {"text": "Russia's defence ministry said its forces had taken Kotlyne.", "published": "2025-02-08"},
        {"text": "Ukraine's General Staff denied that Russian forces had taken Kotlyne.", "published": "2025-02-09"},
    ]
    batch.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    out = cli.ok("ingest", str(batch)).stdout
    assert f"batch{suffix}:1" in out and f"batch{suffix}:2" in out
    assert len(cli.json("export", "--format", "json")) == 2


def test_a_file_with_no_claims_says_so(cli: Any, tmp_path: Path) -> None:
    plain = tmp_path / "weather.txt"
    plain.write_text("It rained in Kyiv on Monday.\n", encoding="utf-8")
    assert "no claims found" in cli.ok("ingest", str(plain)).stdout


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["list", "--limit", "abc"], "not a whole number"),
        (["sources", "--sort", "loudest"], "'loudest' is not one of"),
    ],
)
def test_usage_errors_speak_plainly_and_point_at_the_subcommand(args: list[str], words: str, tmp_path: Path) -> None:
    command = [sys.executable, "-m", "claimtrack", "--db", str(tmp_path / "x.db"), *args]
    result = subprocess.run(command, capture_output=True, text=True, cwd=REPO, timeout=60)
    assert result.returncode == 2
    (line,) = result.stderr.splitlines()
    assert words in line and "Value error" not in line and "Input should" not in line
    assert f"(see 'claimtrack {args[0]} --help')" in line


def test_a_new_side_needs_saying_so(cli: Any) -> None:
    refused = cli("actors", "add", "Martian Command", "--side", "martians")
    assert refused.exit_code == 2 and "unknown side 'martians'" in refused.stderr
    cli.ok("actors", "add", "Martian Command", "--side", "martians", "--new-side")
    assert cli.ok("list", "--side", "martians").exit_code == 0  # a side the ledger now holds


def test_listing_json_is_compact_and_carries_what_the_table_shows(seeded: Any) -> None:
    (claim, *_) = seeded.json("list", "--json")
    assert "source_aliases" not in claim and "sentence_start" not in claim
    assert {"verdict", "sides_behind", "outlets_reporting", "report_of", "reports", "status_reason"} <= set(claim)
    (full, *_) = seeded.export()
    assert "source_aliases" in full and set(claim) <= set(full)  # an export is the whole record


@pytest.mark.parametrize("fmt", FORMATS)
def test_fields_choose_the_columns_and_a_bad_one_is_a_usage_error_in_every_format(seeded: Any, fmt: str) -> None:
    assert seeded("list", "--format", fmt, "--fields", "id,nonsense").exit_code == 2
    out = seeded.ok("list", "--format", fmt, "--fields", "id,status").stdout
    if fmt in ("json", "nl"):
        records = json.loads(out) if fmt == "json" else [json.loads(line) for line in out.splitlines()]
        assert all(set(r) == {"id", "status"} for r in records)
    elif fmt in ("csv", "tsv"):
        assert out.splitlines()[0] == ("id,status" if fmt == "csv" else "id\tstatus")


def test_export_fields(seeded: Any) -> None:
    records = seeded.json("export", "--format", "json", "--fields", "id,source_aliases")
    assert records and all(set(r) == {"id", "source_aliases"} for r in records)


def _commands() -> list[list[str]]:
    import typer.main

    group: Any = typer.main.get_command(cli_module.app)
    found = []
    for name, command in group.commands.items():
        found.append([name])
        found.extend([name, sub] for sub in getattr(command, "commands", {}))
    return found


@pytest.mark.parametrize("command", _commands(), ids=" ".join)
def test_every_command_shows_an_example_in_its_help(cli: Any, command: list[str]) -> None:
    out = cli.ok(*command, "--help").stdout
    assert "Example: claimtrack " + command[0] in " ".join(out.split())


def test_an_export_file_follows_the_umask(seeded: Any, tmp_path: Path) -> None:
    import os
    import stat

    before = os.umask(0o022)
    try:
        seeded.ok("export", "--format", "csv", "-o", str(tmp_path / "claims.csv"))
    finally:
        os.umask(before)
    assert stat.S_IMODE((tmp_path / "claims.csv").stat().st_mode) == 0o644


@pytest.mark.parametrize("fmt", FORMATS)
def test_ingest_reports_in_every_format_with_the_same_exit_code(cli: Any, tmp_path: Path, fmt: str) -> None:
    dev = REPO / "tests" / "data" / "dev"
    missing = str(tmp_path / "missing.txt")
    result = cli("ingest", str(dev / "bakhmut-1.txt"), str(dev), missing, "--format", fmt)
    assert result.exit_code == 1  # one input failed, whatever the format
    if fmt == "table":
        assert "Ingest" in result.stdout
        return
    if fmt in ("csv", "tsv"):
        import csv
        import io

        records: list[dict[str, Any]] = list(
            csv.DictReader(io.StringIO(result.stdout), delimiter="," if fmt == "csv" else "\t")
        )
    elif fmt == "json":
        records = json.loads(result.stdout)
    else:
        records = [json.loads(line) for line in result.stdout.splitlines()]
    outcomes = [r["outcome"] for r in records]
    assert outcomes.count("new") == 16 and outcomes.count("already ingested") == 1
    assert outcomes.count("failed") == 1 and outcomes.count("skipped: not an article") == 1


def test_about_matches_every_name_of_a_place_as_show_does(cli: Any, tmp_path: Path) -> None:
    article = tmp_path / "bakhmut.txt"
    article.write_text(
        "---\npublished: 2023-05-20\n---\nRussia's defence ministry said its forces had taken Bakhmut.\n",
        encoding="utf-8",
    )
    cli.ok("ingest", str(article))
    by_old_name = cli.json("list", "--about", "Artyomovsk", "--json", "--fields", "id")
    assert by_old_name and by_old_name == cli.json("list", "--about", "bakhmut", "--json", "--fields", "id")
    assert [c["id"] for c in by_old_name] == [c["id"] for c in cli.json("show", "Artyomovsk", "--json")]
    assert cli.json("search", "taken", "--about", "Artyomovsk", "--json", "--fields", "id") == by_old_name


def test_a_table_shows_a_screenful_and_says_how_many_more(cli: Any) -> None:
    cli.ok("ingest", str(REPO / "tests" / "data" / "dev"))
    every = cli.json("list", "--json", "--fields", "id")
    assert len(every) > cli_module.TABLE_LIMIT  # programs get every claim unasked
    table = cli.ok("list", "--format", "table").stdout
    assert f"... and {len(every) - cli_module.TABLE_LIMIT} more claim(s)" in table
    assert "more claim(s)" not in cli.ok("list", "--format", "table", "--limit", "0").stdout
    assert len(cli.json("list", "--json", "--limit", "3")) == 3


def test_explain_speaks_json_to_a_program(seeded: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    sentence = "Kyiv denied that Russian forces had taken Toretsk."
    monkeypatch.delenv("CLAIMTRACK_FORMAT", raising=False)
    monkeypatch.setattr(cli_module, "_on_terminal", lambda: False)
    reading = json.loads(seeded.ok("explain", sentence).stdout)
    (claim,) = [c for c in reading["claims"] if c["stance"] == "deny"]
    assert claim["actor"] == "Ukrainian government" and claim["rule"] and claim["cue"] == "denied"
    assert reading["sentence"] == sentence and reading["stored"] == []
    monkeypatch.setattr(cli_module, "_on_terminal", lambda: True)
    assert not seeded.ok("explain", sentence).stdout.lstrip().startswith("{")  # a reading for people
    assert json.loads(seeded.ok("explain", sentence, "--json").stdout)["claims"]


def test_explain_of_a_stored_claim_carries_its_links_in_json(seeded: Any) -> None:
    reading = json.loads(seeded.ok("explain", "1", "--format", "json").stdout)
    (stored,) = reading["stored"]
    assert stored["id"] == 1 and stored["links"] and stored["history"]
    assert json.loads(seeded.ok("show", "1", "--json").stdout)[0]["links"] == stored["links"]


def test_help_names_values_as_click_does(tmp_path: Path) -> None:
    command = [sys.executable, "-m", "claimtrack", "list", "--help"]
    env = {"COLUMNS": "200", "HOME": str(tmp_path), "XDG_CACHE_HOME": str(tmp_path)}
    out = subprocess.run(command, capture_output=True, text=True, cwd=REPO, timeout=60, env=env).stdout
    assert "--limit INTEGER" in out and "--format [table|json|nl|csv|tsv]" in out and "--source TEXT" in out
    assert "<int" not in out and "<str>" not in out.split("Options:")[1]
