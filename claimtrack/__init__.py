"""claimtrack: a ledger of attributed war claims.

From Python (docs/library.md)::

    from claimtrack import Ledger, extract_claims

    claims = extract_claims(text, published="2025-02-08")  # text in, claims out, no database
    with Ledger.open("claims.db") as ledger:  # the file `claimtrack --db claims.db` reads
        ledger.ingest(text)
        disputed = ledger.claims(status="disputed")

The names below are imported on first use, so `import claimtrack` (and the command line's start-up)
loads neither the extractor nor the store.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from claimtrack.library import Ledger, extract_claims
    from claimtrack.models import Article, Claim, Stance, Status, StoredClaim
    from claimtrack.service import IngestResult

# public name -> the module it lives in
_LAZY = {
    "extract_claims": "claimtrack.library",
    "Ledger": "claimtrack.library",
    "Article": "claimtrack.models",
    "Claim": "claimtrack.models",
    "StoredClaim": "claimtrack.models",
    "Status": "claimtrack.models",
    "Stance": "claimtrack.models",
    "IngestResult": "claimtrack.service",
}

__all__ = [
    "Article",
    "Claim",
    "IngestResult",
    "Ledger",
    "Stance",
    "Status",
    "StoredClaim",
    "__version__",
    "extract_claims",
]


if not TYPE_CHECKING:  # type checkers see the imports above, and a misspelt name stays an error

    def __getattr__(name: str) -> Any:
        module = _LAZY.get(name)
        if module is None:
            raise AttributeError(f"module 'claimtrack' has no attribute {name!r}")
        value = getattr(import_module(module), name)
        globals()[name] = value  # looked up once
        return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
