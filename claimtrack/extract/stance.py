"""Stance, hedges and the sentences that are notes rather than claims.

Pattern: `Kyiv swiftly rejected` -> deny; `told Reuters the claim was "not
true"` -> deny (a denial phrase in the content); `acknowledged that its troops
had pulled back` -> confirm. `Reuters could not independently verify the
report` is a verification note and `did not respond to a request for comment`
a non-response: neither is a claim, and neither disputes anything.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import cache

from claimtrack.lexicon import Lexicon, shipped_sequence, shipped_words
from claimtrack.models import Stance


def _pattern(phrases: Sequence[str]) -> re.Pattern[str] | None:
    ordered = sorted({p.strip() for p in phrases if p.strip()}, key=len, reverse=True)
    if not ordered:
        return None
    alternation = "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in ordered)
    return re.compile(rf"(?<![\w])(?:{alternation})(?![\w])", re.IGNORECASE)


@cache
def _compiled(lexicon: Lexicon, section: str, key: str) -> re.Pattern[str] | None:
    return _pattern(lexicon.words(section, key))


def find_phrase(text: str, lexicon: Lexicon, section: str, key: str = "phrases") -> str | None:
    pattern = _compiled(lexicon, section, key)
    match = pattern.search(text.replace("\u2019", "'")) if pattern else None
    return match.group(0) if match else None


def stance_of(cue_stance: Stance, content: str, sentence: str, lexicon: Lexicon) -> Stance:
    if cue_stance is not Stance.ASSERT:
        return cue_stance
    if find_phrase(content, lexicon, "deny_phrases"):
        return Stance.DENY
    if find_phrase(sentence, lexicon, "confirm_phrases"):
        return Stance.CONFIRM
    return Stance.ASSERT


def hedges_in(content: str, lexicon: Lexicon) -> tuple[str, ...]:
    pattern = _compiled(lexicon, "hedges", "phrases")
    if pattern is None:
        return ()
    return tuple(dict.fromkeys(m.group(0).casefold() for m in pattern.finditer(content)))


def is_uncertain(content: str, lexicon: Lexicon) -> bool:
    """'may have captured', 'reportedly shot down': the claim is hedged and confirms no other."""
    return find_phrase(content, lexicon, "hedges", "uncertain") is not None


def is_verification_note(text: str, lexicon: Lexicon) -> bool:
    return find_phrase(text, lexicon, "verification") is not None


def is_non_response(text: str, lexicon: Lexicon) -> bool:
    return find_phrase(text, lexicon, "non_response") is not None


def is_future(content: str, lexicon: Lexicon) -> bool:
    """'Wagner would start pulling out': a plan or forecast, not an outcome."""
    pattern = _compiled(lexicon, "future", "phrases")
    if pattern is None:
        return False
    match = pattern.search(content)
    return match is not None and len(content[: match.start()].split()) <= 4


CLAIM_NOUNS = r"(?:" + "|".join(shipped_sequence("words.claim_nouns")) + r")s?"
GENERAL_ANAPHOR = re.compile(
    rf"\b(?:(?:the|this|that|these|those|both)\s+(?:[\w-]+\s+){{0,2}}{CLAIM_NOUNS}|[\w-]+(?:['’]s|s['’])\s+{CLAIM_NOUNS}|"
    rf"[A-Z][a-z]+(?:ian|ish|ese|i|ean|an)\s+{CLAIM_NOUNS})\b",  # "Ukrainian claims"
    re.IGNORECASE,
)


def anaphor_in(text: str, lexicon: Lexicon) -> str | None:
    """'the claim', 'his account', 'the Russian statement', 'the ministry's report': a pointer at a
    claim made earlier (in this article or an earlier one)."""
    found = find_phrase(text, lexicon, "anaphors")
    if found:
        return found
    match = GENERAL_ANAPHOR.search(text)
    return match.group(0) if match else None


def contrast_in(text: str, lexicon: Lexicon) -> str | None:
    return find_phrase(text, lexicon, "contrast")


# "the Ukrainian figure of 34 dead as a fabrication": the words after a pointer that say what it points at
POINTER_TOPIC = re.compile(
    r"\s+(?:of|about)\s+(.+?)(?=\s+(?:as|was|were|is|are|had|has|have|and|but|while|saying|to)\b|[,;:.!?\"“”()]|$)"
)
TOPIC_FILLER = shipped_words("words.topic_filler")
NUMBER = re.compile(r"\d[\d,.]*\d|\d")


def pointer_topic(text: str, anaphor: str) -> str | None:
    """What a pointer says its claim was about ('the Indian account of Pakistani attacks on Indian
    cities' -> 'Pakistani attacks on Indian cities'), or None when it says nothing."""
    at = text.find(anaphor)
    match = POINTER_TOPIC.match(text, at + len(anaphor)) if at >= 0 else None
    return match.group(1) if match else None


def _stem(word: str) -> str:
    return word[:5]


def fits_pointer_topic(topic: str, content: str, is_side_word: Callable[[str], bool]) -> bool:
    """Can `content` be the claim a pointer with this topic means? Every figure the pointer gives
    ('the figure of 34 dead') must be in it; without figures, one of its words (sides aside) must be."""
    figures = {n.replace(",", "") for n in NUMBER.findall(topic)}
    if figures:
        return figures <= {n.replace(",", "") for n in NUMBER.findall(content)}
    words = {
        _stem(w.casefold())
        for w in re.findall(r"[A-Za-z][\w'’-]*", topic)
        if w.casefold() not in TOPIC_FILLER and not is_side_word(w)
    }
    if not words:
        return True
    return bool(words & {_stem(w) for w in re.findall(r"[A-Za-z][\w'’-]*", content.casefold())})
