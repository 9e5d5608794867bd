"""Tests for claimtrack.extract.outcomes: outcome frames and counts in comparable form."""

from __future__ import annotations

import pytest

from claimtrack.extract.about import find_places
from claimtrack.extract.outcomes import find_outcomes, find_quantities, opponent
from claimtrack.models import Outcome


def outcomes(content, speaker, lexicon, event=None, fallback=None, accusation=False):
    return find_outcomes(
        content, speaker, find_places(content, lexicon), fallback, event, lexicon, accusation=accusation
    )


def of_kind(found, kind):
    return [(o.subject, o.favours) for o in found if o.kind == kind]


def test_opponent(lexicon):
    assert opponent("russia", lexicon) == "ukraine"
    assert opponent("ukraine", lexicon) == "russia"
    assert opponent("hamas", lexicon) == "israel"
    assert opponent("poland", lexicon) == "not-poland"


# --- control ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "speaker", "place", "favours"),
    [
        # gain: the subject's side holds it
        ("its troops had captured the village of Soledar", "russia", "Soledar", "russia"),
        ("its troops had captured the village of Soledar", "ukraine", "Soledar", "ukraine"),
        ("our units liberated Vuhledar after a week", "russia", "Vuhledar", "russia"),
        ("the enemy had seized Avdiivka", "ukraine", "Avdiivka", "russia"),
        ("the enemy took Avdiivka", "russia", "Avdiivka", "ukraine"),
        ("Ukrainian units had retaken Vuhledar", "russia", "Vuhledar", "ukraine"),
        ("Russian forces took control of Toretsk", "ukraine", "Toretsk", "russia"),
        # loss: the other side holds it
        ("Russian forces withdrew from Soledar", "ukraine", "Soledar", "ukraine"),
        ("our forces pulled back from Vuhledar", "ukraine", "Vuhledar", "russia"),
        ("its troops had abandoned Avdiivka", "russia", "Avdiivka", "ukraine"),
        ("the enemy retreated from Toretsk", "ukraine", "Toretsk", "ukraine"),
        ("his forces had lost Avdiivka", "russia", "Avdiivka", "ukraine"),
        ("it lost its Southern Command headquarters in Avdiivka to the enemy", "ukraine", "Avdiivka", "russia"),
        # hold: the side still there
        ("fighting is raging inside Soledar", "ukraine", "Soledar", "ukraine"),
    ],
)
def test_control(lexicon, content, speaker, place, favours):
    assert of_kind(outcomes(content, speaker, lexicon), "control") == [(place, favours)]


@pytest.mark.parametrize(
    ("content", "speaker", "place", "favours"),
    [
        ("Ukrainian troops still held parts of Avdiivka", "ukraine", "Avdiivka", "ukraine"),
        ("its soldiers still control the centre of Toretsk", "russia", "Toretsk", "russia"),
        ("Russian forces had taken most of Pokrovsk", "russia", "Pokrovsk", "russia"),
        ("leaving Ukrainian forces only a foothold in Bakhmut", "independent", "Bakhmut", "ukraine"),
    ],
)
def test_part_of_a_place_is_its_own_kind_of_outcome(lexicon, content, speaker, place, favours):
    found = outcomes(content, speaker, lexicon)
    assert of_kind(found, "partial") == [(place, favours)]
    assert of_kind(found, "control") == []


@pytest.mark.parametrize(
    "content",
    [
        "its troops had captured the village of Soledar",
        "troops were trying to gain a foothold in Pokrovsk",
        "our units pulled back from Vuhledar",
    ],
)
def test_a_monitor_is_never_the_side_that_gains(lexicon, content):
    """With no side named, a gain would default to the speaker's; a monitor fights for nobody."""
    assert outcomes(content, "independent", lexicon) == ()


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        # a denied completion: the whole place is not taken
        ("Russian forces had not completed the city's capture", [("control", "russia", True)]),
        ("Russian forces had not completed the capture of Pokrovsk", [("control", "russia", True)]),
        # part taken, the whole not: the second verb of the same subject
        (
            "Russian forces had likely seized most of Pokrovsk but had not completed its capture",
            [("partial", "russia", False), ("control", "russia", True)],
        ),
        # a nationality describing the place before 'city of'
        ("its forces had captured the eastern Ukrainian city of Pokrovsk", [("control", "russia", False)]),
        # ... but not positions named by it
        ("its forces had taken Ukrainian positions near Pokrovsk", []),
        # 'it' for the place the content named
        ("Pokrovsk was under heavy attack but it remained in Ukrainian hands", [("control", "ukraine", False)]),
    ],
)
def test_completion_nationality_and_it_readings(lexicon, content, expected):
    found = outcomes(content, "russia", lexicon, fallback="Pokrovsk")
    assert [(o.kind, o.favours, o.denied) for o in found] == expected
    assert all(o.subject == "Pokrovsk" for o in found)


def test_control_uses_fallback_place_when_none_named(lexicon):
    found = outcomes("its forces had taken the settlement", "russia", lexicon, fallback="Toretsk")
    assert of_kind(found, "control") == [("Toretsk", "russia")]


def test_control_without_any_place_says_nothing(lexicon):
    assert of_kind(outcomes("its forces had taken the settlement", "russia", lexicon), "control") == []


@pytest.mark.parametrize(
    ("content", "speaker"),
    [
        ("a fresh brigade was taking over positions near Soledar", "ukraine"),
        ("the unit handed over its sector near Vuhledar", "ukraine"),
        ("the wounded were taken to hospital in Kharkiv", "ukraine"),
        ("two residents were taken to a hospital in Kharkiv", "ukraine"),
    ],
)
def test_handover_and_hospital_are_not_control(lexicon, content, speaker):
    assert of_kind(outcomes(content, speaker, lexicon), "control") == []


@pytest.mark.parametrize(
    ("content", "speaker"),
    [
        ("several soldiers had been captured near Vuhledar", "russia"),
        ("Russian units captured 20 soldiers near Vuhledar", "russia"),
        ("its troops captured two enemy servicemen outside Toretsk", "ukraine"),
        ("the army lost contact with officers at the base in Toretsk", "ukraine"),
        ("its troops lost 300 soldiers in Vuhledar", "russia"),
        ("Ukraine lost Mariupol defenders in the siege", "ukraine"),
        ("its forces lost Pokrovsk supply routes", "ukraine"),
    ],
)
def test_people_objects_are_not_control(lexicon, content, speaker):
    assert of_kind(outcomes(content, speaker, lexicon), "control") == []


def test_took_a_direct_hit_is_not_a_capture(lexicon):
    assert of_kind(outcomes("a depot in Kharkiv took a direct hit", "ukraine", lexicon), "control") == []


def test_civilians_leaving_is_not_a_military_loss(lexicon):
    assert of_kind(outcomes("thousands of residents have left Kharkiv", "ukraine", lexicon), "control") == []


# --- operations -------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "speaker", "operator", "favours"),
    [
        # failed: favours the operator's opponent
        ("thwarted a Ukrainian counteroffensive near Sudzha", "russia", "ukraine", "russia"),
        ("Russian troops halted the Ukrainian incursion near Sudzha", "russia", "ukraine", "russia"),
        ("the Russian offensive toward Kupiansk has failed", "ukraine", "russia", "ukraine"),
        # ongoing: favours the operator
        ("its offensive near Sudzha continues", "ukraine", "ukraine", "ukraine"),
        ("new assaults were under way in the Kursk region", "ukraine", "ukraine", "ukraine"),
        ("its forces were pressing on near Sudzha", "ukraine", "ukraine", "ukraine"),
    ],
)
def test_operation_ongoing_or_failed(lexicon, content, speaker, operator, favours):
    found = of_kind(outcomes(content, speaker, lexicon), "operation")
    assert (f"operation:{operator}", favours) in found
    # the place it is about carries the same verdict
    assert all(f == favours for _, f in found)
    assert len(found) == 2


# --- blame ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "speaker", "blamed", "subject"),
    [
        ("the blast was caused by a falling Ukrainian air defence missile", "russia", "ukraine", "event:x"),
        ("the fire was caused by Russian shelling", "ukraine", "russia", "event:x"),
        ("a missile launched by Russian forces hit the station", "ukraine", "russia", "event:x"),
        ("the explosion was caused by a rocket launched by Islamic Jihad", "israel", "hamas", "event:x"),
        # what was hit, when named, is part of the event: a depot and a school are two strikes
        ("the school was hit by a Russian Kh-101 cruise missile", "ukraine", "russia", "event:x: school"),
        ("a Russian missile struck the depot", "ukraine", "russia", "event:x: depot"),
        ("an Israeli airstrike destroyed the clinic", "hamas", "israel", "event:x: clinic"),
        ("no Israeli aircraft had struck the clinic", "israel", "not-israel", "event:x: clinic"),
    ],
)
def test_blame(lexicon, content, speaker, blamed, subject):
    found = of_kind(outcomes(content, speaker, lexicon, event="event:x"), "blame")
    assert found == [(subject, blamed)]


def test_blame_needs_an_event(lexicon):
    assert of_kind(outcomes("a Russian missile struck the depot", "ukraine", lexicon), "blame") == []


@pytest.mark.parametrize(
    "content",
    [
        "if a Russian missile had hit, nothing would be left of the hall",
        "If Russian forces had captured Soledar, they would have said so",
        "unless Ukrainian troops withdraw from Toretsk, they will be encircled",
        "had an Israeli jet fired, the crater would be larger",
    ],
)
def test_counterfactual_gives_nothing(lexicon, content):
    assert outcomes(content, "russia", lexicon, event="event:x", fallback="Toretsk") == ()


def test_accusation_blames_the_accused(lexicon):
    found = outcomes("Israel of striking the clinic on purpose", "hamas", lexicon, event="event:x", accusation=True)
    assert found == (Outcome("blame", "event:x", "israel", "accused"),)


def test_accusation_without_event_is_not_blame(lexicon):
    assert of_kind(outcomes("Israel of striking the clinic", "hamas", lexicon, accusation=True), "blame") == []


# --- quantities -------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "speaker", "what", "low", "high"),
    [
        ("air defences shot down 36 drones over the region", "russia", "drones", 36, 36),
        ("1,250 soldiers were killed", "ukraine", "killed", 1250, 1250),
        ("the city hosted 12,500 troops", "ukraine", "troops", 12500, 12500),
        ("between 10,000 to 12,000 troops crossed", "ukraine", "troops", 10000, 12000),
        ("10,000 to 12,000 troops", "ukraine", "troops", 10000, 12000),
        ("three to five people were killed", "ukraine", "killed", 3, 5),
        ("seven drones were destroyed", "ukraine", "drones", 7, 7),
        ("killing at least seven people", "ukraine", "killed", 7, 7),
        ("wounding 14 people", "ukraine", "wounded", 14, 14),
        ("dozens of drones", "ukraine", "drones", 24, 24),
        ("troops advanced four kilometres", "russia", "territory", 4, 4),
        ("12 missiles were intercepted", "ukraine", "missiles", 12, 12),
    ],
)
def test_quantities(lexicon, content, speaker, what, low, high):
    found = find_quantities(content, speaker, lexicon)
    assert [(q.what, q.low, q.high) for q in found] == [(what, low, high)]


@pytest.mark.parametrize(
    "content",
    [
        "a Kh-101 missile hit the plant",
        "S-300 missiles struck the port",
        "the battery of S-400 systems was moved",
        "the column was four kilometres southeast of the village",
        "the strike at 3 am shook the town",
        "the quiet street",
    ],
)
def test_not_counts(lexicon, content):
    assert find_quantities(content, "ukraine", lexicon) == ()


def test_two_classes_in_one_phrase(lexicon):
    found = find_quantities("two missiles and 40 drones", "ukraine", lexicon)
    assert sorted((q.what, q.low) for q in found) == [("drones", 40), ("missiles", 2)]


@pytest.mark.parametrize(
    ("content", "speaker", "owner"),
    [
        # a nationality between the count and the noun
        ("air defences shot down 36 Ukrainian drones", "russia", "ukraine"),
        ("air defences shot down 36 Ukrainian drones", "ukraine", "ukraine"),
        ("17 Russian missiles were intercepted", "ukraine", "russia"),
        # the subject that launched them
        ("Russia launched 145 drones overnight", "ukraine", "russia"),
        ("Russia launched 145 drones overnight", "russia", "russia"),
        # the speaker's own air defences downed the enemy's drones
        ("its air defences downed 20 drones", "russia", "ukraine"),
        ("its air defences downed 20 drones", "ukraine", "russia"),
        # nothing said: the speaker's enemy
        ("20 drones were downed", "russia", "ukraine"),
    ],
)
def test_drone_owner(lexicon, content, speaker, owner):
    (quantity,) = find_quantities(content, speaker, lexicon)
    assert quantity.owner == owner


def test_quantity_words_start_at_the_number(lexicon):
    (quantity,) = find_quantities("officials counted 1,250 soldiers killed", "ukraine", lexicon)
    assert quantity.words.startswith("1,250 soldiers")


def test_blame_in_a_roundup_is_keyed_to_the_place_struck() -> None:
    """A strike on another town, in an article led by a different place, is not about the lead place."""
    import datetime as dt

    from claimtrack.extract import extract_claims
    from claimtrack.lexicon import load_lexicon
    from claimtrack.models import Article

    body = (
        "Russia's defence ministry said on Monday that its forces had thwarted an incursion in the Kursk region.\n\n"
        "In related news, a Ukrainian strike on the city of Horlivka killed two people, according to officials "
        "installed by Moscow."
    )
    claims = extract_claims(Article(body=body, published=dt.date(2025, 2, 10)), load_lexicon())
    strike = next(c for c in claims if "Horlivka" in c.sentence.text)
    assert [o.subject for o in strike.outcomes if o.kind == "blame"] == ["Horlivka"]
