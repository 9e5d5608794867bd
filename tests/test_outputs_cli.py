"""Machine-readable output, search, review and the Markdown and ClaimReview exports."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

STORY = Path(__file__).resolve().parent.parent / "examples" / "story"


@pytest.fixture
def story(cli):
    for name in ("1-moscow-claims.txt", "2-kyiv-denies.txt", "3-kyiv-withdraws.txt"):
        cli.ok("ingest", str(STORY / name))
    return cli


@pytest.mark.parametrize("command", [["list"], ["show", "kursk"], ["search", "drones"], ["sources"]])
def test_nl_is_one_json_object_a_line(seeded, command):
    out = seeded.ok(*command, "--nl").stdout
    lines = [line for line in out.splitlines() if line.strip()]
    assert lines
    assert all(isinstance(json.loads(line), dict) for line in lines)


@pytest.mark.parametrize(("flag", "delimiter"), [("--csv", ","), ("--tsv", "\t")])
def test_csv_and_tsv_parse_one_row_per_claim(seeded, flag, delimiter):
    rows = list(csv.DictReader(io.StringIO(seeded.ok("list", flag).stdout), delimiter=delimiter))
    assert len(rows) == len(seeded.json("list", "--json"))
    assert {"id", "status", "source", "sentence"} <= set(rows[0])


def test_format_option_and_shortcuts_agree(seeded):
    assert seeded.ok("list", "--format", "json").stdout == seeded.ok("list", "--json").stdout


def test_two_formats_at_once_is_a_usage_error(seeded, clean_failure):
    clean_failure(seeded("list", "--json", "--csv"), code=2)


def test_search_finds_words_and_prefixes_best_first(seeded):
    found = seeded.json("search", "drone intercept", "--json")
    assert found
    assert all("drone" in c["sentence"].casefold() for c in found)
    assert any("intercepted" in c["sentence"] for c in found)


def test_search_takes_the_list_filters(seeded):
    found = seeded.json("search", "Kursk", "--disputed", "--json")
    assert found
    assert {c["status"] for c in found} == {"disputed"}


@pytest.mark.parametrize("query", ["AND OR (", '"unbalanced', "NEAR(x y", "*", "col:umn", "[bold]x[/bold]"])
def test_any_query_is_safe(seeded, query):
    result = seeded("search", query)
    assert "Traceback" not in result.output
    assert result.exit_code in (0, 1)
    if result.exit_code == 1:
        assert result.stderr.startswith("claimtrack:")


def test_search_with_no_match_says_so(seeded):
    assert "No claims match" in seeded.ok("search", "zzzzqqq").stdout
    assert seeded.json("search", "zzzzqqq", "--json") == []


def test_review_queues_disputes_without_a_verdict(story):
    queue = story.json("review", "--json")
    assert queue
    assert {item["status"] for item in queue} == {"disputed"}
    assert all("no analyst verdict" in item["why"] for item in queue)
    disputed = queue[0]["id"]
    story.ok("verdict", str(disputed), "disputed", "--note", "checked")
    assert disputed not in {item["id"] for item in story.json("review", "--json")}


def test_review_lists_old_unverified_claims(seeded):
    queue = seeded.json("review", "--days", "1", "--json")
    assert any(item["status"] == "unverified" and "unverified for more than 1 days" in item["why"] for item in queue)


def test_markdown_report_of_a_subject(story):
    text = story.ok("export", "--format", "markdown", "--about", "vodiane").stdout
    assert text.startswith("# Claims about vodiane")
    for heading in ("## Disputed", "## Confirmed", "## Sources", "## Timeline"):
        assert heading in text


def test_markdown_escapes_article_markup(cli, write_article):
    path = write_article(
        "markup.txt",
        "Russia's defence ministry said its forces had taken *all* of [Kotlyne](http://x) on Monday.",
        published="2025-01-06",
    )
    cli.ok("ingest", str(path))
    text = cli.ok("export", "--format", "markdown").stdout
    assert r"\*all\*" in text
    assert r"\[Kotlyne\]" in text


REQUIRED_CLAIMREVIEW = {"@context", "@type", "claimReviewed", "reviewRating", "itemReviewed", "datePublished", "url"}


def test_claimreview_for_claims_in_a_final_state(story):
    reviews = story.json("export", "--format", "claimreview")
    exported = {c["id"]: c for c in story.export()}
    assert reviews
    for review in reviews:
        assert set(review) >= REQUIRED_CLAIMREVIEW
        assert review["@context"] == "https://schema.org"
        assert review["@type"] == "ClaimReview"
        rating = review["reviewRating"]
        assert rating["@type"] == "Rating"
        assert rating["worstRating"] <= rating["ratingValue"] <= rating["bestRating"]
        assert rating["alternateName"].split(" ")[0] in {"Confirmed", "Disputed"}
        assert rating["ratingExplanation"]
        item = review["itemReviewed"]
        assert item["@type"] == "Claim"
        assert item["author"]["name"]
        assert item["firstAppearance"]["@type"] == "CreativeWork"
    statuses = {c["status"] for c in exported.values()}
    assert "confirmed" in statuses
    # a claim reported twice is reviewed once, with its second appearance listed
    twice = [r for r in reviews if r["itemReviewed"]["appearance"]]
    assert twice
    assert twice[0]["itemReviewed"]["appearance"][0]["datePublished"] >= twice[0]["datePublished"]


def test_unasked_a_pipe_gets_json_lines_and_a_terminal_a_table(seeded, monkeypatch):
    monkeypatch.delenv("CLAIMTRACK_FORMAT")
    piped = seeded.ok("list", "--disputed").stdout
    assert [json.loads(line)["status"] for line in piped.splitlines()] == ["disputed"] * 3
    assert "┃" in seeded.ok("list", "--disputed", "--format", "table").stdout
    monkeypatch.setattr("sys.stdout.isatty", lambda: True, raising=False)


def test_the_environment_sets_the_default_format(seeded, monkeypatch):
    monkeypatch.setenv("CLAIMTRACK_FORMAT", "csv")
    assert seeded.ok("list", "--disputed").stdout.startswith("id,status,")


def test_escape_sequences_never_reach_text_formats(cli, write_article):
    path = write_article(
        "esc.txt",
        "Russia's defence ministry said \x1b[31mred\x1b[0m troops had taken "
        "\x1b]8;;http://evil\x07Kotlyne\x1b]8;;\x07 on Monday.",
        published="2025-01-06",
    )
    cli.ok("ingest", str(path))
    for args in (
        ["list", "--csv"],
        ["list", "--tsv"],
        ["export", "--format", "markdown"],
        ["export", "--format", "csv"],
    ):
        out = cli.ok(*args).stdout
        assert "\x1b" not in out and "\x07" not in out, args
        assert "Kotlyne" in out


def test_another_applications_sqlite_file_is_not_taken_over(cli, tmp_path, clean_failure):
    import sqlite3

    other = tmp_path / "other.db"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE foo (x)")
    conn.commit()
    conn.close()
    line = clean_failure(cli("list", db=other), code=3)
    assert "not a claimtrack database" in line
    clean_failure(cli("ingest", db=other), code=3)
    tables = {r[0] for r in sqlite3.connect(other).execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert tables == {"foo"}


def test_usage_errors_are_one_line_from_the_command(tmp_path):
    import subprocess
    import sys

    for args in (
        ["verdict", "1", "maybe", "--note", "x"],
        ["timeline", "kursk", "--by", "nonsense"],
        ["list", "--bogus"],
    ):
        result = subprocess.run(
            [sys.executable, "-m", "claimtrack", "--db", str(tmp_path / "x.db"), *args],
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 2, args
        lines = [line for line in result.stderr.splitlines() if line.strip()]
        assert len(lines) == 1 and lines[0].startswith("claimtrack:"), result.stderr
        assert "Traceback" not in result.stderr


def test_eval_of_a_folder_without_annotations_is_an_error(cli, tmp_path, clean_failure):
    (tmp_path / "empty").mkdir()
    assert "no annotated articles" in clean_failure(cli("eval", str(tmp_path / "empty")), code=1)


def test_search_reads_ranked_matches_in_chunks_up_to_the_limit(seeded, monkeypatch):
    """Matches are read a chunk at a time in rank order; filters and the limit apply across chunks."""
    import claimtrack.service

    everything = seeded.json("search", "ukrainian", "--json", "--limit", "1000")
    assert len(everything) > 4
    monkeypatch.setattr(claimtrack.service, "SEARCH_CHUNK", 2)
    assert seeded.json("search", "ukrainian", "--json", "--limit", "1000") == everything
    assert seeded.json("search", "ukrainian", "--json", "--limit", "3") == everything[:3]
    disputed = [c for c in everything if c["status"] == "disputed"]
    assert seeded.json("search", "ukrainian", "--disputed", "--json", "--limit", "2") == disputed[:2]
