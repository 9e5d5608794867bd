"""What every kind of outcome reads: the lexicon's outcome phrases as patterns (`_frames`),
a negation or an aim right before a verb, a side's opponent, and whose side the subject of a
phrase is ('its forces', 'the enemy', 'Russian troops').
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from claimtrack.extract.actors import side_mentions
from claimtrack.lexicon import Lexicon, shipped_alternation

SPEAKER_WORDS = re.compile(r"\b(?:its|our|his|her|their|we|my|us)\b", re.IGNORECASE)
THIRD_PERSON = re.compile(r"its|their|his|her", re.IGNORECASE)
EMBEDDED_BY = re.compile(r"\b(?:claims?|reports?|statements?|assertions?)\s+(?:by|from|of)\s+(.{2,60}?)\s+that\s*$")
ENEMY_WORDS = re.compile(r"\b(?:the\s+enemy|enemy)\b", re.IGNORECASE)
# "has not been captured", "never took", "did not withdraw": the outcome is denied
# "had not completed the city's capture", "has yet to complete its capture": a denied completion of
# the outcome named by a noun
NEGATED_VERB = re.compile(
    r"\b(?:not|never|n't|neither|nor)\s+(?:(?:yet|been|be|have|has|had|was|were|is|are|fully|completely|"
    r"entirely|actually|even|ever)\s+){0,3}"
    r"(?:(?:complete|completed|finished|achieved|secured)\s+(?:(?:the|its|their|[\w’'-]+['’]s)\s+){1,2})?$",
    re.IGNORECASE,
)
# "attempts to capture", "tried to take", "could seize": an aim or a possibility, not an outcome
# ("decided to withdraw", "managed to take" report what was done)
INTENT = re.compile(
    rf"(?:\b(?:{shipped_alternation('words.intent_modals')})|\b(?:{shipped_alternation('words.intent_verbs')})\s+to)"
    r"\s+(?:\w+\s+){0,1}$",
    re.IGNORECASE,
)


def opponent(side: str, lexicon: Lexicon) -> str:
    return str(lexicon.opponents.get(side, f"not-{side}"))


def _phrase_pattern(phrases: Sequence[str]) -> re.Pattern[str] | None:
    ordered = sorted({p for p in phrases if p.strip()}, key=len, reverse=True)
    if not ordered:
        return None

    def one(phrase: str) -> str:
        # "pulled * out of": `*` stands for up to three words
        return r"\s+(?:[\w'’-]+\s+){0,3}?".join(re.escape(part).replace(r"\ ", r"\s+") for part in phrase.split(" * "))

    return re.compile(r"\b(?:" + "|".join(one(p) for p in ordered) + r")\b", re.IGNORECASE)


@cache
def _frames(lexicon: Lexicon) -> dict[str, re.Pattern[str] | None]:
    out = lexicon.outcomes
    control = out.get("control", {})
    operation = out.get("operation", {})
    manner = out.get("manner", {})
    return {
        "gain": _phrase_pattern(control.get("gain", [])),
        "loss": _phrase_pattern(control.get("loss", [])),
        "hold": _phrase_pattern(control.get("hold", [])),
        "handover": _phrase_pattern(control.get("handover", [])),
        "people": _phrase_pattern(control.get("people", [])),
        "civilians": _phrase_pattern(control.get("civilians", [])),
        "orderly": _phrase_pattern(manner.get("orderly", [])),
        "rout": _phrase_pattern(manner.get("rout", [])),
        "op_noun": _phrase_pattern(operation.get("nouns", [])),
        "ongoing": _phrase_pattern(operation.get("ongoing", [])),
        "ongoing_alone": _phrase_pattern(operation.get("ongoing_alone", [])),
        "failed": _phrase_pattern(operation.get("failed", [])),
        "blame": _phrase_pattern(out.get("blame", {}).get("phrases", [])),
        "attack": _phrase_pattern(out.get("blame", {}).get("attacks", [])),
        "weapon": _phrase_pattern(out.get("blame", {}).get("weapons", [])),
        "target": _phrase_pattern(out.get("blame", {}).get("targets", [])),
    }


def _side_before(text: str, position: int, speaker: str, lexicon: Lexicon, default: str | None = None) -> str:
    """The side of the nearest subject word before `position` ('its', 'our' mean the speaker's);
    `default` (else the speaker's side) when there is none."""
    window = text[max(0, position - 80) : position]
    clause = re.split(r"[;,]\s|\b(?:but|while|and|that|which|who|because|whereas)\b", window)[-1]
    candidates: list[tuple[int, str]] = []
    for match in SPEAKER_WORDS.finditer(clause):
        candidates.append((match.start(), speaker))
    for match in ENEMY_WORDS.finditer(clause):
        candidates.append((match.start(), opponent(speaker, lexicon)))
    candidates.extend(side_mentions(clause, lexicon))
    if candidates:
        start, side = max(candidates)
        if THIRD_PERSON.fullmatch(clause[start : start + 5].split()[0].strip(",.")):
            # "claims by Russia's General Staff that its troops took X": 'its' is the named actor's
            embedded = EMBEDDED_BY.search(window[: len(window) - len(clause)])
            named = side_mentions(embedded.group(1), lexicon) if embedded else []
            return max(named)[1] if named else side
        return side
    return speaker if default is None else default
