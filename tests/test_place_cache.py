"""The pickle cache of the merged places and the place-matching indexes (claimtrack/lexicon/pickled.py):
what comes back from it is what building gives, a change in what they are made from makes a new key,
and any problem with a cache file means building again."""

from __future__ import annotations

from pathlib import Path

import pytest

import claimtrack.extract.about as about
import claimtrack.lexicon as lexicon_module
from claimtrack.extract.about import find_places
from claimtrack.lexicon import Lexicon, Place, load_lexicon, pickled, place_rows, places_key
from claimtrack.models import Actor


@pytest.fixture
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    return tmp_path / "claimtrack"


def fresh(lexicon: Lexicon) -> Lexicon:
    """The same lexicon as a new object: nothing is kept in memory for it, so its tables come from
    the cache folder or are built."""
    return lexicon.with_actors([])


def tables(lexicon: Lexicon) -> tuple[object, ...]:
    return place_rows(lexicon), about._gazetteer(lexicon), about._names(lexicon)


def never(*_: object) -> None:
    raise AssertionError("built again instead of read from the cache")


def test_the_tables_read_back_are_the_tables_built(
    lexicon: Lexicon, cache_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    built = fresh(lexicon)
    generated = lexicon_module._generated_rows()
    expected = (lexicon_module.merge_places(built, generated), about._make_gazetteer(built), about._make_names(built))
    assert tables(built) == expected
    assert built.places == tuple(Place(*row) for row in expected[0])
    assert sorted(p.name.split("-")[0] for p in cache_home.glob("*.pickle")) == ["names", "places", "terms"]
    for name in ("merge_places", "_generated_rows"):
        monkeypatch.setattr(lexicon_module, name, never)
    monkeypatch.setattr(about, "_make_gazetteer", never)
    monkeypatch.setattr(about, "_make_names", never)
    assert tables(fresh(lexicon)) == expected


def test_an_actor_added_makes_a_new_key_and_is_heeded(lexicon: Lexicon, cache_home: Path) -> None:
    """The places' key is made from content: extra actors (as a ledger's `actors add` passes them)
    take their names from the generated table."""
    text = "Fighting went on in Lashio."
    assert [p.name for p in find_places(text, fresh(lexicon))] == ["Lashio"]
    extended = lexicon.with_actors([Actor("Lashio Kassala", "independent", "person")])
    assert places_key(extended) != places_key(lexicon)
    assert find_places(text, extended) == []


def test_an_override_folder_makes_a_new_key(lexicon: Lexicon, cache_home: Path, tmp_path: Path) -> None:
    folder = tmp_path / "lex"
    folder.mkdir()
    (folder / "places.toml").write_text('[[place]]\nname = "Harbourtown"\nkind = "town"\ncountry = "Ukraine"\n')
    merged = load_lexicon(folder)
    assert places_key(merged) != places_key(lexicon)
    assert [p.name for p in find_places("Shelling hit Harbourtown.", merged)] == ["Harbourtown"]


def test_a_changed_file_changes_its_stamp(tmp_path: Path) -> None:
    made_from = tmp_path / "gazetteer.tsv"
    made_from.write_text("a\n")
    before = pickled.stamp(made_from)
    made_from.write_text("ab\n")
    assert pickled.stamp(made_from) != before
    assert pickled.stamp(tmp_path / "missing.tsv").endswith(":missing")


def test_a_broken_cache_file_is_built_again(lexicon: Lexicon, cache_home: Path) -> None:
    expected = tables(fresh(lexicon))
    files = sorted(cache_home.glob("*.pickle"))
    for number, path in enumerate(files):
        path.write_bytes([b"", b"\x80\x05garbage", b"not a pickle"][number % 3])
    assert tables(fresh(lexicon)) == expected
    assert all(path.stat().st_size > 1000 for path in files)  # written again


def test_no_cache_folder_to_write_is_no_failure(
    lexicon: Lexicon, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("")
    monkeypatch.setenv("XDG_CACHE_HOME", str(not_a_folder))
    assert [p.name for p in find_places("Shelling hit Kharkiv.", fresh(lexicon))] == ["Kharkiv"]


def test_old_cache_files_are_removed(cache_home: Path) -> None:
    for number in range(pickled.KEEP + 3):
        assert pickled.cached("demo", f"key{number}", int, lambda number=number: number) == number
    kept = sorted(p.name for p in cache_home.glob("demo-*.pickle"))
    assert len(kept) == pickled.KEEP
    assert f"demo-key{pickled.KEEP + 2}.pickle" in kept
    assert pickled.cached("demo", f"key{pickled.KEEP + 2}", int, never) == pickled.KEEP + 2


def test_a_place_named_is_the_first_place_of_that_name(lexicon: Lexicon) -> None:
    first: dict[str, Place] = {}
    for place in lexicon.places:
        first.setdefault(place.name, place)
    assert all(lexicon.place_named(name) == place for name, place in first.items())
    assert lexicon.place_named("Toretsk") is lexicon.own_places[[p.name for p in lexicon.own_places].index("Toretsk")]
    assert lexicon.place_named("Atlantis") is None
