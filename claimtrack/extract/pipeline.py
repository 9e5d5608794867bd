"""The pipeline of the extractor (see the package's docstring): sentences, attributions, actors,
and everything status needs, for one article at a time."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace

from claimtrack.extract.about import TermMention, find_places, find_terms, parent_regions, unique
from claimtrack.extract.actors import gender_of, infer_side, person_mention, resolve_source
from claimtrack.extract.attribution import find_attributions
from claimtrack.extract.dates import find_event_dates
from claimtrack.extract.outcomes import FACILITY_KINDS, find_outcomes, find_quantities, is_hold_phrase
from claimtrack.extract.phrases import leading_noun_phrase, plausible_source, words_of
from claimtrack.extract.quotes import mask_quotes, quote_spans
from claimtrack.extract.sentences import split_sentences
from claimtrack.extract.stance import (
    anaphor_in,
    contrast_in,
    find_phrase,
    fits_pointer_topic,
    hedges_in,
    is_future,
    is_non_response,
    is_uncertain,
    is_verification_note,
    pointer_topic,
    stance_of,
)
from claimtrack.lexicon import Lexicon
from claimtrack.models import UNKNOWN_SIDE, Actor, Article, Attribution, Claim, EventDate, Outcome, Sentence, Stance

MAX_SENTENCE_CHARS = 3000
# What one sentence looks back at is a window of its neighbours, far wider than any article needs,
# so that the work per sentence is bounded and extraction stays linear in the size of a document
# (a 5 MB page of short claims is read like five thousand articles, not one of them squared).
LOOKBACK_CLAIMS = 100  # earlier claims a denial, a repetition, 'those reports' or a note can point at
RECENT_ACTORS = 64  # speakers a pronoun or a description ('the ministry') can point back to
PARAGRAPH_WINDOW = 50  # in a paragraph of more sentences, a claim shares the terms of this many either side
EMBEDDED_RULES = frozenset({"noun-cue", "embedded-claim"})
STANCE_RANK = {Stance.DENY: 2, Stance.CONFIRM: 1, Stance.ASSERT: 0}
__all__ = ["SentenceReading", "explain_sentence", "extract_claims"]


@dataclass
class _Context:
    """What the document has said so far, for pronouns, roles and deictic places."""

    recent: list[Actor] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    outcome_places: list[str] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    lead_event: str | None = None
    topic_place: str | None = None  # the one town a single-subject article is about
    paragraph_date: tuple[int, EventDate] | None = None  # the last date named in the current paragraph
    genders: dict[str, str] = field(default_factory=dict)  # actor name -> "f" / "m", when the text tells

    def remember(self, actor: Actor, mention: str = "") -> None:
        """Keep the actor for pronouns and descriptions; a body named by its spokesperson ('Yolande
        Makolo' for Rwanda's government) is also a person 'she' can point back to."""
        gender = gender_of(mention)
        if gender:
            self.genders[actor.name] = gender
        if actor.kind != "person" and mention and (person_mention(mention) or gender):
            actor = replace(actor, kind="person")
        if actor in self.recent:
            self.recent.remove(actor)
        self.recent.append(actor)
        if len(self.recent) > RECENT_ACTORS:
            del self.recent[0]


@dataclass(frozen=True)
class _Earlier:
    """The document's claims so far, then this sentence's: one sequence indexed as the document's
    claims will be, without copying either list."""

    document: list[Claim]
    sentence: list[Claim]

    def __len__(self) -> int:
        return len(self.document) + len(self.sentence)

    def __getitem__(self, index: int) -> Claim:
        before = len(self.document)
        return self.document[index] if index < before else self.sentence[index - before]

    def backwards(self) -> Iterator[int]:
        """Indexes from the latest claim back, as far as LOOKBACK_CLAIMS."""
        return iter(range(len(self) - 1, max(-1, len(self) - 1 - LOOKBACK_CLAIMS), -1))


@dataclass(frozen=True)
class SentenceReading:
    """How one sentence was read: its claims, and the attributions that were not claims."""

    sentence: Sentence
    claims: tuple[Claim, ...]
    skipped: tuple[tuple[Attribution, str], ...]
    notes: tuple[str, ...]


REFERENCE_DATE = re.compile(r"\b(?:since|than|until|till)\b[^,;.]{0,30}$", re.IGNORECASE)
# ", which fell in May 2023", ", the base the army abandoned in December 2023": a relative clause or an
# appositive after a comma dates the noun it describes, not the claim's event
BACKGROUND_CLAUSE = re.compile(
    r",\s+(?:(?:which|who|whom|whose|where)\b|the\s+[\w-]+\s+(?:(?:that|which)\s+)?(?:the\s+)?[\w-]+\s+[\w-]+(?:ed|en)\b)"
    r"[^,;]*$",
    re.IGNORECASE,
)


def _pick_date(
    sentence: Sentence, att: Attribution, others: list[Attribution], published: dt.date | None
) -> EventDate | None:
    mentions = find_event_dates(sentence.text, published)
    # "since it took Bakhmut last May": a date that only sets a reference point is not the event's
    mentions = [m for m in mentions if not REFERENCE_DATE.search(sentence.text[max(0, m.start - 40) : m.start])]
    mentions = [m for m in mentions if not BACKGROUND_CLAUSE.search(sentence.text[max(0, m.start - 80) : m.start])]
    inside = [m for m in mentions if att.content_start <= m.start < att.content_end]
    if inside:
        return inside[0].date
    foreign = [(o.content_start, o.content_end) for o in others if o is not att]
    outside = [m for m in mentions if not any(s <= m.start < e for s, e in foreign)]
    if not outside:
        return None
    return min(outside, key=lambda m: abs(m.start - att.cue_start)).date


DEICTIC_PLACE = re.compile(
    r"\b(?:the|this|that)\s+(?:town|village|city|settlement|hamlet|island|base|airfield|airport|port|"
    r"plant|hospital|bridge|dam|district|neighbourhood|neighborhood|camp)\b|\b(?:it|there)\b",
    re.IGNORECASE,
)
SETTLEMENT_KINDS = frozenset(
    {"city", "town", "village", "facility", "hospital", "plant", "airport", "bridge", "dam", "island", "base"}
)


def _settles(outcome: Outcome, lexicon: Lexicon) -> bool:
    """Can later outcomes with no place of their own be about this one's subject (a town, not a region)?"""
    if outcome.kind != "control":
        return False
    place = lexicon.place_named(outcome.subject)
    return place is None or place.kind in SETTLEMENT_KINDS


def _fallback_place(
    content: str,
    content_places: list[TermMention],
    sentence_places: list[TermMention],
    ctx: _Context,
    same_sentence: list[Claim],
) -> str | None:
    """The place an outcome with no place of its own is about ('its forces had taken full control of
    the town'): a place a claim of this sentence or just before it held an outcome about, else a
    town or site the sentence names; never a region or a country, and nothing else the article
    mentioned once ('never its region as a fallback when the village is unknown')."""
    if content_places:
        return None
    for claim in reversed(same_sentence):
        for outcome in claim.outcomes:
            if outcome.kind == "control":
                return outcome.subject
    if ctx.outcome_places:
        return ctx.outcome_places[-1]
    outside = [p for p in sentence_places if p.kind in SETTLEMENT_KINDS]
    if outside:
        return outside[0].name
    return ctx.places[-1] if ctx.places and DEICTIC_PLACE.search(content) else None


def _event_key(sentence_places: list[TermMention], ctx: _Context, lexicon: Lexicon) -> str | None:
    """What a blame claim is about: a facility the sentence names, else the article's lead event,
    unless the sentence is plainly about somewhere else ('a Ukrainian strike on Makiivka' in a roundup)."""
    facilities = [p.name for p in sentence_places if p.kind in FACILITY_KINDS]
    if facilities:
        return facilities[0]
    settlements = [p.name for p in sentence_places if p.kind in {"city", "town", "village"}]
    if not settlements or ctx.lead_event is None:
        return ctx.lead_event
    lead = lexicon.place_named(ctx.lead_event)
    near_lead = {ctx.lead_event, lead.region if lead else None}
    return ctx.lead_event if near_lead & set(settlements) else settlements[0]


def _side_hint(atts: list[Attribution], resolved: dict[int, Actor], ctx: _Context) -> str | None:
    for actor in resolved.values():
        if actor.side != "unknown":
            return actor.side
    for actor in reversed(ctx.recent):
        if actor.side != "unknown":
            return actor.side
    return None


VOW = re.compile(r"^[\s\"“‘']*(?:we|i)\s+(?:will|shall|are\s+going\s+to|am\s+going\s+to|would\s+never)\b", re.I)
# "If confirmed, these actions would be ...": about what the speaker does not know yet (a counterfactual
# argument, "if a Russian missile had hit, nothing would be left", does assert something)
CONDITIONAL = re.compile(r"^[\s\"“‘']*(?:if|should\s+(?:it|this|they))\s+(?:\w+\s+)?(?:confirmed|true|proven)\b", re.I)


def _skip_reason(att: Attribution, lexicon: Lexicon) -> str | None:
    if att.negated:
        return "negated cue: a non-confirmation or non-response, not a claim"
    if VOW.match(att.content):
        return "a vow of the speaker's own action, not a claim about what happened"
    if CONDITIONAL.match(att.content):
        return "a conditional ('if confirmed, it would be ...'): it asserts nothing"
    if is_verification_note(att.content, lexicon):
        return "verification note: it qualifies another claim"
    if is_non_response(att.content, lexicon):
        return "non-response: not a claim and not a denial"
    return None


def _merge(first: Claim, second: Claim) -> Claim:
    """Two cues of one source in one sentence make one claim."""
    stance = max(first.stance, second.stance, key=lambda s: STANCE_RANK[s])
    content = (
        first.content
        if second.content in first.content
        else (f"{first.content}; {second.content}" if first.content else second.content)
    )
    return replace(
        first,
        stance=stance,
        content=content.strip("; "),
        hedges=unique([*first.hedges, *second.hedges]),
        hedged=first.hedged or second.hedged,
        quantities=first.quantities + tuple(q for q in second.quantities if q not in first.quantities),
        outcomes=first.outcomes + tuple(o for o in second.outcomes if o not in first.outcomes),
        target=first.target if first.target is not None else second.target,
        target_relation=first.target_relation or second.target_relation,
        future=first.future and second.future,
        event_date=first.event_date or second.event_date,
    )


def _dedupe(claims: list[Claim]) -> list[Claim]:
    merged: list[Claim] = []
    for claim in claims:
        same = next((i for i, c in enumerate(merged) if c.actor == claim.actor), None)
        if same is None:
            merged.append(claim)
        else:
            merged[same] = _merge(merged[same], claim)
    # "with officials stating ..., according to the air force": one claim, the specific source
    kept = []
    for claim in merged:
        overlaps = [
            c
            for c in merged
            if c is not claim
            and c.source_text != claim.source_text  # "two officials and a diplomat": named together, both kept
            and c.side == claim.side
            and c.actor_kind != "group"
            and claim.actor_kind == "group"
            and (
                c.content in claim.content
                or claim.content in c.content
                or c.rule == "according-to"
                or claim.rule == "according-to"
            )
        ]
        if not overlaps:
            kept.append(claim)
    return kept


def _find_target(
    claim: Claim, att: Attribution, sentence_claims: list[Claim], ctx: _Context, lexicon: Lexicon
) -> tuple[int | None, str | None]:
    """Which earlier claim a denial, confirmation or contrast points at (an index into the document)."""
    offset = len(ctx.claims)
    if att.target_hint == "sentence":
        for i, other in enumerate(sentence_claims):
            if other.actor != claim.actor:
                return offset + i, "antecedent"
    if claim.stance in (Stance.DENY, Stance.CONFIRM):
        for i, other in enumerate(sentence_claims):
            if other.rule in EMBEDDED_RULES and other.actor != claim.actor and other.content in claim.content:
                return offset + i, f"embedded: {other.cue} by {other.source_text}"
    anaphor = anaphor_in(claim.content, lexicon) or anaphor_in(claim.sentence.text, lexicon)
    contrast = contrast_in(claim.sentence.text, lexicon)
    repeats = claim.stance is Stance.ASSERT and bool(
        re.match(r"(?:the|this|that)\s+(?:claim|claims|statement|report)\b", claim.content.strip(), re.IGNORECASE)
    )
    earlier = _Earlier(ctx.claims, sentence_claims)
    if repeats:
        for index in earlier.backwards():
            if earlier[index].actor != claim.actor:
                return index, "repeats"
    if claim.stance is Stance.ASSERT and not contrast:
        return None, None
    if not anaphor and not contrast:
        if claim.stance is Stance.CONFIRM:
            for i, other in enumerate(sentence_claims):
                if other.actor != claim.actor and other.side != claim.side and _shares_outcome(claim, other, lexicon):
                    return offset + i, "same sentence"
            conceded = _conceded_win(claim, earlier, lexicon)
            return conceded, "conceded" if conceded is not None else None
        return None, None
    wants_person = bool(anaphor and anaphor.split()[0].casefold() in {"his", "her"})
    # "the Russian statement": the anaphor itself may name whose claim it was
    named_side = infer_side(anaphor, lexicon) if anaphor else None
    # a denial that names a place or subject points at a claim about it, not merely the last one
    pointed_topic = pointer_topic(claim.content, anaphor) if anaphor else None

    def side_word(word: str) -> bool:
        return infer_side(word, lexicon) is not None

    topics = {
        t
        for t in claim.about
        if ((place := lexicon.place_named(t)) is None or place.kind != "country") and lexicon.actor_named(t) is None
    }
    introduced = _introduced_in(anaphor, claim, earlier) if anaphor else None
    for index in earlier.backwards():
        other = earlier[index]
        if other.actor == claim.actor or other.side == claim.side:
            continue
        if introduced is not None and other.sentence.index != introduced:
            continue
        if named_side and other.side != named_side:
            continue
        if wants_person and other.actor_kind != "person":
            continue
        if other.future:
            continue  # a denial or confirmation is of something that happened, not of a plan
        if topics and not topics & {*other.about, *(o.subject for o in other.outcomes)}:
            continue
        if pointed_topic and not fits_pointer_topic(pointed_topic, other.content, side_word):
            continue  # "the Ukrainian figure of 34 dead" is not a claim about wounded generals
        if not pointed_topic and any(is_non_response(n, lexicon) and anaphor_in(n, lexicon) for n in other.notes):
            break  # "The government did not respond to those claims": a later vague denial is not of them
        return index, anaphor or contrast
    return None, anaphor or contrast  # an earlier article's claim, resolved when stored


DEMONSTRATIVE_POINTER = re.compile(r"(?:those|these|this|that|such)\s+(?:[\w-]+\s+)?([a-z]+?)s?$", re.IGNORECASE)


def _introduced_in(anaphor: str, claim: Claim, earlier: _Earlier) -> int | None:
    """'Burundi denied reports that its soldiers had left. "Those reports are false," a spokesman said':
    the sentence of the paragraph that named what a demonstrative points back to, if one did."""
    match = DEMONSTRATIVE_POINTER.match(anaphor)
    if match is None:
        return None
    noun = re.compile(rf"\b{re.escape(match.group(1))}s?\b", re.IGNORECASE)
    for index in earlier.backwards():
        other = earlier[index]
        if other.sentence.paragraph < claim.sentence.paragraph:
            break  # claims come in reading order: the rest are of earlier paragraphs
        if other.sentence.paragraph != claim.sentence.paragraph or other.sentence.index > claim.sentence.index:
            continue
        text = other.sentence.text
        if other.sentence.index == claim.sentence.index:
            text = text[: text.find(anaphor)] if anaphor in text else ""
        if noun.search(text):
            return other.sentence.index
    return None


def _conceded_win(claim: Claim, earlier: _Earlier, lexicon: Lexicon) -> int | None:
    """'the group's commander acknowledged the defeat': the other side's claim of its own win, in this
    sentence or the one before, that the setback named concedes (None when there is no such claim)."""
    setback = find_phrase(claim.content, lexicon, "conceded_setbacks")
    if setback is None or not claim.content.casefold().startswith(setback.casefold()) or claim.side == UNKNOWN_SIDE:
        return None
    for index in earlier.backwards():
        other = earlier[index]
        if other.sentence.index < claim.sentence.index - 1:
            return None
        won = any(o.kind == "control" and not o.denied and o.favours == other.side for o in other.outcomes)
        if other.side not in (claim.side, UNKNOWN_SIDE) and other.stance is Stance.ASSERT and won:
            return index
    return None


def _shares_outcome(confirm: Claim, other: Claim, lexicon: Lexicon) -> bool:
    """Does an acknowledgement speak of what the other claim says ('the government acknowledged that
    the rebels held the airport' after 'the rebels said they took the airport')? Its outcomes are read
    from its content here, before the claim is built."""
    places = find_places(confirm.content, lexicon)
    mine = find_outcomes(confirm.content, confirm.side, places, None, None, lexicon)
    return any((o.subject, o.favours) == (p.subject, p.favours) for o in mine for p in other.outcomes)


def _inside_source(term: TermMention, att: Attribution) -> bool:
    """'Ukraine's General Staff said': Ukraine names the speaker, not what the claim is about."""
    return att.source_start <= term.start < att.source_start + len(att.source_mention) and bool(att.source_text)


def _claim_from(
    att: Attribution,
    actor: Actor,
    sentence: Sentence,
    atts: list[Attribution],
    article: Article,
    ctx: _Context,
    sentence_claims: list[Claim],
    lexicon: Lexicon,
) -> Claim:
    content = att.content
    sentence_terms = find_terms(sentence.text, lexicon)
    places = find_places(content, lexicon)
    stance = stance_of(_cue_stance(att, lexicon), content, sentence.text, lexicon)
    claim = Claim(
        sentence=sentence,
        source_text=att.source_mention,
        actor=actor.name,
        side=actor.side,
        cue=att.cue,
        stance=stance,
        content=content,
        rule=att.rule,
        actor_kind=actor.kind,
        channel=att.channel,
        target_hint=att.target_hint,
        hedges=hedges_in(content, lexicon),
        hedged=is_uncertain(content, lexicon),
        event_date=_pick_date(sentence, att, atts, article.published),
        about=unique([t.name for t in sentence_terms if not _inside_source(t, att)]),
        future=is_future(content, lexicon),
        quantities=find_quantities(content, actor.side, lexicon),
    )
    target, relation = _find_target(claim, att, sentence_claims, ctx, lexicon)
    claim = replace(claim, target=target, target_relation=relation)
    if target is not None and relation == "repeats":
        source = _Earlier(ctx.claims, sentence_claims)[target]
        return replace(claim, outcomes=source.outcomes, quantities=source.quantities)
    if att.target_hint == "sentence" and target is not None:
        source = _Earlier(ctx.claims, sentence_claims)[target]
        content = source.content
        places = find_places(content, lexicon)
        claim = replace(claim, content=content if claim.stance is Stance.ASSERT else claim.content)
    if not claim.future:
        # "..., and Kyiv insisted": a place that names a speaker of this sentence is no fallback
        sentence_places = [
            p for p in find_places(sentence.text, lexicon) if not any(_inside_source(p, a) for a in atts)
        ]
        fallback = _fallback_place(content, places, sentence_places, ctx, sentence_claims)
        outcomes = find_outcomes(
            content,
            actor.side,
            places,
            fallback,
            _event_key(sentence_places, ctx, lexicon),
            lexicon,
            accusation=att.cue.casefold().startswith("accus"),
            denial=claim.stance is Stance.DENY,
            topic=ctx.topic_place,
        )
        if att.target_hint == "sentence" and claim.stance is Stance.DENY:
            outcomes = ()
        claim = _with_polarity(replace(claim, outcomes=outcomes), att, lexicon)
    return claim


def _with_polarity(claim: Claim, att: Attribution, lexicon: Lexicon) -> Claim:
    """A denial's outcomes are what it says is false ('denied that Russian forces took X'), except what
    the denier says still holds ('remains under our control'); a claim whose every outcome is negated
    ('X has not been captured') is a denial."""
    if claim.stance is Stance.DENY and claim.quantities:  # "dismissed the figure of 34 dead as invented"
        claim = replace(claim, quantities=tuple(replace(q, bound="denied") for q in claim.quantities))
    if claim.stance is Stance.DENY and claim.outcomes:
        by_cue = _cue_stance(att, lexicon) is Stance.DENY
        outcomes = []
        for outcome in claim.outcomes:
            if outcome.denied:
                continue  # "denied that it had not ...": a double negative says nothing clear
            if is_hold_phrase(outcome.words, lexicon):
                outcomes.append(outcome)
            elif by_cue or _governed_by_denial(outcome, claim.content, lexicon):
                outcomes.append(replace(outcome, denied=True))
            else:
                outcomes.append(outcome)
        return replace(claim, outcomes=tuple(outcomes))
    if claim.stance is Stance.ASSERT and claim.outcomes and all(o.denied for o in claim.outcomes):
        return replace(claim, stance=Stance.DENY)
    return claim


def _governed_by_denial(outcome: Outcome, content: str, lexicon: Lexicon) -> bool:
    """Is the outcome in the clause that the denial phrase ('are a lie', 'untrue') sits in?"""
    for clause in re.split(r";\s|,\s+(?:but|while|and)\s|\s+and\s+that\s", content):
        if outcome.words in clause and find_phrase(clause, lexicon, "deny_phrases"):
            return True
    return False


def _cue_stance(att: Attribution, lexicon: Lexicon) -> Stance:
    cue = att.cue.casefold()
    for stance in (Stance.DENY, Stance.CONFIRM):
        if cue in {w.casefold() for w in lexicon.words(f"verbs.{stance.value}")}:
            return stance
    return Stance.ASSERT


def _narration_subject(sentence: Sentence, lexicon: Lexicon) -> str | None:
    """The noun phrase a narrative sentence opens with ('Kharkiv Governor Oleh Syniehubov toured ...'),
    so that 'He said ...' in the next sentence can point back to it."""
    return leading_noun_phrase(mask_quotes(sentence.text), lexicon)


def _is_floating_quote(sentence: Sentence, previous: Claim, quotes: _Quotations) -> bool:
    """'"We have no power," the mayor said. "Water will run out by Sunday."': a quotation with no
    cue, right after a quoted claim, continues that speaker (over every sentence it runs)."""
    span = quotes.starting_at.get(sentence.start)
    if span is None or sentence.index != previous.sentence.index + 1:
        return False
    run = quotes.runs.get(sentence.index)
    last_end = quotes.run_end.get(span, sentence.end) if run else sentence.end
    if span[1] < last_end - 3:
        return False  # more than a quotation: narration follows it
    if sentence.paragraph not in (previous.sentence.paragraph, previous.sentence.paragraph + 1):
        return False
    return any(q in quotes.masked_text(previous.sentence) for q in ('"', "\u201c", "\u201d"))


def _dated_by_paragraph(claims: list[Claim], sentence: Sentence, article: Article, ctx: _Context) -> list[Claim]:
    """A claim whose sentence names no day takes the day its paragraph last named
    ('... drones were intercepted overnight into Saturday. ... the governor said 14 buildings
    were damaged')."""
    if ctx.paragraph_date and ctx.paragraph_date[0] == sentence.paragraph:
        claims = [c if c.event_date else replace(c, event_date=ctx.paragraph_date[1]) for c in claims]
    mentions = find_event_dates(sentence.text, article.published)
    if mentions:
        ctx.paragraph_date = (sentence.paragraph, mentions[-1].date)
    elif ctx.paragraph_date and ctx.paragraph_date[0] != sentence.paragraph:
        ctx.paragraph_date = None
    return claims


def _continued(speaker: Claim, sentence: Sentence, rule: str, cue: str, lexicon: Lexicon) -> Claim:
    """A sentence of a quotation with no cue of its own: the speaker's claim, about this sentence."""
    return replace(
        speaker,
        sentence=sentence,
        content=sentence.text,
        rule=rule,
        cue=cue,
        stance=stance_of(Stance.ASSERT, sentence.text, sentence.text, lexicon),
        target=None,
        target_relation=None,
        notes=(),
        hedges=hedges_in(sentence.text, lexicon),
        hedged=is_uncertain(sentence.text, lexicon),
        event_date=None,
        about=unique([t.name for t in find_terms(sentence.text, lexicon)]),
        quantities=find_quantities(sentence.text, speaker.side, lexicon),
        outcomes=(),
    )


def _embedded_first(atts: list[Attribution]) -> list[Attribution]:
    """'Kyiv denied claims by the General Staff that ...': the embedded claim is read before the
    denial that reports it, so the denial can point at it."""

    def inside(att: Attribution) -> bool:
        return att.rule in EMBEDDED_RULES and any(
            o is not att and o.content_start <= att.cue_start < o.content_end for o in atts
        )

    return sorted(atts, key=lambda att: not inside(att))


RELATIVE_PRONOUN = re.compile(r"\b(?:that|which|who|whom)\s+$", re.IGNORECASE)


def _antecedent_in_sentence(att: Attribution, text: str, lexicon: Lexicon) -> Attribution:
    """'Bloggers shared a video that they said showed ...': 'they' in a relative clause is the subject
    the sentence opened with, when it agrees in number, not someone from an earlier sentence."""
    pronoun = att.source_text.casefold()
    if pronoun not in {"they", "he", "she", "it"} or not RELATIVE_PRONOUN.search(text[: att.source_start]):
        return att
    subject = leading_noun_phrase(text[: att.source_start], lexicon)
    if subject is None or not plausible_source(subject, lexicon) or subject.casefold() == pronoun:
        return att
    plural = subject.split()[-1].casefold().endswith("s")
    if plural != (pronoun == "they"):
        return att
    start = text.find(subject)
    # "The defence ministry in Moscow released a video that it said ...": the place says whose ministry
    locatives = "|".join(sorted(words_of(lexicon).locatives))
    located = re.match(rf"\s+(?:{locatives})\s+[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)?", text[start + len(subject) :])
    if located:
        subject += located.group(0)
    return replace(att, source_text=subject, source_start=start, mention="")


def _read_sentence(
    sentence: Sentence, article: Article, ctx: _Context, lexicon: Lexicon, masked: str | None = None
) -> SentenceReading:
    if len(sentence.text) > MAX_SENTENCE_CHARS:
        # wire sentences run to a few hundred characters; a run-on "sentence" of pasted text is not read,
        # which keeps extraction linear in the size of the input
        return SentenceReading(sentence, (), (), ())
    atts = _embedded_first(find_attributions(sentence.text, lexicon, masked))
    resolved: dict[int, Actor] = {}
    skipped: list[tuple[Attribution, str]] = []
    claims: list[Claim] = []
    atts = [_antecedent_in_sentence(att, sentence.text, lexicon) for att in atts]
    for i, att in enumerate(atts):
        actor = resolve_source(
            att.source_text, lexicon, ctx.recent, att.description, _side_hint(atts, resolved, ctx), ctx.genders
        )
        if actor is None:
            skipped.append((att, "pronoun with no earlier source to refer to"))
            continue
        resolved[i] = actor
        reason = _skip_reason(att, lexicon)
        mention = f"{att.source_mention} {att.description or ''}"
        if reason:
            skipped.append((att, reason))
            ctx.remember(actor, mention)
            continue
        claims.append(_claim_from(att, actor, sentence, atts, article, ctx, claims, lexicon))
        ctx.remember(actor, mention)
    claims = _dedupe(claims)
    claims = _dated_by_paragraph(claims, sentence, article, ctx)
    if not atts:
        subject = _narration_subject(sentence, lexicon)
        if subject:
            actor = resolve_source(subject, lexicon, ctx.recent) if plausible_source(subject, lexicon) else None
            if actor is not None and (
                lexicon.actor_named(actor.name) or actor.kind != "organisation" or actor.side != "unknown"
            ):
                ctx.remember(actor, subject)
    notes: tuple[str, ...] = ()
    if not claims and (
        is_verification_note(sentence.text, lexicon) or is_non_response(sentence.text, lexicon) or skipped
    ):
        notes = (sentence.text,)
    return SentenceReading(sentence, tuple(claims), tuple(skipped), notes)


def _attach_note(note: str, claims: list[Claim], lexicon: Lexicon) -> list[Claim]:
    """A verification note qualifies the claims it names (of the last LOOKBACK_CLAIMS), else those
    of the sentence just before it."""
    if not claims:
        return claims
    window = range(max(0, len(claims) - LOOKBACK_CLAIMS), len(claims))
    named = re.search(r"([\w-]+)['’]s\s+(?:statement|claim|account|report)", note)
    targets = []
    if named:
        targets = [
            i
            for i in window
            if named.group(1).casefold() in (claims[i].actor.casefold() + " " + claims[i].source_text.casefold())
        ]
    if not targets:
        last_sentence = claims[-1].sentence.index
        # claims come in reading order: the last sentence's are the last ones
        first = len(claims) - 1
        while first > 0 and claims[first - 1].sentence.index == last_sentence:
            first -= 1
        targets = list(range(first, len(claims)))
    for i in targets:
        claims[i] = replace(claims[i], notes=unique([*claims[i].notes, note]))
    return claims


def _own_places(claim: Claim, lexicon: Lexicon) -> list[TermMention]:
    """Places the sentence names outside the source ('Kyiv said' names a government, not a place)."""
    source = claim.sentence.text.find(claim.source_text) if claim.source_text else -1
    return [
        p
        for p in find_places(claim.sentence.text, lexicon)
        if p.kind != "country" and not (source >= 0 and source <= p.start < source + len(claim.source_text))
    ]


def _topic(article: Article, sentences: list[Sentence], lexicon: Lexicon) -> list[str]:
    """The one place a single-subject article is about (title and lead), with the title's
    subjects; nothing for a roundup whose lead names several places."""
    lead = f"{article.title or ''}\n{sentences[0].text if sentences else ''}"
    places = [
        t
        for t in find_places(lead, lexicon)
        if t.kind not in {"country", "sea", "river"} and lexicon.actor_named(t.name) is None
    ]  # "Moscow said": a source, not a topic
    names = {t.name for t in places}
    parents = set(parent_regions(sorted(names), lexicon))
    main = {n for n in names if n not in parents}
    if len(main) != 1:
        return []
    subjects = [t.name for t in find_terms(article.title or "", lexicon) if t.kind == "subject"]
    return [*sorted(names), *subjects]


def _with_context_terms(
    claims: list[Claim], sentences: list[Sentence], article: Article, lexicon: Lexicon
) -> list[Claim]:
    """Add what the claim sits in: its paragraph's terms (in a paragraph of more than a hundred
    sentences, those of the PARAGRAPH_WINDOW sentences either side), the places of the last sentence
    that named one (when it names none), the article's topic (title and lead) and parent regions."""
    names_of: list[list[str]] = []  # each sentence's terms, by its index
    by_paragraph: dict[int, list[int]] = {}  # paragraph -> its sentences
    places_before: dict[int, list[str]] = {}
    last_places: list[str] = []
    for sentence in sentences:
        terms = find_terms(sentence.text, lexicon)
        names_of.append([t.name for t in terms])
        by_paragraph.setdefault(sentence.paragraph, []).append(sentence.index)
        places_before[sentence.index] = last_places
        places = [t.name for t in terms if t.kind not in {"subject", "country"}]
        if places:
            last_places = places
    paragraph_terms: dict[int, tuple[str, ...]] = {}

    def terms_around(sentence: Sentence) -> tuple[str, ...]:
        members = by_paragraph.get(sentence.paragraph, [])
        if len(members) <= 2 * PARAGRAPH_WINDOW + 1:
            if sentence.paragraph not in paragraph_terms:
                paragraph_terms[sentence.paragraph] = unique([n for i in members for n in names_of[i]])
            return paragraph_terms[sentence.paragraph]
        first, last = max(members[0], sentence.index - PARAGRAPH_WINDOW), sentence.index + PARAGRAPH_WINDOW
        return unique([n for i in range(first, min(last, members[-1]) + 1) for n in names_of[i]])

    topic = _topic(article, sentences, lexicon)
    result = []
    for claim in claims:
        context = list(terms_around(claim.sentence))
        follow_up = claim.source_text.casefold() in {"he", "she", "it", "they"}
        if follow_up or not any(
            p
            for p in find_places(claim.sentence.text, lexicon)
            if p in _own_places(claim, lexicon) or p.kind == "country"
        ):
            context.extend(places_before.get(claim.sentence.index, []))
        context.extend(o.subject for o in claim.outcomes if not o.subject.startswith("operation:"))
        context.extend(topic)
        context.extend(parent_regions([*claim.about, *context], lexicon))
        result.append(replace(claim, context_about=unique([t for t in context if t not in claim.about])))
    return result


@dataclass(frozen=True)
class _Quotations:
    """The article's quotations: its masked text, and the quotations that run over several sentences."""

    masked: str
    runs: dict[int, tuple[int, int]]  # sentence index -> the quotation it is part of
    run_end: dict[tuple[int, int], int]  # a quotation over several sentences -> where its last sentence ends
    starting_at: dict[int, tuple[int, int]]  # offset -> the quotation that opens there
    run_last: dict[tuple[int, int], int]  # a quotation over several sentences -> the last sentence it runs

    @classmethod
    def of(cls, body: str, sentences: list[Sentence]) -> _Quotations:
        spans = quote_spans(body)
        runs: dict[int, tuple[int, int]] = {}
        run_end: dict[tuple[int, int], int] = {}
        first = 0
        for span in spans:
            while first < len(sentences) and sentences[first].end <= span[0]:
                first += 1
            covered = []
            for position in range(first, len(sentences)):
                if sentences[position].start >= span[1]:
                    break
                covered.append(sentences[position])
            if len(covered) > 1:
                runs.update(dict.fromkeys((s.index for s in covered), span))
                run_end[span] = covered[-1].end
        run_last: dict[tuple[int, int], int] = {}
        for index, span in runs.items():  # a sentence shared by two quotations belongs to the second
            run_last[span] = max(run_last.get(span, index), index)
        return cls(mask_quotes(body, spans), runs, run_end, {span[0]: span for span in spans}, run_last)

    def masked_text(self, sentence: Sentence) -> str:
        return self.masked[sentence.start : sentence.end]


def _voices(claim: Claim, span: tuple[int, int]) -> bool:
    """Does the claim's content lie in the quotation (so its speaker speaks the whole quotation)?"""
    found = claim.sentence.text.find(claim.content[:60]) if claim.content else -1
    if found < 0:
        return False
    start = claim.sentence.start + found
    return start < span[1] and start + len(claim.content) > span[0]


def _quotation_speaker(
    span: tuple[int, int],
    sentences: list[Sentence],
    article: Article,
    ctx: _Context,
    lexicon: Lexicon,
    quotes: _Quotations,
) -> Claim | None:
    """'"We hold. We will not leave," the commander said.': the cue comes after the quotation's first
    sentences; read the sentence where the quotation ends (on a copy of the context) to learn who speaks."""
    last = sentences[quotes.run_last[span]]
    peek = replace(ctx, recent=list(ctx.recent))
    reading = _read_sentence(last, article, peek, lexicon, quotes.masked_text(last))
    return next((c for c in reading.claims if _voices(c, span)), None)


IMPERATIVE = re.compile(
    r"(?:Don['’]t|Do\s+not|Let['’]s|Let\s+us|Please|Believe|Think|Imagine|Look|Remember|Tell|Listen)\b"
)


def _asserts(text: str) -> bool:
    """A quoted sentence with no cue of its own is a claim only if it states something: not a
    question, an order or a two-word fragment ("Absolutely.")."""
    bare = text.strip(" \"“”'‘’")
    return (
        len(bare.split()) > 2
        and not bare.endswith("?")
        and IMPERATIVE.match(bare) is None
        and VOW.match(bare) is None
        and CONDITIONAL.match(bare) is None
    )


def _quoted_without_cue(
    reading: SentenceReading,
    ctx: _Context,
    quotes: _Quotations,
    speakers: dict[tuple[int, int], Claim | None],
    find_speaker: Callable[[tuple[int, int]], Claim | None],
    lexicon: Lexicon,
) -> SentenceReading:
    """A sentence of a quotation whose cue is elsewhere: a floating quotation after a quoted claim
    ('"We have no power," the mayor said. "Water will run out."'), or a sentence of a quotation of
    several sentences. It becomes the speaker's claim when it states something."""
    sentence = reading.sentence
    if reading.claims or reading.skipped:
        run = quotes.runs.get(sentence.index)
        voiced = [c for c in reading.claims if run is not None and _voices(c, run)]
        if run is not None and voiced:
            speakers[run] = voiced[0]
        return reading
    run = quotes.runs.get(sentence.index)
    speaker: Claim | None = None
    rule, cue = "multi-sentence-quote", ""
    if ctx.claims and _is_floating_quote(sentence, ctx.claims[-1], quotes):
        speaker, rule, cue = ctx.claims[-1], "floating-quote", "(continued quotation)"
        if run is not None:
            speakers[run] = speaker
    elif run is not None:
        if run not in speakers:
            speakers[run] = find_speaker(run)
        speaker = speakers[run]
    if speaker is None or not _asserts(sentence.text):
        return reading
    continued = _continued(speaker, sentence, rule, cue or speaker.cue, lexicon)
    return replace(reading, claims=(continued,), notes=())


def read_article(article: Article, lexicon: Lexicon) -> list[SentenceReading]:
    """Every sentence with what was found in it, in order."""
    sentences = split_sentences(article.body)
    quotes = _Quotations.of(article.body, sentences)
    ctx = _Context()
    lead = [p.name for s in sentences[:2] for p in find_places(s.text, lexicon) if p.kind not in {"country", "region"}]
    ctx.lead_event = lead[0] if lead else None
    towns = [
        t for t in _topic(article, sentences, lexicon) if (p := lexicon.place_named(t)) and p.kind in SETTLEMENT_KINDS
    ]
    ctx.topic_place = towns[0] if len(towns) == 1 else None
    readings = []
    speakers: dict[tuple[int, int], Claim | None] = {}
    for sentence in sentences:
        reading = _read_sentence(sentence, article, ctx, lexicon, quotes.masked_text(sentence))
        reading = _quoted_without_cue(
            reading,
            ctx,
            quotes,
            speakers,
            lambda run: _quotation_speaker(run, sentences, article, ctx, lexicon, quotes),
            lexicon,
        )
        ctx.claims.extend(reading.claims)
        for note in reading.notes:
            ctx.claims = _attach_note(note, ctx.claims, lexicon)
        for claim in reading.claims:
            ctx.outcome_places.extend(o.subject for o in claim.outcomes if _settles(o, lexicon))
        ctx.places.extend(p.name for p in find_places(sentence.text, lexicon) if p.kind in SETTLEMENT_KINDS)
        readings.append(reading)
    final = _with_context_terms(ctx.claims, sentences, article, lexicon)
    by_index: dict[int, list[Claim]] = {}
    for claim in final:
        by_index.setdefault(claim.sentence.index, []).append(claim)
    return [replace(r, claims=tuple(by_index.get(r.sentence.index, []))) for r in readings]


def extract_claims(article: Article, lexicon: Lexicon) -> list[Claim]:
    """Every attributed claim in the article, in reading order."""
    return [claim for reading in read_article(article, lexicon) for claim in reading.claims]


def explain_sentence(
    text: str, lexicon: Lexicon, context: str | None = None, published: dt.date | None = None
) -> SentenceReading:
    """Read one sentence (after an optional previous one) as the extractor would."""
    body = f"{context.strip()}\n{text.strip()}" if context else text.strip()
    readings = read_article(Article(body=body, published=published), lexicon)
    return readings[-1] if readings else SentenceReading(Sentence(text, 0, len(text)), (), (), ())
