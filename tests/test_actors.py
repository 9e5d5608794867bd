"""Tests for claimtrack.extract.actors: source mention -> canonical actor and its side."""

from __future__ import annotations

import pytest

from claimtrack.extract.actors import infer_side, resolve_source, side_mentions
from claimtrack.models import UNKNOWN_SIDE, Actor

# Invented actors for the `recent` context (what earlier sentences named).
PERSON = Actor("Oksana Vyhadana", "ukraine", "person")
OTHER_PERSON = Actor("Pavel Pridumkin", "russia", "person")
ORG = Actor("Northern Relief Office", "ukraine", "organisation")
GROUP = Actor("Frontline bloggers", "russia", "group")
RU_MINISTRY = Actor("Russian Ministry of Defence", "russia", "organisation")
UA_MINISTRY = Actor("Ukrainian Ministry of Defence", "ukraine", "organisation")


# --- alias resolution -------------------------------------------------------


@pytest.mark.parametrize(
    "mention",
    [
        "Zelensky",
        "Zelenskyy",
        "Zelenskiy",
        "President Zelenskiy",
        "Volodymyr Zelenskyy",
        "Ukrainian President Volodymyr Zelensky",
        "zelenskyy",
    ],
)
def test_spellings_of_zelensky_are_one_actor(lexicon, mention):
    actor = resolve_source(mention, lexicon)
    assert actor is not None
    assert actor.name == "Volodymyr Zelensky"
    assert actor.side == "ukraine"
    assert actor.kind == "person"


@pytest.mark.parametrize(
    "mention",
    [
        "Russia's Defense Ministry",
        "Russia's Ministry of Defense",
        "Russia’s Ministry of Defense",
        "the Russian defence ministry",
        "Russia's defence ministry",
    ],
)
def test_russian_defence_ministry_spellings(lexicon, mention):
    actor = resolve_source(mention, lexicon)
    assert actor is not None
    assert actor.name == "Russian Ministry of Defence"
    assert actor.side == "russia"


def test_defense_ministry_word_orders_agree(lexicon):
    a = resolve_source("Russia's Defense Ministry", lexicon)
    b = resolve_source("Russia's Ministry of Defense", lexicon)
    assert a == b


@pytest.mark.parametrize(
    ("mention", "name", "side"),
    [
        ("Rostov regional Governor Yuri Slyusar", "Yuri Slyusar", "russia"),
        ("Rostov Governor Yuri Slyusar", "Yuri Slyusar", "russia"),
        ("Moscow region governor Andrei Vorobyov", "Andrei Vorobyov", "russia"),
        ("Moscow regional Governor Andrei Vorobyov", "Andrei Vorobyov", "russia"),
        ("Kremlin spokesman Dmitry Peskov", "Kremlin", "russia"),
    ],
)
def test_title_and_place_before_a_known_name(lexicon, mention, name, side):
    actor = resolve_source(mention, lexicon)
    assert actor is not None
    assert (actor.name, actor.side) == (name, side)


# --- modifiers do not hijack the head -----------------------------------------


@pytest.mark.parametrize(
    "mention",
    [
        "Moscow region governor Andrei Vorobyov",
        "Moscow-installed official",
        "the Moscow-installed official",
        "a Moscow-installed official",
        "Moscow-backed officials",
        "Moscow city officials",
    ],
)
def test_moscow_as_modifier_is_not_the_russian_government(lexicon, mention):
    actor = resolve_source(mention, lexicon)
    assert actor is not None
    assert actor.name != "Russian government"
    assert actor.side == "russia"


def test_bare_moscow_is_the_russian_government(lexicon):
    actor = resolve_source("Moscow", lexicon)
    assert actor is not None
    assert actor.name == "Russian government"


@pytest.mark.parametrize("mention", ["a Moscow-installed official", "a Russian-installed official"])
def test_unnamed_installed_official_is_not_a_named_lexicon_person(lexicon, mention):
    """An unnamed official is a new actor, not some particular governor from the table."""
    actor = resolve_source(mention, lexicon)
    assert actor is not None
    assert actor.side == "russia"
    assert lexicon.actor_named(actor.name) is None, actor.name


def test_unknown_name_after_known_role_keeps_the_name(lexicon):
    """'Kharkiv regional governor <unknown name>': the name is the head, not the role alias."""
    actor = resolve_source("Kharkiv regional governor Oleh Vyhadanyi", lexicon)
    assert actor is not None
    assert actor.name == "Oleh Vyhadanyi"
    assert actor.side == "ukraine"


# --- pronouns and descriptions point back -------------------------------------


@pytest.mark.parametrize(
    ("pronoun", "recent", "expected"),
    [
        ("He", [ORG, PERSON, GROUP], PERSON),
        ("She", [PERSON, ORG, OTHER_PERSON], OTHER_PERSON),
        ("he", [PERSON, GROUP], PERSON),
        ("It", [PERSON, ORG, GROUP, OTHER_PERSON], ORG),
        ("It", [RU_MINISTRY, PERSON], RU_MINISTRY),
        ("They", [GROUP, PERSON, ORG], GROUP),
        ("They", [PERSON, GROUP, OTHER_PERSON], GROUP),
    ],
)
def test_pronoun_resolves_to_last_of_its_kind(lexicon, pronoun, recent, expected):
    assert resolve_source(pronoun, lexicon, recent) == expected


@pytest.mark.parametrize("pronoun", ["He", "She", "It", "They"])
def test_pronoun_with_nobody_to_point_to_is_none(lexicon, pronoun):
    assert resolve_source(pronoun, lexicon, []) is None


@pytest.mark.parametrize(
    ("mention", "recent", "expected"),
    [
        ("the ministry", [UA_MINISTRY, PERSON, RU_MINISTRY, GROUP], RU_MINISTRY),
        ("The ministry", [RU_MINISTRY, UA_MINISTRY, PERSON], UA_MINISTRY),
        ("the defence ministry", [UA_MINISTRY, ORG, PERSON], UA_MINISTRY),
        ("the Ukrainian ministry", [UA_MINISTRY, RU_MINISTRY, PERSON], UA_MINISTRY),
    ],
)
def test_the_ministry_points_back_to_last_ministry(lexicon, mention, recent, expected):
    assert resolve_source(mention, lexicon, recent) == expected


# --- unknown sources ---------------------------------------------------------


@pytest.mark.parametrize(
    ("mention", "side"),
    [
        ("officials installed by Moscow", "russia"),
        ("Moscow-backed administrators of the port", "russia"),
        ("a Kyiv-controlled district council", "ukraine"),
        ("the governor of the Odesa region", "ukraine"),  # Odesa lies in Ukraine
        ("the mayor of Sudzha", "russia"),  # Sudzha lies in Russia
        ("a local beekeeper", UNKNOWN_SIDE),
    ],
)
def test_unknown_source_side_from_its_words(lexicon, mention, side):
    actor = resolve_source(mention, lexicon)
    assert actor is not None
    assert actor.side == side


def test_unknown_source_uses_side_hint_only_when_words_say_nothing(lexicon):
    hinted = resolve_source("a local beekeeper", lexicon, side_hint="ukraine")
    assert hinted is not None
    assert hinted.side == "ukraine"
    worded = resolve_source("Moscow-backed administrators of the port", lexicon, side_hint="ukraine")
    assert worded is not None
    assert worded.side == "russia"


@pytest.mark.parametrize(
    ("mention", "name"),
    [
        ("Governor Andrii Lysenko", "Andrii Lysenko"),
        ("Andrii Lysenko", "Andrii Lysenko"),
        ("Colonel Petro Vygadanyi", "Petro Vygadanyi"),
        ("Mayor Halyna Prydumana", "Halyna Prydumana"),
    ],
)
def test_titles_stripped_from_unknown_person_names(lexicon, mention, name):
    actor = resolve_source(mention, lexicon)
    assert actor is not None
    assert actor.name == name
    assert actor.kind == "person"


def test_new_actor_drops_determiner_and_capitalises(lexicon):
    actor = resolve_source("the harbour master", lexicon)
    assert actor is not None
    assert actor.name == "Harbour master"


# --- infer_side / side_mentions ---------------------------------------------


@pytest.mark.parametrize(
    ("text", "side"),
    [
        ("Ukrainian officials", "ukraine"),
        ("officials installed by Moscow", "russia"),
        ("Moscow-installed official", "russia"),
        ("Kyiv's envoy", "ukraine"),
        ("Kyiv’s envoy", "ukraine"),
        ("an Israeli spokesman", "israel"),
        ("Russian and Ukrainian sources", "russia"),  # earliest wins
        ("Ukrainian and Russian sources", "ukraine"),
        ("a village elder", None),
        ("Russians", "russia"),  # a nationality's plural names the side
        ("Russianness", None),  # whole words only
    ],
)
def test_infer_side(lexicon, text, side):
    assert infer_side(text, lexicon) == side


def test_side_mentions_offsets_in_order(lexicon):
    text = "Kyiv's envoy met Moscow-installed officials and a Russian general"
    found = side_mentions(text, lexicon)
    assert [side for _, side in found] == ["ukraine", "russia", "russia"]
    assert [offset for offset, _ in found] == [0, text.index("Moscow-installed"), text.index("Russian ")]


def test_side_mentions_nothing(lexicon):
    assert side_mentions("a quiet afternoon by the river", lexicon) == []


def test_a_definite_description_prefers_the_actor_named_before(lexicon):
    """'the experts' after a UN panel of experts spoke are that panel, not whichever actor of the same
    side first carries the word in the lexicon (a nuclear watchdog's 'IAEA experts')."""
    panel = lexicon.actor_named("UN Group of Experts")
    assert panel is not None
    actor = resolve_source("the experts", lexicon, recent=[panel], side_hint="un")
    assert actor == panel


@pytest.mark.parametrize(
    ("mention", "is_person"),
    [
        ("Vivian van de Perre, deputy head of the UN peacekeeping mission", True),
        ("Lawrence Kanyuka, the rebels' spokesman", True),
        ("the United Nations", False),
        ("The World Health Organization", False),
        # a role names a person whatever body the actor table maps the person to
        ("Pakistan's defence minister, Khawaja Asif", True),
        ("the army commander", True),
        ("Pakistan's defence ministry", False),
        ("Izzat al-Risheq, a member of Hamas's political bureau", True),
        # the head noun before a preposition or relative word says one person
        ("a surgeon at the Central Hospital", True),
        ("A military source in the capital", True),
        ("the commander of the 3rd Brigade", True),
        ("the Ministry of Defence", False),
        ("residents of the district", False),
        ("A battalion commander fighting nearby", True),
        ("a leading analyst", True),
    ],
)
def test_a_person_is_named_without_an_article_and_may_carry_particles(mention, is_person):
    from claimtrack.extract.actors import person_mention

    assert person_mention(mention) is is_person


HE_POINTS_BACK = [
    pytest.param(
        # the minister, whom the actor table files under Pakistan's government, not the body named before him
        "The Indian military said its air defences had intercepted drones over Jammu.\n\n"
        "Pakistan's defence minister, Khawaja Asif, denied that his country had attacked any Indian city. "
        '"We have not launched anything at Jammu," he told a local television channel.',
        "side",
        "pakistan",
        id="a-minister-named-for-his-government",
    ),
    pytest.param(
        # the subject after the opening clause
        "The Pakistani military said it had shot down five Indian jets.\n\n"
        "Asked repeatedly whether India had lost any aircraft, Air Marshal A.K. Bharti declined to give details. "
        '"We are in a combat scenario, and losses are a part of combat," he said.',
        "side",
        "india",
        id="the-subject-after-a-participle-opening",
    ),
    pytest.param(
        # the unnamed source, not the spokesman named a paragraph earlier
        "The army's spokesman, Colonel Ivan Dorosh, said troops had repelled attacks on the town.\n\n"
        "A military source in the capital, speaking on condition of anonymity, dismissed the rebels' statement "
        'as propaganda. "Our forces are in their positions and the town is calm," he said.',
        "actor",
        "Military source in the capital",
        id="an-unnamed-person-after-a-named-one",
    ),
]


@pytest.mark.parametrize(("text", "attribute", "expected"), HE_POINTS_BACK)
def test_he_points_back_to_the_person_who_spoke_last(lexicon, text, attribute, expected):
    """'"...," he said' after a sentence whose subject is a person: that person."""
    from claimtrack import extract_claims

    (quoted,) = [c for c in extract_claims(text, published="2025-05-11") if c.source_text == "he"]
    assert getattr(quoted, attribute) == expected, (quoted.actor, quoted.side)


def test_the_source_points_back_to_the_unnamed_source_named_before(lexicon):
    """'A military source ... denied ... The source said ...': a definite description of a person named
    before is that person, matched by the words of their description (not by a title among a known
    person's aliases)."""
    from claimtrack import extract_claims

    text = (
        "A military source, speaking on condition of anonymity, denied that the rebels had overrun the base. "
        "The source said fighting was continuing in the south of the city."
    )
    claims = extract_claims(text, published="2024-03-05")
    assert [c.actor for c in claims] == ["Military source", "Military source"], [
        (c.source_text, c.actor) for c in claims
    ]


@pytest.mark.parametrize(
    ("pointer", "expected"),
    [
        ("the man, who asked not to be named", "Man who fled to the capital"),
        ("the woman, who asked not to be named", "Woman who left the town"),
    ],
)
def test_the_man_or_the_woman_is_the_person_of_that_gender_named_last(lexicon, pointer, expected):
    """'"...," said the man, who asked not to be named': the unnamed person mentioned last, skipping
    one the text has told is of the other gender."""
    from claimtrack import extract_claims

    text = (
        "A woman who left the town said the bridge was down. "
        "A man who fled to the capital said jets had bombed the market overnight.\n\n"
        f'"We heard the planes and then the houses shook," said {pointer}.'
    )
    claims = extract_claims(text, published="2024-03-05")
    assert claims[-1].actor == expected, [(c.source_text, c.actor) for c in claims]


def test_the_army_is_not_the_army_chief_named_before(lexicon):
    """A person's titles among their aliases ('Sudan's army chief') do not make them the body a
    description ('the army', 'the health ministry') points back to."""
    from claimtrack import extract_claims

    text = (
        "Army chief Abdel Fattah al-Burhan said the recapture marked a turning point. "
        "Militia fighters fought alongside regular troops in the advance, according to the army."
    )
    claims = extract_claims(text, published="2024-01-13")
    assert claims[-1].actor != "Abdel Fattah al-Burhan", [(c.source_text, c.actor) for c in claims]


IT_AND_BODIES = [
    pytest.param(
        "The World Food Programme said aid had stopped. People who reached the city told reporters that "
        "fighters had looted homes.\n\nThe RSF rejected the accounts. In a statement, it said undisciplined "
        "elements were behind the incidents.",
        "Rapid Support Forces",
        id="it-is-the-named-armed-group-not-people-named-by-a-plural",
    ),
    pytest.param(
        "The International Organization for Migration said 26,000 people had fled the city. "
        "A spokesperson for the agency said the number was likely to rise.",
        "International Organization for Migration",
        id="a-spokesperson-for-the-agency-named-before",
    ),
    pytest.param(
        "The UN human rights office said it was investigating the reports. "
        "A spokeswoman for the office said it had documented 12 executions.",
        "UN Human Rights Office",
        id="a-spokeswoman-for-the-office",
    ),
]


@pytest.mark.parametrize(("text", "expected"), IT_AND_BODIES)
def test_it_and_a_spokesperson_for_a_body_point_back_to_that_body(lexicon, text, expected):
    from claimtrack import extract_claims

    claims = extract_claims(text, published="2024-01-01")
    assert claims[-1].actor == expected, [(c.source_text, c.actor) for c in claims]


def test_his_office_is_not_the_last_office_named(lexicon):
    from claimtrack import extract_claims

    text = (
        "Hezbollah's media office said its fighters had fired rockets at a base. Israeli Prime Minister Benjamin "
        "Netanyahu vowed to keep fighting. His office said the strikes would continue."
    )
    claims = extract_claims(text, published="2024-09-28")
    assert claims[-1].actor != "Hezbollah", [(c.source_text, c.actor) for c in claims]


def test_the_rebels_take_no_side_from_the_state_beside_them(lexicon):
    """'The junta acknowledged ..., and the rebels announced ...': the sentence's other source is the
    state they fight, so its side is no hint for them."""
    from claimtrack import extract_claims

    text = (
        "Myanmar's ruling military acknowledged that it had lost the base on Friday, hours after the rebels "
        "announced they had taken it."
    )
    claims = extract_claims(text, published="2024-08-04")
    sides = {c.source_text: c.side for c in claims}
    assert sides == {"Myanmar's ruling military": "myanmar", "the rebels": "unknown"}, sides


@pytest.mark.parametrize(
    "text",
    [
        "Zelensky said Russian troops had not captured Avdiivka. The woman who lost her home said Russian troops "
        "had captured the town.",
        "Zelensky said Russian troops had not captured Avdiivka. The man's wife said Russian troops had captured "
        "the town.",
    ],
)
def test_the_woman_with_a_clause_of_her_own_is_not_the_person_named_before(lexicon, text):
    from claimtrack import extract_claims

    claims = extract_claims(text, published="2024-01-01")
    assert claims[-1].actor != "Volodymyr Zelensky", [(c.source_text, c.actor) for c in claims]


def test_the_military_is_not_a_military_blogger_named_before(lexicon):
    from claimtrack import extract_claims

    text = "A Russian military blogger said the town had fallen. The military said the town was held."
    claims = extract_claims(text, published="2024-01-01")
    assert claims[-1].actor != claims[0].actor, [(c.source_text, c.actor) for c in claims]


def test_a_resident_takes_no_side_from_the_place_they_are_in(lexicon):
    from claimtrack import extract_claims

    (claim,) = extract_claims('"Shelling hit the market," said a resident in Donetsk.', published="2024-01-01")
    assert (claim.actor, claim.side) == ("Resident in Donetsk", "unknown")
