"""claimtrack from Python (issue 13): `extract_claims` and `Ledger`, and the examples of README.md and
docs/library.md run as written."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import claimtrack
from claimtrack import Article, Claim, IngestResult, Ledger, Stance, Status, StoredClaim, extract_claims
from claimtrack.models import Actor

REPO = Path(__file__).resolve().parent.parent
README = REPO / "README.md"
LIBRARY_DOC = REPO / "docs" / "library.md"
NETAILOVE = "Russia's defence ministry said its forces had captured the village of Netailove."
FRIDAY = "Russia's defence ministry said its forces had captured the village of Netailove on Friday."


def _fenced(path: Path, section: str | None = None) -> list[tuple[str, str]]:
    """(info string, body) of every fenced block of a Markdown file, or of one `## ` section of it."""
    text = path.read_text(encoding="utf-8")
    if section is not None:
        start = text.index(f"## {section}\n")
        end = text.find("\n## ", start + 1)
        text = text[start : end if end != -1 else len(text)]
    return [(m.group(1), m.group(2)) for m in re.finditer(r"^```(\w*)\n(.*?)^```", text, re.MULTILINE | re.DOTALL)]


def _exec(code: str, where: str) -> None:
    exec(compile(code, where, "exec"), {"__name__": "__main__"})


# --- the package's face ------------------------------------------------------------------------------


def test_the_public_names() -> None:
    assert claimtrack.__version__
    assert set(claimtrack.__all__) >= {"extract_claims", "Ledger", "Claim", "StoredClaim", "Status", "Stance"}
    for name in claimtrack.__all__:
        assert getattr(claimtrack, name) is not None
    assert set(claimtrack.__all__) <= set(dir(claimtrack))
    assert claimtrack.Claim is Claim and claimtrack.Status is Status and claimtrack.Stance is Stance
    assert claimtrack.StoredClaim is StoredClaim and claimtrack.Article is Article
    assert claimtrack.IngestResult is IngestResult
    with pytest.raises(AttributeError, match="no_such_name"):
        _ = claimtrack.no_such_name  # type: ignore[attr-defined]
    assert (REPO / "claimtrack" / "py.typed").exists()


def _loaded_after(code: str) -> list[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CLAIMTRACK_")}
    env["PYTHONPATH"] = str(REPO) + os.pathsep + env.get("PYTHONPATH", "")
    heavy = [
        "claimtrack.library",
        "claimtrack.store",
        "claimtrack.extract",
        "claimtrack.service",
        "rich",
        "sqlite_utils",
    ]
    script = f"import sys\n{code}\nprint(__import__('json').dumps([m for m in {heavy!r} if m in sys.modules]))"
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, cwd=REPO, timeout=120
    )
    assert done.returncode == 0, done.stderr
    return list(json.loads(done.stdout.strip().splitlines()[-1]))


def test_import_claimtrack_loads_neither_extractor_nor_store() -> None:
    assert _loaded_after("import claimtrack") == []
    assert _loaded_after("from claimtrack import Claim, StoredClaim, Status, Stance, Article") == []
    loaded = _loaded_after("from claimtrack import extract_claims")
    assert "claimtrack.library" in loaded
    assert "claimtrack.extract" not in loaded  # the extractor waits for the first text


# --- extract_claims ----------------------------------------------------------------------------------


def test_extract_claims_from_one_sentence() -> None:
    (claim,) = extract_claims(NETAILOVE)
    assert isinstance(claim, Claim)
    assert claim.actor == "Russian Ministry of Defence"
    assert claim.side == "russia"
    assert claim.stance is Stance.ASSERT
    assert "Netailove" in claim.about
    assert claim.sentence.text == NETAILOVE


def test_published_as_a_string_or_a_date_is_the_same() -> None:
    as_text = extract_claims(FRIDAY, "2025-02-08")
    assert as_text == extract_claims(FRIDAY, dt.date(2025, 2, 8))
    assert as_text == extract_claims(FRIDAY, published=dt.datetime(2025, 2, 8, 14, 30))
    assert as_text == extract_claims(FRIDAY, "2025-02-08T14:30:00Z")
    (claim,) = as_text
    assert claim.event_date is not None
    assert claim.event_date.iso == "2025-02-07"  # "on Friday" before Saturday 8 February
    (undated,) = extract_claims(FRIDAY)
    assert undated.event_date is None or undated.event_date.iso is None


@pytest.mark.parametrize("bad", ["2025-02-30", "yesterday", "08/02/2025", ""])
def test_a_bad_date_is_a_clear_value_error(bad: str) -> None:
    with pytest.raises(ValueError, match=r"published .* is not a date \(use YYYY-MM-DD\)"):
        extract_claims(NETAILOVE, bad)


def test_a_bad_date_is_an_error_even_for_blank_text() -> None:
    with pytest.raises(ValueError, match="not a date"):
        extract_claims("  ", published="2025-13-01")


def test_wrong_types_are_type_errors() -> None:
    with pytest.raises(TypeError, match="published"):
        extract_claims(NETAILOVE, 20250208)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="str"):
        extract_claims(NETAILOVE.encode())  # type: ignore[arg-type]


def test_blank_text_has_no_claims() -> None:
    assert extract_claims("") == []
    assert extract_claims(" \n\t") == []


def test_front_matter_is_read_and_the_arguments_win_over_it() -> None:
    text = f"---\ntitle: Netailove\npublished: 2025-03-08\n---\n{FRIDAY}"
    (claim,) = extract_claims(text)
    assert claim.event_date is not None and claim.event_date.iso == "2025-03-07"
    (claim,) = extract_claims(text, "2025-02-08", title="Another title", outlet="Example News")
    assert claim.event_date is not None and claim.event_date.iso == "2025-02-07"
    with pytest.raises(ValueError, match="not a date"):
        extract_claims(f"---\npublished: soon\n---\n{FRIDAY}")


def test_a_lexicon_of_ones_own(lexicon: Any) -> None:
    text = "Quill said Russian forces had captured the village of Netailove."
    (unknown,) = extract_claims(text)
    assert unknown.side == "unknown"
    own = lexicon.with_actors([Actor("Quill Monitors", "independent", "group", ("Quill",))])
    (known,) = extract_claims(text, lexicon=own)
    assert (known.actor, known.side) == ("Quill Monitors", "independent")


def test_the_seed_gives_the_claims_ingest_stores(seeded: Any, seed_file: Path) -> None:
    stored = seeded.export()
    claims = extract_claims(seed_file.read_text(encoding="utf-8"), published="2025-02-08")
    assert len(claims) == len(stored) >= 10
    assert [c.sentence.text for c in claims] == [s["sentence"] for s in stored]
    assert [c.actor for c in claims] == [s["source"] for s in stored]


# --- Ledger ------------------------------------------------------------------------------------------


def test_ledger_round_trip_in_a_file(tmp_path: Path, seed_file: Path, cli: Any) -> None:
    path = tmp_path / "sub" / "ledger.db"
    with Ledger.open(path) as ledger:
        assert ledger.path == str(path)
        result = ledger.ingest(seed_file)
        assert isinstance(result, IngestResult)
        assert not result.already and result.document_id is not None
        assert result.claims == sum(result.by_status.values()) >= 10
        claims = ledger.claims()
        assert len(claims) == result.claims
        assert all(isinstance(c, StoredClaim) for c in claims)
        assert {c.document for c in claims} == {str(seed_file)}
        assert ledger.claim(claims[0].id) == claims[0]
    with Ledger.open(path, readonly=True) as again:
        assert again.claims() == claims
    exported = type(cli)(cli.runner, path).export()  # `claimtrack --db PATH export` reads the same claims
    assert [c["id"] for c in exported] == [c.id for c in claims]
    assert [c["status"] for c in exported] == [c.status for c in claims]


def test_ingest_twice_changes_nothing(seed_file: Path) -> None:
    text = seed_file.read_text(encoding="utf-8")
    with Ledger.open() as ledger:
        first = ledger.ingest(text)
        before = ledger.claims()
        for again in (ledger.ingest(text), ledger.ingest(seed_file), ledger.ingest(text, published="2025-02-08")):
            assert again.already
            assert again.document_id == first.document_id
            assert again.claims == 0 and again.changed == 0
        assert ledger.claims() == before
        assert ledger.db["documents"].count == 1


def test_ingest_takes_an_article_and_date_arguments() -> None:
    with Ledger.open() as ledger:
        text = ledger.ingest(FRIDAY, dt.date(2025, 2, 8), title="Netailove", outlet="Example News", origin="note-1")
        assert text.title == "Netailove" and text.origin == "note-1"
        (stored,) = ledger.claims()
        assert (stored.document, stored.title, stored.outlet, stored.published) == (
            "note-1",
            "Netailove",
            "Example News",
            "2025-02-08",
        )
        assert stored.event_date == "2025-02-07"
        assert ledger.ingest(Article(body=FRIDAY, published=dt.date(2025, 2, 8))).already
        assert not ledger.ingest(Article(body=FRIDAY), published="2025-02-09").already  # another day, another article
        with pytest.raises(ValueError, match="not a date"):
            ledger.ingest(NETAILOVE, published="2025-02-31")
        with pytest.raises(ValueError, match="no such file"):
            ledger.ingest(Path("no/such/article.txt"))
        with pytest.raises(TypeError):
            ledger.ingest(NETAILOVE.encode())  # type: ignore[arg-type]
        assert len(ledger.claims()) == 2


@pytest.fixture
def seed_ledger(seed_file: Path) -> Any:
    with Ledger.open() as ledger:
        ledger.ingest(seed_file)
        yield ledger


def test_claims_by_status(seed_ledger: Ledger, seeded: Any) -> None:
    everything = seed_ledger.claims()
    disputed = seed_ledger.claims(status="disputed")
    assert {c.status for c in disputed} == {"disputed"}
    assert [c.id for c in disputed] == [c.id for c in everything if c.status == "disputed"]
    assert len(disputed) == 3  # as `claimtrack list --disputed` (tests/test_seed_end_to_end.py)
    assert [c["id"] for c in seeded.json("list", "--disputed", "--json")] == [c.id for c in disputed]
    assert seed_ledger.claims(status=Status.DISPUTED) == disputed
    assert seed_ledger.claims(status=" Disputed ") == disputed
    both = seed_ledger.claims(status=["confirmed", Status.DISPUTED])
    assert {c.status for c in both} == {"confirmed", "disputed"}
    assert len(both) == len([c for c in everything if c.status != "unverified"])
    assert len(seed_ledger.claims(status=())) == len(everything)
    with pytest.raises(ValueError, match="unknown status 'refuted': one of confirmed, disputed, unverified"):
        seed_ledger.claims(status="refuted")


def test_claims_by_source_side_about_date_and_limit(seed_ledger: Ledger) -> None:
    everything = seed_ledger.claims()
    russia = seed_ledger.claims(side="russia")
    assert russia and {c.side for c in russia} == {"russia"}
    assert seed_ledger.claims(side="Russia") == russia
    zelensky = seed_ledger.claims(source="Zelenskyy")  # any name of the source
    assert zelensky and {c.source for c in zelensky} == {"Volodymyr Zelensky"}
    (toretsk,) = seed_ledger.claims(about="toretsk")
    assert toretsk.source == "Russian government" and toretsk.event_date == "2025-02-07"
    assert seed_ledger.claims(about=["Toretsk", "Donetsk"]) == [toretsk]
    assert seed_ledger.claims(about="toretsk", status="disputed") == []
    since = seed_ledger.claims(since=dt.date(2025, 2, 8))
    assert since and all((c.event_date or c.published or "") >= "2025-02-08" for c in since)
    assert seed_ledger.claims(since="2025-02-08") == since
    assert seed_ledger.claims(limit=2) == everything[:2]
    assert seed_ledger.claims(limit=0) == []
    assert len(seed_ledger.claims(limit=2**70)) == len(everything)
    with pytest.raises(ValueError, match="unknown side 'rusia'"):
        seed_ledger.claims(side="rusia")
    with pytest.raises(ValueError, match="not a date"):
        seed_ledger.claims(until="2025-02-30")
    with pytest.raises(ValueError, match="limit"):
        seed_ledger.claims(limit=-1)


def test_one_claim_by_id(seed_ledger: Ledger) -> None:
    claim = seed_ledger.claim(4)
    assert (claim.id, claim.source, claim.status) == (4, "Russian Ministry of Defence", "disputed")
    for missing in (0, -1, 999, 2**70):
        with pytest.raises(LookupError, match=f"no claim with id {missing}"):
            seed_ledger.claim(missing)


def test_the_context_manager_closes(tmp_path: Path) -> None:
    with Ledger.open(tmp_path / "x.db") as ledger:
        assert not ledger.closed
        ledger.ingest(NETAILOVE)
    assert ledger.closed
    assert "closed" in repr(ledger)
    for use in (ledger.claims, lambda: ledger.claim(1), lambda: ledger.ingest(NETAILOVE)):
        with pytest.raises(ValueError, match="closed"):
            use()
    with pytest.raises(ValueError, match="closed"), ledger:
        pass
    ledger.close()  # twice is harmless
    with pytest.raises(RuntimeError, match="boom"), Ledger.open(tmp_path / "x.db") as failing:
        raise RuntimeError("boom")
    assert failing.closed
    with Ledger.open(tmp_path / "x.db") as reopened:
        assert len(reopened.claims()) == 1


# --- the documentation's examples, as written --------------------------------------------------------


def test_readme_python_example_runs_as_written(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], seeded: Any
) -> None:
    (code,) = [body for info, body in _fenced(README, "Use it from Python") if info == "python"]
    monkeypatch.chdir(REPO)
    _exec(code, "README.md")
    lines = capsys.readouterr().out.splitlines()
    disputed = seeded.json("list", "--disputed", "--json")
    assert lines == [f"{c['id']} {c['source']} {c['side']} disputed" for c in disputed]
    assert len(lines) == 3


def test_readme_one_liner_counts_the_claims_ingest_stores(seeded: Any) -> None:
    (block,) = [body for info, body in _fenced(README, "Use it from Python") if "$ python -c" in body]
    lines = block.rstrip("\n").split("\n")
    assert lines[0].startswith("$ ")
    end = next(i for i, line in enumerate(lines) if not line.endswith("\\"))  # a command continues after "\"
    command, documented = "\n".join(lines[: end + 1])[2:], lines[end + 1 :]
    env = {k: v for k, v in os.environ.items() if not k.startswith("CLAIMTRACK_")}
    env["PATH"] = str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", "")
    env["PYTHONIOENCODING"] = "utf-8"
    done = subprocess.run(["bash", "-c", command], cwd=REPO, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    printed = done.stdout.splitlines()
    assert printed == documented
    assert printed[0] == f"{len(seeded.export())} claims"


def test_library_doc_examples_print_what_they_show(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Each python block of docs/library.md, run in a folder of its own beside a copy of seeds/, prints the
    text block that follows it (or nothing)."""
    shutil.copytree(REPO / "seeds", tmp_path / "seeds")
    monkeypatch.chdir(tmp_path)
    blocks = _fenced(LIBRARY_DOC)
    ran = 0
    for index, (info, code) in enumerate(blocks):
        if info != "python":
            continue
        shown = blocks[index + 1][1] if index + 1 < len(blocks) and blocks[index + 1][0] == "text" else ""
        _exec(code, f"docs/library.md block {index}")
        assert capsys.readouterr().out == shown, f"docs/library.md block {index}:\n{code}"
        ran += 1
    assert ran >= 3
