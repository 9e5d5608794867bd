"""Noun phrases and clause pieces of one sentence, for the attribution frames.

Pattern: in `Igor Petrov, a spokesman for the army group, said the town had
fallen` the pieces before the cue are `Igor Petrov` and `a spokesman for the
army group`; `plausible_source` accepts the first (a proper name), and
`appositives.appositive_run` reads both as one source mention with its description.

Everything here works on a sentence whose quotations are masked (see
quotes.py), so words inside quotes are never read as sources. The words these
tests rely on (connectors, title words, role nouns) are lexicon data.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from claimtrack.extract.dates import find_event_dates
from claimtrack.extract.sentences import ABBREVIATIONS, NUMBER_ABBREVIATIONS
from claimtrack.lexicon import Lexicon, normalise_name, shipped_alternation, shipped_words

PRONOUNS = shipped_words("words.pronouns")
ANTECEDENT = re.compile(
    rf"^(?:a|an|the)\s+(?:{shipped_alternation('words.antecedent_nouns')})"
    r"(?:\s+(?:that|which))?\s+",
    re.IGNORECASE,
)
# "a spokesman for ...", "Pyongyang's only ally and its lifeline to the world": a description
FINITE_VERB = re.compile(r"\b(?:was|were|is|are|has|have|had|will|would|did|does)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Segment:
    """A piece of the sentence: its text and where it starts in the sentence."""

    text: str
    start: int


@dataclass(frozen=True)
class Words:
    adverbs: frozenset[str]
    negations: tuple[str, ...]
    not_source_heads: frozenset[str]
    role_nouns: frozenset[str]
    side_words: frozenset[str]
    connectors: tuple[str, ...]
    clause_words: tuple[str, ...]
    titles: frozenset[str]
    participle_adjectives: frozenset[str]
    np_inside: frozenset[str]
    locatives: frozenset[str]
    source_asides: tuple[str, ...]
    source_participles: tuple[str, ...]
    parties: frozenset[str]
    group_complements: frozenset[str]


@cache
def words_of(lexicon: Lexicon) -> Words:
    sides = frozenset(w.casefold() for words in lexicon.sides.values() for w in words)
    return Words(
        adverbs=frozenset(w.casefold() for w in lexicon.words("adverbs")),
        negations=tuple(w.casefold() for w in lexicon.words("negations")),
        not_source_heads=frozenset(w.casefold() for w in lexicon.words("not_source_heads", "words")),
        role_nouns=frozenset(w.casefold() for w in lexicon.words("role_nouns", "words")),
        side_words=sides,
        connectors=tuple(w.casefold() for w in lexicon.words("connectors", "words")),
        clause_words=tuple(w.casefold() for w in lexicon.words("clause_words", "words")),
        titles=frozenset(w.casefold() for w in lexicon.words("title_words", "words")),
        participle_adjectives=frozenset(w.casefold() for w in lexicon.words("participle_adjectives", "words")),
        np_inside=frozenset(w.casefold() for w in lexicon.words("np_inside", "words")),
        locatives=frozenset(w.casefold() for w in lexicon.words("locatives", "words")),
        source_asides=tuple(w.casefold() for w in lexicon.words("source_asides", "words")),
        source_participles=tuple(w.casefold() for w in lexicon.words("source_participles", "words")),
        parties=frozenset(w.casefold() for w in lexicon.words("parties", "words")),
        group_complements=frozenset(w.casefold() for w in lexicon.words("group_complements", "words")),
    )


def tokens(text: str) -> list[str]:
    return re.findall(r"[\w’'.-]+", text)


NAME_LOWERCASE_WORDS = shipped_words("words.name_lowercase_words")


def is_proper_name(text: str) -> bool:
    """'Valery Gerasimov', 'General Valery Zaluzhnyi': every word capitalised."""
    words = tokens(text)
    return 1 <= len(words) <= 6 and all(w[0].isupper() or w in NAME_LOWERCASE_WORDS for w in words)


SOURCE_DETERMINERS = shipped_words("words.source_determiners")
PERSONAL = shipped_words("words.personal")
CLAUSE_VERB = re.compile(rf"\b(?:{shipped_alternation('words.clause_verbs')})\b")
BARE_DETERMINERS = shipped_words("words.articles") | shipped_words("words.demonstratives")


# a noun phrase never ends with a conjunction or preposition, nor opens with a preposition
OPEN_ENDS = shipped_words("words.open_ends")
OPEN_STARTS = shipped_words("words.open_starts")
NAME_PARTICLES = shipped_words("words.name_particles")
SCENE_WORDS = shipped_words("words.scene_prepositions")
PERSON_OR_GROUP_HEADS = shipped_words("group_heads", "words") | shipped_words("words.person_roles")
SCENE_START = re.compile(
    rf"^(?:{shipped_alternation('words.scene_prepositions')})\s+(?:a|an|the|his|her|its|their)\s", re.IGNORECASE
)


def plausible_source(text: str, lexicon: Lexicon) -> bool:
    """Could this noun phrase be who said something (rather than what was said)?"""
    words = tokens(text)
    if not words or len(words) > 16 or "_" in text:
        return False
    lowered = [w.casefold().strip(".") for w in words]
    if len(words) == 1 and lowered[0] in PRONOUNS:
        return True
    if len(words) == 1 and lowered[0] in BARE_DETERMINERS:
        return False  # a determiner alone names nobody
    if (len(words) > 1 and lowered[0] in PERSONAL) or CLAUSE_VERB.search(text) or verb_inside(text, lexicon):
        return False  # "It goes without", "There's no way to", "Trump unleashed a flurry of": a clause
    if lowered[-1] in OPEN_ENDS or (len(words) > 1 and lowered[0] in OPEN_STARTS) or _only_a_scene(text, words):
        return False  # "on Congress to pass a deal and", "for Ginsburg to", "In a video speech": a piece of a clause
    vocab = words_of(lexicon)
    if (lowered[-1] in vocab.not_source_heads and not words[-1][:1].isupper()) or FINITE_VERB.search(text):
        return False  # "Smirnov's figures" is no source; "The Kyiv Post" is
    if any(w[0].isupper() or particle_name(w) for w in words) or lexicon.actor_named(text) is not None:
        return True  # "al-Qidra" is a name
    if any(w in vocab.role_nouns for w in lowered):
        return True
    if _unnamed_group(lowered, vocab):
        return True
    # "the announcer", "the union", "one longtime friend": a determined noun phrase can speak
    return len(words) <= 5 and lowered[0] in SOURCE_DETERMINERS and lowered[-1].isalpha() and len(lowered[-1]) > 2


def _only_a_scene(text: str, words: list[str]) -> bool:
    """'In a video speech posted on Telegram': a scene that ends in no name, role or group
    ('In the battle for Pokrovsk Russian forces' ends in one)."""
    if not SCENE_START.match(text.strip()):
        return False
    last = words[-1].casefold()
    return not (words[-1][:1].isupper() or last in PERSON_OR_GROUP_HEADS)


def particle_name(word: str) -> bool:
    """'al-Qidra', 'bin-Salman': a name joined to its particle."""
    particle, _, rest = word.partition("-")
    return particle.casefold() in NAME_PARTICLES and rest[:1].isupper()


def _unnamed_group(lowered: list[str], vocab: Words) -> bool:
    """'critics say', 'attorneys for the family said': a plural noun with no determiner names a group
    of people ('reports said' does not: a record, not a speaker)."""
    head = lowered[0]
    return (
        len(lowered) <= 5
        and head.isalpha()
        and len(head) > 3
        and head.endswith("s")
        and not head.endswith("ss")
        and head not in vocab.not_source_heads
        and head not in vocab.parties
        and (len(lowered) == 1 or lowered[1] in vocab.group_complements)
    )


def verb_inside(text: str, lexicon: Lexicon) -> bool:
    """'Kaine defended people', 'rival Donald Trump attacked Machado in': a past-tense verb after a
    name, so the phrase is a clause, not a noun phrase ('the embattled mayor', 'Moscow-installed
    officials' and 'Ukraine's armed forces' keep their adjectives)."""
    return participle_after_noun(text, lexicon) is not None


ADJECTIVE_DETERMINERS = shipped_words("words.adjective_determiners")


def participle_after_noun(text: str, lexicon: Lexicon) -> int | None:
    """Offset of the first '-ed' word that follows a noun rather than a determiner or an adverb: the
    verb of a clause ('Trump attacked'), or a participle postmodifying the noun ('a poll released
    last week')."""
    adjectives = words_of(lexicon).participle_adjectives
    for match in re.finditer(r"(?<=\s)([a-z]{3,}ed)\b(?=\s+\S)", text):
        word = match.group(1)
        before = text[: match.start()].split()
        if word in adjectives or not before:
            continue
        previous = before[-1].casefold()
        if previous in ADJECTIVE_DETERMINERS or previous.endswith(("ly", "-")):
            continue
        return match.start()
    return None


TITLE_ABBREVIATIONS = sorted(a for a in ABBREVIATIONS - NUMBER_ABBREVIATIONS if "." not in a)
# a dot that ends no noun phrase: a title ("Sen. Marco Rubio", "Mr. Trump"), an initial ("William J.
# Bennett"), or a dot inside a word ("U.S.", "FactCheck.org")
NP_DOT = (
    r"(?:(?:"
    + "|".join(rf"(?<=\b{a[0].upper()}{a[1:]})" for a in TITLE_ABBREVIATIONS)
    + r"|(?<=\b[A-Z]))\.|\.(?=[A-Za-z]))"
)
NP_CHARS = rf"(?:{NP_DOT}|[^,.;:])"


def is_title_abbreviation(token: str) -> bool:
    """'Mr.', 'Sen.', 'J.', 'U.S.': a word whose dot does not end the noun phrase."""
    bare = token.rstrip(".")
    return token.endswith(".") and (
        bare.casefold() in TITLE_ABBREVIATIONS or (len(bare) == 1 and bare.isupper()) or "." in bare
    )


OPENING_ADVERBIAL = re.compile(rf"^(?:{shipped_alternation('words.opening_adverbials')})\b")
# "Asked whether India had lost any aircraft, Air Marshal A.K. Bharti declined ...": a participle clause
OPENING_PARTICIPLE = re.compile(rf"^(?:{shipped_alternation('words.opening_participles')})\b")
NP_DROPPED_ENDS = shipped_words("words.np_dropped_ends")


def leading_noun_phrase(masked: str, lexicon: Lexicon) -> str | None:
    """The noun phrase a clause opens with: 'Kharkiv Governor Oleh Syniehubov toured ...' ->
    'Kharkiv Governor Oleh Syniehubov' (an opening 'On Monday, ' or 'Asked about the losses, ' is passed
    over)."""
    vocab = words_of(lexicon)
    opening = OPENING_ADVERBIAL.match(masked) or OPENING_PARTICIPLE.match(masked)
    text = re.sub(r"^[^,]{0,80},\s+", "", masked) if opening else masked
    taken: list[str] = []
    for token in text.split():
        bare = token.strip(",.;:")
        if not bare:
            break
        lowered = bare.casefold()
        if bare[0].isupper() or lowered in vocab.np_inside or lowered in vocab.role_nouns:
            if is_title_abbreviation(token):
                taken.append(token)  # "Mr. Trump", "Sen. Bernie Sanders"
                continue
            taken.append(bare)
            if token.endswith((",", ".", ";", ":")):
                break
            continue
        break
    while taken and taken[-1].casefold() in NP_DROPPED_ENDS:
        taken.pop()
    return " ".join(taken) if taken and len(taken) <= 8 else None


# --- pieces of a clause ----------------------------------------------------


def segments(masked: str, start: int, end: int) -> list[Segment]:
    """Comma, semicolon, colon and quotation delimited pieces of masked[start:end]."""
    pieces: list[Segment] = []
    cursor = start
    # "Jim Smith (R-Ohio), a panel member,": the bracket and the comma after it close one piece
    for match in re.finditer(r"\)\s*,|[,;:()\u201c\u201d\"\u2014\u2013]|\s[-\u2014]\s", masked[start:end]):
        pieces.append(Segment(masked[cursor : start + match.start()], cursor))
        cursor = start + match.end()
    pieces.append(Segment(masked[cursor:end], cursor))
    return pieces


LY_NOUNS = shipped_words("words.ly_nouns")
CONTRACTED_AUXILIARY = re.compile(r"(?<=\w)['’](?:s|re|ve|d|ll)$", re.IGNORECASE)


def _adverb(word: str, words: Words) -> bool:
    """'also', 'has', 'often', 'boldly': a word that may stand between a source and its cue."""
    lowered = word.casefold()
    if lowered in words.adverbs or lowered in {"not", "never", "n't"}:
        return True
    if lowered.endswith(("n't", "n’t")) and len(lowered) > 3:
        return True  # "Schneiderman isn't saying", "the ministry hasn't said": the negated auxiliary
    return word.islower() and lowered.endswith("ly") and len(lowered) >= 5 and lowered not in LY_NOUNS


# "President Obama on Friday said", "Gowdy earlier Thursday said", "the ministry this week said"
TRAILING_TIME = re.compile(
    r"\s+(?:(?:(?:on|earlier|later|late|early)\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
    r"(?:\s+(?:morning|afternoon|evening|night))?|(?:earlier|later)\s+(?:this|that)\s+(?:week|month|day)|"
    r"(?:this|last)\s+(?:week|month|year|weekend)|(?:on\s+)?(?:Jan|Feb|March|April|May|June|July|Aug|Sept|Oct|Nov|Dec)"
    r"[a-z]*\.?\s+\d{1,2}|in\s+(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December)|in\s+a\s+(?:statement|tweet|post|interview|speech)|"
    r"at\s+(?:first|the\s+time|once)|in\s+(?:turn|response|return)|in\s+(?:19|20)\d\d)$"
)


def strip_trailing(segment: Segment, words: Words) -> Segment:
    """Drop adverbs, auxiliaries and time phrases between a source and its cue ('also', 'has',
    'He’s claiming', 'on Friday')."""
    text = segment.text.rstrip()
    while True:
        timed = TRAILING_TIME.search(text)
        if timed and timed.start() > 0:
            text = text[: timed.start()].rstrip()
            continue
        match = re.search(r"(?:^|\s)([\w'’-]+)$", text)
        if match and match.group(1) in {"who", "which"} and match.start() > 0:  # "The WHO said": a name
            text = text[: match.start()].rstrip()  # "local officials who say": the officials
            continue
        if match and CONTRACTED_AUXILIARY.search(match.group(1)) and match.start() == 0:
            return Segment(CONTRACTED_AUXILIARY.sub("", text), segment.start)  # "He’s": he has / he is
        if not match or not _adverb(match.group(1), words) or _ends_a_name(text, match.start()):
            return Segment(text, segment.start)
        text = text[: match.start()].rstrip()


def _ends_a_name(text: str, last_word_start: int) -> bool:
    """'Theresa May said': a capitalised word after a capitalised word is a name's, not a modal."""
    last = text[last_word_start:].strip()
    before = text[:last_word_start].split()
    return last[:1].isupper() and bool(before) and before[-1][:1].isupper()


def strip_leading(segment: Segment, words: Words) -> tuple[Segment, str | None]:
    """Drop connectors, time phrases and antecedents ('a claim') before a source; the hint
    "sentence" says an antecedent pointed at another claim of the sentence."""
    text, start, hint = segment.text, segment.start, None
    connector = re.compile(
        r"^(?:(?:a|an|one|two|three|four|five|six|several|some|few|\d+)\s+(?:day|days|hour|hours|week|weeks|"
        r"month|months)\s+(?:after|later|before)|hours\s+(?:after|later)|in\s+response|"
        + "|".join(words.connectors)
        + r")\b",
        re.IGNORECASE,
    )
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
        found = connector.match(text)
        cut = found.end() if found else _scene_before_name(text)
        if cut:
            start, text, changed = start + cut, text[cut:], True
    return Segment(text.rstrip(), start), hint


def _scene_before_name(text: str) -> int | None:
    """'In a Bloomberg interview Trump', 'During a visit to the Donbas Zelensky': a scene with no
    comma, then the name that speaks (where it starts): the whole run of capitalised words that ends
    the text, after a word that is not a preposition or article ('In a discussion in Washington', 'In
    the wake of the New York Times': there the name is an object)."""
    scene = SCENE_START.match(text)
    if scene is None:
        return None
    spans = [m.span() for m in re.finditer(r"\S+", text) if m.start() >= scene.end()]
    for size in range(min(4, len(spans) - 1), 0, -1):
        run, before = spans[-size:], spans[-size - 1]
        if not all(text[a].isupper() for a, _ in run):
            continue
        word = text[before[0] : before[1]]
        if not word[:1].isupper() and word.casefold() not in OPEN_STARTS | SCENE_WORDS | BARE_DETERMINERS:
            return run[0][0]
    return None


def split_clause(segment: Segment, words: Words) -> Segment:
    """Keep what follows the last subordinating word: 'barrage that [Ukrainian officials]'."""
    pattern = r"\b(?:" + "|".join(words.clause_words) + r")\s+"
    last = None
    for match in re.finditer(pattern, segment.text, re.IGNORECASE):
        last = match
    if last is None:
        return segment
    return Segment(segment.text[last.end() :], segment.start + last.end())


def _known_actor(text: str, lexicon: Lexicon | None) -> bool:
    """'the Ukrainian air force', 'the State Emergency Service': a name in the actor table."""
    if lexicon is None:
        return False
    bare = re.sub(r"^(?:the)\s+", "", text.strip(), flags=re.IGNORECASE)
    return normalise_name(bare) in lexicon.alias_index or normalise_name(text) in lexicon.alias_index


def _listed_before(previous: list[Segment], lexicon: Lexicon | None) -> list[Segment]:
    """'Russia, Belarus and Iran said': the names listed before the last two, nearest last."""
    listed: list[Segment] = []
    for piece in reversed(previous):
        bare = piece.text.strip()
        if not bare or not ((is_proper_name(bare) and len(tokens(bare)) <= 3) or _known_actor(bare, lexicon)):
            break
        listed.insert(0, Segment(bare, piece.start + piece.text.find(bare)))
    return listed


def coordinated(
    segment: Segment, previous: list[Segment], words: Words, lexicon: Lexicon | None = None
) -> list[Segment]:
    """'both Moscow and Kyiv' -> two sources; 'U.S., British and Polish officials' -> three;
    'Russia, Belarus and Iran' -> three; 'the Ukrainian air force and the State Emergency Service' -> two."""
    text = re.sub(r"^\s*both\s+", "", segment.text, flags=re.IGNORECASE)
    offset = segment.start + len(segment.text) - len(text)
    parts = re.split(r"\s+and\s+", text.strip())
    if (
        len(parts) == 2
        # "British and Polish officials": two modifiers of one noun, read below
        and not (
            parts[0].casefold() in words.side_words
            and parts[1].split()[0].casefold() in words.side_words
            and len(parts[1].split()) > 1
        )
        and all(
            (is_proper_name(p) and len(tokens(p)) <= 4) or _plural_role(p, words) or _known_actor(p, lexicon)
            for p in parts
        )
    ):  # "Kyiv and Warsaw said", "diplomats and analysts have warned": each its claim
        second = text.rfind(parts[1])
        pair = [Segment(parts[0], offset), Segment(parts[1], offset + second)]
        return [*_listed_before(previous, lexicon), *pair] if is_proper_name(parts[0]) else pair
    modifiers: list[Segment] = []
    for piece in reversed(previous):
        bare = re.sub(r"^\s*and\s+", "", piece.text).strip()
        if bare.casefold() in words.side_words:
            modifiers.insert(0, Segment(bare, piece.start + piece.text.find(bare)))
        else:
            break
    if len(parts) > 1 and all(p.casefold() in words.side_words for p in parts[:-1]):
        for part in parts[:-1]:
            modifiers.append(Segment(part, offset + text.find(part)))
        last_part = parts[-1]
    else:
        last_part = text.strip() if len(parts) == 1 else ""
    if not modifiers or not last_part:
        return [segment]
    match = re.match(r"^(\S+(?:\s+Korean|\s+Kingdom|\s+States)?)\s+(\S.*)$", last_part)
    if not match or match.group(1).casefold() not in words.side_words:
        return [segment]
    head_noun = match.group(2)
    own = Segment(last_part, offset + text.rfind(last_part))
    return [*[Segment(f"{m.text} {head_noun}", m.start) for m in modifiers], own]


def _plural_role(text: str, words: Words) -> bool:
    """'diplomats', 'aid workers', 'local officials': a plural role noun standing for a group."""
    lowered = text.casefold().split()
    return 1 <= len(lowered) <= 3 and lowered[-1] in words.role_nouns and lowered[-1].endswith("s")


def tail_name(segment: Segment) -> Segment | None:
    """The proper name that ends a segment: '... came from Oleh Kiper' -> 'Oleh Kiper'."""
    match = re.search(r"((?:[A-Z][\w'’.-]*\s+){0,5}[A-Z][\w'’.-]*)\s*$", segment.text)
    if not match:
        return None
    return Segment(match.group(1).strip(), segment.start + match.start(1))
