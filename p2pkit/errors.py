"""Errors a user of the kit can cause, with messages that say what to do."""

from __future__ import annotations


class P2PKitError(ValueError):
    """A problem with the input a user gave to a ``p2pkit`` function.

    The message always names the problem and says what to do about it, so that a
    widget or the command line can show it as it is, without a traceback.
    """


class DataFileError(P2PKitError):
    """A data file could not be read as the kind of file it should be."""
