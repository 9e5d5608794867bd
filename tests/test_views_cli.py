"""The views of issue 4 on the command line: `timeline TERM` and `sources`.

A story is ingested article by article from invented files with front matter;
the timeline must list claims and status changes in date order (status changes
dated by the publication of the article that caused them), and `sources` each
actor's track record, including denials its own side later admitted.
"""

from __future__ import annotations

from typing import Any

import pytest

# (file name, published, outlet, body): invented articles, day by day
KOTLYNE = (
    (
        "kotlyne-1.txt",
        "2025-03-04",
        "Northline Wire",
        "Russia's defence ministry said on Tuesday that its forces had taken the village of Kotlyne "
        "in the Donetsk region. Reuters could not independently verify the claim.",
    ),
    (
        "kotlyne-2.txt",
        "2025-03-06",
        "Steppe Courier",
        "A Ukrainian military spokesman, Taras Hrytsenko, said on Wednesday that fighting continues "
        "in Kotlyne. He denied the Russian claim that the village had fallen.",
    ),
    (
        "kotlyne-3.txt",
        "2025-03-27",
        "Northline Wire",
        "Ukraine's military said on Thursday that its troops had withdrawn from Kotlyne to avoid "
        "encirclement. The withdrawal ended weeks of fighting for the village.",
    ),
)
KOTLYNE_REPEAT = (
    "kotlyne-1b.txt",
    "2025-03-04",
    "Eastern Ledger",
    "Russian forces have taken Kotlyne, a village in the Donetsk region, Russia's Defence Ministry said on Tuesday.",
)
ZVIROVE = (
    (
        "zvirove-1.txt",
        "2025-04-02",
        "Northline Wire",
        "Russia's defence ministry said on Wednesday that its troops had captured the village of Zvirove.",
    ),
    (
        "zvirove-2.txt",
        "2025-04-03",
        "Danube Daily",
        "The Institute for the Study of War said on Thursday that Russian forces had captured Zvirove, "
        "citing geolocated footage.",
    ),
)
YAMPOLIVKA = (
    (
        "yampolivka-1.txt",
        "2025-09-02",
        "Steppe Courier",
        "Ukraine's defence ministry said on Tuesday that Ukrainian troops had recaptured the village of Yampolivka.",
    ),
)
DACHNE_REJECTED = (
    (
        "dachne-1.txt",
        "2025-05-06",
        "Northline Wire",
        "Russia's defence ministry said on Tuesday that its forces had captured the village of Dachne, "
        "a claim Kyiv swiftly rejected.",
    ),
    (
        "dachne-2.txt",
        "2025-05-09",
        "Danube Daily",
        "The Institute for the Study of War said on Friday that geolocated footage showed Russian forces had "
        "captured Dachne.",
    ),
)


def _ingest(cli: Any, write_article: Any, *pieces: tuple[str, str, str, str]) -> None:
    for name, published, outlet, body in pieces:
        cli.ok("ingest", str(write_article(name, body, published=published, outlet=outlet, title=name)))


def _claim_id(cli: Any, words: str) -> int:
    (claim,) = [c for c in cli.export() if words in c["sentence"]]
    return int(claim["id"])


@pytest.fixture
def story(cli, write_article):
    _ingest(cli, write_article, *KOTLYNE)
    return cli


# --- timeline -------------------------------------------------------------------------


def _dates_sorted(entries: list[dict[str, Any]]) -> bool:
    dates = [e["date"] for e in entries]
    return dates == sorted(dates)


@pytest.mark.parametrize("by", ["event", "published"])
def test_timeline_json_is_sorted_by_date(story, by) -> None:
    entries = story.json("timeline", "kotlyne", "--by", by, "--json")
    assert entries
    assert _dates_sorted(entries), [e["date"] for e in entries]
    assert {e["kind"] for e in entries} == {"claim", "status"}
    for entry in entries:
        assert set(entry) >= {"date", "kind", "claim", "status", "source", "side", "text"}
        assert entry["status"] in {"confirmed", "disputed", "unverified"}


def test_timeline_default_is_by_event(story) -> None:
    assert story.json("timeline", "kotlyne", "--json") == story.json("timeline", "kotlyne", "--by", "event", "--json")


def test_timeline_lists_every_claim_about_the_place(story) -> None:
    entries = story.json("timeline", "Kotlyne", "--json")
    claims = {e["claim"] for e in entries if e["kind"] == "claim"}
    exported = story.export()
    assert claims == {c["id"] for c in exported}
    assert len([e for e in entries if e["kind"] == "claim"]) == len(exported)


@pytest.mark.parametrize("by", ["event", "published"])
def test_timeline_status_changes_are_dated_by_the_article_that_caused_them(story, by) -> None:
    taken = _claim_id(story, "had taken the village of Kotlyne")
    entries = story.json("timeline", "kotlyne", "--by", by, "--json")
    changes = [e for e in entries if e["kind"] == "status"]
    assert [(e["claim"], e["date"], e["status"]) for e in changes] == [
        (taken, "2025-03-06", "disputed"),  # the day-2 article, published on Thursday 6 March
        (taken, "2025-03-27", "confirmed"),  # the admission
    ]
    assert "unverified" in changes[0]["text"]
    assert "disputed" in changes[0]["text"]
    assert "disputed" in changes[1]["text"]
    assert "confirmed" in changes[1]["text"]
    # a change comes after the claim it changes
    position = {id(e): i for i, e in enumerate(entries)}
    first_claim = next(e for e in entries if e["kind"] == "claim" and e["claim"] == taken)
    assert all(position[id(first_claim)] < position[id(c)] for c in changes)


def test_timeline_by_event_and_by_published_date_claims_differently(story) -> None:
    fighting = _claim_id(story, "fighting continues in Kotlyne")
    by_event = {e["claim"]: e["date"] for e in story.json("timeline", "kotlyne", "--json") if e["kind"] == "claim"}
    by_published = {
        e["claim"]: e["date"]
        for e in story.json("timeline", "kotlyne", "--by", "published", "--json")
        if e["kind"] == "claim"
    }
    assert by_event[fighting] == "2025-03-05"  # "on Wednesday", in an article of Thursday
    assert by_published[fighting] == "2025-03-06"
    published = {c["id"]: c["published"] for c in story.export()}
    assert by_published == published


def test_timeline_table(story) -> None:
    out = story.ok("timeline", "kotlyne").stdout
    assert "Timeline of kotlyne" in out
    assert "event date" in out
    for words in ("2025-03-04", "2025-03-05", "2025-03-06", "2025-03-27", "status", "claim"):
        assert words in out, words
    assert out.index("2025-03-04") < out.index("2025-03-06") < out.index("2025-03-27")
    assert "Russian Ministry of Defence (russia)" in out
    assert "Taras Hrytsenko (ukraine)" in out


def test_timeline_table_by_published(story) -> None:
    out = story.ok("timeline", "kotlyne", "--by", "published").stdout
    assert "published" in out
    assert "2025-03-05" not in out  # no claim is placed at its event date
    assert out.index("2025-03-04") < out.index("2025-03-06") < out.index("2025-03-27")


def test_timeline_of_an_unknown_term_is_an_empty_listing(story) -> None:
    assert story.ok("timeline", "atlantis", "--json").stdout.strip() == "[]"
    assert "No claims about 'atlantis'" in story.ok("timeline", "atlantis", "--format", "table").stdout


def test_timeline_with_a_bad_order_is_a_usage_error(story) -> None:
    result = story("timeline", "kotlyne", "--by", "rumour")
    assert result.exit_code == 2
    assert "Traceback" not in result.output


# --- sources ----------------------------------------------------------------------


@pytest.fixture
def ledger(cli, write_article):
    _ingest(cli, write_article, *KOTLYNE, KOTLYNE_REPEAT, *ZVIROVE, *YAMPOLIVKA)
    return cli


def _by_name(records: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {r["name"]: r for r in records}


def test_sources_json_track_record(ledger) -> None:
    records = _by_name(ledger.json("sources", "--json"))
    mod = records["Russian Ministry of Defence"]
    assert mod["side"] == "russia"
    assert mod["claims"] == 2  # Kotlyne (reported twice, counted once) and Zvirove
    assert (mod["confirmed"], mod["disputed"], mod["unverified"]) == (2, 0, 0)

    spokesman = records["Taras Hrytsenko"]
    assert spokesman["side"] == "ukraine"
    assert spokesman["claims"] == 2
    assert (spokesman["confirmed"], spokesman["disputed"], spokesman["unverified"]) == (0, 2, 0)

    isw = records["Institute for the Study of War"]
    assert (isw["side"], isw["claims"], isw["confirmed"]) == ("independent", 1, 1)
    ministry = records["Ukrainian Ministry of Defence"]
    assert (ministry["claims"], ministry["unverified"]) == (1, 1)
    for record in records.values():
        assert record["claims"] == record["confirmed"] + record["disputed"] + record["unverified"]


def test_sources_denial_later_admitted_by_its_own_side_counts_one(ledger) -> None:
    records = _by_name(ledger.json("sources", "--json"))
    assert records["Taras Hrytsenko"]["denials_admitted"] == 1
    others = {name: r["denials_admitted"] for name, r in records.items() if name != "Taras Hrytsenko"}
    assert set(others.values()) == {0}, others


def test_sources_denial_contradicted_only_by_a_monitor_is_not_admitted(cli, write_article) -> None:
    _ingest(cli, write_article, *DACHNE_REJECTED)
    records = _by_name(cli.json("sources", "--json"))
    kyiv = next(r for r in records.values() if r["side"] == "ukraine")
    assert kyiv["disputed"] == 1
    assert kyiv["denials_admitted"] == 0


def test_sources_denial_counts_once_the_admission_arrives(cli, write_article) -> None:
    _ingest(cli, write_article, KOTLYNE[0], KOTLYNE[1])
    assert _by_name(cli.json("sources", "--json"))["Taras Hrytsenko"]["denials_admitted"] == 0
    _ingest(cli, write_article, KOTLYNE[2])
    assert _by_name(cli.json("sources", "--json"))["Taras Hrytsenko"]["denials_admitted"] == 1


def test_sources_side_filter(ledger) -> None:
    records = ledger.json("sources", "--side", "ukraine", "--json")
    names = {r["name"] for r in records}
    assert {"Taras Hrytsenko", "Ukrainian Ministry of Defence", "Ukrainian Armed Forces"} <= names
    assert {r["side"] for r in records} == {"ukraine"}
    assert ledger.json("sources", "--side", "UKRAINE", "--json") == records
    assert ledger("sources", "--side", "nowhere", "--json").exit_code == 2  # a typo, not an empty side


def test_sources_sort_by_name(ledger) -> None:
    names = [r["name"] for r in ledger.json("sources", "--sort", "name", "--json")]
    assert names == sorted(names, key=str.casefold)
    assert len(names) >= 5


def test_sources_sort_by_claims_is_the_default(ledger) -> None:
    records = ledger.json("sources", "--json")
    counts = [r["claims"] for r in records]
    assert counts == sorted(counts, reverse=True)
    assert ledger.json("sources", "--sort", "claims", "--json") == records


def test_sources_sort_by_disputed(ledger) -> None:
    records = ledger.json("sources", "--sort", "disputed", "--json")
    counts = [r["disputed"] for r in records]
    assert counts == sorted(counts, reverse=True)
    assert records[0]["name"] == "Taras Hrytsenko"


def test_sources_bad_sort_is_a_usage_error(ledger) -> None:
    result = ledger("sources", "--sort", "loudest")
    assert result.exit_code == 2
    assert "loudest" in result.output


def test_sources_table(ledger) -> None:
    out = ledger.ok("sources").stdout
    assert "Sources" in out
    assert "denials later admitted" in out
    row = next(line for line in out.splitlines() if "Taras Hrytsenko" in line)
    cells = [cell.strip() for cell in row.strip().strip("│┃|").split("│")]
    assert cells[0] == "Taras Hrytsenko"
    assert cells[1] == "ukraine"
    assert cells[2:] == ["2", "0", "2", "0", "1"]
    side_only = ledger.ok("sources", "--side", "russia").stdout
    assert "Russian Ministry of Defence" in side_only
    assert "Taras Hrytsenko" not in side_only


def test_views_on_an_empty_ledger(cli, clean_failure) -> None:
    result = cli("sources")
    assert result.exit_code != 0  # no database yet: an error, never a traceback
    assert "Traceback" not in result.output
    assert cli("timeline", "kotlyne").exit_code != 0
