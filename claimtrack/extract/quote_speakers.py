"""Who speaks a sentence of a quotation that has no cue of its own: a quotation over several
sentences (its speaker is named where it ends), or a floating quotation that continues the last
speaker ('"We have no power," the mayor said. "Water will run out."')."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from claimtrack.extract.about import find_terms, unique
from claimtrack.extract.document_context import SentenceReading, _Context
from claimtrack.extract.outcomes import find_quantities
from claimtrack.extract.polarity import CONDITIONAL, VOW
from claimtrack.extract.quotes import mask_quotes, quote_spans
from claimtrack.extract.stance import hedges_in, is_uncertain, stance_of
from claimtrack.lexicon import Lexicon, shipped_alternation
from claimtrack.models import Claim, Sentence, Stance


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


IMPERATIVE = re.compile(rf"(?:{shipped_alternation('words.imperative_openings')})\b")


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
