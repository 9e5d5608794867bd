"""Outcome frames and counts: what a claim says happened, in comparable form.

Pattern: `its forces had taken control of the mining town of Toretsk`, said by
Russia -> Outcome(control, Toretsk, favours russia);
`thwarted a Ukrainian counteroffensive in the Kursk region` -> the Ukrainian
operation failed, which favours russia; `36 Ukrainian drones were intercepted`
-> Quantity(drones, 36). status.py compares claims by these.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cache

from claimtrack.extract.about import TermMention
from claimtrack.extract.actors import infer_side, side_mentions
from claimtrack.lexicon import Lexicon
from claimtrack.models import Outcome, Quantity

SPEAKER_WORDS = re.compile(r"\b(?:its|our|his|her|their|we|my|us)\b", re.IGNORECASE)
THIRD_PERSON = re.compile(r"its|their|his|her", re.IGNORECASE)
EMBEDDED_BY = re.compile(r"\b(?:claims?|reports?|statements?|assertions?)\s+(?:by|from|of)\s+(.{2,60}?)\s+that\s*$")
ENEMY_WORDS = re.compile(r"\b(?:the\s+enemy|enemy)\b", re.IGNORECASE)
NEGATION = re.compile(r"\b(?:no|not|never|did\s+not|didn't|nothing)\b", re.IGNORECASE)
# "has not been captured", "never took", "did not withdraw": the outcome is denied
NEGATED_VERB = re.compile(
    r"\b(?:not|never|n't|neither|nor)\s+(?:(?:yet|been|be|have|has|had|was|were|is|are|fully|completely|"
    r"entirely|actually|even|ever)\s+){0,3}$",
    re.IGNORECASE,
)
# "attempts to capture", "tried to take", "could seize": an aim or a possibility, not an outcome
# ("decided to withdraw", "managed to take" report what was done)
INTENT = re.compile(
    r"(?:\b(?:would|will|could|may|might|can|cannot|must|should|shall|bent\s+on)|"
    r"\b(?:seeking|sought|trying|tried|attempts?|attempted|attempting|bid|aims?|aimed|aiming|plans?|planned|"
    r"planning|intends?|intended|wants?|wanted|threatens?|threatened|ordered|orders|in\s+order|ready|prepared|"
    r"vowed|vows|hoping|hopes?|efforts?|failed|fails|unable|going|push|drive|struggled|struggling|"
    r"impossible|able|not|desperate|eager|determined|keen|hard|racing|scrambling|battling|fighting)\s+to)"
    r"\s+(?:\w+\s+){0,1}$",
    re.IGNORECASE,
)
NO_LONGER_EXISTS = re.compile(r"\s+(?:exists?|existed|stands?|standing|there)\b", re.IGNORECASE)
# "throwing everything into capturing", "aimed at taking", "focused on seizing": a gerund aim
AIM_GERUND = re.compile(r"\b(?:into|at|towards?|on|for)\s+$", re.IGNORECASE)
NUMBER_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "fifteen": 15,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "hundred": 100,
    "dozens": 24,
    "hundreds": 200,
    "thousands": 2000,
    "a dozen": 12,
    "a hundred": 100,
}
NUMBER = r"(?:\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r")"
RANGE = re.compile(rf"\b({NUMBER})(?:\s*(?:to|-|–|and)\s*({NUMBER}))?\b", re.IGNORECASE)


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


FACILITY_KINDS = frozenset({"facility", "hospital", "plant", "airport", "bridge", "dam", "island"})
OUTSIDE_WORDS = frozenset(
    {"to", "near", "between", "outside", "around", "toward", "towards", "beyond", "approaches", "along", "from"}
    | {"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest"}
)


def _hold_place(
    content: str, match: re.Match[str], places: Sequence[TermMention], fallback: str | None, lexicon: Lexicon
) -> tuple[str, bool] | None:
    """The place a hold phrase is about: its object ('still hold Tonenke', 'still held parts of X') or,
    with none after it, its subject; never a place past another noun ('still control the road to X')."""
    fillers = _fillers(lexicon)
    after = [p for p in places if p.start >= match.end() and p.kind not in {"subject", "country"}]
    if after:
        words = _gap_words(content[match.end() : after[0].start])
        allowed = fillers.object | fillers.partial | fillers.hold
        if words is not None and len(words) <= 7 and all(w in allowed for w in words):
            return after[0].settlement, False
        if words is not None and words:
            lead = [w for w in words if w not in {"the", "its", "their", "our", "his", "her", "a", "an"}]
            if OUTSIDE_WORDS & set(words) or not lead or lead[-1] not in {"in", "inside", "of", "within"}:
                return None  # "still control the road to X", "the heights near X": not X
            return after[0].settlement, True  # "still controlled industrial sites in its Litak district"
    place = _place_after(places, match.start(), fallback)
    return (place, False) if place else None


def _place_after(places: Sequence[TermMention], position: int, fallback: str | None) -> str | None:
    after = [p for p in places if p.start >= position and p.kind != "subject" and p.kind != "country"]
    if after:
        return after[0].settlement
    before = [p for p in places if p.end <= position and p.kind not in {"subject", "country"}]
    if before:
        return before[-1].settlement
    return fallback


UNKNOWN_PLACE = re.compile(
    r"\s+(?:(?:full|complete|total)\s+)?(?:control\s+(?:of|over)\s+)?(?:the\s+)?"
    r"(?:(?:village|town|city|settlement|hamlet|district)\s+of\s+)?"
    r"((?:[A-Z][\w'’-]+)(?:[\s-][A-Z][\w'’-]+)?)"
)
NOT_PLACES = frozenset(
    {
        *("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
        *("January", "February", "March", "April", "May", "June", "July", "August"),
        *("September", "October", "November", "December"),
        *("The", "A", "An", "It", "Its", "Their", "Our", "We", "They", "He", "She"),
    }
)


def _unknown_place(content: str, end: int, lexicon: Lexicon) -> str | None:
    """'captured Novoselivka', 'took the village of Hlyboke': a proper name right after the verb is the
    place even when the gazetteer does not know it (never a fallback to somewhere else)."""
    match = UNKNOWN_PLACE.match(content, end)
    if match is None:
        return None
    name = match.group(1)
    if name.endswith(("'s", "’s")):
        return None  # "captured Goma's airport": a site in the place, not the place
    if name.split()[0] in NOT_PLACES or infer_side(name, lexicon) is not None:
        return None
    return name


def _is_people_object(content: str, match: re.Match[str], people: re.Pattern[str] | None) -> bool:
    """'soldiers had been captured' / 'captured 20 soldiers': people, not a place."""
    if people is None:
        return False
    if re.search(r"\b(?:been|was|were|is|are|be)\s+(?:\w+ly\s+)?$", content[: match.start()]):
        return bool(people.search(content[max(0, match.start() - 50) : match.start()]))
    following = " ".join(content[match.end() :].split()[:3])
    return bool(people.search(following))


POSSESSIVE_SITE = re.compile(r"['’]s\s+[a-z]")
ACTIVE_PERFECT = re.compile(r"\b(?:had|has|have)\s+(?:[a-z]+ly\s+)?$", re.IGNORECASE)
INTRANSITIVE = re.compile(r"^(?:fall|fell|fallen|falls|surrendered)$", re.IGNORECASE)
SUBJECT_VERBS = re.compile(
    r"^(?:fall|fell|fallen|falls|captured|taken|seized|liberated|lost|abandoned|"
    r"retaken|recaptured|surrendered|overrun|freed)$",
    re.IGNORECASE,
)
DEICTIC = re.compile(
    r"\b(?:(?:the|this|that)\s+(?:[\w-]+\s+){0,2}?(?:town|village|city|settlement|hamlet|island|base|airport|"
    r"airfield|port|plant|hospital|bridge|district|stronghold|hub)|it)\b",
    re.IGNORECASE,
)
PARTIAL_HOLDS = frozenset({"foothold", "footholds", "pockets of resistance"})
FIRE_CONTROL = re.compile(
    r"[^.;]{0,40}?\b(?:with\s+(?:the\s+help\s+of\s+)?(?:our|its|their)?\s*(?:weapons|fire|artillery|drones|missiles)|"
    r"by\s+fire|under\s+fire\s+control)",
    re.IGNORECASE,
)
# "authorised a withdrawal.", "an important victory": an outcome verb with no object at all
NO_OBJECT = re.compile(r"\s*(?:$|[.,;:!?)”]|\"(?!\w)|[\"“]?to\s|—)")  # 'taken "defensive measures"' has an object


@dataclass(frozen=True)
class _Fillers:
    object: frozenset[str]
    partial: frozenset[str]
    subject: frozenset[str]
    held: frozenset[str]
    hold: frozenset[str]
    partial_adverbs: frozenset[str]


@cache
def _fillers(lexicon: Lexicon) -> _Fillers:
    control = lexicon.outcomes.get("control", {})
    return _Fillers(
        frozenset(control.get("object_filler", [])),
        frozenset(control.get("partial", [])),
        frozenset(control.get("subject_filler", [])),
        frozenset(control.get("held_filler", [])),
        frozenset(control.get("hold_filler", [])),
        frozenset(control.get("partial_adverbs", [])),
    )


def _gap_words(text: str) -> list[str] | None:
    """The words of a gap, or None when it holds punctuation that ends a phrase. Quote marks, dashes
    around an aside ('abandoned — tactically abandoned — this settlement'), numbers and possessives
    ("Russia's") do not count."""
    text = re.sub(r"[\"“”‘]|\s[—–-]\s[^—–]*?\s[—–-]\s|\s[—–]\s", " ", text)
    if re.search(r"[,;:()]", text):
        return None
    words = re.findall(r"[\w'’-]+", text.casefold())
    return [w for w in words if not (w[0].isdigit() or w.endswith(("'s", "’s")))]


def _object_place(
    content: str,
    match: re.Match[str],
    places: Sequence[TermMention],
    fallback: str | None,
    lexicon: Lexicon,
    topic: str | None = None,
) -> tuple[str, bool] | None:
    """The place an outcome verb is about, and whether only part of it: its object ('took Toretsk',
    'withdrew from the outskirts of Avdiivka'), or its subject for a verb like 'fall' or a passive
    ('Pokrovsk had fallen', 'Bakhmut was taken'), or a place pointed back to ('the town')."""
    fillers = _fillers(lexicon)
    for place in places:
        if place.kind in {"subject", "country"} or place.start < match.end():
            continue
        words = _gap_words(content[match.end() : place.start])
        if words is None or len(words) > 7 or any(w not in fillers.object and w not in fillers.partial for w in words):
            break
        if POSSESSIVE_SITE.match(content, place.end):
            return None  # "captured Kupiansk's main hospital": a site in the town, not the town
        return place.settlement, bool(fillers.partial & set(words))
    unknown = _unknown_place(content, match.end(), lexicon)
    if unknown:
        return unknown, False
    last_word = match.group(0).split()[-1]
    before_verbs = ("fall", "fell", "capture", "no longer", "anymore")
    if SUBJECT_VERBS.match(last_word) or match.group(0).casefold().startswith(before_verbs):
        for place in reversed(places):
            if place.kind in {"subject", "country"} or place.end > match.start():
                continue
            words = _gap_words(content[place.end : match.start()])
            if words is not None and len(words) <= 4 and all(w in fillers.subject for w in words):
                return place.settlement, False
            break
        before = content[max(0, match.start() - 40) : match.start()]
        # "it had taken defensive measures": 'it' did the taking; only "it had fallen" is said of a place
        active = bool(ACTIVE_PERFECT.search(before)) and not INTRANSITIVE.match(last_word)
        if (
            fallback
            and not active
            and re.search(DEICTIC.pattern + r"(?:['’]s)?\s+(?:\w+\s+){0,3}$", before, re.IGNORECASE)
        ):
            return fallback, False  # "the village had been liberated", "the city's capture"
    words_after = re.findall(r"[\w'’-]+", content[match.end() : match.end() + 60])
    lead = " ".join(w for w in words_after[:8])
    deictic = DEICTIC.search(lead)
    if fallback and deictic:
        gap = _gap_words(lead[: deictic.start()])
        if gap is not None and all(w in fillers.object for w in gap):
            return fallback, False  # "had taken full control of the town"
    if (
        topic
        and NO_OBJECT.match(content, match.end())
        and not any(p.kind not in {"subject", "country"} for p in places)
    ):
        return topic, False  # "commanders authorised a withdrawal": from the one town the article is about
    return None


def _control(
    content: str,
    speaker: str,
    places: Sequence[TermMention],
    fallback: str | None,
    lexicon: Lexicon,
    denial: bool = False,
    topic: str | None = None,
) -> list[Outcome]:
    frames = _frames(lexicon)
    if frames["handover"] is not None and frames["handover"].search(content):
        return []
    found: list[tuple[int, Outcome]] = []
    for kind in ("hold", "gain", "loss"):
        pattern = frames[kind]
        if pattern is None:
            continue
        for match in pattern.finditer(content):
            if match.group(0)[:1].isupper() and match.start() > 0:
                continue  # "the Tigray People's Liberation Front": part of a name
            if kind != "hold" and any(s <= match.start() < e for s, e, _ in _hold_spans(content, lexicon)):
                continue
            if kind == "gain" and _is_people_object(content, match, frames["people"]):
                continue
            if (
                kind == "loss"
                and frames["civilians"] is not None
                and frames["civilians"].search(
                    re.split(r"[,;]", content[max(0, match.start() - 40) : match.start()])[-1]
                )
            ):
                continue  # "121,000 people have left": civilians leaving is not a military loss
            if (
                kind == "loss"
                and re.match(r"\s+[A-Z]", content[match.end() : match.end() + 3])
                and match.group(0).casefold().endswith("ing")
            ):
                continue  # "retreating Ukrainian troops": an adjective, not a predicate
            before = content[max(0, match.start() - 60) : match.start()]
            if kind == "loss" and NO_LONGER_EXISTS.match(content, match.end()):
                continue  # "the village no longer exists": ruins, not a side losing it
            if kind != "hold" and (
                INTENT.search(before) or (match.group(0).casefold().endswith("ing") and AIM_GERUND.search(before))
            ):
                continue  # "repelled attempts to capture the village": nobody took it
            if FIRE_CONTROL.match(content, match.end(), match.end() + 80):
                continue  # "we control the island with the help of our weapons": by fire, not in person
            negated = kind != "hold" and NEGATED_VERB.search(before) is not None
            if kind == "hold":
                held = _hold_place(content, match, places, fallback, lexicon)
                # "still held parts of northern Myrnohrad", "only a foothold": part of the place
                following = re.findall(r"[\w'’-]+", content[match.end() : match.end() + 40].casefold())[:4]
                partial = match.group(0).casefold() in PARTIAL_HOLDS or bool(_fillers(lexicon).partial & set(following))
                about: tuple[str, bool] | None = (held[0], partial or held[1]) if held else None
            else:
                about = _object_place(content, match, places, fallback, lexicon, topic)
            if about is None:
                continue
            place, partial = about
            # a denial with no side named denies the other side's gain ('denied the city's capture',
            # 'Goma has not fallen')
            implicit = opponent(speaker, lexicon) if (denial or negated) and kind == "gain" else speaker
            subject = _side_before(content, match.start(), speaker, lexicon, default=implicit)
            favours = opponent(subject, lexicon) if kind == "loss" else subject
            denied = negated
            outcome_kind = "partial" if partial else "control"
            outcome = Outcome(outcome_kind, place, favours, match.group(0), denied=denied, holds=kind == "hold")
            found.append((match.start(), outcome))
    found.extend(_side_held(content, speaker, places, lexicon))
    found.sort(key=lambda f: f[0])
    # the first gain or loss is the main clause's; later ones sit in relative clauses
    # ("withdrawn from the island they captured"); holds may stand beside it
    outcomes: list[Outcome] = []
    for _, outcome in found:
        is_hold = any(outcome.words == w for *_, w in _hold_spans(content, lexicon))
        first_gain_or_loss = not any(not _is_hold_word(o, content, lexicon) for o in outcomes)
        new_here = all(o.subject != outcome.subject or _is_hold_word(o, content, lexicon) != is_hold for o in outcomes)
        if (is_hold or first_gain_or_loss) and new_here:
            outcomes.append(outcome)
    return outcomes


def is_hold_phrase(words: str, lexicon: Lexicon) -> bool:
    """'still holds', 'is not occupied', 'under Ukrainian control': words that say a side keeps a place."""
    pattern = _frames(lexicon)["hold"]
    return (pattern is not None and pattern.fullmatch(words) is not None) or SIDE_HELD.fullmatch(words) is not None


# "Netailove was in Russian hands", "remains under Ukrainian control", "under our control": the side
# is named in the phrase, the place is its subject
SIDE_HELD = re.compile(
    r"\b(?:in|under)\s+(?:the\s+)?(?:full\s+|complete\s+|firm\s+|effective\s+|total\s+)?"
    r"(?P<side>[\w'’.]+(?:-(?:led|backed|installed|allied))?)\s+(?:hands|control)\b",
    re.IGNORECASE,
)


def _held_side(word: str, speaker: str, lexicon: Lexicon) -> str | None:
    lowered = word.casefold()
    if lowered in {"our", "its", "their"}:
        return speaker
    if lowered in {"enemy", "the enemy"}:
        return opponent(speaker, lexicon)
    return infer_side(word, lexicon)


def _side_held(
    content: str, speaker: str, places: Sequence[TermMention], lexicon: Lexicon
) -> list[tuple[int, Outcome]]:
    """Control named with its side ('X was in Russian hands', 'a map showed X under Russian control'),
    for the place that is the phrase's subject; 'largely'/'mostly' make it part of the place."""
    found: list[tuple[int, Outcome]] = []
    fillers = _fillers(lexicon)
    for match in SIDE_HELD.finditer(content):
        side = _held_side(match.group("side"), speaker, lexicon)
        before = [p for p in places if p.kind not in {"subject", "country"} and p.end <= match.start()]
        if side is None or not before:
            continue
        words = _gap_words(content[before[-1].end : match.start()])
        if words is None or len(words) > 5 or any(w not in fillers.held and w not in fillers.subject for w in words):
            continue
        partial = bool(fillers.partial_adverbs & set(words))
        denied = bool({"not", "never", "no"} & set(words))
        kind = "partial" if partial else "control"
        outcome = Outcome(kind, before[-1].settlement, side, match.group(0), denied, holds=True)
        found.append((match.start(), outcome))
    return found


def _is_hold_word(outcome: Outcome, content: str, lexicon: Lexicon) -> bool:
    return any(outcome.words == w for *_, w in _hold_spans(content, lexicon))


def _hold_spans(content: str, lexicon: Lexicon) -> list[tuple[int, int, str]]:
    pattern = _frames(lexicon)["hold"]
    spans = [(m.start(), m.end(), m.group(0)) for m in pattern.finditer(content)] if pattern else []
    return spans + [(m.start(), m.end(), m.group(0)) for m in SIDE_HELD.finditer(content)]


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


ATTACK_EVENT = re.compile(
    r"\b(?:hit|hits|struck|strike|strikes|killed|killing|damaged|destroyed|fired|launched|attacked|shelled|"
    r"bombed|exploded|landed|fell|caused|targeted|crashed|wounded|injured|fragments|debris|remnants|wreckage)\b",
    re.IGNORECASE,
)
TROOPS = re.compile(
    r"\b(?P<owner>[\w'’-]+(?:\s+[\w'’-]+)?)\s+(?:special\s+|regular\s+|army\s+)?"
    r"(?:troops|forces|soldiers|units|fighters|advisers|advisors|mercenaries|servicemen|battalions)\b",
    re.IGNORECASE,
)
PRESENT = re.compile(
    r"\s*(?:(?:are|were|is|was|have|had|has|been|had\s+been|have\s+been|still|now|also|actively)\s+){0,3}"
    r"(?:fighting|operating|deployed|present|stationed|active|inside|in\s+(?!charge|order)|entered|"
    r"(?:crossed|crossing|moved|moving|poured|pouring)\s+(?:the\s+border\s+)?into|took\s+part|taking\s+part|involved|alongside|backing|on\s+the\s+ground)",
    re.IGNORECASE,
)


LOST_EQUIPMENT = re.compile(
    r"\b(?P<verb>shot\s+down|downed|destroyed|lost|losing|loss\s+of|sank|sunk)\s+(?:at\s+least\s+|up\s+to\s+)?"
    r"(?:(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|several|some|a\s+number\s+of)\s+)?"
    r"(?P<owner>[\w'’-]+)?\s*(?:fighter\s+)?(?P<what>jets?|aircraft|planes?|warplanes?|helicopters?|warships?|ships?|vessels?)\b",
    re.IGNORECASE,
)


def _equipment_losses(content: str, speaker: str, lexicon: Lexicon) -> list[Outcome]:
    """'Pakistan said it shot down five Indian jets', 'India acknowledged losing fighter jets': whose
    aircraft or ships were lost (kind "losses"; an admission when the owner says so)."""
    outcomes = []
    for match in LOST_EQUIPMENT.finditer(content):
        owner_word = match.group("owner") or ""
        owner = infer_side(owner_word, lexicon) if owner_word else None
        if owner is None and owner_word.casefold() in {"its", "our", "their"}:
            owner = speaker
        if owner is None and match.group("verb").casefold() in {"lost", "losing", "loss of"}:
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
        side = speaker if owner.casefold() in {"its", "our", "their", "his", "her"} else infer_side(owner, lexicon)
        if side is None or not PRESENT.match(content, match.end()):
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


DELIBERATE = re.compile(r"\b(?:deliberate(?:ly)?|intentional(?:ly)?|on\s+purpose|purposely|knowingly)\b", re.IGNORECASE)


def _blame(content: str, event: str | None, speaker: str, lexicon: Lexicon) -> list[Outcome]:
    frames = _frames(lexicon)
    if event is None:
        return []
    culprits: list[tuple[int, str, str]] = []
    if frames["blame"] is not None:
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
    if accusation and event is not None:
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
    return tuple(control + manner + _operation(content, speaker, places, lexicon) + blame + presence)


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


def _owner(content: str, start: int, noun_end: int, speaker: str, lexicon: Lexicon) -> str:
    """Whose drones or missiles: a nationality between the count and the noun ('36 Ukrainian
    drones'), else the subject that launched them ('Russia launched 145 drones'), else the
    speaker's enemy."""
    side = infer_side(content[start:noun_end], lexicon)
    if side:
        return side
    before = content[max(0, start - 60) : start]
    subject = _side_before(content, start, speaker, lexicon, default="")
    if subject and re.search(r"\b(?:launch|fire|fired|sent|send|attack|struck)\w*\s+(?:\w+\s+){0,3}$", before):
        return subject  # "Russia launched 145 drones": the launcher's
    if subject and re.search(r"\b(?:down|shot|intercept|destroy|repel|jam)\w*\s+(?:\w+\s+){0,3}$", before):
        return opponent(subject, lexicon)  # "its air defences downed 20 drones": the enemy's
    return opponent(speaker, lexicon)


VICTIM_CLASSES = frozenset({"killed", "wounded", "troops"})
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
            r"\s*(?:north|south|east|west|northeast|northwest|southeast|southwest|from|away|behind|"
            r"beyond|outside|inside|short)",
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
