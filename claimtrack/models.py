"""Plain data shared by every stage: frozen dataclasses and enums, no behaviour."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum

UNKNOWN_SIDE = "unknown"  # the side of a source no rule or actor could place
MAX_ROW_ID = 2**63 - 1  # SQLite's largest integer: no larger id names a row


class Stance(StrEnum):
    ASSERT = "assert"
    DENY = "deny"
    CONFIRM = "confirm"


class Status(StrEnum):
    CONFIRMED = "confirmed"
    DISPUTED = "disputed"
    UNVERIFIED = "unverified"


# the order listings and summaries name statuses in; disputes first where they lead a summary
STATUS_ORDER: tuple[Status, ...] = (Status.CONFIRMED, Status.DISPUTED, Status.UNVERIFIED)
DISPUTED_FIRST: tuple[Status, ...] = (Status.DISPUTED, Status.CONFIRMED, Status.UNVERIFIED)


class Precision(StrEnum):
    DAY = "day"
    SPAN = "span"
    MONTH = "month"
    YEAR = "year"


class Relation(StrEnum):
    CORROBORATES = "corroborates"
    CONTRADICTS = "contradicts"
    DENIES = "denies"
    CONFIRMS = "confirms"


@dataclass(frozen=True)
class Article:
    """One news article: its body and the metadata from front matter or options."""

    body: str
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: dt.date | None = None
    published_text: str | None = None
    origin: str = "<text>"


@dataclass(frozen=True)
class Sentence:
    """A sentence of the body; `start`/`end` are offsets into `Article.body`."""

    text: str
    start: int
    end: int
    paragraph: int = 0
    index: int = 0


@dataclass(frozen=True)
class EventDate:
    """When a claimed event happened, resolved against the publication date.

    `start`/`end` are None when there was no publication date to resolve against;
    `words` always keeps the phrase the date came from.
    """

    words: str
    start: dt.date | None = None
    end: dt.date | None = None
    precision: Precision = Precision.DAY

    @property
    def iso(self) -> str | None:
        if self.start is None:
            return None
        if self.precision is Precision.MONTH:
            return self.start.strftime("%Y-%m")
        if self.precision is Precision.YEAR:
            return str(self.start.year)
        if self.precision is Precision.SPAN and self.end and self.end != self.start:
            return f"{self.start.isoformat()}/{self.end.isoformat()}"
        return self.start.isoformat()


@dataclass(frozen=True)
class Quantity:
    """A count inside a claim: `what` is a normalised class ("drones", "killed", "area")."""

    what: str
    low: float
    high: float
    words: str
    owner: str | None = None
    # "at least" (no upper end), "up to" (no lower end), "subset" (part of a total: "eight of the dead"),
    # "subgroup" (a toll of one group: "two children"), "cumulative", "denied", or ""
    bound: str = ""


@dataclass(frozen=True)
class Actor:
    """A known source: canonical name, the side it speaks for, and its kind."""

    name: str
    side: str
    kind: str = "organisation"  # "person" | "organisation" | "group"
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Outcome:
    """What a claim says about an outcome, reduced to who it favours.

    `kind` is "control" (who holds a place), "operation" (whether a side's
    operation goes on), or "blame" (who caused an event); `subject` is the
    place or event key; `favours` is the side the outcome favours (the holder,
    the side whose operation goes on, the side blamed). `denied` marks an
    outcome the claim says is false ("denied that Russian forces took X",
    "X has not been captured"): it disputes claims of that outcome and never
    confirms or admits anything.
    """

    kind: str
    subject: str
    favours: str
    words: str
    denied: bool = False
    holds: bool = False  # said of a side that still holds (part of) a place: "still held part of X"


@dataclass(frozen=True)
class Claim:
    """One attributed claim found in an article, before it is stored."""

    sentence: Sentence
    source_text: str
    actor: str
    side: str
    cue: str
    stance: Stance
    content: str
    rule: str
    actor_kind: str = "organisation"
    channel: str | None = None
    target_hint: str | None = None
    hedges: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    event_date: EventDate | None = None
    about: tuple[str, ...] = ()
    context_about: tuple[str, ...] = ()
    quantities: tuple[Quantity, ...] = ()
    outcomes: tuple[Outcome, ...] = ()
    future: bool = False
    target: int | None = None
    target_relation: str | None = None
    hedged: bool = False  # an uncertain hedge ("may have", "reportedly"): it confirms no other claim


@dataclass(frozen=True)
class ClaimFacts:
    """What linking and status need to know of one stored claim."""

    id: int
    actor: str
    side: str
    stance: Stance
    sentence_key: str
    outcomes: tuple[Outcome, ...] = ()
    quantities: tuple[Quantity, ...] = ()
    own_places: frozenset[str] = frozenset()
    context_places: frozenset[str] = frozenset()
    target: int | None = None
    target_relation: str | None = None
    verdict: Status | None = None
    verdict_note: str | None = None
    label: str = ""
    group: int = 0  # the first report of the same claim; 0 means the claim is its own group
    content: str = ""
    document: int = 0
    event: str | None = None
    published: str | None = None
    hedged: bool = False  # "may have", "reportedly": such a claim never confirms another
    document_hash: str = ""  # which article, whatever order articles arrived in

    @property
    def group_key(self) -> int:
        return self.group or self.id


@dataclass(frozen=True)
class Link:
    """A relation from one claim to another, with the rule and words that made it."""

    source_key: int
    target_key: int
    relation: Relation
    rule: str
    evidence: str = ""
    subject: str = ""  # what the link is about: a place or event, "count:killed"; "" for the whole claim


@dataclass(frozen=True)
class StatusResult:
    status: Status
    reason: str
    basis: tuple[int, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class Attribution:
    """A cue in one sentence with the source it names and the content it reports.

    Offsets are relative to the sentence text. `source_text` may be a pronoun
    or a bare role ("the ministry"); actors.py resolves it with the document's
    context. `same_as_previous` marks a cue that shares the subject of the cue
    before it ("... and said", "..., saying"). `mention` is the whole phrase that
    names the source, appositives included ("Anna Koval, co-founder of the
    monitoring group Lines"); empty when it is just `source_text`.
    """

    source_text: str
    cue: str
    cue_start: int
    content: str
    content_start: int
    content_end: int
    rule: str
    source_start: int = 0
    description: str | None = None
    channel: str | None = None
    target_hint: str | None = None
    negated: bool = False
    same_as_previous: bool = False
    mention: str = ""

    @property
    def source_mention(self) -> str:
        return self.mention or self.source_text


@dataclass(frozen=True)
class StoredClaim:
    """A claim as the ledger holds it, ready for display or export."""

    id: int
    document_id: int
    document: str
    title: str | None
    outlet: str | None
    url: str | None
    published: str | None
    source: str
    source_text: str
    source_aliases: tuple[str, ...]
    side: str
    stance: Stance
    cue: str
    content: str
    sentence: str
    sentence_start: int
    sentence_end: int
    rule: str
    status: Status
    status_reason: str
    event_date: str | None
    event_words: str | None
    about: tuple[str, ...]
    context_about: tuple[str, ...]
    notes: tuple[str, ...]
    hedges: tuple[str, ...]
    quantities: tuple[Quantity, ...]
    outcomes: tuple[Outcome, ...]
    channel: str | None
    target_id: int | None
    verdict: Status | None = None
    sides_behind: int = 1
    outlets: int = 1
    report_of: int | None = None
    reports: int = 1
    first_reported: str | None = None


@dataclass(frozen=True)
class StoredLink:
    source_id: int
    target_id: int
    relation: Relation
    rule: str
    evidence: str
    document_id: int | None
    subject: str = ""  # what the link is about: a place or event, "count:killed"; "" for the whole claim


@dataclass(frozen=True)
class HistoryEntry:
    claim_id: int
    old_status: str | None
    new_status: str
    reason: str
    document_id: int | None
    document: str | None
    changed_at: str


@dataclass(frozen=True)
class ActorCount:
    name: str
    side: str
    kind: str
    aliases: tuple[str, ...]
    claims: int
    origin: str


@dataclass(frozen=True)
class Verdict:
    """An analyst's judgement of a claim; active until cleared or superseded."""

    id: int
    claim_id: int
    status: str
    note: str
    evidence: tuple[str, ...]
    analyst: str | None
    created_at: str
    cleared_at: str | None
    superseded_by: int | None

    @property
    def active(self) -> bool:
        return self.cleared_at is None and self.superseded_by is None


@dataclass(frozen=True)
class DocumentSummary:
    """A stored document as `documents` lists it: where it came from and how many claims it holds."""

    id: int
    origin: str
    title: str | None
    outlet: str | None
    url: str | None
    published: str | None
    ingested_at: str
    claims: int
