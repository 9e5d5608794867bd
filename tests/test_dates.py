"""Tests for claimtrack.extract.dates: news date idioms resolved against publication dates."""

# The case table keeps one case per line.

from __future__ import annotations

import datetime as dt
import itertools
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimtrack.extract.dates import DateMention, find_event_dates, resolve_event_date
from claimtrack.models import EventDate, Precision

SAT = dt.date(2025, 2, 8)  # a Saturday

# (sentence, published, expected words, expected iso, expected precision)
CASES: list[tuple[str, dt.date, str, str, Precision]] = [
    # weekdays: most recent on or before published; same weekday = published
    ("The governor said on Friday that two drones were downed.", SAT, "on Friday", "2025-02-07", Precision.DAY),
    ("Officials said Friday the bridge was hit.", SAT, "Friday", "2025-02-07", Precision.DAY),
    ("The ministry said on Saturday it had repelled attacks.", SAT, "on Saturday", "2025-02-08", Precision.DAY),
    ("The mayor said on Sunday that power was restored.", SAT, "on Sunday", "2025-02-02", Precision.DAY),
    ("Drones struck early on Saturday, the governor said.", SAT, "early on Saturday", "2025-02-08", Precision.DAY),
    ("The army said later on Saturday that the fire was out.", SAT, "later on Saturday", "2025-02-08", Precision.DAY),
    ("The city was shelled on Monday morning, officials said.", SAT, "on Monday morning", "2025-02-03", Precision.DAY),
    ("A spokesman said Tuesday evening the village held.", SAT, "Tuesday evening", "2025-02-04", Precision.DAY),
    ("Monday's attack killed three people, police said.", SAT, "Monday", "2025-02-03", Precision.DAY),
    # last <weekday>: strictly before published
    (
        "Wagner said last Saturday that the city was taken.",
        dt.date(2023, 5, 25),
        "last Saturday",
        "2023-05-20",
        Precision.DAY,
    ),
    (
        "Troops crossed the border last Wednesday, Kyiv said.",
        dt.date(2024, 8, 12),
        "last Wednesday",
        "2024-08-07",
        Precision.DAY,
    ),
    ("The strike came last Saturday, the mayor said.", SAT, "last Saturday", "2025-02-01", Precision.DAY),
    # overnight
    (
        "Russia launched 40 drones overnight into Saturday, the air force said.",
        SAT,
        "overnight into Saturday",
        "2025-02-08",
        Precision.DAY,
    ),
    ("The air force said 12 missiles were shot down overnight.", SAT, "overnight", "2025-02-08", Precision.DAY),
    (
        "Air defences were active overnight on Sunday, the governor said.",
        SAT,
        "overnight on Sunday",
        "2025-02-02",
        Precision.DAY,
    ),
    # today / yesterday
    ("The ministry said today that the attack was repelled.", SAT, "today", "2025-02-08", Precision.DAY),
    ("Sirens sounded this morning across the region.", SAT, "this morning", "2025-02-08", Precision.DAY),
    ("Officials expect more strikes tonight.", SAT, "tonight", "2025-02-08", Precision.DAY),
    ("The governor said yesterday that a depot burned.", SAT, "yesterday", "2025-02-07", Precision.DAY),
    # weeks
    (
        "The village changed hands earlier this week, the army said.",
        SAT,
        "earlier this week",
        "2025-02-03/2025-02-08",
        Precision.SPAN,
    ),
    ("Losses mounted this week, analysts said.", SAT, "this week", "2025-02-03/2025-02-08", Precision.SPAN),
    (
        "The ministry said last week that the offensive had stalled.",
        SAT,
        "last week",
        "2025-01-27/2025-02-02",
        Precision.SPAN,
    ),
    (
        "Ten towns were shelled in the past week, officials said.",
        SAT,
        "in the past week",
        "2025-02-01/2025-02-08",
        Precision.SPAN,
    ),
    (
        "Fighting intensified over the past week, the analyst said.",
        SAT,
        "over the past week",
        "2025-02-01/2025-02-08",
        Precision.SPAN,
    ),
    (
        "The army said 300 soldiers died in the past 24 hours.",
        SAT,
        "in the past 24 hours",
        "2025-02-07/2025-02-08",
        Precision.SPAN,
    ),
    (
        "Strikes hit 20 towns over the past day, officials said.",
        SAT,
        "over the past day",
        "2025-02-07/2025-02-08",
        Precision.SPAN,
    ),
    # months and years
    ("The bridge was damaged last month, the ministry said.", SAT, "last month", "2025-01", Precision.MONTH),
    ("Kyiv said earlier this month that the town held.", SAT, "earlier this month", "2025-02", Precision.MONTH),
    ("Exports fell this month, traders said.", SAT, "this month", "2025-02", Precision.MONTH),
    ("The plant was captured last year, Moscow said.", SAT, "last year", "2024", Precision.YEAR),
    ("The offensive began last January, Kyiv said.", dt.date(2025, 1, 20), "last January", "2024-01", Precision.MONTH),
    ("The offensive began last October, Kyiv said.", SAT, "last October", "2024-10", Precision.MONTH),
    ("Wagner said it had been fighting since last May.", dt.date(2023, 5, 20), "last May", "2022-05", Precision.MONTH),
    ("The town was first hit in February, officials said.", SAT, "in February", "2025-02", Precision.MONTH),
    ("The town was first hit in October, officials said.", SAT, "in October", "2024-10", Precision.MONTH),
    ("The city fell in September 2022, the army said.", SAT, "in September 2022", "2022-09", Precision.MONTH),
    ("Troops advanced in May, Moscow said.", SAT, "in May", "2024-05", Precision.MONTH),
    ("Shelling resumed in mid-March, residents said.", SAT, "in mid-March", "2024-03", Precision.MONTH),
    ("The siege began in early May 2023, the army said.", SAT, "in early May 2023", "2023-05", Precision.MONTH),
    # explicit days
    (
        "The ministry said on August 28 that the village was liberated.",
        dt.date(2023, 9, 6),
        "on August 28",
        "2023-08-28",
        Precision.DAY,
    ),
    (
        "Wagner will hand over its positions on May 25, Prigozhin said.",
        dt.date(2023, 5, 20),
        "on May 25",
        "2023-05-25",
        Precision.DAY,
    ),
    (
        "The village was cleared on 28 August, the army said.",
        dt.date(2023, 9, 6),
        "on 28 August",
        "2023-08-28",
        Precision.DAY,
    ),
    ("The ministry said on August 28, 2023 that it held.", SAT, "on August 28, 2023", "2023-08-28", Precision.DAY),
    ("The ministry said on 28 August 2023 that it held.", SAT, "on 28 August 2023", "2023-08-28", Precision.DAY),
    (
        "Grain shipments resume by June 1, officials said.",
        dt.date(2024, 5, 1),
        "by June 1",
        "2024-06-01",
        Precision.DAY,
    ),
    ("As of October 1, the town was surrounded.", dt.date(2024, 10, 3), "As of October 1", "2024-10-01", Precision.DAY),
    ("The deal was signed on Jan. 5, officials said.", SAT, "on Jan. 5", "2025-01-05", Precision.DAY),
    ("The strike happened on Sept. 14, the report said.", SAT, "on Sept. 14", "2024-09-14", Precision.DAY),
    (
        "Officials said on Friday, August 28, that the town fell.",
        dt.date(2023, 9, 6),
        "on Friday, August 28",
        "2023-08-28",
        Precision.DAY,
    ),
    (
        "The plane was shot down on 2024-01-24, the ministry said.",
        dt.date(2024, 1, 29),
        "on 2024-01-24",
        "2024-01-24",
        Precision.DAY,
    ),
    (
        "The plane was shot down 2024-01-24, the ministry said.",
        dt.date(2024, 1, 29),
        "2024-01-24",
        "2024-01-24",
        Precision.DAY,
    ),
    # year rollover: a day more than ~6 months ahead belongs to the previous year
    (
        "The counteroffensive began on December 30, Kyiv said.",
        dt.date(2025, 1, 3),
        "on December 30",
        "2024-12-30",
        Precision.DAY,
    ),
    (
        "The counteroffensive began in December, Kyiv said.",
        dt.date(2025, 1, 3),
        "in December",
        "2024-12",
        Precision.MONTH,
    ),
    (
        "The bridge was hit last week, officials said.",
        dt.date(2025, 1, 3),
        "last week",
        "2024-12-23/2024-12-29",
        Precision.SPAN,
    ),
    ("The bridge was hit last month, officials said.", dt.date(2025, 1, 3), "last month", "2024-12", Precision.MONTH),
]


@pytest.mark.parametrize(("text", "published", "words", "iso", "precision"), CASES)
def test_first_mention(text: str, published: dt.date, words: str, iso: str, precision: Precision) -> None:
    date = resolve_event_date(text, published)
    assert date is not None
    assert (date.words, date.iso, date.precision) == (words, iso, precision)
    assert date.start is not None and date.end is not None and date.start <= date.end


@pytest.mark.parametrize(
    "text",
    [
        "The strike may have killed at least 12 people.",
        "May have been the deadliest attack, he said.",
        "Protesters planned to march on the capital.",
        "March on, the commander told his troops.",
        "Shops close on Fridays, residents said.",
        "The Thursdayite sect was not involved.",
        "The talks will resume next Monday, diplomats said.",
        "They spoke the day before, an aide said.",
        "",
    ],
)
def test_not_a_date(text: str) -> None:
    assert find_event_dates(text, SAT) == []
    assert resolve_event_date(text, SAT) is None


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("The governor said on Friday that drones hit a depot.", "on Friday"),
        ("The ministry said last month that the town held.", "last month"),
        ("The city fell on 28 August 2023, Moscow said.", "on 28 August 2023"),
    ],
)
def test_without_publication_date_words_kept_dates_none(text: str, words: str) -> None:
    date = resolve_event_date(text, None)
    assert date == EventDate(words=words, start=None, end=None)
    assert date.iso is None


def test_multiple_mentions_in_order_with_offsets() -> None:
    text = (
        "Kyiv said on Friday that Russia launched 40 drones overnight into Saturday, "
        "after a lull since last month and a strike on 2025-01-29."
    )
    mentions = find_event_dates(text, SAT)
    assert [m.date.words for m in mentions] == [
        "on Friday",
        "overnight into Saturday",
        "last month",
        "on 2025-01-29",
    ]
    assert [m.date.iso for m in mentions] == ["2025-02-07", "2025-02-08", "2025-01", "2025-01-29"]
    for m in mentions:
        assert text[m.start : m.end] == m.date.words
    assert mentions[0] == DateMention(10, 19, mentions[0].date)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Drones hit overnight into Saturday.", ["overnight into Saturday"]),
        ("It happened last Saturday, he said.", ["last Saturday"]),
        ("The city was shelled on Monday morning and Tuesday.", ["on Monday morning", "Tuesday"]),
        ("The village fell on May 25, 2023.", ["on May 25, 2023"]),
        ("Shelling grew over the last week.", ["over the last week"]),
    ],
)
def test_longest_overlapping_match_wins(text: str, words: list[str]) -> None:
    assert [m.date.words for m in find_event_dates(text, SAT)] == words


def test_month_and_year_spans_cover_whole_period() -> None:
    month = resolve_event_date("It fell last month.", SAT)
    year = resolve_event_date("It fell last year.", SAT)
    assert month is not None and (month.start, month.end) == (dt.date(2025, 1, 1), dt.date(2025, 1, 31))
    assert year is not None and (year.start, year.end) == (dt.date(2024, 1, 1), dt.date(2024, 12, 31))


def test_impossible_day_is_not_a_day() -> None:
    date = resolve_event_date("Officials said on February 30 that it held.", SAT)
    assert date is None or date.precision is not Precision.DAY


def test_long_input_is_fast() -> None:
    text = "on Friday " * 50_000 + "May " * 50_000 + "last " * 50_000 + "28 " * 50_000
    mentions = find_event_dates(text, SAT)
    assert len(mentions) == 50_000


_MONTH_WORD = re.compile(
    r"january|february|march|april|may|june|july|august|september|october|november|december",
    re.IGNORECASE,
)
_DATE_WORDS = st.sampled_from(
    [" ", "on ", "last ", "Friday", "Saturday", "overnight into ", "May ", "28", " 2023", ", ",
     "this week", "last month", "yesterday", "in February", "2024-01-29", "Sept. ", "next "]
)  # fmt: skip


@settings(max_examples=300)
@given(
    text=st.one_of(st.text(), st.lists(_DATE_WORDS | st.text(max_size=3)).map("".join)),
    published=st.dates(),
)
def test_property_mentions_well_formed(text: str, published: dt.date) -> None:
    mentions = find_event_dates(text, published)
    for before, after in itertools.pairwise(mentions):
        assert before.end <= after.start
    for m in mentions:
        assert 0 <= m.start < m.end <= len(text)
        assert text[m.start : m.end] == m.date.words
        relative = not any(c.isdigit() for c in m.date.words) and not _MONTH_WORD.search(m.date.words)
        if relative and m.date.start is not None:
            assert m.date.start <= published
            if m.date.precision in (Precision.DAY, Precision.SPAN):
                assert m.date.end is not None and m.date.end <= published
    first = resolve_event_date(text, published)
    assert first == (mentions[0].date if mentions else None)
