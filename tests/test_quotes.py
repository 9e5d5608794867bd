"""Tests for claimtrack.extract.quotes: quotation spans and masking."""

# Curly quotes and apostrophes are the subject matter here:

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claimtrack.extract.quotes import FILLER, inside_quote, mask_quotes, normalise_marks, quote_spans


def quoted(text: str) -> list[str]:
    return [text[s:e] for s, e in quote_spans(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("No quotes here.", [], id="none"),
        pytest.param("“We will hold,” the mayor said.", ["“We will hold,”"], id="curly-pair"),
        pytest.param('"We will hold," the mayor said.', ['"We will hold,"'], id="straight-pair"),
        pytest.param('He said "yes" and then "no" twice.', ['"yes"', '"no"'], id="two-straight-pairs"),
        pytest.param("“Go,” he said, adding, “Now.”", ["“Go,”", "“Now.”"], id="two-curly-pairs"),
        pytest.param("The port’s cranes and Kyiv’s mayor.", [], id="apostrophes-not-quotes"),
        pytest.param("Officials called it ‘a lie’ on Monday.", ["‘a lie’"], id="single-curly-as-quote"),
        pytest.param(
            "Kyiv’s army called it ‘the city’s shield’ today.",
            ["‘the city’s shield’"],
            id="apostrophe-inside-single-quote",
        ),
        pytest.param(
            "“He told us ‘hold on’ and left,” she said.",
            ["“He told us ‘hold on’ and left,”"],
            id="single-nested-in-double",
        ),
        pytest.param("A ‘stray opener and no closer.", [], id="unclosed-single-ignored"),
        pytest.param("He said “we hold the line", ["“we hold the line"], id="unclosed-at-end"),
        pytest.param("He said “we hold\nNext paragraph.", ["“we hold"], id="unclosed-ends-at-newline"),
        pytest.param(
            "“We fought all night.\n\n“We held,” he said.",
            ["“We fought all night.", "“We held,”"],
            id="continued-quotation",
        ),
        pytest.param(
            '"We fought all night.\n"We held," he said.',
            ['"We fought all night.', '"We held,"'],
            id="continued-quotation-straight",
        ),
        pytest.param("A stray ” closer and “a pair”.", ["“a pair”"], id="stray-closer-ignored"),
        pytest.param(
            "“Unclosed here. “Then a pair,” he said.",
            ["“Unclosed here.", "“Then a pair,”"],
            id="new-opener-restarts",
        ),
        pytest.param("“”", ["“”"], id="empty-quotation"),
    ],
)
def test_quote_spans(text: str, expected: list[str]) -> None:
    assert quoted(text) == expected


@pytest.mark.parametrize(
    ("pos", "expected"),
    [(0, False), (8, True), (13, True), (15, False), (22, True), (50, False)],
)
def test_inside_quote(pos: int, expected: bool) -> None:
    spans = [(8, 14), (20, 30)]
    assert inside_quote(spans, pos) is expected


def test_inside_quote_empty() -> None:
    assert inside_quote([], 3) is False


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("“We hold.” Kyiv said.", "“________” Kyiv said.", id="marks-kept-words-hidden"),
        pytest.param('a "b c" d', 'a "___" d', id="straight"),
        pytest.param("x “open\ny", "x “____\ny", id="unclosed-masked-to-paragraph-end"),
        pytest.param("Kyiv’s port", "Kyiv’s port", id="apostrophe-untouched"),
        pytest.param("", "", id="empty"),
    ],
)
def test_mask_quotes(text: str, expected: str) -> None:
    assert mask_quotes(text) == expected


def test_mask_quotes_uses_given_spans() -> None:
    assert mask_quotes("abcdef", [(1, 4)]) == "ab__ef"  # unclosed span: all but opener


QUOTE_TEXT = st.text(alphabet=st.sampled_from(list("ab .,!?\n\t“”‘’\"'()K`")), max_size=200)


@given(QUOTE_TEXT)
def test_quote_spans_properties(text: str) -> None:
    spans = quote_spans(text)
    previous_end = 0
    for start, end in spans:
        assert 0 <= start < end <= len(text)
        assert start >= previous_end
        assert "\n" not in text[start:end]
        previous_end = end


@given(QUOTE_TEXT)
def test_mask_quotes_properties(text: str) -> None:
    masked = mask_quotes(text)
    assert len(masked) == len(text)
    spans = quote_spans(text)
    doubled = normalise_marks(text)
    for i, (a, b) in enumerate(zip(doubled, masked, strict=True)):
        if a != b:
            assert b == "_"
            assert inside_quote(spans, i)
        if text[i] != doubled[i]:
            assert text[i] in "'`" and doubled[i] in {'"', FILLER}  # a two-character mark


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        ("''We won,'' he said.", "''We won,''"),
        ("He said ``the town is ours'' on Monday.", "``the town is ours''"),
        ("Mr. Bush praised ''deep faith'' - ''faith,'' he said.", "''deep faith''"),
    ],
)
def test_two_apostrophes_and_backticks_are_double_marks(text: str, quoted: str) -> None:
    start, end = quote_spans(text)[0]
    assert text[start:end] == quoted
    assert mask_quotes(text)[start] == '"' and mask_quotes(text)[end - 1] == '"'
