"""Counts in comparable form: `36 Ukrainian drones were intercepted` -> Quantity(drones, 36), whose
they were, and whether a figure is a bound, part of a toll or a running total."""

from __future__ import annotations

import re
from functools import cache

from claimtrack.extract.actors import infer_side
from claimtrack.extract.outcome_words import _phrase_pattern, _side_before, opponent
from claimtrack.lexicon import Lexicon, shipped_alternation, shipped_table, shipped_words
from claimtrack.models import Quantity

NUMBER_WORDS = {word: int(value) for word, value in shipped_table("words.number_words").items()}
NUMBER = r"(?:\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r")"
RANGE = re.compile(rf"\b({NUMBER})(?:\s*(?:to|-|–|and)\s*({NUMBER}))?\b", re.IGNORECASE)


# --- counts ----------------------------------------------------------------


def _number(text: str) -> float:
    lowered = text.casefold().replace(",", "")
    if lowered in NUMBER_WORDS:
        return float(NUMBER_WORDS[lowered])
    return float(lowered)


@cache
def _quantity_classes(lexicon: Lexicon) -> tuple[tuple[str, re.Pattern[str]], ...]:
    classes = []
    for name, nouns in lexicon.outcomes.get("quantities", {}).items():
        pattern = _phrase_pattern(nouns)
        if pattern is not None:
            classes.append((str(name), pattern))
    return tuple(classes)


# a launching (an intercepting) verb a few words before the count: the weapons are the subject's (its enemy's)
LAUNCHED = re.compile(rf"\b(?:{shipped_alternation('words.launch_stems', in_order=True)})\w*\s+(?:\w+\s+){{0,3}}$")
INTERCEPTED = re.compile(
    rf"\b(?:{shipped_alternation('words.interception_stems', in_order=True)})\w*\s+(?:\w+\s+){{0,3}}$"
)


def _owner(content: str, start: int, noun_end: int, speaker: str, lexicon: Lexicon) -> str:
    """Whose drones or missiles: a nationality between the count and the noun ('36 Ukrainian
    drones'), else the subject that launched them ('Russia launched 145 drones'), else the
    speaker's enemy."""
    side = infer_side(content[start:noun_end], lexicon)
    if side:
        return side
    before = content[max(0, start - 60) : start]
    subject = _side_before(content, start, speaker, lexicon, default="")
    if subject and LAUNCHED.search(before):
        return subject  # "Russia launched 145 drones": the launcher's
    if subject and INTERCEPTED.search(before):
        return opponent(subject, lexicon)  # "its air defences downed 20 drones": the enemy's
    return opponent(speaker, lexicon)


VICTIM_CLASSES = shipped_words("words.victim_classes")  # one list with linking.py
LOWER_BOUND = re.compile(r"\b(?:at\s+least|more\s+than|over|in\s+excess\s+of|upwards\s+of|no\s+fewer\s+than)\s+$", re.I)
UPPER_BOUND = re.compile(
    r"\b(?:up\s+to|as\s+many\s+as|fewer\s+than|less\s+than|nearly|almost|under|at\s+most)\s+$", re.I
)
# "the dead included two children", "among them 12 soldiers": part of a total, not another total
SUBSET = re.compile(
    r"\b(?:includ(?:ing|ed|es|e)|among\s+(?:them|whom|those|the\s+\w+)|of\s+(?:whom|them|which|those)|"
    r"such\s+as)\b[^.;]{0,25}$",
    re.I,
)


CUMULATIVE = re.compile(
    r"^[^.;]{0,80}?\b(?:since\s+(?:then|the\s+(?:war|start|beginning|invasion|conflict)|[A-Z]\w+\s+\d)|so\s+far|"
    r"to\s+date|in\s+total|overall|since\s+\w+\s+\d{4})",
    re.IGNORECASE,
)


def _bound(content: str, start: int) -> str:
    """Whether a figure is a lower or upper bound, a part of a total, or a running total ('killed since
    then', 'so far'), from the words around it."""
    before = content[max(0, start - 40) : start]
    if SUBSET.search(before):
        return "subset"
    if CUMULATIVE.search(content[start:]):
        return "cumulative"
    if LOWER_BOUND.search(before):
        return "at least"
    if UPPER_BOUND.search(before):
        return "up to"
    return ""


PART_OF_DEAD = re.compile(r"\s*of\s+(?:the|those)\s+(?:dead|killed|victims|wounded|injured)\b", re.IGNORECASE)


def _part_of_toll(tail: str, lexicon: Lexicon) -> str:
    """'eight of the dead' is part of a toll ("subset"); 'two children' a toll of one group of people
    ("subgroup"), which agrees with any toll of all the dead."""
    if PART_OF_DEAD.match(tail):
        return "subset"
    subgroups = lexicon.outcomes.get("counts", {}).get("subgroups", [])
    lead = " ".join(re.findall(r"[\w-]+", tail.casefold())[:2])
    return "subgroup" if any(lead == g or lead.startswith(f"{g} ") for g in subgroups) else ""


def find_quantities(content: str, speaker: str, lexicon: Lexicon) -> tuple[Quantity, ...]:
    """Counts in a content: `36 Ukrainian drones`, `killed at least 29 people`."""
    found: list[Quantity] = []
    taken: list[tuple[int, int]] = []
    for match in RANGE.finditer(content):
        if any(s <= match.start() < e for s, e in taken):
            continue
        if re.search(r"[A-Za-z]-$", content[max(0, match.start() - 3) : match.start()]):
            continue  # "Kh-101", "S-300": a model, not a count
        tail = content[match.end() : match.end() + 45]
        head = content[max(0, match.start() - 25) : match.start()]
        if re.match(r"\s*(?:am|pm|a\.m\.|p\.m\.)\b", tail) or re.search(
            r"\b(?:on|by|since|until|from)\s+\w+\.?\s*$|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec)[a-z]*\.?\s*$",
            head,
            re.IGNORECASE,
        ):  # "on Oct. 7", "since Jan. 26": a date, not a count
            continue
        if re.match(r"^\d{4}$", match.group(1)) and not tail.strip().startswith(("drones", "troops")):
            continue
        what = None
        noun_end = match.end()
        classes = _quantity_classes(lexicon)
        for name, pattern in classes:  # "killing at least seven people": the verb names the class
            verbs = list(pattern.finditer(head)) if name in {"killed", "wounded"} else []
            if verbs and len(head[verbs[-1].end() :].split()) <= 3:
                what = name
                break
        if what is None:  # the nearest class noun after the number: "two missiles and 40 drones"
            nouns = [(m.start(), name, m) for name, pattern in classes for m in [pattern.search(tail)] if m]
            nouns = [n for n in nouns if len(tail[: n[0]].split()) <= 3]
            if nouns:
                _, what, noun = min(nouns, key=lambda n: n[0])
                noun_end = match.end() + noun.end()
                fate = [n for n in nouns if n[1] in {"killed", "wounded"} and n[0] > noun.start()]
                if what == "troops" and fate and len(tail[noun.end() : fate[0][0]].split()) <= 2:
                    what = fate[0][1]  # "1,250 soldiers were killed": a death toll, not a troop count
        if what is None:
            continue
        if what == "territory" and re.match(
            rf"\s*(?:{shipped_alternation('words.distance_followers', in_order=True)})",
            content[noun_end : noun_end + 15],
            re.IGNORECASE,
        ):
            continue  # "four kilometres southeast of the village": where, not how much
        low = _number(match.group(1))
        high = _number(match.group(2)) if match.group(2) else low
        if what in VICTIM_CLASSES:  # "11,300 Palestinians", "12 Ukrainian soldiers": whose dead, if it says
            owner: str | None = infer_side(content[match.start() : noun_end + 25], lexicon)
        else:
            owner = _owner(content, match.start(), noun_end, speaker, lexicon)
        words = content[match.start() : match.end() + 20].strip()
        bound = _bound(content, match.start())
        if not bound and what in {"killed", "wounded"}:
            bound = _part_of_toll(tail, lexicon)
        found.append(Quantity(what, low, high, words, owner, bound))
        taken.append((match.start(), match.end()))
    return tuple(found)
