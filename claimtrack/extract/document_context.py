"""What the pipeline keeps while it reads one document: the speakers so far (for pronouns and
descriptions), the places, the claims (`_Context`), the window of earlier claims a sentence may
point at (`_Earlier`), and how one sentence was read (`SentenceReading`)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, replace

from claimtrack.extract.actors import gender_of, person_mention
from claimtrack.models import Actor, Attribution, Claim, EventDate, Sentence

# What one sentence looks back at is a window of its neighbours, far wider than any article needs,
# so that the work per sentence is bounded and extraction stays linear in the size of a document
# (a 5 MB page of short claims is read like five thousand articles, not one of them squared).
LOOKBACK_CLAIMS = 100  # earlier claims a denial, a repetition, 'those reports' or a note can point at
RECENT_ACTORS = 64  # speakers a pronoun or a description ('the ministry') can point back to
PARAGRAPH_WINDOW = 50  # in a paragraph of more sentences, a claim shares the terms of this many either side
EMBEDDED_RULES = frozenset({"noun-cue", "embedded-claim"})


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
