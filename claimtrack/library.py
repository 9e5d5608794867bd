"""claimtrack from Python: `extract_claims(text)` and a `Ledger` you open, fill and query.

The command line's own functions do the work: the article parser of `claimtrack.article`, the
extractor of `claimtrack.extract`, the use cases of `claimtrack.service` (opening a ledger, its
language data, listing) and the ingest of `claimtrack.ingest`, so a script sees the same claims,
statuses and errors as `claimtrack ingest` and `claimtrack list`.

    >>> from claimtrack import extract_claims
    >>> [(c.actor, c.side) for c in extract_claims("Russia's defence ministry said its forces took Netailove.")]
    [('Russian Ministry of Defence', 'russia')]

This module is imported on first use (`claimtrack.__getattr__`), so `import claimtrack` and the
command line's start-up do not pay for the extractor or the store.
"""

from __future__ import annotations

import datetime as dt
import os
import unicodedata
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Self

from claimtrack.article import parse_article, parse_date, read_article_file, with_overrides
from claimtrack.ingest import ingest_one
from claimtrack.lexicon import Lexicon, load_lexicon
from claimtrack.models import MAX_ROW_ID, Article, Claim, Status, StoredClaim
from claimtrack.service import (
    IngestResult,
    NotFoundError,
    known_sides,
    ledger_lexicon,
    list_claims,
    open_store,
)
from claimtrack.store import ClaimFilter, Store

if TYPE_CHECKING:
    import sqlite_utils

__all__ = ["Ledger", "extract_claims"]

Date = str | dt.date
"""A date as `published`, `since` and `until` take it: an ISO string ('2025-02-08') or a `datetime.date`."""


def _iso(value: Date, what: str) -> str:
    """An ISO date string of a date or of a string that reads as one; a ValueError names `what` otherwise."""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        return parse_date(value, what).isoformat()  # ArticleError, a ValueError: "... is not a date"
    raise TypeError(f"{what} must be an ISO date string or a datetime.date, not {type(value).__name__}")


def _from_text(text: str, origin: str) -> Article:
    """Text as `claimtrack ingest` reads a file: a byte-order mark dropped, NFC, then front matter and body."""
    return parse_article(unicodedata.normalize("NFC", text.removeprefix("\ufeff")), origin)


def _article(
    source: str | os.PathLike[str] | Article,
    *,
    published: Date | None,
    title: str | None,
    outlet: str | None,
    url: str | None,
    origin: str | None,
) -> Article:
    """The article `source` names, with the arguments given over its front matter (as the command's options)."""
    if isinstance(source, Article):
        article = source
    elif isinstance(source, str):
        article = _from_text(source, origin or "<text>")
    elif isinstance(source, os.PathLike):
        article = read_article_file(Path(source))
    else:
        raise TypeError(f"an article is a text (str), a path or an Article, not {type(source).__name__}")
    day: str | None = None
    if published is not None:
        iso = _iso(published, "published")  # checked here, so the error names this argument
        day = published if isinstance(published, str) else iso  # a string is stored as written, as by the CLI
    article = with_overrides(article, title=title, outlet=outlet, url=url, published=day)
    return replace(article, origin=origin) if origin and article.origin != origin else article


def extract_claims(
    text: str,
    published: Date | None = None,
    *,
    title: str | None = None,
    outlet: str | None = None,
    lexicon: Lexicon | None = None,
) -> list[Claim]:
    """Every attributed claim in a news text, in reading order; no database is read or written.

    `text` is an article's body, optionally after `---` front matter (title, published, outlet,
    url) as in the article files `claimtrack ingest` reads. `published` (an ISO date string or a
    `datetime.date`) wins over the front matter's; it resolves relative dates ("on Friday") to
    event dates. `title` and `outlet` likewise win over the front matter. The bundled lexicon is
    used (loaded once, then cached) unless `lexicon` is given (`claimtrack.lexicon.load_lexicon(folder)`
    lays a folder of your own TOML files over it).

    Blank text has no claims. A `published` that is not a date, or front matter that cannot be
    read, raises ValueError with a one-line message.
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, not {type(text).__name__} (to read a file, use Ledger.ingest(Path(...)))")
    if not text.strip():
        if published is not None:
            _iso(published, "published")  # a bad date is an error whatever the text
        return []
    from claimtrack.extract import extract_claims as extract

    article = _article(text, published=published, title=title, outlet=outlet, url=None, origin=None)
    return extract(article, load_lexicon() if lexicon is None else lexicon)


class Ledger:
    """A claimtrack ledger (one SQLite file, or memory) for use from Python.

    Open it with `Ledger.open(path)`, ideally in a `with` block, which closes it::

        with Ledger.open("claims.db") as ledger:
            ledger.ingest(Path("article.txt"))
            disputed = ledger.claims(status="disputed")

    It is the same file the command line reads and writes (`claimtrack --db claims.db list`).
    """

    def __init__(self, store: Store, lexicon: Lexicon | None = None) -> None:
        """Wrap an open `claimtrack.store.Store`; `Ledger.open` is the usual way in."""
        self.store = store
        self._base_lexicon = lexicon
        self._lexicon: Lexicon | None = None
        self._closed = False

    @classmethod
    def open(
        cls, path: str | os.PathLike[str] = ":memory:", *, readonly: bool = False, lexicon: Lexicon | None = None
    ) -> Self:
        """The ledger at `path` (created, with its folder, if need be), or a new one in memory (":memory:").

        `readonly` opens an existing file for reading only. `lexicon` replaces the bundled language
        data (the actors and aliases added to the ledger with `claimtrack actors add` are laid over
        either). A file that is not a ledger, or cannot be opened, raises `claimtrack.store.StoreError`.
        """
        return cls(open_store(os.fspath(path), readonly=readonly), lexicon)

    # --- lifetime -----------------------------------------------------------------------------------

    @property
    def path(self) -> str:
        """Where the ledger is: a file's path, or ":memory:"."""
        return self.store.path

    @property
    def closed(self) -> bool:
        return self._closed

    def close(self) -> None:
        """Close the database; closing twice is harmless, and any other use afterwards is a ValueError."""
        if not self._closed:
            self._closed = True
            self.store.close()

    def __enter__(self) -> Self:
        self._check_open()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<Ledger {self.path!r}{' closed' if self._closed else ''}>"

    def _check_open(self) -> None:
        if self._closed:
            raise ValueError(f"the ledger {self.path!r} is closed")

    # --- what the ledger reads with -----------------------------------------------------------------

    @property
    def lexicon(self) -> Lexicon:
        """The language data: the bundled lexicon (or the one given to `open`), with the ledger's own
        actors and aliases laid over it, read once when first needed."""
        self._check_open()
        if self._lexicon is None:
            self._lexicon = ledger_lexicon(self.store, self._base_lexicon)
        return self._lexicon

    @property
    def db(self) -> sqlite_utils.Database:
        """The ledger as a sqlite-utils `Database` (its tables: docs/data-model.md). It shares this
        ledger's connection; after writing claims or actors through it, call `store.forget_facts()`."""
        self._check_open()
        return self.store.db

    # --- writing ------------------------------------------------------------------------------------

    def ingest(
        self,
        article: str | os.PathLike[str] | Article,
        published: Date | None = None,
        *,
        title: str | None = None,
        outlet: str | None = None,
        url: str | None = None,
        origin: str | None = None,
    ) -> IngestResult:
        """Extract an article's claims into the ledger and settle every status it touches, all in one
        transaction, as `claimtrack ingest` does; the same article (body and date) twice changes nothing
        and the second result says `already=True`.

        `article` is a text (a `str`, with optional front matter, is always read as text), a path
        (`pathlib.Path`: a .txt, .md or .html file) or an `Article`. `published`, `title`, `outlet` and
        `url` win over the front matter; `origin` names the document in listings (default: the path,
        or "<text>"). A bad date or an unreadable file raises ValueError (`claimtrack.article.ArticleError`);
        a storage failure raises `claimtrack.store.StoreError` and stores nothing of the article.
        """
        self._check_open()
        found = _article(article, published=published, title=title, outlet=outlet, url=url, origin=origin)
        return ingest_one(self.store, found, self.lexicon)

    # --- reading ------------------------------------------------------------------------------------

    def claims(
        self,
        *,
        status: str | Iterable[str] | None = None,
        source: str | None = None,
        side: str | None = None,
        about: str | Iterable[str] | None = None,
        since: Date | None = None,
        until: Date | None = None,
        limit: int | None = None,
        first_reports_only: bool = False,
    ) -> list[StoredClaim]:
        """Stored claims in ingest order, filtered as `claimtrack list` filters them; no filter, all of them.

        - `status`: "confirmed", "disputed" or "unverified" (or a `Status`), or several of them;
        - `source`: any name of the source ("Russian MoD", "Zelenskyy");
        - `side`: the side sources speak for ("russia", "ukraine", "unknown"...); a side the ledger
          could not hold is a ValueError, as a typo would silently match nothing;
        - `about`: a place or subject, any of its spellings ("Artyomovsk" finds Bakhmut), or several
          (a claim must be about each);
        - `since`, `until`: the event date (else the publication date) on or after, on or before;
        - `limit`: at most this many; `first_reports_only`: leave out later reports of the same claim,
          as `claimtrack list` does.
        """
        self._check_open()
        if limit is not None and limit < 0:
            raise ValueError(f"limit must be 0 or more, not {limit}")
        if side is not None and side.strip().casefold() not in (sides := known_sides(self.store, self.lexicon)):
            raise ValueError(f"unknown side {side!r}: one of {', '.join(sorted(sides))}")
        terms = _several(about)
        flt = ClaimFilter(
            statuses=tuple(_status(s) for s in _several(status)),
            source=source,
            side=side.strip() if side is not None else None,
            about=terms,
            since=_iso(since, "since") if since is not None else None,
            until=_iso(until, "until") if until is not None else None,
            limit=min(limit, MAX_ROW_ID) if limit is not None else None,
            first_reports_only=first_reports_only,
        )
        return list_claims(self.store, flt, self.lexicon if terms else None)

    def claim(self, claim_id: int) -> StoredClaim:
        """One stored claim by its id (as `claimtrack show ID` names it); no such claim is a LookupError."""
        self._check_open()
        found = self.store.claim(claim_id) if 0 < claim_id <= MAX_ROW_ID else None
        if found is None:
            raise NotFoundError(f"no claim with id {claim_id}")
        return found


def _several(value: str | Iterable[str] | None) -> tuple[str, ...]:
    if value is None:
        return ()
    return (value,) if isinstance(value, str) else tuple(value)


def _status(value: str) -> str:
    try:
        return Status(str(value).strip().casefold()).value
    except ValueError:
        raise ValueError(f"unknown status {value!r}: one of {', '.join(s.value for s in Status)}") from None
