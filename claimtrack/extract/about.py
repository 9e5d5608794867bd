"""About-terms: the places and subjects a user will type into `show`.

Pattern: `... taken control of the mining town of Toretsk, ... in the eastern
Donetsk region` -> places Toretsk, Donetsk; former names and spellings map to
the gazetteer's name (`Dzerzhynsk` -> Toretsk, `Artyomovsk` -> Bakhmut).
Subjects ("drones", "North Korean troops") match their aliases as whole words.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import pairwise
from pathlib import Path

from claimtrack.lexicon import NOT_A_SUBJECT, Lexicon, normalise_name, pickled, place_rows, places_key


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


TOKEN = re.compile(r"\w+(?:[-’'.]\w+)*")
MAX_NAME_WORDS = 7


@dataclass(frozen=True)
class _Gazetteer:
    """Every spelling of every place and subject, keyed by its words, for n-gram lookup."""

    places: dict[str, tuple[str, str]]  # casefolded words -> (name, kind)
    subjects: dict[str, str]  # casefolded words -> name
    place_starts: dict[str, int]  # first word -> most words a name starting with it has
    subject_starts: dict[str, int]
    parent_of: dict[str, str]


PLAIN = re.compile(r"[A-Za-z]+(?:[ -][A-Za-z]+)*")


def _words_key(text: str) -> str:
    if (text.isascii() and text.isalpha()) or PLAIN.fullmatch(text):
        return text  # most names: words of letters, one space or hyphen between them
    return " ".join(m.group(0) for m in TOKEN.finditer(text.replace("’", "'")))


@cache
def _index_key(lexicon: Lexicon) -> str:
    """The pickle cache's key for the indexes below: the places' key, the subjects, this code."""
    return pickled.key(places_key(lexicon), repr([vars(s) for s in lexicon.subjects]), pickled.stamp(Path(__file__)))


@cache
def _names(lexicon: Lexicon) -> tuple[dict[str, tuple[str, str]], dict[str, str]]:
    """Normalised spelling -> (place name, kind), and -> subject name: what a user's term needs,
    kept apart from the word tables text scanning needs (so `show` does not load them, nor a
    scan these)."""
    return pickled.cached("names", _index_key(lexicon), tuple, lambda: _make_names(lexicon))


def _make_names(lexicon: Lexicon) -> tuple[dict[str, tuple[str, str]], dict[str, str]]:
    place_of: dict[str, tuple[str, str]] = {}
    for place, kind, _, aliases, _, _, _ in place_rows(lexicon):
        value = (place, kind)
        for name in (place, *aliases):
            place_of.setdefault(normalise_name(name), value)
    subject_of: dict[str, str] = {}
    for subject in lexicon.subjects:
        if subject.name == NOT_A_SUBJECT:
            continue
        for name in (subject.name, *subject.aliases):
            subject_of.setdefault(normalise_name(name), subject.name)
    return place_of, subject_of


@cache
def _gazetteer(lexicon: Lexicon) -> _Gazetteer:
    return pickled.cached("terms", _index_key(lexicon), _Gazetteer, lambda: _make_gazetteer(lexicon))


def _make_gazetteer(lexicon: Lexicon) -> _Gazetteer:
    places: dict[str, tuple[str, str]] = {}
    for place, kind, _, aliases, _, _, _ in place_rows(lexicon):
        value = (place, kind)
        for name in (place, *aliases):
            places.setdefault(_words_key(name).casefold(), value)
    subjects: dict[str, str] = {}
    for subject in lexicon.subjects:
        for name in (subject.name, *subject.aliases):
            subjects.setdefault(_words_key(name).casefold(), subject.name)
    names = {row[0] for row in place_rows(lexicon)}
    parent_of = {
        name: region
        for name, kind, region, _, _, _, _ in place_rows(lexicon)
        if kind == "district" and region and region in names and region != name
    }
    return _Gazetteer(places, subjects, _starts(places), _starts(subjects), parent_of)


def _starts(table: Mapping[str, object]) -> dict[str, int]:
    starts: dict[str, int] = {}
    for key in table:
        first = key.partition(" ")[0]
        words = key.count(" ") + 1
        if starts.get(first, 0) < words:
            starts[first] = words
    return starts


def _no_possessive(word: str) -> str:
    return word[:-2] if word.endswith("'s") else word


def _scan(
    text: str, lookup: Callable[[str], str | None], starts: dict[str, int], fold: bool
) -> list[tuple[int, int, str]]:
    """Longest-first n-gram lookup over the words of `text` (whitespace-joined names only)."""
    tokens = [(m.start(), m.end(), m.group(0)) for m in TOKEN.finditer(text.replace("’", "'"))]
    found: list[tuple[int, int, str]] = []
    i = 0
    while i < len(tokens):
        first = tokens[i][2].casefold() if fold else tokens[i][2]
        longest = max(starts.get(first, 0), starts.get(_no_possessive(first), 0))
        if not longest:
            i += 1
            continue
        hit = None
        for n in range(min(longest, MAX_NAME_WORDS, len(tokens) - i), 0, -1):
            span = tokens[i : i + n]
            if any(not text[a[1] : b[0]].isspace() for a, b in pairwise(span)):
                continue
            words = [t[2] for t in span]
            last = _no_possessive(words[-1])
            for variant in (words, [*words[:-1], last]):
                value = lookup(" ".join(variant))
                if value is not None:
                    end = span[-1][1] - (len(words[-1]) - len(variant[-1]))
                    hit = (n, (span[0][0], end, value))
                    break
            if hit:
                break
        if hit:
            found.append(hit[1])
            i += hit[0]
        else:
            i += 1
    return found


def find_places(text: str, lexicon: Lexicon) -> list[TermMention]:
    return list(_places_cached(text, lexicon))


@lru_cache(maxsize=8192)
def _places_cached(text: str, lexicon: Lexicon) -> tuple[TermMention, ...]:
    gazetteer = _gazetteer(lexicon)

    def lookup(words: str) -> str | None:
        key = words.casefold()
        return key if key in gazetteer.places and _capitalised(words) else None

    mentions = []
    for start, end, key in _scan(text, lookup, gazetteer.place_starts, fold=True):
        name, kind = gazetteer.places[key]
        mentions.append(TermMention(start, end, name, kind, gazetteer.parent_of.get(name)))
    return tuple(mentions)


def _capitalised(words: str) -> bool:
    """A name is matched whatever its case ('Kerch bridge', 'northern Gaza', 'GOMA'), but only where
    the text writes one of its words with a capital: 'mercy' and 'hope' in prose are no places."""
    return any(part[:1].isupper() for part in re.split(r"[\s-]", words))


def find_subjects(text: str, lexicon: Lexicon) -> list[TermMention]:
    return list(_subjects_cached(text, lexicon))


@lru_cache(maxsize=8192)
def _subjects_cached(text: str, lexicon: Lexicon) -> tuple[TermMention, ...]:
    gazetteer = _gazetteer(lexicon)
    return tuple(
        TermMention(start, end, name, "subject")
        for start, end, name in _scan(
            text, lambda words: gazetteer.subjects.get(words.casefold()), gazetteer.subject_starts, fold=True
        )
        if name != NOT_A_SUBJECT
    )


def find_terms(text: str, lexicon: Lexicon) -> list[TermMention]:
    """Places and subjects in `text`, in order of appearance."""
    return sorted(find_places(text, lexicon) + find_subjects(text, lexicon), key=lambda t: t.start)


def parent_regions(names: list[str], lexicon: Lexicon) -> list[str]:
    """The regions the named places lie in (Sudzha -> Kursk), for `show REGION`."""
    regions = _regions(lexicon)
    return [regions[n] for n in names if n in regions]


@cache
def _regions(lexicon: Lexicon) -> dict[str, str]:
    return {name: region for name, _, region, _, _, _, _ in place_rows(lexicon) if region and region != name}


def canonical_term(term: str, lexicon: Lexicon) -> str:
    """The gazetteer or subject name a user's term stands for ('dzerzhynsk' -> 'Toretsk')."""
    place_of, subject_of = _names(lexicon)
    key = normalise_name(re.sub(r"\s+", " ", term))
    key = re.sub(r"\s+(?:region|oblast|province)$", "", key)
    if key in place_of:
        return place_of[key][0]
    if key in subject_of:
        return subject_of[key]
    return term.strip()


def unique(names: list[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(names))
