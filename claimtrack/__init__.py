"""claimtrack: a ledger of attributed war claims."""

__version__ = "0.1.0"
