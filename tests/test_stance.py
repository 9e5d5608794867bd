"""Tests for claimtrack.extract.stance: stance, hedges, notes, plans and anaphors."""

from __future__ import annotations

import pytest

from claimtrack.extract.stance import (
    anaphor_in,
    contrast_in,
    hedges_in,
    is_future,
    is_non_response,
    is_verification_note,
    stance_of,
)
from claimtrack.models import Stance

# --- stance_of --------------------------------------------------------------


@pytest.mark.parametrize(
    ("cue_stance", "content", "sentence", "expected"),
    [
        # a deny or confirm cue decides
        (Stance.DENY, "any depot burned", "The colonel denied that any depot burned.", Stance.DENY),
        (Stance.CONFIRM, "the bridge was closed", "The mayor confirmed the bridge was closed.", Stance.CONFIRM),
        (Stance.CONFIRM, "that was not true", "The mayor confirmed that was not true.", Stance.CONFIRM),
        # a denial phrase in the content
        (
            Stance.ASSERT,
            "the story about the ferry was not true",
            "The port authority said the story about the ferry was not true.",
            Stance.DENY,
        ),
        (Stance.ASSERT, "the video was fake", "The army said the video was fake.", Stance.DENY),
        (Stance.ASSERT, "the figures were untrue", "An aide told reporters the figures were untrue.", Stance.DENY),
        # a confirmation phrase anywhere in the sentence
        (
            Stance.ASSERT,
            "its sappers had left the bridgehead",
            "In a partial confirmation of his account, the ministry said its sappers had left the bridgehead.",
            Stance.CONFIRM,
        ),
        # plain assertion
        (Stance.ASSERT, "14 boats were sunk", "The harbour office said 14 boats were sunk.", Stance.ASSERT),
    ],
)
def test_stance_of(lexicon, cue_stance, content, sentence, expected):
    assert stance_of(cue_stance, content, sentence, lexicon) is expected


def test_deny_phrase_must_be_in_content_not_only_sentence(lexicon):
    sentence = "Calling the rumours fake, the mayor said the market reopened."
    assert stance_of(Stance.ASSERT, "the market reopened", sentence, lexicon) is Stance.ASSERT


# --- notes ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The agency could not independently verify the figures.", True),
        ("The numbers could not be independently verified.", True),
        ("Kyiv has not confirmed the loss of the ferry.", True),
        ("The bulletin made no mention of the dam.", True),
        ("The army said 14 boats were sunk.", False),
        ("The mayor confirmed the bridge was closed.", False),
    ],
)
def test_is_verification_note(lexicon, text, expected):
    assert is_verification_note(text, lexicon) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The harbour office did not respond to a request for comment.", True),
        ("The brigade declined to comment.", True),
        ("Officials in the port could not be reached for comment.", True),
        ("The brigade commented on the footage.", False),
        ("The brigade denied the report.", False),
    ],
)
def test_is_non_response(lexicon, text, expected):
    assert is_non_response(text, lexicon) is expected


def test_non_response_is_not_a_verification_note(lexicon):
    text = "The brigade declined to comment."
    assert is_non_response(text, lexicon)
    assert not is_verification_note(text, lexicon)


# --- is_future ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("the brigade would start pulling out on Monday", True),
        ("its units will leave the bridgehead", True),
        ("the convoy is expected to reach the port", True),
        ("the defenders could not withstand the assault", False),
        ("its forces took the hill", False),
        ("after nine days of heavy fighting around the depot the army would regroup", False),
    ],
)
def test_is_future(lexicon, content, expected):
    assert is_future(content, lexicon) is expected


# --- anaphors ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("dismissed the claim as nonsense", "the claim"),
        ("rejected the Russian statement outright", "the Russian statement"),
        ("in a partial confirmation of his account", "his account"),
        ("said this assertion was wrong", "this assertion"),
    ],
)
def test_anaphor_in(lexicon, text, expected):
    assert anaphor_in(text, lexicon) == expected


@pytest.mark.parametrize("text", ["called the ministry's report false", "called the ministry’s report false"])
def test_anaphor_possessive(lexicon, text):
    found = anaphor_in(text, lexicon)
    assert found is not None
    assert "report" in found
    assert "ministry" in found
    assert found in text


@pytest.mark.parametrize("text", ["the troops left the hill", "a quiet night", "reported heavy losses"])
def test_no_anaphor(lexicon, text):
    assert anaphor_in(text, lexicon) is None


# --- hedges / contrast --------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("troops reportedly took the hill", ("reportedly",)),
        ("at least 12 people likely died", ("at least", "likely")),
        ("Reportedly, REPORTEDLY so", ("reportedly",)),
        ("the drone may have come from the east", ("may have",)),
        ("the troops took the hill", ()),
    ],
)
def test_hedges_in(lexicon, content, expected):
    assert hedges_in(content, lexicon) == expected


def test_contrast_in(lexicon):
    assert contrast_in("The navy gave a different account of the sinking.", lexicon) == "gave a different account"
    assert contrast_in("The navy described the sinking.", lexicon) is None
