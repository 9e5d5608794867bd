"""What the command line changes in the ledger, one function a command (as `claimtrack.queries`
reads it): verdicts, actors and their names, documents removed. Each opens the ledger for writing,
makes the change through `claimtrack.service` and returns what the command prints; nothing here
prints. A step the person should hear of before the next one starts (an actor added, before its
claims are re-attributed) is handed to a callback.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from claimtrack.errors import NotFoundError
from claimtrack.models import Actor, DocumentSummary, Status
from claimtrack.queries import OnWait, check_side, command_lexicon, opened
from claimtrack.service import (
    ClaimDetail,
    RemovalResult,
    add_actor,
    add_alias,
    clear_verdict,
    remove_document,
    reresolve,
    set_verdict,
)


def verdict(
    db: Path,
    claim_id: int,
    status: Status | None,
    note: str = "",
    evidence: Sequence[str] = (),
    analyst: str | None = None,
    *,
    on_wait: OnWait | None = None,
) -> ClaimDetail:
    """`verdict`: record an analyst's verdict on a claim, or with no status withdraw the active one;
    the claim as it stands afterwards."""
    with opened(db, on_wait=on_wait) as store:
        if status is None:
            return clear_verdict(store, claim_id)
        return set_verdict(store, claim_id, status, note, evidence, analyst)


def define_actor(
    db: Path,
    name: str,
    side: str,
    aliases: Sequence[str],
    kind: str,
    *,
    new_side: bool = False,
    reattribute: bool = False,
    added: Callable[[Actor], None] | None = None,
    on_wait: OnWait | None = None,
) -> int | None:
    """`actors add`: add an actor or update its side and aliases (`added` hears of it once it is
    stored); the side must be one the ledger knows unless `new_side`. With `reattribute`, claims
    already stored are attributed again: how many moved (else None)."""
    with opened(db, on_wait=on_wait) as store:
        if not new_side:
            check_side(store, side)
        actor = add_actor(store, name, side, aliases, kind)
        if added is not None:
            added(actor)
        return reresolve(store, command_lexicon(store)) if reattribute else None


def alias_actor(
    db: Path,
    alias: str,
    name: str,
    *,
    reattribute: bool = False,
    added: Callable[[Actor], None] | None = None,
    on_wait: OnWait | None = None,
) -> int | None:
    """`actors alias`: make `alias` another name of the actor `name` (`added` hears of the actor once
    it is stored); with `reattribute`, as `define_actor`."""
    with opened(db, on_wait=on_wait) as store:
        actor = add_alias(store, alias, name, command_lexicon(store))
        if added is not None:
            added(actor)
        return reresolve(store, command_lexicon(store)) if reattribute else None


def remove(
    db: Path,
    document_id: int,
    *,
    confirm: Callable[[DocumentSummary], bool] | None = None,
    on_wait: OnWait | None = None,
) -> RemovalResult | None:
    """`documents remove`: remove a document with its claims and settle every status it moved;
    `confirm`, when given, is asked first with the document, and None is returned if it says no."""
    with opened(db, on_wait=on_wait) as store:
        document = store.document(document_id)
        if document is None:
            raise NotFoundError(f"no document with id {document_id}")
        if confirm is not None and not confirm(document):
            return None
        return remove_document(store, document_id, command_lexicon(store))
