"""Control outcomes: who took, lost or still holds a place (gain, loss and hold frames).

Pattern: `its forces had taken control of the mining town of Toretsk`, said by Russia ->
Outcome(control, Toretsk, favours russia); "still held parts of northern Myrnohrad" -> a partial
hold; "X was in Russian hands" -> control named with its side. The place is the verb's object,
else its subject ('Pokrovsk had fallen'), else a place pointed back to ('the town').
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cache

from claimtrack.extract.about import TermMention
from claimtrack.extract.actors import OWN_FORCES, infer_side
from claimtrack.extract.outcome_words import INTENT, NEGATED_VERB, _frames, _side_before, opponent
from claimtrack.lexicon import Lexicon, neutral_sides, shipped_alternation, shipped_sequence, shipped_words
from claimtrack.models import UNKNOWN_SIDE, Outcome

NO_LONGER_EXISTS = re.compile(r"\s+(?:exists?|existed|stands?|standing|there)\b", re.IGNORECASE)
# "throwing everything into capturing", "aimed at taking", "focused on seizing": a gerund aim
AIM_GERUND = re.compile(r"\b(?:into|at|towards?|on|for)\s+$", re.IGNORECASE)


OUTSIDE_WORDS = shipped_words("words.outside_words")
LOSSES_OF_PEOPLE = shipped_words("words.losses_of_people")
LEADING_FILLERS = shipped_words("words.articles") | shipped_words("words.possessives")
INSIDE_WORDS = shipped_words("words.inside_words")


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
            lead = [w for w in words if w not in LEADING_FILLERS]
            if OUTSIDE_WORDS & set(words) or not lead or lead[-1] not in INSIDE_WORDS:
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
    rf"(?:(?:{shipped_alternation('words.place_of_kinds')})\s+of\s+)?"
    r"((?:[A-Z][\w'’-]+)(?:[\s-][A-Z][\w'’-]+)?)"
)
NOT_PLACES = shipped_words("words.not_places")


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
INTRANSITIVE = re.compile(rf"^(?:{shipped_alternation('words.intransitive_control_verbs')})$", re.IGNORECASE)
SUBJECT_VERBS = re.compile(rf"^(?:{shipped_alternation('words.subject_verbs')})$", re.IGNORECASE)
PLACE_BEFORE_VERBS = shipped_sequence("words.place_before_verbs")
ITS_BEFORE = re.compile(r"\bits\s+$", re.IGNORECASE)  # a nominal outcome's possessive: 'its capture'
DEICTIC = re.compile(
    rf"\b(?:(?:the|this|that)\s+(?:[\w-]+\s+){{0,2}}?(?:{shipped_alternation('words.control_pointer_places')})|it)\b",
    re.IGNORECASE,
)
SITE_WORDS = shipped_words("words.site_words")
TOWN_KINDS = shipped_words("words.town_kinds")


def _fits(pointer: str, fallback: str, lexicon: Lexicon) -> bool:
    """Can 'the airport' or 'the town' point back to `fallback`? A site is not the town around it:
    "pulled back from the airport" says nothing about who holds Bukavu."""
    place = lexicon.place_named(fallback)
    names_site = bool(SITE_WORDS & set(pointer.casefold().split()))
    return not (names_site and place is not None and place.kind in TOWN_KINDS)


PARTIAL_HOLDS = shipped_words("words.partial_holds")
FIRE_CONTROL = re.compile(
    rf"[^.;]{{0,40}}?\b(?:with\s+(?:the\s+help\s+of\s+)?(?:our|its|their)?\s*(?:{shipped_alternation('words.fire_weapons')})|"
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


def _plain_object_gap(words: Sequence[str], fillers: _Fillers) -> bool:
    """'took full control of', 'withdrew from the outskirts of': words between a verb and its place."""
    return len(words) <= 7 and all(w in fillers.object or w in fillers.partial for w in words)


def _described_place(words: Sequence[str], fillers: _Fillers, lexicon: Lexicon) -> bool:
    """'captured the eastern Ukrainian city of Pokrovsk': a nationality may describe the place when
    the gap ends in its kind and 'of' ('city of'); elsewhere ('took Ukrainian positions near X') it
    names something else."""
    if len(words) < 3 or words[-1] != "of" or words[-2] not in fillers.object:
        return False
    return all(w in fillers.object or w in fillers.partial or infer_side(w, lexicon) is not None for w in words[:-2])


def _gap_words(text: str) -> list[str] | None:
    """The words of a gap, or None when it holds punctuation that ends a phrase. Quote marks, dashes
    around an aside ('abandoned — tactically abandoned — this settlement'), numbers and possessives
    ("Russia's") do not count."""
    text = re.sub(r"[\"“”‘]|\s[—–-]\s[^—–]*?\s[—–-]\s|\s[—–]\s", " ", text)
    if re.search(r"[,;:()]", text):
        return None
    words = re.findall(r"[\w'’-]+", text.casefold())
    return [w for w in words if not (w[0].isdigit() or w.endswith(("'s", "’s")))]


PLACE_OBJECT_ENDS = shipped_words("words.place_object_ends")


def _modifies_a_noun(content: str, end: int) -> bool:
    """Does a lower-case word other than a preposition or conjunction follow the place ('Mariupol
    defenders')? Then the place names a kind of thing, not the place lost."""
    following = re.match(r"\s+([a-z][\w-]*)", content[end:])
    return following is not None and following.group(1) not in PLACE_OBJECT_ENDS


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
    takes_people = match.group(0).casefold() in LOSSES_OF_PEOPLE
    for place in places:
        if place.kind in {"subject", "country"} or place.start < match.end():
            continue
        words = _gap_words(content[match.end() : place.start])
        if words is None or not (_plain_object_gap(words, fillers) or _described_place(words, fillers, lexicon)):
            break
        if POSSESSIVE_SITE.match(content, place.end):
            return None  # "captured Kupiansk's main hospital": a site in the town, not the town
        if takes_people and _modifies_a_noun(content, place.end):
            return None  # "lost Mariupol defenders", "lost Pokrovsk supply routes": not the town
        return place.settlement, bool(fillers.partial & set(words))
    unknown = None if takes_people else _unknown_place(content, match.end(), lexicon)  # not "lost Sukhoi jets"
    if unknown:
        return unknown, False
    if ITS_BEFORE.search(content, max(0, match.start() - 6), match.start()):
        # "seized most of Pokrovsk but had not completed its capture": the place named before
        named = [p for p in places if p.kind not in {"subject", "country"} and p.end <= match.start()]
        if named:
            return named[-1].settlement, False
    last_word = match.group(0).split()[-1]
    if SUBJECT_VERBS.match(last_word) or match.group(0).casefold().startswith(PLACE_BEFORE_VERBS):
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
        pointed = re.search(DEICTIC.pattern + r"(?:['’]s)?\s+(?:\w+\s+){0,3}$", before, re.IGNORECASE)
        if fallback and not active and pointed and _fits(pointed.group(0), fallback, lexicon):
            return fallback, False  # "the village had been liberated", "the city's capture"
    words_after = re.findall(r"[\w'’-]+", content[match.end() : match.end() + 60])
    lead = " ".join(w for w in words_after[:8])
    deictic = DEICTIC.search(lead)
    if fallback and deictic and _fits(deictic.group(0), fallback, lexicon):
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


FALLEN_TO = re.compile(r"\s+to\s+((?:[\w'’-]+\s*){1,8})")


def _taker(content: str, match: re.Match[str], lexicon: Lexicon) -> str | None:
    """'the headquarters had fallen to the MNDAA', 'fell to Russian forces': the side after 'to'
    took the place, whoever said it fell."""
    if not INTRANSITIVE.match(match.group(0).split()[-1]):
        return None
    after = FALLEN_TO.match(content, match.end())
    if after is None:
        return None
    words = after.group(1).split()
    for n in range(len(words), 0, -1):
        actor = lexicon.actor_named(" ".join(words[:n]))
        if actor is not None:
            return actor.side
    return infer_side(after.group(1), lexicon)


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
            takes_people = kind == "gain" or match.group(0).casefold() in LOSSES_OF_PEOPLE  # "lost 300 soldiers"
            if takes_people and _is_people_object(content, match, frames["people"]):
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
            subject = _taker(content, match, lexicon) or _side_before(
                content, match.start(), speaker, lexicon, default=implicit
            )
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
        elif (completion := _completion_denied(outcome, outcomes, speaker)) is not None:
            outcomes.append(completion)
    return outcomes


def _completion_denied(outcome: Outcome, earlier: Sequence[Outcome], speaker: str) -> Outcome | None:
    """'Russian forces seized most of Pokrovsk but had not completed its capture': after a gain of part
    of a place, a denied gain of the whole of it is the same subject's second verb, not a relative
    clause's, and its side is that subject's (read as the speaker's when no side stood before it)."""
    if not outcome.denied or outcome.kind != "control":
        return None
    if any(o.kind == "control" and o.subject == outcome.subject for o in earlier):
        return None
    for part in earlier:
        same_place = part.kind == "partial" and not part.denied and part.subject == outcome.subject
        if same_place and outcome.favours in (part.favours, speaker):
            return replace(outcome, favours=part.favours)
    return None


def is_hold_phrase(words: str, lexicon: Lexicon) -> bool:
    """'still holds', 'is not occupied', 'under Ukrainian control': words that say a side keeps a place."""
    pattern = _frames(lexicon)["hold"]
    return (
        (pattern is not None and pattern.fullmatch(words) is not None)
        or SIDE_HELD.fullmatch(words) is not None
        or SIDE_HELD_OF.fullmatch(words) is not None
    )


# "Netailove was in Russian hands", "remains under Ukrainian control", "under our control": the side
# is named in the phrase, the place is its subject
SIDE_HELD = re.compile(
    r"\b(?:in|under)\s+(?:the\s+)?(?:full\s+|complete\s+|firm\s+|effective\s+|total\s+)?"
    r"(?P<side>[\w'’.]+(?:-(?:led|backed|installed|allied))?)\s+(?:hands|control)\b",
    re.IGNORECASE,
)
# "Myrnohrad remains under the control of the Defence Forces", "is in the hands of the RSF": the
# side is the force named after 'of'
SIDE_HELD_OF = re.compile(
    r"\b(?:in|under)\s+the\s+(?:full\s+|complete\s+|firm\s+|effective\s+|total\s+)?(?:hands|control)\s+of\s+"
    r"(?P<side>(?:the\s+)?[\w'’.-]+(?:\s+[\w'’.-]+){0,3}?)(?=\s*(?:$|[,.;:!?\"”)]|\b(?:and|but|as|since|after|for|in|on)\b))",
    re.IGNORECASE,
)


def _held_side(word: str, speaker: str, lexicon: Lexicon) -> str | None:
    lowered = word.casefold()
    if lowered in {"our", "its", "their"}:
        return speaker
    if lowered in {"enemy", "the enemy"}:
        return opponent(speaker, lexicon)
    if lowered.removeprefix("the ") in OWN_FORCES:
        # a combatant's "the armed forces" are its own; from anyone else they are nobody's in particular
        return speaker if speaker != UNKNOWN_SIDE and speaker not in neutral_sides() else None
    return infer_side(word, lexicon)


def _side_held_matches(content: str) -> list[re.Match[str]]:
    return sorted([*SIDE_HELD.finditer(content), *SIDE_HELD_OF.finditer(content)], key=lambda m: m.start())


def _side_held(
    content: str, speaker: str, places: Sequence[TermMention], lexicon: Lexicon
) -> list[tuple[int, Outcome]]:
    """Control named with its side ('X was in Russian hands', 'a map showed X under Russian control'),
    for the place that is the phrase's subject, or that 'it' stands for ('Pokrovsk was under heavy attack
    but it remained in Ukrainian hands'); 'largely'/'mostly' make it part of the place."""
    found: list[tuple[int, Outcome]] = []
    fillers = _fillers(lexicon)

    def gap_fits(words: list[str] | None) -> bool:
        return words is not None and len(words) <= 5 and all(w in fillers.held or w in fillers.subject for w in words)

    for match in _side_held_matches(content):
        side = _held_side(match.group("side"), speaker, lexicon)
        if side is None:
            continue
        before = [p for p in places if p.kind not in {"subject", "country"} and p.end <= match.start()]
        words = _gap_words(content[before[-1].end : match.start()]) if before else None
        place = before[-1].settlement if before and gap_fits(words) else None
        pronoun = IT_SUBJECT.search(content, 0, match.start()) if place is None else None
        if pronoun is not None and gap_fits(words := _gap_words(pronoun.group("gap"))):
            # only a place the content names: the article's last place is too often another town
            named = [p for p in before if p.end <= pronoun.start()]
            place = named[-1].settlement if named else None
        if place is None or words is None:
            continue
        partial = bool(fillers.partial_adverbs & set(words))
        denied = bool({"not", "never", "no"} & set(words))
        kind = "partial" if partial else "control"
        found.append((match.start(), Outcome(kind, place, side, match.group(0), denied, holds=True)))
    return found


IT_SUBJECT = re.compile(r"\bit(?P<gap>(?:\s+[\w'’-]+){0,5}\s+)$", re.IGNORECASE)  # 'it was not yet fully '


def _is_hold_word(outcome: Outcome, content: str, lexicon: Lexicon) -> bool:
    return any(outcome.words == w for *_, w in _hold_spans(content, lexicon))


def _hold_spans(content: str, lexicon: Lexicon) -> list[tuple[int, int, str]]:
    pattern = _frames(lexicon)["hold"]
    spans = [(m.start(), m.end(), m.group(0)) for m in pattern.finditer(content)] if pattern else []
    return spans + [(m.start(), m.end(), m.group(0)) for m in _side_held_matches(content)]
