"""What a denial, a confirmation, a contrast or a repetition points at: an earlier claim of the
document (`_find_target`), through an anaphor ('those reports'), the claim embedded in the same
sentence, a shared outcome, or the other side's win a setback concedes."""

from __future__ import annotations

import re
from functools import cache

from claimtrack.extract.about import find_places
from claimtrack.extract.actors import infer_side
from claimtrack.extract.document_context import EMBEDDED_RULES, _Context, _Earlier
from claimtrack.extract.outcomes import find_outcomes
from claimtrack.extract.stance import (
    CLAIM_NOUNS,
    anaphor_in,
    contrast_in,
    find_phrase,
    fits_pointer_topic,
    is_non_response,
    pointer_topic,
)
from claimtrack.lexicon import Lexicon, shipped_alternation, shipped_words
from claimtrack.models import UNKNOWN_SIDE, Attribution, Claim, Stance


def _find_target(
    claim: Claim, att: Attribution, sentence_claims: list[Claim], ctx: _Context, lexicon: Lexicon
) -> tuple[int | None, str | None]:
    """Which earlier claim a denial, confirmation or contrast points at (an index into the document)."""
    offset = len(ctx.claims)
    if att.target_hint == "sentence":
        for i, other in enumerate(sentence_claims):
            if other.actor != claim.actor:
                return offset + i, "antecedent"
    if claim.stance in (Stance.DENY, Stance.CONFIRM):
        after_complement = _after_as_complement(claim)
        for i, other in enumerate(sentence_claims):
            if other.actor == claim.actor:
                continue
            embedded = other.rule in EMBEDDED_RULES and other.content in claim.content
            if embedded or (after_complement and names_claim(other.cue) and other.content in after_complement):
                return offset + i, f"embedded: {other.cue} by {other.source_text}"
    anaphor = anaphor_in(claim.content, lexicon) or anaphor_in(claim.sentence.text, lexicon)
    contrast = contrast_in(claim.sentence.text, lexicon)
    repeats = claim.stance is Stance.ASSERT and bool(
        re.match(
            rf"(?:the|this|that)\s+(?:{shipped_alternation('words.repeated_claim_nouns')})\b",
            claim.content.strip(),
            re.IGNORECASE,
        )
    )
    earlier = _Earlier(ctx.claims, sentence_claims)
    if repeats:
        for index in earlier.backwards():
            if earlier[index].actor != claim.actor:
                return index, "repeats"
    if claim.stance is Stance.ASSERT and not contrast:
        return None, None
    if not anaphor and not contrast:
        if claim.stance is Stance.CONFIRM:
            for i, other in enumerate(sentence_claims):
                if other.actor != claim.actor and other.side != claim.side and _shares_outcome(claim, other, lexicon):
                    return offset + i, "same sentence"
            conceded = _conceded_win(claim, earlier, lexicon)
            return conceded, "conceded" if conceded is not None else None
        return None, None
    wants_person = bool(anaphor and anaphor.split()[0].casefold() in {"his", "her"})
    names_figure = bool(anaphor and anaphor.split()[-1].casefold() in FIGURE_NOUNS)
    # "the Russian statement": the anaphor itself may name whose claim it was
    named_side = infer_side(anaphor, lexicon) if anaphor else None
    # a denial that names a place or subject points at a claim about it, not merely the last one
    pointed_topic = pointer_topic(claim.content, anaphor) if anaphor else None

    def side_word(word: str) -> bool:
        return infer_side(word, lexicon) is not None

    topics = {
        t
        for t in claim.about
        if ((place := lexicon.place_named(t)) is None or place.kind != "country")
        and lexicon.actor_named(t) is None
        # "dismissed the RSF statement as propaganda": a pointer that names whose claim it is is narrowed
        # by that side, not by the kind of claim the denial calls it; one that names nobody ('those
        # claims') keeps every topic, so that it points at nothing rather than at any last claim
        and not (named_side and t in _claim_kinds(lexicon))
    }
    introduced = _introduced_in(anaphor, claim, earlier) if anaphor else None
    for index in earlier.backwards():
        other = earlier[index]
        if other.actor == claim.actor or other.side == claim.side:
            continue
        if introduced is not None and other.sentence.index != introduced:
            continue
        if named_side and other.side != named_side:
            continue
        if wants_person and other.actor_kind != "person":
            continue
        if other.future:
            continue  # a denial or confirmation is of something that happened, not of a plan
        if topics and not topics & {*other.about, *(o.subject for o in other.outcomes)}:
            continue
        if pointed_topic and not fits_pointer_topic(pointed_topic, other.content, side_word):
            continue  # "the Ukrainian figure of 34 dead" is not a claim about wounded generals
        if names_figure and not other.quantities:
            continue  # "dismissed the RSF's figure": a claim that gives a number
        if not pointed_topic and any(is_non_response(n, lexicon) and anaphor_in(n, lexicon) for n in other.notes):
            break  # "The government did not respond to those claims": a later vague denial is not of them
        return index, anaphor or contrast
    return None, anaphor or contrast  # an earlier article's claim, resolved when stored


@cache
def _claim_kinds(lexicon: Lexicon) -> frozenset[str]:
    """Subjects that say what kind of claim something is ('disinformation'), marked in subjects.toml."""
    return frozenset(s.name for s in lexicon.subjects if s.about_claims)


def _after_as_complement(claim: Claim) -> str:
    """'Misri dismissed as "another lie" a Pakistani claim that ...': when the verb's "as" complement
    comes before its object, the object (and the claim it names) follows the content; the rest of
    the sentence after the content, or "" when the content is no "as" complement."""
    content = claim.content.strip()
    if not is_as_complement(content):
        return ""
    text = claim.sentence.text
    at = text.find(content)
    return text[at + len(content) :] if at >= 0 else ""


AS_COMPLEMENT = re.compile(r"as\s+\S", re.IGNORECASE)
CLAIM_NOUN = re.compile(CLAIM_NOUNS, re.IGNORECASE)
FIGURE_NOUNS = shipped_words("words.figure_nouns")


def names_claim(cue: str) -> bool:
    """Is a cue a noun for a claim ('claim', 'reports', 'the tallies')?"""
    words = cue.split()
    return bool(words) and CLAIM_NOUN.fullmatch(words[-1]) is not None


def is_as_complement(content: str) -> bool:
    """Is a denial's content only the "as" complement of its verb ('dismissed as "another lie"')?"""
    return AS_COMPLEMENT.match(content.strip()) is not None


DEMONSTRATIVE_POINTER = re.compile(r"(?:those|these|this|that|such)\s+(?:[\w-]+\s+)?([a-z]+?)s?$", re.IGNORECASE)


def _introduced_in(anaphor: str, claim: Claim, earlier: _Earlier) -> int | None:
    """'Burundi denied reports that its soldiers had left. "Those reports are false," a spokesman said':
    the sentence of the paragraph that named what a demonstrative points back to, if one did."""
    match = DEMONSTRATIVE_POINTER.match(anaphor)
    if match is None:
        return None
    noun = re.compile(rf"\b{re.escape(match.group(1))}s?\b", re.IGNORECASE)
    for index in earlier.backwards():
        other = earlier[index]
        if other.sentence.paragraph < claim.sentence.paragraph:
            break  # claims come in reading order: the rest are of earlier paragraphs
        if other.sentence.paragraph != claim.sentence.paragraph or other.sentence.index > claim.sentence.index:
            continue
        text = other.sentence.text
        if other.sentence.index == claim.sentence.index:
            text = text[: text.find(anaphor)] if anaphor in text else ""
        if noun.search(text):
            return other.sentence.index
    return None


def _conceded_win(claim: Claim, earlier: _Earlier, lexicon: Lexicon) -> int | None:
    """'the group's commander acknowledged the defeat': the other side's claim of its own win, in this
    sentence or the one before, that the setback named concedes (None when there is no such claim)."""
    setback = find_phrase(claim.content, lexicon, "conceded_setbacks")
    if setback is None or not claim.content.casefold().startswith(setback.casefold()) or claim.side == UNKNOWN_SIDE:
        return None
    for index in earlier.backwards():
        other = earlier[index]
        if other.sentence.index < claim.sentence.index - 1:
            return None
        won = any(o.kind == "control" and not o.denied and o.favours == other.side for o in other.outcomes)
        if other.side not in (claim.side, UNKNOWN_SIDE) and other.stance is Stance.ASSERT and won:
            return index
    return None


def _shares_outcome(confirm: Claim, other: Claim, lexicon: Lexicon) -> bool:
    """Does an acknowledgement speak of what the other claim says ('the government acknowledged that
    the rebels held the airport' after 'the rebels said they took the airport')? Its outcomes are read
    from its content here, before the claim is built."""
    places = find_places(confirm.content, lexicon)
    mine = find_outcomes(confirm.content, confirm.side, places, None, None, lexicon)
    return any((o.subject, o.favours) == (p.subject, p.favours) for o in mine for p in other.outcomes)
