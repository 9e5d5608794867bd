"""Validate the lexicon data files (actors, places, subjects) with tomllib alone."""

from __future__ import annotations

import json
import re
import tomllib
import unicodedata
from collections import defaultdict
from pathlib import Path

import pytest

LEXICON = Path(__file__).parent.parent / "claimtrack" / "lexicon"
DEV = Path(__file__).parent / "data" / "dev"

ACTOR_KINDS = {"person", "organisation", "group"}
PLACE_KINDS = {
    "country",
    "region",
    "city",
    "town",
    "village",
    "district",
    "area",
    "island",
    "peninsula",
    "facility",
    "river",
    "sea",
}
SIDE_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})

# Bare role nouns and pronouns are resolved from context by the code, never listed.
FORBIDDEN_ACTOR_ALIASES = {
    "he",
    "she",
    "it",
    "they",
    "we",
    "ministry",
    "defence ministry",
    "defense ministry",
    "foreign ministry",
    "health ministry",
    "interior ministry",
    "officials",
    "local officials",
    "military",
    "army",
    "troops",
    "forces",
    "governor",
    "mayor",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "group",
    "air force",
    "general staff",
    "authorities",
    "government",
    "commander",
    "president",
    "prime minister",
    "police",
    "the ministry",
    "the military",
}
# Country and capital names may name only these actors.
GOVERNMENT_ALIASES = {
    "moscow": "Russian government",
    "russia": "Russian government",
    "kyiv": "Ukrainian government",
    "kiev": "Ukrainian government",
    "ukraine": "Ukrainian government",
}


def norm(text: str) -> str:
    """Normalise a name the way the code looks aliases up (claimtrack.lexicon.normalise_name)."""
    text = unicodedata.normalize("NFKC", text).translate(QUOTES)
    text = re.sub(r"\s+", " ", text).strip().casefold()
    return re.sub(r"^(?:the|a|an) ", "", text)


def load(name: str) -> dict:
    with (LEXICON / f"{name}.toml").open("rb") as fh:
        return tomllib.load(fh)


@pytest.fixture(scope="module")
def actors() -> list[dict]:
    data = load("actors")
    assert set(data) == {"actor"}
    return data["actor"]


@pytest.fixture(scope="module")
def places() -> list[dict]:
    data = load("places")
    assert set(data) == {"place"}
    return data["place"]


@pytest.fixture(scope="module")
def subjects() -> list[dict]:
    data = load("subjects")
    assert set(data) <= {"subject", "not_subjects"}
    check_text_list("not_subjects", data.get("not_subjects", {}).get("phrases", []))
    return data["subject"]


def check_text_list(owner: str, values: object, *, case_sensitive: bool = False) -> None:
    """Aliases are non-empty, unpadded strings, none listed twice.

    Places are matched case-sensitively, so their capitalisation variants
    ("Kerch Bridge" / "Kerch bridge") count as different aliases.
    """
    assert isinstance(values, list), f"{owner}: aliases must be a list"
    seen: set[str] = set()
    for value in values:
        assert isinstance(value, str), f"{owner}: alias {value!r} is not a string"
        assert value, f"{owner}: empty alias"
        assert value.strip() == value, f"{owner}: alias {value!r} is padded"
        assert "  " not in value, f"{owner}: alias {value!r} has double spaces"
        assert norm(value), f"{owner}: alias {value!r} is empty after normalising"
        key = value if case_sensitive else norm(value)
        assert key not in seen, f"{owner}: alias {value!r} listed twice"
        seen.add(key)


def check_unique_names(entries: list[dict], what: str) -> None:
    counts: dict[str, int] = defaultdict(int)
    for entry in entries:
        counts[norm(entry["name"])] += 1
    dupes = sorted(name for name, n in counts.items() if n > 1)
    assert not dupes, f"{what} names listed twice: {dupes}"


def alias_owners(entries: list[dict]) -> dict[str, set[str]]:
    owners: dict[str, set[str]] = defaultdict(set)
    for entry in entries:
        for value in [entry["name"], *entry.get("aliases", [])]:
            owners[norm(value)].add(entry["name"])
    return owners


# ------------------------------------------------------------------ actors


def test_actor_fields(actors: list[dict]) -> None:
    assert len(actors) >= 200
    for actor in actors:
        assert set(actor) <= {"name", "side", "kind", "aliases"}, actor
        assert {"name", "side", "kind", "aliases"} <= set(actor), actor
        name = actor["name"]
        assert isinstance(name, str), actor
        assert name, actor
        assert name.strip() == name, actor
        assert isinstance(actor["side"], str), actor
        assert SIDE_RE.match(actor["side"]), f"{name}: side {actor['side']!r} is not a lowercase key"
        assert actor["kind"] in ACTOR_KINDS, f"{name}: kind {actor['kind']!r}"
        check_text_list(name, actor["aliases"])


def test_actor_names_unique(actors: list[dict]) -> None:
    check_unique_names(actors, "actor")


def test_actor_aliases_name_one_actor(actors: list[dict]) -> None:
    clashes = {alias: sorted(names) for alias, names in alias_owners(actors).items() if len(names) > 1}
    assert not clashes, f"aliases naming several actors: {clashes}"


def test_no_bare_generic_actor_aliases(actors: list[dict]) -> None:
    bad = [(a["name"], alias) for a in actors for alias in a["aliases"] if norm(alias) in FORBIDDEN_ACTOR_ALIASES]
    assert not bad, f"bare role nouns or pronouns listed as aliases: {bad}"


def test_country_and_capital_aliases_only_on_governments(actors: list[dict]) -> None:
    owners = alias_owners(actors)
    for alias, actor in GOVERNMENT_ALIASES.items():
        assert owners.get(alias) == {actor}, f"{alias!r} should name only {actor!r}"


def test_required_actors_and_sides(actors: list[dict]) -> None:
    by_name = {a["name"]: a for a in actors}
    required = {
        "Volodymyr Zelensky": "ukraine",
        "Ukrainian government": "ukraine",
        "Ukrainian officials": "ukraine",
        "Ukrainian Armed Forces": "ukraine",
        "Ukrainian General Staff": "ukraine",
        "Ukrainian Air Force": "ukraine",
        "Security Service of Ukraine": "ukraine",
        "DeepState": "independent",
        "Vladimir Putin": "russia",
        "Kremlin": "russia",
        "Russian government": "russia",
        "Russian officials": "russia",
        "Russian Ministry of Defence": "russia",
        "Russian Armed Forces": "russia",
        "Russian military bloggers": "russia",
        "Russian-installed officials in Donetsk": "russia",
        "Wagner Group": "russia",
        "TASS": "russia",
        "Institute for the Study of War": "independent",
        "Reuters": "independent",
        "Example Wire": "independent",
        "Example Press Agency": "independent",
        "Example World Service": "independent",
        "Example Global News": "independent",
        "UN Human Rights Monitoring Mission in Ukraine": "un",
        "IAEA": "un",
        "US government": "usa",
        "Pentagon": "usa",
        "British Ministry of Defence": "uk",
        "NATO": "nato",
        "South Korean military": "south-korea",
        "National Intelligence Service": "south-korea",
        "KCNA": "north-korea",
        "Alexander Lukashenko": "belarus",
        "Israel Defense Forces": "israel",
        "Benjamin Netanyahu": "israel",
        "Hamas": "hamas",
        "Gaza Health Ministry": "hamas",
        "Palestinian Islamic Jihad": "hamas",
    }
    for name, side in required.items():
        assert name in by_name, f"missing actor {name!r}"
        assert by_name[name]["side"] == side, f"{name}: side {by_name[name]['side']!r}"


def test_common_wire_forms_resolve(actors: list[dict]) -> None:
    owners = alias_owners(actors)
    expected = {
        "Russia's defence ministry": "Russian Ministry of Defence",
        "Russia\u2019s Ministry of Defense": "Russian Ministry of Defence",
        "Russian Defense Ministry": "Russian Ministry of Defence",
        "Moscow's defence ministry": "Russian Ministry of Defence",
        "Shoigu": "Russian Ministry of Defence",
        "Konashenkov": "Russian Ministry of Defence",
        "Peskov": "Kremlin",
        "the Kremlin": "Kremlin",
        "the Russian military": "Russian Armed Forces",
        "Zelenskyy": "Volodymyr Zelensky",
        "Zelenskiy": "Volodymyr Zelensky",
        "Syrsky": "Oleksandr Syrskyi",
        "Zaluzhny": "Valery Zaluzhnyi",
        "Slyusar": "Yuri Slyusar",
        "Gladkov": "Vyacheslav Gladkov",
        "Prigozhin": "Yevgeny Prigozhin",
        "officials installed by Moscow": "Russian-installed officials in Donetsk",
        "South Korea\u2019s military": "South Korean military",
        "Ukraine's General Staff": "Ukrainian General Staff",
        "ISW": "Institute for the Study of War",
        "Hagari": "Israel Defense Forces",
        "Islamic Jihad": "Palestinian Islamic Jihad",
    }
    for alias, actor in expected.items():
        assert owners.get(norm(alias)) == {actor}, f"{alias!r} -> {owners.get(norm(alias))}"


def test_gold_sources_are_actors(actors: list[dict]) -> None:
    by_name = {a["name"]: a for a in actors}
    for gold_path in sorted(DEV.glob("*.gold.json")):
        for claim in json.loads(gold_path.read_text(encoding="utf-8"))["claims"]:
            source = claim["source"]
            assert source in by_name, f"{gold_path.name}: gold source {source!r} is no actor"
            side = by_name[source]["side"]
            assert side == claim["side"], f"{gold_path.name}: {source!r} side {side!r}"


# ------------------------------------------------------------------ places


def test_place_fields(places: list[dict]) -> None:
    assert len(places) >= 300
    names = {p["name"] for p in places}
    kinds = {p["name"]: p["kind"] for p in places}
    for place in places:
        assert set(place) <= {"name", "kind", "region", "country", "aliases", "lat", "lon"}, place
        assert {"name", "kind", "aliases"} <= set(place), place
        name = place["name"]
        assert isinstance(name, str), place
        assert name, place
        assert name.strip() == name, place
        assert place["kind"] in PLACE_KINDS, f"{name}: kind {place['kind']!r}"
        if "region" in place:
            assert place["region"] in names, f"{name}: region {place['region']!r} is no place"
        if "country" in place:
            assert kinds.get(place["country"]) == "country", f"{name}: country {place['country']!r} is no country entry"
        assert name not in place["aliases"], f"{name}: name repeated as an alias"
        check_text_list(name, place["aliases"], case_sensitive=True)


def test_place_names_unique(places: list[dict]) -> None:
    check_unique_names(places, "place")


def test_place_aliases_name_one_place(places: list[dict]) -> None:
    clashes = {alias: sorted(names) for alias, names in alias_owners(places).items() if len(names) > 1}
    assert not clashes, f"aliases naming several places: {clashes}"


def test_key_places_present(places: list[dict]) -> None:
    owners = alias_owners(places)
    terms = [
        "Bakhmut",
        "Artyomovsk",
        "Artemivsk",
        "Avdiivka",
        "Vuhledar",
        "Toretsk",
        "Dzerzhynsk",
        "Pokrovsk",
        "Chasiv Yar",
        "Kurakhove",
        "Robotyne",
        "Kupiansk",
        "Mariupol",
        "Kherson",
        "Zaporizhzhia nuclear power plant",
        "Snake Island",
        "Zmiinyi",
        "Crimea",
        "Kerch Bridge",
        "Crimean Bridge",
        "Odesa",
        "Odessa",
        "Kyiv",
        "Kiev",
        "Kursk",
        "Sudzha",
        "Belgorod",
        "Rostov-on-Don",
        "Rostov",
        "Makiivka",
        "Moscow",
        "Gaza City",
        "Gaza",
        "al-Ahli Arab Hospital",
        "Khan Younis",
        "Okhmatdyt",
        "Kakhovka dam",
        "Azovstal",
    ]
    for term in terms:
        assert len(owners.get(norm(term), ())) == 1, f"place {term!r} missing"


# ---------------------------------------------------------------- subjects


def test_subject_fields(subjects: list[dict]) -> None:
    assert len(subjects) >= 30
    names = {s["name"] for s in subjects}
    for subject in subjects:
        assert set(subject) <= {"name", "aliases", "broader", "about_claims"}, subject
        assert {"name", "aliases"} <= set(subject), subject
        assert isinstance(subject.get("about_claims", False), bool), subject
        name = subject["name"]
        assert isinstance(name, str), subject
        assert name, subject
        assert name.strip() == name, subject
        check_text_list(name, subject["aliases"])
        for broader in subject.get("broader", []):
            assert broader in names, f"{name}: broader {broader!r} is no subject"
            assert broader != name, f"{name}: broader names itself"


def test_subject_names_unique(subjects: list[dict]) -> None:
    check_unique_names(subjects, "subject")


def test_subject_aliases_name_one_subject(subjects: list[dict]) -> None:
    clashes = {alias: sorted(names) for alias, names in alias_owners(subjects).items() if len(names) > 1}
    assert not clashes, f"aliases naming several subjects: {clashes}"


def test_key_subjects_present(subjects: list[dict]) -> None:
    owners = alias_owners(subjects)
    wanted = {
        "drone": "drones",
        "Shahed": "drones",
        "UAV": "drones",
        "cruise missile": "missiles",
        "Kh-101": "Kh-101",
        "Kinzhal": "Kinzhal",
        "North Korean soldiers": "North Korean troops",
        "counter-offensive": "counteroffensive",
        "casualties": "casualty figures",
        "POWs": "prisoners of war",
        "grain corridor": "grain exports",
        "humanitarian aid": "humanitarian aid",
        "air defense": "air defence",
        "flights": "flights",
        "air base": "air bases",
        "power grid": "energy infrastructure",
        "mobilization": "mobilisation",
        "Wagner fighters": "Wagner",
        "Islamic Jihad": "Islamic Jihad",
        "shelling": "shelling",
        "evacuation": "evacuation",
        "ceasefire": "ceasefire",
        "peace talks": "peace talks",
        "prisoner swap": "prisoner exchange",
        "tanks": "tanks",
        "artillery": "artillery",
        "ammunition": "ammunition",
    }
    for alias, subject in wanted.items():
        assert owners.get(norm(alias)) == {subject}, f"{alias!r} -> {owners.get(norm(alias))}"


def test_gold_about_terms_are_known(places: list[dict], subjects: list[dict]) -> None:
    known = set(alias_owners(places)) | set(alias_owners(subjects))
    for gold_path in sorted(DEV.glob("*.gold.json")):
        for claim in json.loads(gold_path.read_text(encoding="utf-8"))["claims"]:
            for term in claim.get("about", []):
                key = re.sub(r" (region|oblast)$", "", norm(term))
                assert key in known, f"{gold_path.name}: about term {term!r} not in the lexicon"
