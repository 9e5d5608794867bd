"""Outcome frames and counts: what a claim says happened, in comparable form.

Pattern: `its forces had taken control of the mining town of Toretsk`, said by
Russia -> Outcome(control, Toretsk, favours russia);
`thwarted a Ukrainian counteroffensive in the Kursk region` -> the Ukrainian
operation failed, which favours russia; `36 Ukrainian drones were intercepted`
-> Quantity(drones, 36). status.py compares claims by these.

`find_outcomes` is the entry point; here are the operation, manner, presence, equipment-loss
and blame outcomes. Control (gain, loss, hold) is read in control.py, counts (`find_quantities`)
in quantities.py, and what they all share (phrase patterns, negation, sides) in outcome_words.py.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from functools import cache

from claimtrack.extract.about import TermMention
from claimtrack.extract.actors import infer_side
from claimtrack.extract.control import _control, _place_after, is_hold_phrase
from claimtrack.extract.outcome_words import INTENT, NEGATED_VERB, _frames, _side_before, opponent
from claimtrack.extract.quantities import find_quantities
from claimtrack.lexicon import Lexicon, shipped_alternation, shipped_words
from claimtrack.models import Outcome

# Names other modules import from here: the control and count readers live in control.py and
# quantities.py, what every outcome reads in outcome_words.py.
__all__ = ["FACILITY_KINDS", "find_outcomes", "find_quantities", "is_hold_phrase", "opponent"]

NEGATION = re.compile(r"\b(?:no|not|never|did\s+not|didn't|nothing)\b", re.IGNORECASE)


def _manner(content: str, place: str | None, lexicon: Lexicon) -> list[Outcome]:
    frames = _frames(lexicon)
    if place is None:
        return []
    for label in ("rout", "orderly"):
        pattern = frames[label]
        match = pattern.search(content) if pattern else None
        if match:
            return [Outcome("manner", place, label, match.group(0))]
    return []


def _operation(content: str, speaker: str, places: Sequence[TermMention], lexicon: Lexicon) -> list[Outcome]:
    frames = _frames(lexicon)
    noun, ongoing, failed = frames["op_noun"], frames["ongoing"], frames["failed"]
    alone = frames["ongoing_alone"]
    verdict: tuple[str, re.Match[str]] | None = None
    for label, pattern in (("failed", failed), ("ongoing", ongoing)):
        match = pattern.search(content) if pattern else None
        if match:
            verdict = (label, match)
            break
    if verdict is None:
        return []
    label, match = verdict
    noun_match = noun.search(content) if noun else None
    if noun_match is None and not (alone and alone.search(content)):
        return []
    anchor = noun_match.start() if noun_match else match.start()
    operator = _side_before(content, anchor + 1 if noun_match else match.start(), speaker, lexicon)
    explicit = _side_before(content, anchor, speaker, lexicon, default="") if noun_match else ""
    if not explicit:
        operator = speaker if label == "ongoing" else opponent(speaker, lexicon)
    favours = operator if label == "ongoing" else opponent(operator, lexicon)
    outcomes = [Outcome("operation", f"operation:{operator}", favours, match.group(0))]
    where = _place_after(places, anchor, None)
    if where:
        outcomes.append(Outcome("operation", where, favours, match.group(0)))
    return outcomes


ATTACK_EVENT = re.compile(rf"\b(?:{shipped_alternation('words.attack_event_words')})\b", re.IGNORECASE)
ATTACK_ACT = re.compile(rf"\b(?:{shipped_alternation('words.attack_acts')})\b", re.IGNORECASE)
STRIKE_EVENT = re.compile(rf"\b(?:{shipped_alternation('words.strike_event_words')})\b", re.IGNORECASE)
TROOPS = re.compile(
    r"\b(?P<owner>[\w'’-]+(?:\s+[\w'’-]+)?)\s+(?:special\s+|regular\s+|army\s+)?"
    rf"(?:{shipped_alternation('words.troop_nouns')})\b",
    re.IGNORECASE,
)
PRESENT = re.compile(
    r"\s*(?:(?:are|were|is|was|have|had|has|been|had\s+been|have\s+been|still|now|also|actively)\s+){0,3}"
    rf"(?:{shipped_alternation('words.presence_words')}|in\s+(?!charge|order)|"
    rf"(?:{shipped_alternation('words.border_crossing_verbs')})\s+(?:the\s+border\s+)?into)",
    re.IGNORECASE,
)


LOST_EQUIPMENT = re.compile(
    rf"\b(?P<verb>{shipped_alternation('words.equipment_loss_verbs', in_order=True)})\s+(?:at\s+least\s+|up\s+to\s+)?"
    r"(?:(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|several|some|a\s+number\s+of)\s+)?"
    rf"(?P<owner>[\w'’-]+)?\s*(?:fighter\s+)?(?P<what>{shipped_alternation('words.lost_equipment_nouns')})\b",
    re.IGNORECASE,
)
STATE_POSSESSIVES = shipped_words("words.state_possessives")
OWN_LOSS_VERBS = shipped_words("words.own_loss_verbs")
POSSESSIVES = shipped_words("words.possessives")


def _equipment_losses(content: str, speaker: str, lexicon: Lexicon) -> list[Outcome]:
    """'Pakistan said it shot down five Indian jets', 'India acknowledged losing fighter jets': whose
    aircraft or ships were lost (kind "losses"; an admission when the owner says so)."""
    outcomes = []
    for match in LOST_EQUIPMENT.finditer(content):
        owner_word = match.group("owner") or ""
        owner = infer_side(owner_word, lexicon) if owner_word else None
        if owner is None and owner_word.casefold() in STATE_POSSESSIVES:
            owner = speaker
        if owner is None and match.group("verb").casefold() in OWN_LOSS_VERBS:
            owner = _side_before(content, match.start(), speaker, lexicon)  # "the air force lost jets"
        if owner is None:
            continue
        what = "ships" if re.match(r"(?:war)?ships?|vessels?", match.group("what"), re.IGNORECASE) else "aircraft"
        negated = NEGATED_VERB.search(content[max(0, match.start() - 40) : match.start()]) is not None
        outcomes.append(Outcome("losses", f"{what} of {owner}", opponent(owner, lexicon), match.group(0), negated))
    return outcomes[:1]


def _presence(content: str, speaker: str, lexicon: Lexicon, denial: bool = False) -> list[Outcome]:
    """'3,000 to 4,000 Rwandan troops were operating in eastern Congo', 'denied that Eritrean troops are
    involved': whose forces are present in a war they are not acknowledged to fight in (kind
    "presence", its subject the forces' side)."""
    outcomes = []
    for match in TROOPS.finditer(content):
        owner = match.group("owner").split()[-1]
        side = speaker if owner.casefold() in POSSESSIVES else infer_side(owner, lexicon)
        if side is None or not PRESENT.match(content, match.end()) or _troops_are_an_object(content, match, lexicon):
            continue
        before = content[max(0, match.start() - 40) : match.start()]
        negated = (
            NEGATED_VERB.search(before) is not None
            or match.group("owner").casefold().startswith("no ")
            or re.search(r"\bno\s+(?:[\w'’-]+\s+)?$", content[max(0, match.start() - 12) : match.start() + 1])
            or re.match(r"\s*(?:are|were|is|was|have|had)\s+(?:not|never)\b", content[match.end() :], re.IGNORECASE)
        )
        if side == opponent(speaker, lexicon) or (side == speaker and not (denial or negated)):
            continue  # a side's own troops, or its enemy's, in its own war: nothing foreign about them
        outcomes.append(Outcome("presence", f"forces of {side}", side, match.group(0), denied=bool(negated)))
    return outcomes[:1]


# the end of a verb or preposition whose object a troops phrase is ('fighting federal and Eritrean
# troops', 'clashes with Rwandan troops')
OBJECT_BEFORE = re.compile(rf"\b(?P<word>[a-z]+ing|{shipped_alternation('words.object_prepositions')})\s+(?:the\s+)?$")
COORDINATED = re.compile(r"(?:[\w'’-]+\s+)?(?:and|or)\s+$", re.IGNORECASE)


def _troops_are_an_object(content: str, match: re.Match[str], lexicon: Lexicon) -> bool:
    """'Tigrayan fighters were fighting federal and Eritrean troops in several districts': the troops
    are the object of another verb there, presupposed rather than said to be present; only troops
    that are a clause's subject ('Rwandan troops were operating in ...') are a presence claim. A
    reporting verb's '-ing' ('denying Eritrean troops were in Tigray') opens a clause, not an object."""
    owner = match.group("owner")
    # the words before the owner's own word ('Eritrean'), less a coordination ('the army and')
    before = COORDINATED.sub("", content[: match.start("owner") + owner.rfind(owner.split()[-1])])
    found = OBJECT_BEFORE.search(before)
    return found is not None and found.group("word").casefold() not in _reporting_forms(lexicon)


@cache
def _reporting_forms(lexicon: Lexicon) -> frozenset[str]:
    return frozenset(
        form.casefold() for section in ("assert", "deny", "confirm") for form in lexicon.words(f"verbs.{section}")
    )


FACILITY_KINDS = shipped_words("words.facility_kinds")
DELIBERATE = re.compile(rf"\b(?:{shipped_alternation('words.deliberate_words')})\b", re.IGNORECASE)


def _blame(content: str, event: str | None, speaker: str, lexicon: Lexicon) -> list[Outcome]:
    frames = _frames(lexicon)
    if event is None:
        return []
    culprits: list[tuple[int, str, str]] = []
    # "caused by" blames a strike's side only where there was a strike: "the humanitarian crisis caused by
    # the Kinshasa regime" blames a government for a crisis, which no outcome rule reads
    struck = STRIKE_EVENT.search(content) is not None
    if frames["blame"] is not None and struck:
        for match in frames["blame"].finditer(content):
            if "responsible" in match.group(0).casefold():
                side = infer_side(content[max(0, match.start() - 60) : match.start()], lexicon)
            else:
                side = infer_side(content[match.end() : match.end() + 60], lexicon)
            if side:
                culprits.append((match.start(), side, match.group(0)))
    if frames["attack"] is not None:
        for match in frames["attack"].finditer(content):  # "Russia had struck the facility": its subject
            clause = re.split(
                r"[;,]\s|\b(?:that|which|who|but|and)\b", content[max(0, match.start() - 60) : match.start()]
            )
            side = infer_side(clause[-1], lexicon) if clause else None
            if side is None and match.group(0).casefold().endswith("ing") and not content[: match.start()].strip():
                side = speaker  # "denied striking the hospital": the speaker's own act
            if side and not INTENT.search(content[max(0, match.start() - 30) : match.start()]):
                negated = NEGATED_VERB.search(content[max(0, match.start() - 30) : match.start()])
                culprits.append((match.start(), f"not-{side}" if negated else side, match.group(0)))
    attacked = ATTACK_EVENT.search(content) is not None  # "Russian drones could make it impossible": no event
    if frames["weapon"] is not None and attacked:
        for match in frames["weapon"].finditer(content):
            before = content[max(0, match.start() - 45) : match.start()].split(",")[-1]
            if re.search(r"(?<![\w-])\d[\d,.]*(?:\s+\S+){0,2}\s*$", before):
                continue  # "34 Ukrainian drones": a count, not a culprit
            side = infer_side(before, lexicon)
            if side:
                negated = NEGATION.search(before)
                culprits.append((match.start(), f"not-{side}" if negated else side, match.group(0)))
    if not culprits or re.match(r"\s*if\b", content, re.IGNORECASE):
        return []
    _, side, words = min(culprits)
    place = lexicon.place_named(event)
    facility = place is not None and place.kind in FACILITY_KINDS  # 'Okhmatdyt' is itself what was hit
    target = frames["target"].search(content) if frames["target"] is not None and not facility else None
    subject = f"{event}: {target.group(0).casefold().removesuffix('s')}" if target else event
    return [Outcome("blame", subject, side, words)]


@cache
def _unasserted(lexicon: Lexicon) -> re.Pattern[str] | None:
    phrases = [*lexicon.words("verification", "phrases"), *lexicon.words("verification", "no_evidence")]
    if not phrases:
        return None
    alternation = "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in sorted(phrases, key=len, reverse=True))
    return re.compile(rf"\b(?:{alternation})\b", re.IGNORECASE)


def _asserted_part(content: str, lexicon: Lexicon) -> str:
    """The content up to a verification phrase: 'had not seen evidence that X fell' asserts no fall."""
    pattern = _unasserted(lexicon)
    match = pattern.search(content) if pattern else None
    return content[: match.start()] if match else content


def find_outcomes(
    content: str,
    speaker: str,
    places: Sequence[TermMention],
    fallback_place: str | None,
    event: str | None,
    lexicon: Lexicon,
    accusation: bool = False,
    denial: bool = False,
    topic: str | None = None,
) -> tuple[Outcome, ...]:
    """The outcomes a content asserts (or, for a `denial`, says are false), each reduced to the
    side it favours.

    A counterfactual ("if a missile had hit, ...") asserts no outcome. For an
    accusation ("accused Israel of ...") the accused is blamed. An attack said to be deliberate
    ("deliberately targeted") is its own kind of outcome: that a missile was Russian does not
    vouch for intent.
    """
    if re.match(r"\s*(?:if|unless)\b", content, re.IGNORECASE) or re.match(
        r"\s*had\s+(?:a|an|the|this|that|it|they|we|he|she|[A-Z][\w-]*)\s", content
    ):  # "if a missile had hit, ...", "had an Israeli jet fired, ...": counterfactuals
        return ()
    content = _asserted_part(content, lexicon)
    if accusation and event is not None and (ATTACK_EVENT.search(content) or ATTACK_ACT.search(content)):
        # "accused Russia of shelling the town": the accused is blamed for the event; an accusation of
        # another act ('of using residents as human shields') is no account of who struck
        accused = infer_side(" ".join(content.split()[:4]), lexicon)
        if accused:
            return (Outcome("blame", event, accused, "accused"),)
    control = _control(content, speaker, places, fallback_place, lexicon, denial, topic)
    place = control[0].subject if control else _place_after(places, 0, fallback_place)
    manner = _manner(content, place, lexicon) if control or _manner(content, place, lexicon) else []
    blame = _blame(content, event, speaker, lexicon)
    if DELIBERATE.search(content):
        blame = [replace(o, kind="deliberate") for o in blame]
    presence = _presence(content, speaker, lexicon, denial) + _equipment_losses(content, speaker, lexicon)
    found = control + manner + _operation(content, speaker, places, lexicon) + blame + presence
    return tuple(o for o in found if not _for_neutral(o, lexicon))


def _for_neutral(outcome: Outcome, lexicon: Lexicon) -> bool:
    """An outcome said to favour a monitor or agency ('its troops' in a monitor's report, read as the
    speaker's own): nobody fights for them, so the rule did not find who gains."""
    return outcome.favours.removeprefix("not-") in lexicon.neutral_sides
