"""The typed errors of the service layer; the command line maps each to an exit code.

Each message is one line, worded for a person: `claimtrack: <message>` on stderr.
"""

from __future__ import annotations


class NotFoundError(LookupError):
    """An id or term that matches nothing in the ledger."""


class WorkerError(RuntimeError):
    """An extraction worker process stopped before handing back its articles."""


class InputError(ValueError):
    """An argument a command cannot use: a folder with no annotated articles, a backup onto the ledger itself."""


class UsageError(ValueError):
    """A value no ledger could hold, most likely a typo: a side no actor has."""
