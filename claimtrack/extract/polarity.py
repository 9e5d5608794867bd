"""Whether and how an attribution asserts: the cue's own stance, what is no claim at all (a negated
cue, a vow, a conditional, a verification note, a non-response), and which of a denial's
outcomes it says are false."""

from __future__ import annotations

import re
from dataclasses import replace

from claimtrack.extract.outcomes import is_hold_phrase
from claimtrack.extract.stance import find_phrase, is_non_response, is_verification_note
from claimtrack.lexicon import Lexicon
from claimtrack.models import Attribution, Claim, Outcome, Stance

VOW = re.compile(r"^[\s\"“‘']*(?:we|i)\s+(?:will|shall|are\s+going\s+to|am\s+going\s+to|would\s+never)\b", re.I)
# "If confirmed, these actions would be ...": about what the speaker does not know yet (a counterfactual
# argument, "if a Russian missile had hit, nothing would be left", does assert something)
CONDITIONAL = re.compile(r"^[\s\"“‘']*(?:if|should\s+(?:it|this|they))\s+(?:\w+\s+)?(?:confirmed|true|proven)\b", re.I)


def _skip_reason(att: Attribution, lexicon: Lexicon) -> str | None:
    if att.negated:
        return "negated cue: a non-confirmation or non-response, not a claim"
    if VOW.match(att.content):
        return "a vow of the speaker's own action, not a claim about what happened"
    if CONDITIONAL.match(att.content):
        return "a conditional ('if confirmed, it would be ...'): it asserts nothing"
    if is_verification_note(att.content, lexicon):
        return "verification note: it qualifies another claim"
    if is_non_response(att.content, lexicon):
        return "non-response: not a claim and not a denial"
    return None


def _with_polarity(claim: Claim, att: Attribution, lexicon: Lexicon) -> Claim:
    """A denial's outcomes are what it says is false ('denied that Russian forces took X'), except what
    the denier says still holds ('remains under our control'); a claim whose every outcome is negated
    ('X has not been captured') is a denial."""
    if claim.stance is Stance.DENY and claim.quantities:  # "dismissed the figure of 34 dead as invented"
        claim = replace(claim, quantities=tuple(replace(q, bound="denied") for q in claim.quantities))
    if claim.stance is Stance.DENY and claim.outcomes:
        by_cue = _cue_stance(att, lexicon) is Stance.DENY
        outcomes = []
        for outcome in claim.outcomes:
            if outcome.denied:
                continue  # "denied that it had not ...": a double negative says nothing clear
            if is_hold_phrase(outcome.words, lexicon):
                outcomes.append(outcome)
            elif by_cue or _governed_by_denial(outcome, claim.content, lexicon):
                outcomes.append(replace(outcome, denied=True))
            else:
                outcomes.append(outcome)
        return replace(claim, outcomes=tuple(outcomes))
    if claim.stance is Stance.ASSERT and claim.outcomes and all(o.denied for o in claim.outcomes):
        return replace(claim, stance=Stance.DENY)
    return claim


def _governed_by_denial(outcome: Outcome, content: str, lexicon: Lexicon) -> bool:
    """Is the outcome in the clause that the denial phrase ('are a lie', 'untrue') sits in?"""
    for clause in re.split(r";\s|,\s+(?:but|while|and)\s|\s+and\s+that\s", content):
        if outcome.words in clause and find_phrase(clause, lexicon, "deny_phrases"):
            return True
    return False


def _cue_stance(att: Attribution, lexicon: Lexicon) -> Stance:
    cue = att.cue.casefold()
    for stance in (Stance.DENY, Stance.CONFIRM):
        if cue in {w.casefold() for w in lexicon.words(f"verbs.{stance.value}")}:
            return stance
    return Stance.ASSERT
