"""Find quotations in article text and hide their words from later regexes.

Pattern handled: paired quotation marks within one paragraph, e.g. in
``“Robotyne has been liberated,” Maliar said.`` the span covers
``“Robotyne has been liberated,”`` (marks included).

Rules, in one left-to-right pass over the quote marks:

* curly ``“`` opens and ``”`` closes; a straight ``"`` closes an open quotation
  and opens one otherwise;
* ``‘ ’`` count only when clearly used as quotes: ``‘`` at the start of a word
  opens, and a later ``’`` that is not followed by a letter or digit closes
  (so the apostrophes of Russia’s / Kyiv’s never do); an unclosed ``‘`` is
  not a quotation, and single marks inside a double quotation are ignored;
* a newline ends any open quotation (news style: a quotation continued in the
  next paragraph reopens with a fresh mark there), as does the end of text;
* an opening ``“`` while a quotation is open ends the open one just before it;
* two apostrophes ``''`` (and two backticks) stand for a straight double
  mark, as in archived newspaper text (``''We won,'' he said.``): `normalise_marks`
  rewrites them, keeping every offset, before anything else reads the marks.

Unbalanced marks never raise. Spans are sorted and never overlap.
"""

# Curly quotes and apostrophes are the subject matter here:

from __future__ import annotations

import re

OPEN_DOUBLE = "\u201c"  # “
CLOSE_DOUBLE = "\u201d"  # ”
STRAIGHT_DOUBLE = '"'
OPEN_SINGLE = "\u2018"  # ‘
CLOSE_SINGLE = "\u2019"  # ’
PLACEHOLDER = "_"

CLOSING_MARKS = frozenset({CLOSE_DOUBLE, STRAIGHT_DOUBLE, CLOSE_SINGLE})
_BEFORE_SINGLE_OPENER = frozenset("([{-\u2013\u2014/" + OPEN_DOUBLE + STRAIGHT_DOUBLE)

_MARK_RE = re.compile('[\u201c\u201d"\u2018\u2019\n]')
_DOUBLED_MARK_RE = re.compile(r"''|``")
FILLER = "\u2063"  # invisible separator: the other half of a two-character mark, neither space nor word


Span = tuple[int, int]


def _trim_end(text: str, start: int, end: int) -> int:
    """End of an unclosed quotation at `end`, without trailing whitespace."""
    while end > start + 1 and text[end - 1].isspace():
        end -= 1
    return end


def _opens_single(text: str, pos: int) -> bool:
    """True when the ‘ at `pos` starts a word, like an opening quote."""
    before_ok = pos == 0 or text[pos - 1].isspace() or text[pos - 1] in _BEFORE_SINGLE_OPENER
    after_ok = pos + 1 < len(text) and not text[pos + 1].isspace()
    return before_ok and after_ok


def _closes_single(text: str, pos: int) -> bool:
    """True when the ’ at `pos` ends a word and is not an apostrophe (Kyiv’s)."""
    before_ok = pos > 0 and not text[pos - 1].isspace()
    after_ok = pos + 1 >= len(text) or not text[pos + 1].isalnum()
    return before_ok and after_ok


class _Scanner:
    """State of the single pass over quote marks."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.spans: list[Span] = []
        self.double: int | None = None
        self.single: int | None = None

    def close_double(self, end: int, *, closed: bool) -> None:
        if self.double is None:
            return
        start = self.double
        self.spans.append((start, end if closed else _trim_end(self.text, start, end)))
        self.double = None

    def open_double(self, pos: int) -> None:
        self.single = None  # a double mark inside a ‘...’ candidate cancels it
        self.double = pos

    def feed(self, mark: str, pos: int) -> None:
        if mark == "\n":
            self.close_double(pos, closed=False)
            self.single = None
        elif mark == OPEN_DOUBLE:
            self.close_double(pos, closed=False)
            self.open_double(pos)
        elif mark == CLOSE_DOUBLE:
            self.close_double(pos + 1, closed=True)
        elif mark == STRAIGHT_DOUBLE:
            if self.double is None:
                self.open_double(pos)
            else:
                self.close_double(pos + 1, closed=True)
        elif self.double is None:
            self.feed_single(mark, pos)

    def feed_single(self, mark: str, pos: int) -> None:
        if mark == OPEN_SINGLE and _opens_single(self.text, pos):
            self.single = pos
        elif mark == CLOSE_SINGLE and self.single is not None and _closes_single(self.text, pos):
            if pos > self.single + 1:
                self.spans.append((self.single, pos + 1))
            self.single = None


def normalise_marks(text: str) -> str:
    """`text` with each two-character mark ('' or ``) turned into a straight double mark on the side
    facing the quotation and a filler on the other, so that offsets stay the same."""
    if "''" not in text and "``" not in text:
        return text

    def one(match: re.Match[str]) -> str:
        start = match.start()
        opening = match.group() == "``" or start == 0 or not (text[start - 1].isalnum() or text[start - 1] in ",.;:!?")
        return STRAIGHT_DOUBLE + FILLER if opening else FILLER + STRAIGHT_DOUBLE

    return _DOUBLED_MARK_RE.sub(one, text)


def quote_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each quotation, end exclusive, including the marks.

    An unclosed quotation ends at the end of its paragraph (a newline) or text.
    """
    text = normalise_marks(text)
    scanner = _Scanner(text)
    for match in _MARK_RE.finditer(text):
        scanner.feed(match.group(), match.start())
    scanner.close_double(len(text), closed=False)
    return scanner.spans


def inside_quote(spans: list[tuple[int, int]], pos: int) -> bool:
    """True when `pos` lies within one of the (sorted) spans, marks included."""
    lo, hi = 0, len(spans)
    while lo < hi:
        mid = (lo + hi) // 2
        if spans[mid][1] <= pos:
            lo = mid + 1
        else:
            hi = mid
    return lo < len(spans) and spans[lo][0] <= pos


def is_closed(text: str, span: tuple[int, int]) -> bool:
    """True when the span ends with a closing mark (not cut off at a paragraph end)."""
    start, end = span
    return end - start >= 2 and text[end - 1] in CLOSING_MARKS


def mask_quotes(text: str, spans: list[tuple[int, int]] | None = None) -> str:
    """`text` with every character inside a quotation (not the marks) set to '_'.

    Same length as `text`, so offsets into the result are offsets into `text`; two-character
    marks come out as a straight double mark and a filler (see `normalise_marks`).
    """
    text = normalise_marks(text)
    if spans is None:
        spans = quote_spans(text)
    parts: list[str] = []
    done = 0
    for span in spans:
        start, end = span
        inner_end = end - 1 if is_closed(text, span) else end
        if inner_end <= start + 1:
            continue
        parts.append(text[done : start + 1])
        parts.append(PLACEHOLDER * (inner_end - start - 1))
        done = inner_end
    parts.append(text[done:])
    return "".join(parts)
