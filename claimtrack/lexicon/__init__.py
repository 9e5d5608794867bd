"""Load the language data (cues, actors, places, subjects, sides, outcome frames).

The TOML files under `claimtrack/lexicon/` are package data; a user extends
them without touching code, either by editing copies in a folder named by
`CLAIMTRACK_LEXICON` (files there are merged over the shipped ones) or through
`claimtrack actors add/alias`, which the store keeps and passes in as
`extra_actors`.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from claimtrack.lexicon import pickled
from claimtrack.models import Actor

LEXICON_FILES = ("cues", "actors", "places", "subjects", "sides", "outcomes")
ARTICLES = ("the ", "a ", "an ")
APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'"})
_PACKAGE = Path(__file__).parent  # the shipped lexicon files


class LexiconError(ValueError):
    """A lexicon file is missing, unreadable or malformed."""


def _normalised(text: str) -> str:
    """Casefolded, straight apostrophes, single spaces, without a leading article."""
    if not text.isascii():
        text = text.translate(APOSTROPHES)
    text = " ".join(text.casefold().split())
    return text.split(" ", 1)[1] if text.startswith(ARTICLES) else text


# names met again and again (actors in text, a user's terms); merge_places calls _normalised for
# the generated table's ~22,000 spellings, each met once, where a cache would only cost
normalise_name = lru_cache(maxsize=1 << 16)(_normalised)


@dataclass(frozen=True)
class Place:
    name: str
    kind: str
    region: str | None
    aliases: tuple[str, ...]
    country: str | None = None
    lat: float | None = None
    lon: float | None = None


PlaceRow = tuple[str, str, str | None, tuple[str, ...], str | None, float | None, float | None]
"""A place's fields in `Place`'s order (`Place(*row)`): the generated places are read, merged, cached
and indexed as rows, and a `Place` is made only for a place asked for."""


def _row(place: Place) -> PlaceRow:
    return (place.name, place.kind, place.region, place.aliases, place.country, place.lat, place.lon)


@dataclass(frozen=True)
class Subject:
    name: str
    aliases: tuple[str, ...]
    # a subject that says what kind of claim something is ('propaganda', 'fabricated'), not what
    # happened: a denial's own words name it, so it never narrows which claim the denial answers
    about_claims: bool = False


@dataclass(frozen=True, eq=False)
class Lexicon:
    """Everything language-specific the extractor and status rules read."""

    cues: Mapping[str, Any]
    actors: tuple[Actor, ...]
    own_places: tuple[Place, ...]  # the overlay (places.toml and a user's places.toml)
    subjects: tuple[Subject, ...]
    sides: Mapping[str, tuple[str, ...]]
    outcomes: Mapping[str, Any]
    opponents: Mapping[str, str] = field(default_factory=dict)
    alias_index: Mapping[str, Actor] = field(default_factory=dict)
    neutral_sides: frozenset[str] = frozenset()  # sides.toml's `neutral = true`: they take no side

    @property
    def places(self) -> tuple[Place, ...]:
        """The overlay's places, then the generated gazetteer's (made on first use and kept in a
        cache file of their own, not in the pickled lexicon): a generated place whose name or
        alias the overlay already spells is left out."""
        return _all_places(self)

    def words(self, section: str, key: str = "forms") -> tuple[str, ...]:
        value: Any = self.cues
        for part in section.split("."):
            value = value.get(part, {}) if isinstance(value, Mapping) else {}
        return tuple(value.get(key, ())) if isinstance(value, Mapping) else ()

    def country_of(self, place: str) -> str | None:
        found = self.place_named(place)
        return found.country if found else None

    def place_named(self, name: str) -> Place | None:
        return _place_named(self, name)

    def actor_named(self, name: str) -> Actor | None:
        return self.alias_index.get(normalise_name(name))

    def with_actors(self, extra: Iterable[Actor]) -> Lexicon:
        """A copy where `extra` actors (and their aliases) win over shipped ones."""
        actors = {a.name: a for a in self.actors}
        for actor in extra:
            known = actors.get(actor.name)
            if known is not None:
                merged = tuple(dict.fromkeys((*known.aliases, *actor.aliases)))
                actor = replace(known, side=actor.side or known.side, aliases=merged)
            actors[actor.name] = actor
        return build_lexicon(
            self.cues,
            tuple(actors.values()),
            self.own_places,
            self.subjects,
            self.sides,
            self.outcomes,
            self.opponents,
            self.neutral_sides,
        )


@lru_cache(maxsize=1 << 14)
def _place_named(lexicon: Lexicon, name: str) -> Place | None:
    """The first of `Lexicon.places` named `name`, made from its row."""
    number = _row_numbers(lexicon).get(name)
    if number is None:
        return None
    own = lexicon.own_places
    return own[number] if number < len(own) else Place(*place_rows(lexicon)[number])


@cache
def _row_numbers(lexicon: Lexicon) -> dict[str, int]:
    numbers: dict[str, int] = {}
    for number, row in enumerate(place_rows(lexicon)):
        numbers.setdefault(row[0], number)
    return numbers


@cache
def places_key(lexicon: Lexicon) -> str:
    """A cache key for what the merged places are made from: the overlay, the actors (whose names
    are no places), the generated table's file and the code here; by content, so a user's override
    or `actors add` makes a new key however the lexicon was built."""
    from claimtrack import __version__

    made_from = repr(([vars(p) for p in lexicon.own_places], [(a.name, a.kind, a.aliases) for a in lexicon.actors]))
    return pickled.key(__version__, made_from, pickled.stamp(_PACKAGE / "gazetteer.tsv", Path(__file__)))


@cache
def _all_places(lexicon: Lexicon) -> tuple[Place, ...]:
    own = lexicon.own_places
    return (*own, *(Place(*row) for row in place_rows(lexicon)[len(own) :]))


@cache
def place_rows(lexicon: Lexicon) -> tuple[PlaceRow, ...]:
    """`Lexicon.places` as rows: merged once and kept in the pickle cache (`pickled`)."""
    return pickled.cached("places", places_key(lexicon), tuple, lambda: merge_places(lexicon, _generated_rows()))


def merge_places(lexicon: Lexicon, generated: Iterable[PlaceRow]) -> tuple[PlaceRow, ...]:
    """The overlay's places (`lexicon.own_places`), then the `generated` ones it leaves."""
    taken = {normalise_name(n) for p in lexicon.own_places for n in (p.name, *p.aliases)}
    # a generated name that is an actor's name, or a word of a person's name, is read as the
    # actor ('Vladimir Putin', 'Hassan Nasrallah', 'Aung San Suu Kyi'), not as a town
    for actor in lexicon.actors:
        for alias in (actor.name, *actor.aliases):
            words = alias.split()
            personal = actor.kind == "person" or (len(words) == 2 and all(w[:1].isupper() for w in words))
            taken.update([normalise_name(alias), *(normalise_name(w) for w in words if personal)])
    countries = {normalise_name(p.name) for p in lexicon.own_places if p.kind == "country"}
    left = []
    for row in generated:
        key = _normalised(row[0])
        if key in taken and (row[1] != "country" or key in countries):
            continue  # the overlay wins; an actor's name is the actor's
        if row[3]:
            aliases = tuple(a for a in row[3] if _normalised(a) not in taken)
            row = row if aliases == row[3] else (*row[:3], aliases, *row[4:])
        left.append(row)
    return (*map(_row, lexicon.own_places), *left)


@cache
def _generated_rows() -> tuple[PlaceRow, ...]:
    return parse_gazetteer(resources.files("claimtrack.lexicon").joinpath("gazetteer.tsv").read_text(encoding="utf-8"))


def parse_gazetteer(text: str) -> tuple[PlaceRow, ...]:
    """gazetteer.tsv (scripts/make_gazetteer.py): name, kind, country, lat, lon, aliases."""
    rows: list[PlaceRow] = []
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        name, kind, country, lat, lon, aliases = line.split("\t")
        rows.append(
            (
                name,
                kind,
                None,
                tuple(aliases.split("|")) if aliases else (),
                country or None,
                float(lat) if lat else None,
                float(lon) if lon else None,
            )
        )
    return tuple(rows)


def build_lexicon(
    cues: Mapping[str, Any],
    actors: tuple[Actor, ...],
    places: tuple[Place, ...],
    subjects: tuple[Subject, ...],
    sides: Mapping[str, tuple[str, ...]],
    outcomes: Mapping[str, Any],
    opponents: Mapping[str, str],
    neutral_sides: frozenset[str] = frozenset(),
) -> Lexicon:
    index: dict[str, Actor] = {}
    for actor in actors:
        for alias in (actor.name, *actor.aliases):
            index[normalise_name(alias)] = actor
    return Lexicon(cues, actors, places, subjects, sides, outcomes, opponents, index, neutral_sides)


def _read_toml(name: str, override_dir: Path | None) -> dict[str, Any]:
    shipped = resources.files("claimtrack.lexicon").joinpath(f"{name}.toml")
    try:
        data = tomllib.loads(shipped.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise LexiconError(f"lexicon file {name}.toml: {exc}") from exc
    if override_dir is not None and (override_dir / f"{name}.toml").is_file():
        try:
            extra = tomllib.loads((override_dir / f"{name}.toml").read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            raise LexiconError(f"{override_dir / name}.toml: {exc}") from exc
        data = _merge(data, extra)
    return data


def _merge(base: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in extra.items():
        old = merged.get(key)
        if isinstance(old, dict) and isinstance(value, dict):
            merged[key] = _merge(old, value)
        elif isinstance(old, list) and isinstance(value, list) and _named_tables(old) and _named_tables(value):
            # [[place]] / [[actor]] entries merge by name: a user's Toretsk replaces the shipped one
            by_name = {normalise_name(str(e["name"])): e for e in old}
            by_name.update({normalise_name(str(e["name"])): e for e in value})
            merged[key] = list(by_name.values())
        elif isinstance(old, list) and isinstance(value, list):
            merged[key] = old + [v for v in value if v not in old]
        else:
            merged[key] = value
    return merged


def _named_tables(entries: list[Any]) -> bool:
    return all(isinstance(e, dict) and "name" in e for e in entries)


def _actors(data: Mapping[str, Any]) -> tuple[Actor, ...]:
    actors = []
    for entry in data.get("actor", []):
        try:
            actors.append(
                Actor(
                    name=str(entry["name"]),
                    side=str(entry["side"]),
                    kind=str(entry.get("kind", "organisation")),
                    aliases=tuple(str(a) for a in entry.get("aliases", [])),
                )
            )
        except KeyError as exc:
            raise LexiconError(f"actor entry without {exc}: {entry}") from exc
    return tuple(actors)


def _places(data: Mapping[str, Any]) -> tuple[Place, ...]:
    return tuple(
        Place(
            name=str(e["name"]),
            kind=str(e.get("kind", "place")),
            region=e.get("region"),
            aliases=tuple(e.get("aliases", [])),
            country=e.get("country"),
            lat=float(e["lat"]) if "lat" in e else None,
            lon=float(e["lon"]) if "lon" in e else None,
        )
        for e in data.get("place", [])
    )


NOT_A_SUBJECT = ""  # the name of the phrases that hold a subject's word but are about something else


def _subjects(data: Mapping[str, Any]) -> tuple[Subject, ...]:
    subjects = [
        Subject(name=str(e["name"]), aliases=tuple(e.get("aliases", [])), about_claims=e.get("about_claims") is True)
        for e in data.get("subject", [])
    ]
    # "a think tank" is no tank: matched as a whole, longest first, and then dropped
    phrases = tuple(str(p) for p in data.get("not_subjects", {}).get("phrases", []))
    return (*subjects, Subject(NOT_A_SUBJECT, phrases)) if phrases else tuple(subjects)


def _sides(data: Mapping[str, Any]) -> dict[str, tuple[str, ...]]:
    return {side: tuple(entry.get("words", [])) for side, entry in data.get("side", {}).items()}


@cache
def load_lexicon(override_dir: Path | None = None) -> Lexicon:
    """The shipped lexicon, with files from `override_dir` merged over it.

    Parsing the TOML is most of a short command's start-up, so the parsed lexicon is kept in the
    pickle cache (`pickled`) keyed by the files' names, sizes and times; any problem with the cache
    just means parsing again."""
    return pickled.cached("lexicon", _cache_key(override_dir), Lexicon, lambda: _parse_lexicon(override_dir))


def _cache_key(override_dir: Path | None) -> str:
    from claimtrack import __version__

    folders = [_PACKAGE]
    if override_dir is not None:
        folders.append(override_dir)
    files = [folder / f"{name}.toml" for folder in folders for name in LEXICON_FILES]
    return pickled.key(__version__, pickled.stamp(*files, Path(__file__)))


def _parse_lexicon(override_dir: Path | None) -> Lexicon:
    raw = {name: _read_toml(name, override_dir) for name in LEXICON_FILES}
    return build_lexicon(
        raw["cues"],
        _actors(raw["actors"]),
        _places(raw["places"]),
        _subjects(raw["subjects"]),
        _sides(raw["sides"]),
        raw["outcomes"],
        {str(k): str(v) for k, v in raw["sides"].get("opponents", {}).items()},
        frozenset(side for side, entry in raw["sides"].get("side", {}).items() if entry.get("neutral") is True),
    )


@cache
def shipped_words(section: str, key: str = "forms") -> frozenset[str]:
    """A word list of the shipped lexicon (cues.toml), read once: the extractor's modules bind
    their English vocabulary with this instead of holding it as constants."""
    return frozenset(load_lexicon().words(section, key))


@cache
def shipped_sequence(section: str, key: str = "forms") -> tuple[str, ...]:
    """A word list of the shipped lexicon where order matters (tried first to last), read once."""
    return load_lexicon().words(section, key)


@cache
def shipped_alternation(section: str, key: str = "forms", *, in_order: bool = False) -> str:
    """A word list of the shipped lexicon as the body of a regex alternation ('hit|struck|...'),
    read once: each form escaped, the space of a multi-word form matching any whitespace (`\\s+`).
    Longest first, so that a form is never cut short by a shorter one it starts with (for patterns
    that end the alternation at a word boundary); `in_order` keeps the file's order instead."""
    forms = load_lexicon().words(section, key)
    if not in_order:
        forms = tuple(sorted(forms, key=lambda form: (-len(form), form)))
    return "|".join(r"\s+".join(re.escape(part) for part in form.split()) for form in forms)


@cache
def neutral_sides() -> frozenset[str]:
    """The sides sides.toml marks `neutral = true` (the shipped lexicon, read once)."""
    return load_lexicon().neutral_sides


@cache
def shipped_table(section: str) -> Mapping[str, Any]:
    """A table of the shipped lexicon (cues.toml), word -> value, in file order; read once."""
    value: Any = load_lexicon().cues
    for part in section.split("."):
        value = value.get(part, {}) if isinstance(value, Mapping) else {}
    return dict(value) if isinstance(value, Mapping) else {}
