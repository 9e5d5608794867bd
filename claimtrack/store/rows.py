"""How values are written to columns and read back: term keys, JSON lists, id sets for one
parameter, and the rows of links and verdicts as objects. Plain functions: none needs a store."""

from __future__ import annotations

import json
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from claimtrack.models import Link, Outcome, Quantity, Relation, Verdict

TERM_SEPARATOR = "\x1f"  # char(31), taken out of terms when they are stored


def term_key(term: str) -> str:
    return " ".join(term.replace("\u2019", "'").casefold().split())


def json_list(value: str | None) -> tuple[Any, ...]:
    return tuple(json.loads(value)) if value else ()


# Claims are read again each time a later article touches them; the same JSON is decoded once.
@lru_cache(maxsize=65536)
def decode_quantities(value: str | None) -> tuple[Quantity, ...]:
    return tuple(Quantity(**q) for q in json_list(value))


@lru_cache(maxsize=65536)
def decode_outcomes(value: str | None) -> tuple[Outcome, ...]:
    return tuple(Outcome(**o) for o in json_list(value))


def decode_terms(value: str | None) -> frozenset[str]:
    return frozenset(value.split(TERM_SEPARATOR)) if value else frozenset()


def like_pattern(text: str) -> str:
    """`text` anywhere in a LIKE operand, its wildcards taken literally (with ESCAPE '\\')."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


ID_SET = "(SELECT value FROM json_each(?))"  # one parameter for any number of ids (the limit is 32766)
ID_SET_NAMED = "(SELECT value FROM json_each(:ids))"


def id_list(ids: Iterable[int]) -> str:
    """Claim ids as the one JSON parameter of `ID_SET`."""
    return json.dumps(sorted(set(ids)))


def link_from_row(r: dict[str, Any]) -> Link:
    return Link(
        int(r["source_id"]), int(r["target_id"]), Relation(r["relation"]), r["rule"], r["evidence"], r["subject"]
    )


def verdict_from_row(r: dict[str, Any]) -> Verdict:
    return Verdict(
        int(r["id"]),
        int(r["claim_id"]),
        r["status"],
        r["note"],
        json_list(r["evidence"]),
        r["analyst"],
        r["created_at"],
        r["cleared_at"],
        r["superseded_by"],
    )
