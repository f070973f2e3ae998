"""Atomic file writes: a temporary file beside the target, then a rename.

A reader never sees a half-written file, and a failed write leaves nothing
behind: the temporary file is removed and the old file (if any) is untouched.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO

__all__ = ["atomic_binary_write", "atomic_write", "write_text_atomic"]


def _default_mode() -> int:
    """The permissions a plain ``open(path, "w")`` would give (0o666 less umask)."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


@contextlib.contextmanager
def _replacing(path: str | os.PathLike[str]) -> Iterator[tuple[int, str]]:
    """A temporary file beside ``path`` that replaces it if the block succeeds."""
    target = Path(path)
    handle, temporary = tempfile.mkstemp(
        prefix=f".{target.name}.", suffix=".tmp", dir=target.parent or Path(".")
    )
    try:
        yield handle, temporary
        os.chmod(temporary, _default_mode())
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


@contextlib.contextmanager
def atomic_write(
    path: str | os.PathLike[str], *, newline: str | None = ""
) -> Iterator[IO[str]]:
    """Open a text stream whose content replaces ``path`` only on success.

    Parameters
    ----------
    path : path-like
        The file to (re)place.
    newline : str or None
        Passed to :func:`open`; ``""`` is what :mod:`csv` writers want.

    Yields
    ------
    file object
        A UTF-8 text stream on a temporary file in the same folder.

    Raises
    ------
    OSError
        When the folder is missing or not writable; nothing is left behind.
    """
    with (
        _replacing(path) as (handle, _),
        os.fdopen(handle, "w", encoding="utf-8", newline=newline) as stream,
    ):
        yield stream
        stream.flush()
        os.fsync(stream.fileno())


@contextlib.contextmanager
def atomic_binary_write(path: str | os.PathLike[str]) -> Iterator[IO[bytes]]:
    """Open a seekable binary stream whose content replaces ``path`` on success.

    As :func:`atomic_write`, for binary containers (a zip needs to seek back
    to its members' headers).

    Raises
    ------
    OSError
        When the folder is missing or not writable; nothing is left behind.
    """
    with _replacing(path) as (handle, _), os.fdopen(handle, "w+b") as stream:
        yield stream
        stream.flush()
        os.fsync(stream.fileno())


def write_text_atomic(path: str | os.PathLike[str], text: str) -> None:
    """Write ``text`` to ``path`` atomically (UTF-8, Unix line endings)."""
    with atomic_write(path, newline="\n") as stream:
        stream.write(text)
