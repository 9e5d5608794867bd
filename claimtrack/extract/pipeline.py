"""The pipeline of the extractor (see the package's docstring): sentences, attributions, actors,
and everything status needs, for one article at a time.

Here: reading the article sentence by sentence and building each claim. The document's context
is in document_context.py, what a denial or confirmation points at in targets.py, stance and
what is no claim in polarity.py, dates, fallback places and context terms in dates_and_places.py,
and quotations with no cue of their own in quote_speakers.py."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import replace

from claimtrack.extract.about import find_places, find_terms, unique
from claimtrack.extract.actors import resolve_source
from claimtrack.extract.attribution import find_attributions
from claimtrack.extract.dates_and_places import (
    SETTLEMENT_KINDS,
    _dated_by_paragraph,
    _event_key,
    _fallback_place,
    _inside_source,
    _pick_date,
    _settles,
    _topic,
    _with_context_terms,
)
from claimtrack.extract.document_context import (
    EMBEDDED_RULES,
    LOOKBACK_CLAIMS,
    RECENT_ACTORS,
    SentenceReading,
    _Context,
    _Earlier,
)
from claimtrack.extract.outcomes import find_outcomes, find_quantities
from claimtrack.extract.phrases import leading_noun_phrase, plausible_source, words_of
from claimtrack.extract.polarity import _cue_stance, _skip_reason, _with_polarity
from claimtrack.extract.quote_speakers import _Quotations, _quoted_without_cue, _voices
from claimtrack.extract.quotes import mask_quotes
from claimtrack.extract.sentences import split_sentences
from claimtrack.extract.stance import (
    hedges_in,
    is_future,
    is_non_response,
    is_uncertain,
    is_verification_note,
    stance_of,
)
from claimtrack.extract.targets import _find_target, is_as_complement, names_claim
from claimtrack.lexicon import Lexicon, shipped_alternation, shipped_table
from claimtrack.models import Actor, Article, Attribution, Claim, Outcome, Sentence, Stance

MAX_SENTENCE_CHARS = 3000
STANCE_RANK = {Stance.DENY: 2, Stance.CONFIRM: 1, Stance.ASSERT: 0}
# the public names, with those other modules and tests import from here (now in document_context.py)
__all__ = [
    "LOOKBACK_CLAIMS",
    "MAX_SENTENCE_CHARS",
    "RECENT_ACTORS",
    "SentenceReading",
    "_Context",
    "_Earlier",
    "explain_sentence",
    "extract_claims",
    "read_article",
]


def _side_hint(atts: list[Attribution], resolved: dict[int, Actor], ctx: _Context) -> str | None:
    for actor in resolved.values():
        if actor.side != "unknown":
            return actor.side
    for actor in reversed(ctx.recent):
        if actor.side != "unknown":
            return actor.side
    return None


def _merge(first: Claim, second: Claim, lexicon: Lexicon) -> Claim:
    """Two cues of one source in one sentence make one claim. When one of them accuses ('said his
    fighters had pulled out ..., and he accused the army of ...'), the claim holds an accusation
    that no outcome settles: like a hedged claim, it is not confirmed as a whole."""
    accusing = set(lexicon.words("hedges", "accusing_cues"))
    two = bool(first.content) and second.content not in first.content
    bundles = two and bool({first.cue.casefold(), second.cue.casefold()} & accusing)
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
        hedged=first.hedged or second.hedged or bundles,
        quantities=first.quantities + tuple(q for q in second.quantities if q not in first.quantities),
        outcomes=first.outcomes + tuple(o for o in second.outcomes if o not in first.outcomes),
        target=first.target if first.target is not None else second.target,
        target_relation=first.target_relation or second.target_relation,
        future=first.future and second.future,
        event_date=first.event_date or second.event_date,
    )


def _dedupe(claims: list[Claim], lexicon: Lexicon) -> list[Claim]:
    merged: list[Claim] = []
    for claim in claims:
        same = next((i for i, c in enumerate(merged) if c.actor == claim.actor), None)
        if same is None:
            merged.append(claim)
        else:
            merged[same] = _merge(merged[same], claim, lexicon)
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
        denies_this_sentences_claim = att.target_hint == "sentence" and claim.stance is Stance.DENY
        if denies_this_sentences_claim:
            outcomes = ()
        claim = _with_polarity(replace(claim, outcomes=outcomes), att, lexicon)
        if denies_this_sentences_claim and target is not None:
            # "Moscow said it had taken Pokrovsk, a claim Ukraine's military called a lie": the content is
            # the claim's, and what the denial says is that its outcomes did not happen
            claim = replace(claim, outcomes=_denied_outcomes(_Earlier(ctx.claims, sentence_claims)[target].outcomes))
        if _points_elsewhere(claim, _Earlier(ctx.claims, sentence_claims)):
            claim = replace(claim, target=None)  # its outcome's own link (denies-outcome) still finds the claim
    return claim


DENIABLE_KINDS = frozenset({"control", "partial", "presence", "losses"})


def _denied_outcomes(outcomes: Sequence[Outcome]) -> tuple[Outcome, ...]:
    """The outcomes a denial of a claim says did not happen: its plain ones of a yes-or-no kind (who
    holds a place, whose troops are there, whose aircraft were lost), not its own denials."""
    return tuple(replace(o, denied=True) for o in outcomes if o.kind in DENIABLE_KINDS and not o.denied)


def _points_elsewhere(claim: Claim, earlier: _Earlier) -> bool:
    """'There is no truth in the rumours that Bukavu has fallen': a denial that says what it denies points
    at a claim of that outcome, not at the last claim that merely named Bukavu ('captured the airport at
    Kavumu, north of Bukavu')."""
    relation = claim.target_relation or ""
    places = {o.subject for o in claim.outcomes if o.kind in {"control", "partial"}}
    if claim.stance is not Stance.DENY or claim.target is None or not places:
        return False
    if relation in {"antecedent", "repeats", "same sentence", "conceded"} or relation.startswith("embedded"):
        return False
    return not places & {o.subject for o in earlier[claim.target].outcomes}


def _narration_subject(sentence: Sentence, lexicon: Lexicon) -> str | None:
    """The noun phrase a narrative sentence opens with ('Kharkiv Governor Oleh Syniehubov toured ...'),
    so that 'He said ...' in the next sentence can point back to it."""
    return leading_noun_phrase(mask_quotes(sentence.text), lexicon)


def _embedded_first(atts: list[Attribution]) -> list[Attribution]:
    """'Kyiv denied claims by the General Staff that ...': the embedded claim is read before the
    denial that reports it, so the denial can point at it."""

    def inside(att: Attribution) -> bool:
        if att.rule in EMBEDDED_RULES:
            return any(o is not att and o.content_start <= att.cue_start < o.content_end for o in atts)
        # 'dismissed as "another lie" a Pakistani claim that ...': the claim is the denial's object
        return names_claim(att.cue) and any(
            o is not att and is_as_complement(o.content) and o.content_end <= att.cue_start for o in atts
        )

    return sorted(atts, key=lambda att: not inside(att))


RELATIVE_PRONOUN = re.compile(r"\b(?:that|which|who|whom)\s+$", re.IGNORECASE)
ACTOR_PRONOUNS = frozenset(shipped_table("words.pronoun_kinds"))  # he, she, it, they


def _antecedent_in_sentence(att: Attribution, text: str, lexicon: Lexicon) -> Attribution:
    """'Bloggers shared a video that they said showed ...': 'they' in a relative clause is the subject
    the sentence opened with, when it agrees in number, not someone from an earlier sentence."""
    pronoun = att.source_text.casefold()
    if pronoun not in ACTOR_PRONOUNS or not RELATIVE_PRONOUN.search(text[: att.source_start]):
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
    claims = _dedupe(claims, lexicon)
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
    named = re.search(rf"([\w-]+)['’]s\s+(?:{shipped_alternation('words.noted_claim_nouns')})", note)
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
