"""When and where a claim is set: its event date (from its sentence, else the day its paragraph
last named), the place an outcome with no place of its own is about, the event a blame is about,
the places and topic of the article, and the context terms a claim sits in (paragraph, previous
places, topic, parent regions)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from claimtrack.extract.about import TermMention, find_places, find_terms, parent_regions, unique
from claimtrack.extract.dates import find_event_dates
from claimtrack.extract.document_context import PARAGRAPH_WINDOW, _Context
from claimtrack.extract.outcomes import FACILITY_KINDS
from claimtrack.lexicon import Lexicon, shipped_alternation, shipped_table, shipped_words
from claimtrack.models import Article, Attribution, Claim, EventDate, Outcome, Sentence

SINCE = re.compile(r"(?:since|until|till)\b", re.IGNORECASE)
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
    mentions = [
        m
        for m in mentions
        if not REFERENCE_DATE.search(sentence.text[max(0, m.start - 40) : m.start])
        and not SINCE.match(m.date.words)  # "killed since Jan. 26": a count up to when it was said
    ]
    mentions = [m for m in mentions if not BACKGROUND_CLAUSE.search(sentence.text[max(0, m.start - 80) : m.start])]
    inside = [m for m in mentions if att.content_start <= m.start < att.content_end]
    if inside:
        return inside[0].date
    foreign = [(o.content_start, o.content_end) for o in others if o is not att]
    outside = [m for m in mentions if not any(s <= m.start < e for s, e in foreign)]
    if not outside:
        return None
    return min(outside, key=lambda m: abs(m.start - att.cue_start)).date


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


DEICTIC_PLACE = re.compile(
    rf"\b(?:the|this|that)\s+(?:{shipped_alternation('words.event_pointer_places')})\b|\b(?:it|there)\b",
    re.IGNORECASE,
)
SETTLEMENT_KINDS = shipped_words("words.settlement_kinds")
ACTOR_PRONOUNS = frozenset(shipped_table("words.pronoun_kinds"))  # he, she, it, they


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


def _inside_source(term: TermMention, att: Attribution) -> bool:
    """'Ukraine's General Staff said': Ukraine names the speaker, not what the claim is about."""
    return att.source_start <= term.start < att.source_start + len(att.source_mention) and bool(att.source_text)


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
        follow_up = claim.source_text.casefold() in ACTOR_PRONOUNS
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
