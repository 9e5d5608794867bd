"""Errors of the ledger, each said in one line: what SQLite (or the decoding of a row) raised,
turned into a `StoreError` that names the file and what to do about it."""

from __future__ import annotations

import sqlite3

MESSAGE_LIMIT = 160  # characters of SQLite's own text kept in a message
# a row that fails to decode into its object raises one of these: the file is damaged
DECODING_ERRORS = (ValueError, TypeError, KeyError, IndexError, UnicodeDecodeError)


class StoreError(RuntimeError):
    """The database cannot be opened, read or written; the message says why in one line."""


class StoreIntegrityError(StoreError, sqlite3.IntegrityError):
    """A write broke a rule of the schema (a unique or foreign key): a StoreError that code written
    against sqlite3 still catches as sqlite3.IntegrityError."""


def one_line(text: str) -> str:
    line = " ".join(text.split())
    return line if len(line) <= MESSAGE_LIMIT else line[: MESSAGE_LIMIT - 3] + "..."


def damaged(path: str, what: str) -> StoreError:
    return StoreError(f"{path} is damaged ({one_line(what)}); restore it from a backup")


def sqlite_error(exc: sqlite3.Error | UnicodeDecodeError, path: str) -> StoreError:
    """One line for any error SQLite (or the decoding of what it returned) raised."""
    if isinstance(exc, UnicodeDecodeError):  # SQLite's own message quoted bytes that are not UTF-8
        return damaged(path, "text that is not UTF-8")
    text = str(exc)
    name = getattr(exc, "sqlite_errorname", None) or ""
    error = StoreIntegrityError if isinstance(exc, sqlite3.IntegrityError) else StoreError
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "locked" in text or "busy" in text:
        return StoreError(f"database {path} is locked by another process; try again")
    if name == "SQLITE_FULL" or "database or disk is full" in text:
        return StoreError(f"cannot write {path}: the disk is full; the change was not made")
    if name.startswith("SQLITE_IOERR") or "disk I/O error" in text:
        return StoreError(f"cannot read or write {path}: disk I/O error; the change was not made")
    if name.startswith("SQLITE_READONLY") or "readonly" in text or "read-only" in text:
        return StoreError(f"database {path} is read-only")
    if name == "SQLITE_NOTADB" or "not a database" in text:
        return StoreError(f"{path} is not a claimtrack database ({one_line(text)})")
    if name.startswith("SQLITE_CORRUPT") or "malformed" in text:
        return damaged(path, text)
    if text.startswith("Could not decode to UTF-8"):  # the text after it is the damaged bytes
        return damaged(path, text.partition(" with text")[0].replace("Could not decode to UTF-8", "not UTF-8:"))
    if name.startswith("SQLITE_CANTOPEN") or "unable to open" in text:
        return StoreError(f"cannot open database {path}")
    return error(f"database {path}: {one_line(text)}")
