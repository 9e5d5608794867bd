"""Attribution frames: a cue, the source mention it names, and the content it reports.

Pattern: the source stands before the cue nine times in ten
(`Ukraine's navy said it had sunk a landing ship.`). The other frames are
inverted (`"The dam is holding," said Serhiy Voronko, head of the council.`),
prepositional (`..., according to officials installed by Moscow.`), passive
with an agent (`were first reported on Tuesday by the governor`), appositive
(`Igor Petrov, a spokesman for the army group, said ...`), relative
(`..., a claim Kyiv swiftly rejected.`), participial (`..., saying ...`),
coordinated (`U.S., South Korean, and Ukrainian intelligence indicated ...`)
and possessive noun cues (`the ministry's claim that ...`).

Everything here works on one sentence with its quotations masked, so words
inside quotes are never read as cues or sources. Resolving pronouns and names
to actors is actors.py's job.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache

from claimtrack.extract.cues import CueMatch, find_cues
from claimtrack.extract.dates import find_event_dates
from claimtrack.extract.quotes import mask_quotes, quote_spans
from claimtrack.lexicon import Lexicon
from claimtrack.models import Attribution, Stance

PRONOUNS = frozenset({"he", "she", "it", "they", "we"})
CONNECTORS = (
    "and",
    "but",
    "while",
    "whereas",
    "as",
    "after",
    "before",
    "since",
    "when",
    "though",
    "although",
    "because",
    "which",
    "who",
    "that",
    "with",
    "then",
    "meanwhile",
    "however",
    "additionally",
    "furthermore",
    "moreover",
    "separately",
    "also",
    "so",
    "yet",
    "if",
    "once",
    "both",
    "where",
    "until",
    "whom",
    "even",
    "only",
    "instead",
    "later",
    "earlier",
)
SPLIT_WORDS = (
    "that",
    "which",
    "after",
    "when",
    "while",
    "whereas",
    "because",
    "although",
    "though",
    "since",
    "but",
    "with",
    "as",
    "where",
    "if",
    "until",
    "before",
)
ANTECEDENT = re.compile(
    r"^(?:a|an|the)\s+(?:claim|claims|charge|charges|loss|accusation|accusations|report|reports|"
    r"statement|assertion|allegation|allegations|version|account|figure|figures|advance|capture)"
    r"(?:\s+(?:that|which))?\s+",
    re.IGNORECASE,
)
PARTICIPLE = re.compile(r"ing$", re.IGNORECASE)
TELL_VERBS = frozenset({"tell", "tells", "told", "telling", "brief", "briefed"})
PREPOSITION_START = re.compile(
    r"^(?:on|in|at|during|late|early|later|earlier|last|this|by|from|to|via|after|before|when|"
    r"while|through|over|overnight|today|yesterday|on\s+\w+|citing|in\s+a|with|without|"
    r"shortly|hours|days|weeks|according)\b",
    re.IGNORECASE,
)
TITLE_WORDS = frozenset(
    [
        "president",
        "prime",
        "minister",
        "deputy",
        "defence",
        "defense",
        "foreign",
        "interior",
        "governor",
        "mayor",
        "general",
        "lt",
        "lt.",
        "gen",
        "gen.",
        "col",
        "col.",
        "colonel",
        "major",
        "brigadier",
        "admiral",
        "rear",
        "vice",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "commander",
        "chief",
        "head",
        "acting",
        "regional",
        "senior",
        "top",
        "ambassador",
        "ground",
        "forces",
        "military",
        "army",
        "navy",
        "air",
        "force",
        "mr",
        "mr.",
        "mrs",
        "mrs.",
        "ms",
        "ms.",
        "dr",
        "dr.",
        "sir",
        "lord",
        "gov",
        "gov.",
        "sen",
        "sen.",
        "rep",
        "rep.",
        "secretary",
        "director",
        "envoy",
        "adviser",
        "advisor",
        "aide",
        "leader",
        "lieutenant",
        "captain",
        "sergeant",
        "kremlin",
        "ministry",
        "city",
        "local",
        "state",
    ]
)


@dataclass(frozen=True)
class _Segment:
    text: str
    start: int


@dataclass(frozen=True)
class _Words:
    adverbs: frozenset[str]
    negations: tuple[str, ...]
    not_source_heads: frozenset[str]
    role_nouns: frozenset[str]
    side_words: frozenset[str]


@cache
def _words(lexicon: Lexicon) -> _Words:
    sides = frozenset(w.casefold() for words in lexicon.sides.values() for w in words)
    return _Words(
        adverbs=frozenset(w.casefold() for w in lexicon.words("adverbs")),
        negations=tuple(w.casefold() for w in lexicon.words("negations")),
        not_source_heads=frozenset(w.casefold() for w in lexicon.words("not_source_heads", "words")),
        role_nouns=frozenset(w.casefold() for w in lexicon.words("role_nouns", "words")),
        side_words=sides,
    )


# --- noun phrase tests -----------------------------------------------------


def _tokens(text: str) -> list[str]:
    return re.findall(r"[\w’'.-]+", text)


def is_proper_name(text: str) -> bool:
    """'Valery Gerasimov', 'General Valery Zaluzhnyi': every word capitalised."""
    words = _tokens(text)
    return 1 <= len(words) <= 6 and all(w[0].isupper() or w in {"al-", "bin", "de", "van", "von"} for w in words)


def _head(text: str) -> str:
    words = _tokens(text)
    return words[-1].casefold().strip(".") if words else ""


def plausible_source(text: str, lexicon: Lexicon) -> bool:
    """Could this noun phrase be who said something (rather than what was said)?"""
    words = _tokens(text)
    if not words or len(words) > 16 or "_" in text:
        return False
    lowered = [w.casefold().strip(".") for w in words]
    if len(words) == 1 and lowered[0] in PRONOUNS:
        return True
    vocab = _words(lexicon)
    if lowered[-1] in vocab.not_source_heads or FINITE_VERB.search(text):
        return False
    if any(w[0].isupper() for w in words) or lexicon.actor_named(text) is not None:
        return True
    return any(w in vocab.role_nouns for w in lowered)


# --- segments --------------------------------------------------------------


def _segments(masked: str, start: int, end: int) -> list[_Segment]:
    """Comma, semicolon, colon and quotation delimited pieces of masked[start:end]."""
    pieces: list[_Segment] = []
    cursor = start
    for match in re.finditer(r"[,;:()\u201c\u201d\"\u2014\u2013]|\s[-\u2014]\s", masked[start:end]):
        pieces.append(_Segment(masked[cursor : start + match.start()], cursor))
        cursor = start + match.end()
    pieces.append(_Segment(masked[cursor:end], cursor))
    return pieces


def _strip_trailing(segment: _Segment, words: _Words) -> _Segment:
    text = segment.text.rstrip()
    while True:
        match = re.search(r"(?:^|\s)([\w'’-]+)$", text)
        if not match or (
            match.group(1).casefold() not in words.adverbs and match.group(1).casefold() not in {"not", "never", "n't"}
        ):
            return _Segment(text, segment.start)
        text = text[: match.start()].rstrip()


def _strip_leading(segment: _Segment) -> tuple[_Segment, str | None]:
    """Drop connectors, time phrases and antecedents ('a claim') before a source."""
    text, start, hint = segment.text, segment.start, None
    changed = True
    while changed:
        changed = False
        stripped = text.lstrip()
        start += len(text) - len(stripped)
        text = stripped
        antecedent = ANTECEDENT.match(text)
        if antecedent:
            hint = "sentence"
            start, text, changed = start + antecedent.end(), text[antecedent.end() :], True
            continue
        mentions = find_event_dates(text, None)
        if mentions and mentions[0].start == 0:
            start, text, changed = start + mentions[0].end, text[mentions[0].end :], True
            continue
        connector = re.match(
            r"^(?:(?:a|one|two|several|some)\s+(?:day|days|hour|hours|week|weeks)\s+(?:after|later|"
            r"before)|hours\s+(?:after|later)|in\s+response|" + "|".join(CONNECTORS) + r")\b",
            text,
            re.IGNORECASE,
        )
        if connector:
            start, text, changed = start + connector.end(), text[connector.end() :], True
    return _Segment(text.rstrip(), start), hint


def _split_clause(segment: _Segment) -> _Segment:
    """Keep what follows the last subordinating word: 'barrage that [Ukrainian officials]'."""
    pattern = r"\b(?:" + "|".join(SPLIT_WORDS) + r")\s+"
    last = None
    for match in re.finditer(pattern, segment.text, re.IGNORECASE):
        last = match
    if last is None:
        return segment
    return _Segment(segment.text[last.end() :], segment.start + last.end())


def _coordinated(segment: _Segment, previous: list[_Segment], words: _Words) -> list[_Segment]:
    """'both Moscow and Kyiv' -> two sources; 'U.S., British and Polish officials' -> three."""
    text = re.sub(r"^\s*both\s+", "", segment.text, flags=re.IGNORECASE)
    offset = segment.start + len(segment.text) - len(text)
    items = [
        _Segment(m.group(0), offset + m.start()) for m in re.finditer(r"[^,]+?(?=\s+and\s+|$)|(?<=and\s)[^,]+$", text)
    ]
    items = [i for i in (_Segment(re.sub(r"^\s*and\s+", "", i.text).strip(), i.start) for i in items) if i.text]
    parts = re.split(r"\s+and\s+", text.strip())
    if len(parts) == 2 and all(is_proper_name(p) and len(_tokens(p)) <= 4 for p in parts):
        second = text.rfind(parts[1])
        return [_Segment(parts[0], offset), _Segment(parts[1], offset + second)]
    modifiers: list[_Segment] = []
    for piece in reversed(previous):
        bare = re.sub(r"^\s*and\s+", "", piece.text).strip()
        if bare.casefold() in words.side_words:
            modifiers.insert(0, _Segment(bare, piece.start + piece.text.find(bare)))
        else:
            break
    if len(parts) > 1 and all(p.casefold() in words.side_words for p in parts[:-1]):
        for part in parts[:-1]:
            modifiers.append(_Segment(part, offset + text.find(part)))
        last_part = parts[-1]
    else:
        last_part = text.strip() if len(parts) == 1 else ""
    if not modifiers or not last_part:
        return [segment]
    match = re.match(r"^(\S+(?:\s+Korean|\s+Kingdom|\s+States)?)\s+(\S.*)$", last_part)
    if not match or match.group(1).casefold() not in words.side_words:
        return [segment]
    head_noun = match.group(2)
    own = _Segment(last_part, offset + text.rfind(last_part))
    return [*[_Segment(f"{m.text} {head_noun}", m.start) for m in modifiers], own]


APPOSITIVE_START = re.compile(
    r"^(?:a|an|the|who|which|his|her|its|their|one\s+of|speaking|[\w-]+ing|based|himself|herself|"
    r"formerly|previously|now|then|also)\b",
    re.IGNORECASE,
)
FINITE_VERB = re.compile(r"\b(?:was|were|is|are|has|have|had|will|would|did|does)\b", re.IGNORECASE)
CHANNEL = re.compile(
    r"^\s*(?:(?:on|in|at|during|via|through)\s+(?:a|an|the|his|her|its|their)?\s*"
    r"((?:[\w'’-]+\s+){0,3}?(?:address|statement|video|interview|briefing|post|message|speech|broadcast|"
    r"television|TV|marathon|Telegram|Facebook|Twitter|X|Instagram|YouTube|conference|remarks|radio|"
    r"telethon|blog|channel|website)))\b"
)


def _channel(masked: str, cue: CueMatch) -> str | None:
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


def _tail_name(segment: _Segment) -> _Segment | None:
    """The proper name that ends a segment: '... came from Oleh Kiper' -> 'Oleh Kiper'."""
    match = re.search(r"((?:[A-Z][\w'’.-]*\s+){0,5}[A-Z][\w'’.-]*)\s*$", segment.text)
    if not match:
        return None
    return _Segment(match.group(1).strip(), segment.start + match.start(1))


def _np_like(text: str) -> bool:
    stripped = text.strip()
    words = stripped.split()
    if not words or len(words) > 14:
        return False
    if APPOSITIVE_START.match(stripped):
        return not FINITE_VERB.search(stripped) or stripped.casefold().startswith(("who ", "which "))
    return is_proper_name(stripped) or (
        not FINITE_VERB.search(stripped) and len(words) <= 8 and bool(re.match(r"^[A-Z]", stripped))
    )


def _appositive_run(pieces: list[_Segment], lexicon: Lexicon) -> tuple[_Segment, str] | None:
    """'Igor Petrov, a spokesman for the army group, who visited the front, said': the head noun
    phrase and its appositives; the source is the proper name among them, else the head."""
    run: list[_Segment] = []
    for piece in reversed(pieces):
        if not _np_like(piece.text) or len(run) == 4:
            break
        run.insert(0, piece)
    while (
        run
        and APPOSITIVE_START.match(run[0].text.strip())
        and not re.match(r"^(?:the|a|an|his|her|its|their)\b", run[0].text.strip(), re.IGNORECASE)
    ):
        run.pop(0)  # a run cannot start with a relative or participle clause
    if len(run) < 2:
        return None
    head = _strip_leading(run[0])[0]
    if not plausible_source(head.text, lexicon):
        return None
    candidates = [head] + [_Segment(p.text.strip(), p.start + len(p.text) - len(p.text.lstrip())) for p in run[1:]]
    named = [c for c in candidates if is_proper_name(c.text) or lexicon.actor_named(c.text) is not None]
    source = named[0] if named else head
    if source.text.casefold().startswith(("who ", "which ", "speaking")):
        source = head
    description = "; ".join(c.text for c in candidates if c is not source)
    return source, description


def _run_start(pieces: list[_Segment], source: _Segment) -> int:
    starts = [p.start for p in pieces if p.start <= source.start]
    run_first = starts[-1] if starts else source.start
    for piece in reversed(pieces):
        if piece.start <= source.start and _np_like(piece.text):
            run_first = piece.start
        elif piece.start < source.start:
            break
    return run_first


# --- content ---------------------------------------------------------------


def _after_cue(masked: str, cue: CueMatch, limit: int) -> tuple[int, bool]:
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


def _inverted_source(text: str, masked: str, cue: CueMatch) -> tuple[_Segment, str | None] | None:
    """'..., said Oleksiy Gromov, a senior officer ...' -> the name and its description."""
    match = re.match(r"\s+((?:[\w'’.-]+\s?){1,9}?)(?=\s*[,.;]|\s+(?:on|in|at|during|who)\b|$)", masked[cue.end :])
    if not match:
        return None
    start = cue.end + match.start(1)
    name = _Segment(masked[start : cue.end + match.end(1)].strip(), start)
    rest = masked[cue.end + match.end(1) :]
    description: str | None = None
    apposition = re.match(r"\s*,\s*([^,.;]+)", rest)
    if apposition:
        description = apposition.group(1).strip()
    return name, description


@dataclass(frozen=True)
class _Found:
    attribution: Attribution
    segment_start: int


def _make(
    text: str,
    source: _Segment,
    cue: CueMatch,
    content: tuple[int, int],
    rule: str,
    *,
    description: str | None = None,
    channel: str | None = None,
    target_hint: str | None = None,
    negated: bool = False,
    same_as_previous: bool = False,
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
    )


def _negated(masked: str, cue: CueMatch, words: _Words) -> bool:
    before = masked[max(0, cue.start - 40) : cue.start].casefold()
    tail = " ".join(before.split()[-4:])
    return any(re.search(rf"(?:^|\s){re.escape(n)}(?:\s|$)", f" {tail} ") for n in words.negations)


def _passive_agent(masked: str, cue: CueMatch) -> _Segment | bool | None:
    """For 'were reported ... by X' return X; False when the cue is not passive; None when agentless."""
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
    return _Segment(masked[start : cue.end + agent.end(1)].strip().rstrip(".,;"), start)


def _according_to(text: str, masked: str, lexicon: Lexicon) -> list[_Found]:
    phrases = lexicon.words("prepositional", "according")
    if not phrases:
        return []
    pattern = re.compile(r"\b(?:" + "|".join(re.escape(p) for p in phrases) + r")\s+", re.IGNORECASE)
    found = []
    for match in pattern.finditer(masked):
        tail = masked[match.end() :]
        np = re.match(r"[^,.;:]+", tail)
        if not np:
            continue
        source = _Segment(np.group(0).strip(), match.end())
        source = _Segment(re.split(r"\s+(?:though|but|which|who|while|and\s+that)\b", source.text)[0], source.start)
        if not plausible_source(source.text, lexicon) or source.text.casefold().startswith(
            ("preliminary", "reports", "data", "the data", "sources familiar")
        ):
            continue
        before = masked[: match.start()].rstrip(" ,")
        if before.strip():
            clause_start = 0
            content = (clause_start, len(before))
        else:
            end = match.end() + np.end()
            apposition = re.match(r",\s*(?:the|a|an)\s[^,.;]+,", masked[end:])
            if apposition:
                end += apposition.end()
            content = (end, len(text))
        cue = CueMatch(match.group(0).strip(), match.start(), match.end(), Stance.ASSERT)
        channel = None
        if match.group(0).casefold().startswith("citing") and before.strip():
            continue
        found.append(_Found(_make(text, source, cue, content, "according-to", channel=channel), match.start()))
    return found


def _possessive_noun_cues(text: str, masked: str, lexicon: Lexicon) -> list[_Found]:
    """'the ministry's claim that ...': the possessor is the source."""
    nouns = "|".join(re.escape(n) for n in lexicon.words("nouns"))
    found = []
    for match in re.finditer(rf"['’]s?\s+({nouns})\s+that\b", masked, re.IGNORECASE):
        head = re.search(r"((?:[\w.-]+\s+){0,4}[\w.-]+)$", masked[max(0, match.start() - 80) : match.start()])
        if head is None:
            continue
        start = match.start() - len(head.group(1))
        source, _ = _strip_leading(_Segment(head.group(1), start))
        source, _ = _strip_leading(_split_clause(source))
        if not plausible_source(source.text, lexicon):
            continue
        cue = CueMatch(match.group(1), match.start(1), match.end(1), Stance.ASSERT)
        found.append(_Found(_make(text, source, cue, (match.end(), len(text)), "noun-cue"), start))
    return found


def _quote_first(masked: str, clause_start: int, segment_start: int) -> bool:
    """'"We hold the line," the commander said': only a quotation precedes the source."""
    before = masked[clause_start:segment_start].strip(" ,")
    marks = sum(before.count(q) for q in '"\u201c\u201d')
    return len(before) >= 2 and before[0] in '"\u201c' and before[-1] in '"\u201d' and marks == 2


def _fronted_content(masked: str, clause_start: int, segment_start: int) -> tuple[int, int]:
    end = segment_start
    while end > clause_start and masked[end - 1] in " ,":
        end -= 1
    return clause_start, end


def _attribute_cue(
    text: str, masked: str, cue: CueMatch, clause_start: int, previous: Attribution | None, lexicon: Lexicon
) -> list[_Found]:
    words = _words(lexicon)
    limit = len(text)
    negated = _negated(masked, cue, words)
    agent = _passive_agent(masked, cue)
    if agent is None:
        return []  # agentless passive: "were reported killed"
    if isinstance(agent, _Segment):
        head = re.match(
            r"(.*?)\b(?:was|were|is|are|has been|have been|had been)\b", masked[clause_start : cue.start], re.IGNORECASE
        )
        content_end = clause_start + (head.end(0) - len(head.group(0)) + len(head.group(1)) if head else 0)
        content = (clause_start, content_end) if head else (cue.end, limit)
        after_agent = re.match(r"\s*(?:of|as saying(?:\s+that)?)\s+", masked[agent.start + len(agent.text) :])
        if after_agent:
            content = (agent.start + len(agent.text) + after_agent.end(), limit)
        if cue.text.casefold() == "quoted" and head:
            # "The minister was quoted by state media as saying ...": the subject spoke, the agent relayed
            subject = _strip_leading(_Segment(head.group(1), clause_start))[0]
            if plausible_source(subject.text, lexicon):
                return [
                    _Found(
                        _make(text, subject, cue, content, "quoted-by", negated=negated, channel=agent.text),
                        subject.start,
                    )
                ]
        return [_Found(_make(text, agent, cue, content, "passive-agent", negated=negated), agent.start)]

    if cue.text.casefold() == "quoted":
        quoted = re.match(r"\s+((?:[\w'’.-]+\s+){1,8}?)as\s+saying(?:\s+that)?\s+", masked[cue.end :])
        teller = _strip_leading(_segments(masked, clause_start, cue.start)[-1])[0]
        if quoted and plausible_source(quoted.group(1), lexicon):
            source = _Segment(quoted.group(1).strip(), cue.end + quoted.start(1))
            return [
                _Found(
                    _make(
                        text,
                        source,
                        cue,
                        (cue.end + quoted.end(), limit),
                        "quoted-as-saying",
                        negated=negated,
                        channel=teller.text.strip() or None,
                    ),
                    source.start,
                )
            ]

    pieces = _segments(masked, clause_start, cue.start)
    last = _strip_trailing(pieces[-1], words)
    antecedent = "sentence" if ANTECEDENT.match(last.text.strip()) else None
    last, hint = _strip_leading(_split_clause(last))
    hint = hint or antecedent
    content_start, has_after = _after_cue(masked, cue, limit)

    if last.text:
        sources = _coordinated(last, pieces[:-1], words)
        if not all(plausible_source(s.text, lexicon) for s in sources):
            return []
        quote_first = _quote_first(masked, clause_start, pieces[-1].start)
        if quote_first and not re.match(r"\s*(?:\w+\s+){0,6}?that\b", masked[cue.end :]):
            has_after = False
        content = (content_start, limit) if has_after else _fronted_content(masked, clause_start, pieces[-1].start)
        rule = "source-before-cue" if has_after else "content-fronted"
        if len(sources) > 1:
            rule = "coordinated-sources"
        channel = _channel(masked, cue)
        return [
            _Found(
                _make(text, s, cue, content, rule, target_hint=hint, negated=negated, channel=channel), pieces[-1].start
            )
            for s in sources
        ]

    joined_by_and = re.search(r"\b(?:and|but)\s*$", pieces[-1].text.casefold()) or re.search(
        r"\b(?:and|but)\s*$", masked[clause_start : cue.start].casefold()
    )
    if previous is not None and (PARTICIPLE.search(cue.text.split()[0]) or joined_by_and):
        content = (content_start, limit) if has_after else (cue.end, limit)
        return [
            _Found(
                _make(
                    text,
                    _Segment(previous.source_text, previous.source_start),
                    cue,
                    content,
                    "shared-subject",
                    negated=negated,
                    same_as_previous=True,
                ),
                cue.start,
            )
        ]

    relative = re.fullmatch(r"\s*(?:who|which)\s*", pieces[-1].text, re.IGNORECASE)
    if relative and len(pieces) >= 2:
        antecedent_np = _tail_name(pieces[-2])
        if antecedent_np is not None and plausible_source(antecedent_np.text, lexicon):
            content = (content_start, limit) if has_after else (cue.end, limit)
            return [
                _Found(
                    _make(
                        text,
                        antecedent_np,
                        cue,
                        content,
                        "relative-source",
                        negated=negated,
                        channel=_channel(masked, cue),
                    ),
                    antecedent_np.start,
                )
            ]

    if len(pieces) >= 3:
        relayed = re.match(r"citing\s+(.+)$", pieces[-2].text.strip(), re.IGNORECASE)
        first = _strip_leading(pieces[-3])[0]
        if relayed and plausible_source(first.text, lexicon):
            start = pieces[-2].start + pieces[-2].text.find(relayed.group(1))
            source = _Segment(relayed.group(1).strip(), start)
            content = (content_start, limit) if has_after else (cue.end, limit)
            return [_Found(_make(text, source, cue, content, "relayed-source", channel=first.text), pieces[-3].start)]
        run = _appositive_run(pieces[:-1], lexicon)
        if run:
            source, description = run
            if has_after:
                content = (content_start, limit)
            else:
                content = _fronted_content(masked, clause_start, run[0].start if False else source.start)
                content = _fronted_content(masked, clause_start, _run_start(pieces[:-1], source))
            return [
                _Found(
                    _make(
                        text,
                        source,
                        cue,
                        content,
                        "appositive-source",
                        description=description,
                        negated=negated,
                        channel=_channel(masked, cue),
                    ),
                    _run_start(pieces[:-1], source),
                )
            ]

    inverted = _inverted_source(text, masked, cue)
    if inverted is not None and plausible_source(inverted[0].text, lexicon):
        source, inverted_description = inverted
        content = _fronted_content(masked, clause_start, pieces[-1].start)
        return [
            _Found(
                _make(text, source, cue, content, "inverted-cue", description=inverted_description, negated=negated),
                pieces[-1].start,
            )
        ]
    return []


def _nested(masked: str, previous_cue_end: int, segment_start: int) -> bool:
    """A cue inside another cue's content ('said Shoigu had reported ...') is not a new claim."""
    between = masked[previous_cue_end:segment_start]
    return not re.search(r"[,;:]|\b(?:and|but|while|whereas)\b|[\u201d\"]\s*$", between)


def find_attributions(text: str, lexicon: Lexicon) -> list[Attribution]:
    """Every attribution in one sentence, in order of its cue."""
    masked = mask_quotes(text, quote_spans(text))
    found: list[_Found] = []
    previous: Attribution | None = None
    clause_start = 0
    previous_cue_end: int | None = None
    for cue in find_cues(masked, lexicon):
        if cue.demand:
            clause_start = cue.end
            continue
        for item in _attribute_cue(text, masked, cue, clause_start, previous, lexicon):
            att = item.attribution
            if (
                previous_cue_end is not None
                and not att.same_as_previous
                and att.target_hint is None
                and _nested(masked, previous_cue_end, item.segment_start)
            ):
                continue
            if att.target_hint is None and att.negated is False and found and att.same_as_previous:
                att = replace(att, target_hint=found[-1].attribution.target_hint)
            found.append(_Found(att, item.segment_start))
            previous = att
        previous_cue_end = cue.end
        clause_start = cue.end
    found.extend(_according_to(text, masked, lexicon))
    found.extend(_possessive_noun_cues(text, masked, lexicon))
    found.sort(key=lambda f: f.attribution.cue_start)
    return _close_contents(text, found)


def _close_contents(text: str, found: list[_Found]) -> list[Attribution]:
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
