"""Tests for claimtrack.serialize: claims as JSON-ready dicts, JSON text and CSV rows."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace

import pytest

from claimtrack.models import Outcome, Quantity, StoredClaim
from claimtrack.serialize import CSV_FIELDS, claim_to_dict, claims_to_csv, claims_to_json, to_json

# Every key docs/formats.md lists in its JSON section ("at least ... plus ...").
README_KEYS = {
    "id",
    "document",
    "published",
    "source",
    "source_text",
    "source_aliases",
    "side",
    "stance",
    "cue",
    "content",
    "sentence",
    "status",
    "status_reason",
    "event_date",
    "about",
    "notes",
    "context_about",
    "hedges",
    "quantities",
    "outcomes",
    "rule",
    "channel",
    "target_id",
    "title",
    "outlet",
    "url",
}


def make_claim(**changes) -> StoredClaim:
    base = StoredClaim(
        id=7,
        document_id=3,
        document="articles/harbour-2024-05-02.txt",
        title="Harbour shelled",
        outlet="Example Wire",
        url="https://example.org/harbour",
        published="2024-05-02",
        source="Harbour Watch",
        source_text="the harbour monitors",
        source_aliases=("Harbour Watch", "HW"),
        side="independent",
        stance="assert",
        cue="said",
        content="14 boats were sunk near Odesa",
        sentence="The harbour monitors said 14 boats were sunk near Odesa.",
        sentence_start=0,
        sentence_end=56,
        rule="source-before-cue",
        status="unverified",
        status_reason="one source only",
        event_date="2024-05-01",
        event_words="on Wednesday",
        about=("Odesa",),
        context_about=("Odesa",),
        notes=("could not be independently verified",),
        hedges=("at least",),
        quantities=(Quantity("vessels", 14, 14, "14 boats", None),),
        outcomes=(Outcome("control", "Odesa", "ukraine", "still held"),),
        channel="on Telegram",
        target_id=None,
    )
    return replace(base, **changes)


def test_claim_to_dict_has_every_readme_key():
    data = claim_to_dict(make_claim())
    missing = README_KEYS - set(data)
    assert not missing, missing


def test_claim_to_dict_values():
    data = claim_to_dict(make_claim())
    assert data["id"] == 7
    assert data["source"] == "Harbour Watch"
    assert data["source_text"] == "the harbour monitors"
    assert data["source_aliases"] == ["Harbour Watch", "HW"]
    assert data["about"] == ["Odesa"]
    assert data["notes"] == ["could not be independently verified"]
    assert data["quantities"] == [
        {"what": "vessels", "low": 14, "high": 14, "words": "14 boats", "owner": None, "bound": ""}
    ]
    assert data["outcomes"] == [
        {
            "kind": "control",
            "subject": "Odesa",
            "favours": "ukraine",
            "words": "still held",
            "denied": False,
            "holds": False,
        }
    ]
    assert data["target_id"] is None


@pytest.mark.parametrize(
    "key", ["source_aliases", "about", "context_about", "notes", "hedges", "quantities", "outcomes"]
)
def test_sequence_fields_are_lists(key):
    assert isinstance(claim_to_dict(make_claim())[key], list)


def test_claim_to_dict_round_trips_through_json():
    data = claim_to_dict(make_claim())
    assert json.loads(json.dumps(data)) == data


def test_claims_to_json_is_a_list_of_claim_objects():
    claims = [make_claim(), make_claim(id=8, sentence="Kyiv’s “harbour” note: [bold]x[/bold]", title=None)]
    text = claims_to_json(claims)
    data = json.loads(text)
    assert isinstance(data, list)
    assert len(data) == 2
    assert [c["id"] for c in data] == [7, 8]
    assert data[1]["sentence"] == "Kyiv’s “harbour” note: [bold]x[/bold]"
    assert data[1]["title"] is None
    assert "Kyiv’s" in text  # not escaped to \u2019


def test_claims_to_json_empty():
    assert json.loads(claims_to_json([])) == []


def test_to_json():
    assert json.loads(to_json({"a": [1, "ü"]})) == {"a": [1, "ü"]}


def test_claims_to_csv_one_row_per_claim():
    claims = [
        make_claim(),
        make_claim(id=8, content='he said "no", then left\nthe port', notes=(), about=("Odesa", "drones")),
        make_claim(id=9, event_date=None, outlet=None),
    ]
    rows = list(csv.DictReader(io.StringIO(claims_to_csv(claims))))
    assert len(rows) == 3
    assert [r["id"] for r in rows] == ["7", "8", "9"]
    assert list(rows[0]) == list(CSV_FIELDS)
    assert rows[1]["content"] == 'he said "no", then left\nthe port'
    assert rows[1]["about"] == "Odesa; drones"
    assert rows[1]["notes"] == ""
    assert rows[2]["event_date"] == ""
    assert rows[2]["outlet"] == ""
    assert rows[0]["status"] == "unverified"
    assert rows[0]["source"] == "Harbour Watch"


def test_claims_to_csv_empty_has_header_only():
    text = claims_to_csv([])
    reader = csv.DictReader(io.StringIO(text))
    assert list(reader) == []
    assert reader.fieldnames == list(CSV_FIELDS)


def test_claim_keys_name_every_key_of_a_claim_in_order():
    from claimtrack.serialize import CLAIM_KEYS, LISTING_FIELDS

    assert list(claim_to_dict(make_claim())) == list(CLAIM_KEYS)
    assert set(LISTING_FIELDS) <= set(CLAIM_KEYS)
    assert "source_aliases" not in LISTING_FIELDS


@pytest.mark.parametrize(
    ("asked", "expected"),
    [(None, ("id", "status")), ("all", None), ("status, id,status", ("status", "id"))],
)
def test_claim_fields(asked, expected):
    from claimtrack.serialize import claim_fields

    assert claim_fields(asked, ("id", "status")) == expected


@pytest.mark.parametrize("asked", ["bogus", "id,bogus", " , "])
def test_claim_fields_refuses_what_claims_do_not_have(asked):
    from claimtrack.serialize import FieldError, claim_fields

    with pytest.raises(FieldError):
        claim_fields(asked, None)
