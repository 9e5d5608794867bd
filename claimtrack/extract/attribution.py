"""Attributions of one sentence: every cue read by its frame, contents closed at the next source.

Pattern: `Russia said it took the hamlet, but Ukraine's military denied it.`
has two cues; the first content ends where the second source begins. The
frames themselves (who said, where the content is) live in frames.py (and cue_frames.py), one
function each; this module finds the cues, hands each to the frames, drops
cues nested in another cue's content ("said Shoigu had reported ..."), and
adds the prepositional and noun cues.

Everything here works on one sentence with its quotations masked, so words
inside quotes are never read as cues or sources. Resolving pronouns and names
to actors is actors.py's job.
"""

from __future__ import annotations

import re
from dataclasses import replace

from claimtrack.extract.cue_site import evidence_participle
from claimtrack.extract.cues import find_cues
from claimtrack.extract.frames import CueSite, Found, according_to_frames, noun_cue_frames, read_cue
from claimtrack.extract.phrases import is_proper_name, plausible_source
from claimtrack.extract.quotes import mask_quotes, quote_spans
from claimtrack.extract.stance import find_phrase
from claimtrack.lexicon import Lexicon
from claimtrack.models import Attribution

__all__ = ["find_attributions", "is_proper_name", "plausible_source"]


def _nested(masked: str, previous_cue_end: int, segment_start: int) -> bool:
    """A cue inside another cue's content ('said Shoigu had reported ...') is not a new claim."""
    between = masked[previous_cue_end:segment_start]
    return not re.search(r"[,;:]|\b(?:and|but|while|whereas)\b|[\u201d\"]\s*$", between)


def find_attributions(text: str, lexicon: Lexicon, masked: str | None = None) -> list[Attribution]:
    """Every attribution in one sentence, in order of its cue. `masked` is the sentence with its
    quotations masked, cut from the masked article when the sentence is part of a longer quotation;
    by default the sentence's own quotations are masked."""
    if masked is None:
        masked = mask_quotes(text, quote_spans(text))
    found: list[Found] = []
    previous: Attribution | None = None
    clause_start = 0
    previous_cue_end: int | None = None
    for cue in find_cues(masked, lexicon):
        if cue.demand:
            clause_start = cue.end
            continue
        for item in read_cue(CueSite(text, masked, cue, clause_start, previous, lexicon)):
            att = item.attribution
            if cue.when_denying and not find_phrase(att.content, lexicon, "deny_phrases"):
                previous = att  # "called the situation critical but said ...": the subject still carries over
                continue  # "called the holiday a celebration": a description, not a claim
            if (
                previous_cue_end is not None
                and not att.same_as_previous
                and att.target_hint is None
                and _nested(masked, previous_cue_end, item.segment_start)
            ):
                continue
            if att.target_hint is None and att.negated is False and found and att.same_as_previous:
                att = replace(att, target_hint=found[-1].attribution.target_hint)
            found.append(Found(att, item.segment_start))
            previous = att
        if evidence_participle(masked, cue, lexicon):
            continue  # "Videos posted by RSF fighters showed ...": the clause's verb is still to come
        previous_cue_end = cue.end
        clause_start = cue.end
    found.extend(according_to_frames(text, masked, lexicon))
    found.extend(noun_cue_frames(text, masked, lexicon))
    found.sort(key=lambda f: f.attribution.cue_start)
    return _close_contents(text, found)


def _close_contents(text: str, found: list[Found]) -> list[Attribution]:
    """End each content where the next independent attribution begins."""
    result = []
    for i, item in enumerate(found):
        att = item.attribution
        later = [
            f.segment_start
            for f in found[i + 1 :]
            if f.segment_start > att.content_start and not f.attribution.same_as_previous
        ]
        if later and att.content_end > min(later) and att.content_start < min(later):
            end = min(later)
            content = text[att.content_start : end]
            att = replace(att, content_end=end, content=content.strip(" ,.;"))
        result.append(att)
    return result
