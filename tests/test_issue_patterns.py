"""Issue 10: the failure patterns of status and attribution, one table per pattern.

Every sentence is invented for these tests (wire-copy style, invented spokesmen and
commanders); the villages are gazetteer villages the corpora do not use, so their
sides and places resolve. Each table has negative rows: cases where the tool must
not confirm or dispute. Status tables ingest short articles into an in-memory
ledger; attribution tables read one article with `extract_claims`.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Sequence

import pytest

from claimtrack.extract import extract_claims
from claimtrack.lexicon import load_lexicon
from claimtrack.models import Article, Claim, StoredClaim
from claimtrack.service import ingest_article, list_claims
from claimtrack.store import ClaimFilter, Store

LEXICON = load_lexicon()

# (published, body)
Piece = tuple[str, str]


# --- helpers -----------------------------------------------------------------


def _ledger(pieces: Sequence[Piece]) -> list[StoredClaim]:
    """The ledger's claims after ingesting the pieces in this order."""
    store = Store.open(":memory:")
    for index, (published, body) in enumerate(pieces):
        article = Article(
            body=body,
            published=dt.date.fromisoformat(published),
            outlet=f"Wire {index}",
            title=f"Piece {index}",
            origin=f"piece-{index}.txt",
        )
        assert ingest_article(store, article, LEXICON).error is None
    return list_claims(store, ClaimFilter())


def _one(claims: Sequence[StoredClaim], words: str, source: str | None = None) -> StoredClaim:
    """The one claim whose sentence contains `words` (and whose source contains `source`)."""
    found = [c for c in claims if words in c.sentence and (source is None or source.casefold() in c.source.casefold())]
    assert len(found) == 1, (words, source, _describe(claims))
    return found[0]


def _describe(claims: Sequence[StoredClaim]) -> list[tuple[int, str, str, str, str, str]]:
    return [(c.id, c.source, c.side, c.stance, c.status, c.sentence) for c in claims]


def _read(text: str) -> list[Claim]:
    return extract_claims(Article(body=text, published=dt.date(2025, 3, 4)), LEXICON)


def _states(claims: Sequence[Claim]) -> list[tuple[str, str, str, str, str]]:
    return [(c.source_text, c.actor, c.cue, c.rule, c.content) for c in claims]


# --- 1. denials are denials, never admissions -----------------------------------

MAKARIVKA_TAKEN: Piece = (
    "2025-03-04",
    "Russia's defence ministry said on Tuesday that its forces had captured the village of Makarivka "
    "in the Donetsk region.",
)
GS = "Ukraine's General Staff"
KALYNA = "Petro Kalyna, a spokesman for Ukraine's General Staff"

DENIAL_IDIOMS = [
    pytest.param(f"{GS} said on Wednesday that the Russian claim about Makarivka was a lie.", id="is-a-lie"),
    pytest.param(f"{GS} said on Wednesday that the Russian claim to have captured Makarivka was false.", id="false"),
    pytest.param(f"{GS} said on Wednesday that reports of the fall of Makarivka were untrue.", id="untrue"),
    pytest.param(f"{GS} said on Wednesday that the Russian claim about Makarivka was fake.", id="fake"),
    pytest.param(f"{GS} said on Wednesday that the Russian report about Makarivka was propaganda.", id="propaganda"),
    pytest.param(
        f"{GS} said on Wednesday that the Russian claim about Makarivka was disinformation.", id="disinformation"
    ),
    pytest.param(f"{GS} said on Wednesday that the Russian claim about Makarivka was staged.", id="staged"),
    pytest.param(
        f"{GS} said on Wednesday that the Russian statement about Makarivka was a provocation.", id="provocation"
    ),
    pytest.param(f"{GS} on Wednesday rejected the Russian claim that Makarivka had been captured.", id="rejected"),
    pytest.param(f"{GS} on Wednesday dismissed the Russian claim about Makarivka as propaganda.", id="dismissed-as"),
    pytest.param(f"{GS} said there was no truth in the Russian claim that Makarivka had fallen.", id="no-truth"),
    pytest.param(f"{GS} flatly denied that Russian forces had captured Makarivka.", id="flatly-denied"),
    pytest.param(f"{GS} said Russian troops had not captured Makarivka.", id="negated-outcome"),
    pytest.param(f"{GS} said Makarivka had not been captured.", id="place-had-not-been-captured"),
    pytest.param(f"{GS} said Makarivka has not fallen.", id="place-has-not-fallen"),
    pytest.param(f"{GS} said Makarivka was not captured.", id="place-was-not-captured"),
    pytest.param(f"{GS} refuted the Russian claim about Makarivka.", id="refuted"),
    pytest.param(f'{GS} called the Russian claim about Makarivka "ridiculous".', id="called-ridiculous"),
    pytest.param(f"{GS} said the Russian claim about Makarivka was a sham.", id="a-sham"),
    pytest.param(
        f'{GS} said the Russian statements about the capture of Makarivka were "a media lie".', id="media-lie"
    ),
    pytest.param("Kyiv called the Russian claim about Makarivka fake.", id="called-fake"),
    pytest.param('Kyiv called the Russian claims about Makarivka "fabrications".', id="called-fabrications"),
    pytest.param("Kyiv's army spokesman denied claims that Russian forces had captured Makarivka.", id="denied-claims"),
    pytest.param(f"{GS} said on Wednesday that the capture of Makarivka was a lie.", id="capture-was-a-lie"),
    pytest.param(
        f'"The enemy\'s statements about the capture of Makarivka are a lie," said {KALYNA}.', id="quote-enemy-lie"
    ),
]


@pytest.mark.parametrize("denial", DENIAL_IDIOMS)
def test_a_denial_idiom_disputes_the_capture_and_admits_nothing(denial: str) -> None:
    claims = _ledger([MAKARIVKA_TAKEN, ("2025-03-05", denial)])
    taken = _one(claims, "captured the village of Makarivka")
    (answer,) = [c for c in claims if c.id != taken.id]
    assert taken.status == "disputed", _describe(claims)
    assert "admission" not in taken.status_reason
    assert f"#{answer.id}" in taken.status_reason
    assert (answer.stance, answer.side, answer.status) == ("deny", "ukraine", "disputed"), _describe(claims)


def test_a_denial_in_the_claims_own_article_is_no_admission() -> None:
    claims = _ledger(
        [
            (
                "2025-03-04",
                "Russia's defence ministry said on Tuesday that its forces had captured the village of Makarivka. "
                "Kyiv's army spokesman denied claims that Russian forces had captured Makarivka.",
            )
        ]
    )
    taken = _one(claims, "captured the village of Makarivka")
    denial = _one(claims, "Kyiv's army spokesman denied")
    assert (taken.status, denial.stance, denial.side) == ("disputed", "deny", "ukraine")
    assert "confirmed" not in taken.status_reason


# not denials but holds: the place still in Ukrainian hands contradicts its capture
HOLD_IDIOMS = [
    pytest.param(f"{GS} said Makarivka remains under Ukrainian control.", id="remains-under-control"),
    pytest.param(f"{GS} said Makarivka is still under Ukrainian control.", id="is-still-under-control"),
    pytest.param(f"{GS} said Makarivka remained in Ukrainian hands.", id="remained-in-hands"),
    pytest.param(f'{GS} said Makarivka "remains under the control of the Defence Forces".', id="control-of-own-forces"),
    pytest.param(f"{GS} said Makarivka was still under the control of Ukrainian troops.", id="control-of-named-forces"),
]


@pytest.mark.parametrize("hold", HOLD_IDIOMS)
def test_the_place_still_held_disputes_the_capture_and_admits_nothing(hold: str) -> None:
    claims = _ledger([MAKARIVKA_TAKEN, ("2025-03-05", hold)])
    taken = _one(claims, "captured the village of Makarivka")
    (answer,) = [c for c in claims if c.id != taken.id]
    assert taken.status == "disputed", _describe(claims)
    assert "admission" not in taken.status_reason
    assert f"#{answer.id}" in taken.status_reason
    assert (answer.stance, answer.side, answer.status) == ("assert", "ukraine", "disputed"), _describe(claims)
    assert [(o.subject, o.favours, o.denied) for o in answer.outcomes] == [("Makarivka", "ukraine", False)]


def test_the_armed_forces_of_a_neutral_source_hold_nothing() -> None:
    """'under the control of the armed forces' names the speaker's own army only when the speaker
    fights; from a resident or an unknown source it says nothing of whose forces they are."""
    claims = _ledger(
        [MAKARIVKA_TAKEN, ("2025-03-05", "A resident said Makarivka was under the control of the armed forces.")]
    )
    resident = _one(claims, "A resident said")
    assert (tuple(resident.outcomes), resident.status) == ((), "unverified"), _describe(claims)


DENIALS_OF_SOMETHING_ELSE = [
    pytest.param(f"{GS} flatly denied that Russian forces had captured Yasenove.", id="other-village-denied"),
    pytest.param(f"{GS} said on Wednesday that the Russian claim about Yasenove was a lie.", id="other-village-lie"),
    pytest.param(f"{GS} said Russian artillery had shelled Makarivka overnight.", id="shelling-is-no-denial"),
    pytest.param(f"{GS} denied that its troops had shelled civilians in Makarivka.", id="denies-another-act"),
]


@pytest.mark.parametrize("other", DENIALS_OF_SOMETHING_ELSE)
def test_a_statement_about_something_else_leaves_the_capture_unverified(other: str) -> None:
    claims = _ledger([MAKARIVKA_TAKEN, ("2025-03-05", other)])
    assert _one(claims, "captured the village of Makarivka").status == "unverified", _describe(claims)


# --- 2. embedded claims ------------------------------------------------------------

EMBEDDED = [
    pytest.param(
        "Ukraine's army spokesman Petro Kalyna denied claims by Russia's General Staff that its troops had taken "
        "Makarivka.",
        "Russian General Staff",
        "russia",
        id="general-staff-its-troops",
    ),
    pytest.param(
        "Ukraine's Khortytsia group rejected claims by the Russian defence ministry that its forces had captured "
        "the village of Yasenove.",
        "Russian Ministry of Defence",
        "russia",
        id="defence-ministry-rejected",
    ),
    pytest.param(
        "Ukraine's General Staff rejected claims by Russian military bloggers that Russian troops had seized Tonenke.",
        "Russian military bloggers",
        "russia",
        id="bloggers-rejected",
    ),
    pytest.param(
        "Russia's defence ministry denied claims by Ukraine's General Staff that Ukrainian troops had retaken "
        "Yasenove.",
        "Ukrainian General Staff",
        "ukraine",
        id="moscow-denies-kyiv",
    ),
    pytest.param(
        "A Ukrainian commander dismissed reports by Russian military bloggers that Russian troops had seized Pavlivka.",
        "Russian military bloggers",
        "russia",
        id="reports-by",
    ),
    pytest.param(
        "Kyiv's army spokesman on Tuesday rejected statements by Russia's defence ministry that its troops had taken "
        "Tonenke.",
        "Russian Ministry of Defence",
        "russia",
        id="statements-by",
    ),
]


@pytest.mark.parametrize(("sentence", "actor", "side"), EMBEDDED)
def test_an_embedded_claim_is_its_sources_claim_and_the_denial_disputes_it(
    sentence: str, actor: str, side: str
) -> None:
    claims = _ledger([("2025-03-04", sentence)])
    (embedded,) = [c for c in claims if c.rule == "embedded-claim"]
    (denial,) = [c for c in claims if c.stance == "deny"]
    assert (embedded.source, embedded.side, embedded.stance) == (actor, side, "assert"), _describe(claims)
    assert embedded.outcomes and all(o.favours == side and not o.denied for o in embedded.outcomes)
    assert denial.side != side
    assert denial.target_id == embedded.id
    assert (embedded.status, denial.status) == ("disputed", "disputed")
    assert f"#{denial.id}" in embedded.status_reason


def test_a_denial_of_unnamed_claims_embeds_no_claim() -> None:
    claims = _ledger(
        [("2025-03-04", "Ukraine's General Staff said that claims that Russian troops had taken Yasenove were false.")]
    )
    (denial,) = claims  # no claim without a named source is embedded
    assert (denial.rule, denial.stance, denial.status) == ("source-before-cue", "deny", "unverified")


def test_an_embedded_claim_that_is_confirmed_is_not_disputed() -> None:
    claims = _ledger(
        [
            (
                "2025-03-04",
                "Ukraine's Khortytsia group on Tuesday confirmed claims by Russia's defence ministry that its troops "
                "had taken Tonenke.",
            )
        ]
    )
    (embedded,) = [c for c in claims if c.rule == "embedded-claim"]
    assert (embedded.source, embedded.status) == ("Russian Ministry of Defence", "confirmed"), _describe(claims)


SHIFTED_OBJECTS = [
    pytest.param(
        'Kyiv\'s army spokesman dismissed as "pure fiction" a Russian claim that its troops had taken Tonenke.',
        id="dismissed-as-quote",
    ),
    pytest.param(
        'Ukraine\'s General Staff rejected as "propaganda" a Russian claim that Russian forces had seized Yasenove.',
        id="rejected-as-quoted-noun",
    ),
]


@pytest.mark.parametrize("sentence", SHIFTED_OBJECTS)
def test_a_denial_whose_object_follows_its_as_complement_denies_that_object(sentence: str) -> None:
    """'dismissed as "another lie" a claim that ...': the claim named after the complement is the one
    denied, not the same side's last claim in the article."""
    earlier = "Russia's defence ministry said its forces had shot down 12 Ukrainian drones over Belgorod."
    claims = _ledger([("2025-03-04", f"{earlier}\n\n{sentence}")])
    (denial,) = [c for c in claims if c.stance == "deny"]
    drones = _one(claims, "drones over Belgorod")
    (named,) = [c for c in claims if c is not denial and c.sentence == denial.sentence]
    assert denial.target_id == named.id, _describe(claims)
    assert (named.status, drones.status) == ("disputed", "unverified"), _describe(claims)


# --- 3. spurious admissions ------------------------------------------------------------

YASENOVE_TAKEN: Piece = (
    "2025-03-04",
    "Russia's defence ministry said on Tuesday that its forces had captured the village of Yasenove in the Donetsk "
    "region.",
)
TWO_VILLAGES_TAKEN: Piece = (
    "2025-03-04",
    "Russia's defence ministry said on Tuesday that its forces had captured the villages of Makarivka and Yasenove "
    "in the Donetsk region.",
)

NO_ADMISSIONS = [
    pytest.param(
        TWO_VILLAGES_TAKEN,
        "A Ukrainian brigade commander, Oleh Danylyuk, said on Wednesday that those villages no longer exist.",
        id="villages-no-longer-exist",
    ),
    pytest.param(
        TWO_VILLAGES_TAKEN,
        '"Those villages no longer exist, they have been wiped off the map," said Oleh Danylyuk, a Ukrainian '
        "brigade commander.",
        id="quote-villages-no-longer-exist",
    ),
    pytest.param(
        YASENOVE_TAKEN,
        f"{GS} said on Wednesday that its troops had repelled the assault on Yasenove.",
        id="repelled-the-assault",
    ),
    pytest.param(
        YASENOVE_TAKEN,
        '"We repelled the assault on Yasenove," a Ukrainian commander, Oleh Danylyuk, said.',
        id="quote-we-repelled",
    ),
    pytest.param(YASENOVE_TAKEN, f"{GS} said Russian attempts to capture Yasenove had failed.", id="attempts"),
    pytest.param(YASENOVE_TAKEN, f"{GS} said Russian forces were trying to take Yasenove.", id="trying-to-take"),
    pytest.param(YASENOVE_TAKEN, f"{GS} said Russian forces failed to take Yasenove.", id="failed-to-take"),
    pytest.param(
        YASENOVE_TAKEN, f"{GS} said the village of Yasenove had been almost completely destroyed.", id="destroyed"
    ),
    pytest.param(YASENOVE_TAKEN, f"{GS} said civilians had left Yasenove.", id="civilians-left"),
    pytest.param(
        YASENOVE_TAKEN,
        "A Ukrainian brigade commander, Oleh Danylyuk, said on Wednesday that Yasenove no longer exists.",
        id="village-no-longer-exists",
    ),
    pytest.param(
        YASENOVE_TAKEN,
        "Russian forces have been shelling Yasenove for months. A Ukrainian brigade commander, Oleh Danylyuk, said on "
        "Wednesday that the village no longer exists.",
        id="the-village-no-longer-exists",
    ),
    pytest.param(
        YASENOVE_TAKEN,
        "A Ukrainian brigade commander, Oleh Danylyuk, said on Wednesday that Makarivka and Yasenove no longer exist.",
        id="two-named-villages-no-longer-exist",
    ),
    pytest.param(YASENOVE_TAKEN, f"{GS} said the enemy was pressing hard to seize Yasenove.", id="pressing-hard-to"),
    pytest.param(YASENOVE_TAKEN, f"{GS} said the enemy was desperate to seize Yasenove.", id="desperate-to"),
    pytest.param(
        YASENOVE_TAKEN,
        f"{GS} said Russian forces were throwing everything into capturing Yasenove.",
        id="throwing-everything-into",
    ),
]


@pytest.mark.parametrize(("claim", "statement"), NO_ADMISSIONS)
def test_no_spurious_admission_of_the_capture(claim: Piece, statement: str) -> None:
    claims = _ledger([claim, ("2025-03-05", statement)])
    taken = _one(claims, "its forces had captured the village")
    assert taken.status == "unverified", _describe(claims)
    assert all(c.status != "confirmed" for c in claims), _describe(claims)


def test_a_real_withdrawal_is_an_admission() -> None:
    """The positive case the rows above must not be mistaken for."""
    claims = _ledger(
        [
            YASENOVE_TAKEN,
            (
                "2025-03-05",
                "Ukraine's Khortytsia group acknowledged on Wednesday that its units had withdrawn from Yasenove.",
            ),
        ]
    )
    taken = _one(claims, "its forces had captured the village")
    withdrew = _one(claims, "had withdrawn from Yasenove")
    assert (taken.status, withdrew.status) == ("confirmed", "confirmed")
    assert "admission" in taken.status_reason and f"#{withdrew.id}" in taken.status_reason


# --- 4. disputes raised by shared words, places of another level ----------------------------

KALYNOVE_TAKEN: Piece = (
    "2025-03-04",
    "Russia's defence ministry said on Tuesday that its forces had taken control of the village of Kalynove in the "
    "Donetsk region.",
)
DEPOT_HIT: Piece = (
    "2025-03-04",
    "Russia's defence ministry said on Tuesday that Russian missiles had destroyed an ammunition depot in Kramatorsk.",
)
KOSTIANTYNIVKA_TAKEN: Piece = (
    "2025-03-04",
    "Russia's defence ministry said on Tuesday that its forces had captured Kostiantynivka.",
)
LUHANSK_TAKEN: Piece = (
    "2025-03-04",
    "Russia's defence ministry said on Tuesday that its forces had taken full control of the Luhansk region.",
)

NO_KEYWORD_DISPUTES = [
    pytest.param(
        KALYNOVE_TAKEN,
        "Kalynove",
        f"{GS} said on Wednesday that its forces remain in control of Yasenove.",
        id="control-of-another-village",
    ),
    pytest.param(
        KALYNOVE_TAKEN,
        "Kalynove",
        f"{GS} said on Wednesday that Russia is taking heavy losses in the Donetsk region.",
        id="taking-losses",
    ),
    pytest.param(
        KALYNOVE_TAKEN,
        "Kalynove",
        f"{GS} said the situation near Kalynove was under control.",
        id="situation-under-control",
    ),
    pytest.param(
        KALYNOVE_TAKEN,
        "Kalynove",
        f"{GS} said it had regained control of a road near Kalynove.",
        id="control-of-a-road-near",
    ),
    pytest.param(
        KALYNOVE_TAKEN,
        "Kalynove",
        f"{GS} said on Wednesday that Ukrainian forces still control most of the Donetsk region.",
        id="region-control-vs-village",
    ),
    pytest.param(
        KALYNOVE_TAKEN,
        "Kalynove",
        f"{GS} denied on Wednesday that Russian forces had captured the Donetsk region.",
        id="region-denial-vs-village",
    ),
    pytest.param(
        KALYNOVE_TAKEN,
        "Kalynove",
        f"{GS} said on Wednesday that fighting continues in the Donetsk region.",
        id="region-fighting-vs-village",
    ),
    pytest.param(
        LUHANSK_TAKEN,
        "Luhansk region",
        f"{GS} said on Wednesday that Ukrainian troops still hold Bilohorivka.",
        id="village-hold-vs-region",
    ),
    pytest.param(
        DEPOT_HIT,
        "ammunition depot",
        "Ukraine's Air Force said on Wednesday that it had shot down 12 Russian missiles over the Kyiv region.",
        id="missiles-elsewhere",
    ),
    pytest.param(
        DEPOT_HIT,
        "ammunition depot",
        "Ukraine's Air Force said on Wednesday that Russia launched 30 missiles at Lviv overnight.",
        id="missiles-at-another-city",
    ),
    pytest.param(
        KOSTIANTYNIVKA_TAKEN,
        "Kostiantynivka",
        f"{GS} said on Wednesday that Ukrainian troops still control the road to Kostiantynivka.",
        id="control-of-the-road-to",
    ),
    pytest.param(
        KOSTIANTYNIVKA_TAKEN,
        "Kostiantynivka",
        f"{GS} said on Wednesday that Ukrainian troops still control the highway between Kostiantynivka and "
        "Druzhkivka.",
        id="control-of-the-highway-between",
    ),
    pytest.param(
        KOSTIANTYNIVKA_TAKEN,
        "Kostiantynivka",
        f"{GS} said on Wednesday that Ukrainian troops still hold the heights near Kostiantynivka.",
        id="hold-the-heights-near",
    ),
    pytest.param(
        DEPOT_HIT,
        "ammunition depot",
        "Kramatorsk's mayor said on Wednesday that Russian missiles had hit a school in the city.",
        id="depot-and-school-two-strikes",
    ),
]


@pytest.mark.parametrize(("claim", "words", "other"), NO_KEYWORD_DISPUTES)
def test_shared_words_or_another_level_of_place_dispute_nothing(claim: Piece, words: str, other: str) -> None:
    claims = _ledger([claim, ("2025-03-05", other)])
    assert _one(claims, words, "Russian Ministry of Defence").status == "unverified", _describe(claims)
    assert {c.status for c in claims} == {"unverified"}, _describe(claims)


def test_the_same_village_held_does_dispute() -> None:
    """The positive case: a hold of the same village contradicts its capture."""
    claims = _ledger([KALYNOVE_TAKEN, ("2025-03-05", f"{GS} said Ukrainian forces still control Kalynove.")])
    assert _one(claims, "village of Kalynove").status == "disputed"
    assert _one(claims, "still control Kalynove").status == "disputed"


def test_accusations_of_different_acts_in_one_town_do_not_dispute_each_other() -> None:
    """'The military accused the rebels of using residents as human shields' and 'the rebels said the
    junta's air force kept bombing the town' blame different acts: neither is an account of who struck."""
    claims = _ledger(
        [
            (
                "2025-03-05",
                "The Myanmar National Democratic Alliance Army said the junta's air force had bombed Lashio. "
                "The military accused MNDAA fighters of using residents of Lashio as human shields.",
            )
        ]
    )
    assert {c.status for c in claims} == {"unverified"}, _describe(claims)
    accusation = _one(claims, "human shields")
    assert accusation.side != "myanmar-resistance", _describe(claims)  # "the military" is not the rebels' army


# --- 5. a part of a toll is not another toll ----------------------------------------------------

TOLL: Piece = (
    "2025-03-04",
    "Ukraine's State Emergency Service said on Tuesday that a Russian missile strike on Kramatorsk had killed "
    "34 people.",
)
UN = "The UN Human Rights Monitoring Mission in Ukraine said on Wednesday that"

SUBSETS_AND_BOUNDS = [
    pytest.param(f"{UN} the dead in Kramatorsk included two children.", id="dead-included"),
    pytest.param(f"{UN} among those killed in Kramatorsk were two children.", id="among-those-killed"),
    pytest.param(
        "Amnesty International said on Wednesday that the dead in Kramatorsk included two children.",
        id="independent-subset",
    ),
    pytest.param(f"{UN} the strike on Kramatorsk had killed at least 30 civilians.", id="at-least"),
    pytest.param(f"{UN} the strike on Kramatorsk had killed more than 30 civilians.", id="more-than"),
    pytest.param(
        "Amnesty International said on Wednesday that as many as 40 people were killed in Kramatorsk.",
        id="as-many-as",
    ),
    pytest.param(f"{UN} the strike on Kramatorsk had killed two children.", id="children-of-people"),
    pytest.param(f"{UN} eight of the dead in Kramatorsk were women.", id="eight-of-the-dead"),
]


@pytest.mark.parametrize("other", SUBSETS_AND_BOUNDS)
def test_a_subset_or_a_bound_does_not_dispute_the_toll(other: str) -> None:
    claims = _ledger([TOLL, ("2025-03-05", other)])
    assert _one(claims, "had killed 34 people").status == "unverified", _describe(claims)
    assert {c.status for c in claims} == {"unverified"}, _describe(claims)


# (issue pattern 4) a toll in another city counts other dead, in either order
SLOVIANSK_TOLL: Piece = ("2025-03-05", f"{UN} a strike on Sloviansk had killed 12 people.")
TOLLS_IN_TWO_CITIES = [
    pytest.param([TOLL, SLOVIANSK_TOLL], id="kramatorsk-then-sloviansk"),
    pytest.param([SLOVIANSK_TOLL, TOLL], id="sloviansk-then-kramatorsk"),
]


@pytest.mark.parametrize("pieces", TOLLS_IN_TWO_CITIES)
def test_tolls_in_two_cities_do_not_dispute(pieces: list[Piece]) -> None:
    claims = _ledger(pieces)
    assert _one(claims, "had killed 34 people").status == "unverified", _describe(claims)
    assert _one(claims, "had killed 12 people").status == "unverified", _describe(claims)
    assert {c.status for c in claims} == {"unverified"}, _describe(claims)


def test_a_subset_first_and_the_toll_later_do_not_dispute() -> None:
    claims = _ledger([("2025-03-04", f"{UN} the dead in Kramatorsk included two children."), TOLL])
    assert {c.status for c in claims} == {"unverified"}, _describe(claims)


@pytest.mark.parametrize(
    ("other", "status"),
    [
        pytest.param(f"{UN} the strike on Kramatorsk had killed 34 civilians.", "confirmed", id="same-toll"),
        pytest.param(f"{UN} the strike on Kramatorsk had killed 12 civilians.", "disputed", id="different-toll"),
    ],
)
def test_a_whole_toll_confirms_or_disputes(other: str, status: str) -> None:
    """The positive cases: a count of the same dead does confirm or dispute."""
    claims = _ledger([TOLL, ("2025-03-05", other)])
    assert _one(claims, "had killed 34 people").status == status


NAMED_POINTERS = [
    pytest.param(
        "A Ukrainian army spokesman dismissed the Russian statement as propaganda.",
        "working normally",
        id="named-side-propaganda",
    ),
    pytest.param(
        "A Ukrainian army spokesman dismissed the Russian figure as a fabrication.",
        "40 Ukrainian drones",
        id="named-figure-fabrication",
    ),
    # a pointer naming nobody, beside the kind of claim it calls it, points at nothing rather than at any claim
    pytest.param("A Ukrainian army spokesman called those claims propaganda.", None, id="unnamed-stays-unlinked"),
]


@pytest.mark.parametrize(("denial", "denied"), NAMED_POINTERS)
def test_a_pointer_naming_whose_claim_it_is_finds_it_whatever_the_denial_calls_it(
    denial: str, denied: str | None
) -> None:
    """'Propaganda', 'fabrication' say what the denier thinks of the claim, not what it is about: they do
    not narrow the search when the pointer names whose claim it is. 'The Russian figure' points at the
    Russian claim that gives a number, not at the Russian claim said last."""
    claims = _ledger(
        [
            (
                "2025-03-05",
                "Russia's defence ministry said its forces had destroyed 40 Ukrainian drones over Kursk. "
                "Russia's defence ministry also said its air defences were working normally in Kursk.\n\n" + denial,
            )
        ]
    )
    for words in ("40 Ukrainian drones", "working normally"):
        expected = "disputed" if words == denied else "unverified"
        assert _one(claims, words).status == expected, _describe(claims)


def test_the_armys_general_command_is_not_whichever_commander_spoke_last() -> None:
    """'The army's general command said ...' after the rebels' commander: the possessive says whose body
    it is, so 'command' does not match the rebels' commander."""
    claims = _read(
        "Sudan's army said its troops had retaken Wad Madani. "
        "RSF commander Mohamed Hamdan Dagalo said his forces had withdrawn from Wad Madani.\n\n"
        "The army's general command said in a statement that it condemned violations in Gezira."
    )
    command = next(c for c in claims if "general command" in c.source_text)
    assert command.side == "sudan", [(c.source_text, c.actor, c.side) for c in claims]


# --- 6. a denial before its claim ------------------------------------------------------------

# published the day before the denials below, but ingested after them
TONENKE_TAKEN: Piece = (
    "2025-04-07",
    "Russia's defence ministry said on Monday that its forces had captured the village of Tonenke in the Donetsk "
    "region.",
)
EARLY_DENIALS = [
    pytest.param(
        ("2025-04-08", f"{GS} on Tuesday denied that Russian forces had captured the village of Tonenke."),
        id="denied-outcome",
    ),
    pytest.param(
        ("2025-04-08", f"{GS} said on Tuesday that the Russian claim about Tonenke was a lie."), id="claim-was-a-lie"
    ),
    pytest.param(
        ("2025-04-08", "Kyiv's army spokesman rejected claims that Russian forces had seized Tonenke."),
        id="rejected-claims",
    ),
]


@pytest.mark.parametrize("denial", EARLY_DENIALS)
def test_a_denial_of_no_claim_yet_is_unverified(denial: Piece) -> None:
    (alone,) = _ledger([denial])
    assert (alone.stance, alone.status) == ("deny", "unverified")
    assert "denial of no claim in the ledger" in alone.status_reason


@pytest.mark.parametrize("denial", EARLY_DENIALS)
def test_a_denial_is_linked_to_the_claim_that_arrives_later(denial: Piece) -> None:
    """The claim was published first but reaches the ledger after the denial."""
    claims = _ledger([denial, TONENKE_TAKEN])
    taken = _one(claims, "captured the village of Tonenke", "Russian Ministry of Defence")
    (answer,) = [c for c in claims if c.stance == "deny"]
    assert (taken.status, answer.status) == ("disputed", "disputed"), _describe(claims)
    assert f"#{taken.id}" in answer.status_reason
    assert f"#{answer.id}" in taken.status_reason


@pytest.mark.parametrize(
    "later",
    [
        pytest.param(
            ("2025-04-09", "Russia's defence ministry said on Wednesday that its forces had captured Yasenove."),
            id="another-village",
        ),
        pytest.param(
            ("2025-04-09", "Ukrainian military bloggers said on Wednesday that Russian forces had captured Tonenke."),
            id="same-side",
        ),
        pytest.param(
            ("2025-08-20", "Russia's defence ministry said on Wednesday that its forces had captured Tonenke."),
            id="months-later",
        ),
        pytest.param(
            ("2025-04-09", "Russia's defence ministry said on Wednesday that its forces were advancing near Tonenke."),
            id="advance-nearby",
        ),
    ],
)
def test_a_denial_stays_unverified_when_no_claim_it_contradicts_arrives(later: Piece) -> None:
    denial = ("2025-04-08", f"{GS} on Tuesday denied that Russian forces had captured the village of Tonenke.")
    claims = _ledger([denial, later])
    answer = _one(claims, "denied that Russian forces")
    assert answer.status == "unverified", _describe(claims)
    assert "denial of no claim in the ledger" in answer.status_reason
    assert {c.status for c in claims} == {"unverified"}


# --- 7. corroborations and admissions -----------------------------------------------------------

NETAILOVE_TAKEN: Piece = (
    "2025-03-04",
    "Russia's defence ministry said on Tuesday that its forces had captured the village of Netailove in the Donetsk "
    "region.",
)
ISW = "The Institute for the Study of War said on Wednesday that"

MONITORS = [
    pytest.param(f"{ISW} Russian forces control Netailove.", "confirmed", id="isw-control"),
    pytest.param(
        "The DeepState map showed on Wednesday that Russian forces had captured Netailove.",
        "confirmed",
        id="deepstate-map-admission",
    ),
    pytest.param(f"{ISW} Ukrainian forces still hold Netailove.", "disputed", id="isw-contrary"),
    pytest.param(f"{ISW} Russian forces may have captured Netailove.", "unverified", id="isw-hedged"),
    pytest.param(f"{ISW} Russian forces had advanced near Netailove.", "unverified", id="isw-advanced-near"),
    pytest.param(
        f"{ISW} Russian forces had captured the nearby village of Tonenke.", "unverified", id="isw-another-village"
    ),
    pytest.param(
        "Russian military bloggers said on Wednesday that Russian troops had captured Netailove.",
        "unverified",
        id="same-side-bloggers",
    ),
    pytest.param(f"{ISW} Netailove was in Russian hands.", "confirmed", id="isw-in-russian-hands"),
    pytest.param(
        "DeepState, a Ukrainian monitoring group, said on Wednesday that Netailove was now under Russian control.",
        "confirmed",
        id="deepstate-under-russian-control",
    ),
    pytest.param(
        "DeepState said on Wednesday that Russian forces had occupied Netailove.", "confirmed", id="deepstate-occupied"
    ),
    pytest.param(
        "A map published by DeepState on Wednesday showed Netailove under Russian control.",
        "confirmed",
        id="deepstate-map-showed-under-control",
    ),
    pytest.param(
        f"{ISW} it had not seen evidence that Russian forces had captured Netailove.",
        "unverified",
        id="isw-no-evidence-confirms-nothing",
    ),
]


NOT_FALLEN = [
    pytest.param(f"{ISW} Ukrainian troops still held parts of Netailove.", "confirmed", id="monitor-holds-part"),
    pytest.param(
        f"{ISW} Russian forces had seized most of Netailove but had not completed its capture.",
        "confirmed",
        id="monitor-capture-incomplete",
    ),
    pytest.param(
        f"{ISW} Russian forces had captured Netailove, leaving Ukrainian forces only a foothold on its edge.",
        "disputed",
        id="a-foothold-beside-the-capture-is-no-support",
    ),
    pytest.param(
        "Ukraine's Khortytsia group said on Wednesday that its troops still held parts of Netailove.",
        "disputed",
        id="same-side-is-not-independent",
    ),
]


@pytest.mark.parametrize(("other", "status"), NOT_FALLEN)
def test_a_denied_capture_an_independent_source_says_has_not_happened_is_confirmed(other: str, status: str) -> None:
    """Kyiv says the capture is false; a monitor says Ukrainian troops still hold part of the village, or
    that the capture is incomplete: two independent sources that it has not fallen ('held-not-taken',
    'same-denial')."""
    denial = ("2025-03-05", f"{GS} on Wednesday denied that Russian forces had captured Netailove.")
    claims = _ledger([NETAILOVE_TAKEN, denial, ("2025-03-05", other)])
    answer = _one(claims, "denied that Russian forces had captured Netailove")
    assert answer.status == status, _describe(claims)
    if status == "confirmed":
        assert re.search(
            r"(held-not-taken|same-denial) with #\d+ \(Institute for the Study of War", answer.status_reason
        )
        assert _one(claims, "its forces had captured the village of Netailove").status == "disputed"


def test_a_claim_called_a_lie_in_its_own_sentence_is_denied_outcome_by_outcome() -> None:
    """'Moscow said it had taken X, a claim Kyiv called a lie': the denial's outcome is the capture, denied,
    so a monitor saying the capture is incomplete backs the denial."""
    claims = _ledger(
        [
            ("2025-03-05", "Moscow said on Wednesday it had taken Netailove, a claim Ukraine's military called a lie."),
            ("2025-03-05", f"{ISW} Russian forces had seized most of Netailove but had not completed its capture."),
        ]
    )
    denial = _one(claims, "called a lie", "Ukrain")
    assert [(o.kind, o.subject, o.favours, o.denied) for o in denial.outcomes] == [
        ("control", "Netailove", "russia", True)
    ]
    assert denial.status == "confirmed", _describe(claims)
    assert _one(claims, "called a lie", "Russia").status == "disputed", _describe(claims)


@pytest.mark.parametrize(("other", "status"), MONITORS)
def test_a_monitor_confirms_a_capture_only_when_it_says_the_same(other: str, status: str) -> None:
    claims = _ledger([NETAILOVE_TAKEN, ("2025-03-05", other)])
    taken = _one(claims, "captured the village of Netailove")
    assert taken.status == status, _describe(claims)


def test_the_striking_side_confirming_the_claim_of_civilian_deaths() -> None:
    claims = _ledger(
        [
            (
                "2025-03-04",
                "Ukraine's Interior Ministry said on Tuesday that a Russian missile strike on Kramatorsk had killed "
                "civilians. Russia's defence ministry confirmed the claim.",
            )
        ]
    )
    casualties = _one(claims, "had killed civilians")
    admission = _one(claims, "confirmed the claim")
    assert (admission.stance, admission.side, admission.target_id) == ("confirm", "russia", casualties.id)
    assert casualties.status == "confirmed"
    assert "confirms-claim" in casualties.status_reason


def test_ordering_the_withdrawal_of_its_troops_admits_the_loss() -> None:
    answer = f"{GS} said it had opened an investigation into the withdrawal of its troops from Netailove."
    claims = _ledger([NETAILOVE_TAKEN, ("2025-03-05", answer)])
    assert _one(claims, "captured the village of Netailove").status == "confirmed", _describe(claims)


BACKGROUND_DATES = [
    pytest.param(", the base the army abandoned in December 2023.", None, id="appositive-with-its-own-verb"),
    pytest.param(", which Russian forces seized in May 2023.", None, id="which-clause"),
    pytest.param(" in December 2024.", "2024-12", id="the-claims-own-date"),
]


@pytest.mark.parametrize(("ending", "month"), BACKGROUND_DATES)
def test_a_date_in_a_clause_about_a_noun_is_not_the_events(ending: str, month: str | None) -> None:
    (claim,) = _read(f"Army spokesman Petro Kalyna said troops had taken control of the Netailove bridge{ending}")
    assert (claim.event_date.start.isoformat()[:7] if claim.event_date else None) == month


CONCESSIONS = [
    pytest.param(
        "Russia's defence ministry said on Saturday that its forces had captured Netailove, and on Sunday a Ukrainian "
        "brigade commander acknowledged the defeat.",
        "confirmed",
        id="same-sentence",
    ),
    pytest.param(
        "Russia's defence ministry said on Saturday that its forces had captured Netailove. On Sunday a Ukrainian "
        "brigade commander acknowledged the withdrawal.",
        "confirmed",
        id="next-sentence",
    ),
    pytest.param(
        "Russia's defence ministry said on Saturday that its forces had captured Netailove, and on Sunday a Russian "
        "military blogger acknowledged the defeat.",
        "unverified",
        id="own-side-concedes-nothing",
    ),
    pytest.param(
        "Russia's defence ministry said on Saturday that its forces had repelled attacks near Netailove, and a "
        "Ukrainian brigade commander acknowledged the setback.",
        "unverified",
        id="no-claim-of-a-win",
    ),
]


@pytest.mark.parametrize(("text", "status"), CONCESSIONS)
def test_acknowledging_a_defeat_concedes_the_other_sides_win(text: str, status: str) -> None:
    claims = _ledger([("2025-03-10", text)])
    claim = _one(claims, "Russia's defence ministry said", "Defence")
    assert claim.status == status, _describe(claims)


PRESENCE = [
    pytest.param("were crossing into", "confirmed", id="crossing-into"),
    pytest.param("had moved into", "confirmed", id="moved-into"),
    pytest.param("had been seen near", "unverified", id="seen-near-says-nothing"),
]


@pytest.mark.parametrize(("verb", "status"), PRESENCE)
def test_two_sides_placing_foreign_troops_in_a_war_corroborate(verb: str, status: str) -> None:
    claims = _ledger(
        [
            (
                "2025-03-10",
                "UN experts said on Monday that Rwandan troops were fighting in eastern Congo. Congo's foreign "
                f"minister said on Tuesday that Rwandan troops {verb} the Masisi territory.",
            )
        ]
    )
    claim = _one(claims, "UN experts said")
    assert claim.status == status, _describe(claims)


PRESUPPOSED_TROOPS = [
    pytest.param(
        "M23 fighters were battling the army and Rwandan troops in the Masisi territory", id="coordinated-object"
    ),
    pytest.param("M23 fighters had clashed with Rwandan troops in the Masisi territory", id="object-of-with"),
    pytest.param("M23 fighters were fighting Rwandan troops in the Masisi territory", id="object-of-fighting"),
]


@pytest.mark.parametrize("words", PRESUPPOSED_TROOPS)
def test_troops_named_as_an_object_are_no_presence_claim(words: str) -> None:
    """A claim about fighting them only presupposes the troops are there: it neither confirms another
    source's presence claim nor is confirmed by it."""
    claims = _ledger(
        [
            (
                "2025-03-10",
                "UN experts said on Monday that Rwandan troops were fighting in eastern Congo. An M23 spokesman "
                f"said on Tuesday that {words}.",
            )
        ]
    )
    assert {c.status for c in claims} == {"unverified"}, _describe(claims)


def test_a_denied_presence_another_side_confirms_leaves_the_figure_unverified_not_disputed() -> None:
    """Kinshasa says Rwandan troops are in Congo, Kigali denies it: a UN panel's "4,000 Rwandan troops"
    has its presence backed, its figure not; disputed would tell a reader that the denial stands."""
    claims = _ledger(
        [
            (
                "2025-01-27",
                "UN experts said in a report that 4,000 Rwandan troops were operating in eastern Congo. Congo's "
                "foreign minister said Rwandan troops were crossing into Congo. Rwanda denied that its troops were "
                "operating in Congo.",
            )
        ]
    )
    figure = _one(claims, "4,000 Rwandan troops")
    assert figure.status == "unverified", _describe(claims)
    assert "figure unbacked" in figure.status_reason


# --- 8. order independence ----------------------------------------------------------------------

STORIES = [
    pytest.param(
        [
            TONENKE_TAKEN,
            (
                "2025-04-10",
                f"{GS} said on Thursday that the Russian claim about Tonenke was a lie. A Ukrainian army "
                "spokesman, Petro Kalyna, said fighting continues in Tonenke.",
            ),
            (
                "2025-04-11",
                "The Institute for the Study of War said on Friday that geolocated footage showed Russian forces had "
                "captured Tonenke.",
            ),
        ],
        id="capture-denied-then-corroborated",
    ),
    pytest.param(
        [
            (
                "2025-04-08",
                "Ukraine's State Emergency Service said on Tuesday that a Russian missile strike on Sloviansk had "
                "killed 12 people.",
            ),
            (
                "2025-04-09",
                "Russia's defence ministry said on Wednesday that its strike on Sloviansk had hit a Ukrainian "
                "barracks. The ministry dismissed the figure of 12 dead as a fabrication.",
            ),
            (
                "2025-04-10",
                "The UN Human Rights Monitoring Mission in Ukraine said on Thursday that the strike on Sloviansk had "
                "killed 12 civilians. The dead included two children, the mission said.",
            ),
        ],
        id="toll-denied-then-counted",
    ),
    pytest.param(
        [
            (
                "2025-04-08",
                "Russia's defence ministry said on Tuesday that its forces had liberated the village of Yasenove.",
            ),
            ("2025-04-09", f"{GS} said on Wednesday that Ukrainian troops still hold Yasenove."),
            (
                "2025-04-15",
                "Ukraine's Khortytsia group acknowledged on Tuesday that its units had withdrawn from Yasenove to "
                "avoid encirclement.",
            ),
        ],
        id="capture-contested-then-admitted",
    ),
]


def _statuses(pieces: Sequence[Piece]) -> dict[tuple[str, str], str]:
    claims = _ledger(pieces)
    keyed = {(c.sentence, c.source): c.status for c in claims}
    assert len(keyed) == len(claims)
    return keyed


@pytest.mark.parametrize("story", STORIES)
def test_a_story_has_the_same_statuses_in_every_order(story: list[Piece]) -> None:
    first = _statuses(story)
    assert set(first.values()) != {"unverified"}  # the story decides something
    for order in itertools.permutations(story):
        assert _statuses(order) == first, order


# --- 9. appositives between source and cue ---------------------------------------------------

APPOSITIVES = [
    pytest.param(
        "Anna Koval, co-founder of the Kharkiv-based monitoring group Lines, said Russian troops had entered the "
        "outskirts of Kupiansk.",
        "Anna Koval",
        "said",
        "Russian troops had entered the outskirts of Kupiansk",
        id="co-founder-of-group",
    ),
    pytest.param(
        "Marta Hnatiuk, a spokeswoman for the Kherson regional administration, said shelling had damaged 14 houses "
        "in Bilozerka.",
        "Marta Hnatiuk",
        "said",
        "shelling had damaged 14 houses in Bilozerka",
        id="spokeswoman-for",
    ),
    pytest.param(
        "Ihor Levchenko, head of the Dnipro-based volunteer group Shield, told reporters that drones had struck a "
        "fuel depot near Pavlohrad.",
        "Ihor Levchenko",
        "told",
        "drones had struck a fuel depot near Pavlohrad",
        id="head-of-told",
    ),
    pytest.param(
        "Oksana Rybak, deputy head of the Zaporizhzhia regional council, said the bridge at Stepnohirsk was destroyed.",
        "Oksana Rybak",
        "said",
        "the bridge at Stepnohirsk was destroyed",
        id="deputy-head-of",
    ),
    pytest.param(
        "Vasyl Moroz, the commander of a drone unit fighting near Pokrovsk, said Russian infantry attacked in small "
        "groups.",
        "Vasyl Moroz",
        "said",
        "Russian infantry attacked in small groups",
        id="commander-of-unit-fighting-near",
    ),
]


@pytest.mark.parametrize(("text", "name", "cue", "content"), APPOSITIVES)
def test_the_named_person_before_an_appositive_is_the_source(text: str, name: str, cue: str, content: str) -> None:
    claims = _read(text)
    assert len(claims) == 1, _states(claims)  # the group in the appositive is no second source
    (claim,) = claims
    assert claim.actor == name
    assert claim.source_text.startswith(name)
    assert (claim.cue, claim.content) == (cue, content)


# the relative pronoun "who" in an appositive is not the WHO (side "un")
TONENKE_HELD: Piece = ("2025-03-04", f"{GS} said on Tuesday that Ukrainian troops still hold Tonenke.")
WHO_CLAUSES = [
    pytest.param(
        "Oksana Rybak, who visited the village on Wednesday, said Ukrainian troops still hold Tonenke.",
        "Oksana Rybak",
        id="who-visited",
    ),
]


@pytest.mark.parametrize(("text", "name"), WHO_CLAUSES)
def test_who_in_an_appositive_names_no_side(text: str, name: str) -> None:
    claims = _ledger([TONENKE_HELD, ("2025-03-05", text)])
    person = _one(claims, "who", name)
    assert (person.source, person.side) == (name, "unknown"), _describe(claims)
    # a source of no known side neither confirms nor disputes the General Staff
    assert _one(claims, "on Tuesday", "Ukrainian General Staff").status == "unverified", _describe(claims)
    assert {c.status for c in claims} == {"unverified"}, _describe(claims)


@pytest.mark.parametrize(
    "text",
    [
        "A WHO spokesman said hospitals in Kramatorsk had been damaged.",
        "The WHO said hospitals in Kramatorsk had been damaged.",
    ],
)
def test_the_who_in_capitals_is_the_un(text: str) -> None:
    """The positive case: the acronym still names the WHO, and is never cut as a relative pronoun."""
    claims = _read(text)
    assert [c.side for c in claims] == ["un"], _states(claims)


# --- 10. reporting verbs ------------------------------------------------------------------------

VERBS = [
    pytest.param(
        "Russia's defence ministry touted the capture of Tonenke as a major success.",
        "Russian Ministry of Defence",
        "touted",
        "assert",
        id="touted",
    ),
    pytest.param(
        "A map published by DeepState on Tuesday showed Russian forces had advanced west of Tonenke.",
        "DeepState",
        "showed",
        "assert",
        id="showed-map-published-by",
    ),
    pytest.param(
        "DeepState's map showed that Russian troops had entered Yasenove.",
        "DeepState",
        "showed",
        "assert",
        id="showed-monitors-map",
    ),
    pytest.param(
        "Footage published by the Institute for the Study of War showed Russian tanks in Tonenke.",
        "Institute for the Study of War",
        "showed",
        "assert",
        id="showed-footage-published-by",
    ),
    pytest.param(
        "The Institute for the Study of War's map showed Russian forces holding the eastern half of Kupiansk.",
        "Institute for the Study of War",
        "showed",
        "assert",
        id="showed-long-names-map",
    ),
    pytest.param(
        "Russia's defence ministry boasted that its troops had destroyed six Ukrainian tanks near Kupiansk.",
        "Russian Ministry of Defence",
        "boasted",
        "assert",
        id="boasted",
    ),
    pytest.param(
        "Ukraine's General Staff insisted that its troops still hold Tonenke.",
        "Ukrainian General Staff",
        "insisted",
        "assert",
        id="insisted",
    ),
    pytest.param(
        "Ukraine's General Staff acknowledged that its troops had pulled back from Yasenove.",
        "Ukrainian General Staff",
        "acknowledged",
        "confirm",
        id="acknowledged",
    ),
    pytest.param(
        "Ukraine's General Staff conceded that Russian forces had gained ground near Yasenove.",
        "Ukrainian General Staff",
        "conceded",
        "confirm",
        id="conceded",
    ),
    pytest.param(
        "Russia is accusing Ukraine of shelling the Zaporizhzhia nuclear power plant.",
        "Russian government",
        "accusing",
        "assert",
        id="is-accusing",
    ),
    pytest.param(
        "Aid groups are working with local officials who say the water supply in Kupiansk has failed.",
        "Local officials",
        "say",
        "assert",
        id="local-officials-who-say",
    ),
    pytest.param(
        "The town is being abandoned, with local officials who say only 300 people remain in Kupiansk.",
        "Local officials",
        "say",
        "assert",
        id="with-local-officials-who-say",
    ),
]


@pytest.mark.parametrize(("text", "actor", "cue", "stance"), VERBS)
def test_a_reporting_verb_makes_a_claim(text: str, actor: str, cue: str, stance: str) -> None:
    claims = _read(text)
    assert [(c.actor, c.cue, c.stance.value) for c in claims] == [(actor, cue, stance)], _states(claims)


NOT_CLAIMS = [
    pytest.param("Footage showed Russian troops raising a flag in Tonenke.", id="unowned-footage"),
    pytest.param("Unverified footage showed Russian troops raising a flag in Tonenke.", id="unverified-footage"),
    pytest.param("The fighting around Tonenke showed no sign of easing on Tuesday.", id="showed-no-sign"),
    pytest.param("Residents showed reporters the ruins of the school in Kupiansk.", id="showed-reporters"),
    pytest.param("Reporters asked whether the bridge at Tonenke was still usable.", id="question"),
    pytest.param("Ukraine's General Staff urged residents to leave Kupiansk.", id="urged"),
]


@pytest.mark.parametrize("text", NOT_CLAIMS)
def test_no_claim_without_a_source_and_a_reporting_verb(text: str) -> None:
    assert _read(text) == []


# --- 11. headings, datelines and pronouns ------------------------------------------------------------

HEADED = [
    pytest.param(
        "GRADUAL ADVANCE\nRussian forces are advancing slowly around Kupiansk, a Ukrainian army spokesman, "
        "Petro Kalyna, said.",
        "Petro Kalyna",
        "Russian forces are advancing slowly around Kupiansk",
        id="heading-fronted-content",
    ),
    pytest.param(
        'GRADUAL ADVANCE\n"The enemy is advancing slowly," said Petro Kalyna, a Ukrainian army spokesman.',
        "Petro Kalyna",
        "The enemy is advancing slowly",
        id="heading-quote",
    ),
    pytest.param(
        "HEAVY LOSSES\nUkraine's General Staff said on Tuesday that Russia had lost 1,200 troops in a day.",
        "Ukrainian General Staff",
        "Russia had lost 1,200 troops in a day",
        id="heading-source-first",
    ),
    pytest.param(
        "KYIV, March 3 (Wire) - Russian forces have captured Tonenke, Russia's defence ministry said on Tuesday.",
        "Russian Ministry of Defence",
        "Russian forces have captured Tonenke",
        id="dateline-fronted-content",
    ),
    pytest.param(
        "KYIV, March 3 (Wire) -- The Russian defence ministry said its forces had captured Tonenke.",
        "Russian Ministry of Defence",
        "its forces had captured Tonenke",
        id="dateline-double-dash",
    ),
]


@pytest.mark.parametrize(("text", "actor", "content"), HEADED)
def test_headings_and_datelines_are_neither_sources_nor_content(text: str, actor: str, content: str) -> None:
    claims = _read(text)
    assert len(claims) == 1, _states(claims)
    (claim,) = claims
    assert claim.actor == actor
    assert content in claim.content
    for words in ("GRADUAL", "HEAVY LOSSES", "KYIV", "MOSCOW", "Wire"):
        assert words not in claim.source_text
        assert words not in claim.content
        assert words not in claim.sentence.text


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("GRADUAL ADVANCE\nFighting continues in Tonenke.", id="heading-then-narration"),
        pytest.param("UKRAINIAN MILITARY\nRussian forces have captured Tonenke.", id="heading-names-a-side"),
        pytest.param("KYIV, March 3 (Wire) - Fighting continues in Tonenke.", id="dateline-then-narration"),
        pytest.param(
            '"We repelled nine assaults," said Petro Kalyna, a Ukrainian army spokesman.\n\n"LOSSES ARE PART OF WAR"',
            id="quoted-heading-after-a-quote",
        ),
    ],
)
def test_a_heading_or_dateline_alone_makes_no_claim(text: str) -> None:
    assert [c for c in _read(text) if "LOSSES" in c.sentence.text or "Petro" not in c.sentence.text] == []


SOURCES_WITH_A_PLACE = [
    pytest.param(
        "The army's spokesman in Kryvyi Rih said the town was calm.", "Army's spokesman in Kryvyi Rih", id="in"
    ),
    pytest.param("A Ukrainian army spokesman in Kharkiv said the town was calm.", "Ukrainian Armed Forces", id="side"),
    pytest.param("The governor of Belgorod said the town was calm.", "Vyacheslav Gladkov", id="of-names-the-office"),
]


@pytest.mark.parametrize(("text", "actor"), SOURCES_WITH_A_PLACE)
def test_a_place_after_in_locates_the_source_and_does_not_name_it(text: str, actor: str) -> None:
    (claim,) = _read(text)
    assert claim.actor == actor


@pytest.mark.parametrize("word", ["The", "A", "This"])
def test_a_determiner_alone_is_no_source(word: str) -> None:
    from claimtrack.extract.phrases import plausible_source

    assert not plausible_source(word, LEXICON)


HE_SAID = [
    pytest.param(
        '"The village is ours," Petro Kalyna, a Ukrainian army spokesman, told reporters in response to a statement '
        'by Colonel Andrei Zotov. "We repelled nine assaults," he said.',
        id="other-man-named-between",
    ),
    pytest.param(
        "Colonel Andrei Zotov, a Russian army spokesman, said Russian troops had taken Tonenke. "
        '"That is a lie," said Petro Kalyna, a Ukrainian army spokesman. "Our soldiers are still there," he said.',
        id="other-man-named-before",
    ),
]


@pytest.mark.parametrize("text", HE_SAID)
def test_he_said_after_a_quote_is_the_quotes_speaker(text: str) -> None:
    claims = _read(text)
    (he,) = [c for c in claims if c.source_text == "he"]
    assert (he.actor, he.side) == ("Petro Kalyna", "ukraine"), _states(claims)


def test_they_said_prefers_the_subject_of_its_own_sentence() -> None:
    claims = _read(
        "Ukrainian officials said heavy fighting continued. "
        "Russian military bloggers posted a video that they said showed Russian troops in Tonenke."
    )
    video = [c for c in claims if "video" in c.sentence.text]
    assert [c.actor for c in video] == ["Russian military bloggers"], _states(claims)


THEY_SAID = [
    pytest.param(
        "Russian military bloggers shared a video that they said showed Russian troops in the centre of Tonenke.",
        "Russian military bloggers",
        "russia",
        "Russian troops in the centre of Tonenke",
        id="a-video-that-they-said",
    ),
    pytest.param(
        "Ukrainian officials met Russian negotiators, who they said had rejected a ceasefire.",
        "Ukrainian officials",
        "ukraine",
        "had rejected a ceasefire",
        id="who-they-said",
    ),
]


@pytest.mark.parametrize(("text", "actor", "side", "content"), THEY_SAID)
def test_they_said_in_a_relative_clause_is_the_subjects_claim(text: str, actor: str, side: str, content: str) -> None:
    claims = _read(text)
    assert len(claims) == 1, _states(claims)
    (claim,) = claims
    assert (claim.source_text, claim.actor, claim.side, claim.cue) == (actor, actor, side, "said")
    assert content in claim.content


# --- 12. a quotation of several sentences ----------------------------------------------------------

QUOTES = [
    pytest.param(
        '"We hold Tonenke. The enemy lost 40 men there yesterday. Our drones destroyed two tanks," said Petro '
        "Kalyna, a Ukrainian army spokesman.",
        "Petro Kalyna",
        ["We hold Tonenke", "The enemy lost 40 men there yesterday", "Our drones destroyed two tanks"],
        id="quote-then-inverted-cue",
    ),
    pytest.param(
        'Petro Kalyna, a Ukrainian army spokesman, said: "We hold Tonenke. The enemy lost 40 men there yesterday."',
        "Petro Kalyna",
        ["We hold Tonenke", "The enemy lost 40 men there yesterday"],
        id="cue-colon-quote",
    ),
    pytest.param(
        '"We hold Tonenke," Petro Kalyna, a Ukrainian army spokesman, said. "The enemy lost 40 men there yesterday. '
        'Our drones destroyed two tanks."',
        "Petro Kalyna",
        ["We hold Tonenke", "The enemy lost 40 men there yesterday", "Our drones destroyed two tanks"],
        id="continued-quote",
    ),
    pytest.param(
        'Colonel Andrei Zotov, a Russian army spokesman, told reporters: "Our units have liberated Tonenke. The enemy '
        'retreated in panic."',
        "Andrei Zotov",
        ["Our units have liberated Tonenke", "The enemy retreated in panic"],
        id="told-colon-quote",
    ),
]


@pytest.mark.parametrize(("text", "actor", "sentences"), QUOTES)
def test_each_sentence_of_a_quotation_is_its_own_claim(text: str, actor: str, sentences: list[str]) -> None:
    claims = _read(text)
    assert len(claims) == len(sentences), _states(claims)
    assert len({c.sentence.start for c in claims}) == len(claims)  # one claim per sentence
    for claim, words in zip(claims, sentences, strict=True):
        assert claim.actor == actor
        assert words in claim.content
        # a claim never spans two sentences: its content lies inside its own sentence
        assert claim.content.strip(' "“”,:') in claim.sentence.text, (claim.content, claim.sentence.text)
        assert not re.search(r"[.!?]\s+\S", claim.content), claim.content


def test_a_question_inside_a_quotation_is_no_claim() -> None:
    claims = _read('"Tonenke is ours. Is that clear? Go and look," said Petro Kalyna, a Ukrainian army spokesman.')
    assert all("Is that clear" not in c.content for c in claims), _states(claims)
    assert any("Tonenke is ours" in c.content and c.actor == "Petro Kalyna" for c in claims)


# --- 13. joint sources --------------------------------------------------------------------------

JOINT = [
    pytest.param(
        "Joint exercises near the Polish border had ended, according to Russia and Belarus.",
        ["Russian government", "Belarusian government"],
        id="according-to-two-countries",
    ),
    pytest.param(
        "Ukrainian troops had pulled back from the village by Thursday, according to two officers and a local "
        "official.",
        ["Two officers", "Local official"],
        id="according-to-two-described-sources",
    ),
    pytest.param(
        "According to two officials and a diplomat, the talks in Istanbul stalled.",
        ["Two officials", "Diplomat"],
        id="fronted-according-to-two-described-sources",
    ),
    pytest.param(
        "Russia and Belarus said on Tuesday that joint exercises near the Polish border had ended.",
        ["Russian government", "Belarusian government"],
        id="russia-and-belarus",
    ),
    pytest.param(
        "Moscow and Minsk said the joint exercises had ended.",
        ["Russian government", "Belarusian government"],
        id="moscow-and-minsk",
    ),
    pytest.param(
        "Ukraine and Poland said the border crossing at Yahodyn would reopen on Friday.",
        ["Ukrainian government", "Polish government"],
        id="ukraine-and-poland",
    ),
    pytest.param(
        "The Ukrainian air force and the State Emergency Service said a Russian drone had hit a warehouse in Lviv.",
        ["Ukrainian Air Force", "State Emergency Service of Ukraine"],
        id="air-force-and-the-service",
    ),
    pytest.param(
        "Ukraine's General Staff and the Khortytsia group said Russian troops had been pushed out of Tonenke.",
        ["Ukrainian General Staff", "Khortytsia Operational-Strategic Group"],
        id="general-staff-and-the-group",
    ),
    pytest.param(
        "Russia, Belarus and Iran said in a joint statement that sanctions were illegal.",
        ["Russian government", "Belarusian government", "Iranian government"],
        id="three-names",
    ),
]


@pytest.mark.parametrize(("text", "actors"), JOINT)
def test_joint_sources_each_get_their_own_claim(text: str, actors: list[str]) -> None:
    claims = _read(text)
    assert sorted(c.actor for c in claims) == sorted(actors), _states(claims)
    assert len({c.content for c in claims}) == 1  # the same words, said by each
    assert len({c.rule for c in claims}) == 1 and claims[0].rule in {"coordinated-sources", "according-to"}


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        pytest.param(
            "The Organization for Security and Co-operation in Europe said its monitors had left Kupiansk.",
            "OSCE",
            id="and-inside-a-name",
        ),
        pytest.param(
            "Russian and Belarusian troops had finished joint drills near Brest, the Kremlin said.",
            "Kremlin",
            id="and-inside-the-content",
        ),
    ],
)
def test_one_source_with_and_in_its_sentence_is_one_claim(text: str, actor: str) -> None:
    assert [c.actor for c in _read(text)] == [actor]


# --- pointers that say what they point at -------------------------------------------------

GENERALS_WOUNDED = (
    "Ukraine's military intelligence said on Tuesday that two Russian generals were among the wounded in the strike "
    "on the base near Makarivka."
)
FORTY_KILLED = (
    "Ukraine's military intelligence said on Tuesday that 40 Russian officers were killed in the strike on the base "
    "near Makarivka."
)
RADARS_HIT = (
    "Ukraine's General Staff said on Tuesday that its drones had destroyed two air defence radars near Makarivka."
)
REFINERY_HIT = "Ukraine's General Staff said on Tuesday that its drones had set fire to an oil refinery near Makarivka."


@pytest.mark.parametrize(
    ("claim", "pointer", "status"),
    [
        pytest.param(
            GENERALS_WOUNDED,
            "Russian military bloggers dismissed the Ukrainian figure of 40 dead as a fabrication.",
            "unverified",
            id="figure-not-in-the-claim",
        ),
        pytest.param(
            FORTY_KILLED,
            "Russian military bloggers dismissed the Ukrainian figure of 40 dead as a fabrication.",
            "disputed",
            id="figure-in-the-claim",
        ),
        pytest.param(
            RADARS_HIT,
            "Russia's defence ministry rejected the Ukrainian account of strikes on oil refineries as fake.",
            "unverified",
            id="topic-not-in-the-claim",
        ),
        pytest.param(
            REFINERY_HIT,
            "Russia's defence ministry rejected the Ukrainian account of strikes on oil refineries as fake.",
            "disputed",
            id="topic-in-the-claim",
        ),
    ],
)
def test_a_pointer_that_names_its_topic_disputes_only_a_claim_about_it(claim: str, pointer: str, status: str) -> None:
    claims = _ledger([("2025-03-04", f"{claim} {pointer}")])
    assert _one(claims, claim[-40:]).status == status, _describe(claims)


def test_a_demonstrative_points_at_what_its_paragraph_named() -> None:
    """'Those reports' are the reports the paragraph just named (which no source made), not the
    claim of the paragraph before."""
    body = (
        "At least three people were killed in Makarivka overnight, according to Russian-installed officials.\n\n"
        "Ukraine's General Staff flatly denied reports that its troops had withdrawn from Yasenove. "
        '"Our troops have not left. Those reports are false," a Ukrainian army spokesman said.'
    )
    claims = _ledger([("2025-03-04", body)])
    assert _one(claims, "At least three people were killed").status == "unverified", _describe(claims)


@pytest.mark.parametrize(
    ("answer", "status"),
    [
        pytest.param("Kyiv did not respond to those claims.", "unverified", id="no-answer-to-the-claims"),
        # about the reporter's call, not the claim: the later denial is of it
        pytest.param("Kyiv did not respond to requests for comment.", "disputed", id="no-answer-to-a-reporter"),
    ],
)
def test_a_claim_the_text_says_went_unanswered_is_not_the_target_of_a_vague_denial(answer: str, status: str) -> None:
    body = (
        "Russia's defence ministry also claimed that its forces had captured the village of Makarivka. "
        f"{answer}\n\n"
        "A spokesman for Ukraine's General Staff said the Russian statements were untrue."
    )
    claims = _ledger([("2025-03-04", body)])
    assert _one(claims, "captured the village of Makarivka").status == status, _describe(claims)


@pytest.mark.parametrize(
    "sentence",
    [
        pytest.param(
            'Russia\'s defence ministry said it had taken "defensive measures" along the border.', id="quoted-object"
        ),
        pytest.param("Russia's defence ministry said it had captured Kupiansk's main hospital.", id="possessive-site"),
    ],
)
def test_a_verb_with_another_object_claims_no_place(sentence: str) -> None:
    """In an article about one town, 'taken "defensive measures"' is not 'taken' the town."""
    text = f"Fighting went on around Makarivka on Tuesday, Ukraine's General Staff said. {sentence}"
    claim = _read(text)[-1]
    assert claim.outcomes == (), claim.outcomes


def test_she_said_goes_to_the_woman_just_named_not_to_a_body_named_before() -> None:
    claims = _read(
        "About 900 people were killed, the United Nations said on Tuesday. Some 600 bodies had been buried, "
        "Vivian van de Perre, deputy head of the UN peacekeeping mission in Congo, told reporters. "
        '"The figures are still going up," she said.'
    )
    first, second = (c for c in claims if "van de Perre" in c.sentence.text or "she said" in c.sentence.text)
    assert second.actor == first.actor != "United Nations", _states(claims)


def test_its_military_is_the_military_of_the_body_named_last() -> None:
    claims = _read(
        "Russia has also had to revise its account. Its military said on Tuesday that its forces had captured Tonenke."
    )
    assert [(c.actor, c.side) for c in claims] == [("Russian Armed Forces", "russia")], _states(claims)


def test_the_spokesman_is_the_spokesman_named_before() -> None:
    claims = _read(
        "A spokesman for Ukraine's Khortytsia group of forces told reporters that Russian troops had entered "
        'Tonenke.\n\n"We hunt them with drones," said the spokesman, who asked not to be named.'
    )
    assert [c.actor for c in claims] == ["Khortytsia Operational-Strategic Group"] * 2, _states(claims)


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        pytest.param(
            "Kyiv denied it. The defence ministry in Moscow released a video that it said showed Russian soldiers "
            "raising a flag over Tonenke.",
            "Russian Ministry of Defence",
            id="it-said-in-a-relative-clause",
        ),
        pytest.param(
            "The defence ministry in Moscow said its forces had taken Tonenke.",
            "Russian Ministry of Defence",
            id="a-body-located-by-its-capital",
        ),
    ],
)
def test_it_said_and_a_body_in_a_capital(text: str, actor: str) -> None:
    claims = _read(text)
    assert claims[-1].actor == actor, _states(claims)


@pytest.mark.parametrize(
    ("content", "blamed"),
    [
        pytest.param(
            "Faced with the humanitarian crisis caused by the Kyiv regime, we declare a ceasefire", False, id="crisis"
        ),
        pytest.param("the explosion was caused by a Ukrainian air defence missile", True, id="strike"),
    ],
)
def test_caused_by_blames_a_side_only_for_a_strike(content: str, blamed: bool) -> None:
    from claimtrack.extract.outcomes import _blame

    assert bool(_blame(content, "Kyiv", "russia", LEXICON)) is blamed


def test_pulling_back_from_the_airport_is_not_losing_the_town() -> None:
    claims = _read(
        "Russia's defence ministry said on Monday that its forces had captured Netailove. Ukrainian troops had "
        "pulled back from the airport by Thursday night, according to two officers."
    )
    (officers,) = claims_of_sentence(claims, "pulled back from the airport")
    assert all(o.subject != "Netailove" for o in officers.outcomes), _states(claims)


def test_a_denial_that_names_its_outcome_points_at_a_claim_of_it() -> None:
    claims = _ledger(
        [
            (
                "2025-03-04",
                "Russian forces captured the airfield at Tonenke, north of Netailove, Russia's defence ministry said. "
                '"There is no truth in the rumours that Netailove has fallen," a Ukrainian army spokesman said.',
            )
        ]
    )
    airfield = _one(claims, "captured the airfield at Tonenke")
    assert "denies-claim" not in airfield.status_reason, _describe(claims)


def claims_of_sentence(claims: Sequence[Claim], words: str) -> list[Claim]:
    return [c for c in claims if words in c.sentence.text]


def test_a_toll_since_a_date_is_dated_when_it_was_given() -> None:
    (claim,) = _read("The governor said on Monday that 30 people had been killed in Kharkiv since Feb. 24.")
    assert claim.event_date is not None and claim.event_date.start == dt.date(2025, 3, 3)
