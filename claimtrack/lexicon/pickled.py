"""The pickle cache in $XDG_CACHE_HOME/claimtrack (else ~/.cache/claimtrack).

What is slow to make from the lexicon files is kept there between processes: the parsed lexicon
(`lexicon-KEY.pickle`), the places merged from the overlay and the generated gazetteer
(`places-KEY.pickle`) and the place and subject matching index (`terms-KEY.pickle`). KEY is a
hash of what the value was made from, so a changed file, override or actor makes a new key; the
newest few files of each kind are kept. Any problem with a cache file just means making the value
again, and a cache that cannot be written is no reason to fail.
"""

from __future__ import annotations

import gc
import hashlib
import os
import pickle
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")
KEEP = 4  # files of each kind kept: a few lexicons (overrides, a ledger's actors) in use at once


def folder() -> Path:
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "claimtrack"


def key(*parts: str) -> str:
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:20]


def stamp(*paths: Path) -> str:
    """The files' names, sizes and modification times: what a key needs of a file it was made from."""
    stamps = []
    for path in paths:
        try:
            stat = path.stat()
            stamps.append(f"{path}:{stat.st_size}:{stat.st_mtime_ns}")
        except OSError:
            stamps.append(f"{path}:missing")
    return "|".join(stamps)


def cached(kind: str, value_key: str, expected: type[T], make: Callable[[], T]) -> T:
    """The value kept as `kind`-`value_key`, else `make()`, which is then kept."""
    path = folder() / f"{kind}-{value_key}.pickle"
    found = _read(path)
    if isinstance(found, expected):
        return found
    value = make()
    _write(path, value)
    return value


def _read(path: Path) -> object:
    collecting = gc.isenabled()
    gc.disable()  # the collector would walk the growing heap again and again as tens of thousands of objects arrive
    try:
        return pickle.loads(path.read_bytes())
    except Exception:  # a missing, truncated, stale or foreign file: make the value again
        return None
    finally:
        if collecting:
            gc.enable()


def _write(path: Path, value: object) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(f".{os.getpid()}.tmp")
        temporary.write_bytes(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
        os.replace(temporary, path)
        _prune(path)
    except (OSError, pickle.PicklingError):
        pass  # a read-only home is no reason to fail


def _prune(written: Path) -> None:
    kind = written.name.rsplit("-", 1)[0]
    others = [p for p in written.parent.glob(f"{kind}-*.pickle") if p != written and p.name.count("-") == 1]
    others.sort(key=lambda p: p.stat().st_mtime_ns, reverse=True)
    for old in others[KEEP - 1 :]:
        old.unlink(missing_ok=True)
