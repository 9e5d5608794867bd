"""Attribution frames that start from cues other than a reporting verb of saying.

    evidence-of        DeepState's map showed the village in Russian hands.
    according-to       According to the General Staff, 900 soldiers were lost.
    noun-cue           ... the ministry's claim that ... (and embedded-claim: claims by X that ...)

An evidence verb ("showed") is a verb cue that `read_cue` in frames.py hands to `evidence_frame`
alone; the other two read the whole sentence, not one cue.
"""

from __future__ import annotations

import re

from claimtrack.extract.cue_site import CueSite, Found, make_attribution
from claimtrack.extract.cues import CueMatch
from claimtrack.extract.phrases import (
    NP_CHARS,
    Segment,
    coordinated,
    participle_after_noun,
    plausible_source,
    split_clause,
    strip_leading,
    strip_trailing,
    words_of,
)
from claimtrack.lexicon import Lexicon, shipped_alternation, shipped_sequence
from claimtrack.models import Stance

EVIDENCE_OWNER_AFTER = re.compile(
    rf"\b(?:{shipped_alternation('words.evidence_owner_verbs', in_order=True)})?\s*(?:by|from)\s+(.+)$",
    re.IGNORECASE,
)
NOT_SOURCE_OPENINGS = shipped_sequence("words.not_source_openings")


def evidence_frame(site: CueSite) -> list[Found]:
    """'DeepState's map showed ...', 'satellite images analysed by Yale's lab show ...': the owner of
    the evidence is the source; evidence nobody is named for ('footage showed') is no claim."""
    subject = strip_leading(strip_trailing(site.pieces[-1], site.words), site.words)[0]
    nouns = "|".join(re.escape(n) for n in site.lexicon.words("evidence_nouns", "words"))
    head = re.search(rf"\b(?:{nouns})\b", subject.text, re.IGNORECASE) if nouns else None
    if head is None:
        return []
    before, after = subject.text[: head.start()], subject.text[head.end() :]
    owner: Segment | None = None
    # "DeepState's map", "The Institute for the Study of War's map"
    possessor = re.search(
        r"([A-Z][\w.-]*(?:\s+(?:(?:for|of|the|and|on|in)\s+)*[A-Z][\w.-]*){0,6})['’]s?\s+(?:[\w-]+\s+){0,2}$", before
    )
    by = EVIDENCE_OWNER_AFTER.search(after)
    modifier = re.search(r"((?:[A-Z][\w.-]*\s+){0,3}[A-Z][\w.-]*)\s+(?:[a-z][\w-]*\s+){0,2}$", before)
    if possessor:
        owner = Segment(possessor.group(1), subject.start + possessor.start(1))
    elif by:
        owner = Segment(by.group(1).strip(), subject.start + head.end() + by.start(1))
    elif modifier and not re.fullmatch(r"(?:A|An|The)", modifier.group(1)):
        owner = Segment(modifier.group(1), subject.start + modifier.start(1))
        if owner.start == 0 and " " not in owner.text and site.lexicon.actor_named(owner.text) is None:
            owner = None  # "Unverified footage showed": a capital that only opens the sentence
    if owner is None or not plausible_source(owner.text, site.lexicon):
        return []
    content = site.content_after()
    return [Found(site.make(owner, content, "evidence-of", mention=subject.text.strip()), subject.start)]


# --- frames that start from other cues ----------------------------------------


# "according to exit polls", "according to witnesses": a plural noun with no determiner names a group
UNNAMED_GROUP = re.compile(r"[a-z][a-z-]+(?:\s[a-z][a-z-]+){0,2}s")


def according_to_frames(text: str, masked: str, lexicon: Lexicon) -> list[Found]:
    """'According to the General Staff, 900 soldiers were lost' / '..., according to officials.'"""
    phrases = lexicon.words("prepositional", "according")
    if not phrases:
        return []
    pattern = re.compile(r"\b(?:" + "|".join(re.escape(p) for p in phrases) + r")\s+", re.IGNORECASE)
    found = []
    for match in pattern.finditer(masked):
        tail = masked[match.end() :]
        np = re.match(rf"{NP_CHARS}+", tail)  # "the U.N. refugee agency", "Sen. Ted Cruz"
        if not np:
            continue
        source = Segment(np.group(0).strip(), match.end())
        source = Segment(re.split(r"\s+(?:though|but|which|who|while|and\s+that)\b", source.text)[0], source.start)
        participle = participle_after_noun(source.text, lexicon)  # "a poll released last week"
        if participle is not None:
            source = Segment(source.text[:participle].rstrip(), source.start)
        if _evidence_of(source.text, lexicon):
            continue  # "according to a recording of the briefing": what carried the words, not who spoke
        if not (
            plausible_source(source.text, lexicon) or UNNAMED_GROUP.fullmatch(source.text)
        ) or source.text.casefold().startswith(NOT_SOURCE_OPENINGS):
            continue
        before = masked[: match.start()].rstrip(" ,")
        mention = ""
        if before.strip():
            if match.group(0).casefold().startswith("citing"):
                continue  # "..., citing X": a relay, read by the relayed-source frame
            content = (0, len(before))
            # "..., according to John Weaver, a Republican strategist." / "... a campaign official who
            # was not authorized to speak": the whole mention, the head noun phrase its source
            described = re.match(rf",\s*(?:the|a|an)\s{NP_CHARS}+\s*$", tail[np.end() :])
            end = np.end() + (described.end() if described else 0)
            mention = text[match.end() : match.end() + end].strip(" ,.;")
        else:
            end = match.end() + np.end()
            apposition = re.match(r",\s*(?:the|a|an)\s[^,.;]+,", masked[end:])
            if apposition:
                end += apposition.end()
            content = (end, len(text))
        cue = CueMatch(match.group(0).strip(), match.start(), match.end(), Stance.ASSERT)
        sources = _described_sources(source, lexicon)
        for each in sources:
            named = mention or (source.text if len(sources) > 1 else "")  # named together: one mention
            attribution = make_attribution(text, each, cue, content, "according-to", mention=named)
            found.append(Found(attribution, match.start()))
    return found


def _evidence_of(phrase: str, lexicon: Lexicon) -> bool:
    """'a recording of the briefing', 'footage': the head noun names a record, not a speaker."""
    head = re.split(r"\s+of\s+", phrase, maxsplit=1)[0].split()
    return bool(head) and head[-1].islower() and head[-1] in words_of(lexicon).not_source_heads  # not "the WHO"


def _described_sources(source: Segment, lexicon: Lexicon) -> list[Segment]:
    """'Russia and Belarus', 'two officers and a local civil society leader': each source its claim,
    as the verb frames give them; any other phrase is one source."""
    joint = coordinated(source, [], words_of(lexicon), lexicon)
    if len(joint) > 1:
        return joint  # "according to Russia and Belarus"
    parts = re.split(r"\s+and\s+", source.text)
    roles = words_of(lexicon).role_nouns
    if len(parts) != 2 or not all(
        re.match(r"(?:a|an|the|one|two|three|four|several|some|\d+)\s", p, re.IGNORECASE)
        and p.split()[-1].casefold() in roles
        for p in parts
    ):
        return [source]
    return [Segment(parts[0], source.start), Segment(parts[1], source.start + source.text.rfind(parts[1]))]


def noun_cue_frames(text: str, masked: str, lexicon: Lexicon) -> list[Found]:
    """'the ministry's claim that ...', 'claims by Russia's General Staff that ...': an embedded claim
    whose source is the possessor or the agent (a denial around it points at it)."""
    words = words_of(lexicon)
    nouns = "|".join(re.escape(n) for n in lexicon.words("nouns"))
    found = []
    for match in re.finditer(rf"\b({nouns})\s+(?:made\s+)?(?:by|from)\s+((?:[\w'’.-]+\s+){{1,8}}?)that\b", masked):
        source = Segment(match.group(2).strip(), match.start(2))
        if not plausible_source(source.text, lexicon):
            continue
        cue = CueMatch(match.group(1), match.start(1), match.end(1), Stance.ASSERT)
        content = (match.end(), len(text))
        found.append(Found(make_attribution(text, source, cue, content, "embedded-claim"), match.start(1)))
    for match in re.finditer(rf"['’]s?\s+({nouns})\s+that\b", masked, re.IGNORECASE):
        before = masked[max(0, match.start() - 80) : match.start()]
        # the possessor: a name ("Russia's General Staff"), else a short noun phrase ("the ministry")
        head = re.search(r"((?:[A-Z][\w.-]*\s+){0,4}[A-Z][\w.-]*)$", before) or re.search(
            r"((?:the|a|an)\s+(?:[\w-]+\s+){0,3}[\w.-]+)$", before, re.IGNORECASE
        )
        if head is None:
            continue
        start = match.start() - len(head.group(1))
        source, _ = strip_leading(Segment(head.group(1), start), words)
        source, _ = strip_leading(split_clause(source, words), words)
        if not plausible_source(source.text, lexicon):
            continue
        cue = CueMatch(match.group(1), match.start(1), match.end(1), Stance.ASSERT)
        found.append(Found(make_attribution(text, source, cue, (match.end(), len(text)), "noun-cue"), start))
    return found
