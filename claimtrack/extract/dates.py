"""Event dates in news sentences, resolved against the publication date.

Handles the date idioms of wire copy: weekdays ("on Friday", "last Saturday",
"overnight into Saturday"), relative words ("yesterday", "this week", "last month",
"in the past 24 hours"), month names ("last October", "in September 2022") and
explicit days ("on August 28", "28 August 2023", "2024-01-29").

Example: with publication date Saturday 2025-02-08, "The governor said on Friday
that ..." gives ``EventDate(words="on Friday", start=2025-02-07, end=2025-02-07)``.

Each idiom is one (regex, resolver) entry in ``_RULES``; overlapping matches keep
the longest. Relative expressions never resolve later than the publication date;
explicit days may. Without a publication date, mentions are still found but carry
no dates. MONTH and YEAR results span the whole month or year.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from dateutil.relativedelta import FR, MO, SA, SU, TH, TU, WE, relativedelta

from claimtrack.lexicon import shipped_alternation, shipped_sequence, shipped_table
from claimtrack.models import EventDate, Precision

__all__ = ["DateMention", "find_event_dates", "resolve_event_date"]


@dataclass(frozen=True)
class DateMention:
    """A date expression found in a sentence: `text[start:end] == date.words`."""

    start: int
    end: int
    date: EventDate


Resolved = tuple[dt.date, dt.date, Precision]
Resolver = Callable[[re.Match[str], dt.date], Resolved]

_WEEKDAY_NAMES = shipped_sequence("words.weekdays")
_RD_WEEKDAYS = (MO, TU, WE, TH, FR, SA, SU)
_FULL_MONTHS = shipped_sequence("words.months")
_MONTH_ABBREVIATIONS = {abbr: int(number) for abbr, number in shipped_table("words.month_abbreviations").items()}
_MONTH_NUMBERS: dict[str, int] = {
    **{name.lower(): i for i, name in enumerate(_FULL_MONTHS, start=1)},
    **{abbr.lower(): number for abbr, number in _MONTH_ABBREVIATIONS.items()},
}

# --- regex pieces (no nested quantifiers: every pattern runs in linear time) ---
_WD = r"(?P<wd>" + "|".join(_WEEKDAY_NAMES) + r")"
_WD_ANY = r"(?i:" + "|".join(_WEEKDAY_NAMES) + r")"
_TOD = rf"(?:\s+(?:{shipped_alternation('words.times_of_day', in_order=True)}))?"
_FULL_MON = r"(?P<mon>" + "|".join(_FULL_MONTHS) + r")\b"
_ANY_MON = (
    r"(?P<mon>" + "|".join(_FULL_MONTHS)
    + "".join("|" + re.escape(abbr) for abbr in _MONTH_ABBREVIATIONS)
    + r")\b\.?"
)  # fmt: skip
_DAY = r"(?P<day>3[01]|[12][0-9]|0?[1-9])(?:st|nd|rd|th)?\b"
_YEAR = r"(?P<year>[0-9]{4})\b"
_ON = r"(?:(?i:on|as\s+of|by|since)\s+)"
_LEAD = r"(?:(?i:in|since|during|until|by|from)\s+)"
_PART = r"(?:(?i:early|late|mid)(?:\s+|-))"
_NO_MAY_MARCH = r"(?!May\b|March\b)"  # verbs/nouns unless a day, year or lead word marks them


# --- date arithmetic -------------------------------------------------------------
def _day(d: dt.date) -> Resolved:
    return d, d, Precision.DAY


def _span(start: dt.date, end: dt.date) -> Resolved:
    return start, end, Precision.SPAN


def _month(year: int, month: int) -> Resolved:
    first = dt.date(year, month, 1)
    return first, first + relativedelta(months=1, days=-1), Precision.MONTH


def _year(year: int) -> Resolved:
    return dt.date(year, 1, 1), dt.date(year, 12, 31), Precision.YEAR


def _weekday_on_or_before(published: dt.date, name: str) -> dt.date:
    wd = _RD_WEEKDAYS[_WEEKDAY_NAMES.index(name.lower())]
    return published + relativedelta(weekday=wd(-1))


def _month_on_or_before(published: dt.date, month: int) -> Resolved:
    return _month(published.year if month <= published.month else published.year - 1, month)


def _month_number(m: re.Match[str]) -> int:
    return _MONTH_NUMBERS[m.group("mon").lower()]


def _infer_year(published: dt.date, month: int, day: int) -> int:
    """The publication year, or the year before if that puts the day > 6 months ahead."""
    candidate = dt.date(published.year, month, 1) + relativedelta(day=day)  # clamps Feb 29
    if candidate - relativedelta(months=6) > published:
        return published.year - 1
    return published.year


# --- resolvers: one per rule ----------------------------------------------------------
def _resolve_weekday(m: re.Match[str], published: dt.date) -> Resolved:
    return _day(_weekday_on_or_before(published, m.group("wd")))


def _resolve_last_weekday(m: re.Match[str], published: dt.date) -> Resolved:
    return _day(_weekday_on_or_before(published - relativedelta(days=1), m.group("wd")))


def _resolve_overnight(m: re.Match[str], published: dt.date) -> Resolved:
    if m.group("wd") is None:
        return _day(published)
    return _resolve_weekday(m, published)


def _resolve_today(m: re.Match[str], published: dt.date) -> Resolved:
    return _day(published)


def _resolve_yesterday(m: re.Match[str], published: dt.date) -> Resolved:
    return _day(published - relativedelta(days=1))


def _resolve_this_week(m: re.Match[str], published: dt.date) -> Resolved:
    return _span(published + relativedelta(weekday=MO(-1)), published)


def _resolve_last_week(m: re.Match[str], published: dt.date) -> Resolved:
    monday = published + relativedelta(weekday=MO(-1))
    return _span(monday - relativedelta(weeks=1), monday - relativedelta(days=1))


def _resolve_past_week(m: re.Match[str], published: dt.date) -> Resolved:
    return _span(published - relativedelta(days=7), published)


def _resolve_past_day(m: re.Match[str], published: dt.date) -> Resolved:
    return _span(published - relativedelta(days=1), published)


def _resolve_this_month(m: re.Match[str], published: dt.date) -> Resolved:
    return _month(published.year, published.month)


def _resolve_last_month(m: re.Match[str], published: dt.date) -> Resolved:
    previous = published - relativedelta(months=1)
    return _month(previous.year, previous.month)


def _resolve_this_year(m: re.Match[str], published: dt.date) -> Resolved:
    return _year(published.year)


def _resolve_last_year(m: re.Match[str], published: dt.date) -> Resolved:
    return _year(published.year - 1)


def _resolve_last_month_name(m: re.Match[str], published: dt.date) -> Resolved:
    month = _month_number(m)
    return _month(published.year if month < published.month else published.year - 1, month)


def _resolve_month_name(m: re.Match[str], published: dt.date) -> Resolved:
    return _month_on_or_before(published, _month_number(m))


def _resolve_month_year(m: re.Match[str], published: dt.date) -> Resolved:
    return _month(int(m.group("year")), _month_number(m))


def _resolve_explicit_day(m: re.Match[str], published: dt.date) -> Resolved:
    month, day = _month_number(m), int(m.group("day"))
    year_text = m.group("year")
    year = int(year_text) if year_text else _infer_year(published, month, day)
    return _day(dt.date(year, month, day))


def _resolve_iso(m: re.Match[str], published: dt.date) -> Resolved:
    return _day(dt.date(int(m.group("year")), int(m.group("month")), int(m.group("day"))))


def _rule(pattern: str, resolver: Resolver, flags: int = 0) -> tuple[re.Pattern[str], Resolver]:
    return re.compile(pattern, flags), resolver


_I = re.IGNORECASE
_RULES: tuple[tuple[re.Pattern[str], Resolver], ...] = (
    # relative: weekdays
    _rule(rf"(?<!\bnext\s)\b(?:(?:early|late|later|earlier)\s+)?(?:on\s+)?{_WD}{_TOD}\b",
          _resolve_weekday, _I),
    _rule(rf"\blast\s+{_WD}{_TOD}\b", _resolve_last_weekday, _I),
    _rule(rf"\bovernight(?:\s+(?:into|on|to)\s+{_WD}{_TOD})?\b", _resolve_overnight, _I),
    # relative: days, weeks, months, years
    _rule(r"\b(?:(?:earlier|later)\s+)?(?:today|tonight|this\s+(?:morning|afternoon|evening))\b",
          _resolve_today, _I),
    _rule(rf"\byesterday{_TOD}\b", _resolve_yesterday, _I),
    _rule(r"\b(?:(?:earlier|later)\s+)?this\s+week\b", _resolve_this_week, _I),
    _rule(r"\blast\s+week\b", _resolve_last_week, _I),
    _rule(r"\b(?:(?:in|over|during|within)\s+)?the\s+(?:past|last)\s+(?:week|seven\s+days)\b",
          _resolve_past_week, _I),
    _rule(r"\b(?:(?:in|over|during|within)\s+)?the\s+(?:past|last)\s+(?:24\s+hours|day)\b",
          _resolve_past_day, _I),
    _rule(r"\b(?:earlier\s+)?this\s+month\b", _resolve_this_month, _I),
    _rule(r"\blast\s+month\b", _resolve_last_month, _I),
    _rule(r"\b(?:earlier\s+)?this\s+year\b", _resolve_this_year, _I),
    _rule(r"\blast\s+year\b", _resolve_last_year, _I),
    # month names (case-sensitive: "May"/"March" need a lead word, a day or a year)
    _rule(rf"\b(?i:last)\s+{_FULL_MON}", _resolve_last_month_name),
    _rule(rf"\b(?:{_LEAD}{_PART}?|{_PART}){_FULL_MON}", _resolve_month_name),
    _rule(rf"\b{_NO_MAY_MARCH}{_FULL_MON}", _resolve_month_name),
    _rule(rf"\b{_LEAD}?{_PART}?{_ANY_MON}\s+{_YEAR}", _resolve_month_year),
    # explicit days
    _rule(rf"\b{_ON}?(?:{_WD_ANY},?\s+)?{_ANY_MON}\s+{_DAY}(?:,?\s+{_YEAR})?",
          _resolve_explicit_day),
    _rule(rf"\b{_ON}?(?:{_WD_ANY},?\s+)?{_DAY}\s+(?:of\s+)?{_ANY_MON}(?:,?\s+{_YEAR})?",
          _resolve_explicit_day),
    _rule(rf"\b{_ON}?(?P<year>[0-9]{{4}})-(?P<month>[0-9]{{2}})-(?P<day>[0-9]{{2}})\b",
          _resolve_iso),
)  # fmt: skip


# --- matching --------------------------------------------------------------------
def _mention(m: re.Match[str], resolver: Resolver, published: dt.date | None) -> DateMention | None:
    """Resolve one match; None if it names no real date (e.g. February 30)."""
    words = m.group(0)
    if published is None:
        return DateMention(m.start(), m.end(), EventDate(words=words))
    try:
        resolved = resolver(m, published)
    except (ValueError, OverflowError):  # impossible day, or beyond datetime's range
        return None
    start, end, precision = resolved
    return DateMention(m.start(), m.end(), EventDate(words, start, end, precision))


# every rule above needs one of these words or a digit: a sentence with none has no date
_TRIGGER = re.compile(
    r"[0-9]|\b(?:" + "|".join((*_WEEKDAY_NAMES, *_MONTH_NUMBERS, *shipped_sequence("words.date_triggers"))) + ")",
    re.IGNORECASE,
)


def _candidates(text: str, published: dt.date | None) -> list[DateMention]:
    if _TRIGGER.search(text) is None:
        return []
    found = (_mention(m, resolver, published) for pattern, resolver in _RULES for m in pattern.finditer(text))
    return [mention for mention in found if mention is not None]


def _longest_first(mentions: list[DateMention], size: int) -> list[DateMention]:
    """Keep the longest of overlapping mentions (earliest on ties), in text order."""
    taken = bytearray(size)
    kept: list[DateMention] = []
    for mention in sorted(mentions, key=lambda m: (m.start - m.end, m.start)):
        if taken.find(1, mention.start, mention.end) == -1:
            taken[mention.start : mention.end] = b"\x01" * (mention.end - mention.start)
            kept.append(mention)
    return sorted(kept, key=lambda m: m.start)


def find_event_dates(text: str, published: dt.date | None) -> list[DateMention]:
    """Every date expression in `text` (a sentence), in order of appearance,
    resolved against `published`."""
    return list(_find_cached(text, published))


@lru_cache(maxsize=4096)
def _find_cached(text: str, published: dt.date | None) -> tuple[DateMention, ...]:
    # the same sentence is read several times per article (claims, dates of the paragraph)
    return tuple(_longest_first(_candidates(text, published), len(text)))


def resolve_event_date(text: str, published: dt.date | None) -> EventDate | None:
    """The first mention's date, or None."""
    mentions = find_event_dates(text, published)
    return mentions[0].date if mentions else None
