"""Source mention -> canonical actor and the side it speaks for.

Pattern: `Rostov regional Governor Yuri Slyusar` -> "Yuri Slyusar" (russia),
through the alias table; `the ministry` -> the ministry named last;
`He` -> the last person who spoke; `officials installed by Moscow` (unknown)
-> a new actor whose side comes from its words ("installed by Moscow": russia).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from functools import cache, lru_cache

from claimtrack.extract.phrases import is_proper_name, particle_name, words_of
from claimtrack.lexicon import Lexicon, normalise_name, shipped_alternation, shipped_table, shipped_words
from claimtrack.models import UNKNOWN_SIDE, Actor

PERSON_ROLES = shipped_words("words.person_roles")
PERSON_NOUNS = shipped_words("words.person_nouns")
GROUP_HEADS = shipped_words("group_heads", "words")
INSURGENT_HEADS = shipped_words("words.insurgent_heads")
MENTION_HEAD_ENDS = shipped_words("words.mention_head_ends")
POINTING_PERSONS = shipped_alternation("words.pointing_persons")
SPOKESPERSON = r"spokes(?:man|woman|person)"  # one pattern for 'a spokesman for ...' wherever it is read
OWN_FORCES = shipped_words("words.own_forces")
STATE_FORCES = re.compile(rf"\b(?:{shipped_alternation('words.state_force_heads')})(?:['’]s\b.*)?$", re.IGNORECASE)
DETERMINER = re.compile(r"^(?:the|a|an|his|her|its|their|our)\s+", re.IGNORECASE)
MODIFIER_FOLLOWERS = shipped_words("words.modifier_followers")
PRONOUN_KINDS = {word: str(kind) for word, kind in shipped_table("words.pronoun_kinds").items()}


def _tokens(text: str) -> list[str]:
    return re.findall(r"[\w’'.-]+", text.translate(str.maketrans("’", "'")))


ACRONYM = re.compile(r"[A-Z][A-Z.]+")


@cache
def _side_patterns(lexicon: Lexicon) -> tuple[tuple[str, re.Pattern[str]], ...]:
    patterns = []
    for side, words in lexicon.sides.items():
        ordered = sorted(words, key=len, reverse=True)
        # an acronym names a side only in capitals: "WHO" is the UN's agency, "who" a pronoun
        acronyms = [re.escape(w) for w in ordered if ACRONYM.fullmatch(w)]
        others = [re.escape(w) for w in ordered if not ACRONYM.fullmatch(w)]
        alternation = "|".join(([f"(?i:{'|'.join(others)})"] if others else []) + acronyms)
        if alternation:
            # "Palestinians", "Ukrainians": a nationality's plural names the side too
            patterns.append((side, re.compile(rf"(?<![\w-])(?:{alternation})(?i:s?)(?![\w])")))
    return tuple(patterns)


def side_mentions(text: str, lexicon: Lexicon) -> list[tuple[int, str]]:
    """(offset, side) of every side word in `text` ("Russian", "Kyiv's", "Moscow-installed")."""
    text = text.translate(str.maketrans("’", "'"))
    found = [(m.start(), side) for side, pattern in _side_patterns(lexicon) for m in pattern.finditer(text)]
    return sorted(found)


def infer_side(text: str, lexicon: Lexicon) -> str | None:
    """The side whose words occur earliest in `text` ("Ukrainian officials" -> ukraine)."""
    text = text.translate(str.maketrans("’", "'"))
    best: tuple[int, int, str] | None = None
    for side, pattern in _side_patterns(lexicon):
        for match in pattern.finditer(text):
            # prefer the earliest match; at the same place, the longest
            key = (match.start(), -len(match.group(0)), side)
            if best is None or key < best:
                best = key
            break
    return best[2] if best else None


def _alias_in(mention: str, lexicon: Lexicon) -> Actor | None:
    """The known actor named at the head of the mention ('Kyiv mayor Vitali Klitschko')."""
    words = _tokens(mention)
    found: list[tuple[int, int, Actor]] = []
    for start in range(len(words)):
        for end in range(min(len(words), start + 9), start, -1):
            actor = lexicon.alias_index.get(normalise_name(" ".join(words[start:end])))
            if actor is None:
                continue
            following = words[end].casefold() if end < len(words) else ""
            if following in MODIFIER_FOLLOWERS and end < len(words):
                continue
            if words[end - 1].endswith("'s") and end < len(words):
                continue
            if start > 1 and words[start - 1].casefold() in words_of(lexicon).locatives:
                continue  # "the army's spokesman in South Kivu" speaks for the army, not for South Kivu
            found.append((end, end - start, actor))
            break
    if not found:
        return None
    at_head = [f for f in found if f[0] == len(words)]
    if not at_head and _looks_like_name(" ".join(words[-2:]), lexicon):
        # "Kharkiv regional governor Oleh Vyhadanyi": an unknown name heads the mention; a role
        # alias before it may name an organisation he speaks for, never another person
        found = [f for f in found if f[2].kind != "person"]
        if not found:
            return None
    pool = at_head or found
    return max(pool, key=lambda f: (f[0], f[1]))[2]


def _modifier_alias(mention: str, lexicon: Lexicon) -> Actor | None:
    """'Kremlin spokesman ...' speaks for the Kremlin when the person is not known."""
    words = _tokens(mention)
    for i, word in enumerate(words):
        if word.casefold() in {"spokesman", "spokeswoman", "spokesperson"} and i > 0:
            for start in range(i):
                actor = lexicon.alias_index.get(normalise_name(" ".join(words[start:i])))
                if actor is not None:
                    return actor
    return None


def _looks_like_name(mention: str, lexicon: Lexicon) -> bool:
    bare = _strip_titles(DETERMINER.sub("", mention), lexicon)
    return is_proper_name(bare) and len(bare.split()) >= 2


def _strip_titles(mention: str, lexicon: Lexicon) -> str:
    titles = words_of(lexicon).titles
    words = mention.split()
    while len(words) > 1 and (words[0].casefold().strip(",") in titles or words[0].casefold().endswith("'s")):
        words = words[1:]
    return " ".join(words)


def _description_keys(mention: str, lexicon: Lexicon) -> tuple[str, ...]:
    lowered = mention.casefold()
    descriptions = lexicon.cues.get("descriptions", {})
    for head, keys in descriptions.items():
        if re.search(rf"\b{re.escape(head)}$", lowered):
            return tuple(keys)
    return ()


def _matches_keys(actor: Actor, keys: Sequence[str]) -> bool:
    """Does a key word name the actor? A person's titles among their aliases do not make them the
    body ('the army' is not the army chief named before)."""
    names = " | ".join(_names_of(actor)).casefold()
    return any(re.search(rf"\b{re.escape(k)}\b", names) for k in keys)


def _recent_match(mention: str, recent: Sequence[Actor], lexicon: Lexicon) -> Actor | None:
    """'the ministry', 'the Washington-based think tank': a description pointing back. A named body
    ('the Sudanese army') is not a description of whoever spoke last."""
    keys = _description_keys(mention, lexicon)
    if not keys or re.match(r"(?:his|her)\s", mention.strip(), re.IGNORECASE):
        return None  # "His office" is a person's office, not the last office named
    named = [w for w in _tokens(DETERMINER.sub("", mention)) if w[:1].isupper() and not w.casefold().endswith("-based")]
    if any(infer_side(w, lexicon) is None for w in named):
        return None  # "the Sudanese army" (no side word known): a named body, not "the army" said before
    side = infer_side(mention, lexicon)
    # "the army's general command": the body is the army's, whatever 'command' alone would match
    owner = POSSESSIVE_OWNER.match(DETERMINER.sub("", mention.strip()))
    owner_keys = _description_keys(owner.group(1), lexicon) if owner else ()
    # "the military", "the army": a state's forces in wire copy, never a rebel army named before
    # ("the Myanmar National Democratic Alliance Army" is "the group")
    state_forces = _names_state_forces(mention)
    for actor in reversed(recent):
        if owner_keys and not _matches_keys(actor, owner_keys):
            continue
        if state_forces and actor.kind != "organisation":
            continue  # nor a person ("a Russian military blogger")
        if _matches_keys(actor, keys) and (side is None or actor.side == side):
            return actor
    return None


def _an_armed_groups_army(mention: str, side: str | None, recent: Sequence[Actor]) -> bool:
    """Would the side hint make 'the army' (a state's forces) the army of an armed group that just spoke?
    Then the side is left unknown rather than guessed ('the army' after the RSF is not the RSF's)."""
    return _names_state_forces(mention) and any(a.side == side and a.kind == "group" for a in recent)


def _names_insurgents(mention: str) -> bool:
    """'the rebels', 'militants': fighters against a state, whose side the speaker beside them never
    tells ('the junta acknowledged ..., and the rebels announced ...')."""
    words = [w.casefold() for w in _tokens(mention)]
    return bool(words) and _head_noun(words) in INSURGENT_HEADS


def _names_state_forces(mention: str) -> bool:
    """'the military', 'the army', 'the army's general command': a state's forces, or a body of them."""
    return STATE_FORCES.search(mention) is not None


def _owners_side(mention: str, recent: Sequence[Actor]) -> str | None:
    """'the army's general command': the side of the actor named before whose names hold the owner's
    word ('Sudan's army'), for an army's words ([words.own_forces]); a looser match would guess."""
    owner = POSSESSIVE_OWNER.match(DETERMINER.sub("", mention.strip()))
    if owner is None or owner.group(1).casefold() not in OWN_FORCES:
        return None  # 'the group's thinking': too loose a word to find its owner by
    word = _whole_word(owner.group(1).casefold())
    for actor in reversed(recent):
        if actor.side != UNKNOWN_SIDE and any(word.search(n.casefold()) for n in (actor.name, *actor.aliases)):
            return actor.side
    return None


POSSESSIVE_OWNER = re.compile(r"([\w-]+(?:\s+[\w-]+)?)['’]s\s+\S")


@lru_cache(maxsize=4096)
def _whole_word(word: str) -> re.Pattern[str]:
    return re.compile(rf"\b{re.escape(word)}\b")


def _lexicon_role_match(mention: str, side: str | None, lexicon: Lexicon, recent: Sequence[Actor] = ()) -> Actor | None:
    """'the air force' said in a Ukrainian context -> Ukrainian Air Force. An actor the text named
    already goes first: 'the experts' after 'UN experts' are those experts, not a watchdog's; 'the
    source' after 'a military source' is that person, whatever side either was given."""
    locatives = "|".join(sorted(words_of(lexicon).locatives))
    mention = re.sub(rf"\s+(?:{locatives})\s+[A-Z].*$", "", mention)  # "the defence ministry in Moscow"
    words = [w.casefold() for w in _tokens(DETERMINER.sub("", mention))]
    words = [w for w in words if w not in {"defense", "defence"}] + (
        ["defence"] if any(w in {"defense", "defence"} for w in _tokens(mention.casefold())) else []
    )
    if not words:
        return None
    person = next((a for a in reversed(recent) if a.kind == "person" and _same_person_noun(a, words)), None)
    if person is not None and (side is None or person.side == side):
        return person
    if side is None:
        return None
    for actor in (*reversed(recent), *lexicon.actors):
        # "the regional governor" does not say which governor
        if actor.side == side and actor.kind != "person" and _names_hold(actor, words):
            return actor
    return None


def _same_person_noun(actor: Actor, words: Sequence[str]) -> bool:
    """'the source' after 'a military source in Port Sudan': the person's description holds the words
    and ends in the same head noun (not 'the military' after 'a Russian military blogger')."""
    named = [w.casefold() for w in _tokens(actor.name)]
    return bool(named) and _head_noun(named) == _head_noun(list(words)) and _names_hold(actor, words)


def _names_of(actor: Actor) -> tuple[str, ...]:
    return (actor.name,) if actor.kind == "person" else (actor.name, *actor.aliases)


def _names_hold(actor: Actor, words: Sequence[str]) -> bool:
    """Do the actor's names hold every word? A person is matched by the words of their description,
    not by a title among their aliases ('the General Staff' is not Valery Gerasimov)."""
    names = [n.casefold().replace("defense", "defence") for n in _names_of(actor)]
    return any(all(_whole_word(w).search(n) for w in words) for n in names)


def _kind_of(mention: str, lexicon: Lexicon) -> str:
    words = [w.casefold() for w in _tokens(mention)]
    groups = {w.casefold() for w in lexicon.words("group_heads", "words")}
    if words and (words[-1] in groups or _head_noun(words) in groups):  # "People who reached Sennar"
        return "group"
    bare = _strip_titles(DETERMINER.sub("", mention), lexicon)

    if (
        is_proper_name(bare)
        and len(bare.split()) >= 2
        and not any(w in lexicon.words("role_nouns", "words") for w in words[-1:])
    ):
        return "person"
    if words and (words[-1] in PERSON_ROLES or _names_one_person(words)):
        return "person"
    return "organisation"


def _head_noun(words: list[str]) -> str:
    """The head of a lower-cased mention: the word before its first preposition, relative word or
    participle ('a surgeon at the CBCA Ndosho hospital' -> 'surgeon'), else its last word."""
    for position, word in enumerate(words[1:], start=1):
        participle = position > 1 and word.endswith("ing")  # "a commander fighting nearby", not "a leading analyst"
        if word in MENTION_HEAD_ENDS or participle:
            return words[position - 1]
    return words[-1]


def _names_one_of_the_people(mention: str) -> bool:
    """'a resident in Donetsk', 'a surgeon at the city hospital': someone the place they are in gives
    no side (unlike 'the governor of the Odesa region')."""
    words = [w.casefold() for w in _tokens(mention)]
    return bool(words) and _head_noun(words) in PERSON_NOUNS


def _names_one_person(words: list[str]) -> bool:
    """'a military source in Port Sudan', 'the commander of the First Infantry Division'."""
    head = _head_noun(words)
    return head in PERSON_ROLES or head in PERSON_NOUNS


def _side_of_places(mention: str, lexicon: Lexicon) -> str | None:
    """'The governor of the Odesa region': the country of a place it names tells the side."""
    from claimtrack.extract.about import find_places

    for place in find_places(mention, lexicon):
        country = lexicon.country_of(place.name)
        side = infer_side(country, lexicon) if country else None
        if side:
            return side
    return None


FEMALE = re.compile(rf"\b(?:{shipped_alternation('words.female_words')})\b", re.IGNORECASE)
MALE = re.compile(rf"\b(?:{shipped_alternation('words.male_words')})\b", re.IGNORECASE)


def gender_of(mention: str) -> str:
    """'Government spokeswoman Yolande Makolo' -> "f"; '' when the words do not tell."""
    female, male = FEMALE.search(mention), MALE.search(mention)
    if female and not male:
        return "f"
    if male and not female:
        return "m"
    return ""


def person_mention(mention: str) -> bool:
    """Does the mention name a person ('Lawrence Kanyuka, the rebels' spokesman', 'Pakistan's defence
    minister'), whatever body the actor table maps the person to?"""
    head = re.split(r",", mention)[0]
    words = re.findall(r"[\w'’-]+", head.casefold())
    # "Pakistan's defence minister, Khawaja Asif": a role names a person
    role = bool(words) and (words[-1] in PERSON_ROLES or _names_one_person(words))
    return _looks_like_name_words(head) or role or bool(re.search(rf"\b{SPOKESPERSON}\b", mention, re.I))


NAME_PARTICLES = shipped_words("words.name_particles")


def _looks_like_name_words(text: str) -> bool:
    """'Vivian van de Perre', 'Lawrence Kanyuka'; never 'the United Nations' (a person takes no article)."""
    if re.match(r"\s*the\b", text, re.IGNORECASE):
        return False
    words = [w for w in re.findall(r"[\w'’.-]+", DETERMINER.sub("", text.strip())) if w]
    return (
        2 <= len(words) <= 5
        and words[0][0].isupper()
        and all(w[0].isupper() or w.casefold().rstrip("-") in NAME_PARTICLES or particle_name(w) for w in words)
    )


def _pronoun(mention: str, recent: Sequence[Actor], genders: Mapping[str, str] | None = None) -> Actor | None:
    wanted = PRONOUN_KINDS.get(mention.casefold())
    if wanted is None:
        return None
    unwanted = {"he": "f", "she": "m"}.get(mention.casefold())
    for actor in reversed(recent):
        if wanted == "person" and unwanted and genders and genders.get(actor.name) == unwanted:
            continue  # "she" is not the man named last
        if actor.kind == wanted or (
            wanted == "group" and actor.kind == "organisation" and actor.name.casefold().endswith("s")
        ):
            return actor
        if wanted == "organisation" and actor.kind == "group" and not _common_plural(actor.name):
            return actor  # "The RSF rejected the accounts. In a statement, it said": a named armed group
    if wanted == "organisation":
        for actor in reversed(recent):
            if actor.kind == "group":
                return actor
    return recent[-1] if recent else None


def _spoken_for(mention: str, lexicon: Lexicon, recent: Sequence[Actor]) -> Actor | None:
    """'a spokesperson for the agency', 'a spokeswoman for the office': the body named before that the
    description points back to speaks (a spokesperson for a body no one named stays a new actor)."""
    match = re.match(rf"(?:an?|the)\s+{SPOKESPERSON}\s+(?:for|of)\s+(the\s+\w+)$", mention.strip(), re.I)
    if match is None:
        return None
    return _recent_match(match.group(1), recent, lexicon)


def _common_plural(name: str) -> bool:
    """'People who reached Sennar', 'Human rights groups': people named by a plural noun ('they'),
    not a body with a name ('the Rapid Support Forces' is 'it')."""
    tokens = _tokens(name)
    words = [w.casefold() for w in tokens]
    head = _head_noun(words) if words else ""
    if head not in GROUP_HEADS:
        return False
    position = words.index(head)
    return position == 0 or tokens[position].islower()  # "Residents", "Human rights groups"; not "Support Forces"


def _the_spokesperson(mention: str, recent: Sequence[Actor], genders: Mapping[str, str] | None = None) -> Actor | None:
    """'"...," said the spokesman, who asked not to be named', '"...," said the man': the person named
    last (remembered as a person, whatever body the actor table maps them to), of that gender when
    the text told it."""
    # the pointer alone, or with an aside: not "the man's wife", "the woman who lost her home"
    pointer = re.match(rf"(?:the|that)\s+({POINTING_PERSONS})\s*(?:,|$)", mention.strip(), re.I)
    if pointer is None:
        return None
    unwanted = {"f": "m", "m": "f"}.get(gender_of(pointer.group(1)))
    plain = not pointer.group(1).casefold().startswith("spokes")  # "the man" is no one named by name
    for actor in reversed(recent):
        if actor.kind != "person" or (unwanted and (genders or {}).get(actor.name) == unwanted):
            continue
        if plain and _looks_like_name_words(actor.name):
            continue
        return actor
    return None


def _possessed_body(mention: str, recent: Sequence[Actor], lexicon: Lexicon) -> Actor | None:
    """'Pakistan has had to revise its account. Its military said ...': 'its' is the country or body
    named last, and its military that side's military (None when no body was named)."""
    match = re.match(r"(?:its|their)\s+(.+)$", mention.strip(), re.IGNORECASE)
    owner = next((a for a in reversed(recent) if a.kind != "person"), None)
    if match is None or owner is None or owner.side == UNKNOWN_SIDE:
        return None
    # "Russian government" -> "Russian military", as the alias table spells that side's bodies
    named = lexicon.actor_named(f"{owner.name.split()[0]} {match.group(1)}")
    if named is not None and named.side == owner.side:
        return named
    return _lexicon_role_match(match.group(1), owner.side, lexicon)


def _new_actor(mention: str, side: str | None, lexicon: Lexicon) -> Actor:
    name = DETERMINER.sub("", mention.strip()).strip()
    tail = re.search(r"((?:[A-Z][\w'’.-]*\s+){1,3}[A-Z][\w'’.-]*)$", name)
    before_tail = [w for w in name[: tail.start()].split() if w.casefold() not in {"the", "a", "an"}] if tail else []
    if tail and before_tail and before_tail[-1].casefold() in words_of(lexicon).locatives:
        tail = None  # "the army's spokesman in South Kivu", "a nurse at the Central Hospital": not the place
    if tail and re.search(r"\b[a-z]", name[: tail.start()]):
        name = tail.group(1)  # "Kharkiv regional governor Oleh Vyhadanyi" is Oleh Vyhadanyi
    if _looks_like_name(name, lexicon):
        name = _strip_titles(name, lexicon)  # "Governor Andrii Lysenko" and "Andrii Lysenko" are one person
    name = name[:1].upper() + name[1:]
    return Actor(name=name, side=side or UNKNOWN_SIDE, kind=_kind_of(mention, lexicon), aliases=())


def resolve_source(
    mention: str,
    lexicon: Lexicon,
    recent: Sequence[Actor] = (),
    description: str | None = None,
    side_hint: str | None = None,
    genders: Mapping[str, str] | None = None,
) -> Actor | None:
    """The actor a source mention names; None for a pronoun with nobody to point to."""
    mention = mention.strip()
    if mention.casefold() in PRONOUN_KINDS or mention.casefold() == "we":
        return _pronoun(mention, recent, genders)
    for candidate in (mention, DETERMINER.sub("", mention), _strip_titles(DETERMINER.sub("", mention), lexicon)):
        actor = lexicon.actor_named(candidate)
        if actor is not None:
            return actor
    possessed = _possessed_body(mention, recent, lexicon)
    if possessed is not None:
        return possessed
    body = _spoken_for(mention, lexicon, recent)
    if body is not None:
        return body
    actor = _alias_in(mention, lexicon)
    speaks_for = re.search(rf"\b{SPOKESPERSON}\s+(?:for|of)\s+(.+)$", description or "", re.IGNORECASE)
    if actor is None and description and (speaks_for or not _looks_like_name(mention, lexicon)):
        target = speaks_for.group(1) if speaks_for else description
        actor = _alias_in(target, lexicon) or lexicon.actor_named(target)
    if actor is not None:
        return actor
    actor = (
        _the_spokesperson(mention, recent, genders)
        or _recent_match(mention, recent, lexicon)
        or _modifier_alias(mention, lexicon)
    )
    if actor is not None:
        return actor
    side = infer_side(mention, lexicon) or (infer_side(description, lexicon) if description else None)
    if side is None and not _names_one_of_the_people(mention):
        side = _side_of_places(mention, lexicon)
    if side is None:
        side = _owners_side(mention, recent)
    generic = not any(w[:1].isupper() for w in _tokens(DETERMINER.sub("", mention)))
    if (
        side is None
        and (generic or _description_keys(mention, lexicon))
        and not _an_armed_groups_army(mention, side_hint, recent)
        and not _names_insurgents(mention)
    ):
        side = side_hint
    if DETERMINER.match(mention) or not any(w[:1].isupper() for w in _tokens(mention)):
        definite = mention.casefold().startswith("the ")  # "the experts" points back; "a Pakistani claim" not
        role = _lexicon_role_match(mention, side, lexicon, recent if definite else ())
        if role is not None:
            return role
    return _new_actor(mention, side, lexicon)
