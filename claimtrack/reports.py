"""Reports and pointers: is a claim another report of an earlier one (the same source saying the same
thing in another article), and which earlier claim a denial or confirmation names without quoting it.
Pure functions over ClaimFacts, like the linking rules beside them (linking.py)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from claimtrack.lexicon import shipped_words
from claimtrack.linking import EVENT_WINDOW_DAYS, LINK_WINDOW_DAYS, claim_day, days_apart, same_count
from claimtrack.models import UNKNOWN_SIDE, ClaimFacts, Stance

STOPWORDS = shipped_words("words.stopwords")


def _content_words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]+", text.casefold()) if len(w) > 2 and w not in STOPWORDS}


def same_assertion(a: ClaimFacts, b: ClaimFacts) -> bool:
    """Is `b` another report of `a`: the same source saying the same thing in another article?"""
    if a.actor != b.actor or a.document == b.document or a.stance != b.stance:
        return False
    if a.event and b.event and days_apart(a.event, b.event) > EVENT_WINDOW_DAYS:
        return False
    day_a, day_b = claim_day(a), claim_day(b)
    if day_a and day_b and days_apart(day_a, day_b) > LINK_WINDOW_DAYS:
        return False  # a claim repeated months later is a new report of a new moment
    # a side's whole operation ("operation:ukraine") is no place: two towns' claims about it are two claims
    keys_a = {(o.kind, o.subject, o.favours, o.denied) for o in a.outcomes if not o.subject.startswith("operation:")}
    keys_b = {(o.kind, o.subject, o.favours, o.denied) for o in b.outcomes if not o.subject.startswith("operation:")}
    if keys_a and keys_b:
        return bool(keys_a & keys_b)
    if keys_a or keys_b:
        return False  # one says what happened where, the other does not: not the same words twice
    if not (a.own_places | a.context_places) & (b.own_places | b.context_places):
        return False  # "the fighting continued" or "300 soldiers killed" about two towns is two claims
    if a.quantities and b.quantities:
        # a figure is of one event: the same place named, or the same day when neither names one
        same_event = bool(a.own_places & b.own_places) or (
            not a.own_places and not b.own_places and claim_day(a) is not None and claim_day(a) == claim_day(b)
        )
        return same_event and any(
            qa.what == qb.what and same_count(qa, qb) for qa in a.quantities for qb in b.quantities
        )
    if a.quantities or b.quantities:
        return False
    words_a, words_b = _content_words(a.content), _content_words(b.content)
    if not words_a or not words_b:
        return False
    return len(words_a & words_b) / len(words_a | words_b) >= 0.6


def report_groups(claim: ClaimFacts, earlier: Sequence[ClaimFacts]) -> list[int]:
    """The groups (first reports) of the earlier claims `claim` repeats, smallest first. When it
    repeats claims of several groups, they are one group: the caller merges them, so grouping does
    not depend on the order articles arrive in."""
    return sorted({f.group_key for f in earlier if f.actor == claim.actor and same_assertion(f, claim)})


def pointer_target(claim: ClaimFacts, pool: Sequence[ClaimFacts]) -> ClaimFacts | None:
    """The claim of an earlier article that a denial or confirmation names without quoting ('the
    Russian statement was untrue'): of another side, asserting, published no later, about one of its
    places, by the possessor it names ('Moscow's claim'); the latest such, whatever the order of ingest."""
    possessor = re.match(r"(?:the\s+)?(?:[\w-]+\s+)*?([\w-]+)['’]s\b", claim.target_relation or "")
    candidates = [
        f
        for f in pool
        if f.document != claim.document
        and f.side not in (claim.side, UNKNOWN_SIDE)
        and f.stance is Stance.ASSERT
        and (f.published or "") <= (claim.published or "9999")
        and (not f.published or not claim.published or days_apart(f.published, claim.published) <= LINK_WINDOW_DAYS)
        and (not claim.own_places or (f.own_places | f.context_places) & claim.own_places)
        # about what the denial's article is about: never a claim that merely arrived with a related one
        and (
            (f.own_places | f.context_places) & (claim.own_places | claim.context_places)
            # a one-line denial that names nothing but whose claim it was: "the ministry's statement"
            or (
                not (claim.own_places | claim.context_places)
                and possessor is not None
                and (
                    not f.published
                    or not claim.published
                    or days_apart(f.published, claim.published) <= EVENT_WINDOW_DAYS
                )
            )
        )
        and (possessor is None or possessor.group(1).casefold() in f.actor.casefold())
    ]
    if not candidates:
        return None
    # published day, then words: never ids, which depend on the order articles arrived in
    return max(candidates, key=lambda f: (f.published or "", f.label, f.actor, f.content, f.document_hash))
