"""Split an article body into sentences with offsets into the original body.

Pattern handled: a sentence ends at ``. ! ?`` (plus closing quotes or
brackets) followed by whitespace and an uppercase letter, digit or opening
quote, or at a paragraph end (newline). Example::

    “We hold the line,” Gen. Smith said. “Water will run out.” Kyiv denied it.

gives three sentences: ``Gen.`` is an abbreviation and the quote-final
``out.”`` ends the second sentence. A quotation of several sentences is split
into them (``“We hold. They run,” he said.`` is two sentences), since a claim
never spans two; the extractor gives each the speaker of the quotation.

Also: a leading dateline (``KYIV, March 3 (Reuters) - ``) is skipped, trailing
credit lines (``(Reporting by ...; Editing by ...)``) are dropped, and
abbreviations, initials and decimals do not end sentences. Single pass over
the body with simple regexes: linear time.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

from claimtrack.extract.quotes import FILLER, PLACEHOLDER, is_closed, mask_quotes, normalise_marks, quote_spans
from claimtrack.lexicon import shipped_alternation, shipped_sequence, shipped_words
from claimtrack.models import Sentence

# Abbreviations (lower case, without the final dot) whose dot never ends a
# sentence unless a newline follows: titles before names, dotted initialisms,
# company suffixes.
ABBREVIATIONS = shipped_words("words.abbreviations")
# The subset that blocks a split only before a number ("Sept. 11", "No. 3").
NUMBER_ABBREVIATIONS = shipped_words("words.number_abbreviations")

TERMINATORS = frozenset(".!?")
CLOSERS = frozenset(")]}\u201d\u2019\"'\u00bb" + FILLER)  # FILLER: the first half of a closing ''
OPENERS = frozenset("\u201c\u2018\"'(\u00ab")
_MAX_TOKEN = 12  # longest abbreviation token looked at, bounds the scan back

# A capitalised speaker and a speech verb right after a quote-final mark:
# '"Where is the aid?" Filashkin asked.' stays one sentence.
_SPEAKER_RE = re.compile(
    r"(?:[A-Z][\w'\u2019.-]{0,30}\s+){1,6}"
    rf"(?:{shipped_alternation('words.quote_speaker_verbs')})\b"
)
_TERMINATOR_RE = re.compile(r"[.!?]")
_LINE_RE = re.compile(r"[^\n]+")
_INITIALISM_RE = re.compile(r"(?:[a-z]\.)+[a-z]")
_DATELINE_RE = re.compile(
    r"\s*"
    r"(?P<place>[A-Z][A-Z'\u2019.\-]+(?: [A-Z][A-Z'\u2019.\-]+){0,3})"
    r"(?P<detail>,[^\n()\u2013\u2014]{1,60}?)?"
    r"[ \t]*(?P<credit>\([^()\n]{1,40}\))?"
    r"[ \t]*(?P<sep>[-\u2013\u2014]{1,2})(?P<gap>\s*)"
)
_CREDIT_WORDS = r"(?:" + "|".join(w.replace(" ", r"\s+") for w in shipped_sequence("words.credit_words")) + ")"
# "(Reporting by Jane Doe; Editing by John Roe)", or bare, not ending like a sentence.
_CREDIT_RE = re.compile(
    rf"\(\s*{_CREDIT_WORDS}\b[^()\n]{{0,40}}?\bby\b[^()\n]{{0,300}}\)"
    rf"|{_CREDIT_WORDS}\b[^()\n]{{0,40}}?\bby\b[^()\n]{{0,300}}[^.!?()\s]",
    re.IGNORECASE,
)
OPENING_QUOTES = frozenset("\u201c\u2018\"'")


def _dateline_shape(match: re.Match[str]) -> bool:
    """True when a match looks like a dateline: a credit, a date, or 'PLACE — '."""
    if match.group("credit") is not None:
        return True
    detail = match.group("detail")
    if detail is not None:
        return any(char.isdigit() for char in detail)  # "KYIV, March 3 - "
    return len(match.group("place")) >= 3 and match.group("sep") != "-"


def body_start(body: str) -> int:
    """Offset where the news text begins after a leading dateline/credit.

    'KYIV, March 3 (Reuters) - Troops ...' -> offset of 'Troops'; 0 if none.
    """
    match = _DATELINE_RE.match(body)
    if match is None or not _dateline_shape(match):
        return 0
    end = match.end()
    if not match.group("gap") and end < len(body):
        follower = body[end]
        if not (follower.isupper() or follower in OPENING_QUOTES):
            return 0  # "KYIV-based" or a hyphenated word, not a dateline
    return end


class _Candidate(NamedTuple):
    """A possible sentence end: offset after the terminator (or closing mark),
    the offset of a '.' outside quotes, and whether a quotation ends there."""

    end: int
    dot: int | None = None
    quote: bool = False
    inner: bool = False
    opens: int = -1  # where the quotation that ends here opened


def _skip_closers(body: str, pos: int, end: int, span_starts: set[int]) -> int:
    """Position after the closing quotes/brackets that follow a terminator."""
    while pos < end and body[pos] in CLOSERS and pos not in span_starts:
        pos += 1
    return pos


def _next_visible(body: str, pos: int, end: int) -> int:
    """Position of the first non-whitespace character at or after `pos` (or `end`)."""
    while pos < end and body[pos].isspace():
        pos += 1
    return pos


def _starts_sentence(char: str) -> bool:
    return char.isupper() or char.isdigit() or char in OPENERS


def _token_char(char: str) -> bool:
    return char.isalpha() or char == "."


def _token_before(body: str, dot: int) -> str:
    """The word (letters and inner dots) right before the dot at `dot`; '' if too long."""
    start = dot
    while start > 0 and dot - start < _MAX_TOKEN and _token_char(body[start - 1]):
        start -= 1
    if start > 0 and _token_char(body[start - 1]):
        return ""  # longer than any abbreviation
    return body[start:dot]


def _is_abbreviation(body: str, dot: int, following: str) -> bool:
    """True when the dot at `dot` belongs to an abbreviation, initial or title."""
    token = _token_before(body, dot)
    lower = token.lower()
    if lower in NUMBER_ABBREVIATIONS:
        return following.isdigit()
    if lower in ABBREVIATIONS:
        return True
    if len(token) == 1 and token.isupper():
        return True  # an initial: "J. Smith"
    return _INITIALISM_RE.fullmatch(lower) is not None


def _boundary_after(
    body: str, term_end: int, para_end: int, span_starts: set[int], cand: _Candidate, sentence_start: int
) -> int | None:
    """Sentence end after a terminator ending at `term_end`, or None if no break."""
    if cand.inner and (term_end >= para_end or not body[term_end].isspace()):
        return None  # inside a quotation only a terminator and a space end a sentence
    end = term_end if cand.inner else _skip_closers(body, term_end, para_end, span_starts)
    if end < para_end and not body[end].isspace():
        return None
    nxt = _next_visible(body, end, para_end)
    if nxt >= para_end:
        return end  # paragraph end
    if not _starts_sentence(body[nxt]):
        return None
    if cand.dot is not None and _is_abbreviation(body, cand.dot, body[nxt]):
        return None
    # '"Why now?" Smith asked.' is one sentence; 'She called it "a sham." She added ...' is two
    opened_the_sentence = not body[sentence_start : max(sentence_start, cand.opens)].strip()
    if cand.quote and opened_the_sentence and _SPEAKER_RE.match(body, nxt, min(para_end, nxt + 200)):
        return None
    return end


def _quote_final(body: str, span: tuple[int, int]) -> bool:
    """True when a closed quotation ends with . ! ? before its closing mark(s)."""
    if not is_closed(body, span):
        return False
    pos = span[1] - 2
    while pos > span[0] and body[pos] in CLOSERS:
        pos -= 1
    return pos > span[0] and body[pos] in TERMINATORS


def _candidates(body: str, masked: str, para: tuple[int, int], spans: list[tuple[int, int]]) -> list[_Candidate]:
    """Possible sentence ends within the paragraph, in order."""
    start, end = para
    found = [_Candidate(s[1], quote=True, opens=s[0]) for s in spans if _quote_final(body, s)]
    found.extend(
        _Candidate(m.end(), dot=m.start() if m.group() == "." else None)
        for m in _TERMINATOR_RE.finditer(masked, start, end)
    )
    # a quotation of several sentences is several sentences (a claim never spans two)
    found.extend(
        _Candidate(m.end(), dot=m.start() if m.group() == "." else None, inner=True)
        for m in _TERMINATOR_RE.finditer(body, start, end)
        if masked[m.start()] == PLACEHOLDER
    )
    found.sort(key=lambda c: c.end)
    return found


def _spans_in(spans: list[tuple[int, int]], lo: int, hi: int, first: int) -> tuple[int, int]:
    """Index range [first, last) of spans that end within (lo, hi], from index `first`."""
    while first < len(spans) and spans[first][1] <= lo:
        first += 1
    last = first
    while last < len(spans) and spans[last][1] <= hi:
        last += 1
    return first, last


def _split_paragraph(
    body: str,
    masked: str,
    para: tuple[int, int],
    spans: list[tuple[int, int]],
    span_starts: set[int],
) -> list[tuple[int, int]]:
    """(start, end) of the raw sentence pieces of one paragraph (unstripped)."""
    start, end = para
    pieces: list[tuple[int, int]] = []
    cur = start
    for cand in _candidates(body, masked, para, spans):
        if cand.end <= cur:
            continue
        boundary = _boundary_after(body, cand.end, end, span_starts, cand, cur)
        if boundary is not None and boundary > cur:
            pieces.append((cur, boundary))
            cur = boundary
    if cur < end:
        pieces.append((cur, end))
    return pieces


def _strip(body: str, start: int, end: int) -> tuple[int, int]:
    """Shrink [start, end) to exclude surrounding whitespace."""
    while start < end and body[start].isspace():
        start += 1
    while end > start and body[end - 1].isspace():
        end -= 1
    return start, end


# "Read more: Abiy says Mekelle taken", "Photo: ...": a link or caption line, not the story's prose
LINK_LINE = re.compile(rf"^\s*(?:{shipped_alternation('words.link_line_heads', in_order=True)})\s*:", re.I)


def is_heading(line: str) -> bool:
    """'GRADUAL ADVANCE', '"LOSSES ARE PART OF COMBAT"': a line in capitals with no sentence end
    (quoted or not) is a subheading, not prose; nor is a 'Read more:' link line."""
    if LINK_LINE.match(line):
        return True
    words = line.split()
    bare = line.strip().strip('"\u201c\u201d').rstrip()
    return (
        0 < len(words) <= 10
        and not any(char.islower() for char in line)
        and any(char.isalpha() for char in line)
        and not bare.endswith((".", "!", "?", '"', "\u201d"))
    )


def _paragraphs(body: str, start: int) -> Iterator[tuple[int, int]]:
    """(start, end) of each line of prose from `start` on: blank lines and subheadings skipped, a
    dateline opening a paragraph ('KYIV, March 3 (Reuters) - ') left out (it may follow a headline)."""
    for match in _LINE_RE.finditer(body, start):
        if match.group().isspace() or is_heading(match.group()):
            continue
        begin = match.start() + body_start(match.group())
        if begin < match.end():
            yield begin, match.end()


def is_credit_line(text: str) -> bool:
    """True for a credit such as '(Reporting by Jane Doe; Editing by John Roe)'."""
    return _CREDIT_RE.fullmatch(text.strip()) is not None


def split_sentences(body: str) -> list[Sentence]:
    """Sentences of `body`: text == body[start:end], stripped, in order, indexed from 0."""
    shadow = normalise_marks(body)  # '' read as a double mark; same offsets
    spans = quote_spans(shadow)
    masked = mask_quotes(shadow, spans)
    span_starts = {s[0] for s in spans}
    found: list[tuple[int, int, int]] = []
    hi = 0
    for number, para in enumerate(_paragraphs(shadow, 0)):
        lo, hi = _spans_in(spans, para[0], para[1], hi)
        for piece in _split_paragraph(shadow, masked, para, spans[lo:hi], span_starts):
            s, e = _strip(shadow, *piece)
            if s < e:
                found.append((s, e, number))
    while found and is_credit_line(body[found[-1][0] : found[-1][1]]):
        found.pop()
    return [Sentence(text=body[s:e], start=s, end=e, paragraph=p, index=i) for i, (s, e, p) in enumerate(found)]
