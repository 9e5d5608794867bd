"""Tests for claimtrack.extract.about: places and subjects a user will type into `show`."""

from __future__ import annotations

import pytest

from claimtrack.extract.about import canonical_term, find_places, find_subjects, find_terms, parent_regions, unique

# --- find_places ------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # (gazetteer name, the words matched)
        ("Shelling resumed near Toretsk at dawn.", [("Toretsk", "Toretsk")]),
        ("Old maps still call it Dzerzhynsk.", [("Toretsk", "Dzerzhynsk")]),
        ("Veterans remember Artyomovsk before the war.", [("Bakhmut", "Artyomovsk")]),
        ("Kharkiv's trams stopped running.", [("Kharkiv", "Kharkiv")]),
        ("Kharkiv’s trams stopped running.", [("Kharkiv", "Kharkiv")]),
        ("Convoys moved from Sudzha toward Kursk.", [("Sudzha", "Sudzha"), ("Kursk", "Kursk")]),
        ("Buses left Odessa and Kharkov on time.", [("Odesa", "Odessa"), ("Kharkiv", "Kharkov")]),
        ("A quiet night in the hamlet.", []),
    ],
)
def test_find_places_names_and_offsets(lexicon, text, expected):
    found = find_places(text, lexicon)
    assert [(m.name, text[m.start : m.end]) for m in found] == expected


def test_find_places_offsets_slice_the_matched_words(lexicon):
    text = "Residents of Dzerzhynsk and Artyomovsk, and Kharkiv's suburbs, sheltered."
    for mention in find_places(text, lexicon):
        matched = text[mention.start : mention.end]
        assert matched in {"Dzerzhynsk", "Artyomovsk", "Kharkiv"}
        assert not matched.endswith("'s")


@pytest.mark.parametrize(
    "text",
    [
        "A Moscow-installed official spoke to reporters.",
        "Moscow-backed administrators issued a decree.",
    ],
)
def test_moscow_as_compound_modifier_is_not_the_place(lexicon, text):
    assert [m.name for m in find_places(text, lexicon)] == []


def test_moscow_alone_is_the_place(lexicon):
    assert [m.name for m in find_places("Drones flew toward Moscow overnight.", lexicon)] == ["Moscow"]


def test_place_names_are_case_sensitive(lexicon):
    assert find_places("the toretsk road", lexicon) == []


def test_place_kind_comes_from_gazetteer(lexicon):
    (mention,) = find_places("Troops entered Toretsk.", lexicon)
    assert mention.kind == "town"
    assert mention.settlement == "Toretsk"


# --- find_subjects ----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Drones buzzed over the fields.", [("drones", "Drones")]),
        ("DRONES buzzed over the fields.", [("drones", "DRONES")]),
        ("three drones and a UAV", [("drones", "drones"), ("drones", "UAV")]),
        ("north korean troops were seen", [("North Korean troops", "north korean troops")]),
        ("North Korean Troops were seen", [("North Korean troops", "North Korean Troops")]),
        ("The bakery opened early.", []),
    ],
)
def test_find_subjects_case_insensitive(lexicon, text, expected):
    found = find_subjects(text, lexicon)
    assert [(m.name, text[m.start : m.end]) for m in found] == expected
    assert all(m.kind == "subject" for m in found)


def test_find_terms_places_and_subjects_in_order(lexicon):
    text = "Drones struck Sudzha before shelling hit Toretsk."
    terms = find_terms(text, lexicon)
    assert [t.start for t in terms] == sorted(t.start for t in terms)
    names = [t.name for t in terms]
    assert names.index("drones") < names.index("Sudzha") < names.index("Toretsk")


# --- canonical_term ---------------------------------------------------------


@pytest.mark.parametrize(
    ("term", "expected"),
    [
        ("toretsk", "Toretsk"),
        ("TORETSK", "Toretsk"),
        (" Toretsk ", "Toretsk"),
        ("dzerzhynsk", "Toretsk"),
        ("Artyomovsk", "Bakhmut"),
        ("artemivsk", "Bakhmut"),
        ("Kursk region", "Kursk"),
        ("the Kursk region", "Kursk"),
        ("kursk oblast", "Kursk"),
        ("Kharkov", "Kharkiv"),
        ("DRONES", "drones"),
        ("UAV", "drones"),
        ("north korean troops", "North Korean troops"),
        ("no such place", "no such place"),
    ],
)
def test_canonical_term(lexicon, term, expected):
    assert canonical_term(term, lexicon) == expected


# --- parent_regions / unique ------------------------------------------------


def test_parent_regions(lexicon):
    assert parent_regions(["Sudzha"], lexicon) == ["Kursk"]
    assert parent_regions(["Toretsk", "Bakhmut"], lexicon) == ["Donetsk", "Donetsk"]


def test_parent_regions_skips_unknown_and_self_regions(lexicon):
    # Kursk is its own region; an unknown name has none
    assert parent_regions(["Kursk", "Nowhereville"], lexicon) == []


def test_unique_keeps_first_order():
    assert unique(["Kursk", "Sudzha", "Kursk", "drones"]) == ("Kursk", "Sudzha", "drones")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The Institute for the Study of War, a US think tank, said so.", []),
        ("A Washington think-tank said 40 tanks were lost.", ["tanks"]),
        ("Think tanks and tank crews disagree.", ["tanks"]),
    ],
)
def test_a_phrase_that_holds_a_subject_word_is_not_that_subject(lexicon, text, expected):
    assert [m.name for m in find_subjects(text, lexicon)] == expected
    assert canonical_term("think tank", lexicon) == "think tank"  # no subject of its own to show
