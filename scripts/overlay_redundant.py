"""Which places.toml entries the generated gazetteer would reproduce, and so need not be typed by hand.

    pip install -e '.[gazetteer]' && python scripts/overlay_redundant.py [--verbose] [--remove]

An overlay entry is redundant when, with it left out of places.toml and gazetteer.tsv made again
(scripts/make_gazetteer.py no longer leaves its names to the overlay), the merged gazetteer holds
a place of the same name that reproduces all of it:

- the same kind, country and region (a generated place has no region, so an entry with a
  `region` link always stays: `show REGION` and a district's parent town need it);
- coordinates within MAX_DEGREES of the entry's on both axes, where the entry has coordinates
  (a generated country has none, so a country entry with coordinates stays);
- every alias of the entry among the place's spellings (compared with normalise_name).

The generated place may add spellings and coordinates of its own. Entries are left out together:
the check is repeated, with the entries that failed it back in the overlay, until no more fail.
The report lists the redundant entries (with --verbose, why each other entry stays); --remove
deletes them from places.toml and writes gazetteer.tsv again. docs/gazetteer.md has the rule.
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import make_gazetteer

from claimtrack.lexicon import Lexicon, Place, load_lexicon, merge_places, normalise_name, parse_gazetteer

MAX_DEGREES = 0.1  # about 11 km north-south: within a town's own area


def why_not(entry: Place, place: Place | None, generated: set[str]) -> str | None:
    """Why `place` (the merged gazetteer's place of the entry's name) does not reproduce `entry`;
    None when it does. `generated`: the generated table's names."""
    if place is None and entry.name in generated:
        return "in GeoNames, but its name is an actor's (or a word of a person's name)"
    if place is None:
        return "not in GeoNames' selection (or under another name)"
    for field in ("region", "kind", "country"):
        if getattr(entry, field) != getattr(place, field):
            return f"{field} {getattr(entry, field)!r}, generated {getattr(place, field)!r}"
    if entry.lat is not None and entry.lon is not None:
        if place.lat is None or place.lon is None:
            return "coordinates the generated place lacks"
        off = max(abs(entry.lat - place.lat), abs(entry.lon - place.lon))
        if off > MAX_DEGREES:
            return f"coordinates {off:.2f} degrees off"
    spellings = {normalise_name(n) for n in (place.name, *place.aliases)}
    missing = [a for a in entry.aliases if normalise_name(a) not in spellings]
    return f"aliases the generated place lacks: {', '.join(missing)}" if missing else None


def overlay_text(text: str, dropped: set[str]) -> str:
    """places.toml's text without the [[place]] blocks named in `dropped` (and the blank line after each)."""
    blocks = re.split(r"(?m)^(?=\[\[place\]\]\n)", text)
    kept = []
    for block in blocks:
        name = re.match(r'\[\[place\]\]\nname = "([^"]*)"\n', block)
        if name and name.group(1) in dropped:
            rest = block.split("\n\n", 1)
            kept.append(rest[1] if len(rest) == 2 else "")
        else:
            kept.append(block)
    return "".join(kept)


def redundant(lexicon: Lexicon, text: str) -> tuple[list[Place], dict[str, str]]:
    """The entries the generated table reproduces when they are all left out, and why each other stays."""
    candidates = list(lexicon.own_places)
    reasons: dict[str, str] = {}
    while True:
        names = {p.name for p in candidates}
        kept = tuple(p for p in lexicon.own_places if p.name not in names)
        generated = parse_gazetteer(
            "\n".join(make_gazetteer.table(make_gazetteer.overlay_names(overlay_text(text, names))))
        )
        rows = merge_places(replace(lexicon, own_places=kept), generated)
        merged = {row[0]: Place(*row) for row in reversed(rows)}  # the first of a name is the place
        names = {row[0] for row in generated}
        failed = {p.name: why for p in candidates if (why := why_not(p, merged.get(p.name), names)) is not None}
        reasons.update(failed)
        if not failed:
            return candidates, reasons
        candidates = [p for p in candidates if p.name not in failed]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--verbose", action="store_true", help="say why each other entry stays")
    parser.add_argument("--remove", action="store_true", help="delete them from places.toml, make gazetteer.tsv again")
    args = parser.parse_args()
    text = make_gazetteer.OVERLAY.read_text(encoding="utf-8")
    found, reasons = redundant(load_lexicon(), text)
    for place in found:
        print(f"redundant\t{place.name}\t{place.kind}\t{place.country}")
    if args.verbose:
        for name, why in reasons.items():
            print(f"stays\t{name}\t{why}")
    print(f"{len(found)} of {len(found) + len(reasons)} overlay entries are redundant", file=sys.stderr)
    if args.remove and found:
        make_gazetteer.OVERLAY.write_text(overlay_text(text, {p.name for p in found}), encoding="utf-8")
        return make_gazetteer.main()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
