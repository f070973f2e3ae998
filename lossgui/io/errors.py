"""The error every loader raises for a file or text it refuses."""

from __future__ import annotations

__all__ = ["FileFormatError"]


class FileFormatError(ValueError):
    """A file, or pasted text, that lossgui refuses, with the reason in words.

    The message names the problem in terms a user can act on (``"row 3 has 2
    values, the first row has 3"``); callers show it and leave the current
    session untouched.
    """
