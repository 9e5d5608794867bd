"""Appositives: a source's name with the descriptions set off by commas after it ('Igor Petrov, a
spokesman for the army group, who visited the front, said ...'), read as one mention, and the test
of whether a piece between commas can be such a description rather than a clause."""

from __future__ import annotations

import re

from claimtrack.extract.phrases import FINITE_VERB, Segment, is_proper_name, plausible_source, strip_leading, words_of
from claimtrack.lexicon import Lexicon

APPOSITIVE_START = re.compile(
    r"^(?:a|an|the|who|which|his|her|its|their|one\s+of|speaking|[\w-]+ing|based|himself|herself|"
    r"formerly|previously|now|then|also|(?:better\s+|widely\s+)?known\s+(?:as|by)|nicknamed|dubbed)\b",
    re.IGNORECASE,
)
ROLE_OF = re.compile(r"^[a-z][\w-]*(?:\s+[a-z][\w-]*){0,2}\s+(?:of|for|at|with)\s")
DESCRIPTION_START = re.compile(r"^(?:(?:[Aa]n?|[Tt]he|[Hh]is|[Hh]er|[Ii]ts|[Tt]heir)\s|[A-Z][\w.-]*['’]s\s)")


def np_like(text: str) -> bool:
    """Could this piece be a noun phrase or an appositive to one (not a clause)? Ages and home towns
    count ('Olena Koval, 54, of Kherson, said')."""
    stripped = text.strip()
    words = stripped.split()
    if not words or len(words) > 24:
        return False
    described = DESCRIPTION_START.match(stripped)
    if len(words) > 14 and not (described and not FINITE_VERB.search(stripped)):
        return False  # only a description runs long: "an adviser to the campaign and a professor at ..."
    if re.fullmatch(r"\d{1,3}|(?:of|from)\s+(?:[A-Z][\w'’.-]*\s*){1,4}", stripped):
        return True
    if not FINITE_VERB.search(stripped) and ROLE_OF.match(stripped):
        return True  # "co-founder of the monitoring group Lines", "head of the local council"
    if described:  # "a former minister who is a critic of the government": its own relative clause
        return not FINITE_VERB.search(re.split(r"\s(?:who|that|which)\s", stripped, maxsplit=1)[0])
    if APPOSITIVE_START.match(stripped):
        return not FINITE_VERB.search(stripped) or stripped.casefold().startswith(("who ", "which "))
    return is_proper_name(stripped) or (
        not FINITE_VERB.search(stripped) and len(words) <= 8 and bool(re.match(r"^[A-Z]", stripped))
    )


def appositive_run(pieces: list[Segment], lexicon: Lexicon) -> tuple[Segment, str, int] | None:
    """'Igor Petrov, a spokesman for the army group, who visited the front, said': the head noun
    phrase and its appositives; the source is the proper name among them, else the head."""
    run: list[Segment] = []
    for piece in reversed(pieces):
        if not np_like(piece.text) or len(run) == 6:
            break
        run.insert(0, piece)
    while (
        run
        and APPOSITIVE_START.match(run[0].text.strip())
        and not re.match(r"^(?:the|a|an|his|her|its|their)\b", run[0].text.strip(), re.IGNORECASE)
    ):
        run.pop(0)  # a run cannot start with a relative or participle clause
    head = strip_leading(run[0], words_of(lexicon))[0] if run else None
    while len(run) > 2 and head is not None and not plausible_source(head.text, lexicon):
        run.pop(0)  # "At a briefing in New Delhi on Sunday, India's director general ..., said"
        head = strip_leading(run[0], words_of(lexicon))[0]
    if len(run) < 2 or head is None or not plausible_source(head.text, lexicon):
        return None
    candidates = [head] + [Segment(p.text.strip(), p.start + len(p.text) - len(p.text.lstrip())) for p in run[1:]]
    named = [
        c
        for c in candidates
        if (is_proper_name(c.text) and not re.match(r"(?:of|from)\s", c.text))
        or lexicon.actor_named(c.text) is not None
    ]
    source = named[0] if named else head
    if source.text.casefold().startswith(("who ", "which ", "speaking")):
        source = head
    description = "; ".join(c.text for c in candidates if c is not source)
    return source, description, head.start
