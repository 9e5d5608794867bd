"""Find reporting cues outside quotation marks.

Pattern: a reporting verb or phrase from the lexicon, as a whole word, e.g.
"said" in `The ministry said 36 drones were downed.` Cues inside quotations
are not seen (the text is masked first), a noun use ("Ukrainian claims that")
is not a verb, and demands ("urged", "called for") are marked apart.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from claimtrack.lexicon import Lexicon, shipped_sequence, shipped_words
from claimtrack.models import Stance

DETERMINERS = shipped_words("words.determiners")
HEDGE_INFINITIVES = shipped_words("words.hedge_infinitives")
AMBIGUOUS_NOUNS = shipped_words("words.ambiguous_nouns")
NOUN_FOLLOWERS = shipped_words("words.noun_followers")
NATIONALITY_ENDINGS = shipped_sequence("words.nationality_endings")
PASSIVE_AUXILIARIES = shipped_words("words.passive_auxiliaries")


@dataclass(frozen=True)
class CueMatch:
    text: str
    start: int
    end: int
    stance: Stance
    demand: bool = False
    when_denying: bool = False  # "called the report a lie": a cue only if the content denies
    evidence: bool = False  # "the monitor's map showed": the evidence's owner speaks


@dataclass(frozen=True)
class CuePatterns:
    verbs: re.Pattern[str]
    stance_of: dict[str, Stance]
    demands: re.Pattern[str]
    when_denying: frozenset[str]
    not_cues: re.Pattern[str] | None
    evidence: frozenset[str]
    first_words: frozenset[str]  # the first word of every verb form: where a cue can start


WORD_RUN = re.compile(r"\w+")


def _verb_matches(patterns: CuePatterns, masked: str) -> Iterator[re.Match[str]]:
    """The matches `patterns.verbs.finditer(masked)` gives, tried only where a verb form's first
    word stands: scanning the long alternation at every character was a tenth of extraction."""
    end = 0
    for word in WORD_RUN.finditer(masked):
        if word.start() < end or word.group(0).lower() not in patterns.first_words:
            continue
        match = patterns.verbs.match(masked, word.start())
        if match is not None:
            end = match.end()
            yield match


def _alternation(forms: list[str]) -> str:
    ordered = sorted({f.strip().lower() for f in forms if f.strip()}, key=len, reverse=True)
    return "|".join(re.escape(f).replace(r"\ ", r"\s+") for f in ordered)


@cache
def _patterns(lexicon: Lexicon) -> CuePatterns:
    stance_of: dict[str, Stance] = {}
    forms: list[str] = []
    for stance in Stance:
        for form in lexicon.words(f"verbs.{stance.value}"):
            stance_of[form.lower()] = stance
            forms.append(form)
    when_denying = frozenset(f.lower() for f in lexicon.words("verbs.when_denying"))
    evidence = frozenset(f.lower() for f in lexicon.words("verbs.evidence"))
    forms.extend(when_denying | evidence)
    verbs = re.compile(rf"\b(?:{_alternation(forms)})\b", re.IGNORECASE)
    demands = re.compile(rf"\b(?:{_alternation(list(lexicon.words('not_assertions')))})\b", re.IGNORECASE)
    fixed = list(lexicon.words("not_cues", "phrases"))
    not_cues = re.compile(rf"\b(?:{_alternation(fixed)})\b", re.IGNORECASE) if fixed else None
    first_words = frozenset(m.group(0).lower() for f in forms if (m := WORD_RUN.match(f.strip())))
    return CuePatterns(verbs, stance_of, demands, when_denying, not_cues, evidence, first_words)


def _previous_word(masked: str, start: int) -> str:
    match = re.search(r"([\w'’.-]+)\W*$", masked[:start])
    return match.group(1).lower() if match else ""


def _is_noun_use(masked: str, match: re.Match[str]) -> bool:
    word = match.group(0).lower()
    following = masked[match.end() : match.end() + 12].lower().split()
    if word in {"state", "states"}:
        return not following or following[0] not in {"that", ":"}
    if word not in AMBIGUOUS_NOUNS:
        return False
    if following and following[0] in NOUN_FOLLOWERS:
        return True
    before = masked[: match.start()].rstrip()
    previous = _previous_word(masked, match.start())
    if previous in DETERMINERS or previous.endswith(("'s", "’s")):
        return True
    # "Ukrainian claims that": a nationality adjective before a plural noun form
    return bool(before) and not before.endswith(",") and previous.endswith(NATIONALITY_ENDINGS) and word.endswith("s")


def _is_hedge(masked: str, match: re.Match[str]) -> bool:
    """'video said to show': a passive hedge, not a cue."""
    after = masked[match.end() : match.end() + 30].lower().split()
    if len(after) < 2 or after[0] != "to" or after[1] not in HEDGE_INFINITIVES:
        return False
    passive = _previous_word(masked, match.start()) in PASSIVE_AUXILIARIES
    return passive or match.group(0).lower() == "said"


def _in_name(masked: str, match: re.Match[str], title_case: bool) -> bool:
    """'The Kyiv Post reported': a capitalised cue word after a capitalised word is part of a name
    (unless the whole sentence is in title case, as headlines are)."""
    if title_case or not match.group(0)[:1].isupper():
        return False
    previous = re.search(r"([\w'’.-]+)\s+$", masked[: match.start()])
    return previous is not None and previous.group(1)[:1].isupper()


def _in_compound(masked: str, match: re.Match[str]) -> bool:
    """'post-debate polls', 'self-reported': part of a hyphenated word, not a verb."""
    return masked[match.end() : match.end() + 1] == "-" or masked[max(0, match.start() - 1) : match.start()] == "-"


def _title_case(masked: str) -> bool:
    words = re.findall(r"[A-Za-z][\w'’-]*", masked)
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.7 * len(words)


def find_cues(masked: str, lexicon: Lexicon) -> list[CueMatch]:
    """Every verb cue in `masked` (a sentence with quotations masked), in order."""
    patterns = _patterns(lexicon)
    title_case = _title_case(masked)
    demand_spans = [(m.start(), m.end()) for m in patterns.demands.finditer(masked)]
    fixed_spans = [(m.start(), m.end()) for m in patterns.not_cues.finditer(masked)] if patterns.not_cues else []
    cues: list[CueMatch] = []
    for match in _verb_matches(patterns, masked):
        if (
            _is_noun_use(masked, match)
            or _is_hedge(masked, match)
            or _in_name(masked, match, title_case)
            or _in_compound(masked, match)
            or any(s <= match.start() < e for s, e in fixed_spans)
        ):
            continue
        demand = any(s <= match.start() < e or match.start() <= s < match.end() for s, e in demand_spans)
        text = re.sub(r"\s+", " ", match.group(0).lower())
        if text in patterns.evidence and _previous_word(masked, match.start()) == "to":
            continue  # "a video said to show": a hedge's infinitive, not evidence speaking
        stance = patterns.stance_of.get(text, Stance.ASSERT)
        cues.append(
            CueMatch(
                match.group(0),
                match.start(),
                match.end(),
                stance,
                demand,
                when_denying=text in patterns.when_denying,
                evidence=text in patterns.evidence,
            )
        )
    return cues
