"""About-terms: the places and subjects a user will type into `show`.

Pattern: `... taken control of the mining town of Toretsk, ... in the eastern
Donetsk region` -> places Toretsk, Donetsk; former names and spellings map to
the gazetteer's name (`Dzerzhynsk` -> Toretsk, `Artyomovsk` -> Bakhmut).
Subjects ("drones", "North Korean troops") match their aliases as whole words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from claimtrack.lexicon import Lexicon, normalise_name


@dataclass(frozen=True)
class TermMention:
    start: int
    end: int
    name: str
    kind: str  # a place kind from the gazetteer ("town", "region", ...) or "subject"
    parent: str | None = None  # for a district, the town it belongs to

    @property
    def settlement(self) -> str:
        """The place an outcome is about: a district's town, else the place itself."""
        return self.parent or self.name


@dataclass(frozen=True)
class _TermPatterns:
    places: re.Pattern[str] | None
    place_of: dict[str, tuple[str, str]]
    parent_of: dict[str, str]
    subjects: re.Pattern[str] | None
    subject_of: dict[str, str]


def _compile(names: list[str], flags: int) -> re.Pattern[str] | None:
    ordered = sorted({n for n in names if n.strip()}, key=len, reverse=True)
    if not ordered:
        return None
    alternation = "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in ordered)
    return re.compile(rf"(?<![\w-])(?:{alternation})(?![\w]|-[a-z])", flags)


@cache
def _patterns(lexicon: Lexicon) -> _TermPatterns:
    place_of: dict[str, tuple[str, str]] = {}
    for place in lexicon.places:
        for name in (place.name, *place.aliases):
            place_of.setdefault(normalise_name(name), (place.name, place.kind))
    subject_of: dict[str, str] = {}
    for subject in lexicon.subjects:
        for name in (subject.name, *subject.aliases):
            subject_of.setdefault(normalise_name(name), subject.name)
    names = {p.name for p in lexicon.places}
    parent_of = {
        p.name: p.region
        for p in lexicon.places
        if p.kind == "district" and p.region and p.region in names and p.region != p.name
    }
    places = [n for p in lexicon.places for n in (p.name, *p.aliases)]
    subjects = [n for s in lexicon.subjects for n in (s.name, *s.aliases)]
    return _TermPatterns(_compile(places, 0), place_of, parent_of, _compile(subjects, re.IGNORECASE), subject_of)


def _normal(text: str) -> str:
    return normalise_name(re.sub(r"\s+", " ", text))


def find_places(text: str, lexicon: Lexicon) -> list[TermMention]:
    patterns = _patterns(lexicon)
    if patterns.places is None:
        return []
    found = []
    for match in patterns.places.finditer(text):
        name, kind = patterns.place_of.get(_normal(match.group(0)), (match.group(0), "place"))
        found.append(TermMention(match.start(), match.end(), name, kind, patterns.parent_of.get(name)))
    return found


def find_subjects(text: str, lexicon: Lexicon) -> list[TermMention]:
    patterns = _patterns(lexicon)
    if patterns.subjects is None:
        return []
    return [
        TermMention(m.start(), m.end(), patterns.subject_of.get(_normal(m.group(0)), m.group(0)), "subject")
        for m in patterns.subjects.finditer(text)
    ]


def find_terms(text: str, lexicon: Lexicon) -> list[TermMention]:
    """Places and subjects in `text`, in order of appearance."""
    return sorted(find_places(text, lexicon) + find_subjects(text, lexicon), key=lambda t: t.start)


def parent_regions(names: list[str], lexicon: Lexicon) -> list[str]:
    """The regions the named places lie in (Sudzha -> Kursk), for `show REGION`."""
    regions = {p.name: p.region for p in lexicon.places if p.region and p.region != p.name}
    return [regions[n] for n in names if n in regions]


def canonical_term(term: str, lexicon: Lexicon) -> str:
    """The gazetteer or subject name a user's term stands for ('dzerzhynsk' -> 'Toretsk')."""
    patterns = _patterns(lexicon)
    key = _normal(term)
    key = re.sub(r"\s+(?:region|oblast|province)$", "", key)
    if key in patterns.place_of:
        return patterns.place_of[key][0]
    if key in patterns.subject_of:
        return patterns.subject_of[key]
    return term.strip()


def unique(names: list[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(names))
