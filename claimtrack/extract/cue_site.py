"""One verb cue in its sentence, as every attribution frame reads it.

`CueSite` holds the cue with the sentence's quotations masked and the clause before it; `Found`
is what a frame returns (an attribution and where its source phrase begins). The helpers read
what surrounds a cue: where the content after it starts, the channel ("said in his evening
address", "told Reuters"), a quotation before the source, fronted content, a passive's agent
and an inverted source ("..., said Serhiy Voronko, head of the council"). The frames
themselves live in frames.py (verb cues) and cue_frames.py (evidence and other cues).
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
    NP_DOT,
    PRONOUNS,
    Segment,
    Words,
    is_proper_name,
    plausible_source,
    segments,
    split_clause,
    strip_leading,
    strip_trailing,
    words_of,
)
from claimtrack.lexicon import Lexicon, shipped_alternation, shipped_words
from claimtrack.models import Attribution

TELL_VERBS = shipped_words("words.tell_verbs")
PREPOSITION_START = re.compile(
    r"^(?!at\s+(?:least|most)\b|over\s+\d|by\s+far\b)"  # "said at least 40 homes ...": a count, not an adjunct
    r"(?:on|in|at|during|late|early|later|earlier|last|this|by|from|to|via|after|before|when|"
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
        subject = _after_what(subject)
        modified = self.postmodified
        if modified is not None and (modified.participle or not plausible_source(subject.text, self.lexicon)):
            # "Residents reached by phone", or what the clause cut left no source: the whole phrase names
            # them best ("People who reached Sennar"); when it does not read as a source, its head does
            whole = modified.whole
            return (whole if plausible_source(whole.text, self.lexicon) else modified.head), antecedent
        return subject, hint or antecedent

    @cached_property
    def postmodified(self) -> Postmodified | None:
        """The subject as a head noun phrase with a relative clause or participle after it, if it is one."""
        return postmodified_subject(strip_trailing(self.pieces[-1], self.words), self.words)

    @cached_property
    def subject_mention(self) -> str:
        """The whole subject when the source is only its head: 'Some residents who had stayed under
        rebel rule' names the residents (their side is not read from the clause)."""
        modified = self.postmodified
        if modified is None or modified.head != self.subject[0]:
            return ""
        return modified.whole.text

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
RELATIVE = shipped_words("words.relative")
NOT_RELATIVE_VERBS = shipped_words("words.not_relative_verbs")
SPEAKING_HEADS = shipped_words("words.speaking_heads")


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


def _after_what(subject: Segment) -> Segment:
    """'The gap between what Trump says ...': the name after a free relative 'what' says it; a pronoun
    there ('at what he said was the gate') is left to the frames that read asides."""
    match = re.search(r"\bwhat\s+(\S.*)$", subject.text, re.IGNORECASE)
    if match is None or match.group(1).strip().casefold() in PRONOUNS:
        return subject
    return Segment(match.group(1), subject.start + match.start(1))


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
            rf"^(?:{shipped_alternation('words.aside_adverbs')})\b[ ,]*",
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


def evidence_participle(masked: str, cue: CueMatch, lexicon: Lexicon) -> bool:
    """'Videos posted on social media showed ...': a participle right after a piece of evidence says
    where it came from (the evidence posts nothing), and the clause goes on to the verb after it."""
    words = masked[: cue.start].split()
    nouns = {n.casefold() for n in lexicon.words("evidence_nouns", "words")}
    return bool(words) and words[-1].casefold() in nouns and cue.text.casefold().endswith("ed")


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


KEEPS_ITS_DOT = shipped_words("words.keeps_its_dot")


def _without_final_dot(name: str) -> str:
    """'said Caddell.': the sentence's full stop is not part of the name ('Jr.', 'U.S.', 'J.' keep theirs)."""
    if not name.endswith(".") or name.endswith(".."):
        return name
    last = name.rstrip(".").rsplit(None, 1)[-1]
    if len(last) <= 1 or "." in last or last.casefold() in KEEPS_ITS_DOT:
        return name
    return name[:-1]


INVERTED_NAME = re.compile(
    r"\s+((?:(?>[\w'’./-]+)\s?){1,9}?)"  # atomic words: "G.K." is not cut back to "G.K"; "9/11 widow"
    r"(?=\s*[,;(]|\.(?:\s|$)|\s*\b(?:on|in|at|during|who|of|from)\b|$)"
)
# "said a spokesman for the eastern group of forces": a description runs on through "of"
INVERTED_DESCRIPTION = re.compile(
    r"\s+((?:(?>[\w'’./-]+)\s?){1,9}?)(?=\s*[,;(]|\.(?:\s|$)|\s*\b(?:on|in|at|during|who)\b|$)"
)
# "a surgeon at the CBCA Ndosho hospital", not "a spokesman in a statement" (a channel, not a place)
NOT_IN_A_PLACE = shipped_words("words.not_in_a_place")
INVERTED_DESCRIPTION_AND_PLACE = re.compile(
    r"\s+((?:(?!(?:who|which|that|when|after|as)\b)(?>[\w'’./-]+)\s?){1,5}?\s*\b(?:at|in|near)\s+(?!an?\b)"
    r"[^,;.()\"“”]{1,60}?)"
    r"(?=\s*[,;(]|\.(?:\s|$)|$)"
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
        # "said a surgeon at the city hospital, who ...": the place tells which surgeon
        placed = INVERTED_DESCRIPTION_AND_PLACE.match(masked[cue.end :])
        if placed and not NOT_IN_A_PLACE.intersection(placed.group(1).casefold().split()):
            match = placed
        else:
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
    relative = CLOSING_RELATIVE.match(masked, end)
    if relative and description is not None:
        end = relative.end()  # "said Tim Hess, a developer, who introduced him to bankers.": the person's own clause
    return name, description, end


# a relative clause on a person that closes the sentence, with no clause of its own after it
CLOSING_RELATIVE = re.compile(r"\s*,\s*who\s[^,;:()]+?(?=\.?\s*$)")
