"""Text in, claims out: the one entry point of the rule-based extractor.

`extract_claims(article, lexicon)` splits the body into sentences, finds the
attributions in each, resolves sources to actors with the document's context
(pronouns, "the ministry"), and fills in what status needs: stance, hedges,
notes, event date, about-terms, outcomes and counts. No database, no clock.

The pipeline lives in `claimtrack.extract.pipeline` and is imported on first use, so
a command that needs only one part (`show` reads place names through `about`) does not
pay for the whole extractor at start-up.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from claimtrack.extract.pipeline import (
        MAX_SENTENCE_CHARS,
        SentenceReading,
        explain_sentence,
        extract_claims,
        read_article,
    )

__all__ = ["MAX_SENTENCE_CHARS", "SentenceReading", "explain_sentence", "extract_claims", "read_article"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from claimtrack.extract import pipeline

        return getattr(pipeline, name)
    raise AttributeError(f"module 'claimtrack.extract' has no attribute {name!r}")
