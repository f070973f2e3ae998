"""The header every session file starts with: its format name and version.

Version 1 is the readable JSON file (every tensor a nested list). Version 2
adds the binary container (:mod:`lossgui.io.session_binary`), whose manifest
refers to ``.npy`` members instead of holding the numbers. A reader of
version 2 reads version 1 unchanged; readable JSON is still written as
version 1, so older lossgui releases open it.
"""

from __future__ import annotations

from typing import Any

from lossgui import __version__
from lossgui.i18n import translate
from lossgui.io.errors import FileFormatError

__all__ = ["JSON_VERSION", "SESSION_FORMAT", "SESSION_VERSION", "check_header"]

SESSION_FORMAT = "lossgui-session"
#: The newest format version this lossgui reads (and writes for containers).
SESSION_VERSION = 2
#: The version readable JSON sessions are written as.
JSON_VERSION = 1


def check_header(data: object) -> dict[str, Any]:
    """``data`` as a session's top-level object, once its header checks out.

    Raises
    ------
    FileFormatError
        For anything but an object with ``"format": "lossgui-session"`` and a
        version from 1 to :data:`SESSION_VERSION`.
    """
    if not isinstance(data, dict):
        raise FileFormatError(
            translate(
                "io",
                "not a lossgui session: the file holds a JSON {value}, not an object",
            ).format(value="list" if isinstance(data, list) else "value")
        )
    fmt = data.get("format")
    if fmt != SESSION_FORMAT:
        shown = "missing" if fmt is None else repr(fmt)
        raise FileFormatError(
            translate(
                "io",
                "not a lossgui session: 'format' is {shown}, expected "
                "'{SESSION_FORMAT}'",
            ).format(shown=shown, SESSION_FORMAT=SESSION_FORMAT)
        )
    version = data.get("version")
    if isinstance(version, bool) or not isinstance(version, int):
        raise FileFormatError(
            translate("io", "'version' must be a whole number (the format version)")
        )
    if version > SESSION_VERSION:
        shown = f"version {version}" if version < 10**6 else "an unknown version"
        raise FileFormatError(
            translate(
                "io",
                "the session was written by a newer lossgui (session format {shown}); "
                "lossgui {__version__} reads versions up to {SESSION_VERSION}. Update "
                "lossgui to open it.",
            ).format(
                shown=shown, __version__=__version__, SESSION_VERSION=SESSION_VERSION
            )
        )
    if version < 1:
        raise FileFormatError(
            translate(
                "io",
                "'version' {version} is not a session format version",
            ).format(version=version)
        )
    return data
