"""Tests for claimtrack.extract.cues: reporting verbs outside quotation marks."""

from __future__ import annotations

import pytest

from claimtrack.extract.cues import find_cues
from claimtrack.extract.quotes import mask_quotes
from claimtrack.models import Stance


def cues(sentence, lexicon):
    return find_cues(mask_quotes(sentence), lexicon)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The harbour office said 14 boats were sunk.", [("said", Stance.ASSERT)]),
        ("The brigade announced a pause in the shelling.", [("announced", Stance.ASSERT)]),
        ("Kyiv swiftly rejected the figure.", [("rejected", Stance.DENY)]),
        ("The colonel denied that any depot burned.", [("denied", Stance.DENY)]),
        ("The army admitted its troops had pulled back.", [("admitted", Stance.CONFIRM)]),
        ("The mayor confirmed the bridge was closed.", [("confirmed", Stance.CONFIRM)]),
        ("The governor claimed the town was calm.", [("claimed", Stance.ASSERT)]),
        ("Ukraine claims the ferry was hit.", [("claims", Stance.ASSERT)]),
        ("The envoy wrote on Telegram that talks had stalled.", [("wrote", Stance.ASSERT)]),
        ("The council SAID nothing new.", [("SAID", Stance.ASSERT)]),
        ("A cat slept on the warm roof.", []),
    ],
)
def test_find_cues_verbs_and_stance(lexicon, sentence, expected):
    found = cues(sentence, lexicon)
    assert [(c.text, c.stance) for c in found] == expected
    for c in found:
        assert sentence[c.start : c.end] == c.text


def test_two_cues_in_order(lexicon):
    found = cues("The mayor said the road was open, and the police later denied it.", lexicon)
    assert [c.text for c in found] == ["said", "denied"]
    assert found[0].start < found[1].start


@pytest.mark.parametrize(
    ("sentence", "outside"),
    [
        ('"We said nothing and denied nothing," the mayor said.', ["said"]),
        ("“They claimed a victory,” the colonel told reporters.", ["told"]),
        ("The ministry said: “Our pilots reported no losses.”", ["said"]),
        ('"The enemy admitted defeat," a sergeant said, "and then retreated."', ["said"]),
    ],
)
def test_cues_inside_quotes_are_not_seen(lexicon, sentence, outside):
    assert [c.text for c in cues(sentence, lexicon)] == outside


@pytest.mark.parametrize(
    "sentence",
    [
        "Moscow has dismissed Ukrainian claims that its jets struck the port.",
        "The bulletin made no mention of the dam.",
        "The site relayed battlefield claims from the front line.",
        "The report was published on Monday.",
        "The ministry's claims were hard to check.",
        "Their statement about the convoy was brief.",
        "Such reports are common after a strike.",
    ],
)
def test_noun_uses_are_not_cues(lexicon, sentence):
    texts = [c.text.casefold() for c in cues(sentence, lexicon)]
    assert not any(t in {"claims", "mention", "report", "reports", "statement"} for t in texts), texts


def test_noun_use_beside_a_real_cue(lexicon):
    found = cues("Moscow dismissed Ukrainian claims that its jets struck the port.", lexicon)
    assert [(c.text, c.stance) for c in found] == [("dismissed", Stance.DENY)]


@pytest.mark.parametrize(
    "sentence",
    [
        "A video said to show the strike circulated online.",
        "The footage is said to show a burning tank.",
        "The drones were reported to have come from the south.",
    ],
)
def test_said_to_show_is_a_hedge_not_a_cue(lexicon, sentence):
    assert cues(sentence, lexicon) == []


@pytest.mark.parametrize(
    ("sentence", "cue"),
    [
        ("Officials called for calm in the port.", "called"),
        ("The envoy called on both sides to stop firing.", "called"),
    ],
)
def test_demands_are_flagged(lexicon, sentence, cue):
    found = cues(sentence, lexicon)
    assert [c.text for c in found] == [cue]
    assert found[0].demand is True


@pytest.mark.parametrize(
    "sentence",
    [
        "The mayor urged residents to leave.",
        "The envoy asked whether talks would resume.",
    ],
)
def test_pure_demands_are_not_assert_cues(lexicon, sentence):
    assert all(c.demand for c in cues(sentence, lexicon))


def test_ordinary_cue_is_not_a_demand(lexicon):
    (cue,) = cues("The governor called the attack barbaric.", lexicon)
    assert cue.demand is False
