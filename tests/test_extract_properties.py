"""Property tests for extract_claims: robust on arbitrary text, offsets exact, order kept."""

# Curly quotes are part of the generated material:

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimtrack.extract import extract_claims
from claimtrack.lexicon import load_lexicon
from claimtrack.models import Article

FRAGMENTS = [
    "Russia's defence ministry",
    "Kyiv",
    "Moscow",
    "the Kremlin",
    "Zelensky",
    "He",
    "She",
    "It",
    "They",
    "the governor",
    "Ukraine's air force",
    "officials installed by Moscow",
    "TASS, citing the defence ministry,",
    "Reuters",
    "U.S., British and Polish officials",
    " said",
    " says",
    " told Reuters",
    " denied",
    " acknowledged",
    " accused Kyiv of",
    " was quoted by state media as saying",
    " according to",
    "According to",
    " that",
    " wrote on Telegram",
    " did not respond to a request for comment",
    " could not independently verify",
    " but",
    " who said",
    " on Friday",
    " 31 of 35 drones",
    " the village was taken",
    " there were no casualties",
    '"',
    "“",
    "”",
    "'",
    "’",
    ",",
    ".",
    ":",
    ";",
    " - ",
    "(Reuters)",
    "KYIV, March 3 (Reuters) - ",
    "\n",
    "\n\n",
    " ",
    "  ",
    "(Writing by A. B.; Editing by C. D.)",
    "Mr.",
    "U.S.",
    "St.",
    "...",
    "?",
    "!",
    "—",
]

news_text = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=12)), max_size=40).map("".join)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    body=news_text,
    published=st.one_of(st.none(), st.dates(dt.date(2000, 1, 1), dt.date(2030, 12, 31))),
)
def test_extract_never_raises_and_offsets_are_exact(body: str, published: dt.date | None) -> None:
    claims = extract_claims(Article(body=body, published=published), load_lexicon())
    previous = -1
    for claim in claims:
        sentence = claim.sentence
        assert 0 <= sentence.start <= sentence.end <= len(body)
        assert body[sentence.start : sentence.end] == sentence.text
        assert sentence.text in body
        assert sentence.start >= previous, "claims out of sentence order"
        previous = sentence.start


@settings(max_examples=200, deadline=None)
@given(body=st.text(max_size=300))
def test_extract_never_raises_on_any_text(body: str) -> None:
    claims = extract_claims(Article(body=body), load_lexicon())
    for claim in claims:
        assert body[claim.sentence.start : claim.sentence.end] == claim.sentence.text


def test_a_run_on_sentence_is_not_read_and_the_rest_is() -> None:
    """A megabyte with no full stop (pasted junk) gives no claim; the article's real sentences still do."""
    import datetime as dt

    from claimtrack.extract import MAX_SENTENCE_CHARS, extract_claims
    from claimtrack.lexicon import load_lexicon
    from claimtrack.models import Article

    junk = "the governor said forces held the town " * (1_000_000 // 40)
    assert len(junk) > MAX_SENTENCE_CHARS
    body = f"{junk}\n\nThe regional governor said two houses were damaged overnight."
    claims = extract_claims(Article(body=body, published=dt.date(2025, 1, 6)), load_lexicon())
    assert [c.sentence.text for c in claims] == ["The regional governor said two houses were damaged overnight."]
