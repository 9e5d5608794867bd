"""The ledger's actors: who is behind its claims, the names a user adds, and claims re-attributed to them."""

from __future__ import annotations

from collections.abc import Iterable

from claimtrack.errors import NotFoundError
from claimtrack.lexicon import Lexicon, normalise_name
from claimtrack.models import UNKNOWN_SIDE, Actor, ActorCount
from claimtrack.settling import recompute_all
from claimtrack.store import Store, term_key


def actors(store: Store, side: str | None = None) -> list[ActorCount]:
    return store.actor_counts(side)


def known_sides(store: Store, lexicon: Lexicon) -> set[str]:
    """Every side a filter may name: those of sides.toml, of the actors in the language data and in
    the ledger, and 'unknown' (a source no rule could place)."""
    return {*lexicon.sides, *(a.side for a in lexicon.actors), *(a.side for a in store.actor_counts()), UNKNOWN_SIDE}


def add_actor(store: Store, name: str, side: str, aliases: Iterable[str], kind: str) -> Actor:
    actor = Actor(name.strip(), side.strip().casefold(), kind, tuple(a.strip() for a in aliases if a.strip()))
    with store.transaction():
        store.set_actor(actor)
    return actor


def add_alias(store: Store, alias: str, name: str, lexicon: Lexicon) -> Actor:
    """Make `alias` another name of the actor `name` (known to the ledger or the lexicon)."""
    known = store.actor_by_name(name) or lexicon.actor_named(name)
    if known is None:
        raise NotFoundError(f"no actor named {name!r}: add it first with 'claimtrack actors add'")
    actor = Actor(known.name, known.side, known.kind, (alias.strip(),))
    with store.transaction():
        actor_id = store.ensure_actor(actor, origin="lexicon" if store.actor_by_name(known.name) else "user")
        store.add_user_alias(actor_id, alias.strip())
    return actor


def reresolve(store: Store, lexicon: Lexicon) -> int:
    """Apply the user's aliases to claims already stored, then recompute statuses."""
    moved = 0
    with store.transaction():
        for actor in store.user_actors():
            actor_id = store.ensure_actor(actor, origin="user")
            for alias in (actor.name, *actor.aliases):
                moved += len(store.reassign_claims(normalise_name(alias), actor_id))
                moved += (
                    len(store.reassign_claims(term_key(alias), actor_id))
                    if normalise_name(alias) != term_key(alias)
                    else 0
                )
    recompute_all(store, opponents=lexicon.opponents)
    return moved
