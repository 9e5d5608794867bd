"""The command line through Typer's runner: every command, its options, and bad input."""

from __future__ import annotations

import csv
import gc
import io
import json
import os
import re
import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest
import typer.main

from claimtrack import __version__
from claimtrack.cli import app

KRASNOHORIVKA = (
    "Russia's defence ministry said on Monday that its forces had captured the village of Krasnohorivka.\n\n"
    "Ukraine's military denied the claim, saying fighting continued in the village.\n"
)
NOVOSELIVKA = "Bilyk said on Tuesday that Russian forces had been pushed back from the village of Novoselivka.\n"
POKROVSK = "Green Leader said on Monday that Ukrainian troops had repelled attacks near Pokrovsk.\n"


def _command_paths() -> list[list[str]]:
    """Every command and subcommand of the app, as argument lists."""
    root = typer.main.get_command(app)
    paths: list[list[str]] = [[]]

    def walk(group, prefix: list[str]) -> None:
        for name, command in sorted(getattr(group, "commands", {}).items()):
            paths.append([*prefix, name])
            walk(command, [*prefix, name])

    walk(root, [])
    return paths


def _claim_keys(claims):
    return {(c["sentence"], c["source"]) for c in claims}


# --- help and version --------------------------------------------------------


def test_the_expected_commands_exist():
    names = {" ".join(p) for p in _command_paths()}
    assert {"ingest", "list", "show", "export", "actors", "actors add", "actors alias", "explain", "eval"} <= names


@pytest.mark.parametrize("path", _command_paths(), ids=lambda p: " ".join(p) or "claimtrack")
def test_every_command_has_help(runner, path):
    result = runner.invoke(app, [*path, "--help"])
    assert result.exit_code == 0, result.output
    assert "Usage" in result.stdout
    assert "Traceback" not in result.output


def test_version(runner):
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.stdout.strip() == f"claimtrack {__version__}"


def test_no_arguments_prints_help(runner):
    result = runner.invoke(app, [])
    assert "Usage" in result.output
    assert "Traceback" not in result.output


# --- ingest --------------------------------------------------------------------


def test_ingest_folder_recursively(cli, write_article):
    write_article("a.txt", KRASNOHORIVKA, published="2024-09-10")
    write_article("deeper/b.md", NOVOSELIVKA, published="2024-09-11")
    write_article("deeper/ignored.json", "{}")
    folder = write_article("c.txt", POKROVSK).parent
    result = cli.ok("ingest", str(folder))
    assert "a.txt" in result.stdout
    assert "b.md" in result.stdout
    assert "c.txt" in result.stdout
    documents = {Path(c["document"]).name for c in cli.export()}
    assert documents == {"a.txt", "b.md", "c.txt"}


def test_ingest_several_files(cli, write_article, seed_file):
    a = write_article("a.txt", KRASNOHORIVKA, published="2024-09-10")
    b = write_article("b.txt", NOVOSELIVKA, published="2024-09-11")
    cli.ok("ingest", str(a), str(b), str(seed_file))
    documents = {Path(c["document"]).name for c in cli.export()}
    assert documents == {"a.txt", "b.txt", seed_file.name}


def test_ingest_stdin_with_published(cli):
    result = cli.ok("ingest", "-", "--published", "2024-09-10", input=KRASNOHORIVKA)
    assert "<stdin>" in result.stdout
    claims = cli.export()
    assert claims
    assert {c["published"] for c in claims} == {"2024-09-10"}
    assert {c["document"] for c in claims} == {"<stdin>"}
    ministry = [c for c in claims if c["source"] == "Russian Ministry of Defence"]
    assert ministry
    assert ministry[0]["event_date"] == "2024-09-09"


def test_ingest_stdin_twice_is_already_ingested(cli):
    cli.ok("ingest", "-", "--published", "2024-09-10", input=KRASNOHORIVKA)
    before = cli.export()
    again = cli.ok("ingest", "-", "--published", "2024-09-10", input=KRASNOHORIVKA)
    assert "already ingested" in again.stdout
    assert cli.export() == before


def test_overrides_win_over_front_matter(cli, write_article):
    path = write_article(
        "a.txt",
        KRASNOHORIVKA,
        title="Front title",
        outlet="Front Wire",
        url="https://front.example/a",
        published="2024-09-10",
    )
    cli.ok(
        "ingest",
        str(path),
        "--title",
        "Option title",
        "--outlet",
        "Option Wire",
        "--url",
        "https://option.example/a",
        "--published",
        "2024-09-12",
    )
    claims = cli.export()
    assert claims
    for claim in claims:
        assert claim["title"] == "Option title"
        assert claim["outlet"] == "Option Wire"
        assert claim["url"] == "https://option.example/a"
        assert claim["published"] == "2024-09-12"


def test_front_matter_used_without_overrides(cli, write_article):
    path = write_article(
        "a.txt",
        KRASNOHORIVKA,
        title="Front title",
        outlet="Front Wire",
        url="https://front.example/a",
        published="2024-09-10",
    )
    cli.ok("ingest", str(path))
    claim = cli.export()[0]
    assert (claim["title"], claim["outlet"], claim["url"], claim["published"]) == (
        "Front title",
        "Front Wire",
        "https://front.example/a",
        "2024-09-10",
    )


def test_env_db_is_used(runner, tmp_path, seed_file, monkeypatch):
    target = tmp_path / "env.db"
    monkeypatch.setenv("CLAIMTRACK_DB", str(target))
    result = runner.invoke(app, ["ingest", str(seed_file)])
    assert result.exit_code == 0, result.output
    assert target.exists()
    listed = runner.invoke(app, ["list", "--json"])
    assert listed.exit_code == 0
    assert len(json.loads(listed.stdout)) >= 10


def test_unknown_db_directory_is_created(cli, tmp_path, seed_file):
    target = tmp_path / "new" / "deeper" / "ledger.db"
    result = cli("ingest", str(seed_file), db=target)
    assert result.exit_code == 0, result.output
    assert target.is_file()


# --- list ------------------------------------------------------------------------


def test_list_status_filters_are_combinable(seeded):
    everything = seeded.export()
    by_status = {s: [c for c in everything if c["status"] == s] for s in ("disputed", "confirmed", "unverified")}
    for status, expected in by_status.items():
        got = seeded.json("list", f"--{status}", "--json")
        assert [c["id"] for c in got] == [c["id"] for c in expected]
    both = seeded.json("list", "--disputed", "--confirmed", "--json")
    assert {c["id"] for c in both} == {c["id"] for c in by_status["disputed"] + by_status["confirmed"]}
    assert {c["status"] for c in both} == {"disputed", "confirmed"}
    all_three = seeded.json("list", "--disputed", "--confirmed", "--unverified", "--json")
    assert [c["id"] for c in all_three] == [c["id"] for c in everything]
    assert seeded.json("list", "--json", "--fields", "all") == everything


@pytest.mark.parametrize("alias", ["Zelenskyy", "Zelensky", "Zelenskiy", "zelenskyy", "Volodymyr Zelensky"])
def test_list_source_by_any_alias(seeded, alias):
    got = seeded.json("list", "--source", alias, "--json")
    assert len(got) == 3
    assert {c["source"] for c in got} == {"Volodymyr Zelensky"}


def test_list_source_ministry_alias_and_status(seeded):
    got = seeded.json("list", "--source", "Russia's Defense Ministry", "--json")
    assert {c["source"] for c in got} == {"Russian Ministry of Defence"}
    assert len(got) == 2
    disputed = seeded.json("list", "--source", "Zelenskyy", "--disputed", "--json")
    assert len(disputed) == 2
    assert {c["status"] for c in disputed} == {"disputed"}


def test_list_unknown_source_is_empty(seeded):
    assert seeded.json("list", "--source", "Nobody At All", "--json") == []


def test_list_side(seeded):
    everything = seeded.export()
    for side in ("russia", "ukraine"):
        got = seeded.json("list", "--side", side, "--json")
        assert [c["id"] for c in got] == [c["id"] for c in everything if c["side"] == side]
        assert got
    assert seeded.json("list", "--side", "Russia", "--json") == seeded.json("list", "--side", "russia", "--json")


def test_list_about(seeded):
    got = seeded.json("list", "--about", "Toretsk", "--json")
    assert len(got) == 1
    assert "Toretsk" in got[0]["sentence"]
    kursk = seeded.json("list", "--about", "kursk", "--json")
    assert kursk
    for claim in kursk:
        terms = {t.casefold() for t in claim["about"] + claim["context_about"]}
        assert any(t.startswith("kursk") for t in terms), terms
    assert seeded.json("list", "--about", "Atlantis", "--json") == []


def _date_key(claim) -> str:
    event = claim["event_date"]
    if not event:
        return claim["published"]
    start = event.split("/")[0]
    return {4: start + "-01-01", 7: start + "-01"}.get(len(start), start)


def test_list_since_until(seeded):
    everything = seeded.export()
    since = seeded.json("list", "--since", "2025-02-08", "--json")
    assert [c["id"] for c in since] == [c["id"] for c in everything if _date_key(c) >= "2025-02-08"]
    assert 0 < len(since) < len(everything)
    until = seeded.json("list", "--until", "2024-12-31", "--json")
    assert until
    assert [c["id"] for c in until] == [c["id"] for c in everything if _date_key(c) <= "2024-12-31"]
    window = seeded.json("list", "--since", "2025-01-01", "--until", "2025-02-07", "--json")
    assert [c["id"] for c in window] == [c["id"] for c in everything if "2025-01-01" <= _date_key(c) <= "2025-02-07"]
    assert window


def test_list_limit(seeded):
    everything = seeded.export()
    got = seeded.json("list", "--limit", "2", "--json")
    assert [c["id"] for c in got] == [c["id"] for c in everything[:2]]


def test_list_limit_zero_means_all_and_a_negative_limit_is_a_usage_error(seeded):
    assert seeded.json("list", "--limit", "0", "--json") == seeded.json("list", "--json")
    result = seeded("list", "--limit", "-1")
    assert result.exit_code == 2
    assert "Traceback" not in result.output


def test_list_table(seeded):
    out = seeded.ok("list").stdout
    for header in ("id", "status", "source (side)", "claim", "event date", "document"):
        assert header in out
    assert "Volodymyr Zelensky (ukraine)" in out
    assert "\x1b" not in out


# --- show --------------------------------------------------------------------------


def test_show_by_id_table(seeded):
    claim = seeded.json("list", "--disputed", "--json")[0]
    out = seeded.ok("show", str(claim["id"])).stdout
    assert f"claim #{claim['id']}" in out
    assert "disputed" in out
    assert claim["source"] in out
    assert "History" in out
    assert "Linked claims" in out


def test_show_by_id_json(seeded):
    claim = seeded.json("list", "--disputed", "--json")[0]
    shown = seeded.json("show", str(claim["id"]), "--json")
    assert isinstance(shown, list)
    assert len(shown) == 1
    detail = shown[0]
    assert detail["id"] == claim["id"]
    assert detail["sentence"] == claim["sentence"]
    assert "links" in detail
    assert "history" in detail
    assert detail["links"], "a disputed claim has the link that disputes it"
    for link in detail["links"]:
        assert {"relation", "rule", "claim", "direction"} <= set(link)
    assert detail["history"]
    assert detail["history"][-1]["new_status"] == "disputed"


def test_show_unknown_id(seeded, clean_failure):
    before = seeded.export()
    line = clean_failure(seeded("show", "99999"), code=1)
    assert "99999" in line
    assert seeded.export() == before


def test_show_unknown_term_is_an_empty_listing(seeded):
    result = seeded.ok("show", "nosuchplace")
    assert "No claims about 'nosuchplace'" in result.stdout
    assert result.stderr == ""


def test_show_unknown_term_json_is_empty_list(seeded):
    result = seeded("show", "nosuchplace", "--json")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == []
    assert "No claims about 'nosuchplace'" in seeded.ok("show", "nosuchplace", "--format", "table").stdout


def test_show_term_groups_by_status(seeded):
    out = seeded.ok("show", "kursk").stdout
    assert "claims about kursk" in out.casefold()
    assert "disputed (" in out


def test_show_former_name(seeded):
    """Dzerzhynsk is Toretsk's former name."""
    assert seeded.json("show", "Dzerzhynsk", "--json") == seeded.json("show", "toretsk", "--json")


# --- export ----------------------------------------------------------------------------


def test_export_json_stdout(seeded):
    claims = seeded.json("export", "--format", "json")
    assert claims == seeded.json("list", "--json", "--fields", "all")
    assert len({c["id"] for c in claims}) == len(claims)


def test_export_csv_stdout(seeded):
    claims = seeded.export()
    out = seeded.ok("export", "--format", "csv").stdout
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == len(claims)
    assert [int(r["id"]) for r in rows] == [c["id"] for c in claims]
    for row, claim in zip(rows, claims, strict=True):
        assert row["sentence"] == claim["sentence"]
        assert row["status"] == claim["status"]
        assert row["source"] == claim["source"]


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_export_to_file(seeded, tmp_path, fmt):
    target = tmp_path / "out" / f"claims.{fmt}"
    result = seeded.ok("export", "--format", fmt, "--output", str(target))
    assert result.stdout.strip() == ""
    text = target.read_text(encoding="utf-8")
    claims = seeded.export()
    if fmt == "json":
        assert json.loads(text) == claims
    else:
        assert len(list(csv.DictReader(io.StringIO(text)))) == len(claims)
    assert not [p for p in target.parent.iterdir() if p.name != target.name]  # no temporary left


# --- actors --------------------------------------------------------------------------------


def test_actors_list(seeded):
    out = seeded.ok("actors").stdout
    assert "Volodymyr Zelensky" in out
    rows = seeded.json("actors", "--json")
    counts = {r["name"]: r["claims"] for r in rows}
    assert counts["Volodymyr Zelensky"] == 3
    russian = seeded.json("actors", "--side", "russia", "--json")
    assert russian
    assert {r["side"] for r in russian} == {"russia"}


def test_actors_add_then_ingest_uses_it(cli, write_article):
    result = cli.ok(
        "actors",
        "add",
        "Oksana Bilyk",
        "--side",
        "ukraine",
        "--alias",
        "Bilyk",
        "--alias",
        "Spokeswoman Bilyk",
        "--kind",
        "person",
    )
    assert "Oksana Bilyk" in result.stdout
    rows = {r["name"]: r for r in cli.json("actors", "--json")}
    assert rows["Oksana Bilyk"]["side"] == "ukraine"
    assert "Bilyk" in rows["Oksana Bilyk"]["aliases"]
    cli.ok("ingest", str(write_article("a.txt", NOVOSELIVKA, published="2024-09-11")))
    claims = cli.export()
    assert [(c["source"], c["side"]) for c in claims] == [("Oksana Bilyk", "ukraine")]
    assert cli.json("list", "--source", "Bilyk", "--json", "--fields", "all") == claims


def test_actors_alias_then_ingest_resolves(cli, write_article):
    result = cli.ok("actors", "alias", "Green Leader", "Zelenskyy")
    assert "Volodymyr Zelensky" in result.stdout
    cli.ok("ingest", str(write_article("a.txt", POKROVSK, published="2024-09-11")))
    claims = cli.export()
    assert [(c["source"], c["side"]) for c in claims] == [("Volodymyr Zelensky", "ukraine")]


def test_actors_alias_of_unknown_actor(cli, clean_failure):
    line = clean_failure(cli("actors", "alias", "Somebody", "No Such Actor Anywhere"), code=1)
    assert "No Such Actor Anywhere" in line


def test_actors_add_reresolve(cli, write_article):
    cli.ok("ingest", str(write_article("a.txt", NOVOSELIVKA, published="2024-09-11")))
    before = cli.export()
    assert [c["source"] for c in before] == ["Bilyk"]
    result = cli.ok("actors", "add", "Oksana Bilyk", "--side", "ukraine", "--alias", "Bilyk", "--reresolve")
    assert re.search(r"\b1 earlier claim", result.stdout), result.stdout
    after = cli.export()
    assert [(c["source"], c["side"]) for c in after] == [("Oksana Bilyk", "ukraine")]
    assert after[0]["sentence"] == before[0]["sentence"]


def test_actors_alias_reresolve(cli, write_article):
    cli.ok("ingest", str(write_article("a.txt", POKROVSK, published="2024-09-11")))
    assert [c["source"] for c in cli.export()] == ["Green Leader"]
    cli.ok("actors", "alias", "Green Leader", "Zelensky", "--reresolve")
    assert [(c["source"], c["side"]) for c in cli.export()] == [("Volodymyr Zelensky", "ukraine")]


def test_actors_add_without_reresolve_leaves_old_claims(cli, write_article):
    cli.ok("ingest", str(write_article("a.txt", NOVOSELIVKA, published="2024-09-11")))
    cli.ok("actors", "add", "Oksana Bilyk", "--side", "ukraine", "--alias", "Bilyk")
    assert [c["source"] for c in cli.export()] == ["Bilyk"]


# --- explain ----------------------------------------------------------------------------------


def test_explain_claim(runner):
    result = runner.invoke(
        app,
        [
            "explain",
            "Russia's defence ministry said on Monday that its forces had captured the village of Krasnohorivka.",
        ],
    )
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "cue" in out
    assert "'said'" in out
    assert "source" in out
    assert "Russian Ministry of Defence" in out
    assert "rule" in out
    assert "No claim" not in out


def test_explain_narration(runner):
    result = runner.invoke(app, ["explain", "Russian forces are better equipped."])
    assert result.exit_code == 0
    assert "No claim" in result.stdout


def test_explain_context_resolves_pronoun(runner):
    result = runner.invoke(
        app,
        [
            "explain",
            "He said the village had fallen.",
            "--context",
            "Igor Petrov, a spokesman for the army group, said on Monday that fighting continued.",
        ],
    )
    assert result.exit_code == 0, result.output
    assert "Igor Petrov" in result.stdout
    without = runner.invoke(app, ["explain", "He said the village had fallen."])
    assert "Igor Petrov" not in without.stdout


def test_explain_after_ingest_lists_every_link_with_rule_and_words(cli, write_article):
    cli.ok("ingest", str(write_article("k.txt", KRASNOHORIVKA, published="2024-09-10")))
    claims = {c["stance"]: c for c in cli.export()}
    denial = claims["deny"]
    by_sentence = cli.ok("explain", denial["sentence"]).stdout
    by_id = cli.ok("explain", str(denial["id"])).stdout
    for out in (by_sentence, by_id):
        assert f"in the ledger: claim #{denial['id']}" in out
        assert "denies-claim" in out and "the claim #" in out, out
        assert str(claims["assert"]["id"]) in out
        assert "disputed" in out
    assert "rule source-before-cue" in by_id or "rule shared-subject" in by_id


def test_explain_unlinked_claim_says_so(cli, write_article):
    cli.ok("ingest", str(write_article("p.txt", POKROVSK, published="2024-09-10")))
    claim = cli.export()[0]
    out = cli.ok("explain", str(claim["id"])).stdout
    assert "links      none" in out
    assert "one source only" in out


def test_explain_claim_id_needs_a_ledger(cli, clean_failure):
    clean_failure(cli("explain", "3"), code=1)


def test_explain_unknown_claim_id(seeded, clean_failure):
    clean_failure(seeded("explain", "99999"))


def test_explain_empty_sentence(runner, clean_failure):
    clean_failure(runner.invoke(app, ["explain", "   "]), code=1)


# --- markup and terminal safety -----------------------------------------------------------------

MARKUP = (
    "Mayor Vitali Klitschko said on Monday that drones hit [bold]Kyiv[/bold] overnight "
    "and that \x1b[31mthe alert[/] ended at dawn.\n"
)


def test_markup_and_escapes_print_as_plain_text(cli, write_article):
    path = write_article("markup.txt", MARKUP, published="2024-09-10", title="[red]Alert[/red]")
    ingest = cli.ok("ingest", str(path))
    assert "\x1b" not in ingest.stdout
    claims = cli.export()
    assert claims, "the sentence is attributed to the mayor"
    for args in (["list"], ["show", str(claims[0]["id"])], ["show", "kyiv"], ["actors"]):
        out = cli.ok(*args).stdout
        assert "\x1b" not in out, args
        if args[0] != "actors":
            assert "[bold]Kyiv[/bold]" in out, args
            assert "[/]" in out, args


def test_explain_markup_is_plain(runner):
    result = runner.invoke(app, ["explain", MARKUP.strip()])
    assert result.exit_code == 0
    assert "[bold]Kyiv[/bold]" in result.stdout
    assert "\x1b" not in result.stdout


def test_error_message_strips_escapes(cli, write_article, clean_failure):
    path = write_article("bad\x1b[31m.txt", b"")
    line = clean_failure(cli("ingest", str(path)))
    assert "\x1b" not in line


# --- databases that cannot be used -----------------------------------------------------------------


@pytest.mark.parametrize("args", [["list"], ["ingest"], ["export"], ["show", "toretsk"], ["actors"]])
def test_non_database_file(cli, tmp_path, seed_file, clean_failure, args):
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not a database, just some text\n" * 200)
    before = junk.read_bytes()
    if args == ["ingest"]:
        args = ["ingest", str(seed_file)]
    clean_failure(cli(*args, db=junk), code=3)
    assert junk.read_bytes() == before


@pytest.fixture
def read_only():
    """Make a file read-only: chmod for a normal user; root ignores modes, so chattr +i for root."""
    undo = []

    def make(path: Path) -> None:
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            chattr = shutil.which("chattr")
            if chattr is None or subprocess.run([chattr, "+i", str(path)], capture_output=True).returncode:
                pytest.skip("running as root without chattr: cannot make a file read-only")
            undo.append(lambda: subprocess.run([chattr, "-i", str(path)], check=False))
        else:
            path.chmod(0o444)
            undo.append(lambda: path.chmod(0o644))

    yield make
    for step in undo:
        step()


def test_read_only_database(cli, seed_file, db, write_article, clean_failure, read_only):
    cli.ok("ingest", str(seed_file))
    gc.collect()  # the runner keeps the process: let the ledger's connection close and checkpoint
    assert not list(db.parent.glob(db.name + "-*"))
    before = db.read_bytes()
    read_only(db)
    good = write_article("good.txt", KRASNOHORIVKA, published="2024-09-10")
    clean_failure(cli("ingest", str(good)), code=3)
    clean_failure(cli("actors", "add", "Oksana Bilyk", "--side", "ukraine"), code=3)
    assert db.read_bytes() == before
    # reading still works
    assert len(cli.export()) >= 10


def test_database_path_is_a_folder(cli, tmp_path, seed_file, clean_failure):
    folder = tmp_path / "a-folder.db"
    folder.mkdir()
    clean_failure(cli("ingest", str(seed_file), db=folder), code=3)


def test_database_from_newer_claimtrack(cli, db, seed_file, clean_failure):
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA user_version = 999")
    conn.close()
    clean_failure(cli("ingest", str(seed_file)), code=3)
    clean_failure(cli("list"), code=3)


def test_reading_commands_without_a_database(cli, clean_failure, db):
    for args in (["list"], ["export"], ["show", "1"], ["actors"]):
        clean_failure(cli(*args), code=3)
    assert not db.exists()


# --- bad input ---------------------------------------------------------------------------------------

BAD_FILES = {
    "empty": ("empty.txt", b""),
    "whitespace": ("blank.txt", b"  \n\t\n   \n"),
    "binary": ("binary.txt", b"\x00\x01\x02PNG\x00\x00 said the ministry\x00"),
    "latin-1": ("latin1.txt", "Le ministère a déclaré que Kyiv était calme.".encode("latin-1")),
    "utf-16-no-bom": ("utf16.txt", "Russia's defence ministry said the village was taken.".encode("utf-16-le")),
    "bad-published": ("baddate.txt", b"---\npublished: 2024-02-30\n---\nThe ministry said the village fell.\n"),
    "unclosed-front-matter": (
        "unclosed.txt",
        b"---\ntitle: Never closed\npublished: 2024-01-01\nThe ministry said the village fell.\n",
    ),
    "front-matter-only": ("fmonly.txt", b"---\ntitle: Nothing else\n---\n\n"),
}


@pytest.fixture
def bad_input(tmp_path, write_article, monkeypatch):
    """Make one bad input (a file, a missing path or an empty folder); relative names keep tables short."""
    monkeypatch.chdir(tmp_path)

    def make(kind: str) -> str:
        if kind == "missing":
            return "no-such-article.txt"
        if kind == "empty-folder":
            folder = tmp_path / "nothing-here"
            folder.mkdir()
            (folder / "notes.json").write_text("{}", encoding="utf-8")
            (folder / "picture.png").write_bytes(b"\x89PNG")
            return "nothing-here"
        name, data = BAD_FILES[kind]
        write_article(name, data)
        return f"articles/{name}"

    return make


BAD_KINDS = ["missing", "empty-folder", *BAD_FILES]


@pytest.mark.parametrize("kind", BAD_KINDS)
def test_bad_input_alone(seeded, bad_input, clean_failure, kind):
    before = seeded.export()
    target = bad_input(kind)
    result = seeded("ingest", target)
    line = clean_failure(result, code=1)
    assert Path(target).name in line
    assert seeded.export() == before


@pytest.mark.parametrize("kind", BAD_KINDS)
def test_bad_input_does_not_stop_good_file(cli, bad_input, write_article, clean_failure, kind):
    target = bad_input(kind)
    good = write_article("good.txt", KRASNOHORIVKA, published="2024-09-10")
    result = cli("ingest", target, "articles/good.txt")
    clean_failure(result, code=1)
    assert "failed" in result.stdout
    assert Path(target).name in result.stdout
    assert "good.txt" in result.stdout
    documents = {Path(c["document"]).name for c in cli.export()}
    assert documents == {good.name}


def test_bad_input_in_a_folder_of_good_ones(cli, write_article, clean_failure, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    write_article("good.txt", KRASNOHORIVKA, published="2024-09-10")
    write_article("bad.txt", b"\xff\xfe\x00\x00garbage")
    write_article("sub/also-good.md", NOVOSELIVKA, published="2024-09-11")
    result = cli("ingest", "articles")
    clean_failure(result, code=1)
    assert "bad.txt" in result.stdout
    assert {Path(c["document"]).name for c in cli.export()} == {"good.txt", "also-good.md"}


def test_bad_stdin(cli, clean_failure):
    clean_failure(cli("ingest", "-", input=b""), code=1)
    clean_failure(cli("ingest", "-", input=b"\x00\x00\x00"), code=1)
    clean_failure(cli("ingest", "-", input="caf\xe9 said".encode("latin-1")), code=1)


@pytest.mark.parametrize("value", ["notadate", "2024-13-45", "yesterday", "2024-02-30"])
def test_bad_published_option(seeded, write_article, clean_failure, value):
    before = seeded.export()
    good = write_article("good.txt", KRASNOHORIVKA)
    line = clean_failure(seeded("ingest", str(good), "--published", value), code=1)
    assert value in line
    assert seeded.export() == before


@pytest.mark.parametrize("option", ["--since", "--until"])
@pytest.mark.parametrize("value", ["2024-13-45", "notadate"])
def test_bad_list_dates(seeded, clean_failure, option, value):
    line = clean_failure(seeded("list", option, value), code=1)
    assert value in line


def test_bad_explain_published(runner, clean_failure):
    clean_failure(runner.invoke(app, ["explain", "The ministry said it.", "--published", "2024-13-45"]), code=1)


def test_eval_of_missing_folder(runner, tmp_path, clean_failure):
    clean_failure(runner.invoke(app, ["eval", str(tmp_path / "none")]), code=1)


def test_show_99999_on_seed(seeded, clean_failure):
    clean_failure(seeded("show", "99999"), code=1)


# --- more edges ----------------------------------------------------------------------------------------


def test_ingest_without_paths_uses_the_bundled_seeds(cli, tmp_path, monkeypatch, seed_file):
    monkeypatch.chdir(tmp_path)  # no seeds/ here: the bundled folder is used
    result = cli.ok("ingest")
    assert seed_file.name in result.stdout
    assert len(cli.json("list", "--disputed", "--json")) == 3


def test_error_message_quotes_are_balanced(seeded, clean_failure):
    line = clean_failure(seeded("actors", "alias", "the harbour men", "Nobody Watch"), code=1)
    assert line.count("'") % 2 == 0, line
    assert line.count('"') % 2 == 0, line


def test_export_output_unwritable(seeded, tmp_path, clean_failure):
    blocker = tmp_path / "a-file"
    blocker.write_text("x", encoding="utf-8")
    clean_failure(seeded("export", "--output", str(blocker / "claims.json")), code=1)


def test_locked_database(cli, seed_file, db, write_article, clean_failure, monkeypatch):
    import claimtrack.store

    cli.ok("ingest", str(seed_file))
    monkeypatch.setattr(claimtrack.store, "BUSY_TIMEOUT_MS", 200)
    holder = sqlite3.connect(db, isolation_level=None)
    try:
        holder.execute("BEGIN EXCLUSIVE")
        good = write_article("good.txt", KRASNOHORIVKA, published="2024-09-10")
        line = clean_failure(cli("ingest", str(good)), code=3)
        assert "locked" in line
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert not [c for c in cli.export() if Path(c["document"]).name == "good.txt"]


def test_show_limit_keeps_the_latest_claims_and_says_how_many_there_are(seeded):
    everything = seeded.json("show", "kursk", "--json", "--limit", "0")
    latest = seeded.json("show", "kursk", "--json", "--limit", "2")
    assert len(everything) > 2
    assert [c["id"] for c in latest] == sorted(c["id"] for c in everything)[-2:]
    table = seeded.ok("show", "kursk", "--format", "table", "--limit", "2").stdout
    assert f"{len(everything)} claims about kursk" in table.casefold()
    assert "showing the latest 2" in table


def test_ingest_with_two_jobs_gives_the_ledger_of_one(cli, tmp_path):
    """Extraction in worker processes changes nothing stored: same ids, claims, links, statuses."""
    dev = Path(__file__).parent / "data" / "dev"
    one, two = tmp_path / "one.db", tmp_path / "two.db"

    def export(db: Path) -> list:
        return json.loads(cli("export", "--format", "json", db=db).stdout)

    assert cli("ingest", str(dev), db=one).exit_code == 0
    result = cli("ingest", "--jobs", "2", str(dev), db=two)
    assert result.exit_code == 0, result.stderr
    assert export(two) == export(one)
    again = cli("ingest", "--jobs", "2", str(dev), db=two)
    assert again.exit_code == 0
    assert "already ingested" in again.stdout
    assert export(two) == export(one)


def test_a_large_batch_ends_in_a_row_of_totals(cli, tmp_path):
    folder = tmp_path / "batch"
    folder.mkdir()
    for i in range(55):
        body = f"Ukraine's air force said {i + 10} Russian drones were shot down over Kharkiv overnight."
        (folder / f"{i:03d}.txt").write_text(
            f"---\npublished: 2024-05-{1 + i % 28:02d}\n---\n{body}\n", encoding="utf-8"
        )
    (folder / "zz-empty.txt").write_text("  \n", encoding="utf-8")
    result = cli("ingest", str(folder))
    assert result.exit_code == 1  # the empty file
    assert "all 56 documents" in result.stdout
    assert "55 new, 0 already ingested, 1 failed" in result.stdout
    assert "zz-empty.txt" in result.stderr
