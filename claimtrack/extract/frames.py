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
ministry's claim that ...).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

from claimtrack.extract.cues import CueMatch
from claimtrack.extract.dates import find_event_dates
from claimtrack.extract.phrases import (
    ANTECEDENT,
    NP_CHARS,
    NP_DOT,
    Segment,
    Words,
    appositive_run,
    coordinated,
    is_proper_name,
    leading_noun_phrase,
    np_like,
    plausible_source,
    segments,
    split_clause,
    strip_leading,
    strip_trailing,
    tail_name,
    words_of,
)
from claimtrack.lexicon import Lexicon
from claimtrack.models import Attribution, Stance

PARTICIPLE = re.compile(r"ing$", re.IGNORECASE)
TELL_VERBS = frozenset({"tell", "tells", "told", "telling", "brief", "briefed"})
PREPOSITION_START = re.compile(
    r"^(?:on|in|at|during|late|early|later|earlier|last|this|by|from|to|via|after|before|when|"
    r"while|through|over|overnight|today|yesterday|on\s+\w+|citing|in\s+a|with|without|"
    r"shortly|hours|days|weeks|according)\b",
    re.IGNORECASE,
)
CHANNEL = re.compile(
    r"^\s*(?:(?:on|in|at|during|via|through)\s+(?:a|an|the|his|her|its|their)?\s*"
    r"((?:[\w'’-]+\s+){0,3}?(?:address|statement|video|interview|briefing|post|message|speech|broadcast|"
    r"television|TV|marathon|Telegram|Facebook|Twitter|X|Instagram|YouTube|conference|remarks|radio|"
    r"telethon|blog|channel|website)))\b"
)


@dataclass(frozen=True)
class Found:
    """An attribution and where its source phrase begins (the next claim's content ends there)."""

    attribution: Attribution
    segment_start: int


@dataclass(frozen=True)
class CueSite:
    """One verb cue in a sentence: what every verb frame reads."""

    text: str
    masked: str
    cue: CueMatch
    clause_start: int
    previous: Attribution | None
    lexicon: Lexicon

    @cached_property
    def words(self) -> Words:
        return words_of(self.lexicon)

    @cached_property
    def negated(self) -> bool:
        before = self.masked[max(0, self.cue.start - 40) : self.cue.start].casefold()
        tail = " ".join(before.split()[-4:])
        return any(f" {' '.join(n.split())} " in f" {tail} " for n in self.words.negations)

    @cached_property
    def pieces(self) -> list[Segment]:
        """The clause before the cue, cut at commas, colons and quotation marks."""
        return segments(self.masked, self.clause_start, self.cue.start)

    @cached_property
    def subject(self) -> tuple[Segment, str | None]:
        """The noun phrase right before the cue, and a hint that it follows 'a claim' ('a claim
        Kyiv rejected': the content is the sentence's other claim)."""
        last = strip_trailing(self.pieces[-1], self.words)
        antecedent = "sentence" if ANTECEDENT.match(last.text.strip()) else None
        subject, hint = strip_leading(split_clause(last, self.words), self.words)
        modified = postmodified_subject(last, self.words)
        if modified is not None and (modified.participle or not plausible_source(subject.text, self.lexicon)):
            # "Residents reached by phone", or what the clause cut left no source: the whole phrase names
            # them best ("People who reached Sennar"); when it does not read as a source, its head does
            whole = modified.whole
            return (whole if plausible_source(whole.text, self.lexicon) else modified.head), antecedent
        return subject, hint or antecedent

    @cached_property
    def after(self) -> tuple[int, bool]:
        """Where the content after the cue starts, and whether there is any."""
        return after_cue(self.masked, self.cue, len(self.text))

    def content_after(self) -> tuple[int, int]:
        start, has_after = self.after
        return (start, len(self.text)) if has_after else (self.cue.end, len(self.text))

    def make(
        self,
        source: Segment,
        content: tuple[int, int],
        rule: str,
        *,
        description: str | None = None,
        channel: str | None = None,
        target_hint: str | None = None,
        same_as_previous: bool = False,
        mention: str = "",
    ) -> Attribution:
        return make_attribution(
            self.text,
            source,
            self.cue,
            content,
            rule,
            description=description,
            channel=channel,
            target_hint=target_hint,
            negated=self.negated,
            same_as_previous=same_as_previous,
            mention=mention,
        )


Frame = Callable[[CueSite], list[Found] | None]

# "A WHO team that visited the hospital said", "Residents reached by phone said", "Two people familiar with
# the talks said": a noun phrase whose head names who speaks, then what tells which of them
RELATIVE = frozenset({"who", "that"})
NOT_RELATIVE_VERBS = frozenset({"the", "a", "an", "its", "his", "her", "their", "our", "this", "these", "those"})
SPEAKING_HEADS = frozenset({"team", "people", "group"})


@dataclass(frozen=True)
class Postmodified:
    whole: Segment  # "People who reached Sennar"
    head: Segment  # "People"
    participle: bool  # "reached by phone", not "who ..."


def postmodified_subject(last: Segment, words: Words) -> Postmodified | None:
    """The head noun phrase of a subject followed by a relative clause or a participle phrase, when its
    head is a noun that can speak, and whether a participle followed it; 'the barrage that officials
    said' (a source inside the clause) is not one."""
    text = last.text.lstrip()
    start = last.start + len(last.text) - len(text)
    tokens_ = text.split()
    for size in range(1, min(6, len(tokens_) - 1) + 1):
        head, following = tokens_[size - 1], tokens_[size]
        if head.casefold() not in words.role_nouns | SPEAKING_HEADS:
            continue
        if following in RELATIVE:  # lower case: "WHO" is an agency
            verb = tokens_[size + 1].casefold() if size + 1 < len(tokens_) else ""
            if not verb or verb in NOT_RELATIVE_VERBS or verb in words.role_nouns or not verb.isalpha():
                return None  # "the claim that the ministry said", "reports that officials said"
            participle = False
        elif following.casefold() in words.source_participles and following.islower():
            participle = True
        else:
            continue
        head_np = Segment(" ".join(tokens_[:size]), start)
        whole = text.rstrip(" ,;")
        return Postmodified(Segment(whole, start) if len(whole.split()) <= 8 else head_np, head_np, participle)
    return None


def make_attribution(
    text: str,
    source: Segment,
    cue: CueMatch,
    content: tuple[int, int],
    rule: str,
    *,
    description: str | None = None,
    channel: str | None = None,
    target_hint: str | None = None,
    negated: bool = False,
    same_as_previous: bool = False,
    mention: str = "",
) -> Attribution:
    start, end = content
    return Attribution(
        source_text=source.text.strip(),
        cue=cue.text,
        cue_start=cue.start,
        content=text[start:end].strip(" ,.;"),
        content_start=start,
        content_end=end,
        rule=rule,
        source_start=source.start,
        description=description,
        channel=channel,
        target_hint=target_hint,
        negated=negated,
        same_as_previous=same_as_previous,
        mention=mention if mention != source.text.strip() else "",
    )


# --- what surrounds the cue -------------------------------------------------


def after_cue(masked: str, cue: CueMatch, limit: int) -> tuple[int, bool]:
    """Where the content after the cue starts, and whether there is any."""
    after = masked[cue.end : limit]
    offset = 0
    if cue.text.casefold() in TELL_VERBS:
        recipient = re.match(
            r"^\s+(?:(?:the|a|an|national|state|local|news|foreign|[\w-]+'s)\s+)*"
            r"(?:[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*|reporters|journalists|television|TV|radio|media|"
            r"council|briefing|conference|parliament|lawmakers|diplomats|correspondents)\b",
            after,
        )
        offset = recipient.end() if recipient else 0
    rest = after[offset:]
    that = re.search(r"\bthat\b", rest)
    if that:
        between = rest[: that.start()].strip(" ,")
        between = re.sub(
            r"^(?:however|also|meanwhile|too|though|moreover|separately|further|again)\b[ ,]*",
            "",
            between,
            flags=re.IGNORECASE,
        )
        if not between or (
            PREPOSITION_START.match(between)
            and len(between.split()) <= 12
            and '"' not in between
            and "\u201c" not in between
        ):
            return cue.end + offset + that.end(), True
    stripped = rest.strip()
    when = find_event_dates(stripped, None)
    if when and when[0].start <= 3 and len(stripped) > when[0].end + 2:
        # "said on Thursday its troops had withdrawn": the content follows the time adjunct
        following = stripped[when[0].end :].lstrip(" ,")
        if following and not PREPOSITION_START.match(following) and not following.startswith((".", ";")):
            return cue.end + offset + (len(rest) - len(following)), True
    infinitive = re.match(r"^\s*to\s+(?:have\s+)?", rest)
    if infinitive and not re.match(r"^\s*to\s+(?:reporters|journalists|the|a|an|[A-Z])", rest):
        return cue.end + offset + infinitive.end(), True
    if not stripped or stripped[0] in ",.;" or (PREPOSITION_START.match(stripped) and (len(stripped.split()) < 12)):
        return cue.end + offset, False
    return cue.end + offset + (len(rest) - len(rest.lstrip())), True


def channel_of(masked: str, cue: CueMatch) -> str | None:
    """'said in his evening address', 'wrote on Telegram', 'told Reuters': where it was said."""
    after = masked[cue.end : cue.end + 80]
    match = CHANNEL.match(after)
    if match:
        return match.group(1).strip()
    if cue.text.casefold() in TELL_VERBS:
        recipient = re.match(r"^\s+((?:the\s+)?[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*)", after)
        if recipient and recipient.group(1).split()[-1] not in {"President", "Prime"}:
            return recipient.group(1)
    return None


QUOTATION_ONLY = re.compile(r'["\u201c]_*["\u201d]|_+["\u201d]')


def quote_first(masked: str, clause_start: int, segment_start: int) -> bool:
    """'"We hold the line," the commander said': only a quotation (or the end of one that began in
    an earlier sentence) precedes the source."""
    before = masked[clause_start:segment_start].strip(" ,")
    return len(before) >= 2 and QUOTATION_ONLY.fullmatch(before) is not None


def fronted_content(masked: str, clause_start: int, segment_start: int) -> tuple[int, int]:
    end = segment_start
    while end > clause_start and masked[end - 1] in " ,":
        end -= 1
    return clause_start, end


def passive_agent(masked: str, cue: CueMatch) -> Segment | bool | None:
    """For 'were reported ... by X' return X; False when the cue is not passive ('is warning' is
    progressive); None when agentless."""
    if cue.text.casefold().endswith("ing"):
        return False
    before = masked[: cue.start].rstrip().casefold()
    if not re.search(r"\b(?:was|were|is|are|been|being|be)(?:\s+\w+ly|\s+first|\s+also)?$", before):
        return False
    agent = re.search(
        r"\bby\s+((?:[\w'’.-]+\s?){1,10}?)(?=\s*[,.;]|\s*\b(?:of\s+\w+ing|as|on|at|for|in\s+(?:a|an|the)\s+\w+\s+(?:on|in))\b|$)",
        masked[cue.end :],
    )
    if not agent:
        return None
    start = cue.end + agent.start(1)
    return Segment(masked[start : cue.end + agent.end(1)].strip().rstrip(".,;"), start)


KEEPS_ITS_DOT = frozenset({"jr", "sr", "inc", "co", "corp", "ltd", "bros"})


def _without_final_dot(name: str) -> str:
    """'said Caddell.': the sentence's full stop is not part of the name ('Jr.', 'U.S.', 'J.' keep theirs)."""
    if not name.endswith(".") or name.endswith(".."):
        return name
    last = name.rstrip(".").rsplit(None, 1)[-1]
    if len(last) <= 1 or "." in last or last.casefold() in KEEPS_ITS_DOT:
        return name
    return name[:-1]


INVERTED_NAME = re.compile(
    r"\s+((?:(?>[\w'’.-]+)\s?){1,9}?)"  # atomic words: "G.K." is not cut back to "G.K"
    r"(?=\s*[,;(]|\.(?:\s|$)|\s*\b(?:on|in|at|during|who|of|from)\b|$)"
)
# "said a spokesman for the eastern group of forces": a description runs on through "of"
INVERTED_DESCRIPTION = re.compile(
    r"\s+((?:(?>[\w'’.-]+)\s?){1,9}?)(?=\s*[,;(]|\.(?:\s|$)|\s*\b(?:on|in|at|during|who)\b|$)"
)
APPOSITION = re.compile(
    r"(?:\s*\([^()]{1,30}\))?(?:\s*\b(?:of|from)\s+(?:the\s+)?[A-Z][^,.;()]{0,60})?"
    rf"(?:\s*,\s*((?:{NP_DOT}|[^,.;])+))?"
)


def inverted_source(masked: str, cue: CueMatch) -> tuple[Segment, str | None, int] | None:
    """'..., said Oleksiy Gromov, a senior officer ...' -> the name, its description, and where the
    whole mention ends (a party label, 'of the Virgin Islands' and an appositive are part of it)."""
    match = INVERTED_NAME.match(masked[cue.end :])
    if match and not is_proper_name(match.group(1)):
        match = INVERTED_DESCRIPTION.match(masked[cue.end :])
    if not match:
        return None
    start = cue.end + match.start(1)
    name = Segment(_without_final_dot(masked[start : cue.end + match.end(1)].strip()), start)
    end = name.start + len(name.text)
    apposition = APPOSITION.match(masked, cue.end + match.end(1))
    description: str | None = None
    if apposition and apposition.end() > apposition.start():
        end = apposition.end()
        description = apposition.group(1).strip() if apposition.group(1) else None
    return name, description, end


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
    if not subject.text:
        return None
    sources = coordinated(subject, site.pieces[:-1], site.words, site.lexicon)
    if not all(plausible_source(s.text, site.lexicon) for s in sources):
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
    mention = ""
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
    if len(pieces) < 2 or not re.fullmatch(r"\s*(?:who|which)\s*", pieces[-1].text, re.IGNORECASE):
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


def interrupted_subject_frame(site: CueSite) -> list[Found] | None:
    """'UN experts, in a report to the Security Council last year, estimated that ...', 'A military
    source, speaking on condition of anonymity, dismissed the statement': a phrase set off by commas
    between the source and its verb says where, when or how, not who."""
    pieces = site.pieces
    aside = pieces[-2].text.strip() if len(pieces) >= 3 else ""
    opens_aside = aside.split()[0].casefold() in site.words.source_asides if aside else False
    if pieces[-1].text.strip() or not (PREPOSITION_START.match(aside) or opens_aside):
        return None
    if pieces[-2].text.strip().casefold().startswith(("according", "citing")):
        return None  # other frames read these
    source = strip_leading(pieces[-3], site.words)[0]
    _, has_after = site.after
    if not has_after or not source.text.strip() or not plausible_source(source.text, site.lexicon):
        return None
    if site.cue.stance is Stance.ASSERT and not re.match(
        r"\s*(?:[\w'’-]+\s+){0,6}?that\b", site.masked[site.cue.end :]
    ):
        return None  # a verb of saying only before a 'that' clause; a denial's object is what it denies
    channel = channel_of(site.masked, site.cue)
    return [Found(site.make(source, site.content_after(), "interrupted-subject", channel=channel), pieces[-3].start)]


def _appositive_mention(site: CueSite, pieces: list[Segment], first: int) -> str:
    """The name with its appositives ('Rep. Gwen Moore (D-Wis.)', 'Phil Smith, a spokesman for the
    union'), without a participle clause that tells what the person was doing."""
    run = [p for p in pieces if p.start >= first]
    while len(run) > 1 and re.match(r"\s*(?:[\w-]+ing|speaking)\b", run[-1].text, re.IGNORECASE):
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
    if site.cue.stance is not Stance.ASSERT:
        return []  # "..., dismissed the RSF statement as propaganda": what follows is the object
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


EVIDENCE_OWNER_AFTER = re.compile(
    r"\b(?:published|released|posted|shared|analy[sz]ed|compiled|provided|obtained|reviewed|geolocated|"
    r"verified|collected|produced|issued|made)?\s*(?:by|from)\s+(.+)$",
    re.IGNORECASE,
)


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


def read_cue(site: CueSite) -> list[Found]:
    """The attributions of one verb cue: the first frame that applies decides."""
    if site.cue.evidence:
        return evidence_frame(site)
    for frame in VERB_FRAMES:
        found = frame(site)
        if found is not None:
            return found
    return []


# --- frames that start from other cues ----------------------------------------


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
        if not plausible_source(source.text, lexicon) or source.text.casefold().startswith(
            ("preliminary", "reports", "data", "the data", "sources familiar")
        ):
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
