"""Attribution frames: one small function per way English news prose ties a source to a cue.

Each verb frame takes a `CueSite` (one cue in a sentence with its quotations
masked, and the clause before it) and returns the attributions it reads, an
empty list when it recognises the cue but finds no claim (an agentless
passive), or None when it does not apply, so the next frame is tried. The
frame's name is the `rule` recorded on every claim it makes. In the order tried:

    passive-agent      Three drones were reported downed by the governor.
    quoted-by          The minister was quoted by state media as saying ...
    quoted-as-saying   TASS quoted the ministry as saying ...
    source-before-cue  Ukraine's navy said it had sunk a landing ship.
    content-fronted    Forty homes were damaged, the governor said.
    shared-subject     The ministry denied the report, saying ...
    clause-subject     The governor toured the site and said ...
    relative-source    ... added Governor Kovalenko, who said the shelling ...
    relayed-source     TASS, citing the defence ministry, reported ...
    interrupted-subject  UN experts, in a report last year, estimated that ...
    appositive-source  Igor Petrov, a spokesman for the army group, said ...
    inverted-cue       "The dam is holding," said Serhiy Voronko, head of the council.

Evidence verbs ("showed") go to `evidence-of` alone: `DeepState's map showed
the village in Russian hands` is DeepState's claim. Two frames start from other
cues: `according-to` (According to the General Staff, ...) and `noun-cue` (the
ministry's claim that ...). Those three live in cue_frames.py; `CueSite`, `Found`
and the helpers that read what surrounds a cue (content, channel, passive agent,
inverted source) in cue_site.py.
"""

from __future__ import annotations

import re

from claimtrack.extract.appositives import appositive_run, np_like
from claimtrack.extract.cue_frames import according_to_frames, evidence_frame, noun_cue_frames
from claimtrack.extract.cue_site import (
    PREPOSITION_START,
    CueSite,
    Found,
    Frame,
    channel_of,
    evidence_participle,
    fronted_content,
    inverted_source,
    passive_agent,
    quote_first,
)
from claimtrack.extract.phrases import (
    Segment,
    coordinated,
    leading_noun_phrase,
    plausible_source,
    strip_leading,
    strip_trailing,
    tail_name,
)
from claimtrack.lexicon import shipped_words
from claimtrack.models import Stance

# Names other modules import from here: the site and what a frame returns (cue_site.py), the
# frames that start from other cues (cue_frames.py).
__all__ = ["CueSite", "Found", "according_to_frames", "noun_cue_frames", "read_cue"]

PARTICIPLE = re.compile(r"ing$", re.IGNORECASE)


# --- the verb frames, in the order they are tried ----------------------------


def passive_frame(site: CueSite) -> list[Found] | None:
    """'were reported killed by the governor' (agent) or 'were reported killed' (no claim)."""
    agent = passive_agent(site.masked, site.cue)
    if agent is False:
        return None
    if agent is None or agent is True:
        return []  # agentless passive: "were reported killed"
    masked, clause_start, cue = site.masked, site.clause_start, site.cue
    head = re.match(
        r"(.*?)\b(?:was|were|is|are|has been|have been|had been)\b", masked[clause_start : cue.start], re.IGNORECASE
    )
    content_end = clause_start + (head.end(0) - len(head.group(0)) + len(head.group(1)) if head else 0)
    content = (clause_start, content_end) if head else (cue.end, len(site.text))
    after_agent = re.match(r"\s*(?:of|as saying(?:\s+that)?)\s+", masked[agent.start + len(agent.text) :])
    if after_agent:
        content = (agent.start + len(agent.text) + after_agent.end(), len(site.text))
    if cue.text.casefold() == "quoted" and head:
        # "The minister was quoted by state media as saying ...": the subject spoke, the agent relayed
        subject = strip_leading(Segment(head.group(1), clause_start), site.words)[0]
        if plausible_source(subject.text, site.lexicon):
            return [Found(site.make(subject, content, "quoted-by", channel=agent.text), subject.start)]
    return [Found(site.make(agent, content, "passive-agent"), agent.start)]


def quoted_as_saying_frame(site: CueSite) -> list[Found] | None:
    """'TASS quoted the ministry as saying ...': the quoted party is the source, the quoter the channel."""
    if site.cue.text.casefold() != "quoted":
        return None
    masked, cue = site.masked, site.cue
    quoted = re.match(r"\s+((?:[\w'’.-]+\s+){1,8}?)as\s+saying(?:\s+that)?\s+", masked[cue.end :])
    if not quoted or not plausible_source(quoted.group(1), site.lexicon):
        return None
    teller = strip_leading(site.pieces[-1], site.words)[0]
    source = Segment(quoted.group(1).strip(), cue.end + quoted.start(1))
    content = (cue.end + quoted.end(), len(site.text))
    return [Found(site.make(source, content, "quoted-as-saying", channel=teller.text.strip() or None), source.start)]


def source_before_frame(site: CueSite) -> list[Found] | None:
    """'Ukraine's navy said it had sunk ...' (content after the cue) or 'Forty homes were damaged,
    the governor said' (content fronted); 'Moscow and Kyiv said' gives each source its claim."""
    subject, hint = site.subject
    if not subject.text or re.search(r"\b(?:and|but)$", subject.text.rstrip()):
        return None  # "The governor visited the hospital and said": a second verb phrase of the clause
    sources = coordinated(subject, site.pieces[:-1], site.words, site.lexicon)
    if not all(plausible_source(s.text, site.lexicon) for s in sources) or evidence_participle(
        site.masked, site.cue, site.lexicon
    ):
        return []
    content_start, has_after = site.after
    masked = site.masked
    if quote_first(masked, site.clause_start, site.pieces[-1].start) and not re.match(
        r"\s*(?:\w+\s+){0,6}?that\b", masked[site.cue.end :]
    ):
        has_after = False
    content = (
        (content_start, len(site.text))
        if has_after
        else fronted_content(masked, site.clause_start, site.pieces[-1].start)
    )
    rule = "source-before-cue" if has_after else "content-fronted"
    mention = site.subject_mention
    if len(sources) > 1:
        rule = "coordinated-sources"  # "Russia and Belarus said": each its claim, named together
        mention = site.text[min(s.start for s in sources) : subject.start + len(subject.text)].strip()
    channel = channel_of(masked, site.cue)
    return [
        Found(site.make(s, content, rule, target_hint=hint, channel=channel, mention=mention), site.pieces[-1].start)
        for s in sources
    ]


def shared_subject_frame(site: CueSite) -> list[Found] | None:
    """'The ministry denied the report, saying ...' / '... and said ...': the previous cue's source."""
    previous = site.previous
    if previous is None:
        return None
    masked, cue = site.masked, site.cue
    joined_by_and = re.search(r"\b(?:and|but)\s*$", site.pieces[-1].text.casefold()) or re.search(
        r"\b(?:and|but)\s*$", masked[site.clause_start : cue.start].casefold()
    )
    if not (PARTICIPLE.search(cue.text.split()[0]) or joined_by_and):
        return None
    source = Segment(previous.source_text, previous.source_start)
    return [Found(site.make(source, site.content_after(), "shared-subject", same_as_previous=True), cue.start)]


def clause_subject_frame(site: CueSite) -> list[Found] | None:
    """'Mr. Schultz supported Democrats for years, and said he did not support ...': a cue in a second
    verb phrase speaks for the subject the clause opened with."""
    participle = PARTICIPLE.search(site.cue.text.split()[0]) and not site.pieces[-1].text.strip()
    if site.previous is not None or not (
        re.search(r"\b(?:and|but)\s*$", site.pieces[-1].text.casefold()) or participle
    ):
        return None  # "Abiy launched the offensive, accusing Tigrayan forces of ...": Abiy accuses
    before = site.masked[: site.clause_start].rstrip()
    if before and before[-1].isalnum():
        return None  # "launched what it called Operation X and said": the clause opens at another cue's object
    opening = site.masked[site.clause_start : site.cue.start]
    subject = leading_noun_phrase(opening.lstrip(), site.lexicon)
    if subject is None or not plausible_source(subject, site.lexicon):
        return None
    start = site.clause_start + len(opening) - len(opening.lstrip())
    source = Segment(subject, start + opening.lstrip().find(subject))
    return [Found(site.make(source, site.content_after(), "clause-subject"), site.cue.start)]


def relative_source_frame(site: CueSite) -> list[Found] | None:
    """'..., added Governor Kovalenko, who said the shelling had lasted four hours.'"""
    pieces = site.pieces
    # "..., who in 2010 said", "..., who have argued": time phrases and auxiliaries stand between
    relative = _without_time_or_auxiliary(pieces[-1].text, site) if len(pieces) >= 2 else ""
    if len(pieces) < 2 or not re.fullmatch(r"\s*(?:who|which)\s*", relative, re.IGNORECASE):
        return None
    whole = strip_leading(pieces[-2], site.words)[0]  # "echoed by a UN official in Goma, who said"
    agent = re.search(r"\bby\s+(.+)$", whole.text)
    if agent:
        whole = Segment(agent.group(1), whole.start + agent.start(1))
    antecedent = whole if np_like(whole.text) and plausible_source(whole.text, site.lexicon) else tail_name(pieces[-2])
    if antecedent is None or not plausible_source(antecedent.text, site.lexicon):
        return None
    channel = channel_of(site.masked, site.cue)
    return [Found(site.make(antecedent, site.content_after(), "relative-source", channel=channel), antecedent.start)]


def _without_time_or_auxiliary(text: str, site: CueSite) -> str:
    words = text.split()
    if len(words) < 2 or words[0].casefold() not in {"who", "which"}:
        return text
    left = strip_trailing(Segment(" ".join(words), 0), site.words).text  # "who have", "who in 2010"
    return left if left.strip().casefold() in {"who", "which"} else text


def relayed_source_frame(site: CueSite) -> list[Found] | None:
    """'TASS, citing the defence ministry, reported ...': the ministry speaks, TASS relays."""
    pieces = site.pieces
    if len(pieces) < 3:
        return None
    relayed = re.match(r"citing\s+(.+)$", pieces[-2].text.strip(), re.IGNORECASE)
    outlet = strip_leading(pieces[-3], site.words)[0]
    if not relayed or not plausible_source(outlet.text, site.lexicon):
        return None
    start = pieces[-2].start + pieces[-2].text.find(relayed.group(1))
    source = Segment(relayed.group(1).strip(), start)
    return [Found(site.make(source, site.content_after(), "relayed-source", channel=outlet.text), pieces[-3].start)]


BARE_CLAUSE_VERBS = shipped_words("words.bare_clause_verbs")
RELATIVE_ASIDE = re.compile(r"(?:who|which)\b", re.IGNORECASE)


def interrupted_subject_frame(site: CueSite) -> list[Found] | None:
    """'UN experts, in a report to the Security Council last year, estimated that ...', 'A military
    source, speaking on condition of anonymity, dismissed the statement': a phrase set off by commas
    between the source and its verb says where, when or how, not who."""
    pieces = site.pieces
    aside = pieces[-2].text.strip() if len(pieces) >= 3 else ""
    # "speaking on condition of anonymity", "reached by phone": an aside about the source
    aside_openings = (*site.words.source_asides, *site.words.source_participles)
    opens_aside = bool(aside) and aside.split()[0].casefold() in aside_openings
    if pieces[-1].text.strip() or not (PREPOSITION_START.match(aside) or opens_aside):
        return None
    if pieces[-2].text.strip().casefold().startswith(("according", "citing")):
        return None  # other frames read these
    source = strip_leading(pieces[-3], site.words)[0]
    content = site.content_after()
    # 'Clinton, at a press briefing, said, "We hold."' (an aside of time or place, not a relative clause)
    quotation = PREPOSITION_START.match(aside) and re.match(r"\s*[,:]\s*(?=[\"“‘])", site.text[site.cue.end :])
    if quotation:
        content = (site.cue.end + quotation.end(), len(site.text))
    elif not site.after[1]:
        return None
    if not source.text.strip() or not plausible_source(source.text, site.lexicon):
        return None
    if (
        site.cue.stance is Stance.ASSERT
        and not quotation
        and not (site.cue.text.casefold() in BARE_CLAUSE_VERBS and not RELATIVE_ASIDE.match(aside))
        and not re.match(r"\s*(?:[\w'’-]+\s+){0,6}?that\b", site.masked[site.cue.end :])
    ):
        # a verb of saying only before a 'that' clause or a quotation, unless it is one whose object is
        # always what was said ('said', 'told') after an aside of place, time or manner (a relative
        # clause is the appositive frame's); a denial's object is what it denies
        return None
    channel = channel_of(site.masked, site.cue)
    mention = pieces[-3].text.strip()  # "Democratic nominee Hillary Clinton"
    found = site.make(source, content, "interrupted-subject", channel=channel, mention=mention)
    return [Found(found, pieces[-3].start)]


def _appositive_mention(site: CueSite, pieces: list[Segment], first: int) -> str:
    """The name with its appositives ('Rep. Gwen Moore (D-Wis.)', 'Phil Smith, a spokesman for the
    union'), without a participle clause that tells what the person was doing."""
    run = [p for p in pieces if p.start >= first]
    # "..., which represents teachers": a relative clause on the organisation, not on the person
    while len(run) > 1 and re.match(r"\s*(?:[\w-]+ing|speaking|which)\b", run[-1].text, re.IGNORECASE):
        run.pop()
    end = run[-1].start + len(run[-1].text.rstrip())
    if site.text[end : end + 1] == ")":
        end += 1
    return strip_leading(Segment(site.text[first:end], first), site.words)[0].text.strip(" ,;")


def appositive_frame(site: CueSite) -> list[Found] | None:
    """'Igor Petrov, a spokesman for the army group, said ...': a name with its description."""
    pieces = site.pieces
    if len(pieces) < 3:
        return None
    run = appositive_run(pieces[:-1], site.lexicon)
    if run is None:
        return None
    source, description, first = run
    _, has_after = site.after
    content = site.content_after() if has_after else fronted_content(site.masked, site.clause_start, first)
    channel = channel_of(site.masked, site.cue)
    mention = _appositive_mention(site, pieces[:-1], first)
    attribution = site.make(
        source, content, "appositive-source", description=description, channel=channel, mention=mention
    )
    return [Found(attribution, first)]


def inverted_frame(site: CueSite) -> list[Found] | None:
    """'"The dam is holding," said Serhiy Voronko, head of the local council.'"""
    if site.cue.stance is not Stance.ASSERT or site.cue.text.casefold().endswith("ing"):
        # "..., dismissed the RSF statement as propaganda", "..., accusing Western countries of failing to
        # act": what follows the verb is its object, not an inverted speaker
        return []
    if site.pieces[-1].text.strip():
        return []  # "... and accused Kyiv of ...": Kyiv is the object, not an inverted subject
    inverted = inverted_source(site.masked, site.cue)
    if inverted is None or not plausible_source(inverted[0].text, site.lexicon):
        return []
    source, description, end = inverted
    content = fronted_content(site.masked, site.clause_start, site.pieces[-1].start)
    mention = site.text[source.start : end].rstrip(" ,.;")
    attribution = site.make(source, content, "inverted-cue", description=description, mention=mention)
    return [Found(attribution, site.pieces[-1].start)]


VERB_FRAMES: tuple[Frame, ...] = (
    passive_frame,
    quoted_as_saying_frame,
    source_before_frame,
    shared_subject_frame,
    clause_subject_frame,
    relative_source_frame,
    relayed_source_frame,
    interrupted_subject_frame,
    appositive_frame,
    inverted_frame,
)


def read_cue(site: CueSite) -> list[Found]:
    """The attributions of one verb cue: the first frame that applies decides."""
    if site.cue.evidence:
        return evidence_frame(site)
    for frame in VERB_FRAMES:
        found = frame(site)
        if found is not None:
            return found
    return []
